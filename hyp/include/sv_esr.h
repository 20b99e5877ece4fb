/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ESR_ELx: exception classes and the syndrome fields EL2 and the host
 * decode (Arm ARM D17.2.37).  Defined once, here, for hyp/ (C and
 * assembly) and the host (host/arm_regs.h includes it).  Macros only, no
 * types: the assembler sees plain numbers (SV_ULL drops the suffix).
 */
#ifndef SV_ESR_H
#define SV_ESR_H

#ifdef __ASSEMBLY__
#define SV_ULL(x)		x
#else
#define SV_ULL(x)		x##ULL
#endif

#define SV_ESR_EC_SHIFT		26
#define SV_ESR_EC_WIDTH		6
#define SV_ESR_EC_NR		(1 << SV_ESR_EC_WIDTH)	/* size of a table indexed by EC */
#define SV_ESR_EC(esr)		(((esr) >> SV_ESR_EC_SHIFT) & (SV_ESR_EC_NR - 1))
#define SV_ESR_IL		(SV_ULL(1) << 25)
#define SV_ESR_ISS(esr)		((esr) & 0x1ffffff)

/* Exception classes (ESR_ELx.EC) */
#define SV_EC_UNKNOWN		0x00
#define SV_EC_WFX		0x01
#define SV_EC_CP15_32		0x03	/* AArch32 MCR/MRC, coproc 15 */
#define SV_EC_CP15_64		0x04	/* MCRR/MRRC, coproc 15 */
#define SV_EC_CP14_MR		0x05	/* MCR/MRC, coproc 14 */
#define SV_EC_CP14_LS		0x06	/* LDC/STC, coproc 14 */
#define SV_EC_FP_ASIMD		0x07
#define SV_EC_CP10_ID		0x08	/* VMRS of an ID register */
#define SV_EC_CP14_64		0x0c	/* MRRC, coproc 14 */
#define SV_EC_HVC32		0x12
#define SV_EC_SMC32		0x13
#define SV_EC_HVC64		0x16
#define SV_EC_SMC64		0x17
#define SV_EC_SYS64		0x18
#define SV_EC_SVE		0x19
#define SV_EC_IABT_LOW		0x20
#define SV_EC_IABT_CUR		0x21
#define SV_EC_DABT_LOW		0x24
#define SV_EC_DABT_CUR		0x25
#define SV_EC_BREAKPT_LOW	0x30
#define SV_EC_SOFTSTP_LOW	0x32
#define SV_EC_WATCHPT_LOW	0x34
#define SV_EC_BRK64		0x3c

/* Data/instruction abort ISS */
#define SV_ESR_ISV		(SV_ULL(1) << 24)
#define SV_ESR_SAS_SHIFT	22
#define SV_ESR_SSE		(SV_ULL(1) << 21)
#define SV_ESR_SRT_SHIFT	16
#define SV_ESR_SF		(SV_ULL(1) << 15)
#define SV_ESR_AR		(SV_ULL(1) << 14)
#define SV_ESR_FNV		(SV_ULL(1) << 10)
#define SV_ESR_EA		(SV_ULL(1) << 9)
#define SV_ESR_CM		(SV_ULL(1) << 8)
#define SV_ESR_S1PTW		(SV_ULL(1) << 7)
#define SV_ESR_WNR		(SV_ULL(1) << 6)
#define SV_ESR_FSC		0x3f
#define SV_ESR_FSC_TYPE		0x3c	/* the fault type without its level */
#define SV_FSC_TRANS		0x04
#define SV_FSC_ACCESS		0x08
#define SV_FSC_PERM		0x0c
#define SV_FSC_EXTABT		0x10

/*
 * HPFAR_EL2.FIPA, bits [47:4]: the faulting IPA's bits [51:12] (Arm ARM
 * D17.2.50); bit 63 (NS) is not part of the address.
 */
#define SV_HPFAR_FIPA(hpfar)	(((hpfar) >> 4) & ((SV_ULL(1) << 44) - 1))

/*
 * PSTATE.SS (SPSR_ELx bit 21), cleared by whoever emulates a guest
 * instruction: the software step state machine advances as if it ran.
 */
#define SV_PSR_SS		(SV_ULL(1) << 21)
/* SPSR_ELx.M[4]: the exception was taken from AArch32 */
#define SV_PSR_MODE32		(SV_ULL(1) << 4)

/* WFx ISS: TI [1:0] (00 WFI, 01 WFE, 10 WFIT, 11 WFET) */
#define SV_ESR_WFX_WFE		(SV_ULL(1) << 0)
#define SV_ESR_WFX_TI		SV_ULL(3)

/*
 * Trapped MSR/MRS/SYS ISS (EC 0x18): Op0 [21:20], Op2 [19:17], Op1 [16:14],
 * CRn [13:10], Rt [9:5], CRm [4:1], Direction [0] (1 = read).
 * SV_ESR_SYS64_ENC is the encoding as KVM numbers system registers
 * (op0 << 14 | op1 << 11 | crn << 7 | crm << 3 | op2; host/sysregs.h SV_ENC).
 */
#define SV_ESR_SYS64_READ	(SV_ULL(1) << 0)
#define SV_ESR_SYS64_RT(esr)	(((esr) >> 5) & 0x1f)
#define SV_ESR_SYS64_ENC(esr)						\
	((((esr) >> 20) & 3) << 14 | (((esr) >> 14) & 7) << 11 |	\
	 (((esr) >> 10) & 0xf) << 7 | (((esr) >> 1) & 0xf) << 3 | (((esr) >> 17) & 7))

/* ICC_SGI1R_EL1 (op0 3, op1 0, CRn 12, CRm 11, op2 5) in that numbering */
#define SV_ENC_ICC_SGI1R	((3 << 14) | (0 << 11) | (12 << 7) | (11 << 3) | 5)

#endif /* SV_ESR_H */
