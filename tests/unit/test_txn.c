/*
 * test_txn.c - the RFC 3261 transaction layer (runtime/txn, spec/txn) on a
 * fake clock and a fake network: exact retransmission schedules for
 * default and non-default timer_t1/timer_t2/sip_retx/sip_invite_retx,
 * loss, duplication, reordering, every matching rule, Via handling.
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

#include "txn/txn.h"

enum { MAXPKT = 600, PKTLEN = 2048 };

struct pkt {
	uint64_t at;
	struct net_addr dst;
	char buf[PKTLEN];
	size_t len;
};

struct world {
	struct rt_fake_clock clock;
	struct rt_timers timers;
	struct txn_layer *layer;
	struct txn_cfg cfg;
	unsigned npkt;
	struct pkt *pkt;
	int fail_send;
	/* the transaction user's view */
	unsigned responses, timeouts, terminated, transport_errors, acks,
		no_acks, requests, strays;
	uint16_t last_status;
	struct txn *last_server;
	uint64_t timeout_at, terminated_at;
	/* answer new requests at once with this status (0: don't) */
	uint16_t auto_answer;
};

static struct world *W;

static int fake_send(void *arg, const struct net_addr *dst, const char *buf,
		     size_t len)
{
	struct world *w = arg;
	struct pkt *p;

	if (w->fail_send)
		return -EIO;
	assert_true(w->npkt < MAXPKT);
	assert_true(len < PKTLEN);
	p = &w->pkt[w->npkt++];
	p->at = w->clock.now;
	p->dst = *dst;
	memcpy(p->buf, buf, len);
	p->buf[len] = '\0';
	p->len = len;
	return 0;
}

static void on_response(void *arg, struct txn *t, const struct sip_msg *m)
{
	struct world *w = arg;

	(void)t;
	w->responses++;
	w->last_status = m->status;
}

static void on_timeout(void *arg, struct txn *t)
{
	struct world *w = arg;

	(void)t;
	w->timeouts++;
	w->timeout_at = w->clock.now;
}

static void on_transport_error(void *arg, struct txn *t)
{
	(void)t;
	((struct world *)arg)->transport_errors++;
}

static void on_ack(void *arg, struct txn *t, const struct sip_msg *m)
{
	(void)t;
	(void)m;
	((struct world *)arg)->acks++;
}

static void on_no_ack(void *arg, struct txn *t)
{
	(void)t;
	((struct world *)arg)->no_acks++;
}

static void on_terminated(void *arg, struct txn *t)
{
	struct world *w = arg;

	if (t == w->last_server)
		w->last_server = NULL;
	w->terminated++;
	w->terminated_at = w->clock.now;
}

static const struct txn_user_ops user = {
	.response = on_response,
	.timeout = on_timeout,
	.transport_error = on_transport_error,
	.ack = on_ack,
	.no_ack = on_no_ack,
	.terminated = on_terminated,
};

static void on_request(void *arg, struct txn *t, const struct sip_msg *req,
		       const struct net_addr *src)
{
	struct world *w = arg;

	(void)req;
	(void)src;
	w->requests++;
	w->last_server = t;
	txn_set_user(t, &user, w);
	if (w->auto_answer)
		assert_int_equal(txn_respond_status(t, w->auto_answer, "srv1"), 0);
}

static void on_stray(void *arg, const struct sip_msg *m,
		     const struct net_addr *src)
{
	(void)m;
	(void)src;
	((struct world *)arg)->strays++;
}

static const struct txn_layer_ops layer_ops = {
	.send = fake_send,
	.request = on_request,
	.stray = on_stray,
};

static const struct net_addr proxy = {0x7f000001, 5060};

static int setup_cfg(void **state, struct txn_cfg cfg)
{
	struct world *w = calloc(1, sizeof(*w));

	if (!w)
		return -1;
	w->pkt = calloc(MAXPKT, sizeof(*w->pkt));
	if (!w->pkt)
		return -1;
	w->cfg = cfg;
	rt_timers_init(&w->timers, rt_fake_clock_now, &w->clock);
	if (txn_layer_alloc(&w->layer, &w->timers, &w->cfg, &layer_ops, w))
		return -1;
	W = w;
	*state = w;
	return 0;
}

