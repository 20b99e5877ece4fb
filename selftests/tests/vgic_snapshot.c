// SPDX-License-Identifier: GPL-2.0
/*
 * Distributor reads while the registers change: vCPU 0 reads ISENABLER,
 * IPRIORITYR and IROUTER in a loop (splitvisor answers these at EL2 from
 * its snapshot) and logs every value; meanwhile vCPU 1, on the other CPU,
 * writes one set of them, and between rounds userspace writes another set
 * through KVM_DEV_ARM_VGIC_GRP_DIST_REGS (which needs every vCPU out of
 * KVM_RUN).  Every value read must be one that was written:
 *
 *   vCPU 1's set   SPIs 32..63 enables step through "the n lowest bits set"
 *                  (ISENABLER1 sets the next bit, then ICENABLER1 clears
 *                  from the top), IROUTER<32> gets one value in Aff0..Aff2,
 *                  so any value is a low mask / three equal bytes;
 *                  IPRIORITYR8's byte i is 0x40 * i + 8 * j for step j,
 *                  so each byte says which one it is and every byte of a
 *                  word has the same j -- on splitvisor, which writes a
 *                  register word whole; upstream KVM writes it byte by byte
 *                  under per-IRQ locks, so there only each byte must be one
 *                  that was written;
 *   userspace set  ISENABLER2, IPRIORITYR16 and IROUTER<64> change only
 *                  while no vCPU runs: every read in a round is exactly the
 *                  value written before it.
 *
 * After the writers stop, the reader sees their last values.  On
 * splitvisor vCPU 0's fast_gicd_read must be > 0, or 0 with the argument
 * "nofast" (the module loaded with fastpath=0); the in-kernel KVM has no
 * such counter and passes the rest.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../lib/tap.h"
#include "../lib/vmm.h"

#define GICD		0x08000000ULL
#define GICR		0x080a0000ULL
#define REPORT		0x10000000ULL
#define LOG		0x20000		/* vCPU 0's log in guest RAM */
#define BATCH		256		/* reads of all six per report */
#define STEPS		501		/* vCPU 1's writes of its three per report */
#define ROUNDS		12

/* The six registers the reader logs, in its log's order. */
enum { ENA1, PRI1, RT1, ENA2, PRI2, RT2, NREG };
static const char *const reg_name[NREG] = {
	"ISENABLER1", "IPRIORITYR8", "IROUTER<32>", "ISENABLER2", "IPRIORITYR16", "IROUTER<64>",
};

GUEST_CODE(guest_snap,
	/* vCPU 0 at 0: BATCH x six reads into the log, report, again. */
	"	movz	x20, #0x0800, lsl #16\n"	/* GICD */
	"	mov	x21, #0x6000\n add x21, x20, x21\n"
	"	movz	x9, #0x1000, lsl #16\n"
	"0:	movz	x1, #0x2, lsl #16\n"		/* LOG */
	"	mov	x2, #256\n"			/* BATCH */
	"1:	ldr	w3, [x20, #0x104]\n"
	"	ldr	w4, [x20, #0x420]\n"
	"	ldr	x5, [x21, #0x100]\n"
	"	ldr	w6, [x20, #0x108]\n"
	"	ldr	w7, [x20, #0x440]\n"
	"	ldr	x8, [x21, #0x200]\n"
	"	stp	x3, x4, [x1], #16\n stp x5, x6, [x1], #16\n stp x7, x8, [x1], #16\n"
	"	subs	x2, x2, #1\n b.ne 1b\n"
	"	str	x2, [x9]\n"
	"	b	0b\n"
	".balign 1024\n"
	/* vCPU 1 at 0x400: step n (x10, kept across reports) writes its three. */
	"	movz	x20, #0x0800, lsl #16\n"
	"	mov	x21, #0x6000\n add x21, x20, x21\n"
	"	movz	x9, #0x1000, lsl #16\n"
	"	mov	x10, #0\n"
	"	movz	w6, #0x4000\n movk w6, #0xc080, lsl #16\n"	/* 0x40 * byte */
	"2:	mov	x2, #501\n"			/* STEPS */
	"3:	and	w3, w10, #7\n lsl w3, w3, #3\n"
	"	mov	w4, #0x01010101\n mul w3, w3, w4\n orr w3, w3, w6\n"
	"	str	w3, [x20, #0x420]\n"		/* IPRIORITYR8: 0x40 * i + 8 * (n & 7) */
	"	and	w3, w10, #0xff\n"
	"	movz	w4, #0x0101\n movk w4, #0x1, lsl #16\n mul w3, w3, w4\n"
	"	str	w3, [x21, #0x100]\n"		/* IROUTER<32>: n & 0xff, x3 */
	"	and	w3, w10, #63\n mov w4, #1\n"
	"	cmp	w3, #32\n b.ge 4f\n"
	"	lsl	w4, w4, w3\n str w4, [x20, #0x104]\n"	/* set bit n % 64 */
	"	b	5f\n"
	"4:	mov	w5, #63\n sub w5, w5, w3\n"
	"	lsl	w4, w4, w5\n str w4, [x20, #0x184]\n"	/* clear bit 63 - n % 64 */
	"5:	add	x10, x10, #1\n"
	"	subs	x2, x2, #1\n b.ne 3b\n"
	"	str	x10, [x9, #8]\n"
	"	b	2b\n");

