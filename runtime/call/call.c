/*
 * call.c - one call: events into the chart of spec/call/call.rl, its
 * actions on the wire (INVITE, ACK, CANCEL, BYE, re-INVITE, responses)
 * and toward the owner (tones, media, the screen).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call/call_int.h"
#include "log/log.h"
#include "sip/sip_addr.h"
#include "sip/sip_build.h"
#include "sip/sip_hval.h"
#include "uac/uac_cnf.h"

#define CALL_UA "sipphone"

/* ---------------------------------------------------------------- events */

static void notify(struct call *c)
{
	if (c->ops->changed)
		c->ops->changed(c->arg, c);
}

static void finish(struct call *c)
{
	if (c->ended)
		return;
	c->ended = 1;
	if (c->ops->ended)
		c->ops->ended(c->arg, c); /* may free C */
}

/* Run the queued events; the chart never runs inside a callback of the
 * layers below (they may still hold what an action frees). */
static void on_kick(struct rt_timer *t, void *arg)
{
	struct call *c = arg;

	(void)t;
	c->in_exec = 1;
	while (c->evq_n) {
		int ev = c->evq[0];

		memmove(c->evq, c->evq + 1, --c->evq_n);
		call__exec(c, ev);
		notify(c);
	}
	c->in_exec = 0;
	if (call__state(c->cs) == CALL_ST_done)
		finish(c);
}

void call__post(struct call *c, int ev)
{
	if (c->evq_n == CALL_EVQ_MAX) {
		log_printf(LOG_ERR, LOG_CAT_CALL, "call %s: event queue full, %s "
			   "dropped", c->call_id, call_ev_name(ev));
		return;
	}
	c->evq[c->evq_n++] = (uint8_t)ev;
	if (!c->in_exec &&
	    rt_timer_start(c->env.timers, &c->kick, 0, on_kick, c))
		log_printf(LOG_ERR, LOG_CAT_CALL, "call: no timer");
}

void call__ignore(struct call *c, int ev)
{
	log_printf(LOG_DEBUG, LOG_CAT_CALL, "call %s: %s ignores %s",
		   c->call_id, call_state_name(call__state(c->cs)), call_ev_name(ev));
}

void call__unexpected(struct call *c, int ev)
{
	log_printf(LOG_WARN, LOG_CAT_CALL, "call %s: %s unexpected in state %s",
		   c->call_id, call_ev_name(ev), call_state_name(call__state(c->cs)));
}

/* ---------------------------------------------------------------- helpers */

