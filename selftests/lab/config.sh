# SPDX-License-Identifier: GPL-2.0
# Shared settings for the lab scripts; sourced, never run.
#
# Everything the lab downloads or builds lives in $LAB_CACHE, outside the
# checkout, so a fresh clone reuses it.  Override with SPLITVISOR_LAB_CACHE.

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC_DIR=$(cd "$LAB_DIR/../.." && pwd)

if [ -n "${SPLITVISOR_LAB_CACHE:-}" ]; then
	LAB_CACHE=$SPLITVISOR_LAB_CACHE
elif [ -n "${XDG_CACHE_HOME:-}" ]; then
	LAB_CACHE=$XDG_CACHE_HOME/splitvisor-lab
elif [ -n "${HOME:-}" ] && [ -d "$HOME" ]; then
	LAB_CACHE=$HOME/.cache/splitvisor-lab
else
	LAB_CACHE=/var/tmp/splitvisor-lab
fi

# The emulated server's userspace packages (Debian bookworm, arm64).
LAB_ROOTFS_PACKAGES="qemu-system-arm,qemu-utils,busybox-static,libvirt-daemon-system,libvirt-clients,strace,kmod,iproute2,socat,udev"

lab_log() { printf '[lab] %s\n' "$*" >&2; }
lab_die() { printf '[lab] error: %s\n' "$*" >&2; exit 1; }

# The kernel ABI name (e.g. 6.1.0-56) comes from the linux-image-arm64
# metapackage, once, and is remembered in the cache so that every later
# run uses the same kernel as the headers we built against.
lab_kernel_abi() {
	if [ -s "$LAB_CACHE/kernel/abi" ]; then
		cat "$LAB_CACHE/kernel/abi"
		return
	fi
	apt-cache depends linux-image-arm64:arm64 2>/dev/null |
		sed -n 's/.*Depends: linux-image-\(.*\)-arm64:arm64.*/\1/p' | head -n1
}

lab_kdir() { echo "$LAB_CACHE/kernel/root/usr/src/linux-headers-$(lab_kernel_abi)-arm64"; }
lab_vmlinuz() { echo "$LAB_CACHE/kernel/root/boot/vmlinuz-$(lab_kernel_abi)-arm64"; }
lab_modules_dir() { echo "$LAB_CACHE/kernel/root/lib/modules/$(lab_kernel_abi)-arm64"; }
