#!/bin/busybox sh
# SPDX-License-Identifier: BSD-2-Clause
#
# The Linux cell's VM exits by reason while it idles, for the boot tests
# jailhouse-guest(-xapic) (tests/qemu/boot_tests.py): one
# bulkhead process prints the table every second (--watch) for 5 s, so
# that the difference of two tables is one second of idle plus the
# table's own hypercalls, and nothing of starting a process. The tables
# go to a file and are shown after: writing to the console meanwhile
# would wake the tty's work on the other CPU (an IPI, an exit).
sleep 1
timeout -s INT 5 bulkhead cell stats linux --watch > /tmp/idle-exits
echo "bulkhead-test: idle exits"
cat /tmp/idle-exits
echo "bulkhead-test: idle-exits done"
