// SPDX-License-Identifier: GPL-2.0
/* Stage-2 table building (host/stage2.c), natively. */
#include "tap.h"
#include "stage2.h"

#include "fake_tables.h"

static int flush_ipa, flush_all, synced;

static void fake_flush_ipa(void *ctx, __u64 ipa) { flush_ipa++; }
static void fake_flush_all(void *ctx) { flush_all++; }
static void fake_sync(void *ctx, __u64 pa, __u64 size, unsigned int prot) { synced++; }

static const struct sv_s2_ops ops = {
	fake_alloc, fake_free, fake_va, fake_flush_ipa, fake_flush_all, fake_sync,
};

int main(void)
{
	struct sv_s2 s2;
	__u64 pte;
	int nsync;

	TAP_EQ(sv_s2_init(&s2, 31, &ops, NULL), -EINVAL, "31-bit IPA refused");
	TAP_EQ(sv_s2_init(&s2, 49, &ops, NULL), -EINVAL, "49-bit IPA refused");
	TAP_EQ(sv_s2_init(&s2, 40, &ops, NULL), 0, "40-bit IPA");
	TAP_EQ(s2.start_level, 0, "40 bits start at level 0");
	TAP_EQ(sv_s2_vtcr(&s2, 2) & 0x3f, 24, "VTCR.T0SZ = 64 - 40");
	TAP_EQ((sv_s2_vtcr(&s2, 2) >> 6) & 3, 2, "VTCR.SL0 = 2 (level 0)");
	TAP_EQ((sv_s2_vtcr(&s2, 2) >> 16) & 7, 2, "VTCR.PS from PARange");
	TAP_CHECK(sv_s2_vtcr(&s2, 2) & (1ULL << 31), "VTCR RES1 bit 31");

	TAP_EQ(sv_s2_map_page(&s2, 0x80001000, 0x48000000, SV_S2_R | SV_S2_W), 0, "map RW");
	pte = sv_s2_lookup(&s2, 0x80001000);
	TAP_EQ(pte & SV_S2_ADDR_MASK, 0x48000000, "lookup finds the page");
	TAP_CHECK((pte & SV_S2_AP_R) && (pte & SV_S2_AP_W), "S2AP read+write");
	TAP_CHECK(pte & SV_S2_XN, "not executable without X");
	TAP_EQ((pte >> 2) & 0xf, 0xf, "MemAttr normal write-back");
	TAP_CHECK(pte & SV_S2_AF, "access flag set");
	TAP_EQ(synced, 1, "the new page was made coherent");
	TAP_EQ(s2.nr_pages, 1, "one page mapped");


	TAP_EQ(sv_s2_map_page(&s2, 0x80001000, 0x48000000, SV_S2_R | SV_S2_W), 0,
	       "same mapping again");
	TAP_EQ(flush_ipa, 0, "... needs no TLB flush");
	TAP_EQ(sv_s2_map_page(&s2, 0x80001000, 0x49000000, SV_S2_R | SV_S2_X), 0,
	       "a different page at the same IPA");
	TAP_EQ(flush_ipa, 1, "... breaks before make: one IPA flush");
	TAP_CHECK(!(sv_s2_lookup(&s2, 0x80001000) & SV_S2_XN), "now executable");
	TAP_EQ(s2.nr_pages, 1, "still one page");

	sv_s2_map_page(&s2, 0x80002000, 0x4a000000, SV_S2_R | SV_S2_W);
	sv_s2_map_page(&s2, 0xc0000000, 0x4b000000, SV_S2_R | SV_S2_W);
	TAP_EQ(sv_s2_wrprotect_range(&s2, 0x80000000, 0x10000), 1,
	       "write-protect: only the writable page in range changes");
	TAP_EQ(flush_all, 1, "... with one VM flush");
	TAP_CHECK(!(sv_s2_lookup(&s2, 0x80002000) & SV_S2_AP_W), "... now read-only");
	TAP_CHECK(sv_s2_lookup(&s2, 0xc0000000) & SV_S2_AP_W, "outside the range untouched");
	TAP_EQ(sv_s2_unmap_range(&s2, 0, 1ULL << 40), 3, "unmap everything: 3 pages");
	TAP_EQ(s2.nr_pages, 0, "none left");
	TAP_EQ(sv_s2_unmap_range(&s2, 0, 1ULL << 40), 0, "unmapping again finds nothing");
	TAP_EQ(flush_all, 2, "... and flushes nothing more");

	TAP_EQ(sv_s2_map_page(&s2, 1ULL << 40, 0x1000, SV_S2_R), -EINVAL, "IPA beyond 40 bits");
	TAP_EQ(sv_s2_map_page(&s2, 0x1234, 0x1000, SV_S2_R), -EINVAL, "unaligned IPA");
	sv_s2_destroy(&s2);
	TAP_EQ(nr_alloc, nr_free, "destroy frees every table (%d)", nr_alloc);

	/* 2 MiB blocks */
	TAP_EQ(sv_s2_init(&s2, 40, &ops, NULL), 0, "a new 40-bit table");
	TAP_EQ(sv_s2_map_block(&s2, 0x40100000, 0x80000000, SV_S2_R), -EINVAL,
	       "block at an IPA not 2 MiB-aligned");
	TAP_EQ(sv_s2_map_block(&s2, 0x40000000, 0x80100000, SV_S2_R), -EINVAL,
	       "block at a PA not 2 MiB-aligned");
	sv_s2_map_page(&s2, 0x40003000, 0x90003000, SV_S2_R);
	sv_s2_map_page(&s2, 0x40004000, 0x90004000, SV_S2_R);
	flush_all = 0;
	TAP_EQ(sv_s2_map_block(&s2, 0x40000000, 0x80000000, SV_S2_R | SV_S2_W | SV_S2_X), 0,
	       "a block over two mapped pages");
	TAP_CHECK(s2.nr_blocks == 1 && s2.nr_pages == 0, "... replaces them (1 block, 0 pages)");
	TAP_EQ(flush_all, 1, "... after one VM flush");
	pte = sv_s2_lookup(&s2, 0x40123000);
	TAP_EQ(pte & 3, 1, "lookup inside finds a block descriptor");
	TAP_EQ(pte & SV_S2_ADDR_MASK, 0x80000000, "... with the block's base");
	TAP_EQ(sv_s2_unmap_range(&s2, 0x40010000, 0x1000), 1, "unmapping 4 KiB of a block");
	TAP_CHECK(sv_s2_lookup(&s2, 0x40000000) == 0, "... takes the whole block");
	sv_s2_map_block(&s2, 0x40000000, 0x80000000, SV_S2_R | SV_S2_W);
	TAP_EQ(sv_s2_map_page(&s2, 0x40005000, 0x95005000, SV_S2_R), 0, "a page inside a block");
	TAP_CHECK(s2.nr_blocks == 0 && s2.nr_pages == 1, "... breaks the block up");
	TAP_EQ(sv_s2_lookup(&s2, 0x40005000) & SV_S2_ADDR_MASK, 0x95005000, "... and maps the page");
	sv_s2_map_block(&s2, 0x40200000, 0x80200000, SV_S2_R | SV_S2_W);
	TAP_EQ(sv_s2_wrprotect_range(&s2, 0x40300000, 0x1000), 1, "write-protect inside a block");
	TAP_CHECK(!(sv_s2_lookup(&s2, 0x40200000) & SV_S2_AP_W), "... covers the whole block");
	sv_s2_destroy(&s2);
	TAP_EQ(nr_alloc, nr_free, "all tables freed with blocks around");

	TAP_EQ(sv_s2_init(&s2, 36, &ops, NULL), 0, "36-bit IPA");
	TAP_EQ(s2.start_level, 1, "... starts at level 1");
	TAP_EQ((sv_s2_vtcr(&s2, 1) >> 6) & 3, 1, "VTCR.SL0 = 1");
	TAP_EQ(sv_s2_map_page(&s2, 0xff000000, 0x1000, SV_S2_R), 0, "map at 4 GiB - 16 MiB");
	TAP_EQ(sv_s2_lookup(&s2, 0xff000000) & SV_S2_ADDR_MASK, 0x1000, "... found");
	nsync = synced;

	/* A device frame (GICv2 GICV for a guest's GICC region). */
	TAP_EQ(sv_s2_map_page(&s2, 0x8010000, 0x8040000, SV_S2_R | SV_S2_W | SV_S2_DEVICE), 0,
	       "map a device page");
	pte = sv_s2_lookup(&s2, 0x8010000);
	TAP_EQ((pte >> 2) & 0xf, 0x1, "MemAttr Device-nGnRE");
	TAP_CHECK((pte & SV_S2_AP_R) && (pte & SV_S2_AP_W) && (pte & SV_S2_XN),
		  "device page: RW, execute-never");
	TAP_EQ(synced, nsync, "no cache maintenance for a device page");
	TAP_EQ(sv_s2_unmap_range(&s2, 0x8010000, 0x1000), 1, "the device page unmaps");
	sv_s2_destroy(&s2);
	TAP_EQ(nr_alloc, nr_free, "freed again");
	return tap_done();
}
