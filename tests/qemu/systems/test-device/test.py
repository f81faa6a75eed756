# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/test-device: what booting that system
must show (tests/qemu/boot_tests.py runs its GROUPS)."""
import re

from bootlib import Boot
from systest import WORK, system, HELLO_PORT


def test_device(res):
    """Jailhouse's x86 test device (BH_CELL_TEST_DEVICE) under the MMIO
    decoder test inmates, one 64-bit (tests/qemu/inmates/mmio-test.c, cell
    mmio-test on CPU 2) and one 32-bit (mmio-test-32.c, cell mmio-test-32
    on CPU 3, flat protected mode): every instruction form each uses reads
    and writes the comm page's bytes 0xff8-0xfff through the device page;
    an access elsewhere in the page stops the cell with a test-device
    error while hello keeps ticking."""
    esp, machine = system("test-device")
    with Boot(esp, WORK, "test-device", **machine) as b:
        missing = b.wait_for([
            "[mmio-test] mmio-test: now a read at offset 0xff0",
            "[mmio-test-32] mmio-test-32: now a read at offset 0xff0",
            'Cell "mmio-test" FAILED on CPU 2: ',
            'Cell "mmio-test-32" FAILED on CPU 3: ',
            (HELLO_PORT, "tick 2")])
        out = b.output()
    for cell, suffix, least in (("mmio-test", "", 29),
                                ("mmio-test-32", "-32", 23)):
        forms = re.findall(r"\[%s\] %s: (.+) (ok|FAILED) \(got"
                           % (cell, cell), out)
        total = re.search(r"%s: (\d+) of (\d+) forms passed" % cell, out)
        res.check("boot/test-device-decoder-forms" + suffix,
                  not missing and len(forms) >= least and
                  all(v == "ok" for _, v in forms) and total and
                  total.group(1) == total.group(2) == str(len(forms)),
                  "missing %r, %d forms, failed %r"
                  % (missing, len(forms),
                     [f for f in forms if f[1] != "ok"]))
        res.check("boot/test-device-other-offsets-refused" + suffix,
                  re.search(r'Cell "%s" FAILED on CPU \d: test device: '
                            r"4-byte read at offset 0xff0 \(only "
                            r"0xff8-0xfff are there\)" % cell, out) and
                  "%s: STILL RUNNING" % cell not in out,
                  "log tail:\n%s" % out[-2000:])


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("test-device", test_device),
]
