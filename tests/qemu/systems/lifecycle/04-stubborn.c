/* SPDX-License-Identifier: BSD-2-Clause */
/* Voter cell "stubborn" on CPU 4 (tests/qemu/cells/voter.c): it locks
 * itself, which its config does not allow, and denies every stop of its
 * own, which it may: only a forced stop ends it. */
#define VOTER_INDEX 3
#define VOTER_NAME "stubborn"
#define VOTER_ARGS "vote=lock denials=1000000"
#define VOTER_FLAGS BH_CELL_NO_LOCK
#include "tests/qemu/cells/voter.c"
