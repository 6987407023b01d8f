/*
 * test_http.c - runtime/http: the URL and response-head grammars at and
 * past their limits, and GETs against a small libuv server of the test's
 * own on 127.0.0.86 (canned answers, a silent server, a refused port, a
 * response above HTTP_RESP_MAX).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <uv.h>

#include "http/http.h"
#include "rt/rt_loop.h"

#define SERVER_IP "127.0.0.86"

/* ---------------------------------------------------------------- URL */

static void test_url(void **state)
{
	struct http_url u;
	char why[HTTP_WHY_MAX];

	(void)state;
	assert_int_equal(http_url_parse("http://10.1.2.3/dir.xml", 23, &u, why,
					sizeof(why)), 0);
	assert_string_equal(u.host, "10.1.2.3");
	assert_int_equal(u.port, 80);
	assert_string_equal(u.path, "/dir.xml");
	assert_int_equal(http_url_parse("HTTP://Host.example:8080", 24, &u,
					why, sizeof(why)), 0);
	assert_string_equal(u.host, "Host.example");
	assert_int_equal(u.port, 8080);
	assert_string_equal(u.path, "/");
	assert_int_equal(http_url_parse("http://h?x=1&y=2#frag", 21, &u, why,
					sizeof(why)), 0);
	assert_string_equal(u.path, "/?x=1&y=2");
	assert_int_equal(http_url_parse("http://h/a/b.asp?n=SIP1#f", 25, &u,
					why, sizeof(why)), 0);
	assert_string_equal(u.path, "/a/b.asp?n=SIP1");
}

static void test_url_bad(void **state)
{
	static const char *const bad[] = {
		"", "ftp://h/", "http://", "http:///x", "http://h:/x",
		"http://h:123456/", "http://h/a b", "https://h/", "http://h x",
	};
	struct http_url u;
	char why[HTTP_WHY_MAX];
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(http_url_parse(bad[i], strlen(bad[i]), &u, why,
						sizeof(why)), -EINVAL);
	assert_int_equal(http_url_parse("http://h:65536/", 15, &u, why,
					sizeof(why)), -EINVAL);
	assert_string_equal(why, "port above 65535");
	assert_int_equal(http_url_parse("http://h:65535/", 15, &u, why,
					sizeof(why)), 0);
	assert_int_equal(http_url_parse("http://h/a b", 12, &u, why,
					sizeof(why)), -EINVAL);
	assert_string_equal(why, "not an http URL at byte 11");
}

/* Host, path and URL at their limits and one past. */
static void test_url_limits(void **state)
{
	char url[HTTP_URL_MAX + 40], why[HTTP_WHY_MAX];
	struct http_url u;
	int n;

	(void)state;
	n = snprintf(url, sizeof(url), "http://%0*d/", HTTP_HOST_MAX, 0);
	assert_int_equal(http_url_parse(url, (size_t)n, &u, why, sizeof(why)),
			 0);
	assert_int_equal(strlen(u.host), HTTP_HOST_MAX);
	n = snprintf(url, sizeof(url), "http://%0*d/", HTTP_HOST_MAX + 1, 0);
	assert_int_equal(http_url_parse(url, (size_t)n, &u, why, sizeof(why)),
			 -ENAMETOOLONG);
	assert_string_equal(why, "host name too long");
	/* the URL's own limit comes first: "http://h" + path */
	n = snprintf(url, sizeof(url), "http://h/%0*d", HTTP_URL_MAX - 9, 0);
	assert_int_equal(n, HTTP_URL_MAX);
	assert_int_equal(http_url_parse(url, (size_t)n, &u, why, sizeof(why)),
			 0);
	assert_int_equal(strlen(u.path), HTTP_URL_MAX - 8);
	n = snprintf(url, sizeof(url), "http://h/%0*d", HTTP_URL_MAX - 8, 0);
	assert_int_equal(http_url_parse(url, (size_t)n, &u, why, sizeof(why)),
			 -ENAMETOOLONG);
	assert_string_equal(why, "URL too long");
}

/* ---------------------------------------------------------------- head */

