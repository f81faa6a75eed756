/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The cell's view of its local APIC (see vapic.h).
 */
#include "apic.h"
#include "cell.h"
#include "hv.h"
#include "ioapic.h"
#include "apic_filter.h"
#include "mmio.h"
#include "percpu.h"
#include "platform.h"
#include "report.h"
#include "vapic.h"
#include "x86.h"

#define APIC_PAGE	0x1000ULL

#define ICR_SH_SELF_BITS (1U << 18)

static bool is_cell_apic(void *ctx, u32 apic_id)
{
	return cell_cpu_by_apic_id(ctx, apic_id) != NULL;
}

bool vapic_logical_match(const struct per_cpu *pc, u32 dest, bool x2)
{
	return apic_logical_match(dest, x2, x2 ? x2apic_ldr(pc->arch.apic_id) :
				  pc->arch.vapic.ldr, pc->arch.vapic.dfr);
}

int vapic_icr_write(struct per_cpu *pc, u64 icr, bool x2, char *why,
		    unsigned int len)
{
	struct icr_decision d;
	struct per_cpu *target, *t;
	const char *reason = "";

	/* What reaches the APIC is built from the decision alone. */
	switch (icr_decide(icr, pc->arch.apic_id, x2, is_cell_apic, pc->cell, &d,
			   &reason)) {
	case ICR_FORWARD:
		apic_send(d.dest, icr_fixed(d.vector));
		break;
	case ICR_ALL:
	case ICR_ALL_BUT_SELF:
		for_each_cell_cpu(t, pc->cell)
			if (t != pc || d.action == ICR_ALL)
				apic_send(t->arch.apic_id, icr_fixed(d.vector));
		break;
	case ICR_LOGICAL:
	case ICR_LOGICAL_LOWEST:
		/* Only the cell's CPUs are matched: a logical ID another
		 * cell gave its CPUs cannot be reached from here. */
		for_each_cell_cpu(t, pc->cell) {
			if (!vapic_logical_match(t, d.dest, x2))
				continue;
			apic_send(t->arch.apic_id, icr_fixed(d.vector));
			if (d.action == ICR_LOGICAL_LOWEST)
				break;
		}
		break;
	case ICR_INIT:
		target = cell_cpu_by_apic_id(pc->cell, d.dest);
		target->arch.init_pending = true;
		asm volatile("mfence" : : : "memory");
		if (target != pc)
			apic_send(d.dest, APIC_ICR_NMI);
		break;
	case ICR_SIPI:
		target = cell_cpu_by_apic_id(pc->cell, d.dest);
		/* Like hardware: a start-up IPI only counts after an INIT. */
		if (target->arch.init_pending && target != pc)
			target->arch.sipi_vector = d.vector;
		break;
	case ICR_IGNORE:
		break;
	case ICR_REFUSE:
		bh_snprintf(why, len, "%s (ICR 0x%llx)", reason,
			    (unsigned long long)icr);
		return trace_error(-1);
	}
	return 0;
}

static bool is_lvt(unsigned int reg)
{
	return reg == APIC_LVT_CMCI ||
	       (reg >= APIC_LVT_TIMER && reg <= APIC_LVT_ERROR);
}

/* An LVT this APIC lacks (the version register says how many it has). */
static bool absent_lvt(unsigned int reg)
{
	return is_lvt(reg) && !apic_lvt_present(reg);
}

/* Registers that exist in both modes and read straight from the APIC. */
static bool readable(unsigned int reg)
{
	return reg == APIC_VER || reg == APIC_TPR || reg == APIC_PPR ||
	       reg == APIC_SVR || (reg >= APIC_ISR && reg <= APIC_IRR + 0x70) ||
	       reg == APIC_ESR || is_lvt(reg) || reg == APIC_TMICT ||
	       reg == APIC_TMCCT || reg == APIC_TDCR;
}

/* A write to a register the APIC gets from the cell: through the filter,
 * then with a WRMSR that cannot fault the hypervisor. */
static enum apic_write filtered_write(struct per_cpu *pc, unsigned int reg,
				      bool x2, u64 val, char *why,
				      unsigned int len)
{
	enum apic_write r;
	u32 out;

	r = apic_write_filter(reg, val, x2, apic_caps(), &out, why, len);
	/* The 8259 is not the cell's: where that looks absent, the entry
	 * stays masked; a strict cell is stopped. */
	if (r == APIC_EXTINT && cell_absent_policy(pc->cell)) {
		cell_absent_access(pc->cell, "the 8259 PIC: ExtINT kept masked "
				   "in APIC LVT", reg, true);
		r = APIC_WRITE;
	} else if (r == APIC_EXTINT) {
		r = APIC_REFUSED;
	}
	if (r == APIC_WRITE && apic_write_guest(reg, out)) {
		bh_snprintf(why, len, "the APIC refused 0x%x in register 0x%x "
			    "(the cell wrote 0x%llx)", out, reg,
			    (unsigned long long)val);
		return APIC_REFUSED;
	}
	return r;
}

