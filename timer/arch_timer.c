// SPDX-License-Identifier: GPL-2.0
/*
 * The architected timers of a vCPU, host side.
 *
 * Virtual timer: runs in hardware while the guest does (hyp/switch.c
 * switches CNTV_CTL/CVAL, CNTVOFF is the VM's).  Its PPI is "HW-mapped":
 * the vGIC's copy carries LR.HW with the physical INTID, so the guest's
 * deactivation of the virtual interrupt deactivates the physical one.
 * Before each entry we make the physical PPI active on this CPU whenever
 * the guest has not yet dealt with the virtual one, so the hardware line
 * cannot fire again into the host in the meantime.
 *
 * Physical timer: emulated.  CNTHCTL_EL2.EL1PCEN = 0 makes CNTP_* trap;
 * an hrtimer raises the interrupt when it expires while the guest runs.
 * 6.1 has no CNTPOFF: the guest's physical counter is the raw counter.
 *
 * Levels reach the vGIC through sv_vgic_inject() when they change
 * (timer/ calls vgic/sv_vgic.h and never takes the vGIC's lock; the vGIC
 * calls back only the level callback the vtimer's mapping registered).
 */
#include <linux/atomic.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/kvm.h>
#include <linux/percpu.h>
#include <linux/uaccess.h>
#include <asm/arch_timer.h>

#include "timer_calc.h"
#include "timer_priv.h"
#include "sv_core.h"
#include "sv_vgic.h"

#define SV_TIMER_MAX_NS	(KTIME_MAX / 2)	/* far enough: never overflows ktime */

/* ---- counters and conditions --------------------------------------------- */

static u64 sv_timer_phys_now(void)
{
	return __arch_counter_get_cntpct();
}

/* The guest's virtual counter: physical minus the VM's CNTVOFF. */
static u64 sv_timer_virt_now(struct sv_vcpu *vcpu)
{
	return __arch_counter_get_cntpct() - READ_ONCE(vcpu->hyp->cfg.cntvoff);
}

/*
 * The vtimer registers are the saved copies: valid whenever the guest
 * is not running, which is whenever the host looks at them.
 */
static bool sv_timer_vtimer_fires(struct sv_vcpu *vcpu)
{
	/* A disarmed timer (the common case between uses) needs no counter read. */
	if (!sv_timer_armed(READ_ONCE(vcpu->hyp->cntv_ctl)))
		return false;
	return sv_timer_cond(READ_ONCE(vcpu->hyp->cntv_ctl),
			     READ_ONCE(vcpu->hyp->cntv_cval), sv_timer_virt_now(vcpu));
}

static bool sv_timer_ptimer_fires(struct sv_timer_cpu *t)
{
	if (!sv_timer_armed(READ_ONCE(t->cntp_ctl)))
		return false;
	return sv_timer_cond(READ_ONCE(t->cntp_ctl), READ_ONCE(t->cntp_cval),
			     sv_timer_phys_now());
}

bool sv_timer_should_fire(struct sv_vcpu *vcpu)
{
	return sv_timer_vtimer_fires(vcpu) || sv_timer_ptimer_fires(&vcpu->timer);
}

/* Counter ticks until cval (0 if reached), in ns for an hrtimer. */
static u64 sv_timer_ns_until(u64 cval, u64 now)
{
	if (now >= cval)
		return 0;
	return sv_timer_ticks_to_ns(cval - now, arch_timer_get_cntfrq(), SV_TIMER_MAX_NS);
}

/* ns until the earliest armed timer fires; SV_TIMER_MAX_NS if none is armed. */
static u64 sv_timer_earliest_ns(struct sv_vcpu *vcpu)
{
	struct sv_timer_cpu *t = &vcpu->timer;
	u64 ns = SV_TIMER_MAX_NS;

	if (sv_timer_armed(READ_ONCE(vcpu->hyp->cntv_ctl)))
		ns = min(ns, sv_timer_ns_until(READ_ONCE(vcpu->hyp->cntv_cval),
					       sv_timer_virt_now(vcpu)));
	if (sv_timer_armed(READ_ONCE(t->cntp_ctl)))
		ns = min(ns, sv_timer_ns_until(READ_ONCE(t->cntp_cval), sv_timer_phys_now()));
	return ns;
}

