/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The cell lifecycle (core/control.c, the real file) under interleaved
 * requests: host threads play the CPUs, each doing what arch/x86/vcpu.c
 * does (enter when cell_cpu_may_enter() says so, park at a request) and,
 * while "in" its cell, at random what a hostile guest can: reset its
 * cell (some at once on entering, before the cell's other CPU came in),
 * power it off, fault, answer a vote or not, answer a stop by resetting;
 * now and then a CPU wakes late. The test plays the
 * managing cell, asking at random for stops, starts and set-loadables and
 * polling each to its end. Every run has its own seed; the schedules are
 * the host's. Checked, at every step:
 *   - no CPU is in a cell while it is rebuilt or its loadable memory
 *     cleared, and no rebuild starts before every CPU of the cell parked;
 *   - no CPU enters a cell that is starting without a request to leave
 *     it at once (else the rebuild would wait for it for ever);
 *   - a stop or set-loadable reported done leaves the cell SHUT_DOWN or
 *     FAILED with every CPU parked and no rebuild under way, and so it
 *     stays until the next start (nothing but the manager starts it);
 *   - a start reported done rebuilt the cell after it was asked for;
 *   - a message interrupt (HC_BH_MSG_INTERRUPT, which the guests ask
 *     for, with hostile arguments too, each time they run) reaches only
 *     a running cell, on the CPU and vector it last asked for;
 *   - every operation ends, well within the hypervisor's own time-out
 *     (no operation stuck STOPPING or STARTING, no CPU waiting for ever
 *     for a rebuild), and at the end every cell can be stopped and
 *     started again with all its CPUs taking part.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

/* The real thing, with the hooks below in place of the rest of the
 * hypervisor. */
#include "../../core/control.c"
#include "../../core/percpu.c"

#define NCELLS 3	/* 0: the manager, 1: two CPUs, 2: one CPU */
#define NCPUS 4
#define RUNS 300
#define OPS_PER_RUN 12
#define OP_WALL_LIMIT_US 5000000	/* far below OP_CHANGE_TIMEOUT_US */

static struct cell cells[NCELLS];
/* Each cell's config: its name, and for the manager one RAM region over
 * the host's whole address space, so that its buffers are host
 * pointers. */
static struct {
	struct bh_cell_desc cell;
	struct bh_memory mem[1];
} BH_PACKED descs[NCELLS];
static struct comm_region comms[NCELLS];
static volatile int inside[NCELLS];	/* CPUs in each cell */
static volatile int quiet;		/* 1: guests do nothing hostile */
static volatile int stop_threads;
static volatile int violations;
static char first_violation[256];
static unsigned int seed_base;

static void violation(const char *what, int cell)
{
	if (__atomic_fetch_add(&violations, 1, __ATOMIC_SEQ_CST) == 0)
		snprintf(first_violation, sizeof(first_violation),
			 "%s (cell %d, state 0x%x, parked %u, inside %d)", what,
			 cell, cells[cell].state, cells[cell].cpus_parked,
			 inside[cell]);
}

/* ---- the rest of the hypervisor, as far as control.c sees it -------- */

void printk(const char *fmt, ...)
{
	(void)fmt;	/* the wording is the boot tests' to check */
}

struct cell *cell_by_id(u32 id)
{
	return id < NCELLS ? &cells[id] : NULL;
}

u32 cells_count(void)
{
	return NCELLS;
}

/* The system config's flags, as a test sets them. */
static u32 sys_flags;

u32 system_flags(void)
{
	return sys_flags;
}

const char *cell_name(const struct cell *c)
{
	return c->desc->name;
}

void arch_cpu_kick(struct per_cpu *cpu)
{
	(void)cpu;	/* the threads look at their requests all the time */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* A guest names a CPU by its id here (its APIC ID on x86). */
struct per_cpu *arch_cell_cpu(const struct cell *c, u64 guest_id)
{
	return guest_id < NCPUS && per_cpu((unsigned int)guest_id)->cell == c ?
	       per_cpu((unsigned int)guest_id) : NULL;
}

/* What each cell asked for last (as the guest saw its hypercall
 * succeed), and the interrupts sent to each. */
static volatile u32 asked[NCELLS];
static volatile int decided[NCELLS];	/* this instance chose to ask or not */
static volatile u32 sent[NCELLS];
static volatile u32 last_sent[NCELLS];	/* per_cpu id << 8 | vector */

void arch_cpu_interrupt(struct per_cpu *cpu, u8 vector)
{
	int id = (int)cpu->cell->id;

	if (cpu->cell->state != CELL_RUNNING)
		violation("a message interrupt to a cell that is not running",
			  id);
	if ((cpu->id << 8 | vector) != asked[id])
		violation("a message interrupt the cell did not ask for", id);
	last_sent[id] = cpu->id << 8 | vector;
	sent[id]++;
}

void arch_cell_irqs_mask(const struct cell *c)
{
	(void)c;
}

void pci_cell_quiesce(struct cell *c)
{
	(void)c;
}

void shmem_cell_stopped(struct cell *c)
{
	(void)c;
}

bool arch_cell_irqs_masked(const struct cell *c)
{
	(void)c;
	return true;
}

static void wiggle(unsigned int *seed)
{
	int i, n = rand_r(seed) % 64;

	for (i = 0; i < n; i++)
		sched_yield();
}

static __thread unsigned int thread_seed;

int cell_rebuild(struct cell *c)
{
	int id = (int)c->id;

	if (!cell_all_parked(c) || inside[id])
		violation("rebuilt with a CPU in it", id);
	wiggle(&thread_seed);
	if (inside[id])
		violation("a CPU entered during the rebuild", id);
	memset(c->comm, 0, sizeof(*c->comm));
	c->comm->cell_state = CELL_RUNNING;
	/* control.c cleared what the old instance asked for: an instance
	 * that does not ask must get nothing. */
	asked[id] = 0;
	decided[id] = 0;
	c->loadable = false;
	c->starts++;
	return 0;
}

void cell_clear_loadable(struct cell *c)
{
	if (!cell_settled(c) || inside[c->id])
		violation("loadable memory cleared with the cell in use",
			  (int)c->id);
}

long console_putc(struct cell *c, struct bh_line *l, char ch)
{
	(void)c;
	(void)l;
	(void)ch;
	return 0;
}

void console_cell_stopped(struct cell *c)
{
	(void)c;
}

void arch_dma_poll(void)
{
}

u64 console_ring_read(u64 *pos, char *dst, u64 size, u64 *end)
{
	(void)pos;
	(void)dst;
	(void)size;
	*end = 0;
	return 0;
}

void pages_usage(u64 *used, u64 *total)
{
	*used = *total = 0;
}

u64 arch_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000 + (u64)ts.tv_nsec / 1000;
}

void arch_power_off(void)
{
}

/* ---- the CPUs -------------------------------------------------------- */

/* The guest on @p cpu asks for a message interrupt: once per instance of
 * its cell with good arguments (on one of its CPUs at random), and now and
 * then with bad ones, which must change nothing; half the instances never
 * ask, and must get none. */
static u32 registered(const struct cell *c)
{
	return __atomic_load_n(&c->msg_interrupt, __ATOMIC_SEQ_CST);
}

static void ask_interrupt(struct per_cpu *cpu, unsigned int *seed)
{
	struct cell *c = cpu->cell;
	int id = (int)c->id;
	u32 before = registered(c);
	u64 vector = 0x40 + (u64)id, target;
	s64 r;

	if (!decided[id] && cpu->id == c->first_cpu) {
		decided[id] = 1;
		if (rand_r(seed) % 2)
			return;		/* this instance polls */
		target = c->first_cpu + rand_r(seed) % c->num_cpus;
		asked[id] = (u32)target << 8 | (u32)vector;
		r = hypercall(cpu, 0, HC_BH_MSG_INTERRUPT, vector, target);
		if (r)
			violation("a good HC_BH_MSG_INTERRUPT refused", id);
		return;
	}
	if (rand_r(seed) % 64)
		return;
	switch (rand_r(seed) % 4) {
	case 0:		/* an exception's vector (0, 0 means off) */
		r = hypercall(cpu, 0, HC_BH_MSG_INTERRUPT,
			      1 + (u64)(rand_r(seed) % 31), cpu->id);
		break;
	case 1:		/* beyond the ICR's 8 bits */
		r = hypercall(cpu, 0, HC_BH_MSG_INTERRUPT,
			      256 + (u64)rand_r(seed), cpu->id);
		break;
	case 2:		/* another cell's CPU */
		target = (u64)rand_r(seed) % NCPUS;
		if (per_cpu((unsigned int)target)->cell == c)
			return;
		r = hypercall(cpu, 0, HC_BH_MSG_INTERRUPT, vector, target);
		break;
	default:	/* no CPU at all */
		r = hypercall(cpu, 0, HC_BH_MSG_INTERRUPT, vector,
			      1ULL << (32 + rand_r(seed) % 31));
		break;
	}
	if (r != -HC_EINVAL || registered(c) != before)
		violation("a bad HC_BH_MSG_INTERRUPT accepted", id);
}

/* What the guest does when it is asked to vote. */
static void answer(struct comm_region *cr, unsigned int *seed,
		   struct per_cpu *cpu)
{
	u32 msg = cr->msg_to_cell;

	if (msg == MSG_NONE)
		return;
	if (!quiet && msg == MSG_SHUTDOWN_REQUEST && cpu->cell != manager &&
	    rand_r(seed) % 4 == 0) {
		/* Asked to stop, it resets itself instead. */
		cell_power(cpu, true);
		return;
	}
	cr->msg_to_cell = MSG_NONE;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	cr->reply_from_cell = msg == MSG_SHUTDOWN_REQUEST ?
			      MSG_REQUEST_APPROVED : MSG_RECEIVED;
}

static void *cpu_thread(void *arg)
{
	struct per_cpu *cpu = arg;
	struct cell *c = cpu->cell;
	int id = (int)c->id;

	thread_seed = seed_base * 31 + cpu->id;
	while (!stop_threads) {
		/* wait_and_enter(): now and then a CPU wakes late, so that
		 * its cell may be restarted or stopped before it came in. */
		if (rand_r(&thread_seed) % 8 == 0)
			usleep(rand_r(&thread_seed) % 400);
		if (!cell_cpu_may_enter(cpu)) {
			wiggle(&thread_seed);
			continue;
		}
		__atomic_add_fetch(&inside[id], 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&c->rebuilding, __ATOMIC_SEQ_CST))
			violation("entered during a rebuild", id);
		/* A CPU in a cell that is to be rebuilt must be on its way
		 * out, or the rebuild waits for it for ever. */
		spin_lock(&control_lock);
		if (c->state == CELL_STARTING &&
		    __atomic_load_n(&cpu->request, __ATOMIC_SEQ_CST) ==
		    CPU_REQ_NONE)
			violation("a CPU entered a cell that is starting", id);
		spin_unlock(&control_lock);
		/* A guest that resets its cell as soon as it runs, before
		 * its other CPUs came in. */
		if (!quiet && c != manager && rand_r(&thread_seed) % 16 == 0)
			cell_power(cpu, true);
		/* run(): in the cell until a request */
		while (__atomic_load_n(&cpu->request, __ATOMIC_SEQ_CST) ==
		       CPU_REQ_NONE && !stop_threads) {
			unsigned int r = rand_r(&thread_seed) % 4000;

			ask_interrupt(cpu, &thread_seed);
			if (cpu->id == c->first_cpu)
				answer(c->comm, &thread_seed, cpu);
			if (quiet || c == manager)
				r = 4000;
			if (r == 0)
				cell_power(cpu, true);
			else if (r == 1)
				cell_power(cpu, false);
			else if (r == 2) {
				cell_cpu_failed(cpu, 0, "test");
				break;	/* vcpu.c parks it at once */
			}
			sched_yield();
		}
		__atomic_sub_fetch(&inside[id], 1, __ATOMIC_SEQ_CST);
		cell_cpu_parked(cpu, true);
	}
	return NULL;
}

