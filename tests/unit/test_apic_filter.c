/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of the APIC write filter (arch/x86/apic_filter.c): the
 * ICR decisions and the value built from them, the register table
 * (defined bits, reserved bits per view, LVT delivery modes), which
 * x2APIC MSRs a cell owns, and which LVTs exist. Every expected value is
 * typed in from the AMD APM vol. 2 chapter 16 and the x2APIC
 * specification, never computed by the code under test.
 */
#include <stdlib.h>
#include <string.h>

#include "apic_filter.h"

#include "check.h"

/* ---- ICR ---- */

struct cell {
	u32 ids[2];
	unsigned int calls;
	u32 last_id;
	bool bad_ctx;
};

static struct cell cell = { .ids = { 2, 3 } };

static bool is_cell_apic(void *ctx, u32 apic_id)
{
	struct cell *c = ctx;

	if (c != &cell) {
		cell.bad_ctx = true;
		return false;
	}
	c->calls++;
	c->last_id = apic_id;
	return apic_id == c->ids[0] || apic_id == c->ids[1];
}

#define SELF		2U
#define DEST(id)	((u64)(id) << 32)
#define SH_SELF		(1ULL << 18)
#define SH_ALL		(2ULL << 18)
#define SH_OTHERS	(3ULL << 18)
#define LOGICAL		(1ULL << 11)
#define ASSERT		(1ULL << 14)
#define LEVEL		(1ULL << 15)
#define DM(m)		((u64)(m) << 8)
#define NO_DEST		0xdeadbeefU

struct icr_case {
	const char *name;
	u64 icr;
	enum icr_action want;
	u32 dest;		/* wanted *dest, or NO_DEST not to check */
	const char *why;	/* substring of *why on ICR_REFUSE */
};

