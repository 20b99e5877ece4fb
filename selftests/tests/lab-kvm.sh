# SPDX-License-Identifier: GPL-2.0
# Lab tests against the in-kernel KVM (server booted without kvm-arm.mode=none).
. /lab/lab-common.sh

check "the in-kernel KVM owns /dev/kvm" test -c /dev/kvm
/lab/devkvm kvm || FAILED=1
timeout 120 /lab/vm_basic || FAILED=1
check "insmod splitvisor.ko is refused" sh -c '! insmod /lab/splitvisor.ko'
check "the refusal says why" sh -c 'dmesg | grep -q "splitvisor: /dev/kvm is taken"'
check "splitvisor not left loaded" sh -c '! grep -q "^splitvisor " /proc/modules'
check "/dev/kvm still answers after the refused insmod" sh -c '/lab/devkvm kvm | grep -q "^ok - devkvm: KVM_GET_API_VERSION is 12"'
exit $FAILED
