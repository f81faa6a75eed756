/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The communication region: one page the hypervisor shares with each cell,
 * mapped at the guest address of the cell's BH_MEM_COMM_REGION region.
 * Layout, values and message protocol are Jailhouse's (x86, ABI revision
 * 2), so Jailhouse inmates find what they expect.
 */
#ifndef BULKHEAD_COMM_REGION_H
#define BULKHEAD_COMM_REGION_H

#include <bulkhead/config.h>

#define COMM_REGION_MAGIC "JHCOMM"	/**< 6 bytes, no NUL */
#define COMM_REGION_ABI_REVISION 2

/** @name Cell states (cell_state) */
/**@{*/
#define CELL_RUNNING		0
#define CELL_RUNNING_LOCKED	1
#define CELL_SHUT_DOWN		2	/**< terminal */
#define CELL_FAILED		3	/**< terminal */
#define CELL_FAILED_COMM_REV	4	/**< terminal */
/**@}*/

/** @name Messages to a cell (msg_to_cell) and replies (reply_from_cell) */
/**@{*/
#define MSG_NONE		0
#define MSG_SHUTDOWN_REQUEST	1
#define MSG_RECONFIG_COMPLETED	2
#define MSG_UNKNOWN		1
#define MSG_REQUEST_DENIED	2
#define MSG_REQUEST_APPROVED	3
#define MSG_RECEIVED		4
/**@}*/

/** @name Comm region flags */
/**@{*/
#define COMM_FLAG_DBG_PUTC_PERMITTED	0x0001
#define COMM_FLAG_DBG_PUTC_ACTIVE	0x0002
/** Bulkhead's: this cell is the system's managing cell (a hint for the
 * cell's own driver; the hypervisor decides by its own record). */
#define COMM_FLAG_BH_MANAGER		0x0100
/**@}*/

/** The region's layout (76 bytes, packed), Jailhouse x86 revision 2. */
struct comm_region {
	char signature[6];		/**< COMM_REGION_MAGIC */
	u16 revision;			/**< COMM_REGION_ABI_REVISION */
	volatile u32 cell_state;	/**< CELL_*; the cell updates it */
	volatile u32 msg_to_cell;	/**< MSG_* from the hypervisor */
	volatile u32 reply_from_cell;	/**< MSG_* reply of the cell */
	u32 flags;			/**< COMM_FLAG_* */
	struct bh_console console;	/**< the cell's console */
	u64 pci_mmconfig_base;
	u16 pm_timer_address;		/**< ACPI PM timer I/O port */
	u16 num_cpus;			/**< CPUs of the cell */
	u32 tsc_khz;
	u32 apic_khz;
} BH_PACKED;

BH_STATIC_ASSERT(sizeof(struct comm_region) == 76, "comm region layout");

#endif
