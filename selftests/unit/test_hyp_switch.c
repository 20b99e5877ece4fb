// SPDX-License-Identifier: GPL-2.0
/*
 * The world switch (hyp/switch.c, with hyp/sysreg-sr.c, vgic-v3-sr.c,
 * vgic-v2-sr.c and debug-sr.c) run natively against the fake backend:
 * the order of its steps, what the guest runs with, that the host gets
 * every register back, the exit loop, and the panic fixup.
 */
#include "hyp_fixture.h"

/* The steps of __sv_vcpu_run() as the trace shows them; barriers, TLBI and AT aside. */
static const char *step_of(const struct sv_fake_event *e)
{
	int r = e->reg;

	switch (e->kind) {
	case SV_FAKE_CALL:
		if (!strcmp(e->what, "__sv_guest_enter"))
			return "guest";
		return strcmp(e->what, "__sv_fpsimd_save") ? "fp-restore" : "fp-save";
	case SV_FAKE_MMIO_RD:
	case SV_FAKE_MMIO_WR:
		return "vgic";
	case SV_FAKE_RD:
	case SV_FAKE_WR:
		break;
	default:
		return NULL;
	}
	if (r <= R(spsr_el1))		/* the EL1 context comes first in the register list */
		return e->kind == SV_FAKE_RD ? "el1-save" : "el1-restore";
	if (r >= R(hcr_el2) && r <= R(vmpidr_el2))
		return "traps";
	if (r == R(vtcr_el2) || r == R(vttbr_el2))
		return "stage-2";
	if (r == R(elr_el2) || r == R(spsr_el2))
		return "eret-state";
	if (r == R(esr_el2) || r == R(far_el2) || r == R(hpfar_el2))
		return "syndrome";
	if (r == R(cntv_ctl_el0) || r == R(cntv_cval_el0))
		return "timer";
	if (r >= R(dbgbvr0_el1) && r <= R(dbgwcr15_el1))
		return "debug";
	if (r >= R(S3_4_C12_C11_0))
		return "vgic";
	return NULL;			/* tpidr_el2: EL2 finding its per-CPU struct */
}

/* The trace as steps, a run of events of one step written once. */
static const char *steps(int from, int to)
{
	static char buf[1024];
	const char *last = NULL, *s;
	int i;

	buf[0] = 0;
	for (i = from; i < to; i++) {
		s = step_of(&sv_fake_trace[i]);
		if (!s || (last && !strcmp(s, last)))
			continue;
		if (buf[0])
			strcat(buf, " ");
		strcat(buf, s);
		last = s;
	}
	return buf;
}

#define STEPS_TO_GUEST	"el1-save el1-restore traps stage-2 timer vgic debug fp-restore eret-state guest"
#define STEPS_TO_HOST	"eret-state fp-save debug vgic timer stage-2 traps el1-save el1-restore"

static void check_steps(const char *what)
{
	const char *want = STEPS_TO_GUEST " " STEPS_TO_HOST;
	const char *got = steps(0, sv_fake_nr_events);

	TAP_CHECK(!strcmp(got, want), "%s: steps in order: %s", what, want);
	if (strcmp(got, want)) {
		printf("#   got: %s\n", got);
		sv_fake_dump();
	}
}

static const int trap_regs[] = { R(hcr_el2), R(mdcr_el2), R(cptr_el2), R(cnthctl_el2),
				 R(cntvoff_el2), R(vpidr_el2), R(vmpidr_el2) };

/* Index of the first (last) write to a trap register in [from, to). */
static int trap_write(int from, int to, int last)
{
	int i, best = -1, e;

	for (i = 0; i < (int)(sizeof(trap_regs) / sizeof(trap_regs[0])); i++) {
		e = last ? sv_fake_find_last(to, SV_FAKE_WR, trap_regs[i])
			 : sv_fake_find(from, SV_FAKE_WR, trap_regs[i]);
		if (e < from || e >= to)
			continue;
		if (best < 0 || (last ? e > best : e < best))
			best = e;
	}
	return best;
}

