# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/linux-manage: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import WORK, system, LINUX_PORT


LINUX_VOTERS = ["approve", "deny", "lock", "quiet", "passive", "forever"]


def test_lines(linux):
    """{step: [lines]} and {step: rc} of tests/qemu/linux/manage.sh."""
    lines, rcs = {}, {}
    for step, text in re.findall(r"bulkhead-test: ([\w-]+): (.*?)\r?$",
                                 linux, re.M):
        m = re.fullmatch(r"rc=(\d+)", text)
        if m:
            rcs[step] = int(m.group(1))
        else:
            lines.setdefault(step, []).append(text)
    return lines, rcs


def linux_manage(res):
    """The bulkhead command in the managing Linux cell (one boot of
    tests/qemu/linux/manage.sh; the cell reboots itself half-way): every
    verb and every error, each checked by its message and exit code; the
    voters answer as their policies say; a silent cell is declared FAILED
    while Linux prints a heartbeat; Ctrl-C withdraws a waiting stop; a
    program loaded into a stopped cell runs; a forced stop does not ask
    the cell, and a cell flagged BH_CELL_NO_FORCE refuses it; the cell's
    own reboot restarts it alone; a denied shutdown keeps the machine
    running, an approved one powers it off."""
    esp, machine = system("linux-manage")
    with Boot(esp, WORK, "linux-manage", serials=2, **machine) as b:
        # Each stage ends early if the Linux cell fails.
        abort = ['Cell "linux" FAILED']
        missing = b.wait_for([(LINUX_PORT, "bulkhead-test: rebooting")],
                             timeout=600, abort=abort) or \
            b.wait_for([(LINUX_PORT, "bulkhead-test: second start"),
                        (LINUX_PORT, "bulkhead-test: shutdown-denied: rc=")],
                       timeout=300, abort=abort) or \
            b.wait_for(["Powering off (ACPI S5)"], timeout=60, abort=abort)
        code = b.wait_exit(timeout=60) if not missing else None
        out, linux = b.output(), b.output(LINUX_PORT)
    res.check("boot/linux-manage-ran", not missing and code is not None,
              "missing %r, QEMU exit %r; Linux tail:\n%s\nhypervisor "
              "tail:\n%s" % (missing, code, linux[-3000:], out[-2000:]))
    first, _, second = linux.partition("bulkhead-test: second start")
    lines, rcs = test_lines(first)
    lines2, rcs2 = test_lines(second)

    def said(step, text):
        return any(text in l for l in lines.get(step, []))

    # (step, exit code, text it printed): each verb and error.
    expect = [
        ("list", 0, "0   linux"),
        ("list", 0, "1   approve                  running         1"),
        ("list", 0, "passive"),
        ("stats", 0, "cell 1 \"approve\" (running): VM exits by reason"),
        ("watch", 0, "cell 1 \"approve\" (running): VM exits by reason"),
        ("blocked", 1, 'bulkhead: cell stop "approve": blocked by cell '
         '"lock", which is locked (RUNNING_LOCKED)'),
        ("stop-locked", 0, 'bulkhead: cell "lock" stopped'),
        ("stop", 0, 'bulkhead: cell "approve" stopped'),
        ("list-stopped", 0, "1   approve                  shut down"),
        ("start", 0, 'bulkhead: cell "approve" started'),
        ("restart", 0, 'bulkhead: cell "approve" started'),
        ("denied", 1, 'bulkhead: cell stop "deny": denied by cell "deny"'),
        ("approved", 0, 'bulkhead: cell "deny" stopped'),
        ("start-deny", 0, 'bulkhead: cell "deny" started'),
        ("forced", 0, 'bulkhead: cell "deny" stopped'),
        ("not-forceable", 4, 'bulkhead: cell stop --force "passive": '
         'refused: the config of cell "passive" allows no forced '
         'operation (BH_CELL_NO_FORCE); nothing changed'),
        ("passive", 0, 'bulkhead: cell "passive" stopped'),
        ("timed-out", 6, 'bulkhead: cell stop "quiet": done, but cell '
         '"quiet" did not answer in time and was declared FAILED'),
        # The failed CPUs column: CPU 4, on which it was declared FAILED.
        ("list-failed", 0, "4   quiet                    FAILED          4"
         "            4"),
        ("interrupted", 8, 'bulkhead: cell stop "forever": interrupted: '
         'the request was withdrawn, nothing changed'),
        ("list-interrupted", 0, "6   forever                  running"),
        ("load-running", 5, 'bulkhead: cell "approve" is not stopped: stop '
         'it first'),
        ("load-too-large", 7, 'bulkhead: /tmp/big (1126400 bytes) is larger '
         'than cell "approve"\'s loadable region at 0x0'),
        ("load-not-loadable", 7, 'bulkhead: address 0x100000 is in no '
         'loadable region of cell "approve"'),
        ("load", 0, 'bulkhead: loaded /tests/loaded-cmdline.txt'),
        ("start-loaded", 0, 'bulkhead: cell "approve" started'),
        ("no-such-cell", 3, 'bulkhead: no such cell: "nosuch"'),
        ("not-root", 4, "bulkhead: not permitted: /dev/bulkhead is root's"),
        ("usage", 2, "usage: bulkhead cell list"),
        ("self", 5, 'bulkhead: cell stop "linux": refused by the '
         'hypervisor'),
        ("lock", 0, "bulkhead: this cell is locked"),
        ("blocked-by-self", 1, 'bulkhead: cell start "approve": blocked by '
         'cell "linux", which is locked (RUNNING_LOCKED)'),
        ("unlock", 0, "bulkhead: this cell is unlocked"),
        ("start-unlocked", 0, 'bulkhead: cell "approve" started'),
    ]
    wrong = ["%s: rc %r, lines %r" % (step, rcs.get(step),
                                      lines.get(step))
             for step, rc, text in expect
             if rcs.get(step) != rc or not said(step, text)]
    res.check("boot/linux-manage-cli", not wrong,
              "steps not as expected:\n  " + "\n  ".join(wrong))
    # --watch refreshes every second: three seconds show the table more
    # than once.
    headers = sum("VM exits by reason" in l for l in lines.get("watch", []))
    res.check("boot/linux-manage-watch-refreshes", headers >= 2,
              "the watch printed its table %d time(s)" % headers)
    # The silent cell's second: this cell printed all along.
    wait = first[first.find("bulkhead-test: timed-out: asking"):
                 first.find("bulkhead-test: timed-out: rc=")]
    beats = len(re.findall(r"bulkhead-test: heartbeat \d+", wait))
    res.check("boot/linux-manage-heartbeat-while-waiting", beats >= 5 and
              'Cell "quiet" did not answer within 1000000 us: stopped, '
              'FAILED' in out, "%d heartbeats during the wait" % beats)
    follow = re.search(r"bulkhead-test: follow: rc=(\d+) before (\d+) "
                       r"seen (\d+)", first)
    res.check("boot/linux-manage-console-follow", follow and
              int(follow.group(3)) >= int(follow.group(2)) + 1,
              "console -f: %r" % (follow and follow.group(0)))
    res.check("boot/linux-manage-voters", all(t in out for t in [
        "[deny] comm: shutdown requested: denied (0 more to deny)",
        "[approve] voter approve: started from the load",
        "Management: stop withdrawn (asked by the managing cell), "
        "nothing changed",
        'Management: forced stop of cell "deny": the cell is not asked',
        'Management: forced stop of cell "passive" refused: its config '
        'allows none (BH_CELL_NO_FORCE), nothing changed']) and
        # Asked for the denied and the approved stop, and twice for the
        # shutdowns; never for the forced stop.
        out.count("[deny] comm: shutdown requested") == 4 and
        "[passive] comm:" not in out and
        "bulkhead: shutdown request from the hypervisor: approved" in
        second, "a voter did not answer as its policy says")
    res.check("boot/linux-manage-reboot", all(t in out for t in [
        'Cell "linux" reset itself (CPU 0 wrote its reset register): '
        'restarting it from the image',
        'Cell "linux" rebuilt: 1 CPU(s)']) and
        'Cell "linux" FAILED' not in out and
        out.count("[forever] voter forever: started") == 1,
        "the Linux cell's reboot was not a restart of it alone")
    res.check("boot/linux-manage-shutdown", rcs2.get("start-denier") == 0 and
              rcs2.get("shutdown-denied") == 1 and
              any('shutdown: denied by cell "deny"' in l
                  for l in lines2.get("shutdown-denied", [])) and
              "Management: system shutdown approved by every cell" in out and
              code is not None and "STILL RUNNING" not in out,
              "second start: rc %r lines %r, QEMU exit %r" % (rcs2, lines2,
                                                             code))


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("linux-manage", linux_manage),
]
