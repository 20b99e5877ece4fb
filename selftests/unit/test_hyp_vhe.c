// SPDX-License-Identifier: GPL-2.0
/*
 * The VHE build of the world switch (hyp/ compiled with SV_HYP_VHE, as
 * Kbuild makes hyp/hyp-vhe.o) against the fake backend: the guest's EL1
 * registers go through their _EL12/_EL02 encodings and never through
 * the _EL1 names (with E2H those are the kernel's own EL2 registers),
 * HCR_EL2 keeps E2H and drops TGE for the guest, the kernel's EL2
 * configuration is read at every entry and put back, and TLB maintenance
 * clears TGE around its TLBIs.
 */
#include "hyp_fixture.h"

#define E2H		(1ULL << 34)
#define TGE		(1ULL << 27)
#define HOST_HCR	(E2H | TGE | (1ULL << 31))
#define CPTR_TTA	(1ULL << 28)
#define CPTR_FPEN	(3ULL << 20)

/* The aliased group: its sys[] index and the encoding the guest's lives at. */
static const struct {
	int idx, el12, el1;
} aliased[] = {
	{ SV_SCTLR_EL1, R(S3_5_C1_C0_0), R(sctlr_el1) },
	{ SV_CPACR_EL1, R(S3_5_C1_C0_2), R(cpacr_el1) },
	{ SV_TTBR0_EL1, R(S3_5_C2_C0_0), R(ttbr0_el1) },
	{ SV_TTBR1_EL1, R(S3_5_C2_C0_1), R(ttbr1_el1) },
	{ SV_TCR_EL1, R(S3_5_C2_C0_2), R(tcr_el1) },
	{ SV_SPSR_EL1, R(S3_5_C4_C0_0), R(spsr_el1) },
	{ SV_ELR_EL1, R(S3_5_C4_C0_1), R(elr_el1) },
	{ SV_AFSR0_EL1, R(S3_5_C5_C1_0), R(afsr0_el1) },
	{ SV_AFSR1_EL1, R(S3_5_C5_C1_1), R(afsr1_el1) },
	{ SV_ESR_EL1, R(S3_5_C5_C2_0), R(esr_el1) },
	{ SV_FAR_EL1, R(S3_5_C6_C0_0), R(far_el1) },
	{ SV_MAIR_EL1, R(S3_5_C10_C2_0), R(mair_el1) },
	{ SV_AMAIR_EL1, R(S3_5_C10_C3_0), R(amair_el1) },
	{ SV_VBAR_EL1, R(S3_5_C12_C0_0), R(vbar_el1) },
	{ SV_CONTEXTIDR_EL1, R(S3_5_C13_C0_1), R(contextidr_el1) },
	{ SV_CNTKCTL_EL1, R(S3_5_C14_C1_0), R(cntkctl_el1) },
};
#define NR_ALIASED	(int)(sizeof(aliased) / sizeof(aliased[0]))

/* Registers EL2 shares with EL1 in both modes: index and slot. */
static const struct {
	int idx, reg;
} shared[] = {
	{ SV_ACTLR_EL1, R(actlr_el1) }, { SV_PAR_EL1, R(par_el1) },
	{ SV_MDSCR_EL1, R(mdscr_el1) }, { SV_CSSELR_EL1, R(csselr_el1) },
	{ SV_TPIDR_EL0, R(tpidr_el0) }, { SV_TPIDRRO_EL0, R(tpidrro_el0) },
	{ SV_TPIDR_EL1, R(tpidr_el1) }, { SV_SP_EL0, R(sp_el0) }, { SV_SP_EL1, R(sp_el1) },
};
#define NR_SHARED	(int)(sizeof(shared) / sizeof(shared[0]))

static int is_guest_slot(int r)
{
	return r >= R(S3_5_C1_C0_0);	/* the _EL12/_EL02 encodings, last in the list */
}

/* A vCPU as host/vcpu.c sets it up in VHE mode; the kernel's HCR_EL2. */
static void vhe_setup(sv_u64 model)
{
	fx_setup(model, 0);
	sv_fake_regs[R(hcr_el2)] = HOST_HCR;
	fx_host[R(hcr_el2)] = HOST_HCR;
	fx_vcpu.cfg.cptr = CPTR_TTA | CPTR_FPEN;
	fx_vcpu.cfg.cnthctl = 1ULL << 10;
}

