// SPDX-License-Identifier: GPL-2.0
/*
 * vCPU file descriptors: creation, the mmap'ed kvm_run page, KVM_ARM_VCPU_INIT
 * and reset, KVM_RUN's loop around the EL2 world switch, MP state and the
 * signal mask.  Register access is host/one_reg.c, exits host/exits.c.
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/sched/signal.h>
#include <linux/sched/stat.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <asm/arch_timer.h>
#include <asm/cputype.h>
#include <asm/neon.h>
#include <asm/sysreg.h>

#include "splitvisor.h"
#include "arm_regs.h"
#include "el2.h"
#include "emulate.h"
#include "sv_hyp_abi.h"
#include "sysreg_table.h"
#include "vm.h"

/* Features we implement; others are -EINVAL as upstream's "unsupported". */
#define SV_VCPU_MAX_FEATURES	7	/* upstream's KVM_VCPU_MAX_FEATURES in 6.1 */
#define SV_VCPU_FEATURES_OK	(BIT(KVM_ARM_VCPU_POWER_OFF) | BIT(KVM_ARM_VCPU_PSCI_0_2))

int sv_target_cpu(void)
{
	u32 midr = read_cpuid_id();

	if (MIDR_IMPLEMENTOR(midr) == ARM_CPU_IMP_ARM) {
		switch (MIDR_PARTNUM(midr)) {
		case ARM_CPU_PART_AEM_V8:
			return KVM_ARM_TARGET_AEM_V8;
		case ARM_CPU_PART_FOUNDATION:
			return KVM_ARM_TARGET_FOUNDATION_V8;
		case ARM_CPU_PART_CORTEX_A53:
			return KVM_ARM_TARGET_CORTEX_A53;
		case ARM_CPU_PART_CORTEX_A57:
			return KVM_ARM_TARGET_CORTEX_A57;
		}
	} else if (MIDR_IMPLEMENTOR(midr) == ARM_CPU_IMP_APM &&
		   MIDR_PARTNUM(midr) == APM_CPU_PART_XGENE) {
		return KVM_ARM_TARGET_XGENE_POTENZA;
	}
	return KVM_ARM_TARGET_GENERIC_V8;
}

/* MPIDR from the vCPU id, as upstream lays it out (Aff0 0..15). */
static u64 sv_vcpu_mpidr(unsigned int id)
{
	return (1ULL << 31) | ((u64)(id & 0x0f) << 0) |
	       ((u64)((id >> 4) & 0xff) << 8) | ((u64)((id >> 12) & 0xff) << 16);
}

/*
 * Lazy FP/SIMD (SV_VCPU_FP_LAZY) keeps the host's registers across a run
 * at EL2 as V registers only: a host CPU with SVE or SME has more vector
 * state than that (Z, P, ZA), so there the host enters inside
 * kernel_neon_begin(), which saves all of it, and EL2 loads the guest's
 * eagerly.
 */
static bool sv_fp_lazy_ok(void)
{
	u64 pfr0 = read_sanitised_ftr_reg(SYS_ID_AA64PFR0_EL1);
	u64 pfr1 = read_sanitised_ftr_reg(SYS_ID_AA64PFR1_EL1);

	return !((pfr0 >> 32) & 0xf) && !((pfr1 >> 24) & 0xf);	/* SVE, SME */
}

static ulong fastpath = SV_FAST_ALL;
module_param(fastpath, ulong, 0444);
MODULE_PARM_DESC(fastpath, "EL2 fast paths on (mask): 1 fixed-answer HVC/SMC, 2 fixed-answer "
		 "system registers, 4 WFI with an interrupt pending, 8 GIC distributor reads, "
		 "16 SGIs posted at EL2, 32 ioeventfd writes posted at EL2; 0 = every exit goes "
		 "to the host (default: all)");

static uint wfi_native_us = 200;
module_param(wfi_native_us, uint, 0444);
MODULE_PARM_DESC(wfi_native_us, "WFI runs in the guest, not trapped, while a vCPU's thread is "
		 "alone on its CPU and its last trapped WFI slept at most this long (microseconds; "
		 "for two host ticks after it); 0 = every WFI traps (default 200)");

