/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * ACPI tables for a Linux cell (see acpi_build.h). Offsets follow the
 * ACPI 6.x specification; every field is written little-endian byte by
 * byte.
 */
#include <string.h>

#include <bulkhead/config.h>
#include <bulkhead/le.h>

#include "acpi_build.h"

#define HDR_LEN		36
#define OEM_ID		"BLKHED"
#define OEM_TABLE_ID	"BULKHEAD"
#define CREATOR_ID	"BLKH"

#define FADT_LEN	276	/* revision 6 */
#define FACS_LEN	64
#define MADT_FLAGS_PCAT_COMPAT	1
#define FADT_WBINVD		(1U << 0)
#define FADT_PROC_C1		(1U << 2)
#define FADT_PWR_BUTTON		(1U << 4)	/* 1: no fixed power button */
#define FADT_SLP_BUTTON		(1U << 5)	/* 1: no fixed sleep button */
#define FADT_RESET_REG_SUP	(1U << 10)	/* RESET_REG is there */
#define FADT_APIC_PHYSICAL	(1U << 19)	/* physical destinations only */
#define BOOT_ARCH_LEGACY	(1U << 0)	/* ISA devices: PIT, RTC, UART */
#define BOOT_ARCH_NO_VGA	(1U << 2)
#define GAS_SYSTEM_IO		1
#define SCI_IRQ			9

static void header(u8 *t, const char *sig, u32 len, u8 rev)
{
	memcpy(t, sig, 4);
	bh_put32(t + 4, len);
	t[8] = rev;
	memcpy(t + 10, OEM_ID, 6);
	memcpy(t + 16, OEM_TABLE_ID, 8);
	bh_put32(t + 24, 1);		/* OEM revision */
	memcpy(t + 28, CREATOR_ID, 4);
	bh_put32(t + 32, 1);		/* creator revision */
}

static void seal(u8 *t, u32 len)
{
	t[9] = 0;
	t[9] = (u8)-acpi_checksum(t, len);
}

/* Generic Address Structure for I/O ports. */
static void gas_io(u8 *g, u16 port, u8 bits)
{
	g[0] = GAS_SYSTEM_IO;
	g[1] = bits;
	g[2] = 0;
	g[3] = bits == 32 ? 3 : bits == 16 ? 2 : 1;	/* access size */
	bh_put64(g + 4, port);
}

static u32 align(u32 v, u32 a)
{
	return (v + a - 1) & ~(a - 1);
}

static u32 build_madt(u8 *t, const struct acpi_cell *c)
{
	u32 len = HDR_LEN + 8, i;

	bh_put32(t + 36, (u32)c->lapic_address);
	bh_put32(t + 40, MADT_FLAGS_PCAT_COMPAT);
	for (i = 0; i < c->num_cpus; i++, len += 8) {
		t[len] = 0;			/* processor local APIC */
		t[len + 1] = 8;
		t[len + 2] = (u8)i;		/* ACPI processor UID */
		t[len + 3] = c->apic_ids[i];
		bh_put32(t + len + 4, 1);		/* enabled */
	}
	if (c->has_ioapic) {
		t[len] = 1;			/* IOAPIC */
		t[len + 1] = 12;
		t[len + 2] = c->ioapic_id;
		bh_put32(t + len + 4, (u32)c->ioapic_address);
		bh_put32(t + len + 8, 0);		/* GSI base */
		len += 12;
		/* ISA IRQ 0 (PIT) is GSI 2; the SCI is level, active high. */
		t[len] = 2;
		t[len + 1] = 10;
		t[len + 2] = 0;			/* bus: ISA */
		t[len + 3] = 0;			/* IRQ 0 */
		bh_put32(t + len + 4, 2);		/* GSI 2 */
		bh_put16(t + len + 8, 0);		/* bus-conforming */
		len += 10;
		t[len] = 2;
		t[len + 1] = 10;
		t[len + 3] = SCI_IRQ;
		bh_put32(t + len + 4, SCI_IRQ);
		bh_put16(t + len + 8, 0x000d);	/* level, active high */
		len += 10;
	}
	t[len] = 4;				/* local APIC NMI: LINT1 */
	t[len + 1] = 6;
	t[len + 2] = 0xff;			/* all processors */
	bh_put16(t + len + 3, 0);
	t[len + 5] = 1;				/* LINT1 */
	len += 6;
	header(t, "APIC", len, 5);
	seal(t, len);
	return len;
}

