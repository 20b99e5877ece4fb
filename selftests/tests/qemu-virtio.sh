# SPDX-License-Identifier: GPL-2.0
# Lab script (run.sh SCRIPT, with or without --kvm): unmodified QEMU boots
# the virtio guest (setup.sh step_guest: Debian's kernel, an initramfs with
# Debian's virtio/ext4 modules, an ext4 root of Debian packages) with
#   -M virt,gic-version=3 -accel kvm -cpu host,pmu=off -smp 2 -m 512
# virtio-blk (the root disk), virtio-net on a tap device with vhost=on,
# a virtio console (the guest's shell runs on /dev/hvc0, driven from here
# through a QEMU pipe chardev) and virtio-rng.  In the guest: the root is
# ext4 on /dev/vda mounted read-write, its vulnerabilities files (printed
# for run-tests.sh to compare), a file written, synced, dropped
# from the page cache and re-read with the same sha256; 64 MiB sent to the
# server over the tap and received back with matching sha256 (socat on
# both sides); /proc/interrupts shows ITS-MSI vectors for the virtio
# devices; the guest powers off and QEMU exits 0.  Here: vhost really
# carried the traffic (QEMU holds /dev/vhost-net, its vhost worker thread
# ran, no fallback to userspace virtio), and the hypervisor's exit
# statistics (KVM binary stats, read through QEMU's monitor) show the
# transfers' notifications ending on ioeventfds in the kernel, none going
# to QEMU (lab-common.sh vg_exits_check).  Splitvisor when the server was
# booted with kvm-arm.mode=none, else the in-kernel KVM.
#   qemu-virtio.sh [GICVER]   (3 by default; 2 on a GICv2 server: MSIs
#                              then go through QEMU's GICv2m)
# LAB_TAG (e.g. "fastpath=0") goes into each test's name after $HV.
. /lab/lab-common.sh
GIC=${1:-3}
lab_hv
T="$HV${LAB_TAG:+ $LAB_TAG} virtio gic-version=$GIC"
G=/boot/guest
TAP=svtap0
HOST_IP=10.0.2.1
GUEST_IP=10.0.2.15
start=$(date +%s)
since() { echo $(($(date +%s) - start)); }
field() { vg_field 1 "$1"; }
guest() { vg_cmd 1 "$@"; }

echo "=== $T: virtio guest (blk, net on vhost, console, rng)"
if [ ! -e $G/root.qcow2 ] || [ ! -e $G/initrd.cpio ]; then
	notok "$T: the guest image is in the server (/boot/guest: setup.sh guest)"
	exit 1
fi
virtio_host_net $TAP $HOST_IP
check "$T: /dev/vhost-net and /dev/net/tun" test -c /dev/vhost-net -a -c /dev/net/tun
check "$T: tap device $TAP up with $HOST_IP" sh -c "ip addr show dev $TAP | grep -q 'inet $HOST_IP/'"

vg_start 1 $GIC $TAP $GUEST_IP
size0=$(stat -c %s /tmp/vg1.qcow2)
booted=0
if vg_boot 1; then
	booted=1
	ok "$T: the guest boots to its shell on the virtio console (hvc0) ($(since) s)"
elif grep -q GUEST-READY /tmp/vg1.out; then
	notok "$T: the guest boots to its shell on the virtio console (hvc0)"
else
	notok "$T: the guest boots (no GUEST-READY on its serial console)"
fi
QPID=$(cat /tmp/vg1.pid 2>/dev/null)

