/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Bulkhead's UEFI loader (`\EFI\BOOT\BOOTX64.EFI`).
 *
 * Reads `\bulkhead\hypervisor.bin` and `\bulkhead\system.img` from its own
 * volume, verifies both with the shared reader (core/lib/image.c), claims
 * the hypervisor's and every cell's memory at the configured addresses,
 * leaves boot services and enters the hypervisor as include/bulkhead/
 * handoff.h describes. Any failure before ExitBootServices is reported on
 * the UEFI console and COM1, everything claimed is released, and control
 * returns to the firmware.
 */
#include <efi.h>
#include <efilib.h>

#include <bulkhead/sha256.h>
#include <bulkhead/handoff.h>
#include <bulkhead/x86.h>
#include "image_reader.h"
#include "bh_string.h"
#include "loader.h"

static EFI_GUID acpi20_guid = ACPI_20_TABLE_GUID;

#define HV_PATH L"\\bulkhead\\hypervisor.bin"
#define IMAGE_PATH L"\\bulkhead\\system.img"
#define HV_NAME "\\bulkhead\\hypervisor.bin"
#define IMAGE_NAME "\\bulkhead\\system.img"

/* Fixed virtual layout of the loader's page tables: one PML4, one PDPT per
 * 512 GiB identity-mapped (we map at most 512 GiB), one PD per GiB, plus a
 * PDPT and a PD for the hypervisor's high mapping (at most 1 GiB). */
#define MAX_IDENTITY_GIB 512ULL
#define GIB (1ULL << 30)

struct claim {
	EFI_PHYSICAL_ADDRESS start;
	UINTN pages;
	bool configured;	/* hypervisor or cell memory, not a loader buffer */
};

#define MAX_CLAIMS (2 + BH_MAX_CELLS * 64)

static struct claim claims[MAX_CLAIMS];
static unsigned int num_claims;

static void free_claims(void)
{
	while (num_claims) {
		struct claim *c = &claims[--num_claims];

		uefi_call_wrapper(BS->FreePages, 2, c->start, c->pages);
	}
}

static EFI_STATUS alloc_pages(EFI_ALLOCATE_TYPE how, UINTN pages,
			      EFI_PHYSICAL_ADDRESS *addr)
{
	EFI_STATUS st;

	if (num_claims == MAX_CLAIMS)
		return EFI_OUT_OF_RESOURCES;
	st = uefi_call_wrapper(BS->AllocatePages, 4, how, EfiLoaderData, pages,
			       addr);
	if (!EFI_ERROR(st))
		claims[num_claims++] = (struct claim){ *addr, pages, false };
	return st;
}

static EFI_STATUS alloc_pages_any(UINTN pages, EFI_PHYSICAL_ADDRESS *addr)
{
	return alloc_pages(AllocateAnyPages, pages, addr);
}

static EFI_STATUS alloc_pages_below(UINTN pages, u64 max,
				    EFI_PHYSICAL_ADDRESS *addr)
{
	*addr = max;
	return alloc_pages(AllocateMaxAddress, pages, addr);
}

/* Name whatever keeps [start, end) from being claimed. */
static void explain_conflict(u64 start, u64 end)
{
	EFI_MEMORY_DESCRIPTOR *map, *d;
	UINTN entries, key, dsize;
	UINT32 dver;
	UINTN i;
	bool covered = false;

	map = LibMemoryMap(&entries, &key, &dsize, &dver);
	if (!map)
		return;
	for (i = 0, d = map; i < entries;
	     i++, d = (void *)((u8 *)d + dsize)) {
		u64 ds = d->PhysicalStart;
		u64 de = ds + d->NumberOfPages * EFI_PAGE_SIZE;

		if (de <= start || ds >= end)
			continue;
		covered = true;
		if (d->Type == EfiLoaderData)
			ldr_log("  [0x%llx-0x%llx) is EfiLoaderData: the "
				"loader's own buffers may lie there; move the "
				"region", (unsigned long long)ds,
				(unsigned long long)de);
		else if (d->Type != EfiConventionalMemory)
			ldr_log("  firmware holds [0x%llx-0x%llx) as %s",
				(unsigned long long)ds, (unsigned long long)de,
				ldr_efi_mem_type_name(d->Type));
	}
	if (!covered)
		ldr_log("  [0x%llx-0x%llx) is not RAM in the firmware's memory "
			"map", (unsigned long long)start,
			(unsigned long long)end);
	FreePool(map);
}

