/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of a cell's view of PCI configuration space
 * (core/lib/pci_cfg.c) on a simulated function: the probe (BARs sized as
 * the hardware answers, the capability list walked), every field's rule
 * (written through within its bits, shadowed, hidden, or dropped and
 * reported once), accesses of every width and alignment, and devices
 * that are malformed. The simulated device has per-byte writable and
 * write-one-to-clear masks, as a PCI function's registers do; expected
 * values are typed in from the PCI specifications.
 */
#include <string.h>

#include "pci_cfg.h"
#include "pci_fixture.h"

#include "check.h"

/* A check whose detail is its condition. */
#define ok(name, cond) check(name, cond, #cond)

static struct dev dev;
static const struct pci_cfg_hw hw = { dev_read, dev_write, &dev };
static struct pci_fn fn;

static void setup(bool master_allowed)
{
	const char *why = NULL;
	int err;

	dev_init(&dev);
	memset(&fn, 0xa5, sizeof(fn));	/* probe must clear it */
	fn.master_allowed = master_allowed;
	fn.intx_allowed = false;
	err = pci_fn_probe(&fn, &hw, &why);
	ok("setup.probe", !err);
	if (err)
		printf("# probe: %s\n", why);
	dev.writes = 0;
}

static u32 rd(u16 reg, unsigned int size)
{
	return pci_cfg_read(&fn, &hw, reg, size);
}

static unsigned int wr(u16 reg, unsigned int size, u32 v, u16 *where)
{
	u16 dummy;

	return pci_cfg_write(&fn, &hw, reg, size, v, where ? where : &dummy);
}

/* ---- the probe ---- */

static void test_probe(void)
{
	setup(false);
	checkf("probe.ids", fn.vendor == 0x8086 && fn.device == 0x10d3,
	       "%04x:%04x", fn.vendor, fn.device);
	checkf("probe.bar0-mem32", fn.bars[0].address == 0xfebd4000 &&
	       fn.bars[0].size == 0x4000 && fn.bars[0].flags == 0,
	       "%llx %llx %x", (unsigned long long)fn.bars[0].address,
	       (unsigned long long)fn.bars[0].size, fn.bars[0].flags);
	checkf("probe.bar1-io", fn.bars[1].address == 0xc040 &&
	       fn.bars[1].size == 0x20 && fn.bars[1].flags == PCI_BAR_IO,
	       "%llx %llx %x", (unsigned long long)fn.bars[1].address,
	       (unsigned long long)fn.bars[1].size, fn.bars[1].flags);
	checkf("probe.bar2-mem64", fn.bars[2].address == 0x800000000ULL &&
	       fn.bars[2].size == 0x4000 && fn.bars[2].flags == 0xc &&
	       fn.bars[3].size == 0, "%llx %llx %x",
	       (unsigned long long)fn.bars[2].address,
	       (unsigned long long)fn.bars[2].size, fn.bars[2].flags);
	ok("probe.bar4-5-absent", !fn.bars[4].size && !fn.bars[5].size);
	checkf("probe.caps", fn.num_caps == 4 && fn.pm == 0x40 &&
	       fn.msi == 0x50 && fn.pcie == 0x70 && fn.msix == 0xb0,
	       "%u caps, pm %x msi %x pcie %x msix %x", fn.num_caps, fn.pm,
	       fn.msi, fn.pcie, fn.msix);
	ok("probe.msi-layout", fn.msi_64 && fn.msi_maskable);
	checkf("probe.msix-layout", fn.msix_vectors == 8 &&
	       fn.msix_table_bar == 2 && fn.msix_table_offset == 0 &&
	       fn.msix_pba_bar == 2 && fn.msix_pba_offset == 0x800,
	       "%u vectors, table %u+%x, pba %u+%x", fn.msix_vectors,
	       fn.msix_table_bar, fn.msix_table_offset, fn.msix_pba_bar,
	       fn.msix_pba_offset);
	ok("probe.flr", fn.flr);
	ok("probe.master-allowed-kept", !fn.master_allowed);
	/* Sizing left the hardware as the firmware had it. */
	ok("probe.bars-restored", hw_get(&dev, 0x10, 4) == 0xfebd4000 &&
	      hw_get(&dev, 0x14, 4) == 0xc041 &&
	      hw_get(&dev, 0x18, 4) == 0x0c && hw_get(&dev, 0x1c, 4) == 0x08);
	ok("probe.shadow-clean", !fn.msi_ctrl && !fn.msix_ctrl &&
	      fn.bar_shadow[0] == 0xfebd4000);
}

