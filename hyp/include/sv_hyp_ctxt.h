/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Register contexts saved at EL2.  The C structs in hyp/include are the
 * only source of layout; assembly uses offsets generated from them
 * (hyp/asm-offsets.c).
 */
#ifndef SV_HYP_CTXT_H
#define SV_HYP_CTXT_H

#ifdef __SPLITVISOR_HYP__
typedef unsigned long long sv_u64;
typedef unsigned int sv_u32;
#else
#include <linux/types.h>
typedef __u64 sv_u64;
typedef __u32 sv_u32;
#endif

struct sv_gp_regs {
	sv_u64 x[31];
};

/* The host at the hvc that entered EL2; elr/spsr let the panic path return. */
struct sv_host_ctxt {
	struct sv_gp_regs regs;
	sv_u64 elr;
	sv_u64 spsr;
};

#endif /* SV_HYP_CTXT_H */
