#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The long test run (`make check-long`, about an hour on a 2-core machine;
# not in `make check`, which keeps under 40 minutes): what make check
# leaves out for time.
#   - the VHE pass in full: every lab test of the splitvisor boot
#     (lab-splitvisor.sh: our vm_* tests and the fuzzers, QEMU ITS/virtio/
#     life-cycle guests, perms, libvirt, fastpath=0, the EL2 panic path,
#     the upstream selftests) on -cpu max (SVE, pointer authentication)
#     with the kernel at EL2 -- splitvisor's VHE mode -- and the same
#     baseline tests (lab-kvm.sh) on the in-kernel KVM in VHE mode;
#   - splitvisor's split mode on the same -cpu max (id_aa64mmfr1.vh=0);
#   - the upstream KVM selftests on the in-kernel KVM (cortex-a57), the
#     baseline column of make check's side-by-side table.
# TAP lines, then "N passed, N failed[, N skipped]".  Logs in selftests/logs/.
# LONG_PARTS="kvm-vhe-full kvm-kselftests" runs only the parts named (the
# KVM ones do not depend on our code: a change to the module needs only
# the splitvisor parts run again); default: all four.
set -u
cd "$(dirname "$0")/.."
. selftests/lib/tap.sh

echo "TAP version 13"
bash selftests/lab/setup.sh all >"$LOGDIR/long-setup.log" 2>&1 &&
	make -s modules >>"$LOGDIR/long-setup.log" 2>&1 &&
	make -s -C selftests/tests >>"$LOGDIR/long-setup.log" 2>&1 &&
	make -s -C selftests/bench >>"$LOGDIR/long-setup.log" 2>&1
require "long: lab ready, splitvisor.ko and the lab test programs built" $? "$LOGDIR/long-setup.log"
lab_files_suite
PARTS=" ${LONG_PARTS:-splitvisor-vhe-full kvm-vhe-full splitvisor-vh0-full kvm-kselftests} "
part() {
	case "$PARTS" in *" $1 "*) lab_run "$@" ;; esac
}
part splitvisor-vhe-full --max --timeout 3600 selftests/tests/lab-splitvisor.sh
part kvm-vhe-full --kvm --max --timeout 3600 selftests/tests/lab-kvm.sh
part splitvisor-vh0-full --max --vh0 --timeout 3600 selftests/tests/lab-splitvisor.sh
part kvm-kselftests --kvm --timeout 3600 selftests/tests/lab-kvm-kselftests.sh
finish
