/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * ACPI table parser (see acpi.h). Offsets follow the ACPI 6.x
 * specification. Every multi-byte field is read byte by byte as
 * little-endian, so tables need no particular alignment.
 */
#include <bulkhead/types.h>
#include "acpi.h"
#include "report.h"
#include "bh_string.h"

/* Common table header (System Description Table Header). */
#define ACPI_HDR_LEN		36
#define ACPI_HDR_LENGTH		4
/* Larger tables are refused rather than mapped (sanity bound). */
#define ACPI_MAX_TABLE_LEN	(16u << 20)

/* RSDP. */
#define RSDP_SIGNATURE		"RSD PTR "
#define RSDP_V1_LEN		20
#define RSDP_V2_LEN		36
#define RSDP_REVISION		15
#define RSDP_RSDT		16
#define RSDP_LENGTH		20
#define RSDP_XSDT		24

/* MADT. */
#define MADT_LAPIC_ADDR		36
#define MADT_ENTRIES		44
#define MADT_TYPE_LAPIC		0
#define MADT_TYPE_IOAPIC	1
#define MADT_TYPE_LAPIC_OVR	5
#define MADT_TYPE_X2APIC	9
#define MADT_LAPIC_LEN		8
#define MADT_IOAPIC_LEN		12
#define MADT_LAPIC_OVR_LEN	12
#define MADT_X2APIC_LEN		16
#define MADT_CPU_ENABLED	(1u << 0)
#define MADT_CPU_ONLINE_CAPABLE	(1u << 1)

/* FADT. */
#define FADT_DSDT		40
#define FADT_SMI_CMD		48
#define FADT_ACPI_ENABLE	52
#define FADT_PM1A_EVT		56
#define FADT_PM1B_EVT		60
#define FADT_PM1A_CNT		64
#define FADT_PM1B_CNT		68
#define FADT_PM2_CNT		72
#define FADT_PM_TMR		76
#define FADT_MIN_LEN		80	/* through PM_TMR_BLK */
#define FADT_GPE0_BLK		80
#define FADT_GPE1_BLK		84
#define FADT_PM1_EVT_LEN	88
#define FADT_PM1_CNT_LEN	89
#define FADT_PM2_CNT_LEN	90
#define FADT_GPE0_BLK_LEN	92
#define FADT_GPE1_BLK_LEN	93
#define FADT_FLAGS		112
#define FADT_RESET_REG		116	/* a GAS; ACPI 2.0 and later */
#define FADT_RESET_REG_SUP	(1u << 10)
#define PM1_CNT_MIN_LEN		2
#define FADT_X_DSDT		140
#define FADT_X_PM1A_EVT		148
#define FADT_X_PM1B_EVT		160
#define FADT_X_PM1A_CNT		172
#define FADT_X_PM1B_CNT		184
#define FADT_X_PM2_CNT		196
#define FADT_X_PM_TMR		208
#define FADT_X_GPE0		220
#define FADT_X_GPE1		232

/* HPET: its register block, a GAS. */
#define HPET_BASE		40
/* MCFG: allocations of 16 bytes after 8 reserved bytes. */
#define MCFG_ENTRIES		44
#define MCFG_ENTRY_LEN		16

/* IVRS (AMD I/O Virtualization Reporting Structure). */
#define IVRS_IVINFO		36
#define IVRS_BLOCKS		48
#define IVRS_BLOCK_HDR		4	/* type, flags, length */
#define IVHD_TYPE_LEGACY	0x10
#define IVHD_TYPE_EFR		0x11
#define IVHD_TYPE_ACPI		0x40
#define IVHD_DEVID		4
#define IVHD_CAP		6
#define IVHD_BASE		8
#define IVHD_SEGMENT		16
#define IVHD_INFO		18
#define IVHD_ATTR		20
#define IVHD_EFR		24
#define IVHD_ENTRIES_LEGACY	24
#define IVHD_ENTRIES_EFR	40
#define IVMD_TYPE_ALL		0x20
#define IVMD_TYPE_ONE		0x21
#define IVMD_TYPE_RANGE		0x22
#define IVMD_LEN		32
#define IVMD_DEVID		4
#define IVMD_AUX		6
#define IVMD_START		16
#define IVMD_LENGTH		24
/* IVHD device entries. */
#define IVDE_PAD		0x00
#define IVDE_ALL		0x01
#define IVDE_SELECT		0x02
#define IVDE_RANGE_START	0x03
#define IVDE_RANGE_END		0x04
#define IVDE_ALIAS_SELECT	0x42
#define IVDE_ALIAS_RANGE	0x43
#define IVDE_EXT_SELECT		0x46
#define IVDE_EXT_RANGE		0x47
#define IVDE_SPECIAL		0x48
#define IVDE_ACPI_HID		0xf0
#define IVDE_ACPI_HID_LEN	22	/* before its UID */
#define IVDE_DEVID		1
#define IVDE_ALIAS_SOURCE	5
#define IVDE_SPECIAL_HANDLE	4
#define IVDE_SPECIAL_DEVID	5
#define IVDE_SPECIAL_VARIETY	7