/* Left out of "the kernel's registers are back": see test_hyp_switch.c's not_hosts(). */
static int not_kernels(int r)
{
	return is_guest_slot(r) || r == R(elr_el2) || r == R(spsr_el2) || r == R(esr_el2) ||
	       r == R(far_el2) || r == R(hpfar_el2) || r == R(vtcr_el2) ||
	       r == R(ICH_VMCR_EL2) || (r >= R(S3_4_C12_C8_0) && r <= R(S3_4_C12_C9_3));
}

static void check_kernel_back(const char *what)
{
	TAP_EQ(fx_regs_changed(what, not_kernels, -1), 0,
	       "%s: every register of the kernel's is back", what);
}

static void test_guest_state(void)
{
	int i, bad = 0, wrote_el1 = 0;

	vhe_setup(SV_VGIC_MODEL_V3);
	__sv_vcpu_run(&fx_vcpu);
	for (i = 0; i < NR_ALIASED; i++)
		bad += sv_fake_at_entry[aliased[i].el12] != FX_GUEST_SYS(aliased[i].idx);
	TAP_EQ(bad, 0, "the guest runs with its EL1 registers in the _EL12 encodings");
	bad = 0;
	for (i = 0; i < NR_SHARED; i++)
		bad += sv_fake_at_entry[shared[i].reg] != FX_GUEST_SYS(shared[i].idx);
	TAP_EQ(bad, 0, "... and its values in the registers EL2 shares with EL1");
	for (i = 0; i < NR_ALIASED; i++)
		wrote_el1 += sv_fake_find(0, SV_FAKE_WR, aliased[i].el1) >= 0;
	TAP_EQ(wrote_el1, 0, "no _EL1 name of an aliased register is written (the kernel's EL2 ones)");
	TAP_CHECK(sv_fake_find(0, SV_FAKE_RD, R(cntv_ctl_el0)) < 0 &&
		  sv_fake_find(0, SV_FAKE_WR, R(cntv_ctl_el0)) < 0 &&
		  sv_fake_find(0, SV_FAKE_WR, R(cntv_cval_el0)) < 0,
		  "CNTV_*_EL0 (EL2's virtual timer with E2H) is not touched");
	TAP_CHECK(sv_fake_at_entry[R(S3_5_C14_C3_1)] == 1 &&
		  sv_fake_at_entry[R(S3_5_C14_C3_2)] == 0x123456,
		  "the guest's vtimer is loaded through CNTV_CTL/CVAL_EL02");
	TAP_CHECK(sv_fake_regs[R(S3_5_C14_C3_1)] == 0 && fx_vcpu.cntv_cval == 0x123456,
		  "... saved at the exit and left disabled");
	TAP_EQ(sv_fake_at_entry[R(hcr_el2)], fx_vcpu.cfg.hcr | E2H,
	       "HCR_EL2 for the guest: the vCPU's value with E2H, without TGE");
	TAP_EQ(sv_fake_at_entry[R(cnthctl_el2)], (1ULL << 10) | (fx_host[R(cnthctl_el2)] & 0x3ff),
	       "CNTHCTL_EL2 for the guest: EL1PCTEN (bit 10) and the kernel's low ten bits");
	check_kernel_back("after a run");
	bad = 0;
	for (i = 0; i < NR_SHARED; i++)
		bad += fx_hc.host_el1.sys[shared[i].idx] != fx_host[shared[i].reg];
	for (i = 0; i < NR_ALIASED; i++)
		bad += fx_hc.host_el1.sys[aliased[i].idx] != 0;
	TAP_EQ(bad, 0, "only the shared group of the kernel's registers is saved");
	bad = 0;
	for (i = 0; i < NR_ALIASED; i++)
		bad += fx_vcpu.ctxt.sys[aliased[i].idx] != FX_GUEST_SYS(aliased[i].idx);
	TAP_EQ(bad, 0, "the guest's EL1 registers are read back from the _EL12 encodings");
}

