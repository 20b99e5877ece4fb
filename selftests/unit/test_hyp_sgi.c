// SPDX-License-Identifier: GPL-2.0
/*
 * SV_FAST_SGI at EL2 (hyp/fast-sgi.c), run natively against the fake
 * backend: the sender's ICC_SGI1R_EL1 decode, post and kick, and every
 * way it leaves the write to the host; the target's drain of its
 * mailbox into list registers (the rules that keep one pending state per
 * SGI); the kick's acknowledge on an IRQ exit; the run word at entry and
 * exit.  The lab's vm_vipi runs the same code with real CPUs.
 */
#include <stdlib.h>
#include "hyp_fixture.h"

#define KICK_B		(0x0000000000010002ULL | ((sv_u64)SV_KICK_SGI << 24))	/* CPU Aff1 1, Aff0 1 */
#define SGI1R(sgi, list)	(((sv_u64)(sgi) << 24) | (list))
#define ALL_ON		(SV_SGI_CFG_VALID | 0xffffULL | (0xffffULL << SV_SGI_CFG_GROUP_SHIFT) | \
			 SV_SGI_CFG_GRP0_ON | SV_SGI_CFG_GRP1_ON)
#define LR(n)		(R(S3_4_C12_C12_0) + (n))

static struct sv_vcpu_hyp tb;		/* the target vCPU (index 1, MPIDR Aff0 1) */
static struct sv_sgi_route route;
static int dmbs_to_clear = -1;		/* the nth DMB clears tb's run word */

static void clear_run_at(int nth)
{
	if (nth == dmbs_to_clear)
		tb.sgi.run = 0;
}

/* Sender fx_vcpu (Aff0 0), target tb (Aff0 1), both in a VM with a vGICv3 loaded here. */
static void setup(void)
{
	fx_setup(SV_VGIC_MODEL_V3, 0);
	memset(&tb, 0, sizeof(tb));
	memset(&route, 0, sizeof(route));
	route.nr = 2;
	route.e[0] = (struct sv_sgi_route_entry){ SV_SGI_ROUTE_KEY(0, 0, 0, 0, 0), 0,
						  (sv_u64)(unsigned long)&fx_vcpu };
	route.e[1] = (struct sv_sgi_route_entry){ SV_SGI_ROUTE_KEY(0, 0, 0, 0, 1), 1,
						  (sv_u64)(unsigned long)&tb };
	fx_vcpu.cfg.fastpath = SV_FAST_SGI;
	fx_vcpu.sgi.route = (sv_u64)(unsigned long)&route;
	fx_vcpu.sgi.cfg = ALL_ON;
	fx_vcpu.sgi.run = SV_SGI_RUN_IN_GUEST | 1;
	fx_vcpu.vgic.used_lrs = 0;
	fx_vcpu.ctxt.pc = 0x1000;
	fx_vcpu.exit.esr = fx_sync(SV_EC_SYS64, 0).esr;	/* an MSR: IL = 1 */
	tb.cfg.fastpath = SV_FAST_SGI;
	tb.sgi.cfg = ALL_ON;
	tb.sgi.run = SV_SGI_RUN_IN_GUEST | KICK_B;
	fx_hc.vgic_loaded = SV_VGIC_MODEL_V3;
	fx_hc.kick_sgi1r = KICK_B;
	for (int i = 0; i < FX_NR_LRS; i++)
		sv_fake_regs[LR(i)] = 0;
	sv_fake_nr_events = 0;
	sv_fake_dmb_hook = NULL;
	dmbs_to_clear = -1;
}

static int kicks(void)
{
	return fx_sgi1r_writes(KICK_B);
}

