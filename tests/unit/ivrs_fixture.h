/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * IVRS tables for the tests of the IVRS parser (arch/x86/acpi.c): the
 * unit test, the fuzz target's seeds. Layouts from the AMD I/O
 * Virtualization Technology (IOMMU) Specification, "I/O Virtualization
 * Reporting Structure"; the QEMU table is what QEMU 10's q35 with
 * `-device amd-iommu` describes (one IOMMU twice, as IVHD 0x10 and 0x11).
 */
#ifndef BULKHEAD_IVRS_FIXTURE_H
#define BULKHEAD_IVRS_FIXTURE_H

#include <string.h>

#include <bulkhead/types.h>

#define IVF_HDR		48	/* IVRS header: ACPI header, IVinfo, 8 reserved */

static inline void ivf_put(u8 *p, u64 v, unsigned int n)
{
	while (n--) {
		*p++ = (u8)v;
		v >>= 8;
	}
}

/** A 4-byte IVHD device entry of @p type for function @p devid. */
static inline u8 *ivf_ivde4(u8 *e, u8 type, u16 devid)
{
	e[0] = type;
	ivf_put(e + 1, devid, 2);
	e[3] = 0;
	return e + 4;
}

/** An 8-byte entry: an alias (@p aux the source) or a special device
 * (@p b4 its handle, @p aux its devid, @p b7 its variety). */
static inline u8 *ivf_ivde8(u8 *e, u8 type, u16 devid, u8 b4, u16 aux, u8 b7)
{
	memset(e, 0, 8);
	e[0] = type;
	ivf_put(e + 1, devid, 2);
	e[4] = b4;
	ivf_put(e + 5, aux, 2);
	e[7] = b7;
	return e + 8;
}

/** An IVHD of @p type for the IOMMU at 00:02.0 (capability 0x40, MMIO
 * 0xfed80000) in @p segment, entries [@p ents, @p end); returns its end. */
static inline u8 *ivf_ivhd(u8 *b, u8 type, u16 segment, const u8 *ents,
			   const u8 *end)
{
	u32 hdr = type == 0x10 ? 24 : 40;

	memset(b, 0, hdr);
	b[0] = type;
	b[1] = 0xb0;
	ivf_put(b + 2, hdr + (u64)(end - ents), 2);
	ivf_put(b + 4, 0x0010, 2);
	ivf_put(b + 6, 0x40, 2);
	ivf_put(b + 8, 0xfed80000, 8);
	ivf_put(b + 16, segment, 2);
	if (type != 0x10)
		ivf_put(b + 24, 0x29d3, 8);
	memcpy(b + hdr, ents, (size_t)(end - ents));
	return b + hdr + (end - ents);
}

/** QEMU's q35 entries: a select per function of bus 0 (00:00.0, 00:01.0,
 * 00:02.0, 00:10.0, 00:1f.0, 00:1f.2, 00:1f.3) and the IOAPIC as special
 * device 00:14.0 (handle 0, variety 1). */
static inline u8 *ivf_qemu_entries(u8 *e)
{
	static const u16 fns[] = { 0x0000, 0x0008, 0x0010, 0x0080, 0x00f8,
				   0x00fa, 0x00fb };
	unsigned int i;

	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
		e = ivf_ivde4(e, 0x02, fns[i]);
	return ivf_ivde8(e, 0x48, 0, 0, 0x00a0, 1);
}

/** The IVRS header for @p len bytes in all (IVinfo: EFRSup, PASize 40),
 * checksummed over those bytes. */
static inline void ivf_header(u8 *t, u32 len)
{
	u8 sum = 0;
	u32 i;

	memcpy(t, "IVRS", 4);
	ivf_put(t + 4, len, 4);
	t[8] = 1;
	t[9] = 0;
	memcpy(t + 10, "BHTEST", 6);
	memcpy(t + 16, "SYNTHTBL", 8);
	ivf_put(t + 24, 1, 4);
	memcpy(t + 28, "BHTS", 4);
	ivf_put(t + 32, 1, 4);
	ivf_put(t + 36, (40u << 8) | 1u, 4);
	memset(t + 40, 0, 8);
	for (i = 0; i < len; i++)
		sum = (u8)(sum + t[i]);
	t[9] = (u8)-sum;
}

/** QEMU 10's IVRS at @p t; returns its length. */
static inline u32 ivf_qemu(u8 *t)
{
	u8 ents[64], *end = ivf_qemu_entries(ents), *b = t + IVF_HDR;

	b = ivf_ivhd(b, 0x10, 0, ents, end);
	b = ivf_ivhd(b, 0x11, 0, ents, end);
	ivf_header(t, (u32)(b - t));
	return (u32)(b - t);
}

#endif
