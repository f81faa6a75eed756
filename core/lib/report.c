/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Message formatting for every environment Bulkhead's shared code runs in.
 * The host could use its C library, but one formatter everywhere means a
 * message reads the same on the build machine and on the serial console.
 */
#include "report.h"

struct out {
	char *buf;
	size_t size;
	size_t len;	/* length of the full output so far */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

struct spec {
	bool left;
	bool zero;
	int width;
	int precision;	/* -1: none; only %s uses it */
};

static void put_str(struct out *o, const struct spec *s, const char *str)
{
	int i, n = 0;

	if (!str)
		str = "(null)";
	while ((s->precision < 0 || n < s->precision) && str[n])
		n++;
	if (!s->left)
		pad(o, ' ', s->width - n);
	for (i = 0; i < n; i++)
		put(o, str[i]);
	if (s->left)
		pad(o, ' ', s->width - n);
}

static void put_num(struct out *o, const struct spec *s, u64 v, bool neg,
		    unsigned int base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	len = n + (neg ? 1 : 0);
	if (!s->left && !s->zero)
		pad(o, ' ', s->width - len);
	if (neg)
		put(o, '-');
	if (!s->left && s->zero)
		pad(o, '0', s->width - len);
	while (n)
		put(o, tmp[--n]);
	if (s->left)
		pad(o, ' ', s->width - len);
}

/* Fetch an integer argument of the length given by the modifier count. */
static u64 get_uint(va_list *ap, int lmod)
{
	if (lmod >= 2)
		return va_arg(*ap, unsigned long long);
	if (lmod == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static s64 get_int(va_list *ap, int lmod)
{
	if (lmod >= 2)
		return va_arg(*ap, long long);
	if (lmod == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static const char *parse_spec(const char *f, struct spec *s, int *lmod)
{
	s->left = s->zero = false;
	s->width = 0;
	*lmod = 0;
	for (; *f == '-' || *f == '0'; f++) {
		if (*f == '-')
			s->left = true;
		else
			s->zero = true;
	}
	while ((unsigned int)(*f - '0') < 10)
		s->width = s->width * 10 + (*f++ - '0');
	s->precision = -1;
	if (*f == '.') {
		s->precision = 0;
		for (f++; (unsigned int)(*f - '0') < 10; f++)
			s->precision = s->precision * 10 + (*f - '0');
	}
	for (; *f == 'l' || *f == 'z'; f++)
		*lmod += 1;	/* l, ll; z counts as l (size_t is 64-bit) */
	return f;
}

int bh_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	struct spec s;
	va_list args;
	int lmod;
	s64 sv;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &s, &lmod);
		switch (*fmt) {
		case 'd':
		case 'i':
			sv = get_int(&args, lmod);
			put_num(&o, &s, sv < 0 ? -(u64)sv : (u64)sv, sv < 0,
				10, false);
			break;
		case 'u':
			put_num(&o, &s, get_uint(&args, lmod), false, 10, false);
			break;
		case 'x':
		case 'X':
			put_num(&o, &s, get_uint(&args, lmod), false, 16,
				*fmt == 'X');
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_num(&o, &s, (u64)(uintptr_t)va_arg(args, void *),
				false, 16, false);
			break;
		case 's':
			put_str(&o, &s, va_arg(args, const char *));
			break;
		case 'c':
			put(&o, (char)va_arg(args, int));
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;	/* a lone '%' at the end: stop cleanly */
			break;
		default:	/* unknown conversion: show it verbatim */
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int bh_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = bh_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void bh_error(struct bh_report *r, const char *fmt, ...)
{
	char line[BH_REPORT_LINE];
	va_list ap;

	va_start(ap, fmt);
	bh_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	r->errors++;
	if (r->emit)
		r->emit(r->ctx, line);
}

void bh_hex(char *out, const u8 *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[data[i] >> 4];
		out[2 * i + 1] = digits[data[i] & 0xf];
	}
	out[2 * len] = '\0';
}
