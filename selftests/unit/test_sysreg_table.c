// SPDX-License-Identifier: GPL-2.0
/*
 * The system register rows (host/sysreg_table.c with the timer's and the
 * vGIC's tables), natively: the merged tables pass the load-time check,
 * every trapped encoding has a row with a handler, ONE_REG and
 * KVM_GET_REG_LIST see exactly the registers they always did (upstream's
 * get-reg-list selftest compares the list), and guest accesses through
 * sv_handle_sysreg() skip, read or take UNDEF as before the rows had
 * their handlers.  The values (host/sysregs.c), the timer's emulation and
 * the SGI routing are fakes here that record what they were asked.
 */
#include <stdio.h>
#include <string.h>
#include "tap.h"
#include "sv_core.h"
#include "arm_regs.h"
#include "emulate.h"
#include "sysreg_table.h"
#include "sv_hyp_fast.h"

static struct sv_vcpu vcpu;
static struct sv_vcpu_hyp hyp;
static char calls[128];		/* what the fakes were asked, in order */

/* (a long run of calls is cut at the buffer's end) */
#define CALL(...)								\
	do {									\
		if (strlen(calls) + 3 >= sizeof(calls))				\
			break;							\
		if (calls[0])							\
			strcat(calls, "; ");					\
		snprintf(calls + strlen(calls), sizeof(calls) - strlen(calls), __VA_ARGS__); \
	} while (0)

/* ---- fakes for what the rows call ---- */
int sv_sysreg_get(struct sv_vcpu *v, const struct sv_sysreg_desc *d, u64 *val)
{
	CALL("get %#x", d->enc);
	*val = 0x1000 + d->enc;
	return 0;
}

int sv_sysreg_set(struct sv_vcpu *v, const struct sv_sysreg_desc *d, u64 val)
{
	CALL("set %#x %#llx", d->enc, (unsigned long long)val);
	return 0;
}

void sv_timer_sysreg(struct sv_vcpu *v, u32 enc, u64 *val, bool write)
{
	CALL("timer %#x %s %#llx", enc, write ? "w" : "r",
		 (unsigned long long)*val);
	if (!write)
		*val = 0x2000 + enc;
}

void sv_vgic_v3_sgi(struct sv_vcpu *v, u64 sgir, bool group0)
{
	CALL("sgi %#llx g%d", (unsigned long long)sgir, group0 ? 0 : 1);
}

/* ---- the registers ONE_REG has always listed ---- */
static u32 want[256];
static unsigned int nr_want;

