/* SPDX-License-Identifier: BSD-2-Clause */
/* The Linux shared-memory test system (tests/qemu/systems/linux-shm/
 * test.py): link "talk" between cell shm-echo (CPU 1, peer 0, the memory
 * at its host address) and the Linux cell (CPUs 5-6, peer 1, the memory
 * at guest 0x20000000, beyond its RAM), each finding its function at
 * 00:0f.0. No cell manages. */
#define SYSTEM_SHMEM_MEMORY { .phys_start = 0x04000000, .size = 0x00100000 }
#define SYSTEM_NUM_SHMEM_LINKS 1
#define SYSTEM_SHMEM_LINKS {						\
		.name = "talk",						\
		.num_peers = 2,						\
		.vectors = 2,						\
		.state_size = 0x1000,					\
		.rw_size = 0x1000,					\
		.output_size = 0x1000,					\
		.peers = {						\
			{ .cell = "shm-echo", .bdf = 0x0078, .id = 0 },	\
			{ .cell = "linux", .bdf = 0x0078, .id = 1,	\
			  .virt_start = 0x20000000 },			\
		},							\
	}
#include "tests/qemu/cells/system-bare.c"