static const struct icr_case icr_cases[] = {
	{ "icr_fixed_in_cell", DEST(3) | 0x30, ICR_FORWARD, 3, NULL },
	{ "icr_fixed_self_by_id", DEST(2) | 0x30, ICR_FORWARD, 2, NULL },
	{ "icr_fixed_outside", DEST(1) | 0x30, ICR_REFUSE, NO_DEST, "outside" },
	{ "icr_fixed_shorthand_self", SH_SELF | 0x30, ICR_FORWARD, 2, NULL },
	/* With shorthand self the destination field is ignored. */
	{ "icr_fixed_shorthand_self_dest1", DEST(1) | SH_SELF | 0x30,
	  ICR_FORWARD, 2, NULL },
	{ "icr_nmi_shorthand_self", SH_SELF | DM(4), ICR_IGNORE, NO_DEST,
	  NULL },
	{ "icr_init_shorthand_self", SH_SELF | DM(5) | ASSERT, ICR_REFUSE,
	  NO_DEST, NULL },
	{ "icr_broadcast_all", SH_ALL | 0x30, ICR_ALL, NO_DEST, NULL },
	{ "icr_broadcast_others", SH_OTHERS | 0x30, ICR_ALL_BUT_SELF,
	  NO_DEST, NULL },
	/* Linux's smp_send_stop: all-but-self with a stray destination. */
	{ "icr_broadcast_others_dest6", DEST(6) | SH_OTHERS | LEVEL | 0xf8,
	  ICR_ALL_BUT_SELF, NO_DEST, NULL },
	{ "icr_broadcast_lowest", SH_ALL | DM(1) | 0x30, ICR_ALL, NO_DEST,
	  NULL },
	{ "icr_broadcast_nmi", SH_OTHERS | DM(4), ICR_IGNORE, NO_DEST, NULL },
	{ "icr_broadcast_init", SH_OTHERS | DM(5) | ASSERT, ICR_REFUSE, NO_DEST,
	  "broadcast" },
	{ "icr_broadcast_sipi", SH_ALL | DM(6) | 0x9f, ICR_REFUSE, NO_DEST,
	  "broadcast" },
	{ "icr_broadcast_smi", SH_OTHERS | DM(2), ICR_REFUSE, NO_DEST,
	  "broadcast" },
	/* Logical destinations: matched against the cell's CPUs by the
	 * caller, so the decision only carries them. */
	{ "icr_logical", DEST(3) | LOGICAL | 0x30, ICR_LOGICAL, 3, NULL },
	{ "icr_logical_x2_cluster", DEST(0x10003) | LOGICAL | 0x30,
	  ICR_LOGICAL, 0x10003, NULL },
	{ "icr_logical_lowest", DEST(0x10003) | LOGICAL | DM(1) | 0x30,
	  ICR_LOGICAL_LOWEST, 0x10003, NULL },
	{ "icr_logical_vector_31", DEST(3) | LOGICAL | 0x1f, ICR_REFUSE,
	  NO_DEST, "below 32" },
	{ "icr_logical_init", DEST(3) | LOGICAL | DM(5) | ASSERT, ICR_REFUSE,
	  NO_DEST, "logical" },
	{ "icr_logical_sipi", DEST(3) | LOGICAL | DM(6) | 0x9f, ICR_REFUSE,
	  NO_DEST, "logical" },
	{ "icr_logical_smi", DEST(3) | LOGICAL | DM(2), ICR_REFUSE, NO_DEST,
	  "logical" },
	{ "icr_init_assert", DEST(3) | DM(5) | ASSERT, ICR_INIT, 3, NULL },
	{ "icr_init_deassert", DEST(3) | DM(5) | LEVEL, ICR_IGNORE, 3, NULL },
	{ "icr_init_deassert_edge", DEST(3) | DM(5), ICR_IGNORE, 3, NULL },
	{ "icr_init_outside", DEST(1) | DM(5) | ASSERT, ICR_REFUSE, NO_DEST,
	  "outside" },
	{ "icr_sipi", DEST(3) | DM(6) | ASSERT | 0x9f, ICR_SIPI, 3, NULL },
	{ "icr_sipi_no_assert", DEST(3) | DM(6) | 0x9f, ICR_SIPI, 3, NULL },
	{ "icr_sipi_outside", DEST(1) | DM(6) | ASSERT | 0x9f, ICR_REFUSE,
	  NO_DEST, "outside" },
	{ "icr_nmi", DEST(3) | DM(4), ICR_IGNORE, NO_DEST, NULL },
	{ "icr_nmi_outside", DEST(1) | DM(4), ICR_REFUSE, NO_DEST, "outside" },
	{ "icr_smi", DEST(3) | DM(2), ICR_REFUSE, NO_DEST, "SMI" },
	{ "icr_lowest_priority", DEST(3) | DM(1) | 0x30, ICR_FORWARD, 3, NULL },
	{ "icr_lowest_priority_outside", DEST(1) | DM(1) | 0x30, ICR_REFUSE,
	  NO_DEST, "outside" },
	{ "icr_reserved_mode3", DEST(3) | DM(3) | 0x30, ICR_REFUSE, NO_DEST,
	  NULL },
	{ "icr_reserved_mode7", DEST(3) | DM(7) | 0x30, ICR_REFUSE, NO_DEST,
	  NULL },
	/* The brief's literal value: INIT assert to APIC ID 3. */
	{ "icr_dest_high_bits", 0x0000000300000000ULL | 0x4500, ICR_INIT, 3,
	  NULL },
	/* x2APIC IDs are 32 bits: 0x103 must not alias 3. */
	{ "icr_dest_not_truncated", DEST(0x103) | 0x30, ICR_REFUSE, NO_DEST,
	  "outside" },
	/* xAPIC-format destination (bits 63:56) is not APIC ID 3. */
	{ "icr_dest_xapic_format", (3ULL << 56) | 0x30, ICR_REFUSE, NO_DEST,
	  "outside" },
	/* The destination mode does not count with a shorthand: a logical
	 * self or broadcast IPI stays in the cell (the hole the review
	 * found: forwarding bit 11 made APIC ID 3's "self" IPI a logical
	 * one to CPUs 0 and 1). */
	{ "icr_logical_shorthand_self", DEST(3) | SH_SELF | LOGICAL | 0x30,
	  ICR_FORWARD, SELF, NULL },
	{ "icr_logical_shorthand_all", SH_ALL | LOGICAL | 0x30, ICR_ALL,
	  NO_DEST, NULL },
	{ "icr_logical_shorthand_others", DEST(0xff) | SH_OTHERS | LOGICAL |
	  0x30, ICR_ALL_BUT_SELF, NO_DEST, NULL },
	{ "icr_logical_nmi", DEST(3) | LOGICAL | DM(4), ICR_IGNORE, NO_DEST,
	  NULL },
	/* Vectors 0-31 are the exceptions'. */
	{ "icr_vector_31", DEST(3) | 0x1f, ICR_REFUSE, NO_DEST, "below 32" },
	{ "icr_vector_32", DEST(3) | 0x20, ICR_FORWARD, 3, NULL },
	{ "icr_self_vector_0", SH_SELF, ICR_REFUSE, NO_DEST,
	  "below 32" },
	{ "icr_broadcast_vector_15", SH_ALL | 0x0f, ICR_REFUSE, NO_DEST,
	  "below 32" },
	/* Reserved bits of the x2APIC ICR (12, 13, 16, 17, 20-31): WRMSR
	 * would #GP on hardware. */
	{ "icr_x2_reserved_bit12", DEST(3) | 1ULL << 12 | 0x30, ICR_REFUSE,
	  NO_DEST, "reserved" },
	{ "icr_x2_reserved_bit13", DEST(3) | 1ULL << 13 | 0x30, ICR_REFUSE,
	  NO_DEST, "reserved" },
	{ "icr_x2_reserved_bit17", DEST(3) | 1ULL << 17 | 0x30, ICR_REFUSE,
	  NO_DEST, "reserved" },
	{ "icr_x2_reserved_bit31", DEST(3) | 1ULL << 31 | 0x30, ICR_REFUSE,
	  NO_DEST, "reserved" },
	{ "icr_x2_level_trigger_defined", DEST(3) | ASSERT | LEVEL | 0x30,
	  ICR_FORWARD, 3, NULL },
};

