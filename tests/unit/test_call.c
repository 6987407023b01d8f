/*
 * test_call.c - one call (runtime/call, spec/call/call.rl) on a fake clock
 * and a fake network, with the far end played by the test: SDP offer and
 * answer, an outgoing call through 100/180/200/ACK, hold and resume by
 * re-INVITE, BYE both ways, CANCEL, busy, 302, 407, an incoming call
 * answered, 488, a re-INVITE hold from the far end, events a state does
 * not expect, and transfer: REFER and its NOTIFYs both ways, BYE with
 * Also both ways, Replaces (the guide's Appendix B transfer flows).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support/cnf_text.h"

#include "call/call.h"
#include "log/log.h"
#include "sdp/sdp.h"
#include "sip/sip_build.h"

enum { MAXPKT = 64, PKT_MAX = 4096 };

#define PASSWORD "pw-4002"

struct world {
	struct rt_fake_clock clock;
	struct rt_timers timers;
	struct txn_layer *layer;
	struct uac *uac;
	struct call_env env;
	struct call *c;
	struct cnf *cnf;
	struct {
		struct net_addr dst;
		char text[PKT_MAX];
		size_t len;
	} pkt[MAXPKT];
	unsigned npkt;
	struct sip_msg msg;
	/* what the call told its owner */
	enum call_tone tone;
	struct call_media media;
	unsigned media_calls, media_stops, ended;
	/* transfers */
	struct call_refer refer;
	unsigned refers;
	int xfer_res;
	unsigned xfers;
	char log[8192];
	size_t loglen;
};

static int fake_send(void *arg, const struct net_addr *dst, const char *buf,
		     size_t len)
{
	struct world *w = arg;

	assert_true(w->npkt < MAXPKT);
	assert_true(len < PKT_MAX);
	w->pkt[w->npkt].dst = *dst;
	memcpy(w->pkt[w->npkt].text, buf, len);
	w->pkt[w->npkt].text[len] = '\0';
	w->pkt[w->npkt].len = len;
	w->npkt++;
	return 0;
}

static const struct txn_layer_ops layer_ops = {.send = fake_send};

static int fixed_rand(void *arg, uint8_t *buf, size_t n)
{
	(void)arg;
	memset(buf, 0x3c, n);
	return 0;
}

static void log_sink(void *arg, enum log_level level, enum log_cat cat,
		     const char *msg)
{
	struct world *w = arg;
	int n;

	(void)level;
	(void)cat;
	n = snprintf(w->log + w->loglen, sizeof(w->log) - w->loglen, "%s\n",
		     msg);
	if (n > 0 && (size_t)n < sizeof(w->log) - w->loglen)
		w->loglen += (size_t)n;
}

/* ---------------------------------------------------------------- owner */

static int op_media_port(void *arg, struct call *c, uint16_t *port)
{
	(void)arg;
	(void)c;
	*port = 20000;
	return 0;
}

static void op_media(void *arg, struct call *c, const struct call_media *m)
{
	struct world *w = arg;

	(void)c;
	w->media = *m;
	w->media_calls++;
}

static void op_media_stop(void *arg, struct call *c)
{
	(void)c;
	((struct world *)arg)->media_stops++;
}

static void op_tone(void *arg, struct call *c, enum call_tone t)
{
	(void)c;
	((struct world *)arg)->tone = t;
}

static void op_ended(void *arg, struct call *c)
{
	struct world *w = arg;

	assert_ptr_equal(c, w->c);
	w->ended++;
	call_free(c);
	w->c = NULL;
}

static void op_refer(void *arg, struct call *c, const struct call_refer *r)
{
	struct world *w = arg;

	(void)c;
	w->refer = *r;
	w->refers++;
}

static void op_xfer(void *arg, struct call *c, enum call_xfer_result res)
{
	struct world *w = arg;

	(void)c;
	w->xfer_res = (int)res;
	w->xfers++;
}

static const struct call_ops ops = {
	.refer = op_refer,
	.xfer = op_xfer,
	.media_port = op_media_port,
	.media = op_media,
	.media_stop = op_media_stop,
	.tone = op_tone,
	.ended = op_ended,
};

/* ---------------------------------------------------------------- world */

static struct cnf *cnf_of(const char *text)
{
	struct cnf *c = cnf_text(text);

	assert_non_null(c);
	return c;
}

static const char base_cnf[] = "line1_name: 4001\n"
			       "line1_authname: 4001\n"
			       "line1_password: " PASSWORD "\n"
			       "line1_displayname: \"Alice\"\n"
			       "proxy1_address: 10.0.0.5\n"
			       "timer_invite_expires: 30\n";

static struct world *world_new(const char *text)
{
	struct world *w = calloc(1, sizeof(*w));
	struct txn_cfg tc = TXN_CFG_DEFAULT;

	assert_non_null(w);
	assert_int_equal(rt_timers_init(&w->timers, rt_fake_clock_now,
					&w->clock),
			 0);
	assert_int_equal(txn_layer_alloc(&w->layer, &w->timers, &tc,
					 &layer_ops, w),
			 0);
	assert_int_equal(uac_alloc(&w->uac, w->layer, &w->timers, NULL), 0);
	w->env.uac = w->uac;
	w->env.txn = w->layer;
	w->env.timers = &w->timers;
	w->env.auth = auth_ops_host;
	w->env.auth.rand = fixed_rand;
	w->env.send = fake_send;
	w->env.send_arg = w;
	w->env.phone_ip = "10.0.0.2";
	w->env.seed = 0x1234;
	w->cnf = cnf_of(text ? text : base_cnf);
	log_set_sink(log_sink, w);
	assert_int_equal(call_alloc(&w->c, &w->env, w->cnf, 1, &ops, w), 0);
	return w;
}

static void world_free(struct world *w)
{
	if (getenv("CALL_DEBUG")) {
		unsigned i;

		w->log[w->loglen] = '\0';
		fprintf(stderr, "%s", w->log);
		for (i = 0; i < w->npkt; i++)
			fprintf(stderr, "---- %u\n%s", i, w->pkt[i].text);
	}
	call_free(w->c);
	uac_free(w->uac);
	txn_layer_free(w->layer);
	rt_timers_fini(&w->timers);
	cnf_free(w->cnf);
	log_set_sink(NULL, NULL);
	w->log[w->loglen] = '\0';
	assert_null(strstr(w->log, PASSWORD)); /* never logged */
	free(w);
}

static void advance(struct world *w, uint64_t ms)
{
	rt_fake_clock_advance(&w->clock, &w->timers, ms);
}

static const struct sip_msg *pkt(struct world *w, int n)
{
	struct sip_err err;
	unsigned i = n < 0 ? w->npkt + (unsigned)n : (unsigned)n;

	assert_true(i < w->npkt);
	assert_int_equal(sip_msg_parse(&w->msg, w->pkt[i].text, w->pkt[i].len,
				       0, &err),
			 0);
	return &w->msg;
}

/* The last packet whose first line starts with START, parsed. */
static const struct sip_msg *last(struct world *w, const char *start)
{
	int i;

	for (i = (int)w->npkt - 1; i >= 0; i--)
		if (strncmp(w->pkt[i].text, start, strlen(start)) == 0)
			return pkt(w, i);
	fail_msg("no %s sent", start);
	return NULL;
}

static unsigned count(struct world *w, const char *start)
{
	unsigned i, n = 0;

	for (i = 0; i < w->npkt; i++)
		n += strncmp(w->pkt[i].text, start, strlen(start)) == 0;
	return n;
}

static const char far_sdp[] = "v=0\r\n"
			      "o=bob 1 1 IN IP4 10.0.0.9\r\n"
			      "s=-\r\n"
			      "c=IN IP4 10.0.0.9\r\n"
			      "t=0 0\r\n"
			      "m=audio 30000 RTP/AVP 8 0 96\r\n"
			      "a=rtpmap:96 telephone-event/8000\r\n";

