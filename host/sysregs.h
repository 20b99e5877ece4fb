/* SPDX-License-Identifier: GPL-2.0 */
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

struct sv_sysreg_desc {
	u32 enc;
	u8 kind;
	u8 idx;
	u64 reset;
	bool guest_writable;
};

struct sv_vcpu;

const struct sv_sysreg_desc *sv_sysreg_find(u32 enc);
int sv_sysregs_check(void);
unsigned int sv_sysregs_count(void);
const struct sv_sysreg_desc *sv_sysreg_at(unsigned int i);
int sv_sysreg_get(struct sv_vcpu *vcpu, const struct sv_sysreg_desc *d, u64 *val);
int sv_sysreg_set(struct sv_vcpu *vcpu, const struct sv_sysreg_desc *d, u64 val);
u64 sv_id_reg_value(struct sv_vcpu *vcpu, u32 enc);
u64 sv_host_invariant(u32 enc);

#endif /* SV_SYSREGS_H */
