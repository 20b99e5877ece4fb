/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EL2 code that runs at its physical address: taking EL2 over from the
 * kernel's hyp stub (MMU off) and handing it back (MMU on -> off).  It
 * lives alone in the page-aligned .idmap.text section, which the EL2 page
 * tables map at VA == PA.  Position independent: no literal addresses.
 */
#include "sv_hyp_abi.h"
#include "sv_hyp_asm.h"
#include "sv_asm_offsets.h"

	.section .idmap.text, "ax"

/*
 * Entered from the stub's HVC_SOFT_RESTART, at EL2 with the MMU off:
 *   x0 = physical address of this CPU's struct sv_hyp_init_params
 * ELR_EL2/SPSR_EL2 still describe the host's hvc, so eret returns to it
 * with x0 = 0, x1 = the stub's VBAR_EL2, x2 = the stub's SCTLR_EL2.
 */
SV_FUNC(__sv_idmap_init)
	/* Read everything while the params are reachable by PA. */
	ldr	x1, [x0, #SV_INIT_MAIR]
	ldr	x3, [x0, #SV_INIT_TCR]
	ldr	x4, [x0, #SV_INIT_TTBR0]
	ldr	x5, [x0, #SV_INIT_SCTLR]
	ldr	x6, [x0, #SV_INIT_VBAR]
	ldr	x7, [x0, #SV_INIT_SP]
	ldr	x8, [x0, #SV_INIT_TPIDR]
	msr	mair_el2, x1
	msr	tcr_el2, x3
	msr	ttbr0_el2, x4
	isb
	/* No stale EL2 translations from an earlier owner (or our last load). */
	tlbi	alle2
	dsb	ish
	isb
	mrs	x1, vbar_el2
	mrs	x2, sctlr_el2
	msr	sctlr_el2, x5		/* MMU and caches on; we run on in the idmap */
	isb
	msr	vbar_el2, x6
	msr	tpidr_el2, x8
	mov	sp, x7
	isb
	mov	x0, #0
	eret
SV_END(__sv_idmap_init)

/*
 * Hand EL2 back to the stub (or to another owner).  Entered from the
 * vectors at its idmap address with the MMU on:
 *   x5 = VBAR_EL2 to install, x6 = 0 return to the caller / 1 soft restart,
 *   x7 = SCTLR_EL2 to restore (the stub's, MMU off)
 *   x1..x4 = the caller's arguments, kept for the soft restart.
 */
SV_FUNC(__sv_idmap_handback)
	msr	sctlr_el2, x7
	isb
	tlbi	alle2
	dsb	ish
	msr	vbar_el2, x5
	isb
	cbnz	x6, 1f
	mov	x0, #0
	eret
1:	/* As the stub does it (arch/arm64/kernel/hyp-stub.S): x1 is the entry. */
	mov	x0, x2
	mov	x2, x4
	mov	x4, x1
	mov	x1, x3
	br	x4
SV_END(__sv_idmap_handback)