/* Claim [start, end) except what earlier configured claims already hold:
 * cells may share regions (BH_MEM_SHARED), and those are claimed once. A
 * range that meets one of the loader's own buffers fails like any range the
 * firmware holds, and explain_conflict() names it. */
static EFI_STATUS claim_range(u64 start, u64 end, const char *who)
{
	EFI_PHYSICAL_ADDRESS addr = start;
	EFI_STATUS st;
	unsigned int i;

	if (start >= end)
		return EFI_SUCCESS;
	for (i = 0; i < num_claims; i++) {
		u64 cs = claims[i].start;
		u64 ce = cs + claims[i].pages * EFI_PAGE_SIZE;

		if (claims[i].configured && cs < end && start < ce) {
			st = claim_range(start, cs, who);
			return EFI_ERROR(st) ? st : claim_range(ce, end, who);
		}
	}
	if (num_claims == MAX_CLAIMS) {
		ldr_log("error: %s: more than %u separate memory claims",
			who, MAX_CLAIMS);
		return EFI_OUT_OF_RESOURCES;
	}
	st = uefi_call_wrapper(BS->AllocatePages, 4, AllocateAddress,
			       EfiLoaderData, (end - start) / EFI_PAGE_SIZE,
			       &addr);
	if (EFI_ERROR(st)) {
		ldr_log("error: %s [0x%llx-0x%llx) cannot be claimed: %s", who,
			(unsigned long long)start, (unsigned long long)end,
			ldr_status_name(st));
		explain_conflict(start, end);
		return st;
	}
	claims[num_claims++] = (struct claim){ start,
					       (end - start) / EFI_PAGE_SIZE,
					       true };
	return EFI_SUCCESS;
}

static EFI_STATUS claim_memory(const struct bh_image_view *v)
{
	const struct bh_memory *hv = &v->set.system->hypervisor_memory;
	const struct bh_memory *shm = &v->set.system->shmem_memory;
	char who[96];
	EFI_STATUS st;
	u32 c, i;

	st = claim_range(hv->phys_start, hv->phys_start + hv->size,
			 "hypervisor memory");
	if (!EFI_ERROR(st) && shm->size)
		st = claim_range(shm->phys_start, shm->phys_start + shm->size,
				 "the shared-memory links' memory "
				 "(shmem_memory)");
	for (c = 0; c < v->set.num_cells && !EFI_ERROR(st); c++) {
		const struct bh_cell_desc *d = v->set.cells[c].desc;
		const struct bh_memory *m = bh_cell_mem_regions(d);

		for (i = 0; i < d->num_memory_regions && !EFI_ERROR(st); i++) {
			if (m[i].flags & (BH_MEM_IO | BH_MEM_COMM_REGION))
				continue;
			bh_snprintf(who, sizeof(who),
				    "cell \"%s\" memory region %u",
				    bh_cell_name(d), i);
			st = claim_range(m[i].phys_start,
					 m[i].phys_start + m[i].size, who);
		}
	}
	return st;
}

/* Read a whole file from the loader's own volume into fresh pages. */
static EFI_STATUS read_file(EFI_FILE_HANDLE root, CHAR16 *path,
			    const char *name, void **buf, u64 *len)
{
	EFI_FILE_HANDLE file;
	EFI_FILE_INFO *info;
	EFI_PHYSICAL_ADDRESS addr;
	EFI_STATUS st;
	UINTN size;

	st = uefi_call_wrapper(root->Open, 5, root, &file, path,
			       EFI_FILE_MODE_READ, 0);
	if (EFI_ERROR(st)) {
		ldr_log("error: %s: cannot open: %s", name,
			ldr_status_name(st));
		return st;
	}
	info = LibFileInfo(file);
	if (!info) {
		ldr_log("error: %s: cannot stat", name);
		uefi_call_wrapper(file->Close, 1, file);
		return EFI_DEVICE_ERROR;
	}
	size = info->FileSize;
	FreePool(info);
	st = alloc_pages_any(EFI_SIZE_TO_PAGES(size ? size : 1), &addr);
	if (!EFI_ERROR(st)) {
		*buf = (void *)addr;
		*len = size;
		st = uefi_call_wrapper(file->Read, 3, file, &size, *buf);
		if (!EFI_ERROR(st) && size != *len)
			st = EFI_END_OF_FILE;
		if (EFI_ERROR(st))
			ldr_log("error: %s: read failed: %s", name,
				ldr_status_name(st));
	} else {
		ldr_log("error: %s: no memory for %llu bytes", name,
			(unsigned long long)size);
	}
	uefi_call_wrapper(file->Close, 1, file);
	return st;
}

