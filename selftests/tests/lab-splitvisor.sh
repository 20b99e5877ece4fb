# SPDX-License-Identifier: GPL-2.0
# Lab tests with splitvisor (server booted with kvm-arm.mode=none).
. /lab/lab-common.sh

check "kvm-arm.mode=none leaves /dev/kvm free" test ! -e /dev/kvm
check "insmod splitvisor.ko" insmod /lab/splitvisor.ko
check "/dev/kvm exists after insmod" test -c /dev/kvm
check "dmesg says splitvisor loaded" sh -c 'dmesg | grep -q "splitvisor: loaded"'

/lab/devkvm splitvisor || FAILED=1
for t in vm_basic vm_memslots vm_smp vm_munmap vm_badioctl "vm_thp splitvisor" vgic_hostile vm_fpsimd \
	 vgic_snapshot vm_ioeventfd vm_aarch32; do
	stamp "$t"
	timeout 300 /lab/$t || FAILED=1
done
# The EL2 fast paths on (the default): answered at EL2, as the host would.
timeout 300 /lab/vm_fastpath >/tmp/fastpath-on.out || FAILED=1
cat /tmp/fastpath-on.out
# Virtual IPIs posted at EL2: 100,000 SGIs ping-pong under migration and
# signals, hostile ICC_SGI1R_EL1 values, a VM killed mid-flight.
stamp vm_vipi
timeout 600 /lab/vm_vipi || FAILED=1
stamp fuzz_ioctl
timeout 600 /lab/fuzz_ioctl 10000 1 || FAILED=1
stamp fuzz_guest
# Random guest instruction streams (make fuzz runs 10,000 seeds).
timeout 600 /lab/fuzz_guest 300 1 || { FAILED=1; echo "# fuzz_guest stopped in seed $(cat /tmp/fuzz_guest.seed 2>/dev/null)"; }
# Unmodified QEMU on the vGICv3 + ITS: guest boot, timer/IPIs, MSIs.
stamp qemu-its
timeout 900 sh /lab/qemu-its.sh || FAILED=1
# The virtio guest: virtio-blk root, virtio-net on vhost (64 MiB each way),
# virtio console and rng, ITS-MSIs; QEMU exits 0.
stamp qemu-virtio
timeout 1200 sh /lab/qemu-virtio.sh || FAILED=1
# Guest life cycle: CPU hotplug, reboot, poweroff, SIGKILL, two guests.
stamp qemu-lifecycle
timeout 1500 sh /lab/qemu-lifecycle.sh || FAILED=1
# /dev/kvm root:kvm 0660 through the project's udev rule; kvm group only.
stamp perms
timeout 900 sh /lab/perms.sh || FAILED=1
# libvirt: virsh define/start/console/reboot/shutdown/destroy/undefine of a
# 2-vCPU GICv3 domain with the virtio disk and vhost-net, dominfo/vcpuinfo/domstats.
stamp libvirt
timeout 900 sh /lab/libvirt.sh || FAILED=1
timeout 120 /lab/vgic_v2 || FAILED=1		# skips: no GICv2 on this host
# The benchmark VMM, a few iterations each: every benchmark runs or says
# why it cannot ("bench NAME n/a (...)", e.g. io-out without ioeventfd);
# nine lines (smoke test; the numbers come from `make bench`).
check "bench smoke: all Table I microbenchmarks run (16 iterations)" \
	sh -c '[ "$(timeout 300 /lab/bench 16 | grep -c "^bench ")" = 9 ]'
# The application benchmarks (guest boot, TCP request/response over
# vhost-net, CPU-bound and fork-heavy jobs in the guest and natively): seven
# "app" lines, 50 request/response round trips twice (placed by the
# schedulers, then fixed) (smoke test).
timeout 900 sh -c 'RR_N=50 sh /lab/apps.sh' >/tmp/apps.out 2>&1
check "bench smoke: the application benchmarks run (7 results)" \
	sh -c '[ "$(grep -c "^app " /tmp/apps.out)" = 7 ] || { cat /tmp/apps.out; false; }'

