/* SPDX-License-Identifier: BSD-2-Clause */
/* Voter cell "approve" on CPU 1 (tests/qemu/cells/voter.c). */
#define VOTER_INDEX 0
#define VOTER_NAME "approve"
#define VOTER_ARGS "vote=approve"
#include "tests/qemu/cells/voter.c"