/* Decoding is off while the BARs are sized, and back after. */
static u32 command_during_sizing;

static void spy_write(void *ctx, u16 reg, unsigned int size, u32 value)
{
	if (reg == 0x10 && value == 0xffffffffU)
		command_during_sizing = hw_get(ctx, 0x04, 2);
	dev_write(ctx, reg, size, value);
}

static void test_probe_decode_off(void)
{
	const struct pci_cfg_hw spy = { dev_read, spy_write, &dev };
	const char *why;

	dev_init(&dev);
	put(&dev, 0x04, 2, PCI_CMD_MEM | PCI_CMD_IO | PCI_CMD_MASTER, 0x07ff,
	    0);
	ok("probe.decode-off-while-sizing",
	      !pci_fn_probe(&fn, &spy, &why) &&
	      command_during_sizing == PCI_CMD_MASTER &&
	      hw_get(&dev, 0x04, 2) == (PCI_CMD_MEM | PCI_CMD_IO |
					PCI_CMD_MASTER));
}

/* Devices the probe must refuse: the demo device with one or two
 * registers changed, and the reason it must give. */
static void test_probe_refused(void)
{
	static const struct {
		const char *name, *want;
		struct { u16 reg; u8 size; u32 value, wmask; } patch[2];
	} cases[] = {
		{ "probe.absent", "no function", { { 0x00, 4, 0xffffffff, 0 } } },
		{ "probe.bridge", "bridge", { { 0x0e, 1, 0x81, 0 } } },
		/* MSI-X's next pointer back to PM */
		{ "probe.cap-loop", "loops", { { 0xb1, 1, 0x40, 0 } } },
		{ "probe.cap-into-header", "into the header",
		  { { 0x71, 1, 0x20, 0 } } },
		/* the table past BAR2's end; in the I/O BAR */
		{ "probe.msix-outside-bar", "MSI-X table",
		  { { 0xb4, 4, 0x00003ff2, 0 } } },
		{ "probe.msix-in-io-bar", "MSI-X table",
		  { { 0xb4, 4, 0x00000001, 0 } } },
		{ "probe.bar5-64bit", "BAR 5",
		  { { 0x24, 4, 0x00000004, 0xffffc000 } } },
		{ "probe.bar-stuck-bit", "cannot be cleared",
		  { { 0x10, 4, 0xfebd4100, 0xffffc000 } } },
		{ "probe.bar-below-1m-type", "reserved memory type",
		  { { 0x10, 4, 0xfebd4002, 0xffffc000 } } },
		/* MSI-X at 0xf8: its 12 bytes do not fit */
		{ "probe.cap-past-end", "past the end",
		  { { 0x34, 1, 0xf8, 0 }, { 0xf8, 2, 0x0011, 0 } } },
	};
	unsigned int i, j;

	for (i = 0; i < BH_ARRAY_SIZE(cases); i++) {
		const char *why = "";

		dev_init(&dev);
		for (j = 0; j < 2 && cases[i].patch[j].size; j++)
			put(&dev, cases[i].patch[j].reg, cases[i].patch[j].size,
			    cases[i].patch[j].value, cases[i].patch[j].wmask,
			    0);
		checkf(cases[i].name, pci_fn_probe(&fn, &hw, &why) < 0 &&
		       strstr(why, cases[i].want), "why \"%s\", want \"%s\"",
		       why, cases[i].want);
	}
}

/* ---- BARs, ROM ---- */

