/* SPDX-License-Identifier: BSD-2-Clause */
/* The lifecycle test system: the demo system with 7 CPUs, managed by cell
 * "manager" (CPU 0) running scenario lifecycle; CPUs 1-6 run voter cells
 * (tests/qemu/cells/voter.c). Booted with a test build of the
 * hypervisor (make TEST_HOOKS=1), which builds cells named slow-... two
 * seconds slower. */
#define SYSTEM_NUM_CPUS 7
#define SYSTEM_MANAGER "manager"
#define SYSTEM_NO_LINKS		/* none of the demo's */
#include "cells/system.c"
