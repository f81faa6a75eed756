#!/bin/busybox sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Boot tests jailhouse-guest(-xapic) (tests/qemu/boot_tests.py), run by
# the Linux cell's init for bulkhead.test=idle-exits: the cell's VM exits
# by reason before and after 3 s of idle (the shell not yet started), for
# the test to take the difference.
sleep 1
echo "bulkhead-test: exits before idle"
bulkhead cell stats linux
sleep 3
echo "bulkhead-test: exits after idle"
bulkhead cell stats linux
echo "bulkhead-test: idle-exits done"
