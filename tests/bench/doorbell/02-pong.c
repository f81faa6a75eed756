/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell pong: peer 1 of link "bench" (tests/qemu/cells/shmem.c). */
#define SHM_NAME "pong"
#define SHM_CPU 2
#define SHM_RAM 0x03d00000
#define SHM_ARGS "role=pong"
#define SHM_FLAGS 0
#include "tests/qemu/cells/shmem.c"
