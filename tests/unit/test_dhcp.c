/*
 * test_dhcp.c - the DHCP client (runtime/dhcp): the codec, the state chart
 * on the fake clock against a scripted server, and (as root) a real
 * dnsmasq in a network namespace.
 */
#define _GNU_SOURCE /* setns, CLONE_NEWNET */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <uv.h>

#include "cnf/cnf.h"
#include "dhcp/dhcp.h"
#include "rt/rt_loop.h"
#include "support/peer.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | \
			(uint32_t)(c) << 8 | (uint32_t)(d))
#define SERVER IP(10, 99, 0, 1)
#define OTHER_SERVER IP(10, 99, 0, 2)
#define YIADDR IP(10, 99, 0, 50)

static const uint8_t MAC[6] = { 0x00, 0x12, 0x34, 0x56, 0x78, 0x9a };

/* ---------------------------------------------------------------- codec */

/* A hand-made message: header, cookie, then OPTS (LEN bytes) verbatim. */
static size_t raw(uint8_t *buf, uint8_t op, uint32_t xid, const uint8_t *opts,
		  size_t len)
{
	memset(buf, 0, DHCP_MIN_LEN);
	buf[0] = op;
	buf[1] = 1;
	buf[2] = 6;
	buf[4] = (uint8_t)(xid >> 24);
	buf[5] = (uint8_t)(xid >> 16);
	buf[6] = (uint8_t)(xid >> 8);
	buf[7] = (uint8_t)xid;
	memcpy(buf + 28, MAC, 6);
	buf[236] = 0x63;
	buf[237] = 0x82;
	buf[238] = 0x53;
	buf[239] = 0x63;
	memcpy(buf + DHCP_MIN_LEN, opts, len);
	return DHCP_MIN_LEN + len;
}

static void test_codec_roundtrip(void **state)
{
	struct dhcp_msg m, p;
	uint8_t buf[DHCP_PKT_MAX];
	size_t len;
	const char *why;
	unsigned i;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.op = 2;
	m.htype = 1;
	m.hlen = 6;
	m.xid = 0xdeadbeef;
	m.secs = 0x1234;
	m.flags = 0x8000;
	m.yiaddr = YIADDR;
	memcpy(m.chaddr, MAC, 6);
	m.type = DHCP_ACK;
	m.have = DHCP_HAVE_MASK | DHCP_HAVE_ROUTER | DHCP_HAVE_DNS |
		 DHCP_HAVE_DOMAIN | DHCP_HAVE_LEASE | DHCP_HAVE_SERVER_ID |
		 DHCP_HAVE_T1 | DHCP_HAVE_T2 | DHCP_HAVE_TFTP |
		 DHCP_HAVE_TFTP150 | DHCP_HAVE_REQ_IP;
	m.mask = IP(255, 255, 255, 0);
	m.router = SERVER;
	for (i = 0; i < DHCP_DNS_MAX; i++)
		m.dns[i] = IP(10, 99, 0, 10 + i);
	m.n_dns = DHCP_DNS_MAX;
	strcpy(m.domain, "example.com");
	strcpy(m.tftp, "tftp.example.com");
	m.tftp150 = IP(10, 99, 0, 7);
	m.lease_s = 3600;
	m.t1_s = 1000;
	m.t2_s = 2000;
	m.server_id = SERVER;
	m.req_ip = YIADDR;
	assert_int_equal(dhcp_msg_build(&m, buf, sizeof(buf), &len), 0);
	assert_true(len >= DHCP_BUILD_LEN);
	/* byte order on the wire, whatever the host's */
	assert_int_equal(buf[4], 0xde);
	assert_int_equal(buf[7], 0xef);
	assert_int_equal(buf[16], 10);
	assert_int_equal(buf[19], 50);
	assert_int_equal(dhcp_msg_parse(&p, buf, len, &why), 0);
	assert_int_equal(p.op, 2);
	assert_int_equal(p.xid, 0xdeadbeef);
	assert_int_equal(p.secs, 0x1234);
	assert_int_equal(p.flags, 0x8000);
	assert_int_equal(p.type, DHCP_ACK);
	assert_int_equal(p.yiaddr, YIADDR);
	assert_int_equal(p.mask, IP(255, 255, 255, 0));
	assert_int_equal(p.router, SERVER);
	assert_int_equal(p.n_dns, DHCP_DNS_MAX);
	assert_int_equal(p.dns[4], IP(10, 99, 0, 14));
	assert_string_equal(p.domain, "example.com");
	assert_string_equal(p.tftp, "tftp.example.com");
	assert_int_equal(p.tftp150, IP(10, 99, 0, 7));
	assert_int_equal(p.lease_s, 3600);
	assert_int_equal(p.t1_s, 1000);
	assert_int_equal(p.t2_s, 2000);
	assert_int_equal(p.server_id, SERVER);
	assert_int_equal(p.req_ip, YIADDR);
	assert_memory_equal(p.chaddr, MAC, 6);
	/* misaligned input parses the same */
	{
		static uint8_t odd[DHCP_PKT_MAX + 1];

		memcpy(odd + 1, buf, len);
		assert_int_equal(dhcp_msg_parse(&p, odd + 1, len, &why), 0);
		assert_int_equal(p.xid, 0xdeadbeef);
	}
	assert_string_equal(dhcp_type_name(DHCP_NAK), "NAK");
	assert_int_equal(dhcp_msg_build(&m, buf, DHCP_BUILD_LEN - 1, &len), -ENOSPC);
}

/* Each of these must be -EBADMSG with a reason, never a crash or an
 * over-read (ASan/valgrind watch: every case is parsed from a heap copy
 * of exactly its length). */
static void bad(const uint8_t *opts, size_t olen, const char *expect)
{
	uint8_t buf[DHCP_PKT_MAX + 8], *copy;
	struct dhcp_msg m;
	const char *why = NULL;
	size_t len = raw(buf, 2, 1, opts, olen);

	copy = malloc(len);
	assert_non_null(copy);
	memcpy(copy, buf, len);
	assert_int_equal(dhcp_msg_parse(&m, copy, len, &why), -EBADMSG);
	assert_non_null(why);
	if (expect)
		assert_non_null(strstr(why, expect));
	free(copy);
}

