/*
 * test_uac_dns.c - the phone's request routing end to end on loopback: a
 * real DNS server (dnsmasq) with SRV records, the libuv loop, the SIP UDP
 * socket, the transaction layer and a real sipp.  The preferred SRV target
 * is dead; the request fails over to the next one, which answers.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "rt/rt_loop.h"
#include "transport/sip_udp.h"
#include "txn/txn.h"
#include "uac/uac_dns.h"
#include "support/peer.h"

#define DNS_IP "127.0.0.53"
#define DEAD_IP "127.0.0.31"  /* SRV priority 10: nobody listens */
#define SIPP_IP "127.0.0.32"  /* SRV priority 20: sipp */
#define SIP_PORT 15064

static uv_loop_t uv;
static struct rt_loop loop;
static struct sip_udp udp;
static struct txn_layer *layer;
static struct dns_resolver *resolver;
static struct uac *uac;
static pid_t dnsmasq, sipp;
static uint16_t dns_port;
static struct rt_timer guard;
static int done;
static uint16_t status;
static int failed_err;

static int udp_send(void *arg, const struct net_addr *dst, const char *buf,
		    size_t len)
{
	(void)arg;
	return sip_udp_send(&udp, dst, buf, len);
}

static void udp_recv(void *arg, const char *buf, size_t len,
		     const struct net_addr *src)
{
	(void)arg;
	txn_layer_recv(layer, buf, len, src);
}

static const struct txn_layer_ops layer_ops = {.send = udp_send};

static int build(void *arg, struct sip_mbuf *b, const char *branch,
		 const struct net_addr *hop)
{
	char local[NET_ADDR_STR_MAX];

	(void)arg;
	(void)hop;
	net_addr_fmt(&udp.local, local, sizeof(local));
	return sip_mbuf_printf(b,
			       "OPTIONS sip:4250@pbx.test SIP/2.0\r\n"
			       "Via: SIP/2.0/UDP %s;branch=%s\r\n"
			       "Max-Forwards: 70\r\n"
			       "From: <sip:4251@pbx.test>;tag=f1\r\n"
			       "To: <sip:4250@pbx.test>\r\n"
			       "Call-ID: %s@127.0.0.1\r\n"
			       "CSeq: 1 OPTIONS\r\n"
			       "Content-Length: 0\r\n\r\n",
			       local, branch, branch);
}

static void on_response(void *arg, struct uac_req *r, const struct sip_msg *m)
{
	(void)arg;
	(void)r;
	status = m->status;
}

static void on_failed(void *arg, struct uac_req *r, int err)
{
	(void)arg;
	(void)r;
	failed_err = err;
}

static void on_done(void *arg, struct uac_req *r)
{
	(void)arg;
	(void)r;
	done = 1;
}

static const struct uac_ops ops = {
	.build = build,
	.response = on_response,
	.failed = on_failed,
	.done = on_done,
};

static void on_guard(struct rt_timer *t, void *arg)
{
	(void)t;
	(void)arg;
	done = -1;
}

static void on_closed(void *arg)
{
	(void)arg;
}

static int setup(void **state)
{
	const char *src = getenv("SIPPHONE_SRC");
	static char port_arg[32], scen[512], dm_path[256], sp_path[256];
	struct net_addr local = {0x7f000001, 0};
	struct txn_cfg cfg = {100, 400, 6, 2}; /* give up on a target fast */
	struct dns_config dc = {.dns_server = {DNS_IP}};
	struct uac_resolver res;

	(void)state;
	/* peer_find() returns one static buffer: copy each answer. */
	if (!peer_find("dnsmasq"))
		return 0; /* the test says it skips */
	snprintf(dm_path, sizeof(dm_path), "%s", peer_find("dnsmasq"));
	if (!peer_find("sipp"))
		return 0;
	snprintf(sp_path, sizeof(sp_path), "%s", peer_find("sipp"));
	/* A port for DNS that is free now. */
	dns_port = (uint16_t)(20000 + getpid() % 20000);
	snprintf(port_arg, sizeof(port_arg), "--port=%u", dns_port);
	{
		char *argv[] = {dm_path, "--keep-in-foreground", port_arg,
				"--listen-address=" DNS_IP, "--bind-interfaces",
				"--no-resolv", "--no-hosts", "--no-poll",
				"--conf-file=/dev/null", "--pid-file=",
				"--local=/test/",
				"--srv-host=_sip._udp.pbx.test,dead.pbx.test,15064,10,0",
				"--srv-host=_sip._udp.pbx.test,live.pbx.test,15064,20,0",
				"--host-record=dead.pbx.test," DEAD_IP,
				"--host-record=live.pbx.test," SIPP_IP, NULL};

		dnsmasq = peer_spawn(argv);
	}
	if (dnsmasq < 0 ||
	    peer_wait_dns(DNS_IP, dns_port, "live.pbx.test", dnsmasq)) {
		peer_stop(&dnsmasq);
		return -1;
	}
	snprintf(scen, sizeof(scen), "%s/tests/data/sipp/options_uas.xml",
		 src ? src : ".");
	{
		char *argv[] = {sp_path, "-sf", scen, "-i", SIPP_IP, "-p",
				"15064", "-m", "1", "-nostdin", "-timeout",
				"30s", NULL};

		sipp = peer_spawn(argv);
	}
	/* Setting up the loop cannot fail here short of memory; a failure
	 * aborts the group (the peers are reaped by their own -timeout and
	 * the kernel). */
	dc.port = dns_port;
	if (sipp < 0 || uv_loop_init(&uv) || rt_loop_init(&loop, &uv) ||
	    sip_udp_open(&udp, &uv, &local, udp_recv, NULL) ||
	    txn_layer_alloc(&layer, &loop.timers, &cfg, &layer_ops, NULL) ||
	    dns_resolver_open(&uv, &dc, &resolver))
		abort();
	res = uac_dns_resolver(resolver);
	return uac_alloc(&uac, layer, &loop.timers, &res);
}

static int teardown(void **state)
{
	(void)state;
	if (!dnsmasq)
		return 0;
	uac_free(uac);
	txn_layer_free(layer);
	dns_resolver_close(resolver, on_closed, NULL);
	sip_udp_close(&udp, NULL);
	rt_loop_close(&loop);
	uv_run(&uv, UV_RUN_DEFAULT);
	peer_stop(&sipp);
	peer_stop(&dnsmasq);
	return uv_loop_close(&uv) == 0 ? 0 : -1;
}

static void test_srv_failover_to_sipp(void **state)
{
	struct uac_route rt = {0};
	struct uac_req *r;

	(void)state;
	if (!dnsmasq) {
		print_message("dnsmasq or sipp not installed: skipped\n");
		skip();
	}
	snprintf(rt.proxy.host, sizeof(rt.proxy.host), "pbx.test");
	assert_int_equal(uac_send(uac, &rt, 0, &ops, NULL, &r), 0);
	rt_timer_start(&loop.timers, &guard, 20000, on_guard, NULL);
	while (!done && uv_run(&uv, UV_RUN_ONCE))
		;
	rt_timer_stop(&loop.timers, &guard);
	assert_int_equal(done, 1);
	assert_int_equal(failed_err, 0);
	assert_int_equal(status, 200);
	/* three copies to the dead target, one to sipp */
	assert_int_equal(udp.tx, 4);
	assert_int_equal(txn_layer_stats(layer)->retransmissions, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_srv_failover_to_sipp),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
