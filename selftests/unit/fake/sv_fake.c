// SPDX-License-Identifier: GPL-2.0
/* The fake backend's register file and trace, and stubs for EL2's assembly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sv_fake.h"

#define SV_FAKE_NAME(r)		#r,
const char *const sv_fake_reg_names[SV_FAKE_NR_REGS] = { SV_FAKE_SYSREGS(SV_FAKE_NAME) };
#undef SV_FAKE_NAME

sv_u64 sv_fake_regs[SV_FAKE_NR_REGS];
sv_u64 sv_fake_at_entry[SV_FAKE_NR_REGS];
struct sv_fake_event sv_fake_trace[SV_FAKE_TRACE_MAX];
int sv_fake_nr_events, sv_fake_entries, sv_fake_script_overrun;
sv_u64 sv_fake_at_par;
int sv_fake_at_faults;
jmp_buf sv_fake_panic_jmp;
void (*sv_fake_dmb_hook)(int nth);
static int dmbs;

static const struct sv_fake_exit *script;
static int script_len;

static void record(enum sv_fake_kind kind, enum sv_fake_reg reg, const char *what,
		   sv_u64 val, sv_u64 addr)
{
	struct sv_fake_event *e;

	if (sv_fake_nr_events == SV_FAKE_TRACE_MAX) {
		fprintf(stderr, "sv_fake: trace full\n");
		abort();
	}
	e = &sv_fake_trace[sv_fake_nr_events++];
	e->kind = kind;
	e->reg = reg;
	e->what = what;
	e->val = val;
	e->addr = addr;
}

void sv_fake_reset(void)
{
	memset(sv_fake_regs, 0, sizeof(sv_fake_regs));
	memset(sv_fake_at_entry, 0, sizeof(sv_fake_at_entry));
	sv_fake_nr_events = 0;
	sv_fake_entries = 0;
	sv_fake_script_overrun = 0;
	script = NULL;
	script_len = 0;
	sv_fake_at_par = 0;
	sv_fake_at_faults = 0;
	sv_fake_dmb_hook = NULL;
	dmbs = 0;
}

void sv_fake_script(const struct sv_fake_exit *exits, int n)
{
	script = exits;
	script_len = n;
}

sv_u64 sv_fake_read(enum sv_fake_reg r)
{
	record(SV_FAKE_RD, r, NULL, sv_fake_regs[r], 0);
	return sv_fake_regs[r];
}

void sv_fake_write(enum sv_fake_reg r, sv_u64 v)
{
	record(SV_FAKE_WR, r, NULL, v, 0);
	sv_fake_regs[r] = v;
}

void sv_fake_op(enum sv_fake_kind k, const char *what, sv_u64 v)
{
	record(k, 0, what, v, 0);
}

/* The translation's result lands in PAR_EL1, as the instruction's does. */
sv_u64 sv_fake_at(const char *op, sv_u64 va)
{
	/* What hyp/vectors.S __sv_at_s1e1r does: AT, ISB, read PAR_EL1. */
	record(SV_FAKE_AT, 0, op, va, 0);
	if (sv_fake_at_faults)
		return 1;		/* the fixup's answer: PAR_EL1 untouched */
	sv_fake_regs[SV_FAKE_REG(par_el1)] = sv_fake_at_par;
	sv_fake_op(SV_FAKE_ISB, "isb", 0);
	return sv_fake_read(SV_FAKE_REG(par_el1));
}

void sv_fake_dmb(const char *what)
{
	record(SV_FAKE_DMB, 0, what, 0, 0);
	if (sv_fake_dmb_hook)
		sv_fake_dmb_hook(dmbs);
	dmbs++;
}

/* The address is the test's own memory (a stand-in GICH frame). */
sv_u32 sv_fake_mmio_read32(sv_u64 addr)
{
	sv_u32 v = *(volatile sv_u32 *)(unsigned long)addr;

	record(SV_FAKE_MMIO_RD, 0, NULL, v, addr);
	return v;
}

