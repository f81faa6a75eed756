/* SPDX-License-Identifier: BSD-2-Clause */
/* The shared-memory test system (tests/qemu/systems/shmem/test.py): link
 * "ping" between cells shm-a (CPU 1, peer 0, sees the memory at its host
 * address) and shm-b (CPU 2, peer 1, sees it at guest 0x10000000), each
 * finding its function at 00:0f.0; link "flood" between the same, at
 * 00:10.0, whose peers may ring 100 doorbells a second; cell
 * shm-outsider (CPU 3) is in no link; cell manager (CPU 0) restarts
 * shm-b. */
#define SYSTEM_NUM_CPUS 4
#define SYSTEM_MANAGER "manager"
#define SYSTEM_SHMEM_MEMORY { .phys_start = 0x04000000, .size = 0x00100000 }
#define SYSTEM_NUM_SHMEM_LINKS 2
#define SYSTEM_SHMEM_LINKS {						\
		.name = "ping",						\
		.num_peers = 2,						\
		.vectors = 2,						\
		.state_size = 0x1000,					\
		.rw_size = 0x1000,					\
		.output_size = 0x2000,					\
		.peers = {						\
			{ .cell = "shm-a", .bdf = 0x0078, .id = 0 },	\
			{ .cell = "shm-b", .bdf = 0x0078, .id = 1,	\
			  .virt_start = 0x10000000 },			\
		},							\
	}, {								\
		.name = "flood",					\
		.num_peers = 2,						\
		.vectors = 1,						\
		.state_size = 0x1000,					\
		.doorbell_rate = 100,					\
		.peers = {						\
			{ .cell = "shm-a", .bdf = 0x0080, .id = 0 },	\
			{ .cell = "shm-b", .bdf = 0x0080, .id = 1,	\
			  .virt_start = 0x10100000 },			\
		},							\
	}
#include "cells/system.c"
