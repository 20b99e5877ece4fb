# SPDX-License-Identifier: GPL-2.0
# Lab script: /dev/kvm permissions like a distribution's KVM.  systemd-udevd
# runs with the project's rule (packaging/65-splitvisor.rules); /dev/kvm
# must come out root:kvm 0660; a user in group kvm opens it and boots a
# guest with unmodified QEMU -accel kvm; a user outside the group gets
# EACCES.  The same checks run on the in-kernel KVM (--kvm boot), whose
# /dev/kvm the same rule (and Debian's own) covers.
. /lab/lab-common.sh
if grep -q kvm-arm.mode=none /proc/cmdline; then HV=splitvisor; else HV=kvm; fi
KVM_GID=$(awk -F: '$1 == "kvm" {print $3}' /etc/group)
UDEVD=/lib/systemd/systemd-udevd
[ -x $UDEVD ] || UDEVD=/usr/lib/systemd/systemd-udevd

mkdir -p /etc/udev/rules.d /run/udev
cp /lab/65-splitvisor.rules /etc/udev/rules.d/
check "$HV: systemd-udevd starts" $UDEVD --daemon
if [ $HV = splitvisor ]; then
	grep -q "^splitvisor " /proc/modules && rmmod splitvisor
	check "$HV: insmod with udevd running" insmod /lab/splitvisor.ko
else
	udevadm trigger --action=add --subsystem-match=misc
fi
udevadm settle -t 30
check "$HV: /dev/kvm is root:kvm mode 0660 ($(stat -c '%U:%G %a' /dev/kvm))" \
	test "$(stat -c '%U:%G %a' /dev/kvm)" = "root:kvm 660"
check "$HV: a user in group kvm opens /dev/kvm" /lab/runas 1000 1000,$KVM_GID /lab/kvm_open
/lab/runas 1001 1001 /lab/kvm_open >/tmp/perm.out 2>&1
check "$HV: a user outside group kvm gets EACCES ($(cat /tmp/perm.out))" grep -qx "open: EACCES" /tmp/perm.out
# Unmodified QEMU as that unprivileged user.
cd /tmp
timeout 600 /lab/runas 1000 1000,$KVM_GID qemu-system-aarch64 -M virt,gic-version=3 -accel kvm \
	-cpu $GUEST_CPU -smp 2 -m 256 -nographic -nic none -kernel /boot/vmlinuz -initrd /boot/guest.cpio \
	-append "console=ttyAMA0 quiet" </dev/null >/tmp/perm-qemu.out 2>&1
rc=$?
if [ $rc = 0 ] && grep -q "GUEST-BOOTED: .* cpus=2" /tmp/perm-qemu.out; then
	ok "$HV: a user in group kvm boots a guest with QEMU -accel kvm"
else
	notok "$HV: a user in group kvm boots a guest with QEMU -accel kvm (rc $rc)"
	tail -n 10 /tmp/perm-qemu.out | sed 's/^/#   /'
fi
timeout 60 /lab/runas 1001 1001 qemu-system-aarch64 -M virt -accel kvm -cpu $GUEST_CPU -m 64 \
	-nographic -nic none -kernel /boot/vmlinuz </dev/null >/tmp/perm-qemu2.out 2>&1
check "$HV: QEMU -accel kvm as a user outside group kvm fails on /dev/kvm" \
	grep -qi "permission denied" /tmp/perm-qemu2.out
udevadm control --exit 2>/dev/null || pkill systemd-udevd
exit $FAILED
