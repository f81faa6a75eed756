/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of the Linux cell's boot data (cells/tool/linux_cell.c)
 * and ACPI tables (cells/tool/acpi_build.c).
 *
 * The setup_data layout is checked against the offsets Linux publishes
 * (arch/x86/include/uapi/asm/bootparam.h and arch/x86/kernel/jailhouse.c,
 * as recorded in shared/reference/linux-guest.md); the zero page against
 * the boot protocol's offsets; the ACPI tables are read back with the
 * hypervisor's own ACPI parser (arch/x86/acpi.c) and every table's
 * checksum is verified. The kernel is a synthetic bzImage header with
 * the values of Debian's 6.1 kernel.
 *
 * Output: one line per check, `ok <name>` or `FAIL <name>: <detail>`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/le.h>

#include "acpi.h"
#include "linux_cell.h"
#include "report.h"

static int failures;

static void check(const char *name, int cond, const char *detail)
{
	if (cond) {
		printf("ok %s\n", name);
	} else {
		printf("FAIL %s: %s\n", name, detail);
		failures++;
	}
}

/* ---- setup_data layout ------------------------------------------------ */

#define OFF(f) __builtin_offsetof(struct bh_jailhouse_setup_data, f)

static void test_setup_data_layout(void)
{
	/* Node offsets: data starts at 0x10 after next/type/len. */
	check("setup_data/size", sizeof(struct bh_jailhouse_setup_data) ==
	      0x10 + 284, "not 16 + 284 bytes");
	check("setup_data/version", OFF(version) == 0x10, "offset");
	check("setup_data/compatible_version", OFF(compatible_version) == 0x12,
	      "offset");
	check("setup_data/pm_timer_address", OFF(pm_timer_address) == 0x14,
	      "offset");
	check("setup_data/num_cpus", OFF(num_cpus) == 0x16, "offset");
	check("setup_data/pci_mmconfig_base", OFF(pci_mmconfig_base) == 0x18,
	      "offset");
	check("setup_data/tsc_khz", OFF(tsc_khz) == 0x20, "offset");
	check("setup_data/apic_khz", OFF(apic_khz) == 0x24, "offset");
	check("setup_data/standard_ioapic", OFF(standard_ioapic) == 0x28,
	      "offset");
	check("setup_data/cpu_ids", OFF(cpu_ids) == 0x29, "offset");
	check("setup_data/flags", OFF(flags) == 0x128, "offset");
}

/* ---- a kernel and a cell ---------------------------------------------- */

#define KERNEL_SIZE 0x10000

static u8 kernel[KERNEL_SIZE];

/* The header fields of Debian's 6.1 bzImage (linux-guest.md). */
static void make_kernel(void)
{
	unsigned int i;

	for (i = 0; i < KERNEL_SIZE; i++)
		kernel[i] = (u8)(i * 7 + 3);	/* recognisable filler */
	kernel[BP_SETUP_SECTS] = 39;
	kernel[BP_JUMP] = 0xeb;
	kernel[BP_JUMP + 1] = 0x6a;		/* header ends at 0x26c */
	memcpy(kernel + BP_HEADER_MAGIC, "HdrS", 4);
	kernel[BP_VERSION] = 0x0f;
	kernel[BP_VERSION + 1] = 0x02;
	kernel[BP_LOADFLAGS] = LOADED_HIGH;
	bh_put32(kernel + BP_INITRD_ADDR_MAX, 0x7fffffff);
	bh_put32(kernel + BP_KERNEL_ALIGNMENT, 0x200000);
	kernel[BP_RELOCATABLE] = 1;
	kernel[BP_XLOADFLAGS] = 0x7f;
	kernel[BP_XLOADFLAGS + 1] = 0;
	bh_put32(kernel + BP_CMDLINE_SIZE, 0x7ff);
	memset(kernel + BP_PREF_ADDRESS, 0, 8);
	bh_put32(kernel + BP_PREF_ADDRESS, 0x1000000);
	bh_put32(kernel + BP_INIT_SIZE, 0x3f97000);
}

/* The shape of cells/linux.c: low MiB, comm region, 254 MiB from 2 MiB,
 * the IOAPIC, the PIT, RTC and COM2, two CPUs. */