static void test_codec_malformed(void **state)
{
	uint8_t buf[DHCP_PKT_MAX + 8];
	struct dhcp_msg m;
	const char *why;
	size_t len, i;
	static const uint8_t end[] = { 255 };

	(void)state;
	/* every length below the header + cookie */
	len = raw(buf, 2, 1, end, 1);
	for (i = 0; i < DHCP_MIN_LEN; i++) {
		uint8_t *copy = malloc(i ? i : 1);

		assert_non_null(copy);
		memcpy(copy, buf, i);
		assert_int_equal(dhcp_msg_parse(&m, copy, i, &why), -EBADMSG);
		free(copy);
	}
	assert_int_equal(dhcp_msg_parse(&m, buf, len, &why), 0);
	/* the cookie */
	buf[239] = 0x64;
	assert_int_equal(dhcp_msg_parse(&m, buf, len, &why), -EBADMSG);
	assert_non_null(strstr(why, "cookie"));
	/* op, hlen */
	len = raw(buf, 3, 1, end, 1);
	assert_int_equal(dhcp_msg_parse(&m, buf, len, &why), -EBADMSG);
	len = raw(buf, 2, 1, end, 1);
	buf[2] = 17;
	assert_int_equal(dhcp_msg_parse(&m, buf, len, &why), -EBADMSG);
	buf[2] = 16; /* at the edge: fine */
	assert_int_equal(dhcp_msg_parse(&m, buf, len, &why), 0);
	/* longer than DHCP_PKT_MAX; at it is fine */
	memset(buf + DHCP_MIN_LEN, 0, DHCP_PKT_MAX + 8 - DHCP_MIN_LEN);
	buf[DHCP_PKT_MAX - 1] = 255;
	assert_int_equal(dhcp_msg_parse(&m, buf, DHCP_PKT_MAX, &why), 0);
	assert_int_equal(dhcp_msg_parse(&m, buf, DHCP_PKT_MAX + 1, &why), -EBADMSG);

	{ static const uint8_t o[] = { 53 }; bad(o, sizeof(o), "length past"); }
	{ static const uint8_t o[] = { 53, 1 }; bad(o, sizeof(o), "value past"); }
	{ static const uint8_t o[] = { 53, 5, 1 }; bad(o, sizeof(o), "value past"); }
	{ static const uint8_t o[] = { 53, 1, 2 }; bad(o, sizeof(o), "END"); }
	{ static const uint8_t o[] = { 53, 1, 9, 255 }; bad(o, sizeof(o), "unknown"); }
	{ static const uint8_t o[] = { 53, 2, 2, 2, 255 }; bad(o, sizeof(o), "length not 1"); }
	{ static const uint8_t o[] = { 53, 1, 2, 53, 1, 5, 255 }; bad(o, sizeof(o), "twice"); }
	{ static const uint8_t o[] = { 1, 3, 255, 255, 255, 255 }; bad(o, sizeof(o), "option 1"); }
	{ static const uint8_t o[] = { 3, 0, 255 }; bad(o, sizeof(o), "option 3"); }
	{ static const uint8_t o[] = { 6, 5, 1, 2, 3, 4, 5, 255 }; bad(o, sizeof(o), "option 6"); }
	{ static const uint8_t o[] = { 51, 2, 0, 1, 255 }; bad(o, sizeof(o), "option 51"); }
	{ static const uint8_t o[] = { 54, 5, 1, 2, 3, 4, 5, 255 }; bad(o, sizeof(o), "option 54"); }
	{ static const uint8_t o[] = { 15, 3, 'a', 0, 'b', 255 }; bad(o, sizeof(o), "NUL"); }
	{ static const uint8_t o[] = { 150, 3, 1, 2, 3, 255 }; bad(o, sizeof(o), "option 150"); }
	{ static const uint8_t o[] = { 52, 1, 4, 255 }; bad(o, sizeof(o), "overload"); }
	{ static const uint8_t o[] = { 61, 1, 1, 255 }; bad(o, sizeof(o), "option 61"); }
}

/* Text options at and past DHCP_NAME_MAX (concatenated, RFC 3396), DNS
 * servers at and past DHCP_DNS_MAX, option overload (52). */
static void test_codec_limits(void **state)
{
	uint8_t opts[DHCP_PKT_MAX], buf[DHCP_PKT_MAX];
	struct dhcp_msg m;
	const char *why;
	size_t n, len;
	unsigned i;

	(void)state;
	/* option 15 split in two: 200 + 55 = DHCP_NAME_MAX, at the edge */
	n = 0;
	opts[n++] = 15; opts[n++] = 200; memset(opts + n, 'a', 200); n += 200;
	opts[n++] = 15; opts[n++] = DHCP_NAME_MAX - 200;
	memset(opts + n, 'b', DHCP_NAME_MAX - 200); n += DHCP_NAME_MAX - 200;
	opts[n++] = 255;
	len = raw(buf, 2, 1, opts, n);
	assert_int_equal(dhcp_msg_parse(&m, buf, len, &why), 0);
	assert_int_equal(strlen(m.domain), DHCP_NAME_MAX);
	assert_int_equal(m.domain[200], 'b');
	/* one more byte: an error, never cut */
	opts[203] = DHCP_NAME_MAX - 200 + 1;
	memmove(opts + 204 + DHCP_NAME_MAX - 200 + 1, opts + 204 + DHCP_NAME_MAX - 200, 1);
	opts[204 + DHCP_NAME_MAX - 200] = 'b';
	len = raw(buf, 2, 1, opts, n + 1);
	assert_int_equal(dhcp_msg_parse(&m, buf, len, &why), -EBADMSG);
	assert_non_null(strstr(why, "DHCP_NAME_MAX"));
	/* option 66 at 255 with a trailing NUL dropped */
	n = 0;
	opts[n++] = 66; opts[n++] = 255; memset(opts + n, 't', 254); n += 254;
	opts[n++] = 0; opts[n++] = 255;
	len = raw(buf, 2, 1, opts, n);
	assert_int_equal(dhcp_msg_parse(&m, buf, len, &why), 0);
	assert_int_equal(strlen(m.tftp), 254);
	/* option 56 past DHCP_MESSAGE_MAX */
	n = 0;
	opts[n++] = 56; opts[n++] = DHCP_MESSAGE_MAX + 1;
	memset(opts + n, 'm', DHCP_MESSAGE_MAX + 1); n += DHCP_MESSAGE_MAX + 1;
	opts[n++] = 255;
	len = raw(buf, 2, 1, opts, n);
	assert_int_equal(dhcp_msg_parse(&m, buf, len, &why), -EBADMSG);
	/* DNS: DHCP_DNS_MAX + 2 servers, first DHCP_DNS_MAX kept, all counted */
	n = 0;
	opts[n++] = 6; opts[n++] = 4 * (DHCP_DNS_MAX + 2);
	for (i = 0; i < DHCP_DNS_MAX + 2; i++) {
		opts[n++] = 10; opts[n++] = 0; opts[n++] = 0; opts[n++] = (uint8_t)(i + 1);
	}
	opts[n++] = 255;
	len = raw(buf, 2, 1, opts, n);
	assert_int_equal(dhcp_msg_parse(&m, buf, len, &why), 0);
	assert_int_equal(m.n_dns, DHCP_DNS_MAX);
	assert_int_equal(m.n_dns_seen, DHCP_DNS_MAX + 2);
	assert_int_equal(m.dns[DHCP_DNS_MAX - 1], IP(10, 0, 0, DHCP_DNS_MAX));
	/* option overload: the type in file, the domain in sname */
	n = 0;
	opts[n++] = 52; opts[n++] = 1; opts[n++] = 3; opts[n++] = 255;
	len = raw(buf, 2, 1, opts, n);
	buf[108] = 53; buf[109] = 1; buf[110] = DHCP_OFFER; buf[111] = 255;
	buf[44] = 15; buf[45] = 3; memcpy(buf + 46, "x.y", 3);
	assert_int_equal(dhcp_msg_parse(&m, buf, len, &why), 0);
	assert_int_equal(m.type, DHCP_OFFER);
	assert_string_equal(m.domain, "x.y");
	/* an option running past the end of sname is an error */
	buf[44] = 15; buf[45] = 64;
	assert_int_equal(dhcp_msg_parse(&m, buf, len, &why), -EBADMSG);
	/* building: host name at DHCP_NAME_MAX fits, a longer text cannot be
	 * encoded */
	memset(&m, 0, sizeof(m));
	m.op = 1; m.htype = 1; m.hlen = 6; m.type = DHCP_DISCOVER;
	m.have = DHCP_HAVE_HOSTNAME;
	memset(m.hostname, 'h', DHCP_NAME_MAX);
	assert_int_equal(dhcp_msg_build(&m, buf, sizeof(buf), &len), 0);
	assert_int_equal(dhcp_msg_build(&m, buf, DHCP_BUILD_LEN, &len), -ENOSPC);
}

