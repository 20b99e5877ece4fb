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
	sv_skip_instr(&c);
	TAP_CHECK(c.pc == 0x1004 && !(c.pstate & SV_PSR_SS),
		  "skipping an instruction advances pc and the step state machine");

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
