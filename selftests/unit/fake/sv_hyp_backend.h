/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fake backend of hyp/include/sv_hyp_sysreg.h, for running the real
 * EL2 C code natively (selftests/unit; Hafnium's src/arch/fake is the
 * model).  The unit-test Makefile puts this directory on the include
 * path of the hyp/ C files instead of hyp/arch/real.
 *
 * Every system register EL2 uses is a slot in a register file, named by
 * the enum below, which the X-macro list generates from the same tokens
 * the code passes to sv_read_sysreg(): a register the list lacks is a
 * compile error, not a silent new slot.  Every access, barrier, TLBI, AT
 * and GICH access is appended to a trace (sv_fake.h) so a test can check
 * the order of the world switch's steps.
 */
#ifndef SV_HYP_BACKEND_H
#define SV_HYP_BACKEND_H

#define SV_FAKE_DBG_REGS(X, n)						\
	X(dbgbvr##n##_el1) X(dbgbcr##n##_el1) X(dbgwvr##n##_el1) X(dbgwcr##n##_el1)

#define SV_FAKE_SYSREGS(X)						\
	/* EL1/EL0 context (hyp/sysreg-sr.c) */				\
	X(sctlr_el1) X(actlr_el1) X(cpacr_el1) X(ttbr0_el1) X(ttbr1_el1)	\
	X(tcr_el1) X(esr_el1) X(afsr0_el1) X(afsr1_el1) X(far_el1)	\
	X(mair_el1) X(vbar_el1) X(contextidr_el1) X(amair_el1)		\
	X(cntkctl_el1) X(par_el1) X(mdscr_el1) X(csselr_el1)		\
	X(tpidr_el0) X(tpidrro_el0) X(tpidr_el1) X(sp_el0) X(sp_el1)	\
	X(elr_el1) X(spsr_el1)						\
	/* EL2 configuration, exception state, this CPU */		\
	X(hcr_el2) X(mdcr_el2) X(cptr_el2) X(cnthctl_el2) X(cntvoff_el2)	\
	X(vpidr_el2) X(vmpidr_el2) X(vtcr_el2) X(vttbr_el2)		\
	X(elr_el2) X(spsr_el2) X(esr_el2) X(far_el2) X(hpfar_el2)	\
	X(tpidr_el2)							\
	/* virtual timer */						\
	X(cntv_ctl_el0) X(cntv_cval_el0)				\
	/* PMU (instrumentation builds, sv_hyp_prof.h) */		\
	X(pmccntr_el0) X(pmcr_el0) X(pmccfiltr_el0) X(pmcntenset_el0)	\
	/* breakpoints and watchpoints (hyp/debug-sr.c) */		\
	SV_FAKE_DBG_REGS(X, 0) SV_FAKE_DBG_REGS(X, 1)			\
	SV_FAKE_DBG_REGS(X, 2) SV_FAKE_DBG_REGS(X, 3)			\
	SV_FAKE_DBG_REGS(X, 4) SV_FAKE_DBG_REGS(X, 5)			\
	SV_FAKE_DBG_REGS(X, 6) SV_FAKE_DBG_REGS(X, 7)			\
	SV_FAKE_DBG_REGS(X, 8) SV_FAKE_DBG_REGS(X, 9)			\
	SV_FAKE_DBG_REGS(X, 10) SV_FAKE_DBG_REGS(X, 11)			\
	SV_FAKE_DBG_REGS(X, 12) SV_FAKE_DBG_REGS(X, 13)			\
	SV_FAKE_DBG_REGS(X, 14) SV_FAKE_DBG_REGS(X, 15)			\
	/* GICv3 CPU interface (hyp/vgic-v3-sr.c), by encoding */	\
	X(S3_4_C12_C11_0) X(S3_4_C12_C11_1) X(S3_4_C12_C11_2)		\
	X(S3_4_C12_C11_3) X(S3_4_C12_C11_5) X(S3_4_C12_C11_7)		\
	X(S3_4_C12_C9_5)						\
	X(S3_4_C12_C8_0) X(S3_4_C12_C8_1) X(S3_4_C12_C8_2) X(S3_4_C12_C8_3)	\
	X(S3_4_C12_C9_0) X(S3_4_C12_C9_1) X(S3_4_C12_C9_2) X(S3_4_C12_C9_3)	\
	X(S3_4_C12_C12_0) X(S3_4_C12_C12_1) X(S3_4_C12_C12_2)		\
	X(S3_4_C12_C12_3) X(S3_4_C12_C12_4) X(S3_4_C12_C12_5)		\
	X(S3_4_C12_C12_6) X(S3_4_C12_C12_7)				\
	X(S3_4_C12_C13_0) X(S3_4_C12_C13_1) X(S3_4_C12_C13_2)		\
	X(S3_4_C12_C13_3) X(S3_4_C12_C13_4) X(S3_4_C12_C13_5)		\
	X(S3_4_C12_C13_6) X(S3_4_C12_C13_7)				\
	/* the physical CPU interface (hyp/fast-sgi.c) */		\
	X(S3_0_C12_C11_1) X(S3_0_C12_C11_5) X(S3_0_C12_C12_0)		\
	X(S3_0_C12_C12_1) X(S3_0_C12_C12_2)				\
	/* VHE build: the guest's EL1 registers by their _EL12/_EL02	\
	   encodings (hyp/include/sv_hyp_mode.h), last so that the	\
	   split-mode tests' ranges stay as they are */			\
	X(S3_5_C1_C0_0) X(S3_5_C1_C0_2) X(S3_5_C2_C0_0) X(S3_5_C2_C0_1)	\
	X(S3_5_C2_C0_2) X(S3_5_C4_C0_0) X(S3_5_C4_C0_1) X(S3_5_C5_C1_0)	\
	X(S3_5_C5_C1_1) X(S3_5_C5_C2_0) X(S3_5_C6_C0_0) X(S3_5_C10_C2_0)	\
	X(S3_5_C10_C3_0) X(S3_5_C12_C0_0) X(S3_5_C13_C0_1)		\
	X(S3_5_C14_C1_0) X(S3_5_C14_C3_1) X(S3_5_C14_C3_2)

#define SV_FAKE_ENUM(r)		SV_FAKE_##r,
enum sv_fake_reg {
	SV_FAKE_SYSREGS(SV_FAKE_ENUM)
	SV_FAKE_NR_REGS
};
#undef SV_FAKE_ENUM

/*
 * SV_FAKE_REG(ICH_HCR_EL2) is the slot of S3_4_C12_C11_0: the extra level
 * expands a register's macro name to its encoding before pasting.
 */
#define __sv_fake_paste(r)	SV_FAKE_##r
#define SV_FAKE_REG(r)		__sv_fake_paste(r)

/* What a trace entry records. */
enum sv_fake_kind {
	SV_FAKE_RD,		/* system register read: reg, value */
	SV_FAKE_WR,		/* system register write: reg, value */
	SV_FAKE_ISB,
	SV_FAKE_DSB,		/* what = the option */
	SV_FAKE_DMB,		/* what = the option */
	SV_FAKE_TLBI,		/* what = the operation, value = its operand */
	SV_FAKE_AT,		/* what = the operation, value = the VA */
	SV_FAKE_MMIO_RD,	/* value = the data, addr = the address */
	SV_FAKE_MMIO_WR,
	SV_FAKE_CALL,		/* an assembly routine's stub ran: what = its name */
};

sv_u64 sv_fake_read(enum sv_fake_reg r);
void sv_fake_write(enum sv_fake_reg r, sv_u64 v);
void sv_fake_op(enum sv_fake_kind k, const char *what, sv_u64 v);
/* The AT and PAR_EL1 after it; sv_fake_at_faults: the walk took an exception (1). */
sv_u64 sv_fake_at(const char *op, sv_u64 va);
void sv_fake_dmb(const char *what);
sv_u32 sv_fake_mmio_read32(sv_u64 addr);
void sv_fake_mmio_write32(sv_u32 v, sv_u64 addr);

#define __sv_be_read_sysreg(r)		sv_fake_read(SV_FAKE_REG(r))
#define __sv_be_write_sysreg(v, r)	sv_fake_write(SV_FAKE_REG(r), (sv_u64)(v))
#define __sv_be_isb()			sv_fake_op(SV_FAKE_ISB, "isb", 0)
#define __sv_be_dsb(opt)		sv_fake_op(SV_FAKE_DSB, #opt, 0)
#define __sv_be_dmb(opt)		sv_fake_dmb(#opt)
/* Natively there is no speculation to stop: the mask by comparison. */
#define __sv_be_index_mask(idx, size)	((sv_u64)(idx) < (sv_u64)(size) ? ~0ULL : 0ULL)
#define __sv_be_tlbi(op)		sv_fake_op(SV_FAKE_TLBI, #op, 0)
#define __sv_be_tlbi_arg(op, x)		sv_fake_op(SV_FAKE_TLBI, #op, (sv_u64)(x))
#define __sv_be_at_s1e1r(va)		sv_fake_at("s1e1r", (sv_u64)(va))
#define __sv_be_mmio_read32(addr)	sv_fake_mmio_read32(addr)
#define __sv_be_mmio_write32(v, addr)	sv_fake_mmio_write32(v, addr)

/* One CPU runs the tests: plain read-modify-write. */
static inline sv_u64 __sv_be_atomic_or(sv_u64 *p, sv_u64 v)
{
	sv_u64 old = *p;

	*p = old | v;
	return old;
}

static inline sv_u64 __sv_be_atomic_add(sv_u64 *p, sv_u64 v)
{
	sv_u64 old = *p;

	*p = old + v;
	return old;
}

static inline sv_u64 __sv_be_atomic_xchg(sv_u64 *p, sv_u64 v)
{
	sv_u64 old = *p;

	*p = v;
	return old;
}

#endif /* SV_HYP_BACKEND_H */
