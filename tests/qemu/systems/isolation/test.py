# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/isolation: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import WORK, system, HELLO_PORT, HELLO_OUT, parked, cell_stopped


# The isolation test cells (tests/qemu/systems/isolation), cell n
# on CPU 3 + n: (kind, why the hypervisor stops it or None where it makes
# the act harmless, what else the console must show).
ISOLATION = [
    ("logical-self", None,
     ["[logical-self] logical-self: 1 own IPI(s) arrived"]),
    ("lvt-error-mode", None,
     ["[lvt-error-mode] lvt-error-mode: LVT error reads 0xfe after writing "
      "0x5fe"]),
    ("logical-all", None, ["[logical-all] logical-all: 3 own IPI(s) arrived"]),
    ("lvt-timer-smi", "APIC register 0x320 (x2APIC MSR 0x832) written 0x230:"
     " reserved bits 0x200 set", []),
    ("icr-reserved", "an x2APIC ICR value with reserved bits set (ICR 0x", []),
    ("x2apic-hole", "read of APIC register 0x10 (x2APIC MSR), which does not "
     "exist or is read-only", []),
    # The single step passes through the hypervisor once (its statistics
    # count hypercalls apart).
    ("db", None, ["[db] db: 1 #DB handled by the cell, 1 exception exit(s) "
                  "meanwhile"]),
    ("invd", None, ['Cell "invd": INVD on CPU 10 executed as WBINVD',
                    "[invd] invd: after INVD, memory reads "
                    "0x5a5a5a5a5a5a5a5a"]),
    ("putc-forged", "read of I/O port 0x80 is not permitted", []),
    ("flood", None, ['Cell "flood": ', "console line(s) dropped: over its "
                     "budget of 1024 characters per second",
                     "[flood] flood: 200000 characters sent"]),
    ("stop-state", "read of I/O port 0x80 is not permitted",
     ["[stop-state] stop-state: timer 0x40 in service, 0x41 pending"]),
]


VICTIM_TICK = re.compile(r"\[victim\] victim: tick (\d+)")


def isolation(res, cpu="max", apic="x2APIC"):
    """One boot of tests/qemu/systems/isolation (15 CPUs): a victim
    cell on CPU 0 with interrupts on, ticking through the debug console,
    the hello cell on CPU 1, and on CPUs 3-14 one cell per isolation rule
    (ISOLATION). Each rule's cell is stopped with its reason and its CPU
    parked with an APIC read back clear, or the act is made harmless and
    the cell says what it saw; a cell without the console permission
    cannot print by forging its comm region; a console flood is cut to its
    budget while the victim's ticks go on. No cell receives an interrupt
    it did not ask for (the victim would report it and stop), and the
    victim and hello keep running to the end."""
    suffix = "" if apic == "x2APIC" else "-xapic"
    esp, machine = system("isolation")
    expect = {}
    for i, (k, why, more) in enumerate(ISOLATION):
        m = [] if k == "putc-forged" else ["[%s] %s: breaking the rule now"
                                           % (k, k)]
        if why:
            m += ['Cell "%s" FAILED on CPU %d: %s' % (k, 3 + i, why),
                  parked(3 + i), cell_stopped(k, 1)]
        else:
            m += ["[%s] %s: done, the cell goes on" % (k, k)]
        expect[k] = m + more
    with Boot(esp, WORK, "isolation" + suffix, cpu=cpu, **machine) as b:
        missing = b.wait_for(["All 15 CPUs up in the hypervisor (boot CPU "
                              "0, %s)" % apic] + sum(expect.values(), []) +
                             HELLO_OUT)
        ticks = [int(t) for t in VICTIM_TICK.findall(b.output())]
        last = ticks[-1] if ticks else 0
        later = b.wait_for(["[victim] victim: tick %d" % (last + 3),
                            (HELLO_PORT, "tick ")], timeout=60)
        out = b.output()
    for k, _, _ in ISOLATION:
        gone = [m for m in expect[k] if m not in out]
        through = "%s: still running" % k in out
        res.check("boot/isolation-%s%s" % (k, suffix),
                  not gone and not through,
                  "missing %r, let through %s; log tail:\n%s"
                  % (gone, through, out[-2500:]))
    # CPUID as the victim saw it: the hypervisor bit, no machine checks,
    # no SVM (its leaf all zero: under QEMU it has a revision and ASIDs),
    # no extended APIC space; FPU, SSE2 and long mode still there.
    m = re.search(r"victim: CPUID 1 ECX 0x(\w+) EDX 0x(\w+), 0x80000001 "
                  r"ECX 0x(\w+) EDX 0x(\w+), 0x8000000a 0x(\w+) 0x(\w+) "
                  r"0x(\w+) 0x(\w+)", out)
    v = [int(g, 16) for g in m.groups()] if m else []
    res.check("boot/isolation-cpuid-filtered%s" % suffix,
              v and v[0] & 1 << 31 and not v[1] & (1 << 7 | 1 << 14) and
              v[1] & (1 << 0 | 1 << 26) == (1 << 0 | 1 << 26) and
              not v[2] & (1 << 2 | 1 << 3) and
              not v[3] & (1 << 7 | 1 << 14) and v[3] & 1 << 29 and
              v[4:] == [0, 0, 0, 0],
              "victim's CPUID line: %r" % (m and m.group(0)))
    res.check("boot/isolation-putc-permission-from-config%s" % suffix,
              "forbidden line" not in out and
              expect["putc-forged"][0] in out,
              "the forged console printed, or the cell did not run on")
    # The victim kept ticking while the flood ran (the flood's first line
    # and its report bracket it).
    start = out.find("[flood] xxx")
    end = out.find("[flood] flood: 200000 characters sent")
    during = VICTIM_TICK.findall(out[start:end]) if 0 <= start < end else []
    # Its budget: 4096 characters at once, 1024 a second (the victim's
    # ticks, two a second, are the clock); a line of 99 x costs 100.
    lines = out.count("[flood] x")
    bound = (4096 + 1024 * (len(during) + 2) // 2) // 100
    res.check("boot/isolation-flood-bounded%s" % suffix,
              len(during) >= 2 and lines <= bound and
              re.search(r"\[flood\] x{99}\r?$", out, re.M) and
              not re.search(r"\[flood\] x{1,98}\r?$", out, re.M),
              "%d victim ticks during the flood, %d flood lines (at most "
              "%d), or a line cut" % (len(during), lines, bound))
    res.check("boot/isolation-others-run%s" % suffix,
              not missing and not later and "unexpected interrupt" not in out
              and 'Cell "victim" FAILED' not in out and
              'Cell "hello" FAILED' not in out,
              "missing %r, victim after tick %d: %r; log tail:\n%s"
              % (missing, last, later, out[-2500:]))


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("isolation", isolation),
    ("isolation-xapic", lambda res: isolation(res, cpu="max,-x2apic",
                                              apic="xAPIC")),
]
