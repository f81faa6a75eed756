/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Boot data of a Linux cell (see linux_cell.h).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <bulkhead/le.h>

#include "linux_cell.h"

#define MIB		0x100000ULL
#define IOAPIC_STANDARD	0xfec00000ULL
#define LAPIC_STANDARD	0xfee00000ULL

static const u16 legacy_uarts[4] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 };

int linux_kernel_parse(const u8 *k, u64 len, struct linux_kernel_info *ki,
		       char *err, size_t errlen)
{
	u32 setup_sects;

	if (len < 0x268 || memcmp(k + BP_HEADER_MAGIC, "HdrS", 4)) {
		snprintf(err, errlen, "not a Linux bzImage (no \"HdrS\" at "
			 "0x202)");
		return -1;
	}
	ki->version = (u16)(k[BP_VERSION] | k[BP_VERSION + 1] << 8);
	if (ki->version < 0x020c) {
		snprintf(err, errlen, "boot protocol %u.%02u, at least 2.12 "
			 "needed", (unsigned int)ki->version >> 8,
			 (unsigned int)ki->version & 0xff);
		return -1;
	}
	if (!((k[BP_XLOADFLAGS] | k[BP_XLOADFLAGS + 1] << 8) & XLF_KERNEL_64)) {
		snprintf(err, errlen, "the kernel has no 64-bit entry "
			 "(XLF_KERNEL_64)");
		return -1;
	}
	if (!k[BP_RELOCATABLE]) {
		snprintf(err, errlen, "the kernel is not relocatable");
		return -1;
	}
	setup_sects = k[BP_SETUP_SECTS] ? k[BP_SETUP_SECTS] : 4;
	ki->setup_size = (setup_sects + 1) * 512ULL;
	ki->header_end = 0x202 + k[BP_JUMP + 1];
	ki->pref_address = bh_get64(k + BP_PREF_ADDRESS);
	ki->init_size = bh_get32(k + BP_INIT_SIZE);
	ki->cmdline_size = bh_get32(k + BP_CMDLINE_SIZE);
	ki->initrd_addr_max = bh_get32(k + BP_INITRD_ADDR_MAX);
	if (ki->setup_size >= len || ki->header_end > BP_E820_TABLE ||
	    ki->header_end > len ||
	    (ki->pref_address & (BH_PAGE_SIZE - 1)) || ki->pref_address < 2 * MIB) {
		snprintf(err, errlen, "inconsistent setup header (setup %llu "
			 "bytes of %llu, preferred address 0x%llx)",
			 (unsigned long long)ki->setup_size,
			 (unsigned long long)len,
			 (unsigned long long)ki->pref_address);
		return -1;
	}
	return 0;
}

/* RAM the kernel may use as such: the cell's own, readable and
 * writable. */
static bool is_kernel_ram(const struct bh_memory *m)
{
	return bh_mem_is_ram(m) && (m->flags & (BH_MEM_READ | BH_MEM_WRITE)) ==
	       (BH_MEM_READ | BH_MEM_WRITE);
}

/* The RAM region holding guest [start, start + size), or NULL. */
static const struct bh_memory *ram_holding(const struct bh_cell_desc *d,
					   u64 start, u64 size)
{
	const struct bh_memory *m = bh_cell_mem_regions(d);
	u32 i;

	for (i = 0; i < d->num_memory_regions; i++)
		if (is_kernel_ram(&m[i]) && start >= m[i].virt_start &&
		    start + size <= m[i].virt_start + m[i].size)
			return &m[i];
	return NULL;
}

static void e820_add(u8 *zp, u32 *n, u64 addr, u64 size, u32 type)
{
	struct bh_e820 e = { addr, size, type };

	if (*n < BP_E820_MAX)
		memcpy(zp + BP_E820_TABLE + 20 * *n, &e, sizeof(e));
	(*n)++;
}

/* The cell's memory in guest order: RAM (the low MiB split around the
 * ACPI tables and the legacy hole), the comm region reserved. */