/*
 * Native WFI.  A vCPU that waits in WFI only briefly -- an I/O loop, an
 * IPI ping-pong -- pays for each wait with a trap, a block in the host and
 * a wake-up through the scheduler.  While its thread is alone on its CPU
 * (nobody else wants the CPU) and its last trapped WFI slept at most
 * wfi_native_us (host/exits.c measures it), it runs with HCR_EL2.TWI
 * clear: the guest's own WFI waits, and whatever is for the guest ends the
 * wait with an ordinary exit -- a kick (an injection from another CPU),
 * its timer's PPI, the host's tick, the IPI that wakes another task here.
 * For two ticks after such a sleep: then WFI traps again and its sleep
 * decides anew, so an idle guest (long sleeps) keeps trapping and its CPU
 * stays idle for the host.  KVM makes the same choice for WFE (TWE) and,
 * with GICv4, for WFI.
 *
 * IRQs off, before entry: TWI for this run.  shared: another vCPU ran on
 * this CPU since this one's last entry here (or this one moved) -- the
 * CPU is not this vCPU's alone: a native WFI would only end in an exit
 * for the other one's wake-up, so WFI traps until a short sleep again.
 */
static void sv_vcpu_wfi_mode(struct sv_vcpu *vcpu, bool shared)
{
	struct sv_vcpu_cfg *cfg = &vcpu->hyp->cfg;

	if (vcpu->wfi_native && (shared || !time_before(jiffies, vcpu->wfi_native_until)))
		vcpu->wfi_native = false;
	if (vcpu->wfi_native && single_task_running()) {
		cfg->hcr &= ~SV_HCR_TWI;
		vcpu->stats.wfi_native_entries++;
	} else {
		cfg->hcr |= SV_HCR_TWI;
	}
}

static void sv_vcpu_cfg_init(struct sv_vcpu *vcpu)
{
	struct sv_vcpu_cfg *cfg = &vcpu->hyp->cfg;
	u64 pmcr_n = (read_sysreg(pmcr_el0) >> 11) & 0x1f;

	cfg->hcr = SV_HCR_GUEST;
	cfg->mdcr = pmcr_n | SV_MDCR_TPM | SV_MDCR_TPMCR | SV_MDCR_TDA |
		    SV_MDCR_TDOSA | SV_MDCR_TDRA;
	cfg->cptr = sv_el2_vhe() ? SV_CPTR_GUEST_VHE : SV_CPTR_GUEST;
	cfg->cnthctl = sv_el2_vhe() ? SV_CNTHCTL_GUEST_VHE : SV_CNTHCTL_GUEST;
	cfg->cntvoff = vcpu->vm->cntvoff;
	cfg->vttbr = vcpu->vm->vttbr;
	cfg->vtcr = vcpu->vm->vtcr;
	cfg->vpidr = read_cpuid_id();
	cfg->vmpidr = sv_vcpu_mpidr(vcpu->vcpu_id);
	cfg->flags = SV_VCPU_FLUSH_LOCAL_TLB;
	cfg->fastpath = fastpath & SV_FAST_ALL;
	vcpu->wfi_native_max = (u64)wfi_native_us * arch_timer_get_cntfrq() / USEC_PER_SEC;
	cfg->doorbells = vcpu->vm->ioeventfd.db_va;	/* 0 without the table */
	if (sv_fp_lazy_ok()) {
		cfg->flags |= SV_VCPU_FP_LAZY;
		cfg->cptr |= sv_el2_vhe() ? 0 : SV_CPTR_TFP;	/* VHE: FPEN 0b00 traps */
	} else if (sv_el2_vhe()) {
		cfg->cptr |= SV_CPTR_VHE_FPEN;
	}
}

/* Architectural reset, or PSCI CPU_ON's entry point if one is pending. */
int sv_vcpu_reset(struct sv_vcpu *vcpu)
{
	struct sv_cpu_ctxt *c = sv_ctxt(vcpu);

	memset(c, 0, sizeof(*c));
	sv_vcpu_el1_changed(vcpu);
	c->pstate = SV_PSR_RESET;
	sv_sysregs_reset(vcpu);
	vcpu->hyp->cntv_ctl = 0;
	vcpu->hyp->cntv_cval = 0;
	sv_timer_vcpu_reset(vcpu);
	sv_vgic_vcpu_reset(vcpu);
	sv_fast_mark_stale(vcpu);
	if (xchg(&vcpu->reset_pending, false)) {
		smp_rmb();	/* pairs with the writer's smp_wmb() */
		c->pc = vcpu->reset_pc;
		c->regs.x[0] = vcpu->reset_x0;
	}
	vcpu->pending_mmio = false;
	return 0;
}

/*
 * A reset another vCPU asked for (PSCI CPU_ON) happens before this vCPU
 * runs or userspace looks at its registers, whichever comes first.
 */
void sv_vcpu_reset_if_pending(struct sv_vcpu *vcpu)
{
	if (READ_ONCE(vcpu->reset_pending))
		sv_vcpu_reset(vcpu);
}

static int sv_vcpu_init(struct sv_vcpu *vcpu, const struct kvm_vcpu_init *init)
{
	unsigned long features = 0;
	unsigned int i;

	if (init->target != sv_target_cpu())
		return -EINVAL;
	for (i = 0; i < sizeof(init->features) * 8; i++) {
		if (!(init->features[i / 32] & (1U << (i % 32))))
			continue;
		if (i >= SV_VCPU_MAX_FEATURES)
			return -ENOENT;
		features |= BIT(i);
	}
	/* A second INIT must ask for the same features (upstream). */
	if (vcpu->target != -1 && features != vcpu->features)
		return -EINVAL;
	/* Known to KVM but not (yet) implemented here: unsupported. */
	if (features & ~SV_VCPU_FEATURES_OK)
		return -EINVAL;

	vcpu->features = features;
	vcpu->target = init->target;
	sv_psci_vcpu_init(vcpu);
	sv_vcpu_cfg_init(vcpu);
	sv_debug_vcpu_init(vcpu);
	sv_vcpu_reset(vcpu);
	vcpu->power_off = features & BIT(KVM_ARM_VCPU_POWER_OFF);
	return 0;
}

/* ---- KVM_RUN ------------------------------------------------------------- */

/* Finish the MMIO access the last exit handed to userspace. */
static void sv_vcpu_complete_mmio(struct sv_vcpu *vcpu)
{
	struct sv_cpu_ctxt *c = sv_ctxt(vcpu);
	struct kvm_run *run = vcpu->run;

	if (!vcpu->pending_mmio)
		return;
	vcpu->pending_mmio = false;
	if (!run->mmio.is_write) {
		struct sv_mmio m = {
			.len = vcpu->mmio.len,
			.rt = vcpu->mmio.rt,
			.sign_extend = vcpu->mmio.sign_extend,
			.sixty_four = vcpu->mmio.sixty_four,
		};
		u64 data = 0;

		memcpy(&data, run->mmio.data, min_t(u32, m.len, sizeof(data)));
		sv_mmio_complete_read(c, &m, data);
	}
	sv_instr_skip(c, vcpu->hyp->exit.esr);	/* the exit's: no run since */
}

/*
 * vcpu_load / vcpu_put: the one place that says what of a vCPU is
 * resident in a physical CPU.  Between sv_vcpu_load() and sv_vcpu_put()
 * (today around each entry, IRQs off, on the CPU that runs the guest):
 *
 *   FP/SIMD registers   lazy (SV_VCPU_FP_LAZY): the host task's, until the
 *                       guest's first FP/SIMD use traps to EL2, which then
 *                       keeps the host's and loads the guest's until the exit;
 *                       eager (SVE/SME hosts): kernel_neon_begin() took them
 *                       from the host task and EL2 loads the guest's
 *   VMID and VTTBR      the VM's, valid in the current VMID generation
 *   stage-1 TLB         entries of the VM's VMID belong to this vCPU:
 *                       another vCPU of the VM ran here last -> local
 *                       flush at entry (sv_last_vcpu_ran)
 *   vcpu->last_cpu      this CPU: injections kick it here (sv_vcpu_kick)
 *   timer               the physical vtimer PPI's active state is this
 *                       vCPU's (sv_timer_flush)
 *   vGIC                the list registers hold its interrupts
 *                       (sv_vgic_flush; sv_vgic_sync reads them back);
 *                       ICH_VMCR_EL2 and the active priorities stay in the
 *                       CPU after the exit and EL2 loads them again unless
 *                       this CPU holds its and they were last loaded here
 *                       (cif->loaded_on; the host zeroes it when it writes
 *                       them); saved at every exit, so
 *                       the host never needs a put to read them
 *   EL1 registers       VHE only: the guest's _EL12 group stays in the CPU
 *                       after the exit (saved all the same) and EL2 loads it
 *                       again unless the CPU still holds this vCPU's and it
 *                       was last loaded here (el1_loaded_on; the host zeroes
 *                       it when it may have written ctxt.sys:
 *                       sv_vcpu_el1_changed)
 *   HCR_EL2.TWI         set unless native WFI holds for this run
 *                       (sv_vcpu_wfi_mode)
 *
 * EL2's own per-entry switch (EL1 registers, traps, stage-2, timer and
 * vGIC CPU interface registers, debug) is hyp/switch.c's.  Work that
 * changes only when the vCPU moves, blocks or is preempted belongs here
 * and not in the per-entry path.
 */
static DEFINE_PER_CPU(void *, sv_last_vcpu_ran);

/* False if the VM's VMID went stale meanwhile: nothing is loaded, go round again. */
static bool sv_vcpu_load(struct sv_vcpu *vcpu)
{
	struct sv_vm *vm = vcpu->vm;
	bool eager_fp = !(vcpu->hyp->cfg.flags & SV_VCPU_FP_LAZY);
	bool shared;
	int cpu;

	if (eager_fp)
		kernel_neon_begin();	/* FP regs are ours until _end */
	local_irq_disable();
	sv_hprof_mark(vcpu, SV_HPROF_FP_IRQ_OFF);
	sv_hprof_mark(vcpu, SV_HPROF_MARK);	/* IRQs off: no interrupt in it */
	/* A rollover between the caller's check and here. */
	if (!sv_vmid_check(vm)) {
		local_irq_enable();
		if (eager_fp)
			kernel_neon_end();
		return false;
	}
	vcpu->hyp->cfg.vttbr = READ_ONCE(vm->vttbr);
	cpu = smp_processor_id();
	shared = this_cpu_read(sv_last_vcpu_ran) != vcpu;
	if (shared) {
		this_cpu_write(sv_last_vcpu_ran, vcpu);
		vcpu->hyp->cfg.flags |= SV_VCPU_FLUSH_LOCAL_TLB;
	}
	/*
	 * Published before the vGIC state is read: an injection that the
	 * flush misses sees last_cpu and IPIs us (pairs with sv_vcpu_kick).
	 */
	WRITE_ONCE(vcpu->last_cpu, cpu);
	smp_mb();
	sv_vcpu_wfi_mode(vcpu, shared);
	sv_hprof_mark(vcpu, SV_HPROF_VMID_TLB);
	sv_timer_flush(vcpu);		/* may raise the timer PPIs: before the vGIC flush */
	sv_hprof_mark(vcpu, SV_HPROF_TIMER_FLUSH);
	sv_vgic_flush(vcpu);
	return true;
}

/* The pair of sv_vcpu_load(), in the reverse order. */
static void sv_vcpu_put(struct sv_vcpu *vcpu)
{
	WRITE_ONCE(vcpu->last_cpu, -1);
	sv_vgic_sync(vcpu);
	sv_hprof_mark(vcpu, SV_HPROF_VGIC_SYNC);
	local_irq_enable();
	if (!(vcpu->hyp->cfg.flags & SV_VCPU_FP_LAZY))
		kernel_neon_end();
	sv_hprof_mark(vcpu, SV_HPROF_IRQ_ON_FP);
	sv_timer_sync(vcpu);
	sv_hprof_mark(vcpu, SV_HPROF_TIMER_SYNC);
}

