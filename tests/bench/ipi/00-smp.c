/* SPDX-License-Identifier: BSD-2-Clause */
/* The demo's cell "smp" (cells/smp.c) on CPUs 0 and 1, its first CPU
 * pinging the second by IPI 1000 times, as the bare harness runs it
 * (tests/bench.py, section ipi). */
#define SMP_CPUS (1ULL << 0 | 1ULL << 1)
#define SMP_CMDLINE "vote=approve pingpong=1000"
#include "cells/smp.c"
