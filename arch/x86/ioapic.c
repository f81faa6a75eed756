/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * IOAPIC mediation (see ioapic.h).
 */
#include "apic_filter.h"
#include "bh_string.h"
#include "cell.h"
#include "hv.h"
#include "ioapic.h"
#include "percpu.h"
#include "platform.h"
#include "report.h"
#include "spinlock.h"
#include "vapic.h"

#define IOAPIC_PAGE	0x1000ULL
#define IOREGSEL	0x00
#define IOWIN		0x10
#define IOAPIC_EOI	0x40
#define REG_ID		0x00
#define REG_VER		0x01
#define REG_ARB		0x02
#define REG_REDTBL	0x10
#define REDIR_VECTOR	0xffU
#define REDIR_MASKED	(1U << 16)
#define REDIR_LOGICAL	(1U << 11)
#define REDIR_LEVEL	(1U << 15)
/* What a cell's write may set: vector, delivery and destination mode,
 * polarity, trigger, mask; and the destination APIC ID. Delivery status,
 * remote IRR and the reserved bits are never the cell's. */
#define REDIR_LO_BITS	0x0001afffU
#define REDIR_HI_BITS	0xff000000U

/** A physical IOAPIC. */
struct ioapic {
	u64 address;
	volatile u32 *regs;
	u32 id, num_pins;
	spinlock_t lock;	/**< index and data register go together */
};

static struct ioapic ioapics[ACPI_MAX_IOAPICS];
static u32 num_ioapics;

/* Callers hold io->lock. */
static u32 reg_read(struct ioapic *io, u8 reg)
{
	io->regs[IOREGSEL / 4] = reg;
	return io->regs[IOWIN / 4];
}

static void reg_write(struct ioapic *io, u8 reg, u32 v)
{
	io->regs[IOREGSEL / 4] = reg;
	io->regs[IOWIN / 4] = v;
}

int ioapic_init(void)
{
	const struct acpi_info *acpi = platform_acpi();
	u32 i, pin;

	for (i = 0; i < acpi->num_ioapics; i++) {
		struct ioapic *io = &ioapics[i];

		io->address = acpi->ioapics[i].address;
		io->id = acpi->ioapics[i].id;
		io->regs = (volatile u32 *)platform_phys(io->address,
							 IOAPIC_PAGE);
		if (!io->regs || io->address & (IOAPIC_PAGE - 1)) {
			printk("IOAPIC id %u at 0x%llx: not a page the "
			       "hypervisor can map\n", io->id,
			       (unsigned long long)io->address);
			return trace_error(-1);
		}
		io->num_pins = ((reg_read(io, REG_VER) >> 16) & 0xff) + 1;
		if (io->num_pins > IOAPIC_MAX_PINS)
			io->num_pins = IOAPIC_MAX_PINS;
		for (pin = 0; pin < io->num_pins; pin++) {
			reg_write(io, (u8)(REG_REDTBL + 2 * pin), REDIR_MASKED);
			reg_write(io, (u8)(REG_REDTBL + 2 * pin + 1), 0);
		}
		printk("IOAPIC id %u at 0x%llx: %u pins, all masked\n", io->id,
		       (unsigned long long)io->address, io->num_pins);
	}
	num_ioapics = acpi->num_ioapics;
	return 0;
}

static bool owns(const struct ioapic_view *v, u32 pin)
{
	return pin < v->phys->num_pins && (v->pins[pin / 32] >> (pin % 32)) & 1;
}

static bool is_logical(const struct ioapic_view *v, u32 pin)
{
	return (v->logical[pin / 32] >> (pin % 32)) & 1;
}

/*
 * May the cell have redirection entry @p pin as @p lo, @p hi (its own
 * view: logical or physical)? On yes, *@p dest is the APIC ID the
 * IOAPIC gets, physically addressed: the one CPU of the cell the entry
 * names (irq_route_decide()). A masked entry is taken as it is, with
 * destination 0 if it names no CPU of the cell: it is checked again when
 * unmasked.
 */
static int check_route(struct cell *c, u32 pin, u32 lo, u32 hi, u32 *dest,
		       char *why, unsigned int len)
{
	const struct irq_route_req r = {
		.vector = lo & REDIR_VECTOR, .delivery = (lo >> 8) & 7,
		.logical = lo & REDIR_LOGICAL, .dest = hi >> 24,
	};
	enum irq_route_verdict v;
	unsigned int matched;
	char text[128];

	v = irq_route_decide(&r, cell_is_apic, cell_logical_apics, c, dest,
			     &matched);
	if (v == IRQ_ROUTE_OK)
		return 0;
	irq_route_why(v, &r, *dest, matched, text, sizeof(text));
	*dest = 0;
	if (lo & REDIR_MASKED)
		return 0;
	bh_snprintf(why, len, "IOAPIC pin %u %s", pin, text);
	return trace_error(-1);
}

