// SPDX-License-Identifier: GPL-2.0
/*
 * LPIs (INTIDs >= 8192, Arm IHI 0069 chapter 5): the per-VM objects,
 * their configuration from the guest's property table (GICR_PROPBASER,
 * one byte per LPI: priority [7:2], enable bit 0) and their pending
 * state in the per-redistributor pending tables (GICR_PENDBASER, one
 * bit per INTID), the redistributor registers that hold them and
 * GICR_CTLR.EnableLPIs.
 *
 * LPIs are edge-triggered group 1 interrupts; where they go is the
 * vCPU their ITS collection names (irq->target), set by vgic-its.c.
 * Configuration is cached: the guest changes a property byte and then
 * issues INV/INVALL (or maps the interrupt), and only then do we read
 * it, as the architecture allows (IHI 0069 5.1.1).
 */
#include <linux/kvm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "vgic.h"
#include "vgic-mmio.h"
#include "vgic-its.h"

/* ---- the LPI objects ----------------------------------------------------- */

int sv_vgic_lpis_init(struct sv_vm *vm)
{
	struct sv_vgic_lpis *l;

	if (vm->vgic.lpis)
		return 0;
	l = kzalloc(sizeof(*l), GFP_KERNEL_ACCOUNT);
	if (!l)
		return -ENOMEM;
	xa_init(&l->irqs);
	INIT_LIST_HEAD(&l->its_list);
	/* Lock-free readers (sv_vgic_get_irq, MSIs) see it initialised. */
	smp_store_release(&vm->vgic.lpis, l);
	return 0;
}

void sv_vgic_lpi_destroy(struct sv_vm *vm)
{
	struct sv_vgic_lpis *l = vm->vgic.lpis;
	struct sv_vgic_irq *irq;
	unsigned long i;

	if (!l)
		return;
	xa_for_each(&l->irqs, i, irq)
		kfree(irq);
	xa_destroy(&l->irqs);
	kfree(l);
	vm->vgic.lpis = NULL;
}

struct sv_vgic_irq *sv_vgic_lpi_get(struct sv_vm *vm, u32 intid)
{
	struct sv_vgic_lpis *l = smp_load_acquire(&vm->vgic.lpis);

	if (!l || intid < SV_VGIC_MIN_LPI)
		return NULL;
	return xa_load(&l->irqs, intid);
}

struct sv_vgic_irq *sv_vgic_lpi_alloc(struct sv_vm *vm, u32 intid)
{
	struct sv_vgic_lpis *l = smp_load_acquire(&vm->vgic.lpis);
	struct sv_vgic_irq *irq, *old;

	if (!l || intid < SV_VGIC_MIN_LPI)
		return ERR_PTR(-EINVAL);
	irq = xa_load(&l->irqs, intid);
	if (irq)
		return irq;
	irq = kzalloc(sizeof(*irq), GFP_KERNEL_ACCOUNT);
	if (!irq)
		return ERR_PTR(-ENOMEM);
	INIT_LIST_HEAD(&irq->ap_list);
	irq->intid = intid;
	irq->edge = true;
	irq->group = 1;
	/* Two ITSs may map the same INTID at once: the first object wins. */
	old = xa_cmpxchg(&l->irqs, intid, NULL, irq, GFP_KERNEL_ACCOUNT);
	if (old) {
		kfree(irq);
		return xa_is_err(old) ? ERR_PTR(xa_err(old)) : old;
	}
	return irq;
}

/* ---- configuration and pending tables ------------------------------------ */

int sv_vgic_lpi_read_prop(struct sv_vm *vm, struct sv_vgic_irq *irq)
{
	u64 base = READ_ONCE(vm->vgic.propbaser) & SV_PROPBASER_ADDR_MASK;
	unsigned long flags;
	u8 prop;
	int ret;

	ret = sv_guest_read(vm, base + irq->intid - SV_VGIC_MIN_LPI, &prop, 1);
	if (ret)
		return ret;
	flags = sv_vgic_lock(vm);
	irq->priority = prop & SV_LPI_PROP_PRIO_MASK & SV_VGIC_PRIO_MASK;
	irq->enabled = prop & SV_LPI_PROP_ENABLE;
	sv_vgic_update_locked(vm, irq);
	sv_vgic_unlock(vm, flags);
	return 0;
}

