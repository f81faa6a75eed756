/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * PCI functions owned by cells (Documentation/pci.md). At boot the
 * hypervisor learns every function a cell config names from the hardware
 * (pci_probe(): its IDs against the config, its BARs as the firmware
 * assigned them, its capabilities) and refuses to go on if one is not
 * there, is another device, or has a BAR that meets anything else; then
 * each cell gets its functions' BARs mapped at their own addresses and
 * its configuration accesses mediated (pci_cell_init()), on both paths:
 * the ECAM window and ports 0xcf8/0xcfc, and the pages of an MSI-X table
 * trapped. What a cell may do to a
 * function it owns is core/lib/pci_cfg.c's decision; a function it does
 * not own reads as all ones, and a write to it is dropped and counted.
 * A stopped cell's functions are quiesced (pci_cell_quiesce()), a
 * restarted one's reset (pci_cell_reset()).
 */
#ifndef BULKHEAD_PCI_H
#define BULKHEAD_PCI_H

#include <bulkhead/config.h>
#include "pci_cfg.h"
#include "spinlock.h"

/** Configuration mechanism #1: address port 0xcf8, data ports 0xcfc-0xcff
 * (port 0xcf9 alone is the reset control register, not theirs). */
#define PCI_CONFIG_PORTS	0xcf8
#define PCI_CONFIG_PORTS_LEN	8

struct bh_config_set;
struct bh_handoff;
struct bh_machine_range;
struct bh_report;
struct cell;

/** A function a cell owns, as the hypervisor keeps it. */
struct pci_device {
	const struct bh_pci_device *cfg;	/**< its entry, in the image */
	u32 cell;		/**< index of the owning cell */
	u32 index;		/**< of the entry in that cell's config */
	char name[16];		/**< "dddd:bb:dd.f" */
	struct pci_cfg_hw hw;	/**< its configuration space, by ECAM */
	struct pci_fn fn;	/**< what it is, and the cell's shadow */
	spinlock_t lock;	/**< for fn and the hardware's registers */
	/** MSI-X: the cell's view of the table (PCI_MSIX_ENTRY_DWORDS per
	 * vector), in hypervisor memory, and the hardware's table. */
	u32 *msix_shadow;
	volatile u32 *msix_hw;
	/** What the running cell was told once already. */
	bool master_reported, intx_reported;
	/** The reason of the last MSI or MSI-X message refused and told in
	 * this run, and how many were told (tell_refusal()). */
	char refused[128];
	u32 refusals_told;
	bool dma_confined;	/**< its DMA goes through the IOMMU */
};

/**
 * Learn every function the cells of @p set own from the hardware, and
 * check each against its config and its BARs against everything a cell
 * must not get (bh_config_check_bars(): the @p n machine ranges
 * @p ranges, the firmware's memory map in @p ho). Each function is left
 * quiesced (no decoding, no bus mastering, no MSI).
 * @return 0, or the number of errors reported through @p r.
 */
int pci_probe(const struct bh_config_set *set, const struct bh_handoff *ho,
	      const struct bh_machine_range *ranges, u32 n,
	      struct bh_report *r);

/** Give @p c its functions: their BARs mapped (memory) or opened (ports)
 * at the firmware's addresses, and the ECAM window mediated.
 * @return 0, or -1 after printing why. */
int pci_cell_init(struct cell *c);

/** Stop @p c's functions: MSI disabled, decoding, bus mastering and INTx
 * off (command register: INTx disable alone). The cell's accesses are
 * dropped once it no longer runs. */
void pci_cell_quiesce(struct cell *c);

/** Reset @p c's functions for its next run (its CPUs parked): a function
 * level reset where the function offers one, the firmware's BARs written
 * back, quiesced, the cell's shadow reset. */
void pci_cell_reset(struct cell *c);

/**
 * An access of @p c to ports 0xcf8-0xcff (configuration mechanism #1) of
 * @p size bytes at @p port: *@p value is what is written, or gets what is
 * read (in its low @p size bytes).
 */
void pci_port_access(struct cell *c, u16 port, unsigned int size, bool in,
		     u32 *value);

#endif
