#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The instrumentation build (hyp/include/sv_hyp_prof.h): splitvisor.ko
# with SV_PROFILE=1, built from a copy of the module's source in DIR so
# that the normal build in the tree is left alone.  Used by run-bench.sh
# (the Table III split) and by make check (it must keep building).
#   build-profile.sh DIR      -> DIR/splitvisor.ko
set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/selftests/lab/config.sh"
dir=$1
rm -rf "$dir"
mkdir -p "$dir"
(cd "$TOP" && cp -a Kbuild Makefile VERSION host hyp vgic timer virtio uapi "$dir/")
rm -rf "$dir/hyp/generated"
find "$dir" \( -name '*.o' -o -name '*.cmd' -o -name '*.ko' -o -name '*.mod*' \) -delete
if [ "$(uname -m)" = aarch64 ]; then
	kdir=${KDIR:-/lib/modules/$(uname -r)/build} cross=""
else
	kdir=${KDIR:-$(lab_kdir)} cross=aarch64-linux-gnu-
fi
# Kbuild itself: the top Makefile's lab set-up is the caller's
make -s -C "$kdir" M="$dir" ARCH=arm64 CROSS_COMPILE="$cross" SV_PROFILE=1 modules
[ -e "$dir/splitvisor.ko" ]
