// SPDX-License-Identifier: GPL-2.0
/*
 * Facts of the host's GIC that the vGIC needs, taken from the device tree
 * and from EL2 (ICH_VTR_EL2), never from the host's KVM: the GIC version,
 * the number of list registers and priority bits, the maintenance
 * interrupt and the virtual timer's PPI.  Both PPIs get a (do-nothing)
 * handler and are enabled on every CPU: their only job is to make a
 * running guest exit to the host, where the run loop looks at the state.
 */
#include <linux/cpuhotplug.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/of.h>
#include <linux/of_irq.h>
#include <linux/percpu.h>

#include "splitvisor.h"
#include "el2.h"
#include "sv_hyp_abi.h"
#include "vgic.h"

struct sv_gic_host sv_gic_host;

static DEFINE_PER_CPU(u8, sv_gic_percpu_dev);	/* dev_id for the percpu IRQs */
static int sv_gic_cpuhp = -1;

static irqreturn_t sv_gic_ppi_handler(int irq, void *dev)
{
	/* The exit this caused was the point; the state is read by the run loop. */
	return IRQ_HANDLED;
}

/* GIC_PPI n in a GIC binding's interrupt specifier -> INTID 16 + n. */
static int sv_of_ppi(struct device_node *np, int index, int *virq, u32 *intid)
{
	struct of_phandle_args args;

	if (of_irq_parse_one(np, index, &args) || args.args_count < 2 || args.args[0] != 1)
		return -ENODEV;
	*intid = 16 + args.args[1];
	*virq = irq_of_parse_and_map(np, index);
	return *virq ? 0 : -ENODEV;
}

static int sv_gic_cpu_up(unsigned int cpu)
{
	if (sv_gic_host.maint_irq)
		enable_percpu_irq(sv_gic_host.maint_irq, IRQ_TYPE_NONE);
	if (sv_gic_host.vtimer_irq)
		enable_percpu_irq(sv_gic_host.vtimer_irq, IRQ_TYPE_NONE);
	return 0;
}

static int sv_gic_cpu_down(unsigned int cpu)
{
	if (sv_gic_host.maint_irq)
		disable_percpu_irq(sv_gic_host.maint_irq);
	if (sv_gic_host.vtimer_irq)
		disable_percpu_irq(sv_gic_host.vtimer_irq);
	return 0;
}

static int sv_gic_request(int *virq, const char *name)
{
	int ret = request_percpu_irq(*virq, sv_gic_ppi_handler, name, &sv_gic_percpu_dev);

	if (ret) {
		pr_warn(SV_NAME ": cannot request %s (IRQ %d): %d\n", name, *virq, ret);
		*virq = 0;
	}
	return ret;
}

/* Not fatal: without these the module still runs VMs without a vGIC. */
int sv_gic_host_init(void)
{
	struct device_node *gic, *timer;
	unsigned long vtr = 0;
	u32 maint_intid;
	int ret;

	gic = of_find_compatible_node(NULL, NULL, "arm,gic-v3");
	if (!gic) {
		pr_info(SV_NAME ": no GICv3 in the device tree: no vGIC\n");
		return -ENODEV;
	}
	ret = sv_of_ppi(gic, 0, &sv_gic_host.maint_irq, &maint_intid);
	of_node_put(gic);
	if (ret) {
		pr_info(SV_NAME ": the GICv3 has no maintenance interrupt: no vGIC\n");
		return ret;
	}
	timer = of_find_compatible_node(NULL, NULL, "arm,armv8-timer");
	ret = timer ? sv_of_ppi(timer, 2, &sv_gic_host.vtimer_irq, &sv_gic_host.vtimer_intid)
		    : -ENODEV;
	of_node_put(timer);
	if (ret) {
		pr_info(SV_NAME ": no virtual timer interrupt in the device tree: no vGIC\n");
		return ret;
	}
	if (sv_hyp_call(SV_HCALL_GET_ICH_VTR, 0, &vtr)) {
		pr_warn(SV_NAME ": EL2 could not read ICH_VTR_EL2: no vGIC\n");
		return -ENODEV;
	}
	sv_gic_host.vtr = vtr;
	sv_gic_host.nr_lrs = min_t(u32, SV_ICH_VTR_LISTREGS(vtr), SV_VGIC_MAX_LRS);
	sv_gic_host.pri_bits = SV_ICH_VTR_PRIBITS(vtr);
	ret = sv_gic_request(&sv_gic_host.maint_irq, "splitvisor-maint");
	if (!ret)
		ret = sv_gic_request(&sv_gic_host.vtimer_irq, "splitvisor-vtimer");
	if (ret) {
		sv_gic_host_exit();
		return ret;
	}
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "splitvisor/vgic:online",
				sv_gic_cpu_up, sv_gic_cpu_down);
	if (ret < 0) {
		sv_gic_host_exit();
		return ret;
	}
	sv_gic_cpuhp = ret;
	sv_gic_host.version = 3;
	pr_info(SV_NAME ": vGICv3: %u list registers, %u priority bits, maintenance INTID %u, vtimer INTID %u\n",
		sv_gic_host.nr_lrs, sv_gic_host.pri_bits, maint_intid, sv_gic_host.vtimer_intid);
	return 0;
}

void sv_gic_host_exit(void)
{
	if (sv_gic_cpuhp >= 0)
		cpuhp_remove_state(sv_gic_cpuhp);
	sv_gic_cpuhp = -1;
	if (sv_gic_host.maint_irq)
		free_percpu_irq(sv_gic_host.maint_irq, &sv_gic_percpu_dev);
	if (sv_gic_host.vtimer_irq)
		free_percpu_irq(sv_gic_host.vtimer_irq, &sv_gic_percpu_dev);
	memset(&sv_gic_host, 0, sizeof(sv_gic_host));
}
