/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The hypercall interface (Jailhouse-compatible): `vmmcall` on AMD, code in
 * RAX, arguments in RDI and RSI, result in RAX; allowed from CPL 0 only.
 */
#ifndef BULKHEAD_HYPERCALL_H
#define BULKHEAD_HYPERCALL_H

#include <bulkhead/types.h>

#define HC_DISABLE		0
#define HC_CELL_CREATE		1
#define HC_CELL_START		2
#define HC_CELL_SET_LOADABLE	3
#define HC_CELL_DESTROY		4
#define HC_HYPERVISOR_GET_INFO	5
#define HC_CELL_GET_STATE	6
#define HC_CPU_GET_INFO		7
#define HC_DEBUG_CONSOLE_PUTC	8

/**
 * What the hypervisor console shows for byte @p c of a line (a line end
 * aside): printable ASCII as it is, a tab as a space, anything else '?',
 * so that no escape sequence, cursor move or erase reaches a terminal.
 * The hypervisor applies it to the cells' lines (core/lib/line.c), the
 * bulkhead command again to what it reads of the console.
 */
static inline char bh_console_char(char c)
{
	if (c == '\t')
		return ' ';
	return c < 0x20 || c > 0x7e ? '?' : c;
}

/**
 * @name Bulkhead's own hypercalls, for the managing cell
 * What Jailhouse lacks. Jailhouse's HC_CELL_START, HC_CELL_SET_LOADABLE,
 * HC_CELL_DESTROY (which stops a cell: cells are static) and
 * HC_CELL_GET_STATE are the managing cell's too; from any other cell each
 * of these stops the caller. An operation that needs a vote returns
 * -HC_EINPROGRESS; HC_BH_OP_STATUS then tells how it goes
 * (Documentation/management.md).
 */
/**@{*/
#define HC_BH_FIRST		32
/** Shut the machine down (ACPI S5) once every cell approves. */
#define HC_BH_SYSTEM_SHUTDOWN	32
/** arg1 cell id, arg2 guest-physical address of a struct bh_load: copy
 * a chunk into a LOADABLE region of a cell made loadable. */
#define HC_BH_CELL_LOAD		33
/** arg1 guest-physical address of a struct bh_op_status to fill (or 0),
 * arg2 1 to withdraw an open vote: the result of the operation so far
 * (-HC_EINPROGRESS while it goes on). */
#define HC_BH_OP_STATUS		34
/** arg1 cell id, arg2 guest-physical address of a struct bh_cell_info. */
#define HC_BH_CELL_GET_INFO	35
/** arg1 guest-physical address of a struct bh_console_read: copy the
 * hypervisor console's output from a position on.
 * @return the number of bytes copied. */
#define HC_BH_CONSOLE_READ	36
#define HC_BH_LAST		36
/**@}*/

/**
 * @name Bulkhead's own hypercalls, for every cell about itself
 */
/**@{*/
/**
 * arg1 a vector (32..255), arg2 the APIC ID of one of the caller's CPUs:
 * each time the hypervisor puts a message into the caller's comm region
 * (comm_region::msg_to_cell), it sends that CPU a fixed interrupt with
 * that vector, once, after the message is visible. arg1 0 (and arg2 0)
 * turns it off. Off when a cell starts, so Jailhouse's inmates, which
 * poll, never get one. -HC_EINVAL for another vector or a CPU that is
 * not the caller's; nothing changes then.
 */
#define HC_BH_MSG_INTERRUPT	48
/**@}*/

/** arg2 of HC_CELL_DESTROY, HC_CELL_START and HC_CELL_SET_LOADABLE: the
 * target is not asked (a forced operation), unless its config has
 * BH_CELL_NO_FORCE. Other cells' locks still count. Any other bit of
 * arg2 is -HC_EINVAL. */
#define BH_OP_FORCE	0x1

#define BH_NO_CELL	0xffffffffU	/**< no cell (bh_op_status) */
#define BH_LOAD_MAX	0x100000	/**< bytes per HC_BH_CELL_LOAD */
#define BH_CONSOLE_READ_MAX 4096	/**< bytes per HC_BH_CONSOLE_READ */

/** @name Why an operation ended (bh_op_status::reason) */
/**@{*/
#define BH_OP_DONE	0	/**< as result says */
#define BH_OP_DENIED	1	/**< cell denied */
#define BH_OP_BLOCKED	2	/**< cell is in RUNNING_LOCKED */
#define BH_OP_TIMED_OUT	3	/**< done; cell did not answer: FAILED */
#define BH_OP_WITHDRAWN	4	/**< withdrawn, nothing changed */
/** The target's CPUs did not get where its state says in time (result
 * -HC_EIO; the change goes on, HC_CELL_GET_STATE tells where it gets). */
