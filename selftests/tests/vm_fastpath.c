// SPDX-License-Identifier: GPL-2.0
/*
 * The calls splitvisor's EL2 fast paths answer, answered as the host
 * answers them: a guest makes 10,000 HVCs with a fixed answer
 * (SMCCC_VERSION), 10,000 of a function ID nothing implements,
 * 1,000 PSCI_FEATURES(CPU_ON) (an answer that depends on x1), 1,000
 * SMCs, 10,000 reads of ID_AA64MMFR0_EL1, and 1,000 WFIs with an SGI
 * pending that the guest has not taken; every answer must
 * equal the first, the first the architected one (the ID register:
 * what KVM_GET_ONE_REG says).  Then its vCPU statistics: with
 * splitvisor's fastpath= on, EL2 must have answered (fast_hvc,
 * fast_sysreg, fast_wfi), with fastpath=0 never; the in-kernel KVM has
 * no such statistics and only the answers count.  The "# answers" line
 * lets the lab compare runs.
 *
 * The WFIs: the guest takes SGI 5 (acknowledges it, priority 0, so its
 * running priority is 0) and sends itself SGI 6 (priority 0 too): 6 is
 * pending and, by the hypervisors' measure (priority below the PMR, its
 * group on), a reason for WFI not to sleep, but it does not preempt 5,
 * so no wake-up event is pending and the WFI traps (QEMU completes a
 * WFI without trapping when one is, as the architecture allows).  Then
 * the guest completes 5 and must take 6.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../lib/guest_asm.h"
#include "../lib/tap.h"
#include "../lib/vmm.h"

#define GICD		0x08000000ULL
#define GICR		0x080a0000ULL
#define MMIO_DONE	0x10000000ULL
#define RESULTS		0x3000		/* the guest's results in RAM, u64 each */
#define N_BIG		10000
#define N_SMALL		1000

/* Result slots (RESULTS + 8 * slot). */
enum { R_VER, R_VER_BAD, R_NULL, R_NULL_BAD, R_FEAT, R_FEAT_BAD, R_SMC, R_SMC_BAD,
       R_MMFR0, R_MMFR0_BAD, R_WFI, R_IAR_FIRST, R_IAR, R_NR };

#define MOV32(reg, hi, lo)	"movz " reg ", #" lo "\n movk " reg ", #" hi ", lsl #16\n"

/*
 * n calls of `insn` with x0 = fid, x1 = arg, x2/x3 = all ones: the first
 * answer to slot, then the number of answers that differ from it in x0
 * or have x1..x3 other than want123 (an HVC zeroes them; an SMC leaves
 * them as they were) to slot + 1.
 */
#define CALLS(insn, n, fid_hi, fid_lo, arg_hi, arg_lo, want123, slot)		\
	"	movz x9, #" STR(n) "\n mov x11, #0\n"					\
	MOV32("x0", fid_hi, fid_lo) MOV32("x1", arg_hi, arg_lo)			\
	"	mov x2, #-1\n mov x3, #-1\n " insn "\n mov x10, x0\n"		\
	"	str x10, [x20, #" STR(slot) " * 8]\n"					\
	"1:	" MOV32("x0", fid_hi, fid_lo) MOV32("x1", arg_hi, arg_lo)		\
	"	mov x2, #-1\n mov x3, #-1\n " insn "\n"				\
	"	eor x12, x0, x10\n"							\
	"	" want123 "\n"								\
	"	cmp x12, #0\n cinc x11, x11, ne\n"					\
	"	subs x9, x9, #1\n b.ne 1b\n"						\
	"	str x11, [x20, #(" STR(slot) " + 1) * 8]\n"

/* x1..x3 all zero after an HVC. */
#define HVC_ZERO	"orr x12, x12, x1\n orr x12, x12, x2\n orr x12, x12, x3"
/* x1 what it was (the argument), x2 and x3 all ones, after an SMC. */
#define SMC_KEPT	MOV32("x13", "0", "0x1234") "eor x13, x13, x1\n orr x12, x12, x13\n" \
			"and x13, x2, x3\n mvn x13, x13\n orr x12, x12, x13"

