/*
 * test_reg.c - registration of the lines (runtime/reg, spec/reg/reg.rl)
 * on a fake clock and a fake network, with a registrar played by the test:
 * 401 / 407 digest rounds, stale nonces, a wrong password, 403, no answer,
 * refresh timing, unregistering, nat_received_processing, the backup
 * proxy, 423, and the six lines through runtime/phone/phone_lines.c with
 * the LCD's "x".
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

#include "log/log.h"
#include "phone/phone.h"
#include "phone/phone_lines.h"
#include "reg/reg.h"
#include "sip/sip_auth.h"
#include "uac/uac_cnf.h"

enum { MAXPKT = 256, PKT_MAX = 4096 };

#define PHONE "127.0.0.2"
#define PASSWORD "s3cret-pw"

struct world {
	struct rt_fake_clock clock;
	struct rt_timers timers;
	struct rt_timers *ts;     /* the timers in use (a phone's, or TIMERS) */
	struct phone *phone;
	struct txn_layer *layer;
	struct uac *uac;
	struct reg_env env;
	struct reg *r;
	struct cnf *cnf;
	struct {
		uint64_t at;
		struct net_addr dst;
		char text[PKT_MAX];
		size_t len;
	} pkt[MAXPKT];
	unsigned npkt;
	struct sip_msg msg; /* the last request, parsed */
	unsigned changes;
	/* the fake resolver */
	dns_cb *dns_cb;
	void *dns_arg;
	char asked[128];
	/* the log */
	char logbuf[16384];
	size_t loglen;
};

static int fake_send(void *arg, const struct net_addr *dst, const char *buf,
		     size_t len)
{
	struct world *w = arg;

	assert_true(w->npkt < MAXPKT);
	assert_true(len < PKT_MAX);
	w->pkt[w->npkt].at = w->clock.now;
	w->pkt[w->npkt].dst = *dst;
	memcpy(w->pkt[w->npkt].text, buf, len);
	w->pkt[w->npkt].text[len] = '\0';
	w->pkt[w->npkt].len = len;
	w->npkt++;
	return 0;
}

static const struct txn_layer_ops layer_ops = {.send = fake_send};

static int fake_resolve(void *arg, const char *host, uint16_t port,
			dns_cb *cb, void *cbarg, struct dns_req **reqp)
{
	struct world *w = arg;

	snprintf(w->asked, sizeof(w->asked), "%s:%u", host, port);
	w->dns_cb = cb;
	w->dns_arg = cbarg;
	*reqp = (struct dns_req *)w;
	return 0;
}

static void fake_cancel(struct dns_req *q)
{
	((struct world *)q)->dns_cb = NULL;
}

static int fixed_rand(void *arg, uint8_t *buf, size_t n)
{
	(void)arg;
	memset(buf, 0x5a, n);
	return 0;
}

static void log_sink(void *arg, enum log_level level, enum log_cat cat,
		     const char *msg)
{
	struct world *w = arg;
	int n;

	(void)level;
	(void)cat;
	n = snprintf(w->logbuf + w->loglen, sizeof(w->logbuf) - w->loglen,
		     "%s\n", msg);
	if (n > 0 && (size_t)n < sizeof(w->logbuf) - w->loglen)
		w->loglen += (size_t)n;
}

static struct cnf *cnf_of(const char *text)
{
	struct cnf *c = cnf_text(text);

	assert_non_null(c);
	return c;
}

static const char base_cnf[] = "line1_name: 4001\n"
			       "line1_authname: 4001\n"
			       "line1_password: " PASSWORD "\n"
			       "line1_displayname: \"Alice Smith\"\n"
			       "proxy1_address: 10.0.0.5\n"
			       "proxy_register: 1\n";

static void changed(void *arg, struct reg *r)
{
	(void)r;
	((struct world *)arg)->changes++;
}

static const struct reg_ops reg_ops = {.changed = changed};

static int setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));
	struct txn_cfg cfg = TXN_CFG_DEFAULT;
	struct uac_resolver res = {fake_resolve, fake_cancel, NULL};

	if (!w)
		return -1;
	res.arg = w;
	w->ts = &w->timers;
	rt_timers_init(&w->timers, rt_fake_clock_now, &w->clock);
	if (txn_layer_alloc(&w->layer, w->ts, &cfg, &layer_ops, w) ||
	    uac_alloc(&w->uac, w->layer, w->ts, &res))
		return -1;
	w->env.uac = w->uac;
	w->env.timers = w->ts;
	w->env.auth.md5 = auth_md5_nettle;
	w->env.auth.rand = fixed_rand;
	w->env.phone_ip = PHONE;
	w->env.seed = 0x1234abcd;
	log_set_sink(log_sink, w);
	log_enable(LOG_CAT_REG, 1);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;

	reg_free(w->r);
	uac_free(w->uac);
	txn_layer_free(w->layer);
	if (w->ts != &w->timers)
		rt_timers_fini(w->ts);
	rt_timers_fini(&w->timers);
	cnf_free(w->cnf);
	if (w->phone) {
		cnf_free(w->phone->cnf);
		free(w->phone);
	}
	log_set_sink(NULL, NULL);
	/* Credentials never reach the log. */
	w->logbuf[w->loglen] = '\0';
	assert_null(strstr(w->logbuf, PASSWORD));
	free(w);
	return 0;
}