static const char hold_sdp[] = "v=0\r\n"
			       "o=bob 1 2 IN IP4 10.0.0.9\r\n"
			       "s=-\r\n"
			       "c=IN IP4 0.0.0.0\r\n"
			       "t=0 0\r\n"
			       "m=audio 30000 RTP/AVP 8 96\r\n"
			       "a=rtpmap:96 telephone-event/8000\r\n";

/* Answer the request M (a copy of a sent packet) with STATUS, EXTRA
 * headers and BODY (SDP), as the far end. */
static void answer(struct world *w, const struct sip_msg *m, unsigned status,
		   const char *extra, const char *body)
{
	char buf[PKT_MAX], out[PKT_MAX];
	struct sip_resp rs = {.status = (uint16_t)status};
	struct sip_mbuf b;
	char *cl;
	int n;

	rs.to_tag = sip_pl_mk("bob1", 4);
	if (status > 100 && status < 300)
		rs.contact = sip_pl_mk("sip:4002@10.0.0.9:5070", 22);
	if (body) {
		rs.ctype = sip_pl_mk("application/sdp", 15);
		rs.body = sip_pl_mk(body, strlen(body));
	}
	sip_mbuf_init(&b, buf, sizeof(buf));
	assert_int_equal(sip_build_response(&b, m, &rs), 0);
	buf[b.len] = '\0';
	cl = strstr(buf, "Content-Length:");
	assert_non_null(cl);
	n = snprintf(out, sizeof(out), "%.*s%s%s", (int)(cl - buf), buf,
		     extra ? extra : "", cl);
	assert_true(n > 0 && (size_t)n < sizeof(out));
	txn_layer_recv(w->layer, out, (size_t)n,
		       &(struct net_addr){0x0a000005, 5060});
	advance(w, 0);
}

static void answer_last(struct world *w, const char *start, unsigned status,
			const char *extra, const char *body)
{
	int i;

	for (i = (int)w->npkt - 1; i >= 0; i--)
		if (strncmp(w->pkt[i].text, start, strlen(start)) == 0)
			break;
	assert_true(i >= 0);
	{
		/* parse a copy: answering sends packets into w->pkt */
		static char copy[PKT_MAX];
		struct sip_msg m;
		struct sip_err err;

		memcpy(copy, w->pkt[i].text, w->pkt[i].len + 1);
		assert_int_equal(sip_msg_parse(&m, copy, w->pkt[i].len, 0,
					       &err),
				 0);
		answer(w, &m, status, extra, body);
	}
}

/* A request from the far end. */
static void far_request(struct world *w, const char *text)
{
	txn_layer_recv(w->layer, text, strlen(text),
		       &(struct net_addr){0x0a000009, 5070});
	advance(w, 0);
}

/* ---------------------------------------------------------------- SDP */

static void test_sdp_offer(void **state)
{
	struct cnf *c = cnf_of("preferred_codec: g711alaw\n"
			       "dtmf_avt_payload: 110\n");
	struct call_codecs k;
	struct call_sdp_local l = {"10.0.0.2", 20000, 7, 1, false};
	char buf[CALL_SDP_MAX];
	struct sdp_sess s;
	int n;

	(void)state;
	call_codecs_from_cnf(&k, c);
	assert_int_equal(k.n, 3);
	assert_int_equal(k.pt[0], 8); /* preferred first */
	assert_int_equal(k.pt[1], 0);
	assert_int_equal(k.pt[2], 18);
	assert_int_equal(k.dtmf_pt, 110);
	n = call_sdp_write(buf, sizeof(buf), &l, &k, NULL);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "m=audio 20000 RTP/AVP 8 0 18 110\r\n"));
	assert_non_null(strstr(buf, "c=IN IP4 10.0.0.2\r\n"));
	assert_non_null(strstr(buf, "a=rtpmap:110 telephone-event/8000\r\n"));
	assert_int_equal(sdp_parse(&s, buf, (size_t)n), 0);
	/* hold: c=IN IP4 0.0.0.0, the guide's way */
	l.hold = true;
	n = call_sdp_write(buf, sizeof(buf), &l, &k, NULL);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "c=IN IP4 0.0.0.0\r\n"));
	/* the edge: a buffer one byte short is refused, never cut */
	assert_int_equal(call_sdp_write(buf, (size_t)n, &l, &k, NULL), -ENOBUFS);
	assert_int_equal(call_sdp_write(buf, (size_t)n + 1, &l, &k, NULL), n);
	cnf_free(c);
	/* dtmf_outofband none: no telephone-event offered */
	c = cnf_of("dtmf_outofband: none\n");
	call_codecs_from_cnf(&k, c);
	assert_int_equal(k.dtmf_pt, 0);
	assert_int_equal(k.pt[0], 0);
	cnf_free(c);
}

static void test_sdp_choose(void **state)
{
	struct cnf *c = cnf_of("");
	struct call_codecs k;
	struct call_media m;
	struct sdp_sess s;

	(void)state;
	call_codecs_from_cnf(&k, c);
	/* the offerer's order wins among ours; its telephone-event PT */
	assert_int_equal(sdp_parse(&s, far_sdp, strlen(far_sdp)), 0);
	assert_int_equal(call_sdp_choose(&s, &k, &m), 0);
	assert_int_equal(m.pt, 8);
	assert_int_equal(m.dtmf_pt, 96);
	assert_int_equal(m.remote_ip, 0x0a000009);
	assert_int_equal(m.remote_port, 30000);
	assert_true(m.send && m.recv);
	/* c=0.0.0.0: on hold */
	assert_int_equal(sdp_parse(&s, hold_sdp, strlen(hold_sdp)), 0);
	assert_int_equal(call_sdp_choose(&s, &k, &m), 0);
	assert_false(m.send || m.recv);
	{
		static const char so[] = "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\n"
					 "s=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n"
					 "m=audio 30000 RTP/AVP 0\r\n"
					 "a=sendonly\r\n";
		static const char none[] = "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\n"
					   "s=-\r\nc=IN IP4 10.0.0.9\r\n"
					   "t=0 0\r\nm=audio 30000 RTP/AVP 3 "
					   "97\r\na=rtpmap:97 iLBC/8000\r\n";
		static const char video[] = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\n"
					    "s=-\r\nc=IN IP4 1.2.3.4\r\n"
					    "t=0 0\r\nm=video 3000 RTP/AVP "
					    "31\r\n";

		/* a=sendonly from them: we receive, we do not send */
		assert_int_equal(sdp_parse(&s, so, strlen(so)), 0);
		assert_int_equal(call_sdp_choose(&s, &k, &m), 0);
		assert_false(m.send);
		assert_true(m.recv);
		assert_int_equal(sdp_parse(&s, none, strlen(none)), 0);
		assert_int_equal(call_sdp_choose(&s, &k, &m), -ENOTSUP);
		assert_int_equal(sdp_parse(&s, video, strlen(video)), 0);
		assert_int_equal(call_sdp_choose(&s, &k, &m), -EBADMSG);
	}
	cnf_free(c);
}

/* ---------------------------------------------------------------- outgoing */

/* Off hook and dial TARGET with FLAGS: the INVITE that went out. */
static const struct sip_msg *dial(struct world *w, const char *target,
				  unsigned flags)
{
	call_offhook(w->c);
	advance(w, 0);
	assert_int_equal(call_state(w->c), CALL_ST_dialing);
	assert_int_equal(w->tone, CALL_TONE_DIAL);
	assert_int_equal(call_dial(w->c, target, flags, CALL_USER_LINE), 0);
	advance(w, 0);
	assert_int_equal(call_state(w->c), CALL_ST_calling);
	return last(w, "INVITE ");
}

