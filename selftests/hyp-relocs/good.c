// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture for selftests/check-hyp-relocs.sh (run by check-symbols.sh):
 * EL2-style code whose only absolute addresses are in an __sv_hyp_ptrs
 * table, loaded through sv_hyp_va().  The check must pass it when built
 * with the small code model, and fail it with the large one (addresses
 * from literal pools).
 */
#include "sv_hyp_abi.h"
#include "sv_hyp.h"

static int counter;

static void bump(void)
{
	counter++;
}

static void (*const fixture_ops[1])(void) __sv_hyp_ptrs = { bump };

int fixture_entry(void);
int fixture_entry(void)
{
	void (*fn)(void) = (void (*)(void))sv_hyp_va(fixture_ops[0]);

	fn();
	return counter;
}
