// SPDX-License-Identifier: GPL-2.0
/*
 * The instrumentation build's profile (make SV_PROFILE=1): the host run
 * loop's marks (host/prof.h) and debugfs splitvisor/profile, which shows
 * EL2's steps (hyp/include/sv_hyp_prof.h) and then the host's.  Built
 * only into that build.
 */
#include <linux/debugfs.h>
#include <linux/math64.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <asm/sysreg.h>

#include "el2.h"
#include "prof.h"
#include "sv_hyp_percpu.h"
#include "vm.h"

/* The host's steps summed per CPU, as EL2's are in struct sv_hyp_cpu. */
struct sv_hprof_cpu {
	u64 cycles[SV_HPROF_NR];
	u64 count[SV_HPROF_NR];		/* steps counted: one mark each */
};
static DEFINE_PER_CPU(struct sv_hprof_cpu, sv_hprof_sums);

/*
 * One mark, out of line so that each costs the same wherever it stands
 * (notrace: no ftrace entry in it).  EL2 turned the cycle counter on at
 * the vCPU's first run (sv_prof_begin) and the host's MDCR_EL2 does not
 * trap EL1's reads.  Each CPU's counter has its own offset: a step that
 * starts and ends on different CPUs is not counted, and the chain starts
 * again where the vCPU now runs.
 */
notrace noinline void sv_hprof_mark(struct sv_vcpu *vcpu, enum sv_hprof_step s)
{
	int cpu = get_cpu();
	u64 now;

	isb();
	now = read_sysreg(pmccntr_el0);
	if (vcpu->prof.cpu == cpu) {
		struct sv_hprof_cpu *p = per_cpu_ptr(&sv_hprof_sums, cpu);

		p->cycles[s] += now - vcpu->prof.last;
		p->count[s]++;
	}
	vcpu->prof.cpu = cpu;
	vcpu->prof.last = now;
	put_cpu();
}

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

static const char *const sv_hprof_names[SV_HPROF_NR] = {
	[SV_HPROF_VGIC_SYNC] = "host-vgic-sync",
	[SV_HPROF_IRQ_ON_FP] = "host-irq-on-fp-end",
	[SV_HPROF_TIMER_SYNC] = "host-timer-sync",
	[SV_HPROF_EXIT] = "host-exit-handler",
	[SV_HPROF_LOOP] = "host-run-loop-checks",
	[SV_HPROF_PREPARE] = "host-entry-prepare",
	[SV_HPROF_FP_IRQ_OFF] = "host-fp-irq-off",
	[SV_HPROF_VMID_TLB] = "host-vmid-tlb",
	[SV_HPROF_TIMER_FLUSH] = "host-timer-flush",
	[SV_HPROF_VGIC_FLUSH] = "host-vgic-flush",
	[SV_HPROF_HYP_CALL] = "host-hyp-call",
	[SV_HPROF_MARK] = "host-mark",
};

/* Cycles without n marks, each costing mark / nmark. */
static u64 sv_prof_net(u64 cyc, u64 n, u64 mark, u64 nmark)
{
	u64 own = nmark ? div64_u64(mark * n, nmark) : 0;

	return cyc > own ? cyc - own : 0;
}

/*
 * EL2's steps summed over the CPUs.  Each step's count includes one mark,
 * whose cost (the empty step "mark", measured at every run) is taken out;
 * gp-regs-and-guest and exit-decode have one mark per pass through the
 * exit loop (runs + reenter).  "begin" and "mark" are shown as measured.
 * Returns EL2's whole span (first counter read to last mark, marks
 * included), which the host's hyp-call step contains.
 */
static u64 sv_prof_show_el2(struct seq_file *m)
{
	u64 runs = 0, reenter = 0, span = 0, cyc[SV_PROF_NR] = { 0 };
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

		if (s >= SV_PROF_BEGIN)
			marks = 0;
		seq_printf(m, "%s %llu\n", sv_prof_names[s],
			   sv_prof_net(cyc[s], marks, cyc[SV_PROF_MARK], runs));
		span += cyc[s];
	}
	seq_printf(m, "el2-span %llu\n", span);
	return span;
}

/*
 * The host's steps, the same way: each count without its mark (the empty
 * step host-mark), host-hyp-call also without EL2's span, so that it is
 * the hvc and eret, EL2's vectors and dispatch and sv_hyp_call itself.
 * host-marks: the marks in all counted host steps (instrumentation).
 */
static void sv_prof_show_host(struct seq_file *m, u64 el2_span)
{
	u64 cyc[SV_HPROF_NR] = { 0 }, n[SV_HPROF_NR] = { 0 }, marks = 0, net;
	unsigned int cpu;
	int s;

	for_each_possible_cpu(cpu) {
		struct sv_hprof_cpu *p = per_cpu_ptr(&sv_hprof_sums, cpu);

		for (s = 0; s < SV_HPROF_NR; s++) {
			cyc[s] += READ_ONCE(p->cycles[s]);
			n[s] += READ_ONCE(p->count[s]);
		}
	}
	seq_printf(m, "host-runs %llu\n", n[SV_HPROF_HYP_CALL]);
	for (s = 0; s < SV_HPROF_MARK; s++) {
		net = sv_prof_net(cyc[s], n[s], cyc[SV_HPROF_MARK], n[SV_HPROF_MARK]);
		if (s == SV_HPROF_HYP_CALL)
			net = net > el2_span ? net - el2_span : 0;
		seq_printf(m, "%s %llu\n", sv_hprof_names[s], net);
		marks += n[s];
	}
	seq_printf(m, "host-mark %llu\nhost-mark-count %llu\nhost-marks %llu\n",
		   cyc[SV_HPROF_MARK], n[SV_HPROF_MARK], marks + n[SV_HPROF_MARK]);
}

static int sv_prof_show(struct seq_file *m, void *v)
{
	sv_prof_show_host(m, sv_prof_show_el2(m));
	return 0;
}

static int sv_prof_open(struct inode *inode, struct file *file)
{
	return single_open(file, sv_prof_show, NULL);
}

/* Zeroes EL2's sums and the host's; a chain in progress goes on. */
static ssize_t sv_prof_write(struct file *file, const char __user *buf,
			     size_t len, loff_t *ppos)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct sv_hyp_cpu *hc = sv_el2_hyp_cpu(cpu);

		if (hc)
			memset(&hc->prof, 0, sizeof(hc->prof));
		memset(per_cpu_ptr(&sv_hprof_sums, cpu), 0, sizeof(struct sv_hprof_cpu));
	}
	return len;
}

static const struct file_operations sv_prof_fops = {
	.owner = THIS_MODULE,
	.open = sv_prof_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = sv_prof_write,
};

void sv_prof_debugfs_init(struct dentry *dir)
{
	debugfs_create_file("profile", 0644, dir, NULL, &sv_prof_fops);
}
