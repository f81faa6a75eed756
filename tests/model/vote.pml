/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A model of Bulkhead's comm-region voting protocol (core/lib/vote.c,
 * core/control.c), checked by spin in `make test` (tests/run.py):
 *
 *   spin -a tests/model/vote.pml && gcc -o pan pan.c && ./pan -a -f
 *
 * Three cells, each of which may be passive, stopped, locked, and may
 * approve, deny, shut itself down or stay silent, with a time-out of 0
 * (for ever) or of a few clock ticks; a managing cell that asks for one
 * operation, on one cell or on the whole system, polls for its result
 * and may withdraw it (Ctrl-C) at any poll, and does so at the latest
 * when its user's patience (PATIENCE polls) runs out. Checked:
 *   - no deadlock (no invalid end state);
 *   - every request ends (LTL "ends", under weak fairness);
 *   - a passive cell is never asked (assertion in the cell);
 *   - a running locked cell other than the target blocks the operation,
 *     and then nothing changes (assertions at the end);
 *   - a silent asked cell with a time-out is stopped as FAILED, and the
 *     operation goes on (assertion at the end);
 *   - a denial changes nothing; an approval stops the target(s).
 */
#define N		3
#define SYSTEM		N	/* target: the whole system */
#define PATIENCE	6

/* messages and replies (Jailhouse's values) */
#define MSG_NONE	0
#define MSG_SHUTDOWN	1
#define R_DENIED	2
#define R_APPROVED	3
/* comm-region cell states */
#define RUNNING		0
#define LOCKED		1
#define SHUT_DOWN	2
#define FAILED		3
/* what a cell does when asked */
#define B_APPROVE	0
#define B_DENY		1
#define B_SELF_STOP	2
#define B_SILENT	3
/* vote status per cell */
#define V_NOT		0
#define V_ASKED		1
#define V_YES		2
#define V_SILENT	3
/* results */
#define PENDING		0
#define APPROVED	1
#define DENIED		2
#define BLOCKED		3
#define WITHDRAWN	4

byte msg[N], reply[N], cstate[N];	/* the comm regions */
bool running[N];			/* the hypervisor's own state */
bool passive[N];
byte tmo[N];			/* ticks, 0: for ever */
byte behaviour[N];
byte status[N];
byte deadline[N];
byte now;
byte target;
byte result;
bool done;
bool locked_other;			/* at begin: another cell locked */
bool was_running[N];

proctype cell(byte i)
{
	/* A stopped cell's CPUs are parked: it does nothing more. */
	do
	:: atomic { msg[i] == MSG_SHUTDOWN && running[i] ->
		assert(!passive[i]);	/* a passive cell is never asked */
		if
		:: behaviour[i] == B_APPROVE ->
			atomic { msg[i] = MSG_NONE; reply[i] = R_APPROVED }
		:: behaviour[i] == B_DENY ->
			atomic { msg[i] = MSG_NONE; reply[i] = R_DENIED }
		:: behaviour[i] == B_SELF_STOP ->
			cstate[i] = SHUT_DOWN
		:: behaviour[i] == B_SILENT ->
			skip
		fi }
		/* answered (or chose silence) once */
		break
	:: !running[i] -> break
	:: done -> break
	od
}

inline stop(i, st)
{
	running[i] = false;
	cstate[i] = st
}

inline poll()
{
	waiting = false;
	j = 0;
	do
	:: j < N ->
		if
		:: status[j] == V_ASKED ->
			if
			:: cstate[j] == SHUT_DOWN || cstate[j] == FAILED ->
				status[j] = V_YES
			:: else ->
				if
				:: reply[j] == R_APPROVED -> status[j] = V_YES
				:: reply[j] != R_APPROVED && reply[j] != MSG_NONE ->
					result = DENIED
				:: else ->
					if
					:: tmo[j] > 0 && now >= deadline[j] ->
						status[j] = V_YES;
						stop(j, FAILED)
					:: else -> waiting = true
					fi
				fi
			fi
		:: else -> skip
		fi;
		j++
	:: j == N -> break
	od;
	if
	:: result == PENDING && !waiting -> result = APPROVED
	:: else -> skip
	fi;
	/* a question past its deadline is never left open */
	j = 0;
	do
	:: j < N ->
		assert(result == DENIED || !(status[j] == V_ASKED &&
		       tmo[j] > 0 && now >= deadline[j]));
		j++
	:: j == N -> break
	od
}

