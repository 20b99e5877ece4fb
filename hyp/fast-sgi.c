// SPDX-License-Identifier: GPL-2.0
/*
 * SV_FAST_SGI: virtual IPIs posted at EL2.
 *
 * Sender.  A guest's ICC_SGI1R_EL1 write traps (HCR_EL2.IMO).  With every
 * target vCPU in the guest on some CPU, EL2 sets the SGI's bit in each
 * target's mailbox (an atomic OR), and if the target is still in the
 * guest after that (a full barrier between the two: the target clears
 * its run word and then looks at its mailbox, so one of the two sees the
 * other), raises the physical kick SGI on the target's CPU.  A target
 * that is not in the guest -- blocked in WFI, preempted, in the host --
 * sends the whole write to the host, which routes it as before; one
 * that left between the two looks is woken by the host after this exit
 * (struct sv_sgi_fast.wake[]).
 *
 * Target.  Its EL2 marks the vCPU in the guest just before entry and
 * takes what was posted into free list registers; on an IRQ exit whose
 * interrupt is the kick (the highest-priority pending one, and the kick
 * outranks every host interrupt, so the acknowledge returns it) it
 * acknowledges it, takes the mailbox the same way and re-enters without
 * the host.  A posted SGI that the host's emulation already holds
 * pending, or that sits in a list register, is the same pending state
 * (GICv3: one pending bit per SGI and target); one that is disabled, of
 * a group that is off, or finds no free list register stays in the
 * mailbox, which the host drains into its emulation before every entry
 * (vgic/vgic.c).  EL2-filled list registers are those past the host's
 * own (vgic/vgic.c sv_vgic_sync folds them by INTID).
 *
 * From the guest: the written value (the INTID is 4 bits, the target list
 * 16, Aff3..Aff1 select a route key that is only compared; RS is RES0,
 * as the vGIC does not claim RSS, so it is ignored as upstream does) and
 * nothing else.  The route table and the targets' addresses are the
 * host's; every count read from shared memory is clamped.
 */
#include "sv_esr.h"
#include "sv_hyp_sysreg.h"
#include "sv_hyp.h"

#define SGI1R_TARGETS		0xffffULL
#define SGI1R_AFF1(v)		(((v) >> 16) & 0xff)
#define SGI1R_INTID(v)		(((v) >> 24) & 0xf)
#define SGI1R_AFF2(v)		(((v) >> 32) & 0xff)
#define SGI1R_IRM		(1ULL << 40)
#define SGI1R_AFF3(v)		(((v) >> 48) & 0xff)

#define ICC_IAR_INTID		0xffffffULL

static int __sgi_group1(sv_u64 cfg, sv_u64 s)
{
	return (cfg >> (SV_SGI_CFG_GROUP_SHIFT + s)) & 1;
}

static sv_u64 __sgi_prio(const struct sv_sgi_fast *f, sv_u64 s)
{
	return (SV_READ_ONCE(f->prio[s / 8]) >> ((s % 8) * 8)) & 0xff;
}

/*
 * The SGIs posted to this vCPU into its list registers, while its
 * interface is loaded.  What cannot go there now goes back to the
 * mailbox for the host.
 */
