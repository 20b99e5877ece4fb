// SPDX-License-Identifier: GPL-2.0
/*
 * The GICv3 distributor snapshot EL2 answers guest reads from
 * (SV_FAST_GICD; layout in hyp/include/sv_hyp_gicd.h, reader in
 * hyp/fast-gicd.c).  It holds the registers whose value changes only
 * through distributor writes -- CTLR, TYPER, IIDR, TYPER2, IGROUPR,
 * ISENABLER/ICENABLER, IPRIORITYR, ICFGR, IROUTER and the ID registers
 * -- never pending or active state, whose truth is in the list registers
 * while a guest runs.
 *
 * Every word is produced by the guest's own read path (the register
 * table and its handlers), so the snapshot cannot disagree with what the
 * host would answer.  It is written only with the vGIC lock held (writers
 * are serialised) inside a sequence count: odd while words change, even
 * when stable.  It is refreshed:
 *   - whole, when the vGIC becomes ready (first run) and when an ITS is
 *     created (GICD_TYPER's LPI fields);
 *   - for the words a distributor write reached, by the guest's MMIO and
 *     by userspace's KVM_DEV_ARM_VGIC_GRP_DIST_REGS alike, both of which
 *     go through sv_vgic_v3_dist_access(), in the same lock hold.
 * Nothing else changes these registers once the vGIC is ready: nr_irqs
 * is fixed by then and the SPIs' fields have no other writer.
 */
#include <linux/kvm.h>

#include "vgic.h"
#include "vgic-mmio.h"
#include "sv_hyp_gicd.h"

#define SV_SNAP_PAGES	DIV_ROUND_UP(sizeof(struct sv_gicd_snap), PAGE_SIZE)

/* Offsets of the registers EL2 may serve (the rest stays the host's). */
static bool sv_v3_snap_family(u32 off)
{
	return off < SV_GICD_STATUSR ||					/* CTLR..TYPER2 */
	       (off >= SV_GICD_IGROUPR && off < SV_GICD_ISPENDR) ||	/* + I[SC]ENABLER */
	       (off >= SV_GICD_IPRIORITYR && off < SV_GICD_ITARGETSR) ||
	       (off >= SV_GICD_ICFGR && off < SV_GICD_IGRPMODR) ||
	       sv_gicd_snap_is_irouter(off) ||
	       off >= SV_GICD_IDREGS;
}

/* Pairs with EL2's first seq read, DMB, words (hyp/fast-gicd.c). */
static void sv_v3_snap_begin(struct sv_gicd_snap *s)
{
	WRITE_ONCE(s->seq, s->seq + 1);
	smp_wmb();		/* seq odd before any word changes */
}

/* Pairs with EL2's words, DMB, second seq read. */
static void sv_v3_snap_end(struct sv_gicd_snap *s)
{
	smp_wmb();		/* every word before seq is even again */
	WRITE_ONCE(s->seq, s->seq + 1);
}

/* The word at off, as a guest's 4-byte read gets it; vGIC lock held. */
static void sv_v3_snap_word(struct sv_vm *vm, struct sv_gicd_snap *s, u32 off)
{
	struct sv_vgic_mmio_ctx c = { .vm = vm };
	u64 idx = sv_gicd_snap_index(off), bit, v = 0;
	bool ok;

	if (idx >= SV_GICD_SNAP_NONE)
		return;
	/* -ENXIO (no such register, or an INTID the VM lacks): the host's RAZ. */
	ok = sv_v3_snap_family(off) &&
	     !sv_vgic_mmio_access_locked(sv_vgic_v3_dist_regs, sv_vgic_v3_nr_dist_regs,
					 &c, off, 4, &v, false);
	bit = 1ULL << (idx % 64);
	WRITE_ONCE(s->word[idx], ok ? (u32)v : 0);
	WRITE_ONCE(s->servable[idx / 64],
		   ok ? s->servable[idx / 64] | bit : s->servable[idx / 64] & ~bit);
}

