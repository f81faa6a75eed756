/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Shared-memory links between cells (shmem.h).
 */
#include "bh_string.h"
#include "cell.h"
#include "hv.h"
#include "budget.h"
#include "ivshmem.h"
#include "shmem.h"

/* One peer's end of a link: its function and what its vectors reach. */
struct shmem_end {
	u32 cell;		/* index of its cell */
	u16 bdf;
	u64 base;		/* guest-physical, where the cell sees it */
	struct ivshmem_fn fn;
	/* Per vector: per_cpu id << 8 | vector, + 1; 0: not deliverable
	 * (ivshmem_vector_live() false, or the message refused). */
	u32 route[BH_SHMEM_MAX_VECTORS];
	char refused[96];	/* the last refusal told */
	u32 refusals_told;	/* in this run, at most REFUSALS_TOLD */
	/* What it may ring (bh_shmem_link::doorbell_rate), and what it
	 * rang beyond that in this run. */
	struct bh_budget rings;
	u64 dropped;
};

struct shmem_link {
	const struct bh_shmem_link *cfg;
	u8 *mem;		/* the hypervisor's view of its memory */
	volatile u32 *state;	/* its state table, by ID */
	struct shmem_end ends[BH_SHMEM_MAX_PEERS];	/* by ID */
	spinlock_t lock;	/* the ends' functions and routes */
};

static struct shmem_link links[BH_MAX_SHMEM_LINKS];
static u32 num_links;

/* How many refused MSI-X messages of a function its cell is told of in a
 * run (as for a device's, core/pci.c): a cell alternating between two
 * bad messages does not fill the console. */
#define REFUSALS_TOLD 8

/* A full budget of doorbells for @p e (each start of its cell). */
static void rings_init(const struct shmem_link *l, struct shmem_end *e)
{
	u32 rate = l->cfg->doorbell_rate ?: BH_SHMEM_DOORBELL_RATE_DEFAULT;

	bh_budget_init(&e->rings, rate, rate / 100 ?: 1, arch_now_us());
	e->dropped = 0;
}

int shmem_init(const struct bh_image_view *v)
{
	const struct bh_system *s = v->set.system;
	const struct bh_memory *pool = &s->shmem_memory;
	u8 *mem = pool->size ? platform_phys(pool->phys_start, pool->size) :
		  NULL;
	u32 i, k, c;

	if (pool->size && !mem) {
		printk("shared memory [0x%llx-0x%llx) is beyond the memory "
		       "the hypervisor reaches\n",
		       (unsigned long long)pool->phys_start,
		       (unsigned long long)(pool->phys_start + pool->size));
		return trace_error(-1);
	}
	if (mem)
		memset(mem, 0, pool->size);
	num_links = s->num_shmem_links;
	for (i = 0; i < num_links; i++) {
		struct shmem_link *l = &links[i];

		l->cfg = &bh_system_shmem_links(s)[i];
		l->mem = mem + (l->cfg->phys_start - pool->phys_start);
		l->state = (volatile u32 *)l->mem;
		for (k = 0; k < l->cfg->num_peers; k++) {
			const struct bh_shmem_peer *p = &l->cfg->peers[k];
			struct shmem_end *e = &l->ends[p->id];

			/* The checker found each peer's cell. */
			for (c = 0; c < v->set.num_cells; c++)
				if (!strncmp(v->set.cells[c].desc->name,
					     p->cell, BH_CELL_NAME_LEN))
					break;
			e->cell = c;
			e->bdf = p->bdf;
			e->base = p->virt_start ? p->virt_start :
				  l->cfg->phys_start;
			ivshmem_fn_init(&e->fn, l->cfg, p->id, e->base);
			rings_init(l, e);
		}
	}
	if (num_links)
		printk("Shared memory: %u link(s) in [0x%llx-0x%llx)\n",
		       num_links, (unsigned long long)pool->phys_start,
		       (unsigned long long)(pool->phys_start + pool->size));
	return 0;
}

/* The ends of @p c: for each link, the end whose cell it is, or NULL. */
static struct shmem_end *end_of(struct shmem_link *l, const struct cell *c)
{
	u32 k;

	for (k = 0; k < l->cfg->num_peers; k++)
		if (l->ends[k].cell == c->id)
			return &l->ends[k];
	return NULL;
}

