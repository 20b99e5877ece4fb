// SPDX-License-Identifier: GPL-2.0
/*
 * The vGIC core: interrupt state, the per-vCPU "ap_list" of interrupts
 * that are pending or active for a vCPU, and the two halves of the run
 * loop: flush (pick what goes into the list registers before entry) and
 * sync (read back what the guest did with them after the exit).
 *
 * The list registers are rebuilt from the ap_list on every entry, so
 * the software state is the truth between runs and everything else
 * (MMIO, attributes, injection) only edits struct sv_vgic_irq and calls
 * sv_vgic_update_locked().
 */
#include <linux/kvm.h>
#include <linux/slab.h>

#include "vgic.h"
#include "vgic-lr.h"
#include "vgic-its.h"

/* ---- locking and kicks --------------------------------------------------- */

unsigned long sv_vgic_lock(struct sv_vm *vm)
{
	unsigned long flags;

	spin_lock_irqsave(&vm->vgic.lock, flags);
	return flags;
}

void sv_vgic_kick_locked(struct sv_vm *vm, struct sv_vcpu *vcpu)
{
	if (sv_vcpu_kick_needed(vcpu))
		__set_bit(vcpu->idx, vm->vgic.kick);
}

/*
 * Kicks are sent after the lock is dropped: a kick may wake a waiter.
 * The copy of the bitmap lives in a function of its own: the kernel
 * zeroes every on-stack array at function entry (INIT_STACK_ALL_ZERO),
 * and most unlocks have nothing to kick.
 */
static noinline void sv_vgic_unlock_kick(struct sv_vm *vm, unsigned long flags,
					 unsigned int n)
{
	DECLARE_BITMAP(kick, SV_MAX_VCPUS);
	unsigned int i;

	bitmap_copy(kick, vm->vgic.kick, n);
	bitmap_zero(vm->vgic.kick, n);
	spin_unlock_irqrestore(&vm->vgic.lock, flags);
	for_each_set_bit(i, kick, n)
		sv_vcpu_kick(vm->vcpus[i]);
}

void sv_vgic_unlock(struct sv_vm *vm, unsigned long flags)
{
	unsigned int n = atomic_read(&vm->nr_vcpus);

	if (unlikely(!bitmap_empty(vm->vgic.kick, n))) {
		sv_vgic_unlock_kick(vm, flags, n);
		return;
	}
	spin_unlock_irqrestore(&vm->vgic.lock, flags);
}

/* ---- interrupts ---------------------------------------------------------- */

bool sv_vgic_present(struct sv_vm *vm)
{
	return READ_ONCE(vm->vgic.created);
}

struct sv_vgic_irq *sv_vgic_get_irq(struct sv_vm *vm, struct sv_vcpu *vcpu, u32 intid)
{
	if (intid < SV_VGIC_NR_PRIVATE)
		return vcpu ? &vcpu->vgic.private[intid] : NULL;
	if (intid >= SV_VGIC_MIN_LPI)
		return sv_vgic_lpi_get(vm, intid);
	/* INTIDs 1020..1023 are special even when nr_irqs is 1024. */
	if (!vm->vgic.spis || intid >= SV_VGIC_MAX_IRQS ||
	    intid - SV_VGIC_MIN_SPI >= vm->vgic.nr_spis)
		return NULL;
	return &vm->vgic.spis[intid - SV_VGIC_MIN_SPI];
}

struct sv_vcpu *sv_vgic_vcpu_by_mpidr(struct sv_vm *vm, u64 mpidr)
{
	unsigned int i, n = atomic_read_acquire(&vm->nr_vcpus);
	u64 aff = mpidr & SV_MPIDR_AFF_MASK;

	for (i = 0; i < n; i++)
		if ((vm->vcpus[i]->hyp->cfg.vmpidr & SV_MPIDR_AFF_MASK) == aff)
			return vm->vcpus[i];
	return NULL;
}

struct sv_vcpu *sv_vgic_target_locked(struct sv_vm *vm, struct sv_vgic_irq *irq)
{
	unsigned int n;

