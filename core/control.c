/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The cell lifecycle and the management operations (see control.h).
 *
 * A CPU never waits in the hypervisor for another cell: a management
 * hypercall starts an operation and returns; the managing cell asks for
 * its result (HC_BH_OP_STATUS) until it has ended, and may withdraw it
 * while its vote is open. Stopping and rebuilding a cell are done by that
 * cell's own CPUs, at their next exit, on a request from the operation.
 */
#include <stdarg.h>

#include <bulkhead/comm_region.h>

#include "bh_string.h"
#include "cell.h"
#include "console.h"
#include "control.h"
#include "hv.h"
#include "pages.h"
#include "pci.h"
#include "shmem.h"
#include "spinlock.h"
#include "vote.h"

#ifdef CONFIG_TEST_HOOKS
/* make TEST_HOOKS=1 only: the hypervisor faults while handling it. */
#define HC_TEST_HYPERVISOR_FAULT 0x7e57
/* make TEST_HOOKS=1 only: a byte of the caller's blob in the kept image
 * flipped, and (arg1 1) its digest in the image's part table made to
 * match (cell_test_tamper_image()). */
#define HC_TEST_TAMPER_IMAGE	0x7e58
/* make TEST_HOOKS=1 only: an I/O page fault at guest address arg1 by
 * the caller's first PCI function, logged as an IOMMU logs one
 * (arch_test_dma_fault()). */
#define HC_TEST_DMA_FAULT	0x7e59
/* make TEST_HOOKS=1 only: vector arg2 sent to CPU arg1, which must be
 * parked, as a stopped cell's device would if nothing kept it quiet. */
#define HC_TEST_STRAY_INTERRUPT	0x7e5a
#endif

/** Phases of the one management operation (struct op). */
enum op_phase {
	OP_IDLE,	/**< none, or ended: status holds its result */
	OP_VOTING,	/**< the cells concerned have been asked */
	OP_STOPPING,	/**< approved; the target's CPUs are parking */
	OP_STARTING,	/**< approved; the target's first CPU rebuilds it */
	OP_INFORMING,	/**< done; the others acknowledge the change */
};

/** The management operation: one at a time, for the managing cell. */
struct op {
	enum op_phase phase;
	u32 code;		/**< its hypercall */
	struct cell *target;	/**< NULL for the whole system */
	struct vote vote;
	/** Each cell's start_gen when it was asked: a cell rebuilt since
	 * then (it reset itself) has no question left to answer. */
	u32 gen[BH_MAX_CELLS];
	struct bh_op_status status;	/**< of the last one (or this one) */
	/** OP_STOPPING or OP_STARTING ends by then at the latest. */
	u64 change_deadline_us;
	bool power_off;	/**< approved: once the lock is dropped */
};

/** How long the target of a stop or start may take to get where its
 * state says (its CPUs parked, or it rebuilt and running) before the
 * operation ends as BH_OP_STUCK: far beyond a rebuild's copy and digest
 * check of the largest image under emulation. */
#define OP_CHANGE_TIMEOUT_US 60000000

/* A cell's own restarts are reported RESTART_BURST in a row, then one
 * every RESTART_COST seconds (its restart budget regains a token a
 * second): a cell that resets itself in a loop cannot fill the console
 * with the lines each restart brings. */
#define RESTART_COST	10
#define RESTART_BURST	4

static struct cell *manager;
static struct op op;

/* ---- the lifecycle -------------------------------------------------- */

/*
 * The control lock. A cell's state changes only under it, together with
 * the requests that carry the change to the cell's CPUs, as one step;
 * the management operation (struct op) is kept under it too. Nothing is
 * printed under it: what is to be said goes into a struct notes and is
 * printed once the lock is dropped, so that a slow console never holds
 * up another cell's stop or failure.
 */
static spinlock_t control_lock;

/** Lines said under the control lock, printed after it (notes_flush()). */
struct notes {
	char buf[1536];
	u32 len;
};

static void note(struct notes *n, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct notes *n, const char *fmt, ...)
{
	u32 room = sizeof(n->buf) - n->len;
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = bh_vsnprintf(n->buf + n->len, room, fmt, ap);
	va_end(ap);
	/* One line each, printed with its own printk(); one that does not
	 * fit is cut. */
	n->len += (u32)len + 1 < room ? (u32)len + 1 : room;
}

static void notes_flush(struct notes *n)
{
	u32 at = 0;

	while (at < n->len) {
		const char *line = n->buf + at;

		printk("%s\n", line);
		at += strlen(line) + 1;
	}
	n->len = 0;
}

/* Post @p req to @p cpu, which takes it at its next exit, and have it
 * look now. */
static void cpu_request(struct per_cpu *cpu, u32 req)
{
	__atomic_store_n(&cpu->request, req, __ATOMIC_SEQ_CST);
	arch_cpu_kick(cpu);
}

/* Ask every CPU of @p c for @p req. */
static void cell_request(const struct cell *c, u32 req)
{
	struct per_cpu *cpu;

	for_each_cell_cpu(cpu, c)
		cpu_request(cpu, req);
}

static void set_state(struct cell *c, u32 state)
{
	__atomic_store_n(&c->state, state, __ATOMIC_SEQ_CST);
}

