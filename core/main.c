/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The hypervisor's boot sequence on the boot CPU: console, own CPU tables,
 * the image verified once more, a summary, the platform, the cells checked
 * against what only this machine knows, the other CPUs, then the cells
 * (each built for good here, then filled and started by its own CPUs).
 */
#include "hv.h"
#include "pci.h"
#include "cell.h"
#include "image_reader.h"
#include "pages.h"
#include "percpu.h"

#define BH_HV_VERSION_STRING "0.1"
#define MAX_MACHINE_RANGES 48

/* A report whose context names what is checked. */
static void emit_console(void *ctx, const char *msg)
{
	printk("%s: %s\n", (const char *)ctx, msg);
}

static void print_region(u32 i, const struct bh_memory *m)
{
	if (m->flags & BH_MEM_COMM_REGION) {
		printk("    region %u: comm region at guest 0x%llx\n", i,
		       (unsigned long long)m->virt_start);
		return;
	}
	printk("    region %u: [0x%llx-0x%llx) -> guest 0x%llx %c%c%c%s%s%s\n",
	       i, (unsigned long long)m->phys_start,
	       (unsigned long long)(m->phys_start + m->size),
	       (unsigned long long)m->virt_start,
	       m->flags & BH_MEM_READ ? 'r' : '-',
	       m->flags & BH_MEM_WRITE ? 'w' : '-',
	       m->flags & BH_MEM_EXECUTE ? 'x' : '-',
	       m->flags & BH_MEM_DMA ? " dma" : "",
	       m->flags & BH_MEM_IO ? " io" : "",
	       m->flags & BH_MEM_SHARED ? " shared" : "");
}

static void print_cell(u32 n, const struct bh_cell_ref *c)
{
	const struct bh_cell_desc *d = c->desc;
	const struct bh_memory *m = bh_cell_mem_regions(d);
	char cpus[3 * BH_MAX_CPUS + 1];
	unsigned int len = 0, cpu;
	u32 i;

	cpus[0] = '\0';
	for (cpu = 0; cpu < BH_MAX_CPUS; cpu++)
		if (d->cpus & (1ULL << cpu))
			len += (unsigned int)bh_snprintf(cpus + len,
							 sizeof(cpus) - len,
							 " %u", cpu);
	printk("  cell %u \"%s\" (%s): CPUs%s, reset 0x%llx, "
	       "msg_reply_timeout %llu us%s\n", n, bh_cell_name(d), c->file,
	       cpus, (unsigned long long)d->cpu_reset_address,
	       (unsigned long long)d->msg_reply_timeout,
	       d->flags & BH_CELL_PASSIVE_COMMREG ? ", passive-commreg" : "");
	for (i = 0; i < d->num_memory_regions; i++)
		print_region(i, &m[i]);
	for (i = 0; i < d->num_blobs; i++)
		printk("    blob %u: %s, %llu bytes at guest 0x%llx\n", i,
		       bh_cell_blobs(d)[i].file,
		       (unsigned long long)c->blob_size[i],
		       (unsigned long long)bh_cell_blobs(d)[i].load_address);
}

static void print_summary(const struct bh_image_view *v)
{
	const struct bh_memory *hv = &v->set.system->hypervisor_memory;
	u32 i;

	printk("System image: %u cells, system config %s, machine of %u CPUs\n",
	       v->set.num_cells, v->set.system_file, v->set.system->num_cpus);
	printk("  hypervisor memory [0x%llx-0x%llx)\n",
	       (unsigned long long)hv->phys_start,
	       (unsigned long long)(hv->phys_start + hv->size));
	for (i = 0; i < v->set.num_cells; i++)
		print_cell(i, &v->set.cells[i]);
}

static void print_memmap(const struct bh_handoff *ho)
{
	const struct bh_memmap_entry *e = (const void *)ho->memmap_phys;
	u64 usable = 0, loader = 0;
	u32 i;

	for (i = 0; i < ho->memmap_entries; i++) {
		if (e[i].type == BH_MEMMAP_USABLE)
			usable += e[i].length;
		else if (e[i].type == BH_MEMMAP_LOADER)
			loader += e[i].length;
	}
	printk("Memory map from the loader: %u entries, %llu MiB usable, "
	       "%llu MiB claimed by the loader (cells, image, hand-off)\n",
	       ho->memmap_entries, (unsigned long long)(usable >> 20),
	       (unsigned long long)(loader >> 20));
}

