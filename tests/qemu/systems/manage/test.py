# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/manage: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import WORK, system, cell_stopped, out_of_order


VOTERS = ["approve", "deny", "lock", "silent", "passive", "forever"]


def manage(res, cycles=20):
    """One boot of tests/qemu/systems/manage: the managing cell
    "manager" (tests/qemu/inmates/manager.c) drives every management
    hypercall against six voter cells (tests/qemu/cells/voter.c), each
    answering as its policy says (inmates/lib/comm.c), polling each
    operation while it prints a heartbeat. Checked: every bad argument
    refused with its error; a locked cell blocks a change to another; a
    stop parks the target and a start rebuilds it from the image (it
    prints its start again); a denial changes nothing and the next request
    is approved; a passive cell is never asked; a silent cell is FAILED
    after its 200 ms and the stop goes on; a cell that waits for ever is
    left running when the manager withdraws; restarting a running cell is
    voted on; the running voters hear RECONFIG_COMPLETED; @cycles
    stop/start cycles (20; make soak builds the same system with 200, in
    build/soak) leave the hypervisor's memory as it was and the cell's
    statistics start from zero each time; a program loaded into a stopped
    cell runs there; a denied system shutdown keeps the machine running,
    an approved one powers it off."""
    name = "manage" if cycles == 20 else "soak"
    if cycles == 20:
        esp, machine = system("manage")
    else:
        esp, machine = system("manage", B="build/soak",
                              CONFIG_DEFINES="-DSOAK_CYCLES=%d" % cycles)
    r = "manage: %s %s: result %d, %s, cell %s"
    steps = [
        'Managing cell: "manager"',
        "manage: managing cell up",
        "manage: cell 0 manager state 0 cpus 0x1 starts 1 manager",
        "Management: stop blocked by cell \"lock\" (RUNNING_LOCKED)",
        r % ("stop", "approve", -1, "blocked", "lock"),
        "[lock] comm: shutdown requested: approved",
        cell_stopped("lock", 1),
        r % ("stop", "lock", 0, "done", "-"),
        r % ("stop", "approve", 0, "done", "-"),
        "manage: state approve 2",
        'Cell "approve" rebuilt: 1 CPU(s), 2 memory region(s), 2 blob(s)',
        r % ("start", "approve", 0, "done", "-"),
        "manage: state approve 0",
        "[deny] comm: shutdown requested: denied (0 more to deny)",
        "Management: stop denied by cell \"deny\"",
        r % ("stop", "deny", -1, "denied", "deny"),
        "manage: state deny 0",
        r % ("stop", "deny", 0, "done", "-"),
        "manage: state deny 2",
        r % ("stop", "passive", 0, "done", "-"),
        "[silent] comm: shutdown requested: staying silent",
        "manage: heartbeat 1",
        'Cell "silent" did not answer within 200000 us: stopped, FAILED',
        r % ("stop", "silent", 0, "timed out", "silent"),
        "manage: state silent 3",
        "[forever] comm: shutdown requested: staying silent",
        "manage: heartbeat 4",
        "Management: stop withdrawn (asked by the managing cell), nothing "
        "changed",
        r % ("stop", "forever", -125, "withdrawn", "-"),
        "manage: state forever 0",
        r % ("start", "lock", 0, "done", "-"),
        "manage: state lock 1",
        r % ("start", "deny", -1, "blocked", "lock"),
        "manage: soak %d of %d cycles" % (cycles, cycles),
        r % ("set-loadable", "approve", 0, "done", "-"),
        "manage: load approve: 0 0",
        "[approve] voter approve: started from the load",
        "manage: state approve 0",
        r % ("stop", "forever", 0, "done", "-"),
        r % ("start", "deny", 0, "done", "-"),
        r % ("shutdown", "system", -1, "denied", "deny"),
        "manage: still running after the denied shutdown",
        "Management: system shutdown approved by every cell",
        "Powering off (ACPI S5)",
    ]
    with Boot(esp, WORK, name, **machine) as b:
        missing = b.wait_for(steps + [
            "[lock] comm: cell locked (RUNNING_LOCKED)"], timeout=600)
        code = b.wait_exit(timeout=60)
        out = b.output()
    checks = re.findall(r"manage: check ([^:]+): (\w+)", out)
    res.check("boot/%s-bad-arguments" % name, len(checks) == 23 and
              all(v == "ok" for _, v in checks),
              "checks %r" % checks)
    res.check("boot/%s-operations" % name, not missing,
              "missing %r; log tail:\n%s" % (missing, out[-3000:]))
    # In the order the manager asked: each step after the one before.
    late = out_of_order(out, steps)
    res.check("boot/%s-in-order" % name, not late,
              "not after the step before: %r" % late)
    res.check("boot/%s-passive-never-asked" % name,
              "[passive] comm:" not in out, "the passive cell was asked")
    # After a change the running cells that vote hear of it: "deny" (in
    # the same run from the first stop of "lock" on) and "forever".
    res.check("boot/%s-reconfig-completed" % name, all(
        "[%s] comm: reconfiguration completed: received (1 so far)" % c
        in out for c in ("deny", "forever")),
        "a voter never got RECONFIG_COMPLETED; log tail:\n%s" % out[-2000:])
    # Statistics start from zero at each start: after the soak's restarts
    # the approve cell's count is its last run's, not the sum of all.
    ex = re.search(r"approve exits: (-?\d+) in its first run, (-?\d+) in "
                   r"its last so far", out)
    res.check("boot/%s-statistics-zeroed" % name, ex and
              int(ex.group(1)) > 0 and
              0 <= int(ex.group(2)) < 2 * int(ex.group(1)),
              "exits %r (want the last run's below twice the first run's, "
              "after %d restarts)" % (ex and ex.groups(), cycles))
    # A soak stop may come before the restarted cell prints: count the
    # rebuilds, and the starts that had the time to print.
    rebuilt = out.count('Cell "approve" rebuilt: ')
    starts = out.count("[approve] voter approve: started from the image")
    res.check("boot/%s-restart-from-scratch" % name,
              rebuilt == cycles + 2 and starts >= 2,
              "approve rebuilt %d times (want %d: a start, %d soak cycles, "
              "the load), started from the image %d times (want 2 or more)"
              % (rebuilt, cycles + 2, cycles, starts))
    soak = re.search(r"soak %d of %d cycles, hypervisor memory used (\d+) "
                     r"pages before, (\d+) after" % (cycles, cycles), out)
    res.check("boot/%s-no-leak" % name,
              soak and soak.group(1) == soak.group(2),
              "soak line %r" % (soak and soak.group(0)))
    # A cell the changes are not about runs through all of them, never
    # restarted: started once, its ticks count up from 1 without a gap.
    ticks = [int(t) for t in
             re.findall(r"\[forever\] voter forever: tick (\d+)", out)]
    res.check("boot/%s-others-run" % name, len(ticks) >= 1 and
              ticks == list(range(1, len(ticks) + 1)) and
              out.count("[forever] voter forever: started") == 1,
              "forever's ticks %r" % ticks)
    res.check("boot/%s-stops-clean" % name, "STILL HOLDS" not in out and
              "NOT MASKED" not in out and "FAILED on CPU" not in out,
              "a stopped cell left state behind, or a cell faulted")
    res.check("boot/%s-shutdown-powers-off" % name, code is not None and
              "STILL RUNNING" not in out,
              "QEMU exit %r; log tail:\n%s" % (code, out[-1500:]))


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("manage", manage),
    ("soak", lambda res: manage(res, cycles=200)),
]
