/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The configuration rules. Messages name the source file, the cell and the
 * region, e.g.
 * `cells/rt.c: cell "rt": memory region 2 [0x...-0x...) overlaps cell
 * "linux" region 0 [0x...-0x...)`.
 */
#include <bulkhead/handoff.h>
#include "config_check.h"
#include "bh_string.h"

#define HV_ALIGN	0x200000ULL	/* loader maps the hypervisor with 2 MiB pages */
#define PORT_SPACE	0x10000U
#define IOAPIC_PINS	120
#define LAPIC_MSI_BASE	0xfee00000ULL	/* local APIC and MSI address window */
#define LAPIC_MSI_SIZE	0x100000ULL
#define ECAM_BUS_SIZE	0x100000ULL	/* MMCONFIG: 1 MiB per bus */
#define BH_PHYS_LIMIT	(1ULL << 52)	/* x86-64's architectural maximum */
#define MAX_FIXED	24		/* ranges fixed_ranges() adds at most */
#define RESET_CONTROL	BH_CELL_RESET_PORT	/* reset control register */
#define PORT_92		0x92		/* System Control Port A: fast reset */
#define KBC_COMMAND	0x64		/* keyboard controller: pulses reset */

struct range {
	u64 start;
	u64 end;	/* exclusive */
};

static bool overlaps(struct range a, struct range b)
{
	return a.start < b.end && b.start < a.end;
}

const char *bh_cell_name(const struct bh_cell_desc *desc)
{
	if (strnlen(desc->name, BH_CELL_NAME_LEN) == BH_CELL_NAME_LEN)
		return "(unterminated name)";
	return desc->name;
}

/* [start, start + size); a range that wraps around is reported elsewhere
 * and clamped here so that overlap tests stay meaningful. */
static struct range sized_range(u64 start, u64 size)
{
	struct range rg = { start, start + size };

	if (rg.end < rg.start)
		rg.end = ~0ULL;
	return rg;
}

static struct range phys_range(const struct bh_memory *m)
{
	return sized_range(m->phys_start, m->size);
}

static struct range virt_range(const struct bh_memory *m)
{
	return sized_range(m->virt_start, m->size);
}

/* A region with host-physical addresses: not empty, not the comm region
 * (the hypervisor backs that, its phys_start is ignored). */
static bool has_phys(const struct bh_memory *m)
{
	return m->size && !(m->flags & BH_MEM_COMM_REGION);
}

static struct range pio_range(const struct bh_pio *p)
{
	return (struct range){ p->base, (u64)p->base + p->length };
}

/* A port range that is neither empty nor beyond the port space (those
 * are reported as such, and not compared with anything). */
static bool pio_valid(const struct bh_pio *p)
{
	return p->length && pio_range(p).end <= PORT_SPACE;
}

/* The I/O ports of an 8250 console reached through ports; an empty range
 * if it is not one or does not fit the port space. */
static struct range console_ports(const struct bh_console *con)
{
	u64 size = con->size ? con->size : 8;
	struct range none = { 0, 0 };

	if (con->type != BH_CON_TYPE_8250 || con->flags & BH_CON_ACCESS_MMIO ||
	    con->address >= PORT_SPACE || size > PORT_SPACE - con->address)
		return none;
	return (struct range){ con->address, con->address + size };
}

/* "dddd:bb:dd.f" of a PCI device, written into @p buf. */
static const char *pci_name(char *buf, size_t size,
			    const struct bh_pci_device *p)
{
	bh_snprintf(buf, size, "%04x:%02x:%02x.%x", p->domain, p->bdf >> 8,
		    (p->bdf >> 3) & 0x1f, p->bdf & 7);
	return buf;
}

/* Appended to the message about a range a cell may own only with the
 * machine-control flag. */
static const char policy_note[] = " (it can reset or power off the "
				  "machine: only a cell with "
				  "BH_CELL_MACHINE_CONTROL may own it)";

/* The PCI configuration mechanism's ports. Port 0xcf9 among them is the
 * reset control register: a range of that port alone is left to the
 * reset-port rule (policy), any other overlap is refused to every cell. */
static const struct bh_machine_range pci_config = {
	BH_RANGE_PORTS, false, 0xcf8, 0xd00, "the PCI configuration ports"
};

static bool covers_pci_config(struct range pr)
{
	struct range cfg = { pci_config.start, pci_config.end };

	return overlaps(pr, cfg) &&
	       !(pr.start == RESET_CONTROL && pr.end == RESET_CONTROL + 1);
}

static void add_range(struct bh_machine_range *out, u32 *n,
		      enum bh_range_kind kind, struct range rg,
		      const char *what, bool policy)
{
	out[(*n)++] = (struct bh_machine_range){ kind, policy, rg.start,
						 rg.end, what };
}

static void add_port(struct bh_machine_range *out, u32 *n, u16 port,
		     const char *what)
{
	add_range(out, n, BH_RANGE_PORTS, sized_range(port, 1), what, true);
}

/* The firmware's power-management port blocks of bh_firmware_ports, in
 * its order, with what the messages call them. */
