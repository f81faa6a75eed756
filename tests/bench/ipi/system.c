/* SPDX-License-Identifier: BSD-2-Clause */
/* make bench's IPI system (tests/bench.py, section ipi): the demo system
 * cut to CPUs 0 and 1 with the smp cell alone on them, no manager, so
 * that its IPI round trips under QEMU -icount can be set against the
 * same program on the bare machine (tests/bench/bare). */
#define SYSTEM_NUM_CPUS 2
#define SYSTEM_MANAGER ""
#define SYSTEM_NO_LINKS		/* none of the demo's */
#include "cells/system.c"
