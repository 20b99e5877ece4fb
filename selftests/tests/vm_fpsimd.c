// SPDX-License-Identifier: GPL-2.0
/*
 * FP/SIMD registers stay each side's across exits: a guest fills all 32
 * vector registers, exits to the host kernel (an HVC) and to userspace
 * (an MMIO write), and checks them; the VMM thread holds its own pattern
 * in all 32 registers across each KVM_RUN (the syscall is issued from
 * assembly that fills them before and reads them after), and reads the
 * guest's through ONE_REG at the MMIO exit.  On splitvisor the lazy
 * switch (the guest's first FP use after an entry traps to EL2) is also
 * counted: fast_fp_lazy_loads grows once per entry that used FP (an HVC
 * EL2 answers itself is no new entry).  Runs
 * the same on the in-kernel KVM (without the counter).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include "../lib/tap.h"
#include "../lib/vmm.h"

#define MMIO_BASE	0x10000000ULL
#define ROUNDS		2000

/*
 * x20 counts rounds.  Each round: v<i> = x20 * 64 + i in both lanes, an
 * HVC (SMCCC_VERSION: answered by the host kernel or EL2), the check,
 * an MMIO write of x20 (userspace), the check again.  A mismatch writes
 * (i << 32 | round) to MMIO_BASE + 8 and stops.
 */
GUEST_CODE(guest_fp,
	"mov	x0, #(3 << 20)\n msr cpacr_el1, x0\n isb\n"	/* FP/SIMD on at EL0/EL1 */
	"movz	x19, #0x1000, lsl #16\n"			/* MMIO_BASE */
	"mov	x20, #0\n"
	"1:	lsl	x1, x20, #6\n"
	"dup	v0.2d, x1\n add x1, x1, #1\n"
	"dup	v1.2d, x1\n add x1, x1, #1\n"
	"dup	v2.2d, x1\n add x1, x1, #1\n"
	"dup	v3.2d, x1\n add x1, x1, #1\n"
	"dup	v4.2d, x1\n add x1, x1, #1\n"
	"dup	v5.2d, x1\n add x1, x1, #1\n"
	"dup	v6.2d, x1\n add x1, x1, #1\n"
	"dup	v7.2d, x1\n add x1, x1, #1\n"
	"dup	v8.2d, x1\n add x1, x1, #1\n"
	"dup	v9.2d, x1\n add x1, x1, #1\n"
	"dup	v10.2d, x1\n add x1, x1, #1\n"
	"dup	v11.2d, x1\n add x1, x1, #1\n"
	"dup	v12.2d, x1\n add x1, x1, #1\n"
	"dup	v13.2d, x1\n add x1, x1, #1\n"
	"dup	v14.2d, x1\n add x1, x1, #1\n"
	"dup	v15.2d, x1\n add x1, x1, #1\n"
	"dup	v16.2d, x1\n add x1, x1, #1\n"
	"dup	v17.2d, x1\n add x1, x1, #1\n"
	"dup	v18.2d, x1\n add x1, x1, #1\n"
	"dup	v19.2d, x1\n add x1, x1, #1\n"
	"dup	v20.2d, x1\n add x1, x1, #1\n"
	"dup	v21.2d, x1\n add x1, x1, #1\n"
	"dup	v22.2d, x1\n add x1, x1, #1\n"
	"dup	v23.2d, x1\n add x1, x1, #1\n"
	"dup	v24.2d, x1\n add x1, x1, #1\n"
	"dup	v25.2d, x1\n add x1, x1, #1\n"
	"dup	v26.2d, x1\n add x1, x1, #1\n"
	"dup	v27.2d, x1\n add x1, x1, #1\n"
	"dup	v28.2d, x1\n add x1, x1, #1\n"
	"dup	v29.2d, x1\n add x1, x1, #1\n"
	"dup	v30.2d, x1\n add x1, x1, #1\n"
	"dup	v31.2d, x1\n add x1, x1, #1\n"
	"movz	x0, #0x0000\n movk x0, #0x8000, lsl #16\n hvc #0\n"	/* SMCCC_VERSION */
	"bl	8f\n"
	"str	x20, [x19]\n"
	"bl	8f\n"
	"add	x20, x20, #1\n b 1b\n"
	/* 8: check v0..v31 against x20 * 64 + i (x1, x3, x4, x5 scratch) */
	"8:	lsl	x1, x20, #6\n mov x5, #0\n"
	"umov	x3, v0.d[0]\n umov x4, v0.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v1.d[0]\n umov x4, v1.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v2.d[0]\n umov x4, v2.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v3.d[0]\n umov x4, v3.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v4.d[0]\n umov x4, v4.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v5.d[0]\n umov x4, v5.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v6.d[0]\n umov x4, v6.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v7.d[0]\n umov x4, v7.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v8.d[0]\n umov x4, v8.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v9.d[0]\n umov x4, v9.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v10.d[0]\n umov x4, v10.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v11.d[0]\n umov x4, v11.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v12.d[0]\n umov x4, v12.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v13.d[0]\n umov x4, v13.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v14.d[0]\n umov x4, v14.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v15.d[0]\n umov x4, v15.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v16.d[0]\n umov x4, v16.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v17.d[0]\n umov x4, v17.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v18.d[0]\n umov x4, v18.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v19.d[0]\n umov x4, v19.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v20.d[0]\n umov x4, v20.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v21.d[0]\n umov x4, v21.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v22.d[0]\n umov x4, v22.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v23.d[0]\n umov x4, v23.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v24.d[0]\n umov x4, v24.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v25.d[0]\n umov x4, v25.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v26.d[0]\n umov x4, v26.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v27.d[0]\n umov x4, v27.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v28.d[0]\n umov x4, v28.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v29.d[0]\n umov x4, v29.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v30.d[0]\n umov x4, v30.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"umov	x3, v31.d[0]\n umov x4, v31.d[1]\n cmp x3, x1\n ccmp x4, x1, #0, eq\n b.ne 9f\n add x1, x1, #1\n"
	"ret\n"
	"9:	and	x1, x1, #63\n lsl x1, x1, #32\n orr x1, x1, x20\n"
	"str	x1, [x19, #8]\n"
	"b	9b\n");

