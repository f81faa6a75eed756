# SPDX-License-Identifier: BSD-2-Clause
"""QEMU boot tests of the boot path: a good system boots to the hypervisor
banner, its summary and an ACPI power-off; every kind of damage to the
hypervisor binary or the system image is refused by the loader with its
own message, before any hypervisor output, and the loader returns to the
firmware."""
import os
import re
import subprocess
import time

from bootlib import Boot, esp_variant, flip, image_parts

WORK = "build/tests/boot"
ESP = "build/esp.img"
HV = "build/hypervisor.bin"
IMG = "build/system.img"
BHIMAGE = "build/tools/bhimage"
BANNER = "Bulkhead hypervisor"
RETURNED = "bulkhead-loader: nothing changed; returning to the firmware"


TINY_HELLO = "tiny: hello from a Bulkhead cell"
# What inmates/demos/hello.c prints on its UART (COM2) in cell "hello".
HELLO_COM2 = [
    (2, "Hello from a Bulkhead cell"),
    (2, 'hypervisor signature "Jailhouse" (max leaf 0x40000001), comm '
        'region JHCOMM revision 2'),
    (2, "1 CPU(s), PM timer port 0x608, console 0x2f8"),
    (2, "debug-console hypercall permitted"),
    (2, "running on logical CPU 1; "),
    "[hello] hello: this line went through the hypervisor",
]


# The two timer demos' reports, on the hypervisor console and COM4.
APIC_WINDOW = re.compile(r"\[apic-timer\] window (\d+): (\d+) ticks, jitter "
                         r"min (-?\d+) avg (-?\d+) max (-?\d+) ns; "
                         r"(\d+) VM exits")
RTOS_REPORT = re.compile(r"t=(\d+) ms: control (\d+) jobs (\d+) misses "
                         r"worst (\d+) us; telemetry (\d+) jobs (\d+) "
                         r"misses worst (\d+) us;")