#define FIRMWARE_BLOCK(field, what) \
	{ offsetof(struct bh_firmware_ports, field), #field, what }
static const struct {
	size_t offset;
	const char *field;
	const char *what;
} firmware_blocks[] = {
	FIRMWARE_BLOCK(smi_command, "the SMI command port"),
	FIRMWARE_BLOCK(pm1a_event, "the ACPI PM1a event block"),
	FIRMWARE_BLOCK(pm1b_event, "the ACPI PM1b event block"),
	FIRMWARE_BLOCK(pm1a_control, "the ACPI PM1a control block"),
	FIRMWARE_BLOCK(pm1b_control, "the ACPI PM1b control block"),
	FIRMWARE_BLOCK(pm2_control, "the ACPI PM2 control block"),
	FIRMWARE_BLOCK(gpe0, "the ACPI GPE0 block"),
	FIRMWARE_BLOCK(gpe1, "the ACPI GPE1 block"),
};
#undef FIRMWARE_BLOCK

static const struct bh_port_block *
firmware_block(const struct bh_firmware_ports *f, u32 i)
{
	return (const void *)((const u8 *)f + firmware_blocks[i].offset);
}

/* The ranges the system config and the PC architecture keep from every
 * cell: at most MAX_FIXED. */
static u32 fixed_ranges(const struct bh_system *s,
			struct bh_machine_range *out)
{
	const struct bh_platform_info *pi = &s->platform_info;
	u32 i, n = 0;

	add_range(out, &n, BH_RANGE_MEMORY, phys_range(&s->hypervisor_memory),
		  "the hypervisor memory", false);
	add_range(out, &n, BH_RANGE_MEMORY,
		  sized_range(LAPIC_MSI_BASE, LAPIC_MSI_SIZE),
		  "the local APIC and MSI window", false);
	if (pi->pci_mmconfig_base)
		add_range(out, &n, BH_RANGE_MEMORY,
			  sized_range(pi->pci_mmconfig_base,
				      ((u64)pi->pci_mmconfig_end_bus + 1) *
				      ECAM_BUS_SIZE),
			  "the PCI MMCONFIG window", false);
	add_range(out, &n, BH_RANGE_PORTS, console_ports(&s->debug_console),
		  "the hypervisor's debug console", false);
	add_port(out, &n, RESET_CONTROL, "the reset control register");
	add_port(out, &n, PORT_92, "System Control Port A");
	add_port(out, &n, KBC_COMMAND, "the keyboard controller's command port");
	/* The PC's legacy interrupt controllers are the hypervisor's (no
	 * cell has the 8259s, and the ELCR sets their pins' triggers); its
	 * ISA DMA controllers can write any memory, and no IOMMU stops
	 * them. Port 0x80 between them is the POST code port, left. */
	add_range(out, &n, BH_RANGE_PORTS, sized_range(0x00, 0x10),
		  "the ISA DMA controller (8237, channels 0-3)", false);
	add_range(out, &n, BH_RANGE_PORTS, sized_range(0x20, 2),
		  "the master 8259 PIC", false);
	add_range(out, &n, BH_RANGE_PORTS, sized_range(0x81, 0x0f),
		  "the ISA DMA page registers", false);
	add_range(out, &n, BH_RANGE_PORTS, sized_range(0xa0, 2),
		  "the slave 8259 PIC", false);
	add_range(out, &n, BH_RANGE_PORTS, sized_range(0xc0, 0x20),
		  "the ISA DMA controller (8237, channels 4-7)", false);
	add_range(out, &n, BH_RANGE_PORTS, sized_range(0x4d0, 2),
		  "the 8259 edge/level control registers (ELCR)", false);
	/* What the system config states of the firmware's tables; the boot
	 * checks it against them (bh_config_check_platform()). The HPET's
	 * interrupts (legacy routes, FSB messages) reach any CPU. */
	if (pi->hpet_address)
		add_range(out, &n, BH_RANGE_MEMORY,
			  sized_range(pi->hpet_address & ~(BH_PAGE_SIZE - 1),
				      BH_PAGE_SIZE), "the HPET", false);
	for (i = 0; i < BH_ARRAY_SIZE(firmware_blocks); i++) {
		const struct bh_port_block *b = firmware_block(&pi->firmware, i);

		if (b->length)
			add_range(out, &n, BH_RANGE_PORTS,
				  sized_range(b->base, b->length),
				  firmware_blocks[i].what, true);
	}
	return n;
}

static void report_overlap(const struct bh_cell_ref *c, const char *item,
			   u32 i, struct range rg,
			   const struct bh_machine_range *x, const char *note,
			   struct bh_report *r)
{
	bh_error(r, "%s: cell \"%s\": %s %u [0x%llx-0x%llx) overlaps %s "
		 "[0x%llx-0x%llx)%s", c->file, bh_cell_name(c->desc), item, i,
		 (unsigned long long)rg.start, (unsigned long long)rg.end,
		 x->what, (unsigned long long)x->start,
		 (unsigned long long)x->end, note);
}

/* Report every memory region and port range of @p c that overlaps one of
 * the @p n ranges @p x and may not: policy ranges yield to the cell's
 * BH_CELL_MACHINE_CONTROL, the others to nothing. */
static void check_ranges(const struct bh_cell_ref *c,
			 const struct bh_machine_range *x, u32 n,
			 struct bh_report *r)
{
	const struct bh_cell_desc *d = c->desc;
	const struct bh_memory *m = bh_cell_mem_regions(d);
	const struct bh_pio *p = bh_cell_pio(d);
	u32 i, k;

	for (k = 0; k < n; k++) {
		struct range xr = { x[k].start, x[k].end };
		const char *note = x[k].policy ? policy_note : "";

		if (xr.start >= xr.end ||
		    (x[k].policy && d->flags & BH_CELL_MACHINE_CONTROL))
			continue;
		for (i = 0; x[k].kind == BH_RANGE_MEMORY &&
		     i < d->num_memory_regions; i++)
			if (has_phys(&m[i]) && overlaps(phys_range(&m[i]), xr))
				report_overlap(c, "memory region", i,
					       phys_range(&m[i]), &x[k], note,
					       r);
		for (i = 0; x[k].kind == BH_RANGE_PORTS &&
		     i < d->num_pio_regions; i++)
			if (pio_valid(&p[i]) && overlaps(pio_range(&p[i]), xr))
				report_overlap(c, "I/O port range", i,
					       pio_range(&p[i]), &x[k], note,
					       r);
	}
}

static u64 ioapic_page(const struct bh_irqchip *ic)
{
	return ic->address & ~(BH_PAGE_SIZE - 1);
}

/* Does an irqchip before irqchip @p k of cell @p j (in that cell or an
 * earlier one) name an IOAPIC on @p page? */
static bool ioapic_page_seen(const struct bh_config_set *set, const bool *ok,
			     u32 j, u32 k, u64 page)
{
	u32 a, b;

	for (a = 0; a <= j; a++) {
		const struct bh_cell_desc *d = set->cells[a].desc;
		u32 end;

		if (!ok[a])
			continue;	/* not even its counts can be read */
		end = a == j ? k : d->num_irqchips;
		for (b = 0; b < end; b++)
			if (ioapic_page(&bh_cell_irqchips(d)[b]) == page)
				return true;
	}
	return false;
}

/* No region of @p c may map the page of an IOAPIC any cell names: the
 * hypervisor emulates those pages. Each page is reported once. */
static void check_ioapic_pages(const struct bh_config_set *set,
			       const bool *ok, const struct bh_cell_ref *c,
			       struct bh_report *r)
{
	const struct bh_memory *m = bh_cell_mem_regions(c->desc);
	struct bh_machine_range page = { BH_RANGE_MEMORY, false, 0, 0,
					 "the IOAPIC page" };
	char note[40 + BH_CELL_NAME_LEN];
	u32 i, j, k;

	for (i = 0; i < c->desc->num_memory_regions; i++) {
		for (j = 0; has_phys(&m[i]) && j < set->num_cells; j++) {
			const struct bh_cell_desc *d = set->cells[j].desc;
			const struct bh_irqchip *ic;

			/* A broken cell's counts cannot be trusted, nor read. */
			if (!ok[j])
				continue;
			ic = bh_cell_irqchips(d);
			for (k = 0; k < d->num_irqchips; k++) {
				struct range pr = sized_range(ioapic_page(&ic[k]),
							      BH_PAGE_SIZE);

				if (!overlaps(phys_range(&m[i]), pr) ||
				    ioapic_page_seen(set, ok, j, k, pr.start))
					continue;
				page.start = pr.start;
				page.end = pr.end;
				bh_snprintf(note, sizeof(note), " that cell "
					    "\"%s\" names in irqchip %u",
					    bh_cell_name(d), k);
				report_overlap(c, "memory region", i,
					       phys_range(&m[i]), &page, note,
					       r);
			}
		}
	}
}

/* What platform_info states of the firmware: blocks within the port
 * space (the SMI command port one port), an HPET below x86-64's limit. */
static void check_platform(const struct bh_system *s, const char *f,
			   struct bh_report *r)
{
	const struct bh_platform_info *pi = &s->platform_info;
	u32 i;

	if (pi->reserved)
		bh_error(r, "%s: platform_info.reserved is 0x%x, must be 0", f,
			 pi->reserved);
	if (pi->hpet_address >= BH_PHYS_LIMIT ||
	    pi->hpet_address % BH_PAGE_SIZE)
		bh_error(r, "%s: platform_info.hpet_address 0x%llx is %s", f,
			 (unsigned long long)pi->hpet_address,
			 pi->hpet_address % BH_PAGE_SIZE ? "not page-aligned "
			 "(state the HPET's page)" : "beyond x86-64's 52-bit "
			 "physical address space");
	for (i = 0; i < BH_ARRAY_SIZE(firmware_blocks); i++) {
		const struct bh_port_block *b = firmware_block(&pi->firmware, i);
		const char *field = firmware_blocks[i].field;

		if (!b->length && b->base)
			bh_error(r, "%s: platform_info.firmware.%s has base "
				 "0x%x and length 0 (length 0 states nothing: "
				 "give its length, or base 0 too)", f, field,
				 b->base);
		else if (b->length && (!b->base ||
				       (u32)b->base + b->length > PORT_SPACE))
			bh_error(r, "%s: platform_info.firmware.%s [0x%x-0x%x) "
				 "is not within I/O ports 0x1..0xffff", f,
				 field, b->base, (u32)b->base + b->length);
		else if (b->length > 1 && b == &pi->firmware.smi_command)
			bh_error(r, "%s: platform_info.firmware.smi_command is "
				 "%u ports; the SMI command port is one", f,
				 b->length);
	}
}

/* Where the links' memory is placed: whole pages, host RAM only. */
static void check_shmem_memory(const struct bh_system *s, const char *f,
			       struct bh_report *r)
{
	const struct bh_memory *m = &s->shmem_memory;
	struct range rg = phys_range(m);

	if (!m->size) {
		if (m->phys_start || m->virt_start || m->flags)
			bh_error(r, "%s: shmem_memory has size 0 but other "
				 "fields set: give its size, or leave it all "
				 "0", f);
		if (s->num_shmem_links)
			bh_error(r, "%s: %u shared-memory links but no "
				 "shmem_memory to place them in", f,
				 s->num_shmem_links);
		return;
	}
	if (m->phys_start % BH_PAGE_SIZE || m->size % BH_PAGE_SIZE ||
	    rg.end < m->phys_start + m->size || rg.end > BH_PHYS_LIMIT)
		bh_error(r, "%s: shmem_memory [0x%llx-0x%llx) must be whole "
			 "pages within x86-64's 52-bit physical address "
			 "space", f, (unsigned long long)m->phys_start,
			 (unsigned long long)(m->phys_start + m->size));
	if (m->virt_start || m->flags)
		bh_error(r, "%s: shmem_memory: virt_start and flags must be 0 "
			 "(each link's peers say where they see it)", f);
}

/* Report every system rule; false if the cells cannot be checked against
 * this system (wrong layout or CPU count). */
static bool check_system(const struct bh_config_set *set, struct bh_report *r)
{
	const struct bh_system *s = set->system;
	const char *f = set->system_file;
	const struct bh_memory *hv;
	bool usable = true;

	if (set->system_size < sizeof(*s)) {
		bh_error(r, "%s: system config is %llu bytes, expected at "
			 "least %zu", f, (unsigned long long)set->system_size,
			 sizeof(*s));
		return false;
	}
	if (memcmp(s->signature, BH_SYSTEM_SIGNATURE, BH_SIGNATURE_LEN)) {
		bh_error(r, "%s: not a system config (bad signature)", f);
		return false;
	}
	if (s->revision != BH_CONFIG_REVISION) {
		bh_error(r, "%s: config revision %u, expected %u", f,
			 s->revision, BH_CONFIG_REVISION);
		return false;
	}
	if (s->num_shmem_links > BH_MAX_SHMEM_LINKS) {
		bh_error(r, "%s: %u shared-memory links, at most %u", f,
			 s->num_shmem_links, BH_MAX_SHMEM_LINKS);
		return false;
	}
	if (set->system_size != bh_system_config_size(s)) {
		bh_error(r, "%s: system config is %llu bytes, expected %llu "
			 "with its %u shared-memory links", f,
			 (unsigned long long)set->system_size,
			 (unsigned long long)bh_system_config_size(s),
			 s->num_shmem_links);
		return false;
	}
	if (s->reserved)
		bh_error(r, "%s: reserved field is 0x%x, must be 0", f,
			 s->reserved);
	if (s->flags & ~BH_SYS_KNOWN_FLAGS)
		bh_error(r, "%s: unknown system flags 0x%x", f,
			 s->flags & ~BH_SYS_KNOWN_FLAGS);
	if (s->num_cpus == 0 || s->num_cpus > BH_MAX_CPUS) {
		bh_error(r, "%s: num_cpus %u is not in 1..%u", f, s->num_cpus,
			 BH_MAX_CPUS);
		usable = false;
	}
	hv = &s->hypervisor_memory;
	if (hv->size == 0 || hv->phys_start % HV_ALIGN || hv->size % HV_ALIGN ||
	    hv->phys_start + hv->size < hv->phys_start)
		bh_error(r, "%s: hypervisor memory [0x%llx-0x%llx) must be "
			 "non-empty and 2 MiB-aligned", f,
			 (unsigned long long)hv->phys_start,
			 (unsigned long long)(hv->phys_start + hv->size));
	if (s->debug_console.type != BH_CON_TYPE_NONE &&
	    s->debug_console.type != BH_CON_TYPE_8250)
		bh_error(r, "%s: debug console type %u is not supported", f,
			 s->debug_console.type);
	else if (s->debug_console.type == BH_CON_TYPE_8250 &&
		 !console_ports(&s->debug_console).end)
		bh_error(r, "%s: the 8250 debug console must use I/O ports "
			 "(BH_CON_ACCESS_PIO) within 0..0xffff, not 0x%llx%s",
			 f, (unsigned long long)s->debug_console.address,
			 s->debug_console.flags & BH_CON_ACCESS_MMIO ?
			 " (MMIO)" : "");
	check_platform(s, f, r);
	check_shmem_memory(s, f, r);
	return usable;
}

static bool linux_structure_ok(const struct bh_cell_ref *c,
			       struct bh_report *r)
{
	const struct bh_linux *l = bh_cell_linux(c->desc);
	const char *n = bh_cell_name(c->desc);

	if (!c->desc->num_linux)
		return true;
	if (strnlen(l->kernel, BH_BLOB_FILE_LEN) == BH_BLOB_FILE_LEN ||
	    strnlen(l->initrd, BH_BLOB_FILE_LEN) == BH_BLOB_FILE_LEN ||
	    strnlen(l->cmdline, BH_LINUX_CMDLINE_LEN) == BH_LINUX_CMDLINE_LEN) {
		bh_error(r, "%s: cell \"%s\": Linux kernel, initrd or command "
			 "line is not terminated", c->file, n);
		return false;
	}
	if (!l->kernel[0] || l->flags || l->reserved) {
		bh_error(r, "%s: cell \"%s\": Linux section %s", c->file, n,
			 l->kernel[0] ? "has unknown flags" : "names no kernel");
		return false;
	}
	return true;
}

bool bh_cell_structure_ok(const struct bh_cell_ref *c, struct bh_report *r)
{
	const struct bh_cell_desc *d = c->desc;
	const struct bh_blob *b;
	u32 i;

	if (c->size < sizeof(*d)) {
		bh_error(r, "%s: cell config is %llu bytes, shorter than a "
			 "cell descriptor (%zu)", c->file,
			 (unsigned long long)c->size, sizeof(*d));
		return false;
	}
	if (memcmp(d->signature, BH_CELL_SIGNATURE, BH_SIGNATURE_LEN)) {
		bh_error(r, "%s: not a cell config (bad signature)", c->file);
		return false;
	}
	if (d->revision != BH_CONFIG_REVISION) {
		bh_error(r, "%s: config revision %u, expected %u", c->file,
			 d->revision, BH_CONFIG_REVISION);
		return false;
	}
	if (bh_cell_config_size(d) != c->size) {
		bh_error(r, "%s: cell config is %llu bytes, its counts say "
			 "%llu", c->file, (unsigned long long)c->size,
			 (unsigned long long)bh_cell_config_size(d));
		return false;
	}
	if (d->num_blobs > BH_MAX_BLOBS) {
		bh_error(r, "%s: cell \"%s\": %u blobs, at most %u", c->file,
			 bh_cell_name(d), d->num_blobs, BH_MAX_BLOBS);
		return false;
	}
	if (d->num_linux > 1) {
		bh_error(r, "%s: cell \"%s\": %u Linux sections, at most 1",
			 c->file, bh_cell_name(d), d->num_linux);
		return false;
	}
	if (d->num_cmdline > 1) {
		bh_error(r, "%s: cell \"%s\": %u command lines, at most 1",
			 c->file, bh_cell_name(d), d->num_cmdline);
		return false;
	}
	if (d->num_cmdline &&
	    strnlen(bh_cell_cmdline(d)->text, BH_CMDLINE_LEN) ==
	    BH_CMDLINE_LEN) {
		bh_error(r, "%s: cell \"%s\": command line is not "
			 "terminated", c->file, bh_cell_name(d));
		return false;
	}
	if (strnlen(d->name, BH_CELL_NAME_LEN) == BH_CELL_NAME_LEN) {
		bh_error(r, "%s: cell name is not terminated (at most %u "
			 "characters)", c->file, BH_CELL_NAME_LEN - 1);
		return false;
	}
	b = bh_cell_blobs(d);
	for (i = 0; i < d->num_blobs; i++)
		if (strnlen(b[i].file, BH_BLOB_FILE_LEN) == BH_BLOB_FILE_LEN) {
			bh_error(r, "%s: cell \"%s\": blob %u file name is "
				 "not terminated", c->file, bh_cell_name(d), i);
			return false;
		}
	return linux_structure_ok(c, r);
}

static void check_region(const struct bh_cell_ref *c, u32 i,
			 struct bh_report *r)
{
	const struct bh_memory *m = &bh_cell_mem_regions(c->desc)[i];
	const char *n = bh_cell_name(c->desc);
	struct range rg = phys_range(m);
	u64 align_bits = m->virt_start | m->size;

	if (m->flags & ~(u64)BH_MEM_KNOWN_FLAGS)
		bh_error(r, "%s: cell \"%s\": memory region %u has unknown "
			 "flags 0x%llx", c->file, n, i,
			 (unsigned long long)(m->flags & ~(u64)BH_MEM_KNOWN_FLAGS));
	if (m->size == 0) {
		bh_error(r, "%s: cell \"%s\": memory region %u is empty",
			 c->file, n, i);
		return;
	}
	/* A comm region's phys_start is ignored: the hypervisor backs it. */
	if (!(m->flags & BH_MEM_COMM_REGION))
		align_bits |= m->phys_start;
	if (align_bits % BH_PAGE_SIZE)
		bh_error(r, "%s: cell \"%s\": memory region %u [0x%llx-0x%llx) "
			 "is not page-aligned (guest 0x%llx)", c->file, n, i,
			 (unsigned long long)rg.start,
			 (unsigned long long)rg.end,
			 (unsigned long long)m->virt_start);
	if (m->phys_start + m->size < m->phys_start ||
	    m->virt_start + m->size < m->virt_start)
		bh_error(r, "%s: cell \"%s\": memory region %u wraps around "
			 "the address space", c->file, n, i);
	else if (!(m->flags & BH_MEM_COMM_REGION) &&
		 m->phys_start + m->size > BH_PHYS_LIMIT)
		bh_error(r, "%s: cell \"%s\": memory region %u [0x%llx-0x%llx) "
			 "is beyond x86-64's 52-bit physical address space "
			 "(the machine's own limit is checked at boot)",
			 c->file, n, i, (unsigned long long)rg.start,
			 (unsigned long long)rg.end);
	/* The cell's devices reach a DMA region by its guest addresses,
	 * through the IOMMU: RAM the cell reads (shared or not), clear of
	 * the window where devices' writes are interrupts. */
	if (m->flags & BH_MEM_DMA) {
		if (m->flags & (BH_MEM_COMM_REGION | BH_MEM_IO) ||
		    !(m->flags & BH_MEM_READ))
			bh_error(r, "%s: cell \"%s\": memory region %u "
				 "[0x%llx-0x%llx) has BH_MEM_DMA but is not RAM "
				 "the cell reads (%s)", c->file, n, i,
				 (unsigned long long)rg.start,
				 (unsigned long long)rg.end,
				 m->flags & BH_MEM_COMM_REGION ?
				 "a comm region" : m->flags & BH_MEM_IO ?
				 "device memory" : "no BH_MEM_READ");
		else if (m->virt_start < BH_MSI_WINDOW_END &&
			 m->virt_start + m->size > BH_MSI_WINDOW_START)
			bh_error(r, "%s: cell \"%s\": memory region %u has "
				 "BH_MEM_DMA at guest [0x%llx-0x%llx), over the "
				 "interrupt window [0x%x-0x%x) where devices' "
				 "writes are interrupts, not memory", c->file,
				 n, i, (unsigned long long)m->virt_start,
				 (unsigned long long)(m->virt_start + m->size),
				 BH_MSI_WINDOW_START, BH_MSI_WINDOW_END);
	}
	/* A load replaces RAM the cell owns alone, and nothing else. */
	if (m->flags & BH_MEM_LOADABLE && !bh_mem_is_ram(m))
		bh_error(r, "%s: cell \"%s\": memory region %u [0x%llx-0x%llx) "
			 "is LOADABLE but not plain RAM (it is %s)", c->file,
			 n, i, (unsigned long long)rg.start,
			 (unsigned long long)rg.end,
			 m->flags & BH_MEM_IO ? "I/O" :
			 m->flags & BH_MEM_COMM_REGION ? "the comm region" :
			 "shared");
	if (m->flags & BH_MEM_COMM_REGION && m->size != BH_PAGE_SIZE)
		bh_error(r, "%s: cell \"%s\": comm region (memory region %u) "
			 "is 0x%llx bytes, must be 0x1000", c->file, n, i,
			 (unsigned long long)m->size);
}

static void check_guest_layout(const struct bh_cell_ref *c,
			       struct bh_report *r)
{
	const struct bh_memory *m = bh_cell_mem_regions(c->desc);
	const char *n = bh_cell_name(c->desc);
	u32 i, j, comm = 0, first_comm = 0;

	for (i = 0; i < c->desc->num_memory_regions; i++) {
		if (m[i].flags & BH_MEM_COMM_REGION) {
			if (comm++ == 0)
				first_comm = i;
			else
				bh_error(r, "%s: cell \"%s\": memory region %u "
					 "is a second comm region (first: "
					 "region %u)", c->file, n, i,
					 first_comm);
		}
		for (j = 0; j < i; j++)
			if (m[i].size && m[j].size &&
			    overlaps(virt_range(&m[i]), virt_range(&m[j])))
				bh_error(r, "%s: cell \"%s\": memory region %u "
					 "guest range [0x%llx-0x%llx) overlaps "
					 "region %u", c->file, n, i,
					 (unsigned long long)m[i].virt_start,
					 (unsigned long long)virt_range(&m[i]).end,
					 j);
	}
	if (!comm)
		bh_error(r, "%s: cell \"%s\": has no comm region (a memory "
			 "region with BH_MEM_COMM_REGION)", c->file, n);
	if (!comm || !(c->desc->flags & BH_CELL_TEST_DEVICE))
		return;
	/* The test device's page is emulated: nothing may be there. */
	for (i = 0; i < c->desc->num_memory_regions; i++) {
		struct range dev = sized_range(m[first_comm].virt_start +
					       BH_TEST_DEVICE_OFFSET,
					       BH_PAGE_SIZE);

		if (m[i].size && overlaps(virt_range(&m[i]), dev))
			bh_error(r, "%s: cell \"%s\": memory region %u guest "
				 "range [0x%llx-0x%llx) covers the test "
				 "device's page [0x%llx-0x%llx) "
				 "(BH_CELL_TEST_DEVICE)", c->file, n, i,
				 (unsigned long long)m[i].virt_start,
				 (unsigned long long)virt_range(&m[i]).end,
				 (unsigned long long)dev.start,
				 (unsigned long long)dev.end);
	}
}

/* What region @p d has at guest-physical @p addr that is not its own RAM
 * (for messages): " (in its shared memory region 3)", or "". */
static const char *not_ram_at(const struct bh_cell_desc *d, u64 addr,
			      char *buf, size_t len)
{
	const struct bh_memory *m = bh_cell_mem_regions(d);
	u32 i;

	buf[0] = '\0';
	for (i = 0; i < d->num_memory_regions; i++) {
		struct range rg = virt_range(&m[i]);

		if (bh_mem_is_ram(&m[i]) || addr < rg.start || addr >= rg.end)
			continue;
		bh_snprintf(buf, len, " (in its %s region %u, not RAM of its "
			    "own)", m[i].flags & BH_MEM_COMM_REGION ?
			    "comm" : m[i].flags & BH_MEM_IO ? "I/O" :
			    "shared memory", i);
		break;
	}
	return buf;
}

/* The RAM region holding guest-physical [addr, addr + len), if any. */
static const struct bh_memory *ram_region_of(const struct bh_cell_desc *d,
					     u64 addr, u64 len, u32 *index)
{
	const struct bh_memory *m = bh_cell_mem_regions(d);
	u32 i;

	for (i = 0; i < d->num_memory_regions; i++) {
		struct range rg = virt_range(&m[i]);

		if (!bh_mem_is_ram(&m[i]) || addr < rg.start ||
		    addr >= rg.end)
			continue;
		*index = i;
		if (len > rg.end - addr)
			return NULL;
		return &m[i];
	}
	*index = ~0U;
	return NULL;
}

/* The inline command line: its text, NUL included, within the room
 * given for it, and that room in the cell's RAM. */
static void check_cmdline(const struct bh_cell_ref *c, struct bh_report *r)
{
	const struct bh_cell_desc *d = c->desc;
	const struct bh_cmdline *l = bh_cell_cmdline(d);
	const char *n = bh_cell_name(d);
	u64 addr, size, len;
	u32 idx;

	if (!d->num_cmdline)
		return;
	addr = l->address ? l->address : BH_CMDLINE_DEFAULT_ADDRESS;
	size = l->size ? l->size : BH_CMDLINE_DEFAULT_SIZE;
	len = strnlen(l->text, BH_CMDLINE_LEN) + 1;
	if (d->num_linux)
		bh_error(r, "%s: cell \"%s\": has a command line besides its "
			 "Linux section (a Linux cell's is the section's "
			 "cmdline)", c->file, n);
	if (l->flags)
		bh_error(r, "%s: cell \"%s\": command line has unknown flags "
			 "0x%x", c->file, n, l->flags);
	if (len > size)
		bh_error(r, "%s: cell \"%s\": command line is %llu bytes with "
			 "its NUL, longer than the %llu bytes at 0x%llx given "
			 "for it", c->file, n, (unsigned long long)len,
			 (unsigned long long)size, (unsigned long long)addr);
	if (!ram_region_of(d, addr, size, &idx)) {
		char where[64];

		bh_error(r, "%s: cell \"%s\": command line room [0x%llx-"
			 "0x%llx) is not within one RAM region of the cell%s",
			 c->file, n, (unsigned long long)addr,
			 (unsigned long long)(addr + size),
			 not_ram_at(d, addr, where, sizeof(where)));
	}
}

static void check_boot(const struct bh_cell_ref *c, struct bh_report *r)
{
	const struct bh_cell_desc *d = c->desc;
	const struct bh_blob *b = bh_cell_blobs(d);
	const char *n = bh_cell_name(d);
	char where[64];
	u32 i, idx;

	if (!ram_region_of(d, d->cpu_reset_address, 1, &idx))
		bh_error(r, "%s: cell \"%s\": reset address 0x%llx is outside "
			 "the cell's memory%s", c->file, n,
			 (unsigned long long)d->cpu_reset_address,
			 not_ram_at(d, d->cpu_reset_address, where,
				    sizeof(where)));
	for (i = 0; i < d->num_blobs; i++) {
		if (ram_region_of(d, b[i].load_address, c->blob_size[i], &idx))
			continue;
		if (idx == ~0U)
			bh_error(r, "%s: cell \"%s\": blob %u (%s) load address "
				 "0x%llx is outside the cell's memory%s",
				 c->file, n, i, b[i].file,
				 (unsigned long long)b[i].load_address,
				 not_ram_at(d, b[i].load_address, where,
					    sizeof(where)));
		else
			bh_error(r, "%s: cell \"%s\": blob %u (%s, %llu bytes) "
				 "at 0x%llx is larger than memory region %u "
				 "[0x%llx-0x%llx) it loads into", c->file, n, i,
				 b[i].file,
				 (unsigned long long)c->blob_size[i],
				 (unsigned long long)b[i].load_address, idx,
				 (unsigned long long)bh_cell_mem_regions(d)[idx].virt_start,
				 (unsigned long long)virt_range(&bh_cell_mem_regions(d)[idx]).end);
	}
}

/* Whether every RAM region of cell @p d is at the same guest and host
 * address: a device's DMA (host-physical) then lands where the cell
 * means it. */
static bool ram_identity_mapped(const struct bh_cell_desc *d)
{
	const struct bh_memory *m = bh_cell_mem_regions(d);
	u32 i;

	for (i = 0; i < d->num_memory_regions; i++)
		if (bh_mem_is_ram(&m[i]) && m[i].phys_start != m[i].virt_start)
			return false;
	return true;
}

/* BH_PCI_INTX: the pin the function's line reaches is one of the
 * cell's. */
static void check_intx(const struct bh_cell_ref *c, u32 i, const char *name,
		       struct bh_report *r)
{
	const struct bh_pci_device *p = &bh_cell_pci_devices(c->desc)[i];
	const struct bh_irqchip *ic = bh_cell_irqchips(c->desc);
	const char *n = bh_cell_name(c->desc);

	if (p->intx_irqchip >= c->desc->num_irqchips)
		bh_error(r, "%s: cell \"%s\": PCI device %u (%s): "
			 "BH_PCI_INTX names irqchip %u, but the cell has %u",
			 c->file, n, i, name, p->intx_irqchip,
			 c->desc->num_irqchips);
	else if (p->intx_pin >= 32 * BH_ARRAY_SIZE(ic->pin_bitmap) ||
		 !(ic[p->intx_irqchip].pin_bitmap[p->intx_pin / 32] &
		   (1U << (p->intx_pin % 32))))
		bh_error(r, "%s: cell \"%s\": PCI device %u (%s): "
			 "BH_PCI_INTX names pin %u of irqchip %u, which the "
			 "cell does not own (its pin_bitmap)", c->file, n, i,
			 name, p->intx_pin, p->intx_irqchip);
}

static void check_pci(const struct bh_config_set *set,
		      const struct bh_cell_ref *c, struct bh_report *r)
{
	const struct bh_platform_info *pi = &set->system->platform_info;
	const struct bh_pci_device *p = bh_cell_pci_devices(c->desc);
	const char *n = bh_cell_name(c->desc);
	char name[16];
	u32 i, j, k, rsv;

	for (i = 0; i < c->desc->num_pci_devices; i++) {
		pci_name(name, sizeof(name), &p[i]);
		if (p[i].type != BH_PCI_TYPE_DEVICE)
			bh_error(r, "%s: cell \"%s\": PCI device %u (%s): type "
				 "%u is not a function (BH_PCI_TYPE_DEVICE); "
				 "bridges cannot be assigned", c->file, n, i,
				 name, p[i].type);
		if (p[i].domain)
			bh_error(r, "%s: cell \"%s\": PCI device %u (%s): only "
				 "segment 0 (the MCFG window's) is supported",
				 c->file, n, i, name);
		if (!pi->pci_mmconfig_base)
			bh_error(r, "%s: cell \"%s\": PCI device %u (%s): the "
				 "system config has no MMCONFIG window "
				 "(platform_info.pci_mmconfig_base)", c->file,
				 n, i, name);
		else if ((p[i].bdf >> 8) > pi->pci_mmconfig_end_bus)
			bh_error(r, "%s: cell \"%s\": PCI device %u (%s): bus "
				 "0x%x is beyond the MMCONFIG window's last "
				 "bus 0x%x", c->file, n, i, name, p[i].bdf >> 8,
				 pi->pci_mmconfig_end_bus);
		if (p[i].vendor_id == 0xffff || !p[i].vendor_id)
			bh_error(r, "%s: cell \"%s\": PCI device %u (%s): "
				 "vendor_id 0x%04x names no function (give the "
				 "IDs that must answer there)", c->file, n, i,
				 name, p[i].vendor_id);
		if (p[i].flags & ~(u32)BH_PCI_KNOWN_FLAGS)
			bh_error(r, "%s: cell \"%s\": PCI device %u (%s): "
				 "unknown flags 0x%x", c->file, n, i, name,
				 p[i].flags & ~(u32)BH_PCI_KNOWN_FLAGS);
		for (k = 0, rsv = p[i].iommu | p[i].reserved0;
		     k < BH_ARRAY_SIZE(p[i].reserved); k++)
			rsv |= p[i].reserved[k];
		if (rsv)
			bh_error(r, "%s: cell \"%s\": PCI device %u (%s): "
				 "iommu and reserved must be 0", c->file, n, i,
				 name);
		if (p[i].flags & BH_PCI_INTX)
			check_intx(c, i, name, r);
		else if (p[i].intx_irqchip || p[i].intx_pin)
			bh_error(r, "%s: cell \"%s\": PCI device %u (%s): "
				 "intx_irqchip and intx_pin are set without "
				 "BH_PCI_INTX", c->file, n, i, name);
		if ((p[i].flags & BH_PCI_DMA_UNCONFINED) &&
		    !ram_identity_mapped(c->desc))
			bh_error(r, "%s: cell \"%s\": PCI device %u (%s): "
				 "BH_PCI_DMA_UNCONFINED needs every RAM region "
				 "of the cell at the same guest and host "
				 "address", c->file, n, i, name);
		for (j = 0; j < i; j++)
			if (p[j].domain == p[i].domain && p[j].bdf == p[i].bdf)
				bh_error(r, "%s: cell \"%s\": PCI device %u "
					 "(%s) is device %u again", c->file, n,
					 i, name, j);
	}
}

unsigned int bh_config_notes(const struct bh_config_set *set,
			     struct bh_report *note)
{
	unsigned int before = note->errors;
	u32 i, k;

	for (i = 0; i < set->num_cells; i++) {
		const struct bh_cell_desc *d = set->cells[i].desc;
		const struct bh_memory *m = bh_cell_mem_regions(d);
		bool dma = false;

		for (k = 0; k < d->num_memory_regions; k++)
			dma |= (m[k].flags & BH_MEM_DMA) != 0;
		if (d->num_pci_devices && !dma)
			bh_error(note, "%s: cell \"%s\": owns %u PCI "
				 "device(s) but no BH_MEM_DMA region: their "
				 "DMA reaches no memory (right only for "
				 "devices that do none)", set->cells[i].file,
				 bh_cell_name(d), d->num_pci_devices);
	}
	return note->errors - before;
}

/* At most BH_MAX_PCI_DEVICES functions in the whole system: the
 * hypervisor keeps each in a table of that size. */
static void check_pci_count(const struct bh_config_set *set, const bool *ok,
			    struct bh_report *r)
{
	u32 i, total = 0;

	for (i = 0; i < set->num_cells; i++)
		if (ok[i])
			total += set->cells[i].desc->num_pci_devices;
	if (total > BH_MAX_PCI_DEVICES)
		bh_error(r, "%s: the cells own %u PCI devices together, more "
			 "than the %u the hypervisor keeps", set->system_file,
			 total, BH_MAX_PCI_DEVICES);
}

static void check_cell(const struct bh_config_set *set,
		       const struct bh_cell_ref *c, struct bh_report *r)
{
	const struct bh_cell_desc *d = c->desc;
	const struct bh_pio *p = bh_cell_pio(d);
	const struct bh_irqchip *ic = bh_cell_irqchips(d);
	const char *n = bh_cell_name(d);
	u64 beyond;
	u32 i;

	if (!d->name[0])
		bh_error(r, "%s: cell has an empty name", c->file);
	if (d->flags & ~(u32)BH_CELL_KNOWN_FLAGS)
		bh_error(r, "%s: cell \"%s\": unknown flags 0x%x", c->file, n,
			 d->flags & ~(u32)BH_CELL_KNOWN_FLAGS);
	if (!d->cpus)
		bh_error(r, "%s: cell \"%s\": has no CPU", c->file, n);
	if (d->console_rate > BH_CONSOLE_RATE_MAX)
		bh_error(r, "%s: cell \"%s\": console_rate %u characters per "
			 "second is more than the console carries (at most "
			 "%u)", c->file, n, d->console_rate,
			 BH_CONSOLE_RATE_MAX);
	if (d->reserved)
		bh_error(r, "%s: cell \"%s\": reserved field is 0x%x, must be "
			 "0", c->file, n, d->reserved);
	beyond = set->system->num_cpus >= 64 ? 0 :
		 d->cpus & ~((1ULL << set->system->num_cpus) - 1);
	if (beyond)
		bh_error(r, "%s: cell \"%s\": CPU %u is beyond the machine's "
			 "%u CPUs", c->file, n, __builtin_ctzll(beyond),
			 set->system->num_cpus);
	for (i = 0; i < d->num_memory_regions; i++)
		check_region(c, i, r);
	check_guest_layout(c, r);
	for (i = 0; i < d->num_pio_regions; i++)
		if (!pio_valid(&p[i]))
			bh_error(r, "%s: cell \"%s\": I/O port range %u "
				 "(base 0x%x, length %u) is empty or beyond "
				 "port 0xffff", c->file, n, i, p[i].base,
				 p[i].length);
		else if (covers_pci_config(pio_range(&p[i])))
			report_overlap(c, "I/O port range", i,
				       pio_range(&p[i]), &pci_config,
				       " (no cell may own them; port 0xcf9 "
				       "alone is the reset control register)",
				       r);
	for (i = 0; i < d->num_irqchips; i++) {
		if (ic[i].pin_base != 0)
			bh_error(r, "%s: cell \"%s\": irqchip %u: pin_base must "
				 "be 0 on x86", c->file, n, i);
		/* pins IOAPIC_PINS..127 are bits 24..31 of the last word */
		if (ic[i].pin_bitmap[3] >> (IOAPIC_PINS - 96))
			bh_error(r, "%s: cell \"%s\": irqchip %u: pin %u does "
				 "not exist (an IOAPIC has at most %u pins)",
				 c->file, n, i, IOAPIC_PINS +
				 __builtin_ctz(ic[i].pin_bitmap[3] >>
					       (IOAPIC_PINS - 96)),
				 IOAPIC_PINS);
	}
	check_pci(set, c, r);
	if (d->console.type != BH_CON_TYPE_NONE &&
	    d->console.type != BH_CON_TYPE_8250)
		bh_error(r, "%s: cell \"%s\": console type %u is not "
			 "supported", c->file, n, d->console.type);
	check_boot(c, r);
	check_cmdline(c, r);
}

static void check_memory_pair(const struct bh_cell_ref *a,
			      const struct bh_cell_ref *b, struct bh_report *r)
{
	const struct bh_memory *ma = bh_cell_mem_regions(a->desc);
	const struct bh_memory *mb = bh_cell_mem_regions(b->desc);
	u32 i, j;

	for (i = 0; i < b->desc->num_memory_regions; i++) {
		if (mb[i].flags & BH_MEM_COMM_REGION || !mb[i].size)
			continue;
		for (j = 0; j < a->desc->num_memory_regions; j++) {
			if (ma[j].flags & BH_MEM_COMM_REGION || !ma[j].size)
				continue;
			if (!overlaps(phys_range(&mb[i]), phys_range(&ma[j])))
				continue;
			if (mb[i].flags & ma[j].flags & BH_MEM_SHARED)
				continue;
			bh_error(r, "%s: cell \"%s\": memory region %u "
				 "[0x%llx-0x%llx) overlaps cell \"%s\" region "
				 "%u [0x%llx-0x%llx)%s", b->file,
				 bh_cell_name(b->desc), i,
				 (unsigned long long)mb[i].phys_start,
				 (unsigned long long)phys_range(&mb[i]).end,
				 bh_cell_name(a->desc), j,
				 (unsigned long long)ma[j].phys_start,
				 (unsigned long long)phys_range(&ma[j]).end,
				 (mb[i].flags | ma[j].flags) & BH_MEM_SHARED ?
				 " (only one of them is SHARED)" : "");
		}
	}
}

static void check_pio_pair(const struct bh_cell_ref *a,
			   const struct bh_cell_ref *b, struct bh_report *r)
{
	const struct bh_pio *pa = bh_cell_pio(a->desc);
	const struct bh_pio *pb = bh_cell_pio(b->desc);
	u32 i, j;

	for (i = 0; i < b->desc->num_pio_regions; i++)
		for (j = 0; j < a->desc->num_pio_regions; j++) {
			struct range x = { pb[i].base,
					   (u64)pb[i].base + pb[i].length };
			struct range y = { pa[j].base,
					   (u64)pa[j].base + pa[j].length };

			if (overlaps(x, y))
				bh_error(r, "%s: cell \"%s\": I/O port range "
					 "%u [0x%llx-0x%llx) overlaps cell "
					 "\"%s\" range %u [0x%llx-0x%llx)",
					 b->file, bh_cell_name(b->desc), i,
					 (unsigned long long)x.start,
					 (unsigned long long)x.end,
					 bh_cell_name(a->desc), j,
					 (unsigned long long)y.start,
					 (unsigned long long)y.end);
		}
}

static void check_pci_pair(const struct bh_cell_ref *a,
			   const struct bh_cell_ref *b, struct bh_report *r)
{
	const struct bh_pci_device *pa = bh_cell_pci_devices(a->desc);
	const struct bh_pci_device *pb = bh_cell_pci_devices(b->desc);
	char name[16];
	u32 i, j;

	for (i = 0; i < b->desc->num_pci_devices; i++)
		for (j = 0; j < a->desc->num_pci_devices; j++)
			if (pb[i].domain == pa[j].domain &&
			    pb[i].bdf == pa[j].bdf)
				bh_error(r, "%s: cell \"%s\": PCI device %u "
					 "(%s) is also assigned to cell \"%s\"",
					 b->file, bh_cell_name(b->desc), i,
					 pci_name(name, sizeof(name), &pb[i]),
					 bh_cell_name(a->desc));
}

static void check_irqchip_pair(const struct bh_cell_ref *a,
			       const struct bh_cell_ref *b,
			       struct bh_report *r)
{
	const struct bh_irqchip *ia = bh_cell_irqchips(a->desc);
	const struct bh_irqchip *ib = bh_cell_irqchips(b->desc);
	u32 i, j, w;

	for (i = 0; i < b->desc->num_irqchips; i++)
		for (j = 0; j < a->desc->num_irqchips; j++) {
			if (ib[i].address != ia[j].address)
				continue;
			for (w = 0; w < 4; w++) {
				u32 both = ib[i].pin_bitmap[w] &
					   ia[j].pin_bitmap[w];

				if (both)
					bh_error(r, "%s: cell \"%s\": IOAPIC "
						 "0x%llx pin %u is also "
						 "assigned to cell \"%s\"",
						 b->file, bh_cell_name(b->desc),
						 (unsigned long long)ib[i].address,
						 w * 32 + __builtin_ctz(both),
						 bh_cell_name(a->desc));
			}
		}
}

static void check_pair(const struct bh_cell_ref *a,
		       const struct bh_cell_ref *b, struct bh_report *r)
{
	u64 both = a->desc->cpus & b->desc->cpus;

	if (!strncmp(a->desc->name, b->desc->name, BH_CELL_NAME_LEN))
		bh_error(r, "%s: cell \"%s\": name already used in %s",
			 b->file, bh_cell_name(b->desc), a->file);
	if (both)
		bh_error(r, "%s: cell \"%s\": CPU %u is also in cell \"%s\"",
			 b->file, bh_cell_name(b->desc),
			 __builtin_ctzll(both), bh_cell_name(a->desc));
	check_memory_pair(a, b, r);
	check_pio_pair(a, b, r);
	check_pci_pair(a, b, r);
	check_irqchip_pair(a, b, r);
}

u64 bh_cell_ram(const struct bh_cell_desc *d, u64 gpa, u64 len, u64 need,
		u64 *hpa)
{
	const struct bh_memory *m = bh_cell_mem_regions(d);
	u32 i;

	for (i = 0; i < d->num_memory_regions; i++) {
		u64 off = gpa - m[i].virt_start;

		if (!bh_mem_is_ram(&m[i]) || (m[i].flags & need) != need ||
		    gpa < m[i].virt_start || off >= m[i].size)
			continue;
		*hpa = m[i].phys_start + off;
		return len < m[i].size - off ? len : m[i].size - off;
	}
	return 0;
}

/* The managing cell, if the system names one, is one of its cells.
 * A cell whose structure is broken (@p ok false) is not read: it may be
 * shorter than its name; it is reported already, and may be the one
 * named. */
static void check_manager(const struct bh_config_set *set, const bool *ok,
			  struct bh_report *r)
{
	const char *m = set->system->manager;
	bool broken = false;
	u32 i;

	if (!m[0])
		return;
	if (strnlen(m, BH_CELL_NAME_LEN) == BH_CELL_NAME_LEN) {
		bh_error(r, "%s: managing cell name is not terminated (at most "
			 "%u characters)", set->system_file,
			 BH_CELL_NAME_LEN - 1);
		return;
	}
	for (i = 0; i < set->num_cells; i++) {
		broken |= !ok[i];
		if (ok[i] && !strncmp(bh_cell_name(set->cells[i].desc), m,
				      BH_CELL_NAME_LEN))
			return;
	}
	if (!broken)
		bh_error(r, "%s: managing cell \"%s\" is not a cell of this "
			 "system", set->system_file, m);
}

/* ---- shared-memory links ------------------------------------------------ */

/* The cell of @p set named @p name whose structure is sound (@p ok), or
 * -1; *@p broken says whether a broken one might have been it. */
static int cell_named(const struct bh_config_set *set, const bool *ok,
		      const char *name, bool *broken)
{
	u32 i;

	*broken = false;
	for (i = 0; i < set->num_cells; i++) {
		*broken |= !ok[i];
		if (ok[i] && !strncmp(set->cells[i].desc->name, name,
				      BH_CELL_NAME_LEN))
			return (int)i;
	}
	return -1;
}

static const char *link_name(const struct bh_shmem_link *l)
{
	if (strnlen(l->name, BH_SHMEM_NAME_LEN) == BH_SHMEM_NAME_LEN)
		return "(unterminated name)";
	return l->name;
}

static bool section_ok(u64 size)
{
	return !(size % BH_PAGE_SIZE) && size <= BH_SHMEM_MAX_SECTION;
}

/* Whether link @p l's layout can be computed: a peer count in range and
 * sections in whole pages that cannot wrap (check_link_shape() says
 * what is wrong; bh_shmem_place() leaves such a link unplaced). */
static bool link_layout_ok(const struct bh_shmem_link *l)
{
	return l->num_peers >= 2 && l->num_peers <= BH_SHMEM_MAX_PEERS &&
	       section_ok(l->state_size) && section_ok(l->rw_size) &&
	       section_ok(l->output_size);
}

/* Sizes and counts of link @p i; false if its layout cannot be computed
 * (its peers are then not checked). */
static bool check_link_shape(const struct bh_system *s, const char *f, u32 i,
			     struct bh_report *r)
{
	const struct bh_shmem_link *l = &bh_system_shmem_links(s)[i];
	const char *n = link_name(l);
	static const char *const what[] = { "state_size", "rw_size",
					    "output_size" };
	const u64 size[] = { l->state_size, l->rw_size, l->output_size };
	bool ok = true;
	u32 k;

	if (!l->name[0])
		bh_error(r, "%s: link %u has an empty name", f, i);
	if (l->num_peers < 2 || l->num_peers > BH_SHMEM_MAX_PEERS) {
		bh_error(r, "%s: link %u \"%s\": %u peers, need 2..%u", f, i,
			 n, l->num_peers, BH_SHMEM_MAX_PEERS);
		ok = false;
	}
	if (l->vectors < 1 || l->vectors > BH_SHMEM_MAX_VECTORS)
		bh_error(r, "%s: link %u \"%s\": %u MSI-X vectors, need "
			 "1..%u", f, i, n, l->vectors, BH_SHMEM_MAX_VECTORS);
	for (k = 0; k < BH_ARRAY_SIZE(size); k++)
		if (!section_ok(size[k])) {
			bh_error(r, "%s: link %u \"%s\": %s 0x%llx is not "
				 "whole pages of at most 1 TiB", f, i, n,
				 what[k], (unsigned long long)size[k]);
			ok = false;
		}
	if (ok && l->state_size < (u64)l->num_peers * sizeof(u32))
		bh_error(r, "%s: link %u \"%s\": state_size 0x%llx has no "
			 "room for a state of each of its %u peers (need at "
			 "least a page)", f, i, n,
			 (unsigned long long)l->state_size, l->num_peers);
	if (l->reserved)
		bh_error(r, "%s: link %u \"%s\": reserved field is 0x%x, "
			 "must be 0", f, i, n, l->reserved);
	if (l->doorbell_rate > BH_SHMEM_DOORBELL_RATE_MAX)
		bh_error(r, "%s: link %u \"%s\": doorbell_rate %u a second, "
			 "at most %u", f, i, n, l->doorbell_rate,
			 BH_SHMEM_DOORBELL_RATE_MAX);
	for (k = ok ? l->num_peers : BH_SHMEM_MAX_PEERS;
	     k < BH_SHMEM_MAX_PEERS; k++) {
		static const struct bh_shmem_peer none;

		if (memcmp(&l->peers[k], &none, sizeof(none))) {
			bh_error(r, "%s: link %u \"%s\": peer %u is set but "
				 "the link has %u peers", f, i, n, k,
				 l->num_peers);
			break;
		}
	}
	return ok;
}

/* Link @p i's place in the system's shmem_memory, and against links
 * placed before it; false if it is not within shmem_memory. */
static bool check_link_place(const struct bh_system *s, const char *f, u32 i,
			     struct bh_report *r)
{
	const struct bh_shmem_link *links = bh_system_shmem_links(s);
	const struct bh_shmem_link *l = &links[i];
	struct range pool = phys_range(&s->shmem_memory);
	struct range rg = sized_range(l->phys_start, bh_shmem_size(l));
	u32 j;

	if (!l->phys_start || l->phys_start % BH_PAGE_SIZE ||
	    rg.start < pool.start || rg.end > pool.end) {
		bh_error(r, "%s: link %u \"%s\": memory [0x%llx-0x%llx) is "
			 "not within shmem_memory [0x%llx-0x%llx)%s", f, i,
			 link_name(l), (unsigned long long)rg.start,
			 (unsigned long long)rg.end,
			 (unsigned long long)pool.start,
			 (unsigned long long)pool.end,
			 l->phys_start ? "" : " (not placed: the image "
			 "builder places links)");
		return false;
	}
	for (j = 0; j < i; j++)
		if (overlaps(rg, sized_range(links[j].phys_start,
					     bh_shmem_size(&links[j]))))
			bh_error(r, "%s: link %u \"%s\": memory [0x%llx-0x%llx) "
				 "overlaps link %u \"%s\"", f, i, link_name(l),
				 (unsigned long long)rg.start,
				 (unsigned long long)rg.end, j,
				 link_name(&links[j]));
	return true;
}

/* Where peer @p k of link @p i appears in its cell @p c: its
 * function's address and the guest range of the memory, against the
 * cell's own regions, functions and fixed pages, and the links of
 * @p s checked before it (@p shape: whose layout is sound). */
static void check_peer_view(const struct bh_config_set *set, u32 i, u32 k,
			    const struct bh_cell_ref *c, const bool *shape,
			    struct bh_report *r)
{
	const struct bh_system *s = set->system;
	const struct bh_shmem_link *links = bh_system_shmem_links(s);
	const struct bh_shmem_link *l = &links[i];
	const struct bh_shmem_peer *p = &l->peers[k];
	const struct bh_memory *m = bh_cell_mem_regions(c->desc);
	const struct bh_pci_device *pd = bh_cell_pci_devices(c->desc);
	const char *f = set->system_file, *n = link_name(l);
	const char *cn = bh_cell_name(c->desc);
	u64 base = p->virt_start ? p->virt_start : l->phys_start;
	struct range g = sized_range(base, bh_shmem_size(l));
	const struct bh_platform_info *pi = &s->platform_info;
	u32 j, q;

	if (!pi->pci_mmconfig_base || (p->bdf >> 8) > pi->pci_mmconfig_end_bus)
		bh_error(r, "%s: link %u \"%s\": peer %u (cell \"%s\"): its "
			 "function %02x:%02x.%x is on no bus of the PCI "
			 "MMCONFIG window the system states", f, i, n, k, cn,
			 p->bdf >> 8, (p->bdf >> 3) & 0x1f, p->bdf & 7);
	for (j = 0; j < c->desc->num_pci_devices; j++)
		if (!pd[j].domain && pd[j].bdf == p->bdf)
			bh_error(r, "%s: link %u \"%s\": peer %u (cell \"%s\"): "
				 "its function %02x:%02x.%x is the cell's PCI "
				 "device %u", f, i, n, k, cn, p->bdf >> 8,
				 (p->bdf >> 3) & 0x1f, p->bdf & 7, j);
	if (base % BH_PAGE_SIZE || g.end < base + bh_shmem_size(l) ||
	    g.end > BH_PHYS_LIMIT) {
		bh_error(r, "%s: link %u \"%s\": peer %u (cell \"%s\"): "
			 "virt_start 0x%llx is not page-aligned, or the "
			 "memory does not fit below 2^52 there", f, i, n, k,
			 cn, (unsigned long long)p->virt_start);
		return;
	}
	for (j = 0; j < c->desc->num_memory_regions; j++)
		if (m[j].size && overlaps(g, virt_range(&m[j])))
			bh_error(r, "%s: link %u \"%s\": peer %u (cell \"%s\"): "
				 "guest range [0x%llx-0x%llx) overlaps its "
				 "memory region %u", f, i, n, k, cn,
				 (unsigned long long)g.start,
				 (unsigned long long)g.end, j);
	if (overlaps(g, sized_range(LAPIC_MSI_BASE, LAPIC_MSI_SIZE)) ||
	    (pi->pci_mmconfig_base &&
	     overlaps(g, sized_range(pi->pci_mmconfig_base,
				     ((u64)pi->pci_mmconfig_end_bus + 1) *
				     ECAM_BUS_SIZE))))
		bh_error(r, "%s: link %u \"%s\": peer %u (cell \"%s\"): guest "
			 "range [0x%llx-0x%llx) overlaps the local APIC and "
			 "MSI window or the PCI MMCONFIG window", f, i, n, k,
			 cn, (unsigned long long)g.start,
			 (unsigned long long)g.end);
	/* Against the links before it that this cell is a peer of too. */
	for (j = 0; j < i; j++) {
		const struct bh_shmem_link *o = &links[j];

		for (q = 0; shape[j] && q < o->num_peers; q++) {
			const struct bh_shmem_peer *op = &o->peers[q];
			u64 ob = op->virt_start ? op->virt_start :
				 o->phys_start;

			if (strncmp(op->cell, c->desc->name, BH_CELL_NAME_LEN))
				continue;
			if (op->bdf == p->bdf)
				bh_error(r, "%s: link %u \"%s\": peer %u (cell "
					 "\"%s\"): its function %02x:%02x.%x "
					 "is link %u \"%s\"'s there too", f, i,
					 n, k, cn, p->bdf >> 8,
					 (p->bdf >> 3) & 0x1f, p->bdf & 7, j,
					 link_name(o));
			if (overlaps(g, sized_range(ob, bh_shmem_size(o))))
				bh_error(r, "%s: link %u \"%s\": peer %u (cell "
					 "\"%s\"): guest range [0x%llx-0x%llx) "
					 "overlaps link %u \"%s\" there", f, i,
					 n, k, cn, (unsigned long long)g.start,
					 (unsigned long long)g.end, j,
					 link_name(o));
		}
	}
}

/* The peers of link @p i: cells of the set, each once, IDs each once;
 * where each sees it only if the link is @p placed. */
static void check_link_peers(const struct bh_config_set *set, const bool *ok,
			     u32 i, const bool *shape, bool placed,
			     struct bh_report *r)
{
	const struct bh_shmem_link *l = &bh_system_shmem_links(set->system)[i];
	const char *f = set->system_file, *n = link_name(l);
	u32 k, j;

	for (k = 0; k < l->num_peers; k++) {
		const struct bh_shmem_peer *p = &l->peers[k];
		bool broken;
		int c;

		if (p->reserved)
			bh_error(r, "%s: link %u \"%s\": peer %u: reserved "
				 "field is 0x%x, must be 0", f, i, n, k,
				 p->reserved);
		if (p->id >= l->num_peers)
			bh_error(r, "%s: link %u \"%s\": peer %u: ID %u, need "
				 "0..%u (one output section each)", f, i, n, k,
				 p->id, l->num_peers - 1);
		for (j = 0; j < k; j++)
			if (p->id == l->peers[j].id)
				bh_error(r, "%s: link %u \"%s\": peer %u: ID "
					 "%u is peer %u's too", f, i, n, k,
					 p->id, j);
		if (strnlen(p->cell, BH_CELL_NAME_LEN) == BH_CELL_NAME_LEN) {
			bh_error(r, "%s: link %u \"%s\": peer %u: cell name is "
				 "not terminated", f, i, n, k);
			continue;
		}
		for (j = 0; j < k; j++)
			if (!strncmp(p->cell, l->peers[j].cell,
				     BH_CELL_NAME_LEN))
				break;
		if (j < k) {
			bh_error(r, "%s: link %u \"%s\": peer %u: cell \"%s\" "
				 "is peer %u already", f, i, n, k, p->cell, j);
			continue;
		}
		c = cell_named(set, ok, p->cell, &broken);
		if (c < 0) {
			if (!broken)
				bh_error(r, "%s: link %u \"%s\": peer %u: \"%s\" "
					 "is not a cell of this system", f, i,
					 n, k, p->cell);
			continue;
		}
		if (placed)
			check_peer_view(set, i, k, &set->cells[c], shape, r);
	}
}

/* Every link, and the memory they are placed in against the fixed
 * ranges @p x (@p nx) and every cell's memory. */
static void check_links(const struct bh_config_set *set, const bool *ok,
			const struct bh_machine_range *x, u32 nx,
			struct bh_report *r)
{
	const struct bh_system *s = set->system;
	const struct bh_shmem_link *links = bh_system_shmem_links(s);
	const char *f = set->system_file;
	struct range pool = phys_range(&s->shmem_memory);
	bool shape[BH_MAX_SHMEM_LINKS];
	u32 i, j;

	if (!s->shmem_memory.size)
		return;
	for (i = 0; i < nx; i++)
		if (x[i].kind == BH_RANGE_MEMORY &&
		    overlaps(pool, (struct range){ x[i].start, x[i].end }))
			bh_error(r, "%s: shmem_memory [0x%llx-0x%llx) overlaps "
				 "%s [0x%llx-0x%llx)", f,
				 (unsigned long long)pool.start,
				 (unsigned long long)pool.end, x[i].what,
				 (unsigned long long)x[i].start,
				 (unsigned long long)x[i].end);
	for (i = 0; i < set->num_cells; i++) {
		const struct bh_memory *m;

		if (!ok[i])
			continue;
		m = bh_cell_mem_regions(set->cells[i].desc);
		for (j = 0; j < set->cells[i].desc->num_memory_regions; j++)
			if (has_phys(&m[j]) && overlaps(pool, phys_range(&m[j])))
				bh_error(r, "%s: shmem_memory [0x%llx-0x%llx) "
					 "overlaps cell \"%s\" memory region "
					 "%u", f,
					 (unsigned long long)pool.start,
					 (unsigned long long)pool.end,
					 bh_cell_name(set->cells[i].desc), j);
	}
	for (i = 0; i < s->num_shmem_links; i++) {
		shape[i] = check_link_shape(s, f, i, r);
		for (j = 0; j < i; j++)
			if (!strncmp(links[i].name, links[j].name,
				     BH_SHMEM_NAME_LEN))
				bh_error(r, "%s: link %u \"%s\": name already "
					 "used by link %u", f, i,
					 link_name(&links[i]), j);
		if (!shape[i])
			continue;
		check_link_peers(set, ok, i, shape,
				 check_link_place(s, f, i, r), r);
	}
}

int bh_shmem_place(struct bh_system *s, const char *file,
		   struct bh_report *r)
{
	struct bh_shmem_link *links = (struct bh_shmem_link *)(s + 1);
	const struct bh_memory *pool = &s->shmem_memory;
	unsigned int before = r->errors;
	u64 at = pool->phys_start;
	u32 i;

	for (i = 0; i < s->num_shmem_links && i < BH_MAX_SHMEM_LINKS; i++) {
		struct bh_shmem_link *l = &links[i];

		if (l->phys_start) {
			bh_error(r, "%s: link %u \"%s\": phys_start 0x%llx: "
				 "the image builder places links, leave it 0",
				 file, i, link_name(l),
				 (unsigned long long)l->phys_start);
			continue;
		}
		/* A link whose sizes are wrong is reported by the checker;
		 * it is left unplaced. */
		if (!link_layout_ok(l))
			continue;
		if (bh_shmem_size(l) > pool->phys_start + pool->size - at) {
			bh_error(r, "%s: link %u \"%s\": 0x%llx bytes do not "
				 "fit in shmem_memory [0x%llx-0x%llx) after "
				 "the links before it (0x%llx bytes left)",
				 file, i, link_name(l),
				 (unsigned long long)bh_shmem_size(l),
				 (unsigned long long)pool->phys_start,
				 (unsigned long long)(pool->phys_start +
						      pool->size),
				 (unsigned long long)(pool->phys_start +
						      pool->size - at));
			continue;
		}
		l->phys_start = at;
		at += bh_shmem_size(l);
	}
	return (int)(r->errors - before);
}

int bh_config_check(const struct bh_config_set *set, struct bh_report *r)
{
	struct bh_machine_range fixed[MAX_FIXED];
	bool ok[BH_MAX_CELLS];
	unsigned int before = r->errors;
	u32 i, j, n;

	if (!check_system(set, r))
		return (int)(r->errors - before);	/* cells need a sane system */
	if (set->num_cells == 0 || set->num_cells > BH_MAX_CELLS) {
		bh_error(r, "%s: %u cells configured, need 1..%u",
			 set->system_file, set->num_cells, BH_MAX_CELLS);
		return (int)(r->errors - before);
	}
	for (i = 0; i < set->num_cells; i++)
		ok[i] = bh_cell_structure_ok(&set->cells[i], r);
	n = fixed_ranges(set->system, fixed);
	for (i = 0; i < set->num_cells; i++) {
		if (!ok[i])
			continue;
		check_cell(set, &set->cells[i], r);
		check_ranges(&set->cells[i], fixed, n, r);
		check_ioapic_pages(set, ok, &set->cells[i], r);
	}
	for (i = 0; i < set->num_cells; i++)
		for (j = 0; j < i; j++)
			if (ok[i] && ok[j])
				check_pair(&set->cells[j], &set->cells[i], r);
	check_manager(set, ok, r);
	check_pci_count(set, ok, r);
	check_links(set, ok, fixed, n, r);
	return (int)(r->errors - before);
}

/* [start, start + size) rounded out to pages, as a safety memory range. */
static struct bh_machine_range pages_of(u64 start, u64 size,
					const char *what)
{
	const u64 mask = BH_PAGE_SIZE - 1;
	struct range rg = sized_range(start, size);

	rg.start &= ~mask;
	if (rg.end & mask)	/* in the last page, rounding up would wrap */
		rg.end = rg.end > ~mask ? ~0ULL : (rg.end | mask) + 1;
	return (struct bh_machine_range){ BH_RANGE_MEMORY, false, rg.start,
					  rg.end, what };
}

u32 bh_handoff_ranges(const struct bh_handoff *ho,
		      struct bh_machine_range *out)
{
	out[0] = pages_of(ho->hv_phys, ho->hv_size, "the hypervisor memory");
	out[1] = pages_of(ho->image_phys, ho->image_size, "the system image");
	out[2] = pages_of(ho->trampoline_phys, BH_TRAMPOLINE_SIZE,
			  "the CPU start-up trampoline page");
	return BH_HANDOFF_RANGES;
}

int bh_config_check_machine(const struct bh_config_set *set,
			    const struct bh_machine_range *ranges, u32 n,
			    struct bh_report *r)
{
	struct bh_report silent = { NULL, NULL, 0 };
	struct range pool = phys_range(&set->system->shmem_memory);
	unsigned int before = r->errors;
	u32 i;

	for (i = 0; i < set->num_cells && i < BH_MAX_CELLS; i++)
		if (bh_cell_structure_ok(&set->cells[i], &silent))
			check_ranges(&set->cells[i], ranges, n, r);
	for (i = 0; pool.start < pool.end && i < n; i++)
		if (ranges[i].kind == BH_RANGE_MEMORY &&
		    overlaps(pool, (struct range){ ranges[i].start,
						   ranges[i].end }))
			bh_error(r, "%s: shmem_memory [0x%llx-0x%llx) overlaps "
				 "%s [0x%llx-0x%llx)", set->system_file,
				 (unsigned long long)pool.start,
				 (unsigned long long)pool.end, ranges[i].what,
				 (unsigned long long)ranges[i].start,
				 (unsigned long long)ranges[i].end);
	return (int)(r->errors - before);
}

/* One stated fact against the firmware's: an error naming both if they
 * differ. */
static void compare_fact(const char *f, const char *field, const char *table,
			 const char *stated, const char *found,
			 struct bh_report *r)
{
	if (strcmp(stated, found))
		bh_error(r, "%s: platform_info.%s is %s, the %s says %s: the "
			 "system config describes another machine", f, field,
			 stated, table, found);
}

static void format_block(char *buf, size_t size, const struct bh_port_block *b)
{
	if (b->length)
		bh_snprintf(buf, size, "{ 0x%x, %u }", b->base, b->length);
	else
		bh_snprintf(buf, size, "none");
}

static void format_address(char *buf, size_t size, u64 a)
{
	if (a)
		bh_snprintf(buf, size, "0x%llx", (unsigned long long)a);
	else
		bh_snprintf(buf, size, "none");
}

/* Note a fact the firmware has and the system config leaves unstated,
 * as the initializer that would state it; the first note heads them. */
static void note_unstated(const char *f, struct bh_report *note,
			  const char *init)
{
	if (!note->errors)
		bh_error(note, "%s: platform_info leaves unstated what the "
			 "firmware names; the build could not keep it from "
			 "the cells (the boot does). To state it:", f);
	bh_error(note, "  %s", init);
}

int bh_config_check_platform(const struct bh_config_set *set,
			     const struct bh_platform_info *found,
			     struct bh_report *r, struct bh_report *note)
{
	const struct bh_platform_info *pi = &set->system->platform_info;
	const char *f = set->system_file;
	unsigned int before = r->errors;
	char a[40], b[40];
	u32 i;

	if (pi->pm_timer_address) {
		bh_snprintf(a, sizeof(a), "0x%x", pi->pm_timer_address);
		format_address(b, sizeof(b), found->pm_timer_address);
		compare_fact(f, "pm_timer_address", "ACPI FADT", a, b, r);
	}
	if (pi->pci_mmconfig_base) {
		format_address(a, sizeof(a), pi->pci_mmconfig_base);
		format_address(b, sizeof(b), found->pci_mmconfig_base);
		compare_fact(f, "pci_mmconfig_base", "ACPI MCFG (segment 0)", a,
			     b, r);
	}
	format_address(a, sizeof(a), pi->hpet_address);
	format_address(b, sizeof(b), found->hpet_address);
	if (pi->hpet_address)
		compare_fact(f, "hpet_address", "ACPI HPET table", a, b, r);
	else if (found->hpet_address) {
		bh_snprintf(a, sizeof(a), ".hpet_address = %s,", b);
		note_unstated(f, note, a);
	}
	for (i = 0; i < BH_ARRAY_SIZE(firmware_blocks); i++) {
		const struct bh_port_block *st = firmware_block(&pi->firmware, i);
		const struct bh_port_block *fw = firmware_block(&found->firmware,
								i);
		char field[40], init[64];

		format_block(a, sizeof(a), st);
		format_block(b, sizeof(b), fw);
		bh_snprintf(field, sizeof(field), "firmware.%s",
			    firmware_blocks[i].field);
		if (st->length)
			compare_fact(f, field, "ACPI FADT", a, b, r);
		else if (fw->length) {
			bh_snprintf(init, sizeof(init), ".%s = %s,", field, b);
			note_unstated(f, note, init);
		}
	}
	return (int)(r->errors - before);
}

/* "cell \"x\": PCI device i (dddd:bb:dd.f) BAR b [start-end)" of @p b,
 * written into @p buf. */
static const char *bar_name(char *buf, size_t size,
			    const struct bh_config_set *set,
			    const struct bh_bar *b)
{
	const struct bh_cell_desc *d = set->cells[b->cell].desc;
	char name[16];

	bh_snprintf(buf, size, "cell \"%s\": PCI device %u (%s) %s BAR %u "
		    "[0x%llx-0x%llx)", bh_cell_name(d), b->device,
		    pci_name(name, sizeof(name),
			     &bh_cell_pci_devices(d)[b->device]),
		    b->io ? "I/O" : "memory", b->bar,
		    (unsigned long long)b->start,
		    (unsigned long long)(b->start + b->size));
	return buf;
}

/* Every cell's memory region (host side) or, for I/O BARs, port range
 * of another cell, that BAR @p b overlaps. */
static void check_bar_cells(const struct bh_config_set *set,
			    const struct bh_bar *b, const char *bn,
			    struct bh_report *r)
{
	struct range br = sized_range(b->start, b->size);
	u32 j, i;

	for (j = 0; j < set->num_cells; j++) {
		const struct bh_cell_desc *d = set->cells[j].desc;
		const struct bh_memory *m = bh_cell_mem_regions(d);
		const struct bh_pio *p = bh_cell_pio(d);

		for (i = 0; !b->io && i < d->num_memory_regions; i++)
			if (has_phys(&m[i]) && overlaps(phys_range(&m[i]), br))
				bh_error(r, "%s: %s overlaps memory region %u "
					 "[0x%llx-0x%llx) of cell \"%s\"",
					 set->cells[b->cell].file, bn, i,
					 (unsigned long long)m[i].phys_start,
					 (unsigned long long)(m[i].phys_start +
							      m[i].size),
					 bh_cell_name(d));
		/* The owner may have the ports already: they are its. */
		for (i = 0; b->io && j != b->cell && i < d->num_pio_regions;
		     i++)
			if (pio_valid(&p[i]) && overlaps(pio_range(&p[i]), br))
				bh_error(r, "%s: %s overlaps I/O port range %u "
					 "[0x%x-0x%x) of cell \"%s\"",
					 set->cells[b->cell].file, bn, i,
					 p[i].base, p[i].base + p[i].length,
					 bh_cell_name(d));
	}
}

/* The ranges of @p x of BAR @p b's kind that it overlaps. */
static void check_bar_ranges(const struct bh_config_set *set,
			     const struct bh_bar *b, const char *bn,
			     const struct bh_machine_range *x, u32 n,
			     struct bh_report *r)
{
	struct range br = sized_range(b->start, b->size);
	u32 k;

	for (k = 0; k < n; k++)
		if (x[k].kind == (b->io ? BH_RANGE_PORTS : BH_RANGE_MEMORY) &&
		    overlaps(br, (struct range){ x[k].start, x[k].end }))
			bh_error(r, "%s: %s overlaps %s [0x%llx-0x%llx)",
				 set->cells[b->cell].file, bn, x[k].what,
				 (unsigned long long)x[k].start,
				 (unsigned long long)x[k].end);
}

int bh_config_check_bars(const struct bh_config_set *set,
			 const struct bh_bar *bars, u32 nbars,
			 const struct bh_machine_range *ranges, u32 n,
			 const struct bh_memmap_entry *map, u32 map_entries,
			 struct bh_report *r)
{
	struct bh_machine_range fixed[MAX_FIXED];
	unsigned int before = r->errors;
	char bn[120], other[120];
	u32 i, j, nfixed = fixed_ranges(set->system, fixed);

	for (i = 0; i < nbars; i++) {
		const struct bh_bar *b = &bars[i];
		const char *f = set->cells[b->cell].file;
		struct range br = sized_range(b->start, b->size);

		bar_name(bn, sizeof(bn), set, b);
		if (!b->size || br.end <= br.start ||
		    (b->io && br.end > 0x10000)) {
			bh_error(r, "%s: %s: not an address range a cell can "
				 "be given", f, bn);
			continue;
		}
		/* A cell gets whole pages: a smaller BAR's page may hold
		 * another function's registers. */
		if (!b->io && (b->size < BH_PAGE_SIZE ||
			       b->start & (BH_PAGE_SIZE - 1)))
			bh_error(r, "%s: %s is not whole pages: the rest of its "
				 "page may belong to another function, so no "
				 "cell can be given it", f, bn);
		check_bar_ranges(set, b, bn, fixed, nfixed, r);
		check_bar_ranges(set, b, bn, ranges, n, r);
		check_bar_cells(set, b, bn, r);
		for (j = 0; !b->io && j < map_entries; j++)
			if (map[j].type != BH_MEMMAP_RESERVED &&
			    overlaps(br, sized_range(map[j].base,
						     map[j].length)))
				bh_error(r, "%s: %s overlaps [0x%llx-0x%llx), "
					 "memory of type %u (not MMIO) in the "
					 "firmware's memory map", f, bn,
					 (unsigned long long)map[j].base,
					 (unsigned long long)(map[j].base +
							      map[j].length),
					 map[j].efi_type);
		for (j = 0; j < i; j++)
			if (bars[j].io == b->io &&
			    overlaps(br, sized_range(bars[j].start,
						     bars[j].size)))
				bh_error(r, "%s: %s overlaps %s", f, bn,
					 bar_name(other, sizeof(other), set,
						  &bars[j]));
	}
	return (int)(r->errors - before);
}
