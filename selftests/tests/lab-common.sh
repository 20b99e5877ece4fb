# SPDX-License-Identifier: GPL-2.0
# Helpers for the scripts run inside the emulated server (busybox sh).
ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; FAILED=1; }
# A comment with the server's uptime: where a lab run spends its time.
stamp() { echo "# t=$(cut -d' ' -f1 /proc/uptime)s $*"; }
check() { # check "name" command...
	name=$1; shift
	if "$@" >/tmp/check.out 2>&1; then ok "$name"; else notok "$name"; sed 's/^/#   /' /tmp/check.out; fi
}
FAILED=0

# lab_hv: HV=splitvisor when the server was booted with kvm-arm.mode=none
# (splitvisor.ko is loaded if it is not yet, and LOADED=1 says we did),
# else HV=kvm (the in-kernel KVM).
lab_hv() {
	LOADED=0
	if grep -q kvm-arm.mode=none /proc/cmdline; then
		HV=splitvisor
		if ! grep -q "^splitvisor " /proc/modules; then
			check "insmod" insmod /lab/splitvisor.ko
			LOADED=1
		fi
	else
		HV=kvm
	fi
}

# wait_count PATTERN FILE [COUNT [SECONDS]]: until COUNT lines of FILE
# match (default 1; a file not there yet counts 0); 1 after SECONDS
# (default 300).
wait_count() {
	wc_s=0
	while [ "$(grep -a -c "$1" "$2" 2>/dev/null || true)" -lt "${3:-1}" ] 2>/dev/null ||
	      [ ! -e "$2" ]; do
		sleep 1; wc_s=$((wc_s + 1)); [ $wc_s -gt "${4:-300}" ] && return 1
	done
	return 0
}

# Kernel memory in use (kB): slab + vmalloc, for leak checks.
kmem() { awk '/^Slab:|^VmallocUsed:/ {s += $2} END {print s}' /proc/meminfo; }
# leak_check NAME BEFORE AFTER MAX_KB
leak_check() {
	if [ $(($3 - $2)) -le $4 ]; then ok "$1 (kernel memory $2 -> $3 kB)";
	else notok "$1 (kernel memory $2 -> $3 kB, more than $4 kB kept)"; fi
}

# The guests' vCPU model for QEMU: the host's, without a PMU.  Splitvisor
# offers no PMU yet (KVM_CAP_ARM_PMU_V3 is 0, so QEMU turns it off by
# itself); the in-kernel KVM baseline's guests run the same vCPU.  With the
# PMU on, Debian 6.1's KVM PMU emulation made perf core WARN (ctx_sched_in,
# event_function, ... from kvm_pmu_handle_pmcr and a vCPU thread blocked in
# WFI) in the baseline boot of two make check runs.
GUEST_CPU=host,pmu=off