static int setup(void **state)
{
	return setup_cfg(state, (struct txn_cfg)TXN_CFG_DEFAULT);
}

static int teardown(void **state)
{
	struct world *w = *state;

	txn_layer_free(w->layer);
	rt_timers_fini(&w->timers);
	free(w->pkt);
	free(w);
	return 0;
}

/* ---------------------------------------------------------------- messages */

static size_t invite(char *buf, size_t size, const char *method,
		     const char *branch, unsigned cseq)
{
	int n = snprintf(buf, size,
			 "%s sip:4250@127.0.0.1 SIP/2.0\r\n"
			 "Via: SIP/2.0/UDP 127.0.0.2:5060;branch=%s\r\n"
			 "Max-Forwards: 70\r\n"
			 "From: <sip:4251@127.0.0.1>;tag=ph1\r\n"
			 "To: <sip:4250@127.0.0.1>\r\n"
			 "Call-ID: c1@127.0.0.2\r\n"
			 "CSeq: %u %s\r\n"
			 "Contact: <sip:4251@127.0.0.2>\r\n"
			 "Content-Length: 0\r\n\r\n",
			 method, branch, cseq, method);

	assert_true(n > 0 && (size_t)n < size);
	return (size_t)n;
}

static size_t response(char *buf, size_t size, unsigned status,
		       const char *branch, const char *method, unsigned cseq)
{
	int n = snprintf(buf, size,
			 "SIP/2.0 %u Whatever\r\n"
			 "Via: SIP/2.0/UDP 127.0.0.2:5060;branch=%s\r\n"
			 "From: <sip:4251@127.0.0.1>;tag=ph1\r\n"
			 "To: <sip:4250@127.0.0.1>%s\r\n"
			 "Call-ID: c1@127.0.0.2\r\n"
			 "CSeq: %u %s\r\n"
			 "Content-Length: 0\r\n\r\n",
			 status, branch, status > 100 ? ";tag=px9" : "", cseq,
			 method);

	assert_true(n > 0 && (size_t)n < size);
	return (size_t)n;
}

static struct txn *send_req(struct world *w, const char *method,
			    const char *branch)
{
	char buf[1024];
	size_t len = invite(buf, sizeof(buf), method, branch, 1);
	struct txn *t = NULL;

	assert_int_equal(txn_request(w->layer, buf, len, &proxy, &user, w, &t),
			 0);
	assert_non_null(t);
	return t;
}

static void rx_resp(struct world *w, unsigned status, const char *branch,
		    const char *method)
{
	char buf[1024];
	size_t len = response(buf, sizeof(buf), status, branch, method, 1);

	txn_layer_recv(w->layer, buf, len, &proxy);
}

static void advance(struct world *w, uint64_t ms)
{
	rt_fake_clock_advance(&w->clock, &w->timers, ms);
}

/* The times at which packets were sent. */
static void expect_times(const struct world *w, const uint64_t *at, unsigned n)
{
	unsigned i;

	if (w->npkt != n)
		fail_msg("%u packets sent, expected %u", w->npkt, n);
	for (i = 0; i < n; i++)
		if (w->pkt[i].at != at[i])
			fail_msg("packet %u at %lu ms, expected %lu", i,
				 (unsigned long)w->pkt[i].at,
				 (unsigned long)at[i]);
}

/* ---------------------------------------------------------------- client */

/* RFC 3261 Timer A doubling from T1, Timer B 64*T1: with the guide's
 * sip_invite_retx 6 that is 7 copies and a timeout at 32 s. */
static void test_ict_schedule_default(void **state)
{
	static const uint64_t at[] = {0, 500, 1500, 3500, 7500, 15500, 31500};
	struct world *w = *state;

	send_req(w, "INVITE", "z9hG4bK-a1");
	advance(w, 31999);
	assert_int_equal(w->timeouts, 0);
	advance(w, 1);
	expect_times(w, at, 7);
	assert_int_equal(w->timeouts, 1);
	assert_int_equal(w->timeout_at, 32000);
	assert_int_equal(w->terminated, 1);
	assert_int_equal(txn_layer_count(w->layer), 0);
	assert_int_equal(txn_layer_stats(w->layer)->retransmissions, 6);
	assert_true(net_addr_eq(&w->pkt[3].dst, &proxy));
	assert_memory_equal(w->pkt[0].buf, w->pkt[6].buf, w->pkt[0].len);
}

