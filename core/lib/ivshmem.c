/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The ivshmem 2.0 function a peer sees (ivshmem.h).
 */
#include "bh_string.h"
#include "ivshmem.h"
#include "pci_cfg.h"

#define CMD_WRITABLE	(PCI_CMD_MEM | PCI_CMD_MASTER | PCI_CMD_INTX_DISABLE)
#define BAR_MASK	(~(u32)(IVSHMEM_BAR_SIZE - 1))
#define MSIX_WRITABLE	(PCI_MSIX_CTRL_ENABLE | PCI_MSIX_CTRL_MASKALL)

void ivshmem_fn_init(struct ivshmem_fn *f, const struct bh_shmem_link *l,
		     u16 id, u64 address)
{
	memset(f, 0, sizeof(*f));
	f->id = id;
	f->max_peers = (u16)l->num_peers;
	f->protocol = l->protocol;
	f->vectors = l->vectors;
	f->state_size = (u32)l->state_size;
	f->rw_size = l->rw_size;
	f->output_size = l->output_size;
	f->address = address;
	memcpy(f->name, l->name, sizeof(f->name));
	f->name[sizeof(f->name) - 1] = '\0';
	ivshmem_fn_reset(f);
}

void ivshmem_fn_reset(struct ivshmem_fn *f)
{
	u32 v;

	f->command = 0;
	f->bar[0] = f->bar[1] = 0;
	f->priv_ctrl = 0;
	f->msix_ctrl = 0;
	f->int_ctrl = 0;
	memset(f->msix, 0, sizeof(f->msix));
	for (v = 0; v < BH_SHMEM_MAX_VECTORS; v++)
		f->msix[v][PCI_MSIX_VECTOR_CTRL] = PCI_MSIX_VECTOR_MASKED;
}

/* The dword at @p reg (aligned), as the cell reads it. */
static u32 cfg_dword(const struct ivshmem_fn *f, u16 reg)
{
	switch (reg) {
	case PCI_CFG_VENDOR_ID:
		return (u32)BH_SHMEM_DEVICE_ID << 16 | BH_SHMEM_VENDOR_ID;
	case PCI_CFG_COMMAND:
		return (u32)PCI_STATUS_CAP_LIST << 16 | f->command;
	case PCI_CFG_CLASS_REV:
		/* revision 0; prog-if, subclass: the protocol; class */
		return (u32)IVSHMEM_CLASS << 24 | (u32)f->protocol << 8;
	case PCI_CFG_BAR0:
		return f->bar[0];
	case PCI_CFG_BAR0 + 4:
		return f->bar[1];
	case PCI_CFG_CAP_PTR:
		return IVSHMEM_CAP_VENDOR;
	case IVSHMEM_CAP_VENDOR:
		return (u32)f->priv_ctrl << 24 | IVSHMEM_CAP_VENDOR_LEN << 16 |
		       IVSHMEM_CAP_MSIX << 8 | IVSHMEM_CAP_ID_VENDOR;
	case IVSHMEM_CFG_STATE_SIZE:
		return f->state_size;
	case IVSHMEM_CFG_RW_SIZE:
		return (u32)f->rw_size;
	case IVSHMEM_CFG_RW_SIZE + 4:
		return (u32)(f->rw_size >> 32);
	case IVSHMEM_CFG_OUT_SIZE:
		return (u32)f->output_size;
	case IVSHMEM_CFG_OUT_SIZE + 4:
		return (u32)(f->output_size >> 32);
	case IVSHMEM_CFG_ADDRESS:
		return (u32)f->address;
	case IVSHMEM_CFG_ADDRESS + 4:
		return (u32)(f->address >> 32);
	case IVSHMEM_CAP_MSIX:
		return (u32)(f->msix_ctrl | (f->vectors - 1)) << 16 |
		       IVSHMEM_CAP_NAME << 8 | PCI_CAP_MSIX;
	case IVSHMEM_CAP_MSIX + PCI_MSIX_TABLE:
		return 1;			/* BAR1, offset 0 */
	case IVSHMEM_CAP_MSIX + PCI_MSIX_PBA:
		return IVSHMEM_PBA_OFFSET | 1;	/* BAR1 */
	case IVSHMEM_CAP_NAME:
		return (u32)IVSHMEM_CAP_NAME_TAG << 24 |
		       IVSHMEM_CAP_NAME_LEN << 16 | IVSHMEM_CAP_ID_VENDOR;
	default:
		if (reg >= IVSHMEM_CAP_NAME + 4 &&
		    reg < IVSHMEM_CAP_NAME + IVSHMEM_CAP_NAME_LEN) {
			u32 d;

			memcpy(&d, f->name + (reg - IVSHMEM_CAP_NAME - 4), 4);
			return d;
		}
		return 0;
	}
}

