/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test cell with an irqchip the machine does not have (no IOAPIC at
 * 0xfec10000 on q35): the config checker cannot know, the hypervisor
 * must refuse it at boot. tests/qemu/boot_tests.py boots it with the
 * error-tracing hypervisor (make TRACE_ERROR=1).
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[2];
	struct bh_irqchip irqchips[1];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "bad-irqchip",
		.flags = BH_CELL_PASSIVE_COMMREG |
			 BH_CELL_VIRTUAL_CONSOLE_ACTIVE,
		.cpus = 1ULL << 2,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_irqchips = BH_ARRAY_SIZE(config.irqchips),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
	},
	.mem_regions = {
		{
			.phys_start = 0x03800000,
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
	.irqchips = {
		{
			.address = 0xfec10000,
			.id = 0xff00,
			.pin_bitmap = { 1U << 8 },	/* RTC */
		},
	},
	.blobs = {
		{ .file = "build/inmates/demos/hello.bin" },
	},
};
