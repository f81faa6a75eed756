/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of the AMD IOMMU's formats (arch/x86/iommu_tables.c)
 * against the AMD I/O Virtualization Technology (IOMMU) Specification's
 * layouts: I/O page tables (walked here independently of iopt_lookup():
 * PR bit 0, NextLevel bits 11:9, address bits 51:12, IR 61, IW 62; a
 * NextLevel of 0 above level 1 is a large page), device-table entries
 * (V 0, TV 1, Mode 11:9, root 51:12, IR 61, IW 62; DomainID 79:64; IV
 * 128, IntTabLen 132:129, IRT root 179:134, IntCtl 189:188; reserved
 * bits zero), commands (opcode 127:124... in the first quadword's top
 * nibble) and event-log entries; and what an IVMD block asks of a
 * cell's DMA regions.
 *
 * Output: one line per check, `ok <name>` or `FAIL <name>: <detail>`.
 * Exit status 0 when every check passes, 1 otherwise.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <bulkhead/config.h>

#include "acpi.h"
#include "iommu_tables.h"

#include "check.h"
#include "pt_pool.h"

#define MIB2		0x200000ULL
#define GIB512		0x8000000000ULL

/* The entries met on the way to @p iova, ent[4] down to the leaf, read as
 * the specification says; returns the leaf's level, or 0 if none. */
static int walk(const u64 *root, u64 iova, u64 ent[5])
{
	const u64 *table = root;
	int l;

	memset(ent, 0, 5 * sizeof(u64));
	for (l = 4; l >= 1; l--) {
		u64 e = table[(iova >> (12 + 9 * (l - 1))) & 511];

		ent[l] = e;
		if (!(e & 1))
			return 0;
		if (!((e >> 9) & 7))
			return l;
		table = pool_to_virt(&pool, e & 0x000ffffffffff000ULL);
	}
	return 0;
}

static void test_rw_4k(void)
{
	u64 *root = new_root(), ent[5], hpa = 0, leaf;
	int l;

	check("map_4k", !iopt_map(&pa, root, 0x5000, 0x123456000ULL, PG,
				  true), "iopt_map failed");
	l = walk(root, 0x5000, ent);
	checkf("leaf_level", l == 1, "leaf at level %d", l);
	checkf("leaf_bits", ent[1] == (0x123456000ULL | 1 | (3ULL << 61)),
	       "leaf 0x%" PRIx64, ent[1]);
	for (l = 4; l >= 2; l--)
		checkf("table_bits", (ent[l] & ~0x000ffffffffff000ULL) ==
		       (1 | ((u64)(l - 1) << 9) | (3ULL << 61)),
		       "level %d entry 0x%" PRIx64, l, ent[l]);
	leaf = iopt_lookup(&pa, root, 0x5fff, &hpa);
	checkf("lookup_last_byte", leaf == ent[1] && hpa == 0x123456fffULL,
	       "leaf 0x%" PRIx64 " hpa 0x%" PRIx64, leaf, hpa);
	check("lookup_unmapped", !iopt_lookup(&pa, root, 0x6000, &hpa),
	      "0x6000 translated");
	checkf("tables", pool.allocs == 3 && !pool.bad,
	       "%u pages, %u bad addresses", pool.allocs, pool.bad);
}

static void test_read_only(void)
{
	u64 *root = new_root(), ent[5];

	check("map_ro", !iopt_map(&pa, root, 0, 0x1000, PG, false),
	      "iopt_map failed");
	walk(root, 0, ent);
	checkf("ro_leaf", ent[1] == (0x1000 | 1 | (1ULL << 61)),
	       "leaf 0x%" PRIx64, ent[1]);
}

static void test_large(void)
{
	u64 *root = new_root(), ent[5], hpa = 0;
	int l;

	/* 4 MiB aligned both sides, then a ragged 2 MiB + 8 KiB. */
	check("map_large", !iopt_map(&pa, root, 0x40000000, 0x80000000,
				     2 * MIB2, true), "iopt_map failed");
	l = walk(root, 0x40200000, ent);
	checkf("large_leaf", l == 2 && ent[2] == (0x80200000ULL | 1 |
						  (3ULL << 61)),
	       "level %d leaf 0x%" PRIx64, l, ent[2]);
	checkf("large_tables", pool.allocs == 2, "%u pages", pool.allocs);
	iopt_lookup(&pa, root, 0x403fffff, &hpa);
	checkf("large_lookup", hpa == 0x803fffffULL, "hpa 0x%" PRIx64, hpa);
	check("map_ragged", !iopt_map(&pa, root, 0x1ff000, 0x3ff000,
				      MIB2 + 2 * PG, true), "iopt_map failed");
	/* 4 KiB, then 2 MiB where both sides align, then 4 KiB */
	checkf("ragged_levels", walk(root, 0x1ff000, ent) == 1 &&
	       walk(root, 0x200000, ent) == 2 && walk(root, 0x400000, ent) == 1,
	       "levels %d %d %d", walk(root, 0x1ff000, ent),
	       walk(root, 0x200000, ent), walk(root, 0x400000, ent));
	check("ragged_no_large_misaligned",
	      !iopt_map(&pa, root, 0x600000, 0x601000, MIB2, true) &&
	      walk(root, 0x600000, ent) == 1, "large page over misalignment");
}