static void sv_timer_hrtimer_start(struct hrtimer *h, u64 ns)
{
	hrtimer_start(h, ktime_add_ns(ktime_get(), ns), HRTIMER_MODE_ABS_HARD);
}

/* ---- levels towards the vGIC ---------------------------------------------- */

/*
 * Tell the vGIC a new level.  *cached is the last level it accepted; for
 * a level-triggered line the vGIC's own line_level is compared too, in
 * case it resampled a HW-mapped line on the guest's deactivation.
 */
static void sv_timer_set_level(struct sv_vcpu *vcpu, u32 intid, bool *cached, bool level)
{
	u32 gen = sv_vgic_line_gen(&vcpu->vm->vgic);

	/* The vGIC's line can differ from *cached only after a LEVEL_INFO write. */
	if (READ_ONCE(*cached) == level &&
	    (gen == vcpu->timer.line_gen || sv_vgic_line_matches(vcpu, intid, level))) {
		vcpu->timer.line_gen = gen;
		return;
	}
	/* Not accepted (vGIC not ready yet): try again at the next sync. */
	if (!sv_vgic_inject(vcpu->vm, vcpu, intid, level))
		WRITE_ONCE(*cached, level);
}

static void sv_timer_update_vtimer(struct sv_vcpu *vcpu)
{
	sv_timer_set_level(vcpu, READ_ONCE(vcpu->timer.vtimer_intid),
			   &vcpu->timer.vtimer_level, sv_timer_vtimer_fires(vcpu));
}

/* ---- the emulated physical timer ---------------------------------------- */

/* Hard IRQ: the emulated timer expired, possibly while the guest runs. */
static enum hrtimer_restart sv_timer_ptimer_expired(struct hrtimer *h)
{
	struct sv_timer_cpu *t = container_of(h, struct sv_timer_cpu, ptimer);
	struct sv_vcpu *vcpu = container_of(t, struct sv_vcpu, timer);
	u64 now = sv_timer_phys_now();
	u64 cval = READ_ONCE(t->cntp_cval);

	if (!sv_timer_armed(READ_ONCE(t->cntp_ctl)))
		return HRTIMER_NORESTART;
	/* CLOCK_MONOTONIC and the counter may drift apart (NTP): re-aim. */
	if (now < cval) {
		hrtimer_set_expires(h, ktime_add_ns(ktime_get(), sv_timer_ns_until(cval, now)));
		return HRTIMER_RESTART;
	}
	/* IRQ-safe, and kicks the vCPU out of the guest. */
	if (!sv_vgic_inject(vcpu->vm, vcpu, READ_ONCE(t->ptimer_intid), true))
		WRITE_ONCE(t->ptimer_level, true);
	return HRTIMER_NORESTART;
}

/*
 * Process context, vCPU mutex held: re-evaluate the ptimer after an exit
 * or a change of its registers, and aim the hrtimer at its next expiry.
 * Cancelling first means the callback never races with what follows.
 */
static void sv_timer_ptimer_update(struct sv_vcpu *vcpu)
{
	struct sv_timer_cpu *t = &vcpu->timer;
	bool level;
	u64 now;

	/*
	 * Disarmed: its hrtimer is not queued (the register write that
	 * disarmed it cancelled it, and the callback does nothing for a
	 * disarmed timer), so only the line may need lowering.
	 */
	if (!sv_timer_armed(t->cntp_ctl)) {
		sv_timer_set_level(vcpu, READ_ONCE(t->ptimer_intid), &t->ptimer_level, false);
		return;
	}
	hrtimer_cancel(&t->ptimer);
	now = sv_timer_phys_now();
	level = sv_timer_cond(t->cntp_ctl, t->cntp_cval, now);
	sv_timer_set_level(vcpu, READ_ONCE(t->ptimer_intid), &t->ptimer_level, level);
	if (!level && sv_timer_armed(t->cntp_ctl))
		sv_timer_hrtimer_start(&t->ptimer, sv_timer_ns_until(t->cntp_cval, now));
}

