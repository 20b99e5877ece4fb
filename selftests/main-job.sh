#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The main job (README: `make run`): set up the lab if absent, build the
# module, boot the emulated ARM server with kvm-arm.mode=none, insmod
# splitvisor, and launch a guest with the server's unmodified QEMU on
# /dev/kvm.  Prints the server's transcript.  --shell: stay at a shell in
# the server afterwards (leave it with `poweroff -f`).
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP"
shell=()
[ "${1:-}" = --shell ] && shell=(--interactive)

bash selftests/lab/setup.sh host kernel rootfs
make -s modules
make -s -C selftests/tests
echo "== booting the emulated ARM server (qemu-system-aarch64 -M virt,virtualization=on -cpu cortex-a57)"
exec bash selftests/lab/run.sh "${shell[@]}" selftests/tests/main-job-inside.sh \
	splitvisor.ko selftests/tests/build/devkvm
