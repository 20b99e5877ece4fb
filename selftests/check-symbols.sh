#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Static checks on the built module (run on the build machine, TAP lines):
#  - splitvisor.ko imports no kvm_* / __kvm_* symbol of the host kernel;
#  - the EL2 object references no symbol outside itself at all;
#  - every EL2 symbol carries the __sv_hyp_ prefix, every EL2 section .hyp;
#  - the EL2 object has no absolute relocation EL2 does not convert
#    (check-hyp-relocs.sh), and that check fails the bad fixtures in
#    selftests/hyp-relocs.
set -u
cd "$(dirname "$0")/.."
NM=${NM:-$( [ "$(uname -m)" = aarch64 ] && echo nm || echo aarch64-linux-gnu-nm )}
READELF=${READELF:-$( [ "$(uname -m)" = aarch64 ] && echo readelf || echo aarch64-linux-gnu-readelf )}
HYP_CC=${HYP_CC:-$( [ "$(uname -m)" = aarch64 ] && echo gcc || echo aarch64-linux-gnu-gcc )}
HYP_LD=${HYP_LD:-$( [ "$(uname -m)" = aarch64 ] && echo ld || echo aarch64-linux-gnu-ld )}
export READELF
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
for o in hyp/hyp.tmp.o hyp/hyp.o; do
	if out=$(bash selftests/check-hyp-relocs.sh $o); then
		ok "relocs: $o has absolute relocations only in its __sv_hyp_ptrs tables"
	else notok "relocs: $o has unconverted absolute relocations: $(echo $out)"; fi
done

# The VHE build of the same sources (hyp/include/sv_hyp_mode.h): sealed
# the same way, with its own prefix and sections.  Its addresses are the
# kernel's, so absolute relocations would be sound there; it is held to the
# split-mode rule anyway, the two builds being one code base.
und=$($NM -u hyp/hyp-vhe.tmp.o | awk '{print $2}')
if [ -z "$und" ]; then ok "symbols: VHE EL2 object references no outside symbol"
else notok "symbols: VHE EL2 object references outside symbols: $(echo $und)"; fi
unpref=$($NM hyp/hyp-vhe.o | awk 'NF==3 {print $3} NF==2 {print $2}' | grep -v '^__sv_vhe_' || true)
if [ -z "$unpref" ]; then ok "symbols: every VHE EL2 symbol is prefixed __sv_vhe_"
else notok "symbols: unprefixed VHE EL2 symbols: $(echo $unpref)"; fi
secs=$($READELF -SW hyp/hyp-vhe.o | sed 's/^ *\[ *[0-9]*\]//' |
	awk '$1 ~ /^\./ && $7 ~ /A/ && $1 !~ /^\.vhe\./ {print $1}')
if [ -z "$secs" ]; then ok "symbols: VHE EL2 code and data only in .vhe.* sections"
else notok "symbols: VHE EL2 object has loaded non-.vhe sections: $(echo $secs)"; fi
if out=$(bash selftests/check-hyp-relocs.sh hyp/hyp-vhe.tmp.o); then
	ok "relocs: hyp/hyp-vhe.tmp.o has absolute relocations only in its pointer tables"
else notok "relocs: hyp/hyp-vhe.tmp.o has unconverted absolute relocations: $(echo $out)"; fi

# The check itself, on fixtures linked as the EL2 object is (hyp/hyp.lds):
# it must pass good.c and fail both an unconverted pointer in data and
# good.c built with the large code model (addresses from literal pools).
fix=$(mktemp -d)
fixture() { # name source extra-cflags...
	local name=$1 src=$2
	shift 2
	$HYP_CC -O2 -Wall -Werror -ffreestanding -fno-PIE -fno-common -mgeneral-regs-only "$@" \
		-D__SPLITVISOR_HYP__ -Ihyp/include -Ihyp/arch/real -c -o "$fix/$name.o" "$src" &&
	$HYP_LD -r -T hyp/hyp.lds -o "$fix/$name.r.o" "$fix/$name.o"
}
if fixture good selftests/hyp-relocs/good.c -mcmodel=small &&
   bash selftests/check-hyp-relocs.sh "$fix/good.r.o" >/dev/null
then ok "relocs: the check passes a fixture whose pointers are in an __sv_hyp_ptrs table"
else notok "relocs: the check fails (or cannot build) the good fixture"; fi
for bad in "bad selftests/hyp-relocs/bad.c -mcmodel=small" \
	   "large selftests/hyp-relocs/good.c -mcmodel=large"; do
	set -- $bad
	if ! fixture "$@"; then notok "relocs: cannot build the fixture $1"
	elif out=$(bash selftests/check-hyp-relocs.sh "$fix/$1.r.o"); then
		notok "relocs: the check passes the bad fixture $1 ($3)"
	else ok "relocs: the check fails the bad fixture $1 ($3): $(echo $out)"; fi
done
rm -rf "$fix"
exit $rc