static void __sgi_drain(struct sv_vcpu_hyp *vcpu)
{
	struct sv_vgic_v3_cpu_if *cif = &vcpu->vgic;
	sv_u64 bits, left = 0, full = 0, cfg, busy, used, nr, s, b, lr, i;

	if (!SV_READ_ONCE(vcpu->sgi.mailbox))
		return;
	bits = sv_atomic_xchg(&vcpu->sgi.mailbox, 0);
	cfg = SV_READ_ONCE(vcpu->sgi.cfg);
	busy = SV_READ_ONCE(vcpu->sgi.sw_pending);
	nr = __sv_vgic_v3_nr_lrs();
	used = SV_READ_ONCE(cif->used_lrs);
	if (used > nr)
		used = nr;
	for (s = 0; s < 16; s++) {
		b = 1ULL << s;
		if (!(bits & b) || (busy & b))
			continue;	/* not posted, or pending in the host's emulation already */
		for (i = 0; i < used; i++) {
			lr = __sv_vgic_v3_lr_read(i);
			if ((lr & SV_ICH_LR_VINTID_MASK) == s)
				break;
		}
		if (i < used) {
			/* In a list register already: pending there (pending+active if active). */
			if (!(lr & SV_ICH_LR_PENDING))
				__sv_vgic_v3_lr_write(i, lr | SV_ICH_LR_PENDING);
			continue;
		}
		if (!(cfg & b) ||
		    !(cfg & (__sgi_group1(cfg, s) ? SV_SGI_CFG_GRP1_ON : SV_SGI_CFG_GRP0_ON))) {
			left |= b;	/* disabled, or its group is off: pending in the host's emulation */
			continue;
		}
		if (used >= nr) {
			left |= b;
			full = 1;
			continue;
		}
		lr = s | (__sgi_prio(&vcpu->sgi, s) << SV_ICH_LR_PRIO_SHIFT) | SV_ICH_LR_PENDING;
		if (__sgi_group1(cfg, s))
			lr |= SV_ICH_LR_GROUP;
		__sv_vgic_v3_lr_write(used, lr);
		used++;
		vcpu->fast.sgi_delivered++;
	}
	cif->used_lrs = used;
	if (left)
		sv_atomic_or(&vcpu->sgi.mailbox, left);
	if (full) {
		/* Exit when the list registers run low: the host then takes them. */
		cif->hcr |= SV_ICH_HCR_UIE;
		sv_write_sysreg(cif->hcr, ICH_HCR_EL2);
	}
	sv_isb();
}

/* Raise the kick SGI on the CPU a target's run word names. */
static void __sgi_kick(sv_u64 run)
{
	sv_dsb(ishst);		/* the mailbox before the interrupt (GICv3 12.1.9) */
	sv_write_sysreg(run & ~SV_SGI_RUN_IN_GUEST, ICC_SGI1R_EL1);
	sv_isb();
}

/* EC 0x18, ICC_SGI1R_EL1 written with val: 1 = done (pc advanced), 0 = the host's. */
int __sv_fast_sgi_send(struct sv_vcpu_hyp *vcpu, sv_u64 val)
{
	const struct sv_sgi_route *r = (const struct sv_sgi_route *)SV_READ_ONCE(vcpu->sgi.route);
	const struct sv_sgi_route_entry *e;
	/* Written before read; left out of the kernel's zeroing of stack arrays (no memset at EL2). */
	struct sv_vcpu_hyp *t[16] __attribute__((uninitialized)), *tv;
	sv_u64 tidx[16] __attribute__((uninitialized)), seq, n, key, s = SGI1R_INTID(val), b = 1ULL << SGI1R_INTID(val);
	sv_u64 nt = 0, nw = 0, self = 0, i, bit, run;

	if (!(vcpu->cfg.fastpath & SV_FAST_SGI) || !r || (val & SGI1R_IRM) ||
	    __sv_this_cpu()->vgic_loaded != SV_VGIC_MODEL_V3)
		return 0;
	seq = SV_READ_ONCE(r->seq);
	if (seq & 1)
		return 0;
	sv_dmb(ishld);		/* the entries after seq */
	n = __sv_fast_count(&r->nr, SV_SGI_ROUTE_MAX);
	/* RS is RES0 (the vGIC does not claim RSS): TargetList names Aff0 0-15. */
	key = SV_SGI_ROUTE_KEY(SGI1R_AFF3(val), SGI1R_AFF2(val), SGI1R_AFF1(val), 0, 0);
	/* Every target first: all in the guest, or the host routes the write. */
	for (bit = 0; bit < 16; bit++) {
		if (!(val & (1ULL << bit)))
			continue;
		e = __sv_fast_find(r->e, sizeof(*e), n, key | bit);
		if (!e)
			continue;	/* no such vCPU: nothing happens (GICv3 12.2.23) */
		tv = (struct sv_vcpu_hyp *)SV_READ_ONCE(e->vcpu);
		if (!tv || !(SV_READ_ONCE(tv->sgi.cfg) & SV_SGI_CFG_VALID))
			return 0;
		if (!__sgi_group1(SV_READ_ONCE(tv->sgi.cfg), s))
			continue;	/* SGI1R raises group 1 SGIs only */
		if (tv != vcpu && !(SV_READ_ONCE(tv->sgi.run) & SV_SGI_RUN_IN_GUEST))
			return 0;
		t[nt] = tv;
		tidx[nt++] = SV_READ_ONCE(e->idx);
	}
	sv_dmb(ishld);		/* seq again after the entries */
	if (SV_READ_ONCE(r->seq) != seq)
		return 0;
	for (i = 0; i < nt; i++) {
		sv_atomic_or(&t[i]->sgi.mailbox, b);
		sv_dmb(ish);	/* the post before the look at run (pairs with __sv_fast_sgi_leave) */
		if (t[i] == vcpu) {
			self = 1;
			continue;
		}
		run = SV_READ_ONCE(t[i]->sgi.run);
		if (run & SV_SGI_RUN_IN_GUEST)
			__sgi_kick(run);
		else
			vcpu->sgi.wake[nw++] = tidx[i];	/* left meanwhile: maybe asleep */
	}
	vcpu->fast.sgi_posted += nt;
	__sv_skip_instr(vcpu);
	if (self)
		__sgi_drain(vcpu);
	if (nw) {
		vcpu->sgi.nr_wake = nw;
		return 0;	/* done here; the host only wakes (vgic/vgic-v3-ipi.c) */
	}
	return 1;
}