/* Stop @p c for @p state (SHUT_DOWN or FAILED) if it runs or is being
 * (re)started; control_lock held. The hypervisor's state first, so that
 * from here on the cell's accesses to shared interrupt hardware are
 * dropped; then its pins masked and its CPUs asked to park. A rebuild
 * under way finds the state changed and lets no CPU in (rebuild()).
 * @return false if it was neither running nor starting: nothing done. */
static bool cell_stop(struct cell *c, u32 state)
{
	if (c->state != CELL_RUNNING && c->state != CELL_STARTING)
		return false;
	c->quiet = false;
	set_state(c, state);
	c->comm->cell_state = state;
	arch_cell_irqs_mask(c);
	pci_cell_quiesce(c);
	shmem_cell_stopped(c);
	cell_request(c, CPU_REQ_PARK);
	return true;
}

/* (Re)start @p c; control_lock held. Its CPUs leave it if they are in
 * it, and its first CPU rebuilds it once they all wait outside
 * (rebuild()). A start that finds one under way joins it: the rebuild
 * to come serves both. @p quiet: a restart of its own that is not
 * reported line by line (cell::quiet). */
static void cell_start(struct cell *c, bool quiet)
{
	if (c->state == CELL_STARTING)
		return;
	c->quiet = quiet;
	set_state(c, CELL_STARTING);
	arch_cell_irqs_mask(c);
	pci_cell_quiesce(c);
	shmem_cell_stopped(c);
	cell_request(c, CPU_REQ_RESET);
}

static bool cell_all_parked(const struct cell *c)
{
	return __atomic_load_n(&c->cpus_parked, __ATOMIC_ACQUIRE) ==
	       c->num_cpus;
}

/* Where its state says: every CPU parked and no rebuild under way (a
 * stopped cell's memory may then be changed). */
static bool cell_settled(const struct cell *c)
{
	return cell_all_parked(c) &&
	       !__atomic_load_n(&c->rebuilding, __ATOMIC_ACQUIRE);
}

static void withdraw_locked(struct notes *n, const char *why);

void cell_cpu_failed(struct per_cpu *cpu, u64 rip, const char *reason)
{
	struct cell *c = cpu->cell;
	struct notes n = { .len = 0 };

	cpu->failed = true;
	printk("Cell \"%s\" FAILED on CPU %u: %s (guest RIP 0x%llx); CPU %u "
	       "parked, other cells keep running\n", cell_name(c), cpu->id,
	       reason, (unsigned long long)rip, cpu->id);
	spin_lock(&control_lock);
	/* A cell being restarted is rebuilt from the image anyway. */
	if (c->state == CELL_RUNNING)
		cell_stop(c, CELL_FAILED);
	if (c == manager)
		withdraw_locked(&n, "the managing cell failed");
	spin_unlock(&control_lock);
	notes_flush(&n);
}

void cell_dma_fault(struct cell *c)
{
	struct notes n = { .len = 0 };

	if (!(system_flags() & BH_SYS_DMA_FAULT_STOPS))
		return;
	spin_lock(&control_lock);
	if (c->state == CELL_RUNNING) {
		note(&n, "Cell \"%s\" FAILED: its devices made DMA accesses "
		     "the IOMMU refused (above); the system's policy "
		     "(BH_SYS_DMA_FAULT_STOPS) stops it, other cells keep "
		     "running", cell_name(c));
		cell_stop(c, CELL_FAILED);
		if (c == manager)
			withdraw_locked(&n, "the managing cell failed");
	}
	spin_unlock(&control_lock);
	notes_flush(&n);
}

void cell_cpu_parked(struct per_cpu *cpu, bool apic_quiet)
{
	struct cell *c = cpu->cell;
	u32 n, state;

	/* The generation it waits to see change, taken before it counts:
	 * the rebuild cannot start until it has counted. */
	cpu->park_gen = __atomic_load_n(&c->start_gen, __ATOMIC_ACQUIRE);
	cpu->parked = true;
	state = __atomic_load_n(&c->state, __ATOMIC_ACQUIRE);
	if (state == CELL_FAILED && !cpu->failed) {
		cpu->failed = true;
		printk("CPU %u stopped: its cell \"%s\" failed\n", cpu->id,
		       cell_name(c));
	}
	n = __atomic_add_fetch(&c->cpus_parked, 1, __ATOMIC_SEQ_CST);
	/* A restart it could not pay for is not told CPU by CPU; what the
	 * APIC still holds is told anyway. */
	if (!c->quiet || !apic_quiet)
		printk("CPU %u parked: %s\n", cpu->id, apic_quiet ?
		       "its APIC holds nothing of the cell (LVTs masked, "
		       "timer stopped, nothing pending or in service)" :
		       "its APIC STILL HOLDS state of the cell");
	if (n == c->num_cpus &&
	    (state == CELL_SHUT_DOWN || state == CELL_FAILED)) {
		printk("Cell \"%s\" stopped: all %u CPU(s) parked, its "
		       "interrupt sources %s\n", cell_name(c), n,
		       arch_cell_irqs_masked(c) ? "masked" : "NOT MASKED");
		if (c->absent_accesses)
			printk("Cell \"%s\": %llu access(es) to what is not "
			       "the cell's in this run\n", cell_name(c),
			       (unsigned long long)c->absent_accesses);
		/* What its functions' DMA did that the IOMMU refused. */
		arch_dma_poll();
		if (c->dma_faults)
			printk("Cell \"%s\": %llu DMA fault(s) of its devices "
			       "in this run\n", cell_name(c),
			       (unsigned long long)c->dma_faults);
		console_cell_stopped(c);
	}
}