static struct {
	struct bh_cell_desc cell;
	struct bh_memory mem[3];
	struct bh_irqchip irq[1];
	struct bh_pio pio[4];
	struct bh_linux lx[1];
	struct bh_blob blob[1];
} BH_PACKED cell;

static struct bh_system sys;

static void make_cell(void)
{
	memset(&cell, 0, sizeof(cell));
	cell.cell.cpus = 1ULL << 5 | 1ULL << 6;
	cell.cell.num_memory_regions = 3;
	cell.cell.num_irqchips = 1;
	cell.cell.num_pio_regions = 4;
	cell.cell.num_linux = 1;
	cell.cell.num_blobs = 1;
	cell.mem[0] = (struct bh_memory){ 0x10000000, 0, 0x100000, 7 };
	cell.mem[1] = (struct bh_memory){ 0, 0x100000, 0x1000,
					  3 | BH_MEM_COMM_REGION };
	cell.mem[2] = (struct bh_memory){ 0x10200000, 0x200000, 0xfe00000, 7 };
	cell.irq[0].address = 0xfec00000;
	cell.irq[0].pin_bitmap[0] = 1U << 2 | 1U << 3 | 1U << 8;
	cell.pio[0] = (struct bh_pio){ 0x40, 4 };
	cell.pio[1] = (struct bh_pio){ 0x61, 1 };
	cell.pio[2] = (struct bh_pio){ 0x70, 2 };
	cell.pio[3] = (struct bh_pio){ 0x2f8, 8 };
	strcpy(cell.lx[0].kernel, "vmlinuz");
	strcpy(cell.lx[0].cmdline, "console=ttyS1,115200");
	memset(&sys, 0, sizeof(sys));
	sys.platform_info.pm_timer_address = 0x608;
	sys.platform_info.pci_mmconfig_base = 0xb0000000;
	sys.platform_info.pci_mmconfig_end_bus = 0xff;
}

static struct linux_kernel_info ki;
static struct linux_cell lc;
static char err[256];

static int build(u64 initrd_size)
{
	memset(&lc, 0, sizeof(lc));
	lc.desc = &cell.cell;
	lc.sys = &sys;
	lc.kernel = kernel;
	lc.ki = &ki;
	lc.initrd_size = initrd_size;
	err[0] = '\0';
	return linux_cell_build(&lc, err, sizeof(err));
}

static void test_kernel_parse(void)
{
	char detail[512];
	int r;

	make_kernel();
	r = linux_kernel_parse(kernel, KERNEL_SIZE, &ki, err, sizeof(err));
	snprintf(detail, sizeof(detail), "ret %d (%s): version %#x setup %llu "
		 "pref %#llx init %#x cmdline %u end %#x", r, err, ki.version,
		 (unsigned long long)ki.setup_size,
		 (unsigned long long)ki.pref_address, ki.init_size,
		 ki.cmdline_size, ki.header_end);
	check("kernel/debian-header", r == 0 && ki.version == 0x20f &&
	      ki.setup_size == 40 * 512 && ki.pref_address == 0x1000000 &&
	      ki.init_size == 0x3f97000 && ki.cmdline_size == 0x7ff &&
	      ki.initrd_addr_max == 0x7fffffff && ki.header_end == 0x26c,
	      detail);

	kernel[BP_HEADER_MAGIC] = 'X';
	check("kernel/no-magic", linux_kernel_parse(kernel, KERNEL_SIZE, &ki,
						     err, sizeof(err)) &&
	      strstr(err, "not a Linux bzImage"), err);
	make_kernel();
	kernel[BP_VERSION] = 0x0b;
	check("kernel/old-protocol", linux_kernel_parse(kernel, KERNEL_SIZE,
							 &ki, err, sizeof(err))
	      && strstr(err, "2.11"), err);
	make_kernel();
	kernel[BP_XLOADFLAGS] = 0x7e;
	check("kernel/no-64-bit-entry", linux_kernel_parse(kernel, KERNEL_SIZE,
							    &ki, err,
							    sizeof(err)) &&
	      strstr(err, "XLF_KERNEL_64"), err);
	make_kernel();
	kernel[BP_RELOCATABLE] = 0;
	check("kernel/not-relocatable", linux_kernel_parse(kernel, KERNEL_SIZE,
							    &ki, err,
							    sizeof(err)) &&
	      strstr(err, "not relocatable"), err);
	make_kernel();
	check("kernel/truncated", linux_kernel_parse(kernel, 0x200, &ki, err,
						      sizeof(err)) != 0, err);
	linux_kernel_parse(kernel, KERNEL_SIZE, &ki, err, sizeof(err));
}

