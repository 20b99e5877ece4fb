// SPDX-License-Identifier: GPL-2.0
/*
 * The GICv3 register tables: which offsets are registers, their widths,
 * fields per INTID and handlers.  Pure data (the handlers are only
 * named), so selftests/unit checks the real tables natively.
 *
 * Affinity routing is always on (GICD_CTLR.ARE_NS reads 1) and there is
 * one security state (DS = 1): the SGI/PPI fields live in the
 * redistributors and their distributor copies are RAZ/WI; group
 * modifiers and NSACR are RAZ/WI.  Offsets upstream KVM does not list
 * (SETSPI/CLRSPI without MBIS, NSACR, SGIR and the SGI pending registers
 * of GICD, which are for ARE = 0) are not registers here either: the
 * guest gets RAZ/WI, KVM_HAS_DEVICE_ATTR -ENXIO, as upstream.
 */
#include "vgic-mmio.h"

#ifndef ARRAY_SIZE		/* native builds have no <linux/kernel.h> */
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

#define NR_PRIVATE	32		/* SGIs and PPIs */
#define NR_INTIDS	1024		/* fields every per-IRQ register has */

#define ACC_32		SV_VGIC_ACC_32
#define ACC_32_8	(SV_VGIC_ACC_32 | SV_VGIC_ACC_8)
#define ACC_64_32	(SV_VGIC_ACC_64 | SV_VGIC_ACC_32)

#define RAZ		sv_vgic_mmio_raz
#define WI		sv_vgic_mmio_wi

#define REG(off, l, acc, rd, wr)					\
	{ .offset = (off), .len = (l), .access = (acc), .read = (rd), .write = (wr) }
#define REG_U(off, l, acc, rd, wr, urd, uwr)				\
	{ .offset = (off), .len = (l), .access = (acc), .read = (rd),	\
	  .write = (wr), .uread = (urd), .uwrite = (uwr) }
#define REG_IRQ(off, bits, first, nirqs, acc, rd, wr, urd, uwr)		\
	{ .offset = (off), .len = (bits) * (nirqs) / 8, .access = (acc),	\
	  .bpi = (bits), .first_intid = (first), .read = (rd),		\
	  .write = (wr), .uread = (urd), .uwrite = (uwr) }
/* A GICD per-IRQ family: private fields RAZ/WI, SPI fields real. */
#define DIST_IRQ(off, bits, acc, rd, wr, urd, uwr)			\
	REG_IRQ(off, bits, 0, NR_PRIVATE, acc, RAZ, WI, NULL, NULL),	\
	REG_IRQ((off) + (bits) * NR_PRIVATE / 8, bits, NR_PRIVATE,	\
		NR_INTIDS - NR_PRIVATE, acc, rd, wr, urd, uwr)
/* A GICR SGI_base per-IRQ register: INTIDs 0..31 of the redistributor's vCPU. */
#define RD_IRQ(off, bits, acc, rd, wr, urd, uwr)			\
	REG_IRQ(SV_GICR_SGI(off), bits, 0, NR_PRIVATE, acc, rd, wr, urd, uwr)

/* Sorted by offset (sv_vgic_reg_find() bisects). */
const struct sv_vgic_reg sv_vgic_v3_dist_regs[] = {
	/* CTLR, TYPER, IIDR, TYPER2 */
	REG_U(SV_GICD_CTLR, 16, ACC_32, sv_vgic_v3_read_misc,
	      sv_vgic_v3_write_misc, NULL, sv_vgic_v3_uwrite_misc),
	REG(SV_GICD_STATUSR, 4, ACC_32, RAZ, WI),
	DIST_IRQ(SV_GICD_IGROUPR, 1, ACC_32, sv_vgic_mmio_read_group,
		 sv_vgic_mmio_write_group, NULL, NULL),
	DIST_IRQ(SV_GICD_ISENABLER, 1, ACC_32, sv_vgic_mmio_read_enable,
		 sv_vgic_mmio_write_senable, NULL, NULL),
	DIST_IRQ(SV_GICD_ICENABLER, 1, ACC_32, sv_vgic_mmio_read_enable,
		 sv_vgic_mmio_write_cenable, NULL, NULL),
	DIST_IRQ(SV_GICD_ISPENDR, 1, ACC_32, sv_vgic_mmio_read_pending,
		 sv_vgic_mmio_write_spending, sv_vgic_mmio_uread_pending,
		 sv_vgic_mmio_uwrite_pending),
	/* Userspace restores the pending latch through ISPENDR alone. */
	DIST_IRQ(SV_GICD_ICPENDR, 1, ACC_32, sv_vgic_mmio_read_pending,
		 sv_vgic_mmio_write_cpending, RAZ, sv_vgic_mmio_uwi),
	DIST_IRQ(SV_GICD_ISACTIVER, 1, ACC_32, sv_vgic_mmio_read_active,
		 sv_vgic_mmio_write_sactive, NULL, NULL),
	DIST_IRQ(SV_GICD_ICACTIVER, 1, ACC_32, sv_vgic_mmio_read_active,
		 sv_vgic_mmio_write_cactive, NULL, NULL),
	DIST_IRQ(SV_GICD_IPRIORITYR, 8, ACC_32_8, sv_vgic_mmio_read_priority,
		 sv_vgic_mmio_write_priority, NULL, NULL),
	/* ITARGETSR only means something with ARE = 0. */
	DIST_IRQ(SV_GICD_ITARGETSR, 8, ACC_32_8, RAZ, WI, NULL, NULL),
	DIST_IRQ(SV_GICD_ICFGR, 2, ACC_32, sv_vgic_mmio_read_config,
		 sv_vgic_mmio_write_config, NULL, NULL),
	DIST_IRQ(SV_GICD_IGRPMODR, 1, ACC_32, RAZ, WI, NULL, NULL),
	DIST_IRQ(SV_GICD_IROUTER, 64, ACC_64_32, sv_vgic_v3_read_irouter,
		 sv_vgic_v3_write_irouter, NULL, NULL),
	REG(SV_GICD_IDREGS, 48, ACC_32, sv_vgic_v3_read_idregs, WI),
};
const unsigned int sv_vgic_v3_nr_dist_regs = ARRAY_SIZE(sv_vgic_v3_dist_regs);

