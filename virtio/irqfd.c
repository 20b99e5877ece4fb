// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_IRQFD: an eventfd whose writes raise a GSI, with upstream 6.1's
 * semantics (virt/kvm/eventfd.c) and errnos.
 *
 * Life of an irqfd: assign hooks it onto the eventfd's wait queue and
 * lists it in vm->irqfd.items ("active").  Deassign, EPOLLHUP (the
 * eventfd's last reference is closed) and VM destroy take it off the
 * list under vm->irqfd.lock and queue its shutdown on vm->irqfd.wq; only
 * the shutdown unhooks it from the wait queue and frees it, because the
 * wake-up callback that sees EPOLLHUP runs under the wait-queue lock and
 * cannot unhook itself.  Deassign and destroy drain the workqueue, so
 * when they return no callback can touch the irqfd or the VM any more.
 *
 * Resample irqfds (KVM_IRQFD_FLAG_RESAMPLE) emulate a level interrupt:
 * the line is raised on each eventfd write and stays high; when the
 * guest EOIs the SPI the vGIC calls our ack notifier, which lowers the line
 * and signals every resamplefd of that GSI so that the device model can
 * re-check its state and write the eventfd again.  The irqfds of one GSI
 * share a resampler (upstream: one IRQ source per GSI).
 */
#include <linux/eventfd.h>
#include <linux/file.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "irqfd.h"
#include "sv_core.h"
#include "sv_vgic.h"

struct sv_irqfd_resampler {
	struct sv_vm *vm;
	u32 gsi;
	struct list_head irqfds;	/* RCU; under vm->irqfd.mutex */
	struct list_head link;		/* vm->irqfd.resamplers */
};

struct sv_irqfd {
	struct sv_vm *vm;
	u32 gsi;
	struct eventfd_ctx *eventfd;
	struct list_head link;		/* vm->irqfd.items; empty once deactivated */
	wait_queue_entry_t wait;
	poll_table pt;
	struct work_struct inject;	/* injection that needs process context */
	struct work_struct shutdown;
	struct sv_irqfd_resampler *resampler;
	struct eventfd_ctx *resamplefd;
	struct list_head resampler_link;	/* resampler->irqfds */
};

/* ---- resample ------------------------------------------------------- */

/*
 * EOI of a level SPI we asked the vGIC to report.  Called by the vGIC in
 * process context, outside its lock; the RCU read side keeps resamplers
 * and irqfds alive (their removal waits for a grace period).
 */
static void sv_irqfd_eoi_notify(struct sv_vm *vm, u32 intid)
{
	struct sv_irqfd_resampler *rs;
	struct sv_irqfd *irqfd;
	int gsi;

	if (intid < SV_VGIC_MIN_SPI)
		return;
	rcu_read_lock();
	gsi = sv_irq_route_pin_gsi(vm, intid - SV_VGIC_MIN_SPI);
	list_for_each_entry_rcu(rs, &vm->irqfd.resamplers, link) {
		if (gsi < 0 || rs->gsi != gsi)
			continue;
		/* Lower first: a write racing with the signal raises it again. */
		sv_irq_set_gsi(vm, rs->gsi, false, false);
		list_for_each_entry_rcu(irqfd, &rs->irqfds, resampler_link)
			eventfd_signal(irqfd->resamplefd, 1);
	}
	rcu_read_unlock();
}

/*
 * Ask the vGIC for the EOIs of the SPIs that resample irqfds currently
 * route to, and of no other (routes change, resamplers come and go; the
 * vGIC swaps the whole set at once).  vm->irqfd.mutex held.
 */
static void sv_irqfd_resample_remark(struct sv_vm *vm)
{
	DECLARE_BITMAP(pins, SV_VGIC_MAX_IRQS);
	struct sv_irqfd_resampler *rs;
	struct sv_irq_route r;

	bitmap_zero(pins, SV_VGIC_MAX_IRQS);
	list_for_each_entry(rs, &vm->irqfd.resamplers, link)
		if (sv_irq_route_lookup(vm, rs->gsi, &r) &&
		    r.type == KVM_IRQ_ROUTING_IRQCHIP && r.pin < SV_VGIC_MAX_IRQS)
			__set_bit(r.pin, pins);
	sv_vgic_set_ack_notifier(vm, sv_irqfd_eoi_notify, pins, SV_VGIC_MAX_IRQS);
}

void sv_irqfd_routing_changed_locked(struct sv_vm *vm)
{
	if (!list_empty(&vm->irqfd.resamplers))
		sv_irqfd_resample_remark(vm);
}

/* Join the resampler of irqfd->gsi, creating it.  mutex held. */
static int sv_irqfd_resampler_attach(struct sv_irqfd *irqfd)
{
	struct sv_vm *vm = irqfd->vm;
	struct sv_irqfd_resampler *rs;

	list_for_each_entry(rs, &vm->irqfd.resamplers, link)
		if (rs->gsi == irqfd->gsi)
			goto found;
	rs = kzalloc(sizeof(*rs), GFP_KERNEL_ACCOUNT);
	if (!rs)
		return -ENOMEM;
	rs->vm = vm;
	rs->gsi = irqfd->gsi;
	INIT_LIST_HEAD(&rs->irqfds);
	list_add_rcu(&rs->link, &vm->irqfd.resamplers);
	sv_irqfd_resample_remark(vm);
found:
	irqfd->resampler = rs;
	list_add_rcu(&irqfd->resampler_link, &rs->irqfds);
	return 0;
}

/*
 * Leave the resampler; the last one out lowers the line it kept high.
 * mutex held.  On return no EOI notification sees irqfd any more.
 */
static void sv_irqfd_resampler_detach(struct sv_irqfd *irqfd)
{
	struct sv_irqfd_resampler *rs = irqfd->resampler;
	struct sv_vm *vm = irqfd->vm;
	bool last;

	list_del_rcu(&irqfd->resampler_link);
	last = list_empty(&rs->irqfds);
	if (last) {
		list_del_rcu(&rs->link);
		sv_irqfd_resample_remark(vm);
		sv_irq_set_gsi(vm, rs->gsi, false, true);
	}
	/* Pairs with the RCU walk in sv_irqfd_eoi_notify(). */
	synchronize_rcu();
	if (last)
		kfree(rs);
	irqfd->resampler = NULL;
}

/* ---- injection and teardown ------------------------------------------ */

/*
 * An eventfd event, from process context: what upstream's irqfd_inject()
 * does when its atomic path could not deliver (an MSI that must sleep)
 * or for writes made before the irqfd was hooked.  A resample irqfd
 * raises the line and leaves it to the EOI; a plain one pulses it.
 */
static void sv_irqfd_inject_work(struct work_struct *work)
{
	struct sv_irqfd *irqfd = container_of(work, struct sv_irqfd, inject);

	sv_irq_set_gsi(irqfd->vm, irqfd->gsi, true, true);
	if (!irqfd->resampler)
		sv_irq_set_gsi(irqfd->vm, irqfd->gsi, false, true);
}

static void sv_irqfd_shutdown_work(struct work_struct *work)
{
	struct sv_irqfd *irqfd = container_of(work, struct sv_irqfd, shutdown);
	struct sv_vm *vm = irqfd->vm;
	u64 cnt;

	/*
	 * An assign may still be between listing the irqfd and hooking it
	 * onto the wait queue (a deassign found it listed): wait for it,
	 * it holds the mutex across both.
	 */
	mutex_lock(&vm->irqfd.mutex);
	mutex_unlock(&vm->irqfd.mutex);

	/* Takes the wait-queue lock: no callback runs after it. */
	eventfd_ctx_remove_wait_queue(irqfd->eventfd, &irqfd->wait, &cnt);
	flush_work(&irqfd->inject);
	if (irqfd->resampler) {
		mutex_lock(&vm->irqfd.mutex);
		sv_irqfd_resampler_detach(irqfd);
		mutex_unlock(&vm->irqfd.mutex);
		eventfd_ctx_put(irqfd->resamplefd);
	}
	eventfd_ctx_put(irqfd->eventfd);
	kfree(irqfd);
}

/* Take it off the active list and queue its shutdown.  lock held. */
static void sv_irqfd_deactivate(struct sv_irqfd *irqfd)
{
	list_del_init(&irqfd->link);
	queue_work(irqfd->vm->irqfd.wq, &irqfd->shutdown);
}

/* The eventfd's wake-up: its wait-queue lock held, IRQs off. */
static int sv_irqfd_wakeup(wait_queue_entry_t *wait, unsigned int mode, int sync,
			   void *key)
{
	struct sv_irqfd *irqfd = container_of(wait, struct sv_irqfd, wait);
	__poll_t events = key_to_poll(key);
	struct sv_vm *vm = irqfd->vm;
	unsigned long flags;
	int ret = 0;
	u64 cnt;

	if (events & EPOLLIN) {
		/* Consume the count: one interrupt per batch of writes. */
		eventfd_ctx_do_read(irqfd->eventfd, &cnt);
		/*
		 * Raise only, like arm64's kvm_arch_set_irq_inatomic(): an
		 * edge SPI becomes pending; a level one stays high until
		 * KVM_IRQ_LINE or the resampler lowers it (a pulse would be
		 * gone before the vCPU looks, and vgic_irq's level tests
		 * expect the interrupt).
		 */
		if (sv_irq_set_gsi(vm, irqfd->gsi, true, false) == -EWOULDBLOCK)
			schedule_work(&irqfd->inject);
		ret = 1;
	}
	if (events & EPOLLHUP) {
		/* The eventfd is being released; a deassign may have won. */
		spin_lock_irqsave(&vm->irqfd.lock, flags);
		if (!list_empty(&irqfd->link))
			sv_irqfd_deactivate(irqfd);
		spin_unlock_irqrestore(&vm->irqfd.lock, flags);
	}
	return ret;
}

static void sv_irqfd_queue_proc(struct file *file, wait_queue_head_t *wqh,
				poll_table *pt)
{
	struct sv_irqfd *irqfd = container_of(pt, struct sv_irqfd, pt);

	/* First in line, as upstream: nobody else consumes the count. */
	add_wait_queue_priority(wqh, &irqfd->wait);
}

/* ---- KVM_IRQFD ------------------------------------------------------- */

/* List and hook the irqfd; mutex held.  -EBUSY if the eventfd is in use. */
static int sv_irqfd_hook(struct sv_irqfd *irqfd, struct file *file)
{
	struct sv_vm *vm = irqfd->vm;
	struct sv_irqfd *tmp;
	__poll_t events;

	spin_lock_irq(&vm->irqfd.lock);
	list_for_each_entry(tmp, &vm->irqfd.items, link) {
		if (tmp->eventfd == irqfd->eventfd) {
			spin_unlock_irq(&vm->irqfd.lock);
			return -EBUSY;
		}
	}
	list_add_tail(&irqfd->link, &vm->irqfd.items);
	spin_unlock_irq(&vm->irqfd.lock);

	events = vfs_poll(file, &irqfd->pt);
	/* Writes before we hooked in are not lost (the count stays). */
	if (events & EPOLLIN)
		schedule_work(&irqfd->inject);
	return 0;
}

static int sv_irqfd_assign(struct sv_vm *vm, const struct kvm_irqfd *args)
{
	struct sv_irqfd *irqfd;
	struct fd f;
	int ret;

	/*
	 * arm64's kvm_arch_intc_initialized(): the vGIC must be initialised
	 * (acquire: its SPIs exist before our wake-ups inject into them).
	 */
	if (!sv_vgic_initialized(vm))
		return -EAGAIN;
	irqfd = kzalloc(sizeof(*irqfd), GFP_KERNEL_ACCOUNT);
	if (!irqfd)
		return -ENOMEM;
	irqfd->vm = vm;
	irqfd->gsi = args->gsi;
	INIT_LIST_HEAD(&irqfd->link);
	INIT_WORK(&irqfd->inject, sv_irqfd_inject_work);
	INIT_WORK(&irqfd->shutdown, sv_irqfd_shutdown_work);
	init_waitqueue_func_entry(&irqfd->wait, sv_irqfd_wakeup);
	init_poll_funcptr(&irqfd->pt, sv_irqfd_queue_proc);

	f = fdget(args->fd);
	if (!f.file) {
		kfree(irqfd);
		return -EBADF;
	}
	irqfd->eventfd = eventfd_ctx_fileget(f.file);
	if (IS_ERR(irqfd->eventfd)) {
		ret = PTR_ERR(irqfd->eventfd);
		irqfd->eventfd = NULL;
		goto fail;
	}
	if (args->flags & KVM_IRQFD_FLAG_RESAMPLE) {
		irqfd->resamplefd = eventfd_ctx_fdget(args->resamplefd);
		if (IS_ERR(irqfd->resamplefd)) {
			ret = PTR_ERR(irqfd->resamplefd);
			irqfd->resamplefd = NULL;
			goto fail;
		}
	}

	mutex_lock(&vm->irqfd.mutex);
	ret = irqfd->resamplefd ? sv_irqfd_resampler_attach(irqfd) : 0;
	if (!ret)
		ret = sv_irqfd_hook(irqfd, f.file);
	if (ret && irqfd->resampler)
		sv_irqfd_resampler_detach(irqfd);
	mutex_unlock(&vm->irqfd.mutex);
	if (ret)
		goto fail;
	/* Held until hooked: the file cannot be released (EPOLLHUP) before. */
	fdput(f);
	return 0;

fail:
	if (irqfd->resamplefd)
		eventfd_ctx_put(irqfd->resamplefd);
	if (irqfd->eventfd)
		eventfd_ctx_put(irqfd->eventfd);
	fdput(f);
	kfree(irqfd);
	return ret;
}

/* Every irqfd of (fd, gsi); none is not an error, as upstream. */
static int sv_irqfd_deassign(struct sv_vm *vm, const struct kvm_irqfd *args)
{
	struct sv_irqfd *irqfd, *tmp;
	struct eventfd_ctx *eventfd;

	eventfd = eventfd_ctx_fdget(args->fd);
	if (IS_ERR(eventfd))
		return PTR_ERR(eventfd);
	spin_lock_irq(&vm->irqfd.lock);
	list_for_each_entry_safe(irqfd, tmp, &vm->irqfd.items, link)
		if (irqfd->eventfd == eventfd && irqfd->gsi == args->gsi)
			sv_irqfd_deactivate(irqfd);
	spin_unlock_irq(&vm->irqfd.lock);
	eventfd_ctx_put(eventfd);
	/* No interrupt from it once we return (and no work left behind). */
	flush_workqueue(vm->irqfd.wq);
	return 0;
}

int sv_irqfd(struct sv_vm *vm, const struct kvm_irqfd *args)
{
	if (args->flags & ~(KVM_IRQFD_FLAG_DEASSIGN | KVM_IRQFD_FLAG_RESAMPLE))
		return -EINVAL;
	if (args->flags & KVM_IRQFD_FLAG_DEASSIGN)
		return sv_irqfd_deassign(vm, args);
	return sv_irqfd_assign(vm, args);
}

/* ---- VM lifetime ------------------------------------------------------ */

int sv_irqfd_vm_init(struct sv_vm *vm)
{
	struct sv_irqfd_vm *ir = &vm->irqfd;

	mutex_init(&ir->mutex);
	spin_lock_init(&ir->lock);
	INIT_LIST_HEAD(&ir->items);
	INIT_LIST_HEAD(&ir->resamplers);
	RCU_INIT_POINTER(ir->routing, NULL);
	/* Per VM, so that draining it waits for this VM's shutdowns only. */
	ir->wq = alloc_workqueue("sv-irqfd", WQ_UNBOUND, 0);
	return ir->wq ? 0 : -ENOMEM;
}

/*
 * VM destroy: shut every irqfd down and wait for it.  Must run while the
 * vCPUs and the vGIC still exist (a resample shutdown lowers its line).
 * A second call, or one for a VM whose init failed, does nothing.
 */
void sv_irqfd_vm_destroy(struct sv_vm *vm)
{
	struct sv_irqfd_vm *ir = &vm->irqfd;
	struct sv_irqfd *irqfd, *tmp;

	if (!ir->wq)
		return;
	spin_lock_irq(&ir->lock);
	list_for_each_entry_safe(irqfd, tmp, &ir->items, link)
		sv_irqfd_deactivate(irqfd);
	spin_unlock_irq(&ir->lock);
	/* Drains: shutdowns queued by EPOLLHUP before we took the lock too. */
	destroy_workqueue(ir->wq);
	ir->wq = NULL;
	WARN_ON(!list_empty(&ir->resamplers));
	sv_irq_routing_free(vm);
}
