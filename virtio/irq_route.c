// SPDX-License-Identifier: GPL-2.0
/* GSI routing table checks and lookups (see irq_route.h). */
#include "irq_route.h"

#ifdef __KERNEL__
#include <linux/nospec.h>
#else
#define array_index_nospec(i, n)	(i)
#endif

int sv_irq_routing_size(const struct kvm_irq_routing_entry *ue, __u32 nr, __u32 *nr_gsi)
{
	__u32 i, max_gsi = 0;

	for (i = 0; i < nr; i++) {
		if (ue[i].gsi >= SV_MAX_IRQ_ROUTES)
			return -EINVAL;
		if (ue[i].gsi > max_gsi)
			max_gsi = ue[i].gsi;
	}
	/* As upstream, an empty table still has room for GSI 0. */
	*nr_gsi = max_gsi + 1;
	return 0;
}

void sv_irq_routing_init(struct sv_irq_routing *rt, __u32 nr_gsi)
{
	unsigned int i;

	rt->nr_gsi = nr_gsi;
	for (i = 0; i < SV_IRQCHIP_NUM_PINS; i++)
		rt->chip_gsi[i] = -1;
}

/* One entry (upstream's setup_routing_entry + kvm_set_routing_entry). */
static int sv_irq_route_add(struct sv_irq_routing *rt,
			    const struct kvm_irq_routing_entry *ue)
{
	__u32 gsi;
	struct sv_irq_route *r;

	if (ue->gsi >= rt->nr_gsi)
		return -EINVAL;
	gsi = array_index_nospec(ue->gsi, rt->nr_gsi);
	r = &rt->map[gsi];
	if (ue->type == KVM_IRQ_ROUTING_MSI) {
		if (ue->flags & ~KVM_MSI_VALID_DEVID)
			return -EINVAL;
	} else if (ue->flags) {
		return -EINVAL;
	}
	/* One irqchip: any second entry for a GSI is refused. */
	if (r->type)
		return -EINVAL;

	switch (ue->type) {
	case KVM_IRQ_ROUTING_IRQCHIP:
		if (ue->u.irqchip.irqchip >= SV_NR_IRQCHIPS ||
		    ue->u.irqchip.pin >= SV_IRQCHIP_NUM_PINS)
			return -EINVAL;
		r->pin = ue->u.irqchip.pin;
		/* Several GSIs on one pin: the last one gets the EOIs. */
		rt->chip_gsi[r->pin] = gsi;
		break;
	case KVM_IRQ_ROUTING_MSI:
		r->msi.address_lo = ue->u.msi.address_lo;
		r->msi.address_hi = ue->u.msi.address_hi;
		r->msi.data = ue->u.msi.data;
		r->msi.flags = ue->flags;
		r->msi.devid = ue->u.msi.devid;
		break;
	default:
		return -EINVAL;
	}
	r->type = ue->type;
	return 0;
}

int sv_irq_routing_fill(struct sv_irq_routing *rt, const struct kvm_irq_routing_entry *ue,
			__u32 nr)
{
	__u32 i;
	int ret;

	for (i = 0; i < nr; i++) {
		ret = sv_irq_route_add(rt, &ue[i]);
		if (ret)
			return ret;
	}
	return 0;
}

const struct sv_irq_route *sv_irq_routing_get(const struct sv_irq_routing *rt, __u32 gsi)
{
	if (gsi >= rt->nr_gsi)
		return NULL;
	gsi = array_index_nospec(gsi, rt->nr_gsi);
	return rt->map[gsi].type ? &rt->map[gsi] : NULL;
}
