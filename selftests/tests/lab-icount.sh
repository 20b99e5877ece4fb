# SPDX-License-Identifier: GPL-2.0
# Upstream selftests that time interrupts against the counter, in a server
# booted with -icount shift=0 (run.sh --icount): the guest counter then
# advances with executed instructions, so "the timer IRQ arrives within
# 100 us of its deadline" (aarch64/arch_timer) means a bounded amount of
# work, as on real hardware, instead of whatever the x86 host's scheduling
# allows.  Without -icount arch_timer fails on the in-kernel KVM too.
# Splitvisor when the server was booted with kvm-arm.mode=none, else KVM.
. /lab/lab-common.sh
hv=kvm
grep -q kvm-arm.mode=none /proc/cmdline && hv=splitvisor
if [ $hv = splitvisor ]; then
	check "insmod (icount server)" insmod /lab/splitvisor.ko
fi
KSELFTEST_ONLY="arch_timer" sh /lab/lab-kselftests.sh
if [ $hv = splitvisor ]; then
	check "rmmod (icount server)" rmmod splitvisor
	# Again with every exit going to the host (no EL2 fast path).
	check "insmod fastpath=0 (icount server)" insmod /lab/splitvisor.ko fastpath=0
	KSELFTEST_LABEL="kselftest fastpath=0" KSELFTEST_ONLY="arch_timer" sh /lab/lab-kselftests.sh
	check "rmmod fastpath=0 (icount server)" rmmod splitvisor
fi
exit $FAILED