static bool aligned(u32 off, unsigned int size, unsigned int max)
{
	return size && size <= max && !(size & (size - 1)) &&
	       !(off & (size - 1));
}

u32 ivshmem_cfg_read(const struct ivshmem_fn *f, u16 reg, unsigned int size)
{
	u32 d;

	if (!aligned(reg, size, 4) || reg >= PCI_CFG_SIZE)
		return ~0U;
	d = cfg_dword(f, reg & ~3) >> (8 * (reg & 3));
	return size == 4 ? d : d & ((1U << (8 * size)) - 1);
}

/* The bytes @p value writes of the dword @p old at byte @p reg of it
 * (@p size bytes), merged. */
static u32 merge(u32 old, u16 reg, unsigned int size, u32 value)
{
	u32 shift = 8 * (reg & 3);
	u32 mask = size == 4 ? ~0U : ((1U << (8 * size)) - 1) << shift;

	return (old & ~mask) | ((value << shift) & mask);
}

void ivshmem_cfg_write(struct ivshmem_fn *f, u16 reg, unsigned int size,
		       u32 value, struct ivshmem_action *a)
{
	u16 base = reg & ~3;
	u32 d;

	a->act = IVSHMEM_NONE;
	if (!aligned(reg, size, 4) || reg >= PCI_CFG_SIZE)
		return;
	d = merge(cfg_dword(f, base), reg, size, value);
	switch (base) {
	case PCI_CFG_COMMAND:
		/* An MSI is the function's write: bus mastering gates it. */
		if ((f->command ^ d) & PCI_CMD_MASTER)
			a->act = IVSHMEM_VECTORS;
		/* The status register's bits are read-only (none is RW1C). */
		f->command = (u16)(d & CMD_WRITABLE);
		break;
	case PCI_CFG_BAR0:
	case PCI_CFG_BAR0 + 4:
		/* 32-bit memory BARs of 4 KiB: sizing reads back the mask. */
		f->bar[(base - PCI_CFG_BAR0) / 4] = d & BAR_MASK;
		break;
	case IVSHMEM_CAP_VENDOR:
		f->priv_ctrl = (u8)(d >> 24) & IVSHMEM_PRIV_ONESHOT;
		break;
	case IVSHMEM_CAP_MSIX:
		if (((f->msix_ctrl ^ (d >> 16)) & MSIX_WRITABLE))
			a->act = IVSHMEM_VECTORS;
		f->msix_ctrl = (u16)(d >> 16) & MSIX_WRITABLE;
		break;
	default:
		break;		/* read-only or unbacked */
	}
	a->one = false;
}

bool ivshmem_bar_live(const struct ivshmem_fn *f, unsigned int bar,
		      u64 *start)
{
	if (bar >= IVSHMEM_NUM_BARS || !(f->command & PCI_CMD_MEM) ||
	    !f->bar[bar] || f->bar[bar] == BAR_MASK)
		return false;
	*start = f->bar[bar];
	return true;
}

bool ivshmem_reg_access(struct ivshmem_fn *f, u32 off, unsigned int size,
			bool write, u32 *value, u32 state,
			struct ivshmem_action *a)
{
	u32 v = write ? *value : 0;