/* Off hook, dial 4002: the INVITE is out. */
static void dial_4002(struct world *w)
{
	const struct sip_msg *m = dial(w, "4002", 0);

	assert_true(sip_pl_eq(&m->ruri_pl, "sip:4002@10.0.0.5"));
	assert_true(sip_pl_eq(&m->from.uri_pl, "sip:4001@10.0.0.5"));
	assert_true(sip_pl_isset(&m->from.tag));
	assert_true(sip_pl_eq(&m->contact.uri_pl, "sip:4001@10.0.0.2:5060"));
	assert_non_null(strstr(m->body.p, "m=audio 20000 RTP/AVP 0 8 18 101"));
	assert_int_equal(w->pkt[w->npkt - 1].dst.ip, 0x0a000005);
}

static void test_outgoing_call(void **state)
{
	struct world *w = world_new(NULL);
	const struct sip_msg *m;
	unsigned acks;

	(void)state;
	dial_4002(w);
	answer_last(w, "INVITE ", 100, NULL, NULL);
	assert_int_equal(call_state(w->c), CALL_ST_calling);
	answer_last(w, "INVITE ", 180, NULL, NULL);
	assert_int_equal(call_state(w->c), CALL_ST_alerting);
	assert_int_equal(w->tone, CALL_TONE_RINGBACK);
	answer_last(w, "INVITE ", 200,
		    "Record-Route: <sip:10.0.0.5;lr>\r\n", far_sdp);
	assert_int_equal(call_state(w->c), CALL_ST_connected);
	assert_int_equal(w->tone, CALL_TONE_NONE);
	/* the ACK: to the Route, with the Route, the INVITE's CSeq */
	m = last(w, "ACK ");
	assert_true(sip_pl_eq(&m->ruri_pl, "sip:4002@10.0.0.9:5070"));
	assert_non_null(sip_msg_hdr(m, SIP_HDR_ROUTE));
	assert_true(sip_pl_eq(&m->to.tag, "bob1"));
	assert_int_equal(m->cseq.num, 101);
	assert_int_equal(w->pkt[w->npkt - 1].dst.ip, 0x0a000005);
	assert_int_equal(w->media.pt, 8);
	assert_int_equal(w->media.remote_port, 30000);
	assert_true(w->media.send && w->media.recv);
	/* a 2xx retransmission is ACKed again */
	acks = count(w, "ACK ");
	answer_last(w, "INVITE ", 200, "Record-Route: <sip:10.0.0.5;lr>\r\n",
		    far_sdp);
	assert_int_equal(count(w, "ACK "), acks + 1);

	/* hold: re-INVITE with c=IN IP4 0.0.0.0 */
	call_hold(w->c);
	advance(w, 0);
	assert_int_equal(call_state(w->c), CALL_ST_holding);
	m = last(w, "INVITE ");
	assert_true(sip_pl_eq(&m->to.tag, "bob1"));
	assert_non_null(strstr(m->body.p, "c=IN IP4 0.0.0.0"));
	assert_false(w->media.send || w->media.recv);
	answer_last(w, "INVITE ", 200, NULL, hold_sdp);
	assert_int_equal(call_state(w->c), CALL_ST_held);
	assert_int_equal(last(w, "ACK ")->cseq.num, 102);
	/* resume */
	call_resume(w->c);
	advance(w, 0);
	assert_int_equal(call_state(w->c), CALL_ST_resuming);
	m = last(w, "INVITE ");
	assert_non_null(strstr(m->body.p, "c=IN IP4 10.0.0.2"));
	answer_last(w, "INVITE ", 200, NULL, far_sdp);
	assert_int_equal(call_state(w->c), CALL_ST_connected);
	assert_true(w->media.send && w->media.recv);

	/* hang up: BYE in the dialog; its 200 ends the call */
	call_onhook(w->c);
	advance(w, 0);
	assert_int_equal(call_state(w->c), CALL_ST_releasing);
	m = last(w, "BYE ");
	assert_true(sip_pl_eq(&m->ruri_pl, "sip:4002@10.0.0.9:5070"));
	assert_int_equal(m->cseq.num, 104);
	answer_last(w, "BYE ", 200, NULL, NULL);
	assert_int_equal(w->ended, 1);
	world_free(w);
}

static void test_outgoing_busy(void **state)
{
	struct world *w = world_new(NULL);

	(void)state;
	dial_4002(w);
	answer_last(w, "INVITE ", 486, NULL, NULL);
	assert_int_equal(call_state(w->c), CALL_ST_failed);
	assert_int_equal(w->tone, CALL_TONE_BUSY);
	assert_int_equal(count(w, "ACK "), 1); /* the ICT's */
	call_onhook(w->c);
	advance(w, 0);
	assert_int_equal(w->ended, 1);
	world_free(w);

	/* any other failure: reorder, and the reason on the screen */
	w = world_new(NULL);
	dial_4002(w);
	answer_last(w, "INVITE ", 503, "Retry-After: 30\r\n", NULL);
	{
		struct call_info ci;

		call_get_info(w->c, &ci);
		assert_int_equal(ci.state, CALL_ST_failed);
		assert_int_equal(ci.last_status, 503);
		assert_string_equal(ci.prompt, "503 retry in 30 s");
	}
	assert_int_equal(w->tone, CALL_TONE_REORDER);
	call_onhook(w->c);
	advance(w, 0);
	world_free(w);
}

static void test_outgoing_cancel(void **state)
{
	struct world *w = world_new(NULL);
	const struct sip_msg *m;
	char branch[64];

	(void)state;
	dial_4002(w);
	m = last(w, "INVITE ");
	assert_int_equal(sip_pl_strcpy(branch, sizeof(branch), &m->via.branch),
			 0);
	answer_last(w, "INVITE ", 180, NULL, NULL);
	call_onhook(w->c);
	advance(w, 0);
	assert_int_equal(call_state(w->c), CALL_ST_cancelling);
	/* RFC 3261 9.1: the INVITE's branch and CSeq number */
	m = last(w, "CANCEL ");
	assert_true(sip_pl_eq(&m->via.branch, branch));
	assert_int_equal(m->cseq.num, 101);
	assert_true(sip_pl_eq(&m->ruri_pl, "sip:4002@10.0.0.5"));
	answer_last(w, "CANCEL ", 200, NULL, NULL);
	answer_last(w, "INVITE ", 487, NULL, NULL);
	assert_int_equal(w->ended, 1);
	world_free(w);
}

static void test_outgoing_redirect_and_auth(void **state)
{
	struct world *w = world_new(NULL);
	const struct sip_msg *m;

	(void)state;
	dial_4002(w);
	answer_last(w, "INVITE ", 302, "Contact: <sip:4444@10.0.0.7>\r\n",
		    NULL);
	m = last(w, "INVITE ");
	assert_true(sip_pl_eq(&m->ruri_pl, "sip:4444@10.0.0.7"));
	assert_int_equal(m->cseq.num, 102);
	assert_int_equal(call_state(w->c), CALL_ST_calling);
	/* 407: INVITE again with Proxy-Authorization (Appendix B
	 * "Authentication Error": INVITE, 407, ACK, INVITE) */
	answer_last(w, "INVITE ", 407,
		    "Proxy-Authenticate: Digest realm=\"x\", nonce=\"n1\"\r\n",
		    NULL);
	m = last(w, "INVITE ");
	assert_int_equal(m->cseq.num, 103);
	assert_non_null(sip_msg_hdr(m, SIP_HDR_PROXY_AUTHORIZATION));
	/* the same challenge again: wrong password, the call fails */
	answer_last(w, "INVITE ", 407,
		    "Proxy-Authenticate: Digest realm=\"x\", nonce=\"n2\"\r\n",
		    NULL);
	assert_int_equal(call_state(w->c), CALL_ST_failed);
	call_onhook(w->c);
	advance(w, 0);
	world_free(w);
}

