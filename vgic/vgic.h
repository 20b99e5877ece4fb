/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtual GIC's internals (vgic/ only; the rest of the module uses
 * sv_vgic.h): interrupt state, the per-vCPU lists of interrupts that
 * must reach the guest, flush into / sync from the list registers around
 * each run, and the register emulation.
 *
 * Locking: one spinlock per VM (vm->vgic.lock, IRQ-safe: injection comes
 * from hrtimers and eventfd wakeups) covers every struct sv_vgic_irq, the
 * distributor state and every vCPU's ap_list.  Functions named *_locked
 * expect it held.  Kicks decided under the lock are sent after it is
 * dropped (sv_vgic_unlock()).
 */
#ifndef SV_VGIC_H
#define SV_VGIC_H

#include "sv_core.h"
#include "sv_vgic.h"

/* ---- vgic/vgic.c: state, queueing ---- */
int sv_vgic_init_locked(struct sv_vm *vm);	/* allocate SPIs (vm->lock held) */
int sv_vgic_init(struct sv_vm *vm);		/* the same, plus default GSI routes */

unsigned long sv_vgic_lock(struct sv_vm *vm);
void sv_vgic_unlock(struct sv_vm *vm, unsigned long flags);	/* + send kicks */

/* NULL if intid does not exist (private ones need the vCPU). */
struct sv_vgic_irq *sv_vgic_get_irq(struct sv_vm *vm, struct sv_vcpu *vcpu, u32 intid);
/* Where an SPI goes now (v3 IROUTER / v2 ITARGETSR), NULL if nowhere. */
struct sv_vcpu *sv_vgic_target_locked(struct sv_vm *vm, struct sv_vgic_irq *irq);
static inline bool sv_vgic_irq_pending(const struct sv_vgic_irq *irq)
{
	return irq->pending_latch || (!irq->edge && irq->line_level);
}
/*
 * After any change to irq's state, routing, enable or priority: put it
 * on (or take it off) the ap_list of the vCPU that must see it, and mark
 * that vCPU for a kick.  Lock held.
 */
void sv_vgic_update_locked(struct sv_vm *vm, struct sv_vgic_irq *irq);
/* Mark a vCPU to be kicked at sv_vgic_unlock(). */
void sv_vgic_kick_locked(struct sv_vm *vm, struct sv_vcpu *vcpu);

/* A trapped ICC_SGI1R_EL1/ICC_ASGI1R_EL1 (group0 false) or ICC_SGI0R_EL1 write. */
void sv_vgic_v3_sgi(struct sv_vcpu *vcpu, u64 sgir, bool group0);
/*
 * SV_FAST_SGI, the host's side (vgic-v3-ipi.c): the route table EL2 reads
 * (create when the vGIC becomes ready, vm->lock held; publish to a vCPU
 * before KVM_RUN; destroy with the VM); before an entry, with the lock:
 * the posted SGIs into the emulation (drain) and the SGI config and the
 * SGIs pending outside the list registers for EL2 (publish); after the
 * exit, the list registers EL2 filled (fold).
 */
void sv_vgic_sgi_route_create(struct sv_vm *vm);
void sv_vgic_sgi_route_publish(struct sv_vcpu *vcpu);
void sv_vgic_sgi_route_destroy(struct sv_vm *vm);
void sv_vgic_sgi_drain_locked(struct sv_vcpu *vcpu);
void sv_vgic_sgi_drain(struct sv_vcpu *vcpu);
void sv_vgic_sgi_publish_locked(struct sv_vcpu *vcpu);
void sv_vgic_sgi_fold_locked(struct sv_vcpu *vcpu, unsigned int from, unsigned int to);
static inline bool sv_vgic_sgi_on(struct sv_vcpu *vcpu)
{
	return READ_ONCE(vcpu->hyp->sgi.route) != 0;
}
static inline void sv_vgic_sgi_cfg_changed(struct sv_vm *vm)
{
	WRITE_ONCE(vm->vgic.sgi_cfg_gen, vm->vgic.sgi_cfg_gen + 1);
}
/* vgic-its.c: an ITS frame (1 handled, 0 not one); vgic-lpi.c: LPI work the
 * register handlers left for outside the vGIC lock (both may sleep). */
int sv_vgic_its_mmio(struct sv_vcpu *vcpu, struct sv_mmio *m);
bool sv_vgic_its_claims(struct sv_vm *vm, u64 ipa);
void sv_vgic_lpi_sync_deferred(struct sv_vm *vm);

