/*
 * test_uac.c - routing and failover of the phone's own requests
 * (runtime/uac): outbound proxy, SRV targets in turn, the backup proxy
 * after the configured retries (Figure B-15), the emergency proxy; on a
 * fake clock, a fake network and a fake resolver.
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

#include "uac/uac.h"
#include "uac/uac_cnf.h"

enum { MAXPKT = 64 };

struct world {
	struct rt_fake_clock clock;
	struct rt_timers timers;
	struct txn_layer *layer;
	struct uac *uac;
	struct {
		uint64_t at;
		struct net_addr dst;
		char branch[64];
		char method[16];
	} pkt[MAXPKT];
	unsigned npkt;
	/* the fake resolver */
	char asked[256];
	unsigned resolves;
	dns_cb *cb;
	void *cbarg;
	/* the user */
	const char *method;
	unsigned responses, backups, failures, dones;
	int fail_err;
	uint16_t status;
};

static int fake_send(void *arg, const struct net_addr *dst, const char *buf,
		     size_t len)
{
	struct world *w = arg;
	char text[2048]; /* BUF is not NUL-terminated */
	const char *b;

	assert_true(w->npkt < MAXPKT);
	assert_true(len < sizeof(text));
	memcpy(text, buf, len);
	text[len] = '\0';
	w->pkt[w->npkt].at = w->clock.now;
	w->pkt[w->npkt].dst = *dst;
	sscanf(text, "%15s", w->pkt[w->npkt].method);
	b = strstr(text, "branch=");
	assert_non_null(b);
	sscanf(b + 7, "%63[^\r\n;]", w->pkt[w->npkt].branch);
	w->npkt++;
	return 0;
}

static const struct txn_layer_ops layer_ops = {.send = fake_send};

static int fake_resolve(void *arg, const char *host, uint16_t port,
			dns_cb *cb, void *cbarg, struct dns_req **reqp)
{
	struct world *w = arg;

	snprintf(w->asked, sizeof(w->asked), "%s:%u", host, port);
	w->resolves++;
	w->cb = cb;
	w->cbarg = cbarg;
	*reqp = (struct dns_req *)w; /* any non-NULL handle */
	return 0;
}

static void fake_cancel(struct dns_req *q)
{
	((struct world *)q)->cb = NULL;
}

static struct world *W;

static int setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));
	struct txn_cfg cfg = TXN_CFG_DEFAULT;
	struct uac_resolver res = {fake_resolve, fake_cancel, NULL};

	if (!w)
		return -1;
	res.arg = w;
	rt_timers_init(&w->timers, rt_fake_clock_now, &w->clock);
	if (txn_layer_alloc(&w->layer, &w->timers, &cfg, &layer_ops, w) ||
	    uac_alloc(&w->uac, w->layer, &w->timers, &res))
		return -1;
	w->method = "INVITE";
	W = w;
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;

	uac_free(w->uac);
	txn_layer_free(w->layer);
	rt_timers_fini(&w->timers);
	free(w);
	return 0;
}

static int build(void *arg, struct sip_mbuf *b, const char *branch,
		 const struct net_addr *hop)
{
	struct world *w = arg;

	(void)hop;
	/* The Request-URI is the callee's, whatever the next hop. */
	return sip_mbuf_printf(b,
			       "%s sip:4250@example.com SIP/2.0\r\n"
			       "Via: SIP/2.0/UDP 127.0.0.2:5060;branch=%s\r\n"
			       "Max-Forwards: 70\r\n"
			       "From: <sip:4251@example.com>;tag=f1\r\n"
			       "To: <sip:4250@example.com>\r\n"
			       "Call-ID: u1@127.0.0.2\r\n"
			       "CSeq: 1 %s\r\n"
			       "Content-Length: 0\r\n\r\n",
			       w->method, branch, w->method);
}

