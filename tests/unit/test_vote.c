/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The voting protocol (core/lib/vote.c) against scripted cells: each
 * branch of vote_begin(), vote_poll(), vote_withdraw(), vote_silent() and
 * vote_inform(), with what the cells' comm regions saw, and what a
 * cell's config allows it (forced operations, locks, denials).
 */
#include <string.h>

#include <bulkhead/comm_region.h>
#include "check.h"
#include "vote.h"

#define N 4

/* The cells' side of their comm regions. */
static struct {
	u32 state[BH_MAX_CELLS];
	u32 reply[BH_MAX_CELLS];
	u32 msg[BH_MAX_CELLS];
	unsigned int sends[BH_MAX_CELLS];
} cr;

static u32 io_state(void *ctx, u32 i)
{
	(void)ctx;
	return cr.state[i];
}

static u32 io_reply(void *ctx, u32 i)
{
	(void)ctx;
	return cr.reply[i];
}

static void io_send(void *ctx, u32 i, u32 msg)
{
	(void)ctx;
	cr.reply[i] = MSG_NONE;
	cr.msg[i] = msg;
	cr.sends[i]++;
}

static const struct vote_io io = { io_state, io_reply, io_send, NULL };

static struct vote_cell cells[BH_MAX_CELLS];
static struct vote v;

/* N running cells, none passive, cell i with a time-out of (i+1) ms. */
static void reset(void)
{
	u32 i;

	memset(&cr, 0, sizeof(cr));
	for (i = 0; i < BH_MAX_CELLS; i++)
		cells[i] = (struct vote_cell){ .running = true,
					       .timeout_us = 1000 * (i + 1) };
}

/* Cell @p i answers @p reply as Jailhouse's cells do. */
static void answer(u32 i, u32 reply)
{
	cr.msg[i] = MSG_NONE;
	cr.reply[i] = reply;
}

static void test_approve(void)
{
	enum vote_result r;

	reset();
	r = vote_begin(&v, cells, N, 1, 0, &io);
	check("approve.pending", r == VOTE_PENDING, "not pending");
	check("approve.asks_target_only", cr.msg[1] == MSG_SHUTDOWN_REQUEST &&
	      !cr.sends[0] && !cr.sends[2] && !cr.sends[3],
	      "wrong cells asked");
	check("approve.still_pending", vote_poll(&v, 10, &io) == VOTE_PENDING,
	      "decided without an answer");
	answer(1, MSG_REQUEST_APPROVED);
	r = vote_poll(&v, 20, &io);
	check("approve.approved", r == VOTE_APPROVED, "not approved");
	check("approve.kept", vote_poll(&v, 1000000, &io) == VOTE_APPROVED &&
	      vote_silent(&v, 0) == VOTE_NO_CELL, "ended vote changed");
}

static void test_deny(void)
{
	reset();
	vote_begin(&v, cells, N, 2, 0, &io);
	answer(2, MSG_REQUEST_DENIED);
	check("deny.denied", vote_poll(&v, 5, &io) == VOTE_DENIED &&
	      v.decider == 2, "not denied by cell 2");
	/* UNKNOWN (a cell that does not understand) and nonsense deny. */
	reset();
	vote_begin(&v, cells, N, 2, 0, &io);
	answer(2, MSG_UNKNOWN);
	check("deny.unknown", vote_poll(&v, 5, &io) == VOTE_DENIED,
	      "UNKNOWN did not deny");
	reset();
	vote_begin(&v, cells, N, 2, 0, &io);
	answer(2, 0x1234);
	check("deny.nonsense", vote_poll(&v, 5, &io) == VOTE_DENIED,
	      "a reply out of range did not deny");
	/* RECEIVED is the answer to information, not to a request. */
	reset();
	vote_begin(&v, cells, N, 2, 0, &io);
	answer(2, MSG_RECEIVED);
	check("deny.received", vote_poll(&v, 5, &io) == VOTE_DENIED,
	      "RECEIVED approved a request");
}

