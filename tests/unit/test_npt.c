/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Host unit test of the nested-page-table builder (arch/x86/npt.c).
 *
 * Table pages come from a static pool of 4 KiB pages whose "physical"
 * addresses are the pool offset plus a fake base, so a builder that stores
 * host pointers instead of to_phys() results, or follows entries without
 * to_virt(), is caught; the allocator can be told to run dry after N pages.
 *
 * Checked: translation of the first and last byte of a 4 KiB page and the
 * leaf and intermediate entry bits (walked here independently of
 * npt_lookup()); the rights mapping of NPT_READ/WRITE/EXEC; that a region
 * without NPT_READ maps and allocates nothing; a 1 MiB inmate at gpa 0;
 * NPT_HUGE with aligned, misaligned and ragged regions; addresses above
 * 4 GiB and 512 GiB; refusal of double mappings and of a 4 KiB page inside
 * a 2 MiB one (which must stay intact); allocation failure; and the
 * minimal number of table pages.
 *
 * Output: one line per check, `ok <name>` or `FAIL <name>: <detail>`.
 * Exit status 0 when every check passes, 1 otherwise.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "npt.h"

#include "check.h"

#define PG		0x1000ULL
#define MIB1		0x100000ULL
#define MIB2		0x200000ULL
#define GIB1		0x40000000ULL
#define GIB4		0x100000000ULL
#define GIB512		0x8000000000ULL
#define TABLE_BITS	(PTE_P | PTE_RW | PTE_US)

#include "pt_pool.h"

/* ---- independent walker ---- */

static unsigned int idx(u64 addr, int level)
{
	return (addr >> (12 + 9 * (level - 1))) & 511;
}

/*
 * The entries met on the way to @p gpa: ent[4] (PML4E) down to ent[level].
 * Stops early (leaving 0s) at a missing table or at a PS entry.
 * @return the entry at @p level, or 0.
 */
static u64 walk(const u64 *root, u64 gpa, int level, u64 ent[5])
{
	const u64 *table = root;
	int l;

	memset(ent, 0, 5 * sizeof(*ent));
	for (l = 4; l >= level; l--) {
		ent[l] = table[idx(gpa, l)];
		if (l == level)
			return ent[l];
		if (!(ent[l] & PTE_P) || (ent[l] & PTE_PS))
			return 0;
		table = pool_to_virt(&pool, ent[l] & PTE_ADDR_MASK);
	}
	return 0;
}

struct tree {
	unsigned int leaves_4k;
	unsigned int leaves_2m;
	unsigned int leaves_other;	/* PS above level 2 */
	unsigned int bad_tables;	/* intermediate entry bits not P|RW|US */
	unsigned int tables;		/* table pages below the root */
};

static void scan(const u64 *table, int level, struct tree *t)
{
	unsigned int i;

	for (i = 0; i < 512; i++) {
		u64 e = table[i];

		if (!(e & PTE_P))
			continue;
		if (level == 1) {
			t->leaves_4k++;
		} else if (e & PTE_PS) {
			if (level == 2)
				t->leaves_2m++;
			else
				t->leaves_other++;
		} else {
			if ((e & ~PTE_ADDR_MASK) != TABLE_BITS)
				t->bad_tables++;
			t->tables++;
			scan(pool_to_virt(&pool, e & PTE_ADDR_MASK), level - 1,
			     t);
		}
	}
}

static struct tree scan_root(const u64 *root)
{
	struct tree t = { 0, 0, 0, 0, 0 };

	scan(root, 4, &t);
	return t;
}

/* Whether @p gpa translates to @p want through npt_lookup(). */
static bool translates(const u64 *root, u64 gpa, u64 want, u64 *got)
{
	u64 hpa = ~0ULL;

	*got = hpa;
	if (!npt_lookup(&pa, root, gpa, &hpa))
		return false;
	*got = hpa;
	return hpa == want;
}

/* Check a list of offsets of a region [gpa, ...) -> [hpa, ...). */
static void check_offsets(const char *name, const u64 *root, u64 gpa,
			  u64 hpa, const u64 *offs, unsigned int n)
{
	unsigned int i;
	u64 got = 0;

	for (i = 0; i < n; i++) {
		if (!translates(root, gpa + offs[i], hpa + offs[i], &got))
			break;
	}
	if (i < n)
		checkf(name, false, "gpa %#" PRIx64 " -> %#" PRIx64
		       ", want %#" PRIx64, gpa + offs[i], got, hpa + offs[i]);
	else
		check(name, true, "");
}

