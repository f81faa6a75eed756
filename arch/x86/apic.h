/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The local APIC, in whichever mode the firmware left it (x2APIC through
 * MSRs, or xAPIC through its MMIO page).
 */
#ifndef BULKHEAD_APIC_H
#define BULKHEAD_APIC_H

#include <bulkhead/x86.h>

struct apic_caps;

#define APIC_WAKE_VECTOR	0xf0	/* the parked CPUs' own timer */
#define APIC_SPURIOUS_VECTOR	0xff	/* the hypervisor's, in SVR */

/** Put this CPU's APIC in x2APIC mode if the CPU has it (else keep xAPIC)
 * and mask every LVT, the timer the firmware left running among them
 * (OVMF's 100 Hz tick would otherwise fire into a cell). */
void apic_cpu_init(void);
/** true if the LVT at xAPIC offset @p reg exists on this APIC (the
 * version register's maximum LVT entry says which optional ones do). */
bool apic_lvt_present(unsigned int reg);
/** The version register's maximum LVT entry. */
unsigned int apic_max_lvt(void);
/** What this APIC offers that the cells' write filter needs to know. */
const struct apic_caps *apic_caps(void);
/** Write a value derived from a cell's (already filtered) to the APIC
 * register at xAPIC offset @p reg; if the APIC still refuses it (\#GP on
 * the x2APIC WRMSR), nothing is written and -1 returned instead of a
 * fault in the hypervisor. */
int apic_write_guest(unsigned int reg, u32 v);
/** Acknowledge the interrupt in service (EOI). */
void apic_eoi(void);
/** true if @p vector's bit is set in this CPU's in-service register. */
bool apic_in_service(u8 vector);
/**
 * Leave nothing of a cell in this CPU's APIC: every LVT masked, the timer
 * stopped (divider 16; the TSC-deadline timer disarmed), TPR 0, the APIC enabled with spurious vector
 * 0xff, every interrupt in service acknowledged and every pending one
 * taken (with interrupts on for a moment: the host's stubs acknowledge
 * it) and dropped. Call with interrupts off and GIF set.
 */
void apic_cpu_quiesce(void);
/** true if this CPU's APIC holds nothing of a cell: every LVT masked,
 * the timer's initial and current counts 0 (and the TSC deadline, where
 * the CPU has that timer), nothing in service or
 * pending. Read from the APIC, independently of apic_cpu_quiesce(). */
bool apic_cpu_quiet(void);
/** Read the APIC register at xAPIC MMIO offset @p reg (in x2APIC mode
 * through its MSR). */
u32 apic_read(unsigned int reg);
/** Write the APIC register at xAPIC MMIO offset @p reg. */
void apic_write(unsigned int reg, u32 v);
/** This CPU's APIC ID. */
u32 apic_id(void);
/** true if this CPU's APIC is in x2APIC mode. */
bool apic_x2apic(void);
/** Send an IPI with the low ICR word @p icr to the CPU with @p apic_id. */
void apic_send(u32 apic_id, u32 icr);

/** Stop and mask the APIC timer and set its divider to 16, the state
 * Jailhouse inmates expect (Linux left it so for them). */
void apic_timer_div16(void);

/** Arm this CPU's APIC timer, divider 16, to interrupt once after
 * @p count ticks with APIC_WAKE_VECTOR: a parked CPU's backstop. */
void apic_wake_timer(u32 count);
/** Disarm it and take what it posted, with interrupts briefly on. */
void apic_wake_timer_stop(void);

/** Start the APIC timer counting down from 0xffffffff (masked, one-shot,
 * divider 16), for calibration. */
void apic_timer_count_start(void);
/** Its current count. */
u32 apic_timer_count_left(void);
/** Stop it. */
void apic_timer_count_stop(void);

#endif
