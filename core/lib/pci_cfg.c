/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * A cell's view of its PCI functions' configuration space (pci_cfg.h).
 */
#include "bh_string.h"
#include "pci_cfg.h"

/* How a field of configuration space behaves for the cell. */
enum kind {
	K_RO,		/* hardware's value; writes dropped and reported */
	K_WRITE,	/* written through within .writable */
	K_COMMAND,	/* K_WRITE, with bus mastering and BAR checks */
	K_BAR,		/* shadow */
	K_ROM,		/* reads 0, writes ignored: hidden */
	K_MSI_CTRL,	/* shadow of the enable and vector count */
	K_MSI_ADDR_LO,
	K_MSI_ADDR_HI,
	K_MSI_DATA,
	K_MSIX_CTRL,	/* shadow of the enable and function mask */
};

struct field {
	u16 start;
	u8 size;
	u8 kind;
	u8 index;	/* K_BAR: which BAR dword */
	u32 writable;	/* K_WRITE, K_COMMAND: bits the cell may set */
	u32 rw1c;	/* write-one-to-clear bits: written 0 to keep them */
};

static u32 bytes_mask(unsigned int n)
{
	return n >= 4 ? 0xffffffffU : (1U << (n * 8)) - 1;
}

static bool set_field(struct field *f, u16 start, u8 size, u8 kind,
		      u32 writable, u32 rw1c)
{
	f->start = start;
	f->size = size;
	f->kind = kind;
	f->index = 0;
	f->writable = writable;
	f->rw1c = rw1c;
	return true;
}

static bool in(u16 reg, unsigned int start, unsigned int size)
{
	return reg >= start && reg < start + size;
}

static u32 command_writable(const struct pci_fn *fn)
{
	return PCI_CMD_IO | PCI_CMD_MEM | PCI_CMD_SPECIAL | PCI_CMD_MWI |
	       PCI_CMD_VGA_SNOOP | PCI_CMD_PARITY | PCI_CMD_SERR |
	       PCI_CMD_FAST_B2B | (fn->master_allowed ? PCI_CMD_MASTER : 0) |
	       (fn->intx_allowed ? PCI_CMD_INTX_DISABLE : 0);
}

/* The header's fields the cell may write, or that are shadowed. */
static bool header_field(const struct pci_fn *fn, u16 reg, struct field *f)
{
	if (in(reg, PCI_CFG_COMMAND, 2))
		return set_field(f, PCI_CFG_COMMAND, 2, K_COMMAND,
				 command_writable(fn), 0);
	if (in(reg, PCI_CFG_STATUS, 2))
		return set_field(f, PCI_CFG_STATUS, 2, K_WRITE,
				 PCI_STATUS_RW1C, PCI_STATUS_RW1C);
	if (reg == PCI_CFG_CACHE_LINE || reg == PCI_CFG_LATENCY ||
	    reg == PCI_CFG_INT_LINE)
		return set_field(f, reg, 1, K_WRITE, 0xff, 0);
	if (in(reg, PCI_CFG_BAR0, PCI_NUM_BARS * 4)) {
		set_field(f, reg & ~3, 4, K_BAR, 0, 0);
		f->index = (u8)((reg - PCI_CFG_BAR0) / 4);
		return true;
	}
	if (in(reg, PCI_CFG_ROM, 4))
		return set_field(f, PCI_CFG_ROM, 4, K_ROM, 0, 0);
	return false;
}

static bool msi_field(const struct pci_fn *fn, u16 reg, struct field *f)
{
	u16 c = fn->msi, data = c + (fn->msi_64 ? 12 : 8);

	if (!c)
		return false;
	if (in(reg, c + PCI_MSI_CTRL, 2))
		return set_field(f, c + PCI_MSI_CTRL, 2, K_MSI_CTRL, 0, 0);
	if (in(reg, c + PCI_MSI_ADDR_LO, 4))
		return set_field(f, c + PCI_MSI_ADDR_LO, 4, K_MSI_ADDR_LO, 0,
				 0);
	if (fn->msi_64 && in(reg, c + PCI_MSI_ADDR_HI, 4))
		return set_field(f, c + PCI_MSI_ADDR_HI, 4, K_MSI_ADDR_HI, 0,
				 0);
	if (in(reg, data, 2))
		return set_field(f, data, 2, K_MSI_DATA, 0, 0);
	/* The mask bits (after the data's dword): each vector's own. */
	if (fn->msi_maskable && in(reg, data + 4, 4))
		return set_field(f, data + 4, 4, K_WRITE, 0xffffffffU, 0);
	return false;
}

