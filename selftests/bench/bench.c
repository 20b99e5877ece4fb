// SPDX-License-Identifier: GPL-2.0
/*
 * Microbenchmarks of the paper's Table I, speaking only the KVM ABI (the
 * same binary runs on splitvisor and the in-kernel KVM).  The VM has a
 * vGICv3, as the paper's did, so every exit pays for its switch:
 *   hypercall   null HVC round trip (an SMCCC call nobody implements)
 *   mmio-user   guest MMIO read completed by this VMM (exit to userspace)
 *   sysreg      trapped system register read emulated in the kernel
 *               (ID_AA64MMFR0_EL1 with HCR_EL2.TID3)
 *   gic-trap    a distributor register read (GICD_TYPER) emulated in the
 *               kernel: the paper's "interrupt controller trap"
 *   virq        acknowledge + EOI of a virtual IRQ already in a list
 *               register (ICC_IAR1/EOIR1_EL1): "virtual IRQ completion"
 *   vipi        vCPU 0 sends an SGI to vCPU 1 (running guest code on the
 *               other CPU) until vCPU 1's handler has run: "virtual IPI"
 * Time is the guest's virtual counter, read with ISBs around each batch
 * (or each operation, summed, for virq/vipi); the lab runs the outer QEMU
 * with -icount shift=0 so counter ticks are guest instructions x
 * CNTFRQ/1e9 (see Documentation/benchmarks.rst).
 * Output: one line per benchmark, "bench NAME ITER TICKS FREQ".
 * Usage: bench [iterations]
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../lib/vmm.h"

#define MMIO	0x10000000ULL
#define GICD	0x08000000ULL
#define GICR	0x080a0000ULL
#define NR	6

/* Batch timing: x22 = start, x23 = end, reported to MMIO + 0x100. */
#define T_START	"isb\n mrs x22, cntvct_el0\n isb\n"
#define T_END	"isb\n mrs x23, cntvct_el0\n isb\n str x22, [x19, #0x100]\n str x23, [x19, #0x100]\n"
/* Summed timing: x24 accumulates, reported as (0, x24). */
#define SUM_REPORT "str xzr, [x19, #0x100]\n str x24, [x19, #0x100]\n"
#define ICC_PMR		"S3_0_C4_C6_0"
#define ICC_IAR1	"S3_0_C12_C12_0"
#define ICC_EOIR1	"S3_0_C12_C12_1"
#define ICC_SGI1R	"S3_0_C12_C11_5"
#define ICC_IGRPEN1	"S3_0_C12_C12_7"
#define GIC_CPU_ON	"mov x3, #0xff\n msr " ICC_PMR ", x3\n mov x3, #1\n msr " ICC_IGRPEN1 ", x3\n isb\n"

/*
 * vCPU 0 at 0 (x20 = iterations); vCPU 1's vectors at 0x1000 and entry
 * at 0x1800; vCPU 1's handler count at 0x3000, its "ready" flag at 0x3008.
 */
GUEST_CODE(guest_bench,
	"movz	x19, #0x1000, lsl #16\n"	/* MMIO (x0-x3 are SMCCC results) */
	"movz	x25, #0x0800, lsl #16\n"	/* GICD */
	"mov	w3, #0x12\n str w3, [x25]\n"	/* GICD_CTLR: ARE, EnableGrp1 */
	GIC_CPU_ON
	/* hypercall */
	"mov	x21, x20\n" T_START
	"1:	movz x0, #0xff10\n movk x0, #0x8600, lsl #16\n hvc #0\n"
	"	subs x21, x21, #1\n b.ne 1b\n" T_END
	/* mmio-user */
	"mov	x21, x20\n" T_START
	"2:	ldr w2, [x19]\n subs x21, x21, #1\n b.ne 2b\n" T_END
	/* sysreg */
	"mov	x21, x20\n" T_START
	"3:	mrs x2, id_aa64mmfr0_el1\n subs x21, x21, #1\n b.ne 3b\n" T_END
	/* gic-trap */
	"mov	x21, x20\n" T_START
	"4:	ldr w2, [x25, #4]\n subs x21, x21, #1\n b.ne 4b\n" T_END
	/* virq: SGI 1 to ourselves (IRQs masked), then time IAR + EOIR only */
	"mov	x21, x20\n mov x24, #0\n"
	"5:	mov x3, #1\n orr x3, x3, #(1 << 24)\n msr " ICC_SGI1R ", x3\n"
	"	isb\n mrs x22, cntvct_el0\n"
	"	mrs x4, " ICC_IAR1 "\n msr " ICC_EOIR1 ", x4\n"
	"	isb\n mrs x23, cntvct_el0\n"
	"	sub x5, x23, x22\n add x24, x24, x5\n"
	"	subs x21, x21, #1\n b.ne 5b\n"
	"str	x4, [x19, #0x110]\n"		/* the last INTID acked: must be 1 */
	SUM_REPORT
	/* vipi: wait for vCPU 1, then SGI 2 to Aff0 = 1 until its handler ran */
	"mov	x10, #0x3000\n"
	"6:	ldr x11, [x10, #8]\n cbz x11, 6b\n"
	"mov	x21, x20\n mov x24, #0\n"
	"movz	x3, #0x0200, lsl #16\n orr x3, x3, #2\n"
	"7:	ldr x11, [x10]\n"
	"	isb\n mrs x22, cntvct_el0\n"
	"	msr " ICC_SGI1R ", x3\n"
	"8:	ldr x12, [x10]\n cmp x12, x11\n b.eq 8b\n"
	"	isb\n mrs x23, cntvct_el0\n"
	"	sub x5, x23, x22\n add x24, x24, x5\n"
	"	subs x21, x21, #1\n b.ne 7b\n"
	SUM_REPORT
	"mrs	x24, cntfrq_el0\n str x24, [x19, #0x108]\n"
	"movz	x0, #0x0008\n movk x0, #0x8400, lsl #16\n hvc #0\n"	/* SYSTEM_OFF */
	"9:	b 9b\n"
	/* vCPU 1: vectors (IRQ from EL1h at +0x280) */
	".org 0x1280\n"
	"	mrs x9, " ICC_IAR1 "\n"
	"	mov x10, #0x3000\n ldr x11, [x10]\n add x11, x11, #1\n str x11, [x10]\n"
	"	msr " ICC_EOIR1 ", x9\n"
	"	eret\n"
	".org 0x1800\n"
	"	mov x3, #0x1000\n msr vbar_el1, x3\n"
	GIC_CPU_ON
	"	msr daifclr, #2\n"
	"	mov x10, #0x3000\n mov x11, #1\n str x11, [x10, #8]\n"
	"10:	b 10b\n");

