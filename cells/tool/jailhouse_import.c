/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * A Jailhouse x86 cell config (`.cell`) as a Bulkhead cell config in C
 * (jailhouse_import.h). The layout is read field by field at the offsets
 * of Jailhouse's include/jailhouse/cell-config.h, which are the same in
 * revisions 12 to 14 but for the signature: the descriptor (132 bytes),
 * then the CPU set, memory regions (32 bytes each), cache regions (12),
 * irqchips (32), I/O port ranges (4), PCI devices (56), PCI capabilities
 * (8) and stream IDs (4).
 */
#include <stdarg.h>
#include <string.h>

#include <bulkhead/config.h>

#include "jailhouse_import.h"

#define JH_DESC_SIZE	132
#define JH_MEM_SIZE	32
#define JH_CACHE_SIZE	12
#define JH_IRQCHIP_SIZE	32
#define JH_PIO_SIZE	4
#define JH_PCI_SIZE	56
#define JH_CAP_SIZE	8
#define JH_STREAM_SIZE	4

#define JH_MEM_READ		0x0001
#define JH_MEM_WRITE		0x0002
#define JH_MEM_EXECUTE		0x0004
#define JH_MEM_DMA		0x0008
#define JH_MEM_IO		0x0010
#define JH_MEM_COMM_REGION	0x0020
#define JH_MEM_LOADABLE		0x0040
#define JH_MEM_ROOTSHARED	0x0080
#define JH_MEM_NO_HUGEPAGES	0x0100
#define JH_MEM_IO_UNALIGNED	0x8000
#define JH_MEM_IO_WIDTHS	0xf0000
#define JH_MEM_KNOWN		0xf81ffULL

#define JH_CELL_PASSIVE_COMMREG		0x00000001
#define JH_CELL_TEST_DEVICE		0x00000002
#define JH_CELL_CONSOLE_PERMITTED	0x40000000
#define JH_CELL_CONSOLE_ACTIVE		0x80000000
#define JH_CELL_KNOWN	(JH_CELL_PASSIVE_COMMREG | JH_CELL_TEST_DEVICE | \
			 JH_CELL_CONSOLE_PERMITTED | JH_CELL_CONSOLE_ACTIVE)

#define JH_PCI_TYPE_DEVICE	1
#define JH_PCI_TYPE_BRIDGE	2
#define JH_PCI_TYPE_IVSHMEM	3

#define JH_CON_TYPE_NONE	0
#define JH_CON_TYPE_8250	2
#define JH_CON_ACCESS_MMIO	0x0001
#define JH_CON_REGDIST_4	0x0002

/** The parts of a .cell, located and counted. */
struct jh_cell {
	const u8 *desc;
	unsigned int revision;
	char name[BH_CELL_NAME_LEN];
	u32 flags, cpu_set_size;
	u32 n_mem, n_cache, n_irq, n_pio, n_pci, n_caps, n_stream;
	u32 vpci_irq_base;
	u64 cpus;
	const u8 *cpu_set, *mem, *cache, *irq, *pio, *pci, *caps;
};

static u16 get16(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

static u32 get32(const u8 *p)
{
	return (u32)get16(p) | (u32)get16(p + 2) << 16;
}

static u64 get64(const u8 *p)
{
	return (u64)get32(p) | (u64)get32(p + 4) << 32;
}

static int fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -1;
}