/* timer_t1 100 and sip_invite_retx 3: the transaction gives up one
 * interval after its last copy, long before Timer B. */
static int setup_ict_small(void **state)
{
	return setup_cfg(state, (struct txn_cfg){100, 4000, 3, 10});
}

static void test_ict_schedule_capped(void **state)
{
	static const uint64_t at[] = {0, 100, 300, 700};
	struct world *w = *state;

	send_req(w, "INVITE", "z9hG4bK-a2");
	advance(w, 10000);
	expect_times(w, at, 4);
	assert_int_equal(w->timeout_at, 1500);
}

/* A cap above what fits in Timer B changes nothing. */
static int setup_ict_many(void **state)
{
	return setup_cfg(state, (struct txn_cfg){250, 4000, 20, 20});
}

static void test_ict_schedule_timer_b_first(void **state)
{
	static const uint64_t at[] = {0, 250, 750, 1750, 3750, 7750, 15750};
	struct world *w = *state;

	send_req(w, "INVITE", "z9hG4bK-a3");
	advance(w, 20000);
	expect_times(w, at, 7);
	assert_int_equal(w->timeout_at, 16000);
}

/* Timer E doubles up to T2, Timer F at 64*T1: sip_retx 10 is the RFC's
 * 11 copies. */
static void test_nict_schedule_default(void **state)
{
	static const uint64_t at[] = {0,     500,   1500,  3500,  7500, 11500,
				      15500, 19500, 23500, 27500, 31500};
	struct world *w = *state;

	send_req(w, "REGISTER", "z9hG4bK-r1");
	advance(w, 40000);
	expect_times(w, at, 11);
	assert_int_equal(w->timeout_at, 32000);
	assert_int_equal(w->terminated, 1);
}

static int setup_nict_small(void **state)
{
	return setup_cfg(state, (struct txn_cfg){500, 1000, 6, 3});
}

/* timer_t2 1000, sip_retx 3. */
static void test_nict_schedule_capped(void **state)
{
	static const uint64_t at[] = {0, 500, 1500, 2500};
	struct world *w = *state;

	send_req(w, "REGISTER", "z9hG4bK-r2");
	advance(w, 40000);
	expect_times(w, at, 4);
	assert_int_equal(w->timeout_at, 3500);
}

/* After a provisional response a non-INVITE retransmits every T2. */
static void test_nict_provisional_t2(void **state)
{
	static const uint64_t at[] = {0, 500, 1500, 5500, 9500};
	struct world *w = *state;

	send_req(w, "OPTIONS", "z9hG4bK-o1");
	advance(w, 700);
	rx_resp(w, 100, "z9hG4bK-o1", "OPTIONS");
	assert_int_equal(w->responses, 1);
	advance(w, 9500 - 700);
	expect_times(w, at, 5);
	rx_resp(w, 200, "z9hG4bK-o1", "OPTIONS");
	assert_int_equal(w->last_status, 200);
	/* Retransmitted finals are absorbed; Timer K (T4) ends it. */
	rx_resp(w, 200, "z9hG4bK-o1", "OPTIONS");
	assert_int_equal(w->responses, 2);
	advance(w, 4999);
	assert_int_equal(w->terminated, 0);
	advance(w, 1);
	assert_int_equal(w->terminated, 1);
	assert_int_equal(w->npkt, 5);
}

/* 1xx stops Timer A; 486 is ACKed (17.1.1.3) and ACKed again when it is
 * retransmitted, while the TU hears it once; Timer D ends it. */
