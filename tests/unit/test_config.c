/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of the configuration checkers bh_config_check() and
 * bh_config_check_machine() in core/lib/config_check.c. It builds a system config and a set of cell
 * configs in memory (each cell serialised like cells/hello.c: descriptor,
 * then memory regions, irqchips, PIO ranges, PCI devices and blobs, into a
 * heap buffer of exactly the reported size so that AddressSanitizer sees any
 * read beyond it), checks that a valid baseline of three cells passes
 * without a message, then breaks one rule at a time and checks that the
 * checker returns non-zero, emits exactly the expected number of messages
 * and that one of them names the source file, the cell (in quotes), the
 * region and the addresses involved. It also checks boundary cases that
 * must stay valid and that independent errors are all reported. Prints one
 * "ok <name>" or "FAIL <name>: <detail>" line per check (followed, on
 * failure, by the messages the checker emitted); exits 1 on any failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/config.h>
#include <bulkhead/handoff.h>
#include "config_check.h"
#include "report.h"

#define MAX_MEM		8
#define MAX_IRQ		4
#define MAX_PIO		8
#define MAX_PCI		4
#define MAX_BLOB	(BH_MAX_BLOBS + 1)	/* one over the limit */
#define MAX_TEST_CELLS	(BH_MAX_CELLS + 1)	/* one over the limit */
#define MAX_MSGS	64

#define SYS_FILE	"cells/system.c"
#define LINUX		0
#define RT		1
#define HELLO		2

#define RWX		(BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE)
#define RW		(BH_MEM_READ | BH_MEM_WRITE)

#define STR(x)		#x
#define XSTR(x)		STR(x)

/* A cell config before serialisation; counts are filled in from n*. */
struct cell_spec {
	const char *file;
	struct bh_cell_desc desc;
	struct bh_memory mem[MAX_MEM];
	struct bh_irqchip irq[MAX_IRQ];
	struct bh_pio pio[MAX_PIO];
	struct bh_pci_device pci[MAX_PCI];
	struct bh_linux linux_boot[2];
	struct bh_cmdline cmdline[2];
	struct bh_blob blob[MAX_BLOB];
	u32 nmem, nirq, npio, npci, nlinux, ncmdline, nblob;
	u64 blob_size[BH_MAX_BLOBS];
	bool raw_counts;	/* keep desc's counts as the test set them */
	long size_adjust;	/* bytes to cut (< 0) or append (> 0) */
};

/* A set under test, before serialisation. */
struct fixture {
	struct bh_system sys;
	/* Packed structures: the links follow the system directly, as in a
	 * system config (bh_shmem_place() is run on the fixture). */
	struct bh_shmem_link links[BH_MAX_SHMEM_LINKS + 1];
	u32 nlinks;		/* serialised after sys */
	long sys_size_adjust;
	u32 num_cells;
	struct cell_spec cell[MAX_TEST_CELLS];
};

/* The set under test; reset by baseline() or many_cells(). */
static struct fixture fx;

/* What the last run produced. */
struct capture {
	unsigned int n;		/* messages emitted, even beyond MAX_MSGS */
	char msg[MAX_MSGS][BH_REPORT_LINE];
};

static struct capture cap;
static struct capture notes;	/* bh_config_check_platform()'s notes */
static int last_ret;
static int failures;
static int checks;

static void capture(void *ctx, const char *msg)
{
	struct capture *c = ctx;

	if (c->n < MAX_MSGS)
		snprintf(c->msg[c->n], sizeof(c->msg[0]), "%s", msg);
	c->n++;
}

static void set_str(char *dst, size_t size, const char *src)
{
	memset(dst, 0, size);
	strncpy(dst, src, size - 1);
}

static struct bh_memory mem(u64 phys, u64 virt, u64 size, u64 flags)
{
	struct bh_memory m = {
		.phys_start = phys,
		.virt_start = virt,
		.size = size,
		.flags = flags,
	};

	return m;
}

static void add_mem(struct cell_spec *s, u64 phys, u64 virt, u64 size,
		    u64 flags)
{
	s->mem[s->nmem++] = mem(phys, virt, size, flags);
}

static void add_comm(struct cell_spec *s, u64 virt)
{
	add_mem(s, 0, virt, BH_PAGE_SIZE, RW | BH_MEM_COMM_REGION);
}

static void add_pio(struct cell_spec *s, u16 base, u16 length)
{
	s->pio[s->npio].base = base;
	s->pio[s->npio].length = length;
	s->npio++;
}

static void add_irqchip(struct cell_spec *s, u64 address, u32 pins0)
{
	struct bh_irqchip *ic = &s->irq[s->nirq++];

	memset(ic, 0, sizeof(*ic));
	ic->address = address;
	ic->id = 0xf8;
	ic->pin_bitmap[0] = pins0;
}

static void add_pci(struct cell_spec *s, u16 domain, u16 bdf)
{
	struct bh_pci_device *p = &s->pci[s->npci++];

	memset(p, 0, sizeof(*p));
	p->type = BH_PCI_TYPE_DEVICE;
	p->domain = domain;
	p->bdf = bdf;
	p->vendor_id = 0x8086;
	p->device_id = 0x293e;
}

static void add_blob(struct cell_spec *s, const char *file, u64 load, u64 size)
{
	struct bh_blob *b = &s->blob[s->nblob];

	set_str(b->file, sizeof(b->file), file);
	b->load_address = load;
	if (s->nblob < BH_MAX_BLOBS)
		s->blob_size[s->nblob] = size;
	s->nblob++;
}

static void init_cell(struct cell_spec *s, const char *file, const char *name,
		      u64 cpus)
{
	memset(s, 0, sizeof(*s));
	s->file = file;
	memcpy(s->desc.signature, BH_CELL_SIGNATURE, BH_SIGNATURE_LEN);
	s->desc.revision = BH_CONFIG_REVISION;
	set_str(s->desc.name, sizeof(s->desc.name), name);
	s->desc.cpus = cpus;
	s->desc.msg_reply_timeout = 100000;
	s->desc.console.type = BH_CON_TYPE_8250;
	s->desc.console.size = 8;
}

/* What q35's FADT says (cells/system.c). */
static const struct bh_firmware_ports q35_firmware = {
	.smi_command = { 0xb2, 1 },
	.pm1a_event = { 0x600, 4 },
	.pm1a_control = { 0x604, 2 },
	.gpe0 = { 0x620, 16 },
};

static void init_system(u32 num_cpus)
{
	memset(&fx.sys, 0, sizeof(fx.sys));
	memcpy(fx.sys.signature, BH_SYSTEM_SIGNATURE, BH_SIGNATURE_LEN);
	fx.sys.revision = BH_CONFIG_REVISION;
	fx.sys.num_cpus = num_cpus;
	fx.sys.hypervisor_memory.phys_start = 0x02000000;	/* 32 MiB */
	fx.sys.hypervisor_memory.size = 0x00800000;		/* 8 MiB */
	fx.sys.debug_console.address = 0x3f8;
	fx.sys.debug_console.size = 8;
	fx.sys.debug_console.type = BH_CON_TYPE_8250;
	fx.sys.platform_info.pci_mmconfig_base = 0xb0000000;
	fx.sys.platform_info.pci_mmconfig_end_bus = 0xff;
	fx.sys.platform_info.pm_timer_address = 0x608;
	fx.sys.platform_info.hpet_address = 0xfed00000;
	fx.sys.platform_info.firmware = q35_firmware;
	fx.sys_size_adjust = 0;
}

/*
 * The valid baseline: 4 CPUs, hypervisor at [0x2000000-0x2800000).
 *   linux (cells/linux.c): CPU 0, RAM [0x10000000-0x11000000) at guest 0,
 *     comm at 0x1000000, an IO page, a SHARED window at 0x20000000,
 *     IOAPIC 0xfec00000 pins 4 and 9, ports 0x60 and 0x61, one blob.
 *   rt (cells/rt.c): CPUs 1-2, RAM [0x3000000-0x4000000), comm, the same
 *     SHARED window (SHARED too), IOAPIC 0xfec00000 pin 5, ports
 *     0x2f8-0x2ff, one blob.
 * No PCI device and no DMA region: without an IOMMU both are refused.
 *   hello (cells/hello.c): CPU 3, RAM [0x4000000-0x4100000) (adjacent to
 *     rt's), comm, ports 0x3e8-0x3ef, one blob.
 */
static void baseline(void)
{
	struct cell_spec *c;

	memset(&fx, 0, sizeof(fx));
	init_system(4);
	fx.num_cells = 3;

	c = &fx.cell[LINUX];
	init_cell(c, "cells/linux.c", "linux", 1ULL << 0);
	c->desc.flags = BH_CELL_VIRTUAL_CONSOLE_PERMITTED;
	c->desc.cpu_reset_address = 0x100000;
	add_mem(c, 0x10000000, 0, 0x1000000, RWX);
	add_comm(c, 0x1000000);
	add_mem(c, 0xfebf0000, 0xfebf0000, 0x1000, RW | BH_MEM_IO);
	add_mem(c, 0x20000000, 0x20000000, 0x100000, RW | BH_MEM_SHARED);
	add_irqchip(c, 0xfec00000, 1U << 4 | 1U << 9);
	add_pio(c, 0x60, 1);
	add_pio(c, 0x61, 1);
	add_blob(c, "build/inmates/linux.bin", 0x100000, 0x400000);

	c = &fx.cell[RT];
	init_cell(c, "cells/rt.c", "rt", 1ULL << 1 | 1ULL << 2);
	c->desc.flags = BH_CELL_PASSIVE_COMMREG;
	add_mem(c, 0x03000000, 0, 0x1000000, RWX);
	add_comm(c, 0x1000000);
	add_mem(c, 0x20000000, 0x10000000, 0x100000, RW | BH_MEM_SHARED);
	add_irqchip(c, 0xfec00000, 1U << 5);
	add_pio(c, 0x2f8, 8);
	add_blob(c, "build/inmates/rt.bin", 0, 0x10000);

	c = &fx.cell[HELLO];
	init_cell(c, "cells/hello.c", "hello", 1ULL << 3);
	c->desc.flags = BH_CELL_PASSIVE_COMMREG |
			BH_CELL_VIRTUAL_CONSOLE_PERMITTED;
	add_mem(c, 0x04000000, 0, 0x100000, RWX);
	add_comm(c, 0x100000);
	add_pio(c, 0x3e8, 8);
	add_blob(c, "build/inmates/tiny.bin", 0, 0x1000);
}

/* A minimal valid cell number @p i of a many-cell set: CPU i, 1 MiB RAM. */
static void gen_cell(u32 i)
{
	static char files[MAX_TEST_CELLS][32];
	char name[16];
	struct cell_spec *c = &fx.cell[i];

	snprintf(files[i], sizeof(files[i]), "cells/g%u.c", (unsigned int)i);
	snprintf(name, sizeof(name), "g%u", (unsigned int)i);
	init_cell(c, files[i], name, 1ULL << i);
	add_mem(c, 0x40000000 + (u64)i * 0x100000, 0, 0x100000, RWX);
	add_comm(c, 0x100000);
	add_pio(c, (u16)(0x1000 + i * 0x10), 0x10);
	add_blob(c, "build/inmates/tiny.bin", 0, 0x1000);
}

static void many_cells(u32 n)
{
	u32 i;

	memset(&fx, 0, sizeof(fx));
	init_system(32);
	fx.num_cells = n;
	for (i = 0; i < n; i++)
		gen_cell(i);
}

static void append(u8 **p, const void *src, size_t len)
{
	if (len)
		memcpy(*p, src, len);
	*p += len;
}

