// SPDX-License-Identifier: GPL-2.0
/*
 * SV_FAST_SYSREG: trapped MRS/MSR/SYS (EC 0x18) with a fixed outcome --
 * the ID registers (HCR_EL2.TID3), the invariant identification
 * registers, the debug registers that read as zero and ignore writes,
 * set/way cache maintenance (skipped) -- answered from the table the
 * host published for this vCPU (struct sv_fast_sysreg_table, filled by
 * running host/sysreg_table.c's row handlers).  Anything else, and the
 * direction a row does not allow (UNDEFINED), goes to the host.
 *
 * From the guest come the encoding (a key, only compared) and Rt (an
 * index into the guest's registers: bounded, masked, 31 is XZR).
 */
#include "sv_esr.h"
#include "sv_hyp_fast.h"
#include "sv_hyp_sysreg.h"
#include "sv_hyp.h"

/* x0..x30 of struct sv_gp_regs; Rt == 31 is XZR. */
#define NR_GPRS		31

/* EC 0x18 */
int __sv_fast_sysreg(struct sv_vcpu_hyp *vcpu)
{
	const struct sv_fast_sysreg_table *t;
	const struct sv_fast_sysreg *e;
	sv_u64 esr = vcpu->exit.esr, rt = SV_ESR_SYS64_RT(esr), ops;
	int read = !!(esr & SV_ESR_SYS64_READ);

	/* A guest's IPI (ICC_SGI1R_EL1 write; XZR writes 0): hyp/fast-sgi.c. */
	if (SV_ESR_SYS64_ENC(esr) == SV_ENC_ICC_SGI1R && !read)
		return __sv_fast_sgi_send(vcpu, rt < NR_GPRS ?
					  vcpu->ctxt.regs.x[sv_index_nospec(rt, NR_GPRS)] : 0);
	t = (const struct sv_fast_sysreg_table *)SV_READ_ONCE(vcpu->cfg.fast_sysreg);
	if (!(vcpu->cfg.fastpath & SV_FAST_SYSREG) || !t)
		return 0;
	e = __sv_fast_find(t->reg, sizeof(*e), __sv_fast_count(&t->nr, SV_FAST_SYSREGS),
			   SV_ESR_SYS64_ENC(esr));
	if (!e)
		return 0;
	ops = SV_READ_ONCE(e->ops);
	if (!(ops & (read ? SV_FAST_SR_READ : SV_FAST_SR_WRITE)))
		return 0;
	/* host/emulate.h sv_reg_write(): a read into XZR is dropped. */
	if (read && rt < NR_GPRS)
		vcpu->ctxt.regs.x[sv_index_nospec(rt, NR_GPRS)] = SV_READ_ONCE(e->val);
	__sv_skip_instr(vcpu);
	vcpu->fast.sysreg++;
	return 1;
}