	if (irq->intid < SV_VGIC_NR_PRIVATE)
		return irq->owner;
	if (irq->intid >= SV_VGIC_MIN_LPI)
		return irq->target;	/* its collection's vCPU (vgic-its.c) */
	if (vm->vgic.type == KVM_DEV_TYPE_ARM_VGIC_V3)
		return sv_vgic_vcpu_by_mpidr(vm, irq->mpidr);
	/* v2: the lowest-numbered CPU of ITARGETSR. */
	n = atomic_read_acquire(&vm->nr_vcpus);
	if (!irq->targets || __ffs(irq->targets) >= n)
		return NULL;
	return vm->vcpus[__ffs(irq->targets)];
}

static bool sv_vgic_irq_wanted(const struct sv_vgic_irq *irq)
{
	return irq->active || (irq->enabled && sv_vgic_irq_pending(irq));
}

void sv_vgic_update_locked(struct sv_vm *vm, struct sv_vgic_irq *irq)
{
	struct sv_vcpu *old = irq->queued_on, *target = NULL;

	if (sv_vgic_irq_wanted(irq))
		target = old && irq->active ? old : sv_vgic_target_locked(vm, irq);
	/* An active interrupt stays where it is active (GIC rule). */
	if (old && old == target) {
		sv_vgic_kick_locked(vm, old);
		return;
	}
	if (old) {
		list_del_init(&irq->ap_list);
		irq->queued_on = NULL;
		/* It may sit in old's list registers: make old resync. */
		sv_vgic_kick_locked(vm, old);
	}
	if (target) {
		list_add_tail(&irq->ap_list, &target->vgic.ap_list);
		irq->queued_on = target;
		sv_vgic_kick_locked(vm, target);
	}
}

int sv_vgic_inject(struct sv_vm *vm, struct sv_vcpu *vcpu, u32 intid, bool level)
{
	struct sv_vgic_irq *irq;
	unsigned long flags;

	if (!sv_vgic_present(vm))
		return -ENODEV;
	if (intid >= SV_VGIC_MIN_LPI)	/* LPIs come from an ITS only */
		return -EINVAL;
	flags = sv_vgic_lock(vm);
	irq = sv_vgic_get_irq(vm, vcpu, intid);
	if (!irq) {
		sv_vgic_unlock(vm, flags);
		return -EINVAL;
	}
	if (irq->edge) {
		if (!level) {
			sv_vgic_unlock(vm, flags);
			return 0;
		}
		irq->pending_latch = true;
	} else {
		if (irq->line_level == level) {
			sv_vgic_unlock(vm, flags);
			return 0;
		}
		irq->line_level = level;
	}
	sv_vgic_update_locked(vm, irq);
	sv_vgic_unlock(vm, flags);
	return 0;
}

/* ---- for the core, the timer and irqfd (sv_vgic.h) ----------------------- */

bool sv_vgic_initialized(struct sv_vm *vm)
{
	/* Acquire: the SPIs exist before their users inject into them. */
	return smp_load_acquire(&vm->vgic.initialized);
}

u32 sv_vgic_nr_spis(struct sv_vm *vm)
{
	return READ_ONCE(vm->vgic.nr_spis);
}

bool sv_vgic_has_its(struct sv_vm *vm)
{
	return READ_ONCE(vm->vgic.has_its);
}

int sv_vgic_map_phys_irq(struct sv_vcpu *vcpu, u32 intid, u32 hwintid,
			 sv_vgic_get_level_fn get_level)
{
	struct sv_vm *vm = vcpu->vm;
	struct sv_vgic_irq *irq;
	unsigned long flags;

	if (intid >= SV_VGIC_NR_PRIVATE)
		return -EINVAL;
	irq = sv_vgic_get_irq(vm, vcpu, intid);
	flags = sv_vgic_lock(vm);
	irq->hw = true;
	irq->hwintid = hwintid;
	irq->get_level = get_level;
	sv_vgic_unlock(vm, flags);
	return 0;
}