/* ---- the manager ----------------------------------------------------- */

static s64 call(u64 code, u64 a1, u64 a2)
{
	return hypercall(per_cpu(0), 0, code, a1, a2);
}

/* Ask for @p code on cell @p t and poll it to its end. */
static s64 operate(u32 code, u32 t)
{
	struct bh_op_status st;
	u32 gen = cells[t].start_gen;
	u64 start = arch_now_us();
	s64 r = call(code, t, 0);

	while (r == -HC_EINPROGRESS) {
		if (arch_now_us() - start > OP_WALL_LIMIT_US) {
			violation("operation never ended", (int)t);
			return r;
		}
		sched_yield();
		r = call(HC_BH_OP_STATUS, (u64)(unsigned long)&st, 0);
	}
	if (r)
		return r;
	if (code == HC_CELL_START) {
		if (cells[t].start_gen == gen)
			violation("start done without a rebuild", (int)t);
		return 0;
	}
	/* stop, set loadable: parked, and nothing starts it again. */
	if ((cells[t].state != CELL_SHUT_DOWN &&
	     cells[t].state != CELL_FAILED) || !cell_settled(&cells[t]) ||
	    inside[t])
		violation("stop done, but the cell is not stopped", (int)t);
	usleep(rand_r(&thread_seed) % 300);
	if ((cells[t].state != CELL_SHUT_DOWN &&
	     cells[t].state != CELL_FAILED) || inside[t])
		violation("a stopped cell ran again by itself", (int)t);
	return 0;
}

