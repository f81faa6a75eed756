#!/bin/busybox sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Boot test demo-votes (tests/qemu/boot_tests.py), run by the Linux cell's
# init for bulkhead.test=demo-votes in the demo system: each demo cell
# (they vote as vote=approve on their command lines says) stopped and
# started again, the cells listed, then the system shut down, which the
# demos approve too: the machine powers off.
say() { echo "bulkhead-test: $*"; }
sleep 2
for c in apic-timer hello rtos smp; do
	bulkhead cell stop "$c"
	say "stop $c: rc=$?"
	bulkhead cell start "$c"
	say "start $c: rc=$?"
done
sleep 1
bulkhead cell list
# The messages this cell answered (as a voter: each operation's
# RECONFIG_COMPLETED at least) and the interrupts that announced them:
# the hypervisor's own CPU interrupts itself here, the manager's.
p=/sys/module/bulkhead/parameters
say "driver: messages $(cat $p/messages) interrupts $(cat $p/interrupts)"
say "shutting down"
bulkhead shutdown
say "shutdown: rc=$?"
