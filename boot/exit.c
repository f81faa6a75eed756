/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The last steps with boot services: the final memory map, converted for
 * the hypervisor, and ExitBootServices.
 */
#include <efi.h>
#include <efilib.h>

#include "loader.h"

#define GIB (1ULL << 30)
#define EBS_ATTEMPTS 8

u64 ldr_top_of_memory(void)
{
	EFI_MEMORY_DESCRIPTOR *map, *d;
	UINTN entries, key, dsize, i;
	UINT32 dver;
	u64 top = 4 * GIB;

	map = LibMemoryMap(&entries, &key, &dsize, &dver);
	if (!map)
		return top;
	for (i = 0, d = map; i < entries; i++, d = (void *)((u8 *)d + dsize)) {
		u64 end = d->PhysicalStart + d->NumberOfPages * EFI_PAGE_SIZE;

		if (end > top)
			top = end;
	}
	FreePool(map);
	return (top + GIB - 1) & ~(GIB - 1);
}

static u32 convert_type(UINT32 efi)
{
	switch (efi) {
	case EfiConventionalMemory:
	case EfiBootServicesCode:
	case EfiBootServicesData:
	case EfiLoaderCode:
		return BH_MEMMAP_USABLE;
	case EfiLoaderData:
		return BH_MEMMAP_LOADER;
	case EfiACPIReclaimMemory:
		return BH_MEMMAP_ACPI_RECLAIM;
	case EfiACPIMemoryNVS:
		return BH_MEMMAP_ACPI_NVS;
	case EfiRuntimeServicesCode:
	case EfiRuntimeServicesData:
		return BH_MEMMAP_RUNTIME;
	case 14:	/* EfiPersistentMemory, not in GNU-EFI 3.0.15 */
		return BH_MEMMAP_PERSISTENT;
	default:
		return BH_MEMMAP_RESERVED;
	}
}

/* Convert the firmware map into @p out, merging neighbours of one kind. */
static u32 convert_map(const u8 *map, UINTN size, UINTN dsize,
		       struct bh_memmap_entry *out, u32 max)
{
	u32 n = 0;
	UINTN off;

	for (off = 0; off + dsize <= size && n < max; off += dsize) {
		const EFI_MEMORY_DESCRIPTOR *d = (const void *)(map + off);
		u64 len = d->NumberOfPages * EFI_PAGE_SIZE;
		u32 type = convert_type(d->Type);

		if (n && out[n - 1].type == type &&
		    out[n - 1].efi_type == d->Type &&
		    out[n - 1].base + out[n - 1].length == d->PhysicalStart) {
			out[n - 1].length += len;
			continue;
		}
		out[n++] = (struct bh_memmap_entry){ d->PhysicalStart, len,
						     type, d->Type };
	}
	return n;
}

void ldr_exit_boot_services(EFI_HANDLE image, struct bh_handoff *ho)
{
	UINTN size = 0, cap, key, dsize = 0, entries;
	EFI_PHYSICAL_ADDRESS out_addr;
	UINT32 dver;
	EFI_STATUS st;
	void *map;
	int i;

	st = uefi_call_wrapper(BS->GetMemoryMap, 5, &size, NULL, &key, &dsize,
			       &dver);
	if (st != EFI_BUFFER_TOO_SMALL || !dsize)
		ldr_die_raw("GetMemoryMap gives no size");
	/* Room for the entries our own allocations below add, and more. The
	 * buffers are never freed: the hypervisor reads the converted map. */
	cap = size + 64 * dsize;
	map = AllocatePool(cap);
	entries = cap / dsize;
	st = uefi_call_wrapper(BS->AllocatePages, 4, AllocateAnyPages,
			       EfiLoaderData,
			       EFI_SIZE_TO_PAGES(entries *
						 sizeof(struct bh_memmap_entry)),
			       &out_addr);
	if (!map || EFI_ERROR(st))
		ldr_die_raw("no memory for the final memory map");
	ldr_log("leaving boot services, entering the hypervisor");
	for (i = 0; i < EBS_ATTEMPTS; i++) {
		size = cap;
		st = uefi_call_wrapper(BS->GetMemoryMap, 5, &size, map, &key,
				       &dsize, &dver);
		if (EFI_ERROR(st))
			break;
		st = uefi_call_wrapper(BS->ExitBootServices, 2, image, key);
		if (st != EFI_INVALID_PARAMETER)
			break;	/* success, or an error a retry won't fix */
	}
	if (EFI_ERROR(st))
		ldr_die_raw("ExitBootServices failed; boot services may be "
			    "half gone, so the loader cannot return");
	ho->memmap_phys = out_addr;
	ho->memmap_entries = convert_map(map, size, dsize,
					 (struct bh_memmap_entry *)out_addr,
					 (u32)entries);
}
