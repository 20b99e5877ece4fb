# SPDX-License-Identifier: GPL-2.0
# Helpers for the scripts run inside the emulated server (busybox sh).
ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; FAILED=1; }
check() { # check "name" command...
	name=$1; shift
	if "$@" >/tmp/check.out 2>&1; then ok "$name"; else notok "$name"; sed 's/^/#   /' /tmp/check.out; fi
}
FAILED=0

# Kernel memory in use (kB): slab + vmalloc, for leak checks.
kmem() { awk '/^Slab:|^VmallocUsed:/ {s += $2} END {print s}' /proc/meminfo; }
# leak_check NAME BEFORE AFTER MAX_KB
leak_check() {
	if [ $(($3 - $2)) -le $4 ]; then ok "$1 (kernel memory $2 -> $3 kB)";
	else notok "$1 (kernel memory $2 -> $3 kB, more than $4 kB kept)"; fi
}
