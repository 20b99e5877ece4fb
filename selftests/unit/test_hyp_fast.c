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
/* The AT's own walk takes an exception at EL2: the vectors' fixup answers 1. */
static const struct fast_case at_fault_case = {
	"permission fault, the AT's walk takes an exception (its fixup): re-enter, no panic",
	0x0f, PAR_OK(0x81234567000ULL), 1, 1, 0x9990 };
static void run_dabt_cases(unsigned int ec);
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
	{ SV_EC_DABT_LOW, run_dabt_cases, NULL, 0, 0 },
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

static void gicd_publish(void);
static int abort_with_gicd;	/* run the abort cases with a GICD snapshot published */

static void run_case(unsigned int ec, const struct fast_case *c)
{
	sv_fast_fn fn = (sv_fast_fn)sv_hyp_va(__sv_fast_handlers[ec]);
	struct sv_fake_exit e = fx_sync(ec, c->iss);
	int at, ret;

	fx_setup(SV_VGIC_MODEL_NONE, 0);
	if (abort_with_gicd)
		gicd_publish();
	fx_vcpu.exit = (struct sv_exit_info){ .esr = e.esr, .far = e.far, .hpfar = e.hpfar };
	sv_fake_regs[R(par_el1)] = GUEST_PAR;
	sv_fake_at_par = c->at_par;
	sv_fake_at_faults = c == &at_fault_case;
	ret = fn(&fx_vcpu);
	at = sv_fake_find(0, SV_FAKE_AT, -1);
	TAP_EQ(ret, c->want, "EC %#x, %s: returns %d", ec, c->what, c->want);
	TAP_EQ(fx_vcpu.exit.hpfar, c->hpfar, "EC %#x, %s: HPFAR", ec, c->what);
	TAP_EQ(at >= 0, c->at_done, "EC %#x, %s: %s", ec, c->what,
	       c->at_done ? "translates FAR with AT S1E1R" : "no AT");
	if (at >= 0 && c != &at_fault_case)
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
	run_case(ec, &at_fault_case);
}

/* ---- distributor reads from the snapshot (hyp/fast-gicd.c) --------------- */

#define GICD_BASE		0x8000000ULL
#define GICD_SEQ		42ULL			/* even: stable */
#define GICD_PSTATE		(0x3c5ULL | SV_PSR_SS)	/* a step pending: must clear */
#define GICD_UNSERVED		0x200ULL		/* ISPENDR0: not servable */
#define GICD_IROUTER_HALF	0x6148ULL		/* IROUTER<41>: high word unservable */

static struct sv_gicd_snap gsnap;

/* The snapshot's layout spelt out again, independently of sv_gicd_snap_index(). */
#define GIDX(off)	((off) < 0x1000 ? (off) / 4 :				\
			 (off) < 0x8000 ? 1024 + ((off) - 0x6000) / 4 :		\
			 3072 + ((off) - 0xffd0) / 4)
/* Word i of the test's snapshot: distinct, bit 31 set. */
#define GWORD(i)	(0x80000000U | ((sv_u32)(i) * 0x10001U))

static int gicd_served_idx(sv_u64 idx)
{
	return idx != GIDX(GICD_UNSERVED) && idx != GIDX(GICD_IROUTER_HALF + 4);
}

/* A snapshot with every word distinct, servable but two, published. */
static void gicd_publish(void)
{
	sv_u64 i;

	memset(&gsnap, 0, sizeof(gsnap));
	gsnap.seq = GICD_SEQ;
	for (i = 0; i < SV_GICD_SNAP_WORDS; i++) {
		gsnap.word[i] = GWORD(i);
		if (gicd_served_idx(i))
			gsnap.servable[i / 64] |= 1ULL << (i % 64);
	}
	fx_vcpu.cfg.fastpath = SV_FAST_ALL;
	fx_vcpu.gicd.base = GICD_BASE;
	fx_vcpu.gicd.snap = (sv_u64)(unsigned long)&gsnap;
}

/* A data abort's ISS for a single-register access, translation fault at level 3. */
#define DABT(sas, srt)	(SV_ESR_ISV | ((sv_u64)(sas) << SV_ESR_SAS_SHIFT) | \
			 ((sv_u64)(srt) << SV_ESR_SRT_SHIFT) | SV_FSC_TRANS | 3)
