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

/*
 * The host and EL2 compile these headers apart (other flags, sv_u64 from
 * another typedef): every struct they share states its size, and the
 * offsets assembly relies on that hyp/asm-offsets.c does not generate,
 * so a layout one side would see differently fails the build.  A change
 * to a struct changes its number here, on purpose.
 */
#define SV_SHARED_SIZE(type, bytes)					\
	_Static_assert(sizeof(type) == (bytes), #type ": shared host/EL2 layout changed")
#define SV_SHARED_OFFSET(type, member, off)				\
	_Static_assert(__builtin_offsetof(type, member) == (off),	\
		       #type "." #member ": assembly relies on this offset")

struct sv_gp_regs {
	sv_u64 x[31];
};
SV_SHARED_SIZE(struct sv_gp_regs, 31 * 8);
/* sv_save_x2_x30 / sv_restore_x2_x30 (sv_hyp_asm.h): x<n> at 8 * n. */
SV_SHARED_OFFSET(struct sv_gp_regs, x, 0);

/* The host at the hvc that entered EL2; elr/spsr let the panic path return. */
struct sv_host_ctxt {
	struct sv_gp_regs regs;
	sv_u64 elr;
	sv_u64 spsr;
};
SV_SHARED_SIZE(struct sv_host_ctxt, 264);

#endif /* SV_HYP_CTXT_H */