static u32 build_fadt(u8 *t, u64 base, const struct acpi_layout *lay,
		      const struct acpi_cell *c)
{
	u16 pm1_evt = (u16)(c->pm_timer_port - 8);
	u16 pm1_cnt = BH_CELL_PM1_CNT(c->pm_timer_port);

	bh_put32(t + 36, (u32)(base + lay->facs));		/* FIRMWARE_CTRL */
	bh_put32(t + 40, (u32)(base + lay->dsdt));		/* DSDT */
	bh_put16(t + 46, SCI_IRQ);				/* SCI_INT */
	/* SMI_CMD 0: ACPI mode is always on, nothing to switch. */
	bh_put32(t + 56, pm1_evt);				/* PM1a_EVT_BLK */
	bh_put32(t + 64, pm1_cnt);				/* PM1a_CNT_BLK */
	bh_put32(t + 76, c->pm_timer_port);		/* PM_TMR_BLK */
	t[88] = 4;					/* PM1_EVT_LEN */
	t[89] = 2;					/* PM1_CNT_LEN */
	t[91] = 4;					/* PM_TMR_LEN */
	bh_put16(t + 96, 101);				/* no C2 */
	bh_put16(t + 98, 1001);				/* no C3 */
	bh_put16(t + 109, BOOT_ARCH_LEGACY | BOOT_ARCH_NO_VGA);
	bh_put32(t + 112, FADT_WBINVD | FADT_PROC_C1 | FADT_PWR_BUTTON |
		       FADT_SLP_BUTTON | FADT_RESET_REG_SUP |
		       FADT_APIC_PHYSICAL);
	/* The cell's own reset (config.h): it restarts the cell alone. */
	gas_io(t + 116, BH_CELL_RESET_PORT, 8);		/* RESET_REG */
	t[128] = BH_CELL_RESET_VALUE;			/* RESET_VALUE */
	t[131] = 0;					/* minor version */
	bh_put64(t + 132, base + lay->facs);		/* X_FIRMWARE_CTRL */
	bh_put64(t + 140, base + lay->dsdt);		/* X_DSDT */
	gas_io(t + 148, pm1_evt, 32);			/* X_PM1a_EVT_BLK */
	gas_io(t + 172, pm1_cnt, 16);			/* X_PM1a_CNT_BLK */
	gas_io(t + 208, c->pm_timer_port, 32);		/* X_PM_TMR_BLK */
	memcpy(t + 268, "Bulkhead", 8);			/* hypervisor vendor */
	header(t, "FACP", FADT_LEN, 6);
	seal(t, FADT_LEN);
	return FADT_LEN;
}

/* AML (ACPI 6.x, "ACPI Machine Language Specification"), written into a
 * buffer as the tables are. */
struct aml {
	u8 *p;
	u32 len;
};

static void emit(struct aml *a, const void *bytes, u32 n)
{
	memcpy(a->p + a->len, bytes, n);
	a->len += n;
}

static void emit8(struct aml *a, u8 v)
{
	a->p[a->len++] = v;
}

static void emit16(struct aml *a, u16 v)
{
	bh_put16(a->p + a->len, v);
	a->len += 2;
}

static void emit32(struct aml *a, u32 v)
{
	bh_put32(a->p + a->len, v);
	a->len += 4;
}

static void emit64(struct aml *a, u64 v)
{
	bh_put64(a->p + a->len, v);
	a->len += 8;
}

