/*
 * dns_resolver.c - c-ares inside the libuv loop (dns.h).
 *
 * c-ares tells which sockets it wants watched (the socket-state callback):
 * each gets a uv_poll_t; one uv_timer_t fires at ares_timeout().  c-ares
 * callbacks only record results; user callbacks run from a second timer
 * (0 ms), so user code never runs inside c-ares or inside the call that
 * started a request, and may close the resolver from any callback.
 *
 * Server order (Table 3-1, Table 3-3 dyn_dns_addr_1/2): the list is given
 * to c-ares in the guide's order, without rotation; c-ares asks the first
 * server and moves to the next one when a server times out, refuses or
 * fails.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ares.h uses fd_set and struct hostent without including them */
#include <netdb.h>
#include <sys/select.h>

#include <ares.h>
#include <uv.h>

#include "dns/dns.h"
#include "dns/dns_answer.h"

/* RFC 3263 §4.2 / RFC 2782: the SRV owner name for SIP over UDP. */
#define SRV_PREFIX "_sip._udp."

struct dns__poll {
	uv_poll_t h;
	struct dns_resolver *r;
	struct dns__poll *next;
	ares_socket_t fd;
};

struct dns__list {
	struct dns_req *head, *tail;
};

enum { REQ_A, REQ_SIP };

/* The argument of one SRV target's A query. */
struct dns__slot {
	struct dns_req *q;
	int err;
};

struct dns_req {
	struct dns_resolver *r;
	struct dns_req *prev, *next; /* in r->active, then r->done */
	dns_cb *cb;                  /* NULL once cancelled or delivered */
	void *arg;
	struct dns__list *on;        /* the list it is on, NULL when off */
	unsigned pending;            /* c-ares queries not answered yet */
	uint64_t deadline;           /* uv_now() by which CB runs */
	int err;
	uint16_t port;
	uint8_t kind, delivering;
	char host[DNS_NAME_MAX + 1];
	struct dns__srv_set srv;
	struct dns__slot slot[DNS_SRV_MAX];
	struct dns_targets out;
};

struct dns_resolver {
	uv_loop_t *loop;
	ares_channel channel;
	uv_timer_t timer;   /* ares_timeout() */
	uv_timer_t deliver; /* user callbacks of finished requests */
	struct dns__poll *polls;
	struct dns__list active, done;
	unsigned nreqs, handles, nservers;
	unsigned deadline_ms;
	int closing, ares_init, deliver_ok;
	dns_close_cb *close_cb;
	void *close_arg;
	dns_rng_fn *rng;
	void *rng_arg;
	uint64_t seed;
};

/* ------------------------------------------------------------ lists */

static void list_add(struct dns__list *l, struct dns_req *q)
{
	q->next = NULL;
	q->prev = l->tail;
	if (l->tail)
		l->tail->next = q;
	else
		l->head = q;
	l->tail = q;
	q->on = l;
}

static void list_del(struct dns_req *q)
{
	struct dns__list *l = q->on;

	if (!l)
		return;
	if (q->prev)
		q->prev->next = q->next;
	else
		l->head = q->next;
	if (q->next)
		q->next->prev = q->prev;
	else
		l->tail = q->prev;
	q->prev = q->next = NULL;
	q->on = NULL;
}

static void req_free(struct dns_req *q)
{
	list_del(q);
	q->r->nreqs--;
	free(q);
}

/* ------------------------------------------------------------ handles */

static void handle_closed(struct dns_resolver *r)
{
	dns_close_cb *cb;
	void *arg;

	if (--r->handles || !r->closing)
		return;
	cb = r->close_cb;
	arg = r->close_arg;
	free(r);
	if (cb)
		cb(arg);
}

static void on_timer_closed(uv_handle_t *h)
{
	handle_closed(h->data);
}

static void on_poll_closed(uv_handle_t *h)
{
	struct dns__poll *p = h->data;
	struct dns_resolver *r = p->r;

	free(p);
	handle_closed(r);
}

static void poll_close(struct dns__poll *p)
{
	struct dns__poll **pp;

	for (pp = &p->r->polls; *pp; pp = &(*pp)->next)
		if (*pp == p) {
			*pp = p->next;
			break;
		}
	uv_close((uv_handle_t *)&p->h, on_poll_closed);
}

static void on_ares_timer(uv_timer_t *t);

/* Wake up when c-ares next has a timeout to handle, or at the first
 * request deadline. */