/* Route=emergency: the INVITE goes to proxy_emergency, and so does the
 * rest of the call ("The emergency proxy is used for the call
 * duration"), whatever Contact the far end gave. */
static void test_emergency_route(void **state)
{
	struct world *w = world_new("line1_name: 4001\n"
				    "proxy1_address: 10.0.0.5\n"
				    "proxy_emergency: 10.0.0.7\n");

	(void)state;
	dial(w, "911", UAC_EMERGENCY);
	assert_int_equal(w->pkt[w->npkt - 1].dst.ip, 0x0a000007);
	answer_last(w, "INVITE ", 200, NULL, far_sdp);
	last(w, "ACK ");
	assert_int_equal(w->pkt[w->npkt - 1].dst.ip, 0x0a000007);
	call_onhook(w->c);
	advance(w, 0);
	last(w, "BYE ");
	assert_int_equal(w->pkt[w->npkt - 1].dst.ip, 0x0a000007);
	assert_true(sip_pl_eq(&w->msg.ruri_pl, "sip:4002@10.0.0.9:5070"));
	answer_last(w, "BYE ", 200, NULL, NULL);
	assert_int_equal(w->ended, 1);
	world_free(w);
}

/* nat_enable with nat_address: Contact, Via and the SDP name it. */
static void test_nat_address(void **state)
{
	struct world *w = world_new("line1_name: 4001\n"
				    "proxy1_address: 10.0.0.5\n"
				    "nat_enable: 1\n"
				    "nat_address: 203.0.113.7\n");
	const struct sip_msg *m;

	(void)state;
	m = dial(w, "4002", 0);
	assert_true(sip_pl_eq(&m->contact.uri_pl, "sip:4001@203.0.113.7:5060"));
	assert_true(sip_pl_eq(&m->via.host, "203.0.113.7"));
	assert_non_null(strstr(m->body.p, "c=IN IP4 203.0.113.7\r\n"));
	assert_non_null(strstr(m->body.p, "IN IP4 203.0.113.7\r\ns="));
	call_onhook(w->c);
	advance(w, 0);
	world_free(w);
}

/* 300 with two Contacts: the first fails, the second is called; 305 Use
 * Proxy: the same Request-URI through the proxy the Contact names. */
static void test_redirect_contacts(void **state)
{
	struct world *w = world_new(NULL);
	const struct sip_msg *m;

	(void)state;
	dial_4002(w);
	answer_last(w, "INVITE ", 300,
		    "Contact: <sip:a@10.0.0.7>, <sip:b@10.0.0.8>\r\n", NULL);
	m = last(w, "INVITE ");
	assert_true(sip_pl_eq(&m->ruri_pl, "sip:a@10.0.0.7"));
	assert_int_equal(w->pkt[w->npkt - 1].dst.ip, 0x0a000005);
	answer_last(w, "INVITE ", 404, NULL, NULL);
	m = last(w, "INVITE ");
	assert_true(sip_pl_eq(&m->ruri_pl, "sip:b@10.0.0.8"));
	assert_int_equal(call_state(w->c), CALL_ST_calling);
	answer_last(w, "INVITE ", 404, NULL, NULL);
	assert_int_equal(call_state(w->c), CALL_ST_failed);
	call_onhook(w->c);
	advance(w, 0);
	world_free(w);

	w = world_new(NULL);
	dial_4002(w);
	answer_last(w, "INVITE ", 305, "Contact: <sip:10.0.0.6:5070>\r\n",
		    NULL);
	m = last(w, "INVITE ");
	assert_true(sip_pl_eq(&m->ruri_pl, "sip:4002@10.0.0.5"));
	assert_int_equal(w->pkt[w->npkt - 1].dst.ip, 0x0a000006);
	assert_int_equal(w->pkt[w->npkt - 1].dst.port, 5070);
	answer_last(w, "INVITE ", 200, NULL, far_sdp);
	assert_int_equal(call_state(w->c), CALL_ST_connected);
	call_onhook(w->c);
	advance(w, 0);
	world_free(w);
}

/* callerid_blocking: an anonymous From; remote_party_id: the caller's
 * identity in Remote-Party-ID, marked private. */
static void test_callerid_blocking(void **state)
{
	struct world *w = world_new("line1_name: 4001\n"
				    "line1_displayname: \"Alice\"\n"
				    "proxy1_address: 10.0.0.5\n"
				    "callerid_blocking: 1\n"
				    "remote_party_id: 1\n");
	const struct sip_msg *m;
	const struct sip_hdr *h;
	char rpid[512];

	(void)state;
	m = dial(w, "4002", 0);
	assert_true(sip_pl_eq(&m->from.uri_pl, "sip:anonymous@localhost"));
	assert_true(sip_pl_eq(&m->from.dname, "Anonymous"));
	h = sip_msg_hdr(m, SIP_HDR_REMOTE_PARTY_ID);
	assert_non_null(h);
	assert_int_equal(sip_pl_strcpy(rpid, sizeof(rpid), &h->val), 0);
	assert_non_null(strstr(rpid, "privacy=full"));
	assert_non_null(strstr(rpid, "<sip:4001@10.0.0.5>"));
	call_onhook(w->c);
	advance(w, 0);
	world_free(w);
}

/* A BYE challenged by the far end's proxy is sent again with the
 * credentials (issue 7: digest for BYE as for INVITE). */
static void test_bye_challenged(void **state)
{
	struct world *w = world_new(NULL);
	const struct sip_msg *m;

	(void)state;
	dial_4002(w);
	answer_last(w, "INVITE ", 200, NULL, far_sdp);
	assert_int_equal(call_state(w->c), CALL_ST_connected);
	call_onhook(w->c);
	advance(w, 0);
	assert_int_equal(last(w, "BYE ")->cseq.num, 102);
	answer_last(w, "BYE ", 401,
		    "WWW-Authenticate: Digest realm=\"x\", nonce=\"b1\"\r\n",
		    NULL);
	m = last(w, "BYE ");
	assert_int_equal(m->cseq.num, 103);
	assert_non_null(sip_msg_hdr(m, SIP_HDR_AUTHORIZATION));
	assert_int_equal(call_state(w->c), CALL_ST_releasing);
	answer_last(w, "BYE ", 200, NULL, NULL);
	assert_int_equal(w->ended, 1);
	world_free(w);
}

static void test_outgoing_no_answer(void **state)
{
	struct world *w = world_new(NULL);

	(void)state;
	dial_4002(w);
	answer_last(w, "INVITE ", 180, NULL, NULL);
	/* timer_invite_expires (30 s): CANCEL, reorder */
	advance(w, 30000);
	assert_int_equal(count(w, "CANCEL "), 1);
	assert_int_equal(call_state(w->c), CALL_ST_failed);
	/* a 200 that crosses the CANCEL is ACKed and ended with BYE */
	answer_last(w, "INVITE ", 200, NULL, far_sdp);
	assert_int_equal(count(w, "ACK "), 1);
	assert_int_equal(count(w, "BYE "), 1);
	call_onhook(w->c);
	advance(w, 0);
	world_free(w);
}

/* ---------------------------------------------------------------- incoming */