static void advance(struct world *w, uint64_t ms)
{
	rt_fake_clock_advance(&w->clock, w->ts, ms);
}

/* A line from TEXT, started. */
static void start_line(struct world *w, const char *text, unsigned flags)
{
	w->cnf = cnf_of(text);
	assert_int_equal(reg_alloc(&w->r, &w->env, 1, flags, &reg_ops, w), 0);
	assert_false(reg_set_cnf(w->r, w->cnf));
	reg_start(w->r);
	advance(w, 0);
}

/* The Nth packet parsed (negative: from the end). */
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

static const char *hdr(struct world *w, int n, const char *name, char *buf,
		       size_t size)
{
	const struct sip_msg *m = pkt(w, n);
	const struct sip_hdr *h = sip_msg_hdr_by_name(m, name);

	if (!h)
		return NULL;
	assert_int_equal(sip_pl_strcpy(buf, size, &h->val), 0);
	return buf;
}

/* Answer the last request with STATUS and EXTRA header lines ("X: y\r\n"),
 * optionally adding RECEIVED to its top Via. */
static void answer_via(struct world *w, unsigned status, const char *extra,
		       const char *received)
{
	const struct sip_msg *m = pkt(w, -1);
	char buf[PKT_MAX], out[PKT_MAX];
	struct sip_resp rs = {.status = (uint16_t)status};
	struct sip_mbuf b;
	char *end;
	size_t n;

	rs.to_tag = sip_pl_mk("reg1", 4);
	sip_mbuf_init(&b, buf, sizeof(buf));
	assert_int_equal(sip_build_response(&b, m, &rs), 0);
	buf[b.len] = '\0';
	/* EXTRA (and RECEIVED) go in before the blank line. */
	end = strstr(buf, "Content-Length:");
	assert_non_null(end);
	n = (size_t)(end - buf);
	memcpy(out, buf, n);
	out[n] = '\0';
	if (received) {
		char *via = strstr(out, "Via:"), *eol;
		char tmp[PKT_MAX];

		assert_non_null(via);
		eol = strstr(via, "\r\n");
		snprintf(tmp, sizeof(tmp), "%.*s;received=%s%s",
			 (int)(eol - out), out, received, eol);
		snprintf(out, sizeof(out), "%s", tmp);
	}
	strncat(out, extra ? extra : "", sizeof(out) - strlen(out) - 1);
	strncat(out, end, sizeof(out) - strlen(out) - 1);
	txn_layer_recv(w->layer, out, strlen(out), &w->pkt[w->npkt - 1].dst);
	advance(w, 0);
}

static void answer(struct world *w, unsigned status, const char *extra)
{
	answer_via(w, status, extra, NULL);
}

/* 200 with our Contact and EXPIRES. */
static void answer_ok(struct world *w, unsigned expires)
{
	char c[512], extra[700];

	assert_non_null(hdr(w, -1, "Contact", c, sizeof(c)));
	snprintf(extra, sizeof(extra), "Contact: %s;expires=%u\r\n", c,
		 expires);
	answer(w, 200, extra);
}

#define CHALLENGE(nonce) \
	"WWW-Authenticate: Digest realm=\"10.0.0.5\", nonce=\"" nonce \
	"\", qop=\"auth\", algorithm=MD5\r\n"

/* The Authorization of packet N answers NONCE with our password. */
static void check_digest(struct world *w, int n, const char *name,
			 const char *nonce, const char *uri)
{
	char v[1024], hex[33], resp[40];
	struct sip_auth a;
	struct auth_calc c;

	assert_non_null(hdr(w, n, name, v, sizeof(v)));
	assert_int_equal(sip_auth_parse(&a, v, strlen(v)), 0);
	assert_true(sip_pl_eq(&a.username, "4001"));
	assert_true(sip_pl_eq(&a.nonce, nonce));
	assert_true(sip_pl_eq(&a.uri, uri));
	memset(&c, 0, sizeof(c));
	c.alg = AUTH_ALG_MD5;
	c.qop = AUTH_QOP_AUTH;
	c.user = sip_pl_mk("4001", 4);
	c.realm = a.realm;
	c.password = sip_pl_mk(PASSWORD, strlen(PASSWORD));
	c.nonce = a.nonce;
	c.cnonce = a.cnonce;
	c.method = sip_pl_mk("REGISTER", 8);
	c.uri = a.uri;
	assert_int_equal(sip_pl_u32(&(struct sip_pl){a.nc.p, a.nc.l}, 99999999,
				    &c.nc),
			 0); /* nc is hex, but ours stay below 10 */
	auth_response(auth_md5_nettle, &c, hex);
	assert_int_equal(sip_pl_strcpy(resp, sizeof(resp), &a.response), 0);
	assert_string_equal(resp, hex);
	/* The secret itself is never sent. */
	assert_null(strstr(w->pkt[n < 0 ? w->npkt + (unsigned)n : (unsigned)n].text,
			   PASSWORD));
}

