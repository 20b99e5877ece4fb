#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Per-symbol instruction counts of a window profile (selftests/bench/window.sh).

    symbolize.py CONSOLE_LOG COUNTS BENCH_BINARY [TOP]

CONSOLE_LOG holds /proc/kallsyms between KALLSYMS-BEGIN/-END lines, COUNTS
is tbwin.so's output.  Prints, per CPU, instructions per window and the TOP
symbols.  Kernel and module text by kallsyms; split mode's EL2 text (the
kernel VA with the top 16 bits cleared) as "EL2 <symbol>"; the benchmark's
own code by its symbols; the nested guest's code (low IPAs, MMU off) as
"guest".
"""
import bisect
import subprocess
import sys
from collections import Counter


def table(pairs):
    pairs.sort()
    return [a for a, _ in pairs], [n for _, n in pairs]


def kallsyms(path):
    out, on = [], False
    for line in open(path, errors='replace'):
        f = line.split()
        if line.startswith('KALLSYMS-BEGIN'):
            on = True
        elif line.startswith('KALLSYMS-END'):
            break
        elif on and len(f) >= 3 and f[1] in 'tT' and not f[2].startswith('$'):
            try:
                out.append((int(f[0], 16), f[2] + (' ' + f[3] if len(f) > 3 else '')))
            except ValueError:
                pass
    return table(out)


def elf_syms(path):
    out = []
    nm = subprocess.run(['nm', path], capture_output=True, text=True).stdout
    for line in nm.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in 'tTW':
            out.append((int(f[0], 16), '[bench] ' + f[2]))
    return table(out)


def lookup(tab, pc):
    addrs, names = tab
    i = bisect.bisect_right(addrs, pc) - 1
    return names[i] if i >= 0 else '?'


def main():
    log, counts, binary = sys.argv[1:4]
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    ksyms, usyms = kallsyms(log), elf_syms(binary)
    per_cpu = [Counter() for _ in range(4)]
    windows = 0
    for line in open(counts):
        f = line.split()
        if f[0] == 'windows':
            windows = int(f[1])
            continue
        pc, n = int(f[0], 16), int(f[1])
        if pc >= 0xffff000000000000:
            name = lookup(ksyms, pc)
        elif pc >= 0x0000100000000000:
            name = 'EL2 ' + lookup(ksyms, pc | 0xffff000000000000)
        elif pc < 0x100000:
            name = 'guest'
        else:
            name = lookup(usyms, pc)
        for cpu in range(4):
            per_cpu[cpu][name] += n * int(f[2 + cpu])
    if not windows:
        sys.exit('no window was closed: wrong start/stop addresses?')
    print('windows %d' % windows)
    for cpu, c in enumerate(per_cpu):
        total = sum(c.values())
        if not total:
            continue
        print('CPU%d %.0f instructions per window' % (cpu, total / windows))
        for name, v in c.most_common(top):
            print('  %8.1f  %s' % (v / windows, name))


main()