/* Report the reset @p c's CPU @p cpu asked for, if the cell's restart
 * budget pays for it; else count it for the next report. A cell that
 * resets itself in a loop is reported RESTART_BURST times in a row, then
 * once every RESTART_COST seconds. control_lock held.
 * @return true if reported. */
static bool restart_reported(struct notes *n, struct cell *c,
			     const struct per_cpu *cpu)
{
	char more[80] = "";

	if (!bh_budget_take(&c->restart_budget, arch_now_us(),
			    RESTART_COST)) {
		c->restarts_unreported++;
		return false;
	}
	if (c->restarts_unreported)
		bh_snprintf(more, sizeof(more), "; %llu restart(s) of its own "
			    "since the last one reported",
			    (unsigned long long)c->restarts_unreported);
	note(n, "Cell \"%s\" reset itself (CPU %u wrote its reset register): "
	     "restarting it from the image%s", cell_name(c), cpu->id, more);
	c->restarts_unreported = 0;
	return true;
}

void cell_power(struct per_cpu *cpu, bool reset)
{
	struct cell *c = cpu->cell;
	struct notes n = { .len = 0 };

	spin_lock(&control_lock);
	/* Already on its way out (stopped, failed, restarting): no more. */
	if (cell_running(c)) {
		bool told = reset && restart_reported(&n, c, cpu);

		if (!reset)
			note(&n, "Cell \"%s\" powered itself off (CPU %u: ACPI "
			     "S5 of its own PM1a control): SHUT_DOWN",
			     cell_name(c), cpu->id);
		if (c == manager)
			withdraw_locked(&n, reset ?
					"the managing cell reset itself" :
					"the managing cell powered itself off");
		if (reset)
			cell_start(c, !told);
		else
			cell_stop(c, CELL_SHUT_DOWN);
	}
	spin_unlock(&control_lock);
	notes_flush(&n);
}

/* What a CPU's record keeps of a run of its cell, cleared for the next
 * one. */
static void cpu_record_reset(struct per_cpu *cpu)
{
	memset(cpu->stats, 0, sizeof(cpu->stats));
	memset(&cpu->line, 0, sizeof(cpu->line));
	cpu->failed = false;
}

/* Has the rebuild of @p c that is to begin still to be done? Not if the
 * cell was stopped since it was asked for; then its state is in its
 * comm region (which a rebuild rewrites) too. control_lock held. */
static bool still_starting(struct cell *c, struct notes *n)
{
	if (c->state == CELL_STARTING)
		return true;
	c->comm->cell_state = c->state;
	note(n, "Cell \"%s\" stopped before its start was done: left %s, "
	     "its CPUs parked", cell_name(c),
	     c->state == CELL_FAILED ? "FAILED" : "SHUT_DOWN");
	return false;
}

/* The first CPU of @p c, asked to (re)start it: once every CPU of the
 * cell is parked, rebuild it from the image (without the lock: that
 * takes long) and let its CPUs in, if it is still to start. */
static void rebuild(struct cell *c)
{
	struct notes n = { .len = 0 };
	struct per_cpu *cpu;
	int err;

	while (!cell_all_parked(c))
		cpu_relax();
	spin_lock(&control_lock);
	if (!still_starting(c, &n)) {
		spin_unlock(&control_lock);
		notes_flush(&n);
		return;
	}
	__atomic_store_n(&c->rebuilding, true, __ATOMIC_SEQ_CST);
	/* The new instance asks for its message interrupt again, or polls. */
	__atomic_store_n(&c->msg_interrupt, 0, __ATOMIC_SEQ_CST);
	spin_unlock(&control_lock);

	/* What its functions did in the run that ended is that run's: read
	 * before the rebuild clears the count (the cell is not running, so
	 * no policy stops it for them). */
	arch_dma_poll();
	err = cell_rebuild(c);

	spin_lock(&control_lock);
	__atomic_store_n(&c->rebuilding, false, __ATOMIC_SEQ_CST);
	if (!still_starting(c, &n)) {
		/* Stopped while it was rebuilt: it stays out. */
	} else if (err) {
		note(&n, "Cell \"%s\" cannot be started: it stays FAILED",
		     cell_name(c));
		set_state(c, CELL_FAILED);
		c->comm->cell_state = CELL_FAILED;
	} else {
		/* Every request its CPUs hold is served by this rebuild: a
		 * stop and a start since it was asked for would have left
		 * resets behind, and a CPU that entered with one would
		 * leave again at once, to wait for a rebuild nobody does. */
		for_each_cell_cpu(cpu, c) {
			cpu_record_reset(cpu);
			__atomic_store_n(&cpu->request, CPU_REQ_NONE,
					 __ATOMIC_SEQ_CST);
		}
		c->cpus_parked = 0;
		set_state(c, CELL_RUNNING);
		__atomic_add_fetch(&c->start_gen, 1, __ATOMIC_SEQ_CST);
		/* The others wait for the new generation. */
		for_each_cell_cpu(cpu, c)
			if (cpu->id != c->first_cpu)
				arch_cpu_kick(cpu);
	}
	spin_unlock(&control_lock);
	notes_flush(&n);
}

