/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Binary format of Bulkhead's system and cell configurations.
 *
 * A configuration is written in C (see cells/) as one packed object named
 * `config`: a descriptor followed by its arrays in a fixed order. The build
 * compiles it and extracts the object's bytes, which the image builder checks
 * and packs into the system image. Field names and flag values follow
 * Jailhouse's cell-config.h wherever the concept is shared; the layout is
 * Bulkhead's own and versioned by ::BH_CONFIG_REVISION.
 *
 * Every integer is little-endian. All structures are packed.
 */
#ifndef BULKHEAD_CONFIG_H
#define BULKHEAD_CONFIG_H

#include <bulkhead/types.h>

/** Bump on any change of a structure below. */
#define BH_CONFIG_REVISION 8

#define BH_SYSTEM_SIGNATURE "BHSYS"	/**< 6 bytes with the NUL */
#define BH_CELL_SIGNATURE "BHCEL"	/**< 6 bytes with the NUL */
#define BH_SIGNATURE_LEN 6

#define BH_CELL_NAME_LEN 32	/**< name buffer, NUL included */
#define BH_BLOB_FILE_LEN 120	/**< blob path buffer, NUL included */
#define BH_LINUX_CMDLINE_LEN 512	/**< Linux command line, NUL included */
#define BH_CMDLINE_LEN 1024	/**< inline command line text, NUL included */

#define BH_MAX_CPUS 64		/**< CPUs addressable by a cell's CPU set */
#define BH_MAX_CELLS 16
#define BH_MAX_BLOBS 8		/**< per cell */
#define BH_PAGE_SIZE 0x1000ULL

/** @name Memory region flags (values as in Jailhouse) */
/**@{*/
#define BH_MEM_READ		0x0001
#define BH_MEM_WRITE		0x0002
#define BH_MEM_EXECUTE		0x0004
#define BH_MEM_DMA		0x0008	/**< also reachable by the cell's devices */
#define BH_MEM_IO		0x0010	/**< device MMIO, not RAM: never claimed as RAM */
#define BH_MEM_COMM_REGION	0x0020	/**< the cell's comm region; phys_start ignored */
#define BH_MEM_LOADABLE		0x0040	/**< a load may replace its contents (Documentation/management.md) */
#define BH_MEM_SHARED		0x0080	/**< may overlap another cell's region that is SHARED too */
#define BH_MEM_NO_HUGEPAGES	0x0100	/**< map with 4 KiB pages only */
#define BH_MEM_KNOWN_FLAGS	0x01ff

/** Where devices' writes are interrupt messages, never memory: no
 * BH_MEM_DMA region may lie there (guest-physical). */
#define BH_MSI_WINDOW_START	0xfee00000u
#define BH_MSI_WINDOW_END	0xfef00000u
/**@}*/

/** @name Cell flags (values as in Jailhouse) */
/**@{*/
#define BH_CELL_PASSIVE_COMMREG			0x00000001 /**< never asked to vote */
/** Jailhouse's x86 test device: the page after the comm region is
 * emulated MMIO whose offsets 0xff8-0xfff are the comm page's bytes
 * there (Documentation/cells.md); for MMIO decoder tests. */
#define BH_CELL_TEST_DEVICE			0x00000002
/** The test device's page: this far after the comm region's address. */
#define BH_TEST_DEVICE_OFFSET			0x1000
/** Ports, MMIO, PCI functions and MSRs that are not the cell's look absent
 * (reads all ones, writes dropped and counted, MSRs raise \#GP) instead of
 * stopping the cell: for a PC operating system that probes (Bulkhead's). */
#define BH_CELL_FOREIGN_ABSENT			0x00000100
/** The cell may reset and power off the whole machine, so its I/O port
 * ranges may cover the reset ports 0xcf9, 0x92 and 0x64 and the ACPI PM1
 * control block. Only rules that are policy yield to it; no flag lets a
 * cell cover what isolation needs (Documentation/config-format.md). */
#define BH_CELL_MACHINE_CONTROL			0x00000200
/** The cell's APICs start in x2APIC mode where the CPU has the x2APIC,
 * as a Jailhouse cell's do on an x2APIC host; without it they start in
 * xAPIC mode, as on a PC after firmware. Either way the cell may switch
 * through the APIC base MSR as on hardware (Documentation/cells.md). */
