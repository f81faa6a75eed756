/* SPDX-License-Identifier: BSD-2-Clause */
/* The managing cell (tests/qemu/cells/manager.c) on CPU 0, running
 * scenario lifecycle of tests/qemu/inmates/manager.c. */
#define MANAGER_SOAK "0"
#define MANAGER_EXTRA " scenario=lifecycle"
#include "tests/qemu/cells/manager.c"