static void test_order(void)
{
	int enter, hcr_on, hcr_off, s2_on, gich;

	fx_setup(SV_VGIC_MODEL_V3, 2);
	TAP_EQ(__sv_vcpu_run(&fx_vcpu), SV_EXIT_IRQ, "a run that takes an IRQ exit returns it");
	check_steps("GICv3, debug loaded");
	enter = sv_fake_find_call(0, "__sv_guest_enter");

	/* Activation's last write is HCR_EL2, deactivation's first (pairs). */
	hcr_on = sv_fake_find(0, SV_FAKE_WR, R(hcr_el2));
	TAP_CHECK(hcr_on == trap_write(0, enter, 1) && hcr_on == sv_fake_find_last(enter, SV_FAKE_WR,
										   R(hcr_el2)),
		  "entry writes HCR_EL2 once, after every other trap register");
	hcr_off = sv_fake_find(enter, SV_FAKE_WR, R(hcr_el2));
	TAP_CHECK(hcr_off == trap_write(enter, sv_fake_nr_events, 0) &&
		  hcr_off == sv_fake_find_last(sv_fake_nr_events, SV_FAKE_WR, R(hcr_el2)),
		  "exit writes HCR_EL2 once, before every other trap register");
	TAP_CHECK(sv_fake_find(0, SV_FAKE_RD, R(hcr_el2)) < 0 &&
		  sv_fake_find(0, SV_FAKE_RD, R(vmpidr_el2)) < 0,
		  "a run reads none of the host's EL2 configuration (recorded once per CPU)");
	s2_on = sv_fake_find(0, SV_FAKE_WR, R(vttbr_el2));
	TAP_CHECK(hcr_on >= 0 && hcr_on < s2_on, "traps are on before stage-2 is loaded");
	TAP_CHECK(sv_fake_find(0, SV_FAKE_RD, R(spsr_el1)) >= 0 &&
		  sv_fake_find(0, SV_FAKE_WR, -1) > sv_fake_find(0, SV_FAKE_RD, R(spsr_el1)),
		  "the host's EL1 state is saved (SPSR_EL1 last) before any register is written");
	TAP_CHECK(sv_fake_find_last(enter, SV_FAKE_WR, -1) ==
		  sv_fake_find_last(enter, SV_FAKE_WR, R(spsr_el2)),
		  "ELR/SPSR_EL2 (the guest's PC, PSTATE) are the last writes before entry");
	TAP_CHECK(sv_fake_find_last(sv_fake_find(0, SV_FAKE_WR, R(ICH_HCR_EL2)), SV_FAKE_WR,
				    R(ICH_VMCR_EL2)) >= 0,
		  "vGICv3: ICH_HCR_EL2 (the enable) written after the rest of the interface");

	fx_setup(SV_VGIC_MODEL_V2, 2);
	__sv_vcpu_run(&fx_vcpu);
	check_steps("GICv2 (GICH frame), debug loaded");
	gich = sv_fake_find_last(sv_fake_find_call(0, "__sv_guest_enter"), SV_FAKE_MMIO_WR, -1);
	TAP_EQ(gich < 0 ? 0 : sv_fake_trace[gich].addr,
	       (sv_u64)(unsigned long)&fx_gich[SV_GICH_HCR / 4],
	       "vGICv2: GICH_HCR (the enable) is the last GICH write before entry");
}

