/* SPDX-License-Identifier: BSD-2-Clause */
/* Voter cell "passive" on CPU 5 (tests/qemu/cells/voter.c); never asked,
 * and never forced (bulkhead cell stop --force is refused). */
#define VOTER_INDEX 4
#define VOTER_NAME "passive"
#define VOTER_ARGS "vote=approve"
#define VOTER_FLAGS BH_CELL_NO_FORCE
#include "tests/qemu/cells/voter.c"