static uint32_t cseq_of(struct world *w, int n)
{
	return pkt(w, n)->cseq.num;
}

static void callid_of(struct world *w, int n, char *buf, size_t size)
{
	assert_int_equal(sip_pl_strcpy(buf, size, &pkt(w, n)->call_id), 0);
}

/* Register line 1 through one 401 round, granted EXPIRES. */
static void register_401(struct world *w, unsigned expires)
{
	unsigned before = w->npkt;

	assert_int_equal(w->npkt, before);
	answer(w, 401, CHALLENGE("n1"));
	assert_int_equal(w->npkt, before + 1);
	answer_ok(w, expires);
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERED);
}

/* ---------------------------------------------------------------- tests */

static void test_request_content_and_401(void **state)
{
	struct world *w = *state;
	char v[512], id1[128], id2[128];

	start_line(w, base_cnf, 0);
	assert_int_equal(w->npkt, 1);
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERING);
	assert_int_equal(w->pkt[0].dst.ip, 0x0a000005);
	assert_int_equal(w->pkt[0].dst.port, 5060);
	assert_non_null(strstr(w->pkt[0].text, "REGISTER sip:10.0.0.5 SIP/2.0\r\n"));
	assert_string_equal(hdr(w, 0, "To", v, sizeof(v)), "<sip:4001@10.0.0.5>");
	assert_non_null(strstr(hdr(w, 0, "From", v, sizeof(v)),
			       "\"Alice Smith\" <sip:4001@10.0.0.5>;tag="));
	assert_string_equal(hdr(w, 0, "Contact", v, sizeof(v)),
			    "<sip:4001@" PHONE ":5060>");
	assert_string_equal(hdr(w, 0, "Expires", v, sizeof(v)), "3600");
	assert_string_equal(hdr(w, 0, "Max-Forwards", v, sizeof(v)), "70");
	assert_string_equal(hdr(w, 0, "User-Agent", v, sizeof(v)), "sipphone");
	assert_non_null(strstr(hdr(w, 0, "Via", v, sizeof(v)),
			       "SIP/2.0/UDP " PHONE ":5060;branch=z9hG4bK"));
	assert_null(hdr(w, 0, "Authorization", v, sizeof(v)));
	assert_int_equal(cseq_of(w, 0), 1);

	answer(w, 401, CHALLENGE("n1"));
	assert_int_equal(w->npkt, 2);
	check_digest(w, 1, "Authorization", "n1", "sip:10.0.0.5");
	assert_int_equal(cseq_of(w, 1), 2);
	callid_of(w, 0, id1, sizeof(id1));
	callid_of(w, 1, id2, sizeof(id2));
	assert_string_equal(id1, id2);
	answer(w, 200, "Expires: 3600\r\n");
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERED);
	assert_true(w->changes >= 2);
}

/* Refresh at granted - 32 s (3600 s) and at half (20 s); the refresh
 * carries credentials at once (nc 2), with the same Call-ID. */
static void test_refresh_timing(void **state)
{
	struct world *w = *state;
	char v[1024], id1[128], id2[128];
	struct reg_info i;

	assert_int_equal(reg_refresh_ms(3600), 3568000);
	assert_int_equal(reg_refresh_ms(64), 32000);
	assert_int_equal(reg_refresh_ms(65), 33000);
	assert_int_equal(reg_refresh_ms(20), 10000);
	assert_int_equal(reg_refresh_ms(1), 500);
	start_line(w, base_cnf, 0);
	register_401(w, 3600);
	reg_get_info(w->r, &i);
	assert_int_equal(i.granted, 3600);
	assert_int_equal(i.refresh_at, w->clock.now + 3568000);
	advance(w, 3568000 - 1);
	assert_int_equal(w->npkt, 2);
	advance(w, 1);
	assert_int_equal(w->npkt, 3);
	assert_int_equal(cseq_of(w, 2), 3);
	callid_of(w, 0, id1, sizeof(id1));
	callid_of(w, 2, id2, sizeof(id2));
	assert_string_equal(id1, id2);
	assert_non_null(strstr(hdr(w, 2, "Authorization", v, sizeof(v)),
			       "nc=00000002"));
	check_digest(w, 2, "Authorization", "n1", "sip:10.0.0.5");
	/* Registered all along, the LCD unchanged. */
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERED);
	answer_ok(w, 20);
	reg_get_info(w->r, &i);
	assert_int_equal(i.granted, 20);
	advance(w, 10000);
	assert_int_equal(w->npkt, 4);
	reg_get_info(w->r, &i);
	assert_int_equal(i.refreshes, 2);
}

/* The registrar's Contact expires= wins over its Expires header and over
 * what we asked. */
static void test_contact_expires_wins(void **state)
{
	struct world *w = *state;
	char c[512], extra[800];
	struct reg_info i;

	start_line(w, base_cnf, 0);
	assert_non_null(hdr(w, -1, "Contact", c, sizeof(c)));
	snprintf(extra, sizeof(extra),
		 "Contact: <sip:4001@10.9.9.9:5060>;expires=900, %s;expires=60\r\n"
		 "Expires: 3600\r\n", c);
	answer(w, 200, extra);
	reg_get_info(w->r, &i);
	assert_int_equal(i.granted, 60);
	assert_int_equal(i.refresh_at, w->clock.now + 30000);
	/* Without our Contact: the Expires header. */
	advance(w, 30000);
	answer(w, 200, "Expires: 120\r\n");
	reg_get_info(w->r, &i);
	assert_int_equal(i.granted, 120);
}

