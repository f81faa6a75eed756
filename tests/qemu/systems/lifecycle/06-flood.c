/* SPDX-License-Identifier: BSD-2-Clause */
/* Voter cell "flood" on CPU 6 (tests/qemu/cells/voter.c): passive, it
 * prints as fast as it can (colour escapes, a forged "Cell "busy"
 * FAILED" line) and resets itself every 500 ms, with a console budget of
 * 200 characters a second. */
#define VOTER_INDEX 5
#define VOTER_NAME "flood"
#define VOTER_ARGS "flood=1 reset_ms=500"
#define VOTER_FLAGS BH_CELL_PASSIVE_COMMREG
#define VOTER_CONSOLE_RATE 200
#include "tests/qemu/cells/voter.c"
