// SPDX-License-Identifier: GPL-2.0
/*
 * EL1/EL0 system register save and restore, for the host and the guest
 * alike: whoever runs at EL1 owns these registers.  Pairs: every register
 * __sv_sysreg_save() reads, __sv_sysreg_restore() writes.
 */
#include "sv_hyp_sysreg.h"
#include "sv_hyp_vcpu.h"
#include "sv_hyp.h"

void __sv_sysreg_save(struct sv_cpu_ctxt *c)
{
	sv_u64 *s = c->sys;

	s[SV_SCTLR_EL1] = sv_read_sysreg(sctlr_el1);
	s[SV_ACTLR_EL1] = sv_read_sysreg(actlr_el1);
	s[SV_CPACR_EL1] = sv_read_sysreg(cpacr_el1);
	s[SV_TTBR0_EL1] = sv_read_sysreg(ttbr0_el1);
	s[SV_TTBR1_EL1] = sv_read_sysreg(ttbr1_el1);
	s[SV_TCR_EL1] = sv_read_sysreg(tcr_el1);
	s[SV_ESR_EL1] = sv_read_sysreg(esr_el1);
	s[SV_AFSR0_EL1] = sv_read_sysreg(afsr0_el1);
	s[SV_AFSR1_EL1] = sv_read_sysreg(afsr1_el1);
	s[SV_FAR_EL1] = sv_read_sysreg(far_el1);
	s[SV_MAIR_EL1] = sv_read_sysreg(mair_el1);
	s[SV_VBAR_EL1] = sv_read_sysreg(vbar_el1);
	s[SV_CONTEXTIDR_EL1] = sv_read_sysreg(contextidr_el1);
	s[SV_AMAIR_EL1] = sv_read_sysreg(amair_el1);
	s[SV_CNTKCTL_EL1] = sv_read_sysreg(cntkctl_el1);
	s[SV_PAR_EL1] = sv_read_sysreg(par_el1);
	s[SV_MDSCR_EL1] = sv_read_sysreg(mdscr_el1);
	s[SV_CSSELR_EL1] = sv_read_sysreg(csselr_el1);
	s[SV_TPIDR_EL0] = sv_read_sysreg(tpidr_el0);
	s[SV_TPIDRRO_EL0] = sv_read_sysreg(tpidrro_el0);
	s[SV_TPIDR_EL1] = sv_read_sysreg(tpidr_el1);
	s[SV_SP_EL0] = sv_read_sysreg(sp_el0);
	s[SV_SP_EL1] = sv_read_sysreg(sp_el1);
	s[SV_ELR_EL1] = sv_read_sysreg(elr_el1);
	s[SV_SPSR_EL1] = sv_read_sysreg(spsr_el1);
}

void __sv_sysreg_restore(const struct sv_cpu_ctxt *c)
{
	const sv_u64 *s = c->sys;

	/* MPIDR/MIDR for the guest come from VMPIDR/VPIDR_EL2 (traps). */
	sv_write_sysreg(s[SV_CSSELR_EL1], csselr_el1);
	sv_write_sysreg(s[SV_SCTLR_EL1], sctlr_el1);
	sv_write_sysreg(s[SV_ACTLR_EL1], actlr_el1);
	sv_write_sysreg(s[SV_CPACR_EL1], cpacr_el1);
	sv_write_sysreg(s[SV_TTBR0_EL1], ttbr0_el1);
	sv_write_sysreg(s[SV_TTBR1_EL1], ttbr1_el1);
	sv_write_sysreg(s[SV_TCR_EL1], tcr_el1);
	sv_write_sysreg(s[SV_ESR_EL1], esr_el1);
	sv_write_sysreg(s[SV_AFSR0_EL1], afsr0_el1);
	sv_write_sysreg(s[SV_AFSR1_EL1], afsr1_el1);
	sv_write_sysreg(s[SV_FAR_EL1], far_el1);
	sv_write_sysreg(s[SV_MAIR_EL1], mair_el1);
	sv_write_sysreg(s[SV_VBAR_EL1], vbar_el1);
	sv_write_sysreg(s[SV_CONTEXTIDR_EL1], contextidr_el1);
	sv_write_sysreg(s[SV_AMAIR_EL1], amair_el1);
	sv_write_sysreg(s[SV_CNTKCTL_EL1], cntkctl_el1);
	sv_write_sysreg(s[SV_PAR_EL1], par_el1);
	sv_write_sysreg(s[SV_MDSCR_EL1], mdscr_el1);
	sv_write_sysreg(s[SV_TPIDR_EL0], tpidr_el0);
	sv_write_sysreg(s[SV_TPIDRRO_EL0], tpidrro_el0);
	sv_write_sysreg(s[SV_TPIDR_EL1], tpidr_el1);
	sv_write_sysreg(s[SV_SP_EL0], sp_el0);
	sv_write_sysreg(s[SV_SP_EL1], sp_el1);
	sv_write_sysreg(s[SV_ELR_EL1], elr_el1);
	sv_write_sysreg(s[SV_SPSR_EL1], spsr_el1);
}
