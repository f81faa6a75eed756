/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * libFuzzer target: the IVRS parser, acpi_parse_ivrs(). Input: the table,
 * header included (the caller has checked its checksum, so none is
 * checked here).
 *
 * Properties: the parser reads nothing outside the input (ASan); it
 * returns 0, or -1 with exactly one message; on success every count is
 * within its limit, every range runs forwards and names a unit that
 * exists, every unit has the one IVHD type chosen and segment 0's
 * blocks only, and every function a range lists is found by
 * acpi_ivrs_unit_of() under a unit that exists. The same input gives the
 * same answer twice. Seeds: tests/fuzz/corpus/ivrs/.
 */
#include "fuzz_common.h"
#include "acpi.h"

static struct acpi_ivrs a, b;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bh_report r = fuzz_report(), r2 = fuzz_report();
	u8 *copy = malloc(size ? size : 1);
	int ret, ret2;

	FUZZ_CHECK(copy, "out of memory");
	memcpy(copy, data, size);
	ret = acpi_parse_ivrs(copy, (u32)size, &a, &r);
	ret2 = acpi_parse_ivrs(copy, (u32)size, &b, &r2);
	FUZZ_CHECK(ret == ret2 && !memcmp(&a, &b, sizeof(a)),
		   "two parses of one table differ");
	FUZZ_CHECK(ret == 0 || ret == -1, "return value");
	FUZZ_CHECK(ret ? r.errors == 1 : r.errors == 0,
		   "one message for a refusal, none otherwise");
	if (!ret) {
		u32 i;

		FUZZ_CHECK(a.num_iommus <= ACPI_MAX_IOMMUS &&
			   a.num_ranges <= ACPI_MAX_IVRS_RANGES &&
			   a.num_aliases <= ACPI_MAX_IVRS_ALIASES &&
			   a.num_specials <= ACPI_MAX_IVRS_SPECIALS &&
			   a.num_ivmds <= ACPI_MAX_IVRS_IVMDS, "counts");
		for (i = 0; i < a.num_iommus; i++)
			FUZZ_CHECK(a.iommus[i].type == a.iommus[0].type,
				   "units of one IVHD type");
		for (i = 0; i < a.num_ranges; i++) {
			u16 req;
			int u;

			FUZZ_CHECK(a.ranges[i].first <= a.ranges[i].last &&
				   a.ranges[i].iommu < a.num_iommus,
				   "range forwards, of a unit");
			u = acpi_ivrs_unit_of(&a, a.ranges[i].last, &req);
			FUZZ_CHECK(u >= 0 && (u32)u < a.num_iommus,
				   "a listed function has a unit");
		}
		for (i = 0; i < a.num_aliases; i++)
			FUZZ_CHECK(a.aliases[i].first <= a.aliases[i].last &&
				   a.aliases[i].iommu < a.num_iommus,
				   "alias forwards, of a unit");
		for (i = 0; i < a.num_specials; i++)
			FUZZ_CHECK(a.specials[i].iommu < a.num_iommus,
				   "special device of a unit");
		for (i = 0; i < a.num_ivmds; i++)
			FUZZ_CHECK(a.ivmds[i].first <= a.ivmds[i].last,
				   "IVMD forwards");
	}
	free(copy);
	return 0;
}