bool cell_cpu_may_enter(struct per_cpu *cpu)
{
	struct cell *c = cpu->cell;
	u32 req = CPU_REQ_RESET;

	/* The cell was (re)built since this CPU parked, and it has not come
	 * in yet (it was slow to wake). Whatever was asked of it since, a
	 * park or another reset, it enters only to park at once (run()), so
	 * that it is counted: a rebuild waits for every CPU to be parked,
	 * and one taking a reset here, uncounted, would wait for itself or
	 * let this CPU into a cell being rebuilt. */
	if (__atomic_load_n(&c->start_gen, __ATOMIC_ACQUIRE) != cpu->park_gen)
		goto enter;
	/* Parked and counted: only a reset is taken here. */
	if (__atomic_compare_exchange_n(&cpu->request, &req, CPU_REQ_NONE,
					false, __ATOMIC_SEQ_CST,
					__ATOMIC_SEQ_CST) &&
	    cpu->id == c->first_cpu)
		rebuild(c);
	if (__atomic_load_n(&c->start_gen, __ATOMIC_ACQUIRE) == cpu->park_gen)
		return false;
enter:
	cpu->parked = false;
	return true;
}

void control_init(const char *name)
{
	struct per_cpu *cpu;
	u32 i;

	/* Before its first start a cell is shut down, and every CPU of it
	 * waits outside it. */
	for (i = 0; i < cells_count(); i++) {
		struct cell *c = cell_by_id(i);

		c->state = CELL_SHUT_DOWN;
		c->cpus_parked = c->num_cpus;
		bh_budget_init(&c->restart_budget, 1,
			       RESTART_COST * RESTART_BURST, arch_now_us());
		for_each_cell_cpu(cpu, c)
			cpu->parked = true;
	}
	op.status = (struct bh_op_status){ .target = BH_NO_CELL,
					   .cell = BH_NO_CELL };
	for (i = 0; name[0] && i < cells_count(); i++)
		if (!strncmp(cell_name(cell_by_id(i)), name, BH_CELL_NAME_LEN))
			manager = cell_by_id(i);
	if (manager)
		printk("Managing cell: \"%s\"\n", cell_name(manager));
	else
		printk("No managing cell: the system cannot be changed after "
		       "boot\n");
}

bool cell_manages(const struct cell *c)
{
	return c == manager;
}

void control_start_all(void)
{
	u32 i;

	spin_lock(&control_lock);
	for (i = 0; i < cells_count(); i++)
		cell_start(cell_by_id(i), false);
	spin_unlock(&control_lock);
}

/* ---- management operations ------------------------------------------ */

/* The hypervisor's word first: a cell that is not running, or that was
 * restarted since it was asked, counts as shut down (approval); only a
 * running one's own state (RUNNING_LOCKED, or its SHUT_DOWN) is read. */
static u32 vote_state(void *ctx, u32 i)
{
	const struct cell *c = cell_by_id(i);

	(void)ctx;
	if (!cell_running(c) ||
	    __atomic_load_n(&c->start_gen, __ATOMIC_ACQUIRE) != op.gen[i])
		return CELL_SHUT_DOWN;
	return c->comm->cell_state;
}

static u32 vote_reply(void *ctx, u32 i)
{
	(void)ctx;
	return cell_by_id(i)->comm->reply_from_cell;
}

/* Jailhouse's order: the reply cleared, then the message; then the
 * interrupt the cell asked for (HC_BH_MSG_INTERRUPT), if it runs: a
 * withdrawal (MSG_NONE) needs none. control_lock held, so the cell's
 * state stays what it is. */
static void vote_send(void *ctx, u32 i, u32 msg)
{
	struct cell *c = cell_by_id(i);
	struct comm_region *cr = c->comm;
	u32 m;

	(void)ctx;
	cr->reply_from_cell = MSG_NONE;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	cr->msg_to_cell = msg;
	m = __atomic_load_n(&c->msg_interrupt, __ATOMIC_ACQUIRE);
	if (m && msg != MSG_NONE && c->state == CELL_RUNNING)
		arch_cpu_interrupt(per_cpu(m >> 8), (u8)m);
}

static const struct vote_io vote_io = {
	vote_state, vote_reply, vote_send, NULL,
};

static void vote_cells(struct vote_cell *vc)
{
	u32 i;

	for (i = 0; i < cells_count(); i++) {
		const struct cell *c = cell_by_id(i);

		op.gen[i] = __atomic_load_n(&c->start_gen, __ATOMIC_ACQUIRE);
		vc[i] = (struct vote_cell){
			.passive = c->desc->flags & BH_CELL_PASSIVE_COMMREG,
			.running = cell_running(c),
			.timeout_us = c->desc->msg_reply_timeout,
			.no_lock = c->desc->flags & BH_CELL_NO_LOCK,
			.no_deny = c->desc->flags & BH_CELL_NO_DENY,
		};
	}
}

static const char *op_name(u32 code)
{
	switch (code) {
	case HC_CELL_START:
		return "start";
	case HC_CELL_DESTROY:
		return "stop";
	case HC_CELL_SET_LOADABLE:
		return "set loadable";
	case HC_BH_SYSTEM_SHUTDOWN:
		return "system shutdown";
	default:
		return "?";
	}
}

/* End the operation with @p result; control_lock held. */
static s64 finish(s64 result, u32 reason, u32 cell)
{
	op.phase = OP_IDLE;
	op.status.result = (s32)result;
	op.status.reason = reason;
	op.status.cell = cell;
	return result;
}

