/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where the two builds of the EL2 object differ.
 *
 * hyp/ is compiled twice from the same sources (Kbuild): the split-mode
 * object (prefix __sv_hyp_) runs at EL2 under its own page tables while
 * the kernel runs at EL1; the VHE object (-DSV_HYP_VHE, prefix
 * __sv_vhe_) runs at EL2 beside the kernel, which itself runs there with
 * HCR_EL2.E2H set (Documentation/design.rst, "VHE mode").  What differs:
 *
 *   - where the guest's EL1 registers are: with E2H, the _EL1 names
 *     reach the EL2 registers of the kernel, and the guest's are the
 *     _EL12/_EL02 encodings (Arm ARM D13.2, "Virtualization Host
 *     Extensions"); registers that have no such alias (PAR, TPIDR,
 *     SP_EL0/1, MDSCR, CSSELR, ACTLR, TPIDR_EL0/RO) are shared, and the
 *     kernel's own values of those must be saved and put back;
 *   - EL2 addresses: the kernel's own in VHE mode, sv_hyp_va() in split;
 *   - the CPTR_EL2 and CNTHCTL_EL2 layouts (E2H moves their fields);
 *   - HCR_EL2.E2H stays set in every value VHE mode writes.
 *
 * Nothing else in hyp/ tests SV_HYP_VHE but vectors.S (how the host
 * calls in) and tlb.c (TGE must be clear for a TLBI of the guest regime).
 */
#ifndef SV_HYP_MODE_H
#define SV_HYP_MODE_H

#include "sv_hyp_abi.h"

#ifdef SV_HYP_VHE

#define SV_HYP_IS_VHE		1
/* EL2 runs in the kernel's address space: host addresses as they are. */
#define sv_el2_addr(kva)	((unsigned long long)(kva))

/* The guest's EL1 registers through their E2H aliases (encodings: Arm ARM C5.3). */
#define SV_GUEST_SCTLR_EL1	S3_5_C1_C0_0	/* SCTLR_EL12 */
#define SV_GUEST_CPACR_EL1	S3_5_C1_C0_2	/* CPACR_EL12 */
#define SV_GUEST_TTBR0_EL1	S3_5_C2_C0_0	/* TTBR0_EL12 */
#define SV_GUEST_TTBR1_EL1	S3_5_C2_C0_1	/* TTBR1_EL12 */
#define SV_GUEST_TCR_EL1	S3_5_C2_C0_2	/* TCR_EL12 */
#define SV_GUEST_SPSR_EL1	S3_5_C4_C0_0	/* SPSR_EL12 */
#define SV_GUEST_ELR_EL1	S3_5_C4_C0_1	/* ELR_EL12 */
#define SV_GUEST_AFSR0_EL1	S3_5_C5_C1_0	/* AFSR0_EL12 */
#define SV_GUEST_AFSR1_EL1	S3_5_C5_C1_1	/* AFSR1_EL12 */
#define SV_GUEST_ESR_EL1	S3_5_C5_C2_0	/* ESR_EL12 */
#define SV_GUEST_FAR_EL1	S3_5_C6_C0_0	/* FAR_EL12 */
#define SV_GUEST_MAIR_EL1	S3_5_C10_C2_0	/* MAIR_EL12 */
#define SV_GUEST_AMAIR_EL1	S3_5_C10_C3_0	/* AMAIR_EL12 */
#define SV_GUEST_VBAR_EL1	S3_5_C12_C0_0	/* VBAR_EL12 */
#define SV_GUEST_CONTEXTIDR_EL1	S3_5_C13_C0_1	/* CONTEXTIDR_EL12 */
#define SV_GUEST_CNTKCTL_EL1	S3_5_C14_C1_0	/* CNTKCTL_EL12 */
#define SV_GUEST_CNTV_CTL_EL0	S3_5_C14_C3_1	/* CNTV_CTL_EL02 */
#define SV_GUEST_CNTV_CVAL_EL0	S3_5_C14_C3_2	/* CNTV_CVAL_EL02 */

/*
 * CPTR_EL2 with E2H has CPACR_EL1's layout: FPEN (bits 21:20) 0b11 lets
 * FP/SIMD through, 0b00 traps it at EL0, EL1 and EL2 alike.
 */
#define SV_CPTR_FP_UNTRAP(cptr)	((cptr) | (3ULL << 20))

/*
 * HCR_EL2.E2H (bit 34): the kernel's EL2 regime; clearing it would pull
 * the address space from under the running code.  ORed into every guest
 * value; TGE is never in one.
 */
#define SV_HCR_MODE_BITS	(1ULL << 34)

/*
 * CNTHCTL_EL2 with E2H: EL1PCTEN/EL1PTEN are bits 10/11 and the low ten
 * bits are the kernel's own EL0 controls (its CNTKCTL_EL1): a guest value
 * carries the host's low bits through unchanged.
 */
#define SV_CNTHCTL_HOST_BITS	0x3ffULL

#else /* split mode */

#define SV_HYP_IS_VHE		0
#define sv_el2_addr(kva)	sv_hyp_va(kva)

#define SV_GUEST_SCTLR_EL1	sctlr_el1
#define SV_GUEST_CPACR_EL1	cpacr_el1
#define SV_GUEST_TTBR0_EL1	ttbr0_el1
#define SV_GUEST_TTBR1_EL1	ttbr1_el1
#define SV_GUEST_TCR_EL1	tcr_el1
#define SV_GUEST_SPSR_EL1	spsr_el1
#define SV_GUEST_ELR_EL1	elr_el1
#define SV_GUEST_AFSR0_EL1	afsr0_el1
#define SV_GUEST_AFSR1_EL1	afsr1_el1
#define SV_GUEST_ESR_EL1	esr_el1
#define SV_GUEST_FAR_EL1	far_el1
#define SV_GUEST_MAIR_EL1	mair_el1
#define SV_GUEST_AMAIR_EL1	amair_el1
#define SV_GUEST_VBAR_EL1	vbar_el1
#define SV_GUEST_CONTEXTIDR_EL1	contextidr_el1
#define SV_GUEST_CNTKCTL_EL1	cntkctl_el1
#define SV_GUEST_CNTV_CTL_EL0	cntv_ctl_el0
#define SV_GUEST_CNTV_CVAL_EL0	cntv_cval_el0

/* CPTR_EL2 (E2H=0): TFP (bit 10) traps FP/SIMD, EL2's own accesses too. */
#define SV_CPTR_FP_UNTRAP(cptr)	((cptr) & ~(1ULL << 10))
#define SV_HCR_MODE_BITS	0ULL
#define SV_CNTHCTL_HOST_BITS	0ULL

#endif /* SV_HYP_VHE */

#endif /* SV_HYP_MODE_H */
