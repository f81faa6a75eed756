/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * On-disk formats of the hypervisor binary (`\bulkhead\hypervisor.bin`) and
 * the system image (`\bulkhead\system.img`). Documentation/image-format.md
 * describes them in prose; this header is the definition.
 *
 * Both files start with the same sealed header: a magic, a format version,
 * the header's own size, the file size, and a SHA-256 digest of every byte
 * of the file after the digest (BH_SEALED_DIGESTED_FROM to the end). The
 * system image records the digest of the hypervisor binary it was built
 * with, so a loader refuses a pair that does not belong together.
 *
 * Every integer is little-endian. All structures are packed.
 */
#ifndef BULKHEAD_IMAGE_H
#define BULKHEAD_IMAGE_H

#ifndef __ASSEMBLER__
#include <bulkhead/config.h>
#include <bulkhead/sha256.h>
#endif

#ifndef __ASSEMBLER__
/** Header common to the hypervisor binary and the system image. */
struct bh_sealed_header {
	char magic[8];
	u32 version;
	u32 header_size;	/**< bytes of the file-specific header */
	u64 file_size;		/**< bytes of the whole file */
	u8 digest[SHA256_DIGEST_SIZE];	/**< over [BH_SEALED_DIGESTED_FROM, file_size) */
} BH_PACKED;

#endif

/** Offset of the first byte covered by bh_sealed_header::digest. */
#define BH_SEALED_DIGESTED_FROM 56

#define BH_HV_MAGIC "BHHYPVSR"	/**< 8 bytes, no NUL */
#define BH_HV_VERSION 1
#define BH_HV_LINK_MIN 0xffff800000000000ULL	/**< link address: upper half */
#define BH_HV_ALIGN 0x200000ULL			/**< link address and memory alignment */

#ifndef __ASSEMBLER__
/**
 * Header of hypervisor.bin, placed at its first byte. The file is the
 * hypervisor's flat image, linked to run at @c link_address; the loader
 * copies it to the start of the hypervisor memory, zeroes the rest of that
 * memory and maps it there.
 */
struct bh_hv_header {
	struct bh_sealed_header sealed;	/**< magic BH_HV_MAGIC */
	u64 link_address;	/**< virtual address of the file's first byte */
	u64 entry;		/**< virtual address of the 64-bit entry */
	u64 memory_size;	/**< bytes needed from link_address (image + bss) */
	u64 reserved;
} BH_PACKED;

#endif

#define BH_IMAGE_MAGIC "BHSYSIMG"	/**< 8 bytes, no NUL */
#define BH_IMAGE_VERSION 1
#define BH_IMAGE_ALIGN 16		/**< alignment of every part's data */

#ifndef __ASSEMBLER__
/** What a part of the system image holds. */
enum bh_part_type {
	BH_PART_SYSTEM = 1,	/**< the struct bh_system config */
	BH_PART_CELL = 2,	/**< one cell config; cells are numbered in part order */
	BH_PART_BLOB = 3,	/**< blob @c index of cell @c cell */
};

#define BH_PART_NAME_LEN 64

/** One entry of the part table that follows the image header. */
struct bh_image_part {
	u32 type;		/**< enum bh_part_type */
	u32 cell;		/**< cell number for CELL and BLOB parts, else 0 */
	u32 index;		/**< blob index within its cell, else 0 */
	u32 reserved;
	u64 offset;		/**< from the start of the image, BH_IMAGE_ALIGN-aligned */
	u64 size;		/**< bytes */
	u8 digest[SHA256_DIGEST_SIZE];	/**< SHA-256 of the part's bytes */
	char name[BH_PART_NAME_LEN];	/**< source file, for messages */
} BH_PACKED;

/**
 * Header of system.img. The part table follows directly; part data follows
 * the table. The system part comes first, then each cell config, then the
 * blobs.
 */
struct bh_image_header {
	struct bh_sealed_header sealed;	/**< magic BH_IMAGE_MAGIC */
	u8 hypervisor_digest[SHA256_DIGEST_SIZE]; /**< sealed digest of the matching hypervisor.bin */
	u32 num_parts;
	u32 num_cells;
	u64 reserved;
} BH_PACKED;

#define BH_IMAGE_MAX_PARTS (1 + BH_MAX_CELLS * (1 + BH_MAX_BLOBS))

BH_STATIC_ASSERT(sizeof(struct bh_sealed_header) == BH_SEALED_DIGESTED_FROM,
		 "sealed header layout");
BH_STATIC_ASSERT(sizeof(struct bh_hv_header) == 88, "hv header layout");
BH_STATIC_ASSERT(sizeof(struct bh_image_part) == 128, "part layout");
BH_STATIC_ASSERT(sizeof(struct bh_image_header) == 104, "image header layout");

#endif /* __ASSEMBLER__ */

#endif
