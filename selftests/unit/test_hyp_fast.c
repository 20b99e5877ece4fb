// SPDX-License-Identifier: GPL-2.0
/*
 * EL2's fast-path exit handlers (hyp/switch.c __sv_fast_handlers), run
 * natively against the fake backend: every populated entry of the table,
 * called through the table, must have cases here; and through
 * __sv_vcpu_run(), every exception class re-enters the guest exactly
 * when its handler says so.
 */
#include <stdlib.h>
#include "hyp_fixture.h"
#include "sv_hyp_fast.h"

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
static void run_hvc_cases(unsigned int ec);
static void run_smc_cases(unsigned int ec);
static void run_sysreg_cases(unsigned int ec);
static void run_wfi_cases(unsigned int ec);
static void pub_setup(void);
static void wfi_setup_taken(void);

/*
 * Every EC with a fast handler: its cases, and how to set up a vCPU for
 * which the handler takes the exit (test_through_run), with the ISS it
 * needs for that if not the permission fault's (own_iss).
 */
static const struct {
	unsigned int ec;
	void (*cases)(unsigned int ec);
	void (*setup_taken)(void);
	int own_iss;
	sv_u64 iss;
} expected[] = {
	{ SV_EC_WFX, run_wfi_cases, wfi_setup_taken, 1, 0 },
	{ SV_EC_FP_ASIMD, run_fp_cases, fp_setup_lazy, 0, 0 },
	{ SV_EC_HVC64, run_hvc_cases, pub_setup, 0, 0 },
	{ SV_EC_SMC64, run_smc_cases, pub_setup, 0, 0 },
	{ SV_EC_SYS64, run_sysreg_cases, pub_setup, 1, (3ULL << 20) | (7ULL << 1) | 1 },
	{ SV_EC_IABT_LOW, run_abort_cases, NULL, 0, 0 },
	{ SV_EC_DABT_LOW, run_abort_cases, NULL, 0, 0 },
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

/* ---- the published-answer fast paths (hyp/fast-hvc.c, fast-sysreg.c) ---- */

#define SMCCC_VERSION		0x80000000U
#define SMCCC_ARCH_FEATURES	0x80000001U
#define PSCI_VERSION		0x84000000U
#define PSCI_CPU_ON		0x84000003U
#define VENDOR_UID		0x8600ff01U
#define BENCH_NULL_FID		0x8600ff10U	/* what the benchmark calls: nothing has it */
#define NS			SV_SMCCC_RET_NOT_SUPPORTED
#define GARBAGE(i)		(0x5a5a000000000000ULL | (i))

/* Exactly the size of the shared structs, so ASan sees a read past them. */
static struct sv_fast_hvc_table *hvc_tab;
static struct sv_fast_sysreg_table *sr_tab;

static void hvc_publish(void)
{
	static const struct sv_fast_hvc_fid fids[] = {
		{ SMCCC_VERSION, 0, { 0x10001 } },
		{ SMCCC_ARCH_FEATURES, 0, { NS } },
		{ PSCI_VERSION, 0, { 0x10001 } },
		{ PSCI_CPU_ON, 1, { 0 } },
		{ VENDOR_UID, 0, { 0xb66fb428, 0xe911c52e, 0x564bcaa9, 0x743a004d } },
	};
	static const struct sv_fast_hvc_arg args[] = {
		{ SV_FAST_HVC_ARG_KEY(SMCCC_ARCH_FEATURES, SMCCC_VERSION), 0 },
		{ SV_FAST_HVC_ARG_KEY(SMCCC_ARCH_FEATURES, SMCCC_ARCH_FEATURES), 0 },
	};

	if (!hvc_tab)
		hvc_tab = malloc(sizeof(*hvc_tab));
	memset(hvc_tab, 0, sizeof(*hvc_tab));
	memcpy(hvc_tab->fid, fids, sizeof(fids));
	memcpy(hvc_tab->arg, args, sizeof(args));
	hvc_tab->nr_fids = sizeof(fids) / sizeof(fids[0]);
	hvc_tab->nr_args = sizeof(args) / sizeof(args[0]);
	fx_vcpu.cfg.fast_hvc = (sv_u64)(unsigned long)hvc_tab;
}

/* ISS of a trapped MRS (read) or MSR/SYS (write). */
#define SYS_ISS(o0, o1, n, m, o2, rt, rd) \
	(((sv_u64)(o0) << 20) | ((sv_u64)(o2) << 17) | ((sv_u64)(o1) << 14) | \
	 ((sv_u64)(n) << 10) | ((sv_u64)(rt) << 5) | ((sv_u64)(m) << 1) | (rd))
#define ENC(o0, o1, n, m, o2)	(((o0) << 14) | ((o1) << 11) | ((n) << 7) | ((m) << 3) | (o2))
#define MMFR0_VAL		0x0000000000101125ULL

static void sr_publish(void)
{
	static const struct sv_fast_sysreg regs[] = {
		{ ENC(1, 0, 7, 6, 2), SV_FAST_SR_WRITE, 0 },			/* DC ISW */
		{ ENC(2, 0, 1, 0, 0), SV_FAST_SR_READ, 0 },			/* MDRAR_EL1 */
		{ ENC(2, 0, 1, 3, 4), SV_FAST_SR_READ | SV_FAST_SR_WRITE, 0 },	/* OSDLR_EL1 */
		{ ENC(3, 0, 0, 7, 0), SV_FAST_SR_READ, MMFR0_VAL },		/* ID_AA64MMFR0_EL1 */
	};

	if (!sr_tab)
		sr_tab = malloc(sizeof(*sr_tab));
	memset(sr_tab, 0, sizeof(*sr_tab));
	memcpy(sr_tab->reg, regs, sizeof(regs));
	sr_tab->nr = sizeof(regs) / sizeof(regs[0]);
	fx_vcpu.cfg.fast_sysreg = (sv_u64)(unsigned long)sr_tab;
}

/* A vCPU with every fast path on, both tables published, x0..x30 distinct. */
static void pub_setup(void)
{
	unsigned int i;

	fx_setup(SV_VGIC_MODEL_NONE, 0);
	fx_vcpu.cfg.fastpath = SV_FAST_ALL;
	for (i = 0; i < 31; i++)
		fx_vcpu.ctxt.regs.x[i] = GARBAGE(i);
	fx_vcpu.ctxt.pstate |= SV_PSTATE_SS;
	hvc_publish();
	sr_publish();
}

/* The handler left the guest's registers and the counters alone. */
static int untouched(const struct sv_cpu_ctxt *before)
{
	static const struct sv_fast_counts zero;

	return !memcmp(before, &fx_vcpu.ctxt, sizeof(*before)) &&
	       !memcmp(&zero, &fx_vcpu.fast, sizeof(zero));
}

static int call(unsigned int ec, sv_u64 iss)
{
	fx_vcpu.exit.esr = fx_sync(ec, iss).esr;
	return ((sv_fast_fn)sv_hyp_va(__sv_fast_handlers[ec]))(&fx_vcpu);
}

static void run_hvc_cases(unsigned int ec)
{
	static const struct {
		const char *what;
		sv_u64 x0, x1;
		sv_u64 ret[4];
	} cases[] = {
		{ "SMCCC_VERSION", SMCCC_VERSION, 0, { 0x10001 } },
		{ "SMCCC_VERSION, x0's top half set: w0 counts", 0xdead000000000000ULL | SMCCC_VERSION,
		  0, { 0x10001 } },
		{ "ARCH_FEATURES(SMCCC_VERSION): by x1", SMCCC_ARCH_FEATURES, SMCCC_VERSION, { 0 } },
		{ "ARCH_FEATURES(ARCH_FEATURES), x1's top half set: w1 counts", SMCCC_ARCH_FEATURES,
		  0xffffffff00000000ULL | SMCCC_ARCH_FEATURES, { 0 } },
		{ "ARCH_FEATURES of an ID no row has: the fid's answer", SMCCC_ARCH_FEATURES, 0x12345,
		  { NS } },
		{ "PSCI_VERSION", PSCI_VERSION, ~0ULL, { 0x10001 } },
		{ "the vendor UID: four results", VENDOR_UID, 0, { 0xb66fb428, 0xe911c52e, 0x564bcaa9,
								  0x743a004d } },
		{ "the benchmark's unimplemented ID: NOT_SUPPORTED, x1..x3 = 0", BENCH_NULL_FID, 7,
		  { NS } },
		{ "ID 0xffffffff (above every key)", 0xffffffffULL, 0, { NS } },
		{ "ID 0 (below every key)", 0, 0, { NS } },
	};
	struct sv_cpu_ctxt before;
	unsigned int i;
	int ret;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pub_setup();
		fx_vcpu.ctxt.regs.x[0] = cases[i].x0;
		fx_vcpu.ctxt.regs.x[1] = cases[i].x1;
		before = fx_vcpu.ctxt;
		ret = call(ec, 0);
		TAP_CHECK(ret == 1 && !memcmp(fx_vcpu.ctxt.regs.x, cases[i].ret, 4 * sizeof(sv_u64)),
			  "EC %#x, %s: answered at EL2 (x0 %#llx)", ec, cases[i].what,
			  (unsigned long long)fx_vcpu.ctxt.regs.x[0]);
		TAP_CHECK(!memcmp(&before.regs.x[4], &fx_vcpu.ctxt.regs.x[4], 27 * sizeof(sv_u64)) &&
			  fx_vcpu.ctxt.pc == before.pc && fx_vcpu.ctxt.pstate == before.pstate &&
			  fx_vcpu.fast.hvc == 1 && sv_fake_nr_events == 0,
			  "EC %#x, %s: x4..x30, PC (past the HVC already), PSTATE kept; counted; "
			  "no register access", ec, cases[i].what);
	}

	pub_setup();
	fx_vcpu.ctxt.regs.x[0] = PSCI_CPU_ON;
	before = fx_vcpu.ctxt;
	TAP_CHECK(call(ec, 0) == 0 && untouched(&before), "EC %#x, CPU_ON: the host's call", ec);
	pub_setup();
	fx_vcpu.cfg.fastpath = SV_FAST_ALL & ~SV_FAST_HVC;
	before = fx_vcpu.ctxt;
	TAP_CHECK(call(ec, 0) == 0 && untouched(&before), "EC %#x, SV_FAST_HVC off: to the host", ec);
	pub_setup();
	fx_vcpu.cfg.fast_hvc = 0;
	before = fx_vcpu.ctxt;
	TAP_CHECK(call(ec, 0) == 0 && untouched(&before), "EC %#x, no table published: to the host", ec);

	/* A host count far beyond the arrays: clamped (ASan would see the read). */
	pub_setup();
	hvc_tab->nr_fids = ~0ULL;
	hvc_tab->nr_args = 1ULL << 40;
	fx_vcpu.ctxt.regs.x[0] = 0xffffffffU;
	TAP_EQ(call(ec, 0), 1, "EC %#x, counts of ~0 and 2^40: clamped to the arrays", ec);
	ret = 0;
	for (i = 0; i < 1000; i++) {
		fx_vcpu.ctxt.regs.x[0] = (sv_u32)(i * 0x9e3779b9U);
		fx_vcpu.ctxt.regs.x[1] = (sv_u64)i * 0x9e3779b97f4a7c15ULL;
		ret += call(ec, 0);
	}
	TAP_EQ(ret, 1000, "EC %#x, 1000 random w0/x1 against clamped counts: answered, in bounds", ec);
}

