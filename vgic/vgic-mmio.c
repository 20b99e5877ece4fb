// SPDX-License-Identifier: GPL-2.0
/*
 * Register handlers shared by the emulated GIC frames (the per-IRQ bit,
 * byte and 2-bit field registers), the locked access path every frame
 * goes through, and the guest's MMIO entry point.
 *
 * Handlers run under the VM's vGIC lock (sv_vgic_mmio_access() takes it)
 * and call sv_vgic_update_locked() after every state change so the core
 * requeues the interrupt and kicks whoever must see it.
 */
#include <linux/kvm.h>

#include "vgic.h"
#include "vgic-mmio.h"

u64 sv_vgic_mmio_raz(const struct sv_vgic_mmio_ctx *c)
{
	return 0;
}

void sv_vgic_mmio_wi(const struct sv_vgic_mmio_ctx *c, u64 val)
{
}

int sv_vgic_mmio_uwi(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	return 0;
}

/* The i-th INTID an access covers; NULL if the VM lacks it. */
static struct sv_vgic_irq *sv_vgic_mmio_irq(const struct sv_vgic_mmio_ctx *c,
					    unsigned int i)
{
	return sv_vgic_get_irq(c->vm, c->rd, c->intid + i);
}

/* The per-IRQ state bits of the 1-bit-per-INTID registers. */
enum sv_vgic_bit { SV_BIT_GROUP, SV_BIT_ENABLED, SV_BIT_PENDING, SV_BIT_LATCH,
		   SV_BIT_ACTIVE };
/* What a write does with each bit: set-register, clear-register, store. */
enum sv_vgic_wmode { SV_W_SET, SV_W_CLEAR, SV_W_STORE };

static bool sv_vgic_bit_get(const struct sv_vgic_irq *irq, enum sv_vgic_bit b)
{
	switch (b) {
	case SV_BIT_GROUP:
		return irq->group;
	case SV_BIT_ENABLED:
		return irq->enabled;
	case SV_BIT_PENDING:	/* what the guest sees: latch or level input */
		return sv_vgic_irq_pending(irq);
	case SV_BIT_LATCH:
		return irq->pending_latch;
	case SV_BIT_ACTIVE:
		return irq->active;
	}
	return false;
}

static void sv_vgic_bit_put(struct sv_vgic_irq *irq, enum sv_vgic_bit b, bool v)
{
	switch (b) {
	case SV_BIT_GROUP:
		irq->group = v;
		break;
	case SV_BIT_ENABLED:
		irq->enabled = v;
		break;
	case SV_BIT_PENDING:	/* writes reach the latch; a level input stays */
	case SV_BIT_LATCH:
		irq->pending_latch = v;
		break;
	case SV_BIT_ACTIVE:
		irq->active = v;
		break;
	}
}

static u64 sv_vgic_read_bits(const struct sv_vgic_mmio_ctx *c, enum sv_vgic_bit b)
{
	struct sv_vgic_irq *irq;
	unsigned int i;
	u64 v = 0;

	for (i = 0; i < c->nr; i++) {
		irq = sv_vgic_mmio_irq(c, i);
		if (irq && sv_vgic_bit_get(irq, b))
			v |= 1ULL << i;
	}
	return v;
}

static void sv_vgic_write_bits(const struct sv_vgic_mmio_ctx *c, u64 val,
			       enum sv_vgic_bit b, enum sv_vgic_wmode mode)
{
	struct sv_vgic_irq *irq;
	unsigned int i;

	for (i = 0; i < c->nr; i++) {
		bool bit = (val >> i) & 1;

		/* In set/clear registers a 0 bit leaves the INTID alone. */
		if (!bit && mode != SV_W_STORE)
			continue;
		irq = sv_vgic_mmio_irq(c, i);
		if (!irq)
			continue;
		sv_vgic_bit_put(irq, b, mode == SV_W_CLEAR ? false : bit);
		sv_vgic_update_locked(c->vm, irq);
	}
}

u64 sv_vgic_mmio_read_group(const struct sv_vgic_mmio_ctx *c)
{
	return sv_vgic_read_bits(c, SV_BIT_GROUP);
}

void sv_vgic_mmio_write_group(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	sv_vgic_write_bits(c, val, SV_BIT_GROUP, SV_W_STORE);
}

/* ISENABLER and ICENABLER both read the enable bits. */
u64 sv_vgic_mmio_read_enable(const struct sv_vgic_mmio_ctx *c)
{
	return sv_vgic_read_bits(c, SV_BIT_ENABLED);
}

void sv_vgic_mmio_write_senable(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	sv_vgic_write_bits(c, val, SV_BIT_ENABLED, SV_W_SET);
}

void sv_vgic_mmio_write_cenable(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	sv_vgic_write_bits(c, val, SV_BIT_ENABLED, SV_W_CLEAR);
}

u64 sv_vgic_mmio_read_pending(const struct sv_vgic_mmio_ctx *c)
{
	return sv_vgic_read_bits(c, SV_BIT_PENDING);
}

void sv_vgic_mmio_write_spending(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	sv_vgic_write_bits(c, val, SV_BIT_PENDING, SV_W_SET);
}

/* ICPENDR clears the latch only: a level input stays as the device drives it. */
void sv_vgic_mmio_write_cpending(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	sv_vgic_write_bits(c, val, SV_BIT_PENDING, SV_W_CLEAR);
}

/*
 * Userspace saves and restores the latch alone through ISPENDR (the line
 * level travels through KVM_DEV_ARM_VGIC_GRP_LEVEL_INFO), and a write
 * stores every bit, so the restore does not depend on the order in which
 * config and pending state come back (upstream's GICv3 contract,
 * Documentation/virt/kvm/devices/arm-vgic-v3.rst).
 */
