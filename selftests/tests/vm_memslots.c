// SPDX-License-Identifier: GPL-2.0
/*
 * A guest can touch only its memslots: a write past the end of a slot is
 * an MMIO exit and the host memory next to the slot is untouched; a
 * KVM_MEM_READONLY slot can be read and a write to it is an MMIO exit
 * (with the data), leaving the memory unchanged; deleting a slot makes
 * its addresses MMIO again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include "../lib/tap.h"
#include "../lib/vmm.h"

#define RAM_SIZE	(64 << 10)		/* slot 0: [0, 64K) */
#define RO_GPA		0x100000ULL		/* slot 1: read-only page */

GUEST_CODE(guest_slots,
	"movz	x1, #0x1000, lsl #16\n"		/* MMIO report address */
	/* 1: write just past slot 0 */
	"movz	x2, #0x1, lsl #16\n"		/* 0x10000 = RAM_SIZE */
	"movz	x3, #0x5a5a\n"
	"str	x3, [x2]\n"
	/* 2: read the read-only slot, report it */
	"movz	x4, #0x10, lsl #16\n"		/* RO_GPA */
	"ldr	x5, [x4]\n"
	"str	x5, [x1]\n"
	/* 3: write the read-only slot */
	"movz	x6, #0x7777\n"
	"str	x6, [x4]\n"
	/* 4: after userspace deleted slot 1: the same read is MMIO */
	"ldr	x7, [x4, #8]\n"
	"str	x7, [x1, #8]\n"
	"1: b 1b\n");

int main(void)
{
	struct vmm v;
	struct vmm_vcpu c;
	struct kvm_userspace_memory_region r;
	char *area, *ro;
	uint64_t d = 0;
	size_t i;
	int bad = 0;

	/* Guard pages around slot 0's memory, filled with a pattern. */
	area = mmap(NULL, RAM_SIZE + 2 * 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(area, 0xa5, RAM_SIZE + 2 * 4096);
	memset(&v, 0, sizeof(v));
	if (vmm_create(&v, RAM_SIZE))
		return 1;
	/* Move slot 0 onto the middle of our guarded area. */
	r = (struct kvm_userspace_memory_region){ .slot = 0, .memory_size = 0 };
	ioctl(v.vm, KVM_SET_USER_MEMORY_REGION, &r);
	r = (struct kvm_userspace_memory_region){
		.slot = 0, .guest_phys_addr = 0, .memory_size = RAM_SIZE,
		.userspace_addr = (uint64_t)(unsigned long)(area + 4096) };
	sv_ok(ioctl(v.vm, KVM_SET_USER_MEMORY_REGION, &r) == 0,
	      "memslots: slot 0 between two guard pages");
	memcpy(area + 4096, guest_slots_start, guest_slots_end - guest_slots_start);

	ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	*(uint64_t *)ro = 0x1234abcd;
	r = (struct kvm_userspace_memory_region){
		.slot = 1, .flags = KVM_MEM_READONLY, .guest_phys_addr = RO_GPA,
		.memory_size = 4096, .userspace_addr = (uint64_t)(unsigned long)ro };
	sv_ok(ioctl(v.vm, KVM_SET_USER_MEMORY_REGION, &r) == 0,
	      "memslots: a KVM_MEM_READONLY slot");

	if (vmm_vcpu_create(&v, &c, 0, 1 << KVM_ARM_VCPU_PSCI_0_2))
		return 1;

	sv_ok(vmm_vcpu_run(&c) == 0 && c.run->exit_reason == KVM_EXIT_MMIO &&
	      c.run->mmio.phys_addr == RAM_SIZE && c.run->mmio.is_write,
	      "memslots: a write past the slot is an MMIO exit at its address");
	for (i = 0; i < 4096; i++)
		bad += area[i] != (char)0xa5 || area[4096 + RAM_SIZE + i] != (char)0xa5;
	sv_ok(bad == 0, "memslots: host memory around the slot is untouched (%d bytes changed)", bad);

	sv_ok(vmm_vcpu_run(&c) == 0 && c.run->exit_reason == KVM_EXIT_MMIO &&
	      c.run->mmio.phys_addr == 0x10000000 &&
	      (memcpy(&d, c.run->mmio.data, 8), d == 0x1234abcd),
	      "memslots: the guest reads the read-only slot (%#llx)", (unsigned long long)d);
	sv_ok(vmm_vcpu_run(&c) == 0 && c.run->exit_reason == KVM_EXIT_MMIO &&
	      c.run->mmio.phys_addr == RO_GPA && c.run->mmio.is_write &&
	      (memcpy(&d, c.run->mmio.data, 8), d == 0x7777),
	      "memslots: a write to the read-only slot is an MMIO exit with its data");
	sv_ok(*(uint64_t *)ro == 0x1234abcd, "memslots: the read-only memory is unchanged");

	r = (struct kvm_userspace_memory_region){ .slot = 1, .memory_size = 0 };
	sv_ok(ioctl(v.vm, KVM_SET_USER_MEMORY_REGION, &r) == 0, "memslots: delete the read-only slot");
	sv_ok(vmm_vcpu_run(&c) == 0 && c.run->exit_reason == KVM_EXIT_MMIO &&
	      c.run->mmio.phys_addr == RO_GPA + 8 && !c.run->mmio.is_write,
	      "memslots: a deleted slot's address is MMIO");
	vmm_vcpu_destroy(&c);
	vmm_destroy(&v);
	sv_tap_exit();
}