/* ---------------------------------------------------------------- chart */

struct sent {
	struct dhcp_msg m;
	uint32_t dst;
	uint64_t at;
};

enum { SENT_MAX = 64 };

struct world {
	struct rt_fake_clock clk;
	struct rt_timers ts;
	struct dhcp_client *c;
	struct sent sent[SENT_MAX];
	unsigned n_sent;
	int send_err;
	uint32_t rnd;
	/* reports */
	enum dhcp_status st[8];
	int err[8];
	struct dhcp_lease lease;
	unsigned n_st;
};

static uint32_t w_random(void *arg)
{
	struct world *w = arg;

	/* % 2001 == 1000: no jitter; distinct xids */
	w->rnd += 2001;
	return w->rnd + 1000;
}

static int w_send(void *arg, const uint8_t *buf, size_t len, uint32_t dst)
{
	struct world *w = arg;
	const char *why;

	assert_true(w->n_sent < SENT_MAX);
	/* everything we send parses */
	assert_int_equal(dhcp_msg_parse(&w->sent[w->n_sent].m, buf, len, &why), 0);
	w->sent[w->n_sent].dst = dst;
	w->sent[w->n_sent].at = w->clk.now;
	w->n_sent++;
	return w->send_err;
}

static void w_event(void *arg, enum dhcp_status st, int err,
		    const struct dhcp_lease *l)
{
	struct world *w = arg;

	assert_true(w->n_st < 8);
	w->st[w->n_st] = st;
	w->err[w->n_st] = err;
	w->n_st++;
	if (l)
		w->lease = *l;
}

static const struct dhcp_io w_io = { w_send };

static struct world *world_new(void)
{
	struct world *w = calloc(1, sizeof(*w));
	struct dhcp_cfg cfg;

	assert_non_null(w);
	assert_int_equal(rt_timers_init(&w->ts, rt_fake_clock_now, &w->clk), 0);
	memset(&cfg, 0, sizeof(cfg));
	memcpy(cfg.mac, MAC, 6);
	cfg.hostname = "SIP00123456789A";
	cfg.random = w_random;
	cfg.random_arg = w;
	w->c = dhcp_client_new(&w->ts, &w_io, w, &cfg, w_event, w);
	assert_non_null(w->c);
	return w;
}

static void world_free(struct world *w)
{
	dhcp_client_free(w->c);
	rt_timers_fini(&w->ts);
	free(w);
}

static const struct sent *last(const struct world *w)
{
	assert_true(w->n_sent > 0);
	return &w->sent[w->n_sent - 1];
}

/* The server's answer TYPE to the last message, with every option the
 * guide lists (and 66 as a dotted address). */
static void answer(struct world *w, uint8_t type, uint32_t server,
		   uint32_t lease_s, uint32_t xid_delta)
{
	struct dhcp_msg m;
	uint8_t buf[DHCP_PKT_MAX];
	size_t len;

	memset(&m, 0, sizeof(m));
	m.op = 2;
	m.htype = 1;
	m.hlen = 6;
	m.xid = last(w)->m.xid + xid_delta;
	memcpy(m.chaddr, MAC, 6);
	m.type = type;
	m.have = DHCP_HAVE_SERVER_ID;
	m.server_id = server;
	if (type != DHCP_NAK) {
		m.yiaddr = YIADDR;
		m.have |= DHCP_HAVE_MASK | DHCP_HAVE_ROUTER | DHCP_HAVE_DNS |
			  DHCP_HAVE_DOMAIN | DHCP_HAVE_LEASE | DHCP_HAVE_TFTP;
		m.mask = IP(255, 255, 255, 0);
		m.router = IP(10, 99, 0, 254);
		m.dns[0] = IP(10, 99, 0, 53);
		m.dns[1] = IP(10, 99, 0, 54);
		m.n_dns = 2;
		strcpy(m.domain, "phones.example");
		strcpy(m.tftp, "10.99.0.1");
		m.lease_s = lease_s;
	}
	assert_int_equal(dhcp_msg_build(&m, buf, sizeof(buf), &len), 0);
	dhcp_client_input(w->c, buf, len);
}

