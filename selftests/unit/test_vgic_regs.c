// SPDX-License-Identifier: GPL-2.0
/*
 * The GICv3 register handlers (vgic/vgic-mmio.c, vgic-mmio-v3.c,
 * vgic-v3-uaccess.c), natively: guest MMIO through sv_vgic_mmio() and
 * save/restore through the device-attribute functions, against a fake
 * vGIC core (lock, IRQ lookup, requeue) and the kshim/ stand-ins for the
 * kernel types; and the distributor snapshot EL2 reads (vgic-v3-snap.c)
 * against those handlers.
 */
#include <string.h>
#include "tap.h"
#include "sv_core.h"
#include "emulate.h"
#include "vgic.h"
#include "vgic-mmio.h"
#include "sv_hyp_gicd.h"

#define DIST	0x8000000ULL
#define RDIST	0x80a0000ULL
#define NR_SPIS	32

static struct sv_vm vm;
static struct sv_vcpu vcpus[2];
static struct sv_vcpu_hyp hyps[2];
static struct sv_vgic_irq spis[NR_SPIS];
static int locked, updates, unlocked_updates;

/* ---- the fake core ---- */
unsigned long sv_vgic_lock(struct sv_vm *v)
{
	locked++;
	return 0;
}

void sv_vgic_unlock(struct sv_vm *v, unsigned long flags)
{
	locked--;
}

struct sv_vgic_irq *sv_vgic_get_irq(struct sv_vm *v, struct sv_vcpu *vcpu, u32 intid)
{
	if (intid < SV_VGIC_NR_PRIVATE)
		return vcpu ? &vcpu->vgic.private[intid] : NULL;
	if (intid - SV_VGIC_MIN_SPI < v->vgic.nr_spis)
		return &spis[intid - SV_VGIC_MIN_SPI];
	return NULL;
}

void sv_vgic_update_locked(struct sv_vm *v, struct sv_vgic_irq *irq)
{
	updates++;
	if (!locked)
		unlocked_updates++;
}

void sv_vgic_kick_locked(struct sv_vm *v, struct sv_vcpu *vcpu)
{
}

struct sv_vcpu *sv_vgic_vcpu_by_mpidr(struct sv_vm *v, u64 mpidr)
{
	int i;

	for (i = 0; i < v->nr_vcpus.counter; i++)
		if ((v->vcpus[i]->hyp->cfg.vmpidr & 0xff00ffffffULL) == mpidr)
			return v->vcpus[i];
	return NULL;
}

/* The LPI side (vgic-lpi.c, vgic-its.c) is not under test here. */
void sv_vgic_v3_write_rctlr(const struct sv_vgic_mmio_ctx *c, u64 val) { }
u64 sv_vgic_v3_read_propbaser(const struct sv_vgic_mmio_ctx *c) { return 0; }
void sv_vgic_v3_write_propbaser(const struct sv_vgic_mmio_ctx *c, u64 val) { }
u64 sv_vgic_v3_read_pendbaser(const struct sv_vgic_mmio_ctx *c) { return 0; }
void sv_vgic_v3_write_pendbaser(const struct sv_vgic_mmio_ctx *c, u64 val) { }
void sv_vgic_v3_write_invlpir(const struct sv_vgic_mmio_ctx *c, u64 val) { }
void sv_vgic_v3_write_invallr(const struct sv_vgic_mmio_ctx *c, u64 val) { }
int sv_vgic_its_mmio(struct sv_vcpu *vcpu, struct sv_mmio *m) { return 0; }
bool sv_vgic_its_claims(struct sv_vm *vm, u64 ipa) { return false; }
void sv_vgic_lpi_sync_deferred(struct sv_vm *vm) { }
/* SGIs posted at EL2 (vgic-v3-sgi.c) are not these tests' business. */
void sv_vgic_sgi_drain(struct sv_vcpu *vcpu) { }

