/* SPDX-License-Identifier: GPL-2.0 */
/*
 * System register rows: the encoding and the row type that the core and
 * the devices contributing rows (timer/, vgic/) share.  Types and macros
 * only; the functions over the rows are in sysreg_table.h.
 */
#ifndef SV_SYSREGS_H
#define SV_SYSREGS_H

#include <linux/types.h>

/* KVM's sysreg index layout (KVM_REG_ARM64_SYSREG_*_SHIFT). */
#define SV_ENC(op0, op1, crn, crm, op2) \
	(((u32)(op0) << 14) | ((u32)(op1) << 11) | ((u32)(crn) << 7) | \
	 ((u32)(crm) << 3) | (u32)(op2))
#define SV_ENC_OP0(e)	(((e) >> 14) & 3)
#define SV_ENC_OP1(e)	(((e) >> 11) & 7)
#define SV_ENC_CRN(e)	(((e) >> 7) & 0xf)
#define SV_ENC_CRM(e)	(((e) >> 3) & 0xf)
#define SV_ENC_OP2(e)	((e) & 7)

enum sv_sysreg_kind {
	SV_SR_NONE,	/* no value of its own: the access handler is all there is */
	SV_SR_CTXT,	/* switched by EL2: struct sv_cpu_ctxt.sys[idx] */
	SV_SR_SHADOW,	/* trapped, lives only in the host: vcpu->shadow[idx] */
	SV_SR_ID,	/* sanitised ID register, read-only */
	SV_SR_HOST,	/* invariant host value (CTR, CLIDR, ...), read-only */
	SV_SR_CONST,	/* fixed value (reset), read-only */
	SV_SR_MIDR,	/* VPIDR_EL2 */
	SV_SR_MPIDR,	/* VMPIDR_EL2 */
	SV_SR_OSLSR,	/* OSLSR_EL1: shadow, only OSLK changes (through OSLAR) */
};

/* Registers with no hardware home while the guest runs (vcpu->shadow). */
enum sv_shadow_reg {
	SV_SH_DBGBVR0,
	SV_SH_DBGBCR0 = SV_SH_DBGBVR0 + 16,
	SV_SH_DBGWVR0 = SV_SH_DBGBCR0 + 16,
	SV_SH_DBGWCR0 = SV_SH_DBGWVR0 + 16,
	SV_SH_MDCCINT = SV_SH_DBGWCR0 + 16,
	SV_SH_DBGVCR32,
	SV_SH_DISR,
	SV_SH_DACR32,
	SV_SH_IFSR32,
	SV_SH_FPEXC32,
	SV_SH_MDSCR,		/* the guest's view; the hardware runs host/debug.c's */
	SV_SH_OSLSR,
	SV_SH_NR
};

struct sv_vcpu;
struct sv_sysreg_desc;

/* One trapped MRS, MSR or SYS instruction (ESR EC 0x18), decoded. */
struct sv_sysreg_params {
	u32 enc;
	u8 rt;
	bool read;
	u64 val;	/* Rt's value; a read's handler replaces it with the result */
};

/*
 * A row's access handler.  true: done, the instruction is skipped (and a
 * read's p->val goes to Rt); false: UNDEFINED, the guest takes the
 * exception.
 */
typedef bool sv_sysreg_access_fn(struct sv_vcpu *vcpu, struct sv_sysreg_params *p,
				 const struct sv_sysreg_desc *r);

/*
 * One system register (or one encoding of a SYS instruction).  The core
 * table (host/sysreg_table.c) and the devices' tables (timer/, vgic/) are
 * each sorted by enc; no encoding is in two tables.
 */
struct sv_sysreg_desc {
	u32 enc;
	u8 kind;		/* enum sv_sysreg_kind: where ONE_REG finds the value */
	u8 idx;			/* sys[] or shadow[] slot */
	bool one_reg;		/* KVM_GET_REG_LIST lists it, ONE_REG reaches it */
	/*
	 * The access handler changes nothing, and what it answers depends
	 * only on the vCPU's configuration (which the guest cannot change):
	 * EL2 may answer from what the handler said before
	 * (sv_sysreg_fast_fill, hyp/fast-sysreg.c).
	 */
	bool fixed;
	u64 reset;
	sv_sysreg_access_fn *access;	/* what a trapped guest access does */
};

#endif /* SV_SYSREGS_H */