static void withdraw_locked(struct notes *n, const char *why)
{
	if (op.phase == OP_INFORMING) {
		/* The change stands; only the acknowledgements are not
		 * waited for any more. */
		vote_withdraw(&op.vote, &vote_io);
		finish(0, op.status.reason, op.status.cell);
		return;
	}
	if (op.phase != OP_VOTING)
		return;
	vote_withdraw(&op.vote, &vote_io);
	note(n, "Management: %s withdrawn (%s), nothing changed",
	     op_name(op.code), why);
	finish(-HC_ECANCELED, BH_OP_WITHDRAWN, BH_NO_CELL);
}

/* The target's change is made: tell the others, who acknowledge it
 * before anything else is asked of them. */
static void completed(struct notes *n)
{
	struct vote_cell vc[BH_MAX_CELLS];

	note(n, "Management: %s of cell \"%s\" done", op_name(op.code),
	     cell_name(op.target));
	vote_cells(vc);
	vote_inform(&op.vote, vc, cells_count(), op.target->id,
		    arch_now_us(), &vote_io);
	op.phase = OP_INFORMING;
}

/* Cells that did not answer in time: stopped as FAILED, the first
 * named in the status. */
static void fail_silent(struct notes *n)
{
	u32 i;

	for (i = vote_silent(&op.vote, 0); i != VOTE_NO_CELL;
	     i = vote_silent(&op.vote, i + 1)) {
		struct cell *s = cell_by_id(i);

		op.vote.status[i] = VOTE_SAID_YES;
		if (op.status.cell == BH_NO_CELL) {
			op.status.cell = i;
			op.status.reason = BH_OP_TIMED_OUT;
		}
		note(n, "Cell \"%s\" did not answer within %llu us: stopped, "
		     "FAILED", cell_name(s),
		     (unsigned long long)s->desc->msg_reply_timeout);
		if (cell_running(s))
			cell_stop(s, CELL_FAILED);
	}
}

/* Cells that denied, which their config does not allow: reported, and
 * counted as approving. */
static void overrule(struct notes *n)
{
	u32 i;

	for (i = 0; i < op.vote.num_cells; i++)
		if (op.vote.status[i] == VOTE_OVERRULED) {
			op.vote.status[i] = VOTE_SAID_YES;
			note(n, "Management: cell \"%s\" refused the %s, which "
			     "its config does not allow (BH_CELL_NO_DENY): "
			     "overruled", cell_name(cell_by_id(i)),
			     op_name(op.code));
		}
}

/* Carry out the approved operation as far as it goes without waiting. */
static s64 execute(struct notes *n)
{
	struct cell *t = op.target;

	switch (op.code) {
	case HC_BH_SYSTEM_SHUTDOWN:
		note(n, "Management: system shutdown approved by every cell");
		/* Once the lock is dropped; if the machine is still on after
		 * that, this is the result. */
		op.power_off = true;
		return finish(-HC_EIO, BH_OP_DONE, BH_NO_CELL);
	case HC_CELL_START:
		cell_start(t, false);
		op.phase = OP_STARTING;
		break;
	default:	/* stop, set loadable: from running or (re)starting */
		cell_stop(t, CELL_SHUT_DOWN);
		op.phase = OP_STOPPING;
		break;
	}
	op.change_deadline_us = arch_now_us() + OP_CHANGE_TIMEOUT_US;
	return -HC_EINPROGRESS;
}

/* The target's CPUs are not where its state says after
 * OP_CHANGE_TIMEOUT_US: the operation ends, and says so (the change goes
 * on; HC_CELL_GET_STATE tells where it gets). */
static s64 change_late(struct notes *n)
{
	if (arch_now_us() < op.change_deadline_us)
		return -HC_EINPROGRESS;
	note(n, "Management: %s of cell \"%s\" not done after %u s: its "
	     "CPUs are not where its state says; the operation ends",
	     op_name(op.code), cell_name(op.target),
	     OP_CHANGE_TIMEOUT_US / 1000000);
	return finish(-HC_EIO, BH_OP_STUCK, op.target->id);
}

/* Move the operation on; control_lock held. */
static s64 advance(struct notes *n)
{
	enum vote_result r;

	switch (op.phase) {
	case OP_IDLE:
		return op.status.result;
	case OP_VOTING:
		r = vote_poll(&op.vote, arch_now_us(), &vote_io);
		fail_silent(n);
		overrule(n);
		if (r == VOTE_PENDING)
			return -HC_EINPROGRESS;
		if (r == VOTE_DENIED || r == VOTE_BLOCKED) {
			note(n, "Management: %s %s by cell \"%s\"%s",
			     op_name(op.code), r == VOTE_DENIED ? "denied" :
			     "blocked", cell_name(cell_by_id(op.vote.decider)),
			     r == VOTE_BLOCKED ? " (RUNNING_LOCKED)" : "");
			return finish(-HC_EPERM, r == VOTE_DENIED ?
				      BH_OP_DENIED : BH_OP_BLOCKED,
				      op.vote.decider);
		}
		if (execute(n) != -HC_EINPROGRESS)
			return op.status.result;
		return advance(n);
	case OP_STOPPING:
		/* Under the lock nobody starts it again: settled, it stays
		 * so until this operation has ended. */
		if (!cell_settled(op.target))
			return change_late(n);
		if (op.code == HC_CELL_SET_LOADABLE) {
			cell_clear_loadable(op.target);
			op.target->loadable = true;
		}
		completed(n);
		return advance(n);
	case OP_STARTING:
		if (op.target->state == CELL_STARTING)
			return change_late(n);
		/* Stopped meanwhile (it powered itself off, or failed), or
		 * its rebuild was refused. */
		if (op.target->state != CELL_RUNNING)
			return finish(-HC_EIO, BH_OP_DONE, op.target->id);
		completed(n);
		return advance(n);
	case OP_INFORMING:
		/* A cell late to acknowledge is not waited for any more,
		 * and not failed for it (vote.c: VOTE_LATE). */
		r = vote_poll(&op.vote, arch_now_us(), &vote_io);
		if (r == VOTE_PENDING)
			return -HC_EINPROGRESS;
		return finish(0, op.status.reason, op.status.cell);
	}
	return trace_error(-HC_EINVAL);
}