/* Room for the largest PkgLength: 4 bytes, filled by pkg_end(). */
#define PKG_LEN_BYTES 4

static u32 pkg_begin(struct aml *a)
{
	u32 at = a->len;

	a->len += PKG_LEN_BYTES;
	return at;
}

/* PkgLength of what follows @p at (itself included), in the fewest bytes:
 * the rest moved back over the bytes not needed. */
static void pkg_end(struct aml *a, u32 at)
{
	u32 body = a->len - at - PKG_LEN_BYTES, n, total;
	u8 *p = a->p + at;

	for (n = 1; n < PKG_LEN_BYTES; n++)
		if (body + n < (n == 1 ? 0x40U : 1U << (4 + 8 * (n - 1))))
			break;
	total = body + n;
	if (n == 1) {
		p[0] = (u8)total;
	} else {
		u32 i;

		p[0] = (u8)((n - 1) << 6 | (total & 0xf));
		for (i = 1; i < n; i++)
			p[i] = (u8)(total >> (4 + 8 * (i - 1)));
	}
	memmove(p + n, p + PKG_LEN_BYTES, body);
	a->len -= PKG_LEN_BYTES - n;
}

/* Name (NAME, DWordConst) */
static void name_dword(struct aml *a, const char *name, u32 v)
{
	emit8(a, 0x08);
	emit(a, name, 4);
	emit8(a, 0x0c);
	emit32(a, v);
}

/* Name (NAME, Zero) */
static void name_zero(struct aml *a, const char *name)
{
	emit8(a, 0x08);
	emit(a, name, 4);
	emit8(a, 0x00);
}

/* The general flags of a bridge's address space descriptor: a producer,
 * its minimum and maximum fixed (ACPI 6.x, "Address Space Resource
 * Descriptors"). */
#define RES_FLAGS_WINDOW	0x0c
#define RES_TYPE_MEMORY		0
#define RES_TYPE_IO		1
#define RES_TYPE_BUS		2
#define RES_MEM_RW		0x01	/* read/write, non-cacheable */
#define RES_IO_ENTIRE		0x03	/* ISA and non-ISA ranges */

static void word_window(struct aml *a, u8 type, u8 tflags, u16 min, u16 max)
{
	emit8(a, 0x88);			/* Word Address Space Descriptor */
	emit16(a, 13);
	emit8(a, type);
	emit8(a, RES_FLAGS_WINDOW);
	emit8(a, tflags);
	emit16(a, 0);			/* granularity */
	emit16(a, min);
	emit16(a, max);
	emit16(a, 0);			/* translation */
	emit16(a, (u16)(max - min + 1));
}

static void qword_range(struct aml *a, u8 type, u8 flags, u8 tflags, u64 min,
			u64 max)
{
	emit8(a, 0x8a);			/* QWord Address Space Descriptor */
	emit16(a, 43);
	emit8(a, type);
	emit8(a, flags);
	emit8(a, tflags);
	emit64(a, 0);			/* granularity */
	emit64(a, min);
	emit64(a, max);
	emit64(a, 0);			/* translation */
	emit64(a, max - min + 1);
}

/* Name (_CRS, Buffer () { ...: its package begun (returned) and the
 * place of its size in *@p buf. */
static u32 crs_begin(struct aml *a, u32 *buf)
{
	u32 crs;

	emit8(a, 0x08);
	emit(a, "_CRS", 4);
	emit8(a, 0x11);			/* BufferOp */
	crs = pkg_begin(a);
	emit8(a, 0x0b);			/* its size, a WordConst */
	*buf = a->len;
	emit16(a, 0);
	return crs;
}

/* ... }): the End Tag, the buffer's size and package length. */
static void crs_end(struct aml *a, u32 crs, u32 buf)
{
	emit8(a, 0x79);			/* End Tag, no checksum */
	emit8(a, 0x00);
	bh_put16(a->p + buf, (u16)(a->len - buf - 2));
	pkg_end(a, crs);
}

