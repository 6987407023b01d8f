/*
 * dns_answer.h - inside runtime/dns: DNS answers (as c-ares hands them
 * over) turned into bounded records.  Shared by the resolver, its unit test
 * and the fuzz harness; not part of the module's interface.
 */
#ifndef DNS_ANSWER_H
#define DNS_ANSWER_H

#include "dns/dns.h"

/* One SRV record and the addresses the additional section gave for it. */
struct dns__srv_rec {
	struct dns_srv srv;
	uint8_t naddr;
	uint32_t addr[DNS_ADDR_MAX]; /* network byte order */
};

struct dns__srv_set {
	size_t n;
	unsigned dropped; /* records past DNS_SRV_MAX or with unusable targets */
	struct dns__srv_rec rec[DNS_SRV_MAX];
};

/*
 * The SRV records of an answer: the DNS_SRV_MAX of best (lowest) priority
 * ("." records left out), in the order dns_srv_order() gives with RNG.  Addresses from
 * the additional section's A records are attached to the records whose
 * target they name.  Returns 0 with S->n >= 1, -EHOSTUNREACH when every
 * record says ".", or the mapped c-ares error (-ENODATA, -EBADMSG...).
 */
int dns__srv_parse(const unsigned char *abuf, int alen, dns_rng_fn *rng,
		   void *arg, struct dns__srv_set *s);

/* The A records of an answer (CNAMEs followed), DNS_ADDR_MAX at most; the
 * count of the rest is added to *DROPPED.  Returns the count (>= 1) or a
 * negative error. */
int dns__a_parse(const unsigned char *abuf, int alen,
		 uint32_t addr[DNS_ADDR_MAX], unsigned *dropped);

/* A c-ares status as a negative errno (dns_strerror() explains it). */
int dns__ares_err(int status);

#endif /* DNS_ANSWER_H */
