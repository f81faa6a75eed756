/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * libFuzzer target: a cell's view of PCI configuration space
 * (core/lib/pci_cfg.c) on an arbitrary simulated function
 * (tests/unit/pci_fixture.h). Input: one byte of flags (bit 0: bus
 * mastering allowed), the function's first 256 bytes of configuration
 * space, their writable masks and their write-one-to-clear masks (what
 * the input lacks is 0), then accesses of 7 bytes each: an operation
 * byte (bit 0 write, bits 2:1 the size: 1, 2, 4 or an invalid 3), the
 * register (16 bits, modulo 0x1001 so that the end of space is crossed)
 * and the value (32 bits).
 *
 * Properties. The probe refuses with a reason or learns a function whose
 * BARs, capabilities and MSI-X table lie where it says. Then, whatever
 * the cell does: the hardware's BARs and ROM BAR keep their values (as
 * the probe left them), its MSI address, data and control and its MSI-X control are
 * never written; bus mastering never comes on unless allowed; a write
 * to the command register leaves INTx disabled unless INTx is allowed
 * (where the simulated function has the bit as a plain writable one);
 * every
 * byte outside the fields a cell may write (command, status, cache line,
 * latency, interrupt line, PMCSR, MSI mask bits, PCI Express control
 * and status) keeps its value; an invalid access is refused and touches
 * nothing; a read is the same as the reads of its bytes; a BAR reads
 * back the firmware's flag bits; a reported register lies in the access.
 * With an MSI-X capability, the same accesses are replayed on its table
 * (pci_msix_access(), at the register's offset from 0x80 before the
 * table, sizes 1, 2, 4 and 8): outside the table nothing is the table's,
 * a changed entry is one of its vectors, the shadow keeps addresses
 * dword-aligned and vector controls to the mask bit, a read is the
 * shadow's dwords.
 */
#include "fuzz_common.h"
#include "pci_fixture.h"

#define HEAD		(1 + 3 * 256)
#define ACCESS		7

static struct dev dev;
static const struct pci_cfg_hw hw = { dev_read, dev_write, &dev };

/* Bytes a cell's write may change in the hardware, by the fields the
 * PCI specifications define as the function's own (pci_cfg.h). */
static bool may_change(const struct pci_fn *fn, unsigned int reg)
{
	static const u8 pcie[] = { PCI_EXP_DEVCTL, PCI_EXP_DEVSTA,
				   PCI_EXP_LINKCTL, PCI_EXP_LINKSTA,
				   PCI_EXP_DEVCTL2 };
	unsigned int i, mask;

	if ((reg >= PCI_CFG_COMMAND && reg < PCI_CFG_COMMAND + 4) ||
	    reg == PCI_CFG_CACHE_LINE || reg == PCI_CFG_LATENCY ||
	    reg == PCI_CFG_INT_LINE)
		return true;
	if (fn->pm && reg >= fn->pm + PCI_PM_CSR && reg < fn->pm + PCI_PM_CSR + 2u)
		return true;
	mask = fn->msi + (fn->msi_64 ? 16 : 12);
	if (fn->msi && fn->msi_maskable && reg >= mask && reg < mask + 4)
		return true;
	for (i = 0; fn->pcie && i < sizeof(pcie); i++)
		if (reg >= fn->pcie + pcie[i] && reg < fn->pcie + pcie[i] + 2u)
			return true;
	return false;
}

static void check_probe(const struct pci_fn *fn)
{
	unsigned int i;

	for (i = 0; i < PCI_NUM_BARS; i++) {
		const struct pci_bar *b = &fn->bars[i];

		FUZZ_CHECK(!b->size || !(b->size & (b->size - 1)),
			   "a BAR size that is not a power of two");
		FUZZ_CHECK(!b->size || !(b->address & (b->size - 1)),
			   "a BAR not aligned to its size");
	}
	FUZZ_CHECK(fn->num_caps <= PCI_MAX_CAPS, "too many capabilities");
	for (i = 0; i < fn->num_caps; i++)
		FUZZ_CHECK(fn->caps[i].offset >= 0x40 &&
			   !(fn->caps[i].offset & 3), "a capability offset");
	if (fn->msix)
		FUZZ_CHECK(fn->msix_table_bar < PCI_NUM_BARS &&
			   fn->msix_table_offset + fn->msix_vectors * 16ULL <=
			   fn->bars[fn->msix_table_bar].size,
			   "an MSI-X table outside its BAR");
}

