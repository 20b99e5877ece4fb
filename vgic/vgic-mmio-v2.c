// SPDX-License-Identifier: GPL-2.0
/*
 * The GICv2 distributor (GICD) as the guest and userspace see it, as a
 * descriptor table run by the shared machinery (vgic-mmio-desc.c,
 * vgic-mmio.c).  Layout and values: Arm IHI 0048B (GICv2), 4.3; the
 * identification values are upstream KVM's, so that saved state moves
 * between the two.  One security state, no GICv2 security extensions.
 *
 * The SGI/PPI fields of the per-IRQ registers are banked per CPU: the
 * access context's `rd` is the accessing vCPU (a guest) or the vCPU the
 * attribute's CPUID field names (userspace).  SGIs carry the CPUs that
 * sent them (struct sv_vgic_irq.sgi_src): GICD_SGIR, CPENDSGIR and
 * SPENDSGIR work on those bits, and the ISPENDR/ICPENDR bits of SGIs are
 * WI as upstream has them.
 */
#include <linux/kvm.h>

#include "vgic.h"
#include "vgic-mmio.h"

#define SV_GICD_V2_SGIR		0x0f00
#define SV_GICD_V2_CPENDSGIR	0x0f10
#define SV_GICD_V2_SPENDSGIR	0x0f20
#define SV_GICD_V2_IDREGS	0x0fd0		/* PIDR4..7, PIDR0..3, CIDR0..3 */
#define SV_GICD_V2_PIDR2	0x0fe8
/* PIDR2: ArchRev 2 in bits[7:4], the JEDEC/DES_1 bits as the v3 frames report. */
#define SV_V2_PIDR2		0x2b

#define SV_V2_CTLR_ENABLE	(1U << 0)
#define SV_V2_CTLR_GROUPS	3U		/* the core's EnableGrp0 | EnableGrp1 */
/* IIDR: ProductID 'K', revision 2 (guest-configurable groups), Arm. */
#define SV_V2_IIDR_REV_SHIFT	12
#define SV_V2_IIDR_REV_MASK	(0xfU << SV_V2_IIDR_REV_SHIFT)
#define SV_V2_IIDR		((0x4bU << 24) | (2U << SV_V2_IIDR_REV_SHIFT) | 0x43bU)

#define NR_INTIDS		1024

#ifndef ARRAY_SIZE		/* native builds have no <linux/kernel.h> */
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/* Requeue everything that might be deliverable now (GICD_CTLR changed). */
static void sv_v2_reevaluate_all(struct sv_vm *vm)
{
	unsigned int i, n = atomic_read_acquire(&vm->nr_vcpus);
	struct sv_vgic_irq *irq;
	u32 intid;

	for (i = 0; i < n; i++)
		for (intid = 0; intid < SV_VGIC_NR_PRIVATE; intid++)
			sv_vgic_update_locked(vm, &vm->vcpus[i]->vgic.private[intid]);
	for (intid = 0; intid < vm->vgic.nr_spis; intid++) {
		irq = sv_vgic_get_irq(vm, NULL, SV_VGIC_MIN_SPI + intid);
		if (irq)
			sv_vgic_update_locked(vm, irq);
	}
}

/* GICD_CTLR, TYPER, IIDR */
static u64 sv_v2_read_misc(const struct sv_vgic_mmio_ctx *c)
{
	struct sv_vgic *d = &c->vm->vgic;
	u32 n = atomic_read_acquire(&c->vm->nr_vcpus);

	switch (c->offset) {
	case SV_GICD_CTLR:
		return d->ctlr ? SV_V2_CTLR_ENABLE : 0;
	case SV_GICD_TYPER:
		/* ITLinesNumber: 32 * (N + 1) INTIDs; CPUNumber: CPUs - 1. */
		return ((DIV_ROUND_UP(d->nr_spis + SV_VGIC_NR_PRIVATE, 32) - 1) & 0x1f) |
		       (((n ? n - 1 : 0) & 7) << 5);
	default:
		return SV_V2_IIDR;
	}
}

static void sv_v2_write_misc(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	struct sv_vgic *d = &c->vm->vgic;
	u32 old = d->ctlr;

	if (c->offset != SV_GICD_CTLR)
		return;
	/* Without security extensions Enable forwards both groups. */
	d->ctlr = (val & SV_V2_CTLR_ENABLE) ? SV_V2_CTLR_GROUPS : 0;
	if (d->ctlr != old)
		sv_v2_reevaluate_all(c->vm);
}

