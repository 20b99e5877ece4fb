# SPDX-License-Identifier: GPL-2.0
# TAP counting for the host-side test drivers (run-tests.sh, install-test.sh,
# fuzz.sh);
# sourced, never run.  Every test prints one TAP line; finish prints the
# plan and "N passed, N failed[, N skipped]" and exits 0 only if nothing
# failed.  Sourced from the top of the tree; sets TOP, LAB_CACHE and the
# rest of selftests/lab/config.sh, and LOGDIR (made).  lab_run needs the
# LAB_FILES array set by the caller (lab_files_suite sets the usual one).
TOP=$(pwd)
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
# require "name" rc LOG [LINES]: a step later ones need: its TAP line, and
# if it failed the end of LOG and the summary (exits).
require() {
	tap < <(result "$1" "$2")
	if [ "$2" != 0 ]; then
		tail -n "${4:-20}" "$3" | sed 's/^/#   /'
		finish
	fi
}
finish() {
	echo "1..$n"
	echo "$passed passed, $failed failed$([ $skipped -gt 0 ] && echo ", $skipped skipped")"
	[ $failed = 0 ]
	exit
}

# lab_files_suite: LAB_FILES for the lab scripts of make check and make
# check-long -- every lab script and test program, the benchmark VMM, and
# the upstream KVM selftests as one archive (KS_TAR), unpacked in the server.
lab_files_suite() {
	KS_TAR="$LOGDIR/kselftests.tar"
	tar cf "$KS_TAR" -C "$LAB_CACHE/kselftests/out" .
	LAB_FILES=(selftests/tests/lab-common.sh splitvisor.ko selftests/tests/lab-kselftests.sh
		selftests/tests/lab-vhe.sh
		selftests/tests/qemu-its.sh selftests/tests/qemu-lifecycle.sh selftests/tests/qemu-virtio.sh
		selftests/tests/perms.sh selftests/tests/libvirt.sh packaging/65-splitvisor.rules
		"$KS_TAR" selftests/tests/build/* selftests/bench/build/bench selftests/bench/build/rr
		selftests/bench/apps.sh)
}

# lab_run NAME [run.sh options] SCRIPT: boot with LAB_FILES, count its TAP
# lines, and add the two checks every lab run has: the server reported,
# dmesg is clean.  (A later --timeout in the options wins over 2400 s.)
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
