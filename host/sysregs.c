// SPDX-License-Identifier: GPL-2.0
/*
 * System registers of a vCPU: one descriptor table serves both the trap
 * path (guest MRS/MSR that EL2 routes to us: ID registers, debug, ACTLR,
 * set/way maintenance) and the ONE_REG interface (host/one_reg.c), so
 * what the guest sees and what userspace saves are the same thing.  The
 * physical timer's trapped CNTP_* are timer/'s, outside the table.
 * Encodings are KVM's: op0<<14 | op1<<11 | crn<<7 | crm<<3 | op2.
 */
#include <linux/kvm.h>
#include <asm/cpufeature.h>
#include <asm/cputype.h>
#include <asm/sysreg.h>

#include "splitvisor.h"
#include "arm_regs.h"
#include "emulate.h"
#include "sysregs.h"
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

/* ---- the descriptor table --------------------------------------------------- */

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

#define CTXT(o0, o1, n, m, o2, reg, rst) \
	{ SV_ENC(o0, o1, n, m, o2), SV_SR_CTXT, reg, rst, true }
#define SHADOW(o0, o1, n, m, o2, slot, rst) \
	{ SV_ENC(o0, o1, n, m, o2), SV_SR_SHADOW, slot, rst, true }
#define ID(o0, o1, n, m, o2) \
	{ SV_ENC(o0, o1, n, m, o2), SV_SR_ID, 0, 0, true }
#define HOST(o0, o1, n, m, o2) \
	{ SV_ENC(o0, o1, n, m, o2), SV_SR_HOST, 0, 0, true }
#define DBG4(m) \
	SHADOW(2, 0, 0, m, 4, SV_SH_DBGBVR0 + (m), 0), \
	SHADOW(2, 0, 0, m, 5, SV_SH_DBGBCR0 + (m), 0), \
	SHADOW(2, 0, 0, m, 6, SV_SH_DBGWVR0 + (m), 0), \
	SHADOW(2, 0, 0, m, 7, SV_SH_DBGWCR0 + (m), 0)
#define ID8(m) ID(3, 0, 0, m, 0), ID(3, 0, 0, m, 1), ID(3, 0, 0, m, 2), ID(3, 0, 0, m, 3), \
	       ID(3, 0, 0, m, 4), ID(3, 0, 0, m, 5), ID(3, 0, 0, m, 6), ID(3, 0, 0, m, 7)

/* Sorted by encoding (the unit test checks). */
static const struct sv_sysreg_desc sv_sysregs[] = {
	DBG4(0), DBG4(1),
	SHADOW(2, 0, 0, 2, 0, SV_SH_MDCCINT, 0),		/* MDCCINT_EL1 */
	SHADOW(2, 0, 0, 2, 2, SV_SH_MDSCR, 0),			/* MDSCR_EL1 */
	SHADOW(2, 0, 0, 2, 4, SV_SH_DBGBVR0 + 2, 0),
	SHADOW(2, 0, 0, 2, 5, SV_SH_DBGBCR0 + 2, 0),
	SHADOW(2, 0, 0, 2, 6, SV_SH_DBGWVR0 + 2, 0),
	SHADOW(2, 0, 0, 2, 7, SV_SH_DBGWCR0 + 2, 0),
	DBG4(3), DBG4(4), DBG4(5), DBG4(6), DBG4(7),
	DBG4(8), DBG4(9), DBG4(10), DBG4(11), DBG4(12), DBG4(13), DBG4(14), DBG4(15),
	{ SV_ENC(2, 0, 1, 1, 4), SV_SR_OSLSR, SV_SH_OSLSR, 0x8, false },	/* OSLSR_EL1 */
	SHADOW(2, 4, 0, 7, 0, SV_SH_DBGVCR32, 0),		/* DBGVCR32_EL2 */
	{ SV_ENC(3, 0, 0, 0, 0), SV_SR_MIDR, 0, 0, true },	/* MIDR_EL1 */
	{ SV_ENC(3, 0, 0, 0, 5), SV_SR_MPIDR, 0, 0, true },	/* MPIDR_EL1 */
	HOST(3, 0, 0, 0, 6),					/* REVIDR_EL1 */
	ID8(1), ID8(2), ID8(3), ID8(4), ID8(5), ID8(6), ID8(7),
	CTXT(3, 0, 1, 0, 0, SV_SCTLR_EL1, 0x00c50078),		/* SCTLR_EL1 */
	CTXT(3, 0, 1, 0, 1, SV_ACTLR_EL1, 0),			/* ACTLR_EL1 */
	CTXT(3, 0, 1, 0, 2, SV_CPACR_EL1, 0),			/* CPACR_EL1 */
	CTXT(3, 0, 2, 0, 0, SV_TTBR0_EL1, 0),			/* TTBR0_EL1 */
	CTXT(3, 0, 2, 0, 1, SV_TTBR1_EL1, 0),			/* TTBR1_EL1 */
	CTXT(3, 0, 2, 0, 2, SV_TCR_EL1, 0),			/* TCR_EL1 */
	CTXT(3, 0, 5, 1, 0, SV_AFSR0_EL1, 0),			/* AFSR0_EL1 */
	CTXT(3, 0, 5, 1, 1, SV_AFSR1_EL1, 0),			/* AFSR1_EL1 */
	CTXT(3, 0, 5, 2, 0, SV_ESR_EL1, 0),			/* ESR_EL1 */
	CTXT(3, 0, 6, 0, 0, SV_FAR_EL1, 0),			/* FAR_EL1 */
	CTXT(3, 0, 7, 4, 0, SV_PAR_EL1, 0),			/* PAR_EL1 */
	CTXT(3, 0, 10, 2, 0, SV_MAIR_EL1, 0),			/* MAIR_EL1 */
	CTXT(3, 0, 10, 3, 0, SV_AMAIR_EL1, 0),			/* AMAIR_EL1 */
	CTXT(3, 0, 12, 0, 0, SV_VBAR_EL1, 0),			/* VBAR_EL1 */
	SHADOW(3, 0, 12, 1, 1, SV_SH_DISR, 0),			/* DISR_EL1 */
	CTXT(3, 0, 13, 0, 1, SV_CONTEXTIDR_EL1, 0),		/* CONTEXTIDR_EL1 */
	CTXT(3, 0, 13, 0, 4, SV_TPIDR_EL1, 0),			/* TPIDR_EL1 */
	CTXT(3, 0, 14, 1, 0, SV_CNTKCTL_EL1, 0),		/* CNTKCTL_EL1 */
	HOST(3, 1, 0, 0, 1),					/* CLIDR_EL1 */
	HOST(3, 1, 0, 0, 7),					/* AIDR_EL1 */
	CTXT(3, 2, 0, 0, 0, SV_CSSELR_EL1, 0),			/* CSSELR_EL1 */
	HOST(3, 3, 0, 0, 1),					/* CTR_EL0 */
	CTXT(3, 3, 13, 0, 2, SV_TPIDR_EL0, 0),			/* TPIDR_EL0 */
	CTXT(3, 3, 13, 0, 3, SV_TPIDRRO_EL0, 0),		/* TPIDRRO_EL0 */
	SHADOW(3, 4, 3, 0, 0, SV_SH_DACR32, 0),			/* DACR32_EL2 */
	SHADOW(3, 4, 5, 0, 1, SV_SH_IFSR32, 0),			/* IFSR32_EL2 */
	SHADOW(3, 4, 5, 3, 0, SV_SH_FPEXC32, 0x700),		/* FPEXC32_EL2 */
};

