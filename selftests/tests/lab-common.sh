# SPDX-License-Identifier: GPL-2.0
# Helpers for the scripts run inside the emulated server (busybox sh).
ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; FAILED=1; }
check() { # check "name" command...
	name=$1; shift
	if "$@" >/tmp/check.out 2>&1; then ok "$name"; else notok "$name"; sed 's/^/#   /' /tmp/check.out; fi
}
FAILED=0
