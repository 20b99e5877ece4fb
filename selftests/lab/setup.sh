#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Sets up the lab: x86 host packages, the Debian arm64 kernel + headers,
# the emulated server's userspace and the upstream KVM selftests.
# Idempotent: each step leaves a stamp in $LAB_CACHE and is skipped when
# its stamp is there.  Usage: setup.sh [host|kernel|rootfs|guest|kselftests|all|devtools]...
# ("all" is everything but devtools, which only the DKMS install test needs)
set -euo pipefail
. "$(dirname "$0")/config.sh"

HOST_PACKAGES="gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm qemu-utils cpio
	busybox-static mmdebstrap rsync bc flex bison libssl-dev libelf-dev xz-utils make gcc
	binutils-aarch64-linux-gnu kmod e2fsprogs gnuplot-nox"

need_root() {
	[ "$(id -u)" = 0 ] || lab_die "step '$1' needs root (run as root or with sudo)"
}

step_host() {
	local missing=""
	local p
	for p in $HOST_PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
			missing="$missing $p"
	done
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		need_root host
		dpkg --add-architecture arm64
		missing="$missing"
		rm -f "$LAB_CACHE/.apt-updated"
	fi
	# apt-cache needs the arm64 lists for the kernel ABI lookup.
	if [ -n "$missing" ] || [ ! -e "$LAB_CACHE/.apt-updated" ]; then
		need_root host
		lab_log "installing host packages:${missing:- (none, refreshing lists)}"
		apt-get update -q >/dev/null
		touch "$LAB_CACHE/.apt-updated"
		if [ -n "$missing" ]; then
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null
		fi
	fi
}

