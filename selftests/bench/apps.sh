# SPDX-License-Identifier: GPL-2.0
# The application benchmarks, run in the emulated server by run-bench.sh
# after the microbenchmarks (same boot, -icount shift=0: a nanosecond of
# the server's or the guest's clock is one instruction of the whole
# machine).  On whatever serves /dev/kvm (splitvisor.ko already loaded):
#   boot      QEMU start until the virtio guest's shell answers on hvc0
#             (lab-common.sh vg_*: 2 vCPUs, 512 MiB, virtio-blk root,
#             virtio-net on vhost, virtio console and rng)
#   rr        one-byte TCP request/response round trips between the guest
#             and the server over virtio-net/vhost (rr.c, netperf
#             TCP_RR-like), per transaction, with a fixed placement:
#             QEMU's threads (the vCPUs) on the server's last CPU, the
#             vhost worker and the rr server on CPU 0, in the guest the
#             client and virtio-net's interrupts on vCPU 0 (rr_pin)
#   rr-free   the same, each thread where the schedulers put it (run
#             first; its spread is the placement's, on either hypervisor)
#   cpu       a CPU-bound job (busybox awk loop), in the guest and natively
#             in the server
#   fork      a fork/exec-heavy job (200 busybox processes from a shell
#             loop), in the guest and natively in the server
# Prints "app NAME NS" lines (NAME-native for the server's own runs) and
# "app-note ..." for anything that failed.
. /lab/lab-common.sh
TAP=svtap0 HOST_IP=10.0.2.1 GUEST_IP=10.0.2.15
RR_N=${RR_N:-2000}
CPU_JOB='busybox awk "BEGIN { s = 0; for (i = 0; i < 200000; i++) s += i % 7; print s }" >/dev/null'
FORK_JOB='i=0; while [ $i -lt 200 ]; do busybox true; i=$((i + 1)); done'
now() { /lab/rr now; }
# rr_run NAME GUEST_PREFIX: one rr client run of RR_N transactions
rr_run() {
	_n0=$(grep -c '^rr ' /tmp/vg1.log)
	vg_cmd 1 "$2 /tmp/rr client $HOST_IP 5300 $RR_N" RR$1 600
	_n1=$(grep -c '^rr ' /tmp/vg1.log)
	set -- $(vg_field 1 rr) "$1"
	if [ "$_n1" -gt "$_n0" ] && [ "${1:-}" = "$RR_N" ] && [ -n "${2:-}" ]; then
		echo "app $4 $(($2 / $1))"
	else
		echo "app-note $4 client failed: $(vg_field 1 rr)"
	fi
}
# rr_pin SERVER_PID: the fixed placement (needs 2 CPUs here and in the
# guest); prints "taskset" for the guest's client, nothing if it cannot
rr_pin() {
	_last=$(($(nproc) - 1)) _q=$(cat /tmp/vg1.pid 2>/dev/null)
	[ $_last -ge 1 ] && [ -n "$_q" ] || return 0
	for _t in /proc/$_q/task/*; do taskset -p -c $_last ${_t##*/} >/dev/null 2>&1; done
	rr_vhost_cpus 0
	taskset -p -c 0 $1 >/dev/null 2>&1
	rr_guest_irqs 1
	echo "taskset 1"
}
# rr_vhost_cpus LIST: guest 1's vhost workers (vhost-TID, TID a QEMU thread)
rr_vhost_cpus() {
	for _c in /proc/[0-9]*/comm; do
		_nm=$(cat $_c 2>/dev/null)
		case "$_nm" in vhost-[0-9]*) ;; *) continue ;; esac
		[ -d /proc/$_q/task/${_nm#vhost-} ] || continue
		_p=${_c%/comm}
		taskset -p -c $1 ${_p#/proc/} >/dev/null 2>&1
	done
}
# rr_guest_irqs MASK: the guest's virtio interrupts on the vCPUs of MASK
rr_guest_irqs() {
	vg_cmd 1 "for i in \$(grep virtio /proc/interrupts | cut -d: -f1); do echo $1 >/proc/irq/\$i/smp_affinity; done 2>/dev/null" IRQS$1 60
}
rr_unpin() {
	_last=$(($(nproc) - 1)) _q=$(cat /tmp/vg1.pid 2>/dev/null)
	[ -n "$_q" ] || return 0
	for _t in /proc/$_q/task/*; do taskset -p -c 0-$_last ${_t##*/} >/dev/null 2>&1; done
	rr_vhost_cpus 0-$_last
	rr_guest_irqs 3
}

# native runs first, with the machine otherwise idle
for job in cpu fork; do
	if [ $job = cpu ]; then cmd=$CPU_JOB; else cmd=$FORK_JOB; fi
	t0=$(now); sh -c "$cmd"; t1=$(now)
	echo "app $job-native $((t1 - t0))"
done

virtio_host_net $TAP $HOST_IP || echo "app-note no tap device"
t0=$(now)
vg_start 1 3 $TAP $GUEST_IP
up=0
while [ $(($(now) - t0)) -lt 900000000000 ]; do
	grep -q GUEST-READY /tmp/vg1.out 2>/dev/null && break
	[ -e /tmp/vg1.rc ] && break
	sleep 0.1
done
# the shell answers: the end of the boot
if vg_cmd 1 'echo BOOTED' BOOT 300; then
	up=1
	echo "app boot $(($(now) - t0))"
else
	echo "app-note the guest did not boot"
	tail -n 20 /tmp/vg1.out | sed 's/^/app-note   /'
fi

if [ $up = 1 ]; then
	# the guest fetches rr from the server over its network
	timeout 120 socat -u OPEN:/lab/rr TCP-LISTEN:5201,bind=$HOST_IP,reuseaddr &
	vg_listen 5201
	vg_cmd 1 "timeout 100 socat -u TCP:$HOST_IP:5201 CREATE:/tmp/rr && chmod +x /tmp/rr && echo RRBIN ok" RRGET 120
	if [ "$(vg_field 1 RRBIN)" = ok ]; then
		/lab/rr server 5300 &
		RRS=$!
		vg_listen 5300
		rr_run rr-free ""
		pin=$(rr_pin $RRS)
		if [ -n "$pin" ]; then
			rr_run rr "$pin"
		else
			echo "app-note rr: fewer than 2 CPUs, no fixed placement"
		fi
		rr_unpin
		kill $RRS 2>/dev/null
		for job in cpu fork; do
			if [ $job = cpu ]; then cmd=$CPU_JOB; else cmd=$FORK_JOB; fi
			vg_cmd 1 "t0=\$(/tmp/rr now); sh -c '$cmd'; t1=\$(/tmp/rr now); echo \"JOB$job \$((t1 - t0))\"" DONE$job 600
			v=$(vg_field 1 JOB$job)
			[ -n "$v" ] && echo "app $job $v" || echo "app-note $job job in the guest failed"
		done
	else
		echo "app-note the guest could not fetch rr"
	fi
	vg_stop 1
else
	vg_stop 1 dead
fi
/bin/ip link del $TAP 2>/dev/null
rm -f /tmp/vg1.qcow2
exit 0