#define BH_CELL_START_X2APIC			0x00000400
/** The cell's CPUID names KVM at 0x40000000 ("KVMKVMKVM", no
 * paravirtual feature in 0x40000001) instead of Jailhouse: for a PC
 * kernel without Jailhouse support (Debian's), which then uses the
 * x2APIC without interrupt remapping, as it does on a hypervisor it
 * knows (Documentation/linux-cell.md). Hypercalls stay Jailhouse's. */
#define BH_CELL_CPUID_KVM			0x00000800
/** What the cell may do in the vote (Documentation/management.md, "Who
 * may refuse"): a forced operation on it (BH_OP_FORCE) is refused, so it
 * is stopped or restarted only with its approval ... */
#define BH_CELL_NO_FORCE			0x00001000
/** ... its RUNNING_LOCKED is not honoured: it blocks nothing, and is
 * reported ... */
#define BH_CELL_NO_LOCK				0x00002000
/** ... its denial is not honoured: it is asked, and any answer but
 * silence counts as approval, reported as overruled. */
#define BH_CELL_NO_DENY				0x00004000
#define BH_CELL_VIRTUAL_CONSOLE_PERMITTED	0x40000000 /**< may use the putc hypercall */
#define BH_CELL_VIRTUAL_CONSOLE_ACTIVE		0x80000000 /**< putc is its default console; implies PERMITTED */
#define BH_CELL_KNOWN_FLAGS			0xc0007f03
/**@}*/

/**
 * @name A cell's own reset and power-off
 * Two I/O ports that a cell does not own (no cell may, but one with
 * BH_CELL_MACHINE_CONTROL) act on the cell itself (Documentation/
 * management.md): a write with bit 2 set to BH_CELL_RESET_PORT restarts
 * it from the image, and SLP_EN with SLP_TYP BH_CELL_SLP_TYP_S5 written
 * to its PM1a control port (BH_CELL_PM1_CNT() of the system's PM timer
 * port, 2 bytes) leaves it SHUT_DOWN. The Linux cell's FADT names both.
 */
/**@{*/
#define BH_CELL_RESET_PORT	0xcf9	/**< the PC's reset control register */
#define BH_CELL_RESET_VALUE	0x06	/**< hard reset: what the FADT says */
#define BH_CELL_PM1_CNT(pm_timer) ((u16)((pm_timer) - 4))
#define BH_CELL_SLP_TYP_S5	5	/**< the cell's _S5 package */
/**@}*/

/** @name Console types and flags (values as in Jailhouse) */
/**@{*/
#define BH_CON_TYPE_NONE	0x0000
#define BH_CON_TYPE_8250	0x0002
#define BH_CON_ACCESS_PIO	0x0000
#define BH_CON_ACCESS_MMIO	0x0001
#define BH_CON_REGDIST_1	0x0000
#define BH_CON_REGDIST_4	0x0002
/**@}*/

/** @name PCI device types (values as in Jailhouse) */
/**@{*/
#define BH_PCI_TYPE_DEVICE	1
#define BH_PCI_TYPE_BRIDGE	2	/**< refused: a cell owns functions */
/**@}*/

/** @name PCI function flags (struct bh_pci_device) */
/**@{*/
/** The function may master the bus (DMA, and the MSIs that are its
 * writes) with no IOMMU confining it: only in a cell whose RAM is
 * identity-mapped, and said on the console at boot ("DMA unconfined"). */
#define BH_PCI_DMA_UNCONFINED	0x0001
/** The function's INTx line reaches pin intx_pin of the cell's irqchip
 * intx_irqchip, which the cell owns: the cell may turn INTx on. The
 * wiring is the machine's (its ACPI _PRT), taken on the config's word:
 * without the flag INTx stays disabled. */
#define BH_PCI_INTX		0x0002
#define BH_PCI_KNOWN_FLAGS	0x0003
/**@}*/

/** PCI functions the cells of a system may own together. */
#define BH_MAX_PCI_DEVICES	32