u64 sv_vgic_mmio_uread_pending(const struct sv_vgic_mmio_ctx *c)
{
	return sv_vgic_read_bits(c, SV_BIT_LATCH);
}

int sv_vgic_mmio_uwrite_pending(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	sv_vgic_write_bits(c, val, SV_BIT_LATCH, SV_W_STORE);
	return 0;
}

u64 sv_vgic_mmio_read_active(const struct sv_vgic_mmio_ctx *c)
{
	return sv_vgic_read_bits(c, SV_BIT_ACTIVE);
}

void sv_vgic_mmio_write_sactive(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	sv_vgic_write_bits(c, val, SV_BIT_ACTIVE, SV_W_SET);
}

void sv_vgic_mmio_write_cactive(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	sv_vgic_write_bits(c, val, SV_BIT_ACTIVE, SV_W_CLEAR);
}

/* IPRIORITYR: one byte per INTID, 32-bit or byte accesses. */
u64 sv_vgic_mmio_read_priority(const struct sv_vgic_mmio_ctx *c)
{
	struct sv_vgic_irq *irq;
	unsigned int i;
	u64 v = 0;

	for (i = 0; i < c->nr; i++) {
		irq = sv_vgic_mmio_irq(c, i);
		if (irq)
			v |= (u64)irq->priority << (8 * i);
	}
	return v;
}

void sv_vgic_mmio_write_priority(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	struct sv_vgic_irq *irq;
	unsigned int i;

	for (i = 0; i < c->nr; i++) {
		irq = sv_vgic_mmio_irq(c, i);
		if (!irq)
			continue;
		/* We implement 5 priority bits: the rest read as zero. */
		irq->priority = sv_vgic_prio_byte(val, i, SV_VGIC_PRIO_MASK);
		sv_vgic_update_locked(c->vm, irq);
	}
}

/* ICFGR: two bits per INTID, bit 1 of each field set = edge. */
u64 sv_vgic_mmio_read_config(const struct sv_vgic_mmio_ctx *c)
{
	struct sv_vgic_irq *irq;
	unsigned int i;
	u64 v = 0;

	for (i = 0; i < c->nr; i++) {
		irq = sv_vgic_mmio_irq(c, i);
		/* SGIs are always edge-triggered (GIC spec, ICFGR0). */
		if (irq && (irq->edge || c->intid + i < SV_VGIC_NR_SGIS))
			v |= 2ULL << (2 * i);
	}
	return v;
}

void sv_vgic_mmio_write_config(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	struct sv_vgic_irq *irq;
	unsigned int i;

	for (i = 0; i < c->nr; i++) {
		/*
		 * SGIs are fixed by the architecture; PPIs are
		 * IMPLEMENTATION DEFINED and, like upstream, we keep them
		 * read-only: the timer relies on its PPIs being level.
		 */
		if (c->intid + i < SV_VGIC_NR_PRIVATE)
			continue;
		irq = sv_vgic_mmio_irq(c, i);
		if (!irq)
			continue;
		irq->edge = (val >> (2 * i + 1)) & 1;
		/* The pending state of a level IRQ depends on it. */
		sv_vgic_update_locked(c->vm, irq);
	}
}

int sv_vgic_mmio_access_locked(const struct sv_vgic_reg *tbl, unsigned int n,
			       struct sv_vgic_mmio_ctx *c, u32 offset, unsigned int len,
			       u64 *val, bool write)
{
	const struct sv_vgic_reg *r;
	int ret;

	ret = sv_vgic_mmio_decode(tbl, n, offset, len,
				  c->vm->vgic.nr_spis + SV_VGIC_NR_PRIVATE, c, &r);
	if (ret)
		return ret;
	if (!write) {
		*val = c->uaccess && r->uread ? r->uread(c) : r->read(c);
		return 0;
	}
	if (c->uaccess && r->uwrite)
		return r->uwrite(c, *val);
	r->write(c, *val);
	return 0;
}

int sv_vgic_mmio_access(const struct sv_vgic_reg *tbl, unsigned int n,
			struct sv_vgic_mmio_ctx *c, u32 offset, unsigned int len,
			u64 *val, bool write)
{
	unsigned long flags = sv_vgic_lock(c->vm);
	int ret = sv_vgic_mmio_access_locked(tbl, n, c, offset, len, val, write);

	sv_vgic_unlock(c->vm, flags);
	return ret;
}

bool sv_vgic_claims_addr(struct sv_vm *vm, u64 addr)
{
	switch (READ_ONCE(vm->vgic.type)) {
	case KVM_DEV_TYPE_ARM_VGIC_V3:
		return sv_vgic_v3_claims(vm, addr) || sv_vgic_its_claims(vm, addr);
	case KVM_DEV_TYPE_ARM_VGIC_V2:
		return sv_vgic_v2_claims(vm, addr);
	default:
		return false;
	}
}

int sv_vgic_mmio(struct sv_vcpu *vcpu, struct sv_mmio *m)
{
	int ret;

	switch (READ_ONCE(vcpu->vm->vgic.type)) {
	case KVM_DEV_TYPE_ARM_VGIC_V3:
		ret = sv_vgic_v3_mmio(vcpu, m) || sv_vgic_its_mmio(vcpu, m);
		/* GICR_CTLR.EnableLPIs needs guest memory: read outside the lock. */
		sv_vgic_lpi_sync_deferred(vcpu->vm);
		return ret;
	case KVM_DEV_TYPE_ARM_VGIC_V2:
		return sv_vgic_v2_mmio(vcpu, m);
	default:
		return 0;
	}
}