static void test_high_and_limits(void)
{
	u64 *root = new_root(), hpa = 0;

	check("map_512g", !iopt_map(&pa, root, GIB512 + PG, 0x7000, PG, true)
	      && iopt_lookup(&pa, root, GIB512 + PG, &hpa) && hpa == 0x7000,
	      "512 GiB");
	check("limit_iova", iopt_map(&pa, root, IOPT_LIMIT, 0, PG, true) == -3,
	      "an address beyond mode 4 mapped");
	check("limit_size", iopt_map(&pa, root, IOPT_LIMIT - PG, 0, 2 * PG,
				     true) == -3, "a region past mode 4 mapped");
	check("misaligned", iopt_map(&pa, root, 0x800, 0, PG, true) == -3,
	      "misaligned iova mapped");
	check("hpa_range", iopt_map(&pa, root, 0, 1ULL << 52, PG, true) == -3,
	      "hpa beyond 52 bits mapped");
	check("lookup_beyond", !iopt_lookup(&pa, root, IOPT_LIMIT, &hpa),
	      "lookup beyond mode 4");
}

static void test_overlap_and_corrupt(void)
{
	u64 *root = new_root(), ent[5], hpa;

	check("large_first", !iopt_map(&pa, root, 0, 0, MIB2, true), "map");
	check("double_large", iopt_map(&pa, root, 0, 0, MIB2, true) == -2,
	      "mapped twice");
	check("small_in_large", iopt_map(&pa, root, 0x1000, 0x9000, PG,
					 true) == -2, "4 KiB inside 2 MiB");
	check("large_intact", walk(root, 0x1000, ent) == 2 &&
	      ent[2] == (1 | (3ULL << 61)), "the large page changed");
	/* A table entry whose NextLevel skips a level: not followed. */
	root = new_root();
	iopt_map(&pa, root, 0, 0x5000, PG, true);
	root[0] = (root[0] & ~(7ULL << 9)) | (2ULL << 9);
	check("lookup_bad_next", !iopt_lookup(&pa, root, 0, &hpa),
	      "a skipped level was followed");
}

static void test_alloc_failure(void)
{
	u64 *root = new_root();

	pool.limit = 2;
	check("no_memory", iopt_map(&pa, root, 0, 0, PG, true) == -1,
	      "a dry pool went unnoticed");
}

static void test_dte(void)
{
	struct iommu_dte d;

	memset(&d, 0xa5, sizeof(d));
	iommu_dte_blocked(&d);
	checkf("dte_blocked", d.q[0] == 3 && !d.q[1] && d.q[2] == 1 && !d.q[3],
	       "%" PRIx64 " %" PRIx64 " %" PRIx64 " %" PRIx64, d.q[0], d.q[1],
	       d.q[2], d.q[3]);
	iommu_dte_translated(&d, 0x12345000, 7, 0, 0);
	checkf("dte_translated", d.q[0] == (3 | (4ULL << 9) | 0x12345000 |
					    (3ULL << 61)) && d.q[1] == 7 &&
	       !d.q[2] && !d.q[3],
	       "%" PRIx64 " %" PRIx64 " %" PRIx64, d.q[0], d.q[1], d.q[2]);
	/* bits 2-7 and 63 of q0 reserved */
	check("dte_reserved", !(d.q[0] & 0x80000000000000fcULL), "reserved");
	iommu_dte_translated(&d, 0x12345000, 7, 0xabcdef00ULL, 11);
	checkf("dte_irt", d.q[2] == (1 | (11ULL << 1) | 0xabcdef00ULL |
				     (2ULL << 60)),
	       "q2 %" PRIx64, d.q[2]);
}

/* The 32-bit IRTE of the specification's "Interrupt Remapping Table
 * Entry (IRTE) for Remapped Interrupts with GuestMode=0": RemapEn bit
 * 0, SupIOPF 1, IntType 4:2, RqEoi 5, DM 6, GuestMode 7, Destination
 * 15:8, Vector 23:16, reserved 31:24. */
