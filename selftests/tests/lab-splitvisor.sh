# SPDX-License-Identifier: GPL-2.0
# Lab tests with splitvisor (server booted with kvm-arm.mode=none).
. /lab/lab-common.sh

check "kvm-arm.mode=none leaves /dev/kvm free" test ! -e /dev/kvm
check "insmod splitvisor.ko" insmod /lab/splitvisor.ko
check "/dev/kvm exists after insmod" test -c /dev/kvm
check "dmesg says splitvisor loaded" sh -c 'dmesg | grep -q "splitvisor: loaded"'

/lab/devkvm splitvisor || FAILED=1

# /dev/kvm held open: rmmod must be refused, not pull the code away.
exec 3</dev/kvm
check "rmmod refused while /dev/kvm is open" sh -c '! rmmod splitvisor'
check "module still loaded after the refused rmmod" sh -c 'grep -q "^splitvisor " /proc/modules'
exec 3<&-
check "rmmod splitvisor" rmmod splitvisor
check "/dev/kvm gone after rmmod" test ! -e /dev/kvm

cycles=0
i=0
while [ $i -lt 20 ]; do
	insmod /lab/splitvisor.ko && [ -c /dev/kvm ] &&
		[ "$(/lab/devkvm splitvisor | grep -c '^not ok')" = 0 ] &&
		rmmod splitvisor && [ ! -e /dev/kvm ] && cycles=$((cycles + 1))
	i=$((i + 1))
done
if [ $cycles = 20 ]; then ok "20 insmod/use/rmmod cycles"; else notok "20 insmod/use/rmmod cycles ($cycles succeeded)"; fi
exit $FAILED
