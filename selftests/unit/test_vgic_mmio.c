// SPDX-License-Identifier: GPL-2.0
/*
 * The GICv3 register tables (vgic/vgic-v3-regs.c) and the access decoding
 * (vgic/vgic-mmio-desc.c), natively: lookup, width and alignment rules,
 * INTID ranges, 64-bit halves and priority byte lanes.  The handlers are
 * stubs here; only their identity is checked.
 */
#include <string.h>
#include "tap.h"
#include "vgic-mmio.h"

/* Stub handlers: the tables only name them. */
#define STUB_R(name) __u64 name(const struct sv_vgic_mmio_ctx *c) { return 0; }
#define STUB_W(name) void name(const struct sv_vgic_mmio_ctx *c, __u64 v) { }
#define STUB_U(name) int name(const struct sv_vgic_mmio_ctx *c, __u64 v) { return 0; }
STUB_R(sv_vgic_mmio_raz) STUB_W(sv_vgic_mmio_wi) STUB_U(sv_vgic_mmio_uwi)
STUB_R(sv_vgic_mmio_read_group) STUB_W(sv_vgic_mmio_write_group)
STUB_R(sv_vgic_mmio_read_enable) STUB_W(sv_vgic_mmio_write_senable)
STUB_W(sv_vgic_mmio_write_cenable) STUB_R(sv_vgic_mmio_read_pending)
STUB_W(sv_vgic_mmio_write_spending) STUB_W(sv_vgic_mmio_write_cpending)
STUB_R(sv_vgic_mmio_uread_pending) STUB_U(sv_vgic_mmio_uwrite_pending)
STUB_R(sv_vgic_mmio_read_active) STUB_W(sv_vgic_mmio_write_sactive)
STUB_W(sv_vgic_mmio_write_cactive) STUB_R(sv_vgic_mmio_read_priority)
STUB_W(sv_vgic_mmio_write_priority) STUB_R(sv_vgic_mmio_read_config)
STUB_W(sv_vgic_mmio_write_config) STUB_R(sv_vgic_v3_read_misc)
STUB_W(sv_vgic_v3_write_misc) STUB_U(sv_vgic_v3_uwrite_misc)
STUB_R(sv_vgic_v3_read_irouter) STUB_W(sv_vgic_v3_write_irouter)
STUB_R(sv_vgic_v3_read_idregs) STUB_R(sv_vgic_v3_read_rctlr)
STUB_R(sv_vgic_v3_read_riidr) STUB_R(sv_vgic_v3_read_rtyper)
STUB_R(sv_vgic_v3_read_rwaker) STUB_W(sv_vgic_v3_write_rwaker)
STUB_W(sv_vgic_v3_write_rctlr) STUB_R(sv_vgic_v3_read_propbaser)
STUB_W(sv_vgic_v3_write_propbaser) STUB_R(sv_vgic_v3_read_pendbaser)
STUB_W(sv_vgic_v3_write_pendbaser) STUB_W(sv_vgic_v3_write_invlpir)
STUB_W(sv_vgic_v3_write_invallr)

static struct sv_vgic_mmio_ctx ctx;
static const struct sv_vgic_reg *reg;

static int dist(__u32 off, unsigned int len, __u32 nr_irqs)
{
	memset(&ctx, 0, sizeof(ctx));
	reg = NULL;
	return sv_vgic_mmio_decode(sv_vgic_v3_dist_regs, sv_vgic_v3_nr_dist_regs,
				   off, len, nr_irqs, &ctx, &reg);
}

static int rdist(__u32 off, unsigned int len)
{
	memset(&ctx, 0, sizeof(ctx));
	reg = NULL;
	return sv_vgic_mmio_decode(sv_vgic_v3_rd_regs, sv_vgic_v3_nr_rd_regs,
				   off, len, 32, &ctx, &reg);
}