/* ---- vgic/vgic-mmio-v3.c: GICD and GICR registers ---- */
/*
 * One access to the distributor (offset from its base) or to the
 * redistributor of `rd` (offset from RD_base; SGI_base is +64 KiB).
 * `vcpu` is who accesses (a guest vCPU, or NULL for userspace);
 * uaccess selects the save/restore semantics of the device attributes.
 * Returns 0, or -ENXIO for an offset that is not a register (the guest
 * gets RAZ/WI from the caller; userspace gets -ENXIO).
 */
int sv_vgic_v3_dist_access(struct sv_vm *vm, struct sv_vcpu *vcpu, u32 offset,
			   unsigned int len, u64 *val, bool write, bool uaccess);
int sv_vgic_v3_redist_access(struct sv_vcpu *rd, struct sv_vcpu *vcpu, u32 offset,
			     unsigned int len, u64 *val, bool write, bool uaccess);
/* KVM_DEV_ARM_VGIC_GRP_{DIST,REDIST}_REGS and GRP_LEVEL_INFO. */
int sv_vgic_v3_attr_regs(struct sv_vm *vm, u32 group, u64 attr, u32 *val, bool write);
int sv_vgic_v3_has_attr_regs(struct sv_vm *vm, u32 group, u64 attr);

/*
 * ---- vgic/vgic-v3-snap.c: the distributor snapshot EL2 serves reads from ----
 * create: the vGIC became ready (vm->lock held); written_locked: a
 * distributor write of len bytes at offset, in the same vGIC lock hold;
 * refresh: whole, after another change of a served value (takes the
 * lock); publish: tell this vCPU's EL2 state (before KVM_RUN).
 */
void sv_vgic_v3_snap_create(struct sv_vm *vm);
void sv_vgic_v3_snap_written_locked(struct sv_vm *vm, u32 offset, unsigned int len);
void sv_vgic_v3_snap_refresh(struct sv_vm *vm);
void sv_vgic_v3_snap_publish(struct sv_vcpu *vcpu);
void sv_vgic_v3_snap_destroy(struct sv_vm *vm);

/* ---- vgic/vgic-sys-v3.c: ICC_* for KVM_DEV_ARM_VGIC_GRP_CPU_SYSREGS ---- */
int sv_vgic_v3_attr_sysreg(struct sv_vm *vm, u64 attr, u64 *val, bool write);
int sv_vgic_v3_has_attr_sysreg(struct sv_vm *vm, u64 attr);
/* The vCPU an attribute's KVM_DEV_ARM_VGIC_V3_MPIDR field names, or NULL. */
struct sv_vcpu *sv_vgic_v3_attr_vcpu(struct sv_vm *vm, u64 attr);

/* ---- vgic/vgic-v2.c: what a vGICv2 adds to the core ---- */
/*
 * Flush: the list registers for best[0..n) (sorted, vGIC lock held);
 * returns how many were filled, *left if something did not fit.
 */
unsigned int sv_vgic_v2_fill_lrs(struct sv_vcpu *vcpu, struct sv_vgic_irq **best,
				 unsigned int n, bool *left);
/* First run: map the host's GICV at the guest's GICC region (vm->lock held). */
int sv_vgic_v2_map_resources(struct sv_vm *vm);
/* KVM_DEV_ARM_VGIC_GRP_CPU_REGS: GICC_* of a vCPU as GICH_VMCR/APR hold them. */
int sv_vgic_v2_cpuif_access(struct sv_vcpu *vcpu, u32 offset, u32 *val, bool write);
bool sv_vgic_v2_cpuif_exists(u32 offset);

/* ---- vgic/vgic-mmio-v2.c: GICD of a vGICv2 ---- */
/* vcpu: whose banked SGI/PPI fields (the accessor, or the attribute's CPU). */
int sv_vgic_v2_dist_access(struct sv_vm *vm, struct sv_vcpu *vcpu, u32 offset,
			   unsigned int len, u64 *val, bool write, bool uaccess);
bool sv_vgic_v2_dist_exists(struct sv_vm *vm, u32 offset);
/* Guest access to the GICD frame: 1 handled, 0 not a vGIC address. */
int sv_vgic_v2_mmio(struct sv_vcpu *vcpu, struct sv_mmio *m);
bool sv_vgic_v2_claims(struct sv_vm *vm, u64 ipa);

/* ---- vgic/vgic-dev.c ---- */
/* vCPU lookup by MPIDR affinity (IROUTER, SGIs, attrs); NULL if none. */
struct sv_vcpu *sv_vgic_vcpu_by_mpidr(struct sv_vm *vm, u64 mpidr);

#endif /* SV_VGIC_H */
