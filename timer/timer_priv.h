/* SPDX-License-Identifier: GPL-2.0 */
/* Between timer/'s own files only; the rest of the module uses arch_timer.h. */
#ifndef SV_TIMER_PRIV_H
#define SV_TIMER_PRIV_H

#include "sv_core.h"

#define SV_CNTP_TVAL	SV_ENC(3, 3, 14, 2, 0)
#define SV_CNTP_CTL	SV_ENC(3, 3, 14, 2, 1)
#define SV_CNTP_CVAL	SV_ENC(3, 3, 14, 2, 2)

/* arch_timer.c: a guest MRS/MSR of one of them (timer_sysregs.c's rows). */
void sv_timer_sysreg(struct sv_vcpu *vcpu, u32 enc, u64 *val, bool write);

#endif /* SV_TIMER_PRIV_H */
