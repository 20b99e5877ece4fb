// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/splitvisor/: what the host can tell about EL2.
 *   el2   one line per online CPU: who answers hvc there ("splitvisor",
 *         "stub" or "unknown <x0>") and EL2's panic count on that CPU.
 *   vmid  the current VMID generation (1 + number of rollovers).
 *   fast  one line per vCPU of every live VM: what EL2's fast-path tier
 *         handled for it (struct sv_fast_counts; the same counters as
 *         KVM_GET_STATS_FD's fast_*), "vm <creator's pid> vcpu <id> name value ...".
 *   profile  (instrumentation builds, make SV_PROFILE=1) the world switch's
 *         steps: runs, exits EL2 handled itself, and per step the cycles
 *         summed over all CPUs (under -icount shift=0: instructions), the
 *         mark's own cost already taken out; writing anything zeroes it.
 */
#include <linux/cpu.h>
#include <linux/debugfs.h>
#include <linux/math64.h>
#include <linux/seq_file.h>
#include <linux/smp.h>

#include "splitvisor.h"
#include "el2.h"
#include "sv_hyp_abi.h"
#include "sv_hyp_percpu.h"
#include "vm.h"

static struct dentry *sv_debugfs_dir;

static void sv_debugfs_ping(void *data)
{
	struct sv_hvc_res *r = data;

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
			   "gicd_read %llu sgi_posted %llu sgi_delivered %llu\n", vm->creator,
			   vm->vcpus[i]->vcpu_id, READ_ONCE(f->fp_lazy_loads), READ_ONCE(f->hvc),
			   READ_ONCE(f->sysreg), READ_ONCE(f->wfi), READ_ONCE(f->gicd_read),
			   READ_ONCE(f->sgi_posted), READ_ONCE(f->sgi_delivered));
	}
}

static int sv_debugfs_fast_show(struct seq_file *m, void *v)
{
	sv_vm_for_each(sv_debugfs_fast_vm, m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sv_debugfs_fast);

#ifdef SV_HYP_PROFILE
static const char *const sv_prof_names[SV_PROF_NR] = {
	[SV_PROF_EL1_SAVE_HOST] = "el1-sysregs-save-host",
	[SV_PROF_EL1_RESTORE_GUEST] = "el1-sysregs-restore-guest",
	[SV_PROF_TRAPS_ON] = "el2-config-guest",
	[SV_PROF_S2_ON] = "stage2-guest",
	[SV_PROF_TIMER_RESTORE] = "timer-restore",
	[SV_PROF_VGIC_RESTORE] = "vgic-restore",
	[SV_PROF_DEBUG_GUEST] = "debug-guest",
	[SV_PROF_FP_RESTORE] = "fp-restore",
	[SV_PROF_GUEST] = "gp-regs-and-guest",
	[SV_PROF_EXIT_DECODE] = "exit-decode",
	[SV_PROF_FP_SAVE] = "fp-save",
	[SV_PROF_DEBUG_HOST] = "debug-host",
	[SV_PROF_VGIC_SAVE] = "vgic-save",
	[SV_PROF_TIMER_SAVE] = "timer-save",
	[SV_PROF_S2_OFF] = "stage2-host",
	[SV_PROF_TRAPS_OFF] = "el2-config-host",
	[SV_PROF_EL1_SAVE_GUEST] = "el1-sysregs-save-guest",
	[SV_PROF_EL1_RESTORE_HOST] = "el1-sysregs-restore-host",
	[SV_PROF_BEGIN] = "begin",
	[SV_PROF_MARK] = "mark",
};

/*
 * Sums over the CPUs.  Each step's count includes one mark, whose cost
 * (the empty step "mark", measured at every run) is taken out;
 * gp-regs-and-guest and exit-decode have one mark per pass through the
 * exit loop (runs + reenter).  "begin" and "mark" are shown as measured.
 */
static int sv_debugfs_profile_show(struct seq_file *m, void *v)
{
	u64 runs = 0, reenter = 0, cyc[SV_PROF_NR] = { 0 };
	unsigned int cpu;
	int s;

	for_each_possible_cpu(cpu) {
		struct sv_hyp_cpu *hc = sv_el2_hyp_cpu(cpu);

		if (!hc)
			continue;
		runs += READ_ONCE(hc->prof.runs);
		reenter += READ_ONCE(hc->prof.reenter);
		for (s = 0; s < SV_PROF_NR; s++)
			cyc[s] += READ_ONCE(hc->prof.cycles[s]);
	}
	seq_printf(m, "runs %llu\nreenter %llu\n", runs, reenter);
	for (s = 0; s < SV_PROF_NR; s++) {
		u64 marks = s == SV_PROF_EXIT_DECODE || s == SV_PROF_GUEST ? runs + reenter : runs;
		u64 own = s >= SV_PROF_BEGIN || !runs ? 0 : div64_u64(cyc[SV_PROF_MARK] * marks, runs);

		seq_printf(m, "%s %llu\n", sv_prof_names[s], cyc[s] > own ? cyc[s] - own : 0);
	}
	return 0;
}

static int sv_debugfs_profile_open(struct inode *inode, struct file *file)
{
	return single_open(file, sv_debugfs_profile_show, NULL);
}

static ssize_t sv_debugfs_profile_write(struct file *file, const char __user *buf,
					size_t len, loff_t *ppos)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct sv_hyp_cpu *hc = sv_el2_hyp_cpu(cpu);

		if (hc)
			memset(&hc->prof, 0, sizeof(hc->prof));
	}
	return len;
}

static const struct file_operations sv_debugfs_profile_fops = {
	.owner = THIS_MODULE,
	.open = sv_debugfs_profile_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = sv_debugfs_profile_write,
};
#endif

void sv_debugfs_init(void)
{
	sv_debugfs_dir = debugfs_create_dir(SV_NAME, NULL);
	debugfs_create_file("el2", 0444, sv_debugfs_dir, NULL, &sv_debugfs_el2_fops);
	debugfs_create_file("vmid", 0444, sv_debugfs_dir, NULL, &sv_debugfs_vmid_fops);
	debugfs_create_file("fast", 0444, sv_debugfs_dir, NULL, &sv_debugfs_fast_fops);
#ifdef SV_HYP_PROFILE
	debugfs_create_file("profile", 0644, sv_debugfs_dir, NULL, &sv_debugfs_profile_fops);
#endif
}

void sv_debugfs_exit(void)
{
	debugfs_remove_recursive(sv_debugfs_dir);
	sv_debugfs_dir = NULL;
}
