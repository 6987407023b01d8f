/*
 * call_xfer.c - the transfer side of a call (the CLI's "fsmxfr"): our
 * REFER and the NOTIFYs it brings (transferor), their REFER and the
 * NOTIFYs we owe (transferee), BYE with Also both ways (the guide's
 * failover), and Replaces (RFC 3891) for the transfer target.
 *
 * The guide, Appendix B: "Call Transfer Without Consultation" (REFER,
 * 202, BYE, then NOTIFY), "... Using Failover" (501, BYE with Also, the
 * INVITE with Requested-By), "Call Transfer with Consultation" (Refer-To
 * with Replaces, NOTIFY, then BYE).  RFC 3515 (REFER, the implicit refer
 * subscription, message/sipfrag), RFC 3892 (Referred-By).
 * The chart (spec/call/call.rl) decides; this file does what it says.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "call/call_int.h"
#include "log/log.h"
#include "sip/sip_addr.h"
#include "sip/sip_build.h"
#include "sip/sip_frag.h"
#include "sip/sip_hval.h"

/* ---------------------------------------------------------------- helpers */

/* Escape S as a URI header value (RFC 3261 s.25.1 hvalue: unreserved
 * and a few marks stay, the rest %HH): the Replaces inside Refer-To. */
static int escape_hvalue(char *dst, size_t cap, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		bool keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			    (ch >= '0' && ch <= '9') || strchr("-_.!~*'()[]/?:+$", ch);

		if (n + (keep ? 1 : 3) >= cap)
			return -ENAMETOOLONG;
		if (keep) {
			dst[n++] = (char)ch;
		} else {
			dst[n++] = '%';
			dst[n++] = hex[ch >> 4];
			dst[n++] = hex[ch & 15];
		}
	}
	dst[n] = '\0';
	return 0;
}

static void xfer_timer(struct rt_timer *t, void *arg)
{
	(void)t;
	call__post(arg, CALL_EV_XFER_TIMEOUT);
}

static void start_timer(struct call *c, uint64_t ms)
{
	if (rt_timer_start(c->env.timers, &c->xfer.timer, ms, xfer_timer, c))
		log_printf(LOG_ERR, LOG_CAT_CALL, "call %s: no timer", c->call_id);
}

/* ---------------------------------------------------------------- transferor */

/* Refer-To for a transfer to TARGET (a URI, no headers), with Replaces
 * of CONSULT's dialog when set: to-tag theirs, from-tag ours, as the
 * target sees its own dialog (RFC 3891 s.3). */
static int set_refer_to(struct call *c, const char *target,
			const struct call *consult)
{
	char rep[CALL_REPLACES_MAX], esc[3 * CALL_REPLACES_MAX];
	int err;

	if (strlen(target) >= sizeof(c->xfer.also))
		return -ENAMETOOLONG;
	snprintf(c->xfer.also, sizeof(c->xfer.also), "%s", target);
	if (!consult)
		return call__fmt(c->xfer.refer_to, sizeof(c->xfer.refer_to),
				 "<%s>", target) < 0 ? -ENAMETOOLONG : 0;
	if (call__fmt(rep, sizeof(rep), "%s;to-tag=%s;from-tag=%s",
		      consult->call_id, consult->rtag, consult->ltag) < 0)
		return -ENAMETOOLONG;
	err = escape_hvalue(esc, sizeof(esc), rep);
	if (err)
		return err;
	return call__fmt(c->xfer.refer_to, sizeof(c->xfer.refer_to),
			 "<%s?Replaces=%s>", target, esc) < 0 ? -ENAMETOOLONG
							       : 0;
}

static void xfer_reset(struct call *c)
{
	c->xfer.bye_also = 0;
	c->xfer.frag = 0;
}

int call_transfer(struct call *c, const char *target, int user)
{
	char uri[CALL_URI_MAX];
	int err;

	err = call__dial_uri(c, target, user, uri, sizeof(uri));
	if (err)
		return err;
	err = set_refer_to(c, uri, NULL);
	if (err)
		return err;
	xfer_reset(c);
	call__post(c, CALL_EV_TRANSFER);
	return 0;
}