static int parse(const u8 *p, u64 len, struct jh_cell *c, char *err,
		 size_t err_len)
{
	u64 need;
	u32 i;

	memset(c, 0, sizeof(*c));
	if (len >= 6 && !memcmp(p, "JHSYS", 5))
		return fail(err, err_len, "a Jailhouse system config (the root "
			    "cell's), not a cell config; Bulkhead's system "
			    "config is written by hand (cells/system.c)");
	if (len < 8)
		return fail(err, err_len, "%llu bytes: too short for a "
			    "Jailhouse cell config", (unsigned long long)len);
	c->revision = get16(p + 6);
	if (!memcmp(p, "JHCELL", 6)) {
		if (c->revision != 12 && c->revision != 13)
			return fail(err, err_len, "Jailhouse config revision "
				    "%u with signature JHCELL: only 12 (v0.12) "
				    "and 13 are known", c->revision);
	} else if (!memcmp(p, "JHCLL", 5)) {
		if (c->revision != 14)
			return fail(err, err_len, "Jailhouse config revision "
				    "%u with signature JHCLL: only 14 is "
				    "known", c->revision);
		if (p[5] != 0)
			return fail(err, err_len, "a config for Jailhouse "
				    "architecture %u, not x86 (0)", p[5]);
	} else {
		return fail(err, err_len, "not a Jailhouse cell config (no "
			    "JHCELL or JHCLL signature)");
	}
	if (len < JH_DESC_SIZE)
		return fail(err, err_len, "truncated: %llu bytes, shorter "
			    "than the %u-byte cell descriptor",
			    (unsigned long long)len, JH_DESC_SIZE);
	c->desc = p;
	if (memchr(p + 8, 0, 32) == NULL)
		return fail(err, err_len, "the cell name is not terminated");
	memcpy(c->name, p + 8, sizeof(c->name));
	for (i = 0; c->name[i]; i++)
		if (c->name[i] < 0x20 || c->name[i] > 0x7e ||
		    c->name[i] == '"' || c->name[i] == '\\')
			return fail(err, err_len, "the cell name has a "
				    "character that cannot go in a C string "
				    "as it is (0x%02x)", (u8)c->name[i]);
	if (!c->name[0])
		return fail(err, err_len, "the cell has no name");
	c->flags = get32(p + 44);
	c->cpu_set_size = get32(p + 48);
	c->n_mem = get32(p + 52);
	c->n_cache = get32(p + 56);
	c->n_irq = get32(p + 60);
	c->n_pio = get32(p + 64);
	c->n_pci = get32(p + 68);
	c->n_caps = get32(p + 72);
	c->n_stream = get32(p + 76);
	c->vpci_irq_base = get32(p + 80);
	/* In 64 bits: hostile counts cannot wrap. */
	need = JH_DESC_SIZE + (u64)c->cpu_set_size +
	       (u64)c->n_mem * JH_MEM_SIZE + (u64)c->n_cache * JH_CACHE_SIZE +
	       (u64)c->n_irq * JH_IRQCHIP_SIZE + (u64)c->n_pio * JH_PIO_SIZE +
	       (u64)c->n_pci * JH_PCI_SIZE + (u64)c->n_caps * JH_CAP_SIZE +
	       (u64)c->n_stream * JH_STREAM_SIZE;
	if (len < need)
		return fail(err, err_len, "truncated: %llu bytes, its counts "
			    "say %llu", (unsigned long long)len,
			    (unsigned long long)need);
	if (len > need)
		return fail(err, err_len, "%llu bytes, its counts say %llu: "
			    "not one cell config", (unsigned long long)len,
			    (unsigned long long)need);
	c->cpu_set = p + JH_DESC_SIZE;
	for (i = 0; i < c->cpu_set_size; i++) {
		if (!c->cpu_set[i])
			continue;
		if (i >= 8)
			return fail(err, err_len, "CPU %u is in the cell: "
				    "Bulkhead cells have CPUs 0-63",
				    i * 8 + __builtin_ctz(c->cpu_set[i]));
		c->cpus |= (u64)c->cpu_set[i] << (i * 8);
	}
	c->mem = c->cpu_set + c->cpu_set_size;
	c->cache = c->mem + (u64)c->n_mem * JH_MEM_SIZE;
	c->irq = c->cache + (u64)c->n_cache * JH_CACHE_SIZE;
	c->pio = c->irq + (u64)c->n_irq * JH_IRQCHIP_SIZE;
	c->pci = c->pio + (u64)c->n_pio * JH_PIO_SIZE;
	c->caps = c->pci + (u64)c->n_pci * JH_PCI_SIZE;
	return 0;
}

/* A region Bulkhead cannot map as it is: not whole pages, or empty (a
 * placeholder, as in Jailhouse's ivshmem region sets). */
static bool subpage(const u8 *m)
{
	return (get64(m + 8) | get64(m + 16)) % BH_PAGE_SIZE ||
	       !get64(m + 16);
}

/* Device memory as Jailhouse's x86 configs give it: identity-mapped,
 * readable or writable, not executable, and none of the flags of RAM,
 * the comm region or Jailhouse's own IO (sub-page) regions. */
static bool device_memory(const u8 *m)
{
	u64 f = get64(m + 24);

	return get64(m) == get64(m + 8) && !subpage(m) &&
	       f & (JH_MEM_READ | JH_MEM_WRITE) &&
	       !(f & (JH_MEM_EXECUTE | JH_MEM_DMA | JH_MEM_IO |
		      JH_MEM_COMM_REGION | JH_MEM_LOADABLE |
		      JH_MEM_ROOTSHARED));
}

/* How many PCI functions (not bridges, not ivshmem) the cell owns. */
static u32 pci_functions(const struct jh_cell *c)
{
	u32 i, n = 0;

	for (i = 0; i < c->n_pci; i++)
		n += c->pci[i * JH_PCI_SIZE] == JH_PCI_TYPE_DEVICE;
	return n;
}

/* Jailhouse's ivshmem device entry: where its regions start, its ID,
 * its peers (shmem_regions_start, shmem_dev_id, shmem_peers). */
#define JH_PCI_MSIX_VECTORS	36
#define JH_PCI_SHMEM_START	48
#define JH_PCI_SHMEM_ID		52
#define JH_PCI_SHMEM_PEERS	53
#define JH_PCI_SHMEM_PROTOCOL	54

/* The ivshmem device whose memory region @p region is (its state
 * table, read/write section, then one output section per peer, in this
 * order: @p part 0, 1, 2 + peer), or NULL. */
static const u8 *ivshmem_of(const struct jh_cell *c, u32 region, u32 *part)
{
	u32 i;

	for (i = 0; i < c->n_pci; i++) {
		const u8 *d = c->pci + i * JH_PCI_SIZE;
		u32 start = get32(d + JH_PCI_SHMEM_START);

		if (d[0] == JH_PCI_TYPE_IVSHMEM && region >= start &&
		    region - start < 2U + d[JH_PCI_SHMEM_PEERS]) {
			*part = region - start;
			return d;
		}
	}
	return NULL;
}