/* EISA IDs, compressed: PNP0A08 (PCI Express root bridge), PNP0A03
 * (PCI root bridge). */
#define EISA_PNP0A08	0x080ad041U
#define EISA_PNP0A03	0x030ad041U
#define EISA_PNP0C02	0x020cd041U	/* motherboard resources */
#define RES_FLAGS_CONSUMED	0x0d	/* a consumer, min and max fixed */

/*
 * Device (\_SB.PCI0): the host bridge of segment 0, its bus range, the
 * I/O ports but the configuration ports, and the memory windows of
 * @p c, and its _PRT if @p c routes INTx; Device (\_SB.RES0) reserving
 * the MMCONFIG window; no _OSC (the bridge's PCI Express services stay
 * the firmware's).
 */
/* Name (_PRT, Package () { Package () { slot << 16 | 0xffff, pin, Zero,
 * GSI }, ... }): each slot of @p c's with its four pins at its GSI. */
static void prt(struct aml *a, const struct acpi_cell *c)
{
	u32 all, one, i, pin;

	emit8(a, 0x08);
	emit(a, "_PRT", 4);
	emit8(a, 0x12);			/* PackageOp */
	all = pkg_begin(a);
	emit8(a, (u8)(4 * c->num_prt));	/* NumElements */
	for (i = 0; i < c->num_prt; i++)
		for (pin = 0; pin < 4; pin++) {
			emit8(a, 0x12);
			one = pkg_begin(a);
			emit8(a, 4);
			emit8(a, 0x0c);		/* DWordConst */
			emit32(a, (u32)c->prt[i].slot << 16 | 0xffff);
			emit8(a, 0x0a);		/* ByteConst */
			emit8(a, (u8)pin);
			emit8(a, 0x00);		/* Zero: a GSI follows */
			emit8(a, 0x0c);
			emit32(a, c->prt[i].gsi);
			pkg_end(a, one);
		}
	pkg_end(a, all);
}

static void host_bridge(struct aml *a, const struct acpi_cell *c)
{
	u32 sb, dev, crs, buf, i;

	emit8(a, 0x10);			/* Scope (\_SB) */
	sb = pkg_begin(a);
	emit(a, "\\_SB_", 5);
	emit8(a, 0x5b);			/* Device (PCI0) */
	emit8(a, 0x82);
	dev = pkg_begin(a);
	emit(a, "PCI0", 4);
	name_dword(a, "_HID", EISA_PNP0A08);
	name_dword(a, "_CID", EISA_PNP0A03);
	name_zero(a, "_SEG");
	name_zero(a, "_BBN");
	name_zero(a, "_UID");
	crs = crs_begin(a, &buf);
	word_window(a, RES_TYPE_BUS, 0, 0, c->mmconfig_end_bus);
	word_window(a, RES_TYPE_IO, RES_IO_ENTIRE, 0x0000, 0x0cf7);
	word_window(a, RES_TYPE_IO, RES_IO_ENTIRE, 0x0d00, 0xffff);
	for (i = 0; i < c->num_windows; i++)
		qword_range(a, RES_TYPE_MEMORY, RES_FLAGS_WINDOW, RES_MEM_RW,
			    c->windows[i].start, c->windows[i].end - 1);
	crs_end(a, crs, buf);
	if (c->num_prt)
		prt(a, c);
	pkg_end(a, dev);
	/* Device (RES0): the MMCONFIG window as a motherboard resource,
	 * which Linux wants before it uses the MCFG's window. */
	emit8(a, 0x5b);
	emit8(a, 0x82);
	dev = pkg_begin(a);
	emit(a, "RES0", 4);
	name_dword(a, "_HID", EISA_PNP0C02);
	crs = crs_begin(a, &buf);
	qword_range(a, RES_TYPE_MEMORY, RES_FLAGS_CONSUMED, RES_MEM_RW,
		    c->mmconfig_base, c->mmconfig_base +
		    ((u64)c->mmconfig_end_bus + 1) * 0x100000 - 1);
	crs_end(a, crs, buf);
	pkg_end(a, dev);
	pkg_end(a, sb);
}

