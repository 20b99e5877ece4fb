// SPDX-License-Identifier: GPL-2.0
/*
 * The virtual ITS encodings (vgic/vgic-its-abi.h), natively: command
 * fields as Linux's GICv3 ITS driver builds them, the save/restore
 * table entries of KVM's ABI revision 0 and the register sanitising.
 */
#include "tap.h"
#include "vgic-its-abi.h"

/* A command as Linux's its_encode_*() lays it out (IHI 0069 6.3). */
static struct sv_its_cmd mk(__u8 id, __u32 devid, __u64 dw1, __u64 dw2, __u64 dw3)
{
	struct sv_its_cmd c = { { id | ((__u64)devid << 32), dw1, dw2, dw3 } };

	return c;
}

static void test_commands(void)
{
	struct sv_its_cmd c;

	/* MAPD DeviceID 0x10, 5 EventID bits, ITT at 0x4321_0000 + 0x100, V=1 */
	c = mk(SV_ITS_MAPD, 0x10, 4, (1ULL << 63) | 0x43210100ULL, 0);
	TAP_EQ(sv_its_cmd_id(&c), SV_ITS_MAPD, "MAPD id");
	TAP_EQ(sv_its_cmd_devid(&c), 0x10, "MAPD DeviceID");
	TAP_EQ(sv_its_cmd_evbits(&c), 5, "MAPD Size+1 = EventID bits");
	TAP_EQ(sv_its_cmd_itt(&c), 0x43210100ULL, "MAPD ITT_addr [51:8]");
	TAP_CHECK(sv_its_cmd_valid(&c), "MAPD V");
	c = mk(SV_ITS_MAPD, 0x10, 4, 0x43210100ULL, 0);
	TAP_CHECK(!sv_its_cmd_valid(&c), "MAPD V=0 unmaps");

	/* MAPTI DeviceID 3, EventID 7 -> LPI 8200, ICID 1 */
	c = mk(SV_ITS_MAPTI, 3, 7 | (8200ULL << 32), 1, 0);
	TAP_EQ(sv_its_cmd_eventid(&c), 7, "MAPTI EventID");
	TAP_EQ(sv_its_cmd_pintid(&c), 8200, "MAPTI pINTID");
	TAP_EQ(sv_its_cmd_icid(&c), 1, "MAPTI ICID");

	/* MAPC ICID 2 -> processor 1 (PTA = 0: RDbase is a processor number) */
	c = mk(SV_ITS_MAPC, 0, 0, (1ULL << 63) | (1ULL << 16) | 2, 0);
	TAP_EQ(sv_its_cmd_rd(&c), 1, "MAPC RDbase");
	TAP_EQ(sv_its_cmd_icid(&c), 2, "MAPC ICID");
	/* MOVALL RDbase1 in dw2, RDbase2 in dw3 */
	c = mk(SV_ITS_MOVALL, 0, 0, 3ULL << 16, 5ULL << 16);
	TAP_EQ(sv_its_cmd_rd(&c), 3, "MOVALL RDbase1");
	TAP_EQ(sv_its_cmd_rd2(&c), 5, "MOVALL RDbase2");
}

static void test_entries(void)
{
	__u64 e;

	e = sv_its_enc_dte(3, 0x8765400ULL, 5);
	TAP_CHECK(e & SV_ITS_DTE_VALID, "DTE valid");
	TAP_EQ(sv_its_dte_next(e), 3, "DTE next");
	TAP_EQ(sv_its_dte_itt(e), 0x8765400ULL, "DTE ITT address");
	TAP_EQ(sv_its_dte_evbits(e), 5, "DTE size");
	/* The documented layout: V[63] next[62:49] ITT_addr[48:5] Size[4:0] */
	TAP_EQ(e, (1ULL << 63) | (3ULL << 49) | ((0x8765400ULL >> 8) << 5) | 4, "DTE bits");

	e = sv_its_enc_ite(2, 8192 + 9, 0x33);
	TAP_EQ(e, (2ULL << 48) | ((8192ULL + 9) << 16) | 0x33, "ITE bits");
	TAP_EQ(sv_its_ite_next(e), 2, "ITE next");
	TAP_EQ(sv_its_ite_lpi(e), 8201, "ITE pINTID");
	TAP_EQ(sv_its_ite_icid(e), 0x33, "ITE ICID");

	e = sv_its_enc_cte(1, 7);
	TAP_EQ(e, (1ULL << 63) | (1ULL << 16) | 7, "CTE bits");
	TAP_EQ(sv_its_cte_target(e), 1, "CTE RDbase");
	/* An unmapped collection saved with target ~0 restores as ~0. */
	TAP_EQ(sv_its_cte_target(sv_its_enc_cte(0xffffffffU, 7)), 0xffffffffU, "CTE unmapped target");
}

