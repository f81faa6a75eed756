/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Faulty inmate: sends an interrupt to APIC ID 1, a CPU of another cell.
 * The hypervisor must stop this cell and leave the other running.
 */
#include "inmate.h"

void inmate_main(void)
{
	printk("ipi-foreign: sending vector 0xf0 to APIC ID 1\n");
	send_ipi(1, 0xf0);
	printk("ipi-foreign: still running: the IPI was not stopped\n");
	stop();
}
