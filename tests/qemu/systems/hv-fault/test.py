# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/hv-fault: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re
import subprocess

from bootlib import Boot
from systest import WORK, TEST_HOOKS, system, HELLO_PORT, parked, cell_stopped


def hypervisor_fault(res):
    """A test build of the hypervisor (make TEST_HOOKS=1, in
    build/testhooks/) faults (#UD) while it handles a hypercall of cell
    hv-fault: that cell is stopped and reported, its CPU parked, and the
    machine and the hello cell go on. In the same boot cell tamper-reset
    has the test build flip a byte of its blob in the image the
    hypervisor keeps and resets itself: the restart checks the cell's
    parts against their SHA-256 again, finds that one changed and leaves
    the cell FAILED. Cell hv-nx has it jump to the start-up page, which
    must fault as not executable. Cell tamper-table has the test build
    rewrite the part's digest in the image's own part table too: the
    restart must refuse it all the same, checking against the table the
    hypervisor kept at boot. The normal build has neither hypercall."""
    esp, machine = system("hv-fault", **TEST_HOOKS)
    with Boot(esp, WORK, "hv-fault", **machine) as b:
        missing = b.wait_for([
            "[hv-fault] hv-fault: breaking the rule now",
            "hypervisor exception 6, error 0x0 at CS:RIP 0x8:0x",
            'Cell "hv-fault" FAILED on CPU 3: the hypervisor took exception '
            "6 at 0x", "handling exit 0x81 of this cell", parked(3),
            cell_stopped("hv-fault", 1), (HELLO_PORT, "tick 2"),
            "[tamper-reset] tamper-reset: image tampered: 0",
            'Cell "tamper-reset" reset itself (CPU 4 wrote its reset '
            "register): restarting it from the image",
            'Cell "tamper-reset": system image in memory: part ',
            'Cell "tamper-reset" cannot be started: it stays FAILED',
            'Cell "hv-nx" FAILED on CPU 5: the hypervisor took exception '
            "14 at 0x", parked(5),
            'Cell "tamper-table": test hook: one byte of image part ',
            "and its digest in the image's part table made to match",
            'Cell "tamper-table": system image in memory: part ',
            'Cell "tamper-table" cannot be started: it stays FAILED'])
        ticks = re.findall(r"tick (\d+)", b.output(HELLO_PORT))
        last = int(ticks[-1]) if ticks else 0
        later = b.wait_for([(HELLO_PORT, "tick %d" % (last + 2))],
                           timeout=60)
        out = b.output()
    tamper = re.search(r'Cell "tamper-reset": system image in memory: part '
                       r'\d+ \(blob ([^)]*)\) digest mismatch', out)
    # The same with the image's own part table rewritten to match: the
    # restart checks against the table the hypervisor kept at boot.
    table = re.search(r'Cell "tamper-table": system image in memory: part '
                      r'\d+ \(blob ([^)]*)\) digest mismatch', out)
    res.check("boot/restart-rechecks-against-kept-table", table and
              "fault.bin" in table.group(1) and
              out.count("[tamper-table] tamper-table: image tampered") == 1,
              "missing %r; log tail:\n%s" % (missing, out[-2500:]))
    res.check("boot/restart-rechecks-image", tamper and
              "fault.bin" in tamper.group(1) and
              out.count("[tamper-reset] tamper-reset: image tampered") == 1,
              "missing %r; log tail:\n%s" % (missing, out[-2500:]))
    res.check("boot/hypervisor-fault-stops-one-cell", not missing and
              not later and "FATAL" not in out and
              "hv-fault: still running" not in out,
              "missing %r, hello after tick %d %r; log tail:\n%s"
              % (missing, last, later, out[-2500:]))
    # The start-up page, executable while the CPUs came up through it,
    # is not once they are: the jump faults on the instruction fetch
    # (#PF, error 0x11: present, fetch), at the page's own address.
    page = re.search(r"start-up page (0x[0-9a-f]+) no longer executable",
                     out)
    nx = page and re.search(
        r"hypervisor exception 14, error 0x11 at CS:RIP 0x8:%s, .*CR2 %s"
        % (page.group(1), page.group(1)), out)
    res.check("boot/trampoline-not-executable", not missing and nx,
              "start-up page %r; log tail:\n%s"
              % (page and page.group(1), out[-2500:]))
    code = {elf: subprocess.run(["objdump", "-d", elf], capture_output=True,
                                text=True).stdout
            for elf in ("build/hypervisor.elf",
                        "build/testhooks/hypervisor.elf")}
    res.check("build/no-test-hooks-by-default",
              all(hook in code["build/testhooks/hypervisor.elf"] and
                  hook not in code["build/hypervisor.elf"]
                  for hook in ("$0x7e57", "$0x7e58")),
              "the normal hypervisor has a test hypercall, or the test "
              "build lacks one")


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("hypervisor-fault", hypervisor_fault),
]
