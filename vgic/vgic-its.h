/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LPIs (vgic/vgic-lpi.c) and the virtual ITS (vgic/vgic-its.c).
 *
 * Lifetimes: an LPI's struct sv_vgic_irq, once allocated for an INTID,
 * lives until the VM is destroyed and is reused whenever that INTID is
 * mapped again.  The run loop keeps raw pointers to queued interrupts
 * (ap_list, lr_irq[]) across the vGIC lock, so freeing one on DISCARD
 * would need reference counts everywhere; an unmapped LPI just loses its
 * target and pending state instead.  ITSs also live as long as the VM.
 *
 * Locking, outermost first:
 *   its->cmd_lock (mutex): command queue, registers, attributes, tables;
 *   its->lock (spinlock, IRQ-safe): the device/event/collection maps as
 *     MSI translation reads them in atomic context (irqfd wake-ups);
 *   vm->vgic.lock: every struct sv_vgic_irq (target, pending, ...).
 * Guest memory is only touched with the mutex held or from the VMM's
 * process (it is copied through the VMM's mappings), never under a
 * spinlock: MSI translation uses only host-side state.
 */
#ifndef SV_VGIC_ITS_H
#define SV_VGIC_ITS_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/xarray.h>

#include "vgic.h"
#include "vgic-its-abi.h"

struct sv_mmio;
struct kvm_msi;

struct sv_vgic_lpis {
	struct xarray irqs;		/* INTID -> struct sv_vgic_irq *, never erased */
	struct list_head its_list;	/* struct sv_its, RCU for MSI lookups */
};

/* ---- vgic/vgic-lpi.c ---- */
/* Create vm->vgic.lpis once (first ITS); vm->lock held. */
int sv_vgic_lpis_init(struct sv_vm *vm);
void sv_vgic_lpi_destroy(struct sv_vm *vm);		/* VM destroy */
/* The LPI object of intid, or NULL: lock-free, any context. */
struct sv_vgic_irq *sv_vgic_lpi_get(struct sv_vm *vm, u32 intid);
/* ... or allocate it (process context); ERR_PTR on failure. */
struct sv_vgic_irq *sv_vgic_lpi_alloc(struct sv_vm *vm, u32 intid);
/* Re-read an LPI's priority/enable from the property table (sleeps). */
int sv_vgic_lpi_read_prop(struct sv_vm *vm, struct sv_vgic_irq *irq);
/* INVALL: re-read every LPI targeting vcpu (NULL: all of them). */
void sv_vgic_lpi_invall(struct sv_vm *vm, struct sv_vcpu *vcpu);
/* Move every LPI targeting from to to (MOVALL).  vGIC lock not held. */
void sv_vgic_lpi_move_all(struct sv_vm *vm, struct sv_vcpu *from, struct sv_vcpu *to);
/* KVM_DEV_ARM_VGIC_SAVE_PENDING_TABLES: pending bits back to guest RAM. */
int sv_vgic_lpi_save_pending(struct sv_vm *vm);

/* ---- vgic/vgic-its.c ---- */
int sv_vgic_its_create_device(struct sv_vm *vm, struct kvm_create_device *cd);
void sv_vgic_its_destroy_all(struct sv_vm *vm);	/* VM destroy */

#endif /* SV_VGIC_ITS_H */