static void test_guest_state(void)
{
	const sv_u64 *in = sv_fake_at_entry;
	const struct sv_vcpu_cfg *cfg = &fx_vcpu.cfg;
	int i, bad = 0;

	fx_setup(SV_VGIC_MODEL_V3, 2);
	__sv_vcpu_run(&fx_vcpu);
	for (i = 0; i < SV_NR_SYSREGS; i++)
		bad += in[R(sctlr_el1) + i] != FX_GUEST_SYS(i);
	TAP_EQ(bad, 0, "the guest runs with its 25 EL1 registers");
	TAP_CHECK(in[R(hcr_el2)] == cfg->hcr && in[R(mdcr_el2)] == cfg->mdcr &&
		  in[R(cptr_el2)] == cfg->cptr && in[R(cnthctl_el2)] == cfg->cnthctl &&
		  in[R(cntvoff_el2)] == cfg->cntvoff && in[R(vpidr_el2)] == cfg->vpidr &&
		  in[R(vmpidr_el2)] == cfg->vmpidr, "the guest runs with the host's EL2 configuration for it");
	TAP_CHECK(in[R(vttbr_el2)] == cfg->vttbr && in[R(vtcr_el2)] == cfg->vtcr,
		  "the guest runs with its stage-2 (VTTBR/VTCR)");
	TAP_CHECK(in[R(cntv_cval_el0)] == 0x123456 && in[R(cntv_ctl_el0)] == 1,
		  "the guest runs with its virtual timer");
	TAP_CHECK(in[R(ICH_HCR_EL2)] == SV_ICH_HCR_EN && in[R(ICH_VMCR_EL2)] == 0xf0000003 &&
		  in[R(S3_4_C12_C12_0)] == fx_vcpu.vgic.lr[0] &&
		  in[R(S3_4_C12_C12_1)] == fx_vcpu.vgic.lr[1] && in[R(S3_4_C12_C12_2)] == 0 &&
		  in[R(S3_4_C12_C9_0)] == 0x8, "the guest runs with its vGIC interface (2 LRs used)");
	TAP_CHECK(in[R(dbgbvr1_el1)] == 0xb001 && in[R(dbgwcr1_el1)] == 0x1f7 &&
		  in[R(dbgbvr2_el1)] == FX_HOST(R(dbgbvr2_el1)),
		  "the guest runs with its 2 breakpoints/watchpoints, the rest untouched");
	TAP_CHECK(in[R(elr_el2)] == 0x80001000 && in[R(spsr_el2)] == 0x3c5,
		  "the guest enters at its PC with its PSTATE");
	TAP_CHECK(in[R(ICC_SRE_EL2)] == (FX_ICC_SRE & ~8ULL),
		  "ICC_SRE_EL2.Enable is clear while the guest runs (its SRE_EL1 is not the host's)");
	TAP_EQ(sv_fake_trace[sv_fake_find_call(0, "__sv_guest_enter")].addr,
	       (sv_u64)(unsigned long)&fx_vcpu.ctxt, "__sv_guest_enter gets the vCPU's context");
}

/*
 * Not the host's to get back: what an exception to EL2 sets (the vectors
 * put the host's ELR/SPSR_EL2 back from its saved context), VTCR_EL2
 * (unused while HCR_EL2.VM is clear), and the virtual timer's compare
 * value and the virtual GIC's VMCR and active priorities, which mean
 * nothing while CNTV_CTL_EL0 and ICH_HCR_EL2 are 0.
 */
static int not_hosts(int r)
{
	return r == R(elr_el2) || r == R(spsr_el2) || r == R(esr_el2) || r == R(far_el2) ||
	       r == R(hpfar_el2) || r == R(vtcr_el2) || r == R(cntv_cval_el0) ||
	       r == R(ICH_VMCR_EL2) || (r >= R(S3_4_C12_C8_0) && r <= R(S3_4_C12_C9_3));
}

/* skip: one more register the check leaves out (-1: none). */
static void check_host_back(const char *what, int skip)
{
	TAP_EQ(fx_regs_changed(what, not_hosts, skip), 0, "%s: every host register is back", what);
	TAP_CHECK(!fx_hc.guest_state_loaded && fx_hc.vgic_loaded == SV_VGIC_MODEL_NONE &&
		  !fx_hc.dbg_loaded_brps && !fx_hc.dbg_loaded_wrps,
		  "%s: nothing of the guest is marked loaded", what);
}

