/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * MSI messages checked and rebuilt (msi.h).
 */
#include "msi.h"
#include "report.h"

int msi_decide(u64 address, u32 data, unsigned int vectors,
	       bool (*is_cell_apic)(void *ctx, u32 apic_id),
	       unsigned int (*logical_match)(void *ctx, u32 dest, u32 *first),
	       void *ctx, struct msi_msg *out, char *why, unsigned int len)
{
	struct irq_route_req r = {
		.vector = data & MSI_DATA_VECTOR,
		.delivery = (data >> MSI_DATA_DELIVERY_SHIFT) & 7,
		.logical = address & MSI_ADDR_LOGICAL,
		.dest = (address >> MSI_ADDR_DEST_SHIFT) & 0xff,
	};
	enum irq_route_verdict v;
	unsigned int matched;
	u32 apic_id;

	if ((address & ~0xfffffULL) != MSI_ADDR_WINDOW) {
		bh_snprintf(why, len, "addressed to 0x%llx, outside the "
			    "interrupt window 0xfee00000-0xfeefffff (a memory "
			    "write, not an interrupt)",
			    (unsigned long long)address);
		return -1;
	}
	if (data & MSI_DATA_LEVEL) {
		bh_snprintf(why, len, "level-triggered (data 0x%x): MSIs are "
			    "edge-triggered", data);
		return -1;
	}
	if (!vectors || vectors > 32 || (vectors & (vectors - 1)) ||
	    (r.vector & (vectors - 1))) {
		bh_snprintf(why, len, "with vector 0x%x for %u vectors: the "
			    "device sets the low bits, so the first must be "
			    "aligned to their number", r.vector, vectors);
		return -1;
	}
	v = irq_route_decide(&r, is_cell_apic, logical_match, ctx, &apic_id,
			     &matched);
	if (v != IRQ_ROUTE_OK) {
		irq_route_why(v, &r, apic_id, matched, why, len);
		return -1;
	}
	if (apic_id > 0xff) {
		bh_snprintf(why, len, "routed to APIC ID %u, which an MSI "
			    "cannot address (8 destination bits, as in a "
			    "32-bit remapping entry)",
			    apic_id);
		return -1;
	}
	out->address = MSI_ADDR_WINDOW | apic_id << MSI_ADDR_DEST_SHIFT;
	out->data = r.vector;
	return 0;
}
