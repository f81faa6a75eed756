# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/iommu-policy: the system's policy
BH_SYS_DMA_FAULT_STOPS (tests/qemu/boot_tests.py runs its GROUPS)."""
from bootlib import Boot
from systest import WORK, TEST_HOOKS, system, parked, cell_stopped

ATTACKER = "[dma-attacker] dma: "


def iommu_policy(res):
    """The iommu test system (a test build) whose system config sets
    BH_SYS_DMA_FAULT_STOPS: in its one run the attacker has the
    hypervisor log the I/O page fault its write outside its DMA region
    makes on silicon; at the managing cell's next request the hypervisor
    reads the log, reports the fault and stops the attacker as FAILED
    for it, naming device, access and policy; the attacker's CPU parks,
    and the victim and the manager go on."""
    esp, machine = system("iommu-policy", **TEST_HOOKS)
    expect = [
        ATTACKER + "run 1: fault logged: 0",
        ATTACKER + "run 1 finished",
        'IOMMU 0: I/O page fault, device 00:10.0 (cell "dma-attacker"), '
        "address 0x70000, write",
        'Cell "dma-attacker" FAILED: its devices made DMA accesses the '
        "IOMMU refused (above); the system's policy "
        "(BH_SYS_DMA_FAULT_STOPS) stops it, other cells keep running",
        parked(1),
        cell_stopped("dma-attacker", 1),
        'Cell "dma-attacker": 1 DMA fault(s) of its devices in this run',
        "[manager] manage: state dma-attacker 3",
        "[manager] manage: dma-attacker: 0 stop/start cycles, 1 runs "
        "finished",
        "[dma-victim] dma-victim: after 1 attacker run(s): its page 4096 "
        "of 4096 bytes intact, 0 interrupt(s) on vector 0x41",
    ]
    with Boot(esp, WORK, "iommu-policy", **machine) as b:
        missing = b.wait_for(expect, timeout=300)
        out = b.output()
    # The manager goes on after the attacker's failure (its last lines
    # come after it), no other cell fails.
    failed = out.find('Cell "dma-attacker" FAILED')
    res.check("boot/iommu-policy-stops-the-cell", not missing and
              out.find(expect[-2]) > failed >= 0 and
              out.count(" FAILED") == 1,
              "missing %r; log tail:\n%s" % (missing, out[-3000:]))


GROUPS = [("iommu-policy", iommu_policy)]