static void on_response(void *arg, struct uac_req *r, const struct sip_msg *m)
{
	struct world *w = arg;

	(void)r;
	w->responses++;
	w->status = m->status;
}

static void on_backup(void *arg, struct uac_req *r)
{
	(void)r;
	((struct world *)arg)->backups++;
}

static void on_failed(void *arg, struct uac_req *r, int err)
{
	struct world *w = arg;

	(void)r;
	w->failures++;
	w->fail_err = err;
}

static void on_done(void *arg, struct uac_req *r)
{
	(void)r;
	((struct world *)arg)->dones++;
}

static const struct uac_ops ops = {
	.build = build,
	.response = on_response,
	.backup = on_backup,
	.failed = on_failed,
	.done = on_done,
};

static void hop(struct uac_hop *h, const char *host, uint16_t port)
{
	snprintf(h->host, sizeof(h->host), "%s", host);
	h->port = port;
}

static void advance(struct world *w, uint64_t ms)
{
	rt_fake_clock_advance(&w->clock, &w->timers, ms);
}

/* Answer the last request sent, from where it went. */
static void answer(struct world *w, unsigned status)
{
	char buf[1024];
	int n = snprintf(buf, sizeof(buf),
			 "SIP/2.0 %u X\r\n"
			 "Via: SIP/2.0/UDP 127.0.0.2:5060;branch=%s\r\n"
			 "From: <sip:4251@example.com>;tag=f1\r\n"
			 "To: <sip:4250@example.com>;tag=t9\r\n"
			 "Call-ID: u1@127.0.0.2\r\n"
			 "CSeq: 1 %s\r\n"
			 "Content-Length: 0\r\n\r\n",
			 status, w->pkt[w->npkt - 1].branch, w->method);

	txn_layer_recv(w->layer, buf, (size_t)n, &w->pkt[w->npkt - 1].dst);
}

static void resolve_to(struct world *w, unsigned n, const uint32_t *ip,
		       uint16_t port)
{
	struct dns_targets t;
	unsigned i;

	assert_non_null(w->cb);
	memset(&t, 0, sizeof(t));
	t.n = (uint8_t)n;
	t.srv = 1;
	for (i = 0; i < n; i++) {
		uint8_t *b = (uint8_t *)&t.t[i].addr;

		b[0] = (uint8_t)(ip[i] >> 24);
		b[1] = (uint8_t)(ip[i] >> 16);
		b[2] = (uint8_t)(ip[i] >> 8);
		b[3] = (uint8_t)ip[i];
		t.t[i].port = port;
	}
	w->cb(w->cbarg, 0, &t);
	w->cb = NULL;
}

static void test_dotted_proxy(void **state)
{
	struct world *w = *state;
	struct uac_route rt = {0};

	hop(&rt.proxy, "10.0.0.5", 5070);
	assert_int_equal(uac_send(w->uac, &rt, 0, &ops, w, NULL), 0);
	assert_int_equal(w->npkt, 0); /* from the loop, never inside */
	advance(w, 0);
	assert_int_equal(w->resolves, 0);
	assert_int_equal(w->npkt, 1);
	assert_int_equal(w->pkt[0].dst.ip, 0x0a000005);
	assert_int_equal(w->pkt[0].dst.port, 5070);
	answer(w, 180);
	answer(w, 200);
	assert_int_equal(w->responses, 2);
	assert_int_equal(w->status, 200);
	advance(w, 40000);
	assert_int_equal(w->dones, 1);
	assert_int_equal(w->failures, 0);
}

/* The route is the caller's to reuse once uac_send returns: the hop is
 * taken from the request's own copy (an in-dialog request builds its
 * route on the stack). */
