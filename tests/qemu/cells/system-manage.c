/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The management test system (tests/qemu/boot_tests.py): the demo system
 * with 7 CPUs whose managing cell is "manager" (CPU 0); CPUs 1-6 run one
 * voter cell each (tests/qemu/cells/voter.c).
 */
#define SYSTEM_MANAGER "manager"
#ifndef SYSTEM_NUM_CPUS
#define SYSTEM_NUM_CPUS 7
#endif
#define SYSTEM_NO_LINKS		/* none of the demo's */
#include "cells/system.c"
