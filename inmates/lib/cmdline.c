/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * The inmate's command line: a NUL-terminated text at guest 0x1000, as in
 * Jailhouse's inmates. A cell config gives it inline (struct bh_cmdline:
 * the image builder makes it the last blob, so it overwrites the empty
 * buffer of the program image). Parameters are `name=value` words
 * separated by spaces or newlines; at most 256 bytes are read.
 */
#include "inmate.h"

#define CMDLINE_SIZE 256

/* One byte more than a blob may fill, so the text always ends. */
char cmdline[CMDLINE_SIZE + 1] __attribute__((section(".cmdline")));

/* The value of parameter @p name, or NULL; *@p len gets its length. */
static bool separator(char c)
{
	return c == ' ' || c == '\n';
}

static const char *find(const char *name, unsigned int *len)
{
	const char *p = cmdline;
	unsigned int n;

	while (*p) {
		while (separator(*p))
			p++;
		for (n = 0; name[n] && p[n] == name[n]; n++)
			;
		if (!name[n] && p[n] == '=') {
			p += n + 1;
			for (*len = 0; p[*len] && !separator(p[*len]); (*len)++)
				;
			return p;
		}
		while (*p && !separator(*p))
			p++;
	}
	return NULL;
}

bool cmdline_str(const char *name, char *buf, unsigned int size)
{
	unsigned int len, i;
	const char *v = find(name, &len);

	if (!v || !size)
		return false;
	for (i = 0; i < len && i + 1 < size; i++)
		buf[i] = v[i];
	buf[i] = '\0';
	return true;
}

long cmdline_int(const char *name, long fallback)
{
	unsigned int len, i, base = 10;
	const char *v = find(name, &len);
	bool neg = false;
	long n = 0;

	if (!v || !len)
		return fallback;
	i = 0;
	if (v[0] == '-') {
		neg = true;
		i = 1;
	}
	if (len > i + 2 && v[i] == '0' && (v[i + 1] == 'x' || v[i + 1] == 'X')) {
		base = 16;
		i += 2;
	}
	for (; i < len; i++) {
		char c = v[i];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = (unsigned int)(c - 'a' + 10);
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = (unsigned int)(c - 'A' + 10);
		else
			return fallback;
		if (d >= base)
			return fallback;
		n = n * (long)base + (long)d;
	}
	return neg ? -n : n;
}
