/* SPDX-License-Identifier: BSD-2-Clause */
/* The managing cell (tests/qemu/cells/manager.c) on CPU 0, running
 * scenario linux-voter of tests/qemu/inmates/manager.c. */
#define MANAGER_SOAK "0"
#define MANAGER_EXTRA " scenario=linux-voter"
#include "tests/qemu/cells/manager.c"
