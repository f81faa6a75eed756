/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test cell whose RAM lies where OVMF keeps its own data in a 1 GiB q35
 * guest (just below 1 GiB). The configs are valid, so the image builds;
 * the loader must refuse to claim the region, name the cell and region,
 * and return to the firmware. Used by tests/qemu/boot_tests.py.
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[2];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "fw-owned",
		.flags = BH_CELL_PASSIVE_COMMREG,
		.cpus = 1ULL << 3,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
	},
	.mem_regions = {
		{
			.phys_start = 0x3fe00000,
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
};