def good_boot(res, cpu="max", apic="x2APIC"):
    """The demo system: verified, every CPU up with SVM, all four cells
    built and running at once. Cell "hello" runs the inmate library's demo
    in 64-bit mode: it sees the Jailhouse signature, its comm region and
    the PM timer, prints through its UART (COM2) and the putc hypercall,
    and keeps ticking. Cell "smp" (COM3) starts its second CPU with
    INIT/SIPI through the x2APIC ICR, which the hypervisor filters and
    emulates (passed through on an x2APIC host, emulated over xAPIC
    otherwise). Cell "apic-timer" takes its own APIC timer's interrupts
    and reports jitter and the exits they cost on the hypervisor console;
    cell "rtos" (COM4) runs its periodic tasks on timer ticks."""
    name = "boot/good-" + cpu
    x2apic = apic == "x2APIC"
    markers = [
        "bulkhead-loader: verified \\bulkhead\\hypervisor.bin",
        "bulkhead-loader: verified \\bulkhead\\system.img",
        "bulkhead-loader: leaving boot services",
        BANNER,
        "Own GDT, IDT and page tables loaded",
        "System image: 4 cells",
        'cell 0 "apic-timer" (cells/apic-timer.c): CPUs 0,',
        'cell 1 "hello" (cells/hello.c): CPUs 1,',
        "region 0: [0x3000000-0x3100000) -> guest 0x0 rwx",
        'cell 2 "rtos" (cells/rtos.c): CPUs 4,',
        'cell 3 "smp" (cells/smp.c): CPUs 2 3,',
        "ACPI MADT: 5 CPUs, APIC IDs 0 1 2 3 4",
    ] + ["CPU %d (APIC ID %d): SVM on, nested paging" % (i, i)
         for i in range(5)] + [
        "All 5 CPUs up in the hypervisor (boot CPU 0, %s)" % apic,
        'Cell "apic-timer" built: 1 CPU(s)',
        'Cell "hello" built: 1 CPU(s)',
        'Cell "rtos" built: 1 CPU(s)',
        'Cell "smp" built: 2 CPU(s)',
        'CPU 0: entering cell "apic-timer" at 0x0',
        'CPU 1: entering cell "hello" at 0x0',
        'CPU 2: entering cell "smp" at 0x0',
        'CPU 3: entering cell "smp" at 0x0',
        'CPU 4: entering cell "rtos" at 0x0',
        (2, "running on logical CPU 1; 4 cells; VM exits so far: "),
        (2, "steady state: 0 VM exits in 5 s"),
        (3, "2 CPUs in the cell, 2 arrived"),
        (3, "started by INIT/SIPI"),
        (3, "SMP demo: all 2 CPUs ran"),
        "[apic-timer] apic-timer: one-shot APIC timer every 1000 us on "
        "logical CPU 0, x2APIC %s" % ("passed through" if x2apic else
                                      "emulated over xAPIC"),
        "[apic-timer] window 2: ",
        (4, "rtos: fixed-priority periodic executive, tick 1000 us"),
        (4, "task control: priority 3, period 5 ms, work 500 us"),
        (4, "task telemetry: priority 2, period 20 ms, work 4000 us"),
        (4, "t=4"),
    ] + HELLO_COM2
    with Boot(ESP, WORK, "good-" + cpu, cpu=cpu, serials=4) as b:
        missing = b.wait_for(markers)
        # Give a misbehaving cell time to show itself before judging.
        time.sleep(2 if not missing else 0)
        out = b.output()
        com2 = b.output(2)
        com4 = b.output(4)
        running = b.proc.poll() is None
    hv_rates = re.search(r"Calibrated against the PM timer: TSC (\d+) kHz, "
                         r"APIC timer (\d+) kHz", out)
    cell_rates = re.search(r"TSC (\d+) kHz, APIC timer (\d+) kHz", com2)
    res.check(name + " calibrated rates in the comm region",
              hv_rates and cell_rates and
              hv_rates.groups() == cell_rates.groups() and
              10**5 < int(hv_rates.group(1)) < 10**7 and
              int(hv_rates.group(2)) > 1000,
              "hypervisor %r, cell %r" % (hv_rates and hv_rates.groups(),
                                          cell_rates and cell_rates.groups()))
    # The hypervisor counts exits per CPU by reason (HC_CPU_GET_INFO): the
    # demo's start-up costs CPUIDs, putc hypercalls and the EFER MSR.
    stats = re.search(r"VM exits so far: (\d+) \(CPUID (\d+), hypercall "
                      r"(\d+), I/O (\d+), MSR (\d+)\)", com2)
    res.check(name + " exit statistics",
              stats and int(stats.group(2)) >= 2 and
              int(stats.group(3)) >= 40 and int(stats.group(5)) >= 1 and
              int(stats.group(1)) >= sum(int(g) for g in stats.groups()[1:]),
              "statistics line %r" % (stats and stats.group(0)))
    # A timer tick costs no exit where the cell owns its x2APIC; over an
    # emulated xAPIC exactly its two APIC writes (timer, EOI) exit.
    windows = [tuple(int(g) for g in m.groups())
               for m in APIC_WINDOW.finditer(out)]
    res.check(name + " apic-timer ticks and exits",
              len(windows) >= 2 and all(
                  w[1] == 5000 and w[2] <= w[3] <= w[4] and
                  w[5] == (0 if x2apic else 2 * w[1]) for w in windows),
              "windows (n, ticks, min, avg, max, exits): %r" % windows)
    reports = [tuple(int(g) for g in m.groups())
               for m in RTOS_REPORT.finditer(com4)]
    res.check(name + " rtos tasks run",
              reports and reports[-1][1] > 100 and reports[-1][4] > 20,
              "rtos reports %r; COM4 tail:\n%s" % (reports, com4[-1000:]))
    res.check(name + " cells running", not missing,
              "missing %r; log tail:\n%s" % (missing, out[-3000:]))
    res.check(name + " no failure", running and "FAILED" not in out and
              "EXCEPTION" not in out + com2 + com4 and
              "error:" not in out and "FATAL" not in out,
              "running %s; log tail:\n%s" % (running, out[-2000:]))


def contained(res):
    """A cell that touches an I/O port it does not own is stopped and
    reported with cell, CPU, reason and guest RIP; its other CPU is taken
    out of the cell too (NMI); the other cell runs."""
    cell = "build/tests/qemu/cells/rogue.cell"
    subprocess.run(["make", "--no-print-directory", "-s", cell], check=True)
    img = os.path.join(WORK, "rogue.img")
    subprocess.run([BHIMAGE, "pack", "-o", img, "-H", HV,
                    "cells/system.c=build/cells/system.cell",
                    "cells/hello.c=build/cells/hello.cell",
                    "tests/qemu/cells/rogue.c=" + cell], check=True)
    esp = esp_variant(ESP, os.path.join(WORK, "esp-rogue.img"),
                      replace={"::/bulkhead/system.img": img})
    with Boot(esp, WORK, "rogue") as b:
        missing = b.wait_for([
            'Cell "rogue" FAILED on CPU ',
            ": read of I/O port 0x2ed is not permitted (guest RIP 0x",
            "parked, other cells keep running",
            'stopped: its cell "rogue" failed',
            (2, "tick 3")] + HELLO_COM2)
        out = b.output()
    # Both CPUs start at once; whichever claims the UART first faults, and
    # the other must be stopped.
    failed = re.search(r'Cell "rogue" FAILED on CPU (\d)', out)
    stopped = re.search(r'CPU (\d) stopped: its cell "rogue" failed', out)
    cpus = {failed.group(1), stopped.group(1)} if failed and stopped else {}
    res.check("boot/contain-forbidden-port", not missing and
              cpus == {"2", "3"} and 'Cell "hello" FAILED' not in out,
              "missing %r, CPUs %r; log tail:\n%s" % (missing, cpus,
                                                      out[-3000:]))


