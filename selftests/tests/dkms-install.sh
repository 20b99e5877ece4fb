# SPDX-License-Identifier: GPL-2.0
# Lab script for the DKMS install test (selftests/install-test.sh boots the
# server with setup.sh devtools' gcc, make, dkms and Debian's arm64
# headers, and the splitvisor-dkms package in /lab): the package installs
# with apt as on a real server, DKMS builds the module natively (under
# emulation: minutes), the postinst loads it, /dev/kvm answers, a guest
# runs on it under QEMU; after a reboot-less "boot" (modules-load.d read
# by hand: there is no systemd here) it loads again; apt remove takes it
# out of DKMS.  Booted without kvm-arm.mode=none (--kvm) the package
# installs, builds, and says why the module cannot be loaded.
. /lab/lab-common.sh
# Debian's programs by path: this busybox sh prefers its own applets
# (dpkg-deb, dpkg, modprobe ...) to what PATH finds
DPKG_DEB=/usr/bin/dpkg-deb DPKG_QUERY=/usr/bin/dpkg-query MODPROBE=/sbin/modprobe
# and what other programs run by PATH (dpkg runs tar, diff ...) must be
# Debian's too: the lab init linked every busybox applet that had no
# program of its name in /bin or /sbin, so drop the links that shadow one
# elsewhere in PATH, as on a Debian server
for l in /bin/* /sbin/*; do
	[ -L "$l" ] && [ "$(readlink "$l")" = /bin/busybox ] || continue
	for d in /usr/sbin /usr/bin /sbin /bin; do
		[ "$d/${l##*/}" != "$l" ] && [ -e "$d/${l##*/}" ] && [ "$(readlink "$d/${l##*/}")" != /bin/busybox ] &&
			{ rm -f "$l"; break; }
	done
done
# /dev/fd, which udev or systemd makes on a server (dkms uses it)
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
KREL=$(uname -r)
DEB=$(ls /lab/splitvisor-dkms_*_all.deb 2>/dev/null | head -n1)
VER=$($DPKG_DEB -f "$DEB" Version 2>/dev/null)
T="dkms"
mode=splitvisor
grep -q kvm-arm.mode=none /proc/cmdline || mode=kvm

check "$T: the package is here ($DEB)" test -n "$VER"
check "$T: gcc, make, dkms and the headers of $KREL are installed" sh -c \
	"command -v gcc && command -v make && command -v dkms && test -e /lib/modules/$KREL/build/Makefile &&
	 $DPKG_QUERY -W -f='\${Status}\n' dkms linux-headers-$KREL | grep -c 'install ok installed' | grep -qx 2"
# apt's own directories (an extracted userspace has none)
mkdir -p /var/lib/apt/lists/partial /var/cache/apt/archives/partial /var/log/apt
t0=$(date +%s)
DEBIAN_FRONTEND=noninteractive timeout 3000 apt-get install -y --no-install-recommends "$DEB" \
	>/tmp/apt.log 2>&1
rc=$?
check "$T: apt-get install ./splitvisor-dkms_${VER}_all.deb (rc $rc, $(($(date +%s) - t0)) s)" test $rc = 0
sed 's/^/# apt: /' /tmp/apt.log | grep -v "^# apt: *$" | tail -n 25
check "$T: dpkg: splitvisor-dkms $VER installed" sh -c \
	"$DPKG_QUERY -W -f='\${Status} \${Version}\n' splitvisor-dkms | grep -qx 'install ok installed $VER'"
dkms status >/tmp/dkms.status 2>&1
sed 's/^/# dkms status: /' /tmp/dkms.status
check "$T: dkms status: splitvisor/$VER installed for $KREL" \
	grep -q "^splitvisor/$VER, $KREL, aarch64: installed" /tmp/dkms.status
check "$T: the module DKMS built is in /lib/modules/$KREL/updates/dkms" sh -c \
	"modinfo -F version /lib/modules/$KREL/updates/dkms/splitvisor.ko* | grep -qx '$VER'"
check "$T: the udev rule and the modules-load.d entry are installed" sh -c \
	"test -e /lib/udev/rules.d/65-splitvisor.rules && grep -qx splitvisor /usr/lib/modules-load.d/splitvisor.conf"

if [ $mode = splitvisor ]; then
	check "$T: the postinst loaded it (modprobe)" grep -q "^splitvisor " /proc/modules
	check "$T: dmesg: loaded, /dev/kvm ready" sh -c 'dmesg | grep -q "splitvisor: loaded, EL2 taken on"'
	/lab/devkvm splitvisor || FAILED=1
	qemu_guest "$T: the DKMS-built module" 3
	check "$T: rmmod" rmmod splitvisor
	# what systemd-modules-load does at boot, by hand (no systemd here)
	check "$T: modules-load.d's entry loads it again (modprobe by name)" sh -c \
		"$MODPROBE \$(grep -v '^#' /usr/lib/modules-load.d/splitvisor.conf) && grep -q '^splitvisor ' /proc/modules"
	check "$T: rmmod again" rmmod splitvisor
else
	check "$T: the postinst says why it cannot load (kvm-arm.mode=none)" \
		grep -q "not booted with kvm-arm.mode=none" /tmp/apt.log
	check "$T: not loaded, the in-kernel KVM keeps /dev/kvm" sh -c \
		"! grep -q '^splitvisor ' /proc/modules && /lab/devkvm kvm >/dev/null"
	check "$T: modprobe by hand is refused with the reason in dmesg" sh -c \
		"! $MODPROBE splitvisor && dmesg | grep -q 'splitvisor: /dev/kvm is taken'"
fi

DEBIAN_FRONTEND=noninteractive timeout 600 apt-get remove -y splitvisor-dkms >/tmp/apt-rm.log 2>&1
sed 's/^/# apt remove: /' /tmp/apt-rm.log | grep -v "^# apt remove: *$" | tail -n 12
check "$T: apt-get remove splitvisor-dkms" sh -c \
	"! $DPKG_QUERY -W -f='\${Status}\n' splitvisor-dkms 2>/dev/null | grep -q 'install ok installed'"
check "$T: removed from DKMS, the module file gone" sh -c \
	"! dkms status | grep -q splitvisor && ! ls /lib/modules/$KREL/updates/dkms/splitvisor.ko* 2>/dev/null"
exit $FAILED
