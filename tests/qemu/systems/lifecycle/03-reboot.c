/* SPDX-License-Identifier: BSD-2-Clause */
/* Voter cell "reboot" on CPU 3 (tests/qemu/cells/voter.c): asked to
 * stop, it resets itself instead. */
#define VOTER_INDEX 2
#define VOTER_NAME "reboot"
#define VOTER_ARGS "vote=reset"
#include "tests/qemu/cells/voter.c"