/* Generic Address Structure. */
#define GAS_LEN			12
#define GAS_SPACE_ID		0
#define GAS_ADDRESS		4
#define GAS_SPACE_SYSTEM_MEMORY	0
#define GAS_SPACE_SYSTEM_IO	1

/* AML opcodes used by the \_S5 scan. */
#define AML_ZERO_OP		0x00
#define AML_ONE_OP		0x01
#define AML_NAME_OP		0x08
#define AML_BYTE_PREFIX		0x0a
#define AML_WORD_PREFIX		0x0b
#define AML_DWORD_PREFIX	0x0c
#define AML_QWORD_PREFIX	0x0e
#define AML_PACKAGE_OP		0x12
#define AML_ROOT_PREFIX		0x5c
#define AML_ONES_OP		0xff

/** A mapped and checked XSDT or RSDT. */
struct acpi_root {
	const u8 *table;
	u32 len;
	u32 entry_size;		/* 8 for the XSDT, 4 for the RSDT */
	const char *name;
};

static u64 rd_le(const u8 *p, unsigned int size)
{
	u64 v = 0;

	while (size--)
		v = (v << 8) | p[size];
	return v;
}

static u32 rd32(const u8 *p)
{
	return (u32)rd_le(p, 4);
}

static u64 rd64(const u8 *p)
{
	return rd_le(p, 8);
}

/* Printable copy of a 4-byte signature into @out (5 bytes). */
static void acpi_sig_str(char *out, const u8 *sig)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		out[i] = (sig[i] >= 0x20 && sig[i] < 0x7f) ? (char)sig[i] : '?';
	out[4] = '\0';
}

static const u8 *acpi_map(const struct acpi_access *acc, u64 phys, u64 len)
{
	return acc->map(acc->ctx, phys, len);
}

/* Check a mapped header's length and map the whole table. */
static const u8 *acpi_map_body(const struct acpi_access *acc, u64 phys,
			       const u8 *hdr, u32 *len_out,
			       struct bh_report *r)
{
	u32 len = rd32(hdr + ACPI_HDR_LENGTH);
	const u8 *t;
	char name[5];

	acpi_sig_str(name, hdr);
	if (len < ACPI_HDR_LEN) {
		bh_error(r, "ACPI: %s at 0x%llx: length %u shorter than its header",
			 name, (unsigned long long)phys, len);
		return NULL;
	}
	if (len > ACPI_MAX_TABLE_LEN) {
		bh_error(r, "ACPI: %s at 0x%llx: length %u too large",
			 name, (unsigned long long)phys, len);
		return NULL;
	}
	t = acpi_map(acc, phys, len);
	if (!t) {
		bh_error(r, "ACPI: %s at 0x%llx: %u bytes not mappable",
			 name, (unsigned long long)phys, len);
		return NULL;
	}
	if (acpi_checksum(t, len)) {
		bh_error(r, "ACPI: %s checksum mismatch at 0x%llx",
			 name, (unsigned long long)phys);
		return NULL;
	}
	*len_out = len;
	return t;
}

/* Map a whole table with signature @sig, checking length and checksum. */
static const u8 *acpi_map_table(const struct acpi_access *acc, u64 phys,
				const char *sig, u32 *len_out,
				struct bh_report *r)
{
	const u8 *hdr = acpi_map(acc, phys, ACPI_HDR_LEN);

	if (!hdr) {
		bh_error(r, "ACPI: %s header at 0x%llx not mappable",
			 sig, (unsigned long long)phys);
		return NULL;
	}
	if (memcmp(hdr, sig, 4)) {
		char name[5];

		acpi_sig_str(name, hdr);
		bh_error(r, "ACPI: expected %s at 0x%llx, found signature '%s'",
			 sig, (unsigned long long)phys, name);
		return NULL;
	}
	return acpi_map_body(acc, phys, hdr, len_out, r);
}

static int acpi_open_root(const struct acpi_access *acc, u64 phys,
			  const char *sig, u32 entry_size,
			  struct acpi_root *root, struct bh_report *r)
{
	root->table = acpi_map_table(acc, phys, sig, &root->len, r);
	if (!root->table)
		return -1;
	if ((root->len - ACPI_HDR_LEN) % entry_size) {
		bh_error(r, "ACPI: %s at 0x%llx: length %u is not a whole number of entries",
			 sig, (unsigned long long)phys, root->len);
		return -1;
	}
	root->entry_size = entry_size;
	root->name = sig;
	return 0;
}

/* Check the ACPI 2.0+ part of the RSDP and return its XSDT address. */
static int acpi_rsdp_xsdt(const struct acpi_access *acc, u64 phys,
			  u64 *xsdt, struct bh_report *r)
{
	const u8 *rsdp = acpi_map(acc, phys, RSDP_V2_LEN);
	u32 len;

	if (!rsdp) {
		bh_error(r, "ACPI: RSDP 2.0 at 0x%llx not mappable",
			 (unsigned long long)phys);
		return -1;
	}
	len = rd32(rsdp + RSDP_LENGTH);
	if (len < RSDP_V2_LEN || len > ACPI_MAX_TABLE_LEN) {
		bh_error(r, "ACPI: RSDP at 0x%llx has bad length %u",
			 (unsigned long long)phys, len);
		return -1;
	}
	rsdp = acpi_map(acc, phys, len);
	if (!rsdp) {
		bh_error(r, "ACPI: RSDP at 0x%llx: %u bytes not mappable",
			 (unsigned long long)phys, len);
		return -1;
	}
	if (acpi_checksum(rsdp, len)) {
		bh_error(r, "ACPI: RSDP extended checksum mismatch at 0x%llx",
			 (unsigned long long)phys);
		return -1;
	}
	*xsdt = rd64(rsdp + RSDP_XSDT);
	return 0;
}

