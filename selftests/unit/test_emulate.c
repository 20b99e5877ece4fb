// SPDX-License-Identifier: GPL-2.0
/* MMIO decoding and exception injection (host/emulate.c), natively. */
#include <string.h>
#include "tap.h"
#include "emulate.h"
#include "arm_regs.h"

/* Data abort syndrome: ISV, SAS, SSE, SRT, SF, WnR */
static __u64 dabt(int sas, int sse, int srt, int sf, int wnr)
{
	return ((__u64)SV_EC_DABT_LOW << SV_ESR_EC_SHIFT) | SV_ESR_IL | SV_ESR_ISV |
	       ((__u64)sas << 22) | ((__u64)sse << 21) | ((__u64)srt << 16) | ((__u64)sf << 15) |
	       ((__u64)wnr << 6) | 0x07;
}

#define ESR_WFI32(cv, cond)	(((__u64)SV_EC_WFX << SV_ESR_EC_SHIFT) | \
				 ((__u64)(cv) << 24) | ((__u64)(cond) << 20))
#define NZCV(n, z, c, v)	(((__u64)(n) << 31) | ((__u64)(z) << 30) | \
				 ((__u64)(c) << 29) | ((__u64)(v) << 28))
#define USR32			(SV_PSR_MODE32 | 0x0)	/* AArch32 User mode */
#define T32			(USR32 | SV_PSR_AA32_T)

/* ConditionHolds, written out from the Arm ARM's table, for every NZCV. */
static int cond_ref(int cond, int n, int z, int c, int v)
{
	static const char *const rule[16] = {
		"z", "!z", "c", "!c", "n", "!n", "v", "!v",
		"c&!z", "!c|z", "n=v", "n!v", "!z&n=v", "z|n!v", "1", "1",
	};
	const char *r = rule[cond];

	if (!strcmp(r, "z")) return z;
	if (!strcmp(r, "!z")) return !z;
	if (!strcmp(r, "c")) return c;
	if (!strcmp(r, "!c")) return !c;
	if (!strcmp(r, "n")) return n;
	if (!strcmp(r, "!n")) return !n;
	if (!strcmp(r, "v")) return v;
	if (!strcmp(r, "!v")) return !v;
	if (!strcmp(r, "c&!z")) return c && !z;
	if (!strcmp(r, "!c|z")) return !c || z;
	if (!strcmp(r, "n=v")) return n == v;
	if (!strcmp(r, "n!v")) return n != v;
	if (!strcmp(r, "!z&n=v")) return !z && n == v;
	if (!strcmp(r, "z|n!v")) return z || n != v;
	return 1;
}

/* PSTATE.IT as the SPSR holds it: IT[7:2] in [15:10], IT[1:0] in [26:25]. */
static __u64 it_bits(unsigned int it)
{
	return ((__u64)(it & 3) << 25) | ((__u64)(it >> 2) << 10);
}

/*
 * The EL0 of a 64-bit guest in AArch32: trapped instructions may be 16
 * bits (T32, ESR.IL = 0), may be conditional with the condition failed,
 * and may sit in an IT block (issue 16).
 */