static void test_params(void)
{
	static const struct bh_e820 want[] = {
		{ 0, 0xa0000, E820_RAM },
		{ 0xe0000, 0x20000, E820_ACPI },
		{ 0x100000, 0x1000, E820_RESERVED },
		{ 0x200000, 0xfe00000, E820_RAM },
	};
	const u8 *zp = lc.params;
	const struct bh_jailhouse_setup_data *sd;
	char detail[256];
	unsigned int i, same = 1;
	int r;

	make_cell();
	r = build(0x100000);
	check("params/builds", r == 0, err);
	check("params/kernel-placed", lc.kernel_load == 0x1000000 - 40 * 512,
	      "the protected-mode part does not land at pref_address");
	snprintf(detail, sizeof(detail), "initrd at 0x%llx",
		 (unsigned long long)lc.initrd_load);
	check("params/initrd-at-top", lc.initrd_load == 0x10000000 - 0x100000,
	      detail);
	check("params/e820-count", zp[BP_E820_ENTRIES] == 4 &&
	      lc.e820_entries == 4, "not 4 entries");
	check("params/e820-entries", !memcmp(zp + BP_E820_TABLE, want,
					     sizeof(want)),
	      "entries differ from the cell's memory");
	/* The setup header is the kernel's, but for the loader's fields. */
	for (i = BP_HDR; i < 0x26c; i++)
		if (i < BP_TYPE_OF_LOADER || (i >= BP_CMD_LINE_PTR + 4 &&
					     i < BP_SETUP_DATA))
			same &= zp[i] == kernel[i];
	check("params/header-copied", same && !memcmp(zp + BP_HEADER_MAGIC,
						      "HdrS", 4),
	      "setup header not copied");
	check("params/sentinel", zp[BP_SENTINEL] == 0, "sentinel set");
	check("params/beyond-header-zero", zp[0x26c] == 0 && zp[0x2cf] == 0,
	      "bytes after the header");
	check("params/loader-fields", zp[BP_TYPE_OF_LOADER] == 0xff &&
	      bh_get32(zp + BP_CODE32_START) == 0x1000000 &&
	      bh_get32(zp + BP_RAMDISK_IMAGE) == 0xff00000 &&
	      bh_get32(zp + BP_RAMDISK_SIZE) == 0x100000 &&
	      bh_get32(zp + BP_CMD_LINE_PTR) == BH_LINUX_CMDLINE &&
	      bh_get64(zp + BP_SETUP_DATA) == BH_LINUX_SETUP_DATA &&
	      bh_get64(zp + BP_ACPI_RSDP_ADDR) == BH_LINUX_ACPI,
	      "a loader field is wrong");
	check("params/cmdline", !strcmp((const char *)zp + (BH_LINUX_CMDLINE -
							   BH_LINUX_PARAMS),
					"console=ttyS1,115200 "
					"bulkhead.comm_region=0x100000 "
					"pci=lastbus=0 nohz_full=1 "
					"sysctl.vm.compaction_proactiveness=0"),
	      "command line not at its page, or without the comm region "
	      "for the driver, the PCI bus limit of a cell without PCI "
	      "devices, or the options that keep it quiet when idle");
	sd = (const void *)(zp + (BH_LINUX_SETUP_DATA - BH_LINUX_PARAMS));
	snprintf(detail, sizeof(detail), "type %u len %u version %u/%u "
		 "ioapic %u flags %#x", sd->type, sd->len, sd->version,
		 sd->compatible_version, sd->standard_ioapic, sd->flags);
	check("params/setup-data", sd->next == 0 && sd->type == 6 &&
	      sd->len == 284 && sd->version == 2 &&
	      sd->compatible_version == 1 && sd->standard_ioapic == 1 &&
	      sd->flags == 0x2 && sd->num_cpus == 0, detail);
}