static void test_send(void)
{
	setup();
	TAP_EQ(__sv_fast_sgi_send(&fx_vcpu, SGI1R(3, 0x2)), 1, "send: SGI 3 to vCPU 1 is done at EL2");
	TAP_EQ(tb.sgi.mailbox, 1ULL << 3, "send: it is in the target's mailbox");
	TAP_EQ(kicks(), 1, "send: the kick SGI is raised on the target's CPU (its run word)");
	TAP_CHECK(sv_fake_find(0, SV_FAKE_DSB, -1) >= 0 &&
		  sv_fake_find(0, SV_FAKE_DSB, -1) < sv_fake_find(0, SV_FAKE_WR, R(ICC_SGI1R_EL1)),
		  "send: a DSB orders the post before the kick");
	TAP_CHECK(fx_vcpu.ctxt.pc == 0x1004 && fx_vcpu.fast.sgi_posted == 1,
		  "send: the sender steps over the MSR; one post counted");

	setup();
	tb.sgi.run = 0;
	TAP_EQ(__sv_fast_sgi_send(&fx_vcpu, SGI1R(3, 0x2)), 0, "send: a target out of the guest: the host's");
	TAP_CHECK(tb.sgi.mailbox == 0 && kicks() == 0 && fx_vcpu.ctxt.pc == 0x1000,
		  "send: ... nothing posted, no kick, the PC unchanged");

	setup();
	TAP_EQ(__sv_fast_sgi_send(&fx_vcpu, SGI1R(3, 0x2) | (1ULL << 40)), 0, "send: IRM = 1: the host's");
	setup();
	route.seq = 1;
	TAP_EQ(__sv_fast_sgi_send(&fx_vcpu, SGI1R(3, 0x2)), 0, "send: the route table being rewritten: the host's");
	setup();
	tb.sgi.cfg = 0;
	TAP_EQ(__sv_fast_sgi_send(&fx_vcpu, SGI1R(3, 0x2)), 0,
	       "send: a target whose config was never published: the host's");
	setup();
	fx_vcpu.cfg.fastpath = 0;
	TAP_EQ(__sv_fast_sgi_send(&fx_vcpu, SGI1R(3, 0x2)), 0, "send: fastpath without SV_FAST_SGI: the host's");
	setup();
	fx_hc.vgic_loaded = SV_VGIC_MODEL_V2;
	TAP_EQ(__sv_fast_sgi_send(&fx_vcpu, SGI1R(3, 0x2)), 0, "send: a vGICv2: the host's");

	setup();
	TAP_EQ(__sv_fast_sgi_send(&fx_vcpu, SGI1R(4, 0xfffc) | (0xffULL << 16)), 1,
	       "send: targets that do not exist: done, nothing happens");
	TAP_CHECK(tb.sgi.mailbox == 0 && fx_vcpu.sgi.mailbox == 0 && kicks() == 0 &&
		  fx_vcpu.ctxt.pc == 0x1004, "send: ... no post, no kick, the PC advanced");

	setup();
	tb.sgi.cfg &= ~(1ULL << (SV_SGI_CFG_GROUP_SHIFT + 5));
	TAP_EQ(__sv_fast_sgi_send(&fx_vcpu, SGI1R(5, 0x2)), 1, "send: SGI1R to a group 0 SGI: done");
	TAP_EQ(tb.sgi.mailbox, 0, "send: ... and not posted (SGI1R raises group 1 only)");

	setup();
	fx_vcpu.sgi.route = 0;
	TAP_EQ(__sv_fast_sgi_send(&fx_vcpu, SGI1R(3, 0x2)), 0, "send: no route table published: the host's");
}

/* The target leaves the guest between the sender's two looks: the host wakes it. */
static void test_send_race(void)
{
	int d;

	setup();
	/* DMBs: ishld after seq, ishld before the re-check, then the post's ish. */
	dmbs_to_clear = 2;	/* 0-based */
	sv_fake_dmb_hook = clear_run_at;
	d = __sv_fast_sgi_send(&fx_vcpu, SGI1R(6, 0x2));
	sv_fake_dmb_hook = NULL;
	TAP_EQ(d, 0, "race: the target left after the first look: the exit goes to the host");
	TAP_CHECK(tb.sgi.mailbox == 1ULL << 6 && kicks() == 0,
		  "race: ... the SGI stays posted, no kick");
	TAP_CHECK(fx_vcpu.sgi.nr_wake == 1 && fx_vcpu.sgi.wake[0] == 1 && fx_vcpu.ctxt.pc == 0x1004,
		  "race: ... the host is asked to wake vCPU 1; the write is done (PC advanced)");
}

