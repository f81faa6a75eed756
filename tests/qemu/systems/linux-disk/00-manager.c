/* SPDX-License-Identifier: BSD-2-Clause */
/* The managing cell (tests/qemu/cells/manager.c) on CPU 0, running
 * scenario linux-disk of tests/qemu/inmates/manager.c: it stops and
 * starts the Linux cell once. */
#define MANAGER_SOAK "0"
#define MANAGER_EXTRA " scenario=linux-disk"
#include "tests/qemu/cells/manager.c"