static void copy(char *dst, size_t size, const char *src, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

void call__copy_pl(char *dst, size_t size, const struct sip_pl *pl)
{
	if (!sip_pl_isset(pl)) {
		dst[0] = '\0';
		return;
	}
	copy(dst, size, pl->p, pl->l);
}

/* A slice fits a buffer of SIZE with its NUL: or the request is refused
 * rather than cut. */
bool call__fits(const struct sip_pl *pl, size_t size)
{
	return !sip_pl_isset(pl) || pl->l < size;
}

/* snprintf that refuses to cut: the length, or -ENOBUFS. */
int call__fmt(char *buf, size_t size, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = vsnprintf(buf, size, f, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= size ? -ENOBUFS : n;
}

/* Our Contact URI, in requests and in responses (the builders put it
 * in <>). */
static int contact_of(const struct call *c, char *buf, size_t size)
{
	return call__fmt(buf, size, "sip:%s@%s:%u%s", c->name, c->local,
		   c->local_port, uac_user_param(c->user_info));
}

void call__set_prompt(struct call *c, const char *s)
{
	copy(c->prompt, sizeof(c->prompt), s, strlen(s));
}

static void new_tag(struct call *c, char *buf, size_t size, const char *what)
{
	static uint32_t n;

	snprintf(buf, size, "%08" PRIx32 "%s%08" PRIx32, c->env.seed, what,
		 ++n * 2654435761u);
}

/* The host and port a URI text names ("sip:u@h:p;..."): for ACK. */
static int uri_hop(const char *uri, struct uac_hop *hop)
{
	struct sip_uri u;

	if (sip_uri_parse(&u, uri, strlen(uri)) || !sip_pl_isset(&u.host) ||
	    u.host.l > UAC_HOST_MAX)
		return -EINVAL;
	call__copy_pl(hop->host, sizeof(hop->host), &u.host);
	hop->port = u.port;
	return 0;
}

/* Where in-dialog requests go: the first Route, else the remote target
 * (RFC 3261 12.2.1.1, loose routing); outbound_proxy still first when
 * the configuration says so, and the emergency or backup proxy when the
 * call took it ("used for the call duration"). */
void call__dialog_route(const struct call *c, struct uac_route *rt)
{
	memset(rt, 0, sizeof(*rt));
	rt->outbound = c->route.outbound;
	rt->emergency = c->route.emergency;
	rt->backup = c->route.backup;
	if (uri_hop(c->nroutes ? c->routes[0] : c->target, &rt->proxy))
		rt->proxy = c->route.proxy;
}

/* ---------------------------------------------------------------- requests */


int call__build_req(struct call *c, struct sip_mbuf *b, const char *branch,
		     const struct call_build *x)
{
	char sent_by[UAC_HOST_MAX + 8], contact[CALL_URI_MAX + 64];
	char route[CALL_ROUTES_MAX * (CALL_URI_MAX + 4)];
	char rpid[CALL_URI_MAX + CALL_NAME_MAX + 64];
	char expires[16];
	char refer_hdr[3][CALL_REPLACES_MAX + CALL_URI_MAX];
	struct sip_xhdr h[10 + AUTH_KINDS + CALL_XHDR_MAX + 3];
	struct sip_req q;
	unsigned n = 0, i;
	size_t rl = 0;

	memset(&q, 0, sizeof(q));

	int len;

	if (call__fmt(sent_by, sizeof(sent_by), "%s:%u", c->local, c->local_port) < 0 ||
	    (len = contact_of(c, contact, sizeof(contact))) < 0)
		return -ENOBUFS;
	if (strcmp(x->method, "ACK") != 0)
		q.contact = sip_pl_mk(contact, (size_t)len);
	if (x->in_dialog && c->nroutes) {
		for (i = 0; i < c->nroutes; i++) {
			len = call__fmt(route + rl, sizeof(route) - rl, "%s<%s>",
				  i ? ", " : "", c->routes[i]);
			if (len < 0)
				return len;
			rl += (size_t)len;
		}
		h[n].name = "Route";
		h[n++].val = sip_pl_mk(route, rl);
	}
	if (strcmp(x->method, "INVITE") == 0) {
		h[n].name = "Allow";
		h[n++].val = sip_pl_mk(CALL_ALLOW, strlen(CALL_ALLOW));
		if (!x->in_dialog) {
			snprintf(expires, sizeof(expires), "%" PRIu32,
				 c->invite_expires);
			h[n].name = "Expires";
			h[n++].val = sip_pl_mk(expires, strlen(expires));
		}
		if (c->rpid && !x->in_dialog) {
			len = call__fmt(rpid, sizeof(rpid),
				  "\"%s\" <sip:%s@%s>;party=calling;screen=no;"
				  "privacy=%s", c->dname, c->name,
				  c->route.proxy.host,
				  c->anonymous ? "full" : "off");
			if (len < 0)
				return len;
			h[n].name = "Remote-Party-ID";
			h[n++].val = sip_pl_mk(rpid, (size_t)len);
		}
		/* a call made for a transfer says for whom (Appendix B) */
		if (!x->in_dialog) {
			static const char *const names[3] = {
				"Referred-By", "Requested-By", "Replaces"};
			const char *vals[3] = {c->made_for.referred_by,
					       c->made_for.requested_by,
					       c->made_for.replaces};

			for (i = 0; i < 3; i++) {
				if (!vals[i][0])
					continue;
				len = call__fmt(refer_hdr[i], sizeof(refer_hdr[i]),
					  i == 2 ? "%s" : "<%s>", vals[i]);
				if (len < 0)
					return len;
				h[n].name = names[i];
				h[n++].val = sip_pl_mk(refer_hdr[i], (size_t)len);
			}
		}
	}
	for (i = 0; i < x->nxh && i < CALL_XHDR_MAX; i++)
		h[n++] = x->xh[i];
	h[n].name = "User-Agent";
	h[n++].val = sip_pl_mk(CALL_UA, strlen(CALL_UA));
	if (x->creds)
		for (i = 0; i < c->out.n && i < AUTH_KINDS; i++)
			h[n++] = auth_xhdr(&c->out.h[i]);

	q.method = x->method;
	q.ruri = sip_pl_mk(x->ruri, strlen(x->ruri));
	q.transport = "UDP";
	q.sent_by = sip_pl_mk(sent_by, strlen(sent_by));
	q.branch = sip_pl_mk(branch, strlen(branch));
	q.rport = 1;
	if (c->anonymous) {
		q.from_dname = sip_pl_mk("Anonymous", 9);
		q.from_uri = sip_pl_mk("sip:anonymous@localhost", 23);
	} else {
		if (c->dname[0])
			q.from_dname = sip_pl_mk(c->dname, strlen(c->dname));
		q.from_uri = sip_pl_mk(c->local_uri, strlen(c->local_uri));
	}
	if (!c->outgoing) /* our From is their To */
		q.from_uri = sip_pl_mk(c->local_uri, strlen(c->local_uri));
	q.from_tag = sip_pl_mk(c->ltag, strlen(c->ltag));
	q.to_uri = sip_pl_mk(c->remote_uri, strlen(c->remote_uri));
	if (c->rtag[0])
		q.to_tag = sip_pl_mk(c->rtag, strlen(c->rtag));
	q.call_id = sip_pl_mk(c->call_id, strlen(c->call_id));
	q.cseq = x->cseq;
	q.max_forwards = 70;
	q.xhdr = h;
	q.nxhdr = n;
	if (x->body) {
		const char *ct = x->ctype ? x->ctype : "application/sdp";

		q.ctype = sip_pl_mk(ct, strlen(ct));
		q.body = sip_pl_mk(x->body, x->body_len);
	}
	return sip_build_request(b, &q);
}

static int our_sdp(struct call *c, char *buf, size_t cap, bool answer)
{
	struct call_sdp_local l = {
		.addr = c->local,
		.port = c->media.local_port,
		.sess_id = c->sess_id,
		.sess_ver = c->sess_ver,
		.hold = c->local_hold,
	};

	return call_sdp_write(buf, cap, &l, &c->codecs,
			      answer ? &c->media : NULL);
}

static struct auth_cred cred_of(const struct call *c)
{
	struct auth_cred cr = {c->authname, c->password};

	return cr;
}

/* ---------------------------------------------------------------- INVITE */

static int build_invite(void *arg, struct sip_mbuf *b, const char *branch,
			const struct net_addr *hop)
{
	struct call *c = arg;
	char sdp[CALL_SDP_MAX];
	struct call_build x = {.method = "INVITE", .ruri = c->ruri,
			      .creds = true};
	int len;

	(void)hop;
	len = our_sdp(c, sdp, sizeof(sdp), false);
	if (len < 0)
		return len;
	x.cseq = c->inv_cseq = ++c->lcseq;
	x.body = sdp;
	x.body_len = (size_t)len;
	return call__build_req(c, b, branch, &x);
}

/* RFC 3261 13.2.2.4: the ACK of a 2xx is a request of its own, to the
 * remote target (or the first Route), with the INVITE's CSeq number. */
static int send_ack(struct call *c)
{
	struct call_build x = {.method = "ACK", .ruri = c->target,
			      .cseq = c->inv_cseq, .in_dialog = true};
	struct sip_mbuf b;
	struct uac_hop hop;
	char branch[UAC_BRANCH_MAX];
	const struct net_addr *via;
	int err;

	if (!c->ack_len) {
		uac_branch(c->env.uac, branch, sizeof(branch));
		sip_mbuf_init(&b, c->ack, sizeof(c->ack));
		err = call__build_req(c, &b, branch, &x);
		if (err)
			return err;
		c->ack_len = b.len;
		/* A literal address is used as it is; a name goes where the
		 * INVITE went (the proxy that will route it on). */
		via = c->inv ? uac_req_hop(c->inv) : NULL;
		if (uri_hop(c->nroutes ? c->routes[0] : c->target, &hop) == 0 &&
		    net_addr_parse_ip(hop.host, strlen(hop.host),
				      &c->ack_dst.ip) == 0)
			c->ack_dst.port = hop.port ? hop.port : CALL_DEFAULT_PORT;
		else if (via)
			c->ack_dst = *via;
		else
			return -EHOSTUNREACH;
		if (via && (c->route.outbound.host[0] ||
			    (c->uac_flags & UAC_STICKY) ||
			    ((c->uac_flags & UAC_EMERGENCY) &&
			     c->route.emergency.host[0])))
			c->ack_dst = *via; /* the proxy the call keeps */
	}
	return c->env.send(c->env.send_arg, &c->ack_dst, c->ack, c->ack_len);
}

/* The dialog from a 2xx (RFC 3261 12.1.2): their tag, their Contact,
 * the Record-Route in reverse. */
static int dialog_from_2xx(struct call *c, const struct sip_msg *m)
{
	const struct sip_hdr *h;
	struct sip_addr a;
	char rr[CALL_ROUTES_MAX][CALL_URI_MAX];
	unsigned n = 0, i;

	if (!call__fits(&m->to.tag, sizeof(c->rtag)) ||
	    !call__fits(&m->contact.uri_pl, sizeof(c->target)))
		return -E2BIG;
	call__copy_pl(c->rtag, sizeof(c->rtag), &m->to.tag);
	if (m->contact_count)
		call__copy_pl(c->target, sizeof(c->target), &m->contact.uri_pl);
	else
		snprintf(c->target, sizeof(c->target), "%s", c->ruri);
	for (h = sip_msg_hdr(m, SIP_HDR_RECORD_ROUTE); h;
	     h = sip_msg_hdr_next(m, h)) {
		struct sip_pl rest = h->val;

		while (sip_addr_next(&rest, &a) == 0) {
			if (n == CALL_ROUTES_MAX || a.uri_pl.l >= CALL_URI_MAX)
				return -E2BIG;
			call__copy_pl(rr[n++], CALL_URI_MAX, &a.uri_pl);
		}
	}
	c->nroutes = n;
	for (i = 0; i < n; i++)
		memcpy(c->routes[i], rr[n - 1 - i], CALL_URI_MAX);
	log_printf(LOG_DEBUG, LOG_CAT_CALL, "call %s: target %s, %u routes%s%s",
		   c->call_id, c->target, n, n ? " first " : "",
		   n ? c->routes[0] : "");
	return 0;
}

static int media_from_body(struct call *c, const struct sip_msg *m,
			   struct call_media *out)
{
	struct sdp_sess s;
	int err;

	if (!sip_pl_isset(&m->body) || m->body.l == 0)
		return -ENOENT;
	if (sdp_parse(&s, m->body.p, m->body.l))
		return -EBADMSG;
	*out = c->media;
	err = call_sdp_choose(&s, &c->codecs, out);
	if (err)
		return err;
	out->local_port = c->media.local_port;
	return 0;
}

static void start_media(struct call *c, const struct call_media *m)
{
	c->media = *m;
	c->have_media = 1;
	if (c->local_hold)
		c->media.send = c->media.recv = false;
	c->remote_hold = !m->send && !m->recv;
	if (c->ops->media)
		c->ops->media(c->arg, c, &c->media);
}

static void resend_invite(struct call *c);

/* The Contacts of a 3xx, in order, as the next targets (RFC 3261
 * 8.1.3.4); those past CALL_ALT_MAX or CALL_URI_MAX are left out. */
static void take_contacts(struct call *c, const struct sip_msg *m)
{
	const struct sip_hdr *h;
	struct sip_addr a;

	c->nalt = 0;
	c->alt_via_proxy = m->status == 305;
	for (h = sip_msg_hdr(m, SIP_HDR_CONTACT); h;
	     h = sip_msg_hdr_next(m, h)) {
		struct sip_pl rest = h->val;

		while (sip_addr_next(&rest, &a) == 0 && c->nalt < CALL_ALT_MAX)
			if (call__fits(&a.uri_pl, CALL_URI_MAX))
				call__copy_pl(c->alt[c->nalt++], CALL_URI_MAX,
					&a.uri_pl);
	}
}

/* Send the INVITE to the next Contact taken from a 3xx: as the new
 * Request-URI, or (305 Use Proxy) as the hop for the same one. */
static bool try_next_contact(struct call *c, bool via_proxy)
{
	char next[CALL_URI_MAX];

	if (!c->nalt)
		return false;
	memcpy(next, c->alt[0], sizeof(next));
	memmove(c->alt[0], c->alt[1], (size_t)(--c->nalt) * CALL_URI_MAX);
	if (via_proxy) {
		struct uac_hop hop;

		if (uri_hop(next, &hop))
			return false;
		memset(&c->route.outbound, 0, sizeof(c->route.outbound));
		c->route.proxy = hop;
		log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: 305 use proxy %s",
			   c->call_id, next);
	} else {
		memcpy(c->ruri, next, sizeof(c->ruri));
		snprintf(c->remote_uri, sizeof(c->remote_uri), "%s", c->ruri);
		log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: redirected to %s",
			   c->call_id, c->ruri);
	}
	resend_invite(c);
	return true;
}

