/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The ivshmem 2.0 virtual PCI function one peer of a shared-memory link
 * sees (Documentation/shared-memory.md; the device model is Jailhouse's
 * Documentation/ivshmem-v2-specification.md): its configuration space,
 * its registers (BAR0) and its MSI-X table (BAR1), as a state the cell
 * changes by its accesses. Pure: what an access asks of the hypervisor
 * (ring a peer, publish a state, reprogram a vector) comes back as an
 * action for the caller (core/shmem.c), so that the host's unit test
 * (tests/unit/test_ivshmem.c) runs every rule here.
 *
 * Configuration space (all else reads 0, writes are ignored):
 * | offset | field |
 * |---|---|
 * | 0x00 | vendor 0x110a, device 0x4106 |
 * | 0x04 | command: memory decoding, bus master, INTx disable writable |
 * | 0x06 | status: capability list |
 * | 0x08 | revision 0, class 0xff, subclass and prog-if the protocol |
 * | 0x10 | BAR0: the registers, 32-bit memory, 4 KiB |
 * | 0x14 | BAR1: the MSI-X table and pending bits, 32-bit memory, 4 KiB |
 * | 0x34 | capabilities at 0x40 |
 * | 0x40 | vendor capability (length 0x20): privileged control (one-shot
 *          interrupt mode, writable), state table size, read/write and
 *          output section sizes, the memory's guest-physical address |
 * | 0x60 | MSI-X: vectors of the link, table at BAR1 0, pending bits at
 *          BAR1 0x800 |
 * | 0x80 | a second vendor capability, Bulkhead's own (length 0x24): +3
 *          'B', +4 the link's name (32 bytes, NUL-padded), for the
 *          guest to tell links apart (`bulkhead shm`) |
 *
 * There is no INTx (interrupt pin 0): on x86 every peer has MSI-X.
 */
#ifndef BULKHEAD_IVSHMEM_H
#define BULKHEAD_IVSHMEM_H

#include <bulkhead/config.h>

/** @name Layout */
/**@{*/
#define IVSHMEM_CLASS		0xff
#define IVSHMEM_CAP_VENDOR	0x40	/**< its offset */
#define IVSHMEM_CAP_MSIX	0x60
#define IVSHMEM_CAP_NAME	0x80	/**< Bulkhead's: the link's name */
#define IVSHMEM_CAP_NAME_LEN	0x24
#define IVSHMEM_CAP_NAME_TAG	'B'	/**< at +3 */
#define IVSHMEM_CAP_ID_VENDOR	0x09
#define IVSHMEM_CAP_VENDOR_LEN	0x20
#define IVSHMEM_CFG_PRIV_CTRL	(IVSHMEM_CAP_VENDOR + 3)
#define IVSHMEM_CFG_STATE_SIZE	(IVSHMEM_CAP_VENDOR + 4)
#define IVSHMEM_CFG_RW_SIZE	(IVSHMEM_CAP_VENDOR + 8)
#define IVSHMEM_CFG_OUT_SIZE	(IVSHMEM_CAP_VENDOR + 0x10)
#define IVSHMEM_CFG_ADDRESS	(IVSHMEM_CAP_VENDOR + 0x18)
#define IVSHMEM_PRIV_ONESHOT	0x01	/**< IntCtrl cleared at each interrupt */
#define IVSHMEM_BAR_SIZE	0x1000	/**< BAR0 and BAR1 alike */
#define IVSHMEM_NUM_BARS	2
#define IVSHMEM_PBA_OFFSET	0x800	/**< in BAR1 */

/* Registers in BAR0: aligned 32-bit accesses. */
#define IVSHMEM_REG_ID		0x00
#define IVSHMEM_REG_MAX_PEERS	0x04
#define IVSHMEM_REG_INT_CTRL	0x08
#define IVSHMEM_REG_DOORBELL	0x0c
#define IVSHMEM_REG_STATE	0x10
#define IVSHMEM_INT_ENABLE	0x1
/**@}*/

