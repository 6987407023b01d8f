/*
 * dns.h - name resolution for SIP: A and SRV through c-ares inside the
 * libuv loop, the guide's resolver order, and SRV failover.
 *
 * The guide, "Routing and Proxy Features" (Support of DNS SRV): the phone
 * finds its proxy with an RFC 2782 query "_sip._udp.<domain>", remembers
 * every address the records give and may use any of them (all proxies of
 * one SRV set are equivalent, draft-ietf-sip-srv-01).  Table 3-1 / Table
 * 3-3: DNS servers are asked in the order dyn_dns_addr_1, dyn_dns_addr_2,
 * DNS Server 1..5; only dotted IPv4 addresses are servers.
 *
 * RFC 3263 §4 as a UDP-only phone uses it (dns_resolve_sip):
 *   - a dotted IPv4 host is the target itself, no query;
 *   - a host with an explicit port: A records of the host, that port;
 *   - otherwise SRV "_sip._udp.<host>": records by priority, then weighted
 *     random order within a priority (RFC 2782); each record's target
 *     expanded to its A records (the answer's additional section when it
 *     has them, else an A query); a lone target "." means the service is
 *     decidedly not offered (-EHOSTUNREACH, no fallback);
 *   - no SRV record (NXDOMAIN or no data): A records of the host, port 5060.
 *
 * The result is an ordered list of targets (IPv4 address and UDP port); the
 * transaction layer walks it with dns_targets_next() when a target does not
 * answer (RFC 3263 §4.3).
 *
 * Every callback runs from the loop, never from inside the call that
 * started the request, and never from inside c-ares.  Errors are negative
 * errno values (dns_strerror() says what they mean here); 0 is success.
 *
 * This header needs no host header: the SRV ordering and the target list
 * (dns_srv.c) are part of the bare-metal core; the resolver (dns_resolver.c)
 * needs an OS, c-ares and libuv.
 */
#ifndef DNS_H
#define DNS_H

#include <stddef.h>
#include <stdint.h>

/* Limits (named, and tested at and past the edge). */
enum {
	DNS_NAME_MAX      = 253, /* bytes in a host name, no trailing dot (RFC 1035 §2.3.4) */
	DNS_SERVERS_MAX   = 7,   /* dyn_dns_addr_1, _2, DNS Server 1..5 */
	DNS_DYN_SERVERS   = 2,   /* dyn_dns_addr_1, dyn_dns_addr_2 (Table 3-3) */
	DNS_STATIC_SERVERS = 5,  /* DNS Server 1..5 (Table 3-1) */
	DNS_SRV_MAX       = 16,  /* SRV records kept per answer (best priorities) */
	DNS_ADDR_MAX      = 8,   /* A records kept per name */
	DNS_TARGETS_MAX   = 32,  /* targets in one result */
	DNS_REQS_MAX      = 64,  /* requests in flight per resolver */
	DNS_TARGET_STRLEN = 22,  /* "255.255.255.255:65535" and NUL */
};

/* RFC 3261 §19.1.2: the SIP default port, when an SRV record gives none. */
#define DNS_SIP_PORT 5060u

/* Defaults of struct dns_config (0 in a field takes them). */
#define DNS_PORT_DEFAULT       53u
#define DNS_TIMEOUT_MS_DEFAULT 2000u /* first try per server; c-ares doubles it per round */
#define DNS_TRIES_DEFAULT      2u    /* rounds over the server list */
/* c-ares alone may take servers x (timeout x (2^tries - 1)): each request
 * also has a deadline of its own, at which its callback gets -ETIMEDOUT.
 * The default is RFC 3261 Timer B (64 x T1): a request would have failed
 * by then anyway. */
#define DNS_DEADLINE_MS_DEFAULT 32000u
#define DNS_TIMEOUT_MS_MAX     30000u
#define DNS_TRIES_MAX          8u
#define DNS_DEADLINE_MS_MAX    300000u

/* A source of uniform 32-bit random numbers (RFC 2782 weighted selection);
 * tests inject a deterministic one. */
typedef uint32_t dns_rng_fn(void *arg);

/* One place to send a request to. */
struct dns_target {
	uint32_t addr;     /* IPv4, network byte order (as in_addr.s_addr) */
	uint16_t port;     /* host byte order */
	uint16_t priority; /* of the SRV record it came from; 0 without SRV */
	uint16_t weight;
};

/*
 * An ordered list of targets with a failover cursor.  It is a plain value:
 * copy it (struct assignment) to keep it past the callback.
 */
struct dns_targets {
	uint8_t n;        /* targets in t[] */
	uint8_t next;     /* index dns_targets_next() returns next */
	uint8_t srv;      /* 1 when the list came from SRV records */
	uint8_t dropped;  /* records or addresses past the limits, not listed
			   * (saturates at 255) */
	uint8_t unresolved; /* SRV targets whose A lookup failed */
	struct dns_target t[DNS_TARGETS_MAX];
};

/* Failover.  The first call returns t[0]; each further call the next
 * target; NULL when every target has been tried. */
