// SPDX-License-Identifier: GPL-2.0
/*
 * EL1/EL0 system register save and restore.  Pairs: every register a
 * save function reads, its restore function writes.
 *
 * Two groups (sv_hyp_mode.h): the EL1 registers that have an _EL12 alias
 * under VHE (the guest's live there; in split mode whoever runs at EL1
 * owns them), and the registers EL2 shares with EL1 in both modes.
 * Split mode switches both groups for the host and the guest; VHE mode
 * switches both for the guest and only the shared group for the kernel,
 * which never uses the EL1 copies of the others.
 */
#include "sv_hyp_sysreg.h"
#include "sv_hyp_mode.h"
#include "sv_hyp_vcpu.h"
#include "sv_hyp.h"

void __sv_sysreg_save_el1(struct sv_cpu_ctxt *c)
{
	sv_u64 *s = c->sys;

	s[SV_SCTLR_EL1] = sv_read_sysreg(SV_GUEST_SCTLR_EL1);
	s[SV_CPACR_EL1] = sv_read_sysreg(SV_GUEST_CPACR_EL1);
	s[SV_TTBR0_EL1] = sv_read_sysreg(SV_GUEST_TTBR0_EL1);
	s[SV_TTBR1_EL1] = sv_read_sysreg(SV_GUEST_TTBR1_EL1);
	s[SV_TCR_EL1] = sv_read_sysreg(SV_GUEST_TCR_EL1);
	s[SV_ESR_EL1] = sv_read_sysreg(SV_GUEST_ESR_EL1);
	s[SV_AFSR0_EL1] = sv_read_sysreg(SV_GUEST_AFSR0_EL1);
	s[SV_AFSR1_EL1] = sv_read_sysreg(SV_GUEST_AFSR1_EL1);
	s[SV_FAR_EL1] = sv_read_sysreg(SV_GUEST_FAR_EL1);
	s[SV_MAIR_EL1] = sv_read_sysreg(SV_GUEST_MAIR_EL1);
	s[SV_VBAR_EL1] = sv_read_sysreg(SV_GUEST_VBAR_EL1);
	s[SV_CONTEXTIDR_EL1] = sv_read_sysreg(SV_GUEST_CONTEXTIDR_EL1);
	s[SV_AMAIR_EL1] = sv_read_sysreg(SV_GUEST_AMAIR_EL1);
	s[SV_CNTKCTL_EL1] = sv_read_sysreg(SV_GUEST_CNTKCTL_EL1);
	s[SV_ELR_EL1] = sv_read_sysreg(SV_GUEST_ELR_EL1);
	s[SV_SPSR_EL1] = sv_read_sysreg(SV_GUEST_SPSR_EL1);
}

void __sv_sysreg_save_shared(struct sv_cpu_ctxt *c)
{
	sv_u64 *s = c->sys;

	s[SV_ACTLR_EL1] = sv_read_sysreg(actlr_el1);
	s[SV_PAR_EL1] = sv_read_sysreg(par_el1);
	s[SV_MDSCR_EL1] = sv_read_sysreg(mdscr_el1);
	s[SV_CSSELR_EL1] = sv_read_sysreg(csselr_el1);
	s[SV_TPIDR_EL0] = sv_read_sysreg(tpidr_el0);
	s[SV_TPIDRRO_EL0] = sv_read_sysreg(tpidrro_el0);
	s[SV_TPIDR_EL1] = sv_read_sysreg(tpidr_el1);
	s[SV_SP_EL0] = sv_read_sysreg(sp_el0);
	s[SV_SP_EL1] = sv_read_sysreg(sp_el1);
}

void __sv_sysreg_restore_el1(const struct sv_cpu_ctxt *c)
{
	const sv_u64 *s = c->sys;

	sv_write_sysreg(s[SV_SCTLR_EL1], SV_GUEST_SCTLR_EL1);
	sv_write_sysreg(s[SV_CPACR_EL1], SV_GUEST_CPACR_EL1);
	sv_write_sysreg(s[SV_TTBR0_EL1], SV_GUEST_TTBR0_EL1);
	sv_write_sysreg(s[SV_TTBR1_EL1], SV_GUEST_TTBR1_EL1);
	sv_write_sysreg(s[SV_TCR_EL1], SV_GUEST_TCR_EL1);
	sv_write_sysreg(s[SV_ESR_EL1], SV_GUEST_ESR_EL1);
	sv_write_sysreg(s[SV_AFSR0_EL1], SV_GUEST_AFSR0_EL1);
	sv_write_sysreg(s[SV_AFSR1_EL1], SV_GUEST_AFSR1_EL1);
	sv_write_sysreg(s[SV_FAR_EL1], SV_GUEST_FAR_EL1);
	sv_write_sysreg(s[SV_MAIR_EL1], SV_GUEST_MAIR_EL1);
	sv_write_sysreg(s[SV_VBAR_EL1], SV_GUEST_VBAR_EL1);
	sv_write_sysreg(s[SV_CONTEXTIDR_EL1], SV_GUEST_CONTEXTIDR_EL1);
	sv_write_sysreg(s[SV_AMAIR_EL1], SV_GUEST_AMAIR_EL1);
	sv_write_sysreg(s[SV_CNTKCTL_EL1], SV_GUEST_CNTKCTL_EL1);
	sv_write_sysreg(s[SV_ELR_EL1], SV_GUEST_ELR_EL1);
	sv_write_sysreg(s[SV_SPSR_EL1], SV_GUEST_SPSR_EL1);
}

void __sv_sysreg_restore_shared(const struct sv_cpu_ctxt *c)
{
	const sv_u64 *s = c->sys;

	/* MPIDR/MIDR for the guest come from VMPIDR/VPIDR_EL2 (traps). */
	sv_write_sysreg(s[SV_CSSELR_EL1], csselr_el1);
	sv_write_sysreg(s[SV_ACTLR_EL1], actlr_el1);
	sv_write_sysreg(s[SV_PAR_EL1], par_el1);
	sv_write_sysreg(s[SV_MDSCR_EL1], mdscr_el1);
	sv_write_sysreg(s[SV_TPIDR_EL0], tpidr_el0);
	sv_write_sysreg(s[SV_TPIDRRO_EL0], tpidrro_el0);
	sv_write_sysreg(s[SV_TPIDR_EL1], tpidr_el1);
	sv_write_sysreg(s[SV_SP_EL0], sp_el0);
	sv_write_sysreg(s[SV_SP_EL1], sp_el1);
}

/* Both groups: the guest's in either mode, the host's in split mode. */
void __sv_sysreg_save(struct sv_cpu_ctxt *c)
{
	__sv_sysreg_save_el1(c);
	__sv_sysreg_save_shared(c);
}

void __sv_sysreg_restore(const struct sv_cpu_ctxt *c)
{
	__sv_sysreg_restore_shared(c);
	__sv_sysreg_restore_el1(c);
}
