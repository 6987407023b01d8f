/*
 * test_transport.c - the libuv loop, the SIP UDP socket, the TCP receive
 * path and the transaction layer over real sockets on 127.0.0.0/8: two
 * layers talking, a real sipp that is started late so that only
 * retransmissions reach it, TCP in one-byte pieces, and a shutdown that
 * leaves no handle open.
 */
#define _DEFAULT_SOURCE /* kill, usleep */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <sys/socket.h>

#include "rt/rt_loop.h"
#include "transport/sip_tcp_rx.h"
#include "transport/sip_udp.h"
#include "txn/txn.h"

struct end {
	struct sip_udp udp;
	struct txn_layer *layer;
	unsigned requests, responses, timeouts;
	uint16_t last_status;
};

static uv_loop_t uv;
static struct rt_loop loop;
static struct rt_timer guard;
static int done;

static int end_send(void *arg, const struct net_addr *dst, const char *buf,
		    size_t len)
{
	return sip_udp_send(&((struct end *)arg)->udp, dst, buf, len);
}

static void end_recv(void *arg, const char *buf, size_t len,
		     const struct net_addr *src)
{
	txn_layer_recv(((struct end *)arg)->layer, buf, len, src);
}

static void end_request(void *arg, struct txn *t, const struct sip_msg *req,
			const struct net_addr *src)
{
	(void)req;
	(void)src;
	((struct end *)arg)->requests++;
	assert_int_equal(txn_respond_status(t, 200, "b1"), 0);
}

static const struct txn_layer_ops end_ops = {
	.send = end_send,
	.request = end_request,
};

static void on_response(void *arg, struct txn *t, const struct sip_msg *m)
{
	struct end *e = arg;

	(void)t;
	e->responses++;
	e->last_status = m->status;
	if (m->status >= 200)
		done = 1;
}

static void on_timeout(void *arg, struct txn *t)
{
	(void)t;
	((struct end *)arg)->timeouts++;
	done = 1;
}

static const struct txn_user_ops user = {
	.response = on_response,
	.timeout = on_timeout,
};

static void on_guard(struct rt_timer *t, void *arg)
{
	(void)t;
	(void)arg;
	done = -1;
}

/* Run the loop until DONE or MS pass (bounded: never hangs). */
static void run_until_done(uint64_t ms)
{
	done = 0;
	rt_timer_start(&loop.timers, &guard, ms, on_guard, NULL);
	while (!done && uv_run(&uv, UV_RUN_ONCE))
		;
	rt_timer_stop(&loop.timers, &guard);
}

static void end_open(struct end *e, uint32_t ip, uint16_t port)
{
	struct net_addr local = {ip, port};
	struct txn_cfg cfg = TXN_CFG_DEFAULT;

	memset(e, 0, sizeof(*e));
	assert_int_equal(sip_udp_open(&e->udp, &uv, &local, end_recv, e), 0);
	assert_int_equal(txn_layer_alloc(&e->layer, &loop.timers, &cfg,
					 &end_ops, e),
			 0);
}

static int closed;

static void on_closed(uv_handle_t *h)
{
	(void)h;
	closed = 1;
}

/* Handles live in the test's stack frame: wait until libuv is done with
 * them before the frame goes. */
static void wait_closed(void)
{
	while (!closed && uv_run(&uv, UV_RUN_ONCE))
		;
	assert_int_equal(closed, 1);
}

static void end_close(struct end *e)
{
	txn_layer_free(e->layer);
	closed = 0;
	sip_udp_close(&e->udp, on_closed);
	wait_closed();
}

static int setup(void **state)
{
	(void)state;
	if (uv_loop_init(&uv))
		return -1;
	return rt_loop_init(&loop, &uv);
}

/* Everything closed: the loop closes cleanly (valgrind: no leak). */
static int teardown(void **state)
{
	(void)state;
	rt_loop_close(&loop);
	uv_run(&uv, UV_RUN_DEFAULT);
	return uv_loop_close(&uv) == 0 ? 0 : -1;
}

