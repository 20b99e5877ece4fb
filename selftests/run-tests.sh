#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The whole test suite (README: `make check`): native unit tests, static
# checks on the built module, and the lab tests, which boot the emulated
# ARM server with splitvisor, with the in-kernel KVM as the baseline, and
# on a CPU without EL2.  Every test prints one TAP line; the last line is
# "N passed, N failed[, N skipped]".  Exit status 0 only if nothing failed.
set -u
cd "$(dirname "$0")/.."
. selftests/lib/tap.sh

echo "TAP version 13"
echo "# splitvisor test suite, logs in $LOGDIR"

# ---- the lab (idempotent, cached outside the tree) --------------------------
bash selftests/lab/setup.sh all >"$LOGDIR/setup.log" 2>&1
require "setup: lab ready (packages, kernel, userspace, KVM selftests)" $? "$LOGDIR/setup.log"

# ---- native unit tests --------------------------------------------------------
make -s -C selftests/unit run >"$LOGDIR/unit.log" 2>&1
rc=$?
tap < <(renumber <"$LOGDIR/unit.log")
tap < <(result "unit: all unit test programs built and exited 0" $rc)

# ---- build and static checks -------------------------------------------------
make -s modules >"$LOGDIR/build.log" 2>&1 &&
	make -s -C selftests/tests >>"$LOGDIR/build.log" 2>&1 &&
	make -s -C selftests/bench >>"$LOGDIR/build.log" 2>&1
require "build: splitvisor.ko and the lab test programs" $? "$LOGDIR/build.log" 30
tap < <(bash selftests/check-symbols.sh 2>&1)
# The include direction between the core and its devices (design.rst, "Seams").
tap < <(bash selftests/check-includes.sh 2>&1)
tap < <(bash selftests/check-includes.sh --selftest 2>&1)
# The instrumentation build of make bench's Table III split keeps building.
bash selftests/bench/build-profile.sh "$LOGDIR/profile-build" >"$LOGDIR/profile-build.log" 2>&1
tap < <(result "build: the instrumentation build (SV_PROFILE=1, EL2 step counters)" $?)
rm -rf "$LOGDIR/profile-build"
# make bench-window's TCG plugin keeps building (the host's gcc).
gcc -O2 -Wall -Werror -shared -fPIC -o "$LOGDIR/tbwin.so" selftests/bench/window/tbwin.c \
	-lpthread >"$LOGDIR/tbwin-build.log" 2>&1
tap < <(result "build: make bench-window's QEMU plugin (selftests/bench/window/tbwin.c)" $?)
# The splitvisor-dkms package: contents, scripts, and its source building
# the way DKMS builds it.
tap < <(bash selftests/tests/package-check.sh 2>&1)

# ---- lab runs ------------------------------------------------------------------
lab_files_suite

lab_run splitvisor selftests/tests/lab-splitvisor.sh
# The upstream selftests on KVM itself are make check-long's (time).
: >"$LOGDIR/kvm-kselftests-elsewhere"
lab_run kvm --kvm selftests/tests/lab-kvm.sh "$LOGDIR/kvm-kselftests-elsewhere"
# The VHE pass: -cpu max (SVE, pointer authentication), the kernel at EL2:
# splitvisor's VHE mode, then the in-kernel KVM in VHE mode (lab-vhe.sh).
lab_run splitvisor-vhe --max selftests/tests/lab-vhe.sh
lab_run kvm-vhe --kvm --max selftests/tests/lab-vhe.sh
lab_run noel2 --no-virt selftests/tests/lab-noel2.sh
# The GICv2 host: vGICv2, KVM_CREATE_IRQCHIP, QEMU gic-version=2.
lab_run splitvisor-gicv2 --gicv2 selftests/tests/lab-gicv2.sh
lab_run kvm-gicv2 --kvm --gicv2 selftests/tests/lab-gicv2.sh
# Interrupt timing against the counter needs -icount (lab-icount.sh says why).
lab_run splitvisor-icount --icount selftests/tests/lab-icount.sh
lab_run kvm-icount --kvm --icount selftests/tests/lab-icount.sh

# A guest's /sys/devices/system/cpu/vulnerabilities/* (qemu-virtio.sh's
# "# guest-vuln" lines) must read the same under both hypervisors on the
# same host CPU: what each offers (SMCCC workaround calls, ID registers)
# decides what the guest reports.
vuln() { grep -ah '^# guest-vuln ' "$LOGDIR/lab-$1.log" 2>/dev/null | sort -u; }
vuln_sv=$(vuln splitvisor) vuln_kvm=$(vuln kvm)
tap < <(result "guest vulnerabilities files: the same under splitvisor and the in-kernel KVM (cortex-a57, $(echo "$vuln_kvm" | grep -c .) files)" \
	"$([ -n "$vuln_kvm" ] && [ "$vuln_sv" = "$vuln_kvm" ] && echo 0 || echo 1)")
diff <(echo "$vuln_sv") <(echo "$vuln_kvm") | sed -n 's/^[<>]/#   &/p'
vuln_sv=$(vuln splitvisor-vhe) vuln_kvm=$(vuln kvm-vhe)
tap < <(result "guest vulnerabilities files: the same under splitvisor VHE and KVM VHE (-cpu max, $(echo "$vuln_kvm" | grep -c .) files)" \
	"$([ -n "$vuln_kvm" ] && [ "$vuln_sv" = "$vuln_kvm" ] && echo 0 || echo 1)")
diff <(echo "$vuln_sv") <(echo "$vuln_kvm") | sed -n 's/^[<>]/#   &/p'

# Upstream selftests side by side: splitvisor and the in-kernel KVM.
echo "# upstream KVM selftests      splitvisor   in-kernel KVM"
for name in $(grep -ho 'kselftest: [^ ]*' "$LOGDIR"/lab-splitvisor*.log "$LOGDIR"/lab-kvm*.log |
	      awk '{print $2}' | awk '!seen[$0]++'); do
	col() {
		local l
		l=$(cat "$LOGDIR/lab-$1.log" "$LOGDIR/lab-$1-icount.log" 2>/dev/null |
		    grep -m1 "kselftest: $name ")
		case "$l" in
		*"known failure"*) echo "xfail" ;;
		"ok "*"# SKIP"*) echo SKIP ;;
		"ok "*) echo pass ;;
		"not ok "*) echo FAIL ;;
		*) echo "-" ;;
		esac
	}
	printf '#   %-32s %-12s %s\n' "$name" "$(col splitvisor)" "$(col kvm)"
done

finish