step_kernel() {
	local abi kdir common d
	[ -e "$LAB_CACHE/kernel/.done" ] && return 0
	abi=$(lab_kernel_abi)
	[ -n "$abi" ] || lab_die "cannot resolve the arm64 kernel ABI (apt-cache depends linux-image-arm64:arm64)"
	lab_log "fetching Debian arm64 kernel $abi and its headers"
	rm -rf "$LAB_CACHE/kernel"
	mkdir -p "$LAB_CACHE/kernel/debs" "$LAB_CACHE/kernel/root"
	(cd "$LAB_CACHE/kernel/debs" &&
		apt-get download -q "linux-image-$abi-arm64:arm64" "linux-headers-$abi-arm64:arm64" \
			"linux-headers-$abi-common" "linux-kbuild-6.1:amd64" >/dev/null)
	for d in "$LAB_CACHE"/kernel/debs/*.deb; do
		dpkg-deb -x "$d" "$LAB_CACHE/kernel/root"
	done
	kdir="$LAB_CACHE/kernel/root/usr/src/linux-headers-$abi-arm64"
	common="$LAB_CACHE/kernel/root/usr/src/linux-headers-$abi-common"
	# The arm64 headers include the -common tree by absolute path; point
	# them at our copy instead of needing /usr/src to be writable.
	sed -i "s|/usr/src/linux-headers-$abi-common|$common|g" "$kdir/Makefile"
	grep -q "$common" "$kdir/Makefile" || lab_die "headers Makefile layout changed: $kdir/Makefile"
	echo "$abi" >"$LAB_CACHE/kernel/abi"
	dpkg-deb -f "$LAB_CACHE"/kernel/debs/linux-image-"$abi"-arm64_*.deb Version \
		>"$LAB_CACHE/kernel/version"
	touch "$LAB_CACHE/kernel/.done"
}

# Kernel modules the emulated server needs (vhost-net, tap devices, bridge).
ROOTFS_MODULES="drivers/vhost drivers/net/tun.ko drivers/net/tap.ko drivers/net/macvtap.ko
	drivers/net/macvlan.ko drivers/net/veth.ko net/bridge net/802 net/llc"

# Bump when the userspace recipe below changes: cached copies are rebuilt.
ROOTFS_REV=5

# A minimal guest for nested QEMU runs: busybox and an init that reports
# and powers off (or gives a shell with guest.shell on its command line;
# guest.irqs prints /proc/interrupts after a second of uptime).
make_guest_initrd() {
	local tree=$1 g
	g=$(mktemp -d)
	mkdir -p "$g/bin" "$g/proc" "$g/sys" "$g/dev"
	cp "$tree/bin/busybox" "$g/bin/busybox"
	cat >"$g/init" <<-'EOF'
	#!/bin/busybox sh
	/bin/busybox --install -s /bin
	mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs dev /dev
	echo "GUEST-BOOTED: $(uname -r) cpus=$(grep -c ^processor /proc/cpuinfo)"
	if grep -q guest.irqs /proc/cmdline; then
		sleep 1; echo GUEST-INTERRUPTS-BEGIN; cat /proc/interrupts; echo GUEST-INTERRUPTS-END
	fi
	grep -q guest.shell /proc/cmdline && setsid sh -c 'exec sh </dev/ttyAMA0 >/dev/ttyAMA0 2>&1'
	poweroff -f
	EOF
	chmod 755 "$g/init"
	(cd "$g" && find . -print0 | cpio --null -o -H newc --quiet) >"$tree/boot/guest.cpio"
	rm -rf "$g"
}

# The nested virtio guest (Documentation/lab.rst, "The virtio guest"):
# Debian's arm64 kernel (the server's /boot/vmlinuz), an initramfs with
# busybox and the virtio/ext4 modules of Debian's kernel package, and an
# ext4 root filesystem image of Debian packages with a busybox init script
# (selftests/lab/guest/).  Cached in $LAB_CACHE/guest; the stamp holds
# GUEST_REV and a hash of the guest's files, so editing them rebuilds it.
# guest/server.cpio puts it in the server as /boot/guest/ (run.sh appends
# it to the userspace archive), the disk as a qcow2 that holds only the
# used blocks (~20 MB; lab scripts put a qcow2 overlay over it).
GUEST_REV=1
GUEST_PACKAGES="busybox-static,socat"
# Loaded in this order by the initramfs (dependencies first).
GUEST_MODULES="virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk failover
	net_failover virtio_net virtio_console virtio-rng crc32c_generic libcrc32c crc16 mbcache jbd2 ext4
	evdev gpio_keys"
GUEST_DISK_MB=256

guest_stamp() {
	# one line: the module list unquoted
	echo $GUEST_REV $GUEST_PACKAGES $GUEST_MODULES $GUEST_DISK_MB "$(lab_kernel_abi)" \
		"$(cat "$LAB_DIR"/guest/* | sha256sum | cut -c1-16)"
}

step_guest() {
	local g tree ird mods abi m f srv mirror
	[ "$(cat "$LAB_CACHE/guest/.done" 2>/dev/null)" = "$(guest_stamp)" ] && return 0
	need_root guest
	step_kernel
	abi=$(lab_kernel_abi)
	lab_log "building the nested virtio guest (Debian packages -> ext4 root, initramfs)"
	g="$LAB_CACHE/guest.new"
	rm -rf "$g"
	mkdir -p "$g"
	tree="$g/root"
	mirror=""
	[ -e /etc/apt/sources.list.d/debian.sources ] && mirror=/etc/apt/sources.list.d/debian.sources
	mmdebstrap --quiet --arch=arm64 --variant=extract --include="$GUEST_PACKAGES" \
		bookworm "$tree" $mirror
	[ -x "$tree/bin/busybox" ] || lab_die "guest: no /bin/busybox in the extracted packages"
	rm -rf "$tree/var/cache/apt" "$tree/var/lib/apt/lists" "$tree/usr/share/doc" \
		"$tree/usr/share/man" "$tree/usr/share/locale"
	mkdir -p "$tree/sbin" "$tree/proc" "$tree/sys" "$tree/dev" "$tree/tmp" "$tree/run" "$tree/root"
	install -m 0755 "$LAB_DIR/guest/root-init" "$tree/sbin/init"
	printf 'root:x:0:0:root:/root:/bin/sh\n' >"$tree/etc/passwd"
	printf 'root:x:0:\n' >"$tree/etc/group"
	echo guest >"$tree/etc/hostname"
	# The root disk: ext4 made from the tree without root privileges or
	# loop devices (mke2fs -d), then qcow2 so only used blocks are stored.
	mke2fs -q -F -t ext4 -b 4096 -L guestroot -d "$tree" "$g/root.img" "${GUEST_DISK_MB}M" >/dev/null
	qemu-img convert -q -f raw -O qcow2 "$g/root.img" "$g/root.qcow2"
	rm -f "$g/root.img"
	# The initramfs: busybox, the modules, /init.
	ird="$g/initramfs"
	mkdir -p "$ird/bin" "$ird/proc" "$ird/sys" "$ird/dev" "$ird/modules"
	cp "$tree/bin/busybox" "$ird/bin/busybox"
	install -m 0755 "$LAB_DIR/guest/initramfs-init" "$ird/init"
	mods=""
	for m in $GUEST_MODULES; do
		f=$(find "$(lab_modules_dir)/kernel" -name "$m.ko" | head -n1)
		[ -n "$f" ] || lab_die "guest: module $m not in the kernel package"
		cp "$f" "$ird/modules/"
		mods="$mods $m"
	done
	echo $mods >"$ird/modules/order"
	(cd "$ird" && find . -print0 | cpio --null -o -H newc --quiet) >"$g/initrd.cpio"
	# What the server gets: /boot/guest/{initrd.cpio,root.qcow2}.
	srv="$g/server"
	mkdir -p "$srv/boot/guest"
	cp "$g/initrd.cpio" "$g/root.qcow2" "$srv/boot/guest/"
	(cd "$srv" && find . -print0 | cpio --null -o -H newc --quiet) >"$g/server.cpio"
	rm -rf "$tree" "$ird" "$srv"
	# Each file renamed into place: a lab boot starting meanwhile reads
	# either the old server.cpio or the new one, never none.
	mkdir -p "$LAB_CACHE/guest"
	for f in initrd.cpio root.qcow2 server.cpio; do
		mv -f "$g/$f" "$LAB_CACHE/guest/$f"
	done
	guest_stamp >"$LAB_CACHE/guest/.done"
	rm -rf "$g"
	lab_log "guest: $(du -h "$LAB_CACHE/guest/server.cpio" | cut -f1) for the server"
}

step_rootfs() {
	local dir mods abi m mirror
	[ "$(cat "$LAB_CACHE/rootfs/.done" 2>/dev/null)" = "$ROOTFS_REV" ] && return 0
	need_root rootfs
	step_kernel
	abi=$(lab_kernel_abi)
	lab_log "building the emulated server's userspace (mmdebstrap, a few minutes)"
	# The old archive stays usable until the new one replaces it (mv).
	rm -rf "$LAB_CACHE/rootfs/tree" "$LAB_CACHE/rootfs/rootfs.cpio.tmp"
	mkdir -p "$LAB_CACHE/rootfs"
	dir="$LAB_CACHE/rootfs/tree"
	mirror=""
	[ -e /etc/apt/sources.list.d/debian.sources ] && mirror=/etc/apt/sources.list.d/debian.sources
	mmdebstrap --quiet --arch=arm64 --variant=extract --include="$LAB_ROOTFS_PACKAGES" \
		bookworm "$dir" $mirror
	# What a script-less userspace lacks (lab-recipe.md section 8).
	cat >"$dir/etc/passwd" <<-EOF
	root:x:0:0:root:/root:/bin/sh
	libvirt-qemu:x:64055:108:Libvirt Qemu:/var/lib/libvirt:/bin/false
	nobody:x:65534:65534:nobody:/nonexistent:/bin/false
	EOF
	cat >"$dir/etc/group" <<-EOF
	root:x:0:
	kvm:x:108:
	libvirt:x:109:
	libvirt-qemu:x:64055:
	nogroup:x:65534:
	EOF
	rm -rf "$dir/var/run"
	ln -s /run "$dir/var/run"
	mkdir -p "$dir/root"
	# Kernel modules, the guest kernel for nested guests.
	mods="$dir/lib/modules/$abi-arm64"
	mkdir -p "$mods/kernel"
	for m in $ROOTFS_MODULES; do
		mkdir -p "$mods/kernel/$(dirname "$m")"
		cp -a "$(lab_modules_dir)/kernel/$m" "$mods/kernel/$(dirname "$m")/"
	done
	cp "$(lab_modules_dir)"/modules.order "$(lab_modules_dir)"/modules.builtin* "$mods/" 2>/dev/null || true
	depmod -b "$dir" "$abi-arm64"
	mkdir -p "$dir/boot"
	cp "$(lab_vmlinuz)" "$dir/boot/vmlinuz"
	make_guest_initrd "$dir"
	lab_log "packing the userspace as a cpio archive"
	(cd "$dir" && find . -print0 | cpio --null -o -H newc --quiet) >"$LAB_CACHE/rootfs/rootfs.cpio.tmp"
	mv "$LAB_CACHE/rootfs/rootfs.cpio.tmp" "$LAB_CACHE/rootfs/rootfs.cpio"
	rm -rf "$dir"
	echo "$ROOTFS_REV" >"$LAB_CACHE/rootfs/.done"
}

step_kselftests() {
	local ver src out
	[ -e "$LAB_CACHE/kselftests/.done" ] && return 0
	step_kernel
	ver=$(cat "$LAB_CACHE/kernel/version")
	lab_log "fetching linux-source-6.1 $ver and building the KVM selftests"
	rm -rf "$LAB_CACHE/kselftests"
	mkdir -p "$LAB_CACHE/kselftests"
	(cd "$LAB_CACHE/kselftests" &&
		{ apt-get download -q "linux-source-6.1=$ver" >/dev/null 2>&1 ||
		  apt-get download -q linux-source-6.1 >/dev/null; })
	dpkg-deb --fsys-tarfile "$LAB_CACHE"/kselftests/linux-source-6.1_*.deb |
		tar -x -C "$LAB_CACHE/kselftests" --wildcards './usr/src/linux-source-6.1.tar.xz'
	tar -xJf "$LAB_CACHE/kselftests/usr/src/linux-source-6.1.tar.xz" -C "$LAB_CACHE/kselftests"
	rm -rf "$LAB_CACHE/kselftests/usr" "$LAB_CACHE"/kselftests/*.deb
	src="$LAB_CACHE/kselftests/linux-source-6.1"
	out="$LAB_CACHE/kselftests/out"
	make -s -C "$src" ARCH=arm64 headers_install >/dev/null
	cp "$src/include/linux/bitfield.h" "$src/tools/include/linux/"
	# -k: dirty_log_test does not link in 6.1.192 (upstream slip), the rest do.
	make -s -k -j"$(nproc)" -C "$src/tools/testing/selftests/kvm" ARCH=arm64 \
		CROSS_COMPILE=aarch64-linux-gnu- OUTPUT="$out" LDFLAGS=-static \
		>"$LAB_CACHE/kselftests/build.log" 2>&1 || true
	[ -x "$out/kvm_create_max_vcpus" ] || lab_die "KVM selftests did not build, see $LAB_CACHE/kselftests/build.log"
	find "$out" -name '*.o' -delete
	touch "$LAB_CACHE/kselftests/.done"
}

# vgic_init_deadvm: upstream's aarch64/vgic_init with one change, ours:
# after a KVM_RUN that the test expects to fail (and that, since the
# 6.1.y backport of df5fd75ee305, leaves the VM dead: -EIO on every ioctl)
# it only closes the VM's fds instead of freeing it through ioctls, which
# the unmodified test asserts on (Documentation/selftests.rst).  Everything
# the test checks is unchanged.  Bump KS_EXTRA_REV when this changes.
KS_EXTRA_REV=1
step_kselftests_extra() {
	local kvm out
	step_kselftests
	[ -e "$LAB_CACHE/kselftests/.extra-$KS_EXTRA_REV" ] && return 0
	lab_log "building vgic_init_deadvm (upstream vgic_init, dead-VM teardown)"
	kvm="$LAB_CACHE/kselftests/linux-source-6.1/tools/testing/selftests/kvm"
	out="$LAB_CACHE/kselftests/extra"
	awk '
	/^static void vm_gic_destroy\(struct vm_gic \*v\)/ {
		print "/* The VM is dead after the failed first run: close its fds only. */"
		print "static void vm_gic_destroy_dead(struct vm_gic *v)"
		print "{"
		print "\tclose(v->gic_fd);"
		print "\tclose(v->vm->fd);"
		print "\tclose(v->vm->kvm_fd);"
		print "}"
		print ""
	}
	/ret = run_vcpu\(/ { run = 1 }
	run && /TEST_ASSERT\(ret == -E|TEST_ASSERT\(ret && errno/ { dead = 1 }
	/TEST_ASSERT/ { run = 0 }
	dead && /vm_gic_destroy\(&v\);/ { sub(/vm_gic_destroy\(&v\)/, "vm_gic_destroy_dead(\\&v)"); dead = 0 }
	{ print }' "$kvm/aarch64/vgic_init.c" >"$kvm/aarch64/vgic_init_deadvm.c"
	rm -rf "$out"
	make -s -k -j"$(nproc)" -C "$kvm" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
		OUTPUT="$out" LDFLAGS=-static TEST_GEN_PROGS_aarch64=aarch64/vgic_init_deadvm \
		>"$LAB_CACHE/kselftests/build-extra.log" 2>&1 || true
	[ -x "$out/aarch64/vgic_init_deadvm" ] ||
		lab_die "vgic_init_deadvm did not build, see $LAB_CACHE/kselftests/build-extra.log"
	cp "$out/aarch64/vgic_init_deadvm" "$LAB_CACHE/kselftests/out/aarch64/"
	rm -rf "$out"
	touch "$LAB_CACHE/kselftests/.extra-$KS_EXTRA_REV"
}

# The server's build tools for the DKMS install test (selftests/tests/
# dkms-install.sh; not part of "all": only that slow test needs it): gcc,
# make, dkms and Debian's arm64 headers of the lab kernel, extracted like
# the userspace and appended to it as a second cpio archive.  Extraction
# runs no maintainer scripts (no arm64 code runs here), so dpkg's status
# file is written from the extracted packages' own control data: dpkg and
# apt in the server then see them installed, with their dependencies, and
# the project's package installs over them as on a real server.
DEVTOOLS_REV=2
# What a Debian server has that the project's package and DKMS use: the
# essential tools (dash as /bin/sh for maintainer scripts, bash for dkms,
# ldconfig and diff that dpkg wants, GNU coreutils) besides the compiler.
DEVTOOLS_PACKAGES="dpkg,apt,kmod,gcc,make,dkms,libc6-dev,dash,bash,libc-bin,diffutils,coreutils,findutils,sed,grep,mawk,gzip,xz-utils,tar"
step_devtools() {
	local dir abi mirror d
	abi=$(lab_kernel_abi)
	[ "$(cat "$LAB_CACHE/devtools/.done" 2>/dev/null)" = "$DEVTOOLS_REV $abi" ] && return 0
	need_root devtools
	step_kernel
	lab_log "extracting gcc, make, dkms and linux-headers-$abi-arm64 for the server"
	rm -rf "$LAB_CACHE/devtools.new"
	mkdir -p "$LAB_CACHE/devtools.new"
	dir="$LAB_CACHE/devtools.new/tree"
	mirror=""
	[ -e /etc/apt/sources.list.d/debian.sources ] && mirror=/etc/apt/sources.list.d/debian.sources
	mmdebstrap --quiet --arch=arm64 --variant=extract --skip=cleanup/apt/cache \
		--include="$DEVTOOLS_PACKAGES,linux-headers-$abi-arm64" \
		bookworm "$dir" $mirror
	mkdir -p "$dir/var/lib/dpkg/info" "$dir/var/lib/dpkg/updates"
	: >"$dir/var/lib/dpkg/status"
	for d in "$dir"/var/cache/apt/archives/*.deb; do
		dpkg-deb -f "$d" | awk '{ print } /^Package:/ { print "Status: install ok installed" }' \
			>>"$dir/var/lib/dpkg/status"
		echo >>"$dir/var/lib/dpkg/status"
	done
	: >"$dir/var/lib/dpkg/available"
	rm -rf "$dir/var/cache/apt/archives" "$dir/var/lib/apt/lists" "$dir/usr/share/doc" \
		"$dir/usr/share/man" "$dir/usr/share/locale"
	[ -e "$dir/usr/src/linux-headers-$abi-arm64/Makefile" ] ||
		lab_die "devtools: no linux-headers-$abi-arm64 in the extracted packages"
	(cd "$dir" && find . -print0 | cpio --null -o -H newc --quiet) >"$LAB_CACHE/devtools.new/devtools.cpio"
	rm -rf "$LAB_CACHE/devtools"
	mkdir -p "$LAB_CACHE/devtools"
	mv "$LAB_CACHE/devtools.new/devtools.cpio" "$LAB_CACHE/devtools/"
	rm -rf "$LAB_CACHE/devtools.new"
	echo "$DEVTOOLS_REV $abi" >"$LAB_CACHE/devtools/.done"
	lab_log "devtools: $(du -h "$LAB_CACHE/devtools/devtools.cpio" | cut -f1)"
}

mkdir -p "$LAB_CACHE"
[ $# -gt 0 ] || set -- all
for s in "$@"; do
	case "$s" in
	host) step_host ;;
	kernel) step_kernel ;;
	rootfs) step_rootfs ;;
	guest) step_guest ;;
	kselftests) step_kselftests; step_kselftests_extra ;;
	devtools) step_devtools ;;
	all) step_host; step_kernel; step_rootfs; step_guest; step_kselftests; step_kselftests_extra ;;
	*) lab_die "unknown step '$s'" ;;
	esac
done