bool sv_vgic_irq_busy(struct sv_vcpu *vcpu, u32 intid)
{
	struct sv_vm *vm = vcpu->vm;
	struct sv_vgic_irq *irq = sv_vgic_get_irq(vm, vcpu, intid);
	unsigned long flags;
	bool busy;

	if (!irq)
		return false;
	/*
	 * A private interrupt's state changes under the lock, mostly from
	 * its own vCPU's thread (this caller's); another vCPU writing this
	 * one's redistributor pending/active bits races, and a stale answer
	 * then only sets the physical PPI's active state wrongly for one run
	 * (an extra exit, or the timer seen at the next exit): not worth the
	 * lock on every entry.
	 */
	if (intid < SV_VGIC_NR_PRIVATE)
		return READ_ONCE(irq->active) || READ_ONCE(irq->pending_latch) ||
		       (!READ_ONCE(irq->edge) && READ_ONCE(irq->line_level));
	flags = sv_vgic_lock(vm);
	busy = irq->active || sv_vgic_irq_pending(irq);
	sv_vgic_unlock(vm, flags);
	return busy;
}

bool sv_vgic_line_matches(struct sv_vcpu *vcpu, u32 intid, bool level)
{
	struct sv_vgic_irq *irq = sv_vgic_get_irq(vcpu->vm, vcpu, intid);

	return !irq || READ_ONCE(irq->edge) || READ_ONCE(irq->line_level) == level;
}

void sv_vgic_set_ack_notifier(struct sv_vm *vm, sv_vgic_ack_fn fn,
			      const unsigned long *pins, unsigned int nr)
{
	struct sv_vgic *d = &vm->vgic;
	unsigned long flags;
	u32 i;

	flags = sv_vgic_lock(vm);
	d->eoi_notify = fn;
	for (i = 0; d->spis && i < d->nr_spis; i++)
		d->spis[i].resample = i < nr && test_bit(i, pins);
	sv_vgic_unlock(vm, flags);
}

/* ---- setup --------------------------------------------------------------- */

static void sv_vgic_irq_init(struct sv_vm *vm, struct sv_vgic_irq *irq, u32 intid)
{
	memset(irq, 0, sizeof(*irq));
	INIT_LIST_HEAD(&irq->ap_list);
	irq->intid = intid;
	irq->edge = intid < SV_VGIC_NR_SGIS;	/* SGIs are edge, the rest level */
	/* Linux on a v3 uses group 1 (security disabled: GICD_CTLR.DS = 1). */
	irq->group = vm->vgic.type == KVM_DEV_TYPE_ARM_VGIC_V3;
}

void sv_vgic_vm_init(struct sv_vm *vm)
{
	spin_lock_init(&vm->vgic.lock);
	vm->vgic.dist_base = SV_VGIC_INVALID_ADDR;
	vm->vgic.cpu_base = SV_VGIC_INVALID_ADDR;
}

void sv_vgic_vm_destroy(struct sv_vm *vm)
{
	sv_vgic_its_destroy_all(vm);
	sv_vgic_lpi_destroy(vm);
	sv_vgic_v3_snap_destroy(vm);
	sv_vgic_sgi_route_destroy(vm);
	kfree(vm->vgic.spis);
	vm->vgic.spis = NULL;
}

static void sv_vgic_vcpu_private_init(struct sv_vcpu *vcpu)
{
	unsigned int i;

	INIT_LIST_HEAD(&vcpu->vgic.ap_list);
	for (i = 0; i < SV_VGIC_NR_PRIVATE; i++) {
		sv_vgic_irq_init(vcpu->vm, &vcpu->vgic.private[i], i);
		vcpu->vgic.private[i].owner = vcpu;
		if (i < SV_VGIC_NR_SGIS)
			vcpu->vgic.private[i].enabled = true;	/* SGIs: GICv3 IMPDEF, KVM enables */
	}
	vcpu->vgic.nr_lr_irqs = 0;
	vcpu->vgic.rd_waker = 1 << 1;		/* ProcessorSleep */
}

int sv_vgic_vcpu_init(struct sv_vcpu *vcpu)
{
	vcpu->vgic.rd_base = SV_VGIC_INVALID_ADDR;
	sv_vgic_vcpu_private_init(vcpu);
	return 0;
}