static void test_ict_error_ack(void **state)
{
	struct world *w = *state;
	const char *ack;

	send_req(w, "INVITE", "z9hG4bK-a4");
	advance(w, 100);
	rx_resp(w, 100, "z9hG4bK-a4", "INVITE");
	rx_resp(w, 180, "z9hG4bK-a4", "INVITE");
	advance(w, 10000);
	assert_int_equal(w->npkt, 1);
	rx_resp(w, 486, "z9hG4bK-a4", "INVITE");
	assert_int_equal(w->npkt, 2);
	ack = w->pkt[1].buf;
	assert_memory_equal(ack, "ACK sip:4250@127.0.0.1 SIP/2.0\r\n", 32);
	assert_non_null(strstr(ack, "Via: SIP/2.0/UDP 127.0.0.2:5060;branch="
				    "z9hG4bK-a4\r\n"));
	assert_non_null(strstr(ack, "To: <sip:4250@127.0.0.1>;tag=px9\r\n"));
	assert_non_null(strstr(ack, "From: <sip:4251@127.0.0.1>;tag=ph1\r\n"));
	assert_non_null(strstr(ack, "CSeq: 1 ACK\r\n"));
	assert_non_null(strstr(ack, "Call-ID: c1@127.0.0.2\r\n"));
	rx_resp(w, 486, "z9hG4bK-a4", "INVITE");
	assert_int_equal(w->npkt, 3);
	assert_memory_equal(w->pkt[2].buf, ack, w->pkt[1].len);
	assert_int_equal(w->responses, 3); /* 100, 180, 486 */
	assert_int_equal(w->last_status, 486);
	advance(w, 31999);
	assert_int_equal(w->terminated, 0);
	advance(w, 1);
	assert_int_equal(w->terminated, 1);
	assert_int_equal(w->timeouts, 0);
}

/* RFC 6026: 2xx retransmissions reach the TU (it ACKs each); a late 180
 * (reordering) is absorbed; Timer M ends it. */
static void test_ict_2xx_accepted(void **state)
{
	struct world *w = *state;
	struct txn *t = send_req(w, "INVITE", "z9hG4bK-a5");

	rx_resp(w, 200, "z9hG4bK-a5", "INVITE");
	assert_string_equal(txn_state(t), "accepted");
	rx_resp(w, 180, "z9hG4bK-a5", "INVITE");
	rx_resp(w, 200, "z9hG4bK-a5", "INVITE");
	assert_int_equal(w->responses, 2);
	assert_int_equal(w->npkt, 1); /* the core sends the ACK for a 2xx */
	advance(w, 32000);
	assert_int_equal(w->terminated, 1);
}

/* Responses match by top branch and CSeq method only (17.1.3). */
static void test_client_matching(void **state)
{
	struct world *w = *state;

	send_req(w, "INVITE", "z9hG4bK-m1");
	rx_resp(w, 200, "z9hG4bK-other", "INVITE");
	rx_resp(w, 200, "z9hG4bK-m1", "CANCEL");
	assert_int_equal(w->responses, 0);
	assert_int_equal(w->strays, 2);
	assert_int_equal(txn_layer_stats(w->layer)->rx_stray, 2);
	rx_resp(w, 200, "z9hG4bK-m1", "INVITE");
	assert_int_equal(w->responses, 1);
}

static void test_transport_error(void **state)
{
	struct world *w = *state;
	char buf[1024];
	size_t len = invite(buf, sizeof(buf), "INVITE", "z9hG4bK-t1", 1);

	w->fail_send = 1;
	assert_int_equal(txn_request(w->layer, buf, len, &proxy, &user, w,
				     NULL),
			 0);
	assert_int_equal(w->transport_errors, 1);
	assert_int_equal(w->terminated, 1);
	assert_int_equal(txn_layer_count(w->layer), 0);
}

static void test_request_refused(void **state)
{
	struct world *w = *state;
	char buf[1024];
	size_t len = response(buf, sizeof(buf), 200, "z9hG4bK-x", "INVITE", 1);

	assert_int_equal(txn_request(w->layer, buf, len, &proxy, &user, w,
				     NULL),
			 -EINVAL);
	len = invite(buf, sizeof(buf), "ACK", "z9hG4bK-x", 1);
	assert_int_equal(txn_request(w->layer, buf, len, &proxy, &user, w,
				     NULL),
			 -EINVAL);
	assert_int_equal(txn_request(w->layer, "junk", 4, &proxy, &user, w,
				     NULL),
			 -EINVAL);
	assert_int_equal(txn_layer_count(w->layer), 0);
	assert_int_equal(w->npkt, 0);
}

/* ---------------------------------------------------------------- server */