static void invite_response(void *arg, struct uac_req *r,
			    const struct sip_msg *m)
{
	struct call *c = arg;
	struct call_media md;

	if (r != c->inv)
		return;
	if (m->status < 200) {
		if (m->status == 100) {
			call__post(c, CALL_EV_TRYING);
		} else if (m->status == 183 &&
			   media_from_body(c, m, &md) == 0) {
			start_media(c, &md);
			call__post(c, CALL_EV_EARLY_MEDIA);
		} else {
			call__post(c, CALL_EV_RINGING);
		}
		return;
	}
	if (m->status < 300) {
		if (c->inv_final) { /* a retransmission: ACK again */
			send_ack(c);
			return;
		}
		c->inv_final = 1;
		c->last_status = m->status;
		rt_timer_stop(c->env.timers, &c->expire);
		if (dialog_from_2xx(c, m))
			log_printf(LOG_WARN, LOG_CAT_CALL, "call %s: 2xx dialog "
				   "past the limits", c->call_id);
		if (send_ack(c))
			log_printf(LOG_WARN, LOG_CAT_CALL, "call %s: no ACK sent",
				   c->call_id);
		if (media_from_body(c, m, &md) == 0)
			start_media(c, &md);
		call__post(c, CALL_EV_ANSWERED);
		return;
	}
	/* A final failure: the ICT sent its ACK. */
	c->inv_final = 1;
	c->last_status = m->status;
	if ((m->status == 401 || m->status == 407) &&
	    auth_should_retry(&c->try, m)) {
		struct auth_req q = {.method = "INVITE",
				     .uri = sip_pl_mk(c->ruri, strlen(c->ruri))};
		struct auth_cred cr = cred_of(c);
		int err = auth_answer(&c->auth, &c->try, m, &q, &cr, &c->out);

		if (err == 0) {
			resend_invite(c);
			return;
		}
		log_printf(LOG_WARN, LOG_CAT_CALL, "call %s: %s", c->call_id,
			   auth_strerror(err));
		call__set_prompt(c, "Authentication Error");
		call__post(c, CALL_EV_REJECTED);
		return;
	}
	if (m->status >= 300 && m->status < 400 && m->contact_count &&
	    c->redirects < CALL_REDIRECTS_MAX) {
		/* 300/301/302/380: call the Contacts in turn; 305: reach
		 * the same Request-URI through the proxy it names */
		c->redirects++;
		take_contacts(c, m);
		if (try_next_contact(c, m->status == 305)) {
			call__post(c, CALL_EV_REDIRECTED);
			return;
		}
	}
	/* a redirected call whose target failed: the next Contact */
	if (c->nalt && try_next_contact(c, c->alt_via_proxy)) {
		call__post(c, CALL_EV_REDIRECTED);
		return;
	}
	if (m->status == 486 || m->status == 600) {
		call__set_prompt(c, "Busy");
		call__post(c, CALL_EV_BUSY);
		return;
	}
	{
		char why[40];
		struct sip_retry_after ra;
		const struct sip_hdr *h = sip_msg_hdr(m, SIP_HDR_RETRY_AFTER);

		snprintf(why, sizeof(why), "%u %.*s", m->status,
			 (int)(m->reason.l > 30 ? 30 : m->reason.l), m->reason.p);
		if (h && sip_retry_after_parse(&ra, h->val.p, h->val.l) == 0)
			snprintf(why, sizeof(why), "%u retry in %" PRIu32 " s",
				 m->status, ra.secs);
		call__set_prompt(c, why);
	}
	call__post(c, CALL_EV_REJECTED);
}

