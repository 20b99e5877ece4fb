// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/splitvisor/: what the host can tell about EL2.
 *   el2   one line per online CPU: who answers hvc there ("splitvisor",
 *         "stub" or "unknown <x0>") and EL2's panic count on that CPU.
 *   vmid  the current VMID generation (1 + number of rollovers).
 *   fast  one line per vCPU of every live VM: what EL2's fast-path tier
 *         handled for it (struct sv_fast_counts; the same counters as
 *         KVM_GET_STATS_FD's fast_*), "vm <creator's pid> vcpu <id> name value ...".
 *   profile  (instrumentation builds, make SV_PROFILE=1; host/prof.c) the
 *         world switch's steps at EL2 and the run loop's in the host.
 */
#include <linux/cpu.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/smp.h>

#include "splitvisor.h"
#include "el2.h"
#include "prof.h"
#include "sv_hyp_abi.h"
#include "vm.h"

static struct dentry *sv_debugfs_dir;

/* Split mode: an hvc, answered by whoever holds EL2; VHE: our EL2 call. */
static void sv_debugfs_ping(void *data)
{
	struct sv_hvc_res *r = data;

	if (sv_el2_vhe()) {
		r->x0 = sv_hyp_call(SV_HCALL_PING, 0, &r->x1);
		return;
	}
	*r = sv_hvc(SV_HCALL_PING, 0, 0, 0, 0);
}

static int sv_debugfs_el2_show(struct seq_file *m, void *v)
{
	struct sv_hvc_res r;
	unsigned int cpu;

	cpus_read_lock();
	for_each_online_cpu(cpu) {
		if (smp_call_function_single(cpu, sv_debugfs_ping, &r, 1))
			continue;
		if (r.x0 == SV_HYP_OK && r.x1 == SV_HYP_MAGIC)
			seq_printf(m, "cpu%u splitvisor panics=%llu\n", cpu,
				   sv_el2_panic_count(cpu));
		else if (r.x0 == SV_STUB_ERR)
			seq_printf(m, "cpu%u stub\n", cpu);
		else
			seq_printf(m, "cpu%u unknown %#lx\n", cpu, r.x0);
	}
	cpus_read_unlock();
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sv_debugfs_el2);

static int sv_debugfs_vmid_show(struct seq_file *m, void *v)
{
	seq_printf(m, "generation %llu\n", sv_vmid_generation());
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sv_debugfs_vmid);

static void sv_debugfs_fast_vm(struct sv_vm *vm, void *arg)
{
	struct seq_file *m = arg;
	int i, n = atomic_read_acquire(&vm->nr_vcpus);

	for (i = 0; i < n; i++) {
		const struct sv_fast_counts *f = &vm->vcpus[i]->hyp->fast;

		seq_printf(m, "vm %d vcpu %u fp_lazy_loads %llu hvc %llu sysreg %llu wfi %llu "
			   "gicd_read %llu sgi_posted %llu sgi_delivered %llu doorbell %llu\n",
			   vm->creator, vm->vcpus[i]->vcpu_id, READ_ONCE(f->fp_lazy_loads),
			   READ_ONCE(f->hvc), READ_ONCE(f->sysreg), READ_ONCE(f->wfi),
			   READ_ONCE(f->gicd_read), READ_ONCE(f->sgi_posted),
			   READ_ONCE(f->sgi_delivered), READ_ONCE(f->doorbell));
	}
}

static int sv_debugfs_fast_show(struct seq_file *m, void *v)
{
	sv_vm_for_each(sv_debugfs_fast_vm, m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sv_debugfs_fast);

void sv_debugfs_init(void)
{
	sv_debugfs_dir = debugfs_create_dir(SV_NAME, NULL);
	debugfs_create_file("el2", 0444, sv_debugfs_dir, NULL, &sv_debugfs_el2_fops);
	debugfs_create_file("vmid", 0444, sv_debugfs_dir, NULL, &sv_debugfs_vmid_fops);
	debugfs_create_file("fast", 0444, sv_debugfs_dir, NULL, &sv_debugfs_fast_fops);
#ifdef SV_HYP_PROFILE
	sv_prof_debugfs_init(sv_debugfs_dir);
#endif
}

void sv_debugfs_exit(void)
{
	debugfs_remove_recursive(sv_debugfs_dir);
	sv_debugfs_dir = NULL;
}
