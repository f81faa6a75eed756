/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * MSI messages a cell asks its PCI functions to send, checked and
 * rebuilt. An MSI is a memory write by the device: on x86, to the
 * interrupt window 0xFEEx_xxxx, whose address bits name the destination
 * and whose data the vector and delivery (AMD APM vol. 2, "Local APIC";
 * PCI Local Bus 3.0, "Message Signaled Interrupts"). Without interrupt
 * remapping, what the device is given is what the CPUs get, so nothing
 * of the cell's message is given to it: the message is decoded into a
 * route (apic_filter.h, irq_route_decide(), the same rules as the
 * IOAPIC's), and a new one is built from the decision alone: physical
 * destination, fixed delivery, edge, the vector. A message that is not
 * an interrupt (an address outside the window: a DMA write the cell
 * would aim anywhere), that the decision refuses, or that the CPUs
 * could not be addressed by without remapping, is refused; the caller
 * keeps the function's MSI masked or disabled and reports why. Pure,
 * host-tested (tests/unit/test_msi.c).
 */
#ifndef BULKHEAD_MSI_H
#define BULKHEAD_MSI_H

#include "apic_filter.h"

#define MSI_ADDR_WINDOW		0xfee00000U
#define MSI_ADDR_WINDOW_MASK	0xfff00000U
#define MSI_ADDR_DEST_SHIFT	12
#define MSI_ADDR_RH		(1U << 3)	/**< redirection hint */
#define MSI_ADDR_LOGICAL	(1U << 2)	/**< destination mode */
#define MSI_DATA_VECTOR		0xffU
#define MSI_DATA_DELIVERY_SHIFT	8
#define MSI_DATA_ASSERT		(1U << 14)
#define MSI_DATA_LEVEL		(1U << 15)	/**< trigger mode */

/** A message as the device gets it. */
struct msi_msg {
	u64 address;
	u32 data;
};

/**
 * Check the message a cell wrote, @p address and @p data, for a function
 * that sends @p vectors consecutive vectors with it (multiple-message
 * MSI: a power of two, the device setting the data's low bits), and
 * build the one the device gets in @p out. @p is_cell_apic and
 * @p logical_match decide the destination as for irq_route_decide().
 * @return 0, or -1 with the reason in @p why (@p len bytes), in words
 * that follow "MSI of <function> " on the console.
 */
int msi_decide(u64 address, u32 data, unsigned int vectors,
	       bool (*is_cell_apic)(void *ctx, u32 apic_id),
	       unsigned int (*logical_match)(void *ctx, u32 dest, u32 *first),
	       void *ctx, struct msi_msg *out, char *why, unsigned int len);

#endif
