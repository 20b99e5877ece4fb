// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_IOEVENTFD: guest MMIO writes that match an ioeventfd signal its
 * eventfd without KVM_RUN returning; everything else (other values,
 * other lengths, reads, deassigned ones) exits to userspace as
 * KVM_EXIT_MMIO.  The errnos of assign/deassign, capabilities, the
 * mmio_exit_kernel/mmio_exit_user stats, assign/deassign racing with a
 * running vCPU, and VM destroy with ioeventfds left assigned.  Runs the
 * same on splitvisor and the in-kernel KVM.
 * Usage: vm_ioeventfd [cycles N]  ("cycles": only N VMs with 1000
 * ioeventfds each, created and closed, for the lab's leak check).
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "../lib/tap.h"
#include "../lib/vmm.h"

#define MMIO	0x10000000ULL		/* nothing is mapped from here up */
#define DONE	(MMIO + 0xff0)		/* phase marker: always exits */
#define OPS	0x1000ULL		/* the guest's op table in RAM */
#define MAX_OPS	((0x100000 - OPS) / sizeof(struct op))

/*
 * The guest runs an op table the host fills: store `val` to `addr` with
 * `size` bytes (1/2/4/8), or an 8-byte load for any other size, `rep`
 * times (0 = once).  A phase ends with a store to DONE, which exits.
 */
struct op {
	uint64_t addr, val;
	uint32_t size, rep;
};

GUEST_CODE(guest_ops,
	"movz	x9, #0x1000\n"			/* OPS */
	"1:	ldr	x1, [x9]\n"
	"	ldr	x2, [x9, #8]\n"
	"	ldr	w3, [x9, #16]\n"
	"	ldr	w4, [x9, #20]\n"
	"	add	x9, x9, #24\n"
	"	cbnz	w4, 2f\n"
	"	mov	w4, #1\n"
	"2:	cmp	w3, #1\n"
	"	b.ne	3f\n"
	"	strb	w2, [x1]\n"
	"	b	8f\n"
	"3:	cmp	w3, #2\n"
	"	b.ne	4f\n"
	"	strh	w2, [x1]\n"
	"	b	8f\n"
	"4:	cmp	w3, #4\n"
	"	b.ne	5f\n"
	"	str	w2, [x1]\n"
	"	b	8f\n"
	"5:	cmp	w3, #8\n"
	"	b.ne	6f\n"
	"	str	x2, [x1]\n"
	"	b	8f\n"
	"6:	ldr	x5, [x1]\n"
	"8:	subs	w4, w4, #1\n"
	"	b.ne	2b\n"
	"	b	1b\n");

static struct vmm v;
static struct vmm_vcpu c;
static struct op *ops;
static unsigned int nops;
static unsigned int runs;	/* KVM_RUN calls that returned */

static void op(uint64_t addr, uint64_t val, uint32_t size, uint32_t rep)
{
	if (nops < MAX_OPS)
		ops[nops++] = (struct op){ addr, val, size, rep };
}

static int efd(void)
{
	return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

/* The eventfd's count, consumed (0 if it was not signalled). */
static uint64_t efd_count(int fd)
{
	uint64_t n = 0;

	if (read(fd, &n, sizeof(n)) != sizeof(n))
		return 0;
	return n;
}

static int ioev(int vm, uint64_t addr, uint32_t len, int fd, uint32_t flags,
		uint64_t datamatch)
{
	struct kvm_ioeventfd a = {
		.datamatch = datamatch, .addr = addr, .len = len, .fd = fd, .flags = flags,
	};

	return ioctl(vm, KVM_IOEVENTFD, &a);
}

#define ASSIGN(addr, len, fd)	ioev(v.vm, addr, len, fd, 0, 0)
#define ASSIGN_DM(addr, len, fd, dm) \
	ioev(v.vm, addr, len, fd, KVM_IOEVENTFD_FLAG_DATAMATCH, dm)
#define DEASSIGN(addr, len, fd)	ioev(v.vm, addr, len, fd, KVM_IOEVENTFD_FLAG_DEASSIGN, 0)
#define DEASSIGN_DM(addr, len, fd, dm) \
	ioev(v.vm, addr, len, fd, KVM_IOEVENTFD_FLAG_DEASSIGN | KVM_IOEVENTFD_FLAG_DATAMATCH, dm)

/*
 * Run until an exit; it must be an MMIO access at addr of len bytes.
 * Writes: *data gets the value; reads: *data is supplied.
 */
static int expect_mmio(uint64_t addr, unsigned int len, int is_write, uint64_t *data)
{
	if (vmm_vcpu_run(&c)) {
		printf("#   KVM_RUN: %s\n", strerror(errno));
		return 0;
	}
	runs++;
	return vmm_mmio_is(&c, addr, len, is_write, data);
}

/* Append the phase marker and run: the first exit must be it. */
static int run_phase(uint64_t marker)
{
	uint64_t d;

	op(DONE, marker, 8, 0);
	return expect_mmio(DONE, 8, 1, &d) && d == marker;
}

/* ---- errnos ----------------------------------------------------------- */

static void test_errnos(void)
{
	int fd = efd(), fd2 = efd(), nul = open("/dev/null", O_RDWR | O_CLOEXEC);
	uint64_t a = MMIO + 0x8000;
	unsigned int len;

	for (len = 0; len <= 16; len++) {
		if (len == 0 || len == 1 || len == 2 || len == 4 || len == 8)
			continue;
		if (ASSIGN(a, len, fd) != -1 || errno != EINVAL) {
			sv_ok(0, "vm_ioeventfd: len %u is EINVAL", len);
			break;
		}
	}
	if (len > 16)
		sv_ok(1, "vm_ioeventfd: every len but 0, 1, 2, 4, 8 (up to 16) is EINVAL");
	sv_ok_errno(ASSIGN(a, 0x80000004, fd), EINVAL,
		    "vm_ioeventfd: len 0x80000004 is EINVAL");
	sv_ok_errno(ASSIGN(~0ULL - 2, 4, fd), EINVAL,
		    "vm_ioeventfd: addr + len wrapping around is EINVAL");
	sv_ok_errno(ASSIGN(~0ULL - 3, 4, fd), EINVAL,
		    "vm_ioeventfd: addr + len ending exactly at 2^64 (wraps to 0) is EINVAL");
	sv_ok(ASSIGN(~0ULL - 4, 4, fd) == 0 && DEASSIGN(~0ULL - 4, 4, fd) == 0,
	      "vm_ioeventfd: addr + len ending at 2^64 - 1 is accepted");
	sv_ok(ASSIGN(~0ULL, 0, fd) == 0 && DEASSIGN(~0ULL, 0, fd) == 0,
	      "vm_ioeventfd: len 0 at addr ~0 is accepted (no IPA range check)");
	sv_ok_errno(ioev(v.vm, a, 4, fd, 1 << 5, 0), EINVAL,
		    "vm_ioeventfd: an unknown flag (1 << 5) is EINVAL");
	sv_ok_errno(ioev(v.vm, a, 4, fd, 0x80000000, 0), EINVAL,
		    "vm_ioeventfd: an unknown flag (1 << 31) is EINVAL");
	sv_ok_errno(ASSIGN_DM(a, 0, fd, 1), EINVAL,
		    "vm_ioeventfd: len 0 with DATAMATCH is EINVAL");
	sv_ok_errno(ASSIGN(a, 4, -1), EBADF, "vm_ioeventfd: fd -1 is EBADF");
	sv_ok_errno(ASSIGN(a, 4, nul), EINVAL, "vm_ioeventfd: a non-eventfd fd is EINVAL");
	sv_ok_errno(ASSIGN(a, 3, -1), EINVAL,
		    "vm_ioeventfd: bad len is checked before the fd (EINVAL, not EBADF)");
	sv_ok_errno(ioev(v.vm, a, 4, -1, 1 << 5, 0), EINVAL,
		    "vm_ioeventfd: bad flags are checked before the fd");

	/* Duplicates and overlaps: same address, colliding length/datamatch. */
	sv_ok(ASSIGN(a, 4, fd) == 0, "vm_ioeventfd: assign len 4 wildcard");
	sv_ok_errno(ASSIGN(a, 4, fd), EEXIST, "vm_ioeventfd: the same again is EEXIST");
	sv_ok_errno(ASSIGN(a, 4, fd2), EEXIST,
		    "vm_ioeventfd: the same address/len with another eventfd is EEXIST");
	sv_ok_errno(ASSIGN_DM(a, 4, fd2, 7), EEXIST,
		    "vm_ioeventfd: DATAMATCH over a wildcard of the same len is EEXIST");
	sv_ok_errno(ASSIGN(a, 0, fd2), EEXIST,
		    "vm_ioeventfd: len 0 at an address with a len 4 is EEXIST");
	sv_ok_errno(ASSIGN(a, 4, -1), EBADF,
		    "vm_ioeventfd: a duplicate with fd -1 is EBADF (fd before collision)");
	sv_ok(ASSIGN(a, 2, fd2) == 0 && ASSIGN(a, 8, fd2) == 0 && ASSIGN(a, 1, fd2) == 0,
	      "vm_ioeventfd: other lengths at the same address are accepted");
	sv_ok(ASSIGN(a + 2, 2, fd2) == 0,
	      "vm_ioeventfd: an overlapping range at another address is accepted");
	sv_ok(ioev(v.vm, a, 4, fd, KVM_IOEVENTFD_FLAG_PIO, 0) == 0,
	      "vm_ioeventfd: FLAG_PIO is accepted on arm64 (its own bus, never used)");
	sv_ok_errno(ioev(v.vm, a, 4, fd2, KVM_IOEVENTFD_FLAG_PIO, 0), EEXIST,
		    "vm_ioeventfd: a PIO duplicate is EEXIST");
	sv_ok(ioev(v.vm, a, 4, fd, KVM_IOEVENTFD_FLAG_VIRTIO_CCW_NOTIFY, 0) == 0,
	      "vm_ioeventfd: FLAG_VIRTIO_CCW_NOTIFY is accepted on arm64 (its own bus)");
	sv_ok_errno(ioev(v.vm, a, 4, fd, KVM_IOEVENTFD_FLAG_PIO |
			 KVM_IOEVENTFD_FLAG_VIRTIO_CCW_NOTIFY, 0), EEXIST,
		    "vm_ioeventfd: PIO | VIRTIO_CCW_NOTIFY is the PIO bus (EEXIST)");
	sv_ok(ioev(v.vm, a + 0x10, 4, fd, 1 << 4, 0) == 0,
	      "vm_ioeventfd: flag 1 << 4 (fast_mmio) is accepted as a plain MMIO one");
	sv_ok_errno(ASSIGN(a + 0x10, 4, fd2), EEXIST,
		    "vm_ioeventfd: ... on the MMIO bus (a plain duplicate is EEXIST)");
	sv_ok(DEASSIGN(a + 0x10, 4, fd) == 0, "vm_ioeventfd: ... and deassigns as one");

	/* Deassign: everything must match, the eventfd included. */
	sv_ok_errno(DEASSIGN(a + 0x100, 4, fd), ENOENT,
		    "vm_ioeventfd: deassigning an absent one is ENOENT");
	sv_ok_errno(DEASSIGN(a, 4, fd2), ENOENT,
		    "vm_ioeventfd: deassign with another eventfd is ENOENT");
	sv_ok_errno(DEASSIGN_DM(a, 4, fd, 0), ENOENT,
		    "vm_ioeventfd: deassign with DATAMATCH of a wildcard is ENOENT");
	sv_ok_errno(DEASSIGN(a, 3, fd), ENOENT,
		    "vm_ioeventfd: deassign does not check len (3 is ENOENT, not EINVAL)");
	sv_ok(ioev(v.vm, a, 4, fd, KVM_IOEVENTFD_FLAG_DEASSIGN | (1 << 5), 0) == 0,
	      "vm_ioeventfd: deassign ignores unknown flags (removes it)");
	sv_ok_errno(DEASSIGN(a, 4, fd), ENOENT,
		    "vm_ioeventfd: deassigning twice is ENOENT");
	sv_ok_errno(DEASSIGN(a, 4, -1), EBADF, "vm_ioeventfd: deassign fd -1 is EBADF");
	sv_ok_errno(DEASSIGN(a, 4, nul), EINVAL,
		    "vm_ioeventfd: deassign of a non-eventfd is EINVAL");
	sv_ok(ioev(v.vm, a, 4, fd, KVM_IOEVENTFD_FLAG_DEASSIGN | KVM_IOEVENTFD_FLAG_PIO, 0) == 0 &&
	      ioev(v.vm, a, 4, fd, KVM_IOEVENTFD_FLAG_DEASSIGN |
		   KVM_IOEVENTFD_FLAG_VIRTIO_CCW_NOTIFY, 0) == 0,
	      "vm_ioeventfd: PIO and VIRTIO_CCW_NOTIFY ones deassign");
	sv_ok(ASSIGN_DM(a, 4, fd, 7) == 0 && ASSIGN_DM(a, 4, fd, 8) == 0,
	      "vm_ioeventfd: two DATAMATCH values at one address/len");
	sv_ok_errno(ASSIGN(a, 4, fd), EEXIST,
		    "vm_ioeventfd: a wildcard over a DATAMATCH of the same len is EEXIST");
	sv_ok_errno(DEASSIGN_DM(a, 4, fd, 9), ENOENT,
		    "vm_ioeventfd: deassign with another datamatch is ENOENT");
	sv_ok(DEASSIGN_DM(a, 4, fd, 7) == 0 && DEASSIGN_DM(a, 4, fd, 8) == 0,
	      "vm_ioeventfd: each DATAMATCH one deassigns by its value");
	sv_ok(DEASSIGN(a, 2, fd2) == 0 && DEASSIGN(a, 8, fd2) == 0 && DEASSIGN(a, 1, fd2) == 0 &&
	      DEASSIGN(a + 2, 2, fd2) == 0,
	      "vm_ioeventfd: the others deassign");
	close(fd);
	close(fd2);
	close(nul);
}

/*
 * How many ioeventfds one VM takes (1100 tried): upstream 6.1 leaves
 * ioeventfds out of its bus limit (NR_IOBUS_DEVS = 1000 counts only the
 * other devices).
 */
static void test_many(void)
{
	int fd = efd(), i, n = 0;

	for (i = 0; i < 1100; i++) {
		if (ASSIGN(MMIO + 0x100000 + i * 8, 4, fd))
			break;
		n++;
	}
	if (n < 1100)
		printf("#   assign %d: %s\n", n, strerror(errno));
	sv_ok(n == 1100, "vm_ioeventfd: 1100 ioeventfds in one VM (%d accepted)", n);
	for (i = 0; i < n; i++)
		if (DEASSIGN(MMIO + 0x100000 + i * 8, 4, fd))
			break;
	sv_ok(i == n, "vm_ioeventfd: all %d deassign", n);
	close(fd);
}

/* ---- the guest -------------------------------------------------------- */

enum { E1, E2, E4, E8, EDM, EW, EX1, EX2, EF2, EF4, EDM1, EDM8, NR_E };

static void test_guest(void)
{
	static const uint64_t at[NR_E] = {
		[E1] = MMIO + 0x10, [E2] = MMIO + 0x20, [E4] = MMIO + 0x30, [E8] = MMIO + 0x40,
		[EDM] = MMIO + 0x50, [EW] = MMIO + 0x60, [EX1] = MMIO + 0x70, [EX2] = MMIO + 0x70,
		[EF2] = MMIO + 0x80, [EF4] = MMIO + 0x80, [EDM1] = MMIO + 0x90,
		[EDM8] = MMIO + 0x98,
	};
	uint64_t kernel0, user0, fast0, fast, posted0, d, n[NR_E];
	long param = vmm_splitvisor_fastpath(), post = vmm_splitvisor_param("ioeventfd_post");
	int e[NR_E], i, ok;

	for (i = 0; i < NR_E; i++)
		e[i] = efd();
	ok = ASSIGN(at[E1], 1, e[E1]) == 0 && ASSIGN(at[E2], 2, e[E2]) == 0 &&
	     ASSIGN(at[E4], 4, e[E4]) == 0 && ASSIGN(at[E8], 8, e[E8]) == 0 &&
	     ASSIGN_DM(at[EDM], 4, e[EDM], 0x12345678) == 0 && ASSIGN(at[EW], 0, e[EW]) == 0 &&
	     ASSIGN_DM(at[EX1], 8, e[EX1], 1) == 0 && ASSIGN_DM(at[EX2], 8, e[EX2], 2) == 0 &&
	     ASSIGN(at[EF2], 2, e[EF2]) == 0 && ASSIGN(at[EF4], 4, e[EF4]) == 0 &&
	     ASSIGN_DM(at[EDM1], 1, e[EDM1], 0x1ff) == 0 &&
	     ASSIGN_DM(at[EDM8], 8, e[EDM8], 0x8877665544332211ULL) == 0;
	if (!sv_ok(ok, "vm_ioeventfd: assign 12 ioeventfds (len 0/1/2/4/8, datamatch)"))
		return;

	/* Phase 1: every write matches; one KVM_RUN, ended by the marker. */
	kernel0 = vmm_stat(c.fd, "mmio_exit_kernel");
	fast0 = vmm_stat(c.fd, "fast_doorbell");
	if (fast0 == ~0ULL)
		fast0 = 0;
	user0 = vmm_stat(c.fd, "mmio_exit_user");
	posted0 = vmm_stat(c.fd, "ioeventfd_posted");
	op(at[E1], 0xaa, 1, 0);
	op(at[E2], 0xbbbb, 2, 0);
	op(at[E4], 0xcccccccc, 4, 0);
	op(at[E8], 0xdddddddddddddddd, 8, 0);
	op(at[EDM], 0x12345678, 4, 0);
	op(at[EW], 1, 1, 0);
	op(at[EW], 2, 2, 0);
	op(at[EW], 4, 4, 0);
	op(at[EW], 8, 8, 0);
	op(at[EX1], 2, 8, 0);
	op(at[EX1], 1, 8, 0);
	op(at[EX1], 2, 8, 0);
	op(at[EF2], 0, 2, 0);
	op(at[EF4], 0, 4, 3);
	op(at[EDM8], 0x8877665544332211ULL, 8, 0);
	op(at[E4], 0, 4, 100);
	runs = 0;
	sv_ok(run_phase(1) && runs == 1,
	      "vm_ioeventfd: 117 matching writes, KVM_RUN returns once (at the marker)");
	for (i = 0; i < NR_E; i++)
		n[i] = efd_count(e[i]);
	sv_ok(n[E1] == 1 && n[E2] == 1 && n[E4] == 101 && n[E8] == 1,
	      "vm_ioeventfd: len 1/2/4/8 writes signal their eventfds (%llu %llu %llu %llu)",
	      (unsigned long long)n[E1], (unsigned long long)n[E2],
	      (unsigned long long)n[E4], (unsigned long long)n[E8]);
	sv_ok(n[EDM] == 1 && n[EDM8] == 1,
	      "vm_ioeventfd: DATAMATCH len 4 and len 8 (64-bit value) signal on a match");
	sv_ok(n[EW] == 4, "vm_ioeventfd: len 0 matches writes of 1, 2, 4 and 8 bytes (%llu)",
	      (unsigned long long)n[EW]);
	sv_ok(n[EX1] == 1 && n[EX2] == 2,
	      "vm_ioeventfd: two DATAMATCH ones at one address get their own values (%llu %llu)",
	      (unsigned long long)n[EX1], (unsigned long long)n[EX2]);
	sv_ok(n[EF2] == 1 && n[EF4] == 3,
	      "vm_ioeventfd: len 2 and len 4 at one address get their own widths (%llu %llu)",
	      (unsigned long long)n[EF2], (unsigned long long)n[EF4]);
	/* splitvisor: EL2 may post them (fast_doorbell), the host counts the rest. */
	fast = vmm_stat(c.fd, "fast_doorbell");
	if (fast == ~0ULL)
		fast = 0;
	d = vmm_stat(c.fd, "mmio_exit_kernel") - kernel0 + fast - fast0;
	sv_ok(d == 117, "vm_ioeventfd: mmio_exit_kernel + fast_doorbell count the 117 writes "
	      "(%llu, %llu at EL2)", (unsigned long long)d, (unsigned long long)(fast - fast0));
	d = vmm_stat(c.fd, "mmio_exit_user") - user0;
	sv_ok(d == 1, "vm_ioeventfd: mmio_exit_user counts only the marker (%llu)",
	      (unsigned long long)d);
	/* SV_FAST_DOORBELL (fastpath bit 32) on a GICv3 host with another CPU. */
	if (param >= 0 && (param & 32))
		sv_ok(fast - fast0 >= 100, "vm_ioeventfd: EL2 posted %llu of the 117 (fastpath=%#lx: >= 100)",
		      (unsigned long long)(fast - fast0), param);
	else if (param >= 0)
		sv_ok(fast == fast0, "vm_ioeventfd: fastpath=%#lx: EL2 posted none (%llu)", param,
		      (unsigned long long)(fast - fast0));
	/*
	 * ioeventfd_post: the host's own answers go to SV_DB_SGI's handler
	 * too (all 117 with fastpath=0), or are all signalled by this thread.
	 */
	d = vmm_stat(c.fd, "ioeventfd_posted") - posted0;
	if (param == 0 && post == 1)
		sv_ok(d >= 100, "vm_ioeventfd: fastpath=0: the host posted %llu of the 117 (>= 100)",
		      (unsigned long long)d);
	else if (post == 0)
		sv_ok(d == 0, "vm_ioeventfd: ioeventfd_post=0: the host posted none (%llu)",
		      (unsigned long long)d);

	/* Phase 2: near misses exit to userspace and signal nothing. */
	op(at[EDM], 0x12345679, 4, 0);
	op(at[EDM], 0x5678, 2, 0);
	op(at[E4], 0x1234, 2, 0);
	op(at[E4], 0x12, 1, 0);
	op(at[E2], 0x12345678, 4, 0);
	op(at[EDM1], 0xff, 1, 0);
	op(at[EDM8], 0x11, 8, 0);
	op(at[EX1], 3, 8, 0);
	op(at[E4], 0, 0, 0);		/* an 8-byte read */
	op(at[EW], 0, 0, 0);
	sv_ok(expect_mmio(at[EDM], 4, 1, &d) && d == 0x12345679,
	      "vm_ioeventfd: DATAMATCH with another value exits to userspace with it");
	sv_ok(expect_mmio(at[EDM], 2, 1, &d) && d == 0x5678,
	      "vm_ioeventfd: DATAMATCH len 4 hit by a 2-byte write exits");
	sv_ok(expect_mmio(at[E4], 2, 1, &d) && d == 0x1234,
	      "vm_ioeventfd: wildcard len 4 hit by a 2-byte write exits");
	sv_ok(expect_mmio(at[E4], 1, 1, &d) && d == 0x12,
	      "vm_ioeventfd: wildcard len 4 hit by a 1-byte write exits");
	sv_ok(expect_mmio(at[E2], 4, 1, &d) && d == 0x12345678,
	      "vm_ioeventfd: wildcard len 2 hit by a 4-byte write exits");
	sv_ok(expect_mmio(at[EDM1], 1, 1, &d) && d == 0xff,
	      "vm_ioeventfd: len 1 DATAMATCH 0x1ff never matches (0xff exits)");
	sv_ok(expect_mmio(at[EDM8], 8, 1, &d) && d == 0x11,
	      "vm_ioeventfd: len 8 DATAMATCH compares all 64 bits");
	sv_ok(expect_mmio(at[EX1], 8, 1, &d) && d == 3,
	      "vm_ioeventfd: a value neither DATAMATCH wants exits");
	d = 0x5a;
	sv_ok(expect_mmio(at[E4], 8, 0, &d), "vm_ioeventfd: a read at an ioeventfd exits");
	d = 0x5b;
	sv_ok(expect_mmio(at[EW], 8, 0, &d), "vm_ioeventfd: a read at a len 0 one exits");
	sv_ok(run_phase(2), "vm_ioeventfd: phase 2 ends at its marker");
	for (ok = 1, i = 0; i < NR_E; i++)
		ok &= efd_count(e[i]) == 0;
	sv_ok(ok, "vm_ioeventfd: no eventfd was signalled by the misses");

	/* Phase 3: deassigned ones exit, the rest still do not. */
	ok = DEASSIGN(at[E4], 4, e[E4]) == 0 && DEASSIGN(at[EW], 0, e[EW]) == 0 &&
	     DEASSIGN_DM(at[EX1], 8, e[EX1], 1) == 0;
	sv_ok(ok, "vm_ioeventfd: deassign len 4, len 0 and a DATAMATCH one");
	op(at[E4], 0x44, 4, 0);
	op(at[EW], 0x55, 1, 0);
	op(at[EX1], 1, 8, 0);
	op(at[E8], 1, 8, 0);
	op(at[EX2], 2, 8, 0);
	sv_ok(expect_mmio(at[E4], 4, 1, &d) && d == 0x44,
	      "vm_ioeventfd: a write to a deassigned len 4 exits to userspace");
	sv_ok(expect_mmio(at[EW], 1, 1, &d) && d == 0x55,
	      "vm_ioeventfd: a write to a deassigned len 0 exits to userspace");
	sv_ok(expect_mmio(at[EX1], 8, 1, &d) && d == 1,
	      "vm_ioeventfd: a write to a deassigned DATAMATCH exits to userspace");
	sv_ok(run_phase(3) && efd_count(e[E8]) == 1 && efd_count(e[EX2]) == 1 &&
	      efd_count(e[E4]) == 0 && efd_count(e[EW]) == 0 && efd_count(e[EX1]) == 0,
	      "vm_ioeventfd: the remaining ones still signal without an exit");
	for (i = 0; i < NR_E; i++)
		close(e[i]);	/* the VM keeps its references */
	op(at[E8], 1, 8, 0);
	sv_ok(run_phase(4), "vm_ioeventfd: writes after the eventfds were closed do not exit");
}

/* ---- ioeventfds a vGIC frame or RAM shadows ---------------------------- */

#define SH_GICD	0x08000000ULL
#define SH_GICR	0x080a0000ULL
#define SH_RAM	0x8000ULL		/* in the VM's 1 MiB memslot */

/*
 * An ioeventfd inside a vGIC frame or a memslot does not signal: the
 * vGIC or RAM takes the write.
 * Its own VM (a vGICv3); the globals are the main VM's again after.
 */
static void test_shadowed(void)
{
	struct vmm main_v = v;
	struct vmm_vcpu main_c = c;
	struct op *main_ops = ops;
	unsigned int main_nops = nops;
	int fd_gic = efd(), fd_ram = efd(), ok;

	ok = vmm_create(&v, 1 << 20) == 0;
	if (ok) {
		vmm_load(&v, guest_ops_start, guest_ops_end - guest_ops_start, 0);
		ops = (struct op *)((char *)v.mem + OPS);
		nops = 0;
		ok = vmm_vcpu_create(&v, &c, 0, 0) == 0 && vmm_vgic_v3(&v, SH_GICD, SH_GICR, 1) >= 0;
	}
	if (sv_ok(ok, "vm_ioeventfd: a VM with a vGICv3 for the shadowed ones")) {
		sv_ok(ASSIGN(SH_RAM, 4, fd_ram) == 0, "vm_ioeventfd: assign one in RAM");
		op(SH_RAM, 0x1234, 4, 0);
		runs = 0;
		sv_ok(run_phase(1) && runs == 1 && efd_count(fd_ram) == 0 &&
		      *(volatile uint32_t *)((char *)v.mem + SH_RAM) == 0x1234,
		      "vm_ioeventfd: a write to it lands in RAM and signals nothing");
		/*
		 * After the first KVM_RUN: upstream registers the vGIC's frames on
		 * its MMIO bus then, and an ioeventfd assigned before that would
		 * come first at the same address (the bus keeps equal ranges in
		 * the order they came); splitvisor always asks the vGIC first.
		 */
		sv_ok(ASSIGN(SH_GICD + 0x84, 4, fd_gic) == 0,
		      "vm_ioeventfd: assign one in the distributor's frame (after a run)");
		op(SH_GICD + 0x84, 0xffffffff, 4, 0);	/* GICD_IGROUPR1 */
		runs = 0;
		sv_ok(run_phase(2) && runs == 1 && efd_count(fd_gic) == 0,
		      "vm_ioeventfd: a write to it goes to the vGIC and signals nothing");
		vmm_vcpu_destroy(&c);
	}
	if (v.vm > 0)
		vmm_destroy(&v);
	close(fd_gic);
	close(fd_ram);
	v = main_v;
	c = main_c;
	ops = main_ops;
	nops = main_nops;
}

/* ---- assign/deassign racing with the running vCPU -------------------- */

static int race_stop;
static int race_fd;
static unsigned long race_toggles;

static void *race_thread(void *arg)
{
	uint64_t a = MMIO + 0x200;

	vmm_pin(1);
	while (!__atomic_load_n(&race_stop, __ATOMIC_RELAXED)) {
		if (ASSIGN(a, 4, race_fd) == 0)
			race_toggles++;
		/* Neighbours come and go too: the lookup structure changes. */
		ASSIGN(a + 0x1000 * (race_toggles % 64), 8, race_fd);
		usleep(race_toggles % 3 ? 0 : 200);
		DEASSIGN(a, 4, race_fd);
		DEASSIGN(a + 0x1000 * (race_toggles % 64), 8, race_fd);
	}
	return NULL;
}

static void test_race(void)
{
	const unsigned int writes = 20000;
	unsigned int user = 0;
	struct kvm_run *r = c.run;
	pthread_t t;
	uint64_t sig;
	int ok = 1;

	race_fd = efd();
	vmm_pin(0);
	op(MMIO + 0x200, 0x77, 4, writes);
	op(DONE, 5, 8, 0);
	pthread_create(&t, NULL, race_thread, NULL);
	for (;;) {
		if (vmm_vcpu_run(&c) || r->exit_reason != KVM_EXIT_MMIO) {
			ok = 0;
			break;
		}
		if (r->mmio.phys_addr == DONE)
			break;
		if (r->mmio.phys_addr != MMIO + 0x200 || !r->mmio.is_write) {
			ok = 0;
			break;
		}
		user++;
	}
	__atomic_store_n(&race_stop, 1, __ATOMIC_RELAXED);
	pthread_join(t, NULL);
	sig = efd_count(race_fd);
	printf("# race: %lu assign/deassign rounds, %u writes exited, %llu signalled\n",
	       race_toggles, user, (unsigned long long)sig);
	sv_ok(ok && user + sig == writes,
	      "vm_ioeventfd: %u writes racing assign/deassign: each exits or signals, once",
	      writes);
	close(race_fd);
}

/* VMs with 1000 ioeventfds each, closed with them assigned. */
static int cycles(int n)
{
	int fds[100], i, j, k, ok = 1;
	struct vmm w;

	for (i = 0; i < n && ok; i++) {
		if (vmm_create(&w, 64 << 10))
			return 1;
		for (j = 0; j < 100; j++)
			fds[j] = efd();
		for (j = 0; j < 100; j++)
			for (k = 0; k < 10; k++)
				ok &= ioev(w.vm, MMIO + (j * 10 + k) * 4, 4, fds[j], 0, 0) == 0;
		vmm_destroy(&w);
		for (j = 0; j < 100; j++)
			close(fds[j]);
	}
	return !sv_ok(ok, "vm_ioeventfd: %d VMs closed with 1000 ioeventfds each", n);
}

int main(int argc, char **argv)
{
	int kvm;

	if (argc > 2 && !strcmp(argv[1], "cycles"))
		return cycles(atoi(argv[2]));
	if (!sv_ok(vmm_create(&v, 1 << 20) == 0, "vm_ioeventfd: create a VM"))
		return 1;
	kvm = v.kvm;
	sv_ok(ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_IOEVENTFD) > 0 &&
	      ioctl(v.vm, KVM_CHECK_EXTENSION, KVM_CAP_IOEVENTFD) > 0,
	      "vm_ioeventfd: KVM_CAP_IOEVENTFD is advertised (/dev/kvm and VM)");
	/* Measured on the in-kernel KVM (arm64, 6.1): ANY_LENGTH 1, NO_LENGTH 0. */
	sv_ok(ioctl(v.vm, KVM_CHECK_EXTENSION, KVM_CAP_IOEVENTFD_ANY_LENGTH) == 1,
	      "vm_ioeventfd: KVM_CAP_IOEVENTFD_ANY_LENGTH is 1 (len 0)");
	sv_ok(ioctl(v.vm, KVM_CHECK_EXTENSION, KVM_CAP_IOEVENTFD_NO_LENGTH) == 0,
	      "vm_ioeventfd: KVM_CAP_IOEVENTFD_NO_LENGTH is 0 (x86's fast MMIO only)");
	vmm_load(&v, guest_ops_start, guest_ops_end - guest_ops_start, 0);
	ops = (struct op *)((char *)v.mem + OPS);
	if (!sv_ok(vmm_vcpu_create(&v, &c, 0, 0) == 0, "vm_ioeventfd: create and init a vCPU"))
		return 1;
	test_errnos();
	test_many();
	test_guest();
	test_shadowed();
	test_race();
	/* Closed with ioeventfds still assigned (the lab checks dmesg). */
	{
		int fd = efd();

		sv_ok(ASSIGN(MMIO + 0x300, 4, fd) == 0 && ASSIGN(MMIO + 0x308, 0, fd) == 0,
		      "vm_ioeventfd: two left assigned at VM close");
		vmm_vcpu_destroy(&c);
		vmm_destroy(&v);
		sv_ok(write(fd, &(uint64_t){ 1 }, 8) == 8 && efd_count(fd) == 1,
		      "vm_ioeventfd: the eventfd still works after the VM is gone");
		close(fd);
	}
	sv_tap_exit();
}
