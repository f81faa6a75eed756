/* SPDX-License-Identifier: BSD-2-Clause */
/* make bench's doorbell system (tests/bench.py, section doorbell): link
 * "bench" between cells ping (CPU 1) and pong (CPU 2), which ring each
 * other (tests/qemu/inmates/shmem.c, role=ping and role=pong); CPU 0 runs
 * no cell. */
#define SYSTEM_NUM_CPUS 3
#define SYSTEM_SHMEM_MEMORY { .phys_start = 0x04000000, .size = 0x00100000 }
#define SYSTEM_NUM_SHMEM_LINKS 1
#define SYSTEM_SHMEM_LINKS SYSTEM_LINK_OF_TWO("bench", "ping", "pong", 0)
#include "tests/qemu/cells/system-bare.c"