static struct vmm v;
static struct vmm_vcpu c0, c1;
static int gic;
static volatile int writer_done;
static int whole_words;		/* splitvisor: a priority word changes whole */

/* vCPU 1's values after n steps (its step n - 1 the last one). */
static uint64_t steps_ena(uint64_t n)
{
	unsigned int s = n % 64, bits = s <= 32 ? s : 64 - s;

	return bits == 32 ? 0xffffffffULL : (1ULL << bits) - 1;
}

static uint64_t steps_pri(uint64_t n)
{
	return 0xc0804000ULL | ((n - 1) & 7) * 0x08080808ULL;
}

static uint64_t steps_rt(uint64_t n)
{
	return ((n - 1) & 0xff) * 0x010101ULL;
}

/* Userspace's values for round r. */
static uint32_t user_val(int r, int which)
{
	uint32_t x = (uint32_t)(r + 1) * 0x9e3779b9U + which * 0x7f4a7c15U;

	switch (which) {
	case ENA2:
		return x;
	case PRI2:
		return x & 0xf8f8f8f8;
	default:
		return x & 0xffffff;
	}
}

/*
 * IPRIORITYR8 as vCPU 1 writes it: byte i is 0x40 * i + 8 * j, all with
 * one j if words change whole, else (upstream, byte by byte) a byte may
 * also still be reset's 0.
 */
static int writer_pri(uint64_t x)
{
	unsigned int i, b, j = (x >> 3) & 7;

	if (!x)
		return 1;
	if (x > 0xffffffffULL)
		return 0;
	for (i = 0; i < 4; i++) {
		b = (x >> (8 * i)) & 0xff;
		if (!b && !whole_words)
			continue;
		if ((b & 7) || b >> 6 != i || (whole_words && ((b >> 3) & 7) != j))
			return 0;
	}
	return 1;
}

/* A value vCPU 1 may have written (or the reset value). */
static int writer_value(int reg, uint64_t x)
{
	switch (reg) {
	case ENA1:
		return x <= 0xffffffffULL && !(x & (x + 1));
	case PRI1:
		return writer_pri(x);
	default:
		return x == (x & 0xff) * 0x010101ULL;
	}
}

static int dist_reg(int set, uint32_t off, uint32_t *val)
{
	struct kvm_device_attr a = {
		.group = KVM_DEV_ARM_VGIC_GRP_DIST_REGS, .attr = off,
		.addr = (uint64_t)(unsigned long)val,
	};

	return ioctl(gic, set ? KVM_SET_DEVICE_ATTR : KVM_GET_DEVICE_ATTR, &a);
}

/* Userspace's set for round r: ICENABLER then ISENABLER gives exactly the value. */
static int user_write(int r)
{
	uint32_t all = ~0U, e = user_val(r, ENA2), p = user_val(r, PRI2), t = user_val(r, RT2);
	uint32_t back[3];

	if (dist_reg(1, 0x188, &all) || dist_reg(1, 0x108, &e) || dist_reg(1, 0x440, &p) ||
	    dist_reg(1, 0x6200, &t))
		return -1;
	if (dist_reg(0, 0x108, &back[0]) || dist_reg(0, 0x440, &back[1]) ||
	    dist_reg(0, 0x6200, &back[2]))
		return -1;
	return back[0] == e && back[1] == p && back[2] == t ? 0 : -1;
}

/*
 * One batch of vCPU 0: its log against the rules; userspace's set must
 * be round r's exactly, vCPU 1's exactly `final` (if not NULL) or any
 * value it may write.  Returns the number of bad reads (prints a few).
 */