static void test_head(void **state)
{
	static const char ok[] = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n"
				 "content-length:  5 \r\n\r\nhello";
	static const char lf[] = "HTTP/1.0 404 Not Found\nServer: x\n\nbody";
	struct http_resp r;
	char why[HTTP_WHY_MAX];
	size_t i;

	(void)state;
	assert_int_equal(http_head_parse(ok, sizeof(ok) - 1, &r, why,
					 sizeof(why)),
			 (int)(sizeof(ok) - 1 - 5));
	assert_int_equal(r.status, 200);
	assert_string_equal(r.reason, "OK");
	assert_int_equal(r.content_length, 5);
	assert_int_equal(http_head_parse(lf, sizeof(lf) - 1, &r, why,
					 sizeof(why)),
			 (int)(sizeof(lf) - 1 - 4));
	assert_int_equal(r.status, 404);
	assert_string_equal(r.reason, "Not Found");
	assert_int_equal(r.content_length, -1);
	/* every prefix of the head: more is needed */
	for (i = 0; i < sizeof(ok) - 1 - 5; i++)
		assert_int_equal(http_head_parse(ok, i, &r, why, sizeof(why)),
				 0);
	/* an empty header value */
	assert_true(http_head_parse("HTTP/1.0 200 OK\r\nX:\r\n\r\n", 23, &r,
				    why, sizeof(why)) > 0);
	/* no reason phrase */
	assert_true(http_head_parse("HTTP/1.0 204\r\n\r\n", 16, &r, why,
				    sizeof(why)) > 0);
	assert_int_equal(r.status, 204);
}

static void test_head_bad(void **state)
{
	static const char *const bad[] = {
		"HTTP/1.0 20 OK\r\n\r\n", "HTTX/1.0 200 OK\r\n\r\n",
		"HTTP/1.0 200 OK\r\nno colon\r\n\r\n",
		"HTTP/1.0 200 OK\r\nContent-Length: 1x\r\n\r\n",
		"HTTP/1.0 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n"
		"\r\n",
		"HTTP/1.0 200 OK\r\nContent-Length:\r\n\r\n",
		"<CiscoIPPhoneText/>",
	};
	struct http_resp r;
	char why[HTTP_WHY_MAX], head[80];
	unsigned i;
	int n;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(http_head_parse(bad[i], strlen(bad[i]), &r, why,
						 sizeof(why)),
				 -EBADMSG);
	assert_string_equal(why, "malformed HTTP response at byte 1");
	/* Content-Length at the limit and one past */
	n = snprintf(head, sizeof(head), "HTTP/1.0 200 OK\r\nContent-Length: "
					 "%d\r\n\r\n", HTTP_RESP_MAX);
	assert_true(http_head_parse(head, (size_t)n, &r, why, sizeof(why)) > 0);
	assert_int_equal(r.content_length, HTTP_RESP_MAX);
	n = snprintf(head, sizeof(head), "HTTP/1.0 200 OK\r\nContent-Length: "
					 "%d\r\n\r\n", HTTP_RESP_MAX + 1);
	assert_int_equal(http_head_parse(head, (size_t)n, &r, why, sizeof(why)),
			 -EMSGSIZE);
}

