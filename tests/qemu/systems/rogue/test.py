# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/rogue: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import (WORK, TEST_HOOKS, system, HELLO_PORT, HELLO_OUT,
                     cell_stopped)


def contained(res, late=False):
    """A cell that touches an I/O port it does not own is stopped and
    reported with cell, CPU, reason and guest RIP; its other CPU is taken
    out of the cell too (NMI) and counted, so that the cell is reported
    stopped; the other cell runs. With @p late, a test build of the
    hypervisor (make TEST_HOOKS=1) holds each cell's second CPU back for
    0.5 s before its first entry, so that the cell has failed before that
    CPU comes in: it must park without entering, not run the failed
    cell."""
    name = "rogue-late" if late else "rogue"
    esp, machine = system("rogue", **(TEST_HOOKS if late else {}))
    with Boot(esp, WORK, name, **machine) as b:
        missing = b.wait_for([
            'Cell "rogue" FAILED on CPU ',
            ": read of I/O port 0x2ed is not permitted (guest RIP 0x",
            "parked, other cells keep running",
            'stopped: its cell "rogue" failed',
            cell_stopped("rogue", 2),
            (HELLO_PORT, "tick 3")] + HELLO_OUT)
        out = b.output()
    # Both CPUs start at once; whichever claims the UART first faults, and
    # the other must be stopped. Held back, CPU 3 is always the other.
    failed = re.search(r'Cell "rogue" FAILED on CPU (\d)', out)
    stopped = re.search(r'CPU (\d) stopped: its cell "rogue" failed', out)
    cpus = {failed.group(1), stopped.group(1)} if failed and stopped else {}
    ok = not missing and cpus == {"2", "3"} and \
        'Cell "hello" FAILED' not in out
    if late:
        ok = ok and stopped.group(1) == "3" and \
            'CPU 3: entering cell "rogue"' not in out
    res.check("boot/contain-late-cpu" if late else
              "boot/contain-forbidden-port", ok,
              "missing %r, CPUs %r; log tail:\n%s" % (missing, cpus,
                                                      out[-3000:]))


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("contained", contained),
    ("contained-late", lambda res: contained(res, late=True)),
]
