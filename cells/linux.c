/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Cell "linux": Debian's stock kernel (make deps fetches it) with the
 * project's busybox initramfs, on CPUs 5 and 6 with 255 MiB of RAM, its
 * console on COM2. It owns the legacy devices a PC kernel needs: the PIT
 * (and port 0x61), the CMOS RTC and COM2, with their IOAPIC pins, and two
 * PCI functions, a virtio network card and a virtio disk (cells/qemu-devices
 * puts them at 00:11.0 and 00:12.0), whose DMA the IOMMU confines to the
 * cell's RAM; every other port, PCI function and MMIO address looks
 * absent. The image
 * builder turns the Linux section into the kernel, initramfs, boot
 * parameters and ACPI tables (Documentation/linux-cell.md); the cell
 * starts in the boot shim. Field reference: Documentation/config-format.md.
 */
#include <bulkhead/config.h>

/* Test images add parameters, use other CPUs or the test initramfs
 * (tests/qemu/cells/linux-*.c). */
#ifndef LINUX_EXTRA_CMDLINE
#define LINUX_EXTRA_CMDLINE ""
#endif
#ifndef LINUX_EXTRA_FLAGS
#define LINUX_EXTRA_FLAGS 0
#endif
/* Debian's kernel knows no Jailhouse: the cell's CPUID names KVM, with
 * no paravirtual feature, so that it keeps the x2APIC (config.h). */
#ifndef LINUX_CPUID
#define LINUX_CPUID BH_CELL_CPUID_KVM
#endif
#ifndef LINUX_CPUS
#define LINUX_CPUS (1ULL << 5 | 1ULL << 6)
#endif
#ifndef LINUX_KERNEL
#define LINUX_KERNEL "build/linux/vmlinuz"
#endif
#ifndef LINUX_INITRD
#define LINUX_INITRD "build/linux/initramfs.cpio.gz"
#endif
/* IOAPIC pins it owns beyond the legacy devices' (a pin bitmap). */
#ifndef LINUX_EXTRA_PINS
#define LINUX_EXTRA_PINS 0
#endif
/* PCI functions it owns: LINUX_NUM_PCI entries LINUX_PCI; the demo's
 * network card and disk unless a test image says otherwise. Both virtio
 * 1.0 (modern) functions, as QEMU makes them on q35's PCI Express root
 * bus; Debian's virtio_pci, virtio_net and virtio_blk drive them
 * (inmates/linux/modules), with MSI-X. */
#ifndef LINUX_NUM_PCI
#define LINUX_NUM_PCI 2
#define LINUX_PCI							\
	{								\
		.type = BH_PCI_TYPE_DEVICE,				\
		.bdf = 0x0088,		/* 00:11.0 */			\
		.vendor_id = 0x1af4,	/* virtio network card */	\
		.device_id = 0x1041,					\
	}, {								\
		.type = BH_PCI_TYPE_DEVICE,				\
		.bdf = 0x0090,		/* 00:12.0 */			\
		.vendor_id = 0x1af4,	/* virtio disk */		\
		.device_id = 0x1042,					\
	}
#endif

struct {
	struct bh_cell_desc cell;
	struct bh_memory mem_regions[3];
	struct bh_irqchip irqchips[1];
	struct bh_pio pio_regions[4];
	struct bh_pci_device pci_devices[LINUX_NUM_PCI];
	struct bh_linux linux_boot[1];
	struct bh_blob blobs[1];
} BH_PACKED config = {
	.cell = {
		.signature = BH_CELL_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		.name = "linux",
		/* It votes through its driver (inmates/linux/driver). */
		.flags = BH_CELL_FOREIGN_ABSENT | LINUX_CPUID |
			 LINUX_EXTRA_FLAGS,
		.cpus = LINUX_CPUS,
		.num_memory_regions = BH_ARRAY_SIZE(config.mem_regions),
		.num_irqchips = BH_ARRAY_SIZE(config.irqchips),
		.num_pio_regions = BH_ARRAY_SIZE(config.pio_regions),
		.num_pci_devices = LINUX_NUM_PCI,
		.num_linux = BH_ARRAY_SIZE(config.linux_boot),
		.num_blobs = BH_ARRAY_SIZE(config.blobs),
		.cpu_reset_address = 0,
		/* Its driver looks every 10 ms; a second is generous. */
		.msg_reply_timeout = 1000000,
		.console = {
			.address = 0x2f8,	/* COM2 */
			.size = 8,
			.type = BH_CON_TYPE_8250,
			.flags = BH_CON_ACCESS_PIO | BH_CON_REGDIST_1,
		},
	},
	.mem_regions = {
		/* low RAM: boot shim, boot parameters, ACPI tables; its
		 * devices' DMA may reach all of the cell's RAM, as on a PC */ {
			.phys_start = 0x10000000,
			.virt_start = 0,
			.size = 0x00100000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE |
				 BH_MEM_DMA,
		},
		/* comm region */ {
			.virt_start = 0x00100000,
			.size = 0x1000,
			.flags = BH_MEM_READ | BH_MEM_WRITE |
				 BH_MEM_COMM_REGION,
		},
		/* RAM: the kernel at 16 MiB, the initramfs at the top */ {
			.phys_start = 0x10200000,
			.virt_start = 0x00200000,
			.size = 0x0fe00000,
			.flags = BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE |
				 BH_MEM_DMA,
		},
	},
	.irqchips = {
		{
			.address = 0xfec00000,
			.id = 0xff00,
			/* PIT (ISA IRQ 0 is GSI 2), COM2, RTC, and what a
			 * test adds (LINUX_EXTRA_PINS: its functions' INTx) */
			.pin_bitmap = { 1U << 2 | 1U << 3 | 1U << 8 |
					LINUX_EXTRA_PINS },
		},
	},
	.pio_regions = {
		{ .base = 0x40, .length = 4 },	/* PIT */
		{ .base = 0x61, .length = 1 },	/* PIT gate, speaker */
		{ .base = 0x70, .length = 2 },	/* CMOS RTC */
		{ .base = 0x2f8, .length = 8 },	/* COM2 */
	},
	.pci_devices = { LINUX_PCI },
	.linux_boot = {
		{
			.kernel = LINUX_KERNEL,
			.initrd = LINUX_INITRD,
			/* A panic reboots at once: through the reset
			 * register of the cell's FADT, which restarts the
			 * cell alone (reboot=t would make it a triple fault,
			 * and the cell FAILED). */
			.cmdline = "console=ttyS1,115200 "
				   "earlyprintk=serial,ttyS1,115200 "
				   "panic=-1" LINUX_EXTRA_CMDLINE,
		},
	},
	.blobs = {
		{ .file = "build/inmates/linux/shim.bin", .load_address = 0 },
	},
};
