# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/machine-unfit: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
from bootlib import Boot
from systest import WORK, system


POLICY = (" (it can reset or power off the machine: only a cell with "
          "BH_CELL_MACHINE_CONTROL may own it)")


def machine_unfit(res):
    """A system the build accepts but this machine does not: a cell maps
    the IOAPIC page as an IO region (no irqchip names it, so only the MADT
    says what it is), the HPET (only the HPET table names it), ECAM of bus
    16 (the system config understates its window as buses 0-15; the MCFG
    says 0-255) and memory above the CPU's physical address width, and
    owns the PM1a control port, the SMI command port and the GPE0 block
    (only the FADT names them). The hypervisor reports each, naming
    file, cell and region, and the GPE0 block the system config puts
    elsewhere; it lists what the config leaves unstated as the
    initializers that would state it; and it powers off before any cell
    runs."""
    esp, machine = system("machine-unfit")
    head = ('machine: tests/qemu/systems/machine-unfit/01-machine-unfit.c: '
            'cell "machine-unfit": ')
    with Boot(esp, WORK, "machine-unfit", **machine) as b:
        missing = b.wait_for([
            head + "memory region 2 [0xfec00000-0xfec01000) overlaps an "
            "IOAPIC (ACPI MADT) [0xfec00000-0xfec01000)",
            head + "memory region 3 [0xfed00000-0xfed01000) overlaps the "
            "HPET (ACPI HPET table) [0xfed00000-0xfed01000)",
            head + "memory region 4 [0xb1000000-0xb1001000) overlaps the PCI "
            "MMCONFIG window (ACPI MCFG) [0xb0000000-0xc0000000)",
            head + "memory region 5 [0xf00000000000-0xf00000001000) overlaps "
            "the addresses beyond the CPU's physical address width "
            "(MAXPHYADDR, CPUID 0x80000008) [0x",
            head + "I/O port range 0 [0x604-0x606) overlaps the ACPI PM1a "
            "control block [0x604-0x606)" + POLICY,
            head + "I/O port range 1 [0xb2-0xb3) overlaps the SMI command "
            "port (ACPI FADT) [0xb2-0xb3)" + POLICY,
            head + "I/O port range 2 [0x620-0x630) overlaps the ACPI GPE0 "
            "block (FADT) [0x620-0x630)" + POLICY,
            "machine: tests/qemu/systems/machine-unfit/system.c: "
            "platform_info.firmware.gpe0 is { 0x6a0, 16 }, the ACPI FADT "
            "says { 0x620, 16 }: the system config describes another "
            "machine",
            "note: tests/qemu/systems/machine-unfit/system.c: platform_info "
            "leaves unstated what the firmware names; the build could not "
            "keep it from the cells (the boot does). To state it:",
            "note:   .hpet_address = 0xfed00000,",
            "note:   .firmware.smi_command = { 0xb2, 1 },",
            "note:   .firmware.pm1a_event = { 0x600, 4 },",
            "note:   .firmware.pm1a_control = { 0x604, 2 },",
            "FATAL: the system does not fit this machine",
            "Powering off (ACPI S5)"])
        code = b.wait_exit(timeout=60) if not missing else None
        out = b.output()
    # The HPET's interrupts reach any CPU: refused even to a cell that
    # may reset the machine, so its line carries no policy note.
    hpet_policy = [l for l in out.splitlines()
                   if "HPET" in l and "BH_CELL_MACHINE_CONTROL" in l]
    res.check("boot/machine-unfit", not missing and code == 0 and
              "entering cell" not in out and "CPUs up" not in out and
              not hpet_policy,
              "missing %r, exit %r, HPET as policy %r; log tail:\n%s" %
              (missing, code, hpet_policy, out[-2500:]))


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("machine-unfit", machine_unfit),
]
