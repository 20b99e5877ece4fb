/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure pieces of exit handling: decoding a data abort into an MMIO access,
 * completing an MMIO read into a register, and entering a guest
 * exception vector at EL1.  They work on struct sv_cpu_ctxt only, so
 * selftests/unit runs them natively.
 */
#ifndef SV_EMULATE_H
#define SV_EMULATE_H

#include "sv_pure.h"
#include "sv_esr.h"
#include "sv_hyp_vcpu.h"
#include "sv_instr.h"	/* sv_instr_skip, sv_instr_cond_passed */

struct sv_mmio {
	__u64 ipa;
	unsigned int len;	/* 1, 2, 4 or 8 */
	bool is_write;
	bool sign_extend;
	bool sixty_four;	/* SF: the register is Xn, not Wn */
	unsigned int rt;	/* 31 = xzr */
	__u64 data;		/* for writes: the value, truncated to len */
};

/* -ENOSYS when the syndrome does not describe the access (ISV = 0). */
int sv_mmio_decode(const struct sv_cpu_ctxt *c, __u64 esr, __u64 ipa,
		   struct sv_mmio *m);
/* A read's data into Rt (sign/zero extended as the instruction asks). */
void sv_mmio_complete_read(struct sv_cpu_ctxt *c, const struct sv_mmio *m,
			   __u64 data);

static inline __u64 sv_reg_read(const struct sv_cpu_ctxt *c, unsigned int rt)
{
	return rt == 31 ? 0 : c->regs.x[rt];
}

static inline void sv_reg_write(struct sv_cpu_ctxt *c, unsigned int rt, __u64 v)
{
	if (rt != 31)
		c->regs.x[rt] = v;
}

/* Take a synchronous exception to the guest's EL1 with this ESR/FAR. */
void sv_inject_sync(struct sv_cpu_ctxt *c, __u64 esr, __u64 far, bool set_far);
void sv_inject_undef(struct sv_cpu_ctxt *c);
/* An external abort on the access that faulted at `addr` (data or instruction). */
void sv_inject_abort(struct sv_cpu_ctxt *c, bool instruction, __u64 addr);

#endif /* SV_EMULATE_H */
