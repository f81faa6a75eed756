# SPDX-License-Identifier: BSD-2-Clause
"""QEMU boot tests of the boot path: a good system boots to the hypervisor
banner, its summary and an ACPI power-off; every kind of damage to the
hypervisor binary or the system image is refused by the loader with its
own message, before any hypervisor output, and the loader returns to the
firmware."""
import os
import re
import socket
import subprocess
import time

from bootlib import Boot, esp_variant, flip, image_parts

WORK = "build/tests/boot"
ESP = "build/esp.img"
HV = "build/hypervisor.bin"
IMG = "build/system.img"
BHIMAGE = "build/tools/bhimage"
BANNER = "Bulkhead hypervisor"
RETURNED = "bulkhead-loader: nothing changed; returning to the firmware"


def make(*targets, **variables):
    subprocess.run(["make", "--no-print-directory", "-s"] +
                   ["%s=%s" % kv for kv in variables.items()] +
                   list(targets), check=True)


SYSTEMS = "tests/qemu/systems"
# The test build of the hypervisor (Documentation/testing.md), in its own
# build directory.
TEST_HOOKS = {"TEST_HOOKS": 1, "B": "build/testhooks"}


def system(name, **variables):
    """Build the test system tests/qemu/systems/@name as a user would,
    make SYSTEM=DIR (with @variables: a test build's B and its flag), and
    return its ESP and the machine it asks for, as keyword arguments of
    Boot (smp, mem)."""
    make(SYSTEM=os.path.join(SYSTEMS, name), **variables)
    out = os.path.join(variables.get("B", "build"), name)
    smp, mem = open(os.path.join(out, "qemu-machine")).read().split()
    return os.path.join(out, "esp.img"), {"smp": int(smp), "mem": mem}


TINY_HELLO = "tiny: hello from a Bulkhead cell"
# What inmates/demos/hello.c prints on its UART (COM3) in cell "hello".
HELLO_PORT = 3
HELLO_OUT = [
    (HELLO_PORT, "Hello from a Bulkhead cell"),
    (HELLO_PORT, 'hypervisor signature "Jailhouse" (max leaf 0x40000001), '
                 'comm region JHCOMM revision 2'),
    # No PCI device, so no MMCONFIG base in its comm region.
    (HELLO_PORT, "1 CPU(s), PM timer port 0x608, console 0x3e8, PCI "
                 "MMCONFIG 0x0"),
    (HELLO_PORT, "debug-console hypercall permitted"),
    (HELLO_PORT, "running on logical CPU 1; "),
    "[hello] hello: this line went through the hypervisor",
]
# The Linux cell (cells/linux.c) on COM2: its boot shim, the kernel's e820
# map of the cell's memory, SMP start, and the initramfs' marker.
LINUX_PORT = 2
LINUX_OUT = [
    (LINUX_PORT, "linux shim: 2 CPUs, TSC "),
    (LINUX_PORT, "BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] "
                 "usable"),
    (LINUX_PORT, "BIOS-e820: [mem 0x00000000000e0000-0x00000000000fffff] "
                 "ACPI data"),
    (LINUX_PORT, "BIOS-e820: [mem 0x0000000000100000-0x0000000000100fff] "
                 "reserved"),
    (LINUX_PORT, "BIOS-e820: [mem 0x0000000000200000-0x000000000fffffff] "
                 "usable"),
    (LINUX_PORT, "ACPI: RSDP 0x00000000000E0000 000024 (v02 BLKHED)"),
    (LINUX_PORT, "Setting APIC routing to physical flat"),
    (LINUX_PORT, "smp: Brought up 1 node, 2 CPUs"),
    (LINUX_PORT, "bulkhead-linux: shell ready: 2 CPUs, MemTotal "),
    # Debian's ISA DMA driver reads port 0x87, which is no one's here: the
    # cell's absent policy answers all ones and reports it.
    'Cell "linux": read of I/O port 0x87: not the cell\'s, reads as all ones',
]
# The cell's RAM (cells/linux.c: 1 MiB at 0, 254 MiB at 2 MiB) less the
# legacy hole [0xa0000-0x100000) of the e820 map and page 0, which Linux
# always keeps: what the kernel's "Memory: .../N K available" must say.
LINUX_RAM_KB = (0x100000 + 0xfe00000 - 0x60000 - 0x1000) // 1024


# The two timer demos' reports, on the hypervisor console and COM4.
APIC_WINDOW = re.compile(r"\[apic-timer\] window (\d+): (\d+) ticks, jitter "
                         r"min (-?\d+) avg (-?\d+) max (-?\d+) ns; "
                         r"(\d+) VM exits")
RTOS_REPORT = re.compile(r"t=(\d+) ms: control (\d+) jobs (\d+) misses "
                         r"worst (\d+) us; telemetry (\d+) jobs (\d+) "
                         r"misses worst (\d+) us;")