/* In the xAPIC view the same reserved bits are ignored, as there. */
static const struct icr_case icr_xapic_cases[] = {
	{ "icr_xapic_reserved_bits_ignored", DEST(3) | 1ULL << 12 |
	  1ULL << 13 | 0xfff00000ULL | 0x30, ICR_FORWARD, 3, NULL },
	{ "icr_xapic_logical_self", SH_SELF | LOGICAL | 0x30, ICR_FORWARD,
	  SELF, NULL },
	{ "icr_xapic_logical", DEST(3) | LOGICAL | 0x30, ICR_LOGICAL, 3, NULL },
	/* The xAPIC's destination field has 8 bits. */
	{ "icr_xapic_logical_8_bits", DEST(0x1f04) | LOGICAL | 0x30,
	  ICR_LOGICAL, 0x04, NULL },
};

static const char *action_name(enum icr_action a)
{
	switch (a) {
	case ICR_FORWARD:
		return "FORWARD";
	case ICR_ALL:
		return "ALL";
	case ICR_ALL_BUT_SELF:
		return "ALL_BUT_SELF";
	case ICR_INIT:
		return "INIT";
	case ICR_SIPI:
		return "SIPI";
	case ICR_LOGICAL:
		return "LOGICAL";
	case ICR_LOGICAL_LOWEST:
		return "LOGICAL_LOWEST";
	case ICR_IGNORE:
		return "IGNORE";
	case ICR_REFUSE:
		return "REFUSE";
	}
	return "?";
}

static void run_icr_cases(const struct icr_case *cases, unsigned int n,
			  bool x2)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		const struct icr_case *c = &cases[i];
		struct icr_decision d = { ICR_IGNORE, NO_DEST, 0 };
		const char *why = NULL;
		enum icr_action got;

		cell.bad_ctx = false;
		got = icr_decide(c->icr, SELF, x2, is_cell_apic, &cell, &d,
				 &why);
		if (cell.bad_ctx) {
			check(c->name, false, "callback got the wrong ctx");
		} else if (got != c->want || d.action != got) {
			checkf(c->name, false, "got %s (why \"%s\"), want %s",
			       action_name(got), why ? why : "(null)",
			       action_name(c->want));
		} else if (c->dest != NO_DEST && d.dest != c->dest) {
			checkf(c->name, false, "dest %#x, want %#x", d.dest,
			       c->dest);
		} else if (got == ICR_REFUSE && !why) {
			check(c->name, false, "no why on REFUSE");
		} else if (got == ICR_REFUSE && c->why &&
			   !strstr(why, c->why)) {
			checkf(c->name, false, "why \"%s\" lacks \"%s\"", why,
			       c->why);
		} else if (got != ICR_REFUSE && d.vector != (u8)c->icr) {
			checkf(c->name, false, "vector %#x, want %#x", d.vector,
			       (u8)c->icr);
		} else {
			check(c->name, true, "");
		}
	}
}

static void test_icr_cases(void)
{
	run_icr_cases(icr_cases, BH_ARRAY_SIZE(icr_cases), true);
	run_icr_cases(icr_xapic_cases, BH_ARRAY_SIZE(icr_xapic_cases), false);
}

/* Whatever a cell writes, what is sent is built from the decision: the
 * value sent for a fixed IPI is its vector alone (no logical mode, no
 * shorthand, no level or reserved bit), its target one of the cell's
 * CPUs, and the vector 32 or more. 200,000 pseudo-random ICR values in
 * both views, with the interesting fields biased towards their edges. */
static void test_icr_rebuilt(void)
{
	u64 state = 0x9e3779b97f4a7c15ULL;
	unsigned int i, bad = 0, forwarded = 0;
	char first[160] = "";

	for (i = 0; i < 200000; i++) {
		struct icr_decision d;
		const char *why = NULL;
		u64 icr;
		u32 sent;

		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		icr = state;
		if (i & 1)	/* a destination in or near the cell */
			icr = (icr & 0xffffffffULL) | (u64)(i % 5) << 32;
		icr_decide(icr, SELF, i & 2, is_cell_apic, &cell, &d, &why);
		if (d.action != ICR_FORWARD && d.action != ICR_ALL &&
		    d.action != ICR_ALL_BUT_SELF)
			continue;
		forwarded++;
		sent = icr_fixed(d.vector);
		if (sent & ~0xffU || d.vector < 32 ||
		    d.vector != (u8)icr ||
		    (d.action == ICR_FORWARD && d.dest != 2 && d.dest != 3)) {
			if (!bad++)
				snprintf(first, sizeof(first), "ICR %#llx: "
					 "sent %#x to %#x", (unsigned long long)
					 icr, sent, d.dest);
		}
	}
	checkf("icr_rebuilt_from_decision", !bad && forwarded > 1000,
	       "%u bad of %u forwarded; first: %s", bad, forwarded, first);
}

/* The callback must be asked about the 32-bit ID in bits 63:32. */
static void test_icr_callback_id(void)
{
	const char *why = NULL;
	struct icr_decision d;

	cell.calls = 0;
	cell.last_id = NO_DEST;
	icr_decide(DEST(0x103) | 0x30, SELF, true, is_cell_apic, &cell, &d,
		   &why);
	checkf("icr_callback_sees_id", cell.calls >= 1 &&
	       cell.last_id == 0x103, "%u calls, last id %#x", cell.calls,
	       cell.last_id);
}

