/* SPDX-License-Identifier: BSD-2-Clause */
/* Voter cell "forever" on CPU 6 (tests/qemu/cells/voter.c). */
#define VOTER_INDEX 5
#define VOTER_NAME "forever"
#define VOTER_ARGS "vote=silent silences=1"
#include "tests/qemu/cells/voter.c"
