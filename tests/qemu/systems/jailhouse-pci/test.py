# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/jailhouse-pci: a Jailhouse cell
config with a PCI function, imported by bhimage import-jailhouse and built
unedited, runs (tests/qemu/boot_tests.py runs its GROUPS)."""
import os
import re
import subprocess

import import_tests
from bootlib import Boot
from systest import BHIMAGE, WORK, system

# Jailhouse's pci-demo, with QEMU's edu at 00:10.0 for its HDA: the BAR
# region still at the HDA's address in Jailhouse's config, which is not
# where the firmware puts edu's BAR.
JAILHOUSE_EDU = dict(import_tests.PCI_DEMO, pci=[(1, 0x0080, 0, 1)])
IMPORTED = "build/tests/import/jailhouse-pci.c"
DEMO = "[pci-demo] pci-demo: "


def jailhouse_pci(res):
    """The imported cell boots our pci-demo inmate (Jailhouse's own drives
    the HDA, and cannot live in this tree): the BAR region of the
    Jailhouse config is left out, the hypervisor maps edu's BAR where the
    firmware put it, and the inmate drives the function with MSI on the
    imported cell's CPU 2, printing through the hypervisor's console (the
    imported cell's console was the hypervisor's COM1)."""
    os.makedirs(os.path.dirname(IMPORTED), exist_ok=True)
    cell = IMPORTED[:-2] + ".cell"
    with open(cell, "wb") as f:
        f.write(import_tests.jh_cell(**JAILHOUSE_EDU))
    r = subprocess.run([BHIMAGE, "import-jailhouse", "-p",
                        "00:10.0=1234:11e8", cell,
                        "build/inmates/demos/pci-demo.bin"],
                       capture_output=True, text=True)
    with open(IMPORTED, "w") as f:
        f.write(r.stdout)
    res.check("boot/jailhouse-pci-imported", r.returncode == 0 and
              "is taken for a BAR of the cell's PCI functions" in r.stdout,
              r.stderr + r.stdout)
    esp, machine = system("jailhouse-pci")
    with Boot(esp, WORK, "jailhouse-pci", **machine) as b:
        missing = b.wait_for([DEMO + "10 of 10 results right, 10 MSIs"],
                             abort=['Cell "pci-demo" FAILED'])
        out = b.output()
    bar = re.search(r'PCI 0000:00:10\.0 \(1234:11e8\) for cell "pci-demo": '
                    r"BAR0 memory \[0x([0-9a-f]+)-", out)
    seen = re.search(r"pci-demo: edu 00:10\.0, ID 0x010000ed, BAR0 "
                     r"0x([0-9a-f]+), MSI \(capability 0x40\) aimed at "
                     r"APIC ID 2, vector 0x40", out)
    res.check("boot/jailhouse-pci-runs", not missing and bar and seen and
              bar.group(1) == seen.group(1) and
              int(bar.group(1), 16) != 0xfebd4000 and
              DEMO + "1! = 1, computed by the device; MSI 1 received" in out
              and "FAILED" not in out,
              "missing %r, BAR %r, seen %r; log tail:\n%s"
              % (missing, bar and bar.group(1), seen and seen.group(1),
                 out[-2500:]))


GROUPS = [("jailhouse-pci", jailhouse_pci)]
