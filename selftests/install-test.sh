#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The DKMS install test (`make check-install`; slow, not in `make check`):
# builds the splitvisor-dkms package, then boots the emulated server with
# gcc, make, dkms and Debian's arm64 headers added to its userspace
# (setup.sh devtools) and runs selftests/tests/dkms-install.sh there:
# apt installs the package, DKMS builds the module natively under
# emulation, it loads and a guest runs.  Twice: with kvm-arm.mode=none
# (splitvisor) and without it (the package must say why it cannot load).
# TAP lines, then "N passed, N failed".  Logs in selftests/logs/.
set -u
cd "$(dirname "$0")/.."
. selftests/lib/tap.sh

echo "TAP version 13"
bash selftests/lab/setup.sh all devtools >"$LOGDIR/install-setup.log" 2>&1 &&
	make -s -C selftests/tests >>"$LOGDIR/install-setup.log" 2>&1 &&
	bash packaging/build-deb.sh "$LOGDIR/install-deb" >>"$LOGDIR/install-setup.log" 2>&1
require "install: lab with build tools, test programs, the package built" $? \
	"$LOGDIR/install-setup.log"
LAB_FILES=(selftests/tests/lab-common.sh selftests/tests/build/devkvm
	"$LOGDIR"/install-deb/splitvisor-dkms_*_all.deb)
DEVTOOLS=(--mem 4096 --timeout 3600 --add-cpio "$LAB_CACHE/devtools/devtools.cpio")
lab_run install-splitvisor "${DEVTOOLS[@]}" selftests/tests/dkms-install.sh
lab_run install-kvm --kvm "${DEVTOOLS[@]}" selftests/tests/dkms-install.sh
finish
