// SPDX-License-Identifier: GPL-2.0
/*
 * The host tier of exit handling: one handler per exception class, with
 * upstream's convention (>0 re-enter the guest, 0 exit to userspace with
 * kvm_run filled, <0 error to userspace).  What EL2 can finish itself
 * never gets here (hyp/switch.c, __sv_fast_handlers).
 */
#include <linux/sched.h>
#include <asm/arch_timer.h>

#include "splitvisor.h"
#include "arm_regs.h"
#include "emulate.h"
#include "sv_hyp_abi.h"
#include "sysreg_table.h"
#include "vm.h"

typedef int (*sv_exit_fn)(struct sv_vcpu *vcpu);

static int sv_exit_undef(struct sv_vcpu *vcpu)
{
	vcpu->stats.undef_injected++;
	sv_inject_undef(sv_ctxt(vcpu));
	return 1;
}

/* Why a vCPU blocked in WFI must go back to the run loop (the lock-free tests first). */
static bool sv_wfi_wake(struct sv_vcpu *vcpu)
{
	return sv_timer_should_fire(vcpu) || READ_ONCE(vcpu->power_off) ||
	       READ_ONCE(vcpu->reset_pending) || sv_vgic_vcpu_pending(vcpu);
}

/*
 * WFI sleeps until an interrupt the guest would take is pending, or one
 * of its timers fires (an hrtimer covers the earliest deadline).  A
 * signal ends the wait; the run loop sees it and exits to userspace.
 * How long it slept decides whether the next WFIs trap at all.
 */
static void sv_wfi_block(struct sv_vcpu *vcpu)
{
	u64 start = 0;

	if (sv_wfi_wake(vcpu))
		return;
	sv_timer_block_start(vcpu);
	if (vcpu->wfi_native_max)
		start = __arch_counter_get_cntpct();
	wait_event_interruptible(vcpu->wq, sv_wfi_wake(vcpu));
	if (start) {
		/* Short: the next WFIs may run in the guest (sv_vcpu_wfi_mode). */
		vcpu->wfi_native = __arch_counter_get_cntpct() - start <= vcpu->wfi_native_max;
		vcpu->wfi_native_until = jiffies + 2;
	}
	sv_timer_block_end(vcpu);
}

/*
 * WFE only yields (no event to wait for).  Without an in-kernel vGIC a
 * WFI could wait for nothing we deliver either: it yields the same way.
 */
static int sv_exit_wfx(struct sv_vcpu *vcpu)
{
	sv_instr_skip(sv_ctxt(vcpu), vcpu->hyp->exit.esr);
	if (vcpu->hyp->exit.esr & SV_ESR_WFX_WFE) {
		vcpu->stats.wfe_exit_stat++;
		cond_resched();
		return 1;
	}
	vcpu->stats.wfi_exit_stat++;
	if (sv_vgic_present(vcpu->vm))
		sv_wfi_block(vcpu);
	else
		schedule();
	return 1;
}

static int sv_exit_hvc(struct sv_vcpu *vcpu)
{
	vcpu->stats.hvc_exit_stat++;
	return sv_handle_hvc(vcpu);
}

/*
 * SMC traps with the preferred return on the SMC itself (Arm ARM D1.15.2).
 * There is no secure firmware behind the guest: as upstream 6.1 does,
 * answer SMCCC_RET_NOT_SUPPORTED and skip it (PSCI's conduit is HVC).
 */
static int sv_exit_smc(struct sv_vcpu *vcpu)
{
	vcpu->stats.smc_exits++;
	sv_ctxt(vcpu)->regs.x[0] = ~0ULL;
	sv_instr_skip(sv_ctxt(vcpu), vcpu->hyp->exit.esr);
	return 1;
}

static int sv_exit_sysreg(struct sv_vcpu *vcpu)
{
	vcpu->stats.sysreg_exits++;
	return sv_handle_sysreg(vcpu, sv_ctxt(vcpu), vcpu->hyp->exit.esr);
}

static const sv_exit_fn sv_exit_handlers[64] = {
	[SV_EC_WFX]		= sv_exit_wfx,
	[SV_EC_HVC64]		= sv_exit_hvc,
	[SV_EC_SMC64]		= sv_exit_smc,
	[SV_EC_SYS64]		= sv_exit_sysreg,
	[SV_EC_IABT_LOW]	= sv_handle_guest_abort,
	[SV_EC_DABT_LOW]	= sv_handle_guest_abort,
	/* Only with KVM_SET_GUEST_DEBUG (MDCR_EL2.TDE) do these reach EL2. */
	[SV_EC_BREAKPT_LOW]	= sv_exit_debug,
	[SV_EC_SOFTSTP_LOW]	= sv_exit_debug,
	[SV_EC_WATCHPT_LOW]	= sv_exit_debug,
	[SV_EC_BRK64]		= sv_exit_debug,
};

int sv_handle_exit(struct sv_vcpu *vcpu, long code)
{
	sv_exit_fn fn;
	u64 esr;

	if (code & SV_EXIT_SERROR_PENDING) {
		/* The guest's, taken at EL2 as it exited (hyp/entry.S); then its exit. */
		pr_warn_ratelimited(SV_NAME ": SError from a guest, pending at its exit\n");
		code &= ~(long)SV_EXIT_SERROR_PENDING;
	}
	switch (code) {
	case SV_EXIT_IRQ:
	case SV_EXIT_FIQ:
		/* The host takes the interrupt when we re-enable IRQs. */
		vcpu->stats.irq_exits++;
		return 1;
	case SV_EXIT_SERROR:
		/* Asynchronous and not ours to fix: report it, keep going. */
		pr_warn_ratelimited(SV_NAME ": SError exit from a guest\n");
		return 1;
	case SV_EXIT_SYNC:
		/* EL2 completed an SGI write; targets that left the guest need waking. */
		if (unlikely(READ_ONCE(vcpu->hyp->sgi.nr_wake)) && sv_vgic_sgi_exit(vcpu))
			return 1;
		break;
	default:
		return -EIO;
	}
	esr = vcpu->hyp->exit.esr;
	if (!sv_instr_cond_passed(sv_ctxt(vcpu)->pstate, esr)) {
		/* An AArch32 instruction whose condition failed: it did nothing. */
		sv_instr_skip(sv_ctxt(vcpu), esr);
		return 1;
	}
	fn = sv_exit_handlers[SV_ESR_EC(esr)];
	/*
	 * Every handler but WFx's may write the saved EL1 registers (an
	 * injected exception, an emulated register, a PSCI reset): in VHE
	 * the next entry then loads them again (hyp/switch.c).
	 */
	if (SV_ESR_EC(esr) != SV_EC_WFX)
		sv_vcpu_el1_changed(vcpu);
	return fn ? fn(vcpu) : sv_exit_undef(vcpu);
}