static size_t incoming(char *buf, size_t size, const char *method,
		       const char *via, unsigned cseq, const char *to_tag)
{
	int n = snprintf(buf, size,
			 "%s sip:4251@127.0.0.2 SIP/2.0\r\n"
			 "Via: %s\r\n"
			 "Via: SIP/2.0/UDP 10.9.9.9:5060;branch=z9hG4bK-far\r\n"
			 "Max-Forwards: 69\r\n"
			 "From: <sip:4250@127.0.0.1>;tag=caller1\r\n"
			 "To: <sip:4251@127.0.0.2>%s%s\r\n"
			 "Call-ID: in1@127.0.0.1\r\n"
			 "CSeq: %u %s\r\n"
			 "Content-Length: 0\r\n\r\n",
			 method, via, to_tag ? ";tag=" : "",
			 to_tag ? to_tag : "", cseq,
			 strcmp(method, "ACK") == 0 ? "ACK" : method);

	assert_true(n > 0 && (size_t)n < size);
	return (size_t)n;
}

static void rx_req(struct world *w, const char *method, const char *via,
		   unsigned cseq, const char *to_tag,
		   const struct net_addr *src)
{
	char buf[1024];
	size_t len = incoming(buf, sizeof(buf), method, via, cseq, to_tag);

	txn_layer_recv(w->layer, buf, len, src);
}

#define VIA1 "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-in1"

static unsigned status_of(const struct pkt *p)
{
	return (unsigned)strtoul(p->buf + 8, NULL, 10);
}

/* 100 Trying at once, retransmitted INVITEs get the last provisional,
 * 486 is retransmitted on Timer G (T1 doubling to T2) until the ACK;
 * Timer I (T4) ends it. */
static void test_ist_error_flow(void **state)
{
	static const uint64_t at[] = {0, 0, 300, 300, 1300, 1800, 2800, 4800};
	struct world *w = *state;
	struct txn *t;

	rx_req(w, "INVITE", VIA1, 1, NULL, &proxy);
	assert_int_equal(w->requests, 1);
	t = w->last_server;
	assert_non_null(t);
	assert_int_equal(status_of(&w->pkt[0]), 100);
	rx_req(w, "INVITE", VIA1, 1, NULL, &proxy);
	assert_int_equal(w->requests, 1);
	assert_int_equal(status_of(&w->pkt[1]), 100);
	advance(w, 300);
	assert_int_equal(txn_respond_status(t, 180, "srv1"), 0);
	rx_req(w, "INVITE", VIA1, 1, NULL, &proxy);
	assert_int_equal(status_of(&w->pkt[3]), 180);
	advance(w, 1000);
	assert_int_equal(txn_respond_status(t, 486, "srv1"), 0);
	advance(w, 500 + 1000 + 2000);
	assert_string_equal(txn_state(t), "completed");
	expect_times(w, at, 8);
	assert_int_equal(status_of(&w->pkt[7]), 486);
	rx_req(w, "ACK", VIA1, 1, "srv1", &proxy);
	assert_int_equal(w->acks, 0); /* a non-2xx ACK stays in the layer */
	assert_string_equal(txn_state(t), "confirmed");
	advance(w, 20000);
	assert_int_equal(w->npkt, 8);
	assert_int_equal(w->terminated, 1);
	assert_int_equal(w->terminated_at, 4800 + 5000);
}

/* No ACK: Timer H at 64*T1; sip_retx caps the copies. */
static void test_ist_no_ack(void **state)
{
	struct world *w = *state;

	w->auto_answer = 603;
	rx_req(w, "INVITE", VIA1, 1, NULL, &proxy);
	advance(w, 40000);
	/* 100, 603, and 10 retransmissions: 0.5 1.5 3.5 7.5 11.5 ... 31.5 */
	assert_int_equal(w->npkt, 12);
	assert_int_equal(w->pkt[11].at, 31500);
	assert_int_equal(w->no_acks, 1);
	assert_int_equal(w->terminated, 1);
	assert_int_equal(w->terminated_at, 32000);
}

