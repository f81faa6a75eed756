/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Cell "pci-demo": CPU 7, 1 MiB of RAM at guest 0, owns the PCI function
 * at 00:10.0, QEMU's edu device (cells/qemu-devices puts it there), and
 * runs inmates/demos/pci-demo.c, which drives it with MSI. Its console is
 * the hypervisor's, where its lines appear as "[pci-demo]". The device
 * does no DMA here: the cell has no BH_MEM_DMA region, so through the
 * IOMMU its DMA would reach nothing (bhimage notes it); its MSIs are
 * remapped to this cell's CPU.
 * Field reference: Documentation/config-format.md.
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[2];
	struct bh_pci_device pci_devices[1];
	struct bh_cmdline cmdline[1];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "pci-demo",
		.flags = BH_CELL_VIRTUAL_CONSOLE_ACTIVE,
		.cpus = 1ULL << 7,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_pci_devices = BH_ARRAY_SIZE(config.pci_devices),
		.num_cmdline = BH_ARRAY_SIZE(config.cmdline),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
		.cpu_reset_address = 0,
		.msg_reply_timeout = 100000,	/* 100 ms */
	},
	.mem_regions = {
		/* RAM */ {
			.phys_start = 0x03200000,
			.virt_start = 0,
			.size = 0x00100000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE,
		},
		/* comm region */ {
			.virt_start = 0x00100000,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE |
				 BH_MEM_COMM_REGION,
		},
	},
	.pci_devices = {
		{
			.type = BH_PCI_TYPE_DEVICE,
			.bdf = 0x0080,		/* 00:10.0 */
			.vendor_id = 0x1234,	/* QEMU's edu */
			.device_id = 0x11e8,
		},
	},
	.cmdline = { { .text = "vote=approve" } },
	.blobs = {
		{ .file = "build/inmates/demos/pci-demo.bin", .load_address = 0 },
	},
};