/* Program the entry the cell sees as @p lo, @p hi into the IOAPIC,
 * physically addressed to @p dest. Callers hold the lock. */
static void program(struct ioapic_view *v, u32 pin, u32 lo, u32 hi,
		    u32 dest)
{
	u8 reg = (u8)(REG_REDTBL + 2 * pin);

	v->hi[pin] = hi;
	if (lo & REDIR_LOGICAL)
		v->logical[pin / 32] |= 1U << (pin % 32);
	else
		v->logical[pin / 32] &= ~(1U << (pin % 32));
	/* The destination first: an unmasked entry never points at the
	 * old destination with the new vector, or the other way round,
	 * for longer than these two writes. */
	reg_write(v->phys, reg + 1, dest << 24);
	reg_write(v->phys, reg, lo & ~REDIR_LOGICAL);
}

/* The data window at the cell's index. Callers hold the lock. */
static int window(struct cell *c, struct ioapic_view *v,
		  struct mmio_access *a)
{
	struct ioapic *io = v->phys;
	u32 pin = (u32)(v->index - REG_REDTBL) / 2, lo, hi, val, dest;
	bool high = (v->index - REG_REDTBL) & 1;
	u8 lo_reg = (u8)(REG_REDTBL + 2 * pin);

	if (v->index < REG_REDTBL) {
		/* ID, version, arbitration: read-only for cells. */
		if (!a->write)
			a->value = v->index <= REG_ARB ?
				   reg_read(io, v->index) : 0;
		return 0;
	}
	if (!owns(v, pin)) {
		if (!a->write)
			a->value = high ? 0 : REDIR_MASKED;
		return 0;
	}
	/* The cell's view: its destination and mode, the IOAPIC's status
	 * bits (delivery status, remote IRR). */
	lo = reg_read(io, lo_reg) | (is_logical(v, pin) ? REDIR_LOGICAL : 0);
	hi = v->hi[pin];
	if (!a->write) {
		a->value = high ? hi : lo;
		return 0;
	}
	/* A stopping cell's pins stay as ioapic_cell_stop() left them: the
	 * state is set before the pins are masked under this lock. */
	if (!cell_running(c))
		return 0;
	/* The entry is rebuilt from the bits a cell may set, then checked
	 * as a whole: nothing else of its value reaches the IOAPIC. */
	val = (u32)a->value & (high ? REDIR_HI_BITS : REDIR_LO_BITS);
	if (high)
		hi = val;
	else
		lo = val;
	if (check_route(c, pin, lo, hi, &dest, a->why, sizeof(a->why)))
		return trace_error(-1);
	program(v, pin, lo & REDIR_LO_BITS, hi, dest);
	return 0;
}

int ioapic_cell_retarget(struct cell *c, char *why, unsigned int len)
{
	u32 i, pin, dest, lo;
	int err = 0;

	for (i = 0; i < c->arch.num_ioapics && !err; i++) {
		struct ioapic_view *v = &c->arch.ioapics[i];

		spin_lock(&v->phys->lock);
		for (pin = 0; pin < v->phys->num_pins && !err; pin++) {
			if (!owns(v, pin) || !is_logical(v, pin))
				continue;
			lo = reg_read(v->phys, (u8)(REG_REDTBL + 2 * pin)) |
			     REDIR_LOGICAL;
			err = check_route(c, pin, lo, v->hi[pin], &dest, why,
					  len);
			if (!err)
				program(v, pin, lo & REDIR_LO_BITS, v->hi[pin],
					dest);
		}
		spin_unlock(&v->phys->lock);
	}
	return err;
}

/*
 * EOI of level-triggered @p vector: the Remote IRR of each of the
 * cell's level-triggered pins with that vector is cleared, and of no
 * other pin. The IOAPIC's own EOI register would clear it on every pin
 * with the vector, another cell's included; so each pin is switched to
 * edge-triggered, masked, for a moment, which clears its Remote IRR
 * alone, and then set back as it was (still asserted, it is delivered
 * again, as a level interrupt should be). Callers hold the lock.
 */
