// SPDX-License-Identifier: GPL-2.0
/*
 * Malformed ioctls get the errno upstream KVM gives (this test runs on
 * both): bad sizes and flags, NULL and unmapped pointers, out-of-range
 * ids, ioctls on the wrong kind of fd, and changes after a vCPU ran.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../lib/tap.h"
#include "../lib/vmm.h"

#define BAD_PTR	((void *)16)	/* never mapped */

GUEST_CODE(guest_nop,
	"movz	x0, #0x0008\n movk x0, #0x8400, lsl #16\n hvc #0\n 1: b 1b\n");

static int set_region(int vm, uint32_t slot, uint32_t flags, uint64_t gpa,
		      uint64_t size, void *hva)
{
	struct kvm_userspace_memory_region r = {
		.slot = slot, .flags = flags, .guest_phys_addr = gpa,
		.memory_size = size, .userspace_addr = (uint64_t)(unsigned long)hva };

	return ioctl(vm, KVM_SET_USER_MEMORY_REGION, &r);
}

static void test_dev(int kvm)
{
	sv_ok_errno(ioctl(kvm, KVM_CREATE_VM, 0xffff), EINVAL,
		    "badioctl: KVM_CREATE_VM with unknown type bits");
	sv_ok_errno(ioctl(kvm, KVM_CREATE_VM, 8), EINVAL,
		    "badioctl: KVM_CREATE_VM with an 8-bit IPA");
	sv_ok_errno(ioctl(kvm, KVM_CREATE_VM, 63), EINVAL,
		    "badioctl: KVM_CREATE_VM with a 63-bit IPA");
	sv_ok_errno(ioctl(kvm, KVM_CREATE_VCPU, 0), EINVAL,
		    "badioctl: KVM_CREATE_VCPU on /dev/kvm");
	sv_ok_errno(ioctl(kvm, KVM_RUN, 0), EINVAL, "badioctl: KVM_RUN on /dev/kvm");
}

static void test_vm(int kvm, int vm, char *mem)
{
	struct kvm_userspace_memory_region r;
	int big_slot = ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_NR_MEMSLOTS);

	sv_ok_errno(ioctl(vm, KVM_SET_USER_MEMORY_REGION, NULL), EFAULT,
		    "badioctl: SET_USER_MEMORY_REGION with NULL");
	sv_ok_errno(ioctl(vm, KVM_SET_USER_MEMORY_REGION, BAD_PTR), EFAULT,
		    "badioctl: SET_USER_MEMORY_REGION with an unmapped pointer");
	sv_ok_errno(set_region(vm, 0, 0x80, 0, 4096, mem), EINVAL,
		    "badioctl: memory region with unknown flags");
	sv_ok_errno(set_region(vm, 0, 0, 0, 4095, mem), EINVAL,
		    "badioctl: memory region of 4095 bytes");
	sv_ok_errno(set_region(vm, 0, 0, 1, 4096, mem), EINVAL,
		    "badioctl: memory region at an unaligned guest address");
	sv_ok_errno(set_region(vm, 0, 0, 0, 4096, mem + 1), EINVAL,
		    "badioctl: memory region at an unaligned host address");
	sv_ok_errno(set_region(vm, big_slot, 0, 0, 4096, mem), EINVAL,
		    "badioctl: memory region with slot id KVM_CAP_NR_MEMSLOTS");
	sv_ok_errno(set_region(vm, 1 << 16, 0, 0, 4096, mem), EINVAL,
		    "badioctl: memory region in address space 1");
	sv_ok_errno(set_region(vm, 0, 0, ~0xfffULL, 8192, mem), EINVAL,
		    "badioctl: memory region wrapping around");
	sv_ok_errno(set_region(vm, 0, 0, 1ULL << 44, 4096, mem), EFAULT,
		    "badioctl: memory region beyond the IPA space");
	sv_ok_errno(set_region(vm, 5, 0, 0, 0, mem), EINVAL,
		    "badioctl: deleting a slot that does not exist");
	sv_ok(set_region(vm, 0, 0, 0, 1 << 20, mem) == 0, "badioctl: a good slot 0");
	sv_ok_errno(set_region(vm, 1, 0, 0x80000, 4096, mem), EEXIST,
		    "badioctl: an overlapping slot");
	sv_ok_errno(set_region(vm, 0, 0, 0, 2 << 20, mem), EINVAL,
		    "badioctl: resizing a slot");
	sv_ok_errno(set_region(vm, 0, KVM_MEM_READONLY, 0, 1 << 20, mem), EINVAL,
		    "badioctl: making a slot read-only after the fact");
	sv_ok_errno(ioctl(vm, KVM_CREATE_VCPU, 100000), EINVAL,
		    "badioctl: KVM_CREATE_VCPU with an id beyond KVM_CAP_MAX_VCPU_ID");
	sv_ok_errno(ioctl(vm, KVM_ARM_PREFERRED_TARGET, NULL), EFAULT,
		    "badioctl: KVM_ARM_PREFERRED_TARGET with NULL");
	sv_ok_errno(ioctl(vm, KVM_RUN, 0), EINVAL, "badioctl: KVM_RUN on a VM fd");
	memset(&r, 0, sizeof(r));
	sv_ok_errno(ioctl(vm, KVM_GET_DIRTY_LOG, BAD_PTR), EFAULT,
		    "badioctl: KVM_GET_DIRTY_LOG with an unmapped pointer");
	{
		struct kvm_enable_cap cap = { .cap = KVM_CAP_ARM_NISV_TO_USER, .flags = 1 };

		sv_ok_errno(ioctl(vm, KVM_ENABLE_CAP, &cap), EINVAL,
			    "badioctl: KVM_ENABLE_CAP with flags");
	}
}

