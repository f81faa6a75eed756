/* SPDX-License-Identifier: BSD-2-Clause */
/* The managing cell, 200 stop/start cycles (tests/qemu/cells/manager.c). */
#define MANAGER_SOAK "200"
#include "tests/qemu/cells/manager.c"
