// SPDX-License-Identifier: GPL-2.0
/*
 * The GICv3 distributor (GICD) and redistributor (GICR RD_base and
 * SGI_base frames) as the guest and userspace see them.  Register layout
 * and values: Arm IHI 0069 (GICv3/v4 architecture specification), 12.9
 * and 12.11; identification values as upstream KVM reports them so that
 * saved state moves between the two.
 *
 * Affinity routing is always on (GICD_CTLR.ARE_NS reads 1) and there is
 * one security state (DS = 1), so the SGI/PPI registers live in the
 * redistributors and their distributor copies are RAZ/WI.  LPIs exist
 * when the VM has an ITS (vgic-lpi.c has their redistributor registers).
 */
#include <linux/kvm.h>

#include "vgic.h"
#include "vgic-mmio.h"

#define SV_GICD_CTLR_EN_GRP0	(1U << 0)
#define SV_GICD_CTLR_EN_GRP1	(1U << 1)
#define SV_GICD_CTLR_ENABLES	(SV_GICD_CTLR_EN_GRP0 | SV_GICD_CTLR_EN_GRP1)
#define SV_GICD_CTLR_ARE_NS	(1U << 4)
#define SV_GICD_CTLR_DS		(1U << 6)
#define SV_GICD_TYPER_IDBITS	19		/* shift of IDbits */
#define SV_V3_IDBITS		10		/* INTIDs < 1024: no LPIs */
#define SV_V3_IDBITS_LPI	16		/* with an ITS, as upstream */
#define SV_GICD_TYPER_LPIS	(1U << 17)

/* IIDR: ProductID 'K', Implementer Arm (JEP106 0x43b), as upstream KVM. */
#define SV_V3_PRODUCT_KVM	0x4b
#define SV_V3_IMPLEMENTER_ARM	0x43b
#define SV_IIDR_REV_SHIFT	12
#define SV_IIDR_REV_MASK	(0xfU << SV_IIDR_REV_SHIFT)
/*
 * Upstream's implementation revisions: 2 = guest-configurable groups,
 * 3 = GICR_CTLR.{IR,CES} reported.  We behave as 3 and accept a restore
 * from a revision-2 source (the difference is two read-only bits).
 */
#define SV_V3_IMP_REV		3
#define SV_V3_IIDR(rev)		((SV_V3_PRODUCT_KVM << 24) | \
				 ((rev) << SV_IIDR_REV_SHIFT) | SV_V3_IMPLEMENTER_ARM)
/* PIDR2: ArchRev 3 (GICv3) in bits[7:4], with the JEDEC/DES_1 bits upstream reports. */
#define SV_V3_PIDR2		0x3b

/* IROUTER keeps the affinity (Aff3 bits[39:32], Aff2..0 bits[23:0]). */
#define SV_V3_AFF_MASK		0xff00ffffffULL

#define SV_GICR_CTLR_CES	(1U << 1)
#define SV_GICR_CTLR_IR		(1U << 2)
#define SV_GICR_TYPER_PLPIS	(1U << 0)
#define SV_GICR_TYPER_LAST	(1U << 4)
#define SV_GICR_WAKER_PS	(1U << 1)	/* ProcessorSleep */
#define SV_GICR_WAKER_CA	(1U << 2)	/* ChildrenAsleep */

/* Requeue an interrupt that is, or might have to be, on an ap_list. */
static void sv_v3_reevaluate(struct sv_vm *vm, struct sv_vgic_irq *irq)
{
	if (irq && (irq->queued_on || irq->active || sv_vgic_irq_pending(irq)))
		sv_vgic_update_locked(vm, irq);
}

