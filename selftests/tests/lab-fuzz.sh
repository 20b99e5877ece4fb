# SPDX-License-Identifier: GPL-2.0
# Lab script of `make fuzz` (selftests/fuzz.sh): the fuzzers at full size
# on whichever hypervisor the server booted with.
. /lab/lab-common.sh
. /lab/fuzz.conf
lab_hv
mem() { awk '/^(Slab|VmallocUsed):/ { s += $2 } END { print s }' /proc/meminfo; }
settle() { sync; echo 3 >/proc/sys/vm/drop_caches; sleep 2; }
# Warm up the caches a VM's life fills, then measure from there.
/lab/fuzz_guest 20 1000000 >/dev/null 2>&1
/lab/fuzz_ioctl 1000 1000000 >/dev/null 2>&1
settle
m0=$(mem) t0=$(date +%s)
stamp fuzz_ioctl
timeout 14400 /lab/fuzz_ioctl $FUZZ_IOCTLS 1 || FAILED=1
t1=$(date +%s)
stamp fuzz_guest
timeout 14400 /lab/fuzz_guest $FUZZ_SEEDS 1 || { FAILED=1; echo "# fuzz_guest stopped in seed $(cat /tmp/fuzz_guest.seed 2>/dev/null)"; }
t2=$(date +%s)
settle
m1=$(mem)
echo "# time: $FUZZ_IOCTLS ioctls $((t1 - t0)) s, $FUZZ_SEEDS guest seeds $((t2 - t1)) s"
echo "# kernel memory (Slab + VmallocUsed): $m0 kB before, $m1 kB after, $((m1 - m0)) kB more"
check "$HV: kernel memory grew less than 1 MiB over the fuzzing ($((m1 - m0)) kB)" [ $((m1 - m0)) -lt 1024 ]
check "$HV: the host still answers: a guest runs (vm_basic)" sh -c '/lab/vm_basic >/tmp/vb.out 2>&1 && ! grep -q "^not ok" /tmp/vb.out'
# The lab's own dmesg check (Oops/WARN/BUG) runs at the end; stalls here.
check "$HV: no soft lockup or RCU stall in dmesg" sh -c '! dmesg | grep -E "soft lockup|detected stalls? on|self-detected stall|kthread starved"'
if [ "$HV" = splitvisor ]; then
	check "splitvisor: rmmod after the fuzzing" rmmod splitvisor
	check "splitvisor: insmod again" insmod /lab/splitvisor.ko
	check "splitvisor: a guest runs on the reloaded module" sh -c '/lab/vm_basic >/tmp/vb.out 2>&1 && ! grep -q "^not ok" /tmp/vb.out'
	check "splitvisor: rmmod" rmmod splitvisor
fi
stamp end
exit $FAILED
