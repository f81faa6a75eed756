/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A model of a cell's lifecycle (core/control.c) with its CPUs, checked
 * by spin in `make test` (tests/run.py) like tests/model/vote.pml:
 *
 *   spin -a tests/model/lifecycle.pml && gcc -o pan pan.c && ./pan -a -f
 *
 * One cell with two CPUs (CPU 0 is its first: it rebuilds the cell). The
 * CPUs do what arch/x86/vcpu.c and control.c do: outside the cell, take
 * a reset request (the first CPU then waits for both to be parked,
 * rebuilds the cell unless it was stopped meanwhile, and lets them in by
 * a new generation); inside, park at a request, or act as a hostile
 * guest may (reset the cell, power it off, fault: at most HOSTILE times
 * in a run). The managing cell asks, one after the other, for up to OPS
 * stops and starts (the vote is vote.pml's; here every one is approved)
 * and waits for each to be done as control.c's advance() does. What
 * control.c does under its lock is atomic here; the rebuild itself is not.
 * Checked:
 *   - no deadlock (no invalid end state): no operation stays in progress
 *     for good, no CPU waits for a rebuild nobody does;
 *   - every operation ends (LTL "ends", under weak fairness);
 *   - a rebuild begins only with both CPUs parked, and no CPU enters
 *     while it goes on;
 *   - a stop reported done leaves the cell stopped, both CPUs parked, no
 *     rebuild under way, and so it stays until the manager starts it: no
 *     rebuild completes and no CPU enters but to park at once;
 *   - a start reported done rebuilt the cell after it was asked for;
 *   - the CPUs never all leave a cell that is RUNNING.
 */
#define NCPU		2
#define OPS		3
#define HOSTILE		2

/* the hypervisor's cell states */
#define SHUT_DOWN	0
#define STARTING	1
#define RUNNING		2
#define FAILED		3
/* requests to a CPU */
#define R_NONE		0
#define R_PARK		1
#define R_RESET		2

byte state = SHUT_DOWN;
bool rebuilding;
byte parked = NCPU;		/* CPUs outside the cell, counted */
byte gen;			/* start_gen */
byte req[NCPU];
byte park_gen[NCPU];
bool inside[NCPU];
byte hostile;			/* hostile acts so far */
bool mgr_done;
bool held;			/* a stop was reported done, no start since */

/* cell_stop(): from RUNNING or STARTING only; control_lock held. */
inline stop(st)
{
	if
	:: state == RUNNING || state == STARTING ->
		state = st;
		req[0] = R_PARK;
		req[1] = R_PARK
	:: else -> skip
	fi
}

/* cell_start(): a start under way is joined; control_lock held. */
inline start()
{
	if
	:: state != STARTING ->
		state = STARTING;
		req[0] = R_RESET;
		req[1] = R_RESET
	:: else -> skip
	fi
}

/* cell_cpu_parked() */
inline park(i)
{
	atomic {
		inside[i] = false;
		park_gen[i] = gen;
		parked++;
		/* the CPUs never all leave a running cell */
		assert(parked < NCPU || state != RUNNING)
	}
}

/* rebuild(), by the first CPU */
inline rebuild()
{
	parked == NCPU;		/* spins until both are parked */
	atomic {
		if
		:: state == STARTING ->
			assert(!inside[0] && !inside[1]);
			rebuilding = true
		:: else -> goto no_rebuild
		fi
	};
	/* the copy from the image: anything may happen meanwhile */
	skip;
	atomic {
		assert(!inside[0] && !inside[1]);
		rebuilding = false;
		if
		:: state == STARTING ->
			req[0] = R_NONE;
			req[1] = R_NONE;
			assert(!held);
			parked = 0;
			state = RUNNING;
			gen++
		:: else -> skip	/* stopped meanwhile: it stays out */
		fi
	};
no_rebuild:
	skip
}

proctype cpu(byte i)
{

	/* wait_and_enter(): cell_cpu_may_enter() at each wake */
end_out:
	if
	:: atomic { gen == park_gen[i] && req[i] == R_RESET ->
		req[i] = R_NONE };
		if
		:: i == 0 -> rebuild()
		:: else -> skip
		fi;
		goto end_out
	:: atomic { gen != park_gen[i] -> assert(!rebuilding);
		/* a stopped cell's CPU enters only to park at once */
		assert(!held || req[i] != R_NONE);
		inside[i] = true }
	fi;
	/* run(): in the cell until a request */
end_in:
	if
	:: req[i] != R_NONE -> park(i); goto end_out
	:: atomic { hostile < HOSTILE -> hostile++;
		/* its reset register */
		if
		:: state == RUNNING -> start()
		:: else -> skip
		fi };
		goto end_in
	:: atomic { hostile < HOSTILE -> hostile++;
		/* ACPI S5 of its own PM1a control */
		if
		:: state == RUNNING -> stop(SHUT_DOWN)
		:: else -> skip
		fi };
		goto end_in
	:: atomic { hostile < HOSTILE -> hostile++;
		/* a fault: cell_cpu_failed(); a cell being restarted is
		 * rebuilt from the image anyway */
		if
		:: state == RUNNING -> stop(FAILED)
		:: else -> skip
		fi };
		park(i);
		goto end_out
	fi
}

proctype manager()
{
	byte n, g;

	/* control_start_all() at boot */
	atomic { start() };
	do
	:: n < OPS ->
		n++;
		if
		:: atomic {	/* stop (and set loadable) */
			stop(SHUT_DOWN) };
			/* OP_STOPPING: until cell_settled() */
			atomic { parked == NCPU && !rebuilding ->
				assert(state == SHUT_DOWN || state == FAILED);
				assert(!inside[0] && !inside[1]) };
			/* nothing but the manager starts it again */
			held = true
		:: atomic { held = false; g = gen; start() };
			/* OP_STARTING: until it is no more STARTING */
			atomic { state != STARTING ->
				assert(state != RUNNING || gen != g) }
		fi
	:: else -> break
	od;
	mgr_done = true
}

init {
	atomic {
		run manager();
		run cpu(0);
		run cpu(1)
	}
}

ltl ends { <> mgr_done }
