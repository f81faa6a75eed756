/* SPDX-License-Identifier: BSD-2-Clause */
/* The managing cell (tests/qemu/cells/manager.c): 20 stop/start cycles,
 * or SOAK_CYCLES as make soak builds it (make CONFIG_DEFINES=
 * -DSOAK_CYCLES=200, tests/qemu/boot_tests.py). */
#ifndef SOAK_CYCLES
#define SOAK_CYCLES 20
#endif
#define MANAGER_CYCLES_STR(n) #n
#define MANAGER_CYCLES(n) MANAGER_CYCLES_STR(n)
#define MANAGER_SOAK MANAGER_CYCLES(SOAK_CYCLES)
#include "tests/qemu/cells/manager.c"
