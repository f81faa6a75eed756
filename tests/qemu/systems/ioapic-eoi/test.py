# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/ioapic-eoi: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
from bootlib import Boot
from systest import WORK, system


def ioapic_eoi(res):
    """Cell ioapic's level-triggered pin 8 (vector 0x38) holds its Remote
    IRR after one interrupt it does not acknowledge; cell eoi-forger
    writes the IOAPIC's EOI register with vector 0x38 for a masked pin of
    its own, twenty times a second. The IOAPIC's own EOI register would
    clear the Remote IRR of every pin with that vector: through the
    hypervisor, the forger's EOIs leave pin 8 as it was, and the ioapic
    cell's own EOI clears it."""
    esp, machine = system("ioapic-eoi")
    pin = "[ioapic] ioapic: level pin 8: "
    with Boot(esp, WORK, "ioapic-eoi", **machine) as b:
        missing = b.wait_for([
            "[eoi-forger] eoi-forger: pin 10 masked with vector 0x38",
            "[eoi-forger] eoi-forger: 100 EOIs of vector 0x38 written",
            pin + "1 interrupt(s), remote IRR 1",
            pin + "remote IRR 1 after another cell's EOIs of vector 0x38",
            pin + "remote IRR 0 after its own EOI"], timeout=300)
        out = b.output()
    res.check("boot/ioapic-eoi-own-pins-only", not missing and
              'FAILED' not in out,
              "missing %r; log tail:\n%s" % (missing, out[-2500:]))


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("ioapic-eoi", ioapic_eoi),
]
