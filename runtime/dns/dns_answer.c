/*
 * dns_answer.c - SRV and A answers into bounded records (dns_answer.h).
 *
 * c-ares parses the answer section; the additional section (RFC 2782:
 * "the additional data section ... may contain the A records of the
 * targets") is walked here, bounded by the message length.  Every answer
 * comes off the network: lengths are checked before each read.
 */
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

/* ares.h uses fd_set and struct hostent without including them */
#include <netdb.h>
#include <sys/select.h>

#include <ares.h>

#include "dns/dns_answer.h"

int dns__ares_err(int status)
{
	switch (status) {
	case ARES_SUCCESS:      return 0;
	case ARES_ENODATA:      return -ENODATA;
	case ARES_ENOTFOUND:    return -ENOENT;
	case ARES_ETIMEOUT:     return -ETIMEDOUT;
	case ARES_ECONNREFUSED: return -ECONNREFUSED;
	case ARES_ESERVFAIL:
	case ARES_ENOTIMP:      return -EIO;
	case ARES_EREFUSED:     return -EACCES;
	case ARES_EFORMERR:
	case ARES_EBADRESP:
	case ARES_EBADFAMILY:   return -EBADMSG;
	case ARES_EBADNAME:
	case ARES_EBADQUERY:
	case ARES_EBADSTR:
	case ARES_EBADFLAGS:    return -EINVAL;
	case ARES_ENOMEM:       return -ENOMEM;
	case ARES_ECANCELLED:
	case ARES_EDESTRUCTION: return -ECANCELED;
	default:                return -EIO;
	}
}

/* From a parser, EBADNAME is a name in the answer that cannot be read:
 * the answer is malformed, not the name asked. */
static int answer_err(int status)
{
	return status == ARES_EBADNAME ? -EBADMSG : dns__ares_err(status);
}

static unsigned get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* Offset just past the (possibly compressed) name at OFF, or -1. */
static int skip_name(const unsigned char *abuf, int alen, int off)
{
	while (off < alen) {
		unsigned len = abuf[off];

		if ((len & 0xc0) == 0xc0)
			return off + 2 <= alen ? off + 2 : -1;
		if (len & 0xc0) /* 0x40, 0x80: reserved label types */
			return -1;
		if (len == 0)
			return off + 1;
		off += 1 + (int)len;
	}
	return -1;
}

static void add_addr(struct dns__srv_set *s, const char *name, uint32_t a)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		struct dns__srv_rec *r = &s->rec[i];

		if (strcasecmp(r->srv.target, name) != 0)
			continue;
		if (r->naddr < DNS_ADDR_MAX)
			r->addr[r->naddr++] = a;
		else
			s->dropped++;
	}
}

/* The additional section's A records, attached to matching targets.  A
 * malformed section is ignored: the A queries will be made instead. */
static void additional(const unsigned char *abuf, int alen,
		       struct dns__srv_set *s)
{
	unsigned qd, an, ns, ar, i;
	int off = 12;

	if (alen < 12)
		return;
	qd = get16(abuf + 4);
	an = get16(abuf + 6);
	ns = get16(abuf + 8);
	ar = get16(abuf + 10);
	for (i = 0; i < qd; i++) {
		off = skip_name(abuf, alen, off);
		if (off < 0 || off + 4 > alen)
			return;
		off += 4;
	}
	for (i = 0; i < an + ns; i++) {
		off = skip_name(abuf, alen, off);
		if (off < 0 || off + 10 > alen)
			return;
		off += 10 + (int)get16(abuf + off + 8);
		if (off > alen)
			return;
	}
	for (i = 0; i < ar && off < alen; i++) {
		char *name = NULL;
		long enc = 0;
		unsigned type, class, rdlen;
		int p;

		if (ares_expand_name(abuf + off, abuf, alen, &name, &enc) !=
		    ARES_SUCCESS)
			return;
		p = off + (int)enc;
		if (enc <= 0 || p + 10 > alen) {
			ares_free_string(name);
			return;
		}
		type = get16(abuf + p);
		class = get16(abuf + p + 2);
		rdlen = get16(abuf + p + 8);
		p += 10;
		if (p + (int)rdlen > alen) {
			ares_free_string(name);
			return;
		}
		if (type == 1 /* A */ && class == 1 /* IN */ && rdlen == 4) {
			uint32_t a;

			memcpy(&a, abuf + p, 4);
			add_addr(s, name, a);
		}
		ares_free_string(name);
		off = p + (int)rdlen;
	}
}