static void eoi(struct ioapic_view *v, u32 vector)
{
	u32 pin, lo;
	u8 reg;

	for (pin = 0; pin < v->phys->num_pins; pin++) {
		if (!owns(v, pin))
			continue;
		reg = (u8)(REG_REDTBL + 2 * pin);
		lo = reg_read(v->phys, reg);
		if ((lo & REDIR_VECTOR) != vector || !(lo & REDIR_LEVEL))
			continue;
		lo &= REDIR_LO_BITS;
		reg_write(v->phys, reg, (lo | REDIR_MASKED) & ~REDIR_LEVEL);
		reg_write(v->phys, reg, lo);
	}
}

static int ioapic_access(struct cell *c, void *ctx, struct mmio_access *a)
{
	struct ioapic_view *v = ctx;
	u64 off = a->address - v->phys->address;
	int err = 0;

	if (a->size != 4 || (off & 3)) {
		bh_snprintf(a->why, sizeof(a->why), "IOAPIC access of %u bytes "
			    "at offset 0x%llx: registers take aligned 32-bit "
			    "accesses", a->size, (unsigned long long)off);
		return trace_error(-1);
	}
	spin_lock(&v->phys->lock);
	switch (off) {
	case IOREGSEL:
		if (a->write)
			v->index = (u8)a->value;
		else
			a->value = v->index;
		break;
	case IOWIN:
		err = window(c, v, a);
		break;
	case IOAPIC_EOI:
		if (a->write)
			eoi(v, (u32)a->value & REDIR_VECTOR);
		else
			a->value = 0;
		break;
	default:
		bh_snprintf(a->why, sizeof(a->why), "IOAPIC register offset "
			    "0x%llx does not exist", (unsigned long long)off);
		err = -1;
	}
	spin_unlock(&v->phys->lock);
	return err;
}

int ioapic_cell_init(struct cell *c)
{
	const struct bh_irqchip *ic = bh_cell_irqchips(c->desc);
	u32 i, j, pin;

	for (i = 0; i < c->desc->num_irqchips; i++) {
		struct ioapic_view *v = &c->arch.ioapics[i];

		for (j = 0; j < num_ioapics; j++)
			if (ioapics[j].address == ic[i].address)
				break;
		if (j == num_ioapics || i >= ACPI_MAX_IOAPICS) {
			printk("cell \"%s\": irqchip %u at 0x%llx is not an "
			       "IOAPIC of this machine\n", cell_name(c), i,
			       (unsigned long long)ic[i].address);
			return trace_error(-1);
		}
		v->phys = &ioapics[j];
		memcpy(v->pins, ic[i].pin_bitmap, sizeof(v->pins));
		for (pin = 0; pin < 128; pin++)
			if ((v->pins[pin / 32] >> (pin % 32)) & 1 &&
			    pin >= v->phys->num_pins) {
				printk("cell \"%s\": irqchip %u: IOAPIC id %u "
				       "has no pin %u (it has %u)\n",
				       cell_name(c), i, v->phys->id, pin,
				       v->phys->num_pins);
				return trace_error(-1);
			}
		if (mmio_region_register(c, v->phys->address, IOAPIC_PAGE,
					 ioapic_access, v))
			return trace_error(-1);
	}
	c->arch.num_ioapics = c->desc->num_irqchips;
	return 0;
}

bool ioapic_cell_masked(const struct cell *c)
{
	bool masked = true;
	u32 i, pin;

	for (i = 0; i < c->arch.num_ioapics; i++) {
		const struct ioapic_view *v = &c->arch.ioapics[i];

		spin_lock(&v->phys->lock);
		for (pin = 0; pin < v->phys->num_pins; pin++)
			if (owns(v, pin) &&
			    !(reg_read(v->phys, (u8)(REG_REDTBL + 2 * pin)) &
			      REDIR_MASKED))
				masked = false;
		spin_unlock(&v->phys->lock);
	}
	return masked;
}

void ioapic_cell_reset(struct cell *c)
{
	u32 i;

	ioapic_cell_stop(c);
	for (i = 0; i < c->arch.num_ioapics; i++) {
		struct ioapic_view *v = &c->arch.ioapics[i];

		v->index = 0;
		memset(v->hi, 0, sizeof(v->hi));
		memset(v->logical, 0, sizeof(v->logical));
	}
}

void ioapic_cell_stop(const struct cell *c)
{
	u32 i, pin;

	for (i = 0; i < c->arch.num_ioapics; i++) {
		const struct ioapic_view *v = &c->arch.ioapics[i];

		spin_lock(&v->phys->lock);
		for (pin = 0; pin < v->phys->num_pins; pin++)
			if (owns(v, pin))
				reg_write(v->phys, (u8)(REG_REDTBL + 2 * pin),
					  REDIR_MASKED);
		spin_unlock(&v->phys->lock);
	}
}