static void test_irte(void)
{
	u32 e = iommu_irte_fixed(0x41, 2);

	checkf("irte_fixed", e == 0x00410201u, "%x", e);
	e = iommu_irte_fixed(0xff, 0xfe);
	checkf("irte_limits", e == 0x00fffe01u, "%x", e);
	check("irte_no_guest_mode_no_dm_no_reserved",
	      !(e & (0xff000000u | 0xe0u | 0x1cu | 0x2u)), "stray bits");
	check("irt_entries", IRT_ENTRIES == 2048 && IRT_ORDER == 11,
	      "the table indexed by data bits 10:0");
}

struct seen {
	u32 n;
	u16 devid[8];
};

static void collect(void *ctx, const struct iommu_event *e)
{
	struct seen *s = ctx;

	if (s->n < 8)
		s->devid[s->n] = e->devid;
	s->n++;
}

/* The log from head to tail, wrapping; nothing read where either
 * register is not at an entry of the log. */
static void test_events_drain(void)
{
	static u64 log[4 * 2];
	struct seen s;
	u32 i, head;

	for (i = 0; i < 4; i++) {
		log[2 * i] = (0x2ULL << 60) | (0x10 + i);
		log[2 * i + 1] = 0x1000 * i;
	}
	memset(&s, 0, sizeof(s));
	head = iommu_events_drain(log, sizeof(log), 16, 48, collect, &s);
	checkf("events_in_order", head == 48 && s.n == 2 &&
	       s.devid[0] == 0x11 && s.devid[1] == 0x12, "head %u, %u events",
	       head, s.n);
	memset(&s, 0, sizeof(s));
	head = iommu_events_drain(log, sizeof(log), 48, 16, collect, &s);
	checkf("events_wrap", head == 16 && s.n == 2 && s.devid[0] == 0x13 &&
	       s.devid[1] == 0x10, "head %u, %u events", head, s.n);
	memset(&s, 0, sizeof(s));
	head = iommu_events_drain(log, sizeof(log), 32, 32, collect, &s);
	check("events_none", head == 32 && !s.n, "an empty log gave events");
	head = iommu_events_drain(log, sizeof(log), 16, 40, collect, &s);
	check("events_misaligned_tail", head == 16 && !s.n,
	      "a tail inside an entry was followed");
	head = iommu_events_drain(log, sizeof(log), 16, 64, collect, &s);
	check("events_tail_beyond", head == 16 && !s.n,
	      "a tail beyond the log was followed");
	check("event_ptr_mask", EVENT_PTR_MASK == 0x7fff0u,
	      "Event Log Head/Tail offset bits 18:4");
}

static void test_commands(void)
{
	struct iommu_cmd c;
	struct iommu_event e;
	static const u64 fault[2] = {
		(0x2ULL << 60) | (0x020ULL << 48) | (7ULL << 32) | 0x0080,
		0xdead000
	};

	iommu_cmd_completion_wait(&c, 0x7654320, 0x1122334455667788ULL);
	checkf("cmd_completion_wait", c.q[0] == ((1ULL << 60) | 0x7654321) &&
	       c.q[1] == 0x1122334455667788ULL, "%" PRIx64, c.q[0]);
	iommu_cmd_inv_dte(&c, 0x0080);
	check("cmd_inv_dte", c.q[0] == ((2ULL << 60) | 0x80) && !c.q[1],
	      "INVALIDATE_DEVTAB_ENTRY");
	iommu_cmd_inv_domain(&c, 3);
	checkf("cmd_inv_domain", c.q[0] == ((3ULL << 60) | (3ULL << 32)) &&
	       c.q[1] == 0x7ffffffffffff003ULL, "%" PRIx64 " %" PRIx64,
	       c.q[0], c.q[1]);
	iommu_cmd_inv_all(&c);
	check("cmd_inv_all", c.q[0] == (8ULL << 60) && !c.q[1],
	      "INVALIDATE_IOMMU_ALL");
	iommu_cmd_inv_irt(&c, 0x00a0);
	check("cmd_inv_irt", c.q[0] == ((5ULL << 60) | 0xa0) && !c.q[1],
	      "INVALIDATE_INTERRUPT_TABLE");
	{
		u64 raw[2];

		iommu_event_decode(fault, &e);
		iommu_event_encode(&e, raw);
		checkf("event_encode_inverse", raw[0] == fault[0] &&
		       raw[1] == fault[1], "%" PRIx64 " %" PRIx64, raw[0],
		       raw[1]);
	}
	iommu_event_decode(fault, &e);
	checkf("event_decode", e.code == EVENT_IO_PAGE_FAULT &&
	       e.devid == 0x80 && e.domain == 7 &&
	       e.flags == EVENT_FLAG_WRITE && e.address == 0xdead000,
	       "code %u devid %x domain %u flags %x", e.code, e.devid,
	       e.domain, e.flags);
	check("event_name", !strcmp(iommu_event_name(2), "I/O page fault") &&
	      !strcmp(iommu_event_name(0), "unknown event") &&
	      !strcmp(iommu_event_name(15), "unknown event"), "names");
}

