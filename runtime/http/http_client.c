/*
 * http_client.c - one HTTP/1.0 GET over a libuv TCP connection (http.h):
 * connect, write the request, read until the server closes (or the
 * Content-Length is in), all within one deadline; a response above
 * HTTP_RESP_MAX is refused, not cut.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uv.h>

#include "http/http.h"
#include "rt/rt_timer.h"
#include "transport/sip_udp.h" /* net_addr_to_sockaddr */

struct http_req {
	uv_tcp_t tcp;
	uv_connect_t conn;
	uv_write_t wr;
	struct rt_timers *ts;
	struct rt_timer timer;
	http_done_fn *done;
	void *arg;
	struct net_addr dst;
	uint64_t timeout_ms;
	char req[HTTP_REQ_MAX];
	size_t req_len;
	size_t len;                /* bytes in buf */
	char buf[HTTP_RESP_MAX + 1];
};

static struct http_stats stats;

const struct http_stats *http_stats(void)
{
	return &stats;
}

static void on_closed(uv_handle_t *h)
{
	struct http_req *q = h->data;

	stats.active--;
	stats.mem_in_use -= sizeof(*q);
	free(q);
}

/* The end of a request, whatever it was: DONE once, then close. */
static void finish(struct http_req *q, int err, const struct http_resp *r,
		   const char *body, size_t len, const char *why)
{
	http_done_fn *done = q->done;

	q->done = NULL;
	rt_timer_stop(q->ts, &q->timer);
	uv_read_stop((uv_stream_t *)&q->tcp);
	if (err)
		stats.failed++;
	else
		stats.ok++;
	if (done)
		done(q->arg, err, r, body, len, why);
	if (!uv_is_closing((uv_handle_t *)&q->tcp))
		uv_close((uv_handle_t *)&q->tcp, on_closed);
}

static void fail(struct http_req *q, int err, const char *what)
{
	char why[HTTP_WHY_MAX], at[NET_ADDR_STR_MAX];

	snprintf(why, sizeof(why), "%s %s: %s", what,
		 net_addr_fmt(&q->dst, at, sizeof(at)),
		 err == -ETIMEDOUT ? "timed out" : uv_strerror(err));
	finish(q, err, NULL, NULL, 0, why);
}

static void on_timeout(struct rt_timer *t, void *arg)
{
	struct http_req *q = arg;
	char why[HTTP_WHY_MAX], at[NET_ADDR_STR_MAX];

	(void)t;
	snprintf(why, sizeof(why), "no answer from %s within %lu ms",
		 net_addr_fmt(&q->dst, at, sizeof(at)),
		 (unsigned long)q->timeout_ms);
	finish(q, -ETIMEDOUT, NULL, NULL, 0, why);
}

/* What is in buf, once the server closed (EOF) or said how much. */
static void complete(struct http_req *q, int eof)
{
	struct http_resp r;
	char why[HTTP_WHY_MAX];
	int n = http_head_parse(q->buf, q->len, &r, why, sizeof(why));
	size_t body;

	if (n == 0 && !eof)
		return;
	if (n == 0) {
		finish(q, -EBADMSG, NULL, NULL, 0,
		       "the server closed before the end of the headers");
		return;
	}
	if (n < 0) {
		finish(q, n, NULL, NULL, 0, why);
		return;
	}
	body = q->len - (size_t)n;
	if (r.content_length >= 0) {
		if (body < (size_t)r.content_length) {
			if (eof)
				finish(q, -EBADMSG, NULL, NULL, 0,
				       "the body is shorter than its "
				       "Content-Length");
			return;
		}
		body = (size_t)r.content_length;
	} else if (!eof) {
		return; /* HTTP/1.0: the body ends with the connection */
	}
	if (r.status < 200 || r.status > 299) {
		snprintf(why, sizeof(why), "HTTP %u %s", (unsigned)r.status,
			 r.reason);
		finish(q, -EPROTO, &r, NULL, 0, why);
		return;
	}
	q->buf[(size_t)n + body] = '\0';
	finish(q, 0, &r, q->buf + n, body, "");
}