static void dora(struct world *w, uint32_t lease_s)
{
	unsigned n = w->n_sent;

	dhcp_client_acquire(w->c);
	assert_string_equal(dhcp_client_state(w->c), "selecting");
	assert_int_equal(w->n_sent, n + 1);
	assert_int_equal(last(w)->m.type, DHCP_DISCOVER);
	assert_int_equal(last(w)->dst, DHCP_BROADCAST);
	assert_int_equal(last(w)->m.flags, 0x8000);
	assert_string_equal(last(w)->m.hostname, "SIP00123456789A");
	answer(w, DHCP_OFFER, SERVER, lease_s, 0);
	assert_string_equal(dhcp_client_state(w->c), "requesting");
	assert_int_equal(last(w)->m.type, DHCP_REQUEST);
	assert_int_equal(last(w)->m.req_ip, YIADDR);           /* option 50 */
	assert_int_equal(last(w)->m.server_id, SERVER);
	assert_int_equal(last(w)->m.xid, w->sent[n].m.xid);
	answer(w, DHCP_ACK, SERVER, lease_s, 0);
	assert_string_equal(dhcp_client_state(w->c), "bound");
}

static void test_dora(void **state)
{
	struct world *w = world_new();
	const struct dhcp_lease *l;

	(void)state;
	dora(w, 3600);
	assert_int_equal(w->n_st, 1);
	assert_int_equal(w->st[0], DHCP_BOUND);
	l = dhcp_client_lease(w->c);
	assert_non_null(l);
	assert_int_equal(l->ip, YIADDR);
	assert_int_equal(l->mask, IP(255, 255, 255, 0));
	assert_int_equal(l->router, IP(10, 99, 0, 254));
	assert_int_equal(l->n_dns, 2);
	assert_int_equal(l->dns[1], IP(10, 99, 0, 54));
	assert_string_equal(l->domain, "phones.example");
	assert_string_equal(l->tftp, "10.99.0.1");
	assert_int_equal(l->server_id, SERVER);
	assert_int_equal(l->lease_s, 3600);
	assert_int_equal(l->t1_s, 1800);
	assert_int_equal(l->t2_s, 3150);
	assert_int_equal(dhcp_client_stats(w->c)->unexpected, 0);
	world_free(w);
}

/* RFC 2131 4.1: 4, 8, 16, 32, 64 s (no jitter from this random source),
 * then give up: DHCP_FAILED -ETIMEDOUT, back to init. */
static void test_retransmission(void **state)
{
	struct world *w = world_new();
	static const uint64_t at[] = { 0, 4000, 12000, 28000, 60000, 124000 };
	unsigned i;

	(void)state;
	dhcp_client_acquire(w->c);
	rt_fake_clock_advance(&w->clk, &w->ts, 124000 + 64000 - 1);
	assert_int_equal(w->n_sent, 1 + DHCP_TRIES);
	for (i = 0; i < w->n_sent; i++) {
		assert_int_equal(w->sent[i].at, at[i]);
		assert_int_equal(w->sent[i].m.type, DHCP_DISCOVER);
		assert_int_equal(w->sent[i].m.xid, w->sent[0].m.xid);
		assert_int_equal(w->sent[i].m.secs, at[i] / 1000);
	}
	assert_int_equal(w->n_st, 0);
	rt_fake_clock_advance(&w->clk, &w->ts, 1);
	assert_int_equal(w->n_st, 1);
	assert_int_equal(w->st[0], DHCP_FAILED);
	assert_int_equal(w->err[0], -ETIMEDOUT);
	assert_string_equal(dhcp_client_state(w->c), "init");
	rt_fake_clock_advance(&w->clk, &w->ts, 1000000);
	assert_int_equal(w->n_sent, 1 + DHCP_TRIES);
	/* again from init */
	dhcp_client_acquire(w->c);
	assert_int_equal(w->n_sent, 2 + DHCP_TRIES);
	assert_true(last(w)->m.xid != w->sent[0].m.xid);
	world_free(w);
}

/* The REQUEST too is retransmitted; a second OFFER, wrong xid, another
 * chaddr, an ACK from another server, malformed packets: ignored. */
static void test_ignored(void **state)
{
	struct world *w = world_new();
	uint8_t junk[DHCP_MIN_LEN - 1];
	unsigned n;

	(void)state;
	dhcp_client_acquire(w->c);
	answer(w, DHCP_OFFER, SERVER, 3600, 1);           /* wrong xid */
	assert_string_equal(dhcp_client_state(w->c), "selecting");
	answer(w, DHCP_ACK, SERVER, 3600, 0);             /* ACK, no OFFER yet */
	assert_string_equal(dhcp_client_state(w->c), "selecting");
	answer(w, DHCP_OFFER, SERVER, 3600, 0);
	assert_string_equal(dhcp_client_state(w->c), "requesting");
	n = w->n_sent;
	answer(w, DHCP_OFFER, OTHER_SERVER, 3600, 0);     /* a second OFFER */
	assert_string_equal(dhcp_client_state(w->c), "requesting");
	assert_int_equal(w->n_sent, n);
	answer(w, DHCP_ACK, OTHER_SERVER, 3600, 0);       /* not the chosen one */
	answer(w, DHCP_NAK, OTHER_SERVER, 0, 0);
	memset(junk, 0xff, sizeof(junk));
	dhcp_client_input(w->c, junk, sizeof(junk));
	assert_string_equal(dhcp_client_state(w->c), "requesting");
	assert_int_equal(dhcp_client_stats(w->c)->rx_bad, 1);
	assert_int_equal(dhcp_client_stats(w->c)->rx_stray, 3);
	/* REQUEST retransmitted after 4 s */
	rt_fake_clock_advance(&w->clk, &w->ts, 4000);
	assert_int_equal(w->n_sent, n + 1);
	assert_int_equal(last(w)->m.type, DHCP_REQUEST);
	answer(w, DHCP_ACK, SERVER, 3600, 0);
	assert_string_equal(dhcp_client_state(w->c), "bound");
	/* a late duplicate ACK changes nothing */
	answer(w, DHCP_ACK, SERVER, 3600, 0);
	assert_int_equal(w->n_st, 1);
	assert_int_equal(dhcp_client_stats(w->c)->unexpected, 0);
	world_free(w);
}

