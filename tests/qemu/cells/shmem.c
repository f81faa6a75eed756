/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Template of the shared-memory test cells (tests/qemu/systems/shmem): a
 * cell config defines SHM_NAME, SHM_CPU, SHM_RAM (1 MiB of host memory),
 * SHM_ARGS (the command line of tests/qemu/inmates/shmem.c) and
 * SHM_FLAGS (more cell flags, or 0), and includes it. Which links the
 * cell is a peer of is the system config's to say.
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[2];
	struct bh_cmdline cmdline[1];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = SHM_NAME,
		.flags = BH_CELL_PASSIVE_COMMREG |
			 BH_CELL_VIRTUAL_CONSOLE_ACTIVE | SHM_FLAGS,
		.cpus = 1ULL << SHM_CPU,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_cmdline = BH_ARRAY_SIZE(config.cmdline),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
	},
	.mem_regions = {
		{
			.phys_start = SHM_RAM,
			.virt_start = 0,
			.size = 0x00100000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE,
		},
		{
			.virt_start = 0x00100000,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE |
				 BH_MEM_COMM_REGION,
		},
	},
	.cmdline = { { .text = SHM_ARGS } },
	.blobs = {
		{ .file = "build/tests/qemu/inmates/shmem.bin" },
	},
};
