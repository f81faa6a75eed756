/* SPDX-License-Identifier: BSD-2-Clause */
/* Voter cell "approve" on CPU 1 (tests/qemu/cells/voter.c): the other
 * cell whose stop the locked Linux cell blocks. */
#define VOTER_INDEX 0
#define VOTER_NAME "approve"
#define VOTER_ARGS "vote=approve"
#include "tests/qemu/cells/voter.c"