/* Serialise @p s into a fresh heap buffer of exactly *size bytes. */
static u8 *serialise(const struct cell_spec *s, u64 *size)
{
	struct bh_cell_desc d = s->desc;
	size_t full, n;
	u8 *tmp, *p, *buf;

	if (!s->raw_counts) {
		d.num_memory_regions = s->nmem;
		d.num_irqchips = s->nirq;
		d.num_pio_regions = s->npio;
		d.num_pci_devices = s->npci;
		d.num_linux = s->nlinux;
		d.num_cmdline = s->ncmdline;
		d.num_blobs = s->nblob;
	}
	full = sizeof(d) + s->nmem * sizeof(s->mem[0]) +
	       s->nirq * sizeof(s->irq[0]) + s->npio * sizeof(s->pio[0]) +
	       s->npci * sizeof(s->pci[0]) +
	       s->nlinux * sizeof(s->linux_boot[0]) +
	       s->ncmdline * sizeof(s->cmdline[0]) +
	       s->nblob * sizeof(s->blob[0]);
	n = (size_t)((long)full + s->size_adjust);
	tmp = calloc(1, full > n ? full : n);
	buf = malloc(n ? n : 1);
	if (!tmp || !buf) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	p = tmp;
	append(&p, &d, sizeof(d));
	append(&p, s->mem, s->nmem * sizeof(s->mem[0]));
	append(&p, s->irq, s->nirq * sizeof(s->irq[0]));
	append(&p, s->pio, s->npio * sizeof(s->pio[0]));
	append(&p, s->pci, s->npci * sizeof(s->pci[0]));
	append(&p, s->linux_boot, s->nlinux * sizeof(s->linux_boot[0]));
	append(&p, s->cmdline, s->ncmdline * sizeof(s->cmdline[0]));
	append(&p, s->blob, s->nblob * sizeof(s->blob[0]));
	memcpy(buf, tmp, n);
	free(tmp);
	*size = n;
	return buf;
}

/* When set, run_set() compares the system with these facts of the
 * firmware (bh_config_check_platform()) instead. */
static const struct bh_platform_info *run_found;

/* When set (run_bars()), run_set() checks these BARs with
 * bh_config_check_bars() instead. */
static const struct bh_bar *run_bar_list;
static u32 run_nbars;
static const struct bh_memmap_entry *run_map;
static u32 run_map_entries;

/* Check the set @p f describes with bh_config_check(), or with
 * bh_config_check_machine() against @p n ranges @p machine if these are
 * given; fills cap, notes (bh_config_check_platform()'s, or
 * bh_config_notes()' of a valid set) and last_ret. */
static int run_set(const struct fixture *f,
		   const struct bh_machine_range *machine, u32 n_machine)
{
	static struct bh_config_set set;
	struct bh_report r = { capture, &cap, 0 };
	struct bh_report nr = { capture, &notes, 0 };
	u8 *bufs[BH_MAX_CELLS] = { NULL };
	u8 *sys;
	size_t full = sizeof(f->sys) + f->nlinks * sizeof(f->links[0]);
	size_t sys_size = (size_t)((long)full + f->sys_size_adjust);
	u32 i, n = f->num_cells;

	if (n > BH_MAX_CELLS)
		n = BH_MAX_CELLS;	/* the set holds no more */
	memset(&set, 0, sizeof(set));
	memset(&cap, 0, sizeof(cap));
	memset(&notes, 0, sizeof(notes));
	sys = calloc(1, sys_size ? sys_size : 1);
	if (!sys) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	memcpy(sys, &f->sys, sys_size < full ? sys_size : full);
	set.system = (const struct bh_system *)sys;
	set.system_size = sys_size;
	set.system_file = SYS_FILE;
	set.num_cells = f->num_cells;
	for (i = 0; i < n; i++) {
		bufs[i] = serialise(&f->cell[i], &set.cells[i].size);
		set.cells[i].desc = (const struct bh_cell_desc *)bufs[i];
		set.cells[i].file = f->cell[i].file;
		memcpy(set.cells[i].blob_size, f->cell[i].blob_size,
		       sizeof(set.cells[i].blob_size));
	}
	if (run_found)
		last_ret = bh_config_check_platform(&set, run_found, &r, &nr);
	else if (run_bar_list)
		last_ret = bh_config_check_bars(&set, run_bar_list, run_nbars,
						machine, n_machine, run_map,
						run_map_entries, &r);
	else if (machine)
		last_ret = bh_config_check_machine(&set, machine, n_machine,
						   &r);
	else if (!(last_ret = bh_config_check(&set, &r)))
		bh_config_notes(&set, &nr);
	if (r.errors != cap.n) {
		printf("# report counted %u errors but emitted %u\n",
		       r.errors, cap.n);
		last_ret = -1000;
	}
	for (i = 0; i < n; i++)
		free(bufs[i]);
	free(sys);
	return last_ret;
}

static int run(void)
{
	return run_set(&fx, NULL, 0);
}

static int run_machine(const struct bh_machine_range *machine, u32 n)
{
	return run_set(&fx, machine, n);
}

/* Compare the fixture's system with the firmware's @p found. */
static int run_platform(const struct bh_platform_info *found)
{
	run_found = found;
	run_set(&fx, NULL, 0);
	run_found = NULL;
	return last_ret;
}

/* Check @p n BARs found at boot against the fixture, the @p nm machine
 * ranges @p machine and the firmware's memory map @p map. */
static int run_bars(const struct bh_bar *bars, u32 n,
		    const struct bh_machine_range *machine, u32 nm,
		    const struct bh_memmap_entry *map, u32 map_entries)
{
	run_bar_list = bars;
	run_nbars = n;
	run_map = map;
	run_map_entries = map_entries;
	run_set(&fx, machine, nm);
	run_bar_list = NULL;
	return last_ret;
}

/* Is note @p i of the last run @p text exactly? */
static bool note_is(unsigned int i, const char *text)
{
	return i < notes.n && i < MAX_MSGS && !strcmp(notes.msg[i], text);
}

/* Does one message of the last run contain every string of @p needles? */
static bool have(const char *const *needles)
{
	unsigned int i, k;

	for (i = 0; i < cap.n && i < MAX_MSGS; i++) {
		for (k = 0; needles[k]; k++)
			if (!strstr(cap.msg[i], needles[k]))
				break;
		if (!needles[k])
			return true;
	}
	return false;
}

/* HAVE("a", "b", ...): one message contains "a" and "b" and ... */
#define HAVE(...) have((const char *const[]){ __VA_ARGS__, NULL })

static void dump_msgs(void)
{
	unsigned int i;

	for (i = 0; i < cap.n && i < MAX_MSGS; i++)
		printf("#   msg %u: %s\n", i, cap.msg[i]);
}

static void dump_notes(void)
{
	unsigned int i;

	for (i = 0; i < notes.n && i < MAX_MSGS; i++)
		printf("#   note %u: %s\n", i, notes.msg[i]);
}

static void result(const char *name, bool ok, const char *detail)
{
	checks++;
	if (ok) {
		printf("ok %s\n", name);
		return;
	}
	failures++;
	printf("FAIL %s: %s (returned %d, %u messages)\n", name, detail,
	       last_ret, cap.n);
	dump_msgs();
}

/* The last run must have passed without a message. */
static void expect_clean(const char *name)
{
	result(name, last_ret == 0 && cap.n == 0,
	       "expected a valid set, got messages");
}

/*
 * The last run must have failed with @p want messages (any number if
 * negative), the return value matching the count, and @p found (a HAVE()
 * result) must hold.
 */
static void expect(const char *name, int want, bool found)
{
	char detail[160];
	bool ok = false;

	if (last_ret <= 0)
		snprintf(detail, sizeof(detail), "expected failure");
	else if ((unsigned int)last_ret != cap.n)
		snprintf(detail, sizeof(detail),
			 "return value differs from message count");
	else if (want >= 0 && cap.n != (unsigned int)want)
		snprintf(detail, sizeof(detail), "expected %d message(s)",
			 want);
	else if (!found)
		snprintf(detail, sizeof(detail),
			 "no message with the expected facts");
	else
		ok = true;
	result(name, ok, detail);
}

/* ---- valid sets -------------------------------------------------------- */

static void test_valid(void)
{
	baseline();
	run();
	expect_clean("valid_baseline");

	/* All CPUs usable: num_cpus 64 and CPU 63. */
	baseline();
	fx.sys.num_cpus = 64;
	fx.cell[HELLO].desc.cpus |= 1ULL << 63;
	run();
	expect_clean("valid_cpu63_of_64");

	/* Ranges that touch but do not overlap: rt's ports, the hv. */
	baseline();
	fx.cell[HELLO].pio[0].base = 0x300;
	fx.cell[HELLO].mem[0].phys_start = 0x02800000;
	run();
	expect_clean("valid_adjacent_ranges");

	/* Last ports of the I/O space. */
	baseline();
	add_pio(&fx.cell[HELLO], 0xfff8, 8);
	run();
	expect_clean("valid_pio_up_to_0xffff");

	/* A blob exactly as large as its region, at its start. */
	baseline();
	fx.cell[HELLO].blob_size[0] = 0x100000;
	run();
	expect_clean("valid_blob_fills_region");

	/* Same pin number on another IOAPIC is another pin. */
	baseline();
	add_irqchip(&fx.cell[HELLO], 0xfec01000, 1U << 4);
	run();
	expect_clean("valid_ioapic_same_pin_other_chip");

	/* Both cells SHARED: the overlap is allowed (also a RAM-sized one). */
	baseline();
	add_mem(&fx.cell[HELLO], 0x20000000, 0x200000, 0x100000,
		RW | BH_MEM_SHARED);
	run();
	expect_clean("valid_shared_overlap_three_cells");

	many_cells(BH_MAX_CELLS);
	run();
	expect_clean("valid_max_cells");
}

/* ---- memory ------------------------------------------------------------ */

static void test_memory_overlap(void)
{
	baseline();
	fx.cell[RT].mem[0].phys_start = 0x10800000;
	run();
	expect("mem_overlap_between_cells", 1,
	       HAVE("cells/rt.c: ", "cell \"rt\"",
		    "memory region 0 [0x10800000-0x11800000)",
		    "overlaps cell \"linux\" region 0",
		    "[0x10000000-0x11000000)"));

	baseline();
	fx.cell[RT].mem[2].flags &= ~(u64)BH_MEM_SHARED;
	run();
	expect("mem_overlap_only_second_shared", 1,
	       HAVE("cells/rt.c: ", "cell \"rt\"",
		    "memory region 2 [0x20000000-0x20100000)",
		    "overlaps cell \"linux\" region 3 [0x20000000-0x20100000)",
		    "only one of them is SHARED"));

	baseline();
	fx.cell[LINUX].mem[3].flags &= ~(u64)BH_MEM_SHARED;
	run();
	expect("mem_overlap_only_first_shared", 1,
	       HAVE("cells/rt.c: ", "cell \"rt\"", "memory region 2",
		    "overlaps cell \"linux\" region 3",
		    "only one of them is SHARED"));

	baseline();
	fx.cell[RT].mem[2].flags &= ~(u64)BH_MEM_SHARED;
	fx.cell[LINUX].mem[3].flags &= ~(u64)BH_MEM_SHARED;
	run();
	expect("mem_overlap_neither_shared", 1,
	       HAVE("cells/rt.c: ", "cell \"rt\"", "memory region 2",
		    "overlaps cell \"linux\" region 3") &&
	       !HAVE("SHARED"));

	/* IO regions are not exempt: two cells mapping the same device. */
	baseline();
	add_mem(&fx.cell[HELLO], 0xfebf0000, 0xfebf0000, 0x1000,
		RW | BH_MEM_IO);
	run();
	expect("mem_overlap_io_regions", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "memory region 2 [0xfebf0000-0xfebf1000)",
		    "overlaps cell \"linux\" region 2"));

	baseline();
	fx.cell[HELLO].mem[0].phys_start = 0x02700000;
	run();
	expect("mem_overlap_hypervisor", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "memory region 0 [0x2700000-0x2800000)",
		    "overlaps the hypervisor memory [0x2000000-0x2800000)"));

	/* A region enclosing the hypervisor entirely. */
	baseline();
	fx.cell[HELLO].mem[0].phys_start = 0x01000000;
	fx.cell[HELLO].mem[0].size = 0x02000000;
	fx.cell[HELLO].mem[1].virt_start = 0x02000000;
	run();
	expect("mem_enclosing_hypervisor", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "memory region 0",
		    "overlaps the hypervisor memory"));
}