static void run_smc_cases(unsigned int ec)
{
	struct sv_cpu_ctxt before;

	pub_setup();
	before = fx_vcpu.ctxt;
	TAP_EQ(call(ec, 0), 1, "EC %#x: every SMC answered at EL2", ec);
	TAP_CHECK(fx_vcpu.ctxt.regs.x[0] == NS &&
		  !memcmp(&before.regs.x[1], &fx_vcpu.ctxt.regs.x[1], 30 * sizeof(sv_u64)),
		  "EC %#x: x0 = NOT_SUPPORTED, x1..x30 untouched (as host/exits.c)", ec);
	TAP_CHECK(fx_vcpu.ctxt.pc == before.pc + 4 && fx_vcpu.ctxt.pstate == (before.pstate & ~SV_PSTATE_SS) &&
		  fx_vcpu.fast.hvc == 1, "EC %#x: stepped over (PC + 4, PSTATE.SS cleared), counted", ec);
	pub_setup();
	fx_vcpu.cfg.fastpath = SV_FAST_ALL & ~SV_FAST_HVC;
	before = fx_vcpu.ctxt;
	TAP_CHECK(call(ec, 0) == 0 && untouched(&before), "EC %#x, SV_FAST_HVC off: to the host", ec);
}

static void run_sysreg_cases(unsigned int ec)
{
	static const struct {
		const char *what;
		sv_u64 iss;
		int want;
		int rt;			/* the register that changes, -1 none */
		sv_u64 val;
	} cases[] = {
		{ "MRS x5, ID_AA64MMFR0_EL1", SYS_ISS(3, 0, 0, 7, 0, 5, 1), 1, 5, MMFR0_VAL },
		{ "MRS x0, ID_AA64MMFR0_EL1", SYS_ISS(3, 0, 0, 7, 0, 0, 1), 1, 0, MMFR0_VAL },
		{ "MRS x30, MDRAR_EL1: RAZ", SYS_ISS(2, 0, 1, 0, 0, 30, 1), 1, 30, 0 },
		{ "MRS xzr, ID_AA64MMFR0_EL1: nothing written", SYS_ISS(3, 0, 0, 7, 0, 31, 1), 1, -1, 0 },
		{ "MSR OSDLR_EL1, x3: ignored", SYS_ISS(2, 0, 1, 3, 4, 3, 0), 1, -1, 0 },
		{ "DC ISW, x2: skipped", SYS_ISS(1, 0, 7, 6, 2, 2, 0), 1, -1, 0 },
		{ "MSR ID_AA64MMFR0_EL1 (UNDEFINED): the host's", SYS_ISS(3, 0, 0, 7, 0, 1, 0), 0, -1, 0 },
		{ "MSR MDRAR_EL1 (UNDEFINED): the host's", SYS_ISS(2, 0, 1, 0, 0, 1, 0), 0, -1, 0 },
		{ "DC ISW as a read: the host's", SYS_ISS(1, 0, 7, 6, 2, 2, 1), 0, -1, 0 },
		{ "an encoding with no entry (SCTLR_EL1)", SYS_ISS(3, 0, 1, 0, 0, 4, 1), 0, -1, 0 },
		{ "an encoding above every entry", SYS_ISS(3, 7, 15, 15, 7, 4, 1), 0, -1, 0 },
	};
	struct sv_cpu_ctxt before, want;
	unsigned int i;
	int ret;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pub_setup();
		before = want = fx_vcpu.ctxt;
		ret = call(ec, cases[i].iss);
		if (!cases[i].want) {
			TAP_CHECK(ret == 0 && untouched(&before), "EC %#x, %s: returns 0, touches nothing",
				  ec, cases[i].what);
			continue;
		}
		if (cases[i].rt >= 0)
			want.regs.x[cases[i].rt] = cases[i].val;
		want.pc += 4;
		want.pstate &= ~SV_PSTATE_SS;
		TAP_CHECK(ret == 1 && !memcmp(&want, &fx_vcpu.ctxt, sizeof(want)) &&
			  fx_vcpu.fast.sysreg == 1 && sv_fake_nr_events == 0,
			  "EC %#x, %s: answered, stepped over (PSTATE.SS cleared), counted", ec,
			  cases[i].what);
	}
	pub_setup();
	fx_vcpu.cfg.fastpath = SV_FAST_ALL & ~SV_FAST_SYSREG;
	before = fx_vcpu.ctxt;
	TAP_CHECK(call(ec, SYS_ISS(3, 0, 0, 7, 0, 5, 1)) == 0 && untouched(&before),
		  "EC %#x, SV_FAST_SYSREG off: to the host", ec);
	pub_setup();
	fx_vcpu.cfg.fast_sysreg = 0;
	TAP_EQ(call(ec, SYS_ISS(3, 0, 0, 7, 0, 5, 1)), 0, "EC %#x, no table published: to the host", ec);
	pub_setup();
	sr_tab->nr = ~0ULL;
	ret = 0;
	for (i = 0; i < 4096; i++)
		ret += call(ec, ((sv_u64)i * 0x9e3779b9U) & 0x3ffffe);
	TAP_CHECK(sr_tab->nr == ~0ULL && fx_vcpu.ctxt.pc == before.pc + 4ULL * ret,
		  "EC %#x, a count of ~0 and 4096 random writes: clamped, in bounds (%d answered)", ec, ret);
}

