/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test cell that misbehaves: its console is COM4 (0x2e8), but it owns no
 * I/O ports, so the tiny payload's first access to its UART is refused.
 * The hypervisor must stop this cell, report it, stop its other CPU
 * (halted in the guest) and leave cell "hello" running. Used by tests/qemu/boot_tests.py.
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
		.name = "rogue",
		.flags = BH_CELL_PASSIVE_COMMREG,
		.cpus = 1ULL << 2 | 1ULL << 3,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
		.console = {
			.address = 0x2e8,	/* COM4, not granted */
			.size = 8,
			.type = BH_CON_TYPE_8250,
		},
	},
	.mem_regions = {
		{
			.phys_start = 0x03200000,
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
		{ .file = "build/inmates/tiny.bin", .load_address = 0 },
	},
};
