/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EL2 exception vectors and the host hvc entry.
 *
 * A host hvc with x0 < SV_STUB_HCALL_NR is a hyp-stub call and is answered
 * as the stub would (the kernel keeps making them: kexec's soft restart,
 * reset vectors); anything else is saved into this CPU's host context and
 * dispatched in C by __handle_host_hcall().  While a guest runs
 * (loaded_ctxt != 0) every lower-EL exception is a guest exit and goes to
 * __sv_guest_exit (hyp/entry.S).  An exception taken from EL2
 * itself is our bug: the panic path records it and returns to the host.
 */
#include "sv_esr.h"
#include "sv_hyp_abi.h"
#include "sv_hyp_asm.h"
#include "sv_asm_offsets.h"

	.text

.macro	sv_vector, target
	.balign	0x80
	b	\target
.endm

/*
 * Back to the host's last hvc: its ELR/SPSR_EL2 (a guest run in between
 * used them) and x1..x30 from this CPU's saved host context.  Leaves x0
 * pointing at the saved registers; the caller sets x0 and erets.
 */
.macro	sv_restore_host
	mrs	x0, tpidr_el2
	ldr	x1, [x0, #SV_CPU_HOST_ELR]
	msr	elr_el2, x1
	ldr	x1, [x0, #SV_CPU_HOST_SPSR]
	msr	spsr_el2, x1
	add	x0, x0, #SV_CPU_HOST_REGS
	sv_restore_x2_x30 x0, 0
	ldr	x1, [x0, #8]
.endm

/* An IRQ/FIQ/SError from a lower EL: only a running guest may cause one. */
.macro	sv_guest_vector, code
	.balign	0x80
	stp	x0, x1, [sp, #-16]!
	mrs	x0, tpidr_el2
	ldr	x1, [x0, #SV_CPU_LOADED_CTXT]
	cbz	x1, __sv_hyp_panic_popped
	mov	x0, #\code
	b	__sv_guest_exit
.endm

/*
 * A synchronous exception at EL2: the AT of __sv_at_s1e1r (below) resumes
 * at its fixup; anything else is the panic path.
 */
.macro	sv_el2_sync_vector
	.balign	0x80
	stp	x0, x1, [sp, #-16]!
	mrs	x0, elr_el2
	adr	x1, __sv_at_insn
	cmp	x0, x1
	b.ne	__sv_hyp_panic_popped
	adr	x1, __sv_at_fixup
	msr	elr_el2, x1
	ldp	x0, x1, [sp], #16
	eret
.endm

/*
 * An SError at EL2: in the guest exit's window (hyp/entry.S) it is the
 * guest's -- flag the exit and go on; anywhere else the panic path.
 */
.macro	sv_el2_serror_vector
	.balign	0x80
	stp	x0, x1, [sp, #-16]!
	mrs	x0, elr_el2
	adr	x1, __sv_serror_window
	cmp	x0, x1
	adr	x1, __sv_serror_window_end
	ccmp	x0, x1, #4, ne		/* ELR is either end of the window */
	b.ne	__sv_hyp_panic_popped
	ldp	x0, x1, [sp], #16
	orr	x0, x0, #SV_EXIT_SERROR_PENDING
	eret
.endm

	.balign	2048
SV_FUNC(__sv_vectors)
	sv_vector __sv_hyp_panic	/* current EL, SP_EL0: sync */
	sv_vector __sv_hyp_panic	/* irq */
	sv_vector __sv_hyp_panic	/* fiq */
	sv_vector __sv_hyp_panic	/* serror */
	sv_el2_sync_vector		/* current EL, SP_ELx: sync */
	sv_vector __sv_hyp_panic	/* irq */
	sv_vector __sv_hyp_panic	/* fiq */
	sv_el2_serror_vector		/* serror */
	sv_vector __sv_lower_sync	/* lower EL, AArch64: sync */
	sv_guest_vector SV_EXIT_IRQ	/* irq */
	sv_guest_vector SV_EXIT_FIQ	/* fiq */
	sv_guest_vector SV_EXIT_SERROR	/* serror */
	sv_vector __sv_hyp_panic	/* lower EL, AArch32: sync */
	sv_vector __sv_hyp_panic	/* irq */
	sv_vector __sv_hyp_panic	/* fiq */
	sv_vector __sv_hyp_panic	/* serror */
SV_END(__sv_vectors)

SV_FUNC(__sv_lower_sync)
	stp	x0, x1, [sp, #-16]!
	mrs	x0, tpidr_el2
	ldr	x1, [x0, #SV_CPU_LOADED_CTXT]
#ifdef SV_HYP_VHE
	/* VHE: our vectors are in place only while the host is in a call. */
	cbz	x1, __sv_hyp_panic_popped
	mov	x0, #SV_EXIT_SYNC
	b	__sv_guest_exit
SV_END(__sv_lower_sync)
#else
	cbz	x1, 1f
	mov	x0, #SV_EXIT_SYNC
	b	__sv_guest_exit
1:	mrs	x0, esr_el2
	ubfx	x0, x0, #SV_ESR_EC_SHIFT, #SV_ESR_EC_WIDTH
	cmp	x0, #SV_EC_HVC64
	b.ne	__sv_hyp_panic_popped
	ldp	x0, x1, [sp], #16
	cmp	x0, #SV_STUB_HCALL_NR
	b.lo	__sv_stub_call

	/* A host call: save the host, call C on our stack, restore, return. */
	stp	x0, x1, [sp, #-16]!
	mrs	x0, tpidr_el2
	add	x0, x0, #SV_CPU_HOST_REGS
	sv_save_x2_x30 x0, 0
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x0]
	mrs	x1, elr_el2
	mrs	x2, spsr_el2
	mrs	x3, tpidr_el2
	str	x1, [x3, #SV_CPU_HOST_ELR]
	str	x2, [x3, #SV_CPU_HOST_SPSR]
	bl	__handle_host_hcall
	sv_restore_host
	ldr	x0, [x0]
	eret
SV_END(__sv_lower_sync)

/*
 * The stub's calls (arch/arm64/include/asm/virt.h).  x0 = call, x1..x4 as
 * the caller gave them.  x5..x8 are scratch: the stub ABI lets callers
 * lose x0..x17 (they are C calls or hvc wrappers with those clobbers).
 */
SV_FUNC(__sv_stub_call)
	mrs	x8, tpidr_el2
	mov	x6, #0
	cmp	x0, #SV_STUB_SET_VECTORS
	b.ne	1f
	mov	x5, x1			/* the caller's new VBAR_EL2 */
	b	__sv_handback
1:	cmp	x0, #SV_STUB_RESET_VECTORS
	b.ne	2f
	ldr	x5, [x8, #SV_CPU_STUB_VBAR]
	b	__sv_handback
2:	cmp	x0, #SV_STUB_SOFT_RESTART
	b.ne	3f
	ldr	x5, [x8, #SV_CPU_STUB_VBAR]
	mov	x6, #1
	b	__sv_handback
3:	/* HVC_FINALISE_EL2 and unknown calls: the stub's error. */
	movz	x0, #(SV_STUB_ERR & 0xffff)
	movk	x0, #(SV_STUB_ERR >> 16), lsl #16
	eret
SV_END(__sv_stub_call)

/* x5/x6 set as __sv_idmap_handback wants; x8 = this CPU's struct. */
SV_FUNC(__sv_handback)
	ldr	x7, [x8, #SV_CPU_STUB_SCTLR]
	ldr	x8, [x8, #SV_CPU_IDMAP_PA]
	sv_adr_l x9, __sv_idmap_handback
	sv_adr_l x10, __idmap_start
	sub	x9, x9, x10
	add	x8, x8, x9
	br	x8
SV_END(__sv_handback)
#endif /* !SV_HYP_VHE */

/*
 * Panic: an exception EL2 did not expect.  Record ESR/ELR/FAR/HPFAR/SPSR in
 * this CPU's panic record, reset the stack, and return to the host at the
 * hvc it last made, with x0 = SV_HYP_PANIC and its other registers as they
 * were, so the host can print the record instead of hanging at EL2.
 */
SV_FUNC(__sv_hyp_panic_popped)
	ldp	x0, x1, [sp], #16
SV_FUNC(__sv_hyp_panic)
	mrs	x0, tpidr_el2
	str	xzr, [x0, #SV_CPU_LOADED_CTXT]
	mrs	x1, esr_el2
	str	x1, [x0, #SV_CPU_PANIC_ESR]
	mrs	x1, elr_el2
	str	x1, [x0, #SV_CPU_PANIC_ELR]
	mrs	x1, far_el2
	str	x1, [x0, #SV_CPU_PANIC_FAR]
	mrs	x1, hpfar_el2
	str	x1, [x0, #SV_CPU_PANIC_HPFAR]
	mrs	x1, spsr_el2
	str	x1, [x0, #SV_CPU_PANIC_SPSR]
	ldr	x1, [x0, #SV_CPU_PANIC_COUNT]
	add	x1, x1, #1
	str	x1, [x0, #SV_CPU_PANIC_COUNT]
	ldr	x1, [x0, #SV_CPU_STACK_TOP]
	mov	sp, x1
	/* Put the host's EL1/EL2 configuration back if a guest's was loaded. */
	bl	__sv_panic_fixup
#ifdef SV_HYP_VHE
	mrs	x0, tpidr_el2
	movz	x1, #(SV_HYP_PANIC & 0xffff)
	movk	x1, #(SV_HYP_PANIC >> 16), lsl #16
	str	x1, [x0, #SV_CPU_HOST_REGS]
	b	__sv_vhe_return
#else
	sv_restore_host
	movz	x0, #(SV_HYP_PANIC & 0xffff)
	movk	x0, #(SV_HYP_PANIC >> 16), lsl #16
	eret
#endif
SV_END(__sv_hyp_panic)

/*
 * sv_u64 __sv_at_s1e1r(sv_u64 va) (sv_at_s1e1r): AT S1E1R, va; PAR_EL1.
 * The walk of the guest's stage 1 can take a synchronous exception to
 * EL2 (an external abort on a table read; the Arm ARM lets AT report
 * those as exceptions): the vector above sends it to __sv_at_fixup,
 * which answers 1 (PAR_EL1.F, not translated) -- the guest re-enters and
 * faults again -- where it would otherwise have been an EL2 panic.
 */
SV_FUNC(__sv_at_s1e1r)
__sv_at_insn:
	at	s1e1r, x0
	isb
	mrs	x0, par_el1
	ret
__sv_at_fixup:
	mov	x0, #1
	ret
SV_END(__sv_at_s1e1r)

#ifdef SV_HYP_VHE
/*
 * long __sv_vhe_hcall(struct sv_hyp_cpu *hc, id, a1, a2)
 *
 * VHE mode: the kernel runs at EL2, so a host call is a function call,
 * not an hvc.  It leaves this CPU as an hvc into split mode's EL2 would
 * find it: every exception masked, our vectors in VBAR_EL2, this CPU's
 * struct in TPIDR_EL2, our stack, and the call in hc->host.regs (x0 = id,
 * x1, x2 = arguments) for __handle_host_hcall.  The kernel's SP,
 * TPIDR_EL2 (its per-CPU offset), VBAR_EL2, DAIF and callee-saved
 * registers are kept in hc and put back by __sv_vhe_return, which the
 * panic path (above) also ends in.  Returns regs.x[0]; regs.x[1] holds
 * the second result.  The caller runs with preemption off on hc's CPU.
 */
SV_FUNC(__sv_vhe_hcall)
	mrs	x9, daif
	msr	daifset, #0xf
	str	x9, [x0, #SV_CPU_VHE_DAIF]
	mov	x9, sp
	str	x9, [x0, #SV_CPU_VHE_SP]
	mrs	x9, tpidr_el2
	str	x9, [x0, #SV_CPU_VHE_TPIDR]
	mrs	x9, vbar_el2
	str	x9, [x0, #SV_CPU_VHE_VBAR]
	add	x9, x0, #SV_CPU_HOST_REGS
	stp	x1, x2, [x9, #0]
	str	x3, [x9, #16]
	stp	x19, x20, [x9, #(19 * 8)]
	stp	x21, x22, [x9, #(21 * 8)]
	stp	x23, x24, [x9, #(23 * 8)]
	stp	x25, x26, [x9, #(25 * 8)]
	stp	x27, x28, [x9, #(27 * 8)]
	stp	x29, x30, [x9, #(29 * 8)]
	msr	tpidr_el2, x0
	sv_adr_l x10, __sv_vectors
	msr	vbar_el2, x10
	isb
	ldr	x10, [x0, #SV_CPU_STACK_TOP]
	mov	sp, x10
	mov	x0, x9
	bl	__handle_host_hcall
	/* fall through */
SV_FUNC(__sv_vhe_return)
	mrs	x0, tpidr_el2
	add	x9, x0, #SV_CPU_HOST_REGS
	ldp	x19, x20, [x9, #(19 * 8)]
	ldp	x21, x22, [x9, #(21 * 8)]
	ldp	x23, x24, [x9, #(23 * 8)]
	ldp	x25, x26, [x9, #(25 * 8)]
	ldp	x27, x28, [x9, #(27 * 8)]
	ldp	x29, x30, [x9, #(29 * 8)]
	ldr	x10, [x0, #SV_CPU_VHE_SP]
	mov	sp, x10
	ldr	x10, [x0, #SV_CPU_VHE_VBAR]
	msr	vbar_el2, x10
	ldr	x10, [x0, #SV_CPU_VHE_TPIDR]
	msr	tpidr_el2, x10
	isb
	ldr	x10, [x0, #SV_CPU_VHE_DAIF]
	ldr	x0, [x9, #0]
	msr	daif, x10
	ret
SV_END(__sv_vhe_return)
SV_END(__sv_vhe_hcall)
#endif /* SV_HYP_VHE */
