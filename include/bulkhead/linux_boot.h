/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Where a Linux cell's boot data lies, shared by the image builder, which
 * writes it, and the boot shim (inmates/linux/shim.c), which completes it
 * at run time and enters the kernel. Offsets into the zero page are the
 * Linux boot protocol's (Documentation/arch/x86/boot.rst, zero-page.rst);
 * the setup_data layout is SETUP_JAILHOUSE version 2.
 *
 * Guest-physical layout below 1 MiB (the cell's low RAM):
 *
 *   0x00000  boot shim (the cell's first blob, its reset address)
 *   0x80000  zero page (struct boot_params)
 *   0x81000  SETUP_JAILHOUSE setup_data node
 *   0x82000  kernel command line
 *   0xe0000  ACPI tables (RSDP first), an e820 ACPI range
 */
#ifndef BULKHEAD_LINUX_BOOT_H
#define BULKHEAD_LINUX_BOOT_H

#include <bulkhead/types.h>

#define BH_LINUX_PARAMS		0x80000ULL	/**< zero page */
#define BH_LINUX_SETUP_DATA	0x81000ULL
#define BH_LINUX_CMDLINE	0x82000ULL
#define BH_LINUX_PARAMS_SIZE	0x3000ULL	/**< the three pages */
#define BH_LINUX_ACPI		0xe0000ULL
#define BH_LINUX_ACPI_SIZE	0x20000ULL	/**< up to 1 MiB */
#define BH_LINUX_LOW_RAM_END	0xa0000ULL	/**< e820 RAM below the ACPI hole */

/** @name Zero-page offsets (boot protocol) */
/**@{*/
#define BP_ACPI_RSDP_ADDR	0x070	/**< u64 */
#define BP_EXT_RAMDISK_IMAGE	0x0c0	/**< u32 */
#define BP_EXT_RAMDISK_SIZE	0x0c4	/**< u32 */
#define BP_EXT_CMD_LINE_PTR	0x0c8	/**< u32 */
#define BP_E820_ENTRIES		0x1e8	/**< u8 */
#define BP_SENTINEL		0x1ef	/**< u8, must stay 0 */
#define BP_HDR			0x1f1	/**< setup header starts */
#define BP_SETUP_SECTS		0x1f1	/**< u8 */
#define BP_BOOT_FLAG		0x1fe	/**< u16, 0xaa55 */
#define BP_JUMP			0x200	/**< u16; its high byte + 0x202 ends the header */
#define BP_HEADER_MAGIC		0x202	/**< "HdrS" */
#define BP_VERSION		0x206	/**< u16 */
#define BP_TYPE_OF_LOADER	0x210	/**< u8 */
#define BP_LOADFLAGS		0x211	/**< u8 */
#define BP_CODE32_START		0x214	/**< u32 */
#define BP_RAMDISK_IMAGE	0x218	/**< u32 */
#define BP_RAMDISK_SIZE		0x21c	/**< u32 */
#define BP_CMD_LINE_PTR		0x228	/**< u32 */
#define BP_INITRD_ADDR_MAX	0x22c	/**< u32 */
#define BP_KERNEL_ALIGNMENT	0x230	/**< u32 */
#define BP_RELOCATABLE		0x234	/**< u8 */
#define BP_XLOADFLAGS		0x236	/**< u16 */
#define BP_CMDLINE_SIZE		0x238	/**< u32 */
#define BP_SETUP_DATA		0x250	/**< u64 */
#define BP_PREF_ADDRESS		0x258	/**< u64 */
#define BP_INIT_SIZE		0x260	/**< u32 */
#define BP_E820_TABLE		0x2d0	/**< 128 entries of 20 bytes */
#define BP_E820_MAX		128
#define XLF_KERNEL_64		(1U << 0)
#define LOADED_HIGH		(1U << 0)
/**@}*/

/** @name e820 types */
/**@{*/
#define E820_RAM	1
#define E820_RESERVED	2
#define E820_ACPI	3
/**@}*/

/** One e820 entry as the zero page holds it. */
struct bh_e820 {
	u64 addr;
	u64 size;
	u32 type;
} BH_PACKED;

#define SETUP_JAILHOUSE			6
#define JAILHOUSE_SETUP_VERSION		2
#define JAILHOUSE_SETUP_COMPATIBLE	1

/** The SETUP_JAILHOUSE node: generic header, then version 2 data. The
 * builder fills the static fields, the shim the run-time ones. */
struct bh_jailhouse_setup_data {
	u64 next;		/**< setup_data chain */
	u32 type;		/**< SETUP_JAILHOUSE */
	u32 len;		/**< bytes after this header: 284 */
	u16 version;		/**< 2 */
	u16 compatible_version;	/**< 1 */
	u16 pm_timer_address;	/**< run time */
	u16 num_cpus;		/**< run time */
	u64 pci_mmconfig_base;	/**< run time */
	u32 tsc_khz;		/**< run time */
	u32 apic_khz;		/**< run time */
	u8 standard_ioapic;	/**< the cell has the IOAPIC at 0xfec00000 */
	u8 cpu_ids[255];	/**< run time: APIC IDs */
	u32 flags;		/**< bit n: legacy UART n (0x3f8, 0x2f8, 0x3e8, 0x2e8) */
} BH_PACKED;

BH_STATIC_ASSERT(sizeof(struct bh_e820) == 20, "e820 layout");
BH_STATIC_ASSERT(sizeof(struct bh_jailhouse_setup_data) == 16 + 284,
		 "setup_data layout");
BH_STATIC_ASSERT(__builtin_offsetof(struct bh_jailhouse_setup_data,
				    standard_ioapic) == 0x28, "standard_ioapic");
BH_STATIC_ASSERT(__builtin_offsetof(struct bh_jailhouse_setup_data,
				    flags) == 0x128, "flags");

/** @name ACPI run-time fix-ups the shim makes */
/**@{*/
/** The MADT's local APIC entries list the cell's CPUs in logical order
 * with placeholder IDs; the shim writes the APIC IDs it sees at cell start
 * (and the IOAPIC's ID) and fixes the MADT checksum. */
#define BH_ACPI_MADT_SIGNATURE	"APIC"
/**@}*/

#endif