/* A group enable in GICD_CTLR changed: what may be delivered changed with it. */
static void sv_v3_reevaluate_all(struct sv_vm *vm)
{
	int i, n = atomic_read_acquire(&vm->nr_vcpus);
	u32 intid;

	for (i = 0; i < n; i++)
		for (intid = 0; intid < SV_VGIC_NR_PRIVATE; intid++)
			sv_v3_reevaluate(vm, sv_vgic_get_irq(vm, vm->vcpus[i], intid));
	for (intid = 0; intid < vm->vgic.nr_spis; intid++)
		sv_v3_reevaluate(vm, sv_vgic_get_irq(vm, NULL, SV_VGIC_MIN_SPI + intid));
}

/* GICD_CTLR, TYPER, IIDR, TYPER2 */
u64 sv_vgic_v3_read_misc(const struct sv_vgic_mmio_ctx *c)
{
	struct sv_vgic *d = &c->vm->vgic;

	switch (c->offset) {
	case SV_GICD_CTLR:
		return (d->ctlr & SV_GICD_CTLR_ENABLES) |
		       SV_GICD_CTLR_ARE_NS | SV_GICD_CTLR_DS;
	case SV_GICD_TYPER:
		/* ITLinesNumber: 32 * (N + 1) INTIDs.  CPUNumber: 0 with ARE, as upstream. */
		if (d->has_its)
			return ((DIV_ROUND_UP(d->nr_spis + SV_VGIC_NR_PRIVATE, 32) - 1) & 0x1f) |
			       ((SV_V3_IDBITS_LPI - 1) << SV_GICD_TYPER_IDBITS) |
			       SV_GICD_TYPER_LPIS;
		return ((DIV_ROUND_UP(d->nr_spis + SV_VGIC_NR_PRIVATE, 32) - 1) & 0x1f) |
		       ((SV_V3_IDBITS - 1) << SV_GICD_TYPER_IDBITS);
	case SV_GICD_IIDR:
		return SV_V3_IIDR(SV_V3_IMP_REV);
	default:	/* TYPER2: no vSGI, no extended ranges */
		return 0;
	}
}

void sv_vgic_v3_write_misc(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	struct sv_vgic *d = &c->vm->vgic;
	u32 old = d->ctlr;

	if (c->offset != SV_GICD_CTLR)
		return;		/* TYPER, IIDR, TYPER2 are read-only */
	d->ctlr = val & SV_GICD_CTLR_ENABLES;
	/* Writes complete at once: RWP always reads 0. */
	if (d->ctlr != old)
		sv_v3_reevaluate_all(c->vm);
}

/* Restore: ID registers must match what we are; IIDR may name revision 2 or 3. */
int sv_vgic_v3_uwrite_misc(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	u32 rev;

	switch (c->offset) {
	case SV_GICD_TYPER2:
		return val == sv_vgic_v3_read_misc(c) ? 0 : -EINVAL;
	case SV_GICD_IIDR:
		if ((val ^ sv_vgic_v3_read_misc(c)) & ~(u64)SV_IIDR_REV_MASK)
			return -EINVAL;
		rev = (val & SV_IIDR_REV_MASK) >> SV_IIDR_REV_SHIFT;
		return rev == 2 || rev == 3 ? 0 : -EINVAL;
	default:
		sv_vgic_v3_write_misc(c, val);
		return 0;
	}
}

/*
 * GICD_IROUTER<n>: 64-bit, or a 32-bit half.  Interrupt_Routing_Mode
 * (bit 31, 1-of-N) is not kept, as upstream: the SPI goes to the vCPU
 * its affinity fields name.
 */
u64 sv_vgic_v3_read_irouter(const struct sv_vgic_mmio_ctx *c)
{
	struct sv_vgic_irq *irq = sv_vgic_get_irq(c->vm, NULL, c->intid);

	return irq ? sv_vgic_reg64_read(irq->mpidr, c->offset, c->len) : 0;
}

void sv_vgic_v3_write_irouter(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	struct sv_vgic_irq *irq = sv_vgic_get_irq(c->vm, NULL, c->intid);

	if (!irq)
		return;
	irq->mpidr = sv_vgic_reg64_write(irq->mpidr, c->offset, c->len, val) &
		     SV_V3_AFF_MASK;
	sv_vgic_update_locked(c->vm, irq);	/* the core recomputes the target */
}

