/*
 * sip_pl.h - pointer-length slices of a caller's buffer, and the few small
 * conversions every SIP module needs (numbers with overflow checks,
 * case-insensitive comparison, %HH unescaping, quoted-string unquoting).
 *
 * A slice never owns its bytes: it points into the message it came from.
 * An unset slice has p == NULL; an empty but present one has p != NULL and
 * l == 0 (e.g. "Subject:" with no value).
 */
#ifndef SIP_PL_H
#define SIP_PL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sip_pl {
	const char *p;
	size_t l;
};

#define SIP_PL_INIT(s) { (s), sizeof(s) - 1 }

static inline bool sip_pl_isset(const struct sip_pl *pl)
{
	return pl->p != NULL;
}

static inline struct sip_pl sip_pl_mk(const char *p, size_t l)
{
	struct sip_pl pl = { p, l };
	return pl;
}

/* Equality with a C string: exact, or ASCII case-insensitive. */
bool sip_pl_eq(const struct sip_pl *pl, const char *s);

static inline unsigned char sip_lc(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c;
}

/* Inline: with a literal S the length test folds to a constant, so a
 * chain of parameter names mostly costs one compare each. */
static inline bool sip_pl_caseeq(const struct sip_pl *pl, const char *s)
{
	size_t i, n = __builtin_strlen(s);

	if (!pl->p || pl->l != n)
		return false;
	for (i = 0; i < n; i++)
		if (sip_lc((unsigned char)pl->p[i]) != sip_lc((unsigned char)s[i]))
			return false;
	return true;
}
/* Two slices, ASCII case-insensitive / exact. */
/* sip_pl_caseeq() for a literal S already in lower case (parameter
 * names): only the slice side is folded. */
static inline bool sip_pl_lceq(const struct sip_pl *pl, const char *s)
{
	size_t i, n = __builtin_strlen(s);

	if (!pl->p || pl->l != n)
		return false;
	for (i = 0; i < n; i++)
		if (sip_lc((unsigned char)pl->p[i]) != (unsigned char)s[i])
			return false;
	return true;
}
/*
 * The N bytes at P (1 <= N) are the N bytes at LIT, each byte of P ORed
 * with FOLD first.  Word loads that overlap rather than a loop, never
 * past P + N or LIT + N.
 */
static inline bool sip_bytes_eq(const void *p, const char *lit, size_t n,
				uint8_t fold)
{
	const unsigned char *a = p;
	size_t i;

	if (n >= 8) {
		uint64_t x, y, m = fold * 0x0101010101010101ULL;

		for (i = 0; i + 8 < n; i += 8) {
			__builtin_memcpy(&x, a + i, 8);
			__builtin_memcpy(&y, lit + i, 8);
			if ((x | m) != y)
				return false;
		}
		__builtin_memcpy(&x, a + n - 8, 8);
		__builtin_memcpy(&y, lit + n - 8, 8);
		return (x | m) == y;
	}
	if (n >= 4) {
		uint32_t x, y, u, v, m = fold * 0x01010101U;

		__builtin_memcpy(&x, a, 4);
		__builtin_memcpy(&y, lit, 4);
		__builtin_memcpy(&u, a + n - 4, 4);
		__builtin_memcpy(&v, lit + n - 4, 4);
		return ((x | m) == y) & ((u | m) == v);
	}
	if (n >= 2) {
		uint16_t x, y, u, v, m = (uint16_t)(fold * 0x0101U);

		__builtin_memcpy(&x, a, 2);
		__builtin_memcpy(&y, lit, 2);
		__builtin_memcpy(&u, a + n - 2, 2);
		__builtin_memcpy(&v, lit + n - 2, 2);
		return ((uint16_t)(x | m) == y) & ((uint16_t)(u | m) == v);
	}
	return (a[0] | fold) == (unsigned char)lit[0];
}

/*
 * The N bytes at P (1 <= N) are the lower-case text LC (letters and '-'),
 * ignoring ASCII case, for P's bytes from a token (a header or parameter
 * name): c | 0x20 is a lower-case letter only for that letter and its
 * capital, and '-' only for '-' or a CR, which no token holds.
 */
static inline bool sip_tok_lceq(const void *p, const char *lc, size_t n)
{
	return sip_bytes_eq(p, lc, n, 0x20);
}
bool sip_pl_caseeq_pl(const struct sip_pl *a, const struct sip_pl *b);
bool sip_pl_eq_pl(const struct sip_pl *a, const struct sip_pl *b);

/*
 * Decimal digits only (leading zeros allowed, RFC 4475 wsinv), value at most
 * MAX: 0, -EINVAL (empty or not a digit), -ERANGE (above MAX).
 */
int sip_pl_u32_long(const struct sip_pl *pl, uint32_t max, uint32_t *v);
static inline int sip_pl_u32(const struct sip_pl *pl, uint32_t max,
			     uint32_t *v)
{
	uint32_t acc = 0;
	size_t i;

	/* Nine digits cannot overflow: the usual short number in line.  The
	 * value only grows, so "above MAX before a bad byte" is "above MAX
	 * at it". */
	if (!pl->p || pl->l == 0 || pl->l > 9)
		return sip_pl_u32_long(pl, max, v);
	for (i = 0; i < pl->l; i++) {
		unsigned d = (unsigned char)pl->p[i] - (unsigned)'0';

		if (d > 9)
			return acc > max ? -ERANGE : -EINVAL;
		acc = acc * 10 + d;
	}
	if (acc > max)
		return -ERANGE;
	*v = acc;
	return 0;
}

/*
 * Undo %HH escapes (RFC 3261 s.25.1 "escaped") once, into DST of CAP bytes.
 * An escaped NUL stays a NUL byte (RFC 4475 escnull): use *OUTLEN, not
 * strlen.  -EINVAL on a bad escape, -ENOBUFS if DST is too small.
 */
int sip_pl_unescape(char *dst, size_t cap, const struct sip_pl *src,
		    size_t *outlen);

/*
 * The contents of a quoted-string without its quotes and with quoted-pairs
 * resolved (RFC 3261 s.25.1).  SRC may include the surrounding quotes or
 * not.  -ENOBUFS if DST is too small.
 */
int sip_pl_unquote(char *dst, size_t cap, const struct sip_pl *src,
		   size_t *outlen);

/* Copy into a NUL-terminated C string; -ENOBUFS if it does not fit. */
int sip_pl_strcpy(char *dst, size_t cap, const struct sip_pl *src);

#endif