/* The configs were checked when the image was built; only now is it
 * known where the loader put things and what the platform has. */
static void check_machine(const struct bh_handoff *ho,
			  const struct bh_config_set *set)
{
	struct bh_report report = { emit_console, "machine", 0 };
	struct bh_report note = { emit_console, "note", 0 };
	struct bh_machine_range r[MAX_MACHINE_RANGES];
	struct bh_platform_info found;
	u32 n = bh_handoff_ranges(ho, r);
	int wrong;

	arch_platform_found(&found);
	wrong = bh_config_check_platform(set, &found, &report, &note);
	n += arch_machine_ranges(r + n, MAX_MACHINE_RANGES - n);
	if (n > MAX_MACHINE_RANGES)
		panic_stop("the machine has %u ranges no cell may map, more "
			   "than the %u this build checks\n", n,
			   MAX_MACHINE_RANGES);
	wrong += bh_config_check_machine(set, r, n, &report);
	/* Its PCI functions as the firmware left them: there, the device
	 * the config names, their BARs clear of everything else. */
	if (!wrong)
		wrong = pci_probe(set, ho, r, n, &report);
	if (wrong)
		panic_stop("the system does not fit this machine\n");
}

static void check_handoff(const struct bh_handoff *ho)
{
	if (ho->magic != BH_HANDOFF_MAGIC || ho->version != BH_HANDOFF_VERSION)
		panic_stop("hand-off structure has magic 0x%llx version %u, "
			   "expected version %u\n",
			   (unsigned long long)ho->magic, ho->version,
			   BH_HANDOFF_VERSION);
}

/**
 * C entry of the boot CPU, called by arch entry code on the hypervisor's
 * boot stack with the loader's hand-off.
 */
void hv_main(const struct bh_handoff *ho);

void hv_main(const struct bh_handoff *ho)
{
	struct bh_report report = { emit_console, "image", 0 };
	static struct bh_image_view view;
	const struct bh_image_header *img;
	u64 used, total, image;
	int cpus;

	percpu_init();
	img = (const void *)ho->image_phys;
	/* COM1 until the image, which names the real console, is verified:
	 * a reason to stop must always be seen. */
	arch_console_init(NULL);
	check_handoff(ho);
	if (bh_image_open(&view, img, ho->image_size, &hv_header,
			  "system.img", &report))
		panic_stop("the system image failed verification\n");
	arch_console_init(&view.set.system->debug_console);
	printk("\nBulkhead hypervisor " BH_HV_VERSION_STRING
	       " (loader %u.%u), running at 0x%llx\n",
	       ho->loader_version >> 16, ho->loader_version & 0xffff,
	       (unsigned long long)ho->hv_phys);
	if (arch_setup(ho))
		panic_stop("CPU setup failed\n");
	print_memmap(ho);
	print_summary(&view);
	cpus = arch_platform_init(ho);
	if (cpus < 0)
		panic_stop("platform discovery failed\n");
	if ((u32)cpus != view.set.system->num_cpus)
		panic_stop("%s expects %u CPUs, the machine has %d\n",
			   view.set.system_file, view.set.system->num_cpus,
			   cpus);
	check_machine(ho, &view.set);
	if (arch_cpus_start(ho))
		panic_stop("bringing up the CPUs failed\n");
	hv_integrity_init();
	if (cells_init(&view))
		panic_stop("building the cells failed\n");
	control_init(view.set.system->manager);
	arch_cells_prepare();
	pages_usage(&used, &total);
	image = (u64)__hv_end - (u64)__hv_start;
	printk("Hypervisor memory: %llu KiB of %llu KiB in use (image %llu "
	       "KiB; page pool %llu of %llu pages: page tables, cells, CPUs)\n",
	       (unsigned long long)(image + used * BH_PAGE_SIZE) / 1024,
	       (unsigned long long)ho->hv_size / 1024,
	       (unsigned long long)image / 1024, (unsigned long long)used,
	       (unsigned long long)total);
	printk("Starting %u cells\n", view.set.num_cells);
	control_start_all();
	arch_cpu_run();
}