static const char invite_in[] =
	"INVITE sip:4001@10.0.0.2 SIP/2.0\r\n"
	"Via: SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKin1\r\n"
	"From: \"Bob\" <sip:4002@10.0.0.5>;tag=b1\r\n"
	"To: <sip:4001@10.0.0.2>\r\n"
	"Call-ID: in-1@10.0.0.9\r\n"
	"CSeq: 1 INVITE\r\n"
	"Contact: <sip:4002@10.0.0.9:5070>\r\n"
	"Alert-Info: 3\r\n"
	"Diversion: <sip:4003@10.0.0.5>;reason=no-answer\r\n"
	"Record-Route: <sip:10.0.0.5;lr>\r\n"
	"Max-Forwards: 70\r\n"
	"Content-Type: application/sdp\r\n"
	"Content-Length: %zu\r\n\r\n%s";

/* The phone's owner: a new call for the INVITE the layer saw. */
static struct txn *in_txn;
static struct sip_msg in_msg;
static void on_req(void *arg, struct txn *t, const struct sip_msg *req,
		   const struct net_addr *src)
{
	struct world *w = arg;

	(void)src;
	if (w->c && req->mid != SIP_METHOD_INVITE) {
		call_request(w->c, t, req);
		return;
	}
	if (w->c && sip_pl_isset(&req->to.tag)) {
		call_request(w->c, t, req);
		return;
	}
	in_txn = t;
	in_msg = *req;
}

static void stray(void *arg, const struct sip_msg *m,
		  const struct net_addr *src)
{
	struct world *w = arg;

	(void)src;
	if (w->c)
		call_request(w->c, NULL, m);
}

static const struct txn_layer_ops in_ops = {.send = fake_send,
					    .request = on_req,
					    .stray = stray};

/* A world whose layer hands the far end's requests to the call (and a
 * new INVITE to the test, in in_txn and in_msg). */
static struct world *world_routed(void)
{
	struct world *w = world_new(NULL);
	struct txn_cfg tc = TXN_CFG_DEFAULT;

	uac_free(w->uac);
	txn_layer_free(w->layer);
	assert_int_equal(txn_layer_alloc(&w->layer, &w->timers, &tc, &in_ops,
					 w),
			 0);
	assert_int_equal(uac_alloc(&w->uac, w->layer, &w->timers, NULL), 0);
	call_free(w->c);
	w->env.uac = w->uac;
	w->env.txn = w->layer;
	assert_int_equal(call_alloc(&w->c, &w->env, w->cnf, 1, &ops, w), 0);
	return w;
}

static struct world *incoming(const char *sdp, int *status)
{
	struct world *w = world_routed();
	char text[PKT_MAX];

	in_txn = NULL;
	snprintf(text, sizeof(text), invite_in, strlen(sdp), sdp);
	far_request(w, text);
	assert_non_null(in_txn);
	*status = call_incoming(w->c, in_txn, &in_msg);
	advance(w, 0);
	return w;
}

static void test_incoming_call(void **state)
{
	int status;
	struct world *w = incoming(far_sdp, &status);
	const struct sip_msg *m;
	struct call_info ci;
	char bye[PKT_MAX], ack[PKT_MAX];

	(void)state;
	assert_int_equal(status, 0);
	assert_int_equal(call_state(w->c), CALL_ST_ringing);
	assert_int_equal(w->tone, CALL_TONE_RING);
	m = last(w, "SIP/2.0 180");
	assert_true(sip_pl_isset(&m->to.tag));
	/* RFC 3261 12.1.1: the dialog's responses keep the proxy's route */
	assert_non_null(sip_msg_hdr(m, SIP_HDR_RECORD_ROUTE));
	call_get_info(w->c, &ci);
	assert_string_equal(ci.peer_name, "Bob");
	assert_string_equal(ci.diversion, "sip:4003@10.0.0.5");
	assert_int_equal(ci.alert, 3);
	assert_false(ci.outgoing);

	call_answer(w->c);
	advance(w, 0);
	assert_int_equal(call_state(w->c), CALL_ST_answering);
	m = last(w, "SIP/2.0 200");
	/* the answer: the offerer's first codec we have, its event PT */
	assert_non_null(strstr(m->body.p, "m=audio 20000 RTP/AVP 8 96\r\n"));
	assert_non_null(sip_msg_hdr(m, SIP_HDR_RECORD_ROUTE));
	assert_true(sip_pl_eq(&m->contact.uri_pl, "sip:4001@10.0.0.2:5060"));
	assert_int_equal(w->media.pt, 8);
	assert_int_equal(w->media.dtmf_pt, 96);

	snprintf(ack, sizeof(ack),
		 "ACK sip:4001@10.0.0.2:5060 SIP/2.0\r\n"
		 "Via: SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKack1\r\n"
		 "From: \"Bob\" <sip:4002@10.0.0.5>;tag=b1\r\n"
		 "To: <sip:4001@10.0.0.2>;tag=%.*s\r\n"
		 "Call-ID: in-1@10.0.0.9\r\nCSeq: 1 ACK\r\n"
		 "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
		 (int)m->to.tag.l, m->to.tag.p);
	snprintf(bye, sizeof(bye),
		 "BYE sip:4001@10.0.0.2:5060 SIP/2.0\r\n"
		 "Via: SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKbye1\r\n"
		 "From: \"Bob\" <sip:4002@10.0.0.5>;tag=b1\r\n"
		 "To: <sip:4001@10.0.0.2>;tag=%.*s\r\n"
		 "Call-ID: in-1@10.0.0.9\r\nCSeq: 2 BYE\r\n"
		 "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
		 (int)m->to.tag.l, m->to.tag.p);
	far_request(w, ack);
	assert_int_equal(call_state(w->c), CALL_ST_connected);

	/* the far end holds: re-INVITE c=0.0.0.0, answered 200 with SDP */
	{
		char re[PKT_MAX];

		snprintf(re, sizeof(re),
			 "INVITE sip:4001@10.0.0.2:5060 SIP/2.0\r\n"
			 "Via: SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKre1\r\n"
			 "From: \"Bob\" <sip:4002@10.0.0.5>;tag=b1\r\n"
			 "To: <sip:4001@10.0.0.2>;tag=%.*s\r\n"
			 "Call-ID: in-1@10.0.0.9\r\nCSeq: 2 INVITE\r\n"
			 "Contact: <sip:4002@10.0.0.9:5070>\r\n"
			 "Max-Forwards: 70\r\n"
			 "Content-Type: application/sdp\r\n"
			 "Content-Length: %zu\r\n\r\n%s",
			 (int)m->to.tag.l, m->to.tag.p, strlen(hold_sdp),
			 hold_sdp);
		far_request(w, re);
	}
	assert_int_equal(call_state(w->c), CALL_ST_connected);
	call_get_info(w->c, &ci);
	assert_true(ci.remote_hold);
	assert_false(w->media.send || w->media.recv);
	m = last(w, "SIP/2.0 200");
	assert_int_equal(m->cseq.num, 2);
	assert_non_null(strstr(m->body.p, "m=audio"));

	/* BYE from the far end (CSeq 3): 200, over */
	bye[strstr(bye, "CSeq: 2") - bye + 6] = '3';
	far_request(w, bye);
	assert_non_null(strstr(w->pkt[w->npkt - 1].text, "SIP/2.0 200"));
	assert_int_equal(w->ended, 1);
	assert_true(w->media_stops >= 1);
	world_free(w);
}

static void test_incoming_cancel_and_488(void **state)
{
	int status;
	struct world *w;
	static const char ilbc[] = "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\n"
				   "c=IN IP4 10.0.0.9\r\nt=0 0\r\n"
				   "m=audio 3000 RTP/AVP 97\r\n"
				   "a=rtpmap:97 iLBC/8000\r\n";

	(void)state;
	/* no codec in common: 488 for the owner to send */
	w = incoming(ilbc, &status);
	assert_int_equal(status, 488);
	assert_int_equal(call_state(w->c), CALL_ST_start);
	world_free(w);

	/* the caller gives up: 487 to its INVITE, the ringing stops */
	w = incoming(far_sdp, &status);
	assert_int_equal(status, 0);
	call_cancelled(w->c);
	advance(w, 0);
	assert_non_null(strstr(w->pkt[w->npkt - 1].text, "SIP/2.0 487"));
	assert_int_equal(w->tone, CALL_TONE_NONE);
	assert_int_equal(w->ended, 1);
	world_free(w);
}

