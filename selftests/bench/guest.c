// SPDX-License-Identifier: GPL-2.0
/*
 * Guest code of the benchmarks: freestanding arm64 at EL1, MMU off, loaded
 * at GPA 0 of each benchmark VM (layout in bench.h).  At entry the VMM has
 * set x20 = iterations, x26 = the sample buffer (one u64 per operation)
 * and, for vmswitch, x27 = the VM's role.  Each blob ends with PSCI
 * SYSTEM_OFF.  Every spin-wait loop executes YIELD: a no-op on hardware,
 * in QEMU's single-threaded round-robin (-icount) it hands the emulated
 * machine to the next CPU at once instead of at the end of a time slice
 * (Documentation/benchmarks.rst).  Register use: x19 MMIO page, x25 GICD, x21 loop counter,
 * x22/x23 timestamps (x24 the hypercall loop's start), x0-x3 are clobbered by HVCs (SMCCC results).
 */
#include "bench.h"
#include "guest_asm.h"

/* MMIO page, distributor (ARE, EnableGrp1), this CPU interface on. */
#define G_SETUP								\
	"movz	x19, #0x1000, lsl #16\n"				\
	"movz	x25, #0x0800, lsl #16\n"				\
	"mov	w3, #0x12\n str w3, [x25]\n"				\
	G_CPU_IF_ON							\
	"mov	x21, x20\n"
#define G_CPU_IF_ON							\
	"mov	x3, #0xff\n msr " ICC_PMR ", x3\n"			\
	"mov	x3, #1\n msr " ICC_IGRPEN1 ", x3\n isb\n"
#define G_OFF								\
	"movz	x0, #0x0008\n movk x0, #0x8400, lsl #16\n hvc #0\n"	\
	"99:	b 99b\n"
/*
 * The counter ticks every 16 instructions under -icount (CNTFRQ 62.5 MHz),
 * and a loop of fixed length would read it at the same phase every time:
 * a systematic error of up to 15 instructions per operation, all of it for
 * virq.  DITHER runs 0-15 NOPs (iteration number mod 16) first, so the
 * phases cycle and the mean of the samples is exact.
 */
#define DITHER	"and x6, x21, #15\n adr x7, 96f\n sub x7, x7, x6, lsl #2\n br x7\n"	\
		".rept 15\n nop\n .endr\n 96:\n"
/* Time one operation: x22 before, x23 after, the difference to *x26++. */
#define T_BEGIN	"isb\n mrs x22, cntvct_el0\n isb\n"
#define T_END	"isb\n mrs x23, cntvct_el0\n sub x5, x23, x22\n str x5, [x26], #8\n"
#define LOOP(l)	"subs x21, x21, #1\n b.ne " #l "b\n"
/* A fixed amount of guest work: n iterations of a 2-instruction loop. */
#define DELAY(n) "mov x6, #" STR(n) "\n 97: subs x6, x6, #1\n b.ne 97b\n"

/*
 * The whole loop's time too, for the Table III split (run-bench.sh
 * report3): x24 at its start, the difference to the shared word 0x3020.
 * Less the samples, it is what the guest runs outside the timed window.
 */
#define L_BEGIN	"isb\n mrs x24, cntvct_el0\n"
#define L_END	"isb\n mrs x5, cntvct_el0\n sub x5, x5, x24\n mov x9, #0x3000\n str x5, [x9, #0x20]\n"

/* A null HVC: an SMCCC function nobody implements (NOT_SUPPORTED). */
GUEST_CODE(g_hypercall,
	G_SETUP L_BEGIN
	"1:" DITHER T_BEGIN
	"movz x0, #0xff10\n movk x0, #0x8600, lsl #16\n hvc #0\n"
	T_END LOOP(1)
	L_END G_OFF);

/* A read of the MMIO page: exit to the VMM, which answers 0. */
GUEST_CODE(g_mmio_user,
	G_SETUP
	"1:" DITHER T_BEGIN "ldr w2, [x19]\n" T_END LOOP(1)
	G_OFF);

/* ID_AA64MMFR0_EL1 traps (HCR_EL2.TID3) and is emulated in the kernel. */
GUEST_CODE(g_sysreg,
	G_SETUP
	"1:" DITHER T_BEGIN "mrs x2, id_aa64mmfr0_el1\n" T_END LOOP(1)
	G_OFF);

/* GICD_TYPER: a distributor register emulated in the kernel. */
GUEST_CODE(g_gic_trap,
	G_SETUP
	"1:" DITHER T_BEGIN "ldr w2, [x25, #4]\n" T_END LOOP(1)
	G_OFF);

/*
 * SGI 1 to ourselves with IRQs masked (its trap is not timed), then
 * acknowledge + EOI it from the list register: only those two are timed.
 * An INTID other than 1 is reported to BENCH_ERR.
 */