static void test_bars(void)
{
	u16 where = 0;
	unsigned int ev;

	setup(false);
	/* Sizing as Linux does: all ones, read, restore. */
	wr(0x10, 4, 0xffffffff, NULL);
	checkf("bar.size-read", rd(0x10, 4) == 0xffffc000, "%08x",
	       rd(0x10, 4));
	ok("bar.hw-unmoved", hw_get(&dev, 0x10, 4) == 0xfebd4000 &&
	      !dev.writes);
	wr(0x10, 4, 0xfebd4000, NULL);
	ok("bar.restored", rd(0x10, 4) == 0xfebd4000);
	wr(0x14, 4, 0xffffffff, NULL);
	checkf("bar.io-size", rd(0x14, 4) == 0x0000ffe1, "%08x",
	       rd(0x14, 4));
	wr(0x14, 4, 0xc041, NULL);
	/* 64-bit: both halves. */
	wr(0x18, 4, 0xffffffff, NULL);
	wr(0x1c, 4, 0xffffffff, NULL);
	checkf("bar.64-size", rd(0x18, 4) == 0xffffc00c &&
	       rd(0x1c, 4) == 0xffffffff, "%08x %08x", rd(0x18, 4),
	       rd(0x1c, 4));
	wr(0x18, 4, 0x0c, NULL);
	wr(0x1c, 4, 0x08, NULL);
	ok("bar.64-restored", rd(0x18, 4) == 0x0c && rd(0x1c, 4) == 0x08);
	/* Byte and word writes land in the shadow too. */
	wr(0x11, 1, 0xff, NULL);
	checkf("bar.byte-write", rd(0x10, 4) == 0xfebdc000, "%08x",
	       rd(0x10, 4));
	ok("bar.unimplemented", (wr(0x20, 4, 0xffffffff, NULL), rd(0x20, 4))
	      == 0);
	/* Moved, then decoding on: said once, not followed. */
	ev = wr(0x04, 2, PCI_CMD_MEM | PCI_CMD_INTX_DISABLE, &where);
	checkf("bar.moved-reported", ev == PCI_EV_BAR_MOVED && where == 0x10,
	       "ev %x where %x", ev, where);
	ok("bar.moved-once", wr(0x04, 2, PCI_CMD_MEM | PCI_CMD_INTX_DISABLE,
				NULL) == 0);
	ok("bar.moved-hw-kept", hw_get(&dev, 0x10, 4) == 0xfebd4000);
	wr(0x04, 2, 0, NULL);
	/* The expansion ROM is hidden: reads 0, sizing finds none. */
	ok("rom.hidden", rd(0x30, 4) == 0 &&
	      wr(0x30, 4, 0xfffff800, NULL) == 0 && rd(0x30, 4) == 0 &&
	      hw_get(&dev, 0x30, 4) == 0xfeb80000);
	pci_fn_reset_shadow(&fn);
	ok("bar.reset", rd(0x10, 4) == 0xfebd4000);
}

/* ---- header registers ---- */