GUEST_CODE(guest_fastpath,
	"	movz x20, #" STR(RESULTS) "\n"
	CALLS("hvc #0", N_BIG, "0x8000", "0x0000", "0", "0", HVC_ZERO, 0)	/* SMCCC_VERSION */
	CALLS("hvc #0", N_BIG, "0x8600", "0xff10", "0", "0", HVC_ZERO, 2)	/* nobody's */
	CALLS("hvc #0", N_SMALL, "0x8400", "0x000a", "0x8400", "0x0003", HVC_ZERO, 4)
										/* PSCI_FEATURES(CPU_ON) */
	CALLS("smc #0", N_SMALL, "0x8000", "0x0000", "0", "0x1234", SMC_KEPT, 6)
	/* ID_AA64MMFR0_EL1, trapped by HCR_EL2.TID3 */
	"	movz x9, #" STR(N_BIG) "\n mov x11, #0\n"
	"	mrs x10, id_aa64mmfr0_el1\n str x10, [x20, #8 * 8]\n"
	"2:	mrs x0, id_aa64mmfr0_el1\n cmp x0, x10\n cinc x11, x11, ne\n"
	"	subs x9, x9, #1\n b.ne 2b\n"
	"	str x11, [x20, #9 * 8]\n"
	/* Interrupts stay masked (PSTATE.I from reset): the GIC is polled. */
	"	movz x21, #0x0800, lsl #16\n mov w0, #0x12\n str w0, [x21]\n"	/* GICD_CTLR: ARE, Grp1 */
	"	mov x0, #0xff\n msr " ICC_PMR ", x0\n"
	"	mov x0, #1\n msr " ICC_IGRPEN1 ", x0\n isb\n"
	"	movz x0, #0x0500, lsl #16\n orr x0, x0, #1\n"
	"	msr " ICC_SGI1R ", x0\n isb\n"				/* SGI 5 */
	"	movz x9, #1, lsl #16\n"
	"5:	mrs x8, " ICC_IAR1 "\n cmp x8, #1020\n b.lo 6f\n"
	"	subs x9, x9, #1\n b.ne 5b\n"
	"6:	str x8, [x20, #11 * 8]\n"
	"	movz x0, #0x0600, lsl #16\n orr x0, x0, #1\n"
	"	msr " ICC_SGI1R ", x0\n isb\n"				/* SGI 6 */
	"	movz x9, #" STR(N_SMALL) "\n mov x11, #0\n"
	"3:	wfi\n add x11, x11, #1\n subs x9, x9, #1\n b.ne 3b\n"
	"	str x11, [x20, #10 * 8]\n"
	"	msr " ICC_EOIR1 ", x8\n isb\n"				/* 5 done */
	"	mrs x0, " ICC_IAR1 "\n str x0, [x20, #12 * 8]\n"		/* then 6 */
	"	msr " ICC_EOIR1 ", x0\n"
	"	movz x19, #0x1000, lsl #16\n str x11, [x19]\n"		/* done */
	"4:	b 4b\n");

static struct vmm v;
static struct vmm_vcpu c;

static void on_alarm(int sig)
{
}

