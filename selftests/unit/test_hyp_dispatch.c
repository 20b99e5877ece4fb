// SPDX-License-Identifier: GPL-2.0
/* The EL2 host-call dispatcher (hyp/hyp-main.c), run natively. */
#include "tap.h"
#include "sv_hyp_abi.h"
#include "sv_hyp_ctxt.h"

void __handle_host_hcall(struct sv_host_ctxt *ctxt);

static long long call(sv_u64 id, sv_u64 *x1)
{
	struct sv_host_ctxt c = { 0 };

	c.regs.x[0] = id;
	c.regs.x[1] = 0xdead;
	__handle_host_hcall(&c);
	*x1 = c.regs.x[1];
	return (long long)c.regs.x[0];
}

int main(void)
{
	sv_u64 x1;

	TAP_EQ(call(SV_HCALL_PING, &x1), SV_HYP_OK, "PING returns OK");
	TAP_EQ(x1, SV_HYP_MAGIC, "PING returns the magic in x1");
	TAP_EQ(call(SV_HCALL_NR, &x1), SV_HYP_ENOSYS, "first id past the table is ENOSYS");
	TAP_EQ(call(~0ULL, &x1), SV_HYP_ENOSYS, "id ~0 is ENOSYS (bounds check)");
	TAP_EQ(call(SV_STUB_SET_VECTORS, &x1), SV_HYP_ENOSYS,
	       "stub call ids never reach the dispatch table");
	TAP_EQ(call(SV_HCALL_FIRST - 1, &x1), SV_HYP_ENOSYS, "id below the first call is ENOSYS");
	return tap_done();
}
