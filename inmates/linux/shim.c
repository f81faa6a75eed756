/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Linux cell's boot shim, its first blob at its reset address. Every
 * CPU of the cell starts here (inmate library start-up: 64-bit mode, 4 GiB
 * identity-mapped); the first to arrive waits for the others, completes
 * what only run time knows in the boot data the image builder prepared
 * (include/bulkhead/linux_boot.h): the setup_data's PM timer, MMCONFIG,
 * clock rates and APIC IDs, the MADT's APIC IDs and IOAPIC ID. Then it
 * enters the kernel's 64-bit entry with RSI pointing at the zero page, as
 * the boot protocol says. The other CPUs wait halted until Linux starts
 * them with INIT and start-up IPIs.
 */
#include <bulkhead/acpi.h>
#include <bulkhead/le.h>
#include <bulkhead/linux_boot.h>

#include "bh_string.h"
#include "inmate.h"

#define ACPI_HDR_LEN	36

static void sort_ids(u8 *ids, u32 n)
{
	u32 i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && ids[j - 1] > ids[j]; j--) {
			u8 t = ids[j];

			ids[j] = ids[j - 1];
			ids[j - 1] = t;
		}
}

/* The MADT in the builder's tables: CPU entries in order get @p ids, the
 * IOAPIC entry the IOAPIC's own ID; then the checksum is made good. */
static int fix_madt(const u8 *ids, u32 n)
{
	const u8 *rsdp = (const u8 *)BH_LINUX_ACPI, *xsdt;
	u8 *madt = NULL;
	u32 len, i, off, cpu = 0;

	if (memcmp(rsdp, "RSD PTR ", 8))
		return -1;
	xsdt = (const u8 *)bh_get64(rsdp + 24);
	for (i = ACPI_HDR_LEN; i < bh_get32(xsdt + 4); i += 8) {
		u8 *t = (u8 *)bh_get64(xsdt + i);

		if (!memcmp(t, "APIC", 4))
			madt = t;
	}
	if (!madt)
		return -1;
	len = bh_get32(madt + 4);
	for (off = ACPI_HDR_LEN + 8; off + 2 <= len; off += madt[off + 1]) {
		if (madt[off] == 0 && cpu < n)
			madt[off + 3] = ids[cpu++];
		else if (madt[off] == 1)
			madt[off + 2] = (u8)((ioapic_read(0) >> 24) & 0xf);
		if (!madt[off + 1])
			return -1;
	}
	madt[9] = 0;
	madt[9] = (u8)-acpi_checksum(madt, len);
	return cpu == n ? 0 : -1;
}

void inmate_main(void)
{
	u8 *zp = (u8 *)BH_LINUX_PARAMS;
	struct bh_jailhouse_setup_data *sd =
		(struct bh_jailhouse_setup_data *)BH_LINUX_SETUP_DATA;
	u32 n = comm_region->num_cpus, i;
	u64 deadline = pm_timer_read_ns() + 1000000000ULL, entry;

	if (memcmp(zp + BP_HEADER_MAGIC, "HdrS", 4) ||
	    sd->type != SETUP_JAILHOUSE) {
		printk("linux shim: no Linux boot parameters at 0x%llx\n",
		       (unsigned long long)BH_LINUX_PARAMS);
		goto failed;
	}
	while (cpus_arrived < n && pm_timer_read_ns() < deadline)
		cpu_relax();
	if (cpus_arrived != n) {
		printk("linux shim: %u of the cell's %u CPUs arrived\n",
		       cpus_arrived, n);
		goto failed;
	}
	sd->pm_timer_address = comm_region->pm_timer_address;
	sd->num_cpus = (u16)n;
	sd->pci_mmconfig_base = comm_region->pci_mmconfig_base;
	sd->tsc_khz = comm_region->tsc_khz;
	sd->apic_khz = comm_region->apic_khz;
	for (i = 0; i < n; i++)
		sd->cpu_ids[i] = (u8)smp_cpu_ids[i];
	sort_ids(sd->cpu_ids, n);
	if (fix_madt(sd->cpu_ids, n)) {
		printk("linux shim: the ACPI tables at 0x%llx are not the "
		       "builder's\n", (unsigned long long)BH_LINUX_ACPI);
		goto failed;
	}
	entry = bh_get32(zp + BP_CODE32_START) + 0x200ULL;
	printk("linux shim: %u CPUs, TSC %u kHz, APIC timer %u kHz; entering "
	       "the kernel at 0x%llx\n", n, sd->tsc_khz, sd->apic_khz,
	       (unsigned long long)entry);
	asm volatile("cli\n\t"
		     "xor %%edi, %%edi\n\t"
		     "jmp *%0"
		     : : "r"(entry), "S"(zp) : "memory");
	__builtin_unreachable();
failed:
	comm_region->cell_state = CELL_FAILED;
	stop();
}
