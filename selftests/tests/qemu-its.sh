# SPDX-License-Identifier: GPL-2.0
# Lab script (run.sh SCRIPT, with or without --kvm): unmodified QEMU's virt
# machine with the in-kernel vGICv3 AND its ITS (no its=off), then MSIs
# through the ITS: a PCIe root port's MSI (pciehp) fires when a device is
# hot-plugged into it from the QEMU monitor (QEMU raises that one with
# KVM_SIGNAL_MSI).  The guest kernel has no virtio-pci driver built in
# (CONFIG_VIRTIO_PCI=m) and the initrd has no modules, so the root port
# (CONFIG_PCIEPORTBUS=y) is the MSI device.  Without splitvisor.ko
# (--kvm boot) the same checks run against the in-kernel KVM.  The same
# boot is qemu_guest's (lab-common.sh): 2 vCPUs, timer and IPIs on both.
. /lab/lab-common.sh
lab_hv
Q="qemu-system-aarch64 -M virt,gic-version=3 -accel kvm -cpu $GUEST_CPU -smp 2 -m 256 \
	-nographic -nic none -kernel /boot/vmlinuz -initrd /boot/guest.cpio"

echo "=== $HV: MSIs through the ITS (PCIe root port, hot-plug)"
rm -f /tmp/in /tmp/mon.in /tmp/mon.out /tmp/q2
mkfifo /tmp/in /tmp/mon.in /tmp/mon.out
# QEMU_ITS_STRACE=1: trace QEMU's ioctls (which MSI path it used) -- off by
# default: stopping every vCPU thread at each KVM_RUN doubles the test's time.
ST=""
rm -f /tmp/st
[ "${QEMU_ITS_STRACE:-0}" = 1 ] && command -v strace >/dev/null && ST="strace -f -e trace=ioctl -o /tmp/st"
(timeout 300 $ST $Q -device pcie-root-port,id=rp0,chassis=1,slot=1 \
	-monitor pipe:/tmp/mon -append "console=ttyAMA0 guest.irqs guest.shell" \
	</tmp/in >/tmp/q2 2>&1; echo "QEMU-EXIT rc=$?" >>/tmp/q2) &
exec 3>/tmp/in
cat /tmp/mon.out >/tmp/mon.log &
MONCAT=$!
if wait_count "GUEST-INTERRUPTS-END" /tmp/q2; then
	sleep 2
	echo 'cat /proc/interrupts; echo M1=$((40+2))' >&3
	wait_count "M1=42" /tmp/q2
	echo "device_add virtio-rng-pci,bus=rp0,id=rng0" >/tmp/mon.in
	sleep 8
	echo 'cat /proc/interrupts; dmesg | grep -iE "pciehp|ITS|MSI" | tail -15; echo M2=$((40+3))' >&3
	wait_count "M2=43" /tmp/q2
fi
echo 'exit' >&3
exec 3>&-
wait_count "QEMU-EXIT" /tmp/q2
# timeout's SIGTERM reaches strace, which detaches and leaves QEMU
# running (a guest too slow to boot in time, e.g. on a loaded machine):
# make sure it is gone, so that the tests after this one can unload the
# module, and say so.
if pkill -KILL -f "qemu-system-aarch64 .*rp0" 2>/dev/null; then
	echo "# q2: QEMU was still running after its time limit: killed"
	wait_count "QEMU-EXIT" /tmp/q2 1 30
fi
kill $MONCAT 2>/dev/null
sed 's/^/# q2: /' /tmp/q2 | tail -60
sed 's/^/# mon: /' /tmp/mon.log | tail -5
if [ -e /tmp/st ]; then
	echo "# KVM_SIGNAL_MSI calls: $(grep -c KVM_SIGNAL_MSI /tmp/st)"
	grep -E "KVM_SIGNAL_MSI|VGIC_ITS|KVM_IRQFD|GSI_ROUTING" /tmp/st | head -12 | cut -c1-200 | sed 's/^/# st: /'
	grep -E "KVM_SIGNAL_MSI" /tmp/st | tail -3 | cut -c1-200 | sed 's/^/# st: /'
fi
# The boot itself (with the ITS present): 2 vCPUs, the timer and IPIs on
# both (guest.irqs: /proc/interrupts a second after boot), QEMU exits 0
# when the shell exits.
qemu_guest_check "$HV" 3 /tmp/q2 "$(sed -n 's/^QEMU-EXIT rc=//p' /tmp/q2 | tail -1)"
# After the hot-plug the pciehp line (ITS-MSI) must have counted something.
n=$(sed -n '/M1=42/,$p' /tmp/q2 | sed -n '/M1=42/,/M2=43/p' | \
	awk '/ITS-MSI/ && /pciehp/ { s = 0; for (i = 2; i <= 3; i++) s += $i; print s }' | tail -1)
grep -q "ITS-MSI" /tmp/q2 && ok "$HV: ITS-MSI interrupts exist" || notok "$HV: ITS-MSI interrupts exist"
[ -n "$n" ] && [ "$n" -gt 0 ] && ok "$HV: pciehp MSI delivered ($n)" || notok "$HV: pciehp MSI delivered (${n:-none})"

if [ $LOADED = 1 ]; then
	cat /sys/kernel/debug/splitvisor/el2 2>/dev/null | head -5
	dmesg | grep -iE "splitvisor|BUG|WARN" | tail -10 | sed 's/^/# dmesg: /'
	check "rmmod" rmmod splitvisor
fi
exit $FAILED
