// SPDX-License-Identifier: GPL-2.0
/*
 * Facts of the host's GIC that the vGIC needs, taken from the device tree
 * and from EL2 (ICH_VTR_EL2) or the GICv2 GICH frame (GICH_VTR), never
 * from the host's KVM: the GIC version, the number of list registers and
 * priority bits, the maintenance interrupt and the virtual timer's PPI;
 * on a GICv2 also where GICH and GICV are (the GIC node's reg entries 2
 * and 3, present when the GIC has the virtualization extensions).  Both PPIs get a (do-nothing)
 * handler and are enabled on every CPU: their only job is to make a
 * running guest exit to the host, where the run loop looks at the state.
 */
#include <linux/cpuhotplug.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/irq.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_irq.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <asm/cpufeature.h>
#include <asm/cputype.h>
#include <asm/sysreg.h>

#include "splitvisor.h"
#include "el2.h"
#include "sv_hyp_abi.h"
#include "sv_hyp_db.h"
#include "ioeventfd.h"
#include "sv_vgic.h"

struct sv_gic_host sv_gic_host;

static DEFINE_PER_CPU(u8, sv_gic_percpu_dev);	/* dev_id for the percpu IRQs */
static int sv_gic_cpuhp = -1;
/*
 * The host's mapping of GICH.  EL2 maps the frame at the EL2 address of
 * this one and keeps it until EL2 is handed back at unload, so the
 * virtual range stays ours until then (nothing else may land on it).
 */
static void __iomem *sv_gich_map;

/*
 * The maintenance and virtual-timer PPIs, and the kick SGI: the exit the
 * interrupt caused was the point, the run loop reads the state (a kick
 * that lands after its target left the guest: the host drains the
 * mailbox anyway).
 */