/* 407 from a proxy: Proxy-Authorization. */
static void test_407(void **state)
{
	struct world *w = *state;
	char v[512];

	start_line(w, base_cnf, 0);
	answer(w, 407, "Proxy-Authenticate: Digest realm=\"10.0.0.5\", "
		       "nonce=\"p1\", qop=\"auth\"\r\n");
	assert_int_equal(w->npkt, 2);
	check_digest(w, 1, "Proxy-Authorization", "p1", "sip:10.0.0.5");
	assert_null(hdr(w, 1, "Authorization", v, sizeof(v)));
	answer_ok(w, 3600);
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERED);
}

/* stale=true: the same credentials with the new nonce, once. */
static void test_stale_nonce(void **state)
{
	struct world *w = *state;

	start_line(w, base_cnf, 0);
	register_401(w, 100);
	advance(w, reg_refresh_ms(100));
	assert_int_equal(w->npkt, 3);
	answer(w, 401, "WWW-Authenticate: Digest realm=\"10.0.0.5\", "
		       "nonce=\"n2\", qop=\"auth\", stale=true\r\n");
	assert_int_equal(w->npkt, 4);
	check_digest(w, 3, "Authorization", "n2", "sip:10.0.0.5");
	assert_int_equal(cseq_of(w, 3), 4);
	answer_ok(w, 100);
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERED);
}

/* A wrong password: 401 again -> failed ("x"), back-off 2, 4, 8 ... 64 s;
 * a new snapshot with the right password registers at once. */
static void test_wrong_password_backoff_recovery(void **state)
{
	struct world *w = *state;
	static const char bad[] = "line1_name: 4001\nline1_authname: 4001\n"
				  "line1_password: wrong\n"
				  "proxy1_address: 10.0.0.5\n";
	struct reg_info i;
	uint64_t t;
	unsigned k;

	assert_int_equal(reg_backoff_ms(1), REG_RETRY_FIRST_MS);
	assert_int_equal(reg_backoff_ms(2), 2 * REG_RETRY_FIRST_MS);
	assert_int_equal(reg_backoff_ms(6), REG_RETRY_MAX_MS);
	assert_int_equal(reg_backoff_ms(7), REG_RETRY_MAX_MS);
	assert_int_equal(reg_backoff_ms(1000), REG_RETRY_MAX_MS);
	start_line(w, bad, 0);
	for (k = 1; k <= 7; k++) {
		unsigned n = w->npkt;

		answer(w, 401, CHALLENGE("n1"));
		assert_int_equal(w->npkt, n + 1);
		answer(w, 401, CHALLENGE("n2"));
		assert_int_equal(w->npkt, n + 1); /* no third try */
		assert_int_equal(reg_status(w->r), REG_STATUS_FAILED);
		reg_get_info(w->r, &i);
		assert_int_equal(i.failures, k);
		assert_int_equal(i.last_err, -EACCES);
		assert_string_equal(i.why, "401 Authentication failed");
		t = w->clock.now;
		assert_int_equal(i.retry_at, t + reg_backoff_ms(k));
		advance(w, reg_backoff_ms(k) - 1);
		assert_int_equal(w->npkt, n + 1);
		advance(w, 1);
		assert_int_equal(w->npkt, n + 2);
		assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERING);
		/* a new attempt starts without credentials */
		assert_null(strstr(w->pkt[w->npkt - 1].text, "Authorization"));
	}
	/* While failed, the configuration is fixed. */
	answer(w, 401, CHALLENGE("n1"));
	answer(w, 401, CHALLENGE("n2"));
	assert_int_equal(reg_status(w->r), REG_STATUS_FAILED);
	cnf_free(w->cnf);
	w->cnf = cnf_of(base_cnf);
	assert_true(reg_set_cnf(w->r, w->cnf));
	assert_false(reg_set_cnf(w->r, w->cnf)); /* the same again: nothing */
	advance(w, 0);
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERING);
	answer(w, 401, CHALLENGE("n3"));
	check_digest(w, -1, "Authorization", "n3", "sip:10.0.0.5");
	answer_ok(w, 3600);
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERED);
	reg_get_info(w->r, &i);
	assert_int_equal(i.failures, 0);
}

/* 403 ends the attempt (no credentials sent) and is shown. */
static void test_403(void **state)
{
	struct world *w = *state;
	struct reg_info i;

	start_line(w, base_cnf, 0);
	answer(w, 403, NULL);
	assert_int_equal(w->npkt, 1);
	assert_int_equal(reg_status(w->r), REG_STATUS_FAILED);
	reg_get_info(w->r, &i);
	assert_int_equal(i.last_status, 403);
	assert_string_equal(i.why, "403 Forbidden");
	advance(w, REG_RETRY_FIRST_MS);
	assert_int_equal(w->npkt, 2);
	/* Another error with Retry-After: the larger wait wins. */
	answer(w, 503, "Retry-After: 30\r\n");
	reg_get_info(w->r, &i);
	assert_int_equal(i.retry_at, w->clock.now + 30000);
	assert_string_equal(i.why, "503 Service Unavailable");
}