static size_t options(char *buf, size_t size, const struct net_addr *from,
		      const struct net_addr *to, const char *branch)
{
	char a[NET_ADDR_STR_MAX], b[NET_ADDR_STR_MAX];
	int n = snprintf(buf, size,
			 "OPTIONS sip:t@%s SIP/2.0\r\n"
			 "Via: SIP/2.0/UDP %s;branch=%s\r\n"
			 "Max-Forwards: 70\r\n"
			 "From: <sip:a@%s>;tag=a1\r\n"
			 "To: <sip:t@%s>\r\n"
			 "Call-ID: %s@test\r\n"
			 "CSeq: 1 OPTIONS\r\n"
			 "Content-Length: 0\r\n\r\n",
			 net_addr_fmt(to, b, sizeof(b)),
			 net_addr_fmt(from, a, sizeof(a)), branch, a, b, branch);

	assert_true(n > 0 && (size_t)n < size);
	return (size_t)n;
}

static void test_two_layers(void **state)
{
	struct end a, b;
	char buf[1024];
	size_t len;

	(void)state;
	end_open(&a, 0x7f000001, 0);
	end_open(&b, 0x7f000002, 0);
	len = options(buf, sizeof(buf), &a.udp.local, &b.udp.local,
		      "z9hG4bK-udp1");
	assert_int_equal(txn_request(a.layer, buf, len, &b.udp.local, &user, &a,
				     NULL),
			 0);
	run_until_done(5000);
	assert_int_equal(done, 1);
	assert_int_equal(b.requests, 1);
	assert_int_equal(a.last_status, 200);
	assert_int_equal(a.udp.tx, 1);
	assert_int_equal(b.udp.rx, 1);
	end_close(&a);
	end_close(&b);
}

/* A port nobody listens on: the request times out (Timer F) on the real
 * loop clock -- shortened by the retransmission cap. */
static void test_timeout_on_real_clock(void **state)
{
	struct end a;
	struct net_addr nowhere = {0x7f000003, 9};
	struct txn_cfg cfg = {50, 100, 6, 2};
	char buf[1024];
	size_t len;
	uint64_t t0;

	(void)state;
	end_open(&a, 0x7f000001, 0);
	txn_layer_set_cfg(a.layer, &cfg);
	len = options(buf, sizeof(buf), &a.udp.local, &nowhere, "z9hG4bK-udp2");
	t0 = uv_now(&uv);
	assert_int_equal(txn_request(a.layer, buf, len, &nowhere, &user, &a,
				     NULL),
			 0);
	run_until_done(5000);
	assert_int_equal(done, 1);
	assert_int_equal(a.timeouts, 1);
	assert_int_equal(a.udp.tx, 3); /* at 0, 50, 150; gives up at 250 */
	assert_true(uv_now(&uv) - t0 >= 250);
	end_close(&a);
}

static const char *sipp_path(void)
{
	static const char *const paths[] = {"/usr/bin/sipp",
					    "/usr/local/bin/sipp"};
	unsigned i;

	for (i = 0; i < 2; i++)
		if (access(paths[i], X_OK) == 0)
			return paths[i];
	return NULL;
}

/* sipp, started only after the phone's first copies went out, answers a
 * later copy: the retransmissions recover the transaction. */
static void test_sipp_late_peer(void **state)
{
	const char *sipp = sipp_path();
	const char *src = getenv("SIPPHONE_SRC");
	struct net_addr peer = {0x7f00000a, 15062}; /* 127.0.0.10 */
	struct end a;
	char buf[1024], scen[512];
	size_t len;
	pid_t pid;
	int status;

	(void)state;
	if (!sipp) {
		print_message("sipp not installed: skipped\n");
		skip();
	}
	snprintf(scen, sizeof(scen), "%s/tests/data/sipp/options_uas.xml",
		 src ? src : ".");
	end_open(&a, 0x7f000001, 0);
	len = options(buf, sizeof(buf), &a.udp.local, &peer, "z9hG4bK-sipp1");
	assert_int_equal(txn_request(a.layer, buf, len, &peer, &user, &a, NULL),
			 0);
	/* Let two copies (0 and 500 ms) go unheard. */
	run_until_done(700);
	assert_int_equal(a.udp.tx, 2);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", 1);

		dup2(null, 1);
		dup2(null, 2);
		execl(sipp, "sipp", "-sf", scen, "-i", "127.0.0.10", "-p",
		      "15062", "-m", "1", "-nostdin", "-timeout", "20s",
		      (char *)NULL);
		_exit(127);
	}
	run_until_done(15000);
	assert_int_equal(done, 1);
	assert_int_equal(a.last_status, 200);
	assert_true(a.udp.tx >= 3);
	assert_true(txn_layer_stats(a.layer)->retransmissions >= 2);
	/* sipp ends by itself after its one call; bounded wait, then kill. */
	for (status = 0; status < 100; status++) {
		if (waitpid(pid, NULL, WNOHANG) == pid)
			break;
		usleep(50 * 1000);
	}
	if (status == 100) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	end_close(&a);
}

