// SPDX-License-Identifier: GPL-2.0
/*
 * The split-mode world switch, read top to bottom in __sv_vcpu_run():
 * save the host's EL1 state, load the guest's, configure EL2 for the
 * guest (traps, stage-2, timer), enter, handle what EL2 can handle
 * itself, and the reverse.  The guest's GPRs are switched by
 * hyp/entry.S; each step below has its pair on the way out.
 */
#include "sv_esr.h"
#include "sv_hyp_abi.h"
#include "sv_hyp_sysreg.h"
#include "sv_hyp.h"

/* ---- traps (pairs: __activate_traps / __deactivate_traps) ---------------- */

/*
 * The host's EL2 configuration, put back at every exit.  Split mode: the
 * one the stub left and EL2 took over (nothing at EL1 can change these
 * registers), read once per CPU (SV_HCALL_CPU_INIT, right after the
 * takeover).  VHE mode: the kernel's own, which it changes as it runs
 * (CPTR_EL2 is its CPACR_EL1: SVE traps per task), read at every entry.
 */
void __sv_host_el2_record(struct sv_hyp_cpu *hc)
{
	struct sv_host_el2 *host = &hc->host_el2;

	host->hcr = sv_read_sysreg(hcr_el2);
	host->mdcr = sv_read_sysreg(mdcr_el2);
	host->cptr = sv_read_sysreg(cptr_el2);
	host->cnthctl = sv_read_sysreg(cnthctl_el2);
	host->cntvoff = sv_read_sysreg(cntvoff_el2);
	host->vpidr = sv_read_sysreg(vpidr_el2);
	host->vmpidr = sv_read_sysreg(vmpidr_el2);
}

static void __host_el2_save(struct sv_hyp_cpu *hc)
{
	if (SV_HYP_IS_VHE)
		__sv_host_el2_record(hc);
}

static void __activate_traps(const struct sv_host_el2 *host, const struct sv_vcpu_cfg *cfg)
{
	sv_write_sysreg(cfg->mdcr, mdcr_el2);
	sv_write_sysreg(cfg->cptr, cptr_el2);
	sv_write_sysreg(cfg->cnthctl | (host->cnthctl & SV_CNTHCTL_HOST_BITS), cnthctl_el2);
	sv_write_sysreg(cfg->cntvoff, cntvoff_el2);
	sv_write_sysreg(cfg->vpidr, vpidr_el2);
	sv_write_sysreg(cfg->vmpidr, vmpidr_el2);
	sv_write_sysreg(cfg->hcr | SV_HCR_MODE_BITS, hcr_el2);
}

static void __deactivate_traps(const struct sv_host_el2 *host)
{
	/* HCR first: stage-2 and the guest's routing end before the rest. */
	sv_write_sysreg(host->hcr, hcr_el2);
	sv_write_sysreg(host->mdcr, mdcr_el2);
	sv_write_sysreg(host->cptr, cptr_el2);
	sv_write_sysreg(host->cnthctl, cnthctl_el2);
	sv_write_sysreg(host->cntvoff, cntvoff_el2);
	sv_write_sysreg(host->vpidr, vpidr_el2);
	sv_write_sysreg(host->vmpidr, vmpidr_el2);
}

/* ---- stage-2 (pairs: __load_stage2 / __load_host_stage2) ----------------- */

static void __load_stage2(struct sv_vcpu_cfg *cfg)
{
	sv_write_sysreg(cfg->vtcr, vtcr_el2);
	sv_write_sysreg(cfg->vttbr, vttbr_el2);
	sv_isb();
	if (cfg->flags & SV_VCPU_FLUSH_LOCAL_TLB) {
		sv_tlbi(vmalle1);
		sv_dsb(nsh);
		sv_isb();
		cfg->flags &= ~SV_VCPU_FLUSH_LOCAL_TLB;
	}
}

static void __load_host_stage2(void)
{
	/* HCR_EL2.VM is clear for the host; VMID 0 is never a guest's. */
	sv_write_sysreg(0, vttbr_el2);
}

/* ---- virtual timer (pairs: __timer_restore / __timer_save) --------------- */

static void __timer_restore(const struct sv_vcpu_hyp *vcpu)
{
	sv_write_sysreg(vcpu->cntv_cval, SV_GUEST_CNTV_CVAL_EL0);
	sv_isb();
	sv_write_sysreg(vcpu->cntv_ctl, SV_GUEST_CNTV_CTL_EL0);
}