/* Region @p i carried over: whole pages, not a BAR of the cell's
 * functions (device memory in a cell that owns functions), not an
 * ivshmem device's (a link's memory is the system config's). */
static bool region_kept(const struct jh_cell *c, u32 i)
{
	const u8 *m = c->mem + i * JH_MEM_SIZE;
	u32 part;

	return !subpage(m) && !(device_memory(m) && pci_functions(c)) &&
	       !ivshmem_of(c, i, &part);
}

static void bdf_text(char *buf, size_t len, u16 domain, u16 bdf)
{
	snprintf(buf, len, "%04x:%02x:%02x.%u", domain, bdf >> 8,
		 (bdf >> 3) & 0x1f, bdf & 7U);
}

/* The ID @p opts gives the function at @p domain:@p bdf, or NULL. */
static const struct jh_pci_id *pci_id(const struct jh_import_opts *opts,
				      u16 domain, u16 bdf)
{
	unsigned int i;

	for (i = 0; i < opts->num_pci_ids; i++)
		if (opts->pci_ids[i].domain == domain &&
		    opts->pci_ids[i].bdf == bdf)
			return &opts->pci_ids[i];
	return NULL;
}

int jh_parse_pci_id(const char *text, struct jh_pci_id *id)
{
	unsigned int f[6], n = 0;
	char tail;

	memset(id, 0, sizeof(*id));
	if (sscanf(text, "%4x:%2x:%2x.%1x=%4x:%4x%c", &f[0], &f[1], &f[2],
		   &f[3], &f[4], &f[5], &tail) == 6) {
		n = 1;
	} else if (sscanf(text, "%2x:%2x.%1x=%4x:%4x%c", &f[1], &f[2], &f[3],
			  &f[4], &f[5], &tail) == 5) {
		f[0] = 0;
		n = 1;
	}
	if (!n || f[2] > 0x1f || f[3] > 7 || strchr(text, ' ') ||
	    strchr(text, '+') || strchr(text, '-'))
		return -1;
	id->domain = (u16)f[0];
	id->bdf = (u16)(f[1] << 8 | f[2] << 3 | f[3]);
	id->vendor = (u16)f[4];
	id->device = (u16)f[5];
	return 0;
}

/* Every function the cell owns has an ID, every ID a function. */
static int check_pci_ids(const struct jh_cell *c,
			 const struct jh_import_opts *opts, char *err,
			 size_t err_len)
{
	char name[16];
	u32 i, j;

	for (i = 0; i < c->n_pci; i++) {
		const u8 *d = c->pci + i * JH_PCI_SIZE;

		if (d[0] != JH_PCI_TYPE_DEVICE)
			continue;
		bdf_text(name, sizeof(name), get16(d + 2), get16(d + 4));
		if (get16(d + 2))
			return fail(err, err_len, "PCI device %u (%s) is in "
				    "segment %u: a Bulkhead cell owns "
				    "functions of segment 0 (the MCFG "
				    "window's) only", i, name, get16(d + 2));
		if (pci_id(opts, get16(d + 2), get16(d + 4)))
			continue;
		return fail(err, err_len, "PCI device %u (%s) has no vendor:"
			    "device ID in Jailhouse's format, and Bulkhead "
			    "checks it at boot: give it with -p %s=VENDOR:"
			    "DEVICE (lspci -n on the target shows it)", i,
			    name, name);
	}
	for (j = 0; j < opts->num_pci_ids; j++) {
		const struct jh_pci_id *id = &opts->pci_ids[j];

		for (i = 0; i < c->n_pci; i++)
			if (c->pci[i * JH_PCI_SIZE] == JH_PCI_TYPE_DEVICE &&
			    get16(c->pci + i * JH_PCI_SIZE + 2) ==
			    id->domain &&
			    get16(c->pci + i * JH_PCI_SIZE + 4) == id->bdf)
				break;
		if (i == c->n_pci) {
			bdf_text(name, sizeof(name), id->domain, id->bdf);
			return fail(err, err_len, "-p %s: the cell owns no "
				    "PCI device there", name);
		}
		for (i = 0; i < j; i++)
			if (opts->pci_ids[i].domain == id->domain &&
			    opts->pci_ids[i].bdf == id->bdf) {
				bdf_text(name, sizeof(name), id->domain,
					 id->bdf);
				return fail(err, err_len, "-p %s given twice",
					    name);
			}
	}
	return 0;
}

/* What Jailhouse itself refuses of an ivshmem device, and a segment
 * Bulkhead has no link functions in. */
