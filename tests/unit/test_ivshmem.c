/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of the ivshmem 2.0 function a peer sees
 * (core/lib/ivshmem.c): its configuration space as the ivshmem 2.0
 * specification lays it out (IDs, class and protocol, BAR sizing, the
 * vendor capability's sizes and address, MSI-X's table size and place),
 * what a cell may write there, its registers (ID, maximum peers,
 * interrupt control, doorbell, state) and the actions they ask for, the
 * MSI-X table, and when a vector may be delivered. Expected values are
 * typed in from the specification, never computed by the code under
 * test.
 */
#include <string.h>

#include "ivshmem.h"
#include "pci_cfg.h"

#include "check.h"

static struct bh_shmem_link link;
static struct ivshmem_fn fn;
static struct ivshmem_action act;

/* Peer 1 of 3 of a link of protocol 0x4001, 4 vectors, a state page,
 * a read/write section of 0x12_3456_7000 bytes and outputs of 0x2000,
 * seen at 0x1_2345_6000. */
static void setup(void)
{
	memset(&link, 0, sizeof(link));
	memcpy(link.name, "ping", 5);
	link.num_peers = 3;
	link.protocol = 0x4001;
	link.vectors = 4;
	link.state_size = 0x1000;
	link.rw_size = 0x1234567000ULL;
	link.output_size = 0x2000;
	ivshmem_fn_init(&fn, &link, 1, 0x123456000ULL);
}

static u32 rd(u16 reg, unsigned int size)
{
	return ivshmem_cfg_read(&fn, reg, size);
}

static void wr(u16 reg, unsigned int size, u32 v)
{
	ivshmem_cfg_write(&fn, reg, size, v, &act);
}

static u32 reg_read(u32 off)
{
	u32 v = 0xdeadbeef;

	ivshmem_reg_access(&fn, off, 4, false, &v, 0x77, &act);
	return v;
}

static bool reg_write(u32 off, u32 v)
{
	return ivshmem_reg_access(&fn, off, 4, true, &v, 0, &act);
}

