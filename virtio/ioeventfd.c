// SPDX-License-Identifier: GPL-2.0
/*
 * KVM_IOEVENTFD: the table of a VM's ioeventfds and the lookup the vCPU
 * exit path makes in it (see ioeventfd.h for the locking).
 *
 * One hash table by address holds every bus (PIO and CCW ones only so
 * that assign/deassign/EEXIST behave as upstream).  An access can hit at
 * most one ioeventfd: the collision rules refuse any second one that
 * could answer the same write.  Upstream leaves ioeventfds out of its
 * per-bus device limit (NR_IOBUS_DEVS counts only the other devices), so
 * there is no count limit here either; the memory is charged to the
 * VMM's memory cgroup (GFP_KERNEL_ACCOUNT).
 */
#include <linux/eventfd.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "ioeventfd.h"
#include "ioeventfd_match.h"
#include "sv_core.h"

struct sv_ioeventfd {
	struct hlist_node node;		/* vm->ioeventfd.table */
	struct sv_ioev_key key;
	struct eventfd_ctx *eventfd;
};

bool sv_ioeventfd_write(struct sv_vm *vm, u64 addr, u32 len, u64 data)
{
	struct sv_ioeventfd *p;
	bool hit = false;

	rcu_read_lock();
	hash_for_each_possible_rcu(vm->ioeventfd.table, p, node, addr) {
		if (p->key.bus == SV_IOEV_MMIO && sv_ioev_match(&p->key, addr, len, data)) {
			eventfd_signal(p->eventfd, 1);
			hit = true;
			break;
		}
	}
	rcu_read_unlock();
	return hit;
}

static int sv_ioeventfd_assign(struct sv_vm *vm, const struct kvm_ioeventfd *args)
{
	struct sv_ioeventfd_vm *io = &vm->ioeventfd;
	struct sv_ioeventfd *p, *q;
	struct eventfd_ctx *eventfd;
	int ret;

	ret = sv_ioev_check_assign(args);
	if (ret)
		return ret;
	/* EBADF, or EINVAL for a file that is no eventfd; before EEXIST. */
	eventfd = eventfd_ctx_fdget(args->fd);
	if (IS_ERR(eventfd))
		return PTR_ERR(eventfd);
	p = kzalloc(sizeof(*p), GFP_KERNEL_ACCOUNT);
	if (!p) {
		eventfd_ctx_put(eventfd);
		return -ENOMEM;
	}
	sv_ioev_key(args, &p->key);
	p->eventfd = eventfd;

	mutex_lock(&io->mutex);
	/* Colliding ones share the address, hence the bucket. */
	hash_for_each_possible(io->table, q, node, p->key.addr) {
		if (sv_ioev_collide(&q->key, &p->key)) {
			mutex_unlock(&io->mutex);
			eventfd_ctx_put(eventfd);
			kfree(p);
			return -EEXIST;
		}
	}
	/* Publishes the initialised entry to the RCU lookup. */
	hash_add_rcu(io->table, &p->node, p->key.addr);
	mutex_unlock(&io->mutex);
	return 0;
}

/* The one whose key and eventfd match exactly; none is -ENOENT. */
static int sv_ioeventfd_deassign(struct sv_vm *vm, const struct kvm_ioeventfd *args)
{
	struct sv_ioeventfd_vm *io = &vm->ioeventfd;
	struct sv_ioeventfd *p, *found = NULL;
	struct eventfd_ctx *eventfd;
	struct sv_ioev_key k;

	/* Upstream checks nothing else of a deassign: a bad len is ENOENT. */
	eventfd = eventfd_ctx_fdget(args->fd);
	if (IS_ERR(eventfd))
		return PTR_ERR(eventfd);
	sv_ioev_key(args, &k);

	mutex_lock(&io->mutex);
	hash_for_each_possible(io->table, p, node, k.addr) {
		if (p->eventfd == eventfd && sv_ioev_same(&p->key, &k)) {
			hash_del_rcu(&p->node);
			found = p;
			break;
		}
	}
	mutex_unlock(&io->mutex);
	eventfd_ctx_put(eventfd);
	if (!found)
		return -ENOENT;
	/*
	 * Pairs with the lookup's rcu_read_lock(): no signal after we return.
	 * Expedited, like upstream's bus update: VMMs deassign one ioeventfd
	 * per virtqueue on a device reset, and a normal grace period per
	 * call adds up (vm_ioeventfd's race loop: 44 rounds against the
	 * in-kernel KVM's 2413 in the same time).
	 */
	synchronize_rcu_expedited();
	eventfd_ctx_put(found->eventfd);
	kfree(found);
	return 0;
}

int sv_ioeventfd(struct sv_vm *vm, const struct kvm_ioeventfd *args)
{
	/* DEASSIGN first: a deassign's other flags are never checked. */
	if (args->flags & KVM_IOEVENTFD_FLAG_DEASSIGN)
		return sv_ioeventfd_deassign(vm, args);
	return sv_ioeventfd_assign(vm, args);
}

void sv_ioeventfd_vm_init(struct sv_vm *vm)
{
	mutex_init(&vm->ioeventfd.mutex);
	hash_init(vm->ioeventfd.table);
}

void sv_ioeventfd_vm_destroy(struct sv_vm *vm)
{
	struct sv_ioeventfd_vm *io = &vm->ioeventfd;
	struct hlist_node *tmp;
	struct sv_ioeventfd *p;
	int bkt;

	/* The VM fd is being released: no vCPU runs, no ioctl is in flight. */
	hash_for_each_safe(io->table, bkt, tmp, p, node) {
		hash_del(&p->node);
		eventfd_ctx_put(p->eventfd);
		kfree(p);
	}
}