static bool unmapped(const u64 *root, u64 gpa)
{
	u64 hpa = 0;

	return npt_lookup(&pa, root, gpa, &hpa) == 0;
}

static void check_pool(const char *name)
{
	checkf(name, pool.bad == 0,
	       "%u table addresses outside the pool were used", pool.bad);
}

/* ---- tests ---- */

static void test_rwx_4k(void)
{
	const u64 gpa = 0x5000, hpa = 0x12345000;
	u64 *root = new_root();
	u64 ent[5], leaf, got = 0;
	int ret, l;
	bool tables_ok = true;

	ret = npt_map(&pa, root, gpa, hpa, PG,
		      NPT_READ | NPT_WRITE | NPT_EXEC);
	checkf("rwx4k_ret", ret == 0, "npt_map returned %d", ret);
	checkf("rwx4k_first_byte", translates(root, gpa, hpa, &got),
	       "got %#" PRIx64, got);
	checkf("rwx4k_last_byte",
	       translates(root, gpa + PG - 1, hpa + PG - 1, &got),
	       "got %#" PRIx64, got);

	leaf = walk(root, gpa, 1, ent);
	checkf("rwx4k_leaf_addr", (leaf & PTE_ADDR_MASK) == hpa,
	       "leaf %#" PRIx64, leaf);
	checkf("rwx4k_leaf_bits",
	       (leaf & (PTE_P | PTE_RW | PTE_US)) == (PTE_P | PTE_RW | PTE_US) &&
	       !(leaf & (PTE_NX | PTE_PS)),
	       "leaf %#" PRIx64, leaf);
	checkf("rwx4k_lookup_returns_leaf",
	       npt_lookup(&pa, root, gpa + 0x123, &got) == leaf,
	       "lookup %#" PRIx64 " vs walked %#" PRIx64,
	       npt_lookup(&pa, root, gpa + 0x123, &got), leaf);
	for (l = 4; l >= 2; l--) {
		if ((ent[l] & ~PTE_ADDR_MASK) != TABLE_BITS)
			tables_ok = false;
	}
	checkf("rwx4k_table_bits", tables_ok,
	       "PML4E %#" PRIx64 " PDPTE %#" PRIx64 " PDE %#" PRIx64,
	       ent[4], ent[3], ent[2]);
	checkf("rwx4k_table_addrs_phys",
	       (ent[4] & PTE_ADDR_MASK) >= FAKE_BASE &&
	       (ent[3] & PTE_ADDR_MASK) >= FAKE_BASE &&
	       (ent[2] & PTE_ADDR_MASK) >= FAKE_BASE,
	       "table entries do not hold to_phys() addresses");
	check("rwx4k_neighbours_unmapped",
	      unmapped(root, gpa - 1) && unmapped(root, gpa + PG),
	      "the page before or after is mapped");
	checkf("rwx4k_alloc_minimal", pool.allocs == 3,
	       "%u table pages allocated, want 3 (PDPT, PD, PT)",
	       pool.allocs);
	check_pool("rwx4k_pool");
}

static void test_rights(void)
{
	static const struct {
		const char *name;
		unsigned int flags;
		u64 want;
	} cases[] = {
		{ "rights_r", NPT_READ, PTE_P | PTE_US | PTE_NX },
		{ "rights_rw", NPT_READ | NPT_WRITE,
		  PTE_P | PTE_US | PTE_RW | PTE_NX },
		{ "rights_rx", NPT_READ | NPT_EXEC, PTE_P | PTE_US },
		/* device memory (a PCI BAR): uncached, PAT entry 3 */
		{ "rights_rw_uncached", NPT_READ | NPT_WRITE | NPT_UNCACHED,
		  PTE_P | PTE_US | PTE_RW | PTE_NX | PTE_PWT | PTE_PCD },
	};
	const u64 mask = PTE_P | PTE_RW | PTE_US | PTE_PS | PTE_NX | PTE_PWT |
			 PTE_PCD;
	unsigned int i;

	for (i = 0; i < BH_ARRAY_SIZE(cases); i++) {
		u64 *root = new_root();
		u64 ent[5], leaf;
		int ret;

		ret = npt_map(&pa, root, 0x7000, 0x9000, PG, cases[i].flags);
		leaf = walk(root, 0x7000, 1, ent);
		checkf(cases[i].name,
		       ret == 0 && (leaf & mask) == cases[i].want &&
		       (leaf & PTE_ADDR_MASK) == 0x9000,
		       "ret %d, leaf %#" PRIx64 ", want bits %#" PRIx64,
		       ret, leaf, cases[i].want);
	}
}