/* Check the RSDP and open the XSDT (revision >= 2) or the RSDT. */
static int acpi_open_rsdp(const struct acpi_access *acc, u64 phys,
			  struct acpi_root *root, struct bh_report *r)
{
	const u8 *rsdp = acpi_map(acc, phys, RSDP_V1_LEN);
	u64 xsdt = 0;
	u32 rsdt;

	if (!rsdp) {
		bh_error(r, "ACPI: RSDP at 0x%llx not mappable",
			 (unsigned long long)phys);
		return -1;
	}
	if (memcmp(rsdp, RSDP_SIGNATURE, 8)) {
		bh_error(r, "ACPI: bad RSDP signature at 0x%llx",
			 (unsigned long long)phys);
		return -1;
	}
	if (acpi_checksum(rsdp, RSDP_V1_LEN)) {
		bh_error(r, "ACPI: RSDP checksum mismatch at 0x%llx",
			 (unsigned long long)phys);
		return -1;
	}
	if (rsdp[RSDP_REVISION] >= 2 && acpi_rsdp_xsdt(acc, phys, &xsdt, r))
		return -1;
	if (xsdt)
		return acpi_open_root(acc, xsdt, "XSDT", 8, root, r);
	rsdt = rd32(rsdp + RSDP_RSDT);
	if (!rsdt) {
		bh_error(r, "ACPI: RSDP at 0x%llx has neither XSDT nor RSDT",
			 (unsigned long long)phys);
		return -1;
	}
	return acpi_open_root(acc, rsdt, "RSDT", 4, root, r);
}

/*
 * Find the first table with signature @sig listed in @root, and map it
 * whole after checking its length and checksum. @what names it in messages.
 */
static const u8 *acpi_find_table(const struct acpi_access *acc,
				 const struct acpi_root *root, const char *sig,
				 const char *what, u32 *len_out, bool required,
				 struct bh_report *r)
{
	u32 n = (root->len - ACPI_HDR_LEN) / root->entry_size;
	const u8 *entry = root->table + ACPI_HDR_LEN;
	const u8 *hdr;
	u32 i;

	for (i = 0; i < n; i++, entry += root->entry_size) {
		u64 phys = rd_le(entry, root->entry_size);

		if (!phys)
			continue;
		hdr = acpi_map(acc, phys, ACPI_HDR_LEN);
		if (!hdr) {
			bh_error(r, "ACPI: %s entry %u (0x%llx) not mappable",
				 root->name, i, (unsigned long long)phys);
			return NULL;
		}
		if (!memcmp(hdr, sig, 4))
			return acpi_map_body(acc, phys, hdr, len_out, r);
	}
	if (required)
		bh_error(r, "ACPI: %s not found in %s", what, root->name);
	return NULL;
}

/* An optional table: *@p t NULL if absent. @return -1 if it is there but
 * cannot be mapped or is broken (reported), else 0. */
static int acpi_optional_table(const struct acpi_access *acc,
			       const struct acpi_root *root, const char *sig,
			       const u8 **t, u32 *len, struct bh_report *r)
{
	unsigned int errors = r->errors;

	*len = 0;
	*t = acpi_find_table(acc, root, sig, sig, len, false, r);
	return r->errors != errors ? -1 : 0;
}

/* Record a CPU if its MADT flags say it is usable. */
static int acpi_add_cpu(struct acpi_info *info, u32 apic_id, u32 uid,
			u32 flags, bool x2apic, struct bh_report *r)
{
	struct acpi_cpu *cpu;
	u32 i;

	if (!(flags & (MADT_CPU_ENABLED | MADT_CPU_ONLINE_CAPABLE)))
		return 0;
	for (i = 0; i < info->num_cpus; i++) {
		if (info->cpus[i].apic_id == apic_id) {
			bh_error(r, "ACPI: MADT lists APIC id 0x%x twice",
				 apic_id);
			return -1;
		}
	}
	if (info->num_cpus >= ACPI_MAX_CPUS) {
		bh_error(r, "ACPI: MADT lists more than %u usable CPUs (ACPI_MAX_CPUS)",
			 ACPI_MAX_CPUS);
		return -1;
	}
	cpu = &info->cpus[info->num_cpus++];
	cpu->apic_id = apic_id;
	cpu->uid = uid;
	cpu->x2apic = x2apic;
	return 0;
}

static int acpi_add_ioapic(struct acpi_info *info, const u8 *e,
			   struct bh_report *r)
{
	struct acpi_ioapic *io;

