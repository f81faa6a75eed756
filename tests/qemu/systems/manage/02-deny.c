/* SPDX-License-Identifier: BSD-2-Clause */
/* Voter cell "deny" on CPU 2 (tests/qemu/cells/voter.c). */
#define VOTER_INDEX 1
#define VOTER_NAME "deny"
#define VOTER_ARGS "vote=deny denials=1"
#include "tests/qemu/cells/voter.c"