/* Sending to itself: posted and taken into a list register at once. */
static void test_send_self(void)
{
	setup();
	TAP_EQ(__sv_fast_sgi_send(&fx_vcpu, SGI1R(7, 0x1)), 1, "self: SGI 7 to the sender itself: done");
	TAP_CHECK(fx_vcpu.sgi.mailbox == 0 && fx_vcpu.vgic.used_lrs == 1 &&
		  (sv_fake_regs[LR(0)] & SV_ICH_LR_VINTID_MASK) == 7 &&
		  (sv_fake_regs[LR(0)] & SV_ICH_LR_STATE) == SV_ICH_LR_PENDING && kicks() == 0,
		  "self: ... in a list register, pending, no kick");
}

static void test_drain(void)
{
	setup();
	fx_vcpu.sgi.run = 0;
	fx_vcpu.vgic.used_lrs = 2;
	sv_fake_regs[LR(0)] = 9 | SV_ICH_LR_ACTIVE;			/* SGI 9 active */
	sv_fake_regs[LR(1)] = 40 | SV_ICH_LR_PENDING;			/* an SPI */
	fx_vcpu.sgi.sw_pending = 1ULL << 2;				/* SGI 2 pending in the host */
	fx_vcpu.sgi.cfg = ALL_ON & ~(1ULL << 4);			/* SGI 4 disabled */
	fx_vcpu.sgi.cfg &= ~(1ULL << (SV_SGI_CFG_GROUP_SHIFT + 8));	/* SGI 8 group 0 */
	fx_vcpu.sgi.prio[1] = 0x60ULL << 8;				/* SGI 9: 0x60 */
	fx_vcpu.sgi.prio[1] |= 0x30ULL << 16;				/* SGI 10: 0x30 */
	fx_vcpu.sgi.mailbox = (1ULL << 2) | (1ULL << 4) | (1ULL << 8) | (1ULL << 9) | (1ULL << 10);
	__sv_fast_sgi_enter(&fx_hc, &fx_vcpu);
	TAP_EQ(fx_vcpu.sgi.run, SV_SGI_RUN_IN_GUEST | KICK_B, "enter: the run word names this CPU's kick");
	TAP_EQ(sv_fake_regs[LR(0)], 9 | SV_ICH_LR_ACTIVE | SV_ICH_LR_PENDING,
	       "drain: an SGI already in a list register (active) becomes active+pending there");
	TAP_EQ(sv_fake_regs[LR(2)], 8 | (0ULL << SV_ICH_LR_PRIO_SHIFT) | SV_ICH_LR_PENDING,
	       "drain: a group 0 SGI (group 0 on) gets a free list register, group bit clear");
	TAP_EQ(sv_fake_regs[LR(3)], 10 | (0x30ULL << SV_ICH_LR_PRIO_SHIFT) | SV_ICH_LR_GROUP |
	       SV_ICH_LR_PENDING, "drain: a new group 1 SGI gets the next one with its priority");
	TAP_EQ(fx_vcpu.vgic.used_lrs, 4, "drain: used_lrs counts the list registers EL2 filled");
	TAP_EQ(fx_vcpu.sgi.mailbox, 1ULL << 4,
	       "drain: the disabled SGI stays posted for the host; the one it holds pending is dropped");
	TAP_EQ(fx_vcpu.fast.sgi_delivered, 2, "drain: two SGIs counted as put in list registers");

	setup();
	fx_vcpu.sgi.run = 0;
	fx_vcpu.vgic.used_lrs = 4;
	for (int i = 0; i < 4; i++)
		sv_fake_regs[LR(i)] = (40 + i) | SV_ICH_LR_PENDING;
	fx_vcpu.vgic.hcr = SV_ICH_HCR_EN;
	fx_vcpu.sgi.mailbox = 1ULL << 11;
	__sv_fast_sgi_enter(&fx_hc, &fx_vcpu);
	TAP_CHECK(fx_vcpu.sgi.mailbox == 1ULL << 11 &&
		  sv_fake_regs[R(ICH_HCR_EL2)] == (SV_ICH_HCR_EN | SV_ICH_HCR_UIE),
		  "drain: no free list register: it stays posted, underflow maintenance asked for");

	setup();
	fx_vcpu.sgi.run = 0;
	fx_hc.kick_sgi1r = 0;
	__sv_fast_sgi_enter(&fx_hc, &fx_vcpu);
	TAP_EQ(fx_vcpu.sgi.run, 0, "enter: a CPU without a kick: not marked in the guest (senders use the host)");

	setup();
	__sv_fast_sgi_leave(&fx_vcpu);
	TAP_EQ(fx_vcpu.sgi.run, 0, "leave: the run word is cleared");
	TAP_CHECK(
		  sv_fake_find(0, SV_FAKE_DMB, -1) >= 0, "leave: followed by a DMB");
}

