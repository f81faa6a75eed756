# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/lifecycle: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import WORK, TEST_HOOKS, BANNER, system, out_of_order, \
    cell_stopped


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
    # "reboot" rebuilds itself on its own CPU while the manager's CPU
    # decides the stop its reset approved: on a loaded host the rebuilt
    # cell may enter, and say it started, before the stop parks it (seen
    # once in a fresh clone's make test); it ends stopped either way.
    res.check("boot/stop-during-build", not missing and not disorder and
              out.count(late) == 2 and
              out.count("voter slow-reset: started") == 1 and
              out.count("voter reboot: started") in (1, 2) and
              "STILL RUNNING" not in out,
              "missing %r, out of order %r; log tail:\n%s"
              % (missing, disorder, out[-3000:]))
    # The lock of "stubborn" (not allowed) blocked none of the 4
    # operations before its own, said at each, and its one denial was
    # honoured; the forced stop did not ask it again.
    res.check("boot/forced-stop", not missing and not disorder and
              "blocked by cell" not in out and out.count(unlocked) == 4 and
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
              not re.search(r'^Cell "busy" FAILED', out, re.M) and
              len(acks) == len(done) == 6 and
              all(ms >= 600 for ms in acks),
              "acks %r for %d operations; log tail:\n%s"
              % (acks, len(done), out[-3000:]))

    flood_checks(res, out, missing)


FLOOD_RATE = 200	# tests/qemu/systems/lifecycle/06-flood.c
FLOOD_BURST = 4096	# CONSOLE_BURST, core/console.h
NOTE_COST = 100		# CONSOLE_NOTE_COST


def flood_checks(res, out, missing):
    """Cell "flood" printed as fast as it could, escapes and forgeries
    included, and reset itself every 500 ms, all along: what reached the
    console is within its budget of 200 characters a second (the busy
    cell's ticks, one a second, are the clock), whole lines only, and the
    drops said; no escape byte reached COM1 and the forgery is a line of
    flood's; its restarts were reported a few at first, then about one
    in ten seconds, each unreported one counted (its CPU's entries too:
    one at boot and one per reported restart); the busy cell lost no
    tick line to it."""
    # The firmware's own escapes come before the hypervisor's banner.
    hv = out[out.find(BANNER):] if BANNER in out else ""
    lines = hv.splitlines()
    mine = [l for l in lines if l.startswith("[flood] ")]
    notes = [l for l in lines if l.startswith(
        'Cell "flood": ') and "console line(s) dropped: over its budget "
        "of 200 characters per second" in l]
    ticks = [int(t) for t in re.findall(r"\[busy\] voter busy: tick (\d+)",
                                        out)]
    seconds = (ticks[-1] if ticks else 0) + 3
    # Ticks lag the hypervisor's clock when busy's CPU waits for a host
    # core, so the bound allows twice the rate: still far below what a
    # budget refilled at each of flood's restarts (two a second, 4096
    # characters each) would let through.
    allowed = FLOOD_BURST + 2 * FLOOD_RATE * seconds
    spent = sum(len(l) - len("[flood] ") + 1 for l in mine) + \
        NOTE_COST * len(notes)
    whole = re.compile(r"\[flood\] (flood \d+: \?\[31mx{80}\?\[0m end|"
                       r"\?\[2K|Cell \"busy\" FAILED on CPU 5: forged|"
                       r"voter flood: (started from the image, .*|"
                       r"resetting itself after 500 ms))$")
    broken = [l for l in mine if not whole.match(l)]
    res.check("boot/console-flood-bounded", not missing and
              mine and notes and
              spent <= allowed and not broken and
              hv and "\x1b" not in hv and not any(
                  l.startswith('Cell "busy" FAILED') for l in lines) and
              ticks == list(range(1, len(ticks) + 1)),
              "%d characters of flood's in %d s (budget %d), %d note(s), "
              "broken lines %r, escape on COM1 %r, busy ticks %r"
              % (spent, seconds, allowed,
                 len(notes), broken[:3], "\x1b" in hv, ticks[-5:]))
    told = re.findall(r'Cell "flood" reset itself \(CPU 6 wrote its reset '
                      r"register\): restarting it from the image(; (\d+) "
                      r"restart\(s\) of its own since the last one reported)?",
                      out)
    hidden = sum(int(n) for _, n in told if n)
    entered = out.count('CPU 6: entering cell "flood"')
    res.check("boot/restarts-reported-bounded", not missing and
              len(told) <= 4 + 2 * seconds // 10 + 1 and hidden > 0 and
              entered == len(told) + 1,
              "%d restart(s) reported in %d s, %d hidden, %d entries"
              % (len(told), seconds, hidden, entered))


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("lifecycle", lifecycle),
]
