/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host context saved by the EL2 vectors on a host hvc: the general
 * purpose registers x0..x30.  The C structs in hyp/include are the only
 * source of layout; assembly uses offsets generated from them.
 */
#ifndef SV_HYP_CTXT_H
#define SV_HYP_CTXT_H

#ifdef __SPLITVISOR_HYP__
typedef unsigned long long sv_u64;
#else
#include <linux/types.h>
typedef __u64 sv_u64;
#endif

struct sv_gp_regs {
	sv_u64 x[31];
};

struct sv_host_ctxt {
	struct sv_gp_regs regs;
};

#endif /* SV_HYP_CTXT_H */