/* The start-up page of a SIPI comes with the decision. */
static void test_icr_sipi_vector(void)
{
	struct icr_decision d;
	const char *why = NULL;

	icr_decide(DEST(3) | DM(6) | ASSERT | 0x9f, SELF, true, is_cell_apic,
		   &cell, &d, &why);
	checkf("icr_sipi_vector", d.action == ICR_SIPI && d.vector == 0x9f &&
	       d.dest == 3, "action %s vector %#x dest %#x",
	       action_name(d.action), d.vector, d.dest);
}

/* Logical destinations, from the x2APIC specification and the APM's
 * flat and cluster models. */
struct logical_case {
	const char *name;
	u32 dest;
	bool x2;
	u32 ldr, dfr;
	bool want;
};

#define FLAT	0xffffffffU
#define CLUSTER	0x0fffffffU

static const struct logical_case logical_cases[] = {
	{ "logical_flat_bit", 0x04, false, 0x04000000, FLAT, true },
	{ "logical_flat_other_bit", 0x02, false, 0x04000000, FLAT, false },
	{ "logical_flat_several", 0x0f, false, 0x04000000, FLAT, true },
	{ "logical_flat_broadcast", 0xff, false, 0x04000000, FLAT, true },
	{ "logical_flat_ldr_zero", 0x01, false, 0, FLAT, false },
	{ "logical_cluster_same", 0x21, false, 0x23000000, CLUSTER, true },
	{ "logical_cluster_other", 0x31, false, 0x23000000, CLUSTER, false },
	{ "logical_cluster_no_bit", 0x24, false, 0x23000000, CLUSTER, false },
	{ "logical_cluster_all_clusters", 0xf2, false, 0x32000000, CLUSTER,
	  true },
	{ "logical_reserved_model", 0x04, false, 0x04000000, 0x7fffffff,
	  false },
	{ "logical_x2_same_cluster", 0x10008, true, 0x10008, 0, true },
	{ "logical_x2_other_cluster", 0x20008, true, 0x10008, 0, false },
	{ "logical_x2_no_bit", 0x10004, true, 0x10008, 0, false },
	{ "logical_x2_broadcast", 0xffffffff, true, 0x10008, 0, true },
	/* An 8-bit flat ID in an x2APIC destination means nothing. */
	{ "logical_x2_not_flat", 0x08, true, 0x10008, 0, false },
};

static void test_logical_match(void)
{
	unsigned int i;

	for (i = 0; i < BH_ARRAY_SIZE(logical_cases); i++) {
		const struct logical_case *c = &logical_cases[i];

		checkf(c->name, apic_logical_match(c->dest, c->x2, c->ldr,
						   c->dfr) == c->want,
		       "dest %#x ldr %#x dfr %#x: want %d", c->dest, c->ldr,
		       c->dfr, c->want);
	}
	/* x2APIC ID 0x25: cluster 2, bit 5. */
	checkf("x2apic_ldr", x2apic_ldr(0x25) == 0x20020 &&
	       x2apic_ldr(0) == 1 && x2apic_ldr(0x1f) == 0x18000,
	       "%#x %#x %#x", x2apic_ldr(0x25), x2apic_ldr(0),
	       x2apic_ldr(0x1f));
}

/* ---- the APIC base MSR ---- */

struct base_case {
	const char *name;
	enum apic_mode from;
	u64 val;
	bool x2_capable;
	enum apic_base_action want;
	enum apic_mode to;
	const char *why;
};

#define BASE	0xfee00000ULL
#define BSP	(1ULL << 8)
#define EXTD	(1ULL << 10)
#define EN	(1ULL << 11)
#define XM	APIC_MODE_XAPIC
#define X2	APIC_MODE_X2APIC
#define OFF	APIC_MODE_DISABLED

/* Transitions from the AMD APM vol. 2 16.3.1 and the x2APIC
 * specification 2.2 (figure "x2APIC state transitions"). */