# VM lifetimes leak nothing: warm up, then 300 create/run/close cycles,
# which also take the 8-bit VMIDs through at least one rollover.
/lab/vm_cycles 10 >/dev/null
gen0=$(awk '{print $2}' /sys/kernel/debug/splitvisor/vmid)
sync; echo 3 > /proc/sys/vm/drop_caches; before=$(kmem)
timeout 600 /lab/vm_cycles 300 || FAILED=1
sync; echo 3 > /proc/sys/vm/drop_caches; after=$(kmem)
leak_check "300 VM cycles keep no kernel memory" $before $after 400
gen1=$(awk '{print $2}' /sys/kernel/debug/splitvisor/vmid)
check "VMIDs rolled over during the cycles (generation $gen0 -> $gen1)" test "$gen1" -gt "$gen0"

# VMs closed with ioeventfds assigned drop them all (and their eventfds).
/lab/vm_ioeventfd cycles 2 >/dev/null
sync; echo 3 > /proc/sys/vm/drop_caches; before=$(kmem)
timeout 600 /lab/vm_ioeventfd cycles 50 || FAILED=1
sync; echo 3 > /proc/sys/vm/drop_caches; after=$(kmem)
leak_check "50 VMs closed with 1000 ioeventfds each keep no kernel memory" $before $after 400

# EL2: ours on every online CPU, following CPU hotplug.
EL2=/sys/kernel/debug/splitvisor/el2
all_ours() { [ "$(grep -c ' splitvisor ' $EL2)" = "$(grep -c . $EL2)" ] && [ "$(grep -c . $EL2)" = "$1" ]; }
ncpu=$(grep -c ^processor /proc/cpuinfo)
check "EL2 is splitvisor's on all $ncpu CPUs" all_ours $ncpu
cat $EL2 | sed 's/^/#   /'
# Split mode takes EL2 from the stub; on a VHE kernel (make check-vhe-full)
# the module uses the kernel's EL2 instead.
if dmesg | grep -q 'CPU features: detected: Virtualization Host Extensions'; then
	check "dmesg says VHE mode on $ncpu CPUs" sh -c "dmesg | grep -q 'loaded, VHE mode on $ncpu CPUs'"
else
	check "dmesg counts EL2 taken on $ncpu CPUs" sh -c "dmesg | grep -q 'EL2 taken on $ncpu CPUs'"
fi
check "CPU1 offline hands its EL2 back" sh -c "echo 0 > /sys/devices/system/cpu/cpu1/online && ! grep -q '^cpu1 ' $EL2"
check "CPU1 back online: EL2 taken again" sh -c "echo 1 > /sys/devices/system/cpu/cpu1/online && grep -q '^cpu1 splitvisor ' $EL2"
check "EL2 is splitvisor's on all CPUs after hotplug" all_ours $ncpu

# /dev/kvm held open: rmmod must be refused, not pull the code away.
exec 3</dev/kvm
check "rmmod refused while /dev/kvm is open" sh -c '! rmmod splitvisor'
check "module still loaded after the refused rmmod" sh -c 'grep -q "^splitvisor " /proc/modules'
exec 3<&-
check "rmmod splitvisor" rmmod splitvisor
check "/dev/kvm gone after rmmod" test ! -e /dev/kvm

