# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/pci-unfit: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
from bootlib import Boot
from systest import WORK, system


def pci_unfit(res):
    """PCI functions the build accepts but the machine has otherwise: the
    edu device at 00:10.0 under another device ID, no function at
    00:12.0, and the edu device at 00:13.0 whose BAR lies in a memory
    region of its own cell.
    The hypervisor reports each, naming file, cell and function (and the
    BAR and region), and powers off before any cell runs."""
    esp, machine = system("pci-unfit")
    unfit = ('machine: tests/qemu/systems/pci-unfit/01-pci-unfit.c: cell '
             '"pci-unfit": ')
    with Boot(esp, WORK, "pci-unfit", **machine) as b:
        missing = b.wait_for([
            unfit + "PCI device 0 (0000:00:10.0) is 1234:11e8, the config "
            "expects 1234:11e9",
            unfit + "PCI device 1 (0000:00:12.0): no function answers there "
            "(the config expects 1234:11e8)",
            'machine: tests/qemu/systems/pci-unfit/02-pci-bar.c: cell '
            '"pci-bar": PCI device 0 (0000:00:13.0) memory BAR 0 [0x',
            "overlaps memory region 2 [0xc0000000-0xd0000000) of cell "
            '"pci-bar"',
            "FATAL: the system does not fit this machine",
            "Powering off (ACPI S5)"])
        code = b.wait_exit(timeout=60) if not missing else None
        out = b.output()
    res.check("boot/pci-unfit-refused", not missing and code == 0 and
              "entering cell" not in out,
              "missing %r, exit %r; log tail:\n%s" % (missing, code,
                                                       out[-2500:]))


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("pci-unfit", pci_unfit),
]
