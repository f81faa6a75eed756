/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The isolation test system (tests/qemu/boot_tests.py): the demo system
 * with 15 CPUs. CPU 0 runs the victim cell, CPU 1 the hello cell, CPU 2
 * nothing, CPUs 3-14 one isolation test cell each (fault.c template).
 */
#define SYSTEM_NUM_CPUS 15
#define SYSTEM_MANAGER ""	/* no cell manages */
#define SYSTEM_NO_LINKS		/* none of the demo's */
#include "cells/system.c"