static void test_host_back(void)
{
	int i, bad = 0;

	fx_setup(SV_VGIC_MODEL_V3, 16);
	__sv_vcpu_run(&fx_vcpu);
	check_host_back("after a run (GICv3, 16 breakpoints)", -1);
	for (i = 0; i < SV_NR_SYSREGS; i++)
		bad += fx_hc.host_el1.sys[i] != fx_host[R(sctlr_el1) + i];
	TAP_EQ(bad, 0, "the host's EL1 registers were saved in its per-CPU context");
	TAP_CHECK(fx_vcpu.cntv_ctl == 1 && fx_vcpu.cntv_cval == 0x123456 &&
		  fx_vcpu.ctxt.pc == fx_irq.elr &&
		  fx_vcpu.ctxt.sys[SV_PAR_EL1] == FX_GUEST_SYS(SV_PAR_EL1),
		  "the guest's state is saved back into the vCPU (PC from ELR_EL2 at the exit)");

	fx_setup(SV_VGIC_MODEL_V2, 0);
	__sv_vcpu_run(&fx_vcpu);
	check_host_back("after a run (GICv2, no debug)", -1);
	TAP_CHECK(fx_gich[SV_GICH_HCR / 4] == 0 && fx_gich[SV_GICH_LR0 / 4] == 0 &&
		  fx_gich[SV_GICH_LR0 / 4 + 1] == 0, "GICH_HCR and the used GICH_LRs are 0 again");
}

static void test_exit_loop(void)
{
	struct sv_fake_exit exits[2];
	int first, second, i, ok = 1;

	/* A permission fault AT cannot translate: EL2 re-enters; then an hvc. */
	exits[0] = fx_sync(SV_EC_DABT_LOW, SV_FSC_PERM | 3);
	exits[0].at_par = 1;				/* PAR_EL1.F */
	exits[1] = fx_sync(SV_EC_HVC64, 0);
	exits[1].elr = 0x80002000;
	fx_setup(SV_VGIC_MODEL_V3, 1);
	sv_fake_script(exits, 2);
	TAP_EQ(__sv_vcpu_run(&fx_vcpu), SV_EXIT_SYNC, "the hvc exit is returned to the host");
	TAP_EQ(sv_fake_entries, 2, "a fast-path exit that returns 1 re-enters the guest");
	TAP_EQ(fx_vcpu.exit.esr, exits[1].esr, "the exit's ESR is the hvc's");
	TAP_EQ(fx_vcpu.ctxt.pc, 0x80002000, "the guest's PC is ELR_EL2 at the last exit");
	first = sv_fake_find_call(0, "__sv_guest_enter");
	second = sv_fake_find_call(first + 1, "__sv_guest_enter");
	for (i = first + 1; i < second; i++) {
		const char *s = step_of(&sv_fake_trace[i]);

		if (s && strcmp(s, "eret-state") && strcmp(s, "syndrome") &&
		    !(sv_fake_trace[i].reg == R(par_el1)))
			ok = 0;
	}
	TAP_CHECK(second > first && ok,
		  "between the entries only the exit is decoded: no step of the switch runs");
	TAP_CHECK(sv_fake_find_last(second, SV_FAKE_WR, R(elr_el2)) > first &&
		  sv_fake_trace[sv_fake_find_last(second, SV_FAKE_WR, R(elr_el2))].val == 0x80001004,
		  "the re-entry resumes the guest at ELR_EL2 of the exit");

	/*
	 * The same permission fault, but the guest's SError was taken in the
	 * exit's window (hyp/entry.S ORs the flag in): the host's at once.
	 */
	exits[0].code |= SV_EXIT_SERROR_PENDING;
	fx_setup(SV_VGIC_MODEL_V3, 1);
	sv_fake_script(exits, 1);
	TAP_EQ(__sv_vcpu_run(&fx_vcpu), SV_EXIT_SYNC | SV_EXIT_SERROR_PENDING,
	       "an exit with the guest's SError pending is returned to the host, flagged");
	TAP_CHECK(sv_fake_entries == 1 && fx_vcpu.exit.esr == exits[0].esr &&
		  sv_fake_find(0, SV_FAKE_AT, -1) < 0,
		  "... its ESR recorded, no fast path run (no AT), not re-entered");
	TAP_CHECK(!sv_fake_script_overrun, "... the guest entered once");

	/* An IRQ exit is the host's at once; its ESR is not read. */
	exits[0] = (struct sv_fake_exit){ .code = SV_EXIT_IRQ, .esr = 0xdead };
	fx_setup(SV_VGIC_MODEL_NONE, 0);
	sv_fake_script(exits, 1);
	TAP_EQ(__sv_vcpu_run(&fx_vcpu), SV_EXIT_IRQ, "an IRQ exit is returned to the host");
	TAP_CHECK(sv_fake_entries == 1 && sv_fake_find(0, SV_FAKE_RD, R(esr_el2)) < 0,
		  "an IRQ exit does not read ESR_EL2");
	TAP_CHECK(sv_fake_find(0, SV_FAKE_RD, R(ICH_VTR_EL2)) < 0 &&
		  sv_fake_find(0, SV_FAKE_MMIO_WR, -1) < 0 && sv_fake_find(0, SV_FAKE_WR,
		  R(dbgbvr0_el1)) < 0, "no vGIC model, no debug load: neither is touched");
	TAP_CHECK(!sv_fake_script_overrun, "no run entered the guest more often than scripted");
}

