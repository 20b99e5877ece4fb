/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Packing an interrupt into a GICv3 list register and folding the list
 * register back after the guest ran (vgic/vgic-lr.c: pure, unit-tested).
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

#endif /* SV_VGIC_LR_H */