static int sv_v2_uwrite_misc(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	u32 rev;

	if (c->offset == SV_GICD_IIDR) {
		if ((val ^ SV_V2_IIDR) & ~(u64)SV_V2_IIDR_REV_MASK)
			return -EINVAL;
		rev = (val & SV_V2_IIDR_REV_MASK) >> SV_V2_IIDR_REV_SHIFT;
		if (rev != 2 && rev != 3)
			return -EINVAL;
		/*
		 * As upstream: a VMM that restores IIDR knows that groups are
		 * state; older ones would restore group 1 from kernels that
		 * reported it by mistake, so IGROUPR restores stay ignored.
		 */
		c->vm->vgic.v2_groups_user = true;
		return 0;
	}
	sv_v2_write_misc(c, val);
	return 0;
}

static int sv_v2_uwrite_group(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	if (c->vm->vgic.v2_groups_user)
		sv_vgic_mmio_write_group(c, val);
	return 0;
}

/* ISPENDR0/ICPENDR0: the SGI bits are WI (SPENDSGIR/CPENDSGIR hold sources). */
static u64 sv_v2_no_sgi_bits(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	return c->intid < SV_VGIC_NR_SGIS ? val & ~0xffffULL : val;
}

static void sv_v2_write_spending(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	sv_vgic_mmio_write_spending(c, sv_v2_no_sgi_bits(c, val));
}

static void sv_v2_write_cpending(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	sv_vgic_mmio_write_cpending(c, sv_v2_no_sgi_bits(c, val));
}

static int sv_v2_uwrite_pending(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	/* The SGI latches are restored with their sources through SPENDSGIR. */
	if (c->intid < SV_VGIC_NR_SGIS) {
		struct sv_vgic_mmio_ctx spi = *c;

		/* Only bits 16.. (PPIs) of ISPENDR0 are stored. */
		spi.intid = SV_VGIC_NR_SGIS;
		spi.nr = c->nr - SV_VGIC_NR_SGIS;
		return sv_vgic_mmio_uwrite_pending(&spi, val >> SV_VGIC_NR_SGIS);
	}
	return sv_vgic_mmio_uwrite_pending(c, val);
}

/* ITARGETSR: SGIs/PPIs read as the accessing CPU's bit and are read-only. */
static u64 sv_v2_read_target(const struct sv_vgic_mmio_ctx *c)
{
	struct sv_vgic_irq *irq;
	unsigned int i;
	u64 v = 0;

	for (i = 0; i < c->nr; i++) {
		u32 intid = c->intid + i;

		if (intid < SV_VGIC_NR_PRIVATE) {
			if (c->rd)
				v |= (u64)(1U << (c->rd->idx & 7)) << (8 * i);
			continue;
		}
		irq = sv_vgic_get_irq(c->vm, NULL, intid);
		if (irq)
			v |= (u64)irq->targets << (8 * i);
	}
	return v;
}

static void sv_v2_write_target(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	u32 n = atomic_read_acquire(&c->vm->nr_vcpus);
	u8 mask = n >= 8 ? 0xff : (1U << n) - 1;
	struct sv_vgic_irq *irq;
	unsigned int i;

	for (i = 0; i < c->nr; i++) {
		if (c->intid + i < SV_VGIC_NR_PRIVATE)
			continue;
		irq = sv_vgic_get_irq(c->vm, NULL, c->intid + i);
		if (!irq)
			continue;
		irq->targets = (val >> (8 * i)) & mask;
		sv_vgic_update_locked(c->vm, irq);	/* the core picks the CPU */
	}
}

/*
 * GICD_SGIR (IHI 0048B 4.3.15): TargetListFilter [25:24] (0 the list,
 * 1 all but self, 2 self, 3 reserved), CPUTargetList [23:16], SGI [3:0].
 */
static void sv_v2_write_sgir(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	struct sv_vcpu *src = c->vcpu;
	u32 n = atomic_read_acquire(&c->vm->nr_vcpus), i;
	u32 targets = (val >> 16) & 0xff, intid = val & 0xf;

	if (!src)
		return;		/* userspace has no CPU to send from */
	switch ((val >> 24) & 3) {
	case 1:
		targets = 0xff & ~(1U << src->idx);
		break;
	case 2:
		targets = 1U << src->idx;
		break;
	case 3:
		return;
	}
	for (i = 0; i < n && i < 8; i++) {
		struct sv_vgic_irq *irq;

		if (!(targets & (1U << i)))
			continue;
		irq = &c->vm->vcpus[i]->vgic.private[intid];
		irq->sgi_src |= 1U << src->idx;
		irq->pending_latch = true;
		sv_vgic_update_locked(c->vm, irq);
	}
}