static void test_command(void)
{
	u16 where;
	unsigned int ev;
	const u32 intx = PCI_CMD_INTX_DISABLE;

	setup(false);
	ev = wr(0x04, 2, PCI_CMD_MEM | PCI_CMD_MASTER | PCI_CMD_SERR, &where);
	checkf("command.master-dropped", ev == (PCI_EV_MASTER_DROPPED |
						PCI_EV_INTX_REFUSED) &&
	       hw_get(&dev, 0x04, 2) == (PCI_CMD_MEM | PCI_CMD_SERR | intx) &&
	       rd(0x04, 2) == (PCI_CMD_MEM | PCI_CMD_SERR | intx),
	       "ev %x hw %x", ev, hw_get(&dev, 0x04, 2));
	/* Reserved bits (11-15) are not the cell's to write. */
	wr(0x04, 2, 0xf800 | PCI_CMD_IO, NULL);
	checkf("command.reserved-kept", hw_get(&dev, 0x04, 2) ==
	       (PCI_CMD_IO | intx), "%x", hw_get(&dev, 0x04, 2));
	/* The high byte alone: the low byte as it was; INTx disable
	 * written 1 is no refusal. */
	ev = wr(0x05, 1, PCI_CMD_INTX_DISABLE >> 8, NULL);
	checkf("command.high-byte", ev == 0 && hw_get(&dev, 0x04, 2) ==
	       (PCI_CMD_IO | intx), "ev %x hw %x", ev, hw_get(&dev, 0x04, 2));
	/* The low byte alone asks nothing of INTx. */
	ev = wr(0x04, 1, PCI_CMD_MEM, NULL);
	checkf("command.low-byte", ev == 0 && hw_get(&dev, 0x04, 2) ==
	       (PCI_CMD_MEM | intx), "ev %x hw %x", ev, hw_get(&dev, 0x04, 2));
	/* INTx asked: refused, the bit set even where the hardware had it
	 * clear. */
	dev.cfg[0x05] = 0;
	ev = wr(0x04, 2, PCI_CMD_MEM, NULL);
	checkf("command.intx-refused", ev == PCI_EV_INTX_REFUSED &&
	       hw_get(&dev, 0x04, 2) == (PCI_CMD_MEM | intx), "ev %x hw %x",
	       ev, hw_get(&dev, 0x04, 2));
	setup(true);
	ev = wr(0x04, 2, PCI_CMD_MEM | PCI_CMD_MASTER | intx, NULL);
	ok("command.master-allowed", ev == 0 &&
	      hw_get(&dev, 0x04, 2) == (PCI_CMD_MEM | PCI_CMD_MASTER | intx));
	/* INTx allowed (BH_PCI_INTX): the bit is the cell's, both ways. */
	fn.intx_allowed = true;
	ev = wr(0x04, 2, PCI_CMD_MEM, NULL);
	checkf("command.intx-allowed", ev == 0 && hw_get(&dev, 0x04, 2) ==
	       PCI_CMD_MEM && rd(0x04, 2) == PCI_CMD_MEM, "ev %x hw %x", ev,
	       hw_get(&dev, 0x04, 2));
	ev = wr(0x05, 1, PCI_CMD_INTX_DISABLE >> 8, NULL);
	checkf("command.intx-allowed-disable", ev == 0 &&
	       hw_get(&dev, 0x04, 2) == (PCI_CMD_MEM | intx), "ev %x hw %x",
	       ev, hw_get(&dev, 0x04, 2));
}

static void test_status(void)
{
	setup(false);
	/* A command write of 2 bytes leaves the status's error bits. */
	wr(0x04, 2, PCI_CMD_MEM, NULL);
	ok("status.kept-by-command", hw_get(&dev, 0x06, 2) == 0x2010);
	/* A dword write whose status half is 0 clears nothing either. */
	wr(0x04, 4, PCI_CMD_MEM, NULL);
	ok("status.kept-by-dword", hw_get(&dev, 0x06, 2) == 0x2010);
	/* Writing the set bit clears it, as on hardware. */
	wr(0x06, 2, 0x2000, NULL);
	ok("status.rw1c", hw_get(&dev, 0x06, 2) == 0x0010 &&
	      rd(0x06, 2) == 0x0010);
}

