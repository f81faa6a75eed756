/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The inmate's side of the comm-region messages (Jailhouse's protocol,
 * Documentation/management.md). comm_poll() answers what the hypervisor
 * asked; delay_us() calls it, so every inmate that waits answers. How it
 * answers a shutdown request comes from the command line:
 *
 * - `vote=approve` (default): approve;
 * - `vote=deny`: deny the first `denials=N` requests (default 1), then
 *   approve;
 * - `vote=lock`: set the cell's state to RUNNING_LOCKED at once, which
 *   blocks every change to the other cells; asked itself, it answers as
 *   `denials=N` says (approve by default);
 * - `vote=silent`: never answer (with `silences=N`, leave only the first
 *   N requests unanswered; a request withdrawn and asked again is a new
 *   one);
 * - `vote=reset`: answer by resetting the cell (its reset register,
 *   port 0xCF9), as a guest that reboots when asked to stop.
 *
 * RECONFIG_COMPLETED is acknowledged with RECEIVED (with `ack_ms=N`, only
 * N ms after it came: a cell too busy to answer at once), anything else
 * with UNKNOWN. Each message is reported on the cell's console.
 */
#include "inmate.h"

enum policy { APPROVE, DENY, LOCK, SILENT, RESET };

static bool ready, ignoring;
static enum policy policy;
static long denials, silences, completions, ack_ms;
static u32 last_msg;
static u64 msg_since;		/* when the message now posted came, in ns */

static void comm_init(void)
{
	char v[16];

	ready = true;
	policy = APPROVE;
	if (cmdline_str("vote", v, sizeof(v))) {
		if (!strcmp(v, "deny"))
			policy = DENY;
		else if (!strcmp(v, "lock"))
			policy = LOCK;
		else if (!strcmp(v, "silent"))
			policy = SILENT;
		else if (!strcmp(v, "reset"))
			policy = RESET;
		else if (strcmp(v, "approve"))
			printk("comm: vote=%s is not approve, deny, lock, "
			       "silent or reset: approving\n", v);
	}
	ack_ms = cmdline_int("ack_ms", 0);
	denials = cmdline_int("denials", policy == DENY ? 1 : 0);
	silences = policy == SILENT ? cmdline_int("silences", -1) : 0;
	if (policy == LOCK) {
		comm_region->cell_state = CELL_RUNNING_LOCKED;
		printk("comm: cell locked (RUNNING_LOCKED)\n");
	}
}

/* Jailhouse's order: the message cleared, then the reply. */
static void reply(u32 r)
{
	comm_region->msg_to_cell = MSG_NONE;
	asm volatile("mfence" : : : "memory");
	comm_region->reply_from_cell = r;
}

void comm_poll(void)
{
	bool fresh;
	u32 msg;

	if (!ready)
		comm_init();
	msg = comm_region->msg_to_cell;
	fresh = msg != last_msg;
	last_msg = msg;
	if (fresh)
		msg_since = pm_timer_read_ns();
	if (msg == MSG_NONE) {
		ignoring = false;	/* withdrawn, or answered */
		return;
	}
	if (msg == MSG_SHUTDOWN_REQUEST && ignoring)
		return;
	if (msg == MSG_SHUTDOWN_REQUEST && fresh && silences) {
		if (silences > 0)
			silences--;
		ignoring = true;
		printk("comm: shutdown requested: staying silent\n");
		return;
	}
	if (msg == MSG_SHUTDOWN_REQUEST && policy == RESET) {
		printk("comm: shutdown requested: resetting the cell "
		       "instead\n");
		outb(0xcf9, 0x06);
		printk("comm: STILL RUNNING after its own reset\n");
	} else if (msg == MSG_SHUTDOWN_REQUEST && denials > 0) {
		denials--;
		printk("comm: shutdown requested: denied (%ld more to deny)\n",
		       denials);
		reply(MSG_REQUEST_DENIED);
	} else if (msg == MSG_SHUTDOWN_REQUEST) {
		printk("comm: shutdown requested: approved\n");
		reply(MSG_REQUEST_APPROVED);
	} else if (msg == MSG_RECONFIG_COMPLETED) {
		u64 ms = (pm_timer_read_ns() - msg_since) / 1000000;

		if (ms < (u64)ack_ms)
			return;		/* busy: not yet */
		/* Reported the first time and then at powers of two. */
		completions++;
		if (!(completions & (completions - 1)))
			printk("comm: reconfiguration completed: received "
			       "(%ld so far)\n", completions);
		if (ack_ms)
			printk("comm: answered %llu ms after it came\n",
			       (unsigned long long)ms);
		reply(MSG_RECEIVED);
	} else {
		printk("comm: message %u unknown\n", msg);
		reply(MSG_UNKNOWN);
	}
}
