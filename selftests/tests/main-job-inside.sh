# SPDX-License-Identifier: GPL-2.0
# Inside the emulated server: load splitvisor, show /dev/kvm, start a guest.
set -x
insmod /lab/splitvisor.ko || exit 1
dmesg | grep splitvisor
ls -l /dev/kvm
/lab/devkvm splitvisor
# An unmodified QEMU on /dev/kvm, with the in-kernel vGICv3 and timers:
# the guest (Debian's kernel, a busybox initrd) boots on 2 vCPUs and
# prints its /proc/interrupts; the ITS is there too (MSIs).
timeout 600 qemu-system-aarch64 -M virt,gic-version=3 -accel kvm -cpu host -smp 2 -m 256 \
	-nographic -nic none -kernel /boot/vmlinuz -initrd /boot/guest.cpio \
	-append "console=ttyAMA0 quiet guest.irqs" </dev/null
echo "qemu exited with status $?"
set +x
exit 0
