#!/bin/busybox sh
# SPDX-License-Identifier: BSD-2-Clause
#
# The management scenarios of boot test linux-manage (tests/qemu/
# boot_tests.py), run by the Linux cell's init for bulkhead.test=manage:
# the bulkhead command against the voter cells (tests/qemu/cells/voter.c:
# approve, deny, lock, quiet, passive, forever). Each step prints
# "bulkhead-test: STEP: LINE" for every line the command printed and
# "bulkhead-test: STEP: rc=N" for its exit code; the test reads them.
#
# First start: every operation and every error; then the cell reboots
# itself. Second start (it sees itself restarted): a denied and then an
# approved system shutdown, which powers the machine off.

say() { echo "bulkhead-test: $*"; }

# run STEP COMMAND...: run it, print what it printed and its exit code.
run() {
	step=$1
	shift
	out=$("$@" 2>&1)
	rc=$?
	printf '%s\n' "$out" | while IFS= read -r line; do
		say "$step: $line"
	done
	say "$step: rc=$rc"
}

# wait_console TEXT: until the hypervisor console holds TEXT (30 s).
wait_console() {
	i=0
	while [ $i -lt 300 ]; do
		bulkhead console | grep -qF "$1" && return 0
		usleep 100000
		i=$((i + 1))
	done
	say "gave up waiting for the console to say: $1"
	return 1
}

if bulkhead cell list | grep -q "^[0-9]* *linux .*restarted"; then
	say "second start"
	run list-again bulkhead cell list
	# The denier's first answer is a denial again once it restarts.
	run start-denier bulkhead cell start deny
	run shutdown-denied bulkhead shutdown
	run shutdown bulkhead shutdown
	exit
fi

say "first start"
run list bulkhead cell list
run stats bulkhead cell stats approve
run watch timeout -s INT 3 bulkhead cell stats approve --watch

# The locked cell blocks a change to another, then lets itself be stopped.
run blocked bulkhead cell stop approve
run stop-locked bulkhead cell stop lock

run stop bulkhead cell stop approve
run list-stopped bulkhead cell list
run start bulkhead cell start approve
run restart bulkhead cell start approve

run denied bulkhead cell stop deny
run approved bulkhead cell stop deny
# Started again, it would deny its stop: a forced one does not ask it.
run start-deny bulkhead cell start deny
run forced bulkhead cell stop --force deny

# The passive cell's config allows no forced operation; asking is fine.
run not-forceable bulkhead cell stop --force passive
run passive bulkhead cell stop passive

# A silent cell: declared FAILED after its second, while this cell's
# heartbeat goes on.
(
	i=0
	while :; do
		i=$((i + 1))
		say "heartbeat $i"
		usleep 50000
	done
) &
heart=$!
say "timed-out: asking"
run timed-out bulkhead cell stop quiet
kill $heart
run list-failed bulkhead cell list

# Ctrl-C while a cell that never answers is asked: withdrawn.
bulkhead cell stop forever > /tmp/interrupted 2>&1 &
waiting=$!
wait_console "[forever] comm: shutdown requested: staying silent"
kill -INT $waiting
wait $waiting
rc=$?
while IFS= read -r line; do say "interrupted: $line"; done < /tmp/interrupted
say "interrupted: rc=$rc"
run list-interrupted bulkhead cell list

# Loads: only into a stopped cell, only what fits, only where loadable.
run start-for-load bulkhead cell start approve
run load-running bulkhead cell load approve /tests/voter.bin
run stop-for-load bulkhead cell stop approve
dd if=/dev/zero of=/tmp/big bs=1024 count=1100 2>/dev/null
run load-too-large bulkhead cell load approve /tmp/big
run load-not-loadable bulkhead cell load approve /tests/voter.bin 0x100000
run load bulkhead cell load approve /tests/voter.bin 0 \
	/tests/loaded-cmdline.txt 0x1000
run start-loaded bulkhead cell start approve
wait_console "[approve] voter approve: started from the load"

# What follows the console sees while it follows.
bulkhead console -f > /tmp/follow &
follower=$!
usleep 500000
before=$(bulkhead console | grep -c 'Management: stop of cell "approve" done')
run stop-followed bulkhead cell stop approve
usleep 500000
kill -INT $follower
wait $follower
say "follow: rc=$? before $before seen $(grep -c 'Management: stop of cell "approve" done' /tmp/follow)"

run no-such-cell bulkhead cell start nosuch
run not-root su nobody -s /bin/sh -c "bulkhead cell list"
run usage bulkhead cell frobnicate approve
run self bulkhead cell stop linux

# This cell locked: it blocks changes to the others, and unlocks.
run lock bulkhead lock
run blocked-by-self bulkhead cell start approve
run unlock bulkhead unlock
run start-unlocked bulkhead cell start approve

say "rebooting"
reboot