def good_boot(res, cpu="max", apic="x2APIC"):
    """The demo system: verified, every CPU up with SVM, all four cells
    built and running at once. Cell "hello" runs the inmate library's demo
    in 64-bit mode: it sees the Jailhouse signature, its comm region and
    the PM timer, prints through its UART (COM2) and the putc hypercall,
    and keeps ticking. Cell "smp" starts its second CPU with INIT/SIPI
    through the x2APIC ICR, which the hypervisor filters and emulates
    (passed through on an x2APIC host, emulated over xAPIC otherwise).
    Cell "apic-timer" takes its own APIC timer's interrupts and reports
    jitter and the exits they cost on the hypervisor console; cell "rtos"
    (COM4) runs its periodic tasks on timer ticks. Cell "linux" (COM2)
    boots Debian's stock kernel through the boot shim to the busybox
    shell, with its 2 CPUs and its memory as its config says."""
    name = "boot/good-" + cpu
    x2apic = apic == "x2APIC"
    markers = [
        "bulkhead-loader: SHA-256 with the CPU's SHA instructions"
        if cpu.startswith("max") else "bulkhead-loader: SHA-256 with",
        "bulkhead-loader: verified \\bulkhead\\hypervisor.bin",
        "bulkhead-loader: verified \\bulkhead\\system.img",
        "bulkhead-loader: leaving boot services",
        BANNER,
        "Own GDT, IDT and page tables loaded",
        "Exception fix-ups work: a refused WRMSR returned an error",
        "System image: 5 cells",
        'cell 0 "apic-timer" (cells/apic-timer.c): CPUs 0,',
        'cell 1 "hello" (cells/hello.c): CPUs 1,',
        "region 0: [0x3000000-0x3100000) -> guest 0x0 rwx",
        'cell 2 "linux" (cells/linux.c): CPUs 5 6,',
        'cell 3 "rtos" (cells/rtos.c): CPUs 4,',
        'cell 4 "smp" (cells/smp.c): CPUs 2 3,',
        "ACPI MADT: 7 CPUs, APIC IDs 0 1 2 3 4 5 6",
    ] + ["CPU %d (APIC ID %d): SVM on, nested paging" % (i, i)
         for i in range(7)] + [
        "All 7 CPUs up in the hypervisor (boot CPU 0, %s)" % apic,
        'Cell "apic-timer" built: 1 CPU(s)',
        'Cell "hello" built: 1 CPU(s)',
        'Cell "linux" built: 2 CPU(s), 3 memory region(s), 5 blob(s)',
        'Cell "rtos" built: 1 CPU(s)',
        'Cell "smp" built: 2 CPU(s)',
        'CPU 0: entering cell "apic-timer" at 0x0',
        'CPU 1: entering cell "hello" at 0x0',
        'CPU 2: entering cell "smp" at 0x0',
        'CPU 3: entering cell "smp" at 0x0',
        'CPU 4: entering cell "rtos" at 0x0',
        'CPU 5: entering cell "linux" at 0x0',
        'CPU 6: entering cell "linux" at 0x0',
        (HELLO_PORT, "running on logical CPU 1; 5 cells; VM exits so far: "),
        (HELLO_PORT, "steady state: 0 VM exits in 5 s"),
        "[smp] SMP demo on APIC ID ",
        "2 CPUs in the cell, 2 arrived",
        "started by INIT/SIPI",
        "[smp] SMP demo: all 2 CPUs ran",
        "[apic-timer] apic-timer: one-shot APIC timer every 1000 us on "
        "logical CPU 0, x2APIC %s" % ("passed through" if x2apic else
                                      "emulated over xAPIC"),
        "[apic-timer] window 2: ",
        (4, "rtos: fixed-priority periodic executive, tick 1000 us"),
        (4, "task control: priority 3, period 5 ms, work 500 us"),
        (4, "task telemetry: priority 2, period 20 ms, work 4000 us"),
        (4, "t=4"),
    ] + HELLO_OUT + LINUX_OUT
    with Boot(ESP, WORK, "good-" + cpu, cpu=cpu, serials=4) as b:
        missing = b.wait_for(markers)
        # Give a misbehaving cell time to show itself before judging.
        time.sleep(2 if not missing else 0)
        out = b.output()
        hello = b.output(HELLO_PORT)
        linux = b.output(LINUX_PORT)
        com4 = b.output(4)
        running = b.proc.poll() is None
    hv_rates = re.search(r"Calibrated against the PM timer: TSC (\d+) kHz, "
                         r"APIC timer (\d+) kHz", out)
    cell_rates = re.search(r"TSC (\d+) kHz, APIC timer (\d+) kHz", hello)
    res.check(name + " calibrated rates in the comm region",
              hv_rates and cell_rates and
              hv_rates.groups() == cell_rates.groups() and
              10**5 < int(hv_rates.group(1)) < 10**7 and
              int(hv_rates.group(2)) > 1000,
              "hypervisor %r, cell %r" % (hv_rates and hv_rates.groups(),
                                          cell_rates and cell_rates.groups()))
    # Within 0.1 %: the APIC timer of QEMU's APIC runs at 1 GHz (its
    # virtual clock in ns); the TSC as the cell measures it over 2 s.
    own = re.search(r"TSC measured by the cell over (\d+) ms: (\d+) kHz",
                    hello)
    ok = hv_rates and own and cell_rates and \
        abs(int(cell_rates.group(2)) - 1000000) <= 1000 and \
        abs(int(cell_rates.group(1)) - int(own.group(2))) <= \
        int(own.group(2)) // 1000
    res.check(name + " calibrated rates exact", ok,
              "comm region %r, the cell's own TSC measurement %r (want "
              "APIC 1000000 kHz and the TSC within 0.1 %%)"
              % (cell_rates and cell_rates.groups(), own and own.groups()))
    # The hypervisor counts exits per CPU by reason (HC_CPU_GET_INFO): the
    # demo's start-up costs CPUIDs, putc hypercalls and the EFER MSR.
    stats = re.search(r"VM exits so far: (\d+) \(CPUID (\d+), hypercall "
                      r"(\d+), I/O (\d+), MSR (\d+)\)", hello)
    res.check(name + " exit statistics",
              stats and int(stats.group(2)) >= 2 and
              int(stats.group(3)) >= 40 and int(stats.group(5)) >= 1 and
              int(stats.group(1)) >= sum(int(g) for g in stats.groups()[1:]),
              "statistics line %r" % (stats and stats.group(0)))
    # A timer tick costs no exit where the cell owns its x2APIC; over an
    # emulated xAPIC exactly its two APIC writes (timer, EOI) exit.
    windows = [tuple(int(g) for g in m.groups())
               for m in APIC_WINDOW.finditer(out)]
    res.check(name + " apic-timer ticks and exits",
              len(windows) >= 2 and all(
                  w[1] == 5000 and w[2] <= w[3] <= w[4] and
                  w[5] == (0 if x2apic else 2 * w[1]) for w in windows),
              "windows (n, ticks, min, avg, max, exits): %r" % windows)
    reports = [tuple(int(g) for g in m.groups())
               for m in RTOS_REPORT.finditer(com4)]
    res.check(name + " rtos tasks run",
              reports and reports[-1][1] > 100 and reports[-1][4] > 20,
              "rtos reports %r; COM4 tail:\n%s" % (reports, com4[-1000:]))
    # The kernel counts exactly the RAM the cell's config gives it, and
    # its init sees as many CPUs as the cell has.
    mem = re.search(r"Memory: \d+K/(\d+)K available", linux)
    ready = re.search(r"shell ready: (\d+) CPUs, MemTotal (\d+) kB", linux)
    res.check(name + " linux cell shape",
              mem and int(mem.group(1)) == LINUX_RAM_KB and ready and
              int(ready.group(1)) == 2 and
              0.7 * LINUX_RAM_KB < int(ready.group(2)) <= LINUX_RAM_KB,
              "kernel memory line %r (want %d K), marker %r"
              % (mem and mem.group(0), LINUX_RAM_KB,
                 ready and ready.group(0)))
    res.check(name + " cells running", not missing,
              "missing %r; log tail:\n%s" % (missing, out[-3000:]))
    res.check(name + " no failure", running and "FAILED" not in out and
              "EXCEPTION" not in out + hello + com4 and
              "Kernel panic" not in linux and
              "error:" not in out and "FATAL" not in out,
              "running %s; log tail:\n%s" % (running, out[-2000:]))


def contained(res, late=False):
    """A cell that touches an I/O port it does not own is stopped and
    reported with cell, CPU, reason and guest RIP; its other CPU is taken
    out of the cell too (NMI) and counted, so that the cell is reported
    stopped; the other cell runs. With @p late, a test build of the
    hypervisor (make TEST_HOOKS=1) holds each cell's second CPU back for
    0.5 s before its first entry, so that the cell has failed before that
    CPU comes in: it must park without entering, not run the failed
    cell."""
    name = "rogue-late" if late else "rogue"
    esp, machine = system("rogue", **(TEST_HOOKS if late else {}))
    with Boot(esp, WORK, name, **machine) as b:
        missing = b.wait_for([
            'Cell "rogue" FAILED on CPU ',
            ": read of I/O port 0x2ed is not permitted (guest RIP 0x",
            "parked, other cells keep running",
            'stopped: its cell "rogue" failed',
            cell_stopped("rogue", 2),
            (HELLO_PORT, "tick 3")] + HELLO_OUT)
        out = b.output()
    # Both CPUs start at once; whichever claims the UART first faults, and
    # the other must be stopped. Held back, CPU 3 is always the other.
    failed = re.search(r'Cell "rogue" FAILED on CPU (\d)', out)
    stopped = re.search(r'CPU (\d) stopped: its cell "rogue" failed', out)
    cpus = {failed.group(1), stopped.group(1)} if failed and stopped else {}
    ok = not missing and cpus == {"2", "3"} and \
        'Cell "hello" FAILED' not in out
    if late:
        ok = ok and stopped.group(1) == "3" and \
            'CPU 3: entering cell "rogue"' not in out
    res.check("boot/contain-late-cpu" if late else
              "boot/contain-forbidden-port", ok,
              "missing %r, CPUs %r; log tail:\n%s" % (missing, cpus,
                                                      out[-3000:]))


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


def parked(cpu):
    """What the hypervisor says of a stopped cell's CPU whose APIC it
    cleared and read back as clear."""
    return ("CPU %d parked: its APIC holds nothing of the cell (LVTs "
            "masked, timer stopped, nothing pending or in service)" % cpu)


