// SPDX-License-Identifier: GPL-2.0
/* KVM_IOEVENTFD's rules (see ioeventfd_match.h). */
#include "ioeventfd_match.h"

/* Every flag bit the uapi defines, KVM_IOEVENTFD_FLAG_DEASSIGN included. */
#define SV_IOEV_FLAGS	((1U << kvm_ioeventfd_flag_nr_max) - 1)

int sv_ioev_check_assign(const struct kvm_ioeventfd *args)
{
	switch (args->len) {
	case 0: case 1: case 2: case 4: case 8:
		break;
	default:
		return -EINVAL;
	}
	/* addr + len must not wrap (ending at 2^64 exactly wraps to 0). */
	if (args->addr + args->len < args->addr)
		return -EINVAL;
	/*
	 * Bit 4 (kvm_ioeventfd_flag_nr_fast_mmio) is in the valid mask
	 * upstream and means nothing: such an ioeventfd is a plain MMIO one.
	 */
	if (args->flags & ~SV_IOEV_FLAGS)
		return -EINVAL;
	/* A length-0 ioeventfd has no width to compare a value at. */
	if (!args->len && (args->flags & KVM_IOEVENTFD_FLAG_DATAMATCH))
		return -EINVAL;
	return 0;
}

void sv_ioev_key(const struct kvm_ioeventfd *args, struct sv_ioev_key *k)
{
	k->addr = args->addr;
	k->len = args->len;
	/* PIO wins when both bus flags are set, as upstream picks it first. */
	if (args->flags & KVM_IOEVENTFD_FLAG_PIO)
		k->bus = SV_IOEV_PIO;
	else if (args->flags & KVM_IOEVENTFD_FLAG_VIRTIO_CCW_NOTIFY)
		k->bus = SV_IOEV_CCW;
	else
		k->bus = SV_IOEV_MMIO;
	k->wildcard = !(args->flags & KVM_IOEVENTFD_FLAG_DATAMATCH);
	k->datamatch = k->wildcard ? 0 : args->datamatch;
}

bool sv_ioev_match(const struct sv_ioev_key *k, __u64 addr, __u32 len, __u64 data)
{
	if (k->addr != addr)
		return false;
	if (!k->len)
		return true;
	if (k->len != len)
		return false;
	/* All 64 bits: datamatch 0x1ff at len 1 never matches, as upstream. */
	return k->wildcard || k->datamatch == data;
}

bool sv_ioev_collide(const struct sv_ioev_key *a, const struct sv_ioev_key *b)
{
	if (a->bus != b->bus || a->addr != b->addr)
		return false;
	if (!a->len || !b->len)
		return true;
	if (a->len != b->len)
		return false;
	return a->wildcard || b->wildcard || a->datamatch == b->datamatch;
}

bool sv_ioev_same(const struct sv_ioev_key *a, const struct sv_ioev_key *b)
{
	return a->bus == b->bus && a->addr == b->addr && a->len == b->len &&
	       a->wildcard == b->wildcard &&
	       (a->wildcard || a->datamatch == b->datamatch);
}
