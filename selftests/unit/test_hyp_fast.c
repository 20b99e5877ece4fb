// SPDX-License-Identifier: GPL-2.0
/*
 * EL2's fast-path exit handlers (hyp/switch.c __sv_fast_handlers), run
 * natively against the fake backend: every populated entry of the table,
 * called through the table, must have cases here; and through
 * __sv_vcpu_run(), every exception class re-enters the guest exactly
 * when its handler says so.
 */
#include "hyp_fixture.h"

#define PAR_F			1ULL		/* PAR_EL1.F: the translation failed */
#define PAR_OK(pa)		((pa) & ~0xfffULL)
#define GUEST_PAR		FX_GUEST_SYS(SV_PAR_EL1)

/*
 * One call of a handler: the ISS of the exit, what a following AT gives,
 * what the handler must return, and the HPFAR_EL2 value the exit then has
 * (at_done: whether the handler must have translated with AT).
 */
struct fast_case {
	const char *what;
	sv_u64 iss, at_par;
	int want, at_done;
	sv_u64 hpfar;
};

/* The stage-2 abort fixup (hyp/switch.c __fixup_abort). */
static const struct fast_case abort_cases[] = {
	{ "translation fault: HPFAR is valid, to the host", 0x07, 0, 0, 0, 0x9990 },
	{ "access flag fault: to the host", 0x0b, 0, 0, 0, 0x9990 },
	{ "permission fault on a stage-1 walk (S1PTW): HPFAR is valid, to the host",
	  SV_ESR_S1PTW | 0x0f, 0, 0, 0, 0x9990 },
	{ "permission fault, AT translates: HPFAR from PAR, to the host", 0x0f,
	  PAR_OK(0x81234567000ULL), 0, 1, 0x81234567ULL << 4 },
	{ "permission fault at level 1, AT translates", 0x0d, PAR_OK(0x40000000ULL), 0, 1,
	  0x40000ULL << 4 },
	{ "permission fault, AT fails (PAR.F): re-enter, the guest faults again", 0x0f,
	  PAR_F, 1, 1, 0x9990 },
};

static void run_abort_cases(unsigned int ec);
static void run_fp_cases(unsigned int ec);
static void fp_setup(int lazy, sv_u64 loaded);
static void fp_setup_lazy(void);

/*
 * Every EC with a fast handler: its cases, and how to set up a vCPU for
 * which the handler takes the exit (test_through_run).
 */
static const struct {
	unsigned int ec;
	void (*cases)(unsigned int ec);
	void (*setup_taken)(void);
} expected[] = {
	{ SV_EC_FP_ASIMD, run_fp_cases, fp_setup_lazy },
	{ SV_EC_IABT_LOW, run_abort_cases, NULL },
	{ SV_EC_DABT_LOW, run_abort_cases, NULL },
};

#define NR_EXPECTED	((int)(sizeof(expected) / sizeof(expected[0])))

static int expected_of(unsigned int ec)
{
	int i;

	for (i = 0; i < NR_EXPECTED; i++)
		if (expected[i].ec == ec)
			return i;
	return -1;
}

static void run_case(unsigned int ec, const struct fast_case *c)
{
	sv_fast_fn fn = (sv_fast_fn)sv_hyp_va(__sv_fast_handlers[ec]);
	struct sv_fake_exit e = fx_sync(ec, c->iss);
	int at, ret;

	fx_setup(SV_VGIC_MODEL_NONE, 0);
	fx_vcpu.exit = (struct sv_exit_info){ .esr = e.esr, .far = e.far, .hpfar = e.hpfar };
	sv_fake_regs[R(par_el1)] = GUEST_PAR;
	sv_fake_at_par = c->at_par;
	ret = fn(&fx_vcpu);
	at = sv_fake_find(0, SV_FAKE_AT, -1);
	TAP_EQ(ret, c->want, "EC %#x, %s: returns %d", ec, c->what, c->want);
	TAP_EQ(fx_vcpu.exit.hpfar, c->hpfar, "EC %#x, %s: HPFAR", ec, c->what);
	TAP_EQ(at >= 0, c->at_done, "EC %#x, %s: %s", ec, c->what,
	       c->at_done ? "translates FAR with AT S1E1R" : "no AT");
	if (at >= 0)
		TAP_CHECK(!strcmp(sv_fake_trace[at].what, "s1e1r") && sv_fake_trace[at].val == e.far &&
			  sv_fake_find(at, SV_FAKE_ISB, -1) > at &&
			  sv_fake_find(at, SV_FAKE_RD, R(par_el1)) > sv_fake_find(at, SV_FAKE_ISB, -1),
			  "EC %#x, %s: AT S1E1R of FAR, ISB, then PAR_EL1 read", ec, c->what);
	TAP_EQ(sv_fake_regs[R(par_el1)], GUEST_PAR, "EC %#x, %s: the guest's PAR_EL1 is kept", ec,
	       c->what);
}

