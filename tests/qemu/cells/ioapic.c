/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Template of the IOAPIC test cell (tests/qemu/boot_tests.py): a cell
 * config of a test system defines IOAPIC_ARGS, the command line of
 * tests/qemu/inmates/ioapic.c (inline, at 0x1000), and includes it. The
 * cell runs on CPU 2 with the CMOS RTC's ports and IOAPIC pin 8; its
 * console is the hypervisor's.
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[2];
	struct bh_irqchip irqchips[1];
	struct bh_pio pio_regions[1];
	struct bh_cmdline cmdline[1];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "ioapic",
		.flags = BH_CELL_PASSIVE_COMMREG |
			 BH_CELL_VIRTUAL_CONSOLE_ACTIVE,
		.cpus = 1ULL << 2,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_irqchips = BH_ARRAY_SIZE(config.irqchips),
		.num_pio_regions = BH_ARRAY_SIZE(config.pio_regions),
		.num_cmdline = BH_ARRAY_SIZE(config.cmdline),
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
			.address = 0xfec00000,
			.id = 0xff00,
			.pin_bitmap = { 1U << 8 },	/* RTC */
		},
	},
	.pio_regions = {
		{ .base = 0x70, .length = 2 },	/* CMOS RTC */
	},
	.cmdline = { { .text = IOAPIC_ARGS } },
	.blobs = {
		{ .file = "build/tests/qemu/inmates/ioapic.bin" },
	},
};
