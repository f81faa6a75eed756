# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/faults: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import (WORK, system, HELLO_PORT, HELLO_OUT, parked,
                     cell_stopped, lines_about)


# The faulty cells of the containment boot: (kind, what the hypervisor
# says after 'Cell "KIND" FAILED on CPU n: '). Cell n runs on CPU 3 + n.
FAULTS = [
    ("memory", "read of guest-physical 0x40000000 outside the cell's memory"),
    ("port", "read of I/O port 0x80 is not permitted"),
    ("msr", "read of MSR 0xc0010114 is not permitted"),
    ("apic-base", "APIC base MSR write 0xfed00900 (it reads 0xfee00900): "
     "moving the APIC or changing its BSP flag is not supported"),
    ("lvt", "APIC LVT 0x350 written 0x700: ExtINT takes its vector from "
     "an 8259 PIC, which no cell has"),
    ("triple", "triple fault"),
    ("init", "an IPI to a CPU outside the cell (ICR 0x100004500)"),
    ("sipi", "an IPI to a CPU outside the cell (ICR 0x100004600)"),
    ("ipi", "an IPI to a CPU outside the cell (ICR 0x1000000f0)"),
    ("manage", "management hypercall 2 from a cell that may not manage"),
]


# Kinds that are not stopped by the hypervisor, after the stopped ones.
FAULTS_OTHER = ["exception", "cpl3"]