	if (info->num_ioapics >= ACPI_MAX_IOAPICS) {
		bh_error(r, "ACPI: MADT lists more than %u IOAPICs (ACPI_MAX_IOAPICS)",
			 ACPI_MAX_IOAPICS);
		return -1;
	}
	io = &info->ioapics[info->num_ioapics++];
	io->id = e[2];
	io->address = rd32(e + 4);
	io->gsi_base = rd32(e + 8);
	return 0;
}

static u32 acpi_madt_min_len(u8 type)
{
	switch (type) {
	case MADT_TYPE_LAPIC:
		return MADT_LAPIC_LEN;
	case MADT_TYPE_IOAPIC:
		return MADT_IOAPIC_LEN;
	case MADT_TYPE_LAPIC_OVR:
		return MADT_LAPIC_OVR_LEN;
	case MADT_TYPE_X2APIC:
		return MADT_X2APIC_LEN;
	default:
		return 2;
	}
}

/* Handle one MADT entry @e of e[1] bytes (already bounds-checked). */
static int acpi_madt_entry(const u8 *e, u32 off, struct acpi_info *info,
			   struct bh_report *r)
{
	if (e[1] < acpi_madt_min_len(e[0])) {
		bh_error(r, "ACPI: MADT entry type %u at offset %u too short (%u bytes)",
			 e[0], off, e[1]);
		return -1;
	}
	switch (e[0]) {
	case MADT_TYPE_LAPIC:
		return acpi_add_cpu(info, e[3], e[2], rd32(e + 4), false, r);
	case MADT_TYPE_IOAPIC:
		return acpi_add_ioapic(info, e, r);
	case MADT_TYPE_LAPIC_OVR:
		info->lapic_address = rd64(e + 4);
		return 0;
	case MADT_TYPE_X2APIC:
		return acpi_add_cpu(info, rd32(e + 4), rd32(e + 12),
				    rd32(e + 8), true, r);
	default:
		return 0;
	}
}

static int acpi_parse_madt(const u8 *madt, u32 len, struct acpi_info *info,
			   struct bh_report *r)
{
	u32 off;

	if (len < MADT_ENTRIES) {
		bh_error(r, "ACPI: MADT length %u too short", len);
		return -1;
	}
	info->lapic_address = rd32(madt + MADT_LAPIC_ADDR);
	for (off = MADT_ENTRIES; off < len; off += madt[off + 1]) {
		if (len - off < 2) {
			bh_error(r, "ACPI: MADT entry at offset %u cut off by the table end",
				 off);
			return -1;
		}
		if (madt[off + 1] < 2 || madt[off + 1] > len - off) {
			bh_error(r, "ACPI: malformed MADT entry at offset %u (type %u, length %u)",
				 off, madt[off], madt[off + 1]);
			return -1;
		}
		if (acpi_madt_entry(madt + off, off, info, r))
			return -1;
	}
	return 0;
}

/*
 * An I/O port from the FADT: the GAS at @gas when the table has it and it
 * holds a non-zero system I/O address, else the 32-bit field at @legacy.
 */
static u32 acpi_fadt_port(const u8 *fadt, u32 len, u32 legacy, u32 gas)
{
	if (len >= gas + GAS_LEN) {
		const u8 *g = fadt + gas;
		u64 addr = rd64(g + GAS_ADDRESS);

		if (addr && addr <= 0xffff &&
		    g[GAS_SPACE_ID] == GAS_SPACE_SYSTEM_IO)
			return (u32)addr;
	}
	return rd32(fadt + legacy);
}

/* The reset register's I/O port, if the FADT has a supported one there. */
static u32 acpi_fadt_reset_port(const u8 *fadt, u32 len)
{
	const u8 *g = fadt + FADT_RESET_REG;
	u64 addr;

	if (len < FADT_RESET_REG + GAS_LEN ||
	    !(rd32(fadt + FADT_FLAGS) & FADT_RESET_REG_SUP) ||
	    g[GAS_SPACE_ID] != GAS_SPACE_SYSTEM_IO)
		return 0;
	addr = rd64(g + GAS_ADDRESS);
	return addr <= 0xffff ? (u32)addr : 0;
}

/* A port block of the FADT: its port as acpi_fadt_port() chooses it and
 * the byte at @p len_off (0 if the table is too short for it). */
static struct acpi_ports acpi_fadt_block(const u8 *fadt, u32 len, u32 legacy,
					 u32 gas, u32 len_off)
{
	struct acpi_ports b = { 0, 0 };

	if (len < legacy + 4 || len <= len_off)
		return b;
	b.port = acpi_fadt_port(fadt, len, legacy, gas);
	b.len = b.port ? fadt[len_off] : 0;
	if (!b.len)
		b.port = 0;
	return b;
}