/* The kernel changes its CPTR_EL2 (= its CPACR_EL1) between runs: SVE traps per task. */
static void test_kernel_el2_per_entry(void)
{
	vhe_setup(SV_VGIC_MODEL_NONE);
	__sv_vcpu_run(&fx_vcpu);
	sv_fake_regs[R(cptr_el2)] ^= 1ULL << 16;
	fx_host[R(cptr_el2)] = sv_fake_regs[R(cptr_el2)];
	sv_fake_script(&fx_irq, 1);
	__sv_vcpu_run(&fx_vcpu);
	TAP_EQ(sv_fake_regs[R(cptr_el2)], fx_host[R(cptr_el2)],
	       "the kernel's EL2 configuration is read at every entry (a changed CPTR_EL2 comes back)");
}

static void test_lazy_fp(void)
{
	struct sv_fake_exit exits[2];
	int w;

	vhe_setup(SV_VGIC_MODEL_NONE);
	fx_vcpu.cfg.flags |= SV_VCPU_FP_LAZY;
	fx_vcpu.cfg.cptr = CPTR_TTA;		/* FPEN 0b00: FP/SIMD traps */
	exits[0] = fx_sync(SV_EC_FP_ASIMD, 0);
	exits[1] = fx_irq;
	sv_fake_script(exits, 2);
	TAP_EQ(__sv_vcpu_run(&fx_vcpu), SV_EXIT_IRQ, "lazy FP: the first FP/SIMD trap is EL2's");
	w = sv_fake_find(sv_fake_find_call(0, "__sv_guest_enter") + 1, SV_FAKE_WR, R(cptr_el2));
	TAP_CHECK(w >= 0 && sv_fake_trace[w].val == (CPTR_TTA | CPTR_FPEN),
		  "... which sets FPEN to 0b11 (CPTR_EL2 in its E2H layout)");
	check_kernel_back("after a lazy FP run");
}

static int tlbi_under_tge(const char *op)
{
	int t, w;

	for (t = 0; t < sv_fake_nr_events; t++)
		if (sv_fake_trace[t].kind == SV_FAKE_TLBI && !strcmp(sv_fake_trace[t].what, op))
			break;
	if (t == sv_fake_nr_events)
		return -1;
	w = sv_fake_find_last(t, SV_FAKE_WR, R(hcr_el2));
	return w >= 0 && !(sv_fake_trace[w].val & TGE) && (sv_fake_trace[w].val & E2H);
}

static void test_tlb(void)
{
	sv_u64 vttbr = (7ULL << 48) | 0x55000;

	vhe_setup(SV_VGIC_MODEL_NONE);
	__sv_tlb_flush_vmid(vttbr);
	TAP_EQ(tlbi_under_tge("vmalls12e1is"), 1, "flush VMID: the TLBI runs with TGE clear, E2H set");
	TAP_CHECK(sv_fake_regs[R(hcr_el2)] == HOST_HCR && sv_fake_regs[R(vttbr_el2)] == 0,
		  "... then the kernel's HCR_EL2 and VTTBR_EL2 0 are back");
	vhe_setup(SV_VGIC_MODEL_NONE);
	__sv_tlb_flush_ipa(vttbr, 0x8000000);
	TAP_CHECK(tlbi_under_tge("ipas2e1is") == 1 && tlbi_under_tge("vmalle1is") == 1,
		  "flush IPA: IPAS2E1IS and VMALLE1IS (the guest's regime, not EL2&0) with TGE clear");
	TAP_EQ(sv_fake_regs[R(hcr_el2)], HOST_HCR, "... and the kernel's HCR_EL2 is back");
	vhe_setup(SV_VGIC_MODEL_NONE);
	__sv_tlb_flush_all();
	TAP_EQ(tlbi_under_tge("alle1is"), 1, "flush all: ALLE1IS with TGE clear");
	TAP_EQ(sv_fake_regs[R(hcr_el2)], HOST_HCR, "... and the kernel's HCR_EL2 is back");
}

static void test_panic(void)
{
	vhe_setup(SV_VGIC_MODEL_V3);
	TAP_CHECK(fx_run_panic(&fx_vcpu, &fx_boom, 1),
		  "a fault at EL2 during the run takes the panic path");
	check_kernel_back("after the panic fixup");
	TAP_EQ(sv_fake_regs[R(S3_5_C14_C3_1)], 0, "the panic fixup disables the guest's vtimer (EL02)");
}

