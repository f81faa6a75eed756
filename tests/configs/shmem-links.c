/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bad system config for the build-time check: shared-memory links with a peer that is no cell, sections that are not whole pages, an address written by hand, and memory to place them in that overlaps a cell's RAM.
 * system: yes
 * with: cells/hello.c
 * with: cells/apic-timer.c
 * expect: tests/configs/shmem-links.c: link 0 "to-nobody": peer 1: "nobody" is not a cell of this system
 * expect: tests/configs/shmem-links.c: link 1 "odd": output_size 0x800 is not whole pages of at most 1 TiB
 * expect: tests/configs/shmem-links.c: link 2 "by-hand": phys_start 0x3000000: the image builder places links, leave it 0
 * expect: tests/configs/shmem-links.c: shmem_memory [0x3600000-0x3700000) overlaps cell "apic-timer" memory region 0
 */
#define SYSTEM_MANAGER ""
#define SYSTEM_NUM_CPUS 7

#define PEER(name, fn, i) { .cell = name, .bdf = (fn) << 3, .id = i }
#define LINK(n, out, p0, p1) {						\
		.name = n,						\
		.num_peers = 2,						\
		.vectors = 1,						\
		.state_size = 0x1000,					\
		.output_size = out,					\
		.peers = { p0, p1 },					\
	}

#define SYSTEM_SHMEM_MEMORY { .phys_start = 0x03600000, .size = 0x100000 }
#define SYSTEM_NUM_SHMEM_LINKS 3
#define SYSTEM_SHMEM_LINKS						\
	LINK("to-nobody", 0x1000, PEER("hello", 0x1e, 0),		\
	     PEER("nobody", 0x1e, 1)),					\
	LINK("odd", 0x800, PEER("hello", 0x1d, 0),			\
	     PEER("apic-timer", 0x1d, 1)),				\
	{								\
		.name = "by-hand",					\
		.num_peers = 2,						\
		.vectors = 1,						\
		.state_size = 0x1000,					\
		.phys_start = 0x03000000,				\
		.peers = { PEER("hello", 0x1c, 0),			\
			   PEER("apic-timer", 0x1c, 1) },		\
	}
#include "cells/system.c"
