/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One CPU with a host on it and one vCPU to run, for the tests of EL2 code
 * against the fake backend (fake/): every register starts with a value
 * of the host's, distinct per register, and the vCPU has distinct values
 * of its own, so a test can tell whose value a register holds.
 */
#ifndef SV_HYP_FIXTURE_H
#define SV_HYP_FIXTURE_H

#include <string.h>
#include "tap.h"
#include "sv_fake.h"
#include "sv_esr.h"

#define R(r)			SV_FAKE_REG(r)
#define FX_HOST(r)		(0x4000000000000011ULL | ((sv_u64)(r) << 16))
#define FX_GUEST_SYS(i)		(0x6000000000000022ULL | ((sv_u64)(i) << 16))
/* 4 list registers, 6 preemption bits: 2 active-priority registers a group. */
#define FX_ICH_VTR		((5ULL << 26) | 3)
#define FX_NR_LRS		4
#define FX_ICC_SRE		0xfULL

static struct sv_hyp_cpu fx_hc;
static struct sv_vcpu_hyp fx_vcpu;
static sv_u32 fx_gich[0x200 / 4];	/* a stand-in GICv2 GICH frame */
static sv_u64 fx_host[SV_FAKE_NR_REGS];	/* the host's registers before the run */
/* Unless a test scripts otherwise, the guest runs until an IRQ. */
static const struct sv_fake_exit fx_irq = { .code = SV_EXIT_IRQ, .elr = 0x80001008 };

static inline int fx_is_lr(int r)
{
	return (r >= R(S3_4_C12_C12_0) && r <= R(S3_4_C12_C12_7)) ||
	       (r >= R(S3_4_C12_C13_0) && r <= R(S3_4_C12_C13_7));
}

/* Zero outside a guest run, by invariant (hyp/switch.c, hyp/vgic-v3-sr.c). */
static int fx_zero_for_host(int r)
{
	return r == R(vttbr_el2) || r == R(ICH_HCR_EL2) || r == R(cntv_ctl_el0) || fx_is_lr(r);
}

/*
 * model: SV_VGIC_MODEL_* of the vCPU's interface; nr_brps: breakpoints
 * (and as many watchpoints) to load, 0 = the guest's debug state stays out.
 */
static void fx_setup(sv_u64 model, unsigned int nr_brps)
{
	unsigned int i;
	int r;

	sv_fake_reset();
	memset(&fx_hc, 0, sizeof(fx_hc));
	memset(&fx_vcpu, 0, sizeof(fx_vcpu));
	memset(fx_gich, 0, sizeof(fx_gich));
	for (r = 0; r < SV_FAKE_NR_REGS; r++)
		sv_fake_regs[r] = fx_zero_for_host(r) ? 0 : FX_HOST(r);
	sv_fake_regs[R(ICH_VTR_EL2)] = FX_ICH_VTR;
	sv_fake_regs[R(ICC_SRE_EL2)] = FX_ICC_SRE;
	sv_fake_regs[R(tpidr_el2)] = (sv_u64)(unsigned long)&fx_hc;
	sv_fake_script(&fx_irq, 1);
	memcpy(fx_host, sv_fake_regs, sizeof(fx_host));
	fx_gich[SV_GICH_VTR / 4] = FX_NR_LRS - 1;
	fx_hc.gich_va = (sv_u64)(unsigned long)fx_gich;

	for (i = 0; i < SV_NR_SYSREGS; i++)
		fx_vcpu.ctxt.sys[i] = FX_GUEST_SYS(i);
	fx_vcpu.ctxt.pc = 0x80001000;
	fx_vcpu.ctxt.pstate = 0x3c5;
	/* What SV_HCALL_CPU_INIT does once per CPU after the takeover. */
	__sv_host_el2_record(&fx_hc);
	sv_fake_nr_events = 0;
	fx_vcpu.cfg = (struct sv_vcpu_cfg){
		.hcr = 0x80000000aULL, .mdcr = 0x661, .cptr = 0x33ff, .cnthctl = 1,
		.cntvoff = 0x7777, .vttbr = (5ULL << 48) | 0x42000, .vtcr = 0x80023558,
		.vpidr = 0x410fd034, .vmpidr = 0x80000001,
	};
	fx_vcpu.cntv_ctl = 1;
	fx_vcpu.cntv_cval = 0x123456;
	fx_vcpu.vgic.model = model;
	fx_vcpu.vgic.used_lrs = 2;
	fx_vcpu.vgic.lr[0] = 0xa0000000000000b1ULL;
	fx_vcpu.vgic.lr[1] = 0x90000000000000b2ULL;
	fx_vcpu.vgic.hcr = SV_ICH_HCR_EN;
	fx_vcpu.vgic.vmcr = 0xf0000003;
	fx_vcpu.vgic.ap1r[0] = 0x8;
	if (nr_brps) {
		fx_vcpu.cfg.flags |= SV_VCPU_DEBUG_LOAD;
		fx_vcpu.cfg.nr_brps = nr_brps;
		fx_vcpu.cfg.nr_wrps = nr_brps;
		for (i = 0; i < 16; i++) {
			fx_vcpu.dbg.bvr[i] = 0xb000 + i;
			fx_vcpu.dbg.bcr[i] = 0x1e7;
			fx_vcpu.dbg.wvr[i] = 0xc000 + i;
			fx_vcpu.dbg.wcr[i] = 0x1f7;
		}
	}
}

