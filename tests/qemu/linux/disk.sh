#!/bin/busybox sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Boot test linux-disk (tests/qemu/systems/linux-disk), run by the Linux
# cell's init for bulkhead.test=disk at each start of the cell: its disk
# (/data, ext4 on its virtio function) across its restarts. Each start
# appends a line to a file there and syncs. The first then reboots the
# cell itself; the second locks it for a moment (RUNNING_LOCKED, which
# the manager waits to see), and the manager stops and starts it once it
# is unlocked; the third finds all three lines.
say() { echo "bulkhead-test: disk: $*"; }
f=/data/bulkhead-test
if ! grep -q " /data ext4 " /proc/mounts; then
	say "no /data"
	exit 0
fi
n=$(($(cat "$f" 2>/dev/null | wc -l) + 1))
echo "start $n" >> "$f"
sync
say "start $n: $f holds $(tr '\n' ' ' < "$f")"
case $n in
1)
	say "rebooting the cell"
	reboot
	;;
2)
	bulkhead lock
	sleep 2
	bulkhead unlock
	say "unlocked: the manager may stop and start the cell"
	;;
esac
