# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/pci: QEMU's edu device at 00:10.0
owned by cell pci-owner, cell pci-prober, which owns no function, cell
pci-msix, which owns an e1000e at 00:11.0 (tests/qemu/inmates/pci.c), and
cell manager, which restarts pci-owner 20 times.
tests/qemu/boot_tests.py runs its GROUPS."""
import re

from bootlib import Boot
from systest import WORK, system

OWNER = "[pci-owner] pci: "
PROBER = "[pci-prober] pci-probe: "
MSIX = "[pci-msix] pci-msix: "


def pci(res):
    """One boot, several checks: what each cell sees of the PCI bus by
    both configuration paths, what the owner may do to its function and
    what the hypervisor keeps from it, and what another cell's writes
    do to it (nothing); then 20 stop/start cycles of the owner, each run
    finding the function reset, whatever the last one left, and getting
    the device's INTx on the IOAPIC pin its config routes it to."""
    esp, machine = system("pci")
    with Boot(esp, WORK, "pci", **machine) as b:
        missing = b.wait_for([
            "PCI 0000:00:10.0 (1234:11e8) for cell \"pci-owner\": BAR0 "
            "memory [",
            "[pci-prober] pci: done", "[pci-msix] pci: done",
            "[manager] manage: pci-owner: "], timeout=600)
        out = b.output()
    tail = "missing %r; log tail:\n%s" % (missing, out[-3000:])
    # Where the firmware put edu's 1 MiB BAR0, as the hypervisor read it.
    m = re.search(r'for cell "pci-owner": BAR0 memory \[0x([0-9a-f]+)-'
                  r'0x([0-9a-f]+)\), MSI, INTx on pin 20 of its irqchip 0'
                  r'\r?\n', out)
    bar = int(m.group(1), 16) if m else 0
    res.check("boot/pci-bar-found", m and int(m.group(2), 16) - bar ==
              0x100000, tail)

    def check(name, *lines):
        res.check("boot/pci-" + name, not missing and
                  all(line in out for line in lines), tail)

    check("owner-sees-its-function-only",
          OWNER + "ECAM scan of bus 0: 1 function(s), the last 00:10.0 "
          "1234:11e8",
          OWNER + "port scan of bus 0: 1 function(s), the last 00:10.0 "
          "1234:11e8")
    check("bar-sizing-and-mapped",
          OWNER + "BAR0 0x%x sizes as 0xfff00000, reads 0x%x restored" %
          (bar, bar),
          OWNER + "decoding on: edu ID 0x010000ed, liveness 0x12345678 "
          "reads back 0xedcba987")
    check("bar-never-moves",
          'Cell "pci-owner": PCI 0000:00:10.0: decoding on with the BAR '
          "at 0x10 moved by the cell: the function stays at the "
          "firmware's address",
          OWNER + "BAR0 written 0x%x: edu ID at 0x%x still 0x010000ed" %
          (bar + 0x10000000, bar))
    check("bus-master-dropped",
          "No IOMMU (no ACPI IVRS): devices' DMA cannot be confined; their "
          "bus mastering stays off unless a config says DMA unconfined",
          'Cell "pci-owner": PCI 0000:00:10.0: bus mastering refused, the '
          "bit dropped: no IOMMU confines the function's DMA",
          OWNER + "bus mastering asked: command reads 0x0402")
    check("read-only-dropped",
          'Cell "pci-owner": PCI 0000:00:10.0: write to configuration '
          "register 0x0 dropped",
          OWNER + "IDs written 0: read 0x11e81234")
    check("msi-refused-without-dma",
          'Cell "pci-owner": PCI 0000:00:10.0: MSI left disabled: its bus '
          "mastering, which MSIs need, is refused")
    check("foreign-function-absent",
          PROBER + "00:10.0 reads 0xffffffff by ECAM, 0xffffffff by port",
          OWNER + "foreign 00:1f.0 reads 0xffffffff by ECAM, 0xffffffff "
          "by port",
          'Cell "pci-prober": write to PCI configuration space at ECAM '
          "offset 0x80004: not the cell's, dropped",
          PROBER + "100 writes to 00:10.0's command register done",
          OWNER + "after 100 writes by another cell: command 0x0402, edu "
          "ID 0x010000ed")
    # The MSI-X table: the cell's entries shadowed through the trapped
    # page (dwords and a qword; a byte write dropped and counted), the
    # pending bits read from the device, MSI-X refused without bus
    # mastering.
    e1000e = re.search(r'PCI 0000:00:11.0 \(8086:10d3\) for cell "pci-msix":'
                       r'.* BAR3 memory \[0x([0-9a-f]+)-', out)
    check("msix-table-shadowed",
          MSIX + "5 vectors, table in BAR3 at 0x%s, vector 0 control 1" %
          (e1000e.group(1) if e1000e else "?"),
          MSIX + "vector 0 reads 0xfee03000 0x0 0x45 0, vector 1 0xfee03000 "
          "0x46, vector 2 data 0x0",
          'Cell "pci-msix": write to MSI-X table (not an aligned access of '
          "4 or 8 bytes) at 0x",
          MSIX + "pending bits 0x0")
    check("msix-refused-without-dma",
          'Cell "pci-msix": PCI 0000:00:11.0: MSI-X left disabled: its bus '
          "mastering, which MSIs need, is refused",
          MSIX + "MSI-X enabled: control reads 0x8004")
    starts = re.findall(r"\[pci-owner\] pci: at start: (.*?)\r?\n", out)
    res.check("boot/pci-reset-every-start", not missing and
              "[manager] manage: pci-owner: 20 stop/start cycles, 21 runs "
              "finished" in out and len(starts) == 21 and
              set(starts) == {"command 0x0400, BAR0 0x%x, MSI control "
                              "0x0080" % bar} and
              out.count('Cell "pci-owner" stopped: all 1 CPU(s) parked, '
                        "its interrupt sources masked") == 20,
              "%d starts: %r; %s" % (len(starts), sorted(set(starts)),
                                     tail))
    # INTx (BH_PCI_INTX, IOAPIC pin 20) in every run, MSI being refused:
    # the line reaches the cell's pin after each reset, which disabled it
    # again ("at start: command 0x0400" above).
    check("intx-every-run",
          *[OWNER + "run %d: INTx on IOAPIC pin 20: 3 of 3 raised arrived, "
            "command 0x0002" % n for n in range(1, 22)])
    # Allowed for the owner; refused for pci-msix's e1000e, whose config
    # routes no line (its command write clears INTx disable).
    res.check("boot/pci-intx-only-where-routed", not missing and
              'Cell "pci-owner": PCI 0000:00:10.0: INTx refused' not in out
              and 'Cell "pci-msix": PCI 0000:00:11.0: INTx refused, INTx '
              "disable stays set: its config routes no INTx line to the "
              "cell (BH_PCI_INTX; told once per run)" in out, tail)
    res.check("boot/pci-no-failure", not missing and "FAILED" not in out,
              tail)


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("pci", pci),
]