/* Ranges of the machine that no region may cover, whatever its kind. */
static void test_memory_machine(void)
{
	baseline();
	add_mem(&fx.cell[HELLO], 0xfee00000, 0x200000, 0x1000, RW | BH_MEM_IO);
	run();
	expect("mem_lapic_msi_io", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "memory region 2 [0xfee00000-0xfee01000) overlaps the "
		    "local APIC and MSI window [0xfee00000-0xfef00000)"));

	/* RAM and SHARED regions alike; the window's last page. */
	baseline();
	add_mem(&fx.cell[HELLO], 0xfeeff000, 0x200000, 0x2000, RW);
	add_mem(&fx.cell[RT], 0xfed10000, 0x20000000, 0xf1000,
		RW | BH_MEM_SHARED);
	run();
	expect("mem_lapic_msi_ram_shared", 2,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "memory region 2 [0xfeeff000-0xfef01000) overlaps the "
		    "local APIC and MSI window") &&
	       HAVE("cells/rt.c: ", "cell \"rt\"",
		    "memory region 3 [0xfed10000-0xfee01000) overlaps the "
		    "local APIC and MSI window"));

	baseline();
	add_mem(&fx.cell[HELLO], 0xfedff000, 0x200000, 0x1000, RW | BH_MEM_IO);
	add_mem(&fx.cell[HELLO], 0xfef00000, 0x300000, 0x1000, RW | BH_MEM_IO);
	run();
	expect_clean("valid_around_lapic_msi_window");

	/* Linux and rt both name IOAPIC 0xfec00000: reported once. */
	baseline();
	add_mem(&fx.cell[HELLO], 0xfec00000, 0x200000, 0x1000, RW | BH_MEM_IO);
	run();
	expect("mem_ioapic_page", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "memory region 2 [0xfec00000-0xfec01000) overlaps the "
		    "IOAPIC page [0xfec00000-0xfec01000) that cell \"linux\" "
		    "names in irqchip 0"));

	/* A page no irqchip names is not an IOAPIC page... */
	baseline();
	add_mem(&fx.cell[HELLO], 0xfec01000, 0x200000, 0x1000, RW | BH_MEM_IO);
	run();
	expect_clean("valid_unnamed_ioapic_page");
	/* ...until one does, whatever the offset of its address. */
	add_irqchip(&fx.cell[RT], 0xfec01040, 0);
	run();
	expect("mem_ioapic_page_other_chip", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "memory region 2 [0xfec01000-0xfec02000)",
		    "the IOAPIC page [0xfec01000-0xfec02000) that cell "
		    "\"rt\" names in irqchip 1"));

	/* The cell's own irqchip counts too. */
	baseline();
	add_mem(&fx.cell[LINUX], 0xfebf1000, 0xfebf1000, 0x10000, RW | BH_MEM_IO);
	run();
	expect("mem_ioapic_page_own", 1,
	       HAVE("cells/linux.c: ", "cell \"linux\"",
		    "memory region 4 [0xfebf1000-0xfec01000)",
		    "IOAPIC page [0xfec00000-0xfec01000) that cell \"linux\""));

	baseline();
	add_mem(&fx.cell[HELLO], 0xbffff000, 0x200000, 0x1000, RW | BH_MEM_IO);
	run();
	expect("mem_mmconfig", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "memory region 2 [0xbffff000-0xc0000000) overlaps the PCI "
		    "MMCONFIG window [0xb0000000-0xc0000000)"));
	fx.cell[HELLO].mem[2].phys_start = 0xc0000000;
	run();
	expect_clean("valid_above_mmconfig");

	/* One bus: 1 MiB. */
	baseline();
	fx.sys.platform_info.pci_mmconfig_end_bus = 0;
	add_mem(&fx.cell[HELLO], 0xb00ff000, 0x200000, 0x1000, RW | BH_MEM_IO);
	run();
	expect("mem_mmconfig_one_bus", 1,
	       HAVE("cells/hello.c: ", "memory region 2",
		    "PCI MMCONFIG window [0xb0000000-0xb0100000)"));
	fx.cell[HELLO].mem[2].phys_start = 0xb0100000;
	run();
	expect_clean("valid_beyond_mmconfig_one_bus");

	/* No MMCONFIG: nothing to overlap. */
	baseline();
	fx.sys.platform_info.pci_mmconfig_base = 0;
	add_mem(&fx.cell[HELLO], 0xb0000000, 0x200000, 0x1000, RW | BH_MEM_IO);
	run();
	expect_clean("valid_no_mmconfig");
}

static void test_memory_region(void)
{
	baseline();
	fx.cell[HELLO].mem[0].phys_start = 0x04000800;
	run();
	expect("mem_unaligned_phys", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "memory region 0 [0x4000800-0x4100800)",
		    "not page-aligned"));

	baseline();
	fx.cell[LINUX].mem[3].virt_start = 0x20000800;
	run();
	expect("mem_unaligned_virt", 1,
	       HAVE("cells/linux.c: ", "cell \"linux\"", "memory region 3",
		    "not page-aligned", "guest 0x20000800"));

	baseline();
	fx.cell[LINUX].mem[3].size = 0x100800;
	run();
	expect("mem_unaligned_size", 1,
	       HAVE("cells/linux.c: ", "cell \"linux\"",
		    "memory region 3 [0x20000000-0x20100800)",
		    "not page-aligned"));

	baseline();
	add_mem(&fx.cell[HELLO], 0x05000000, 0x200000, 0, RW);
	run();
	expect("mem_empty_region", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "memory region 2 is empty"));

	baseline();
	add_mem(&fx.cell[HELLO], 0xfffffffffff00000ULL, 0x200000, 0x200000,
		RW | BH_MEM_IO);
	run();
	expect("mem_region_wraps", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "memory region 2",
		    "wraps around"));

	baseline();
	add_mem(&fx.cell[HELLO], (1ULL << 52) - 0x1000, 0x200000, 0x2000,
		RW | BH_MEM_IO);
	run();
	expect("mem_region_beyond_52_bits", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "memory region 2 [0xffffffffff000-0x10000000001000) is "
		    "beyond x86-64's 52-bit physical address space"));

	baseline();
	add_mem(&fx.cell[HELLO], (1ULL << 52) - 0x1000, 0x200000, 0x1000,
		RW | BH_MEM_IO);
	run();
	expect_clean("mem_region_up_to_52_bits");

	baseline();
	fx.cell[HELLO].mem[0].flags |= 0x200;
	run();
	expect("mem_unknown_flags", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "memory region 0",
		    "unknown flags 0x200"));

	baseline();
	fx.cell[HELLO].mem[0].flags |= 1ULL << 40;
	run();
	expect("mem_unknown_flags_high", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "memory region 0",
		    "unknown flags 0x10000000000"));

	baseline();
	fx.cell[HELLO].mem[1].virt_start = 0x80000;
	run();
	expect("mem_guest_overlap_in_cell", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "memory region 1 guest range [0x80000-0x81000)",
		    "overlaps region 0"));

	/* Guest overlap between two RAM regions of different phys ranges. */
	baseline();
	add_mem(&fx.cell[HELLO], 0x05000000, 0xff000, 0x2000, RW);
	run();
	expect("mem_guest_overlap_ram_ram", -1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "memory region 2 guest range [0xff000-0x101000)",
		    "overlaps region 0") &&
	       HAVE("memory region 2 guest range", "overlaps region 1"));
}

/* ---- comm region ------------------------------------------------------- */

static void test_comm(void)
{
	baseline();
	fx.cell[HELLO].nmem = 1;	/* drop the comm region */
	run();
	expect("comm_missing", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "no comm region"));

	baseline();
	add_comm(&fx.cell[HELLO], 0x200000);
	run();
	expect("comm_twice", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "memory region 2 is a second comm region",
		    "first: region 1"));

	baseline();
	fx.cell[HELLO].mem[1].size = 0x2000;
	run();
	expect("comm_size_0x2000", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "comm region (memory region 1) is 0x2000 bytes",
		    "must be 0x1000"));

	/* Comm regions never collide between cells, whatever phys says. */
	baseline();
	fx.cell[HELLO].mem[1].phys_start = 0x02000000;	/* = hv, ignored */
	fx.cell[RT].mem[1].phys_start = 0x02000000;
	run();
	expect_clean("comm_phys_ignored");

	/* The test device's page, after the comm region, stays free. */
	baseline();
	fx.cell[HELLO].desc.flags |= BH_CELL_TEST_DEVICE;
	run();
	expect_clean("test_device_flag");
	add_mem(&fx.cell[HELLO], 0x04100000, 0x101000, 0x1000, RW);
	run();
	expect("test_device_page_covered", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "memory region 2 guest range [0x101000-0x102000) covers "
		    "the test device's page [0x101000-0x102000)"));
	/* Without the flag the page is the cell's to use. */
	fx.cell[HELLO].desc.flags &= ~BH_CELL_TEST_DEVICE;
	run();
	expect_clean("test_device_page_free_without_flag");
}

/* ---- CPUs -------------------------------------------------------------- */

static void test_cpus(void)
{
	baseline();
	fx.cell[HELLO].desc.cpus |= 1ULL << 2;
	run();
	expect("cpu_in_two_cells", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "CPU 2 is also in cell \"rt\""));

	baseline();
	fx.cell[HELLO].desc.cpus |= 1ULL << 5;
	run();
	expect("cpu_beyond_num_cpus", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "CPU 5 is beyond the machine's 4 CPUs"));

	baseline();
	fx.cell[HELLO].desc.cpus = 1ULL << 4;
	run();
	expect("cpu_first_beyond", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "CPU 4 is beyond"));

	baseline();
	fx.cell[HELLO].desc.cpus = 0;
	run();
	expect("cpu_none", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "has no CPU"));
}

/* ---- I/O ports, PCI, IOAPIC -------------------------------------------- */

static void test_pio(void)
{
	baseline();
	fx.cell[HELLO].pio[0].base = 0x2fc;
	run();
	expect("pio_overlap_between_cells", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "I/O port range 0 [0x2fc-0x304)",
		    "overlaps cell \"rt\" range 0 [0x2f8-0x300)"));

	baseline();
	add_pio(&fx.cell[HELLO], 0x61, 1);
	run();
	expect("pio_same_port_between_cells", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "I/O port range 1",
		    "overlaps cell \"linux\" range 1 [0x61-0x62)"));

	baseline();
	fx.cell[HELLO].pio[0].length = 0;
	run();
	expect("pio_empty", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "I/O port range 0",
		    "base 0x3e8, length 0", "empty"));

	baseline();
	add_pio(&fx.cell[HELLO], 0xfff8, 9);
	run();
	expect("pio_beyond_0xffff", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "I/O port range 1",
		    "base 0xfff8, length 9", "beyond port 0xffff"));

	baseline();
	add_pio(&fx.cell[HELLO], 0xffff, 0xffff);
	run();
	expect("pio_huge_length", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "I/O port range 1",
		    "base 0xffff, length 65535"));

	baseline();
	add_pio(&fx.cell[HELLO], 0x3fc, 2);	/* inside COM1 0x3f8..0x3ff */
	run();
	expect("pio_debug_console", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "I/O port range 1",
		    "[0x3fc-0x3fe) overlaps the hypervisor's debug console "
		    "[0x3f8-0x400)"));

	baseline();
	fx.sys.debug_console.flags |= BH_CON_ACCESS_MMIO;
	run();
	expect("sys_console_mmio", 1,
	       HAVE(SYS_FILE ": ", "must use I/O ports", "(MMIO)"));

	baseline();
	fx.sys.debug_console.address = 0x12345;
	run();
	expect("sys_console_port_range", 1,
	       HAVE(SYS_FILE ": ", "must use I/O ports", "0x12345"));
}

/* Ports that reach the whole machine: the PCI configuration ports for no
 * cell, the reset ports only for a cell with BH_CELL_MACHINE_CONTROL. */