/* The consultation's far end: its Contact (the device that answered). */
static int refer_to_consult(struct call *c, const struct call *consult)
{
	if (!consult->rtag[0] || !consult->target[0])
		return -ENOTCONN;
	return set_refer_to(c, consult->target, consult);
}

int call_transfer_replaces(struct call *c, const struct call *consult)
{
	int err = refer_to_consult(c, consult);

	if (err)
		return err;
	xfer_reset(c);
	call__post(c, CALL_EV_TRANSFER_REPLACES);
	return 0;
}

int call_join(struct call *c, const struct call *other)
{
	int err = refer_to_consult(c, other);

	if (err)
		return err;
	xfer_reset(c);
	call__post(c, CALL_EV_JOIN);
	return 0;
}

void call__send_refer(struct call *c)
{
	log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: REFER to %s", c->call_id,
		   c->xfer.refer_to);
	call__set_prompt(c, "Transferring");
	call__send_in_dialog(c, CALL_REQ_REFER);
}

void call__send_bye_also(struct call *c)
{
	log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: REFER refused, BYE with "
		   "Also %s", c->call_id, c->xfer.also);
	c->xfer.bye_also = 1;
	call__send_bye(c);
	call__set_prompt(c, "Transferred");
	if (c->ops->xfer)
		c->ops->xfer(c->arg, c, CALL_XFER_FAILOVER);
}

void call__wait_notify(struct call *c)
{
	start_timer(c, CALL_NOTIFY_WAIT_MS);
}

void call__xfer_result(struct call *c)
{
	bool ok = c->xfer.frag >= 200 && c->xfer.frag < 300;

	rt_timer_stop(c->env.timers, &c->xfer.timer);
	log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: transfer %s (%u)",
		   c->call_id, ok ? "done" : "failed", c->xfer.frag);
	call__set_prompt(c, ok ? "Transferred" : "Transfer failed");
	if (c->ops->xfer)
		c->ops->xfer(c->arg, c, ok ? CALL_XFER_DONE : CALL_XFER_FAILED);
}

void call__xfer_failed(struct call *c)
{
	rt_timer_stop(c->env.timers, &c->xfer.timer);
	log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: transfer failed (%u)",
		   c->call_id, c->xfer.frag);
	call__set_prompt(c, "Transfer failed");
	if (c->ops->xfer)
		c->ops->xfer(c->arg, c, CALL_XFER_FAILED);
}

/* A NOTIFY in the refer subscription (RFC 3515 s.2.4.4): 200, and its
 * sipfrag tells how the transferee's call goes. */
static void notify_in(struct call *c, struct txn *t, const struct sip_msg *req)
{
	const struct sip_hdr *ev = sip_msg_hdr(req, SIP_HDR_EVENT);
	const struct sip_hdr *ss = sip_msg_hdr(req, SIP_HDR_SUBSCRIPTION_STATE);
	struct sip_event e;
	struct sip_substate st;
	struct sip_frag f;
	bool terminated = false;

	if (!ev || sip_event_parse(&e, ev->val.p, ev->val.l) ||
	    !sip_pl_caseeq(&e.type, "refer")) {
		txn_respond_status(t, 489, c->ltag); /* RFC 3265 s.7.3.2 */
		return;
	}
	if (ss && sip_substate_parse(&st, ss->val.p, ss->val.l) == 0)
		terminated = sip_pl_caseeq(&st.state, "terminated");
	if (!sip_pl_isset(&req->body) ||
	    sip_frag_parse(&f, req->body.p, req->body.l)) {
		if (!terminated) {
			txn_respond_status(t, 400, c->ltag);
			return;
		}
		f.status = 0; /* ended without a final word: a failure */
	}
	call__respond(c, t, 200, NULL, 0);
	if (f.status)
		c->xfer.frag = f.status;
	log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: NOTIFY refer %u%s",
		   c->call_id, f.status, terminated ? " (terminated)" : "");
	if (f.status >= 200 && f.status < 300)
		call__post(c, CALL_EV_NOTIFY_OK);
	else if (f.status >= 300 || terminated)
		call__post(c, CALL_EV_NOTIFY_FAIL);
	else
		call__post(c, CALL_EV_NOTIFY);
}

