# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/trace-error: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import WORK, HV, system


def trace_error(res):
    """The error-tracing build (make TRACE_ERROR=1) prints file and line
    of each error return on the way out of a refused boot: here a cell
    whose irqchip names an IOAPIC the machine does not have, which the
    hypervisor refuses before any cell runs. Each reported line must hold
    a trace_error() in the source. The normal build has no tracing."""
    hv = "build/trace/hypervisor.bin"
    esp, machine = system("trace-error", TRACE_ERROR=1, B="build/trace")
    with Boot(esp, WORK, "trace", **machine) as b:
        missing = b.wait_for([
            'cell "bad-irqchip": irqchip 0 at 0xfec10000 is not an IOAPIC '
            'of this machine', "FATAL: building the cells failed",
            "Powering off (ACPI S5)"])
        out = b.output()
    traced = re.findall(r"(\S+\.c):(\d+): returning error -1", out)
    wrong = [(f, n) for f, n in traced if "trace_error(" not in
             open(f).read().splitlines()[int(n) - 1]]
    files = [f for f, _ in traced]
    res.check("boot/trace-error", not missing and not wrong and
              files[:3] == ["arch/x86/ioapic.c", "arch/x86/cell.c",
                            "core/cell.c"] and "entering cell" not in out,
              "missing %r, traced %r, not at a trace_error %r; log tail:\n%s"
              % (missing, traced, wrong, out[-2500:]))
    normal = open(HV, "rb").read()
    res.check("build/no-tracing-by-default", b"returning error" not in normal
              and b"returning error" in open(hv, "rb").read(),
              "the normal hypervisor binary traces errors, or the trace "
              "build does not")


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("trace-error", trace_error),
]
