// SPDX-License-Identifier: GPL-2.0
/*
 * Splitvisor module entry: check that EL2 can be ours, then serve /dev/kvm.
 */
#include <linux/module.h>
#include <linux/init.h>

#include "splitvisor.h"
#include "el2.h"
#include "sysreg_table.h"
#include "vm.h"

static int __init sv_init(void)
{
	int ret;

	/*
	 * /dev/kvm first: if the in-kernel KVM is active it holds minor 232
	 * and EL2, and nothing below must touch EL2 behind its back.
	 */
	ret = sv_dev_register();
	if (ret == -EBUSY) {
		pr_err(SV_NAME ": /dev/kvm is taken (the in-kernel KVM is active?); boot with kvm-arm.mode=none to use splitvisor\n");
		return ret;
	}
	if (ret) {
		pr_err(SV_NAME ": cannot register /dev/kvm: %d\n", ret);
		return ret;
	}

	ret = sv_sysregs_check();
	if (!ret)
		ret = sv_hvc_rows_check();
	if (!ret)
		ret = sv_el2_probe();
	if (ret >= 0)
		ret = sv_el2_init(ret == 1);
	if (ret) {
		sv_dev_unregister();
		return ret;
	}

	sv_gic_host_init();	/* failure only means: no vGIC */
	sv_debugfs_init();
	pr_info(SV_NAME ": loaded, %s on %u CPUs, /dev/kvm ready (version %s)\n",
		sv_el2_vhe() ? "VHE mode" : "EL2 taken", sv_el2_nr_cpus(), SV_VERSION);
	return 0;
}

static void __exit sv_exit(void)
{
	/* /dev/kvm holds a module reference while open: no user is left. */
	sv_dev_unregister();
	sv_debugfs_exit();
	sv_gic_host_exit();
	sv_vcpu_kick_flush();
	sv_el2_exit();
	pr_info(SV_NAME ": unloaded\n");
}

module_init(sv_init);
module_exit(sv_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Splitvisor: a Type 2 hypervisor (split mode or VHE) serving the KVM ABI");
MODULE_AUTHOR("The Splitvisor developers");
MODULE_VERSION(SV_VERSION);
