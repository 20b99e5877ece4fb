#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the splitvisor-dkms Debian package (architecture all) from this
# tree: the module's source under /usr/src/splitvisor-<version>/ with its
# dkms.conf, the udev rule for /dev/kvm, the modules-load.d entry and the
# admin guide.  Needs only dpkg-deb (any Debian).
#
#   packaging/build-deb.sh [OUTDIR]     (default: dist/)
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$TOP/dist}
VERSION=$(cat "$TOP/VERSION")
grep -qx "PACKAGE_VERSION=\"$VERSION\"" "$TOP/dkms.conf" ||
	{ echo "build-deb: dkms.conf's PACKAGE_VERSION is not $VERSION (VERSION)" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
src=$root/usr/src/splitvisor-$VERSION
mkdir -p "$src" "$root/DEBIAN" "$root/lib/udev/rules.d" "$root/usr/lib/modules-load.d" \
	"$root/usr/share/doc/splitvisor-dkms"

# The module's source: what Kbuild needs, nothing built.
(cd "$TOP" && find Kbuild Makefile dkms.conf VERSION host hyp vgic timer virtio \
	-type f \( -name Kbuild -o -name Makefile -o -name dkms.conf -o -name VERSION \
	-o -name '*.c' -o -name '*.h' -o -name '*.S' -o -name '*.lds' \) \
	! -path 'hyp/generated/*' ! -name '*.mod.c' -print0 |
	cpio --null -pdm --quiet "$src")

install -m 0644 "$TOP/packaging/65-splitvisor.rules" "$root/lib/udev/rules.d/"
install -m 0644 "$TOP/packaging/modules-load.conf" "$root/usr/lib/modules-load.d/splitvisor.conf"
install -m 0644 "$TOP/README" "$root/usr/share/doc/splitvisor-dkms/README"
install -m 0644 "$TOP/Documentation/admin-guide.rst" "$root/usr/share/doc/splitvisor-dkms/"
cat >"$root/usr/share/doc/splitvisor-dkms/copyright" <<-EOT
	Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
	Upstream-Name: splitvisor
	Files: *
	Copyright: The Splitvisor developers
	License: GPL-2.0
	 On Debian systems the full text is in /usr/share/common-licenses/GPL-2.
EOT
for f in control postinst prerm; do
	sed "s/@VERSION@/$VERSION/g" "$TOP/packaging/debian/$f.in" >"$root/DEBIAN/$f"
done
chmod 0755 "$root/DEBIAN/postinst" "$root/DEBIAN/prerm"
echo "Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)" >>"$root/DEBIAN/control"
find "$root" -type d -exec chmod 0755 {} +

mkdir -p "$OUT"
deb="$OUT/splitvisor-dkms_${VERSION}_all.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
