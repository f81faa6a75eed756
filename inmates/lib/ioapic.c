/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The IOAPIC at its standard address through its index and data
 * registers. The hypervisor mediates every access: a cell reaches only the
 * redirection entries of the pins its config gives it.
 */
#include "inmate.h"

#define IOAPIC_BASE	0xfec00000UL
#define IOREGSEL	0x00
#define IOWIN		0x10
#define IOAPIC_EOI	0x40
#define IOAPIC_REDTBL	0x10
#define REDIR_LEVEL	(1U << 15)
#define REDIR_MASKED	(1U << 16)

static volatile u32 *const ioapic = (volatile u32 *)IOAPIC_BASE;

u32 ioapic_read(u8 reg)
{
	ioapic[IOREGSEL / 4] = reg;
	return ioapic[IOWIN / 4];
}

void ioapic_write(u8 reg, u32 value)
{
	ioapic[IOREGSEL / 4] = reg;
	ioapic[IOWIN / 4] = value;
}

u64 ioapic_pin_get(unsigned int pin)
{
	u8 reg = (u8)(IOAPIC_REDTBL + 2 * pin);

	return (u64)ioapic_read(reg + 1) << 32 | ioapic_read(reg);
}

void ioapic_pin_set_vector(unsigned int pin, bool level, u8 vector)
{
	u8 reg = (u8)(IOAPIC_REDTBL + 2 * pin);

	/* Masked while the entry changes; physical destination: this CPU. */
	ioapic_write(reg, REDIR_MASKED);
	ioapic_write(reg + 1, cpu_id() << 24);
	ioapic_write(reg, vector | (level ? REDIR_LEVEL : 0));
}

void ioapic_eoi(u8 vector)
{
	ioapic[IOAPIC_EOI / 4] = vector;
}

void ioapic_pin_mask(unsigned int pin)
{
	ioapic_write((u8)(IOAPIC_REDTBL + 2 * pin), REDIR_MASKED);
}