/* A guest MRS/MSR of CNTP_{CTL,CVAL,TVAL}_EL0 (the rows in timer_sysregs.c). */
void sv_timer_sysreg(struct sv_vcpu *vcpu, u32 enc, u64 *val, bool write)
{
	struct sv_timer_cpu *t = &vcpu->timer;
	u64 now = sv_timer_phys_now();

	if (!write) {
		if (enc == SV_CNTP_CTL)
			*val = sv_timer_ctl_read(t->cntp_ctl, t->cntp_cval, now);
		else if (enc == SV_CNTP_CVAL)
			*val = t->cntp_cval;
		else
			*val = sv_timer_tval_read(t->cntp_cval, now);
		return;
	}
	/* The hrtimer callback reads these: stop it before they change. */
	hrtimer_cancel(&t->ptimer);
	if (enc == SV_CNTP_CTL)
		WRITE_ONCE(t->cntp_ctl, *val & (SV_CNT_CTL_ENABLE | SV_CNT_CTL_IMASK));
	else if (enc == SV_CNTP_CVAL)
		WRITE_ONCE(t->cntp_cval, *val);
	else
		WRITE_ONCE(t->cntp_cval, sv_timer_tval_to_cval(*val, now));
	/* The line follows at once (the guest may be masking it in its handler). */
	if (sv_vgic_present(vcpu->vm))
		sv_timer_ptimer_update(vcpu);
}

/* ---- the physical virtual-timer PPI ------------------------------------- */

/*
 * What each CPU last wrote to its vtimer PPI's active state, under the
 * key (phys_seq) of the vCPU it wrote it for.  Keys come from one
 * counter that starts above 0, so a fresh CPU (seq 0) never matches:
 * its state is unknown until written.
 */
struct sv_timer_phys {
	u64 seq;
	bool active;
};
static DEFINE_PER_CPU(struct sv_timer_phys, sv_timer_phys);
static atomic64_t sv_timer_seq = ATOMIC64_INIT(0);

static u64 sv_timer_new_seq(void)
{
	return atomic64_inc_return(&sv_timer_seq);
}

/* The vGIC samples the mapped line through this (its lock held, IRQs off). */
static bool sv_timer_vtimer_level(struct sv_vcpu *vcpu, u32 intid)
{
	return sv_timer_vtimer_fires(vcpu);
}

/*
 * Map the vtimer's virtual PPI onto the physical one, once: at the first
 * entry with a vGIC (the INTID is fixed from then on, the timer
 * attributes refuse changes after a run, and the vGIC is created only
 * before the first run).
 */
static void sv_timer_map_vtimer(struct sv_vcpu *vcpu)
{
	struct sv_timer_cpu *t = &vcpu->timer;
	u32 intid = READ_ONCE(t->vtimer_intid);

	if (likely(t->mapped_intid == intid))
		return;
	if (!sv_vgic_map_phys_irq(vcpu, intid, sv_gic_host.vtimer_intid,
				  sv_timer_vtimer_level))
		t->mapped_intid = intid;
}

/*
 * IRQs off, on the CPU about to run the guest: the physical PPI is
 * active exactly while the virtual one is pending or active, or the
 * timer condition holds; then the line cannot reach the host before the
 * guest's deactivation (through LR.HW) has released it.
 */
static void sv_timer_phys_load(struct sv_vcpu *vcpu)
{
	struct sv_timer_phys *p = this_cpu_ptr(&sv_timer_phys);
	struct sv_timer_cpu *t = &vcpu->timer;
	bool active;

	sv_timer_map_vtimer(vcpu);
	active = sv_timer_vtimer_fires(vcpu) ||
		 sv_vgic_irq_busy(vcpu, READ_ONCE(t->vtimer_intid));
	if (p->seq != t->phys_seq || p->active != active) {
		/* On failure the state stays unknown: try again next time. */
		if (sv_gic_vtimer_set_active(active))
			p->seq = 0;
		else
			*p = (struct sv_timer_phys){ .seq = t->phys_seq, .active = active };
	}
	t->phys_active = active;
}

/*
 * After a run, the state this vCPU left on its CPU is stale if the guest
 * could deactivate it (we set it active) or the timer may have fired
 * (the host's acknowledge leaves it active if the PPI is forwarded):
 * a new key makes the next load on that CPU write it again.
 */
