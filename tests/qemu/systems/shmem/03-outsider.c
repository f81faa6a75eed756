/* SPDX-License-Identifier: BSD-2-Clause */
/* Cell shm-outsider: in no link; what is not its own reads as absent
 * (tests/qemu/cells/shmem.c). */
#define SHM_NAME "shm-outsider"
#define SHM_CPU 3
#define SHM_RAM 0x03e00000
#define SHM_ARGS "role=outsider ecam=0xb0000000 bdf=0x78 link=0x04000000"
#define SHM_FLAGS BH_CELL_FOREIGN_ABSENT
#include "tests/qemu/cells/shmem.c"