static void run_abort_cases(unsigned int ec)
{
	unsigned int i;

	for (i = 0; i < sizeof(abort_cases) / sizeof(abort_cases[0]); i++)
		run_case(ec, &abort_cases[i]);
}

/* ---- lazy FP/SIMD (hyp/switch.c __fpsimd_first_use) ---------------------- */

static void fp_setup(int lazy, sv_u64 loaded)
{
	fx_setup(SV_VGIC_MODEL_NONE, 0);
	if (lazy) {
		fx_vcpu.cfg.flags |= SV_VCPU_FP_LAZY;
		fx_vcpu.cfg.cptr |= SV_CPTR_TFP;
	}
	fx_hc.fp_guest_loaded = loaded;
}

static void fp_setup_lazy(void)
{
	fp_setup(1, SV_FP_GUEST_NONE);
}

/* The call event of stub name with argument arg at or after from, or -1. */
static int fp_call(int from, const char *name, const void *arg)
{
	int i;

	for (i = sv_fake_find_call(from, name); i >= 0; i = sv_fake_find_call(i + 1, name))
		if (sv_fake_trace[i].addr == (sv_u64)(unsigned long)arg)
			return i;
	return -1;
}

static void run_fp_cases(unsigned int ec)
{
	static const struct {
		const char *what;
		int lazy;
		sv_u64 loaded;
		int want;
	} cases[] = {
		{ "lazy run, first use: swap and re-enter", 1, SV_FP_GUEST_NONE, 1 },
		{ "eager run (guest's loaded at entry): to the host", 0, SV_FP_GUEST_EAGER, 0 },
		{ "eager run, nothing loaded: to the host", 0, SV_FP_GUEST_NONE, 0 },
		{ "lazy run, guest's already loaded: to the host", 1, SV_FP_GUEST_LAZY, 0 },
	};
	sv_fast_fn fn = (sv_fast_fn)sv_hyp_va(__sv_fast_handlers[ec]);
	unsigned int i;
	int w, s, r;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fp_setup(cases[i].lazy, cases[i].loaded);
		TAP_EQ(fn(&fx_vcpu), cases[i].want, "EC %#x, %s: returns %d", ec, cases[i].what,
		       cases[i].want);
		if (!cases[i].want) {
			TAP_CHECK(sv_fake_find(0, SV_FAKE_WR, -1) < 0 &&
				  sv_fake_find(0, SV_FAKE_CALL, -1) < 0 &&
				  fx_hc.fp_guest_loaded == cases[i].loaded &&
				  !fx_vcpu.fast.fp_lazy_loads,
				  "EC %#x, %s: touches nothing", ec, cases[i].what);
			continue;
		}
		w = sv_fake_find(0, SV_FAKE_WR, R(cptr_el2));
		s = fp_call(0, "__sv_fpsimd_save", &fx_hc.host_fp);
		r = fp_call(0, "__sv_fpsimd_restore", &fx_vcpu.ctxt.fp);
		TAP_CHECK(w >= 0 && sv_fake_trace[w].val == (fx_vcpu.cfg.cptr & ~SV_CPTR_TFP) &&
			  sv_fake_find(0, SV_FAKE_CALL, -1) > w,
			  "EC %#x, %s: CPTR_EL2.TFP cleared before any FP/SIMD access", ec,
			  cases[i].what);
		TAP_CHECK(sv_fake_find(w, SV_FAKE_ISB, -1) > w && s > sv_fake_find(w, SV_FAKE_ISB, -1) &&
			  r > s, "EC %#x, %s: ISB, then the host's saved, then the guest's loaded",
			  ec, cases[i].what);
		TAP_CHECK(fx_hc.fp_guest_loaded == SV_FP_GUEST_LAZY && fx_vcpu.fast.fp_lazy_loads == 1,
			  "EC %#x, %s: marked loaded lazily and counted", ec, cases[i].what);
	}
}

/*
 * A lazy run end to end: nothing FP at entry, the first use swaps, the
 * exit saves the guest's and gives the host its own back; a panic with
 * the guest's loaded gives the host its own back too.  An eager run loads
 * and saves the guest's only.
 */
