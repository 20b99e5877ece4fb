// SPDX-License-Identifier: GPL-2.0
/*
 * The vGIC's system register rows (host/sysreg_table.c merges them):
 * ICC_SGI1R_EL1, ICC_ASGI1R_EL1 and ICC_SGI0R_EL1.  With HCR_EL2.IMO/FMO
 * set their writes trap (GICv3 12.2.23): they are the guest's IPIs, which
 * vgic.c routes by affinity.  Reads, and writes without a vGICv3, are
 * UNDEFINED.  Not in ONE_REG or KVM_GET_REG_LIST: the CPU interface is
 * saved through KVM_DEV_ARM_VGIC_GRP_CPU_SYSREGS (vgic-sys-v3.c), as
 * upstream.
 */
#include <linux/kernel.h>

#include "vgic.h"

#define SV_ICC_SGI0R	SV_ENC(3, 2, 12, 11, 7)

static bool sv_vgic_v3_sgi_access(struct sv_vcpu *vcpu, struct sv_sysreg_params *p,
				  const struct sv_sysreg_desc *r)
{
	if (p->read || vcpu->hyp->vgic.model != SV_VGIC_MODEL_V3)
		return false;
	sv_vgic_v3_sgi(vcpu, p->val, p->enc == SV_ICC_SGI0R);
	return true;
}

/* Sorted by encoding. */
static const struct sv_sysreg_desc sv_vgic_sysregs[] = {
	{ .enc = SV_ENC(3, 0, 12, 11, 5), .access = sv_vgic_v3_sgi_access },	/* ICC_SGI1R_EL1 */
	{ .enc = SV_ENC(3, 1, 12, 11, 6), .access = sv_vgic_v3_sgi_access },	/* ICC_ASGI1R_EL1 */
	{ .enc = SV_ICC_SGI0R, .access = sv_vgic_v3_sgi_access },		/* ICC_SGI0R_EL1 */
};
const struct sv_sysreg_desc *const sv_vgic_sysreg_rows = sv_vgic_sysregs;
const unsigned int sv_vgic_nr_sysregs = ARRAY_SIZE(sv_vgic_sysregs);
