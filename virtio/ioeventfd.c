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
#include <linux/moduleparam.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "ioeventfd.h"
#include "ioeventfd_match.h"
#include "sv_core.h"

struct sv_ioeventfd {
	struct hlist_node node;		/* vm->ioeventfd.table */
	struct sv_ioev_key key;
	struct eventfd_ctx *eventfd;
	int db_slot;			/* its entry in the EL2 table, -1 = none */
	bool db_gone;			/* deassigned: its entry stays invalid */
};

/* ---- SV_FAST_DOORBELL: the table EL2 posts from ------------------------- */

static bool ioeventfd_post = true;
module_param(ioeventfd_post, bool, 0444);
MODULE_PARM_DESC(ioeventfd_post, "ioeventfd writes the host answers are posted to another CPU's "
		 "SV_DB_SGI handler, as EL2 posts them, and the vCPU goes back into the guest "
		 "without the wake-up; 0 = its thread signals the eventfd (default 1)");

/* The VMs whose tables SV_DB_SGI's handler looks at (RCU; adds and removes locked). */
static LIST_HEAD(sv_db_vms);
static DEFINE_SPINLOCK(sv_db_vms_lock);

/* io->mutex held: the entries are rewritten between these two (EL2 sees seq odd). */
static void sv_db_write_begin(struct sv_db_table *t)
{
	WRITE_ONCE(t->seq, t->seq + 1);
	smp_wmb();
}

static void sv_db_write_end(struct sv_db_table *t)
{
	smp_wmb();
	WRITE_ONCE(t->seq, t->seq + 1);
}

/*
 * May EL2 answer p's writes?  Only an MMIO one whose address no memslot
 * and no vGIC frame covers: there the host routes a write to RAM or to
 * the vGIC first.  A write of any length (len 0) may be 8 bytes long.
 */
static bool sv_db_servable(struct sv_vm *vm, const struct sv_ioev_key *k)
{
	u64 last = k->addr + (k->len ? k->len : 8) - 1;

	return k->bus == SV_IOEV_MMIO && last >= k->addr &&
	       !sv_guest_ipa_is_ram(vm, k->addr) && !sv_guest_ipa_is_ram(vm, last) &&
	       !sv_vgic_claims_addr(vm, k->addr);
}

/* io->mutex held, inside write_begin/_end: slot i describes p (valid or not). */
static void sv_db_entry_fill(struct sv_vm *vm, unsigned int i, const struct sv_ioeventfd *p)
{
	struct sv_db_entry *e = &vm->ioeventfd.db->e[i];

	e->addr = p->key.addr;
	e->len = p->key.len;
	e->data = p->key.datamatch;
	e->flags = (p->key.wildcard ? 0 : SV_DB_DATAMATCH) |
		   (!p->db_gone && sv_db_servable(vm, &p->key) ? SV_DB_VALID : 0);
}

/* io->mutex held: the slots in use end here (EL2 looks no further). */
static void sv_db_set_nr(struct sv_ioeventfd_vm *io)
{
	unsigned int n = SV_DB_MAX;

	while (n && !io->db_ev[n - 1])
		n--;
	io->db->nr = n;
}

/*
 * Any context, db_drain taken here: what EL2 posted, signalled -- each
 * write once, as the host path would have.
 */
static void sv_db_drain(struct sv_ioeventfd_vm *io)
{
	struct sv_db_table *t = io->db;
	struct sv_ioeventfd *p;
	unsigned long flags;
	unsigned int i, nr;
	u64 n;

	spin_lock_irqsave(&io->db_drain, flags);
	WRITE_ONCE(t->any, 0);
	smp_mb();		/* any cleared before the counts are read (pairs with EL2's add, set) */
	nr = min_t(u64, READ_ONCE(t->nr), SV_DB_MAX);
	for (i = 0; i < nr; i++) {
		if (!READ_ONCE(t->pending[i]))
			continue;
		n = xchg(&t->pending[i], 0);
		p = READ_ONCE(io->db_ev[i]);	/* set before its entry was valid */
		if (n && p)
			eventfd_signal(p->eventfd, n);
	}
	spin_unlock_irqrestore(&io->db_drain, flags);
}

void sv_ioeventfd_kicked(void)
{
	struct sv_ioeventfd_vm *io;

	rcu_read_lock();
	list_for_each_entry_rcu(io, &sv_db_vms, db_link)
		if (READ_ONCE(io->db->any))
			sv_db_drain(io);
	rcu_read_unlock();
}

void sv_ioeventfd_sync(struct sv_vm *vm)
{
	struct sv_ioeventfd_vm *io = &vm->ioeventfd;

	if (READ_ONCE(io->db_listed))
		sv_db_drain(io);
}