	a->act = IVSHMEM_NONE;
	if (size != 4 || off & 3 || off >= IVSHMEM_BAR_SIZE) {
		if (!write)
			*value = 0;
		return false;
	}
	if (!write) {
		switch (off) {
		case IVSHMEM_REG_ID:
			*value = f->id;
			break;
		case IVSHMEM_REG_MAX_PEERS:
			*value = f->max_peers;
			break;
		case IVSHMEM_REG_INT_CTRL:
			*value = f->int_ctrl;
			break;
		case IVSHMEM_REG_STATE:
			*value = state;
			break;
		default:
			*value = 0;	/* the doorbell, unbacked offsets */
			break;
		}
		return true;
	}
	switch (off) {
	case IVSHMEM_REG_INT_CTRL:
		if ((f->int_ctrl ^ v) & IVSHMEM_INT_ENABLE)
			*a = (struct ivshmem_action){ IVSHMEM_VECTORS, 0, 0, 0,
						      false };
		f->int_ctrl = v & IVSHMEM_INT_ENABLE;
		break;
	case IVSHMEM_REG_DOORBELL:
		/* A vector or a peer that does not exist: no effect. */
		if ((v & 0xffff) < f->vectors && (v >> 16) < f->max_peers)
			*a = (struct ivshmem_action){ IVSHMEM_DOORBELL,
						      v >> 16, v & 0xffff, 0,
						      false };
		break;
	case IVSHMEM_REG_STATE:
		*a = (struct ivshmem_action){ IVSHMEM_STATE, 0, 0, v, false };
		break;
	default:
		break;		/* read-only or unbacked */
	}
	return true;
}

bool ivshmem_msix_access(struct ivshmem_fn *f, u32 off, unsigned int size,
			 bool write, u64 *value, struct ivshmem_action *a)
{
	u32 entry = off / PCI_MSIX_ENTRY_SIZE;
	u32 dw = (off % PCI_MSIX_ENTRY_SIZE) / 4;
	u64 v = 0;

	a->act = IVSHMEM_NONE;
	if ((size != 4 && size != 8) || off & (size - 1) ||
	    off >= IVSHMEM_BAR_SIZE) {
		if (!write)
			*value = ~0ULL;
		return false;
	}
	if (off >= IVSHMEM_PBA_OFFSET || entry >= f->vectors) {
		/* The pending bits (never set: nothing is held pending)
		 * and what lies beyond the table. */
		if (!write)
			*value = 0;
		return true;
	}
	if (!write) {
		v = f->msix[entry][dw];
		if (size == 8)
			v |= (u64)f->msix[entry][dw + 1] << 32;
		*value = v;
		return true;
	}
	v = *value;
	for (; size; size -= 4, dw++, v >>= 32) {
		u32 w = (u32)v;

		if (dw == 0)
			w &= ~3U;		/* dword-aligned address */
		else if (dw == PCI_MSIX_VECTOR_CTRL)
			w &= PCI_MSIX_VECTOR_MASKED;
		f->msix[entry][dw] = w;
	}
	*a = (struct ivshmem_action){ IVSHMEM_VECTORS, 0, entry, 0, true };
	return true;
}

bool ivshmem_vector_live(const struct ivshmem_fn *f, u32 v)
{
	return v < f->vectors && (f->command & PCI_CMD_MASTER) &&
	       (f->msix_ctrl & PCI_MSIX_CTRL_ENABLE) &&
	       !(f->msix_ctrl & PCI_MSIX_CTRL_MASKALL) &&
	       !(f->msix[v][PCI_MSIX_VECTOR_CTRL] & PCI_MSIX_VECTOR_MASKED) &&
	       (f->int_ctrl & IVSHMEM_INT_ENABLE);
}

void ivshmem_delivered(struct ivshmem_fn *f)
{
	if (f->priv_ctrl & IVSHMEM_PRIV_ONESHOT)
		f->int_ctrl &= ~(u32)IVSHMEM_INT_ENABLE;
}
