// SPDX-License-Identifier: GPL-2.0
/* MMIO decode/complete and exception injection (see emulate.h). */
#include "emulate.h"
#include "arm_regs.h"

int sv_mmio_decode(const struct sv_cpu_ctxt *c, __u64 esr, __u64 ipa,
		   struct sv_mmio *m)
{
	if (!(esr & SV_ESR_ISV))
		return -ENOSYS;
	m->ipa = ipa;
	m->len = 1U << ((esr >> SV_ESR_SAS_SHIFT) & 3);
	m->is_write = !!(esr & SV_ESR_WNR);
	m->sign_extend = !!(esr & SV_ESR_SSE);
	m->sixty_four = !!(esr & SV_ESR_SF);
	m->rt = (esr >> SV_ESR_SRT_SHIFT) & 0x1f;
	m->data = 0;
	if (m->is_write) {
		m->data = sv_reg_read(c, m->rt);
		if (m->len < 8)
			m->data &= (1ULL << (m->len * 8)) - 1;
	}
	return 0;
}

void sv_mmio_complete_read(struct sv_cpu_ctxt *c, const struct sv_mmio *m,
			   __u64 data)
{
	unsigned int bits = m->len * 8;

	if (bits < 64) {
		data &= (1ULL << bits) - 1;
		if (m->sign_extend && (data & (1ULL << (bits - 1))))
			data |= ~((1ULL << bits) - 1);
	}
	if (!m->sixty_four)
		data &= 0xffffffffULL;
	sv_reg_write(c, m->rt, data);
}

/* Where the exception lands, from the mode it is taken from. */
static __u64 sv_vector_offset(__u64 pstate)
{
	if (pstate & SV_PSR_MODE32)
		return SV_VEC_LOWER_A32;
	switch (pstate & SV_PSR_MODE_MASK) {
	case SV_PSR_MODE_EL0t:
		return SV_VEC_LOWER_A64;
	case SV_PSR_MODE_EL1t:
		return SV_VEC_CUR_SP0;
	default:
		return SV_VEC_CUR_SPX;
	}
}

void sv_inject_sync(struct sv_cpu_ctxt *c, __u64 esr, __u64 far, bool set_far)
{
	__u64 old = c->pstate;

	c->sys[SV_ELR_EL1] = c->pc;
	c->sys[SV_SPSR_EL1] = old;
	c->sys[SV_ESR_EL1] = esr;
	if (set_far)
		c->sys[SV_FAR_EL1] = far;
	c->pc = c->sys[SV_VBAR_EL1] + sv_vector_offset(old) + SV_VEC_SYNC;
	/*
	 * EL1h, all of DAIF masked; PAN and UAO as SCTLR_EL1.SPAN says would
	 * need v8.1: on v8.0 they are RES0 and the new PSTATE keeps none of
	 * the old bits (Arm ARM D1.10.2).
	 */
	c->pstate = SV_PSR_MODE_EL1h | SV_PSR_D | SV_PSR_A | SV_PSR_I | SV_PSR_F;
}

void sv_inject_undef(struct sv_cpu_ctxt *c)
{
	sv_inject_sync(c, ((__u64)SV_EC_UNKNOWN << SV_ESR_EC_SHIFT) | SV_ESR_IL, 0, false);
}

void sv_inject_abort(struct sv_cpu_ctxt *c, bool instruction, __u64 addr)
{
	bool lower = (c->pstate & SV_PSR_MODE_MASK) == SV_PSR_MODE_EL0t;
	__u64 ec;

	if (instruction)
		ec = lower ? SV_EC_IABT_LOW : SV_EC_IABT_CUR;
	else
		ec = lower ? SV_EC_DABT_LOW : SV_EC_DABT_CUR;
	/* Synchronous external abort, not on a table walk (FSC 0x10). */
	sv_inject_sync(c, (ec << SV_ESR_EC_SHIFT) | SV_ESR_IL | SV_FSC_EXTABT, addr, true);
}
