/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's side of the round trip, step by step (the instrumentation
 * build, make SV_PROFILE=1 -> -DSV_HYP_PROFILE, as EL2's marks in
 * hyp/include/sv_hyp_prof.h).  Marks in host/vcpu.c's run loop read
 * PMCCNTR_EL0 at EL1 -- the clock EL2's marks read -- and add each step's
 * count to this CPU's sums in host/prof.c; debugfs splitvisor/profile
 * shows them after EL2's, and the same write zeroes both.  A step is the
 * time between two marks on the same CPU: whatever the machine executed
 * meanwhile (an interrupt, another task if we were preempted) is in it.
 * In a normal build the marks compile to nothing.
 */
#ifndef SV_HOST_PROF_H
#define SV_HOST_PROF_H

#include <linux/types.h>

struct sv_vcpu;
struct dentry;

/* In the order the run loop takes them after the hvc returns. */
enum sv_hprof_step {
	SV_HPROF_VGIC_SYNC,	/* sv_vcpu_put: last_cpu, sv_vgic_sync */
	SV_HPROF_IRQ_ON_FP,	/* local_irq_enable (pending IRQs run here), kernel_neon_end */
	SV_HPROF_TIMER_SYNC,	/* sv_timer_sync */
	SV_HPROF_EXIT,		/* back to the loop, exit stats, sv_handle_exit */
	SV_HPROF_LOOP,		/* signal, cond_resched, power-off checks */
	SV_HPROF_PREPARE,	/* reset if pending, PV time, debug registers */
	SV_HPROF_FP_IRQ_OFF,	/* VMID generation check, kernel_neon_begin, IRQs off */
	SV_HPROF_VMID_TLB,	/* VMID recheck, VTTBR, local TLB owner, last_cpu */
	SV_HPROF_TIMER_FLUSH,	/* sv_timer_flush */
	SV_HPROF_VGIC_FLUSH,	/* sv_vgic_flush */
	SV_HPROF_HYP_CALL,	/* sv_hyp_call: the hvc, EL2 (its own sum taken out) */
	SV_HPROF_MARK,		/* an empty step, IRQs off: what one mark costs */
	SV_HPROF_NR
};

#ifdef SV_HYP_PROFILE
/* Per vCPU: the last mark of its run loop (struct sv_vcpu.prof). */
struct sv_hprof_vcpu {
	u64 last;		/* counter at the last mark */
	int cpu;		/* where it was read; -1: start a new chain */
};

void sv_hprof_mark(struct sv_vcpu *vcpu, enum sv_hprof_step s);
/* KVM_RUN starts a chain: the time since its last exit is not a step. */
#define sv_hprof_begin(vcpu)	((vcpu)->prof.cpu = -1)
void sv_prof_debugfs_init(struct dentry *dir);
#else
#define sv_hprof_mark(vcpu, s)	((void)(vcpu))
#define sv_hprof_begin(vcpu)	((void)(vcpu))
#endif

#endif /* SV_HOST_PROF_H */
