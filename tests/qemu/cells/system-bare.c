/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo system for test systems without the Linux cell
 * (tests/qemu/boot_tests.py): no cell manages; 7 CPUs unless the test
 * system says otherwise.
 */
#define SYSTEM_MANAGER ""
#ifndef SYSTEM_NUM_CPUS
#define SYSTEM_NUM_CPUS 7
#endif
#define SYSTEM_NO_LINKS		/* none of the demo's */
#include "cells/system.c"