/* ---- WFI (hyp/fast-wfi.c) ------------------------------------------------- */

#define LR_PEND(grp, prio)	(SV_ICH_LR_PENDING | ((grp) ? SV_ICH_LR_GROUP : 0) | \
				 ((sv_u64)(prio) << SV_ICH_LR_PRIO_SHIFT) | 40)
#define VMCR(pmr, en0, en1)	(((sv_u64)(pmr) << SV_ICH_VMCR_PMR_SHIFT) | (en0) | ((en1) << 1))

/* As hyp/vgic-v3-sr.c leaves the interface at entry: LRs and VMCR loaded. */
static void wfi_setup(sv_u64 lr, unsigned int at, sv_u64 used, sv_u64 vmcr)
{
	pub_setup();
	fx_vcpu.vgic.model = SV_VGIC_MODEL_V3;
	fx_vcpu.vgic.used_lrs = used;
	fx_hc.vgic_loaded = SV_VGIC_MODEL_V3;
	sv_fake_regs[R(ICH_VMCR_EL2)] = vmcr;
	sv_fake_regs[R(S3_4_C12_C12_0) + at] = lr;
}

static void wfi_setup_taken(void)
{
	fx_setup(SV_VGIC_MODEL_V3, 0);
	fx_vcpu.cfg.fastpath = SV_FAST_ALL;
	fx_vcpu.vgic.lr[1] = LR_PEND(1, 0xa0);
}