static int build_e820(struct linux_cell *lc, char *err, size_t errlen)
{
	const struct bh_cell_desc *d = lc->desc;
	const struct bh_memory *m = bh_cell_mem_regions(d);
	u64 last = 0;
	u32 n = 0;

	for (;;) {
		const struct bh_memory *next = NULL;
		u32 i;

		for (i = 0; i < d->num_memory_regions; i++)
			if ((is_kernel_ram(&m[i]) || m[i].flags & BH_MEM_COMM_REGION)
			    && m[i].virt_start >= last &&
			    (!next || m[i].virt_start < next->virt_start))
				next = &m[i];
		if (!next)
			break;
		last = next->virt_start + next->size;
		if (next->flags & BH_MEM_COMM_REGION) {
			e820_add(lc->params, &n, next->virt_start, next->size,
				 E820_RESERVED);
		} else if (next->virt_start == 0) {
			e820_add(lc->params, &n, 0, BH_LINUX_LOW_RAM_END,
				 E820_RAM);
			e820_add(lc->params, &n, BH_LINUX_ACPI,
				 BH_LINUX_ACPI_SIZE, E820_ACPI);
			if (next->size > MIB)
				e820_add(lc->params, &n, MIB, next->size - MIB,
					 E820_RAM);
		} else {
			e820_add(lc->params, &n, next->virt_start, next->size,
				 E820_RAM);
		}
	}
	if (n > BP_E820_MAX) {
		snprintf(err, errlen, "%u e820 entries, at most %u", n,
			 (unsigned int)BP_E820_MAX);
		return -1;
	}
	lc->params[BP_E820_ENTRIES] = (u8)n;
	lc->e820_entries = n;
	return 0;
}

/* The initramfs at the top of the highest RAM it fits in, clear of the
 * kernel and below the kernel's limit and 4 GiB. */
static int place_initrd(struct linux_cell *lc, char *err, size_t errlen)
{
	const struct bh_cell_desc *d = lc->desc;
	const struct bh_memory *m = bh_cell_mem_regions(d);
	u64 limit = (u64)lc->ki->initrd_addr_max + 1, best = 0;
	u64 kernel_end = lc->ki->pref_address + lc->ki->init_size;
	u32 i;

	if (limit > 0x100000000ULL)
		limit = 0x100000000ULL;
	for (i = 0; i < d->num_memory_regions; i++) {
		u64 lo = m[i].virt_start, hi = m[i].virt_start + m[i].size, at;

		if (!is_kernel_ram(&m[i]) || lo < MIB)
			continue;
		if (hi > limit)
			hi = limit;
		if (lo < kernel_end && hi > lc->kernel_load)
			lo = kernel_end;	/* above the kernel */
		if (hi < lc->initrd_size || hi - lc->initrd_size < lo)
			continue;
		at = (hi - lc->initrd_size) & ~(BH_PAGE_SIZE - 1);
		if (at >= lo && at > best)
			best = at;
	}
	if (!best) {
		snprintf(err, errlen, "no RAM above the kernel (which needs "
			 "up to 0x%llx) and below 0x%llx holds the %llu-byte "
			 "initrd", (unsigned long long)kernel_end,
			 (unsigned long long)limit,
			 (unsigned long long)lc->initrd_size);
		return -1;
	}
	lc->initrd_load = best;
	return 0;
}

static void build_setup_data(struct linux_cell *lc)
{
	const struct bh_cell_desc *d = lc->desc;
	const struct bh_irqchip *ic = bh_cell_irqchips(d);
	const struct bh_pio *p = bh_cell_pio(d);
	struct bh_jailhouse_setup_data sd;
	u32 i, u;

	memset(&sd, 0, sizeof(sd));
	sd.type = SETUP_JAILHOUSE;
	sd.len = sizeof(sd) - 16;
	sd.version = JAILHOUSE_SETUP_VERSION;
	sd.compatible_version = JAILHOUSE_SETUP_COMPATIBLE;
	for (i = 0; i < d->num_irqchips; i++)
		if (ic[i].address == IOAPIC_STANDARD)
			sd.standard_ioapic = 1;
	/* A legacy UART counts only if the cell has all 8 of its ports. */
	for (i = 0; i < d->num_pio_regions; i++)
		for (u = 0; u < 4; u++)
			if (p[i].base == legacy_uarts[u] && p[i].length == 8)
				sd.flags |= 1U << u;
	memcpy(lc->params + (BH_LINUX_SETUP_DATA - BH_LINUX_PARAMS), &sd,
	       sizeof(sd));
}

/* A range of guest-physical addresses, [start, end). */
struct gpa_range {
	u64 start, end;
};

#define GIB		0x40000000ULL
#define WINDOWS_END	(1ULL << 40)	/* 1 TiB: 64-bit BARs below it */
#define IOAPIC_TO_4G	0xfec00000ULL	/* IOAPIC, HPET, local APIC, flash */