static void test_unexpected_events(void **state)
{
	struct world *w = world_new(NULL);

	(void)state;
	/* hold while dialing: logged, nothing changes */
	call_offhook(w->c);
	advance(w, 0);
	call_hold(w->c);
	advance(w, 0);
	assert_int_equal(call_state(w->c), CALL_ST_dialing);
	w->log[w->loglen] = '\0';
	assert_non_null(strstr(w->log, "HOLD unexpected in state dialing"));
	/* nothing to dial */
	assert_int_equal(call_dial(w->c, "", 0, CALL_USER_LINE), -EINVAL);
	call_onhook(w->c);
	advance(w, 0);
	assert_int_equal(w->ended, 1);
	world_free(w);
}

/* Shutdown turns a ringing call down: 480, and the call is over; a
 * status that is no failure becomes 480 too. */
static void test_incoming_refused(void **state)
{
	int status;
	struct world *w = incoming(far_sdp, &status);

	(void)state;
	assert_int_equal(call_state(w->c), CALL_ST_ringing);
	call_refuse(w->c, 200);
	advance(w, 0);
	assert_non_null(strstr(w->pkt[w->npkt - 1].text,
			       "SIP/2.0 480 Temporarily Unavailable"));
	assert_int_equal(w->ended, 1);
	world_free(w);
}

/* ---------------------------------------------------------------- transfer */

/* 4001 calls 4002, which answers; then 4001 holds it (the guide's
 * transfer flows, steps 1-8). */
static void connected_and_held(struct world *w)
{
	dial_4002(w);
	answer_last(w, "INVITE ", 200, NULL, far_sdp);
	assert_int_equal(call_state(w->c), CALL_ST_connected);
	call_hold(w->c);
	advance(w, 0);
	answer_last(w, "INVITE ", 200, NULL, hold_sdp);
	assert_int_equal(call_state(w->c), CALL_ST_held);
}

/* A request of the far end (4002, tag bob1) in the dialog of our last
 * request START: METHOD with EXTRA headers and a BODY of CTYPE. */
static void far_in_dialog(struct world *w, const char *start,
			  const char *method, unsigned cseq, const char *extra,
			  const char *ctype, const char *body)
{
	char text[PKT_MAX], callid[128], ltag[64];
	const struct sip_msg *m = last(w, start);

	assert_int_equal(sip_pl_strcpy(callid, sizeof(callid), &m->call_id), 0);
	assert_int_equal(sip_pl_strcpy(ltag, sizeof(ltag), &m->from.tag), 0);
	snprintf(text, sizeof(text),
		 "%s sip:4001@10.0.0.2:5060 SIP/2.0\r\n"
		 "Via: SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKfar%u\r\n"
		 "From: <sip:4002@10.0.0.5>;tag=bob1\r\n"
		 "To: <sip:4001@10.0.0.5>;tag=%s\r\n"
		 "Call-ID: %s\r\n"
		 "CSeq: %u %s\r\n"
		 "Max-Forwards: 70\r\n"
		 "%s%s%s%s"
		 "Content-Length: %zu\r\n\r\n%s",
		 method, cseq, ltag, callid, cseq, method, extra ? extra : "",
		 ctype ? "Content-Type: " : "", ctype ? ctype : "",
		 ctype ? "\r\n" : "", body ? strlen(body) : 0,
		 body ? body : "");
	far_request(w, text);
}

/* "Call Transfer Without Consultation": REFER (Refer-To the dialed
 * target, Referred-By us), 202, BYE at once, then the refer NOTIFYs are
 * still answered until the final one. */
static void test_transfer_blind(void **state)
{
	struct world *w = world_routed();
	const struct sip_msg *m;
	const struct sip_hdr *h;

	(void)state;
	connected_and_held(w);
	assert_int_equal(call_transfer(w->c, "4003", CALL_USER_LINE), 0);
	advance(w, 0);
	assert_int_equal(call_state(w->c), CALL_ST_referring);
	m = last(w, "REFER ");
	assert_true(sip_pl_eq(&m->ruri_pl, "sip:4002@10.0.0.9:5070"));
	h = sip_msg_hdr(m, SIP_HDR_REFER_TO);
	assert_non_null(h);
	assert_true(sip_pl_eq(&h->val, "<sip:4003@10.0.0.5>"));
	h = sip_msg_hdr(m, SIP_HDR_REFERRED_BY);
	assert_non_null(h);
	assert_true(sip_pl_eq(&h->val, "<sip:4001@10.0.0.5>"));
	assert_true(sip_pl_eq(&m->to.tag, "bob1"));
	answer_last(w, "REFER ", 202, NULL, NULL);
	assert_int_equal(call_state(w->c), CALL_ST_transferred);
	m = last(w, "BYE "); /* step 11 */
	assert_null(sip_msg_hdr(m, SIP_HDR_ALSO));
	answer_last(w, "BYE ", 200, NULL, NULL);
	assert_int_equal(call_state(w->c), CALL_ST_transferred);
	assert_int_equal(w->ended, 0);
	/* NOTIFY 100 Trying: 200, the subscription goes on */
	far_in_dialog(w, "REFER ", "NOTIFY", 1, "Event: refer\r\n"
		      "Subscription-State: active;expires=60\r\n",
		      "message/sipfrag;version=2.0", "SIP/2.0 100 Trying\r\n");
	assert_non_null(strstr(w->pkt[w->npkt - 1].text, "SIP/2.0 200 OK"));
	assert_int_equal(call_state(w->c), CALL_ST_transferred);
	/* a NOTIFY of another event is not ours: 489 */
	far_in_dialog(w, "REFER ", "NOTIFY", 2, "Event: presence\r\n",
		      NULL, NULL);
	assert_non_null(strstr(w->pkt[w->npkt - 1].text, "SIP/2.0 489"));
	/* the final NOTIFY (step 18): 200 and the call is over */
	far_in_dialog(w, "REFER ", "NOTIFY", 3, "Event: refer\r\n"
		      "Subscription-State: terminated;reason=noresource\r\n",
		      "message/sipfrag", "SIP/2.0 200 OK\r\n");
	assert_non_null(strstr(w->pkt[w->npkt - 1].text, "SIP/2.0 200 OK"));
	assert_int_equal(w->ended, 1);
	assert_int_equal(w->xfers, 1);
	assert_int_equal(w->xfer_res, CALL_XFER_DONE);
	world_free(w);
}

/* "... Using Failover": 501 to the REFER, BYE with Also; other
 * failures leave the call on hold. */
static void test_transfer_failover(void **state)
{
	struct world *w = world_routed();
	const struct sip_hdr *h;

	(void)state;
	connected_and_held(w);
	assert_int_equal(call_transfer(w->c, "4003", CALL_USER_LINE), 0);
	advance(w, 0);
	answer_last(w, "REFER ", 403, NULL, NULL);
	assert_int_equal(call_state(w->c), CALL_ST_held);
	assert_int_equal(w->xfer_res, CALL_XFER_FAILED);
	assert_int_equal(call_transfer(w->c, "4003", CALL_USER_LINE), 0);
	advance(w, 0);
	answer_last(w, "REFER ", 501, NULL, NULL);
	assert_int_equal(call_state(w->c), CALL_ST_releasing);
	assert_int_equal(w->xfer_res, CALL_XFER_FAILOVER);
	h = sip_msg_hdr(last(w, "BYE "), SIP_HDR_ALSO);
	assert_non_null(h);
	assert_true(sip_pl_eq(&h->val, "<sip:4003@10.0.0.5>"));
	answer_last(w, "BYE ", 200, NULL, NULL);
	assert_int_equal(w->ended, 1);
	world_free(w);
}