static irqreturn_t sv_gic_exit_handler(int irq, void *dev)
{
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

/* ---- the kick SGI of SV_FAST_SGI ------------------------------------------ */

/*
 * A sender's EL2 raises SV_KICK_SGI on the CPU where the target vCPU runs,
 * and the target's EL2 acknowledges it.  Linux does not use SGIs 8-15:
 * the kick is mapped and requested here (a handler that does nothing,
 * for a kick that lands after its target left the guest), and in each
 * CPU's redistributor it gets a priority above every Linux interrupt
 * (GICR_IPRIORITYR), so that when it is the highest-priority pending
 * interrupt the acknowledge cannot return another (hyp/fast-sgi.c).
 * Linux gives SGIs its default priority again when a CPU comes up, before
 * this runs; unload puts the default back.  Without pseudo-NMIs only
 * (they outrank it) and with the SGI non-secure group 1; else no kick,
 * and every SGI goes through the host.
 */
#define SV_GICR_TYPER		0x0008
#define SV_GICR_TYPER_VLPIS	BIT(1)
#define SV_GICR_TYPER_LAST	BIT(4)
#define SV_GICR_SGI_BASE	SZ_64K
#define SV_GICR_IGROUPR0	0x0080
#define SV_GICR_ISACTIVER0	0x0300
#define SV_GICR_ICACTIVER0	0x0380
#define SV_GICR_IPRIORITYR	0x0400
#define SV_GIC_DEF_PRIO		0xa0	/* Linux's GICD_INT_DEF_PRI */
#define SV_ICC_CTLR_EOIMODE	BIT(1)
#define SV_GICR_MAX_REGIONS	8

static struct {
	void __iomem *map[SV_GICR_MAX_REGIONS];
	resource_size_t size[SV_GICR_MAX_REGIONS];
	unsigned int nr;
	u64 stride;			/* "redistributor-stride", 0 = from GICR_TYPER */
} sv_gicr;
static DEFINE_PER_CPU(void __iomem *, sv_gicr_frame);	/* this CPU's SGI_base, when found */
static DEFINE_PER_CPU(void __iomem *, sv_gicr_sgi);	/* ... when the kick uses it */

/* This CPU's redistributor SGI frame: the one whose GICR_TYPER has its MPIDR. */
static void __iomem *sv_gicr_find_this_cpu(void)
{
	u64 mpidr = read_cpuid_mpidr();
	u32 aff = (MPIDR_AFFINITY_LEVEL(mpidr, 3) << 24) | (MPIDR_AFFINITY_LEVEL(mpidr, 2) << 16) |
		  (MPIDR_AFFINITY_LEVEL(mpidr, 1) << 8) | MPIDR_AFFINITY_LEVEL(mpidr, 0);
	unsigned int r, i;

	for (r = 0; r < sv_gicr.nr; r++) {
		void __iomem *f = sv_gicr.map[r];
		void __iomem *end = f + sv_gicr.size[r];

		/* Not past the region's end, whatever its frames' TYPER.Last say. */
		for (i = 0; i < 4096 && f + 2 * SZ_64K <= end; i++) {
			u64 typer = readq_relaxed(f + SV_GICR_TYPER);

			if ((u32)(typer >> 32) == aff)
				return f + SV_GICR_SGI_BASE;
			if (typer & SV_GICR_TYPER_LAST)
				break;
			f += sv_gicr.stride ?: (typer & SV_GICR_TYPER_VLPIS ? 4 * SZ_64K : 2 * SZ_64K);
		}
	}
	return NULL;
}

/* ICC_SGI1R_EL1 that raises SGI sgi on this CPU (and only here). */
static u64 sv_sgi1r_this_cpu(unsigned int sgi)
{
	u64 mpidr = read_cpuid_mpidr();

	return ((u64)MPIDR_AFFINITY_LEVEL(mpidr, 3) << 48) |
	       ((u64)MPIDR_AFFINITY_LEVEL(mpidr, 2) << 32) |
	       ((u64)MPIDR_AFFINITY_LEVEL(mpidr, 1) << 16) |
	       ((u64)(MPIDR_AFFINITY_LEVEL(mpidr, 0) / 16) << 44) |
	       BIT(MPIDR_AFFINITY_LEVEL(mpidr, 0) % 16) | ((u64)sgi << 24);
}

/*
 * The vtimer PPI's active state on this CPU (IRQs off): where we know
 * this CPU's redistributor, one write to GICR_IS/ICACTIVER0 -- the write
 * the GICv3 driver's irq_set_irqchip_state() ends in, without its
 * descriptor lookup and locks (some 300 instructions at every entry after
 * another vCPU ran here); else through the driver.
 */
int sv_gic_vtimer_set_active(bool active)
{
	void __iomem *sgi = __this_cpu_read(sv_gicr_frame);
	u32 intid = sv_gic_host.vtimer_intid;

	if (sgi && intid < 32) {
		writel_relaxed(BIT(intid), sgi + (active ? SV_GICR_ISACTIVER0 : SV_GICR_ICACTIVER0));
		return 0;
	}
	return irq_set_irqchip_state(sv_gic_host.vtimer_irq, IRQCHIP_STATE_ACTIVE, active);
}

/* On the CPU coming up (IRQs on, preemption off by cpuhp). */
static void sv_kick_cpu_up(unsigned int cpu)
{
	void __iomem *sgi;

	if (!sv_gicr.nr)
		return;
	sgi = sv_gicr_find_this_cpu();
	this_cpu_write(sv_gicr_frame, sgi);
	if (!sv_gic_host.kick_irq)
		return;
	if (!sgi || !(readl_relaxed(sgi + SV_GICR_IGROUPR0) & BIT(SV_KICK_SGI))) {
		pr_info_once(SV_NAME ": CPU%u: the kick SGI is not usable here: SGIs go through the host\n",
			     cpu);
		return;
	}
	this_cpu_write(sv_gicr_sgi, sgi);
	writeb_relaxed(SV_KICK_PRIO, sgi + SV_GICR_IPRIORITYR + SV_KICK_SGI);
	enable_percpu_irq(sv_gic_host.kick_irq, IRQ_TYPE_NONE);
	sv_el2_set_kick(cpu, sv_sgi1r_this_cpu(SV_KICK_SGI),
			read_sysreg_s(SYS_ICC_CTLR_EL1) & SV_ICC_CTLR_EOIMODE);
}

static void sv_kick_cpu_down(unsigned int cpu)
{
	void __iomem *sgi = this_cpu_read(sv_gicr_sgi);

	this_cpu_write(sv_gicr_frame, NULL);
	if (!sgi)
		return;
	sv_el2_set_kick(cpu, 0, false);
	disable_percpu_irq(sv_gic_host.kick_irq);
	writeb_relaxed(SV_GIC_DEF_PRIO, sgi + SV_GICR_IPRIORITYR + SV_KICK_SGI);
	this_cpu_write(sv_gicr_sgi, NULL);
}

static void sv_kick_undo(void)
{
	unsigned int r;

	if (sv_gic_host.kick_irq) {
		free_percpu_irq(sv_gic_host.kick_irq, &sv_gic_percpu_dev);
		irq_dispose_mapping(sv_gic_host.kick_irq);
	}
	sv_gic_host.kick_irq = 0;
	for (r = 0; r < sv_gicr.nr; r++)
		iounmap(sv_gicr.map[r]);
	sv_gicr.nr = 0;
}

/* GICv3 only, not fatal: without it SV_FAST_SGI leaves every SGI to the host. */
static void sv_kick_init(struct device_node *gic)
{
	struct irq_fwspec fw = { .fwnode = of_node_to_fwnode(gic), .param_count = 1,
				 .param = { SV_KICK_SGI } };
	u32 nr = 1, r;
	int virq;

	if (system_uses_irq_prio_masking()) {
		pr_info(SV_NAME ": pseudo-NMIs outrank the kick SGI: SGIs go through the host\n");
		return;
	}
	of_property_read_u32(gic, "#redistributor-regions", &nr);
	if (of_property_read_u64(gic, "redistributor-stride", &sv_gicr.stride))
		sv_gicr.stride = 0;
	for (r = 0; r < nr && r < SV_GICR_MAX_REGIONS; r++) {
		struct resource res;

		if (of_address_to_resource(gic, 1 + r, &res))
			break;
		sv_gicr.map[r] = ioremap(res.start, resource_size(&res));
		if (!sv_gicr.map[r])
			break;
		sv_gicr.size[r] = resource_size(&res);
		sv_gicr.nr = r + 1;
	}
	virq = sv_gicr.nr ? irq_create_fwspec_mapping(&fw) : 0;
	if (virq <= 0 || request_percpu_irq(virq, sv_gic_exit_handler, "splitvisor-kick",
					   &sv_gic_percpu_dev)) {
		pr_info(SV_NAME ": no kick SGI (%d): SGIs go through the host\n", virq);
		if (virq > 0)
			irq_dispose_mapping(virq);
		sv_kick_undo();
		return;
	}
	sv_gic_host.kick_irq = virq;
}

/* ---- the doorbell SGI of SV_FAST_DOORBELL --------------------------------- */

/*
 * A vCPU's EL2 that posted an ioeventfd write raises SV_DB_SGI on its
 * CPU's doorbell CPU: the next online one after it, in a ring (none when
 * it is alone: EL2 then leaves the write to the host).  There it is an
 * ordinary Linux interrupt -- a guest running on that CPU exits for it
 * like for any host interrupt -- whose handler signals the eventfds
 * (virtio/ioeventfd.c).  A CPU going offline is taken out of the ring
 * first; then, after a grace period (EL2 runs with the host's IRQs off,
 * so every EL2 that read the old target is done), everything posted is
 * signalled from here, for SGIs that went to this CPU and will not be
 * taken.  GICv3 only: EL2 raises it through ICC_SGI1R_EL1.
 */
static DEFINE_PER_CPU(u64, sv_db_sgi1r_here);	/* ICC_SGI1R_EL1 raising it here; 0 = not up */
static DEFINE_PER_CPU(u64, sv_db_sgi1r_target);	/* ... on this CPU's doorbell CPU; 0 = none */

/*
 * Preemption off: raise SV_DB_SGI on this CPU's doorbell CPU, as EL2
 * does; false if it has none (alone, or the SGI is not up).
 */
bool sv_gic_db_kick(void)
{
	u64 target = this_cpu_read(sv_db_sgi1r_target);

	if (!target)
		return false;
	dsb(ishst);		/* the posted count and `any` before the SGI */
	write_sysreg_s(target, SYS_ICC_SGI1R_EL1);
	isb();
	return true;
}

bool sv_gic_db_can_kick(void)
{
	return this_cpu_read(sv_db_sgi1r_target) != 0;
}

static irqreturn_t sv_db_handler(int irq, void *dev)
{
	sv_ioeventfd_kicked();
	return IRQ_HANDLED;
}

/* Each online CPU's doorbell CPU, leaving out `gone` (-1: none); cpuhp serialises us. */
static void sv_db_retarget(int gone)
{
	unsigned int cpu, next, n;

	for_each_online_cpu(cpu) {
		u64 target = 0;

		for (next = cpu, n = 0; cpu != gone && n < nr_cpu_ids; n++) {
			next = cpumask_next(next, cpu_online_mask);
			if (next >= nr_cpu_ids)
				next = cpumask_first(cpu_online_mask);
			if (next == cpu)
				break;
			if (next != gone && per_cpu(sv_db_sgi1r_here, next)) {
				target = per_cpu(sv_db_sgi1r_here, next);
				break;
			}
		}
		sv_el2_set_db_kick(cpu, target);
		WRITE_ONCE(per_cpu(sv_db_sgi1r_target, cpu), target);
	}
}

static void sv_db_cpu_up(unsigned int cpu)
{
	if (!sv_gic_host.db_irq)
		return;
	enable_percpu_irq(sv_gic_host.db_irq, IRQ_TYPE_NONE);
	this_cpu_write(sv_db_sgi1r_here, sv_sgi1r_this_cpu(SV_DB_SGI));
	sv_db_retarget(-1);
}

static void sv_db_cpu_down(unsigned int cpu)
{
	if (!sv_gic_host.db_irq)
		return;
	this_cpu_write(sv_db_sgi1r_here, 0);
	sv_db_retarget(cpu);
	synchronize_rcu();
	sv_ioeventfd_drain_all();
	disable_percpu_irq(sv_gic_host.db_irq);
}

/* GICv3 only, not fatal: without it the host signals every ioeventfd write. */
static void sv_db_init(struct device_node *gic)
{
	struct irq_fwspec fw = { .fwnode = of_node_to_fwnode(gic), .param_count = 1,
				 .param = { SV_DB_SGI } };
	int virq = irq_create_fwspec_mapping(&fw);

	if (virq <= 0 || request_percpu_irq(virq, sv_db_handler, "splitvisor-doorbell",
					   &sv_gic_percpu_dev)) {
		pr_info(SV_NAME ": no doorbell SGI (%d): the host signals every ioeventfd\n", virq);
		if (virq > 0)
			irq_dispose_mapping(virq);
		return;
	}
	sv_gic_host.db_irq = virq;
}

static void sv_db_undo(void)
{
	if (!sv_gic_host.db_irq)
		return;
	free_percpu_irq(sv_gic_host.db_irq, &sv_gic_percpu_dev);
	irq_dispose_mapping(sv_gic_host.db_irq);
	sv_gic_host.db_irq = 0;
}

static int sv_gic_cpu_up(unsigned int cpu)
{
	if (sv_gic_host.maint_irq)
		enable_percpu_irq(sv_gic_host.maint_irq, IRQ_TYPE_NONE);
	if (sv_gic_host.vtimer_irq)
		enable_percpu_irq(sv_gic_host.vtimer_irq, IRQ_TYPE_NONE);
	sv_kick_cpu_up(cpu);
	sv_db_cpu_up(cpu);
	return 0;
}

static int sv_gic_cpu_down(unsigned int cpu)
{
	sv_db_cpu_down(cpu);
	sv_kick_cpu_down(cpu);
	if (sv_gic_host.maint_irq)
		disable_percpu_irq(sv_gic_host.maint_irq);
	if (sv_gic_host.vtimer_irq)
		disable_percpu_irq(sv_gic_host.vtimer_irq);
	return 0;
}

static int sv_gic_request(int *virq, const char *name)
{
	int ret = request_percpu_irq(*virq, sv_gic_exit_handler, name, &sv_gic_percpu_dev);

	if (ret) {
		pr_warn(SV_NAME ": cannot request %s (IRQ %d): %d\n", name, *virq, ret);
		*virq = 0;
	}
	return ret;
}

/* Drop what the probe found, before any IRQ was requested. */
static void sv_gic_host_forget(void)
{
	sv_el2_set_gich(0);
	memset(&sv_gic_host, 0, sizeof(sv_gic_host));
}

/* Undo a (partly) successful init; the GICH mapping stays for EL2. */
static void sv_gic_host_undo(void)
{
	if (sv_gic_cpuhp >= 0)
		cpuhp_remove_state(sv_gic_cpuhp);
	sv_gic_cpuhp = -1;
	if (sv_gic_host.maint_irq)
		free_percpu_irq(sv_gic_host.maint_irq, &sv_gic_percpu_dev);
	if (sv_gic_host.vtimer_irq)
		free_percpu_irq(sv_gic_host.vtimer_irq, &sv_gic_percpu_dev);
	sv_kick_undo();
	sv_db_undo();
	sv_gic_host_forget();
}

static int sv_gic_v3_probe(void)
{
	unsigned long vtr = 0;

	if (sv_hyp_call(SV_HCALL_GET_ICH_VTR, 0, &vtr)) {
		pr_warn(SV_NAME ": EL2 could not read ICH_VTR_EL2: no vGIC\n");
		return -ENODEV;
	}
	sv_gic_host.vtr = vtr;
	sv_gic_host.nr_lrs = min_t(u32, SV_ICH_VTR_LISTREGS(vtr), SV_VGIC_MAX_LRS);
	sv_gic_host.pri_bits = SV_ICH_VTR_PRIBITS(vtr);
	return 0;
}

/*
 * GICv2 with virtualization extensions: GICH is mapped for the host (to
 * read GICH_VTR) and into EL2 (which switches it); GICV is what a
 * guest's GICC region becomes at stage 2, so it must hold the 8 KiB
 * CPU interface and start on a page.
 */
static int sv_gic_v2_probe(struct device_node *gic)
{
	struct resource gich, gicv;
	u64 hyp_va;
	u32 vtr;
	int ret;

	if (of_address_to_resource(gic, 2, &gich) || of_address_to_resource(gic, 3, &gicv)) {
		pr_info(SV_NAME ": the GICv2 has no virtualization extensions: no vGIC\n");
		return -ENODEV;
	}
	if (resource_size(&gicv) < SV_VGIC_V2_CPU_SIZE || !PAGE_ALIGNED(gicv.start) ||
	    !PAGE_ALIGNED(gich.start) || resource_size(&gich) < SZ_4K) {
		pr_info(SV_NAME ": GICH/GICV frames unusable with this page size: no vGIC\n");
		return -ENODEV;
	}
	sv_gich_map = ioremap(gich.start, SZ_4K);
	if (!sv_gich_map)
		return -ENOMEM;
	sv_gic_host.gich = sv_gich_map;
	vtr = readl_relaxed(sv_gic_host.gich + SV_GICH_VTR);
	sv_gic_host.vtr = vtr;
	sv_gic_host.nr_lrs = min_t(u32, SV_GICH_VTR_LISTREGS(vtr), SV_VGIC_MAX_LRS);
	sv_gic_host.pri_bits = SV_GICH_VTR_PRIBITS(vtr);
	sv_gic_host.gicv_base = gicv.start;
	sv_gic_host.gicv_size = resource_size(&gicv);
	ret = sv_el2_map_device(sv_gic_host.gich, gich.start, SZ_4K, &hyp_va);
	if (ret) {
		pr_warn(SV_NAME ": cannot map GICH into EL2 (%d): no vGIC\n", ret);
		return ret;
	}
	sv_el2_set_gich(hyp_va);
	return 0;
}

/* The GIC node: a v3, or a v2 (as QEMU's virt board and GIC-400 systems name it). */
static struct device_node *sv_gic_find(u32 *version)
{
	static const char * const v2[] = { "arm,cortex-a15-gic", "arm,gic-400" };
	struct device_node *np = of_find_compatible_node(NULL, NULL, "arm,gic-v3");
	unsigned int i;

	*version = 3;
	for (i = 0; !np && i < ARRAY_SIZE(v2); i++) {
		np = of_find_compatible_node(NULL, NULL, v2[i]);
		*version = 2;
	}
	return np;
}

/* Not fatal: without these the module still runs VMs without a vGIC. */
int sv_gic_host_init(void)
{
	struct device_node *gic, *timer;
	u32 maint_intid, version;
	int ret;

	gic = sv_gic_find(&version);
	if (!gic) {
		pr_info(SV_NAME ": no GICv3 or GICv2 in the device tree: no vGIC\n");
		return -ENODEV;
	}
	ret = sv_of_ppi(gic, 0, &sv_gic_host.maint_irq, &maint_intid);
	if (!ret && version == 2)
		ret = sv_gic_v2_probe(gic);
	if (ret) {
		pr_info(SV_NAME ": the GICv%u has no usable virtual interface: no vGIC\n",
			version);
		of_node_put(gic);
		sv_gic_host_forget();
		return ret;
	}
	timer = of_find_compatible_node(NULL, NULL, "arm,armv8-timer");
	ret = timer ? sv_of_ppi(timer, 2, &sv_gic_host.vtimer_irq, &sv_gic_host.vtimer_intid)
		    : -ENODEV;
	of_node_put(timer);
	if (ret) {
		pr_info(SV_NAME ": no virtual timer interrupt in the device tree: no vGIC\n");
		of_node_put(gic);
		sv_gic_host_forget();
		return ret;
	}
	if (version == 3 && sv_gic_v3_probe()) {
		of_node_put(gic);
		sv_gic_host_forget();
		return -ENODEV;
	}
	ret = sv_gic_request(&sv_gic_host.maint_irq, "splitvisor-maint");
	if (!ret)
		ret = sv_gic_request(&sv_gic_host.vtimer_irq, "splitvisor-vtimer");
	else
		sv_gic_host.vtimer_irq = 0;	/* never requested: nothing to free */
	if (ret) {
		of_node_put(gic);
		sv_gic_host_undo();
		return ret;
	}
	if (version == 3) {
		sv_kick_init(gic);
		sv_db_init(gic);
	}
	of_node_put(gic);
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "splitvisor/vgic:online",
				sv_gic_cpu_up, sv_gic_cpu_down);
	if (ret < 0) {
		sv_gic_host_undo();
		return ret;
	}
	sv_gic_cpuhp = ret;
	sv_gic_host.version = version;
	pr_info(SV_NAME ": vGICv%u: %u list registers, %u priority bits, maintenance INTID %u, vtimer INTID %u%s%s\n",
		version, sv_gic_host.nr_lrs, sv_gic_host.pri_bits, maint_intid,
		sv_gic_host.vtimer_intid, sv_gic_host.kick_irq ? ", kick SGI 15" : "",
		sv_gic_host.db_irq ? ", doorbell SGI 14" : "");
	return 0;
}

/* Module unload: EL2 is handed back right after this (host/main.c). */
void sv_gic_host_exit(void)
{
	sv_gic_host_undo();
	if (sv_gich_map)
		iounmap(sv_gich_map);
	sv_gich_map = NULL;
}
