/* SPDX-License-Identifier: BSD-2-Clause */
/* Voter cell "silent" on CPU 4 (tests/qemu/cells/voter.c). */
#define VOTER_INDEX 3
#define VOTER_NAME "silent"
#define VOTER_ARGS "vote=silent"
#include "tests/qemu/cells/voter.c"
