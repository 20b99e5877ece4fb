/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GICv3 distributor snapshot EL2 serves guest reads from
 * (SV_FAST_GICD): the host writes it (vgic/vgic-v3-snap.c) with the vGIC
 * lock held, EL2 only reads it (hyp/fast-gicd.c).  One per VM, in pages
 * of the pool shared with EL2 (host/el2.c), mapped for the module's
 * lifetime.  Types and the offset -> word mapping only.
 *
 * Only three windows of the 64 KiB GICD frame hold registers EL2 may
 * serve (GICv3 spec 12.9): CTLR..ICFGR below 0x1000, IROUTER<n> from
 * 0x6000 and the ID registers from 0xffd0.  They are stored back to back
 * as 32-bit words, so the snapshot is 4 pages instead of 17.
 */
#ifndef SV_HYP_GICD_H
#define SV_HYP_GICD_H

#include "sv_hyp_ctxt.h"

#define SV_GICD_SNAP_FRAME	0x10000		/* the GICD frame's size */
#define SV_GICD_SNAP_LOW_END	0x1000		/* CTLR .. ICFGR */
#define SV_GICD_SNAP_IROUTER	0x6000		/* IROUTER<0..1023>, 8 bytes each */
#define SV_GICD_SNAP_IROUTER_END 0x8000
#define SV_GICD_SNAP_ID		0xffd0		/* PIDR4..7, PIDR0..3, CIDR0..3 */

#define SV_GICD_SNAP_W_IROUTER	(SV_GICD_SNAP_LOW_END / 4)
#define SV_GICD_SNAP_W_ID	(SV_GICD_SNAP_W_IROUTER + \
				 (SV_GICD_SNAP_IROUTER_END - SV_GICD_SNAP_IROUTER) / 4)
#define SV_GICD_SNAP_WORDS	(SV_GICD_SNAP_W_ID + (SV_GICD_SNAP_FRAME - SV_GICD_SNAP_ID) / 4)
#define SV_GICD_SNAP_NONE	SV_GICD_SNAP_WORDS	/* "no word": out of every bound */

/*
 * seq is odd while the host rewrites words or the servable bits: a reader
 * that sees it odd, or changed across its reads, has no stable copy and
 * leaves the access to the host.  servable bit i: word i is a register
 * whose value changes only through distributor writes and was refreshed
 * from the host's emulation (never pending/active state, whose truth is
 * in the list registers).
 */
struct sv_gicd_snap {
	sv_u64 seq;
	sv_u64 servable[(SV_GICD_SNAP_WORDS + 63) / 64];
	sv_u32 word[SV_GICD_SNAP_WORDS];
};
SV_SHARED_SIZE(struct sv_gicd_snap, 12736);

/* What the host publishes to a vCPU for EL2 (struct sv_vcpu_hyp.gicd). */
struct sv_gicd_fast {
	sv_u64 base;			/* the guest's GICD IPA */
	sv_u64 snap;			/* EL2 address of the VM's snapshot, 0 = none */
};
SV_SHARED_SIZE(struct sv_gicd_fast, 16);

/*
 * The snapshot word of a 4-byte-aligned offset in the GICD frame, or
 * SV_GICD_SNAP_NONE.  The host and EL2 both map offsets with this, so
 * they cannot disagree on the layout.
 */
static inline sv_u64 sv_gicd_snap_index(sv_u64 off)
{
	if (off < SV_GICD_SNAP_LOW_END)
		return off / 4;
	if (off - SV_GICD_SNAP_IROUTER < SV_GICD_SNAP_IROUTER_END - SV_GICD_SNAP_IROUTER)
		return SV_GICD_SNAP_W_IROUTER + (off - SV_GICD_SNAP_IROUTER) / 4;
	if (off - SV_GICD_SNAP_ID < SV_GICD_SNAP_FRAME - SV_GICD_SNAP_ID)
		return SV_GICD_SNAP_W_ID + (off - SV_GICD_SNAP_ID) / 4;
	return SV_GICD_SNAP_NONE;
}

/* The 64-bit registers of the frame (the only 8-byte reads EL2 serves). */
static inline int sv_gicd_snap_is_irouter(sv_u64 off)
{
	return off - SV_GICD_SNAP_IROUTER < SV_GICD_SNAP_IROUTER_END - SV_GICD_SNAP_IROUTER;
}

#endif /* SV_HYP_GICD_H */