/**
 * A console: the hypervisor's debug console or a cell's. Same layout as
 * Jailhouse's struct jailhouse_console, because the comm region embeds it.
 */
struct bh_console {
	u64 address;	/**< I/O port or MMIO base */
	u32 size;	/**< size of the register window */
	u16 type;	/**< BH_CON_TYPE_* */
	u16 flags;	/**< BH_CON_ACCESS_* | BH_CON_REGDIST_* */
	u32 divider;	/**< UART divisor latch; 0: leave as programmed */
	u32 gate_nr;	/**< unused on x86 */
	u64 clock_reg;	/**< unused on x86 */
} BH_PACKED;

/** One memory region of a cell (or the hypervisor's memory). */
struct bh_memory {
	u64 phys_start;	/**< host-physical start, page-aligned */
	u64 virt_start;	/**< guest-physical start, page-aligned */
	u64 size;	/**< bytes, page-aligned, non-zero */
	u64 flags;	/**< BH_MEM_* */
} BH_PACKED;

/** An I/O-port range the cell may access: [base, base + length). */
struct bh_pio {
	u16 base;
	u16 length;
} BH_PACKED;

/** The IOAPIC pins a cell owns on one IOAPIC. */
struct bh_irqchip {
	u64 address;		/**< IOAPIC MMIO base */
	u32 id;			/**< IOMMU unit << 16 | IOAPIC source BDF */
	u32 pin_base;		/**< first pin of pin_bitmap; 0 on x86 */
	u32 pin_bitmap[4];	/**< bit n: pin pin_base + n */
} BH_PACKED;

/**
 * A PCI function assigned to the cell, by its address and what must
 * answer there. Nothing machine-specific beyond that: the hypervisor
 * reads the BARs as the firmware assigned them at boot.
 */
struct bh_pci_device {
	u8 type;		/**< BH_PCI_TYPE_DEVICE */
	u8 iommu;		/**< IOMMU unit index */
	u16 domain;		/**< PCI segment (0: the MCFG window's) */
	u16 bdf;		/**< bus << 8 | device << 3 | function */
	u16 flags;		/**< BH_PCI_* */
	u16 vendor_id;		/**< a function with other IDs there is */
	u16 device_id;		/**< refused at boot, by name */
	u8 intx_irqchip;	/**< BH_PCI_INTX: index of the cell's irqchip */
	u8 intx_pin;		/**< BH_PCI_INTX: its pin the line reaches */
	u16 reserved0;		/**< 0 */
	u32 reserved[4];	/**< 0 */
} BH_PACKED;

/**
 * How the image builder prepares a cell that boots Linux (at most one per
 * cell). The builder reads the kernel's boot-protocol header and adds
 * blobs to the cell: the kernel, the initramfs, the boot parameters
 * (zero page with an e820 map of the cell's memory, the SETUP_JAILHOUSE
 * setup_data, the command line) and ACPI tables describing the cell as a
 * small PC. The cell's own first blob is the boot shim that enters the
 * kernel. The hypervisor sees only the resulting blobs.
 */
struct bh_linux {
	char kernel[BH_BLOB_FILE_LEN];	/**< bzImage (64-bit boot protocol) */
	char initrd[BH_BLOB_FILE_LEN];	/**< initramfs; empty for none */
	char cmdline[BH_LINUX_CMDLINE_LEN];	/**< kernel command line */
	u32 flags;			/**< none defined yet: must be 0 */
	u32 reserved;
} BH_PACKED;

/** @name Inline command line defaults (Jailhouse's inmates) */
/**@{*/
#define BH_CMDLINE_DEFAULT_ADDRESS 0x1000 /**< where its loader puts one */
#define BH_CMDLINE_DEFAULT_SIZE 256	/**< its inmates' buffer there */
/**@}*/

/**
 * An inmate's command line given in the cell config (at most one per
 * cell, not for a Linux cell: its command line is in struct bh_linux).
 * The image builder turns it into a blob after the cell's own blobs, so
 * that it overwrites the program's empty buffer, as Jailhouse's `cell
 * load -s TEXT -a ADDRESS` does: the text and its NUL, nothing more.
 */
