/* SPDX-License-Identifier: BSD-2-Clause */
/* Voter cell "busy" on CPU 2 (tests/qemu/cells/voter.c): it acknowledges
 * RECONFIG_COMPLETED only 600 ms after it came, well past its 200 ms
 * time-out, as a cell too busy to look. */
#define VOTER_INDEX 1
#define VOTER_NAME "busy"
#define VOTER_ARGS "ack_ms=600"
#include "tests/qemu/cells/voter.c"
