/* SPDX-License-Identifier: BSD-2-Clause */
/* Voter cell "guarded" on CPU 5 (tests/qemu/cells/voter.c): no forced
 * operation may touch it, and it may not deny: it denies every stop,
 * and each is overruled. */
#define VOTER_INDEX 4
#define VOTER_NAME "guarded"
#define VOTER_ARGS "vote=deny denials=1000000"
#define VOTER_FLAGS (BH_CELL_NO_FORCE | BH_CELL_NO_DENY)
#include "tests/qemu/cells/voter.c"
