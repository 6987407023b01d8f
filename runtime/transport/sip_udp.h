/*
 * sip_udp.h - SIP over UDP: one socket bound to the phone's address and
 * voip_control_port (Table 3-3), so several phones can share a host on
 * 127.0.0.x.  Datagrams go up whole; a datagram larger than a SIP message
 * may be is passed on with its true length so the parser can answer 413.
 */
#ifndef SIP_UDP_H
#define SIP_UDP_H

#include <uv.h>

#include "net/net_addr.h"
#include "sip/sip_msg.h"

typedef void sip_udp_recv_fn(void *arg, const char *buf, size_t len,
			     const struct net_addr *src);

struct sip_udp {
	uv_udp_t h;
	sip_udp_recv_fn *recv;
	void *arg;
	struct net_addr local;
	unsigned long rx, tx, rx_truncated, tx_errors;
	unsigned long rx_bytes, tx_bytes; /* CLI show ethernet */
	char rbuf[SIP_MSG_MAX_SIZE + 1];
};

/* Bind to LOCAL (port 0: any) and start receiving.  0 or a libuv error. */
int sip_udp_open(struct sip_udp *u, uv_loop_t *uv,
		 const struct net_addr *local, sip_udp_recv_fn *recv,
		 void *arg);
/* Send now (UDP does not queue here); 0 or a negative errno. */
int sip_udp_send(struct sip_udp *u, const struct net_addr *dst,
		 const char *buf, size_t len);
void sip_udp_close(struct sip_udp *u, uv_close_cb cb);

void net_addr_to_sockaddr(const struct net_addr *a, struct sockaddr_in *sin);
void net_addr_from_sockaddr(struct net_addr *a, const struct sockaddr_in *sin);

#endif
