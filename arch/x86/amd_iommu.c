/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * AMD IOMMU driver (see iommu.h, Documentation/iommu.md). Register
 * offsets and bits from the AMD I/O Virtualization Technology (IOMMU)
 * Specification, "MMIO Registers".
 *
 * One device table for all units of segment 0 (the specification allows
 * units to share one, as Linux does), covering every requester ID the
 * MMCONFIG window's buses can carry, so that no requester falls beyond it
 * (QEMU reads past the table's end instead of aborting). Every entry
 * blocks DMA and interrupts until a running cell's function is attached;
 * an IOAPIC's entry lets its interrupts through (their routes are the
 * hypervisor's, ioapic.c). Each cell has I/O page tables of its own,
 * built from its BH_MEM_DMA regions, and domain ID cell id + 1.
 *
 * Interrupts of a function a cell owns are remapped: its entry points
 * at an interrupt remapping table of its own (IRT_ENTRIES entries,
 * allocated at boot), whose entries the hypervisor alone writes, each
 * from a message arch_cell_msi() approved, naming one of the cell's
 * CPUs. The function is given only the index (MSI data), so a message
 * it forges (a DMA write into the interrupt window) finds an invalid
 * entry, and is aborted, or one of its cell's own.
 */
#include <bulkhead/config.h>

#include "acpi.h"
#include "bh_string.h"
#include "cell.h"
#include "control.h"
#include "hv.h"
#include "iommu.h"
#include "iommu_tables.h"
#include "msi.h"
#include "pages.h"
#include "platform.h"
#include "spinlock.h"

#define MMIO_DEV_TABLE		0x0000
#define MMIO_CMD_BASE		0x0008
#define MMIO_EVT_BASE		0x0010
#define MMIO_CONTROL		0x0018
#define MMIO_EXCL_BASE		0x0020
#define MMIO_EXCL_LIMIT		0x0028
#define MMIO_EFR		0x0030
#define MMIO_CMD_HEAD		0x2000
#define MMIO_CMD_TAIL		0x2008
#define MMIO_EVT_HEAD		0x2010
#define MMIO_EVT_TAIL		0x2018
#define MMIO_STATUS		0x2020
#define MMIO_SIZE		IOMMU_MMIO_SIZE

#define CTRL_IOMMU_EN		(1ULL << 0)
#define CTRL_HT_TUN_EN		(1ULL << 1)
#define CTRL_EVT_LOG_EN		(1ULL << 2)
#define CTRL_PASS_PW		(1ULL << 8)
#define CTRL_RES_PASS_PW	(1ULL << 9)
#define CTRL_COHERENT		(1ULL << 10)
#define CTRL_ISOC		(1ULL << 11)
#define CTRL_CMD_BUF_EN		(1ULL << 12)

/* IVHD flags that ask for the control bits of the same names. */
#define IVHD_HT_TUN		(1u << 0)
#define IVHD_PASS_PW		(1u << 1)
#define IVHD_RES_PASS_PW	(1u << 2)
#define IVHD_ISOC		(1u << 3)
#define IVHD_COHERENT		(1u << 5)

#define STATUS_EVT_OVERFLOW	(1ULL << 0)

#define EFR_IA			(1ULL << 6)	/* INVALIDATE_IOMMU_ALL */

/* Command buffer and event log: 256 entries of 16 bytes, one page. */
#define RING_LEN_CODE		8ULL
#define RING_LEN_SHIFT		56
#define RING_BYTES		4096u
#define ENTRY_BYTES		16u

/* The IOMMU's capability block in its function's config space. */
#define CAP_ID_SECURE_DEVICE	0x0f

#define DTE_PER_BUS		256u
#define CMD_TIMEOUT_US		100000

struct iommu_unit {
	u8 *mmio;
	const struct acpi_iommu *acpi;
	struct iommu_cmd *cmd;
	u32 cmd_tail;		/**< bytes into the buffer */
	u64 *evt;
	u32 evt_head;		/**< bytes into the log */
};

/* The interrupt remapping table of a function a cell owns. */
struct irt {
	u16 bdf;
	u32 *entries;		/**< IRT_ENTRIES, hypervisor memory */
};

static struct iommu_unit units[ACPI_MAX_IOMMUS];
static struct irt irts[BH_MAX_PCI_DEVICES];
static u32 num_irts;
static u32 num_units;
static struct iommu_dte *dev_table;
static u32 dev_table_entries;
static spinlock_t lock;
/* COMPLETION_WAIT stores here (hypervisor memory, 8-byte aligned). */
static volatile u64 completion __attribute__((aligned(8)));

static u64 mmio_read(const struct iommu_unit *u, u32 reg)
{
	return *(volatile u64 *)(u->mmio + reg);
}

/* One 64-bit store: some base registers latch only on one (QEMU). */
static void mmio_write(const struct iommu_unit *u, u32 reg, u64 v)
{
	*(volatile u64 *)(u->mmio + reg) = v;
}

/* ---- commands --------------------------------------------------------- */

/* Queue @p c on unit @p u, waiting for room. Lock held. */
static int queue(struct iommu_unit *u, const struct iommu_cmd *c)
{
	u32 next = (u->cmd_tail + ENTRY_BYTES) % RING_BYTES;
	u64 t0 = arch_now_us();

	while ((u32)mmio_read(u, MMIO_CMD_HEAD) == next) {
		if (arch_now_us() - t0 > CMD_TIMEOUT_US)
			return -1;
		cpu_relax();
	}
	u->cmd[u->cmd_tail / ENTRY_BYTES] = *c;
	u->cmd_tail = next;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	mmio_write(u, MMIO_CMD_TAIL, next);
	return 0;
}

/* Queue @p c on every unit, then wait until each has done all it was
 * given. A unit that does not finish leaves isolation unknown: the
 * machine stops. Lock held. */
static void run_everywhere(const struct iommu_cmd *c)
{
	struct iommu_cmd wait;
	u32 i;

	for (i = 0; i < num_units; i++) {
		struct iommu_unit *u = &units[i];
		u64 t0;

		completion = 0;
		iommu_cmd_completion_wait(&wait, virt_to_phys((const void *)
							     &completion), 1);
		if ((c && queue(u, c)) || queue(u, &wait))
			panic_stop("IOMMU %u: its command buffer does not "
				   "drain\n", i);
		t0 = arch_now_us();
		while (__atomic_load_n(&completion, __ATOMIC_ACQUIRE) != 1) {
			if (arch_now_us() - t0 > CMD_TIMEOUT_US)
				panic_stop("IOMMU %u: a command did not "
					   "complete within %u ms\n", i,
					   CMD_TIMEOUT_US / 1000);
			cpu_relax();
		}
	}
}

/* Write entry @p devid and make every unit forget its old copy, and
 * what it cached of the entry's interrupt remapping table. */
static void set_dte(u16 devid, const struct iommu_dte *d, u16 old_domain)
{
	struct iommu_cmd c;

	spin_lock(&lock);
	/* The IOMMU reads the entry in 256-bit pieces: the first quadword
	 * (V, TV, the root) last when validating, first when blocking. */
	dev_table[devid].q[0] = DTE_V | DTE_TV;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	dev_table[devid].q[1] = d->q[1];
	dev_table[devid].q[2] = d->q[2];
	dev_table[devid].q[3] = d->q[3];
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	dev_table[devid].q[0] = d->q[0];
	iommu_cmd_inv_dte(&c, devid);
	run_everywhere(&c);
	iommu_cmd_inv_irt(&c, devid);
	run_everywhere(&c);
	if (old_domain) {
		iommu_cmd_inv_domain(&c, old_domain);
		run_everywhere(&c);
	}
	spin_unlock(&lock);
}

/* ---- boot --------------------------------------------------------------- */

static u32 ecam_read32(u16 bdf, u16 reg)
{
	const struct acpi_info *a = platform_acpi();
	const volatile u32 *p;

	if (!a->num_mcfg || a->mcfg[0].segment || (bdf >> 8) <
	    a->mcfg[0].start_bus || (bdf >> 8) > a->mcfg[0].end_bus)
		return ~0U;
	p = platform_phys(a->mcfg[0].base + ((u64)bdf << 12) + reg, 4);
	return p ? *p : ~0U;
}

static void bdf_name(char *out, unsigned int len, u16 bdf)
{
	bh_snprintf(out, len, "%02x:%02x.%x", bdf >> 8, (bdf >> 3) & 0x1f,
		    bdf & 7);
}

static int unit_init(struct iommu_unit *u, const struct acpi_iommu *a,
		     u32 index)
{
	u64 ctrl = CTRL_IOMMU_EN | CTRL_EVT_LOG_EN | CTRL_CMD_BUF_EN;
	u32 cap = ecam_read32(a->devid, a->cap_offset & 0xfc);
	char name[16];

	bdf_name(name, sizeof(name), a->devid);
	if ((cap & 0xff) != CAP_ID_SECURE_DEVICE) {
		printk("IOMMU %u (%s): its function has no IOMMU capability "
		       "at 0x%x (reads 0x%08x): the ACPI IVRS does not match "
		       "the machine\n", index, name, a->cap_offset, cap);
		return -1;
	}
	u->acpi = a;
	u->mmio = platform_phys(a->base, MMIO_SIZE);
	u->cmd = page_alloc();
	u->evt = page_alloc();
	if (!u->mmio || (a->base & (MMIO_SIZE - 1)) || !u->cmd || !u->evt) {
		printk("IOMMU %u (%s): its registers at 0x%llx are not "
		       "mapped, or no memory is left\n", index, name,
		       (unsigned long long)a->base);
		return -1;
	}
	if (mmio_read(u, MMIO_EFR) == ~0ULL) {
		printk("IOMMU %u (%s): nothing answers at 0x%llx\n", index,
		       name, (unsigned long long)a->base);
		return -1;
	}
	/* Off while its tables change (the firmware may have left it on). */
	mmio_write(u, MMIO_CONTROL, 0);
	mmio_write(u, MMIO_DEV_TABLE, virt_to_phys(dev_table) |
		   (dev_table_entries * sizeof(struct iommu_dte) /
		    BH_PAGE_SIZE - 1));
	mmio_write(u, MMIO_CMD_BASE, virt_to_phys(u->cmd) |
		   RING_LEN_CODE << RING_LEN_SHIFT);
	mmio_write(u, MMIO_EVT_BASE, virt_to_phys(u->evt) |
		   RING_LEN_CODE << RING_LEN_SHIFT);
	mmio_write(u, MMIO_CMD_HEAD, 0);
	mmio_write(u, MMIO_CMD_TAIL, 0);
	mmio_write(u, MMIO_EVT_HEAD, 0);
	mmio_write(u, MMIO_EVT_TAIL, 0);
	mmio_write(u, MMIO_EXCL_BASE, 0);	/* no exclusion range */
	mmio_write(u, MMIO_EXCL_LIMIT, 0);
	mmio_write(u, MMIO_STATUS, mmio_read(u, MMIO_STATUS));
	u->cmd_tail = u->evt_head = 0;
	if (a->flags & IVHD_HT_TUN)
		ctrl |= CTRL_HT_TUN_EN;
	if (a->flags & IVHD_PASS_PW)
		ctrl |= CTRL_PASS_PW;
	if (a->flags & IVHD_RES_PASS_PW)
		ctrl |= CTRL_RES_PASS_PW;
	if (a->flags & IVHD_ISOC)
		ctrl |= CTRL_ISOC;
	if (a->flags & IVHD_COHERENT)
		ctrl |= CTRL_COHERENT;
	mmio_write(u, MMIO_CONTROL, ctrl);
	printk("IOMMU %u: %s at 0x%llx (IVHD type 0x%02x, EFR 0x%llx): on, "
	       "every device blocked until its cell runs\n", index, name,
	       (unsigned long long)a->base, a->type,
	       (unsigned long long)mmio_read(u, MMIO_EFR));
	return 0;
}

int iommu_init(void)
{
	const struct acpi_info *a = platform_acpi();
	const struct acpi_ivrs *v = &a->ivrs;
	struct iommu_dte blocked, ioapic;
	struct iommu_cmd c;
	u32 i, buses;

	if (!v->num_iommus) {
		printk("No IOMMU (no ACPI IVRS): devices' DMA cannot be "
		       "confined; their bus mastering stays off unless a "
		       "config says DMA unconfined\n");
		return 0;
	}
	if (!a->num_mcfg || a->mcfg[0].segment) {
		printk("IOMMU: no MMCONFIG window of segment 0 to size the "
		       "device table by\n");
		return trace_error(-1);
	}
	/* Every requester of buses 0 to the last the window decodes. */
	buses = a->mcfg[0].end_bus + 1U;
	dev_table_entries = buses * DTE_PER_BUS;
	dev_table = pages_alloc_contiguous(dev_table_entries *
		(u32)sizeof(struct iommu_dte) / BH_PAGE_SIZE);
	if (!dev_table) {
		printk("IOMMU: no memory left for a device table of %u "
		       "entries (%u KiB)\n", dev_table_entries,
		       dev_table_entries * (u32)sizeof(struct iommu_dte) /
		       1024);
		return trace_error(-1);
	}
	iommu_dte_blocked(&blocked);
	for (i = 0; i < dev_table_entries; i++)
		dev_table[i] = blocked;
	/* The IOAPICs' messages: no DMA, interrupts as sent. */
	ioapic = blocked;
	ioapic.q[2] = 0;
	for (i = 0; i < v->num_specials; i++)
		if (v->specials[i].variety == ACPI_IVRS_SPECIAL_IOAPIC &&
		    v->specials[i].devid < dev_table_entries)
			dev_table[v->specials[i].devid] = ioapic;
	for (i = 0; i < v->num_iommus; i++)
		if (unit_init(&units[i], &v->iommus[i], i))
			return trace_error(-1);
	num_units = v->num_iommus;
	/* Whatever the units cached before they were ours is gone. */
	spin_lock(&lock);
	for (i = 0; i < num_units; i++)
		if (!(mmio_read(&units[i], MMIO_EFR) & EFR_IA))
			break;
	if (i == num_units) {
		iommu_cmd_inv_all(&c);
		run_everywhere(&c);
	} else {
		for (i = 0; i < dev_table_entries; i++) {
			iommu_cmd_inv_dte(&c, (u16)i);
			run_everywhere(&c);
		}
	}
	spin_unlock(&lock);
	return 0;
}

bool iommu_present(void)
{
	return num_units != 0;
}

/* ---- cells ------------------------------------------------------------- */

int iommu_cell_init(struct cell *c)
{
	const struct bh_memory *m = bh_cell_mem_regions(c->desc);
	u32 i;

	c->arch.iopt_root = NULL;
	if (!iommu_present())
		return 0;
	c->arch.iopt_root = page_alloc();
	if (!c->arch.iopt_root)
		goto nomem;
	for (i = 0; i < c->desc->num_memory_regions; i++) {
		int err;

		if (!(m[i].flags & BH_MEM_DMA))
			continue;
		/* Devices' writes there are interrupts, not memory. */
		if (m[i].virt_start < BH_MSI_WINDOW_END &&
		    m[i].virt_start + m[i].size > BH_MSI_WINDOW_START) {
			printk("cell \"%s\": DMA region %u at guest 0x%llx "
			       "overlaps the interrupt window [0x%x-0x%x) "
			       "its devices cannot reach as memory\n",
			       cell_name(c), i,
			       (unsigned long long)m[i].virt_start,
			       BH_MSI_WINDOW_START, BH_MSI_WINDOW_END);
			return trace_error(-1);
		}
		err = iopt_map(&hv_pt_pool, c->arch.iopt_root, m[i].virt_start,
			       m[i].phys_start, m[i].size,
			       m[i].flags & BH_MEM_WRITE);
		if (err == -1)
			goto nomem;
		if (err) {
			printk("cell \"%s\": DMA region %u at guest 0x%llx "
			       "cannot be mapped for its devices (%s)\n",
			       cell_name(c), i,
			       (unsigned long long)m[i].virt_start,
			       err == -2 ? "it overlaps another" :
			       "beyond 48 bits or misaligned");
			return trace_error(-1);
		}
	}
	return 0;
nomem:
	printk("cell \"%s\": no memory left for its I/O page tables\n",
	       cell_name(c));
	return trace_error(-1);
}

static struct irt *irt_of(u16 bdf)
{
	u32 i;

	for (i = 0; i < num_irts; i++)
		if (irts[i].bdf == bdf)
			return &irts[i];
	return NULL;
}

int arch_dma_confinable(const struct bh_cell_desc *desc, u16 bdf,
			const char **why)
{
	const struct acpi_ivrs *ivrs = &platform_acpi()->ivrs;
	static char ivmd_why[200];	/* boot only, one CPU */
	u16 requester;
	int unit;
	u32 i;

	if (!iommu_present())
		return 0;
	for (i = 0; i < num_units; i++)
		if (units[i].acpi->devid == bdf) {
			*why = "it is an IOMMU, the hypervisor's";
			return -1;
		}
	unit = acpi_ivrs_unit_of(&platform_acpi()->ivrs, bdf, &requester);
	if (unit < 0) {
		*why = "no IOMMU of the ACPI IVRS translates its DMA";
		return -1;
	}
	if (requester != bdf) {
		*why = "its DMA reaches the IOMMU under another requester ID "
		       "(an IVRS alias: a bridge's), which other functions "
		       "may share";
		return -1;
	}
	if (bdf >= dev_table_entries) {
		*why = "it lies beyond the buses of the MMCONFIG window";
		return -1;
	}
	/* The firmware may need memory mapped one to one for the function
	 * (IVMD): only the cell's own DMA regions can give it that. */
	for (i = 0; i < ivrs->num_ivmds; i++) {
		const struct acpi_ivrs_ivmd *m = &ivrs->ivmds[i];

		if (iommu_ivmd_met(m, bdf, bh_cell_mem_regions(desc),
				   desc->num_memory_regions))
			continue;
		bh_snprintf(ivmd_why, sizeof(ivmd_why), "the firmware's IVRS "
			    "asks for [0x%llx-0x%llx) to be %s for it (IVMD "
			    "%u), which its cell's DMA regions do not map one "
			    "to one%s", (unsigned long long)m->start,
			    (unsigned long long)(m->start + m->length),
			    m->flags & ACPI_IVMD_UNITY ? "mapped one to one" :
			    "left untranslated", i,
			    m->flags & (ACPI_IVMD_IW | ACPI_IVMD_EXCLUSION) ?
			    ", writable" : "");
		*why = ivmd_why;
		return -1;
	}
	if (!irt_of(bdf)) {
		u32 *t = num_irts < BH_MAX_PCI_DEVICES ?
			 pages_alloc_contiguous(IRT_ENTRIES * sizeof(u32) /
						BH_PAGE_SIZE) : NULL;

		if (!t) {
			*why = "no hypervisor memory is left for its interrupt "
			       "remapping table";
			return -1;
		}
		irts[num_irts++] = (struct irt){ bdf, t };
	}
	return 1;
}

void arch_dma_attach(struct cell *c, u16 bdf)
{
	struct irt *t = irt_of(bdf);
	struct iommu_dte d;

	if (!iommu_present() || !t)
		return;
	/* No interrupt until the cell asks for one and it is approved
	 * (iommu_msi_remap()). */
	memset(t->entries, 0, IRT_ENTRIES * sizeof(u32));
	iommu_dte_translated(&d, virt_to_phys(c->arch.iopt_root),
			     (u16)(c->id + 1), virt_to_phys(t->entries),
			     IRT_ORDER);
	set_dte(bdf, &d, (u16)(c->id + 1));
}

void arch_dma_detach(u16 bdf)
{
	struct iommu_dte d;
	u16 old;

	if (!iommu_present())
		return;
	old = (u16)dev_table[bdf].q[1];
	iommu_dte_blocked(&d);
	set_dte(bdf, &d, old);
}

/* ---- interrupts --------------------------------------------------------- */

/* Entries [@p index, @p index + @p vectors) of @p t set from the
 * approved message @p m (or invalidated if it is NULL), then every unit
 * told. */
static void irt_write(struct irt *t, u32 index, u32 vectors,
		      const struct msi_msg *m)
{
	struct iommu_cmd c;
	u32 k;

	spin_lock(&lock);
	for (k = 0; k < vectors; k++)
		__atomic_store_n(&t->entries[index + k], m ?
				 iommu_irte_fixed((u8)((m->data &
							 MSI_DATA_VECTOR) + k),
						  (u8)(m->address >>
						       MSI_ADDR_DEST_SHIFT)) :
				 0, __ATOMIC_RELEASE);
	iommu_cmd_inv_irt(&c, t->bdf);
	run_everywhere(&c);
	spin_unlock(&lock);
}

int iommu_msi_remap(u16 bdf, u32 index, u32 vectors, struct msi_msg *m)
{
	struct irt *t = irt_of(bdf);

	if (!t)
		return 0;
	if (index >= IRT_ENTRIES || vectors > IRT_ENTRIES - index)
		return -1;
	irt_write(t, index, vectors, m);
	if (m) {
		m->address = MSI_ADDR_WINDOW;
		m->data = index;
	}
	return 0;
}

/* ---- events ------------------------------------------------------------ */

/* What one read of the logs found: the unit being read, and the cells
 * whose functions made I/O page faults (bit per cell id). */
struct poll_ctx {
	u32 unit;
	u32 faulted;
};

BH_STATIC_ASSERT(BH_MAX_CELLS <= 32, "poll_ctx::faulted");

/* One event of unit @p ctx->unit on the console; an I/O page fault
 * counted against the cell whose domain it names. */
static void report_event(void *ctx, const struct iommu_event *e)
{
	struct poll_ctx *p = ctx;
	struct cell *c = e->code == EVENT_IO_PAGE_FAULT && e->domain ?
			 cell_by_id(e->domain - 1U) : NULL;
	char name[16];

	if (c) {
		__atomic_add_fetch(&c->dma_faults, 1, __ATOMIC_RELAXED);
		p->faulted |= 1U << (e->domain - 1U);
	}
	bdf_name(name, sizeof(name), e->devid);
	if (e->code == EVENT_IO_PAGE_FAULT)
		printk("IOMMU %u: %s, device %s (cell \"%s\"), address "
		       "0x%llx, %s%s\n", p->unit, iommu_event_name(e->code),
		       name, c ? cell_name(c) : "none",
		       (unsigned long long)e->address,
		       e->flags & EVENT_FLAG_WRITE ? "write" : "read",
		       e->flags & EVENT_FLAG_INTERRUPT ? " (interrupt)" : "");
	else
		printk("IOMMU %u: %s (event 0x%x), device %s, address "
		       "0x%llx\n", p->unit, iommu_event_name(e->code), e->code,
		       name, (unsigned long long)e->address);
}

#ifdef CONFIG_TEST_HOOKS
int arch_test_dma_fault(struct cell *c, u16 bdf, u64 address)
{
	struct iommu_unit *u = &units[0];
	u32 tail, next;
	int err = -1;

	if (!num_units)
		return -1;
	spin_lock(&lock);
	tail = (u32)mmio_read(u, MMIO_EVT_TAIL) & EVENT_PTR_MASK;
	next = (tail + ENTRY_BYTES) % RING_BYTES;
	if (tail < RING_BYTES && next != u->evt_head) {
		const struct iommu_event e = {
			.code = EVENT_IO_PAGE_FAULT, .devid = bdf,
			.domain = (u16)(c->id + 1), .flags = EVENT_FLAG_WRITE,
			.address = address,
		};

		iommu_event_encode(&e, &u->evt[tail / 8]);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		mmio_write(u, MMIO_EVT_TAIL, next);
		err = 0;
	}
	spin_unlock(&lock);
	return err;
}
#endif

void arch_dma_poll(void)
{
	struct poll_ctx p = { .faulted = 0 };
	u32 i;

	if (!spin_trylock(&lock))
		return;
	for (i = 0; i < num_units; i++) {
		struct iommu_unit *u = &units[i];
		u32 tail = (u32)mmio_read(u, MMIO_EVT_TAIL) & EVENT_PTR_MASK;
		u32 head;

		p.unit = i;
		head = iommu_events_drain(u->evt, RING_BYTES, u->evt_head,
					  tail, report_event, &p);

		if (head != tail)
			printk("IOMMU %u: its event log tail 0x%x is not an "
			       "entry of the log: events not read\n", i, tail);
		if (head != u->evt_head) {
			u->evt_head = head;
			mmio_write(u, MMIO_EVT_HEAD, head);
		}
		if (mmio_read(u, MMIO_STATUS) & STATUS_EVT_OVERFLOW) {
			/* The log stops on overflow: restart it. */
			printk("IOMMU %u: its event log overflowed: events "
			       "were lost\n", i);
			mmio_write(u, MMIO_CONTROL, mmio_read(u, MMIO_CONTROL) &
				   ~CTRL_EVT_LOG_EN);
			mmio_write(u, MMIO_EVT_HEAD, 0);
			mmio_write(u, MMIO_EVT_TAIL, 0);
			u->evt_head = 0;
			mmio_write(u, MMIO_STATUS, STATUS_EVT_OVERFLOW);
			mmio_write(u, MMIO_CONTROL, mmio_read(u, MMIO_CONTROL) |
				   CTRL_EVT_LOG_EN);
		}
	}
	spin_unlock(&lock);
	/* The policy may stop a cell, which detaches its functions: that
	 * takes the lock, so only once it is dropped. */
	for (i = 0; i < BH_MAX_CELLS; i++)
		if (p.faulted & (1U << i))
			cell_dma_fault(cell_by_id(i));
}
