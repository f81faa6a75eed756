/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The AMD IOMMU's in-memory formats, as the AMD I/O Virtualization
 * Technology (IOMMU) Specification (rev. 3.x, "Data Structures") lays
 * them out: I/O page tables (host translation, 4 levels), device-table
 * entries, commands and event-log entries. Pure logic over a page
 * allocator given by the caller, so that the host unit tests run it on
 * ordinary memory; the driver is amd_iommu.c.
 */
#ifndef BULKHEAD_IOMMU_TABLES_H
#define BULKHEAD_IOMMU_TABLES_H

#include <bulkhead/types.h>

#include "npt.h"	/* struct pt_alloc */

/** Levels of the I/O page tables (DTE paging mode 4: 48-bit addresses). */
#define IOPT_LEVELS		4
/** First address the tables cannot map (beyond paging mode 4). */
#define IOPT_LIMIT		(1ULL << 48)

/* Page-table entry bits. */
#define IOPTE_PR		(1ULL << 0)
#define IOPTE_NEXT_SHIFT	9	/**< NextLevel, bits 11:9 */
#define IOPTE_NEXT_MASK		(7ULL << IOPTE_NEXT_SHIFT)
#define IOPTE_ADDR_MASK		0x000ffffffffff000ULL
#define IOPTE_IR		(1ULL << 61)
#define IOPTE_IW		(1ULL << 62)

/**
 * Map I/O virtual [@p iova, @p iova + @p size) to host-physical @p hpa,
 * readable by devices and writable if @p write, under @p root (a zeroed
 * page from @p a). 2 MiB pages where both addresses and the size allow.
 * Every non-leaf entry allows reads and writes (the IOMMU takes the
 * intersection of the rights along the walk; the leaf decides).
 * @return 0, -1 if the allocator ran dry, -2 if a page is already mapped,
 * -3 for misaligned arguments or addresses at or beyond IOPT_LIMIT.
 */
int iopt_map(const struct pt_alloc *a, u64 *root, u64 iova, u64 hpa,
	     u64 size, bool write);

/**
 * Walk @p root for @p iova as the IOMMU does: NextLevel 0 ends the walk
 * (a leaf, larger than 4 KiB above level 1), otherwise it must be the
 * level below.
 * @return the leaf entry with *@p hpa the translated address, or 0 if
 * the walk meets a non-present or malformed entry.
 */
u64 iopt_lookup(const struct pt_alloc *a, const u64 *root, u64 iova,
		u64 *hpa);

/** A device-table entry: 256 bits. */
struct iommu_dte {
	u64 q[4];
};

/* Device-table entry fields. */
#define DTE_V			(1ULL << 0)	/* q0 */
#define DTE_TV			(1ULL << 1)
#define DTE_MODE_SHIFT		9
#define DTE_IR			(1ULL << 61)
#define DTE_IW			(1ULL << 62)
#define DTE_DOMAIN_MASK		0xffffULL	/* q1 */
#define DTE_IV			(1ULL << 0)	/* q2 */
#define DTE_INTCTL_SHIFT	60		/* q2: 00 abort, 10 remap */

/**
 * The entry of a function no running cell owns: valid, translation valid
 * with paging mode 0 and neither read nor write right (every DMA is
 * target-aborted), interrupt remapping valid with IntCtl 00b and none of
 * the pass bits (every interrupt is aborted), port I/O and system
 * management requests aborted (IoCtl, SysMgt 0).
 */
void iommu_dte_blocked(struct iommu_dte *d);

/**
 * The entry of a function whose DMA goes through the I/O page tables at
 * @p root_phys (IOPT_LEVELS levels) of domain @p domain: read and write
 * as the tables say. Interrupts: not remapped (IV 0: they pass as the
 * function sends them) when @p irt_phys is 0, else remapped through the
 * table of 2^@p irt_order entries there (IntCtl 10b), with NMI, INIT,
 * ExtINT, LINT0/1 never passing.
 */
void iommu_dte_translated(struct iommu_dte *d, u64 root_phys, u16 domain,
			  u64 irt_phys, unsigned int irt_order);

/**
 * An interrupt remapping table: the entry of an interrupt request is
 * the one its MSI data bits 10:0 index. Always the most entries a table
 * can have (IntTabLen 11), so that no index a device sends falls beyond
 * the table (QEMU does not check IntTabLen).
 */
#define IRT_ORDER		11
#define IRT_ENTRIES		(1u << IRT_ORDER)

/* 32-bit entry (GuestMode 0) fields. */
#define IRTE_REMAP_EN		(1u << 0)
#define IRTE_SUP_IOPF		(1u << 1)
#define IRTE_INT_TYPE_SHIFT	2		/* 000 fixed, 001 arbitrated */
#define IRTE_RQ_EOI		(1u << 5)
#define IRTE_DM			(1u << 6)	/* logical destination */
#define IRTE_GUEST_MODE		(1u << 7)
#define IRTE_DEST_SHIFT		8		/* bits 15:8 */
#define IRTE_VECTOR_SHIFT	16		/* bits 23:16 */

