# SPDX-License-Identifier: GPL-2.0
# Lab script (run.sh SCRIPT, with or without --kvm): libvirt 9.0 manages a
# KVM domain on whatever serves /dev/kvm: `virsh capabilities` offers
# <domain type='kvm'> for aarch64; a domain with 2 vCPUs, <gic version='3'/>,
# host-passthrough CPU, the virtio guest's disk on virtio-blk, virtio-net on
# a tap device with vhost, virtio-rng and a serial console is defined,
# started, looked at (dominfo, vcpuinfo, domstats), used through
# `virsh console`, rebooted and shut down gracefully (`virsh reboot` and
# `virsh shutdown`: on the virt machine without ACPI libvirt's default mode
# presses the machine's GPIO power button, which the guest's gpio-keys
# driver reports and its init answers by powering off; libvirt turns the
# power-off after a reboot request into a reset), started again and
# destroyed, undefined.  The serial log proves the guest booted on 2 vCPUs
# and reached the server over vhost-net.
#
# In `make check` on both hypervisors (lab-splitvisor.sh, lab-kvm.sh).  By
# hand:
#   selftests/lab/run.sh [--kvm] selftests/tests/libvirt.sh \
#     selftests/tests/lab-common.sh splitvisor.ko selftests/tests/build/ptyrun
. /lab/lab-common.sh
lab_hv
T="$HV libvirt"
V="virsh -c qemu:///system"
DOM=labvm
TAP=svtap1 HOST_IP=10.0.3.1 GUEST_IP=10.0.3.15
LOG=/tmp/$DOM.serial

# state_is STATE [SECONDS]: the domain reaches STATE (virsh domstate)
state_is() {
	i=0
	while [ "$($V domstate $DOM 2>/dev/null | head -n1)" != "$1" ]; do
		sleep 1; i=$((i + 1)); [ $i -gt "${2:-300}" ] && return 1
	done
	return 0
}

# What the bare, script-less userspace needs (lab-recipe.md section 8).
cat >>/etc/libvirt/qemu.conf <<-'EOF'
user = "root"
group = "root"
dynamic_ownership = 0
security_driver = "none"
cgroup_controllers = [ ]
stdio_handler = "file"
EOF
mkdir -p /run/libvirt /var/lib/libvirt/qemu /var/log/libvirt/qemu /var/cache/libvirt/qemu
# libvirtd locks a console's pty in /var/lock (Debian: a link to /run/lock)
mkdir -p /run/lock
[ -e /var/lock ] || ln -s /run/lock /var/lock
libvirtd >/tmp/libvirtd.log 2>&1 &
i=0
while [ ! -S /run/libvirt/libvirt-sock ] && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done
check "$T: libvirtd answers" $V version

$V capabilities >/tmp/caps.xml 2>&1
check "$T: capabilities offer <domain type='kvm'> for aarch64" sh -c \
	"sed -n '/<guest>/,/<\/guest>/p' /tmp/caps.xml | grep -q \"<arch name='aarch64'>\" &&
	 sed -n '/<arch name=.aarch64.>/,/<\/arch>/p' /tmp/caps.xml | grep -q \"<domain type='kvm'\""

virtio_host_net $TAP $HOST_IP
qemu-img create -q -f qcow2 -b /boot/guest/root.qcow2 -F qcow2 /tmp/$DOM.qcow2
rm -f $LOG
cat >/tmp/$DOM.xml <<-EOF
<domain type='kvm'>
  <name>$DOM</name>
  <memory unit='MiB'>512</memory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='aarch64' machine='virt'>hvm</type>
    <kernel>/boot/vmlinuz</kernel>
    <initrd>/boot/guest/initrd.cpio</initrd>
    <cmdline>console=ttyAMA0 quiet root=/dev/vda guest.shell=ttyAMA0 guest.ip=$GUEST_IP/24</cmdline>
  </os>
  <features><gic version='3'/><pmu state='off'/></features>
  <cpu mode='host-passthrough'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-aarch64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/tmp/$DOM.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='ethernet'>
      <target dev='$TAP' managed='no'/>
      <model type='virtio'/>
      <driver name='vhost'/>
      <rom enabled='no'/>
    </interface>
    <serial type='pty'>
      <log file='$LOG' append='on'/>
      <target port='0'/>
    </serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
check "$T: virsh define" $V define /tmp/$DOM.xml
check "$T: virsh start" $V start $DOM
if wait_count "GUEST-READY" $LOG 1 600; then
	ok "$T: the guest booted (serial log)"
else
	notok "$T: the guest booted (serial log)"
	tail -n 20 $LOG /var/log/libvirt/qemu/$DOM.log 2>/dev/null | sed 's/^/#   /'