static void invite_failed(void *arg, struct uac_req *r, int err)
{
	struct call *c = arg;

	if (r != c->inv)
		return;
	log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: INVITE failed: %s",
		   c->call_id, strerror(-err));
	if (c->nalt && try_next_contact(c, c->alt_via_proxy)) {
		call__post(c, CALL_EV_REDIRECTED);
		return;
	}
	c->inv_final = 1;
	call__set_prompt(c, "No answer");
	call__post(c, CALL_EV_NO_ANSWER);
}

static void invite_backup(void *arg, struct uac_req *r)
{
	struct call *c = arg;

	(void)r;
	c->uac_flags |= UAC_STICKY;
	call__set_prompt(c, UAC_BACKUP_MESSAGE);
	notify(c);
}

static void invite_done(void *arg, struct uac_req *r)
{
	struct call *c = arg;

	if (c->inv == r)
		c->inv = NULL;
}

static const struct uac_ops invite_ops = {
	.build = build_invite,
	.response = invite_response,
	.backup = invite_backup,
	.failed = invite_failed,
	.done = invite_done,
};

static void send_invite(struct call *c)
{
	int err;

	c->inv_final = 0;
	c->ack_len = 0;
	err = uac_send(c->env.uac, &c->route, c->uac_flags | UAC_INVITE,
		       &invite_ops, c, &c->inv);
	if (err) {
		log_printf(LOG_WARN, LOG_CAT_CALL, "call %s: cannot send the "
			   "INVITE: %s", c->call_id, strerror(-err));
		c->inv = NULL;
		call__set_prompt(c, "No proxy");
		call__post(c, CALL_EV_REJECTED);
	}
}

static void resend_invite(struct call *c)
{
	if (c->inv)
		uac_abandon(c->inv);
	c->inv = NULL;
	send_invite(c);
}

static void on_expire(struct rt_timer *t, void *arg)
{
	struct call *c = arg;

	(void)t;
	if (c->inv_final)
		return;
	/* timer_invite_expires: the INVITE is given up (CANCEL). */
	log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: no answer in %" PRIu32
		   " s", c->call_id, c->invite_expires);
	call__send_cancel(c);
	call__set_prompt(c, "No answer");
	call__post(c, CALL_EV_NO_ANSWER);
}

void call__send_invite(struct call *c)
{
	uint16_t port = 0;

	if (c->ops->media_port && c->ops->media_port(c->arg, c, &port)) {
		call__set_prompt(c, "No media port");
		call__post(c, CALL_EV_REJECTED);
		return;
	}
	c->media.local_port = port;
	c->media.pt = c->codecs.n ? c->codecs.pt[0] : 0;
	if (c->ops->tone)
		c->ops->tone(c->arg, c, CALL_TONE_NONE);
	call__set_prompt(c, "Calling");
	send_invite(c);
	rt_timer_start(c->env.timers, &c->expire,
		       (uint64_t)c->invite_expires * 1000, on_expire, c);
}

/* ---------------------------------------------------------------- CANCEL */

static void cancel_response(void *arg, struct txn *t, const struct sip_msg *m)
{
	(void)arg;
	(void)t;
	(void)m;
}

static void cancel_terminated(void *arg, struct txn *t)
{
	struct call *c = arg;

	if (c->cancel == t)
		c->cancel = NULL;
}

static const struct txn_user_ops cancel_user = {
	.response = cancel_response,
	.terminated = cancel_terminated,
};

/* RFC 3261 9.1: the INVITE's Request-URI, Call-ID, To, From, CSeq number
 * and top Via (same branch), to where the INVITE went. */
void call__send_cancel(struct call *c)
{
	struct txn *it = c->inv ? uac_req_txn(c->inv) : NULL;
	const struct sip_msg *im;
	const struct net_addr *hop;
	struct sip_req q;
	struct sip_mbuf b;
	char buf[CALL_MSG_MAX];
	int err;

	if (c->cancel || !it || c->inv_final)
		return;
	im = txn_msg(it);
	hop = uac_req_hop(c->inv);
	memset(&q, 0, sizeof(q));
	q.method = "CANCEL";
	q.ruri = im->ruri_pl;
	q.transport = "UDP";
	q.sent_by = im->via.host;
	if (sip_pl_isset(&im->via.port_pl))
		q.sent_by.l = (size_t)(im->via.port_pl.p + im->via.port_pl.l -
				       im->via.host.p);
	q.branch = im->via.branch;
	q.rport = 1;
	q.from_dname = im->from.dname;
	q.from_uri = im->from.uri_pl;
	q.from_tag = im->from.tag;
	q.to_dname = im->to.dname;
	q.to_uri = im->to.uri_pl;
	q.call_id = im->call_id;
	q.cseq = im->cseq.num;
	q.max_forwards = 70;
	sip_mbuf_init(&b, buf, sizeof(buf));
	err = sip_build_request(&b, &q);
	if (!err)
		err = txn_request(c->env.txn, b.p, b.len, hop, &cancel_user, c,
				  &c->cancel);
	if (err)
		log_printf(LOG_WARN, LOG_CAT_CALL, "call %s: no CANCEL: %s",
			   c->call_id, strerror(-err));
}

/* ---------------------------------------------------------------- BYE, re-INVITE */

static int build_in_dialog(void *arg, struct sip_mbuf *b, const char *branch,
			   const struct net_addr *hop)
{
	struct call *c = arg;
	char sdp[CALL_SDP_MAX], by[CALL_URI_MAX + 2], also[CALL_URI_MAX + 2];
	struct sip_xhdr xh[2];
	struct call_build x = {.ruri = c->target, .in_dialog = true,
			      .creds = true, .xh = xh};
	int len;

	(void)hop;
	x.cseq = ++c->lcseq;
	if (c->req_kind == CALL_REQ_BYE) {
		x.method = "BYE";
		if (c->xfer.bye_also) {
			/* the guide's failover: "Also: C" */
			len = call__fmt(also, sizeof(also), "<%s>", c->xfer.also);
			if (len < 0)
				return len;
			xh[x.nxh].name = "Also";
			xh[x.nxh++].val = sip_pl_mk(also, (size_t)len);
		}
	} else if (c->req_kind == CALL_REQ_REFER) {
		/* RFC 3515 s.2.1, RFC 3892: Refer-To and Referred-By */
		x.method = "REFER";
		len = call__fmt(by, sizeof(by), "<%s>", c->local_uri);
		if (len < 0)
			return len;
		xh[x.nxh].name = "Refer-To";
		xh[x.nxh++].val = sip_pl_mk(c->xfer.refer_to,
					    strlen(c->xfer.refer_to));
		xh[x.nxh].name = "Referred-By";
		xh[x.nxh++].val = sip_pl_mk(by, (size_t)len);
	} else {
		x.method = "INVITE";
		len = our_sdp(c, sdp, sizeof(sdp), false);
		if (len < 0)
			return len;
		x.body = sdp;
		x.body_len = (size_t)len;
	}
	return call__build_req(c, b, branch, &x);
}