static void setup(void)
{
	static const char *const names[NCELLS] = { "manager", "two", "one" };
	static const u32 owner[NCPUS] = { 0, 1, 1, 2 };
	unsigned int i;

	memset(cells, 0, sizeof(cells));
	memset(comms, 0, sizeof(comms));
	memset(&op, 0, sizeof(op));
	memset(&control_lock, 0, sizeof(control_lock));
	memset((void *)asked, 0, sizeof(asked));
	memset((void *)decided, 0, sizeof(decided));
	memset((void *)sent, 0, sizeof(sent));
	manager = NULL;
	percpu_init();
	for (i = 0; i < NCPUS; i++) {
		struct per_cpu *cpu = per_cpu(i);

		memset(cpu, 0, sizeof(*cpu));
		cpu->id = i;
		cpu->cell = &cells[owner[i]];
	}
	for (i = 0; i < NCELLS; i++) {
		memset(&descs[i], 0, sizeof(descs[i]));
		strcpy(descs[i].cell.name, names[i]);
		descs[i].cell.msg_reply_timeout = 200000;
		descs[i].cell.num_memory_regions = i == 0;
		descs[i].mem[0] = (struct bh_memory){
			.size = 1ULL << 47,
			.flags = BH_MEM_READ | BH_MEM_WRITE,
		};
		cells[i].id = i;
		cells[i].desc = &descs[i].cell;
		cells[i].comm = &comms[i];
		cells[i].num_cpus = i == 1 ? 2 : 1;
		cells[i].first_cpu = i == 0 ? 0 : i == 1 ? 1 : 3;
		inside[i] = 0;
	}
	control_init("manager");
	control_start_all();
}

