#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Native checks of the splitvisor-dkms package (run by run-tests.sh on the
# build machine): it builds, its control fields are right, it carries the
# udev rule, the modules-load.d entry and the admin guide, its maintainer
# scripts parse, and the source it installs builds the module the way
# DKMS will (dkms.conf's MAKE line, run in a copy laid out like DKMS's
# build tree; cross-compiled here against the lab's arm64 headers).
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/selftests/lab/config.sh"
ok() { echo "ok - package: $*"; }
notok() { echo "not ok - package: $*"; }
check() { local n=$1; shift; if "$@" >/tmp/pkgcheck.out 2>&1; then ok "$n"; else notok "$n"; sed 's/^/#   /' /tmp/pkgcheck.out | tail -n 15; fi; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
VERSION=$(cat "$TOP/VERSION")
check "make deb builds splitvisor-dkms_${VERSION}_all.deb" bash "$TOP/packaging/build-deb.sh" "$tmp/out"
deb=$tmp/out/splitvisor-dkms_${VERSION}_all.deb
[ -e "$deb" ] || exit 0
field() { dpkg-deb -f "$deb" "$1"; }
check "Package splitvisor-dkms, Architecture all, Version $VERSION" \
	test "$(field Package) $(field Architecture) $(field Version)" = "splitvisor-dkms all $VERSION"
check "depends on dkms" sh -c "dpkg-deb -f '$deb' Depends | grep -q dkms"
dpkg-deb -x "$deb" "$tmp/root"
dpkg-deb -e "$deb" "$tmp/ctl"
src=$tmp/root/usr/src/splitvisor-$VERSION
check "dkms.conf in /usr/src/splitvisor-$VERSION with PACKAGE_VERSION $VERSION" \
	grep -qx "PACKAGE_VERSION=\"$VERSION\"" "$src/dkms.conf"
check "udev rule: /dev/kvm group kvm mode 0660" \
	grep -q 'KERNEL=="kvm".*GROUP="kvm".*MODE="0660"' "$tmp/root/lib/udev/rules.d/65-splitvisor.rules"
check "modules-load.d loads splitvisor at boot" \
	grep -qx splitvisor "$tmp/root/usr/lib/modules-load.d/splitvisor.conf"
check "admin guide installed" test -s "$tmp/root/usr/share/doc/splitvisor-dkms/admin-guide.rst"
check "postinst and prerm parse (sh -n) and are executable" \
	sh -c "sh -n '$tmp/ctl/postinst' && sh -n '$tmp/ctl/prerm' && test -x '$tmp/ctl/postinst' && test -x '$tmp/ctl/prerm'"
check "no build products in the package" \
	sh -c "! find '$tmp/root' -name '*.o' -o -name '*.ko' -o -name '*.cmd' | grep -q ."

# DKMS copies the source to $dkms_tree/<name>/<version>/build and runs MAKE[0].
build=$tmp/dkms/splitvisor/$VERSION/build
mkdir -p "$(dirname "$build")"
cp -a "$src" "$build"
kdir=$(lab_kdir)
mk=$(cd "$build" && kernel_source_dir=$kdir dkms_tree=$tmp/dkms bash -c '. ./dkms.conf; echo "${MAKE[0]}"')
check "the packaged source builds with dkms.conf's MAKE line" \
	sh -c "cd '$build' && $mk ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- -j2"
if [ -e "$build/splitvisor.ko" ]; then
	check "modinfo: version $VERSION" test "$(modinfo -F version "$build/splitvisor.ko")" = "$VERSION"
	check "modinfo: every parameter has a description" sh -c \
		"modinfo -F parm '$build/splitvisor.ko' | grep -q . && ! modinfo -F parm '$build/splitvisor.ko' | grep -qv ':.'"
fi
exit 0
