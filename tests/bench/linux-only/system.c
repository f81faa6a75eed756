/* SPDX-License-Identifier: BSD-2-Clause */
/* make bench's Linux-only system (tests/bench.py): the demo system
 * (cells/system.c) cut to the Linux cell's two CPUs, so that the Linux
 * cell's boot can be compared with the bare kernel's without the demo
 * cells' vCPUs competing for the host's cores. */
#define SYSTEM_NUM_CPUS 2
#define SYSTEM_NO_LINKS		/* none of the demo's */
#include "cells/system.c"
