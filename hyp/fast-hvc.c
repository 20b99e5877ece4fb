// SPDX-License-Identifier: GPL-2.0
/*
 * SV_FAST_HVC: guest SMCCC calls that EL2 answers itself.
 *
 * HVC64 (EC 0x16): the host published, for this vCPU, the answer of
 * every call whose answer is fixed (struct sv_fast_hvc_table, filled by
 * running host/psci.c's own handlers) and which function IDs it must see
 * itself.  An ID neither names answers NOT_SUPPORTED, as the host does
 * for an ID no row of its has.  The preferred return of an HVC is the
 * next instruction: nothing to skip.
 *
 * SMC64 (EC 0x17): the host answers every SMC with NOT_SUPPORTED in x0
 * (x1..x3 untouched) and steps over it (the preferred return is the SMC
 * itself): so does EL2.
 *
 * What comes from the guest -- w0, w1 -- is only compared with keys;
 * the lookup's indices never leave the table (hyp/include/sv_hyp.h).
 * HVC32 (EC 0x12) stays the host's.
 */
#include "sv_esr.h"
#include "sv_hyp_fast.h"
#include "sv_hyp_sysreg.h"
#include "sv_hyp.h"

static void __smccc_ret(struct sv_gp_regs *r, sv_u64 a0, sv_u64 a1, sv_u64 a2, sv_u64 a3)
{
	r->x[0] = a0;
	r->x[1] = a1;
	r->x[2] = a2;
	r->x[3] = a3;
}

/* EC 0x16 */
int __sv_fast_hvc(struct sv_vcpu_hyp *vcpu)
{
	const struct sv_fast_hvc_table *t;
	const struct sv_fast_hvc_fid *f;
	const struct sv_fast_hvc_arg *a;
	struct sv_gp_regs *r = &vcpu->ctxt.regs;
	sv_u32 fid = (sv_u32)r->x[0], w1 = (sv_u32)r->x[1];
	sv_u64 nr_args;

	t = (const struct sv_fast_hvc_table *)SV_READ_ONCE(vcpu->cfg.fast_hvc);
	if (!(vcpu->cfg.fastpath & SV_FAST_HVC) || !t)
		return 0;
	f = __sv_fast_find(t->fid, sizeof(*f), __sv_fast_count(&t->nr_fids, SV_FAST_HVC_FIDS), fid);
	if (!f) {
		__smccc_ret(r, SV_SMCCC_RET_NOT_SUPPORTED, 0, 0, 0);
	} else if (SV_READ_ONCE(f->host)) {
		return 0;
	} else {
		nr_args = __sv_fast_count(&t->nr_args, SV_FAST_HVC_ARGS);
		a = __sv_fast_find(t->arg, sizeof(*a), nr_args, SV_FAST_HVC_ARG_KEY(fid, w1));
		if (a)
			__smccc_ret(r, SV_READ_ONCE(a->x0), 0, 0, 0);
		else
			__smccc_ret(r, SV_READ_ONCE(f->ret[0]), SV_READ_ONCE(f->ret[1]),
				    SV_READ_ONCE(f->ret[2]), SV_READ_ONCE(f->ret[3]));
	}
	vcpu->fast.hvc++;
	return 1;
}

/* EC 0x17: host/exits.c sv_exit_smc's answer. */
int __sv_fast_smc(struct sv_vcpu_hyp *vcpu)
{
	if (!(vcpu->cfg.fastpath & SV_FAST_HVC))
		return 0;
	vcpu->ctxt.regs.x[0] = SV_SMCCC_RET_NOT_SUPPORTED;
	__sv_skip_instr(vcpu);
	vcpu->fast.hvc++;
	return 1;
}
