// SPDX-License-Identifier: GPL-2.0
/*
 * EL1/EL0 system register save and restore.  Each list below names a
 * register once (its slot in struct sv_cpu_ctxt.sys and how EL2 reaches
 * it); the save and restore of a group are generated from the same list.
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

#define SV_SYSREGS_EL1(X)						\
	X(SV_SCTLR_EL1, SV_GUEST_SCTLR_EL1)				\
	X(SV_CPACR_EL1, SV_GUEST_CPACR_EL1)				\
	X(SV_TTBR0_EL1, SV_GUEST_TTBR0_EL1)				\
	X(SV_TTBR1_EL1, SV_GUEST_TTBR1_EL1)				\
	X(SV_TCR_EL1, SV_GUEST_TCR_EL1)					\
	X(SV_ESR_EL1, SV_GUEST_ESR_EL1)					\
	X(SV_AFSR0_EL1, SV_GUEST_AFSR0_EL1)				\
	X(SV_AFSR1_EL1, SV_GUEST_AFSR1_EL1)				\
	X(SV_FAR_EL1, SV_GUEST_FAR_EL1)					\
	X(SV_MAIR_EL1, SV_GUEST_MAIR_EL1)				\
	X(SV_VBAR_EL1, SV_GUEST_VBAR_EL1)				\
	X(SV_CONTEXTIDR_EL1, SV_GUEST_CONTEXTIDR_EL1)			\
	X(SV_AMAIR_EL1, SV_GUEST_AMAIR_EL1)				\
	X(SV_CNTKCTL_EL1, SV_GUEST_CNTKCTL_EL1)				\
	X(SV_ELR_EL1, SV_GUEST_ELR_EL1)					\
	X(SV_SPSR_EL1, SV_GUEST_SPSR_EL1)

/* MPIDR/MIDR for the guest come from VMPIDR/VPIDR_EL2 (traps). */
#define SV_SYSREGS_SHARED(X)						\
	X(SV_CSSELR_EL1, csselr_el1)					\
	X(SV_ACTLR_EL1, actlr_el1)					\
	X(SV_PAR_EL1, par_el1)						\
	X(SV_MDSCR_EL1, mdscr_el1)					\
	X(SV_TPIDR_EL0, tpidr_el0)					\
	X(SV_TPIDRRO_EL0, tpidrro_el0)					\
	X(SV_TPIDR_EL1, tpidr_el1)					\
	X(SV_SP_EL0, sp_el0)						\
	X(SV_SP_EL1, sp_el1)

#define SV_SAVE(idx, reg)	s[idx] = sv_read_sysreg(reg);
#define SV_RESTORE(idx, reg)	sv_write_sysreg(s[idx], reg);

void __sv_sysreg_save_el1(struct sv_cpu_ctxt *c)
{
	sv_u64 *s = c->sys;

	SV_SYSREGS_EL1(SV_SAVE)
}

void __sv_sysreg_save_shared(struct sv_cpu_ctxt *c)
{
	sv_u64 *s = c->sys;

	SV_SYSREGS_SHARED(SV_SAVE)
}

void __sv_sysreg_restore_el1(const struct sv_cpu_ctxt *c)
{
	const sv_u64 *s = c->sys;

	SV_SYSREGS_EL1(SV_RESTORE)
}

void __sv_sysreg_restore_shared(const struct sv_cpu_ctxt *c)
{
	const sv_u64 *s = c->sys;

	SV_SYSREGS_SHARED(SV_RESTORE)
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
