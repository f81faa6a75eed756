/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * PCI configuration space as a cell sees it for a function it owns: what
 * the hypervisor reads from the hardware, keeps in a shadow or drops.
 *
 * The hypervisor learns each function from the hardware at boot
 * (pci_fn_probe(): the header, the BARs as the firmware assigned them,
 * the capability list walked as the device gives it) and keeps what it
 * learnt in a struct pci_fn in its own memory. A cell's config access is
 * then decided here, field by field (pci_cfg_read(), pci_cfg_write()):
 *
 * - header registers that only affect the function itself are written
 *   through within their defined bits (command, status, cache line,
 *   latency, interrupt line); the bus-master bit only where the caller
 *   allows the function's DMA (pci_fn::master_allowed), INTx disable
 *   only where it allows INTx (pci_fn::intx_allowed), set otherwise;
 * - BARs are a shadow: sizing (all ones written, the size read back)
 *   works, a write never reaches the hardware, which keeps the firmware's
 *   assignment the cell is mapped for; the expansion ROM reads 0;
 * - MSI's control, address and data and MSI-X's control are a shadow the
 *   caller turns into a checked message (it is told by an event); MSI's
 *   mask bits are written through;
 * - power management (PMCSR) and PCI Express (device, link and device 2
 *   control, the status registers' write-one-to-clear bits) within their
 *   defined fields;
 * - everything else reads from the hardware and a write to it is
 *   dropped, reported once per register (an event the caller prints).
 *
 * The hardware is reached through struct pci_cfg_hw, so that the host's
 * unit test (tests/unit/test_pci_cfg.c) runs this on simulated devices.
 * Register offsets and bits are the PCI Local Bus 3.0 and PCI Express
 * Base specifications'.
 */
#ifndef BULKHEAD_PCI_CFG_H
#define BULKHEAD_PCI_CFG_H

#include <bulkhead/types.h>

/** @name Configuration space (type 0 header) */
/**@{*/
#define PCI_CFG_SIZE		4096	/**< a function's, by ECAM */
#define PCI_CFG_VENDOR_ID	0x00
#define PCI_CFG_DEVICE_ID	0x02
#define PCI_CFG_COMMAND		0x04
#define PCI_CFG_STATUS		0x06
#define PCI_CFG_CLASS_REV	0x08
#define PCI_CFG_CACHE_LINE	0x0c
#define PCI_CFG_LATENCY		0x0d
#define PCI_CFG_HEADER_TYPE	0x0e
#define PCI_CFG_BIST		0x0f
#define PCI_CFG_BAR0		0x10
#define PCI_CFG_ROM		0x30
#define PCI_CFG_CAP_PTR		0x34
#define PCI_CFG_INT_LINE	0x3c
#define PCI_CFG_INT_PIN		0x3d

#define PCI_CMD_IO		0x0001
#define PCI_CMD_MEM		0x0002
#define PCI_CMD_MASTER		0x0004
#define PCI_CMD_SPECIAL		0x0008
#define PCI_CMD_MWI		0x0010
#define PCI_CMD_VGA_SNOOP	0x0020
#define PCI_CMD_PARITY		0x0040
#define PCI_CMD_SERR		0x0100
#define PCI_CMD_FAST_B2B	0x0200
#define PCI_CMD_INTX_DISABLE	0x0400

#define PCI_STATUS_CAP_LIST	0x0010
/** Master data parity error, signalled/received aborts, SERR, parity. */
#define PCI_STATUS_RW1C		0xf900

#define PCI_HEADER_TYPE_MASK	0x7f
#define PCI_HEADER_MULTI	0x80

#define PCI_BAR_IO		0x1
#define PCI_BAR_MEM_TYPE	0x6
#define PCI_BAR_MEM64		0x4
#define PCI_BAR_PREFETCH	0x8
/**@}*/

/** @name Capabilities */
/**@{*/
#define PCI_CAP_PM		0x01
#define PCI_CAP_MSI		0x05
#define PCI_CAP_PCIE		0x10
#define PCI_CAP_MSIX		0x11

#define PCI_MSI_CTRL		2
#define PCI_MSI_CTRL_ENABLE	0x0001
#define PCI_MSI_CTRL_MMC	0x000e	/**< vectors it can: log2, RO */
#define PCI_MSI_CTRL_MME	0x0070	/**< vectors enabled: log2 */
#define PCI_MSI_CTRL_64	0x0080
#define PCI_MSI_CTRL_MASKABLE	0x0100
#define PCI_MSI_ADDR_LO		4
#define PCI_MSI_ADDR_HI		8	/**< 64-bit only */

#define PCI_MSIX_CTRL		2
#define PCI_MSIX_CTRL_SIZE	0x07ff	/**< table size - 1, RO */
#define PCI_MSIX_CTRL_MASKALL	0x4000
#define PCI_MSIX_CTRL_ENABLE	0x8000
#define PCI_MSIX_TABLE		4	/**< offset | BIR */
#define PCI_MSIX_PBA		8
#define PCI_MSIX_BIR		0x7

#define PCI_PM_CSR		4
/** Power state, PME enable, data select, PME status (RW1C). */
#define PCI_PM_CSR_WRITABLE	0x9f03
#define PCI_PM_CSR_RW1C		0x8000

#define PCI_EXP_DEVCTL		8
/** Error reporting enables, relaxed ordering, extended tag, phantom
 * functions, aux power, no snoop, max read request; not the max payload
 * size (the fabric's) nor function-level reset (the hypervisor's). */
#define PCI_EXP_DEVCTL_WRITABLE	0x7f1f
#define PCI_EXP_DEVCTL_FLR	0x8000
#define PCI_EXP_DEVSTA		0x0a
#define PCI_EXP_DEVSTA_RW1C	0x000f
#define PCI_EXP_LINKCTL		0x10
/** ASPM control, read completion boundary, extended synch, clock PM. */
#define PCI_EXP_LINKCTL_WRITABLE 0x018b
#define PCI_EXP_LINKSTA		0x12
#define PCI_EXP_LINKSTA_RW1C	0xc000
#define PCI_EXP_DEVCTL2		0x28
/** Completion timeout value and disable. */
#define PCI_EXP_DEVCTL2_WRITABLE 0x001f
#define PCI_EXP_DEVCAP_FLR	0x10000000	/**< in device capabilities */
#define PCI_EXP_DEVCAP		4
/**@}*/

#define PCI_NUM_BARS		6
#define PCI_MAX_CAPS		48	/**< (256 - 64) / 4 */

/** The hardware's configuration space of one function. */
struct pci_cfg_hw {
	u32 (*read)(void *ctx, u16 reg, unsigned int size);
	void (*write)(void *ctx, u16 reg, unsigned int size, u32 value);
	void *ctx;
};

/** One BAR as the firmware left it. */
struct pci_bar {
	u64 address;		/**< 0: none, or the firmware left it 0 */
	u64 size;		/**< 0: not implemented */
	u32 flags;		/**< its low bits: PCI_BAR_IO, _MEM64, ... */
};

/** A function as the hypervisor learnt it at boot, and its shadow. */
struct pci_fn {
	u16 vendor, device;
	u8 header_type;
	struct pci_bar bars[PCI_NUM_BARS];
	/** Per BAR dword: the hardware's value and the writable bits. */
	u32 bar_hw[PCI_NUM_BARS], bar_mask[PCI_NUM_BARS];
	u32 bar_shadow[PCI_NUM_BARS];
	struct { u8 id, offset; } caps[PCI_MAX_CAPS];
	unsigned int num_caps;
	/** The capabilities mediated (their first instance); 0: none. */
	u8 msi, msix, pm, pcie;
	/** MSI's layout. */
	bool msi_64, msi_maskable;
	/** MSI-X's table and pending-bit array: BAR and offset. */
	u8 msix_table_bar, msix_pba_bar;
	u32 msix_table_offset, msix_pba_offset;
	u16 msix_vectors;
	/** Function-level reset: by PCIe device control. */
	bool flr;
	/** Whether the cell may turn bus mastering on (its DMA confined, or
	 * the config says so): set by the caller. */
	bool master_allowed;
	/** Whether the cell may clear INTx disable (its config routes the
	 * line to a pin of its own): set by the caller. */
	bool intx_allowed;
	/** The MSI and MSI-X shadow (what the cell wrote). */
	u16 msi_ctrl, msi_data;
	u32 msi_addr_lo, msi_addr_hi;
	u16 msix_ctrl;
	/** Registers (dwords) whose dropped write was reported. */
	u32 reported[PCI_CFG_SIZE / 4 / 32];
};

/** @name What a write did, for the caller to act on (pci_cfg_write()) */
/**@{*/
#define PCI_EV_MSI		0x01	/**< MSI shadow changed: rebuild */
#define PCI_EV_MSIX		0x02	/**< MSI-X control changed */
#define PCI_EV_MASTER_DROPPED	0x04	/**< bus mastering asked, refused */
#define PCI_EV_DROPPED		0x08	/**< a read-only register written,
					 * first time: report pci_cfg_dropped */
#define PCI_EV_BAR_MOVED	0x10	/**< decoding turned on with a BAR
					 * the cell moved: not followed */
#define PCI_EV_INVALID		0x20	/**< size or alignment no hardware
					 * takes: nothing done */
#define PCI_EV_INTX_REFUSED	0x40	/**< INTx asked (INTx disable
					 * written 0) where not allowed: the
					 * bit stays set */
