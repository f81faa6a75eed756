/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Nested page faults: a cell touched guest-physical memory its nested
 * page tables do not grant. If emulated registers live there (core/mmio.c)
 * the hypervisor reads the guest's instruction through the guest's own
 * page tables, decodes it (no decode assists under TCG), performs the
 * access through the region's handler and steps over the instruction.
 * Anything else stops the cell with a reason that says what was touched.
 */
#include "bh_string.h"
#include "cell.h"
#include "decode.h"
#include "guest_paging.h"
#include "hv.h"
#include "percpu.h"
#include "platform.h"
#include "report.h"
#include "vcpu.h"
#include "x86.h"

#define NPF_WRITE	(1ULL << 1)
#define NPF_FETCH	(1ULL << 4)
#define NPF_IN_WALK	(1ULL << 33)	/* the guest's page-table walk faulted */

/* Guest-physical memory of the cell, within one page, as the hypervisor
 * sees it; NULL where the cell has none. */
static const void *guest_phys(const struct per_cpu *pc, u64 gpa,
			      unsigned int len)
{
	u64 hpa;

	if ((gpa & (BH_PAGE_SIZE - 1)) + len > BH_PAGE_SIZE ||
	    !cell_gpa_to_hpa(pc->cell, gpa, &hpa))
		return NULL;
	return platform_phys(hpa, len);
}

static bool guest_phys_read(void *ctx, u64 gpa, void *buf, unsigned int len)
{
	const void *p = guest_phys(ctx, gpa, len);

	if (!p)
		return false;
	memcpy(buf, p, len);
	return true;
}

/* guest_phys_read() for a walk that fills @p ctx's struct fetch_cache:
 * each 64-bit entry read is noted, where it is and what it held. */
static bool guest_entry_read(void *ctx, u64 gpa, void *buf, unsigned int len)
{
	struct per_cpu *pc = ctx;
	struct fetch_cache *fc = &pc->arch.fetch;
	const void *p = guest_phys(pc, gpa, len);

	if (!p)
		return false;
	memcpy(buf, p, len);
	if (len != sizeof(u64))		/* not a 64-bit entry: never kept */
		fc->entries = FETCH_CACHE_ENTRIES;
	if (fc->entries < FETCH_CACHE_ENTRIES) {
		fc->entry[fc->entries] = p;
		memcpy(&fc->value[fc->entries], buf, sizeof(u64));
	}
	fc->entries++;
	return true;
}

/* Does @p pc's fetch cache still translate linear page @p page under
 * @p gp? Only if the guest's control registers are the same and every
 * entry the walk read holds what it held: a change to the guest's tables
 * is seen without the INVLPG the hypervisor does not intercept. */
static bool fetch_cache_holds(const struct per_cpu *pc,
			      const struct guest_paging *gp, u64 page)
{
	const struct fetch_cache *fc = &pc->arch.fetch;
	unsigned int i;

	if (!fc->valid || fc->gen != pc->cell->start_gen ||
	    fc->entries > FETCH_CACHE_ENTRIES || fc->page != page ||
	    fc->cr0 != gp->cr0 || fc->cr3 != gp->cr3 || fc->cr4 != gp->cr4 ||
	    fc->efer != gp->efer)
		return false;
	for (i = 0; i < fc->entries; i++)
		if (__atomic_load_n(fc->entry[i], __ATOMIC_RELAXED) !=
		    fc->value[i])
			return false;
	return true;
}

/* Can a walk under @p gp be kept? Not through 32-bit tables (paging
 * without PAE), whose entries are not the 64 bits the cache compares. */
static bool fetch_cacheable(const struct guest_paging *gp)
{
	return !(gp->cr0 & CR0_PG) || (gp->cr4 & CR4_PAE);
}

/* Walk to linear page @p page under @p gp and keep the translation in
 * @p pc's fetch cache. @return the page as the hypervisor sees it, or
 * NULL (nothing kept). */
static const u8 *fetch_cache_fill(struct per_cpu *pc,
				  const struct guest_paging *gp, u64 page)
{
	struct fetch_cache *fc = &pc->arch.fetch;
	u64 gpa;

	fc->valid = false;
	fc->entries = 0;
	if (guest_virt_to_phys(gp, page, guest_entry_read, pc, &gpa) ||
	    fc->entries > FETCH_CACHE_ENTRIES)
		return NULL;
	fc->code = guest_phys(pc, gpa & ~(u64)(BH_PAGE_SIZE - 1),
			      BH_PAGE_SIZE);
	if (!fc->code)
		return NULL;
	fc->cr0 = gp->cr0;
	fc->cr3 = gp->cr3;
	fc->cr4 = gp->cr4;
	fc->efer = gp->efer;
	fc->page = page;
	fc->gen = pc->cell->start_gen;
	fc->valid = true;
	return fc->code;
}

unsigned int vcpu_code_bits(const struct vmcb *v)
{
	if ((v->efer & EFER_LMA) && (v->cs.attrib & VMCB_SEG_ATTR_L))
		return 64;
	if (!(v->cr0 & CR0_PE))
		return 16;
	return (v->cs.attrib & VMCB_SEG_ATTR_DB) ? 32 : 16;
}

