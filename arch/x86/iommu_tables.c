/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The AMD IOMMU's in-memory formats (see iommu_tables.h).
 */
#include <bulkhead/config.h>
#include <bulkhead/x86.h>

#include "acpi.h"
#include "iommu_tables.h"

#define CMD_OP_SHIFT		60
#define CMD_COMPLETION_WAIT	0x1ULL
#define CMD_INV_DEVTAB_ENTRY	0x2ULL
#define CMD_INV_IOMMU_PAGES	0x3ULL
#define CMD_INV_INTR_TABLE	0x5ULL
#define CMD_INV_IOMMU_ALL	0x8ULL
#define CMD_CW_STORE		(1ULL << 0)
#define CMD_INV_PAGES_S		(1ULL << 0)
#define CMD_INV_PAGES_PDE	(1ULL << 1)
/* With S set, an address whose low bits are all ones (bit 63 clear) asks
 * for the whole address space. */
#define CMD_INV_ALL_ADDRESSES	0x7ffffffffffff000ULL

#define DTE_IRT_ADDR_MASK	0x000fffffffffffc0ULL	/* q2 bits 51:6 */
#define DTE_INTTABLEN_SHIFT	1
#define DTE_INTCTL_REMAP	2ULL

static unsigned int index_of(u64 iova, int level)
{
	return (iova >> (12 + 9 * (level - 1))) & 511;
}

/* The entry for @p iova at @p level (1: 4 KiB leaf, 2: 2 MiB leaf), or
 * NULL with *err -1 (no memory) or -2 (a large page is in the way). */
static u64 *entry_of(const struct pt_alloc *a, u64 *root, u64 iova,
		     int level, int *err)
{
	u64 *table = root;
	int l;

	for (l = IOPT_LEVELS; l > level; l--) {
		u64 *e = &table[index_of(iova, l)];

		if (!(*e & IOPTE_PR)) {
			void *next = a->alloc(a->ctx);

			if (!next) {
				*err = -1;
				return NULL;
			}
			*e = a->to_phys(a->ctx, next) | IOPTE_PR | IOPTE_IR |
			     IOPTE_IW | ((u64)(l - 1) << IOPTE_NEXT_SHIFT);
		} else if (!(*e & IOPTE_NEXT_MASK)) {
			*err = -2;
			return NULL;
		}
		table = a->to_virt(a->ctx, *e & IOPTE_ADDR_MASK);
	}
	return &table[index_of(iova, level)];
}

int iopt_map(const struct pt_alloc *a, u64 *root, u64 iova, u64 hpa,
	     u64 size, bool write)
{
	u64 done, step;
	int err = 0;

	if ((iova | hpa | size) & (BH_PAGE_SIZE - 1) ||
	    hpa & ~IOPTE_ADDR_MASK || iova >= IOPT_LIMIT ||
	    size > IOPT_LIMIT - iova)
		return -3;
	for (done = 0; done < size; done += step) {
		bool large = !((iova + done) % PAGE_SIZE_2M) &&
			     !((hpa + done) % PAGE_SIZE_2M) &&
			     size - done >= PAGE_SIZE_2M;
		u64 *e = entry_of(a, root, iova + done, large ? 2 : 1, &err);

		step = large ? PAGE_SIZE_2M : BH_PAGE_SIZE;
		if (!e)
			return err;
		if (*e & IOPTE_PR)
			return -2;
		/* NextLevel 0: the walk ends here, a page of this level. */
		*e = (hpa + done) | IOPTE_PR | IOPTE_IR |
		     (write ? IOPTE_IW : 0);
	}
	return 0;
}

u64 iopt_lookup(const struct pt_alloc *a, const u64 *root, u64 iova,
		u64 *hpa)
{
	const u64 *table = root;
	int l;

	if (iova >= IOPT_LIMIT)
		return 0;
	for (l = IOPT_LEVELS; l >= 1; l--) {
		u64 e = table[index_of(iova, l)];
		u64 next = (e & IOPTE_NEXT_MASK) >> IOPTE_NEXT_SHIFT;
		u64 page = 1ULL << (12 + 9 * (l - 1));

		if (!(e & IOPTE_PR))
			return 0;
		if (!next) {
			*hpa = (e & IOPTE_ADDR_MASK & ~(page - 1)) +
			       (iova & (page - 1));
			return e;
		}
		if (next != (u64)(l - 1))
			return 0;
		table = a->to_virt(a->ctx, e & IOPTE_ADDR_MASK);
	}
	return 0;
}

void iommu_dte_blocked(struct iommu_dte *d)
{
	d->q[0] = DTE_V | DTE_TV;
	d->q[1] = 0;
	d->q[2] = DTE_IV;
	d->q[3] = 0;
}

void iommu_dte_translated(struct iommu_dte *d, u64 root_phys, u16 domain,
			  u64 irt_phys, unsigned int irt_order)
{
	d->q[0] = DTE_V | DTE_TV | ((u64)IOPT_LEVELS << DTE_MODE_SHIFT) |
		  (root_phys & IOPTE_ADDR_MASK) | DTE_IR | DTE_IW;
	d->q[1] = domain;
	d->q[2] = 0;
	if (irt_phys)
		d->q[2] = DTE_IV | (irt_phys & DTE_IRT_ADDR_MASK) |
			   ((u64)(irt_order & 0xf) << DTE_INTTABLEN_SHIFT) |
			   (DTE_INTCTL_REMAP << DTE_INTCTL_SHIFT);
	d->q[3] = 0;
}

