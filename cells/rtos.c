/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Cell "rtos": CPU 4, 1 MiB of RAM at guest 0, console on COM4, runs
 * inmates/demos/rtos.c.
 * Field reference: Documentation/config-format.md.
 */
#include <bulkhead/config.h>

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[2];
	struct bh_pio pio_regions[1];
	struct bh_cmdline cmdline[1];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "rtos",
		.flags = 0,
		.cpus = 1ULL << 4,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_pio_regions = BH_ARRAY_SIZE(config.pio_regions),
		.num_cmdline = BH_ARRAY_SIZE(config.cmdline),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
		.cpu_reset_address = 0,
		.msg_reply_timeout = 100000,	/* 100 ms */
		.console = {
			.address = 0x2e8,	/* COM4 */
			.size = 8,
			.type = BH_CON_TYPE_8250,
			.flags = BH_CON_ACCESS_PIO | BH_CON_REGDIST_1,
		},
	},
	.mem_regions = {
		/* RAM */ {
			.phys_start = 0x03700000,
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
	.pio_regions = {
		{ .base = 0x2e8, .length = 8 },	/* COM4 */
	},
	/* How it answers the hypervisor's requests to stop, restart or
	 * reload it or to shut the system down (inmates/lib/comm.c):
	 * vote=approve, vote=deny denials=N, vote=lock, vote=silent. */
	.cmdline = { { .text = "vote=approve" } },
	.blobs = {
		{ .file = "build/inmates/demos/rtos.bin", .load_address = 0 },
	},
};
