/*
 * sip_tcp_rx.h - SIP over TCP, receiving side: a listener on the phone's
 * address and voip_control_port, one stream framer (sip/sip_tcp.h) per
 * connection, whole messages handed up.
 *
 * The guide's phone speaks SIP over UDP ("TCP for Telnet sessions only");
 * this is the receive path ready for peers that insist on TCP.  A
 * connection whose stream cannot be framed is closed (RFC 3261 18.3).
 */
#ifndef SIP_TCP_RX_H
#define SIP_TCP_RX_H

#include <uv.h>

#include "net/net_addr.h"

enum { SIP_TCP_CONN_MAX = 8 }; /* connections at once; more are refused */

typedef void sip_tcp_rx_fn(void *arg, const char *msg, size_t len,
			   const struct net_addr *src);

struct sip_tcp_conn;

struct sip_tcp_rx {
	uv_tcp_t listener;
	uv_loop_t *uv;
	sip_tcp_rx_fn *recv;
	void *arg;
	struct net_addr local;
	struct sip_tcp_conn *conns;
	unsigned nconn;
	unsigned long accepted, refused, framing_errors, messages;
	uv_close_cb close_cb;
	int closing;
};

int sip_tcp_rx_open(struct sip_tcp_rx *t, uv_loop_t *uv,
		    const struct net_addr *local, sip_tcp_rx_fn *recv,
		    void *arg);
/* Close the listener and every connection; CB once all are closed. */
void sip_tcp_rx_close(struct sip_tcp_rx *t, uv_close_cb cb);

#endif