static int check_ivshmem(const struct jh_cell *c, char *err, size_t err_len)
{
	char name[16];
	u32 i;

	for (i = 0; i < c->n_pci; i++) {
		const u8 *d = c->pci + i * JH_PCI_SIZE;
		u32 start = get32(d + JH_PCI_SHMEM_START);
		u32 peers = d[JH_PCI_SHMEM_PEERS];

		if (d[0] != JH_PCI_TYPE_IVSHMEM)
			continue;
		bdf_text(name, sizeof(name), get16(d + 2), get16(d + 4));
		if (get16(d + 2))
			return fail(err, err_len, "PCI ivshmem device %u (%s) "
				    "is in segment %u: a Bulkhead link's "
				    "functions are in segment 0", i, name,
				    get16(d + 2));
		if ((u64)start + 2 + peers > c->n_mem)
			return fail(err, err_len, "PCI ivshmem device %u (%s): "
				    "its %u shared memory regions from region "
				    "%u are beyond the cell's %u", i, name,
				    2 + peers, start, c->n_mem);
		if (d[JH_PCI_SHMEM_ID] >= peers)
			return fail(err, err_len, "PCI ivshmem device %u (%s): "
				    "ID %u, but %u peers", i, name,
				    d[JH_PCI_SHMEM_ID], peers);
	}
	return 0;
}

/* @p in as text of a C comment, into @p out (@p len bytes): a "*" "/"
 * pair, which would end the comment, is written "*\/", and a "/" "*"
 * pair (a comment within a comment) "/\*". A name or path from the
 * config must not turn into code. */
static const char *comment_text(const char *in, char *out, size_t len)
{
	size_t n = 0;

	for (; *in && n + 3 < len; in++) {
		out[n++] = *in;
		if ((in[0] == '*' && in[1] == '/') ||
		    (in[0] == '/' && in[1] == '*'))
			out[n++] = '\\';
	}
	out[n] = '\0';
	return out;
}

/* One item of the header comment, "- " and the text wrapped at 76
 * columns. */
static void note(FILE *o, const char *fmt, ...)
{
	char raw[512], buf[1024];
	const char *p = buf;
	unsigned int col, first = 1;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	comment_text(raw, buf, sizeof(buf));
	while (*p) {
		const char *end = p, *brk = NULL;

		for (col = 5; *end && col < 76; end++, col++)
			if (*end == ' ')
				brk = end;
		if (!*end || !brk)
			brk = end;
		fprintf(o, " * %s%.*s\n", first ? "- " : "  ", (int)(brk - p),
			p);
		first = 0;
		p = *brk == ' ' ? brk + 1 : brk;
	}
}

static bool pio_on_console(const u8 *pio, u16 port)
{
	u32 base = get16(pio), n = get16(pio + 2);

	return port < base + n && base < (u32)port + 8;
}

static bool console_shared(const u8 *con, u16 port)
{
	u64 addr = get64(con);

	return get16(con + 12) == JH_CON_TYPE_8250 &&
	       !(get16(con + 14) & JH_CON_ACCESS_MMIO) &&
	       addr < (u64)port + 8 && (u64)port < addr + 8;
}

/** A Jailhouse flag and the Bulkhead one it becomes. */
struct flag_name {
	u64 bit;
	const char *name;
};

static const struct flag_name mem_flags[] = {
	{ JH_MEM_READ, "BH_MEM_READ" },
	{ JH_MEM_WRITE, "BH_MEM_WRITE" },
	{ JH_MEM_EXECUTE, "BH_MEM_EXECUTE" },
	{ JH_MEM_DMA, "BH_MEM_DMA" },
	{ JH_MEM_IO, "BH_MEM_IO" },
	{ JH_MEM_COMM_REGION, "BH_MEM_COMM_REGION" },
	{ JH_MEM_LOADABLE, "BH_MEM_LOADABLE" },
	{ JH_MEM_ROOTSHARED, "BH_MEM_SHARED" },
	{ JH_MEM_NO_HUGEPAGES, "BH_MEM_NO_HUGEPAGES" },
};

static const struct flag_name cell_flags[] = {
	{ JH_CELL_PASSIVE_COMMREG, "BH_CELL_PASSIVE_COMMREG" },
	{ JH_CELL_TEST_DEVICE, "BH_CELL_TEST_DEVICE" },
	{ JH_CELL_CONSOLE_PERMITTED, "BH_CELL_VIRTUAL_CONSOLE_PERMITTED" },
	{ JH_CELL_CONSOLE_ACTIVE, "BH_CELL_VIRTUAL_CONSOLE_ACTIVE" },
	{ BH_CELL_START_X2APIC, "BH_CELL_START_X2APIC" },
};

/* The names of @p f's bits of @p names, one a line after @p indent. */
static void put_flags(FILE *o, u64 f, const struct flag_name *names,
		      unsigned int n, const char *indent)
{
	const char *sep = "";
	unsigned int i;

	for (i = 0; i < n; i++)
		if (f & names[i].bit) {
			fprintf(o, "%s%s", sep, names[i].name);
			sep = indent;
		}
	if (!*sep)
		fprintf(o, "0");
}

