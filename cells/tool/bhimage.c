/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * bhimage: the host tool that seals the hypervisor binary, checks the cell
 * configs and packs the system image.
 *
 *   bhimage seal-hv FILE
 *   bhimage pack -o IMAGE [-M DEPFILE] [-Q QEMUFILE] -H HYPERVISOR
 *                SYSTEM_SRC=SYSTEM_BIN [CELL_SRC=CELL_BIN...]
 *   bhimage check SYSTEM_SRC=SYSTEM_BIN [CELL_SRC=CELL_BIN...]
 *   bhimage files SYSTEM_SRC=SYSTEM_BIN [CELL_SRC=CELL_BIN...]
 *   bhimage info IMAGE HYPERVISOR
 *   bhimage import-jailhouse [-d PORT] [-p PCI_ID...] CELL.cell
 *                            [BLOB[\@ADDRESS]...]
 *
 * SRC is the C file a config was compiled from; it is only used to name the
 * file in messages. Blob paths in cell configs are relative to the current
 * directory (the project root when run by make). A cell's Linux section is
 * expanded into blobs here (kernel, initramfs, boot parameters, ACPI
 * tables), and so is an inline command line: the image holds the
 * expanded config. With -M, pack also writes
 * a make rule that makes IMAGE depend on every file it was made from (the
 * hypervisor, the configs, every blob, kernel and initramfs they name),
 * each also a target with no rule, as gcc -MP does. With -Q, it writes
 * the machine QEMU needs to run the system: "CPUS MEMORY" (make run).
 * files lists the files the cells' configs name (blobs, kernel,
 * initramfs), one per line, so that make builds exactly those first.
 * import-jailhouse writes the Bulkhead cell config in C for a compiled
 * Jailhouse x86 cell config (jailhouse_import.h) to stdout, booting the
 * blobs given (default address 0); -d names the hypervisor's debug
 * console port (default 0x3f8), which no imported cell may keep; each -p
 * [DOMAIN:]BUS:DEV.FN=VENDOR:DEVICE gives the ID of a PCI function the
 * cell owns, which Jailhouse's format lacks (one for each, no other).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image_write.h"
#include "jailhouse_import.h"
#include "linux_cell.h"

#define MIB_1 0x100000ULL

static void emit_stderr(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "%s\n", msg);
}

static void emit_note(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "note: %s\n", msg);
}

static struct bh_report report = { emit_stderr, NULL, 0 };
static struct bh_report notes = { emit_note, NULL, 0 };
static struct bh_report silent = { NULL, NULL, 0 };

static void *read_file(const char *path, u64 *len)
{
	FILE *f = fopen(path, "rb");
	long size;
	void *buf = NULL;

	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc(size ? (size_t)size : 1);
		if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
			free(buf);
			buf = NULL;
		}
		*len = (u64)size;
	}
	if (!buf)
		fprintf(stderr, "%s: cannot read\n", path);
	fclose(f);
	return buf;
}

static int write_file(const char *path, const void *buf, u64 len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		fprintf(stderr, "%s: cannot write: %s\n", path,
			strerror(errno));
		return -1;
	}
	return 0;
}

/* "cells/x.c=build/cells/x.cell": the source names, the binary holds. */
static void *read_config(const char *arg, const char **src, u64 *len)
{
	const char *eq = strchr(arg, '=');

	if (!eq) {
		fprintf(stderr, "bhimage: expected SOURCE=BINARY, got %s\n",
			arg);
		return NULL;
	}
	*src = strndup(arg, (size_t)(eq - arg));
	return read_file(eq + 1, len);
}

static int add_blob(struct bh_cell_ref *c, const void **blobs,
		    struct bh_cell_desc *d, const char *file, u64 load,
		    const void *data, u64 size)
{
	struct bh_blob *b = (struct bh_blob *)bh_cell_blobs(d) + d->num_blobs;

	if (d->num_blobs >= BH_MAX_BLOBS) {
		fprintf(stderr, "%s: cell \"%s\": its blobs and those made "
			"from its Linux section or command line are more than "
			"%u\n", c->file, bh_cell_name(d),
			(unsigned int)BH_MAX_BLOBS);
		return -1;
	}
	memset(b, 0, sizeof(*b));
	snprintf(b->file, sizeof(b->file), "%s", file);
	b->load_address = load;
	blobs[d->num_blobs] = data;
	c->blob_size[d->num_blobs++] = size;
	return 0;
}

