/*
 * uac.c - one logical request over several transactions: the next SRV
 * target when one does not answer, then the backup proxy.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "uac/uac.h"

struct uac {
	struct txn_layer *layer;
	struct rt_timers *timers;
	struct uac_resolver res;
	uint32_t salt, seq;
	struct uac_req *head;
	char out[SIP_MSG_MAX_SIZE];
};

enum stage { STAGE_PRIMARY, STAGE_BACKUP };

struct uac_req {
	struct uac *u;
	struct uac_req *next;
	const struct uac_ops *ops;
	void *arg;
	struct uac_route route;
	unsigned flags;
	enum stage stage;
	struct dns_targets targets;
	struct dns_req *dns;
	struct txn *txn;
	struct net_addr hop;
	struct rt_timer defer;        /* the next step, from the loop */
	const struct uac_hop *pending; /* resolve this at the next step */
	unsigned attempts;
	int last_err;
	uint8_t is_invite, final, finished, abandoned;
	uint8_t starting, start_died; /* around txn_request() */
};

int uac_alloc(struct uac **up, struct txn_layer *layer,
	      struct rt_timers *timers, const struct uac_resolver *resolver)
{
	struct uac *u;

	if (!layer || !timers)
		return -EINVAL;
	u = calloc(1, sizeof(*u));
	if (!u)
		return -ENOMEM;
	u->layer = layer;
	u->timers = timers;
	if (resolver)
		u->res = *resolver;
	/* Branches must differ between phones and across restarts; the
	 * program may seed better (uac_seed), this keeps two instances in
	 * one process apart. */
	u->salt = (uint32_t)(uintptr_t)u * 2654435761u;
	*up = u;
	return 0;
}

static void req_free(struct uac_req *r)
{
	struct uac_req **pp;

	rt_timer_stop(r->u->timers, &r->defer);
	for (pp = &r->u->head; *pp; pp = &(*pp)->next)
		if (*pp == r) {
			*pp = r->next;
			break;
		}
	free(r);
}

void uac_free(struct uac *u)
{
	if (!u)
		return;
	while (u->head) {
		struct uac_req *r = u->head;

		if (r->dns && u->res.cancel)
			u->res.cancel(r->dns);
		if (r->txn)
			txn_set_user(r->txn, NULL, NULL);
		req_free(r);
	}
	free(u);
}

void uac_set_resolver(struct uac *u, const struct uac_resolver *resolver)
{
	u->res = *resolver;
}

void uac_seed(struct uac *u, uint32_t seed)
{
	u->salt = seed;
}

void uac_branch(struct uac *u, char *buf, size_t size)
{
	snprintf(buf, size, "z9hG4bK%08lx%08lx", (unsigned long)u->salt,
		 (unsigned long)++u->seq);
}

/* ---------------------------------------------------------------- ending */

/* The request is over for its user once it finished and no transaction
 * of it is left; DONE is the last callback. */
static void maybe_done(struct uac_req *r)
{
	if (!r->finished || r->txn || r->dns || r->starting)
		return;
	if (!r->abandoned && r->ops->done)
		r->ops->done(r->arg, r);
	req_free(r);
}

static void fail(struct uac_req *r, int err)
{
	r->finished = 1;
	if (!r->abandoned && r->ops->failed)
		r->ops->failed(r->arg, r, err);
	maybe_done(r);
}

static void on_defer(struct rt_timer *tm, void *arg);

/* Never frees R here: the caller may be inside one of R's callbacks. */
void uac_abandon(struct uac_req *r)
{
	r->abandoned = 1;
	r->finished = 1;
	if (r->dns && r->u->res.cancel) {
		r->u->res.cancel(r->dns);
		r->dns = NULL;
	}
	r->pending = NULL;
	if (rt_timer_start(r->u->timers, &r->defer, 0, on_defer, r))
		log_printf(LOG_ERR, LOG_CAT_SIP, "uac: no timer to end %p",
			   (void *)r);
}

/* ---------------------------------------------------------------- attempts */

