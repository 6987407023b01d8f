/*
 * txn.h - the RFC 3261 transaction layer (section 17).
 *
 * Four Ragel state charts (spec/txn/txn_{ict,nict,ist,nist}.rl) driven by
 * the messages the layer matches to them and by timers A-M on the layer's
 * rt_timers.  Retransmission intervals follow timer_t1/timer_t2; the
 * number of retransmissions is capped by the guide's sip_invite_retx (an
 * INVITE) and sip_retx (any other message, responses included): once the
 * cap is reached the transaction gives up one interval after the last
 * copy, or at its timeout (B, F, H, L) if that comes first.  With the
 * defaults (T1 500 ms, 6 and 10) this is exactly RFC 3261's schedule.
 *
 * Responses go where the guide's NAT paragraph says (Table 3-3,
 * outbound_proxy_port): to the top Via's received=, else to the source
 * when it differs from the Via host, else to the Via host; rport (RFC 3581)
 * is filled in and honoured.
 *
 * No OS here: the layer sends through a callback and reads time through
 * rt_timers, so tests run it on a fake clock and a fake network.
 */
#ifndef TXN_H
#define TXN_H

#include <stdint.h>

#include "net/net_addr.h"
#include "rt/rt_timer.h"
#include "sip/sip_msg.h"

enum {
	TXN_MAX = 512,       /* live transactions; new requests get 503 past it */
	TXN_T4_MS = 5000,    /* RFC 3261 T4 */
	TXN_TIMER_D_MS = 32000, /* "at least 32 seconds for unreliable transports" */
};

struct txn_cfg {
	uint32_t t1, t2;        /* ms: timer_t1, timer_t2 */
	uint32_t invite_retx;   /* sip_invite_retx */
	uint32_t retx;          /* sip_retx */
};
/* The guide's defaults (Table 3-3). */
#define TXN_CFG_DEFAULT {500, 4000, 6, 10}

enum txn_kind { TXN_ICT, TXN_NICT, TXN_IST, TXN_NIST };

struct txn;
struct txn_layer;

/* What the transaction user (registration, call, ...) hears. */
struct txn_user_ops {
	/* A client transaction's response (each 2xx retransmission too, for
	 * the ACK: RFC 6026). */
	void (*response)(void *arg, struct txn *t, const struct sip_msg *resp);
	/* No final response in time (Timer B / F, or the retransmission cap):
	 * the place for failover to a backup proxy or the next SRV target. */
	void (*timeout)(void *arg, struct txn *t);
	void (*transport_error)(void *arg, struct txn *t);
	/* A server transaction saw the ACK for its 2xx (IST only). */
	void (*ack)(void *arg, struct txn *t, const struct sip_msg *ack);
	/* A server transaction's final response was never acknowledged. */
	void (*no_ack)(void *arg, struct txn *t);
	/* The transaction is gone: the last callback for T. */
	void (*terminated)(void *arg, struct txn *t);
};

/* The layer's neighbours: the network below, the core above. */
struct txn_layer_ops {
	int (*send)(void *arg, const struct net_addr *dst, const char *buf,
		    size_t len);
	/* A new request that created server transaction T (not ACK).  The
	 * core answers through txn_respond() (now or later) and may set T's
	 * user with txn_set_user(). */
	void (*request)(void *arg, struct txn *t, const struct sip_msg *req,
			const struct net_addr *src);
	/* What matches no transaction: an ACK for a 2xx that is no longer
	 * retransmitted, a stray 2xx retransmission.  May be NULL. */
	void (*stray)(void *arg, const struct sip_msg *m,
		      const struct net_addr *src);
};

struct txn_stats {
	unsigned long rx, rx_bad, rx_stray, tx, retransmissions, unexpected;
};

int txn_layer_alloc(struct txn_layer **lp, struct rt_timers *timers,
		    const struct txn_cfg *cfg, const struct txn_layer_ops *ops,
		    void *arg);
/* Ends every transaction without callbacks; frees the layer. */
void txn_layer_free(struct txn_layer *l);
void txn_layer_set_cfg(struct txn_layer *l, const struct txn_cfg *cfg);
const struct txn_stats *txn_layer_stats(const struct txn_layer *l);
unsigned txn_layer_count(const struct txn_layer *l);

/* A datagram from SRC.  Malformed requests are answered (400, 505, 416,
 * 413) and dropped, malformed responses dropped. */
void txn_layer_recv(struct txn_layer *l, const char *buf, size_t len,
		    const struct net_addr *src);
/* The same for a message cut from a stream (TCP): Content-Length is
 * required (RFC 3261 18.3). */
void txn_layer_recv_stream(struct txn_layer *l, const char *buf, size_t len,
			   const struct net_addr *src);

/* Start a client transaction for the request in BUF (a whole message with
 * a magic-cookie branch; the layer keeps a copy) to DST.  -EINVAL if BUF
 * is not a request, -EAGAIN at TXN_MAX, -ENOMEM. */
int txn_request(struct txn_layer *l, const char *buf, size_t len,
		const struct net_addr *dst, const struct txn_user_ops *user,
		void *arg, struct txn **tp);

/* Send a response (BUF: a whole response built for the request) on a
 * server transaction. */
int txn_respond(struct txn *t, const char *buf, size_t len);
/* Build and send a response to the server transaction's request with
 * only STATUS (and its phrase), a To tag when TO_TAG is set. */
int txn_respond_status(struct txn *t, uint16_t status, const char *to_tag);

void txn_set_user(struct txn *t, const struct txn_user_ops *user, void *arg);
/* The server transaction of the INVITE a CANCEL (REQ) cancels (RFC 3261
 * 9.2), or NULL. */
struct txn *txn_find_cancelled(struct txn_layer *l, const struct sip_msg *req);

enum txn_kind txn_kind(const struct txn *t);
const char *txn_state(const struct txn *t);
/* The request this transaction was made for (the layer's copy). */
const struct sip_msg *txn_msg(const struct txn *t);
const struct net_addr *txn_peer(const struct txn *t);

#endif
