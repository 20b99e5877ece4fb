// SPDX-License-Identifier: GPL-2.0
/*
 * The system register rows and the trap path through them.  Every
 * encoding a guest's MRS/MSR/SYS can trap to us with is one row, and the
 * row's access handler is what happens: the core's rows are below, the
 * devices contribute theirs (timer/: CNTP_*, vgic/: ICC_SGI*), and
 * anything without a row is UNDEFINED.  Rows with one_reg set are also
 * what ONE_REG and KVM_GET_REG_LIST see (host/one_reg.c), with their
 * values kept by host/sysregs.c, so what the guest sees and what
 * userspace saves are the same thing.
 *
 * Pure logic: no kernel services, so selftests/unit runs it natively.
 * Encodings are KVM's: op0<<14 | op1<<11 | crn<<7 | crm<<3 | op2.
 */
#include <linux/errno.h>
#include <linux/kernel.h>

#include "sysreg_table.h"
#include "emulate.h"
#include "sv_esr.h"
#include "sv_hyp_fast.h"
#include "arch_timer.h"
#include "sv_vgic.h"

#define SV_OSLSR_EL1	SV_ENC(2, 0, 1, 1, 4)

/* ---- the core's access handlers ------------------------------------------- */

static bool sv_sr_rw(struct sv_vcpu *vcpu, struct sv_sysreg_params *p,
		     const struct sv_sysreg_desc *r)
{
	if (p->read)
		sv_sysreg_get(vcpu, r, &p->val);
	else
		sv_sysreg_set(vcpu, r, p->val);
	return true;
}

/* ID, invariant and identification registers, OSLSR_EL1: writes UNDEFINED. */
static bool sv_sr_ro(struct sv_vcpu *vcpu, struct sv_sysreg_params *p,
		     const struct sv_sysreg_desc *r)
{
	return p->read && sv_sr_rw(vcpu, p, r);
}

/* ACTLR_EL1 is IMPLEMENTATION DEFINED: the guest reads ours, its writes are ignored. */
static bool sv_sr_read_wi(struct sv_vcpu *vcpu, struct sv_sysreg_params *p,
			  const struct sv_sysreg_desc *r)
{
	return !p->read || sv_sr_rw(vcpu, p, r);
}

/* Debug registers we do not model: reads as zero, writes UNDEFINED. */
static bool sv_sr_raz(struct sv_vcpu *vcpu, struct sv_sysreg_params *p,
		      const struct sv_sysreg_desc *r)
{
	p->val = 0;
	return p->read;
}

/* ... and the ones whose writes are accepted and ignored. */
static bool sv_sr_raz_wi(struct sv_vcpu *vcpu, struct sv_sysreg_params *p,
			 const struct sv_sysreg_desc *r)
{
	p->val = 0;
	return true;
}

/* OSLAR_EL1 (write-only): the OS lock, as OSLSR_EL1.OSLK (host/debug.c acts on it). */
static bool sv_sr_oslar(struct sv_vcpu *vcpu, struct sv_sysreg_params *p,
			const struct sv_sysreg_desc *r)
{
	const struct sv_sysreg_desc *oslsr = sv_sysreg_find(SV_OSLSR_EL1);
	u64 v;

	if (p->read)
		return false;
	sv_sysreg_get(vcpu, oslsr, &v);
	sv_sysreg_set(vcpu, oslsr, (v & ~0x2ULL) | ((p->val & 1) << 1));
	return true;
}

/*
 * DC ISW/CSW/CISW (HCR_EL2.TSW): set/way maintenance cannot be done for a
 * guest on shared caches; upstream turns it into a full flush when the
 * guest toggles its caches.  Our stage-2 maps only cacheable memory that
 * was cleaned to PoC when mapped, so skipping is coherent.
 */
static bool sv_sr_setway(struct sv_vcpu *vcpu, struct sv_sysreg_params *p,
			 const struct sv_sysreg_desc *r)
{
	return true;
}

/* ---- the core's rows ------------------------------------------------------- */