static void on_alloc(uv_handle_t *h, size_t hint, uv_buf_t *b)
{
	struct http_req *q = h->data;

	(void)hint;
	/* one byte more than the limit: a response past it is seen */
	*b = uv_buf_init(q->buf + q->len, (unsigned)(sizeof(q->buf) - q->len));
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *b)
{
	struct http_req *q = s->data;
	char why[HTTP_WHY_MAX];

	(void)b;
	if (!q->done)
		return;
	if (n > 0) {
		q->len += (size_t)n;
		stats.bytes_rx += (unsigned long)n;
		if (q->len > HTTP_RESP_MAX) {
			snprintf(why, sizeof(why),
				 "response larger than %d bytes",
				 HTTP_RESP_MAX);
			finish(q, -EMSGSIZE, NULL, NULL, 0, why);
			return;
		}
		complete(q, 0);
		return;
	}
	if (n == UV_EOF) {
		complete(q, 1);
		return;
	}
	if (n < 0)
		fail(q, (int)n, "reading from");
}

static void on_written(uv_write_t *w, int status)
{
	struct http_req *q = w->data;

	if (!q->done)
		return;
	if (status) {
		fail(q, status, "writing to");
		return;
	}
	stats.bytes_tx += (unsigned long)q->req_len;
}

static void on_connect(uv_connect_t *c, int status)
{
	struct http_req *q = c->data;
	uv_buf_t b;
	int err;

	if (!q->done)
		return;
	if (status) {
		fail(q, status, "cannot connect to");
		return;
	}
	b = uv_buf_init(q->req, (unsigned)q->req_len);
	q->wr.data = q;
	err = uv_write(&q->wr, (uv_stream_t *)&q->tcp, &b, 1, on_written);
	if (!err)
		err = uv_read_start((uv_stream_t *)&q->tcp, on_alloc, on_read);
	if (err)
		fail(q, err, "writing to");
}

int http_get(struct uv_loop_s *uv, struct rt_timers *ts,
	     const struct net_addr *dst, const struct http_url *u,
	     uint64_t timeout_ms, http_done_fn *done, void *arg,
	     struct http_req **reqp)
{
	struct http_req *q = calloc(1, sizeof(*q));
	struct sockaddr_in sin;
	int n, err = 0;

	if (reqp)
		*reqp = NULL;
	if (!q)
		return -ENOMEM;
	n = http_request_format(u, q->req, sizeof(q->req));
	if (n < 0) {
		free(q);
		return n;
	}
	q->req_len = (size_t)n;
	q->ts = ts;
	q->done = done;
	q->arg = arg;
	q->dst = *dst;
	q->timeout_ms = timeout_ms;
	err = uv_tcp_init(uv, &q->tcp);
	if (err) {
		free(q);
		return err;
	}
	q->tcp.data = q;
	q->conn.data = q;
	stats.requests++;
	stats.active++;
	stats.mem_in_use += sizeof(*q);
	net_addr_to_sockaddr(dst, &sin);
	err = uv_tcp_connect(&q->conn, &q->tcp, (const struct sockaddr *)&sin,
			     on_connect);
	if (!err)
		err = rt_timer_start(ts, &q->timer, timeout_ms, on_timeout, q);
	if (err) {
		q->done = NULL;
		rt_timer_stop(ts, &q->timer);
		uv_close((uv_handle_t *)&q->tcp, on_closed);
		return err;
	}
	if (reqp)
		*reqp = q;
	return 0;
}

void http_cancel(struct http_req *q)
{
	if (!q || !q->done)
		return;
	q->done = NULL;
	rt_timer_stop(q->ts, &q->timer);
	if (!uv_is_closing((uv_handle_t *)&q->tcp))
		uv_close((uv_handle_t *)&q->tcp, on_closed);
}