static void test_route_copied(void **state)
{
	struct world *w = *state;
	struct uac_route rt = {0};

	hop(&rt.proxy, "10.0.0.9", 5080);
	assert_int_equal(uac_send(w->uac, &rt, 0, &ops, w, NULL), 0);
	memset(&rt, 0x55, sizeof(rt)); /* gone before the loop runs */
	advance(w, 0);
	assert_int_equal(w->resolves, 0);
	assert_int_equal(w->npkt, 1);
	assert_int_equal(w->pkt[0].dst.ip, 0x0a000009);
	assert_int_equal(w->pkt[0].dst.port, 5080);
}

/* "When outbound proxy is enabled, all SIP requests are sent to the
 * outbound proxy server instead of the proxyN_address." */
static void test_outbound_proxy(void **state)
{
	struct world *w = *state;
	struct uac_route rt = {0};

	hop(&rt.proxy, "10.0.0.5", 0);
	hop(&rt.outbound, "obp.example.com", 0);
	uac_send(w->uac, &rt, 0, &ops, w, NULL);
	advance(w, 0);
	assert_string_equal(w->asked, "obp.example.com:0");
	resolve_to(w, 1, (uint32_t[]){0x0a000009}, 5060);
	assert_int_equal(w->pkt[0].dst.ip, 0x0a000009);
	answer(w, 200);
	assert_int_equal(w->status, 200);
}

/* SRV targets in turn (RFC 3263 4.3): the second answers; the retry is a
 * new transaction (new branch). */
static void test_srv_failover(void **state)
{
	struct world *w = *state;
	struct uac_route rt = {0};
	struct uac_req *r;
	struct txn_cfg fast = {100, 400, 6, 2};

	txn_layer_set_cfg(w->layer, &fast);
	w->method = "REGISTER";
	hop(&rt.proxy, "example.com", 0);
	uac_send(w->uac, &rt, 0, &ops, w, &r);
	advance(w, 0);
	assert_string_equal(w->asked, "example.com:0");
	resolve_to(w, 2, (uint32_t[]){0x0a000001, 0x0a000002}, 5060);
	advance(w, 700); /* 0, 100, 300; gives up at 700 */
	assert_int_equal(w->npkt, 4);
	assert_int_equal(w->pkt[2].dst.ip, 0x0a000001);
	assert_int_equal(w->pkt[3].dst.ip, 0x0a000002);
	assert_int_equal(w->pkt[3].at, 700);
	assert_string_not_equal(w->pkt[3].branch, w->pkt[0].branch);
	assert_int_equal(uac_req_attempts(r), 2);
	answer(w, 200);
	assert_int_equal(w->status, 200);
	assert_int_equal(w->failures, 0);
	advance(w, 10000);
	assert_int_equal(w->dones, 1);
}

/* Figure B-15: seven INVITEs to the primary, "Network Delay, Trying
 * Backup", then the INVITE to the backup. */
static void test_invite_backup(void **state)
{
	struct world *w = *state;
	struct uac_route rt = {0};
	struct uac_req *r;
	unsigned i;

	hop(&rt.proxy, "10.0.0.5", 0);
	hop(&rt.backup, "10.0.0.6", 5062);
	uac_send(w->uac, &rt, 0, &ops, w, &r);
	advance(w, 31999);
	assert_int_equal(w->npkt, 7);
	for (i = 0; i < 7; i++)
		assert_int_equal(w->pkt[i].dst.ip, 0x0a000005);
	assert_int_equal(w->backups, 0);
	advance(w, 1);
	assert_int_equal(w->backups, 1);
	assert_int_equal(w->npkt, 8);
	assert_int_equal(w->pkt[7].dst.ip, 0x0a000006);
	assert_int_equal(w->pkt[7].dst.port, 5062);
	assert_string_equal(w->pkt[7].method, "INVITE");
	assert_true(uac_req_on_backup(r));
	answer(w, 100);
	answer(w, 200);
	assert_int_equal(w->status, 200);
	assert_int_equal(w->failures, 0);
}