/* No answer: timer F (32 s), then the back-off, then again. */
static void test_timeout_retry(void **state)
{
	struct world *w = *state;
	struct reg_info i;

	start_line(w, base_cnf, 0);
	advance(w, 31999);
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERING);
	advance(w, 1);
	assert_int_equal(reg_status(w->r), REG_STATUS_FAILED);
	reg_get_info(w->r, &i);
	assert_int_equal(i.last_err, -ETIMEDOUT);
	assert_string_equal(i.why, "No answer");
	advance(w, REG_RETRY_FIRST_MS);
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERING);
	assert_true(cseq_of(w, -1) > cseq_of(w, 0));
	answer_ok(w, 3600);
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERED);
}

/* Unregister (register 0, proxy_register 0, shutdown): Expires 0 and
 * Contact ;expires=0, a challenge answered on the way. */
static void test_unregister(void **state)
{
	struct world *w = *state;
	char v[512];

	start_line(w, base_cnf, 0);
	register_401(w, 3600);
	reg_stop(w->r);
	advance(w, 0);
	assert_int_equal(reg_status(w->r), REG_STATUS_UNREGISTERING);
	assert_string_equal(hdr(w, -1, "Expires", v, sizeof(v)), "0");
	assert_string_equal(hdr(w, -1, "Contact", v, sizeof(v)),
			    "<sip:4001@" PHONE ":5060>;expires=0");
	/* preemptive credentials, then a new nonce anyway */
	assert_non_null(hdr(w, -1, "Authorization", v, sizeof(v)));
	answer(w, 401, CHALLENGE("n9"));
	check_digest(w, -1, "Authorization", "n9", "sip:10.0.0.5");
	assert_false(reg_idle(w->r));
	answer(w, 200, NULL);
	assert_int_equal(reg_status(w->r), REG_STATUS_OFF);
	assert_true(reg_idle(w->r));
	/* Nothing else happens: no timer left. */
	advance(w, 10000000);
	assert_int_equal(w->npkt, 4);
	/* Stopping an idle line, or one that failed, sends nothing. */
	reg_stop(w->r);
	advance(w, 0);
	assert_int_equal(w->npkt, 4);
}

/* Unregister while the first REGISTER is in flight. */
static void test_unregister_while_registering(void **state)
{
	struct world *w = *state;

	start_line(w, base_cnf, 0);
	reg_stop(w->r);
	advance(w, 0);
	assert_int_equal(w->npkt, 2);
	assert_non_null(strstr(w->pkt[1].text, "Expires: 0\r\n"));
	answer(w, 200, NULL);
	assert_true(reg_idle(w->r));
}

/* nat_received_processing: the 200's received= is not our Contact: the
 * old Contact is unregistered, the new one registered. */
static void test_nat_received(void **state)
{
	struct world *w = *state;
	char cnf[600], v[512];
	struct reg_info i;

	snprintf(cnf, sizeof(cnf), "%snat_received_processing: 1\n", base_cnf);
	start_line(w, cnf, 0);
	answer_via(w, 200, "Expires: 3600\r\n", "203.0.113.7");
	assert_int_equal(w->npkt, 2);
	assert_string_equal(hdr(w, 1, "Contact", v, sizeof(v)),
			    "<sip:4001@" PHONE ":5060>;expires=0");
	answer(w, 200, NULL);
	assert_int_equal(w->npkt, 3);
	assert_string_equal(hdr(w, 2, "Contact", v, sizeof(v)),
			    "<sip:4001@203.0.113.7:5060>");
	assert_string_equal(hdr(w, 2, "Expires", v, sizeof(v)), "3600");
	answer_via(w, 200, "Expires: 3600\r\n", "203.0.113.7");
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERED);
	reg_get_info(w->r, &i);
	assert_string_equal(i.contact, "sip:4001@203.0.113.7:5060");
	assert_int_equal(w->npkt, 3);
	/* A new snapshot that changes nothing keeps the learnt address. */
	assert_false(reg_set_cnf(w->r, w->cnf));
	/* Without nat_received_processing received= is ignored. */
	reg_free(w->r);
	w->r = NULL;
	cnf_free(w->cnf);
	w->cnf = NULL;
	start_line(w, base_cnf, 0);
	answer_via(w, 200, "Expires: 3600\r\n", "203.0.113.7");
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERED);
}

/* The primary does not answer: the same REGISTER to proxy_backup; a
 * retry after a failure starts from the primary again. */
