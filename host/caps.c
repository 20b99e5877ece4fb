// SPDX-License-Identifier: GPL-2.0
/*
 * The capability table answered by KVM_CHECK_EXTENSION on /dev/kvm (and,
 * later, on VM fds).  Pure logic: built natively by selftests/unit too.
 */
#include "caps.h"

struct sv_cap {
	long cap;
	long value;
};

/*
 * Sorted by capability number.  A capability goes in only with the
 * feature behind it and a test that shows it working.  Values that depend
 * on the machine (KVM_CAP_NR_VCPUS, KVM_CAP_ARM_VM_IPA_SIZE) are answered
 * by the kernel side (sv_vm_check_extension, host/vm.c) before this table.
 */
static const struct sv_cap sv_caps[] = {
	{ KVM_CAP_USER_MEMORY, 1 },
	{ KVM_CAP_NR_MEMSLOTS, 32767 },		/* upstream arm64: SHRT_MAX */
	{ KVM_CAP_MP_STATE, 1 },
	{ KVM_CAP_SYNC_MMU, 1 },		/* MMU notifiers (host/mmu.c) */
	{ KVM_CAP_DESTROY_MEMORY_REGION_WORKS, 1 },
	{ KVM_CAP_SET_GUEST_DEBUG, 1 },
	{ KVM_CAP_IRQ_ROUTING, 4096 },		/* KVM_MAX_IRQ_ROUTES (virtio/irq_routing.c) */
	{ KVM_CAP_JOIN_MEMORY_REGIONS_WORKS, 1 },
	{ KVM_CAP_IRQFD, 1 },			/* virtio/irqfd.c */
	{ KVM_CAP_IOEVENTFD, 1 },		/* virtio/ioeventfd.c */
	{ KVM_CAP_MAX_VCPUS, 512 },
	{ KVM_CAP_ONE_REG, 1 },
	{ KVM_CAP_SIGNAL_MSI, 1 },		/* vgic/vgic-its.c */
	{ KVM_CAP_READONLY_MEM, 1 },
	{ KVM_CAP_IRQFD_RESAMPLE, 1 },
	{ KVM_CAP_DEVICE_CTRL, 1 },		/* KVM_CREATE_DEVICE (vgic/vgic-dev.c) */
	{ KVM_CAP_ARM_PSCI_0_2, 1 },
	{ KVM_CAP_CHECK_EXTENSION_VM, 1 },
	{ KVM_CAP_IOEVENTFD_ANY_LENGTH, 1 },	/* len 0 (virtio/ioeventfd.c) */
	{ KVM_CAP_MAX_VCPU_ID, 512 },
	{ KVM_CAP_IMMEDIATE_EXIT, 1 },
	{ KVM_CAP_ARM_IRQ_LINE_LAYOUT_2, 1 },	/* vgic/vgic-irqline.c */
	{ KVM_CAP_ARM_NISV_TO_USER, 1 },
	{ KVM_CAP_BINARY_STATS_FD, 1 },
	{ KVM_CAP_ARM_SYSTEM_SUSPEND, 1 },
	{ -1, 0 },	/* sentinel, never matched: caps are >= 0 */
};

#define SV_NR_CAPS	(sizeof(sv_caps) / sizeof(sv_caps[0]) - 1)

long sv_check_extension(long cap)
{
	unsigned int i;

	if (cap < 0)
		return 0;
	for (i = 0; i < SV_NR_CAPS; i++)
		if (sv_caps[i].cap == cap)
			return sv_caps[i].value;
	return 0;
}

unsigned int sv_caps_count(void)
{
	return SV_NR_CAPS;
}

long sv_caps_entry(unsigned int i, long *value)
{
	if (i >= SV_NR_CAPS)
		return -EINVAL;
	*value = sv_caps[i].value;
	return sv_caps[i].cap;
}
