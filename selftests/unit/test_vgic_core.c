// SPDX-License-Identifier: GPL-2.0
/*
 * The vGIC core (vgic/vgic.c, vgic/vgic-lr.c), natively: injection and
 * queueing, the flush into list registers (priority order, overflow ->
 * underflow interrupt), the sync back (edge not taken, level completed
 * -> resample notification, active stays put), SGIs by affinity, and the
 * WFI "anything deliverable?" check against the priority mask.
 */
#include <string.h>
#include "tap.h"
#include "sv_core.h"
#include "vgic.h"
#include "vgic-lr.h"

static struct sv_vm vm;
static struct sv_vcpu vcpus[3];
static struct sv_vcpu_hyp hyps[3];
static int kicks[3], eois, last_eoi;

struct sv_gic_host sv_gic_host = { .version = 3, .nr_lrs = 4 };

void sv_vcpu_kick(struct sv_vcpu *vcpu)
{
	kicks[vcpu->idx]++;
}

struct sv_vcpu *sv_unit_running_vcpu;

/* The v2 LR filling lives in vgic/vgic-v2.c (kernel-only); v3 is tested here. */
unsigned int sv_vgic_v2_fill_lrs(struct sv_vcpu *vcpu, struct sv_vgic_irq **best,
				 unsigned int n, bool *left)
{
	return 0;
}

/* LPIs and the ITS (vgic/vgic-lpi.c, vgic-its.c) are tested apart. */
struct sv_vgic_irq *sv_vgic_lpi_get(struct sv_vm *v, u32 intid)
{
	return NULL;
}

void sv_vgic_its_destroy_all(struct sv_vm *v)
{
}

void sv_vgic_lpi_destroy(struct sv_vm *v)
{
}

/* SV_FAST_SGI's host side (vgic-v3-sgi.c) runs in the lab (vm_vipi). */
void sv_vgic_sgi_drain_locked(struct sv_vcpu *vcpu)
{
}

void sv_vgic_sgi_publish_locked(struct sv_vcpu *vcpu)
{
}

void sv_vgic_sgi_fold_locked(struct sv_vcpu *vcpu, unsigned int from, unsigned int to)
{
}

void sv_vgic_sgi_route_destroy(struct sv_vm *v)
{
}

/* The distributor snapshot (vgic-v3-snap.c) has its tests in test_vgic_regs.c. */
void sv_vgic_v3_snap_destroy(struct sv_vm *v)
{
}

static void eoi_notify(struct sv_vm *v, u32 intid)
{
	eois++;
	last_eoi = intid;
}

static void setup(unsigned int nr)
{
	unsigned int i;

	sv_vgic_vm_destroy(&vm);		/* the previous test's SPIs */
	memset(&vm, 0, sizeof(vm));
	sv_vgic_vm_init(&vm);
	vm.vgic.type = KVM_DEV_TYPE_ARM_VGIC_V3;
	vm.vgic.created = true;
	vm.vgic.ctlr = SV_GICD_CTLR_ENGRP1;
	vm.vgic.eoi_notify = eoi_notify;
	for (i = 0; i < nr; i++) {
		memset(&vcpus[i], 0, sizeof(vcpus[i]));
		memset(&hyps[i], 0, sizeof(hyps[i]));
		vcpus[i].vm = &vm;
		vcpus[i].idx = i;
		vcpus[i].vcpu_id = i;
		vcpus[i].hyp = &hyps[i];
		hyps[i].cfg.vmpidr = (1ULL << 31) | i;
		vm.vcpus[i] = &vcpus[i];
		sv_vgic_vcpu_init(&vcpus[i]);
		sv_vgic_vcpu_reset(&vcpus[i]);
		hyps[i].vgic.vmcr |= (0xffULL << SV_ICH_VMCR_PMR_SHIFT) |
				     (1ULL << SV_ICH_VMCR_ENG1_SHIFT);
	}
	vm.nr_vcpus.counter = nr;
	sv_vgic_init_locked(&vm);
	memset(kicks, 0, sizeof(kicks));
	eois = 0;
}