static int acpi_parse_fadt(const u8 *fadt, u32 len, struct acpi_info *info,
			   u64 *dsdt, struct bh_report *r)
{
	if (len < FADT_MIN_LEN) {
		bh_error(r, "ACPI: FADT length %u too short (need %u)",
			 len, FADT_MIN_LEN);
		return -1;
	}
	info->smi_cmd = rd32(fadt + FADT_SMI_CMD);
	info->acpi_enable = fadt[FADT_ACPI_ENABLE];
	info->pm1a_cnt = acpi_fadt_port(fadt, len, FADT_PM1A_CNT,
					FADT_X_PM1A_CNT);
	info->pm1b_cnt = acpi_fadt_port(fadt, len, FADT_PM1B_CNT,
					FADT_X_PM1B_CNT);
	info->pm1_cnt_len = PM1_CNT_MIN_LEN;
	if (len > FADT_PM1_CNT_LEN && fadt[FADT_PM1_CNT_LEN] > PM1_CNT_MIN_LEN)
		info->pm1_cnt_len = fadt[FADT_PM1_CNT_LEN];
	info->reset_port = acpi_fadt_reset_port(fadt, len);
	info->pm_timer_port = acpi_fadt_port(fadt, len, FADT_PM_TMR,
					     FADT_X_PM_TMR);
	info->pm1a_evt = acpi_fadt_block(fadt, len, FADT_PM1A_EVT,
					 FADT_X_PM1A_EVT, FADT_PM1_EVT_LEN);
	info->pm1b_evt = acpi_fadt_block(fadt, len, FADT_PM1B_EVT,
					 FADT_X_PM1B_EVT, FADT_PM1_EVT_LEN);
	info->pm2_cnt = acpi_fadt_block(fadt, len, FADT_PM2_CNT,
					FADT_X_PM2_CNT, FADT_PM2_CNT_LEN);
	info->gpe0 = acpi_fadt_block(fadt, len, FADT_GPE0_BLK, FADT_X_GPE0,
				     FADT_GPE0_BLK_LEN);
	info->gpe1 = acpi_fadt_block(fadt, len, FADT_GPE1_BLK, FADT_X_GPE1,
				     FADT_GPE1_BLK_LEN);
	*dsdt = 0;
	if (len >= FADT_X_DSDT + 8)
		*dsdt = rd64(fadt + FADT_X_DSDT);
	if (!*dsdt)
		*dsdt = rd32(fadt + FADT_DSDT);
	return 0;
}

/* Map the DSDT (if the FADT names one) and look for \_S5 in it. */
static int acpi_parse_dsdt(const struct acpi_access *acc, u64 phys,
			   struct acpi_info *info, struct bh_report *r)
{
	const u8 *dsdt;
	u32 len;

	if (!phys)
		return 0;
	dsdt = acpi_map_table(acc, phys, "DSDT", &len, r);
	if (!dsdt)
		return -1;
	if (!acpi_find_s5(dsdt + ACPI_HDR_LEN, len - ACPI_HDR_LEN,
			  &info->slp_typa, &info->slp_typb))
		info->s5_valid = true;
	return 0;
}

/* The HPET's register block, if in system memory. */
static void acpi_parse_hpet(const u8 *t, u32 len, struct acpi_info *info)
{
	if (t && len >= HPET_BASE + GAS_LEN &&
	    t[HPET_BASE + GAS_SPACE_ID] == GAS_SPACE_SYSTEM_MEMORY)
		info->hpet_address = rd64(t + HPET_BASE + GAS_ADDRESS);
}

static int acpi_parse_mcfg(const u8 *t, u32 len, struct acpi_info *info,
			   struct bh_report *r)
{
	u32 off;

	for (off = MCFG_ENTRIES; t && off + MCFG_ENTRY_LEN <= len;
	     off += MCFG_ENTRY_LEN) {
		struct acpi_mcfg *m = &info->mcfg[info->num_mcfg];

		if (info->num_mcfg == ACPI_MAX_MCFG) {
			bh_error(r, "ACPI: MCFG has more than %u allocations",
				 ACPI_MAX_MCFG);
			return -1;
		}
		m->base = rd64(t + off);
		m->segment = (u16)rd_le(t + off + 8, 2);
		m->start_bus = t[off + 10];
		m->end_bus = t[off + 11];
		if (m->end_bus < m->start_bus) {
			bh_error(r, "ACPI: MCFG allocation %u: buses %u-%u",
				 info->num_mcfg, m->start_bus, m->end_bus);
			return -1;
		}
		info->num_mcfg++;
	}
	return 0;
}

/* Record that unit @p iommu translates functions [@p first, @p last],
 * extending the previous range where they are adjacent. */
static int ivrs_add_range(struct acpi_ivrs *ivrs, u16 first, u16 last,
			  u8 iommu, struct bh_report *r)
{
	struct acpi_ivrs_range *prev = ivrs->num_ranges ?
		&ivrs->ranges[ivrs->num_ranges - 1] : NULL;

	if (last < first) {
		bh_error(r, "ACPI: IVRS device range %04x-%04x runs backwards",
			 first, last);
		return -1;
	}
	if (prev && prev->iommu == iommu && prev->last < 0xffff &&
	    prev->last + 1 == first) {
		prev->last = last;
		return 0;
	}
	if (ivrs->num_ranges == ACPI_MAX_IVRS_RANGES) {
		bh_error(r, "ACPI: IVRS has more than %u device ranges",
			 ACPI_MAX_IVRS_RANGES);
		return -1;
	}
	ivrs->ranges[ivrs->num_ranges++] = (struct acpi_ivrs_range){
		.first = first, .last = last, .iommu = iommu };
	return 0;
}