/* CPENDSGIR/SPENDSGIR: one byte per SGI, one bit per source CPU. */
static u64 sv_v2_read_sgipend(const struct sv_vgic_mmio_ctx *c)
{
	u32 first = c->offset & 0xf;
	unsigned int i;
	u64 v = 0;

	if (!c->rd)
		return 0;
	for (i = 0; i < c->len; i++)
		v |= (u64)c->rd->vgic.private[first + i].sgi_src << (8 * i);
	return v;
}

static void sv_v2_write_sgipend(const struct sv_vgic_mmio_ctx *c, u64 val, bool set)
{
	u32 first = c->offset & 0xf;
	unsigned int i;

	if (!c->rd)
		return;
	for (i = 0; i < c->len; i++) {
		struct sv_vgic_irq *irq = &c->rd->vgic.private[first + i];
		u8 bits = val >> (8 * i);

		irq->sgi_src = set ? irq->sgi_src | bits : irq->sgi_src & ~bits;
		irq->pending_latch = irq->sgi_src != 0;
		sv_vgic_update_locked(c->vm, irq);
	}
}

static void sv_v2_write_sgipendc(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	sv_v2_write_sgipend(c, val, false);
}

static void sv_v2_write_sgipends(const struct sv_vgic_mmio_ctx *c, u64 val)
{
	sv_v2_write_sgipend(c, val, true);
}

static u64 sv_v2_read_idregs(const struct sv_vgic_mmio_ctx *c)
{
	return c->offset == SV_GICD_V2_PIDR2 ? SV_V2_PIDR2 : 0;
}

#define ACC_32		SV_VGIC_ACC_32
#define ACC_32_8	(SV_VGIC_ACC_32 | SV_VGIC_ACC_8)
#define RAZ		sv_vgic_mmio_raz
#define WI		sv_vgic_mmio_wi

#define REG(off, l, acc, rd, wr, urd, uwr)				\
	{ .offset = (off), .len = (l), .access = (acc), .read = (rd),	\
	  .write = (wr), .uread = (urd), .uwrite = (uwr) }
/* Every per-IRQ register covers INTIDs 0..1023, the private ones banked. */
#define IRQ(off, bits, acc, rd, wr, urd, uwr)				\
	{ .offset = (off), .len = (bits) * NR_INTIDS / 8, .access = (acc), \
	  .bpi = (bits), .first_intid = 0, .read = (rd), .write = (wr),	\
	  .uread = (urd), .uwrite = (uwr) }

/* Sorted by offset (sv_vgic_reg_find() bisects). */
static const struct sv_vgic_reg sv_vgic_v2_dist_regs[] = {
	/* CTLR, TYPER, IIDR */
	REG(SV_GICD_CTLR, 12, ACC_32, sv_v2_read_misc, sv_v2_write_misc,
	    NULL, sv_v2_uwrite_misc),
	IRQ(SV_GICD_IGROUPR, 1, ACC_32, sv_vgic_mmio_read_group,
	    sv_vgic_mmio_write_group, NULL, sv_v2_uwrite_group),
	IRQ(SV_GICD_ISENABLER, 1, ACC_32, sv_vgic_mmio_read_enable,
	    sv_vgic_mmio_write_senable, NULL, NULL),
	IRQ(SV_GICD_ICENABLER, 1, ACC_32, sv_vgic_mmio_read_enable,
	    sv_vgic_mmio_write_cenable, NULL, NULL),
	IRQ(SV_GICD_ISPENDR, 1, ACC_32, sv_vgic_mmio_read_pending,
	    sv_v2_write_spending, sv_vgic_mmio_uread_pending, sv_v2_uwrite_pending),
	/* Userspace restores the pending latch through ISPENDR alone. */
	IRQ(SV_GICD_ICPENDR, 1, ACC_32, sv_vgic_mmio_read_pending,
	    sv_v2_write_cpending, RAZ, sv_vgic_mmio_uwi),
	IRQ(SV_GICD_ISACTIVER, 1, ACC_32, sv_vgic_mmio_read_active,
	    sv_vgic_mmio_write_sactive, NULL, NULL),
	IRQ(SV_GICD_ICACTIVER, 1, ACC_32, sv_vgic_mmio_read_active,
	    sv_vgic_mmio_write_cactive, NULL, NULL),
	IRQ(SV_GICD_IPRIORITYR, 8, ACC_32_8, sv_vgic_mmio_read_priority,
	    sv_vgic_mmio_write_priority, NULL, NULL),
	IRQ(SV_GICD_ITARGETSR, 8, ACC_32_8, sv_v2_read_target, sv_v2_write_target,
	    NULL, NULL),
	IRQ(SV_GICD_ICFGR, 2, ACC_32, sv_vgic_mmio_read_config,
	    sv_vgic_mmio_write_config, NULL, NULL),
	REG(SV_GICD_V2_SGIR, 4, ACC_32, RAZ, sv_v2_write_sgir, NULL, sv_vgic_mmio_uwi),
	REG(SV_GICD_V2_CPENDSGIR, 16, ACC_32_8, sv_v2_read_sgipend,
	    sv_v2_write_sgipendc, NULL, NULL),
	REG(SV_GICD_V2_SPENDSGIR, 16, ACC_32_8, sv_v2_read_sgipend,
	    sv_v2_write_sgipends, NULL, NULL),
	REG(SV_GICD_V2_IDREGS, 48, ACC_32, sv_v2_read_idregs, WI, NULL, NULL),
};