/*
 * The host does not use the EL1 virtual timer (split mode: the kernel
 * takes the physical one when EL2 exists; VHE: it uses EL2's): keep it
 * quiet (also after a panic).
 */
static void __timer_quiet(void)
{
	sv_write_sysreg(0, SV_GUEST_CNTV_CTL_EL0);
	sv_isb();
}

static void __timer_save(struct sv_vcpu_hyp *vcpu)
{
	vcpu->cntv_ctl = sv_read_sysreg(SV_GUEST_CNTV_CTL_EL0);
	vcpu->cntv_cval = sv_read_sysreg(SV_GUEST_CNTV_CVAL_EL0);
	__timer_quiet();
}

/* ---- vGIC CPU interface (pairs: __vgic_restore / __vgic_save) ---------- */

/*
 * The model is read once; the loaded one is recorded first so that a
 * fault half-way through still lets the panic path quiet the interface.
 * A vGICv2 needs the GICH frame, which the host maps only on a GICv2.
 */
static void __vgic_restore(struct sv_hyp_cpu *hc, struct sv_vgic_v3_cpu_if *cif)
{
	sv_u64 model = SV_READ_ONCE(cif->model);
	int resident;

	if (model == SV_VGIC_MODEL_V2 && !hc->gich_va)
		model = SV_VGIC_MODEL_NONE;
	hc->vgic_loaded = model;
	if (model == SV_VGIC_MODEL_V3) {
		/*
		 * VMCR/APRs stay loaded only if this CPU holds cif's and cif's
		 * were last loaded here (it ran on no other CPU since, the
		 * host changed none of them).
		 */
		resident = hc->vgic_resident == (sv_u64)(unsigned long)cif &&
			   SV_READ_ONCE(cif->loaded_on) == (sv_u64)(unsigned long)hc;
		hc->vgic_resident = (sv_u64)(unsigned long)cif;
		SV_WRITE_ONCE(cif->loaded_on, (sv_u64)(unsigned long)hc);
		__sv_vgic_v3_restore(cif, resident);
	} else if (model == SV_VGIC_MODEL_V2)
		__sv_vgic_v2_restore(cif, hc->gich_va);
}

static void __vgic_save(struct sv_hyp_cpu *hc, struct sv_vgic_v3_cpu_if *cif)
{
	if (hc->vgic_loaded == SV_VGIC_MODEL_V3)
		__sv_vgic_v3_save(cif);
	else if (hc->vgic_loaded == SV_VGIC_MODEL_V2)
		__sv_vgic_v2_save(cif, hc->gich_va);
	hc->vgic_loaded = SV_VGIC_MODEL_NONE;
}

/* Panic fixup: no vCPU state to save, only the interface to silence. */
static void __vgic_reset(struct sv_hyp_cpu *hc)
{
	hc->vgic_resident = 0;		/* the active priorities are zeroed */
	if (hc->vgic_loaded == SV_VGIC_MODEL_V3)
		__sv_vgic_v3_reset();
	else if (hc->vgic_loaded == SV_VGIC_MODEL_V2)
		__sv_vgic_v2_reset(hc->gich_va);
	hc->vgic_loaded = SV_VGIC_MODEL_NONE;
}

/* ---- debug registers (pairs: __debug_switch_to_guest / _to_host) -------- */

/* EL2 distrusts the host's counts: at most 16 of each exist. */
static void __debug_switch_to_guest(struct sv_hyp_cpu *hc, const struct sv_vcpu_hyp *vcpu)
{
	sv_u64 nb = SV_READ_ONCE(vcpu->cfg.nr_brps), nw = SV_READ_ONCE(vcpu->cfg.nr_wrps);

	if (!(vcpu->cfg.flags & SV_VCPU_DEBUG_LOAD))
		return;
	__sv_debug_save(&hc->host_dbg, nb, nw);
	hc->dbg_loaded_brps = nb;
	hc->dbg_loaded_wrps = nw;
	__sv_debug_restore(&vcpu->dbg, nb, nw);
}

/* Also used by the panic fixup: it needs only this CPU's state. */
static void __debug_switch_to_host(struct sv_hyp_cpu *hc)
{
	if (!hc->dbg_loaded_brps && !hc->dbg_loaded_wrps)
		return;
	/* The guest's values need no saving: its accesses trap (MDCR_EL2.TDA). */
	__sv_debug_restore(&hc->host_dbg, hc->dbg_loaded_brps, hc->dbg_loaded_wrps);
	hc->dbg_loaded_brps = 0;
	hc->dbg_loaded_wrps = 0;
}

