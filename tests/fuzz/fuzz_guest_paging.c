/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * libFuzzer target: the guest page-table walk, guest_virt_to_phys().
 * Input: CR0, CR3, CR4, EFER and the virtual address (five little-endian
 * u64, missing bytes zero), then guest-physical memory from address 0;
 * reads beyond it fail (the guest may not read there).
 *
 * Every read the walker makes is logged and checked against the AMD APM
 * vol. 2 (5.3-5.5) walk: entries of 4 bytes (32-bit paging) or 8 (PAE,
 * 4- and 5-level), aligned; at most one read per level; the first in the
 * table CR3 names, each next one in the table the previous entry names,
 * at the index the virtual address gives for that level; the walk goes on
 * only through present entries. Results: without paging the address
 * itself (32 bits wide outside long mode), 0 only after present entries
 * down to a 4 KiB entry or a large-page entry where the mode allows one
 * (PS: 2 MiB / 1 GiB, 4 MiB with CR4.PSE), the physical address being
 * that entry's frame plus the virtual address's offset in the page; -1
 * at a non-present entry, -2 at a read that failed. The same input gives
 * the same answer twice. Seeds: tests/fuzz/corpus/guest_paging/.
 */
#include "fuzz_common.h"
#include "guest_paging.h"

#define HDR_BYTES	40
#define MAX_READS	8
#define CR0_PG		(1ULL << 31)
#define CR4_PSE		(1ULL << 4)
#define CR4_PAE		(1ULL << 5)
#define CR4_LA57	(1ULL << 12)
#define EFER_LMA	(1ULL << 10)
#define ADDR_MASK	0x000ffffffffff000ULL

struct guest {
	const u8 *mem;
	u64 mem_len;
	u32 nreads;
	struct {
		u64 gpa, value;
		unsigned int len;
		bool ok;
	} read[MAX_READS];
};

static bool guest_read(void *ctx, u64 gpa, void *buf, unsigned int len)
{
	struct guest *g = ctx;
	u64 v = 0;
	bool ok;

	FUZZ_CHECK(len == 4 || len == 8, "read of neither 4 nor 8 bytes");
	FUZZ_CHECK(g->nreads < MAX_READS, "more reads than paging levels");
	ok = gpa < g->mem_len && len <= g->mem_len - gpa;
	if (ok) {
		memcpy(buf, g->mem + gpa, len);
		memcpy(&v, buf, len);
	}
	g->read[g->nreads].gpa = gpa;
	g->read[g->nreads].value = v;
	g->read[g->nreads].len = len;
	g->read[g->nreads].ok = ok;
	g->nreads++;
	return ok;
}

static u64 get64(const u8 *hdr, unsigned int i)
{
	u64 v;

	memcpy(&v, hdr + 8 * i, 8);
	return v;
}

/* Where the walk of mode @p levels (2: 32-bit, 3: PAE, 4, 5) must read
 * the entry of level @p level, given the table base @p table. */
static u64 entry_addr(unsigned int levels, unsigned int level, u64 table,
		      u64 gva)
{
	if (levels == 2)
		return table + 4 * (level == 2 ? (gva >> 22) & 1023 :
				    (gva >> 12) & 1023);
	if (levels == 3 && level == 3)
		return table + 8 * ((gva >> 30) & 3);
	return table + 8 * ((gva >> (12 + 9 * (level - 1))) & 511);
}

