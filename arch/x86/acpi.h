/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * ACPI table parser: finds the MADT and FADT through the RSDP and the XSDT
 * (ACPI 2.0+) or RSDT (ACPI 1.0), and collects what the hypervisor needs
 * to know about the machine: usable CPUs, IOAPICs, the local APIC base,
 * the PM1 control and PM timer ports, the reset register's port, the SMI
 * command port and the \_S5 sleep type values for powering off.
 *
 * The parser never dereferences a physical address itself. It reads
 * firmware memory only through a struct acpi_access, so the same code runs
 * in the hypervisor (identity map) and in host unit tests (a test buffer).
 * Every table it uses is length- and checksum-checked before it is read.
 */
#ifndef BULKHEAD_ARCH_X86_ACPI_H
#define BULKHEAD_ARCH_X86_ACPI_H

#include <bulkhead/acpi.h>

struct bh_report;

/** Most usable CPUs acpi_parse() accepts; more is an error. */
#define ACPI_MAX_CPUS 64
/** Most IOAPICs acpi_parse() accepts; more is an error. */
#define ACPI_MAX_IOAPICS 8
/** MCFG allocations (PCI segment groups' ECAM windows) recorded. */
#define ACPI_MAX_MCFG 4
/** AMD IOMMUs (IVRS IVHD blocks of the type used) recorded. */
#define ACPI_MAX_IOMMUS 8
/** IVRS device ranges recorded, after merging adjacent ones. */
#define ACPI_MAX_IVRS_RANGES 128
/** IVRS aliases (requester IDs a range of functions DMAs with). */
#define ACPI_MAX_IVRS_ALIASES 32
/** IVRS special devices (IOAPICs, HPETs) recorded. */
#define ACPI_MAX_IVRS_SPECIALS 16
/** IVRS memory definitions (IVMD blocks) recorded. */
#define ACPI_MAX_IVRS_IVMDS 16

/** How the parser reads physical memory. */
struct acpi_access {
	/**
	 * Return a pointer to @p len readable bytes at physical address
	 * @p phys, or NULL if that range cannot be read.
	 */
	const void *(*map)(void *ctx, u64 phys, u64 len);
	void *ctx;		/**< passed to @c map */
};

/** A usable CPU: enabled, or online-capable (MADT flags bit 0 or 1). */
struct acpi_cpu {
	u32 apic_id;		/**< local (x2)APIC id */
	u32 uid;		/**< ACPI processor UID */
	bool x2apic;		/**< listed by a local x2APIC entry (type 9) */
};

/** An IOAPIC from a MADT type 1 entry. */
struct acpi_ioapic {
	u32 id;			/**< IOAPIC id */
	u64 address;		/**< MMIO base */
	u32 gsi_base;		/**< first global system interrupt it serves */
};

/** What acpi_parse() found. */
/** An I/O port block from the FADT: port and bytes, 0 if absent. */
struct acpi_ports {
	u32 port;
	u32 len;
};

/** One MCFG allocation: the ECAM window of buses start_bus..end_bus. */
struct acpi_mcfg {
	u64 base;		/**< the ECAM address of bus 0 of the segment */
	u16 segment;
	u8 start_bus, end_bus;
};

/**
 * An AMD IOMMU from an IVRS IVHD block. When the table describes the same
 * units with several block types (type 0x10 for older software, 0x11 or
 * 0x40 for newer), only the blocks of the highest type the parser knows
 * are used, as the IVRS specification asks of software.
 */
struct acpi_iommu {
	u64 base;		/**< MMIO register base */
	u64 efr;		/**< EFR image (types 0x11/0x40), else 0 */
	u32 attr;		/**< IOMMU feature reporting / attributes */
	u16 devid;		/**< the IOMMU's own PCI function (BDF) */
	u16 cap_offset;		/**< its capability block in config space */
	u16 segment;		/**< PCI segment group */
	u16 info;		/**< IOMMU info: unit id, MSI number */
	u8 type;		/**< IVHD type: 0x10, 0x11 or 0x40 */
	u8 flags;		/**< IVHD flags (coherent, isoc, ...) */
};

