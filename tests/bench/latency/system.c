/* SPDX-License-Identifier: BSD-2-Clause */
/* make bench's latency system (tests/bench.py, section latency): the demo
 * system cut to CPU 0 with the apic-timer cell alone on it, no manager,
 * so that its latency under QEMU -icount can be set against the same
 * program on the bare machine (tests/bench/bare). */
#define SYSTEM_NUM_CPUS 1
#define SYSTEM_MANAGER ""
#define SYSTEM_NO_LINKS		/* none of the demo's */
#include "cells/system.c"