static const struct base_case base_cases[] = {
	{ "apic_base_same_xapic", XM, BASE | BSP | EN, true, APIC_BASE_SET_MODE,
	  XM, NULL },
	{ "apic_base_xapic_to_x2apic", XM, BASE | BSP | EN | EXTD, true,
	  APIC_BASE_SET_MODE, X2, NULL },
	{ "apic_base_x2apic_to_disabled", X2, BASE | BSP, true,
	  APIC_BASE_SET_MODE, OFF, NULL },
	{ "apic_base_disabled_to_xapic", OFF, BASE | BSP | EN, true,
	  APIC_BASE_SET_MODE, XM, NULL },
	{ "apic_base_xapic_to_disabled", XM, BASE | BSP, false,
	  APIC_BASE_SET_MODE, OFF, NULL },
	{ "apic_base_same_x2apic", X2, BASE | BSP | EN | EXTD, true,
	  APIC_BASE_SET_MODE, X2, NULL },
	{ "apic_base_x2apic_to_xapic", X2, BASE | BSP | EN, true, APIC_BASE_GP,
	  X2, "disabling" },
	{ "apic_base_disabled_to_x2apic", OFF, BASE | BSP | EN | EXTD, true,
	  APIC_BASE_GP, OFF, "xAPIC mode first" },
	{ "apic_base_extd_without_en", XM, BASE | BSP | EXTD, true,
	  APIC_BASE_GP, XM, "without the APIC enabled" },
	{ "apic_base_x2apic_not_offered", XM, BASE | BSP | EN | EXTD, false,
	  APIC_BASE_GP, XM, "without the x2APIC" },
	{ "apic_base_reserved_bit0", XM, BASE | BSP | EN | 1, true,
	  APIC_BASE_GP, XM, "reserved" },
	{ "apic_base_reserved_bit9", XM, BASE | BSP | EN | 1ULL << 9, true,
	  APIC_BASE_GP, XM, "reserved" },
	{ "apic_base_reserved_bit52", XM, BASE | BSP | EN | 1ULL << 52, true,
	  APIC_BASE_GP, XM, "reserved" },
	{ "apic_base_reserved_bit63", XM, BASE | BSP | EN | 1ULL << 63, true,
	  APIC_BASE_GP, XM, "reserved" },
	{ "apic_base_move", XM, 0xfed00000ULL | BSP | EN, true,
	  APIC_BASE_UNSUPPORTED, XM, "moving the APIC" },
	{ "apic_base_move_high", XM, 1ULL << 40 | BASE | BSP | EN, true,
	  APIC_BASE_UNSUPPORTED, XM, "moving the APIC" },
	{ "apic_base_bsp_cleared", XM, BASE | EN, true, APIC_BASE_UNSUPPORTED,
	  XM, "BSP" },
};

static void test_apic_base(void)
{
	unsigned int i;

	for (i = 0; i < BH_ARRAY_SIZE(base_cases); i++) {
		const struct base_case *c = &base_cases[i];
		enum apic_mode mode = c->from;
		u64 cur = BASE | BSP | (c->from != OFF ? EN : 0) |
			  (c->from == X2 ? EXTD : 0);
		const char *why = NULL;
		enum apic_base_action got;

		got = apic_base_write(cur, c->val, c->x2_capable, &mode, &why);
		checkf(c->name, got == c->want && mode == c->to &&
		       (!c->why || (why && strstr(why, c->why))),
		       "action %d mode %d why \"%s\"; want %d, %d, \"%s\"",
		       got, mode, why ? why : "(null)", c->want, c->to,
		       c->why ? c->why : "");
	}
}

/* ---- the other registers ---- */

struct reg_case {
	const char *name;
	unsigned int reg;
	u64 val;
	bool x2;
	bool deadline;		/* caps: TSC-deadline timer */
	enum apic_write want;
	u32 out;		/* wanted value for the APIC */
	const char *why;	/* substring of the reason when refused */
};