static void dialog_response(void *arg, struct uac_req *r,
			    const struct sip_msg *m)
{
	struct call *c = arg;
	struct call_media md;
	bool bye = c->req_kind == CALL_REQ_BYE;
	bool refer = c->req_kind == CALL_REQ_REFER;

	if (r != c->req || m->status < 200)
		return;
	if ((m->status == 401 || m->status == 407) &&
	    auth_should_retry(&c->try, m)) {
		struct auth_req q = {.method = bye ? "BYE" : refer ? "REFER"
							       : "INVITE",
				     .uri = sip_pl_mk(c->target,
						      strlen(c->target))};
		struct auth_cred cr = cred_of(c);

		if (auth_answer(&c->auth, &c->try, m, &q, &cr, &c->out) == 0) {
			uac_abandon(c->req);
			c->req = NULL;
			call__send_in_dialog(c, c->req_kind);
			return;
		}
	}
	if (bye) {
		call__post(c, CALL_EV_RELEASED);
		return;
	}
	if (refer) {
		/* 501 (and 405): the far end has no REFER, the guide's
		 * failover to BYE/Also */
		log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: REFER answered %u",
			   c->call_id, m->status);
		call__post(c, m->status < 300 ? CALL_EV_REFER_ACCEPTED
		     : m->status == 501 || m->status == 405
			     ? CALL_EV_REFER_REFUSED
			     : CALL_EV_REFER_FAILED);
		return;
	}
	if (m->status < 300) {
		/* a re-INVITE's 2xx is ACKed like the first one's */
		c->inv_cseq = m->cseq.num;
		c->ack_len = 0;
		send_ack(c);
		if (media_from_body(c, m, &md) == 0)
			start_media(c, &md);
		else if (c->ops->media && c->have_media)
			start_media(c, &c->media);
		call__post(c, CALL_EV_REINVITE_OK);
	} else {
		call__post(c, CALL_EV_REINVITE_FAIL);
	}
}

static void dialog_failed(void *arg, struct uac_req *r, int err)
{
	struct call *c = arg;

	(void)err;
	if (r != c->req)
		return;
	call__post(c, c->req_kind == CALL_REQ_BYE     ? CALL_EV_RELEASED
		: c->req_kind == CALL_REQ_REFER ? CALL_EV_REFER_FAILED
						: CALL_EV_REINVITE_FAIL);
}

static void dialog_done(void *arg, struct uac_req *r)
{
	struct call *c = arg;

	if (c->req == r) {
		c->req = NULL;
		c->req_kind = CALL_REQ_NONE;
	}
}

static const struct uac_ops dialog_ops = {
	.build = build_in_dialog,
	.response = dialog_response,
	.failed = dialog_failed,
	.done = dialog_done,
};

void call__send_in_dialog(struct call *c, enum call_req_kind kind)
{
	struct uac_route rt;
	int err;

	if (c->req) {
		uac_abandon(c->req);
		c->req = NULL;
	}
	memset(&c->try, 0, sizeof(c->try));
	call__dialog_route(c, &rt);
	c->req_kind = kind;
	err = uac_send(c->env.uac, &rt,
		       c->uac_flags & (UAC_EMERGENCY | UAC_STICKY),
		       &dialog_ops, c, &c->req);
	if (err) {
		c->req = NULL;
		log_printf(LOG_WARN, LOG_CAT_CALL, "call %s: cannot send %s: %s",
			   c->call_id, kind == CALL_REQ_BYE     ? "BYE"
				       : kind == CALL_REQ_REFER ? "REFER"
								: "INVITE",
			   strerror(-err));
		call__post(c, kind == CALL_REQ_BYE     ? CALL_EV_RELEASED
			: kind == CALL_REQ_REFER ? CALL_EV_REFER_FAILED
						 : CALL_EV_REINVITE_FAIL);
	}
}

void call__send_bye(struct call *c)
{
	if (c->ops->media_stop)
		c->ops->media_stop(c->arg, c);
	if (c->ops->tone)
		c->ops->tone(c->arg, c, CALL_TONE_NONE);
	c->have_media = 0;
	/* a 2xx that crossed our CANCEL is acknowledged first */
	if (c->outgoing && !c->ack_len && c->rtag[0])
		send_ack(c);
	call__set_prompt(c, "Disconnecting");
	call__send_in_dialog(c, CALL_REQ_BYE);
}

void call__send_reinvite(struct call *c, int hold)
{
	c->local_hold = (uint8_t)hold;
	c->sess_ver++;
	call__set_prompt(c, hold ? "Hold" : "Resuming");
	if (hold && c->ops->media) {
		/* no audio from us from now on */
		struct call_media m = c->media;

		m.send = m.recv = false;
		c->ops->media(c->arg, c, &m);
	}
	call__send_in_dialog(c, CALL_REQ_REINVITE);
}

void call__held(struct call *c)
{
	c->local_hold = 1;
	call__set_prompt(c, "Hold");
}

void call__resumed(struct call *c)
{
	c->local_hold = 0;
	call__set_prompt(c, "Connected");
	if (c->have_media)
		start_media(c, &c->media);
}

/* ---------------------------------------------------------------- outgoing */

void call__dial_tone(struct call *c)
{
	call__set_prompt(c, "Enter number");
	if (c->ops->tone)
		c->ops->tone(c->arg, c, CALL_TONE_DIAL);
}

void call__ringback(struct call *c)
{
	call__set_prompt(c, "Ring Out");
	if (c->ops->tone)
		c->ops->tone(c->arg, c, CALL_TONE_RINGBACK);
}

void call__early_media(struct call *c)
{
	call__set_prompt(c, "Ring Out");
	if (c->ops->tone)
		c->ops->tone(c->arg, c, CALL_TONE_NONE);
}

void call__connected(struct call *c)
{
	call__set_prompt(c, "Connected");
	if (c->ops->tone)
		c->ops->tone(c->arg, c, CALL_TONE_NONE);
}

void call__busy(struct call *c)
{
	rt_timer_stop(c->env.timers, &c->expire);
	if (c->ops->media_stop)
		c->ops->media_stop(c->arg, c);
	if (c->ops->tone)
		c->ops->tone(c->arg, c, CALL_TONE_BUSY);
}

void call__reorder(struct call *c)
{
	rt_timer_stop(c->env.timers, &c->expire);
	if (c->ops->media_stop)
		c->ops->media_stop(c->arg, c);
	call__send_cancel(c);
	if (c->ops->tone)
		c->ops->tone(c->arg, c, CALL_TONE_REORDER);
}