/* ---------------------------------------------------------------- transferee */

/* The URI part of a Refer-To or Also into R->target (headers cut) and
 * its Replaces header, unescaped, into R->replaces.  0, -EINVAL (not a
 * SIP URI), -ENAMETOOLONG. */
static int refer_target(struct call_refer *r, const struct sip_addr *a)
{
	struct sip_pl uri = a->uri_pl, rep;
	size_t n;

	if (a->uri.scheme != SIP_URI_SIP && a->uri.scheme != SIP_URI_SIPS)
		return -EINVAL;
	if (sip_pl_isset(&a->uri.headers))
		uri.l = (size_t)(a->uri.headers.p - 1 - uri.p);
	if (uri.l >= sizeof(r->target))
		return -ENAMETOOLONG;
	call__copy_pl(r->target, sizeof(r->target), &uri);
	r->replaces[0] = '\0';
	if (sip_uri_header(&a->uri, "Replaces", &rep) == 0 &&
	    sip_pl_unescape(r->replaces, sizeof(r->replaces), &rep, &n))
		return -ENAMETOOLONG;
	return 0;
}

/* Their REFER (RFC 3515 s.2.4.2): one Refer-To with a SIP URI.  Kept
 * for the chart, which accepts it (202) or declines it (603). */
static void refer_in(struct call *c, struct txn *t, const struct sip_msg *req)
{
	const struct sip_hdr *h = sip_msg_hdr(req, SIP_HDR_REFER_TO);
	const struct sip_hdr *by = sip_msg_hdr(req, SIP_HDR_REFERRED_BY);
	struct sip_addr a, b;
	struct call_refer r;
	int err;

	memset(&r, 0, sizeof(r));
	if (!h || sip_msg_hdr_next(req, h) ||
	    sip_addr_parse(&a, h->val.p, h->val.l)) {
		txn_respond_status(t, 400, c->ltag);
		return;
	}
	err = refer_target(&r, &a);
	if (err) {
		txn_respond_status(t, err == -EINVAL ? 416 : 400, c->ltag);
		return;
	}
	if (c->xfer.refer_txn || c->xfer.in.target[0]) {
		txn_respond_status(t, 491, c->ltag); /* one at a time */
		return;
	}
	if (by && sip_addr_parse(&b, by->val.p, by->val.l) == 0 &&
	    call__fits(&b.uri_pl, sizeof(r.referred_by)))
		call__copy_pl(r.referred_by, sizeof(r.referred_by), &b.uri_pl);
	else
		snprintf(r.referred_by, sizeof(r.referred_by), "%s",
			 c->remote_uri);
	c->xfer.in = r;
	c->xfer.refer_txn = t;
	log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: REFER to %s%s", c->call_id,
		   r.target, r.replaces[0] ? " (with Replaces)" : "");
	call__post(c, CALL_EV_REFER);
}

bool call__also_from(struct call *c, const struct sip_msg *bye)
{
	const struct sip_hdr *h = sip_msg_hdr(bye, SIP_HDR_ALSO);
	struct sip_addr a;
	struct call_refer r;

	memset(&r, 0, sizeof(r));
	if (!h || sip_addr_parse(&a, h->val.p, h->val.l) ||
	    refer_target(&r, &a))
		return false;
	snprintf(r.requested_by, sizeof(r.requested_by), "%s", c->remote_uri);
	c->xfer.in = r;
	log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: BYE with Also %s",
		   c->call_id, r.target);
	return true;
}