/* The PCI Express capability's registers a cell may write. */
static const struct {
	u8 offset;
	u16 writable, rw1c;
} pcie_regs[] = {
	{ PCI_EXP_DEVCTL, PCI_EXP_DEVCTL_WRITABLE, 0 },
	{ PCI_EXP_DEVSTA, PCI_EXP_DEVSTA_RW1C, PCI_EXP_DEVSTA_RW1C },
	{ PCI_EXP_LINKCTL, PCI_EXP_LINKCTL_WRITABLE, 0 },
	{ PCI_EXP_LINKSTA, PCI_EXP_LINKSTA_RW1C, PCI_EXP_LINKSTA_RW1C },
	{ PCI_EXP_DEVCTL2, PCI_EXP_DEVCTL2_WRITABLE, 0 },
};

static bool cap_field(const struct pci_fn *fn, u16 reg, struct field *f)
{
	unsigned int i;
	u16 c;

	if (msi_field(fn, reg, f))
		return true;
	c = fn->msix;
	if (c && in(reg, c + PCI_MSIX_CTRL, 2))
		return set_field(f, c + PCI_MSIX_CTRL, 2, K_MSIX_CTRL, 0, 0);
	c = fn->pm;
	if (c && in(reg, c + PCI_PM_CSR, 2))
		return set_field(f, c + PCI_PM_CSR, 2, K_WRITE,
				 PCI_PM_CSR_WRITABLE, PCI_PM_CSR_RW1C);
	c = fn->pcie;
	for (i = 0; c && i < BH_ARRAY_SIZE(pcie_regs); i++)
		if (c + pcie_regs[i].offset + 2 <= 0x100 &&
		    in(reg, c + pcie_regs[i].offset, 2))
			return set_field(f, c + pcie_regs[i].offset, 2, K_WRITE,
					 pcie_regs[i].writable,
					 pcie_regs[i].rw1c);
	return false;
}

/* The field byte @p reg belongs to; a byte no rule names is read-only on
 * its own. */
static void field_at(const struct pci_fn *fn, u16 reg, struct field *f)
{
	if (reg < 0x40 ? header_field(fn, reg, f) : cap_field(fn, reg, f))
		return;
	set_field(f, reg, 1, K_RO, 0, 0);
}

static bool access_ok(u16 reg, unsigned int size)
{
	return (size == 1 || size == 2 || size == 4) && !(reg % size) &&
	       reg + size <= PCI_CFG_SIZE;
}

/* The shadow's value of a field, or false if the hardware's is read. */
static bool shadow_value(const struct pci_fn *fn, const struct field *f,
			 u32 hw_value, u32 *v)
{
	switch (f->kind) {
	case K_BAR:
		*v = fn->bar_shadow[f->index];
		return true;
	case K_ROM:
		*v = 0;
		return true;
	case K_MSI_CTRL:
		*v = (hw_value & ~(u32)(PCI_MSI_CTRL_ENABLE | PCI_MSI_CTRL_MME)) |
		     fn->msi_ctrl;
		return true;
	case K_MSI_ADDR_LO:
		*v = fn->msi_addr_lo;
		return true;
	case K_MSI_ADDR_HI:
		*v = fn->msi_addr_hi;
		return true;
	case K_MSI_DATA:
		*v = fn->msi_data;
		return true;
	case K_MSIX_CTRL:
		*v = (hw_value & ~(u32)(PCI_MSIX_CTRL_ENABLE |
					PCI_MSIX_CTRL_MASKALL)) | fn->msix_ctrl;
		return true;
	default:
		return false;
	}
}

u32 pci_cfg_read(const struct pci_fn *fn, const struct pci_cfg_hw *hw,
		 u16 reg, unsigned int size)
{
	struct field f;
	u32 value;
	u16 b;

	if (!access_ok(reg, size))
		return 0xffffffffU;
	value = hw->read(hw->ctx, reg, size);
	for (b = reg; b < reg + size; b = f.start + f.size) {
		u32 field_hw, v;

		field_at(fn, b, &f);
		field_hw = f.kind == K_MSI_CTRL || f.kind == K_MSIX_CTRL ?
			   hw->read(hw->ctx, f.start, f.size) : 0;
		if (!shadow_value(fn, &f, field_hw, &v))
			continue;
		/* The bytes of the field that the access covers. */
		for (u16 i = b; i < f.start + f.size && i < reg + size; i++) {
			u32 byte = (v >> ((i - f.start) * 8)) & 0xff;
			unsigned int at = (i - reg) * 8;

			value = (value & ~(0xffU << at)) | (byte << at);
		}
	}
	return value & bytes_mask(size);
}

