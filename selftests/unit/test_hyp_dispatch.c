// SPDX-License-Identifier: GPL-2.0
/*
 * The EL2 host-call dispatcher (hyp/hyp-main.c), run natively with the
 * rest of the EL2 C code against the fake backend: the bounds check, and
 * each call's arguments reaching its handler by name.
 */
#include "hyp_fixture.h"

void __handle_host_hcall(struct sv_host_ctxt *ctxt);

static long long call(sv_u64 id, sv_u64 a1, sv_u64 a2, sv_u64 *x1)
{
	struct sv_host_ctxt c = { 0 };

	c.regs.x[0] = id;
	c.regs.x[1] = a1;
	c.regs.x[2] = a2;
	__handle_host_hcall(&c);
	*x1 = c.regs.x[1];
	return (long long)c.regs.x[0];
}

/* The first TLBI of the trace is op, with this operand. */
static int tlbi_seen(const char *op, sv_u64 arg)
{
	int i = sv_fake_find(0, SV_FAKE_TLBI, -1);

	return i >= 0 && !strcmp(sv_fake_trace[i].what, op) && sv_fake_trace[i].val == arg;
}

static void test_tlb(void)
{
	sv_u64 x1, vttbr = (7ULL << 48) | 0x43000;
	int w;

	fx_setup(SV_VGIC_MODEL_NONE, 0);
	TAP_EQ(call(SV_HCALL_TLB_FLUSH_VMID, vttbr, 0, &x1), SV_HYP_OK, "TLB_FLUSH_VMID returns OK");
	w = sv_fake_find(0, SV_FAKE_WR, R(vttbr_el2));
	TAP_CHECK(w >= 0 && sv_fake_trace[w].val == vttbr && tlbi_seen("vmalls12e1is", 0) &&
		  sv_fake_find(0, SV_FAKE_TLBI, -1) > w,
		  "TLB_FLUSH_VMID: x1 loaded as VTTBR_EL2, then TLBI VMALLS12E1IS");
	TAP_EQ(sv_fake_regs[R(vttbr_el2)], 0, "TLB_FLUSH_VMID: the host's VTTBR_EL2 (0) is back");

	fx_setup(SV_VGIC_MODEL_NONE, 0);
	call(SV_HCALL_TLB_FLUSH_IPA, vttbr, 0x8765000, &x1);
	TAP_CHECK(tlbi_seen("ipas2e1is", 0x8765) &&
		  !strcmp(sv_fake_trace[sv_fake_find(sv_fake_find(0, SV_FAKE_TLBI, -1) + 1,
						     SV_FAKE_TLBI, -1)].what, "vmalle1is"),
		  "TLB_FLUSH_IPA: x2 >> 12 to TLBI IPAS2E1IS, then TLBI VMALLE1IS");

	fx_setup(SV_VGIC_MODEL_NONE, 0);
	call(SV_HCALL_TLB_FLUSH_ALL, 0, 0, &x1);
	TAP_CHECK(tlbi_seen("alle1is", 0), "TLB_FLUSH_ALL: TLBI ALLE1IS");
}

int main(void)
{
	sv_u64 x1;

	TAP_EQ(call(SV_HCALL_PING, 0xdead, 0, &x1), SV_HYP_OK, "PING returns OK");
	TAP_EQ(x1, SV_HYP_MAGIC, "PING returns the magic in x1");
	TAP_EQ(call(SV_HCALL_NR, 0xdead, 0, &x1), SV_HYP_ENOSYS, "first id past the table is ENOSYS");
	TAP_EQ(call(~0ULL, 0xdead, 0, &x1), SV_HYP_ENOSYS, "id ~0 is ENOSYS (bounds check)");
	TAP_EQ(call(SV_STUB_SET_VECTORS, 0xdead, 0, &x1), SV_HYP_ENOSYS,
	       "stub call ids never reach the dispatch table");
	TAP_EQ(call(SV_HCALL_FIRST - 1, 0xdead, 0, &x1), SV_HYP_ENOSYS,
	       "id below the first call is ENOSYS");

	test_tlb();

	fx_setup(SV_VGIC_MODEL_NONE, 0);
	TAP_EQ(call(SV_HCALL_GET_ICH_VTR, 0, 0, &x1), SV_HYP_OK, "GET_ICH_VTR returns OK");
	TAP_EQ(x1, FX_ICH_VTR, "GET_ICH_VTR returns ICH_VTR_EL2 in x1");

	fx_setup(SV_VGIC_MODEL_NONE, 0);
	memset(&fx_hc.host_el2, 0, sizeof(fx_hc.host_el2));
	sv_fake_regs[R(hcr_el2)] = 0x80000000ULL;
	sv_fake_regs[R(vmpidr_el2)] = 0x80000003ULL;
	TAP_EQ(call(SV_HCALL_CPU_INIT, 0, 0, &x1), SV_HYP_OK, "CPU_INIT returns OK");
	TAP_CHECK(fx_hc.host_el2.hcr == 0x80000000ULL && fx_hc.host_el2.vmpidr == 0x80000003ULL,
		  "CPU_INIT records the host's EL2 configuration (HCR_EL2 .. VMPIDR_EL2)");
	TAP_CHECK(sv_fake_find(0, SV_FAKE_WR, -1) < 0, "CPU_INIT writes no register");

	fx_setup(SV_VGIC_MODEL_NONE, 0);
	TAP_EQ(call(SV_HCALL_VCPU_RUN, (sv_u64)(unsigned long)&fx_vcpu, 0, &x1), SV_EXIT_IRQ,
	       "VCPU_RUN runs the vCPU at x1 and returns its exit code");
	TAP_EQ(sv_fake_trace[sv_fake_find_call(0, "__sv_guest_enter")].addr,
	       (sv_u64)(unsigned long)&fx_vcpu.ctxt, "VCPU_RUN: the guest entered is x1's");
	return tap_done();
}
