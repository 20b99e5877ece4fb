/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GSI routing table itself: building it from KVM_SET_GSI_ROUTING's
 * entries with upstream 6.1's checks (virt/kvm/irqchip.c, arm64's
 * vgic-irqfd.c) and looking GSIs up.  Pure logic (virtio/irq_route.c),
 * also built natively by selftests/unit; allocation, RCU and delivery
 * are in virtio/irq_routing.c.
 */
#ifndef SV_IRQ_ROUTE_H
#define SV_IRQ_ROUTE_H

#include "sv_pure.h"

#define SV_MAX_IRQ_ROUTES	4096		/* upstream's KVM_MAX_IRQ_ROUTES */
#define SV_IRQCHIP_NUM_PINS	(1020 - 32)	/* arm64 KVM_IRQCHIP_NUM_PINS: SPIs */
#define SV_NR_IRQCHIPS		1		/* asm/kvm.h KVM_NR_IRQCHIPS */

/* One GSI's destination; type 0 means the GSI has no route. */
struct sv_irq_route {
	__u32 type;			/* KVM_IRQ_ROUTING_IRQCHIP / _MSI */
	union {
		__u32 pin;		/* IRQCHIP: SPI INTID - 32 */
		struct kvm_msi msi;	/* MSI: flags = KVM_MSI_VALID_DEVID or 0 */
	};
};

/*
 * An installed table.  With one irqchip each GSI has at most one route
 * (upstream refuses a second irqchip entry and any non-irqchip
 * duplicate), so it is indexed by GSI.
 */
struct sv_irq_routing {
	__u32 nr_gsi;			/* highest GSI in the table + 1 */
	/* pin -> the GSI the vGIC's EOI is reported for, -1 if none */
	__s16 chip_gsi[SV_IRQCHIP_NUM_PINS];
	struct sv_irq_route map[];	/* [nr_gsi] */
};

/* Every gsi < SV_MAX_IRQ_ROUTES (-EINVAL); *nr_gsi = the table size needed. */
int sv_irq_routing_size(const struct kvm_irq_routing_entry *ue, __u32 nr, __u32 *nr_gsi);
/* rt has room for nr_gsi routes and is zeroed: mark every pin unrouted. */
void sv_irq_routing_init(struct sv_irq_routing *rt, __u32 nr_gsi);
/* Add the user's entries in order; the first bad one gives -EINVAL. */
int sv_irq_routing_fill(struct sv_irq_routing *rt, const struct kvm_irq_routing_entry *ue,
			__u32 nr);
/* The route of gsi, or NULL. */
const struct sv_irq_route *sv_irq_routing_get(const struct sv_irq_routing *rt, __u32 gsi);

#endif /* SV_IRQ_ROUTE_H */
