#!/bin/busybox sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Boot test linux-shm (tests/qemu/systems/linux-shm), run by the Linux
# cell's init for bulkhead.test=shm at each start of the cell: link
# "talk" to the inmate of cell shm-echo (tests/qemu/inmates/shmem.c,
# role=echo), through bulkhead.ko's /dev/bulkhead-shm0 and `bulkhead shm`.
# It lists the link, puts a text into the read/write section, rings the
# inmate and waits for its answer, which it reads from the inmate's
# output section. At its first run it also checks that a section it may
# only read cannot be mapped writable, then reboots the cell; at its
# second the link works again.
say() { echo "bulkhead-test: shm: $*"; }
say "$(bulkhead shm list)"
bulkhead shm write talk "hello from linux"
if ! bulkhead shm ring talk 0 1 --wait 30 > /dev/null; then
	say "no answer"
	exit 0
fi
answer=$(bulkhead shm cat talk 0)
say "peer 0 says: $answer"
case "$answer" in
*"(linux run 1)")
	if bulkhead shm write talk "mine now" 0 2> /tmp/err; then
		say "peer 0's output section was written"
	else
		say "refused: $(cat /tmp/err)"
	fi
	say "rebooting the cell"
	reboot
	;;
esac
say "done"
