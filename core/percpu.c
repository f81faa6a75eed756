/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The per-CPU records (see percpu.h).
 */
#include "percpu.h"

static struct per_cpu cpus[BH_MAX_CPUS];

void percpu_init(void)
{
	unsigned int id;

	for (id = 0; id < BH_MAX_CPUS; id++)
		cpus[id].id = id;
}

struct per_cpu *per_cpu(unsigned int id)
{
	return &cpus[id];
}

struct per_cpu *cell_cpu_next(const struct cell *c,
			      const struct per_cpu *prev)
{
	unsigned int id;

	for (id = prev ? prev->id + 1 : 0; id < BH_MAX_CPUS; id++)
		if (cpus[id].cell == c)
			return &cpus[id];
	return NULL;
}