static void test_params_errors(void)
{
	make_cell();
	cell.mem[0].size = 0x80000;
	check("params/no-low-mib", build(0) && strstr(err, "guest 0"), err);
	make_cell();
	cell.mem[2].size = 0x2000000;	/* 32 MiB: the kernel needs 80 */
	check("params/kernel-too-big", build(0) &&
	      strstr(err, "init_size"), err);
	make_cell();
	check("params/initrd-too-big", build(0x20000000) &&
	      strstr(err, "initrd"), err);
	/* A kernel that takes 8 bytes of command line. */
	make_cell();
	bh_put32(kernel + BP_CMDLINE_SIZE, 8);
	linux_kernel_parse(kernel, KERNEL_SIZE, &ki, err, sizeof(err));
	check("params/cmdline-too-long", build(0) &&
	      strstr(err, "command line of 113 bytes (with the options the "
		     "image builder adds: bulkhead.comm_region=, pci=, "
		     "nohz_full=, sysctl.vm.), the kernel takes 8"), err);
	make_kernel();
	linux_kernel_parse(kernel, KERNEL_SIZE, &ki, err, sizeof(err));
	make_cell();
	sys.platform_info.pm_timer_address = 0;
	check("params/no-pm-timer", build(0) && strstr(err, "PM timer"), err);
	make_cell();
	cell.pio[3].length = 4;		/* half a UART does not count */
	build(0);
	check("params/uart-needs-8-ports",
	      ((const struct bh_jailhouse_setup_data *)
	       (lc.params + 0x1000))->flags == 0, "flag set");
}

/* The command line the cell gets for @p cmdline of the config over
 * @p cpus CPUs, or NULL if the cell does not build. */
static const char *cmdline_for(const char *cmdline, u64 cpus)
{
	make_cell();
	cell.cell.cpus = cpus;
	strcpy(cell.lx[0].cmdline, cmdline);
	if (build(0))
		return NULL;
	return (const char *)lc.params + (BH_LINUX_CMDLINE - BH_LINUX_PARAMS);
}

/* What the image builder adds to keep an idle cell quiet, by its CPU
 * count, and that an option of the config's own wins. */
static void test_cmdline_options(void)
{
	static const struct {
		const char *name, *config;
		u64 cpus;
		const char *want;
	} t[] = {
		{ "one-cpu", "quiet", 1ULL << 3,
		  "quiet bulkhead.comm_region=0x100000 pci=lastbus=0 "
		  "sysctl.vm.compaction_proactiveness=0" },
		{ "four-cpus", "quiet", 0xfULL << 4,
		  "quiet bulkhead.comm_region=0x100000 pci=lastbus=0 "
		  "nohz_full=1-3 sysctl.vm.compaction_proactiveness=0" },
		{ "own-nohz-full", "nohz_full=2", 0x7ULL,
		  "nohz_full=2 bulkhead.comm_region=0x100000 pci=lastbus=0 "
		  "sysctl.vm.compaction_proactiveness=0" },
		{ "own-isolcpus", "a isolcpus=1", 0x3ULL,
		  "a isolcpus=1 bulkhead.comm_region=0x100000 pci=lastbus=0 "
		  "sysctl.vm.compaction_proactiveness=0" },
		{ "own-options", "pci=noacpi "
		  "sysctl.vm.compaction_proactiveness=20", 0x1ULL,
		  "pci=noacpi sysctl.vm.compaction_proactiveness=20 "
		  "bulkhead.comm_region=0x100000" },
		/* Only whole options count: these name other ones. */
		{ "option-prefix", "x.pci=1 xnohz_full=1", 0x3ULL,
		  "x.pci=1 xnohz_full=1 bulkhead.comm_region=0x100000 "
		  "pci=lastbus=0 nohz_full=1 "
		  "sysctl.vm.compaction_proactiveness=0" },
	};
	char name[64], detail[400];
	unsigned int i;

	for (i = 0; i < BH_ARRAY_SIZE(t); i++) {
		const char *got = cmdline_for(t[i].config, t[i].cpus);

		snprintf(name, sizeof(name), "params/cmdline-%s", t[i].name);
		snprintf(detail, sizeof(detail), "got \"%.200s\" (%.180s)",
			 got ? got : "", got ? "" : err);
		check(name, got && !strcmp(got, t[i].want), detail);
	}
}

