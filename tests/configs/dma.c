/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bad cell config for the build-time check: a DMA region over the interrupt window, where devices' writes are interrupts.
 * with: cells/hello.c
 * expect: tests/configs/dma.c: cell "dma": memory region 2 has BH_MEM_DMA at guest [0xfed00000-0xfef00000), over the interrupt window [0xfee00000-0xfef00000) where devices' writes are interrupts, not memory
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[3];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "dma",
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
		{
			.phys_start = 0x03400000,
			.virt_start = 0xfed00000,
			.size = 0x200000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_DMA,
		},
	},
	.blobs = {
		{ .file = "build/inmates/tiny.bin", .load_address = 0 },
	},
};