static void test_no_read(void)
{
	u64 *root = new_root();
	struct tree t;
	u64 hpa = 0;
	int ret;

	ret = npt_map(&pa, root, 0, 0x200000, 4 * MIB2,
		      NPT_WRITE | NPT_EXEC | NPT_HUGE);
	t = scan_root(root);
	checkf("noread_ret", ret == 0, "npt_map returned %d", ret);
	checkf("noread_nothing_mapped",
	       npt_lookup(&pa, root, 0, &hpa) == 0 &&
	       npt_lookup(&pa, root, MIB2, &hpa) == 0 &&
	       t.leaves_4k + t.leaves_2m + t.tables == 0,
	       "%u tables, %u + %u leaves", t.tables, t.leaves_4k,
	       t.leaves_2m);
	checkf("noread_no_alloc", pool.allocs == 0, "%u pages allocated",
	       pool.allocs);
}

static void test_inmate_1m(void)
{
	static const u64 offs[] = { 0, 0xfff, 0x1000, 0x7c00, 0x9fffe,
				    0xb8000, 0xf0000, 0xfffff };
	const u64 hpa = 0x10000000;
	u64 *root = new_root();
	struct tree t;
	int ret;

	ret = npt_map(&pa, root, 0, hpa, MIB1,
		      NPT_READ | NPT_WRITE | NPT_EXEC);
	checkf("inmate_ret", ret == 0, "npt_map returned %d", ret);
	t = scan_root(root);
	checkf("inmate_256_leaves",
	       t.leaves_4k == 256 && t.leaves_2m == 0 && !t.leaves_other,
	       "%u 4 KiB + %u 2 MiB + %u other leaves", t.leaves_4k,
	       t.leaves_2m, t.leaves_other);
	check_offsets("inmate_translations", root, 0, hpa, offs,
		      BH_ARRAY_SIZE(offs));
	check("inmate_end_unmapped", unmapped(root, MIB1),
	      "gpa 0x100000 is mapped");
	checkf("inmate_tables", t.tables == 3 && t.bad_tables == 0 &&
	       pool.allocs == 3,
	       "%u tables (%u with wrong bits), %u allocated", t.tables,
	       t.bad_tables, pool.allocs);
	check_pool("inmate_pool");
}

static void test_huge_6m(void)
{
	static const u64 offs[] = { 0, 0x1234, MIB2 - 1, MIB2, 0x345678,
				    3 * MIB2 - 1 };
	const u64 gpa = GIB1, hpa = 0x80000000;
	u64 *root = new_root();
	u64 ent[5], got = 0, e;
	struct tree t;
	bool all_ps = true;
	int ret, i;

	ret = npt_map(&pa, root, gpa, hpa, 3 * MIB2,
		      NPT_READ | NPT_WRITE | NPT_EXEC | NPT_HUGE);
	checkf("huge6m_ret", ret == 0, "npt_map returned %d", ret);
	t = scan_root(root);
	checkf("huge6m_three_2m_leaves",
	       t.leaves_2m == 3 && t.leaves_4k == 0 && !t.leaves_other,
	       "%u 2 MiB + %u 4 KiB leaves", t.leaves_2m, t.leaves_4k);
	for (i = 0; i < 3; i++) {
		e = walk(root, gpa + i * MIB2, 2, ent);
		if ((e & (PTE_P | PTE_PS)) != (PTE_P | PTE_PS) ||
		    (e & PTE_ADDR_MASK) != hpa + i * MIB2 || (e & PTE_NX))
			all_ps = false;
	}
	check("huge6m_leaf_bits", all_ps,
	      "a 2 MiB leaf lacks P/PS, has NX or the wrong address");
	check_offsets("huge6m_translations", root, gpa, hpa, offs,
		      BH_ARRAY_SIZE(offs));
	e = npt_lookup(&pa, root, gpa + 0x1234, &got);
	checkf("huge6m_lookup_ps", (e & PTE_PS) != 0,
	       "npt_lookup returned %#" PRIx64, e);
	check("huge6m_end_unmapped",
	      unmapped(root, gpa + 3 * MIB2) && unmapped(root, gpa - 1),
	      "a page outside the region is mapped");
	checkf("huge6m_alloc_minimal", pool.allocs == 2,
	       "%u pages allocated, want 2 (PDPT, PD)", pool.allocs);
	check_pool("huge6m_pool");
}