#define ROW(o0, o1, n, m, o2, k, i, rst, fn) \
	{ .enc = SV_ENC(o0, o1, n, m, o2), .kind = (k), .idx = (i), .one_reg = true, \
	  .reset = (rst), .access = (fn) }
/* A read-only register whose value only the vCPU's configuration sets. */
#define RO_FIXED(o0, o1, n, m, o2, k) \
	{ .enc = SV_ENC(o0, o1, n, m, o2), .kind = (k), .one_reg = true, .fixed = true, \
	  .access = sv_sr_ro }
#define CTXT(o0, o1, n, m, o2, reg, rst) ROW(o0, o1, n, m, o2, SV_SR_CTXT, reg, rst, sv_sr_rw)
#define SHADOW(o0, o1, n, m, o2, slot, rst) \
	ROW(o0, o1, n, m, o2, SV_SR_SHADOW, slot, rst, sv_sr_rw)
#define ID(o0, o1, n, m, o2)	RO_FIXED(o0, o1, n, m, o2, SV_SR_ID)
#define HOST(o0, o1, n, m, o2)	RO_FIXED(o0, o1, n, m, o2, SV_SR_HOST)
/* Trapped only: no value, not in ONE_REG. */
#define TRAP(o0, o1, n, m, o2, fn) { .enc = SV_ENC(o0, o1, n, m, o2), .access = (fn) }
#define TRAP_FIXED(o0, o1, n, m, o2, fn) \
	{ .enc = SV_ENC(o0, o1, n, m, o2), .fixed = true, .access = (fn) }
#define DBG4(m) \
	SHADOW(2, 0, 0, m, 4, SV_SH_DBGBVR0 + (m), 0), \
	SHADOW(2, 0, 0, m, 5, SV_SH_DBGBCR0 + (m), 0), \
	SHADOW(2, 0, 0, m, 6, SV_SH_DBGWVR0 + (m), 0), \
	SHADOW(2, 0, 0, m, 7, SV_SH_DBGWCR0 + (m), 0)
#define ID8(m) ID(3, 0, 0, m, 0), ID(3, 0, 0, m, 1), ID(3, 0, 0, m, 2), ID(3, 0, 0, m, 3), \
	       ID(3, 0, 0, m, 4), ID(3, 0, 0, m, 5), ID(3, 0, 0, m, 6), ID(3, 0, 0, m, 7)