static void emit_log(void *ctx, const char *msg)
{
	(void)ctx;
	ldr_log("error: %s", msg);
}

static struct bh_report report = { emit_log, NULL, 0 };

/* Page tables for the hand-off: identity map [0, ident_end) and the
 * hypervisor memory at its link address, all with 2 MiB pages. */
static EFI_STATUS build_page_tables(u64 ident_end, u64 hv_phys, u64 hv_size,
				    u64 link, u64 *cr3)
{
	u64 gib = ident_end / GIB, pages = 1 + 1 + gib + 1 + 1, *pml4, *pdpt;
	u64 *hpdpt, *hpd, i;
	EFI_PHYSICAL_ADDRESS base;
	EFI_STATUS st;

	st = alloc_pages_any(pages, &base);
	if (EFI_ERROR(st))
		return st;
	memset((void *)base, 0, pages * EFI_PAGE_SIZE);
	pml4 = (u64 *)base;
	pdpt = pml4 + 512;
	hpdpt = pdpt + 512 * (1 + gib);
	hpd = hpdpt + 512;
	pml4[0] = (u64)pdpt | PTE_P | PTE_RW;
	for (i = 0; i < gib; i++) {
		u64 *pd = pdpt + 512 * (1 + i);
		unsigned int j;

		pdpt[i] = (u64)pd | PTE_P | PTE_RW;
		for (j = 0; j < 512; j++)
			pd[j] = (i * GIB + j * PAGE_SIZE_2M) | PTE_P | PTE_RW | PTE_PS;
	}
	pml4[(link >> 39) & 511] = (u64)hpdpt | PTE_P | PTE_RW;
	hpdpt[(link >> 30) & 511] = (u64)hpd | PTE_P | PTE_RW;
	for (i = 0; i < hv_size / PAGE_SIZE_2M; i++)
		hpd[((link >> 21) & 511) + i] = (hv_phys + i * PAGE_SIZE_2M) |
						PTE_P | PTE_RW | PTE_PS;
	*cr3 = base;
	return EFI_SUCCESS;
}

struct loaded {
	const struct bh_hv_header *hv;
	u64 hv_len;
	void *img;
	u64 img_len;
	struct bh_image_view view;
};

static EFI_STATUS load_and_verify(EFI_HANDLE image, struct loaded *l)
{
	EFI_LOADED_IMAGE *li;
	EFI_FILE_HANDLE root;
	EFI_STATUS st;
	void *hv;

	st = uefi_call_wrapper(BS->HandleProtocol, 3, image,
			       &LoadedImageProtocol, (void **)&li);
	if (EFI_ERROR(st))
		return st;
	root = LibOpenRoot(li->DeviceHandle);
	if (!root) {
		ldr_log("error: cannot open the loader's own volume");
		return EFI_NOT_FOUND;
	}
	st = read_file(root, HV_PATH, HV_NAME, &hv, &l->hv_len);
	if (!EFI_ERROR(st))
		st = read_file(root, IMAGE_PATH, IMAGE_NAME, &l->img,
			       &l->img_len);
	uefi_call_wrapper(root->Close, 1, root);
	if (EFI_ERROR(st))
		return st;
	l->hv = hv;
	ldr_log("SHA-256 %s", sha256_use_instructions(true) ?
		"with the CPU's SHA instructions" :
		"with the portable code (the CPU has no SHA instructions)");
	if (bh_hv_check(hv, l->hv_len, HV_NAME, &report))
		return EFI_SECURITY_VIOLATION;
	ldr_log("verified " HV_NAME " (%llu bytes)",
		(unsigned long long)l->hv_len);
	if (bh_image_open(&l->view, l->img, l->img_len, l->hv,
			  IMAGE_NAME, &report))
		return EFI_SECURITY_VIOLATION;
	ldr_log("verified " IMAGE_NAME " (%llu bytes, %u cells)",
		(unsigned long long)l->img_len, l->view.set.num_cells);
	return EFI_SUCCESS;
}

