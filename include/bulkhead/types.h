/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Fixed-width types shared by the host tools, the loader, the hypervisor and
 * guests. Only compiler-provided freestanding headers are used, so the same
 * definitions hold in every environment that includes the formats.
 */
#ifndef BULKHEAD_TYPES_H
#define BULKHEAD_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

#define BH_PACKED __attribute__((packed))
#define BH_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/** Compile-time check of a layout fact, usable at file scope. */
#define BH_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)

#endif
