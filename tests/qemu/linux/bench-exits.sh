#!/bin/busybox sh
# SPDX-License-Identifier: BSD-2-Clause
#
# make bench's exits section (tests/bench.py, system tests/bench/demo-exits):
# in the demo system, once every cell has settled, each cell's VM exits
# by reason per CPU, twice, 10 s apart (the bench takes the difference).
# The tables go to a file first and are printed after the second:
# printing meanwhile would wake the console's work on the other CPU.
# Reading the statistics is itself hypercalls in this (Linux) cell: the
# bench says so.
say() { echo "bulkhead-test: $*"; }
cells="apic-timer hello linux rtos smp"
sleep 10
for c in $cells; do bulkhead cell stats "$c"; done > /tmp/exits-a
sleep 10
for c in $cells; do bulkhead cell stats "$c"; done > /tmp/exits-b
say "exits at t0"
cat /tmp/exits-a
say "exits at t0 + 10 s"
cat /tmp/exits-b
say "bench-exits done"