void sv_vgic_lpi_invall(struct sv_vm *vm, struct sv_vcpu *vcpu)
{
	struct sv_vgic_lpis *l = smp_load_acquire(&vm->vgic.lpis);
	struct sv_vgic_irq *irq;
	unsigned long i;

	if (!l)
		return;
	/* xa_for_each may sleep between entries; a guest can have 57344 LPIs. */
	xa_for_each(&l->irqs, i, irq) {
		if (vcpu && READ_ONCE(irq->target) != vcpu)
			continue;
		sv_vgic_lpi_read_prop(vm, irq);
		cond_resched();
	}
}

void sv_vgic_lpi_move_all(struct sv_vm *vm, struct sv_vcpu *from, struct sv_vcpu *to)
{
	struct sv_vgic_lpis *l = smp_load_acquire(&vm->vgic.lpis);
	struct sv_vgic_irq *irq;
	unsigned long i, flags;

	if (!l)
		return;
	flags = sv_vgic_lock(vm);
	xa_for_each(&l->irqs, i, irq) {
		if (irq->target != from)
			continue;
		irq->target = to;
		sv_vgic_update_locked(vm, irq);
	}
	sv_vgic_unlock(vm, flags);
}

/* EnableLPIs 0->1: the pending table is the truth for LPIs already mapped. */
static void sv_vgic_lpi_sync_vcpu(struct sv_vm *vm, struct sv_vcpu *vcpu)
{
	struct sv_vgic_lpis *l = smp_load_acquire(&vm->vgic.lpis);
	u64 pend = READ_ONCE(vcpu->vgic.pendbaser);
	struct sv_vgic_irq *irq;
	unsigned long i, flags;
	u8 byte;

	if (!l)
		return;
	xa_for_each(&l->irqs, i, irq) {
		if (READ_ONCE(irq->target) != vcpu)
			continue;
		sv_vgic_lpi_read_prop(vm, irq);
		/* PTZ: the guest says the table is all zero, no need to look. */
		if ((pend & SV_PENDBASER_PTZ) ||
		    sv_guest_read(vm, (pend & SV_PENDBASER_ADDR_MASK) + i / 8,
				       &byte, 1))
			continue;
		flags = sv_vgic_lock(vm);
		irq->pending_latch = byte & (1U << (i % 8));
		sv_vgic_update_locked(vm, irq);
		sv_vgic_unlock(vm, flags);
		cond_resched();
	}
}

/* What the register handlers asked of vcpu, taken under the lock. */
struct sv_lpi_work {
	bool sync, invall;
	u32 inv;
};

static void sv_vgic_lpi_do_work(struct sv_vm *vm, struct sv_vcpu *vcpu,
				const struct sv_lpi_work *w)
{
	struct sv_vgic_irq *irq;

	if (w->sync)
		sv_vgic_lpi_sync_vcpu(vm, vcpu);
	if (w->invall)
		sv_vgic_lpi_invall(vm, vcpu);
	irq = w->inv ? sv_vgic_lpi_get(vm, w->inv) : NULL;
	if (irq)
		sv_vgic_lpi_read_prop(vm, irq);
}

void sv_vgic_lpi_sync_deferred(struct sv_vm *vm)
{
	unsigned int i, n = atomic_read_acquire(&vm->nr_vcpus);
	struct sv_lpi_work w;
	unsigned long flags;

	if (!READ_ONCE(vm->vgic.lpi_sync))
		return;
	/* Cleared first: a vCPU flagged after its check below sets it again. */
	WRITE_ONCE(vm->vgic.lpi_sync, false);
	for (i = 0; i < n; i++) {
		struct sv_vcpu *vcpu = vm->vcpus[i];

		flags = sv_vgic_lock(vm);
		w.sync = vcpu->vgic.lpi_sync;
		w.invall = vcpu->vgic.lpi_invall;
		w.inv = vcpu->vgic.lpi_inv;
		vcpu->vgic.lpi_sync = false;
		vcpu->vgic.lpi_invall = false;
		vcpu->vgic.lpi_inv = 0;
		sv_vgic_unlock(vm, flags);
		sv_vgic_lpi_do_work(vm, vcpu, &w);
	}
}