static void test_kick(void)
{
	setup();
	sv_fake_regs[R(ICC_HPPIR1_EL1)] = SV_KICK_SGI;
	sv_fake_regs[R(ICC_IAR1_EL1)] = SV_KICK_SGI;
	fx_hc.kick_dir = 1;
	fx_vcpu.sgi.mailbox = 1ULL << 12;
	TAP_EQ(__sv_fast_sgi_kick(&fx_hc, &fx_vcpu), 1, "kick: the kick's IRQ exit re-enters the guest");
	TAP_CHECK(sv_fake_find(0, SV_FAKE_RD, R(ICC_IAR1_EL1)) >= 0 &&
		  sv_fake_find(0, SV_FAKE_WR, R(ICC_EOIR1_EL1)) > sv_fake_find(0, SV_FAKE_RD, R(ICC_IAR1_EL1)) &&
		  sv_fake_find(0, SV_FAKE_WR, R(ICC_DIR_EL1)) > sv_fake_find(0, SV_FAKE_WR, R(ICC_EOIR1_EL1)),
		  "kick: acknowledged, priority dropped, deactivated (EOImode 1)");
	TAP_CHECK(fx_vcpu.sgi.mailbox == 0 && (sv_fake_regs[LR(0)] & SV_ICH_LR_VINTID_MASK) == 12,
		  "kick: the posted SGI is in a list register");

	setup();
	sv_fake_regs[R(ICC_HPPIR1_EL1)] = 27;
	TAP_EQ(__sv_fast_sgi_kick(&fx_hc, &fx_vcpu), 0, "kick: another interrupt: the host's");
	TAP_EQ(sv_fake_find(0, SV_FAKE_RD, R(ICC_IAR1_EL1)), -1, "kick: ... and it is not acknowledged");

	setup();
	fx_vcpu.sgi.run = 0;
	sv_fake_regs[R(ICC_HPPIR1_EL1)] = SV_KICK_SGI;
	TAP_EQ(__sv_fast_sgi_kick(&fx_hc, &fx_vcpu), 0, "kick: a vCPU not marked in the guest: the host's");

	setup();
	sv_fake_regs[R(ICC_HPPIR1_EL1)] = SV_KICK_SGI;
	sv_fake_regs[R(ICC_IAR1_EL1)] = 30;
	TAP_EQ(__sv_fast_sgi_kick(&fx_hc, &fx_vcpu), 0, "kick: the acknowledge returned another INTID: the host's");
	TAP_EQ(fx_hc.kick_mismatch, 1, "kick: ... counted for the host to report");
}

int main(void)
{
	test_send();
	test_send_race();
	test_send_self();
	test_drain();
	test_kick();
	return tap_done();
}
