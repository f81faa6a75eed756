/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A cell of the management tests (tests/qemu/boot_tests.py): it says how
 * it started (origin=... on its command line: the image, or a load), then
 * ticks every 100 ms, answering the hypervisor's messages as vote=...
 * says (inmates/lib/comm.c) from its delay loop. With reset_ms=N it
 * resets itself (its reset register) N ms after each start.
 */
#include "inmate.h"

void inmate_main(void)
{
	char name[32], origin[16];
	unsigned int tick;
	long reset_ms = cmdline_int("reset_ms", 0);

	if (!cmdline_str("name", name, sizeof(name)))
		name[0] = '\0';
	if (!cmdline_str("origin", origin, sizeof(origin)))
		memcpy(origin, "image", 6);
	comm_poll();
	printk("voter %s: started from the %s, comm state %u, msg %u\n", name,
	       origin, comm_region->cell_state, comm_region->msg_to_cell);
	if (reset_ms > 0) {
		delay_us((u64)reset_ms * 1000);
		printk("voter %s: resetting itself after %ld ms\n", name,
		       reset_ms);
		outb(0xcf9, 0x06);
		printk("voter %s: STILL RUNNING after its own reset\n", name);
	}
	for (tick = 1;; tick++) {
		delay_us(100000);
		if (tick % 10 == 0)
			printk("voter %s: tick %u\n", name, tick / 10);
	}
}
