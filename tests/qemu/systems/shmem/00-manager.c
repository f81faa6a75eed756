/* SPDX-License-Identifier: BSD-2-Clause */
/* The managing cell (tests/qemu/cells/manager.c) with scenario=shmem:
 * starts shm-b again once it has been stopped, then stops and starts it. */
#define MANAGER_SOAK "0"
#define MANAGER_EXTRA " scenario=shmem"
#include "tests/qemu/cells/manager.c"