static void put_region(FILE *o, const u8 *m, u32 i)
{
	u64 f = get64(m + 24);

	if (f & JH_MEM_ROOTSHARED)
		fprintf(o, "\t\t/* Jailhouse's region %u, ROOTSHARED (the "
			"root cell keeps it): SHARED,\n\t\t * which the "
			"region of a cell that shares it needs too */\n", i);
	if (device_memory(m)) {
		fprintf(o, "\t\t/* Jailhouse's region %u: identity-mapped, "
			"not executable: device\n\t\t * memory (Jailhouse's "
			"x86 configs give MMIO no IO flag) */\n", i);
		f |= JH_MEM_IO;
	}
	if (f & ~JH_MEM_KNOWN)
		fprintf(o, "\t\t/* Jailhouse's region %u: unknown flags "
			"0x%llx left out */\n", i,
			(unsigned long long)(f & ~JH_MEM_KNOWN));
	fprintf(o, "\t\t{\n"
		"\t\t\t.phys_start = 0x%llx,\n"
		"\t\t\t.virt_start = 0x%llx,\n"
		"\t\t\t.size = 0x%llx,\n"
		"\t\t\t.flags = ",
		(unsigned long long)get64(m), (unsigned long long)get64(m + 8),
		(unsigned long long)get64(m + 16));
	put_flags(o, f, mem_flags, BH_ARRAY_SIZE(mem_flags),
		  " |\n\t\t\t\t ");
	fprintf(o, ",\n\t\t},\n");
}

/* The size of the ivshmem device @p d's region @p part (0 for none). */
static u64 ivshmem_size(const struct jh_cell *c, const u8 *d, u32 part)
{
	return get64(c->mem + (get32(d + JH_PCI_SHMEM_START) + part) *
		     JH_MEM_SIZE + 16);
}

/* The ivshmem device @p d as a note and the system config's link of
 * which this cell is one end: Jailhouse pairs the ends by the BDF, so
 * the link is named after it and every peer's import gives the same
 * name and sizes; the user adds the others' ends. */
static void put_link(FILE *o, const struct jh_cell *c, const u8 *d)
{
	const u8 *state = c->mem + get32(d + JH_PCI_SHMEM_START) * JH_MEM_SIZE;
	u32 peers = d[JH_PCI_SHMEM_PEERS], id = d[JH_PCI_SHMEM_ID], k;
	u32 vectors = get16(d + JH_PCI_MSIX_VECTORS);
	u64 rw = ivshmem_size(c, d, 1), out = ivshmem_size(c, d, 2 + id);
	u64 virt = get64(state + 8), at = get64(state + 16);	/* state */
	char name[16], text[BH_CELL_NAME_LEN * 2];
	bool laid_out = true;

	bdf_text(name, sizeof(name), 0, get16(d + 4));
	note(o, "PCI ivshmem device %s (ID %u of %u peers, protocol 0x%04x, "
		"%u MSI-X vectors) and its memory regions %u-%u (state table "
		"0x%llx, read/write 0x%llx, %u outputs 0x%llx bytes each): in "
		"Bulkhead a link of the system config, whose memory the image "
		"builder places (Documentation/shared-memory.md); left out of "
		"the cell", name, id, peers, get16(d + JH_PCI_SHMEM_PROTOCOL),
		vectors, get32(d + JH_PCI_SHMEM_START),
		get32(d + JH_PCI_SHMEM_START) + 1 + peers,
		(unsigned long long)get64(state + 16), (unsigned long long)rw,
		peers, (unsigned long long)out);
	if (peers < 2 || peers > BH_SHMEM_MAX_PEERS) {
		note(o, "its %u peers cannot be a Bulkhead link (2 to %u)",
		     peers, BH_SHMEM_MAX_PEERS);
		return;
	}
	if (vectors < 1 || vectors > BH_SHMEM_MAX_VECTORS) {
		note(o, "its %u MSI-X vectors cannot be a Bulkhead link's "
			"(1 to %u): %u in the link below", vectors,
			BH_SHMEM_MAX_VECTORS, vectors ? BH_SHMEM_MAX_VECTORS :
			1);
		vectors = vectors ? BH_SHMEM_MAX_VECTORS : 1;
	}
	/* The guest finds the sections one after another from the state
	 * table (the vendor capability gives one address); so does a link
	 * place them. */
	for (k = 1; k < 2 + peers; k++) {
		const u8 *m = state + k * JH_MEM_SIZE;
		u64 off = k == 1 ? at : at + rw + (k - 2) * out;

		if (!get64(m + 16))
			continue;
		if (k >= 2 && get64(m + 16) != out)
			note(o, "the output section of peer %u is 0x%llx bytes, "
				"its own 0x%llx: a link's are all alike", k - 2,
				(unsigned long long)get64(m + 16),
				(unsigned long long)out);
		if (get64(m + 8) != virt + off)
			laid_out = false;
	}
	if (!laid_out)
		note(o, "its regions do not follow one another in the guest "
			"from the state table's 0x%llx: a link's do",
			(unsigned long long)virt);
	fprintf(o, " *   For the system config's links, with the other "
		"peers' ends added\n"
		" *   (each from its own import):\n"
		" *\n"
		" *\t{\n"
		" *\t\t.name = \"ivshmem-%s\",\n"
		" *\t\t.num_peers = %u,\n"
		" *\t\t.protocol = 0x%04x,\n"
		" *\t\t.vectors = %u,\n"
		" *\t\t.state_size = 0x%llx,\n"
		" *\t\t.rw_size = 0x%llx,\n"
		" *\t\t.output_size = 0x%llx,\n"
		" *\t\t.peers = {\n"
		" *\t\t\t{ .cell = \"%s\", .bdf = 0x%04x, .id = %u, "
		".virt_start = 0x%llx },\n"
		" *\t\t},\n"
		" *\t},\n",
		name + 5, peers, get16(d + JH_PCI_SHMEM_PROTOCOL), vectors,
		(unsigned long long)get64(state + 16), (unsigned long long)rw,
		(unsigned long long)out, comment_text(c->name, text,
						      sizeof(text)),
		get16(d + 4), id, (unsigned long long)virt);
}