/* DSDT: \_S5 = {5, 5} so that a guest finds the usual sleep package
 * (S5 through its PM1a control shuts the cell down, config.h), and the
 * host bridge if the cell has PCI devices: Linux finds a bus only
 * through a bridge its DSDT describes, an MCFG alone is not scanned. */
static u32 build_dsdt(u8 *t, const struct acpi_cell *c)
{
	static const u8 s5[] = {
		0x08, '_', 'S', '5', '_',	/* Name (_S5, */
		0x12, 0x06, 0x02,		/* Package (2) { */
		0x0a, BH_CELL_SLP_TYP_S5,	/* 5, */
		0x0a, BH_CELL_SLP_TYP_S5,	/* 5 } */
	};
	struct aml a = { t + HDR_LEN, 0 };

	emit(&a, s5, sizeof(s5));
	if (c->mmconfig_base)
		host_bridge(&a, c);
	header(t, "DSDT", HDR_LEN + a.len, 2);
	seal(t, HDR_LEN + a.len);
	return HDR_LEN + a.len;
}

static u32 build_mcfg(u8 *t, const struct acpi_cell *c)
{
	u32 len = HDR_LEN + 8 + 16;

	bh_put64(t + 44, c->mmconfig_base);
	bh_put16(t + 52, 0);		/* segment */
	t[54] = 0;			/* start bus */
	t[55] = c->mmconfig_end_bus;
	header(t, "MCFG", len, 1);
	seal(t, len);
	return len;
}

int acpi_build(u8 *buf, u64 base, const struct acpi_cell *c,
	       struct acpi_layout *lay)
{
	u32 off, n, xsdt_len;
	u8 *x;

	if (!c->num_cpus || c->num_cpus > ACPI_BUILD_MAX_CPUS ||
	    c->pm_timer_port < 8 || c->num_windows > ACPI_BUILD_MAX_WINDOWS ||
	    c->num_prt > ACPI_BUILD_MAX_PRT)
		return -1;
	*lay = (struct acpi_layout){ 0 };
	off = 36;			/* RSDP first */
	lay->xsdt = off = align(off, 16);
	xsdt_len = HDR_LEN + 8 * (c->mmconfig_base ? 3 : 2);
	lay->fadt = off = align(off + xsdt_len, 16);
	lay->facs = off = align(off + FADT_LEN, 64);
	lay->dsdt = off = align(off + FACS_LEN, 16);
	off = align(off + build_dsdt(buf + lay->dsdt, c), 16);
	lay->madt = off;
	off = align(off + build_madt(buf + off, c), 16);
	if (c->mmconfig_base) {
		lay->mcfg = off;
		off = align(off + build_mcfg(buf + off, c), 16);
	}
	lay->size = off;
	build_fadt(buf + lay->fadt, base, lay, c);
	memcpy(buf + lay->facs, "FACS", 4);
	bh_put32(buf + lay->facs + 4, FACS_LEN);
	buf[lay->facs + 32] = 2;	/* version */

	x = buf + lay->xsdt;
	n = 0;
	bh_put64(x + HDR_LEN + 8 * n++, base + lay->fadt);
	bh_put64(x + HDR_LEN + 8 * n++, base + lay->madt);
	if (lay->mcfg)
		bh_put64(x + HDR_LEN + 8 * n++, base + lay->mcfg);
	header(x, "XSDT", xsdt_len, 1);
	seal(x, xsdt_len);

	memcpy(buf, "RSD PTR ", 8);
	memcpy(buf + 9, OEM_ID, 6);
	buf[15] = 2;			/* revision: XSDT */
	bh_put32(buf + 20, 36);		/* length */
	bh_put64(buf + 24, base + lay->xsdt);
	buf[8] = (u8)-acpi_checksum(buf, 20);
	buf[32] = (u8)-acpi_checksum(buf, 36);
	return 0;
}