/* ---- helpers ---- */
static void setup(void)
{
	int i;

	memset(&vm, 0, sizeof(vm));
	memset(vcpus, 0, sizeof(vcpus));
	memset(hyps, 0, sizeof(hyps));
	memset(spis, 0, sizeof(spis));
	vm.vgic.type = KVM_DEV_TYPE_ARM_VGIC_V3;
	vm.vgic.initialized = true;
	vm.vgic.nr_spis = NR_SPIS;
	vm.vgic.dist_base = DIST;
	vm.vgic.rdregs[0].base = RDIST;
	vm.vgic.rdregs[0].count = 2;
	vm.vgic.nr_rdregs = 1;
	/* vcpu_ids 0 and 3, created in that order, as in vgic_init */
	for (i = 0; i < 2; i++) {
		vcpus[i].vm = &vm;
		vcpus[i].idx = i;
		vcpus[i].vcpu_id = i * 3;
		vcpus[i].hyp = &hyps[i];
		hyps[i].cfg.vmpidr = (1ULL << 31) | (i * 3);
		vm.vcpus[i] = &vcpus[i];
	}
	vcpus[1].vgic.last = true;
	vm.nr_vcpus.counter = 2;
	for (i = 0; i < NR_SPIS; i++)
		spis[i].intid = SV_VGIC_MIN_SPI + i;
	updates = unlocked_updates = 0;
}

/* A guest access of len bytes; reads land in x5 of vCPU 0. */
static int guest(u64 ipa, unsigned int len, bool write, u64 data)
{
	struct sv_mmio m = { .ipa = ipa, .len = len, .is_write = write,
			     .sixty_four = true, .rt = 5, .data = data };

	hyps[0].ctxt.regs.x[5] = 0xdeadbeef;
	return sv_vgic_mmio(&vcpus[0], &m);
}

static u64 x5(void)
{
	return hyps[0].ctxt.regs.x[5];
}

static int uget(u32 group, u64 attr, u32 *val)
{
	return sv_vgic_v3_attr_regs(&vm, group, attr, val, false);
}

static int uset(u32 group, u64 attr, u32 val)
{
	return sv_vgic_v3_attr_regs(&vm, group, attr, &val, true);
}

