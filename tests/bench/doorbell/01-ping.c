/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell ping: peer 0 of link "bench" (tests/qemu/cells/shmem.c). */
#define SHM_NAME "ping"
#define SHM_CPU 1
#define SHM_RAM 0x03c00000
#define SHM_ARGS "role=ping rounds=1000"
#define SHM_FLAGS 0
#include "tests/qemu/cells/shmem.c"