/** Functions [first, last] (BDFs) of segment @c iommu's unit translates. */
struct acpi_ivrs_range {
	u16 first, last;
	u8 iommu;		/**< index into acpi_info.iommus */
};

/** Functions [first, last] reach their IOMMU with requester ID @c alias. */
struct acpi_ivrs_alias {
	u16 first, last, alias;
	u8 iommu;
};

/** IVRS special device variety: an IOAPIC or an HPET. */
#define ACPI_IVRS_SPECIAL_IOAPIC 1
#define ACPI_IVRS_SPECIAL_HPET	 2

/** A special device (IVHD entry 0x48): whose messages carry @c devid. */
struct acpi_ivrs_special {
	u16 devid;		/**< the requester ID of its messages */
	u8 handle;		/**< IOAPIC id or HPET number */
	u8 variety;		/**< ACPI_IVRS_SPECIAL_* */
	u8 iommu;
};

/* IVMD flags (the AMD IOMMU specification's "IVMD Flags"). */
#define ACPI_IVMD_UNITY		(1u << 0)	/**< map it one to one */
#define ACPI_IVMD_IR		(1u << 1)	/**< devices read it */
#define ACPI_IVMD_IW		(1u << 2)	/**< devices write it */
#define ACPI_IVMD_EXCLUSION	(1u << 3)	/**< untranslated, by the
						     exclusion registers */

/** An IVMD block: memory devices need mapped one to one, or excluded. */
struct acpi_ivrs_ivmd {
	u64 start, length;
	u16 first, last;	/**< the functions it is for (all: 0-0xffff) */
	u8 type;		/**< 0x20 all, 0x21 one, 0x22 a range */
	u8 flags;		/**< unity, IR, IW, exclusion range */
};

/** What the IVRS table says: zero units when there is none. */
struct acpi_ivrs {
	u32 ivinfo;		/**< IVinfo: EFRSup, PASize, VASize, ... */
	u32 num_iommus;
	struct acpi_iommu iommus[ACPI_MAX_IOMMUS];
	u32 num_ranges;
	struct acpi_ivrs_range ranges[ACPI_MAX_IVRS_RANGES];
	u32 num_aliases;
	struct acpi_ivrs_alias aliases[ACPI_MAX_IVRS_ALIASES];
	u32 num_specials;
	struct acpi_ivrs_special specials[ACPI_MAX_IVRS_SPECIALS];
	u32 num_ivmds;
	struct acpi_ivrs_ivmd ivmds[ACPI_MAX_IVRS_IVMDS];
};

struct acpi_info {
	/** Local APIC base from the MADT, overridden by a type 5 entry. */
	u64 lapic_address;
	u32 num_cpus;		/**< usable CPUs, in MADT order */
	struct acpi_cpu cpus[ACPI_MAX_CPUS];
	u32 num_ioapics;
	struct acpi_ioapic ioapics[ACPI_MAX_IOAPICS];
	/**
	 * PM1a/PM1b control block I/O ports, 0 if absent. X_PM1x_CNT_BLK is
	 * used when the FADT has it, its address is non-zero and it is in
	 * system I/O space; otherwise the 32-bit PM1x_CNT_BLK field.
	 */
	u32 pm1a_cnt, pm1b_cnt;
	/** Bytes of each PM1 control block: the FADT's PM1_CNT_LEN, at
	 * least 2 (the register's size). */
	u32 pm1_cnt_len;
	u32 pm_timer_port;	/**< PM timer I/O port, chosen like pm1a_cnt */
	/** The FADT's RESET_REG when the FADT has it, says it is supported
	 * (flag RESET_REG_SUP) and it is a non-zero system I/O port; 0 if
	 * not (a reset register in memory or PCI space is not recorded). */
	u32 reset_port;
	u32 smi_cmd;		/**< FADT SMI_CMD port, 0 if none */
	u8 acpi_enable;		/**< FADT ACPI_ENABLE value for smi_cmd */
	/** The FADT's PM1a/PM1b event blocks (PM1_EVT_LEN bytes each), PM2
	 * control block, GPE0 and GPE1 blocks, chosen like pm1a_cnt: what
	 * no cell may touch but one trusted with the machine. */
	struct acpi_ports pm1a_evt, pm1b_evt, pm2_cnt, gpe0, gpe1;
	/** HPET base from the HPET table (system memory), 0 if none. */
	u64 hpet_address;
	u32 num_mcfg;		/**< MCFG allocations, at most ACPI_MAX_MCFG */
	struct acpi_mcfg mcfg[ACPI_MAX_MCFG];
	struct acpi_ivrs ivrs;	/**< the AMD IOMMUs, if an IVRS is there */
	bool s5_valid;		/**< \_S5 found in the DSDT */
	u8 slp_typa, slp_typb;	/**< \_S5 SLP_TYPa/SLP_TYPb when s5_valid */
};