static void send_notify(struct call *c, uint16_t status);
static void start_notify(struct call *c);

static int build_notify(void *arg, struct sip_mbuf *b, const char *branch,
			const struct net_addr *hop)
{
	struct call *c = arg;
	char frag[64];
	const char *state = c->xfer.ntf_sent >= 200
				    ? "terminated;reason=noresource"
				    : "active;expires=60";
	struct sip_xhdr xh[2] = {
		{"Event", SIP_PL_INIT("refer")},
		{"Subscription-State", {state, strlen(state)}},
	};
	struct call_build x = {.method = "NOTIFY", .ruri = c->target,
			       .in_dialog = true, .creds = true,
			       .ctype = "message/sipfrag;version=2.0",
			       .xh = xh, .nxh = 2};
	int len;

	(void)hop;
	len = call__fmt(frag, sizeof(frag), "SIP/2.0 %u %s\r\n",
			c->xfer.ntf_sent, sip_reason_phrase(c->xfer.ntf_sent));
	if (len < 0)
		return len;
	x.cseq = ++c->lcseq;
	x.body = frag;
	x.body_len = (size_t)len;
	return call__build_req(c, b, branch, &x);
}

/* Our NOTIFY got its final answer (or none): the next one may go, or
 * the last one is done.  RETRY: the same again, with credentials. */
static void notify_finished(struct call *c, bool retry)
{
	uint16_t next;

	uac_abandon(c->xfer.ntf);
	c->xfer.ntf = NULL;
	if (retry) {
		start_notify(c);
		return;
	}
	memset(&c->xfer.ntf_try, 0, sizeof(c->xfer.ntf_try));
	next = c->xfer.ntf_next;
	c->xfer.ntf_next = 0;
	if (next)
		send_notify(c, next);
	else if (c->xfer.ntf_sent >= 200)
		call__post(c, CALL_EV_NOTIFY_SENT);
}

static void notify_response(void *arg, struct uac_req *r,
			    const struct sip_msg *m)
{
	struct call *c = arg;

	if (r != c->xfer.ntf || m->status < 200)
		return;
	if ((m->status == 401 || m->status == 407) &&
	    auth_should_retry(&c->xfer.ntf_try, m)) {
		/* the proxy wants credentials for NOTIFY too: the same one
		 * again with them */
		struct auth_req q = {.method = "NOTIFY",
				     .uri = sip_pl_mk(c->target,
						      strlen(c->target))};
		struct auth_cred cr = {c->authname, c->password};

		if (auth_answer(&c->auth, &c->xfer.ntf_try, m, &q, &cr,
				&c->out) == 0) {
			notify_finished(c, true);
			return;
		}
	}
	if (m->status >= 300)
		log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: NOTIFY answered %u",
			   c->call_id, m->status);
	notify_finished(c, false);
}

static void notify_failed(void *arg, struct uac_req *r, int err)
{
	struct call *c = arg;

	if (r != c->xfer.ntf)
		return;
	log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: NOTIFY: %s", c->call_id,
		   strerror(-err));
	notify_finished(c, false);
}

static void notify_done(void *arg, struct uac_req *r)
{
	struct call *c = arg;

	if (r == c->xfer.ntf)
		c->xfer.ntf = NULL; /* gone without an answer we saw */
}

static const struct uac_ops notify_ops = {
	.build = build_notify,
	.response = notify_response,
	.failed = notify_failed,
	.done = notify_done,
};

static void send_notify(struct call *c, uint16_t status)
{
	if (c->xfer.ntf) {
		c->xfer.ntf_next = status;
		return;
	}
	c->xfer.ntf_sent = status;
	start_notify(c);
}

