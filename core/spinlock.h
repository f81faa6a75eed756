/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * A ticket spinlock for the few places where CPUs share state briefly
 * (the hypervisor console, an IOAPIC's index and data registers, a
 * cell's console budget, its list of absent accesses, the management
 * operation). Fair: CPUs take
 * the lock in the order they asked for it, so a cell whose CPUs hammer a
 * shared lock cannot keep another cell's CPU waiting for long.
 */
#ifndef BULKHEAD_SPINLOCK_H
#define BULKHEAD_SPINLOCK_H

#include <bulkhead/types.h>

typedef struct {
	volatile u32 next;	/**< the ticket the next asker gets */
	volatile u32 owner;	/**< the ticket that holds the lock */
} spinlock_t;

static inline void spin_lock(spinlock_t *l)
{
	u32 ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket)
		asm volatile("pause" : : : "memory");
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->owner, l->owner + 1, __ATOMIC_RELEASE);
}

/** Take @p l only if nobody holds or waits for it (no ticket is taken
 * otherwise). @return true if taken: spin_unlock() it. */
static inline bool spin_trylock(spinlock_t *l)
{
	u32 owner = __atomic_load_n(&l->owner, __ATOMIC_ACQUIRE);
	u32 free = owner;

	return __atomic_compare_exchange_n(&l->next, &free, owner + 1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

#endif