static void test_dist(void)
{
	setup();
	TAP_EQ(guest(DIST + 0x4, 4, false, 0), 1, "GICD_TYPER read handled");
	TAP_EQ(x5(), (9 << 19) | 1, "... IDbits 9 (no LPIs), ITLinesNumber 1 for 64 INTIDs");
	guest(DIST + 0x8, 4, false, 0);
	TAP_EQ(x5(), 0x4b00343b, "GICD_IIDR: 'K', revision 3, Arm");
	guest(DIST + 0x0, 4, true, 0xffffffff);
	TAP_EQ(vm.vgic.ctlr, 3, "GICD_CTLR keeps EnableGrp0/1 only");
	guest(DIST + 0x0, 4, false, 0);
	TAP_EQ(x5(), 0x53, "... reads back with ARE_NS and DS fixed at 1");
	guest(DIST + 0xffe8, 4, false, 0);
	TAP_EQ(x5(), 0x3b, "GICD_PIDR2: ArchRev 3");

	TAP_EQ(guest(DIST + 0x104, 4, true, 0x5), 1, "ISENABLER1 write");
	TAP_CHECK(spis[0].enabled && !spis[1].enabled && spis[2].enabled, "... enables INTIDs 32, 34");
	TAP_EQ(updates, 2, "... and requeues each");
	guest(DIST + 0x184, 4, true, 0x4);
	TAP_CHECK(spis[0].enabled && !spis[2].enabled, "ICENABLER1 clears only the 1 bits");
	guest(DIST + 0x104, 4, false, 0);
	TAP_EQ(x5(), 1, "ISENABLER1 reads the enables");
	guest(DIST + 0x100, 4, true, 0xffffffff);
	TAP_CHECK(!vcpus[0].vgic.private[0].enabled, "ISENABLER0 in the distributor is WI (ARE=1)");

	guest(DIST + 0x421, 1, true, 0xff);
	TAP_CHECK(spis[1].priority == 0xf8 && !spis[0].priority && !spis[2].priority,
		  "IPRIORITYR byte write: one INTID, 5 bits kept");
	guest(DIST + 0x420, 4, true, 0x0f1f2f3f);
	guest(DIST + 0x420, 4, false, 0);
	TAP_EQ(x5(), 0x08182838, "IPRIORITYR word: four lanes, masked to 0xf8");

	guest(DIST + 0x6108, 8, true, 0x0000001280000304ULL);
	TAP_EQ(spis[1].mpidr, 0x1200000304ULL, "IROUTER33: affinity kept, IRM (bit 31) dropped");
	guest(DIST + 0x610c, 4, false, 0);
	TAP_EQ(x5(), 0x12, "... upper half reads Aff3");
	guest(DIST + 0x6108, 4, true, 0x10203);
	TAP_EQ(spis[1].mpidr, 0x1200010203ULL, "lower-half write keeps Aff3");

	guest(DIST + 0xc08, 4, true, 0xaaaaaaaa);
	TAP_CHECK(spis[0].edge && spis[15].edge && !spis[16].edge, "ICFGR2 sets 16 SPIs edge");
	guest(DIST + 0xc08, 4, false, 0);
	TAP_EQ(x5(), 0xaaaaaaaa, "... reads back");

	TAP_EQ(guest(DIST + 0x14, 4, false, 0), 1, "reserved GICD offset handled");
	TAP_EQ(x5(), 0, "... RAZ");
	TAP_EQ(guest(DIST + 0x104, 2, false, 0), 1, "16-bit access handled");
	TAP_EQ(x5(), 0, "... RAZ");
	TAP_EQ(guest(DIST + 0x108, 4, false, 0), 1, "ISENABLER2 beyond the VM's INTIDs");
	TAP_EQ(x5(), 0, "... RAZ");
	TAP_EQ(guest(DIST + 0x10000, 4, false, 0), 0, "past the distributor: not ours");
	vm.vgic.type = 0;
	TAP_EQ(guest(DIST + 0x4, 4, false, 0), 0, "no vGIC model: not ours");
	TAP_CHECK(!locked && !unlocked_updates, "lock balanced, updates under the lock");
}

static void test_pending(void)
{
	u32 v;

	setup();
	spis[2].line_level = true;	/* level SPI 34, input high */
	spis[3].pending_latch = true;
	guest(DIST + 0x204, 4, false, 0);
	TAP_EQ(x5(), 0xc, "ISPENDR: guest sees level input and latch");
	TAP_EQ(uget(KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x204, &v), 0, "uaccess ISPENDR read");
	TAP_EQ(v, 0x8, "... userspace sees the latch only");
	TAP_EQ(uget(KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x284, &v), 0, "uaccess ICPENDR read");
	TAP_EQ(v, 0, "... RAZ");
	guest(DIST + 0x284, 4, true, 0xc);
	TAP_CHECK(!spis[3].pending_latch && spis[2].line_level && sv_vgic_irq_pending(&spis[2]),
		  "ICPENDR clears the latch, a high level stays pending");
	guest(DIST + 0x204, 4, true, 0x1);
	TAP_CHECK(spis[0].pending_latch, "ISPENDR sets the latch");
	TAP_EQ(uset(KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x204, 0x2), 0, "uaccess ISPENDR write");
	TAP_CHECK(!spis[0].pending_latch && spis[1].pending_latch, "... stores every bit");
	TAP_EQ(uset(KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x284, 0x2), 0, "uaccess ICPENDR write");
	TAP_CHECK(spis[1].pending_latch, "... ignored");
	TAP_EQ(uset(KVM_DEV_ARM_VGIC_GRP_REDIST_REGS, 0x10300, 0x8), 0,
	       "uaccess GICR_ISACTIVER0 of vCPU 0");
	TAP_CHECK(vcpus[0].vgic.private[3].active && !vcpus[1].vgic.private[3].active,
		  "... activates SGI 3 of that vCPU only");
}

