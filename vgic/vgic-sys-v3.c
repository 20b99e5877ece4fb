// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_DEV_ARM_VGIC_GRP_CPU_SYSREGS: userspace access to a vCPU's GICv3
 * CPU interface registers (ICC_*_EL1) for save/restore.  The state lives
 * where EL2 switches it, in vcpu->hyp->vgic: ICH_VMCR_EL2 holds the
 * guest's PMR, binary points, EOImode, CBPR and group enables, and
 * ICH_AP0R/AP1R the active priorities.  Semantics and errnos follow 6.1
 * (arch/arm64/kvm/vgic-sys-reg-v3.c and the arm-vgic-v3 device doc).
 *
 * attr: [63:32] the vCPU's affinity in the device ABI's packing
 * (Aff3 at [31:24], not at MPIDR's [39:32]); [15:0] the register as
 * op0:op1:CRn:CRm:op2 (2:3:4:4:3 bits).
 */
#include <linux/bitfield.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/irqchip/arm-gic-v3.h>
#include <asm/sysreg.h>
#include "vgic.h"


#define SV_VGIC_ATTR_OP0(a)	(((a) >> 14) & 0x3)
#define SV_VGIC_ATTR_OP1(a)	(((a) >> 11) & 0x7)
#define SV_VGIC_ATTR_CRN(a)	(((a) >> 7) & 0xf)
#define SV_VGIC_ATTR_CRM(a)	(((a) >> 3) & 0xf)
#define SV_VGIC_ATTR_OP2(a)	((a) & 0x7)

/* With 5 priority bits (32 levels) only AP0R0/AP1R0 exist (GICv3 12.2.1). */
#define SV_VGIC_MAX_APR_IDX	((1U << (SV_VGIC_NR_PRIO_BITS - 5)) - 1)

struct sv_icc_reg {
	u32 enc;			/* sys_reg() encoding */
	u8 arg;				/* AP index, or which enable bit */
	int (*get)(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 *val);
	int (*set)(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 val);
};

static u64 sv_vmcr_get(struct sv_vgic_v3_cpu_if *cif, u64 mask, unsigned int shift)
{
	return (cif->vmcr & mask) >> shift;
}

/* Every VMCR write keeps VFIQEn set: RES1 for a GICv3 guest (SRE=1). */
static void sv_vmcr_set(struct sv_vgic_v3_cpu_if *cif, u64 mask, unsigned int shift,
			u64 v)
{
	cif->vmcr = (cif->vmcr & ~mask) | ((v << shift) & mask) |
		    BIT_ULL(SV_ICH_VMCR_FIQ_EN_SHIFT);
}

static int sv_icc_pmr_get(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 *val)
{
	*val = sv_vmcr_get(cif, SV_ICH_VMCR_PMR_MASK, SV_ICH_VMCR_PMR_SHIFT);
	return 0;
}

static int sv_icc_pmr_set(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 val)
{
	sv_vmcr_set(cif, SV_ICH_VMCR_PMR_MASK, SV_ICH_VMCR_PMR_SHIFT, val & 0xff);
	return 0;
}

static int sv_icc_bpr0_get(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 *val)
{
	*val = sv_vmcr_get(cif, SV_ICH_VMCR_BPR0_MASK, SV_ICH_VMCR_BPR0_SHIFT);
	return 0;
}

static int sv_icc_bpr0_set(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 val)
{
	sv_vmcr_set(cif, SV_ICH_VMCR_BPR0_MASK, SV_ICH_VMCR_BPR0_SHIFT, val & 7);
	return 0;
}

static bool sv_icc_cbpr(struct sv_vgic_v3_cpu_if *cif)
{
	return cif->vmcr & BIT_ULL(SV_ICH_VMCR_CBPR_SHIFT);
}

/* With CBPR, BPR1 reads as BPR0 + 1 (saturated) and ignores writes. */
static int sv_icc_bpr1_get(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 *val)
{
	if (sv_icc_cbpr(cif))
		*val = min_t(u64, sv_vmcr_get(cif, SV_ICH_VMCR_BPR0_MASK,
					      SV_ICH_VMCR_BPR0_SHIFT) + 1, 7);
	else
		*val = sv_vmcr_get(cif, SV_ICH_VMCR_BPR1_MASK, SV_ICH_VMCR_BPR1_SHIFT);
	return 0;
}

static int sv_icc_bpr1_set(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 val)
{
	if (!sv_icc_cbpr(cif))
		sv_vmcr_set(cif, SV_ICH_VMCR_BPR1_MASK, SV_ICH_VMCR_BPR1_SHIFT, val & 7);
	return 0;
}

/* arg: the enable's VMCR bit (VENG0 or VENG1). */
static int sv_icc_grpen_get(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 *val)
{
	*val = sv_vmcr_get(cif, BIT_ULL(arg), arg);
	return 0;
}

static int sv_icc_grpen_set(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 val)
{
	sv_vmcr_set(cif, BIT_ULL(arg), arg, val & 1);
	return 0;
}

/* arg: bit 2 selects AP1R, bits [1:0] the index.  Absent ones: -EINVAL. */
static int sv_icc_apr_get(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 *val)
{
	if ((arg & 3) > SV_VGIC_MAX_APR_IDX)
		return -EINVAL;
	*val = (arg & 4) ? cif->ap1r[arg & 3] : cif->ap0r[arg & 3];
	return 0;
}

static int sv_icc_apr_set(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 val)
{
	if ((arg & 3) > SV_VGIC_MAX_APR_IDX)
		return -EINVAL;
	/* The ICH_APxR registers are 32 bits wide. */
	if (arg & 4)
		cif->ap1r[arg & 3] = (u32)val;
	else
		cif->ap0r[arg & 3] = (u32)val;
	return 0;
}

/* Read-only ICC_CTLR_EL1 fields: ours (PRIbits) and the CPU's (IDbits, SEIS, A3V). */
static u64 sv_icc_ctlr_ro(void)
{
	u64 vtr = sv_gic_host.vtr;

	return FIELD_PREP(ICC_CTLR_EL1_PRI_BITS_MASK, SV_VGIC_NR_PRIO_BITS - 1) |
	       FIELD_PREP(ICC_CTLR_EL1_ID_BITS_MASK, (vtr >> ICH_VTR_ID_BITS_SHIFT) & 7) |
	       FIELD_PREP(ICC_CTLR_EL1_SEIS_MASK, (vtr >> ICH_VTR_SEIS_SHIFT) & 1) |
	       FIELD_PREP(ICC_CTLR_EL1_A3V_MASK, (vtr >> ICH_VTR_A3V_SHIFT) & 1);
}

static int sv_icc_ctlr_get(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 *val)
{
	*val = sv_icc_ctlr_ro() |
	       FIELD_PREP(ICC_CTLR_EL1_CBPR_MASK, sv_icc_cbpr(cif)) |
	       FIELD_PREP(ICC_CTLR_EL1_EOImode_MASK,
			  sv_vmcr_get(cif, BIT_ULL(SV_ICH_VMCR_EOIM_SHIFT),
				      SV_ICH_VMCR_EOIM_SHIFT));
	return 0;
}

/*
 * A saved state may come from a CPU with fewer priority or ID bits (we
 * accept it, as upstream, but keep ours: the hardware decides), never
 * more; SEIS and A3V must match.  Only CBPR and EOImode are state.
 */
static int sv_icc_ctlr_set(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 val)
{
	u64 ro = sv_icc_ctlr_ro();
	const u64 same = ICC_CTLR_EL1_SEIS_MASK | ICC_CTLR_EL1_A3V_MASK;

	if (FIELD_GET(ICC_CTLR_EL1_PRI_BITS_MASK, val) >
	    FIELD_GET(ICC_CTLR_EL1_PRI_BITS_MASK, ro))
		return -EINVAL;
	if (FIELD_GET(ICC_CTLR_EL1_ID_BITS_MASK, val) >
	    FIELD_GET(ICC_CTLR_EL1_ID_BITS_MASK, ro))
		return -EINVAL;
	if ((val & same) != (ro & same))
		return -EINVAL;
	sv_vmcr_set(cif, BIT_ULL(SV_ICH_VMCR_CBPR_SHIFT), SV_ICH_VMCR_CBPR_SHIFT,
		    FIELD_GET(ICC_CTLR_EL1_CBPR_MASK, val));
	sv_vmcr_set(cif, BIT_ULL(SV_ICH_VMCR_EOIM_SHIFT), SV_ICH_VMCR_EOIM_SHIFT,
		    FIELD_GET(ICC_CTLR_EL1_EOImode_MASK, val));
	return 0;
}

/* System register access only, FIQ and IRQ bypass disabled: fixed. */
static int sv_icc_sre_get(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 *val)
{
	*val = ICC_SRE_EL1_SRE | ICC_SRE_EL1_DFB | ICC_SRE_EL1_DIB;
	return 0;
}

static int sv_icc_sre_set(struct sv_vgic_v3_cpu_if *cif, u8 arg, u64 val)
{
	return (val & ICC_SRE_EL1_SRE) ? 0 : -EINVAL;
}

#define SV_ICC(e, a, g, s) { .enc = (e), .arg = (a), .get = (g), .set = (s) }

static const struct sv_icc_reg sv_icc_regs[] = {
	SV_ICC(SYS_ICC_PMR_EL1, 0, sv_icc_pmr_get, sv_icc_pmr_set),
	SV_ICC(SYS_ICC_BPR0_EL1, 0, sv_icc_bpr0_get, sv_icc_bpr0_set),
	SV_ICC(SYS_ICC_AP0Rn_EL1(0), 0, sv_icc_apr_get, sv_icc_apr_set),
	SV_ICC(SYS_ICC_AP0Rn_EL1(1), 1, sv_icc_apr_get, sv_icc_apr_set),
	SV_ICC(SYS_ICC_AP0Rn_EL1(2), 2, sv_icc_apr_get, sv_icc_apr_set),
	SV_ICC(SYS_ICC_AP0Rn_EL1(3), 3, sv_icc_apr_get, sv_icc_apr_set),
	SV_ICC(SYS_ICC_AP1Rn_EL1(0), 4, sv_icc_apr_get, sv_icc_apr_set),
	SV_ICC(SYS_ICC_AP1Rn_EL1(1), 5, sv_icc_apr_get, sv_icc_apr_set),
	SV_ICC(SYS_ICC_AP1Rn_EL1(2), 6, sv_icc_apr_get, sv_icc_apr_set),
	SV_ICC(SYS_ICC_AP1Rn_EL1(3), 7, sv_icc_apr_get, sv_icc_apr_set),
	SV_ICC(SYS_ICC_BPR1_EL1, 0, sv_icc_bpr1_get, sv_icc_bpr1_set),
	SV_ICC(SYS_ICC_CTLR_EL1, 0, sv_icc_ctlr_get, sv_icc_ctlr_set),
	SV_ICC(SYS_ICC_SRE_EL1, 0, sv_icc_sre_get, sv_icc_sre_set),
	SV_ICC(SYS_ICC_IGRPEN0_EL1, SV_ICH_VMCR_ENG0_SHIFT, sv_icc_grpen_get, sv_icc_grpen_set),
	SV_ICC(SYS_ICC_IGRPEN1_EL1, SV_ICH_VMCR_ENG1_SHIFT, sv_icc_grpen_get, sv_icc_grpen_set),
};

static const struct sv_icc_reg *sv_icc_find(u64 attr)
{
	u32 enc = sys_reg(SV_VGIC_ATTR_OP0(attr), SV_VGIC_ATTR_OP1(attr),
			  SV_VGIC_ATTR_CRN(attr), SV_VGIC_ATTR_CRM(attr),
			  SV_VGIC_ATTR_OP2(attr));
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sv_icc_regs); i++)
		if (sv_icc_regs[i].enc == enc)
			return &sv_icc_regs[i];
	return NULL;
}

/*
 * The caller (the device's get/set_attr) keeps the vCPUs out of KVM_RUN,
 * as upstream locks them all, since EL2 rewrites this state at each exit.
 */
int sv_vgic_v3_attr_sysreg(struct sv_vm *vm, u64 attr, u64 *val, bool write)
{
	struct sv_vcpu *vcpu = sv_vgic_v3_attr_vcpu(vm, attr);
	const struct sv_icc_reg *r;

	if (!vcpu)
		return -EINVAL;
	r = sv_icc_find(attr);
	if (!r)
		return -ENXIO;
	if (write) {
		int ret = r->set(&vcpu->hyp->vgic, r->arg, *val);

		/* EL2 may hold the old values in a CPU: load these at the next entry. */
		WRITE_ONCE(vcpu->hyp->vgic.loaded_on, 0);
		return ret;
	}
	return r->get(&vcpu->hyp->vgic, r->arg, val);
}

int sv_vgic_v3_has_attr_sysreg(struct sv_vm *vm, u64 attr)
{
	if (!sv_vgic_v3_attr_vcpu(vm, attr))
		return -EINVAL;
	return sv_icc_find(attr) ? 0 : -ENXIO;
}