struct bh_cmdline {
	u64 address;	/**< guest-physical; 0: BH_CMDLINE_DEFAULT_ADDRESS */
	u32 size;	/**< bytes of room there, NUL included; 0:
			     BH_CMDLINE_DEFAULT_SIZE. The checker refuses a
			     text that does not fit. */
	u32 flags;	/**< none defined yet: must be 0 */
	char text[BH_CMDLINE_LEN];	/**< NUL-terminated */
} BH_PACKED;

/** A file the image builder packs and the hypervisor copies into the cell. */
struct bh_blob {
	char file[BH_BLOB_FILE_LEN];	/**< path relative to the project root */
	u64 load_address;		/**< guest-physical destination */
} BH_PACKED;

/**
 * A cell: descriptor followed, in this order, by num_memory_regions
 * struct bh_memory, num_irqchips struct bh_irqchip, num_pio_regions
 * struct bh_pio, num_pci_devices struct bh_pci_device, num_linux struct
 * bh_linux, num_cmdline struct bh_cmdline and num_blobs struct bh_blob.
 */
struct bh_cell_desc {
	char signature[BH_SIGNATURE_LEN];	/**< BH_CELL_SIGNATURE */
	u16 revision;				/**< BH_CONFIG_REVISION */
	char name[BH_CELL_NAME_LEN];		/**< unique, NUL-terminated */
	u32 flags;				/**< BH_CELL_* */
	u64 cpus;		/**< bit n: logical CPU n (see Documentation/config-format.md) */
	u32 num_memory_regions;
	u32 num_irqchips;
	u32 num_pio_regions;
	u32 num_pci_devices;
	u32 num_blobs;
	u32 num_linux;		/**< 0, or 1 for a cell that boots Linux */
	u32 num_cmdline;	/**< 0, or 1: an inline command line */
	u64 cpu_reset_address;	/**< guest-physical real-mode start address */
	u64 msg_reply_timeout;	/**< microseconds to wait for a vote; 0: forever */
	/** Characters per second its lines may put on the hypervisor console
	 * (HC_DEBUG_CONSOLE_PUTC), at most BH_CONSOLE_RATE_MAX; 0:
	 * BH_CONSOLE_RATE_DEFAULT. */
	u32 console_rate;
	u32 reserved;		/**< 0 */
	struct bh_console console;	/**< copied into the comm region */
} BH_PACKED;

/** bh_cell_desc::console_rate when the config leaves it 0: Jailhouse's
 * demo inmates (apic-demo prints about 670 characters a second) fit. */
#define BH_CONSOLE_RATE_DEFAULT	1024
/** What a 115200-baud UART carries (10 bits a character): a higher rate
 * would promise a cell more than the console has for everybody. */
#define BH_CONSOLE_RATE_MAX	11520

/** @name System flags (bh_system::flags) */
/**@{*/
/** The hypervisor console counts a cell's accesses to what is not its
 * own (BH_CELL_FOREIGN_ABSENT) instead of listing each kind: one notice
 * when the first comes, the count at powers of two, the total when the
 * cell stops. For a Linux cell's boot-time probing. */
#define BH_SYS_QUIET_ABSENT	0x00000001
/** A cell one of whose PCI functions the IOMMU refused a DMA access (an
 * I/O page fault) is stopped as FAILED when the hypervisor reads the
 * IOMMUs' logs: at the managing cell's next request, or when a cell
 * stops or restarts (so in a system without a managing cell, only
 * then); without it the fault is reported and counted, and the cell
 * goes on. */
#define BH_SYS_DMA_FAULT_STOPS	0x00000002
#define BH_SYS_KNOWN_FLAGS	0x00000003
/**@}*/

/** A block of I/O ports the firmware describes; length 0: not stated. */
struct bh_port_block {
	u16 base;
	u16 length;		/**< ports, base + length <= 0x10000 */
} BH_PACKED;

/**
 * The firmware's power-management ports, as the ACPI FADT gives them
 * (the X_ field where it holds an I/O port). A block the system config
 * states is kept from every cell without BH_CELL_MACHINE_CONTROL by the
 * build, and must match the FADT at boot; one it leaves unstated is
 * checked at boot only (Documentation/config-format.md).
 */