static void run_wfi_cases(unsigned int ec)
{
	static const struct {
		const char *what;
		sv_u64 iss, lr;
		unsigned int at;
		sv_u64 used, vmcr;
		int want;
	} cases[] = {
		{ "group 1 pending, priority 0xa0 < PMR 0xf0", 0, LR_PEND(1, 0xa0), 0, 2, VMCR(0xf0, 0, 1), 1 },
		{ "group 0 pending, group 0 on", 0, LR_PEND(0, 0x10), 1, 2, VMCR(0xf0, 1, 0), 1 },
		{ "WFE: the host's", 1, LR_PEND(1, 0xa0), 0, 2, VMCR(0xf0, 0, 1), 0 },
		{ "WFIT: the host's", 2, LR_PEND(1, 0xa0), 0, 2, VMCR(0xf0, 0, 1), 0 },
		{ "priority == PMR: masked", 0, LR_PEND(1, 0xf0), 0, 2, VMCR(0xf0, 0, 1), 0 },
		{ "group 1 off in VMCR", 0, LR_PEND(1, 0x00), 0, 2, VMCR(0xff, 1, 0), 0 },
		{ "active, not pending", 0, SV_ICH_LR_ACTIVE | SV_ICH_LR_GROUP, 0, 2, VMCR(0xf0, 1, 1), 0 },
		{ "pending and active", 0, LR_PEND(1, 0) | SV_ICH_LR_ACTIVE, 0, 2, VMCR(0xf0, 1, 1), 0 },
		{ "pending in an LR beyond used_lrs", 0, LR_PEND(1, 0), 2, 2, VMCR(0xf0, 1, 1), 0 },
		{ "used_lrs 1000: clamped to the 4 implemented, the last one pending", 0,
		  LR_PEND(1, 0), 3, 1000, VMCR(0xf0, 1, 1), 1 },
	};
	struct sv_cpu_ctxt before;
	unsigned int i;
	int ret, r;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		wfi_setup(cases[i].lr, cases[i].at, cases[i].used, cases[i].vmcr);
		before = fx_vcpu.ctxt;
		ret = call(ec, cases[i].iss);
		for (r = R(S3_4_C12_C12_0) + FX_NR_LRS; r <= R(S3_4_C12_C13_7); r++)
			if (sv_fake_find(0, SV_FAKE_RD, r) >= 0)
				break;
		TAP_CHECK(ret == cases[i].want && r > R(S3_4_C12_C13_7),
			  "EC %#x, %s: returns %d, no LR read beyond the implemented", ec,
			  cases[i].what, cases[i].want);
		if (ret)
			TAP_CHECK(fx_vcpu.ctxt.pc == before.pc + 4 &&
				  fx_vcpu.ctxt.pstate == (before.pstate & ~SV_PSTATE_SS) &&
				  !memcmp(&before.regs, &fx_vcpu.ctxt.regs, sizeof(before.regs)) &&
				  fx_vcpu.fast.wfi == 1,
				  "EC %#x, %s: stepped over the WFI, counted", ec, cases[i].what);
		else
			TAP_CHECK(untouched(&before), "EC %#x, %s: touches nothing", ec, cases[i].what);
	}
	wfi_setup(LR_PEND(1, 0), 0, 1, VMCR(0xf0, 1, 1));
	fx_hc.vgic_loaded = SV_VGIC_MODEL_V2;
	TAP_EQ(call(ec, 0), 0, "EC %#x, a vGICv2: the host's", ec);
	wfi_setup(LR_PEND(1, 0), 0, 1, VMCR(0xf0, 1, 1));
	fx_vcpu.cfg.fastpath = SV_FAST_ALL & ~SV_FAST_WFI;
	TAP_EQ(call(ec, 0), 0, "EC %#x, SV_FAST_WFI off: the host's", ec);
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
		x = expected_of(ec);
		exits[0] = fx_sync(ec, x >= 0 && expected[x].own_iss ? expected[x].iss : SV_FSC_PERM | 3);
		exits[0].at_par = PAR_F;
		exits[1] = (struct sv_fake_exit){ .code = SV_EXIT_IRQ, .elr = 0x80001008 };
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
	free(hvc_tab);
	free(sr_tab);
	return tap_done();
}
