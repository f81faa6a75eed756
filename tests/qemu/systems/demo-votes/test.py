# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/demo-votes: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import WORK, system, HELLO_PORT, LINUX_PORT


# The demo cells and where their lines appear: the hypervisor console
# (port 1, prefixed) or their own UART.
DEMO_CONSOLES = {"apic-timer": (1, "[apic-timer] "), "hello": (HELLO_PORT, ""),
                 "rtos": (4, ""), "smp": (1, "[smp] ")}


def demo_votes(res):
    """The demo system as it is, its Linux cell managing
    (tests/qemu/linux/demo-votes.sh): each demo cell is asked before it
    is stopped, approves (vote=approve on its command line), and starts
    again from the image; a system shutdown asks them all again, they
    approve and the machine powers off."""
    esp, machine = system("demo-votes")
    steps = []
    for c in DEMO_CONSOLES:
        steps += [(LINUX_PORT, "bulkhead-test: stop %s: rc=0" % c),
                  'Cell "%s" rebuilt: ' % c,
                  (LINUX_PORT, "bulkhead-test: start %s: rc=0" % c)]
    steps += ["Management: system shutdown approved by every cell",
              "Powering off (ACPI S5)"]
    with Boot(esp, WORK, "demo-votes", serials=4, **machine) as b:
        missing = b.wait_for(steps, timeout=600)
        code = b.wait_exit(timeout=60) if not missing else None
        outs = {p: b.output(p) for p in (1, HELLO_PORT, 4)}
        lin = b.output(LINUX_PORT)
    asked = {c: outs[port].count(prefix + "comm: shutdown requested: "
                                 "approved")
             for c, (port, prefix) in DEMO_CONSOLES.items()}
    res.check("boot/demo-cells-vote", not missing and
              all(n >= 1 for n in asked.values()),
              "missing %r; approvals per cell %r; Linux log tail:\n%s\n"
              "hypervisor log tail:\n%s" % (missing, asked, lin[-1500:],
                                             outs[1][-2000:]))
    # The managing Linux cell votes too: each of its 8 operations sent
    # it at least a RECONFIG_COMPLETED, each announced by one interrupt
    # that the manager's own hypercall sent its own CPU.
    m = re.search(r"bulkhead-test: driver: messages (\d+) interrupts (\d+)",
                  lin)
    counts = (int(m.group(1)), int(m.group(2))) if m else None
    res.check("boot/demo-manager-interrupt-per-message",
              counts and counts[0] >= 8 and counts[0] == counts[1],
              "driver's (messages, interrupts): %r" % (counts,))
    res.check("boot/demo-shutdown-approved", not missing and code == 0 and
              'FAILED' not in outs[1],
              "missing %r, exit %r" % (missing, code))


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("demo-votes", demo_votes),
]