static void test_redist(void)
{
	const u64 rd1 = RDIST + SV_VGIC_V3_REDIST_SIZE;

	setup();
	TAP_EQ(guest(rd1 + 0x8, 8, false, 0), 1, "GICR_TYPER of the second redistributor");
	TAP_EQ(x5(), 0x0000000300000310ULL, "... affinity 3, Processor_Number 3, Last");
	guest(RDIST + 0xc, 4, false, 0);
	TAP_EQ(x5(), 0, "first redistributor's TYPER upper half: affinity 0");
	guest(RDIST + 0x14, 4, true, 0x2);
	guest(RDIST + 0x14, 4, false, 0);
	TAP_EQ(x5(), 0x6, "GICR_WAKER: ProcessorSleep set, ChildrenAsleep follows");
	guest(RDIST + 0x14, 4, true, 0);
	guest(RDIST + 0x14, 4, false, 0);
	TAP_EQ(x5(), 0, "... and both clear");
	guest(RDIST + 0x0, 4, false, 0);
	TAP_EQ(x5(), 0x6, "GICR_CTLR: IR and CES, no EnableLPIs");

	guest(rd1 + 0x10100, 4, true, 0x80000001);
	TAP_CHECK(vcpus[1].vgic.private[0].enabled && vcpus[1].vgic.private[31].enabled &&
		  !vcpus[0].vgic.private[0].enabled, "GICR_ISENABLER0 reaches its own vCPU");
	guest(rd1 + 0x10c04, 4, true, 0xaaaaaaaa);
	TAP_CHECK(!vcpus[1].vgic.private[16].edge, "GICR_ICFGR1 (PPIs) read-only");
	guest(rd1 + 0x10c00, 4, false, 0);
	TAP_EQ(x5(), 0xaaaaaaaa, "GICR_ICFGR0: SGIs read as edge");
	TAP_EQ(guest(RDIST + 2 * SV_VGIC_V3_REDIST_SIZE, 4, false, 0), 0,
	       "a third redistributor slot (no vCPU): not ours");
	vm.vgic.rdregs[0].count = 0;	/* legacy region: as many as vCPUs */
	TAP_EQ(guest(rd1 + 0x8, 4, false, 0), 1, "legacy region reaches the last vCPU");
	TAP_EQ(guest(RDIST + 2 * SV_VGIC_V3_REDIST_SIZE, 4, false, 0), 0, "... not beyond");
}

