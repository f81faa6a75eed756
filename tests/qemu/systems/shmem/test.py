# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/shmem: link "ping" between cells
shm-a and shm-b (tests/qemu/inmates/shmem.c), cell shm-outsider in no
link, cell manager restarting shm-b (00-manager.c).
tests/qemu/boot_tests.py runs its GROUPS."""
import re

from bootlib import Boot
from systest import WORK, system

A = "[shm-a] shmem: "
B = "[shm-b] shmem: "
OUT = "[shm-outsider] shmem: outsider: "


def shmem(res):
    """One boot: each peer finds its function at 00:0f.0 and the link's
    memory where its config says (shm-a at the host address the image
    placed it at, shm-b at guest 0x10000000); 1,000 doorbells each way,
    every one answered, in order, on the ringing peer's own CPU; 1,000
    rung at once and 1,000 state changes on a link that allows 100
    interrupts a second mostly dropped (counted at shm-a's stop); the
    outsider finds neither the function nor the memory; shm-b, writing
    into shm-a's output section, is stopped, and shm-a sees its state
    drop to 0; started again, shm-b finds its output section cleared and
    shm-a sees its state come back; a stop and a start, each seen once
    by shm-a."""
    esp, machine = system("shmem")
    with Boot(esp, WORK, "shmem", **machine) as b:
        missing = b.wait_for([
            A + "1000 doorbells rung, ", OUT,
            "[manager] manage: shmem done",
            A + "state interrupt 4: peer 1 state 1"], timeout=600)
        out = b.output()
    tail = "missing %r; log tail:\n%s" % (missing, out[-3000:])

    def check(name, *lines):
        res.check("boot/shmem-" + name, not missing and
                  all(line in out for line in lines), tail)

    check("placed",
          "Shared memory: 2 link(s) in [0x4000000-0x4100000)")
    check("function-found",
          A + "function 00:0f.0: ID 0 of 2 peers, 2 vectors, state table "
          "at 0x4000000, read/write 0x1000 bytes, output sections of "
          "0x2000 bytes",
          B + "function 00:0f.0: ID 1 of 2 peers, 2 vectors, state table "
          "at 0x10000000, read/write 0x1000 bytes, output sections of "
          "0x2000 bytes")
    check("doorbells-each-way",
          A + "1000 doorbells rung, 1000 answered, 0 out of order, 0 on "
          "another CPU",
          B + "answered 1000 doorbells, 0 out of order, 0 on another "
          "CPU; flood: ")
    # Link "flood" allows 100 doorbells a second, one at once: of the
    # 1,000 shm-a rings at once, the hypervisor drops most (it says so);
    # link "ping"'s 1,000 round trips stay within its default rate.
    floods = re.search(r"\[shm-b\] shmem: answered .*; flood: (\d+) "
                       r"interrupt", out)
    # Of its 2,000 interrupts (1,000 rings, 1,000 state changes), at most
    # one, and 100 a second after, pass: shm-a's stop gives the count.
    dropped = re.search(r'Cell "shm-a": link "flood": (\d+) doorbell\(s\) '
                        r"dropped in this run", out)
    res.check("boot/shmem-doorbells-rate-limited",
              not missing and A + "flood: 1000 doorbells rung, 1000 state "
              "changes" in out and
              'Cell "shm-a": link "flood": doorbells beyond 100 a second '
              "are dropped" in out and
              'link "ping": doorbells beyond' not in out and
              not re.search(r'link "ping": \d+ doorbell', out) and
              dropped and 1500 < int(dropped.group(1)) < 2000 and
              floods and 1 <= int(floods.group(1)) < 1000,
              "flood interrupts %r, dropped %r; %s"
              % (floods and floods.group(1), dropped and dropped.group(1),
                 tail))
    check("foreign-cpu-refused",
          'Cell "shm-a": link "ping": MSI-X vector 1 of its function left '
          "masked: ")
    check("outsider-sees-nothing",
          OUT + "config space base not given, function 00:0f.0 reads "
          "0xffffffff, link memory at 0x4000000 reads 0xffffffff",
          'Cell "shm-outsider": read of guest-physical 0x4000000: not '
          "the cell's")
    fail = re.search(r'Cell "shm-b" FAILED on CPU 2: ([^\r\n]*)', out)
    res.check("boot/shmem-foreign-output-write-stops",
              not missing and fail and
              "write to guest-physical 0x10002004: the cell's region "
              "there is not writable" in fail.group(1) and
              B + "wrote peer 0's output section" not in out and
              'Cell "shm-a" FAILED' not in out, tail)
    irqs = re.findall(r"\[shm-a\] shmem: state interrupt (\d+): peer 1 "
                      r"state (\d+)", out)
    res.check("boot/shmem-peer-state-follows",
              not missing and irqs == [("1", "0"), ("2", "1"), ("3", "0"),
                                       ("4", "1")],
              "state interrupts %r; %s" % (irqs, tail))
    check("restart-output-cleared",
          B + "run 1, output section cleared",
          B + "run 2, output section cleared",
          B + "run 3, output section cleared")


# Its groups, run by tests/qemu/boot_tests.py.
GROUPS = [
    ("shmem", shmem),
]