inline withdraw()
{
	j = 0;
	do
	:: j < N ->
		if
		:: status[j] == V_ASKED -> msg[j] = MSG_NONE; status[j] = V_NOT
		:: else -> skip
		fi;
		j++
	:: j == N -> break
	od
}

proctype manager()
{
	byte i, j, polls = 0;
	bool waiting;

	/* begin: the locks first, then the questions */
	atomic {
	i = 0;
	do
	:: i < N ->
		if
		:: running[i] && i != target && cstate[i] == LOCKED ->
			locked_other = true; result = BLOCKED
		:: else -> skip
		fi;
		i++
	:: i == N -> break
	od;
	if
	:: result == PENDING ->
		i = 0;
		do
		:: i < N ->
			if
			:: (target == SYSTEM || target == i) && running[i] &&
			   !passive[i] ->
				status[i] = V_ASKED;
				deadline[i] = now + tmo[i];
				atomic { reply[i] = MSG_NONE; msg[i] = MSG_SHUTDOWN }
			:: (target == SYSTEM || target == i) &&
			   (!running[i] || passive[i]) ->
				status[i] = V_YES
			:: else -> skip
			fi;
			i++
		:: i == N -> break
		od
	:: else -> skip
	fi
	};
	/* the managing cell polls; the clock runs between polls */
	if
	:: result == PENDING ->
		do
		:: result != PENDING -> break
		:: result == PENDING -> atomic {
			poll();
			if
			:: result == DENIED -> withdraw()
			:: result == PENDING && polls < PATIENCE ->
				polls++;
				now++
			:: result == PENDING ->
				/* Ctrl-C: at any poll, at the latest when the
				 * user's patience runs out */
				withdraw(); result = WITHDRAWN
			:: else -> skip
			fi }
		od
	:: else -> skip
	fi;
	/* carry out an approved operation */
	atomic {
	if
	:: result == APPROVED ->
		i = 0;
		do
		:: i < N ->
			if
			:: (target == SYSTEM || target == i) && running[i] ->
				stop(i, SHUT_DOWN)
			:: else -> skip
			fi;
			i++
		:: i == N -> break
		od
	:: else -> skip
	fi;
	done = true
	}
}

init {
	byte i;

	atomic {
		i = 0;
		do
		:: i < N ->
			/* Only what matters: a stopped or passive cell is
			 * never asked, so how it would answer is moot. */
			if
			:: running[i] = false; cstate[i] = SHUT_DOWN
			:: running[i] = true; passive[i] = true
			:: running[i] = true; passive[i] = false;
				if
				:: tmo[i] = 0
				:: tmo[i] = 2
				fi;
				if
				:: behaviour[i] = B_APPROVE
				:: behaviour[i] = B_DENY
				:: behaviour[i] = B_SELF_STOP
				:: behaviour[i] = B_SILENT
				fi
			fi;
			if
			:: running[i] -> if
				:: cstate[i] = RUNNING
				:: cstate[i] = LOCKED
				fi
			:: else
			fi;
			was_running[i] = running[i];
			i++
		:: i == N -> break
		od;
		/* The cells are alike: cell 0 stands for any target. */
		if
		:: target = 0
		:: target = SYSTEM
		fi;
		run manager();
		for (i : 0 .. N - 1) {
			run cell(i)
		}
	}
	done;
	/* what the operation left */
	for (i : 0 .. N - 1) {
		/* blocked, denied or withdrawn: only silent cells changed */
		assert(result != BLOCKED || running[i] == was_running[i]);
		assert(result == APPROVED || running[i] == was_running[i] ||
		       cstate[i] == FAILED);
		/* approved: every target stopped */
		assert(result != APPROVED || !(target == SYSTEM ||
					       target == i) || !running[i]);
		/* a silent asked cell with a time-out never stays asked */
		assert(!(status[i] == V_ASKED && tmo[i] > 0 &&
			 result == APPROVED));
	}
	assert(result != BLOCKED || locked_other);
	assert(result != PENDING)
}

ltl ends { <> done }
