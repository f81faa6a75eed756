/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bad cell config for the build-time check: it maps the HPET and owns the SMI command port and the GPE0 block, as the demo system (cells/system.c) states them.
 * with: cells/hello.c
 * expect: tests/configs/firmware.c: cell "firmware": memory region 2 [0xfed00000-0xfed01000) overlaps the HPET [0xfed00000-0xfed01000)
 * expect: tests/configs/firmware.c: cell "firmware": I/O port range 0 [0xb2-0xb3) overlaps the SMI command port [0xb2-0xb3) (it can reset or power off the machine: only a cell with BH_CELL_MACHINE_CONTROL may own it)
 * expect: tests/configs/firmware.c: cell "firmware": I/O port range 1 [0x628-0x62c) overlaps the ACPI GPE0 block [0x620-0x630) (it can reset
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[3];
	struct bh_pio pio_regions[2];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "firmware",
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
		{
			.phys_start = 0xfed00000,	/* HPET */
			.virt_start = 0x00200000,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
	},
	.pio_regions = {
		{ .base = 0xb2, .length = 1 },	/* SMI command */
		{ .base = 0x628, .length = 4 },	/* GPE0 enable */
	},
	.blobs = {
		{ .file = "build/inmates/tiny.bin", .load_address = 0 },
	},
};