int sv_vgic_v2_dist_access(struct sv_vm *vm, struct sv_vcpu *vcpu, u32 offset,
			   unsigned int len, u64 *val, bool write, bool uaccess)
{
	struct sv_vgic_mmio_ctx c = {
		.vm = vm, .rd = vcpu, .vcpu = uaccess ? NULL : vcpu, .uaccess = uaccess,
	};

	return sv_vgic_mmio_access(sv_vgic_v2_dist_regs, ARRAY_SIZE(sv_vgic_v2_dist_regs),
				   &c, offset, len, val, write);
}

/* KVM_HAS_DEVICE_ATTR: does an aligned 32-bit access at offset reach a register? */
bool sv_vgic_v2_dist_exists(struct sv_vm *vm, u32 offset)
{
	struct sv_vgic_mmio_ctx c = { .vm = vm };
	const struct sv_vgic_reg *r;

	return !sv_vgic_mmio_decode(sv_vgic_v2_dist_regs, ARRAY_SIZE(sv_vgic_v2_dist_regs),
				    offset, 4,
				    READ_ONCE(vm->vgic.nr_spis) + SV_VGIC_NR_PRIVATE,
				    &c, &r);
}

/*
 * The guest's GICD.  Its GICC region is the host's GICV at stage 2 and
 * never comes here, unless a memslot change took the mapping away: then
 * the access is RAZ/WI, as for any hole in the frames.
 */
bool sv_vgic_v2_claims(struct sv_vm *vm, u64 ipa)
{
	u64 dist = vm->vgic.dist_base, cpu = vm->vgic.cpu_base;

	return (dist != SV_VGIC_INVALID_ADDR && ipa >= dist && ipa - dist < SV_VGIC_V2_DIST_SIZE) ||
	       (cpu != SV_VGIC_INVALID_ADDR && ipa >= cpu && ipa - cpu < SV_VGIC_V2_CPU_SIZE);
}

int sv_vgic_v2_mmio(struct sv_vcpu *vcpu, struct sv_mmio *m)
{
	struct sv_vm *vm = vcpu->vm;
	u64 dist = vm->vgic.dist_base, cpu = vm->vgic.cpu_base, val = m->data;
	int ret = -ENXIO;

	if (dist != SV_VGIC_INVALID_ADDR && m->ipa >= dist &&
	    m->ipa - dist < SV_VGIC_V2_DIST_SIZE)
		ret = sv_vgic_v2_dist_access(vm, vcpu, m->ipa - dist, m->len, &val,
					     m->is_write, false);
	else if (cpu == SV_VGIC_INVALID_ADDR || m->ipa < cpu ||
		 m->ipa - cpu >= SV_VGIC_V2_CPU_SIZE)
		return 0;
	/* Reserved offsets and widths are RAZ/WI for a guest. */
	if (ret)
		val = 0;
	if (!m->is_write)
		sv_mmio_complete_read(sv_ctxt(vcpu), m, val);
	return 1;
}
