/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The hand-off from the UEFI loader to the hypervisor.
 *
 * The loader calls the hypervisor's entry (bh_hv_header::entry) after
 * ExitBootServices with:
 * - 64-bit mode, interrupts disabled (IF = 0), the firmware's GDT, IDT,
 *   CR0, CR4 and EFER (the hypervisor replaces or sets what it needs);
 * - CR3 pointing to loader-built page tables that identity-map physical
 *   memory from 0 up to bh_handoff::identity_map_end with 2 MiB pages, and
 *   map the hypervisor memory at bh_hv_header::link_address;
 * - RDI holding the physical (= identity-mapped) address of a struct
 *   bh_handoff; RSP pointing to a small loader stack that the hypervisor
 *   must leave at once.
 * The hypervisor binary has been copied to the start of the hypervisor
 * memory and the rest of that memory zeroed. Every memory region of every
 * cell has been claimed from the firmware. All structures below, the
 * memory map and the system image lie in memory the loader allocated as
 * EfiLoaderData, outside the hypervisor memory.
 */
#ifndef BULKHEAD_HANDOFF_H
#define BULKHEAD_HANDOFF_H

#include <bulkhead/config.h>

#define BH_HANDOFF_MAGIC 0x46464f444e414842ULL	/**< "BHANDOFF" */
#define BH_HANDOFF_VERSION 2

/** Kind of a memory-map entry. */
enum bh_mem_type {
	BH_MEMMAP_USABLE = 1,		/**< free RAM after boot services */
	BH_MEMMAP_RESERVED = 2,		/**< firmware-reserved, MMIO, unusable */
	BH_MEMMAP_ACPI_RECLAIM = 3,	/**< ACPI tables */
	BH_MEMMAP_ACPI_NVS = 4,
	BH_MEMMAP_RUNTIME = 5,		/**< UEFI runtime services code/data */
	BH_MEMMAP_LOADER = 6,		/**< loader data: image, hand-off; also claimed cell RAM */
	BH_MEMMAP_PERSISTENT = 7,
};

/** One entry of the firmware's final memory map, converted. */
struct bh_memmap_entry {
	u64 base;
	u64 length;
	u32 type;	/**< enum bh_mem_type */
	u32 efi_type;	/**< the UEFI memory type it came from */
} BH_PACKED;

/** What the loader tells the hypervisor. */
struct bh_handoff {
	u64 magic;		/**< BH_HANDOFF_MAGIC */
	u32 version;		/**< BH_HANDOFF_VERSION */
	u32 loader_version;	/**< BH_LOADER_VERSION of the loader */
	u64 hv_phys;		/**< where the hypervisor memory starts */
	u64 hv_size;		/**< size of the hypervisor memory */
	u64 image_phys;		/**< the verified system image */
	u64 image_size;
	u64 acpi_rsdp;		/**< physical address of the ACPI RSDP, 0 if none */
	u64 memmap_phys;	/**< array of struct bh_memmap_entry */
	u32 memmap_entries;
	u32 reserved;
	u64 identity_map_end;	/**< end of the loader's identity mapping */
	u64 trampoline_phys;	/**< BH_TRAMPOLINE_SIZE bytes below 1 MiB,
				     page-aligned, for starting the other CPUs */
} BH_PACKED;

/** Size of the low-memory area the loader reserves for CPU start-up. */
#define BH_TRAMPOLINE_SIZE 0x1000

#endif
