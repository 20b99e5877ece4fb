#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The long fuzzing run (`make fuzz`; not in `make check`, which runs the
# same programs small): in the emulated server, with splitvisor and then
# with the in-kernel KVM for comparison, selftests/tests/lab-fuzz.sh runs
# fuzz_ioctl (random ioctls on every fd kind, $FUZZ_IOCTLS, default
# 100,000) and fuzz_guest (random guest instruction streams, $FUZZ_SEEDS
# seeds, default 10,000), then checks the kernel's memory (Slab +
# VmallocUsed) grew less than 1 MiB and, on splitvisor, that the module
# unloads, reloads and runs a guest.  The lab fails a run on any
# Oops/WARN/BUG/soft lockup/RCU stall line in the server's dmesg.  TAP
# lines, the figures as "#" lines, then "N passed, N failed".  Logs in
# selftests/logs/.
set -u
cd "$(dirname "$0")/.."
. selftests/lib/tap.sh

echo "TAP version 13"
bash selftests/lab/setup.sh all >"$LOGDIR/fuzz-setup.log" 2>&1 &&
	make -s modules >>"$LOGDIR/fuzz-setup.log" 2>&1 &&
	make -s -C selftests/tests >>"$LOGDIR/fuzz-setup.log" 2>&1
require "fuzz: lab ready, splitvisor.ko and the fuzzers built" $? "$LOGDIR/fuzz-setup.log"
printf 'FUZZ_IOCTLS=%s\nFUZZ_SEEDS=%s\n' "${FUZZ_IOCTLS:-100000}" "${FUZZ_SEEDS:-10000}" \
	>"$LOGDIR/fuzz.conf"
LAB_FILES=(selftests/tests/lab-common.sh splitvisor.ko selftests/tests/build/fuzz_ioctl
	selftests/tests/build/fuzz_guest selftests/tests/build/vm_basic "$LOGDIR/fuzz.conf")
lab_run fuzz-splitvisor selftests/tests/lab-fuzz.sh
lab_run fuzz-kvm --kvm selftests/tests/lab-fuzz.sh
for hv in splitvisor kvm; do
	echo "# $hv:"
	grep -a '^# \(fuzz\|exits\|errnos\|kernel memory\|time\)' "$LOGDIR/lab-fuzz-$hv.log" | sed 's/^# /#   /'
done
finish