static void test_registers(void)
{
	__u64 b;

	TAP_EQ(SV_GITS_TYPER_VAL & 1, 1, "TYPER Physical");
	TAP_EQ((SV_GITS_TYPER_VAL >> 4) & 0xf, 7, "TYPER ITT_entry_size 8 bytes");
	TAP_EQ((SV_GITS_TYPER_VAL >> 8) & 0x1f, 15, "TYPER IDbits 16");
	TAP_EQ((SV_GITS_TYPER_VAL >> 13) & 0x1f, 15, "TYPER Devbits 16");
	TAP_EQ((SV_GITS_TYPER_VAL >> 19) & 1, 0, "TYPER PTA 0");
	TAP_EQ((SV_GITS_TYPER_VAL >> 36) & 1, 0, "TYPER CIL 0");

	/* A guest writes Indirect and a 4K page size: flat, 64K, type/esz ours. */
	b = sv_its_sanitise_baser(SV_BASER_VALID | SV_BASER_INDIRECT | 0x12340000ULL | 3, 1);
	TAP_CHECK(!(b & SV_BASER_INDIRECT), "BASER Indirect RAZ/WI");
	TAP_EQ(b & SV_BASER_PSZ_MASK, SV_BASER_PSZ_64K, "BASER page size 64K");
	TAP_EQ((b & SV_BASER_TYPE_MASK) >> SV_BASER_TYPE_SHIFT, 1, "BASER type device");
	TAP_EQ((b & SV_BASER_ESZ_MASK) >> SV_BASER_ESZ_SHIFT, 7, "BASER entry size 8");
	TAP_EQ(sv_its_baser_addr(b), 0x12340000ULL, "BASER address");
	TAP_EQ(sv_its_baser_bytes(b), 4 * 0x10000, "BASER size in 64K pages");
	/* 52-bit address: PA[51:48] in bits [15:12] */
	TAP_EQ(sv_its_baser_addr(0x5000ULL | 0x10000ULL), (5ULL << 48) | 0x10000ULL, "BASER PA[51:48]");
	/* Outer shareable reads back inner shareable; nC inner becomes RaWb. */
	b = sv_its_sanitise_cbaser((2ULL << 10) | (1ULL << 59) | 0xf000ULL | 0x40000ULL | 1);
	TAP_EQ((b & SV_BASER_SHARE_MASK) >> 10, 1, "CBASER shareability");
	TAP_EQ((b & SV_BASER_INNER_MASK) >> 59, 7, "CBASER inner cacheability");
	TAP_EQ(b & 0xf000ULL, 0, "CBASER 64K alignment");
	TAP_EQ(sv_its_cmdq_bytes(b), 2 * 4096, "CBASER queue size in 4K pages");

	TAP_EQ(sv_lpi_limit(15), 65536, "PROPBASER IDbits 15: 2^16");
	TAP_EQ(sv_lpi_limit(31), 65536, "PROPBASER IDbits capped at 16 bits");
	TAP_EQ(sv_lpi_limit(13), 16384, "PROPBASER IDbits 13: 2^14");
	TAP_EQ(sv_rbaser_sanitise(SV_PENDBASER_PTZ | 0x7ffULL | 0x10000ULL, true) &
	       (SV_PENDBASER_PTZ | 0x7f | SV_PENDBASER_ADDR_MASK),
	       SV_PENDBASER_PTZ | 0x10000ULL, "PENDBASER keeps PTZ and address, drops RES0");
}

int main(void)
{
	test_commands();
	test_entries();
	test_registers();
	return tap_done();
}