const struct dns_target *dns_targets_next(struct dns_targets *l);
/* The target the last dns_targets_next() returned (the one in use), or
 * NULL before the first call and after the last. */
const struct dns_target *dns_targets_current(const struct dns_targets *l);
/* Start over at the first target (a new transaction, RFC 3263 §4.3). */
void dns_targets_rewind(struct dns_targets *l);
/* "a.b.c.d:port"; returns the length, or -ENOSPC when SIZE is too small
 * (DNS_TARGET_STRLEN always suffices). */
int dns_target_format(const struct dns_target *t, char *buf, size_t size);

/* One SRV record (RFC 2782); target is "" for ".". */
struct dns_srv {
	char target[DNS_NAME_MAX + 1];
	uint16_t priority, weight, port;
};

/*
 * RFC 2782 ordering, in place: ascending priority; within one priority, the
 * weighted random selection of the RFC (zero weights first in the
 * arrangement, a uniform number in 0..sum inclusive, the first record whose
 * running sum reaches it), repeated until the priority is ordered.  The
 * arrangement before selection is canonical (weight 0 first, then target,
 * then port), so the result depends on RNG only, not on the order the
 * server answered in.  N at most DNS_SRV_MAX, else -E2BIG; RNG required.
 */
int dns_srv_order(struct dns_srv *v, size_t n, dns_rng_fn *rng, void *arg);

/*
 * The resolver.  Servers are taken in the guide's order and asked in that
 * order, each in turn, every round (no rotation): dyn_dns_addr_1,
 * dyn_dns_addr_2, DNS Server 1..5.  An entry that is NULL, "" or "0.0.0.0"
 * (the guide: "use 0.0.0.0 if not required") is absent; a repeated address
 * is asked once, at its first place; anything else but a dotted IPv4
 * address is -EINVAL.  No server at all is allowed: dotted addresses still
 * resolve, names fail with -EDESTADDRREQ.  The system configuration
 * (/etc/resolv.conf, search domains, hosts file) is never read.
 */
struct dns_config {
	const char *dyn_dns_addr[DNS_DYN_SERVERS];   /* Table 3-3 */
	const char *dns_server[DNS_STATIC_SERVERS];  /* Table 3-1 */
	uint16_t port;        /* UDP (and TCP) port of every server; 0: 53 */
	unsigned timeout_ms;  /* first try per server; 0: default */
	unsigned tries;       /* rounds over the servers; 0: default */
	unsigned deadline_ms; /* per request, all queries; 0: default */
	dns_rng_fn *rng;      /* NULL: the resolver's own generator */
	void *rng_arg;
};

/* The servers CFG names, in the order they are asked, as network-order
 * IPv4 addresses: the count (0..DNS_SERVERS_MAX) or -EINVAL. */
int dns_config_servers(const struct dns_config *cfg,
		       uint32_t out[DNS_SERVERS_MAX]);

struct uv_loop_s; /* uv_loop_t */
struct dns_resolver;
struct dns_req;

/* ERR is 0 with T holding at least one target, or negative with T NULL.
 * T lives until the callback returns. */
typedef void dns_cb(void *arg, int err, const struct dns_targets *t);
typedef void dns_close_cb(void *arg);

int dns_resolver_open(struct uv_loop_s *loop, const struct dns_config *cfg,
		      struct dns_resolver **rp);
/*
 * Cancel every request (each callback not yet run runs now, inside this
 * call, with -ECANCELED), then close the resolver's libuv handles; CB (may
 * be NULL) runs from the loop once they are closed and the resolver freed.
 * A second call before CB has run does nothing.  (New servers, e.g. a new
 * dyn_dns_addr_1 from a configuration file: close and open again.)
 */
void dns_resolver_close(struct dns_resolver *r, dns_close_cb *cb, void *arg);

/*
 * Targets for SIP over UDP to HOST (RFC 3263, see above); PORT 0 when the
 * URI gave none.  REQP (may be NULL) receives a handle for dns_cancel().
 * Returns 0 (CB will run exactly once, from the loop: with the targets,
 * or an error such as -ENOENT, -ETIMEDOUT, -EHOSTUNREACH, -EDESTADDRREQ
 * when no server is configured), or without calling CB: -EINVAL (empty
 * host), -ENAMETOOLONG (above DNS_NAME_MAX), -EBUSY (DNS_REQS_MAX requests
 * in flight), -ECANCELED (resolver closing), -ENOMEM.
 */
int dns_resolve_sip(struct dns_resolver *r, const char *host, uint16_t port,
		    dns_cb *cb, void *arg, struct dns_req **reqp);
/* A records of HOST (a dotted address is itself), every target with PORT. */
int dns_resolve_a(struct dns_resolver *r, const char *host, uint16_t port,
		  dns_cb *cb, void *arg, struct dns_req **reqp);
/* Forget a request whose callback has not run: it never will.  (The owner
 * goes away; the queries already sent finish unseen.) */
void dns_cancel(struct dns_req *q);

/* What a negative value from this module means. */
const char *dns_strerror(int err);

#endif /* DNS_H */
