/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Memory and string functions for the freestanding builds (loader,
 * hypervisor and inmates, 32-bit ones too). Simple loops: none of these
 * but memcpy and memset is on a hot path.
 */
#include "bh_string.h"

/* GNU-EFI's libefi brings its own memcpy and memset; the loader uses
 * those (BH_LIBC_HAS_MEMCPY_MEMSET). */

#if !defined(BH_LIBC_HAS_MEMCPY_MEMSET) && !defined(__x86_64__)
/* 32-bit inmates (inmates/lib/header-32.S): a byte a step will do. */
void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;

	asm volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *d = dst;

	asm volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}
#elif !defined(BH_LIBC_HAS_MEMCPY_MEMSET)
/* x86 string instructions, 8 bytes a step: clearing and loading a cell's
 * hundreds of MiB at boot is most of the hypervisor's start-up time under
 * emulation, and byte loops cost eight times the steps. */
void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	size_t q = n / 8, r = n % 8;

	asm volatile("rep movsq\n\t"
		     "mov %3, %%rcx\n\t"
		     "rep movsb"
		     : "+D"(d), "+S"(src), "+c"(q)
		     : "r"(r)
		     : "memory");
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	u64 pattern = 0x0101010101010101ULL * (u8)c;
	void *d = dst;
	size_t q = n / 8, r = n % 8;

	asm volatile("rep stosq\n\t"
		     "mov %3, %%rcx\n\t"
		     "rep stosb"
		     : "+D"(d), "+c"(q), "+a"(pattern)
		     : "r"(r)
		     : "memory");
	return dst;
}

#endif

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (u8)*a - (u8)*b;
		if (!*a)
			break;
	}
	return 0;
}

int strcmp(const char *a, const char *b)
{
	for (; *a && *a == *b; a++, b++)
		;
	return (u8)*a - (u8)*b;
}