/* Read-modify-write one pending byte per LPI whose bit differs. */
int sv_vgic_lpi_save_pending(struct sv_vm *vm)
{
	struct sv_vgic_lpis *l = smp_load_acquire(&vm->vgic.lpis);
	struct sv_vgic_irq *irq;
	unsigned long i, flags;
	struct sv_vcpu *t;
	bool pending;
	u64 ptr;
	u8 byte;
	int ret;

	if (!l)
		return 0;
	xa_for_each(&l->irqs, i, irq) {
		flags = sv_vgic_lock(vm);
		t = irq->target;
		pending = irq->pending_latch;
		sv_vgic_unlock(vm, flags);
		if (!t)
			continue;
		ptr = (READ_ONCE(t->vgic.pendbaser) & SV_PENDBASER_ADDR_MASK) + i / 8;
		ret = sv_guest_read(vm, ptr, &byte, 1);
		if (ret)
			return ret;
		if (!!(byte & (1U << (i % 8))) == pending)
			continue;
		byte ^= 1U << (i % 8);
		ret = sv_guest_write(vm, ptr, &byte, 1);
		if (ret)
			return ret;
	}
	return 0;
}

/* ---- redistributor registers (handlers run under the vGIC lock) ---------- */

/* EnableLPIs 1->0: what was pending for this redistributor is dropped. */
static void sv_vgic_lpi_flush_locked(struct sv_vm *vm, struct sv_vcpu *vcpu)
{
	struct sv_vgic_lpis *l = vm->vgic.lpis;
	struct sv_vgic_irq *irq;
	unsigned long i;

	if (!l)
		return;
	xa_for_each(&l->irqs, i, irq) {
		if (irq->target != vcpu)
			continue;
		irq->pending_latch = false;
		sv_vgic_update_locked(vm, irq);
	}
}

void sv_vgic_v3_write_rctlr(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	struct sv_vgic_cpu *vc = &c->rd->vgic;
	bool en = val & 1;		/* EnableLPIs */

	if (!c->vm->vgic.has_its || en == vc->lpis_enabled)
		return;
	vc->lpis_enabled = en;
	vc->lpi_sync = en;
	if (en) {
		/* Guest memory cannot be read under this lock: later, see above. */
		WRITE_ONCE(c->vm->vgic.lpi_sync, true);
		return;
	}
	sv_vgic_lpi_flush_locked(c->vm, c->rd);
}

/*
 * GICR_INVLPIR / GICR_INVALLR: Linux uses them instead of ITS INV/INVALL
 * commands because GICR_CTLR.IR reads 1 (as upstream's revision 3).  The
 * upper half (vPE fields) and writes with LPIs disabled are ignored, as
 * upstream.  The property table is read after the access (see above);
 * the write completes then, before the vCPU runs again, so GICR_SYNCR
 * can always read 0 (not busy).
 */
void sv_vgic_v3_write_invlpir(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	struct sv_vgic_cpu *vc = &c->rd->vgic;
	u32 intid = val & 0xffffffffU;

	if ((c->offset & 4) || !vc->lpis_enabled || intid < SV_VGIC_MIN_LPI)
		return;
	if (vc->lpi_inv && vc->lpi_inv != intid)
		vc->lpi_invall = true;	/* one slot: re-read them all instead */
	else
		vc->lpi_inv = intid;
	WRITE_ONCE(c->vm->vgic.lpi_sync, true);
}

void sv_vgic_v3_write_invallr(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	if ((c->offset & 4) || !c->rd->vgic.lpis_enabled)
		return;
	c->rd->vgic.lpi_invall = true;
	WRITE_ONCE(c->vm->vgic.lpi_sync, true);
}

u64 sv_vgic_v3_read_propbaser(const struct sv_vgic_mmio_ctx *c)
{
	return sv_vgic_reg64_read(c->vm->vgic.propbaser, c->offset, c->len);
}

/*
 * Stored with or without an ITS, as upstream.  Changing the tables with
 * LPIs enabled is UNPREDICTABLE: ignored, as upstream.
 */
void sv_vgic_v3_write_propbaser(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	u64 *reg = &c->vm->vgic.propbaser;

	if (c->rd->vgic.lpis_enabled)
		return;
	WRITE_ONCE(*reg, sv_rbaser_sanitise(sv_vgic_reg64_write(*reg, c->offset,
								c->len, val), false));
}

u64 sv_vgic_v3_read_pendbaser(const struct sv_vgic_mmio_ctx *c)
{
	/* PTZ is write-only (reads 0). */
	return sv_vgic_reg64_read(c->rd->vgic.pendbaser & ~SV_PENDBASER_PTZ,
				  c->offset, c->len);
}

void sv_vgic_v3_write_pendbaser(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	u64 *reg = &c->rd->vgic.pendbaser;

	if (c->rd->vgic.lpis_enabled)
		return;
	WRITE_ONCE(*reg, sv_rbaser_sanitise(sv_vgic_reg64_write(*reg, c->offset,
								c->len, val), true));
}
