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
