/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * libFuzzer target: the config checker, bh_config_check(), on a system
 * and cells made from the input (format: tests/fuzz/config_input.h; each
 * config in a buffer of exactly its length). Properties: the return
 * value is the number of messages emitted, never negative; a second run
 * on the same set says the same; an accepted set has cells whose
 * structure bh_cell_structure_ok() accepts, with terminated names.
 * Seeds: tests/fuzz/corpus/config/ (tests/fuzz/mkseeds.c).
 */
#include "config_input.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bh_report r = fuzz_report(), again = fuzz_report();
	struct cfg_input in;
	int n;

	cfg_parse(data, size, &in);
	n = bh_config_check(&in.set, &r);
	FUZZ_CHECK(n >= 0 && (unsigned int)n == r.errors,
		   "return value is not the number of messages");
	FUZZ_CHECK(bh_config_check(&in.set, &again) == n,
		   "a second check of the same set differs");
	if (!n) {
		u32 i;

		for (i = 0; i < in.set.num_cells; i++) {
			const struct bh_cell_desc *d = in.set.cells[i].desc;

			FUZZ_CHECK(bh_cell_structure_ok(&in.set.cells[i], &r),
				   "accepted set with a malformed cell");
			FUZZ_CHECK(bh_cell_name(d) == d->name,
				   "accepted cell without a terminated name");
		}
		FUZZ_CHECK(r.errors == 0, "messages for an accepted set");
	}
	cfg_free(&in);
	return 0;
}
