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
 * Deliver one MSI (an MSI route of the GSI table, KVM_SIGNAL_MSI) through
 * the ITS whose frame holds the address (vgic/vgic-its.c), with upstream
 * 6.1's kvm_set_msi() results: 1 delivered, 0 not mapped by the guest,
 * -ENODEV no ITS, -EINVAL no DeviceID or no ITS there, -EBUSY ITS or LPIs
 * disabled.  With can_sleep false the caller has IRQs off (an eventfd
 * wake-up); a translation that had to sleep would return -EWOULDBLOCK
 * for a retry from process context, but the ITS keeps its maps in host
 * memory and never needs to.
 */
int sv_vgic_inject_msi(struct sv_vm *vm, const struct kvm_msi *msi, bool can_sleep);

#endif /* SV_VGIC_IRQLINE_H */