/* ACPI 2.0+ RSDP if the firmware has one, else the 1.0 one, else 0. */
static u64 find_rsdp(void)
{
	void *rsdp = NULL;

	if (EFI_ERROR(LibGetSystemConfigurationTable(&acpi20_guid, &rsdp)) &&
	    EFI_ERROR(LibGetSystemConfigurationTable(&AcpiTableGuid, &rsdp)))
		return 0;
	return (u64)rsdp;
}

/* Everything that needs boot services, short of leaving them. */
static EFI_STATUS prepare(EFI_HANDLE image, struct loaded *l,
			  struct bh_handoff **ho, u64 *cr3, u64 *ident_end)
{
	struct bh_machine_range r[BH_HANDOFF_RANGES];
	const struct bh_memory *hvm;
	EFI_PHYSICAL_ADDRESS addr;
	EFI_STATUS st;

	st = load_and_verify(image, l);
	if (EFI_ERROR(st))
		return st;
	st = claim_memory(&l->view);
	if (EFI_ERROR(st))
		return st;
	hvm = &l->view.set.system->hypervisor_memory;
	*ident_end = ldr_top_of_memory();
	if (*ident_end > MAX_IDENTITY_GIB * GIB) {
		ldr_log("error: memory beyond 512 GiB is not supported");
		return EFI_UNSUPPORTED;
	}
	st = build_page_tables(*ident_end, hvm->phys_start, hvm->size,
			       l->hv->link_address, cr3);
	if (EFI_ERROR(st))
		return st;
	st = alloc_pages_any(1, &addr);
	if (EFI_ERROR(st))
		return st;
	*ho = (struct bh_handoff *)addr;
	memset(*ho, 0, EFI_PAGE_SIZE);
	/* A SIPI can only start a CPU below 1 MiB. */
	st = alloc_pages_below(EFI_SIZE_TO_PAGES(BH_TRAMPOLINE_SIZE), 0xfffff,
			       &addr);
	if (EFI_ERROR(st)) {
		ldr_log("error: no free page below 1 MiB for starting the "
			"other CPUs: %s", ldr_status_name(st));
		return st;
	}
	(*ho)->trampoline_phys = addr;
	(*ho)->magic = BH_HANDOFF_MAGIC;
	(*ho)->version = BH_HANDOFF_VERSION;
	(*ho)->loader_version = BH_LOADER_VERSION;
	(*ho)->hv_phys = hvm->phys_start;
	(*ho)->hv_size = hvm->size;
	(*ho)->image_phys = (u64)l->img;
	(*ho)->image_size = l->img_len;
	(*ho)->identity_map_end = *ident_end;
	(*ho)->acpi_rsdp = find_rsdp();
	/* The configs were checked without knowing where this loader would
	 * put the image and the trampoline page: no cell may cover them. */
	if (bh_config_check_machine(&l->view.set, r,
				    bh_handoff_ranges(*ho, r), &report))
		return EFI_SECURITY_VIOLATION;
	/* The hypervisor's own memory: its image, then zeroes. */
	memcpy((void *)hvm->phys_start, l->hv, l->hv_len);
	memset((u8 *)hvm->phys_start + l->hv_len, 0, hvm->size - l->hv_len);
	return EFI_SUCCESS;
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	struct bh_handoff *ho = NULL;
	static struct loaded l;
	u64 cr3 = 0, ident_end = 0;
	EFI_STATUS st;

	InitializeLib(image, systab);
	ldr_console_init();
	ldr_log("Bulkhead loader %u.%u", BH_LOADER_VERSION >> 16,
		BH_LOADER_VERSION & 0xffff);
	st = prepare(image, &l, &ho, &cr3, &ident_end);
	if (!EFI_ERROR(st))
		ldr_exit_boot_services(image, ho);	/* returns only on success */
	if (EFI_ERROR(st)) {
		free_claims();
		ldr_log("nothing changed; returning to the firmware (%s)",
			ldr_status_name(st));
		return st;
	}
	ldr_enter_hypervisor(cr3, l.hv->entry, ho);
}
