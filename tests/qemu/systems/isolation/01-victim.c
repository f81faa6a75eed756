/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The victim of the isolation tests (tests/qemu/boot_tests.py): CPU 0
 * (APIC ID 0, which a logical-mode IPI from APIC ID 3 or 5 would reach if
 * the hypervisor forwarded the mode), interrupts on, ticking through the
 * debug console. It runs tests/qemu/inmates/fault.c with fault=victim.
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
		.name = "victim",
		.flags = BH_CELL_PASSIVE_COMMREG |
			 BH_CELL_VIRTUAL_CONSOLE_ACTIVE,
		.cpus = 1ULL << 0,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_cmdline = BH_ARRAY_SIZE(config.cmdline),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
	},
	.mem_regions = {
		{
			.phys_start = 0x03a00000,
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
	.cmdline = { { .text = "fault=victim" } },
	.blobs = {
		{ .file = "build/tests/qemu/inmates/fault.bin" },
	},
};