static struct vmm v;
static struct vmm_vcpu c0, c1;

static void *vcpu1_thread(void *arg)
{
	vmm_pin(1);
	vmm_vcpu_run(&c1);	/* spins in the guest until the signal */
	return NULL;
}

static void noop(int sig)
{
}

int main(int argc, char **argv)
{
	static const char *const names[NR] = {
		"hypercall", "mmio-user", "sysreg", "gic-trap", "virq", "vipi" };
	uint64_t iters = argc > 1 ? strtoull(argv[1], NULL, 0) : 4096;
	uint64_t t[2 * NR], freq = 0, d, intid = 0;
	struct sigaction sa = { .sa_handler = noop };
	pthread_t th;
	int n = 0, i;

	sigaction(SIGUSR1, &sa, NULL);
	if (vmm_create(&v, 1 << 20) ||
	    vmm_load(&v, guest_bench_start, guest_bench_end - guest_bench_start, 0) ||
	    vmm_vcpu_create(&v, &c0, 0, 1 << KVM_ARM_VCPU_PSCI_0_2) ||
	    vmm_vcpu_create(&v, &c1, 1, 1 << KVM_ARM_VCPU_PSCI_0_2) ||
	    vmm_set_reg(&c0, VMM_CORE_REG(regs.regs[20]), iters) ||
	    vmm_set_reg(&c1, VMM_CORE_REG(regs.pc), 0x1800) ||
	    vmm_vgic_v3(&v, GICD, GICR, 2) < 0)
		return 1;
	pthread_create(&th, NULL, vcpu1_thread, NULL);
	vmm_pin(0);
	for (;;) {
		if (vmm_vcpu_run(&c0)) {
			perror("KVM_RUN");
			return 1;
		}
		if (c0.run->exit_reason == KVM_EXIT_SYSTEM_EVENT)
			break;
		if (c0.run->exit_reason != KVM_EXIT_MMIO) {
			fprintf(stderr, "unexpected exit %u\n", c0.run->exit_reason);
			return 1;
		}
		if (!c0.run->mmio.is_write) {
			memset(c0.run->mmio.data, 0, 8);
			continue;
		}
		memcpy(&d, c0.run->mmio.data, 8);
		if (getenv("BENCH_VERBOSE"))
			fprintf(stderr, "# bench: report %d at %#llx: %llu\n", n,
				(unsigned long long)c0.run->mmio.phys_addr, (unsigned long long)d);
		if (c0.run->mmio.phys_addr == MMIO + 0x100 && n < 2 * NR)
			t[n++] = d;
		else if (c0.run->mmio.phys_addr == MMIO + 0x108)
			freq = d;
		else if (c0.run->mmio.phys_addr == MMIO + 0x110)
			intid = d;
	}
	pthread_kill(th, SIGUSR1);
	pthread_join(th, NULL);
	for (i = 0; i < n / 2; i++)
		printf("bench %s %llu %llu %llu\n", names[i], (unsigned long long)iters,
		       (unsigned long long)(t[2 * i + 1] - t[2 * i]), (unsigned long long)freq);
	if (intid != 1)
		fprintf(stderr, "virq: the guest acknowledged INTID %llu, not 1\n",
			(unsigned long long)intid);
	vmm_vcpu_destroy(&c1);
	vmm_vcpu_destroy(&c0);
	vmm_destroy(&v);
	return n == 2 * NR && intid == 1 ? 0 : 1;
}
