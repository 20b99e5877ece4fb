// SPDX-License-Identifier: GPL-2.0
/*
 * SV_FAST_GICD: guest reads of the GICv3 distributor answered at EL2
 * from the snapshot the host keeps of its own emulation
 * (hyp/include/sv_hyp_gicd.h, written by vgic/vgic-v3-snap.c).  Anything
 * this cannot answer exactly as the host would -- a write, a width or
 * register the snapshot does not hold, a snapshot being rewritten --
 * goes to the host, which emulates it as before.
 *
 * Everything here comes from the guest (the faulting IPA, the access
 * size, the target register) or from host memory: each is bounds-checked,
 * and the word index and register number are clamped with
 * sv_index_nospec() before they index anything, so a mispredicted check
 * cannot make EL2 load outside the snapshot or store outside the
 * guest's registers.  The only address dereferenced is the snapshot's,
 * which the host published.
 */
#include "sv_esr.h"
#include "sv_hyp.h"
#include "sv_hyp_gicd.h"

/* A single-register load (ISV) that missed stage 2 and nothing else. */
#define GICD_ESR_MUST	(SV_ESR_ISV | SV_ESR_IL)
#define GICD_ESR_NOT	(SV_ESR_WNR | SV_ESR_S1PTW | SV_ESR_CM | SV_ESR_FNV | SV_ESR_EA)

static int __gicd_servable(const struct sv_gicd_snap *snap, sv_u64 idx)
{
	return (SV_READ_ONCE(snap->servable[idx / 64]) >> (idx % 64)) & 1;
}

/*
 * One stable read of len bytes at word idx (already clamped): the
 * sequence count even and unchanged around it (pairs with the host's
 * sv_v3_snap_begin()/_end(): odd, smp_wmb, words, smp_wmb, even).
 * No retry: a writer is at work, the host answers this one.
 */
static int __gicd_snap_read(const struct sv_gicd_snap *snap, sv_u64 idx, sv_u64 len,
			    sv_u64 *val)
{
	sv_u64 seq = SV_READ_ONCE(snap->seq), v;
	int ok;

	if (seq & 1)
		return 0;
	sv_dmb(ishld);		/* the words after seq */
	ok = __gicd_servable(snap, idx);
	v = SV_READ_ONCE(snap->word[idx]);
	if (len == 8) {
		ok = ok && __gicd_servable(snap, idx + 1);
		v |= (sv_u64)SV_READ_ONCE(snap->word[idx + 1]) << 32;
	}
	sv_dmb(ishld);		/* seq again after the words */
	if (!ok || SV_READ_ONCE(snap->seq) != seq)
		return 0;
	*val = v;
	return 1;
}

/* Rt as the host's sv_mmio_complete_read() writes it: SSE, SF, XZR. */
static void __gicd_complete(struct sv_vcpu_hyp *vcpu, sv_u64 esr, sv_u64 len, sv_u64 v)
{
	sv_u64 rt = (esr >> SV_ESR_SRT_SHIFT) & 0x1f, bits = len * 8;

	if (bits < 64) {
		v &= (1ULL << bits) - 1;
		if ((esr & SV_ESR_SSE) && (v & (1ULL << (bits - 1))))
			v |= ~((1ULL << bits) - 1);
	}
	if (!(esr & SV_ESR_SF))
		v &= 0xffffffffULL;
	if (rt != 31)
		vcpu->ctxt.regs.x[sv_index_nospec(rt, 31)] = v;
	__sv_skip_instr(vcpu);
}

/* EC 0x24: 1 = the read was answered (re-enter), 0 = not ours. */
int __sv_fast_gicd_read(struct sv_vcpu_hyp *vcpu)
{
	sv_u64 esr = vcpu->exit.esr, snap_va, ipa, off, len, idx, v;
	const struct sv_gicd_snap *snap;

	if (!(vcpu->cfg.fastpath & SV_FAST_GICD))
		return 0;
	if ((esr & (GICD_ESR_MUST | GICD_ESR_NOT)) != GICD_ESR_MUST ||
	    (esr & SV_ESR_FSC_TYPE) != SV_FSC_TRANS)
		return 0;
	snap_va = SV_READ_ONCE(vcpu->gicd.snap);
	if (!snap_va)
		return 0;
	ipa = (SV_HPFAR_FIPA(vcpu->exit.hpfar) << 12) | (vcpu->exit.far & 0xfff);
	off = ipa - SV_READ_ONCE(vcpu->gicd.base);	/* below the base: wraps, too big */
	len = 1ULL << ((esr >> SV_ESR_SAS_SHIFT) & 3);
	if (off >= SV_GICD_SNAP_FRAME || (off & (len - 1)) ||
	    (len != 4 && !(len == 8 && sv_gicd_snap_is_irouter(off))))
		return 0;
	idx = sv_gicd_snap_index(off);
	if (idx >= SV_GICD_SNAP_NONE)
		return 0;
	/* An 8-byte read reads idx + 1 too (IROUTER's window ends below the ID words). */
	idx = sv_index_nospec(idx, SV_GICD_SNAP_WORDS - (len == 8));
	snap = (const struct sv_gicd_snap *)(unsigned long)snap_va;
	if (!__gicd_snap_read(snap, idx, len, &v))
		return 0;
	__gicd_complete(vcpu, esr, len, v);
	vcpu->fast.gicd_read++;
	return 1;
}
