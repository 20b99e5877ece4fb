#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# check-hyp-relocs.sh OBJECT: fail (exit 1, printing the offenders) if the
# EL2 object has a relocation EL2 would get wrong.
#
# EL2 runs its code and data at sv_hyp_va(host address) (hyp/include/
# sv_hyp_abi.h), not where the module loader put them.  So in the loaded
# sections only these relocations are sound:
#  - PC-relative ones (branches, ADR/ADRP, literal loads, PREL data): the
#    distance is the same at both addresses;
#  - the low 12 bits of an address (ADD/LDST *_ABS_LO12_NC): EL2 maps the
#    sections page by page, so page offsets do not change;
#  - R_AARCH64_ABS64 inside the tables of function pointers that EL2
#    converts with sv_hyp_va() at every load: the section
#    .rodata.sv_hyp_ptrs (__sv_hyp_ptrs in hyp/include/sv_hyp.h), which
#    hyp/hyp.lds brackets with __hyp_ptrs_start/__hyp_ptrs_end.
# Anything else -- an ABS64 elsewhere (a pointer in data, a literal pool),
# ABS32/ABS16, MOVW_UABS_G* (an address built in a register), GOT
# entries -- holds a host address EL2 would use as it is.
set -u -o pipefail
obj=$1
READELF=${READELF:-$( [ "$(uname -m)" = aarch64 ] && echo readelf || echo aarch64-linux-gnu-readelf )}

# "index name" of every loaded (flag A) section.
secs=$($READELF -SW "$obj" | sed -n 's/^ *\[ *\([0-9]*\)\] */\1 /p' |
	awk '$2 ~ /^\./ && $8 ~ /A/ {print $1, $2}')
# "name section-index value" of the table bounds (prefixed or not); in a
# relocatable object a symbol's value is its offset in its section.
bounds=$($READELF -sW "$obj" | awk '$8 ~ /__hyp_ptrs_(start|end)$/ {print $8, $7, $2}')

bad=$($READELF -rW "$obj" | awk -v secs="$secs" -v bounds="$bounds" '
function hex(x,   i, d, v) {
	x = tolower(x); sub(/^0x/, "", x)
	for (i = 1; i <= length(x); i++) {
		d = index("0123456789abcdef", substr(x, i, 1)) - 1
		if (d < 0) { print "bad number " x; exit 2 }
		v = v * 16 + d
	}
	return v
}
BEGIN {
	n = split(secs, s, "\n")
	for (i = 1; i <= n; i++) {
		split(s[i], f, " ")
		loaded[f[2]] = 1; name_of[f[1]] = f[2]
	}
	n = split(bounds, b, "\n")
	for (i = 1; i <= n; i++) {
		split(b[i], f, " ")
		if (f[1] ~ /start$/) { start = hex(f[3]); ptrs = name_of[f[2]] }
		else end = hex(f[3])
	}
	split("CALL26 JUMP26 CONDBR19 TSTBR14 ADR_PREL_LO21 ADR_PREL_PG_HI21 " \
	      "ADR_PREL_PG_HI21_NC LD_PREL_LO19 PREL16 PREL32 PREL64 ADD_ABS_LO12_NC " \
	      "LDST8_ABS_LO12_NC LDST16_ABS_LO12_NC LDST32_ABS_LO12_NC " \
	      "LDST64_ABS_LO12_NC LDST128_ABS_LO12_NC", ok, " ")
	for (i in ok) pcrel["R_AARCH64_" ok[i]] = 1
}
/^Relocation section/ { target = $3; gsub(/\047/, "", target); sub(/^\.rela?/, "", target); next }
$3 ~ /^R_AARCH64_/ {
	if (!loaded[target] || pcrel[$3])
		next
	off = hex($1)
	if ($3 == "R_AARCH64_ABS64" && target == ptrs && off >= start && off < end)
		next
	printf "%s+%#x %s %s%s\n", target, off, $3, $5, ($6 == "+" ? "+" $7 : "")
}') || { echo "$bad"; echo "check-hyp-relocs: cannot read $obj"; exit 2; }
if [ -n "$bad" ]; then
	echo "$bad"
	exit 1
fi
exit 0