static void test_config(void)
{
	setup();
	checkf("cfg/ids", rd(0x00, 4) == 0x4106110a, "0x%x", rd(0x00, 4));
	checkf("cfg/vendor-word", rd(0x00, 2) == 0x110a, "0x%x",
	       rd(0x00, 2));
	checkf("cfg/device-word", rd(0x02, 2) == 0x4106, "0x%x",
	       rd(0x02, 2));
	checkf("cfg/status-cap-list", rd(0x06, 2) == 0x0010, "0x%x",
	       rd(0x06, 2));
	checkf("cfg/class-protocol", rd(0x08, 4) == 0xff400100, "0x%x",
	       rd(0x08, 4));
	checkf("cfg/class-byte", rd(0x0b, 1) == 0xff, "0x%x", rd(0x0b, 1));
	checkf("cfg/header-type-0", rd(0x0e, 1) == 0, "0x%x", rd(0x0e, 1));
	checkf("cfg/no-bar2-5", !rd(0x18, 4) && !rd(0x1c, 4) && !rd(0x20, 4)
	       && !rd(0x24, 4), "0x%x", rd(0x18, 4));
	checkf("cfg/cap-ptr", rd(0x34, 1) == 0x40, "0x%x", rd(0x34, 1));
	checkf("cfg/no-intx-pin", rd(0x3d, 1) == 0, "0x%x", rd(0x3d, 1));
	checkf("cfg/vendor-cap", rd(0x40, 4) == 0x00206009, "0x%x",
	       rd(0x40, 4));
	checkf("cfg/state-size", rd(0x44, 4) == 0x1000, "0x%x", rd(0x44, 4));
	checkf("cfg/rw-size", rd(0x48, 4) == 0x34567000 &&
	       rd(0x4c, 4) == 0x12, "0x%x 0x%x", rd(0x48, 4), rd(0x4c, 4));
	checkf("cfg/output-size", rd(0x50, 4) == 0x2000 && rd(0x54, 4) == 0,
	       "0x%x", rd(0x50, 4));
	checkf("cfg/address", rd(0x58, 4) == 0x23456000 &&
	       rd(0x5c, 4) == 0x1, "0x%x 0x%x", rd(0x58, 4), rd(0x5c, 4));
	checkf("cfg/msix-cap", rd(0x60, 4) == 0x00038011, "0x%x",
	       rd(0x60, 4));
	checkf("cfg/name-cap", rd(0x80, 4) == 0x42240009, "0x%x",
	       rd(0x80, 4));
	checkf("cfg/name", rd(0x84, 4) == 0x676e6970 && rd(0x88, 4) == 0 &&
	       rd(0xa0, 4) == 0, "0x%x 0x%x", rd(0x84, 4), rd(0x88, 4));
	checkf("cfg/name-cap-end", rd(0xa4, 4) == 0, "0x%x", rd(0xa4, 4));
	checkf("cfg/msix-table-bar1", rd(0x64, 4) == 0x00000001, "0x%x",
	       rd(0x64, 4));
	checkf("cfg/msix-pba-bar1-0x800", rd(0x68, 4) == 0x00000801, "0x%x",
	       rd(0x68, 4));
	checkf("cfg/unbacked-0", rd(0x6c, 4) == 0 && rd(0x100, 4) == 0 &&
	       rd(0xffc, 4) == 0, "0x%x", rd(0x100, 4));
	checkf("cfg/misaligned-ones", rd(0x01, 2) == 0xffffffff &&
	       rd(0x02, 4) == 0xffffffff, "0x%x", rd(0x01, 2));
	checkf("cfg/beyond-ones", rd(0x1000, 4) == 0xffffffff, "0x%x",
	       rd(0x1000, 4));

	/* Command: memory, bus master, INTx disable; nothing else. */
	wr(0x04, 4, 0xffffffff);
	checkf("cfg/command-writable", rd(0x04, 4) == 0x00100406, "0x%x",
	       rd(0x04, 4));
	check("cfg/command-master-revisits-vectors",
	      act.act == IVSHMEM_VECTORS && !act.one, "no action");
	wr(0x04, 2, 0x0406);
	check("cfg/command-same-no-action", act.act == IVSHMEM_NONE,
	      "an action");
	wr(0x04, 1, 0x02);
	checkf("cfg/command-byte", rd(0x04, 2) == 0x0402, "0x%x",
	       rd(0x04, 2));

	/* BARs: 32-bit memory, 4 KiB. */
	wr(0x10, 4, 0xffffffff);
	checkf("cfg/bar0-sizing", rd(0x10, 4) == 0xfffff000, "0x%x",
	       rd(0x10, 4));
	wr(0x14, 4, 0xfebff123);
	checkf("cfg/bar1-aligned", rd(0x14, 4) == 0xfebff000, "0x%x",
	       rd(0x14, 4));
	wr(0x10, 2, 0x1000);
	wr(0x12, 2, 0xff00);
	checkf("cfg/bar0-words", rd(0x10, 4) == 0xff001000, "0x%x",
	       rd(0x10, 4));

	/* Read-only: IDs, class, capabilities' layout and sizes. */
	wr(0x00, 4, 0);
	wr(0x08, 4, 0);
	wr(0x44, 4, 0);
	wr(0x58, 4, 0);
	wr(0x64, 4, 0x1000);
	check("cfg/read-only-kept", rd(0x00, 4) == 0x4106110a &&
	      rd(0x08, 4) == 0xff400100 && rd(0x44, 4) == 0x1000 &&
	      rd(0x58, 4) == 0x23456000 && rd(0x64, 4) == 1, "changed");

	/* Privileged control: the one-shot bit alone. */
	wr(0x43, 1, 0xff);
	checkf("cfg/priv-oneshot", rd(0x40, 4) == 0x01206009, "0x%x",
	       rd(0x40, 4));
	wr(0x40, 4, 0);
	checkf("cfg/priv-cleared", rd(0x40, 4) == 0x00206009, "0x%x",
	       rd(0x40, 4));

	/* MSI-X control: enable and function mask; the size stays. */
	wr(0x62, 2, 0xffff);
	checkf("cfg/msix-ctrl", rd(0x60, 4) == 0xc0038011, "0x%x",
	       rd(0x60, 4));
	check("cfg/msix-ctrl-action", act.act == IVSHMEM_VECTORS,
	      "no action");
	wr(0x60, 4, 0x80000000);
	checkf("cfg/msix-ctrl-enable-only", rd(0x62, 2) == 0x8003, "0x%x",
	       rd(0x62, 2));

	ivshmem_fn_reset(&fn);
	check("cfg/reset", rd(0x04, 2) == 0 && rd(0x10, 4) == 0 &&
	      rd(0x14, 4) == 0 && rd(0x62, 2) == 3 && rd(0x43, 1) == 0,
	      "state left");
}

