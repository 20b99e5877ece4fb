// SPDX-License-Identifier: GPL-2.0
/* KVM_IOEVENTFD's rules (virtio/ioeventfd_match.c), natively. */
#include <string.h>
#include "tap.h"
#include "ioeventfd_match.h"

#define DM	KVM_IOEVENTFD_FLAG_DATAMATCH

static struct kvm_ioeventfd args(__u64 addr, __u32 len, __u32 flags, __u64 dm)
{
	struct kvm_ioeventfd a;

	memset(&a, 0, sizeof(a));
	a.addr = addr;
	a.len = len;
	a.flags = flags;
	a.datamatch = dm;
	return a;
}

static struct sv_ioev_key key(__u64 addr, __u32 len, __u32 flags, __u64 dm)
{
	struct kvm_ioeventfd a = args(addr, len, flags, dm);
	struct sv_ioev_key k;

	memset(&k, 0xa5, sizeof(k));	/* every field must be written */
	sv_ioev_key(&a, &k);
	return k;
}

static int check(__u64 addr, __u32 len, __u32 flags)
{
	struct kvm_ioeventfd a = args(addr, len, flags, 0);

	return sv_ioev_check_assign(&a);
}

static void test_check_assign(void)
{
	__u32 len, bad = 0, flag;

	for (len = 0; len <= 64; len++) {
		int want = (len == 0 || len == 1 || len == 2 || len == 4 || len == 8) ? 0 : -EINVAL;

		if (check(0x1000, len, 0) != want)
			bad++;
	}
	TAP_EQ(bad, 0, "only len 0, 1, 2, 4, 8 are accepted (0..64 tried)");
	TAP_EQ(check(0x1000, 0x80000004, 0), -EINVAL, "len 0x80000004 is -EINVAL");
	TAP_EQ(check(0x1000, ~0U, 0), -EINVAL, "len ~0 is -EINVAL");
	TAP_EQ(check(~0ULL - 2, 4, 0), -EINVAL, "a range wrapping past 2^64 is -EINVAL");
	TAP_EQ(check(~0ULL - 3, 4, 0), -EINVAL, "a range ending exactly at 2^64 wraps to 0: -EINVAL");
	TAP_EQ(check(~0ULL - 4, 4, 0), 0, "a range ending at 2^64 - 1 is accepted");
	TAP_EQ(check(~0ULL, 0, 0), 0, "len 0 at ~0 is accepted");
	TAP_EQ(check(~0ULL, 1, 0), -EINVAL, "len 1 at ~0 wraps: -EINVAL");
	for (bad = 0, flag = 0; flag < 32; flag++) {
		int want = flag < 5 ? 0 : -EINVAL;

		if (check(0x1000, 4, 1U << flag) != want)
			bad++;
	}
	TAP_EQ(bad, 0, "flag bits 0..4 are valid, 5..31 are -EINVAL");
	TAP_EQ(check(0x1000, 0, DM), -EINVAL, "len 0 with DATAMATCH is -EINVAL");
	TAP_EQ(check(0x1000, 0, KVM_IOEVENTFD_FLAG_PIO), 0, "len 0 PIO is accepted");
	TAP_EQ(check(0x1000, 3, 1U << 7), -EINVAL, "bad len and bad flags: -EINVAL");
}

static void test_key(void)
{
	struct sv_ioev_key k;

	k = key(0x1000, 4, 0, 0x55);
	TAP_CHECK(k.bus == SV_IOEV_MMIO && k.wildcard && k.datamatch == 0 && k.len == 4 &&
		  k.addr == 0x1000, "no flags: an MMIO wildcard, datamatch ignored");
	k = key(0x1000, 4, DM, 0x55);
	TAP_CHECK(!k.wildcard && k.datamatch == 0x55, "DATAMATCH keeps the value");
	TAP_EQ(key(0, 4, KVM_IOEVENTFD_FLAG_PIO, 0).bus, SV_IOEV_PIO, "FLAG_PIO: the PIO bus");
	TAP_EQ(key(0, 4, KVM_IOEVENTFD_FLAG_VIRTIO_CCW_NOTIFY, 0).bus, SV_IOEV_CCW,
	       "FLAG_VIRTIO_CCW_NOTIFY: the CCW bus");
	TAP_EQ(key(0, 4, KVM_IOEVENTFD_FLAG_PIO | KVM_IOEVENTFD_FLAG_VIRTIO_CCW_NOTIFY, 0).bus,
	       SV_IOEV_PIO, "both bus flags: PIO");
	TAP_EQ(key(0, 4, 1U << 4, 0).bus, SV_IOEV_MMIO, "flag bit 4 (fast_mmio): MMIO");
	TAP_EQ(key(0, 4, KVM_IOEVENTFD_FLAG_DEASSIGN, 0).bus, SV_IOEV_MMIO,
	       "DEASSIGN alone: MMIO");
}

