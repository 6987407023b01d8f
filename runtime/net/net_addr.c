/*
 * net_addr.c - dotted quads in and out.
 */
#include <errno.h>
#include <stdio.h>

#include "net/net_addr.h"

int net_addr_parse_ip(const char *s, size_t len, uint32_t *ip)
{
	uint32_t v = 0;
	size_t i = 0;
	int part;

	for (part = 0; part < 4; part++) {
		unsigned n = 0, digits = 0;

		while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 3) {
			n = n * 10 + (unsigned)(s[i++] - '0');
			digits++;
		}
		if (!digits || n > 255)
			return -EINVAL;
		v = v << 8 | n;
		if (part < 3) {
			if (i >= len || s[i] != '.')
				return -EINVAL;
			i++;
		}
	}
	if (i != len)
		return -EINVAL;
	*ip = v;
	return 0;
}

const char *net_addr_fmt_ip(uint32_t ip, char *buf, size_t size)
{
	snprintf(buf, size, "%u.%u.%u.%u", (unsigned)(ip >> 24),
		 (unsigned)(ip >> 16 & 255), (unsigned)(ip >> 8 & 255),
		 (unsigned)(ip & 255));
	return buf;
}

const char *net_addr_fmt(const struct net_addr *a, char *buf, size_t size)
{
	snprintf(buf, size, "%u.%u.%u.%u:%u", (unsigned)(a->ip >> 24),
		 (unsigned)(a->ip >> 16 & 255), (unsigned)(a->ip >> 8 & 255),
		 (unsigned)(a->ip & 255), (unsigned)a->port);
	return buf;
}