static void start_notify(struct call *c)
{
	struct uac_route rt;
	int err;

	call__dialog_route(c, &rt);
	err = uac_send(c->env.uac, &rt,
		       c->uac_flags & (UAC_EMERGENCY | UAC_STICKY), &notify_ops,
		       c, &c->xfer.ntf);
	if (err) {
		c->xfer.ntf = NULL;
		log_printf(LOG_WARN, LOG_CAT_CALL, "call %s: cannot send NOTIFY: "
			   "%s", c->call_id, strerror(-err));
		if (c->xfer.ntf_sent >= 200)
			call__post(c, CALL_EV_NOTIFY_SENT);
	}
}

void call__accept_refer(struct call *c)
{
	struct txn *t = c->xfer.refer_txn;

	c->xfer.refer_txn = NULL;
	if (t)
		call__respond(c, t, 202, NULL, 0);
	call__set_prompt(c, "Transferring");
	send_notify(c, 100); /* the implicit subscription's first NOTIFY */
	if (c->ops->refer)
		c->ops->refer(c->arg, c, &c->xfer.in);
}

void call__refuse_refer(struct call *c)
{
	struct txn *t = c->xfer.refer_txn;

	c->xfer.refer_txn = NULL;
	memset(&c->xfer.in, 0, sizeof(c->xfer.in));
	if (t)
		txn_respond_status(t, 603, c->ltag);
	log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: REFER declined in %s",
		   c->call_id, call_state_name(call__state(c->cs)));
}

void call__also(struct call *c)
{
	if (c->ops->refer)
		c->ops->refer(c->arg, c, &c->xfer.in);
	memset(&c->xfer.in, 0, sizeof(c->xfer.in));
}

void call_refer_done(struct call *c, uint16_t status)
{
	c->xfer.result = status;
	call__post(c, status >= 200 && status < 300 ? CALL_EV_XFER_OK
						    : CALL_EV_XFER_FAIL);
}

void call__notify_result(struct call *c)
{
	uint16_t st = c->xfer.result;

	if (st < 200)
		st = 503; /* no final answer: the call never got one */
	send_notify(c, st);
	memset(&c->xfer.in, 0, sizeof(c->xfer.in));
	call__set_prompt(c, st < 300 ? "Transferred" : "Transfer failed");
}

void call__handed_off(struct call *c)
{
	start_timer(c, CALL_HANDOFF_WAIT_MS);
}

int call_dial_refer(struct call *c, const struct call_refer *r)
{
	c->made_for = *r;
	return call_dial(c, r->target, 0, CALL_USER_LINE);
}

/* ---------------------------------------------------------------- target */

bool call_replaces_match(const struct call *c, const struct sip_replaces *r)
{
	switch (call__state(c->cs)) {
	case CALL_ST_answering:
	case CALL_ST_answering_hold:
	case CALL_ST_connected:
	case CALL_ST_holding:
	case CALL_ST_held:
	case CALL_ST_resuming:
		break;
	default:
		return false; /* early or ending: 481 (RFC 3891 s.3) */
	}
	return sip_pl_eq(&r->call_id, c->call_id) &&
	       sip_pl_eq(&r->to_tag, c->ltag) &&
	       sip_pl_eq(&r->from_tag, c->rtag);
}

void call_replaced(struct call *c)
{
	log_printf(LOG_INFO, LOG_CAT_CALL, "call %s: replaced", c->call_id);
	call__post(c, CALL_EV_REPLACED);
}

/* ---------------------------------------------------------------- dialog */

bool call__xfer_request(struct call *c, struct txn *t,
			const struct sip_msg *req)
{
	switch (req->mid) {
	case SIP_METHOD_REFER:
		refer_in(c, t, req);
		return true;
	case SIP_METHOD_NOTIFY:
		notify_in(c, t, req);
		return true;
	default:
		return false;
	}
}

void call__xfer_free(struct call *c)
{
	rt_timer_stop(c->env.timers, &c->xfer.timer);
	if (c->xfer.ntf)
		uac_abandon(c->xfer.ntf);
	c->xfer.ntf = NULL;
	if (c->xfer.refer_txn)
		txn_respond_status(c->xfer.refer_txn, 603, c->ltag);
	c->xfer.refer_txn = NULL;
}