/* Drop the control lock, then print what was noted under it; an
 * approved shutdown is carried out last. */
static void control_unlock(struct notes *n)
{
	bool off = op.power_off;

	op.power_off = false;
	spin_unlock(&control_lock);
	notes_flush(n);
	if (off)
		arch_power_off();
}

/* Locks the configs of the locked cells do not allow: reported once per
 * operation, and they block nothing (vote.c). */
static void unhonoured_locks(struct notes *n, const struct cell *t)
{
	u32 i;

	for (i = 0; i < cells_count(); i++) {
		const struct cell *c = cell_by_id(i);

		if (c != t && cell_running(c) &&
		    (c->desc->flags & BH_CELL_NO_LOCK) &&
		    c->comm->cell_state == CELL_RUNNING_LOCKED)
			note(n, "Management: cell \"%s\" is RUNNING_LOCKED, "
			     "which its config does not allow "
			     "(BH_CELL_NO_LOCK): it blocks nothing",
			     cell_name(c));
	}
}

/* Begin operation @p code on @p t (NULL: the whole system); @p force:
 * the target is not asked (BH_OP_FORCE). */
static s64 begin(u32 code, struct cell *t, bool force)
{
	struct vote_cell vc[BH_MAX_CELLS];
	struct notes n = { .len = 0 };
	s64 ret;

	spin_lock(&control_lock);
	/* One that the managing cell stopped asking about (it reset itself)
	 * may have ended since. */
	if (op.phase != OP_IDLE)
		advance(&n);
	if (op.phase != OP_IDLE) {
		control_unlock(&n);
		return trace_error(-HC_EBUSY);
	}
	op.code = code;
	op.target = t;
	op.status = (struct bh_op_status){
		.code = code, .target = t ? t->id : BH_NO_CELL,
		.result = -HC_EINPROGRESS, .reason = BH_OP_DONE,
		.cell = BH_NO_CELL,
	};
	if (force && (t->desc->flags & BH_CELL_NO_FORCE)) {
		note(&n, "Management: forced %s of cell \"%s\" refused: its "
		     "config allows none (BH_CELL_NO_FORCE), nothing changed",
		     op_name(code), cell_name(t));
		ret = finish(-HC_EPERM, BH_OP_NOT_FORCEABLE, t->id);
		control_unlock(&n);
		return ret;
	}
	if (force)
		note(&n, "Management: forced %s of cell \"%s\": the cell is "
		     "not asked", op_name(code), cell_name(t));
	unhonoured_locks(&n, t);
	op.phase = OP_VOTING;
	vote_cells(vc);
	if (force)
		vc[t->id].forced = true;
	vote_begin(&op.vote, vc, cells_count(), t ? t->id : VOTE_NO_CELL,
		   arch_now_us(), &vote_io);
	ret = advance(&n);
	control_unlock(&n);
	return ret;
}

/* A cell operation's target, checked: not the manager, not starting. */
static s64 target_of(u64 id, struct cell **t)
{
	*t = id < cells_count() ? cell_by_id((u32)id) : NULL;
	if (!*t)
		return trace_error(-HC_ENOENT);
	if (*t == manager)
		return trace_error(-HC_EINVAL);
	return 0;
}

static s64 cell_op(u32 code, u64 id, u64 flags)
{
	struct cell *t;
	s64 err = target_of(id, &t);

	if (err)
		return err;
	if (flags & ~(u64)BH_OP_FORCE)
		return trace_error(-HC_EINVAL);
	return begin(code, t, flags & BH_OP_FORCE);
}

/* Copy @p len bytes between @p buf and the managing cell's guest-physical
 * @p gpa, through its config's RAM regions only. */
static int manager_copy(u64 gpa, void *buf, u64 len, bool to_guest)
{
	u8 *p = buf;

	while (len) {
		u64 hpa, n = bh_cell_ram(manager->desc, gpa, len,
					 to_guest ? BH_MEM_WRITE : BH_MEM_READ,
					 &hpa);

		if (!n)
			return trace_error(-1);
		/* Cell RAM is reached through the identity map. */
		if (to_guest)
			memcpy((void *)hpa, p, n);
		else
			memcpy(p, (const void *)hpa, n);
		p += n;
		gpa += n;
		len -= n;
	}
	return 0;
}

/* HC_BH_CELL_LOAD: copy one chunk from the managing cell into a LOADABLE
 * region of a cell made loadable (HC_CELL_SET_LOADABLE). */
