# SPDX-License-Identifier: GPL-2.0
# Helpers for the scripts run inside the emulated server (busybox sh).
ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; FAILED=1; }
check() { # check "name" command...
	name=$1; shift
	if "$@" >/tmp/check.out 2>&1; then ok "$name"; else notok "$name"; sed 's/^/#   /' /tmp/check.out; fi
}
FAILED=0

# lab_hv: HV=splitvisor when the server was booted with kvm-arm.mode=none
# (splitvisor.ko is loaded if it is not yet, and LOADED=1 says we did),
# else HV=kvm (the in-kernel KVM).
lab_hv() {
	LOADED=0
	if grep -q kvm-arm.mode=none /proc/cmdline; then
		HV=splitvisor
		if ! grep -q "^splitvisor " /proc/modules; then
			check "insmod" insmod /lab/splitvisor.ko
			LOADED=1
		fi
	else
		HV=kvm
	fi
}

# wait_count PATTERN FILE [COUNT [SECONDS]]: until COUNT lines of FILE
# match (default 1; a file not there yet counts 0); 1 after SECONDS
# (default 300).
wait_count() {
	wc_s=0
	while [ "$(grep -a -c "$1" "$2" 2>/dev/null || true)" -lt "${3:-1}" ] 2>/dev/null ||
	      [ ! -e "$2" ]; do
		sleep 1; wc_s=$((wc_s + 1)); [ $wc_s -gt "${4:-300}" ] && return 1
	done
	return 0
}

# Kernel memory in use (kB): slab + vmalloc, for leak checks.
kmem() { awk '/^Slab:|^VmallocUsed:/ {s += $2} END {print s}' /proc/meminfo; }
# leak_check NAME BEFORE AFTER MAX_KB
leak_check() {
	if [ $(($3 - $2)) -le $4 ]; then ok "$1 (kernel memory $2 -> $3 kB)";
	else notok "$1 (kernel memory $2 -> $3 kB, more than $4 kB kept)"; fi
}

# qemu_guest NAME GICVER: unmodified QEMU boots the lab's guest (Debian's
# kernel, busybox initrd) on 2 vCPUs with the in-kernel irqchip; its
# /proc/interrupts must show the arch timer and the IPIs counting on both
# vCPUs (Rescheduling and Function call interrupts), and QEMU exits 0.
qemu_guest() {
	timeout 600 qemu-system-aarch64 -M virt,gic-version=$2 -accel kvm -cpu host -smp 2 \
		-m 256 -nographic -nic none -kernel /boot/vmlinuz -initrd /boot/guest.cpio \
		-append "console=ttyAMA0 quiet guest.irqs" </dev/null >/tmp/qemu.out 2>&1
	rc=$?
	sed -n '/GUEST-INTERRUPTS-BEGIN/,/GUEST-INTERRUPTS-END/p' /tmp/qemu.out | sed 's/^/#   /'
	if [ $rc = 0 ] && grep -q "GUEST-BOOTED: .* cpus=2" /tmp/qemu.out; then
		ok "$1: QEMU gic-version=$2 boots the guest on 2 vCPUs, exits 0"
	else
		notok "$1: QEMU gic-version=$2 boots the guest on 2 vCPUs (rc $rc)"
		tail -n 20 /tmp/qemu.out | sed 's/^/#   /'
	fi
	# both CPU columns non-zero on the timer and the two IPI lines
	n=$(sed -n '/GUEST-INTERRUPTS-BEGIN/,/GUEST-INTERRUPTS-END/p' /tmp/qemu.out |
	    awk '/arch_timer|Rescheduling|Function call/ && $2 > 0 && $3 > 0 { n++ } END { print n + 0 }')
	if [ "$n" = 3 ]; then
		ok "$1: the guest's timer and IPIs count on both vCPUs"
	else
		notok "$1: the guest's timer and IPIs count on both vCPUs ($n of 3 lines)"
	fi
}

# The virtio guest (setup.sh step_guest, /boot/guest): Debian's kernel, an
# initramfs with its virtio/ext4 modules, an ext4 root disk.
# virtio_host_net TAP IP: the server's end of the guest's network, a tap
# device with IP/24, and the vhost-net and tun modules.
virtio_host_net() {
	modprobe tun && modprobe vhost_net || return 1
	# iproute2's ip by path: busybox sh runs its own applet for a bare
	# "ip", which has no tuntap
	/bin/ip link del "$1" 2>/dev/null
	/bin/ip tuntap add dev "$1" mode tap && /bin/ip addr add "$2/24" dev "$1" &&
		/bin/ip link set "$1" up
}
# virtio_qemu GICVER DISK TAP GUEST_IP [QEMU ARGS...]: unmodified QEMU with
# 2 vCPUs, 512 MiB, virtio-blk (DISK, qcow2), virtio-net on TAP with vhost,
# virtio-serial (the caller adds the virtconsole, whose hvc0 carries the
# guest's shell), virtio-rng; the guest takes GUEST_IP/24.  With
# $VQ_TIMEOUT set, QEMU is killed after that many seconds.
virtio_qemu() {
	_gic=$1 _disk=$2 _tap=$3 _ip=$4
	shift 4
	${VQ_TIMEOUT:+timeout $VQ_TIMEOUT} qemu-system-aarch64 -M virt,gic-version=$_gic -accel kvm -cpu host -smp 2 -m 512 \
		-kernel /boot/vmlinuz -initrd /boot/guest/initrd.cpio \
		-append "console=ttyAMA0 quiet root=/dev/vda guest.shell=hvc0 guest.ip=$_ip/24" \
		-drive file=$_disk,format=qcow2,if=none,id=d0 -device virtio-blk-pci,drive=d0 \
		-netdev tap,id=n0,ifname=$_tap,script=no,downscript=no,vhost=on \
		-device virtio-net-pci,netdev=n0,romfile= \
		-device virtio-serial-pci -device virtio-rng-pci "$@"
}
