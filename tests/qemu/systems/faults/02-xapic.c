/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * xAPIC test cell (tests/qemu/boot_tests.py): CPUs 0 and 15 of the
 * containment test system, runs tests/qemu/inmates/xapic.c. Its console
 * is the hypervisor's.
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[2];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "xapic",
		.flags = BH_CELL_PASSIVE_COMMREG |
			 BH_CELL_VIRTUAL_CONSOLE_ACTIVE,
		.cpus = 1ULL << 0 | 1ULL << 15,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
	},
	.mem_regions = {
		{
			.phys_start = 0x03900000,
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
	.blobs = {
		{ .file = "build/tests/qemu/inmates/xapic.bin" },
	},
};
