# SPDX-License-Identifier: GPL-2.0
# The GICv2 host (run.sh --gicv2: GICH/GICV virtualization frames): the
# vGICv2 with the legacy KVM_CREATE_IRQCHIP path, and unmodified QEMU's
# virt machine with gic-version=2.  Splitvisor when the server was booted
# with kvm-arm.mode=none, else the in-kernel KVM.
. /lab/lab-common.sh
hv=kvm
grep -q kvm-arm.mode=none /proc/cmdline && hv=splitvisor
if [ $hv = splitvisor ]; then
	check "insmod (GICv2 server)" insmod /lab/splitvisor.ko
	check "dmesg names the vGICv2" sh -c 'dmesg | grep -q "splitvisor: vGICv2:"'
fi
timeout 120 /lab/vgic_v2 || FAILED=1
qemu_guest "$hv gicv2" 2
# The virtio guest with gic-version=2: its MSIs through QEMU's GICv2m frame.
timeout 1200 sh /lab/qemu-virtio.sh 2 || FAILED=1
# vgic_init's GICv2 cases (the v3 ones skip on this server).
KSELFTEST_ONLY="vgic_init_deadvm" sh /lab/lab-kselftests.sh
if [ $hv = splitvisor ]; then
	check "rmmod (GICv2 server)" rmmod splitvisor
fi
exit $FAILED
