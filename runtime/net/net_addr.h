/*
 * net_addr.h - IPv4 address and port, independent of any socket API
 * (the phone is IPv4, as the 7940/7960 is).  Host byte order inside;
 * conversions to and from the wire are the platform's business.
 */
#ifndef NET_ADDR_H
#define NET_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { NET_ADDR_STR_MAX = 22 }; /* "255.255.255.255:65535" + NUL */

struct net_addr {
	uint32_t ip;   /* 10.0.0.1 is 0x0a000001 */
	uint16_t port;
};

/* Dotted quad (exactly; no leading '+', no hex) of LEN bytes: 0 or
 * -EINVAL. */
int net_addr_parse_ip(const char *s, size_t len, uint32_t *ip);
/* "a.b.c.d:port" into BUF (at least NET_ADDR_STR_MAX bytes). */
const char *net_addr_fmt(const struct net_addr *a, char *buf, size_t size);
/* "a.b.c.d" */
const char *net_addr_fmt_ip(uint32_t ip, char *buf, size_t size);

static inline bool net_addr_eq(const struct net_addr *a,
			       const struct net_addr *b)
{
	return a->ip == b->ip && a->port == b->port;
}

#endif