static int enc_cmp(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

static void want_listed(void)
{
	static const u32 named[] = {
		SV_ENC(2, 0, 0, 2, 0), SV_ENC(2, 0, 0, 2, 2),		/* MDCCINT, MDSCR */
		SV_ENC(2, 0, 1, 1, 4), SV_ENC(2, 4, 0, 7, 0),		/* OSLSR, DBGVCR32 */
		SV_ENC(3, 0, 0, 0, 0), SV_ENC(3, 0, 0, 0, 5),		/* MIDR, MPIDR */
		SV_ENC(3, 0, 0, 0, 6),					/* REVIDR */
		SV_ENC(3, 0, 1, 0, 0), SV_ENC(3, 0, 1, 0, 1), SV_ENC(3, 0, 1, 0, 2),
		SV_ENC(3, 0, 2, 0, 0), SV_ENC(3, 0, 2, 0, 1), SV_ENC(3, 0, 2, 0, 2),
		SV_ENC(3, 0, 5, 1, 0), SV_ENC(3, 0, 5, 1, 1), SV_ENC(3, 0, 5, 2, 0),
		SV_ENC(3, 0, 6, 0, 0), SV_ENC(3, 0, 7, 4, 0), SV_ENC(3, 0, 10, 2, 0),
		SV_ENC(3, 0, 10, 3, 0), SV_ENC(3, 0, 12, 0, 0), SV_ENC(3, 0, 12, 1, 1),
		SV_ENC(3, 0, 13, 0, 1), SV_ENC(3, 0, 13, 0, 4), SV_ENC(3, 0, 14, 1, 0),
		SV_ENC(3, 1, 0, 0, 1), SV_ENC(3, 1, 0, 0, 7), SV_ENC(3, 2, 0, 0, 0),
		SV_ENC(3, 3, 0, 0, 1), SV_ENC(3, 3, 13, 0, 2), SV_ENC(3, 3, 13, 0, 3),
		SV_ENC(3, 4, 3, 0, 0), SV_ENC(3, 4, 5, 0, 1), SV_ENC(3, 4, 5, 3, 0),
	};
	unsigned int m, op2;

	for (m = 0; m < 16; m++)			/* DBG{B,W}{V,C}R<m>_EL1 */
		for (op2 = 4; op2 < 8; op2++)
			want[nr_want++] = SV_ENC(2, 0, 0, m, op2);
	for (m = 1; m < 8; m++)				/* the ID register space */
		for (op2 = 0; op2 < 8; op2++)
			want[nr_want++] = SV_ENC(3, 0, 0, m, op2);
	memcpy(&want[nr_want], named, sizeof(named));
	nr_want += ARRAY_SIZE(named);
	qsort(want, nr_want, sizeof(want[0]), enc_cmp);
}

/* Trapped, handled, and never seen by ONE_REG. */
static const u32 trap_only[] = {
	SV_ENC(1, 0, 7, 6, 2), SV_ENC(1, 0, 7, 10, 2), SV_ENC(1, 0, 7, 14, 2),	/* DC *SW */
	SV_ENC(2, 0, 1, 0, 0), SV_ENC(2, 0, 1, 0, 4), SV_ENC(2, 0, 1, 3, 4),
	SV_ENC(2, 0, 1, 4, 4), SV_ENC(2, 0, 7, 8, 6), SV_ENC(2, 0, 7, 9, 6),
	SV_ENC(2, 0, 7, 14, 6), SV_ENC(2, 3, 0, 1, 0),			/* debug RAZ/WI, OSLAR */
	SV_ENC(3, 3, 14, 2, 0), SV_ENC(3, 3, 14, 2, 1), SV_ENC(3, 3, 14, 2, 2),	/* CNTP_* */
	SV_ENC(3, 0, 12, 11, 5), SV_ENC(3, 1, 12, 11, 6), SV_ENC(3, 2, 12, 11, 7), /* ICC_SGI */
};

static void test_tables(void)
{
	const struct sv_sysreg_desc *d, *prev = NULL;
	unsigned int n = 0, found = 0, listed = 0, i;
	bool same = true, sorted = true, handlers = true;
	u32 bad = ~0U, enc;

	TAP_EQ(sv_sysreg_tables_check(&bad), 0, "the merged tables are sorted, without doubles");

	want_listed();
	for (d = sv_sysreg_next_listed(NULL); d; prev = d, d = sv_sysreg_next_listed(d), n++) {
		if (prev && prev->enc >= d->enc)
			sorted = false;
		if (n >= nr_want || want[n] != d->enc)
			same = false;
	}
	TAP_CHECK(sorted, "the reg list is in encoding order");
	TAP_EQ(n, nr_want, "the reg list has as many system registers as before");
	TAP_CHECK(same, "... and the same ones");

	for (enc = 0; enc <= 0xffff; enc++) {
		d = sv_sysreg_find(enc);
		if (!d)
			continue;
		found++;
		listed += d->one_reg;
		if (!d->access || d->enc != enc || (d->one_reg && d->kind == SV_SR_NONE))
			handlers = false;
	}
	TAP_CHECK(handlers, "every row has an access handler, and a value if ONE_REG sees it");
	TAP_EQ(listed, nr_want, "every ONE_REG row is in the list");
	TAP_EQ(found - listed, ARRAY_SIZE(trap_only), "the other rows are the trap-only ones");
	for (i = 0, same = true; i < ARRAY_SIZE(trap_only); i++) {
		d = sv_sysreg_find(trap_only[i]);
		if (!d || d->one_reg || d->kind != SV_SR_NONE)
			same = false;
	}
	TAP_CHECK(same, "... set/way, debug RAZ/WI, OSLAR, CNTP_*, ICC_SGI*: none in ONE_REG");
}

/* ---- guest accesses ---- */
enum { SKIP, UNDEF };

/* An MRS (read) or MSR/SYS of enc with Rt = x3 holding 0x55, through the trap path. */
static int trap(u32 enc, bool read, u64 *x3)
{
	struct sv_cpu_ctxt *c = &hyp.ctxt;
	u64 esr = (0x18ULL << 26) | SV_ESR_IL | ((u64)SV_ENC_OP0(enc) << 20) | ((u64)SV_ENC_OP2(enc) << 17) |
		  ((u64)SV_ENC_OP1(enc) << 14) | ((u64)SV_ENC_CRN(enc) << 10) | (3 << 5) |
		  ((u64)SV_ENC_CRM(enc) << 1) | read;

	calls[0] = 0;
	c->pc = 0x1000;
	c->pstate = SV_PSR_MODE_EL1h;
	c->regs.x[3] = 0x55;
	TAP_EQ(sv_handle_sysreg(&vcpu, c, esr), 1, "%#x %s: re-enter the guest", enc, read ? "read" : "write");
	*x3 = c->regs.x[3];
	if (c->pc == 0x1004)
		return SKIP;
	if (c->pc == 0x80000 + 0x200 && !(c->sys[SV_ESR_EL1] >> 26))
		return UNDEF;
	return -1;
}

#define RD	true
#define WR	false
#define GOT(e)	(0x1000 + (e))		/* what the fake sv_sysreg_get() answers */
#define TIMER(e) (0x2000 + (e))		/* ... and the fake timer */

/* One guest access with Rt = 0x55 and what must come of it. */
static const struct trap_case {
	u32 enc;
	bool read, v3;			/* v3: the VM has a vGICv3 */
	int out;
	u64 rt;
	const char *calls, *what;
} trap_cases[] = {
	/* The core's value rows: reads, writes to writable ones, read-only ones. */
	{ SV_ENC(3, 0, 1, 0, 0), RD, 0, SKIP, GOT(0xc080), "get 0xc080", "SCTLR_EL1 read" },
	{ SV_ENC(3, 0, 1, 0, 0), WR, 0, SKIP, 0x55, "set 0xc080 0x55", "SCTLR_EL1 write" },
	{ SV_ENC(2, 0, 0, 0, 4), WR, 0, SKIP, 0x55, "set 0x8004 0x55", "DBGBVR0_EL1 write" },
	{ SV_ENC(3, 0, 0, 0, 5), WR, 0, UNDEF, 0x55, "", "MPIDR_EL1 write" },
	{ SV_ENC(3, 0, 0, 0, 0), WR, 0, UNDEF, 0x55, "", "MIDR_EL1 write" },
	{ SV_ENC(3, 0, 0, 4, 0), WR, 0, UNDEF, 0x55, "", "ID_AA64PFR0_EL1 write" },
	{ SV_ENC(3, 3, 0, 0, 1), WR, 0, UNDEF, 0x55, "", "CTR_EL0 write" },
	{ SV_ENC(2, 0, 1, 1, 4), WR, 0, UNDEF, 0x55, "", "OSLSR_EL1 write" },
	{ SV_ENC(2, 0, 1, 1, 4), RD, 0, SKIP, GOT(0x808c), "get 0x808c", "OSLSR_EL1 read" },
	{ SV_ENC(3, 0, 1, 0, 1), WR, 0, SKIP, 0x55, "", "ACTLR_EL1 write (ignored)" },
	{ SV_ENC(3, 0, 1, 0, 1), RD, 0, SKIP, GOT(0xc081), "get 0xc081", "ACTLR_EL1 read" },
	{ SV_ENC(3, 0, 15, 0, 0), RD, 0, UNDEF, 0x55, "", "an encoding without a row, read" },
	{ SV_ENC(3, 0, 15, 0, 0), WR, 0, UNDEF, 0x55, "", "... write" },
	/* Trap-only rows of the core. */
	{ SV_ENC(1, 0, 7, 6, 2), WR, 0, SKIP, 0x55, "", "DC ISW" },
	{ SV_ENC(1, 0, 7, 14, 2), WR, 0, SKIP, 0x55, "", "DC CISW" },
	{ SV_ENC(2, 3, 0, 1, 0), RD, 0, SKIP, 0, "", "MDCCSR_EL0 read (RAZ)" },
	{ SV_ENC(2, 3, 0, 1, 0), WR, 0, UNDEF, 0x55, "", "MDCCSR_EL0 write" },
	{ SV_ENC(2, 0, 7, 8, 6), RD, 0, SKIP, 0, "", "DBGCLAIMSET_EL1 read (RAZ)" },
	{ SV_ENC(2, 0, 7, 8, 6), WR, 0, SKIP, 0x55, "", "DBGCLAIMSET_EL1 write (WI)" },
	{ SV_ENC(2, 0, 1, 3, 4), WR, 0, SKIP, 0x55, "", "OSDLR_EL1 write (WI)" },
	{ SV_ENC(2, 0, 1, 0, 4), WR, 0, SKIP, 0x55, "get 0x808c; set 0x808c 0x908e",
	  "OSLAR_EL1 write: OSLSR_EL1.OSLK = 1" },
	{ SV_ENC(2, 0, 1, 0, 4), RD, 0, UNDEF, 0x55, "", "OSLAR_EL1 read" },
	/* The timer's rows. */
	{ SV_ENC(3, 3, 14, 2, 1), RD, 0, SKIP, TIMER(0xdf11), "timer 0xdf11 r 0x55",
	  "CNTP_CTL_EL0 read" },
	{ SV_ENC(3, 3, 14, 2, 0), WR, 0, SKIP, 0x55, "timer 0xdf10 w 0x55", "CNTP_TVAL_EL0 write" },
	/* The vGIC's rows: only writes, only with a vGICv3. */
	{ SV_ENC(3, 0, 12, 11, 5), WR, 0, UNDEF, 0x55, "", "ICC_SGI1R_EL1 without a vGICv3" },
	{ SV_ENC(3, 0, 12, 11, 5), WR, 1, SKIP, 0x55, "sgi 0x55 g1", "ICC_SGI1R_EL1 write" },
	{ SV_ENC(3, 1, 12, 11, 6), WR, 1, SKIP, 0x55, "sgi 0x55 g1", "ICC_ASGI1R_EL1 write" },
	{ SV_ENC(3, 2, 12, 11, 7), WR, 1, SKIP, 0x55, "sgi 0x55 g0", "ICC_SGI0R_EL1 write" },
	{ SV_ENC(3, 0, 12, 11, 5), RD, 1, UNDEF, 0x55, "", "ICC_SGI1R_EL1 read" },
};

static void test_traps(void)
{
	unsigned int i;

	hyp.ctxt.sys[SV_VBAR_EL1] = 0x80000;
	vcpu.hyp = &hyp;
	for (i = 0; i < ARRAY_SIZE(trap_cases); i++) {
		const struct trap_case *t = &trap_cases[i];
		u64 x3;
		int out;

		hyp.vgic.model = t->v3 ? SV_VGIC_MODEL_V3 : 0;
		out = trap(t->enc, t->read, &x3);
		TAP_EQ(out, t->out, "%s: %s", t->what, t->out == SKIP ? "skipped" : "UNDEF");
		TAP_EQ(x3, t->rt, "%s: Rt", t->what);
		TAP_CHECK(!strcmp(calls, t->calls), "%s: calls \"%s\"", t->what, calls);
	}
}

/*
 * The fixed rows' answers for EL2 (sv_sysreg_fast_fill): sorted, every
 * ID register readable with the value the trap path gives, RAZ/WI both
 * ways, RAZ reads only, set/way writes only, nothing that is not fixed
 * (OSLSR_EL1 changes through OSLAR_EL1), and -ENOSPC rather than a cut
 * table.
 */
static const struct sv_fast_sysreg *fast_find(const struct sv_fast_sysreg *out, int n, u32 enc)
{
	int i;

	for (i = 0; i < n; i++)
		if (out[i].key == enc)
			return &out[i];
	return NULL;
}

#define FIND(enc)	fast_find(out, n, enc)

static void test_fast_fill(void)
{
	static struct sv_fast_sysreg out[SV_FAST_SYSREGS];
	int n, i, sorted = 1, ids = 0;
	const struct sv_fast_sysreg *e;

	n = sv_sysreg_fast_fill(&vcpu, out, SV_FAST_SYSREGS);
	TAP_CHECK(n > 56, "fast fill: %d entries (56 ID registers and more)", n);
	for (i = 1; i < n; i++)
		sorted &= out[i - 1].key < out[i].key;
	TAP_CHECK(sorted, "fast fill: sorted by encoding, no doubles");
	for (i = 0; i < n; i++) {
		e = &out[i];
		if (SV_ENC_OP0(e->key) == 3 && SV_ENC_OP1(e->key) == 0 && SV_ENC_CRN(e->key) == 0 &&
		    SV_ENC_CRM(e->key) >= 1 && SV_ENC_CRM(e->key) <= 7)
			ids += e->ops == SV_FAST_SR_READ && e->val == 0x1000 + e->key;
	}
	TAP_EQ(ids, 56, "fast fill: the 56 ID registers read-only, with the value the row's get gives");
	e = FIND(SV_ENC(2, 0, 1, 3, 4));
	TAP_CHECK(e && e->ops == (SV_FAST_SR_READ | SV_FAST_SR_WRITE) && !e->val,
		  "fast fill: OSDLR_EL1 reads as zero, writes ignored");
	e = FIND(SV_ENC(2, 0, 1, 0, 0));
	TAP_CHECK(e && e->ops == SV_FAST_SR_READ && !e->val, "fast fill: MDRAR_EL1 reads as zero only");
	e = FIND(SV_ENC(1, 0, 7, 6, 2));
	TAP_CHECK(e && e->ops == SV_FAST_SR_WRITE, "fast fill: DC ISW skipped (no read: it would depend on Rt)");
	TAP_CHECK(!FIND(SV_ENC(2, 0, 1, 1, 4)) && !FIND(SV_ENC(2, 0, 1, 0, 4)) &&
		  !FIND(SV_ENC(3, 0, 1, 0, 0)) && !FIND(SV_ENC(3, 0, 12, 11, 5)),
		  "fast fill: OSLSR, OSLAR, SCTLR, ICC_SGI1R are the host's");
	TAP_EQ(sv_sysreg_fast_fill(&vcpu, out, 10), -ENOSPC, "fast fill: too small a table is -ENOSPC");
}

int main(void)
{
	test_tables();
	test_traps();
	test_fast_fill();
	return tap_done();
}