/* The accesses of the input replayed on @p fn's MSI-X table. */
static void fuzz_msix(const struct pci_fn *fn, const uint8_t *data,
		      size_t size)
{
	static u32 shadow[2048 * PCI_MSIX_ENTRY_DWORDS];
	static const unsigned int sizes[4] = { 1, 2, 4, 8 };
	u64 table = fn->msix_table_offset;
	u64 len = (u64)fn->msix_vectors * PCI_MSIX_ENTRY_SIZE;
	size_t at;
	u32 i;

	pci_msix_reset_shadow(fn, shadow);
	for (at = HEAD; at + ACCESS <= size; at += ACCESS) {
		unsigned int sz = sizes[(data[at] >> 1) & 3], r;
		u64 off = table + (data[at + 1] | data[at + 2] << 8) % 0x1001 -
			  (table >= 0x80 ? 0x80 : table);
		u64 v = data[at + 3] | data[at + 4] << 8 | data[at + 5] << 16 |
			(u64)data[at + 6] << 24 | (u64)data[at + 6] << 40;
		bool write = data[at] & 1, inside = off < table + len &&
						     off + sz > table;
		u16 entry = 0xffff;

		r = pci_msix_access(fn, shadow, off, sz, write, &v, &entry);
		FUZZ_CHECK((r == PCI_MSIX_OUTSIDE) == !inside,
			   "the table's accesses misjudged");
		FUZZ_CHECK(r != PCI_MSIX_CHANGED || entry < fn->msix_vectors,
			   "a changed entry beyond the table");
		FUZZ_CHECK(r != PCI_MSIX_INVALID || write || v == ~0ULL,
			   "an invalid read not all ones");
		if (r == PCI_MSIX_DONE && !write) {
			u64 rel = (off - table) / 4, want = shadow[rel];

			if (sz == 8)
				want |= (u64)shadow[rel + 1] << 32;
			FUZZ_CHECK(v == want, "a read is not the shadow");
		}
	}
	for (i = 0; i < fn->msix_vectors; i++)
		FUZZ_CHECK(!(shadow[4 * i] & 3) &&
			   !(shadow[4 * i + PCI_MSIX_VECTOR_CTRL] &
			     ~(u32)PCI_MSIX_VECTOR_MASKED),
			   "the shadow holds bits no entry has");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static u8 before[256], first[PCI_CFG_SIZE];
	static const unsigned int sizes[4] = { 1, 2, 4, 3 };
	struct pci_fn fn;
	const char *why = NULL;
	unsigned int i, n;
	u32 msi_regs[4] = { 0 };
	u16 msix_ctrl = 0;
	bool master_was;
	size_t at;

	memset(&dev, 0, sizeof(dev));
	for (i = 0; i < 3 * 256 && 1 + i < size; i++)
		(i < 256 ? dev.cfg : i < 512 ? dev.wmask : dev.w1c)[i % 256] =
			data[1 + i];
	memset(&fn, 0xa5, sizeof(fn));
	fn.master_allowed = size && (data[0] & 1);
	fn.intx_allowed = size && (data[0] & 2);
	if (pci_fn_probe(&fn, &hw, &why)) {
		FUZZ_CHECK(why && *why, "a refusal without a reason");
		return 0;
	}
	check_probe(&fn);
	memcpy(before, dev.cfg, sizeof(before));
	master_was = dev.cfg[PCI_CFG_COMMAND] & PCI_CMD_MASTER;
	if (fn.msi)
		for (i = 0; i < 4; i++)
			msi_regs[i] = dev_read(&dev, (u16)(fn.msi + 4 * i), 4);
	if (fn.msix)
		msix_ctrl = (u16)dev_read(&dev, (u16)(fn.msix + 2), 2);
	for (at = HEAD; at + ACCESS <= size; at += ACCESS) {
		unsigned int len = sizes[(data[at] >> 1) & 3];
		u16 reg = (u16)((data[at + 1] | data[at + 2] << 8) % 0x1001);
		u32 v = data[at + 3] | data[at + 4] << 8 | data[at + 5] << 16 |
			(u32)data[at + 6] << 24;
		bool valid = (len == 1 || len == 2 || len == 4) &&
			     !(reg % len) && reg + len <= PCI_CFG_SIZE;
		unsigned int writes = dev.writes;

		memcpy(first, dev.cfg, sizeof(first));
		if (data[at] & 1) {
			u16 where = 0xffff;
			unsigned int ev = pci_cfg_write(&fn, &hw, reg, len, v,
							&where);

			FUZZ_CHECK(valid || (ev == PCI_EV_INVALID &&
					     dev.writes == writes),
				   "an invalid write not refused");
			FUZZ_CHECK(!(ev & PCI_EV_DROPPED) ||
				   (where >= reg && where < reg + len),
				   "a dropped register outside the access");
			FUZZ_CHECK(!valid || fn.intx_allowed ||
				   reg >= PCI_CFG_COMMAND + 2 ||
				   reg + len <= PCI_CFG_COMMAND ||
				   (dev.wmask[PCI_CFG_COMMAND + 1] &
				    (PCI_CMD_INTX_DISABLE >> 8)) !=
				   (PCI_CMD_INTX_DISABLE >> 8) ||
				   (dev.w1c[PCI_CFG_COMMAND + 1] &
				    (PCI_CMD_INTX_DISABLE >> 8)) ||
				   (dev.cfg[PCI_CFG_COMMAND + 1] &
				    (PCI_CMD_INTX_DISABLE >> 8)),
				   "a command write left INTx enabled");
		} else {
			u32 got = pci_cfg_read(&fn, &hw, reg, len);

			if (!valid) {
				FUZZ_CHECK(got == 0xffffffffU,
					   "an invalid read not all ones");
				continue;
			}
			for (n = 0; n < len; n++)
				FUZZ_CHECK(((got >> (8 * n)) & 0xff) ==
					   pci_cfg_read(&fn, &hw,
							(u16)(reg + n), 1),
					   "a read differs from its bytes");
			FUZZ_CHECK(!memcmp(first, dev.cfg, sizeof(first)),
				   "a read changed the hardware");
		}
	}
	for (i = 0; i < 256; i++)
		FUZZ_CHECK(dev.cfg[i] == before[i] || may_change(&fn, i),
			   "a byte the cell may not write changed");
	for (i = 0; i < PCI_NUM_BARS; i++) {
		FUZZ_CHECK(!memcmp(before + PCI_CFG_BAR0 + 4 * i,
				   dev.cfg + PCI_CFG_BAR0 + 4 * i, 4),
			   "a hardware BAR moved");
		FUZZ_CHECK((pci_cfg_read(&fn, &hw, (u16)(PCI_CFG_BAR0 + 4 * i),
					 4) & ~fn.bar_mask[i]) ==
			   (fn.bar_hw[i] & ~fn.bar_mask[i]),
			   "a BAR's read-only bits changed");
	}
	FUZZ_CHECK(!memcmp(before + PCI_CFG_ROM, dev.cfg + PCI_CFG_ROM, 4),
		   "the ROM BAR changed");
	if (fn.msi)
		for (i = 0; i < 4; i++)
			FUZZ_CHECK(dev_read(&dev, (u16)(fn.msi + 4 * i), 4) ==
				   msi_regs[i] || may_change(&fn, fn.msi + 4 * i),
				   "the hardware MSI registers were written");
	if (fn.msix) {
		FUZZ_CHECK(dev_read(&dev, (u16)(fn.msix + 2), 2) == msix_ctrl,
			   "the hardware MSI-X control was written");
		fuzz_msix(&fn, data, size);
	}
	FUZZ_CHECK(fn.master_allowed || master_was ||
		   !(dev.cfg[PCI_CFG_COMMAND] & PCI_CMD_MASTER),
		   "bus mastering came on");
	return 0;
}
