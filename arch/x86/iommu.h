/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The AMD IOMMU driver (Documentation/iommu.md): every function's DMA goes
 * through its cell's I/O page tables while the cell runs, and nowhere
 * otherwise; its interrupts through a remapping table the hypervisor
 * writes. The core's side is the arch_dma_*() hooks of core/cell.h.
 */
#ifndef BULKHEAD_IOMMU_H
#define BULKHEAD_IOMMU_H

#include <bulkhead/types.h>

struct cell;
struct msi_msg;

/** Bytes of an IOMMU's registers; more with performance counters. */
#define IOMMU_MMIO_SIZE		0x4000ULL
#define IOMMU_MMIO_SIZE_PC	0x80000ULL
/** EFR.PCSup: the unit has performance counters. */
#define IOMMU_EFR_PC		(1ULL << 9)

/**
 * Take the IOMMUs the ACPI IVRS describes (platform_acpi()): a device
 * table in hypervisor memory in which every requester is blocked (no
 * DMA, no interrupts) but the IOAPICs' interrupts, a command buffer and
 * an event log for each, then enable them. Without an IVRS nothing is
 * done and the console says that DMA cannot be confined.
 * @return 0, or -1 after printing why (the boot stops).
 */
int iommu_init(void);

/** Whether IOMMUs were taken (iommu_init()). */
bool iommu_present(void);

/**
 * Build @p c's I/O page tables from its memory regions marked BH_MEM_DMA
 * (guest-physical to host-physical, writable where the region is), if
 * there is an IOMMU. @return 0, or -1 after printing why.
 */
int iommu_cell_init(struct cell *c);

/**
 * Remap interrupts [@p index, @p index + @p vectors) of function @p bdf
 * as the approved message @p m says (msi_decide(): one CPU, physical,
 * fixed, its first vector), and turn @p m into the message the function
 * gets: the interrupt window with the index as data. With @p m NULL the
 * entries are invalidated (a message refused). A function without a
 * remapping table (no IOMMU) is left alone and @p m as it is.
 * @return 0, or -1 if the entries lie beyond the table.
 */
int iommu_msi_remap(u16 bdf, u32 index, u32 vectors, struct msi_msg *m);


#endif