static void arm_timer(struct dns_resolver *r)
{
	struct timeval tv, *tvp;
	struct dns_req *q;
	uint64_t ms = UINT64_MAX, now;

	if (r->closing)
		return;
	tvp = ares_timeout(r->channel, NULL, &tv);
	if (tvp)
		ms = (uint64_t)tvp->tv_sec * 1000 +
		     ((uint64_t)tvp->tv_usec + 999) / 1000;
	now = uv_now(r->loop);
	for (q = r->active.head; q; q = q->next)
		if (q->cb && q->pending)
			ms = q->deadline <= now ? 0 :
			     q->deadline - now < ms ? q->deadline - now : ms;
	if (ms == UINT64_MAX) {
		uv_timer_stop(&r->timer);
		return;
	}
	uv_timer_start(&r->timer, on_ares_timer, ms, 0);
}

/* Requests past their deadline get -ETIMEDOUT now; their queries finish
 * unseen (as after dns_cancel).  Outside c-ares: the callback may close
 * the resolver or cancel requests, so the scan starts over each time. */
static void expire(struct dns_resolver *r)
{
	struct dns_req *q;
	uint64_t now = uv_now(r->loop);

again:
	for (q = r->active.head; q && !r->closing; q = q->next) {
		dns_cb *cb = q->cb;

		if (!cb || !q->pending || q->deadline > now)
			continue;
		q->cb = NULL;
		cb(q->arg, -ETIMEDOUT, NULL);
		goto again;
	}
}