/* ---- FP/SIMD (pairs: __fpsimd_switch_to_guest / __fpsimd_switch_to_host) -- */

/*
 * Eager: the host entered inside kernel_neon_begin(), its registers are
 * free: load the guest's now.  Lazy: leave the host's in place; the
 * guest's first FP/SIMD use traps (CPTR_EL2.TFP, in cfg->cptr) and
 * __fpsimd_first_use() swaps then.  A guest that uses none costs nothing.
 */
static void __fpsimd_switch_to_guest(struct sv_hyp_cpu *hc, const struct sv_vcpu_hyp *vcpu)
{
	if (vcpu->cfg.flags & SV_VCPU_FP_LAZY)
		return;
	__sv_fpsimd_restore(&vcpu->ctxt.fp);
	hc->fp_guest_loaded = SV_FP_GUEST_EAGER;
}

/* Also used by the panic fixup (guest state may then be lost, the host's is not). */
static void __fpsimd_switch_to_host(struct sv_hyp_cpu *hc, struct sv_vcpu_hyp *vcpu)
{
	sv_u64 loaded = hc->fp_guest_loaded;

	if (loaded == SV_FP_GUEST_NONE)
		return;
	if (vcpu)
		__sv_fpsimd_save(&vcpu->ctxt.fp);
	if (loaded == SV_FP_GUEST_LAZY)
		__sv_fpsimd_restore(&hc->host_fp);
	hc->fp_guest_loaded = SV_FP_GUEST_NONE;
}

/* ---- exits EL2 handles itself: "handled, re-enter the guest" ----------- */

/*
 * EC 0x07, the guest's first FP/SIMD instruction of a lazy run: stop
 * trapping (TFP traps EL2's own accesses too, so first), keep the host's
 * registers, load the guest's, and re-execute the instruction.  Any other
 * FP trap (eager run, or already loaded) is not ours: the host's.
 */
static int __fpsimd_first_use(struct sv_vcpu_hyp *vcpu)
{
	struct sv_hyp_cpu *hc = __sv_this_cpu();

	if (!(vcpu->cfg.flags & SV_VCPU_FP_LAZY) || hc->fp_guest_loaded != SV_FP_GUEST_NONE)
		return 0;
	sv_write_sysreg(SV_CPTR_FP_UNTRAP(vcpu->cfg.cptr), cptr_el2);
	sv_isb();
	__sv_fpsimd_save(&hc->host_fp);
	__sv_fpsimd_restore(&vcpu->ctxt.fp);
	hc->fp_guest_loaded = SV_FP_GUEST_LAZY;
	vcpu->fast.fp_lazy_loads++;
	return 1;
}

/*
 * A stage-2 permission fault does not give the IPA in HPFAR_EL2 on
 * ARMv8.0 (Arm ARM D13.2.56): translate FAR through the guest's stage 1
 * with AT.  If that fails (or the walk itself faults) the guest changed
 * its tables under us: re-enter and let it fault again.
 */
static int __fixup_abort(struct sv_vcpu_hyp *vcpu)
{
	sv_u64 esr = vcpu->exit.esr, par, tmp;

	if ((esr & SV_ESR_S1PTW) || (esr & SV_ESR_FSC_TYPE) != SV_FSC_PERM)
		return 0;
	par = sv_read_sysreg(par_el1);
	tmp = sv_at_s1e1r(vcpu->exit.far);
	sv_write_sysreg(par, par_el1);
	if (tmp & 1)
		return 1;
	vcpu->exit.hpfar = ((tmp >> 12) & ((1ULL << 36) - 1)) << 4;
	return 0;
}

/*
 * EC 0x24: a distributor read EL2 can answer (hyp/fast-gicd.c), an
 * ioeventfd write it can post (hyp/fast-doorbell.c) -- stage-2
 * translation faults only -- else the permission-fault fixup above.
 */
static int __dabt_low(struct sv_vcpu_hyp *vcpu)
{
	return __sv_fast_gicd_read(vcpu) || __sv_fast_doorbell(vcpu) || __fixup_abort(vcpu);
}