/* 2xx repeated until its ACK (a new branch, found by dialog); Timer L. */
static void test_ist_2xx_until_ack(void **state)
{
	struct world *w = *state;

	w->auto_answer = 200;
	rx_req(w, "INVITE", VIA1, 1, NULL, &proxy);
	advance(w, 1600);
	assert_int_equal(w->npkt, 4); /* 100, 200, 200 at 500, at 1500 */
	rx_req(w, "ACK", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-ack2", 1,
	       "srv1", &proxy);
	assert_int_equal(w->acks, 1);
	rx_req(w, "INVITE", VIA1, 1, NULL, &proxy); /* absorbed */
	advance(w, 10000);
	assert_int_equal(w->npkt, 4);
	assert_int_equal(w->requests, 1);
	advance(w, 32000);
	assert_int_equal(w->terminated, 1);
	assert_int_equal(w->no_acks, 0);
}

/* Non-INVITE server: nothing to repeat before the answer; the final
 * answer is repeated for every retransmission until Timer J. */
static void test_nist_flow(void **state)
{
	struct world *w = *state;
	struct txn *t;

	rx_req(w, "OPTIONS", VIA1, 5, NULL, &proxy);
	t = w->last_server;
	assert_non_null(t);
	assert_int_equal(w->npkt, 0);
	rx_req(w, "OPTIONS", VIA1, 5, NULL, &proxy);
	assert_int_equal(w->npkt, 0);
	assert_int_equal(txn_respond_status(t, 200, "srv1"), 0);
	assert_int_equal(status_of(&w->pkt[0]), 200);
	rx_req(w, "OPTIONS", VIA1, 5, NULL, &proxy);
	assert_int_equal(w->npkt, 2);
	/* A second final answer is a TU bug: logged, nothing sent. */
	assert_int_equal(txn_respond_status(t, 500, NULL), 0);
	assert_int_equal(w->npkt, 2);
	assert_int_equal(txn_layer_stats(w->layer)->unexpected, 1);
	advance(w, 31999);
	assert_int_equal(w->terminated, 0);
	advance(w, 1);
	assert_int_equal(w->terminated, 1);
}

/* The guide's NAT paragraph: received= when the source differs from the
 * top Via, responses to received=, else the source, else the Via host;
 * rport (RFC 3581) filled in and used. */
static void test_via_rules(void **state)
{
	struct world *w = *state;
	const struct net_addr nat = {0x0a000001, 40000}; /* 10.0.0.1:40000 */

	w->auto_answer = 200;
	/* Source = Via: no received=, sent to the Via address. */
	rx_req(w, "OPTIONS", "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-v1", 1,
	       NULL, &proxy);
	assert_null(strstr(w->pkt[0].buf, "received="));
	assert_int_equal(w->pkt[0].dst.ip, 0x7f000001);
	assert_int_equal(w->pkt[0].dst.port, 5070);
	/* Source differs: received= added, sent to the source IP and the
	 * Via port. */
	rx_req(w, "OPTIONS", "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-v2", 2,
	       NULL, &nat);
	assert_non_null(strstr(w->pkt[1].buf,
			       "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-v2"
			       ";received=10.0.0.1\r\n"));
	assert_int_equal(w->pkt[1].dst.ip, nat.ip);
	assert_int_equal(w->pkt[1].dst.port, 5070);
	/* The second Via is copied untouched. */
	assert_non_null(strstr(w->pkt[1].buf, "z9hG4bK-far\r\n"));
	/* rport: filled in, and the answer goes back to the source port. */
	rx_req(w, "OPTIONS",
	       "SIP/2.0/UDP 127.0.0.1:5070;rport;branch=z9hG4bK-v3", 3, NULL,
	       &nat);
	assert_non_null(strstr(w->pkt[2].buf,
			       "Via: SIP/2.0/UDP 127.0.0.1:5070;rport=40000;"
			       "branch=z9hG4bK-v3;received=10.0.0.1\r\n"));
	assert_true(net_addr_eq(&w->pkt[2].dst, &nat));
	/* A received= already there wins. */
	rx_req(w, "OPTIONS",
	       "SIP/2.0/UDP host.example:5080;branch=z9hG4bK-v4;received="
	       "10.1.2.3",
	       4, NULL, &nat);
	assert_int_equal(w->pkt[3].dst.ip, 0x0a010203);
	assert_int_equal(w->pkt[3].dst.port, 5080);
	/* A host name is never the source address. */
	rx_req(w, "OPTIONS", "SIP/2.0/UDP host.example;branch=z9hG4bK-v5", 5,
	       NULL, &nat);
	assert_int_equal(w->pkt[4].dst.ip, nat.ip);
	assert_int_equal(w->pkt[4].dst.port, 5060);
}