/**@}*/

/** @name A cell's access to an MSI-X table (pci_msix_access()) */
/**@{*/
#define PCI_MSIX_OUTSIDE	0	/**< not the table: the caller's */
#define PCI_MSIX_DONE		1	/**< read from the shadow, or a
					 * write that changes nothing */
#define PCI_MSIX_CHANGED	2	/**< entry *entry written: the
					 * caller reprograms it */
#define PCI_MSIX_INVALID	3	/**< not an aligned access of 4 or 8
					 * bytes: dropped, reads all ones */
/**@}*/

/** An MSI-X entry in the shadow: address low and high, data, vector
 * control (PCI Local Bus 3.0, "MSI-X Table"). */
#define PCI_MSIX_ENTRY_SIZE	16
#define PCI_MSIX_ENTRY_DWORDS	4
#define PCI_MSIX_VECTOR_CTRL	3	/**< its dword */
#define PCI_MSIX_VECTOR_MASKED	0x1

/**
 * A cell's access of @p size bytes at byte @p off of the BAR that holds
 * @p fn's MSI-X table, given the cell's view of the table, @p shadow
 * (PCI_MSIX_ENTRY_DWORDS per vector). In the table, aligned dword and
 * qword accesses read and write the shadow, the address kept dword
 * aligned and the vector control's mask bit alone (its other bits are
 * reserved). @p value is the written value or receives the read one.
 * @return PCI_MSIX_*; with PCI_MSIX_CHANGED the entry in *@p entry.
 */
