/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Packing an interrupt into a GICv3 or GICv2 list register and folding
 * the list register back after the guest ran (vgic/vgic-lr.c: pure,
 * unit-tested).
 */
#ifndef SV_VGIC_LR_H
#define SV_VGIC_LR_H

#include "vgic.h"

/* MPIDR affinity fields Aff3 [39:32], Aff2..Aff0 [23:0]. */
#define SV_MPIDR_AFF_MASK	0xff00ffffffULL

/* GICD_CTLR with GICD_CTLR.DS = 1 (GICv3 12.9.4) */
#define SV_GICD_CTLR_ENGRP0	(1U << 0)
#define SV_GICD_CTLR_ENGRP1	(1U << 1)

/*
 * The list register for irq.  An edge interrupt's pending state moves
 * into the LR (pending_latch is cleared); sync puts it back if the guest
 * did not take it.
 */
u64 sv_vgic_v3_lr_pack(struct sv_vgic_irq *irq);
/* Fold lr back into irq; true if the guest completed a level interrupt. */
bool sv_vgic_v3_lr_fold(struct sv_vgic_irq *irq, u64 lr);

/*
 * GICv2 list registers (GICH_LR<n>, IHI 0048B 5.3.11): 32 bits, 5
 * priority bits.  Not for SGIs, which carry their source CPU.
 */
u32 sv_vgic_v2_lr_pack(struct sv_vgic_irq *irq);
/*
 * A v2 SGI in up to max list registers, one per (state, source CPU):
 * the active one first (pending too if its source sent it again), then
 * one per pending source, lowest first.  The state written moves into
 * the LRs (active, sgi_src bits, pending_latch = sources left); returns
 * how many LRs were filled.
 */
unsigned int sv_vgic_v2_sgi_pack(struct sv_vgic_irq *irq, u32 *lrs, unsigned int max);
/* Fold a v2 LR back into irq (any INTID); true as sv_vgic_v3_lr_fold(). */
bool sv_vgic_v2_lr_fold(struct sv_vgic_irq *irq, u32 lr);

#endif /* SV_VGIC_LR_H */