#define RD4(srt)	DABT(2, srt)
#define RD8(srt)	(DABT(3, srt) | SV_ESR_SF)

struct gicd_case {
	const char *what;
	sv_u64 iss;		/* with IL */
	sv_u64 ipa;
	sv_u64 want_x;		/* the register after a served read */
	int want;		/* 1: served */
	void (*prep)(void);	/* after publishing: break something */
};

static void gicd_fastpath_off(void) { fx_vcpu.cfg.fastpath = SV_FAST_ALL & ~SV_FAST_GICD; }
static void gicd_no_snap(void) { fx_vcpu.gicd.snap = 0; }
static void gicd_seq_odd(void) { gsnap.seq = GICD_SEQ + 1; }
static void gicd_no_il(void) { fx_vcpu.exit.esr &= ~SV_ESR_IL; }

/* Another CPU's whole update between the reader's barriers: seq moves by 2. */
static int gicd_hook_at;
static void gicd_writer(int nth)
{
	if (nth != gicd_hook_at)
		return;
	gsnap.seq += 2;
	gsnap.word[1] ^= 0xffff;
}

static void gicd_race_first(void) { gicd_hook_at = 0; sv_fake_dmb_hook = gicd_writer; }
static void gicd_race_second(void) { gicd_hook_at = 1; sv_fake_dmb_hook = gicd_writer; }

#define W(off)		((sv_u64)GWORD(GIDX(off)))
#define W64(off)	(W(off) | W((off) + 4) << 32)

static const struct gicd_case gicd_cases[] = {
	{ "GICD_TYPER into w5: served", RD4(5), GICD_BASE + 0x4, W(0x4), 1, NULL },
	{ "GICD_CTLR into x0 (SF): served, zero-extended", RD4(0) | SV_ESR_SF, GICD_BASE,
	  W(0), 1, NULL },
	{ "IPRIORITYR<8> into x30: served", RD4(30), GICD_BASE + 0x420, W(0x420), 1, NULL },
	{ "ISENABLER1, LDRSW (SSE, SF): sign-extended", RD4(7) | SV_ESR_SSE | SV_ESR_SF,
	  GICD_BASE + 0x104, W(0x104) | 0xffffffff00000000ULL, 1, NULL },
	{ "ISENABLER1, SSE into a W register: 32 bits", RD4(7) | SV_ESR_SSE,
	  GICD_BASE + 0x104, W(0x104), 1, NULL },
	{ "IROUTER<40>, 8 bytes: both words", RD8(3), GICD_BASE + 0x6140, W64(0x6140), 1, NULL },
	{ "IROUTER<40>, high half: served", RD4(3), GICD_BASE + 0x6144, W(0x6144), 1, NULL },
	{ "IROUTER<1023>, 8 bytes: the last IROUTER", RD8(3), GICD_BASE + 0x7ff8,
	  W64(0x7ff8), 1, NULL },
	{ "GICD_PIDR2: served", RD4(9), GICD_BASE + 0xffe8, W(0xffe8), 1, NULL },
	{ "GICD_CIDR3, the frame's last word: served", RD4(9), GICD_BASE + 0xfffc,
	  W(0xfffc), 1, NULL },
	{ "SRT 31 (XZR): served, no register written", RD4(31), GICD_BASE + 0x4, 0, 1, NULL },
	{ "a write (WnR): to the host", RD4(5) | SV_ESR_WNR, GICD_BASE + 0x4, 0, 0, NULL },
	{ "no syndrome (ISV 0): to the host", RD4(5) & ~SV_ESR_ISV, GICD_BASE + 0x4, 0, 0, NULL },
	{ "a stage-1 walk (S1PTW): to the host", RD4(5) | SV_ESR_S1PTW, GICD_BASE + 0x4, 0, 0, NULL },
	{ "cache maintenance (CM): to the host", RD4(5) | SV_ESR_CM, GICD_BASE + 0x4, 0, 0, NULL },
	{ "an access flag fault: to the host", (RD4(5) & ~0x3fULL) | SV_FSC_ACCESS | 3,
	  GICD_BASE + 0x4, 0, 0, NULL },
	{ "a 16-bit instruction (IL 0): to the host", RD4(5), GICD_BASE + 0x4, 0, 0,
	  gicd_no_il },
	{ "below the frame: to the host", RD4(5), GICD_BASE - 4, 0, 0, NULL },
	{ "just past the frame: to the host", RD4(5), GICD_BASE + SV_GICD_SNAP_FRAME, 0, 0, NULL },
	{ "4 GiB above the frame: to the host", RD4(5), GICD_BASE + (1ULL << 32) + 4, 0, 0, NULL },
	{ "a hole between the windows (0x5000): to the host", RD4(5), GICD_BASE + 0x5000,
	  0, 0, NULL },
	{ "ISPENDR0, not servable: to the host", RD4(5), GICD_BASE + GICD_UNSERVED, 0, 0, NULL },
	{ "IROUTER<41>, 8 bytes, high word not servable: to the host", RD8(5),
	  GICD_BASE + GICD_IROUTER_HALF, 0, 0, NULL },
	{ "a byte (IPRIORITYR): to the host", DABT(0, 5), GICD_BASE + 0x420, 0, 0, NULL },
	{ "a halfword: to the host", DABT(1, 5), GICD_BASE + 0x420, 0, 0, NULL },
	{ "8 bytes at GICD_CTLR (not IROUTER): to the host", RD8(5), GICD_BASE, 0, 0, NULL },
	{ "8 bytes at GICD_CIDR2 (past IROUTER): to the host", RD8(5), GICD_BASE + 0xfff8,
	  0, 0, NULL },
	{ "4 bytes misaligned: to the host", RD4(5), GICD_BASE + 0x6, 0, 0, NULL },
	{ "8 bytes misaligned (IROUTER + 4): to the host", RD8(5), GICD_BASE + 0x6144, 0, 0, NULL },
	{ "fastpath bit off: to the host", RD4(5), GICD_BASE + 0x4, 0, 0, gicd_fastpath_off },
	{ "no snapshot published: to the host", RD4(5), GICD_BASE + 0x4, 0, 0, gicd_no_snap },
	{ "seq odd (host updating): to the host", RD4(5), GICD_BASE + 0x4, 0, 0, gicd_seq_odd },
	{ "an update after the first barrier: to the host", RD4(5), GICD_BASE + 0x4, 0, 0,
	  gicd_race_first },
	{ "an update after the second barrier: to the host", RD4(5), GICD_BASE + 0x4, 0, 0,
	  gicd_race_second },
};

