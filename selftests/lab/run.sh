#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the emulated ARM server, run a script inside it, return its output
# and exit status.
#
#   run.sh [options] SCRIPT [FILE...]
#     --kvm          boot without kvm-arm.mode=none: the in-kernel KVM baseline
#     --vhe          -cpu max,sve=off,pauth=off (a VHE-capable CPU): the
#                    kernel stays at EL2 (VHE) -> splitvisor's VHE mode,
#                    or with --kvm the in-kernel KVM in VHE mode
#     --max          -cpu max with everything QEMU gives it (SVE, pointer
#                    authentication), VHE as --vhe
#     --vh0          add id_aa64mmfr1.vh=0 (with --vhe/--max): the kernel at
#                    EL1 on a VHE CPU -> splitvisor's split mode
#     --nvhe         add kvm-arm.mode=nvhe (with --kvm): the in-kernel KVM in
#                    nVHE mode on a VHE CPU
#     --gicv2        gic-version=2 instead of 3
#     --icount       add -icount shift=0 (count guest instructions)
#     --smp N        host CPUs (default 2)    --mem MB  (default 3072)
#     --timeout S    wall-clock limit (default 900)
#     --log FILE     also write the console transcript to FILE
#     --no-virt      virtualization=off: a machine whose CPUs have no EL2
#     --interactive  after SCRIPT (optional), a shell on the console
#     --tty          the console on this terminal (SCRIPT may read it), no
#                    shell after SCRIPT
#     --gdb          start QEMU's gdbstub (-s) and wait for gdb (-S)
#     --debug-log F  QEMU -d int,guest_errors -D F (EL2 debugging)
#     --monitor SOCK QEMU's HMP monitor on the unix socket SOCK (a hung
#                    server: `info registers -a` shows where each CPU is)
#     --add-cpio F   unpack the cpio archive F over the userspace too (e.g.
#                    setup.sh devtools' build tools)
#     --plugin SPEC  QEMU -plugin SPEC (a TCG plugin: bench/window.sh)
#
# SCRIPT becomes /lab/run.sh and each FILE is copied to /lab/ in the
# server.  The transcript goes to stdout.  Exit status: SCRIPT's, or 3 if
# it passed but dmesg showed Oops/WARN/BUG, or 125 if the server never
# reported (crash, hang, timeout).
set -euo pipefail
. "$(dirname "$0")/config.sh"

kvm=0 cpu=cortex-a57 vh0=0 nvhe=0 gic=3 icount=0 smp=2 mem=3072 timeout=900 log="" interactive=0 tty=0
gdb=0 dlog="" virt=on mon="" plugin="" extra=()
while [ $# -gt 0 ]; do
	case "$1" in
	--kvm) kvm=1 ;;
	--vhe) cpu="max,sve=off,pauth=off" ;;
	--max) cpu=max ;;
	--vh0) vh0=1 ;;
	--nvhe) nvhe=1 ;;
	--gicv2) gic=2 ;;
	--no-virt) virt=off ;;
	--icount) icount=1 ;;
	--smp) smp=$2; shift ;;
	--mem) mem=$2; shift ;;
	--timeout) timeout=$2; shift ;;
	--log) log=$2; shift ;;
	--interactive) interactive=1 ;;
	--tty) tty=1 ;;
	--gdb) gdb=1 ;;
	--debug-log) dlog=$2; shift ;;
	--monitor) mon=$2; shift ;;
	--add-cpio) extra+=("$2"); shift ;;
	--plugin) plugin=$2; shift ;;
	--) shift; break ;;
	-*) lab_die "unknown option $1" ;;
	*) break ;;
	esac
	shift
done
[ $interactive = 1 ] || [ $# -ge 1 ] || lab_die "usage: run.sh [options] SCRIPT [FILE...]"
[ -e "$LAB_CACHE/rootfs/.done" ] || lab_die "no lab yet: run selftests/lab/setup.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/sv-lab.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ov/lab"
install -m 0755 "$LAB_DIR/init" "$work/ov/init"
[ $interactive = 1 ] && touch "$work/ov/lab/interactive"
if [ $# -ge 1 ]; then
	install -m 0755 "$1" "$work/ov/lab/run.sh"
	shift
fi
for f in "$@"; do
	cp -a "$f" "$work/ov/lab/"
done
(cd "$work/ov" && find . -print0 | cpio --null -o -H newc --quiet) >"$work/overlay.cpio"
# Concatenated newc archives unpack as one; the overlay's /init wins.  The
# nested virtio guest (setup.sh guest) goes in as /boot/guest/ when built.
guest_cpio=""
[ -e "$LAB_CACHE/guest/server.cpio" ] && guest_cpio="$LAB_CACHE/guest/server.cpio"
cat "$LAB_CACHE/rootfs/rootfs.cpio" $guest_cpio "${extra[@]}" "$work/overlay.cpio" >"$work/initrd"

# RCU's stall warning fires after 21 s without a quiescent state, a bound
# for real CPUs: the emulated ones are tens of times slower, and the
# in-kernel KVM's unmap of a large memslot (demand_paging_test) crossed
# it once in the baseline boot.  Two minutes still catches a real hang.
# The soft-lockup watchdog (2 x watchdog_thresh, 20 s by default) fired the
# same way in CI (baseline KVM, demand_paging_test, "stuck for 22s"): at
# its maximum threshold it reports after 120 s, like the RCU stall check.
append="console=ttyAMA0 rdinit=/init quiet panic=-1 rcupdate.rcu_cpu_stall_timeout=120"
append="$append watchdog_thresh=60"
[ $kvm = 1 ] || append="$append kvm-arm.mode=none"
[ $vh0 = 1 ] && append="$append id_aa64mmfr1.vh=0"
[ $nvhe = 1 ] && append="$append kvm-arm.mode=nvhe"
qemu=(qemu-system-aarch64 -M "virt,virtualization=$virt,gic-version=$gic" -cpu "$cpu"
	-smp "$smp" -m "$mem" -nographic -no-reboot -kernel "$(lab_vmlinuz)"
	-initrd "$work/initrd" -append "$append")
[ $icount = 1 ] && qemu+=(-icount shift=0)
[ $gdb = 1 ] && qemu+=(-s -S)
[ -n "$dlog" ] && qemu+=(-d int,guest_errors,unimp -D "$dlog")
[ -n "$mon" ] && qemu+=(-monitor "unix:$mon,server=on,wait=off")
[ -n "$plugin" ] && qemu+=(-plugin "$plugin")

if [ $interactive = 1 ] || [ $tty = 1 ]; then
	# on the terminal; not exec, so that the trap removes $work
	rc=0
	"${qemu[@]}" || rc=$?
	exit $rc
fi

out="$work/console.log"
rc=0
# stdbuf: tr must not hold back the tail of the transcript (a hung server's
# last lines are the interesting ones).
timeout --foreground -k 10 "$timeout" "${qemu[@]}" </dev/null 2>&1 | stdbuf -o0 tr -d '\r' | tee "$out" || true
[ -n "$log" ] && cp "$out" "$log"
status=$(sed -n 's/^LAB-EXIT: \([0-9]*\)$/\1/p' "$out" | tail -n1)
if [ -z "$status" ]; then
	echo "LAB-RESULT: the server did not report (crash, hang or ${timeout}s timeout)"
	exit 125
fi
if ! grep -qx 'LAB-DMESG: clean' "$out"; then
	echo "LAB-RESULT: dmesg shows Oops/WARN/BUG"
	[ "$status" = 0 ] && exit 3
fi
exit "$status"