/* The CPU interface of a vCPU as it comes out of reset. */
void sv_vgic_vcpu_reset(struct sv_vcpu *vcpu)
{
	struct sv_vgic_v3_cpu_if *cif = &vcpu->hyp->vgic;

	memset(cif, 0, sizeof(*cif));
	switch (READ_ONCE(vcpu->vm->vgic.type)) {
	case KVM_DEV_TYPE_ARM_VGIC_V3:
		cif->model = SV_VGIC_MODEL_V3;
		/* Upstream resets the binary points to their minimum (GICv3 12.2.2). */
		cif->vmcr = (2ULL << SV_ICH_VMCR_BPR0_SHIFT) |
			    (3ULL << SV_ICH_VMCR_BPR1_SHIFT);
		break;
	case KVM_DEV_TYPE_ARM_VGIC_V2:
		cif->model = SV_VGIC_MODEL_V2;	/* GICH_VMCR 0, as upstream */
		break;
	}
	/* A CPU may still hold what this vCPU (or one at this address) had. */
	WRITE_ONCE(cif->loaded_on, 0);
}

/* Called with vm->lock held (device creation, CTRL_INIT, first run). */
int sv_vgic_init_locked(struct sv_vm *vm)
{
	struct sv_vgic *d = &vm->vgic;
	struct sv_vgic_irq *spis;
	unsigned long flags;
	unsigned int i;

	if (d->initialized)
		return 0;
	if (!d->nr_spis)
		d->nr_spis = SV_VGIC_DEF_IRQS - SV_VGIC_NR_PRIVATE;
	spis = kcalloc(d->nr_spis, sizeof(*spis), GFP_KERNEL_ACCOUNT);
	if (!spis)
		return -ENOMEM;
	for (i = 0; i < d->nr_spis; i++) {
		sv_vgic_irq_init(vm, &spis[i], SV_VGIC_MIN_SPI + i);
		spis[i].targets = 1;		/* v2: CPU0 */
	}
	flags = sv_vgic_lock(vm);
	d->spis = spis;
	/* Lock-free readers (KVM_IRQ_LINE, irqfd) see the SPIs before the flag. */
	smp_store_release(&d->initialized, true);
	sv_vgic_unlock(vm, flags);
	return 0;
}

/* ---- flush: ap_list -> list registers ------------------------------------ */

/* Order: active first (they must stay visible), then by priority. */
static int sv_vgic_cmp(const struct sv_vgic_irq *a, const struct sv_vgic_irq *b)
{
	if (a->active != b->active)
		return a->active ? -1 : 1;
	return (int)a->priority - (int)b->priority;
}

static bool sv_vgic_group_on(struct sv_vm *vm, const struct sv_vgic_irq *irq)
{
	return vm->vgic.ctlr & (irq->group ? SV_GICD_CTLR_ENGRP1 : SV_GICD_CTLR_ENGRP0);
}

/* The ap_list is not empty: pick the best nr_lrs of it. */
static noinline void sv_vgic_flush_lrs(struct sv_vcpu *vcpu)
{
	struct sv_vgic_v3_cpu_if *cif = &vcpu->hyp->vgic;
	struct sv_vgic_cpu *vc = &vcpu->vgic;
	struct sv_vm *vm = vcpu->vm;
	struct sv_vgic_irq *irq, *best[SV_VGIC_MAX_LRS];
	unsigned int nr_lrs = sv_gic_host.nr_lrs, n = 0, i, waiting = 0;
	bool left = false;

	spin_lock(&vm->vgic.lock);
	list_for_each_entry(irq, &vc->ap_list, ap_list) {
		if (!irq->active && !sv_vgic_group_on(vm, irq))
			continue;
		waiting++;
		/* Insertion into the best nr_lrs so far. */
		for (i = n; i > 0 && sv_vgic_cmp(irq, best[i - 1]) < 0; i--)
			if (i < nr_lrs)
				best[i] = best[i - 1];
		if (i < nr_lrs) {
			best[i] = irq;
			if (n < nr_lrs)
				n++;
		}
	}
	if (cif->model == SV_VGIC_MODEL_V2) {
		/* v2 SGIs may take one LR per source: n changes. */
		n = sv_vgic_v2_fill_lrs(vcpu, best, n, &left);
	} else {
		for (i = 0; i < n; i++) {
			cif->lr[i] = sv_vgic_v3_lr_pack(best[i]);
			vc->lr_irq[i] = best[i];
		}
	}
	if (cif->model == SV_VGIC_MODEL_V3 && sv_vgic_sgi_on(vcpu)) {
		u64 busy = 0;

		/* SGIs queued here that did not get a list register: EL2 must not add one. */
		list_for_each_entry(irq, &vc->ap_list, ap_list)
			if (irq->intid < 16)
				busy |= BIT_ULL(irq->intid);
		for (i = 0; i < n; i++)
			if (best[i]->intid < 16)
				busy &= ~BIT_ULL(best[i]->intid);
		vcpu->hyp->sgi.sw_pending = busy;
	}
	spin_unlock(&vm->vgic.lock);
	cif->used_lrs = n;
	vc->nr_lr_irqs = n;
	/* More than fits: come back when the guest has room (underflow). */
	if (waiting > n || left)
		cif->hcr |= SV_ICH_HCR_UIE;
}