static void test_nak(void **state)
{
	struct world *w = world_new();

	(void)state;
	dhcp_client_acquire(w->c);
	answer(w, DHCP_OFFER, SERVER, 3600, 0);
	answer(w, DHCP_NAK, SERVER, 0, 0);
	assert_string_equal(dhcp_client_state(w->c), "init");
	assert_int_equal(w->n_st, 0);             /* never bound: nothing lost */
	/* DISCOVER again after DHCP_RESTART_MS */
	rt_fake_clock_advance(&w->clk, &w->ts, DHCP_RESTART_MS - 1);
	assert_int_equal(w->n_sent, 2);
	rt_fake_clock_advance(&w->clk, &w->ts, 1);
	assert_int_equal(w->n_sent, 3);
	assert_int_equal(last(w)->m.type, DHCP_DISCOVER);
	assert_string_equal(dhcp_client_state(w->c), "selecting");
	world_free(w);
}

/* Lease 1000 s: T1 500 s (unicast REQUEST to the server), renew
 * retransmission no sooner than 60 s; T2 875 s (broadcast); expiry at
 * 1000 s: DHCP_LOST, init, DISCOVER after the restart delay. */
static void test_renew_rebind_expire(void **state)
{
	struct world *w = world_new();
	unsigned n;

	(void)state;
	dora(w, 1000);
	n = w->n_sent;
	rt_fake_clock_advance(&w->clk, &w->ts, 500000 - 1);
	assert_int_equal(w->n_sent, n);
	rt_fake_clock_advance(&w->clk, &w->ts, 1);
	assert_string_equal(dhcp_client_state(w->c), "renewing");
	assert_int_equal(w->n_sent, n + 1);
	assert_int_equal(last(w)->m.type, DHCP_REQUEST);
	assert_int_equal(last(w)->dst, SERVER);
	assert_int_equal(last(w)->m.ciaddr, YIADDR);
	assert_false(last(w)->m.have & DHCP_HAVE_REQ_IP);
	assert_false(last(w)->m.have & DHCP_HAVE_SERVER_ID);
	/* half of the 375 s to T2: 187.5 s */
	rt_fake_clock_advance(&w->clk, &w->ts, 187500);
	assert_int_equal(w->n_sent, n + 2);
	assert_int_equal(last(w)->at, 687500);
	/* then half of 187.5 s (781.25 s), then the 60 s minimum
	 * (841.25 s); T2 (875 s) comes before the next: rebinding */
	rt_fake_clock_advance(&w->clk, &w->ts, 875000 - 687500);
	assert_string_equal(dhcp_client_state(w->c), "rebinding");
	assert_int_equal(w->n_sent, n + 5);
	assert_int_equal(w->sent[n + 2].at, 781250);
	assert_int_equal(w->sent[n + 3].at, 841250);
	assert_int_equal(last(w)->dst, DHCP_BROADCAST);
	assert_int_equal(last(w)->m.ciaddr, YIADDR);
	assert_int_equal(last(w)->at, 875000);
	/* 125 s left: retransmit after max(62.5 s, 60 s) */
	rt_fake_clock_advance(&w->clk, &w->ts, 62500);
	assert_int_equal(w->n_sent, n + 6);
	rt_fake_clock_advance(&w->clk, &w->ts, 1000000 - 937500 - 1);
	assert_int_equal(w->n_st, 1);
	rt_fake_clock_advance(&w->clk, &w->ts, 1);
	assert_string_equal(dhcp_client_state(w->c), "init");
	assert_int_equal(w->n_st, 2);
	assert_int_equal(w->st[1], DHCP_LOST);
	assert_null(dhcp_client_lease(w->c));
	rt_fake_clock_advance(&w->clk, &w->ts, DHCP_RESTART_MS);
	assert_string_equal(dhcp_client_state(w->c), "selecting");
	assert_int_equal(last(w)->m.type, DHCP_DISCOVER);
	assert_int_equal(dhcp_client_stats(w->c)->unexpected, 0);
	world_free(w);
}

/* Renewed by an ACK at T1: DHCP_RENEWED, the lease counts from the
 * renewal REQUEST; a NAK while renewing loses the lease. */
static void test_renew_ack_nak(void **state)
{
	struct world *w = world_new();

	(void)state;
	dora(w, 1000);
	rt_fake_clock_advance(&w->clk, &w->ts, 500000);
	rt_fake_clock_advance(&w->clk, &w->ts, 10);
	answer(w, DHCP_ACK, SERVER, 1000, 0);
	assert_string_equal(dhcp_client_state(w->c), "bound");
	assert_int_equal(w->st[1], DHCP_RENEWED);
	assert_int_equal(dhcp_client_lease(w->c)->start_ms, 500000);
	rt_fake_clock_advance(&w->clk, &w->ts, 500000 - 10 - 1);
	assert_string_equal(dhcp_client_state(w->c), "bound");
	rt_fake_clock_advance(&w->clk, &w->ts, 1);
	assert_string_equal(dhcp_client_state(w->c), "renewing");
	answer(w, DHCP_NAK, SERVER, 0, 0);
	assert_string_equal(dhcp_client_state(w->c), "init");
	assert_int_equal(w->st[2], DHCP_LOST);
	world_free(w);
}

/* T1/T2 from the server when sensible; an infinite lease has no timers. */
static void test_lease_times(void **state)
{
	struct world *w = world_new();
	struct dhcp_msg m;
	uint8_t buf[DHCP_PKT_MAX];
	size_t len;

	(void)state;
	dhcp_client_acquire(w->c);
	answer(w, DHCP_OFFER, SERVER, 600, 0);
	memset(&m, 0, sizeof(m));
	m.op = 2; m.htype = 1; m.hlen = 6; m.xid = last(w)->m.xid;
	memcpy(m.chaddr, MAC, 6);
	m.type = DHCP_ACK; m.yiaddr = YIADDR;
	m.have = DHCP_HAVE_LEASE | DHCP_HAVE_T1 | DHCP_HAVE_T2 |
		 DHCP_HAVE_TFTP150;
	m.lease_s = 600; m.t1_s = 100; m.t2_s = 200;
	m.tftp150 = IP(10, 1, 2, 3);
	assert_int_equal(dhcp_msg_build(&m, buf, sizeof(buf), &len), 0);
	dhcp_client_input(w->c, buf, len);
	assert_string_equal(dhcp_client_state(w->c), "bound");
	assert_int_equal(w->lease.t1_s, 100);
	assert_int_equal(w->lease.t2_s, 200);
	assert_string_equal(w->lease.tftp, "10.1.2.3");   /* option 150 */
	assert_int_equal(w->lease.server_id, SERVER);     /* from the OFFER */
	/* T2 past the lease: both defaults */
	dhcp_client_release(w->c);
	dhcp_client_acquire(w->c);
	answer(w, DHCP_OFFER, SERVER, 600, 0);
	m.xid = last(w)->m.xid; m.t1_s = 700; m.t2_s = 800;
	assert_int_equal(dhcp_msg_build(&m, buf, sizeof(buf), &len), 0);
	dhcp_client_input(w->c, buf, len);
	assert_int_equal(w->lease.t1_s, 300);
	assert_int_equal(w->lease.t2_s, 525);
	dhcp_client_release(w->c);
	/* infinite */
	dhcp_client_acquire(w->c);
	answer(w, DHCP_OFFER, SERVER, DHCP_INFINITE, 0);
	answer(w, DHCP_ACK, SERVER, DHCP_INFINITE, 0);
	assert_int_equal(rt_timers_timeout(&w->ts), RT_TIMER_NONE);
	world_free(w);
}