static void test_backup_failover(void **state)
{
	struct world *w = *state;
	char cnf[600];
	struct reg_info i;

	snprintf(cnf, sizeof(cnf),
		 "%sproxy_backup: 10.0.0.6\nproxy_backup_port: 5062\n",
		 base_cnf);
	start_line(w, cnf, 0);
	advance(w, 32000);
	assert_int_equal(w->pkt[w->npkt - 1].dst.ip, 0x0a000006);
	assert_int_equal(w->pkt[w->npkt - 1].dst.port, 5062);
	assert_non_null(strstr(w->pkt[w->npkt - 1].text,
			       "REGISTER sip:10.0.0.6:5062 SIP/2.0"));
	assert_non_null(strstr(w->pkt[w->npkt - 1].text,
			       "To: <sip:4001@10.0.0.6>"));
	answer(w, 401, "WWW-Authenticate: Digest realm=\"10.0.0.6\", "
		       "nonce=\"b1\"\r\n");
	answer_ok(w, 3600);
	reg_get_info(w->r, &i);
	assert_int_equal(i.status, REG_STATUS_REGISTERED);
	assert_true(i.on_backup);
	assert_string_equal(i.registrar, "10.0.0.6:5062");
	/* The refresh stays with the backup. */
	advance(w, reg_refresh_ms(3600));
	assert_int_equal(w->pkt[w->npkt - 1].dst.ip, 0x0a000006);
	/* The backup stops answering too: failed, then the primary. */
	advance(w, 32000);
	assert_int_equal(reg_status(w->r), REG_STATUS_FAILED);
	advance(w, REG_RETRY_FIRST_MS);
	assert_int_equal(w->pkt[w->npkt - 1].dst.ip, 0x0a000005);
}

/* "register 1 backup": straight to proxy_backup, its own Call-ID. */
static void test_backup_registration(void **state)
{
	struct world *w = *state;
	char cnf[600], id[128];

	snprintf(cnf, sizeof(cnf), "%sproxy_backup: 10.0.0.6\n", base_cnf);
	start_line(w, cnf, REG_F_BACKUP);
	assert_true(reg_provisioned(w->cnf, 1, REG_F_BACKUP));
	assert_int_equal(w->pkt[0].dst.ip, 0x0a000006);
	assert_int_equal(w->pkt[0].dst.port, 5060);
	assert_non_null(strstr(w->pkt[0].text, "REGISTER sip:10.0.0.6 SIP/2.0"));
	callid_of(w, 0, id, sizeof(id));
	assert_non_null(strstr(id, "-reg1B@"));
	answer_ok(w, 3600);
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERED);
}

/* 423 Interval Too Brief: again with Min-Expires, a bounded number of
 * times. */
static void test_423(void **state)
{
	struct world *w = *state;
	char cnf[600], v[64];

	snprintf(cnf, sizeof(cnf), "%stimer_register_expires: 30\n", base_cnf);
	start_line(w, cnf, 0);
	answer(w, 423, "Min-Expires: 60\r\n");
	assert_string_equal(hdr(w, -1, "Expires", v, sizeof(v)), "60");
	answer(w, 423, "Min-Expires: 120\r\n");
	assert_string_equal(hdr(w, -1, "Expires", v, sizeof(v)), "120");
	answer(w, 423, "Min-Expires: 240\r\n");
	assert_int_equal(reg_status(w->r), REG_STATUS_FAILED);
	assert_int_equal(w->npkt, 3);
}

/* The fake resolver answers 10.0.0.7:5070. */
static void resolved(struct world *w)
{
	struct dns_targets t;

	assert_non_null(w->dns_cb);
	memset(&t, 0, sizeof(t));
	t.n = 1;
	memcpy(&t.t[0].addr, "\x0a\x00\x00\x07", 4);
	t.t[0].port = 5070;
	w->dns_cb(w->dns_arg, 0, &t);
	advance(w, 0);
}

/* FQDN kept in the Request-URI, To and From; user_info; an explicit port. */
static void test_fqdn_user_info(void **state)
{
	struct world *w = *state;
	static const char cnf[] = "line1_name: 4001\n"
				  "proxy1_address: pbx.example.com\n"
				  "proxy1_port: 5070\n"
				  "user_info: phone\n";
	char v[512];

	start_line(w, cnf, 0);
	assert_string_equal(w->asked, "pbx.example.com:5070");
	resolved(w);
	assert_int_equal(w->npkt, 1);
	assert_int_equal(w->pkt[0].dst.ip, 0x0a000007);
	assert_non_null(strstr(w->pkt[0].text,
			       "REGISTER sip:pbx.example.com:5070 SIP/2.0"));
	assert_string_equal(hdr(w, 0, "To", v, sizeof(v)),
			    "<sip:4001@pbx.example.com;user=phone>");
	assert_string_equal(hdr(w, 0, "Contact", v, sizeof(v)),
			    "<sip:4001@" PHONE ":5060;user=phone>");
	assert_non_null(strstr(hdr(w, 0, "From", v, sizeof(v)),
			       "<sip:4001@pbx.example.com;user=phone>"));
	/* UNPROVISIONED credentials go as they are (Table 3-4). */
	answer(w, 401, "WWW-Authenticate: Digest realm=\"x\", nonce=\"a\"\r\n");
	resolved(w); /* every request is routed anew */
	assert_int_equal(w->npkt, 2);
	assert_non_null(strstr(hdr(w, -1, "Authorization", v, sizeof(v)),
			       "username=\"UNPROVISIONED\""));
}