static void test_huge_misaligned(void)
{
	static const u64 offs[] = { 0, 0xfff, 0x1000, 0x123456, MIB2 - 1 };
	const u64 gpa = MIB2, hpa = 0x80001000;
	u64 *root = new_root();
	struct tree t;
	int ret;

	ret = npt_map(&pa, root, gpa, hpa, MIB2,
		      NPT_READ | NPT_WRITE | NPT_HUGE);
	t = scan_root(root);
	checkf("hugemis_4k_only",
	       ret == 0 && t.leaves_2m == 0 && t.leaves_4k == 512,
	       "ret %d, %u 2 MiB + %u 4 KiB leaves", ret, t.leaves_2m,
	       t.leaves_4k);
	check_offsets("hugemis_translations", root, gpa, hpa, offs,
		      BH_ARRAY_SIZE(offs));

	/* The same with the gpa misaligned instead. */
	root = new_root();
	ret = npt_map(&pa, root, MIB2 + PG, 0x80000000, MIB2,
		      NPT_READ | NPT_HUGE);
	t = scan_root(root);
	checkf("hugemis_gpa_4k_only",
	       ret == 0 && t.leaves_2m == 0 && t.leaves_4k == 512,
	       "ret %d, %u 2 MiB + %u 4 KiB leaves", ret, t.leaves_2m,
	       t.leaves_4k);
	check_pool("hugemis_pool");
}

static void test_huge_ragged(void)
{
	static const u64 offs[] = { 0, MIB2 - 1, MIB2, MIB2 + 0xfff,
				    MIB2 + 0x1000, MIB2 + 0x1fff };
	const u64 gpa = 2 * MIB2, hpa = 0x80000000;
	u64 *root = new_root();
	u64 ent[5], e;
	struct tree t;
	int ret;

	ret = npt_map(&pa, root, gpa, hpa, MIB2 + 2 * PG,
		      NPT_READ | NPT_WRITE | NPT_EXEC | NPT_HUGE);
	t = scan_root(root);
	checkf("ragged_1_huge_2_small",
	       ret == 0 && t.leaves_2m == 1 && t.leaves_4k == 2,
	       "ret %d, %u 2 MiB + %u 4 KiB leaves", ret, t.leaves_2m,
	       t.leaves_4k);
	e = walk(root, gpa, 2, ent);
	checkf("ragged_huge_first", (e & PTE_PS) &&
	       (e & PTE_ADDR_MASK) == hpa, "PDE %#" PRIx64, e);
	check_offsets("ragged_translations", root, gpa, hpa, offs,
		      BH_ARRAY_SIZE(offs));
	check("ragged_end_unmapped", unmapped(root, gpa + MIB2 + 2 * PG),
	      "the page after the region is mapped");
	checkf("ragged_alloc_minimal", pool.allocs == 3,
	       "%u pages allocated, want 3 (PDPT, PD, PT)", pool.allocs);
	check_pool("ragged_pool");
}

