/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * What the hypervisor keeps per physical CPU.
 */
#ifndef BULKHEAD_PERCPU_H
#define BULKHEAD_PERCPU_H

#include <bulkhead/config.h>
#include <bulkhead/hypercall.h>
#include "control.h"
#include "vapic.h"
#include "vmcb.h"

struct cell;

#define CPU_STACK_PAGES 4

/** One physical CPU. Logical ids follow the MADT order. */
struct per_cpu {
	u32 cpu;		/**< logical id */
	u32 apic_id;
	volatile bool online;	/**< set by the CPU once it runs hypervisor code */
	volatile bool failed;	/**< set by the CPU if its set-up failed */
	u8 *stack_top;
	void *host_save;	/**< SVM host save area */
	struct cell *cell;	/**< the cell this CPU runs, or NULL (fixed) */
	volatile bool init_pending;	/**< an emulated INIT is on its way */
	volatile int sipi_vector;	/**< emulated start-up vector, or -1 */
	struct vmcb *vmcb;	/**< its guest's control block */
	struct guest_regs regs;	/**< its guest's registers besides RAX/RSP */
	u64 mtrr_def_type;	/**< what the guest wrote (emulated) */
	struct vapic vapic;	/**< its guest's emulated APIC state */
	struct cpu_public *pub;	/**< what core keeps of it (control.h) */
	bool handling_exit;	/**< in handle_exit(): a fault is the cell's */
	bool invd_reported;	/**< INVD emulation reported once */
};

/** Per-CPU data of logical CPU @p cpu. */
struct per_cpu *per_cpu(unsigned int cpu);

/** Per-CPU data of the calling CPU (found by its APIC ID), or NULL
 * before the CPUs are known. */
struct per_cpu *this_cpu(void);

/** The CPU running cell @p c with APIC ID @p apic_id, or NULL. */
struct per_cpu *cell_cpu_by_apic_id(const struct cell *c, u32 apic_id);

#endif
