# SPDX-License-Identifier: GPL-2.0
# Inside the emulated server: load splitvisor, show /dev/kvm, then boot the
# virtio guest (Debian's kernel, Debian's virtio/ext4 modules, an ext4 root
# on virtio-blk, virtio-net on vhost, virtio console and rng: Documentation/
# lab.rst) with unmodified QEMU on 2 vCPUs, to a shell on its virtio console.
# With /lab/guest-tty (main-job.sh on a terminal) that shell is yours;
# otherwise the scripted check qemu-virtio.sh drives it and prints the
# guest's side of the conversation.
. /lab/lab-common.sh
set -x
insmod /lab/splitvisor.ko || exit 1
dmesg | grep splitvisor
ls -l /dev/kvm
/lab/devkvm splitvisor
set +x
if [ ! -e /lab/guest-tty ]; then
	VIRTIO_VERBOSE=1 sh /lab/qemu-virtio.sh
	exit $?
fi
# The interactive guest: the server's end of its network is 10.0.2.1 on a
# tap device, with an echo service on port 7 and a sink on port 9.
virtio_host_net svtap0 10.0.2.1 || exit 1
socat TCP-LISTEN:7,bind=10.0.2.1,reuseaddr,fork PIPE >/dev/null 2>&1 &
socat -u TCP-LISTEN:9,bind=10.0.2.1,reuseaddr,fork OPEN:/dev/null >/dev/null 2>&1 &
qemu-img create -q -f qcow2 -b /boot/guest/root.qcow2 -F qcow2 /tmp/vda.qcow2
cat <<'MSG'
== The guest: 2 vCPUs, virtio-blk root (ext4, /dev/vda), virtio-net on
   vhost (10.0.2.15; the server is 10.0.2.1: echo on port 7, e.g.
   `echo hi | socat - TCP:10.0.2.1:7`), virtio-rng (/dev/hwrng), and this
   shell on its virtio console (/dev/hvc0); kernel messages go to the
   serial port (shown after it stops).  `exit` powers the guest off.
MSG
# QEMU's stdio is the server's console: the guest's virtio console.
setsid sh -c '. /lab/lab-common.sh; virtio_qemu 3 /tmp/vda.qcow2 svtap0 10.0.2.15 \
	-display none -monitor none -serial file:/tmp/guest-serial.log \
	-chardev stdio,id=vc0,signal=off -device virtconsole,chardev=vc0 \
	</dev/ttyAMA0 >/dev/ttyAMA0 2>&1'
rc=$?
echo "== QEMU exited with status $rc; the guest's serial console:"
tail -n 20 /tmp/guest-serial.log
exit $rc