fi
grep -a -E "GUEST-ROOT|GUEST-NET" $LOG | sed 's/^/# serial: /'
check "$T: the serial log shows 2 vCPUs and the virtio-blk root" \
	grep -a -q "GUEST-ROOT: /dev/vda / ext4 rw.* cpus=2" $LOG

$V dominfo $DOM >/tmp/dominfo 2>&1
sed 's/^/#   /' /tmp/dominfo
check "$T: dominfo: running, 2 CPUs, 512 MiB, CPU time counting" sh -c \
	"grep -q '^State: *running' /tmp/dominfo && grep -q '^CPU(s): *2$' /tmp/dominfo &&
	 grep -q '^Max memory: *524288 KiB' /tmp/dominfo && grep -qE '^CPU time: *[0-9.]+s' /tmp/dominfo"
$V vcpuinfo $DOM >/tmp/vcpuinfo 2>&1
check "$T: vcpuinfo: vCPUs 0 and 1, running, on host CPUs" sh -c \
	"[ \$(grep -c '^State: *running' /tmp/vcpuinfo) = 2 ] && [ \$(grep -c '^CPU: *[0-9]' /tmp/vcpuinfo) = 2 ]"
$V domstats $DOM >/tmp/domstats 2>&1
grep -E "state.state|vcpu.current|vcpu.0.time|net.0.name|block.0.name" /tmp/domstats | sed 's/^/#   /'
check "$T: domstats: state 1, 2 vCPUs with time, the tap and vda listed" sh -c \
	"grep -qx '  state.state=1' /tmp/domstats && grep -qx '  vcpu.current=2' /tmp/domstats &&
	 grep -qE '^  vcpu.1.time=[1-9]' /tmp/domstats && grep -qx '  net.0.name=$TAP' /tmp/domstats &&
	 grep -qx '  block.0.name=vda' /tmp/domstats"
# vhost-net carries the guest's network: QEMU holds /dev/vhost-net.
pid=$(cat /run/libvirt/qemu/$DOM.pid 2>/dev/null)
check "$T: QEMU (pid $pid) holds /dev/vhost-net" sh -c "ls -l /proc/$pid/fd | grep -q /dev/vhost-net"

# virsh console wants a terminal: ptyrun gives it one.  Typing starts
# once virsh says it is connected (it flushes what came before, when it
# puts the terminal in raw mode); the guest pings the server over
# virtio-net, then Ctrl-] leaves the console.
rm -f /tmp/console.in /tmp/console.out
mkfifo /tmp/console.in
timeout 180 /lab/ptyrun $V console $DOM --force </tmp/console.in >/tmp/console.out 2>&1 &
CON=$!
exec 5<>/tmp/console.in
wait_count "Escape character" /tmp/console.out 1 90
sleep 2
printf '\r' >&5
sleep 1
printf 'ping -c 3 -W 5 %s; echo CONSOLE=$((40+2))\r' $HOST_IP >&5
wait_count "CONSOLE=42" /tmp/console.out 1 90
printf '\035' >&5
wait $CON
exec 5>&-
tr -d '\r' </tmp/console.out | grep -a -E "packets|CONSOLE=" | sed 's/^/#   /'
check "$T: virsh console reaches the guest's shell" grep -a -q "CONSOLE=42" /tmp/console.out
grep -a -q "CONSOLE=42" /tmp/console.out ||
	{ echo "# the console's transcript:"; tr -d '\r\033' </tmp/console.out | tail -n 20 | sed 's/^/#   /'; }
check "$T: the guest reaches the server over virtio-net (ping)" \
	grep -a -q "3 packets transmitted, 3 packets received" /tmp/console.out

# virsh reboot: power button -> guest powers off -> libvirt resets it.
check "$T: virsh reboot" $V reboot $DOM
if wait_count "GUEST-READY" $LOG 2 600; then
	ok "$T: the guest came back after virsh reboot"
else
	notok "$T: the guest came back after virsh reboot"
	tail -n 15 $LOG | sed 's/^/#   /'
fi
check "$T: virsh shutdown" $V shutdown $DOM
if state_is "shut off" 300; then
	ok "$T: the guest shut down gracefully (power button, clean poweroff)"
else
	notok "$T: the guest shut down gracefully ($($V domstate $DOM))"
	$V destroy $DOM >/dev/null 2>&1
fi
check "$T: the guest's init saw the power button" grep -a -q "GUEST-POWER-BUTTON" $LOG
check "$T: virsh start again" $V start $DOM
wait_count "GUEST-READY" $LOG 3 600
check "$T: virsh destroy" $V destroy $DOM
check "$T: state shut off after destroy" state_is "shut off" 60
check "$T: virsh undefine" $V undefine $DOM
check "$T: the domain is gone" sh -c "! $V dominfo $DOM"
kill %1 2>/dev/null; pkill libvirtd
/bin/ip link del $TAP 2>/dev/null
exit $FAILED
