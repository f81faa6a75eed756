/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bulkhead.ko's shared-memory links (shm.c), started and ended with the
 * module (core.c).
 */
#ifndef BULKHEAD_DRIVER_SHM_H
#define BULKHEAD_DRIVER_SHM_H

int bh_shm_init(void);
void bh_shm_exit(void);

#endif