static void test_match(void)
{
	struct sv_ioev_key k;
	__u32 len, bad = 0;

	k = key(0x1000, 4, 0, 0);
	TAP_CHECK(sv_ioev_match(&k, 0x1000, 4, 0xdeadbeef), "wildcard len 4: any value");
	TAP_CHECK(!sv_ioev_match(&k, 0x1000, 2, 0), "wildcard len 4: not a 2-byte write");
	TAP_CHECK(!sv_ioev_match(&k, 0x1000, 8, 0), "wildcard len 4: not an 8-byte write");
	TAP_CHECK(!sv_ioev_match(&k, 0x1002, 2, 0), "wildcard len 4: not inside its range");
	TAP_CHECK(!sv_ioev_match(&k, 0xffe, 4, 0), "wildcard len 4: not overlapping from below");

	k = key(0x2000, 0, 0, 0);
	for (len = 1; len <= 8; len *= 2)
		if (!sv_ioev_match(&k, 0x2000, len, len))
			bad++;
	TAP_EQ(bad, 0, "len 0: writes of 1, 2, 4, 8 bytes at its address");
	TAP_CHECK(!sv_ioev_match(&k, 0x2001, 1, 0), "len 0: only its exact address");

	k = key(0x3000, 4, DM, 0x12345678);
	TAP_CHECK(sv_ioev_match(&k, 0x3000, 4, 0x12345678), "DATAMATCH: the value matches");
	TAP_CHECK(!sv_ioev_match(&k, 0x3000, 4, 0x12345679), "DATAMATCH: another value misses");
	TAP_CHECK(!sv_ioev_match(&k, 0x3000, 2, 0x5678), "DATAMATCH: another width misses");
	k = key(0x3000, 1, DM, 0x1ff);
	TAP_CHECK(!sv_ioev_match(&k, 0x3000, 1, 0xff),
		  "DATAMATCH 0x1ff at len 1 never matches (64-bit compare)");
	k = key(0x3000, 8, DM, 0x8877665544332211ULL);
	TAP_CHECK(sv_ioev_match(&k, 0x3000, 8, 0x8877665544332211ULL),
		  "DATAMATCH len 8: the 64-bit value");
	TAP_CHECK(!sv_ioev_match(&k, 0x3000, 8, 0x44332211),
		  "DATAMATCH len 8: the low half alone misses");
}

static void test_collide(void)
{
	struct sv_ioev_key w4 = key(0x1000, 4, 0, 0), d4a = key(0x1000, 4, DM, 1),
			   d4b = key(0x1000, 4, DM, 2), w0 = key(0x1000, 0, 0, 0),
			   w2 = key(0x1000, 2, 0, 0), w2up = key(0x1002, 2, 0, 0),
			   p4 = key(0x1000, 4, KVM_IOEVENTFD_FLAG_PIO, 0),
			   c4 = key(0x1000, 4, KVM_IOEVENTFD_FLAG_VIRTIO_CCW_NOTIFY, 0),
			   p0 = key(0x1000, 0, KVM_IOEVENTFD_FLAG_PIO, 0);

	TAP_CHECK(sv_ioev_collide(&w4, &w4), "the same wildcard twice collides");
	TAP_CHECK(sv_ioev_collide(&w4, &d4a) && sv_ioev_collide(&d4a, &w4),
		  "a wildcard and a DATAMATCH of one length collide (both ways)");
	TAP_CHECK(sv_ioev_collide(&d4a, &d4a), "the same DATAMATCH twice collides");
	TAP_CHECK(!sv_ioev_collide(&d4a, &d4b), "two DATAMATCH values do not collide");
	TAP_CHECK(sv_ioev_collide(&w0, &w4) && sv_ioev_collide(&d4a, &w0) &&
		  sv_ioev_collide(&w0, &w2) && sv_ioev_collide(&w0, &w0),
		  "len 0 collides with anything at its address");
	TAP_CHECK(!sv_ioev_collide(&w4, &w2), "other lengths at one address do not collide");
	TAP_CHECK(!sv_ioev_collide(&w4, &w2up), "an overlap from another address does not");
	TAP_CHECK(!sv_ioev_collide(&w4, &p4) && !sv_ioev_collide(&p4, &c4) &&
		  !sv_ioev_collide(&w0, &p0), "other buses never collide");
	TAP_CHECK(sv_ioev_collide(&p4, &p0), "the PIO bus has the same rules");
}

static void test_same(void)
{
	struct sv_ioev_key w4 = key(0x1000, 4, 0, 0), d4 = key(0x1000, 4, DM, 1);
	struct sv_ioev_key k;

	k = key(0x1000, 4, KVM_IOEVENTFD_FLAG_DEASSIGN, 0x99);
	TAP_CHECK(sv_ioev_same(&w4, &k), "deassign names a wildcard without DATAMATCH");
	k = key(0x1000, 4, KVM_IOEVENTFD_FLAG_DEASSIGN | DM, 0);
	TAP_CHECK(!sv_ioev_same(&w4, &k), "... not with DATAMATCH");
	k = key(0x1000, 4, KVM_IOEVENTFD_FLAG_DEASSIGN | DM, 1);
	TAP_CHECK(sv_ioev_same(&d4, &k), "deassign names a DATAMATCH by its value");
	k = key(0x1000, 4, KVM_IOEVENTFD_FLAG_DEASSIGN | DM, 2);
	TAP_CHECK(!sv_ioev_same(&d4, &k), "... not by another value");
	k = key(0x1000, 2, KVM_IOEVENTFD_FLAG_DEASSIGN, 0);
	TAP_CHECK(!sv_ioev_same(&w4, &k), "... nor by another length");
	k = key(0x1004, 4, KVM_IOEVENTFD_FLAG_DEASSIGN, 0);
	TAP_CHECK(!sv_ioev_same(&w4, &k), "... nor at another address");
	k = key(0x1000, 4, KVM_IOEVENTFD_FLAG_DEASSIGN | KVM_IOEVENTFD_FLAG_PIO, 0);
	TAP_CHECK(!sv_ioev_same(&w4, &k), "... nor on another bus");
	k = key(0x1000, 4, KVM_IOEVENTFD_FLAG_DEASSIGN | (1U << 9), 0);
	TAP_CHECK(sv_ioev_same(&w4, &k), "unknown flags do not change what a deassign names");
}

int main(void)
{
	test_check_assign();
	test_key();
	test_match();
	test_collide();
	test_same();
	return tap_done();
}
