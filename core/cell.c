/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Cell construction from the verified image: the comm region (Jailhouse
 * layout, revision 2), the cell's memory cleared and its blobs copied in,
 * and the arch state. Cell memory is reached through the hypervisor's
 * identity map of physical memory.
 */
#include "bh_string.h"
#include "cell.h"
#include "hv.h"
#include "pages.h"

static struct cell cells[BH_MAX_CELLS];
static u32 num_cells;
static struct cell *cpu_cell[BH_MAX_CPUS];
static const struct bh_system *system;

u32 cells_count(void)
{
	return num_cells;
}

const char *cell_name(const struct cell *c)
{
	return bh_cell_name(c->desc);
}

struct cell *cell_of_cpu(unsigned int cpu)
{
	return cpu < BH_MAX_CPUS ? cpu_cell[cpu] : NULL;
}

static void comm_init(struct cell *c)
{
	struct comm_region *cr = c->comm;
	u32 tsc_khz, apic_khz;

	memset(cr, 0, BH_PAGE_SIZE);
	memcpy(cr->signature, COMM_REGION_MAGIC, sizeof(cr->signature));
	cr->revision = COMM_REGION_ABI_REVISION;
	cr->cell_state = CELL_RUNNING;
	/* ACTIVE implies PERMITTED (Jailhouse's driver does the same). */
	if (c->desc->flags & (BH_CELL_VIRTUAL_CONSOLE_PERMITTED |
			      BH_CELL_VIRTUAL_CONSOLE_ACTIVE))
		cr->flags |= COMM_FLAG_DBG_PUTC_PERMITTED;
	if (c->desc->flags & BH_CELL_VIRTUAL_CONSOLE_ACTIVE)
		cr->flags |= COMM_FLAG_DBG_PUTC_ACTIVE;
	cr->console = c->desc->console;
	cr->pci_mmconfig_base = system->platform_info.pci_mmconfig_base;
	cr->pm_timer_address = system->platform_info.pm_timer_address;
	cr->num_cpus = (u16)c->num_cpus;
	/* The system config may fix the rates; 0 means measured at boot. */
	arch_timer_khz(&tsc_khz, &apic_khz);
	cr->tsc_khz = system->platform_info.tsc_khz ?: tsc_khz;
	cr->apic_khz = system->platform_info.apic_khz ?: apic_khz;
}

/* Clear the cell's RAM and copy its blobs in: a cell starts from exactly
 * what its image says, never from what the firmware left in memory. */
static void load_memory(struct cell *c, const struct bh_image_view *v)
{
	const struct bh_memory *m = bh_cell_mem_regions(c->desc);
	const struct bh_blob *b = bh_cell_blobs(c->desc);
	u32 i, r;

	for (r = 0; r < c->desc->num_memory_regions; r++)
		if (!(m[r].flags & (BH_MEM_IO | BH_MEM_COMM_REGION |
				    BH_MEM_SHARED)))
			memset((void *)m[r].phys_start, 0, m[r].size);
	for (i = 0; i < c->desc->num_blobs; i++) {
		u64 size = v->set.cells[c->id].blob_size[i];

		/* The checker proved the blob lies inside one RAM region. */
		for (r = 0; r < c->desc->num_memory_regions; r++) {
			u64 off = b[i].load_address - m[r].virt_start;

			if (m[r].flags & (BH_MEM_IO | BH_MEM_COMM_REGION) ||
			    b[i].load_address < m[r].virt_start ||
			    off >= m[r].size)
				continue;
			memcpy((void *)(m[r].phys_start + off),
			       v->blob[c->id][i], size);
			break;
		}
	}
}

int cells_init(const struct bh_image_view *v)
{
	u32 i, cpu;

	system = v->set.system;
	num_cells = v->set.num_cells;
	for (i = 0; i < num_cells; i++) {
		struct cell *c = &cells[i];

		c->id = i;
		c->desc = v->set.cells[i].desc;
		c->file = v->set.cells[i].file;
		c->num_cpus = 0;
		for (cpu = 0; cpu < BH_MAX_CPUS; cpu++)
			if (c->desc->cpus & (1ULL << cpu)) {
				cpu_cell[cpu] = c;
				c->num_cpus++;
			}
		c->comm = page_alloc();
		if (!c->comm) {
			printk("cell \"%s\": out of hypervisor memory\n",
			       cell_name(c));
			return trace_error(-1);
		}
		comm_init(c);
		c->state = CELL_RUNNING;
		console_budget_init(c);
		if (arch_cell_init(c))
			return trace_error(-1);
		load_memory(c, v);
		printk("Cell \"%s\" built: %u CPU(s), %u memory region(s), "
		       "%u blob(s) loaded\n", cell_name(c), c->num_cpus,
		       c->desc->num_memory_regions, c->desc->num_blobs);
	}
	return 0;
}

/* Whether (what, where, write) is new for @p c; remembers it if so and
 * there is room. */
static bool absent_first_seen(struct cell *c, const char *what, u64 where,
			      bool write)
{
	struct absent_seen *s = c->absent_seen;
	u32 i, n;

	spin_lock(&c->absent_lock);
	n = c->num_absent_seen;
	for (i = 0; i < n; i++)
		if (s[i].what == what && s[i].where == where &&
		    s[i].write == write)
			break;
	if (i == n && n < CELL_ABSENT_SEEN)
		s[c->num_absent_seen++] = (struct absent_seen){ what, where,
							       write };
	spin_unlock(&c->absent_lock);
	return i == n && n < CELL_ABSENT_SEEN;
}

void cell_absent_access(struct cell *c, const char *what, u64 where,
			bool write)
{
	u64 n = __atomic_add_fetch(&c->absent_accesses, 1, __ATOMIC_RELAXED);

	if (absent_first_seen(c, what, where, write))
		printk("Cell \"%s\": %s %s 0x%llx: not the cell's, %s\n",
		       cell_name(c), write ? "write to" : "read of", what,
		       (unsigned long long)where,
		       write ? "dropped" : "reads as all ones");
	if (n >= 64 && !(n & (n - 1)))
		printk("Cell \"%s\": %llu accesses to what is not the cell's "
		       "so far (reads all ones, writes dropped)\n",
		       cell_name(c), (unsigned long long)n);
}

void cell_cpu_failed(struct cell *c, unsigned int cpu, u64 rip,
		     const char *reason)
{
	/* The hypervisor's state first: from here on the cell's accesses
	 * to shared interrupt hardware are dropped (arch_cell_stop()). */
	__atomic_store_n(&c->state, CELL_FAILED, __ATOMIC_SEQ_CST);
	c->comm->cell_state = CELL_FAILED;
	printk("Cell \"%s\" FAILED on CPU %u: %s (guest RIP 0x%llx); CPU %u "
	       "parked, other cells keep running\n", cell_name(c), cpu, reason,
	       (unsigned long long)rip, cpu);
	arch_cell_stop(c, cpu);
}

void cell_cpu_parked(struct cell *c, unsigned int cpu, bool apic_quiet)
{
	u32 n = __atomic_add_fetch(&c->cpus_parked, 1, __ATOMIC_SEQ_CST);

	printk("CPU %u parked: %s\n", cpu, apic_quiet ?
	       "its APIC holds nothing of the cell (LVTs masked, timer "
	       "stopped, nothing pending or in service)" :
	       "its APIC STILL HOLDS state of the cell");
	if (n == c->num_cpus)
		printk("Cell \"%s\" stopped: all %u CPU(s) parked, its "
		       "interrupt sources %s\n", cell_name(c), n,
		       arch_cell_irqs_masked(c) ? "masked" : "NOT MASKED");
}
