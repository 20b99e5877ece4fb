# SPDX-License-Identifier: GPL-2.0
# Lab tests on a machine whose CPUs have no EL2 (virtualization=off): the
# module must refuse to load, say why, and not oops on an hvc.
. /lab/lab-common.sh

check "insmod splitvisor.ko is refused" sh -c '! insmod /lab/splitvisor.ko'
check "the refusal says EL2 is missing" sh -c 'dmesg | grep -q "splitvisor: this CPU does not implement EL2"'
check "/dev/kvm not left behind" test ! -e /dev/kvm
exit $FAILED
