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

static const struct {
	unsigned int ec;
	const struct fast_case *cases;
	int nr;
} expected[] = {
	{ SV_EC_IABT_LOW, abort_cases, 6 },
	{ SV_EC_DABT_LOW, abort_cases, 6 },
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

static void test_table(void)
{
	unsigned int ec;
	int i, x;

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
		for (i = 0; i < expected[x].nr; i++)
			run_case(ec, &expected[x].cases[i]);
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
	int bad = 0, want;
	long ret;

	for (ec = 0; ec < SV_ESR_EC_NR; ec++) {
		exits[0] = fx_sync(ec, SV_FSC_PERM | 3);
		exits[0].at_par = PAR_F;
		exits[1] = (struct sv_fake_exit){ .code = SV_EXIT_IRQ, .elr = 0x80001008 };
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
	return tap_done();
}