/* Offsets from RD_base; SGI_base is the second 64 KiB frame. */
const struct sv_vgic_reg sv_vgic_v3_rd_regs[] = {
	REG(SV_GICR_CTLR, 4, ACC_32, sv_vgic_v3_read_rctlr, sv_vgic_v3_write_rctlr),
	REG(SV_GICR_IIDR, 4, ACC_32, sv_vgic_v3_read_riidr, WI),
	/* Userspace may write TYPER back on restore: ignored. */
	REG_U(SV_GICR_TYPER, 8, ACC_64_32, sv_vgic_v3_read_rtyper, WI,
	      NULL, sv_vgic_mmio_uwi),
	REG(SV_GICR_STATUSR, 4, ACC_32, RAZ, WI),
	REG(SV_GICR_WAKER, 4, ACC_32, sv_vgic_v3_read_rwaker,
	    sv_vgic_v3_write_rwaker),
	/* LPI tables and invalidation (vgic-lpi.c): GICR_CTLR.IR says INVLPIR works. */
	REG(SV_GICR_PROPBASER, 8, ACC_64_32, sv_vgic_v3_read_propbaser,
	    sv_vgic_v3_write_propbaser),
	REG(SV_GICR_PENDBASER, 8, ACC_64_32, sv_vgic_v3_read_pendbaser,
	    sv_vgic_v3_write_pendbaser),
	REG(SV_GICR_INVLPIR, 8, ACC_64_32, RAZ, sv_vgic_v3_write_invlpir),
	REG(SV_GICR_INVALLR, 8, ACC_64_32, RAZ, sv_vgic_v3_write_invallr),
	REG(SV_GICR_SYNCR, 4, ACC_32, RAZ, WI),		/* never busy */
	REG(SV_GICD_IDREGS, 48, ACC_32, sv_vgic_v3_read_idregs, WI),
	/* SGI_base */
	RD_IRQ(SV_GICD_IGROUPR, 1, ACC_32, sv_vgic_mmio_read_group,
	       sv_vgic_mmio_write_group, NULL, NULL),
	RD_IRQ(SV_GICD_ISENABLER, 1, ACC_32, sv_vgic_mmio_read_enable,
	       sv_vgic_mmio_write_senable, NULL, NULL),
	RD_IRQ(SV_GICD_ICENABLER, 1, ACC_32, sv_vgic_mmio_read_enable,
	       sv_vgic_mmio_write_cenable, NULL, NULL),
	RD_IRQ(SV_GICD_ISPENDR, 1, ACC_32, sv_vgic_mmio_read_pending,
	       sv_vgic_mmio_write_spending, sv_vgic_mmio_uread_pending,
	       sv_vgic_mmio_uwrite_pending),
	RD_IRQ(SV_GICD_ICPENDR, 1, ACC_32, sv_vgic_mmio_read_pending,
	       sv_vgic_mmio_write_cpending, RAZ, sv_vgic_mmio_uwi),
	RD_IRQ(SV_GICD_ISACTIVER, 1, ACC_32, sv_vgic_mmio_read_active,
	       sv_vgic_mmio_write_sactive, NULL, NULL),
	RD_IRQ(SV_GICD_ICACTIVER, 1, ACC_32, sv_vgic_mmio_read_active,
	       sv_vgic_mmio_write_cactive, NULL, NULL),
	RD_IRQ(SV_GICD_IPRIORITYR, 8, ACC_32_8, sv_vgic_mmio_read_priority,
	       sv_vgic_mmio_write_priority, NULL, NULL),
	/* ICFGR0 (SGIs: edge) and ICFGR1 (PPIs): read-only, see the handler. */
	RD_IRQ(SV_GICD_ICFGR, 2, ACC_32, sv_vgic_mmio_read_config,
	       sv_vgic_mmio_write_config, NULL, NULL),
	REG(SV_GICR_SGI(SV_GICD_IGRPMODR), 4, ACC_32, RAZ, WI),
	REG(SV_GICR_SGI(SV_GICD_NSACR), 4, ACC_32, RAZ, WI),
};
const unsigned int sv_vgic_v3_nr_rd_regs = ARRAY_SIZE(sv_vgic_v3_rd_regs);
