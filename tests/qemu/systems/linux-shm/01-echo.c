/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell shm-echo: peer 0 of link "talk", answering the Linux cell
 * (tests/qemu/cells/shmem.c). */
#define SHM_NAME "shm-echo"
#define SHM_CPU 1
#define SHM_RAM 0x03c00000
#define SHM_ARGS "role=echo"
#define SHM_FLAGS 0
#include "tests/qemu/cells/shmem.c"
