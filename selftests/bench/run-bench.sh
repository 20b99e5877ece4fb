#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark suite (README: `make bench`): boots the lab with
# -icount shift=0 three ways -- splitvisor, the in-kernel KVM in nVHE mode
# (cortex-a57), the in-kernel KVM in VHE mode (-cpu max) -- runs the same
# benchmark VMM in each, and prints guest instructions per operation (mean)
# and splitvisor's ratio to KVM nVHE.  The headline figure is the mean of
# the per-operation samples not above the 99th percentile ("tmean": the
# rare operation a host timer tick lands in left out).  Into the results
# directory ($BENCH_OUT, default selftests/logs/bench): table.txt,
# bench.csv and bench.json (tmean, mean, min, median, p99 per benchmark and
# configuration),
# bench.png (bar chart), the raw lines and each boot's console log.
#
#   BENCH_ITERS=N     operations per benchmark (default 4096)
#   BENCH_CONFIGS=".." a subset of "splitvisor splitvisor-fp0 kvm-nvhe kvm-vhe"
#                     (splitvisor-fp0: the module loaded with fastpath=0, every
#                     exit answered by the host: the lean run loop alone;
#                     no application benchmarks in it), or of the -cpu max
#                     (sve=off,pauth=off) set "splitvisor-vhe splitvisor-vhe-fp0
#                     splitvisor-vh0 kvm-vhe kvm-nvhe-max": splitvisor in VHE
#                     mode (with fastpath=0), splitvisor in split mode on the
#                     same CPU (id_aa64mmfr1.vh=0), KVM VHE, KVM nVHE on the
#                     same CPU (kvm-arm.mode=nvhe).  `make bench-vhe` runs that
#                     set; its ratios are splitvisor VHE to KVM VHE.
#   BENCH_APPS=0      skip the application benchmarks (apps.sh: guest boot,
#                     TCP request/response over vhost-net, a CPU-bound and a
#                     fork-heavy job in the guest and natively; apps.txt)
#   BENCH_APPS_RUNS=N the application benchmarks N times in each boot
#                     (default 5): apps.txt gives the median of the runs
#                     and their spread (min, max, half-range)
#   BENCH_PROFILE=0   skip the fourth boot: splitvisor's instrumentation
#                     build (make SV_PROFILE=1) splits the hypercall's cost
#                     into the world switch's steps, like the paper's Table
#                     III (table3.txt, profile.raw)
#   BENCH_PROFILE_ITERS=N  hypercalls in that boot (default 32768: the VM's
#                     set-up exits, in the profile but not in the loop,
#                     weigh less)
#   SPLITVISOR_LAB_LOCK=FILE  each boot holds flock(FILE) (default
#                     /tmp/lab.lock; empty: no locking), one boot at a time,
#                     so other users of the lab interleave between boots.
#
#   run-bench.sh --compare DIR1 DIR2   relative difference of two runs' means
#   run-bench.sh --report DIR          the tables and chart again from DIR/bench.raw
set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP"

ITERS=${BENCH_ITERS:-4096}
PROFILE_ITERS=${BENCH_PROFILE_ITERS:-32768}
APPS_RUNS=${BENCH_APPS_RUNS:-5}
OUT=${BENCH_OUT:-$TOP/selftests/logs/bench}
CONFIGS=${BENCH_CONFIGS:-splitvisor splitvisor-fp0 kvm-nvhe kvm-vhe}

