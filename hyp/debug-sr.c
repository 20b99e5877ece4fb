// SPDX-License-Identifier: GPL-2.0
/*
 * Breakpoint and watchpoint registers.  They take their number as an
 * immediate in the instruction, so each bank is an unrolled switch; only
 * the implemented ones (ID_AA64DFR0_EL1.BRPs/WRPs) may be touched.
 * Pairs: __sv_debug_save() reads what __sv_debug_restore() writes.
 */
#include "sv_hyp_sysreg.h"
#include "sv_hyp.h"

#define SV_DBG_CASES(op, n)						\
	case n: op(n); break

#define SV_DBG_SWITCH(op, i)						\
	switch (i) {							\
	SV_DBG_CASES(op, 0); SV_DBG_CASES(op, 1); SV_DBG_CASES(op, 2);	\
	SV_DBG_CASES(op, 3); SV_DBG_CASES(op, 4); SV_DBG_CASES(op, 5);	\
	SV_DBG_CASES(op, 6); SV_DBG_CASES(op, 7); SV_DBG_CASES(op, 8);	\
	SV_DBG_CASES(op, 9); SV_DBG_CASES(op, 10); SV_DBG_CASES(op, 11);	\
	SV_DBG_CASES(op, 12); SV_DBG_CASES(op, 13); SV_DBG_CASES(op, 14);	\
	SV_DBG_CASES(op, 15);						\
	}

#define SAVE_B(n)	do { d->bvr[n] = sv_read_sysreg(dbgbvr##n##_el1); \
			     d->bcr[n] = sv_read_sysreg(dbgbcr##n##_el1); } while (0)
#define SAVE_W(n)	do { d->wvr[n] = sv_read_sysreg(dbgwvr##n##_el1); \
			     d->wcr[n] = sv_read_sysreg(dbgwcr##n##_el1); } while (0)
#define LOAD_B(n)	do { sv_write_sysreg(d->bvr[n], dbgbvr##n##_el1); \
			     sv_write_sysreg(d->bcr[n], dbgbcr##n##_el1); } while (0)
#define LOAD_W(n)	do { sv_write_sysreg(d->wvr[n], dbgwvr##n##_el1); \
			     sv_write_sysreg(d->wcr[n], dbgwcr##n##_el1); } while (0)

void __sv_debug_save(struct sv_debug_regs *d, sv_u64 nr_brps, sv_u64 nr_wrps)
{
	sv_u64 i;

	for (i = 0; i < nr_brps && i < 16; i++)
		SV_DBG_SWITCH(SAVE_B, i);
	for (i = 0; i < nr_wrps && i < 16; i++)
		SV_DBG_SWITCH(SAVE_W, i);
}

void __sv_debug_restore(const struct sv_debug_regs *d, sv_u64 nr_brps, sv_u64 nr_wrps)
{
	sv_u64 i;

	for (i = 0; i < nr_brps && i < 16; i++)
		SV_DBG_SWITCH(LOAD_B, i);
	for (i = 0; i < nr_wrps && i < 16; i++)
		SV_DBG_SWITCH(LOAD_W, i);
	sv_isb();
}