# qemu_guest NAME GICVER: unmodified QEMU boots the lab's guest (Debian's
# kernel, busybox initrd) on 2 vCPUs with the in-kernel irqchip; its
# /proc/interrupts must show the arch timer and the IPIs counting on both
# vCPUs (Rescheduling and Function call interrupts), and QEMU exits 0.
qemu_guest() {
	timeout 600 qemu-system-aarch64 -M virt,gic-version=$2 -accel kvm -cpu $GUEST_CPU -smp 2 \
		-m 256 -nographic -nic none -kernel /boot/vmlinuz -initrd /boot/guest.cpio \
		-append "console=ttyAMA0 quiet guest.irqs" </dev/null >/tmp/qemu.out 2>&1
	qemu_guest_check "$1" "$2" /tmp/qemu.out $?
}
# qemu_guest_check NAME GICVER OUTPUT RC: qemu_guest's checks on the output
# (and exit status) of a guest booted with guest.irqs on its command line.
qemu_guest_check() {
	rc=$4
	sed -n '/GUEST-INTERRUPTS-BEGIN/,/GUEST-INTERRUPTS-END/p' "$3" | sed 's/^/#   /'
	if [ "$rc" = 0 ] && grep -q "GUEST-BOOTED: .* cpus=2" "$3"; then
		ok "$1: QEMU gic-version=$2 boots the guest on 2 vCPUs, exits 0"
	else
		notok "$1: QEMU gic-version=$2 boots the guest on 2 vCPUs (rc $rc)"
		tail -n 20 "$3" | sed 's/^/#   /'
	fi
	# Both CPU columns non-zero on the timer line, and each vCPU took IPIs
	# (rescheduling and function-call ones together: which of the two a
	# short boot sends to which CPU is the guest scheduler's choice -- the
	# in-kernel KVM's guest once took no rescheduling IPI on CPU0).
	n=$(sed -n '/GUEST-INTERRUPTS-BEGIN/,/GUEST-INTERRUPTS-END/p' "$3" |
	    awk '/arch_timer/ && $2 > 0 && $3 > 0 { t = 1 }
		 /Rescheduling|Function call/ { i0 += $2; i1 += $3 }
		 END { print t + (i0 > 0) + (i1 > 0) }')
	if [ "$n" = 3 ]; then
		ok "$1: the guest's timer and IPIs count on both vCPUs"
	else
		notok "$1: the guest's timer and IPIs count on both vCPUs ($n of 3: timer on both, IPIs on CPU0, on CPU1)"
	fi
}

# The virtio guest (setup.sh step_guest, /boot/guest): Debian's kernel, an
# initramfs with its virtio/ext4 modules, an ext4 root disk.
# virtio_host_net TAP IP: the server's end of the guest's network, a tap
# device with IP/24, and the vhost-net and tun modules.
virtio_host_net() {
	modprobe tun && modprobe vhost_net || return 1
	# iproute2's ip by path: busybox sh runs its own applet for a bare
	# "ip", which has no tuntap
	/bin/ip link del "$1" 2>/dev/null
	/bin/ip tuntap add dev "$1" mode tap && /bin/ip addr add "$2/24" dev "$1" &&
		/bin/ip link set "$1" up
}
# virtio_qemu GICVER DISK TAP GUEST_IP [QEMU ARGS...]: unmodified QEMU with
# 2 vCPUs, 512 MiB, virtio-blk (DISK, qcow2), virtio-net on TAP with vhost,
# virtio-serial (the caller adds the virtconsole, whose hvc0 carries the
# guest's shell), virtio-rng; the guest takes GUEST_IP/24.  With
# $VQ_TIMEOUT set, QEMU is killed after that many seconds.
virtio_qemu() {
	_gic=$1 _disk=$2 _tap=$3 _ip=$4
	shift 4
	${VQ_TIMEOUT:+timeout $VQ_TIMEOUT} qemu-system-aarch64 -M virt,gic-version=$_gic -accel kvm -cpu $GUEST_CPU -smp 2 -m 512 \
		-kernel /boot/vmlinuz -initrd /boot/guest/initrd.cpio \
		-append "console=ttyAMA0 quiet root=/dev/vda guest.shell=hvc0 guest.ip=$_ip/24" \
		-drive file=$_disk,format=qcow2,if=none,id=d0 -device virtio-blk-pci,drive=d0 \
		-netdev tap,id=n0,ifname=$_tap,script=no,downscript=no,vhost=on \
		-device virtio-net-pci,netdev=n0,romfile= \
		-device virtio-serial-pci -device virtio-rng-pci "$@"
}

# ---- the virtio guest driven through its shell on the virtio console --------
# Guest N (1, 2, ...) keeps its files in /tmp/vgN.*: .qcow2 (an overlay
# of the image), .out (serial console), .rc (QEMU's exit status, once it
# exited), .pid, .mon (QEMU's HMP monitor), .log (what its shell on hvc0
# printed), .hvc.in/.hvc.out (the FIFOs of its virtio console); the
# shell's input is held open on file descriptor N + 3.
# vg_start N GICVER TAP GUEST_IP: boot it in the background.
vg_start() {
	_n=$1 _g=/tmp/vg$1
	rm -f $_g.qcow2 $_g.out $_g.rc $_g.pid $_g.mon $_g.log $_g.hvc.in $_g.hvc.out
	qemu-img create -q -f qcow2 -b /boot/guest/root.qcow2 -F qcow2 $_g.qcow2
	# the pipe chardev PATH reads PATH.in and writes PATH.out
	mkfifo $_g.hvc.in $_g.hvc.out
	(VQ_TIMEOUT=900; virtio_qemu $2 $_g.qcow2 $3 $4 -nographic -pidfile $_g.pid \
		-monitor unix:$_g.mon,server=on,wait=off -chardev pipe,id=vc0,path=$_g.hvc \
		-device virtconsole,chardev=vc0 </dev/null >$_g.out 2>&1; echo $? >$_g.rc) &
	(cat $_g.hvc.out >$_g.log) &
	eval "VG_CAT$_n=$!"
	# read-write: opening a FIFO this way never blocks, even if QEMU never started
	eval "exec $((_n + 3))<>$_g.hvc.in"
}
# vg_wait N PATTERN FILE [SECONDS]: 0 when PATTERN shows up in FILE, 1
# after SECONDS (default 300) or as soon as guest N's QEMU is gone.
vg_wait() {
	_i=0
	while ! grep -q "$2" "$3" 2>/dev/null; do
		[ -e /tmp/vg$1.rc ] && ! grep -q "$2" "$3" 2>/dev/null && return 1
		sleep 1; _i=$((_i + 1)); [ $_i -gt "${4:-300}" ] && return 1
	done
	return 0
}
# vg_send N CMDS MARK: CMDS on guest N's shell, followed by MARK=42
# (the tty echoes the command as MARK=$((41+1)), which does not match).
vg_send() { printf '%s; echo %s=$((41+1))\n' "$2" "$3" >&$(($1 + 3)); }
# vg_cmd N CMDS MARK [SECONDS]: vg_send, then wait for the MARK.
vg_cmd() {
	vg_send "$1" "$2" "$3"
	vg_wait "$1" "^$3=42" /tmp/vg$1.log "${4:-300}"
}
# vg_field N NAME: the value guest N printed last as "NAME value"
vg_field() { sed -n "s/^$2 //p" /tmp/vg$1.log | tr -d '\r' | tail -n1; }
# vg_boot N [SECONDS]: wait until guest N's init is up and its shell on
# hvc0 answers (the virtio console works both ways); prints ROOTMNT.
vg_boot() {
	vg_wait $1 GUEST-READY /tmp/vg$1.out "${2:-600}" &&
		vg_cmd $1 'echo "ROOTMNT $(grep " / " /proc/mounts | tail -n1)"' READY 120
}
# vg_hmp N CMD...: the commands on guest N's QEMU monitor, its answers out
vg_hmp() {
	_m=/tmp/vg$1.mon
	shift
	printf '%s\n' "$@" | timeout 20 socat -t 3 - UNIX-CONNECT:$_m 2>/dev/null | tr -d '\r'
}
# vg_exits N: "USER KERNEL", guest N's MMIO exits so far (both vCPUs) as
# the hypervisor's binary statistics report them through QEMU ("info
# stats vcpu" reads KVM_GET_STATS_FD): mmio_exit_user went to QEMU,
# mmio_exit_kernel ended in the kernel (ioeventfds, the in-kernel vGIC), and
# splitvisor's fast_doorbell (ioeventfd writes posted at EL2) with them.
vg_exits() {
	vg_hmp $1 "cpu 0" "info stats vcpu" "cpu 1" "info stats vcpu" |
		awk '/mmio_exit_user/ { u += $NF } /mmio_exit_kernel/ { k += $NF; n++ } /fast_doorbell/ { k += $NF }
		     END { if (n == 2) print u + 0, k + 0; else print "none none" }'
}
# vg_vhost_ticks N: "NAME TICKS" of guest N's vhost worker: the kernel
# thread vhost-TID named after the QEMU thread that set the owner
vg_vhost_ticks() {
	_q=$(cat /tmp/vg$1.pid 2>/dev/null)
	for _c in /proc/[0-9]*/comm; do
		_nm=$(cat $_c 2>/dev/null)
		case "$_nm" in vhost-[0-9]*) ;; *) continue ;; esac
		[ -n "$_q" ] && [ -d /proc/$_q/task/${_nm#vhost-} ] || continue
		echo "$_nm $(awk '{print $14 + $15}' ${_c%/comm}/stat)"
		return
	done
}
# vg_listen PORT: until a socket listens on PORT here (up to 30 s)
vg_listen() {
	_hex=$(printf ':%04X ' $1)
	_i=0
	while ! awk '$4 == "0A"' /proc/net/tcp | grep -q "$_hex"; do
		sleep 0.2; _i=$((_i + 1)); [ $_i -gt 150 ] && return 1
	done
	return 0
}
# vg_stop N: leave guest N's shell (its init syncs, remounts / read-only
# and powers off), wait for QEMU (killed after 300 s; at once if the
# guest never booted: vg_stop N dead), close its files; VG_RC is QEMU's
# exit status (empty if none).  Not in a subshell: it closes our end of
# the guest's console.
vg_stop() {
	_i=0
	if [ "$2" = dead ]; then _i=300; else echo exit >&$(($1 + 3)); fi
	while [ ! -s /tmp/vg$1.rc ] && [ $_i -lt 300 ]; do sleep 1; _i=$((_i + 1)); done
	_q=$(cat /tmp/vg$1.pid 2>/dev/null)
	if [ ! -s /tmp/vg$1.rc ] && [ -n "$_q" ]; then
		kill $_q 2>/dev/null
		_i=0
		while [ ! -s /tmp/vg$1.rc ] && [ $_i -lt 20 ]; do sleep 1; _i=$((_i + 1)); done
	fi
	eval "exec $(($1 + 3))>&-"
	eval "kill \$VG_CAT$1 2>/dev/null"
	VG_RC=$(cat /tmp/vg$1.rc 2>/dev/null)
}
# vg_net N HOST_IP PORT MB NAME: MB MiB of random data from guest N to
# the server over its network and back (socat at both ends, on PORT and
# PORT+1 of HOST_IP), the sha256 compared each way: a TAP line for each
# way, 0 when both matched.  Runs in the background too (its own files).
vg_net() {
	_n=$1 _h=$2 _p=$3 _mb=$4 _t=$5 _rc=0
	_r=/tmp/vg$_n.recv
	rm -f $_r
	vg_cmd $_n "dd if=/dev/urandom of=/tmp/net.dat bs=1M count=$_mb 2>/dev/null; echo \"NETSUM \$(sha256sum </tmp/net.dat | cut -c1-64)\"" NETGEN 300
	_gsum=$(vg_field $_n NETSUM)
	timeout 600 socat -u -T 120 TCP-LISTEN:$_p,bind=$_h,reuseaddr CREATE:$_r &
	_pid=$!
	vg_listen $_p
	_t0=$(date +%s)
	vg_cmd $_n "timeout 500 socat -u OPEN:/tmp/net.dat TCP:$_h:$_p && echo NETTX done" NETTX 600
	wait $_pid
	_src=$?
	_hsum=$(sha256sum <$_r 2>/dev/null | cut -c1-64)
	if [ $_src = 0 ] && [ "$(vg_field $_n NETTX)" = done ] && [ ${#_gsum} = 64 ] && [ "$_hsum" = "$_gsum" ]; then
		ok "$_t: $_mb MiB guest -> server over virtio-net/vhost, sha256 matches ($(($(date +%s) - _t0)) s)"
	else
		notok "$_t: $_mb MiB guest -> server over virtio-net/vhost, sha256 matches (socat rc $_src, $(stat -c %s $_r 2>/dev/null || echo 0) bytes, guest ${_gsum:-none}, server ${_hsum:-none})"
		_rc=1
	fi
	_p=$((_p + 1))
	timeout 600 socat -u -T 120 OPEN:$_r TCP-LISTEN:$_p,bind=$_h,reuseaddr &
	_pid=$!
	vg_listen $_p
	_t0=$(date +%s)
	vg_cmd $_n "timeout 500 socat -u TCP:$_h:$_p CREATE:/tmp/net.back && echo \"NETBACK \$(sha256sum </tmp/net.back | cut -c1-64)\"" NETRX 600
	wait $_pid
	_src=$?
	_bsum=$(vg_field $_n NETBACK)
	if [ $_src = 0 ] && [ ${#_bsum} = 64 ] && [ "$_bsum" = "$_gsum" ]; then
		ok "$_t: $_mb MiB server -> guest over virtio-net/vhost, sha256 matches ($(($(date +%s) - _t0)) s)"
	else
		notok "$_t: $_mb MiB server -> guest over virtio-net/vhost, sha256 matches (socat rc $_src, guest ${_bsum:-none}, sent ${_gsum:-none})"
		_rc=1
	fi
	rm -f $_r
	return $_rc
}
# vg_exits_check NAME "USER0 KERNEL0" "USER1 KERNEL1": vg_exits before and
# after a network transfer.  With vhost-net the guest's notifications
# (MMIO writes to the virtio-net notify area) end on ioeventfds in the
# kernel: at least MIN (default 1000) kernel MMIO exits meanwhile, and
# the exits that went to QEMU stay under 5 % of them.
vg_exits_check() {
	set -- "$1" $2 $3 "${4:-1000}"
	_u=$(($4 - $2)) _k=$(($5 - $3))
	if [ $_k -ge $6 ] && [ $((_u * 20)) -le $_k ]; then
		ok "$1: exit statistics: the notifications ended in the kernel ($_k MMIO exits in the kernel or posted at EL2, $_u to QEMU)"
	else
		notok "$1: exit statistics: the notifications ended in the kernel ($_k MMIO exits in the kernel or posted at EL2, $_u to QEMU; want >= $6 and under 5 % to QEMU)"
	fi
}