/* The ID block of both frames: PIDR2 says GICv3, the rest reads 0 as upstream. */
u64 sv_vgic_v3_read_idregs(const struct sv_vgic_mmio_ctx *c)
{
	return (c->offset & 0xffff) == SV_GICD_PIDR2 ? SV_V3_PIDR2 : 0;
}

/* GICR_CTLR: EnableLPIs (vgic-lpi.c writes it); IR and CES as upstream's revision 3. */
u64 sv_vgic_v3_read_rctlr(const struct sv_vgic_mmio_ctx *c)
{
	return SV_GICR_CTLR_IR | SV_GICR_CTLR_CES | c->rd->vgic.lpis_enabled;
}

u64 sv_vgic_v3_read_riidr(const struct sv_vgic_mmio_ctx *c)
{
	return (SV_V3_PRODUCT_KVM << 24) | SV_V3_IMPLEMENTER_ARM;
}

/*
 * GICR_TYPER: Affinity_Value is the vCPU's MPIDR (Aff3.Aff2.Aff1.Aff0),
 * Processor_Number its vcpu_id like upstream (vgic_init checks 0x310 for
 * vcpu_id 3 created second), Last as the core computed it, PLPIS with
 * an ITS.
 */
u64 sv_vgic_v3_read_rtyper(const struct sv_vgic_mmio_ctx *c)
{
	u64 mpidr = READ_ONCE(c->rd->hyp->cfg.vmpidr);
	u64 aff = (mpidr & 0xffffff) | (((mpidr >> 32) & 0xff) << 24);
	u64 v = (aff << 32) | ((u64)(c->rd->vcpu_id & 0xffff) << 8);

	if (c->rd->vgic.last)
		v |= SV_GICR_TYPER_LAST;
	if (c->vm->vgic.has_its)
		v |= SV_GICR_TYPER_PLPIS;
	return sv_vgic_reg64_read(v, c->offset, c->len);
}

/* GICR_WAKER: ChildrenAsleep follows ProcessorSleep at once (no quiescing to wait for). */
u64 sv_vgic_v3_read_rwaker(const struct sv_vgic_mmio_ctx *c)
{
	return c->rd->vgic.rd_waker ? SV_GICR_WAKER_PS | SV_GICR_WAKER_CA : 0;
}

void sv_vgic_v3_write_rwaker(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	c->rd->vgic.rd_waker = val & SV_GICR_WAKER_PS;
}

/* For vgic-v3-uaccess.c's KVM_HAS_DEVICE_ATTR: is there a 32-bit register here? */
bool sv_vgic_v3_reg_exists(struct sv_vm *vm, bool redist, u32 offset)
{
	const struct sv_vgic_reg *tbl = redist ? sv_vgic_v3_rd_regs : sv_vgic_v3_dist_regs;
	unsigned int n = redist ? sv_vgic_v3_nr_rd_regs : sv_vgic_v3_nr_dist_regs;
	struct sv_vgic_mmio_ctx c = { .vm = vm };
	const struct sv_vgic_reg *r;

	return !sv_vgic_mmio_decode(tbl, n, offset, 4,
				    READ_ONCE(vm->vgic.nr_spis) + SV_VGIC_NR_PRIVATE,
				    &c, &r);
}

/*
 * Every distributor access, the guest's and userspace's: a write
 * refreshes EL2's snapshot of what it reached in the same lock hold, so
 * no reader, at EL2 or here, sees the new value before the other.
 */
int sv_vgic_v3_dist_access(struct sv_vm *vm, struct sv_vcpu *vcpu, u32 offset,
			   unsigned int len, u64 *val, bool write, bool uaccess)
{
	struct sv_vgic_mmio_ctx c = { .vm = vm, .vcpu = vcpu, .uaccess = uaccess };
	unsigned long flags = sv_vgic_lock(vm);
	int ret = sv_vgic_mmio_access_locked(sv_vgic_v3_dist_regs, sv_vgic_v3_nr_dist_regs,
					     &c, offset, len, val, write);

	if (write) {
		sv_vgic_v3_snap_written_locked(vm, offset, len);
		sv_vgic_sgi_cfg_changed(vm);	/* GICD_CTLR's group enables */
	}
	sv_vgic_unlock(vm, flags);
	return ret;
}

