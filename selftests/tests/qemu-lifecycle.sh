# SPDX-License-Identifier: GPL-2.0
# Lab script (run.sh SCRIPT, with or without --kvm): a guest's life cycle
# under unmodified QEMU, driven through the guest's serial shell:
#   - CPU hot-unplug and re-plug of vCPU1 (the guest kernel's PSCI CPU_OFF,
#     then CPU_ON), after which vCPU1 takes timer interrupts again;
#   - guest reboot (PSCI SYSTEM_RESET: QEMU resets every vCPU with
#     KVM_ARM_VCPU_INIT and boots the kernel again), then poweroff
#     (PSCI SYSTEM_OFF), QEMU exits 0;
#   - QEMU killed with SIGKILL while its guest runs: the host keeps no
#     kernel memory and (splitvisor) the module unloads afterwards;
#   - two virtio guests at once, each with vhost-net on its own tap: both
#     boot on 2 vCPUs, move 16 MiB each way at the same time with their
#     notifications on ioeventfds (exit statistics), power off, exit 0.
# Without splitvisor.ko (--kvm boot) the same checks run on the in-kernel KVM.
. /lab/lab-common.sh
lab_hv
Q="qemu-system-aarch64 -M virt,gic-version=3 -accel kvm -cpu $GUEST_CPU -smp 2 -m 256 \
	-nographic -nic none -kernel /boot/vmlinuz -initrd /boot/guest.cpio"

# say CMD: a command line to the guest's shell; then wait for its marker
say() { echo "$1" >&3; }

echo "=== $HV: hotplug, reboot, poweroff"
rm -f /tmp/lc.in /tmp/lc.out
mkfifo /tmp/lc.in
# No -no-reboot: a guest reset must reset the VM, not end QEMU.
(timeout 600 $Q -append "console=ttyAMA0 quiet guest.shell" </tmp/lc.in >/tmp/lc.out 2>&1
	echo "QEMU-EXIT rc=$?" >>/tmp/lc.out) &