static void try_next(struct uac_req *r);
static void resolve(struct uac_req *r, const struct uac_hop *hop);

static void on_defer(struct rt_timer *tm, void *arg)
{
	struct uac_req *r = arg;
	const struct uac_hop *hop = r->pending;

	(void)tm;
	if (r->abandoned) {
		maybe_done(r);
		return;
	}
	r->pending = NULL;
	if (hop)
		resolve(r, hop);
	else
		try_next(r);
}

/* Do the next step (resolve HOP, or the next target) from the loop. */
static void defer(struct uac_req *r, const struct uac_hop *hop)
{
	r->pending = hop;
	if (rt_timer_start(r->u->timers, &r->defer, 0, on_defer, r))
		fail(r, -ENOMEM);
}

static void on_response(void *arg, struct txn *t, const struct sip_msg *m)
{
	struct uac_req *r = arg;

	(void)t;
	if (m->status >= 200)
		r->final = 1;
	if (!r->abandoned && r->ops->response)
		r->ops->response(r->arg, r, m);
}

/* No answer from this hop: the next target, then the backup. */
static void on_no_answer(struct uac_req *r, int err)
{
	char hop[NET_ADDR_STR_MAX];

	r->last_err = err;
	log_printf(LOG_INFO, LOG_CAT_SIP, "no answer from %s (%s)",
		   net_addr_fmt(&r->hop, hop, sizeof(hop)),
		   err == -ETIMEDOUT ? "timeout" : "transport error");
	if (!r->abandoned)
		defer(r, NULL);
}

static void on_timeout(void *arg, struct txn *t)
{
	(void)t;
	on_no_answer(arg, -ETIMEDOUT);
}

static void on_transport_error(void *arg, struct txn *t)
{
	(void)t;
	on_no_answer(arg, -EIO);
}

static void on_terminated(void *arg, struct txn *t)
{
	struct uac_req *r = arg;

	if (r->txn == t)
		r->txn = NULL;
	if (r->starting)
		r->start_died = 1;
	if (r->final)
		r->finished = 1;
	maybe_done(r);
}

static const struct txn_user_ops req_user = {
	.response = on_response,
	.timeout = on_timeout,
	.transport_error = on_transport_error,
	.terminated = on_terminated,
};

/* The guide moves only an INVITE to the backup, and only once. */
static int can_use_backup(const struct uac_req *r)
{
	return r->stage == STAGE_PRIMARY &&
	       (r->is_invite || r->flags & UAC_INVITE) &&
	       r->route.backup.host[0] != '\0';
}

static void to_backup(struct uac_req *r)
{
	r->stage = STAGE_BACKUP;
	log_printf(LOG_INFO, LOG_CAT_SIP, "%s", UAC_BACKUP_MESSAGE);
	if (!r->abandoned && r->ops->backup)
		r->ops->backup(r->arg, r);
	defer(r, &r->route.backup);
}

static void try_next(struct uac_req *r)
{
	const struct dns_target *tgt;

	while ((tgt = dns_targets_next(&r->targets)) != NULL) {
		struct uac *u = r->u;
		const uint8_t *b = (const uint8_t *)&tgt->addr; /* network order */
		char branch[UAC_BRANCH_MAX];
		struct sip_mbuf mb;
		struct txn *t;
		int err;

		r->hop.ip = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
			    (uint32_t)b[2] << 8 | b[3];
		r->hop.port = tgt->port;
		uac_branch(u, branch, sizeof(branch));
		sip_mbuf_init(&mb, u->out, sizeof(u->out));
		err = r->ops->build(r->arg, &mb, branch, &r->hop);
		if (!err)
			err = mb.err;
		if (err) {
			fail(r, err);
			return;
		}
		r->is_invite = mb.len > 7 && memcmp(mb.p, "INVITE ", 7) == 0;
		r->attempts++;
		/* The transaction may end inside txn_request (a transport
		 * error): STARTING keeps R alive and says so. */
		r->starting = 1;
		r->start_died = 0;
		err = txn_request(u->layer, mb.p, mb.len, &r->hop, &req_user,
				  r, &t);
		r->starting = 0;
		if (err) {
			r->last_err = err;
			continue;
		}
		if (!r->start_died)
			r->txn = t;
		maybe_done(r);
		return;
	}
	if (can_use_backup(r)) {
		to_backup(r);
		return;
	}
	fail(r, r->last_err ? r->last_err : -ETIMEDOUT);
}