/* Table 3-1 "DHCP Address Released": RELEASE unicast to the server. */
static void test_release(void **state)
{
	struct world *w = world_new();
	unsigned n;

	(void)state;
	dora(w, 3600);
	dhcp_client_release(w->c);
	assert_string_equal(dhcp_client_state(w->c), "released");
	assert_int_equal(last(w)->m.type, DHCP_RELEASE);
	assert_int_equal(last(w)->dst, SERVER);
	assert_int_equal(last(w)->m.ciaddr, YIADDR);
	assert_int_equal(last(w)->m.server_id, SERVER);
	assert_int_equal(w->st[1], DHCP_RELEASED);
	assert_null(dhcp_client_lease(w->c));
	n = w->n_sent;
	assert_int_equal(rt_timers_timeout(&w->ts), RT_TIMER_NONE);
	dhcp_client_release(w->c);                 /* again: nothing */
	answer(w, DHCP_ACK, SERVER, 3600, 0);
	assert_int_equal(w->n_sent, n);
	assert_string_equal(dhcp_client_state(w->c), "released");
	dhcp_client_acquire(w->c);                   /* and acquire again */
	assert_string_equal(dhcp_client_state(w->c), "selecting");
	dhcp_client_release(w->c);                 /* no lease: just stop */
	assert_string_equal(dhcp_client_state(w->c), "released");
	assert_int_equal(w->n_sent, n + 1);
	assert_int_equal(dhcp_client_stats(w->c)->unexpected, 0);
	world_free(w);
}

/* A failing send: DHCP_FAILED with its error; renewing survives one. */
static void test_send_failure(void **state)
{
	struct world *w = world_new();

	(void)state;
	w->send_err = -ENETUNREACH;
	dhcp_client_acquire(w->c);
	assert_string_equal(dhcp_client_state(w->c), "init");
	assert_int_equal(w->n_st, 1);
	assert_int_equal(w->st[0], DHCP_FAILED);
	assert_int_equal(w->err[0], -ENETUNREACH);
	w->send_err = 0;
	w->n_st = 0;
	dora(w, 1000);
	w->send_err = -ENETUNREACH;
	rt_fake_clock_advance(&w->clk, &w->ts, 500000);
	assert_string_equal(dhcp_client_state(w->c), "renewing");
	w->send_err = 0;
	rt_fake_clock_advance(&w->clk, &w->ts, 187500);
	answer(w, DHCP_ACK, SERVER, 1000, 0);
	assert_string_equal(dhcp_client_state(w->c), "bound");
	world_free(w);
}

/* ---------------------------------------------------------------- cnf */

static void test_lease_to_cnf(void **state)
{
	struct cnf_layers *l;
	struct cnf *c;
	struct dhcp_lease lease;
	char why[CNF_DIAG_MAX];
	unsigned i;

	(void)state;
	assert_int_equal(cnf_layers_alloc(&l), 0);
	memset(&lease, 0, sizeof(lease));
	lease.ip = YIADDR;
	lease.mask = IP(255, 255, 255, 0);
	lease.router = IP(10, 99, 0, 254);
	for (i = 0; i < DHCP_DNS_MAX; i++)
		lease.dns[i] = IP(10, 99, 0, 60 + i);
	lease.n_dns = DHCP_DNS_MAX;
	strcpy(lease.domain, "phones.example");
	strcpy(lease.tftp, "10.99.0.1");
	lease.server_id = SERVER;
	assert_int_equal(dhcp_lease_to_cnf(l, &lease, why, sizeof(why)), 0);
	assert_int_equal(cnf_snapshot(l, &c), 0);
	assert_string_equal(cnf_str(c, CNF_IP_ADDRESS), "10.99.0.50");
	assert_string_equal(cnf_str(c, CNF_SUBNET_MASK), "255.255.255.0");
	assert_string_equal(cnf_str(c, CNF_DEFAULT_ROUTER_1), "10.99.0.254");
	assert_string_equal(cnf_str(c, CNF_DNS_SERVER_1), "10.99.0.60");
	assert_string_equal(cnf_str(c, CNF_DNS_SERVER_5), "10.99.0.64");
	assert_string_equal(cnf_str(c, CNF_DOMAIN_NAME), "phones.example");
	assert_string_equal(cnf_str(c, CNF_TFTP_SERVER), "10.99.0.1");
	assert_string_equal(cnf_str(c, CNF_DHCP_SERVER), "10.99.0.1");
	assert_int_equal(cnf_origin(c, CNF_IP_ADDRESS), CNF_ORIGIN_SYSTEM);
	cnf_free(c);
	/* a new lease with less: the rest goes; option 66 as a name */
	lease.n_dns = 1;
	lease.router = 0;
	strcpy(lease.tftp, "tftp.phones.example");
	assert_true(dhcp_lease_tftp_is_name(&lease));
	assert_int_equal(dhcp_lease_to_cnf(l, &lease, why, sizeof(why)), 0);
	assert_int_equal(cnf_snapshot(l, &c), 0);
	assert_string_equal(cnf_str(c, CNF_DNS_SERVER_1), "10.99.0.60");
	assert_string_equal(cnf_str(c, CNF_DNS_SERVER_2), "");
	assert_string_equal(cnf_str(c, CNF_DEFAULT_ROUTER_1), "");
	assert_string_equal(cnf_str(c, CNF_TFTP_SERVER), "");
	cnf_free(c);
	/* a domain longer than CNF_HOST_MAX: refused, said, never cut */
	memset(lease.domain, 'd', CNF_HOST_MAX + 1);
	lease.domain[CNF_HOST_MAX + 1] = 0;
	assert_int_equal(dhcp_lease_to_cnf(l, &lease, why, sizeof(why)), -EINVAL);
	assert_true(why[0] != 0);
	cnf_layers_free(l);
}

/* ---------------------------------------------------------------- netns */

