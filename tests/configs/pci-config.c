/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bad cell config for the build-time check: it owns the PCI configuration ports, which even BH_CELL_MACHINE_CONTROL does not allow.
 * with: cells/hello.c
 * expect: tests/configs/pci-config.c: cell "pci-config": I/O port range 0 [0xcf8-0xd00) overlaps the PCI configuration ports [0xcf8-0xd00) (no cell may own them; port 0xcf9 alone is the reset control register)
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
		.name = "pci-config",
		.flags = BH_CELL_MACHINE_CONTROL,
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
		{ .base = 0xcf8, .length = 8 },	/* PCI configuration */
	},
	.blobs = {
		{ .file = "build/inmates/tiny.bin", .load_address = 0 },
	},
};
