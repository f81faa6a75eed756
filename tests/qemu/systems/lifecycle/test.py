# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/lifecycle: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import WORK, TEST_HOOKS, system, out_of_order


def lifecycle(res):
    """A test build of the hypervisor (make TEST_HOOKS=1) that takes a
    second more to build a cell named slow-...: the managing cell
    (scenario lifecycle of tests/qemu/inmates/manager.c) stops
    "slow-reset" during its first build; starts it, and stops it again
    during the rebuild that follows its own reset (reset_ms=200). Each
    time the stop is done, the cell SHUT_DOWN, and still so after the
    build would have ended: it ran but for the one start. "reboot",
    asked to stop, resets itself instead (vote=reset): it ends stopped,
    the manager told so. The bystander "busy" acknowledges each
    RECONFIG_COMPLETED 600 ms late, past its 200 ms time-out, and is
    never failed for it."""
    esp, machine = system("lifecycle", **TEST_HOOKS)
    r = "[manager] manage: %s %s: result %d, %s, cell %s"
    hook = 'Cell "slow-reset": test hook: building it takes a second more'
    late = 'Cell "slow-reset" stopped before its start was done: left ' \
        'SHUT_DOWN, its CPUs parked'
    steps = [
        hook,
        late,
        r % ("stop", "slow-reset", 0, "done", "-"),
        "[manager] manage: state slow-reset 2",
        "[manager] manage: state slow-reset 2",
        r % ("start", "slow-reset", 0, "done", "-"),
        "[slow-reset] voter slow-reset: resetting itself after 200 ms",
        'Cell "slow-reset" reset itself (CPU 1 wrote its reset register): '
        "restarting it from the image",
        hook,
        late,
        r % ("stop", "slow-reset", 0, "done", "-"),
        "[manager] manage: state slow-reset 2",
        "[manager] manage: state slow-reset 2",
        "[reboot] comm: shutdown requested: resetting the cell instead",
        'Cell "reboot" reset itself (CPU 3 wrote its reset register): '
        "restarting it from the image",
        r % ("stop", "reboot", 0, "done", "-"),
        "[manager] manage: state reboot 2",
        "[manager] manage: state reboot 2",
        "[manager] manage: state busy 0",
        "[manager] manage: lifecycle done",
    ]
    with Boot(esp, WORK, "lifecycle", **machine) as b:
        missing = b.wait_for(steps, timeout=600)
        out = b.output()
    disorder = out_of_order(out, steps)
    res.check("boot/stop-during-build", not missing and not disorder and
              out.count(late) == 2 and
              out.count("voter slow-reset: started") == 1 and
              out.count("voter reboot: started") == 1 and
              "STILL RUNNING" not in out,
              "missing %r, out of order %r; log tail:\n%s"
              % (missing, disorder, out[-3000:]))
    # Told of each of the 4 operations, late each time (600 ms or more
    # by the PM timer), and never failed for it.
    acks = [int(ms) for ms in
            re.findall(r"\[busy\] comm: answered (\d+) ms after it came",
                       out)]
    res.check("boot/busy-bystander-not-failed", not missing and
              'Cell "busy" FAILED' not in out and len(acks) == 4 and
              all(ms >= 600 for ms in acks),
              "log tail:\n%s" % out[-3000:])


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("lifecycle", lifecycle),
]
