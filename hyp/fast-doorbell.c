// SPDX-License-Identifier: GPL-2.0
/*
 * SV_FAST_DOORBELL: a guest MMIO write that one of its VM's ioeventfds
 * answers, posted at EL2.  The guest re-enters at once; EL2 adds the
 * write to the entry's pending count in the VM's table
 * (hyp/include/sv_hyp_db.h) and, when the count was 0, raises the
 * physical SGI SV_DB_SGI on another CPU (struct sv_hyp_cpu.db_kick_sgi1r),
 * whose host signals the eventfd (virtio/ioeventfd.c).  The VMM's or
 * vhost's thread is thus woken from a CPU that is not running this vCPU,
 * and this vCPU never leaves EL2 for it.
 *
 * Exactly what the host path would signal (virtio/ioeventfd_match.c
 * sv_ioev_match): the write's IPA equals the entry's address, and its
 * length agrees unless the entry takes any, and the zero-extended value
 * equals the entry's unless it has no DATAMATCH.  The host publishes only
 * entries that no memslot and no vGIC frame covers, so such a write is
 * the ioeventfd's upstream too.  Anything else -- a table being
 * rewritten, no kick target on this CPU, a write that needs the host --
 * goes to the host as before, which signals it there.
 *
 * From the guest: the faulting IPA (compared only), the access size and
 * the source register (5 bits; XZR reads 0), so nothing it controls is
 * dereferenced; the entry index comes from the host's count, clamped,
 * and is masked with sv_index_nospec() before it indexes pending[].
 */
#include "sv_esr.h"
#include "sv_hyp_sysreg.h"
#include "sv_hyp.h"
#include "sv_hyp_db.h"

/* A single-register store (ISV) that missed stage 2, and nothing else. */
#define DB_ESR_MUST	(SV_ESR_ISV | SV_ESR_IL | SV_ESR_WNR)
#define DB_ESR_NOT	(SV_ESR_S1PTW | SV_ESR_CM | SV_ESR_FNV | SV_ESR_EA)

static int __db_match(const struct sv_db_entry *e, sv_u64 ipa, sv_u64 len, sv_u64 data)
{
	sv_u32 flags = SV_READ_ONCE(e->flags), elen;

	if (!(flags & SV_DB_VALID) || SV_READ_ONCE(e->addr) != ipa)
		return 0;
	elen = SV_READ_ONCE(e->len);
	if (!elen)
		return 1;
	if (elen != len)
		return 0;
	return !(flags & SV_DB_DATAMATCH) || SV_READ_ONCE(e->data) == data;
}

/*
 * The entry a write hits in one stable look at the table (seq even and
 * unchanged around it: pairs with the host's odd/smp_wmb/.../even), or
 * SV_DB_MAX: none, or no stable look (the host decides then).
 */
static sv_u64 __db_lookup(const struct sv_db_table *t, sv_u64 ipa, sv_u64 len, sv_u64 data)
{
	sv_u64 seq = SV_READ_ONCE(t->seq), nr, i;

	if ((seq & 1) || SV_READ_ONCE(t->off))
		return SV_DB_MAX;
	sv_dmb(ishld);		/* the entries after seq */
	nr = __sv_fast_count(&t->nr, SV_DB_MAX);
	for (i = 0; i < nr; i++)
		if (__db_match(&t->e[i], ipa, len, data))
			break;
	sv_dmb(ishld);		/* seq again after the entries */
	if (i == nr || SV_READ_ONCE(t->seq) != seq)
		return SV_DB_MAX;
	return i;
}

/* EC 0x24: 1 = the write was posted (re-enter), 0 = not ours. */
int __sv_fast_doorbell(struct sv_vcpu_hyp *vcpu)
{
	sv_u64 esr = vcpu->exit.esr, t_va, kick, ipa, len, rt, data, i;
	struct sv_db_table *t;

	if (!(vcpu->cfg.fastpath & SV_FAST_DOORBELL))
		return 0;
	if ((esr & (DB_ESR_MUST | DB_ESR_NOT)) != DB_ESR_MUST ||
	    (esr & SV_ESR_FSC_TYPE) != SV_FSC_TRANS)
		return 0;
	t_va = SV_READ_ONCE(vcpu->cfg.doorbells);
	kick = SV_READ_ONCE(__sv_this_cpu()->db_kick_sgi1r);
	if (!t_va || !kick)
		return 0;
	t = (struct sv_db_table *)(unsigned long)t_va;
	ipa = (SV_HPFAR_FIPA(vcpu->exit.hpfar) << 12) | (vcpu->exit.far & 0xfff);
	len = 1ULL << ((esr >> SV_ESR_SAS_SHIFT) & 3);
	rt = (esr >> SV_ESR_SRT_SHIFT) & 0x1f;
	/* The value as the host's sv_mmio_decode() reads it: XZR, then len bytes. */
	data = rt == 31 ? 0 : vcpu->ctxt.regs.x[sv_index_nospec(rt, 31)];
	if (len < 8)
		data &= (1ULL << (len * 8)) - 1;
	i = __db_lookup(t, ipa, len, data);
	if (i >= SV_DB_MAX)
		return 0;
	i = sv_index_nospec(i, SV_DB_MAX);
	/*
	 * Posted.  Only the first write since the host last took this entry
	 * raises the SGI: a count that was not 0 has an SGI on its way whose
	 * handler has not swapped the entry yet, so it takes this one too.
	 * any and the count are visible before the SGI can be taken (DSB).
	 */
	if (!sv_atomic_add(&t->pending[i], 1)) {
		SV_WRITE_ONCE(t->any, 1);
		sv_dsb(ishst);
		sv_write_sysreg(kick, ICC_SGI1R_EL1);
		sv_isb();
	}
	__sv_skip_instr(vcpu);
	vcpu->fast.doorbell++;
	return 1;
}