int shmem_cell_init(struct cell *c)
{
	u32 i, k;

	for (i = 0; i < num_links; i++) {
		const struct bh_shmem_link *cfg = links[i].cfg;
		struct shmem_end *e = end_of(&links[i], c);
		u64 hpa = cfg->phys_start, gpa;
		int err;

		if (!e)
			continue;
		gpa = e->base;
		/* The state table is the hypervisor's to write. */
		err = arch_cell_map_shared(c, gpa, hpa, cfg->state_size, false);
		gpa += cfg->state_size;
		hpa += cfg->state_size;
		if (!err && cfg->rw_size)
			err = arch_cell_map_shared(c, gpa, hpa, cfg->rw_size,
						   true);
		gpa += cfg->rw_size;
		hpa += cfg->rw_size;
		for (k = 0; !err && cfg->output_size && k < cfg->num_peers;
		     k++) {
			err = arch_cell_map_shared(c, gpa, hpa,
						   cfg->output_size,
						   k == e->fn.id);
			gpa += cfg->output_size;
			hpa += cfg->output_size;
		}
		if (err) {
			printk("cell \"%s\": link \"%s\" cannot be mapped at "
			       "guest 0x%llx (memory or emulated registers "
			       "there, or no memory for page tables)\n",
			       cell_name(c), cfg->name,
			       (unsigned long long)e->base);
			return trace_error(-1);
		}
	}
	return 0;
}

/* ---- interrupts --------------------------------------------------------- */

/* Vector @p v of @p e's function decided again: its route, or none,
 * and a refusal told on the console (each reason once in a row, at most
 * REFUSALS_TOLD a run). Lock held. */
static void decide(struct shmem_link *l, struct shmem_end *e, u32 v)
{
	struct cell *c = cell_by_id(e->cell);
	const u32 *m = e->fn.msix[v];
	char why[96];
	u32 cpu;
	u8 vector;

	e->route[v] = 0;
	if (!ivshmem_vector_live(&e->fn, v))
		return;
	if (arch_cell_msi_cpu(c, (u64)m[1] << 32 | m[0], m[2], &cpu, &vector,
			      why, sizeof(why))) {
		if (strcmp(e->refused, why) &&
		    e->refusals_told < REFUSALS_TOLD) {
			bh_snprintf(e->refused, sizeof(e->refused), "%s",
				    why);
			e->refusals_told++;
			printk("Cell \"%s\": link \"%s\": MSI-X vector %u of "
			       "its function left masked: %s%s\n",
			       cell_name(c), l->cfg->name, v, why,
			       e->refusals_told == REFUSALS_TOLD ?
			       " (the last refusal told in this run)" : "");
		}
		return;
	}
	e->route[v] = (cpu << 8 | vector) + 1;
}

static void decide_all(struct shmem_link *l, struct shmem_end *e)
{
	u32 v;

	for (v = 0; v < e->fn.vectors; v++)
		decide(l, e, v);
}

/* Interrupt @p e with its vector @p v, if it can take it. Lock held. */
static void ring(struct shmem_link *l, struct shmem_end *e, u32 v)
{
	u32 r = e->route[v];

	if (!r || !cell_running(cell_by_id(e->cell)))
		return;
	arch_cpu_interrupt(per_cpu((r - 1) >> 8), (u8)(r - 1));
	if (e->fn.priv_ctrl & IVSHMEM_PRIV_ONESHOT) {
		ivshmem_delivered(&e->fn);
		decide_all(l, e);
	}
}

/* Peer @p id's state is @p value: written, and if it changed the others
 * told, unless @p quiet. Lock held. */
static void set_state(struct shmem_link *l, u32 id, u32 value, bool quiet)
{
	u32 k;

	if (l->state[id] == value)
		return;
	l->state[id] = value;
	for (k = 0; k < l->cfg->num_peers && !quiet; k++)
		if (k != id)
			ring(l, &l->ends[k], 0);
}

/* Whether @p e may interrupt its peers once more (its doorbell budget:
 * a peer that rings, or changes its state, faster than its link allows
 * loses the interrupts beyond, so that no target is flooded). */
static bool may_ring(struct shmem_link *l, struct shmem_end *e)
{
	if (bh_budget_take(&e->rings, arch_now_us(), 1))
		return true;
	if (!e->dropped++)
		printk("Cell \"%s\": link \"%s\": doorbells beyond %u a "
		       "second are dropped (the count when it stops)\n",
		       cell_name(cell_by_id(e->cell)), l->cfg->name,
		       e->rings.rate);
	return false;
}

/* What an access of @p e's cell asked for, done. Lock held. */
static void act(struct shmem_link *l, struct shmem_end *e,
		const struct ivshmem_action *a)
{
	switch (a->act) {
	case IVSHMEM_DOORBELL:
		if (may_ring(l, e))
			ring(l, &l->ends[a->target], a->vector);
		break;
	case IVSHMEM_STATE:
		/* The table always says the state; a change beyond the
		 * budget goes untold (the next one told shows it). */
		if (l->state[e->fn.id] != a->value)
			set_state(l, e->fn.id, a->value, !may_ring(l, e));
		break;
	case IVSHMEM_VECTORS:
		if (a->one)
			decide(l, e, a->vector);
		else
			decide_all(l, e);
		break;
	default:
		break;
	}
}

/* ---- the cell's accesses -------------------------------------------------- */