/**
 * The 32-bit entry that delivers @p vector, fixed, edge, to the CPU
 * with (physical) APIC ID @p apic_id: remapping enabled, faults
 * reported, no guest mode. The format has 8 destination bits.
 */
u32 iommu_irte_fixed(u8 vector, u8 apic_id);

/** A command: 128 bits. */
struct iommu_cmd {
	u64 q[2];
};

/** COMPLETION_WAIT storing @p data at @p store_phys (8-byte aligned). */
void iommu_cmd_completion_wait(struct iommu_cmd *c, u64 store_phys,
			       u64 data);
/** INVALIDATE_DEVTAB_ENTRY for requester @p devid. */
void iommu_cmd_inv_dte(struct iommu_cmd *c, u16 devid);
/** INVALIDATE_IOMMU_PAGES: every page of @p domain, page directories too. */
void iommu_cmd_inv_domain(struct iommu_cmd *c, u16 domain);
/** INVALIDATE_IOMMU_ALL (where EFR.IASup says the unit has it). */
void iommu_cmd_inv_all(struct iommu_cmd *c);
/** INVALIDATE_INTERRUPT_TABLE of requester @p devid. */
void iommu_cmd_inv_irt(struct iommu_cmd *c, u16 devid);

/** An event-log entry, decoded. */
struct iommu_event {
	u8 code;		/**< EVENT_* */
	u16 devid;		/**< requester */
	u16 domain;		/**< IO_PAGE_FAULT: the DTE's domain */
	u16 flags;		/**< bits 59:48 of the first quadword */
	u64 address;
};

#define EVENT_ILLEGAL_DTE	0x1
#define EVENT_IO_PAGE_FAULT	0x2
#define EVENT_DEV_TAB_HW_ERROR	0x3
#define EVENT_PAGE_TAB_HW_ERROR	0x4
#define EVENT_ILLEGAL_COMMAND	0x5
#define EVENT_COMMAND_HW_ERROR	0x6
#define EVENT_IOTLB_INV_TIMEOUT	0x7
#define EVENT_INVALID_DEV_REQ	0x8

/* IO_PAGE_FAULT flags (bits of iommu_event.flags). */
#define EVENT_FLAG_INTERRUPT	(1u << 3)	/**< I: an interrupt request */
#define EVENT_FLAG_PRESENT	(1u << 4)	/**< PR: the page was present */
#define EVENT_FLAG_WRITE	(1u << 5)	/**< RW: a write */
#define EVENT_FLAG_PERMISSION	(1u << 6)	/**< PE: rights refused it */

/** Decode the 128-bit log entry @p raw. */
void iommu_event_decode(const u64 raw[2], struct iommu_event *e);
/** Encode @p e as the unit writes it into its log (the inverse of
 * iommu_event_decode(); for test builds that log as a unit would). */
void iommu_event_encode(const struct iommu_event *e, u64 raw[2]);

/** Bits of the Event Log Head and Tail registers that hold the offset. */
#define EVENT_PTR_MASK		0x7fff0u

/**
 * The entries of the event log @p log (@p bytes long, whole entries)
 * from offset @p head up to offset @p tail, as the Event Log Head and
 * Tail registers give them (the unit writes an entry, then moves the
 * tail; the log wraps): each decoded and given to @p fn, in order.
 * @return the new head (@p tail), or @p head if either offset is not at
 * an entry within the log (a unit that misbehaves: nothing is read).
 */
u32 iommu_events_drain(const u64 *log, u32 bytes, u32 head, u32 tail,
		       void (*fn)(void *ctx, const struct iommu_event *e),
		       void *ctx);
/** A name for event @p code ("event type 0x.." territory: "unknown"). */
const char *iommu_event_name(u8 code);

struct acpi_ivrs_ivmd;
struct bh_memory;

/**
 * Whether a cell with the @p n memory regions @p mem gives its function
 * @p bdf what the firmware's IVMD block @p m asks for it. A block for
 * other functions, or asking neither a unity mapping nor an exclusion
 * range, asks nothing. Else every page of its range must be mapped one
 * to one (guest address = host address) by the cell's BH_MEM_DMA
 * regions, writable where the block lets devices write (IW) or is an
 * exclusion range (untranslated: read and written alike): the cell's
 * I/O page tables are all its devices reach (no exclusion range is
 * programmed), and they map only its DMA regions, readable always. A
 * range that wraps around is never met.
 */
bool iommu_ivmd_met(const struct acpi_ivrs_ivmd *m, u16 bdf,
		    const struct bh_memory *mem, u32 n);

#endif