static void test_aarch32(void)
{
	struct sv_cpu_ctxt c;
	int cond, nzcv, bad = 0;

	for (cond = 0; cond < 16; cond++)
		for (nzcv = 0; nzcv < 16; nzcv++) {
			__u64 ps = USR32 | ((__u64)nzcv << 28);

			bad += sv_instr_cond_passed(ps, ESR_WFI32(1, cond) | SV_ESR_IL) !=
			       cond_ref(cond, nzcv >> 3, (nzcv >> 2) & 1, (nzcv >> 1) & 1, nzcv & 1);
		}
	TAP_EQ(bad, 0, "A32 WFI with CV=1: the condition holds as the Arm ARM's table says (16 x 16)");
	TAP_CHECK(sv_instr_cond_passed(SV_PSR_MODE_EL0t | NZCV(0, 0, 0, 0),
				       ESR_WFI32(1, 0) | SV_ESR_IL),
		  "from AArch64 the COND field means nothing: always executed");
	TAP_CHECK(sv_instr_cond_passed(USR32, ((__u64)SV_EC_DABT_LOW << SV_ESR_EC_SHIFT) |
				       SV_ESR_IL | (1ULL << 24)),
		  "a data abort (no CV/COND in its ISS) always executed");
	TAP_CHECK(sv_instr_cond_passed(USR32 | NZCV(0, 0, 0, 0), ESR_WFI32(0, 0)),
		  "CV=0 outside an IT block: unconditional");
	/* ITE EQ: IT = 0b0000_1100 (cond EQ, then 'else' = NE for the second). */
	TAP_CHECK(!sv_instr_cond_passed(T32 | NZCV(0, 0, 0, 0) | it_bits(0x0c), ESR_WFI32(0, 0)),
		  "CV=0 in an IT block: IT[7:4] is the condition (EQ, Z=0: failed)");
	TAP_CHECK(sv_instr_cond_passed(T32 | NZCV(0, 1, 0, 0) | it_bits(0x0c), ESR_WFI32(0, 0)),
		  "... (EQ, Z=1: passed)");
	TAP_CHECK(sv_instr_cond_passed(SV_PSR_MODE_EL1h, ESR_WFI32(1, 0) | SV_ESR_IL),
		  "EL1 AArch64: passed");

	memset(&c, 0, sizeof(c));
	c.pc = 0x8000;
	c.pstate = T32 | SV_PSR_SS;
	sv_instr_skip(&c, ESR_WFI32(0, 0));
	TAP_CHECK(c.pc == 0x8002 && !(c.pstate & SV_PSR_SS), "a 16-bit T32 WFI (IL=0): PC + 2");
	sv_instr_skip(&c, ESR_WFI32(0, 0) | SV_ESR_IL);
	TAP_EQ(c.pc, 0x8006, "a 32-bit T32 instruction (IL=1): PC + 4");
	c.pc = 0xfffffffe;
	sv_instr_skip(&c, ESR_WFI32(0, 0));
	TAP_EQ(c.pc, 0, "an AArch32 PC wraps at 32 bits");

	/* ITTE EQ: IT = 0000 0110 -> 0000 1100 -> 0001 1000 -> done (0). */
	c.pstate = T32 | it_bits(0x06);
	sv_instr_skip(&c, ESR_WFI32(0, 0));
	TAP_EQ(c.pstate, T32 | it_bits(0x0c), "ITAdvance: the block moves on after the first");
	sv_instr_skip(&c, ESR_WFI32(0, 0));
	TAP_EQ(c.pstate, T32 | it_bits(0x18), "... the second");
	sv_instr_skip(&c, ESR_WFI32(0, 0));
	TAP_EQ(c.pstate, T32, "... and ends after the last (IT[2:0] was 0b000... 0b1000 form)");
	c.pstate = SV_PSR_MODE_EL1h | ((__u64)3 << 25) | ((__u64)0x3f << 10);
	sv_instr_skip(&c, SV_ESR_IL);
	TAP_EQ(c.pstate & (((__u64)3 << 25) | ((__u64)0x3f << 10)), ((__u64)3 << 25) | ((__u64)0x3f << 10),
	       "AArch64: bits 26:25 and 15:10 of PSTATE are not IT, left alone");
}