static int ivrs_add_alias(struct acpi_ivrs *ivrs, u16 first, u16 last,
			  u16 alias, u8 iommu, struct bh_report *r)
{
	if (last < first) {
		bh_error(r, "ACPI: IVRS alias range %04x-%04x runs backwards",
			 first, last);
		return -1;
	}
	if (ivrs->num_aliases == ACPI_MAX_IVRS_ALIASES) {
		bh_error(r, "ACPI: IVRS has more than %u aliases",
			 ACPI_MAX_IVRS_ALIASES);
		return -1;
	}
	ivrs->aliases[ivrs->num_aliases++] = (struct acpi_ivrs_alias){
		.first = first, .last = last, .alias = alias, .iommu = iommu };
	return ivrs_add_range(ivrs, first, last, iommu, r) ||
	       ivrs_add_range(ivrs, alias, alias, iommu, r) ? -1 : 0;
}

/* Bytes of the device entry at @p e (@p avail bytes left in its block),
 * 0 if its type has no known length. */
static u32 ivde_len(const u8 *e, u32 avail)
{
	if (e[0] == IVDE_ACPI_HID)
		return avail > 21 ? IVDE_ACPI_HID_LEN + e[21] : IVDE_ACPI_HID_LEN;
	if (e[0] < 0x80)
		return 4u << (e[0] >> 6);
	return 0;
}

/* The device entries of IVHD @p iommu, [@p e, @p end). */
static int ivrs_parse_entries(const u8 *e, const u8 *end, u8 iommu,
			      struct acpi_ivrs *ivrs, struct bh_report *r)
{
	while (e < end) {
		u32 avail = (u32)(end - e), len = ivde_len(e, avail);
		u16 devid;
		int err = 0;

		if (!len) {
			bh_error(r, "ACPI: IVRS IVHD %u: device entry type "
				 "0x%02x of unknown length", iommu, e[0]);
			return -1;
		}
		if (len > avail) {
			bh_error(r, "ACPI: IVRS IVHD %u: device entry type "
				 "0x%02x runs past its block", iommu, e[0]);
			return -1;
		}
		devid = (u16)rd_le(e + IVDE_DEVID, 2);
		switch (e[0]) {
		case IVDE_ALL:
			err = ivrs_add_range(ivrs, 0, 0xffff, iommu, r);
			break;
		case IVDE_SELECT:
		case IVDE_EXT_SELECT:
		case IVDE_ACPI_HID:
			err = ivrs_add_range(ivrs, devid, devid, iommu, r);
			break;
		case IVDE_ALIAS_SELECT:
			err = ivrs_add_alias(ivrs, devid, devid,
					     (u16)rd_le(e + IVDE_ALIAS_SOURCE, 2),
					     iommu, r);
			break;
		case IVDE_RANGE_START:
		case IVDE_ALIAS_RANGE:
		case IVDE_EXT_RANGE: {
			const u8 *stop = e + len;
			u16 last;

			if ((u32)(end - stop) < 4 || stop[0] != IVDE_RANGE_END) {
				bh_error(r, "ACPI: IVRS IVHD %u: device range "
					 "start %04x without its end", iommu,
					 devid);
				return -1;
			}
			last = (u16)rd_le(stop + IVDE_DEVID, 2);
			if (e[0] == IVDE_ALIAS_RANGE)
				err = ivrs_add_alias(ivrs, devid, last,
						(u16)rd_le(e + IVDE_ALIAS_SOURCE,
							   2), iommu, r);
			else
				err = ivrs_add_range(ivrs, devid, last, iommu,
						     r);
			len += 4;
			break;
		}
		case IVDE_RANGE_END:
			bh_error(r, "ACPI: IVRS IVHD %u: device range end %04x "
				 "without its start", iommu, devid);
			return -1;
		case IVDE_SPECIAL:
			if (ivrs->num_specials == ACPI_MAX_IVRS_SPECIALS) {
				bh_error(r, "ACPI: IVRS has more than %u special "
					 "devices", ACPI_MAX_IVRS_SPECIALS);
				return -1;
			}
			ivrs->specials[ivrs->num_specials++] =
				(struct acpi_ivrs_special){
				.devid = (u16)rd_le(e + IVDE_SPECIAL_DEVID, 2),
				.handle = e[IVDE_SPECIAL_HANDLE],
				.variety = e[IVDE_SPECIAL_VARIETY],
				.iommu = iommu };
			break;
		default:	/* padding and reserved types of known size */
			break;
		}
		if (err)
			return -1;
		e += len;
	}
	return 0;
}

static int ivrs_parse_ivhd(const u8 *b, u32 len, struct acpi_ivrs *ivrs,
			   struct bh_report *r)
{
	u32 hdr = b[0] == IVHD_TYPE_LEGACY ? IVHD_ENTRIES_LEGACY :
					     IVHD_ENTRIES_EFR;
	struct acpi_iommu *u;
	u8 index;