void sv_ioeventfd_drain_all(void)
{
	struct sv_ioeventfd_vm *io;

	rcu_read_lock();
	list_for_each_entry_rcu(io, &sv_db_vms, db_link)
		sv_db_drain(io);
	rcu_read_unlock();
}

void sv_ioeventfd_layout_changed(struct sv_vm *vm)
{
	struct sv_ioeventfd_vm *io = &vm->ioeventfd;
	unsigned long flags;

	if (!io->db)
		return;
	spin_lock_irqsave(&io->db_layout, flags);
	io->db_gen++;
	WRITE_ONCE(io->db->off, 1);
	WRITE_ONCE(io->db_stale, true);
	spin_unlock_irqrestore(&io->db_layout, flags);
}

void sv_ioeventfd_publish(struct sv_vm *vm)
{
	struct sv_ioeventfd_vm *io = &vm->ioeventfd;
	unsigned long flags;
	unsigned int i;
	u64 gen;

	if (!io->db)
		return;
	spin_lock_irqsave(&io->db_layout, flags);
	gen = io->db_gen;
	spin_unlock_irqrestore(&io->db_layout, flags);
	mutex_lock(&io->mutex);
	sv_db_write_begin(io->db);
	for (i = 0; i < SV_DB_MAX; i++)
		if (io->db_ev[i])
			sv_db_entry_fill(vm, i, io->db_ev[i]);
	sv_db_write_end(io->db);
	mutex_unlock(&io->mutex);
	/* Nothing changed since the checks began: EL2 may use them. */
	spin_lock_irqsave(&io->db_layout, flags);
	if (io->db_gen == gen) {
		WRITE_ONCE(io->db->off, 0);
		WRITE_ONCE(io->db_stale, false);
	}
	spin_unlock_irqrestore(&io->db_layout, flags);
}

/* Assign, io->mutex held: a free slot for p, if any (else the host keeps it). */
static void sv_db_add(struct sv_vm *vm, struct sv_ioeventfd *p)
{
	struct sv_ioeventfd_vm *io = &vm->ioeventfd;
	unsigned int i;

	p->db_slot = -1;
	if (!io->db || p->key.bus != SV_IOEV_MMIO)
		return;
	for (i = 0; i < SV_DB_MAX && io->db_ev[i]; i++)
		;
	if (i == SV_DB_MAX)
		return;
	if (!io->db_listed) {
		spin_lock(&sv_db_vms_lock);
		list_add_rcu(&io->db_link, &sv_db_vms);
		spin_unlock(&sv_db_vms_lock);
		WRITE_ONCE(io->db_listed, true);
	}
	WRITE_ONCE(io->db_ev[i], p);
	sv_db_write_begin(io->db);
	sv_db_entry_fill(vm, i, p);
	sv_db_set_nr(io);
	sv_db_write_end(io->db);
	/*
	 * Last, after write_end's barrier: p is in the RCU hash already, and
	 * a vCPU that reads the slot may post to it (sv_db_post), which the
	 * drain finds only with db_ev[i] and nr set.
	 */
	WRITE_ONCE(p->db_slot, i);
}

/* Deassign, io->mutex held: EL2 stops matching p's entry. */
static void sv_db_invalidate(struct sv_vm *vm, struct sv_ioeventfd *p)
{
	struct sv_db_table *t = vm->ioeventfd.db;

	if (p->db_slot < 0)
		return;
	p->db_gone = true;	/* a publish before sv_db_remove() must not revive it */
	sv_db_write_begin(t);
	t->e[p->db_slot].flags = 0;
	sv_db_write_end(t);
}

/*
 * Deassign, after the grace period (no EL2 matches p's entry any more):
 * what EL2 posted for it before is signalled now, before KVM_IOEVENTFD
 * returns, and the slot is free again.
 */
static void sv_db_remove(struct sv_vm *vm, struct sv_ioeventfd *p)
{
	struct sv_ioeventfd_vm *io = &vm->ioeventfd;
	unsigned long flags;
	u64 n;

	if (p->db_slot < 0)
		return;
	spin_lock_irqsave(&io->db_drain, flags);
	n = xchg(&io->db->pending[p->db_slot], 0);
	if (n)
		eventfd_signal(p->eventfd, n);
	WRITE_ONCE(io->db_ev[p->db_slot], NULL);
	spin_unlock_irqrestore(&io->db_drain, flags);
	mutex_lock(&io->mutex);
	sv_db_write_begin(io->db);
	sv_db_set_nr(io);
	sv_db_write_end(io->db);
	mutex_unlock(&io->mutex);
}

/*
 * RCU read side, preemption off: post a write to the ioeventfd in slot
 * (-1: none) as EL2 does, for this CPU's doorbell CPU to signal (its
 * handler, sv_ioeventfd_kicked); false if there is none, and the caller
 * signals.  The vCPU's thread then goes back into the guest without the
 * wake-up; KVM_RUN's return signals what is still posted
 * (sv_ioeventfd_sync), and a deassign takes the slot's count after the
 * grace period this read side holds off.
 */