static const struct reg_case reg_cases[] = {
	{ "reg_tpr", 0x080, 0x20, true, false, APIC_WRITE, 0x20, NULL },
	{ "reg_tpr_x2_reserved", 0x080, 0x120, true, false, APIC_REFUSED, 0,
	  "reserved bits 0x100" },
	{ "reg_tpr_xapic_reserved_dropped", 0x080, 0xffffff20, false, false,
	  APIC_WRITE, 0x20, NULL },
	{ "reg_eoi", 0x0b0, 0, true, false, APIC_WRITE, 0, NULL },
	{ "reg_eoi_x2_nonzero", 0x0b0, 1, true, false, APIC_REFUSED, 0,
	  "reserved" },
	{ "reg_eoi_xapic_any", 0x0b0, 0x12345678, false, false, APIC_WRITE, 0,
	  NULL },
	{ "reg_svr", 0x0f0, 0x1ff, true, false, APIC_WRITE, 0x1ff, NULL },
	{ "reg_svr_focus", 0x0f0, 0x3ff, true, false, APIC_WRITE, 0x3ff, NULL },
	{ "reg_svr_x2_eoi_suppress_absent", 0x0f0, 0x11ff, true, false,
	  APIC_REFUSED, 0, "reserved bits 0x1000" },
	{ "reg_svr_x2_bit31", 0x0f0, 0x800001ff, true, false, APIC_REFUSED, 0,
	  "reserved bits 0x80000000" },
	{ "reg_svr_x2_high_dword", 0x0f0, 0x1000001ffULL, true, false,
	  APIC_REFUSED, 0, "reserved bits 0x100000000" },
	{ "reg_svr_xapic_dropped", 0x0f0, 0xfffff1ff, false, false,
	  APIC_WRITE, 0x3ff & 0xfffff1ff, NULL },
	{ "reg_esr_x2_zero", 0x280, 0, true, false, APIC_WRITE, 0, NULL },
	{ "reg_esr_x2_nonzero", 0x280, 4, true, false, APIC_REFUSED, 0,
	  "reserved" },
	{ "reg_esr_xapic_arms", 0x280, 0xff, false, false, APIC_WRITE, 0,
	  NULL },
	{ "reg_tmict", 0x380, 0xffffffff, true, false, APIC_WRITE, 0xffffffff,
	  NULL },
	{ "reg_tdcr", 0x3e0, 0xb, true, false, APIC_WRITE, 0xb, NULL },
	{ "reg_tdcr_x2_bit2", 0x3e0, 0x4, true, false, APIC_REFUSED, 0,
	  "reserved bits 0x4" },
	/* Timer LVT: vector, mask, periodic; TSC-deadline only where the
	 * CPU has it; no delivery-mode field (bits 8-10 reserved). */
	{ "lvt_timer_periodic", 0x320, 0x20030, true, false, APIC_WRITE,
	  0x20030, NULL },
	{ "lvt_timer_deadline_absent", 0x320, 0x40030, true, false,
	  APIC_REFUSED, 0, "reserved bits 0x40000" },
	{ "lvt_timer_deadline_present", 0x320, 0x40030, true, true,
	  APIC_WRITE, 0x40030, NULL },
	{ "lvt_timer_smi_x2", 0x320, 0x230, true, false, APIC_REFUSED, 0,
	  "reserved bits 0x200" },
	{ "lvt_timer_nmi_x2", 0x320, 0x430, true, false, APIC_REFUSED, 0,
	  "reserved bits 0x400" },
	{ "lvt_timer_extint_xapic_fixed", 0x320, 0x730, false, false,
	  APIC_WRITE, 0x30, NULL },
	{ "lvt_timer_init_xapic_fixed", 0x320, 0x530, false, false,
	  APIC_WRITE, 0x30, NULL },
	{ "lvt_timer_vector_31", 0x320, 0x1f, true, false, APIC_REFUSED, 0,
	  ">= 32" },
	{ "lvt_timer_masked_vector_0", 0x320, 0x10000, true, false,
	  APIC_WRITE, 0x10000, NULL },
	{ "lvt_timer_status_ignored", 0x320, 0x1030, true, false, APIC_WRITE,
	  0x30, NULL },
	/* Error LVT: like the timer, without timer modes. */
	{ "lvt_error", 0x370, 0xfe, true, false, APIC_WRITE, 0xfe, NULL },
	{ "lvt_error_init_x2", 0x370, 0x5fe, true, false, APIC_REFUSED, 0,
	  "reserved bits 0x500" },
	{ "lvt_error_init_xapic_fixed", 0x370, 0x5fe, false, false,
	  APIC_WRITE, 0xfe, NULL },
	{ "lvt_error_periodic_x2", 0x370, 0x200fe, true, false, APIC_REFUSED,
	  0, "reserved bits 0x20000" },
	/* LVTs with a delivery mode: fixed or NMI only when unmasked. */
	{ "lvt_lint0_fixed_level", 0x350, 0xa030, true, false, APIC_WRITE,
	  0xa030, NULL },
	{ "lvt_lint0_extint", 0x350, 0x700, false, false, APIC_EXTINT, 0x10700,
	  "no cell has" },
	{ "lvt_lint0_linux_virtual_wire", 0x350, 0x5700, true, false,
	  APIC_EXTINT, 0x10700, "8259" },
	{ "lvt_lint1_extint", 0x360, 0x8700, false, false, APIC_EXTINT, 0x18700,
	  "ExtINT" },
	{ "lvt_timer_extint_x2", 0x320, 0x730, true, false, APIC_REFUSED, 0,
	  NULL },
	{ "lvt_lint0_extint_masked", 0x350, 0x10700, false, false, APIC_WRITE,
	  0x10700, NULL },
	{ "lvt_lint1_nmi", 0x360, 0x400, true, false, APIC_WRITE, 0x400, NULL },
	{ "lvt_lint1_smi", 0x360, 0x200, true, false, APIC_REFUSED, 0, NULL },
	{ "lvt_lint1_init", 0x360, 0x500, false, false, APIC_REFUSED, 0, NULL },
	{ "lvt_lint1_remote_irr_ignored", 0x360, 0x4400, true, false,
	  APIC_WRITE, 0x400, NULL },
	{ "lvt_perf_nmi", 0x340, 0x400, true, false, APIC_WRITE, 0x400, NULL },
	{ "lvt_perf_mode3", 0x340, 0x330, true, false, APIC_REFUSED, 0, NULL },
	{ "lvt_perf_x2_trigger_reserved", 0x340, 0x8030, true, false,
	  APIC_REFUSED, 0, "reserved bits 0x8000" },
	{ "lvt_thermal_smi", 0x330, 0x200, true, false, APIC_REFUSED, 0, NULL },
	{ "lvt_cmci_fixed", 0x2f0, 0x40, true, false, APIC_WRITE, 0x40, NULL },
	/* Registers the filter does not pass to the APIC. */
	{ "reg_icr_not_here", 0x300, 0x30, true, false, APIC_NOT_FILTERED, 0,
	  NULL },
	{ "reg_ldr_not_here", 0x0d0, 0, false, false, APIC_NOT_FILTERED, 0,
	  NULL },
	{ "reg_id_not_here", 0x020, 0, false, false, APIC_NOT_FILTERED, 0,
	  NULL },
};

