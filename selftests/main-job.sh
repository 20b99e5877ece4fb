#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The main job (README: `make run`): set up the lab if absent, build the
# module, boot the emulated ARM server with kvm-arm.mode=none, insmod
# splitvisor, and boot the virtio guest with the server's unmodified QEMU
# on /dev/kvm.  On a terminal you get the guest's shell (its virtio
# console; `exit` powers it off and the server follows); otherwise a
# scripted check drives that shell and the transcript is printed.
# --shell: stay at a shell in the server afterwards (`poweroff -f` leaves).
# VHE=1 (make run VHE=1): the server on -cpu max, whose kernel stays at EL2
# with VHE: splitvisor's VHE mode (dmesg says which mode it chose).
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
mode=()
[ -t 0 ] && [ -t 1 ] && mode=(--tty)
[ "${1:-}" = --shell ] && mode=(--interactive)

bash selftests/lab/setup.sh host kernel rootfs guest
make -s modules
make -s -C selftests/tests
files=(splitvisor.ko selftests/tests/build/devkvm selftests/tests/lab-common.sh
	selftests/tests/qemu-virtio.sh)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "${mode[*]}" = --tty ]; then
	touch "$tmp/guest-tty"
	files+=("$tmp/guest-tty")
fi
cpu=(); model=cortex-a57
if [ "${VHE:-0}" = 1 ]; then
	cpu=(--max); model="max: the kernel stays at EL2 (VHE), splitvisor's VHE mode"
fi
echo "== booting the emulated ARM server (qemu-system-aarch64 -M virt,virtualization=on -cpu $model)"
bash selftests/lab/run.sh --timeout 1800 "${cpu[@]}" "${mode[@]}" selftests/tests/main-job-inside.sh "${files[@]}"