GUEST_CODE(g_virq,
	G_SETUP
	"1:	mov x3, #1\n orr x3, x3, #(1 << 24)\n msr " ICC_SGI1R ", x3\n isb\n"
	DITHER T_BEGIN
	"mrs x4, " ICC_IAR1 "\n msr " ICC_EOIR1 ", x4\n"
	T_END
	"cmp x4, #1\n b.eq 2f\n str x4, [x19, #0x110]\n"
	"2:" LOOP(1)
	G_OFF);

/*
 * Virtual IPI, both vCPUs running guest code on their own CPU.  vCPU 0
 * sends SGI 2 to vCPU 1 (timed from before the SGI write); vCPU 1's
 * handler reads the counter first thing (same VM, same counter) and
 * answers with SGI 3, whose handler on vCPU 0 counts it; vCPU 0 waits for
 * that answer before the next round.  The answer is not timed: it makes
 * each round end with an IPI, so neither side waits by spinning out a
 * scheduling slice (QEMU's round-robin under -icount, see benchmarks.rst).
 * Shared: 0x3008 vCPU 1 ready, 0x3010 answers seen by vCPU 0, 0x3018 the
 * counter at vCPU 1's handler.
 */
GUEST_CODE(g_vipi,
	G_SETUP
	"mov	x3, #0x800\n msr vbar_el1, x3\n isb\n msr daifclr, #2\n"
	"mov	x10, #0x3000\n"
	"1:	yield\n ldr x11, [x10, #8]\n cbz x11, 1b\n"
	"movz	x3, #0x0200, lsl #16\n orr x3, x3, #2\n"	/* SGI 2, Aff0 = 1 */
	"2:	ldr x11, [x10, #16]\n"
	T_BEGIN
	"msr	" ICC_SGI1R ", x3\n"
	"3:	yield\n ldr x12, [x10, #16]\n cmp x12, x11\n b.eq 3b\n"
	"ldr	x23, [x10, #24]\n sub x5, x23, x22\n str x5, [x26], #8\n"
	LOOP(2)
	G_OFF
	/* vCPU 0: IRQ from EL1h */
	".org 0xa80\n"
	"	mrs x9, " ICC_IAR1 "\n"
	"	mov x14, #0x3000\n ldr x13, [x14, #16]\n add x13, x13, #1\n str x13, [x14, #16]\n"
	"	msr " ICC_EOIR1 ", x9\n"
	"	eret\n"
	/* vCPU 1: IRQ from EL1h */
	".org 0x1280\n"
	"	isb\n mrs x8, cntvct_el0\n"
	"	mov x14, #0x3000\n str x8, [x14, #24]\n"
	"	mrs x9, " ICC_IAR1 "\n msr " ICC_EOIR1 ", x9\n"
	"	dsb ish\n"
	"	movz x15, #0x0300, lsl #16\n orr x15, x15, #1\n msr " ICC_SGI1R ", x15\n"
	"	eret\n"
	".org 0x1800\n"
	"	mov x3, #0x1000\n msr vbar_el1, x3\n"
	G_CPU_IF_ON
	"	msr daifclr, #2\n"
	"	mov x10, #0x3000\n mov x11, #1\n str x11, [x10, #8]\n"
	"10:	yield\n b 10b\n");

/*
 * VM switch: two such VMs, one vCPU each, both vCPU threads on one CPU.
 * Each round a VM (1) notes the counter when it runs again, (2) does a
 * fixed amount of work, during which the other VM's timer fires and makes
 * it runnable, (3) arms its own virtual timer half as far ahead as that
 * work took (long enough for the WFI to block first, short enough to fire
 * during the other VM's work, with or without -icount), notes the counter
 * and (4) WFIs: it blocks, and the host switches to the other VM.  VM B (x27 = 1) publishes how long it ran (counter at (3)
 * minus counter at (1)) in the shared page; VM A (x27 = 0) records its
 * gap (1) - (3) of the previous round minus B's run: two VM switches,
 * A -> B and B -> A (each VM's own counter, so their offsets cancel).
 * B also counts its rounds (XPAGE + 8); a round of A in which B did not
 * run exactly once is not a clean pair of switches: A counts it in
 * XPAGE + 16 instead of recording it, and does not record the round after
 * it either (B's published run may span it); gives up after 4n + 1024
 * rounds.  (Under -icount ~30 such rounds happen while VM B starts up;
 * without it, in the smoke test, most rounds are unclean: real-time
 * deadlines in an emulated machine sharing its host are not kept.)
 * The timer's PPI 27 is enabled but IRQs stay masked: WFI wakes on it,
 * the guest acknowledges it without taking it.
 */