/* A registered line whose settings change: the old binding goes, the new
 * one comes (here: a new display name and expires). */
static void test_reconfig_registered(void **state)
{
	struct world *w = *state;
	char cnf[600], v[512];

	start_line(w, base_cnf, 0);
	answer_ok(w, 3600);
	snprintf(cnf, sizeof(cnf), "%stimer_register_expires: 600\n", base_cnf);
	cnf_free(w->cnf);
	w->cnf = cnf_of(cnf);
	assert_true(reg_set_cnf(w->r, w->cnf));
	advance(w, 0);
	assert_string_equal(hdr(w, -1, "Expires", v, sizeof(v)), "0");
	answer(w, 200, NULL);
	assert_string_equal(hdr(w, -1, "Expires", v, sizeof(v)), "600");
	answer_ok(w, 600);
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERED);
}

/* Events nobody expects change nothing; a full queue loses events
 * loudly, never memory. */
static void test_unexpected_and_queue(void **state)
{
	struct world *w = *state;
	unsigned k;

	start_line(w, base_cnf, 0);
	answer_ok(w, 3600);
	for (k = 0; k < REG_EVQ_MAX + 2; k++)
		reg_start(w->r);
	advance(w, 0);
	assert_int_equal(reg_status(w->r), REG_STATUS_REGISTERED);
	assert_int_equal(w->npkt, 1);
	w->logbuf[w->loglen] = '\0';
	assert_non_null(strstr(w->logbuf, "event queue full"));
	/* A response to nothing in flight is a stray for the layer. */
	reg_free(w->r);
	w->r = NULL;
	assert_int_equal(reg_alloc(&w->r, &w->env, 0, 0, &reg_ops, w), -EINVAL);
	assert_int_equal(reg_alloc(&w->r, &w->env, CNF_LINES + 1, 0, &reg_ops, w),
			 -EINVAL);
	assert_null(w->r);
}

/* ---------------------------------------------------------------- phone */

static void screen_hook(void *arg, const struct lcd *l)
{
	(void)l;
	((struct world *)arg)->changes++;
}

static void stopped(void *arg)
{
	*(int *)arg = 1;
}

/* A phone whose timers, transaction layer and uac run on the fake clock
 * (what phone_lines.c uses of struct phone). */
static struct phone *fake_phone(struct world *w, const char *cnf)
{
	struct txn_cfg cfg = TXN_CFG_DEFAULT;
	struct phone *p = calloc(1, sizeof(*p));

	assert_non_null(p);
	w->phone = p;
	uac_free(w->uac);
	txn_layer_free(w->layer);
	snprintf(p->opt.ip, sizeof(p->opt.ip), "%s", PHONE);
	snprintf(p->opt.mac, sizeof(p->opt.mac), "00503EFFF842");
	assert_int_equal(rt_timers_init(&p->loop.timers, rt_fake_clock_now,
					&w->clock),
			 0);
	w->ts = &p->loop.timers;
	assert_int_equal(txn_layer_alloc(&w->layer, w->ts, &cfg, &layer_ops, w),
			 0);
	assert_int_equal(uac_alloc(&w->uac, w->layer, w->ts, NULL), 0);
	p->uac = w->uac;
	p->txn = w->layer;
	p->cnf = cnf_of(cnf);
	return p;
}

/* Six lines through phone_lines.c: one REGISTER each, line 3 with a wrong
 * password shows the "x", "register 0 2" unregisters line 2, and shutdown
 * waits for the unregisters. */
