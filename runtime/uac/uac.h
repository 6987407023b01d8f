/*
 * uac.h - a request the phone originates, routed and failed over: one
 * logical request, as many client transactions as it takes.
 *
 * The guide, "Routing and Proxy Features" and Table 3-3:
 *   - outbound_proxy: every request goes there when it is set (the
 *     Request-URI does not change);
 *   - otherwise the line's proxy (proxyN_address / proxyN_port), found by
 *     DNS SRV when it is a name (each SRV target in turn, RFC 3263 4.3);
 *   - "When the primary proxy does not respond to the INVITE ... after the
 *     configured number of retries", the INVITE goes to proxy_backup and
 *     the phone shows "Network Delay, Trying Backup"; "once the backup proxy
 *     is used, it is active for the duration of the call" (UAC_STICKY);
 *   - the dial plan's Route=emergency sends the INVITE to proxy_emergency,
 *     for the whole call.
 * Only an INVITE falls back to the backup proxy; registration with the
 * backup is its own request (UAC_BACKUP_ONLY).
 *
 * No OS here: names are resolved through a resolver interface
 * (uac_dns.c adapts runtime/dns) so tests can run on a fake clock.
 */
#ifndef UAC_H
#define UAC_H

#include <stdint.h>

#include "dns/dns.h"
#include "net/net_addr.h"
#include "rt/rt_timer.h"
#include "sip/sip_build.h"
#include "txn/txn.h"

enum { UAC_HOST_MAX = 253, UAC_BRANCH_MAX = 40 };

/* The LCD message of Figure B-15, step 7. */
#define UAC_BACKUP_MESSAGE "Network Delay, Trying Backup"

struct uac_hop {
	char host[UAC_HOST_MAX + 1]; /* "" when not configured */
	uint16_t port;               /* 0: none given (SRV may say) */
};

/* Where a line's requests go, from the configuration. */
struct uac_route {
	struct uac_hop outbound;  /* outbound_proxy[_port] */
	struct uac_hop proxy;     /* proxyN_address[_port] of the line */
	struct uac_hop backup;    /* proxy_backup[_port] */
	struct uac_hop emergency; /* proxy_emergency[_port] */
};

enum uac_flags {
	UAC_EMERGENCY   = 1 << 0, /* the dial plan said Route=emergency */
	UAC_STICKY      = 1 << 1, /* this call already moved to the backup */
	UAC_BACKUP_ONLY = 1 << 2, /* straight to the backup (register backup) */
	UAC_INVITE      = 1 << 3, /* an INVITE: may move to the backup even
				   * before it was built (no DNS answer) */
};

/* Name resolution (runtime/dns's dns_resolve_sip has this shape). */
struct uac_resolver {
	int (*resolve)(void *arg, const char *host, uint16_t port, dns_cb *cb,
		       void *cbarg, struct dns_req **reqp);
	void (*cancel)(struct dns_req *req);
	void *arg;
};

struct uac;
struct uac_req;

struct uac_ops {
	/* Write the request for one attempt into B: its top Via must carry
	 * BRANCH; HOP is where it goes. */
	int (*build)(void *arg, struct sip_mbuf *b, const char *branch,
		     const struct net_addr *hop);
	/* A response (provisional or final) of the current attempt. */
	void (*response)(void *arg, struct uac_req *r, const struct sip_msg *m);
	/* The request moved to the backup proxy (show UAC_BACKUP_MESSAGE;
	 * later requests of the call get UAC_STICKY). */
	void (*backup)(void *arg, struct uac_req *r);
	/* Nothing answered and nothing is left to try: -ETIMEDOUT, or the
	 * DNS / transport error. */
	void (*failed)(void *arg, struct uac_req *r, int err);
	/* The request is finished (after a final response or failed()). */
	void (*done)(void *arg, struct uac_req *r);
};

/* Work is done from TIMERS (0 ms), never inside the call that asked for
 * it: a callback may free what the caller still holds otherwise. */
int uac_alloc(struct uac **up, struct txn_layer *layer,
	      struct rt_timers *timers, const struct uac_resolver *resolver);
void uac_free(struct uac *u);
/* Names resolve through RESOLVER from now on (the phone opens its
 * resolver once the configuration names the DNS servers). */
void uac_set_resolver(struct uac *u, const struct uac_resolver *resolver);
/* Salt for branches (the program: from its MAC address and the time). */
void uac_seed(struct uac *u, uint32_t seed);

/* Send a request along ROUTE.  0, or -EINVAL (no hop configured), -ENOMEM,
 * -EAGAIN. */
int uac_send(struct uac *u, const struct uac_route *route, unsigned flags,
	     const struct uac_ops *ops, void *arg, struct uac_req **rp);
/* Stop: no more callbacks (the current transaction finishes silently). */
void uac_abandon(struct uac_req *r);

/* The transaction of the current attempt (for CANCEL), or NULL. */
struct txn *uac_req_txn(const struct uac_req *r);
/* The hop the current attempt went to. */
const struct net_addr *uac_req_hop(const struct uac_req *r);
int uac_req_on_backup(const struct uac_req *r);
unsigned uac_req_attempts(const struct uac_req *r);

/* A fresh RFC 3261 branch ("z9hG4bK" and 16 hex digits) into BUF. */
void uac_branch(struct uac *u, char *buf, size_t size);

#endif
