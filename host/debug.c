// SPDX-License-Identifier: GPL-2.0
/*
 * Debug for guests.
 *
 * The guest's own debugging: its debug register accesses always trap
 * (MDCR_EL2.TDA) into the shadow copies (host/sysregs.c); before an entry
 * the shadow breakpoints/watchpoints are handed to EL2 to load into the
 * hardware when the guest has enabled them (MDSCR_EL1.MDE/KDE) and the
 * OS lock is clear, and the MDSCR_EL1 the hardware runs with is the
 * guest's minus whatever the OS lock blocks.
 *
 * Userspace's debugging (KVM_SET_GUEST_DEBUG): debug exceptions are routed
 * to EL2 (MDCR_EL2.TDE) and come out as KVM_EXIT_DEBUG; hardware
 * breakpoints/watchpoints come from the ioctl's arch registers instead of
 * the guest's.  Single-step is MDSCR_EL1.SS with PSTATE.SS as the state
 * machine (Arm ARM D2.12): SS=1 is active-not-pending (run one
 * instruction), SS=0 active-pending (step exception before the next).
 * PSTATE.SS is kept between exits as the hardware left it, and an
 * instruction the host emulates clears it (sv_instr_skip), so the step
 * after an emulated instruction or an HVC is taken right away; a step
 * exception, once reported, re-arms it.
 */
#include <linux/kvm.h>
#include <asm/sysreg.h>

#include "splitvisor.h"
#include "arm_regs.h"
#include "sysregs.h"
#include "vm.h"

#define SV_MDSCR_SS		(1ULL << 0)
#define SV_MDSCR_KDE		(1ULL << 13)
#define SV_MDSCR_MDE		(1ULL << 15)
#define SV_MDCR_TDE		(1ULL << 8)
#define SV_OSLSR_OSLK		(1ULL << 1)

#define SV_GUESTDBG_VALID	(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP | \
				 KVM_GUESTDBG_USE_SW_BP | KVM_GUESTDBG_USE_HW)

void sv_debug_vcpu_init(struct sv_vcpu *vcpu)
{
	u64 dfr0 = read_sanitised_ftr_reg(SYS_ID_AA64DFR0_EL1);

	vcpu->hyp->cfg.nr_brps = ((dfr0 >> 12) & 0xf) + 1;
	vcpu->hyp->cfg.nr_wrps = ((dfr0 >> 20) & 0xf) + 1;
}

unsigned int sv_debug_nr_brps(void)
{
	return ((read_sanitised_ftr_reg(SYS_ID_AA64DFR0_EL1) >> 12) & 0xf) + 1;
}

unsigned int sv_debug_nr_wrps(void)
{
	return ((read_sanitised_ftr_reg(SYS_ID_AA64DFR0_EL1) >> 20) & 0xf) + 1;
}

static void sv_debug_copy_shadow(struct sv_vcpu *vcpu, struct sv_debug_regs *d)
{
	unsigned int i;

	for (i = 0; i < 16; i++) {
		d->bvr[i] = vcpu->shadow[SV_SH_DBGBVR0 + i];
		d->bcr[i] = vcpu->shadow[SV_SH_DBGBCR0 + i];
		d->wvr[i] = vcpu->shadow[SV_SH_DBGWVR0 + i];
		d->wcr[i] = vcpu->shadow[SV_SH_DBGWCR0 + i];
	}
}

/* Before each entry: what the hardware debug state is for this run. */
void sv_debug_prepare(struct sv_vcpu *vcpu)
{
	struct sv_vcpu_cfg *cfg = &vcpu->hyp->cfg;
	struct sv_cpu_ctxt *c = sv_ctxt(vcpu);
	u64 mdscr = vcpu->shadow[SV_SH_MDSCR];
	u32 dbg = vcpu->guest_debug;

	cfg->flags &= ~SV_VCPU_DEBUG_LOAD;
	cfg->mdcr &= ~SV_MDCR_TDE;
	if (vcpu->shadow[SV_SH_OSLSR] & SV_OSLSR_OSLK)
		mdscr &= ~(SV_MDSCR_MDE | SV_MDSCR_KDE | SV_MDSCR_SS);

	if (dbg & KVM_GUESTDBG_ENABLE) {
		cfg->mdcr |= SV_MDCR_TDE;
		if (dbg & KVM_GUESTDBG_SINGLESTEP)
			mdscr |= SV_MDSCR_SS | SV_MDSCR_KDE;
		if (dbg & KVM_GUESTDBG_USE_HW) {
			vcpu->hyp->dbg = vcpu->guest_debug_regs;
			cfg->flags |= SV_VCPU_DEBUG_LOAD;
			mdscr |= SV_MDSCR_MDE | SV_MDSCR_KDE;
		}
	}
	if (!(cfg->flags & SV_VCPU_DEBUG_LOAD) && (mdscr & (SV_MDSCR_MDE | SV_MDSCR_KDE))) {
		sv_debug_copy_shadow(vcpu, &vcpu->hyp->dbg);
		cfg->flags |= SV_VCPU_DEBUG_LOAD;
	}
	c->sys[SV_MDSCR_EL1] = mdscr;
}

int sv_set_guest_debug(struct sv_vcpu *vcpu, const struct kvm_guest_debug *dbg)
{
	if (dbg->control & ~SV_GUESTDBG_VALID)
		return -EINVAL;
	if (!(dbg->control & KVM_GUESTDBG_ENABLE)) {
		vcpu->guest_debug = 0;
		sv_ctxt(vcpu)->pstate &= ~SV_PSR_SS;
		return 0;
	}
	vcpu->guest_debug = dbg->control;
	if (dbg->control & KVM_GUESTDBG_SINGLESTEP)
		sv_ctxt(vcpu)->pstate |= SV_PSR_SS;	/* active-not-pending */
	else
		sv_ctxt(vcpu)->pstate &= ~SV_PSR_SS;
	if (dbg->control & KVM_GUESTDBG_USE_HW) {
		memcpy(vcpu->guest_debug_regs.bcr, dbg->arch.dbg_bcr, sizeof(dbg->arch.dbg_bcr));
		memcpy(vcpu->guest_debug_regs.bvr, dbg->arch.dbg_bvr, sizeof(dbg->arch.dbg_bvr));
		memcpy(vcpu->guest_debug_regs.wcr, dbg->arch.dbg_wcr, sizeof(dbg->arch.dbg_wcr));
		memcpy(vcpu->guest_debug_regs.wvr, dbg->arch.dbg_wvr, sizeof(dbg->arch.dbg_wvr));
	}
	return 0;
}

/* A debug exception routed to EL2 by TDE: it is userspace's. */
int sv_exit_debug(struct sv_vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;
	u64 esr = vcpu->hyp->exit.esr;

	run->exit_reason = KVM_EXIT_DEBUG;
	run->debug.arch.hsr = lower_32_bits(esr);
	run->debug.arch.hsr_high = upper_32_bits(esr);
	run->flags = KVM_DEBUG_ARCH_HSR_HIGH_VALID;
	if (((esr >> 26) & 0x3f) == SV_EC_WATCHPT_LOW)
		run->debug.arch.far = vcpu->hyp->exit.far;
	/* The step was taken: the next entry runs one instruction again. */
	if (((esr >> 26) & 0x3f) == SV_EC_SOFTSTP_LOW)
		sv_ctxt(vcpu)->pstate |= SV_PSR_SS;
	return 0;
}
