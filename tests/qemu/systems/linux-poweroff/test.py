# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/linux-poweroff: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import WORK, system, LINUX_PORT, cell_stopped


def linux_poweroff(res):
    """The Linux cell powers itself off (tests/qemu/linux/poweroff.sh):
    it is SHUT_DOWN, not FAILED, its CPU parked, and the other cells run
    on. The system is quiet about absent accesses (BH_SYS_QUIET_ABSENT):
    the Linux cell's probes are counted, one notice and a total, not
    listed."""
    esp, machine = system("linux-poweroff")
    with Boot(esp, WORK, "linux-poweroff", serials=2, **machine) as b:
        missing = b.wait_for([
            (LINUX_PORT, "bulkhead-test: powering off"),
            'Cell "linux" powered itself off (CPU 0: ACPI S5 of its own PM1a '
            'control): SHUT_DOWN', cell_stopped("linux", 1)], timeout=600)
        ticks = re.findall(r"\[forever\] voter forever: tick (\d+)",
                           b.output())
        last = int(ticks[-1]) if ticks else 0
        later = b.wait_for(["[forever] voter forever: tick %d" % (last + 2)],
                           timeout=60)
        out = b.output()
    res.check("boot/linux-poweroff", not missing and not later and
              'Cell "linux" FAILED' not in out,
              "missing %r, forever after tick %d %r; log tail:\n%s"
              % (missing, last, later, out[-2500:]))
    listed = re.findall(r"not the cell's, (?:reads as all ones|dropped)",
                        out)
    total = re.search(r'Cell "linux": (\d+) access\(es\) to what is not '
                      r"the cell's in this run", out)
    res.check("boot/quiet-absent-accesses", not listed and
              out.count("such accesses are counted, not listed "
                        "(BH_SYS_QUIET_ABSENT)") == 1 and total and
              int(total.group(1)) > 1,
              "%d listed, total %r" % (len(listed),
                                       total and total.group(0)))


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("linux-poweroff", linux_poweroff),
]