int main(void)
{
	struct sv_cpu_ctxt c;
	struct sv_mmio m;

	memset(&c, 0, sizeof(c));
	c.regs.x[3] = 0x1122334455667788ULL;
	TAP_EQ(sv_mmio_decode(&c, dabt(2, 0, 3, 0, 1), 0x9000, &m), 0, "decode a 32-bit store");
	TAP_CHECK(m.is_write && m.len == 4 && m.rt == 3 && m.ipa == 0x9000, "... its fields");
	TAP_EQ(m.data, 0x55667788, "... data truncated to the access size");
	TAP_EQ(sv_mmio_decode(&c, dabt(3, 0, 31, 1, 1), 0, &m), 0, "store of xzr");
	TAP_EQ(m.data, 0, "... writes zero");
	TAP_EQ(sv_mmio_decode(&c, dabt(3, 0, 3, 1, 1) & ~SV_ESR_ISV, 0, &m), -ENOSYS,
	       "no syndrome (ISV=0) is -ENOSYS");

	sv_mmio_decode(&c, dabt(0, 1, 4, 1, 0), 0, &m);
	sv_mmio_complete_read(&c, &m, 0x80);
	TAP_EQ(c.regs.x[4], 0xffffffffffffff80ULL, "ldrsb x: sign-extends to 64 bits");
	sv_mmio_decode(&c, dabt(0, 1, 4, 0, 0), 0, &m);
	sv_mmio_complete_read(&c, &m, 0x80);
	TAP_EQ(c.regs.x[4], 0xffffff80ULL, "ldrsb w: sign-extends to 32 bits, upper half zero");
	sv_mmio_decode(&c, dabt(1, 0, 5, 0, 0), 0, &m);
	sv_mmio_complete_read(&c, &m, 0xabcdfffe);
	TAP_EQ(c.regs.x[5], 0xfffe, "ldrh: zero-extends, extra data ignored");
	sv_mmio_decode(&c, dabt(3, 0, 31, 1, 0), 0, &m);
	sv_mmio_complete_read(&c, &m, 0x1234);
	TAP_CHECK(1, "a read into xzr is discarded");

	c.pc = 0x1000;
	c.pstate = SV_PSR_MODE_EL1h | SV_PSR_SS;
	sv_instr_skip(&c, SV_ESR_IL);
	TAP_CHECK(c.pc == 0x1004 && !(c.pstate & SV_PSR_SS),
		  "skipping an instruction advances pc and the step state machine");
	test_aarch32();

	c.pc = 0x1000;
	c.pstate = SV_PSR_MODE_EL1h;
	c.sys[SV_VBAR_EL1] = 0x80000;
	sv_inject_undef(&c);
	TAP_EQ(c.pc, 0x80200, "UNDEF from EL1h: current EL with SP_ELx vector");
	TAP_EQ(c.sys[SV_ELR_EL1], 0x1000, "ELR_EL1 is the faulting pc");
	TAP_EQ(c.sys[SV_SPSR_EL1], SV_PSR_MODE_EL1h, "SPSR_EL1 is the old PSTATE");
	TAP_EQ(c.sys[SV_ESR_EL1], SV_ESR_IL, "ESR_EL1: EC unknown, IL");
	TAP_EQ(c.pstate, SV_PSR_RESET, "EL1h with DAIF masked");

	c.pc = 0x2000;
	c.pstate = SV_PSR_MODE_EL0t;
	sv_inject_abort(&c, false, 0xdead000);
	TAP_EQ(c.pc, 0x80400, "abort from EL0: lower EL AArch64 vector");
	TAP_EQ(SV_ESR_EC(c.sys[SV_ESR_EL1]), SV_EC_DABT_LOW, "EC: data abort from a lower EL");
	TAP_EQ(c.sys[SV_ESR_EL1] & SV_ESR_FSC, SV_FSC_EXTABT, "FSC: synchronous external abort");
	TAP_EQ(c.sys[SV_FAR_EL1], 0xdead000, "FAR_EL1 is the address");

	c.pstate = SV_PSR_MODE_EL1t;
	sv_inject_abort(&c, true, 0x3000);
	TAP_EQ(c.pc, 0x80000, "abort from EL1t: current EL with SP_EL0 vector");
	TAP_EQ(SV_ESR_EC(c.sys[SV_ESR_EL1]), SV_EC_IABT_CUR, "EC: instruction abort, same EL");
	return tap_done();
}