def contained_faults(res):
    """Two faulty cells in one boot: one sends an IPI to another cell's
    CPU, one issues a management hypercall it may not. Each is stopped and
    reported; the hello cell keeps running."""
    built = []
    for name in ("rogue-ipi", "hc-manage"):
        built += ["build/tests/qemu/cells/%s.cell" % name]
    subprocess.run(["make", "--no-print-directory", "-s",
                    "build/tests/qemu/inmates/ipi-foreign.bin",
                    "build/tests/qemu/inmates/hc-manage.bin"] + built,
                   check=True)
    img = os.path.join(WORK, "faults.img")
    subprocess.run([BHIMAGE, "pack", "-o", img, "-H", HV,
                    "cells/system.c=build/cells/system.cell",
                    "cells/hello.c=build/cells/hello.cell"] +
                   ["tests/qemu/cells/%s.c=%s" % (n, c) for n, c in
                    zip(("rogue-ipi", "hc-manage"), built)], check=True)
    esp = esp_variant(ESP, os.path.join(WORK, "esp-faults.img"),
                      replace={"::/bulkhead/system.img": img})
    with Boot(esp, WORK, "faults", serials=4) as b:
        missing = b.wait_for([
            'Cell "rogue-ipi" FAILED on CPU 2: an IPI to a CPU outside the '
            'cell (ICR 0x1000000f0) (guest RIP 0x',
            (4, "ipi-foreign: sending vector 0xf0 to APIC ID 1"),
            'Cell "hc-manage" FAILED on CPU 3: management hypercall 2 from '
            'a cell that may not manage (guest RIP 0x',
            (2, "running on logical CPU 1; 3 cells;"),
            (2, "tick 3")] + HELLO_COM2)
        out = b.output()
        com4 = b.output(4)
    res.check("boot/contain-foreign-ipi-and-management-hypercall",
              not missing and "still running" not in com4 and
              'Cell "hello" FAILED' not in out,
              "missing %r; log tail:\n%s" % (missing, out[-3000:]))


def missing_feature(res, cpu, expect):
    """On a CPU model that lacks what Bulkhead needs, the hypervisor says
    what is missing and powers off instead of going on."""
    with Boot(ESP, WORK, "cpu-" + cpu, cpu=cpu) as b:
        missing = b.wait_for([expect, "FATAL: bringing up the CPUs failed",
                              "Powering off (ACPI S5)"])
        code = b.wait_exit(timeout=60) if not missing else None
        out = b.output()
    res.check("boot/cpu-" + cpu, not missing and code == 0 and
              "CPUs up in the hypervisor" not in out,
              "missing %r, exit %r; log tail:\n%s" % (missing, code,
                                                      out[-2000:]))


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


def refused(res, name, esp, expect):
    """Boot @esp; the loader must print each of @expect, return to the
    firmware, and the hypervisor must never start."""
    with Boot(esp, WORK, name) as b:
        missing = b.wait_for(expect + [RETURNED])
        out = b.output()
    res.check("boot/refuse-" + name, not missing and BANNER not in out,
              "missing %r, banner %s; log tail:\n%s"
              % (missing, BANNER in out, out[-3000:]))