/*
 * Before each entry, IRQs off.  Nothing pending or active for the vCPU
 * (the common case on most exits) costs a test; the list's arrays are
 * in sv_vgic_flush_lrs() so that this case does not zero them.
 */
void sv_vgic_flush(struct sv_vcpu *vcpu)
{
	struct sv_vgic_v3_cpu_if *cif = &vcpu->hyp->vgic;
	struct sv_vgic_cpu *vc = &vcpu->vgic;
	struct sv_vm *vm = vcpu->vm;
	bool sgi;

	if (!cif->model)
		return;
	cif->hcr = SV_ICH_HCR_EN;	/* GICH_HCR.En is the same bit */
	/* SV_FAST_SGI: what senders posted, and the SGI config EL2 needs. */
	sgi = cif->model == SV_VGIC_MODEL_V3 && sv_vgic_sgi_on(vcpu);
	if (sgi && (READ_ONCE(vcpu->hyp->sgi.mailbox) ||
		    vc->sgi_cfg_gen != READ_ONCE(vm->vgic.sgi_cfg_gen))) {
		spin_lock(&vm->vgic.lock);
		sv_vgic_sgi_drain_locked(vcpu);
		sv_vgic_sgi_publish_locked(vcpu);
		spin_unlock(&vm->vgic.lock);
	}
	if (list_empty_careful(&vc->ap_list)) {
		cif->used_lrs = 0;
		vc->nr_lr_irqs = 0;
		if (sgi)
			vcpu->hyp->sgi.sw_pending = 0;
		return;
	}
	sv_vgic_flush_lrs(vcpu);
}

/* ---- sync: list registers -> state --------------------------------------- */

/* The guest ran with interrupts in its list registers: fold them back. */
static noinline void sv_vgic_sync_lrs(struct sv_vcpu *vcpu)
{
	struct sv_vgic_v3_cpu_if *cif = &vcpu->hyp->vgic;
	struct sv_vgic_cpu *vc = &vcpu->vgic;
	struct sv_vm *vm = vcpu->vm;
	u32 eoied[SV_VGIC_MAX_LRS];
	unsigned int i, nr_eoi = 0;
	unsigned long flags;

	flags = sv_vgic_lock(vm);
	for (i = 0; i < vc->nr_lr_irqs; i++) {
		struct sv_vgic_irq *irq = vc->lr_irq[i];
		bool done = cif->model == SV_VGIC_MODEL_V2 ?
			    sv_vgic_v2_lr_fold(irq, (u32)cif->lr[i]) :
			    sv_vgic_v3_lr_fold(irq, cif->lr[i]);

		if (done && irq->resample)
			eoied[nr_eoi++] = irq->intid;
		/* The guest is done with a HW-mapped line: what is its level now? */
		if (irq->hw && irq->get_level && !irq->edge && !irq->active) {
			bool level = irq->get_level(irq->owner, irq->intid);

			/* The source's cached level may now be stale: tell it. */
			if (level != irq->line_level)
				WRITE_ONCE(vm->vgic.line_gen, vm->vgic.line_gen + 1);
			irq->line_level = level;
		}
		sv_vgic_update_locked(vm, irq);
	}
	/* SV_FAST_SGI: the list registers EL2 filled after the host's. */
	if (cif->model == SV_VGIC_MODEL_V3 && cif->used_lrs > vc->nr_lr_irqs)
		sv_vgic_sgi_fold_locked(vcpu, vc->nr_lr_irqs, cif->used_lrs);
	vc->nr_lr_irqs = 0;
	/* Our own vCPU needs no kick: it is the one running this. */
	__clear_bit(vcpu->idx, vm->vgic.kick);
	sv_vgic_unlock(vm, flags);
	for (i = 0; i < nr_eoi; i++)
		if (vm->vgic.eoi_notify)
			vm->vgic.eoi_notify(vm, eoied[i]);
}

