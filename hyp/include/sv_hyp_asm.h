/* SPDX-License-Identifier: GPL-2.0 */
/* Assembly helpers for hyp/*.S (our own, no kernel headers at EL2). */
#ifndef SV_HYP_ASM_H
#define SV_HYP_ASM_H

#define SV_FUNC(name)			\
	.globl name;			\
	.type name, %function;		\
	.balign 4;			\
	name:

#define SV_END(name)	.size name, . - name

/* x = 64-bit immediate */
.macro	sv_mov_q, reg, val
	movz	\reg, #:abs_g3:\val
	movk	\reg, #:abs_g2_nc:\val
	movk	\reg, #:abs_g1_nc:\val
	movk	\reg, #:abs_g0_nc:\val
.endm

/* reg = PC-relative address of sym (+-4 GiB) */
.macro	sv_adr_l, reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

/* Save / restore x2..x30 at [base + off]; x0/x1 are the caller's business. */
.macro	sv_save_x2_x30, base, off
	stp	x2, x3, [\base, #(\off + 16)]
	stp	x4, x5, [\base, #(\off + 32)]
	stp	x6, x7, [\base, #(\off + 48)]
	stp	x8, x9, [\base, #(\off + 64)]
	stp	x10, x11, [\base, #(\off + 80)]
	stp	x12, x13, [\base, #(\off + 96)]
	stp	x14, x15, [\base, #(\off + 112)]
	stp	x16, x17, [\base, #(\off + 128)]
	stp	x18, x19, [\base, #(\off + 144)]
	stp	x20, x21, [\base, #(\off + 160)]
	stp	x22, x23, [\base, #(\off + 176)]
	stp	x24, x25, [\base, #(\off + 192)]
	stp	x26, x27, [\base, #(\off + 208)]
	stp	x28, x29, [\base, #(\off + 224)]
	str	x30, [\base, #(\off + 240)]
.endm

.macro	sv_restore_x2_x30, base, off
	ldp	x2, x3, [\base, #(\off + 16)]
	ldp	x4, x5, [\base, #(\off + 32)]
	ldp	x6, x7, [\base, #(\off + 48)]
	ldp	x8, x9, [\base, #(\off + 64)]
	ldp	x10, x11, [\base, #(\off + 80)]
	ldp	x12, x13, [\base, #(\off + 96)]
	ldp	x14, x15, [\base, #(\off + 112)]
	ldp	x16, x17, [\base, #(\off + 128)]
	ldp	x18, x19, [\base, #(\off + 144)]
	ldp	x20, x21, [\base, #(\off + 160)]
	ldp	x22, x23, [\base, #(\off + 176)]
	ldp	x24, x25, [\base, #(\off + 192)]
	ldp	x26, x27, [\base, #(\off + 208)]
	ldp	x28, x29, [\base, #(\off + 224)]
	ldr	x30, [\base, #(\off + 240)]
.endm

#endif /* SV_HYP_ASM_H */