/*
 * The memory windows of the cell's host bridge: every guest-physical
 * address from 1 MiB up to 1 TiB that is none of the cell's memory
 * regions, not the MMCONFIG window and not the interrupt controllers and
 * firmware below 4 GiB, in at most ACPI_BUILD_MAX_WINDOWS ranges of at
 * least 1 MiB. The
 * BARs the cell's functions get at boot (the firmware's choice) lie there
 * or the hypervisor could not map them at their own address.
 * @return 0, or -1 after writing why into @p err.
 */
static int host_bridge_windows(const struct linux_cell *lc,
			       struct acpi_cell *ac, char *err, size_t errlen)
{
	const struct bh_cell_desc *d = lc->desc;
	const struct bh_memory *m = bh_cell_mem_regions(d);
	const struct bh_platform_info *pi = &lc->sys->platform_info;
	const struct bh_shmem_link *l = bh_system_shmem_links(lc->sys);
	struct gpa_range busy[64 + 3 + BH_MAX_SHMEM_LINKS];
	u32 n = 0, i, j, k;
	u64 at = MIB;

	if (d->num_memory_regions > BH_ARRAY_SIZE(busy) - 3 -
	    BH_MAX_SHMEM_LINKS) {
		snprintf(err, errlen, "more than %u memory regions for the PCI "
			 "host bridge's windows",
			 (unsigned int)BH_ARRAY_SIZE(busy) - 3 -
			 BH_MAX_SHMEM_LINKS);
		return -1;
	}
	busy[n++] = (struct gpa_range){ 0, MIB };
	busy[n++] = (struct gpa_range){ pi->pci_mmconfig_base,
					pi->pci_mmconfig_base +
					((u64)pi->pci_mmconfig_end_bus + 1) *
					MIB };
	busy[n++] = (struct gpa_range){ IOAPIC_TO_4G, 4 * GIB };
	for (i = 0; i < d->num_memory_regions; i++)
		busy[n++] = (struct gpa_range){ m[i].virt_start,
						m[i].virt_start + m[i].size };
	/* Where the cell sees the memory of its links. */
	for (i = 0; i < lc->sys->num_shmem_links && i < BH_MAX_SHMEM_LINKS;
	     i++)
		for (k = 0; k < l[i].num_peers && k < BH_SHMEM_MAX_PEERS; k++)
			if (!strncmp(l[i].peers[k].cell, d->name,
				     BH_CELL_NAME_LEN)) {
				u64 at_link = l[i].peers[k].virt_start ?:
					      l[i].phys_start;

				busy[n++] = (struct gpa_range){
					at_link, at_link + bh_shmem_size(&l[i])
				};
			}
	/* By start: few enough for insertion. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && busy[j].start < busy[j - 1].start; j--) {
			struct gpa_range t = busy[j];

			busy[j] = busy[j - 1];
			busy[j - 1] = t;
		}
	ac->num_windows = 0;
	for (i = 0; i <= n && at < WINDOWS_END; i++) {
		u64 next = i < n && busy[i].start < WINDOWS_END ?
			   busy[i].start : WINDOWS_END;

		/* A gap of less than 1 MiB between regions is left out. */
		if (next > at && next - at >= MIB) {
			if (ac->num_windows == ACPI_BUILD_MAX_WINDOWS) {
				snprintf(err, errlen, "its memory regions leave "
					 "more than %u gaps for the PCI host "
					 "bridge's windows",
					 ACPI_BUILD_MAX_WINDOWS);
				return -1;
			}
			ac->windows[ac->num_windows].start = at;
			ac->windows[ac->num_windows++].end = next;
		}
		if (i < n && busy[i].end > at)
			at = busy[i].end;
	}
	return 0;
}

/*
 * The _PRT entries of the cell's functions whose config routes their INTx
 * (BH_PCI_INTX): the tables describe the cell's first irqchip, at GSI 0,
 * and the host bridge's bus 0; the config does not say which of INTA-D
 * a function uses, so all four of its slot go to its GSI, and two
 * functions of one slot must name the same.
 */
