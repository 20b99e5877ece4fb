// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture for selftests/check-hyp-relocs.sh: the mistake the check is
 * for -- a pointer in ordinary data (not an __sv_hyp_ptrs table), which
 * the module loader fills with a host address and EL2 then dereferences
 * as it is.  The check must fail this object.
 */
#include "sv_hyp.h"

static int counter;
int *fixture_counter_ptr = &counter;

int fixture_entry(void);
int fixture_entry(void)
{
	return *fixture_counter_ptr;
}
