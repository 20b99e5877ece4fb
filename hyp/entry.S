/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest entry and exit: the GPR half of the world switch.  Everything else
 * (system registers, traps, stage-2, FP) is done in C by hyp/switch.c
 * around __sv_guest_enter().
 */
#include "sv_hyp_abi.h"
#include "sv_hyp_asm.h"
#include "sv_asm_offsets.h"

	.text

/*
 * sv_u64 __sv_guest_enter(struct sv_cpu_ctxt *guest)
 * Saves EL2's callee-saved registers (x18..x30) in this CPU's hyp_regs,
 * marks the guest loaded, loads the guest's x0..x30 and erets into it
 * (ELR_EL2/SPSR_EL2 were set by the caller).  Returns, through
 * __sv_guest_exit, with the exit code.
 */
SV_FUNC(__sv_guest_enter)
	mrs	x1, tpidr_el2
	add	x2, x1, #SV_CPU_HYP_REGS
	stp	x18, x19, [x2, #0]
	stp	x20, x21, [x2, #16]
	stp	x22, x23, [x2, #32]
	stp	x24, x25, [x2, #48]
	stp	x26, x27, [x2, #64]
	stp	x28, x29, [x2, #80]
	str	x30, [x2, #96]
	str	x0, [x1, #SV_CPU_LOADED_CTXT]
	add	x0, x0, #SV_CTXT_REGS
	sv_restore_x2_x30 x0, 0
	ldp	x0, x1, [x0]
	eret
	/* Nothing after eret runs; stop straight-line speculation. */
	dsb	nsh
	isb
SV_END(__sv_guest_enter)

/*
 * From the vectors, for an exception taken from the guest:
 *   x0 = exit code, x1 = guest ctxt (EL2 address),
 *   the guest's x0 and x1 pushed on the EL2 stack.
 */
SV_FUNC(__sv_guest_exit)
	add	x1, x1, #SV_CTXT_REGS
	sv_save_x2_x30 x1, 0
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x1]
	mrs	x1, tpidr_el2
	str	xzr, [x1, #SV_CPU_LOADED_CTXT]
	add	x2, x1, #SV_CPU_HYP_REGS
	ldp	x18, x19, [x2, #0]
	ldp	x20, x21, [x2, #16]
	ldp	x22, x23, [x2, #32]
	ldp	x24, x25, [x2, #48]
	ldp	x26, x27, [x2, #64]
	ldp	x28, x29, [x2, #80]
	ldr	x30, [x2, #96]
	/*
	 * An SError the guest's accesses raised may still be on its way:
	 * make it arrive now, while it is plainly the guest's, not later in
	 * the host.  DSB completes the guest's accesses; with SErrors
	 * unmasked a pending one is taken at the latest at the ISB, by the
	 * current-EL SError vector (hyp/vectors.S), which knows this window
	 * and ORs SV_EXIT_SERROR_PENDING into x0.  Taking it overwrites
	 * ELR/SPSR/ESR/FAR_EL2, which still describe the exit: kept in
	 * x2..x5 and put back if it came.
	 */
	mrs	x2, elr_el2
	mrs	x3, spsr_el2
	mrs	x4, esr_el2
	mrs	x5, far_el2
	dsb	sy
	msr	daifclr, #4
	.globl	__sv_serror_window, __sv_serror_window_end
__sv_serror_window:
	isb
__sv_serror_window_end:
	msr	daifset, #4
	tbz	x0, #SV_EXIT_SERROR_PENDING_BIT, 1f
	msr	elr_el2, x2
	msr	spsr_el2, x3
	msr	esr_el2, x4
	msr	far_el2, x5
1:	ret
SV_END(__sv_guest_exit)
