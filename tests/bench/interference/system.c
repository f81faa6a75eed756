/* SPDX-License-Identifier: BSD-2-Clause */
/* make bench's interference system (tests/bench.py, section latency): the
 * latency system's apic-timer cell on CPU 0 beside the Linux cell on CPUs
 * 1 and 2 running a CPU and memory load (tests/qemu/linux/load.sh). */
#define SYSTEM_NUM_CPUS 3
#define SYSTEM_NO_LINKS		/* none of the demo's */
#include "cells/system.c"
