/* SPDX-License-Identifier: BSD-2-Clause */
/* Voter cell "slow-reset" on CPU 1 (tests/qemu/cells/voter.c): it resets
 * itself 200 ms after each start; a test build takes two seconds more to
 * build it, so a restart of it is long under way when the manager asks. */
#define VOTER_INDEX 0
#define VOTER_NAME "slow-reset"
#define VOTER_ARGS "reset_ms=200"
#include "tests/qemu/cells/voter.c"