	if (len < hdr) {
		bh_error(r, "ACPI: IVRS IVHD type 0x%02x of %u bytes, shorter "
			 "than its %u-byte header", b[0], len, hdr);
		return -1;
	}
	if (rd_le(b + IVHD_SEGMENT, 2))
		return 0;	/* only segment 0 is supported */
	if (ivrs->num_iommus == ACPI_MAX_IOMMUS) {
		bh_error(r, "ACPI: IVRS describes more than %u IOMMUs",
			 ACPI_MAX_IOMMUS);
		return -1;
	}
	index = (u8)ivrs->num_iommus++;
	u = &ivrs->iommus[index];
	u->type = b[0];
	u->flags = b[1];
	u->devid = (u16)rd_le(b + IVHD_DEVID, 2);
	u->cap_offset = (u16)rd_le(b + IVHD_CAP, 2);
	u->base = rd64(b + IVHD_BASE);
	u->info = (u16)rd_le(b + IVHD_INFO, 2);
	u->attr = rd32(b + IVHD_ATTR);
	u->efr = b[0] == IVHD_TYPE_LEGACY ? 0 : rd64(b + IVHD_EFR);
	return ivrs_parse_entries(b + hdr, b + len, index, ivrs, r);
}

static int ivrs_parse_ivmd(const u8 *b, u32 len, struct acpi_ivrs *ivrs,
			   struct bh_report *r)
{
	struct acpi_ivrs_ivmd *m;
	u16 devid = (u16)rd_le(b + IVMD_DEVID, 2);

	if (len < IVMD_LEN) {
		bh_error(r, "ACPI: IVRS IVMD type 0x%02x of %u bytes, shorter "
			 "than %u", b[0], len, IVMD_LEN);
		return -1;
	}
	if (ivrs->num_ivmds == ACPI_MAX_IVRS_IVMDS) {
		bh_error(r, "ACPI: IVRS has more than %u IVMD blocks",
			 ACPI_MAX_IVRS_IVMDS);
		return -1;
	}
	m = &ivrs->ivmds[ivrs->num_ivmds++];
	m->type = b[0];
	m->flags = b[1];
	m->start = rd64(b + IVMD_START);
	m->length = rd64(b + IVMD_LENGTH);
	m->first = b[0] == IVMD_TYPE_ALL ? 0 : devid;
	m->last = b[0] == IVMD_TYPE_ALL ? 0xffff :
		  b[0] == IVMD_TYPE_RANGE ? (u16)rd_le(b + IVMD_AUX, 2) : devid;
	if (m->last < m->first) {
		bh_error(r, "ACPI: IVRS IVMD for functions %04x-%04x runs "
			 "backwards", m->first, m->last);
		return -1;
	}
	return 0;
}

/* Walk the blocks after the header, calling each block of @p type (or
 * every IVMD if @p type is 0) and checking every block's length. With
 * @p best set, only find the highest IVHD type present. */
static int ivrs_blocks(const u8 *t, u32 len, u8 type, u8 *best,
		       struct acpi_ivrs *ivrs, struct bh_report *r)
{
	u32 off, blen;

	for (off = IVRS_BLOCKS; off < len; off += blen) {
		const u8 *b = t + off;

		if (len - off < IVRS_BLOCK_HDR) {
			bh_error(r, "ACPI: IVRS block at offset %u truncated",
				 off);
			return -1;
		}
		blen = (u32)rd_le(b + 2, 2);
		if (blen < IVRS_BLOCK_HDR || blen > len - off) {
			bh_error(r, "ACPI: IVRS block type 0x%02x at offset %u "
				 "has length %u (%u bytes left)", b[0], off,
				 blen, len - off);
			return -1;
		}
		if (best) {
			if ((b[0] == IVHD_TYPE_LEGACY ||
			     b[0] == IVHD_TYPE_EFR ||
			     b[0] == IVHD_TYPE_ACPI) && b[0] > *best)
				*best = b[0];
		} else if (type && b[0] == type) {
			if (ivrs_parse_ivhd(b, blen, ivrs, r))
				return -1;
		} else if (!type && b[0] >= IVMD_TYPE_ALL &&
			   b[0] <= IVMD_TYPE_RANGE) {
			if (ivrs_parse_ivmd(b, blen, ivrs, r))
				return -1;
		}
	}
	return 0;
}

int acpi_parse_ivrs(const u8 *t, u32 len, struct acpi_ivrs *ivrs,
		    struct bh_report *r)
{
	u8 type = 0;

	memset(ivrs, 0, sizeof(*ivrs));
	if (len < IVRS_BLOCKS) {
		bh_error(r, "ACPI: IVRS of %u bytes, shorter than its "
			 "%u-byte header", len, IVRS_BLOCKS);
		return -1;
	}
	ivrs->ivinfo = rd32(t + IVRS_IVINFO);
	if (ivrs_blocks(t, len, 0, &type, ivrs, r))
		return -1;
	if (type && ivrs_blocks(t, len, type, NULL, ivrs, r))
		return -1;
	return ivrs_blocks(t, len, 0, NULL, ivrs, r);
}

int acpi_ivrs_unit_of(const struct acpi_ivrs *ivrs, u16 bdf, u16 *requester)
{
	u32 i;

	for (i = 0; i < ivrs->num_aliases; i++) {
		const struct acpi_ivrs_alias *a = &ivrs->aliases[i];

		if (bdf >= a->first && bdf <= a->last) {
			*requester = a->alias;
			return a->iommu;
		}
	}
	for (i = 0; i < ivrs->num_ranges; i++) {
		const struct acpi_ivrs_range *g = &ivrs->ranges[i];

		if (bdf >= g->first && bdf <= g->last) {
			*requester = bdf;
			return g->iommu;
		}
	}
	return -1;
}