static s64 cell_load(u64 id, u64 desc_gpa)
{
	struct bh_load ld;
	struct cell *t;
	s64 err = target_of(id, &t);
	u64 dst;

	if (err)
		return err;
	if (manager_copy(desc_gpa, &ld, sizeof(ld), false))
		return trace_error(-HC_EINVAL);
	if (ld.size > BH_LOAD_MAX || ld.reserved)
		return trace_error(-HC_EINVAL);
	/* The destination: one LOADABLE RAM region of the target. */
	if (bh_cell_ram(t->desc, ld.address, ld.size, BH_MEM_LOADABLE, &dst) !=
	    ld.size)
		return trace_error(-HC_EINVAL);
	spin_lock(&control_lock);
	if (!t->loadable || op.phase != OP_IDLE || !cell_settled(t) ||
	    t->state == CELL_STARTING) {
		spin_unlock(&control_lock);
		return trace_error(-HC_EBUSY);
	}
	/* Straight into the target's RAM, through the identity map. */
	err = manager_copy(ld.source, (void *)dst, ld.size, false) ?
	      trace_error(-HC_EINVAL) : 0;
	spin_unlock(&control_lock);
	return err;
}

static s64 op_status(u64 gpa, u64 withdraw)
{
	struct notes n = { .len = 0 };
	struct bh_op_status st;
	s64 ret;

	if (withdraw > 1)
		return trace_error(-HC_EINVAL);
	spin_lock(&control_lock);
	if (withdraw)
		withdraw_locked(&n, "asked by the managing cell");
	ret = advance(&n);
	st = op.status;
	control_unlock(&n);
	if (gpa && manager_copy(gpa, &st, sizeof(st), true))
		return trace_error(-HC_EINVAL);
	return ret;
}

static s64 cell_get_state(u64 id)
{
	const struct cell *c = id < cells_count() ? cell_by_id((u32)id) : NULL;
	u32 s;

	if (!c)
		return trace_error(-HC_ENOENT);
	s = __atomic_load_n(&c->state, __ATOMIC_ACQUIRE);
	if (s == CELL_RUNNING && c->comm->cell_state == CELL_RUNNING_LOCKED)
		return CELL_RUNNING_LOCKED;
	return s == CELL_STARTING ? CELL_SHUT_DOWN : s;
}

static s64 cell_get_info(u64 id, u64 gpa)
{
	const struct cell *c = id < cells_count() ? cell_by_id((u32)id) : NULL;
	struct bh_cell_info info;
	const struct per_cpu *cpu;

	if (!c)
		return trace_error(-HC_ENOENT);
	memset(&info, 0, sizeof(info));
	memcpy(info.name, c->desc->name, sizeof(info.name));
	info.name[sizeof(info.name) - 1] = '\0';
	info.cpus = c->desc->cpus;
	for_each_cell_cpu(cpu, c)
		if (cpu->failed)
			info.failed_cpus |= 1ULL << cpu->id;
	info.state = (u32)cell_get_state(id);
	info.flags = c->desc->flags;
	info.starts = c->starts;
	info.msg_reply_timeout = c->desc->msg_reply_timeout;
	/* The logs were read at this request's entry (unless another CPU
	 * was reading them just then, which counts what it reads). */
	info.dma_faults = c->dma_faults;
	if (c == manager)
		info.info |= BH_CELL_INFO_MANAGER;
	if (manager_copy(gpa, &info, sizeof(info), true))
		return trace_error(-HC_EINVAL);
	return 0;
}

/* HC_BH_CONSOLE_READ: the ring's bytes straight into the managing cell's
 * buffer, which must lie in one of its RAM regions. */
static s64 console_read(u64 gpa)
{
	struct bh_console_read rd;
	u64 hpa, n, pos, end;

	if (manager_copy(gpa, &rd, sizeof(rd), false))
		return trace_error(-HC_EINVAL);
	if (!rd.size || rd.size > BH_CONSOLE_READ_MAX ||
	    bh_cell_ram(manager->desc, rd.buffer, rd.size, BH_MEM_WRITE,
			&hpa) != rd.size)
		return trace_error(-HC_EINVAL);
	/* Cell RAM is reached through the identity map. */
	pos = rd.position;
	n = console_ring_read(&pos, (char *)hpa, rd.size, &end);
	rd.position = pos;
	rd.end = end;
	if (manager_copy(gpa, &rd, sizeof(rd), true))
		return trace_error(-HC_EINVAL);
	return (s64)n;
}

/* ---- hypercalls ----------------------------------------------------- */

/* HC_CPU_GET_INFO: a cell may ask about its own CPUs only, the managing
 * cell about all. */
static s64 cpu_get_info(const struct cell *c, u64 id, u64 type)
{
	const struct per_cpu *cpu;

	if (id >= BH_MAX_CPUS)
		return trace_error(-HC_EINVAL);
	cpu = per_cpu((unsigned int)id);
	if (!cpu->cell)
		return trace_error(-HC_EINVAL);
	if (cpu->cell != c && c != manager)
		return trace_error(-HC_EPERM);
	if (type == HC_CPU_INFO_STATE)
		return cpu->failed ? CPU_FAILED : CPU_RUNNING;
	if (type >= HC_CPU_INFO_STAT_BASE &&
	    type < HC_CPU_INFO_STAT_BASE + CPU_NUM_STATS)
		return cpu->stats[type - HC_CPU_INFO_STAT_BASE] & 0x7fffffff;
	return trace_error(-HC_EINVAL);
}

