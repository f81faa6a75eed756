# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/jailhouse-guest: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import WORK, system, HELLO_PORT, LINUX_PORT, idle_exits


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


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("jailhouse-guest", jailhouse_guest),
    ("jailhouse-guest-xapic", lambda res: jailhouse_guest(
        res, cpu="max,-x2apic", apic="xAPIC")),
]
