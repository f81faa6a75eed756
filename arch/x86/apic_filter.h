/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * What a cell's writes to its local APIC may make of the real one. Pure
 * logic, host-tested (tests/unit/test_apic_filter.c).
 *
 * Nothing a cell writes reaches the APIC as it was written: for the ICR
 * the hypervisor decides what the write means (an IPI to which of the
 * cell's CPUs, with which vector) and builds a new value from that
 * decision alone; for every other register it keeps only the bits that
 * register defines, from one table. Reserved bits follow the view the
 * cell used, as the hardware would: in the x2APIC view a WRMSR with
 * reserved bits raises \#GP, so the write is refused and the cell stopped;
 * in the xAPIC view the APIC ignores them, so they are dropped.
 */
#ifndef BULKHEAD_APIC_FILTER_H
#define BULKHEAD_APIC_FILTER_H

#include <bulkhead/x86.h>

#define ICR_VECTOR(icr)		((u32)(icr) & 0xff)
#define ICR_DELIVERY(icr)	(((u32)(icr) >> 8) & 7)
#define ICR_DEST_LOGICAL	(1U << 11)
#define ICR_LEVEL_ASSERT	(1U << 14)
#define ICR_SHORTHAND(icr)	(((u32)(icr) >> 18) & 3)
#define ICR_DM_FIXED		0
#define ICR_DM_LOWEST		1
#define ICR_DM_SMI		2
#define ICR_DM_NMI		4
#define ICR_DM_INIT		5
#define ICR_DM_STARTUP		6
#define ICR_SH_NONE		0
#define ICR_SH_SELF		1
#define ICR_SH_ALL		2
#define ICR_SH_ALL_BUT_SELF	3

/** What the physical APIC offers, as far as the filter cares. */
struct apic_caps {
	bool tsc_deadline;	/**< LVT timer mode 2 (CPUID.1:ECX[24]) */
	bool eoi_suppression;	/**< SVR bit 12 (version register bit 24) */
};

/** What to do with an ICR write. */
enum icr_action {
	ICR_FORWARD,	/**< a fixed IPI with d->vector to CPU d->dest */
	ICR_ALL,	/**< a fixed IPI to every CPU of the cell, self too */
	ICR_ALL_BUT_SELF,	/**< a fixed IPI to every other CPU of the cell */
	ICR_INIT,	/**< emulate INIT for CPU d->dest */
	ICR_SIPI,	/**< emulate a start-up IPI to page d->vector */
	/** a fixed IPI to every CPU of the cell whose logical ID matches
	 * logical destination d->dest (apic_logical_match()) */
	ICR_LOGICAL,
	/** the same to one of them: lowest priority, which the hypervisor
	 * resolves as the first matching CPU of the cell */
	ICR_LOGICAL_LOWEST,
	ICR_IGNORE,	/**< drop silently (INIT de-assert, NMI) */
	ICR_REFUSE,	/**< the cell may not do this: stop it */
};

/** The decision on one ICR write. */
struct icr_decision {
	enum icr_action action;
	u32 dest;	/**< target APIC ID (FORWARD, INIT, SIPI) or logical
			     destination (LOGICAL, LOGICAL_LOWEST) */
	u8 vector;	/**< the IPI's vector, or the start-up page */
};

/**
 * Decide on an ICR value in x2APIC format (destination APIC ID in bits
 * 63:32) written by the CPU with APIC ID @p self, in a cell whose CPUs
 * have the APIC IDs for which @p is_cell_apic returns true; @p x2 says
 * whether the cell wrote it through the x2APIC MSR (reserved bits
 * refused) or the xAPIC page (reserved bits ignored). With a shorthand
 * the destination field and mode are ignored, as on hardware.
 * @return d->action; on ICR_REFUSE, *@p why says why.
 */
enum icr_action icr_decide(u64 icr, u32 self, bool x2,
			   bool (*is_cell_apic)(void *ctx, u32 apic_id),
			   void *ctx, struct icr_decision *d,
			   const char **why);

/** The logical ID of the x2APIC with ID @p id: cluster in bits 31:16,
 * one bit of 16 in bits 15:0 (x2APIC specification, "logical
 * destination mode"); read-only in that mode. */
static inline u32 x2apic_ldr(u32 id)
{
	return (id >> 4) << 16 | 1U << (id & 0xf);
}

/**
 * Whether an APIC accepts an interrupt for logical destination @p dest.
 * For an x2APIC destination (@p x2), @p ldr is the receiver's x2APIC
 * logical ID (x2apic_ldr()) and @p dest 32 bits: the cluster must be
 * the same and one of the 16 bits shared, 0xffffffff reaching every
 * APIC. For an xAPIC destination, @p dest is 8 bits and @p ldr, @p dfr
 * the receiver's LDR and DFR register values: in the flat model (DFR
 * bits 31:28 all set) one bit of the eight shared, in the cluster model
 * (0) the cluster in bits 7:4 the same (15 reaching all clusters) and
 * one bit of bits 3:0 shared; 0xff reaches every APIC in both; other
 * models are reserved and match nothing.
 */
bool apic_logical_match(u32 dest, bool x2, u32 ldr, u32 dfr);

/** The mode of a cell CPU's APIC, as the APIC base MSR shows it. */
enum apic_mode {
	APIC_MODE_DISABLED,	/**< EN and EXTD clear */
	APIC_MODE_XAPIC,	/**< EN set */
	APIC_MODE_X2APIC,	/**< EN and EXTD set */
};

/** Bits of the APIC base MSR that are reserved: 0-7, 9 and 52-63 (the
 * address bits the CPU lacks above MAXPHYADDR are compared as address). */
#define APIC_BASE_RESERVED	0xfff00000000002ffULL

/** What a write to the APIC base MSR does. */
enum apic_base_action {
	APIC_BASE_SET_MODE,	/**< take *mode */
	APIC_BASE_GP,		/**< the CPU would raise \#GP: stop the cell */
	APIC_BASE_UNSUPPORTED,	/**< valid, but not offered: stop the cell */
};

/**
 * Decide on a cell's write of @p val to the APIC base MSR, which reads
 * @p cur (address, BSP flag and mode bits) while the APIC is in mode
 * *@p mode; @p x2_capable says whether the cell's CPUID shows the
 * x2APIC. The transitions the AMD APM and the x2APIC specification
 * allow are taken: to disabled from either mode, xAPIC from disabled,
 * x2APIC from xAPIC, and any mode to itself. \#GP for reserved bits,
 * EXTD without EN, EXTD without the x2APIC, x2APIC to xAPIC and
 * disabled to x2APIC. Moving the APIC page or changing the BSP flag is
 * valid on hardware but not offered.
 * @return the action; *@p mode updated on APIC_BASE_SET_MODE; *@p why
 * says why otherwise.
 */
enum apic_base_action apic_base_write(u64 cur, u64 val, bool x2_capable,
				      enum apic_mode *mode, const char **why);

/** The ICR low word for a decided fixed IPI: @p vector, fixed delivery,
 * physical destination, no shorthand; nothing else. */
static inline u32 icr_fixed(u8 vector)
{
	return vector;
}

/** Result of apic_write_filter(). */
enum apic_write {
	APIC_WRITE,	/**< write *out to the register */
	APIC_NOT_FILTERED,	/**< not a register the APIC gets from a cell */
	APIC_REFUSED,	/**< the cell may not write this: stop it */
	/** An unmasked ExtINT in LINT0/LINT1 (Linux's "virtual wire" on its
	 * way to a reboot): it would route the machine's 8259, which no
	 * cell has. *out is the entry masked; the caller stops a strict cell
	 * and writes *out for one whose foreign devices look absent. */
	APIC_EXTINT,
};

/**
 * Filter a cell's write of @p val to the APIC register at xAPIC offset
 * @p reg: TPR, EOI, SVR, ESR, the LVTs, the timer's initial count and
 * divider. Keeps the register's defined bits only; refuses reserved bits
 * in the x2APIC view (@p x2); refuses an unmasked LVT that would deliver
 * anything but a fixed interrupt with a vector of 32 or more (0-31 are the exceptions'), or an NMI
 * where the LVT has a delivery mode (an ExtINT in LINT0/LINT1 is
 * APIC_EXTINT, masked); refuses a non-zero EOI or ESR value
 * in the x2APIC view. Whether an optional LVT exists is the caller's
 * business.
 * @return APIC_WRITE or APIC_EXTINT with *@p out, APIC_NOT_FILTERED, or
 * APIC_REFUSED
 * with the reason in @p why (@p len bytes).
 */
enum apic_write apic_write_filter(unsigned int reg, u64 val, bool x2,
				  const struct apic_caps *caps, u32 *out,
				  char *why, unsigned int len);

/** true if the LVT at xAPIC offset @p reg exists on an APIC whose
 * version register gives @p max_lvt as its maximum LVT entry (the
 * performance, thermal and CMCI entries are optional). */
bool apic_lvt_exists(unsigned int reg, unsigned int max_lvt);

/**
 * Whether a cell may read (@p write false) or write x2APIC MSR @p msr
 * without an exit: the registers that are its CPU's own alone (timer,
 * EOI, TPR, and the reads of the ID, version, priority, ISR/TMR/IRR,
 * error status and its present LVTs). Everything else in 0x800-0x8ff
 * exits and goes through the filter or the emulation.
 */
bool apic_msr_passthrough(u32 msr, bool write, unsigned int max_lvt);

/** An interrupt a device would send for a cell (an IOAPIC redirection
 * entry, an MSI), in the xAPIC form both use: an 8-bit destination. */
struct irq_route_req {
	u8 vector;
	u8 delivery;	/**< ICR_DM_* */
	bool logical;	/**< destination is a logical ID */
	u32 dest;	/**< APIC ID, or logical destination */
};

/** What may become of it. */
enum irq_route_verdict {
	IRQ_ROUTE_OK,		/**< to the one CPU decided */
	IRQ_ROUTE_DELIVERY,	/**< not fixed or lowest priority */
	IRQ_ROUTE_VECTOR,	/**< a vector below 32 (the exceptions') */
	IRQ_ROUTE_BROADCAST,	/**< physical destination 0xff: every CPU */
	IRQ_ROUTE_FOREIGN,	/**< a physical APIC ID not the cell's */
	IRQ_ROUTE_NO_CPU,	/**< a logical one naming no CPU of the cell */
	IRQ_ROUTE_SEVERAL,	/**< fixed, logical, to several of its CPUs */
};

/**
 * Decide where interrupt @p r of a cell may go: to one of the cell's
 * CPUs, physically addressed, whatever form the cell used. A logical
 * destination is resolved against the cell's own CPUs only (through
 * @p logical_match, which returns how many of them accept it and the
 * APIC ID of the first), lowest priority taking the first of several;
 * a device is never given a destination that could reach another
 * cell's CPU. The destination goes to *@p apic_id (on IRQ_ROUTE_OK and
 * IRQ_ROUTE_FOREIGN), the number of CPUs a logical one named to
 * *@p matched.
 */
enum irq_route_verdict irq_route_decide(
	const struct irq_route_req *r,
	bool (*is_cell_apic)(void *ctx, u32 apic_id),
	unsigned int (*logical_match)(void *ctx, u32 dest, u32 *first),
	void *ctx, u32 *apic_id, unsigned int *matched);

/** Why @p v was refused, for "<source> <text>" on the console: e.g.
 * "routed to APIC ID 3, a CPU outside the cell". */
void irq_route_why(enum irq_route_verdict v, const struct irq_route_req *r,
		   u32 apic_id, unsigned int matched, char *buf,
		   unsigned int len);

#endif