static void test_attrs(void)
{
	const u64 vcpu3 = 3ULL << 32;
	u32 v = 0;

	setup();
	TAP_EQ(uget(KVM_DEV_ARM_VGIC_GRP_REDIST_REGS, vcpu3 | 0x8, &v), 0, "GICR_TYPER by attr");
	TAP_EQ(v, 0x310, "... 0x310 for vcpu_id 3, the last one (vgic_init)");
	TAP_EQ(uget(KVM_DEV_ARM_VGIC_GRP_REDIST_REGS, vcpu3 | 0xc, &v), 0, "upper half");
	TAP_EQ(v, 3, "... its affinity");
	TAP_EQ(uget(KVM_DEV_ARM_VGIC_GRP_REDIST_REGS, (1ULL << 32) | 0x8, &v), -EINVAL,
	       "no vCPU with that MPIDR: -EINVAL");
	TAP_EQ(uget(KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x14, &v), 0, "non-register offset: success");
	TAP_EQ(v, 0, "... reading 0 (upstream)");
	TAP_EQ(uset(KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x8, 0x4b00343b), 0, "IIDR restore, same value");
	TAP_EQ(uset(KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x8, 0x4b00243b), 0, "IIDR restore, revision 2");
	TAP_EQ(uset(KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x8, 0x4b00443b), -EINVAL, "IIDR revision 4");
	TAP_EQ(uset(KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x8, 0x4c00343b), -EINVAL, "IIDR other product");
	TAP_EQ(uset(KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0xc, 1), -EINVAL, "TYPER2 must match");

	TAP_EQ(uset(KVM_DEV_ARM_VGIC_GRP_LEVEL_INFO, 32, 0x5), 0, "LEVEL_INFO write, INTIDs 32..");
	TAP_CHECK(spis[0].line_level && !spis[1].line_level && spis[2].line_level,
		  "... sets the line levels");
	spis[2].edge = true;
	TAP_EQ(uget(KVM_DEV_ARM_VGIC_GRP_LEVEL_INFO, 32, &v), 0, "LEVEL_INFO read");
	TAP_EQ(v, 1, "... level-triggered INTIDs only");
	TAP_EQ(uset(KVM_DEV_ARM_VGIC_GRP_LEVEL_INFO, vcpu3 | 0, 0xffffffff), 0,
	       "LEVEL_INFO of vCPU 3's private INTIDs");
	TAP_CHECK(!vcpus[1].vgic.private[15].line_level && vcpus[1].vgic.private[16].line_level,
		  "... SGIs have no line, PPIs do");
	TAP_EQ(uset(KVM_DEV_ARM_VGIC_GRP_LEVEL_INFO, 992, 1), 0, "INTIDs the VM lacks: ignored");
	TAP_EQ(uset(KVM_DEV_ARM_VGIC_GRP_LEVEL_INFO, 33, 1), -EINVAL, "unaligned INTID base");
	TAP_EQ(uset(KVM_DEV_ARM_VGIC_GRP_LEVEL_INFO, 1024, 1), -EINVAL, "INTID 1024 (info != 0)");

	TAP_EQ(sv_vgic_v3_has_attr_regs(&vm, KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x104), 0,
	       "has_attr ISENABLER1");
	TAP_EQ(sv_vgic_v3_has_attr_regs(&vm, KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x108), -ENXIO,
	       "has_attr ISENABLER2 beyond nr_irqs");
	TAP_EQ(sv_vgic_v3_has_attr_regs(&vm, KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x106), -ENXIO,
	       "has_attr unaligned");
	TAP_EQ(sv_vgic_v3_has_attr_regs(&vm, KVM_DEV_ARM_VGIC_GRP_REDIST_REGS, vcpu3 | 0x10200),
	       0, "has_attr GICR_ISPENDR0");
	TAP_EQ(sv_vgic_v3_has_attr_regs(&vm, KVM_DEV_ARM_VGIC_GRP_REDIST_REGS,
					(5ULL << 32) | 0x8), -EINVAL, "has_attr, no such vCPU");
	TAP_EQ(sv_vgic_v3_has_attr_regs(&vm, KVM_DEV_ARM_VGIC_GRP_LEVEL_INFO, 0), 0,
	       "has_attr LEVEL_INFO");

	vm.vgic.initialized = false;
	TAP_EQ(uget(KVM_DEV_ARM_VGIC_GRP_REDIST_REGS, vcpu3 | 0x8, &v), -EBUSY,
	       "before CTRL_INIT: -EBUSY");
	TAP_EQ(uget(KVM_DEV_ARM_VGIC_GRP_REDIST_REGS, (1ULL << 32) | 0x8, &v), -EINVAL,
	       "... but a missing vCPU is -EINVAL first");
	vm.nr_vcpus.counter = 0;
	TAP_EQ(uget(KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x0, &v), -EINVAL, "DIST_REGS without vCPU 0");
	TAP_CHECK(!locked && !unlocked_updates, "lock balanced, updates under the lock");
}