static void on_ares_timer(uv_timer_t *t)
{
	struct dns_resolver *r = t->data;

	ares_process_fd(r->channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
	expire(r);
	arm_timer(r);
}

static void on_poll(uv_poll_t *h, int status, int events)
{
	struct dns__poll *p = h->data;
	struct dns_resolver *r = p->r;
	ares_socket_t fd = p->fd, rfd = ARES_SOCKET_BAD, wfd = ARES_SOCKET_BAD;

	/* An error on the socket: let c-ares find it by reading and writing. */
	if (status < 0 || (events & UV_READABLE))
		rfd = fd;
	if (status < 0 || (events & UV_WRITABLE))
		wfd = fd;
	/* may close P (the socket-state callback): not used after this */
	ares_process_fd(r->channel, rfd, wfd);
	arm_timer(r);
}

/* c-ares: watch FD for reading and/or writing, or stop (both 0).  When no
 * handle can be made the query times out: nothing else can be done here. */
static void sock_state(void *data, ares_socket_t fd, int readable, int writable)
{
	struct dns_resolver *r = data;
	struct dns__poll *p;
	int ev = (readable ? UV_READABLE : 0) | (writable ? UV_WRITABLE : 0);

	for (p = r->polls; p && p->fd != fd; p = p->next)
		;
	if (!ev) {
		if (p)
			poll_close(p);
		return;
	}
	if (!p) {
		if (r->closing)
			return;
		p = calloc(1, sizeof(*p));
		if (!p)
			return;
		if (uv_poll_init_socket(r->loop, &p->h, fd) < 0) {
			free(p);
			return;
		}
		p->h.data = p;
		p->r = r;
		p->fd = fd;
		p->next = r->polls;
		r->polls = p;
		r->handles++;
	}
	if (uv_poll_start(&p->h, ev, on_poll) < 0)
		poll_close(p);
}

/* ------------------------------------------------------------ requests */

static void on_deliver(uv_timer_t *t)
{
	struct dns_resolver *r = t->data;
	struct dns_req *q;

	/* A callback may close the resolver: then close() has run (or will
	 * run) every callback still queued, with -ECANCELED. */
	while (!r->closing && (q = r->done.head)) {
		dns_cb *cb = q->cb;

		list_del(q);
		q->cb = NULL;
		q->delivering = 1;
		cb(q->arg, q->err, q->err ? NULL : &q->out);
		r->nreqs--;
		free(q);
	}
}

static void bump(uint8_t *c, unsigned by)
{
	*c = *c + by > 255 ? 255 : (uint8_t)(*c + by);
}

static void add_target(struct dns_req *q, uint32_t addr, uint16_t port,
		       const struct dns_srv *s)
{
	struct dns_targets *o = &q->out;

	if (o->n >= DNS_TARGETS_MAX) {
		bump(&o->dropped, 1);
		return;
	}
	o->t[o->n].addr = addr;
	o->t[o->n].port = port;
	o->t[o->n].priority = s ? s->priority : 0;
	o->t[o->n].weight = s ? s->weight : 0;
	o->n++;
}

/* Every query of Q answered: the targets in SRV order, then to the
 * delivery queue (or away, when cancelled). */
static void finish(struct dns_req *q)
{
	struct dns_resolver *r = q->r;
	size_t i, k;

	if (r->closing)
		return; /* close() delivers -ECANCELED */
	if (q->kind == REQ_SIP && q->out.srv) {
		int first = 0;

		for (i = 0; i < q->srv.n; i++) {
			const struct dns__srv_rec *s = &q->srv.rec[i];

			if (!s->naddr) {
				q->out.unresolved++;
				if (!first)
					first = q->slot[i].err ? q->slot[i].err : -ENODATA;
				continue;
			}
			for (k = 0; k < s->naddr; k++)
				add_target(q, s->addr[k], s->srv.port, &s->srv);
		}
		bump(&q->out.dropped, q->srv.dropped);
		q->err = q->out.n ? 0 : first ? first : -ENODATA;
	}
	if (!q->err && q->out.n == 0)
		q->err = -ENODATA;
	if (!q->cb) { /* cancelled: nobody to tell */
		req_free(q);
		return;
	}
	list_del(q);
	list_add(&r->done, q);
	uv_timer_start(&r->deliver, on_deliver, 0, 0);
}

/* Queries hold their request; so does the code issuing them, so that a
 * query c-ares answers at once cannot finish a request half-issued. */
static void hold(struct dns_req *q)
{
	q->pending++;
}

static void release(struct dns_req *q)
{
	if (--q->pending == 0)
		finish(q);
}

static void on_host_a(void *arg, int status, int timeouts,
		      unsigned char *abuf, int alen)
{
	struct dns_req *q = arg;
	uint32_t addr[DNS_ADDR_MAX];
	unsigned dropped = 0;
	int i, n;

	(void)timeouts;
	if (q->r->closing) {
		q->pending--;
		return;
	}
	n = dns__ares_err(status);
	if (!n)
		n = dns__a_parse(abuf, alen, addr, &dropped);
	if (n < 0) {
		q->err = n;
	} else {
		for (i = 0; i < n; i++)
			add_target(q, addr[i], q->port, NULL);
		bump(&q->out.dropped, dropped);
	}
	release(q);
}

static void query(struct dns_req *q, const char *name, int type,
		  ares_callback cb, void *arg)
{
	hold(q);
	ares_query(q->r->channel, name, 1 /* C_IN */, type, cb, arg);
}

static void on_target_a(void *arg, int status, int timeouts,
			unsigned char *abuf, int alen)
{
	struct dns__slot *slot = arg;
	struct dns_req *q = slot->q;
	struct dns__srv_rec *rec = &q->srv.rec[slot - q->slot];
	unsigned dropped = 0;
	int n;

	(void)timeouts;
	if (q->r->closing) {
		q->pending--;
		return;
	}
	n = dns__ares_err(status);
	if (!n)
		n = dns__a_parse(abuf, alen, rec->addr, &dropped);
	if (n < 0) {
		slot->err = n;
	} else {
		rec->naddr = (uint8_t)n;
		bump(&q->out.dropped, dropped);
	}
	release(q);
}

static void on_srv(void *arg, int status, int timeouts,
		   unsigned char *abuf, int alen)
{
	struct dns_req *q = arg;
	struct dns_resolver *r = q->r;
	size_t i;
	int err;

	(void)timeouts;
	if (r->closing) {
		q->pending--;
		return;
	}
	err = dns__ares_err(status);
	if (!err)
		err = dns__srv_parse(abuf, alen, r->rng, r->rng_arg, &q->srv);
	if (err == -ENOENT || err == -ENODATA) {
		/* RFC 3263 §4.2: no SRV records, the A records of the host */
		q->port = DNS_SIP_PORT;
		query(q, q->host, 1 /* A */, on_host_a, q);
	} else if (err) {
		q->err = err;
	} else {
		q->out.srv = 1;
		for (i = 0; i < q->srv.n; i++) {
			q->slot[i].q = q;
			if (!q->srv.rec[i].naddr) /* not in the additional data */
				query(q, q->srv.rec[i].srv.target, 1 /* A */,
				      on_target_a, &q->slot[i]);
		}
	}
	release(q);
	arm_timer(r);
}

static int resolve(struct dns_resolver *r, int kind, const char *host,
		   uint16_t port, dns_cb *cb, void *arg, struct dns_req **reqp)
{
	struct dns_req *q;
	struct in_addr ip;
	size_t len;

	if (reqp)
		*reqp = NULL;
	if (!r || !host || !cb)
		return -EINVAL;
	if (r->closing)
		return -ECANCELED;
	len = strlen(host);
	if (len == 0)
		return -EINVAL;
	if (len > DNS_NAME_MAX)
		return -ENAMETOOLONG;
	if (r->nreqs >= DNS_REQS_MAX)
		return -EBUSY;
	q = calloc(1, sizeof(*q));
	if (!q)
		return -ENOMEM;
	q->r = r;
	q->cb = cb;
	q->arg = arg;
	q->kind = (uint8_t)kind;
	q->port = port;
	q->deadline = uv_now(r->loop) + r->deadline_ms;
	memcpy(q->host, host, len + 1);
	r->nreqs++;
	list_add(&r->active, q);
	if (reqp)
		*reqp = q;

	hold(q);
	if (inet_pton(AF_INET, host, &ip) == 1) {
		/* RFC 3263 §4.2: a numeric host is the target, no query */
		add_target(q, ip.s_addr,
			   kind == REQ_SIP && !port ? DNS_SIP_PORT : port, NULL);
	} else if (r->nservers == 0) {
		q->err = -EDESTADDRREQ;
	} else if (kind == REQ_A || port ||
		   len + sizeof(SRV_PREFIX) - 1 > DNS_NAME_MAX) {
		/* RFC 3263 §4.2: an explicit port means A records only.  A
		 * name too long for its SRV name cannot have SRV records. */
		if (kind == REQ_SIP && !port)
			q->port = DNS_SIP_PORT;
		query(q, host, 1 /* A */, on_host_a, q);
	} else {
		char name[sizeof(SRV_PREFIX) + DNS_NAME_MAX];

		memcpy(name, SRV_PREFIX, sizeof(SRV_PREFIX) - 1);
		memcpy(name + sizeof(SRV_PREFIX) - 1, host, len + 1);
		query(q, name, 33 /* SRV */, on_srv, q);
	}
	release(q);
	arm_timer(r);
	return 0;
}

int dns_resolve_sip(struct dns_resolver *r, const char *host, uint16_t port,
		    dns_cb *cb, void *arg, struct dns_req **reqp)
{
	return resolve(r, REQ_SIP, host, port, cb, arg, reqp);
}

int dns_resolve_a(struct dns_resolver *r, const char *host, uint16_t port,
		  dns_cb *cb, void *arg, struct dns_req **reqp)
{
	return resolve(r, REQ_A, host, port, cb, arg, reqp);
}

void dns_cancel(struct dns_req *q)
{
	if (!q || !q->cb || q->delivering)
		return;
	q->cb = NULL;
	/* still waiting for c-ares: finish() frees it */
	if (q->pending && !q->r->closing)
		return;
	req_free(q);
}

/* ------------------------------------------------------------ resolver */

int dns_config_servers(const struct dns_config *cfg,
		       uint32_t out[DNS_SERVERS_MAX])
{
	const char *list[DNS_SERVERS_MAX];
	int i, j, n = 0;

	if (!cfg)
		return -EINVAL;
	/* Table 3-1: dyn_dns_addr_1, dyn_dns_addr_2, DNS Server 1..5 */
	for (i = 0; i < DNS_DYN_SERVERS; i++)
		list[i] = cfg->dyn_dns_addr[i];
	for (i = 0; i < DNS_STATIC_SERVERS; i++)
		list[DNS_DYN_SERVERS + i] = cfg->dns_server[i];
	for (i = 0; i < DNS_SERVERS_MAX; i++) {
		struct in_addr a;

		if (!list[i] || !list[i][0])
			continue;
		if (inet_pton(AF_INET, list[i], &a) != 1)
			return -EINVAL; /* only dotted IP addresses (Table 3-3) */
		if (a.s_addr == 0)
			continue; /* 0.0.0.0: "not required" */
		for (j = 0; j < n && out[j] != a.s_addr; j++)
			;
		if (j == n)
			out[n++] = a.s_addr;
	}
	return n;
}

/* xorshift64*: the weighted selection needs spread, not secrecy. */
static uint32_t own_rng(void *arg)
{
	struct dns_resolver *r = arg;

	r->seed ^= r->seed >> 12;
	r->seed ^= r->seed << 25;
	r->seed ^= r->seed >> 27;
	return (uint32_t)((r->seed * 0x2545f4914f6cdd1dull) >> 32);
}

int dns_resolver_open(uv_loop_t *loop, const struct dns_config *cfg,
		      struct dns_resolver **rp)
{
	uint32_t servers[DNS_SERVERS_MAX];
	struct in_addr in[DNS_SERVERS_MAX];
	struct ares_options o;
	struct dns_resolver *r = NULL;
	unsigned timeout, tries, deadline;
	int n, i, err, mask;

	if (!rp)
		return -EINVAL;
	*rp = NULL;
	if (!loop || !cfg)
		return -EINVAL;
	n = dns_config_servers(cfg, servers);
	if (n < 0)
		return n;
	timeout = cfg->timeout_ms ? cfg->timeout_ms : DNS_TIMEOUT_MS_DEFAULT;
	tries = cfg->tries ? cfg->tries : DNS_TRIES_DEFAULT;
	deadline = cfg->deadline_ms ? cfg->deadline_ms : DNS_DEADLINE_MS_DEFAULT;
	if (timeout > DNS_TIMEOUT_MS_MAX || tries > DNS_TRIES_MAX ||
	    deadline > DNS_DEADLINE_MS_MAX)
		return -EINVAL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->loop = loop;
	r->nservers = (unsigned)n;
	r->deadline_ms = deadline;
	r->rng = cfg->rng ? cfg->rng : own_rng;
	r->rng_arg = cfg->rng ? cfg->rng_arg : r;
	r->seed = uv_hrtime() ^ (uint64_t)(uintptr_t)r;
	if (!r->seed)
		r->seed = 1;

	err = dns__ares_err(ares_library_init(ARES_LIB_INIT_ALL));
	if (err)
		goto out;
	r->ares_init = 1;

	for (i = 0; i < n; i++)
		in[i].s_addr = servers[i];
	memset(&o, 0, sizeof(o));
	/* Everything set here, nothing from the system: no search domains,
	 * no rotation, no resolv.conf (an empty file instead), and the
	 * guide's servers in the guide's order. */
	o.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES;
	o.timeout = (int)timeout;
	o.tries = (int)tries;
	o.ndots = 1;
	o.domains = NULL;
	o.ndomains = 0;
	o.lookups = (char *)"b";
	o.sock_state_cb = sock_state;
	o.sock_state_cb_data = r;
	o.resolvconf_path = (char *)"/dev/null";
	o.servers = in;
	o.nservers = n;
	o.udp_port = cfg->port ? cfg->port : DNS_PORT_DEFAULT;
	o.tcp_port = o.udp_port;
	mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
	       ARES_OPT_NDOTS | ARES_OPT_DOMAINS | ARES_OPT_LOOKUPS |
	       ARES_OPT_SOCK_STATE_CB | ARES_OPT_NOROTATE |
	       ARES_OPT_RESOLVCONF | ARES_OPT_SERVERS | ARES_OPT_UDP_PORT |
	       ARES_OPT_TCP_PORT;
	err = dns__ares_err(ares_init_options(&r->channel, &o, mask));
	if (err) {
		r->channel = NULL;
		goto out;
	}
	/* uv_timer_init cannot fail on a live loop; checked all the same
	 * before anything needs closing. */
	err = uv_timer_init(loop, &r->timer);
	if (err) {
		err = -ENOMEM;
		goto out;
	}
	r->timer.data = r;
	r->handles++;
	err = uv_timer_init(loop, &r->deliver);
	if (err) {
		/* the first timer must be closed: close() frees R later */
		dns_resolver_close(r, NULL, NULL);
		return -ENOMEM;
	}
	r->deliver.data = r;
	r->deliver_ok = 1;
	r->handles++;
	*rp = r;
	return 0;
out:
	if (r->channel)
		ares_destroy(r->channel);
	if (r->ares_init)
		ares_library_cleanup();
	free(r);
	return err;
}

/* Every request still here gets -ECANCELED; a callback may cancel or
 * start requests (refused now), so the lists are re-read each time. */
static void cancel_all(struct dns_resolver *r, struct dns__list *l)
{
	struct dns_req *q;

	while ((q = l->head)) {
		dns_cb *cb = q->cb;

		list_del(q);
		q->cb = NULL;
		q->delivering = 1;
		if (cb)
			cb(q->arg, -ECANCELED, NULL);
		r->nreqs--;
		free(q);
	}
}

void dns_resolver_close(struct dns_resolver *r, dns_close_cb *cb, void *arg)
{
	if (!r || r->closing)
		return;
	r->closing = 1;
	r->close_cb = cb;
	r->close_arg = arg;
	if (r->channel) {
		/* answers every query with ARES_EDESTRUCTION and closes the
		 * sockets (their polls close through sock_state) */
		ares_destroy(r->channel);
		r->channel = NULL;
	}
	if (r->ares_init) {
		ares_library_cleanup();
		r->ares_init = 0;
	}
	cancel_all(r, &r->active);
	cancel_all(r, &r->done);
	while (r->polls)
		poll_close(r->polls);
	/* handles counts the timers too: the last close callback frees R */
	uv_close((uv_handle_t *)&r->timer, on_timer_closed);
	if (r->deliver_ok)
		uv_close((uv_handle_t *)&r->deliver, on_timer_closed);
}
