// SPDX-License-Identifier: GPL-2.0
/*
 * The values behind the system register rows (host/sysreg_table.c has the
 * rows and the trap path): what ONE_REG gets and sets for each kind of
 * row, the guest's view of the ID registers, and the reset state.
 * Encodings are KVM's: op0<<14 | op1<<11 | crn<<7 | crm<<3 | op2.
 */
#include <linux/kvm.h>
#include <asm/cpufeature.h>
#include <asm/cputype.h>
#include <asm/sysreg.h>

#include "splitvisor.h"
#include "arm_regs.h"
#include "sysreg_table.h"
#include "vm.h"

/* ---- ID registers --------------------------------------------------------- */

/* The ID registers the kernel's cpufeature code keeps a sanitised copy of. */
static bool sv_id_known(u32 enc)
{
	u32 crm = SV_ENC_CRM(enc), op2 = SV_ENC_OP2(enc);

	switch (crm) {
	case 1: return op2 != 3;			/* ID_PFR0..ID_MMFR3 but AFR0 */
	case 2: return true;				/* ID_ISAR0..5, MMFR4, ISAR6 */
	case 3: return op2 <= 2 || (op2 >= 4 && op2 <= 6);	/* MVFRn, PFR2, DFR1, MMFR5 */
	case 4: return op2 <= 1 || op2 == 4 || op2 == 5;	/* AA64PFR0/1, ZFR0, SMFR0 */
	case 5: return op2 <= 1;			/* AA64DFR0/1 */
	case 6: return op2 <= 2;			/* AA64ISAR0..2 */
	case 7: return op2 <= 2;			/* AA64MMFR0..2 */
	default: return false;
	}
}

static u64 sv_field_clear(u64 v, unsigned int shift)
{
	return v & ~(0xfULL << shift);
}

/*
 * What the guest may see of an ID register: the system-wide sanitised
 * value, minus what we do not give guests (SVE, SME, PMU, SPE, AMU, MPAM,
 * MTE, pointer authentication, trace).
 */
u64 sv_id_reg_value(struct sv_vcpu *vcpu, u32 enc)
{
	u64 v;

	if (!sv_id_known(enc))
		return 0;
	v = read_sanitised_ftr_reg(sys_reg(SV_ENC_OP0(enc), SV_ENC_OP1(enc),
					   SV_ENC_CRN(enc), SV_ENC_CRM(enc),
					   SV_ENC_OP2(enc)));
	switch (enc) {
	case SV_ENC(3, 0, 0, 4, 0):			/* ID_AA64PFR0_EL1 */
		v = sv_field_clear(v, 32);		/* SVE */
		v = sv_field_clear(v, 40);		/* MPAM */
		v = sv_field_clear(v, 44);		/* AMU */
		break;
	case SV_ENC(3, 0, 0, 4, 1):			/* ID_AA64PFR1_EL1 */
		v = sv_field_clear(v, 8);		/* MTE */
		v = sv_field_clear(v, 16);		/* MPAM_frac */
		v = sv_field_clear(v, 24);		/* SME */
		break;
	case SV_ENC(3, 0, 0, 4, 4):			/* ID_AA64ZFR0_EL1 */
	case SV_ENC(3, 0, 0, 4, 5):			/* ID_AA64SMFR0_EL1 */
		v = 0;
		break;
	case SV_ENC(3, 0, 0, 5, 0):			/* ID_AA64DFR0_EL1 */
		v = sv_field_clear(v, 8);		/* PMUVer: no PMU */
		v = sv_field_clear(v, 32);		/* PMSVer: no SPE */
		v = sv_field_clear(v, 44);		/* TraceBuffer */
		v = sv_field_clear(v, 4);		/* TraceVer */
		break;
	case SV_ENC(3, 0, 0, 1, 2):			/* ID_DFR0_EL1 */
		v = sv_field_clear(v, 24);		/* PerfMon */
		break;
	case SV_ENC(3, 0, 0, 6, 1):			/* ID_AA64ISAR1_EL1 */
		v = sv_field_clear(v, 4);		/* APA */
		v = sv_field_clear(v, 8);		/* API */
		v = sv_field_clear(v, 24);		/* GPA */
		v = sv_field_clear(v, 28);		/* GPI */
		break;
	case SV_ENC(3, 0, 0, 6, 2):			/* ID_AA64ISAR2_EL1 */
		v = sv_field_clear(v, 8);		/* GPA3 */
		v = sv_field_clear(v, 12);		/* APA3 */
		v = sv_field_clear(v, 0);		/* WFxT */
		break;
	}
	return v;
}