static const char *op_text(u32 code)
{
	return code == HC_CELL_START ? "start" : code == HC_CELL_DESTROY ?
	       "stop" : "set-loadable";
}

/* One run: the CPUs started, random operations, then every cell stopped
 * and started again with nothing hostile going on. */
static int run(unsigned int seed, unsigned int *ops_done)
{
	pthread_t t[NCPUS];
	unsigned int i;

	seed_base = seed;
	thread_seed = seed;
	stop_threads = 0;
	quiet = 0;
	setup();
	for (i = 0; i < NCPUS; i++)
		pthread_create(&t[i], NULL, cpu_thread, per_cpu(i));
	for (i = 0; i < OPS_PER_RUN && !violations; i++) {
		static const u32 codes[] = { HC_CELL_START, HC_CELL_DESTROY,
					     HC_CELL_SET_LOADABLE };
		u32 code = codes[rand_r(&thread_seed) % 3];
		u32 target = 1 + rand_r(&thread_seed) % 2;

		operate(code, target);
		(*ops_done)++;
		if (violations)
			fprintf(stderr, "run %u: during %s of cell %u\n", seed,
				op_text(code), target);
	}
	/* The end: calm guests; every cell stops and starts with all its
	 * CPUs, whatever the random part left behind. */
	quiet = 1;
	for (i = 1; i < NCELLS && !violations; i++) {
		if (operate(HC_CELL_DESTROY, i) || operate(HC_CELL_START, i))
			violation("a calm stop and start failed", (int)i);
		*ops_done += 2;
	}
	stop_threads = 1;
	for (i = 0; i < NCPUS; i++)
		pthread_join(t[i], NULL);
	return violations;
}

static void test_interleavings(void)
{
	unsigned int seed, ops = 0, interrupts = 0;

	for (seed = 1; seed <= RUNS && !violations; seed++) {
		run(seed, &ops);
		interrupts += sent[0] + sent[1] + sent[2];
	}
	checkf("interleavings", !violations, "run %u: %s", seed - 1,
	       first_violation);
	/* The runs must have sent some, or the check above saw none. */
	checkf("interleavings.interrupts-sent", interrupts > ops / 2,
	       "%u message interrupts in %u operations", interrupts, ops);
	printf("# %u runs, %u operations, %u message interrupts\n", seed - 1,
	       ops, interrupts);
}

#define CHECK(name, cond) check(name, cond, #cond)

/* One cell's message interrupt, step by step: sent once per message
 * (the withdrawal MSG_NONE aside), to the CPU and vector asked for, only
 * while the cell runs; bad requests change nothing; 0, 0 turns it off. */
