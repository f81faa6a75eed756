/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of MSI checking (arch/x86/msi.c): the message a cell
 * writes is decoded by the x86 MSI format (address 0xFEE, destination in
 * bits 19:12, destination mode bit 2; data vector 7:0, delivery 10:8,
 * trigger bit 15), refused for anything but an interrupt to one of the
 * cell's CPUs, and rebuilt from the decision alone. Expected messages
 * are typed in, never computed by the code under test.
 */
#include <string.h>

#include "msi.h"

#include "check.h"

/* The cell has APIC IDs 4 and 5; logical (flat) bits 0x10 and 0x20. */
static bool is_cell_apic(void *ctx, u32 apic_id)
{
	(void)ctx;
	return apic_id == 4 || apic_id == 5;
}

static unsigned int logical_match(void *ctx, u32 dest, u32 *first)
{
	unsigned int n = 0;

	(void)ctx;
	if (dest & 0x10) {
		*first = 4;
		n++;
	}
	if (dest & 0x20) {
		if (!n)
			*first = 5;
		n++;
	}
	return n;
}

static void test_cases(void)
{
	static const struct {
		const char *name;
		u64 address;
		u32 data;
		unsigned int vectors;
		/* 0 address: refused, with @why in the reason */
		u64 want_address;
		u32 want_data;
		const char *why;
	} cases[] = {
		{ "physical", 0xfee04000, 0x0041, 1, 0xfee04000, 0x41, NULL },
		/* RH, and the data's assert bit and delivery: rebuilt */
		{ "rebuilt", 0xfee05008, 0x4141, 1, 0xfee05000, 0x41, NULL },
		{ "lowest-logical", 0xfee3000c, 0x0141, 1, 0xfee04000, 0x41,
		  NULL },
		{ "logical-one", 0xfee20004, 0x0041, 1, 0xfee05000, 0x41,
		  NULL },
		{ "64-bit-address", 0x1fee04000ULL, 0x0041, 1, 0,
		  0, "outside the interrupt window" },
		{ "dma-write", 0x00100000, 0x0041, 1, 0, 0,
		  "addressed to 0x100000, outside the interrupt window" },
		{ "foreign-cpu", 0xfee01000, 0x0041, 1, 0, 0,
		  "routed to APIC ID 1, a CPU outside the cell" },
		{ "broadcast", 0xfeeff000, 0x0041, 1, 0, 0, "(a broadcast)" },
		{ "logical-foreign", 0xfee01004, 0x0041, 1, 0, 0,
		  "names no CPU of the cell" },
		{ "logical-several", 0xfee30004, 0x0041, 1, 0, 0,
		  "names 2 CPUs of the cell" },
		{ "nmi", 0xfee04000, 0x0441, 1, 0, 0,
		  "with NMI delivery, which is not permitted" },
		{ "smi", 0xfee04000, 0x0200, 1, 0, 0, "SMI delivery" },
		{ "init", 0xfee04000, 0x0500, 1, 0, 0, "INIT delivery" },
		{ "extint", 0xfee04000, 0x0700, 1, 0, 0, "ExtINT delivery" },
		{ "vector-15", 0xfee04000, 0x000f, 1, 0, 0,
		  "with vector 15, which is reserved" },
		{ "level", 0xfee04000, 0xc041, 1, 0, 0, "level-triggered" },
		/* Multiple messages: the first vector aligned, all >= 32. */
		{ "multi-aligned", 0xfee04000, 0x0040, 4, 0xfee04000, 0x40,
		  NULL },
		{ "multi-unaligned", 0xfee04000, 0x0042, 4, 0, 0,
		  "aligned to their number" },
		{ "multi-into-exceptions", 0xfee04000, 0x0000, 32, 0, 0,
		  "reserved" },
		{ "multi-not-power-of-2", 0xfee04000, 0x0040, 3, 0, 0,
		  "aligned to their number" },
	};
	unsigned int i;

	for (i = 0; i < BH_ARRAY_SIZE(cases); i++) {
		struct msi_msg out = { 0x1234, 0x5678 };
		char why[200] = "";
		int err = msi_decide(cases[i].address, cases[i].data,
				     cases[i].vectors, is_cell_apic,
				     logical_match, NULL, &out, why,
				     sizeof(why));

		if (cases[i].want_address)
			checkf(cases[i].name, !err &&
			       out.address == cases[i].want_address &&
			       out.data == cases[i].want_data,
			       "err %d, message 0x%llx 0x%x (%s)", err,
			       (unsigned long long)out.address, out.data, why);
		else
			checkf(cases[i].name, err && strstr(why, cases[i].why) &&
			       out.address == 0x1234 && out.data == 0x5678,
			       "err %d, why \"%s\"", err, why);
	}
}

/* Every data value with a fixed or lowest-priority vector to a CPU of
 * the cell: the rebuilt message carries the vector and nothing else of
 * the cell's bits. */
static void test_sweep(void)
{
	unsigned int bad = 0, taken = 0;
	u32 data;

	for (data = 0; data < 0x10000; data++) {
		struct msi_msg out;
		char why[200];

		if (msi_decide(0xfee05008, data, 1, is_cell_apic,
			       logical_match, NULL, &out, why, sizeof(why)))
			continue;
		if (out.address != 0xfee05000 || out.data != (data & 0xff) ||
		    (data & 0xff) < 32 || ((data >> 8) & 7) > 1 ||
		    (data & MSI_DATA_LEVEL))
			bad++;
		taken++;
	}
	/* 224 vectors, two delivery modes, the assert bit and the
	 * reserved bits 11-13 either way. */
	checkf("sweep.only-vector-kept", !bad && taken == 224 * 2 * 2 * 8,
	       "%u wrong of %u taken", bad, taken);
}

int main(void)
{
	sanitizers_init();
	RUN(test_cases);
	RUN(test_sweep);
	return failures ? 1 : 0;
}
