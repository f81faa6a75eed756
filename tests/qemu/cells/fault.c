/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Template of the faulty test cells (tests/qemu/boot_tests.py): a cell
 * config of a test system (tests/qemu/systems/) defines FAULT_INDEX N
 * and FAULT_KIND "KIND" and includes it. Cell KIND runs
 * tests/qemu/inmates/fault.c on CPU 3 + N with 1 MiB of RAM at 64 MiB +
 * N MiB; its command line, fault=KIND, is inline (at 0x1000). Its
 * console is the hypervisor's, unless FAULT_CONSOLE is 0 (kind
 * putc-forged: a cell without the permission). FAULT_PINS, if defined,
 * is the bitmap of IOAPIC pins 0-31 it owns; FAULT_ARGS, more of its
 * command line (" flood=N").
 */
#include <bulkhead/config.h>

#ifndef FAULT_CONSOLE
#define FAULT_CONSOLE 1
#endif

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[2];
#ifdef FAULT_PINS
	struct bh_irqchip irqchips[1];
#endif
	struct bh_cmdline cmdline[1];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = FAULT_KIND,
		.flags = BH_CELL_PASSIVE_COMMREG |
			 (FAULT_CONSOLE ? BH_CELL_VIRTUAL_CONSOLE_ACTIVE : 0),
		.cpus = 1ULL << (3 + FAULT_INDEX),
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
#ifdef FAULT_PINS
		.num_irqchips = BH_ARRAY_SIZE(config.irqchips),
#endif
		.num_cmdline = BH_ARRAY_SIZE(config.cmdline),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
	},
	.mem_regions = {
		{
			.phys_start = 0x04000000 + FAULT_INDEX * 0x00100000,
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
#ifdef FAULT_PINS
	.irqchips = {
		{
			.address = 0xfec00000,
			.id = 0xff00,
			.pin_bitmap = { FAULT_PINS },
		},
	},
#endif
#ifndef FAULT_ARGS
#define FAULT_ARGS ""
#endif
	.cmdline = { { .text = "fault=" FAULT_KIND FAULT_ARGS } },
	.blobs = {
		{ .file = "build/tests/qemu/inmates/fault.bin" },
	},
};
