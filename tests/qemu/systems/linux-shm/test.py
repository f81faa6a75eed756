# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/linux-shm: the Linux cell and an
inmate talk through link "talk" (tests/qemu/linux/shm.sh, role=echo of
tests/qemu/inmates/shmem.c). tests/qemu/boot_tests.py runs its GROUPS."""
from bootlib import Boot
from systest import LINUX_PORT, WORK, system

SAY = "bulkhead-test: shm: "
ECHO = "[shm-echo] shmem: echo: "


def linux_shm(res):
    """One boot: bulkhead.ko finds the link's function on the Linux
    cell's bus 0 (the hypervisor's, Linux placing its BARs) and makes it
    /dev/bulkhead-shm0; `bulkhead shm list` names the link and both
    peers up; a text written into the read/write section and a doorbell
    reach the inmate, whose answer (a doorbell, its output section)
    reaches Linux; the driver refuses to map the inmate's output section
    writable; the Linux cell reboots itself, the inmate sees its state
    drop and come back and keeps answering: the second run's exchange
    works the same."""
    esp, machine = system("linux-shm")
    steps = [
        (LINUX_PORT, 'link "talk": peer 1 of 2, /dev/bulkhead-shm0, 2 '
         "vectors, memory at 0x20000000 (state 0x1000, read/write 0x1000, "
         "output 0x1000 bytes)"),
        (LINUX_PORT, SAY + "0 talk: peer 1 of 2, protocol 0x0000, 2 "
         "vector(s), "),
        (LINUX_PORT, SAY + "peer 0 says: echo: hello from linux (linux "
         "run 1)"),
        (LINUX_PORT, SAY + "rebooting the cell"),
        (LINUX_PORT, SAY + "peer 0 says: echo: hello from linux (linux "
         "run 2)"),
        (LINUX_PORT, SAY + "done"),
    ]
    with Boot(esp, WORK, "linux-shm", serials=2, **machine) as b:
        missing = b.wait_for(steps, timeout=600,
                             abort=['Cell "linux" FAILED'])
        out, lin = b.output(), b.output(LINUX_PORT)
    tail = ("missing %r; log tail:\n%s\nCOM2 tail:\n%s"
            % (missing, out[-2000:], lin[-3000:]))
    res.check("boot/linux-shm-talks", not missing and
              "states: 0=1 1=1" in lin and
              ECHO + '"hello from linux" from peer 1' in out and
              "FAILED" not in out and "Kernel panic" not in lin, tail)
    res.check("boot/linux-shm-read-only-not-writable", not missing and
              SAY + 'refused: bulkhead: link "talk": section 0 is not '
              "this peer's to write" in lin, tail)
    states = [line.split(ECHO + "peer 1 state ")[1]
              for line in out.splitlines()
              if ECHO + "peer 1 state " in line]
    res.check("boot/linux-shm-reconnects-after-reboot", not missing and
              states[-2:] == ["0 (linux run 1)", "1 (linux run 2)"],
              "states seen %r; %s" % (states, tail))


GROUPS = [("linux-shm", linux_shm)]