/** The function one peer sees, and what its cell did to it. */
struct ivshmem_fn {
	/* From the link, fixed. */
	u16 id;			/**< the peer's ID */
	u16 max_peers;		/**< the link's peers */
	u16 protocol;
	u16 vectors;		/**< MSI-X vectors */
	u32 state_size;
	u64 rw_size, output_size;
	u64 address;		/**< guest-physical, where the peer sees it */
	char name[BH_SHMEM_NAME_LEN];	/**< the link's, NUL-padded */
	/* The cell's; ivshmem_fn_reset() at each start. */
	u16 command;
	u32 bar[IVSHMEM_NUM_BARS];	/**< as written (size-aligned) */
	u8 priv_ctrl;
	u16 msix_ctrl;		/**< enable and function mask */
	u32 int_ctrl;
	u32 msix[BH_SHMEM_MAX_VECTORS][4];	/**< address lo, hi, data, ctrl */
};

/** @name What an access asks of the caller */
/**@{*/
enum ivshmem_act {
	IVSHMEM_NONE,		/**< done */
	IVSHMEM_DOORBELL,	/**< ring vector @c vector of peer @c target */
	IVSHMEM_STATE,		/**< publish @c value as the peer's state */
	IVSHMEM_VECTORS,	/**< the vectors' deliverability may have
				     changed: re-decide them (entry @c vector
				     alone if @c one, else all) */
};

struct ivshmem_action {
	enum ivshmem_act act;
	u32 target, vector, value;
	bool one;
};
/**@}*/

/** @p f as peer @p id of link @p l sees it, its memory at guest-physical
 * @p address; then reset (ivshmem_fn_reset()). */
void ivshmem_fn_init(struct ivshmem_fn *f, const struct bh_shmem_link *l,
		     u16 id, u64 address);

/** As after a reset: decoding off, BARs 0, interrupts disabled, every
 * vector masked, the one-shot mode off. */
void ivshmem_fn_reset(struct ivshmem_fn *f);

/** A read of @p size (1, 2 or 4) bytes at @p reg of its configuration
 * space, aligned to @p size; all ones if not. */
u32 ivshmem_cfg_read(const struct ivshmem_fn *f, u16 reg, unsigned int size);

/** A write; *@p a says what the caller must do (IVSHMEM_VECTORS when
 * bus mastering or MSI-X control changed). Misaligned writes are
 * ignored. */
void ivshmem_cfg_write(struct ivshmem_fn *f, u16 reg, unsigned int size,
		       u32 value, struct ivshmem_action *a);

/** Where BAR @p bar (0 or 1) decodes: true with its guest-physical start
 * in *@p start if memory decoding is on and the BAR was given an address
 * (not 0, not the all-ones of sizing). */
bool ivshmem_bar_live(const struct ivshmem_fn *f, unsigned int bar,
		      u64 *start);

/**
 * An access of @p size bytes at @p off of the registers (BAR0). Only
 * aligned 32-bit accesses do anything (others read 0, are dropped, and
 * return false); reads of unbacked offsets and of the doorbell give 0.
 * @p value is the written value or receives the read one.
 * @return false if the access was not an aligned 32-bit one.
 */
bool ivshmem_reg_access(struct ivshmem_fn *f, u32 off, unsigned int size,
			bool write, u32 *value, u32 state,
			struct ivshmem_action *a);

/**
 * An access of @p size bytes at @p off of BAR1: the MSI-X table (aligned
 * 4- and 8-byte accesses to the entries; the vector control's mask bit
 * alone is kept) and the pending bits (read 0). @p value is the written
 * value or receives the read one.
 * @return false if the access was not an aligned 4- or 8-byte one.
 */
bool ivshmem_msix_access(struct ivshmem_fn *f, u32 off, unsigned int size,
			 bool write, u64 *value, struct ivshmem_action *a);

/** Whether vector @p v can be delivered now: MSI-X on and not masked as
 * a whole, the entry unmasked, interrupts enabled (IntCtrl), bus
 * mastering on (an MSI is the function's memory write). The message is
 * then the entry's address and data. */
bool ivshmem_vector_live(const struct ivshmem_fn *f, u32 v);

/** One interrupt was delivered: in one-shot mode the peer's interrupts
 * are disabled again (IntCtrl cleared). */
void ivshmem_delivered(struct ivshmem_fn *f);

#endif
