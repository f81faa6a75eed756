#!/bin/busybox sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Boot test linux-poweroff (tests/qemu/boot_tests.py), run by the Linux
# cell's init for bulkhead.test=poweroff: the cell powers itself off
# (busybox poweroff: the kernel's ACPI S5 through the cell's own FADT).
echo "bulkhead-test: powering off"
poweroff