/* A Linux section becomes blobs: the whole bzImage where its protected-
 * mode part runs at the kernel's preferred address, the initramfs, the
 * boot parameters and the ACPI tables. The cell's own blobs (its boot
 * shim) must stay clear of where the generated ones go. */
static int expand_linux(struct bh_cell_ref *c, const struct bh_system *sys,
			const void **blobs)
{
	const struct bh_linux *l = bh_cell_linux(c->desc);
	struct linux_kernel_info ki;
	struct linux_cell *lc;
	struct bh_cell_desc *d;
	u64 klen, ilen = 0;
	const u8 *kernel;
	const void *initrd = NULL;
	char err[256];
	u32 i;

	for (i = 0; i < c->desc->num_blobs; i++) {
		const struct bh_blob *b = &bh_cell_blobs(c->desc)[i];
		u64 end = b->load_address + c->blob_size[i];

		if (end > BH_LINUX_PARAMS && b->load_address < MIB_1) {
			fprintf(stderr, "%s: cell \"%s\": blob %u (%s) at "
				"[0x%llx-0x%llx) reaches the Linux boot "
				"parameters at 0x%llx\n", c->file,
				bh_cell_name(c->desc), i, b->file,
				(unsigned long long)b->load_address,
				(unsigned long long)end,
				(unsigned long long)BH_LINUX_PARAMS);
			return -1;
		}
	}
	kernel = read_file(l->kernel, &klen);
	if (!kernel)
		return -1;
	if (l->initrd[0]) {
		initrd = read_file(l->initrd, &ilen);
		if (!initrd)
			return -1;
	}
	if (linux_kernel_parse(kernel, klen, &ki, err, sizeof(err))) {
		fprintf(stderr, "%s: cell \"%s\": %s: %s\n", c->file,
			bh_cell_name(c->desc), l->kernel, err);
		return -1;
	}
	lc = calloc(1, sizeof(*lc));
	/* Room for the blobs the section adds. */
	d = calloc(1, c->size + 4 * sizeof(struct bh_blob));
	if (!lc || !d)
		return -1;
	*lc = (struct linux_cell){ .desc = c->desc, .sys = sys,
				   .kernel = kernel, .ki = &ki,
				   .initrd_size = ilen };
	if (linux_cell_build(lc, err, sizeof(err))) {
		fprintf(stderr, "%s: cell \"%s\": Linux: %s\n", c->file,
			bh_cell_name(c->desc), err);
		return -1;
	}
	memcpy(d, c->desc, c->size);
	if (add_blob(c, blobs, d, l->kernel, lc->kernel_load, kernel, klen) ||
	    (initrd && add_blob(c, blobs, d, l->initrd, lc->initrd_load,
				initrd, ilen)) ||
	    add_blob(c, blobs, d, "(generated: Linux boot parameters)",
		     BH_LINUX_PARAMS, lc->params, sizeof(lc->params)) ||
	    add_blob(c, blobs, d, "(generated: ACPI tables)", BH_LINUX_ACPI,
		     lc->acpi, lc->acpi_size))
		return -1;
	c->desc = d;
	c->size = bh_cell_config_size(d);
	return 0;
}

/* An inline command line becomes the cell's last blob: its text and NUL
 * at its address, over the program's empty buffer. The checker judges
 * its length against the room given (bh_config_check()). */
static int expand_cmdline(struct bh_cell_ref *c, const void **blobs)
{
	const struct bh_cmdline *l = bh_cell_cmdline(c->desc);
	struct bh_cell_desc *d = calloc(1, c->size + sizeof(struct bh_blob));

	if (!d)
		return -1;
	memcpy(d, c->desc, c->size);
	if (add_blob(c, blobs, d, "(generated: command line)",
		     l->address ? l->address : BH_CMDLINE_DEFAULT_ADDRESS,
		     l->text, strlen(l->text) + 1))
		return -1;
	c->desc = d;
	c->size = bh_cell_config_size(d);
	return 0;
}

/* Whether the system config of @p set can be read as one: its size
 * matches its count of links (the checker says what is wrong if not). */
static bool system_sound(const struct bh_config_set *set)
{
	return set->system_size >= sizeof(struct bh_system) &&
	       set->system->num_shmem_links <= BH_MAX_SHMEM_LINKS &&
	       set->system_size == bh_system_config_size(set->system);
}