/* Keep the DNS_SRV_MAX records of lowest priority, answer order within a
 * priority: insert after every record of the same or better priority. */
static void keep(struct dns__srv_set *s, const struct ares_srv_reply *r)
{
	size_t i, at;

	for (at = s->n; at > 0 && s->rec[at - 1].srv.priority > r->priority; at--)
		;
	if (at == DNS_SRV_MAX) { /* worse than every record kept */
		s->dropped++;
		return;
	}
	if (s->n == DNS_SRV_MAX) {
		s->n--; /* the last (worst) one goes */
		s->dropped++;
	}
	for (i = s->n; i > at; i--)
		s->rec[i] = s->rec[i - 1];
	memset(&s->rec[at], 0, sizeof(s->rec[at]));
	memcpy(s->rec[at].srv.target, r->host, strlen(r->host) + 1);
	s->rec[at].srv.priority = r->priority;
	s->rec[at].srv.weight = r->weight;
	s->rec[at].srv.port = r->port;
	s->n++;
}

int dns__srv_parse(const unsigned char *abuf, int alen, dns_rng_fn *rng,
		   void *arg, struct dns__srv_set *s)
{
	struct dns_srv v[DNS_SRV_MAX];
	struct ares_srv_reply *list = NULL, *r;
	size_t i;
	unsigned dots = 0, total = 0;
	int err;

	s->n = 0;
	s->dropped = 0;
	if (!abuf || alen <= 0)
		return -EBADMSG;
	err = answer_err(ares_parse_srv_reply(abuf, alen, &list));
	if (err)
		goto out;
	for (r = list; r; r = r->next) {
		size_t len = r->host ? strlen(r->host) : 0;

		total++;
		if (!r->host || len == 0 || strcmp(r->host, ".") == 0) {
			dots++; /* RFC 2782: "." is "decidedly not available" */
			continue;
		}
		if (len > DNS_NAME_MAX) { /* cannot be: ares expands to 255 */
			s->dropped++;
			continue;
		}
		keep(s, r);
	}
	if (s->n == 0) {
		err = total && dots == total ? -EHOSTUNREACH : -ENODATA;
		goto out;
	}
	/* order before the addresses are attached: they follow their record */
	for (i = 0; i < s->n; i++)
		v[i] = s->rec[i].srv;
	err = dns_srv_order(v, s->n, rng, arg);
	if (err)
		goto out;
	for (i = 0; i < s->n; i++)
		s->rec[i].srv = v[i];
	additional(abuf, alen, s);
out:
	if (list)
		ares_free_data(list);
	return err;
}

int dns__a_parse(const unsigned char *abuf, int alen,
		 uint32_t addr[DNS_ADDR_MAX], unsigned *dropped)
{
	struct hostent *h = NULL;
	int err, n = 0;

	if (!abuf || alen <= 0)
		return -EBADMSG;
	err = answer_err(ares_parse_a_reply(abuf, alen, &h, NULL, NULL));
	if (err)
		goto out;
	if (h->h_addrtype != AF_INET || h->h_length != 4) {
		err = -EBADMSG;
		goto out;
	}
	for (; h->h_addr_list[n]; n++) {
		if (n >= DNS_ADDR_MAX) {
			(*dropped)++;
			continue;
		}
		memcpy(&addr[n], h->h_addr_list[n], 4);
	}
	if (n > DNS_ADDR_MAX)
		n = DNS_ADDR_MAX;
	err = n ? n : -ENODATA;
out:
	if (h)
		ares_free_hostent(h);
	return err;
}