static struct sv_vgic_irq *spi(u32 intid)
{
	return sv_vgic_get_irq(&vm, NULL, intid);
}

/* The guest "ran": each LR gets the new state. */
static void guest_sets(struct sv_vcpu *v, unsigned int lr, u64 state)
{
	struct sv_vgic_v3_cpu_if *cif = &v->hyp->vgic;

	cif->lr[lr] = (cif->lr[lr] & ~SV_ICH_LR_STATE) | state;
}

static void test_lookup_and_inject(void)
{
	setup(2);
	TAP_CHECK(sv_vgic_get_irq(&vm, NULL, 5) == NULL, "private INTID without a vCPU: none");
	TAP_CHECK(sv_vgic_get_irq(&vm, &vcpus[1], 5) == &vcpus[1].vgic.private[5],
		  "private INTID: the vCPU's own");
	TAP_CHECK(spi(32) && spi(255) && !spi(256) && !spi(1020) && !spi(~0U),
		  "SPIs 32..255 by default, nothing past them");
	TAP_EQ(sv_vgic_inject(&vm, NULL, 256, 1), -EINVAL, "inject past nr_irqs: -EINVAL");
	spi(40)->enabled = true;
	spi(40)->mpidr = 1;			/* routed to vCPU 1 */
	TAP_EQ(sv_vgic_inject(&vm, NULL, 40, 1), 0, "inject a level SPI");
	TAP_CHECK(spi(40)->queued_on == &vcpus[1], "... queued on the vCPU IROUTER names");
	TAP_CHECK(kicks[1] == 1 && kicks[0] == 0, "... which alone is kicked");
	TAP_EQ(sv_vgic_inject(&vm, NULL, 40, 1), 0, "the same level again");
	TAP_EQ(kicks[1], 1, "... changes nothing, kicks nobody");
	sv_vgic_inject(&vm, NULL, 40, 0);
	TAP_CHECK(spi(40)->queued_on == NULL, "line low: off the list again");
	spi(41)->mpidr = 0;
	sv_vgic_inject(&vm, NULL, 41, 1);
	TAP_CHECK(spi(41)->queued_on == NULL, "a disabled pending SPI is not queued");
	spi(41)->enabled = true;
	sv_vgic_update_locked(&vm, spi(41));
	TAP_CHECK(spi(41)->queued_on == &vcpus[0], "... until it is enabled");
	spi(42)->mpidr = 7;
	spi(42)->enabled = true;
	sv_vgic_inject(&vm, NULL, 42, 1);
	TAP_CHECK(spi(42)->queued_on == NULL, "routed to an absent vCPU: queued nowhere");

	/* An injection from the vCPU's own run loop (its timer): it looks again, no kick. */
	memset(kicks, 0, sizeof(kicks));
	vcpus[1].vgic.private[27].enabled = true;
	sv_unit_running_vcpu = &vcpus[1];
	TAP_EQ(sv_vgic_inject(&vm, &vcpus[1], 27, 1), 0, "a PPI raised by its own vCPU's thread");
	TAP_CHECK(vcpus[1].vgic.private[27].queued_on == &vcpus[1] && kicks[1] == 0,
		  "... is queued, and that vCPU is not kicked");
	sv_vgic_inject(&vm, &vcpus[0], 27, 1);
	TAP_CHECK(kicks[0] == 0, "... a disabled one on another vCPU: no kick either");
	vcpus[0].vgic.private[27].enabled = true;
	sv_vgic_inject(&vm, &vcpus[0], 27, 0);
	sv_vgic_inject(&vm, &vcpus[0], 27, 1);
	TAP_EQ(kicks[0], 1, "... another vCPU's is kicked as ever");
	sv_unit_running_vcpu = NULL;
	sv_vgic_inject(&vm, &vcpus[1], 27, 0);
	sv_vgic_inject(&vm, &vcpus[1], 27, 1);
	TAP_EQ(kicks[1], 2, "... from another thread it is kicked again (line down, line up)");
}

