/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hypervisor's spinlock (core/spinlock.h) on host threads: it
 * excludes (four threads' unlocked increments under it add up exactly),
 * and it is fair: CPUs that wait take it in the order they asked for
 * it, whoever spins faster; a trylock takes it only when it is free and
 * leaves no ticket behind when it fails.
 */
#include <pthread.h>
#include <string.h>

#include "check.h"
#include "spinlock.h"

#define THREADS 3
#define ROUNDS 20000

static spinlock_t lock;
static volatile unsigned long counter;

static void *hammer(void *arg)
{
	unsigned int i;

	(void)arg;
	for (i = 0; i < ROUNDS; i++) {
		spin_lock(&lock);
		counter = counter + 1;
		spin_unlock(&lock);
	}
	return NULL;
}

static void test_excludes(void)
{
	pthread_t t[THREADS];
	unsigned int i;

	memset(&lock, 0, sizeof(lock));
	counter = 0;
	for (i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, hammer, NULL);
	for (i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	checkf("excludes", counter == (unsigned long)THREADS * ROUNDS,
	       "%lu increments, want %lu", counter,
	       (unsigned long)THREADS * ROUNDS);
}

static volatile unsigned int order[2], served;

static void *waiter(void *arg)
{
	spin_lock(&lock);
	order[served++] = (unsigned int)(unsigned long)arg;
	spin_unlock(&lock);
	return NULL;
}

/* Wait until @p n tickets have been handed out. */
static void tickets(unsigned int n)
{
	while (__atomic_load_n(&lock.next, __ATOMIC_ACQUIRE) != n)
		;
}

/* The lock held; waiter 1 asks, then waiter 2: 1 is served first. */
static void test_fifo(void)
{
	pthread_t a, b;

	memset(&lock, 0, sizeof(lock));
	served = 0;
	spin_lock(&lock);
	pthread_create(&a, NULL, waiter, (void *)1UL);
	tickets(2);
	pthread_create(&b, NULL, waiter, (void *)2UL);
	tickets(3);
	spin_unlock(&lock);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	checkf("fifo", served == 2 && order[0] == 1 && order[1] == 2,
	       "served %u, in the order %u %u", served, order[0], order[1]);
}

/* Half the threads take it by trylock (retrying), the others by ticket:
 * it still excludes, and a failed trylock took no ticket (else a waiter
 * behind it would wait for ever and this would hang). */
static void *hammer_try(void *arg)
{
	unsigned int i;

	(void)arg;
	for (i = 0; i < ROUNDS; i++) {
		while (!spin_trylock(&lock))
			;
		counter = counter + 1;
		spin_unlock(&lock);
	}
	return NULL;
}

static void test_trylock(void)
{
	pthread_t t[2 * THREADS];
	unsigned int i;

	memset(&lock, 0, sizeof(lock));
	check("free-taken", spin_trylock(&lock), "a free lock refused");
	check("held-refused", !spin_trylock(&lock), "a held lock taken");
	checkf("no-ticket-taken", lock.next == 1, "next is %u", lock.next);
	spin_unlock(&lock);
	counter = 0;
	for (i = 0; i < 2 * THREADS; i++)
		pthread_create(&t[i], NULL, i % 2 ? hammer_try : hammer, NULL);
	for (i = 0; i < 2 * THREADS; i++)
		pthread_join(t[i], NULL);
	checkf("excludes-with-trylock",
	       counter == 2UL * THREADS * ROUNDS && lock.next == lock.owner,
	       "%lu increments, want %lu; next %u owner %u", counter,
	       2UL * THREADS * ROUNDS, lock.next, lock.owner);
}

int main(void)
{
	sanitizers_init();
	RUN(test_excludes);
	RUN(test_fifo);
	RUN(test_trylock);
	return failures ? 1 : 0;
}