static void test_pio_machine(void)
{
	static const struct {
		const char *name, *allowed;
		u16 base, length;
		const char *what;
	} reset[] = {
		{ "pio_reset_cf9", "valid_machine_control_cf9", 0xcf9, 1, "I/O port range 2 [0xcf9-0xcfa) "
		  "overlaps the reset control register [0xcf9-0xcfa) (it can "
		  "reset or power off the machine: only a cell with "
		  "BH_CELL_MACHINE_CONTROL may own it)" },
		{ "pio_reset_92", "valid_machine_control_92", 0x90, 4, "I/O port range 2 [0x90-0x94) "
		  "overlaps System Control Port A [0x92-0x93) (it can reset" },
		{ "pio_reset_kbc", "valid_machine_control_kbc", 0x62, 3, "I/O port range 2 [0x62-0x65) "
		  "overlaps the keyboard controller's command port "
		  "[0x64-0x65) (it can reset" },
	};
	static const struct {
		const char *name;
		u16 base, length;
		const char *what;
	} config[] = {
		{ "pio_pci_config_data", 0xcfc, 4, "I/O port range 1 "
		  "[0xcfc-0xd00) overlaps the PCI configuration ports "
		  "[0xcf8-0xd00) (no cell may own them; port 0xcf9 alone is "
		  "the reset control register)" },
		{ "pio_pci_config_address", 0xcf8, 1, "I/O port range 1 "
		  "[0xcf8-0xcf9) overlaps the PCI configuration ports" },
		{ "pio_cf9_with_config_port", 0xcf9, 2, "I/O port range 1 "
		  "[0xcf9-0xcfb) overlaps the PCI configuration ports" },
	};
	unsigned int i;

	for (i = 0; i < BH_ARRAY_SIZE(reset); i++) {
		baseline();
		add_pio(&fx.cell[LINUX], reset[i].base, reset[i].length);
		run();
		expect(reset[i].name, 1,
		       HAVE("cells/linux.c: ", "cell \"linux\"", reset[i].what));
		/* Policy: the machine-control flag allows it. */
		fx.cell[LINUX].desc.flags |= BH_CELL_MACHINE_CONTROL;
		run();
		expect_clean(reset[i].allowed);
	}

	/* Around the reset ports, no flag is needed. */
	baseline();
	add_pio(&fx.cell[LINUX], 0x62, 2);
	add_pio(&fx.cell[LINUX], 0x65, 1);
	add_pio(&fx.cell[LINUX], 0x90, 2);
	add_pio(&fx.cell[HELLO], 0x93, 1);
	add_pio(&fx.cell[HELLO], 0xcf0, 8);
	add_pio(&fx.cell[HELLO], 0xd00, 8);
	run();
	expect_clean("valid_around_machine_ports");

	/* Safety: the PCI configuration ports, flag or not; the flag allows
	 * 0xcf9 alone, never a range around it. */
	for (i = 0; i < BH_ARRAY_SIZE(config); i++) {
		baseline();
		add_pio(&fx.cell[HELLO], config[i].base, config[i].length);
		fx.cell[HELLO].desc.flags |= BH_CELL_MACHINE_CONTROL;
		run();
		expect(config[i].name, 1,
		       HAVE("cells/hello.c: ", "cell \"hello\"",
			    config[i].what));
	}

	/* The legacy PIC, ELCR and ISA DMA ports: no cell, flag or not;
	 * port 0x80 between them is left. */
	{
		static const struct {
			const char *name;
			u16 base, length;
			const char *what;
		} legacy[] = {
			{ "pio_isa_dma_low", 0x0c, 2, "[0x0-0x10)" },
			{ "pio_pic_master", 0x21, 1, "overlaps the master 8259 "
			  "PIC [0x20-0x22)" },
			{ "pio_dma_page", 0x7f, 3, "overlaps the ISA DMA page "
			  "registers [0x81-0x90)" },
			{ "pio_pic_slave", 0xa0, 2, "the slave 8259 PIC" },
			{ "pio_isa_dma_high", 0xde, 4, "channels 4-7) "
			  "[0xc0-0xe0)" },
			{ "pio_elcr", 0x4d1, 1, "overlaps the 8259 edge/level "
			  "control registers (ELCR) [0x4d0-0x4d2)" },
		};

		for (i = 0; i < BH_ARRAY_SIZE(legacy); i++) {
			baseline();
			add_pio(&fx.cell[HELLO], legacy[i].base,
				legacy[i].length);
			fx.cell[HELLO].desc.flags |= BH_CELL_MACHINE_CONTROL;
			run();
			expect(legacy[i].name, 1,
			       HAVE("cells/hello.c: ", "cell \"hello\"",
				    legacy[i].what));
		}
		baseline();
		add_pio(&fx.cell[HELLO], 0x80, 1);
		add_pio(&fx.cell[HELLO], 0x10, 0x10);
		run();
		expect_clean("valid_post_code_port");
	}

	/* Without the flag, the whole block breaks both rules. */
	baseline();
	add_pio(&fx.cell[HELLO], 0xcf8, 8);
	run();
	expect("pio_pci_config_block", 2,
	       HAVE("cells/hello.c: ", "I/O port range 1 [0xcf8-0xd00) "
		    "overlaps the PCI configuration ports [0xcf8-0xd00)") &&
	       HAVE("cells/hello.c: ", "I/O port range 1 [0xcf8-0xd00) "
		    "overlaps the reset control register"));

	/* The flag does not lift a safety rule. */
	baseline();
	fx.cell[HELLO].desc.flags |= BH_CELL_MACHINE_CONTROL;
	fx.cell[HELLO].mem[0].phys_start = 0x02700000;
	add_pio(&fx.cell[HELLO], 0x3f8, 1);
	add_mem(&fx.cell[HELLO], 0xfee00000, 0x200000, 0x1000, RW | BH_MEM_IO);
	run();
	expect("machine_control_not_safety", 3,
	       HAVE("cells/hello.c: ", "memory region 0",
		    "overlaps the hypervisor memory") &&
	       HAVE("cells/hello.c: ", "I/O port range 1",
		    "hypervisor's debug console") &&
	       HAVE("cells/hello.c: ", "memory region 2",
		    "local APIC and MSI window"));
}

/* A PCI function is named by its address and IDs and owned by one cell.
 * No memory is opened to DMA without an IOMMU. */
static void test_pci(void)
{
	u32 i, k;

	baseline();
	add_pci(&fx.cell[LINUX], 0, 0x00fa);			/* 00:1f.2 */
	run();
	expect_clean("pci_device");
	/* Valid, but its DMA reaches nothing: a note, no error. */
	result("pci_without_dma_noted", notes.n == 1 &&
	       strstr(notes.msg[0], "cells/linux.c: cell \"linux\": owns 1 "
		      "PCI device(s) but no BH_MEM_DMA region: their DMA "
		      "reaches no memory") != NULL,
	       notes.n ? notes.msg[0] : "no note");
	fx.cell[LINUX].mem[0].flags |= BH_MEM_DMA;
	run();
	result("pci_with_dma_not_noted", last_ret == 0 && notes.n == 0,
	       notes.n ? notes.msg[0] : "a note");

	baseline();
	add_pci(&fx.cell[LINUX], 0, 0x00fa);
	add_pci(&fx.cell[HELLO], 0, 0x00fa);
	run();
	expect("pci_in_two_cells", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "PCI device 0 (0000:00:1f.2)",
		    "also assigned to cell \"linux\""));

	/* Same bdf on another PCI segment is another device, but only
	 * segment 0 is supported; a bridge is not a function. */
	baseline();
	add_pci(&fx.cell[RT], 0, 0x0100);			/* 01:00.0 */
	add_pci(&fx.cell[HELLO], 1, 0x0100);
	fx.cell[HELLO].pci[0].type = BH_PCI_TYPE_BRIDGE;
	run();
	expect("pci_other_domain", 2,
	       HAVE("cells/hello.c: ", "PCI device 0 (0001:01:00.0): only "
		    "segment 0 (the MCFG window's) is supported") &&
	       HAVE("cells/hello.c: ", "PCI device 0 (0001:01:00.0): type 2 "
		    "is not a function (BH_PCI_TYPE_DEVICE); bridges cannot be "
		    "assigned") && !HAVE("also assigned"));

	/* One rule broken per entry, each named. */
	baseline();
	fx.sys.platform_info.pci_mmconfig_end_bus = 0x3f;
	add_pci(&fx.cell[LINUX], 0, 0x8000);			/* 80:00.0 */
	add_pci(&fx.cell[LINUX], 0, 0x0008);
	fx.cell[LINUX].pci[1].vendor_id = 0xffff;
	add_pci(&fx.cell[LINUX], 0, 0x0010);
	fx.cell[LINUX].pci[2].flags = 0x8;
	add_pci(&fx.cell[LINUX], 0, 0x0018);
	fx.cell[LINUX].pci[3].reserved[2] = 1;
	run();
	expect("pci_rules", 4,
	       HAVE("cells/linux.c: ", "PCI device 0 (0000:80:00.0): bus 0x80 "
		    "is beyond the MMCONFIG window's last bus 0x3f") &&
	       HAVE("PCI device 1 (0000:00:01.0): vendor_id 0xffff names no "
		    "function") &&
	       HAVE("PCI device 2 (0000:00:02.0): unknown flags 0x8") &&
	       HAVE("PCI device 3 (0000:00:03.0): iommu and reserved must be "
		    "0"));

	baseline();
	fx.sys.platform_info.pci_mmconfig_base = 0;
	add_pci(&fx.cell[RT], 0, 0x0100);
	add_pci(&fx.cell[RT], 0, 0x0100);
	run();
	expect("pci_no_mmconfig_twice", 3,
	       HAVE("cells/rt.c: ", "PCI device 0 (0000:01:00.0): the system "
		    "config has no MMCONFIG window") &&
	       HAVE("cells/rt.c: ", "PCI device 1 (0000:01:00.0) is device 0 "
		    "again"));

	/* Bus mastering without an IOMMU: only where DMA lands where the
	 * cell means it. */
	baseline();
	add_pci(&fx.cell[LINUX], 0, 0x00fa);
	fx.cell[LINUX].pci[0].flags = BH_PCI_DMA_UNCONFINED;
	run();
	expect("pci_dma_unconfined_not_identity", 1,
	       HAVE("cells/linux.c: ", "PCI device 0 (0000:00:1f.2): "
		    "BH_PCI_DMA_UNCONFINED needs every RAM region of the cell "
		    "at the same guest and host address"));
	baseline();
	add_pci(&fx.cell[HELLO], 0, 0x00fa);
	fx.cell[HELLO].pci[0].flags = BH_PCI_DMA_UNCONFINED;
	fx.cell[HELLO].mem[0].virt_start = fx.cell[HELLO].mem[0].phys_start;
	fx.cell[HELLO].desc.cpu_reset_address = fx.cell[HELLO].mem[0].phys_start;
	fx.cell[HELLO].blob[0].load_address = fx.cell[HELLO].mem[0].phys_start;
	run();
	expect_clean("pci_dma_unconfined_identity");

	/* INTx: with the flag, to a pin the cell owns. */
	baseline();
	add_pci(&fx.cell[LINUX], 0, 0x00fa);
	fx.cell[LINUX].pci[0].flags = BH_PCI_INTX;
	fx.cell[LINUX].pci[0].intx_pin = 9;
	run();
	expect_clean("pci_intx_own_pin");
	baseline();
	add_pci(&fx.cell[LINUX], 0, 0x00fa);
	fx.cell[LINUX].pci[0].flags = BH_PCI_INTX;
	fx.cell[LINUX].pci[0].intx_pin = 5;	/* rt's */
	add_pci(&fx.cell[LINUX], 0, 0x00fb);
	fx.cell[LINUX].pci[1].flags = BH_PCI_INTX;
	fx.cell[LINUX].pci[1].intx_irqchip = 1;
	add_pci(&fx.cell[LINUX], 0, 0x00fc);
	fx.cell[LINUX].pci[2].intx_pin = 4;
	run();
	expect("pci_intx_rules", 3,
	       HAVE("cells/linux.c: ", "PCI device 0 (0000:00:1f.2): "
		    "BH_PCI_INTX names pin 5 of irqchip 0, which the cell does "
		    "not own (its pin_bitmap)") &&
	       HAVE("cells/linux.c: ", "PCI device 1 (0000:00:1f.3): "
		    "BH_PCI_INTX names irqchip 1, but the cell has 1") &&
	       HAVE("cells/linux.c: ", "PCI device 2 (0000:00:1f.4): "
		    "intx_irqchip and intx_pin are set without BH_PCI_INTX"));

	/* The hypervisor keeps BH_MAX_PCI_DEVICES functions. */
	many_cells(BH_MAX_CELLS);
	for (i = 0; i < BH_MAX_CELLS; i++)
		for (k = 0; k < 3; k++)
			add_pci(&fx.cell[i], 0, (u16)(i << 3 | k));
	run();
	expect("pci_too_many", -1,
	       HAVE("cells/system.c: the cells own 48 PCI devices together, "
		    "more than the 32 the hypervisor keeps"));

	baseline();
	fx.cell[LINUX].mem[0].flags |= BH_MEM_DMA;
	run();
	expect_clean("mem_dma_ram");

	baseline();
	fx.cell[LINUX].mem[0].flags = BH_MEM_WRITE | BH_MEM_DMA;
	run();
	expect("mem_dma_unreadable", 1,
	       HAVE("cells/linux.c: ", "cell \"linux\"",
		    "memory region 0 [0x10000000-0x11000000) has BH_MEM_DMA "
		    "but is not RAM the cell reads (no BH_MEM_READ)"));

	baseline();
	fx.cell[LINUX].mem[0].flags |= BH_MEM_LOADABLE;
	run();
	expect_clean("mem_loadable_ram");

	baseline();
	fx.cell[LINUX].mem[2].flags |= BH_MEM_LOADABLE;
	fx.cell[RT].mem[2].flags |= BH_MEM_LOADABLE;
	run();
	expect("mem_loadable_not_ram", 2,
	       HAVE("cells/linux.c: ", "memory region 2 [0xfebf0000-0xfebf1000)",
		    "is LOADABLE but not plain RAM (it is I/O)") &&
	       HAVE("cells/rt.c: ", "memory region 2 [0x20000000-0x20100000)",
		    "is LOADABLE but not plain RAM (it is shared)"));

	/* Device memory refused, shared RAM allowed. */
	baseline();
	fx.cell[LINUX].mem[2].flags |= BH_MEM_DMA;
	fx.cell[RT].mem[2].flags |= BH_MEM_DMA;
	run();
	expect("mem_dma_io_shared", 1,
	       HAVE("cells/linux.c: ", "memory region 2 [0xfebf0000-0xfebf1000)",
		    "has BH_MEM_DMA but is not RAM the cell reads (device "
		    "memory)"));
}