/* ---- ACPI ------------------------------------------------------------- */

static const void *map_acpi(void *ctx, u64 phys, u64 len)
{
	(void)ctx;
	if (phys < BH_LINUX_ACPI || phys + len > BH_LINUX_ACPI + lc.acpi_size)
		return NULL;
	return lc.acpi + (phys - BH_LINUX_ACPI);
}

static void emit(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "acpi: %s\n", msg);
}

/* Every table the XSDT names, and the DSDT and FACS, sum to 0. */
static int tables_sum_ok(unsigned int *count)
{
	const u8 *x = lc.acpi + (bh_get64(lc.acpi + 24) - BH_LINUX_ACPI);
	u32 i, n = (bh_get32(x + 4) - 36) / 8;
	const u8 *fadt = NULL;

	*count = n;
	if (acpi_checksum(x, bh_get32(x + 4)))
		return 0;
	for (i = 0; i < n; i++) {
		const u8 *t = lc.acpi + (bh_get64(x + 36 + 8 * i) - BH_LINUX_ACPI);

		if (acpi_checksum(t, bh_get32(t + 4)))
			return 0;
		if (!memcmp(t, "FACP", 4))
			fadt = t;
	}
	if (!fadt)
		return 0;
	return !acpi_checksum(lc.acpi + (bh_get64(fadt + 140) - BH_LINUX_ACPI),
			      bh_get32(lc.acpi + (bh_get64(fadt + 140) -
					       BH_LINUX_ACPI) + 4));
}

/* A PkgLength at @p p (ACPI 6.x, "Package Length Encoding"): its value,
 * with the bytes it takes in *@p n. */
static u32 aml_pkg_len(const u8 *p, u32 *n)
{
	u32 i, v;

	*n = (p[0] >> 6) + 1;
	if (*n == 1)
		return p[0] & 0x3f;
	v = p[0] & 0xf;
	for (i = 1; i < *n; i++)
		v |= (u32)p[i] << (4 + 8 * (i - 1));
	return v;
}

/* The address space descriptors of the _CRS buffer at @p p (after
 * "_CRS"), one line each ("type flags min-max"), into @p out; its end in
 * *@p end. @return false if it is malformed. */
static bool aml_crs(const u8 *p, char *out, size_t size, const u8 **end)
{
	u32 n, len = aml_pkg_len(p + 1, &n), blen;
	const u8 *b, *e;
	size_t used = 0;

	if (p[0] != 0x11 || p[1 + n] != 0x0b)
		return false;
	blen = bh_get16(p + 2 + n);
	b = p + 4 + n;
	e = b + blen;
	*end = p + 1 + len;
	if (e != *end)
		return false;
	out[0] = 0;
	while (b < e && b[0] != 0x79) {
		u16 l = bh_get16(b + 1);

		if (b[0] == 0x88)
			used += (size_t)snprintf(out + used, size - used,
				"%u %#x %#x-%#x;", b[3], b[4], bh_get16(b + 8),
				bh_get16(b + 10));
		else if (b[0] == 0x8a)
			used += (size_t)snprintf(out + used, size - used,
				"%u %#x %#llx-%#llx;", b[3], b[4],
				(unsigned long long)bh_get64(b + 14),
				(unsigned long long)bh_get64(b + 22));
		else
			return false;
		if (used >= size)
			return false;
		b += 3 + l;
	}
	return b + 2 == e && b[0] == 0x79;
}

/* A Device (NAME) at @p p: its body's end in *@p end and the _HID and
 * _CRS lines. */
static bool aml_device(const u8 *p, const char *name, u32 *hid, char *crs,
		       size_t size, const u8 **end)
{
	u32 n, len;
	const u8 *q, *crs_end;

	if (p[0] != 0x5b || p[1] != 0x82)
		return false;
	len = aml_pkg_len(p + 2, &n);
	*end = p + 2 + len;
	q = p + 2 + n;
	if (memcmp(q, name, 4))
		return false;
	for (q += 4; q < *end && memcmp(q, "\x08_CRS", 5); q++)
		if (!memcmp(q, "\x08_HID\x0c", 6))
			*hid = bh_get32(q + 6);
	return q < *end && aml_crs(q + 5, crs, size, &crs_end) &&
	       crs_end <= *end;
}