static void test_read_only(void)
{
	u16 where = 0;
	unsigned int ev;

	setup(false);
	ev = wr(0x00, 2, 0x1234, &where);
	ok("ro.vendor-dropped", ev == PCI_EV_DROPPED && where == 0 &&
	      hw_get(&dev, 0, 2) == 0x8086);
	ok("ro.reported-once", wr(0x02, 2, 0x1234, NULL) == 0);
	/* Cache line and latency written, header type and BIST dropped. */
	ev = wr(0x0c, 4, 0xffff4010, &where);
	checkf("ro.header-dword", ev == PCI_EV_DROPPED && where == 0x0e &&
	       hw_get(&dev, 0x0c, 4) == 0x00004010, "ev %x where %x hw %08x",
	       ev, where, hw_get(&dev, 0x0c, 4));
	ok("ro.int-line", (wr(0x3c, 1, 0x05, NULL), hw_get(&dev, 0x3c, 1))
	      == 0x05);
	ev = wr(0x3d, 1, 0x04, &where);
	ok("ro.int-pin", ev == PCI_EV_DROPPED && where == 0x3d &&
	      hw_get(&dev, 0x3d, 1) == 0x01);
	/* A vendor register the device itself would take. */
	ev = wr(0xc0, 4, 0, &where);
	ok("ro.vendor-register", ev == PCI_EV_DROPPED && where == 0xc0 &&
	      hw_get(&dev, 0xc0, 4) == 0x12345678 && rd(0xc0, 4) ==
	      0x12345678);
	ev = wr(0x104, 4, 0xffffffff, &where);
	ok("ro.extended-space", ev == PCI_EV_DROPPED && where == 0x104);
	pci_fn_reset_shadow(&fn);
	ok("ro.reported-again-after-reset",
	      wr(0x00, 2, 0x1234, NULL) == PCI_EV_DROPPED);
}

/* ---- capabilities ---- */

static void test_msi(void)
{
	unsigned int ev;

	setup(false);
	ev = wr(0x54, 4, 0xfee01003, NULL) | wr(0x58, 4, 0x1, NULL) |
	     wr(0x5c, 2, 0x4041, NULL);
	ok("msi.shadowed", ev == PCI_EV_MSI && !dev.writes &&
	      rd(0x54, 4) == 0xfee01000 && rd(0x58, 4) == 1 &&
	      rd(0x5c, 2) == 0x4041 && fn.msi_addr_lo == 0xfee01000 &&
	      fn.msi_data == 0x4041);
	ev = wr(0x52, 2, 0x0021, NULL);
	checkf("msi.enable-shadowed", ev == PCI_EV_MSI && !dev.writes &&
	       fn.msi_ctrl == 0x0021 && rd(0x52, 2) == 0x01a5 &&
	       hw_get(&dev, 0x52, 2) == 0x0184, "ctrl %x read %x",
	       fn.msi_ctrl, rd(0x52, 2));
	/* The capability bits are the hardware's, whatever is written. */
	wr(0x52, 2, 0xfe80, NULL);
	checkf("msi.ro-bits", rd(0x52, 2) == 0x0184, "%x", rd(0x52, 2));
	/* Mask bits pass, pending bits are read-only. */
	ev = wr(0x60, 4, 0x3, NULL);
	ok("msi.mask-through", ev == 0 && hw_get(&dev, 0x60, 4) == 3);
	ok("msi.pending-ro", wr(0x64, 4, 1, NULL) == PCI_EV_DROPPED);
	/* A dword over the ID, next pointer and control. */
	ev = wr(0x50, 4, 0x00010000, NULL);
	ok("msi.dword-over-header", (ev & PCI_EV_MSI) &&
	      (ev & PCI_EV_DROPPED) && fn.msi_ctrl == 1 &&
	      hw_get(&dev, 0x50, 2) == 0x7005);
}

static void test_msix(void)
{
	unsigned int ev;

	setup(false);
	ev = wr(0xb2, 2, PCI_MSIX_CTRL_ENABLE | PCI_MSIX_CTRL_MASKALL | 0x7ff,
		NULL);
	checkf("msix.control-shadowed", ev == PCI_EV_MSIX && !dev.writes &&
	       fn.msix_ctrl == 0xc000 && rd(0xb2, 2) == 0xc007 &&
	       hw_get(&dev, 0xb2, 2) == 0x0007, "ctrl %x read %x",
	       fn.msix_ctrl, rd(0xb2, 2));
	ok("msix.table-ro", wr(0xb4, 4, 0, NULL) == PCI_EV_DROPPED &&
	      rd(0xb4, 4) == 2);
}

/* The MSI-X table as the cell sees it: 8 vectors at offset 0 of BAR 2,
 * the pending bits at 0x800 (the caller's). */
