// SPDX-License-Identifier: GPL-2.0
/*
 * Microbenchmarks of the paper's Table I that need no interrupt
 * controller yet, speaking only the KVM ABI (the same binary runs on
 * splitvisor and the in-kernel KVM):
 *   hypercall   null HVC round trip (an SMCCC call nobody implements)
 *   mmio-user   guest MMIO read completed by this VMM (exit to userspace)
 *   sysreg      trapped system register read emulated in the kernel
 *               (ID_AA64MMFR0_EL1 with HCR_EL2.TID3)
 * Time is the guest's virtual counter, read with ISBs around each batch;
 * the lab runs the outer QEMU with -icount shift=0 so counter ticks are
 * guest instructions x CNTFRQ/1e9 (see Documentation/benchmarks.rst).
 * Output: one line per benchmark, "bench NAME ITER TICKS FREQ".
 * Usage: bench [iterations]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/vmm.h"

#define MMIO	0x10000000ULL

/* x20 = iterations (set by the VMM); each benchmark reports
 * (start, end) counter values by two MMIO writes to MMIO+0x100. */
GUEST_CODE(guest_bench,
	/* hypercall */
	"mov	x21, x20\n"
	"isb\n mrs x22, cntvct_el0\n isb\n"
	"1:	movz x0, #0xff10\n movk x0, #0x8600, lsl #16\n hvc #0\n"
	"	subs x21, x21, #1\n b.ne 1b\n"
	"isb\n mrs x23, cntvct_el0\n isb\n"
	"movz	x1, #0x1000, lsl #16\n"
	"str	x22, [x1, #0x100]\n str x23, [x1, #0x100]\n"
	/* mmio-user */
	"mov	x21, x20\n"
	"isb\n mrs x22, cntvct_el0\n isb\n"
	"2:	ldr w2, [x1]\n"
	"	subs x21, x21, #1\n b.ne 2b\n"
	"isb\n mrs x23, cntvct_el0\n isb\n"
	"str	x22, [x1, #0x100]\n str x23, [x1, #0x100]\n"
	/* sysreg */
	"mov	x21, x20\n"
	"isb\n mrs x22, cntvct_el0\n isb\n"
	"3:	mrs x2, id_aa64mmfr0_el1\n"
	"	subs x21, x21, #1\n b.ne 3b\n"
	"isb\n mrs x23, cntvct_el0\n isb\n"
	"str	x22, [x1, #0x100]\n str x23, [x1, #0x100]\n"
	"mrs	x24, cntfrq_el0\n"
	"str	x24, [x1, #0x108]\n"
	"movz	x0, #0x0008\n movk x0, #0x8400, lsl #16\n hvc #0\n"
	"4: b 4b\n");

int main(int argc, char **argv)
{
	static const char *const names[] = { "hypercall", "mmio-user", "sysreg" };
	uint64_t iters = argc > 1 ? strtoull(argv[1], NULL, 0) : 4096;
	uint64_t t[6], freq = 0, d;
	struct vmm v;
	struct vmm_vcpu c;
	int n = 0, i;

	if (vmm_create(&v, 1 << 20) ||
	    vmm_load(&v, guest_bench_start, guest_bench_end - guest_bench_start, 0) ||
	    vmm_vcpu_create(&v, &c, 0, 1 << KVM_ARM_VCPU_PSCI_0_2) ||
	    vmm_set_reg(&c, VMM_CORE_REG(regs.regs[20]), iters))
		return 1;
	for (;;) {
		if (vmm_vcpu_run(&c)) {
			perror("KVM_RUN");
			return 1;
		}
		if (c.run->exit_reason == KVM_EXIT_SYSTEM_EVENT)
			break;
		if (c.run->exit_reason != KVM_EXIT_MMIO) {
			fprintf(stderr, "unexpected exit %u\n", c.run->exit_reason);
			return 1;
		}
		if (!c.run->mmio.is_write) {
			memset(c.run->mmio.data, 0, 8);
			continue;
		}
		memcpy(&d, c.run->mmio.data, 8);
		if (c.run->mmio.phys_addr == MMIO + 0x100 && n < 6)
			t[n++] = d;
		else if (c.run->mmio.phys_addr == MMIO + 0x108)
			freq = d;
	}
	for (i = 0; i < n / 2; i++)
		printf("bench %s %llu %llu %llu\n", names[i], (unsigned long long)iters,
		       (unsigned long long)(t[2 * i + 1] - t[2 * i]), (unsigned long long)freq);
	vmm_vcpu_destroy(&c);
	vmm_destroy(&v);
	return n == 6 ? 0 : 1;
}