/*
 * How many registers do not hold the host's value from before the run
 * (fx_host), leaving out those left_out() names and the register also
 * (-1: none); each one is printed as a TAP comment, "what" saying when.
 */
static inline int fx_regs_changed(const char *what, int (*left_out)(int), int also)
{
	int r, bad = 0;

	for (r = 0; r < SV_FAKE_NR_REGS; r++) {
		if (left_out(r) || r == also || sv_fake_regs[r] == fx_host[r])
			continue;
		printf("#   %s: %s: %#llx, the host had %#llx\n", what, sv_fake_reg_names[r],
		       sv_fake_regs[r], fx_host[r]);
		bad++;
	}
	return bad;
}

/* How many times the traced code wrote val to ICC_SGI1R_EL1 (raised that SGI). */
static inline int fx_sgi1r_writes(sv_u64 val)
{
	int i, n = 0;

	for (i = 0; i < sv_fake_nr_events; i++)
		n += sv_fake_trace[i].kind == SV_FAKE_WR && sv_fake_trace[i].reg == R(ICC_SGI1R_EL1) &&
		     sv_fake_trace[i].val == val;
	return n;
}

/* Another run of v from an empty trace, one IRQ exit scripted. */
static inline void fx_run_again(struct sv_vcpu_hyp *v)
{
	sv_fake_nr_events = 0;
	sv_fake_entries = 0;
	sv_fake_script(&fx_irq, 1);
	__sv_vcpu_run(v);
}

/* An exit that faults at EL2. */
static const struct sv_fake_exit fx_boom = { .panic = 1 };

/*
 * A run of v through the scripted exits, the last of which faults at
 * EL2: the panic path runs __sv_panic_fixup() and longjmps back here.
 * 1 if it did (0: the run returned).
 */
static inline int fx_run_panic(struct sv_vcpu_hyp *v, const struct sv_fake_exit *exits, int n)
{
	sv_fake_entries = 0;
	sv_fake_script(exits, n);
	if (setjmp(sv_fake_panic_jmp))
		return 1;
	__sv_vcpu_run(v);
	return 0;
}

/* A synchronous exit with this EC and ISS. */
static inline struct sv_fake_exit fx_sync(unsigned int ec, sv_u64 iss)
{
	return (struct sv_fake_exit){
		.code = SV_EXIT_SYNC, .esr = ((sv_u64)ec << SV_ESR_EC_SHIFT) | SV_ESR_IL | iss,
		.far = 0x10002468, .hpfar = 0x9990, .elr = 0x80001004,
	};
}

#endif /* SV_HYP_FIXTURE_H */
