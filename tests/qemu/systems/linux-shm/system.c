/* SPDX-License-Identifier: BSD-2-Clause */
/* The Linux shared-memory test system (tests/qemu/systems/linux-shm/
 * test.py): link "talk" between cell shm-echo (CPU 1, peer 0, the memory
 * at its host address) and the Linux cell (CPUs 5-6, peer 1, the memory
 * at guest 0x20000000, beyond its RAM), each finding its function at
 * 00:0f.0. No cell manages. */
#define SYSTEM_SHMEM_MEMORY { .phys_start = 0x04000000, .size = 0x00100000 }
#define SYSTEM_NUM_SHMEM_LINKS 1
#define SYSTEM_SHMEM_LINKS						\
	SYSTEM_LINK_OF_TWO("talk", "shm-echo", "linux", 0x20000000)
#include "tests/qemu/cells/system-bare.c"