if [ $booted = 1 ]; then
	case "$(field ROOTMNT)" in
	"/dev/vda / ext4 rw"*) ok "$T: root is ext4 on virtio-blk /dev/vda, read-write ($(field ROOTMNT))" ;;
	*) notok "$T: root is ext4 on virtio-blk /dev/vda, read-write ($(field ROOTMNT))" ;;
	esac

	# What the guest's kernel says of the CPU's speculation bugs, as
	# "# guest-vuln" lines: run-tests.sh compares them between the two
	# hypervisors on the same host CPU (the firmware calls and ID
	# registers each offers decide them).
	guest 'for f in /sys/devices/system/cpu/vulnerabilities/*; do echo "GVULN ${f##*/}: $(cat $f)"; done' VULN 120
	grep -a '^GVULN ' /tmp/vg1.log | tr -d '\r' | sed 's/^GVULN /# guest-vuln /'

	# virtio-blk: 16 MiB written, synced, dropped from the page cache, re-read
	t0=$(date +%s)
	guest 'dd if=/dev/urandom of=/root/blk.dat bs=1M count=16 2>/dev/null; echo "BLKW $(sha256sum </root/blk.dat | cut -c1-64)"; sync; echo 3 >/proc/sys/vm/drop_caches; echo "BLKR $(sha256sum </root/blk.dat | cut -c1-64)"; echo "BLKSTAT $(cat /sys/block/vda/stat)"' BLK 300
	w=$(field BLKW) r=$(field BLKR)
	if [ ${#w} = 64 ] && [ "$w" = "$r" ]; then
		ok "$T: 16 MiB file on the root disk written, synced, re-read: sha256 matches ($(($(date +%s) - t0)) s)"
	else
		notok "$T: 16 MiB file on the root disk written, synced, re-read: sha256 matches (w=${w:-none} r=${r:-none})"
	fi
	# /sys/block/vda/stat: read I/Os, ..., write sectors (7th)
	ws=$(field BLKSTAT | awk '{print $7}')
	[ "${ws:-0}" -ge 32768 ] && ok "$T: virtio-blk wrote $ws sectors" ||
		notok "$T: virtio-blk wrote the file's 32768 sectors (${ws:-none})"

	# virtio-net on vhost: 64 MiB to the server and back, the MMIO exits
	# counted meanwhile
	vt0=$(vg_vhost_ticks 1 | awk '{print $2}')
	ex0=$(vg_exits 1)
	vg_net 1 $HOST_IP 5001 64 "$T"
	net=$?
	ex1=$(vg_exits 1)

	# vhost carried it: QEMU holds /dev/vhost-net, its worker thread used
	# CPU time during the transfers; QEMU did not fall back to userspace.
	nfd=0
	[ -n "$QPID" ] && nfd=$(ls -l /proc/$QPID/fd 2>/dev/null | grep -c /dev/vhost-net)
	vname=$(vg_vhost_ticks 1 | awk '{print $1}') vt1=$(vg_vhost_ticks 1 | awk '{print $2}')
	vt=$((${vt1:-0} - ${vt0:-0}))
	echo "# QEMU pid $QPID: $nfd /dev/vhost-net fds, vhost worker ${vname:-none}, CPU ticks ${vt0:-none} before the transfers, ${vt1:-none} after"
	# Both transfers must have gone through, and the worker must have run
	# more than the odd tick that idle traffic (IPv6 neighbour discovery)
	# costs it: 10 ticks (the lab measures ~550 for the two transfers).
	if [ -n "$QPID" ] && [ -n "$vname" ] && [ "$nfd" -ge 1 ] && [ "$vt" -ge 10 ] &&
	   [ $net = 0 ] && ! grep -qi "falling back\|vhost.*fail\|vhost.*error" /tmp/vg1.out; then
		ok "$T: vhost-net carried the transfers (QEMU holds /dev/vhost-net, $vname ran $vt ticks meanwhile, no fallback)"
	else
		notok "$T: vhost-net carried the transfers (QEMU pid ${QPID:-?}: $nfd vhost-net fds, worker ${vname:-none} ran $vt ticks meanwhile)"
		grep -i vhost /tmp/vg1.out | head -5 | sed 's/^/#   /'
	fi
	echo "# MMIO exits (user kernel): $ex0 before the transfers, $ex1 after"
	case "$ex0 $ex1" in
	*none*) notok "$T: exit statistics through QEMU's monitor (info stats vcpu: $ex0 / $ex1)" ;;
	*) vg_exits_check "$T" "$ex0" "$ex1" ;;
	esac

	# virtio-rng is the guest's hwrng and gives bytes
	guest 'echo "RNGCUR $(cat /sys/class/misc/hw_random/rng_current)"; echo "RNGBYTES $(dd if=/dev/hwrng bs=16 count=2 2>/dev/null | wc -c)"' RNG 120
	case "$(field RNGCUR)" in
	virtio_rng*) [ "$(field RNGBYTES)" = 32 ] && ok "$T: virtio-rng is the guest's hwrng and gives bytes" ||
		notok "$T: virtio-rng gives bytes ($(field RNGBYTES) of 32)" ;;
	*) notok "$T: virtio-rng is the guest's hwrng ($(field RNGCUR))" ;;
	esac

	# ITS-MSI (or GICv2m MSI) vectors of the virtio devices, counting
	guest 'echo IRQ-BEGIN; cat /proc/interrupts; echo IRQ-END' IRQ 120
	sed -n '/^IRQ-BEGIN/,/^IRQ-END/p' /tmp/vg1.log | tr -d '\r' | grep -v "IRQ-" >/tmp/irqs
	sed 's/^/#   /' /tmp/irqs
	# the chip column: ITS-MSI with the ITS, MSI (GICv2m's frame) on GICv2
	if [ "$GIC" = 3 ]; then MSI=ITS-MSI; else MSI=MSI; fi
	awk -v c=$MSI '$4 == c && /virtio/' /tmp/irqs >/tmp/irqs.msi
	# sum of the two CPU columns over lines matching a pattern
	cnt() { grep -- "$1" /tmp/irqs.msi | awk '{ s += $2 + $3 } END { print s + 0 }'; }
	# virtio-blk: -req.N, virtio-net: -input.N/-output.N (virtio-rng: -input)
	blk=$(cnt '-req\.') inq=$(cnt '-input\.') outq=$(cnt '-output\.') lines=$(grep -c . /tmp/irqs.msi)
	if [ "$lines" -ge 4 ] && [ "$blk" -gt 0 ] && [ "$inq" -gt 0 ]; then
		ok "$T: virtio on MSIs in the guest's /proc/interrupts ($lines virtio lines; blk $blk, net rx $inq, tx $outq)"
	else
		notok "$T: virtio on MSIs in the guest's /proc/interrupts ($lines virtio lines; blk $blk, net rx $inq)"
	fi
	# and the net queues' vectors are MSI (vhost signals them through irqfd)
	grep -q -- "-input\." /tmp/irqs.msi && ok "$T: virtio-net rx vector is $MSI" ||
		notok "$T: virtio-net rx vector is $MSI"

