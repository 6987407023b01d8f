/*
 * tftp_client.c - TFTP transfers on the libuv loop: one UDP socket per
 * transfer, bound to the client's address and a port the system chooses
 * (the transfer's TID, RFC 1350 §4).  The protocol is tftp_xfer.c's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <uv.h>

#include "log/log.h"
#include "tftp/tftp.h"
#include "transport/sip_udp.h" /* net_addr <-> sockaddr_in */

struct tftp_conn {
	uv_udp_t h;
	struct tftp_client *c;
	struct tftp_conn *next;
	struct tftp_xfer *x;
	uint8_t *rbuf;
	size_t rcap;
	uint8_t closing;
};

struct tftp_client {
	uv_loop_t *uv;
	struct rt_timers *timers;
	uint32_t ip;
	struct tftp_conn *conns;
	/* Closed last, so that the close callback runs from the loop even
	 * when no transfer is open. */
	uv_idle_t idle;
	uint8_t closing;
	tftp_close_fn *close_cb;
	void *close_arg;
};

static void on_client_closed(uv_handle_t *h)
{
	struct tftp_client *c = h->data;
	tftp_close_fn *cb = c->close_cb;
	void *arg = c->close_arg;

	free(c);
	if (cb)
		cb(arg);
}

static void maybe_finish_close(struct tftp_client *c)
{
	if (c->closing && !c->conns)
		uv_close((uv_handle_t *)&c->idle, on_client_closed);
}

static void on_conn_closed(uv_handle_t *h)
{
	struct tftp_conn *k = h->data;
	struct tftp_client *c = k->c;
	struct tftp_conn **pp;

	for (pp = &c->conns; *pp; pp = &(*pp)->next)
		if (*pp == k) {
			*pp = k->next;
			break;
		}
	tftp_xfer_free(k->x);
	free(k->rbuf);
	free(k);
	maybe_finish_close(c);
}

static int conn_send(void *arg, const struct net_addr *dst, const void *buf,
		     size_t len)
{
	struct tftp_conn *k = arg;
	struct sockaddr_in sin;
	uv_buf_t b = uv_buf_init((char *)buf, (unsigned)len);
	int n;

	net_addr_to_sockaddr(dst, &sin);
	n = uv_udp_try_send(&k->h, &b, 1, (const struct sockaddr *)&sin);
	if (n == UV_EAGAIN || n == UV_ENOBUFS) {
		/* a full socket buffer: as if lost, retransmission recovers */
		log_printf(LOG_DEBUG, LOG_CAT_CFG, "tftp send: %s",
			   uv_strerror(n));
		return 0;
	}
	if (n < 0) {
		log_printf(LOG_WARN, LOG_CAT_CFG, "tftp send: %s",
			   uv_strerror(n));
		return n;
	}
	return (size_t)n == len ? 0 : -EMSGSIZE;
}

static void conn_closed(void *arg, struct tftp_xfer *x)
{
	struct tftp_conn *k = arg;

	(void)x;
	if (k->closing)
		return;
	k->closing = 1;
	uv_close((uv_handle_t *)&k->h, on_conn_closed);
}

static const struct tftp_io conn_io = {
	.send = conn_send,
	.closed = conn_closed,
};

static void on_alloc(uv_handle_t *h, size_t hint, uv_buf_t *buf)
{
	struct tftp_conn *k = h->data;

	(void)hint;
	buf->base = (char *)k->rbuf;
	buf->len = k->rcap;
}

/* A datagram longer than the buffer arrives cut (UV_UDP_PARTIAL) at
 * rcap bytes, one more than any the transfer takes: it is rejected as
 * too long, never read past. */
static void on_recv(uv_udp_t *h, ssize_t n, const uv_buf_t *buf,
		    const struct sockaddr *from, unsigned flags)
{
	struct tftp_conn *k = h->data;
	struct net_addr src;

	(void)flags;
	if (n < 0) {
		log_printf(LOG_DEBUG, LOG_CAT_CFG, "tftp receive: %s",
			   uv_strerror((int)n));
		return;
	}
	if (!from || from->sa_family != AF_INET || k->closing)
		return; /* nothing more to read, or not IPv4 */
	net_addr_from_sockaddr(&src, (const struct sockaddr_in *)from);
	tftp_xfer_input(k->x, buf->base, (size_t)n, &src);
}

int tftp_client_open(struct tftp_client **cp, struct uv_loop_s *uv,
		     struct rt_timers *timers, uint32_t local_ip)
{
	struct tftp_client *c;
	int err;

	if (!cp || !uv || !timers)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->uv = uv;
	c->timers = timers;
	c->ip = local_ip;
	err = uv_idle_init(uv, &c->idle);
	if (err) {
		free(c);
		return err;
	}
	c->idle.data = c;
	*cp = c;
	return 0;
}

void tftp_client_close(struct tftp_client *c, tftp_close_fn *cb, void *arg)
{
	struct tftp_conn *k;

	if (!c || c->closing)
		return;
	c->closing = 1;
	c->close_cb = cb;
	c->close_arg = arg;
	/* Unlinking waits for each socket's close callback. */
	for (k = c->conns; k; k = k->next)
		if (!k->closing)
			tftp_cancel(k->x);
	/* A transfer that had reported and was dallying closes as well. */
	for (k = c->conns; k; k = k->next)
		conn_closed(k, k->x);
	maybe_finish_close(c);
}

int tftp_get(struct tftp_client *c, const struct net_addr *server,
	     const char *filename, const struct tftp_opts *opts,
	     tftp_done_fn *cb, void *arg, struct tftp_xfer **xp)
{
	struct tftp_conn *k;
	struct sockaddr_in sin;
	struct net_addr local = {0};
	int err;

	if (!c || !server)
		return -EINVAL;
	if (c->closing)
		return -ESHUTDOWN;
	k = calloc(1, sizeof(*k));
	if (!k)
		return -ENOMEM;
	k->c = c;
	err = tftp_xfer_new(&k->x, c->timers, &conn_io, k, server, filename,
			    opts, cb, arg);
	if (err) {
		free(k);
		return err;
	}
	k->rcap = tftp_xfer_rx_size(k->x);
	k->rbuf = malloc(k->rcap);
	if (!k->rbuf) {
		err = -ENOMEM;
		goto out_free;
	}
	err = uv_udp_init(c->uv, &k->h);
	if (err)
		goto out_free;
	k->h.data = k;
	local.ip = c->ip;
	net_addr_to_sockaddr(&local, &sin);
	err = uv_udp_bind(&k->h, (const struct sockaddr *)&sin, 0);
	if (!err)
		err = uv_udp_recv_start(&k->h, on_alloc, on_recv);
	/* From here the socket closes asynchronously and frees the rest. */
	k->next = c->conns;
	c->conns = k;
	if (err) {
		k->closing = 1;
		/* The callback must never run: stop the transfer first. */
		tftp_xfer_free(k->x);
		k->x = NULL;
		uv_close((uv_handle_t *)&k->h, on_conn_closed);
		return err;
	}
	if (xp)
		*xp = k->x;
	return 0;
out_free:
	tftp_xfer_free(k->x);
	free(k->rbuf);
	free(k);
	return err;
}