static void test_msix_table(void)
{
	u32 shadow[8 * PCI_MSIX_ENTRY_DWORDS];
	u64 v = 0;
	u16 entry = 0xffff;
	unsigned int r;

	setup(false);
	memset(shadow, 0x5a, sizeof(shadow));
	pci_msix_reset_shadow(&fn, shadow);
	ok("msix-table.reset-masked", shadow[3] == 1 && shadow[31] == 1 &&
	   !shadow[0] && !shadow[30]);
	r = pci_msix_access(&fn, shadow, 0x10, 4, true,
			    &(u64){ 0xfee01003 }, &entry);
	ok("msix-table.address-aligned", r == PCI_MSIX_CHANGED && entry == 1 &&
	   shadow[4] == 0xfee01000);
	r = pci_msix_access(&fn, shadow, 0x10, 4, true,
			    &(u64){ 0xfee01000 }, &entry);
	ok("msix-table.same-value-done", r == PCI_MSIX_DONE);
	/* A qword write of data and vector control: the reserved bits of
	 * the control are not kept. */
	r = pci_msix_access(&fn, shadow, 0x78, 8, true,
			    &(u64){ 0xfffffffe00000041ULL }, &entry);
	ok("msix-table.qword-write", r == PCI_MSIX_CHANGED && entry == 7 &&
	   shadow[30] == 0x41 && shadow[31] == 0);
	r = pci_msix_access(&fn, shadow, 0x78, 8, false, &v, &entry);
	ok("msix-table.qword-read", r == PCI_MSIX_DONE && v == 0x41);
	r = pci_msix_access(&fn, shadow, 0x1c, 4, false, &v, &entry);
	ok("msix-table.dword-read", r == PCI_MSIX_DONE && v == 1);
	/* Bytes, words and unaligned accesses are not the table's. */
	v = 0;
	r = pci_msix_access(&fn, shadow, 0x1c, 1, false, &v, &entry);
	ok("msix-table.byte-invalid", r == PCI_MSIX_INVALID && v == ~0ULL);
	r = pci_msix_access(&fn, shadow, 0x14, 8, true, &(u64){ 0 }, &entry);
	ok("msix-table.unaligned-invalid", r == PCI_MSIX_INVALID &&
	   shadow[5] == 0 && shadow[6] == 0);
	r = pci_msix_access(&fn, shadow, 0x7c, 8, false, &v, &entry);
	ok("msix-table.past-end-invalid", r == PCI_MSIX_INVALID);
	/* Beyond the table: the pending bits and the rest of the BAR. */
	ok("msix-table.pba-outside",
	   pci_msix_access(&fn, shadow, 0x800, 8, false, &v, &entry) ==
	   PCI_MSIX_OUTSIDE &&
	   pci_msix_access(&fn, shadow, 0x80, 4, true, &(u64){ 1 }, &entry) ==
	   PCI_MSIX_OUTSIDE);
}

static void test_pm_pcie(void)
{
	setup(false);
	/* D3hot and PME enable, the read-only no-soft-reset kept. */
	wr(0x44, 2, 0x0103, NULL);
	checkf("pm.csr", hw_get(&dev, 0x44, 2) == 0x010b, "%x",
	       hw_get(&dev, 0x44, 2));
	put(&dev, 0x44, 2, 0x8008, 0x1f03, 0x8000);
	wr(0x44, 2, 0x0000, NULL);
	ok("pm.status-kept", hw_get(&dev, 0x44, 2) == 0x8008);
	/* The low byte alone: the status bit in the other byte stays. */
	wr(0x44, 1, 0x03, NULL);
	ok("pm.byte-keeps-status", hw_get(&dev, 0x44, 2) == 0x800b);
	wr(0x44, 2, 0x8000, NULL);
	ok("pm.status-cleared", hw_get(&dev, 0x44, 2) == 0x0008);
	/* Device control: max read request and relaxed ordering yes; the
	 * max payload size and FLR no. */
	wr(0x78, 2, 0x8000 | 0x00e0 | 0x5000 | 0x0010, NULL);
	checkf("pcie.devctl", hw_get(&dev, 0x78, 2) == 0x5010, "%x",
	       hw_get(&dev, 0x78, 2));
	wr(0x7a, 2, 0x0001, NULL);
	ok("pcie.devsta-rw1c", hw_get(&dev, 0x7a, 2) == 0x0004);
	wr(0x80, 2, 0x0fff, NULL);
	checkf("pcie.linkctl", hw_get(&dev, 0x80, 2) == 0x018b, "%x",
	       hw_get(&dev, 0x80, 2));
	wr(0x82, 2, 0x4000, NULL);
	ok("pcie.linksta-rw1c", hw_get(&dev, 0x82, 2) == 0x8011);
	wr(0x98, 2, 0xffff, NULL);
	ok("pcie.devctl2", hw_get(&dev, 0x98, 2) == 0x001f);
}

