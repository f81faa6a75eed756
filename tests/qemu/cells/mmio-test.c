/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Template of the MMIO decoder test cells (tests/qemu/boot_tests.py, group
 * test-device): a cell config of tests/qemu/systems/test-device defines
 * MMIO_NAME, MMIO_CPU, MMIO_RAM (host-physical start of its 1 MiB) and
 * MMIO_BLOB (the test inmate) and includes it. The cell has Jailhouse's
 * test device, the page after its comm region.
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
		.name = MMIO_NAME,
		.flags = BH_CELL_PASSIVE_COMMREG | BH_CELL_TEST_DEVICE |
			 BH_CELL_VIRTUAL_CONSOLE_ACTIVE,
		.cpus = 1ULL << MMIO_CPU,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
	},
	.mem_regions = {
		{
			.phys_start = MMIO_RAM,
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
		{ .file = MMIO_BLOB },
	},
};
