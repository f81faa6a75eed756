/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell shm-b: peer 1 of link "ping" (tests/qemu/cells/shmem.c). */
#define SHM_NAME "shm-b"
#define SHM_CPU 2
#define SHM_RAM 0x03d00000
#define SHM_ARGS "role=b"
#define SHM_FLAGS 0
#include "tests/qemu/cells/shmem.c"