/* The DSDT of a cell with PCI devices: after _S5, Scope (\_SB) with the
 * host bridge (its bus, I/O and memory windows) and the MMCONFIG
 * window reserved, each package's length where the next thing begins. */
static void check_host_bridge(const u8 *fadt, const char *name,
			      const char *want)
{
	const u8 *dsdt = lc.acpi + (bh_get64(fadt + 140) - BH_LINUX_ACPI);
	const u8 *p = dsdt + 36 + 12, *end, *dev_end, *res_end;
	u32 len = bh_get32(dsdt + 4), n, hid = 0, res_hid = 0, scope;
	char crs[512] = "", res[128] = "", detail[700];
	bool ok;

	scope = aml_pkg_len(p + 1, &n);
	end = p + 1 + scope;
	ok = p[0] == 0x10 && !memcmp(p + 1 + n, "\\_SB_", 5) &&
	     end == dsdt + len &&
	     aml_device(p + 1 + n + 5, "PCI0", &hid, crs, sizeof(crs),
			&dev_end) &&
	     aml_device(dev_end, "RES0", &res_hid, res, sizeof(res),
			&res_end) && res_end == end;
	snprintf(detail, sizeof(detail), "DSDT %u bytes, walk %s, _HID %#x, "
		 "_CRS %s", len, ok ? "ok" : "broken", hid, crs);
	check(name, ok && hid == 0x080ad041 && !strcmp(crs, want), detail);
	snprintf(detail, sizeof(detail), "_HID %#x, _CRS %s", res_hid, res);
	check("acpi/dsdt-mmconfig-reserved", ok && res_hid == 0x020cd041 &&
	      !strcmp(res, "0 0xd 0xb0000000-0xbfffffff;"), detail);
}

/* A function whose config routes its INTx (BH_PCI_INTX, pin 20) gets
 * the host bridge's _PRT: its slot's INTA-INTD at GSI 20 (ACPI 6.x,
 * "_PRT"; AML PackageOp, DWordConst, ByteConst, Zero). */
static void check_prt(struct bh_cell_desc *cell, struct bh_pci_device *p)
{
	static const u8 want_head[] = {
		0x08, '_', 'P', 'R', 'T', 0x12, 0x43, 0x04, 0x04,
	};
	const u8 *dsdt, *x, *q;
	bool ok = true;
	u32 pin, len;

	err[0] = '\0';

	*p = (struct bh_pci_device){ .type = BH_PCI_TYPE_DEVICE, .bdf = 0x80,
				     .flags = BH_PCI_INTX, .intx_pin = 20,
				     .vendor_id = 0x1234,
				     .device_id = 0x11e8 };
	lc.desc = cell;
	ok = !linux_cell_build(&lc, err, sizeof(err));
	x = lc.acpi + (bh_get64(lc.acpi + 24) - BH_LINUX_ACPI);
	dsdt = lc.acpi + (bh_get64(x + 36) - BH_LINUX_ACPI);
	dsdt = lc.acpi + (bh_get64(dsdt + 140) - BH_LINUX_ACPI);
	len = bh_get32(dsdt + 4);
	for (q = dsdt; q + 5 <= dsdt + len && memcmp(q, "\x08_PRT", 5); q++)
		;
	ok = ok && q + 5 <= dsdt + len && q + sizeof(want_head) + 64 <= dsdt + len &&
	     !memcmp(q, want_head, sizeof(want_head));
	for (pin = 0; ok && pin < 4; pin++) {
		const u8 want[16] = {
			0x12, 0x0f, 0x04, 0x0c, 0xff, 0xff, 0x10, 0x00,
			0x0a, (u8)pin, 0x00, 0x0c, 20, 0, 0, 0,
		};

		ok = !memcmp(q + sizeof(want_head) + 16 * pin, want, 16);
	}
	check("acpi/dsdt-prt-intx", ok, err[0] ? err : "no or wrong _PRT");
	p->bdf = 0x88;
	p[0].intx_irqchip = 1;
	check("acpi/prt-first-irqchip-only",
	      linux_cell_build(&lc, err, sizeof(err)) &&
	      strstr(err, "only on bus 0 and the cell's first irqchip"), err);
	*p = (struct bh_pci_device){ 0 };
}