static void test_fp_runs(void)
{
	struct sv_fake_exit exits[2] = { fx_sync(SV_EC_FP_ASIMD, 0), fx_irq };
	int g, e, i;

	fp_setup_lazy();
	sv_fake_script(exits, 2);
	TAP_EQ(__sv_vcpu_run(&fx_vcpu), SV_EXIT_IRQ, "lazy FP run: the FP trap re-enters, the IRQ exits");
	g = sv_fake_find_call(0, "__sv_guest_enter");
	TAP_CHECK(g >= 0 && sv_fake_find_call(0, "__sv_fpsimd_restore") > g,
		  "lazy FP run: no FP/SIMD load before the guest's first use");
	e = sv_fake_find_call(g + 1, "__sv_guest_enter");
	i = fp_call(e, "__sv_fpsimd_save", &fx_vcpu.ctxt.fp);
	TAP_CHECK(e > g && i > e && fp_call(i, "__sv_fpsimd_restore", &fx_hc.host_fp) > i,
		  "lazy FP run: at the exit the guest's saved, then the host's restored");
	TAP_EQ(fx_hc.fp_guest_loaded, SV_FP_GUEST_NONE, "lazy FP run: nothing of the guest's left loaded");
	TAP_EQ(sv_fake_regs[R(cptr_el2)], fx_host[R(cptr_el2)], "lazy FP run: the host's CPTR_EL2 back");

	fp_setup_lazy();
	TAP_EQ(__sv_vcpu_run(&fx_vcpu), SV_EXIT_IRQ, "lazy FP run without FP use");
	TAP_CHECK(sv_fake_find_call(0, "__sv_fpsimd_save") < 0 &&
		  sv_fake_find_call(0, "__sv_fpsimd_restore") < 0,
		  "lazy FP run without FP use: no FP/SIMD register touched");

	fp_setup(0, SV_FP_GUEST_NONE);
	__sv_vcpu_run(&fx_vcpu);
	g = sv_fake_find_call(0, "__sv_guest_enter");
	TAP_CHECK(fp_call(0, "__sv_fpsimd_restore", &fx_vcpu.ctxt.fp) < g &&
		  fp_call(g, "__sv_fpsimd_save", &fx_vcpu.ctxt.fp) > g &&
		  fp_call(0, "__sv_fpsimd_restore", &fx_hc.host_fp) < 0,
		  "eager FP run: the guest's loaded before entry, saved after, host_fp unused");

	exits[1] = (struct sv_fake_exit){ .code = SV_EXIT_SYNC, .panic = 1 };
	fp_setup_lazy();
	sv_fake_script(exits, 2);
	if (!setjmp(sv_fake_panic_jmp))
		__sv_vcpu_run(&fx_vcpu);
	TAP_CHECK(fp_call(0, "__sv_fpsimd_restore", &fx_hc.host_fp) >= 0 &&
		  fx_hc.fp_guest_loaded == SV_FP_GUEST_NONE,
		  "panic with a lazily loaded guest FP state: the host's restored");
}

static void test_table(void)
{
	unsigned int ec;
	int x;

	for (ec = 0; ec < SV_ESR_EC_NR; ec++) {
		x = expected_of(ec);
		if (!__sv_fast_handlers[ec]) {
			TAP_CHECK(x < 0, "EC %#x: no fast handler%s", ec,
				  x < 0 ? "" : ", but this test expects one");
			continue;
		}
		TAP_CHECK(x >= 0, "EC %#x: its fast handler has cases in this test", ec);
		if (x < 0)
			continue;
		expected[x].cases(ec);
	}
}

/*
 * Every exception class through the world switch: a permission fault's
 * ISS whose AT fails, then an IRQ.  An EC with a handler re-enters (the
 * abort fixup returns 1 on PAR.F); any other goes to the host at once.
 */
static void test_through_run(void)
{
	struct sv_fake_exit exits[2];
	unsigned int ec;
	int bad = 0, want, x;
	long ret;

	for (ec = 0; ec < SV_ESR_EC_NR; ec++) {
		exits[0] = fx_sync(ec, SV_FSC_PERM | 3);
		exits[0].at_par = PAR_F;
		exits[1] = (struct sv_fake_exit){ .code = SV_EXIT_IRQ, .elr = 0x80001008 };
		x = expected_of(ec);
		if (x >= 0 && expected[x].setup_taken)
			expected[x].setup_taken();
		else
			fx_setup(SV_VGIC_MODEL_NONE, 0);
		sv_fake_script(exits, 2);
		ret = __sv_vcpu_run(&fx_vcpu);
		want = __sv_fast_handlers[ec] ? 2 : 1;
		if (sv_fake_entries != want ||
		    ret != (want == 2 ? SV_EXIT_IRQ : SV_EXIT_SYNC) ||
		    (want == 1 && fx_vcpu.exit.esr != exits[0].esr)) {
			printf("#   EC %#x: %d entries, returned %ld\n", ec, sv_fake_entries, ret);
			bad++;
		}
	}
	TAP_EQ(bad, 0, "all 64 ECs: re-entered iff the fast handler returned 1, else the exit "
	       "(with its ESR) goes to the host");
}

int main(void)
{
	test_table();
	test_through_run();
	test_fp_runs();
	return tap_done();
}