/*
 * A panic during the run: the host gets every register back, and the
 * guest's virtual timer is disarmed as on a normal exit (CNTV_CTL_EL0 0:
 * its PPI must not keep firing into the host).
 */
static void test_panic(void)
{
	fx_setup(SV_VGIC_MODEL_V3, 4);
	TAP_CHECK(fx_run_panic(&fx_vcpu, &fx_boom, 1),
		  "a fault at EL2 during the run takes the panic path");
	check_host_back("after the panic fixup (GICv3, 4 breakpoints)", -1);

	fx_setup(SV_VGIC_MODEL_V2, 0);
	fx_run_panic(&fx_vcpu, &fx_boom, 1);
	check_host_back("after the panic fixup (GICv2)", -1);
	TAP_CHECK(fx_gich[SV_GICH_HCR / 4] == 0 && fx_gich[SV_GICH_LR0 / 4] == 0,
		  "the panic fixup leaves the GICH interface quiet");

	fx_setup(SV_VGIC_MODEL_V3, 4);
	__sv_panic_fixup(&fx_hc);
	TAP_EQ(sv_fake_find(0, SV_FAKE_WR, -1), -1,
	       "a panic with no guest loaded writes no register");
}

/* A write to ICH_VMCR_EL2 or an ICH_AP<n>R<m>_EL2 in the trace. */
static int vmcr_apr_writes(void)
{
	int i, n = 0, r;

	for (i = 0; i < sv_fake_nr_events; i++) {
		r = sv_fake_trace[i].reg;
		if (sv_fake_trace[i].kind == SV_FAKE_WR &&
		    (r == R(ICH_VMCR_EL2) || (r >= R(S3_4_C12_C8_0) && r <= R(S3_4_C12_C9_3))))
			n++;
	}
	return n;
}

/* One more run of fx_vcpu on the same CPU, the registers as the last left them. */

/*
 * VMCR and the active priorities load only when the CPU does not hold
 * this vCPU's already: first run, another vCPU's run in between, a run
 * of this vCPU on another CPU, a host write (userspace, reset), a panic
 * fixup or a CPU re-init.
 */