static void test_acpi(void)
{
	struct acpi_access acc = { map_acpi, NULL };
	struct bh_report r = { emit, NULL, 0 };
	struct acpi_info info;
	const u8 *fadt, *x;
	char detail[256];
	unsigned int n;

	make_cell();
	build(0);
	check("acpi/rsdp-checksums", !acpi_checksum(lc.acpi, 20) &&
	      !acpi_checksum(lc.acpi, 36) && !memcmp(lc.acpi, "RSD PTR ", 8)
	      && lc.acpi[15] == 2, "RSDP");
	check("acpi/table-checksums", tables_sum_ok(&n) && n == 2,
	      "a checksum is off, or the XSDT has not FADT and MADT only");
	memset(&info, 0, sizeof(info));
	check("acpi/parses", acpi_parse(&acc, BH_LINUX_ACPI, &info, &r) == 0,
	      "the hypervisor's parser refuses the tables");
	snprintf(detail, sizeof(detail), "%u CPUs (%u %u), %u IOAPICs at "
		 "%#llx, PM timer %#x, PM1a %#x, S5 %d/%u, reset %#x",
		 info.num_cpus,
		 info.cpus[0].apic_id, info.cpus[1].apic_id, info.num_ioapics,
		 (unsigned long long)info.ioapics[0].address,
		 info.pm_timer_port, info.pm1a_cnt, info.s5_valid,
		 info.slp_typa, info.reset_port);
	check("acpi/madt-fadt-dsdt", info.num_cpus == 2 &&
	      info.cpus[0].apic_id == 5 && info.cpus[1].apic_id == 6 &&
	      info.lapic_address == 0xfee00000 && info.num_ioapics == 1 &&
	      info.ioapics[0].address == 0xfec00000 &&
	      info.pm_timer_port == 0x608 && info.pm1a_cnt == 0x604 &&
	      info.s5_valid && info.slp_typa == 5 &&
	      info.pm1a_cnt == BH_CELL_PM1_CNT(0x608) &&
	      info.slp_typa == BH_CELL_SLP_TYP_S5 &&
	      info.reset_port == BH_CELL_RESET_PORT, detail);
	x = lc.acpi + (bh_get64(lc.acpi + 24) - BH_LINUX_ACPI);
	fadt = lc.acpi + (bh_get64(x + 36) - BH_LINUX_ACPI);
	check("acpi/fadt-physical-apic-no-8042-no-vga",
	      (bh_get32(fadt + 112) & (1U << 19)) &&
	      (fadt[109] & 0x7) == 0x5, "flags or IAPC_BOOT_ARCH");
	/* The cell's own reset: RESET_REG_SUP, an 8-bit I/O register and
	 * the value Linux writes (Documentation/management.md). */
	check("acpi/fadt-reset-register", (bh_get32(fadt + 112) & (1U << 10)) &&
	      fadt[116] == 1 && fadt[117] == 8 && fadt[118] == 0 &&
	      bh_get64(fadt + 120) == BH_CELL_RESET_PORT &&
	      fadt[128] == BH_CELL_RESET_VALUE, "RESET_REG or RESET_VALUE");

	/* PCI devices bring an MCFG with the system's MMCONFIG. */
	cell.cell.num_pci_devices = 0;
	{
		static struct {
			struct bh_cell_desc cell;
			struct bh_memory mem[3];
			struct bh_irqchip irq[1];
			struct bh_pio pio[4];
			struct bh_pci_device pci[1];
			struct bh_linux lx[1];
			struct bh_blob blob[1];
		} BH_PACKED pc;
		const u8 *mcfg;

		memcpy(&pc.cell, &cell.cell, sizeof(pc.cell));
		memcpy(pc.mem, cell.mem, sizeof(pc.mem) + sizeof(pc.irq) +
		       sizeof(pc.pio));
		memcpy(pc.lx, cell.lx, sizeof(pc.lx));
		pc.cell.num_pci_devices = 1;
		lc.desc = &pc.cell;
		memset(&lc, 0, sizeof(lc));
		lc.desc = &pc.cell;
		lc.sys = &sys;
		lc.kernel = kernel;
		lc.ki = &ki;
		linux_cell_build(&lc, err, sizeof(err));
		check("params/cmdline-pci-scan-with-pci",
		      !strstr((const char *)lc.params + (BH_LINUX_CMDLINE -
			      BH_LINUX_PARAMS), "pci=lastbus"),
		      "a cell with PCI devices got pci=lastbus=0");
		check("acpi/mcfg-with-pci", tables_sum_ok(&n) && n == 3,
		      "no MCFG in the XSDT, or a bad checksum");
		x = lc.acpi + (bh_get64(lc.acpi + 24) - BH_LINUX_ACPI);
		mcfg = lc.acpi + (bh_get64(x + 36 + 16) - BH_LINUX_ACPI);
		check("acpi/mcfg-contents", !memcmp(mcfg, "MCFG", 4) &&
		      bh_get64(mcfg + 44) == 0xb0000000 && mcfg[55] == 0xff,
		      "MCFG base or bus range");
		check_host_bridge(lc.acpi + (bh_get64(x + 36) -
					     BH_LINUX_ACPI),
				  "acpi/dsdt-host-bridge",
				  "2 0xc 0-0xff;1 0xc 0-0xcf7;1 0xc 0xd00-0xffff;"
				  "0 0xc 0x10000000-0xafffffff;"
				  "0 0xc 0xc0000000-0xfebfffff;"
				  "0 0xc 0x100000000-0xffffffffff;");
		check_prt(&pc.cell, pc.pci);
	}

	/* A peer of a shared-memory link finds its function through the
	 * MMCONFIG window as well; the windows leave out the link's memory
	 * where the cell sees it. */
	{
		static struct {
			struct bh_system sys;
			struct bh_shmem_link links[1];
		} BH_PACKED ls;

		ls.sys = sys;
		ls.sys.num_shmem_links = 1;
		strcpy(ls.links[0].name, "ping");
		ls.links[0].num_peers = 2;
		ls.links[0].state_size = 0x1000;
		ls.links[0].output_size = 0x2000;
		ls.links[0].phys_start = 0x04000000;
		strcpy(ls.links[0].peers[0].cell, "other");
		strcpy(ls.links[0].peers[1].cell, "lx");
		ls.links[0].peers[1].id = 1;
		ls.links[0].peers[1].virt_start = 0x20000000;
		strcpy(cell.cell.name, "lx");
		memset(&lc, 0, sizeof(lc));
		lc.desc = &cell.cell;
		lc.sys = &ls.sys;
		lc.kernel = kernel;
		lc.ki = &ki;
		check("acpi/link-peer-builds", !linux_cell_build(&lc, err,
								 sizeof(err)),
		      err);
		check("params/cmdline-pci-scan-with-link",
		      !strstr((const char *)lc.params + (BH_LINUX_CMDLINE -
			      BH_LINUX_PARAMS), "pci=lastbus"),
		      "a link's peer got pci=lastbus=0");
		check("acpi/mcfg-with-link", tables_sum_ok(&n) && n == 3,
		      "no MCFG in the XSDT, or a bad checksum");
		x = lc.acpi + (bh_get64(lc.acpi + 24) - BH_LINUX_ACPI);
		check_host_bridge(lc.acpi + (bh_get64(x + 36) -
					     BH_LINUX_ACPI),
				  "acpi/dsdt-host-bridge-link-left-out",
				  "2 0xc 0-0xff;1 0xc 0-0xcf7;1 0xc 0xd00-0xffff;"
				  "0 0xc 0x10000000-0x1fffffff;"
				  "0 0xc 0x20005000-0xafffffff;"
				  "0 0xc 0xc0000000-0xfebfffff;"
				  "0 0xc 0x100000000-0xffffffffff;");
		cell.cell.name[0] = '\0';
	}
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_setup_data_layout();
	test_kernel_parse();
	test_params();
	test_params_errors();
	test_cmdline_options();
	test_acpi();
	return failures ? 1 : 0;
}
