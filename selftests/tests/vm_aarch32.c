// SPDX-License-Identifier: GPL-2.0
/*
 * A 64-bit guest's EL0 in AArch32 (issue 16), 250 rounds of: trapped
 * instructions that are 16 bits long (T32 WFI and WFE, ESR.IL = 0), a
 * 32-bit T32 WFI, an
 * A32 WFI and a conditional A32 WFIEQ that passes, and a 16-bit MMIO
 * store inside an IT block (the hypervisor steps the block on when it
 * steps over the store).  Each trapped instruction is stepped over by
 * the hypervisor -- at EL2 (splitvisor's SV_FAST_WFI) or by the host --
 * and the registers the instructions around them change say whether
 * each was stepped over by its own length and the IT block went on as
 * the Arm ARM says.  Runs the same on splitvisor and on the in-kernel KVM.
 *
 * Why the WFIs trap and return: as in vm_fastpath.c, EL1 takes SGI 5
 * (running priority 0) and sends itself SGI 6 (priority 0): pending, so
 * neither hypervisor sleeps, but not preempting 5, so QEMU's CPU has no
 * wake-up event and traps every WFI to EL2.
 *
 * What the lab cannot show, selftests/unit/test_emulate.c tests: a
 * condition that fails makes a trapped instruction a NOP, but TCG does
 * not trap an instruction whose condition fails; and a WFI inside an IT
 * block traps with PSTATE.IT already moved to the next instruction under
 * TCG (QEMU 7.2; both hypervisors then advance it a second time), so the
 * IT block is shown with the MMIO store, which TCG reports as the Arm ARM
 * says.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "../lib/guest_asm.h"
#include "../lib/tap.h"
#include "../lib/vmm.h"

#define GICD		0x08000000ULL
#define GICR		0x080a0000ULL
#define MMIO_OUT	0x10000000ULL
#define ROUNDS		250
#define NR_WFI		(4 * ROUNDS)	/* WFIs EL0 executes */

GUEST_CODE(guest_a32,
	/* EL1, AArch64, MMU off.  The GIC: SGI 5 active, SGI 6 pending behind it. */
	"	movz x21, #0x0800, lsl #16\n mov w0, #0x12\n str w0, [x21]\n"	/* GICD_CTLR */
	"	mov x0, #0xff\n msr " ICC_PMR ", x0\n"
	"	mov x0, #1\n msr " ICC_IGRPEN1 ", x0\n isb\n"
	"	movz x0, #0x0500, lsl #16\n orr x0, x0, #1\n msr " ICC_SGI1R ", x0\n isb\n"
	"	movz x9, #1, lsl #16\n"
	"1:	mrs x8, " ICC_IAR1 "\n cmp x8, #1020\n b.lo 2f\n subs x9, x9, #1\n b.ne 1b\n"
	"2:	movz x0, #0x0600, lsl #16\n orr x0, x0, #1\n msr " ICC_SGI1R ", x0\n isb\n"
	/* EL0's WFI/WFE must not trap to EL1: SCTLR_EL1.nTWI, nTWE. */
	"	mrs x0, sctlr_el1\n orr x0, x0, #(1 << 16)\n orr x0, x0, #(1 << 18)\n"
	"	msr sctlr_el1, x0\n"
	"	mov x0, #0x800\n msr vbar_el1, x0\n"
	/* To 0x1000 in AArch32 User mode, T32, A/I/F masked. */
	"	mov x0, #0x1f0\n msr spsr_el1, x0\n"
	"	mov x0, #0x1000\n msr elr_el1, x0\n"
	"	mov x0, #0\n mov x1, #0\n mov x2, #0\n"
	"	movz x3, #0x1000, lsl #16\n orr x3, x3, #0x40\n"		/* r3: MMIO_OUT + 0x40 */
	"	mov x4, #" STR(ROUNDS) "\n mov x5, #0x1001\n"
	"	isb\n eret\n"
	/* Any other exception at EL1: report ESR_EL1 as a 4-byte write. */
	".org 0x800 + 0x200\n"
	"	mrs x3, esr_el1\n movz x19, #0x1000, lsl #16\n str w3, [x19, #64]\n"
	"3:	b 3b\n"
	/* Synchronous from a lower EL in AArch32: the SVC that ends EL0's run, or not. */
	".org 0x800 + 0x600\n"
	"	mrs x3, esr_el1\n mrs x4, elr_el1\n movz x19, #0x1000, lsl #16\n"
	"	str x0, [x19]\n str x1, [x19, #8]\n str x2, [x19, #16]\n"
	"	str x3, [x19, #24]\n str x4, [x19, #32]\n"
	"4:	b 4b\n"
	/*
	 * EL0, T32 then A32, ROUNDS times (encodings from the Arm ARM, the
	 * assembler is A64-only).  r0-r2 = 0, r3 = MMIO_OUT + 0x40, r4 =
	 * ROUNDS, r5 = 0x1001 (T32 at 0x1000) from EL1.
	 */
	".org 0x1000\n"
	"	.hword 0xbf30\n"		/* 1000 wfi        (16 bits: trapped) */
	"	.hword 0x3001\n"		/* 1002 adds r0, #1 */
	"	.hword 0xbf20\n"		/* 1004 wfe        (16 bits: trapped or not) */
	"	.hword 0x3001\n"		/* 1006 adds r0, #1 */
	"	.hword 0x4280\n"		/* 1008 cmp r0, r0    Z = 1 */
	"	.hword 0xbf0c\n"		/* 100a ite eq */
	"	.hword 0x6018\n"		/* 100c streq r0, [r3]  (passes: MMIO, 16 bits) */
	"	.hword 0x3101\n"		/* 100e addne r1, #1  (fails: r1 stays 0) */
	"	.hword 0x3201\n"		/* 1010 adds r2, #1   after the block */
	"	.hword 0xf3af, 0x8003\n"	/* 1012 wfi.w      (32 bits: trapped) */
	"	.hword 0x3001\n"		/* 1016 adds r0, #1 */
	"	.hword 0x4778\n"		/* 1018 bx pc      -> A32 at 101c */
	"	.hword 0xbf00\n"		/* 101a (not reached) */
	"	.word 0xe320f003\n"		/* 101c wfi        (A32: trapped) */
	"	.word 0xe2800001\n"		/* 1020 add r0, r0, #1 */
	"	.word 0xe1500000\n"		/* 1024 cmp r0, r0    Z = 1 */
	"	.word 0x0320f003\n"		/* 1028 wfieq      (passes: trapped) */
	"	.word 0xe2800001\n"		/* 102c add r0, r0, #1   r0 += 5 a round */
	"	.word 0xe2544001\n"		/* 1030 subs r4, r4, #1 */
	"	.word 0x112fff15\n"		/* 1034 bxne r5    -> T32 at 1000 */
	"	.word 0xef000000\n"		/* 1038 svc #0     -> EL1 */
	"	.word 0xe7f000f0\n");		/* 103c udf (not reached) */