struct bh_firmware_ports {
	struct bh_port_block smi_command;	/**< SMI_CMD, 1 port */
	struct bh_port_block pm1a_event;	/**< PM1_EVT_LEN ports */
	struct bh_port_block pm1b_event;
	struct bh_port_block pm1a_control;	/**< PM1_CNT_LEN ports */
	struct bh_port_block pm1b_control;
	struct bh_port_block pm2_control;	/**< PM2_CNT_LEN ports */
	struct bh_port_block gpe0;		/**< GPE0_BLK_LEN ports */
	struct bh_port_block gpe1;		/**< GPE1_BLK_LEN ports */
} BH_PACKED;

/** Platform facts the hypervisor and cells need. */
struct bh_platform_info {
	u64 pci_mmconfig_base;	/**< ECAM base; 0: none */
	u8 pci_mmconfig_end_bus;
	u8 apic_mode;		/**< reserved: 0 = pick automatically */
	u16 pm_timer_address;	/**< ACPI PM timer I/O port */
	u32 tsc_khz;		/**< 0: calibrate at boot */
	u32 apic_khz;		/**< 0: calibrate at boot */
	u32 reserved;		/**< 0 */
	/** The HPET's page (ACPI HPET table), kept from every cell without
	 * BH_CELL_MACHINE_CONTROL; 0: not stated (checked at boot only). */
	u64 hpet_address;
	struct bh_firmware_ports firmware;
} BH_PACKED;

/**
 * @name Shared-memory links (Documentation/shared-memory.md)
 * A link is one piece of memory that its peers (cells) share through an
 * ivshmem 2.0 virtual PCI function each finds in its config space (vendor
 * BH_SHMEM_VENDOR_ID, device BH_SHMEM_DEVICE_ID). Its memory holds, from
 * its start: the state table (one 32-bit state per peer, read-only for
 * all), the read/write section (read/write for all), then one output
 * section per peer, in ID order (writable by that peer, read-only for the
 * others). Sizes are whole pages; the image builder places the memory in
 * the system's bh_system::shmem_memory.
 */
/**@{*/
#define BH_SHMEM_VENDOR_ID	0x110a	/**< Siemens, as ivshmem 2.0 */
#define BH_SHMEM_DEVICE_ID	0x4106
#define BH_MAX_SHMEM_LINKS	8	/**< per system */
#define BH_SHMEM_MAX_PEERS	8	/**< per link (the specification: 65536) */
#define BH_SHMEM_MAX_VECTORS	16	/**< MSI-X vectors of each peer's function */
#define BH_SHMEM_NAME_LEN	32	/**< name buffer, NUL included */
/** bh_shmem_link::doorbell_rate when the config leaves it 0: interrupts
 * whose handlers take a microsecond then cost their target a tenth of
 * its CPU at most. */
#define BH_SHMEM_DOORBELL_RATE_DEFAULT	100000
#define BH_SHMEM_DOORBELL_RATE_MAX	1000000
/**@}*/

/** One peer of a link: a cell and where it finds its function. */
struct bh_shmem_peer {
	char cell[BH_CELL_NAME_LEN];	/**< the cell, by name */
	u16 bdf;		/**< the function's address in the cell's
				     config space (segment 0); no function
				     the cell owns may be there */
	u16 id;			/**< its ID register and output section:
				     0..num_peers-1, each once */
	u32 reserved;		/**< 0 */
	u64 virt_start;		/**< guest-physical address of the link's
				     memory in the cell, page-aligned; 0:
				     the host-physical address */
} BH_PACKED;

