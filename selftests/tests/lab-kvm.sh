# SPDX-License-Identifier: GPL-2.0
# Lab tests against the in-kernel KVM (server booted without kvm-arm.mode=none).
. /lab/lab-common.sh

check "the in-kernel KVM owns /dev/kvm" test -c /dev/kvm
/lab/devkvm kvm || FAILED=1
for t in vm_basic vm_memslots vm_smp vm_munmap vm_badioctl "vm_thp kvm" vgic_hostile vm_fpsimd \
	 vgic_snapshot vm_ioeventfd vm_aarch32 vm_fastpath; do
	stamp "$t"
	timeout 300 /lab/$t || FAILED=1
done
# The vIPI stress test's expectations hold on the baseline too.
timeout 600 /lab/vm_vipi 2000 || FAILED=1
stamp fuzz_ioctl
timeout 600 /lab/fuzz_ioctl 10000 1 || FAILED=1
stamp fuzz_guest
# Random guest instruction streams (make fuzz runs 10,000 seeds).
timeout 600 /lab/fuzz_guest 300 1 || { FAILED=1; echo "# fuzz_guest stopped in seed $(cat /tmp/fuzz_guest.seed 2>/dev/null)"; }
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
timeout 600 /lab/vm_cycles 200 || FAILED=1
check "insmod splitvisor.ko is refused" sh -c '! insmod /lab/splitvisor.ko'
check "the refusal says why" sh -c 'dmesg | grep -q "splitvisor: /dev/kvm is taken"'
check "splitvisor not left loaded" sh -c '! grep -q "^splitvisor " /proc/modules'
check "/dev/kvm still answers after the refused insmod" sh -c '/lab/devkvm kvm | grep -q "^ok - devkvm: KVM_GET_API_VERSION is 12"'

# The upstream KVM selftests, last: they take minutes.  make check leaves
# them to make check-long (it passes the file kvm-kselftests-elsewhere).
if [ -e /lab/kvm-kselftests-elsewhere ]; then
	echo "# the upstream selftests on the in-kernel KVM: make check-long"
else
	stamp kselftests
	KSELFTEST_EXCLUDE="arch_timer" KSELFTEST_RETRY_HUNG=1 sh /lab/lab-kselftests.sh
fi
stamp end
exit $FAILED