/* Returns the exit code, 0 if the guest was not entered (try again). */
static long sv_vcpu_enter(struct sv_vcpu *vcpu)
{
	long code;

	if (!sv_vmid_check(vcpu->vm))
		sv_vmid_refresh(vcpu->vm);
	if (!sv_vcpu_load(vcpu))
		return 0;
	sv_hprof_mark(vcpu, SV_HPROF_VGIC_FLUSH);
	code = sv_hyp_call(SV_HCALL_VCPU_RUN, vcpu->hyp_va, NULL);
	sv_hprof_mark(vcpu, SV_HPROF_HYP_CALL);
	sv_vcpu_put(vcpu);
	return code;
}

static int sv_vcpu_block_powered_off(struct sv_vcpu *vcpu)
{
	int ret = wait_event_interruptible(vcpu->wq, !READ_ONCE(vcpu->power_off));

	return ret ? -EINTR : 1;
}

static int sv_vcpu_run(struct sv_vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;
	sigset_t saved;
	int ret = 1;
	long code;

	if (vcpu->target == -1)
		return -ENOEXEC;
	ret = sv_vgic_first_run(vcpu);
	if (ret)
		return ret;
	ret = 1;
	sv_vcpu_complete_mmio(vcpu);
	if (run->immediate_exit)
		return -EINTR;
	if (vcpu->sigset_active)
		sigprocmask(SIG_SETMASK, &vcpu->sigset, &saved);

	run->exit_reason = KVM_EXIT_UNKNOWN;
	run->flags = 0;
	vcpu->has_run = true;
	WRITE_ONCE(vcpu->run_task, current);	/* its own kicks: not needed */
	sv_vcpu_el1_changed(vcpu);		/* ONE_REG, INIT, ... since the last run */
	vcpu->vm->vcpu_has_run = true;
	sv_hprof_begin(vcpu);
	while (ret > 0) {
		if (signal_pending(current)) {
			run->exit_reason = KVM_EXIT_INTR;
			vcpu->stats.signal_exits++;
			ret = -EINTR;
			break;
		}
		cond_resched();
		if (READ_ONCE(vcpu->power_off)) {
			ret = sv_vcpu_block_powered_off(vcpu);
			continue;
		}
		sv_hprof_mark(vcpu, SV_HPROF_LOOP);
		/* What changed since the last entry, each a test when nothing did. */
		sv_vcpu_reset_if_pending(vcpu);
		if (unlikely(READ_ONCE(vcpu->fast.stale)))
			sv_fast_publish(vcpu);
		if (unlikely(READ_ONCE(vcpu->vm->ioeventfd.db_stale)))
			sv_ioeventfd_publish(vcpu->vm);
		if (vcpu->steal_base != SV_INVALID_GPA)
			sv_pvtime_update(vcpu);
		sv_debug_prepare(vcpu);
		sv_hprof_mark(vcpu, SV_HPROF_PREPARE);
		code = sv_vcpu_enter(vcpu);
		if (!code)
			continue;
		vcpu->stats.exits++;
		if (code < 0) {
			/* EL2 faulted with this guest loaded: printed already. */
			run->exit_reason = KVM_EXIT_FAIL_ENTRY;
			run->fail_entry.hardware_entry_failure_reason = vcpu->hyp->exit.esr;
			run->fail_entry.cpu = raw_smp_processor_id();
			ret = -EFAULT;
			break;
		}
		ret = sv_handle_exit(vcpu, code);
		sv_hprof_mark(vcpu, SV_HPROF_EXIT);
	}

	WRITE_ONCE(vcpu->run_task, NULL);
	sv_ioeventfd_sync(vcpu->vm);	/* doorbells posted at EL2 before this exit */
	if (vcpu->sigset_active)
		sigprocmask(SIG_SETMASK, &saved, NULL);
	return ret;
}

