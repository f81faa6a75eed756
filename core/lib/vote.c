/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The voting protocol (see vote.h).
 */
#include <bulkhead/comm_region.h>
#include "bh_string.h"
#include "vote.h"

static bool concerned(const struct vote *v, u32 i)
{
	return v->target == VOTE_NO_CELL || v->target == i;
}

/* The question to cell @p i is answered (or timed out): how. */
static enum vote_status answer(const struct vote *v, u32 i, u64 now_us,
			       const struct vote_io *io)
{
	u32 state = io->state(io->ctx, i);
	u32 reply = io->reply(io->ctx, i);

	/* A cell that shut itself down, or says it failed, has nothing
	 * left to lose (Jailhouse counts both as approval). */
	if (state == CELL_SHUT_DOWN || state == CELL_FAILED)
		return VOTE_SAID_YES;
	if (v->status[i] == VOTE_INFORMED && reply != MSG_NONE)
		return VOTE_SAID_YES;	/* RECEIVED, or UNKNOWN: either */
	if (reply == MSG_REQUEST_APPROVED)
		return VOTE_SAID_YES;
	if (reply != MSG_NONE)		/* denied, unknown or nonsense */
		return v->cell[i].no_deny ? VOTE_OVERRULED : VOTE_SAID_NO;
	if (v->cell[i].timeout_us && now_us >= v->deadline_us[i])
		/* Information is not a question: a cell late to
		 * acknowledge a change is no longer waited for, never
		 * failed for it. */
		return v->status[i] == VOTE_INFORMED ? VOTE_LATE :
		       VOTE_SILENT;
	return (enum vote_status)v->status[i];
}

/* When a cell asked at @p now_us with @p timeout_us to answer is silent:
 * saturated, so that a time-out near the top of the range cannot wrap
 * into the past and end the vote at once. */
static u64 deadline(u64 now_us, u64 timeout_us)
{
	return timeout_us > ~0ULL - now_us ? ~0ULL : now_us + timeout_us;
}

/* A fresh vote about @p target among @p n of @p cells. */
static void init(struct vote *v, const struct vote_cell *cells, u32 n,
		 u32 target)
{
	memset(v, 0, sizeof(*v));
	v->num_cells = n > BH_MAX_CELLS ? BH_MAX_CELLS : n;
	v->target = target;
	v->decider = VOTE_NO_CELL;
	memcpy(v->cell, cells, v->num_cells * sizeof(*cells));
}

enum vote_result vote_begin(struct vote *v, const struct vote_cell *cells,
			    u32 n, u32 target, u64 now_us,
			    const struct vote_io *io)
{
	u32 i;

	init(v, cells, n, target);
	/* Locks first: nobody is asked about a change that is blocked. */
	for (i = 0; i < v->num_cells; i++)
		if (v->cell[i].running && i != target && !v->cell[i].no_lock &&
		    io->state(io->ctx, i) == CELL_RUNNING_LOCKED) {
			v->decider = i;
			v->result = VOTE_BLOCKED;
			return v->result;
		}
	for (i = 0; i < v->num_cells; i++) {
		if (!concerned(v, i)) {
			v->status[i] = VOTE_NOT_CONCERNED;
		} else if (!v->cell[i].running || v->cell[i].passive ||
			   v->cell[i].forced) {
			v->status[i] = VOTE_SAID_YES;
		} else {
			v->status[i] = VOTE_ASKED;
			v->deadline_us[i] = deadline(now_us,
						     v->cell[i].timeout_us);
			io->send(io->ctx, i, MSG_SHUTDOWN_REQUEST);
		}
	}
	v->result = VOTE_PENDING;
	return vote_poll(v, now_us, io);
}

enum vote_result vote_poll(struct vote *v, u64 now_us,
			   const struct vote_io *io)
{
	bool waiting = false;
	u32 i;

	if (v->result != VOTE_PENDING)
		return v->result;
	for (i = 0; i < v->num_cells; i++) {
		if (v->status[i] != VOTE_ASKED && v->status[i] != VOTE_INFORMED)
			continue;
		v->status[i] = (u8)answer(v, i, now_us, io);
		if (v->status[i] == VOTE_SAID_NO) {
			v->decider = i;
			v->result = VOTE_DENIED;
			vote_withdraw(v, io);
			return v->result;
		}
		if (v->status[i] == VOTE_ASKED ||
		    v->status[i] == VOTE_INFORMED)
			waiting = true;
	}
	if (!waiting)
		v->result = VOTE_APPROVED;
	return v->result;
}

void vote_withdraw(struct vote *v, const struct vote_io *io)
{
	u32 i;

	for (i = 0; i < v->num_cells; i++)
		if (v->status[i] == VOTE_ASKED ||
		    v->status[i] == VOTE_INFORMED) {
			io->send(io->ctx, i, MSG_NONE);
			v->status[i] = VOTE_NOT_CONCERNED;
		}
	if (v->result == VOTE_PENDING)
		v->result = VOTE_WITHDRAWN;
}

u32 vote_silent(const struct vote *v, u32 from)
{
	u32 i;

	for (i = from; i < v->num_cells; i++)
		if (v->status[i] == VOTE_SILENT)
			return i;
	return VOTE_NO_CELL;
}

enum vote_result vote_inform(struct vote *v, const struct vote_cell *cells,
			     u32 n, u32 except, u64 now_us,
			     const struct vote_io *io)
{
	u32 i;

	init(v, cells, n, except);
	for (i = 0; i < v->num_cells; i++)
		if (i != except && cells[i].running && !cells[i].passive) {
			v->status[i] = VOTE_INFORMED;
			v->deadline_us[i] = deadline(now_us,
						     cells[i].timeout_us);
			io->send(io->ctx, i, MSG_RECONFIG_COMPLETED);
		}
	v->result = VOTE_PENDING;
	return vote_poll(v, now_us, io);
}