/**
 * Parse the ACPI tables reachable from the RSDP at @p rsdp_phys.
 *
 * Uses the XSDT when the RSDP revision is 2 or more and the XSDT address
 * is non-zero, else the RSDT. The MADT and FADT must be present; the DSDT
 * is scanned for \_S5, whose absence only leaves @c info->s5_valid false;
 * the HPET and MCFG tables are read if present (at most ACPI_MAX_MCFG
 * allocations: more is an error, as a window left out could be given to
 * a cell).
 *
 * @param acc	how to read physical memory
 * @param rsdp_phys physical address of the RSDP
 * @param info	filled in (zeroed first)
 * @param r	receives one message on failure
 * @return 0 on success, -1 on failure (after reporting through @p r)
 */
int acpi_parse(const struct acpi_access *acc, u64 rsdp_phys,
	       struct acpi_info *info, struct bh_report *r);

/**
 * Parse an IVRS table (header included) of @p len bytes, already length-
 * and checksum-checked, into @p ivrs (zeroed first). Only segment 0 and
 * IVHD types 0x10, 0x11 and 0x40 are known; of these the highest type
 * present is used and the others skipped, as are unknown block types (by
 * their length). Every block and device entry is bounds-checked; a range
 * start without its end, an entry that runs past its block, an unknown
 * fixed-length entry type in the 0x80-0xff class or more entries than the
 * limits above are errors. Adjacent device ranges of one unit are merged.
 *
 * @return 0, or -1 after reporting through @p r
 */
int acpi_parse_ivrs(const u8 *t, u32 len, struct acpi_ivrs *ivrs,
		    struct bh_report *r);

/**
 * The unit of @p ivrs that translates function @p bdf (segment 0), or -1
 * if no IVHD lists it; *@p requester receives the requester ID the
 * function's DMA carries there (its alias, or @p bdf itself).
 */
int acpi_ivrs_unit_of(const struct acpi_ivrs *ivrs, u16 bdf, u16 *requester);

/**
 * Find `Name (_S5, Package () { a, b, ... })` in an AML byte stream.
 *
 * Looks for NameOp, the name "_S5_" (optionally with a root prefix '\'),
 * PackageOp, a PkgLength of any of the four encodings and NumElements,
 * then reads the first two elements as integers (ZeroOp, OneOp, OnesOp or
 * a Byte/Word/DWord/QWord constant) and keeps their low bytes. A package
 * with a single element carries SLP_TYPa in bits 0-7 and SLP_TYPb in bits
 * 8-15 of it. Nothing is read outside [@p aml, @p aml + @p len).
 *
 * @param aml	AML bytes (a DSDT or SSDT body, after the table header)
 * @param len	bytes at @p aml
 * @param slp_typa set to SLP_TYPa when found
 * @param slp_typb set to SLP_TYPb when found
 * @return 0 when found, -1 when not (outputs untouched)
 */
int acpi_find_s5(const u8 *aml, u32 len, u8 *slp_typa, u8 *slp_typb);

#endif
