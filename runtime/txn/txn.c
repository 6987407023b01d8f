/*
 * txn.c - the transaction layer: matching messages to transactions
 * (RFC 3261 17.1.3, 17.2.3 and the RFC 2543 rules), timers, and the
 * actions of the four machines in spec/txn/.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log/log.h"
#include "sip/sip_build.h"
#include "txn/txn_int.h"

struct txn_layer {
	struct rt_timers *timers;
	struct txn_cfg cfg;
	const struct txn_layer_ops *ops;
	void *arg;
	struct txn *head;
	unsigned count;
	struct txn_stats st;
	struct sip_msg rx;          /* the datagram being handled */
	char out[SIP_MSG_MAX_SIZE]; /* stateless answers, ACKs */
};

/* ---------------------------------------------------------------- layer */

int txn_layer_alloc(struct txn_layer **lp, struct rt_timers *timers,
		    const struct txn_cfg *cfg, const struct txn_layer_ops *ops,
		    void *arg)
{
	struct txn_layer *l;

	if (!timers || !cfg || !ops || !ops->send)
		return -EINVAL;
	l = calloc(1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	l->timers = timers;
	l->cfg = *cfg;
	l->ops = ops;
	l->arg = arg;
	*lp = l;
	return 0;
}

static void txn_free(struct txn *t)
{
	struct rt_timers *ts = t->layer->timers;

	rt_timer_stop(ts, &t->retx_timer);
	rt_timer_stop(ts, &t->timeout_timer);
	rt_timer_stop(ts, &t->linger_timer);
	free(t->buf);
	free(t->resp);
	free(t->pending);
	free(t);
}

void txn_layer_free(struct txn_layer *l)
{
	struct txn *t, *next;

	if (!l)
		return;
	for (t = l->head; t; t = next) {
		next = t->next;
		txn_free(t);
	}
	free(l);
}

void txn_layer_set_cfg(struct txn_layer *l, const struct txn_cfg *cfg)
{
	l->cfg = *cfg;
}

const struct txn_stats *txn_layer_stats(const struct txn_layer *l)
{
	return &l->st;
}

unsigned txn_layer_count(const struct txn_layer *l)
{
	return l->count;
}

/* ---------------------------------------------------------------- feeding */

static void feed1(struct txn *t, int ev)
{
	switch (t->kind) {
	case TXN_ICT:
		txn__ict_feed(t, ev);
		break;
	case TXN_NICT:
		txn__nict_feed(t, ev);
		break;
	case TXN_IST:
		txn__ist_feed(t, ev);
		break;
	case TXN_NIST:
		txn__nist_feed(t, ev);
		break;
	}
}

static void txn_destroy(struct txn *t)
{
	struct txn_layer *l = t->layer;
	struct txn **pp;

	for (pp = &l->head; *pp; pp = &(*pp)->next)
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	l->count--;
	if (t->user && t->user->terminated)
		t->user->terminated(t->user_arg, t);
	txn_free(t);
}

/*
 * Feed EV to T's machine.  Actions call the user, and the user may answer
 * on this same transaction at once: such events wait in T's queue until
 * the running one is done, so a machine never runs inside itself.  T may
 * be gone when this returns.
 */
static void txn_feed(struct txn *t, int ev)
{
	if (t->feeding) {
		if (t->evq_n == TXN_EVQ_MAX) {
			log_printf(LOG_ERR, LOG_CAT_SIP,
				   "txn %p: event queue full, %s dropped",
				   (void *)t, txn_ev_name(ev));
			return;
		}
		t->evq[t->evq_n++] = ev;
		return;
	}
	t->feeding = 1;
	feed1(t, ev);
	while (t->evq_n) {
		int next = t->evq[0];

		memmove(t->evq, t->evq + 1, --t->evq_n * sizeof(t->evq[0]));
		feed1(t, next);
	}
	t->feeding = 0;
	if (t->dead)
		txn_destroy(t);
}

/* ---------------------------------------------------------------- timers */

static void on_retx(struct rt_timer *tm, void *arg)
{
	(void)tm;
	txn_feed(arg, ((struct txn *)arg)->retx_ev);
}

static void on_timeout(struct rt_timer *tm, void *arg)
{
	(void)tm;
	txn_feed(arg, ((struct txn *)arg)->timeout_ev);
}

static void on_linger(struct rt_timer *tm, void *arg)
{
	(void)tm;
	txn_feed(arg, ((struct txn *)arg)->linger_ev);
}

static uint32_t cap_of(const struct txn *t)
{
	return t->kind == TXN_ICT ? t->layer->cfg.invite_retx
				  : t->layer->cfg.retx;
}

static void arm(struct txn *t, struct rt_timer *tm, rt_timer_fn *fn,
		uint64_t delay)
{
	if (rt_timer_start(t->layer->timers, tm, delay, fn, t))
		log_printf(LOG_ERR, LOG_CAT_SIP, "txn %p: no timer", (void *)t);
}

/*
 * The next retransmission: T1, then doubling -- capped at T2 except for an
 * INVITE (Timer A is not capped) and at T2 at once for a non-INVITE that
 * got a provisional response.  After the guide's retransmission cap, no
 * more copies: the transaction times out one interval later (or at its
 * own timeout if that is sooner).
 */
void txn__arm_retransmit(struct txn *t, int ev)
{
	const struct txn_cfg *c = &t->layer->cfg;
	uint32_t next;

	if (t->interval == 0)
		next = c->t1;
	else if (ev == TXN_EV_TIMER_A)
		next = t->interval > UINT32_MAX / 2 ? UINT32_MAX : t->interval * 2;
	else if (ev == TXN_EV_TIMER_E && t->provisional)
		next = c->t2;
	else
		next = t->interval * 2 < c->t2 && t->interval <= UINT32_MAX / 2
			       ? t->interval * 2
			       : c->t2;
	t->interval = next;
	t->retx_ev = ev;
	if (t->retx_count < cap_of(t)) {
		arm(t, &t->retx_timer, on_retx, next);
		return;
	}
	if (rt_timer_armed(&t->timeout_timer)) {
		uint64_t now = rt_timers_now(t->layer->timers);
		uint64_t left = t->timeout_timer.due - now;

		if (next < left)
			arm(t, &t->timeout_timer, on_timeout, next);
	}
}

void txn__arm_timeout(struct txn *t, int ev)
{
	t->timeout_ev = ev;
	arm(t, &t->timeout_timer, on_timeout, 64ull * t->layer->cfg.t1);
}

void txn__arm_linger(struct txn *t, int ev)
{
	uint64_t delay;

	switch (ev) {
	case TXN_EV_TIMER_D:
		delay = TXN_TIMER_D_MS;
		break;
	case TXN_EV_TIMER_I:
	case TXN_EV_TIMER_K:
		delay = TXN_T4_MS;
		break;
	default: /* J, M: 64*T1 */
		delay = 64ull * t->layer->cfg.t1;
		break;
	}
	t->linger_ev = ev;
	arm(t, &t->linger_timer, on_linger, delay);
}

void txn__stop_retransmit(struct txn *t)
{
	rt_timer_stop(t->layer->timers, &t->retx_timer);
}

void txn__stop_timers(struct txn *t)
{
	rt_timer_stop(t->layer->timers, &t->retx_timer);
	rt_timer_stop(t->layer->timers, &t->timeout_timer);
}

/* ---------------------------------------------------------------- sending */

static int send_to(struct txn_layer *l, const struct net_addr *dst,
		   const char *buf, size_t len)
{
	l->st.tx++;
	return l->ops->send(l->arg, dst, buf, len);
}

static void txn_send(struct txn *t, const char *buf, size_t len)
{
	if (send_to(t->layer, &t->peer, buf, len))
		txn_feed(t, TXN_EV_TRANSPORT_ERR);
}

void txn__send_request(struct txn *t)
{
	txn_send(t, t->buf, t->len);
}

void txn__retransmit_request(struct txn *t)
{
	t->retx_count++;
	t->layer->st.retransmissions++;
	txn_send(t, t->buf, t->len);
}

/* RFC 3261 17.1.1.3: the ACK for a non-2xx final response. */
void txn__send_ack(struct txn *t)
{
	struct txn_layer *l = t->layer;
	const struct sip_msg *req = &t->msg;
	const struct sip_hdr *h;
	struct sip_mbuf b;

	sip_mbuf_init(&b, l->out, sizeof(l->out));
	sip_mbuf_puts(&b, "ACK ");
	sip_mbuf_put_pl(&b, &req->ruri_pl);
	sip_mbuf_puts(&b, " SIP/2.0\r\n");
	/* "only a single value, equal to the top Via ... of the original" */
	sip_build_hdr(&b, "Via", &req->via.val);
	sip_mbuf_puts(&b, "Max-Forwards: 70\r\n");
	for (h = sip_msg_hdr(req, SIP_HDR_ROUTE); h; h = sip_msg_hdr_next(req, h))
		sip_build_hdr(&b, "Route", &h->val);
	h = sip_msg_hdr(req, SIP_HDR_FROM);
	if (h)
		sip_build_hdr(&b, "From", &h->val);
	h = t->cur ? sip_msg_hdr(t->cur, SIP_HDR_TO) : NULL;
	if (!h)
		h = sip_msg_hdr(req, SIP_HDR_TO);
	if (h)
		sip_build_hdr(&b, "To", &h->val);
	sip_build_hdr(&b, "Call-ID", &req->call_id);
	sip_mbuf_printf(&b, "CSeq: %lu ACK\r\n", (unsigned long)req->cseq.num);
	sip_mbuf_puts(&b, "Content-Length: 0\r\n\r\n");
	if (b.err) {
		log_printf(LOG_ERR, LOG_CAT_SIP, "txn %p: ACK does not fit",
			   (void *)t);
		return;
	}
	txn_send(t, b.p, b.len);
}

/* Keep BUF as the response to repeat, and send it. */
static void keep_and_send(struct txn *t, char *buf, size_t len)
{
	free(t->resp);
	t->resp = buf;
	t->resp_len = len;
	txn_send(t, buf, len);
}

void txn__send_trying(struct txn *t)
{
	struct sip_resp r = {.status = 100};
	struct sip_mbuf b;
	char *copy;

	sip_mbuf_init(&b, t->layer->out, sizeof(t->layer->out));
	if (sip_build_response(&b, &t->msg, &r))
		return;
	copy = malloc(b.len);
	if (!copy)
		return;
	memcpy(copy, b.p, b.len);
	keep_and_send(t, copy, b.len);
}

void txn__send_response(struct txn *t)
{
	char *buf = t->pending;

	if (!buf)
		return;
	t->pending = NULL;
	t->resp_status = t->pending_status;
	t->resp_to_tag = t->pending_tag;
	keep_and_send(t, buf, t->pending_len);
}

void txn__resend_response(struct txn *t)
{
	if (!t->resp)
		return;
	t->retx_count++;
	t->layer->st.retransmissions++;
	txn_send(t, t->resp, t->resp_len);
}

/* ---------------------------------------------------------------- to the TU */

void txn__pass_response(struct txn *t)
{
	if (t->cur && t->cur->status < 200)
		t->provisional = 1;
	if (t->user && t->user->response)
		t->user->response(t->user_arg, t, t->cur);
}

void txn__pass_request(struct txn *t)
{
	struct txn_layer *l = t->layer;

	if (l->ops->request)
		l->ops->request(l->arg, t, &t->msg, &t->src);
}

void txn__pass_ack(struct txn *t)
{
	if (t->user && t->user->ack)
		t->user->ack(t->user_arg, t, t->cur);
}

void txn__timeout(struct txn *t)
{
	if (t->user && t->user->timeout)
		t->user->timeout(t->user_arg, t);
	txn__terminate(t);
}

void txn__no_ack(struct txn *t)
{
	if (t->user && t->user->no_ack)
		t->user->no_ack(t->user_arg, t);
}

void txn__transport_error(struct txn *t)
{
	if (t->user && t->user->transport_error)
		t->user->transport_error(t->user_arg, t);
	txn__terminate(t);
}

void txn__terminate(struct txn *t)
{
	struct rt_timers *ts = t->layer->timers;

	rt_timer_stop(ts, &t->retx_timer);
	rt_timer_stop(ts, &t->timeout_timer);
	rt_timer_stop(ts, &t->linger_timer);
	t->dead = 1;
}

void txn__ignore(struct txn *t, int ev)
{
	log_printf(LOG_DEBUG, LOG_CAT_SIP, "txn %p (%s): %s absorbed",
		   (void *)t, txn_state(t), txn_ev_name(ev));
}

void txn__unexpected(struct txn *t, int ev)
{
	t->layer->st.unexpected++;
	log_printf(LOG_WARN, LOG_CAT_SIP, "txn %p (%s): unexpected %s; ignored",
		   (void *)t, txn_state(t), txn_ev_name(ev));
}

/* ---------------------------------------------------------------- creating */

/* A transaction for the message in BUF (copied and parsed): 0, -EINVAL
 * if it does not parse, -ENOMEM. */
static int txn_new(struct txn_layer *l, enum txn_kind kind, const char *buf,
		   size_t len, struct txn **tp)
{
	struct sip_err err;
	struct txn *t;

	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->buf = malloc(len ? len : 1);
	if (!t->buf) {
		free(t);
		return -ENOMEM;
	}
	memcpy(t->buf, buf, len);
	t->len = len;
	if (sip_msg_parse(&t->msg, t->buf, len, 0, &err)) {
		free(t->buf);
		free(t);
		return -EINVAL;
	}
	t->layer = l;
	t->kind = kind;
	switch (kind) {
	case TXN_ICT:
		txn__ict_init(t);
		break;
	case TXN_NICT:
		txn__nict_init(t);
		break;
	case TXN_IST:
		txn__ist_init(t);
		break;
	case TXN_NIST:
		txn__nist_init(t);
		break;
	}
	t->next = l->head;
	l->head = t;
	l->count++;
	*tp = t;
	return 0;
}

int txn_request(struct txn_layer *l, const char *buf, size_t len,
		const struct net_addr *dst, const struct txn_user_ops *user,
		void *arg, struct txn **tp)
{
	struct txn *t;
	int err;

	if (l->count >= TXN_MAX)
		return -EAGAIN;
	/* Parsed into the transaction's own copy: L->rx may hold the message
	 * whose callback is sending this request. */
	err = txn_new(l, TXN_NICT, buf, len, &t);
	if (err)
		return err;
	if (!t->msg.is_request || t->msg.mid == SIP_METHOD_ACK ||
	    !sip_pl_isset(&t->msg.via.branch)) {
		t->dead = 1;
		txn_destroy(t);
		return -EINVAL;
	}
	if (t->msg.mid == SIP_METHOD_INVITE) {
		t->kind = TXN_ICT;
		txn__ict_init(t);
	}
	t->peer = *dst;
	t->user = user;
	t->user_arg = arg;
	if (tp)
		*tp = t;
	txn_feed(t, TXN_EV_TU_REQ);
	return 0;
}

/* ---------------------------------------------------------------- Via */

static int host_is_ip(const struct sip_pl *host, uint32_t *ip)
{
	return host->p && net_addr_parse_ip(host->p, host->l, ip) == 0;
}

/*
 * Where a response to a request from SRC with top Via V goes (the guide,
 * Table 3-3 outbound_proxy_port; RFC 3581 for rport), and whether V needs
 * received= (source differs from the sent-by address) and rport=.
 */
static void resp_dest(const struct sip_via *v, const struct net_addr *src,
		      struct net_addr *dst, int *add_received, int *fill_rport)
{
	uint32_t via_ip, rcv_ip;
	int via_is_ip = host_is_ip(&v->host, &via_ip);

	*add_received = 0;
	*fill_rport = v->rport_flag && !(v->rport.p && v->rport.l);
	dst->port = v->port ? v->port : 5060;
	if (sip_pl_isset(&v->received) && host_is_ip(&v->received, &rcv_ip)) {
		dst->ip = rcv_ip;
	} else if (!via_is_ip || via_ip != src->ip) {
		dst->ip = src->ip;
		*add_received = 1;
	} else {
		dst->ip = via_ip;
	}
	if (v->rport_flag)
		dst->port = src->port;
}

/* Rewrite the request's top Via with received= and rport= (RFC 3261
 * 18.2.1, RFC 3581 4) so that every response built from it carries them. */
static int fix_via(struct txn *t, const struct net_addr *src, int add_received,
		   int fill_rport)
{
	struct sip_msg *m = &t->msg;
	struct sip_hdr *h;
	struct sip_mbuf b;
	const char *v = m->via.val.p, *end = v + m->via.val.l;
	char ip[NET_ADDR_STR_MAX];
	size_t pre, post;

	if (!add_received && !fill_rport)
		return 0;
	if (!m->first[SIP_HDR_VIA])
		return -EINVAL;
	h = &m->hdr[m->first[SIP_HDR_VIA] - 1];
	if (v < h->val.p || end > h->val.p + h->val.l)
		return -EINVAL;
	sip_mbuf_init(&b, t->via, sizeof(t->via));
	sip_mbuf_put(&b, h->val.p, (size_t)(v - h->val.p));
	if (fill_rport) {
		/* ";rport" without a value: give it the source port. */
		const char *r = m->via.params.p;
		const char *pend = r + m->via.params.l;

		while (r && r + 5 <= pend) {
			if ((r == m->via.params.p || r[-1] == ';') &&
			    strncasecmp(r, "rport", 5) == 0 &&
			    (r + 5 == pend || r[5] == ';' || r[5] == ' '))
				break;
			r++;
		}
		if (!r || r + 5 > pend)
			return -EINVAL;
		sip_mbuf_put(&b, v, (size_t)(r + 5 - v));
		sip_mbuf_printf(&b, "=%u", (unsigned)src->port);
		sip_mbuf_put(&b, r + 5, (size_t)(end - (r + 5)));
	} else {
		sip_mbuf_put(&b, v, m->via.val.l);
	}
	if (add_received)
		sip_mbuf_printf(&b, ";received=%s",
				net_addr_fmt_ip(src->ip, ip, sizeof(ip)));
	pre = (size_t)(v - h->val.p);
	post = (size_t)(h->val.p + h->val.l - end);
	sip_mbuf_put(&b, end, post);
	if (b.err)
		return b.err;
	h->val = sip_pl_mk(t->via, b.len);
	return sip_via_parse(&m->via, t->via + pre, b.len - pre - post);
}

/* ---------------------------------------------------------------- matching */

static int pl_same(const struct sip_pl *a, const struct sip_pl *b)
{
	return a->l == b->l && (a->l == 0 || memcmp(a->p, b->p, a->l) == 0);
}

static int sent_by_same(const struct sip_via *a, const struct sip_via *b)
{
	return sip_pl_caseeq_pl(&a->host, &b->host) && a->port == b->port;
}

/* RFC 3261 17.1.3: the response's top branch and CSeq method. */
static struct txn *match_client(struct txn_layer *l, const struct sip_msg *m)
{
	struct txn *t;

	for (t = l->head; t; t = t->next) {
		if (t->kind != TXN_ICT && t->kind != TXN_NICT)
			continue;
		if (pl_same(&t->msg.via.branch, &m->via.branch) &&
		    pl_same(&t->msg.method, &m->cseq.method))
			return t;
	}
	return NULL;
}

/* RFC 3261 17.2.3; for a request without the magic cookie, the RFC 2543
 * rules: Request-URI, tags, Call-ID, CSeq and top Via all equal (the ACK
 * of a non-2xx carries the To tag of our response). */
static struct txn *match_server(struct txn_layer *l, const struct sip_msg *m)
{
	int ack = m->mid == SIP_METHOD_ACK;
	int cookie = sip_via_rfc3261(&m->via);
	struct txn *t;

	for (t = l->head; t; t = t->next) {
		const struct sip_msg *o = &t->msg;

		if (t->kind != TXN_IST && t->kind != TXN_NIST)
			continue;
		if (ack ? o->mid != SIP_METHOD_INVITE
			: !pl_same(&o->method, &m->method))
			continue;
		if (cookie) {
			if (pl_same(&o->via.branch, &m->via.branch) &&
			    sent_by_same(&o->via, &m->via))
				return t;
			continue;
		}
		if (sip_via_rfc3261(&o->via))
			continue;
		if (!pl_same(&o->ruri_pl, &m->ruri_pl) ||
		    !pl_same(&o->call_id, &m->call_id) ||
		    o->cseq.num != m->cseq.num ||
		    !pl_same(&o->from.tag, &m->from.tag) ||
		    !sent_by_same(&o->via, &m->via) ||
		    !pl_same(&o->via.branch, &m->via.branch))
			continue;
		if (ack ? pl_same(&t->resp_to_tag, &m->to.tag)
			: pl_same(&o->to.tag, &m->to.tag))
			return t;
	}
	return NULL;
}

/* The ACK for a 2xx is a transaction of its own (RFC 3261 17.1.1.3); the
 * INVITE server transaction that repeats that 2xx is found by dialog:
 * Call-ID, CSeq number and From tag. */
static struct txn *match_2xx_ack(struct txn_layer *l, const struct sip_msg *m)
{
	struct txn *t;

	for (t = l->head; t; t = t->next)
		if (t->kind == TXN_IST && t->resp_status >= 200 &&
		    t->resp_status < 300 &&
		    pl_same(&t->msg.call_id, &m->call_id) &&
		    t->msg.cseq.num == m->cseq.num &&
		    pl_same(&t->msg.from.tag, &m->from.tag))
			return t;
	return NULL;
}

/* RFC 3261 8.2.2.2: the same request again by another path. */
static int merged(struct txn_layer *l, const struct sip_msg *m)
{
	struct txn *t;

	if (sip_pl_isset(&m->to.tag))
		return 0;
	for (t = l->head; t; t = t->next)
		if ((t->kind == TXN_IST || t->kind == TXN_NIST) &&
		    pl_same(&t->msg.call_id, &m->call_id) &&
		    pl_same(&t->msg.from.tag, &m->from.tag) &&
		    t->msg.cseq.num == m->cseq.num &&
		    pl_same(&t->msg.cseq.method, &m->cseq.method))
			return 1;
	return 0;
}

struct txn *txn_find_cancelled(struct txn_layer *l, const struct sip_msg *req)
{
	struct txn *t;

	if (req->mid != SIP_METHOD_CANCEL)
		return NULL;
	/* The INVITE it cancels has the same top Via and, without the magic
	 * cookie, the same Request-URI, From tag, Call-ID and CSeq number. */
	for (t = l->head; t; t = t->next) {
		if (t->kind != TXN_IST)
			continue;
		if (sip_via_rfc3261(&req->via)
			    ? pl_same(&t->msg.via.branch, &req->via.branch) &&
				      sent_by_same(&t->msg.via, &req->via)
			    : pl_same(&t->msg.call_id, &req->call_id) &&
				      t->msg.cseq.num == req->cseq.num &&
				      pl_same(&t->msg.from.tag, &req->from.tag) &&
				      pl_same(&t->msg.ruri_pl, &req->ruri_pl))
			return t;
	}
	return NULL;
}

/* ---------------------------------------------------------------- receiving */

static int event_of_status(uint16_t status)
{
	return status < 200 ? TXN_EV_RX_1XX
	       : status < 300 ? TXN_EV_RX_2XX
			      : TXN_EV_RX_ERR;
}

/* Answer M statelessly with STATUS (482, 503) or with ERR (a parse
 * failure). */
static void answer_stateless(struct txn_layer *l, const struct sip_msg *m,
			     const struct net_addr *src, uint16_t status,
			     const struct sip_err *err)
{
	struct net_addr dst;
	struct sip_mbuf b;
	int add_rcv, fill_rport, rc;

	sip_mbuf_init(&b, l->out, sizeof(l->out));
	if (err) {
		rc = sip_build_error(&b, m, err);
	} else {
		struct sip_resp r = {.status = status};

		rc = sip_build_response(&b, m, &r);
	}
	if (rc)
		return;
	if (m->via_count) {
		resp_dest(&m->via, src, &dst, &add_rcv, &fill_rport);
	} else {
		dst = *src;
	}
	send_to(l, &dst, b.p, b.len);
}

static void recv_request(struct txn_layer *l, const char *buf, size_t len,
			 const struct net_addr *src)
{
	const struct sip_msg *m = &l->rx;
	struct txn *t = match_server(l, m);
	int add_rcv, fill_rport;

	if (t) {
		t->cur = m;
		txn_feed(t, m->mid == SIP_METHOD_ACK ? TXN_EV_RX_ACK
						     : TXN_EV_RX_REQ);
		return;
	}
	if (m->mid == SIP_METHOD_ACK) {
		t = match_2xx_ack(l, m);
		if (t) {
			t->cur = m;
			txn_feed(t, TXN_EV_RX_ACK);
			return;
		}
		l->st.rx_stray++;
		if (l->ops->stray)
			l->ops->stray(l->arg, m, src);
		return;
	}
	if (merged(l, m)) {
		answer_stateless(l, m, src, 482, NULL);
		return;
	}
	if (l->count >= TXN_MAX) {
		answer_stateless(l, m, src, 503, NULL);
		return;
	}
	if (txn_new(l, m->mid == SIP_METHOD_INVITE ? TXN_IST : TXN_NIST, buf,
		    len, &t)) {
		answer_stateless(l, m, src, 503, NULL);
		return;
	}
	t->src = *src;
	resp_dest(&t->msg.via, src, &t->peer, &add_rcv, &fill_rport);
	if (fix_via(t, src, add_rcv, fill_rport))
		log_printf(LOG_WARN, LOG_CAT_SIP,
			   "txn %p: top Via not rewritten", (void *)t);
	t->cur = &t->msg;
	txn_feed(t, TXN_EV_RX_REQ);
}

static void recv_flags(struct txn_layer *l, const char *buf, size_t len,
		       const struct net_addr *src, unsigned flags)
{
	struct sip_err err;
	struct txn *t;

	l->st.rx++;
	if (sip_msg_parse(&l->rx, buf, len, flags, &err)) {
		char from[NET_ADDR_STR_MAX];

		l->st.rx_bad++;
		log_printf(LOG_INFO, LOG_CAT_SIP, "from %s: %u %s",
			   net_addr_fmt(src, from, sizeof(from)), err.status,
			   err.reason);
		if (l->rx.is_request)
			answer_stateless(l, &l->rx, src, 0, &err);
		return;
	}
	if (l->rx.is_request) {
		recv_request(l, buf, len, src);
		return;
	}
	t = match_client(l, &l->rx);
	if (!t) {
		l->st.rx_stray++;
		if (l->ops->stray)
			l->ops->stray(l->arg, &l->rx, src);
		return;
	}
	t->cur = &l->rx;
	txn_feed(t, event_of_status(l->rx.status));
}

void txn_layer_recv(struct txn_layer *l, const char *buf, size_t len,
		    const struct net_addr *src)
{
	recv_flags(l, buf, len, src, 0);
}

void txn_layer_recv_stream(struct txn_layer *l, const char *buf, size_t len,
			   const struct net_addr *src)
{
	recv_flags(l, buf, len, src, SIP_MSG_STREAM);
}

/* ---------------------------------------------------------------- the TU */

int txn_respond(struct txn *t, const char *buf, size_t len)
{
	struct sip_msg *m;
	struct sip_err err;
	int ev, rc = 0;

	if (t->kind != TXN_IST && t->kind != TXN_NIST)
		return -EINVAL;
	m = malloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	if (sip_msg_parse(m, buf, len, 0, &err) || m->is_request) {
		rc = -EINVAL;
		goto out;
	}
	ev = m->status < 200 ? TXN_EV_TU_1XX
	     : m->status < 300 ? TXN_EV_TU_2XX
			       : TXN_EV_TU_ERR;
	free(t->pending);
	t->pending = malloc(len ? len : 1);
	if (!t->pending) {
		rc = -ENOMEM;
		goto out;
	}
	memcpy(t->pending, buf, len);
	t->pending_len = len;
	t->pending_status = m->status;
	/* Where the To tag sits in the copy (RFC 2543 ACK matching). */
	t->pending_tag = m->to.tag.p
		? sip_pl_mk(t->pending + (m->to.tag.p - buf), m->to.tag.l)
		: sip_pl_mk(NULL, 0);
	txn_feed(t, ev);
out:
	free(m);
	return rc;
}

int txn_respond_status(struct txn *t, uint16_t status, const char *to_tag)
{
	struct sip_resp r = {.status = status};
	struct sip_mbuf b;

	if (to_tag)
		r.to_tag = sip_pl_mk(to_tag, strlen(to_tag));
	sip_mbuf_init(&b, t->layer->out, sizeof(t->layer->out));
	if (sip_build_response(&b, &t->msg, &r))
		return b.err ? b.err : -EINVAL;
	return txn_respond(t, b.p, b.len);
}

void txn_set_user(struct txn *t, const struct txn_user_ops *user, void *arg)
{
	t->user = user;
	t->user_arg = arg;
}

enum txn_kind txn_kind(const struct txn *t)
{
	return t->kind;
}

const char *txn_state(const struct txn *t)
{
	switch (t->kind) {
	case TXN_ICT:
		return txn__ict_state(t->cs);
	case TXN_NICT:
		return txn__nict_state(t->cs);
	case TXN_IST:
		return txn__ist_state(t->cs);
	case TXN_NIST:
		return txn__nist_state(t->cs);
	}
	return "?";
}

const struct sip_msg *txn_msg(const struct txn *t)
{
	return &t->msg;
}

const struct net_addr *txn_peer(const struct txn *t)
{
	return &t->peer;
}
