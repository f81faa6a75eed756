# SPDX-License-Identifier: BSD-2-Clause
"""What the boot tests of every system share (tests/qemu/boot_tests.py
and each tests/qemu/systems/NAME/test.py): where things are built, how a
test system is built, and the lines several systems print or check."""
import os
import re
import shutil
import socket
import subprocess

from bootlib import Boot


WORK = "build/tests/boot"


ESP = "build/esp.img"


HV = "build/hypervisor.bin"


IMG = "build/system.img"


BHIMAGE = "build/tools/bhimage"


BANNER = "Bulkhead hypervisor"


RETURNED = "bulkhead-loader: nothing changed; returning to the firmware"


def make(*targets, **variables):
    subprocess.run(["make", "--no-print-directory", "-s"] +
                   ["%s=%s" % kv for kv in variables.items()] +
                   list(targets), check=True)


SYSTEMS = "tests/qemu/systems"


# The test build of the hypervisor (Documentation/testing.md), in its own
# build directory.
TEST_HOOKS = {"TEST_HOOKS": 1, "B": "build/testhooks"}


def machine(system_dir, out):
    """The machine the system in @system_dir, built into @out, asks for,
    as keyword arguments of Boot: smp and mem (bhimage's qemu-machine),
    extra (the QEMU options of its qemu-devices file: the devices its
    cells own; Documentation/testing.md), iommu False if it has a file
    no-iommu. make run reads the same files. What a test must not share
    with a make run is made its own: a port forward to 127.0.0.1 gets a
    free port (forwarded_port()), and a drive's image file a copy in
    WORK, taken now."""
    smp, mem = open(os.path.join(out, "qemu-machine")).read().split()
    m = {"smp": int(smp), "mem": mem}
    devices = os.path.join(system_dir, "qemu-devices")
    if os.path.exists(devices):
        extra = []
        for arg in open(devices).read().split():
            arg = re.sub(r"(hostfwd=tcp:127\.0\.0\.1:)\d+-",
                         lambda f: "%s%d-" % (f.group(1), free_port()), arg)
            image = re.search(r"(?:^|,)file=([^,]+)", arg)
            if image:
                copy = os.path.join(WORK, "%s-%s" % (
                    os.path.basename(os.path.normpath(system_dir)),
                    os.path.basename(image.group(1))))
                os.makedirs(WORK, exist_ok=True)
                shutil.copyfile(image.group(1), copy)
                arg = arg.replace("file=" + image.group(1), "file=" + copy)
            extra.append(arg)
        m["extra"] = extra
    if os.path.exists(os.path.join(system_dir, "no-iommu")):
        m["iommu"] = False
    return m


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def forwarded_port(m):
    """The host port of @m's (machine()'s) forward to the guest, or
    None."""
    for arg in m.get("extra", []):
        f = re.search(r"hostfwd=tcp:127\.0\.0\.1:(\d+)-", arg)
        if f:
            return int(f.group(1))
    return None


def system(name, **variables):
    """Build the test system tests/qemu/systems/@name as a user would,
    make SYSTEM=DIR (with @variables: a test build's B and its flag), and
    return its ESP and the machine it asks for (machine())."""
    make(SYSTEM=os.path.join(SYSTEMS, name), **variables)
    out = os.path.join(variables.get("B", "build"), name)
    return (os.path.join(out, "esp.img"),
            machine(os.path.join(SYSTEMS, name), out))


def demo_machine():
    """The machine the demo (cells/, built into build/: ESP) asks for
    (machine())."""
    return machine("cells", "build")


TINY_HELLO = "tiny: hello from a Bulkhead cell"


# What inmates/demos/hello.c prints on its UART (COM3) in cell "hello".
HELLO_PORT = 3


HELLO_OUT = [
    (HELLO_PORT, "Hello from a Bulkhead cell"),
    (HELLO_PORT, 'hypervisor signature "Jailhouse" (max leaf 0x40000001), '
                 'comm region JHCOMM revision 2'),
    # No PCI device, so no MMCONFIG base in its comm region.
    (HELLO_PORT, "1 CPU(s), PM timer port 0x608, console 0x3e8, PCI "
                 "MMCONFIG 0x0"),
    (HELLO_PORT, "debug-console hypercall permitted"),
    (HELLO_PORT, "running on logical CPU 1; "),
    "[hello] hello: this line went through the hypervisor",
]


# The Linux cell (cells/linux.c) on COM2: its boot shim, the kernel's e820
# map of the cell's memory, SMP start, and the initramfs' marker.
LINUX_PORT = 2


def parked(cpu):
    """What the hypervisor says of a stopped cell's CPU whose APIC it
    cleared and read back as clear."""
    return ("CPU %d parked: its APIC holds nothing of the cell (LVTs "
            "masked, timer stopped, nothing pending or in service)" % cpu)


def out_of_order(out, steps):
    """The lines of @steps not found in @out after the one before them
    (each found from where the previous one ended): [] if @out has them
    all, in that order."""
    at, late = 0, []
    for m in steps:
        found = out.find(m, at)
        if found < 0:
            late.append(m)
        else:
            at = found + len(m)
    return late


def lines_about(out, words, limit=40):
    """The lines of @out that name any of @words (a cell's "[name]"
    prefix, '"name"', "CPU n"), at most @limit of them: what a failed
    check shows instead of a log tail the other cells filled."""
    hits = [line for line in out.splitlines()
            if any(w in line for w in words)]
    return "\n".join(hits[:limit]) or "(no line names %r)" % (words,)


def cell_stopped(name, cpus):
    """What the last CPU of a stopped cell says, its IOAPIC pins read back
    masked."""
    return ('Cell "%s" stopped: all %d CPU(s) parked, its interrupt '
            'sources masked' % (name, cpus))


def stats_tables(text):
    """Every table of 'bulkhead cell stats' in @text, in order: {reason:
    VM exits on all the cell's CPUs}."""
    tables, table = [], None
    for line in text.splitlines():
        fields = line.split()
        if fields[:1] == ["REASON"]:
            table = {}
            tables.append(table)
        elif table is not None and len(fields) > 1 and all(
                f.isdigit() for f in fields[1:]):
            table[fields[0]] = int(fields[-1])
        else:
            table = None
    return tables


def idle_exits(lin):
    """One second of the Linux cell's idle, by reason, from the last two
    tables of tests/qemu/linux/idle-exits.sh; the exits of printing the
    table itself (its hypercalls) are not the idle's and are left out."""
    part = lin[lin.find("bulkhead-test: idle exits"):
               lin.find("bulkhead-test: idle-exits done")]
    tables = [t for t in stats_tables(part) if "total" in t]
    if len(tables) < 3:
        return {}
    a, b = tables[-2], tables[-1]
    delta = {r: b[r] - a.get(r, 0) for r in b}
    delta["total"] -= delta.get("hypercall", 0) + delta.get("management", 0)
    delta.pop("hypercall", None)
    delta.pop("management", None)
    return delta


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


def refused(res, name, esp, machine, expect):
    """Boot @esp on @machine (Boot's smp and mem); the loader must print
    each of @expect, return to the firmware, and the hypervisor must never
    start."""
    with Boot(esp, WORK, name, **machine) as b:
        missing = b.wait_for(expect + [RETURNED])
        out = b.output()
    res.check("boot/refuse-" + name, not missing and BANNER not in out,
              "missing %r, banner %s; log tail:\n%s"
              % (missing, BANNER in out, out[-3000:]))