/*
 * Make a running vCPU leave the guest, wake a blocked one.  Callable from
 * any context, IRQs off included (eventfd wakeups, hrtimers): the IPI is
 * an asynchronous call with one call_single_data per target CPU, and
 * one kick in flight per CPU is enough (any IPI makes the guest exit).
 */
static DEFINE_PER_CPU(call_single_data_t, sv_kick_csd);
static DEFINE_PER_CPU(atomic_t, sv_kick_busy);

static void sv_vcpu_kick_ipi(void *info)
{
	atomic_set(this_cpu_ptr(&sv_kick_busy), 0);
}

void sv_vcpu_kick(struct sv_vcpu *vcpu)
{
	call_single_data_t *csd;
	int cpu, me;

	wake_up_interruptible(&vcpu->wq);
	smp_mb();	/* the state change before last_cpu (pairs with sv_vcpu_enter) */
	cpu = READ_ONCE(vcpu->last_cpu);
	me = get_cpu();
	if (cpu >= 0 && cpu != me &&
	    !atomic_xchg(per_cpu_ptr(&sv_kick_busy, cpu), 1)) {
		csd = per_cpu_ptr(&sv_kick_csd, cpu);
		INIT_CSD(csd, sv_vcpu_kick_ipi, NULL);
		if (smp_call_function_single_async(cpu, csd))
			atomic_set(per_cpu_ptr(&sv_kick_busy, cpu), 0);
	}
	put_cpu();
}

/* Module exit: no kick may still be queued towards our code. */
static void sv_vcpu_kick_nop(void *info)
{
}

void sv_vcpu_kick_flush(void)
{
	on_each_cpu(sv_vcpu_kick_nop, NULL, 1);
}

/* Register groups are accessed with every vCPU stopped (upstream: -EBUSY). */
bool sv_vm_lock_all_vcpus(struct sv_vm *vm)
{
	int i, n = atomic_read(&vm->nr_vcpus);

	for (i = 0; i < n; i++) {
		if (!mutex_trylock(&vm->vcpus[i]->mutex)) {
			while (--i >= 0)
				mutex_unlock(&vm->vcpus[i]->mutex);
			return false;
		}
	}
	return true;
}

void sv_vm_unlock_all_vcpus(struct sv_vm *vm)
{
	int i, n = atomic_read(&vm->nr_vcpus);

	for (i = 0; i < n; i++)
		mutex_unlock(&vm->vcpus[i]->mutex);
}

/* ---- the vCPU fd ------------------------------------------------------- */

static int sv_vcpu_set_sigmask(struct sv_vcpu *vcpu, void __user *argp)
{
	struct kvm_signal_mask kmask;
	sigset_t set;

	if (!argp) {
		vcpu->sigset_active = false;
		return 0;
	}
	if (copy_from_user(&kmask, argp, sizeof(kmask)))
		return -EFAULT;
	if (kmask.len != sizeof(set))
		return -EINVAL;
	if (copy_from_user(&set, argp + sizeof(kmask), sizeof(set)))
		return -EFAULT;
	sigdelsetmask(&set, sigmask(SIGKILL) | sigmask(SIGSTOP));
	vcpu->sigset = set;
	vcpu->sigset_active = true;
	return 0;
}

static int sv_vcpu_mp_state(struct sv_vcpu *vcpu, void __user *argp, bool set)
{
	struct kvm_mp_state mp;

	if (!set) {
		mp.mp_state = READ_ONCE(vcpu->power_off) ? KVM_MP_STATE_STOPPED
							 : KVM_MP_STATE_RUNNABLE;
		return copy_to_user(argp, &mp, sizeof(mp)) ? -EFAULT : 0;
	}
	if (copy_from_user(&mp, argp, sizeof(mp)))
		return -EFAULT;
	switch (mp.mp_state) {
	case KVM_MP_STATE_RUNNABLE:
		WRITE_ONCE(vcpu->power_off, false);
		return 0;
	case KVM_MP_STATE_STOPPED:
		WRITE_ONCE(vcpu->power_off, true);
		return 0;
	default:
		return -EINVAL;
	}
}

