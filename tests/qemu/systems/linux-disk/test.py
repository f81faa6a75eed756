# SPDX-License-Identifier: BSD-2-Clause
"""The boot tests of tests/qemu/systems/linux-disk: what the Linux cell
keeps on its disk lasts (tests/qemu/boot_tests.py runs its GROUPS)."""
import os
import subprocess

from bootlib import Boot
from systest import LINUX_PORT, WORK, system

IMAGE = "build/tests/linux-disk.img"
SAY = "bulkhead-test: disk: "
FILE = "/data/bulkhead-test holds "


def linux_disk(res):
    """The Linux cell's virtio disk, a fresh 64 MiB ext4 image: at its
    first start the cell appends a line to a file on /data, syncs and
    reboots itself; at the second it finds the line, appends its own,
    and locks and unlocks itself, upon which the managing cell stops and
    starts it (its driver approving); at the third the file holds all
    three lines (tests/qemu/linux/disk.sh): nothing written and synced
    is lost to the cell's own reboot or to a stop and start."""
    os.makedirs(os.path.dirname(IMAGE), exist_ok=True)
    if os.path.exists(IMAGE):
        os.remove(IMAGE)
    subprocess.run(["truncate", "-s", "64M", IMAGE], check=True)
    subprocess.run(["mkfs.ext4", "-q", IMAGE], check=True,
                   env=dict(os.environ, PATH=os.environ["PATH"] +
                            ":/usr/sbin:/sbin"))
    esp, machine = system("linux-disk")
    steps = [
        (LINUX_PORT, "bulkhead-linux: /data: /dev/vda, ext4, "),
        (LINUX_PORT, SAY + "start 1: " + FILE + "start 1 "),
        (LINUX_PORT, SAY + "rebooting the cell"),
        (LINUX_PORT, SAY + "start 2: " + FILE + "start 1 start 2 "),
        "[manager] manage: linux in state 1",
        "[manager] manage: linux in state 0",
        'Management: stop of cell "linux" done',
        'Management: start of cell "linux" done',
        (LINUX_PORT, SAY + "start 3: " + FILE + "start 1 start 2 start 3 "),
        "[manager] manage: linux-disk done",
    ]
    with Boot(esp, WORK, "linux-disk", **machine) as b:
        missing = b.wait_for(steps, timeout=600,
                             abort=['Cell "linux" FAILED'])
        out, lin = b.output(), b.output(LINUX_PORT)
    res.check("boot/linux-disk-data-kept", not missing and
              "FAILED" not in out and "Kernel panic" not in lin,
              "missing %r; log tail:\n%s\nCOM2 tail:\n%s"
              % (missing, out[-2000:], lin[-3000:]))


GROUPS = [("linux-disk", linux_disk)]
