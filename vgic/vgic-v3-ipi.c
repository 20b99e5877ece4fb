// SPDX-License-Identifier: GPL-2.0
/*
 * SV_FAST_SGI, the host's side of hyp/fast-sgi.c: the table EL2 routes a
 * VM's SGIs with (by MPIDR), what a vCPU's EL2 needs to put a posted SGI
 * in a list register (each SGI's enable, group and priority, and which
 * ones the emulation already holds pending), the mailbox drained into
 * the emulation before each entry, the list registers EL2 filled folded
 * back after each exit, and the targets EL2 asks the host to wake.
 * Documentation/design.rst, "Virtual IPIs at EL2".
 */
#include <linux/kernel.h>
#include <linux/kvm.h>
#include <linux/nospec.h>
#include <linux/sort.h>
#include <asm/cputype.h>

#include "vgic.h"
#include "vgic-lr.h"

static u64 sv_sgi_route_key(u64 mpidr)
{
	u64 aff0 = MPIDR_AFFINITY_LEVEL(mpidr, 0);

	return SV_SGI_ROUTE_KEY(MPIDR_AFFINITY_LEVEL(mpidr, 3), MPIDR_AFFINITY_LEVEL(mpidr, 2),
				MPIDR_AFFINITY_LEVEL(mpidr, 1), aff0 / 16, aff0 % 16);
}

