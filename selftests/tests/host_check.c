// SPDX-License-Identifier: GPL-2.0
/*
 * host_check SECONDS: the host's own vector state and PMU, checked while
 * guests run beside it (lab-vhe.sh).  For SECONDS it loads all 32 vector
 * registers (SVE Z0..Z31 and P0..P15 where the CPU has SVE, else the
 * FP/SIMD V0..V31) with a pattern that changes every round, spins (and
 * for V, yields the CPU), and reads them back: any difference is state a world switch
 * lost or leaked.  A cycle counter (perf_event_open) runs over the loop
 * and must count.  Prints one "host-check" line; exit 1 on any error.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef HWCAP_SVE
#define HWCAP_SVE	(1 << 22)
#endif

#define MAX_VL		256	/* bytes: SVE's architectural maximum */

static uint8_t zin[32 * MAX_VL] __attribute__((aligned(16)));
static uint8_t zout[32 * MAX_VL] __attribute__((aligned(16)));
static uint8_t pin[16 * MAX_VL / 8], pout[16 * MAX_VL / 8];

/* "OP zN/pN, [%0, #N, mul vl]" for every Z (P) register: one list each. */
#define Z_LDR(n)	"ldr z" #n ", [%0, #" #n ", mul vl]\n"
#define Z_STR(n)	"str z" #n ", [%0, #" #n ", mul vl]\n"
#define P_LDR(n)	"ldr p" #n ", [%0, #" #n ", mul vl]\n"
#define P_STR(n)	"str p" #n ", [%0, #" #n ", mul vl]\n"
#define P16(OP)		OP(0) OP(1) OP(2) OP(3) OP(4) OP(5) OP(6) OP(7)			\
			OP(8) OP(9) OP(10) OP(11) OP(12) OP(13) OP(14) OP(15)
#define Z32(OP)		P16(OP) OP(16) OP(17) OP(18) OP(19) OP(20) OP(21) OP(22) OP(23)	\
			OP(24) OP(25) OP(26) OP(27) OP(28) OP(29) OP(30) OP(31)

static unsigned int sve_vl(void)
{
	uint64_t vl;

	asm volatile(".arch_extension sve\n rdvl %0, #1" : "=r"(vl));
	return vl;
}

/*
 * Load every Z and P register, spin (interrupts and preemption meanwhile),
 * store them back.  No syscall: the ABI lets one discard SVE state.
 */
static void sve_round(unsigned long spin)
{
	asm volatile(".arch_extension sve\n"
		     Z32(Z_LDR)
		     : : "r"(zin) : "memory");
	asm volatile(".arch_extension sve\n"
		     P16(P_LDR)
		     : : "r"(pin) : "memory");
	asm volatile("1: subs %0, %0, #1\n b.ne 1b" : "+r"(spin) : : "cc");
	asm volatile(".arch_extension sve\n"
		     P16(P_STR)
		     : : "r"(pout) : "memory");
	asm volatile(".arch_extension sve\n"
		     Z32(Z_STR)
		     : : "r"(zout) : "memory");
}

#define V_LDP(a, b, o)	"ldp q" #a ", q" #b ", [%0, #" #o "]\n"
#define V_STP(a, b, o)	"stp q" #a ", q" #b ", [%0, #" #o "]\n"

/* The same for V0..V31, with a syscall (sched_yield) too: it keeps them. */
static void neon_round(unsigned long spin)
{
	asm volatile(V_LDP(0, 1, 0) V_LDP(2, 3, 32) V_LDP(4, 5, 64) V_LDP(6, 7, 96)
		     V_LDP(8, 9, 128) V_LDP(10, 11, 160) V_LDP(12, 13, 192) V_LDP(14, 15, 224)
		     V_LDP(16, 17, 256) V_LDP(18, 19, 288) V_LDP(20, 21, 320) V_LDP(22, 23, 352)
		     V_LDP(24, 25, 384) V_LDP(26, 27, 416) V_LDP(28, 29, 448) V_LDP(30, 31, 480)
		     : : "r"(zin) : "memory");
	/* A raw syscall: no libc code that might use vector registers. */
	asm volatile("mov x8, %0\n svc #0" : : "i"(SYS_sched_yield) : "x0", "x8", "memory");
	asm volatile("1: subs %0, %0, #1\n b.ne 1b" : "+r"(spin) : : "cc");
	asm volatile(V_STP(0, 1, 0) V_STP(2, 3, 32) V_STP(4, 5, 64) V_STP(6, 7, 96)
		     V_STP(8, 9, 128) V_STP(10, 11, 160) V_STP(12, 13, 192) V_STP(14, 15, 224)
		     V_STP(16, 17, 256) V_STP(18, 19, 288) V_STP(20, 21, 320) V_STP(22, 23, 352)
		     V_STP(24, 25, 384) V_STP(26, 27, 416) V_STP(28, 29, 448) V_STP(30, 31, 480)
		     : : "r"(zout) : "memory");
}

static int cycles_fd(void)
{
	struct perf_event_attr a;

	memset(&a, 0, sizeof(a));
	a.type = PERF_TYPE_HARDWARE;
	a.size = sizeof(a);
	a.config = PERF_COUNT_HW_CPU_CYCLES;
	a.exclude_kernel = 1;
	a.exclude_hv = 1;
	return syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
}

int main(int argc, char **argv)
{
	int secs = argc > 1 ? atoi(argv[1]) : 10, sve = !!(getauxval(AT_HWCAP) & HWCAP_SVE);
	unsigned int vl = sve ? sve_vl() : 16, zbytes = 32 * vl, pbytes = 16 * vl / 8, i;
	unsigned long rounds = 0, bad = 0;
	uint64_t seed = 0x9e3779b97f4a7c15ULL, cycles = 0;
	struct timespec t0, t;
	int fd = cycles_fd();

	if (vl > MAX_VL) {
		printf("host-check: vector length %u bytes is beyond SVE's maximum\n", vl);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		for (i = 0; i < zbytes; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			zin[i] = seed >> 56;
		}
		for (i = 0; i < pbytes; i++)
			pin[i] = zin[i] ^ 0x5a;
		memset(zout, 0, zbytes);
		memset(pout, 0, pbytes);
		if (sve)
			sve_round(200000);
		else
			neon_round(200000);
		if (memcmp(zin, zout, zbytes) || (sve && memcmp(pin, pout, pbytes)))
			bad++;
		rounds++;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while (t.tv_sec - t0.tv_sec < secs);
	if (fd >= 0 && read(fd, &cycles, sizeof(cycles)) != sizeof(cycles))
		cycles = 0;
	printf("host-check: %s vl=%u bytes, %lu rounds, %lu with vector state lost; perf cycles %s %llu\n",
	       sve ? "SVE Z0-Z31/P0-P15" : "FP/SIMD V0-V31", vl, rounds, bad,
	       fd >= 0 ? "counted" : "unavailable", (unsigned long long)cycles);
	return bad || !rounds || fd < 0 || !cycles;
}
