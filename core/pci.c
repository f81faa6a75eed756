/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * PCI functions owned by cells: learnt at boot, mapped into their cells,
 * their configuration space mediated (see pci.h; the decisions per
 * register are core/lib/pci_cfg.c's).
 */
#include "bh_string.h"
#include "cell.h"
#include "config_check.h"
#include "hv.h"
#include "pages.h"
#include "pci.h"
#include "shmem.h"

#define ECAM_FN_SIZE		0x1000		/* a function's, 4 KiB */
#define ECAM_BUS_SIZE		0x100000	/* 32 devices x 8 functions */

#define PORT_CONFIG_ADDRESS	PCI_CONFIG_PORTS
#define PORT_CONFIG_DATA	0xcfc
/* Configuration mechanism #1's address: enable, bus, device, function,
 * register (bits 1:0 read as 0). */
#define CONFIG_ADDRESS_ENABLE	0x80000000U
#define CONFIG_ADDRESS_MASK	0x80fffffcU

/* Function level reset: the PCIe specification gives the function
 * 100 ms to complete it before it must answer again. */
#define FLR_WAIT_US		100000

static struct pci_device devices[BH_MAX_PCI_DEVICES];
static u32 num_devices;
static u64 ecam_base;
static u32 ecam_buses;

/* ---- the hardware, by ECAM ------------------------------------------- */

static u32 ecam_read(void *ctx, u16 reg, unsigned int size)
{
	volatile u8 *p = (volatile u8 *)ctx + reg;

	switch (size) {
	case 1:
		return *p;
	case 2:
		return *(volatile u16 *)p;
	default:
		return *(volatile u32 *)p;
	}
}

static void ecam_write(void *ctx, u16 reg, unsigned int size, u32 value)
{
	volatile u8 *p = (volatile u8 *)ctx + reg;

	switch (size) {
	case 1:
		*p = (u8)value;
		break;
	case 2:
		*(volatile u16 *)p = (u16)value;
		break;
	default:
		*(volatile u32 *)p = value;
		break;
	}
}

static u64 ecam_offset(u16 bdf)
{
	return (u64)bdf * ECAM_FN_SIZE;
}

/* ---- quiescing and resetting ------------------------------------------ */

/* Nothing the function does reaches the machine: MSI and MSI-X off (the
 * hardware's enables, not the cell's shadow), decoding, bus mastering
 * and INTx off. */
static void quiesce(struct pci_device *d)
{
	const struct pci_cfg_hw *hw = &d->hw;
	struct pci_fn *fn = &d->fn;

	if (fn->msi)
		hw->write(hw->ctx, fn->msi + PCI_MSI_CTRL, 2, 0);
	/* MSI-X off and masked; its table, which decoding off makes
	 * unreachable, is set when it is next enabled (msix_sync()). */
	if (fn->msix)
		hw->write(hw->ctx, fn->msix + PCI_MSIX_CTRL, 2,
			  PCI_MSIX_CTRL_MASKALL);
	hw->write(hw->ctx, PCI_CFG_COMMAND, 2, PCI_CMD_INTX_DISABLE);
}

/* A function level reset by PCIe device control, then the firmware's
 * BARs written back (a reset clears them). */
static void function_reset(struct pci_device *d)
{
	const struct pci_cfg_hw *hw = &d->hw;
	struct pci_fn *fn = &d->fn;
	u32 i;

	if (fn->flr) {
		u64 t0;
		u16 ctl = (u16)hw->read(hw->ctx, fn->pcie + PCI_EXP_DEVCTL, 2);

		hw->write(hw->ctx, fn->pcie + PCI_EXP_DEVCTL, 2,
			  ctl | PCI_EXP_DEVCTL_FLR);
		t0 = arch_now_us();
		while (arch_now_us() - t0 < FLR_WAIT_US)
			cpu_relax();
	}
	for (i = 0; i < PCI_NUM_BARS; i++)
		if (fn->bar_mask[i] || fn->bar_hw[i])
			hw->write(hw->ctx, (u16)(PCI_CFG_BAR0 + 4 * i), 4,
				  fn->bar_hw[i]);
	quiesce(d);
}

/* ---- at boot ---------------------------------------------------------- */

static void print_device(const struct bh_config_set *set,
			 const struct pci_device *d)
{
	char line[256], intx[48] = "";
	u32 b, len;

	len = (u32)bh_snprintf(line, sizeof(line), "PCI %s (%04x:%04x) for "
			       "cell \"%s\":", d->name, d->cfg->vendor_id,
			       d->cfg->device_id,
			       bh_cell_name(set->cells[d->cell].desc));
	for (b = 0; b < PCI_NUM_BARS && len < sizeof(line); b++) {
		const struct pci_bar *bar = &d->fn.bars[b];

		if (bar->size)
			len += (u32)bh_snprintf(line + len, sizeof(line) - len,
						" BAR%u %s [0x%llx-0x%llx),", b,
						bar->flags & PCI_BAR_IO ?
						"ports" : "memory",
						(unsigned long long)bar->address,
						(unsigned long long)(bar->address +
								     bar->size));
	}
	if (d->cfg->flags & BH_PCI_INTX)
		bh_snprintf(intx, sizeof(intx), ", INTx on pin %u of its "
			    "irqchip %u", d->cfg->intx_pin,
			    d->cfg->intx_irqchip);
	printk("%s %s%s%s%s\n", line, d->fn.msi ? "MSI" : "no MSI",
	       d->fn.msix ? ", MSI-X" : "", intx, d->dma_confined ?
	       ", DMA and interrupts through the IOMMU" :
	       d->fn.master_allowed ?
	       ", DMA unconfined (bus mastering allowed without an IOMMU)" :
	       "");
}

/* The hardware's MSI-X table of @p d and the cell's view of it.
 * @return 0, or -1 if the table is not mapped or no memory is left. */
static int msix_init(struct pci_device *d)
{
	const struct pci_fn *fn = &d->fn;
	u64 size = (u64)fn->msix_vectors * PCI_MSIX_ENTRY_SIZE;

	d->msix_hw = platform_phys(fn->bars[fn->msix_table_bar].address +
				   fn->msix_table_offset, size);
	d->msix_shadow = pages_alloc_contiguous((unsigned int)
		((size + BH_PAGE_SIZE - 1) / BH_PAGE_SIZE));
	if (!d->msix_hw || !d->msix_shadow)
		return -1;
	pci_msix_reset_shadow(fn, d->msix_shadow);
	return 0;
}

/* Learn function @p d (its cell's entry set) from the hardware.
 * @return 0, or 1 after reporting why not through @p r. */
static int probe_one(const struct bh_config_set *set, struct pci_device *d,
		     struct bh_report *r)
{
	const struct bh_cell_ref *c = &set->cells[d->cell];
	const struct bh_pci_device *p = d->cfg;
	const char *why = NULL;
	void *cfg = NULL;
	u32 id;

	bh_snprintf(d->name, sizeof(d->name), "%04x:%02x:%02x.%x", p->domain,
		    p->bdf >> 8, (p->bdf >> 3) & 0x1f, p->bdf & 7);
	/* The build refuses a function beyond the MMCONFIG window. */
	if (ecam_base && (p->bdf >> 8) < ecam_buses)
		cfg = platform_phys(ecam_base + ecam_offset(p->bdf),
				    ECAM_FN_SIZE);
	if (!cfg) {
		bh_error(r, "%s: cell \"%s\": PCI device %u (%s): its "
			 "configuration space is not mapped by the hypervisor",
			 c->file, bh_cell_name(c->desc), d->index, d->name);
		return 1;
	}
	d->hw = (struct pci_cfg_hw){ ecam_read, ecam_write, cfg };
	id = ecam_read(cfg, PCI_CFG_VENDOR_ID, 4);
	if ((id & 0xffff) == 0xffff) {
		bh_error(r, "%s: cell \"%s\": PCI device %u (%s): no function "
			 "answers there (the config expects %04x:%04x)",
			 c->file, bh_cell_name(c->desc), d->index, d->name,
			 p->vendor_id, p->device_id);
		return 1;
	}
	if ((id & 0xffff) != p->vendor_id || id >> 16 != p->device_id) {
		bh_error(r, "%s: cell \"%s\": PCI device %u (%s) is %04x:%04x, "
			 "the config expects %04x:%04x", c->file,
			 bh_cell_name(c->desc), d->index, d->name, id & 0xffff,
			 id >> 16, p->vendor_id, p->device_id);
		return 1;
	}
	if (pci_fn_probe(&d->fn, &d->hw, &why)) {
		bh_error(r, "%s: cell \"%s\": PCI device %u (%s, %04x:%04x): "
			 "%s", c->file, bh_cell_name(c->desc), d->index,
			 d->name, p->vendor_id, p->device_id, why);
		return 1;
	}
	if (d->fn.msix && msix_init(d)) {
		bh_error(r, "%s: cell \"%s\": PCI device %u (%s, %04x:%04x): "
			 "its MSI-X table (%u vectors) is not mapped by the "
			 "hypervisor, or no memory is left for its shadow",
			 c->file, bh_cell_name(c->desc), d->index, d->name,
			 p->vendor_id, p->device_id, d->fn.msix_vectors);
		return 1;
	}
	/* Bus mastering only where the device's DMA lands where the cell
	 * means it: through the IOMMU, or without one by the config's
	 * word. */
	switch (arch_dma_confinable(c->desc, p->bdf, &why)) {
	case 1:
		d->dma_confined = true;
		d->fn.master_allowed = true;
		break;
	case 0:
		d->fn.master_allowed = p->flags & BH_PCI_DMA_UNCONFINED;
		break;
	default:
		bh_error(r, "%s: cell \"%s\": PCI device %u (%s, %04x:%04x): "
			 "%s", c->file, bh_cell_name(c->desc), d->index,
			 d->name, p->vendor_id, p->device_id, why);
		return 1;
	}
	d->fn.intx_allowed = p->flags & BH_PCI_INTX;
	function_reset(d);
	pci_fn_reset_shadow(&d->fn);
	return 0;
}

int pci_probe(const struct bh_config_set *set, const struct bh_handoff *ho,
	      const struct bh_machine_range *ranges, u32 n,
	      struct bh_report *r)
{
	const struct bh_platform_info *pi = &set->system->platform_info;
	static struct bh_bar bars[BH_MAX_PCI_DEVICES * PCI_NUM_BARS];
	unsigned int before = r->errors;
	u32 i, k, b, nbars = 0;

	ecam_base = pi->pci_mmconfig_base;
	ecam_buses = ecam_base ? pi->pci_mmconfig_end_bus + 1U : 0;
	for (i = 0; i < set->num_cells; i++) {
		const struct bh_cell_desc *cd = set->cells[i].desc;

		for (k = 0; k < cd->num_pci_devices; k++) {
			struct pci_device *d = &devices[num_devices++];

			d->cfg = &bh_cell_pci_devices(cd)[k];
			d->cell = i;
			d->index = k;
			if (probe_one(set, d, r))
				continue;
			for (b = 0; b < PCI_NUM_BARS; b++) {
				const struct pci_bar *bar = &d->fn.bars[b];

				if (!bar->size)
					continue;
				bars[nbars++] = (struct bh_bar){
					i, k, (u8)b, bar->flags & PCI_BAR_IO,
					bar->address, bar->size,
				};
			}
		}
	}
	bh_config_check_bars(set, bars, nbars, ranges, n,
			     (const void *)ho->memmap_phys, ho->memmap_entries,
			     r);
	for (i = 0; i < num_devices && r->errors == before; i++)
		print_device(set, &devices[i]);
	return (int)(r->errors - before);
}

/* The emulated ECAM window: a function's 4 KiB at bus << 20 | devfn << 12;
 * the trapped pages of an MSI-X table. */
static int ecam_access(struct cell *c, void *ctx, struct mmio_access *a);
static int msix_access(struct cell *c, void *ctx, struct mmio_access *a);

/* Does a memory region of @p c lie in guest-physical [start, +size)? */
static bool cell_has_memory(const struct cell *c, u64 start, u64 size)
{
	const struct bh_memory *m = bh_cell_mem_regions(c->desc);
	u32 i;

	for (i = 0; i < c->desc->num_memory_regions; i++)
		if (m[i].virt_start < start + size &&
		    start < m[i].virt_start + m[i].size)
			return true;
	return false;
}

/* Memory BAR @p b of @p d mapped into @p c at its own address; the pages
 * of an MSI-X table in it trapped instead (msix_access()).
 * @return 0, or -1 after printing why. */
static int map_bar(struct cell *c, struct pci_device *d, u32 b)
{
	const struct pci_fn *fn = &d->fn;
	const struct pci_bar *bar = &fn->bars[b];
	u64 start = bar->address, end = bar->address + bar->size;
	u64 hole = end, hole_end = end;

	if (fn->msix && fn->msix_table_bar == b) {
		hole = (start + fn->msix_table_offset) & ~(BH_PAGE_SIZE - 1);
		hole_end = (start + fn->msix_table_offset +
			    (u64)fn->msix_vectors * PCI_MSIX_ENTRY_SIZE +
			    BH_PAGE_SIZE - 1) & ~(BH_PAGE_SIZE - 1);
		if (cell_has_memory(c, hole, hole_end - hole) ||
		    mmio_region_register(c, hole, hole_end - hole, msix_access,
					 d))
			goto refused;
	}
	if ((hole > start && arch_cell_map_device(c, start, hole - start)) ||
	    (end > hole_end && arch_cell_map_device(c, hole_end,
						    end - hole_end)))
		goto refused;
	return 0;
refused:
	printk("cell \"%s\": PCI %s BAR %u [0x%llx-0x%llx) cannot be mapped "
	       "at its own address: the cell has memory or emulated registers "
	       "there\n", cell_name(c), d->name, b, (unsigned long long)start,
	       (unsigned long long)end);
	return trace_error(-1);
}

int pci_cell_init(struct cell *c)
{
	u32 i, b;

	c->pci = NULL;
	c->num_pci = 0;
	for (i = 0; i < num_devices; i++) {
		if (devices[i].cell != c->id)
			continue;
		if (!c->pci)
			c->pci = &devices[i];
		c->num_pci++;
	}
	if (ecam_base) {
		u64 size = (u64)ecam_buses * ECAM_BUS_SIZE;

		if (cell_has_memory(c, ecam_base, size)) {
			printk("cell \"%s\": a memory region lies in the PCI "
			       "MMCONFIG window the hypervisor emulates "
			       "[0x%llx-0x%llx)\n", cell_name(c),
			       (unsigned long long)ecam_base,
			       (unsigned long long)(ecam_base + size));
			return trace_error(-1);
		}
		if (mmio_region_register(c, ecam_base, size, ecam_access,
					 NULL))
			return trace_error(-1);
	}
	for (i = 0; i < c->num_pci; i++) {
		struct pci_device *d = &c->pci[i];

		for (b = 0; b < PCI_NUM_BARS; b++) {
			const struct pci_bar *bar = &d->fn.bars[b];

			if (!bar->size)
				continue;
			if (bar->flags & PCI_BAR_IO)
				arch_cell_allow_ports(c, (u16)bar->address,
						      (u16)bar->size);
			else if (map_bar(c, d, b))
				return trace_error(-1);
		}
	}
	return 0;
}

void pci_cell_quiesce(struct cell *c)
{
	u32 i;

	for (i = 0; i < c->num_pci; i++) {
		spin_lock(&c->pci[i].lock);
		quiesce(&c->pci[i]);
		/* What it had queued reaches nothing either. */
		arch_dma_detach(c->pci[i].cfg->bdf);
		spin_unlock(&c->pci[i].lock);
	}
}

void pci_cell_reset(struct cell *c)
{
	u32 i;

	c->pci_address = 0;
	for (i = 0; i < c->num_pci; i++) {
		struct pci_device *d = &c->pci[i];

		spin_lock(&d->lock);
		function_reset(d);
		pci_fn_reset_shadow(&d->fn);
		if (d->fn.msix)
			pci_msix_reset_shadow(&d->fn, d->msix_shadow);
		d->master_reported = d->intx_reported = false;
		d->refused[0] = '\0';
		d->refusals_told = 0;
		arch_dma_attach(c, d->cfg->bdf);
		spin_unlock(&d->lock);
	}
}

/* ---- the cell's accesses ---------------------------------------------- */

/** How many refused MSI and MSI-X messages a function's cell is told of
 * in a run (tell_refusal()). */
#define PCI_REFUSALS_TOLD 8

static struct pci_device *owned(const struct cell *c, u16 bdf)
{
	u32 i;

	for (i = 0; i < c->num_pci; i++)
		if (c->pci[i].cfg->bdf == bdf)
			return &c->pci[i];
	return NULL;
}

/*
 * Tell the console that @p what of the cell's function was refused and
 * @p why: each refusal whose reason differs from the last one told (a
 * cell that repeats a write, or has several vectors refused alike, is
 * told once), at most PCI_REFUSALS_TOLD a run, the last saying so. Lock
 * held.
 */
static void tell_refusal(const struct cell *c, struct pci_device *d,
			 const char *what, const char *why)
{
	if (!strcmp(d->refused, why) ||
	    d->refusals_told >= PCI_REFUSALS_TOLD)
		return;
	bh_snprintf(d->refused, sizeof(d->refused), "%s", why);
	d->refusals_told++;
	printk("Cell \"%s\": PCI %s: %s: %s%s\n", cell_name(c), d->name,
	       what, why, d->refusals_told == PCI_REFUSALS_TOLD ?
	       " (the last refusal told in this run)" : "");
}

/* The message the cell asked for, checked and programmed, or MSI left
 * off in the hardware and the cell told why (tell_refusal()). Lock
 * held. */
static void msi_update(struct cell *c, struct pci_device *d)
{
	const struct pci_cfg_hw *hw = &d->hw;
	struct pci_fn *fn = &d->fn;
	unsigned int mme = (fn->msi_ctrl & PCI_MSI_CTRL_MME) >> 4;
	u64 addr = (u64)fn->msi_addr_hi << 32 | fn->msi_addr_lo;
	u64 hw_addr;
	u32 hw_data;
	char why[128];

	/* Off while it changes: never half the old message, half the new. */
	hw->write(hw->ctx, fn->msi + PCI_MSI_CTRL, 2, 0);
	if (!(fn->msi_ctrl & PCI_MSI_CTRL_ENABLE))
		return;
	if (!fn->master_allowed) {
		bh_snprintf(why, sizeof(why), "its bus mastering, which "
			    "MSIs need, is refused (no IOMMU confines its "
			    "DMA)");
	} else if (!arch_cell_msi(c, d->cfg->bdf, 0, addr, fn->msi_data,
				  1U << mme, &hw_addr, &hw_data, why,
				  sizeof(why))) {
		hw->write(hw->ctx, fn->msi + PCI_MSI_ADDR_LO, 4, (u32)hw_addr);
		if (fn->msi_64) {
			hw->write(hw->ctx, fn->msi + PCI_MSI_ADDR_HI, 4,
				  (u32)(hw_addr >> 32));
			hw->write(hw->ctx, fn->msi + PCI_MSI_ADDR_HI + 4, 2,
				  hw_data);
		} else {
			hw->write(hw->ctx, fn->msi + PCI_MSI_ADDR_HI, 2,
				  hw_data);
		}
		hw->write(hw->ctx, fn->msi + PCI_MSI_CTRL, 2,
			  PCI_MSI_CTRL_ENABLE | (mme << 4));
		return;
	}
	tell_refusal(c, d, "MSI left disabled", why);
}

/* Vector @p i of the hardware's MSI-X table masked (its own bit alone:
 * the reserved bits stay as the device has them). */
static void msix_hw_mask(struct pci_device *d, u32 i)
{
	volatile u32 *ctl = &d->msix_hw[i * PCI_MSIX_ENTRY_DWORDS +
					 PCI_MSIX_VECTOR_CTRL];

	*ctl |= PCI_MSIX_VECTOR_MASKED;
}

/* Vector @p i in the hardware as the cell's entry decides: masked, or
 * the message msi_decide() builds, written masked and then unmasked.
 * A refusal is told (tell_refusal()). Lock held, decoding on. */
static void msix_program(struct cell *c, struct pci_device *d, u32 i)
{
	const u32 *e = &d->msix_shadow[i * PCI_MSIX_ENTRY_DWORDS];
	volatile u32 *h = &d->msix_hw[i * PCI_MSIX_ENTRY_DWORDS];
	u64 hw_addr;
	u32 hw_data;
	char why[128];

	msix_hw_mask(d, i);
	if (e[PCI_MSIX_VECTOR_CTRL] & PCI_MSIX_VECTOR_MASKED)
		return;
	if (arch_cell_msi(c, d->cfg->bdf, i, (u64)e[1] << 32 | e[0], e[2], 1,
			  &hw_addr, &hw_data, why, sizeof(why))) {
		char what[40];

		bh_snprintf(what, sizeof(what), "MSI-X vector %u left masked",
			    i);
		tell_refusal(c, d, what, why);
		return;
	}
	h[0] = (u32)hw_addr;
	h[1] = (u32)(hw_addr >> 32);
	h[2] = hw_data;
	h[PCI_MSIX_VECTOR_CTRL] &= ~(u32)PCI_MSIX_VECTOR_MASKED;
}

/*
 * MSI-X in the hardware as the cell's shadow decides (vector @p only, or
 * every vector if it is negative): enabled only where bus mastering is
 * allowed, each vector programmed or masked (msix_program()), the
 * function masked as the cell masks it and while its table cannot be
 * written (memory decoding off: the vectors are programmed once it is
 * on). Lock held.
 */
static void msix_sync(struct cell *c, struct pci_device *d, int only)
{
	const struct pci_cfg_hw *hw = &d->hw;
	struct pci_fn *fn = &d->fn;
	u16 ctrl = PCI_MSIX_CTRL_MASKALL;

	if (fn->msix_ctrl & PCI_MSIX_CTRL_ENABLE) {
		if (!fn->master_allowed) {
			tell_refusal(c, d, "MSI-X left disabled", "its bus "
				     "mastering, which MSIs need, is refused "
				     "(no IOMMU confines its DMA)");
		} else if (!(hw->read(hw->ctx, PCI_CFG_COMMAND, 2) &
			     PCI_CMD_MEM)) {
			ctrl |= PCI_MSIX_CTRL_ENABLE;
		} else {
			u32 i;

			for (i = 0; i < fn->msix_vectors; i++)
				if (only < 0 || i == (u32)only)
					msix_program(c, d, i);
			ctrl = PCI_MSIX_CTRL_ENABLE |
			       (fn->msix_ctrl & PCI_MSIX_CTRL_MASKALL);
		}
	}
	hw->write(hw->ctx, fn->msix + PCI_MSIX_CTRL, 2, ctrl);
}

/* The pages of an MSI-X table, trapped: the table's entries are the
 * cell's shadow (pci_msix_access()), the rest of those pages (the
 * pending bits, other registers) is the device's, reached as the cell
 * asks. */
static int msix_access(struct cell *c, void *ctx, struct mmio_access *a)
{
	struct pci_device *d = ctx;
	struct pci_fn *fn = &d->fn;
	u64 bar = fn->bars[fn->msix_table_bar].address;
	u64 off = a->address - bar;
	volatile void *p;
	unsigned int r;
	u16 entry = 0;

	spin_lock(&d->lock);
	r = cell_running(c) ? pci_msix_access(fn, d->msix_shadow, off, a->size,
					      a->write, &a->value, &entry) :
	    PCI_MSIX_INVALID;
	if (r == PCI_MSIX_CHANGED) {
		msix_sync(c, d, entry);
	} else if (r == PCI_MSIX_INVALID) {
		if (!a->write)
			a->value = ~0ULL;
		else if (cell_running(c))
			cell_absent_access(c, "MSI-X table (not an aligned "
					   "access of 4 or 8 bytes) at",
					   a->address, true);
	} else if (r == PCI_MSIX_OUTSIDE) {
		p = platform_phys(a->address, a->size);
		switch (a->size) {
		case 1:
			if (a->write)
				*(volatile u8 *)p = (u8)a->value;
			else
				a->value = *(volatile u8 *)p;
			break;
		case 2:
			if (a->write)
				*(volatile u16 *)p = (u16)a->value;
			else
				a->value = *(volatile u16 *)p;
			break;
		case 4:
			if (a->write)
				*(volatile u32 *)p = (u32)a->value;
			else
				a->value = *(volatile u32 *)p;
			break;
		default:
			if (a->write)
				*(volatile u64 *)p = a->value;
			else
				a->value = *(volatile u64 *)p;
			break;
		}
	}
	spin_unlock(&d->lock);
	return 0;
}

/* What pci_cfg_write() reported, told on the console (each at most once
 * per register or per run) and acted on. Lock held. */
static void write_events(struct cell *c, struct pci_device *d,
			 unsigned int ev, u16 where)
{
	if (ev & PCI_EV_DROPPED)
		printk("Cell \"%s\": PCI %s: write to configuration register "
		       "0x%x dropped: cells may not change it (told once)\n",
		       cell_name(c), d->name, where);
	if (ev & PCI_EV_BAR_MOVED)
		printk("Cell \"%s\": PCI %s: decoding on with the BAR at 0x%x "
		       "moved by the cell: the function stays at the "
		       "firmware's address (told once)\n", cell_name(c),
		       d->name, where);
	if ((ev & PCI_EV_MASTER_DROPPED) && !d->master_reported) {
		d->master_reported = true;
		printk("Cell \"%s\": PCI %s: bus mastering refused, the bit "
		       "dropped: no IOMMU confines the function's DMA "
		       "(Documentation/pci.md)\n", cell_name(c), d->name);
	}
	if ((ev & PCI_EV_INTX_REFUSED) && !d->intx_reported) {
		d->intx_reported = true;
		printk("Cell \"%s\": PCI %s: INTx refused, INTx disable stays "
		       "set: its config routes no INTx line to the cell "
		       "(BH_PCI_INTX; told once per run)\n", cell_name(c),
		       d->name);
	}
	if (ev & PCI_EV_MSI)
		msi_update(c, d);
	if (ev & PCI_EV_MSIX)
		msix_sync(c, d, -1);
}

/* A configuration access of @p c to function @p bdf, register @p reg
 * (aligned to @p size, 1, 2 or 4, below PCI_CFG_SIZE). */
static void cfg_access(struct cell *c, u16 bdf, u16 reg, unsigned int size,
		       bool write, u32 *value)
{
	struct pci_device *d = owned(c, bdf);
	unsigned int ev;
	u16 where = 0;

	if (!d && shmem_cfg_access(c, bdf, reg, size, write, value))
		return;		/* a link's function */
	if (!d) {
		/* Probing for functions is what an OS does: only writes
		 * are counted. */
		if (write)
			cell_absent_access(c, "PCI configuration space at ECAM "
					   "offset", ecam_offset(bdf) + reg,
					   true);
		else
			*value = ~0U;
		return;
	}
	spin_lock(&d->lock);
	if (!cell_running(c)) {
		/* Stopped meanwhile: its functions are quiesced. */
		if (!write)
			*value = ~0U;
	} else if (!write) {
		*value = pci_cfg_read(&d->fn, &d->hw, reg, size);
	} else {
		ev = pci_cfg_write(&d->fn, &d->hw, reg, size, *value, &where);
		/* Decoding turned on or off: the MSI-X table reachable or
		 * not. */
		if (d->fn.msix && reg < PCI_CFG_COMMAND + 2 &&
		    reg + size > PCI_CFG_COMMAND)
			ev |= PCI_EV_MSIX;
		write_events(c, d, ev, where);
	}
	spin_unlock(&d->lock);
}

static int ecam_access(struct cell *c, void *ctx, struct mmio_access *a)
{
	u64 off = a->address - ecam_base;
	u16 reg = (u16)(off & (ECAM_FN_SIZE - 1));
	u32 v = (u32)a->value;

	(void)ctx;
	/* ECAM takes aligned accesses of up to 4 bytes. */
	if (a->size > 4 || reg & (a->size - 1)) {
		if (a->write)
			cell_absent_access(c, "PCI configuration space at ECAM "
					   "offset (not an aligned access of "
					   "up to 4 bytes)", off, true);
		else
			a->value = ~0ULL;
		return 0;
	}
	cfg_access(c, (u16)(off / ECAM_FN_SIZE), reg, a->size, a->write, &v);
	if (!a->write)
		a->value = v;
	return 0;
}

void pci_port_access(struct cell *c, u16 port, unsigned int size, bool in,
		     u32 *value)
{
	u32 addr = c->pci_address;
	u16 reg;

	if (port == PORT_CONFIG_ADDRESS && size == 4) {
		if (in)
			*value = addr;
		else
			c->pci_address = *value & CONFIG_ADDRESS_MASK;
		return;
	}
	/* The data port, within its dword, once an address is enabled;
	 * anything else there is no configuration access. */
	if (port < PORT_CONFIG_DATA || (port & 3) + size > 4 ||
	    !(addr & CONFIG_ADDRESS_ENABLE)) {
		if (in)
			*value = ~0U;
		else
			cell_absent_access(c, "I/O port", port, true);
		return;
	}
	reg = (u16)((addr & 0xfc) | (port & 3));
	cfg_access(c, (u16)(addr >> 8), reg, size, !in, value);
}