/* Report a dropped write to the dword of @p reg once. */
static unsigned int drop(struct pci_fn *fn, u16 reg, u16 *where)
{
	unsigned int dw = reg / 4;

	if (fn->reported[dw / 32] & (1U << (dw % 32)))
		return 0;
	fn->reported[dw / 32] |= 1U << (dw % 32);
	*where = reg;
	return PCI_EV_DROPPED;
}

static void merge(u32 *dst, u32 be, u32 mask, u32 v)
{
	*dst = (*dst & ~(be & mask)) | (v & be & mask);
}

/* Decoding just turned on: is a BAR the cell moved among those decoded?
 * Reported once per BAR until the shadow is reset. */
static unsigned int check_bars(struct pci_fn *fn, u32 command, u16 *where)
{
	unsigned int i, dw;

	for (i = 0; i < PCI_NUM_BARS; i++) {
		const struct pci_bar *bar = &fn->bars[i];
		bool io = bar->flags & PCI_BAR_IO;
		bool moved;

		if (!bar->size ||
		    !(command & (io ? PCI_CMD_IO : PCI_CMD_MEM)))
			continue;
		moved = fn->bar_shadow[i] != fn->bar_hw[i];
		if ((bar->flags & PCI_BAR_MEM_TYPE) == PCI_BAR_MEM64 &&
		    i + 1 < PCI_NUM_BARS)
			moved |= fn->bar_shadow[i + 1] != fn->bar_hw[i + 1];
		dw = (PCI_CFG_BAR0 + i * 4) / 4;
		if (!moved || (fn->reported[dw / 32] & (1U << (dw % 32))))
			continue;
		fn->reported[dw / 32] |= 1U << (dw % 32);
		*where = (u16)(PCI_CFG_BAR0 + i * 4);
		return PCI_EV_BAR_MOVED;
	}
	return 0;
}

unsigned int pci_cfg_write(struct pci_fn *fn, const struct pci_cfg_hw *hw,
			   u16 reg, unsigned int size, u32 value, u16 *where)
{
	unsigned int ev = 0;
	struct field f;
	u16 b, end;

	if (!access_ok(reg, size))
		return PCI_EV_INVALID;
	for (b = reg; b < reg + size; b = end) {
		unsigned int n;
		u32 be, v, cur;

		field_at(fn, b, &f);
		end = f.start + f.size < reg + size ? f.start + f.size :
		      reg + size;
		/* The cell's bytes [b, end), placed in the field. */
		n = end - b;
		be = bytes_mask(n) << ((b - f.start) * 8);
		v = ((value >> ((b - reg) * 8)) & bytes_mask(n)) <<
		    ((b - f.start) * 8);
		switch (f.kind) {
		case K_RO:
			ev |= drop(fn, b, where);
			break;
		case K_COMMAND:
			if ((v & be & PCI_CMD_MASTER) && !fn->master_allowed)
				ev |= PCI_EV_MASTER_DROPPED;
			if ((be & PCI_CMD_INTX_DISABLE) &&
			    !(v & PCI_CMD_INTX_DISABLE) && !fn->intx_allowed)
				ev |= PCI_EV_INTX_REFUSED;
			/* fall through */
		case K_WRITE:
			/* A field written whole: bytes the cell did not
			 * write keep their value, write-one-to-clear bits
			 * it did not set stay set. */
			cur = hw->read(hw->ctx, f.start, f.size);
			cur &= ~f.rw1c;
			merge(&cur, be, f.writable, v);
			/* INTx stays off whatever the cell writes unless
			 * its line reaches a pin of the cell's. */
			if (f.kind == K_COMMAND && !fn->intx_allowed)
				cur |= PCI_CMD_INTX_DISABLE;
			hw->write(hw->ctx, f.start, f.size, cur);
			if (f.kind == K_COMMAND)
				ev |= check_bars(fn, cur, where);
			break;
		case K_BAR:
			merge(&fn->bar_shadow[f.index], be,
			      fn->bar_mask[f.index], v);
			break;
		case K_ROM:
			break;
		case K_MSI_CTRL:
			cur = fn->msi_ctrl;
			merge(&cur, be, PCI_MSI_CTRL_ENABLE | PCI_MSI_CTRL_MME,
			      v);
			fn->msi_ctrl = (u16)cur;
			ev |= PCI_EV_MSI;
			break;
		case K_MSI_ADDR_LO:
			merge(&fn->msi_addr_lo, be, 0xfffffffcU, v);
			ev |= PCI_EV_MSI;
			break;
		case K_MSI_ADDR_HI:
			merge(&fn->msi_addr_hi, be, 0xffffffffU, v);
			ev |= PCI_EV_MSI;
			break;
		case K_MSI_DATA:
			cur = fn->msi_data;
			merge(&cur, be, 0xffff, v);
			fn->msi_data = (u16)cur;
			ev |= PCI_EV_MSI;
			break;
		case K_MSIX_CTRL:
			cur = fn->msix_ctrl;
			merge(&cur, be, PCI_MSIX_CTRL_ENABLE |
			      PCI_MSIX_CTRL_MASKALL, v);
			fn->msix_ctrl = (u16)cur;
			ev |= PCI_EV_MSIX;
			break;
		}
	}
	return ev;
}