static void test_request(void **state)
{
	struct http_url u = {"10.0.0.1", 80, "/d.xml?name=SIP1"};
	char buf[HTTP_REQ_MAX];

	(void)state;
	assert_true(http_request_format(&u, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "GET /d.xml?name=SIP1 HTTP/1.0\r\n"
				 "Host: 10.0.0.1\r\nUser-Agent: sipphone\r\n"
				 "Accept: */*\r\nConnection: close\r\n\r\n");
	u.port = 8080;
	assert_true(http_request_format(&u, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "Host: 10.0.0.1:8080\r\n"));
	assert_int_equal(http_request_format(&u, buf, 20), -ENOSPC);
}

/* ---------------------------------------------------------------- server */

/* The test's server: each connection reads the request, then answers
 * with reply (reply_len bytes; NULL: nothing, the connection stays open)
 * and closes. */
static uv_loop_t uv;
static struct rt_loop loop;
static uv_tcp_t server;
static uint16_t server_port;
static const char *reply;
static size_t reply_len;
static char got_request[1024];

struct conn {
	uv_tcp_t tcp;
	uv_write_t wr;
	char buf[1024];
	size_t len;
};

static void conn_closed(uv_handle_t *h)
{
	free(h->data);
}

static void conn_written(uv_write_t *w, int status)
{
	struct conn *c = w->data;

	(void)status;
	uv_close((uv_handle_t *)&c->tcp, conn_closed);
}

static void conn_alloc(uv_handle_t *h, size_t hint, uv_buf_t *b)
{
	struct conn *c = h->data;

	(void)hint;
	*b = uv_buf_init(c->buf + c->len, (unsigned)(sizeof(c->buf) - 1 -
						     c->len));
}

static void conn_read(uv_stream_t *s, ssize_t n, const uv_buf_t *b)
{
	struct conn *c = s->data;
	uv_buf_t out;

	(void)b;
	if (n < 0) {
		if (!uv_is_closing((uv_handle_t *)s))
			uv_close((uv_handle_t *)s, conn_closed);
		return;
	}
	c->len += (size_t)n;
	c->buf[c->len] = '\0';
	if (!strstr(c->buf, "\r\n\r\n"))
		return;
	snprintf(got_request, sizeof(got_request), "%s", c->buf);
	uv_read_stop(s);
	if (!reply)
		return; /* silent: the client's deadline ends it */
	out = uv_buf_init((char *)reply, (unsigned)reply_len);
	c->wr.data = c;
	uv_write(&c->wr, s, &out, 1, conn_written);
}

static void on_conn(uv_stream_t *s, int status)
{
	struct conn *c = calloc(1, sizeof(*c));

	assert_int_equal(status, 0);
	assert_non_null(c);
	uv_tcp_init(&uv, &c->tcp);
	c->tcp.data = c;
	assert_int_equal(uv_accept(s, (uv_stream_t *)&c->tcp), 0);
	uv_read_start((uv_stream_t *)&c->tcp, conn_alloc, conn_read);
}

static int setup(void **state)
{
	struct sockaddr_in sin;
	int len = sizeof(sin);

	(void)state;
	if (uv_loop_init(&uv) || rt_loop_init(&loop, &uv))
		return -1;
	uv_tcp_init(&uv, &server);
	uv_ip4_addr(SERVER_IP, 0, &sin);
	if (uv_tcp_bind(&server, (struct sockaddr *)&sin, 0) ||
	    uv_listen((uv_stream_t *)&server, 8, on_conn))
		return -1;
	uv_tcp_getsockname(&server, (struct sockaddr *)&sin, &len);
	server_port = ntohs(sin.sin_port);
	return 0;
}

static void close_walk(uv_handle_t *h, void *arg)
{
	(void)arg;
	if (!uv_is_closing(h) && h != (uv_handle_t *)&loop.tick)
		uv_close(h, h->data && h != (uv_handle_t *)&server ? conn_closed
								  : NULL);
}

static int teardown(void **state)
{
	(void)state;
	rt_loop_close(&loop);
	uv_walk(&uv, close_walk, NULL);
	uv_run(&uv, UV_RUN_DEFAULT);
	return uv_loop_close(&uv) == 0 ? 0 : -1;
}

struct result {
	int done, err;
	uint16_t status;
	char body[HTTP_RESP_MAX + 1];
	size_t len;
	char why[HTTP_WHY_MAX];
};

static void on_done(void *arg, int err, const struct http_resp *r,
		    const char *body, size_t len, const char *why)
{
	struct result *res = arg;

	res->done++;
	res->err = err;
	res->status = r ? r->status : 0;
	if (body)
		memcpy(res->body, body, len);
	res->len = len;
	snprintf(res->why, sizeof(res->why), "%s", why);
}

static void get(uint16_t port, const char *path, uint64_t timeout,
		struct result *res)
{
	struct http_url u = {SERVER_IP, 0, ""};
	struct net_addr dst = {0, port};
	struct http_req *q;

	u.port = port;
	snprintf(u.path, sizeof(u.path), "%s", path);
	assert_int_equal(net_addr_parse_ip(SERVER_IP, strlen(SERVER_IP),
					   &dst.ip), 0);
	memset(res, 0, sizeof(*res));
	assert_int_equal(http_get(&uv, &loop.timers, &dst, &u, timeout,
				  on_done, res, &q), 0);
	assert_non_null(q);
	while (!res->done && uv_run(&uv, UV_RUN_ONCE))
		;
	assert_int_equal(res->done, 1);
	/* the request's handle closes on the next turn */
	uv_run(&uv, UV_RUN_NOWAIT);
	assert_int_equal(http_stats()->active, 0);
}

static void test_get_ok(void **state)
{
	static const char ok[] = "HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\n"
				 "\r\n<CiscoIPPhoneText/>";
	struct result res;
	char want[64];

	(void)state;
	reply = ok;
	reply_len = sizeof(ok) - 1;
	get(server_port, "/d.xml?name=SIP1", 2000, &res);
	assert_int_equal(res.err, 0);
	assert_int_equal(res.status, 200);
	assert_int_equal(res.len, 19);
	assert_memory_equal(res.body, "<CiscoIPPhoneText/>", 19);
	assert_non_null(strstr(got_request, "GET /d.xml?name=SIP1 HTTP/1.0\r\n"));
	snprintf(want, sizeof(want), "Host: %s:%u\r\n", SERVER_IP,
		 (unsigned)server_port);
	assert_non_null(strstr(got_request, want));
}

static void test_get_content_length(void **state)
{
	/* more bytes than Content-Length: the body is what it says */
	static const char ok[] = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n"
				 "\r\nabcdef";
	struct result res;

	(void)state;
	reply = ok;
	reply_len = sizeof(ok) - 1;
	get(server_port, "/", 2000, &res);
	assert_int_equal(res.err, 0);
	assert_int_equal(res.len, 3);
	assert_memory_equal(res.body, "abc", 3);
}

static void test_get_errors(void **state)
{
	static const char nf[] = "HTTP/1.0 404 Not Found\r\n\r\nnope";
	static const char junk[] = "SSH-2.0-OpenSSH\r\n";
	static const char shortb[] = "HTTP/1.0 200 OK\r\nContent-Length: 9\r\n"
				     "\r\nabc";
	struct result res;

	(void)state;
	reply = nf;
	reply_len = sizeof(nf) - 1;
	get(server_port, "/missing", 2000, &res);
	assert_int_equal(res.err, -EPROTO);
	assert_string_equal(res.why, "HTTP 404 Not Found");
	reply = junk;
	reply_len = sizeof(junk) - 1;
	get(server_port, "/", 2000, &res);
	assert_int_equal(res.err, -EBADMSG);
	assert_string_equal(res.why, "malformed HTTP response at byte 1");
	reply = shortb;
	reply_len = sizeof(shortb) - 1;
	get(server_port, "/", 2000, &res);
	assert_int_equal(res.err, -EBADMSG);
	assert_string_equal(res.why,
			    "the body is shorter than its Content-Length");
}

static void test_get_timeout(void **state)
{
	struct result res;
	char want[HTTP_WHY_MAX];

	(void)state;
	reply = NULL;
	get(server_port, "/", 200, &res);
	assert_int_equal(res.err, -ETIMEDOUT);
	snprintf(want, sizeof(want), "no answer from %s:%u within 200 ms",
		 SERVER_IP, (unsigned)server_port);
	assert_string_equal(res.why, want);
}

static void test_get_refused(void **state)
{
	struct result res;

	(void)state;
	/* port 1 on this address: nobody listens */
	get(1, "/", 2000, &res);
	assert_int_equal(res.err, UV_ECONNREFUSED);
	assert_non_null(strstr(res.why, "cannot connect to " SERVER_IP ":1: "));
}

/* A response of exactly HTTP_RESP_MAX bytes is taken; one byte more is
 * refused, never cut. */
static void test_get_limit(void **state)
{
	static char big[HTTP_RESP_MAX + 2];
	static const char head[] = "HTTP/1.0 200 OK\r\n\r\n";
	struct result res;
	char want[HTTP_WHY_MAX];

	(void)state;
	memcpy(big, head, sizeof(head) - 1);
	memset(big + sizeof(head) - 1, 'x', sizeof(big) - sizeof(head));
	reply = big;
	reply_len = HTTP_RESP_MAX;
	get(server_port, "/", 2000, &res);
	assert_int_equal(res.err, 0);
	assert_int_equal(res.len, HTTP_RESP_MAX - (sizeof(head) - 1));
	reply_len = HTTP_RESP_MAX + 1;
	get(server_port, "/", 2000, &res);
	assert_int_equal(res.err, -EMSGSIZE);
	snprintf(want, sizeof(want), "response larger than %d bytes",
		 HTTP_RESP_MAX);
	assert_string_equal(res.why, want);
}

/* A cancelled request never calls back and frees itself. */
static void test_cancel(void **state)
{
	struct http_url u = {SERVER_IP, 0, "/"};
	struct net_addr dst = {0, server_port};
	struct http_req *q;
	struct result res = {0};
	int i;

	(void)state;
	reply = NULL;
	u.port = server_port;
	net_addr_parse_ip(SERVER_IP, strlen(SERVER_IP), &dst.ip);
	assert_int_equal(http_get(&uv, &loop.timers, &dst, &u, 100, on_done,
				  &res, &q), 0);
	for (i = 0; i < 3; i++)
		uv_run(&uv, UV_RUN_NOWAIT);
	http_cancel(q);
	for (i = 0; i < 3; i++)
		uv_run(&uv, UV_RUN_NOWAIT);
	assert_int_equal(res.done, 0);
	assert_int_equal(http_stats()->active, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_url_bad),
		cmocka_unit_test(test_url_limits),
		cmocka_unit_test(test_head),
		cmocka_unit_test(test_head_bad),
		cmocka_unit_test(test_request),
		cmocka_unit_test(test_get_ok),
		cmocka_unit_test(test_get_content_length),
		cmocka_unit_test(test_get_errors),
		cmocka_unit_test(test_get_timeout),
		cmocka_unit_test(test_get_refused),
		cmocka_unit_test(test_get_limit),
		cmocka_unit_test(test_cancel),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