static int intx_routes(const struct linux_cell *lc, struct acpi_cell *ac,
		       char *err, size_t errlen)
{
	const struct bh_pci_device *p = bh_cell_pci_devices(lc->desc);
	u32 i, k;

	ac->num_prt = 0;
	for (i = 0; i < lc->desc->num_pci_devices; i++) {
		u8 slot = (u8)((p[i].bdf >> 3) & 0x1f);

		if (!(p[i].flags & BH_PCI_INTX))
			continue;
		if (p[i].intx_irqchip || p[i].bdf >> 8) {
			snprintf(err, errlen, "PCI device %u: its INTx can be "
				 "described to Linux only on bus 0 and the "
				 "cell's first irqchip (BH_PCI_INTX names "
				 "irqchip %u, the device is on bus %u)", i,
				 p[i].intx_irqchip, (u32)p[i].bdf >> 8);
			return -1;
		}
		for (k = 0; k < ac->num_prt && ac->prt[k].slot != slot; k++)
			;
		if (k < ac->num_prt && ac->prt[k].gsi != p[i].intx_pin) {
			snprintf(err, errlen, "PCI device %u: slot %u's INTx "
				 "is routed to pin %u and to pin %u, which the "
				 "_PRT cannot tell apart", i, slot,
				 ac->prt[k].gsi, p[i].intx_pin);
			return -1;
		}
		if (k == ACPI_BUILD_MAX_PRT) {
			snprintf(err, errlen, "PCI device %u: more than %u "
				 "slots with INTx routes", i,
				 ACPI_BUILD_MAX_PRT);
			return -1;
		}
		if (k == ac->num_prt) {
			ac->prt[k].slot = slot;
			ac->prt[k].gsi = p[i].intx_pin;
			ac->num_prt++;
		}
	}
	return 0;
}

static int build_acpi(struct linux_cell *lc, char *err, size_t errlen)
{
	const struct bh_cell_desc *d = lc->desc;
	const struct bh_irqchip *ic = bh_cell_irqchips(d);
	struct acpi_cell ac;
	struct acpi_layout lay;
	u32 cpu;

	memset(&ac, 0, sizeof(ac));
	for (cpu = 0; cpu < BH_MAX_CPUS; cpu++)
		if (d->cpus & (1ULL << cpu))
			ac.apic_ids[ac.num_cpus++] = (u8)cpu;	/* placeholder */
	ac.lapic_address = LAPIC_STANDARD;
	if (d->num_irqchips) {
		ac.has_ioapic = true;
		ac.ioapic_address = ic[0].address;
	}
	ac.pm_timer_port = lc->sys->platform_info.pm_timer_address;
	if (bh_cell_sees_pci(lc->sys, d)) {
		ac.mmconfig_base = lc->sys->platform_info.pci_mmconfig_base;
		ac.mmconfig_end_bus = lc->sys->platform_info.pci_mmconfig_end_bus;
		if (host_bridge_windows(lc, &ac, err, errlen) ||
		    intx_routes(lc, &ac, err, errlen))
			return -1;
	}
	if (acpi_build(lc->acpi, BH_LINUX_ACPI, &ac, &lay)) {
		snprintf(err, errlen, "the cell cannot be described in ACPI "
			 "tables");
		return -1;
	}
	lc->acpi_size = lay.size;
	return 0;
}

/* Whether command line @p cl gives option @p opt ("pci=", say). */
static bool has_option(const char *cl, const char *opt)
{
	const char *p;

	for (p = strstr(cl, opt); p; p = strstr(p + 1, opt))
		if (p == cl || p[-1] == ' ')
			return true;
	return false;
}

/* Append to @p buf (@p size bytes, @p len used) as snprintf would; the
 * length returned may exceed @p size: the caller checks it. */
static size_t __attribute__((format(printf, 4, 5)))
append(char *buf, size_t size, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (len < size)
		len += (size_t)vsnprintf(buf + len, size - len, fmt, ap);
	else
		len += (size_t)vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	return len;
}

/*
 * The cell's command line: the config's, then what the cell needs of the
 * image builder; an option the config gives itself wins. Returns its
 * length, which may exceed @p size (then the line is too long).
 */