u32 iommu_irte_fixed(u8 vector, u8 apic_id)
{
	return IRTE_REMAP_EN | (u32)apic_id << IRTE_DEST_SHIFT |
	       (u32)vector << IRTE_VECTOR_SHIFT;
}

void iommu_cmd_completion_wait(struct iommu_cmd *c, u64 store_phys, u64 data)
{
	c->q[0] = (store_phys & 0x000ffffffffffff8ULL) | CMD_CW_STORE |
		  (CMD_COMPLETION_WAIT << CMD_OP_SHIFT);
	c->q[1] = data;
}

void iommu_cmd_inv_dte(struct iommu_cmd *c, u16 devid)
{
	c->q[0] = devid | (CMD_INV_DEVTAB_ENTRY << CMD_OP_SHIFT);
	c->q[1] = 0;
}

void iommu_cmd_inv_domain(struct iommu_cmd *c, u16 domain)
{
	c->q[0] = ((u64)domain << 32) | (CMD_INV_IOMMU_PAGES << CMD_OP_SHIFT);
	c->q[1] = CMD_INV_ALL_ADDRESSES | CMD_INV_PAGES_S | CMD_INV_PAGES_PDE;
}

void iommu_cmd_inv_all(struct iommu_cmd *c)
{
	c->q[0] = CMD_INV_IOMMU_ALL << CMD_OP_SHIFT;
	c->q[1] = 0;
}

void iommu_cmd_inv_irt(struct iommu_cmd *c, u16 devid)
{
	c->q[0] = devid | (CMD_INV_INTR_TABLE << CMD_OP_SHIFT);
	c->q[1] = 0;
}

void iommu_event_decode(const u64 raw[2], struct iommu_event *e)
{
	e->devid = (u16)raw[0];
	e->domain = (u16)(raw[0] >> 32);
	e->flags = (u16)((raw[0] >> 48) & 0xfff);
	e->code = (u8)(raw[0] >> 60);
	e->address = raw[1];
}

void iommu_event_encode(const struct iommu_event *e, u64 raw[2])
{
	raw[0] = (u64)e->code << 60 | (u64)(e->flags & 0xfff) << 48 |
		 (u64)e->domain << 32 | e->devid;
	raw[1] = e->address;
}

u32 iommu_events_drain(const u64 *log, u32 bytes, u32 head, u32 tail,
		       void (*fn)(void *ctx, const struct iommu_event *e),
		       void *ctx)
{
	struct iommu_event e;

	if (!bytes || bytes % 16 || head % 16 || tail % 16 || head >= bytes ||
	    tail >= bytes)
		return head;
	while (head != tail) {
		iommu_event_decode(&log[head / 8], &e);
		fn(ctx, &e);
		head = (head + 16) % bytes;
	}
	return head;
}

const char *iommu_event_name(u8 code)
{
	static const char *const names[] = {
		[EVENT_ILLEGAL_DTE] = "illegal device-table entry",
		[EVENT_IO_PAGE_FAULT] = "I/O page fault",
		[EVENT_DEV_TAB_HW_ERROR] = "device-table hardware error",
		[EVENT_PAGE_TAB_HW_ERROR] = "page-table hardware error",
		[EVENT_ILLEGAL_COMMAND] = "illegal command",
		[EVENT_COMMAND_HW_ERROR] = "command hardware error",
		[EVENT_IOTLB_INV_TIMEOUT] = "IOTLB invalidation time-out",
		[EVENT_INVALID_DEV_REQ] = "invalid device request",
	};

	return code < sizeof(names) / sizeof(names[0]) && names[code] ?
	       names[code] : "unknown event";
}

bool iommu_ivmd_met(const struct acpi_ivrs_ivmd *m, u16 bdf,
		    const struct bh_memory *mem, u32 n)
{
	u64 at = m->start & ~(u64)(BH_PAGE_SIZE - 1), end;
	u32 i;

	if (bdf < m->first || bdf > m->last ||
	    !(m->flags & (ACPI_IVMD_UNITY | ACPI_IVMD_EXCLUSION)))
		return true;
	if (m->start > ~0ULL - (BH_PAGE_SIZE - 1) ||
	    m->length > ~0ULL - (BH_PAGE_SIZE - 1) - m->start)
		return false;
	end = (m->start + m->length + BH_PAGE_SIZE - 1) &
	      ~(u64)(BH_PAGE_SIZE - 1);
	while (at < end) {
		for (i = 0; i < n; i++)
			if (mem[i].flags & BH_MEM_DMA &&
			    mem[i].virt_start == mem[i].phys_start &&
			    at >= mem[i].phys_start &&
			    at - mem[i].phys_start < mem[i].size &&
			    (!(m->flags & (ACPI_IVMD_IW |
					   ACPI_IVMD_EXCLUSION)) ||
			     mem[i].flags & BH_MEM_WRITE))
				break;
		if (i == n || mem[i].phys_start + mem[i].size <= at)
			return false;
		at = mem[i].phys_start + mem[i].size;
	}
	return true;
}
