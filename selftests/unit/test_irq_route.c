// SPDX-License-Identifier: GPL-2.0
/* GSI routing table checks and lookups (virtio/irq_route.c), natively. */
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "irq_route.h"

#define MAXE 8

static struct kvm_irq_routing_entry ue[MAXE];
static unsigned int nue;

static void chip(__u32 gsi, __u32 irqchip, __u32 pin, __u32 flags)
{
	struct kvm_irq_routing_entry *e = &ue[nue++];

	memset(e, 0, sizeof(*e));
	e->gsi = gsi;
	e->type = KVM_IRQ_ROUTING_IRQCHIP;
	e->flags = flags;
	e->u.irqchip.irqchip = irqchip;
	e->u.irqchip.pin = pin;
}

static void msi(__u32 gsi, __u32 flags, __u32 data, __u32 devid)
{
	struct kvm_irq_routing_entry *e = &ue[nue++];

	memset(e, 0, sizeof(*e));
	e->gsi = gsi;
	e->type = KVM_IRQ_ROUTING_MSI;
	e->flags = flags;
	e->u.msi.address_lo = 0x08090040;
	e->u.msi.data = data;
	e->u.msi.devid = devid;
}

/* Build like KVM_SET_GSI_ROUTING, then drop the table. */
static int try(void)
{
	struct sv_irq_routing *rt;
	unsigned int n = nue;
	__u32 nr_gsi;
	int ret;

	ret = sv_irq_routing_size(ue, n, &nr_gsi);
	nue = 0;
	if (ret)
		return ret;
	rt = calloc(1, sizeof(*rt) + nr_gsi * sizeof(rt->map[0]));
	sv_irq_routing_init(rt, nr_gsi);
	ret = sv_irq_routing_fill(rt, ue, n);
	free(rt);
	return ret;
}

int main(void)
{
	struct sv_irq_routing *rt;
	const struct sv_irq_route *r;
	__u32 nr_gsi;
	unsigned int n;

	TAP_EQ(sv_irq_routing_size(ue, 0, &nr_gsi), 0, "empty table");
	TAP_EQ(nr_gsi, 1, "... still sized for GSI 0, as upstream");

	chip(4095, 0, 0, 0);
	TAP_EQ(try(), 0, "GSI 4095 (KVM_MAX_IRQ_ROUTES - 1)");
	chip(4096, 0, 0, 0);
	TAP_EQ(try(), -EINVAL, "GSI 4096");
	chip(~0U - 32, 0, 0, 0);
	TAP_EQ(try(), -EINVAL, "GSI of intid ~0U (vgic_irq's bad intid)");

	chip(0, 0, 987, 0);
	TAP_EQ(try(), 0, "pin 987: SPI 1019");
	chip(0, 0, 988, 0);
	TAP_EQ(try(), -EINVAL, "pin 988 (KVM_IRQCHIP_NUM_PINS)");
	chip(0, 1, 0, 0);
	TAP_EQ(try(), -EINVAL, "irqchip 1");
	chip(0, 0, 0, 1);
	TAP_EQ(try(), -EINVAL, "irqchip entry with flags");

	chip(3, 0, 1, 0);
	chip(3, 0, 2, 0);
	TAP_EQ(try(), -EINVAL, "two irqchip entries for one GSI");
	chip(3, 0, 1, 0);
	msi(3, 0, 1, 0);
	TAP_EQ(try(), -EINVAL, "irqchip and MSI on one GSI");
	msi(3, 0, 1, 0);
	msi(3, 0, 2, 0);
	TAP_EQ(try(), -EINVAL, "two MSIs on one GSI");
	msi(3, KVM_MSI_VALID_DEVID, 1, 7);
	TAP_EQ(try(), 0, "MSI with a device ID");
	msi(3, 2, 1, 7);
	TAP_EQ(try(), -EINVAL, "MSI with an unknown flag");
	chip(1, 0, 0, 0);
	ue[0].type = KVM_IRQ_ROUTING_S390_ADAPTER;
	nue = 1;
	TAP_EQ(try(), -EINVAL, "adapter routes do not exist on arm64");
	chip(1, 0, 0, 0);
	ue[0].type = 0;
	TAP_EQ(try(), -EINVAL, "type 0");

	/* A table to look into. */
	chip(0, 0, 5, 0);
	chip(9, 0, 5, 0);		/* second GSI on pin 5: gets the EOIs */
	msi(4, KVM_MSI_VALID_DEVID, 0x33, 0x10);
	chip(2, 0, 0, 0);
	n = nue;
	TAP_EQ(sv_irq_routing_size(ue, n, &nr_gsi), 0, "sized");
	TAP_EQ(nr_gsi, 10, "... up to GSI 9");
	rt = calloc(1, sizeof(*rt) + nr_gsi * sizeof(rt->map[0]));
	sv_irq_routing_init(rt, nr_gsi);
	TAP_EQ(sv_irq_routing_fill(rt, ue, n), 0, "filled");
	nue = 0;
	r = sv_irq_routing_get(rt, 0);
	TAP_CHECK(r && r->type == KVM_IRQ_ROUTING_IRQCHIP && r->pin == 5, "GSI 0 -> pin 5");
	r = sv_irq_routing_get(rt, 4);
	TAP_CHECK(r && r->type == KVM_IRQ_ROUTING_MSI && r->msi.data == 0x33 &&
		  r->msi.devid == 0x10 && r->msi.flags == KVM_MSI_VALID_DEVID &&
		  r->msi.address_lo == 0x08090040, "GSI 4 -> the MSI as given");
	TAP_CHECK(!sv_irq_routing_get(rt, 1), "GSI 1 has no route");
	TAP_CHECK(!sv_irq_routing_get(rt, 10), "GSI 10 is beyond the table");
	TAP_CHECK(!sv_irq_routing_get(rt, ~0U), "GSI ~0U is beyond the table");
	TAP_EQ(rt->chip_gsi[5], 9, "pin 5 reports EOIs for the last GSI on it");
	TAP_EQ(rt->chip_gsi[0], 2, "pin 0 -> GSI 2");
	TAP_EQ(rt->chip_gsi[1], -1, "pin 1 unrouted");
	free(rt);
	return tap_done();
}
