#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark suite (README: `make bench`): boots the lab with
# -icount shift=0 three ways -- splitvisor, the in-kernel KVM in nVHE mode
# (cortex-a57), the in-kernel KVM in VHE mode (-cpu max) -- runs the same
# benchmark VMM in each, and prints guest instructions per operation and
# splitvisor's ratio to KVM nVHE.  Results also go to
# selftests/logs/bench.csv and bench.json.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP"
ITERS=${BENCH_ITERS:-4096}
LOGDIR=${SPLITVISOR_TEST_LOGS:-$TOP/selftests/logs}
mkdir -p "$LOGDIR"

bash selftests/lab/setup.sh host kernel rootfs
make -s modules
make -s -C selftests/bench

script=$(mktemp)
trap 'rm -f "$script"' EXIT
cat >"$script" <<EOS
insmod /lab/splitvisor.ko 2>/dev/null
/lab/bench $ITERS
EOS

run_mode() { # name, run.sh options...
	local name=$1
	shift
	echo "[bench] $name" >&2
	bash selftests/lab/run.sh --icount --timeout 1800 --log "$LOGDIR/bench-$name.log" "$@" \
		"$script" splitvisor.ko selftests/bench/build/bench >/dev/null 2>&1 || true
	grep '^bench ' "$LOGDIR/bench-$name.log" | sed "s/^bench /$name /"
}

{
	run_mode splitvisor
	run_mode kvm-nvhe --kvm
	run_mode kvm-vhe --kvm --vhe
} >"$LOGDIR/bench.raw"

# instructions per op = ticks * (1e9 / CNTFRQ) / iterations  (icount: 1 ns = 1 insn)
awk -v csv="$LOGDIR/bench.csv" -v json="$LOGDIR/bench.json" '
{ ins[$1, $2] = $4 * (1e9 / $5) / $3; seen[$2] = 1; if (!($2 in order)) { order[$2] = n++; names[n - 1] = $2 } }
END {
	printf "%-12s %14s %14s %14s %10s\n", "benchmark", "splitvisor", "kvm-nvhe", "kvm-vhe", "sv/nvhe"
	print "benchmark,splitvisor,kvm_nvhe,kvm_vhe,ratio_sv_nvhe" > csv
	printf "{\n  \"unit\": \"guest instructions per operation\",\n  \"results\": [\n" > json
	for (i = 0; i < n; i++) {
		b = names[i]
		sv = ins["splitvisor", b]; nv = ins["kvm-nvhe", b]; vh = ins["kvm-vhe", b]
		r = nv > 0 ? sprintf("%.2f", sv / nv) : "-"
		printf "%-12s %14.0f %14.0f %14.0f %10s\n", b, sv, nv, vh, r
		printf "%s,%.0f,%.0f,%.0f,%s\n", b, sv, nv, vh, r > csv
		printf "    {\"benchmark\": \"%s\", \"splitvisor\": %.0f, \"kvm_nvhe\": %.0f, \"kvm_vhe\": %.0f}%s\n",
			b, sv, nv, vh, (i < n - 1 ? "," : "") > json
	}
	printf "  ]\n}\n" > json
}' "$LOGDIR/bench.raw"
echo "(results: $LOGDIR/bench.csv, $LOGDIR/bench.json; raw: $LOGDIR/bench.raw)"