static void test_bars(void)
{
	u64 at = 0;

	setup();
	wr(0x10, 4, 0xff000000);
	wr(0x14, 4, 0xff001000);
	check("bar/off-without-decoding", !ivshmem_bar_live(&fn, 0, &at),
	      "live");
	wr(0x04, 2, PCI_CMD_MEM);
	check("bar/bar0-live", ivshmem_bar_live(&fn, 0, &at) &&
	      at == 0xff000000, "not live at 0xff000000");
	check("bar/bar1-live", ivshmem_bar_live(&fn, 1, &at) &&
	      at == 0xff001000, "not live at 0xff001000");
	wr(0x10, 4, 0xffffffff);
	check("bar/sizing-not-live", !ivshmem_bar_live(&fn, 0, &at),
	      "live while sized");
	wr(0x10, 4, 0);
	check("bar/unassigned-not-live", !ivshmem_bar_live(&fn, 0, &at),
	      "live at 0");
	check("bar/no-bar2", !ivshmem_bar_live(&fn, 2, &at), "live");
}

static void test_registers(void)
{
	u32 v;

	setup();
	check("reg/id", reg_read(0x00) == 1, "not 1");
	check("reg/max-peers", reg_read(0x04) == 3, "not 3");
	check("reg/int-ctrl-0", reg_read(0x08) == 0, "not 0");
	check("reg/doorbell-reads-0", reg_read(0x0c) == 0, "not 0");
	check("reg/state-from-table", reg_read(0x10) == 0x77, "not 0x77");
	check("reg/unbacked-0", reg_read(0x14) == 0 && reg_read(0xffc) == 0,
	      "not 0");

	reg_write(0x08, 0xffffffff);
	check("reg/int-enable-action", act.act == IVSHMEM_VECTORS,
	      "no action");
	check("reg/int-enable", reg_read(0x08) == 1, "not enabled");
	reg_write(0x08, 1);
	check("reg/int-same-no-action", act.act == IVSHMEM_NONE, "action");

	reg_write(0x0c, 2 << 16 | 3);
	check("reg/doorbell", act.act == IVSHMEM_DOORBELL && act.target == 2
	      && act.vector == 3, "no ring of peer 2 vector 3");
	reg_write(0x0c, 3 << 16);
	check("reg/doorbell-no-such-peer", act.act == IVSHMEM_NONE,
	      "rang peer 3 of 3");
	reg_write(0x0c, 4);	/* peer 0 */
	check("reg/doorbell-no-such-vector", act.act == IVSHMEM_NONE,
	      "rang vector 4 of 4");
	reg_write(0x0c, 1 << 16);
	check("reg/doorbell-self", act.act == IVSHMEM_DOORBELL &&
	      act.target == 1, "no ring of itself");

	reg_write(0x10, 0x1234);
	check("reg/state", act.act == IVSHMEM_STATE && act.value == 0x1234,
	      "no state published");
	reg_write(0x00, 9);
	check("reg/id-write-no-action", act.act == IVSHMEM_NONE, "action");
	reg_write(0x04, 9);
	check("reg/read-only", reg_read(0x00) == 1 && reg_read(0x04) == 3,
	      "changed");

	v = 1;
	check("reg/byte-refused", !ivshmem_reg_access(&fn, 0x08, 1, true, &v,
						      0, &act) &&
	      act.act == IVSHMEM_NONE, "taken");
	v = 0x10001;
	check("reg/misaligned-refused",
	      !ivshmem_reg_access(&fn, 0x0e, 4, true, &v, 0, &act) &&
	      act.act == IVSHMEM_NONE, "taken");
	check("reg/qword-refused",
	      !ivshmem_reg_access(&fn, 0x08, 8, false, &v, 0, &act) && !v,
	      "taken");
}

