// SPDX-License-Identifier: GPL-2.0
/*
 * Stolen time for guests (Arm DEN0057A "PV time", KVM's ABI in
 * Documentation/virt/kvm/arm/pvtime.rst): userspace gives each vCPU the
 * IPA of a 64-byte structure with the vCPU attribute
 * KVM_ARM_VCPU_PVTIME_CTRL/KVM_ARM_VCPU_PVTIME_IPA; before each entry the
 * host adds the time the vCPU thread waited for a CPU (sched_info's
 * run_delay) and writes the total in nanoseconds.
 */
#include <linux/kvm.h>
#include <linux/sched.h>
#include <linux/sched/stat.h>
#include <linux/uaccess.h>

#include "splitvisor.h"
#include "vm.h"

/* struct pvclock_vcpu_stolen_time (DEN0057A): revision, attributes, stolen_time */
#define SV_ST_REVISION_OFF	0
#define SV_ST_STOLEN_OFF	8
#define SV_ST_SIZE		64

bool sv_pvtime_supported(void)
{
	return sched_info_on();
}

void sv_pvtime_update(struct sv_vcpu *vcpu)
{
	u64 delay, le;

	if (vcpu->steal_base == SV_INVALID_GPA)
		return;
	delay = current->sched_info.run_delay;
	if (delay == vcpu->steal_last)
		return;
	vcpu->steal_ns += delay - vcpu->steal_last;
	vcpu->steal_last = delay;
	le = cpu_to_le64(vcpu->steal_ns);
	sv_guest_write(vcpu->vm, vcpu->steal_base + SV_ST_STOLEN_OFF, &le, sizeof(le));
}

static int sv_pvtime_set_ipa(struct sv_vcpu *vcpu, u64 ipa)
{
	static const u8 zero[SV_ST_SIZE];

	if (!IS_ALIGNED(ipa, SV_ST_SIZE))
		return -EINVAL;
	if (vcpu->steal_base != SV_INVALID_GPA)
		return -EEXIST;
	/* The structure must be in guest RAM; it starts out all zero. */
	if (sv_guest_write(vcpu->vm, ipa, zero, sizeof(zero)))
		return -EINVAL;
	vcpu->steal_base = ipa;
	vcpu->steal_ns = 0;
	vcpu->steal_last = current->sched_info.run_delay;
	return 0;
}

/* KVM_{SET,GET,HAS}_DEVICE_ATTR on a vCPU fd. */
int sv_vcpu_device_attr(struct sv_vcpu *vcpu, unsigned int cmd,
			const struct kvm_device_attr *attr)
{
	u64 __user *uaddr = (u64 __user *)(unsigned long)attr->addr;
	u64 ipa;

	if (attr->group == KVM_ARM_VCPU_TIMER_CTRL)
		return sv_timer_attr(vcpu, cmd, attr);
	if (attr->group != KVM_ARM_VCPU_PVTIME_CTRL ||
	    attr->attr != KVM_ARM_VCPU_PVTIME_IPA || !sv_pvtime_supported())
		return -ENXIO;
	switch (cmd) {
	case KVM_HAS_DEVICE_ATTR:
		return 0;
	case KVM_SET_DEVICE_ATTR:
		if (get_user(ipa, uaddr))
			return -EFAULT;
		return sv_pvtime_set_ipa(vcpu, ipa);
	case KVM_GET_DEVICE_ATTR:
		if (vcpu->steal_base == SV_INVALID_GPA)
			return -ENXIO;
		return put_user(vcpu->steal_base, uaddr) ? -EFAULT : 0;
	}
	return -ENXIO;
}