/* Just before the guest runs, its vGICv3 loaded. */
void __sv_fast_sgi_enter(struct sv_hyp_cpu *hc, struct sv_vcpu_hyp *vcpu)
{
	sv_u64 kick = SV_READ_ONCE(hc->kick_sgi1r);

	if (!(vcpu->cfg.fastpath & SV_FAST_SGI) || !kick || !SV_READ_ONCE(vcpu->sgi.route) ||
	    hc->vgic_loaded != SV_VGIC_MODEL_V3)
		return;
	SV_WRITE_ONCE(vcpu->sgi.run, kick | SV_SGI_RUN_IN_GUEST);
	sv_dmb(ish);		/* run before the mailbox (pairs with the sender's post, then look) */
	__sgi_drain(vcpu);
}

/* The exit goes to the host: from now on senders leave this vCPU to it. */
void __sv_fast_sgi_leave(struct sv_vcpu_hyp *vcpu)
{
	if (!SV_READ_ONCE(vcpu->sgi.run))
		return;
	SV_WRITE_ONCE(vcpu->sgi.run, 0);
	sv_dmb(ish);		/* pairs with the sender's post, then look; the host looks next */
}

/*
 * An IRQ exit: if the interrupt is the kick, acknowledge it, take the
 * mailbox and re-enter (1).  Anything else is the host's (0), untouched.
 */
int __sv_fast_sgi_kick(struct sv_hyp_cpu *hc, struct sv_vcpu_hyp *vcpu)
{
	sv_u64 intid;

	if (!(SV_READ_ONCE(vcpu->sgi.run) & SV_SGI_RUN_IN_GUEST) ||
	    hc->vgic_loaded != SV_VGIC_MODEL_V3 ||
	    (sv_read_sysreg(ICC_HPPIR1_EL1) & ICC_IAR_INTID) != SV_KICK_SGI)
		return 0;
	intid = sv_read_sysreg(ICC_IAR1_EL1) & ICC_IAR_INTID;
	sv_write_sysreg(intid, ICC_EOIR1_EL1);
	if (SV_READ_ONCE(hc->kick_dir))
		sv_write_sysreg(intid, ICC_DIR_EL1);
	sv_isb();
	if (intid != SV_KICK_SGI) {
		/* Cannot happen with the kick's priority; counted for the host to report. */
		hc->kick_mismatch++;
		return 0;
	}
	__sgi_drain(vcpu);
	return 1;
}
