// SPDX-License-Identifier: GPL-2.0
/*
 * The timer's system register rows (host/sysreg_table.c merges them):
 * CNTP_{TVAL,CTL,CVAL}_EL0 trap because CNTHCTL_EL2.EL1PCEN = 0, and
 * arch_timer.c emulates the physical timer behind them.  They stay out of
 * ONE_REG and KVM_GET_REG_LIST, as upstream 6.1 lists only the virtual
 * timer there.
 */
#include <linux/kernel.h>

#include "timer_priv.h"

static bool sv_timer_cntp_access(struct sv_vcpu *vcpu, struct sv_sysreg_params *p,
				 const struct sv_sysreg_desc *r)
{
	sv_timer_sysreg(vcpu, p->enc, &p->val, !p->read);
	return true;
}

/* Sorted by encoding. */
static const struct sv_sysreg_desc sv_timer_sysregs[] = {
	{ .enc = SV_CNTP_TVAL, .access = sv_timer_cntp_access },
	{ .enc = SV_CNTP_CTL, .access = sv_timer_cntp_access },
	{ .enc = SV_CNTP_CVAL, .access = sv_timer_cntp_access },
};
const struct sv_sysreg_desc *const sv_timer_sysreg_rows = sv_timer_sysregs;
const unsigned int sv_timer_nr_sysregs = ARRAY_SIZE(sv_timer_sysregs);
