/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Internal interfaces of the UEFI loader.
 */
#ifndef BULKHEAD_LOADER_H
#define BULKHEAD_LOADER_H

#include <efi.h>
#include <bulkhead/handoff.h>

/** Loader version handed to the hypervisor: major << 16 | minor. */
#define BH_LOADER_VERSION 0x00010000

/** Decide where messages go: ConOut always, COM1 too unless ConOut already
 * includes a serial terminal (as OVMF's does). */
void ldr_console_init(void);

/** Print one line prefixed "bulkhead-loader: " on every console. */
void ldr_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Text for an EFI_STATUS. */
const char *ldr_status_name(EFI_STATUS st);

/** Text for a UEFI memory type. */
const char *ldr_efi_mem_type_name(UINT32 type);

/** End of memory the identity map must cover: the highest address in the
 * firmware's memory map, at least 4 GiB, rounded up to 1 GiB. */
u64 ldr_top_of_memory(void);

/**
 * Take the final memory map, leave boot services (retrying while the map
 * key changes) and record the map in @p ho. If that fails, boot services
 * may be half gone, so returning to the firmware is no longer safe: it
 * reports on COM1 directly and halts instead of returning.
 */
void ldr_exit_boot_services(EFI_HANDLE image, struct bh_handoff *ho);

/** Report a fatal error on COM1 directly (no firmware services) and halt. */
__attribute__((noreturn)) void ldr_die_raw(const char *msg);

/** Load @p cr3 and jump to @p entry with RDI = @p ho. Does not return. */
__attribute__((noreturn)) void ldr_enter_hypervisor(u64 cr3, u64 entry,
						    struct bh_handoff *ho);

#endif