static int sv_sgi_entry_cmp(const void *a, const void *b)
{
	const struct sv_sgi_route_entry *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/*
 * Rewrite the table from the vCPUs' MPIDRs, vGIC lock held: seq odd
 * while it changes (a sender's EL2 then leaves its SGI to the host).
 * Two vCPUs with one MPIDR: the host's routing (the first of them) is
 * the only right one, so the table is left empty.
 */
static void sv_sgi_route_fill_locked(struct sv_vm *vm)
{
	struct sv_sgi_route *r = vm->vgic.sgi_route;
	unsigned int i, n = atomic_read_acquire(&vm->nr_vcpus);

	WRITE_ONCE(r->seq, r->seq + 1);
	smp_wmb();
	for (i = 0; i < n && i < SV_SGI_ROUTE_MAX; i++) {
		r->e[i].key = sv_sgi_route_key(vm->vcpus[i]->hyp->cfg.vmpidr);
		r->e[i].idx = i;
		r->e[i].vcpu = vm->vcpus[i]->hyp_va;
	}
	sort(r->e, i, sizeof(r->e[0]), sv_sgi_entry_cmp, NULL);
	r->nr = i;
	for (i = 1; i < r->nr; i++)
		if (r->e[i].key == r->e[i - 1].key)
			r->nr = 0;
	smp_wmb();
	WRITE_ONCE(r->seq, r->seq + 1);
}

void sv_vgic_sgi_route_create(struct sv_vm *vm)
{
	struct sv_sgi_route *r;
	unsigned long flags;
	u64 hyp_va;

	if (vm->vgic.sgi_route || vm->vgic.type != KVM_DEV_TYPE_ARM_VGIC_V3 ||
	    !sv_gic_host.kick_irq || atomic_read(&vm->nr_vcpus) > SV_SGI_ROUTE_MAX)
		return;
	BUILD_BUG_ON(sizeof(*r) > SV_SGI_ROUTE_PAGES * PAGE_SIZE);
	r = sv_hyp_pages_alloc(SV_SGI_ROUTE_PAGES, &hyp_va);
	if (!r)
		return;		/* the VM runs without the fast path */
	flags = sv_vgic_lock(vm);
	vm->vgic.sgi_route = r;
	vm->vgic.sgi_route_va = hyp_va;
	sv_sgi_route_fill_locked(vm);
	sv_vgic_unlock(vm, flags);
}

/* Before KVM_RUN (a no-op once done); EL2 sees it at this thread's next entry. */
void sv_vgic_sgi_route_publish(struct sv_vcpu *vcpu)
{
	struct sv_vm *vm = vcpu->vm;

	if (vcpu->hyp->sgi.route || !vm->vgic.sgi_route ||
	    !(vcpu->hyp->cfg.fastpath & SV_FAST_SGI))
		return;		/* without it the host's side costs nothing per entry */
	vcpu->vgic.sgi_cfg_gen = READ_ONCE(vm->vgic.sgi_cfg_gen) - 1;	/* publish the config too */
	vcpu->hyp->sgi.route = vm->vgic.sgi_route_va;
}

/* VM destroy: no vCPU runs, no EL2 reads it. */
void sv_vgic_sgi_route_destroy(struct sv_vm *vm)
{
	sv_hyp_pages_free(vm->vgic.sgi_route, SV_SGI_ROUTE_PAGES);
	vm->vgic.sgi_route = NULL;
}

/* A ONE_REG write of MPIDR_EL1 after the vGIC is ready. */
void sv_vgic_sgi_mpidr_changed(struct sv_vcpu *vcpu)
{
	struct sv_vm *vm = vcpu->vm;
	unsigned long flags;

	if (!vm->vgic.sgi_route)
		return;
	flags = sv_vgic_lock(vm);
	sv_sgi_route_fill_locked(vm);
	sv_vgic_unlock(vm, flags);
}

/* What senders' EL2s posted to this vCPU becomes pending in the emulation. */
void sv_vgic_sgi_drain_locked(struct sv_vcpu *vcpu)
{
	unsigned long bits;
	unsigned int s;

	if (!READ_ONCE(vcpu->hyp->sgi.mailbox))
		return;
	bits = xchg(&vcpu->hyp->sgi.mailbox, 0);
	for_each_set_bit(s, &bits, 16) {
		struct sv_vgic_irq *irq = &vcpu->vgic.private[s];

		irq->pending_latch = true;
		sv_vgic_update_locked(vcpu->vm, irq);
	}
	/* Its own vCPU is the caller or stopped: no kick for it. */
	__clear_bit(vcpu->idx, vcpu->vm->vgic.kick);
}

void sv_vgic_sgi_drain(struct sv_vcpu *vcpu)
{
	unsigned long flags;

	if (!READ_ONCE(vcpu->hyp->sgi.mailbox))
		return;
	flags = sv_vgic_lock(vcpu->vm);
	sv_vgic_sgi_drain_locked(vcpu);
	sv_vgic_unlock(vcpu->vm, flags);
}

/*
 * Before entry, lock held, when a GICD/GICR write may have changed it:
 * each SGI's enable, group and priority with the distributor's group
 * enables.  (The SGIs the emulation holds outside the list registers,
 * sgi.sw_pending, are sv_vgic_flush()'s to write on every entry.)
 */
void sv_vgic_sgi_publish_locked(struct sv_vcpu *vcpu)
{
	struct sv_sgi_fast *f = &vcpu->hyp->sgi;
	struct sv_vm *vm = vcpu->vm;
	u32 gen = READ_ONCE(vm->vgic.sgi_cfg_gen);
	u64 cfg = SV_SGI_CFG_VALID, prio[2] = { 0, 0 };
	unsigned int s;

	if (vcpu->vgic.sgi_cfg_gen == gen)
		return;
	vcpu->vgic.sgi_cfg_gen = gen;
	for (s = 0; s < 16; s++) {
		const struct sv_vgic_irq *irq = &vcpu->vgic.private[s];

		if (irq->enabled)
			cfg |= BIT_ULL(s);
		if (irq->group)
			cfg |= BIT_ULL(SV_SGI_CFG_GROUP_SHIFT + s);
		prio[s / 8] |= (u64)irq->priority << ((s % 8) * 8);
	}
	if (vm->vgic.ctlr & SV_GICD_CTLR_ENGRP0)
		cfg |= SV_SGI_CFG_GRP0_ON;
	if (vm->vgic.ctlr & SV_GICD_CTLR_ENGRP1)
		cfg |= SV_SGI_CFG_GRP1_ON;
	f->prio[0] = prio[0];
	f->prio[1] = prio[1];
	WRITE_ONCE(f->cfg, cfg);
}

/* After the exit, lock held: the list registers EL2 filled, lr[from..to). */
void sv_vgic_sgi_fold_locked(struct sv_vcpu *vcpu, unsigned int from, unsigned int to)
{
	struct sv_vgic_v3_cpu_if *cif = &vcpu->hyp->vgic;
	unsigned int i;

	for (i = from; i < to && i < SV_VGIC_MAX_LRS; i++) {
		u64 lr = cif->lr[i];
		u32 s = lr & SV_ICH_LR_VINTID_MASK;
		struct sv_vgic_irq *irq;

		if (s >= 16)
			continue;	/* EL2 writes SGIs only */
		irq = &vcpu->vgic.private[s];
		sv_vgic_v3_lr_fold(irq, lr);
		sv_vgic_update_locked(vcpu->vm, irq);
	}
}

/*
 * The exit of an ICC_SGI1R_EL1 write EL2 completed while a target was
 * leaving the guest: that target may be asleep with the post in its
 * mailbox, so wake it (1); the guest goes on after the write.
 */
int sv_vgic_sgi_exit(struct sv_vcpu *vcpu)
{
	struct sv_sgi_fast *f = &vcpu->hyp->sgi;
	unsigned int i, n = min_t(u64, READ_ONCE(f->nr_wake), SV_SGI_NR_WAKE);
	unsigned int nr = atomic_read_acquire(&vcpu->vm->nr_vcpus);

	if (!n)
		return 0;
	for (i = 0; i < n; i++) {
		u64 idx = f->wake[i];

		if (idx < nr)
			sv_vcpu_kick(vcpu->vm->vcpus[array_index_nospec(idx, nr)]);
	}
	f->nr_wake = 0;
	return 1;
}