static unsigned tcp_msgs;
static struct end *tcp_end;

static void tcp_recv(void *arg, const char *msg, size_t len,
		     const struct net_addr *src)
{
	(void)arg;
	tcp_msgs++;
	txn_layer_recv_stream(tcp_end->layer, msg, len, src);
	if (tcp_msgs == 2)
		done = 1;
}

static int tcp_connect(const struct net_addr *to)
{
	struct sockaddr_in sin;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	net_addr_to_sockaddr(to, &sin);
	assert_int_equal(connect(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	return fd;
}

static void run_ms(uint64_t ms)
{
	done = 0;
	rt_timer_start(&loop.timers, &guard, ms, on_guard, NULL);
	while (done == 0 && uv_run(&uv, UV_RUN_ONCE))
		;
	rt_timer_stop(&loop.timers, &guard);
}

/* Two requests sent one byte at a time reach the transaction layer whole;
 * a stream that cannot be framed is closed; past SIP_TCP_CONN_MAX
 * connections are refused. */
static void test_tcp_receive(void **state)
{
	struct end b;
	struct sip_tcp_rx rx;
	struct net_addr local = {0x7f000001, 0};
	char one[1024], two[1024];
	size_t n1, n2, i;
	int fd, fds[SIP_TCP_CONN_MAX + 1];

	(void)state;
	end_open(&b, 0x7f000002, 0);
	tcp_end = &b;
	tcp_msgs = 0;
	assert_int_equal(sip_tcp_rx_open(&rx, &uv, &local, tcp_recv, NULL), 0);
	n1 = options(one, sizeof(one), &local, &rx.local, "z9hG4bK-tcp1");
	n2 = options(two, sizeof(two), &local, &rx.local, "z9hG4bK-tcp2");
	fd = tcp_connect(&rx.local);
	for (i = 0; i < n1; i++)
		assert_int_equal(write(fd, one + i, 1), 1);
	assert_int_equal(write(fd, "\r\n", 2), 2); /* a keep-alive */
	for (i = 0; i < n2; i++)
		assert_int_equal(write(fd, two + i, 1), 1);
	run_until_done(5000);
	assert_int_equal(tcp_msgs, 2);
	assert_int_equal(b.requests, 2);
	assert_int_equal(rx.accepted, 1);
	close(fd);
	/* No Content-Length on a stream: closed (RFC 3261 18.3). */
	fd = tcp_connect(&rx.local);
	{
		static const char bad[] = "OPTIONS sip:x@y SIP/2.0\r\n"
					  "Via: SIP/2.0/TCP 127.0.0.1\r\n\r\n";
		char c;

		assert_int_equal(write(fd, bad, sizeof(bad) - 1),
				 (ssize_t)sizeof(bad) - 1);
		run_ms(300);
		assert_int_equal(rx.framing_errors, 1);
		assert_int_equal(read(fd, &c, 1), 0); /* the phone hung up */
	}
	close(fd);
	run_ms(100);
	for (i = 0; i <= SIP_TCP_CONN_MAX; i++)
		fds[i] = tcp_connect(&rx.local);
	run_ms(300);
	assert_int_equal(rx.nconn, SIP_TCP_CONN_MAX);
	assert_int_equal(rx.refused, 1);
	for (i = 0; i <= SIP_TCP_CONN_MAX; i++)
		close(fds[i]);
	closed = 0;
	sip_tcp_rx_close(&rx, on_closed);
	wait_closed();
	end_close(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_two_layers, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_timeout_on_real_clock,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_sipp_late_peer, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tcp_receive, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