static void test_reg_cases(void)
{
	unsigned int i;

	for (i = 0; i < BH_ARRAY_SIZE(reg_cases); i++) {
		const struct reg_case *c = &reg_cases[i];
		struct apic_caps caps = { c->deadline, false };
		char why[200] = "";
		u32 out = 0xdeadbeef;
		enum apic_write got;

		got = apic_write_filter(c->reg, c->val, c->x2, &caps, &out, why,
					sizeof(why));
		if (got != c->want)
			checkf(c->name, false, "got %d (why \"%s\"), want %d",
			       got, why, c->want);
		else if (got == APIC_WRITE && out != c->out)
			checkf(c->name, false, "out %#x, want %#x", out, c->out);
		else if (got == APIC_REFUSED && (!why[0] ||
			 (c->why && !strstr(why, c->why))))
			checkf(c->name, false, "why \"%s\" lacks \"%s\"", why,
			       c->why ? c->why : "(anything)");
		else
			check(c->name, true, "");
	}
}

/* SVR bit 12 exists where the version register says so. */
static void test_reg_eoi_suppression(void)
{
	struct apic_caps caps = { false, true };
	char why[200] = "";
	u32 out = 0;

	checkf("reg_svr_eoi_suppress_present",
	       apic_write_filter(0x0f0, 0x11ff, true, &caps, &out, why,
				 sizeof(why)) == APIC_WRITE && out == 0x11ff,
	       "out %#x why \"%s\"", out, why);
}

/* What goes to the APIC never has a bit the register does not define,
 * whatever the cell wrote: every register, 50,000 values, both views. */
static void test_reg_only_defined_bits(void)
{
	static const struct { unsigned int reg; u32 defined; } regs[] = {
		{ 0x080, 0xff }, { 0x0b0, 0 }, { 0x0f0, 0x3ff }, { 0x280, 0 },
		{ 0x2f0, 0x107ff }, { 0x320, 0x300ff }, { 0x330, 0x107ff },
		{ 0x340, 0x107ff }, { 0x350, 0x1a7ff }, { 0x360, 0x1a7ff },
		{ 0x370, 0x100ff }, { 0x380, 0xffffffff }, { 0x3e0, 0xb },
	};
	struct apic_caps caps = { false, false };
	u64 state = 0x243f6a8885a308d3ULL;
	unsigned int i, r, bad = 0;
	char first[160] = "";

	for (r = 0; r < BH_ARRAY_SIZE(regs); r++)
		for (i = 0; i < 50000; i++) {
			char why[200];
			u32 out = 0;

			state ^= state << 13;
			state ^= state >> 7;
			state ^= state << 17;
			if (apic_write_filter(regs[r].reg, state, i & 1, &caps,
					      &out, why, sizeof(why)) !=
			    APIC_WRITE || !(out & ~regs[r].defined))
				continue;
			if (!bad++)
				snprintf(first, sizeof(first), "reg %#x: %#llx "
					 "became %#x", regs[r].reg,
					 (unsigned long long)state, out);
		}
	checkf("reg_only_defined_bits", !bad, "%u bad; first: %s", bad, first);
}

/* ---- which LVTs exist, which MSRs a cell owns ---- */

static void test_lvt_exists(void)
{
	checkf("lvt_exists", apic_lvt_exists(0x320, 3) &&
	       apic_lvt_exists(0x350, 3) && apic_lvt_exists(0x370, 3) &&
	       !apic_lvt_exists(0x340, 3) && apic_lvt_exists(0x340, 4) &&
	       !apic_lvt_exists(0x330, 4) && apic_lvt_exists(0x330, 5) &&
	       !apic_lvt_exists(0x2f0, 5) && apic_lvt_exists(0x2f0, 6) &&
	       !apic_lvt_exists(0x380, 6) && !apic_lvt_exists(0x300, 6) &&
	       !apic_lvt_exists(0x328, 6), "a presence is wrong");
}

/* The MSRs a cell reads or writes without an exit, typed from the
 * x2APIC register map: reads of ID, version, TPR, PPR, LDR, SVR,
 * ISR/TMR/IRR, ESR, the present LVTs, the timer; writes of TPR, EOI,
 * the timer's initial count and divider. Nothing else in 0x800-0x8ff. */
static bool owned(u32 msr, bool write, unsigned int max_lvt)
{
	if (write)
		return msr == 0x808 || msr == 0x80b || msr == 0x838 ||
		       msr == 0x83e;
	switch (msr) {
	case 0x802: case 0x803: case 0x808: case 0x80a: case 0x80d:
	case 0x80f: case 0x828: case 0x832: case 0x835: case 0x836:
	case 0x837: case 0x838: case 0x839: case 0x83e:
		return true;
	case 0x82f:
		return max_lvt >= 6;
	case 0x833:
		return max_lvt >= 5;
	case 0x834:
		return max_lvt >= 4;
	default:
		return msr >= 0x810 && msr <= 0x827;
	}
}

static void test_msr_passthrough(void)
{
	unsigned int max_lvt, w, bad = 0;
	char first[120] = "";
	u32 msr;

	for (max_lvt = 3; max_lvt <= 6; max_lvt++)
		for (msr = 0x7f0; msr <= 0x90f; msr++)
			for (w = 0; w < 2; w++)
				if (apic_msr_passthrough(msr, w, max_lvt) !=
				    (msr >= 0x800 && msr <= 0x8ff &&
				     owned(msr, w, max_lvt)) && !bad++)
					snprintf(first, sizeof(first),
						 "MSR %#x %s, max LVT %u", msr,
						 w ? "write" : "read", max_lvt);
	checkf("x2apic_msr_passthrough", !bad, "%u wrong; first: %s", bad,
	       first);
	/* The ICR, self IPI and LVT writes are never the cell's. */
	check("x2apic_icr_lvt_intercepted", !apic_msr_passthrough(0x830, true, 6)
	      && !apic_msr_passthrough(0x83f, true, 6) &&
	      !apic_msr_passthrough(0x832, true, 6) &&
	      !apic_msr_passthrough(0x80f, true, 6), "an owned write");
}

