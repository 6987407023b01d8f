/*
 * sip_udp.c - the SIP UDP socket on libuv.
 */
#include <errno.h>
#include <string.h>

#include "log/log.h"
#include "transport/sip_udp.h"

void net_addr_to_sockaddr(const struct net_addr *a, struct sockaddr_in *sin)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(a->port);
	sin->sin_addr.s_addr = htonl(a->ip);
}

void net_addr_from_sockaddr(struct net_addr *a, const struct sockaddr_in *sin)
{
	a->ip = ntohl(sin->sin_addr.s_addr);
	a->port = ntohs(sin->sin_port);
}

static void on_alloc(uv_handle_t *h, size_t hint, uv_buf_t *buf)
{
	struct sip_udp *u = h->data;

	(void)hint;
	buf->base = u->rbuf;
	buf->len = sizeof(u->rbuf);
}

static void on_recv(uv_udp_t *h, ssize_t n, const uv_buf_t *buf,
		    const struct sockaddr *from, unsigned flags)
{
	struct sip_udp *u = h->data;
	struct net_addr src;

	if (n < 0) {
		log_printf(LOG_WARN, LOG_CAT_SIP, "udp receive: %s",
			   uv_strerror((int)n));
		return;
	}
	if (n == 0 || !from || from->sa_family != AF_INET)
		return; /* nothing more to read, or not IPv4 */
	if (flags & UV_UDP_PARTIAL)
		u->rx_truncated++;
	u->rx++;
	u->rx_bytes += (unsigned long)n;
	net_addr_from_sockaddr(&src, (const struct sockaddr_in *)from);
	u->recv(u->arg, buf->base, (size_t)n, &src);
}

int sip_udp_open(struct sip_udp *u, uv_loop_t *uv,
		 const struct net_addr *local, sip_udp_recv_fn *recv,
		 void *arg)
{
	struct sockaddr_in sin;
	struct sockaddr_storage bound;
	int err, len = sizeof(bound);

	u->recv = recv;
	u->arg = arg;
	u->rx = u->tx = u->rx_truncated = u->tx_errors = 0;
	u->rx_bytes = u->tx_bytes = 0;
	err = uv_udp_init(uv, &u->h);
	if (err)
		return err;
	u->h.data = u;
	net_addr_to_sockaddr(local, &sin);
	err = uv_udp_bind(&u->h, (const struct sockaddr *)&sin, 0);
	if (!err)
		err = uv_udp_getsockname(&u->h, (struct sockaddr *)&bound, &len);
	if (!err)
		err = uv_udp_recv_start(&u->h, on_alloc, on_recv);
	if (err) {
		uv_close((uv_handle_t *)&u->h, NULL);
		return err;
	}
	net_addr_from_sockaddr(&u->local, (const struct sockaddr_in *)&bound);
	return 0;
}

int sip_udp_send(struct sip_udp *u, const struct net_addr *dst,
		 const char *buf, size_t len)
{
	struct sockaddr_in sin;
	uv_buf_t b = uv_buf_init((char *)buf, (unsigned)len);
	int n;

	net_addr_to_sockaddr(dst, &sin);
	n = uv_udp_try_send(&u->h, &b, 1, (const struct sockaddr *)&sin);
	if (n < 0) {
		u->tx_errors++;
		log_printf(LOG_WARN, LOG_CAT_SIP, "udp send: %s",
			   uv_strerror(n));
		return n;
	}
	u->tx++;
	u->tx_bytes += (unsigned long)n;
	return (size_t)n == len ? 0 : -EMSGSIZE;
}

void sip_udp_close(struct sip_udp *u, uv_close_cb cb)
{
	uv_close((uv_handle_t *)&u->h, cb);
}