/* _EL12 writes of the aliased group in this run (the trace starts at the run). */
static int el12_writes(void)
{
	int i, n = 0;

	for (i = 0; i < NR_ALIASED; i++)
		n += sv_fake_find(0, SV_FAKE_WR, aliased[i].el12) >= 0;
	return n;
}

/*
 * The guest's EL1 group stays in the CPU between runs: loaded again only
 * after the host wrote the saved copy (el1_loaded_on 0), after a run on
 * another CPU, after another vCPU's run here, after a panic.
 */
static void test_el1_resident(void)
{
	static struct sv_vcpu_hyp other;
	sv_u64 me = (sv_u64)(unsigned long)&fx_vcpu.ctxt, here = (sv_u64)(unsigned long)&fx_hc;
	int i, shared_loads = 0;

	vhe_setup(SV_VGIC_MODEL_V3);
	fx_run_again(&fx_vcpu);
	TAP_EQ(el12_writes(), NR_ALIASED, "first run: the guest's EL1 group is loaded (_EL12)");
	TAP_CHECK(fx_hc.el1_resident == me && fx_vcpu.el1_loaded_on == here,
		  "... the CPU records whose it holds, the vCPU where it was loaded");

	sv_fake_regs[aliased[0].el12] = 0xabc;		/* the guest changed SCTLR meanwhile */
	fx_vcpu.ctxt.sys[SV_ESR_EL1] = 0;		/* what EL2 saved: never stale */
	fx_run_again(&fx_vcpu);
	TAP_EQ(el12_writes(), 0, "the next run on the same CPU writes nothing of the EL1 group");
	for (i = 0; i < NR_SHARED; i++)
		shared_loads += sv_fake_find(0, SV_FAKE_WR, shared[i].reg) >= 0;
	TAP_EQ(shared_loads, NR_SHARED, "... but loads the shared group as ever");
	TAP_CHECK(fx_vcpu.ctxt.sys[aliased[0].idx] == 0xabc &&
		  fx_vcpu.ctxt.sys[SV_ESR_EL1] == FX_GUEST_SYS(SV_ESR_EL1),
		  "... and still saves the EL1 group at the exit (the host reads it any time)");

	fx_vcpu.ctxt.sys[SV_ESR_EL1] = 0x5555;		/* an injection by the host */
	fx_vcpu.el1_loaded_on = 0;
	fx_run_again(&fx_vcpu);
	TAP_CHECK(el12_writes() == NR_ALIASED && sv_fake_regs[R(S3_5_C5_C2_0)] == 0x5555,
		  "after a host write (el1_loaded_on 0) the next run loads it again");

	fx_vcpu.el1_loaded_on = 0x5a5a000;		/* it ran on another CPU since */
	fx_run_again(&fx_vcpu);
	TAP_EQ(el12_writes(), NR_ALIASED, "after a run on another CPU the next run here loads it again");

	other = fx_vcpu;
	other.ctxt.sys[SV_VBAR_EL1] = 0x7000;
	fx_run_again(&other);
	TAP_CHECK(el12_writes() == NR_ALIASED && sv_fake_regs[R(S3_5_C12_C0_0)] == 0x7000,
		  "another vCPU's run on the CPU loads its own");
	fx_run_again(&fx_vcpu);
	TAP_CHECK(el12_writes() == NR_ALIASED &&
		  sv_fake_regs[R(S3_5_C12_C0_0)] == FX_GUEST_SYS(SV_VBAR_EL1),
		  "... and the first vCPU's next run loads its values back");

	fx_run_panic(&fx_vcpu, &fx_boom, 1);
	TAP_EQ(fx_hc.el1_resident, 0, "a panic during a run forgets the resident EL1 group");
	fx_run_again(&fx_vcpu);
	TAP_EQ(el12_writes(), NR_ALIASED, "... so the next run loads it");
}

int main(void)
{
	test_guest_state();
	test_el1_resident();
	test_kernel_el2_per_entry();
	test_lazy_fp();
	test_tlb();
	test_panic();
	return tap_done();
}