static void test_vgic_resident(void)
{
	static struct sv_vcpu_hyp other;

	fx_setup(SV_VGIC_MODEL_V3, 0);
	__sv_vcpu_run(&fx_vcpu);
	TAP_EQ(vmcr_apr_writes(), 5, "first run: ICH_VMCR_EL2 and the 4 active priority registers written");
	TAP_CHECK(fx_hc.vgic_resident == (sv_u64)(unsigned long)&fx_vcpu.vgic &&
		  fx_vcpu.vgic.loaded_on == (sv_u64)(unsigned long)&fx_hc,
		  "the CPU records whose VMCR/APRs it holds, the interface where they were loaded");
	TAP_EQ(sv_fake_regs[R(ICH_VMCR_EL2)], 0xf0000003, "ICH_VMCR_EL2 keeps the guest's after the exit");

	fx_vcpu.vgic.vmcr = 0x1234;		/* what EL2 saved: never stale */
	fx_run_again(&fx_vcpu);
	TAP_EQ(vmcr_apr_writes(), 0, "the next run on the same CPU writes neither VMCR nor an APR");
	TAP_CHECK(sv_fake_find(0, SV_FAKE_WR, R(S3_4_C12_C12_0)) >= 0 &&
		  sv_fake_find(0, SV_FAKE_WR, R(ICH_HCR_EL2)) >= 0,
		  "... but the list registers and ICH_HCR_EL2 load as before");
	TAP_EQ(fx_vcpu.vgic.vmcr, 0xf0000003, "... and VMCR is still saved at the exit");

	fx_vcpu.vgic.vmcr = 0x1234;
	fx_vcpu.vgic.loaded_on = 0;
	fx_run_again(&fx_vcpu);
	TAP_CHECK(vmcr_apr_writes() > 0 && fx_vcpu.vgic.vmcr == 0x1234 &&
		  fx_vcpu.vgic.loaded_on == (sv_u64)(unsigned long)&fx_hc,
		  "after a host write (loaded_on 0) the next run loads VMCR/APRs again");

	/* It ran on another CPU since: what this CPU holds is older than what was saved. */
	fx_vcpu.vgic.vmcr = 0x4321;
	fx_vcpu.vgic.loaded_on = 0x5a5a000;	/* another CPU's struct */
	fx_run_again(&fx_vcpu);
	TAP_CHECK(vmcr_apr_writes() > 0 && fx_vcpu.vgic.vmcr == 0x4321,
		  "after a run on another CPU the next run here loads VMCR/APRs again");

	other = fx_vcpu;
	other.vgic.vmcr = 0x5678;
	other.vgic.loaded_on = 0;
	fx_run_again(&other);
	TAP_CHECK(vmcr_apr_writes() > 0 && sv_fake_regs[R(ICH_VMCR_EL2)] == 0x5678,
		  "another vCPU's run on the CPU loads its own");
	fx_run_again(&fx_vcpu);
	TAP_CHECK(vmcr_apr_writes() > 0 && fx_vcpu.vgic.vmcr == 0x4321,
		  "... and the first vCPU's next run loads its values back");

	fx_run_panic(&fx_vcpu, &fx_boom, 1);
	TAP_EQ(fx_hc.vgic_resident, 0, "a panic during a run forgets the resident interface");
	fx_run_again(&fx_vcpu);
	TAP_CHECK(vmcr_apr_writes() > 0, "... so the next run loads VMCR/APRs");

	fx_setup(SV_VGIC_MODEL_V2, 0);
	__sv_vcpu_run(&fx_vcpu);
	TAP_EQ(fx_hc.vgic_resident, 0, "a GICv2 vCPU leaves no resident v3 interface");
}

/* Split mode: the host's EL1 state comes back at each exit, the guest's loads every time. */
static void test_el1_every_run(void)
{
	int first;

	fx_setup(SV_VGIC_MODEL_V3, 0);
	__sv_vcpu_run(&fx_vcpu);
	fx_run_again(&fx_vcpu);
	first = sv_fake_find(0, SV_FAKE_WR, R(sctlr_el1));
	TAP_CHECK(fx_hc.el1_resident == 0 && first >= 0 &&
		  sv_fake_at_entry[R(sctlr_el1)] == FX_GUEST_SYS(SV_SCTLR_EL1) &&
		  sv_fake_find(first + 1, SV_FAKE_WR, R(sctlr_el1)) > first,
		  "split mode: a second run loads the guest's EL1 registers again (nothing resident)");
}

int main(void)
{
	test_order();
	test_guest_state();
	test_host_back();
	test_exit_loop();
	test_panic();
	test_vgic_resident();
	test_el1_every_run();
	return tap_done();
}
