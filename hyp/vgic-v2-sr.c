// SPDX-License-Identifier: GPL-2.0
/*
 * The GICv2 virtual interface control (GICH) at EL2: load a vCPU's list
 * registers, VMCR and active priorities before entry, store them back at
 * exit.  The frame is memory-mapped: the host maps it into EL2 as
 * Device-nGnRE and publishes its EL2 address in struct sv_hyp_cpu.gich_va
 * (the frame is banked per CPU at one address, IHI 0048B 5.3).  The guest
 * reaches its CPU interface (GICV) through stage 2 without exits.
 * Invariant, as for the v3 interface: outside a guest run every list
 * register is zero and GICH_HCR is 0.
 */
#include "sv_hyp_sysreg.h"
#include "sv_hyp.h"

static sv_u32 __gich_read(sv_u64 gich, unsigned int off)
{
	return sv_mmio_read32(gich + off);
}

static void __gich_write(sv_u64 gich, unsigned int off, sv_u32 v)
{
	sv_mmio_write32(v, gich + off);
}

/* At most SV_VGIC_MAX_LRS of the (up to 64) implemented LRs are used. */
static unsigned int __nr_lrs(sv_u64 gich)
{
	unsigned int n = SV_GICH_VTR_LISTREGS(__gich_read(gich, SV_GICH_VTR));

	return n < SV_VGIC_MAX_LRS ? n : SV_VGIC_MAX_LRS;
}

/* Pairs with __sv_vgic_v2_save. */
void __sv_vgic_v2_restore(struct sv_vgic_v3_cpu_if *cif, sv_u64 gich)
{
	sv_u64 used = SV_READ_ONCE(cif->used_lrs);
	unsigned int i, nr = __nr_lrs(gich);

	if (used > nr)
		used = nr;
	cif->used_lrs = used;
	__gich_write(gich, SV_GICH_VMCR, (sv_u32)cif->vmcr);
	__gich_write(gich, SV_GICH_APR, (sv_u32)cif->ap0r[0]);
	for (i = 0; i < used; i++)
		__gich_write(gich, SV_GICH_LR0 + 4 * i, (sv_u32)cif->lr[i]);
	/* Enable last: the interface starts with the complete state. */
	__gich_write(gich, SV_GICH_HCR, (sv_u32)cif->hcr);
}

void __sv_vgic_v2_save(struct sv_vgic_v3_cpu_if *cif, sv_u64 gich)
{
	unsigned int i;

	cif->misr = __gich_read(gich, SV_GICH_MISR);
	cif->eisr = __gich_read(gich, SV_GICH_EISR0) |
		    (sv_u64)__gich_read(gich, SV_GICH_EISR1) << 32;
	cif->elrsr = __gich_read(gich, SV_GICH_ELRSR0) |
		     (sv_u64)__gich_read(gich, SV_GICH_ELRSR1) << 32;
	cif->vmcr = __gich_read(gich, SV_GICH_VMCR);
	cif->ap0r[0] = __gich_read(gich, SV_GICH_APR);
	/* used_lrs was clamped at restore. */
	for (i = 0; i < cif->used_lrs; i++) {
		cif->lr[i] = __gich_read(gich, SV_GICH_LR0 + 4 * i);
		__gich_write(gich, SV_GICH_LR0 + 4 * i, 0);
	}
	/* Disabled, the interface raises no maintenance IRQ for the host. */
	__gich_write(gich, SV_GICH_HCR, 0);
}

/* Panic path: whatever state the guest left, the host gets a quiet interface. */
void __sv_vgic_v2_reset(sv_u64 gich)
{
	unsigned int i, nr = __nr_lrs(gich);

	__gich_write(gich, SV_GICH_HCR, 0);
	for (i = 0; i < nr; i++)
		__gich_write(gich, SV_GICH_LR0 + 4 * i, 0);
	__gich_write(gich, SV_GICH_APR, 0);
}
