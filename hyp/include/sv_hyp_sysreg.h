/* SPDX-License-Identifier: GPL-2.0 */
/* System register access at EL2 (hyp/ only; no kernel headers). */
#ifndef SV_HYP_SYSREG_H
#define SV_HYP_SYSREG_H

#include "sv_hyp_ctxt.h"

#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)

#define sv_read_sysreg(r) ({						\
	sv_u64 __v;							\
	asm volatile("mrs %0, " __stringify(r) : "=r"(__v));		\
	__v;								\
})

#define sv_write_sysreg(v, r)						\
	asm volatile("msr " __stringify(r) ", %x0" : : "rZ"((sv_u64)(v)))

#define sv_isb()	asm volatile("isb" : : : "memory")
#define sv_dsb(opt)	asm volatile("dsb " #opt : : : "memory")

#define SV_READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))

#endif /* SV_HYP_SYSREG_H */
