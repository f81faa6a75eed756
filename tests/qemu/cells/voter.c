/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Template of the management test cells (tests/qemu/boot_tests.py): a
 * cell config of a test system (tests/qemu/systems/) defines VOTER_INDEX
 * N, VOTER_NAME "POLICY" and VOTER_ARGS "vote=..." (and VOTER_FLAGS, more
 * cell flags, and VOTER_CONSOLE_RATE, if any) and includes it. Cell
 * POLICY runs tests/qemu/inmates/voter.c on CPU 1 + N
 * with 1 MiB of LOADABLE RAM at 64 MiB + N MiB; its command line
 * (name=POLICY vote=...) is inline (at 0x1000). POLICY
 * "passive" is passive-commreg; "forever" waits for ever (time-out 0);
 * "quiet" times out after a second, the others after 200 ms.
 */
#include <bulkhead/config.h>

#define IS(name) (__builtin_strcmp(VOTER_NAME, name) == 0)

#ifndef VOTER_FLAGS
#define VOTER_FLAGS 0	/* more cell flags: what it may do in a vote */
#endif
#ifndef VOTER_CONSOLE_RATE
#define VOTER_CONSOLE_RATE 0	/* characters a second: the default */
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
		.name = VOTER_NAME,
		.flags = BH_CELL_VIRTUAL_CONSOLE_ACTIVE | VOTER_FLAGS |
			 (IS("passive") ? BH_CELL_PASSIVE_COMMREG : 0),
		.cpus = 1ULL << (1 + VOTER_INDEX),
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_cmdline = BH_ARRAY_SIZE(config.cmdline),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
		.msg_reply_timeout = IS("forever") ? 0 :
				     IS("quiet") ? 1000000 : 200000,
		.console_rate = VOTER_CONSOLE_RATE,
	},
	.mem_regions = {
		{
			.phys_start = 0x04000000 + VOTER_INDEX * 0x00100000,
			.virt_start = 0,
			.size = 0x00100000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE |
				 BH_MEM_LOADABLE,
		},
		{
			.virt_start = 0x00100000,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE |
				 BH_MEM_COMM_REGION,
		},
	},
	.cmdline = { { .text = "name=" VOTER_NAME " " VOTER_ARGS } },
	.blobs = {
		{ .file = "build/tests/qemu/inmates/voter.bin" },
	},
};