/* ---- values by kind ---------------------------------------------------------- */

static u64 *sv_shadow(struct sv_vcpu *vcpu, const struct sv_sysreg_desc *d)
{
	return &vcpu->shadow[d->idx];
}

int sv_sysreg_get(struct sv_vcpu *vcpu, const struct sv_sysreg_desc *d, u64 *val)
{
	struct sv_cpu_ctxt *c = sv_ctxt(vcpu);

	switch (d->kind) {
	case SV_SR_CTXT:
		*val = c->sys[d->idx];
		return 0;
	case SV_SR_SHADOW:
		*val = *sv_shadow(vcpu, d);
		return 0;
	case SV_SR_ID:
		*val = sv_id_reg_value(vcpu, d->enc);
		return 0;
	case SV_SR_MIDR:
		*val = vcpu->hyp->cfg.vpidr;
		return 0;
	case SV_SR_MPIDR:
		*val = vcpu->hyp->cfg.vmpidr;
		return 0;
	case SV_SR_HOST:
		*val = sv_host_invariant(d->enc);
		return 0;
	case SV_SR_CONST:
		*val = d->reset;
		return 0;
	case SV_SR_OSLSR:
		*val = *sv_shadow(vcpu, d);
		return 0;
	}
	return -ENOENT;
}

/* Userspace (ONE_REG) or guest write; ID and invariant registers only accept their value. */
int sv_sysreg_set(struct sv_vcpu *vcpu, const struct sv_sysreg_desc *d, u64 val)
{
	u64 cur;

	switch (d->kind) {
	case SV_SR_CTXT:
		sv_ctxt(vcpu)->sys[d->idx] = val;
		return 0;
	case SV_SR_SHADOW:
		*sv_shadow(vcpu, d) = val;
		return 0;
	case SV_SR_MPIDR:
		vcpu->hyp->cfg.vmpidr = val;
		sv_vgic_sgi_mpidr_changed(vcpu);	/* SV_FAST_SGI routes by it */
		return 0;
	case SV_SR_OSLSR:
		/* Only OSLK may change (OSLM is fixed at "implemented"). */
		if ((val ^ *sv_shadow(vcpu, d)) & ~0x2ULL)
			return -EINVAL;
		*sv_shadow(vcpu, d) = val;
		return 0;
	default:
		sv_sysreg_get(vcpu, d, &cur);
		return val == cur ? 0 : -EINVAL;
	}
}

/* The rows' lookups bisect and must not overlap: checked once, at load. */
int sv_sysregs_check(void)
{
	u32 bad;

	if (sv_sysreg_tables_check(&bad)) {
		pr_err(SV_NAME ": sysreg row %#x is out of order, doubled or incomplete\n", bad);
		return -EINVAL;
	}
	return 0;
}

u64 sv_host_invariant(u32 enc)
{
	switch (enc) {
	case SV_ENC(3, 0, 0, 0, 6):
		return read_sysreg(revidr_el1);
	case SV_ENC(3, 1, 0, 0, 1):
		return read_sysreg(clidr_el1);
	case SV_ENC(3, 1, 0, 0, 7):
		return read_sysreg(aidr_el1);
	case SV_ENC(3, 3, 0, 0, 1):
		return read_sanitised_ftr_reg(SYS_CTR_EL0);
	}
	return 0;
}

void sv_sysregs_reset(struct sv_vcpu *vcpu)
{
	const struct sv_sysreg_desc *d;

	memset(vcpu->shadow, 0, sizeof(vcpu->shadow));
	for (d = sv_sysreg_next_listed(NULL); d; d = sv_sysreg_next_listed(d)) {
		if (d->kind == SV_SR_CTXT || d->kind == SV_SR_SHADOW)
			sv_sysreg_set(vcpu, d, d->reset);
		else if (d->kind == SV_SR_OSLSR)
			vcpu->shadow[d->idx] = d->reset;
	}
	/* The guest sees the host's ACTLR_EL1 (as upstream resets it). */
	sv_ctxt(vcpu)->sys[SV_ACTLR_EL1] = read_sysreg(actlr_el1);
}
