// SPDX-License-Identifier: GPL-2.0
/*
 * What a vGICv2 adds to the core (vgic.c): list registers in the GICv2
 * layout with one LR per SGI source, the guest's CPU interface (the
 * host's GICV frame mapped at the guest's GICC region at first run, so
 * IAR/EOIR/... never exit), and the CPU interface registers userspace
 * saves and restores (KVM_DEV_ARM_VGIC_GRP_CPU_REGS), which live in
 * GICH_VMCR and GICH_APR.  Facts: Arm IHI 0048B (GICv2) 4.4 and 5.3.
 */
#include <linux/kvm.h>

#include "vgic.h"
#include "vgic-lr.h"

unsigned int sv_vgic_v2_fill_lrs(struct sv_vcpu *vcpu, struct sv_vgic_irq **best,
				 unsigned int n, bool *left)
{
	struct sv_vgic_v3_cpu_if *cif = &vcpu->hyp->vgic;
	struct sv_vgic_cpu *vc = &vcpu->vgic;
	unsigned int nr_lrs = sv_gic_host.nr_lrs, used = 0, i, k, got;
	u32 lrs[SV_VGIC_MAX_LRS];

	for (i = 0; i < n; i++) {
		struct sv_vgic_irq *irq = best[i];

		if (used == nr_lrs) {
			*left = true;
			break;
		}
		if (irq->intid < SV_VGIC_NR_SGIS) {
			got = sv_vgic_v2_sgi_pack(irq, lrs, nr_lrs - used);
			/* Sources that did not fit: come back at underflow. */
			if (irq->enabled && irq->sgi_src)
				*left = true;
		} else {
			lrs[0] = sv_vgic_v2_lr_pack(irq);
			got = 1;
		}
		for (k = 0; k < got; k++) {
			cif->lr[used] = lrs[k];
			vc->lr_irq[used++] = irq;
		}
	}
	return used;
}

static bool sv_v2_overlap(u64 a, u64 asz, u64 b, u64 bsz)
{
	return a < b + bsz && b < a + asz;
}

/*
 * Upstream's order: both regions set (-ENXIO), apart (-EINVAL), then
 * the 8 KiB GICC region becomes the host's GICV: the guest runs its CPU
 * interface on the hardware.
 */
int sv_vgic_v2_map_resources(struct sv_vm *vm)
{
	struct sv_vgic *d = &vm->vgic;

	if (d->dist_base == SV_VGIC_INVALID_ADDR || d->cpu_base == SV_VGIC_INVALID_ADDR)
		return -ENXIO;
	if (sv_v2_overlap(d->dist_base, SV_VGIC_V2_DIST_SIZE, d->cpu_base,
			  SV_VGIC_V2_CPU_SIZE))
		return -EINVAL;
	if (!sv_gic_host.gicv_base)
		return -ENXIO;
	return sv_mmu_map_device(vm, d->cpu_base, sv_gic_host.gicv_base,
				 SV_VGIC_V2_CPU_SIZE);
}

/* ---- KVM_DEV_ARM_VGIC_GRP_CPU_REGS --------------------------------------- */

#define SV_GICC_CTLR		0x00
#define SV_GICC_PMR		0x04
#define SV_GICC_BPR		0x08
#define SV_GICC_ABPR		0x1c
#define SV_GICC_APR0		0xd0
#define SV_GICC_APR3		0xdc
#define SV_GICC_IIDR		0xfc
/* GICC_IIDR as upstream reports it: ProductID 'K', arch version 2, Arm. */
#define SV_GICC_IIDR_VAL	((0x4bU << 20) | (2U << 16) | 0x43bU)

bool sv_vgic_v2_cpuif_exists(u32 offset)
{
	switch (offset) {
	case SV_GICC_CTLR:
	case SV_GICC_PMR:
	case SV_GICC_BPR:
	case SV_GICC_ABPR:
	case SV_GICC_IIDR:
		return true;
	}
	return offset >= SV_GICC_APR0 && offset <= SV_GICC_APR3 && !(offset & 3);
}

static u32 sv_v2_field(u64 vmcr, u32 mask, unsigned int shift)
{
	return (vmcr & mask) >> shift;
}

static u64 sv_v2_set_field(u64 vmcr, u32 mask, unsigned int shift, u32 val)
{
	return (vmcr & ~(u64)mask) | (((u64)val << shift) & mask);
}

static u32 sv_v2_cpuif_read(const struct sv_vgic_v3_cpu_if *cif, u32 offset)
{
	u64 vmcr = cif->vmcr;

	switch (offset) {
	case SV_GICC_CTLR:
		return vmcr & SV_GICH_VMCR_CTLR_MASK;
	case SV_GICC_PMR:
		return sv_v2_field(vmcr, SV_GICH_VMCR_PMR_MASK, SV_GICH_VMCR_PMR_SHIFT);
	case SV_GICC_BPR:
		return sv_v2_field(vmcr, SV_GICH_VMCR_BP_MASK, SV_GICH_VMCR_BP_SHIFT);
	case SV_GICC_ABPR:
		return sv_v2_field(vmcr, SV_GICH_VMCR_ABP_MASK, SV_GICH_VMCR_ABP_SHIFT);
	case SV_GICC_IIDR:
		return SV_GICC_IIDR_VAL;
	case SV_GICC_APR0:
		return cif->ap0r[0];
	}
	return 0;
}

static void sv_v2_cpuif_write(struct sv_vgic_v3_cpu_if *cif, u32 offset, u32 val)
{
	u64 vmcr = cif->vmcr;

	switch (offset) {
	case SV_GICC_CTLR:
		vmcr = (vmcr & ~(u64)SV_GICH_VMCR_CTLR_MASK) | (val & SV_GICH_VMCR_CTLR_MASK);
		break;
	case SV_GICC_PMR:
		vmcr = sv_v2_set_field(vmcr, SV_GICH_VMCR_PMR_MASK, SV_GICH_VMCR_PMR_SHIFT, val);
		break;
	case SV_GICC_BPR:
		vmcr = sv_v2_set_field(vmcr, SV_GICH_VMCR_BP_MASK, SV_GICH_VMCR_BP_SHIFT, val);
		break;
	case SV_GICC_ABPR:
		vmcr = sv_v2_set_field(vmcr, SV_GICH_VMCR_ABP_MASK, SV_GICH_VMCR_ABP_SHIFT, val);
		break;
	case SV_GICC_APR0:
		cif->ap0r[0] = val;
		break;
	}
	cif->vmcr = vmcr;
	WRITE_ONCE(cif->loaded_on, 0);
}

/*
 * The ABI keeps upstream's quirk: PMR travels as GICH_VMCR.VMPriMask
 * (5 bits in the low bits), not as GICC_PMR.  One APR with 5 priority
 * bits; APR1..3 are RAZ/WI, and so is an offset without a register (as
 * upstream's uaccess).  IIDR is read-only.
 */
int sv_vgic_v2_cpuif_access(struct sv_vcpu *vcpu, u32 offset, u32 *val, bool write)
{
	struct sv_vgic_v3_cpu_if *cif = &vcpu->hyp->vgic;

	if (write)
		sv_v2_cpuif_write(cif, offset, *val);
	else
		*val = sv_v2_cpuif_read(cif, offset);
	return 0;
}
