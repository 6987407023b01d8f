/*
 * dhcp_sock.c - the client's UDP socket (hosted): 0.0.0.0:68 with
 * SO_BROADCAST, optionally SO_BINDTODEVICE, on the libuv loop; sends to
 * 255.255.255.255:67 or, renewing and releasing, to the server.
 */
#define _DEFAULT_SOURCE /* SO_BINDTODEVICE */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <uv.h>

#include "dhcp/dhcp.h"

struct dhcp_sock {
	uv_udp_t udp;
	dhcp_rx_fn *rx;
	void *arg;
	uint8_t buf[DHCP_PKT_MAX + 1];
	int busy;
};

static void on_alloc(uv_handle_t *h, size_t hint, uv_buf_t *b)
{
	struct dhcp_sock *s = h->data;

	(void)hint;
	if (s->busy) { /* one datagram at a time */
		b->base = NULL;
		b->len = 0;
		return;
	}
	s->busy = 1;
	b->base = (char *)s->buf;
	b->len = sizeof(s->buf);
}

static void on_recv(uv_udp_t *u, ssize_t n, const uv_buf_t *b,
		    const struct sockaddr *from, unsigned flags)
{
	struct dhcp_sock *s = u->data;

	(void)from;
	if (b->base)
		s->busy = 0;
	if (n <= 0 || !from)
		return;
	if (flags & UV_UDP_PARTIAL)
		return; /* longer than DHCP_PKT_MAX: not ours to parse */
	s->rx(s->arg, s->buf, (size_t)n);
}

int dhcp_sock_open(struct dhcp_sock **out, uv_loop_t *loop,
		   const char *ifname, dhcp_rx_fn *rx, void *arg)
{
	struct dhcp_sock *s;
	struct sockaddr_in sin;
	int fd, one = 1, err;

	*out = NULL;
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one)) ||
	    (ifname && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname,
				  (socklen_t)strlen(ifname) + 1))) {
		err = -errno;
		close(fd);
		return err;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(DHCP_CLIENT_PORT);
	sin.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin))) {
		err = -errno;
		close(fd);
		return err;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		close(fd);
		return -ENOMEM;
	}
	s->rx = rx;
	s->arg = arg;
	err = uv_udp_init(loop, &s->udp);
	if (err) {
		free(s);
		close(fd);
		return err;
	}
	s->udp.data = s;
	err = uv_udp_open(&s->udp, fd);
	if (err) {
		close(fd);
		dhcp_sock_close(s);
		return err;
	}
	if ((err = uv_udp_set_broadcast(&s->udp, 1)) ||
	    (err = uv_udp_recv_start(&s->udp, on_alloc, on_recv))) {
		dhcp_sock_close(s);
		return err;
	}
	*out = s;
	return 0;
}

static void on_close(uv_handle_t *h)
{
	free(h->data);
}

void dhcp_sock_close(struct dhcp_sock *s)
{
	if (!s)
		return;
	uv_close((uv_handle_t *)&s->udp, on_close);
}

static int sock_send(void *arg, const uint8_t *buf, size_t len, uint32_t dst)
{
	struct dhcp_sock *s = arg;
	struct sockaddr_in sin;
	uv_buf_t b = uv_buf_init((char *)buf, (unsigned)len);
	int n;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(DHCP_SERVER_PORT);
	sin.sin_addr.s_addr = htonl(dst);
	/* A DHCP message is small: the kernel takes it at once or not. */
	n = uv_udp_try_send(&s->udp, &b, 1, (const struct sockaddr *)&sin);
	if (n < 0)
		return n;
	return (size_t)n == len ? 0 : -EMSGSIZE;
}

const struct dhcp_io dhcp_sock_io = { sock_send };
