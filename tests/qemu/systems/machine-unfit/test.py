# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/machine-unfit: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
from bootlib import Boot
from systest import WORK, system


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


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("machine-unfit", machine_unfit),
]
