# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/linux-voter: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import WORK, system, LINUX_PORT


def linux_voter(res):
    """A Linux cell that does not manage votes through its driver
    (tests/qemu/linux/locked-voter.sh, tests/qemu/systems/linux-voter):
    after bulkhead lock it is RUNNING_LOCKED, which blocks the manager's
    stop of another cell (naming it), and its driver denies its own stop;
    after bulkhead unlock its driver approves, and it is stopped. The
    driver sleeps until the hypervisor interrupts it for a message
    (HC_BH_MSG_INTERRUPT): its one message so far came with exactly one
    interrupt, and idle it causes no exit in 10 s."""
    esp, machine = system("linux-voter")
    r = "[manager] manage: stop %s: result %d, %s, cell %s"
    steps = [
        (LINUX_PORT, "bulkhead-test: lock: rc=0"),
        "[manager] manage: linux in state 1",
        'Management: stop blocked by cell "linux" (RUNNING_LOCKED)',
        r % ("approve", -1, "blocked", "linux"),
        (LINUX_PORT, "bulkhead: shutdown request from the hypervisor: "
         "denied (bulkhead lock)"),
        'Management: stop denied by cell "linux"',
        r % ("linux", -1, "denied", "linux"),
        (LINUX_PORT, "bulkhead: messages interrupt CPU 0 (APIC ID "),
        (LINUX_PORT, "bulkhead-test: driver: messages 1 interrupts 1"),
        (LINUX_PORT, "bulkhead-test: unlock: rc=0"),
        "[manager] manage: linux in state 0",
        "[manager] manage: linux exits in 10 s of idle by reason:",
        (LINUX_PORT, "bulkhead: shutdown request from the hypervisor: "
         "approved"),
        r % ("linux", 0, "done", "-"),
        "[manager] manage: state linux 2",
        "[manager] manage: linux-voter done"]
    with Boot(esp, WORK, "linux-voter", serials=2, **machine) as b:
        missing = b.wait_for(steps, timeout=600)
        out = b.output()
        lin = b.output(LINUX_PORT)
    # Between unlock and stop the cell idles at its shell; the manager
    # counts its exits over 10 s from outside (nothing of the measurement
    # runs in it). Debian's kernel on the x2APIC (CPUID naming KVM):
    # timer and EOI pass through; with the options the image builder adds
    # (nohz_full=1: CPU 0 keeps the housekeeping; no proactive
    # compaction) no idle CPU wakes the other by an IPI: not one exit.
    idle = re.search(r"manage: linux exits in 10 s of idle by reason:"
                     r"((?: -?\d+){12})", out)
    names = ["total", "mmio", "management", "hypercall", "pio", "xapic",
             "cr", "cpuid", "xsetbv", "exception", "msr_other",
             "msr_x2apic_icr"]
    counts = dict(zip(names, map(int, idle.group(1).split()))) if idle \
        else {}
    print("INFO boot/linux-idle: exits of the idle Linux cell over 10 s: "
          "%r" % counts, flush=True)
    res.check("boot/linux-idle-no-apic-exits", counts and
              counts["total"] == 0 and
              "Switched APIC routing to physical x2apic" in lin and
              "nohz_full=1 " in lin,
              "exits of the idle Linux cell over 10 s: %r" % counts)
    res.check("boot/linux-voter-lock-deny-approve", not missing and
              'Cell "linux" FAILED' not in out and
              "[approve] comm: shutdown requested" not in out,
              "missing %r; Linux log tail:\n%s\nhypervisor log tail:\n%s"
              % (missing, lin[-1500:], out[-2500:]))


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("linux-voter", linux_voter),
]
