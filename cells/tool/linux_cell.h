/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The image builder's part of booting Linux in a cell: read the kernel's
 * boot-protocol header, place kernel and initramfs in the cell's memory,
 * and write the boot parameters (zero page with an e820 map of the cell,
 * the SETUP_JAILHOUSE setup_data, the command line) and the ACPI tables
 * the shim hands to the kernel (layout in include/bulkhead/linux_boot.h).
 * Pure logic over buffers, host-tested.
 */
#ifndef BULKHEAD_LINUX_CELL_H
#define BULKHEAD_LINUX_CELL_H

#include <bulkhead/config.h>
#include <bulkhead/linux_boot.h>
#include "acpi_build.h"

/** What the kernel's setup header says. */
struct linux_kernel_info {
	u16 version;		/**< boot protocol version */
	u64 setup_size;		/**< bytes before the protected-mode kernel */
	u64 pref_address;	/**< where the protected-mode kernel runs */
	u32 init_size;		/**< memory it needs from there */
	u32 cmdline_size;	/**< longest command line, NUL excluded */
	u32 initrd_addr_max;	/**< highest address of the initrd's last byte */
	u32 header_end;		/**< end of the setup header in the file */
};

/**
 * Check @p len bytes of @p k are a bzImage this builder can boot (magic,
 * protocol 2.12 or later, a 64-bit entry, relocatable) and read its
 * header. @return 0, or -1 with the reason in @p err.
 */
int linux_kernel_parse(const u8 *k, u64 len, struct linux_kernel_info *ki,
		       char *err, size_t errlen);

/** Inputs and results of linux_cell_build(). */
struct linux_cell {
	/* in */
	const struct bh_cell_desc *desc;	/**< the cell */
	const struct bh_system *sys;		/**< PM timer, MMCONFIG */
	const u8 *kernel;			/**< bzImage */
	const struct linux_kernel_info *ki;
	u64 initrd_size;			/**< 0: none */
	/* out */
	u64 kernel_load;	/**< guest address of the whole bzImage */
	u64 initrd_load;	/**< guest address of the initramfs */
	u8 params[BH_LINUX_PARAMS_SIZE];	/**< at BH_LINUX_PARAMS */
	u8 acpi[ACPI_BUILD_SIZE];		/**< at BH_LINUX_ACPI */
	u32 acpi_size;
	u32 e820_entries;
};

/**
 * Place kernel and initramfs and build the boot parameters and ACPI
 * tables for @p lc->desc's Linux section.
 * @return 0, or -1 with the reason in @p err (what does not fit where).
 */
int linux_cell_build(struct linux_cell *lc, char *err, size_t errlen);

#endif