unsigned int vcpu_fetch_insn(struct per_cpu *pc, u8 *buf)
{
	const struct vmcb *v = pc->arch.vmcb;
	struct guest_paging gp = { v->cr0, v->cr3, v->cr4, v->efer };
	u64 linear = vcpu_code_bits(v) == 64 ? v->rip : (u32)(v->cs.base + v->rip);
	u64 page = linear & ~(u64)(BH_PAGE_SIZE - 1);
	unsigned int got = 0;

	/* Exits repeat at a few instructions (a doorbell, a register
	 * polled, an emulated xAPIC): most of a decode's cost is the walk
	 * through the guest's tables, which the cache saves while it holds.
	 * An instruction that may cross a page walks each time. */
	if (linear - page <= BH_PAGE_SIZE - X86_MAX_INSN_LEN &&
	    fetch_cacheable(&gp)) {
		const u8 *code = fetch_cache_holds(pc, &gp, page) ?
				 pc->arch.fetch.code :
				 fetch_cache_fill(pc, &gp, page);

		if (code) {
			memcpy(buf, code + (linear - page), X86_MAX_INSN_LEN);
			return X86_MAX_INSN_LEN;
		}
	}
	while (got < X86_MAX_INSN_LEN) {
		u64 gva = linear + got, gpa;
		unsigned int chunk = (unsigned int)(BH_PAGE_SIZE - (gva & (BH_PAGE_SIZE - 1)));

		if (chunk > X86_MAX_INSN_LEN - got)
			chunk = X86_MAX_INSN_LEN - got;
		if (guest_virt_to_phys(&gp, gva, guest_phys_read, pc, &gpa) ||
		    !guest_phys_read(pc, gpa, buf + got, chunk))
			break;
		got += chunk;
	}
	return got;
}

static u64 *insn_reg(struct per_cpu *pc, const struct x86_mmio_insn *insn)
{
	return vcpu_reg(pc, insn->high_byte ? insn->reg - 4U : insn->reg);
}

int npf_handle(struct per_cpu *pc, char *why, unsigned int len)
{
	struct vmcb *v = pc->arch.vmcb;
	u64 gpa = v->exitinfo2, info = v->exitinfo1, hpa;
	struct mmio_access a = { .address = gpa, .cpu = pc };
	struct x86_mmio_insn insn;
	u8 code[X86_MAX_INSN_LEN] = { 0 };
	unsigned int got;
	bool write = info & NPF_WRITE;

	if (cell_gpa_to_hpa(pc->cell, gpa, &hpa)) {
		/* Mapped, so the cell's own memory, without that right. */
		bh_snprintf(why, len, "%s guest-physical 0x%llx: the cell's "
			    "region there is not %s",
			    info & NPF_FETCH ? "instruction fetch at" :
			    write ? "write to" : "read of",
			    (unsigned long long)gpa,
			    info & NPF_FETCH ? "executable" :
			    write ? "writable" : "readable");
		return trace_error(-1);
	}
	if (info & (NPF_FETCH | NPF_IN_WALK) ||
	    (!mmio_claimed(pc->cell, gpa) && !cell_absent_policy(pc->cell))) {
		bh_snprintf(why, len, "%s guest-physical 0x%llx outside the "
			    "cell's memory", info & NPF_FETCH ?
			    "instruction fetch at" : info & NPF_IN_WALK ?
			    "page-table walk through" : write ? "write to" :
			    "read of", (unsigned long long)gpa);
		return trace_error(-1);
	}
	got = vcpu_fetch_insn(pc, code);
	if (x86_decode_mmio(code, got, vcpu_code_bits(v), &insn)) {
		bh_snprintf(why, len, "%s of MMIO at guest-physical "
			    "0x%llx by an instruction Bulkhead does not emulate "
			    "(%u bytes readable at RIP: %02x %02x %02x %02x)",
			    write ? "write" : "read", (unsigned long long)gpa,
			    got, code[0], code[1], code[2], code[3]);
		return trace_error(-1);
	}
	if (insn.write != write) {
		bh_snprintf(why, len, "the instruction at the fault (a %s) does "
			    "not match it (a %s of guest-physical 0x%llx)",
			    insn.write ? "write" : "read",
			    write ? "write" : "read", (unsigned long long)gpa);
		return trace_error(-1);
	}
	a.size = insn.size;
	a.write = insn.write;
	if (a.write)
		a.value = x86_mmio_write_value(&insn, insn.has_imm ? 0 :
					       *insn_reg(pc, &insn));
	if (mmio_dispatch(pc->cell, &a)) {
		bh_snprintf(why, len, "%s", a.why);
		return trace_error(-1);
	}
	if (!a.write)
		*insn_reg(pc, &insn) = x86_mmio_read_result(&insn,
							    *insn_reg(pc, &insn),
							    a.value);
	v->rip += insn.len;
	return 0;
}