/* ---------------------------------------------------------------- incoming */

int call__respond(struct call *c, struct txn *t, uint16_t status,
		   const char *sdp, size_t sdp_len)
{
	char contact[CALL_URI_MAX + 64], buf[CALL_MSG_MAX];
	struct sip_xhdr h[3 + CALL_RR_HDRS_MAX];
	struct sip_resp r = {.status = status};
	const struct sip_msg *req = txn_msg(t);
	const struct sip_hdr *rr;
	struct sip_mbuf b;
	unsigned n = 0;
	int err, len;

	len = contact_of(c, contact, sizeof(contact));
	if (len < 0)
		return len;
	r.to_tag = sip_pl_mk(c->ltag, strlen(c->ltag));
	if (status > 100 && status < 300) {
		r.contact = sip_pl_mk(contact, (size_t)len);
		/* RFC 3261 12.1.1: a response that makes a dialog carries
		 * the request's Record-Route, in order (the proxies stay in
		 * the path of the requests that follow) */
		for (rr = sip_msg_hdr(req, SIP_HDR_RECORD_ROUTE); rr;
		     rr = sip_msg_hdr_next(req, rr)) {
			if (n == CALL_RR_HDRS_MAX) {
				log_printf(LOG_WARN, LOG_CAT_CALL, "call %s: more "
					   "than %u Record-Route headers",
					   c->call_id, CALL_RR_HDRS_MAX);
				return -E2BIG;
			}
			h[n].name = "Record-Route";
			h[n++].val = rr->val;
		}
	}
	if (status >= 200 && status < 300) {
		h[n].name = "Allow";
		h[n++].val = sip_pl_mk(CALL_ALLOW, strlen(CALL_ALLOW));
	}
	h[n].name = "User-Agent";
	h[n++].val = sip_pl_mk(CALL_UA, strlen(CALL_UA));
	r.xhdr = h;
	r.nxhdr = n;
	if (sdp) {
		r.ctype = sip_pl_mk("application/sdp", 15);
		r.body = sip_pl_mk(sdp, sdp_len);
	}
	sip_mbuf_init(&b, buf, sizeof(buf));
	err = sip_build_response(&b, req, &r);
	if (!err)
		err = txn_respond(t, b.p, b.len);
	if (err)
		log_printf(LOG_WARN, LOG_CAT_CALL, "call %s: cannot answer %u: %s",
			   c->call_id, status, strerror(-err));
	return err;
}

static void ist_ack(void *arg, struct txn *t, const struct sip_msg *ack)
{
	struct call *c = arg;
	struct call_media md;

	(void)t;
	if (c->have_offer == 0 && media_from_body(c, ack, &md) == 0)
		start_media(c, &md); /* the answer to our offer in the 200 */
	call__post(c, CALL_EV_ACK);
}

static void ist_no_ack(void *arg, struct txn *t)
{
	struct call *c = arg;

	(void)t;
	call__post(c, CALL_EV_NO_ACK);
}

static void ist_terminated(void *arg, struct txn *t)
{
	struct call *c = arg;

	if (c->ist == t)
		c->ist = NULL;
	if (c->rst == t)
		c->rst = NULL;
}

static const struct txn_user_ops ist_user = {
	.ack = ist_ack,
	.no_ack = ist_no_ack,
	.terminated = ist_terminated,
};

/* The caller's identity: Remote-Party-ID when present (the guide's
 * "Caller ID" with remote_party_id), else From. */
static void caller_from(struct call *c, const struct sip_msg *req)
{
	const struct sip_hdr *h = sip_msg_hdr(req, SIP_HDR_REMOTE_PARTY_ID);
	struct sip_addr a;
	const struct sip_addr *who = &req->from;

	if (h && sip_addr_parse(&a, h->val.p, h->val.l) == 0)
		who = &a;
	call__copy_pl(c->remote_name, sizeof(c->remote_name), &who->dname);
	if (who->dname_quoted && sip_pl_isset(&who->dname)) {
		size_t n;

		if (sip_pl_unquote(c->remote_name, sizeof(c->remote_name),
				   &who->dname, &n))
			c->remote_name[0] = '\0';
	}
	call__copy_pl(c->diversion, sizeof(c->diversion), &(struct sip_pl){0, 0});
	h = sip_msg_hdr(req, SIP_HDR_DIVERSION);
	if (h && sip_addr_parse(&a, h->val.p, h->val.l) == 0 &&
	    call__fits(&a.uri_pl, sizeof(c->diversion)))
		call__copy_pl(c->diversion, sizeof(c->diversion), &a.uri_pl);
	h = sip_msg_hdr(req, SIP_HDR_ALERT_INFO);
	if (h) {
		/* "Alert-info: x", x any number: the ring type */
		uint32_t v;
		struct sip_pl rest = h->val;
		struct sip_alert_info ai;

		if (sip_alert_info_next(&rest, &ai) == 0 &&
		    sip_pl_u32(&ai.uri, 255, &v) == 0)
			c->alert = (uint8_t)v;
	}
}

static int incoming(struct call *c, struct txn *t, const struct sip_msg *req,
		    int ev)
{
	int err;

	if (!call__fits(&req->call_id, sizeof(c->call_id)) ||
	    !call__fits(&req->from.tag, sizeof(c->rtag)) ||
	    !call__fits(&req->from.uri_pl, sizeof(c->remote_uri)) ||
	    !call__fits(&req->to.uri_pl, sizeof(c->local_uri)) ||
	    !call__fits(&req->contact.uri_pl, sizeof(c->target)))
		return 400;
	c->outgoing = 0;
	call__copy_pl(c->call_id, sizeof(c->call_id), &req->call_id);
	call__copy_pl(c->rtag, sizeof(c->rtag), &req->from.tag);
	call__copy_pl(c->remote_uri, sizeof(c->remote_uri), &req->from.uri_pl);
	call__copy_pl(c->local_uri, sizeof(c->local_uri), &req->to.uri_pl);
	call__copy_pl(c->target, sizeof(c->target), &req->contact.uri_pl);
	if (!c->target[0])
		snprintf(c->target, sizeof(c->target), "%s", c->remote_uri);
	c->rcseq = req->cseq.num;
	new_tag(c, c->ltag, sizeof(c->ltag), "in");
	caller_from(c, req);
	{
		/* RFC 3261 12.1.1: the Record-Route in order */
		const struct sip_hdr *h;
		struct sip_addr a;

		c->nroutes = 0;
		for (h = sip_msg_hdr(req, SIP_HDR_RECORD_ROUTE); h;
		     h = sip_msg_hdr_next(req, h)) {
			struct sip_pl rest = h->val;

			while (sip_addr_next(&rest, &a) == 0) {
				if (c->nroutes == CALL_ROUTES_MAX ||
				    !call__fits(&a.uri_pl, CALL_URI_MAX))
					return 500;
				call__copy_pl(c->routes[c->nroutes++], CALL_URI_MAX,
					&a.uri_pl);
			}
		}
	}
	c->have_offer = 0;
	err = media_from_body(c, req, &c->offer);
	if (err == -ENOTSUP)
		return 488;
	if (err == -EBADMSG)
		return 400;
	c->have_offer = err == 0;
	c->ist = t;
	txn_set_user(t, &ist_user, c);
	call__post(c, ev);
	return 0;
}