# Tables, CSV, JSON and chart from $OUT/bench.raw.
report() {
	# raw: CONFIG NAME SAMPLES CNTFRQ MEAN MIN MEDIAN P99 TMEAN (ticks)
	#  or  CONFIG NAME n/a (why)
	# instructions = ticks * 1e9 / CNTFRQ  (-icount shift=0: 1 ns per instruction)
	awk -v configs="$CONFIGS" -v out="$OUT" '
	BEGIN {
		nc = split(configs, cfg, " ")
		for (i = 1; i <= nc; i++) {
			if (cfg[i] == "splitvisor-fp0") fp0 = 1
			if (cfg[i] == "splitvisor-vhe") vhe = 1
		}
	}
	function ratio(a, b, x) {
		if (((a, x) in ok) && ((b, x) in ok) && tm[b, x] > 0)
			return sprintf("%.2f", tm[a, x] / tm[b, x])
		return "-"
	}
	{
		c = $1; b = $2
		if (!(b in seen)) { seen[b] = 1; names[nb++] = b }
		if ($3 == "n/a") { na[c, b] = substr($0, index($0, "n/a") + 4); next }
		k = 1e9 / $4
		it[c, b] = $3; mean[c, b] = $5 * k; mn[c, b] = $6 * k; md[c, b] = $7 * k; p99[c, b] = $8 * k
		tm[c, b] = $9 * k
		ok[c, b] = 1
	}
	function cell(c, b) {
		if ((c, b) in ok) return sprintf(tm[c, b] < 100 ? "%.1f" : "%.0f", tm[c, b])
		if ((c, b) in na) return "n/a"
		return "FAIL"
	}
	END {
		csv = out "/bench.csv"; json = out "/bench.json"; tab = out "/table.txt"; dat = out "/bench.dat"
		head = sprintf("%-10s", "benchmark")
		for (i = 1; i <= nc; i++) head = head sprintf(" %11s", cfg[i])
		head = head sprintf(" %8s", "sv/nvhe")
		if (fp0) head = head sprintf(" %8s", "fp0/nvhe")
		if (vhe) head = head sprintf(" %8s %8s", "vhe/kvm", "v-fp0/kvm")
		print "guest instructions per operation (mean of the samples <= p99):" > tab
		print head > tab
		print "config,benchmark,samples,tmean,mean,min,median,p99,status" > csv
		printf "{\n  \"unit\": \"guest instructions per operation (-icount shift=0)\",\n  \"results\": [" > json
		sep = ""
		print "benchmark " configs > dat
		for (j = 0; j < nb; j++) {
			b = names[j]
			line = sprintf("%-10s", b); d = b
			for (i = 1; i <= nc; i++) {
				c = cfg[i]
				line = line sprintf(" %11s", cell(c, b))
				d = d " " (((c, b) in ok) ? sprintf("%.1f", tm[c, b]) : "NaN")
				if ((c, b) in ok) {
					printf "%s,%s,%d,%.1f,%.1f,%.1f,%.1f,%.1f,ok\n", c, b, it[c, b], tm[c, b], mean[c, b], mn[c, b], md[c, b], p99[c, b] > csv
					printf "%s\n    {\"config\": \"%s\", \"benchmark\": \"%s\", \"samples\": %d, \"tmean\": %.1f, \"mean\": %.1f, \"min\": %.1f, \"median\": %.1f, \"p99\": %.1f}", sep, c, b, it[c, b], tm[c, b], mean[c, b], mn[c, b], md[c, b], p99[c, b] > json
				} else {
					st = ((c, b) in na) ? "n/a " na[c, b] : "failed"
					gsub(/"/, "", st)
					printf "%s,%s,,,,,,,%s\n", c, b, st > csv
					printf "%s\n    {\"config\": \"%s\", \"benchmark\": \"%s\", \"status\": \"%s\"}", sep, c, b, st > json
				}
				sep = ","
			}
			line = line sprintf(" %8s", ratio("splitvisor", "kvm-nvhe", b))
			if (fp0)
				line = line sprintf(" %8s", ratio("splitvisor-fp0", "kvm-nvhe", b))
			if (vhe)
				line = line sprintf(" %8s %8s", ratio("splitvisor-vhe", "kvm-vhe", b),
						    ratio("splitvisor-vhe-fp0", "kvm-vhe", b))
			print line > tab
			print d > dat
		}
		printf "\n  ]\n}\n" > json
		# the spread of each benchmark: median and p99 next to the mean
		print "" > tab
		print "median / p99 (instructions):" > tab
		for (j = 0; j < nb; j++) {
			b = names[j]; line = sprintf("%-10s", b)
			for (i = 1; i <= nc; i++) {
				c = cfg[i]
				line = line sprintf(" %17s", ((c, b) in ok) ? sprintf("%.0f / %.0f", md[c, b], p99[c, b]) : cell(c, b))
			}
			print line > tab
		}
		n = 0
		for (j = 0; j < nb; j++)
			for (i = 1; i <= nc; i++)
				if ((cfg[i], names[j]) in na) {
					if (!n++) print "" > tab
					print "n/a: " cfg[i] " " names[j] ": " na[cfg[i], names[j]] > tab
				}
	}' "$OUT/bench.raw"

	if command -v gnuplot >/dev/null; then
		gnuplot <<-EOG || echo "[bench] gnuplot failed: no chart" >&2
	set terminal pngcairo size 1000,560 noenhanced
	set output "$OUT/bench.png"
	set title "Guest instructions per operation (p99-trimmed mean; -icount shift=0, $ITERS iterations; no bar = n/a)"
	set style data histograms
	set style histogram clustered gap 1
	set style fill solid 0.8 border -1
	set logscale y
	set yrange [1:*]
	set ylabel "instructions (log scale)"
	set key below
	set grid ytics
	set datafile missing "NaN"
	plot for [i=2:$(( $(echo $CONFIGS | wc -w) + 1 ))] "$OUT/bench.dat" using i:xtic(1) title columnheader(i)
	EOG
	fi

}

# The application benchmarks from $OUT/apps.raw ("CONFIG NAME NS" lines,
# one per run: apps.sh runs BENCH_APPS_RUNS times in the same boot;
# -icount shift=0: NS are instructions of the whole machine).  Each cell
# is the median of the runs; the spread table gives min and max and the
# half-range in per cent of the median.
report_apps() {
	[ -s "$OUT/apps.raw" ] || return 0
	awk -v configs="$CONFIGS" '
	BEGIN { nc = split(configs, cfg, " ") }
	{ k = $1 SUBSEP $2; n[k]++; x[k, n[k]] = $3 }
	function sortk(k,    i, j, t) {
		for (i = 2; i <= n[k]; i++)
			for (j = i; j > 1 && x[k, j - 1] > x[k, j]; j--) {
				t = x[k, j]; x[k, j] = x[k, j - 1]; x[k, j - 1] = t
			}
	}
	function med(k) { return n[k] % 2 ? x[k, (n[k] + 1) / 2] : (x[k, n[k] / 2] + x[k, n[k] / 2 + 1]) / 2 }
	# line LABEL NAME DIV UNIT NATIVE: NAME in UNIT (instructions / DIV),
	# then splitvisor/KVM nVHE or, with NATIVE, guest/native per config
	function line(label, nm, div, unit, native,    i, l) {
		l = sprintf("%-30s %-6s", label, unit)
		for (i = 1; i <= nc; i++)
			l = l sprintf(" %11s", ((cfg[i], nm) in m) ? sprintf("%.1f", m[cfg[i], nm] / div) : "-")
		if (native != "") {
			for (i = 1; i <= nc; i++)
				if ((cfg[i], nm) in m && (cfg[i], native) in m && m[cfg[i], native] > 0)
					l = l sprintf("  %s %.3f", cfg[i], m[cfg[i], nm] / m[cfg[i], native])
		} else if (("splitvisor", nm) in m && ("kvm-nvhe", nm) in m && m["kvm-nvhe", nm] > 0)
			l = l sprintf("  sv/nvhe %.2f", m["splitvisor", nm] / m["kvm-nvhe", nm])
		print l
	}
	function spread(label, nm, div,    i, k, l) {
		l = sprintf("%-30s", label)
		for (i = 1; i <= nc; i++) {
			k = cfg[i] SUBSEP nm
			if (!(k in n)) { l = l sprintf(" %24s", "-"); continue }
			l = l sprintf(" %24s", sprintf("%.1f-%.1f %s%.1f%% n=%d", x[k, 1] / div, x[k, n[k]] / div,
				"+-", m[cfg[i], nm] > 0 ? (x[k, n[k]] - x[k, 1]) / 2 / m[cfg[i], nm] * 100 : 0, n[k]))
		}
		print l
	}
	END {
		for (k in n) { sortk(k); m[k] = med(k) }
		h = sprintf("%-30s %-6s", "application benchmark", "unit")
		for (i = 1; i <= nc; i++) h = h sprintf(" %11s", cfg[i])
		print "application benchmarks (instructions of the whole machine, -icount shift=0;"
		print "M = 10^6, k = 10^3; the median of the runs; guest/native ratios for the jobs):"
		print h
		line("guest boot to its shell", "boot", 1e6, "M", "")
		line("TCP request/response, 1 txn", "rr", 1e3, "k", "")
		line("  placed by the schedulers", "rr-free", 1e3, "k", "")
		line("CPU-bound job in the guest", "cpu", 1e6, "M", "cpu-native")
		line("  the same job natively", "cpu-native", 1e6, "M", "")
		line("fork-heavy job in the guest", "fork", 1e6, "M", "fork-native")
		line("  the same job natively", "fork-native", 1e6, "M", "")
		print ""
		h = sprintf("%-30s", "spread: min-max, +-half-range")
		for (i = 1; i <= nc; i++) h = h sprintf(" %24s", cfg[i])
		print h
		spread("guest boot (M)", "boot", 1e6)
		spread("TCP request/response (k)", "rr", 1e3)
		spread("  placed by the schedulers (k)", "rr-free", 1e3)
		spread("CPU-bound job (M)", "cpu", 1e6)
		spread("  natively (M)", "cpu-native", 1e6)
		spread("fork-heavy job (M)", "fork", 1e6)
		spread("  natively (M)", "fork-native", 1e6)
	}' "$OUT/apps.raw" >"$OUT/apps.txt"
}

# The Table III split from $OUT/profile.raw: "profile NAME VALUE" lines of
# debugfs splitvisor/profile after the hypercall benchmark (EL2's steps,
# then the host run loop's, host/prof.c), its "bench hypercall ..." line
# (the samples, same boot) and "bench-loop hypercall N FREQ TICKS" (the
# guest's whole loop).  Per hypercall = profile sums / N, the loop's
# iterations: the sums hold every run of the guest, including the
# exits that are not the hypercall (the sample buffer's stage-2 faults,
# host interrupts; the VM's set-up and SYSTEM_OFF).  They are compared
# with the plain mean of the samples, which hold the same faults and
# interrupts, not with the p99-trimmed mean of the main table.
report3() {
	[ -s "$OUT/profile.raw" ] || return 0
	awk -v fp="${BENCH_PROFILE_FASTPATH:-0}" '
	BEGIN { normalcfg = fp == "0" ? "splitvisor-fp0" : "splitvisor" }
	$1 == "profile" { v[$2] = $3 }
	$1 == "bench" && $2 == "hypercall" && $3 != "n/a" { mean = $5 * 1e9 / $4; tmean = $9 * 1e9 / $4 }
	$1 == "bench-loop" && $2 == "hypercall" { n = $3; loop = $5 * 1e9 / $4 / $3 }
	$1 == normalcfg && $2 == "hypercall" && $3 != "n/a" { normal = $9 * 1e9 / $4 }
	function per(k) { return v[k] / n }
	function row(name, a, b, paper) {
		printf "%-40s %6.0f %6.0f %6.0f   %s\n", name, a, b, a + b, paper
		el2 += a + b
	}
	function hrow(name, k) {
		printf "%-40s %20.0f\n", name, per("host-" k)
		host += per("host-" k)
	}
	function total(name, x, note) { printf "%-40s %20.0f%s\n", name, x, note == "" ? "" : "   " note }
	END {
		if (!v["runs"] || !n || mean <= 0) { print "no profile runs (or no bench-loop line)"; exit }
		printf "Hypercall cost split (splitvisor instrumentation build, fastpath=%s, -icount shift=0;\n", fp
		printf "instructions per hypercall: the sums over %d runs of the guest -- its %d\n", v["runs"], n
		printf "hypercalls and %d other exits (the sample stores'"'"' stage-2 faults, one per\n", v["runs"] + v["reenter"] - n
		printf "512 hypercalls, host interrupts, the VM'"'"'s set-up) -- / %d; %d exits handled at EL2):\n\n", n, v["reenter"]
		printf "%-40s %6s %6s %6s   %s\n", "EL2: step (hyp/switch.c)", "entry", "exit", "sum", "paper Table III: KVM save/restore (cycles)"
		row("GP regs, eret, vectors, guest", per("gp-regs-and-guest"), 0, "152 / 184 (GP regs only)")
		row("FP regs (guest side at EL2)", per("fp-restore"), per("fp-save"), "282 / 310")
		row("EL1 system regs (host+guest)", per("el1-sysregs-save-host") + per("el1-sysregs-restore-guest"),
		    per("el1-sysregs-save-guest") + per("el1-sysregs-restore-host"), "230 / 511")
		row("VGIC regs", per("vgic-restore"), per("vgic-save"), "3,250 / 181")
		row("Timer regs", per("timer-restore"), per("timer-save"), "104 / 106")
		row("EL2 config regs", per("el2-config-guest"), per("el2-config-host"), "92 / 107")
		row("EL2 virtual memory regs", per("stage2-guest"), per("stage2-host"), "92 / 107")
		row("debug regs (when used)", per("debug-guest"), per("debug-host"), "-")
		row("exit decode, EL2 fast-path tier", 0, per("exit-decode"), "-")
		total("EL2 in all", el2, "")
		el2m = per("el2-span") - el2
		printf "\n%-40s %20s\n", "host: step (host/vcpu.c run loop)", "sum"
		hrow("vGIC sync (sv_vcpu_put)", "vgic-sync")
		hrow("IRQs on, kernel_neon_end", "irq-on-fp-end")
		hrow("timer sync", "timer-sync")
		hrow("exit handler (sv_handle_exit, stats)", "exit-handler")
		hrow("loop: signal, cond_resched, power-off", "run-loop-checks")
		hrow("reset, PV time, debug regs", "entry-prepare")
		hrow("VMID check, kernel_neon_begin, IRQs off", "fp-irq-off")
		hrow("VMID, VTTBR, TLB owner, last_cpu", "vmid-tlb")
		hrow("timer flush", "timer-flush")
		hrow("vGIC flush", "vgic-flush")
		hrow("hvc+eret, EL2 vectors, sv_hyp_call", "hyp-call")
		total("host in all", host, "")
		hmc = v["host-mark-count"] ? v["host-mark"] / v["host-mark-count"] : 0
		hm = v["host-marks"] * hmc / n
		guest = loop - mean
		acc = el2 + host + el2m + hm - guest
		printf "\n"
		total("EL2 in all", el2, "")
		total("host in all", host, "")
		total("marks at EL2", el2m, sprintf("(%.0f a mark; the PMU set-up in the first)", v["mark"] / v["runs"]))
		total("marks in the host", hm, sprintf("(%.1f a mark, %.1f marks a hypercall)", hmc, v["host-marks"] / n))
		total("guest, outside the timed window", -guest, "(its loop per hypercall less the samples'"'"' mean; the faults)")
		total("accounted", acc, "")
		total("round trip seen by the guest", mean, sprintf("(mean of all samples, this build; p99-trimmed: %.0f)", tmean))
		total("unaccounted", mean - acc, sprintf("(%+.2f %% of the round trip)", (mean - acc) / mean * 100))
		if (normal > 0)
			total("hypercall, normal build (" normalcfg ")", normal, sprintf("(main table; this build less its marks: %.0f)", tmean - el2m - hm))
	}' "$OUT/profile.raw" "$OUT/bench.raw" >"$OUT/table3.txt"
}