/* Only INVITEs move to the backup. */
static void test_register_no_backup(void **state)
{
	struct world *w = *state;
	struct uac_route rt = {0};

	w->method = "REGISTER";
	hop(&rt.proxy, "10.0.0.5", 0);
	hop(&rt.backup, "10.0.0.6", 0);
	uac_send(w->uac, &rt, 0, &ops, w, NULL);
	advance(w, 40000);
	assert_int_equal(w->npkt, 11);
	assert_int_equal(w->backups, 0);
	assert_int_equal(w->failures, 1);
	assert_int_equal(w->fail_err, -ETIMEDOUT);
	assert_int_equal(w->dones, 1);
}

/* "Once the backup proxy is used, it is active for the duration of the
 * call"; register with the backup (CLI "register 1 backup"). */
static void test_sticky_and_backup_only(void **state)
{
	struct world *w = *state;
	struct uac_route rt = {0};

	w->method = "BYE";
	hop(&rt.proxy, "10.0.0.5", 0);
	hop(&rt.backup, "10.0.0.6", 0);
	uac_send(w->uac, &rt, UAC_STICKY, &ops, w, NULL);
	advance(w, 0);
	assert_int_equal(w->pkt[0].dst.ip, 0x0a000006);
	w->method = "REGISTER";
	uac_send(w->uac, &rt, UAC_BACKUP_ONLY, &ops, w, NULL);
	advance(w, 0);
	assert_int_equal(w->pkt[1].dst.ip, 0x0a000006);
	/* Nothing configured where the request must go. */
	memset(&rt.backup, 0, sizeof(rt.backup));
	assert_int_equal(uac_send(w->uac, &rt, UAC_STICKY, &ops, w, NULL),
			 -EINVAL);
	memset(&rt, 0, sizeof(rt));
	assert_int_equal(uac_send(w->uac, &rt, 0, &ops, w, NULL), -EINVAL);
}

/* Route=emergency: proxy_emergency, even with an outbound proxy; without
 * one configured, the default route. */
static void test_emergency(void **state)
{
	struct world *w = *state;
	struct uac_route rt = {0};

	hop(&rt.proxy, "10.0.0.5", 0);
	hop(&rt.outbound, "10.0.0.7", 0);
	hop(&rt.emergency, "10.0.0.8", 0);
	uac_send(w->uac, &rt, UAC_EMERGENCY, &ops, w, NULL);
	advance(w, 0);
	assert_int_equal(w->pkt[0].dst.ip, 0x0a000008);
	memset(&rt.emergency, 0, sizeof(rt.emergency));
	uac_send(w->uac, &rt, UAC_EMERGENCY, &ops, w, NULL);
	advance(w, 0);
	assert_int_equal(w->pkt[1].dst.ip, 0x0a000007);
}

/* A name that does not resolve: an INVITE goes to the backup, anything
 * else fails with the DNS error. */
static void test_dns_failure(void **state)
{
	struct world *w = *state;
	struct uac_route rt = {0};

	hop(&rt.proxy, "nowhere.example", 0);
	hop(&rt.backup, "10.0.0.6", 0);
	uac_send(w->uac, &rt, UAC_INVITE, &ops, w, NULL);
	advance(w, 0);
	w->cb(w->cbarg, -EHOSTUNREACH, NULL);
	advance(w, 0);
	assert_int_equal(w->backups, 1);
	assert_int_equal(w->pkt[0].dst.ip, 0x0a000006);
	w->method = "OPTIONS";
	uac_send(w->uac, &rt, 0, &ops, w, NULL);
	advance(w, 0);
	w->cb(w->cbarg, -EHOSTUNREACH, NULL);
	assert_int_equal(w->failures, 1);
	assert_int_equal(w->fail_err, -EHOSTUNREACH);
}

