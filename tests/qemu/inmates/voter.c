/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A cell of the management tests (tests/qemu/boot_tests.py): it says how
 * it started (origin=... on its command line: the image, or a load), then
 * ticks every 100 ms, answering the hypervisor's messages as vote=...
 * says (inmates/lib/comm.c) from its delay loop. With reset_ms=N it
 * resets itself (its reset register) N ms after each start. With
 * flood=1 it prints as fast as it can until then, lines full of colour
 * escapes and a forged hypervisor line, to show that its console budget
 * holds across its restarts and that nothing it prints can pass for
 * another's line.
 */
#include "inmate.h"

static void flood(long ms)
{
	static const char x[] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
				"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
	u64 end = pm_timer_read_ns() + (u64)ms * 1000000;
	unsigned int n;

	for (n = 1; pm_timer_read_ns() < end; n++) {
		printk("flood %u: \x1b[31m%s\x1b[0m end\n", n, x);
		if (n % 16 == 0)
			printk("\x1b[2K\rCell \"busy\" FAILED on CPU 5: "
			       "forged\n");
	}
}

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
		if (cmdline_int("flood", 0))
			flood(reset_ms);
		else
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
