// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3 list registers (GICv3 arch spec 12.5.10, ICH_LR<n>_EL2) and
 * GICv2 ones (IHI 0048B 5.3.11, GICH_LR<n>), pure logic so that
 * selftests/unit checks it natively.
 */
#include "vgic-lr.h"

u64 sv_vgic_v3_lr_pack(struct sv_vgic_irq *irq)
{
	bool pending = irq->enabled && sv_vgic_irq_pending(irq);
	u64 lr = irq->intid | ((u64)irq->priority << SV_ICH_LR_PRIO_SHIFT);

	if (irq->group)
		lr |= SV_ICH_LR_GROUP;
	if (irq->active)
		lr |= SV_ICH_LR_ACTIVE;
	if (pending) {
		lr |= SV_ICH_LR_PENDING;
		if (irq->edge)
			irq->pending_latch = false;
	}
	if (irq->hw) {
		/*
		 * The physical interrupt holds the pending state while the
		 * virtual one is active: never pending+active (GICv3 4.9.3).
		 */
		lr |= SV_ICH_LR_HW | ((u64)irq->hwintid << SV_ICH_LR_PINTID_SHIFT);
		if (irq->active)
			lr &= ~SV_ICH_LR_PENDING;
	} else if (!irq->edge) {
		/*
		 * A level interrupt is re-sampled when the guest completes it:
		 * ask for a maintenance interrupt at its EOI, and let it become
		 * pending again only after that, never pending+active.
		 */
		lr |= SV_ICH_LR_EOI;
		if (irq->active)
			lr &= ~SV_ICH_LR_PENDING;
	}
	return lr;
}

bool sv_vgic_v3_lr_fold(struct sv_vgic_irq *irq, u64 lr)
{
	irq->active = !!(lr & SV_ICH_LR_ACTIVE);
	if (irq->edge) {
		/* Not taken yet: the pending state comes back to us. */
		if (lr & SV_ICH_LR_PENDING)
			irq->pending_latch = true;
		return false;
	}
	if (lr & SV_ICH_LR_STATE)
		return false;
	/* Completed: a latched (ISPENDR) pending state is consumed. */
	irq->pending_latch = false;
	return !irq->hw;
}

/* ---- GICv2 ---------------------------------------------------------------- */

static u32 sv_vgic_v2_lr_base(const struct sv_vgic_irq *irq)
{
	u32 lr = irq->intid & SV_GICH_LR_VIRTID_MASK;

	lr |= ((u32)irq->priority >> 3) << SV_GICH_LR_PRIO_SHIFT;
	if (irq->group)
		lr |= SV_GICH_LR_GROUP1;
	return lr;
}

/* Same rules as the v3 packing above, in the v2 layout. */
u32 sv_vgic_v2_lr_pack(struct sv_vgic_irq *irq)
{
	bool pending = irq->enabled && sv_vgic_irq_pending(irq);
	u32 lr = sv_vgic_v2_lr_base(irq);

	if (irq->active)
		lr |= SV_GICH_LR_ACTIVE;
	if (pending) {
		lr |= SV_GICH_LR_PENDING;
		if (irq->edge)
			irq->pending_latch = false;
	}
	if (irq->hw) {
		lr |= SV_GICH_LR_HW | ((irq->hwintid << SV_GICH_LR_PHYSID_SHIFT) &
				       SV_GICH_LR_PHYSID_MASK);
		if (irq->active)
			lr &= ~SV_GICH_LR_PENDING;
	} else if (!irq->edge) {
		lr |= SV_GICH_LR_EOI;
		if (irq->active)
			lr &= ~SV_GICH_LR_PENDING;
	}
	return lr;
}

unsigned int sv_vgic_v2_sgi_pack(struct sv_vgic_irq *irq, u32 *lrs, unsigned int max)
{
	u32 base = sv_vgic_v2_lr_base(irq);
	unsigned int n = 0, src;
	u8 pend = irq->enabled && sv_vgic_irq_pending(irq) ? irq->sgi_src : 0;

	/* A latch without a source (should not happen): say CPU 0 sent it. */
	if (irq->enabled && irq->pending_latch && !irq->sgi_src)
		pend = 1;
	if (irq->active && n < max) {
		src = irq->active_src & 7;
		lrs[n] = base | SV_GICH_LR_ACTIVE | (src << SV_GICH_LR_CPUID_SHIFT);
		if (pend & (1U << src)) {
			lrs[n] |= SV_GICH_LR_PENDING;
			pend &= ~(1U << src);
		}
		n++;
		irq->active = false;	/* sync ORs it back from the LRs */
	}
	while (pend && n < max) {
		src = __builtin_ctz(pend);
		lrs[n++] = base | SV_GICH_LR_PENDING | (src << SV_GICH_LR_CPUID_SHIFT);
		pend &= ~(1U << src);
	}
	/* What did not fit stays pending here. */
	if (irq->enabled) {
		irq->sgi_src = pend;
		irq->pending_latch = pend != 0;
	}
	return n;
}

bool sv_vgic_v2_lr_fold(struct sv_vgic_irq *irq, u32 lr)
{
	unsigned int src = (lr & SV_GICH_LR_CPUID_MASK) >> SV_GICH_LR_CPUID_SHIFT;

	if (irq->intid < SV_VGIC_NR_SGIS) {
		/* Several LRs may hold this SGI: accumulate. */
		if (lr & SV_GICH_LR_ACTIVE) {
			irq->active = true;
			irq->active_src = src;
		}
		if (lr & SV_GICH_LR_PENDING)
			irq->sgi_src |= 1U << src;
		irq->pending_latch = irq->sgi_src != 0;
		return false;
	}
	irq->active = !!(lr & SV_GICH_LR_ACTIVE);
	if (irq->edge) {
		if (lr & SV_GICH_LR_PENDING)
			irq->pending_latch = true;
		return false;
	}
	if (lr & SV_GICH_LR_STATE)
		return false;
	irq->pending_latch = false;
	return !irq->hw;
}