static void test_flush_order_and_overflow(void)
{
	struct sv_vgic_v3_cpu_if *cif = &hyps[0].vgic;
	unsigned int i;

	setup(1);
	for (i = 0; i < 6; i++) {
		spi(32 + i)->enabled = true;
		spi(32 + i)->edge = true;
		spi(32 + i)->priority = (u8)(0xa0 - i * 8);	/* later ones more urgent */
		sv_vgic_inject(&vm, NULL, 32 + i, 1);
	}
	sv_vgic_flush(&vcpus[0]);
	TAP_EQ(cif->used_lrs, 4, "6 pending, 4 LRs: all 4 used");
	TAP_EQ(cif->lr[0] & SV_ICH_LR_VINTID_MASK, 37, "LR0 holds the most urgent (37)");
	TAP_EQ(cif->lr[3] & SV_ICH_LR_VINTID_MASK, 34, "LR3 the 4th most urgent (34)");
	TAP_CHECK((cif->lr[0] & SV_ICH_LR_STATE) == SV_ICH_LR_PENDING &&
		  (cif->lr[0] & SV_ICH_LR_GROUP), "... pending, group 1");
	TAP_EQ((cif->lr[0] & SV_ICH_LR_PRIO_MASK) >> SV_ICH_LR_PRIO_SHIFT, 0xa0 - 5 * 8,
	       "... with its priority");
	TAP_CHECK(cif->hcr == (SV_ICH_HCR_EN | SV_ICH_HCR_UIE),
		  "overflow asks for the underflow maintenance interrupt");
	TAP_CHECK(!spi(37)->pending_latch, "an edge IRQ's pending state moved into the LR");
	/* The guest takes 37 (active) and leaves the rest. */
	guest_sets(&vcpus[0], 0, SV_ICH_LR_ACTIVE);
	sv_vgic_sync(&vcpus[0]);
	TAP_CHECK(spi(37)->active && !spi(37)->pending_latch, "sync: 37 active, not pending");
	TAP_CHECK(spi(36)->pending_latch && !spi(36)->active, "sync: 36 not taken, pending again");
	sv_vgic_flush(&vcpus[0]);
	TAP_EQ(cif->lr[0] & SV_ICH_LR_VINTID_MASK, 37, "active 37 comes first at the next flush");
	TAP_EQ(cif->lr[0] & SV_ICH_LR_STATE, SV_ICH_LR_ACTIVE, "... as active only");
	/* The guest completes 37: it leaves the list. */
	guest_sets(&vcpus[0], 0, 0);
	sv_vgic_sync(&vcpus[0]);
	TAP_CHECK(!spi(37)->active && !spi(37)->queued_on, "completed edge IRQ leaves the ap_list");
	TAP_EQ(eois, 0, "edge completion notifies nobody");
}

static void test_level_resample(void)
{
	struct sv_vgic_v3_cpu_if *cif = &hyps[0].vgic;

	setup(1);
	spi(50)->enabled = true;
	spi(50)->resample = true;
	sv_vgic_inject(&vm, NULL, 50, 1);
	sv_vgic_flush(&vcpus[0]);
	TAP_CHECK(cif->used_lrs == 1 && (cif->lr[0] & SV_ICH_LR_EOI),
		  "level SPI: LR asks for a maintenance interrupt at EOI");
	TAP_CHECK(cif->hcr == SV_ICH_HCR_EN, "no overflow, no underflow interrupt");
	guest_sets(&vcpus[0], 0, SV_ICH_LR_ACTIVE);
	sv_vgic_sync(&vcpus[0]);
	sv_vgic_flush(&vcpus[0]);
	TAP_EQ(cif->lr[0] & SV_ICH_LR_STATE, SV_ICH_LR_ACTIVE,
	       "acked level IRQ with the line still high: active only, never P+A");
	guest_sets(&vcpus[0], 0, 0);
	sv_vgic_sync(&vcpus[0]);
	TAP_CHECK(eois == 1 && last_eoi == 50, "guest EOI of a resample SPI: notified once");
	TAP_CHECK(spi(50)->queued_on == &vcpus[0], "line still high: queued again");
	sv_vgic_inject(&vm, NULL, 50, 0);
	TAP_CHECK(spi(50)->queued_on == NULL, "line dropped (resampler): off the list");
}

