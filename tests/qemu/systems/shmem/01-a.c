/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell shm-a: peer 0 of link "ping" (tests/qemu/cells/shmem.c). */
#define SHM_NAME "shm-a"
#define SHM_CPU 1
#define SHM_RAM 0x03c00000
#define SHM_ARGS "role=a"
#define SHM_FLAGS 0
#include "tests/qemu/cells/shmem.c"