def contained_faults(res, cpu="max", apic="x2APIC"):
    """One boot of tests/qemu/systems/faults (16 CPUs): the hello
    cell on CPU 1, the IOAPIC test cell on CPU 2, one faulty cell per rule
    on CPUs 3-14 and the xAPIC test cell on CPUs 0 and 15, all running at
    once. Every faulty cell is stopped
    and reported with its CPU, reason and guest RIP; the IOAPIC cell
    takes RTC interrupts through its own pin, cannot touch another pin,
    and is stopped when it routes its pin to another cell's CPU; a page
    fault in a cell is the cell's own business (its library reports it);
    a hypercall from CPL 3 is refused with -EPERM and the cell goes on.
    Through all of it the hello cell, which the IPIs aim at, keeps
    ticking."""
    x2apic = apic == "x2APIC"
    suffix = "" if x2apic else "-xapic"
    kinds = [k for k, _ in FAULTS] + FAULTS_OTHER
    esp, machine = system("faults")
    stopped = {k: 'Cell "%s" FAILED on CPU %d: %s (guest RIP 0x'
               % (k, 3 + i, why) for i, (k, why) in enumerate(FAULTS)}
    ioapic_markers = [
        "[ioapic] ioapic: IOAPIC version 0x20, 24 pins",
        "[ioapic] ioapic: foreign pin 4 reads 0x10000, after a write "
        "0x10000",
        # Vector 0x38, edge, physical destination APIC ID 2: its own CPU.
        "[ioapic] ioapic: pin 8 routed: entry 0x200000000000038",
        "[ioapic] ioapic: 32 RTC interrupts through IOAPIC pin 8, ",
        'Cell "ioapic" FAILED on CPU 2: IOAPIC pin 8 routed to APIC ID 1, '
        'a CPU outside the cell (guest RIP 0x',
    ]
    other = {
        "exception": ["[exception] EXCEPTION 14 (page fault), error 0x",
                      "CR2 0x100000000 on APIC ID %d"
                      % (3 + kinds.index("exception"))],
        "cpl3": ["[cpl3] cpl3: hypercall at CPL 3 returned -1; back at "
                 "CPL 0, the cell goes on", "[cpl3] cpl3: alive"],
    }
    xapic_markers = [
        "[xapic] xapic: version 0x14, 6 LVTs",
        "[xapic] xapic: LDR 0x1000000, DFR 0xffffffff",
        "[xapic] xapic: 50 timer interrupts through the xAPIC page",
        "started through the xAPIC ICR, APIC base 0x",
        "[xapic] xapic: 1 IPI(s) from the second CPU (running 1); ",
    ]
    with Boot(esp, WORK, "faults" + suffix, cpu=cpu, serials=3,
              **machine) as b:
        missing = b.wait_for(["All 16 CPUs up in the hypervisor (boot CPU "
                              "0, %s)" % apic] +
                             list(stopped.values()) + ioapic_markers +
                             xapic_markers + sum(other.values(), []) +
                             HELLO_OUT)
        # Every cell has had its say: the hello cell must still tick.
        ticks = re.findall(r"tick (\d+)", b.output(HELLO_PORT))
        last = int(ticks[-1]) if ticks else 0
        later = b.wait_for([(HELLO_PORT, "tick %d" % (last + 3))],
                           timeout=60)
        out = b.output()
    for i, k in enumerate(kinds):
        attempt = "[%s] %s: breaking the rule now" % (k, k)
        expect = [attempt] + ([stopped[k], parked(3 + i),
                               cell_stopped(k, 1)]
                              if k in stopped else other[k])
        gone = [m for m in expect if m not in out]
        let_through = "%s: still running" % k in out
        res.check("boot/contain-%s%s" % (k, suffix),
                  not gone and not let_through,
                  "missing %r, let through %s; its lines:\n%s"
                  % (gone, let_through,
                     lines_about(out, ["[%s]" % k, '"%s"' % k,
                                       "CPU %d " % (3 + i),
                                       "CPU %d:" % (3 + i)])))
    rtc = re.search(r"(\d+) RTC interrupts through IOAPIC pin 8, (\d+) VM "
                    r"exits while they came", out)
    res.check("boot/ioapic-pin%s" % suffix,
              not [m for m in ioapic_markers if m not in out] and
              cell_stopped("ioapic", 1) in out and parked(2) in out and
              rtc and
              int(rtc.group(2)) == (0 if x2apic else int(rtc.group(1))) and
              "ioapic: still running" not in out,
              "IOAPIC markers missing or exits wrong (%r); log tail:\n%s"
              % (rtc and rtc.groups(), out[-2500:]))
    # Either CPU may run the main program: together they must see one
    # enabled xAPIC each at the standard base, BSP only on the cell's first
    # CPU (logical 0), their IDs as CPUID gives them.
    first = re.search(r"xapic: APIC base 0x([0-9a-f]+), xAPIC ID (\d+) "
                      r"\(CPUID (\d+)\)", out)
    second = re.search(r"xapic: CPU with xAPIC ID (\d+) started through "
                       r"the xAPIC ICR, APIC base 0x([0-9a-f]+)", out)
    views = first and second and {(int(first.group(2)), first.group(1)),
                                  (int(second.group(1)), second.group(2))}
    xapic_exits = re.search(r"(\d+) xAPIC exits", out)
    res.check("boot/xapic-page%s" % suffix,
              not [m for m in xapic_markers if m not in out] and
              views == {(0, "fee00900"), (15, "fee00800")} and
              first.group(2) == first.group(3) and
              xapic_exits and int(xapic_exits.group(1)) >= 50 and
              'Cell "xapic" FAILED' not in out,
              "xAPIC markers missing, views %r, exits %r; log tail:\n%s"
              % (views, xapic_exits and xapic_exits.group(0), out[-2500:]))
    # Cell "port" printed 100 lines at once before its fault, more than
    # its console budget holds: the lines it dropped are told when it
    # stops, with no later line of its own to carry the count.
    notes = re.findall(r'Cell "port": (\d+) console line\(s\) dropped'
                       r"( before it stopped)?: over its budget of 1024 "
                       r"characters per second", out)
    res.check("boot/console-drops-told-at-stop%s" % suffix,
              notes and notes[-1][1] and int(notes[-1][0]) > 0 and
              out.count("port: a line to overrun the console budget") +
              sum(int(n) for n, _ in notes) == 100,
              "notes %r; log tail:\n%s" % (notes, out[-2500:]))
    res.check("boot/contain-others-run%s" % suffix,
              not missing and not later and 'Cell "hello" FAILED' not in out
              and 'Cell "cpl3" FAILED' not in out,
              "missing %r, hello after tick %d: %r; log tail:\n%s"
              % (missing, last, later, out[-2500:]))


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("contained-faults", contained_faults),
    ("contained-faults-xapic", lambda res: contained_faults(
        res, cpu="max,-x2apic", apic="xAPIC")),
]