/* Sorted, no overlap, every descriptor a whole number of its smallest width. */
static void check_table(const char *name, const struct sv_vgic_reg *t, unsigned int n)
{
	bool sorted = true, sized = true, handlers = true;
	unsigned int i;

	for (i = 0; i < n; i++) {
		unsigned int w = t[i].access & SV_VGIC_ACC_8 ? 1 :
				 t[i].access & SV_VGIC_ACC_32 ? 4 : 8;

		if (i && t[i].offset < t[i - 1].offset + t[i - 1].len)
			sorted = false;
		if (!t[i].len || t[i].len % w || t[i].offset % w)
			sized = false;
		if (!t[i].read || !t[i].write)
			handlers = false;
	}
	TAP_CHECK(sorted, "%s table: sorted by offset, no overlap", name);
	TAP_CHECK(sized, "%s table: lengths and offsets fit the widths", name);
	TAP_CHECK(handlers, "%s table: every register has read and write", name);
}

static void test_dist(void)
{
	TAP_EQ(dist(0x0, 4, 64), 0, "GICD_CTLR: 32-bit");
	TAP_CHECK(reg && reg->read == sv_vgic_v3_read_misc && ctx.offset == 0,
		  "... the CTLR/TYPER/IIDR/TYPER2 handler");
	TAP_EQ(dist(0xc, 4, 64), 0, "GICD_TYPER2 is in the same descriptor");
	TAP_EQ(dist(0x0, 8, 64), -ENXIO, "GICD_CTLR: 64-bit refused");
	TAP_EQ(dist(0x0, 1, 64), -ENXIO, "GICD_CTLR: byte refused");
	TAP_EQ(dist(0x0, 2, 64), -ENXIO, "16-bit never allowed");
	TAP_EQ(dist(0x2, 4, 64), -ENXIO, "misaligned 32-bit refused");
	TAP_EQ(dist(0x14, 4, 64), -ENXIO, "reserved offset 0x14: no register");
	TAP_EQ(dist(0x40, 4, 64), -ENXIO, "SETSPI_NSR (no MBIS): no register, like upstream");
	TAP_EQ(dist(0xf00, 4, 64), -ENXIO, "GICD_SGIR (ARE=1): no register, like upstream");

	TAP_EQ(dist(0x100, 4, 64), 0, "ISENABLER0 (private INTIDs) in the distributor");
	TAP_CHECK(reg->read == sv_vgic_mmio_raz && reg->write == sv_vgic_mmio_wi,
		  "... is RAZ/WI with ARE=1");
	TAP_EQ(dist(0x104, 4, 64), 0, "ISENABLER1");
	TAP_CHECK(reg->write == sv_vgic_mmio_write_senable && ctx.intid == 32 && ctx.nr == 32,
		  "... covers INTIDs 32..63");
	TAP_EQ(dist(0x108, 4, 64), -ENXIO, "ISENABLER2 beyond nr_irqs = 64: no register");
	TAP_EQ(dist(0x108, 4, 96), 0, "... but with nr_irqs = 96 it is");
	TAP_EQ(ctx.intid, 64, "... from INTID 64");
	TAP_EQ(dist(0x184, 1, 64), -ENXIO, "ICENABLER: byte access refused");

	TAP_EQ(dist(0x204, 4, 64), 0, "ISPENDR1");
	TAP_CHECK(reg->uread == sv_vgic_mmio_uread_pending &&
		  reg->uwrite == sv_vgic_mmio_uwrite_pending,
		  "... userspace sees the latch");
	TAP_EQ(dist(0x284, 4, 64), 0, "ICPENDR1");
	TAP_CHECK(reg->uread == sv_vgic_mmio_raz && reg->uwrite == sv_vgic_mmio_uwi,
		  "... RAZ/WI for userspace");

	TAP_EQ(dist(0x420, 4, 64), 0, "IPRIORITYR8, 32-bit");
	TAP_CHECK(ctx.intid == 32 && ctx.nr == 4, "... INTIDs 32..35");
	TAP_EQ(dist(0x423, 1, 64), 0, "IPRIORITYR byte access");
	TAP_CHECK(ctx.intid == 35 && ctx.nr == 1 && reg->write == sv_vgic_mmio_write_priority,
		  "... INTID 35 alone");
	TAP_EQ(dist(0x41f, 1, 64), 0, "IPRIORITYR byte of a private INTID");
	TAP_CHECK(reg->write == sv_vgic_mmio_wi, "... is WI in the distributor");
	TAP_EQ(dist(0x43f, 1, 64), 0, "IPRIORITYR byte of INTID 63");
	TAP_EQ(dist(0x440, 1, 64), -ENXIO, "... INTID 64 beyond nr_irqs");
	TAP_EQ(dist(0x822, 1, 64), 0, "ITARGETSR byte access allowed");
	TAP_CHECK(reg->read == sv_vgic_mmio_raz, "... RAZ on GICv3");

	TAP_EQ(dist(0xc08, 4, 64), 0, "ICFGR2");
	TAP_CHECK(ctx.intid == 32 && ctx.nr == 16, "... 16 INTIDs from 32");
	TAP_EQ(dist(0xd04, 4, 64), 0, "IGRPMODR1 exists");
	TAP_CHECK(reg->read == sv_vgic_mmio_raz, "... RAZ/WI");

	TAP_EQ(dist(0x6100, 8, 64), 0, "IROUTER32, 64-bit");
	TAP_CHECK(ctx.intid == 32 && ctx.nr == 1 && reg->read == sv_vgic_v3_read_irouter,
		  "... INTID 32");
	TAP_EQ(dist(0x6104, 4, 64), 0, "IROUTER32 upper half, 32-bit");
	TAP_EQ(ctx.intid, 32, "... still INTID 32");
	TAP_EQ(dist(0x6104, 8, 64), -ENXIO, "misaligned 64-bit IROUTER refused");
	TAP_EQ(dist(0x61f8, 8, 64), 0, "IROUTER63");
	TAP_EQ(dist(0x6200, 8, 64), -ENXIO, "IROUTER64 beyond nr_irqs");
	TAP_EQ(dist(0x7fd8, 8, 1020), 0, "IROUTER1019 with the largest VM");
	TAP_EQ(dist(0x7fe0, 8, 1020), -ENXIO, "IROUTER1020: special INTID");
	TAP_EQ(dist(0x6008, 8, 1020), 0, "IROUTER1 (private) exists");
	TAP_CHECK(reg->read == sv_vgic_mmio_raz, "... RAZ/WI");

	TAP_EQ(dist(0xffe8, 4, 64), 0, "GICD_PIDR2");
	TAP_CHECK(reg->read == sv_vgic_v3_read_idregs, "... ID block handler");
	TAP_EQ(dist(0xfffc, 4, 64), 0, "GICD_CIDR3, last word of the frame");
	TAP_EQ(dist(0xffcc, 4, 64), -ENXIO, "just below the ID block");
	TAP_EQ(dist(0x10000, 4, 64), -ENXIO, "past the frame");
}