#define BH_OP_STUCK	5
/** A forced operation (BH_OP_FORCE) on a cell whose config has
 * BH_CELL_NO_FORCE: refused (-HC_EPERM), nothing changed. */
#define BH_OP_NOT_FORCEABLE 6
/**@}*/

/** The last management operation (HC_BH_OP_STATUS). */
struct bh_op_status {
	u32 code;	/**< its hypercall */
	u32 target;	/**< cell id, or BH_NO_CELL for the system */
	s32 result;	/**< 0, or a negated error; -HC_EINPROGRESS */
	u32 reason;	/**< BH_OP_* */
	u32 cell;	/**< the cell the reason names, or BH_NO_CELL */
	u32 reserved;
} BH_PACKED;

/** A chunk to load (HC_BH_CELL_LOAD). */
struct bh_load {
	u64 address;	/**< guest-physical in the target cell */
	u64 source;	/**< guest-physical in the managing cell */
	u64 size;	/**< bytes, at most BH_LOAD_MAX */
	u64 reserved;	/**< 0 */
} BH_PACKED;

/**
 * A read of the hypervisor console (HC_BH_CONSOLE_READ). Positions count
 * bytes printed since boot; the hypervisor keeps the last 64 KiB. A
 * position it no longer holds reads from the oldest byte it does: the
 * returned position then jumped by more than the bytes copied, and the
 * difference was lost.
 */
struct bh_console_read {
	u64 buffer;	/**< in: guest-physical, in one RAM region */
	u64 size;	/**< in: at most BH_CONSOLE_READ_MAX */
	u64 position;	/**< in: where to read; out: after what was copied */
	u64 end;	/**< out: the position the next output will have */
} BH_PACKED;

#define BH_CELL_INFO_MANAGER	0x1	/**< in bh_cell_info::info */

/** A cell as HC_BH_CELL_GET_INFO tells it. */
struct bh_cell_info {
	char name[32];		/**< NUL-terminated */
	u64 cpus;		/**< bit n: logical CPU n */
	u64 failed_cpus;	/**< CPUs it failed on since its start */
	u32 state;		/**< CELL_* as HC_CELL_GET_STATE */
	u32 flags;		/**< BH_CELL_* of its config */
	u32 starts;		/**< times it was built or rebuilt */
	u32 info;		/**< BH_CELL_INFO_* */
	u64 msg_reply_timeout;	/**< microseconds, 0: for ever */
	/** I/O page faults of its PCI functions that the IOMMUs logged in
	 * its current run, read when this is asked (0 without an IOMMU) */
	u64 dma_faults;
} BH_PACKED;

/** @name Errors, returned negated */
/**@{*/
#define HC_EPERM	1
#define HC_ENOENT	2
#define HC_EIO		5
#define HC_EBUSY	16
#define HC_EINVAL	22
#define HC_ENOSYS	38
#define HC_EINPROGRESS	115
#define HC_ECANCELED	125
/**@}*/

/** @name HC_CPU_GET_INFO types and statistics (Jailhouse numbering) */
/**@{*/
#define HC_CPU_INFO_STATE	0
#define HC_CPU_INFO_STAT_BASE	1000	/**< + statistic number */
#define CPU_RUNNING		0
#define CPU_FAILED		2
#define CPU_STAT_VMEXITS_TOTAL		0
#define CPU_STAT_VMEXITS_MMIO		1
#define CPU_STAT_VMEXITS_MANAGEMENT	2
#define CPU_STAT_VMEXITS_HYPERCALL	3
#define CPU_STAT_VMEXITS_PIO		4
#define CPU_STAT_VMEXITS_XAPIC		5
#define CPU_STAT_VMEXITS_CR		6
#define CPU_STAT_VMEXITS_CPUID		7
#define CPU_STAT_VMEXITS_XSETBV		8
#define CPU_STAT_VMEXITS_EXCEPTION	9
#define CPU_STAT_VMEXITS_MSR_OTHER	10
#define CPU_STAT_VMEXITS_MSR_X2APIC_ICR	11
#define CPU_NUM_STATS			12
/**@}*/

/** @name HC_HYPERVISOR_GET_INFO types */
/**@{*/
#define HC_INFO_MEM_POOL_SIZE	0
#define HC_INFO_MEM_POOL_USED	1
#define HC_INFO_REMAP_POOL_SIZE	2
#define HC_INFO_REMAP_POOL_USED	3
#define HC_INFO_NUM_CELLS	4
/**@}*/

/** CPUID leaf of the hypervisor signature "Jailhouse\0\0\0". */
#define HC_CPUID_SIGNATURE	0x40000000
#define HC_CPUID_FEATURES	0x40000001

#endif
