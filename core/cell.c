/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Cell construction from the verified image: built once (comm page, arch
 * state), rebuilt at every start (digests, memory cleared and blobs copied
 * in, the comm region in Jailhouse's layout, revision 2). Cell memory is
 * reached through the hypervisor's identity map of physical memory.
 */
#include <bulkhead/sha256.h>

#include "bh_string.h"
#include "cell.h"
#include "hv.h"
#include "pages.h"
#include "shmem.h"

static struct cell cells[BH_MAX_CELLS];
static u32 num_cells;
static const struct bh_image_view *view;

/* The image's header and part table as the boot verified them, copied
 * into hypervisor memory: a restart checks a cell's parts against these,
 * not against the table in the image's own memory, which whatever could
 * change a part there (a stray write, a device's DMA) could change to
 * match. */
static struct bh_image_header kept_header;
static struct bh_image_part kept_parts[BH_IMAGE_MAX_PARTS];
static struct bh_image_view kept_view;

u32 cells_count(void)
{
	return num_cells;
}

struct cell *cell_by_id(u32 id)
{
	return id < num_cells ? &cells[id] : NULL;
}

const char *cell_name(const struct cell *c)
{
	return bh_cell_name(c->desc);
}

static void comm_init(struct cell *c)
{
	const struct bh_system *system = view->set.system;
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
	if (cell_manages(c))
		cr->flags |= COMM_FLAG_BH_MANAGER;
	cr->console = c->desc->console;
	/* A cell with no PCI device (its own or a link's) has no PCI
	 * configuration space to find: a guest that looks there would scan
	 * every bus through absent config ports. */
	cr->pci_mmconfig_base = bh_cell_sees_pci(system, c->desc) ?
				system->platform_info.pci_mmconfig_base : 0;
	cr->pm_timer_address = system->platform_info.pm_timer_address;
	cr->num_cpus = (u16)c->num_cpus;
	/* The system config may fix the rates; 0 means measured at boot. */
	arch_timer_khz(&tsc_khz, &apic_khz);
	cr->tsc_khz = system->platform_info.tsc_khz ?: tsc_khz;
	cr->apic_khz = system->platform_info.apic_khz ?: apic_khz;
}

/* Clear the cell's RAM and copy its blobs in: a cell starts from exactly
 * what its image says, never from what the firmware or its last run left
 * in memory. A load replaces what the image has for LOADABLE regions. */
static void load_memory(struct cell *c)
{
	const struct bh_memory *m = bh_cell_mem_regions(c->desc);
	const struct bh_blob *b = bh_cell_blobs(c->desc);
	u32 i, r;

	for (r = 0; r < c->desc->num_memory_regions; r++)
		if (bh_mem_is_ram(&m[r]) &&
		    !(c->loadable && (m[r].flags & BH_MEM_LOADABLE)))
			memset((void *)m[r].phys_start, 0, m[r].size);
	for (i = 0; i < c->desc->num_blobs; i++) {
		u64 size = view->set.cells[c->id].blob_size[i];

		/* The checker proved the blob lies inside one RAM region. */
		for (r = 0; r < c->desc->num_memory_regions; r++) {
			u64 off = b[i].load_address - m[r].virt_start;

			if (!bh_mem_is_ram(&m[r]) ||
			    b[i].load_address < m[r].virt_start ||
			    off >= m[r].size)
				continue;
			if (!(c->loadable && (m[r].flags & BH_MEM_LOADABLE)))
				memcpy((void *)(m[r].phys_start + off),
				       view->blob[c->id][i], size);
			break;
		}
	}
}

void cell_clear_loadable(struct cell *c)
{
	const struct bh_memory *m = bh_cell_mem_regions(c->desc);
	u32 r;

	for (r = 0; r < c->desc->num_memory_regions; r++)
		if (bh_mem_is_ram(&m[r]) && (m[r].flags & BH_MEM_LOADABLE))
			memset((void *)m[r].phys_start, 0, m[r].size);
}

/* Jailhouse's x86 test device (BH_CELL_TEST_DEVICE): bytes 0xff8-0xfff
 * of its page are the comm page's bytes there, any other access an MMIO
 * error. */
static int test_device(struct cell *c, void *ctx, struct mmio_access *a)
{
	u64 off = a->address & (BH_PAGE_SIZE - 1);
	u8 *bytes = (u8 *)c->comm + off;

	(void)ctx;
	if (off < 0xff8 || off + a->size > BH_PAGE_SIZE) {
		bh_snprintf(a->why, sizeof(a->why), "test device: %u-byte %s "
			    "at offset 0x%llx (only 0xff8-0xfff are there)",
			    a->size, a->write ? "write" : "read",
			    (unsigned long long)off);
		return -1;
	}
	if (a->write) {
		memcpy(bytes, &a->value, a->size);
	} else {
		a->value = 0;
		memcpy(&a->value, bytes, a->size);
	}
	return 0;
}

static int test_device_init(struct cell *c)
{
	const struct bh_memory *m = bh_cell_mem_regions(c->desc);
	u32 i;

	if (!(c->desc->flags & BH_CELL_TEST_DEVICE))
		return 0;
	for (i = 0; i < c->desc->num_memory_regions; i++)
		if (m[i].flags & BH_MEM_COMM_REGION)
			return mmio_region_register(c, m[i].virt_start +
						    BH_TEST_DEVICE_OFFSET,
						    BH_PAGE_SIZE, test_device,
						    NULL);
	return 0;
}

/* The hypervisor's code and read-only data as at boot. Its page tables
 * map them read-only; only a write that asks none (a device's DMA that
 * the IOMMU let through) could change them. */
static u8 hv_text_digest[SHA256_DIGEST_SIZE];

void hv_integrity_init(void)
{
	sha256(__text_start, (u64)__data_start - (u64)__text_start,
	       hv_text_digest);
}

static void hv_integrity_check(void)
{
	u8 now[SHA256_DIGEST_SIZE];

	sha256(__text_start, (u64)__data_start - (u64)__text_start, now);
	if (memcmp(now, hv_text_digest, sizeof(now)))
		panic_stop("the hypervisor's code or read-only data changed "
			   "since boot (SHA-256 of [0x%llx-0x%llx) differs): "
			   "the machine cannot be trusted\n",
			   (unsigned long long)virt_to_phys(__text_start),
			   (unsigned long long)virt_to_phys(__data_start));
}

/* A report whose context names the cell. */
static void emit_cell(void *ctx, const char *msg)
{
	printk("Cell \"%s\": %s\n", cell_name(ctx), msg);
}

int cell_rebuild(struct cell *c)
{
	struct bh_report report = { emit_cell, c, 0 };

	/* The boot checked every part a moment ago; a restart checks the
	 * cell's own parts again, as the hypervisor keeps them, and the
	 * hypervisor's code. */
	if (c->starts && bh_image_cell_check(view, c->id, &report))
		return trace_error(-1);
	if (c->starts)
		hv_integrity_check();
	load_memory(c);
#ifdef CONFIG_TEST_HOOKS
	/* make TEST_HOOKS=1 only: a cell named slow-... takes two seconds
	 * more to build, so that a test can act on it while it is built. */
	if (!strncmp(cell_name(c), "slow-", 5)) {
		u64 t0 = arch_now_us();

		printk("Cell \"%s\": test hook: building it takes two seconds "
		       "more\n", cell_name(c));
		while (arch_now_us() - t0 < 2000000)
			cpu_relax();
	}
#endif
	comm_init(c);
	c->absent_accesses = 0;
	c->dma_faults = 0;
	c->num_absent_seen = 0;
	arch_cell_reset(c);
	pci_cell_reset(c);
	shmem_cell_reset(c);
	c->loadable = false;	/* a load serves one start */
	c->starts++;
	if (!c->quiet)
		printk("Cell \"%s\" %s: %u CPU(s), %u memory region(s), %u "
		       "blob(s) loaded\n", cell_name(c),
		       c->starts == 1 ? "built" : "rebuilt", c->num_cpus,
		       c->desc->num_memory_regions, c->desc->num_blobs);
	return 0;
}

#ifdef CONFIG_TEST_HOOKS
int cell_test_tamper_image(struct cell *c, bool table)
{
	u8 *base = (u8 *)(unsigned long)view->base;
	/* The table in the image's memory, not the kept copy. */
	struct bh_image_part *in_image = (void *)(base + sizeof(kept_header));
	u32 i;

	for (i = 1; i < view->hdr->num_parts; i++)
		if (view->parts[i].cell == c->id &&
		    view->parts[i].type == BH_PART_BLOB &&
		    view->parts[i].size) {
			base[view->parts[i].offset] ^= 1;
			if (table)
				sha256(base + view->parts[i].offset,
				       view->parts[i].size,
				       in_image[i].digest);
			printk("Cell \"%s\": test hook: one byte of image part "
			       "%u flipped%s\n", cell_name(c), i, table ?
			       ", and its digest in the image's part table "
			       "made to match" : "");
			return 0;
		}
	return -1;
}
#endif

int cells_init(const struct bh_image_view *v)
{
	u32 i, cpu;

	kept_header = *v->hdr;
	memcpy(kept_parts, v->parts, v->hdr->num_parts * sizeof(*kept_parts));
	kept_view = *v;
	kept_view.hdr = &kept_header;
	kept_view.parts = kept_parts;
	view = &kept_view;
	num_cells = v->set.num_cells;
	if (shmem_init(v))
		return trace_error(-1);
	for (i = 0; i < num_cells; i++) {
		struct cell *c = &cells[i];

		c->id = i;
		c->desc = v->set.cells[i].desc;
		c->file = v->set.cells[i].file;
		c->num_cpus = 0;
		if (v->set.system->platform_info.pm_timer_address >= 8)
			c->pm1_cnt_port = BH_CELL_PM1_CNT(
				v->set.system->platform_info.pm_timer_address);
		for (cpu = BH_MAX_CPUS; cpu-- > 0;)
			if (c->desc->cpus & (1ULL << cpu)) {
				per_cpu(cpu)->cell = c;
				c->num_cpus++;
				c->first_cpu = cpu;
			}
		/* For the whole boot: a cell's restarts do not refill it. */
		console_budget_init(c);
		c->comm = page_alloc();
		if (!c->comm) {
			printk("cell \"%s\": out of hypervisor memory\n",
			       cell_name(c));
			return trace_error(-1);
		}
		if (arch_cell_init(c) || shmem_cell_init(c) ||
		    pci_cell_init(c) || test_device_init(c))
			return trace_error(-1);
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

u32 system_flags(void)
{
	return view->set.system->flags;
}

void cell_absent_access(struct cell *c, const char *what, u64 where,
			bool write)
{
	u64 n = __atomic_add_fetch(&c->absent_accesses, 1, __ATOMIC_RELAXED);

	if (system_flags() & BH_SYS_QUIET_ABSENT) {
		if (n == 1)
			printk("Cell \"%s\": %s %s 0x%llx: not the cell's; "
			       "such accesses are counted, not listed "
			       "(BH_SYS_QUIET_ABSENT)\n", cell_name(c),
			       write ? "write to" : "read of", what,
			       (unsigned long long)where);
	} else if (absent_first_seen(c, what, where, write)) {
		printk("Cell \"%s\": %s %s 0x%llx: not the cell's, %s\n",
		       cell_name(c), write ? "write to" : "read of", what,
		       (unsigned long long)where,
		       write ? "dropped" : "reads as all ones");
	}
	if (n >= 64 && !(n & (n - 1)))
		printk("Cell \"%s\": %llu accesses to what is not the cell's "
		       "so far (reads all ones, writes dropped)\n",
		       cell_name(c), (unsigned long long)n);
}
