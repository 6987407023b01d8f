/*
 * txn_int.h - transaction internals shared by runtime/txn/txn.c and the
 * state charts generated from spec/txn/ (txn_ict.rl and the others).
 */
#ifndef TXN_INT_H
#define TXN_INT_H

#include "txn/txn.h"
#include "txn/txn_events.h"

enum { TXN_EVQ_MAX = 8 }; /* events posted while a machine runs */

enum { TXN_VIA_MAX = 512 }; /* bytes of a rewritten top Via */

struct txn {
	struct txn_layer *layer;
	struct txn *next;
	enum txn_kind kind;
	int cs;                        /* the machine's state */

	/* The request: our copy, parsed; for server transactions the top
	 * Via carries received= and rport= (the Via header value points into
	 * VIA). */
	char *buf;
	size_t len;
	struct sip_msg msg;
	char via[TXN_VIA_MAX];
	struct net_addr peer;          /* where requests/responses go */

	struct net_addr src;           /* where a server's request came from */

	/* The last response sent (server) to repeat, and the one the user
	 * just handed over (txn_respond) for the machine to send. */
	char *resp, *pending;
	size_t resp_len, pending_len;
	uint16_t resp_status, pending_status;
	struct sip_pl resp_to_tag, pending_tag; /* To tags (RFC 2543 ACK) */

	/* The message being handled by the current event. */
	const struct sip_msg *cur;

	struct rt_timer retx_timer, timeout_timer, linger_timer;
	int retx_ev, timeout_ev, linger_ev;
	uint32_t interval;             /* the next retransmit interval, ms */
	uint32_t retx_count;
	uint8_t provisional;           /* a 1xx was seen (NICT: E at T2) */

	const struct txn_user_ops *user;
	void *user_arg;

	int evq[TXN_EVQ_MAX];
	unsigned evq_n;
	uint8_t feeding, dead;
};

/* The machines (gen/txn/txn_*.c). */
void txn__ict_init(struct txn *t);
void txn__ict_feed(struct txn *t, int ev);
const char *txn__ict_state(int cs);
void txn__nict_init(struct txn *t);
void txn__nict_feed(struct txn *t, int ev);
const char *txn__nict_state(int cs);
void txn__ist_init(struct txn *t);
void txn__ist_feed(struct txn *t, int ev);
const char *txn__ist_state(int cs);
void txn__nist_init(struct txn *t);
void txn__nist_feed(struct txn *t, int ev);
const char *txn__nist_state(int cs);

/* Their actions (txn.c). */
void txn__send_request(struct txn *t);
void txn__retransmit_request(struct txn *t);
void txn__send_ack(struct txn *t);
void txn__send_trying(struct txn *t);
void txn__send_response(struct txn *t);
void txn__resend_response(struct txn *t);
void txn__arm_retransmit(struct txn *t, int ev);
void txn__arm_timeout(struct txn *t, int ev);
void txn__arm_linger(struct txn *t, int ev);
void txn__stop_retransmit(struct txn *t);
void txn__stop_timers(struct txn *t);
void txn__pass_response(struct txn *t);
void txn__pass_request(struct txn *t);
void txn__pass_ack(struct txn *t);
void txn__timeout(struct txn *t);
void txn__no_ack(struct txn *t);
void txn__transport_error(struct txn *t);
void txn__terminate(struct txn *t);
void txn__ignore(struct txn *t, int ev);
void txn__unexpected(struct txn *t, int ev);

#endif