int call_incoming(struct call *c, struct txn *t, const struct sip_msg *req)
{
	return incoming(c, t, req, CALL_EV_INVITE);
}

int call_incoming_replacing(struct call *c, struct txn *t,
			    const struct sip_msg *req)
{
	return incoming(c, t, req, CALL_EV_INVITE_REPLACES);
}

void call__ring(struct call *c)
{
	call__set_prompt(c, "Ringing");
	if (c->ist)
		call__respond(c, c->ist, 180, NULL, 0);
	if (c->ops->tone)
		c->ops->tone(c->arg, c, CALL_TONE_RING);
}

void call__answer(struct call *c)
{
	char sdp[CALL_SDP_MAX];
	uint16_t port = 0;
	int len;

	if (c->ops->tone)
		c->ops->tone(c->arg, c, CALL_TONE_NONE);
	if (!c->ist)
		return;
	if (c->ops->media_port && c->ops->media_port(c->arg, c, &port)) {
		call__respond(c, c->ist, 500, NULL, 0);
		c->ist_final = 1;
		call__post(c, CALL_EV_NO_ACK);
		return;
	}
	if (c->have_offer) {
		c->media = c->offer;
		c->media.local_port = port;
		len = our_sdp(c, sdp, sizeof(sdp), true);
	} else {
		c->media.local_port = port;
		len = our_sdp(c, sdp, sizeof(sdp), false);
	}
	if (len < 0 || call__respond(c, c->ist, 200, sdp, (size_t)len)) {
		call__post(c, CALL_EV_NO_ACK);
		return;
	}
	c->ist_final = 1;
	call__set_prompt(c, "Connected");
	if (c->have_offer)
		start_media(c, &c->media);
}

void call_refuse(struct call *c, uint16_t status)
{
	c->refuse_status = status >= 400 && status < 700 ? status : 480;
	call__post(c, CALL_EV_REFUSE);
}

void call__refuse(struct call *c)
{
	if (c->ist && !c->ist_final) {
		call__respond(c, c->ist, c->refuse_status, NULL, 0);
		c->ist_final = 1;
	}
	call__set_prompt(c, "Refused");
}

void call_cancelled(struct call *c)
{
	call__post(c, CALL_EV_CANCEL);
}

/* RFC 3261 9.2: the INVITE the CANCEL matched ends with 487 (from the
 * loop, after the CANCEL's own 200). */
void call__cancelled(struct call *c)
{
	if (c->ist && !c->ist_final) {
		call__respond(c, c->ist, 487, NULL, 0);
		c->ist_final = 1;
	}
	call__set_prompt(c, "Missed call");
}

void call__remote_media(struct call *c)
{
	char sdp[CALL_SDP_MAX];
	int len;

	if (!c->rst)
		return;
	c->sess_ver++;
	len = our_sdp(c, sdp, sizeof(sdp), true);
	if (len < 0 || call__respond(c, c->rst, 200, sdp, (size_t)len))
		return;
	c->rst = NULL;
	start_media(c, &c->offer);
	call__set_prompt(c, c->remote_hold ? "Held by the other party"
				     : c->local_hold ? "Hold" : "Connected");
}

bool call_match(const struct call *c, const struct sip_msg *req)
{
	/* RFC 3261 12.2.2: Call-ID, their tag (From), our tag (To). */
	if (!sip_pl_eq(&req->call_id, c->call_id))
		return false;
	if (req->mid == SIP_METHOD_CANCEL)
		return true;
	return sip_pl_eq(&req->from.tag, c->rtag) &&
	       sip_pl_eq(&req->to.tag, c->ltag);
}

void call_request(struct call *c, struct txn *t, const struct sip_msg *req)
{
	struct call_media md;
	int err;

	if (req->mid == SIP_METHOD_ACK) {
		call__post(c, CALL_EV_ACK);
		return;
	}
	if (!t)
		return;
	if (req->cseq.num < c->rcseq && req->mid != SIP_METHOD_CANCEL) {
		txn_respond_status(t, 500, c->ltag); /* s.12.2.2: out of order */
		return;
	}
	c->rcseq = req->cseq.num;
	if (call__xfer_request(c, t, req))
		return;
	switch (req->mid) {
	case SIP_METHOD_BYE:
		call__respond(c, t, 200, NULL, 0);
		if (c->ist && !c->ist_final) { /* gone before the answer */
			call__respond(c, c->ist, 487, NULL, 0);
			c->ist_final = 1;
		}
		if (c->ops->media_stop)
			c->ops->media_stop(c->arg, c);
		c->have_media = 0;
		call__set_prompt(c, "Disconnected");
		/* BYE with Also (the guide's transfer failover): call it */
		call__post(c, call__also_from(c, req) ? CALL_EV_BYE_ALSO
						      : CALL_EV_BYE);
		return;
	case SIP_METHOD_INVITE:
		if (c->req_kind == CALL_REQ_REINVITE || c->rst) {
			txn_respond_status(t, 491, c->ltag); /* s.14.2 glare */
			return;
		}
		err = media_from_body(c, req, &md);
		if (err == -ENOTSUP || err == -EBADMSG) {
			txn_respond_status(t, 488, c->ltag);
			return;
		}
		if (err == 0)
			c->offer = md;
		else
			c->offer = c->media;
		c->remote_hold = !c->offer.send && !c->offer.recv;
		if (req->contact_count && call__fits(&req->contact.uri_pl,
					       sizeof(c->target)))
			call__copy_pl(c->target, sizeof(c->target),
				&req->contact.uri_pl);
		c->rst = t;
		txn_set_user(t, &ist_user, c);
		call__post(c, CALL_EV_REINVITE);
		return;
	case SIP_METHOD_OPTIONS:
		call__respond(c, t, 200, NULL, 0);
		return;
	default:
		/* INFO, UPDATE...: not in this dialog */
		txn_respond_status(t, 501, c->ltag);
		return;
	}
}

/* ---------------------------------------------------------------- end */

void call__end(struct call *c)
{
	rt_timer_stop(c->env.timers, &c->expire);
	rt_timer_stop(c->env.timers, &c->xfer.timer);
	if (c->ops->tone)
		c->ops->tone(c->arg, c, CALL_TONE_NONE);
	if (c->ops->media_stop)
		c->ops->media_stop(c->arg, c);
	c->have_media = 0;
	if (c->rst) {
		txn_respond_status(c->rst, 481, c->ltag);
		c->rst = NULL;
	}
	if (!c->prompt[0] || strcmp(c->prompt, "Connected") == 0)
		call__set_prompt(c, "");
}

/* ---------------------------------------------------------------- API */

