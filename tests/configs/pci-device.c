/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bad cell config for the build-time check: it is assigned a PCI function
 * (q35's AHCI controller) without the IDs that must answer there.
 * with: cells/hello.c
 * expect: tests/configs/pci-device.c: cell "pci-device": PCI device 0 (0000:00:1f.2): vendor_id 0x0000 names no function (give the IDs that must answer there)
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[2];
	struct bh_pci_device pci_devices[1];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "pci-device",
		.cpus = 1ULL << 3,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_pci_devices = BH_ARRAY_SIZE(config.pci_devices),
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
	.pci_devices = {
		{ .type = BH_PCI_TYPE_DEVICE, .bdf = 0x00fa,	/* 00:1f.2 */
		  .device_id = 0x2922 },	/* vendor_id left 0 */
	},
	.blobs = {
		{ .file = "build/inmates/tiny.bin", .load_address = 0 },
	},
};