/* Abandoned while resolving: no callback, nothing left behind. */
static void test_abandon(void **state)
{
	struct world *w = *state;
	struct uac_route rt = {0};
	struct uac_req *r;

	hop(&rt.proxy, "slow.example", 0);
	uac_send(w->uac, &rt, 0, &ops, w, &r);
	advance(w, 0);
	assert_non_null(w->cb);
	uac_abandon(r);
	assert_null(w->cb); /* cancelled */
	advance(w, 0);
	assert_int_equal(w->responses + w->failures + w->dones, 0);
	/* and while a transaction runs */
	hop(&rt.proxy, "10.0.0.5", 0);
	uac_send(w->uac, &rt, 0, &ops, w, &r);
	advance(w, 0);
	uac_abandon(r);
	answer(w, 200);
	advance(w, 40000);
	assert_int_equal(w->responses + w->failures + w->dones, 0);
}

static struct cnf *cnf_of(const char *text)
{
	struct cnf *c = cnf_text(text);

	assert_non_null(c);
	return c;
}

/* Table 3-3: a port the administrator sets is explicit; a default one
 * leaves a name to its SRV records. */
static void test_route_from_cnf(void **state)
{
	struct cnf *c = cnf_of("proxy1_address: pbx.example.com\n"
			       "proxy3_address: 10.0.0.3\nproxy3_port: 5080\n"
			       "outbound_proxy: obp.example.com\n"
			       "proxy_backup: 10.0.0.6\n"
			       "proxy_emergency: 10.0.0.8\n"
			       "proxy_emergency_port: 5090\n");
	struct uac_route rt;

	(void)state;
	uac_route_from_cnf(&rt, c, 1);
	assert_string_equal(rt.proxy.host, "pbx.example.com");
	assert_int_equal(rt.proxy.port, 0);
	assert_string_equal(rt.outbound.host, "obp.example.com");
	assert_string_equal(rt.backup.host, "10.0.0.6");
	assert_string_equal(rt.emergency.host, "10.0.0.8");
	assert_int_equal(rt.emergency.port, 5090);
	uac_route_from_cnf(&rt, c, 2); /* falls back to proxy1 */
	assert_string_equal(rt.proxy.host, "pbx.example.com");
	assert_int_equal(rt.proxy.port, 0); /* still SRV's to say */
	uac_route_from_cnf(&rt, c, 3);
	assert_string_equal(rt.proxy.host, "10.0.0.3");
	assert_int_equal(rt.proxy.port, 5080);
	cnf_free(c);
}

/* nat_enable: "Contact: sip:lineN_name@nat_address:voip_control_port",
 * else the phone's own address. */
static void test_local_from_cnf(void **state)
{
	struct cnf *c = cnf_of("nat_enable: 1\nnat_address: 203.0.113.9\n"
			       "voip_control_port: 5070\n");
	struct uac_local lo;

	(void)state;
	uac_local_from_cnf(&lo, c, "127.0.0.2");
	assert_string_equal(lo.host, "203.0.113.9");
	assert_int_equal(lo.port, 5070);
	cnf_free(c);
	c = cnf_of("nat_enable: 1\nnat_address: UNPROVISIONED\n");
	uac_local_from_cnf(&lo, c, "127.0.0.2");
	assert_string_equal(lo.host, "127.0.0.2");
	assert_int_equal(lo.port, 5060);
	cnf_free(c);
	c = cnf_of("nat_enable: 0\nnat_address: 203.0.113.9\n");
	uac_local_from_cnf(&lo, c, "127.0.0.2");
	assert_string_equal(lo.host, "127.0.0.2");
	cnf_free(c);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_dotted_proxy),
		T(test_route_copied),
		T(test_outbound_proxy),
		T(test_srv_failover),
		T(test_invite_backup),
		T(test_register_no_backup),
		T(test_sticky_and_backup_only),
		T(test_emergency),
		T(test_dns_failure),
		T(test_abandon),
		cmocka_unit_test(test_route_from_cnf),
		cmocka_unit_test(test_local_from_cnf),
	};

	(void)W;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