/* The GICv2 distributor (vgic-mmio-v2.c): banked private fields, targets, SGIs. */
static void test_v2_dist(void)
{
	u64 v;

	setup();
	vm.vgic.type = KVM_DEV_TYPE_ARM_VGIC_V2;
	vm.vgic.cpu_base = DIST + 0x10000;
	guest(DIST + 0x4, 4, false, 0);
	TAP_EQ(x5(), (1 << 5) | 1, "v2 GICD_TYPER: CPUNumber 1 (2 vCPUs), ITLinesNumber 1");
	guest(DIST + 0x8, 4, false, 0);
	TAP_EQ(x5(), 0x4b00243b, "v2 GICD_IIDR: 'K', revision 2, Arm");
	guest(DIST + 0x0, 4, true, 1);
	TAP_EQ(vm.vgic.ctlr, 3, "v2 GICD_CTLR.Enable forwards both groups");
	guest(DIST + 0x0, 4, false, 0);
	TAP_EQ(x5(), 1, "... reads back as Enable");
	guest(DIST + 0xfe8, 4, false, 0);
	TAP_EQ(x5(), 0x2b, "v2 PIDR2: ArchRev 2");

	guest(DIST + 0x800, 4, false, 0);
	TAP_EQ(x5(), 0x01010101, "ITARGETSR0: SGIs read as the reader's CPU (vCPU 0)");
	TAP_EQ(guest(DIST + 0x821, 1, true, 0xff), 1, "ITARGETSR byte write");
	TAP_EQ(spis[1].targets, 3, "... SPI 33 targets masked to the 2 vCPUs");
	guest(DIST + 0x820, 4, false, 0);
	TAP_EQ(x5(), 0x0300, "... reads back in its byte");

	guest(DIST + 0x200, 4, true, 0xffffffff);
	TAP_CHECK(!vcpus[0].vgic.private[1].pending_latch && vcpus[0].vgic.private[16].pending_latch,
		  "ISPENDR0: SGI bits WI, PPI bits set");
	guest(DIST + 0xf00, 4, true, (1 << 24) | 5);	/* all but self, SGI 5 */
	TAP_CHECK(vcpus[1].vgic.private[5].pending_latch && vcpus[1].vgic.private[5].sgi_src == 1,
		  "SGIR all-but-self: SGI 5 pending on vCPU 1 from CPU 0");
	TAP_CHECK(!vcpus[0].vgic.private[5].pending_latch, "... not on the sender");
	guest(DIST + 0xf00, 4, true, (2 << 16) | 7);	/* list: CPU 1 */
	TAP_EQ(vcpus[1].vgic.private[7].sgi_src, 1, "SGIR target list: SGI 7 on vCPU 1");
	guest(DIST + 0xf20, 4, true, 0x0400);		/* SPENDSGIR: SGI 1 from CPU 2 */
	TAP_EQ(vcpus[0].vgic.private[1].sgi_src, 4, "SPENDSGIR sets a source bit");
	guest(DIST + 0xf20, 4, false, 0);
	TAP_EQ(x5(), 0x0400, "... read back through SPENDSGIR");
	guest(DIST + 0xf11, 1, true, 0x04);		/* CPENDSGIR byte for SGI 1 */
	TAP_CHECK(!vcpus[0].vgic.private[1].sgi_src && !vcpus[0].vgic.private[1].pending_latch,
		  "CPENDSGIR clears it (byte access)");

	v = 0;
	TAP_EQ(sv_vgic_v2_dist_access(&vm, &vcpus[1], 0x800, 4, &v, false, true), 0,
	       "userspace ITARGETSR0 of vCPU 1");
	TAP_EQ(v, 0x02020202, "... reads vCPU 1's bit");
	v = 0xffffffff;
	sv_vgic_v2_dist_access(&vm, &vcpus[0], 0x80, 4, &v, true, true);
	TAP_CHECK(!vcpus[0].vgic.private[20].group, "userspace IGROUPR ignored before an IIDR write");
	v = 0x4b00243b;
	TAP_EQ(sv_vgic_v2_dist_access(&vm, &vcpus[0], 0x8, 4, &v, true, true), 0, "IIDR restore");
	v = 0xffffffff;
	sv_vgic_v2_dist_access(&vm, &vcpus[0], 0x80, 4, &v, true, true);
	TAP_CHECK(vcpus[0].vgic.private[20].group, "... then IGROUPR restores");
	TAP_CHECK(!sv_vgic_v2_dist_exists(&vm, 0x14), "0x14 is no v2 register");
	TAP_CHECK(sv_vgic_v2_dist_exists(&vm, 0xf10), "CPENDSGIR is one");
	TAP_CHECK(!locked && !unlocked_updates, "lock balanced, updates under the lock");
}