struct ns_child {
	uv_loop_t uv;
	struct rt_loop rl;
	struct dhcp_sock *sock;
	struct dhcp_client *c;
	struct dhcp_lease lease;
	int status, err, done;
	uv_timer_t guard;
};

static void ns_rx(void *arg, const uint8_t *buf, size_t len)
{
	struct ns_child *k = arg;

	dhcp_client_input(k->c, buf, len);
}

static void ns_event(void *arg, enum dhcp_status st, int err,
		     const struct dhcp_lease *l)
{
	struct ns_child *k = arg;

	k->status = st;
	k->err = err;
	if (l)
		k->lease = *l;
	k->done = 1;
	uv_stop(&k->uv);
}

static void ns_guard(uv_timer_t *t)
{
	struct ns_child *k = t->data;

	k->err = -ETIMEDOUT;
	uv_stop(&k->uv);
}

static int run(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	int n, st;

	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(cmd))
		return -1;
	st = system(cmd);
	return st == 0 ? 0 : -1;
}

/* The result line a child writes to the parent. */
struct ns_report {
	int step;          /* 0 failed to set up, 1 bound, 2 released */
	int err;
	struct dhcp_lease lease;
};

static void write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n) {
		ssize_t k = write(fd, c, n);

		if (k <= 0)
			_exit(3);
		c += k;
		n -= (size_t)k;
	}
}

static void close_walk(uv_handle_t *h, void *arg)
{
	(void)arg;
	if (!uv_is_closing(h))
		uv_close(h, NULL);
}

/* In the client's namespace: bind, report, configure the address (so
 * that the unicast RELEASE has a route), release, report. */
static void ns_child_main(const char *ns, const char *ifname, int out, int go)
{
	struct ns_child k;
	struct ns_report r;
	struct dhcp_cfg cfg;
	char path[128], a[16];
	int fd, err;

	memset(&k, 0, sizeof(k));
	memset(&r, 0, sizeof(r));
	snprintf(path, sizeof(path), "/var/run/netns/%s", ns);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWNET)) {
		r.err = -errno;
		write_all(out, &r, sizeof(r));
		_exit(1);
	}
	close(fd);
	if (uv_loop_init(&k.uv) || rt_loop_init(&k.rl, &k.uv))
		_exit(2);
	err = dhcp_sock_open(&k.sock, &k.uv, ifname, ns_rx, &k);
	if (err) {
		r.err = err;
		write_all(out, &r, sizeof(r));
		_exit(1);
	}
	memset(&cfg, 0, sizeof(cfg));
	memcpy(cfg.mac, MAC, 6);
	cfg.hostname = "SIP00123456789A";
	cfg.base_ms = 500; /* fast retries for the test */
	cfg.cap_ms = 1000;
	cfg.tries = 10;
	k.c = dhcp_client_new(&k.rl.timers, &dhcp_sock_io, k.sock, &cfg,
			      ns_event, &k);
	if (!k.c)
		_exit(2);
	uv_timer_init(&k.uv, &k.guard);
	k.guard.data = &k;
	uv_timer_start(&k.guard, ns_guard, 15000, 0);
	dhcp_client_acquire(k.c);
	uv_run(&k.uv, UV_RUN_DEFAULT);
	r.err = k.done ? k.err : -ETIMEDOUT;
	r.step = k.done && k.status == DHCP_BOUND ? 1 : 0;
	r.lease = k.lease;
	write_all(out, &r, sizeof(r));
	/* RELEASE only once the parent has looked at dnsmasq's lease file
	 * (it writes GO, or closes it on its way out) */
	if (r.step == 1 && read(go, a, 1) == 1 &&
	    run("ip addr add %s/24 dev %s", dhcp_ip_str(k.lease.ip, a), ifname) == 0) {
		k.done = 0;
		dhcp_client_release(k.c);
		r.step = k.status == DHCP_RELEASED ? 2 : 0;
		write_all(out, &r, sizeof(r));
	}
	dhcp_client_free(k.c);
	dhcp_sock_close(k.sock);
	rt_loop_close(&k.rl);
	uv_close((uv_handle_t *)&k.guard, NULL);
	uv_walk(&k.uv, close_walk, NULL);
	/* the RELEASED report (outside uv_run) left a uv_stop() behind: the
	 * first run only clears it */
	uv_run(&k.uv, UV_RUN_DEFAULT);
	uv_run(&k.uv, UV_RUN_DEFAULT);
	_exit(uv_loop_close(&k.uv) == 0 ? 0 : 4);
}

/* Read one report (bounded wait). */
static int read_report(int fd, struct ns_report *r, int ms)
{
	size_t got = 0;

	while (got < sizeof(*r)) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t k;

		if (poll(&p, 1, ms) <= 0)
			return -1;
		k = read(fd, (char *)r + got, sizeof(*r) - got);
		if (k <= 0)
			return -1;
		got += (size_t)k;
	}
	return 0;
}

static int file_has(const char *path, const char *s)
{
	char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	return strstr(buf, s) != NULL;
}