int call_alloc(struct call **cp, const struct call_env *env,
	       const struct cnf *cf, unsigned line, const struct call_ops *ops,
	       void *arg)
{
	struct call *c;
	struct uac_local lo;
	struct auth_cred cr;
	const char *s;

	if (line < 1 || line > CNF_LINES)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->env = *env;
	snprintf(c->phone_ip, sizeof(c->phone_ip), "%s", env->phone_ip);
	c->env.phone_ip = c->phone_ip;
	c->ops = ops;
	c->arg = arg;
	c->line = line;
	s = cnf_str(cf, cnf_line_param(CNF_LINE_NAME, line));
	copy(c->name, sizeof(c->name), s, strlen(s));
	s = cnf_str(cf, cnf_line_param(CNF_LINE_DISPLAYNAME, line));
	copy(c->dname, sizeof(c->dname), s, strlen(s));
	if (auth_cred_from_cnf(&cr, cf, line) == 0) {
		copy(c->authname, sizeof(c->authname), cr.user, strlen(cr.user));
		copy(c->password, sizeof(c->password), cr.password,
		     strlen(cr.password));
	}
	uac_route_from_cnf(&c->route, cf, line);
	uac_local_from_cnf(&lo, cf, c->phone_ip);
	copy(c->local, sizeof(c->local), lo.host, strlen(lo.host));
	c->local_port = lo.port;
	c->user_info = (uint8_t)cnf_int(cf, CNF_USER_INFO);
	c->rpid = cnf_int(cf, CNF_REMOTE_PARTY_ID) != 0;
	c->anonymous = cnf_int(cf, CNF_CALLERID_BLOCKING) != 0;
	c->invite_expires = (uint32_t)cnf_int(cf, CNF_TIMER_INVITE_EXPIRES);
	call_codecs_from_cnf(&c->codecs, cf);
	auth_session_init(&c->auth, &env->auth, line);
	c->sess_id = env->seed ^ (uint32_t)(uintptr_t)c;
	c->sess_id &= 0x7fffffff;
	c->sess_ver = 1;
	c->lcseq = 100;
	snprintf(c->call_id, sizeof(c->call_id), "%08" PRIx32 "-%08" PRIx32
		 "@%s", env->seed, (uint32_t)(uintptr_t)c * 2654435761u,
		 c->phone_ip);
	call__init(c);
	*cp = c;
	return 0;
}

void call_free(struct call *c)
{
	if (!c)
		return;
	rt_timer_stop(c->env.timers, &c->kick);
	rt_timer_stop(c->env.timers, &c->expire);
	if (c->inv)
		uac_abandon(c->inv);
	if (c->req)
		uac_abandon(c->req);
	if (c->ist)
		txn_set_user(c->ist, NULL, NULL);
	if (c->rst)
		txn_set_user(c->rst, NULL, NULL);
	if (c->cancel)
		txn_set_user(c->cancel, NULL, NULL);
	call__xfer_free(c);
	free(c);
}

void call_offhook(struct call *c)
{
	call__post(c, CALL_EV_OFFHOOK);
}

int call__dial_uri(struct call *c, const char *target, int user, char *buf,
		   size_t size)
{
	const char *at = strchr(target, '@');
	const struct uac_hop *px = &c->route.proxy;
	const char *up = uac_user_param(user >= 0 && user <= 2 ? (uint8_t)user
							       : c->user_info);

	if (!target[0])
		return -EINVAL;
	/* "user@host" is called as it is; a number goes to the line's proxy
	 * (the port only when it is not 5060, as for REGISTER). */
	if (at)
		return call__fmt(buf, size, "%s%s",
				 strncmp(target, "sip:", 4) ? "sip:" : "",
				 target) < 0 ? -ENAMETOOLONG : 0;
	if (!px->host[0])
		return -EHOSTUNREACH;
	if (px->port && px->port != CALL_DEFAULT_PORT)
		return call__fmt(buf, size, "sip:%s@%s:%u%s", target, px->host,
				 px->port, up) < 0 ? -ENAMETOOLONG : 0;
	return call__fmt(buf, size, "sip:%s@%s%s", target, px->host, up) < 0
		       ? -ENAMETOOLONG : 0;
}

int call_dial(struct call *c, const char *target, unsigned flags, int user)
{
	const struct uac_hop *px = &c->route.proxy;
	int n, err;

	err = call__dial_uri(c, target, user, c->ruri, sizeof(c->ruri));
	if (err)
		return err;
	c->outgoing = 1;
	c->uac_flags = flags & UAC_EMERGENCY;
	if (user >= 0 && user <= 2)
		c->user_info = (uint8_t)user;
	snprintf(c->remote_uri, sizeof(c->remote_uri), "%s", c->ruri);
	n = snprintf(c->local_uri, sizeof(c->local_uri), "sip:%s@%s%s", c->name,
		     px->host[0] ? px->host : c->local, uac_user_param(c->user_info));
	if (n < 0 || (size_t)n >= sizeof(c->local_uri))
		return -ENAMETOOLONG;
	new_tag(c, c->ltag, sizeof(c->ltag), "out");
	call__post(c, CALL_EV_DIAL);
	return 0;
}

void call_onhook(struct call *c)
{
	call__post(c, CALL_EV_ONHOOK);
}

void call_answer(struct call *c)
{
	call__post(c, CALL_EV_ANSWER);
}

void call_hold(struct call *c)
{
	call__post(c, CALL_EV_HOLD);
}

void call_resume(struct call *c)
{
	call__post(c, CALL_EV_RESUME);
}

enum call_state call_state(const struct call *c)
{
	return call__state(c->cs);
}

const char *call_state_name(enum call_state s)
{
	static const char *const names[] = {
#define X(st) #st,
		CALL_STATES(X)
#undef X
	};

	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

void call_get_info(const struct call *c, struct call_info *i)
{
	memset(i, 0, sizeof(*i));
	i->state = call__state(c->cs);
	i->state_name = call_state_name(call__state(c->cs));
	i->line = c->line;
	i->outgoing = c->outgoing;
	i->remote_hold = c->remote_hold;
	snprintf(i->peer, sizeof(i->peer), "%s", c->remote_uri);
	snprintf(i->peer_name, sizeof(i->peer_name), "%s", c->remote_name);
	snprintf(i->diversion, sizeof(i->diversion), "%s", c->diversion);
	snprintf(i->prompt, sizeof(i->prompt), "%s", c->prompt);
	snprintf(i->call_id, sizeof(i->call_id), "%s", c->call_id);
	i->last_status = c->last_status;
	i->alert = c->alert;
	snprintf(i->xfer, sizeof(i->xfer), "%s",
		 c->xfer.in.target[0] ? c->xfer.in.target : c->xfer.also);
	snprintf(i->made_for, sizeof(i->made_for), "%s",
		 c->made_for.referred_by[0] ? c->made_for.referred_by
					    : c->made_for.requested_by);
	i->media = c->media;
}
