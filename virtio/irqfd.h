/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interrupts signalled by other kernel objects or by userspace without a
 * vCPU exit: GSI routing (KVM_SET_GSI_ROUTING) and irqfds (KVM_IRQFD),
 * with upstream 6.1's ABI and errnos.
 *
 * A GSI is a number userspace picks; the routing table maps it to an SPI
 * pin (INTID pin + 32) or to an MSI.  An irqfd binds an eventfd to a GSI:
 * each write to the eventfd raises the GSI from the eventfd's wake-up
 * callback, in atomic context with IRQs off.
 *
 * Locking (per VM, struct sv_irqfd_vm):
 *   mutex  - replacing the routing table, the resampler lists, and the
 *            window in which an irqfd is being hooked onto its eventfd;
 *   lock   - the list of active irqfds (IRQ-safe: EPOLLHUP arrives in
 *            the eventfd's wake-up callback);
 *   RCU    - readers of the routing table and of the resampler lists
 *            (injection and the vGIC's EOI notification).
 * Order: eventfd wait-queue lock -> lock -> vgic.lock; mutex -> vgic.lock.
 */
#ifndef SV_IRQFD_H
#define SV_IRQFD_H

#include <linux/kvm.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "irq_route.h"

struct sv_vm;
struct workqueue_struct;

/* struct sv_vm.irqfd */
struct sv_irqfd_vm {
	struct mutex mutex;
	spinlock_t lock;
	struct list_head items;		/* active irqfds (lock) */
	struct list_head resamplers;	/* RCU; written under mutex */
	/* NULL: upstream's default identity map, GSI n -> SPI n + 32. */
	struct sv_irq_routing __rcu *routing;
	struct workqueue_struct *wq;	/* irqfd shutdowns; drained at VM destroy */
};

/* ---- virtio/irqfd.c ---- */
int sv_irqfd_vm_init(struct sv_vm *vm);		/* KVM_CREATE_VM */
void sv_irqfd_vm_destroy(struct sv_vm *vm);	/* idempotent; before vCPUs go */
int sv_irqfd(struct sv_vm *vm, const struct kvm_irqfd *args);	/* KVM_IRQFD */
/* Routing changed (mutex held): move the resample marks. */
void sv_irqfd_routing_changed_locked(struct sv_vm *vm);

/* ---- virtio/irq_routing.c ---- */
/* KVM_SET_GSI_ROUTING; argp is the user's struct kvm_irq_routing. */
int sv_set_gsi_routing(struct sv_vm *vm, void __user *argp);
/*
 * Install the default identity map, as upstream does when the vGIC is
 * initialised (it replaces whatever userspace set before).  For the vGIC
 * init path; process context.
 */
void sv_irq_routing_default(struct sv_vm *vm);
/* Copy gsi's route out; false if it has none.  RCU read side or mutex held. */
bool sv_irq_route_lookup(struct sv_vm *vm, u32 gsi, struct sv_irq_route *out);
/* The GSI an EOI of SPI pin is reported for, -1 if none.  RCU held. */
int sv_irq_route_pin_gsi(struct sv_vm *vm, u32 pin);
/*
 * Deliver `level` through a route.  can_sleep false: atomic context; an
 * MSI that needs process context gives -EWOULDBLOCK.  <0 not delivered.
 */
int sv_irq_route_set(struct sv_vm *vm, const struct sv_irq_route *r, bool level,
		     bool can_sleep);
/* Resolve gsi and deliver (upstream's kvm_set_irq). */
int sv_irq_set_gsi(struct sv_vm *vm, u32 gsi, bool level, bool can_sleep);
void sv_irq_routing_free(struct sv_vm *vm);	/* VM destroy */

#endif /* SV_IRQFD_H */
