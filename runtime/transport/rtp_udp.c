/*
 * rtp_udp.c - the RTP/RTCP socket pair on libuv.
 *
 * Ports are probed with plain sockets and handed to libuv once both of a
 * pair are bound: a libuv handle that failed to bind could only be reused
 * after an asynchronous close.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log/log.h"
#include "transport/rtp_udp.h"
#include "transport/sip_udp.h"

static void on_alloc(uv_handle_t *h, size_t hint, uv_buf_t *buf)
{
	struct rtp_udp *u = h->data;

	(void)hint;
	buf->base = (char *)u->rbuf;
	buf->len = sizeof(u->rbuf);
}

static void on_recv(uv_udp_t *h, ssize_t n, const uv_buf_t *buf,
		    const struct sockaddr *from, unsigned flags)
{
	struct rtp_udp *u = h->data;
	bool rtcp = h == &u->rtcp;
	struct net_addr src;

	if (n < 0) {
		log_printf(LOG_WARN, LOG_CAT_MEDIA, "rtp receive: %s",
			   uv_strerror((int)n));
		return;
	}
	if (n == 0 || !from || from->sa_family != AF_INET)
		return;
	if (flags & UV_UDP_PARTIAL) {
		u->rx_truncated++;
		return; /* a cut RTP packet is no packet */
	}
	net_addr_from_sockaddr(&src, (const struct sockaddr_in *)from);
	if (rtcp) {
		u->rx_rtcp++;
		if (u->recv_rtcp)
			u->recv_rtcp(u->arg, (const uint8_t *)buf->base,
				     (size_t)n, &src);
	} else {
		u->rx_rtp++;
		if (u->recv_rtp)
			u->recv_rtp(u->arg, (const uint8_t *)buf->base,
				    (size_t)n, &src);
	}
}

/* A bound UDP socket on IP:PORT with TOS set, or a negative errno. */
static int bind_one(uint32_t ip, uint16_t port, int tos)
{
	struct sockaddr_in sin;
	struct net_addr a = {ip, port};
	int fd, err;

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -errno;
	net_addr_to_sockaddr(&a, &sin);
	if (setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof(tos)) ||
	    bind(fd, (const struct sockaddr *)&sin, sizeof(sin))) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

static int start_handle(struct rtp_udp *u, uv_loop_t *uv, uv_udp_t *h, int fd)
{
	int err = uv_udp_init(uv, h);

	if (err) {
		close(fd);
		return err;
	}
	h->data = u;
	u->open_handles++;
	err = uv_udp_open(h, fd);
	if (err) {
		close(fd);
		return err;
	}
	return uv_udp_recv_start(h, on_alloc, on_recv);
}

int rtp_udp_open(struct rtp_udp *u, uv_loop_t *uv, uint32_t ip,
		 uint16_t start, uint16_t end, int tos_media,
		 rtp_udp_recv_fn *recv_rtp, rtp_udp_recv_fn *recv_rtcp,
		 void *arg)
{
	/* tos_media is the IP precedence: the top three bits of TOS. */
	int tos = tos_media << 5, fd_rtp = -1, fd_rtcp = -1, err;
	uint32_t port;

	memset(u, 0, sizeof(*u));
	if (tos_media < 0 || tos_media > RTP_UDP_TOS_MAX || start > end)
		return -EINVAL;
	u->recv_rtp = recv_rtp;
	u->recv_rtcp = recv_rtcp;
	u->arg = arg;
	err = -EADDRINUSE;
	for (port = (start + 1u) & ~1u; port + 1 <= end; port += 2) {
		fd_rtp = bind_one(ip, (uint16_t)port, tos);
		if (fd_rtp < 0) {
			err = fd_rtp;
			if (err == -EADDRINUSE || err == -EACCES)
				continue;
			return err;
		}
		fd_rtcp = bind_one(ip, (uint16_t)(port + 1), tos);
		if (fd_rtcp >= 0)
			break;
		err = fd_rtcp;
		close(fd_rtp);
		fd_rtp = -1;
		if (err != -EADDRINUSE && err != -EACCES)
			return err;
	}
	if (fd_rtp < 0)
		return err == -EACCES ? -EACCES : -EADDRINUSE;
	u->local.ip = ip;
	u->local.port = (uint16_t)port;
	err = start_handle(u, uv, &u->rtp, fd_rtp);
	if (!err)
		err = start_handle(u, uv, &u->rtcp, fd_rtcp);
	else
		close(fd_rtcp);
	if (err)
		rtp_udp_close(u, NULL);
	return err;
}

static int send_on(struct rtp_udp *u, uv_udp_t *h, const struct net_addr *dst,
		   const uint8_t *buf, size_t len, unsigned long *tx)
{
	struct sockaddr_in sin;
	uv_buf_t b = uv_buf_init((char *)buf, (unsigned)len);
	int n;

	net_addr_to_sockaddr(dst, &sin);
	n = uv_udp_try_send(h, &b, 1, (const struct sockaddr *)&sin);
	if (n < 0) {
		u->tx_errors++;
		return n;
	}
	(*tx)++;
	return (size_t)n == len ? 0 : -EMSGSIZE;
}

int rtp_udp_send_rtp(struct rtp_udp *u, const struct net_addr *dst,
		     const uint8_t *buf, size_t len)
{
	return send_on(u, &u->rtp, dst, buf, len, &u->tx_rtp);
}

int rtp_udp_send_rtcp(struct rtp_udp *u, const struct net_addr *dst,
		      const uint8_t *buf, size_t len)
{
	return send_on(u, &u->rtcp, dst, buf, len, &u->tx_rtcp);
}

static void on_closed(uv_handle_t *h)
{
	struct rtp_udp *u = h->data;

	if (--u->open_handles == 0 && u->close_cb)
		u->close_cb(u);
}

void rtp_udp_close(struct rtp_udp *u, rtp_udp_close_fn *cb)
{
	unsigned n = u->open_handles;

	u->close_cb = cb;
	if (n == 0) {
		if (cb)
			cb(u);
		return;
	}
	uv_close((uv_handle_t *)&u->rtp, on_closed);
	if (n > 1)
		uv_close((uv_handle_t *)&u->rtcp, on_closed);
}