/* RFC 3261 17.2.3: branch + sent-by + method; ACK matches INVITE. */
static void test_server_matching(void **state)
{
	struct world *w = *state;

	rx_req(w, "INVITE", VIA1, 1, NULL, &proxy);
	/* Same branch, other sent-by: a different transaction. */
	rx_req(w, "INVITE", "SIP/2.0/UDP 127.0.0.9:5060;branch=z9hG4bK-in1", 2,
	       NULL, &proxy);
	assert_int_equal(w->requests, 2);
	/* CANCEL: its own transaction, and it finds the INVITE's. */
	{
		char buf[1024];
		size_t len = incoming(buf, sizeof(buf), "CANCEL", VIA1, 1, NULL);
		struct sip_msg *m = malloc(sizeof(*m));
		struct sip_err err;
		struct txn *inv;

		assert_non_null(m);
		assert_int_equal(sip_msg_parse(m, buf, len, 0, &err), 0);
		inv = txn_find_cancelled(w->layer, m);
		assert_non_null(inv);
		assert_int_equal(txn_kind(inv), TXN_IST);
		assert_int_equal(txn_msg(inv)->cseq.num, 1);
		txn_layer_recv(w->layer, buf, len, &proxy);
		assert_int_equal(w->requests, 3);
		assert_int_equal(txn_kind(w->last_server), TXN_NIST);
		free(m);
	}
}

/* RFC 2543 peers: no magic cookie; the request's fields match. */
static void test_rfc2543_matching(void **state)
{
	struct world *w = *state;
	const char *via = "SIP/2.0/UDP 127.0.0.1:5060;branch=old1";
	struct txn *t;

	rx_req(w, "INVITE", via, 7, NULL, &proxy);
	t = w->last_server;
	rx_req(w, "INVITE", via, 7, NULL, &proxy);
	assert_int_equal(w->requests, 1);
	rx_req(w, "INVITE", via, 8, NULL, &proxy); /* another CSeq: new */
	assert_int_equal(w->requests, 2);
	assert_int_equal(txn_respond_status(t, 404, "srv7"), 0);
	/* The ACK carries our To tag. */
	rx_req(w, "ACK", via, 7, "other", &proxy);
	assert_string_equal(txn_state(t), "completed");
	rx_req(w, "ACK", via, 7, "srv7", &proxy);
	assert_string_equal(txn_state(t), "confirmed");
	/* Without any branch at all (the guide's check-sync NOTIFY). */
	rx_req(w, "NOTIFY", "SIP/2.0/UDP 127.0.0.1:5060", 9, NULL, &proxy);
	rx_req(w, "NOTIFY", "SIP/2.0/UDP 127.0.0.1:5060", 9, NULL, &proxy);
	assert_int_equal(w->requests, 3);
}

/* RFC 3261 8.2.2.2: the same request by another path gets 482. */
static void test_merged_request(void **state)
{
	struct world *w = *state;

	rx_req(w, "INVITE", VIA1, 1, NULL, &proxy);
	rx_req(w, "INVITE", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-loop",
	       1, NULL, &proxy);
	assert_int_equal(w->requests, 1);
	assert_int_equal(status_of(&w->pkt[w->npkt - 1]), 482);
	assert_non_null(strstr(w->pkt[w->npkt - 1].buf, "z9hG4bK-loop"));
}

/* Bad requests are answered with the status the parser gives; bad
 * responses dropped. */
