// SPDX-License-Identifier: GPL-2.0
/*
 * GSI routing: KVM_SET_GSI_ROUTING builds a new table (checked by
 * virtio/irq_route.c as upstream 6.1 does) and swaps it in under RCU;
 * irqfd wake-ups resolve their GSI in it in atomic context.
 */
#include <linux/nospec.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "irqfd.h"
#include "sv_core.h"
#include "sv_vgic.h"

static struct sv_irq_routing *sv_irq_routing_deref(struct sv_vm *vm)
{
	return rcu_dereference_check(vm->irqfd.routing,
				     lockdep_is_held(&vm->irqfd.mutex));
}

bool sv_irq_route_lookup(struct sv_vm *vm, u32 gsi, struct sv_irq_route *out)
{
	struct sv_irq_routing *rt = sv_irq_routing_deref(vm);
	const struct sv_irq_route *r;

	if (!rt) {
		/* The default map covers the SPIs the vGIC was given. */
		if (gsi >= min_t(u32, sv_vgic_nr_spis(vm), SV_IRQCHIP_NUM_PINS))
			return false;
		out->type = KVM_IRQ_ROUTING_IRQCHIP;
		out->pin = gsi;
		return true;
	}
	r = sv_irq_routing_get(rt, gsi);
	if (!r)
		return false;
	*out = *r;
	return true;
}

int sv_irq_route_pin_gsi(struct sv_vm *vm, u32 pin)
{
	struct sv_irq_routing *rt = sv_irq_routing_deref(vm);

	if (pin >= SV_IRQCHIP_NUM_PINS)
		return -1;
	if (!rt)
		return pin < sv_vgic_nr_spis(vm) ? (int)pin : -1;
	return rt->chip_gsi[array_index_nospec(pin, SV_IRQCHIP_NUM_PINS)];
}

int sv_irq_route_set(struct sv_vm *vm, const struct sv_irq_route *r, bool level,
		     bool can_sleep)
{
	switch (r->type) {
	case KVM_IRQ_ROUTING_IRQCHIP:
		/* -EINVAL when the pin is beyond the vGIC's SPIs: dropped. */
		return sv_vgic_inject(vm, NULL, r->pin + SV_VGIC_MIN_SPI, level);
	case KVM_IRQ_ROUTING_MSI:
		/* An MSI is a message, there is no line to lower. */
		if (!level)
			return 0;
		return sv_vgic_inject_msi(vm, &r->msi, can_sleep);
	default:
		return -EINVAL;
	}
}

int sv_irq_set_gsi(struct sv_vm *vm, u32 gsi, bool level, bool can_sleep)
{
	struct sv_irq_route r;
	int ret = -EINVAL;

	rcu_read_lock();
	if (!sv_irq_route_lookup(vm, gsi, &r))
		goto out;
	if (r.type == KVM_IRQ_ROUTING_MSI && can_sleep) {
		/* The copy outlives the table: ok, only the MSI may sleep. */
		rcu_read_unlock();
		return sv_irq_route_set(vm, &r, level, true);
	}
	/*
	 * Deliver inside the read-side section so that once a new table
	 * is installed (and the grace period ends) no injection through
	 * the old route is still under way.
	 */
	ret = sv_irq_route_set(vm, &r, level, false);
out:
	rcu_read_unlock();
	return ret;
}

static struct sv_irq_routing *sv_irq_routing_build(const struct kvm_irq_routing_entry *ue,
						   u32 nr)
{
	struct sv_irq_routing *rt;
	u32 nr_gsi;
	int ret;

	ret = sv_irq_routing_size(ue, nr, &nr_gsi);
	if (ret)
		return ERR_PTR(ret);
	rt = kvzalloc(struct_size(rt, map, nr_gsi), GFP_KERNEL_ACCOUNT);
	if (!rt)
		return ERR_PTR(-ENOMEM);
	sv_irq_routing_init(rt, nr_gsi);
	ret = sv_irq_routing_fill(rt, ue, nr);
	if (ret) {
		kvfree(rt);
		return ERR_PTR(ret);
	}
	return rt;
}

/* Swap tables; new == NULL is the default map. */
static void sv_irq_routing_install(struct sv_vm *vm, struct sv_irq_routing *new)
{
	struct sv_irq_routing *old;

	mutex_lock(&vm->irqfd.mutex);
	old = rcu_replace_pointer(vm->irqfd.routing, new,
				  lockdep_is_held(&vm->irqfd.mutex));
	sv_irqfd_routing_changed_locked(vm);
	mutex_unlock(&vm->irqfd.mutex);
	/* As upstream: when the ioctl returns, the old routes are unused. */
	synchronize_rcu_expedited();
	kvfree(old);
}

int sv_set_gsi_routing(struct sv_vm *vm, void __user *argp)
{
	struct kvm_irq_routing __user *urt = argp;
	struct kvm_irq_routing_entry *ue = NULL;
	struct kvm_irq_routing hdr;
	struct sv_irq_routing *rt;

	if (copy_from_user(&hdr, urt, sizeof(hdr)))
		return -EFAULT;
	if (hdr.nr > SV_MAX_IRQ_ROUTES || hdr.flags)
		return -EINVAL;
	if (hdr.nr) {
		ue = vmemdup_user(urt->entries, array_size(sizeof(*ue), hdr.nr));
		if (IS_ERR(ue))
			return PTR_ERR(ue);
	}
	rt = sv_irq_routing_build(ue, hdr.nr);
	kvfree(ue);
	if (IS_ERR(rt))
		return PTR_ERR(rt);
	sv_irq_routing_install(vm, rt);
	return 0;
}

void sv_irq_routing_default(struct sv_vm *vm)
{
	sv_irq_routing_install(vm, NULL);
}

void sv_irq_routing_free(struct sv_vm *vm)
{
	/* VM destroy: no irqfd and no vCPU is left to read it. */
	kvfree(rcu_dereference_protected(vm->irqfd.routing, 1));
	RCU_INIT_POINTER(vm->irqfd.routing, NULL);
}
