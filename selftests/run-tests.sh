#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The whole test suite (README: `make check`): native unit tests, static
# checks on the built module, and the lab tests, which boot the emulated
# ARM server with splitvisor, with the in-kernel KVM as the baseline, and
# on a CPU without EL2.  Every test prints one TAP line; the last line is
# "N passed, N failed[, N skipped]".  Exit status 0 only if nothing failed.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
. selftests/lab/config.sh
LOGDIR=${SPLITVISOR_TEST_LOGS:-$TOP/selftests/logs}
mkdir -p "$LOGDIR"

n=0 passed=0 failed=0 skipped=0
# Number, count and echo TAP lines ("ok - x", "not ok - x", "... # SKIP").
tap() {
	local line
	while IFS= read -r line; do
		case "$line" in
		"ok "*"# SKIP"*) n=$((n + 1)); skipped=$((skipped + 1))
			echo "ok $n ${line#ok }" ;;
		"ok "*) n=$((n + 1)); passed=$((passed + 1))
			echo "ok $n ${line#ok }" ;;
		"not ok "*) n=$((n + 1)); failed=$((failed + 1))
			echo "not ok $n ${line#not ok }" ;;
		"#"*) echo "$line" ;;
		esac
	done
}
# Strip the unit tests' own numbers ("ok 3 - x" -> "ok - x").
renumber() { sed -E 's/^(not ok|ok) [0-9]+ /\1 /'; }
result() { # result "name" rc
	if [ "$2" = 0 ]; then echo "ok - $1"; else echo "not ok - $1"; fi
}
finish() {
	echo "1..$n"
	echo "$passed passed, $failed failed$([ $skipped -gt 0 ] && echo ", $skipped skipped")"
	[ $failed = 0 ]
	exit
}

echo "TAP version 13"
echo "# splitvisor test suite, logs in $LOGDIR"

# ---- the lab (idempotent, cached outside the tree) --------------------------
bash selftests/lab/setup.sh all >"$LOGDIR/setup.log" 2>&1
rc=$?
tap < <(result "setup: lab ready (packages, kernel, userspace, KVM selftests)" $rc)
if [ $rc != 0 ]; then
	tail -n 20 "$LOGDIR/setup.log" | sed 's/^/#   /'
	finish
fi

# ---- native unit tests --------------------------------------------------------
make -s -C selftests/unit run >"$LOGDIR/unit.log" 2>&1
rc=$?
tap < <(renumber <"$LOGDIR/unit.log")
tap < <(result "unit: all unit test programs built and exited 0" $rc)

# ---- build and static checks -------------------------------------------------
make -s modules >"$LOGDIR/build.log" 2>&1 &&
	make -s -C selftests/tests >>"$LOGDIR/build.log" 2>&1 &&
	make -s -C selftests/bench >>"$LOGDIR/build.log" 2>&1
rc=$?
tap < <(result "build: splitvisor.ko and the lab test programs" $rc)
if [ $rc != 0 ]; then
	tail -n 30 "$LOGDIR/build.log" | sed 's/^/#   /'
	finish
fi
tap < <(bash selftests/check-symbols.sh 2>&1)
# The splitvisor-dkms package: contents, scripts, and its source building
# the way DKMS builds it.
tap < <(bash selftests/tests/package-check.sh 2>&1)

# ---- lab runs ------------------------------------------------------------------
# The upstream KVM selftests go in as one archive, unpacked in the server.
KS_TAR="$LOGDIR/kselftests.tar"
tar cf "$KS_TAR" -C "$LAB_CACHE/kselftests/out" .
LAB_FILES=(selftests/tests/lab-common.sh splitvisor.ko selftests/tests/lab-kselftests.sh
	selftests/tests/qemu-its.sh selftests/tests/qemu-lifecycle.sh selftests/tests/qemu-virtio.sh
	selftests/tests/perms.sh selftests/tests/libvirt.sh packaging/65-splitvisor.rules
	"$KS_TAR" selftests/tests/build/* selftests/bench/build/bench)

# lab_run NAME [run.sh options] SCRIPT: boot, count its TAP lines, and add
# the two checks every lab run has: the server reported, dmesg is clean.
lab_run() {
	local name=$1 log="$LOGDIR/lab-$1.log" rc
	shift
	bash selftests/lab/run.sh --timeout 2400 --log "$log" "$@" "${LAB_FILES[@]}" >/dev/null 2>&1
	rc=$?
	tap < <(grep -E '^(ok|not ok) ' "$log" 2>/dev/null |
		sed -E "s/^(ok|not ok) - /\1 - $name: /")
	tap < <(result "$name: the emulated server ran the tests and reported" \
		"$(grep -q '^LAB-EXIT: ' "$log" 2>/dev/null && echo 0 || echo 1)")
	tap < <(result "$name: no Oops/WARN/BUG in the emulated server's dmesg" \
		"$(grep -qx 'LAB-DMESG: clean' "$log" 2>/dev/null && echo 0 || echo 1)")
	grep '^LAB-DMESG-BAD' "$log" 2>/dev/null | head -n 20 | sed 's/^/#   /'
	[ $rc = 125 ] && tail -n 20 "$log" | sed 's/^/#   /'
	return 0
}

lab_run splitvisor selftests/tests/lab-splitvisor.sh
lab_run kvm --kvm selftests/tests/lab-kvm.sh
lab_run noel2 --no-virt selftests/tests/lab-noel2.sh
# The GICv2 host: vGICv2, KVM_CREATE_IRQCHIP, QEMU gic-version=2.
lab_run splitvisor-gicv2 --gicv2 selftests/tests/lab-gicv2.sh
lab_run kvm-gicv2 --kvm --gicv2 selftests/tests/lab-gicv2.sh
# Interrupt timing against the counter needs -icount (lab-icount.sh says why).
lab_run splitvisor-icount --icount selftests/tests/lab-icount.sh
lab_run kvm-icount --kvm --icount selftests/tests/lab-icount.sh

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