# fastpath=0 wfi_native_us=0: every exit to the host (WFI always traps), EL2's
# counters stay 0, the same answers.
check "insmod with fastpath=0 wfi_native_us=0" insmod /lab/splitvisor.ko fastpath=0 wfi_native_us=0
timeout 300 /lab/vm_fastpath >/tmp/fastpath-off.out || FAILED=1
cat /tmp/fastpath-off.out
timeout 600 /lab/vm_vipi 10000 || FAILED=1
timeout 300 /lab/vm_ioeventfd || FAILED=1
timeout 300 /lab/vm_aarch32 || FAILED=1	# its WFIs stepped over by the host
timeout 300 /lab/fuzz_guest 100 1001 || FAILED=1	# every exit through the host
check "vm_fastpath: the same answers with fastpath=0 as with the fast paths on" \
	sh -c '[ -n "$(grep "^# answers:" /tmp/fastpath-on.out)" ] &&
	       [ "$(grep "^# answers:" /tmp/fastpath-on.out)" = "$(grep "^# answers:" /tmp/fastpath-off.out)" ]'
# The vGIC snapshot test with every distributor read answered by the host
# (fast_gicd_read stays 0).
timeout 300 /lab/vgic_snapshot nofast || FAILED=1
check "fastpath=0 is in effect ($(cat /sys/module/splitvisor/parameters/fastpath))" \
	grep -qx 0 /sys/module/splitvisor/parameters/fastpath
# The virtio guest and the upstream vGIC selftests with every exit going to
# the host: the lean run loop alone carries them (arch_timer: lab-icount.sh).
stamp "qemu-virtio fastpath=0"
LAB_TAG=fastpath=0 timeout 1200 sh /lab/qemu-virtio.sh || FAILED=1
stamp "kselftests fastpath=0"
KSELFTEST_LABEL="kselftest fastpath=0" KSELFTEST_ONLY="vgic_irq|vgic_irq-n992|vgic_init|vgic_init_deadvm" \
	sh /lab/lab-kselftests.sh
check "rmmod after fastpath=0" rmmod splitvisor
# ioeventfd_post=0: the host signals each ioeventfd write from the vCPU's
# thread (the path without a doorbell CPU), the same counts and races.
check "insmod with fastpath=0 ioeventfd_post=0" insmod /lab/splitvisor.ko fastpath=0 ioeventfd_post=0
timeout 300 /lab/vm_ioeventfd || FAILED=1
check "rmmod after ioeventfd_post=0" rmmod splitvisor

# The EL2 panic path: a deliberate EL2 fault is recorded, printed, and
# the host and EL2 carry on.
check "insmod with selftest_el2_panic=1" insmod /lab/splitvisor.ko selftest_el2_panic=1
check "EL2 fault reported with ESR/ELR/FAR on each CPU" sh -c "[ \$(dmesg | grep -c 'EL2 fault on CPU[0-9]* (#1): ESR_EL2=0x96\|EL2 fault on CPU[0-9]* (#1): ESR_EL2=0x97') = $ncpu ]"
check "EL2 answers after its fault on each CPU" sh -c "[ \$(dmesg | grep -c 'EL2 panic path test: EL2 answers after the fault') = $ncpu ]"
check "debugfs counts one EL2 panic per CPU" sh -c "[ \$(grep -c 'splitvisor panics=1' $EL2) = $ncpu ]"
check "rmmod after the EL2 fault" rmmod splitvisor

sync; echo 3 > /proc/sys/vm/drop_caches; before=$(kmem)
cycles=0
i=0
while [ $i -lt 50 ]; do
	insmod /lab/splitvisor.ko && [ -c /dev/kvm ] &&
		[ "$(/lab/devkvm splitvisor | grep -c '^not ok')" = 0 ] &&
		/lab/vm_cycles 1 >/dev/null &&
		rmmod splitvisor && [ ! -e /dev/kvm ] && cycles=$((cycles + 1))
	i=$((i + 1))
done
if [ $cycles = 50 ]; then ok "50 insmod/use/rmmod cycles"; else notok "50 insmod/use/rmmod cycles ($cycles succeeded)"; fi
sync; echo 3 > /proc/sys/vm/drop_caches; after=$(kmem)
leak_check "50 insmod/rmmod cycles keep no kernel memory" $before $after 400

# The upstream KVM selftests, last: they take minutes.
check "insmod for the upstream selftests" insmod /lab/splitvisor.ko
stamp kselftests
KSELFTEST_EXCLUDE="arch_timer" sh /lab/lab-kselftests.sh
check "rmmod after the upstream selftests" rmmod splitvisor
stamp end
exit $FAILED
