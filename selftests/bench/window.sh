#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The window profile (`make bench-window`): where io-out's instructions go.
# Boots the lab under -icount with a QEMU TCG plugin (window/tbwin.c) that
# counts, per emulated CPU and translation block, every instruction between
# the guest's counter read before its doorbell write (guest.c,
# g_io_out_t0) and the VMM thread's counter read once the eventfd woke it
# (bench.c, io_out_host) -- exactly the interval io-out measures, on both
# CPUs -- then names the blocks by /proc/kallsyms of that boot, the EL2
# text and the benchmark's own symbols (window/symbolize.py; python3).
# Benchmarks.rst, "Where io-out's instructions go", reads these.
#
#   bash selftests/bench/window.sh [CONFIG...]
#     CONFIGs as run-bench.sh's (default: splitvisor splitvisor-fp0
#     kvm-nvhe); WINDOW_ITERS=N doorbells (default 2000); results in
#     $WINDOW_OUT (default selftests/logs/window): CONFIG.txt per
#     configuration (instructions per window per CPU, the top symbols of
#     each), CONFIG.log (the boot), CONFIG.counts (the plugin's raw counts).
set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP"
. selftests/lab/config.sh

ITERS=${WINDOW_ITERS:-2000}
OUT=${WINDOW_OUT:-$TOP/selftests/logs/window}
CONFIGS=("$@")
[ ${#CONFIGS[@]} -gt 0 ] || CONFIGS=(splitvisor splitvisor-fp0 kvm-nvhe)
mkdir -p "$OUT"

bash selftests/lab/setup.sh host kernel rootfs
make -s modules
make -s -C selftests/bench
gcc -O2 -Wall -shared -fPIC -o "$OUT/tbwin.so" selftests/bench/window/tbwin.c -lpthread

bin=selftests/bench/build/bench
sym() { nm "$bin" | awk -v s="$1" '$3 == s { print $1 }'; }
t0=$(sym g_io_out_t0) base=$(sym g_io_out_start)
[ -n "$t0" ] && [ -n "$base" ] || lab_die "no g_io_out_t0/g_io_out_start in $bin"
# The guest code is loaded at IPA 0 and runs with its MMU off.
start=$(printf '%#x' $(( 0x$t0 - 0x$base )))
# The thread's counter read after read() returned (an isb before it ends
# the block before, so a block starts there).
stop=$(aarch64-linux-gnu-objdump -d --no-show-raw-insn --disassemble=io_out_host "$bin" |
	awk '/mrs.*cntvct_el0/ { sub(":", "", $1); print "0x" $1; exit }')
[ -n "$stop" ] || lab_die "no counter read in io_out_host"
echo "[window] io-out: start $start (guest), stop $stop (io_out_host)" >&2

script=$(mktemp)
trap 'rm -f "$script"' EXIT
for cfg in "${CONFIGS[@]}"; do
	params=""
	case $cfg in
	splitvisor) opts=() ;;
	splitvisor-fp0) opts=(); params=fastpath=0 ;;
	kvm-nvhe) opts=(--kvm) ;;
	kvm-vhe) opts=(--kvm --vhe) ;;
	splitvisor-vhe) opts=(--vhe) ;;
	splitvisor-vhe-fp0) opts=(--vhe); params=fastpath=0 ;;
	splitvisor-vh0) opts=(--vhe --vh0) ;;
	kvm-nvhe-max) opts=(--kvm --vhe --nvhe) ;;
	*) lab_die "unknown configuration $cfg" ;;
	esac
	cat >"$script" <<EOS
if grep -q kvm-arm.mode=none /proc/cmdline; then
	insmod /lab/splitvisor.ko $params ${WINDOW_PARAMS:-} || exit 1
else
	echo 0 >/sys/module/kvm/parameters/halt_poll_ns	# as run-bench.sh
fi
/lab/bench $ITERS io-out
echo KALLSYMS-BEGIN
grep ' [tT] ' /proc/kallsyms
echo KALLSYMS-END
EOS
	echo "[window] $cfg: booting the lab (-icount shift=0, the plugin)" >&2
	rm -f "$OUT/$cfg.counts"
	bash selftests/lab/run.sh --icount --timeout 1800 --log "$OUT/$cfg.log" "${opts[@]}" \
		--plugin "$OUT/tbwin.so,out=$OUT/$cfg.counts,start=$start,stop=$stop" \
		"$script" splitvisor.ko "$bin" >/dev/null 2>&1 || true
	[ -s "$OUT/$cfg.counts" ] || lab_die "$cfg: no counts (see $OUT/$cfg.log)"
	{
		grep -a '^bench io-out' "$OUT/$cfg.log" |
			awk '{ printf "bench io-out: tmean %.0f instructions (%s ticks at %s Hz)\n", $9 * 1e9 / $4, $9, $4 }'
		python3 selftests/bench/window/symbolize.py "$OUT/$cfg.log" "$OUT/$cfg.counts" "$bin" 40
	} >"$OUT/$cfg.txt"
	echo "== $cfg"
	grep -E '^(bench|windows|CPU)' "$OUT/$cfg.txt"
done