/*
 * long fp_kvm_run(int fd, uint64_t pattern, uint64_t out[64]): ioctl(fd,
 * KVM_RUN) with v<i> = pattern + i in both lanes, the registers stored to
 * out after it.  d8..d15 are the caller's (AAPCS64): kept on the stack.
 */
long fp_kvm_run(int fd, uint64_t pattern, uint64_t *out);
asm(".text\n .balign 4\n .global fp_kvm_run\n .type fp_kvm_run, %function\n"
    "fp_kvm_run:\n"
	"\tstp	d8, d9, [sp, #-64]!\n stp d10, d11, [sp, #16]\n"
	"\tstp	d12, d13, [sp, #32]\n stp d14, d15, [sp, #48]\n"
	"\tmov	x9, x1\n mov x3, x2\n"
	"dup	v0.2d, x9\n add x9, x9, #1\n"
	"dup	v1.2d, x9\n add x9, x9, #1\n"
	"dup	v2.2d, x9\n add x9, x9, #1\n"
	"dup	v3.2d, x9\n add x9, x9, #1\n"
	"dup	v4.2d, x9\n add x9, x9, #1\n"
	"dup	v5.2d, x9\n add x9, x9, #1\n"
	"dup	v6.2d, x9\n add x9, x9, #1\n"
	"dup	v7.2d, x9\n add x9, x9, #1\n"
	"dup	v8.2d, x9\n add x9, x9, #1\n"
	"dup	v9.2d, x9\n add x9, x9, #1\n"
	"dup	v10.2d, x9\n add x9, x9, #1\n"
	"dup	v11.2d, x9\n add x9, x9, #1\n"
	"dup	v12.2d, x9\n add x9, x9, #1\n"
	"dup	v13.2d, x9\n add x9, x9, #1\n"
	"dup	v14.2d, x9\n add x9, x9, #1\n"
	"dup	v15.2d, x9\n add x9, x9, #1\n"
	"dup	v16.2d, x9\n add x9, x9, #1\n"
	"dup	v17.2d, x9\n add x9, x9, #1\n"
	"dup	v18.2d, x9\n add x9, x9, #1\n"
	"dup	v19.2d, x9\n add x9, x9, #1\n"
	"dup	v20.2d, x9\n add x9, x9, #1\n"
	"dup	v21.2d, x9\n add x9, x9, #1\n"
	"dup	v22.2d, x9\n add x9, x9, #1\n"
	"dup	v23.2d, x9\n add x9, x9, #1\n"
	"dup	v24.2d, x9\n add x9, x9, #1\n"
	"dup	v25.2d, x9\n add x9, x9, #1\n"
	"dup	v26.2d, x9\n add x9, x9, #1\n"
	"dup	v27.2d, x9\n add x9, x9, #1\n"
	"dup	v28.2d, x9\n add x9, x9, #1\n"
	"dup	v29.2d, x9\n add x9, x9, #1\n"
	"dup	v30.2d, x9\n add x9, x9, #1\n"
	"dup	v31.2d, x9\n add x9, x9, #1\n"
	"\tmov	x1, #0xae80\n"		/* KVM_RUN = _IO(0xae, 0x80) */
	"\tmov	x2, #0\n mov x8, #29\n svc #0\n"
	"stp	q0, q1, [x3], #32\n"
	"stp	q2, q3, [x3], #32\n"
	"stp	q4, q5, [x3], #32\n"
	"stp	q6, q7, [x3], #32\n"
	"stp	q8, q9, [x3], #32\n"
	"stp	q10, q11, [x3], #32\n"
	"stp	q12, q13, [x3], #32\n"
	"stp	q14, q15, [x3], #32\n"
	"stp	q16, q17, [x3], #32\n"
	"stp	q18, q19, [x3], #32\n"
	"stp	q20, q21, [x3], #32\n"
	"stp	q22, q23, [x3], #32\n"
	"stp	q24, q25, [x3], #32\n"
	"stp	q26, q27, [x3], #32\n"
	"stp	q28, q29, [x3], #32\n"
	"stp	q30, q31, [x3], #32\n"
	"\tldp	d14, d15, [sp, #48]\n ldp d12, d13, [sp, #32]\n"
	"\tldp	d10, d11, [sp, #16]\n ldp d8, d9, [sp], #64\n ret\n"
    ".size fp_kvm_run, . - fp_kvm_run\n");