static int load_set(struct bh_config_set *set, int argc, char **argv,
		    const void *blobs[BH_MAX_CELLS][BH_MAX_BLOBS])
{
	struct bh_system *sys;
	int i;

	if (argc < 1) {
		fprintf(stderr, "bhimage: no system config given\n");
		return -1;
	}
	if (argc - 1 > BH_MAX_CELLS) {
		fprintf(stderr, "bhimage: %d cells, at most %d\n", argc - 1,
			BH_MAX_CELLS);
		return -1;
	}
	sys = read_config(argv[0], &set->system_file, &set->system_size);
	if (!sys)
		return -1;
	set->system = sys;
	/* The links' memory is the builder's to place (a malformed system
	 * config is reported by the checker). What it refuses counts in
	 * the report, and the checker still says all else. */
	if (system_sound(set))
		bh_shmem_place(sys, set->system_file, &report);
	set->num_cells = (u32)(argc - 1);
	for (i = 1; i < argc; i++) {
		struct bh_cell_ref *c = &set->cells[i - 1];
		u32 b;

		c->desc = read_config(argv[i], &c->file, &c->size);
		if (!c->desc)
			return -1;
		/* Only to know whether its blobs can be read: the fault
		 * itself is reported once, by bh_config_check(). */
		if (!bh_cell_structure_ok(c, &silent))
			continue;
		for (b = 0; b < c->desc->num_blobs; b++) {
			const char *path = bh_cell_blobs(c->desc)[b].file;

			blobs[i - 1][b] = read_file(path, &c->blob_size[b]);
			if (!blobs[i - 1][b]) {
				fprintf(stderr, "%s: cell \"%s\": blob %u: "
					"cannot read %s\n", c->file,
					bh_cell_name(c->desc), b, path);
				return -1;
			}
		}
		/* (A malformed system config is reported by the checker.) */
		if (c->desc->num_linux &&
		    system_sound(set) &&
		    expand_linux(c, set->system, blobs[i - 1]))
			return -1;
		/* (Besides a Linux section, it is refused by the checker.) */
		if (c->desc->num_cmdline && !c->desc->num_linux &&
		    expand_cmdline(c, blobs[i - 1]))
			return -1;
	}
	return 0;
}

static int cmd_check(int argc, char **argv)
{
	static const void *blobs[BH_MAX_CELLS][BH_MAX_BLOBS];
	static struct bh_config_set set;

	report.errors = 0;
	if (load_set(&set, argc, argv, blobs) ||
	    bh_config_check(&set, &report) || report.errors)
		return 1;
	bh_config_notes(&set, &notes);
	return 0;
}

/* The files the image at @p out was made from, for make (-M). The
 * configs are the part of each SRC=BIN argument after "=". */
static int write_deps(const char *path, const char *out, const char *hv,
		      int argc, char **argv, const struct bh_config_set *set)
{
	FILE *f = fopen(path, "w");
	int i, pass;
	u32 c, b;

	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return 1;
	}
	/* Pass 0: the rule; pass 1: a target for each file. */
	for (pass = 0; pass < 2; pass++) {
		if (!pass)
			fprintf(f, "%s: %s", out, hv);
		for (i = 0; i < argc; i++) {
			const char *bin = strchr(argv[i], '=');

			fprintf(f, pass ? "%s:\n" : " \\\n %s",
				bin ? bin + 1 : argv[i]);
		}
		for (c = 0; c < set->num_cells; c++)
			for (b = 0; b < set->cells[c].desc->num_blobs; b++) {
				const char *file =
					bh_cell_blobs(set->cells[c].desc)[b].file;

				if (file[0] != '(')	/* not generated */
					fprintf(f, pass ? "%s:\n" :
						" \\\n %s", file);
			}
		if (!pass)
			fprintf(f, "\n");
	}
	if (fclose(f)) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

/* The machine that runs the system under QEMU: the system's CPU count,
 * and RAM reaching past every region of RAM the configs place (and the
 * hypervisor's), rounded up to 256 MiB, plus 256 MiB for the firmware
 * and what the loader allocates; at least 1 GiB. */
