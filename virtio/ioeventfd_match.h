/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rules of KVM_IOEVENTFD, as upstream 6.1 has them (virt/kvm/eventfd.c
 * on arm64): which arguments an assign accepts, which guest writes an
 * ioeventfd answers, which two may not coexist, and which one a deassign
 * names.  Pure logic (virtio/ioeventfd_match.c), also built natively by
 * selftests/unit; the table, its locking and the eventfds are in
 * virtio/ioeventfd.c.
 */
#ifndef SV_IOEVENTFD_MATCH_H
#define SV_IOEVENTFD_MATCH_H

#include "sv_pure.h"

/*
 * Upstream keeps one bus per flag: KVM_IOEVENTFD_FLAG_PIO and
 * _VIRTIO_CCW_NOTIFY are accepted on arm64 but land on buses no arm64
 * access ever reaches.  Only SV_IOEV_MMIO is matched against guest writes.
 */
enum sv_ioev_bus {
	SV_IOEV_MMIO,
	SV_IOEV_PIO,
	SV_IOEV_CCW,
};

/* What an ioeventfd answers; also what a deassign names. */
struct sv_ioev_key {
	__u64 addr;
	__u64 datamatch;	/* compared with the whole 64 bits; 0 if wildcard */
	__u32 len;		/* 0: a write of any length at addr */
	__u8 bus;		/* enum sv_ioev_bus */
	bool wildcard;		/* no DATAMATCH: any value */
};

/* Assign: len, range and flags as upstream checks them; 0 or -EINVAL. */
int sv_ioev_check_assign(const struct kvm_ioeventfd *args);
/* The key an assign or a deassign describes. */
void sv_ioev_key(const struct kvm_ioeventfd *args, struct sv_ioev_key *k);
/*
 * Does a guest write of len bytes at addr with value data (zero-extended
 * from len bytes) hit k?  Only the exact address; a len-0 key takes any
 * length, otherwise the lengths agree and so does the value unless k is
 * a wildcard.
 */
bool sv_ioev_match(const struct sv_ioev_key *k, __u64 addr, __u32 len, __u64 data);
/*
 * Could a and b answer the same write (assign says -EEXIST)?  Same bus
 * and address, and a len-0 one, or equal lengths where one is a wildcard
 * or both want the same value.  Other lengths, or ranges that merely
 * overlap from another address, do not collide.
 */
bool sv_ioev_collide(const struct sv_ioev_key *a, const struct sv_ioev_key *b);
/* Is a the ioeventfd the deassign key b names (eventfds aside)? */
bool sv_ioev_same(const struct sv_ioev_key *a, const struct sv_ioev_key *b);

#endif /* SV_IOEVENTFD_MATCH_H */