static void test_hw_and_disabled(void)
{
	struct sv_vgic_irq *t;
	u64 lr;

	setup(1);
	t = sv_vgic_get_irq(&vm, &vcpus[0], 27);
	t->enabled = true;
	t->hw = true;
	t->hwintid = 27;
	sv_vgic_inject(&vm, &vcpus[0], 27, 1);
	sv_vgic_flush(&vcpus[0]);
	lr = hyps[0].vgic.lr[0];
	TAP_CHECK((lr & SV_ICH_LR_HW) && ((lr & SV_ICH_LR_PINTID_MASK) >> 32) == 27 &&
		  !(lr & SV_ICH_LR_EOI), "HW-mapped timer PPI: LR.HW with pINTID 27, no EOI bit");
	hyps[0].vgic.vmcr &= ~SV_ICH_VMCR_PMR_MASK;
	TAP_CHECK(!sv_vgic_vcpu_pending(&vcpus[0]), "PMR 0 masks it: WFI may sleep");
	hyps[0].vgic.vmcr |= 0xf0ULL << SV_ICH_VMCR_PMR_SHIFT;
	TAP_CHECK(sv_vgic_vcpu_pending(&vcpus[0]), "PMR 0xf0: deliverable, WFI must not sleep");
	vm.vgic.ctlr = 0;
	TAP_CHECK(!sv_vgic_vcpu_pending(&vcpus[0]), "distributor group 1 off: nothing deliverable");
	sv_vgic_flush(&vcpus[0]);
	TAP_EQ(hyps[0].vgic.used_lrs, 0, "... and nothing goes into an LR");
}

static void test_sgis(void)
{
	u64 sgir;

	setup(3);
	/* ICC_SGI1R_EL1: INTID 3 to Aff0 list {1, 2} of Aff1..3 = 0. */
	sgir = (3ULL << 24) | 0x6;
	sv_vgic_v3_sgi(&vcpus[0], sgir, false);
	TAP_CHECK(vcpus[1].vgic.private[3].pending_latch && vcpus[2].vgic.private[3].pending_latch &&
		  !vcpus[0].vgic.private[3].pending_latch, "SGI to the target list only");
	TAP_CHECK(kicks[1] == 1 && kicks[2] == 1 && kicks[0] == 0, "targets kicked, sender not");
	sv_vgic_v3_sgi(&vcpus[1], (5ULL << 24) | (1ULL << 40), false);
	TAP_CHECK(vcpus[0].vgic.private[5].pending_latch && vcpus[2].vgic.private[5].pending_latch &&
		  !vcpus[1].vgic.private[5].pending_latch, "IRM=1: all but self");
	sv_vgic_v3_sgi(&vcpus[0], (6ULL << 24) | (1ULL << 16) | 1, false);
	TAP_CHECK(!vcpus[0].vgic.private[6].pending_latch && !vcpus[1].vgic.private[6].pending_latch,
		  "Aff1 = 1 names no vCPU: dropped");
	sv_vgic_v3_sgi(&vcpus[0], (7ULL << 24) | 0x2, true);
	TAP_CHECK(!vcpus[1].vgic.private[7].pending_latch, "SGI0R does not reach a group 1 SGI");
}

int main(void)
{
	test_lookup_and_inject();
	test_flush_order_and_overflow();
	test_level_resample();
	test_hw_and_disabled();
	test_sgis();
	sv_vgic_vm_destroy(&vm);
	return tap_done();
}
