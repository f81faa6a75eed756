/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test cell running tests/qemu/inmates/ipi-foreign.c, which sends an IPI
 * to a CPU of another cell. Its console is COM4 with the port granted.
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[2];
	struct bh_pio pio_regions[1];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "rogue-ipi",
		.flags = BH_CELL_PASSIVE_COMMREG,
		.cpus = 1ULL << 2,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
		.num_pio_regions = BH_ARRAY_SIZE(config.pio_regions),
		.console = {
			.address = 0x2e8,	/* COM4 */
			.size = 8,
			.type = BH_CON_TYPE_8250,
		},
	},
	.mem_regions = {
		{
			.phys_start = 0x03300000,
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
	.pio_regions = {
		{ .base = 0x2e8, .length = 8 },
	},
	.blobs = {
		{ .file = "build/tests/qemu/inmates/ipi-foreign.bin", .load_address = 0 },
	},
};
