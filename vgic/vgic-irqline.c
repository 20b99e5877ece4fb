// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_IRQ_LINE with the arm64 layout of kvm_irq_level.irq (asm/kvm.h):
 * type [27:24], vCPU index [23:16] + vcpu2 [31:28] * 256, number [15:0].
 * Errnos as arm64's kvm_vm_ioctl_irq_line() and kvm_vgic_inject_irq()
 * in 6.1; the selftest aarch64/vgic_irq.c checks them.
 */
#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/mutex.h>

#include "vgic.h"

/*
 * Injection needs an initialised vGIC.  Upstream initialises a GICv2
 * on demand (its legacy users never ask) and refuses a GICv3 that
 * userspace has not initialised yet with -EBUSY.
 */
static int sv_vgic_irqline_ready(struct sv_vm *vm)
{
	int ret = 0;

	/* Acquire: pairs with the init that publishes the SPIs before the flag. */
	if (smp_load_acquire(&vm->vgic.initialized))
		return 0;
	if (vm->vgic.type != KVM_DEV_TYPE_ARM_VGIC_V2)
		return -EBUSY;
	mutex_lock(&vm->lock);
	if (!vm->vgic.initialized)
		ret = sv_vgic_init_locked(vm);
	mutex_unlock(&vm->lock);
	return ret;
}

static int sv_vgic_irqline_ppi(struct sv_vm *vm, unsigned int vcpu_idx,
			       unsigned int num, bool level)
{
	unsigned int nr = atomic_read_acquire(&vm->nr_vcpus);
	int ret;

	if (vcpu_idx >= nr)
		return -EINVAL;
	if (num < SV_VGIC_NR_SGIS || num >= SV_VGIC_NR_PRIVATE)
		return -EINVAL;
	ret = sv_vgic_irqline_ready(vm);
	if (ret)
		return ret;
	return sv_vgic_inject(vm, vm->vcpus[vcpu_idx], num, level);
}

static int sv_vgic_irqline_spi(struct sv_vm *vm, unsigned int num, bool level)
{
	int ret;

	if (num < SV_VGIC_NR_PRIVATE)
		return -EINVAL;
	ret = sv_vgic_irqline_ready(vm);
	if (ret)
		return ret;
	/* Beyond the SPIs (nr_irqs, 1020..1023, LPIs): -EINVAL from here. */
	return sv_vgic_inject(vm, NULL, num, level);
}

int sv_vgic_irq_line(struct sv_vm *vm, const struct kvm_irq_level *irq)
{
	u32 v = irq->irq;
	unsigned int type = (v >> KVM_ARM_IRQ_TYPE_SHIFT) & KVM_ARM_IRQ_TYPE_MASK;
	unsigned int num = (v >> KVM_ARM_IRQ_NUM_SHIFT) & KVM_ARM_IRQ_NUM_MASK;
	unsigned int vcpu_idx;
	bool level = irq->level;

	vcpu_idx = (v >> KVM_ARM_IRQ_VCPU_SHIFT) & KVM_ARM_IRQ_VCPU_MASK;
	vcpu_idx += ((v >> KVM_ARM_IRQ_VCPU2_SHIFT) & KVM_ARM_IRQ_VCPU2_MASK) *
		    (KVM_ARM_IRQ_VCPU_MASK + 1);

	switch (type) {
	case KVM_ARM_IRQ_TYPE_CPU:
		/*
		 * The vCPU's IRQ/FIQ lines belong to a userspace irqchip.
		 * With an in-kernel one upstream says -ENXIO; we have no
		 * userspace irqchip support (KVM_CAP_ARM_USER_IRQ is not
		 * offered), so the line does not exist: -EINVAL.
		 */
		return sv_vgic_present(vm) ? -ENXIO : -EINVAL;
	case KVM_ARM_IRQ_TYPE_PPI:
		if (!sv_vgic_present(vm))
			return -ENXIO;
		return sv_vgic_irqline_ppi(vm, vcpu_idx, num, level);
	case KVM_ARM_IRQ_TYPE_SPI:
		if (!sv_vgic_present(vm))
			return -ENXIO;
		return sv_vgic_irqline_spi(vm, num, level);
	default:
		return -EINVAL;
	}
}

/* sv_vgic_inject_msi() is the ITS's: vgic/vgic-its.c. */
