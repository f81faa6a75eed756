/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test cell that passes the build-time check but names PCI functions
 * this machine does not have as it says (tests/qemu/systems/pci-unfit):
 * the edu device at 00:10.0 under another device ID and a function at
 * 00:12.0 where none answers. The hypervisor must refuse the system at
 * boot, naming file, cell and function for each, before any cell runs.
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[2];
	struct bh_pci_device pci_devices[2];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "pci-unfit",
		.flags = BH_CELL_PASSIVE_COMMREG,
		.cpus = 1ULL << 1,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_pci_devices = BH_ARRAY_SIZE(config.pci_devices),
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
	.pci_devices = {
		{ .type = BH_PCI_TYPE_DEVICE, .bdf = 0x0080,	/* 00:10.0 */
		  .vendor_id = 0x1234, .device_id = 0x11e9 },
		{ .type = BH_PCI_TYPE_DEVICE, .bdf = 0x0090,	/* 00:12.0 */
		  .vendor_id = 0x1234, .device_id = 0x11e8 },
	},
	.blobs = {
		{ .file = "build/inmates/tiny.bin" },
	},
};