const sv_fast_fn __sv_fast_handlers[SV_ESR_EC_NR] __sv_hyp_ptrs = {
	[SV_EC_WFX] = __sv_fast_wfi,
	[SV_EC_FP_ASIMD] = __fpsimd_first_use,
	[SV_EC_HVC64] = __sv_fast_hvc,
	[SV_EC_SMC64] = __sv_fast_smc,
	[SV_EC_SYS64] = __sv_fast_sysreg,
	[SV_EC_IABT_LOW] = __fixup_abort,
	[SV_EC_DABT_LOW] = __dabt_low,
};

/* Returns 1 to re-enter the guest, 0 to return the exit to the host. */
static int __fixup_exit(struct sv_vcpu_hyp *vcpu, sv_u64 code)
{
	sv_u64 serror = code & SV_EXIT_SERROR_PENDING;
	sv_fast_fn fn;

	code &= ~(sv_u64)SV_EXIT_SERROR_PENDING;
	vcpu->ctxt.pc = sv_read_sysreg(elr_el2);
	vcpu->ctxt.pstate = sv_read_sysreg(spsr_el2);
	/* The kick of a virtual IPI posted to this vCPU: no business of the host's. */
	if (code == SV_EXIT_IRQ && !serror && (vcpu->cfg.fastpath & SV_FAST_SGI))
		return __sv_fast_sgi_kick(__sv_this_cpu(), vcpu);
	if (code != SV_EXIT_SYNC)
		return 0;
	vcpu->exit.esr = sv_read_sysreg(esr_el2);
	vcpu->exit.far = sv_read_sysreg(far_el2);
	vcpu->exit.hpfar = sv_read_sysreg(hpfar_el2);
	/* The guest's SError came with this exit: the host hears of both. */
	if (serror)
		return 0;
	fn = __sv_fast_handlers[SV_ESR_EC(vcpu->exit.esr)];
	if (!fn)
		return 0;
	/* Function pointers hold host addresses (module relocations). */
	fn = (sv_fast_fn)sv_el2_addr(fn);
	if (!fn(vcpu))
		return 0;
	sv_write_sysreg(vcpu->ctxt.pc, elr_el2);
	sv_write_sysreg(vcpu->ctxt.pstate, spsr_el2);
	return 1;
}

/* ---- the host's EL1 state (pairs: __host_sysreg_save / _restore) -------- */

/*
 * Split mode: the kernel runs at EL1, all of it is switched.  VHE: the
 * kernel runs at EL2 and uses only the registers it shares with EL1
 * (sv_hyp_mode.h); the guest's EL1 registers stay where they are.
 */
static void __host_sysreg_save(struct sv_hyp_cpu *hc)
{
	if (SV_HYP_IS_VHE)
		__sv_sysreg_save_shared(&hc->host_el1);
	else
		__sv_sysreg_save(&hc->host_el1);
}

static void __host_sysreg_restore(struct sv_hyp_cpu *hc)
{
	if (SV_HYP_IS_VHE)
		__sv_sysreg_restore_shared(&hc->host_el1);
	else
		__sv_sysreg_restore(&hc->host_el1);
}

/* ---- the guest's EL1 state (pairs: __guest_sysreg_load / _save) --------- */

/*
 * The shared group is the kernel's too in both modes: loaded every time.
 * The EL1 group: in split mode the host's own comes back at every exit,
 * so it is loaded every time as well; in VHE the kernel never uses it, so
 * it stays in the CPU after the exit and is loaded again only if another
 * guest's was since, the vCPU ran on another CPU meanwhile, or the host
 * may have changed the saved copy (it zeroes el1_loaded_on).  Saved at
 * every exit all the same: the host reads ctxt.sys whenever it likes.
 */
static void __guest_sysreg_load(struct sv_hyp_cpu *hc, struct sv_vcpu_hyp *vcpu)
{
	sv_u64 me = (sv_u64)(unsigned long)&vcpu->ctxt;
	sv_u64 here = (sv_u64)(unsigned long)hc;

	__sv_sysreg_restore_shared(&vcpu->ctxt);
	if (SV_HYP_IS_VHE && hc->el1_resident == me &&
	    SV_READ_ONCE(vcpu->el1_loaded_on) == here)
		return;
	__sv_sysreg_restore_el1(&vcpu->ctxt);
	hc->el1_resident = SV_HYP_IS_VHE ? me : 0;
	SV_WRITE_ONCE(vcpu->el1_loaded_on, here);
}