/** A shared-memory link between 2 to BH_SHMEM_MAX_PEERS cells. */
struct bh_shmem_link {
	char name[BH_SHMEM_NAME_LEN];	/**< unique, NUL-terminated */
	u32 num_peers;		/**< 2..BH_SHMEM_MAX_PEERS */
	u16 protocol;		/**< the function's class code bits 15:0
				     (ivshmem 2.0: 0 undefined, 0x4000-0x7fff
				     user-defined, ...) */
	u16 vectors;		/**< MSI-X vectors of each peer's function,
				     1..BH_SHMEM_MAX_VECTORS; vector 0 also
				     signals peer state changes */
	u64 state_size;		/**< bytes of the state table: whole pages,
				     at least one, room for every peer */
	u64 rw_size;		/**< bytes of the read/write section: whole
				     pages, may be 0 */
	u64 output_size;	/**< bytes of each output section: whole
				     pages, may be 0 */
	u64 phys_start;		/**< host-physical start: 0 in a config; the
				     image builder places the link */
	/** Interrupts a peer may send the others a second (doorbells, and
	 * its state changes), at most BH_SHMEM_DOORBELL_RATE_MAX; 0:
	 * BH_SHMEM_DOORBELL_RATE_DEFAULT. A hundredth of a second's worth
	 * at once (at least one); what it sends beyond is dropped, and the
	 * console says so. */
	u32 doorbell_rate;
	u32 reserved;		/**< 0 */
	struct bh_shmem_peer peers[BH_SHMEM_MAX_PEERS];	/**< num_peers used;
				     the rest all 0 */
} BH_PACKED;

/**
 * The system: hypervisor memory, debug console, platform facts, then
 * num_shmem_links struct bh_shmem_link.
 */
struct bh_system {
	char signature[BH_SIGNATURE_LEN];	/**< BH_SYSTEM_SIGNATURE */
	u16 revision;				/**< BH_CONFIG_REVISION */
	u32 flags;				/**< BH_SYS_* */
	u32 num_cpus;		/**< CPUs the machine has; logical ids 0..num_cpus-1 */
	struct bh_memory hypervisor_memory;	/**< phys_start and size used */
	struct bh_console debug_console;	/**< the hypervisor's console */
	struct bh_platform_info platform_info;
	/** The cell that may manage the others (management hypercalls,
	 * Documentation/management.md); empty: none may. */
	char manager[BH_CELL_NAME_LEN];
	/** Host RAM no cell has, in which the image builder places the
	 * shared-memory links one after the other (phys_start and size,
	 * whole pages; size 0: none). The loader claims it; the hypervisor
	 * clears it at boot. */
	struct bh_memory shmem_memory;
	u32 num_shmem_links;	/**< struct bh_shmem_link that follow */
	u32 reserved;		/**< 0 */
} BH_PACKED;

BH_STATIC_ASSERT(sizeof(struct bh_console) == 32, "console layout");
BH_STATIC_ASSERT(sizeof(struct bh_memory) == 32, "memory layout");
BH_STATIC_ASSERT(sizeof(struct bh_irqchip) == 32, "irqchip layout");
BH_STATIC_ASSERT(sizeof(struct bh_pci_device) == 32, "pci layout");
BH_STATIC_ASSERT(sizeof(struct bh_blob) == 128, "blob layout");
BH_STATIC_ASSERT(sizeof(struct bh_linux) == 760, "linux layout");
BH_STATIC_ASSERT(sizeof(struct bh_cmdline) == 1040, "cmdline layout");
BH_STATIC_ASSERT(sizeof(struct bh_cell_desc) == 136, "cell layout");
BH_STATIC_ASSERT(sizeof(struct bh_platform_info) == 64, "platform layout");
BH_STATIC_ASSERT(sizeof(struct bh_system) == 216, "system layout");
BH_STATIC_ASSERT(sizeof(struct bh_shmem_peer) == 48, "shmem peer layout");
BH_STATIC_ASSERT(sizeof(struct bh_shmem_link) == 464, "shmem link layout");

static inline const struct bh_shmem_link *
bh_system_shmem_links(const struct bh_system *s)
{
	return (const struct bh_shmem_link *)(s + 1);
}

/** Offset of peer @p id's output section from the start of link @p l
 * (with @p id its num_peers: the link's size). Sizes the checker passed
 * cannot wrap. */
static inline u64 bh_shmem_output_offset(const struct bh_shmem_link *l,
					 u32 id)
{
	return l->state_size + l->rw_size + (u64)id * l->output_size;
}

/** Bytes of link @p l's memory. */
static inline u64 bh_shmem_size(const struct bh_shmem_link *l)
{
	return bh_shmem_output_offset(l, l->num_peers);
}

/** The largest size of one section of a link: their sum cannot wrap. */
#define BH_SHMEM_MAX_SECTION	(1ULL << 40)