static void test_netns_dnsmasq(void **state)
{
	const char *dnsmasq = peer_find("dnsmasq");
	char ns1[32], ns2[32], v1[16], v2[16], leases[64], a[16];
	char range[64], o66[32], opt_if[32], opt_lf[96];
	pid_t srv = -1, kid;
	int pipefd[2], gofd[2] = {-1, -1}, st, i;
	struct ns_report r, bound;
	int in_file = 0;
	unsigned pid = (unsigned)getpid();

	(void)state;
	if (geteuid() != 0) {
		fprintf(stderr, "test_netns_dnsmasq: skipped (not root: port 68 and ip netns)\n");
		skip();
	}
	if (!dnsmasq) {
		fprintf(stderr, "test_netns_dnsmasq: skipped (no dnsmasq)\n");
		skip();
	}
	snprintf(ns1, sizeof(ns1), "sipdhs%u", pid);
	snprintf(ns2, sizeof(ns2), "sipdhc%u", pid);
	snprintf(v1, sizeof(v1), "dhs%u", pid % 1000000);
	snprintf(v2, sizeof(v2), "dhc%u", pid % 1000000);
	snprintf(leases, sizeof(leases), "/tmp/sipphone-dhcp-%u.leases", pid);
	if (run("ip netns add %s 2>/dev/null", ns1)) {
		run("ip netns del %s 2>/dev/null", ns1); /* half made */
		fprintf(stderr, "test_netns_dnsmasq: skipped (ip netns add not permitted)\n");
		skip();
	}
	memset(&bound, 0, sizeof(bound));
	if (run("ip netns add %s", ns2) ||
	    run("ip link add %s netns %s type veth peer name %s netns %s",
		v1, ns1, v2, ns2) ||
	    run("ip -n %s addr add 10.99.0.1/24 dev %s", ns1, v1) ||
	    run("ip -n %s link set %s up && ip -n %s link set lo up", ns1, v1, ns1) ||
	    run("ip -n %s link set %s up && ip -n %s link set lo up", ns2, v2, ns2)) {
		run("ip netns del %s", ns1);
		run("ip netns del %s 2>/dev/null", ns2);
		fail_msg("could not set up the veth pair");
	}
	unlink(leases);
	snprintf(range, sizeof(range), "--dhcp-range=10.99.0.50,10.99.0.60,255.255.255.0,1h");
	/* no shell: dnsmasq gets the quotes of --dhcp-option=66,"10.99.0.1" */
	/* no shell here: the value goes as is (dnsmasq knows 66 as text) */
	snprintf(o66, sizeof(o66), "--dhcp-option=66,10.99.0.1");
	snprintf(opt_if, sizeof(opt_if), "--interface=%s", v1);
	snprintf(opt_lf, sizeof(opt_lf), "--dhcp-leasefile=%s", leases);
	{
		char *argv[] = {
			"/usr/bin/ip", "netns", "exec", ns1, (char *)dnsmasq,
			"--no-daemon", "--no-ping", "--port=0", opt_if,
			"--bind-interfaces", range,
			"--dhcp-option=option:router,10.99.0.254",
			"--dhcp-option=option:dns-server,10.99.0.53,10.99.0.54",
			"--dhcp-option=option:domain-name,phones.example",
			o66, "--conf-file=/dev/null", "--pid-file=",
			opt_lf, "--dhcp-authoritative", NULL,
		};
		if (access(argv[0], X_OK))
			argv[0] = "/sbin/ip";
		srv = peer_spawn(argv);
	}
	if (srv <= 0) {
		run("ip netns del %s", ns1);
		run("ip netns del %s", ns2);
		fail_msg("could not start dnsmasq");
	}
	usleep(300000); /* dnsmasq binds at once; DISCOVER is retried anyway */

	if (pipe(pipefd) == 0 && pipe(gofd) == 0) {
		kid = fork();
		if (kid < 0) {
			close(pipefd[0]);
			close(pipefd[1]);
			close(gofd[0]);
			close(gofd[1]);
		}
	} else {
		kid = -1;
	}
	if (kid < 0) {
		peer_stop(&srv);
		run("ip netns del %s", ns1);
		run("ip netns del %s", ns2);
		fail_msg("pipe/fork failed");
	}
	if (kid == 0) {
		close(pipefd[0]);
		close(gofd[1]);
		ns_child_main(ns2, v2, pipefd[1], gofd[0]);
	}
	close(pipefd[1]);
	close(gofd[0]);
	memset(&r, 0, sizeof(r));
	/* No assertion before the teardown below: a failed one would leave
	 * the namespaces and dnsmasq behind. */
	st = read_report(pipefd[0], &r, 20000);
	if (st == 0 && r.step == 1) {
		bound = r;
		dhcp_ip_str(r.lease.ip, a);
		/* dnsmasq writes its lease file after the ACK: up to 5 s
		 * (valgrind and a loaded CI machine are slow) */
		for (i = 0; i < 250 && !file_has(leases, a); i++)
			usleep(20000);
		in_file = file_has(leases, a);
		signal(SIGPIPE, SIG_IGN); /* a child gone: EPIPE, not death */
		if (write(gofd[1], "g", 1) != 1)
			st = -6;
		else
			st = read_report(pipefd[0], &r, 5000);
		if (st == 0 && r.step == 2) {
			/* dnsmasq drops the lease on RELEASE */
			for (i = 0; i < 100 && file_has(leases, a); i++)
				usleep(20000);
			st = file_has(leases, a) ? -2 : 0;
		} else {
			st = -3;
		}
	} else if (st == 0) {
		st = -4;
	}
	close(pipefd[0]);
	close(gofd[1]); /* a child still waiting for GO goes on (and ends) */
	{
		int ks = -1;

		if (peer_wait_exit(kid, 5000, &ks)) {
			kill(kid, SIGKILL);
			waitpid(kid, &ks, 0);
		}
		if (st == 0 && !(WIFEXITED(ks) && WEXITSTATUS(ks) == 0))
			st = -500 - (WIFEXITED(ks) ? WEXITSTATUS(ks) : 100 + WTERMSIG(ks));
	}
	peer_stop(&srv);
	run("ip netns del %s", ns1);
	run("ip netns del %s", ns2);
	unlink(leases);
	if (st)
		fprintf(stderr, "netns dnsmasq: step %d err %d st %d\n", r.step, r.err, st);
	assert_int_equal(st, 0);
	assert_true(in_file);
	assert_int_equal(bound.lease.ip >> 8, IP(10, 99, 0, 0) >> 8);
	assert_true((bound.lease.ip & 0xff) >= 50 && (bound.lease.ip & 0xff) <= 60);
	assert_int_equal(bound.lease.mask, IP(255, 255, 255, 0));
	assert_int_equal(bound.lease.router, IP(10, 99, 0, 254));
	assert_int_equal(bound.lease.n_dns, 2);
	assert_int_equal(bound.lease.dns[0], IP(10, 99, 0, 53));
	assert_int_equal(bound.lease.dns[1], IP(10, 99, 0, 54));
	assert_string_equal(bound.lease.domain, "phones.example");
	assert_string_equal(bound.lease.tftp, "10.99.0.1");
	assert_int_equal(bound.lease.server_id, IP(10, 99, 0, 1));
	assert_int_equal(bound.lease.lease_s, 3600);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codec_roundtrip),
		cmocka_unit_test(test_codec_malformed),
		cmocka_unit_test(test_codec_limits),
		cmocka_unit_test(test_dora),
		cmocka_unit_test(test_retransmission),
		cmocka_unit_test(test_ignored),
		cmocka_unit_test(test_nak),
		cmocka_unit_test(test_renew_rebind_expire),
		cmocka_unit_test(test_renew_ack_nak),
		cmocka_unit_test(test_lease_times),
		cmocka_unit_test(test_release),
		cmocka_unit_test(test_send_failure),
		cmocka_unit_test(test_lease_to_cnf),
		cmocka_unit_test(test_netns_dnsmasq),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