static void test_msg_interrupt(void)
{
	struct per_cpu *one = per_cpu(1);

	setup();
	cells[1].state = CELL_RUNNING;
	cells[2].state = CELL_RUNNING;
	asked[1] = 2 << 8 | 0x41;
	CHECK("msg.asked", hypercall(one, 0, HC_BH_MSG_INTERRUPT, 0x41, 2) == 0);
	vote_send(NULL, 1, MSG_SHUTDOWN_REQUEST);
	CHECK("msg.sent-once", sent[1] == 1 && last_sent[1] == (2 << 8 | 0x41));
	CHECK("msg.message-first",
	      comms[1].msg_to_cell == MSG_SHUTDOWN_REQUEST);
	vote_send(NULL, 1, MSG_NONE);
	CHECK("msg.withdrawal-silent", sent[1] == 1);
	vote_send(NULL, 2, MSG_RECONFIG_COMPLETED);
	CHECK("msg.not-asked-silent", sent[2] == 0);
	CHECK("msg.vector-31", hypercall(one, 0, HC_BH_MSG_INTERRUPT, 31, 2) ==
	      -HC_EINVAL);
	CHECK("msg.vector-256", hypercall(one, 0, HC_BH_MSG_INTERRUPT, 256, 2) ==
	      -HC_EINVAL);
	CHECK("msg.others-cpu", hypercall(one, 0, HC_BH_MSG_INTERRUPT, 0x41,
					  3) == -HC_EINVAL);
	CHECK("msg.no-cpu", hypercall(one, 0, HC_BH_MSG_INTERRUPT, 0x41,
				      1ULL << 32 | 2) == -HC_EINVAL);
	CHECK("msg.vector-only", hypercall(one, 0, HC_BH_MSG_INTERRUPT, 0,
					   2) == -HC_EINVAL);
	vote_send(NULL, 1, MSG_RECONFIG_COMPLETED);
	CHECK("msg.bad-requests-changed-nothing",
	      sent[1] == 2 && last_sent[1] == (2 << 8 | 0x41) && !violations);
	cells[1].state = CELL_SHUT_DOWN;
	vote_send(NULL, 1, MSG_SHUTDOWN_REQUEST);
	cells[1].state = CELL_RUNNING;
	CHECK("msg.stopped-silent", sent[1] == 2);
	CHECK("msg.off", hypercall(one, 0, HC_BH_MSG_INTERRUPT, 0, 0) == 0);
	vote_send(NULL, 1, MSG_SHUTDOWN_REQUEST);
	CHECK("msg.off-silent", sent[1] == 2 && !violations);
}

/* The policy BH_SYS_DMA_FAULT_STOPS: without it a cell's DMA faults
 * change nothing; with it a running cell is stopped FAILED and its CPUs
 * asked to park, a stopped one is left as it is, and no other cell is
 * touched. */
static void test_dma_fault_policy(void)
{
	unsigned int i;

	setup();
	/* As if every cell had started: running, no request pending. */
	for (i = 0; i < NCELLS; i++)
		cells[i].state = CELL_RUNNING;
	for (i = 0; i < NCPUS; i++)
		per_cpu(i)->request = CPU_REQ_NONE;
	sys_flags = 0;
	cell_dma_fault(&cells[1]);
	CHECK("dma-fault.no-policy-nothing",
	      cells[1].state == CELL_RUNNING &&
	      per_cpu(1)->request == CPU_REQ_NONE);
	sys_flags = BH_SYS_DMA_FAULT_STOPS;
	cell_dma_fault(&cells[1]);
	CHECK("dma-fault.policy-fails-the-cell",
	      cells[1].state == CELL_FAILED &&
	      comms[1].cell_state == CELL_FAILED &&
	      per_cpu(1)->request == CPU_REQ_PARK);
	CHECK("dma-fault.others-untouched", cells[2].state == CELL_RUNNING &&
	      per_cpu(3)->request == CPU_REQ_NONE);
	cells[2].state = CELL_SHUT_DOWN;
	cell_dma_fault(&cells[2]);
	CHECK("dma-fault.stopped-cell-left", cells[2].state == CELL_SHUT_DOWN);
	/* The managing cell stopped by it: its requests are refused. */
	cell_dma_fault(&cells[0]);
	CHECK("dma-fault.manager-failed", cells[0].state == CELL_FAILED);
	CHECK("dma-fault.failed-manager-refused",
	      hypercall(per_cpu(0), 0, HC_CELL_START, 2, 0) == -HC_EPERM &&
	      cells[2].state == CELL_SHUT_DOWN);
	sys_flags = 0;
}

int main(void)
{
	sanitizers_init();
	RUN(test_msg_interrupt);
	RUN(test_dma_fault_policy);
	RUN(test_interleavings);
	return failures ? 1 : 0;
}