u8 pci_fn_find_cap(const struct pci_fn *fn, u8 id)
{
	unsigned int i;

	for (i = 0; i < fn->num_caps; i++)
		if (fn->caps[i].id == id)
			return fn->caps[i].offset;
	return 0;
}

/* What a cell may leave in each dword of an MSI-X entry. */
static const u32 msix_writable[PCI_MSIX_ENTRY_DWORDS] = {
	0xfffffffcU, 0xffffffffU, 0xffffffffU, PCI_MSIX_VECTOR_MASKED,
};

unsigned int pci_msix_access(const struct pci_fn *fn, u32 *shadow, u64 off,
			     unsigned int size, bool write, u64 *value,
			     u16 *entry)
{
	u64 table = fn->msix_table_offset;
	u64 len = (u64)fn->msix_vectors * PCI_MSIX_ENTRY_SIZE, rel;
	unsigned int i, changed = 0;

	if (!fn->msix || off + size <= table || off >= table + len)
		return PCI_MSIX_OUTSIDE;
	rel = off - table;
	if ((size != 4 && size != 8) || off < table || rel % size ||
	    rel + size > len) {
		if (!write)
			*value = ~0ULL;
		return PCI_MSIX_INVALID;
	}
	*entry = (u16)(rel / PCI_MSIX_ENTRY_SIZE);
	if (!write)
		*value = 0;
	for (i = 0; i < size / 4; i++) {
		u32 dw = (u32)(rel / 4) + i;
		u32 *w = &shadow[dw];
		u32 v = (u32)(*value >> (32 * i)) &
			msix_writable[dw % PCI_MSIX_ENTRY_DWORDS];

		if (!write) {
			*value |= (u64)*w << (32 * i);
		} else if (*w != v) {
			*w = v;
			changed = 1;
		}
	}
	return changed ? PCI_MSIX_CHANGED : PCI_MSIX_DONE;
}

void pci_msix_reset_shadow(const struct pci_fn *fn, u32 *shadow)
{
	u32 i;

	for (i = 0; i < (u32)fn->msix_vectors * PCI_MSIX_ENTRY_DWORDS; i++)
		shadow[i] = i % PCI_MSIX_ENTRY_DWORDS == PCI_MSIX_VECTOR_CTRL ?
			    PCI_MSIX_VECTOR_MASKED : 0;
}

void pci_fn_reset_shadow(struct pci_fn *fn)
{
	unsigned int i;

	for (i = 0; i < PCI_NUM_BARS; i++)
		fn->bar_shadow[i] = fn->bar_hw[i];
	fn->msi_ctrl = fn->msi_data = fn->msix_ctrl = 0;
	fn->msi_addr_lo = fn->msi_addr_hi = 0;
	for (i = 0; i < BH_ARRAY_SIZE(fn->reported); i++)
		fn->reported[i] = 0;
}

/* Size BAR dword @p i: its value, the bits that stick when ones are
 * written and those that stay set when zeros are. */
static void size_dword(const struct pci_cfg_hw *hw, unsigned int i,
		       u32 *orig, u32 *sticks, u32 *stuck)
{
	u16 reg = (u16)(PCI_CFG_BAR0 + i * 4);

	*orig = hw->read(hw->ctx, reg, 4);
	hw->write(hw->ctx, reg, 4, 0xffffffffU);
	*sticks = hw->read(hw->ctx, reg, 4);
	hw->write(hw->ctx, reg, 4, 0);
	*stuck = hw->read(hw->ctx, reg, 4);
	hw->write(hw->ctx, reg, 4, *orig);
}

