# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/linux-pci: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import LINUX_PORT, WORK, system

SAY = "bulkhead-linux: "


def linux_pci(res):
    """Debian's kernel in a Linux cell that owns QEMU's edu device at
    00:10.0 finds the bus through the host bridge of its DSDT, with the
    MMCONFIG window its motherboard resources reserve, and on it exactly
    its function: IDs, class, the BAR where the firmware put it (as the
    hypervisor read it at boot) and the configuration header by sysfs;
    enabled by the kernel, the device answers through its BAR. The
    machine has QEMU's AMD IOMMU, as every boot test's (bootlib), so the
    console says the function's DMA and interrupts go through it."""
    esp, machine = system("linux-pci")
    with Boot(esp, WORK, "linux-pci", **machine) as b:
        missing = b.wait_for([(LINUX_PORT, SAY + "pci test done")],
                             timeout=600)
        out, lin = b.output(), b.output(LINUX_PORT)
    tail = "missing %r; COM2 tail:\n%s" % (missing, lin[-3000:])
    m = re.search(r'for cell "linux": BAR0 memory \[0x([0-9a-f]+)-'
                  r'0x([0-9a-f]+)\), MSI, INTx on pin 20 of its irqchip 0, '
                  r'DMA and interrupts through the IOMMU\r?\n', out)
    bar, end = (int(m.group(1), 16), int(m.group(2), 16)) if m else (0, 0)
    res.check("boot/linux-pci-host-bridge", not missing and
              "ACPI: PCI Root Bridge [PCI0] (domain 0000 [bus 00-ff])" in lin
              and "PCI: MMCONFIG at [mem 0xb0000000-0xbfffffff] reserved "
              "in ACPI motherboard resources" in lin, tail)
    res.check("boot/linux-pci-finds-its-function", not missing and m and
              SAY + "pci 0000:00:10.0 0x1234:0x11e8 class 0x00ff00 BAR0 "
              "0x%016x 0x%016x 0x0000000000040200" % (bar, end - 1) in lin
              and SAY + "pci 0000:00:10.0 config  11e81234 " in lin and
              SAY + "pci functions: 1" in lin, tail)
    # The kernel's command: memory decoding on; bus mastering, which the
    # IOMMU would allow, not asked for (no driver); INTx disable cleared,
    # which the config's route allows.
    en = re.search(SAY + r"pci 0000:00:10.0 enabled: command ([0-9a-f]{4}), "
                   r"edu ID 0x010000ED", lin)
    # The _PRT the image builder wrote for the route (BH_PCI_INTX, pin
    # 20) gives the kernel its IRQ; without it: "can't derive routing".
    res.check("boot/linux-pci-intx-routed-by-prt", not missing and en and
              int(en.group(1), 16) & 0x400 == 0 and
              SAY + "pci 0000:00:10.0 irq 20" in lin and
              "can't derive routing" not in lin, tail)
    res.check("boot/linux-pci-device-answers", not missing and en and
              int(en.group(1), 16) & 0x6 == 0x2, tail)
    res.check("boot/linux-pci-no-failure", not missing and "FAILED" not in
              out and "Kernel panic" not in lin, tail)


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("linux-pci", linux_pci),
]
