/* SPDX-License-Identifier: BSD-2-Clause */
/* Voter cell "quiet" on CPU 4 (tests/qemu/cells/voter.c). */
#define VOTER_INDEX 3
#define VOTER_NAME "quiet"
#define VOTER_ARGS "vote=silent silences=1"
#include "tests/qemu/cells/voter.c"