static size_t build_cmdline(const struct linux_cell *lc, char *buf,
			    size_t size)
{
	const struct bh_cell_desc *d = lc->desc;
	const char *cl = bh_cell_linux(d)->cmdline;
	const struct bh_memory *m = bh_cell_mem_regions(d);
	unsigned int cpus = (unsigned int)__builtin_popcountll(d->cpus);
	size_t len = append(buf, size, 0, "%s", cl);
	u32 i;

	/* The cell's driver (inmates/linux/driver) finds its comm region by
	 * the command line, which the init passes on. */
	for (i = 0; i < d->num_memory_regions; i++)
		if (m[i].flags & BH_MEM_COMM_REGION)
			len = append(buf, size, len,
				     " bulkhead.comm_region=0x%llx",
				     (unsigned long long)m[i].virt_start);
	/* A cell without PCI functions (its own or its links') has no PCI
	 * bus to scan: a kernel that scans without probing
	 * (CONFIG_JAILHOUSE_GUEST's, 256 buses through config ports that
	 * are not the cell's) looks at bus 0 only. */
	if (!bh_cell_sees_pci(lc->sys, d) && !has_option(cl, "pci="))
		len = append(buf, size, len, " pci=lastbus=0");
	/* Quiet when idle (Documentation/linux-cell.md): CPU 0 keeps the
	 * housekeeping (timers, RCU callbacks, unbound work, idle load
	 * balancing), the other CPUs run tick-less, so that no idle CPU
	 * wakes another one by an IPI, which exits. */
	if (cpus >= 2 && !has_option(cl, "nohz_full=") &&
	    !has_option(cl, "isolcpus="))
		len = cpus == 2 ? append(buf, size, len, " nohz_full=1") :
			append(buf, size, len, " nohz_full=1-%u", cpus - 1);
	/* kcompactd's proactive compaction looks at memory twice a second,
	 * a wake-up of an idle CPU each time; a cell's RAM is its own and
	 * fixed, there is nothing to gain. */
	if (!has_option(cl, "sysctl.vm.compaction_proactiveness="))
		len = append(buf, size, len,
			     " sysctl.vm.compaction_proactiveness=0");
	return len;
}

int linux_cell_build(struct linux_cell *lc, char *err, size_t errlen)
{
	const struct linux_kernel_info *ki = lc->ki;
	u8 *zp = lc->params;
	char cmdline[BH_PAGE_SIZE];
	size_t cmdlen = build_cmdline(lc, cmdline, sizeof(cmdline));
	memset(lc->params, 0, sizeof(lc->params));
	memset(lc->acpi, 0, sizeof(lc->acpi));
	if (!ram_holding(lc->desc, 0, MIB)) {
		snprintf(err, errlen, "a Linux cell needs RAM at guest 0 of at "
			 "least 1 MiB (boot shim, parameters, ACPI tables)");
		return -1;
	}
	lc->kernel_load = ki->pref_address - ki->setup_size;
	if (!ram_holding(lc->desc, lc->kernel_load,
			 ki->setup_size + ki->init_size)) {
		snprintf(err, errlen, "the kernel runs at 0x%llx and needs 0x%x "
			 "bytes there (init_size): no RAM region holds "
			 "[0x%llx-0x%llx)", (unsigned long long)ki->pref_address,
			 ki->init_size, (unsigned long long)lc->kernel_load,
			 (unsigned long long)(ki->pref_address + ki->init_size));
		return -1;
	}
	if (cmdlen > ki->cmdline_size || cmdlen >= BH_PAGE_SIZE) {
		snprintf(err, errlen, "command line of %zu bytes (with the "
			 "options the image builder adds: bulkhead.comm_region=,"
			 " pci=, nohz_full=, sysctl.vm.), the kernel takes %u", cmdlen, ki->cmdline_size);
		return -1;
	}
	if (lc->initrd_size && place_initrd(lc, err, errlen))
		return -1;
	if (build_e820(lc, err, errlen))
		return -1;
	if (lc->sys->platform_info.pm_timer_address < 8) {
		snprintf(err, errlen, "the system config names no PM timer, "
			 "which the cell's ACPI tables need");
		return -1;
	}

	memcpy(zp + BP_HDR, lc->kernel + BP_HDR, ki->header_end - BP_HDR);
	zp[BP_TYPE_OF_LOADER] = 0xff;
	bh_put32(zp + BP_CODE32_START, (u32)ki->pref_address);
	bh_put32(zp + BP_RAMDISK_IMAGE, (u32)lc->initrd_load);
	bh_put32(zp + BP_RAMDISK_SIZE, (u32)lc->initrd_size);
	bh_put32(zp + BP_CMD_LINE_PTR, (u32)BH_LINUX_CMDLINE);
	bh_put64(zp + BP_SETUP_DATA, BH_LINUX_SETUP_DATA);
	bh_put64(zp + BP_ACPI_RSDP_ADDR, BH_LINUX_ACPI);
	memcpy(zp + (BH_LINUX_CMDLINE - BH_LINUX_PARAMS), cmdline, cmdlen);
	build_setup_data(lc);
	return build_acpi(lc, err, errlen);
}
