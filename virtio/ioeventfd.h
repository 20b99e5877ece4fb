/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KVM_IOEVENTFD and the MMIO bus for eventfds: a guest MMIO write that an
 * ioeventfd answers signals the eventfd and the guest re-enters without
 * an exit to userspace (host/mmu.c routes: vGIC, then this, then
 * KVM_EXIT_MMIO).  Upstream 6.1's ABI and errnos; the rules themselves
 * are in ioeventfd_match.h.
 *
 * SV_FAST_DOORBELL: the first SV_DB_MAX MMIO ioeventfds of a VM also
 * have an entry (a fixed slot) in the VM's table shared with EL2
 * (hyp/include/sv_hyp_db.h), valid while no memslot and no vGIC frame
 * covers its address.  EL2 posts the writes it matches and raises
 * SV_DB_SGI on another CPU, whose handler (sv_ioeventfd_kicked) takes
 * the counts and signals the eventfds.  Documentation/design.rst,
 * "ioeventfd writes posted at EL2".
 *
 * Locking (per VM, struct sv_ioeventfd_vm):
 *   mutex - assign and deassign (the collision check and the table), and
 *           every write of the EL2 table's entries (seq odd around them);
 *           taken before slots_lock (an entry is checked against memslots);
 *   RCU   - the vCPU exit path's lookup; a deassign waits an (expedited)
 *           grace period before it drops the eventfd, so no write
 *           signals it after KVM_IOEVENTFD returns.  The same grace period
 *           covers EL2 (a CPU runs guests with the host's IRQs off), after
 *           which the deassign takes what EL2 posted for the entry;
 *   db_drain - taking pending counts and signalling, against the freeing
 *           of a slot's ioeventfd;
 *   db_layout - a memslot or vGIC frame change sets db->off and
 *           db_stale: EL2 posts nothing until a vCPU's run loop has
 *           checked every entry again, from a start after the change.
 */
#ifndef SV_IOEVENTFD_H
#define SV_IOEVENTFD_H

#include <linux/hashtable.h>
#include <linux/kvm.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "sv_hyp_db.h"

struct sv_vm;

#define SV_IOEVENTFD_HASH_BITS	6	/* buckets by address */

struct sv_ioeventfd;
struct sv_db_table;

/* struct sv_vm.ioeventfd */
struct sv_ioeventfd_vm {
	struct mutex mutex;
	DECLARE_HASHTABLE(table, SV_IOEVENTFD_HASH_BITS);	/* RCU; under mutex */
	/* SV_FAST_DOORBELL */
	struct sv_db_table *db;		/* shared with EL2, NULL = none (no SGI, no pool page) */
	u64 db_va;			/* its EL2 address (struct sv_vcpu_cfg.doorbells) */
	bool db_stale;			/* entries to re-check before the next entry */
	bool db_listed;			/* on the list the SGI handler walks */
	spinlock_t db_layout;		/* db_gen, db_stale and db->off */
	u64 db_gen;			/* layout changes (memslots, vGIC frames) */
	spinlock_t db_drain;
	struct list_head db_link;
	struct sv_ioeventfd *db_ev[SV_DB_MAX];	/* slot i's ioeventfd, NULL = free */
};

void sv_ioeventfd_vm_init(struct sv_vm *vm);	/* KVM_CREATE_VM, after kzalloc */
/* VM destroy: no vCPU can run any more.  Also for a half-created VM. */
void sv_ioeventfd_vm_destroy(struct sv_vm *vm);
int sv_ioeventfd(struct sv_vm *vm, const struct kvm_ioeventfd *args);	/* KVM_IOEVENTFD */
/*
 * A guest write of len bytes of data (zero-extended) at IPA addr, and
 * whether an ioeventfd answered it: its eventfd signalled, or the write
 * posted to another CPU's SV_DB_SGI handler (module parameter
 * ioeventfd_post; only for entries of the EL2 table), or none.  With
 * vgic_first, a match whose address a vGIC frame might cover -- none of
 * the EL2 table's valid entries can be in one -- is left alone
 * (SV_IOEV_VGIC_FIRST): the caller asks the vGIC, then calls again
 * without.  Process context; takes only the RCU read side.
 */
enum sv_ioev_hit {
	SV_IOEV_NONE,
	SV_IOEV_VGIC_FIRST,
	SV_IOEV_SIGNALLED,
	SV_IOEV_POSTED,
};
enum sv_ioev_hit sv_ioeventfd_write(struct sv_vm *vm, u64 addr, u32 len, u64 data,
				    bool vgic_first);

/* SV_FAST_DOORBELL (see above) */
/* Before an entry, db_stale set: re-check every entry (process context). */
void sv_ioeventfd_publish(struct sv_vm *vm);
/*
 * What the table's entries depend on changed: a memslot, a vGIC frame's
 * address.  EL2 posts nothing until the next publish.  Any context.
 */
void sv_ioeventfd_layout_changed(struct sv_vm *vm);
/*
 * Before KVM_RUN returns: what this VM's vCPUs posted is signalled (and
 * a handler signalling it elsewhere has finished), so that userspace
 * sees a guest's doorbell writes before the exit that followed them, as
 * with the host path.
 */
void sv_ioeventfd_sync(struct sv_vm *vm);
/* SV_DB_SGI's handler (hard IRQ): signal what EL2 posted, every VM. */
void sv_ioeventfd_kicked(void);
/* A CPU went offline with SGIs raised at it: take everything posted. */
void sv_ioeventfd_drain_all(void);

#endif /* SV_IOEVENTFD_H */