/** How many links of system @p s (checked) cell @p c is a peer of. */
static inline u32 bh_shmem_links_of(const struct bh_system *s,
				    const struct bh_cell_desc *c)
{
	const struct bh_shmem_link *l = bh_system_shmem_links(s);
	u32 i, k, j, n = 0;

	for (i = 0; i < s->num_shmem_links; i++)
		for (k = 0; k < l[i].num_peers; k++) {
			for (j = 0; j < BH_CELL_NAME_LEN &&
			     l[i].peers[k].cell[j] == c->name[j] &&
			     c->name[j]; j++)
				;
			if (j == BH_CELL_NAME_LEN ||
			    l[i].peers[k].cell[j] == c->name[j])
				n++;
		}
	return n;
}

/** Whether cell @p c of system @p s finds PCI functions: its own, or its
 * links'. Only such a cell is told where the configuration space is. */
static inline bool bh_cell_sees_pci(const struct bh_system *s,
				    const struct bh_cell_desc *c)
{
	return c->num_pci_devices || bh_shmem_links_of(s, c);
}

/**
 * Size in bytes of a system configuration with the count in @p s, in 64
 * bits so that a hostile count cannot wrap.
 */
static inline u64 bh_system_config_size(const struct bh_system *s)
{
	return sizeof(*s) +
	       (u64)s->num_shmem_links * sizeof(struct bh_shmem_link);
}

static inline const struct bh_memory *
bh_cell_mem_regions(const struct bh_cell_desc *c)
{
	return (const struct bh_memory *)(c + 1);
}

/**
 * Whether region @p m is RAM the cell owns alone: not device MMIO, not
 * its comm region, not shared with another cell. Only such RAM is
 * cleared and loaded when the cell starts, holds its blobs, reset
 * address and command line, and is reached by hypercalls that copy
 * to or from the cell; shared memory is left to the cells sharing it.
 */
static inline bool bh_mem_is_ram(const struct bh_memory *m)
{
	return !(m->flags & (BH_MEM_IO | BH_MEM_COMM_REGION | BH_MEM_SHARED));
}

static inline const struct bh_irqchip *
bh_cell_irqchips(const struct bh_cell_desc *c)
{
	return (const struct bh_irqchip *)(bh_cell_mem_regions(c) +
					   c->num_memory_regions);
}

static inline const struct bh_pio *bh_cell_pio(const struct bh_cell_desc *c)
{
	return (const struct bh_pio *)(bh_cell_irqchips(c) + c->num_irqchips);
}

static inline const struct bh_pci_device *
bh_cell_pci_devices(const struct bh_cell_desc *c)
{
	return (const struct bh_pci_device *)(bh_cell_pio(c) +
					      c->num_pio_regions);
}

static inline const struct bh_linux *
bh_cell_linux(const struct bh_cell_desc *c)
{
	return (const struct bh_linux *)(bh_cell_pci_devices(c) +
					 c->num_pci_devices);
}

static inline const struct bh_cmdline *
bh_cell_cmdline(const struct bh_cell_desc *c)
{
	return (const struct bh_cmdline *)(bh_cell_linux(c) + c->num_linux);
}

static inline const struct bh_blob *bh_cell_blobs(const struct bh_cell_desc *c)
{
	return (const struct bh_blob *)(bh_cell_cmdline(c) + c->num_cmdline);
}

/**
 * Size in bytes of a cell configuration with the counts in @p c, computed in
 * 64 bits so that hostile counts cannot wrap.
 */
static inline u64 bh_cell_config_size(const struct bh_cell_desc *c)
{
	return sizeof(*c) +
	       (u64)c->num_memory_regions * sizeof(struct bh_memory) +
	       (u64)c->num_irqchips * sizeof(struct bh_irqchip) +
	       (u64)c->num_pio_regions * sizeof(struct bh_pio) +
	       (u64)c->num_pci_devices * sizeof(struct bh_pci_device) +
	       (u64)c->num_linux * sizeof(struct bh_linux) +
	       (u64)c->num_cmdline * sizeof(struct bh_cmdline) +
	       (u64)c->num_blobs * sizeof(struct bh_blob);
}

#endif
