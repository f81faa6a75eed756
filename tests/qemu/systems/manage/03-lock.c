/* SPDX-License-Identifier: BSD-2-Clause */
/* Voter cell "lock" on CPU 3 (tests/qemu/cells/voter.c). */
#define VOTER_INDEX 2
#define VOTER_NAME "lock"
#define VOTER_ARGS "vote=lock"
#include "tests/qemu/cells/voter.c"
