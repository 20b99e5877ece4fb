// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace save/restore of the GICv3 registers through the device
 * attributes KVM_DEV_ARM_VGIC_GRP_{DIST_REGS,REDIST_REGS,LEVEL_INFO},
 * with upstream's contract (Documentation/virt/kvm/devices/arm-vgic-v3.rst
 * and what the 6.1 selftests vgic_init/vgic_irq expect): 32-bit values,
 * 64-bit registers as two halves, an offset that reaches no register
 * reads 0 and ignores writes on get/set but is -ENXIO for has_attr.
 *
 * The device dispatcher (vgic-dev.c) validated the group and calls us
 * without the vGIC lock; userspace keeps the vCPUs out of KVM_RUN.
 */
#include <linux/kvm.h>

#include "vgic.h"
#include "vgic-mmio.h"

/*
 * The vCPU named by attr[63:32] (REDIST_REGS, LEVEL_INFO, CPU_SYSREGS),
 * NULL if none (-EINVAL, as upstream).  Userspace's affinity there is
 * Aff3.Aff2.Aff1.Aff0; MPIDR has Aff3 at [39:32].
 */
struct sv_vcpu *sv_vgic_v3_attr_vcpu(struct sv_vm *vm, u64 attr)
{
	u32 aff = (attr & KVM_DEV_ARM_VGIC_V3_MPIDR_MASK) >>
		  KVM_DEV_ARM_VGIC_V3_MPIDR_SHIFT;

	return sv_vgic_vcpu_by_mpidr(vm, (aff & 0xffffff) | ((u64)(aff >> 24) << 32));
}

/*
 * The vCPU an attribute names: its redistributor for REDIST_REGS and
 * LEVEL_INFO; for DIST_REGS upstream still wants vCPU 0 to exist.
 */
static struct sv_vcpu *sv_vgic_attr_vcpu(struct sv_vm *vm, u32 group, u64 attr)
{
	if (group == KVM_DEV_ARM_VGIC_GRP_DIST_REGS)
		return atomic_read_acquire(&vm->nr_vcpus) ? vm->vcpus[0] : NULL;
	return sv_vgic_v3_attr_vcpu(vm, attr);
}

static u32 sv_vgic_level_info_type(u64 attr)
{
	return (attr & KVM_DEV_ARM_VGIC_LINE_LEVEL_INFO_MASK) >>
	       KVM_DEV_ARM_VGIC_LINE_LEVEL_INFO_SHIFT;
}

/* LEVEL_INFO: the input level of 32 level-triggered INTIDs from a multiple of 32. */
static int sv_vgic_level_info(struct sv_vm *vm, struct sv_vcpu *vcpu, u64 attr,
			      u32 *val, bool write)
{
	u32 base = attr & KVM_DEV_ARM_VGIC_LINE_LEVEL_INTID_MASK;
	u32 nr_irqs = vm->vgic.nr_spis + SV_VGIC_NR_PRIVATE;
	struct sv_vgic_irq *irq;
	unsigned long flags;
	u32 i, v = 0;

	if (sv_vgic_level_info_type(attr) != VGIC_LEVEL_INFO_LINE_LEVEL)
		return -EINVAL;
	if (base % 32)
		return -EINVAL;

	flags = sv_vgic_lock(vm);
	/* SGIs have no line; INTIDs the VM lacks are skipped silently, as upstream. */
	for (i = 0; i < 32; i++) {
		if (base + i < SV_VGIC_NR_SGIS || base + i >= nr_irqs)
			continue;
		irq = sv_vgic_get_irq(vm, vcpu, base + i);
		if (!irq)
			continue;
		if (!write) {
			if (!irq->edge && irq->line_level)
				v |= 1U << i;
			continue;
		}
		/* Stored whatever the config: it may be restored after this. */
		irq->line_level = (*val >> i) & 1;
		sv_vgic_update_locked(vm, irq);
	}
	if (write)
		WRITE_ONCE(vm->vgic.line_gen, vm->vgic.line_gen + 1);
	sv_vgic_unlock(vm, flags);
	if (!write)
		*val = v;
	return 0;
}

int sv_vgic_v3_attr_regs(struct sv_vm *vm, u32 group, u64 attr, u32 *val, bool write)
{
	u32 offset = attr & KVM_DEV_ARM_VGIC_OFFSET_MASK;
	struct sv_vcpu *vcpu = sv_vgic_attr_vcpu(vm, group, attr);
	u64 v = write ? *val : 0;
	int ret;

	/* Order of checks as upstream: no such vCPU, then not initialized. */
	if (!vcpu)
		return -EINVAL;
	if (!READ_ONCE(vm->vgic.initialized))
		return -EBUSY;

	switch (group) {
	case KVM_DEV_ARM_VGIC_GRP_DIST_REGS:
		ret = sv_vgic_v3_dist_access(vm, NULL, offset, 4, &v, write, true);
		break;
	case KVM_DEV_ARM_VGIC_GRP_REDIST_REGS:
		ret = sv_vgic_v3_redist_access(vcpu, NULL, offset, 4, &v, write, true);
		break;
	case KVM_DEV_ARM_VGIC_GRP_LEVEL_INFO:
		return sv_vgic_level_info(vm, vcpu, attr, val, write);
	default:
		return -ENXIO;
	}
	/* Upstream: no register there reads as 0 and ignores the write. */
	if (ret == -ENXIO) {
		ret = 0;
		v = 0;
	}
	if (!ret && !write)
		*val = v;
	return ret;
}

int sv_vgic_v3_has_attr_regs(struct sv_vm *vm, u32 group, u64 attr)
{
	u32 offset = attr & KVM_DEV_ARM_VGIC_OFFSET_MASK;

	switch (group) {
	case KVM_DEV_ARM_VGIC_GRP_DIST_REGS:
	case KVM_DEV_ARM_VGIC_GRP_REDIST_REGS:
		if (!sv_vgic_attr_vcpu(vm, group, attr))
			return -EINVAL;
		/* Only aligned 32-bit accesses exist for userspace. */
		if (!sv_vgic_v3_reg_exists(vm, group == KVM_DEV_ARM_VGIC_GRP_REDIST_REGS,
					   offset))
			return -ENXIO;
		return 0;
	case KVM_DEV_ARM_VGIC_GRP_LEVEL_INFO:
		if (sv_vgic_level_info_type(attr) != VGIC_LEVEL_INFO_LINE_LEVEL)
			return -ENXIO;
		return 0;
	default:
		return -ENXIO;
	}
}