/* Everything that does not carry over, said where it was. */
static void put_left_out(FILE *o, const struct jh_cell *c, u16 dbg)
{
	char name[16];
	u32 i, part;

	for (i = 0; i < c->n_mem; i++) {
		const u8 *m = c->mem + i * JH_MEM_SIZE;

		if (ivshmem_of(c, i, &part))
			continue;	/* said with its device */
		if (!get64(m + 16))
			note(o, "memory region %u is empty (a placeholder): "
			     "left out", i);
		else if (subpage(m))
			note(o, "memory region %u [0x%llx-0x%llx) at "
				"guest 0x%llx is not whole pages (a Jailhouse "
				"sub-page MMIO region): left out, Bulkhead "
				"maps pages only and would have to give the "
				"whole page", i,
				(unsigned long long)get64(m),
				(unsigned long long)(get64(m) + get64(m + 16)),
				(unsigned long long)get64(m + 8));
	}
	for (i = 0; i < c->n_cache; i++) {
		const u8 *k = c->cache + i * JH_CACHE_SIZE;

		note(o, "cache region %u (CAT ways %u-%u, type %u): "
			"left out, Bulkhead does not partition caches", i,
			get32(k), get32(k) + get32(k + 4) - 1, k[8]);
	}
	for (i = 0; i < c->n_mem; i++) {
		const u8 *m = c->mem + i * JH_MEM_SIZE;

		if (device_memory(m) && pci_functions(c))
			note(o, "memory region %u [0x%llx-0x%llx), identity-"
				"mapped and not executable, is taken for a BAR "
				"of the cell's PCI functions: left out, Bulkhead "
				"maps each function's BARs itself where the "
				"firmware put them (a region there would be "
				"refused at boot); other device memory would "
				"need it back with BH_MEM_IO", i,
				(unsigned long long)get64(m),
				(unsigned long long)(get64(m) + get64(m + 16)));
	}
	for (i = 0; i < c->n_pci; i++) {
		const u8 *d = c->pci + i * JH_PCI_SIZE;

		bdf_text(name, sizeof(name), get16(d + 2), get16(d + 4));
		if (d[0] == JH_PCI_TYPE_DEVICE && d[1])
			note(o, "PCI device %s: Jailhouse's IOMMU unit %u left "
				"out, Bulkhead finds each function's IOMMU in "
				"the ACPI IVRS", name, d[1]);
		if (d[0] == JH_PCI_TYPE_IVSHMEM)
			put_link(o, c, d);
		else if (d[0] != JH_PCI_TYPE_DEVICE)
			note(o, "PCI %s %s: left out, a Bulkhead cell owns "
				"functions, not bridges", d[0] ==
				JH_PCI_TYPE_BRIDGE ? "bridge" : "entry of an "
				"unknown type", name);
	}
	if (c->n_caps)
		note(o, "the PCI capability list (%u entr%s): left out, "
			"Bulkhead walks each function's own list and mediates "
			"what a cell may write (Documentation/pci.md)",
			c->n_caps, c->n_caps == 1 ? "y" : "ies");
	if (pci_functions(c) && c->n_irq)
		note(o, "the INTx lines of its PCI functions are not routed: "
			"Bulkhead routes one only where the config names the "
			"IOAPIC pin (BH_PCI_INTX, intx_pin)");
	if (c->n_stream)
		note(o, "%u stream IDs (ARM SMMU): left out",
			c->n_stream);
	if (c->vpci_irq_base)
		note(o, "vpci_irq_base %u (ARM): left out",
			c->vpci_irq_base);
	if (c->flags & ~(u32)JH_CELL_KNOWN)
		note(o, "unknown cell flags 0x%x: left out",
			c->flags & ~(u32)JH_CELL_KNOWN);
	for (i = 0; i < c->n_pio; i++)
		if (pio_on_console(c->pio + i * JH_PIO_SIZE, dbg))
			note(o, "I/O port range %u [0x%x-0x%x) covers "
				"the hypervisor's debug console at 0x%x, which "
				"Jailhouse lets a cell share: left out, no "
				"Bulkhead cell may touch it", i,
				get16(c->pio + i * JH_PIO_SIZE),
				get16(c->pio + i * JH_PIO_SIZE) +
				get16(c->pio + i * JH_PIO_SIZE + 2), dbg);
	if (console_shared(c->desc + 100, dbg))
		note(o, "its console is the 8250 at 0x%x, the "
			"hypervisor's debug console: here it prints through "
			"the hypervisor instead (console type NONE, "
			"VIRTUAL_CONSOLE_ACTIVE)", dbg);
	/* 0 waits for ever in both. */
	if (get64(c->desc + 92))
		note(o, "msg_reply_timeout %llu counts Jailhouse's polling "
		     "loops; Bulkhead's is in microseconds: check it",
		     (unsigned long long)get64(c->desc + 92));
}