/* Sorted by encoding (checked at load and by selftests/unit/test_sysreg_table.c). */
static const struct sv_sysreg_desc sv_core_sysregs[] = {
	TRAP_FIXED(1, 0, 7, 6, 2, sv_sr_setway),		/* DC ISW */
	TRAP_FIXED(1, 0, 7, 10, 2, sv_sr_setway),		/* DC CSW */
	TRAP_FIXED(1, 0, 7, 14, 2, sv_sr_setway),		/* DC CISW */
	DBG4(0), DBG4(1),
	SHADOW(2, 0, 0, 2, 0, SV_SH_MDCCINT, 0),		/* MDCCINT_EL1 */
	SHADOW(2, 0, 0, 2, 2, SV_SH_MDSCR, 0),			/* MDSCR_EL1 */
	SHADOW(2, 0, 0, 2, 4, SV_SH_DBGBVR0 + 2, 0),
	SHADOW(2, 0, 0, 2, 5, SV_SH_DBGBCR0 + 2, 0),
	SHADOW(2, 0, 0, 2, 6, SV_SH_DBGWVR0 + 2, 0),
	SHADOW(2, 0, 0, 2, 7, SV_SH_DBGWCR0 + 2, 0),
	DBG4(3), DBG4(4), DBG4(5), DBG4(6), DBG4(7),
	DBG4(8), DBG4(9), DBG4(10), DBG4(11), DBG4(12), DBG4(13), DBG4(14), DBG4(15),
	TRAP_FIXED(2, 0, 1, 0, 0, sv_sr_raz),			/* MDRAR_EL1 */
	TRAP(2, 0, 1, 0, 4, sv_sr_oslar),			/* OSLAR_EL1 */
	ROW(2, 0, 1, 1, 4, SV_SR_OSLSR, SV_SH_OSLSR, 0x8, sv_sr_ro),	/* OSLSR_EL1 */
	TRAP_FIXED(2, 0, 1, 3, 4, sv_sr_raz_wi),		/* OSDLR_EL1 */
	TRAP_FIXED(2, 0, 1, 4, 4, sv_sr_raz_wi),		/* DBGPRCR_EL1 */
	TRAP_FIXED(2, 0, 7, 8, 6, sv_sr_raz_wi),		/* DBGCLAIMSET_EL1 */
	TRAP_FIXED(2, 0, 7, 9, 6, sv_sr_raz_wi),		/* DBGCLAIMCLR_EL1 */
	TRAP_FIXED(2, 0, 7, 14, 6, sv_sr_raz),			/* DBGAUTHSTATUS_EL1 */
	TRAP_FIXED(2, 3, 0, 1, 0, sv_sr_raz),			/* MDCCSR_EL0 */
	SHADOW(2, 4, 0, 7, 0, SV_SH_DBGVCR32, 0),		/* DBGVCR32_EL2 */
	RO_FIXED(3, 0, 0, 0, 0, SV_SR_MIDR),			/* MIDR_EL1 */
	RO_FIXED(3, 0, 0, 0, 5, SV_SR_MPIDR),			/* MPIDR_EL1 (ONE_REG sets it) */
	HOST(3, 0, 0, 0, 6),					/* REVIDR_EL1 */
	ID8(1), ID8(2), ID8(3), ID8(4), ID8(5), ID8(6), ID8(7),
	CTXT(3, 0, 1, 0, 0, SV_SCTLR_EL1, 0x00c50078),		/* SCTLR_EL1 */
	ROW(3, 0, 1, 0, 1, SV_SR_CTXT, SV_ACTLR_EL1, 0, sv_sr_read_wi),	/* ACTLR_EL1 */
	CTXT(3, 0, 1, 0, 2, SV_CPACR_EL1, 0),			/* CPACR_EL1 */
	CTXT(3, 0, 2, 0, 0, SV_TTBR0_EL1, 0),			/* TTBR0_EL1 */
	CTXT(3, 0, 2, 0, 1, SV_TTBR1_EL1, 0),			/* TTBR1_EL1 */
	CTXT(3, 0, 2, 0, 2, SV_TCR_EL1, 0),			/* TCR_EL1 */
	CTXT(3, 0, 5, 1, 0, SV_AFSR0_EL1, 0),			/* AFSR0_EL1 */
	CTXT(3, 0, 5, 1, 1, SV_AFSR1_EL1, 0),			/* AFSR1_EL1 */
	CTXT(3, 0, 5, 2, 0, SV_ESR_EL1, 0),			/* ESR_EL1 */
	CTXT(3, 0, 6, 0, 0, SV_FAR_EL1, 0),			/* FAR_EL1 */
	CTXT(3, 0, 7, 4, 0, SV_PAR_EL1, 0),			/* PAR_EL1 */
	CTXT(3, 0, 10, 2, 0, SV_MAIR_EL1, 0),			/* MAIR_EL1 */
	CTXT(3, 0, 10, 3, 0, SV_AMAIR_EL1, 0),			/* AMAIR_EL1 */
	CTXT(3, 0, 12, 0, 0, SV_VBAR_EL1, 0),			/* VBAR_EL1 */
	SHADOW(3, 0, 12, 1, 1, SV_SH_DISR, 0),			/* DISR_EL1 */
	CTXT(3, 0, 13, 0, 1, SV_CONTEXTIDR_EL1, 0),		/* CONTEXTIDR_EL1 */
	CTXT(3, 0, 13, 0, 4, SV_TPIDR_EL1, 0),			/* TPIDR_EL1 */
	CTXT(3, 0, 14, 1, 0, SV_CNTKCTL_EL1, 0),		/* CNTKCTL_EL1 */
	HOST(3, 1, 0, 0, 1),					/* CLIDR_EL1 */
	HOST(3, 1, 0, 0, 7),					/* AIDR_EL1 */
	CTXT(3, 2, 0, 0, 0, SV_CSSELR_EL1, 0),			/* CSSELR_EL1 */
	HOST(3, 3, 0, 0, 1),					/* CTR_EL0 */
	CTXT(3, 3, 13, 0, 2, SV_TPIDR_EL0, 0),			/* TPIDR_EL0 */
	CTXT(3, 3, 13, 0, 3, SV_TPIDRRO_EL0, 0),		/* TPIDRRO_EL0 */
	SHADOW(3, 4, 3, 0, 0, SV_SH_DACR32, 0),			/* DACR32_EL2 */
	SHADOW(3, 4, 5, 0, 1, SV_SH_IFSR32, 0),			/* IFSR32_EL2 */
	SHADOW(3, 4, 5, 3, 0, SV_SH_FPEXC32, 0x700),		/* FPEXC32_EL2 */
};
static const struct sv_sysreg_desc *const sv_core_sysreg_rows = sv_core_sysregs;
static const unsigned int sv_core_nr_sysregs = ARRAY_SIZE(sv_core_sysregs);