static void test_rdist(void)
{
	TAP_EQ(rdist(0x8, 8), 0, "GICR_TYPER, 64-bit");
	TAP_CHECK(reg->read == sv_vgic_v3_read_rtyper && reg->uwrite == sv_vgic_mmio_uwi,
		  "... its handler; restore writes ignored");
	TAP_EQ(rdist(0xc, 4), 0, "GICR_TYPER upper half, 32-bit");
	TAP_EQ(rdist(0x14, 4), 0, "GICR_WAKER");
	TAP_CHECK(reg->write == sv_vgic_v3_write_rwaker, "... writable");
	TAP_EQ(rdist(0x70, 8), 0, "GICR_PROPBASER");
	TAP_EQ(rdist(0x18, 4), -ENXIO, "reserved RD_base offset");
	TAP_EQ(rdist(0xffe8, 4), 0, "GICR_PIDR2");

	TAP_EQ(rdist(0x10080, 4), 0, "GICR_IGROUPR0");
	TAP_CHECK(ctx.intid == 0 && ctx.nr == 32, "... INTIDs 0..31");
	TAP_EQ(rdist(0x10104, 4), -ENXIO, "ISENABLER1 has no redistributor copy");
	TAP_EQ(rdist(0x10200, 4), 0, "GICR_ISPENDR0");
	TAP_CHECK(reg->uwrite == sv_vgic_mmio_uwrite_pending, "... latch restore");
	TAP_EQ(rdist(0x1041f, 1), 0, "GICR_IPRIORITYR byte of INTID 31");
	TAP_EQ(ctx.intid, 31, "... INTID 31");
	TAP_EQ(rdist(0x10420, 4), -ENXIO, "IPRIORITYR8 has no redistributor copy");
	TAP_EQ(rdist(0x10c04, 4), 0, "GICR_ICFGR1 (PPIs)");
	TAP_CHECK(ctx.intid == 16 && ctx.nr == 16, "... INTIDs 16..31");
	TAP_EQ(rdist(0x10d00, 4), 0, "GICR_IGRPMODR0");
	TAP_EQ(rdist(0x10e00, 4), 0, "GICR_NSACR");
	TAP_EQ(rdist(0x10e00, 1), -ENXIO, "... byte refused");
	TAP_EQ(rdist(0x20000, 4), -ENXIO, "past the SGI_base frame");
}