static bool sv_db_post(struct sv_ioeventfd_vm *io, int slot)
{
	struct sv_db_table *t = io->db;
	u64 *cnt, old;

	if (slot < 0 || !ioeventfd_post || !sv_gic_db_can_kick())
		return false;
	cnt = &t->pending[slot];
	old = READ_ONCE(*cnt);
	while (!try_cmpxchg(cnt, &old, old + 1))
		;
	/* As at EL2: only the write that found the count 0 raises the SGI. */
	if (!old) {
		WRITE_ONCE(t->any, 1);
		sv_gic_db_kick();
	}
	return true;
}

/* Could the address of slot's ioeventfd be in a vGIC frame?  Not if its EL2 entry is valid now. */
static bool sv_db_maybe_vgic(struct sv_ioeventfd_vm *io, int slot)
{
	return slot < 0 || READ_ONCE(io->db->off) ||
	       !(READ_ONCE(io->db->e[slot].flags) & SV_DB_VALID);
}

enum sv_ioev_hit sv_ioeventfd_write(struct sv_vm *vm, u64 addr, u32 len, u64 data,
				    bool vgic_first)
{
	struct sv_ioeventfd_vm *io = &vm->ioeventfd;
	enum sv_ioev_hit ret = SV_IOEV_NONE;
	struct sv_ioeventfd *p;
	int slot;

	if (vgic_first && !io->db)
		return SV_IOEV_VGIC_FIRST;
	rcu_read_lock();
	hash_for_each_possible_rcu(io->table, p, node, addr) {
		if (p->key.bus != SV_IOEV_MMIO || !sv_ioev_match(&p->key, addr, len, data))
			continue;
		slot = READ_ONCE(p->db_slot);	/* set last by sv_db_add() */
		if (vgic_first && sv_db_maybe_vgic(io, slot)) {
			ret = SV_IOEV_VGIC_FIRST;
			break;
		}
		preempt_disable();
		if (sv_db_post(io, slot))
			ret = SV_IOEV_POSTED;
		preempt_enable();
		if (ret != SV_IOEV_POSTED) {
			eventfd_signal(p->eventfd, 1);
			ret = SV_IOEV_SIGNALLED;
		}
		break;
	}
	rcu_read_unlock();
	return ret;
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
	p->db_slot = -1;	/* no slot (yet): visible to the lookup before sv_db_add() */

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
	sv_db_add(vm, p);
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
			sv_db_invalidate(vm, p);
			found = p;
			break;
		}
	}
	mutex_unlock(&io->mutex);
	eventfd_ctx_put(eventfd);
	if (!found)
		return -ENOENT;
	/*
	 * Pairs with the lookup's rcu_read_lock(): no signal after we return
	 * (and EL2 is done with the entry: it runs with the host's IRQs off).
	 * Expedited, like upstream's bus update: VMMs deassign one ioeventfd
	 * per virtqueue on a device reset, and a normal grace period per
	 * call adds up (vm_ioeventfd's race loop: 44 rounds against the
	 * in-kernel KVM's 2413 in the same time).
	 */
	synchronize_rcu_expedited();
	sv_db_remove(vm, found);
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
	struct sv_ioeventfd_vm *io = &vm->ioeventfd;

	mutex_init(&io->mutex);
	hash_init(io->table);
	spin_lock_init(&io->db_layout);
	spin_lock_init(&io->db_drain);
	INIT_LIST_HEAD(&io->db_link);
	/* Without the SGI (a GICv2 host) or a pool page, the host signals every write. */
	BUILD_BUG_ON(sizeof(struct sv_db_table) > PAGE_SIZE);
	if (sv_gic_host.db_irq)
		io->db = sv_hyp_pages_alloc(1, &io->db_va);
}

void sv_ioeventfd_vm_destroy(struct sv_vm *vm)
{
	struct sv_ioeventfd_vm *io = &vm->ioeventfd;
	struct hlist_node *tmp;
	struct sv_ioeventfd *p;
	int bkt;

	/*
	 * The VM fd is being released: no vCPU runs, no ioctl is in flight.
	 * Off the SGI handler's list first, then what its vCPUs posted last
	 * is signalled (those writes happened).
	 */
	if (io->db_listed) {
		spin_lock(&sv_db_vms_lock);
		list_del_rcu(&io->db_link);
		spin_unlock(&sv_db_vms_lock);
		synchronize_rcu();
		sv_db_drain(io);
	}
	if (io->db)
		sv_hyp_pages_free(io->db, 1);
	io->db = NULL;
	hash_for_each_safe(io->table, bkt, tmp, p, node) {
		hash_del(&p->node);
		eventfd_ctx_put(p->eventfd);
		kfree(p);
	}
}