def tampered_cases():
    """(name, {esp path: new file} or None, [esp files to delete], expect)"""
    img = open(IMG, "rb").read()
    hv = open(HV, "rb").read()
    parts = image_parts(img)
    cell = next(p for p in parts if p[0] == 2)
    blob = next(p for p in parts if p[0] == 3)
    t = lambda n: os.path.join(WORK, n)  # noqa: E731
    sysimg, hvbin = "::/bulkhead/system.img", "::/bulkhead/hypervisor.bin"

    # A hypervisor that is valid in itself but not the one the image was
    # built with: change a byte of its code and seal it again.
    other_hv = write(t("other-hypervisor.bin"), flip(hv, len(hv) - 40))
    subprocess.run([BHIMAGE, "seal-hv", other_hv], check=True)
    wrong_version = bytearray(img)
    wrong_version[8] = 2   # sealed.version

    return [
        # Offset 96: the image header's reserved field, covered only by
        # the whole-image digest.
        ("image-header", {sysimg: write(t("hdr.img"), flip(img, 96))}, [],
         ["\\bulkhead\\system.img: image (header and part table) digest "
          "mismatch: expected"]),
        ("image-magic", {sysimg: write(t("magic.img"), flip(img, 0))}, [],
         ["\\bulkhead\\system.img: bad magic: expected \"BHSYSIMG\", "
          "found bytes 4348535953494d47"]),
        ("cell-config", {sysimg: write(t("cell.img"),
                                       flip(img, cell[3] + 8))}, [],
         ["\\bulkhead\\system.img: part 1 (cell config %s) digest mismatch"
          % cell[5]]),
        ("blob", {sysimg: write(t("blob.img"), flip(img, blob[3] + 3))}, [],
         ["part %d (blob %s) digest mismatch" % (parts.index(blob), blob[5])]),
        ("hypervisor", {hvbin: write(t("hv.bin"), flip(hv, len(hv) // 2))},
         [], ["\\bulkhead\\hypervisor.bin: file digest mismatch: expected"]),
        ("truncated", {sysimg: write(t("trunc.img"), img[:-7])}, [],
         ["\\bulkhead\\system.img: truncated: header says %d bytes, file "
          "has %d" % (len(img), len(img) - 7)]),
        ("version", {sysimg: write(t("version.img"), bytes(wrong_version))},
         [], ["\\bulkhead\\system.img: format version 2, this build reads "
              "version 1"]),
        ("pair", {hvbin: other_hv}, [],
         ["\\bulkhead\\system.img: built for hypervisor",
          "they do not belong together"]),
        ("missing-image", None, [sysimg],
         ["\\bulkhead\\system.img: cannot open: EFI_NOT_FOUND"]),
        ("missing-hypervisor", None, [hvbin],
         ["\\bulkhead\\hypervisor.bin: cannot open: EFI_NOT_FOUND"]),
    ]


def firmware_owned(res):
    """A valid image whose cell memory the firmware holds: the loader names
    the cell, the region and the owner, and releases what it claimed."""
    cell = "build/tests/qemu/cells/firmware-owned.cell"
    subprocess.run(["make", "--no-print-directory", "-s", cell], check=True)
    img = os.path.join(WORK, "fw-owned.img")
    subprocess.run([BHIMAGE, "pack", "-o", img, "-H", HV,
                    "cells/system.c=build/cells/system.cell",
                    "cells/hello.c=build/cells/hello.cell",
                    "tests/qemu/cells/firmware-owned.c=" + cell], check=True)
    esp = esp_variant(ESP, os.path.join(WORK, "esp-fw-owned.img"),
                      replace={"::/bulkhead/system.img": img})
    refused(res, "firmware-owned", esp,
            ['error: cell "fw-owned" memory region 0 [0x3fe00000-0x3ff00000)'
             ' cannot be claimed', "firmware holds"])


def tampered(res):
    for name, replace, delete, expect in tampered_cases():
        esp = esp_variant(ESP, os.path.join(WORK, "esp-%s.img" % name),
                          replace=replace, delete=delete)
        refused(res, name, esp, expect)


# Each entry is one group of boots; `tests/run.py --only boot:NAME,...`
# runs chosen groups.
GROUPS = [
    ("good", lambda res: good_boot(res)),
    ("good-xapic", lambda res: good_boot(res, cpu="max,-x2apic",
                                         apic="xAPIC")),
    ("no-svm", lambda res: missing_feature(
        res, "max,-svm", "CPU 0: no AMD SVM (AMD-V): Bulkhead needs it")),
    ("no-npt", lambda res: missing_feature(
        res, "qemu64,+svm",
        "CPU 0: SVM without nested paging (NPT): Bulkhead needs it")),
    ("contained", contained),
    ("contained-faults", contained_faults),
    ("tampered", tampered),
    ("firmware-owned", firmware_owned),
]


def run(res, only=None):
    os.makedirs(WORK, exist_ok=True)
    for name, fn in GROUPS:
        if only is None or name in only:
            fn(res)