static int probe_bars(struct pci_fn *fn, const struct pci_cfg_hw *hw,
		      const char **why)
{
	u32 orig, sticks, stuck, orig_hi, sticks_hi, stuck_hi;
	unsigned int i;

	for (i = 0; i < PCI_NUM_BARS; i++) {
		struct pci_bar *bar = &fn->bars[i];
		u64 mask;

		size_dword(hw, i, &orig, &sticks, &stuck);
		bar->flags = orig & (orig & PCI_BAR_IO ? 0x3 : 0xf);
		fn->bar_hw[i] = orig;
		fn->bar_mask[i] = sticks & (orig & PCI_BAR_IO ? ~3U : ~0xfU);
		mask = fn->bar_mask[i];
		if (!(orig & PCI_BAR_IO) &&
		    (orig & PCI_BAR_MEM_TYPE) == PCI_BAR_MEM64) {
			if (i + 1 == PCI_NUM_BARS) {
				*why = "a 64-bit BAR 5 has no upper half";
				return -1;
			}
			size_dword(hw, i + 1, &orig_hi, &sticks_hi, &stuck_hi);
			if (stuck_hi)
				stuck |= ~0xfU;	/* refused below */
			fn->bar_hw[i + 1] = orig_hi;
			fn->bar_mask[i + 1] = sticks_hi;
			mask |= (u64)sticks_hi << 32;
			bar->address = (orig & ~0xfULL) | (u64)orig_hi << 32;
		} else if (!(orig & PCI_BAR_IO) &&
			   (orig & PCI_BAR_MEM_TYPE)) {
			*why = "a BAR of reserved memory type (below 1 MiB)";
			return -1;
		} else {
			bar->address = orig & (orig & PCI_BAR_IO ? ~3U : ~0xfU);
		}
		/* An address bit that stays set when zeros are written
		 * would pass for the size below. */
		if (stuck & (orig & PCI_BAR_IO ? ~3U : ~0xfU)) {
			*why = "a BAR has address bits that cannot be cleared";
			return -1;
		}
		/* The size is the lowest bit that sticks; the address bits
		 * below it are read-only zeros on a sound device. */
		bar->size = mask & -mask;
		if (!bar->size)
			bar->address = bar->flags = 0;
		if (bar->address & (bar->size - 1)) {
			*why = "a BAR's address is not aligned to its size";
			return -1;
		}
		if ((bar->flags & PCI_BAR_MEM_TYPE) == PCI_BAR_MEM64 &&
		    !(bar->flags & PCI_BAR_IO))
			i++;
	}
	return 0;
}

/* The capability list from the pointer at 0x34, each entry once. */
static int probe_caps(struct pci_fn *fn, const struct pci_cfg_hw *hw,
		      const char **why)
{
	u32 seen[2] = { 0, 0 };	/* dwords 0x40-0xff visited */
	u8 ptr;

	fn->num_caps = 0;
	if (!(hw->read(hw->ctx, PCI_CFG_STATUS, 2) & PCI_STATUS_CAP_LIST))
		return 0;
	ptr = hw->read(hw->ctx, PCI_CFG_CAP_PTR, 1) & 0xfc;
	while (ptr) {
		unsigned int dw = (ptr - 0x40U) / 4;

		if (ptr < 0x40) {
			*why = "its capability list points into the header";
			return -1;
		}
		if (seen[dw / 32] & (1U << (dw % 32))) {
			*why = "its capability list loops";
			return -1;
		}
		seen[dw / 32] |= 1U << (dw % 32);
		fn->caps[fn->num_caps].id = (u8)hw->read(hw->ctx, ptr, 1);
		fn->caps[fn->num_caps].offset = ptr;
		fn->num_caps++;
		ptr = hw->read(hw->ctx, (u16)(ptr + 1), 1) & 0xfc;
	}
	return 0;
}

/* Does capability @p c's @p len bytes fit in the first 256? */
static bool cap_fits(u8 c, unsigned int len)
{
	return !c || c + len <= 0x100;
}