/* A cell's regions: RAM identity-mapped for DMA at 1-3 MiB (read-only
 * at 2-3 MiB), its RAM at guest 0 elsewhere for DMA, and identity-mapped
 * memory that is not for DMA at 8 MiB. */
static const struct bh_memory ivmd_mem[] = {
	{ 0x100000, 0x100000, 0x100000, BH_MEM_READ | BH_MEM_WRITE |
	  BH_MEM_DMA },
	{ 0x200000, 0x200000, 0x100000, BH_MEM_READ | BH_MEM_DMA },
	{ 0x4000000, 0, 0x100000, BH_MEM_READ | BH_MEM_WRITE | BH_MEM_DMA },
	{ 0x800000, 0x800000, 0x100000, BH_MEM_READ | BH_MEM_WRITE },
};

static bool met(u64 start, u64 length, u8 flags, u16 first, u16 last)
{
	struct acpi_ivrs_ivmd m = { start, length, first, last, 0x22, flags };

	return iommu_ivmd_met(&m, 0x80, ivmd_mem, BH_ARRAY_SIZE(ivmd_mem));
}

static void test_ivmd(void)
{
	const u8 unity = ACPI_IVMD_UNITY | ACPI_IVMD_IR;

	check("ivmd.other_function", met(0x0, 0x1000, unity, 0x81, 0xffff),
	      "a block for 0x81-0xffff asks nothing of 0x80");
	check("ivmd.asks_nothing", met(0x0, 0x1000, ACPI_IVMD_IR, 0, 0xffff),
	      "neither unity nor exclusion");
	check("ivmd.identity_read", met(0x180000, 0x1000, unity, 0x80, 0x80),
	      "inside the identity DMA region");
	check("ivmd.across_regions", met(0x1ff000, 0x2000, unity, 0, 0xffff),
	      "across the two identity DMA regions");
	check("ivmd.partial_pages", met(0x100800, 0x100, unity, 0x80, 0x80),
	      "a range within a page");
	check("ivmd.write_refused_read_only",
	      !met(0x200000, 0x1000, unity | ACPI_IVMD_IW, 0x80, 0x80),
	      "writes asked where the DMA region is read-only");
	check("ivmd.write_met", met(0x100000, 0x100000, unity | ACPI_IVMD_IW,
				    0x80, 0x80), "writable identity region");
	check("ivmd.not_identity", !met(0x0, 0x1000, unity, 0x80, 0x80),
	      "guest 0 is host 0x4000000: not one to one");
	check("ivmd.not_dma", !met(0x800000, 0x1000, unity, 0x80, 0x80),
	      "identity-mapped but not a DMA region");
	check("ivmd.past_the_end", !met(0x2ff000, 0x2000, unity, 0x80, 0x80),
	      "runs past the last identity DMA region");
	check("ivmd.exclusion", !met(0x900000, 0x1000, ACPI_IVMD_EXCLUSION,
				     0x80, 0x80),
	      "an exclusion range outside the cell");
	check("ivmd.wraps", !met(0xfffffffffffff000ULL, 0x2000, unity, 0x80,
				 0x80), "a range that wraps around");
	check("ivmd.last_page", !met(0xfffffffffffff800ULL, 0x100, unity,
				     0x80, 0x80),
	      "a range in the last page, whose end rounds up past 2^64");
	check("ivmd.exclusion_writable",
	      !met(0x200000, 0x1000, ACPI_IVMD_EXCLUSION, 0x80, 0x80) &&
	      met(0x100000, 0x1000, ACPI_IVMD_EXCLUSION, 0x80, 0x80),
	      "an exclusion range is read and written: a writable region");
}

int main(void)
{
	sanitizers_init();
	RUN(test_rw_4k);
	RUN(test_read_only);
	RUN(test_large);
	RUN(test_high_and_limits);
	RUN(test_overlap_and_corrupt);
	RUN(test_alloc_failure);
	RUN(test_dte);
	RUN(test_irte);
	RUN(test_commands);
	RUN(test_events_drain);
	RUN(test_ivmd);
	if (failures) {
		printf("%d check(s) failed\n", failures);
		return 1;
	}
	return 0;
}