static void sv_timer_phys_put(struct sv_vcpu *vcpu)
{
	struct sv_timer_cpu *t = &vcpu->timer;

	if (t->phys_active || sv_timer_vtimer_fires(vcpu))
		t->phys_seq = sv_timer_new_seq();
}

/* ---- run loop ------------------------------------------------------------ */

/*
 * Both timers disarmed and both lines low, as last told to a vGIC whose
 * line levels nobody else has set since: there is no level to re-check
 * (the common case of an exit that has nothing to do with the timers).
 */
static bool sv_timer_quiet(struct sv_vcpu *vcpu)
{
	struct sv_timer_cpu *t = &vcpu->timer;

	return !sv_timer_armed(READ_ONCE(vcpu->hyp->cntv_ctl)) &&
	       !sv_timer_armed(READ_ONCE(t->cntp_ctl)) &&
	       !READ_ONCE(t->vtimer_level) && !READ_ONCE(t->ptimer_level) &&
	       t->line_gen == sv_vgic_line_gen(&vcpu->vm->vgic);
}

/* IRQs off, just before entry; must run before sv_vgic_flush(). */
void sv_timer_flush(struct sv_vcpu *vcpu)
{
	struct sv_timer_cpu *t = &vcpu->timer;

	if (!sv_vgic_present(vcpu->vm))
		return;
	/*
	 * A WFI wake-up or a ONE_REG write since the last sync may have
	 * changed the levels: the guest must see them on this entry.
	 */
	if (!sv_timer_quiet(vcpu)) {
		sv_timer_update_vtimer(vcpu);
		sv_timer_set_level(vcpu, READ_ONCE(t->ptimer_intid), &t->ptimer_level,
				   sv_timer_ptimer_fires(t));
	}
	if (sv_gic_host.vtimer_irq)
		sv_timer_phys_load(vcpu);
}

/* After each exit (IRQs on, vCPU mutex held), after sv_vgic_sync(). */
void sv_timer_sync(struct sv_vcpu *vcpu)
{
	if (!sv_vgic_present(vcpu->vm))
		return;
	sv_timer_phys_put(vcpu);
	if (sv_timer_quiet(vcpu))
		return;
	sv_timer_update_vtimer(vcpu);
	sv_timer_ptimer_update(vcpu);
}

/* ---- WFI ---------------------------------------------------------------- */

/* Hard IRQ: the earliest timer of a vCPU blocked in WFI is due. */
static enum hrtimer_restart sv_timer_wake_expired(struct hrtimer *h)
{
	struct sv_timer_cpu *t = container_of(h, struct sv_timer_cpu, wake);
	struct sv_vcpu *vcpu = container_of(t, struct sv_vcpu, timer);
	u64 ns = sv_timer_earliest_ns(vcpu);

	/* Early against the counter (clock drift): sleep the rest. */
	if (ns && ns < SV_TIMER_MAX_NS) {
		hrtimer_set_expires(h, ktime_add_ns(ktime_get(), ns));
		return HRTIMER_RESTART;
	}
	/* The vCPU sleeps on its queue, not in the guest: no IPI needed. */
	wake_up_interruptible(&vcpu->wq);
	return HRTIMER_NORESTART;
}

void sv_timer_block_start(struct sv_vcpu *vcpu)
{
	u64 ns = sv_timer_earliest_ns(vcpu);

	if (ns < SV_TIMER_MAX_NS)
		sv_timer_hrtimer_start(&vcpu->timer.wake, ns);
}

void sv_timer_block_end(struct sv_vcpu *vcpu)
{
	hrtimer_cancel(&vcpu->timer.wake);
}

/* ---- KVM_ARM_VCPU_TIMER_CTRL --------------------------------------------- */

