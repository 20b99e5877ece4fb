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

#define Z_LDR(n)	"ldr z" #n ", [%0, #" #n ", mul vl]\n"
#define Z_STR(n)	"str z" #n ", [%0, #" #n ", mul vl]\n"
#define P_LDR(n)	"ldr p" #n ", [%0, #" #n ", mul vl]\n"
#define P_STR(n)	"str p" #n ", [%0, #" #n ", mul vl]\n"
#define Z8(OP, a)	OP(a##0) OP(a##1) OP(a##2) OP(a##3) OP(a##4) OP(a##5) OP(a##6) OP(a##7)

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
		     Z_LDR(0) Z_LDR(1) Z_LDR(2) Z_LDR(3) Z_LDR(4) Z_LDR(5) Z_LDR(6) Z_LDR(7)
		     Z_LDR(8) Z_LDR(9) Z_LDR(10) Z_LDR(11) Z_LDR(12) Z_LDR(13) Z_LDR(14) Z_LDR(15)
		     Z_LDR(16) Z_LDR(17) Z_LDR(18) Z_LDR(19) Z_LDR(20) Z_LDR(21) Z_LDR(22) Z_LDR(23)
		     Z_LDR(24) Z_LDR(25) Z_LDR(26) Z_LDR(27) Z_LDR(28) Z_LDR(29) Z_LDR(30) Z_LDR(31)
		     : : "r"(zin) : "memory");
	asm volatile(".arch_extension sve\n"
		     P_LDR(0) P_LDR(1) P_LDR(2) P_LDR(3) P_LDR(4) P_LDR(5) P_LDR(6) P_LDR(7)
		     P_LDR(8) P_LDR(9) P_LDR(10) P_LDR(11) P_LDR(12) P_LDR(13) P_LDR(14) P_LDR(15)
		     : : "r"(pin) : "memory");
	asm volatile("1: subs %0, %0, #1\n b.ne 1b" : "+r"(spin) : : "cc");
	asm volatile(".arch_extension sve\n"
		     P_STR(0) P_STR(1) P_STR(2) P_STR(3) P_STR(4) P_STR(5) P_STR(6) P_STR(7)
		     P_STR(8) P_STR(9) P_STR(10) P_STR(11) P_STR(12) P_STR(13) P_STR(14) P_STR(15)
		     : : "r"(pout) : "memory");
	asm volatile(".arch_extension sve\n"
		     Z_STR(0) Z_STR(1) Z_STR(2) Z_STR(3) Z_STR(4) Z_STR(5) Z_STR(6) Z_STR(7)
		     Z_STR(8) Z_STR(9) Z_STR(10) Z_STR(11) Z_STR(12) Z_STR(13) Z_STR(14) Z_STR(15)
		     Z_STR(16) Z_STR(17) Z_STR(18) Z_STR(19) Z_STR(20) Z_STR(21) Z_STR(22) Z_STR(23)
		     Z_STR(24) Z_STR(25) Z_STR(26) Z_STR(27) Z_STR(28) Z_STR(29) Z_STR(30) Z_STR(31)
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