void sv_fake_mmio_write32(sv_u32 v, sv_u64 addr)
{
	record(SV_FAKE_MMIO_WR, 0, NULL, v, addr);
	*(volatile sv_u32 *)(unsigned long)addr = v;
}

/* ---- stubs for hyp/entry.S and hyp/fpsimd.S --------------------------- */

sv_u64 __sv_guest_enter(struct sv_cpu_ctxt *guest)
{
	const struct sv_fake_exit *e;

	record(SV_FAKE_CALL, 0, "__sv_guest_enter", 0, (sv_u64)(unsigned long)guest);
	if (!sv_fake_entries++)
		memcpy(sv_fake_at_entry, sv_fake_regs, sizeof(sv_fake_regs));
	if (sv_fake_entries > script_len) {
		sv_fake_script_overrun = 1;
		return SV_EXIT_IRQ;
	}
	e = &script[sv_fake_entries - 1];
	/* What taking the exception to EL2 writes; not accesses by EL2's code. */
	sv_fake_regs[SV_FAKE_REG(esr_el2)] = e->esr;
	sv_fake_regs[SV_FAKE_REG(far_el2)] = e->far;
	sv_fake_regs[SV_FAKE_REG(hpfar_el2)] = e->hpfar;
	sv_fake_regs[SV_FAKE_REG(elr_el2)] = e->elr;
	sv_fake_at_par = e->at_par;
	if (e->panic) {
		struct sv_hyp_cpu *hc = __sv_this_cpu();

		/* hyp/vectors.S __sv_hyp_panic: the guest is gone, fix the host up. */
		hc->loaded_ctxt = 0;
		__sv_panic_fixup(hc);
		longjmp(sv_fake_panic_jmp, 1);
	}
	return e->code;
}

void __sv_fpsimd_save(struct sv_fp_regs *fp)
{
	record(SV_FAKE_CALL, 0, "__sv_fpsimd_save", 0, (sv_u64)(unsigned long)fp);
}

void __sv_fpsimd_restore(const struct sv_fp_regs *fp)
{
	record(SV_FAKE_CALL, 0, "__sv_fpsimd_restore", 0, (sv_u64)(unsigned long)fp);
}

/* ---- trace queries ------------------------------------------------------- */

static int match(int i, enum sv_fake_kind kind, int reg)
{
	const struct sv_fake_event *e = &sv_fake_trace[i];

	return e->kind == kind && (reg < 0 || (int)e->reg == reg);
}

int sv_fake_find(int from, enum sv_fake_kind kind, int reg)
{
	int i;

	for (i = from < 0 ? 0 : from; i < sv_fake_nr_events; i++)
		if (match(i, kind, reg))
			return i;
	return -1;
}

int sv_fake_find_last(int to, enum sv_fake_kind kind, int reg)
{
	int i;

	for (i = (to > sv_fake_nr_events ? sv_fake_nr_events : to) - 1; i >= 0; i--)
		if (match(i, kind, reg))
			return i;
	return -1;
}

int sv_fake_find_call(int from, const char *name)
{
	int i;

	for (i = from < 0 ? 0 : from; i < sv_fake_nr_events; i++)
		if (sv_fake_trace[i].kind == SV_FAKE_CALL && !strcmp(sv_fake_trace[i].what, name))
			return i;
	return -1;
}

void sv_fake_dump(void)
{
	static const char *const kinds[] = { "rd", "wr", "isb", "dsb", "tlbi", "at",
					     "mmio-rd", "mmio-wr", "call" };
	int i;

	for (i = 0; i < sv_fake_nr_events; i++) {
		const struct sv_fake_event *e = &sv_fake_trace[i];
		const char *what = e->kind <= SV_FAKE_WR ? sv_fake_reg_names[e->reg] : e->what;

		printf("#   %4d %-7s %-16s %#llx %#llx\n", i, kinds[e->kind], what ? what : "",
		       e->val, e->addr);
	}
}
