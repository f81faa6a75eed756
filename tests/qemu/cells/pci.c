/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Template of the PCI test cells (tests/qemu/systems/pci): a cell config
 * defines PCI_NAME, PCI_CPU, PCI_RAM (1 MiB of host memory), PCI_ARGS
 * (the command line of tests/qemu/inmates/pci.c) and, for a cell that
 * owns a function, PCI_OWNER (its BDF) and PCI_ID (vendor << 16 | device:
 * QEMU's edu if not given), and includes it. The cells share a page at
 * guest 0x200000 (host 0x03f00000). With PCI_DMA the upper half of the
 * RAM (guest 0x80000) is a DMA region; PCI_BLOB names another inmate
 * than tests/qemu/inmates/pci.c; PCI_INTX_PIN gives the cell that IOAPIC
 * pin and routes its function's INTx line there (BH_PCI_INTX).
 */
#include <bulkhead/config.h>

#ifdef PCI_OWNER
#define PCI_DEVICES 1
#ifndef PCI_ID
#define PCI_ID 0x123411e8	/* QEMU's edu */
#endif
#else
#define PCI_DEVICES 0
#endif
#ifdef PCI_DMA
#define PCI_RAM_REGIONS 2
#else
#define PCI_RAM_REGIONS 1
#endif
#ifndef PCI_BLOB
#define PCI_BLOB "build/tests/qemu/inmates/pci.bin"
#endif

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[PCI_RAM_REGIONS + 2];
#ifdef PCI_INTX_PIN
	struct bh_irqchip irqchips[1];
#endif
	struct bh_pci_device pci_devices[PCI_DEVICES];
	struct bh_cmdline cmdline[1];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = PCI_NAME,
		.flags = BH_CELL_PASSIVE_COMMREG |
			 BH_CELL_VIRTUAL_CONSOLE_ACTIVE,
		.cpus = 1ULL << PCI_CPU,
		/* The owner prints some 300 characters a run, its 21 runs
		 * in a few seconds: more than the default budget. */
		.console_rate = BH_CONSOLE_RATE_MAX,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
#ifdef PCI_INTX_PIN
		.num_irqchips = BH_ARRAY_SIZE(config.irqchips),
#endif
		.num_pci_devices = PCI_DEVICES,
		.num_cmdline = BH_ARRAY_SIZE(config.cmdline),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
	},
	.mem_regions = {
#ifdef PCI_DMA
		{
			.phys_start = PCI_RAM,
			.virt_start = 0,
			.size = 0x00080000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE,
		},
		{
			.phys_start = PCI_RAM + 0x00080000,
			.virt_start = 0x00080000,
			.size = 0x00080000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_DMA,
		},
#else
		{
			.phys_start = PCI_RAM,
			.virt_start = 0,
			.size = 0x00100000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE,
		},
#endif
		{
			.virt_start = 0x00100000,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE |
				 BH_MEM_COMM_REGION,
		},
		{
			.phys_start = 0x03f00000,
			.virt_start = 0x00200000,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_SHARED,
		},
	},
#ifdef PCI_INTX_PIN
	.irqchips = {
		{
			.address = 0xfec00000,
			.id = 0xff00,
			.pin_bitmap = { 1U << PCI_INTX_PIN },
		},
	},
#endif
#ifdef PCI_OWNER
	.pci_devices = {
		{
			.type = BH_PCI_TYPE_DEVICE,
			.bdf = PCI_OWNER,
			.vendor_id = PCI_ID >> 16,
			.device_id = PCI_ID & 0xffff,
#ifdef PCI_INTX_PIN
			.flags = BH_PCI_INTX,
			.intx_pin = PCI_INTX_PIN,
#endif
		},
	},
#endif
	.cmdline = { { .text = PCI_ARGS } },
	.blobs = {
		{ .file = PCI_BLOB },
	},
};
