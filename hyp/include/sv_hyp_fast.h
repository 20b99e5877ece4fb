/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The answers a vCPU's EL2 fast paths give without the host
 * (hyp/fast-hvc.c, hyp/fast-sysreg.c), as the host publishes them
 * (host/fastpath.c): one page from the shared pool per table, written
 * by the host only while the vCPU is out of the guest, recomputed by
 * running the host's own handlers whenever what they depend on changed.
 * EL2 reads every count once and clamps it to its array.  Each table
 * is sorted by the u64 key its entries start with.  Types only.
 * Documentation/design.rst, "The EL2 fast-path tier".
 */
#ifndef SV_HYP_FAST_H
#define SV_HYP_FAST_H

#include "sv_hyp_ctxt.h"

#define SV_SMCCC_RET_NOT_SUPPORTED	(~0ULL)		/* -1 */

/*
 * HVC (SMCCC): one fid[] entry for every function ID the host
 * implements (host/psci.c's rows): its answer in x0..x3, or host = 1 for
 * a call that acts or reads state that changes.  A function ID without
 * an entry answers NOT_SUPPORTED with x1..x3 = 0.  The calls whose
 * answer depends on the function w1 names (the *_FEATURES queries):
 * fid[] holds the answer for a w1 no row has, arg[] the other answers.
 * Only w0 and w1 count, as the host compares them.
 */
#define SV_FAST_HVC_FIDS	40
#define SV_FAST_HVC_ARGS	128

struct sv_fast_hvc_fid {
	sv_u64 key;			/* function ID */
	sv_u64 host;			/* 1: the host's call */
	sv_u64 ret[4];			/* else x0..x3 */
};
SV_SHARED_SIZE(struct sv_fast_hvc_fid, 48);

#define SV_FAST_HVC_ARG_KEY(fid, w1)	(((sv_u64)(sv_u32)(fid) << 32) | (sv_u32)(w1))

struct sv_fast_hvc_arg {
	sv_u64 key;			/* SV_FAST_HVC_ARG_KEY(function ID, w1) */
	sv_u64 x0;			/* the answer; x1..x3 = 0 */
};
SV_SHARED_SIZE(struct sv_fast_hvc_arg, 16);

struct sv_fast_hvc_table {
	sv_u64 nr_fids;
	sv_u64 nr_args;
	struct sv_fast_hvc_fid fid[SV_FAST_HVC_FIDS];
	struct sv_fast_hvc_arg arg[SV_FAST_HVC_ARGS];
};
SV_SHARED_SIZE(struct sv_fast_hvc_table, 3984);	/* one page */

/*
 * Trapped system register accesses (EC 0x18) whose outcome is fixed:
 * the rows host/sysreg_table.c marks fixed, by encoding (SV_ENC).  An
 * encoding without an entry, or a direction the entry does not allow
 * (a write to a read-only register is UNDEFINED), goes to the host.
 */
#define SV_FAST_SYSREGS		160
#define SV_FAST_SR_READ		(1ULL << 0)	/* reads: Rt = val */
#define SV_FAST_SR_WRITE	(1ULL << 1)	/* writes: ignored */

struct sv_fast_sysreg {
	sv_u64 key;			/* encoding */
	sv_u64 ops;			/* SV_FAST_SR_* */
	sv_u64 val;
};
SV_SHARED_SIZE(struct sv_fast_sysreg, 24);

struct sv_fast_sysreg_table {
	sv_u64 nr;
	sv_u64 reserved;
	struct sv_fast_sysreg reg[SV_FAST_SYSREGS];
};
SV_SHARED_SIZE(struct sv_fast_sysreg_table, 3856);	/* one page */

#endif /* SV_HYP_FAST_H */
