/* SPDX-License-Identifier: BSD-2-Clause */
/* The managing cell, 20 stop/start cycles (tests/qemu/cells/manager.c). */
#define MANAGER_SOAK "20"
#include "tests/qemu/cells/manager.c"
