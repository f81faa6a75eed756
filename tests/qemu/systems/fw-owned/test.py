# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/fw-owned: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
from systest import system, refused


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


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("firmware-owned", firmware_owned),
]
