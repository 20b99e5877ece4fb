// SPDX-License-Identifier: GPL-2.0
/* The EL2 stage-1 table builder (host/hyp_pgtable.c), natively. */
#include "tap.h"
#include "hyp_pgtable.h"

#include "fake_tables.h"

static const struct sv_pgt_ops ops = { fake_alloc, fake_free, fake_va };

int main(void)
{
	struct sv_pgt pgt;
	__u64 va = 0x8000deadb000ULL, pte;

	TAP_EQ(sv_pgt_init(&pgt, &ops, NULL), 0, "init allocates a root");
	TAP_EQ(sv_pgt_map_page(&pgt, va, 0x40001000, SV_PROT_RW), 0, "map one RW page");
	TAP_EQ(pgt.nr_tables, 4, "one page needs one table per level");
	pte = sv_pgt_lookup(&pgt, va);
	TAP_EQ(pte & SV_PTE_ADDR_MASK, 0x40001000, "lookup finds the output address");
	TAP_EQ(pte & 3, 3, "a level-3 entry is a valid page descriptor");
	TAP_CHECK(pte & SV_PTE_AF, "access flag set (no AF faults at EL2)");
	TAP_CHECK(pte & SV_PTE_XN, "RW data is execute-never");
	TAP_EQ((pte >> 6) & 3, 1, "RW: AP[2:1]=01 (AP[1] RES1 at EL2)");
	TAP_EQ((pte >> 8) & 3, 3, "inner shareable");
	TAP_EQ((pte >> 2) & 7, SV_MAIR_IDX_NORMAL, "normal memory attribute index");
	TAP_EQ(sv_pgt_lookup(&pgt, va + 0x123), pte, "lookup ignores the page offset");
	TAP_EQ(sv_pgt_lookup(&pgt, va + 4096), 0, "the next page is unmapped");

	TAP_EQ(sv_pgt_map_page(&pgt, va + 4096, 0x40002000, SV_PROT_RX), 0, "map an RX neighbour");
	TAP_EQ(pgt.nr_tables, 4, "a neighbour reuses the tables");
	pte = sv_pgt_lookup(&pgt, va + 4096);
	TAP_CHECK(!(pte & SV_PTE_XN), "RX text is executable");
	TAP_EQ((pte >> 6) & 3, 3, "RX: read-only AP");
	TAP_CHECK(sv_pgt_prot_bits(SV_PROT_RO) & SV_PTE_XN, "RO data is execute-never");
	TAP_CHECK((sv_pgt_prot_bits(SV_PROT_DEVICE) & (7ULL << 2)) ==
		  SV_PTE_ATTRIDX(SV_MAIR_IDX_DEVICE) &&
		  (sv_pgt_prot_bits(SV_PROT_DEVICE) & SV_PTE_XN) &&
		  (sv_pgt_prot_bits(SV_PROT_DEVICE) & (3ULL << 6)) == SV_PTE_AP_RW,
		  "device frames are Device-nGnRE, RW, execute-never");

	TAP_EQ(sv_pgt_map_page(&pgt, va, 0x40001000, SV_PROT_RW), 0, "remapping identically is fine");
	TAP_EQ(sv_pgt_map_page(&pgt, va, 0x40005000, SV_PROT_RW), -EEXIST, "remapping elsewhere is -EEXIST");
	TAP_EQ(sv_pgt_map_page(&pgt, va + 1, 0x40001000, SV_PROT_RW), -EINVAL, "unaligned VA is -EINVAL");
	TAP_EQ(sv_pgt_map_page(&pgt, 1ULL << 48, 0x1000, SV_PROT_RW), -EINVAL, "VA beyond 48 bits is -EINVAL");
	TAP_EQ(sv_pgt_map_page(&pgt, 0xffff800000000000ULL, 0x1000, SV_PROT_RW), -EINVAL,
	       "a kernel VA (top bits set) is -EINVAL");
	TAP_EQ(sv_pgt_map_page(&pgt, 0x2000, 0x1ULL << 48, SV_PROT_RW), -EINVAL, "PA beyond 48 bits is -EINVAL");

	TAP_EQ(sv_pgt_map_range(&pgt, 0x40000000, 0x40000000, 3 * 4096, SV_PROT_RX), 0,
	       "identity-map a 3-page range");
	TAP_EQ(sv_pgt_lookup(&pgt, 0x40002000) & SV_PTE_ADDR_MASK, 0x40002000, "identity range maps VA == PA");
	TAP_EQ(sv_pgt_map_range(&pgt, 0x50000000, 0x50000000, 100, SV_PROT_RX), -EINVAL,
	       "a range that is not whole pages is -EINVAL");

	fail_after = nr_alloc;
	TAP_EQ(sv_pgt_map_page(&pgt, 0x7000000000ULL, 0x1000, SV_PROT_RW), -ENOMEM,
	       "allocation failure is -ENOMEM");
	fail_after = -1;

	sv_pgt_destroy(&pgt);
	TAP_EQ(nr_alloc, nr_free, "destroy frees every table (%d allocated)", nr_alloc);
	TAP_EQ(pgt.nr_tables, 0, "table count back to zero");
	return tap_done();
}
