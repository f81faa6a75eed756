/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demo system: QEMU q35 with 8 CPUs and 1 GiB of RAM under OVMF, the
 * hypervisor console on COM1, QEMU's edu device at 00:10.0 (qemu-devices:
 * the QEMU options of the devices the cells own).
 * Field reference: Documentation/config-format.md.
 */
#include <bulkhead/config.h>

/* Test systems reuse this one with more CPUs, another managing cell,
 * other flags, or platform facts left unstated or misstated
 * (tests/qemu/cells/, tests/qemu/systems/machine-unfit). */
#ifndef SYSTEM_NUM_CPUS
#define SYSTEM_NUM_CPUS 8
#endif
#ifndef SYSTEM_MANAGER
#define SYSTEM_MANAGER "linux"
#endif
#ifndef SYSTEM_FLAGS
#define SYSTEM_FLAGS 0
#endif
#ifndef SYSTEM_MMCONFIG_END_BUS
#define SYSTEM_MMCONFIG_END_BUS 0xff
#endif
/* What q35's firmware tables say (the hypervisor compares at boot). */
#ifndef SYSTEM_HPET
#define SYSTEM_HPET 0xfed00000
#endif
#ifndef SYSTEM_FIRMWARE_PORTS
#define SYSTEM_FIRMWARE_PORTS {						\
		.smi_command = { 0xb2, 1 },	/* ICH9 APM control */	\
		.pm1a_event = { 0x600, 4 },	/* ACPI PM base 0x600 */ \
		.pm1a_control = { 0x604, 2 },				\
		.gpe0 = { 0x620, 16 },					\
	}
#endif

/* Shared-memory links (Documentation/shared-memory.md): a system that
 * has others defines SYSTEM_SHMEM_LINKS as the initializers of its struct
 * bh_shmem_link array, SYSTEM_NUM_SHMEM_LINKS as their number, and
 * SYSTEM_SHMEM_MEMORY as the host RAM they are placed in; one without
 * the demo's cells "rtos" and "linux" defines SYSTEM_NO_LINKS. */
/* A link of two peers, each finding its function at 00:0f.0, with a
 * state page, a read/write page and an output page each, 2 vectors:
 * peer 0 @p cell0 sees the memory at its host address, peer 1 @p cell1
 * at @p virt1 (0: its host address too). A system's own
 * SYSTEM_SHMEM_LINKS may use it (it is expanded here). */
#define SYSTEM_LINK_OF_TWO(link, cell0, cell1, virt1) {			\
		.name = link,						\
		.num_peers = 2,						\
		.vectors = 2,						\
		.state_size = 0x1000,					\
		.rw_size = 0x1000,					\
		.output_size = 0x1000,					\
		.peers = {						\
			{ .cell = cell0, .bdf = 0x0078, .id = 0 },	\
			{ .cell = cell1, .bdf = 0x0078, .id = 1,	\
			  .virt_start = virt1 },			\
		},							\
	}

#if defined(SYSTEM_SHMEM_LINKS)
/* the system's own */
#elif defined(SYSTEM_NO_LINKS)
#define SYSTEM_NUM_SHMEM_LINKS 0
#define SYSTEM_SHMEM_LINKS
#define SYSTEM_SHMEM_MEMORY { 0 }
#else
/* The demo's link "rtos": cell rtos (peer 0, the memory at its host
 * address) publishes its task statistics in its output section and
 * rings the Linux cell (peer 1, the memory at guest 0x20000000, beyond
 * its RAM), which sends commands back through the read/write section
 * (inmates/demos/rtos.c; bulkhead shm in the Linux cell). Both find the
 * function at 00:0f.0. */
#define SYSTEM_SHMEM_MEMORY { .phys_start = 0x04000000, .size = 0x00100000 }
#define SYSTEM_NUM_SHMEM_LINKS 1
#define SYSTEM_SHMEM_LINKS						\
	SYSTEM_LINK_OF_TWO("rtos", "rtos", "linux", 0x20000000)
#endif

struct {
	struct bh_system system;
	struct bh_shmem_link links[SYSTEM_NUM_SHMEM_LINKS];
} BH_PACKED config = {
	.system = {
		.signature = BH_SYSTEM_SIGNATURE,
		.revision = BH_CONFIG_REVISION,
		/* BH_SYS_QUIET_ABSENT: count the Linux cell's probes */
		.flags = SYSTEM_FLAGS,
		.num_cpus = SYSTEM_NUM_CPUS,
		.hypervisor_memory = {
			.phys_start = 0x02000000,	/* 32 MiB */
			.size = 0x00800000,		/* 8 MiB */
		},
		.debug_console = {
			.address = 0x3f8,		/* COM1 */
			.size = 8,
			.type = BH_CON_TYPE_8250,
			.flags = BH_CON_ACCESS_PIO | BH_CON_REGDIST_1,
			.divider = 1,			/* 115200 baud */
		},
		/* Stops, starts and loads the other cells (bulkhead CLI). */
		.manager = SYSTEM_MANAGER,
		.platform_info = {
			.pci_mmconfig_base = 0xb0000000,	/* q35 ECAM */
			.pci_mmconfig_end_bus = SYSTEM_MMCONFIG_END_BUS,
			.pm_timer_address = 0x608,	/* q35 ACPI PM base 0x600 + 8 */
			.hpet_address = SYSTEM_HPET,
			/* Kept from every cell without MACHINE_CONTROL */
			.firmware = SYSTEM_FIRMWARE_PORTS,
		},
		.shmem_memory = SYSTEM_SHMEM_MEMORY,
		.num_shmem_links = BH_ARRAY_SIZE(config.links),
	},
	.links = { SYSTEM_SHMEM_LINKS },
};
