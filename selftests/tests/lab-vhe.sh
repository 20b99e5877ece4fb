# SPDX-License-Identifier: GPL-2.0
# The VHE pass (make check; make check-long runs the whole
# lab-splitvisor.sh there too): the server on -cpu max (SVE and pointer
# authentication on), the kernel at EL2 with VHE.  Booted with
# kvm-arm.mode=none it is splitvisor's VHE mode; without it, the in-kernel
# KVM in VHE mode, the baseline.  While guests run, the host's own SVE
# (or FP/SIMD) state, a perf cycle counter and its timer tick are checked
# (host_check); a VM runs across a host CPU going offline and online; for
# splitvisor, 50 insmod/rmmod cycles leave the kernel's EL2 state as it was.
. /lab/lab-common.sh

check "the kernel runs at EL2 (VHE)" sh -c 'dmesg | grep -q "CPU features: detected: Virtualization Host Extensions"'
lab_hv
ncpu=$(grep -c ^processor /proc/cpuinfo)
if [ $HV = splitvisor ]; then
	check "splitvisor: dmesg says VHE mode" \
		sh -c "dmesg | grep -q 'splitvisor: loaded, VHE mode on $ncpu CPUs'"
	check "splitvisor: the kernel's EL2 state recorded on each CPU" \
		sh -c "[ \$(dmesg | grep -c 'kernel EL2 state HCR_EL2=') = $ncpu ]"
fi

# The host's timer tick: arch_timer interrupts summed over the CPUs.
ticks() { awk '/arch_timer/ { n = 0; for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) n += $i; print n }' /proc/interrupts | head -n1; }

# The guests, with the host's vector state and PMU checked beside them.
stamp "vm tests with host_check"
t0=$(ticks)
/lab/host_check 30 >/tmp/hc-during.out 2>&1 &
hc=$!
# vgic_hostile (2 minutes on KVM here) only on splitvisor: make check's
# cortex-a57 baseline boot ran it on KVM.  vm_vipi (80 s here): make
# check-long's full VHE pass.
more=vgic_hostile
[ $HV = kvm ] && more=
for t in vm_basic vm_smp vm_fpsimd vm_memslots vm_munmap vm_badioctl vm_ioeventfd vm_aarch32 \
	 $more; do
	stamp "$t"
	timeout 300 /lab/$t || FAILED=1
done
wait $hc
rc=$?
cat /tmp/hc-during.out
check "host_check: the host's vector registers and perf cycles correct while guests run" test $rc = 0
check "the host's timer ticks while guests run" test "$(ticks)" -gt "$t0"

stamp fuzz_guest
timeout 600 /lab/fuzz_guest 100 1 || { FAILED=1; echo "# fuzz_guest stopped in seed $(cat /tmp/fuzz_guest.seed 2>/dev/null)"; }

# A VM keeps running while a host CPU goes offline and comes back.
stamp "cpu hotplug with a VM running"
timeout 600 /lab/fuzz_guest 40 7 >/tmp/hotplug-vm.out 2>&1 &
vm=$!
for i in 1 2 3; do
	echo 0 >/sys/devices/system/cpu/cpu1/online
	sleep 1
	echo 1 >/sys/devices/system/cpu/cpu1/online
	sleep 1
done
wait $vm
rc=$?
tail -n 3 /tmp/hotplug-vm.out
check "a VM runs on while host CPU1 goes offline and online 3 times" test $rc = 0
check "CPU1 is online again" grep -q 1 /sys/devices/system/cpu/cpu1/online

# The QEMU virtio guest with vhost-net, host_check beside it.
stamp qemu-virtio
/lab/host_check 60 >/tmp/hc-virtio.out 2>&1 &
hc=$!
timeout 1200 sh /lab/qemu-virtio.sh || FAILED=1
wait $hc
rc=$?
cat /tmp/hc-virtio.out
check "host_check: correct beside the virtio guest" test $rc = 0

# The upstream selftests that touch what VHE mode switches (ID and
# system registers, SMCCC, PSCI, the vGIC) -- on splitvisor; make
# check-long runs them all, debug-exceptions (3 minutes here) and the
# KVM baseline too.  arch_timer needs -icount (lab-icount.sh).
if [ $HV = splitvisor ]; then
	stamp kselftests
	KSELFTEST_ONLY="get-reg-list|hypercalls|psci_test|vgic_irq|vgic_init" sh /lab/lab-kselftests.sh
fi

if [ $HV = splitvisor ]; then
	stamp "insmod/rmmod cycles"
	check "rmmod" rmmod splitvisor
	n=0
	while [ $n -lt 50 ]; do
		insmod /lab/splitvisor.ko || break
		/lab/vm_basic >/dev/null 2>&1 || break
		rmmod splitvisor || break
		n=$((n + 1))
	done
	check "50 cycles of insmod, a guest, rmmod ($n done)" test $n = 50
	check "every rmmod found the kernel's EL2 state as the module found it (51)" \
		sh -c "[ \$(dmesg | grep -c 'the kernel.s EL2 state is as the module found it') = 51 ] &&
		       ! dmesg | grep -q 'EL2 state .* changed under the module'"
	check "the kernel's EL2 state is the same at every load, per CPU" \
		sh -c "[ \$(dmesg | sed -n 's/.*splitvisor: \(CPU[0-9]*: kernel EL2 state .*\)/\1/p' | sort -u | wc -l) = $ncpu ]"
	check "host_check after the module is gone" /lab/host_check 5
fi
stamp end
exit $FAILED
