/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test cell (tests/qemu/systems/pci-unfit) that owns the edu device at
 * 00:13.0 and maps, as device memory, the part of the 32-bit PCI window
 * where OVMF places its BAR: the BAR the hypervisor reads at boot must
 * be refused, naming the cell, the function, the BAR and the region.
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[3];
	struct bh_pci_device pci_devices[1];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "pci-bar",
		.flags = BH_CELL_PASSIVE_COMMREG,
		.cpus = 1ULL << 2,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_pci_devices = BH_ARRAY_SIZE(config.pci_devices),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
	},
	.mem_regions = {
		{
			.phys_start = 0x03900000,
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
			.phys_start = 0xc0000000,
			.virt_start = 0xc0000000,
			.size = 0x10000000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO,
		},
	},
	.pci_devices = {
		{ .type = BH_PCI_TYPE_DEVICE, .bdf = 0x0098,	/* 00:13.0 */
		  .vendor_id = 0x1234, .device_id = 0x11e8 },
	},
	.blobs = {
		{ .file = "build/inmates/tiny.bin" },
	},
};
