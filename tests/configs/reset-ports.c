/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bad cell config for the build-time check: it owns the reset ports without BH_CELL_MACHINE_CONTROL.
 * with: cells/hello.c
 * expect: tests/configs/reset-ports.c: cell "reset-ports": I/O port range 0 [0x64-0x65) overlaps the keyboard controller's command port [0x64-0x65) (it can reset or power off the machine: only a cell with BH_CELL_MACHINE_CONTROL may own it)
 * expect: tests/configs/reset-ports.c: cell "reset-ports": I/O port range 1 [0x92-0x93) overlaps System Control Port A [0x92-0x93) (it can reset
 * expect: tests/configs/reset-ports.c: cell "reset-ports": I/O port range 2 [0xcf9-0xcfa) overlaps the reset control register [0xcf9-0xcfa) (it can reset
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[2];
	struct bh_pio pio_regions[3];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "reset-ports",
		.cpus = 1ULL << 3,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_pio_regions = BH_ARRAY_SIZE(config.pio_regions),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
		.cpu_reset_address = 0,
	},
	.mem_regions = {
		{
			.phys_start = 0x03200000,
			.virt_start = 0,
			.size = 0x4000,
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
		{ .base = 0x64, .length = 1 },	/* keyboard controller */
		{ .base = 0x92, .length = 1 },	/* System Control Port A */
		{ .base = 0xcf9, .length = 1 },	/* reset control */
	},
	.blobs = {
		{ .file = "build/inmates/tiny.bin", .load_address = 0 },
	},
};
