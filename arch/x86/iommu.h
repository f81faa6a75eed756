/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The AMD IOMMU driver (Documentation/iommu.md): every function's DMA goes
 * through its cell's I/O page tables while the cell runs, and nowhere
 * otherwise. The core's side is the arch_dma_*() hooks of core/cell.h.
 */
#ifndef BULKHEAD_IOMMU_H
#define BULKHEAD_IOMMU_H

#include <bulkhead/types.h>

struct cell;

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

/** Print what the IOMMUs logged since the last call (faults, errors),
 * naming device and cell. Runs on any CPU. */
void iommu_poll_events(void);

#endif
