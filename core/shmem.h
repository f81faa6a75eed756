/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Shared-memory links between cells (Documentation/shared-memory.md): the
 * memory the image builder placed, mapped into each peer with the rights
 * ivshmem 2.0 gives it, and the virtual PCI function each peer drives it
 * by (core/lib/ivshmem.c decides the function's registers; here their
 * effects): doorbells sent to the peer's CPU as the interrupt its MSI-X
 * entry asks for, checked against its CPUs once, when the entry is
 * written; the state table written by the hypervisor alone; a peer's
 * state dropped to 0 when its cell stops, with every other peer told.
 */
#ifndef BULKHEAD_SHMEM_H
#define BULKHEAD_SHMEM_H

#include <bulkhead/types.h>

struct bh_image_view;
struct cell;
struct mmio_access;

/** Learn the links of @p v's system and clear their memory (once, at
 * boot, before the cells are built). @return 0, or -1 after printing
 * why. */
int shmem_init(const struct bh_image_view *v);

/** Map into @p c the memory of each link it is a peer of (state table
 * read-only, read/write section, its own output section writable, the
 * others read-only; never executable). @return 0, or -1 after printing
 * why. */
int shmem_cell_init(struct cell *c);

/** @p c stops (stopped, failed, shut down, or about to restart): its
 * state is 0 in each of its links, each other peer is told (vector 0),
 * and no doorbell reaches it any more. */
void shmem_cell_stopped(struct cell *c);

/** @p c is rebuilt for a run: its functions as after a reset, its
 * output sections cleared, its state 0. */
void shmem_cell_reset(struct cell *c);

/** A configuration access of @p c to function @p bdf, if it is one of
 * its links' (@p value is the written value or gets the read one).
 * @return true if it was, false if @p bdf is none of them. */
bool shmem_cfg_access(struct cell *c, u16 bdf, u16 reg, unsigned int size,
		      bool write, u32 *value);

/** Whether guest-physical @p gpa of @p c lies in a BAR of one of its
 * links' functions, where the cell put it (decoding on). */
bool shmem_bar_at(struct cell *c, u64 gpa);

/** An access of @p c to guest-physical memory that is neither its own
 * nor emulated registers: the BARs of its links' functions are wherever
 * the cell put them. @return 1 if @p a is none of them, else 0 (done). */
int shmem_mmio(struct cell *c, struct mmio_access *a);

/** @name Arch hooks */
/**@{*/
/** Map host-physical [@p hpa, +@p size) into @p c at guest-physical
 * @p gpa, cached, readable, writable if @p writable, never executable.
 * @return 0, or -1 if the cell has memory or emulated registers there
 * (or the page tables ran dry). */
int arch_cell_map_shared(struct cell *c, u64 gpa, u64 hpa, u64 size,
			 bool writable);
/** The CPU (*@p cpu, per_cpu id) and vector (*@p vector) the MSI
 * message @p addr, @p data of a function of @p c asks for, as for
 * arch_cell_msi(): one of the cell's CPUs, fixed or lowest priority, a
 * vector from 32. @return 0, or -1 with the reason in @p why. */
int arch_cell_msi_cpu(struct cell *c, u64 addr, u32 data, u32 *cpu,
		      u8 *vector, char *why, unsigned int len);
/**@}*/

#endif