/* The BARs the hypervisor reads at boot, checked before a cell gets
 * them: whole pages, nothing of the machine, of any cell's memory or
 * ports, of the firmware's RAM, or of another BAR. */
static void test_pci_bars(void)
{
	static const struct bh_machine_range machine[] = {
		{ BH_RANGE_MEMORY, false, 0xfec00000, 0xfec01000,
		  "an IOAPIC (ACPI MADT)" },
		{ BH_RANGE_MEMORY, false, 0x7e000000, 0x7e100000,
		  "the system image" },
	};
	static const struct bh_memmap_entry map[] = {
		{ 0x0, 0x80000000, BH_MEMMAP_USABLE, 7 },
		{ 0xffc00000, 0x400000, BH_MEMMAP_RESERVED, 11 },
		{ 0xc0000000, 0x1000, BH_MEMMAP_RUNTIME, 6 },
	};
	struct bh_bar good[] = {
		{ 0, 0, 0, false, 0xfe000000, 0x100000 },
		{ 0, 0, 1, true, 0xc000, 0x20 },
		{ 1, 0, 0, false, 0xfe100000, 0x4000 },
	};
	struct bh_bar bad[] = {
		/* a 256-byte BAR: its page is shared */
		{ 0, 0, 0, false, 0xfe000000, 0x100 },
		/* the IOAPIC's page, the RT cell's RAM, the firmware's */
		{ 0, 0, 2, false, 0xfec00000, 0x1000 },
		{ 0, 0, 3, false, 0x03000000, 0x1000 },
		{ 1, 0, 0, false, 0xc0000000, 0x4000 },
		/* the hypervisor's debug console, hello's UART */
		{ 1, 0, 1, true, 0x3f8, 8 },
		{ 1, 0, 2, true, 0x3e8, 8 },
		/* another BAR */
		{ 1, 0, 3, false, 0xfec00000, 0x4000 },
		/* no range at all */
		{ 1, 0, 4, true, 0xfff0, 0x20 },
	};

	baseline();
	fx.sys.debug_console.address = 0x3f8;
	add_pci(&fx.cell[LINUX], 0, 0x0010);			/* 00:02.0 */
	add_pci(&fx.cell[RT], 0, 0x0018);			/* 00:03.0 */
	/* The owner may have its I/O BAR's ports already. */
	add_pio(&fx.cell[LINUX], 0xc000, 0x20);
	run_bars(good, BH_ARRAY_SIZE(good), machine, BH_ARRAY_SIZE(machine),
		 map, BH_ARRAY_SIZE(map));
	expect_clean("pci_bars_fit");

	run_bars(bad, BH_ARRAY_SIZE(bad), machine, BH_ARRAY_SIZE(machine),
		 map, BH_ARRAY_SIZE(map));
	expect("pci_bars_conflicts", 10,
	       HAVE("cells/linux.c: cell \"linux\": PCI device 0 "
		    "(0000:00:02.0) memory BAR 0 [0xfe000000-0xfe000100) is "
		    "not whole pages") &&
	       HAVE("cells/linux.c: cell \"linux\": PCI device 0 "
		    "(0000:00:02.0) memory BAR 2 [0xfec00000-0xfec01000) "
		    "overlaps an IOAPIC (ACPI MADT) [0xfec00000-0xfec01000)") &&
	       HAVE("BAR 3 [0x3000000-0x3001000) overlaps memory region 0 "
		    "[0x3000000-0x4000000) of cell \"rt\"") &&
	       HAVE("BAR 3 [0x3000000-0x3001000) overlaps [0x0-0x80000000), "
		    "memory of type 7 (not MMIO) in the firmware's memory "
		    "map") &&
	       HAVE("cells/rt.c: cell \"rt\": PCI device 0 (0000:00:03.0) "
		    "memory BAR 0 [0xc0000000-0xc0004000) overlaps "
		    "[0xc0000000-0xc0001000), memory of type 6") &&
	       HAVE("I/O BAR 1 [0x3f8-0x400) overlaps the hypervisor's debug "
		    "console") &&
	       HAVE("I/O BAR 2 [0x3e8-0x3f0) overlaps I/O port range 0 "
		    "[0x3e8-0x3f0) of cell \"hello\"") &&
	       HAVE("cells/rt.c: cell \"rt\": PCI device 0 (0000:00:03.0) "
		    "memory BAR 3 [0xfec00000-0xfec04000) overlaps cell "
		    "\"linux\": PCI device 0 (0000:00:02.0) memory BAR 2 "
		    "[0xfec00000-0xfec01000)") &&
	       HAVE("I/O BAR 4 [0xfff0-0x10010): not an address range a "
		    "cell can be given"));
}

static void test_ioapic(void)
{
	baseline();
	fx.cell[RT].irq[0].pin_bitmap[0] |= 1U << 4;
	run();
	expect("ioapic_pin_in_two_cells", 1,
	       HAVE("cells/rt.c: ", "cell \"rt\"", "IOAPIC 0xfec00000 pin 4",
		    "also assigned to cell \"linux\""));

	baseline();
	fx.cell[LINUX].irq[0].pin_bitmap[2] = 1U << 6;	/* pin 70 */
	add_irqchip(&fx.cell[HELLO], 0xfec00000, 0);
	fx.cell[HELLO].irq[0].pin_bitmap[2] = 1U << 6;
	run();
	expect("ioapic_pin70_in_two_cells", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "IOAPIC 0xfec00000 pin 70",
		    "also assigned to cell \"linux\""));

	baseline();
	fx.cell[HELLO].nirq = 0;
	add_irqchip(&fx.cell[HELLO], 0xfec00000, 1U << 10 | 1U << 11);
	run();
	expect_clean("ioapic_other_pins_same_chip");

	baseline();
	fx.cell[RT].irq[0].pin_base = 24;
	run();
	expect("ioapic_pin_base_nonzero", 1,
	       HAVE("cells/rt.c: ", "cell \"rt\"", "irqchip 0",
		    "pin_base must be 0"));
}

/* ---- ranges only the running machine knows ------------------------------ */

static void test_machine(void)
{
	static const struct bh_machine_range image = {
		BH_RANGE_MEMORY, false, 0x03050000, 0x03060000, "the system image"
	};
	static const struct bh_machine_range several[] = {
		{ BH_RANGE_MEMORY, false, 0xfebf0000, 0xfebf1000,
		  "the IOAPIC at 0xfebf0000" },
		{ BH_RANGE_MEMORY, false, 0x03ff0000, 0x04010000,
		  "the trampoline" },
		{ BH_RANGE_PORTS, false, 0x3ef, 0x3f0, "the reset register" },
	};
	static const struct bh_machine_range pm1[] = {
		{ BH_RANGE_PORTS, true, 0x604, 0x606,
		  "the ACPI PM1a control block" },
		{ BH_RANGE_MEMORY, true, 0x10000000, 0x10001000,
		  "a policy page" },
	};
	static const struct bh_machine_range hv = {
		BH_RANGE_MEMORY, false, 0x10000000, 0x10001000,
		"the hypervisor memory"
	};
	static const struct bh_machine_range nothing[] = {
		/* empty; and the comm regions' phys_start, which is ignored */
		{ BH_RANGE_MEMORY, false, 0x03050000, 0x03050000, "empty" },
		{ BH_RANGE_MEMORY, false, 0, 0x1000, "page 0" },
		/* ports and addresses are not confused */
		{ BH_RANGE_PORTS, false, 0x03000000, 0x03001000, "ports" },
		{ BH_RANGE_MEMORY, false, 0x3e8, 0x3f0, "memory" },
	};

	baseline();
	run_machine(&image, 0);
	expect_clean("machine_none");
	run_machine(&image, 1);
	expect("machine_memory", 1,
	       HAVE("cells/rt.c: ", "cell \"rt\"",
		    "memory region 0 [0x3000000-0x4000000) overlaps the system "
		    "image [0x3050000-0x3060000)"));

	/* IO regions and port ranges; every overlap of every cell. */
	run_machine(several, BH_ARRAY_SIZE(several));
	expect("machine_several", 4,
	       HAVE("cells/linux.c: ", "cell \"linux\"",
		    "memory region 2 [0xfebf0000-0xfebf1000) overlaps the "
		    "IOAPIC at 0xfebf0000 [0xfebf0000-0xfebf1000)") &&
	       HAVE("cells/rt.c: ", "memory region 0 [0x3000000-0x4000000) "
		    "overlaps the trampoline [0x3ff0000-0x4010000)") &&
	       HAVE("cells/hello.c: ", "memory region 0 [0x4000000-0x4100000) "
		    "overlaps the trampoline") &&
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "I/O port range 0 [0x3e8-0x3f0) overlaps the reset "
		    "register [0x3ef-0x3f0)") && !HAVE("BH_CELL_MACHINE_CONTROL"));

	run_machine(nothing, BH_ARRAY_SIZE(nothing));
	expect_clean("machine_no_overlap");

	/* Policy ranges: refused, unless the cell has the flag. */
	baseline();
	add_pio(&fx.cell[LINUX], 0x600, 8);
	run_machine(pm1, BH_ARRAY_SIZE(pm1));
	expect("machine_policy", 2,
	       HAVE("cells/linux.c: ", "cell \"linux\"",
		    "I/O port range 2 [0x600-0x608) overlaps the ACPI PM1a "
		    "control block [0x604-0x606) (it can reset or power off "
		    "the machine: only a cell with BH_CELL_MACHINE_CONTROL may "
		    "own it)") &&
	       HAVE("cells/linux.c: ", "memory region 0 [0x10000000-0x11000000)"
		    " overlaps a policy page", "BH_CELL_MACHINE_CONTROL"));
	fx.cell[LINUX].desc.flags |= BH_CELL_MACHINE_CONTROL;
	run_machine(pm1, BH_ARRAY_SIZE(pm1));
	expect_clean("machine_policy_allowed");
	/* ...which lifts no safety range. */
	run_machine(&hv, 1);
	expect("machine_safety_with_flag", 1,
	       HAVE("cells/linux.c: ", "memory region 0",
		    "overlaps the hypervisor memory [0x10000000-0x10001000)"));

	/* What the loader's hand-off places, rounded out to pages. */
	{
		struct bh_handoff ho = {
			.hv_phys = 0x02000000, .hv_size = 0x00800000,
			.image_phys = 0x04000800, .image_size = 0x1000,
			.trampoline_phys = 0x9f000,
		};
		struct bh_machine_range r[BH_HANDOFF_RANGES];
		u32 n = bh_handoff_ranges(&ho, r);

		result("handoff_ranges", n == 3 &&
		       r[0].start == 0x02000000 && r[0].end == 0x02800000 &&
		       r[1].start == 0x04000000 && r[1].end == 0x04002000 &&
		       r[2].start == 0x9f000 && r[2].end == 0xa0000 &&
		       !r[0].policy && !r[1].policy && !r[2].policy &&
		       !strcmp(r[1].what, "the system image"),
		       "ranges or their rounding");
		baseline();
		run_machine(r, n);
		expect("handoff_image_in_cell", 1,
		       HAVE("cells/hello.c: ", "memory region 0 "
			    "[0x4000000-0x4100000) overlaps the system image "
			    "[0x4000000-0x4002000)"));
		ho.image_phys = 0xfffffffffffff800ULL;
		ho.image_size = 0x100;
		bh_handoff_ranges(&ho, r);
		result("handoff_ranges_top_page",
		       r[1].start == 0xfffffffffffff000ULL &&
		       r[1].end == ~0ULL, "a range in the last page wraps");
	}

	/* A cell with a broken structure is skipped, not walked. */
	baseline();
	fx.cell[RT].size_adjust = -32;
	run_machine(&image, 1);
	expect_clean("machine_skips_broken_cell");
}