static long sv_vcpu_ioctl_locked(struct sv_vcpu *vcpu, unsigned int cmd,
				 unsigned long arg)
{
	void __user *argp = (void __user *)arg;

	switch (cmd) {
	case KVM_RUN:
		if (arg)
			return -EINVAL;
		if (vcpu->pid != task_pid(current)) {
			struct pid *old = vcpu->pid;

			vcpu->pid = get_task_pid(current, PIDTYPE_PID);
			put_pid(old);
		}
		return sv_vcpu_run(vcpu);
	case KVM_ARM_VCPU_INIT: {
		struct kvm_vcpu_init init;

		if (copy_from_user(&init, argp, sizeof(init)))
			return -EFAULT;
		return sv_vcpu_init(vcpu, &init);
	}
	case KVM_GET_ONE_REG:
	case KVM_SET_ONE_REG: {
		struct kvm_one_reg reg;

		if (vcpu->target == -1)
			return -ENOEXEC;
		if (copy_from_user(&reg, argp, sizeof(reg)))
			return -EFAULT;
		sv_vcpu_reset_if_pending(vcpu);
		if (cmd == KVM_GET_ONE_REG)
			return sv_get_one_reg(vcpu, &reg);
		/* PSCI version, firmware bitmaps, MPIDR, ...: EL2's answers */
		sv_fast_mark_stale(vcpu);
		return sv_set_one_reg(vcpu, &reg);
	}
	case KVM_GET_REG_LIST:
		if (vcpu->target == -1)
			return -ENOEXEC;
		return sv_get_reg_list(vcpu, argp);
	case KVM_SET_SIGNAL_MASK:
		return sv_vcpu_set_sigmask(vcpu, argp);
	case KVM_GET_STATS_FD:
		return sv_vcpu_stats_fd(vcpu);
	case KVM_SET_GUEST_DEBUG: {
		struct kvm_guest_debug dbg;

		if (vcpu->target == -1)
			return -ENOEXEC;
		if (copy_from_user(&dbg, argp, sizeof(dbg)))
			return -EFAULT;
		return sv_set_guest_debug(vcpu, &dbg);
	}
	case KVM_SET_DEVICE_ATTR:
	case KVM_GET_DEVICE_ATTR:
	case KVM_HAS_DEVICE_ATTR: {
		struct kvm_device_attr attr;

		if (copy_from_user(&attr, argp, sizeof(attr)))
			return -EFAULT;
		if (cmd == KVM_SET_DEVICE_ATTR)
			sv_fast_mark_stale(vcpu);	/* PV time */
		return sv_vcpu_device_attr(vcpu, cmd, &attr);
	}
	case KVM_GET_MP_STATE:
		return sv_vcpu_mp_state(vcpu, argp, false);
	case KVM_SET_MP_STATE:
		return sv_vcpu_mp_state(vcpu, argp, true);
	default:
		return -EINVAL;	/* arm64's kvm_arch_vcpu_ioctl default */
	}
}

static long sv_vcpu_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct sv_vcpu *vcpu = filp->private_data;
	long ret;

	if (vcpu->vm->mm != current->mm || READ_ONCE(vcpu->vm->dead))
		return -EIO;
	if (mutex_lock_killable(&vcpu->mutex))
		return -EINTR;
	ret = sv_vcpu_ioctl_locked(vcpu, cmd, arg);
	mutex_unlock(&vcpu->mutex);
	return ret;
}

static vm_fault_t sv_vcpu_fault(struct vm_fault *vmf)
{
	struct sv_vcpu *vcpu = vmf->vma->vm_file->private_data;

	if (vmf->pgoff != 0)
		return VM_FAULT_SIGBUS;
	vmf->page = virt_to_page(vcpu->run);
	get_page(vmf->page);
	return 0;
}

static const struct vm_operations_struct sv_vcpu_vm_ops = {
	.fault = sv_vcpu_fault,
};

