/*
 * rtp_udp.h - the RTP/RTCP socket pair of one call on libuv: RTP on an
 * even port, RTCP on the next (RFC 3550 s.11), the first free pair in the
 * guide's [start_media_port, end_media_port], bound to the phone's
 * address; outgoing packets marked with tos_media (0 IP_ROUTINE ..
 * 5 IP_CRITIC: the IP precedence bits).  Datagrams go up whole.
 */
#ifndef RTP_UDP_H
#define RTP_UDP_H

#include <stdint.h>
#include <uv.h>

#include "net/net_addr.h"

enum {
	RTP_UDP_BUF = 1500,     /* largest datagram read (an Ethernet MTU) */
	RTP_UDP_TOS_MAX = 5,    /* tos_media */
};

typedef void rtp_udp_recv_fn(void *arg, const uint8_t *buf, size_t len,
			     const struct net_addr *src);

struct rtp_udp;
typedef void rtp_udp_close_fn(struct rtp_udp *u);

struct rtp_udp {
	uv_udp_t rtp, rtcp;
	rtp_udp_recv_fn *recv_rtp, *recv_rtcp;
	void *arg;
	struct net_addr local;      /* the RTP port; RTCP is port + 1 */
	unsigned long rx_rtp, rx_rtcp, tx_rtp, tx_rtcp;
	unsigned long rx_truncated, tx_errors;
	unsigned open_handles;
	rtp_udp_close_fn *close_cb;
	uint8_t rbuf[RTP_UDP_BUF];
};

/* Bind the first free even/odd pair in [START, END] on IP (host order)
 * and start receiving.  0, -EINVAL (bad range or TOS), -EADDRINUSE (no
 * free pair), or another negative errno / libuv error. */
int rtp_udp_open(struct rtp_udp *u, uv_loop_t *uv, uint32_t ip,
		 uint16_t start, uint16_t end, int tos_media,
		 rtp_udp_recv_fn *recv_rtp, rtp_udp_recv_fn *recv_rtcp,
		 void *arg);
/* Send now; 0 or a negative errno. */
int rtp_udp_send_rtp(struct rtp_udp *u, const struct net_addr *dst,
		     const uint8_t *buf, size_t len);
int rtp_udp_send_rtcp(struct rtp_udp *u, const struct net_addr *dst,
		      const uint8_t *buf, size_t len);
/* Close both sockets; CB (may be NULL) once both are closed. */
void rtp_udp_close(struct rtp_udp *u, rtp_udp_close_fn *cb);

#endif