/* ---- names, flags, console --------------------------------------------- */

/* ---- what the system config states of the firmware --------------------- */

static void test_platform(void)
{
	static const char policy[] = " (it can reset or power off the "
		"machine: only a cell with BH_CELL_MACHINE_CONTROL may own it)";
	struct bh_platform_info found;

	/* Stated: the HPET for every cell, the FADT's ports as policy. */
	baseline();
	add_mem(&fx.cell[HELLO], 0xfed00000, 0x200000, 0x1000, RW | BH_MEM_IO);
	add_pio(&fx.cell[HELLO], 0xb2, 2);
	add_pio(&fx.cell[HELLO], 0x62f, 2);
	add_pio(&fx.cell[HELLO], 0x603, 1);
	run();
	expect("platform_stated_refused", 4,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "memory region 2 [0xfed00000-0xfed01000) overlaps the HPET "
		    "[0xfed00000-0xfed01000)") &&
	       HAVE("cells/hello.c: ", "I/O port range 1 [0xb2-0xb4) overlaps "
		    "the SMI command port [0xb2-0xb3)", policy) &&
	       HAVE("cells/hello.c: ", "I/O port range 2 [0x62f-0x631) "
		    "overlaps the ACPI GPE0 block [0x620-0x630)", policy) &&
	       HAVE("cells/hello.c: ", "I/O port range 3 [0x603-0x604) "
		    "overlaps the ACPI PM1a event block [0x600-0x604)",
		    policy));
	fx.cell[HELLO].desc.flags |= BH_CELL_MACHINE_CONTROL;
	run();
	expect("platform_hpet_not_policy", 1,
	       HAVE("cells/hello.c: ", "overlaps the HPET"));
	fx.cell[HELLO].nmem = 2;
	run();
	expect_clean("valid_platform_machine_control");

	/* Unstated: nothing kept at build time (the boot keeps it). */
	baseline();
	fx.sys.platform_info.hpet_address = 0;
	memset(&fx.sys.platform_info.firmware, 0,
	       sizeof(fx.sys.platform_info.firmware));
	add_mem(&fx.cell[HELLO], 0xfed00000, 0x200000, 0x1000, RW | BH_MEM_IO);
	add_pio(&fx.cell[HELLO], 0xb2, 1);
	run();
	expect_clean("valid_platform_unstated");

	/* Broken statements. */
	baseline();
	fx.sys.platform_info.firmware.gpe1.base = 0x640;
	fx.sys.platform_info.firmware.pm2_control.length = 1;
	fx.sys.platform_info.firmware.pm1b_event = (struct bh_port_block){
		0xfffe, 4 };
	fx.sys.platform_info.firmware.smi_command.length = 2;
	fx.sys.platform_info.hpet_address = 1ULL << 52;
	fx.sys.platform_info.reserved = 1;
	run();
	expect("platform_broken", 6,
	       HAVE(SYS_FILE ": ", "platform_info.firmware.gpe1 has base "
		    "0x640 and length 0") &&
	       HAVE(SYS_FILE ": ", "platform_info.firmware.pm2_control "
		    "[0x0-0x1) is not within I/O ports 0x1..0xffff") &&
	       HAVE(SYS_FILE ": ", "platform_info.firmware.pm1b_event "
		    "[0xfffe-0x10002) is not within") &&
	       HAVE(SYS_FILE ": ", "platform_info.firmware.smi_command is 2 "
		    "ports; the SMI command port is one") &&
	       HAVE(SYS_FILE ": ", "platform_info.hpet_address "
		    "0x10000000000000 is beyond") &&
	       HAVE(SYS_FILE ": ", "platform_info.reserved is 0x1"));

	baseline();
	fx.sys.platform_info.hpet_address = 0xfed00400;
	run();
	expect("platform_hpet_unaligned", 1,
	       HAVE(SYS_FILE ": ", "platform_info.hpet_address 0xfed00400 is "
		    "not page-aligned"));

	/* At boot: the firmware agrees. */
	baseline();
	found = fx.sys.platform_info;
	run_platform(&found);
	result("platform_agrees", last_ret == 0 && cap.n == 0 && notes.n == 0,
	       "expected no error and no note");

	/* ... or contradicts what is stated: each named with both values. */
	found.pm_timer_address = 0x408;
	found.pci_mmconfig_base = 0xe0000000;
	found.hpet_address = 0;
	found.firmware.gpe0 = (struct bh_port_block){ 0x620, 8 };
	found.firmware.smi_command = (struct bh_port_block){ 0, 0 };
	run_platform(&found);
	expect("platform_contradicted", 5,
	       HAVE(SYS_FILE ": platform_info.pm_timer_address is 0x608, the "
		    "ACPI FADT says 0x408: the system config describes another "
		    "machine") &&
	       HAVE(SYS_FILE ": platform_info.pci_mmconfig_base is 0xb0000000, "
		    "the ACPI MCFG (segment 0) says 0xe0000000") &&
	       HAVE(SYS_FILE ": platform_info.hpet_address is 0xfed00000, the "
		    "ACPI HPET table says none") &&
	       HAVE(SYS_FILE ": platform_info.firmware.gpe0 is { 0x620, 16 }, "
		    "the ACPI FADT says { 0x620, 8 }") &&
	       HAVE(SYS_FILE ": platform_info.firmware.smi_command is "
		    "{ 0xb2, 1 }, the ACPI FADT says none"));
	result("platform_contradicted_no_note", notes.n == 0,
	       "a stated fact is an error, not a note");

	/* Unstated facts the firmware has: notes, as initializers. */
	baseline();
	found = fx.sys.platform_info;
	fx.sys.platform_info.hpet_address = 0;
	fx.sys.platform_info.firmware.gpe0 = (struct bh_port_block){ 0, 0 };
	fx.sys.platform_info.firmware.smi_command =
		(struct bh_port_block){ 0, 0 };
	fx.sys.platform_info.pm_timer_address = 0;
	fx.sys.platform_info.pci_mmconfig_base = 0;
	run_platform(&found);
	result("platform_unstated_noted", last_ret == 0 && cap.n == 0 &&
	       notes.n == 4 &&
	       note_is(0, SYS_FILE ": platform_info leaves unstated what the "
		       "firmware names; the build could not keep it from the "
		       "cells (the boot does). To state it:") &&
	       note_is(1, "  .hpet_address = 0xfed00000,") &&
	       note_is(2, "  .firmware.smi_command = { 0xb2, 1 },") &&
	       note_is(3, "  .firmware.gpe0 = { 0x620, 16 },"),
	       "expected a heading and three initializers");
	if (failures)
		dump_notes();
}

static void test_names_flags(void)
{
	baseline();
	set_str(fx.cell[HELLO].desc.name, BH_CELL_NAME_LEN, "rt");
	run();
	expect("name_duplicate", 1,
	       HAVE("cells/hello.c: ", "cell \"rt\"",
		    "name already used in cells/rt.c"));

	baseline();
	set_str(fx.cell[HELLO].desc.name, BH_CELL_NAME_LEN, "");
	run();
	expect("name_empty", 1,
	       HAVE("cells/hello.c: ", "empty name"));

	baseline();
	memset(fx.cell[HELLO].desc.name, 'x', BH_CELL_NAME_LEN);
	run();
	expect("name_unterminated", 1,
	       HAVE("cells/hello.c: ", "name", "terminated"));

	baseline();
	fx.cell[HELLO].desc.flags |= 0x4;
	run();
	expect("cell_unknown_flags", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "unknown flags 0x4"));

	baseline();
	fx.cell[HELLO].desc.flags |= 0x20000000;
	run();
	expect("cell_unknown_flags_high", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "unknown flags 0x20000000"));

	baseline();
	fx.cell[HELLO].desc.console_rate = BH_CONSOLE_RATE_MAX;
	run();
	expect_clean("console_rate_max_ok");

	baseline();
	fx.cell[HELLO].desc.console_rate = BH_CONSOLE_RATE_MAX + 1;
	run();
	expect("console_rate_too_high", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "console_rate 11521 characters per second is more than "
		    "the console carries (at most 11520)"));

	baseline();
	fx.cell[HELLO].desc.reserved = 0x10;
	run();
	expect("cell_reserved_nonzero", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "reserved field is 0x10, must be 0"));

	baseline();
	fx.cell[HELLO].desc.console.type = 7;
	run();
	expect("cell_console_type", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "console type 7 is not supported"));
}

/* ---- boot: blobs and reset address -------------------------------------- */

static void test_boot(void)
{
	baseline();
	fx.cell[HELLO].blob_size[0] = 0x100001;
	run();
	expect("blob_larger_than_region", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "blob 0 (build/inmates/tiny.bin, 1048577 bytes) at 0x0",
		    "larger than memory region 0 [0x0-0x100000)"));

	baseline();
	fx.cell[HELLO].blob[0].load_address = 0xff000;
	fx.cell[HELLO].blob_size[0] = 0x1001;
	run();
	expect("blob_crosses_region_end", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "blob 0",
		    "at 0xff000", "larger than memory region 0"));

	baseline();
	fx.cell[HELLO].blob[0].load_address = 0x200000;
	run();
	expect("blob_load_outside", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "blob 0 (build/inmates/tiny.bin) load address 0x200000",
		    "outside the cell's memory"));

	baseline();
	fx.cell[HELLO].blob[0].load_address = 0x100000;	/* comm region */
	run();
	expect("blob_load_in_comm", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "load address 0x100000", "outside the cell's memory "
		    "(in its comm region 1, not RAM of its own)"));

	baseline();
	fx.cell[LINUX].blob[0].load_address = 0x20000000;	/* SHARED */
	run();
	expect("blob_load_in_shared", 1,
	       HAVE("cells/linux.c: ", "cell \"linux\"",
		    "load address 0x20000000", "outside the cell's memory "
		    "(in its shared memory region 3, not RAM of its own)"));

	baseline();
	fx.cell[LINUX].blob[0].load_address = 0xfebf0000;	/* IO region */
	run();
	expect("blob_load_in_io", 1,
	       HAVE("cells/linux.c: ", "cell \"linux\"",
		    "load address 0xfebf0000", "outside the cell's memory "
		    "(in its I/O region 2, not RAM of its own)"));

	baseline();
	fx.cell[HELLO].desc.cpu_reset_address = 0x200000;
	run();
	expect("reset_outside", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "reset address 0x200000 is outside the cell's memory"));

	baseline();
	fx.cell[HELLO].desc.cpu_reset_address = 0x100000;
	run();
	expect("reset_in_comm", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "reset address 0x100000 is outside"));

	baseline();
	fx.cell[LINUX].desc.cpu_reset_address = 0xfebf0ff0;
	run();
	expect("reset_in_io", 1,
	       HAVE("cells/linux.c: ", "cell \"linux\"",
		    "reset address 0xfebf0ff0 is outside"));

	baseline();
	fx.cell[HELLO].desc.cpu_reset_address = 0xfffff;	/* last byte */
	run();
	expect_clean("reset_last_byte_of_ram");
}

/* ---- structure of a cell config ---------------------------------------- */

/* Hello's inline command line: @p len bytes of text (not counting the
 * NUL), room @p size at @p addr (0: the defaults). */
static void set_cmdline(u32 len, u64 addr, u32 size)
{
	struct bh_cmdline *l = &fx.cell[HELLO].cmdline[0];

	memset(l, 0, sizeof(*l));
	memset(l->text, 'x', len);
	l->address = addr;
	l->size = size;
	fx.cell[HELLO].ncmdline = 1;
}

