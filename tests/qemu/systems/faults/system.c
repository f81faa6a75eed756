/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The containment test system (tests/qemu/boot_tests.py): the demo system
 * with 16 CPUs. CPU 1 runs the hello cell that the faulty cells aim at,
 * CPU 2 the IOAPIC test cell, CPUs 3-14 one faulty cell each, CPUs 0 and
 * 15 the xAPIC test cell.
 */
#define SYSTEM_NUM_CPUS 16
#define SYSTEM_MANAGER ""	/* no cell manages */
#define SYSTEM_NO_LINKS		/* none of the demo's */
#include "cells/system.c"
