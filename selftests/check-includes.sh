#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The dependency direction between the core and its devices, from the
# `#include "..."` lines (Documentation/design.rst, "Seams"):
#
#   hyp/  <-  host/ (the core)  <-  vgic/, timer/, virtio/ (the devices)
#
#  - a device includes no host/ header but host/sv_core.h, the core's
#    interface for devices (and host/sv_pure.h, the types shim that lets
#    pure files build in the kernel and natively: it includes nothing of
#    ours);
#  - outside vgic/ nobody includes a vgic/ header but vgic/sv_vgic.h, the
#    vGIC's public interface;
#  - with the edges into those two named headers left out, the include
#    graph between the four directories has no cycle.
#
# Usage: check-includes.sh [--root DIR] (DIR defaults to the checkout)
#        check-includes.sh --selftest   (the check must fail on a copy of
#                                        the tree with one include wrong)
# Prints TAP lines; exit status 1 if a rule is broken.
set -u
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = --selftest ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	cp -r "$root"/host "$root"/vgic "$root"/timer "$root"/virtio "$tmp"/
	echo '#include "vm.h"' >>"$tmp/timer/arch_timer.c"
	if bash "$self" --root "$tmp" >"$tmp/out"; then
		echo "not ok - includes: the check passes a tree where timer/ includes host/vm.h"
		exit 1
	fi
	grep -q 'not ok - includes: include cycle' "$tmp/out" &&
	grep -q 'timer/arch_timer.c -> host/vm.h' "$tmp/out" ||
		{ echo "not ok - includes: the check missed timer/ -> host/vm.h"; exit 1; }
	echo "ok - includes: the check fails a tree where timer/ includes host/vm.h"
	exit 0
fi
[ "${1:-}" = --root ] && root=$2
cd "$root" || exit 2
DIRS="host vgic timer virtio"
CORE=host/sv_core.h
VGIC=vgic/sv_vgic.h
PURE=host/sv_pure.h
rc=0
ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; rc=1; }

# Where an included name lives among the four directories (the Kbuild -I
# order after the including file's own directory), or nothing.
resolve() {
	local from=$1 name=$2 d
	for d in "$from" $DIRS; do
		[ -f "$d/$name" ] && { echo "$d/$name"; return; }
	done
}

if grep -q '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$PURE"; then
	notok "includes: $PURE includes a header of ours (it must stay a leaf)"
fi

# One line per include that crosses directories: "file header".
edges=$(for d in $DIRS; do
	for f in "$d"/*.[ch]; do
		[ -f "$f" ] || continue
		sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
		while read -r name; do
			h=$(resolve "$d" "$name")
			[ -n "$h" ] && [ "${h%%/*}" != "$d" ] && [ "$h" != $PURE ] && echo "$f $h"
		done
	done
done)

bad=$(echo "$edges" | awk -v core="$CORE" '
	$1 ~ /^(vgic|timer|virtio)\// && $2 ~ /^host\// && $2 != core {print $1 " -> " $2}')
if [ -z "$bad" ]; then ok "includes: devices reach host/ only through $CORE"
else notok "includes: devices include host/ headers other than $CORE: $(echo $bad)"; fi

bad=$(echo "$edges" | awk -v vgic="$VGIC" '
	$1 !~ /^vgic\// && $2 ~ /^vgic\// && $2 != vgic {print $1 " -> " $2}')
if [ -z "$bad" ]; then ok "includes: only vgic/ includes the vGIC's internal headers ($VGIC is its public one)"
else notok "includes: vGIC internals included from outside vgic/: $(echo $bad)"; fi

# The directory graph without the two named headers' incoming edges; a
# cycle is found by removing directories without incoming edges until
# none is left (Kahn) -- whatever stays is on a cycle.
cyc=$(echo "$edges" | awk -v core="$CORE" -v vgic="$VGIC" '
	NF == 2 && $2 != core && $2 != vgic {
		a = $1; sub(/\/.*/, "", a); b = $2; sub(/\/.*/, "", b)
		if (!((a, b) in e)) { e[a, b] = 1; indeg[b]++; node[a]; node[b] }
	}
	END {
		do {
			removed = 0
			for (n in node) if (!(n in gone) && !indeg[n]) {
				gone[n]; removed = 1
				for (m in node) if ((n, m) in e) indeg[m]--
			}
		} while (removed)
		for (n in node) if (!(n in gone)) {
			printf "%s", n
			for (m in node) if ((n, m) in e && !(m in gone)) printf "->%s", m
			printf " "
		}
	}')
if [ -z "$cyc" ]; then ok "includes: no include cycle between host/, vgic/, timer/, virtio/ outside the two named headers"
else notok "includes: include cycle between directories: $cyc"; fi
exit $rc