static struct vmm v;
static struct vmm_vcpu c;

static void on_alarm(int sig)
{
}

static int out(unsigned int off, unsigned int len, uint64_t *d)
{
	return vmm_vcpu_run(&c) == 0 && vmm_mmio_is(&c, MMIO_OUT + off, len, 1, d);
}

/* A counter, 0 where this hypervisor has none. */
static uint64_t stat(const char *name)
{
	uint64_t n = vmm_stat(c.fd, name);

	return n == ~0ULL ? 0 : n;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	uint64_t pfr0 = 0, r[5] = { 0 }, st = 0, wfi;
	unsigned int i;
	int gic, ok = 1;

	sigaction(SIGALRM, &sa, NULL);
	if (!sv_ok(vmm_create(&v, 1 << 20) == 0 &&
		   vmm_load(&v, guest_a32_start, guest_a32_end - guest_a32_start, 0) == 0 &&
		   vmm_vcpu_create(&v, &c, 0, 1 << KVM_ARM_VCPU_PSCI_0_2) == 0,
		   "vm_aarch32: a VM with one vCPU"))
		return 1;
	/* ID_AA64PFR0_EL1 (3, 0, 0, 4, 0).EL0: 2 = AArch32 at EL0 too. */
	vmm_get_reg(&c, KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM64_SYSREG |
		    (3ULL << 14) | (4ULL << 3), &pfr0);
	if ((pfr0 & 0xf) != 2) {
		printf("ok - vm_aarch32 # SKIP the CPU has no AArch32 EL0 (ID_AA64PFR0_EL1 %#llx)\n",
		       (unsigned long long)pfr0);
		return 0;
	}
	gic = vmm_vgic_v3(&v, GICD, GICR, 1);
	if (!sv_ok(gic >= 0, "vm_aarch32: a vGICv3"))
		return 1;
	alarm(120);	/* a WFI that blocks: KVM_RUN ends with EINTR */
	for (i = 0; i < ROUNDS && ok; i++)
		ok = out(0x40, 4, &st) && st == 2 + 5 * i;
	sv_ok(ok, "vm_aarch32: %u rounds' 16-bit STREQ in an IT block: MMIO writes of r0, "
	      "2 + 5 n each (%u; the last %llu)", ROUNDS, i, (unsigned long long)st);
	for (i = 0; i < 5 && ok; i++)
		ok = out(i * 8, 8, &r[i]);
	alarm(0);
	if (!sv_ok(ok, "vm_aarch32: EL0 ran to its SVC and EL1 reported (%u of 5 values)", i))
		return 1;
	sv_ok(((r[3] >> 26) & 0x3f) == 0x11 && r[4] == 0x103c,
	      "vm_aarch32: EL0 left by its SVC (ESR_EL1 %#llx, ELR_EL1 %#llx)",
	      (unsigned long long)r[3], (unsigned long long)r[4]);
	sv_ok((uint32_t)r[0] == 5 * ROUNDS,
	      "vm_aarch32: every instruction after a trapped one ran once: 16-bit T32 WFI, WFE "
	      "and STR stepped by 2, WFI.W and A32 WFIs by 4 (r0 = %llu, %u wanted)",
	      (unsigned long long)(uint32_t)r[0], 5 * ROUNDS);
	sv_ok((uint32_t)r[1] == 0 && (uint32_t)r[2] == ROUNDS,
	      "vm_aarch32: ITE EQ around the MMIO store: the else half skipped, the block over "
	      "after it (r1 = %llu, r2 = %llu; 0, %u wanted)",
	      (unsigned long long)(uint32_t)r[1], (unsigned long long)(uint32_t)r[2], ROUNDS);
	/*
	 * TCG traps a WFI unless a wake-up event is pending at it: a host
	 * interrupt arriving in its translation block lets it complete
	 * (allowed).  At least 90 %, or the counts above would not show
	 * the stepping; no WFE traps under TCG.
	 */
	wfi = stat("wfi_exit_stat") + stat("fast_wfi");
	sv_ok(wfi >= NR_WFI - NR_WFI / 10 && wfi <= NR_WFI,
	      "vm_aarch32: the WFIs trapped to the hypervisor (%llu of %u)",
	      (unsigned long long)wfi, NR_WFI);
	close(gic);
	vmm_vcpu_destroy(&c);
	vmm_destroy(&v);
	sv_tap_exit();
}