static void test_high(void)
{
	static const u64 offs[] = { 0, 0xfff, 0x1000, 0x1fff };
	static const u64 hoffs[] = { 0, 0x1234, MIB2 - 1 };
	const u64 g4 = GIB4 + 0x3000, g512 = GIB512 + 0x5000;
	const u64 g512h = GIB512 + 7 * GIB1 + 5 * MIB2;
	const u64 gtop = 0xffffffffe000ULL;
	u64 *root = new_root();
	u64 ent[5], got = 0;
	unsigned int before;
	int ret;

	ret = npt_map(&pa, root, 0, 0x1000000, PG, NPT_READ);
	before = pool.allocs;
	ret |= npt_map(&pa, root, g4, 0x2000000, 2 * PG, NPT_READ);
	checkf("high_4g_ret", ret == 0, "npt_map returned %d", ret);
	checkf("high_4g_new_pdpte", pool.allocs - before == 2,
	       "%u pages allocated, want 2 (PD, PT)", pool.allocs - before);
	check_offsets("high_4g_translations", root, g4, 0x2000000, offs,
		      BH_ARRAY_SIZE(offs));

	before = pool.allocs;
	ret = npt_map(&pa, root, g512, 0x3000000, 2 * PG,
		      NPT_READ | NPT_WRITE);
	checkf("high_512g_ret", ret == 0, "npt_map returned %d", ret);
	walk(root, g512, 1, ent);
	checkf("high_512g_new_pml4e",
	       idx(g512, 4) == 1 && (ent[4] & ~PTE_ADDR_MASK) == TABLE_BITS &&
	       pool.allocs - before == 3,
	       "PML4E[1] %#" PRIx64 ", %u pages allocated, want 3",
	       ent[4], pool.allocs - before);
	check_offsets("high_512g_translations", root, g512, 0x3000000, offs,
		      BH_ARRAY_SIZE(offs));

	ret = npt_map(&pa, root, g512h, 0x40000000ULL * 3, MIB2,
		      NPT_READ | NPT_HUGE);
	checkf("high_512g_huge",
	       ret == 0 && (walk(root, g512h, 2, ent) & PTE_PS),
	       "ret %d, PDE %#" PRIx64, ret, ent[2]);
	check_offsets("high_512g_huge_translations", root, g512h,
		      0x40000000ULL * 3, hoffs, BH_ARRAY_SIZE(hoffs));

	ret = npt_map(&pa, root, gtop, 0x4000000, 2 * PG, NPT_READ);
	check_offsets("high_top_of_48bit", root, gtop, 0x4000000, offs,
		      BH_ARRAY_SIZE(offs));
	checkf("high_top_ret", ret == 0 && idx(gtop, 4) == 511,
	       "npt_map returned %d", ret);

	check("high_low_still_there",
	      translates(root, 0x123, 0x1000123, &got) &&
	      unmapped(root, GIB4) && unmapped(root, GIB512) &&
	      unmapped(root, g4 + 2 * PG),
	      "mappings disturbed each other");
	check_pool("high_pool");
}

static void test_overlap(void)
{
	const u64 hg = 4 * MIB2, hh = 0x80000000;
	u64 *root = new_root();
	u64 ent[5], pde_before, pde_after, got = 0;
	unsigned int before;
	struct tree t;
	int ret;

	ret = npt_map(&pa, root, 0x5000, 0x9000, PG, NPT_READ);
	ret = ret ? ret : npt_map(&pa, root, 0x5000, 0xa000, PG,
				  NPT_READ | NPT_WRITE);
	checkf("overlap_same_page", ret == -2, "npt_map returned %d", ret);
	checkf("overlap_same_page_intact",
	       translates(root, 0x5000, 0x9000, &got) &&
	       !(walk(root, 0x5000, 1, ent) & PTE_RW),
	       "page now maps %#" PRIx64 ", leaf %#" PRIx64, got, ent[1]);

	/* A range that starts on the mapped page (the map is not atomic). */
	ret = npt_map(&pa, root, 0x5000, 0xb000, 4 * PG, NPT_READ);
	checkf("overlap_range", ret == -2, "npt_map returned %d", ret);

	/* A 2 MiB page over a region that already has a page table. */
	ret = npt_map(&pa, root, 0, hh, MIB2, NPT_READ | NPT_HUGE);
	checkf("overlap_huge_over_table", ret == -2,
	       "npt_map returned %d", ret);
	check("overlap_huge_over_table_intact",
	      translates(root, 0x5000, 0x9000, &got) &&
	      !(walk(root, 0, 2, ent) & PTE_PS),
	      "the page table was replaced");

	/* A 4 KiB page inside a 2 MiB page. */
	ret = npt_map(&pa, root, hg, hh, MIB2, NPT_READ | NPT_HUGE);
	checkf("overlap_huge_ret", ret == 0, "npt_map returned %d", ret);
	ret = npt_map(&pa, root, hg, hh, MIB2, NPT_READ | NPT_HUGE);
	checkf("overlap_huge_twice", ret == -2, "npt_map returned %d", ret);
	pde_before = walk(root, hg, 2, ent);
	before = pool.allocs;
	ret = npt_map(&pa, root, hg + 0x10000, 0xc000, PG,
		      NPT_READ | NPT_WRITE | NPT_EXEC);
	pde_after = walk(root, hg, 2, ent);
	checkf("overlap_4k_in_huge_refused", ret == -2,
	       "npt_map returned %d", ret);
	checkf("overlap_4k_in_huge_intact",
	       pde_after == pde_before && (pde_after & PTE_PS) &&
	       translates(root, hg + 0x10000, hh + 0x10000, &got) &&
	       pool.allocs == before,
	       "PDE %#" PRIx64 " -> %#" PRIx64 ", lookup %#" PRIx64
	       ", %u pages allocated", pde_before, pde_after, got,
	       pool.allocs - before);

	/* Huge and ragged over the same huge page: the 4 KiB tail fails. */
	ret = npt_map(&pa, root, hg + MIB2 - PG, 0xd000, PG, NPT_READ);
	checkf("overlap_4k_in_huge_last_page", ret == -2,
	       "npt_map returned %d", ret);
	t = scan_root(root);
	checkf("overlap_tree", t.leaves_2m == 1 && t.leaves_4k == 1 &&
	       t.bad_tables == 0,
	       "%u 2 MiB + %u 4 KiB leaves, %u bad tables", t.leaves_2m,
	       t.leaves_4k, t.bad_tables);
	check_pool("overlap_pool");
}