/* Counted by EL2 as it should: all but a few with its bit on, none with it off. */
static void check_stat(long param, unsigned int bit, const char *name, uint64_t calls)
{
	uint64_t n = vmm_stat(c.fd, name);

	if (param & bit)
		sv_ok(n != ~0ULL && n >= calls - calls / 1000 && n <= calls,
		      "vm_fastpath: %s %llu of %llu calls (fastpath=%#lx: at least 99.9 %%)", name,
		      (unsigned long long)n, (unsigned long long)calls, param);
	else
		sv_ok(n == 0, "vm_fastpath: %s %llu (fastpath=%#lx: the host answered all)", name,
		      (unsigned long long)n, param);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	long param = vmm_splitvisor_fastpath();
	uint64_t *res, mmfr0 = 0, d = 0;
	int gic, done;

	sigaction(SIGALRM, &sa, NULL);
	if (!sv_ok(vmm_create(&v, 1 << 20) == 0 &&
		   vmm_load(&v, guest_fastpath_start, guest_fastpath_end - guest_fastpath_start, 0) == 0 &&
		   vmm_vcpu_create(&v, &c, 0, 1 << KVM_ARM_VCPU_PSCI_0_2) == 0,
		   "vm_fastpath: a VM with one vCPU (PSCI 1.1)"))
		return 1;
	gic = vmm_vgic_v3(&v, GICD, GICR, 1);
	if (!sv_ok(gic >= 0, "vm_fastpath: a vGICv3"))
		return 1;
	/* A lost wake-up would block KVM_RUN in the WFI: EINTR after 120 s. */
	alarm(120);
	done = vmm_vcpu_run(&c) == 0 && vmm_mmio_is(&c, MMIO_DONE, 8, 1, &d);
	alarm(0);
	if (!sv_ok(done, "vm_fastpath: the guest ran all its calls"))
		return 1;
	res = (uint64_t *)((char *)v.mem + RESULTS);
	vmm_get_reg(&c, KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM64_SYSREG |
		    (3ULL << 14) | (7ULL << 3), &mmfr0);

	sv_ok(res[R_VER] == 0x10001 && !res[R_VER_BAD],
	      "vm_fastpath: %u x SMCCC_VERSION: 1.1, x1..x3 = 0 (%#llx, %llu differ)", N_BIG + 1,
	      (unsigned long long)res[R_VER], (unsigned long long)res[R_VER_BAD]);
	sv_ok(res[R_NULL] == ~0ULL && !res[R_NULL_BAD],
	      "vm_fastpath: %u x function 0x8600ff10: NOT_SUPPORTED, x1..x3 = 0 (%#llx, %llu differ)",
	      N_BIG + 1, (unsigned long long)res[R_NULL], (unsigned long long)res[R_NULL_BAD]);
	sv_ok(res[R_FEAT] == 0 && !res[R_FEAT_BAD],
	      "vm_fastpath: %u x PSCI_FEATURES(CPU_ON): 0, x1..x3 = 0 (%#llx, %llu differ)",
	      N_SMALL + 1, (unsigned long long)res[R_FEAT], (unsigned long long)res[R_FEAT_BAD]);
	sv_ok(res[R_SMC] == ~0ULL && !res[R_SMC_BAD],
	      "vm_fastpath: %u x SMC: NOT_SUPPORTED, x1..x3 kept, stepped over (%#llx, %llu differ)",
	      N_SMALL + 1, (unsigned long long)res[R_SMC], (unsigned long long)res[R_SMC_BAD]);
	sv_ok(res[R_MMFR0] == mmfr0 && !res[R_MMFR0_BAD],
	      "vm_fastpath: %u x ID_AA64MMFR0_EL1: what KVM_GET_ONE_REG says (%#llx, %llu differ)",
	      N_BIG + 1, (unsigned long long)res[R_MMFR0], (unsigned long long)res[R_MMFR0_BAD]);
	sv_ok(res[R_IAR_FIRST] == 5, "vm_fastpath: the guest took SGI 5 (IAR1 %llu)",
	      (unsigned long long)res[R_IAR_FIRST]);
	sv_ok(res[R_WFI] == N_SMALL && res[R_IAR] == 6,
	      "vm_fastpath: %u WFIs with SGI 6 pending returned, then it was taken (IAR1 %llu)",
	      N_SMALL, (unsigned long long)res[R_IAR]);
	printf("# answers: %#llx %#llx %#llx %#llx %#llx %llu %llu\n",
	       (unsigned long long)res[R_VER], (unsigned long long)res[R_NULL],
	       (unsigned long long)res[R_FEAT], (unsigned long long)res[R_SMC],
	       (unsigned long long)res[R_MMFR0], (unsigned long long)res[R_IAR_FIRST],
	       (unsigned long long)res[R_IAR]);

	if (param < 0 || vmm_stat(c.fd, "fast_hvc") == ~0ULL) {
		printf("# no fast_* statistics (the in-kernel KVM): answers checked only\n");
	} else {
		printf("# splitvisor fastpath=%#lx: answers and EL2's counters checked\n", param);
		check_stat(param, 1, "fast_hvc", 2 * (N_BIG + 1) + 2 * (N_SMALL + 1));
		check_stat(param, 2, "fast_sysreg", N_BIG + 1);
		check_stat(param, 4, "fast_wfi", N_SMALL);
	}
	close(gic);
	vmm_vcpu_destroy(&c);
	vmm_destroy(&v);
	sv_tap_exit();
}