static void test_bytes(void)
{
	__u64 r = 0x1122334455667788ULL;
	__u8 prio[4] = { 0xa0, 0xa0, 0xa0, 0xa0 };
	unsigned int i;

	TAP_EQ(sv_vgic_reg64_read(r, 0, 8), r, "64-bit read of a 64-bit register");
	TAP_EQ(sv_vgic_reg64_read(r, 0x6100, 4), 0x55667788, "lower half");
	TAP_EQ(sv_vgic_reg64_read(r, 0x6104, 4), 0x11223344, "upper half");
	TAP_EQ(sv_vgic_reg64_write(r, 0, 8, 0xabcULL), 0xabc, "64-bit write replaces all");
	TAP_EQ(sv_vgic_reg64_write(r, 0x6104, 4, 0xaabbccddULL), 0xaabbccdd55667788ULL,
	       "upper-half write keeps the lower half");
	TAP_EQ(sv_vgic_reg64_write(r, 0x6100, 4, 0xffffffffaabbccddULL), 0x11223344aabbccddULL,
	       "lower-half write ignores bits above the access");

	TAP_EQ(sv_vgic_prio_byte(0x12345678, 0, 0xf8), 0x78, "priority byte 0");
	TAP_EQ(sv_vgic_prio_byte(0x12345678, 1, 0xf8), 0x50, "priority byte 1, low bits dropped");
	TAP_EQ(sv_vgic_prio_byte(0x12345678, 3, 0xf8), 0x10, "priority byte 3");
	TAP_EQ(sv_vgic_prio_byte(0xff, 0, 0xf8), 0xf8, "0xff narrows to 0xf8 (5 bits)");

	/* A byte store to IPRIORITYR9's third lane touches INTID 38 only. */
	TAP_EQ(dist(0x426, 1, 64), 0, "byte store to IPRIORITYR9 lane 2");
	for (i = 0; i < ctx.nr; i++)
		prio[ctx.intid - 36 + i] = sv_vgic_prio_byte(0xff, i, 0xf8);
	TAP_CHECK(prio[0] == 0xa0 && prio[1] == 0xa0 && prio[2] == 0xf8 && prio[3] == 0xa0,
		  "... merges into its lane alone");
	TAP_EQ(dist(0x424, 4, 64), 0, "word store to IPRIORITYR9");
	for (i = 0; i < ctx.nr; i++)
		prio[ctx.intid - 36 + i] = sv_vgic_prio_byte(0x0f1f2f3fULL, i, 0xf8);
	TAP_CHECK(prio[0] == 0x38 && prio[1] == 0x28 && prio[2] == 0x18 && prio[3] == 0x08,
		  "... sets all four lanes, little-endian");
}

int main(void)
{
	check_table("GICD", sv_vgic_v3_dist_regs, sv_vgic_v3_nr_dist_regs);
	check_table("GICR", sv_vgic_v3_rd_regs, sv_vgic_v3_nr_rd_regs);
	test_dist();
	test_rdist();
	test_bytes();
	TAP_EQ(sv_vgic_reg_find(sv_vgic_v3_dist_regs, 0, 0) == NULL, 1,
	       "empty table finds nothing");
	return tap_done();
}