int acpi_parse(const struct acpi_access *acc, u64 rsdp_phys,
	       struct acpi_info *info, struct bh_report *r)
{
	struct acpi_root root;
	const u8 *t;
	u32 len;
	u64 dsdt;

	memset(info, 0, sizeof(*info));
	if (acpi_open_rsdp(acc, rsdp_phys, &root, r))
		return -1;

	t = acpi_find_table(acc, &root, "APIC", "MADT (APIC)", &len, true, r);
	if (!t || acpi_parse_madt(t, len, info, r))
		return -1;

	t = acpi_find_table(acc, &root, "FACP", "FADT (FACP)", &len, true, r);
	if (!t || acpi_parse_fadt(t, len, info, &dsdt, r))
		return -1;

	if (acpi_optional_table(acc, &root, "HPET", &t, &len, r))
		return -1;
	acpi_parse_hpet(t, len, info);
	if (acpi_optional_table(acc, &root, "MCFG", &t, &len, r) ||
	    acpi_parse_mcfg(t, len, info, r))
		return -1;
	if (acpi_optional_table(acc, &root, "IVRS", &t, &len, r) ||
	    (t && acpi_parse_ivrs(t, len, &info->ivrs, r)))
		return -1;

	return acpi_parse_dsdt(acc, dsdt, info, r);
}

/*
 * Decode a PkgLength at @p (at most @avail bytes): the top two bits of the
 * lead byte count the bytes that follow. With none, bits 0-5 are the
 * length; otherwise bits 0-3 are its low nibble and each following byte
 * adds 8 more bits. The length counts the PkgLength bytes themselves.
 */
static int aml_pkg_length(const u8 *p, u32 avail, u32 *len, u32 *nbytes)
{
	u32 count, v;

	if (!avail)
		return -1;
	count = p[0] >> 6;
	if (count + 1 > avail)
		return -1;
	if (!count) {
		v = p[0] & 0x3f;
	} else {
		u32 i;

		v = p[0] & 0x0f;
		for (i = 0; i < count; i++)
			v |= (u32)p[1 + i] << (4 + 8 * i);
	}
	*len = v;
	*nbytes = count + 1;
	return 0;
}

/* Read an integer constant term at p[*pos], staying below @end. */
static int aml_integer(const u8 *p, u32 end, u32 *pos, u64 *val)
{
	u32 size;

	if (*pos >= end)
		return -1;
	switch (p[(*pos)++]) {
	case AML_ZERO_OP:
		*val = 0;
		return 0;
	case AML_ONE_OP:
		*val = 1;
		return 0;
	case AML_ONES_OP:
		*val = ~0ull;
		return 0;
	case AML_BYTE_PREFIX:
		size = 1;
		break;
	case AML_WORD_PREFIX:
		size = 2;
		break;
	case AML_DWORD_PREFIX:
		size = 4;
		break;
	case AML_QWORD_PREFIX:
		size = 8;
		break;
	default:
		return -1;
	}
	if (size > end - *pos)
		return -1;
	*val = rd_le(p + *pos, size);
	*pos += size;
	return 0;
}

/* Parse `PackageOp PkgLength NumElements a b ...` at @p (@len bytes). */
static int aml_s5_package(const u8 *p, u32 len, u8 *slp_typa, u8 *slp_typb)
{
	u32 pkglen, nbytes, end, pos = 1;
	u64 a, b;
	u8 count;

	if (len < 1 || p[0] != AML_PACKAGE_OP)
		return -1;
	if (aml_pkg_length(p + pos, len - pos, &pkglen, &nbytes))
		return -1;
	if (pkglen < nbytes || pkglen > len - pos)
		return -1;
	end = pos + pkglen;
	pos += nbytes;
	if (pos >= end)
		return -1;
	count = p[pos++];
	if (!count || aml_integer(p, end, &pos, &a))
		return -1;
	if (count == 1) {
		b = a >> 8;
	} else if (aml_integer(p, end, &pos, &b)) {
		return -1;
	}
	*slp_typa = (u8)a;
	*slp_typb = (u8)b;
	return 0;
}

/* Is the name segment at aml[i] the object of a NameOp? */
static bool aml_named_here(const u8 *aml, u32 i)
{
	if (i >= 1 && aml[i - 1] == AML_NAME_OP)
		return true;
	return i >= 2 && aml[i - 1] == AML_ROOT_PREFIX &&
	       aml[i - 2] == AML_NAME_OP;
}

int acpi_find_s5(const u8 *aml, u32 len, u8 *slp_typa, u8 *slp_typb)
{
	u32 i;

	for (i = 1; len >= 4 && i <= len - 4; i++) {
		if (memcmp(aml + i, "_S5_", 4) || !aml_named_here(aml, i))
			continue;
		if (!aml_s5_package(aml + i + 4, len - i - 4, slp_typa,
				    slp_typb))
			return 0;
	}
	return -1;
}
