/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Faulty inmate: issues a management hypercall (cell start) although its
 * cell may not manage. The hypervisor must stop this cell.
 */
#include "inmate.h"

void inmate_main(void)
{
	hypercall1(HC_CELL_START, 0);
	stop();
}