/* "with Consultation": Refer-To carries the consultation's Replaces,
 * escaped; the BYE waits for the final NOTIFY; a failed one (or none in
 * CALL_NOTIFY_WAIT_MS) leaves the call held. */
static void test_transfer_attended(void **state)
{
	struct world *w = world_routed(), *v = world_routed();
	const struct sip_hdr *h;

	(void)state;
	connected_and_held(w);
	/* the consultation: another call, answered */
	dial_4002(v);
	answer_last(v, "INVITE ", 200, NULL, far_sdp);
	assert_int_equal(call_transfer_replaces(w->c, v->c), 0);
	advance(w, 0);
	assert_int_equal(call_state(w->c), CALL_ST_consult_referring);
	h = sip_msg_hdr(last(w, "REFER "), SIP_HDR_REFER_TO);
	assert_non_null(h);
	{
		char want[512], cid[128], tag[64];
		const struct sip_msg *inv = last(v, "INVITE ");

		assert_int_equal(sip_pl_strcpy(cid, sizeof(cid), &inv->call_id),
				 0);
		assert_int_equal(sip_pl_strcpy(tag, sizeof(tag),
					       &inv->from.tag), 0);
		snprintf(want, sizeof(want), "<sip:4002@10.0.0.9:5070?Replaces="
			 "%.*s%%40%s%%3Bto-tag%%3Dbob1%%3Bfrom-tag%%3D%s>",
			 (int)(strchr(cid, '@') - cid), cid,
			 strchr(cid, '@') + 1, tag);
		assert_true(sip_pl_eq(&h->val, want));
	}
	answer_last(w, "REFER ", 202, NULL, NULL);
	assert_int_equal(call_state(w->c), CALL_ST_transferring);
	assert_int_equal(count(w, "BYE "), 0);
	far_in_dialog(w, "REFER ", "NOTIFY", 1, "Event: refer\r\n"
		      "Subscription-State: terminated\r\n",
		      "message/sipfrag", "SIP/2.0 486 Busy Here\r\n");
	assert_int_equal(call_state(w->c), CALL_ST_held);
	assert_int_equal(w->xfer_res, CALL_XFER_FAILED);
	/* again: no NOTIFY at all */
	assert_int_equal(call_transfer_replaces(w->c, v->c), 0);
	advance(w, 0);
	answer_last(w, "REFER ", 202, NULL, NULL);
	advance(w, CALL_NOTIFY_WAIT_MS);
	assert_int_equal(call_state(w->c), CALL_ST_held);
	/* and once more: the NOTIFY 200 (step 24), then our BYE (step 26) */
	assert_int_equal(call_transfer_replaces(w->c, v->c), 0);
	advance(w, 0);
	answer_last(w, "REFER ", 202, NULL, NULL);
	far_in_dialog(w, "REFER ", "NOTIFY", 2, "Event: refer\r\n",
		      "message/sipfrag", "SIP/2.0 200 OK\r\n");
	assert_int_equal(call_state(w->c), CALL_ST_releasing);
	assert_int_equal(w->xfer_res, CALL_XFER_DONE);
	answer_last(w, "BYE ", 200, NULL, NULL);
	assert_int_equal(w->ended, 1);
	/* a consultation without a dialog cannot be named */
	world_free(w);
	w = world_routed();
	assert_int_equal(call_transfer_replaces(v->c, w->c), -ENOTCONN);
	world_free(w);
	world_free(v);
}

/* A request of the caller (4002, tag b1) in the dialog of the incoming
 * call (in-1@10.0.0.9): METHOD with EXTRA headers, our tag from the last
 * response we sent. */
static void far_to_us(struct world *w, const char *method, unsigned cseq,
		      const char *extra)
{
	char text[PKT_MAX], tag[64];

	assert_int_equal(sip_pl_strcpy(tag, sizeof(tag),
				       &last(w, "SIP/2.0 ")->to.tag), 0);
	snprintf(text, sizeof(text),
		 "%s sip:4001@10.0.0.2 SIP/2.0\r\n"
		 "Via: SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bK%s%u\r\n"
		 "From: <sip:4002@10.0.0.5>;tag=b1\r\n"
		 "To: <sip:4001@10.0.0.2>;tag=%s\r\n"
		 "Call-ID: in-1@10.0.0.9\r\nCSeq: %u %s\r\n"
		 "%sContent-Length: 0\r\n\r\n",
		 method, method, cseq, tag, cseq, method, extra ? extra : "");
	far_request(w, text);
}

/* The incoming call answered and ACKed: connected. */
static struct world *incoming_connected(void)
{
	int status;
	struct world *w = incoming(far_sdp, &status);

	assert_int_equal(status, 0);
	call_answer(w->c);
	advance(w, 0);
	far_to_us(w, "ACK", 1, NULL);
	assert_int_equal(call_state(w->c), CALL_ST_connected);
	return w;
}

/* Hold pressed before the caller's ACK: no re-INVITE while our 200 is
 * not acknowledged (RFC 3261 s.14.1); it goes out with the ACK. */
static void test_hold_before_ack(void **state)
{
	int status;
	struct world *w = incoming(far_sdp, &status);
	const struct sip_msg *m;

	(void)state;
	call_answer(w->c);
	advance(w, 0);
	call_hold(w->c);
	advance(w, 0);
	assert_int_equal(call_state(w->c), CALL_ST_answering_hold);
	assert_int_equal(count(w, "INVITE "), 0);
	far_to_us(w, "ACK", 1, NULL);
	assert_int_equal(call_state(w->c), CALL_ST_holding);
	m = last(w, "INVITE ");
	assert_non_null(strstr(m->body.p, "c=IN IP4 0.0.0.0"));
	world_free(w);
}

/* The transferee: REFER taken in a call (202, NOTIFY 100 Trying), the
 * owner asked for the new call; its outcome is the final NOTIFY; the
 * transferor's BYE ends the dialog.  Elsewhere a REFER is declined. */
