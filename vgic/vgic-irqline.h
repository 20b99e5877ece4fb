/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Injection requested by userspace or by routed GSIs that is not tied to
 * a device model: KVM_IRQ_LINE and MSIs (vgic/vgic-irqline.c).
 */
#ifndef SV_VGIC_IRQLINE_H
#define SV_VGIC_IRQLINE_H

#include <linux/kvm.h>
#include <linux/types.h>

struct sv_vm;

/* KVM_IRQ_LINE / KVM_IRQ_LINE_STATUS with the arm64 irq field layout. */
int sv_vgic_irq_line(struct sv_vm *vm, const struct kvm_irq_level *irq);

/*
 * Deliver one MSI (an MSI route of the GSI table, later KVM_SIGNAL_MSI).
 * MSIs reach a vGICv3 only through an ITS, which does not exist yet, so
 * this returns -ENODEV as upstream does without an ITS.  Contract for the
 * ITS that replaces it: with can_sleep false the caller has IRQs off
 * (an eventfd wake-up), so a translation that needs to sleep (walking
 * guest tables) returns -EWOULDBLOCK and the caller retries from process
 * context with can_sleep true.
 */
int sv_vgic_inject_msi(struct sv_vm *vm, const struct kvm_msi *msi, bool can_sleep);

#endif /* SV_VGIC_IRQLINE_H */
