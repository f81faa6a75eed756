/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of the ACPI parser (arch/x86/acpi.c). Synthetic firmware
 * tables are built in a buffer that stands for physical memory at
 * FW_BASE; the accessor maps physical ranges into it.
 *
 * Output: one line per check, `ok <name>` or `FAIL <name>: <detail>`.
 * Exit status 0 when every check passes, 1 otherwise.
 */
#include <stdio.h>
#include <string.h>
#include <bulkhead/types.h>
#include "acpi.h"
#include "report.h"
#include "ivrs_fixture.h"

#define FW_BASE		0x000e0000ull
#define FW_SIZE		0x2000u

/* Where each table lives in the buffer. */
#define OFF_RSDP	0x0000u
#define OFF_XSDT	0x0040u
#define OFF_RSDT	0x00c0u
#define OFF_MADT	0x0100u
#define OFF_FADT	0x0800u
#define OFF_DSDT	0x0a00u
#define OFF_HPET	0x1000u
#define OFF_MCFG	0x1100u
#define OFF_IVRS	0x1200u

#define PHYS(off)	(FW_BASE + (off))

/* A legacy DSDT address outside the buffer: must lose to X_DSDT. */
#define BAD_PHYS	0xdead0000u

static u8 fw[FW_SIZE];
static int failures;

/** Stores the last report message for the checks. */
struct last_msg {
	char text[BH_REPORT_LINE];
};

static void store_msg(void *ctx, const char *msg)
{
	struct last_msg *m = ctx;

	snprintf(m->text, sizeof(m->text), "%s", msg);
}

static const void *fw_map(void *ctx, u64 phys, u64 len)
{
	(void)ctx;
	if (phys < FW_BASE || phys - FW_BASE > FW_SIZE ||
	    len > FW_SIZE - (phys - FW_BASE))
		return NULL;
	return fw + (phys - FW_BASE);
}

static const struct acpi_access fw_access = { .map = fw_map, .ctx = NULL };

/* ---- output ---- */

static void ok(const char *name)
{
	printf("ok %s\n", name);
}

static void fail(const char *name, const char *detail)
{
	printf("FAIL %s: %s\n", name, detail);
	failures++;
}

static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncmp(hay, needle, n))
			return true;
	return false;
}

/* ---- table building ---- */

static void put16(u8 *p, u16 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
}

static void put32(u8 *p, u32 v)
{
	put16(p, (u16)v);
	put16(p + 2, (u16)(v >> 16));
}

static void put64(u8 *p, u64 v)
{
	put32(p, (u32)v);
	put32(p + 4, (u32)(v >> 32));
}