/* ---- interrupt routes (IOAPIC entries, MSIs) ---- */

/* The cell's CPUs 2 and 3 by logical ID: flat xAPIC bits 0x04 and 0x08
 * (what a cell's own logical_match callback finds among its CPUs). */
static unsigned int logical_match(void *ctx, u32 dest, u32 *first)
{
	unsigned int n = 0;

	(void)ctx;
	if (dest & 0x04) {
		*first = 2;
		n++;
	}
	if (dest & 0x08) {
		if (!n)
			*first = 3;
		n++;
	}
	return n;
}

static void test_irq_route(void)
{
	static const struct {
		const char *name;
		struct irq_route_req r;
		enum irq_route_verdict want;
		u32 dest;
		const char *why;
	} cases[] = {
		{ "route.physical", { 0x41, ICR_DM_FIXED, false, 3 },
		  IRQ_ROUTE_OK, 3, "routed to APIC ID 3" },
		{ "route.lowest-physical", { 0x41, ICR_DM_LOWEST, false, 2 },
		  IRQ_ROUTE_OK, 2, NULL },
		{ "route.foreign", { 0x41, ICR_DM_FIXED, false, 1 },
		  IRQ_ROUTE_FOREIGN, 1,
		  "routed to APIC ID 1, a CPU outside the cell" },
		{ "route.broadcast", { 0x41, ICR_DM_FIXED, false, 0xff },
		  IRQ_ROUTE_BROADCAST, 0xff,
		  "routed to destination 0xff, which is every CPU (a "
		  "broadcast)" },
		{ "route.nmi", { 0x41, ICR_DM_NMI, false, 3 },
		  IRQ_ROUTE_DELIVERY, 3,
		  "with NMI delivery, which is not permitted" },
		{ "route.smi", { 0x00, ICR_DM_SMI, false, 3 },
		  IRQ_ROUTE_DELIVERY, 3, NULL },
		{ "route.extint", { 0x41, 7, false, 3 }, IRQ_ROUTE_DELIVERY, 3,
		  "with ExtINT delivery, which is not permitted" },
		{ "route.vector-31", { 31, ICR_DM_FIXED, false, 3 },
		  IRQ_ROUTE_VECTOR, 3, "with vector 31, which is reserved" },
		{ "route.vector-32", { 32, ICR_DM_FIXED, false, 3 },
		  IRQ_ROUTE_OK, 3, NULL },
		{ "route.logical-one", { 0x41, ICR_DM_FIXED, true, 0x08 },
		  IRQ_ROUTE_OK, 3, NULL },
		{ "route.logical-none", { 0x41, ICR_DM_FIXED, true, 0x03 },
		  IRQ_ROUTE_NO_CPU, 0x03,
		  "to logical destination 0x3, which names no CPU of the "
		  "cell" },
		{ "route.logical-several-fixed", { 0x41, ICR_DM_FIXED, true,
						   0xff }, IRQ_ROUTE_SEVERAL, 2,
		  "to logical destination 0xff, which names 2 CPUs of the "
		  "cell; a fixed interrupt to several CPUs is not supported" },
		/* Lowest priority: the first of them; 0xff in logical mode is
		 * every CPU of the cell, never beyond it. */
		{ "route.logical-several-lowest", { 0x41, ICR_DM_LOWEST, true,
						    0xff }, IRQ_ROUTE_OK, 2,
		  NULL },
	};
	unsigned int i, matched;
	char why[160];
	u32 dest;

	for (i = 0; i < BH_ARRAY_SIZE(cases); i++) {
		enum irq_route_verdict v = irq_route_decide(
			&cases[i].r, is_cell_apic, logical_match, &cell, &dest,
			&matched);

		irq_route_why(v, &cases[i].r, dest, matched, why, sizeof(why));
		checkf(cases[i].name, v == cases[i].want &&
		       dest == cases[i].dest &&
		       (!cases[i].why || !strcmp(why, cases[i].why)),
		       "verdict %d dest %u \"%s\" (want %d, %u)", v, dest, why,
		       cases[i].want, cases[i].dest);
	}
}

int main(void)
{
	sanitizers_init();
	RUN(test_icr_cases);
	RUN(test_icr_callback_id);
	RUN(test_icr_sipi_vector);
	RUN(test_icr_rebuilt);
	RUN(test_logical_match);
	RUN(test_apic_base);
	RUN(test_reg_cases);
	RUN(test_reg_eoi_suppression);
	RUN(test_reg_only_defined_bits);
	RUN(test_lvt_exists);
	RUN(test_msr_passthrough);
	RUN(test_irq_route);
	return failures ? 1 : 0;
}
