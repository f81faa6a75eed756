/* SPDX-License-Identifier: BSD-2-Clause */
/* Voter cell "passive" on CPU 5 (tests/qemu/cells/voter.c). */
#define VOTER_INDEX 4
#define VOTER_NAME "passive"
#define VOTER_ARGS "vote=approve"
#include "tests/qemu/cells/voter.c"
