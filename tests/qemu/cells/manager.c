/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Template of the managing cell of the management tests
 * (tests/qemu/boot_tests.py, tests/qemu/cells/system-manage.c): a cell
 * config of a test system (tests/qemu/systems/manage) defines
 * MANAGER_SOAK "N"
 * (its inline command line soak=N; MANAGER_EXTRA adds to it) and
 * includes it: tests/qemu/inmates/manager.c on
 * CPU 0 with 1 MiB of RAM for itself and 1 MiB holding what it loads into
 * another cell (the voter program at guest 0x200000, the command line it
 * gives it at 0x2ff000); MANAGER_SHARED adds a shared page.
 */
#include <bulkhead/config.h>

#ifndef MANAGER_EXTRA
#define MANAGER_EXTRA ""	/* more of its command line */
#endif

/* MANAGER_SHARED: the host address of a page it shares with other cells,
 * at guest 0x300000. */
#ifdef MANAGER_SHARED
#define MANAGER_REGIONS 4
#else
#define MANAGER_REGIONS 3
#endif

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[MANAGER_REGIONS];
	struct bh_cmdline cmdline[1];
	struct bh_blob blobs[3];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "manager",
		.flags = BH_CELL_VIRTUAL_CONSOLE_ACTIVE,
		.cpus = 1ULL << 0,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_cmdline = BH_ARRAY_SIZE(config.cmdline),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
		.msg_reply_timeout = 200000,
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
		{
			.phys_start = 0x03b00000,
			.virt_start = 0x00200000,
			.size = 0x00100000,
			.flags = BH_MEM_READ | BH_MEM_WRITE,
		},
#ifdef MANAGER_SHARED
		{
			.phys_start = MANAGER_SHARED,
			.virt_start = 0x00300000,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_SHARED,
		},
#endif
	},
	.cmdline = { { .text = "soak=" MANAGER_SOAK MANAGER_EXTRA } },
	.blobs = {
		{ .file = "build/tests/qemu/inmates/manager.bin" },
		{ .file = "build/tests/qemu/inmates/voter.bin",
		  .load_address = 0x00200000 },
		{ .file = "tests/qemu/cells/loaded-cmdline.txt",
		  .load_address = 0x002ff000 },
	},
};