static s64 hypervisor_get_info(u64 type)
{
	u64 used, total;

	pages_usage(&used, &total);
	switch (type) {
	case HC_INFO_MEM_POOL_SIZE:
		return (s64)total;
	case HC_INFO_MEM_POOL_USED:
		return (s64)used;
	case HC_INFO_REMAP_POOL_SIZE:
	case HC_INFO_REMAP_POOL_USED:
		return 0;	/* no remap pool: physical memory is mapped */
	case HC_INFO_NUM_CELLS:
		return cells_count();
	default:
		return trace_error(-HC_EINVAL);
	}
}

/* The management hypercalls, for the managing cell only. */
static s64 manage(u64 code, u64 arg1, u64 arg2)
{
	switch (code) {
	case HC_DISABLE:	/* nothing to hand the machine back to */
	case HC_CELL_CREATE:	/* the system is static */
		return trace_error(-HC_ENOSYS);
	case HC_CELL_START:
	case HC_CELL_SET_LOADABLE:
	case HC_CELL_DESTROY:
		return cell_op((u32)code, arg1, arg2);
	case HC_CELL_GET_STATE:
		return cell_get_state(arg1);
	case HC_BH_SYSTEM_SHUTDOWN:
		if (arg1 || arg2)
			return trace_error(-HC_EINVAL);
		return begin(HC_BH_SYSTEM_SHUTDOWN, NULL, false);
	case HC_BH_CELL_LOAD:
		return cell_load(arg1, arg2);
	case HC_BH_OP_STATUS:
		return op_status(arg1, arg2);
	case HC_BH_CELL_GET_INFO:
		return cell_get_info(arg1, arg2);
	case HC_BH_CONSOLE_READ:
		if (arg2)
			return trace_error(-HC_EINVAL);
		return console_read(arg1);
	default:
		return trace_error(-HC_ENOSYS);
	}
}

static bool is_management(u64 code)
{
	return (code <= HC_CELL_GET_STATE && code != HC_HYPERVISOR_GET_INFO) ||
	       (code >= HC_BH_FIRST && code <= HC_BH_LAST);
}

/* HC_BH_MSG_INTERRUPT: the CPU (its guest id) and vector cell @p c
 * wants interrupted with when a message comes; 0, 0: none. */
static s64 msg_interrupt(struct cell *c, u64 vector, u64 guest_cpu)
{
	struct per_cpu *t = NULL;

	if (vector || guest_cpu) {
		t = arch_cell_cpu(c, guest_cpu);
		if (!t || !arch_guest_vector_ok(vector))
			return trace_error(-HC_EINVAL);
	}
	/* Under the lock vote_send() holds: once this returns, no message
	 * is sent with what was asked before. */
	spin_lock(&control_lock);
	__atomic_store_n(&c->msg_interrupt, vector || guest_cpu ?
			 t->id << 8 | (u32)vector : 0, __ATOMIC_RELEASE);
	spin_unlock(&control_lock);
	return 0;
}

s64 hypercall(struct per_cpu *cpu, u64 rip, u64 code, u64 arg1, u64 arg2)
{
	struct cell *c = cpu->cell;
	char why[80];

	switch (code) {
	case HC_DEBUG_CONSOLE_PUTC:
		return console_putc(c, &cpu->line, (char)arg1);
	case HC_CPU_GET_INFO:
		return cpu_get_info(c, arg1, arg2);
	case HC_HYPERVISOR_GET_INFO:
		return hypervisor_get_info(arg1);
	case HC_BH_MSG_INTERRUPT:
		return msg_interrupt(c, arg1, arg2);
#ifdef CONFIG_TEST_HOOKS
	case HC_TEST_HYPERVISOR_FAULT:
		/* Test builds only: a bug in the hypervisor, on demand: a
		 * #UD, or (arg1 1) a jump to the retired start-up page. */
		if (arg1 == 1)
			arch_test_exec_trampoline();
		else
			asm volatile("ud2");
		return 0;
	case HC_TEST_TAMPER_IMAGE:
		return cell_test_tamper_image(c, arg1 == 1) ? -HC_EINVAL : 0;
	case HC_TEST_DMA_FAULT:
		return c->num_pci && !arch_test_dma_fault(c, c->pci[0].cfg->bdf,
							   arg1) ?
		       0 : -HC_EINVAL;
	case HC_TEST_STRAY_INTERRUPT:
		if (arg1 >= BH_MAX_CPUS || arg2 < 32 || arg2 > 0xff ||
		    !per_cpu((unsigned int)arg1)->parked)
			return -HC_EINVAL;
		arch_cpu_interrupt(per_cpu((unsigned int)arg1), (u8)arg2);
		return 0;
#endif
	default:
		break;
	}
	if (!is_management(code))
		return trace_error(-HC_ENOSYS);
	if (c != manager) {
		bh_snprintf(why, sizeof(why), "management hypercall %llu from "
			    "a cell that may not manage",
			    (unsigned long long)code);
		cell_cpu_failed(cpu, rip, why);
		return trace_error(-HC_EPERM);
	}
	/* The managing cell's requests are when the machine is looked at:
	 * what the IOMMUs logged is told first. Their policy may have
	 * stopped the manager itself: then nothing more of it is done. */
	arch_dma_poll();
	if (__atomic_load_n(&c->state, __ATOMIC_ACQUIRE) == CELL_FAILED)
		return trace_error(-HC_EPERM);
	return manage(code, arg1, arg2);
}