static void on_resolved(void *arg, int err, const struct dns_targets *t)
{
	struct uac_req *r = arg;

	r->dns = NULL;
	if (r->abandoned) {
		maybe_done(r);
		return;
	}
	if (err) {
		log_printf(LOG_WARN, LOG_CAT_DNS, "cannot resolve: %s",
			   dns_strerror(err));
		r->last_err = err;
		if (can_use_backup(r))
			to_backup(r);
		else
			fail(r, err);
		return;
	}
	r->targets = *t;
	dns_targets_rewind(&r->targets);
	try_next(r);
}

/* A dotted address needs no resolver. */
static int literal_target(const struct uac_hop *hop, struct dns_targets *t)
{
	uint32_t ip;
	uint8_t *b;

	if (net_addr_parse_ip(hop->host, strlen(hop->host), &ip))
		return -EINVAL;
	memset(t, 0, sizeof(*t));
	t->n = 1;
	b = (uint8_t *)&t->t[0].addr;
	b[0] = (uint8_t)(ip >> 24);
	b[1] = (uint8_t)(ip >> 16);
	b[2] = (uint8_t)(ip >> 8);
	b[3] = (uint8_t)ip;
	t->t[0].port = hop->port ? hop->port : DNS_SIP_PORT;
	return 0;
}

static void resolve(struct uac_req *r, const struct uac_hop *hop)
{
	struct dns_targets lit;
	int err;

	memset(&r->targets, 0, sizeof(r->targets));
	if (literal_target(hop, &lit) == 0) {
		on_resolved(r, 0, &lit);
		return;
	}
	if (!r->u->res.resolve) {
		on_resolved(r, -EDESTADDRREQ, NULL);
		return;
	}
	err = r->u->res.resolve(r->u->res.arg, hop->host, hop->port,
				on_resolved, r, &r->dns);
	if (err) {
		r->dns = NULL;
		on_resolved(r, err, NULL);
	}
}

/* The first hop of ROUTE for a request with FLAGS. */
static const struct uac_hop *first_hop(const struct uac_route *route,
				       unsigned flags)
{
	if (flags & (UAC_STICKY | UAC_BACKUP_ONLY))
		return &route->backup;
	if (flags & UAC_EMERGENCY && route->emergency.host[0])
		return &route->emergency;
	if (route->outbound.host[0])
		return &route->outbound;
	return &route->proxy;
}

int uac_send(struct uac *u, const struct uac_route *route, unsigned flags,
	     const struct uac_ops *ops, void *arg, struct uac_req **rp)
{
	const struct uac_hop *hop;
	struct uac_req *r;

	if (!ops || !ops->build || !first_hop(route, flags)->host[0])
		return -EINVAL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->u = u;
	r->ops = ops;
	r->arg = arg;
	/* the hop is resolved later, from our copy: the caller's ROUTE may
	 * be gone by then */
	r->route = *route;
	r->flags = flags;
	hop = first_hop(&r->route, flags);
	r->stage = hop == &r->route.backup ? STAGE_BACKUP : STAGE_PRIMARY;
	r->next = u->head;
	u->head = r;
	if (rp)
		*rp = r;
	defer(r, hop);
	return 0;
}

struct txn *uac_req_txn(const struct uac_req *r)
{
	return r->txn;
}

const struct net_addr *uac_req_hop(const struct uac_req *r)
{
	return &r->hop;
}

int uac_req_on_backup(const struct uac_req *r)
{
	return r->stage == STAGE_BACKUP;
}

unsigned uac_req_attempts(const struct uac_req *r)
{
	return r->attempts;
}
