/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The few string and memory functions the shared code uses. On the host the
 * C library provides them; freestanding builds (loader, hypervisor) link
 * core/lib/string.c. GCC may also emit calls to memcpy/memset/memmove/memcmp
 * on its own, which is why they keep their standard names.
 */
#ifndef BULKHEAD_BH_STRING_H
#define BULKHEAD_BH_STRING_H

#include <bulkhead/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif
