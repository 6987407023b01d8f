/*
 * dns_srv.c - RFC 2782 ordering of SRV records, the failover cursor over a
 * target list, and the module's error messages.  No OS here: this is part
 * of the bare-metal core.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dns/dns.h"

const struct dns_target *dns_targets_next(struct dns_targets *l)
{
	if (!l || l->next >= l->n || l->n > DNS_TARGETS_MAX)
		return NULL;
	return &l->t[l->next++];
}

const struct dns_target *dns_targets_current(const struct dns_targets *l)
{
	if (!l || l->next == 0 || l->next > l->n || l->n > DNS_TARGETS_MAX)
		return NULL;
	return &l->t[l->next - 1];
}

void dns_targets_rewind(struct dns_targets *l)
{
	if (l)
		l->next = 0;
}

int dns_target_format(const struct dns_target *t, char *buf, size_t size)
{
	/* addr is in network byte order: the first octet is the first byte. */
	const uint8_t *a = (const uint8_t *)&t->addr;
	int n;

	n = snprintf(buf, size, "%u.%u.%u.%u:%u", a[0], a[1], a[2], a[3],
		     (unsigned)t->port);
	if (n < 0 || (size_t)n >= size)
		return -ENOSPC;
	return n;
}

/* The canonical arrangement before a weighted selection: RFC 2782 wants
 * zero weights at the beginning; the rest is ours, so that the order the
 * server sent does not change the outcome. */
static int arrange_cmp(const struct dns_srv *a, const struct dns_srv *b)
{
	int c;

	if ((a->weight == 0) != (b->weight == 0))
		return a->weight == 0 ? -1 : 1;
	c = strcmp(a->target, b->target);
	if (c)
		return c;
	return (int)a->port - (int)b->port;
}

/* Stable insertion sort (N <= DNS_SRV_MAX). */
static void sort(struct dns_srv *v, size_t n, int by_priority)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct dns_srv x = v[i];

		for (j = i; j > 0; j--) {
			int c = by_priority ? (int)v[j - 1].priority - (int)x.priority
					    : arrange_cmp(&v[j - 1], &x);
			if (c <= 0)
				break;
			v[j] = v[j - 1];
		}
		v[j] = x;
	}
}

/* RFC 2782 "Usage rules": order V[0..N) (one priority) by weighted
 * random selection. */
static void weighted(struct dns_srv *v, size_t n, dns_rng_fn *rng, void *arg)
{
	size_t k, i;

	sort(v, n, 0);
	for (k = 0; k + 1 < n; k++) {
		uint32_t sum = 0, run = 0, pick;
		struct dns_srv x;

		/* <= DNS_SRV_MAX * 65535: no overflow */
		for (i = k; i < n; i++)
			sum += v[i].weight;
		/* uniform in 0..sum inclusive, without modulo bias */
		pick = (uint32_t)(((uint64_t)rng(arg) * ((uint64_t)sum + 1)) >> 32);
		for (i = k; i < n; i++) {
			run += v[i].weight;
			if (run >= pick)
				break;
		}
		if (i == n) /* unreachable: run reaches sum >= pick */
			i = n - 1;
		/* take v[i] out, keeping the arrangement of the rest */
		x = v[i];
		memmove(&v[k + 1], &v[k], (i - k) * sizeof(*v));
		v[k] = x;
	}
}

int dns_srv_order(struct dns_srv *v, size_t n, dns_rng_fn *rng, void *arg)
{
	size_t a, b;

	if (n > DNS_SRV_MAX)
		return -E2BIG;
	if ((n && !v) || !rng)
		return -EINVAL;
	sort(v, n, 1);
	for (a = 0; a < n; a = b) {
		for (b = a + 1; b < n && v[b].priority == v[a].priority; b++)
			;
		weighted(v + a, b - a, rng, arg);
	}
	return 0;
}

const char *dns_strerror(int err)
{
	switch (err) {
	case 0:             return "success";
	case -ENOENT:       return "no such domain name (NXDOMAIN)";
	case -ENODATA:      return "the name has no records of the type asked";
	case -ETIMEDOUT:    return "no DNS server answered in time";
	case -ECONNREFUSED: return "no DNS server could be reached";
	case -EIO:          return "DNS server failure (SERVFAIL or not implemented)";
	case -EACCES:       return "DNS server refused the query (REFUSED)";
	case -EBADMSG:      return "malformed DNS answer";
	case -EINVAL:       return "invalid host name or argument";
	case -ENAMETOOLONG: return "host name longer than 253 bytes";
	case -EHOSTUNREACH: return "service not offered at this domain (SRV target \".\")";
	case -EDESTADDRREQ: return "no DNS server configured";
	case -ECANCELED:    return "cancelled";
	case -EBUSY:        return "too many DNS requests in flight";
	case -ENOMEM:       return "out of memory";
	case -E2BIG:        return "too many records";
	case -ENOSPC:       return "buffer too small";
	default:            return "unknown DNS error";
	}
}
