/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bad cell config for the build-time check: its inline command line is
 * one byte too long for the 256 bytes that Jailhouse's inmates (and ours)
 * have at 0x1000.
 * with: cells/hello.c
 * expect: tests/configs/cmdline-too-long.c: cell "cmdline-too-long": command line is 257 bytes with its NUL, longer than the 256 bytes at 0x1000 given for it
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[2];
	struct bh_cmdline cmdline[1];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "cmdline-too-long",
		.cpus = 1ULL << 3,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_cmdline = BH_ARRAY_SIZE(config.cmdline),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
		.cpu_reset_address = 0,
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
	.cmdline = {
		{ .text = /* 256 characters */
			  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" },
	},
	.blobs = {
		{ .file = "build/inmates/tiny.bin", .load_address = 0 },
	},
};
