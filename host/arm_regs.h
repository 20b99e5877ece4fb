/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Architectural constants the host-side emulation uses (Arm ARM): PSTATE
 * bits, exception vector offsets, EL2 configuration; the ESR fields come
 * from sv_esr.h, shared with hyp/.  Pure: no kernel headers, so unit
 * tests use them too.
 */
#ifndef SV_ARM_REGS_H
#define SV_ARM_REGS_H

#include "sv_pure.h"
#include "sv_esr.h"	/* ESR_ELx fields and exception classes */

/* PSTATE */
#define SV_PSR_MODE_MASK	0x0000000fULL
#define SV_PSR_MODE_EL0t	0x0
#define SV_PSR_MODE_EL1t	0x4
#define SV_PSR_MODE_EL1h	0x5
#define SV_PSR_F		(1ULL << 6)
#define SV_PSR_I		(1ULL << 7)
#define SV_PSR_A		(1ULL << 8)
#define SV_PSR_D		(1ULL << 9)
#define SV_PSR_PAN		(1ULL << 22)
#define SV_PSR_UAO		(1ULL << 23)
#define SV_PSR_IL		(1ULL << 20)
#define SV_PSR_RESET		(SV_PSR_MODE_EL1h | SV_PSR_A | SV_PSR_I | SV_PSR_F | SV_PSR_D)

/* Vector offsets from VBAR_EL1 (Arm ARM D1.10.2) */
#define SV_VEC_CUR_SP0		0x000
#define SV_VEC_CUR_SPX		0x200
#define SV_VEC_LOWER_A64	0x400
#define SV_VEC_LOWER_A32	0x600
#define SV_VEC_SYNC		0x000
#define SV_VEC_SERROR		0x180

/* HCR_EL2 (Arm ARM D17.2.48) */
#define SV_HCR_VM		(1ULL << 0)
#define SV_HCR_SWIO		(1ULL << 1)
#define SV_HCR_PTW		(1ULL << 2)
#define SV_HCR_FMO		(1ULL << 3)
#define SV_HCR_IMO		(1ULL << 4)
#define SV_HCR_AMO		(1ULL << 5)
#define SV_HCR_VF		(1ULL << 6)
#define SV_HCR_VI		(1ULL << 7)
#define SV_HCR_VSE		(1ULL << 8)
#define SV_HCR_FB		(1ULL << 9)
#define SV_HCR_BSU_IS		(1ULL << 10)
#define SV_HCR_TWI		(1ULL << 13)
#define SV_HCR_TWE		(1ULL << 14)
#define SV_HCR_TID3		(1ULL << 18)
#define SV_HCR_TSC		(1ULL << 19)
#define SV_HCR_TIDCP		(1ULL << 20)
#define SV_HCR_TACR		(1ULL << 21)
#define SV_HCR_TSW		(1ULL << 22)
#define SV_HCR_RW		(1ULL << 31)

/*
 * What a guest runs with: stage-2 on, physical IRQ/FIQ/SError to EL2,
 * broadcast of TLB/cache maintenance, WFI/WFE, SMC, ID group 3, IMPDEF
 * registers, ACTLR and set/way maintenance trapped; EL1 is AArch64.
 */
#define SV_HCR_GUEST	(SV_HCR_VM | SV_HCR_SWIO | SV_HCR_PTW | SV_HCR_FMO | \
			 SV_HCR_IMO | SV_HCR_AMO | SV_HCR_FB | SV_HCR_BSU_IS | \
			 SV_HCR_TWI | SV_HCR_TWE | SV_HCR_TID3 | SV_HCR_TSC | \
			 SV_HCR_TIDCP | SV_HCR_TACR | SV_HCR_TSW | SV_HCR_RW)

/* MDCR_EL2: PMU and debug registers trapped (HPMN is filled in). */
#define SV_MDCR_TPMCR		(1ULL << 5)
#define SV_MDCR_TPM		(1ULL << 6)
#define SV_MDCR_TDA		(1ULL << 9)
#define SV_MDCR_TDOSA		(1ULL << 10)
#define SV_MDCR_TDRA		(1ULL << 11)

/* CPTR_EL2 (E2H=0): RES1 bits, TZ (no SVE for guests), TTA (trace regs). */
#define SV_CPTR_GUEST		(0x32ffULL | (1ULL << 8) | (1ULL << 20))

/* CNTHCTL_EL2 (E2H=0): EL1PCTEN (counter readable), EL1PCEN=0 (timer trapped). */
#define SV_CNTHCTL_GUEST	(1ULL << 0)

/*
 * VHE mode (E2H=1) has other layouts.  CPTR_EL2 is CPACR_EL1's: FPEN
 * (21:20) 0b00 traps FP/SIMD (lazy), 0b11 lets it through; ZEN and SMEN
 * 0b00 (no SVE or SME for guests), TTA (bit 28) traps trace registers.
 * CNTHCTL_EL2: EL1PCTEN is bit 10, EL1PTEN bit 11 (0: timer trapped);
 * EL2 keeps the kernel's own low ten bits (hyp/include/sv_hyp_mode.h).
 */
#define SV_CPTR_VHE_FPEN	(3ULL << 20)
#define SV_CPTR_GUEST_VHE	(1ULL << 28)
#define SV_CNTHCTL_GUEST_VHE	(1ULL << 10)

#endif /* SV_ARM_REGS_H */