const struct sv_sysreg_desc *sv_sysreg_find(u32 enc)
{
	unsigned int lo = 0, hi = ARRAY_SIZE(sv_sysregs);

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (sv_sysregs[mid].enc == enc)
			return &sv_sysregs[mid];
		if (sv_sysregs[mid].enc < enc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The lookups bisect: the table must stay sorted (checked at load). */
int sv_sysregs_check(void)
{
	unsigned int i;

	for (i = 1; i < ARRAY_SIZE(sv_sysregs); i++) {
		if (sv_sysregs[i - 1].enc >= sv_sysregs[i].enc) {
			pr_err(SV_NAME ": sysreg table out of order at %#x\n",
			       sv_sysregs[i].enc);
			return -EINVAL;
		}
	}
	return 0;
}

unsigned int sv_sysregs_count(void)
{
	return ARRAY_SIZE(sv_sysregs);
}

const struct sv_sysreg_desc *sv_sysreg_at(unsigned int i)
{
	return i < ARRAY_SIZE(sv_sysregs) ? &sv_sysregs[i] : NULL;
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
	unsigned int i;

	memset(vcpu->shadow, 0, sizeof(vcpu->shadow));
	for (i = 0; i < ARRAY_SIZE(sv_sysregs); i++) {
		const struct sv_sysreg_desc *d = &sv_sysregs[i];

		if (d->kind == SV_SR_CTXT || d->kind == SV_SR_SHADOW)
			sv_sysreg_set(vcpu, d, d->reset);
		else if (d->kind == SV_SR_OSLSR)
			vcpu->shadow[d->idx] = d->reset;
	}
	/* The guest sees the host's ACTLR_EL1 (as upstream resets it). */
	sv_ctxt(vcpu)->sys[SV_ACTLR_EL1] = read_sysreg(actlr_el1);
}

/* ---- traps ------------------------------------------------------------------ */

/* ESR ISS of EC 0x18 (Arm ARM D17.2.37): Op0, Op2, Op1, CRn, Rt, CRm, dir. */
static u32 sv_trap_enc(u64 esr)
{
	return SV_ENC((esr >> 20) & 3, (esr >> 14) & 7, (esr >> 10) & 0xf,
		      (esr >> 1) & 0xf, (esr >> 17) & 7);
}

/* OSDLR_EL1, DBGPRCR_EL1, DBGCLAIM*: accepted and ignored. */
static bool sv_trap_wi(u32 enc)
{
	return enc == SV_ENC(2, 0, 1, 3, 4) ||
	       enc == SV_ENC(2, 0, 1, 4, 4) || enc == SV_ENC(2, 0, 7, 8, 6) ||
	       enc == SV_ENC(2, 0, 7, 9, 6);
}

/* MDCCSR_EL0, MDRAR_EL1, DBGCLAIMCLR/SET reads, DBGAUTHSTATUS: read as zero. */
static bool sv_trap_raz(u32 enc)
{
	return enc == SV_ENC(2, 3, 0, 1, 0) || enc == SV_ENC(2, 0, 1, 0, 0) ||
	       enc == SV_ENC(2, 0, 7, 8, 6) || enc == SV_ENC(2, 0, 7, 9, 6) ||
	       enc == SV_ENC(2, 0, 7, 14, 6) || enc == SV_ENC(2, 0, 1, 3, 4) ||
	       enc == SV_ENC(2, 0, 1, 4, 4);
}

/* DC ISW/CSW/CISW: trapped by HCR_EL2.TSW. */
static bool sv_trap_setway(u32 enc)
{
	return SV_ENC_OP0(enc) == 1 && SV_ENC_OP1(enc) == 0 && SV_ENC_CRN(enc) == 7 &&
	       SV_ENC_OP2(enc) == 2 &&
	       (SV_ENC_CRM(enc) == 6 || SV_ENC_CRM(enc) == 10 || SV_ENC_CRM(enc) == 14);
}

/*
 * ICC_SGI1R_EL1, ICC_ASGI1R_EL1, ICC_SGI0R_EL1: with HCR_EL2.IMO/FMO set
 * these writes trap (GICv3 12.2.23): they are the guest's IPIs.  Without
 * a vGICv3 they are undefined, as the table's default.
 */
static bool sv_trap_gic_sgi(struct sv_vcpu *vcpu, u32 enc, bool read, u64 val)
{
	bool g0 = enc == SV_ENC(3, 2, 12, 11, 7);

	if (enc != SV_ENC(3, 0, 12, 11, 5) && enc != SV_ENC(3, 1, 12, 11, 6) && !g0)
		return false;
	if (read || vcpu->hyp->vgic.model != SV_VGIC_MODEL_V3)
		return false;
	sv_vgic_v3_sgi(vcpu, val, g0);
	sv_skip_instr(sv_ctxt(vcpu));
	return true;
}

int sv_handle_sysreg(struct sv_vcpu *vcpu)
{
	struct sv_cpu_ctxt *c = sv_ctxt(vcpu);
	u64 esr = vcpu->hyp->exit.esr, val;
	u32 enc = sv_trap_enc(esr);
	unsigned int rt = (esr >> 5) & 0x1f;
	bool read = esr & 1;
	const struct sv_sysreg_desc *d;

	if (sv_timer_is_trapped_reg(enc)) {
		/* Emulated physical timer: not in the table (not in get-reg-list). */
		val = read ? 0 : sv_reg_read(c, rt);
		sv_timer_sysreg(vcpu, enc, &val, !read);
		if (read)
			sv_reg_write(c, rt, val);
		sv_skip_instr(c);
		return 1;
	}
	if (sv_trap_setway(enc)) {
		/*
		 * Set/way maintenance cannot be done for a guest on shared
		 * caches; upstream turns it into a full flush when the guest
		 * toggles its caches.  Our stage-2 maps only cacheable memory
		 * that was cleaned to PoC when mapped, so skipping is coherent.
		 */
		sv_skip_instr(c);
		return 1;
	}
	if (read && sv_trap_raz(enc)) {
		sv_reg_write(c, rt, 0);
		sv_skip_instr(c);
		return 1;
	}
	if (!read && enc == SV_ENC(2, 0, 1, 0, 4)) {
		/* OSLAR_EL1: the OS lock, as OSLSR_EL1.OSLK (host/debug.c acts on it). */
		vcpu->shadow[SV_SH_OSLSR] = (vcpu->shadow[SV_SH_OSLSR] & ~0x2ULL) |
					    ((sv_reg_read(c, rt) & 1) << 1);
		sv_skip_instr(c);
		return 1;
	}
	if (sv_trap_gic_sgi(vcpu, enc, read, sv_reg_read(c, rt)))
		return 1;
	if (!read && sv_trap_wi(enc)) {
		sv_skip_instr(c);
		return 1;
	}
	if (!read && enc == SV_ENC(3, 0, 1, 0, 1)) {
		/* ACTLR_EL1 is IMPLEMENTATION DEFINED: guest writes are ignored. */
		sv_skip_instr(c);
		return 1;
	}
	d = sv_sysreg_find(enc);
	if (!d || (!read && !d->guest_writable) ||
	    (!read && (d->kind == SV_SR_ID || d->kind == SV_SR_HOST ||
		       d->kind == SV_SR_CONST || d->kind == SV_SR_MIDR ||
		       d->kind == SV_SR_MPIDR || d->kind == SV_SR_OSLSR))) {
		sv_inject_undef(c);
		return 1;
	}
	if (read) {
		sv_sysreg_get(vcpu, d, &val);
		sv_reg_write(c, rt, val);
	} else {
		sv_sysreg_set(vcpu, d, sv_reg_read(c, rt));
	}
	sv_skip_instr(c);
	return 1;
}
