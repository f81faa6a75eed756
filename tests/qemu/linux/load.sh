#!/bin/busybox sh
# SPDX-License-Identifier: BSD-2-Clause
#
# make bench's interference run (tests/bench.py, section latency, system
# tests/bench/interference): a CPU and memory load on every CPU of the
# Linux cell while the real-time cell beside it measures its latency.
# Each CPU gets one pipeline pinned to it: dd streams 4 MiB blocks of
# zeros through a pipe (memory copies in the kernel) into sha256sum
# (arithmetic on every byte).
say() { echo "bulkhead-test: $*"; }
n=$(nproc)
cpu=0
while [ $cpu -lt "$n" ]; do
	taskset -c $cpu sh -c 'while :; do
		dd if=/dev/zero bs=4M count=16 2>/dev/null | sha256sum >/dev/null
	done' &
	cpu=$((cpu + 1))
done
sleep 1
say "load running on $n CPUs"
