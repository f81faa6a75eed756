# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/linux-isolation: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import WORK, system, HELLO_PORT, LINUX_PORT


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


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("linux-isolation", linux_isolation),
]