static void test_alloc_failure(void)
{
	unsigned int limit;
	bool ok = true;
	char why[128] = "";
	u64 *root;
	int ret;

	/* One 4 KiB page needs 3 tables: any fewer must fail with -1. */
	for (limit = 0; limit < 3; limit++) {
		root = new_root();
		pool.limit = (int)limit;
		ret = npt_map(&pa, root, 0x5000, 0x9000, PG, NPT_READ);
		if (ret != -1 || !unmapped(root, 0x5000) || pool.bad) {
			ok = false;
			snprintf(why, sizeof(why), "limit %u: ret %d", limit,
				 ret);
		}
	}
	check("allocfail_4k", ok, why);

	root = new_root();
	pool.limit = 3;
	ret = npt_map(&pa, root, 0x5000, 0x9000, PG, NPT_READ);
	checkf("allocfail_just_enough", ret == 0 && pool.allocs == 3,
	       "ret %d with 3 pages", ret);

	/* A huge page needs 2 tables. */
	root = new_root();
	pool.limit = 1;
	ret = npt_map(&pa, root, MIB2, 0x80000000, MIB2, NPT_READ | NPT_HUGE);
	checkf("allocfail_huge", ret == -1 && unmapped(root, MIB2),
	       "ret %d", ret);

	/* Running dry in the middle of a region: crossing into a new PT. */
	root = new_root();
	pool.limit = 3;
	ret = npt_map(&pa, root, MIB2 - PG, 0x9000, 2 * PG, NPT_READ);
	checkf("allocfail_midway", ret == -1 && unmapped(root, MIB2),
	       "ret %d", ret);
	check_pool("allocfail_pool");
}

/* Misaligned or out-of-range arguments are refused before any change. */
static void test_bad_args(void)
{
	u64 *root = new_root();
	int ret;

	ret = npt_map(&pa, root, 0x800, 0x9000, PG, NPT_READ);
	checkf("badarg_gpa", ret == -3 && unmapped(root, 0), "ret %d", ret);
	ret = npt_map(&pa, root, 0, 0x9010, PG, NPT_READ);
	checkf("badarg_hpa", ret == -3 && unmapped(root, 0), "ret %d", ret);
	ret = npt_map(&pa, root, 0, 0x9000, 0x100, NPT_READ);
	checkf("badarg_size", ret == -3 && unmapped(root, 0), "ret %d", ret);
	ret = npt_map(&pa, root, 0, 1ULL << 52, PG, NPT_READ);
	checkf("badarg_hpa_range", ret == -3 && unmapped(root, 0),
	       "ret %d", ret);
}

int main(void)
{
	sanitizers_init();
	RUN(test_rwx_4k);
	RUN(test_rights);
	RUN(test_no_read);
	RUN(test_inmate_1m);
	RUN(test_huge_6m);
	RUN(test_huge_misaligned);
	RUN(test_huge_ragged);
	RUN(test_high);
	RUN(test_overlap);
	RUN(test_alloc_failure);
	RUN(test_bad_args);
	return failures ? 1 : 0;
}
