#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Static checks on the built module (run on the build machine, TAP lines):
#  - splitvisor.ko imports no kvm_* / __kvm_* symbol of the host kernel;
#  - the EL2 object references no symbol outside itself at all;
#  - every EL2 symbol carries the __sv_hyp_ prefix, every EL2 section .hyp.
set -u
cd "$(dirname "$0")/.."
NM=${NM:-$( [ "$(uname -m)" = aarch64 ] && echo nm || echo aarch64-linux-gnu-nm )}
READELF=${READELF:-$( [ "$(uname -m)" = aarch64 ] && echo readelf || echo aarch64-linux-gnu-readelf )}
rc=0
ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; rc=1; }

bad=$($NM -u splitvisor.ko | awk '{print $2}' | grep -E '^(__)?kvm_' || true)
if [ -z "$bad" ]; then ok "symbols: splitvisor.ko imports no kvm_*/__kvm_* symbol"
else notok "symbols: splitvisor.ko imports kvm symbols: $(echo $bad)"; fi

und=$($NM -u hyp/hyp.tmp.o | awk '{print $2}')
if [ -z "$und" ]; then ok "symbols: EL2 object (hyp/) references no outside symbol"
else notok "symbols: EL2 object references outside symbols: $(echo $und)"; fi

unpref=$($NM hyp/hyp.o | awk 'NF==3 {print $3} NF==2 {print $2}' | grep -v '^__sv_hyp_' || true)
if [ -z "$unpref" ]; then ok "symbols: every EL2 symbol is prefixed __sv_hyp_"
else notok "symbols: unprefixed EL2 symbols: $(echo $unpref)"; fi

# Every section that is loaded (flag A) must be an EL2 one.
secs=$($READELF -SW hyp/hyp.o | sed 's/^ *\[ *[0-9]*\]//' |
	awk '$1 ~ /^\./ && $7 ~ /A/ && $1 !~ /^\.hyp\./ {print $1}')
if [ -z "$secs" ]; then ok "symbols: EL2 code and data only in .hyp.* sections"
else notok "symbols: EL2 object has loaded non-.hyp sections: $(echo $secs)"; fi

# Host code may call into EL2 only through the __sv_hyp_ symbols EL2
# exports; it must not reach EL2 internals by any other name.
if $READELF -SW splitvisor.ko | grep -q ' \.hyp\.text '; then ok "symbols: splitvisor.ko carries a .hyp.text section"
else notok "symbols: splitvisor.ko has no .hyp.text section"; fi
exit $rc
