/*
 * sip_tcp_rx.c - accept, frame, hand up; close on a framing error.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "sip/sip_msg.h"
#include "sip/sip_tcp.h"
#include "transport/sip_tcp_rx.h"
#include "transport/sip_udp.h" /* net_addr <-> sockaddr */

struct sip_tcp_conn {
	uv_tcp_t h;
	struct sip_tcp_rx *owner;
	struct sip_tcp_conn *next;
	struct net_addr peer;
	struct sip_tcp framer;
	char rbuf[4096];
	char msg[SIP_MSG_MAX_SIZE];
};

static void maybe_closed(struct sip_tcp_rx *t);

static void on_conn_closed(uv_handle_t *h)
{
	struct sip_tcp_conn *c = h->data;
	struct sip_tcp_rx *t = c->owner;
	struct sip_tcp_conn **pp;

	for (pp = &t->conns; *pp; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	t->nconn--;
	free(c);
	maybe_closed(t);
}

static void conn_close(struct sip_tcp_conn *c)
{
	if (!uv_is_closing((uv_handle_t *)&c->h))
		uv_close((uv_handle_t *)&c->h, on_conn_closed);
}

static void on_alloc(uv_handle_t *h, size_t hint, uv_buf_t *buf)
{
	struct sip_tcp_conn *c = h->data;

	(void)hint;
	buf->base = c->rbuf;
	buf->len = sizeof(c->rbuf);
}

static int on_message(void *arg, const char *msg, size_t len)
{
	struct sip_tcp_conn *c = arg;

	c->owner->messages++;
	c->owner->recv(c->owner->arg, msg, len, &c->peer);
	return 0;
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
	struct sip_tcp_conn *c = s->data;
	int err;

	if (n < 0) {
		conn_close(c); /* EOF or error */
		return;
	}
	err = sip_tcp_input(&c->framer, buf->base, (size_t)n, on_message, c);
	if (err) {
		char peer[NET_ADDR_STR_MAX];

		c->owner->framing_errors++;
		log_printf(LOG_INFO, LOG_CAT_SIP, "tcp from %s: %s; closed",
			   net_addr_fmt(&c->peer, peer, sizeof(peer)),
			   err == -EMSGSIZE ? "message too large"
					    : "stream cannot be framed");
		conn_close(c);
	}
}

static void on_connection(uv_stream_t *server, int status)
{
	struct sip_tcp_rx *t = server->data;
	struct sip_tcp_conn *c;
	struct sockaddr_storage ss;
	int len = sizeof(ss);

	if (status < 0)
		return;
	c = calloc(1, sizeof(*c));
	if (!c || uv_tcp_init(t->uv, &c->h)) {
		free(c);
		return;
	}
	c->h.data = c;
	c->owner = t;
	c->next = t->conns;
	t->conns = c;
	t->nconn++;
	if (uv_accept(server, (uv_stream_t *)&c->h) ||
	    t->nconn > SIP_TCP_CONN_MAX ||
	    uv_tcp_getpeername(&c->h, (struct sockaddr *)&ss, &len) ||
	    ss.ss_family != AF_INET) {
		t->refused++;
		conn_close(c);
		return;
	}
	t->accepted++;
	net_addr_from_sockaddr(&c->peer, (const struct sockaddr_in *)&ss);
	sip_tcp_init(&c->framer, c->msg, sizeof(c->msg));
	if (uv_read_start((uv_stream_t *)&c->h, on_alloc, on_read))
		conn_close(c);
}

int sip_tcp_rx_open(struct sip_tcp_rx *t, uv_loop_t *uv,
		    const struct net_addr *local, sip_tcp_rx_fn *recv,
		    void *arg)
{
	struct sockaddr_in sin;
	struct sockaddr_storage bound;
	int err, len = sizeof(bound);

	memset(t, 0, sizeof(*t));
	t->uv = uv;
	t->recv = recv;
	t->arg = arg;
	err = uv_tcp_init(uv, &t->listener);
	if (err)
		return err;
	t->listener.data = t;
	net_addr_to_sockaddr(local, &sin);
	err = uv_tcp_bind(&t->listener, (const struct sockaddr *)&sin, 0);
	if (!err)
		err = uv_listen((uv_stream_t *)&t->listener, SIP_TCP_CONN_MAX,
				on_connection);
	if (!err)
		err = uv_tcp_getsockname(&t->listener, (struct sockaddr *)&bound,
					 &len);
	if (err) {
		uv_close((uv_handle_t *)&t->listener, NULL);
		return err;
	}
	net_addr_from_sockaddr(&t->local, (const struct sockaddr_in *)&bound);
	return 0;
}

static void maybe_closed(struct sip_tcp_rx *t)
{
	if (t->closing == 2 && t->nconn == 0 && t->close_cb) {
		uv_close_cb cb = t->close_cb;

		t->close_cb = NULL;
		cb((uv_handle_t *)&t->listener);
	}
}

static void on_listener_closed(uv_handle_t *h)
{
	struct sip_tcp_rx *t = h->data;

	t->closing = 2;
	maybe_closed(t);
}

void sip_tcp_rx_close(struct sip_tcp_rx *t, uv_close_cb cb)
{
	struct sip_tcp_conn *c;

	if (t->closing)
		return;
	t->closing = 1;
	t->close_cb = cb;
	for (c = t->conns; c; c = c->next)
		conn_close(c);
	uv_close((uv_handle_t *)&t->listener, on_listener_closed);
}