/* The IPA in HPFAR_EL2 (with the NS bit set: not part of the address) and FAR. */
static void gicd_exit(sv_u64 esr, sv_u64 ipa)
{
	fx_vcpu.exit = (struct sv_exit_info){
		.esr = esr, .far = 0xffff800010000000ULL | (ipa & 0xfff),
		.hpfar = (1ULL << 63) | ((ipa >> 12) << 4),
	};
}

static void run_gicd_case(unsigned int ec, const struct gicd_case *c)
{
	sv_fast_fn fn = (sv_fast_fn)sv_hyp_va(__sv_fast_handlers[ec]);
	struct sv_gp_regs before;
	sv_u64 rt = (c->iss >> SV_ESR_SRT_SHIFT) & 0x1f;
	unsigned int i;
	int ret, others = 1;

	fx_setup(SV_VGIC_MODEL_NONE, 0);
	gicd_publish();
	for (i = 0; i < 31; i++)
		fx_vcpu.ctxt.regs.x[i] = 0x5a5a000000000000ULL | i;
	fx_vcpu.ctxt.pstate = GICD_PSTATE;
	gicd_exit(((sv_u64)ec << SV_ESR_EC_SHIFT) | SV_ESR_IL | c->iss, c->ipa);
	if (c->prep)
		c->prep();
	before = fx_vcpu.ctxt.regs;
	ret = fn(&fx_vcpu);
	TAP_EQ(ret, c->want, "EC %#x, GICD %s: returns %d", ec, c->what, c->want);
	for (i = 0; i < 31; i++)
		if (fx_vcpu.ctxt.regs.x[i] != before.x[i] && !(c->want && i == rt))
			others = 0;
	TAP_CHECK(others, "EC %#x, GICD %s: no other register written", ec, c->what);
	if (c->want) {
		if (rt != 31)
			TAP_EQ(fx_vcpu.ctxt.regs.x[rt], c->want_x, "EC %#x, GICD %s: x%llu", ec,
			       c->what, rt);
		TAP_CHECK(fx_vcpu.ctxt.pc == 0x80001004 && fx_vcpu.ctxt.pstate == 0x3c5 &&
			  fx_vcpu.fast.gicd_read == 1,
			  "EC %#x, GICD %s: PC + 4, PSTATE.SS cleared, counted", ec, c->what);
		TAP_CHECK(sv_fake_find(0, SV_FAKE_DMB, -1) >= 0 &&
			  !strcmp(sv_fake_trace[sv_fake_find(0, SV_FAKE_DMB, -1)].what, "ishld"),
			  "EC %#x, GICD %s: read between DMB ISHLDs", ec, c->what);
	} else {
		TAP_CHECK(fx_vcpu.ctxt.pc == 0x80001000 && fx_vcpu.ctxt.pstate == GICD_PSTATE &&
			  !fx_vcpu.fast.gicd_read && sv_fake_find(0, SV_FAKE_AT, -1) < 0,
			  "EC %#x, GICD %s: PC, PSTATE, counter untouched, no AT", ec, c->what);
	}
}

