/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * A pool of 4 KiB pages for the page-table builders' unit tests (NPT, I/O
 * page tables), as a struct pt_alloc. The pages' "physical" addresses are
 * their pool offset plus a fake base, so a builder that stores host
 * pointers instead of to_phys() results, or follows entries without
 * to_virt(), is caught (pool.bad counts such addresses); the allocator
 * can be told to run dry after N pages (pool.limit).
 */
#ifndef BULKHEAD_PT_POOL_H
#define BULKHEAD_PT_POOL_H

#include <stdint.h>
#include <string.h>

#include "npt.h"

#ifndef PG
#define PG		0x1000ULL
#endif
#define POOL_PAGES	1024
#define FAKE_BASE	0x40000000ULL	/* "physical" address of pool page 0 */
#define NO_LIMIT	(-1)

/* ---- page pool ---- */

static u8 pool_mem[POOL_PAGES][PG] __attribute__((aligned(4096)));
static u8 scratch[PG] __attribute__((aligned(4096)));

struct pool {
	unsigned int used;	/* pages handed out, root included */
	unsigned int allocs;	/* pages handed out since the root */
	int limit;		/* allocs allowed, or NO_LIMIT */
	unsigned int bad;	/* addresses outside the pool seen */
};

static struct pool pool;

static void *pool_alloc(void *ctx)
{
	struct pool *p = ctx;
	u8 *page;

	if (p->limit != NO_LIMIT && p->allocs >= (unsigned int)p->limit)
		return NULL;
	if (p->used >= POOL_PAGES) {
		p->bad++;
		return NULL;
	}
	page = pool_mem[p->used++];
	memset(page, 0, PG);
	p->allocs++;
	return page;
}

static u64 pool_to_phys(void *ctx, const void *page)
{
	struct pool *p = ctx;
	uintptr_t base = (uintptr_t)pool_mem;
	uintptr_t addr = (uintptr_t)page;

	if (addr < base || addr >= base + (uintptr_t)p->used * PG ||
	    (addr - base) % PG) {
		p->bad++;
		return 0;
	}
	return FAKE_BASE + (addr - base);
}

static void *pool_to_virt(void *ctx, u64 phys)
{
	struct pool *p = ctx;

	if (phys < FAKE_BASE || phys >= FAKE_BASE + (u64)p->used * PG ||
	    phys % PG) {
		/* Count it and hand back an empty table, so nothing crashes. */
		p->bad++;
		memset(scratch, 0, sizeof(scratch));
		return scratch;
	}
	return pool_mem[(phys - FAKE_BASE) / PG];
}

static const struct pt_alloc pa = {
	.alloc = pool_alloc,
	.to_phys = pool_to_phys,
	.to_virt = pool_to_virt,
	.ctx = &pool,
};

/* Empty the pool and take a fresh root; allocs counts from here on. */
static u64 *new_root(void)
{
	u64 *root;

	pool.used = 0;
	pool.limit = NO_LIMIT;
	pool.bad = 0;
	root = pool_alloc(&pool);
	pool.allocs = 0;
	return root;
}

#endif
