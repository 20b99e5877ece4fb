// SPDX-License-Identifier: GPL-2.0
/*
 * Guest memory backed by transparent huge pages: the guest sees the right
 * data whether stage-2 maps it with 2 MiB blocks or pages; on splitvisor
 * the VM's stats show blocks in use.  Unmapping 4 KiB in the middle of a
 * huge page takes effect for the guest (that page becomes MMIO after the
 * slot changes), and dirty logging on a block-mapped slot reports exactly
 * the pages written.  Usage: vm_thp splitvisor|kvm
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../lib/tap.h"
#include "../lib/vmm.h"

#define THP_GPA		0x40000000ULL
#define THP_SIZE	(2 << 20)

/* x0 = base, x1 = MMIO: write each page's index into it, then sum them. */
GUEST_CODE(guest_thp,
	"movz	x0, #0x4000, lsl #16\n"		/* THP_GPA */
	"movz	x1, #0x1000, lsl #16\n"		/* MMIO */
	"1:	mov x2, #0\n"
	"	mov x3, x0\n"
	"2:	str x2, [x3]\n"
	"	add x2, x2, #1\n"
	"	add x3, x3, #0x1000\n"
	"	cmp x2, #512\n"
	"	b.ne 2b\n"
	"	mov x2, #0\n mov x3, x0\n mov x4, #0\n"
	"3:	ldr x5, [x3]\n add x4, x4, x5\n"
	"	add x2, x2, #1\n add x3, x3, #0x1000\n"
	"	cmp x2, #512\n b.ne 3b\n"
	"	str x4, [x1]\n"			/* report the sum */
	"	ldr x6, [x1, #8]\n"		/* userspace: which page to write next */
	"	lsl x6, x6, #12\n"
	"	add x6, x6, x0\n"
	"	str x1, [x6]\n"			/* one write */
	"	str x4, [x1, #16]\n"
	"	b 1b\n");

static int run_to(struct vmm_vcpu *c, uint64_t addr, uint64_t *data, int write)
{
	if (vmm_vcpu_run(c) || c->run->exit_reason != KVM_EXIT_MMIO ||
	    c->run->mmio.phys_addr != addr || c->run->mmio.is_write != write)
		return 0;
	if (write)
		memcpy(data, c->run->mmio.data, 8);
	else
		memcpy(c->run->mmio.data, data, 8);
	return 1;
}

int main(int argc, char **argv)
{
	int splitvisor = argc > 1 && !strcmp(argv[1], "splitvisor");
	struct kvm_userspace_memory_region r;
	struct vmm v;
	struct vmm_vcpu c;
	uint64_t sum, next, bitmap[8], dirty = 0;
	char *area, *thp;
	int i, ok;

	if (vmm_create(&v, 64 << 10) ||
	    vmm_load(&v, guest_thp_start, guest_thp_end - guest_thp_start, 0))
		return 1;
	area = mmap(NULL, 2 * THP_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	thp = (char *)(((unsigned long)area + THP_SIZE - 1) & ~(unsigned long)(THP_SIZE - 1));
	madvise(thp, THP_SIZE, MADV_HUGEPAGE);
	memset(thp, 0, THP_SIZE);
	r = (struct kvm_userspace_memory_region){
		.slot = 1, .guest_phys_addr = THP_GPA, .memory_size = THP_SIZE,
		.userspace_addr = (uint64_t)(unsigned long)thp };
	sv_ok(ioctl(v.vm, KVM_SET_USER_MEMORY_REGION, &r) == 0,
	      "thp: a 2 MiB slot on a 2 MiB-aligned THP region");
	if (vmm_vcpu_create(&v, &c, 0, 1 << KVM_ARM_VCPU_PSCI_0_2))
		return 1;

	sv_ok(run_to(&c, 0x10000000, &sum, 1) && sum == 511 * 512 / 2,
	      "thp: the guest writes and reads back all 512 pages (sum %llu)",
	      (unsigned long long)sum);
	for (ok = 1, i = 0; i < 512; i++)
		ok &= ((uint64_t *)(thp + i * 4096))[0] == (uint64_t)i;
	sv_ok(ok, "thp: the VMM sees the guest's data in every page");
	if (splitvisor)
		sv_ok(vmm_stat(v.vm, "s2_blocks") == 1,
		      "thp: stage-2 maps the huge page with one 2 MiB block (%llu blocks, %llu pages)",
		      (unsigned long long)vmm_stat(v.vm, "s2_blocks"),
		      (unsigned long long)vmm_stat(v.vm, "s2_pages"));

	/* Dirty logging on the block-mapped slot: exactly the written page. */
	r.flags = KVM_MEM_LOG_DIRTY_PAGES;
	sv_ok(ioctl(v.vm, KVM_SET_USER_MEMORY_REGION, &r) == 0, "thp: turn on dirty logging");
	next = 77;
	run_to(&c, 0x10000008, &next, 0);
	sv_ok(run_to(&c, 0x10000010, &sum, 1), "thp: the guest wrote page 77");
	{
		struct kvm_dirty_log log = { .slot = 1, .dirty_bitmap = bitmap };

		memset(bitmap, 0, sizeof(bitmap));
		sv_ok(ioctl(v.vm, KVM_GET_DIRTY_LOG, &log) == 0, "thp: KVM_GET_DIRTY_LOG");
		for (i = 0; i < 512; i++)
			dirty += (bitmap[i / 64] >> (i % 64)) & 1;
		sv_ok(dirty == 1 && (bitmap[1] & (1ULL << (77 - 64))),
		      "thp: exactly page 77 is dirty (%llu dirty)", (unsigned long long)dirty);
	}
	sv_ok(*(uint64_t *)(thp + 77 * 4096) == 0x10000000,
	      "thp: the write landed in the VMM's page 77");

	/* Punch a 4 KiB hole in the huge page: the guest must not see the old page. */
	next = 3;
	sv_ok(run_to(&c, 0x10000000, &sum, 1), "thp: the guest sums again");
	sv_ok(madvise(thp + 5 * 4096, 4096, MADV_DONTNEED) == 0,
	      "thp: MADV_DONTNEED one page inside the huge page");
	run_to(&c, 0x10000008, &next, 0);
	run_to(&c, 0x10000010, &sum, 1);
	sv_ok(run_to(&c, 0x10000000, &sum, 1) && sum == 511 * 512 / 2,
	      "thp: the guest still reads its own data everywhere (sum %llu)",
	      (unsigned long long)sum);
	sv_ok(((uint64_t *)(thp + 5 * 4096))[0] == 5,
	      "thp: the zapped page came back zeroed and the guest rewrote it");
	vmm_vcpu_destroy(&c);
	vmm_destroy(&v);
	sv_tap_exit();
}
