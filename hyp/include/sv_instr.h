/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A guest instruction that trapped and is emulated, AArch64 or AArch32
 * (the EL0 of a 64-bit guest): did it execute at all, and how to step
 * over it.  The one definition for EL2's fast paths (hyp/) and the
 * host's emulation (host/, through host/emulate.h); pure, so
 * selftests/unit runs it natively.
 *
 * Facts from the Arm ARM (DDI 0487): ESR_ELx.IL is 0 for a trapped
 * 16-bit T32 instruction, 1 otherwise; for EC 0x01, 0x03-0x08 and 0x0C
 * from AArch32, ISS bit 24 (CV) says whether ISS[23:20] (COND) holds the
 * instruction's condition; a conditional instruction whose condition
 * fails may trap all the same and must then do nothing but advance.  In
 * T32 an IT block's condition lives in PSTATE.IT (SPSR bits [15:10] =
 * IT[7:2], [26:25] = IT[1:0]); it advances after each instruction of
 * the block (ITAdvance), emulated ones too.
 */
#ifndef SV_INSTR_H
#define SV_INSTR_H

#include "sv_esr.h"
#include "sv_hyp_vcpu.h"

#define SV_PSR_AA32_T		(SV_ULL(1) << 5)	/* T32 state */
#define SV_PSR_AA32_IT_LO	(SV_ULL(3) << 25)	/* IT[1:0] */
#define SV_PSR_AA32_IT_HI	(SV_ULL(0x3f) << 10)	/* IT[7:2] */
#define SV_ESR_CV		(SV_ULL(1) << 24)
#define SV_ESR_COND(esr)	(((esr) >> 20) & 0xf)

static inline sv_u64 sv_aa32_it(sv_u64 pstate)
{
	return ((pstate >> 25) & 3) | (((pstate >> 10) & 0x3f) << 2);
}

static inline sv_u64 sv_aa32_set_it(sv_u64 pstate, sv_u64 it)
{
	pstate &= ~(SV_PSR_AA32_IT_LO | SV_PSR_AA32_IT_HI);
	return pstate | ((it & 3) << 25) | (((it >> 2) & 0x3f) << 10);
}

/* ITAdvance: the last instruction of a block (IT[2:0] = 0) ends it. */
static inline sv_u64 sv_aa32_it_advance(sv_u64 it)
{
	if (!(it & 7))
		return 0;
	return (it & 0xe0) | ((it << 1) & 0x1f);
}

/* ConditionHolds(cond) on PSTATE.NZCV (bits [31:28]). */
static inline int sv_cond_holds(sv_u64 cond, sv_u64 pstate)
{
	int n = (pstate >> 31) & 1, z = (pstate >> 30) & 1;
	int c = (pstate >> 29) & 1, v = (pstate >> 28) & 1;
	int r;

	switch ((cond >> 1) & 7) {
	case 0: r = z; break;			/* EQ / NE */
	case 1: r = c; break;			/* CS / CC */
	case 2: r = n; break;			/* MI / PL */
	case 3: r = v; break;			/* VS / VC */
	case 4: r = c && !z; break;		/* HI / LS */
	case 5: r = n == v; break;		/* GE / LT */
	case 6: r = n == v && !z; break;	/* GT / LE */
	default: return 1;			/* AL, and 1111 */
	}
	return (cond & 1) ? !r : r;
}

/* Exception classes whose ISS has CV/COND when taken from AArch32. */
static inline int sv_esr_has_cond(sv_u64 ec)
{
	return ec == SV_EC_WFX || (ec >= SV_EC_CP15_32 && ec <= SV_EC_CP10_ID) ||
	       ec == SV_EC_CP14_64;
}

/*
 * 0: an AArch32 instruction whose condition failed trapped -- it is a
 * NOP, step over it (sv_instr_skip) and do nothing else.  AArch64
 * instructions and the other classes always executed.
 */
static inline int sv_instr_cond_passed(sv_u64 pstate, sv_u64 esr)
{
	sv_u64 it;

	if (!(pstate & SV_PSR_MODE32) || !sv_esr_has_cond(SV_ESR_EC(esr)))
		return 1;
	if (esr & SV_ESR_CV)
		return sv_cond_holds(SV_ESR_COND(esr), pstate);
	/* No condition in the syndrome: a T32 instruction in an IT block has its own. */
	it = sv_aa32_it(pstate);
	return !it || sv_cond_holds(it >> 4, pstate);
}

/*
 * Step over the trapped instruction as its execution would have: PC by
 * its length (ESR.IL), the IT block on (AArch32; in A32 IT is 0), and
 * PSTATE.SS cleared (a pending software step is taken next).
 */
static inline void sv_instr_skip(struct sv_cpu_ctxt *c, sv_u64 esr)
{
	c->pc += (esr & SV_ESR_IL) ? 4 : 2;
	if (c->pstate & SV_PSR_MODE32) {
		c->pc &= 0xffffffffULL;
		c->pstate = sv_aa32_set_it(c->pstate, sv_aa32_it_advance(sv_aa32_it(c->pstate)));
	}
	c->pstate &= ~SV_PSR_SS;
}

#endif /* SV_INSTR_H */