/* The abort fixup's cases, without and with a snapshot, then the reads. */
static void run_dabt_cases(unsigned int ec)
{
	unsigned int i;

	run_abort_cases(ec);
	abort_with_gicd = 1;
	run_abort_cases(ec);
	abort_with_gicd = 0;
	for (i = 0; i < sizeof(gicd_cases) / sizeof(gicd_cases[0]); i++)
		run_gicd_case(ec, &gicd_cases[i]);
}

/*
 * Through the world switch: two GICD reads answered at EL2, then an IRQ;
 * each re-entry resumes after the load, PSTATE.SS clear.
 */
static void test_gicd_run(void)
{
	struct sv_fake_exit exits[3] = { fx_sync(SV_EC_DABT_LOW, RD4(2)),
					 fx_sync(SV_EC_DABT_LOW, RD8(4)), fx_irq };
	int w;

	exits[0].hpfar = (GICD_BASE >> 12) << 4;
	exits[0].far = 0x4;
	exits[0].elr = 0x80002000;
	exits[1].hpfar = ((GICD_BASE + 0x6000) >> 12) << 4;
	exits[1].far = 0x140;
	exits[1].elr = 0x80002010;
	fx_setup(SV_VGIC_MODEL_NONE, 0);
	gicd_publish();
	sv_fake_regs[R(spsr_el2)] = GICD_PSTATE;
	sv_fake_script(exits, 3);
	TAP_EQ(__sv_vcpu_run(&fx_vcpu), SV_EXIT_IRQ, "GICD run: two reads at EL2, then the IRQ exits");
	TAP_EQ(sv_fake_entries, 3, "GICD run: three entries");
	TAP_CHECK(fx_vcpu.ctxt.regs.x[2] == W(0x4) && fx_vcpu.ctxt.regs.x[4] == W64(0x6140) &&
		  fx_vcpu.fast.gicd_read == 2, "GICD run: TYPER in w2, IROUTER<40> in x4, 2 counted");
	w = sv_fake_find(sv_fake_find_call(0, "__sv_guest_enter") + 1, SV_FAKE_WR, R(elr_el2));
	TAP_CHECK(w >= 0 && sv_fake_trace[w].val == 0x80002004 &&
		  sv_fake_trace[sv_fake_find(w, SV_FAKE_WR, R(spsr_el2))].val == 0x3c5,
		  "GICD run: re-entered after the load with PSTATE.SS clear");
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
	fx_vcpu.ctxt.pstate |= SV_PSR_SS;
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
	TAP_CHECK(fx_vcpu.ctxt.pc == before.pc + 4 && fx_vcpu.ctxt.pstate == (before.pstate & ~SV_PSR_SS) &&
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
		want.pstate &= ~SV_PSR_SS;
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
				  fx_vcpu.ctxt.pstate == (before.pstate & ~SV_PSR_SS) &&
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
	fx_run_panic(&fx_vcpu, exits, 2);
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
	test_gicd_run();
	return tap_done();
}