static int probe_msix(struct pci_fn *fn, const struct pci_cfg_hw *hw,
		      const char **why)
{
	u32 table, pba;
	u64 table_end, pba_end;

	fn->msix_vectors = (hw->read(hw->ctx, (u16)(fn->msix + PCI_MSIX_CTRL),
				      2) & PCI_MSIX_CTRL_SIZE) + 1;
	table = hw->read(hw->ctx, (u16)(fn->msix + PCI_MSIX_TABLE), 4);
	pba = hw->read(hw->ctx, (u16)(fn->msix + PCI_MSIX_PBA), 4);
	fn->msix_table_bar = table & PCI_MSIX_BIR;
	fn->msix_table_offset = table & ~(u32)PCI_MSIX_BIR;
	fn->msix_pba_bar = pba & PCI_MSIX_BIR;
	fn->msix_pba_offset = pba & ~(u32)PCI_MSIX_BIR;
	table_end = fn->msix_table_offset + (u64)fn->msix_vectors * 16;
	pba_end = fn->msix_pba_offset + (fn->msix_vectors + 63ULL) / 64 * 8;
	if (fn->msix_table_bar >= PCI_NUM_BARS ||
	    fn->msix_pba_bar >= PCI_NUM_BARS ||
	    (fn->bars[fn->msix_table_bar].flags & PCI_BAR_IO) ||
	    (fn->bars[fn->msix_pba_bar].flags & PCI_BAR_IO) ||
	    table_end > fn->bars[fn->msix_table_bar].size ||
	    pba_end > fn->bars[fn->msix_pba_bar].size) {
		*why = "its MSI-X table or pending bits lie outside a memory "
		       "BAR";
		return -1;
	}
	return 0;
}

int pci_fn_probe(struct pci_fn *fn, const struct pci_cfg_hw *hw,
		 const char **why)
{
	bool master_allowed = fn->master_allowed;
	bool intx_allowed = fn->intx_allowed;
	u32 command;
	int err;

	memset(fn, 0, sizeof(*fn));
	fn->master_allowed = master_allowed;
	fn->intx_allowed = intx_allowed;
	fn->vendor = (u16)hw->read(hw->ctx, PCI_CFG_VENDOR_ID, 2);
	fn->device = (u16)hw->read(hw->ctx, PCI_CFG_DEVICE_ID, 2);
	if (fn->vendor == 0xffff) {
		*why = "no function answers there";
		return -1;
	}
	fn->header_type = (u8)hw->read(hw->ctx, PCI_CFG_HEADER_TYPE, 1);
	if ((fn->header_type & PCI_HEADER_TYPE_MASK) != 0) {
		*why = "it is a bridge (header type 1 or 2): only functions "
		       "with a type 0 header can be a cell's";
		return -1;
	}
	/* Sized with decoding off, as the firmware does. */
	command = hw->read(hw->ctx, PCI_CFG_COMMAND, 2);
	hw->write(hw->ctx, PCI_CFG_COMMAND, 2,
		  command & ~(u32)(PCI_CMD_IO | PCI_CMD_MEM));
	err = probe_bars(fn, hw, why);
	hw->write(hw->ctx, PCI_CFG_COMMAND, 2, command);
	if (err || probe_caps(fn, hw, why))
		return -1;
	fn->msi = pci_fn_find_cap(fn, PCI_CAP_MSI);
	fn->msix = pci_fn_find_cap(fn, PCI_CAP_MSIX);
	fn->pm = pci_fn_find_cap(fn, PCI_CAP_PM);
	fn->pcie = pci_fn_find_cap(fn, PCI_CAP_PCIE);
	if (fn->msi) {
		u16 ctrl = (u16)hw->read(hw->ctx, (u16)(fn->msi + PCI_MSI_CTRL), 2);
		fn->msi_64 = ctrl & PCI_MSI_CTRL_64;
		fn->msi_maskable = ctrl & PCI_MSI_CTRL_MASKABLE;
	}
	if (!cap_fits(fn->msi, 10 + (fn->msi_64 ? 4 : 0) +
		      (fn->msi_maskable ? 10 : 0)) || !cap_fits(fn->msix, 12) ||
	    !cap_fits(fn->pm, 8) || !cap_fits(fn->pcie, 0x14)) {
		*why = "a capability runs past the end of configuration space";
		return -1;
	}
	if (fn->msix && probe_msix(fn, hw, why))
		return -1;
	if (fn->pcie)
		fn->flr = hw->read(hw->ctx, (u16)(fn->pcie + PCI_EXP_DEVCAP),
				   4) & PCI_EXP_DEVCAP_FLR;
	pci_fn_reset_shadow(fn);
	return 0;
}
