/* SPDX-License-Identifier: GPL-2.0 */
/*
 * FP/SIMD registers of the guest.  The host enters a guest run inside
 * kernel_neon_begin()/kernel_neon_end(), so its own FP state is already in
 * memory and the registers are free: the switch is eager and one-sided.
 */
#include "sv_hyp_asm.h"
#include "sv_asm_offsets.h"

	.text

/* x0 = struct sv_fp_regs * */
SV_FUNC(__sv_fpsimd_save)
	stp	q0, q1, [x0, #(0 * 32)]
	stp	q2, q3, [x0, #(1 * 32)]
	stp	q4, q5, [x0, #(2 * 32)]
	stp	q6, q7, [x0, #(3 * 32)]
	stp	q8, q9, [x0, #(4 * 32)]
	stp	q10, q11, [x0, #(5 * 32)]
	stp	q12, q13, [x0, #(6 * 32)]
	stp	q14, q15, [x0, #(7 * 32)]
	stp	q16, q17, [x0, #(8 * 32)]
	stp	q18, q19, [x0, #(9 * 32)]
	stp	q20, q21, [x0, #(10 * 32)]
	stp	q22, q23, [x0, #(11 * 32)]
	stp	q24, q25, [x0, #(12 * 32)]
	stp	q26, q27, [x0, #(13 * 32)]
	stp	q28, q29, [x0, #(14 * 32)]
	stp	q30, q31, [x0, #(15 * 32)]
	mrs	x1, fpsr
	str	x1, [x0, #SV_FP_FPSR]
	mrs	x1, fpcr
	str	x1, [x0, #SV_FP_FPCR]
	ret
SV_END(__sv_fpsimd_save)

SV_FUNC(__sv_fpsimd_restore)
	ldp	q0, q1, [x0, #(0 * 32)]
	ldp	q2, q3, [x0, #(1 * 32)]
	ldp	q4, q5, [x0, #(2 * 32)]
	ldp	q6, q7, [x0, #(3 * 32)]
	ldp	q8, q9, [x0, #(4 * 32)]
	ldp	q10, q11, [x0, #(5 * 32)]
	ldp	q12, q13, [x0, #(6 * 32)]
	ldp	q14, q15, [x0, #(7 * 32)]
	ldp	q16, q17, [x0, #(8 * 32)]
	ldp	q18, q19, [x0, #(9 * 32)]
	ldp	q20, q21, [x0, #(10 * 32)]
	ldp	q22, q23, [x0, #(11 * 32)]
	ldp	q24, q25, [x0, #(12 * 32)]
	ldp	q26, q27, [x0, #(13 * 32)]
	ldp	q28, q29, [x0, #(14 * 32)]
	ldp	q30, q31, [x0, #(15 * 32)]
	ldr	x1, [x0, #SV_FP_FPSR]
	msr	fpsr, x1
	ldr	x1, [x0, #SV_FP_FPCR]
	msr	fpcr, x1
	ret
SV_END(__sv_fpsimd_restore)