static int reader_batch(int r, const uint64_t *final)
{
	const uint64_t *log = (const uint64_t *)((char *)v.mem + LOG);
	int i, k, bad = 0;
	uint64_t report;

	if (vmm_vcpu_run(&c0) || !vmm_mmio_is(&c0, REPORT, 8, 1, &report))
		return -1;
	for (i = 0; i < BATCH; i++) {
		for (k = 0; k < NREG; k++) {
			uint64_t x = log[i * NREG + k];
			int good = k >= ENA2 ? x == user_val(r, k) :
				   final ? x == final[k] : writer_value(k, x);

			if (!good && bad++ < 4)
				printf("#   round %d read %d: %s = %#llx\n", r, i, reg_name[k],
				       (unsigned long long)x);
		}
	}
	return bad;
}

static void *writer_thread(void *arg)
{
	uint64_t steps;

	vmm_pin(1);
	if (vmm_vcpu_run(&c1) || !vmm_mmio_is(&c1, REPORT + 8, 8, 1, &steps))
		writer_done = -1;
	else
		writer_done = 1;
	return NULL;
}

/* Rounds of vCPU 1 writing while vCPU 0 reads, userspace writing between them. */
static int run_rounds(int *batches)
{
	int r, bad = 0, b;
	pthread_t t;

	for (r = 0; r < ROUNDS; r++) {
		if (user_write(r))
			return -1;
		writer_done = 0;
		pthread_create(&t, NULL, writer_thread, NULL);
		do {
			b = reader_batch(r, NULL);
			if (b < 0)
				return -1;
			bad += b;
			++*batches;
		} while (!writer_done);
		pthread_join(t, NULL);
		if (writer_done < 0)
			return -1;
	}
	return bad;
}

int main(int argc, char **argv)
{
	int nofast = argc > 1 && !strcmp(argv[1], "nofast"), batches = 0, bad;
	uint64_t final[NREG], n = (uint64_t)ROUNDS * STEPS, fast;
	uint32_t u[3];

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2) {
		sv_skip("vgic snapshot: needs 2 CPUs");
		return 0;
	}
	if (vmm_create(&v, 1 << 20) ||
	    vmm_load(&v, guest_snap_start, guest_snap_end - guest_snap_start, 0) ||
	    vmm_vcpu_create(&v, &c0, 0, 0) || vmm_vcpu_create(&v, &c1, 1, 0) ||
	    vmm_set_reg(&c1, VMM_CORE_REG(regs.pc), 0x400))
		return 1;
	gic = vmm_vgic_v3(&v, GICD, GICR, 2);
	if (!sv_ok(gic >= 0, "vgic snapshot: vGICv3 created for 2 vCPUs"))
		return 1;
	vmm_pin(0);
	whole_words = vmm_stat(c0.fd, "fast_gicd_read") != ~0ULL;
	if (!whole_words)
		printf("# not splitvisor: IPRIORITYR8's bytes checked one by one\n");

	bad = run_rounds(&batches);
	sv_ok(bad == 0, "vgic snapshot: %d rounds, %d reader batches of %d x 6 reads while vCPU 1 "
	      "and userspace wrote: every value read was written", ROUNDS, batches, BATCH);

	/* The writers stopped: their last values, and nothing else, from now on. */
	final[ENA1] = steps_ena(n);
	final[PRI1] = steps_pri(n);
	final[RT1] = steps_rt(n);
	sv_ok(user_write(ROUNDS) == 0 && reader_batch(ROUNDS, final) == 0,
	      "vgic snapshot: after the writers stop every read sees their last values "
	      "(%#llx %#llx %#llx)", (unsigned long long)final[ENA1],
	      (unsigned long long)final[PRI1], (unsigned long long)final[RT1]);
	sv_ok(!dist_reg(0, 0x104, &u[0]) && !dist_reg(0, 0x420, &u[1]) &&
	      !dist_reg(0, 0x6100, &u[2]) && u[0] == final[ENA1] && u[1] == final[PRI1] &&
	      u[2] == final[RT1], "vgic snapshot: userspace reads the same through DIST_REGS");

	fast = vmm_stat(c0.fd, "fast_gicd_read");
	if (fast == ~0ULL)
		sv_skip("vgic snapshot: no fast_gicd_read counter (not splitvisor)");
	else if (nofast)
		sv_ok(fast == 0, "vgic snapshot: fastpath=0: no read served at EL2 (%llu)",
		      (unsigned long long)fast);
	else
		sv_ok(fast > 0, "vgic snapshot: %llu reads served at EL2 (fast_gicd_read), "
		      "mmio_exit_kernel %llu", (unsigned long long)fast,
		      (unsigned long long)vmm_stat(c0.fd, "mmio_exit_kernel"));
	close(gic);
	vmm_vcpu_destroy(&c1);
	vmm_vcpu_destroy(&c0);
	vmm_destroy(&v);
	sv_tap_exit();
}