static int sv_vcpu_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &sv_vcpu_vm_ops;
	return 0;
}

static int sv_vcpu_release(struct inode *inode, struct file *filp)
{
	struct sv_vcpu *vcpu = filp->private_data;

	/* The vCPU lives until the VM goes; drop our hold on the VM file. */
	fput(vcpu->vm->file);
	return 0;
}

static const struct file_operations sv_vcpu_fops = {
	.owner		= THIS_MODULE,
	.release	= sv_vcpu_release,
	.unlocked_ioctl	= sv_vcpu_ioctl,
	.mmap		= sv_vcpu_mmap,
	.llseek		= noop_llseek,
};

void sv_vcpu_destroy(struct sv_vcpu *vcpu)
{
	int cpu;

	if (!vcpu)
		return;
	sv_timer_vcpu_destroy(vcpu);
	for_each_possible_cpu(cpu)
		cmpxchg(per_cpu_ptr(&sv_last_vcpu_ran, cpu), vcpu, NULL);
	put_pid(vcpu->pid);
	sv_fast_vcpu_destroy(vcpu);
	sv_hyp_page_free(vcpu->hyp);
	free_page((unsigned long)vcpu->run);
	kfree(vcpu);
}

int sv_create_vcpu(struct sv_vm *vm, unsigned long id)
{
	struct sv_vcpu *vcpu;
	char name[32];
	int i, n, fd;

	if (id >= SV_MAX_VCPUS)
		return -EINVAL;
	vcpu = kzalloc(sizeof(*vcpu), GFP_KERNEL_ACCOUNT);
	if (!vcpu)
		return -ENOMEM;
	sv_timer_vcpu_init(vcpu);	/* first: sv_vcpu_destroy() cancels its hrtimers */
	vcpu->run = (void *)get_zeroed_page(GFP_KERNEL_ACCOUNT);
	vcpu->hyp = sv_hyp_page_alloc(&vcpu->hyp_va);
	if (!vcpu->run || !vcpu->hyp || sv_fast_vcpu_init(vcpu)) {
		sv_vcpu_destroy(vcpu);
		return -ENOMEM;
	}
	vcpu->vm = vm;
	vcpu->vcpu_id = id;
	sv_vgic_vcpu_init(vcpu);
	vcpu->steal_base = SV_INVALID_GPA;
	vcpu->target = -1;
	vcpu->last_cpu = -1;
	mutex_init(&vcpu->mutex);
	init_waitqueue_head(&vcpu->wq);

	mutex_lock(&vm->lock);
	n = atomic_read(&vm->nr_vcpus);
	fd = -EINVAL;
	if (n >= SV_MAX_VCPUS)
		goto err_unlock;
	/* A GICv2 has 8 CPU interfaces (upstream: max_vcpus, -EINVAL). */
	if (vm->vgic.type == KVM_DEV_TYPE_ARM_VGIC_V2 && n >= SV_VGIC_V2_MAX_CPUS)
		goto err_unlock;
	/* No vCPU joins an initialised vGIC (upstream: -EBUSY). */
	fd = -EBUSY;
	if (vm->vgic.initialized)
		goto err_unlock;
	fd = -EEXIST;
	for (i = 0; i < n; i++)
		if (vm->vcpus[i]->vcpu_id == id)
			goto err_unlock;
	vcpu->idx = n;
	snprintf(name, sizeof(name), "kvm-vcpu:%lu", id);
	get_file(vm->file);
	fd = anon_inode_getfd(name, &sv_vcpu_fops, vcpu, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fput(vm->file);
		goto err_unlock;
	}
	vm->vcpus[n] = vcpu;
	/* Publish after the slot is filled: lookups read nr_vcpus first. */
	atomic_set_release(&vm->nr_vcpus, n + 1);
	if (sv_vgic_present(vm))
		sv_vgic_place_redists(vm);
	mutex_unlock(&vm->lock);
	return fd;

err_unlock:
	mutex_unlock(&vm->lock);
	sv_vcpu_destroy(vcpu);
	return fd;
}