if [ "${1:-}" = --compare ]; then
	[ $# = 3 ] || { echo "usage: $0 --compare DIR1 DIR2" >&2; exit 2; }
	# bench.csv: config,benchmark,samples,tmean,mean,min,median,p99,status
	awk -F, 'FNR == 1 { next }
		NR == FNR { if ($9 == "ok") a[$1 "," $2] = $4; next }
		$9 == "ok" && ($1 "," $2) in a {
			d = ($4 - a[$1 "," $2]) / a[$1 "," $2] * 100
			if (d < 0) d = -d
			if (d > worst) worst = d
			printf "%-12s %-10s %12.1f %12.1f %7.2f%%\n", $1, $2, a[$1 "," $2], $4, d
		}
		END { printf "largest difference: %.2f%%\n", worst }' "$2/bench.csv" "$3/bench.csv"
	exit 0
fi
if [ "${1:-}" = --report ]; then	# again from a results directory
	OUT=$2
	ITERS=$(awk '$3 != "n/a" { print $3; exit }' "$OUT/bench.raw")
	CONFIGS=$(awk '{ print $1 }' "$OUT/bench.raw" | awk '!seen[$0]++' | xargs)
	report
	report_apps
	report3
	cat "$OUT/table.txt"
	[ -s "$OUT/apps.txt" ] && { echo; cat "$OUT/apps.txt"; }
	[ -s "$OUT/table3.txt" ] && { echo; cat "$OUT/table3.txt"; }
	exit 0
fi

LOCK=${SPLITVISOR_LAB_LOCK-/tmp/lab.lock}
mkdir -p "$OUT"

locked() {
	if [ -n "$LOCK" ] && command -v flock >/dev/null; then
		flock "$LOCK" "$@"
	else
		"$@"
	fi
}

# Under the lock too: a rootfs rebuild must not pull the archive from
# under someone else's boot.
locked bash selftests/lab/setup.sh host kernel rootfs guest
make -s modules
make -s -C selftests/bench

script=$(mktemp)
trap 'rm -f "$script"' EXIT
# KVM's halt polling (500 us by default on arm64) spins the CPU before a
# vCPU blocks in WFI; under -icount's round-robin those are instructions
# charged to whatever is being measured (benchmarks.rst), and splitvisor
# does not poll: both run without it.
# $1: splitvisor's module parameters; $2: 1 to run the application benchmarks.
bench_script() {
cat >"$script" <<EOS
if grep -q kvm-arm.mode=none /proc/cmdline; then
	insmod /lab/splitvisor.ko $1 || exit 1
else
	echo "bench-note KVM halt_poll_ns \$(cat /sys/module/kvm/parameters/halt_poll_ns) -> 0"
	echo 0 >/sys/module/kvm/parameters/halt_poll_ns
fi
/lab/bench $ITERS
if [ "$2" = 1 ]; then
	for r in \$(seq $APPS_RUNS); do sh /lab/apps.sh; done
fi
EOS
}

boot() {
	locked bash selftests/lab/run.sh "$@"
}

: >"$OUT/bench.raw"
: >"$OUT/apps.raw"
for cfg in $CONFIGS; do
	apps=${BENCH_APPS:-1}
	case $cfg in
	splitvisor) opts=(); bench_script "" "$apps" ;;
	splitvisor-fp0) opts=(); bench_script fastpath=0 0 ;;
	kvm-nvhe) opts=(--kvm); bench_script "" "$apps" ;;
	kvm-vhe) opts=(--kvm --vhe); bench_script "" "$apps" ;;
	splitvisor-vhe) opts=(--vhe); bench_script "" "$apps" ;;
	splitvisor-vhe-fp0) opts=(--vhe); bench_script fastpath=0 0 ;;
	splitvisor-vh0) opts=(--vhe --vh0); bench_script "" 0 ;;
	kvm-nvhe-max) opts=(--kvm --vhe --nvhe); bench_script "" 0 ;;
	*) echo "unknown configuration $cfg" >&2; exit 2 ;;
	esac
	echo "[bench] $cfg: booting the lab (-icount shift=0), $ITERS iterations" >&2
	start=$(date +%s)
	boot --icount --timeout 1800 --log "$OUT/boot-$cfg.log" "${opts[@]}" \
		"$script" splitvisor.ko selftests/bench/build/bench selftests/bench/build/rr \
		selftests/bench/apps.sh selftests/tests/lab-common.sh >/dev/null 2>&1 || true
	echo "[bench] $cfg: $(( $(date +%s) - start )) s" >&2
	grep -a '^bench ' "$OUT/boot-$cfg.log" | sed "s/^bench /$cfg /" >>"$OUT/bench.raw" || true
	grep -a '^app ' "$OUT/boot-$cfg.log" | sed "s/^app /$cfg /" >>"$OUT/apps.raw" || true
	grep -a -E '^(bench|app)-note ' "$OUT/boot-$cfg.log" | sed -E "s/^(bench|app)-note /# $cfg: /" >&2 || true
	grep -a '^# bench' "$OUT/boot-$cfg.log" | sed "s/^/# $cfg: /" >&2 || true