static void test_state_approves(void)
{
	reset();
	vote_begin(&v, cells, N, 0, 0, &io);
	cr.state[0] = CELL_SHUT_DOWN;	/* apic-demo's way to approve */
	check("state.shut_down", vote_poll(&v, 1, &io) == VOTE_APPROVED,
	      "SHUT_DOWN did not approve");
	reset();
	vote_begin(&v, cells, N, 0, 0, &io);
	cr.state[0] = CELL_FAILED;
	cr.reply[0] = MSG_REQUEST_DENIED;	/* state wins, as in Jailhouse */
	check("state.failed", vote_poll(&v, 1, &io) == VOTE_APPROVED,
	      "FAILED did not approve");
	reset();
	vote_begin(&v, cells, N, 0, 0, &io);
	cr.state[0] = CELL_FAILED_COMM_REV;
	check("state.failed_comm_rev_waits", vote_poll(&v, 1, &io) ==
	      VOTE_PENDING, "FAILED_COMM_REV is not an answer");
}

static void test_not_asked(void)
{
	reset();
	cells[1].passive = true;
	check("passive.approves", vote_begin(&v, cells, N, 1, 0, &io) ==
	      VOTE_APPROVED, "passive target not approved");
	check("passive.never_written", !cr.sends[1] && cr.msg[1] == MSG_NONE,
	      "passive cell was written");
	reset();
	cells[3].running = false;
	check("stopped.approves", vote_begin(&v, cells, N, 3, 0, &io) ==
	      VOTE_APPROVED && !cr.sends[3], "stopped target was asked");
}

static void test_lock(void)
{
	reset();
	cr.state[0] = CELL_RUNNING_LOCKED;
	check("lock.blocks", vote_begin(&v, cells, N, 2, 0, &io) ==
	      VOTE_BLOCKED && v.decider == 0, "lock of cell 0 did not block");
	check("lock.nobody_asked", !cr.sends[1] && !cr.sends[2],
	      "asked although blocked");
	check("lock.poll_keeps", vote_poll(&v, 5, &io) == VOTE_BLOCKED,
	      "blocked vote changed");
	/* The target's own lock does not block: it is asked. */
	reset();
	cr.state[2] = CELL_RUNNING_LOCKED;
	check("lock.own_asked", vote_begin(&v, cells, N, 2, 0, &io) ==
	      VOTE_PENDING && cr.msg[2] == MSG_SHUTDOWN_REQUEST,
	      "target's own lock blocked");
	/* A stopped cell's stale lock blocks nothing. */
	reset();
	cr.state[0] = CELL_RUNNING_LOCKED;
	cells[0].running = false;
	check("lock.stopped_ignored", vote_begin(&v, cells, N, 2, 0, &io) ==
	      VOTE_PENDING, "a stopped cell's lock blocked");
	/* Nor does a passive cell's lock, if it runs (Jailhouse's rule is
	 * about state, not about being asked): it blocks. */
	reset();
	cr.state[3] = CELL_RUNNING_LOCKED;
	cells[3].passive = true;
	check("lock.passive_blocks", vote_begin(&v, cells, N, 1, 0, &io) ==
	      VOTE_BLOCKED && v.decider == 3, "passive running lock ignored");
	/* The whole system: any running locked cell blocks. */
	reset();
	cr.state[1] = CELL_RUNNING_LOCKED;
	check("lock.system", vote_begin(&v, cells, N, VOTE_NO_CELL, 0, &io) ==
	      VOTE_BLOCKED && v.decider == 1, "system change not blocked");
}

static void test_timeout(void)
{
	reset();
	vote_begin(&v, cells, N, 1, 100, &io);	/* cell 1: 2000 us */
	check("timeout.before", vote_poll(&v, 2099, &io) == VOTE_PENDING &&
	      vote_silent(&v, 0) == VOTE_NO_CELL, "timed out early");
	check("timeout.at", vote_poll(&v, 2100, &io) == VOTE_APPROVED &&
	      vote_silent(&v, 0) == 1 && vote_silent(&v, 2) == VOTE_NO_CELL,
	      "not timed out at its deadline");
	reset();
	cells[1].timeout_us = 0;	/* for ever */
	vote_begin(&v, cells, N, 1, 0, &io);
	check("timeout.zero_waits", vote_poll(&v, ~0ULL >> 1, &io) ==
	      VOTE_PENDING, "timeout 0 ended");
	/* A time-out so long that now + time-out wraps: it must not end
	 * at once (the deadline saturates). */
	reset();
	cells[1].timeout_us = ~0ULL - 10;
	vote_begin(&v, cells, N, 1, 1000, &io);
	check("timeout.huge_no_wrap", vote_poll(&v, 2000, &io) ==
	      VOTE_PENDING && vote_silent(&v, 0) == VOTE_NO_CELL,
	      "a huge time-out wrapped and ended the vote at once");
	reset();
	cells[2].timeout_us = ~0ULL;
	vote_inform(&v, cells, N, 1, 1000, &io);
	vote_poll(&v, 2000, &io);
	check("timeout.huge_inform_no_wrap", v.status[2] == VOTE_INFORMED,
	      "a huge time-out wrapped in the information phase");
}