static void test_cmdline(void)
{
	baseline();
	set_cmdline(BH_CMDLINE_DEFAULT_SIZE - 1, 0, 0);
	run();
	expect_clean("cmdline_fills_default_room");

	baseline();
	set_cmdline(BH_CMDLINE_DEFAULT_SIZE, 0, 0);
	run();
	expect("cmdline_longer_than_default_room", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "command line is 257 bytes with its NUL, longer than the "
		    "256 bytes at 0x1000 given for it"));

	baseline();
	set_cmdline(600, 0x2000, 601);
	run();
	expect_clean("cmdline_configured_room");

	baseline();
	set_cmdline(600, 0x2000, 600);
	run();
	expect("cmdline_longer_than_configured_room", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "command line is 601 bytes with its NUL, longer than the "
		    "600 bytes at 0x2000"));

	baseline();
	set_cmdline(10, 0xfff00, 0x200);	/* runs into the comm region */
	run();
	expect("cmdline_room_beyond_ram", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "command line room [0xfff00-0x100100) is not within one "
		    "RAM region"));

	baseline();
	set_cmdline(10, 0x100000, 0);		/* the comm region */
	run();
	expect("cmdline_room_in_comm", 1,
	       HAVE("cells/hello.c: ", "command line room [0x100000-"));

	baseline();
	set_cmdline(10, 0, 0);
	fx.cell[HELLO].cmdline[0].flags = 1;
	run();
	expect("cmdline_unknown_flags", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "command line has unknown flags 0x1"));

	baseline();
	set_cmdline(BH_CMDLINE_LEN, 0, 0);	/* no NUL in the text */
	run();
	expect("cmdline_not_terminated", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "command line is not terminated"));

	baseline();
	set_cmdline(10, 0, 0);
	fx.cell[HELLO].ncmdline = 2;
	fx.cell[HELLO].cmdline[1] = fx.cell[HELLO].cmdline[0];
	run();
	expect("cmdline_two", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "2 command lines, at most 1"));

	baseline();
	set_cmdline(10, 0, 0);
	fx.cell[HELLO].nlinux = 1;
	set_str(fx.cell[HELLO].linux_boot[0].kernel,
		sizeof(fx.cell[HELLO].linux_boot[0].kernel), "bzImage");
	run();
	expect("cmdline_beside_linux", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "has a command line besides its Linux section"));
}

static void test_structure(void)
{
	struct cell_spec *c;

	baseline();
	memcpy(fx.cell[HELLO].desc.signature, "BHCEX", BH_SIGNATURE_LEN);
	run();
	expect("cell_bad_signature", 1,
	       HAVE("cells/hello.c: ", "bad signature"));

	baseline();
	fx.cell[HELLO].desc.revision = 99;
	run();
	expect("cell_bad_revision", 1,
	       HAVE("cells/hello.c: ", "config revision 99, expected "
		    XSTR(BH_CONFIG_REVISION)));

	baseline();
	fx.cell[HELLO].size_adjust = -32;
	run();
	expect("cell_truncated", 1,
	       HAVE("cells/hello.c: ", "cell config is 300 bytes",
		    "its counts say 332"));

	baseline();
	fx.cell[HELLO].size_adjust = 1;
	run();
	expect("cell_trailing_bytes", 1,
	       HAVE("cells/hello.c: ", "cell config is 333 bytes",
		    "its counts say 332"));

	baseline();
	fx.cell[HELLO].size_adjust = -240;	/* 92 bytes: not a descriptor */
	run();
	expect("cell_shorter_than_descriptor", 1,
	       HAVE("cells/hello.c: ", "92 bytes",
		    "shorter than a cell descriptor"));

	/* Shorter than the name: the managing-cell check must not read it
	 * (an out-of-bounds read that ASan catches). */
	baseline();
	strcpy(fx.sys.manager, "hello");
	fx.cell[HELLO].size_adjust = -322;	/* 10 bytes */
	run();
	expect("cell_shorter_than_its_name_manager", 1,
	       HAVE("cells/hello.c: ", "10 bytes",
		    "shorter than a cell descriptor"));

	/* Hostile counts must not wrap the size computation. */
	baseline();
	fx.cell[HELLO].raw_counts = true;
	fx.cell[HELLO].desc.num_memory_regions = 0xffffffff;
	fx.cell[HELLO].desc.num_irqchips = 0xffffffff;
	fx.cell[HELLO].desc.num_pio_regions = 0xffffffff;
	fx.cell[HELLO].desc.num_pci_devices = 0xffffffff;
	fx.cell[HELLO].desc.num_cmdline = 0xffffffff;
	fx.cell[HELLO].desc.num_blobs = 0xffffffff;
	run();
	expect("cell_hostile_counts", 1,
	       HAVE("cells/hello.c: ", "its counts say"));

	baseline();
	while (fx.cell[HELLO].nblob < BH_MAX_BLOBS + 1)
		add_blob(&fx.cell[HELLO], "build/inmates/tiny.bin", 0, 0x1000);
	run();
	expect("cell_too_many_blobs", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "9 blobs, at most 8"));

	baseline();
	memset(fx.cell[HELLO].blob[0].file, 'a', BH_BLOB_FILE_LEN);
	run();
	expect("cell_blob_name_unterminated", 1,
	       HAVE("cells/hello.c: ", "cell \"hello\"",
		    "blob 0 file name is not terminated"));

	/* The Linux section: at most one, terminated strings, a kernel. */
	baseline();
	c = &fx.cell[LINUX];
	c->nlinux = 1;
	set_str(c->linux_boot[0].kernel, BH_BLOB_FILE_LEN, "build/linux/vmlinuz");
	set_str(c->linux_boot[0].cmdline, BH_LINUX_CMDLINE_LEN, "console=ttyS1");
	run();
	expect_clean("linux_section_valid");
	c->nlinux = 2;
	c->linux_boot[1] = c->linux_boot[0];
	run();
	expect("linux_two_sections", 1,
	       HAVE("cells/linux.c: ", "cell \"linux\"",
		    "2 Linux sections, at most 1"));
	c->nlinux = 1;
	c->linux_boot[0].kernel[0] = '\0';
	run();
	expect("linux_no_kernel", 1,
	       HAVE("cells/linux.c: ", "Linux section names no kernel"));
	set_str(c->linux_boot[0].kernel, BH_BLOB_FILE_LEN, "k");
	memset(c->linux_boot[0].cmdline, 'x', BH_LINUX_CMDLINE_LEN);
	run();
	expect("linux_cmdline_unterminated", 1,
	       HAVE("cells/linux.c: ", "not terminated"));
	c->linux_boot[0].cmdline[0] = '\0';
	c->linux_boot[0].flags = 1;
	run();
	expect("linux_unknown_flags", 1,
	       HAVE("cells/linux.c: ", "Linux section has unknown flags"));

	/* A broken cell does not stop the others from being checked. */
	baseline();
	memcpy(fx.cell[LINUX].desc.signature, "XXXXX", BH_SIGNATURE_LEN);
	fx.cell[HELLO].desc.cpus = 0;
	run();
	expect("cell_structure_then_others", 2,
	       HAVE("cells/linux.c: ", "bad signature") &&
	       HAVE("cells/hello.c: ", "cell \"hello\"", "has no CPU"));
}

/* ---- system config and cell count --------------------------------------- */

static void test_system(void)
{
	baseline();
	memcpy(fx.sys.signature, "BHSYX", BH_SIGNATURE_LEN);
	run();
	expect("sys_bad_signature", 1,
	       HAVE(SYS_FILE ": ", "not a system config"));

	baseline();
	fx.sys.revision = 0;
	run();
	expect("sys_bad_revision", 1,
	       HAVE(SYS_FILE ": ", "config revision 0, expected "
		    XSTR(BH_CONFIG_REVISION)));

	baseline();
	fx.sys.num_cpus = 0;
	run();
	expect("sys_num_cpus_0", 1,
	       HAVE(SYS_FILE ": ", "num_cpus 0 is not in 1..64"));

	baseline();
	fx.sys.num_cpus = 65;
	run();
	expect("sys_num_cpus_65", 1,
	       HAVE(SYS_FILE ": ", "num_cpus 65 is not in 1..64"));

	baseline();
	fx.sys.hypervisor_memory.phys_start = 0x02100000;
	run();
	expect("sys_hv_phys_unaligned", 1,
	       HAVE(SYS_FILE ": ", "hypervisor memory [0x2100000-0x2900000)",
		    "2 MiB-aligned"));

	baseline();
	fx.sys.hypervisor_memory.size = 0x00900000;
	run();
	expect("sys_hv_size_unaligned", 1,
	       HAVE(SYS_FILE ": ", "hypervisor memory [0x2000000-0x2900000)",
		    "2 MiB-aligned"));

	baseline();
	fx.sys.hypervisor_memory.size = 0;
	run();
	expect("sys_hv_empty", 1,
	       HAVE(SYS_FILE ": ", "hypervisor memory", "non-empty"));

	baseline();
	fx.sys.flags = 0x80000004;
	run();
	expect("sys_unknown_flags", 1,
	       HAVE(SYS_FILE ": ", "unknown system flags 0x80000004"));

	baseline();
	fx.sys.flags = BH_SYS_QUIET_ABSENT;
	run();
	expect_clean("sys_quiet_absent");

	baseline();
	fx.sys.flags = BH_SYS_QUIET_ABSENT | BH_SYS_DMA_FAULT_STOPS;
	run();
	expect_clean("sys_dma_fault_stops");

	baseline();
	strcpy(fx.sys.manager, "hello");
	run();
	expect_clean("sys_manager_named");

	baseline();
	strcpy(fx.sys.manager, "nobody");
	run();
	expect("sys_manager_unknown", 1,
	       HAVE(SYS_FILE ": ", "managing cell \"nobody\" is not a cell"));

	baseline();
	memset(fx.sys.manager, 'x', sizeof(fx.sys.manager));
	run();
	expect("sys_manager_unterminated", 1,
	       HAVE(SYS_FILE ": ", "managing cell name is not terminated"));

	baseline();
	fx.sys.debug_console.type = 9;
	run();
	expect("sys_console_type", 1,
	       HAVE(SYS_FILE ": ", "debug console type 9"));

	baseline();
	fx.sys_size_adjust = -1;
	run();
	expect("sys_size", 1,
	       HAVE(SYS_FILE ": ", "system config is 215 bytes",
		    "expected at least 216"));

	baseline();
	fx.sys.flags = 4;
	fx.sys.num_cpus = 0;
	fx.sys.hypervisor_memory.phys_start = 0x02001000;
	run();
	expect("sys_all_errors_reported", 3,
	       HAVE(SYS_FILE ": ", "unknown system flags") &&
	       HAVE(SYS_FILE ": ", "num_cpus 0") &&
	       HAVE(SYS_FILE ": ", "hypervisor memory"));

	baseline();
	fx.num_cells = 0;
	run();
	expect("sys_zero_cells", 1,
	       HAVE(SYS_FILE ": ", "0 cells configured, need 1..16"));

	many_cells(BH_MAX_CELLS + 1);
	run();
	expect("sys_too_many_cells", 1,
	       HAVE(SYS_FILE ": ", "17 cells configured, need 1..16"));
}

/* ---- several independent errors ----------------------------------------- */

static void test_many_errors(void)
{
	baseline();
	fx.cell[LINUX].mem[1].size = 0x2000;		/* comm size */
	fx.cell[RT].desc.flags |= 0x4;			/* cell flags */
	fx.cell[RT].mem[0].phys_start = 0x02600000;	/* hits hv */
	fx.cell[HELLO].desc.cpus = 0;			/* no CPU */
	fx.cell[HELLO].pio[0].base = 0x2f8;		/* rt's ports */
	fx.cell[HELLO].pio[0].length = 1;
	fx.cell[HELLO].blob[0].load_address = 0x200000;	/* outside */
	run();
	expect("many_errors_all_reported", 6,
	       HAVE("cells/linux.c: ", "cell \"linux\"", "comm region",
		    "0x2000 bytes") &&
	       HAVE("cells/rt.c: ", "cell \"rt\"", "unknown flags 0x4") &&
	       HAVE("cells/rt.c: ", "cell \"rt\"", "memory region 0",
		    "hypervisor memory") &&
	       HAVE("cells/hello.c: ", "cell \"hello\"", "has no CPU") &&
	       HAVE("cells/hello.c: ", "cell \"hello\"", "I/O port range 0",
		    "cell \"rt\"") &&
	       HAVE("cells/hello.c: ", "cell \"hello\"", "blob 0",
		    "outside"));

	/* The same overlap against two cells is reported for each. */
	baseline();
	fx.cell[HELLO].mem[0].phys_start = 0x20000000;	/* not SHARED */
	run();
	expect("many_errors_overlap_each_cell", 2,
	       HAVE("cells/hello.c: ", "cell \"hello\"", "memory region 0",
		    "cell \"linux\" region 3") &&
	       HAVE("cells/hello.c: ", "cell \"hello\"", "memory region 0",
		    "cell \"rt\" region 2"));
}