/* ---- the distributor snapshot EL2 reads (vgic/vgic-v3-snap.c) ---- */

static struct sv_gicd_snap snap_pages __attribute__((aligned(4096)));
static int snap_allocs, snap_frees, snap_fail;

void *sv_hyp_pages_alloc(unsigned int nr, u64 *hyp_va)
{
	if (snap_fail || nr * PAGE_SIZE < sizeof(snap_pages))
		return NULL;
	snap_allocs++;
	memset(&snap_pages, 0xa5, sizeof(snap_pages));	/* the pool zeroes; we check it is filled */
	*hyp_va = 0x0000800012340000ULL;
	return &snap_pages;
}

void sv_hyp_pages_free(void *page, unsigned int nr)
{
	if (page)
		snap_frees++;
}

/* The registers EL2 may serve, spelt out again from the brief. */
static int snap_family(u32 off)
{
	return off < 0x10 || (off >= 0x80 && off < 0x200) || (off >= 0x400 && off < 0x800) ||
	       (off >= 0xc00 && off < 0xd00) || (off >= 0x6000 && off < 0x8000) || off >= 0xffd0;
}

/*
 * The invariant EL2 relies on: seq even, and every word of the snapshot
 * servable exactly when it is such a register the VM has, with the value
 * a guest's 4-byte read gets from the host.  Returns the bad words.
 */
static int snap_check(const char *what)
{
	struct sv_gicd_snap *s = vm.vgic.snap;
	int bad = 0, lk = locked;
	u32 off;

	for (off = 0; off < SV_GICD_SNAP_FRAME; off += 4) {
		u64 idx = sv_gicd_snap_index(off), v = 0;
		int reg, servable;

		if (idx == SV_GICD_SNAP_NONE)
			continue;
		reg = !sv_vgic_v3_dist_access(&vm, NULL, off, 4, &v, false, false);
		servable = (s->servable[idx / 64] >> (idx % 64)) & 1;
		if (servable != (reg && snap_family(off)) || (servable && s->word[idx] != (u32)v)) {
			if (bad++ < 4)
				printf("#   %s: word %#x: servable %d value %#x, host %d %#llx\n", what,
				       off, servable, s->word[idx], reg, (unsigned long long)v);
		}
	}
	if (s->seq & 1 || locked != lk)
		bad++;
	return bad;
}

/* x10 of an LCG, as vgic_hostile's guest uses. */
static u64 snap_rand(void)
{
	static u64 x = 0x1234;

	x = x * 0x5851f42d4c957f2dULL + 0x3b;
	return x >> 16;
}