static void put_console(FILE *o, const u8 *con, bool shared)
{
	u16 type = get16(con + 12), flags = get16(con + 14);

	if (shared || (type != JH_CON_TYPE_8250 && type != JH_CON_TYPE_NONE)) {
		if (!shared)
			fprintf(o, "\t\t/* Jailhouse console type %u has no "
				"Bulkhead equivalent: none */\n", type);
		fprintf(o, "\t\t.console = { .type = BH_CON_TYPE_NONE },\n");
		return;
	}
	fprintf(o, "\t\t.console = {\n"
		"\t\t\t.address = 0x%llx,\n"
		"\t\t\t.size = %u,\n"
		"\t\t\t.type = %s,\n"
		"\t\t\t.flags = %s | %s,\n",
		(unsigned long long)get64(con), get32(con + 8),
		type == JH_CON_TYPE_8250 ? "BH_CON_TYPE_8250" :
		"BH_CON_TYPE_NONE",
		flags & JH_CON_ACCESS_MMIO ? "BH_CON_ACCESS_MMIO" :
		"BH_CON_ACCESS_PIO",
		flags & JH_CON_REGDIST_4 ? "BH_CON_REGDIST_4" :
		"BH_CON_REGDIST_1");
	if (get32(con + 16))
		fprintf(o, "\t\t\t.divider = 0x%x,\n", get32(con + 16));
	fprintf(o, "\t\t},\n");
}

/* The cell's PCI functions, with the IDs @p opts gives them. */
static void put_pci(FILE *o, const struct jh_cell *c,
		    const struct jh_import_opts *opts)
{
	u32 i;

	fprintf(o, "\t.pci_devices = {\n");
	for (i = 0; i < c->n_pci; i++) {
		const u8 *d = c->pci + i * JH_PCI_SIZE;
		const struct jh_pci_id *id;
		char name[16];

		if (d[0] != JH_PCI_TYPE_DEVICE)
			continue;
		id = pci_id(opts, get16(d + 2), get16(d + 4));
		bdf_text(name, sizeof(name), get16(d + 2), get16(d + 4));
		fprintf(o, "\t\t/* Jailhouse's PCI device %u, %s (its ID "
			"given to bhimage -p) */\n"
			"\t\t{\n"
			"\t\t\t.type = BH_PCI_TYPE_DEVICE,\n"
			"\t\t\t.domain = 0x%04x,\n"
			"\t\t\t.bdf = 0x%04x,\n"
			"\t\t\t.vendor_id = 0x%04x,\n"
			"\t\t\t.device_id = 0x%04x,\n"
			"\t\t},\n", i, name, get16(d + 2), get16(d + 4),
			id->vendor, id->device);
	}
	fprintf(o, "\t},\n");
}