done

# The instrumentation build, for the Table III split of the hypercall.
if [ "${BENCH_PROFILE:-1}" = 1 ] && [[ " $CONFIGS " = *" splitvisor "* ]]; then
	pb="$OUT/profile-build"
	bash selftests/bench/build-profile.sh "$pb" >"$OUT/profile-build.log" 2>&1 ||
		echo "[bench] profile build failed: $OUT/profile-build.log" >&2
	# fastpath=0 by default: the split of the hypercall's way through the
	# host, as the paper's Table III splits a world switch (with the EL2
	# fast path on, the main table's splitvisor column is that figure).
	cat >"$script" <<EOS
insmod /lab/splitvisor.ko fastpath=${BENCH_PROFILE_FASTPATH:-0} || exit 1
echo 0 >/sys/kernel/debug/splitvisor/profile
/lab/bench $PROFILE_ITERS hypercall
sed 's/^/profile /' /sys/kernel/debug/splitvisor/profile
EOS
	if [ -e "$pb/splitvisor.ko" ]; then
		echo "[bench] splitvisor-profile: booting the lab (-icount shift=0), hypercall" >&2
		boot --icount --timeout 1800 --log "$OUT/boot-splitvisor-profile.log" \
			"$script" "$pb/splitvisor.ko" selftests/bench/build/bench >/dev/null 2>&1 || true
		grep -a -E '^(profile|bench|bench-loop) ' "$OUT/boot-splitvisor-profile.log" >"$OUT/profile.raw" || true
	fi
	rm -rf "$pb"
fi

report
report_apps
report3
cat "$OUT/table.txt"
[ -s "$OUT/apps.txt" ] && { echo; cat "$OUT/apps.txt"; }
[ -s "$OUT/table3.txt" ] && { echo; cat "$OUT/table3.txt"; }
echo "(results in $OUT: table.txt apps.txt table3.txt bench.csv bench.json bench.png bench.raw profile.raw boot-*.log)"
