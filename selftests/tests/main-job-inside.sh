# SPDX-License-Identifier: GPL-2.0
# Inside the emulated server: load splitvisor, show /dev/kvm, start a guest.
set -x
insmod /lab/splitvisor.ko || exit 1
dmesg | grep splitvisor
ls -l /dev/kvm
/lab/devkvm splitvisor
# An unmodified QEMU on /dev/kvm.  Until the vGIC issue lands splitvisor
# has no in-kernel irqchip, and QEMU's virt machine with gic-version=3
# stops there ("not supported with kernel-irqchip=off").
timeout 120 qemu-system-aarch64 -M virt,gic-version=3 -accel kvm -cpu host -smp 1 -m 256 \
	-nographic -nic none -kernel /boot/vmlinuz -initrd /boot/guest.cpio \
	-append "console=ttyAMA0 quiet" </dev/null
echo "qemu exited with status $?"
set +x
exit 0
