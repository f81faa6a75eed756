/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo system with BH_SYS_QUIET_ABSENT: a cell's accesses to what is
 * not its own are counted, not listed. Used by the linux-poweroff boot
 * test (tests/qemu/boot_tests.py).
 */
#define SYSTEM_FLAGS BH_SYS_QUIET_ABSENT
#define SYSTEM_NUM_CPUS 7
#define SYSTEM_NO_LINKS		/* none of the demo's */
#include "cells/system.c"