static void test_transferee(void **state)
{
	int status;
	struct world *w = incoming(far_sdp, &status);
	const struct sip_msg *m;
	const struct sip_hdr *h;

	(void)state;
	assert_int_equal(status, 0);
	/* ringing: a REFER is declined */
	far_in_dialog(w, "SIP/2.0 180", "REFER", 2,
		      "Refer-To: <sip:4003@10.0.0.5>\r\n", NULL, NULL);
	assert_non_null(strstr(w->pkt[w->npkt - 1].text, "SIP/2.0 603"));
	assert_int_equal(w->refers, 0);
	world_free(w);
	w = incoming_connected();
	/* no Refer-To, or a tel: URI: refused with 400 / 416 */
	far_to_us(w, "REFER", 3, NULL);
	assert_non_null(strstr(w->pkt[w->npkt - 1].text, "SIP/2.0 400"));
	far_to_us(w, "REFER", 4, "Refer-To: tel:+15551234\r\n");
	assert_non_null(strstr(w->pkt[w->npkt - 1].text, "SIP/2.0 416"));
	assert_int_equal(w->refers, 0);
	far_to_us(w, "REFER", 5,
		  "Refer-To: <sip:4003@10.0.0.7?Replaces=abc%40h%3B"
		  "to-tag%3D1%3Bfrom-tag%3D2>\r\n"
		  "Referred-By: <sip:4002@10.0.0.5>\r\n");
	assert_int_equal(call_state(w->c), CALL_ST_referred);
	assert_non_null(last(w, "SIP/2.0 202"));
	assert_int_equal(w->refers, 1);
	assert_string_equal(w->refer.target, "sip:4003@10.0.0.7");
	assert_string_equal(w->refer.replaces, "abc@h;to-tag=1;from-tag=2");
	assert_string_equal(w->refer.referred_by, "sip:4002@10.0.0.5");
	m = last(w, "NOTIFY ");
	assert_true(sip_pl_eq(&m->ruri_pl, "sip:4002@10.0.0.9:5070"));
	h = sip_msg_hdr(m, SIP_HDR_EVENT);
	assert_true(h && sip_pl_eq(&h->val, "refer"));
	h = sip_msg_hdr(m, SIP_HDR_SUBSCRIPTION_STATE);
	assert_true(h && sip_pl_eq(&h->val, "active;expires=60"));
	assert_true(sip_pl_eq(&m->body, "SIP/2.0 100 Trying\r\n"));
	answer_last(w, "NOTIFY ", 200, NULL, NULL);
	/* the new call is answered: NOTIFY 200, terminated */
	call_refer_done(w->c, 200);
	advance(w, 0);
	assert_int_equal(call_state(w->c), CALL_ST_handed_off);
	m = last(w, "NOTIFY ");
	assert_true(sip_pl_eq(&m->body, "SIP/2.0 200 OK\r\n"));
	h = sip_msg_hdr(m, SIP_HDR_SUBSCRIPTION_STATE);
	assert_true(h && sip_pl_eq(&h->val, "terminated;reason=noresource"));
	answer_last(w, "NOTIFY ", 200, NULL, NULL);
	/* the transferor's BYE ends it (step 26); without one we would */
	advance(w, CALL_HANDOFF_WAIT_MS);
	assert_int_equal(call_state(w->c), CALL_ST_releasing);
	answer_last(w, "BYE ", 200, NULL, NULL);
	assert_int_equal(w->ended, 1);
	world_free(w);
}

/* The transferee whose transferor hung up first (blind, step 11): the
 * call lives on for the final NOTIFY, and ends when it is answered. */
static void test_transferee_blind_and_also(void **state)
{
	struct world *w = incoming_connected();

	(void)state;
	far_to_us(w, "REFER", 2, "Refer-To: sip:4003@10.0.0.5\r\n");
	assert_int_equal(call_state(w->c), CALL_ST_referred);
	/* no Referred-By: the transferor is the far end */
	assert_string_equal(w->refer.referred_by, "sip:4002@10.0.0.5");
	far_to_us(w, "BYE", 3, NULL);
	assert_int_equal(call_state(w->c), CALL_ST_notifying);
	call_refer_done(w->c, 486);
	advance(w, 0);
	/* the 100 Trying is still out: the final one waits for it */
	assert_int_equal(call_state(w->c), CALL_ST_last_notify);
	answer_last(w, "NOTIFY ", 200, NULL, NULL);
	assert_true(sip_pl_eq(&last(w, "NOTIFY ")->body,
			      "SIP/2.0 486 Busy Here\r\n"));
	assert_int_equal(w->ended, 0);
	answer_last(w, "NOTIFY ", 200, NULL, NULL);
	assert_int_equal(w->ended, 1);
	world_free(w);

	/* BYE with Also (the failover's other side): call Also, with
	 * Requested-By the one who hung up */
	w = incoming_connected();
	far_to_us(w, "BYE", 2, "Also: <sip:4003@10.0.0.5>\r\n");
	assert_non_null(last(w, "SIP/2.0 200"));
	assert_int_equal(w->ended, 1);
	assert_int_equal(w->refers, 1);
	assert_string_equal(w->refer.target, "sip:4003@10.0.0.5");
	assert_string_equal(w->refer.requested_by, "sip:4002@10.0.0.5");
	assert_string_equal(w->refer.referred_by, "");
	world_free(w);
}

/* The target: Replaces matches a confirmed dialog by Call-ID, our tag
 * (to-tag) and theirs (from-tag), never an early one; the replacing
 * INVITE is answered without ringing; the replaced call says BYE.  The
 * new call made for a REFER carries Referred-By and Replaces. */
static void test_replaces(void **state)
{
	int status;
	struct world *w = incoming(far_sdp, &status), *v;
	struct sip_replaces r;
	char rep[256], tag[64];
	const struct sip_msg *m;
	struct call_refer cr;

	(void)state;
	snprintf(tag, sizeof(tag), "%.*s",
		 (int)last(w, "SIP/2.0 180")->to.tag.l,
		 last(w, "SIP/2.0 180")->to.tag.p);
	snprintf(rep, sizeof(rep), "in-1@10.0.0.9;to-tag=%s;from-tag=b1", tag);
	assert_int_equal(sip_replaces_parse(&r, rep, strlen(rep)), 0);
	assert_false(call_replaces_match(w->c, &r)); /* still ringing */
	call_answer(w->c);
	advance(w, 0);
	assert_true(call_replaces_match(w->c, &r));
	snprintf(rep, sizeof(rep), "in-1@10.0.0.9;to-tag=b1;from-tag=%s", tag);
	assert_int_equal(sip_replaces_parse(&r, rep, strlen(rep)), 0);
	assert_false(call_replaces_match(w->c, &r)); /* the tags swapped */
	call_replaced(w->c);
	advance(w, 0);
	assert_int_equal(call_state(w->c), CALL_ST_releasing);
	assert_non_null(last(w, "BYE "));
	world_free(w);

	/* the transferee's new call */
	v = world_routed();
	memset(&cr, 0, sizeof(cr));
	snprintf(cr.target, sizeof(cr.target), "sip:4003@10.0.0.7");
	snprintf(cr.replaces, sizeof(cr.replaces), "abc@h;to-tag=1;from-tag=2");
	snprintf(cr.referred_by, sizeof(cr.referred_by), "sip:4002@10.0.0.5");
	call_offhook(v->c);
	assert_int_equal(call_dial_refer(v->c, &cr), 0);
	advance(v, 0);
	m = last(v, "INVITE ");
	assert_true(sip_pl_eq(&m->ruri_pl, "sip:4003@10.0.0.7"));
	assert_true(sip_pl_eq(&sip_msg_hdr(m, SIP_HDR_REPLACES)->val,
			      "abc@h;to-tag=1;from-tag=2"));
	assert_true(sip_pl_eq(&sip_msg_hdr(m, SIP_HDR_REFERRED_BY)->val,
			      "<sip:4002@10.0.0.5>"));
	assert_null(sip_msg_hdr(m, SIP_HDR_REQUESTED_BY));
	world_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sdp_offer),
		cmocka_unit_test(test_sdp_choose),
		cmocka_unit_test(test_outgoing_call),
		cmocka_unit_test(test_outgoing_busy),
		cmocka_unit_test(test_outgoing_cancel),
		cmocka_unit_test(test_outgoing_redirect_and_auth),
		cmocka_unit_test(test_outgoing_no_answer),
		cmocka_unit_test(test_emergency_route),
		cmocka_unit_test(test_redirect_contacts),
		cmocka_unit_test(test_callerid_blocking),
		cmocka_unit_test(test_bye_challenged),
		cmocka_unit_test(test_nat_address),
		cmocka_unit_test(test_incoming_call),
		cmocka_unit_test(test_incoming_cancel_and_488),
		cmocka_unit_test(test_unexpected_events),
		cmocka_unit_test(test_incoming_refused),
		cmocka_unit_test(test_transfer_blind),
		cmocka_unit_test(test_transfer_failover),
		cmocka_unit_test(test_transfer_attended),
		cmocka_unit_test(test_hold_before_ack),
		cmocka_unit_test(test_transferee),
		cmocka_unit_test(test_transferee_blind_and_also),
		cmocka_unit_test(test_replaces),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