fi
# poweroff: leaving the shell syncs, remounts / read-only, powers off (a
# guest that never came up is not waited for)
if [ $booted = 1 ]; then vg_stop 1; else vg_stop 1 dead; fi
qrc=$VG_RC
if [ "$qrc" = 0 ] && [ $booted = 1 ] && grep -q GUEST-POWEROFF /tmp/vg1.out; then
	ok "$T: the guest powers off, QEMU exits 0 ($(since) s in all)"
else
	notok "$T: the guest powers off, QEMU exits 0 (rc ${qrc:-none})"
fi
size1=$(stat -c %s /tmp/vg1.qcow2)
[ $((size1 - size0)) -ge 16777216 ] && ok "$T: the disk image grew by the written file ($size0 -> $size1 bytes)" ||
	notok "$T: the disk image grew by the written file ($size0 -> $size1 bytes)"
if [ -n "${VIRTIO_VERBOSE:-}" ]; then
	echo "# the guest's serial console:"
	sed 's/^/#   /' /tmp/vg1.out
	echo "# the guest's shell on its virtio console (hvc0):"
	# (without the cursor-position queries of busybox's line editing)
	tr -d '\r\033' </tmp/vg1.log | sed 's/\[6n//g; s/^/#   /'
else
	echo "# serial console (last lines):"
	tail -n 15 /tmp/vg1.out | sed 's/^/#   /'
	echo "# hvc0 (last lines):"
	tr -d '\r' </tmp/vg1.log | tail -n 8 | sed 's/^/#   /'
fi
/bin/ip link del $TAP 2>/dev/null
rm -f /tmp/vg1.qcow2 /tmp/vg1.hvc.in /tmp/vg1.hvc.out

if [ $LOADED = 1 ]; then
	dmesg | grep -iE "splitvisor.*(err|fail|warn)|BUG|WARN" | tail -10 | sed 's/^/# dmesg: /'
	check "rmmod" rmmod splitvisor
fi
exit $FAILED