/* After each exit, IRQs off; with empty list registers a test. */
void sv_vgic_sync(struct sv_vcpu *vcpu)
{
	struct sv_vgic_v3_cpu_if *cif = &vcpu->hyp->vgic;

	if (!cif->model || (!vcpu->vgic.nr_lr_irqs && cif->used_lrs <= vcpu->vgic.nr_lr_irqs))
		return;
	sv_vgic_sync_lrs(vcpu);
}

/* For WFI: would the guest take an interrupt if it unmasked them? */
bool sv_vgic_vcpu_pending(struct sv_vcpu *vcpu)
{
	struct sv_vgic_v3_cpu_if *cif = &vcpu->hyp->vgic;
	u64 vmcr = cif->vmcr;
	u8 pmr = (vmcr & SV_ICH_VMCR_PMR_MASK) >> SV_ICH_VMCR_PMR_SHIFT;
	struct sv_vgic_irq *irq;
	unsigned long flags;
	bool ret = false;

	/* GICH_VMCR has the enables and the PMR where ICH_VMCR_EL2 has them. */
	if (!cif->model)
		return false;
	flags = sv_vgic_lock(vcpu->vm);
	/* SGIs posted at EL2 while this vCPU was on its way out (SV_FAST_SGI). */
	sv_vgic_sgi_drain_locked(vcpu);
	list_for_each_entry(irq, &vcpu->vgic.ap_list, ap_list) {
		bool grp_on = vmcr & (1ULL << (irq->group ? SV_ICH_VMCR_ENG1_SHIFT
							  : SV_ICH_VMCR_ENG0_SHIFT));

		if (irq->enabled && sv_vgic_irq_pending(irq) && !irq->active &&
		    grp_on && sv_vgic_group_on(vcpu->vm, irq) && irq->priority < pmr) {
			ret = true;
			break;
		}
	}
	spin_unlock_irqrestore(&vcpu->vm->vgic.lock, flags);
	return ret;
}

/* ---- SGIs: a write to ICC_SGI1R_EL1 / ICC_SGI0R_EL1 (GICv3 12.2.23) ------ */

void sv_vgic_v3_sgi(struct sv_vcpu *vcpu, u64 sgir, bool group0)
{
	struct sv_vm *vm = vcpu->vm;
	unsigned int intid = (sgir >> 24) & 0xf, i, n;
	bool all = sgir & (1ULL << 40);
	u64 aff = ((sgir >> 48) & 0xff) << 32 | ((sgir >> 32) & 0xff) << 16 |
		  ((sgir >> 16) & 0xff) << 8;
	u16 targets = sgir & 0xffff;
	unsigned long flags;

	n = atomic_read_acquire(&vm->nr_vcpus);
	flags = sv_vgic_lock(vm);
	for (i = 0; i < n; i++) {
		struct sv_vcpu *t = vm->vcpus[i];
		u64 mpidr = t->hyp->cfg.vmpidr & SV_MPIDR_AFF_MASK;
		struct sv_vgic_irq *irq;

		if (all) {
			if (t == vcpu)
				continue;
		} else {
			u64 aff0 = mpidr & 0xff;

			/* RS is RES0: the vGIC does not claim RSS (nor does upstream's). */
			if ((mpidr & ~0xffULL) != aff || aff0 >= 16 || !(targets & (1U << aff0)))
				continue;
		}
		irq = &t->vgic.private[intid];
		/* SGI1R reaches group 1 interrupts only, SGI0R group 0 ones. */
		if (irq->group == group0)
			continue;
		irq->pending_latch = true;
		sv_vgic_update_locked(vm, irq);
	}
	__clear_bit(vcpu->idx, vm->vgic.kick);
	sv_vgic_unlock(vm, flags);
}