int jh_import(const u8 *cell, u64 len, const struct jh_import_opts *opts,
	      FILE *o, char *err, size_t err_len)
{
	struct jh_cell c;
	u32 i, n_mem = 0, n_pio = 0, n_pci, flags;
	char text[1024];
	bool shared;

	if (parse(cell, len, &c, err, err_len))
		return -1;
	if (opts->num_blobs > BH_MAX_BLOBS)
		return fail(err, err_len, "%u blobs, at most %u",
			    opts->num_blobs, BH_MAX_BLOBS);
	for (i = 0; i < opts->num_blobs; i++)
		if (strlen(opts->blobs[i].file) >= BH_BLOB_FILE_LEN ||
		    strpbrk(opts->blobs[i].file, "\"\\\n"))
			return fail(err, err_len, "blob file name %s is longer "
				    "than %u characters or has a quote, "
				    "backslash or newline", opts->blobs[i].file,
				    BH_BLOB_FILE_LEN - 1);
	if (check_pci_ids(&c, opts, err, err_len) ||
	    check_ivshmem(&c, err, err_len))
		return -1;
	n_pci = pci_functions(&c);
	for (i = 0; i < c.n_mem; i++)
		n_mem += region_kept(&c, i);
	for (i = 0; i < c.n_pio; i++)
		n_pio += !pio_on_console(c.pio + i * JH_PIO_SIZE,
					 opts->debug_console);
	shared = console_shared(c.desc + 100, opts->debug_console);
	/* A Jailhouse cell's APICs start in the host's mode: x2APIC where
	 * the CPU has it. */
	flags = (c.flags & JH_CELL_KNOWN) | BH_CELL_START_X2APIC;
	if (shared)
		flags |= JH_CELL_CONSOLE_PERMITTED | JH_CELL_CONSOLE_ACTIVE;

	fprintf(o, "/* SPDX-License-Identifier: BSD-2-Clause */\n"
		"/*\n"
		" * Cell \"%s\", imported by bhimage import-jailhouse from\n",
		comment_text(c.name, text, sizeof(text)));
	fprintf(o, " * %s (a Jailhouse x86 cell config, revision %u).\n"
		" * What did not carry over, or differs:\n",
		comment_text(opts->source, text, sizeof(text)), c.revision);
	put_left_out(o, &c, opts->debug_console);
	if (!opts->num_blobs)
		note(o, "no blob: Jailhouse loads a cell's image at run time "
		     "(jailhouse cell load); name it in blobs[] or load it "
		     "with bulkhead cell load");
	fprintf(o, " */\n#include <bulkhead/config.h>\n\n"
		"struct {\n\tstruct bh_cell_desc cell;\n");
	if (n_mem)
		fprintf(o, "\tstruct bh_memory mem_regions[%u];\n", n_mem);
	if (c.n_irq)
		fprintf(o, "\tstruct bh_irqchip irqchips[%u];\n", c.n_irq);
	if (n_pio)
		fprintf(o, "\tstruct bh_pio pio_regions[%u];\n", n_pio);
	if (n_pci)
		fprintf(o, "\tstruct bh_pci_device pci_devices[%u];\n", n_pci);
	if (opts->num_blobs)
		fprintf(o, "\tstruct bh_blob blobs[%u];\n", opts->num_blobs);
	fprintf(o, "} BH_PACKED config = {\n"
		"\t.cell = {\n"
		"\t\t.signature = BH_CELL_SIGNATURE,\n"
		"\t\t.revision = BH_CONFIG_REVISION,\n"
		"\t\t.name = \"%s\",\n"
		"\t\t.flags = ", c.name);
	put_flags(o, flags, cell_flags, BH_ARRAY_SIZE(cell_flags),
		  " |\n\t\t\t ");
	fprintf(o, ",\n\t\t.cpus = 0x%llxULL,\n", (unsigned long long)c.cpus);
	if (n_mem)
		fprintf(o, "\t\t.num_memory_regions = "
			"BH_ARRAY_SIZE(config.mem_regions),\n");
	if (c.n_irq)
		fprintf(o, "\t\t.num_irqchips = BH_ARRAY_SIZE(config.irqchips),"
			"\n");
	if (n_pio)
		fprintf(o, "\t\t.num_pio_regions = "
			"BH_ARRAY_SIZE(config.pio_regions),\n");
	if (n_pci)
		fprintf(o, "\t\t.num_pci_devices = "
			"BH_ARRAY_SIZE(config.pci_devices),\n");
	if (opts->num_blobs)
		fprintf(o, "\t\t.num_blobs = BH_ARRAY_SIZE(config.blobs),\n");
	fprintf(o, "\t\t.cpu_reset_address = 0x%llx,\n"
		"\t\t.msg_reply_timeout = %llu,\n",
		(unsigned long long)get64(c.desc + 84),
		(unsigned long long)get64(c.desc + 92));
	put_console(o, c.desc + 100, shared);
	fprintf(o, "\t},\n");
	if (n_mem) {
		fprintf(o, "\t.mem_regions = {\n");
		for (i = 0; i < c.n_mem; i++)
			if (region_kept(&c, i))
				put_region(o, c.mem + i * JH_MEM_SIZE, i);
		fprintf(o, "\t},\n");
	}
	if (c.n_irq) {
		fprintf(o, "\t.irqchips = {\n");
		for (i = 0; i < c.n_irq; i++) {
			const u8 *q = c.irq + i * JH_IRQCHIP_SIZE;

			fprintf(o, "\t\t{\n\t\t\t.address = 0x%llx,\n"
				"\t\t\t.id = 0x%x,\n\t\t\t.pin_base = %u,\n"
				"\t\t\t.pin_bitmap = { 0x%x, 0x%x, 0x%x, "
				"0x%x },\n\t\t},\n",
				(unsigned long long)get64(q), get32(q + 8),
				get32(q + 12), get32(q + 16), get32(q + 20),
				get32(q + 24), get32(q + 28));
		}
		fprintf(o, "\t},\n");
	}
	if (n_pio) {
		fprintf(o, "\t.pio_regions = {\n");
		for (i = 0; i < c.n_pio; i++) {
			const u8 *q = c.pio + i * JH_PIO_SIZE;

			if (!pio_on_console(q, opts->debug_console))
				fprintf(o, "\t\t{ .base = 0x%x, .length = %u "
					"},\n", get16(q), get16(q + 2));
		}
		fprintf(o, "\t},\n");
	}
	if (n_pci)
		put_pci(o, &c, opts);
	if (opts->num_blobs) {
		fprintf(o, "\t.blobs = {\n");
		for (i = 0; i < opts->num_blobs; i++)
			fprintf(o, "\t\t{ .file = \"%s\", .load_address = "
				"0x%llx },\n", opts->blobs[i].file,
				(unsigned long long)opts->blobs[i].load_address);
		fprintf(o, "\t},\n");
	}
	fprintf(o, "};\n");
	return 0;
}
