/*
 * sip_pl.c - slice helpers shared by the SIP modules (see sip_pl.h).
 */
#include <errno.h>
#include <string.h>

#include "sip/sip_pl.h"

static inline unsigned char lc(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c;
}

bool sip_pl_eq(const struct sip_pl *pl, const char *s)
{
	size_t n = strlen(s);

	return pl->p && pl->l == n && memcmp(pl->p, s, n) == 0;
}

bool sip_pl_caseeq_pl(const struct sip_pl *a, const struct sip_pl *b)
{
	size_t i;

	if (!a->p || !b->p || a->l != b->l)
		return false;
	for (i = 0; i < a->l; i++)
		if (lc((unsigned char)a->p[i]) != lc((unsigned char)b->p[i]))
			return false;
	return true;
}

bool sip_pl_eq_pl(const struct sip_pl *a, const struct sip_pl *b)
{
	return a->p && b->p && a->l == b->l && memcmp(a->p, b->p, a->l) == 0;
}

int sip_pl_u32_long(const struct sip_pl *pl, uint32_t max, uint32_t *v)
{
	uint64_t acc = 0;
	size_t i;

	if (!pl->p || pl->l == 0)
		return -EINVAL;
	for (i = 0; i < pl->l; i++) {
		unsigned char c = (unsigned char)pl->p[i];

		if (c < '0' || c > '9')
			return -EINVAL;
		acc = acc * 10 + (c - '0');
		/* Leading zeros may make the text long; the value decides. */
		if (acc > max)
			return -ERANGE;
	}
	*v = (uint32_t)acc;
	return 0;
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = lc(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int sip_pl_unescape(char *dst, size_t cap, const struct sip_pl *src,
		    size_t *outlen)
{
	size_t i = 0, n = 0;
	int err = 0;

	while (i < src->l) {
		unsigned char c = (unsigned char)src->p[i];

		if (c == '%') {
			int hi, lo;

			if (src->l - i < 3) {
				err = -EINVAL;
				goto out;
			}
			hi = hexval((unsigned char)src->p[i + 1]);
			lo = hexval((unsigned char)src->p[i + 2]);
			if (hi < 0 || lo < 0) {
				err = -EINVAL;
				goto out;
			}
			c = (unsigned char)(hi << 4 | lo);
			i += 3;
		} else {
			i++;
		}
		if (n >= cap) {
			err = -ENOBUFS;
			goto out;
		}
		dst[n++] = (char)c;
	}
out:
	*outlen = n;
	return err;
}

int sip_pl_unquote(char *dst, size_t cap, const struct sip_pl *src,
		   size_t *outlen)
{
	size_t i = 0, end = src->l, n = 0;
	int err = 0;

	if (end >= 2 && src->p[0] == '"' && src->p[end - 1] == '"') {
		i = 1;
		end--;
	}
	while (i < end) {
		char c = src->p[i++];

		if (c == '\\' && i < end)
			c = src->p[i++];
		if (n >= cap) {
			err = -ENOBUFS;
			goto out;
		}
		dst[n++] = c;
	}
out:
	*outlen = n;
	return err;
}

int sip_pl_strcpy(char *dst, size_t cap, const struct sip_pl *src)
{
	if (cap == 0 || src->l >= cap)
		return -ENOBUFS;
	if (src->l)
		memcpy(dst, src->p, src->l);
	dst[src->l] = '\0';
	return 0;
}