/* ---- the merged tables ---------------------------------------------------- */

/* The devices' tables are known by address only (their headers need no row type). */
static const struct {
	const struct sv_sysreg_desc *const *rows;
	const unsigned int *nr;
} sv_sysreg_tables[] = {
	{ &sv_core_sysreg_rows, &sv_core_nr_sysregs },
	{ &sv_timer_sysreg_rows, &sv_timer_nr_sysregs },
	{ &sv_vgic_sysreg_rows, &sv_vgic_nr_sysregs },
};

/* Index of the first row of table t whose encoding is >= enc (bisection). */
static unsigned int sv_sysreg_lower_bound(unsigned int t, u32 enc)
{
	const struct sv_sysreg_desc *rows = (*sv_sysreg_tables[t].rows);
	unsigned int lo = 0, hi = *sv_sysreg_tables[t].nr;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (rows[mid].enc < enc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct sv_sysreg_desc *sv_sysreg_find(u32 enc)
{
	unsigned int t, i;

	for (t = 0; t < ARRAY_SIZE(sv_sysreg_tables); t++) {
		i = sv_sysreg_lower_bound(t, enc);
		if (i < *sv_sysreg_tables[t].nr && (*sv_sysreg_tables[t].rows)[i].enc == enc)
			return &(*sv_sysreg_tables[t].rows)[i];
	}
	return NULL;
}

/* The first row after prev (NULL: from the start) that pick() takes, all tables in encoding order. */
static const struct sv_sysreg_desc *sv_sysreg_next(const struct sv_sysreg_desc *prev,
						   bool (*pick)(const struct sv_sysreg_desc *r))
{
	const struct sv_sysreg_desc *best = NULL;
	unsigned int t, i;

	for (t = 0; t < ARRAY_SIZE(sv_sysreg_tables); t++) {
		const struct sv_sysreg_desc *rows = (*sv_sysreg_tables[t].rows);
		unsigned int nr = *sv_sysreg_tables[t].nr;

		i = prev ? sv_sysreg_lower_bound(t, prev->enc + 1) : 0;
		while (i < nr && !pick(&rows[i]))
			i++;
		if (i < nr && (!best || rows[i].enc < best->enc))
			best = &rows[i];
	}
	return best;
}

static bool sv_sysreg_is_listed(const struct sv_sysreg_desc *r)
{
	return r->one_reg;
}

static bool sv_sysreg_is_fixed(const struct sv_sysreg_desc *r)
{
	return r->fixed;
}

/* Walks all tables at once, so the list stays in encoding order as upstream's. */
const struct sv_sysreg_desc *sv_sysreg_next_listed(const struct sv_sysreg_desc *prev)
{
	return sv_sysreg_next(prev, sv_sysreg_is_listed);
}

/*
 * The lookups bisect, so each table must be sorted; an encoding in two
 * tables would be handled by whichever is searched first; a ONE_REG row
 * needs a value (a kind) for get/set.
 */
int sv_sysreg_tables_check(u32 *bad)
{
	unsigned int t, i;

	for (t = 0; t < ARRAY_SIZE(sv_sysreg_tables); t++) {
		const struct sv_sysreg_desc *rows = (*sv_sysreg_tables[t].rows);

		for (i = 0; i < *sv_sysreg_tables[t].nr; i++) {
			*bad = rows[i].enc;
			if ((i && rows[i - 1].enc >= rows[i].enc) || !rows[i].access ||
			    (rows[i].one_reg && rows[i].kind == SV_SR_NONE))
				return -EINVAL;
		}
	}
	/* All sorted: now find() is exact, and returns another row for a double. */
	for (t = 0; t < ARRAY_SIZE(sv_sysreg_tables); t++) {
		for (i = 0; i < *sv_sysreg_tables[t].nr; i++) {
			*bad = (*sv_sysreg_tables[t].rows)[i].enc;
			if (sv_sysreg_find(*bad) != &(*sv_sysreg_tables[t].rows)[i])
				return -EINVAL;
		}
	}
	return 0;
}

/* ---- traps ------------------------------------------------------------------ */

/* The row's handler decides; no row is UNDEFINED.  ISS: sv_esr.h (Arm ARM D17.2.37). */
int sv_handle_sysreg(struct sv_vcpu *vcpu, struct sv_cpu_ctxt *c, u64 esr)
{
	struct sv_sysreg_params p = {
		.enc = SV_ESR_SYS64_ENC(esr),
		.rt = SV_ESR_SYS64_RT(esr),
		.read = esr & SV_ESR_SYS64_READ,
	};
	const struct sv_sysreg_desc *r = sv_sysreg_find(p.enc);

	p.val = sv_reg_read(c, p.rt);
	if (!r || !r->access(vcpu, &p, r)) {
		sv_inject_undef(c);
		return 1;
	}
	if (p.read)
		sv_reg_write(c, p.rt, p.val);
	sv_instr_skip(c, esr);
	return 1;
}

/* ---- the answers EL2 gives itself (hyp/fast-sysreg.c) ------------------------ */

/*
 * Does the fixed row r's handler succeed for this direction, the same
 * way whatever Rt held?  Run it twice, with Rt = 0 and with all ones
 * (the handlers of fixed rows change nothing): a read must produce one
 * value, which goes to *val.
 */
static bool sv_sysreg_fast_op(struct sv_vcpu *vcpu, const struct sv_sysreg_desc *r,
			      bool read, u64 *val)
{
	struct sv_sysreg_params p0 = { .enc = r->enc, .read = read, .val = 0 };
	struct sv_sysreg_params p1 = { .enc = r->enc, .read = read, .val = ~0ULL };

	if (!r->access(vcpu, &p0, r) || !r->access(vcpu, &p1, r))
		return false;
	*val = p0.val;
	return !read || p0.val == p1.val;
}

/*
 * The vCPU's fixed rows as EL2's table (struct sv_fast_sysreg, sorted by
 * encoding): reads that succeed with the value they return, writes that
 * succeed (and so are ignored); a direction that takes UNDEF or depends
 * on Rt is left to the host.  Returns the number of entries, -ENOSPC if
 * max is too few.
 */
int sv_sysreg_fast_fill(struct sv_vcpu *vcpu, struct sv_fast_sysreg *out, unsigned int max)
{
	const struct sv_sysreg_desc *r;
	unsigned int n = 0;
	u64 val, ignored;

	r = sv_sysreg_next(NULL, sv_sysreg_is_fixed);
	for (; r; r = sv_sysreg_next(r, sv_sysreg_is_fixed)) {
		u64 ops = 0;

		if (sv_sysreg_fast_op(vcpu, r, true, &val))
			ops |= SV_FAST_SR_READ;
		else
			val = 0;
		if (sv_sysreg_fast_op(vcpu, r, false, &ignored))
			ops |= SV_FAST_SR_WRITE;
		if (!ops)
			continue;
		if (n == max)
			return -ENOSPC;
		out[n].key = r->enc;
		out[n].ops = ops;
		out[n++].val = val;
	}
	return n;
}