static void test_msix(void)
{
	u64 v;

	setup();
	v = 0;
	ivshmem_msix_access(&fn, 0x0c, 4, false, &v, &act);
	check("msix/masked-after-reset", v == 1, "entry 0 not masked");

	v = 0xfee01003;
	ivshmem_msix_access(&fn, 0x10, 4, true, &v, &act);
	check("msix/write-action", act.act == IVSHMEM_VECTORS && act.one &&
	      act.vector == 1, "no action for entry 1");
	v = 0;
	ivshmem_msix_access(&fn, 0x10, 4, false, &v, &act);
	checkf("msix/address-dword-aligned", v == 0xfee01000, "0x%llx",
	       (unsigned long long)v);
	v = 0xffffffff00000041ULL;
	ivshmem_msix_access(&fn, 0x18, 8, true, &v, &act);
	v = 0;
	ivshmem_msix_access(&fn, 0x18, 8, false, &v, &act);
	checkf("msix/qword-data-ctrl-mask-bit-only", v == 0x100000041ULL,
	       "0x%llx", (unsigned long long)v);
	v = 0x55;
	check("msix/misaligned-refused",
	      !ivshmem_msix_access(&fn, 0x12, 4, true, &v, &act) &&
	      act.act == IVSHMEM_NONE, "taken");
	v = 1;
	ivshmem_msix_access(&fn, 0x800, 4, false, &v, &act);
	check("msix/pba-0", v == 0, "pending bits set");
	v = 1;
	ivshmem_msix_access(&fn, 0x40, 4, false, &v, &act);
	check("msix/beyond-table-0", v == 0, "entry 4 of 4 readable");
	v = 0x1234;
	ivshmem_msix_access(&fn, 0x48, 4, true, &v, &act);
	check("msix/beyond-table-no-action", act.act == IVSHMEM_NONE,
	      "action");
}

static void test_live(void)
{
	u64 v;

	setup();
	v = 0;		/* entry 2 unmasked */
	ivshmem_msix_access(&fn, 0x2c, 4, true, &v, &act);
	check("live/not-yet", !ivshmem_vector_live(&fn, 2), "live");
	wr(0x04, 2, PCI_CMD_MASTER);
	wr(0x62, 2, PCI_MSIX_CTRL_ENABLE);
	check("live/interrupts-off", !ivshmem_vector_live(&fn, 2), "live");
	reg_write(0x08, 1);
	check("live/live", ivshmem_vector_live(&fn, 2), "not live");
	check("live/masked-entry", !ivshmem_vector_live(&fn, 1), "live");
	check("live/no-such-vector", !ivshmem_vector_live(&fn, 4), "live");
	wr(0x62, 2, PCI_MSIX_CTRL_ENABLE | PCI_MSIX_CTRL_MASKALL);
	check("live/function-masked", !ivshmem_vector_live(&fn, 2), "live");
	wr(0x62, 2, PCI_MSIX_CTRL_ENABLE);
	wr(0x04, 2, PCI_CMD_MEM);
	check("live/no-bus-master", !ivshmem_vector_live(&fn, 2), "live");
	wr(0x04, 2, PCI_CMD_MASTER);

	ivshmem_delivered(&fn);
	check("live/not-one-shot-stays", ivshmem_vector_live(&fn, 2),
	      "disabled");
	wr(0x43, 1, IVSHMEM_PRIV_ONESHOT);
	ivshmem_delivered(&fn);
	check("live/one-shot-disables", !ivshmem_vector_live(&fn, 2) &&
	      reg_read(0x08) == 0, "still live");
}

int main(void)
{
	sanitizers_init();
	RUN(test_config);
	RUN(test_bars);
	RUN(test_registers);
	RUN(test_msix);
	RUN(test_live);
	return failures ? 1 : 0;
}
