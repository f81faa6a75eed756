/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bad cell config for the build-time check: its blob does not fit its 16 KiB RAM region.
 * with: cells/hello.c
 * expect: tests/configs/blob-too-large.c: cell "blob-too-large": blob 0 (build/BOOTX64.EFI,
 * expect: is larger than memory region 0 [0x0-0x4000) it loads into
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
		.name = "blob-too-large",
		.cpus = 1ULL << 3,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
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
	.blobs = {
		{ .file = "build/BOOTX64.EFI", .load_address = 0 },
	},
};