static struct vmm v;
static struct vmm_vcpu c;

#define VREG(i)	(KVM_REG_ARM64 | KVM_REG_SIZE_U128 | KVM_REG_ARM_CORE | \
		 ((offsetof(struct kvm_regs, fp_regs.vregs) + (i) * 16) / sizeof(uint32_t)))

int main(void)
{
	uint64_t out[64], d, host_bad = 0, guest_bad = 0, onereg_bad = 0, loads;
	unsigned int round, i, exits_ok = 0;
	__uint128_t q;

	if (!sv_ok(vmm_create(&v, 2 << 20) == 0, "vm_fpsimd: create a VM"))
		return 1;
	vmm_load(&v, guest_fp_start, guest_fp_end - guest_fp_start, 0);
	if (!sv_ok(vmm_vcpu_create(&v, &c, 0, 1 << KVM_ARM_VCPU_PSCI_0_2) == 0,
		   "vm_fpsimd: create and init a vCPU"))
		return 1;
	for (round = 0; round < ROUNDS; round++) {
		uint64_t pat = 0x5a5a000000000000ULL + (uint64_t)round * 64;

		if (fp_kvm_run(c.fd, pat, out) != 0 || c.run->exit_reason != KVM_EXIT_MMIO)
			break;
		if (c.run->mmio.phys_addr != MMIO_BASE) {
			memcpy(&d, c.run->mmio.data, 8);
			printf("#   guest saw v%llu changed in round %llu\n",
			       (unsigned long long)(d >> 32), (unsigned long long)(d & 0xffffffff));
			guest_bad++;
			break;
		}
		memcpy(&d, c.run->mmio.data, 8);
		if (d == round)
			exits_ok++;
		for (i = 0; i < 32; i++)
			if (out[2 * i] != pat + i || out[2 * i + 1] != pat + i)
				host_bad++;
		if (round % 97 == 0) {
			struct kvm_one_reg r = { .id = VREG(round % 32), .addr = (uintptr_t)&q };
			uint64_t want = (uint64_t)round * 64 + round % 32;

			if (ioctl(c.fd, KVM_GET_ONE_REG, &r) ||
			    (uint64_t)q != want || (uint64_t)(q >> 64) != want)
				onereg_bad++;
		}
	}
	sv_ok(exits_ok == ROUNDS, "vm_fpsimd: %u rounds of HVC + MMIO exits (%u done)", ROUNDS,
	      exits_ok);
	sv_ok(guest_bad == 0, "vm_fpsimd: the guest's 32 vector registers survive every exit");
	sv_ok(host_bad == 0, "vm_fpsimd: the VMM thread's 32 vector registers survive every KVM_RUN "
	      "(%llu wrong)", (unsigned long long)host_bad);
	sv_ok(onereg_bad == 0, "vm_fpsimd: ONE_REG reads the guest's vector registers at an exit");
	loads = vmm_stat(c.fd, "fast_fp_lazy_loads");
	if (loads == ~0ULL)
		sv_skip("vm_fpsimd: no fast_fp_lazy_loads counter (not splitvisor)");
	else if (loads == 0)
		sv_ok(1, "vm_fpsimd: fast_fp_lazy_loads 0: eager FP switch on this host (SVE/SME)");
	else
		/*
		 * At least once a round (after the MMIO exit to userspace); twice
		 * when the HVC goes to the host too (fastpath=0), once when EL2
		 * answers it without leaving the guest's FP state.
		 */
		sv_ok(loads >= ROUNDS && loads <= 2 * ROUNDS + 16,
		      "vm_fpsimd: the guest's FP state loaded lazily at its first use after an "
		      "entry (%llu loads in %u rounds)", (unsigned long long)loads, ROUNDS);
	vmm_vcpu_destroy(&c);
	vmm_destroy(&v);
	sv_tap_exit();
}