exec 3>/tmp/lc.in
if wait_count "GUEST-BOOTED: .* cpus=2" /tmp/lc.out; then
	ok "$HV: guest booted on 2 vCPUs"
	sleep 1
	say 'echo 0 > /sys/devices/system/cpu/cpu1/online; echo "HP-OFF=[$(cat /sys/devices/system/cpu/online)]"'
	wait_count "^HP-OFF=\[" /tmp/lc.out 1 60
	grep -q "^HP-OFF=\[0\]" /tmp/lc.out && ok "$HV: vCPU1 offline (PSCI CPU_OFF)" ||
		notok "$HV: vCPU1 offline (PSCI CPU_OFF): $(grep -a '^HP-OFF' /tmp/lc.out)"
	say 'echo 1 > /sys/devices/system/cpu/cpu1/online; echo "HP-ON=[$(cat /sys/devices/system/cpu/online)]"'
	wait_count "^HP-ON=\[" /tmp/lc.out 1 60
	grep -q "^HP-ON=\[0-1\]" /tmp/lc.out && ok "$HV: vCPU1 back online (PSCI CPU_ON)" ||
		notok "$HV: vCPU1 back online (PSCI CPU_ON): $(grep -a '^HP-ON' /tmp/lc.out)"
	# vCPU1's timer interrupts keep counting after the re-plug.
	say 'a=$(awk "/arch_timer/ {print \$3}" /proc/interrupts); sleep 2; b=$(awk "/arch_timer/ {print \$3}" /proc/interrupts); echo "T1=$a:$b"'
	wait_count "^T1=" /tmp/lc.out 1 60
	t=$(grep -a "^T1=" /tmp/lc.out | tail -1 | tr -d '\r')
	a=${t#T1=}; b=${a#*:}; a=${a%:*}
	[ -n "$a" ] && [ -n "$b" ] && [ "$b" -gt "$a" ] 2>/dev/null &&
		ok "$HV: vCPU1 takes timer interrupts after the re-plug ($a -> $b)" ||
		notok "$HV: vCPU1 takes timer interrupts after the re-plug ($t)"
	say 'reboot -f'
	if wait_count "GUEST-BOOTED: .* cpus=2" /tmp/lc.out 2; then
		ok "$HV: guest reboot (PSCI SYSTEM_RESET) boots it again on 2 vCPUs"
		sleep 1
	else
		notok "$HV: guest reboot (PSCI SYSTEM_RESET) boots it again on 2 vCPUs"
	fi
	say 'poweroff -f'
else
	notok "$HV: guest booted on 2 vCPUs"
fi
exec 3>&-
wait_count "QEMU-EXIT" /tmp/lc.out 1 120
grep -q "QEMU-EXIT rc=0" /tmp/lc.out && ok "$HV: poweroff (PSCI SYSTEM_OFF) ends QEMU with 0" ||
	notok "$HV: poweroff (PSCI SYSTEM_OFF) ends QEMU with 0 ($(grep -a QEMU-EXIT /tmp/lc.out))"
grep -a -E "HP-|T1=|GUEST-BOOTED|QEMU-EXIT|error|Error" /tmp/lc.out | sed 's/^/# lc: /' | tail -20

echo "=== $HV: SIGKILL mid-run"
sync; echo 3 > /proc/sys/vm/drop_caches; before=$(kmem)
k=0 booted=0
while [ $k -lt 3 ]; do
	rm -f /tmp/k.out
	$Q -append "console=ttyAMA0 guest.shell" </dev/null >/tmp/k.out 2>&1 &
	pid=$!
	wait_count "GUEST-BOOTED" /tmp/k.out 1 300 && booted=$((booted + 1))
	sleep 1
	kill -9 $pid
	wait $pid 2>/dev/null
	k=$((k + 1))
done
check "$HV: three guests killed with SIGKILL after booting ($booted booted)" \
	sh -c "[ $booted = 3 ] && ! pgrep -x qemu-system-aarch64"
sync; echo 3 > /proc/sys/vm/drop_caches; after=$(kmem)
leak_check "$HV: SIGKILLed guests keep no kernel memory" $before $after 400

echo "=== $HV: two virtio guests at once, each with vhost-net"
# Each on its own tap device and subnet, driven through its virtio
# console (lab-common.sh vg_*): both boot on 2 vCPUs, send 16 MiB to the
# server and get it back at the same time, each through its own vhost
# worker and ioeventfds (exit statistics), power off, QEMU exits 0.
for g in 1 2; do
	virtio_host_net svtap$g 10.0.$((g + 2)).1
	vg_start $g 3 svtap$g 10.0.$((g + 2)).15
done
for g in 1 2; do
	if vg_boot $g && grep -q "GUEST-ROOT: .* cpus=2" /tmp/vg$g.out; then
		ok "$HV: guest $g of 2 at once boots on 2 vCPUs to its shell"
		eval "up$g=1"
	else
		notok "$HV: guest $g of 2 at once boots on 2 vCPUs to its shell"
		tail -n 15 /tmp/vg$g.out | sed 's/^/#   /'
		eval "up$g=0"
	fi
done
net1="" net2=""
for g in 1 2; do
	[ $(eval echo \$up$g) = 1 ] || continue
	vg_exits $g >/tmp/vg$g.ex0
	vg_vhost_ticks $g >/tmp/vg$g.vt0
	(vg_net $g 10.0.$((g + 2)).1 $((5100 + 10 * g)) 16 "$HV: guest $g of 2" >/tmp/vg$g.net 2>&1) &
	eval "net$g=$!"
done
# (a bare wait would wait for the QEMUs too)
for g in 1 2; do [ -n "$(eval echo \$net$g)" ] && wait $(eval echo \$net$g); done
for g in 1 2; do
	if [ $(eval echo \$up$g) = 1 ]; then
		cat /tmp/vg$g.net
		grep -q "^not ok" /tmp/vg$g.net && FAILED=1
		vt0=$(awk '{print $2}' /tmp/vg$g.vt0) vt1=$(vg_vhost_ticks $g | awk '{print $2}')
		[ -n "$vt0" ] && [ -n "$vt1" ] && [ $((vt1 - vt0)) -ge 3 ] &&
			ok "$HV: guest $g of 2: its own vhost worker carried the transfers ($vt0 -> $vt1 ticks)" ||
			notok "$HV: guest $g of 2: its own vhost worker carried the transfers (${vt0:-none} -> ${vt1:-none} ticks)"
		ex0=$(cat /tmp/vg$g.ex0) ex1=$(vg_exits $g)
		case "$ex0 $ex1" in
		*none*) notok "$HV: guest $g of 2: exit statistics through QEMU's monitor ($ex0 / $ex1)" ;;
		*) vg_exits_check "$HV: guest $g of 2" "$ex0" "$ex1" 500 ;;
		esac
		vg_stop $g
	else
		vg_stop $g dead
	fi
	qrc=$VG_RC
	[ "$qrc" = 0 ] && grep -q GUEST-POWEROFF /tmp/vg$g.out &&
		ok "$HV: guest $g of 2 powers off, QEMU exits 0" ||
		notok "$HV: guest $g of 2 powers off, QEMU exits 0 (rc ${qrc:-none})"
	/bin/ip link del svtap$g 2>/dev/null
	rm -f /tmp/vg$g.qcow2
done

if [ $HV = splitvisor ]; then
	check "$HV: rmmod after the killed and finished guests" rmmod splitvisor
	check "$HV: insmod again" insmod /lab/splitvisor.ko
fi
exit $FAILED