static void test_system(void)
{
	u32 i;

	reset();
	cells[0].passive = true;
	cells[3].running = false;
	vote_begin(&v, cells, N, VOTE_NO_CELL, 0, &io);
	check("system.asks_running", !cr.sends[0] && cr.sends[1] &&
	      cr.sends[2] && !cr.sends[3], "wrong cells asked");
	answer(1, MSG_REQUEST_APPROVED);
	check("system.one_of_two", vote_poll(&v, 1, &io) == VOTE_PENDING,
	      "decided with cell 2 open");
	answer(2, MSG_REQUEST_APPROVED);
	check("system.all", vote_poll(&v, 2, &io) == VOTE_APPROVED,
	      "not approved");
	/* A denial takes the other open question back. */
	reset();
	vote_begin(&v, cells, N, VOTE_NO_CELL, 0, &io);
	answer(1, MSG_REQUEST_DENIED);
	check("system.denied", vote_poll(&v, 1, &io) == VOTE_DENIED &&
	      v.decider == 1, "not denied by cell 1");
	for (i = 0; i < N; i++)
		if (i != 1 && cr.msg[i] != MSG_NONE)
			break;
	check("system.others_withdrawn", i == N, "a question left open");
	/* Several silent cells: each found, the vote approved. */
	reset();
	vote_begin(&v, cells, N, VOTE_NO_CELL, 0, &io);
	vote_poll(&v, 10000, &io);
	check("system.all_silent", v.result == VOTE_APPROVED &&
	      vote_silent(&v, 0) == 0 && vote_silent(&v, 1) == 1 &&
	      vote_silent(&v, 3) == 3, "silent cells not all found");
}

static void test_withdraw(void)
{
	reset();
	vote_begin(&v, cells, N, 2, 0, &io);
	vote_withdraw(&v, &io);
	check("withdraw.result", v.result == VOTE_WITHDRAWN &&
	      vote_poll(&v, 1, &io) == VOTE_WITHDRAWN, "not withdrawn");
	check("withdraw.cleared", cr.msg[2] == MSG_NONE && cr.sends[2] == 2,
	      "question not taken back");
	/* Withdrawing an ended vote keeps its result. */
	reset();
	vote_begin(&v, cells, N, 2, 0, &io);
	answer(2, MSG_REQUEST_APPROVED);
	vote_poll(&v, 1, &io);
	vote_withdraw(&v, &io);
	check("withdraw.after_end", v.result == VOTE_APPROVED,
	      "ended vote changed");
}

static void test_inform(void)
{
	reset();
	cells[0].passive = true;
	cells[2].running = false;
	check("inform.pending", vote_inform(&v, cells, N, 3, 0, &io) ==
	      VOTE_PENDING, "no answer awaited");
	check("inform.who", !cr.sends[0] && cr.msg[1] == MSG_RECONFIG_COMPLETED &&
	      !cr.sends[2] && !cr.sends[3], "wrong cells informed");
	answer(1, MSG_UNKNOWN);	/* any answer will do */
	check("inform.answered", vote_poll(&v, 1, &io) == VOTE_APPROVED,
	      "UNKNOWN did not end it");
	/* Silent past its time-out: the wait ends, and the cell is not
	 * silent (it is not failed for a late acknowledgement). */
	reset();
	vote_inform(&v, cells, N, VOTE_NO_CELL, 0, &io);
	answer(0, MSG_RECEIVED);
	answer(1, MSG_RECEIVED);
	cr.state[3] = CELL_SHUT_DOWN;
	check("inform.waits_for_2", vote_poll(&v, 2999, &io) == VOTE_PENDING,
	      "ended with cell 2 silent");
	check("inform.late_not_failed", vote_poll(&v, 3000, &io) ==
	      VOTE_APPROVED && vote_silent(&v, 0) == VOTE_NO_CELL &&
	      v.status[2] == VOTE_LATE,
	      "a late acknowledgement made cell 2 silent (failed)");
	/* Withdrawn: the questions are taken back. */
	reset();
	vote_inform(&v, cells, N, 0, 0, &io);
	vote_withdraw(&v, &io);
	check("inform.withdrawn", v.result == VOTE_WITHDRAWN &&
	      cr.msg[1] == MSG_NONE && cr.msg[3] == MSG_NONE,
	      "information not taken back");
}