static void test_vcpu(int kvm, int vm)
{
	struct kvm_vcpu_init init;
	struct kvm_one_reg reg;
	uint64_t val = 0;
	int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);

	sv_ok_errno(ioctl(vm, KVM_CREATE_VCPU, 0), EEXIST, "badioctl: a second vCPU 0");
	sv_ok_errno(ioctl(vcpu, KVM_RUN, 0), ENOEXEC, "badioctl: KVM_RUN before KVM_ARM_VCPU_INIT");
	reg.id = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE;
	reg.addr = (uint64_t)(unsigned long)&val;
	sv_ok_errno(ioctl(vcpu, KVM_GET_ONE_REG, &reg), ENOEXEC,
		    "badioctl: KVM_GET_ONE_REG before KVM_ARM_VCPU_INIT");
	ioctl(vm, KVM_ARM_PREFERRED_TARGET, &init);
	init.target += 1;
	sv_ok_errno(ioctl(vcpu, KVM_ARM_VCPU_INIT, &init), EINVAL,
		    "badioctl: KVM_ARM_VCPU_INIT with another target");
	init.target -= 1;
	init.features[0] = 1U << 31;
	sv_ok_errno(ioctl(vcpu, KVM_ARM_VCPU_INIT, &init), ENOENT,
		    "badioctl: KVM_ARM_VCPU_INIT with an unknown feature");
	init.features[0] = 1 << KVM_ARM_VCPU_PSCI_0_2;
	sv_ok_errno(ioctl(vcpu, KVM_ARM_VCPU_INIT, BAD_PTR), EFAULT,
		    "badioctl: KVM_ARM_VCPU_INIT with an unmapped pointer");
	sv_ok(ioctl(vcpu, KVM_ARM_VCPU_INIT, &init) == 0, "badioctl: a good KVM_ARM_VCPU_INIT");
	sv_ok_errno(ioctl(vcpu, KVM_RUN, 1), EINVAL, "badioctl: KVM_RUN with an argument");
	reg.id = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | 1;
	sv_ok_errno(ioctl(vcpu, KVM_GET_ONE_REG, &reg), EINVAL,
		    "badioctl: a core register at an offset inside x0");
	reg.id = KVM_REG_ARM64 | KVM_REG_SIZE_U32 | KVM_REG_ARM_CORE | 0;
	sv_ok_errno(ioctl(vcpu, KVM_GET_ONE_REG, &reg), EINVAL,
		    "badioctl: a core register with the wrong size");
	reg.id = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | 0;
	reg.addr = (uint64_t)(unsigned long)BAD_PTR;
	sv_ok_errno(ioctl(vcpu, KVM_GET_ONE_REG, &reg), EFAULT,
		    "badioctl: KVM_GET_ONE_REG to an unmapped address");
	reg.id = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | 0x00ff0000;
	reg.addr = (uint64_t)(unsigned long)&val;
	sv_ok_errno(ioctl(vcpu, KVM_GET_ONE_REG, &reg), ENOENT,
		    "badioctl: KVM_GET_ONE_REG of an unknown register class");
	reg.id = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM64_SYSREG | 0x7fff;
	sv_ok_errno(ioctl(vcpu, KVM_GET_ONE_REG, &reg), ENOENT,
		    "badioctl: KVM_GET_ONE_REG of an unknown system register");
	reg.id = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |
		 (offsetof(struct kvm_regs, regs.pstate) / 4);
	val = 0x1f;	/* AArch32 system mode: not for a 64-bit vCPU */
	sv_ok_errno(ioctl(vcpu, KVM_SET_ONE_REG, &reg), EINVAL,
		    "badioctl: an AArch32 PSTATE on a 64-bit vCPU");
	{
		struct kvm_reg_list list = { .n = 1 };

		sv_ok_errno(ioctl(vcpu, KVM_GET_REG_LIST, &list), E2BIG,
			    "badioctl: KVM_GET_REG_LIST with too little room");
		sv_ok(list.n > 100, "badioctl: ... and says how much is needed (%llu)",
		      (unsigned long long)list.n);
	}
	{
		struct kvm_mp_state mp = { .mp_state = 99 };

		sv_ok_errno(ioctl(vcpu, KVM_SET_MP_STATE, &mp), EINVAL,
			    "badioctl: KVM_SET_MP_STATE with a bad state");
	}
	{
		char buf[sizeof(struct kvm_signal_mask) + 16];
		struct kvm_signal_mask *m = (void *)buf;

		m->len = 16;
		sv_ok_errno(ioctl(vcpu, KVM_SET_SIGNAL_MASK, m), EINVAL,
			    "badioctl: KVM_SET_SIGNAL_MASK with a bad length");
	}
	sv_ok_errno(ioctl(vcpu, KVM_CREATE_VCPU, 1), EINVAL, "badioctl: KVM_CREATE_VCPU on a vCPU fd");
	sv_ok_errno(ioctl(vcpu, KVM_SET_USER_MEMORY_REGION, NULL), EINVAL,
		    "badioctl: KVM_SET_USER_MEMORY_REGION on a vCPU fd");
	sv_ok(mmap(NULL, 4096, PROT_READ, MAP_SHARED, vcpu, 16 * 4096) != MAP_FAILED,
	      "badioctl: mmap of a vCPU fd past kvm_run maps (and faults on access)");

	/* After a run: INIT may only repeat the same features. */
	sv_ok(ioctl(vcpu, KVM_RUN, 0) == 0, "badioctl: the vCPU runs");
	init.features[0] |= 1 << KVM_ARM_VCPU_POWER_OFF;
	sv_ok_errno(ioctl(vcpu, KVM_ARM_VCPU_INIT, &init), EINVAL,
		    "badioctl: KVM_ARM_VCPU_INIT with other features after a run");
	close(vcpu);
}

int main(void)
{
	int kvm = open("/dev/kvm", O_RDWR), vm;
	char *mem = mmap(NULL, 2 << 20, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	memcpy(mem, guest_nop_start, guest_nop_end - guest_nop_start);
	test_dev(kvm);
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	test_vm(kvm, vm, mem);
	test_vcpu(kvm, vm);
	close(vm);
	close(kvm);
	sv_tap_exit();
}
