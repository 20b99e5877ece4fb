/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SV_FAST_DOORBELL: the guest MMIO writes an ioeventfd answers, posted at
 * EL2 (hyp/fast-doorbell.c) and signalled by the host on another CPU
 * (virtio/ioeventfd.c).  One table per VM in a page of the pool shared
 * with EL2, mapped for the module's lifetime.  Types only.
 *
 * The host writes e[], nr and seq with the VM's ioeventfd mutex held: seq
 * is odd while it does, and a reader that sees it odd or changed across
 * its look leaves the write to the host.  off is set by a memslot change
 * (the table may name an address that is RAM now) until the host has
 * published again.  pending[] and any are shared the other way: EL2 adds
 * a posted write to pending[i] (atomic) and sets any; the host takes them
 * with an atomic swap and signals the eventfd that many times.
 */
#ifndef SV_HYP_DB_H
#define SV_HYP_DB_H

#include "sv_hyp_ctxt.h"

#define SV_DB_MAX		64	/* entries; more ioeventfds stay with the host */
#define SV_DB_SGI		14	/* the physical SGI that tells the host (Linux uses 0-7) */

/* struct sv_db_entry.flags */
#define SV_DB_VALID		(1U << 0)
#define SV_DB_DATAMATCH		(1U << 1)	/* data must equal the written value */

/* What one ioeventfd answers (virtio/ioeventfd_match.h sv_ioev_match). */
struct sv_db_entry {
	sv_u64 addr;			/* IPA of the write (exactly) */
	sv_u64 data;			/* DATAMATCH: all 64 bits, the write zero-extended */
	sv_u32 len;			/* 1, 2, 4 or 8; 0 = a write of any length */
	sv_u32 flags;
};
SV_SHARED_SIZE(struct sv_db_entry, 24);

struct sv_db_table {
	sv_u64 seq;			/* host: odd while it writes e[] and nr */
	sv_u64 nr;			/* host: EL2 looks at e[0..nr) */
	sv_u64 off;			/* host: 1 = look at nothing (a memslot changed) */
	sv_u64 any;			/* EL2: something was posted since the host looked */
	struct sv_db_entry e[SV_DB_MAX];
	sv_u64 pending[SV_DB_MAX];	/* EL2 adds one per posted write; the host swaps 0 in */
};
SV_SHARED_SIZE(struct sv_db_table, 32 + SV_DB_MAX * 24 + SV_DB_MAX * 8);

#endif /* SV_HYP_DB_H */