static int write_qemu(const char *path, const struct bh_config_set *set)
{
	const u64 step = 256 * MIB_1;
	const struct bh_memory *hv = &set->system->hypervisor_memory;
	u64 top = hv->phys_start + hv->size, mem;
	FILE *f;
	u32 c, i;

	for (c = 0; c < set->num_cells; c++) {
		const struct bh_cell_desc *d = set->cells[c].desc;
		const struct bh_memory *m = bh_cell_mem_regions(d);

		for (i = 0; i < d->num_memory_regions; i++)
			if (!(m[i].flags & (BH_MEM_IO | BH_MEM_COMM_REGION)) &&
			    m[i].phys_start + m[i].size > top)
				top = m[i].phys_start + m[i].size;
	}
	mem = (top + step - 1) / step * step + step;
	if (mem < 4 * step)
		mem = 4 * step;
	f = fopen(path, "w");
	if (!f || fprintf(f, "%u %lluM\n", set->system->num_cpus,
			  (unsigned long long)(mem / MIB_1)) < 0 || fclose(f)) {
		fprintf(stderr, "%s: cannot write: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

/* The files the cells name, as they are in the configs (not expanded). */
static int cmd_files(int argc, char **argv)
{
	int i;
	u32 b;

	for (i = 1; i < argc; i++) {
		struct bh_cell_ref c = { .file = argv[i] };

		c.desc = read_config(argv[i], &c.file, &c.size);
		if (!c.desc)
			return 1;
		/* A broken config is reported by pack, which follows. */
		if (!bh_cell_structure_ok(&c, &silent))
			continue;
		for (b = 0; b < c.desc->num_blobs; b++)
			printf("%s\n", bh_cell_blobs(c.desc)[b].file);
		if (c.desc->num_linux) {
			const struct bh_linux *l = bh_cell_linux(c.desc);

			printf("%s\n", l->kernel);
			if (l->initrd[0])
				printf("%s\n", l->initrd);
		}
	}
	return 0;
}

static int cmd_pack(int argc, char **argv)
{
	static const void *blobs[BH_MAX_CELLS][BH_MAX_BLOBS];
	static struct bh_config_set set;
	const char *out = NULL, *hv = NULL, *dep = NULL, *qemu = NULL;
	const struct bh_hv_header *hvh;
	u64 hv_len, len;
	u8 *img;

	for (; argc >= 2 && argv[0][0] == '-'; argc -= 2, argv += 2) {
		if (!strcmp(argv[0], "-o"))
			out = argv[1];
		else if (!strcmp(argv[0], "-H"))
			hv = argv[1];
		else if (!strcmp(argv[0], "-M"))
			dep = argv[1];
		else if (!strcmp(argv[0], "-Q"))
			qemu = argv[1];
		else
			break;
	}
	if (!out || !hv) {
		fprintf(stderr, "bhimage pack: need -o IMAGE and -H "
			"HYPERVISOR\n");
		return 2;
	}
	hvh = read_file(hv, &hv_len);
	if (!hvh || bh_hv_check(hvh, hv_len, hv, &report))
		return 1;
	if (load_set(&set, argc, argv, blobs) ||
	    bh_config_check(&set, &report) || report.errors)
		return 1;
	bh_config_notes(&set, &notes);
	if (bh_image_build(&set, blobs, hvh->sealed.digest, &img, &len)) {
		fprintf(stderr, "bhimage: out of memory\n");
		return 1;
	}
	if (write_file(out, img, len))
		return 1;
	if (qemu && write_qemu(qemu, &set))
		return 1;
	return dep ? write_deps(dep, out, hv, argc, argv, &set) : 0;
}

static int cmd_seal_hv(const char *path)
{
	struct bh_hv_header *h;
	u64 len;

	h = read_file(path, &len);
	if (!h)
		return 1;
	if (len < sizeof(*h) ||
	    memcmp(h->sealed.magic, BH_HV_MAGIC, sizeof(h->sealed.magic))) {
		fprintf(stderr, "%s: no hypervisor header at its start\n",
			path);
		return 1;
	}
	h->sealed.file_size = len;
	bh_seal(h, len);
	if (bh_hv_check(h, len, path, &report))
		return 1;
	return write_file(path, h, len) ? 1 : 0;
}

static int cmd_info(const char *img_path, const char *hv_path)
{
	struct bh_image_view v;
	const struct bh_hv_header *hv;
	void *img;
	u64 len, hv_len;
	u32 i;

	hv = read_file(hv_path, &hv_len);
	img = read_file(img_path, &len);
	if (!hv || !img || bh_hv_check(hv, hv_len, hv_path, &report) ||
	    bh_image_open(&v, img, len, hv, img_path, &report))
		return 1;
	for (i = 0; i < v.hdr->num_parts; i++)
		printf("part %u %s cell=%u index=%u offset=0x%llx size=%llu "
		       "name=%s\n", i, bh_part_type_name(v.parts[i].type),
		       v.parts[i].cell, v.parts[i].index,
		       (unsigned long long)v.parts[i].offset,
		       (unsigned long long)v.parts[i].size, v.parts[i].name);
	return 0;
}

/* How many -p a Jailhouse import takes. */
#define BH_MAX_PCI_IDS 64U

static int cmd_import(int argc, char **argv)
{
	static struct jh_blob_arg blobs[BH_MAX_BLOBS + 1];
	static struct jh_pci_id ids[BH_MAX_PCI_IDS];
	struct jh_import_opts opts = { .debug_console = 0x3f8,
				       .pci_ids = ids };
	char err[256], *end;
	const u8 *cell;
	u64 len;
	int i;

	while (argc >= 2 && (!strcmp(argv[0], "-d") ||
			     !strcmp(argv[0], "-p"))) {
		if (!strcmp(argv[0], "-p")) {
			if (opts.num_pci_ids == BH_MAX_PCI_IDS ||
			    jh_parse_pci_id(argv[1], &ids[opts.num_pci_ids])) {
				fprintf(stderr, "bhimage import-jailhouse: -p %s:"
					" not [DOMAIN:]BUS:DEV.FN=VENDOR:DEVICE "
					"in hex, or more than %u\n", argv[1],
					BH_MAX_PCI_IDS);
				return 2;
			}
			opts.num_pci_ids++;
		} else {
			unsigned long port = strtoul(argv[1], &end, 0);

			if (*end || port > 0xfff8) {
				fprintf(stderr, "bhimage import-jailhouse: -d %s "
					"is not an I/O port\n", argv[1]);
				return 2;
			}
			opts.debug_console = (u16)port;
		}
		argc -= 2;
		argv += 2;
	}
	if (argc < 1) {
		fprintf(stderr, "bhimage import-jailhouse: no .cell file given\n");
		return 2;
	}
	for (i = 1; i < argc && i <= BH_MAX_BLOBS + 1; i++) {
		char *at = strrchr(argv[i], '@');

		blobs[i - 1].file = argv[i];
		if (at) {
			*at = 0;
			blobs[i - 1].load_address = strtoull(at + 1, &end, 0);
			if (!at[1] || *end) {
				fprintf(stderr, "bhimage import-jailhouse: %s: "
					"bad load address %s\n", argv[i], at + 1);
				return 2;
			}
		}
	}
	opts.source = argv[0];
	opts.blobs = blobs;
	opts.num_blobs = (unsigned int)(argc - 1);
	cell = read_file(argv[0], &len);
	if (!cell)
		return 1;
	if (jh_import(cell, len, &opts, stdout, err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n", argv[0], err);
		return 1;
	}
	return fflush(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "seal-hv"))
		return cmd_seal_hv(argv[2]);
	if (argc >= 3 && !strcmp(argv[1], "pack"))
		return cmd_pack(argc - 2, argv + 2);
	if (argc >= 3 && !strcmp(argv[1], "check"))
		return cmd_check(argc - 2, argv + 2);
	if (argc >= 3 && !strcmp(argv[1], "files"))
		return cmd_files(argc - 2, argv + 2);
	if (argc == 4 && !strcmp(argv[1], "info"))
		return cmd_info(argv[2], argv[3]);
	if (argc >= 2 && !strcmp(argv[1], "import-jailhouse"))
		return cmd_import(argc - 2, argv + 2);
	fprintf(stderr,
		"usage: bhimage seal-hv FILE\n"
		"       bhimage pack -o IMAGE [-M DEPFILE] [-Q QEMUFILE] "
		"-H HYPERVISOR SYS_SRC=SYS_BIN [CELL_SRC=CELL_BIN...]\n"
		"       bhimage check SYS_SRC=SYS_BIN [CELL_SRC=CELL_BIN...]\n"
		"       bhimage files SYS_SRC=SYS_BIN [CELL_SRC=CELL_BIN...]\n"
		"       bhimage info IMAGE HYPERVISOR\n"
		"       bhimage import-jailhouse [-d PORT] "
		"[-p [DOMAIN:]BUS:DEV.FN=VENDOR:DEVICE]... CELL.cell "
		"[BLOB[@ADDRESS]...]\n");
	return 2;
}
