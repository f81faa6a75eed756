#!/bin/busybox sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Boot test linux-voter (tests/qemu/boot_tests.py), run by the Linux
# cell's init for bulkhead.test=locked-voter in a cell that does not
# manage: lock the cell (RUNNING_LOCKED: the manager's stop of another
# cell is blocked, its stop of this one denied by the driver), and unlock
# it once the driver has denied a request (its line in the kernel log),
# so that the next request is approved. Before that, what the driver
# counted: the messages it answered and the interrupts that announced
# them.
say() { echo "bulkhead-test: $*"; }
bulkhead lock
say "lock: rc=$?"
i=0
until dmesg | grep -q "shutdown request from the hypervisor: denied"; do
	usleep 100000
	i=$((i + 1))
	if [ $i -ge 1200 ]; then
		say "no request came in 120 s"
		break
	fi
done
# One message so far (the denied stop), announced by one interrupt.
p=/sys/module/bulkhead/parameters
say "driver: messages $(cat $p/messages) interrupts $(cat $p/interrupts)"
bulkhead unlock
say "unlock: rc=$?"
