/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The x86 part of a CPU's record (embedded in struct per_cpu,
 * core/percpu.h): what SVM and the emulated APIC need of each CPU.
 */
#ifndef BULKHEAD_ARCH_CPU_H
#define BULKHEAD_ARCH_CPU_H

#include <bulkhead/x86.h>	/* cpu_relax() for core */
#include "vapic.h"
#include "vmcb.h"

#define CPU_STACK_PAGES 4

/** Page-table entries a walk reads at most (5 levels). */
#define FETCH_CACHE_ENTRIES 5

/** Where this CPU's cell last fetched an instruction an exit had to
 * decode (npf.c): the page's translation, kept while every page-table
 * entry the walk went through still holds what it held. */
struct fetch_cache {
	bool valid;		/**< filled, and for this run of the cell: */
	u32 gen;		/**< its cell's start_gen when filled */
	u64 cr0, cr3, cr4, efer;	/**< the guest's, at the walk */
	u64 page;		/**< the linear page */
	unsigned int entries;	/**< how many it read (64-bit ones only) */
	const u64 *entry[FETCH_CACHE_ENTRIES];	/**< where each one is */
	u64 value[FETCH_CACHE_ENTRIES];	/**< and what it held */
	const u8 *code;		/**< the page, as the hypervisor sees it */
};

/** What x86 keeps per physical CPU. */
struct arch_cpu {
	u32 apic_id;
	volatile bool online;	/**< set by the CPU once it runs hypervisor code */
	/** Set by the CPU if it could not be brought up (it said why); the
	 * boot stops. Not a cell's failure (per_cpu::failed). */
	volatile bool bringup_failed;
	u8 *stack_top;
	void *host_save;	/**< SVM host save area */
	volatile bool init_pending;	/**< an emulated INIT is on its way */
	volatile int sipi_vector;	/**< emulated start-up vector, or -1 */
	struct vmcb *vmcb;	/**< its guest's control block */
	struct guest_regs regs;	/**< its guest's registers besides RAX/RSP */
	u64 mtrr_def_type;	/**< what the guest wrote (emulated) */
	struct vapic vapic;	/**< its guest's emulated APIC state */
	bool handling_exit;	/**< in handle_exit(): a fault is the cell's */
	bool invd_reported;	/**< INVD emulation reported once */
	/** In wait_and_enter(): outside its cell, its APIC quiesced. An
	 * interrupt taken then (other than its own wake timer) was meant
	 * for a cell that is not running: counted and dropped, told when
	 * the CPU enters its cell again. */
	volatile bool outside;
	u32 stray_irqs;		/**< interrupts taken while outside */
	u8 stray_vector;	/**< the last of them */
	struct fetch_cache fetch;	/**< see struct fetch_cache */
};

#endif