int sv_vgic_v3_redist_access(struct sv_vcpu *rd, struct sv_vcpu *vcpu, u32 offset,
			     unsigned int len, u64 *val, bool write, bool uaccess)
{
	struct sv_vgic_mmio_ctx c = {
		.vm = rd->vm, .rd = rd, .vcpu = vcpu, .uaccess = uaccess,
	};
	int ret;

	/* Userspace (vCPUs stopped) sees and sets SGIs posted at EL2 as pending ones. */
	if (uaccess)
		sv_vgic_sgi_drain(rd);
	ret = sv_vgic_mmio_access(sv_vgic_v3_rd_regs, sv_vgic_v3_nr_rd_regs,
				   &c, offset, len, val, write);
	if (write)
		sv_vgic_sgi_cfg_changed(rd->vm);	/* SGI enables, groups, priorities */
	return ret;
}

/*
 * The redistributor at ipa, and the offset in it, or NULL.  Region r
 * holds the redistributors of vCPU indexes first.. (count of them, or up
 * to the last vCPU for the legacy single region, count 0).  The regions
 * cannot change once the guest runs, so no lock is needed to read them.
 */
static struct sv_vcpu *sv_v3_rd_at(struct sv_vm *vm, u64 ipa, u32 *off)
{
	unsigned int i, nr = min_t(unsigned int, vm->vgic.nr_rdregs,
				   SV_VGIC_MAX_REDIST_REGIONS);
	u64 n = atomic_read_acquire(&vm->nr_vcpus);

	for (i = 0; i < nr; i++) {
		const struct sv_vgic_redist_region *rg = &vm->vgic.rdregs[i];
		u64 slot;

		if (rg->base == SV_VGIC_INVALID_ADDR || ipa < rg->base)
			continue;
		slot = (ipa - rg->base) / SV_VGIC_V3_REDIST_SIZE;
		if ((rg->count && slot >= rg->count) || slot >= n ||
		    rg->first + slot >= n)
			continue;
		*off = (ipa - rg->base) % SV_VGIC_V3_REDIST_SIZE;
		return vm->vcpus[rg->first + slot];
	}
	return NULL;
}

bool sv_vgic_v3_claims(struct sv_vm *vm, u64 ipa)
{
	u64 base = vm->vgic.dist_base;
	u32 off;

	return (base != SV_VGIC_INVALID_ADDR && ipa >= base && ipa - base < SV_VGIC_V3_DIST_SIZE) ||
	       sv_v3_rd_at(vm, ipa, &off);
}

int sv_vgic_v3_mmio(struct sv_vcpu *vcpu, struct sv_mmio *m)
{
	struct sv_vm *vm = vcpu->vm;
	u64 base = vm->vgic.dist_base, val = m->data;
	struct sv_vcpu *rd;
	u32 off;
	int ret;

	if (base != SV_VGIC_INVALID_ADDR && m->ipa >= base &&
	    m->ipa - base < SV_VGIC_V3_DIST_SIZE) {
		ret = sv_vgic_v3_dist_access(vm, vcpu, m->ipa - base, m->len,
					     &val, m->is_write, false);
	} else {
		rd = sv_v3_rd_at(vm, m->ipa, &off);
		if (!rd)
			return 0;
		ret = sv_vgic_v3_redist_access(rd, vcpu, off, m->len, &val,
					       m->is_write, false);
	}
	/* Reserved offsets and widths are RAZ/WI for a guest (IHI 0069, 12.1.3). */
	if (ret)
		val = 0;
	if (!m->is_write)
		sv_mmio_complete_read(sv_ctxt(vcpu), m, val);
	return 1;
}