static void __guest_sysreg_save(struct sv_vcpu_hyp *vcpu)
{
	__sv_sysreg_save(&vcpu->ctxt);
}

/* ---- the switch ---------------------------------------------------------- */

long __sv_vcpu_run(struct sv_vcpu_hyp *vcpu)
{
	struct sv_hyp_cpu *hc = __sv_this_cpu();
	struct sv_cpu_ctxt *guest = &vcpu->ctxt;
	struct sv_hyp_prof *prof = &hc->prof;
	sv_u64 code;

	/* save host EL1 state; load the guest's */
	sv_prof_begin(prof);
	__host_el2_save(hc);
	__host_sysreg_save(hc);
	sv_prof_mark(prof, SV_PROF_EL1_SAVE_HOST);
	__guest_sysreg_load(hc, vcpu);
	hc->guest_state_loaded = 1;
	sv_prof_mark(prof, SV_PROF_EL1_RESTORE_GUEST);
	__activate_traps(&hc->host_el2, &vcpu->cfg);
	sv_prof_mark(prof, SV_PROF_TRAPS_ON);
	__load_stage2(&vcpu->cfg);
	sv_prof_mark(prof, SV_PROF_S2_ON);
	__timer_restore(vcpu);
	sv_prof_mark(prof, SV_PROF_TIMER_RESTORE);
	__vgic_restore(hc, &vcpu->vgic);
	sv_prof_mark(prof, SV_PROF_VGIC_RESTORE);
	__debug_switch_to_guest(hc, vcpu);
	sv_prof_mark(prof, SV_PROF_DEBUG_GUEST);
	__fpsimd_switch_to_guest(hc, vcpu);
	if (vcpu->cfg.fastpath & SV_FAST_SGI)
		__sv_fast_sgi_enter(hc, vcpu);
	sv_write_sysreg(guest->pc, elr_el2);
	sv_write_sysreg(guest->pstate, spsr_el2);
	sv_prof_mark(prof, SV_PROF_FP_RESTORE);

	for (;;) {
		code = __sv_guest_enter(guest);
		sv_prof_mark(prof, SV_PROF_GUEST);
		if (!__fixup_exit(vcpu, code))
			break;
		sv_prof_reenter(prof);
		sv_prof_mark(prof, SV_PROF_EXIT_DECODE);
	}
	sv_prof_mark(prof, SV_PROF_EXIT_DECODE);
	if (vcpu->sgi.run)
		__sv_fast_sgi_leave(vcpu);

	/* and the reverse */
	__fpsimd_switch_to_host(hc, vcpu);
	sv_prof_mark(prof, SV_PROF_FP_SAVE);
	__debug_switch_to_host(hc);
	sv_prof_mark(prof, SV_PROF_DEBUG_HOST);
	__vgic_save(hc, &vcpu->vgic);
	sv_prof_mark(prof, SV_PROF_VGIC_SAVE);
	__timer_save(vcpu);
	sv_prof_mark(prof, SV_PROF_TIMER_SAVE);
	__load_host_stage2();
	sv_prof_mark(prof, SV_PROF_S2_OFF);
	__deactivate_traps(&hc->host_el2);
	sv_prof_mark(prof, SV_PROF_TRAPS_OFF);
	__guest_sysreg_save(vcpu);
	sv_prof_mark(prof, SV_PROF_EL1_SAVE_GUEST);
	__host_sysreg_restore(hc);
	hc->guest_state_loaded = 0;
	sv_isb();
	sv_prof_mark(prof, SV_PROF_EL1_RESTORE_HOST);
	return (long)code;
}

/* From the panic path: the host must get its own EL1/EL2 state back. */
void __sv_panic_fixup(struct sv_hyp_cpu *hc)
{
	hc->el1_resident = 0;		/* whatever the guest's EL1 registers hold now */
	if (!hc->guest_state_loaded)
		return;
	__fpsimd_switch_to_host(hc, (struct sv_vcpu_hyp *)0);
	__debug_switch_to_host(hc);
	/* Its PPI would otherwise keep firing into the host (an IRQ storm). */
	__timer_quiet();
	__vgic_reset(hc);
	__load_host_stage2();
	__deactivate_traps(&hc->host_el2);
	__host_sysreg_restore(hc);
	hc->guest_state_loaded = 0;
	sv_isb();
}