static void test_six_lines_phone(void **state)
{
	struct world *w = *state;
	struct phone *p;
	char text[4096];
	unsigned n, k;
	int done = 0;

	p = fake_phone(w, "proxy_register: 1\nproxy1_address: 10.0.0.5\n"
			"line1_name: 4001\nline1_password: " PASSWORD "\n"
			"line1_authname: 4001\n"
			"line2_name: 4002\nline3_name: 4003\n"
			"line3_password: bad\nline4_name: 4004\n"
			"line5_name: 4005\nline6_name: 4006\n"
			"proxy_backup: 10.0.0.6\n");
	phone_set_screen_hook(p, screen_hook, w);
	assert_int_equal(phone_lines_show(p, text, sizeof(text)), 18);
	assert_int_equal(phone_lines_register(p, 1, 1), -EAGAIN);
	assert_int_equal(phone_lines_start(p), 0);
	rt_fake_clock_advance(&w->clock, w->ts, 0);
	assert_int_equal(w->npkt, 6);
	for (n = 0; n < 6; n++) {
		char want[64];

		snprintf(want, sizeof(want), "To: <sip:400%u@10.0.0.5>", n + 1);
		for (k = 0; k < 6; k++)
			if (strstr(w->pkt[k].text, want))
				break;
		assert_true(k < 6);
	}
	/* Answer each: line 3 is refused twice (wrong password). */
	for (k = 0; k < 6; k++) {
		const struct sip_msg *m;
		char req[PKT_MAX];
		struct sip_err err;
		struct sip_resp rs = {.status = 200};
		struct sip_mbuf b;
		char buf[PKT_MAX];

		memcpy(req, w->pkt[k].text, w->pkt[k].len + 1);
		assert_int_equal(sip_msg_parse(&w->msg, req, w->pkt[k].len, 0,
					       &err),
				 0);
		m = &w->msg;
		if (sip_pl_eq(&m->to.uri.user, "4003")) {
			rs.status = 403;
		}
		sip_mbuf_init(&b, buf, sizeof(buf));
		rs.to_tag = sip_pl_mk("t", 1);
		assert_int_equal(sip_build_response(&b, m, &rs), 0);
		txn_layer_recv(w->layer, buf, b.len, &w->pkt[k].dst);
	}
	rt_fake_clock_advance(&w->clock, w->ts, 0);
	for (n = 1; n <= 6; n++)
		assert_int_equal(p->lcd.line[n - 1].reg_failed, n == 3);
	assert_non_null(strstr(p->lcd.prompt, "Line 3: 403 Forbidden"));
	assert_true(w->changes > 0);
	assert_true(phone_lines_show(p, text, sizeof(text)) > 0);
	assert_non_null(strstr(text, "line 1 registered"));
	assert_non_null(strstr(text, "line 3 failed"));
	assert_int_equal(phone_lines_show(p, text, 40), -ENOSPC);

	/* CLI: bad arguments, then register 0 2. */
	assert_int_equal(phone_lines_register(p, 2, 1), -EINVAL);
	assert_int_equal(phone_lines_register(p, 1, 7), -EINVAL);
	assert_int_equal(phone_lines_register(p, 1, -1), -EINVAL);
	k = w->npkt;
	assert_int_equal(phone_lines_register(p, 0, 2), 0);
	rt_fake_clock_advance(&w->clock, w->ts, 0);
	assert_int_equal(w->npkt, k + 1);
	assert_non_null(strstr(w->pkt[k].text, "To: <sip:4002@10.0.0.5>"));
	assert_non_null(strstr(w->pkt[k].text, "Expires: 0"));
	answer(w, 200, NULL);
	/* register 1 backup: every provisioned line with the backup too. */
	k = w->npkt;
	assert_int_equal(phone_lines_register(p, 1, PHONE_LINES_BACKUP), 0);
	rt_fake_clock_advance(&w->clock, w->ts, 0);
	assert_int_equal(w->npkt, k + 6);
	assert_int_equal(w->pkt[k].dst.ip, 0x0a000006);

	/* Shutdown: unregisters go out; the answers end the wait early. */
	phone_lines_stop(p, stopped, &done);
	assert_int_equal(phone_lines_register(p, 1, 1), -EAGAIN);
	k = w->npkt;
	rt_fake_clock_advance(&w->clock, w->ts, 0);
	/* lines 1, 4, 5, 6 and the six backup registrations; line 2 is off,
	 * line 3 failed (nothing bound) */
	assert_int_equal(w->npkt, k + 10);
	for (n = k; n < w->npkt; n++) {
		struct sip_err err;
		struct sip_resp rs = {.status = 200};
		struct sip_mbuf b;
		char buf[PKT_MAX], req[PKT_MAX];

		assert_non_null(strstr(w->pkt[n].text, "Expires: 0\r\n"));
		memcpy(req, w->pkt[n].text, w->pkt[n].len + 1);
		assert_int_equal(sip_msg_parse(&w->msg, req, w->pkt[n].len, 0,
					       &err),
				 0);
		sip_mbuf_init(&b, buf, sizeof(buf));
		assert_int_equal(sip_build_response(&b, &w->msg, &rs), 0);
		txn_layer_recv(w->layer, buf, b.len, &w->pkt[n].dst);
	}
	rt_fake_clock_advance(&w->clock, w->ts, PHONE_LINES_POLL_MS);
	assert_int_equal(done, 1);
	assert_null(p->lines);
	/* Not started: done at once. */
	done = 0;
	phone_lines_stop(p, stopped, &done);
	assert_int_equal(done, 1);
}

/* Shutdown with a registrar that does not answer: bounded. */
static void test_stop_bounded(void **state)
{
	struct world *w = *state;
	struct phone *p = fake_phone(w, base_cnf);
	int done = 0;

	assert_int_equal(phone_lines_start(p), 0);
	rt_fake_clock_advance(&w->clock, w->ts, 0);
	phone_lines_stop(p, stopped, &done);
	rt_fake_clock_advance(&w->clock, w->ts,
			      PHONE_LINES_STOP_MS - 1);
	assert_int_equal(done, 0);
	rt_fake_clock_advance(&w->clock, w->ts, 1);
	assert_int_equal(done, 1);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_request_content_and_401),
		T(test_refresh_timing),
		T(test_contact_expires_wins),
		T(test_407),
		T(test_stale_nonce),
		T(test_wrong_password_backoff_recovery),
		T(test_403),
		T(test_timeout_retry),
		T(test_unregister),
		T(test_unregister_while_registering),
		T(test_nat_received),
		T(test_backup_failover),
		T(test_backup_registration),
		T(test_423),
		T(test_fqdn_user_info),
		T(test_reconfig_registered),
		T(test_unexpected_and_queue),
		T(test_six_lines_phone),
		T(test_stop_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