static void test_snapshot(void)
{
	static const u32 targets[] = { 0x0, 0x84, 0x104, 0x184, 0x420, 0xc08, 0x6100, 0x6104,
				       0x204, 0x304, 0x8 };
	u64 seq, v;
	int i, bad = 0;

	setup();
	snap_fail = 1;
	sv_vgic_v3_snap_create(&vm);
	TAP_CHECK(!vm.vgic.snap, "snapshot: no pages, no snapshot (the VM runs without)");
	TAP_EQ(guest(DIST + 0x104, 4, true, 1), 1, "... writes still work without one");
	snap_fail = 0;
	sv_vgic_v3_snap_publish(&vcpus[0]);
	TAP_CHECK(!hyps[0].gicd.snap, "snapshot: nothing published before it exists");

	sv_vgic_v3_snap_create(&vm);
	TAP_CHECK(vm.vgic.snap == &snap_pages && snap_allocs == 1, "snapshot: created at ready");
	TAP_EQ(snap_check("created"), 0, "snapshot: every served word as the guest reads it, "
	       "nothing else servable");
	TAP_EQ(snap_pages.word[1], (9 << 19) | 1, "snapshot: GICD_TYPER");
	TAP_CHECK(!(snap_pages.servable[0x200 / 4 / 64] & (1ULL << (0x200 / 4 % 64))),
		  "snapshot: ISPENDR0 not servable");
	TAP_CHECK(!((snap_pages.servable[sv_gicd_snap_index(0x6200) / 64] >>
		     (sv_gicd_snap_index(0x6200) % 64)) & 1),
		  "snapshot: IROUTER<64>, an SPI the VM lacks (64 INTIDs), not servable");
	sv_vgic_v3_snap_publish(&vcpus[1]);
	TAP_CHECK(hyps[1].gicd.base == DIST && hyps[1].gicd.snap == 0x0000800012340000ULL,
		  "snapshot: published to a vCPU: GICD base and EL2 address");

	/* Every write through either path leaves the invariant true, seq + 2. */
	for (i = 0; i < 400; i++) {
		u32 off = targets[snap_rand() % (sizeof(targets) / sizeof(targets[0]))];
		unsigned int len = off >= 0x6000 && (snap_rand() & 1) ? 8 : 4;

		if (off >= 0x6000 && len == 8)
			off &= ~7U;
		seq = snap_pages.seq;
		v = snap_rand();
		if (off >= 0x6000)
			v = (v & 1) | (v & 0x100) << 24;	/* vCPU 0 or 1 (Aff3 noise) */
		if (i & 1)
			guest(DIST + off, len, true, v);
		else
			uset(KVM_DEV_ARM_VGIC_GRP_DIST_REGS, off, (u32)v);
		if (snap_pages.seq != seq + 2 || snap_check("after a write"))
			bad++;
	}
	TAP_EQ(bad, 0, "snapshot: 400 random guest and userspace writes to CTLR, IGROUPR, "
	       "I[SC]ENABLER, IPRIORITYR, ICFGR, IROUTER, I[SC]PENDR/ACTIVER, IIDR: each one "
	       "refreshes it in one seq step");
	guest(DIST + 0x184, 4, true, 0xffffffff);
	guest(DIST + 0x104, 4, true, 0x5);
	guest(DIST + 0x184, 4, true, 0x1);
	TAP_CHECK(snap_pages.word[0x104 / 4] == 0x4 && snap_pages.word[0x184 / 4] == 0x4,
		  "snapshot: an ICENABLER write refreshes ISENABLER's copy of the bits too");
	guest(DIST + 0x420, 1, true, 0xf0);
	TAP_EQ(snap_pages.word[0x420 / 4] & 0xff, 0xf0, "snapshot: a byte write of IPRIORITYR");

	vm.vgic.has_its = true;
	seq = snap_pages.seq;
	sv_vgic_v3_snap_refresh(&vm);
	TAP_CHECK(snap_pages.word[1] & (1 << 17) && snap_pages.seq == seq + 2 &&
		  !snap_check("ITS"), "snapshot: an ITS: TYPER says LPIs after the refresh");
	vm.vgic.has_its = false;
	sv_vgic_v3_snap_destroy(&vm);
	TAP_CHECK(!vm.vgic.snap && snap_frees == 1, "snapshot: freed with the VM");
	TAP_CHECK(!locked && !unlocked_updates, "snapshot: lock balanced");
}

int main(void)
{
	test_dist();
	test_pending();
	test_redist();
	test_attrs();
	test_v2_dist();
	test_snapshot();
	return tap_done();
}
