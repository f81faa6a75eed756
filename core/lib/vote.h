/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The comm-region voting protocol as a pure state machine, shared by the
 * hypervisor (core/control.c) and the host unit tests. It never waits:
 * vote_begin() asks the cells an operation concerns, vote_poll() reads
 * their answers each time the managing cell asks for the result, and
 * vote_withdraw() takes the question back. What a cell wrote reaches it
 * only through the callbacks in struct vote_io, so the tests drive it
 * with scripted cells and the hypervisor with comm regions.
 *
 * Rules (Documentation/management.md): a cell that is not running, or is
 * passive-commreg, is never asked and counts as approving; any other cell
 * concerned gets MSG_SHUTDOWN_REQUEST and approves with
 * MSG_REQUEST_APPROVED or by setting its state to SHUT_DOWN or FAILED;
 * any other reply denies; a cell silent past its time-out is reported so
 * that the caller stops it as FAILED, and counts as approving. A running
 * cell that is not concerned but sits in RUNNING_LOCKED blocks the
 * operation before anyone is asked. What a cell may do is its config's:
 * the target of a forced operation is not asked, a cell that may not
 * lock blocks nothing, and one that may not deny is overruled.
 */
#ifndef BULKHEAD_VOTE_H
#define BULKHEAD_VOTE_H

#include <bulkhead/config.h>

#define VOTE_NO_CELL 0xffffffffU	/**< no target: the whole system */

/** Where a vote stands (vote_begin(), vote_poll()). */
enum vote_result {
	VOTE_PENDING,	/**< some cell has not answered yet */
	VOTE_APPROVED,	/**< every cell concerned approved (or timed out) */
	VOTE_DENIED,	/**< vote::decider denied */
	VOTE_BLOCKED,	/**< vote::decider is in RUNNING_LOCKED */
	VOTE_WITHDRAWN,	/**< taken back before it ended */
};

/** One cell's part in a vote. */
enum vote_status {
	VOTE_NOT_CONCERNED,
	VOTE_ASKED,		/**< the message is out, no answer yet */
	VOTE_SAID_YES,		/**< approved, or not running, or passive */
	VOTE_SAID_NO,
	VOTE_SILENT,		/**< timed out: to be stopped as FAILED */
	VOTE_INFORMED,		/**< told of a change, no answer yet */
	VOTE_LATE,		/**< told of a change, did not acknowledge it
				     within its time-out: no longer waited
				     for, and not failed for it */
	VOTE_OVERRULED,		/**< denied, which it may not (no_deny):
				     counts as approving */
};

/** What the vote needs of each cell; the hypervisor's own knowledge. */
struct vote_cell {
	bool passive;		/**< BH_CELL_PASSIVE_COMMREG */
	bool running;		/**< the hypervisor's state says it runs */
	u64 timeout_us;		/**< msg_reply_timeout; 0: wait for ever */
	bool forced;		/**< the target of a forced operation: not
				     asked, counts as approving */
	bool no_lock;		/**< BH_CELL_NO_LOCK: its lock blocks nothing */
	bool no_deny;		/**< BH_CELL_NO_DENY: its denial is overruled */
};

/** Access to the cells' comm regions, which the cells write. */
struct vote_io {
	/** cell_state as the cell wrote it. */
	u32 (*state)(void *ctx, u32 cell);
	/** reply_from_cell as the cell wrote it. */
	u32 (*reply)(void *ctx, u32 cell);
	/** Clear the reply, then post @p msg (MSG_NONE takes it back). */
	void (*send)(void *ctx, u32 cell, u32 msg);
	void *ctx;
};

/** A vote in progress or ended. */
struct vote {
	u32 num_cells;
	u32 target;		/**< the cell concerned, or VOTE_NO_CELL */
	u32 decider;		/**< who denied or blocked, or VOTE_NO_CELL */
	enum vote_result result;
	struct vote_cell cell[BH_MAX_CELLS];
	u8 status[BH_MAX_CELLS];	/**< enum vote_status */
	u64 deadline_us[BH_MAX_CELLS];	/**< for VOTE_ASKED with a time-out */
};

/**
 * Start a vote on an operation on @p target (or on the whole system with
 * VOTE_NO_CELL, which concerns every cell) among the @p n cells described
 * by @p cells, at time @p now_us. Checks the locks, then asks.
 * @return the vote's result so far (never VOTE_WITHDRAWN).
 */
enum vote_result vote_begin(struct vote *v, const struct vote_cell *cells,
			    u32 n, u32 target, u64 now_us,
			    const struct vote_io *io);

/**
 * Read the answers at time @p now_us. Cells that time out become
 * VOTE_SILENT (vote_silent() finds them); on a denial the others'
 * questions are taken back.
 * @return the vote's result; an ended vote keeps its result.
 */
enum vote_result vote_poll(struct vote *v, u64 now_us,
			   const struct vote_io *io);

/** Take every open question back; a vote still pending ends
 * VOTE_WITHDRAWN and nothing was changed. */
void vote_withdraw(struct vote *v, const struct vote_io *io);

/** The first cell from @p from on that timed out, or VOTE_NO_CELL. */
u32 vote_silent(const struct vote *v, u32 from);

/**
 * Tell every running, non-passive cell of @p cells but @p except
 * (VOTE_NO_CELL for none) that a reconfiguration is complete
 * (MSG_RECONFIG_COMPLETED), at time @p now_us. @p v becomes a vote that
 * vote_poll() ends VOTE_APPROVED once each has answered anything (or
 * stopped), or timed out (VOTE_SILENT): the next question to a cell
 * must not cross its answer to this one.
 * @return its result so far.
 */
enum vote_result vote_inform(struct vote *v, const struct vote_cell *cells,
			     u32 n, u32 except, u64 now_us,
			     const struct vote_io *io);

#endif
