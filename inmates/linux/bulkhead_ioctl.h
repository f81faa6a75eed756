/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The interface between the Linux cell's driver (driver/core.c, shm.c) and
 * the `bulkhead` command (tool/bulkhead.c): ioctls on /dev/bulkhead, each
 * one hypercall or one management operation carried to its end
 * (Documentation/management.md). The hypervisor's structures come from
 * include/bulkhead/hypercall.h unchanged.
 *
 * Every ioctl needs CAP_SYS_ADMIN (and the device is root's, mode 0600);
 * the management ones also need the cell to be the managing cell.
 */
#ifndef BULKHEAD_LINUX_IOCTL_H
#define BULKHEAD_LINUX_IOCTL_H

#include <linux/ioctl.h>
#include <linux/types.h>
#include <bulkhead/hypercall.h>

#define BH_DEVICE_NAME "bulkhead"	/**< /dev/bulkhead */

/** HC_BH_CELL_GET_INFO. */
struct bh_ioc_cell {
	__u32 id;			/**< in: cell id */
	__u32 reserved;
	struct bh_cell_info info;	/**< out */
};

/** HC_HYPERVISOR_GET_INFO (arg1: type) or HC_CPU_GET_INFO (arg1: CPU,
 * arg2: type). */
struct bh_ioc_value {
	__u64 arg1, arg2;		/**< in */
	__s64 value;			/**< out: the hypercall's result */
};

/**
 * A management operation carried to its end: HC_CELL_START,
 * HC_CELL_DESTROY (stop) or HC_BH_SYSTEM_SHUTDOWN. While its vote is
 * open, a signal withdraws it (interrupted is then 1 and the status says
 * BH_OP_WITHDRAWN, unless the vote ended first). With BH_OP_FORCE in
 * @c flags (a start or stop only) the target is not asked.
 */
struct bh_ioc_op {
	__u32 code;			/**< in: the hypercall */
	__u32 id;			/**< in: cell id (not for shutdown) */
	__u32 flags;			/**< in: 0 or BH_OP_FORCE */
	__u32 reserved;			/**< in: 0 */
	__s32 result;			/**< out: 0 or a negated HC_E* */
	__u32 interrupted;		/**< out: a signal came while waiting */
	struct bh_op_status status;	/**< out: the hypervisor's account */
};

/**
 * Load a file into a stopped cell: HC_CELL_SET_LOADABLE (which clears its
 * LOADABLE regions; not with BH_LOAD_MORE, for a further file of the same
 * load), then the file in chunks (HC_BH_CELL_LOAD). The ioctl fails with
 * ENXIO if @c address is in no LOADABLE region of the cell, EFBIG if the
 * file does not fit in the region there, EBUSY if the cell is not stopped
 * (or, with BH_LOAD_MORE, not made loadable).
 */
struct bh_ioc_load {
	__u32 id;			/**< in: cell id */
	__u32 flags;			/**< in: BH_LOAD_MORE or 0 */
	__u64 address;			/**< in: guest-physical in the cell */
	__u64 buffer;			/**< in: the file's bytes (user) */
	__u64 size;			/**< in: their number */
	struct bh_ioc_op op;		/**< out: the set-loadable operation */
};

#define BH_LOAD_MORE 0x1	/**< another file of the same load */

/** HC_BH_CONSOLE_READ into a user buffer. */
struct bh_ioc_console {
	__u64 buffer;			/**< in: user address */
	__u64 size;			/**< in: at most BH_CONSOLE_READ_MAX */
	__u64 position;			/**< in/out: as bh_console_read */
	__u64 end;			/**< out */
	__u64 copied;			/**< out: bytes written to buffer */
};

#define BH_IOC_MAGIC 0xb4
#define BH_IOC_CELL_INFO	_IOWR(BH_IOC_MAGIC, 1, struct bh_ioc_cell)
#define BH_IOC_HV_INFO		_IOWR(BH_IOC_MAGIC, 2, struct bh_ioc_value)
#define BH_IOC_CPU_INFO		_IOWR(BH_IOC_MAGIC, 3, struct bh_ioc_value)
#define BH_IOC_OP		_IOWR(BH_IOC_MAGIC, 4, struct bh_ioc_op)
#define BH_IOC_LOAD		_IOWR(BH_IOC_MAGIC, 5, struct bh_ioc_load)
#define BH_IOC_CONSOLE		_IOWR(BH_IOC_MAGIC, 6, struct bh_ioc_console)
/** Argument 1: lock this cell (RUNNING_LOCKED: it blocks changes to the
 * other cells and denies its own), 0: unlock. */
#define BH_IOC_LOCK		_IO(BH_IOC_MAGIC, 7)

/**
 * @name Shared-memory links (driver/shm.c, Documentation/shared-memory.md)
 * Each link function of the cell is /dev/bulkhead-shmN (N in the order
 * the functions were found), root's, mode 0600:
 * - mmap() at offset 0 maps the link's memory as its peer sees it: a
 *   writable shared mapping only over what this peer may write (the
 *   read/write section, its own output section), any other read-only;
 * - read() of 8 bytes blocks until an interrupt of the function has come
 *   since the file's last read (O_NONBLOCK: EAGAIN) and gives the count
 *   of all so far; poll() says when one has;
 * - the ioctls below.
 */
/**@{*/
#define BH_SHM_DEVICE_PREFIX "bulkhead-shm"	/**< /dev/bulkhead-shmN */
#define BH_SHM_NAME_LEN 32

/** What the function says of its link, and what it saw. */
struct bh_ioc_shm_info {
	char name[BH_SHM_NAME_LEN];	/**< the link's, NUL-terminated */
	__u32 id;			/**< this peer's */
	__u32 peers;
	__u32 vectors;
	__u32 protocol;
	__u64 state_size, rw_size, output_size;
	__u32 states[16];		/**< each peer's, from the state table */
	__u64 interrupts[16];		/**< taken, by vector */
};

/** Ring vector @c vector of peer @c peer. */
struct bh_ioc_shm_ring {
	__u32 peer, vector;
};

#define BH_IOC_SHM_INFO		_IOR(BH_IOC_MAGIC, 16, struct bh_ioc_shm_info)
#define BH_IOC_SHM_RING		_IOW(BH_IOC_MAGIC, 17, struct bh_ioc_shm_ring)
/** Publish this peer's state (a __u32). */
#define BH_IOC_SHM_STATE	_IOW(BH_IOC_MAGIC, 18, __u32)
/**@}*/

#endif