/* INTIDs are per VM (as 6.1's set_timer_irqs): every vCPU gets them. */
static int sv_timer_set_irq(struct sv_vcpu *vcpu, u64 which, int __user *uaddr)
{
	struct sv_vm *vm = vcpu->vm;
	u32 vt, pt;
	int irq, i, n, ret = 0;

	if (!sv_vgic_present(vm))
		return -EINVAL;
	if (get_user(irq, uaddr))
		return -EFAULT;
	if (irq < 16 || irq >= SV_VGIC_NR_PRIVATE)
		return -EINVAL;		/* a PPI */
	/* VM-wide: 6.1 asks only this vCPU, but the change reaches all. */
	if (vcpu->has_run || READ_ONCE(vm->vcpu_has_run))
		return -EBUSY;
	if (which != KVM_ARM_VCPU_TIMER_IRQ_VTIMER && which != KVM_ARM_VCPU_TIMER_IRQ_PTIMER)
		return -ENXIO;

	mutex_lock(&vm->lock);
	vt = which == KVM_ARM_VCPU_TIMER_IRQ_VTIMER ? irq : vcpu->timer.vtimer_intid;
	pt = which == KVM_ARM_VCPU_TIMER_IRQ_PTIMER ? irq : vcpu->timer.ptimer_intid;
	/* 6.1 accepts this and fails the first KVM_RUN; we refuse it here. */
	if (vt == pt) {
		ret = -EINVAL;
		goto out;
	}
	n = atomic_read(&vm->nr_vcpus);
	for (i = 0; i < n; i++) {
		WRITE_ONCE(vm->vcpus[i]->timer.vtimer_intid, vt);
		WRITE_ONCE(vm->vcpus[i]->timer.ptimer_intid, pt);
	}
out:
	mutex_unlock(&vm->lock);
	return ret;
}

int sv_timer_attr(struct sv_vcpu *vcpu, unsigned int cmd, const struct kvm_device_attr *attr)
{
	int __user *uaddr = (int __user *)(unsigned long)attr->addr;
	bool vtimer = attr->attr == KVM_ARM_VCPU_TIMER_IRQ_VTIMER;

	if (cmd == KVM_SET_DEVICE_ATTR)
		return sv_timer_set_irq(vcpu, attr->attr, uaddr);
	if (!vtimer && attr->attr != KVM_ARM_VCPU_TIMER_IRQ_PTIMER)
		return -ENXIO;
	if (cmd == KVM_HAS_DEVICE_ATTR)
		return 0;
	if (cmd != KVM_GET_DEVICE_ATTR)
		return -ENXIO;
	return put_user((int)(vtimer ? vcpu->timer.vtimer_intid : vcpu->timer.ptimer_intid),
			uaddr) ? -EFAULT : 0;
}

/* ---- lifecycle ----------------------------------------------------------- */

void sv_timer_vcpu_init(struct sv_vcpu *vcpu)
{
	struct sv_timer_cpu *t = &vcpu->timer;

	/* Hard IRQ callbacks: sv_vgic_inject() and wake-ups are IRQ-safe. */
	hrtimer_init(&t->wake, CLOCK_MONOTONIC, HRTIMER_MODE_ABS_HARD);
	t->wake.function = sv_timer_wake_expired;
	hrtimer_init(&t->ptimer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS_HARD);
	t->ptimer.function = sv_timer_ptimer_expired;
	t->vtimer_intid = SV_TIMER_VIRT_PPI;
	t->ptimer_intid = SV_TIMER_PHYS_PPI;
	t->phys_seq = sv_timer_new_seq();
}

/* The vtimer registers are cleared by sv_vcpu_reset() (vcpu->hyp). */
void sv_timer_vcpu_reset(struct sv_vcpu *vcpu)
{
	struct sv_timer_cpu *t = &vcpu->timer;

	hrtimer_cancel(&t->ptimer);
	hrtimer_cancel(&t->wake);
	WRITE_ONCE(t->cntp_ctl, 0);
	WRITE_ONCE(t->cntp_cval, 0);
	/* Lower lines the vGIC may still hold high from before. */
	if (sv_vgic_present(vcpu->vm)) {
		if (t->vtimer_level)
			sv_vgic_inject(vcpu->vm, vcpu, t->vtimer_intid, false);
		if (t->ptimer_level)
			sv_vgic_inject(vcpu->vm, vcpu, t->ptimer_intid, false);
	}
	WRITE_ONCE(t->vtimer_level, false);
	WRITE_ONCE(t->ptimer_level, false);
	t->phys_active = false;
	t->phys_seq = sv_timer_new_seq();
}

void sv_timer_vcpu_destroy(struct sv_vcpu *vcpu)
{
	hrtimer_cancel(&vcpu->timer.ptimer);
	hrtimer_cancel(&vcpu->timer.wake);
}