static void check_walk(const struct guest_paging *gp, u64 va,
		       const struct guest *g, int rc, u64 gpa)
{
	bool lma = gp->efer & EFER_LMA, pae = gp->cr4 & CR4_PAE;
	unsigned int levels = lma ? ((gp->cr4 & CR4_LA57) ? 5 : 4) :
			      pae ? 3 : 2;
	unsigned int esize = levels == 2 ? 4 : 8, leaf, shift;
	u64 gva = lma ? va : (u32)va, table, e = 0, frame, page;
	u32 k;

	table = levels == 2 ? gp->cr3 & 0xfffff000 :
		levels == 3 ? gp->cr3 & 0xffffffe0 : gp->cr3 & ADDR_MASK;
	FUZZ_CHECK(g->nreads >= 1 && g->nreads <= levels,
		   "number of reads against the paging levels");
	for (k = 0; k < g->nreads; k++) {
		unsigned int level = levels - k;

		FUZZ_CHECK(g->read[k].len == esize, "entry size of the mode");
		FUZZ_CHECK(g->read[k].gpa == entry_addr(levels, level, table,
							gva),
			   "an entry read from the wrong place");
		if (k + 1 < g->nreads)
			FUZZ_CHECK(g->read[k].ok && (g->read[k].value & 1),
				   "the walk went on after a failed read or a "
				   "non-present entry");
		e = g->read[k].value;
		table = levels == 2 ? e & 0xfffff000 : e & ADDR_MASK;
	}
	k = g->nreads - 1;
	if (!g->read[k].ok) {
		FUZZ_CHECK(rc == -2, "a failed read is not -2");
		return;
	}
	if (!(e & 1)) {
		FUZZ_CHECK(rc == -1, "a non-present entry is not -1");
		return;
	}
	FUZZ_CHECK(rc == 0, "a present walk is not 0");
	leaf = levels - k;
	if (levels == 2) {
		FUZZ_CHECK(leaf == 1 || ((gp->cr4 & CR4_PSE) && (e & 0x80)),
			   "walk stopped above the page table");
		shift = leaf == 1 ? 12 : 22;
		frame = leaf == 1 ? e & 0xfffff000 :
			(e & 0xffc00000) | ((e >> 13) & 0xff) << 32;
	} else {
		FUZZ_CHECK(leaf == 1 || ((e & 0x80) &&
					 (leaf == 2 || (leaf == 3 && levels > 3))),
			   "walk stopped above the page table");
		shift = 12 + 9 * (leaf - 1);
		frame = e & ADDR_MASK & ~((1ULL << shift) - 1);
	}
	page = (1ULL << shift) - 1;
	FUZZ_CHECK((gpa & page) == (gva & page), "offset in the page");
	FUZZ_CHECK((gpa & ~page) == frame, "frame of the page");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u8 hdr[HDR_BYTES] = { 0 };
	struct guest_paging gp;
	struct guest g = { 0 }, g2 = { 0 };
	u64 gva, gpa = 0, gpa2 = 0;
	int rc, rc2;

	memcpy(hdr, data, size < HDR_BYTES ? size : HDR_BYTES);
	gp.cr0 = get64(hdr, 0);
	gp.cr3 = get64(hdr, 1);
	gp.cr4 = get64(hdr, 2);
	gp.efer = get64(hdr, 3);
	gva = get64(hdr, 4);
	g.mem = g2.mem = size > HDR_BYTES ? data + HDR_BYTES : NULL;
	g.mem_len = g2.mem_len = size > HDR_BYTES ? size - HDR_BYTES : 0;

	rc = guest_virt_to_phys(&gp, gva, guest_read, &g, &gpa);
	FUZZ_CHECK(rc == 0 || rc == -1 || rc == -2, "result");
	rc2 = guest_virt_to_phys(&gp, gva, guest_read, &g2, &gpa2);
	FUZZ_CHECK(rc2 == rc && (rc || gpa2 == gpa) && g2.nreads == g.nreads,
		   "the same walk gave another answer");
	if (!(gp.cr0 & CR0_PG)) {
		FUZZ_CHECK(rc == 0 && !g.nreads, "no paging: no walk");
		FUZZ_CHECK(gpa == ((gp.efer & EFER_LMA) ? gva : (u32)gva),
			   "no paging: the address itself");
		return 0;
	}
	check_walk(&gp, gva, &g, rc, gpa);
	return 0;
}