static void sv_v3_snap_range(struct sv_vm *vm, struct sv_gicd_snap *s, u32 from, u32 to)
{
	u32 off;

	for (off = from; off < to; off += 4)
		sv_v3_snap_word(vm, s, off);
}

static void sv_v3_snap_all_locked(struct sv_vm *vm, struct sv_gicd_snap *s)
{
	sv_v3_snap_begin(s);
	sv_v3_snap_range(vm, s, 0, SV_GICD_SNAP_LOW_END);
	sv_v3_snap_range(vm, s, SV_GICD_SNAP_IROUTER, SV_GICD_SNAP_IROUTER_END);
	sv_v3_snap_range(vm, s, SV_GICD_SNAP_ID, SV_GICD_SNAP_FRAME);
	sv_v3_snap_end(s);
}

/*
 * A distributor write of len bytes at offset happened (vGIC lock held,
 * the same hold as the write): refresh the words it reached, and for the
 * enable registers the other one of the pair, which reads the same bits.
 */
void sv_vgic_v3_snap_written_locked(struct sv_vm *vm, u32 offset, unsigned int len)
{
	struct sv_gicd_snap *s = vm->vgic.snap;
	u32 off;

	if (!s)
		return;
	sv_v3_snap_begin(s);
	for (off = offset & ~3U; off < offset + len && off < SV_GICD_SNAP_FRAME; off += 4) {
		sv_v3_snap_word(vm, s, off);
		if (off >= SV_GICD_ISENABLER && off < SV_GICD_ISPENDR)
			sv_v3_snap_word(vm, s, off ^ (SV_GICD_ICENABLER - SV_GICD_ISENABLER));
	}
	sv_v3_snap_end(s);
}

/* Refresh it all (a value changed outside a distributor write). */
void sv_vgic_v3_snap_refresh(struct sv_vm *vm)
{
	unsigned long flags = sv_vgic_lock(vm);

	if (vm->vgic.snap)
		sv_v3_snap_all_locked(vm, vm->vgic.snap);
	sv_vgic_unlock(vm, flags);
}

/*
 * The vGIC became ready (vm->lock held): the snapshot, filled.  Without
 * pages for it the VM runs without the fast path; that is not an error.
 */
void sv_vgic_v3_snap_create(struct sv_vm *vm)
{
	struct sv_gicd_snap *s;
	unsigned long flags;
	u64 hyp_va;

	if (vm->vgic.snap || vm->vgic.type != KVM_DEV_TYPE_ARM_VGIC_V3)
		return;
	s = sv_hyp_pages_alloc(SV_SNAP_PAGES, &hyp_va);
	if (!s)
		return;
	s->seq = 0;		/* even: no one reads it yet */
	flags = sv_vgic_lock(vm);
	sv_v3_snap_all_locked(vm, s);
	vm->vgic.snap_hyp_va = hyp_va;
	/* Filled before anyone finds it (pairs with sv_vgic_v3_snap_publish()). */
	smp_store_release(&vm->vgic.snap, s);
	sv_vgic_unlock(vm, flags);
}

/*
 * Tell EL2 where this vCPU's distributor and its snapshot are (before
 * each KVM_RUN; a no-op once done).  The vCPU's next entry is a call to
 * EL2 from this thread, which then sees both.
 */
void sv_vgic_v3_snap_publish(struct sv_vcpu *vcpu)
{
	struct sv_vm *vm = vcpu->vm;
	struct sv_gicd_fast *g = &vcpu->hyp->gicd;

	if (g->snap || !smp_load_acquire(&vm->vgic.snap))
		return;
	g->base = vm->vgic.dist_base;
	g->snap = vm->vgic.snap_hyp_va;
}

/* VM destroy: no vCPU runs any more, EL2 cannot be reading it. */
void sv_vgic_v3_snap_destroy(struct sv_vm *vm)
{
	sv_hyp_pages_free(vm->vgic.snap, SV_SNAP_PAGES);
	vm->vgic.snap = NULL;
}
