// SPDX-License-Identifier: GPL-2.0
/*
 * List-register packing and folding (vgic/vgic-lr.c), natively: the
 * GICv2 layout (IHI 0048B 5.3.11 GICH_LR<n>) and SGIs with several
 * source CPUs, one LR per source.
 */
#include <string.h>
#include "tap.h"
#include "vgic-lr.h"

static void irq_init(struct sv_vgic_irq *irq, u32 intid)
{
	memset(irq, 0, sizeof(*irq));
	irq->intid = intid;
	irq->edge = intid < SV_VGIC_NR_SGIS;
	irq->enabled = true;
}

static void test_v2_layout(void)
{
	struct sv_vgic_irq irq;
	u32 lr;

	irq_init(&irq, 40);
	irq.priority = 0xa8;
	irq.group = 1;
	irq.line_level = true;
	lr = sv_vgic_v2_lr_pack(&irq);
	TAP_EQ(lr & 0x3ff, 40, "v2 LR: VirtualID [9:0]");
	TAP_EQ((lr >> 23) & 0x1f, 0xa8 >> 3, "v2 LR: priority[7:3] in [27:23]");
	TAP_EQ((lr >> 28) & 3, 1, "v2 LR: State pending [29:28] = 01");
	TAP_CHECK(lr & (1U << 30), "v2 LR: Grp1 [30]");
	TAP_CHECK(lr & (1U << 19), "v2 LR: level, HW = 0: EOI maintenance [19]");
	TAP_CHECK(!(lr & (1U << 31)), "v2 LR: HW clear");

	irq.active = true;
	lr = sv_vgic_v2_lr_pack(&irq);
	TAP_EQ((lr >> 28) & 3, 2, "v2 LR: an active level IRQ is not also pending");
	irq.active = false;
	TAP_CHECK(!sv_vgic_v2_lr_fold(&irq, lr & ~(3U << 28) ? lr | (1U << 29) : lr),
		  "v2 fold: still active is not a completion");
	TAP_CHECK(irq.active, "v2 fold: active comes back");
	TAP_CHECK(sv_vgic_v2_lr_fold(&irq, lr & ~(3U << 28)), "v2 fold: invalid LR completes a level IRQ");
	TAP_CHECK(!irq.active, "v2 fold: ... no longer active");

	irq_init(&irq, 27);
	irq.hw = true;
	irq.hwintid = 27;
	irq.line_level = true;
	lr = sv_vgic_v2_lr_pack(&irq);
	TAP_CHECK(lr & (1U << 31), "v2 LR: HW [31]");
	TAP_EQ((lr >> 10) & 0x3ff, 27, "v2 LR: PhysicalID [19:10]");
	TAP_CHECK(!sv_vgic_v2_lr_fold(&irq, lr & ~(3U << 28)), "v2 fold: HW completion needs no resample");

	irq_init(&irq, 33);
	irq.edge = true;
	irq.pending_latch = true;
	lr = sv_vgic_v2_lr_pack(&irq);
	TAP_CHECK(!irq.pending_latch, "v2 LR: an edge pending state moves into the LR");
	sv_vgic_v2_lr_fold(&irq, lr);
	TAP_CHECK(irq.pending_latch, "v2 fold: ... and back if not taken");
}

static void test_v2_sgi_sources(void)
{
	struct sv_vgic_irq irq;
	u32 lrs[4];
	unsigned int n, i;

	irq_init(&irq, 3);
	irq.pending_latch = true;
	irq.sgi_src = 0x0b;		/* CPUs 0, 1, 3 */
	n = sv_vgic_v2_sgi_pack(&irq, lrs, 4);
	TAP_EQ(n, 3, "SGI from 3 sources: 3 LRs");
	TAP_EQ((lrs[0] >> 10) & 7, 0, "... CPUID 0 first");
	TAP_EQ((lrs[1] >> 10) & 7, 1, "... then CPUID 1");
	TAP_EQ((lrs[2] >> 10) & 7, 3, "... then CPUID 3");
	TAP_EQ(lrs[2] & 0x3ff, 3, "... each with the SGI's VirtualID");
	TAP_CHECK(!irq.pending_latch && !irq.sgi_src, "... nothing left pending in software");

	/* The guest took CPU 1's (active), left CPU 3's pending. */
	sv_vgic_v2_lr_fold(&irq, lrs[0] & ~(3U << 28));
	sv_vgic_v2_lr_fold(&irq, (lrs[1] & ~(3U << 28)) | (1U << 29));
	sv_vgic_v2_lr_fold(&irq, lrs[2]);
	TAP_CHECK(irq.active && irq.active_src == 1, "fold: active from CPU 1");
	TAP_EQ(irq.sgi_src, 0x08, "fold: pending from CPU 3 only");
	TAP_CHECK(irq.pending_latch, "fold: still pending");

	irq.sgi_src |= 0x02;		/* CPU 1 sends it again */
	n = sv_vgic_v2_sgi_pack(&irq, lrs, 1);
	TAP_EQ(n, 1, "one LR free: one LR");
	TAP_EQ((lrs[0] >> 28) & 3, 3, "... the active one, pending again from the same CPU");
	TAP_EQ(irq.sgi_src, 0x08, "... CPU 3's stays in software");
	TAP_CHECK(irq.pending_latch && !irq.active, "... pending; active moved into the LR");
	for (i = 0; i < n; i++)
		sv_vgic_v2_lr_fold(&irq, lrs[i]);
	TAP_CHECK(irq.active && irq.sgi_src == 0x0a, "fold of pending+active: both back");
}

int main(void)
{
	test_v2_layout();
	test_v2_sgi_sources();
	return tap_done();
}
