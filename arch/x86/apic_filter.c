/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The APIC write filter (see apic_filter.h). Register layouts: AMD APM
 * vol. 2, chapter 16 (local APIC) and the x2APIC specification.
 *
 * ICR: a cell may send fixed (or lowest-priority, with one target the
 * same) interrupts with a vector of 32 or more, INIT and start-up IPIs to
 * its own CPUs, addressed physically, fixed interrupts to itself, and
 * fixed broadcasts, which reach its own CPUs only. Fixed and
 * lowest-priority interrupts may also be addressed logically: the
 * caller delivers them to those of the cell's CPUs whose logical ID
 * matches, so that no other cell's CPU can be named. NMI IPIs to its own
 * CPUs are dropped (NMIs are the hypervisor's signal). SMIs, INIT or
 * start-up IPIs that are broadcast or addressed logically, and anything
 * aimed at another cell's CPU are refused.
 */
#include "apic_filter.h"
#include "report.h"

/* Bits the x2APIC ICR defines: vector, delivery and destination mode
 * (0-11), level and trigger (14, 15), shorthand (18, 19), destination
 * (32-63). The rest, delivery status (12) included, is reserved. */
#define ICR_X2APIC_DEFINED	0xffffffff000ccfffULL
#define ICR_MIN_VECTOR		32	/* 0-31 are the exceptions' */

static enum icr_action refuse(struct icr_decision *d, const char **why,
			      const char *reason)
{
	*why = reason;
	return d->action = ICR_REFUSE;
}

static enum icr_action decide(struct icr_decision *d, enum icr_action a)
{
	return d->action = a;
}

/* A fixed IPI (@p a) must carry a vector the CPU may take. */
static enum icr_action fixed(struct icr_decision *d, const char **why,
			     enum icr_action a)
{
	if (d->vector < ICR_MIN_VECTOR)
		return refuse(d, why, "a fixed IPI with a vector below 32");
	return decide(d, a);
}

/* Shorthand "self": the destination field and mode do not count. */
static enum icr_action decide_self(u32 mode, u32 self, struct icr_decision *d,
				   const char **why)
{
	d->dest = self;
	if (mode == ICR_DM_NMI)
		return decide(d, ICR_IGNORE);
	if (mode != ICR_DM_FIXED)
		return refuse(d, why, "a self IPI other than a fixed interrupt");
	return fixed(d, why, ICR_FORWARD);
}

/* Shorthands "all" and "all but self": the cell's own CPUs only. */
static enum icr_action decide_broadcast(u32 mode, u32 sh,
					struct icr_decision *d,
					const char **why)
{
	if (mode == ICR_DM_NMI)
		return decide(d, ICR_IGNORE);
	if (mode != ICR_DM_FIXED)
		return refuse(d, why, "a broadcast INIT, start-up, SMI or "
			      "reserved-mode IPI");
	return fixed(d, why, sh == ICR_SH_ALL ? ICR_ALL : ICR_ALL_BUT_SELF);
}

/* Logical destination without a shorthand: matched against the cell's
 * CPUs by the caller. */
static enum icr_action decide_logical(u32 mode, u32 asked,
				      struct icr_decision *d, const char **why)
{
	if (mode == ICR_DM_NMI)
		return decide(d, ICR_IGNORE);
	if (mode != ICR_DM_FIXED)
		return refuse(d, why, "an INIT, start-up, SMI or reserved-mode "
			      "IPI with a logical destination");
	return fixed(d, why, asked == ICR_DM_LOWEST ? ICR_LOGICAL_LOWEST :
		     ICR_LOGICAL);
}

bool apic_logical_match(u32 dest, bool x2, u32 ldr, u32 dfr)
{
	u32 id = ldr >> 24;

	if (x2)
		return dest == 0xffffffffU ||
		       ((dest >> 16) == (ldr >> 16) && (dest & ldr & 0xffff));
	dest &= 0xff;
	if (dest == 0xff)
		return true;
	switch (dfr >> 28) {
	case 0xf:	/* flat */
		return dest & id;
	case 0x0:	/* cluster */
		return ((dest >> 4) == 0xf || (dest >> 4) == (id >> 4)) &&
		       (dest & id & 0xf);
	default:
		return false;
	}
}

enum apic_base_action apic_base_write(u64 cur, u64 val, bool x2_capable,
				      enum apic_mode *mode, const char **why)
{
	enum apic_mode want;

	if (val & APIC_BASE_RESERVED) {
		*why = "reserved bits set";
		return APIC_BASE_GP;
	}
	if ((val & APIC_BASE_EXTD) && !(val & APIC_BASE_EN)) {
		*why = "x2APIC mode without the APIC enabled is invalid";
		return APIC_BASE_GP;
	}
	if ((val & APIC_BASE_EXTD) && !x2_capable) {
		*why = "x2APIC mode on a CPU without the x2APIC";
		return APIC_BASE_GP;
	}
	want = !(val & APIC_BASE_EN) ? APIC_MODE_DISABLED :
	       (val & APIC_BASE_EXTD) ? APIC_MODE_X2APIC : APIC_MODE_XAPIC;
	if (*mode == APIC_MODE_X2APIC && want == APIC_MODE_XAPIC) {
		*why = "x2APIC to xAPIC mode without disabling the APIC "
		       "first is invalid";
		return APIC_BASE_GP;
	}
	if (*mode == APIC_MODE_DISABLED && want == APIC_MODE_X2APIC) {
		*why = "disabled to x2APIC mode without xAPIC mode first is "
		       "invalid";
		return APIC_BASE_GP;
	}
	if ((val ^ cur) & ~(APIC_BASE_EN | APIC_BASE_EXTD)) {
		*why = "moving the APIC or changing its BSP flag is not "
		       "supported";
		return APIC_BASE_UNSUPPORTED;
	}
	*mode = want;
	return APIC_BASE_SET_MODE;
}

enum icr_action icr_decide(u64 icr, u32 self, bool x2,
			   bool (*is_cell_apic)(void *ctx, u32 apic_id),
			   void *ctx, struct icr_decision *d,
			   const char **why)
{
	u32 mode = ICR_DELIVERY(icr), sh = ICR_SHORTHAND(icr);

	*d = (struct icr_decision){ ICR_REFUSE, (u32)(icr >> 32),
				    (u8)ICR_VECTOR(icr) };
	if (x2 && (icr & ~ICR_X2APIC_DEFINED))
		return refuse(d, why, "an x2APIC ICR value with reserved bits "
			      "set");
	if (mode == ICR_DM_LOWEST)
		mode = ICR_DM_FIXED;	/* one target: the same thing */
	if (sh == ICR_SH_SELF)
		return decide_self(mode, self, d, why);
	if (sh != ICR_SH_NONE)
		return decide_broadcast(mode, sh, d, why);
	if (icr & ICR_DEST_LOGICAL) {
		if (!x2)
			d->dest &= 0xff;	/* the xAPIC's 8-bit field */
		return decide_logical(mode, (u32)ICR_DELIVERY(icr), d, why);
	}
	if (!is_cell_apic(ctx, d->dest))
		return refuse(d, why, "an IPI to a CPU outside the cell");
	switch (mode) {
	case ICR_DM_FIXED:
		return fixed(d, why, ICR_FORWARD);
	case ICR_DM_NMI:
		return decide(d, ICR_IGNORE);
	case ICR_DM_INIT:
		/* INIT level de-assert is a no-op on modern APICs. */
		return decide(d, (icr & ICR_LEVEL_ASSERT) ? ICR_INIT :
			      ICR_IGNORE);
	case ICR_DM_STARTUP:
		return decide(d, ICR_SIPI);
	default:
		return refuse(d, why, "an SMI or reserved-mode IPI");
	}
}

/* ---- the other registers ------------------------------------------- */

enum reg_kind {
	PLAIN,		/* defined bits pass */
	MUST_BE_ZERO,	/* EOI, ESR: 0 is written; x2APIC wants 0 */
	LVT,		/* fixed delivery only (timer, error) */
	LVT_MODES,	/* has a delivery-mode field */
};

struct reg_rule {
	u16 reg;	/* xAPIC offset */
	u8 kind;	/* enum reg_kind */
	u32 bits;	/* bits the register defines for writes */
	u32 ignored;	/* read-only bits a write may carry, dropped */
};

#define LVT_VECTOR	0x000000ffU
#define LVT_MODE	0x00000700U
#define LVT_STATUS	0x00001000U	/* delivery status, read-only */
#define LVT_POLARITY	0x00002000U
#define LVT_REMOTE_IRR	0x00004000U	/* read-only */
#define LVT_TRIGGER	0x00008000U
#define LVT_DEADLINE	0x00040000U	/* TSC-deadline timer mode */
#define LVT_MODE_NMI	4
#define LVT_MODE_EXTINT	7
#define SVR_EOI_SUPPRESS 0x00001000U

static const struct reg_rule rules[] = {
	{ APIC_TPR, PLAIN, 0xff, 0 },
	{ APIC_EOI, MUST_BE_ZERO, 0, 0 },
	{ APIC_SVR, PLAIN, 0x3ff, 0 },		/* vector, enable, focus */
	{ APIC_ESR, MUST_BE_ZERO, 0, 0 },
	{ APIC_LVT_CMCI, LVT_MODES, LVT_VECTOR | LVT_MODE | APIC_LVT_MASKED,
	  LVT_STATUS },
	{ APIC_LVT_TIMER, LVT, LVT_VECTOR | APIC_LVT_MASKED | APIC_LVT_PERIODIC,
	  LVT_STATUS },
	{ APIC_LVT_THERMAL, LVT_MODES, LVT_VECTOR | LVT_MODE | APIC_LVT_MASKED,
	  LVT_STATUS },
	{ APIC_LVT_PERF, LVT_MODES, LVT_VECTOR | LVT_MODE | APIC_LVT_MASKED,
	  LVT_STATUS },
	{ APIC_LVT_LINT0, LVT_MODES, LVT_VECTOR | LVT_MODE | LVT_POLARITY |
	  LVT_TRIGGER | APIC_LVT_MASKED, LVT_STATUS | LVT_REMOTE_IRR },
	{ APIC_LVT_LINT1, LVT_MODES, LVT_VECTOR | LVT_MODE | LVT_POLARITY |
	  LVT_TRIGGER | APIC_LVT_MASKED, LVT_STATUS | LVT_REMOTE_IRR },
	{ APIC_LVT_ERROR, LVT, LVT_VECTOR | APIC_LVT_MASKED, LVT_STATUS },
	{ APIC_TMICT, PLAIN, 0xffffffff, 0 },
	{ APIC_TDCR, PLAIN, 0x0b, 0 },
};

static const struct reg_rule *rule_of(unsigned int reg)
{
	unsigned int i;

	for (i = 0; i < BH_ARRAY_SIZE(rules); i++)
		if (rules[i].reg == reg)
			return &rules[i];
	return NULL;
}

/* The bits @p r defines on this APIC. */
static u32 defined_bits(const struct reg_rule *r, const struct apic_caps *c)
{
	if (r->reg == APIC_LVT_TIMER && c->tsc_deadline)
		return r->bits | LVT_DEADLINE;
	if (r->reg == APIC_SVR && c->eoi_suppression)
		return r->bits | SVR_EOI_SUPPRESS;
	return r->bits;
}

/* May this LVT value be in the APIC? A masked entry delivers nothing; an
 * unmasked one may deliver a fixed interrupt the CPU can take, or an NMI
 * where the entry has a delivery mode (it stays on this CPU). */
static bool lvt_ok(const struct reg_rule *r, u32 v)
{
	u32 mode = (v & LVT_MODE) >> 8;

	if (v & APIC_LVT_MASKED)
		return true;
	if (r->kind == LVT_MODES && mode == LVT_MODE_NMI)
		return true;
	return mode == 0 && (v & LVT_VECTOR) >= ICR_MIN_VECTOR;
}

enum apic_write apic_write_filter(unsigned int reg, u64 val, bool x2,
				  const struct apic_caps *caps, u32 *out,
				  char *why, unsigned int len)
{
	const struct reg_rule *r = rule_of(reg);
	u64 reserved;

	if (!r)
		return APIC_NOT_FILTERED;
	reserved = val & ~(u64)(defined_bits(r, caps) | r->ignored);
	if (x2 && reserved) {
		bh_snprintf(why, len, "APIC register 0x%x (x2APIC MSR 0x%x) "
			    "written 0x%llx: reserved bits 0x%llx set", reg,
			    X2APIC_MSR(reg), (unsigned long long)val,
			    (unsigned long long)reserved);
		return APIC_REFUSED;
	}
	if (r->kind == MUST_BE_ZERO && x2 && val) {
		bh_snprintf(why, len, "APIC register 0x%x (x2APIC MSR 0x%x) "
			    "written 0x%llx: it takes only 0", reg,
			    X2APIC_MSR(reg), (unsigned long long)val);
		return APIC_REFUSED;
	}
	*out = (u32)val & defined_bits(r, caps);
	if (r->kind == LVT_MODES && !(*out & APIC_LVT_MASKED) &&
	    (*out & LVT_MODE) >> 8 == LVT_MODE_EXTINT) {
		*out |= APIC_LVT_MASKED;
		bh_snprintf(why, len, "APIC LVT 0x%x written 0x%llx: ExtINT "
			    "takes its vector from an 8259 PIC, which no cell "
			    "has", reg, (unsigned long long)val);
		return APIC_EXTINT;
	}
	if ((r->kind == LVT || r->kind == LVT_MODES) && !lvt_ok(r, *out)) {
		bh_snprintf(why, len, "APIC LVT 0x%x written 0x%llx: only "
			    "fixed interrupts (vector >= 32)%s may be unmasked",
			    reg, (unsigned long long)val,
			    r->kind == LVT_MODES ? " or NMIs" : "");
		return APIC_REFUSED;
	}
	return APIC_WRITE;
}

bool apic_lvt_exists(unsigned int reg, unsigned int max_lvt)
{
	switch (reg) {
	case APIC_LVT_PERF:
		return max_lvt >= 4;
	case APIC_LVT_THERMAL:
		return max_lvt >= 5;
	case APIC_LVT_CMCI:
		return max_lvt >= 6;
	default:
		return reg >= APIC_LVT_TIMER && reg <= APIC_LVT_ERROR &&
		       !(reg & 0xf);
	}
}

bool apic_msr_passthrough(u32 msr, bool write, unsigned int max_lvt)
{
	unsigned int reg = (msr - X2APIC_MSR_FIRST) << 4;

	if (msr < X2APIC_MSR_FIRST || msr > X2APIC_MSR_LAST)
		return false;
	if (write)
		return reg == APIC_TPR || reg == APIC_EOI ||
		       reg == APIC_TMICT || reg == APIC_TDCR;
	if (reg == APIC_LVT_CMCI ||
	    (reg >= APIC_LVT_TIMER && reg <= APIC_LVT_ERROR))
		return apic_lvt_exists(reg, max_lvt);
	/* ISR, TMR and IRR (8 registers each) and ESR: 0x100-0x280. */
	return reg == APIC_ID || reg == APIC_VER || reg == APIC_TPR ||
	       reg == APIC_PPR || reg == APIC_LDR || reg == APIC_SVR ||
	       (reg >= APIC_ISR && reg <= APIC_ESR) || reg == APIC_TMICT ||
	       reg == APIC_TMCCT || reg == APIC_TDCR;
}

bool arch_guest_vector_ok(u64 vector)
{
	/* 0-31 are the exceptions'; the ICR carries 8 bits. */
	return vector >= ICR_MIN_VECTOR && vector <= 0xff;
}

static const char *const delivery_names[8] = {
	"fixed", "lowest priority", "SMI", "reserved", "NMI", "INIT",
	"reserved", "ExtINT",
};

enum irq_route_verdict irq_route_decide(
	const struct irq_route_req *r,
	bool (*is_cell_apic)(void *ctx, u32 apic_id),
	unsigned int (*logical_match)(void *ctx, u32 dest, u32 *first),
	void *ctx, u32 *apic_id, unsigned int *matched)
{
	*apic_id = r->dest;
	*matched = 0;
	if (r->delivery != ICR_DM_FIXED && r->delivery != ICR_DM_LOWEST)
		return IRQ_ROUTE_DELIVERY;
	if (r->vector < 32)
		return IRQ_ROUTE_VECTOR;
	if (r->logical) {
		*matched = logical_match(ctx, r->dest, apic_id);
		if (!*matched)
			return IRQ_ROUTE_NO_CPU;
		if (*matched > 1 && r->delivery != ICR_DM_LOWEST)
			return IRQ_ROUTE_SEVERAL;
	} else if (r->dest == 0xff) {
		return IRQ_ROUTE_BROADCAST;
	}
	return is_cell_apic(ctx, *apic_id) ? IRQ_ROUTE_OK : IRQ_ROUTE_FOREIGN;
}

void irq_route_why(enum irq_route_verdict v, const struct irq_route_req *r,
		   u32 apic_id, unsigned int matched, char *buf,
		   unsigned int len)
{
	switch (v) {
	case IRQ_ROUTE_OK:
		bh_snprintf(buf, len, "routed to APIC ID %u", apic_id);
		break;
	case IRQ_ROUTE_DELIVERY:
		bh_snprintf(buf, len, "with %s delivery, which is not "
			    "permitted", delivery_names[r->delivery & 7]);
		break;
	case IRQ_ROUTE_VECTOR:
		bh_snprintf(buf, len, "with vector %u, which is reserved",
			    r->vector);
		break;
	case IRQ_ROUTE_BROADCAST:
		bh_snprintf(buf, len, "routed to destination 0xff, which is "
			    "every CPU (a broadcast)");
		break;
	case IRQ_ROUTE_FOREIGN:
		bh_snprintf(buf, len, "routed to APIC ID %u, a CPU outside the "
			    "cell", apic_id);
		break;
	case IRQ_ROUTE_NO_CPU:
		bh_snprintf(buf, len, "to logical destination 0x%x, which "
			    "names no CPU of the cell", r->dest);
		break;
	case IRQ_ROUTE_SEVERAL:
		bh_snprintf(buf, len, "to logical destination 0x%x, which "
			    "names %u CPUs of the cell; a fixed interrupt to "
			    "several CPUs is not supported", r->dest, matched);
		break;
	}
}