bool shmem_cfg_access(struct cell *c, u16 bdf, u16 reg, unsigned int size,
		      bool write, u32 *value)
{
	struct ivshmem_action a;
	u32 i;

	for (i = 0; i < num_links; i++) {
		struct shmem_link *l = &links[i];
		struct shmem_end *e = end_of(l, c);

		if (!e || e->bdf != bdf)
			continue;
		spin_lock(&l->lock);
		if (!cell_running(c)) {
			if (!write)
				*value = ~0U;
		} else if (!write) {
			*value = ivshmem_cfg_read(&e->fn, reg, size);
		} else {
			ivshmem_cfg_write(&e->fn, reg, size, *value, &a);
			act(l, e, &a);
		}
		spin_unlock(&l->lock);
		return true;
	}
	return false;
}

/* The BAR of @p e's function that decodes @p gpa (its start in *@p at),
 * or IVSHMEM_NUM_BARS. Lock held. */
static unsigned int bar_at(const struct shmem_end *e, u64 gpa, u64 *at)
{
	unsigned int b;

	for (b = 0; b < IVSHMEM_NUM_BARS; b++)
		if (ivshmem_bar_live(&e->fn, b, at) && gpa >= *at &&
		    gpa - *at < IVSHMEM_BAR_SIZE)
			break;
	return b;
}

bool shmem_bar_at(struct cell *c, u64 gpa)
{
	unsigned int b = IVSHMEM_NUM_BARS;
	u64 at;
	u32 i;

	for (i = 0; i < num_links && b == IVSHMEM_NUM_BARS; i++) {
		struct shmem_link *l = &links[i];
		struct shmem_end *e = end_of(l, c);

		if (!e)
			continue;
		spin_lock(&l->lock);
		b = bar_at(e, gpa, &at);
		spin_unlock(&l->lock);
	}
	return b < IVSHMEM_NUM_BARS;
}

int shmem_mmio(struct cell *c, struct mmio_access *a)
{
	struct ivshmem_action x = { .act = IVSHMEM_NONE };
	u32 i, b;
	u64 at;

	for (i = 0; i < num_links; i++) {
		struct shmem_link *l = &links[i];
		struct shmem_end *e = end_of(l, c);
		bool ok = true;

		if (!e)
			continue;
		spin_lock(&l->lock);
		b = bar_at(e, a->address, &at);
		if (b == IVSHMEM_NUM_BARS || !cell_running(c)) {
			spin_unlock(&l->lock);
			if (b == IVSHMEM_NUM_BARS)
				continue;
			if (!a->write)
				a->value = ~0ULL;
			return 0;
		}
		if (b == 0) {
			u32 v = (u32)a->value;

			ok = ivshmem_reg_access(&e->fn, (u32)(a->address - at),
						a->size, a->write, &v,
						l->state[e->fn.id], &x);
			if (!a->write)
				a->value = v;
		} else {
			ok = ivshmem_msix_access(&e->fn,
						 (u32)(a->address - at),
						 a->size, a->write, &a->value,
						 &x);
		}
		act(l, e, &x);
		spin_unlock(&l->lock);
		if (!ok && a->write)
			cell_absent_access(c, b ? "link function's MSI-X "
					   "table (not an aligned access of 4 "
					   "or 8 bytes) at" : "link function's "
					   "registers (not an aligned 32-bit "
					   "access) at", a->address, true);
		return 0;
	}
	return 1;
}

/* ---- the lifecycle ------------------------------------------------------ */

void shmem_cell_stopped(struct cell *c)
{
	u32 i, v;

	for (i = 0; i < num_links; i++) {
		struct shmem_link *l = &links[i];
		struct shmem_end *e = end_of(l, c);

		if (!e)
			continue;
		spin_lock(&l->lock);
		for (v = 0; v < BH_SHMEM_MAX_VECTORS; v++)
			e->route[v] = 0;
		set_state(l, e->fn.id, 0, false);
		if (e->dropped)
			printk("Cell \"%s\": link \"%s\": %llu doorbell(s) "
			       "dropped in this run\n", cell_name(c),
			       l->cfg->name, (unsigned long long)e->dropped);
		e->dropped = 0;
		spin_unlock(&l->lock);
	}
}

void shmem_cell_reset(struct cell *c)
{
	u32 i;

	for (i = 0; i < num_links; i++) {
		struct shmem_link *l = &links[i];
		struct shmem_end *e = end_of(l, c);

		if (!e)
			continue;
		spin_lock(&l->lock);
		ivshmem_fn_reset(&e->fn);
		memset(e->route, 0, sizeof(e->route));
		e->refused[0] = '\0';
		e->refusals_told = 0;
		rings_init(l, e);
		memset(l->mem + bh_shmem_output_offset(l->cfg, e->fn.id), 0,
		       l->cfg->output_size);
		set_state(l, e->fn.id, 0, false);
		spin_unlock(&l->lock);
	}
}
