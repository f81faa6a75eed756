/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test cell that passes the build-time check but not the machine's
 * (tests/qemu/boot_tests.py, group machine-unfit): an IO region on the
 * IOAPIC page, which no cell names in an irqchip (so the build cannot
 * know it is one), the HPET, which only the ACPI HPET table names, ECAM
 * of bus 16, beyond the window the system config states but within the
 * MCFG's, and memory above the CPU's physical address width; the q35
 * ports of the ACPI PM1a control block, the SMI command and the GPE0
 * block, which only the FADT names. The hypervisor must refuse the
 * system at boot, naming file, cell and region for each, before any
 * cell runs.
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[6];
	struct bh_pio pio_regions[3];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "machine-unfit",
		.flags = BH_CELL_PASSIVE_COMMREG |
			 BH_CELL_VIRTUAL_CONSOLE_ACTIVE,
		.cpus = 1ULL << 2,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_pio_regions = BH_ARRAY_SIZE(config.pio_regions),
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
		{
			.phys_start = 0xfec00000,
			.virt_start = 0xfec00000,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
		{
			.phys_start = 0xfed00000,	/* HPET */
			.virt_start = 0xfed00000,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
		{
			.phys_start = 0xb1000000,	/* ECAM, bus 16 */
			.virt_start = 0xb1000000,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
		{
			.phys_start = 0x0000f00000000000,	/* > 2^47 */
			.virt_start = 0x10000000,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
	},
	.pio_regions = {
		{ .base = 0x604, .length = 2 },	/* q35 PM1a control */
		{ .base = 0xb2, .length = 1 },	/* q35 SMI command */
		{ .base = 0x620, .length = 16 },	/* q35 GPE0 block */
	},
	.blobs = {
		{ .file = "build/inmates/demos/hello.bin" },
	},
};
