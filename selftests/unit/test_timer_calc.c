// SPDX-License-Identifier: GPL-2.0
/* Native tests of timer/timer_calc.h: condition, ISTATUS, TVAL, ticks to ns. */
#include "tap.h"
#include "timer_calc.h"

#define EN	SV_CNT_CTL_ENABLE
#define IM	SV_CNT_CTL_IMASK
#define IS	SV_CNT_CTL_ISTATUS
#define MAX	(1ULL << 62)

static void test_cond(void)
{
	TAP_CHECK(!sv_timer_cond(0, 10, 20), "disabled: no condition");
	TAP_CHECK(!sv_timer_cond(EN | IM, 10, 20), "masked: no condition");
	TAP_CHECK(!sv_timer_cond(EN, 10, 9), "before cval: no condition");
	TAP_CHECK(sv_timer_cond(EN, 10, 10), "at cval: condition");
	TAP_CHECK(sv_timer_cond(EN | IS, 10, 11), "ISTATUS in the stored ctl is ignored");
	TAP_CHECK(sv_timer_cond(EN, 0, ~0ULL), "unsigned comparison at the top");
}

static void test_ctl_read(void)
{
	TAP_EQ(sv_timer_ctl_read(EN, 10, 10), EN | IS, "expired: ISTATUS");
	TAP_EQ(sv_timer_ctl_read(EN | IM, 10, 11), EN | IM | IS, "ISTATUS even masked");
	TAP_EQ(sv_timer_ctl_read(EN, 10, 9), EN, "not yet: no ISTATUS");
	TAP_EQ(sv_timer_ctl_read(0, 10, 11), 0, "disabled: no ISTATUS");
	TAP_EQ(sv_timer_ctl_read(~0ULL, ~0ULL, 0), EN | IM, "only ENABLE/IMASK are stored");
}

static void test_tval(void)
{
	TAP_EQ(sv_timer_tval_read(1100, 1000), 100, "tval positive");
	TAP_EQ(sv_timer_tval_read(900, 1000), 0xffffff9cULL, "tval negative: 32 bits, RES0 above");
	TAP_EQ(sv_timer_tval_read(1000 + (1ULL << 32) + 5, 1000), 5, "tval truncated");
	TAP_EQ(sv_timer_tval_to_cval(100, 1000), 1100, "tval write positive");
	TAP_EQ(sv_timer_tval_to_cval(0xffffff9c, 1000), 900, "tval write sign-extended");
	TAP_EQ(sv_timer_tval_to_cval(0xdead00000064ULL, 1000), 1100, "tval write ignores bits 63:32");
	TAP_EQ(sv_timer_tval_to_cval(0x80000000, 0), 0xffffffff80000000ULL, "tval write INT_MIN");
}

static void test_ns(void)
{
	TAP_EQ(sv_timer_ticks_to_ns(0, 62500000, MAX), 0, "0 ticks");
	TAP_EQ(sv_timer_ticks_to_ns(1, 62500000, MAX), 16, "1 tick at 62.5 MHz = 16 ns");
	TAP_EQ(sv_timer_ticks_to_ns(1, 24000000, MAX), 42, "1 tick at 24 MHz rounds up to 42 ns");
	TAP_EQ(sv_timer_ticks_to_ns(24000000, 24000000, MAX), 1000000000, "1 s");
	TAP_EQ(sv_timer_ticks_to_ns(24000001, 24000000, MAX), 1000000042, "1 s + 1 tick");
	TAP_EQ(sv_timer_ticks_to_ns(~0ULL, 1000000, MAX), MAX, "huge: saturates");
	TAP_EQ(sv_timer_ticks_to_ns(~0ULL, 0xffffffffU, MAX) <= MAX, 1, "top rate: no overflow");
	TAP_EQ(sv_timer_ticks_to_ns(5, 0, MAX), MAX, "rate 0: never");
}

int main(void)
{
	test_cond();
	test_ctl_read();
	test_tval();
	test_ns();
	return tap_done();
}
