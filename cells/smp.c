/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Cell "smp": CPUs 2 and 3, 1 MiB of RAM at guest 0, runs
 * inmates/demos/smp.c. Its console is the hypervisor's (putc hypercall),
 * where its lines appear as "[smp]".
 * Field reference: Documentation/config-format.md.
 */
#include <bulkhead/config.h>

/* make bench runs it on other CPUs with other arguments
 * (tests/bench/ipi). */
#ifndef SMP_CPUS
#define SMP_CPUS (1ULL << 2 | 1ULL << 3)
#endif
#ifndef SMP_CMDLINE
#define SMP_CMDLINE "vote=approve"
#endif

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[2];
	struct bh_cmdline cmdline[1];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "smp",
		.flags = BH_CELL_VIRTUAL_CONSOLE_ACTIVE,
		.cpus = SMP_CPUS,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_cmdline = BH_ARRAY_SIZE(config.cmdline),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
		.cpu_reset_address = 0,
		.msg_reply_timeout = 100000,	/* 100 ms */
	},
	.mem_regions = {
		/* RAM */ {
			.phys_start = 0x03100000,
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
	/* How it answers the hypervisor's requests to stop, restart or
	 * reload it or to shut the system down (inmates/lib/comm.c):
	 * vote=approve, vote=deny denials=N, vote=lock, vote=silent. */
	.cmdline = { { .text = SMP_CMDLINE } },
	.blobs = {
		{ .file = "build/inmates/demos/smp.bin", .load_address = 0 },
	},
};
