// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3 list registers (GICv3 arch spec 12.5.10, ICH_LR<n>_EL2), pure
 * logic so that selftests/unit checks it natively.
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
