# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/lifecycle: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import WORK, TEST_HOOKS, system, out_of_order, cell_stopped


def lifecycle(res):
    """A test build of the hypervisor (make TEST_HOOKS=1) that takes two
    seconds more to build a cell named slow-...: the managing cell
    (scenario lifecycle of tests/qemu/inmates/manager.c) stops
    "slow-reset" during its first build; starts it, and stops it again
    during the rebuild that follows its own reset (reset_ms=200). Each
    time the stop is done, the cell SHUT_DOWN, and still so after the
    build would have ended: it ran but for the one start. "reboot",
    asked to stop, resets itself instead (vote=reset): it ends stopped,
    the manager told so. "stubborn" sits in RUNNING_LOCKED, which its
    config does not allow (BH_CELL_NO_LOCK): it blocks nothing, said at
    each operation; it denies its own stop, and a forced stop (not asking
    it) is done. "guarded" allows no forced operation (refused, nothing
    changed) and may not deny: its denial is overruled and it is stopped.
    The bystander "busy" acknowledges each RECONFIG_COMPLETED 600 ms
    late, past its 200 ms time-out, and is never failed for it."""
    esp, machine = system("lifecycle", **TEST_HOOKS)
    r = "[manager] manage: %s %s: result %d, %s, cell %s"
    hook = 'Cell "slow-reset": test hook: building it takes two seconds more'
    late = 'Cell "slow-reset" stopped before its start was done: left ' \
        'SHUT_DOWN, its CPUs parked'
    # In this order. Some lines race others and are only required:
    # the hypervisor prints its notes once the operation's lock is
    # dropped, so a started cell may run (and reset) before its start's
    # note, and the last CPU of a stopped cell may say so after the
    # manager has read the stop done.
    steps = [
        hook,
        late,
        r % ("stop", "slow-reset", 0, "done", "-"),
        "[manager] manage: state slow-reset 2",
        "[manager] manage: state slow-reset 2",
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
        "[stubborn] comm: shutdown requested: denied",
        'Management: stop denied by cell "stubborn"',
        r % ("stop", "stubborn", -1, "denied", "stubborn"),
        "[manager] manage: state stubborn 1",
        'Management: forced stop of cell "stubborn": the cell is not asked',
        r % ("forced stop", "stubborn", 0, "done", "-"),
        "[manager] manage: state stubborn 2",
        'Management: forced stop of cell "guarded" refused: its config '
        "allows none (BH_CELL_NO_FORCE), nothing changed",
        r % ("forced stop", "guarded", -1, "not forceable", "guarded"),
        "[manager] manage: state guarded 0",
        "[guarded] comm: shutdown requested: denied",
        'Management: cell "guarded" refused the stop, which its config '
        "does not allow (BH_CELL_NO_DENY): overruled",
        r % ("stop", "guarded", 0, "done", "-"),
        "[manager] manage: state guarded 2",
        "[manager] manage: state busy 0",
        "[manager] manage: lifecycle done",
    ]
    unlocked = 'Management: cell "stubborn" is RUNNING_LOCKED, which its ' \
        "config does not allow (BH_CELL_NO_LOCK): it blocks nothing"
    unordered = [
        'Management: start of cell "slow-reset" done',
        r % ("start", "slow-reset", 0, "done", "-"),
        "[slow-reset] voter slow-reset: started from the image",
        unlocked,
        cell_stopped("stubborn", 1),
        cell_stopped("guarded", 1),
    ]
    with Boot(esp, WORK, "lifecycle", **machine) as b:
        missing = b.wait_for(steps + unordered, timeout=600)
        out = b.output()
    disorder = out_of_order(out, steps)
    res.check("boot/stop-during-build", not missing and not disorder and
              out.count(late) == 2 and
              out.count("voter slow-reset: started") == 1 and
              out.count("voter reboot: started") == 1 and
              "STILL RUNNING" not in out,
              "missing %r, out of order %r; log tail:\n%s"
              % (missing, disorder, out[-3000:]))
    # The lock of "stubborn" (not allowed) blocked none of the 4
    # operations before its own, said at each, and its one denial was
    # honoured; the forced stop did not ask it again.
    res.check("boot/forced-stop", not missing and not disorder and
              "blocked" not in out and out.count(unlocked) == 4 and
              out.count("[stubborn] comm: shutdown requested") == 1 and
              out.count("[guarded] comm: shutdown requested") == 1,
              "missing %r, out of order %r; log tail:\n%s"
              % (missing, disorder, out[-3000:]))
    # Told of each operation done, late each time (600 ms or more by the
    # PM timer), and never failed for it.
    acks = [int(ms) for ms in
            re.findall(r"\[busy\] comm: answered (\d+) ms after it came",
                       out)]
    done = re.findall(r'Management: \w+ of cell "[^"]+" done', out)
    res.check("boot/busy-bystander-not-failed", not missing and
              'Cell "busy" FAILED' not in out and
              len(acks) == len(done) == 6 and
              all(ms >= 600 for ms in acks),
              "acks %r for %d operations; log tail:\n%s"
              % (acks, len(done), out[-3000:]))


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("lifecycle", lifecycle),
]