static u32 get32(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

/* Make the @len bytes at @t sum to zero by setting the byte at @off. */
static void fix_sum(u8 *t, u32 len, u32 off)
{
	u8 sum = 0;
	u32 i;

	t[off] = 0;
	for (i = 0; i < len; i++)
		sum = (u8)(sum + t[i]);
	t[off] = (u8)-sum;
}

/* Fix the checksum of a table with a standard header (length @4, sum @9). */
static void seal(u8 *t)
{
	fix_sum(t, get32(t + 4), 9);
}

static void header(u8 *t, const char *sig, u32 len, u8 rev)
{
	memcpy(t, sig, 4);
	put32(t + 4, len);
	t[8] = rev;
	memcpy(t + 10, "BHTEST", 6);
	memcpy(t + 16, "SYNTHTBL", 8);
	put32(t + 24, 1);
	memcpy(t + 28, "BHTS", 4);
	put32(t + 32, 1);
}

static void build_rsdp(bool acpi1)
{
	u8 *p = fw + OFF_RSDP;

	memcpy(p, "RSD PTR ", 8);
	memcpy(p + 9, "BHTEST", 6);
	p[15] = acpi1 ? 0 : 2;
	put32(p + 16, (u32)PHYS(OFF_RSDT));
	fix_sum(p, 20, 8);
	if (acpi1)
		return;
	put32(p + 20, 36);
	put64(p + 24, PHYS(OFF_XSDT));
	fix_sum(p, 36, 32);
}

static void put_gas(u8 *g, u8 space, u64 addr)
{
	g[0] = space;
	g[1] = 16;
	g[2] = 0;
	g[3] = 2;
	put64(g + 4, addr);
}

/* An MCFG of @p n allocations: segment i at 0xb0000000 + i * 256 MiB,
 * buses 0-255 (the first one 0-127 from bus 0x10 on: 0x10-0x7f). */
static void build_mcfg(u32 n)
{
	u8 *t = fw + OFF_MCFG;
	u32 i;

	header(t, "MCFG", 44 + 16 * n, 1);
	for (i = 0; i < n; i++) {
		put64(t + 44 + 16 * i, 0xb0000000ull + ((u64)i << 28));
		put16(t + 44 + 16 * i + 8, (u16)i);
		t[44 + 16 * i + 10] = i ? 0 : 0x10;
		t[44 + 16 * i + 11] = i ? 0xff : 0x7f;
	}
	seal(t);
}

static void build_roots(void)
{
	u8 *x = fw + OFF_XSDT, *r = fw + OFF_RSDT;

	/* XSDT: HPET, a null entry, FADT, MADT, MCFG, IVRS. */
	header(x, "XSDT", 36 + 6 * 8, 1);
	put64(x + 36, PHYS(OFF_HPET));
	put64(x + 44, 0);
	put64(x + 52, PHYS(OFF_FADT));
	put64(x + 60, PHYS(OFF_MADT));
	put64(x + 68, PHYS(OFF_MCFG));
	put64(x + 76, PHYS(OFF_IVRS));
	seal(x);

	header(r, "RSDT", 36 + 4 * 4, 1);
	put32(r + 36, (u32)PHYS(OFF_HPET));
	put32(r + 40, (u32)PHYS(OFF_FADT));
	put32(r + 44, (u32)PHYS(OFF_MADT));
	put32(r + 48, (u32)PHYS(OFF_MCFG));
	seal(r);

	header(fw + OFF_HPET, "HPET", 56, 1);
	put_gas(fw + OFF_HPET + 40, 0, 0xfed00000);	/* system memory */
	seal(fw + OFF_HPET);
	build_mcfg(1);
	ivf_qemu(fw + OFF_IVRS);
}

static u8 *madt_lapic(u8 *e, u8 uid, u8 id, u32 flags)
{
	e[0] = 0;
	e[1] = 8;
	e[2] = uid;
	e[3] = id;
	put32(e + 4, flags);
	return e + 8;
}

static void build_madt(void)
{
	u8 *t = fw + OFF_MADT, *e = t + 44;

	put32(t + 36, 0x11110000);	/* replaced by the override below */
	put32(t + 40, 1);		/* PCAT_COMPAT */
	e = madt_lapic(e, 0, 0, 1);
	e = madt_lapic(e, 1, 1, 1);
	e = madt_lapic(e, 2, 2, 0);	/* disabled, not online-capable */
	e = madt_lapic(e, 3, 3, 2);	/* online-capable */
	/* IOAPIC id 2 at 0xfec00000, GSI base 0 */
	e[0] = 1;
	e[1] = 12;
	e[2] = 2;
	put32(e + 4, 0xfec00000);
	put32(e + 8, 0);
	e += 12;
	/* interrupt source override (type 2), ignored */
	e[0] = 2;
	e[1] = 10;
	e[3] = 0;
	put32(e + 4, 2);
	e += 10;
	/* local APIC address override */
	e[0] = 5;
	e[1] = 12;
	put64(e + 4, 0xfee00000ull);
	e += 12;
	/* local x2APIC: id 0x100, enabled, uid 0x100 */
	e[0] = 9;
	e[1] = 16;
	put32(e + 4, 0x100);
	put32(e + 8, 1);
	put32(e + 12, 0x100);
	e += 16;
	header(t, "APIC", (u32)(e - t), 4);
	seal(t);
}

static void build_fadt(bool acpi1)
{
	u8 *t = fw + OFF_FADT;

	header(t, "FACP", acpi1 ? 116 : 276, acpi1 ? 1 : 6);
	put32(t + 48, 0xb2);		/* SMI_CMD */
	t[52] = 0xf1;			/* ACPI_ENABLE */
	put32(t + 64, 0x1234);		/* PM1a_CNT_BLK (legacy) */
	put32(t + 68, 0);		/* PM1b_CNT_BLK */
	put32(t + 76, 0x608);		/* PM_TMR_BLK */
	put32(t + 56, 0x600);		/* PM1a_EVT_BLK (legacy) */
	put32(t + 72, 0x650);		/* PM2_CNT_BLK */
	put32(t + 80, 0x620);		/* GPE0_BLK */
	t[88] = 4;			/* PM1_EVT_LEN */
	t[90] = 1;			/* PM2_CNT_LEN */
	t[92] = 16;			/* GPE0_BLK_LEN */
	put32(t + 84, 0x630);		/* GPE1_BLK, but GPE1_BLK_LEN 0 */
	put32(t + 112, 1u << 10);	/* RESET_REG_SUP */
	/* RESET_REG; beyond the end of a 1.0 FADT, where it must be unread */
	put_gas(t + 116, 1, 0xcf9);
	if (acpi1) {
		put32(t + 40, (u32)PHYS(OFF_DSDT));
	} else {
		t[89] = 4;			/* PM1_CNT_LEN */
		put32(t + 40, BAD_PHYS);
		put64(t + 140, PHYS(OFF_DSDT));
		put_gas(t + 172, 1, 0x604);	/* X_PM1a_CNT_BLK wins */
		put_gas(t + 184, 0, 0xfed00000);	/* MMIO: ignored */
		put_gas(t + 208, 1, 0);		/* zero: legacy PM_TMR used */
		put_gas(t + 148, 1, 0x640);	/* X_PM1a_EVT_BLK wins */
	}
	seal(t);
}

static const u8 dsdt_aml[] = {
	/* Scope (\_SB) { Name (ABCD, 0x5f) } */
	0x10, 0x0c, 0x5c, 0x5f, 0x53, 0x42, 0x5f,
	0x08, 0x41, 0x42, 0x43, 0x44, 0x0a, 0x5f,
	/* Store (_S5_, Local0): a reference, not a definition */
	0x70, 0x5f, 0x53, 0x35, 0x5f, 0x60,
	/* Name (_S5, Package (4) { 5, 7, 0, 0 }) */
	0x08, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x06, 0x04,
	0x0a, 0x05, 0x0a, 0x07, 0x00, 0x00,
	/* trailing noise */
	0xa4, 0x00, 0xff,
};

static void build_dsdt(const u8 *aml, u32 len)
{
	u8 *t = fw + OFF_DSDT;

	header(t, "DSDT", 36 + len, 2);
	memcpy(t + 36, aml, len);
	seal(t);
}

static void build(bool acpi1)
{
	memset(fw, 0, sizeof(fw));
	build_rsdp(acpi1);
	build_roots();
	build_madt();
	build_fadt(acpi1);
	build_dsdt(dsdt_aml, sizeof(dsdt_aml));
}

/* ---- running the parser ---- */

static struct acpi_info info;
static struct last_msg msg;
static struct bh_report rep;

static int run(void)
{
	memset(&msg, 0, sizeof(msg));
	rep.emit = store_msg;
	rep.ctx = &msg;
	rep.errors = 0;
	return acpi_parse(&fw_access, PHYS(OFF_RSDP), &info, &rep);
}

static bool run_ok(const char *name)
{
	char d[BH_REPORT_LINE + 64];

	if (run() == 0 && rep.errors == 0)
		return true;
	snprintf(d, sizeof(d), "acpi_parse failed (%u errors): %s",
		 rep.errors, msg.text);
	fail(name, d);
	return false;
}

/* acpi_parse must fail with one message containing @keyword. */
static void expect_fail(const char *name, const char *keyword)
{
	char d[BH_REPORT_LINE + 64];
	int ret = run();

	if (ret >= 0) {
		fail(name, "acpi_parse succeeded");
	} else if (rep.errors != 1 || !msg.text[0]) {
		snprintf(d, sizeof(d), "expected one message, got %u: '%s'",
			 rep.errors, msg.text);
		fail(name, d);
	} else if (!contains(msg.text, keyword)) {
		snprintf(d, sizeof(d), "message '%s' lacks '%s'",
			 msg.text, keyword);
		fail(name, d);
	} else {
		printf("ok %s (%s)\n", name, msg.text);
	}
}

static void check_u64(const char *name, u64 got, u64 want)
{
	char d[96];

	if (got == want) {
		ok(name);
		return;
	}
	snprintf(d, sizeof(d), "got 0x%llx, want 0x%llx",
		 (unsigned long long)got, (unsigned long long)want);
	fail(name, d);
}

/* ---- full-parse cases ---- */

static u8 ivbuf[1024];
static struct acpi_ivrs ivrs;

/* Parse ivbuf's IVRS of @p len bytes. */
static int ivrs_run(u32 len)
{
	memset(&msg, 0, sizeof(msg));
	rep.emit = store_msg;
	rep.ctx = &msg;
	rep.errors = 0;
	return acpi_parse_ivrs(ivbuf, len, &ivrs, &rep);
}

static void ivrs_expect_fail(const char *name, u32 len, const char *keyword)
{
	char d[BH_REPORT_LINE + 64];

	if (ivrs_run(len) >= 0)
		fail(name, "acpi_parse_ivrs succeeded");
	else if (rep.errors != 1 || !contains(msg.text, keyword)) {
		snprintf(d, sizeof(d), "%u messages, last '%s', want '%s'",
			 rep.errors, msg.text, keyword);
		fail(name, d);
	} else
		printf("ok %s (%s)\n", name, msg.text);
}

/* One IVHD 0x11 holding [@p ents, @p end) in ivbuf; its length. */
static u32 ivrs_one(const u8 *ents, const u8 *end)
{
	u8 *b = ivf_ivhd(ivbuf + 48, 0x11, 0, ents, end);

	ivf_header(ivbuf, (u32)(b - ivbuf));
	return (u32)(b - ivbuf);
}

static void test_ivrs(void)
{
	u8 ents[1024], *e;
	u16 req = 0;
	u32 len;
	int unit;

	/* Through acpi_parse: QEMU's table, the 0x11 block used. */
	build(false);
	if (run_ok("ivrs.qemu")) {
		const struct acpi_ivrs *v = &info.ivrs;

		check_u64("ivrs.qemu.units", v->num_iommus, 1);
		check_u64("ivrs.qemu.type", v->iommus[0].type, 0x11);
		check_u64("ivrs.qemu.base", v->iommus[0].base, 0xfed80000);
		check_u64("ivrs.qemu.devid", v->iommus[0].devid, 0x0010);
		check_u64("ivrs.qemu.cap", v->iommus[0].cap_offset, 0x40);
		check_u64("ivrs.qemu.efr", v->iommus[0].efr, 0x29d3);
		check_u64("ivrs.qemu.ivinfo", v->ivinfo, 0x2801);
		/* 1f.2 and 1f.3 merge; the others stand alone */
		check_u64("ivrs.qemu.ranges", v->num_ranges, 6);
		check_u64("ivrs.qemu.merged", (u32)v->ranges[5].first << 16 |
			  v->ranges[5].last, 0x00fa00fb);
		check_u64("ivrs.qemu.specials", v->num_specials, 1);
		check_u64("ivrs.qemu.ioapic", (u32)v->specials[0].devid << 16 |
			  (u32)v->specials[0].variety << 8 |
			  v->specials[0].handle, 0x00a00100);
		unit = acpi_ivrs_unit_of(v, 0x0080, &req);
		check_u64("ivrs.qemu.unit_of_edu", (u32)(unit + 1) << 16 | req,
			  0x10080);
		check_u64("ivrs.qemu.unit_of_absent",
			  (u64)(s64)acpi_ivrs_unit_of(v, 0x0088, &req),
			  (u64)(s64)-1);
	}
	/* Without an IVRS: no units. */
	put64(fw + OFF_XSDT + 76, 0);
	seal(fw + OFF_XSDT);
	if (run_ok("ivrs.absent"))
		check_u64("ivrs.absent.units", info.ivrs.num_iommus, 0);
	/* A broken IVRS fails the whole parse. */
	build(false);
	put16(fw + OFF_IVRS + 48 + 2, 0x400);
	seal(fw + OFF_IVRS);
	expect_fail("ivrs.block_too_long", "has length 1024");

	/* Only the highest type: a lone 0x10 block is used when alone. */
	e = ivf_qemu_entries(ents);
	len = (u32)(ivf_ivhd(ivbuf + 48, 0x10, 0, ents, e) - ivbuf);
	ivf_header(ivbuf, len);
	if (ivrs_run(len) == 0)
		check_u64("ivrs.legacy_only", (u32)ivrs.num_iommus << 8 |
			  ivrs.iommus[0].type, 0x110);
	else
		fail("ivrs.legacy_only", msg.text);

	/* Another segment's unit is left out. */
	len = (u32)(ivf_ivhd(ivbuf + 48, 0x11, 1, ents, e) - ivbuf);
	ivf_header(ivbuf, len);
	if (ivrs_run(len) == 0)
		check_u64("ivrs.segment1_skipped", ivrs.num_iommus, 0);
	else
		fail("ivrs.segment1_skipped", msg.text);

	/* All, ranges, an alias range, an ACPI HID entry, padding. */
	e = ivf_ivde4(ents, 0x03, 0x0100);
	e = ivf_ivde4(e, 0x04, 0x01ff);
	e = ivf_ivde8(e, 0x43, 0x0300, 0, 0x00f0, 0);
	e = ivf_ivde4(e, 0x04, 0x03ff);
	e = ivf_ivde4(e, 0x00, 0);
	memset(e, 0, 24);
	e[0] = 0xf0;
	put16(e + 1, 0x00a5);
	e[21] = 2;			/* two bytes of UID */
	e += 24;
	len = ivrs_one(ents, e);
	if (ivrs_run(len) == 0) {
		unit = acpi_ivrs_unit_of(&ivrs, 0x0305, &req);
		check_u64("ivrs.alias", (u32)(unit + 1) << 16 | req, 0x100f0);
		unit = acpi_ivrs_unit_of(&ivrs, 0x01ff, &req);
		check_u64("ivrs.range_end", (u32)(unit + 1) << 16 | req,
			  0x101ff);
		unit = acpi_ivrs_unit_of(&ivrs, 0x00a5, &req);
		check_u64("ivrs.acpi_hid", (u32)(unit + 1) << 16 | req,
			  0x100a5);
		check_u64("ivrs.outside", (u64)(s64)acpi_ivrs_unit_of(&ivrs,
			  0x0200, &req), (u64)(s64)-1);
	} else {
		fail("ivrs.entries", msg.text);
	}
	e = ivf_ivde4(ents, 0x01, 0);
	len = ivrs_one(ents, e);
	if (ivrs_run(len) == 0)
		check_u64("ivrs.all", (u64)(s64)acpi_ivrs_unit_of(&ivrs,
			  0xabcd, &req), 0);
	else
		fail("ivrs.all", msg.text);

	/* An IVMD for a range of functions, after the IVHD. */
	e = ivf_ivde4(ents, 0x01, 0);
	len = ivrs_one(ents, e);
	memset(ivbuf + len, 0, 32);
	ivbuf[len] = 0x22;
	ivbuf[len + 1] = 0x07;		/* unity, IR, IW */
	put16(ivbuf + len + 2, 32);
	put16(ivbuf + len + 4, 0x0010);
	put16(ivbuf + len + 6, 0x0017);
	put64(ivbuf + len + 16, 0x9f000);
	put64(ivbuf + len + 24, 0x1000);
	ivf_header(ivbuf, len + 32);
	if (ivrs_run(len + 32) == 0)
		check_u64("ivrs.ivmd", (u64)ivrs.num_ivmds << 56 |
			  (u64)ivrs.ivmds[0].first << 40 |
			  (u64)ivrs.ivmds[0].last << 24 | ivrs.ivmds[0].start,
			  (1ull << 56) | (0x10ull << 40) | (0x17ull << 24) |
			  0x9f000);
	else
		fail("ivrs.ivmd", msg.text);

	/* Broken tables: each refused with a message saying why. */
	ivf_header(ivbuf, 40);
	ivrs_expect_fail("ivrs.short_header", 40, "shorter than its 48-byte");
	e = ivf_ivde4(ents, 0x03, 0x0100);
	len = ivrs_one(ents, e);
	ivrs_expect_fail("ivrs.range_no_end", len, "start 0100 without its end");
	e = ivf_ivde4(ents, 0x04, 0x0100);
	len = ivrs_one(ents, e);
	ivrs_expect_fail("ivrs.end_alone", len, "end 0100 without its start");
	e = ivf_ivde4(ents, 0x03, 0x0200);
	e = ivf_ivde4(e, 0x04, 0x0100);
	len = ivrs_one(ents, e);
	ivrs_expect_fail("ivrs.range_backwards", len, "0200-0100 runs backwards");
	e = ivf_ivde4(ents, 0x85, 0x0100);
	len = ivrs_one(ents, e);
	ivrs_expect_fail("ivrs.unknown_entry", len, "type 0x85 of unknown");
	e = ivf_ivde8(ents, 0x42, 0x0100, 0, 0x00f0, 0);
	len = ivrs_one(ents, e - 4);
	ivrs_expect_fail("ivrs.entry_past_block", len, "runs past its block");
	memset(ents, 0, 24);
	ents[0] = 0xf0;
	ents[21] = 200;
	len = ivrs_one(ents, ents + 24);
	ivrs_expect_fail("ivrs.hid_uid_past_block", len, "runs past its block");
	(void)ivrs_one(ents, ents);
	put16(ivbuf + 48 + 2, 20);
	ivf_header(ivbuf, 48 + 20);
	ivrs_expect_fail("ivrs.ivhd_short", 48 + 20, "shorter than its 40-byte");
	ivbuf[48 + 40] = 0x22;
	put16(ivbuf + 48 + 2, 40);
	put16(ivbuf + 48 + 40 + 2, 8);
	ivf_header(ivbuf, 48 + 48);
	ivrs_expect_fail("ivrs.ivmd_short", 48 + 48, "IVMD type 0x22 of 8 bytes");
	ivf_header(ivbuf, 48 + 2);
	ivrs_expect_fail("ivrs.block_truncated", 48 + 2, "truncated");
	{
		u8 *b = ivbuf + 48;
		unsigned int i;

		for (i = 0; i <= ACPI_MAX_IOMMUS; i++)
			b = ivf_ivhd(b, 0x11, 0, ents, ents);
		len = (u32)(b - ivbuf);
		ivf_header(ivbuf, len);
		ivrs_expect_fail("ivrs.too_many_units", len,
				 "more than 8 IOMMUs");
	}
	for (e = ents, len = 0; len <= ACPI_MAX_IVRS_RANGES; len++)
		e = ivf_ivde4(e, 0x02, (u16)(len * 2));
	len = ivrs_one(ents, e);
	ivrs_expect_fail("ivrs.too_many_ranges", len,
			 "more than 128 device ranges");
}

static void test_acpi2(void)
{
	static const u32 ids[] = { 0, 1, 3, 0x100 };
	char name[64];
	u32 i;

	build(false);
	if (!run_ok("acpi2.parse"))
		return;
	ok("acpi2.parse");
	check_u64("acpi2.num_cpus", info.num_cpus, 4);
	for (i = 0; i < 4 && i < info.num_cpus; i++) {
		snprintf(name, sizeof(name), "acpi2.cpu%u.apic_id", i);
		check_u64(name, info.cpus[i].apic_id, ids[i]);
	}
	check_u64("acpi2.cpu2.uid", info.cpus[2].uid, 3);
	check_u64("acpi2.cpu0.x2apic", info.cpus[0].x2apic, 0);
	check_u64("acpi2.cpu3.x2apic", info.cpus[3].x2apic, 1);
	check_u64("acpi2.cpu3.uid", info.cpus[3].uid, 0x100);
	check_u64("acpi2.lapic_override", info.lapic_address, 0xfee00000);
	check_u64("acpi2.num_ioapics", info.num_ioapics, 1);
	check_u64("acpi2.ioapic.id", info.ioapics[0].id, 2);
	check_u64("acpi2.ioapic.address", info.ioapics[0].address, 0xfec00000);
	check_u64("acpi2.ioapic.gsi_base", info.ioapics[0].gsi_base, 0);
	check_u64("acpi2.pm1a_cnt_from_gas", info.pm1a_cnt, 0x604);
	check_u64("acpi2.pm1b_cnt_mmio_gas_ignored", info.pm1b_cnt, 0);
	check_u64("acpi2.pm_timer_zero_gas_fallback", info.pm_timer_port, 0x608);
	check_u64("acpi2.pm1_cnt_len", info.pm1_cnt_len, 4);
	check_u64("acpi2.reset_port", info.reset_port, 0xcf9);
	check_u64("acpi2.smi_cmd", info.smi_cmd, 0xb2);
	check_u64("acpi2.acpi_enable", info.acpi_enable, 0xf1);
	check_u64("acpi2.s5_valid", info.s5_valid, 1);
	check_u64("acpi2.slp_typa", info.slp_typa, 5);
	check_u64("acpi2.slp_typb", info.slp_typb, 7);
	check_u64("acpi2.pm1a_evt_from_gas", info.pm1a_evt.port, 0x640);
	check_u64("acpi2.pm1a_evt_len", info.pm1a_evt.len, 4);
	check_u64("acpi2.pm1b_evt_absent", info.pm1b_evt.port, 0);
	check_u64("acpi2.pm2_cnt", info.pm2_cnt.port, 0x650);
	check_u64("acpi2.pm2_cnt_len", info.pm2_cnt.len, 1);
	check_u64("acpi2.gpe0", info.gpe0.port, 0x620);
	check_u64("acpi2.gpe0_len", info.gpe0.len, 16);
	check_u64("acpi2.gpe1_no_length_no_block", info.gpe1.port, 0);
	check_u64("acpi2.hpet", info.hpet_address, 0xfed00000);
	check_u64("acpi2.num_mcfg", info.num_mcfg, 1);
	check_u64("acpi2.mcfg.base", info.mcfg[0].base, 0xb0000000);
	check_u64("acpi2.mcfg.buses", info.mcfg[0].start_bus << 8 |
		  info.mcfg[0].end_bus, 0x107f);
}

/* The optional tables: absent is fine, more allocations than recorded or
 * a broken one is not, an HPET outside memory space is not recorded. */
static void test_optional_tables(void)
{
	build(false);
	build_mcfg(ACPI_MAX_MCFG);
	if (run_ok("opt.mcfg_max"))
		check_u64("opt.mcfg_max.seg3_base", info.mcfg[3].base,
			  0xb0000000ull + (3ull << 28));

	build(false);
	build_mcfg(ACPI_MAX_MCFG + 1);
	expect_fail("opt.mcfg_too_many", "more than 4 allocations");

	build(false);
	fw[OFF_MCFG + 44 + 11] = 0x0f;	/* end bus below start bus 0x10 */
	seal(fw + OFF_MCFG);
	expect_fail("opt.mcfg_buses_backwards", "buses 16-15");

	build(false);
	fw[OFF_MCFG + 44] ^= 1;		/* checksum left stale */
	expect_fail("opt.mcfg_checksum", "MCFG checksum mismatch");

	build(false);
	memcpy(fw + OFF_MCFG, "XXXX", 4);
	memcpy(fw + OFF_HPET, "XXXX", 4);
	seal(fw + OFF_MCFG);
	seal(fw + OFF_HPET);
	if (run_ok("opt.both_absent")) {
		check_u64("opt.no_hpet", info.hpet_address, 0);
		check_u64("opt.no_mcfg", info.num_mcfg, 0);
	}

	build(false);
	fw[OFF_HPET + 40] = 1;		/* I/O space */
	seal(fw + OFF_HPET);
	if (run_ok("opt.hpet_io_space"))
		check_u64("opt.hpet_io_space_ignored", info.hpet_address, 0);
}

static void test_acpi1(void)
{
	build(true);
	if (!run_ok("acpi1.parse"))
		return;
	ok("acpi1.parse");
	check_u64("acpi1.num_cpus", info.num_cpus, 4);
	check_u64("acpi1.cpu3.apic_id", info.cpus[3].apic_id, 0x100);
	check_u64("acpi1.pm1a_cnt_legacy", info.pm1a_cnt, 0x1234);
	check_u64("acpi1.pm_timer_port", info.pm_timer_port, 0x608);
	check_u64("acpi1.pm1_cnt_len_default", info.pm1_cnt_len, 2);
	check_u64("acpi1.no_reset_reg", info.reset_port, 0);
	check_u64("acpi1.s5_valid", info.s5_valid, 1);
	check_u64("acpi1.slp_typa", info.slp_typa, 5);
	check_u64("acpi1.slp_typb", info.slp_typb, 7);
}

static void test_no_s5(void)
{
	static const u8 aml[] = { 0x10, 0x05, 0x5c, 0x2e, 0x5f, 0x53, 0x42 };

	build(false);
	build_dsdt(aml, sizeof(aml));
	if (!run_ok("no_s5.parse"))
		return;
	ok("no_s5.parse");
	check_u64("no_s5.s5_valid", info.s5_valid, 0);
	check_u64("no_s5.num_cpus", info.num_cpus, 4);
}

/* The reset register counts only where the FADT says it is supported and
 * it is a port. */
static void test_reset_reg(void)
{
	static const struct {
		const char *name;
		u32 flags;
		u8 space;
		u64 addr;
	} cases[] = {
		{ "reset.not_supported", 0, 1, 0xcf9 },
		{ "reset.memory_space", 1u << 10, 0, 0xfed00000 },
		{ "reset.pci_space", 1u << 10, 2, 0xcf9 },
		{ "reset.beyond_port_space", 1u << 10, 1, 0x10000 },
	};
	u8 *fadt = fw + OFF_FADT;
	unsigned int i;

	for (i = 0; i < BH_ARRAY_SIZE(cases); i++) {
		build(false);
		put32(fadt + 112, cases[i].flags);
		put_gas(fadt + 116, cases[i].space, cases[i].addr);
		seal(fadt);
		if (run_ok(cases[i].name))
			check_u64(cases[i].name, info.reset_port, 0);
	}
	build(false);
	fadt[89] = 1;		/* too short to be a PM1 control register */
	seal(fadt);
	if (run_ok("pm1_cnt_len.short"))
		check_u64("pm1_cnt_len.short", info.pm1_cnt_len, 2);

	/* An FADT that ends before PM1_CNT_LEN: the byte there is not its. */
	build(true);
	put32(fadt + 4, 80);
	fadt[89] = 4;
	seal(fadt);
	if (run_ok("pm1_cnt_len.fadt_too_short"))
		check_u64("pm1_cnt_len.fadt_too_short", info.pm1_cnt_len, 2);
}

/* ---- negative cases ---- */

static void test_negative(void)
{
	u8 *madt = fw + OFF_MADT;
	u32 i;

	build(false);
	fw[OFF_RSDP] = 'X';
	expect_fail("neg.rsdp_signature", "signature");

	build(false);
	fw[OFF_RSDP + 9] ^= 0x55;
	expect_fail("neg.rsdp_checksum", "RSDP checksum");

	build(false);
	fw[OFF_RSDP + 28] ^= 0x55;	/* XSDT address, only in extended sum */
	expect_fail("neg.rsdp_extended_checksum", "extended checksum");

	build(true);
	put32(fw + OFF_RSDP + 16, 0);
	fix_sum(fw + OFF_RSDP, 20, 8);
	expect_fail("neg.rsdp_no_root", "neither");

	build(false);
	madt[40] ^= 1;			/* flags, checksum left stale */
	expect_fail("neg.table_checksum", "APIC checksum mismatch");

	build(false);
	fw[OFF_XSDT + 40] ^= 1;
	expect_fail("neg.xsdt_checksum", "XSDT checksum mismatch");

	build(false);
	fw[OFF_DSDT + 40] ^= 1;
	expect_fail("neg.dsdt_checksum", "DSDT checksum mismatch");

	build(false);
	memcpy(madt, "XXXX", 4);
	seal(madt);
	expect_fail("neg.madt_missing", "MADT (APIC) not found in XSDT");

	build(true);
	memcpy(madt, "XXXX", 4);
	seal(madt);
	expect_fail("neg.madt_missing_rsdt", "MADT (APIC) not found in RSDT");

	build(false);
	memcpy(fw + OFF_FADT, "XXXX", 4);
	seal(fw + OFF_FADT);
	expect_fail("neg.fadt_missing", "FADT (FACP) not found");

	build(false);
	madt[44 + 8 + 1] = 0;		/* second local APIC entry */
	seal(madt);
	expect_fail("neg.madt_entry_len0", "malformed MADT entry");

	build(false);
	put32(madt + 4, get32(madt + 4) - 4);	/* cut the x2APIC entry */
	seal(madt);
	expect_fail("neg.madt_entry_past_end", "malformed MADT entry");

	build(false);
	madt[44 + 1] = 6;		/* local APIC entry shorter than 8 */
	seal(madt);
	expect_fail("neg.madt_entry_short", "too short");

	build(false);
	put32(madt + 4, 20);
	seal(madt);
	expect_fail("neg.table_len_below_header", "shorter than its header");

	build(false);
	put32(madt + 4, FW_SIZE);
	expect_fail("neg.table_unmappable", "not mappable");

	build(false);
	memset(madt, 0, 0x700);
	for (i = 0; i <= ACPI_MAX_CPUS; i++)
		madt_lapic(madt + 44 + 8 * i, (u8)i, (u8)i, 1);
	header(madt, "APIC", 44 + 8 * (ACPI_MAX_CPUS + 1), 4);
	seal(madt);
	expect_fail("neg.too_many_cpus", "more than 64 usable CPUs");

	build(false);
	madt[44 + 8 + 3] = 0;		/* second CPU reuses APIC id 0 */
	seal(madt);
	expect_fail("neg.duplicate_apic_id", "twice");

	build(false);
	memset(&info, 0, sizeof(info));
	rep.emit = store_msg;
	rep.ctx = &msg;
	rep.errors = 0;
	msg.text[0] = '\0';
	if (acpi_parse(&fw_access, 0x1000, &info, &rep) < 0 && msg.text[0] &&
	    contains(msg.text, "not mappable"))
		printf("ok neg.rsdp_unmappable (%s)\n", msg.text);
	else
		fail("neg.rsdp_unmappable", msg.text[0] ? msg.text : "no error");
}

/* ---- acpi_find_s5 ---- */

static void s5_case(const char *name, const u8 *aml, u32 len, int want_ret,
		    u8 want_a, u8 want_b)
{
	u8 a = 0xaa, b = 0xbb;
	char d[128];
	int ret = acpi_find_s5(aml, len, &a, &b);

	if (ret != want_ret) {
		snprintf(d, sizeof(d), "returned %d, want %d", ret, want_ret);
		fail(name, d);
	} else if (want_ret == 0 && (a != want_a || b != want_b)) {
		snprintf(d, sizeof(d), "got %u/%u, want %u/%u",
			 a, b, want_a, want_b);
		fail(name, d);
	} else if (want_ret != 0 && (a != 0xaa || b != 0xbb)) {
		fail(name, "outputs written on failure");
	} else {
		ok(name);
	}
}

#define S5(name, want_ret, a, b, ...) do {				\
		static const u8 aml_[] = { __VA_ARGS__ };		\
		s5_case(name, aml_, sizeof(aml_), want_ret, a, b);	\
	} while (0)