static void test_malformed(void **state)
{
	struct world *w = *state;
	static const char bad_cseq[] =
		"OPTIONS sip:4251@127.0.0.2 SIP/2.0\r\n"
		"Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-bad\r\n"
		"From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\n"
		"Call-ID: x\r\nCSeq: abc OPTIONS\r\n"
		"Content-Length: 0\r\n\r\n";
	static const char bad_version[] =
		"OPTIONS sip:4251@127.0.0.2 SIP/7.0\r\n"
		"Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-bad2\r\n"
		"From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\n"
		"Call-ID: x\r\nCSeq: 1 OPTIONS\r\n"
		"Content-Length: 0\r\n\r\n";
	static const char bad_resp[] = "SIP/2.0 abc OK\r\n\r\n";

	txn_layer_recv(w->layer, bad_cseq, sizeof(bad_cseq) - 1, &proxy);
	assert_int_equal(w->npkt, 1);
	assert_int_equal(status_of(&w->pkt[0]), 400);
	txn_layer_recv(w->layer, bad_version, sizeof(bad_version) - 1, &proxy);
	assert_int_equal(w->npkt, 2);
	assert_int_equal(status_of(&w->pkt[1]), 505);
	txn_layer_recv(w->layer, bad_resp, sizeof(bad_resp) - 1, &proxy);
	assert_int_equal(w->npkt, 2);
	assert_int_equal(w->requests, 0);
	assert_int_equal(txn_layer_stats(w->layer)->rx_bad, 3);
	assert_int_equal(txn_layer_count(w->layer), 0);
}

/* TXN_MAX transactions at once, and a 503 past it. */
static void test_txn_max(void **state)
{
	struct world *w = *state;
	unsigned i;

	for (i = 0; i < TXN_MAX; i++) {
		char via[80];

		snprintf(via, sizeof(via),
			 "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-n%u", i);
		rx_req(w, "OPTIONS", via, i + 1, NULL, &proxy);
	}
	assert_int_equal(txn_layer_count(w->layer), TXN_MAX);
	assert_int_equal(w->npkt, 0);
	rx_req(w, "OPTIONS", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-over",
	       99999, NULL, &proxy);
	assert_int_equal(w->npkt, 1);
	assert_int_equal(status_of(&w->pkt[0]), 503);
	assert_int_equal(txn_layer_count(w->layer), TXN_MAX);
	{
		char buf[1024];
		size_t len = invite(buf, sizeof(buf), "OPTIONS", "z9hG4bK-c", 1);

		assert_int_equal(txn_request(w->layer, buf, len, &proxy, &user,
					     w, NULL),
				 -EAGAIN);
	}
}

/* Loss and duplication around a whole INVITE exchange: the first two
 * copies are lost, the third answered; duplicated responses change
 * nothing. */
static void test_loss_and_duplicates(void **state)
{
	struct world *w = *state;

	send_req(w, "INVITE", "z9hG4bK-l1");
	advance(w, 1500); /* copies at 0, 500 and 1500 "lost" */
	assert_int_equal(w->npkt, 3);
	rx_resp(w, 180, "z9hG4bK-l1", "INVITE");
	rx_resp(w, 180, "z9hG4bK-l1", "INVITE");
	advance(w, 5000);
	assert_int_equal(w->npkt, 3);
	rx_resp(w, 404, "z9hG4bK-l1", "INVITE");
	rx_resp(w, 404, "z9hG4bK-l1", "INVITE");
	rx_resp(w, 180, "z9hG4bK-l1", "INVITE");
	assert_int_equal(w->npkt, 5); /* two ACKs */
	assert_int_equal(w->responses, 3);
	assert_int_equal(txn_layer_stats(w->layer)->retransmissions, 2);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_ict_schedule_default),
		cmocka_unit_test_setup_teardown(test_ict_schedule_capped,
						setup_ict_small, teardown),
		cmocka_unit_test_setup_teardown(test_ict_schedule_timer_b_first,
						setup_ict_many, teardown),
		T(test_nict_schedule_default),
		cmocka_unit_test_setup_teardown(test_nict_schedule_capped,
						setup_nict_small, teardown),
		T(test_nict_provisional_t2),
		T(test_ict_error_ack),
		T(test_ict_2xx_accepted),
		T(test_client_matching),
		T(test_transport_error),
		T(test_request_refused),
		T(test_ist_error_flow),
		T(test_ist_no_ack),
		T(test_ist_2xx_until_ack),
		T(test_nist_flow),
		T(test_via_rules),
		T(test_server_matching),
		T(test_rfc2543_matching),
		T(test_merged_request),
		T(test_malformed),
		T(test_txn_max),
		T(test_loss_and_duplicates),
	};

	(void)W;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