#define VMSWITCH_WORK	65536	/* 131k instructions, ~8k ticks under icount */
GUEST_CODE(g_vmswitch,
	G_SETUP
	"movz	x6, #0x080b, lsl #16\n"				/* GICR SGI frame */
	"mov	w7, #(1 << 27)\n str w7, [x6, #0x100]\n"	/* ISENABLER0: PPI 27 */
	"msr	cntv_ctl_el0, xzr\n isb\n"
	"movz	x10, #0x20, lsl #16\n"				/* BENCH_XPAGE */
	"mov	x23, #0\n mov x24, #0\n mov x29, #0\n"
	"lsl	x28, x20, #2\n add x28, x28, #1024\n"		/* A: at most 4n + 1024 rounds */
	"1:	isb\n mrs x22, cntvct_el0\n isb\n"		/* (1) */
	"msr	cntv_ctl_el0, xzr\n isb\n"
	"mrs	x9, " ICC_IAR1 "\n cmp x9, #1020\n b.hs 2f\n msr " ICC_EOIR1 ", x9\n"
	"2:	cbnz x27, 4f\n"
	"subs	x28, x28, #1\n b.eq 9f\n"
	"ldr	x11, [x10, #8]\n sub x12, x11, x24\n cmp x12, #1\n b.ne 3f\n cbz x23, 3f\n"
	"cbz	x29, 8f\n"
	"ldr	x5, [x10]\n sub x6, x22, x23\n sub x6, x6, x5\n str x6, [x26], #8\n"
	"subs	x21, x21, #1\n b.eq 9f\n"
	"8:	mov x29, #1\n b 4f\n"
	"3:	ldr x12, [x10, #16]\n add x12, x12, #1\n str x12, [x10, #16]\n mov x29, #0\n"
	"4:	mrs x8, cntvct_el0\n"
	DELAY(VMSWITCH_WORK)						/* (2) */
	"mrs	x7, cntvct_el0\n sub x9, x7, x8\n add x7, x7, x9, lsr #1\n"
	"msr	cntv_cval_el0, x7\n mov x7, #1\n msr cntv_ctl_el0, x7\n"
	"isb\n	mrs x23, cntvct_el0\n"				/* (3) */
	"cbz	x27, 5f\n"
	"sub	x5, x23, x22\n str x5, [x10]\n"
	"ldr	x11, [x10, #8]\n add x11, x11, #1\n str x11, [x10, #8]\n b 6f\n"
	"5:	ldr x24, [x10, #8]\n"
	"6:	wfi\n b 1b\n"					/* (4) */
	"9:"	G_OFF);

/*
 * I/O latency out: the guest notes the physical counter and writes the
 * doorbell (BENCH_IOEVENT, an ioeventfd); the VMM's thread blocked in
 * read() on the eventfd notes its own counter when woken.  The VMM's
 * thread stores k + 1 in 0x3000 when it goes to wait for write k (1
 * before the first), and the guest waits for it, plus a little work,
 * before write k.
 */
#define IO_GAP	16384
GUEST_CODE(g_io_out,
	G_SETUP
	"mov	x10, #0x3000\n mov x13, #0\n"
	"1:	yield\n ldr x11, [x10]\n sub x11, x11, #1\n cmp x11, x13\n b.ne 1b\n"
	DELAY(IO_GAP)
	"isb\n	mrs x22, cntpct_el0\n"
	".global g_io_out_t0\n g_io_out_t0:\n"	/* window.sh's start */
	"isb\n str x22, [x26], #8\n"
	"str	w13, [x19, #0x200]\n"
	"add	x13, x13, #1\n"
	LOOP(1)
	"2:	yield\n ldr x11, [x10]\n sub x11, x11, #1\n cmp x11, x13\n b.ne 2b\n"
	G_OFF);

/*
 * I/O latency in: SPI 32 (edge, group 1, to vCPU 0) comes from an irqfd
 * the VMM's thread writes after noting its counter.  The guest says it is
 * ready for round k by storing k + 1 in 0x3000 and waits in WFI with IRQs
 * unmasked; the handler notes the physical counter first thing, then
 * acknowledges and counts in 0x3008.
 */
GUEST_CODE(g_io_in,
	G_SETUP
	"mov	w7, #1\n str w7, [x25, #0x84]\n"		/* IGROUPR1: group 1 */
	"mov	w7, #2\n str w7, [x25, #0xc08]\n"		/* ICFGR2: edge */
	"mov	x6, #0x6100\n str xzr, [x25, x6]\n"		/* IROUTER32: Aff 0 */
	"mov	w7, #1\n str w7, [x25, #0x104]\n"		/* ISENABLER1 */
	"mov	x3, #0x800\n msr vbar_el1, x3\n isb\n"
	"mov	x10, #0x3000\n mov x13, #0\n"
	"msr	daifclr, #2\n"
	"1:	add x12, x13, #1\n str x12, [x10]\n"
	"2:	wfi\n ldr x12, [x10, #8]\n cmp x12, x13\n b.eq 2b\n"
	"add	x13, x13, #1\n"
	LOOP(1)
	G_OFF
	".org 0xa80\n"
	"	isb\n mrs x8, cntpct_el0\n"
	"	mrs x9, " ICC_IAR1 "\n cmp x9, #1020\n b.hs 3f\n"
	"	str x8, [x26], #8\n msr " ICC_EOIR1 ", x9\n"
	"	mov x14, #0x3000\n ldr x15, [x14, #8]\n add x15, x15, #1\n str x15, [x14, #8]\n"
	"3:	eret\n");