def cell_stopped(name, cpus):
    """What the last CPU of a stopped cell says, its IOAPIC pins read back
    masked."""
    return ('Cell "%s" stopped: all %d CPU(s) parked, its interrupt '
            'sources masked' % (name, cpus))


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
                  "missing %r, let through %s; log tail:\n%s"
                  % (gone, let_through, out[-2500:]))
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
    res.check("boot/contain-others-run%s" % suffix,
              not missing and not later and 'Cell "hello" FAILED' not in out
              and 'Cell "cpl3" FAILED' not in out,
              "missing %r, hello after tick %d: %r; log tail:\n%s"
              % (missing, last, later, out[-2500:]))


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
    ("flood", None, ['Cell "flood": console over its budget (4096 characters '
                     'at once, 512 per second): 1 character(s) dropped so far',
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
    res.check("boot/isolation-flood-bounded%s" % suffix,
              len(during) >= 2 and out.count("[flood] x") < 200,
              "%d victim ticks during the flood, %d flood lines"
              % (len(during), out.count("[flood] x")))
    res.check("boot/isolation-others-run%s" % suffix,
              not missing and not later and "unexpected interrupt" not in out
              and 'Cell "victim" FAILED' not in out and
              'Cell "hello" FAILED' not in out,
              "missing %r, victim after tick %d: %r; log tail:\n%s"
              % (missing, last, later, out[-2500:]))


def linux_isolation(res):
    """The Linux cell reaches nothing that is not its own, and its kernel
    panic stops only it. Its init (bulkhead.test=isolation) reads and
    writes physical addresses beyond the cell's RAM through /dev/mem: each
    reads all ones before and after the write, and the hypervisor reports
    the accesses as not the cell's. Then it forces a kernel panic; the
    kernel resets at once (panic=-1), by a triple fault (reboot=t), and
    the hypervisor marks the cell FAILED while the hello cell keeps
    ticking."""
    esp, machine = system("linux-isolation")
    probes = ["0x20000000", "0x3ff00000", "0xfed00000"]
    with Boot(esp, WORK, "linux-isolation", serials=3, **machine) as b:
        missing = b.wait_for(
            [(LINUX_PORT, "bulkhead-linux: probe %s: read 0xFFFFFFFF, after "
              "a write 0xFFFFFFFF" % a) for a in probes] +
            ['Cell "linux": write to guest-physical %s: not the cell\'s, '
             'dropped' % a for a in probes] +
            [(LINUX_PORT, "Kernel panic - not syncing: sysrq triggered "
              "crash"), 'Cell "linux" FAILED on CPU ',
             (HELLO_PORT, "tick 2")])
        ticks = re.findall(r"tick (\d+)", b.output(HELLO_PORT))
        last = int(ticks[-1]) if ticks else 0
        later = b.wait_for([(HELLO_PORT, "tick %d" % (last + 3))],
                           timeout=60)
        out = b.output()
    failed = re.search(r'Cell "linux" FAILED on CPU (\d): ([^(]*)', out)
    # The cell's APICs started in x2APIC mode (BH_CELL_START_X2APIC); the
    # stock kernel, without interrupt remapping, turns it off through the
    # APIC base MSR and runs both CPUs in logical flat mode, its IPIs and
    # IOAPIC entries logically addressed; its init's lines come through
    # COM2's interrupt.
    lin = b.output(LINUX_PORT)
    want = ["x2apic: enabled by BIOS, switching to x2apic ops",
            "x2apic disabled", "Switched APIC routing to flat",
            "smp: Brought up 1 node, 2 CPUs"]
    res.check("boot/linux-x2apic-start-switched-back",
              not [w for w in want if w not in lin] and
              "bulkhead-linux: probe 0x20000000" in lin,
              "missing %r; Linux log tail:\n%s"
              % ([w for w in want if w not in lin], lin[-2500:]))
    res.check("boot/linux-foreign-memory", not [
        m for m in missing if "probe" in str(m) or "guest-physical" in
        str(m)], "missing %r; log tail:\n%s" % (missing, out[-2500:]))
    res.check("boot/linux-panic-contained",
              not missing and not later and failed and
              failed.group(1) in ("5", "6") and
              failed.group(2).startswith("triple fault") and
              'Cell "hello" FAILED' not in out,
              "missing %r, hello after tick %d %r, failure %r; log tail:\n%s"
              % (missing, last, later, failed and failed.group(0),
                 out[-2500:]))


def stats_tables(text):
    """Every table of 'bulkhead cell stats' in @text, in order: {reason:
    VM exits on all the cell's CPUs}."""
    tables, table = [], None
    for line in text.splitlines():
        fields = line.split()
        if fields[:1] == ["REASON"]:
            table = {}
            tables.append(table)
        elif table is not None and len(fields) > 1 and all(
                f.isdigit() for f in fields[1:]):
            table[fields[0]] = int(fields[-1])
        else:
            table = None
    return tables


def idle_exits(lin):
    """One second of the Linux cell's idle, by reason, from the last two
    tables of tests/qemu/linux/idle-exits.sh; the exits of printing the
    table itself (its hypercalls) are not the idle's and are left out."""
    part = lin[lin.find("bulkhead-test: idle exits"):
               lin.find("bulkhead-test: idle-exits done")]
    tables = [t for t in stats_tables(part) if "total" in t]
    if len(tables) < 3:
        return {}
    a, b = tables[-2], tables[-1]
    delta = {r: b[r] - a.get(r, 0) for r in b}
    delta["total"] -= delta.get("hypercall", 0) + delta.get("management", 0)
    delta.pop("hypercall", None)
    delta.pop("management", None)
    return delta

def jailhouse_guest(res, cpu="max", apic="x2APIC"):
    """A Linux cell with a kernel built for Jailhouse's non-root cells
    (CONFIG_JAILHOUSE_GUEST, from Debian's linux-source-6.1 on a
    tinyconfig base, tests/qemu/jailhouse-guest/kernel.config) instead of
    Debian's: it detects Jailhouse by CPUID, takes its CPUs and devices
    from the SETUP_JAILHOUSE setup_data and, its APICs starting in x2APIC
    mode (BH_CELL_START_X2APIC), keeps x2APIC mode with physical
    destinations; it scans bus 0 only (no MMCONFIG base, pci=lastbus=0)
    and reaches its shell on both CPUs, its idle causing no APIC exit.
    Over an xAPIC-only CPU the same cell starts in xAPIC mode and stays
    there, its timer and EOI emulated."""
    esp, machine = system("jailhouse-guest")
    suffix = "" if apic == "x2APIC" else "-xapic"
    with Boot(esp, WORK, "jailhouse-guest" + suffix, cpu=cpu, serials=3,
              **machine) as b:
        missing = b.wait_for([
            (LINUX_PORT, "Hypervisor detected: Jailhouse"),
            (LINUX_PORT, "smp: Brought up 1 node, 2 CPUs"),
            (LINUX_PORT, "bulkhead-test: idle-exits done"),
            (LINUX_PORT, "bulkhead-linux: shell ready: 2 CPUs"),
            (HELLO_PORT, "tick 2")], timeout=180)
        out = b.output()
        lin = b.output(LINUX_PORT)
    x2 = apic == "x2APIC"
    # Its VM exits over a second of idle, by reason (the driver built for
    # this kernel, bulkhead cell stats --watch): with x2APIC its timer and
    # EOI pass through, so no APIC access exits; over the xAPIC each timer
    # programming and EOI is an emulated MMIO access.
    delta = idle_exits(lin)
    if x2:
        apic_ok = delta.get("xapic") == 0 and delta.get("msr_other") == 0
    else:
        apic_ok = delta.get("xapic", 0) > 0
    res.check("boot/jailhouse-guest-idle-exits%s" % suffix,
              bool(delta) and apic_ok,
              "exits in a second of idle by reason: %r; Linux log "
              "tail:\n%s" % (delta, lin[-2500:]))
    want = (["Setting APIC routing to physical x2apic"] if x2 else
            ["Switched APIC routing to physical flat"])
    unwanted = ["x2apic disabled", "x2apic: IRQ remapping"] + (
        [] if x2 else ["x2apic: enabled"])
    res.check("boot/jailhouse-guest-detected%s" % suffix, not missing and
              "Cell \"linux\" FAILED" not in out,
              "missing %r; Linux log tail:\n%s\nhypervisor log tail:\n%s"
              % (missing, lin[-2500:], out[-1500:]))
    # Its one bus: pci=lastbus=0 (bhimage, no PCI devices) keeps the
    # guest's scan to bus 0; the full scan of 256 buses made 131,072
    # accesses to the absent config ports.
    counts = [int(n) for n in re.findall(
        r'Cell "linux": (\d+) accesses to what is not the cell\'s so far',
        out)]
    res.check("boot/jailhouse-guest-no-bus-scan%s" % suffix,
              not missing and "pci=lastbus=0" in lin and
              max(counts + [0]) <= 1024,
              "absent accesses reached %d (a full bus scan?); Linux log "
              "tail:\n%s" % (max(counts + [0]), lin[-1500:]))
    res.check("boot/jailhouse-guest-apic-mode%s" % suffix,
              not [w for w in want if w not in lin] and
              not [u for u in unwanted if u in lin],
              "want %r, not %r; Linux log tail:\n%s"
              % (want, unwanted, lin[-2500:]))


def machine_unfit(res):
    """A system the build accepts but this machine does not: a cell maps
    the IOAPIC page as an IO region (no irqchip names it, so only the MADT
    says what it is) and owns the PM1a control port (only the FADT names
    it). The hypervisor reports both, naming file, cell and region, and
    powers off before any cell runs."""
    esp, machine = system("machine-unfit")
    head = ('machine: tests/qemu/systems/machine-unfit/01-machine-unfit.c: '
            'cell "machine-unfit": ')
    with Boot(esp, WORK, "machine-unfit", **machine) as b:
        missing = b.wait_for([
            head + "memory region 2 [0xfec00000-0xfec01000) overlaps an "
            "IOAPIC (ACPI MADT) [0xfec00000-0xfec01000)",
            head + "I/O port range 0 [0x604-0x606) overlaps the ACPI PM1a "
            "control block [0x604-0x606) (it can reset or power off the "
            "machine: only a cell with BH_CELL_MACHINE_CONTROL may own it)",
            "FATAL: the system does not fit this machine",
            "Powering off (ACPI S5)"])
        code = b.wait_exit(timeout=60) if not missing else None
        out = b.output()
    res.check("boot/machine-unfit", not missing and code == 0 and
              "entering cell" not in out and "CPUs up" not in out,
              "missing %r, exit %r; log tail:\n%s" % (missing, code,
                                                      out[-2500:]))


def trace_error(res):
    """The error-tracing build (make TRACE_ERROR=1) prints file and line
    of each error return on the way out of a refused boot: here a cell
    whose irqchip names an IOAPIC the machine does not have, which the
    hypervisor refuses before any cell runs. Each reported line must hold
    a trace_error() in the source. The normal build has no tracing."""
    hv = "build/trace/hypervisor.bin"
    esp, machine = system("trace-error", TRACE_ERROR=1, B="build/trace")
    with Boot(esp, WORK, "trace", **machine) as b:
        missing = b.wait_for([
            'cell "bad-irqchip": irqchip 0 at 0xfec10000 is not an IOAPIC '
            'of this machine', "FATAL: building the cells failed",
            "Powering off (ACPI S5)"])
        out = b.output()
    traced = re.findall(r"(\S+\.c):(\d+): returning error -1", out)
    wrong = [(f, n) for f, n in traced if "trace_error(" not in
             open(f).read().splitlines()[int(n) - 1]]
    files = [f for f, _ in traced]
    res.check("boot/trace-error", not missing and not wrong and
              files[:3] == ["arch/x86/ioapic.c", "arch/x86/cell.c",
                            "core/cell.c"] and "entering cell" not in out,
              "missing %r, traced %r, not at a trace_error %r; log tail:\n%s"
              % (missing, traced, wrong, out[-2500:]))
    normal = open(HV, "rb").read()
    res.check("build/no-tracing-by-default", b"returning error" not in normal
              and b"returning error" in open(hv, "rb").read(),
              "the normal hypervisor binary traces errors, or the trace "
              "build does not")


VOTERS = ["approve", "deny", "lock", "silent", "passive", "forever"]


def manage(res, cycles=20):
    """One boot of tests/qemu/systems/manage (or soak): the managing cell
    "manager" (tests/qemu/inmates/manager.c) drives every management
    hypercall against six voter cells (tests/qemu/cells/voter.c), each
    answering as its policy says (inmates/lib/comm.c), polling each
    operation while it prints a heartbeat. Checked: every bad argument
    refused with its error; a locked cell blocks a change to another; a
    stop parks the target and a start rebuilds it from the image (it
    prints its start again); a denial changes nothing and the next request
    is approved; a passive cell is never asked; a silent cell is FAILED
    after its 200 ms and the stop goes on; a cell that waits for ever is
    left running when the manager withdraws; restarting a running cell is
    voted on; the running voters hear RECONFIG_COMPLETED; @cycles
    stop/start cycles (20; 200 for make soak) leave the hypervisor's
    memory as it was and the cell's statistics start from zero each time; a program loaded into a stopped cell runs there; a denied system
    shutdown keeps the machine running, an approved one powers it off."""
    name = "manage" if cycles == 20 else "soak"
    esp, machine = system(name)
    r = "manage: %s %s: result %d, %s, cell %s"
    steps = [
        'Managing cell: "manager"',
        "manage: managing cell up",
        "manage: cell 0 manager state 0 cpus 0x1 starts 1 manager",
        "Management: stop blocked by cell \"lock\" (RUNNING_LOCKED)",
        r % ("stop", "approve", -1, "blocked", "lock"),
        "[lock] comm: shutdown requested: approved",
        cell_stopped("lock", 1),
        r % ("stop", "lock", 0, "done", "-"),
        r % ("stop", "approve", 0, "done", "-"),
        "manage: state approve 2",
        'Cell "approve" rebuilt: 1 CPU(s), 2 memory region(s), 2 blob(s)',
        r % ("start", "approve", 0, "done", "-"),
        "manage: state approve 0",
        "[deny] comm: shutdown requested: denied (0 more to deny)",
        "Management: stop denied by cell \"deny\"",
        r % ("stop", "deny", -1, "denied", "deny"),
        "manage: state deny 0",
        r % ("stop", "deny", 0, "done", "-"),
        "manage: state deny 2",
        r % ("stop", "passive", 0, "done", "-"),
        "[silent] comm: shutdown requested: staying silent",
        "manage: heartbeat 1",
        'Cell "silent" did not answer within 200000 us: stopped, FAILED',
        r % ("stop", "silent", 0, "timed out", "silent"),
        "manage: state silent 3",
        "[forever] comm: shutdown requested: staying silent",
        "manage: heartbeat 4",
        "Management: stop withdrawn (asked by the managing cell), nothing "
        "changed",
        r % ("stop", "forever", -125, "withdrawn", "-"),
        "manage: state forever 0",
        r % ("start", "lock", 0, "done", "-"),
        "manage: state lock 1",
        r % ("start", "deny", -1, "blocked", "lock"),
        "manage: soak %d of %d cycles" % (cycles, cycles),
        r % ("set-loadable", "approve", 0, "done", "-"),
        "manage: load approve: 0 0",
        "[approve] voter approve: started from the load",
        "manage: state approve 0",
        r % ("stop", "forever", 0, "done", "-"),
        r % ("start", "deny", 0, "done", "-"),
        r % ("shutdown", "system", -1, "denied", "deny"),
        "manage: still running after the denied shutdown",
        "Management: system shutdown approved by every cell",
        "Powering off (ACPI S5)",
    ]
    with Boot(esp, WORK, name, **machine) as b:
        missing = b.wait_for(steps + [
            "[lock] comm: cell locked (RUNNING_LOCKED)"], timeout=600)
        code = b.wait_exit(timeout=60)
        out = b.output()
    checks = re.findall(r"manage: check ([^:]+): (\w+)", out)
    res.check("boot/%s-bad-arguments" % name, len(checks) == 23 and
              all(v == "ok" for _, v in checks),
              "checks %r" % checks)
    res.check("boot/%s-operations" % name, not missing,
              "missing %r; log tail:\n%s" % (missing, out[-3000:]))
    # In the order the manager asked: each step after the one before.
    at, late = 0, []
    for m in steps:
        found = out.find(m, at)
        if found < 0:
            late.append(m)
        else:
            at = found + len(m)
    res.check("boot/%s-in-order" % name, not late,
              "not after the step before: %r" % late)
    res.check("boot/%s-passive-never-asked" % name,
              "[passive] comm:" not in out, "the passive cell was asked")
    # After a change the running cells that vote hear of it: "deny" (in
    # the same run from the first stop of "lock" on) and "forever".
    res.check("boot/%s-reconfig-completed" % name, all(
        "[%s] comm: reconfiguration completed: received (1 so far)" % c
        in out for c in ("deny", "forever")),
        "a voter never got RECONFIG_COMPLETED; log tail:\n%s" % out[-2000:])
    # Statistics start from zero at each start: after the soak's restarts
    # the approve cell's count is its last run's, not the sum of all.
    ex = re.search(r"approve exits: (-?\d+) in its first run, (-?\d+) in "
                   r"its last so far", out)
    res.check("boot/%s-statistics-zeroed" % name, ex and
              int(ex.group(1)) > 0 and
              0 <= int(ex.group(2)) < 2 * int(ex.group(1)),
              "exits %r (want the last run's below twice the first run's, "
              "after %d restarts)" % (ex and ex.groups(), cycles))
    # A soak stop may come before the restarted cell prints: count the
    # rebuilds, and the starts that had the time to print.
    rebuilt = out.count('Cell "approve" rebuilt: ')
    starts = out.count("[approve] voter approve: started from the image")
    res.check("boot/%s-restart-from-scratch" % name,
              rebuilt == cycles + 2 and starts >= 2,
              "approve rebuilt %d times (want %d: a start, %d soak cycles, "
              "the load), started from the image %d times (want 2 or more)"
              % (rebuilt, cycles + 2, cycles, starts))
    soak = re.search(r"soak %d of %d cycles, hypervisor memory used (\d+) "
                     r"pages before, (\d+) after" % (cycles, cycles), out)
    res.check("boot/%s-no-leak" % name,
              soak and soak.group(1) == soak.group(2),
              "soak line %r" % (soak and soak.group(0)))
    # A cell the changes are not about runs through all of them, never
    # restarted: started once, its ticks count up from 1 without a gap.
    ticks = [int(t) for t in
             re.findall(r"\[forever\] voter forever: tick (\d+)", out)]
    res.check("boot/%s-others-run" % name, len(ticks) >= 1 and
              ticks == list(range(1, len(ticks) + 1)) and
              out.count("[forever] voter forever: started") == 1,
              "forever's ticks %r" % ticks)
    res.check("boot/%s-stops-clean" % name, "STILL HOLDS" not in out and
              "NOT MASKED" not in out and "FAILED on CPU" not in out,
              "a stopped cell left state behind, or a cell faulted")
    res.check("boot/%s-shutdown-powers-off" % name, code is not None and
              "STILL RUNNING" not in out,
              "QEMU exit %r; log tail:\n%s" % (code, out[-1500:]))


LINUX_VOTERS = ["approve", "deny", "lock", "quiet", "passive", "forever"]


def test_lines(linux):
    """{step: [lines]} and {step: rc} of tests/qemu/linux/manage.sh."""
    lines, rcs = {}, {}
    for step, text in re.findall(r"bulkhead-test: ([\w-]+): (.*?)\r?$",
                                 linux, re.M):
        m = re.fullmatch(r"rc=(\d+)", text)
        if m:
            rcs[step] = int(m.group(1))
        else:
            lines.setdefault(step, []).append(text)
    return lines, rcs


def linux_manage(res):
    """The bulkhead command in the managing Linux cell (one boot of
    tests/qemu/linux/manage.sh; the cell reboots itself half-way): every
    verb and every error, each checked by its message and exit code; the
    voters answer as their policies say; a silent cell is declared FAILED
    while Linux prints a heartbeat; Ctrl-C withdraws a waiting stop; a
    program loaded into a stopped cell runs; the cell's own reboot
    restarts it alone; a denied shutdown keeps the machine running, an
    approved one powers it off."""
    esp, machine = system("linux-manage")
    with Boot(esp, WORK, "linux-manage", serials=2, **machine) as b:
        # Each stage ends early if the Linux cell fails.
        abort = ['Cell "linux" FAILED']
        missing = b.wait_for([(LINUX_PORT, "bulkhead-test: rebooting")],
                             timeout=600, abort=abort) or \
            b.wait_for([(LINUX_PORT, "bulkhead-test: second start"),
                        (LINUX_PORT, "bulkhead-test: shutdown-denied: rc=")],
                       timeout=300, abort=abort) or \
            b.wait_for(["Powering off (ACPI S5)"], timeout=60, abort=abort)
        code = b.wait_exit(timeout=60) if not missing else None
        out, linux = b.output(), b.output(LINUX_PORT)
    res.check("boot/linux-manage-ran", not missing and code is not None,
              "missing %r, QEMU exit %r; Linux tail:\n%s\nhypervisor "
              "tail:\n%s" % (missing, code, linux[-3000:], out[-2000:]))
    first, _, second = linux.partition("bulkhead-test: second start")
    lines, rcs = test_lines(first)
    lines2, rcs2 = test_lines(second)

    def said(step, text):
        return any(text in l for l in lines.get(step, []))

    # (step, exit code, text it printed): each verb and error.
    expect = [
        ("list", 0, "0   linux"),
        ("list", 0, "1   approve                  running         1"),
        ("list", 0, "passive"),
        ("stats", 0, "cell 1 \"approve\" (running): VM exits by reason"),
        ("watch", 0, "cell 1 \"approve\" (running): VM exits by reason"),
        ("blocked", 1, 'bulkhead: cell stop "approve": blocked by cell '
         '"lock", which is locked (RUNNING_LOCKED)'),
        ("stop-locked", 0, 'bulkhead: cell "lock" stopped'),
        ("stop", 0, 'bulkhead: cell "approve" stopped'),
        ("list-stopped", 0, "1   approve                  shut down"),
        ("start", 0, 'bulkhead: cell "approve" started'),
        ("restart", 0, 'bulkhead: cell "approve" started'),
        ("denied", 1, 'bulkhead: cell stop "deny": denied by cell "deny"'),
        ("approved", 0, 'bulkhead: cell "deny" stopped'),
        ("passive", 0, 'bulkhead: cell "passive" stopped'),
        ("timed-out", 6, 'bulkhead: cell stop "quiet": done, but cell '
         '"quiet" did not answer in time and was declared FAILED'),
        # The failed CPUs column: CPU 4, on which it was declared FAILED.
        ("list-failed", 0, "4   quiet                    FAILED          4"
         "            4"),
        ("interrupted", 8, 'bulkhead: cell stop "forever": interrupted: '
         'the request was withdrawn, nothing changed'),
        ("list-interrupted", 0, "6   forever                  running"),
        ("load-running", 5, 'bulkhead: cell "approve" is not stopped: stop '
         'it first'),
        ("load-too-large", 7, 'bulkhead: /tmp/big (1126400 bytes) is larger '
         'than cell "approve"\'s loadable region at 0x0'),
        ("load-not-loadable", 7, 'bulkhead: address 0x100000 is in no '
         'loadable region of cell "approve"'),
        ("load", 0, 'bulkhead: loaded /tests/loaded-cmdline.txt'),
        ("start-loaded", 0, 'bulkhead: cell "approve" started'),
        ("no-such-cell", 3, 'bulkhead: no such cell: "nosuch"'),
        ("not-root", 4, "bulkhead: not permitted: /dev/bulkhead is root's"),
        ("usage", 2, "usage: bulkhead cell list"),
        ("self", 5, 'bulkhead: cell stop "linux": refused by the '
         'hypervisor'),
        ("lock", 0, "bulkhead: this cell is locked"),
        ("blocked-by-self", 1, 'bulkhead: cell start "approve": blocked by '
         'cell "linux", which is locked (RUNNING_LOCKED)'),
        ("unlock", 0, "bulkhead: this cell is unlocked"),
        ("start-unlocked", 0, 'bulkhead: cell "approve" started'),
    ]
    wrong = ["%s: rc %r, lines %r" % (step, rcs.get(step),
                                      lines.get(step))
             for step, rc, text in expect
             if rcs.get(step) != rc or not said(step, text)]
    res.check("boot/linux-manage-cli", not wrong,
              "steps not as expected:\n  " + "\n  ".join(wrong))
    # --watch refreshes every second: three seconds show the table more
    # than once.
    headers = sum("VM exits by reason" in l for l in lines.get("watch", []))
    res.check("boot/linux-manage-watch-refreshes", headers >= 2,
              "the watch printed its table %d time(s)" % headers)
    # The silent cell's second: this cell printed all along.
    wait = first[first.find("bulkhead-test: timed-out: asking"):
                 first.find("bulkhead-test: timed-out: rc=")]
    beats = len(re.findall(r"bulkhead-test: heartbeat \d+", wait))
    res.check("boot/linux-manage-heartbeat-while-waiting", beats >= 5 and
              'Cell "quiet" did not answer within 1000000 us: stopped, '
              'FAILED' in out, "%d heartbeats during the wait" % beats)
    follow = re.search(r"bulkhead-test: follow: rc=(\d+) before (\d+) "
                       r"seen (\d+)", first)
    res.check("boot/linux-manage-console-follow", follow and
              int(follow.group(3)) >= int(follow.group(2)) + 1,
              "console -f: %r" % (follow and follow.group(0)))
    res.check("boot/linux-manage-voters", all(t in out for t in [
        "[deny] comm: shutdown requested: denied (0 more to deny)",
        "[approve] voter approve: started from the load",
        "Management: stop withdrawn (asked by the managing cell), "
        "nothing changed"]) and "[passive] comm:" not in out and
        "bulkhead: shutdown request from the hypervisor: approved" in
        second, "a voter did not answer as its policy says")
    res.check("boot/linux-manage-reboot", all(t in out for t in [
        'Cell "linux" reset itself (CPU 0 wrote its reset register): '
        'restarting it from the image',
        'Cell "linux" rebuilt: 1 CPU(s)']) and
        'Cell "linux" FAILED' not in out and
        out.count("[forever] voter forever: started") == 1,
        "the Linux cell's reboot was not a restart of it alone")
    res.check("boot/linux-manage-shutdown", rcs2.get("start-denier") == 0 and
              rcs2.get("shutdown-denied") == 1 and
              any('shutdown: denied by cell "deny"' in l
                  for l in lines2.get("shutdown-denied", [])) and
              "Management: system shutdown approved by every cell" in out and
              code is not None and "STILL RUNNING" not in out,
              "second start: rc %r lines %r, QEMU exit %r" % (rcs2, lines2,
                                                             code))


# The demo cells and where their lines appear: the hypervisor console
# (port 1, prefixed) or their own UART.
DEMO_CONSOLES = {"apic-timer": (1, "[apic-timer] "), "hello": (HELLO_PORT, ""),
                 "rtos": (4, ""), "smp": (1, "[smp] ")}


def demo_votes(res):
    """The demo system as it is, its Linux cell managing
    (tests/qemu/linux/demo-votes.sh): each demo cell is asked before it
    is stopped, approves (vote=approve on its command line), and starts
    again from the image; a system shutdown asks them all again, they
    approve and the machine powers off."""
    esp, machine = system("demo-votes")
    steps = []
    for c in DEMO_CONSOLES:
        steps += [(LINUX_PORT, "bulkhead-test: stop %s: rc=0" % c),
                  'Cell "%s" rebuilt: ' % c,
                  (LINUX_PORT, "bulkhead-test: start %s: rc=0" % c)]
    steps += ["Management: system shutdown approved by every cell",
              "Powering off (ACPI S5)"]
    with Boot(esp, WORK, "demo-votes", serials=4, **machine) as b:
        missing = b.wait_for(steps, timeout=600)
        code = b.wait_exit(timeout=60) if not missing else None
        outs = {p: b.output(p) for p in (1, HELLO_PORT, 4)}
        lin = b.output(LINUX_PORT)
    asked = {c: outs[port].count(prefix + "comm: shutdown requested: "
                                 "approved")
             for c, (port, prefix) in DEMO_CONSOLES.items()}
    res.check("boot/demo-cells-vote", not missing and
              all(n >= 1 for n in asked.values()),
              "missing %r; approvals per cell %r; Linux log tail:\n%s\n"
              "hypervisor log tail:\n%s" % (missing, asked, lin[-1500:],
                                             outs[1][-2000:]))
    res.check("boot/demo-shutdown-approved", not missing and code == 0 and
              'FAILED' not in outs[1],
              "missing %r, exit %r" % (missing, code))


def linux_voter(res):
    """A Linux cell that does not manage votes through its driver
    (tests/qemu/linux/locked-voter.sh, tests/qemu/systems/linux-voter):
    after bulkhead lock it is RUNNING_LOCKED, which blocks the manager's
    stop of another cell (naming it), and its driver denies its own stop;
    after bulkhead unlock its driver approves, and it is stopped."""
    esp, machine = system("linux-voter")
    r = "[manager] manage: stop %s: result %d, %s, cell %s"
    steps = [
        (LINUX_PORT, "bulkhead-test: lock: rc=0"),
        "[manager] manage: linux in state 1",
        'Management: stop blocked by cell "linux" (RUNNING_LOCKED)',
        r % ("approve", -1, "blocked", "linux"),
        (LINUX_PORT, "bulkhead: shutdown request from the hypervisor: "
         "denied (bulkhead lock)"),
        'Management: stop denied by cell "linux"',
        r % ("linux", -1, "denied", "linux"),
        (LINUX_PORT, "bulkhead-test: unlock: rc=0"),
        "[manager] manage: linux in state 0",
        "[manager] manage: linux exits in 5 s of idle by reason:",
        (LINUX_PORT, "bulkhead: shutdown request from the hypervisor: "
         "approved"),
        r % ("linux", 0, "done", "-"),
        "[manager] manage: state linux 2",
        "[manager] manage: linux-voter done"]
    with Boot(esp, WORK, "linux-voter", serials=2, **machine) as b:
        missing = b.wait_for(steps, timeout=600)
        out = b.output()
        lin = b.output(LINUX_PORT)
    # Between unlock and stop the cell idles at its shell; the manager
    # counts its exits over 5 s from outside (nothing of the measurement
    # runs in it). Debian's kernel on the x2APIC (CPUID naming KVM):
    # timer and EOI pass through; with the options the image builder adds
    # (nohz_full=1: CPU 0 keeps the housekeeping; no proactive
    # compaction) no idle CPU wakes the other by an IPI: not one exit.
    idle = re.search(r"manage: linux exits in 5 s of idle by reason:"
                     r"((?: -?\d+){12})", out)
    names = ["total", "mmio", "management", "hypercall", "pio", "xapic",
             "cr", "cpuid", "xsetbv", "exception", "msr_other",
             "msr_x2apic_icr"]
    counts = dict(zip(names, map(int, idle.group(1).split()))) if idle \
        else {}
    print("INFO boot/linux-idle: exits of the idle Linux cell over 5 s: "
          "%r" % counts, flush=True)
    res.check("boot/linux-idle-no-apic-exits", counts and
              counts["total"] == 0 and
              "Switched APIC routing to physical x2apic" in lin and
              "nohz_full=1 " in lin,
              "exits of the idle Linux cell over 5 s: %r" % counts)
    res.check("boot/linux-voter-lock-deny-approve", not missing and
              'Cell "linux" FAILED' not in out and
              "[approve] comm: shutdown requested" not in out,
              "missing %r; Linux log tail:\n%s\nhypervisor log tail:\n%s"
              % (missing, lin[-1500:], out[-2500:]))


def linux_poweroff(res):
    """The Linux cell powers itself off (tests/qemu/linux/poweroff.sh):
    it is SHUT_DOWN, not FAILED, its CPU parked, and the other cells run
    on. The system is quiet about absent accesses (BH_SYS_QUIET_ABSENT):
    the Linux cell's probes are counted, one notice and a total, not
    listed."""
    esp, machine = system("linux-poweroff")
    with Boot(esp, WORK, "linux-poweroff", serials=2, **machine) as b:
        missing = b.wait_for([
            (LINUX_PORT, "bulkhead-test: powering off"),
            'Cell "linux" powered itself off (CPU 0: ACPI S5 of its own PM1a '
            'control): SHUT_DOWN', cell_stopped("linux", 1)], timeout=600)
        ticks = re.findall(r"\[forever\] voter forever: tick (\d+)",
                           b.output())
        last = int(ticks[-1]) if ticks else 0
        later = b.wait_for(["[forever] voter forever: tick %d" % (last + 2)],
                           timeout=60)
        out = b.output()
    res.check("boot/linux-poweroff", not missing and not later and
              'Cell "linux" FAILED' not in out,
              "missing %r, forever after tick %d %r; log tail:\n%s"
              % (missing, last, later, out[-2500:]))
    listed = re.findall(r"not the cell's, (?:reads as all ones|dropped)",
                        out)
    total = re.search(r'Cell "linux": (\d+) access\(es\) to what is not '
                      r"the cell's in this run", out)
    res.check("boot/quiet-absent-accesses", not listed and
              out.count("such accesses are counted, not listed "
                        "(BH_SYS_QUIET_ABSENT)") == 1 and total and
              int(total.group(1)) > 1,
              "%d listed, total %r" % (len(listed),
                                       total and total.group(0)))


def test_device(res):
    """Jailhouse's x86 test device (BH_CELL_TEST_DEVICE) under the MMIO
    decoder test inmates, one 64-bit (tests/qemu/inmates/mmio-test.c, cell
    mmio-test on CPU 2) and one 32-bit (mmio-test-32.c, cell mmio-test-32
    on CPU 3, flat protected mode): every instruction form each uses reads
    and writes the comm page's bytes 0xff8-0xfff through the device page;
    an access elsewhere in the page stops the cell with a test-device
    error while hello keeps ticking."""
    esp, machine = system("test-device")
    with Boot(esp, WORK, "test-device", **machine) as b:
        missing = b.wait_for([
            "[mmio-test] mmio-test: now a read at offset 0xff0",
            "[mmio-test-32] mmio-test-32: now a read at offset 0xff0",
            'Cell "mmio-test" FAILED on CPU 2: ',
            'Cell "mmio-test-32" FAILED on CPU 3: ',
            (HELLO_PORT, "tick 2")])
        out = b.output()
    for cell, suffix, least in (("mmio-test", "", 26),
                                ("mmio-test-32", "-32", 23)):
        forms = re.findall(r"\[%s\] %s: (.+) (ok|FAILED) \(got"
                           % (cell, cell), out)
        total = re.search(r"%s: (\d+) of (\d+) forms passed" % cell, out)
        res.check("boot/test-device-decoder-forms" + suffix,
                  not missing and len(forms) >= least and
                  all(v == "ok" for _, v in forms) and total and
                  total.group(1) == total.group(2) == str(len(forms)),
                  "missing %r, %d forms, failed %r"
                  % (missing, len(forms),
                     [f for f in forms if f[1] != "ok"]))
        res.check("boot/test-device-other-offsets-refused" + suffix,
                  re.search(r'Cell "%s" FAILED on CPU \d: test device: '
                            r"4-byte read at offset 0xff0 \(only "
                            r"0xff8-0xfff are there\)" % cell, out) and
                  "%s: STILL RUNNING" % cell not in out,
                  "log tail:\n%s" % out[-2000:])


def hypervisor_fault(res):
    """A test build of the hypervisor (make TEST_HOOKS=1, in
    build/testhooks/) faults (#UD) while it handles a hypercall of cell
    hv-fault: that cell is stopped and reported, its CPU parked, and the
    machine and the hello cell go on. In the same boot cell tamper-reset
    has the test build flip a byte of its blob in the image the
    hypervisor keeps and resets itself: the restart checks the cell's
    parts against their SHA-256 again, finds that one changed and leaves
    the cell FAILED. The normal build has neither hypercall."""
    esp, machine = system("hv-fault", **TEST_HOOKS)
    with Boot(esp, WORK, "hv-fault", **machine) as b:
        missing = b.wait_for([
            "[hv-fault] hv-fault: breaking the rule now",
            "hypervisor exception 6, error 0x0 at CS:RIP 0x8:0x",
            'Cell "hv-fault" FAILED on CPU 3: the hypervisor took exception '
            "6 at 0x", "handling exit 0x81 of this cell", parked(3),
            cell_stopped("hv-fault", 1), (HELLO_PORT, "tick 2"),
            "[tamper-reset] tamper-reset: image tampered: 0",
            'Cell "tamper-reset" reset itself (CPU 4 wrote its reset '
            "register): restarting it from the image",
            'Cell "tamper-reset": system image in memory: part ',
            'Cell "tamper-reset" cannot be started: it stays FAILED'])
        ticks = re.findall(r"tick (\d+)", b.output(HELLO_PORT))
        last = int(ticks[-1]) if ticks else 0
        later = b.wait_for([(HELLO_PORT, "tick %d" % (last + 2))],
                           timeout=60)
        out = b.output()
    tamper = re.search(r'Cell "tamper-reset": system image in memory: part '
                       r'\d+ \(blob ([^)]*)\) digest mismatch', out)
    res.check("boot/restart-rechecks-image", tamper and
              "fault.bin" in tamper.group(1) and
              out.count("[tamper-reset] tamper-reset: image tampered") == 1,
              "missing %r; log tail:\n%s" % (missing, out[-2500:]))
    res.check("boot/hypervisor-fault-stops-one-cell", not missing and
              not later and "FATAL" not in out and
              "hv-fault: still running" not in out,
              "missing %r, hello after tick %d %r; log tail:\n%s"
              % (missing, last, later, out[-2500:]))
    code = {elf: subprocess.run(["objdump", "-d", elf], capture_output=True,
                                text=True).stdout
            for elf in ("build/hypervisor.elf",
                        "build/testhooks/hypervisor.elf")}
    res.check("build/no-test-hooks-by-default",
              all(hook in code["build/testhooks/hypervisor.elf"] and
                  hook not in code["build/hypervisor.elf"]
                  for hook in ("$0x7e57", "$0x7e58")),
              "the normal hypervisor has a test hypercall, or the test "
              "build lacks one")


def gdb_debug(res):
    """make debug's set-up: QEMU halted with its gdb stub, and gdb with the
    generated build/debug.gdb, which loads the hypervisor's symbols, sets
    a hardware breakpoint at hv_main and continues. gdb must stop there
    with source lines and read the hand-off through its symbols."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    make("debug-script", GDB_PORT=port)
    with Boot(ESP, WORK, "gdb", extra=["-S", "-gdb", "tcp:127.0.0.1:%d"
                                       % port]) as b:
        time.sleep(1)
        try:
            g = subprocess.run(["gdb", "-batch", "-nx", "-x",
                                "build/debug.gdb", "-ex", "bt 1",
                                "-ex", "p/x ho->magic"],
                               capture_output=True, text=True, timeout=180)
            out = g.stdout + g.stderr
        except subprocess.TimeoutExpired as e:
            out = "gdb timed out: %r" % e.stdout
    magic = re.search(r"\$1 = (0x[0-9a-f]+)", out)
    # What the loader writes there, from the header that defines it.
    want = re.search(r"#define BH_HANDOFF_MAGIC (0x[0-9a-fA-F]+)ULL",
                     open("include/bulkhead/handoff.h").read()).group(1)
    res.check("debug/gdb-stops-at-hv_main",
              re.search(r"hv_main \(ho=0x[0-9a-f]+\) at core/main\.c:\d+",
                        out) and magic and
              int(magic.group(1), 16) == int(want, 16),
              "gdb said:\n%s" % out[-2000:])


def missing_feature(res, cpu, expect):
    """On a CPU model that lacks what Bulkhead needs, the hypervisor says
    what is missing and powers off instead of going on."""
    with Boot(ESP, WORK, "cpu-" + cpu, cpu=cpu) as b:
        missing = b.wait_for([expect, "FATAL: bringing up the CPUs failed",
                              "Powering off (ACPI S5)"])
        code = b.wait_exit(timeout=60) if not missing else None
        out = b.output()
    res.check("boot/cpu-" + cpu, not missing and code == 0 and
              "CPUs up in the hypervisor" not in out,
              "missing %r, exit %r; log tail:\n%s" % (missing, code,
                                                      out[-2000:]))
    # qemu64 has no SHA extensions: the loader's digests take the
    # portable code, and still verify.
    if cpu.startswith("qemu64"):
        res.check("boot/loader-sha256-portable", not missing and
                  "bulkhead-loader: SHA-256 with the portable code (the CPU "
                  "has no SHA instructions)" in out and
                  "bulkhead-loader: verified \\bulkhead\\system.img" in out,
                  "log head:\n%s" % out[:2000])


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


def refused(res, name, esp, machine, expect):
    """Boot @esp on @machine (Boot's smp and mem); the loader must print
    each of @expect, return to the firmware, and the hypervisor must never
    start."""
    with Boot(esp, WORK, name, **machine) as b:
        missing = b.wait_for(expect + [RETURNED])
        out = b.output()
    res.check("boot/refuse-" + name, not missing and BANNER not in out,
              "missing %r, banner %s; log tail:\n%s"
              % (missing, BANNER in out, out[-3000:]))


def tampered_cases():
    """(name, {esp path: new file} or None, [esp files to delete], expect)"""
    img = open(IMG, "rb").read()
    hv = open(HV, "rb").read()
    parts = image_parts(img)
    cell = next(p for p in parts if p[0] == 2)
    blob = next(p for p in parts if p[0] == 3)
    t = lambda n: os.path.join(WORK, n)  # noqa: E731
    sysimg, hvbin = "::/bulkhead/system.img", "::/bulkhead/hypervisor.bin"

    # A hypervisor that is valid in itself but not the one the image was
    # built with: change a byte of its code and seal it again.
    other_hv = write(t("other-hypervisor.bin"), flip(hv, len(hv) - 40))
    subprocess.run([BHIMAGE, "seal-hv", other_hv], check=True)
    wrong_version = bytearray(img)
    wrong_version[8] = 2   # sealed.version

    return [
        # Offset 96: the image header's reserved field, covered only by
        # the whole-image digest.
        ("image-header", {sysimg: write(t("hdr.img"), flip(img, 96))}, [],
         ["\\bulkhead\\system.img: image (header and part table) digest "
          "mismatch: expected"]),
        ("image-magic", {sysimg: write(t("magic.img"), flip(img, 0))}, [],
         ["\\bulkhead\\system.img: bad magic: expected \"BHSYSIMG\", "
          "found bytes 4348535953494d47"]),
        ("cell-config", {sysimg: write(t("cell.img"),
                                       flip(img, cell[3] + 8))}, [],
         ["\\bulkhead\\system.img: part 1 (cell config %s) digest mismatch"
          % cell[5]]),
        ("blob", {sysimg: write(t("blob.img"), flip(img, blob[3] + 3))}, [],
         ["part %d (blob %s) digest mismatch" % (parts.index(blob), blob[5])]),
        ("hypervisor", {hvbin: write(t("hv.bin"), flip(hv, len(hv) // 2))},
         [], ["\\bulkhead\\hypervisor.bin: file digest mismatch: expected"]),
        ("truncated", {sysimg: write(t("trunc.img"), img[:-7])}, [],
         ["\\bulkhead\\system.img: truncated: header says %d bytes, file "
          "has %d" % (len(img), len(img) - 7)]),
        ("version", {sysimg: write(t("version.img"), bytes(wrong_version))},
         [], ["\\bulkhead\\system.img: format version 2, this build reads "
              "version 1"]),
        ("pair", {hvbin: other_hv}, [],
         ["\\bulkhead\\system.img: built for hypervisor",
          "they do not belong together"]),
        ("missing-image", None, [sysimg],
         ["\\bulkhead\\system.img: cannot open: EFI_NOT_FOUND"]),
        ("missing-hypervisor", None, [hvbin],
         ["\\bulkhead\\hypervisor.bin: cannot open: EFI_NOT_FOUND"]),
    ]


def firmware_owned(res):
    """A valid image whose cell memory the firmware holds: the loader names
    the cell, the region and the owner, and releases what it claimed."""
    esp, machine = system("fw-owned")
    # Its cell sits just below 1 GiB, where OVMF keeps itself on a 1 GiB
    # machine; the memory make run would give it (enough to hold every
    # region and the firmware above) would make that plain RAM.
    machine["mem"] = "1G"
    refused(res, "firmware-owned", esp, machine,
            ['error: cell "fw-owned" memory region 0 [0x3fe00000-0x3ff00000)'
             ' cannot be claimed', "firmware holds"])


def tampered(res):
    for name, replace, delete, expect in tampered_cases():
        esp = esp_variant(ESP, os.path.join(WORK, "esp-%s.img" % name),
                          replace=replace, delete=delete)
        refused(res, name, esp, {}, expect)


# Each entry is one group of boots; `tests/run.py --only boot:NAME,...`
# runs chosen groups.
GROUPS = [
    ("good", lambda res: good_boot(res)),
    ("good-xapic", lambda res: good_boot(res, cpu="max,-x2apic",
                                         apic="xAPIC")),
    ("no-svm", lambda res: missing_feature(
        res, "max,-svm", "CPU 0: no AMD SVM (AMD-V): Bulkhead needs it")),
    ("no-npt", lambda res: missing_feature(
        res, "qemu64,+svm",
        "CPU 0: SVM without nested paging (NPT): Bulkhead needs it")),
    ("contained", contained),
    ("contained-late", lambda res: contained(res, late=True)),
    ("contained-faults", contained_faults),
    ("contained-faults-xapic", lambda res: contained_faults(
        res, cpu="max,-x2apic", apic="xAPIC")),
    ("isolation", isolation),
    ("isolation-xapic", lambda res: isolation(res, cpu="max,-x2apic",
                                              apic="xAPIC")),
    ("linux-isolation", linux_isolation),
    ("jailhouse-guest", jailhouse_guest),
    ("jailhouse-guest-xapic", lambda res: jailhouse_guest(
        res, cpu="max,-x2apic", apic="xAPIC")),
    ("machine-unfit", machine_unfit),
    ("trace-error", trace_error),
    ("hypervisor-fault", hypervisor_fault),
    ("manage", manage),
    ("soak", lambda res: manage(res, cycles=200)),
    ("test-device", test_device),
    ("linux-manage", linux_manage),
    ("linux-poweroff", linux_poweroff),
    ("demo-votes", demo_votes),
    ("linux-voter", linux_voter),
    ("gdb", gdb_debug),
    ("tampered", tampered),
    ("firmware-owned", firmware_owned),
]


# Groups run only when named (make soak), not by make test.
ON_DEMAND = {"soak"}


def run(res, only=None):
    os.makedirs(WORK, exist_ok=True)
    for name, fn in GROUPS:
        if (only is None and name not in ON_DEMAND) or \
                (only is not None and name in only):
            fn(res)