/* One register access in either view; x2 selects the x2APIC one. */
static int reg_access(struct per_cpu *pc, unsigned int reg, bool x2,
		      bool write, u64 *val, char *why, unsigned int len)
{
	struct vapic *va = &pc->arch.vapic;
	u32 id = pc->arch.apic_id;

	if (absent_lvt(reg) && !x2) {
		if (!write)
			*val = 0;	/* reserved in xAPIC: reads 0 */
		return 0;
	}
	if (absent_lvt(reg))
		goto missing;
	switch (reg) {
	case APIC_ID:
		if (!write)
			*val = x2 ? id : id << 24;
		else if (x2)
			goto read_only;
		return 0;	/* an xAPIC ID write is ignored */
	case APIC_LDR:
		if (x2 && write)
			goto read_only;
		if (!write) {
			*val = x2 ? x2apic_ldr(id) : va->ldr;
			return 0;
		}
		va->ldr = (u32)*val & 0xff000000;
		return ioapic_cell_retarget(pc->cell, why, len);
	case APIC_DFR:
		if (x2)
			break;	/* no such MSR */
		if (!write) {
			*val = va->dfr;
			return 0;
		}
		va->dfr = (u32)*val | 0x0fffffff;
		return ioapic_cell_retarget(pc->cell, why, len);
	case APIC_ICR:
		if (!write) {
			*val = 0;	/* delivery status: idle */
			return 0;
		}
		return vapic_icr_write(pc, x2 ? *val : (u64)(va->icr_hi >> 24)
					  << 32 | (u32)*val, x2, why, len);
	case APIC_ICR_HI:
		if (x2)
			break;	/* no such MSR */
		if (write)
			va->icr_hi = (u32)*val & 0xff000000;
		else
			*val = va->icr_hi;
		return 0;
	case APIC_SELF_IPI:
		if (!x2 || !write)
			break;
		if (*val & ~0xffULL) {
			bh_snprintf(why, len, "x2APIC SELF IPI MSR written "
				    "0x%llx: reserved bits set",
				    (unsigned long long)*val);
			return trace_error(-1);
		}
		return vapic_icr_write(pc, ICR_SH_SELF_BITS | *val, true, why,
				       len);
	case APIC_APR:
	case APIC_RRD:
		if (x2)
			break;
		if (!write)
			*val = 0;
		return 0;
	default:
		break;
	}
	if (!write && readable(reg)) {
		*val = apic_read(reg);
		return 0;
	}
	if (write)
		switch (filtered_write(pc, reg, x2, *val, why, len)) {
		case APIC_WRITE:
			return 0;
		case APIC_REFUSED:
		case APIC_EXTINT:
			return trace_error(-1);
		case APIC_NOT_FILTERED:
			break;
		}
	if (write && !x2 && readable(reg))
		return 0;	/* xAPIC ignores writes to read-only registers */
missing:
	bh_snprintf(why, len, "%s of APIC register 0x%x (%s), which %s",
		    write ? "write" : "read", reg, x2 ? "x2APIC MSR" : "xAPIC",
		    x2 ? "does not exist or is read-only" : "does not exist");
	return trace_error(-1);
read_only:
	bh_snprintf(why, len, "write to the read-only x2APIC MSR 0x%x",
		    0x800 + reg / 16);
	return trace_error(-1);
}

int vapic_msr(struct per_cpu *pc, u32 msr, bool write, u64 *val, char *why,
	      unsigned int len)
{
	return reg_access(pc, (msr - 0x800) << 4, true, write, val, why, len);
}

static int xapic_mmio(struct cell *c, void *ctx, struct mmio_access *a)
{
	struct per_cpu *pc = a->cpu;
	u64 off = a->address & (APIC_PAGE - 1);

	(void)c;
	(void)ctx;
	if (a->size != 4 || (off & 0xf)) {
		bh_snprintf(a->why, sizeof(a->why), "xAPIC access of %u bytes "
			    "at offset 0x%llx: registers take aligned 32-bit "
			    "accesses", a->size, (unsigned long long)off);
		return trace_error(-1);
	}
	return reg_access(pc, (unsigned int)off, false, a->write, &a->value,
			  a->why, sizeof(a->why));
}

int vapic_cell_init(struct cell *c)
{
	u64 base = platform_acpi()->lapic_address & ~(APIC_PAGE - 1);

	return mmio_region_register(c, base, APIC_PAGE, xapic_mmio, NULL);
}

void vapic_reset(struct per_cpu *pc)
{
	u8 mode = pc->arch.vapic.mode;

	pc->arch.vapic = (struct vapic){ .icr_hi = 0, .ldr = 0, .dfr = 0xffffffff,
				    .mode = mode };
}

void vapic_power_on(struct per_cpu *pc)
{
	vapic_reset(pc);
	pc->arch.vapic.mode = (pc->cell->desc->flags & BH_CELL_START_X2APIC) &&
			 apic_x2apic() ? APIC_MODE_X2APIC : APIC_MODE_XAPIC;
}

u64 vapic_apic_base(const struct per_cpu *pc)
{
	u64 v = rdmsr(MSR_APIC_BASE) &
		~(APIC_BASE_EXTD | APIC_BASE_BSP | APIC_BASE_EN);

	if (pc->arch.vapic.mode != APIC_MODE_DISABLED)
		v |= APIC_BASE_EN;
	if (pc->arch.vapic.mode == APIC_MODE_X2APIC)
		v |= APIC_BASE_EXTD;
	/* The cell's first CPU is its boot CPU. */
	return pc->id == pc->cell->first_cpu ? v | APIC_BASE_BSP : v;
}

int vapic_apic_base_write(struct per_cpu *pc, u64 val, char *why,
			  unsigned int len)
{
	enum apic_mode mode = (enum apic_mode)pc->arch.vapic.mode;
	u64 cur = vapic_apic_base(pc);
	const char *reason = "";

	if (apic_base_write(cur, val, apic_x2apic(), &mode, &reason) ==
	    APIC_BASE_SET_MODE) {
		pc->arch.vapic.mode = (u8)mode;
		return 0;
	}
	bh_snprintf(why, len, "APIC base MSR write 0x%llx (it reads 0x%llx): "
		    "%s", (unsigned long long)val, (unsigned long long)cur,
		    reason);
	return trace_error(-1);
}