/* ---- accesses no hardware takes ---- */

static void test_invalid(void)
{
	setup(false);
	ok("invalid.size3", wr(0x04, 3, 0, NULL) == PCI_EV_INVALID &&
	      rd(0x04, 3) == 0xffffffff);
	ok("invalid.misaligned", wr(0x05, 2, 0, NULL) == PCI_EV_INVALID &&
	      wr(0x06, 4, 0, NULL) == PCI_EV_INVALID &&
	      rd(0x02, 4) == 0xffffffff);
	ok("invalid.past-end", wr(0xffe, 4, 0, NULL) == PCI_EV_INVALID &&
	      rd(0x1000, 1) == 0xffffffff);
	ok("invalid.nothing-written", !dev.writes);
}

/* Every access of every width and offset: reads are consistent with
 * the dword read, and no write reaches a read-only byte. */
static void test_sweep(void)
{
	static u8 before[PCI_CFG_SIZE];
	unsigned int reg, size, bad = 0;

	setup(false);
	memcpy(before, dev.cfg, sizeof(before));
	for (reg = 0; reg < 0x100; reg++)
		for (size = 1; size <= 4; size *= 2) {
			u32 dw, part;

			if (reg % size)
				continue;
			dw = rd((u16)(reg & ~3U), 4);
			part = rd((u16)reg, size);
			if (part != ((dw >> ((reg & 3) * 8)) &
				     (size == 4 ? 0xffffffffU :
				      (1U << (size * 8)) - 1)))
				bad++;
		}
	ok("sweep.reads-consistent", !bad);
	for (reg = 0; reg < 0x100; reg += 4)
		wr((u16)reg, 4, 0xffffffff, NULL);
	/* Bytes the cell may never write: the IDs, class, header type,
	 * BARs and ROM in the hardware, capability IDs and pointers. */
	for (reg = 0; reg < 0x100; reg++) {
		bool may = (reg >= 0x04 && reg < 0x08) || reg == 0x0c ||
			   reg == 0x0d || reg == 0x3c ||
			   (reg >= 0x44 && reg < 0x46) ||
			   (reg >= 0x60 && reg < 0x64) ||
			   (reg >= 0x78 && reg < 0x7c) ||
			   (reg >= 0x80 && reg < 0x84) ||
			   (reg >= 0x98 && reg < 0x9a);

		if (!may && dev.cfg[reg] != before[reg])
			bad++;
	}
	checkf("sweep.read-only-untouched", !bad, "%u bytes changed", bad);
	ok("sweep.no-master", !(hw_get(&dev, 0x04, 2) & PCI_CMD_MASTER));
}

int main(void)
{
	sanitizers_init();
	RUN(test_probe);
	RUN(test_probe_decode_off);
	RUN(test_probe_refused);
	RUN(test_bars);
	RUN(test_command);
	RUN(test_status);
	RUN(test_read_only);
	RUN(test_msi);
	RUN(test_msix);
	RUN(test_msix_table);
	RUN(test_pm_pcie);
	RUN(test_invalid);
	RUN(test_sweep);
	return failures ? 1 : 0;
}