unsigned int pci_msix_access(const struct pci_fn *fn, u32 *shadow, u64 off,
			     unsigned int size, bool write, u64 *value,
			     u16 *entry);

/** The shadow @p shadow of @p fn's MSI-X table as after a reset: every
 * vector masked, addresses and data 0. */
void pci_msix_reset_shadow(const struct pci_fn *fn, u32 *shadow);

/** Learn @p fn from the hardware: IDs, header, BARs (sized with decoding
 * off, then restored), capabilities. 0, or a negative error with @p why
 * saying what the device does that is not supported or malformed. */
int pci_fn_probe(struct pci_fn *fn, const struct pci_cfg_hw *hw,
		 const char **why);

/** The shadow reset to the hardware's state (every restart of the cell):
 * BARs as the firmware assigned them, MSI and MSI-X disabled, nothing
 * reported yet. */
void pci_fn_reset_shadow(struct pci_fn *fn);

/** A cell's read of @p size (1, 2 or 4) bytes at @p reg (aligned to
 * @p size, below PCI_CFG_SIZE); all ones if invalid. */
u32 pci_cfg_read(const struct pci_fn *fn, const struct pci_cfg_hw *hw,
		 u16 reg, unsigned int size);

/** A cell's write; returns PCI_EV_* (0: done as asked). The register a
 * PCI_EV_DROPPED or PCI_EV_BAR_MOVED is about goes to @p where. */
unsigned int pci_cfg_write(struct pci_fn *fn, const struct pci_cfg_hw *hw,
			   u16 reg, unsigned int size, u32 value, u16 *where);

/** The capability @p id's offset as the device lists it first; 0 if
 * none. */
u8 pci_fn_find_cap(const struct pci_fn *fn, u8 id);

#endif