/* 13 bytes of package body after PkgLength: NumElements, elements, pad. */
#define PKG_BODY13 0x04, 0x0a, 0x03, 0x0a, 0x04, 0x00, 0x00, 0xa3, 0xa3, \
		   0xa3, 0xa3, 0xa3, 0xa3

static void test_find_s5(void)
{
	S5("s5.pkglen1", 0, 5, 7,
	   0x08, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x06, 0x04,
	   0x0a, 0x05, 0x0a, 0x07, 0x00, 0x00);
	/* PkgLength 15 = 0x4f 0x00 (2 bytes) + 13 */
	S5("s5.pkglen2", 0, 3, 4,
	   0x08, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x4f, 0x00, PKG_BODY13);
	/* same length, 3-byte encoding: 3 + 13 = 16 */
	S5("s5.pkglen3", 0, 3, 4,
	   0x08, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x80, 0x01, 0x00,
	   PKG_BODY13);
	/* 4-byte encoding: 4 + 13 = 17 */
	S5("s5.pkglen4", 0, 3, 4,
	   0x08, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0xc1, 0x01, 0x00, 0x00,
	   PKG_BODY13);
	S5("s5.zero_ops", 0, 0, 0,
	   0x08, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x06, 0x04,
	   0x00, 0x00, 0x00, 0x00);
	S5("s5.root_prefix", 0, 1, 2,
	   0x10, 0x00, 0x08, 0x5c, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x07, 0x04,
	   0x01, 0x0b, 0x02, 0x01, 0x00, 0x00);
	S5("s5.dword_ones", 0, 0x78, 0xff,
	   0x08, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x08, 0x02,
	   0x0c, 0x78, 0x56, 0x34, 0x12, 0xff);
	S5("s5.one_element", 0, 5, 6,
	   0x08, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x05, 0x01,
	   0x0b, 0x05, 0x06);
	S5("s5.absent", -1, 0, 0,
	   0x08, 0x5f, 0x53, 0x34, 0x5f, 0x12, 0x06, 0x04,
	   0x0a, 0x05, 0x0a, 0x05, 0x00, 0x00);
	S5("s5.reference_only", -1, 0, 0,
	   0x70, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x06, 0x04,
	   0x0a, 0x05, 0x0a, 0x05, 0x00, 0x00);
	S5("s5.pkglen_past_end", -1, 0, 0,
	   0x08, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x20, 0x04,
	   0x0a, 0x05, 0x0a, 0x05);
	S5("s5.element_past_pkg", -1, 0, 0,
	   0x08, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x04, 0x04,
	   0x0a, 0x05, 0x0a, 0x05);
	S5("s5.truncated_pkglen", -1, 0, 0,
	   0x08, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0xc0, 0x01);
	S5("s5.bad_element", -1, 0, 0,
	   0x08, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x06, 0x04,
	   0x0d, 0x41, 0x00, 0x05, 0x00, 0x00);
	S5("s5.second_match", 0, 2, 3,
	   0x08, 0x5f, 0x53, 0x35, 0x5f, 0x0a, 0x01,
	   0x08, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x06, 0x04,
	   0x0a, 0x02, 0x0a, 0x03, 0x00, 0x00);
	s5_case("s5.empty", NULL, 0, -1, 0, 0);
}

int main(void)
{
	test_acpi2();
	test_acpi1();
	test_no_s5();
	test_reset_reg();
	test_optional_tables();
	test_negative();
	test_find_s5();
	test_ivrs();
	if (failures) {
		printf("%d check(s) failed\n", failures);
		return 1;
	}
	return 0;
}
