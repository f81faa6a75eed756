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

/* DSDT: \_S5 = {5, 5} so that a guest finds the usual sleep package
 * (S5 through its PM1a control shuts the cell down, config.h); nothing
 * else (no devices beyond what the FADT and MADT describe). */
static u32 build_dsdt(u8 *t)
{
	static const u8 aml[] = {
		0x08, '_', 'S', '5', '_',	/* Name (_S5, */
		0x12, 0x06, 0x02,		/* Package (2) { */
		0x0a, BH_CELL_SLP_TYP_S5,	/* 5, */
		0x0a, BH_CELL_SLP_TYP_S5,	/* 5 } */
	};
	u32 len = HDR_LEN + (u32)sizeof(aml);

	memcpy(t + HDR_LEN, aml, sizeof(aml));
	header(t, "DSDT", len, 2);
	seal(t, len);
	return len;
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
	    c->pm_timer_port < 8)
		return -1;
	*lay = (struct acpi_layout){ 0 };
	off = 36;			/* RSDP first */
	lay->xsdt = off = align(off, 16);
	xsdt_len = HDR_LEN + 8 * (c->mmconfig_base ? 3 : 2);
	lay->fadt = off = align(off + xsdt_len, 16);
	lay->facs = off = align(off + FADT_LEN, 64);
	lay->dsdt = off = align(off + FACS_LEN, 16);
	off = align(off + build_dsdt(buf + lay->dsdt), 16);
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
