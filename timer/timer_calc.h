/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arithmetic of a generic timer (Arm ARM D11.2.4, "Operation of the
 * CompareValue views"), kept free of kernel services so that the native
 * unit tests (selftests/unit/test_timer_calc.c) run the same code.
 */
#ifndef SV_TIMER_CALC_H
#define SV_TIMER_CALC_H

#include "sv_pure.h"

#define SV_CNT_CTL_ENABLE	(1ULL << 0)
#define SV_CNT_CTL_IMASK	(1ULL << 1)
#define SV_CNT_CTL_ISTATUS	(1ULL << 2)	/* read-only, computed */

#define SV_NSEC_PER_SEC		1000000000ULL

/* The timer can raise its interrupt: enabled and not masked. */
static inline bool sv_timer_armed(__u64 ctl)
{
	return (ctl & (SV_CNT_CTL_ENABLE | SV_CNT_CTL_IMASK)) == SV_CNT_CTL_ENABLE;
}

/* The output line: armed and the (offset) counter has reached CVAL. */
static inline bool sv_timer_cond(__u64 ctl, __u64 cval, __u64 now)
{
	return sv_timer_armed(ctl) && now >= cval;
}

/*
 * CTL as the guest reads it: only ENABLE and IMASK are stored; ISTATUS
 * says the condition is met whatever IMASK says (UNKNOWN when disabled:
 * we report 0 then).
 */
static inline __u64 sv_timer_ctl_read(__u64 ctl, __u64 cval, __u64 now)
{
	ctl &= SV_CNT_CTL_ENABLE | SV_CNT_CTL_IMASK;
	if ((ctl & SV_CNT_CTL_ENABLE) && now >= cval)
		ctl |= SV_CNT_CTL_ISTATUS;
	return ctl;
}

/* TVAL is a signed 32-bit view of CVAL - now; bits [63:32] are RES0. */
static inline __u64 sv_timer_tval_read(__u64 cval, __u64 now)
{
	return (__u32)(cval - now);
}

/* Writing TVAL sets CVAL to now plus the sign-extended value. */
static inline __u64 sv_timer_tval_to_cval(__u64 val, __u64 now)
{
	return now + (__u64)(__s64)(__s32)(__u32)val;
}

/*
 * Counter ticks to nanoseconds, rounded up so that a timer armed with
 * the result never expires before the counter reaches CVAL.  Saturates
 * at max (a deadline centuries away is as good as none).
 */
static inline __u64 sv_timer_ticks_to_ns(__u64 ticks, __u32 rate, __u64 max)
{
	__u64 secs, rem;

	if (!rate)
		return max;
	secs = ticks / rate;
	rem = ticks % rate;
	if (secs >= max / SV_NSEC_PER_SEC)
		return max;
	/* rem < rate < 2^32, so rem * 10^9 < 2^62: no overflow. */
	return secs * SV_NSEC_PER_SEC + (rem * SV_NSEC_PER_SEC + rate - 1) / rate;
}

#endif /* SV_TIMER_CALC_H */