/* ---- shared-memory links ------------------------------------------------ */

/*
 * Link @p name between linux (function 00:1f.0, ID 0, the memory seen
 * where it lies) and rt (00:01.0, ID 1, at guest 0x40000000 + @p k MiB),
 * in shmem_memory [0x30000000-0x30100000): a state page, a read/write
 * page and two output sections of two pages, 0x6000 bytes. The linux
 * peer's function is 00:1f.@p k.
 */
static struct bh_shmem_link *add_link(const char *name, u32 k)
{
	struct bh_shmem_link *l = &fx.links[fx.nlinks++];

	memset(l, 0, sizeof(*l));
	set_str(l->name, sizeof(l->name), name);
	l->num_peers = 2;
	l->vectors = 2;
	l->state_size = 0x1000;
	l->rw_size = 0x1000;
	l->output_size = 0x2000;
	set_str(l->peers[0].cell, sizeof(l->peers[0].cell), "linux");
	l->peers[0].bdf = (u16)(0xf8 + k);
	l->peers[0].id = 0;
	set_str(l->peers[1].cell, sizeof(l->peers[1].cell), "rt");
	l->peers[1].bdf = (u16)(0x08 + (k << 3));
	l->peers[1].id = 1;
	l->peers[1].virt_start = 0x40000000 + (u64)k * 0x100000;
	fx.sys.num_shmem_links = fx.nlinks;
	fx.sys.shmem_memory.phys_start = 0x30000000;
	fx.sys.shmem_memory.size = 0x100000;
	return l;
}

/* The image builder's step on the fixture: messages in cap. */
static int place(void)
{
	struct bh_report r = { capture, &cap, 0 };

	memset(&cap, 0, sizeof(cap));
	last_ret = bh_shmem_place(&fx.sys, SYS_FILE, &r);
	return last_ret;
}

static void test_links(void)
{
	struct bh_machine_range image = { BH_RANGE_MEMORY, false, 0x30080000,
					  0x30090000, "the system image" };
	struct bh_shmem_link *l;

	baseline();
	add_link("rt-linux", 0);
	result("link_placed", place() == 0 && cap.n == 0 &&
	       fx.links[0].phys_start == 0x30000000,
	       "not placed at the start of shmem_memory");
	run();
	expect_clean("link_valid");

	baseline();
	add_link("one", 0);
	add_link("two", 1);
	place();
	result("links_placed_in_order", fx.links[1].phys_start == 0x30006000,
	       "the second link does not follow the first");
	run();
	expect_clean("links_two_valid");

	baseline();
	add_link("rt-linux", 0)->phys_start = 0x30000000;
	place();
	expect("link_place_address_given", 1,
	       HAVE(SYS_FILE ": ", "link 0 \"rt-linux\": phys_start "
		    "0x30000000: the image builder places links, leave it 0"));

	baseline();
	add_link("rt-linux", 0)->output_size = 0x80000;
	place();
	expect("link_place_too_big", 1,
	       HAVE(SYS_FILE ": ", "link 0 \"rt-linux\": 0x102000 bytes do "
		    "not fit in shmem_memory [0x30000000-0x30100000)"));

	baseline();
	add_link("rt-linux", 0);
	run();
	expect("link_unplaced", 1,
	       HAVE(SYS_FILE ": ", "link 0 \"rt-linux\": memory "
		    "[0x0-0x6000) is not within shmem_memory", "not placed"));

	baseline();
	add_link("rt-linux", 0);
	fx.sys.shmem_memory.phys_start = 0;
	fx.sys.shmem_memory.size = 0;
	run();
	expect("link_no_pool", -1,
	       HAVE(SYS_FILE ": ", "1 shared-memory links but no "
		    "shmem_memory to place them in"));

	baseline();
	fx.sys.shmem_memory.phys_start = 0x30000800;
	fx.sys.shmem_memory.size = 0x1000;
	run();
	expect("pool_unaligned", 1,
	       HAVE(SYS_FILE ": ", "shmem_memory [0x30000800-0x30001800) "
		    "must be whole pages"));

	baseline();
	add_link("rt-linux", 0);
	fx.sys.shmem_memory.phys_start = 0x02000000;
	place();
	run();
	expect("pool_over_hypervisor", 1,
	       HAVE(SYS_FILE ": ", "shmem_memory [0x2000000-0x2100000) "
		    "overlaps the hypervisor memory"));

	baseline();
	add_link("rt-linux", 0);
	fx.sys.shmem_memory.phys_start = 0x03000000;
	place();
	run();
	expect("pool_over_cell", 1,
	       HAVE(SYS_FILE ": ", "shmem_memory [0x3000000-0x3100000) "
		    "overlaps cell \"rt\" memory region 0"));

	baseline();
	add_link("rt-linux", 0);
	place();
	run_machine(&image, 1);
	expect("pool_over_machine", 1,
	       HAVE(SYS_FILE ": ", "shmem_memory [0x30000000-0x30100000) "
		    "overlaps the system image [0x30080000-0x30090000)"));

	baseline();
	add_link("rt-linux", 0)->num_peers = 1;
	place();
	run();
	expect("link_one_peer", 1,
	       HAVE(SYS_FILE ": ", "link 0 \"rt-linux\": 1 peers, need "
		    "2..8"));

	baseline();
	l = add_link("rt-linux", 0);
	l->num_peers = BH_SHMEM_MAX_PEERS + 1;
	place();
	run();
	expect("link_too_many_peers", 1,
	       HAVE(SYS_FILE ": ", "link 0 \"rt-linux\": 9 peers, need "
		    "2..8"));

	baseline();
	l = add_link("rt-linux", 0);
	l->vectors = 0;
	place();
	run();
	expect("link_no_vector", 1,
	       HAVE(SYS_FILE ": ", "0 MSI-X vectors, need 1..16"));
	l->vectors = BH_SHMEM_MAX_VECTORS + 1;
	run();
	expect("link_too_many_vectors", 1,
	       HAVE(SYS_FILE ": ", "17 MSI-X vectors, need 1..16"));

	baseline();
	add_link("rt-linux", 0)->rw_size = 0x800;
	place();
	run();
	expect("link_size_not_pages", 1,
	       HAVE(SYS_FILE ": ", "link 0 \"rt-linux\": rw_size 0x800 is "
		    "not whole pages"));

	baseline();
	add_link("rt-linux", 0)->state_size = 0;
	place();
	run();
	expect("link_no_state_table", 1,
	       HAVE(SYS_FILE ": ", "state_size 0x0 has no room for a state "
		    "of each of its 2 peers"));

	baseline();
	l = add_link("rt-linux", 0);
	set_str(l->peers[1].cell, sizeof(l->peers[1].cell), "nope");
	place();
	run();
	expect("link_peer_not_a_cell", 1,
	       HAVE(SYS_FILE ": ", "link 0 \"rt-linux\": peer 1: \"nope\" is "
		    "not a cell of this system"));

	baseline();
	l = add_link("rt-linux", 0);
	set_str(l->peers[1].cell, sizeof(l->peers[1].cell), "linux");
	place();
	run();
	expect("link_cell_twice", 1,
	       HAVE(SYS_FILE ": ", "peer 1: cell \"linux\" is peer 0 "
		    "already"));

	baseline();
	l = add_link("rt-linux", 0);
	l->peers[1].id = 0;
	place();
	run();
	expect("link_id_twice", 1,
	       HAVE(SYS_FILE ": ", "peer 1: ID 0 is peer 0's too"));
	l->peers[1].id = 2;
	run();
	expect("link_id_beyond", 1,
	       HAVE(SYS_FILE ": ", "peer 1: ID 2, need 0..1"));

	baseline();
	l = add_link("rt-linux", 0);
	set_str(l->peers[2].cell, sizeof(l->peers[2].cell), "hello");
	place();
	run();
	expect("link_unused_peer_set", 1,
	       HAVE(SYS_FILE ": ", "peer 2 is set but the link has 2 "
		    "peers"));

	baseline();
	l = add_link("rt-linux", 0);
	l->reserved = 1;
	l->peers[0].reserved = 2;
	fx.sys.reserved = 3;
	place();
	run();
	expect("link_reserved", 3,
	       HAVE(SYS_FILE ": ", "link 0 \"rt-linux\": reserved field is "
		    "0x1") &&
	       HAVE(SYS_FILE ": ", "peer 0: reserved field is 0x2") &&
	       HAVE(SYS_FILE ": ", "reserved field is 0x3, must be 0"));

	baseline();
	add_pci(&fx.cell[LINUX], 0, 0x00f8);			/* 00:1f.0 */
	add_link("rt-linux", 0);
	place();
	run();
	expect("link_function_owned", 1,
	       HAVE(SYS_FILE ": ", "peer 0 (cell \"linux\"): its function "
		    "00:1f.0 is the cell's PCI device 0"));

	baseline();
	add_link("rt-linux", 0)->peers[1].bdf = 0x100;		/* 01:00.0 */
	fx.sys.platform_info.pci_mmconfig_end_bus = 0;
	place();
	run();
	expect("link_function_no_bus", 1,
	       HAVE(SYS_FILE ": ", "peer 1 (cell \"rt\"): its function "
		    "01:00.0 is on no bus of the PCI MMCONFIG window"));

	baseline();
	add_link("rt-linux", 0)->peers[1].virt_start = 0x10000000;
	place();
	run();
	expect("link_guest_over_region", 1,
	       HAVE(SYS_FILE ": ", "peer 1 (cell \"rt\"): guest range "
		    "[0x10000000-0x10006000) overlaps its memory region 2"));

	baseline();
	add_link("rt-linux", 0)->peers[1].virt_start = 0xfee00000;
	place();
	run();
	expect("link_guest_over_apic", 1,
	       HAVE(SYS_FILE ": ", "peer 1 (cell \"rt\"): guest range "
		    "[0xfee00000-0xfee06000) overlaps the local APIC"));

	baseline();
	add_link("rt-linux", 0)->peers[1].virt_start = 0x40000800;
	place();
	run();
	expect("link_guest_unaligned", 1,
	       HAVE(SYS_FILE ": ", "peer 1 (cell \"rt\"): virt_start "
		    "0x40000800 is not page-aligned"));

	baseline();
	add_link("one", 0);
	l = add_link("two", 1);
	l->peers[1].bdf = 0x08;
	l->peers[1].virt_start = 0x40004000;
	place();
	run();
	expect("links_meet_in_a_cell", 2,
	       HAVE(SYS_FILE ": ", "link 1 \"two\": peer 1 (cell \"rt\"): "
		    "its function 00:01.0 is link 0 \"one\"'s there too") &&
	       HAVE(SYS_FILE ": ", "link 1 \"two\": peer 1 (cell \"rt\"): "
		    "guest range [0x40004000-0x4000a000) overlaps link 0 "
		    "\"one\" there"));

	baseline();
	add_link("same", 0);
	add_link("same", 1);
	place();
	run();
	expect("link_name_twice", 1,
	       HAVE(SYS_FILE ": ", "link 1 \"same\": name already used by "
		    "link 0"));

	baseline();
	add_link("rt-linux", 0);
	place();
	fx.sys.num_shmem_links = 2;
	run();
	expect("links_count_vs_size", 1,
	       HAVE(SYS_FILE ": ", "expected 1144 with its 2 shared-memory "
		    "links"));
	fx.sys.num_shmem_links = BH_MAX_SHMEM_LINKS + 1;
	run();
	expect("links_too_many", 1,
	       HAVE(SYS_FILE ": ", "9 shared-memory links, at most 8"));

	baseline();
	l = add_link("rt-linux", 0);
	l->doorbell_rate = BH_SHMEM_DOORBELL_RATE_MAX;
	place();
	run();
	expect_clean("link_doorbell_rate_max");
	l->doorbell_rate = BH_SHMEM_DOORBELL_RATE_MAX + 1;
	run();
	expect("link_doorbell_rate_too_high", 1,
	       HAVE(SYS_FILE ": ", "link 0 \"rt-linux\": doorbell_rate "
		    "1000001 a second, at most 1000000"));
}

int main(void)
{
	test_valid();
	test_memory_overlap();
	test_memory_machine();
	test_memory_region();
	test_comm();
	test_cpus();
	test_pio();
	test_pio_machine();
	test_pci();
	test_pci_bars();
	test_ioapic();
	test_machine();
	test_platform();
	test_names_flags();
	test_boot();
	test_cmdline();
	test_structure();
	test_system();
	test_links();
	test_many_errors();
	printf("# %d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}
