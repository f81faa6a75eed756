/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * A plain test-and-set spinlock for the few places where CPUs share a
 * device register pair (an IOAPIC's index and data registers).
 */
#ifndef BULKHEAD_SPINLOCK_H
#define BULKHEAD_SPINLOCK_H

typedef struct {
	volatile int taken;
} spinlock_t;

static inline void spin_lock(spinlock_t *l)
{
	while (__atomic_exchange_n(&l->taken, 1, __ATOMIC_ACQUIRE))
		while (l->taken)
			asm volatile("pause" : : : "memory");
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->taken, 0, __ATOMIC_RELEASE);
}

#endif