/* What the config allows a cell: a forced operation does not ask its
 * target; a cell that may not lock blocks nothing; a denial a cell may
 * not make is overruled, and only that cell's. */
static void test_rights(void)
{
	enum vote_result r;

	reset();
	cells[1].forced = true;
	r = vote_begin(&v, cells, N, 1, 0, &io);
	check("rights.forced_not_asked", r == VOTE_APPROVED && !cr.sends[1],
	      "the target of a forced operation was asked");
	/* Forced or not, another cell's lock blocks. */
	reset();
	cells[1].forced = true;
	cr.state[3] = CELL_RUNNING_LOCKED;
	check("rights.forced_lock_blocks",
	      vote_begin(&v, cells, N, 1, 0, &io) == VOTE_BLOCKED &&
	      v.decider == 3, "a forced operation went past a lock");
	reset();
	cells[3].no_lock = true;
	cr.state[3] = CELL_RUNNING_LOCKED;
	r = vote_begin(&v, cells, N, 1, 0, &io);
	check("rights.no_lock_ignored", r == VOTE_PENDING &&
	      cr.msg[1] == MSG_SHUTDOWN_REQUEST,
	      "a lock its config does not allow blocked");
	/* Another cell's lock still blocks when one may not lock. */
	reset();
	cells[3].no_lock = true;
	cr.state[3] = CELL_RUNNING_LOCKED;
	cr.state[2] = CELL_RUNNING_LOCKED;
	check("rights.other_lock_blocks",
	      vote_begin(&v, cells, N, 1, 0, &io) == VOTE_BLOCKED &&
	      v.decider == 2, "an allowed lock did not block");
	reset();
	cells[2].no_deny = true;
	vote_begin(&v, cells, N, 2, 0, &io);
	answer(2, MSG_REQUEST_DENIED);
	r = vote_poll(&v, 5, &io);
	checkf("rights.no_deny_overruled", r == VOTE_APPROVED &&
	      v.status[2] == VOTE_OVERRULED && v.decider == VOTE_NO_CELL,
	      "result %d, status %u", r, v.status[2]);
	/* Silence is not a denial: it times out as ever. */
	reset();
	cells[2].no_deny = true;
	vote_begin(&v, cells, N, 2, 0, &io);
	r = vote_poll(&v, 3000, &io);
	check("rights.no_deny_silent", r == VOTE_APPROVED &&
	      vote_silent(&v, 0) == 2, "a silent cell that may not deny "
	      "was not timed out");
	/* In a system vote, one overruled, another's denial stands. */
	reset();
	cells[0].no_deny = true;
	vote_begin(&v, cells, N, VOTE_NO_CELL, 0, &io);
	answer(0, MSG_UNKNOWN);
	answer(1, MSG_REQUEST_APPROVED);
	answer(3, MSG_REQUEST_DENIED);
	check("rights.other_denial_stands",
	      vote_poll(&v, 5, &io) == VOTE_DENIED && v.decider == 3,
	      "a permitted denial was lost");
}

static void test_bounds(void)
{
	reset();
	vote_begin(&v, cells, BH_MAX_CELLS + 5, VOTE_NO_CELL, 0, &io);
	check("bounds.clamped", v.num_cells == BH_MAX_CELLS &&
	      cr.sends[BH_MAX_CELLS - 1] == 1, "cell count not clamped");
}

int main(void)
{
	sanitizers_init();
	RUN(test_approve);
	RUN(test_deny);
	RUN(test_state_approves);
	RUN(test_not_asked);
	RUN(test_lock);
	RUN(test_timeout);
	RUN(test_system);
	RUN(test_withdraw);
	RUN(test_inform);
	RUN(test_rights);
	RUN(test_bounds);
	return failures ? 1 : 0;
}
