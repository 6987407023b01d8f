/*
 * tftp_int.h - transfer internals shared by runtime/tftp/tftp_xfer.c and
 * the state chart generated from spec/tftp/tftp_xfer.rl.
 */
#ifndef TFTP_INT_H
#define TFTP_INT_H

#include "tftp/tftp.h"
#include "tftp/tftp_events.h"

enum { TFTP_EVQ_MAX = 4 }; /* events posted while the machine runs */

struct tftp_xfer {
	int cs;                        /* the machine's state */
	struct rt_timers *timers;
	const struct tftp_io *io;
	void *io_arg;
	tftp_done_fn *cb;
	void *arg;
	struct tftp_opts o;            /* with the defaults filled in */
	char file[TFTP_FILENAME_MAX + 1];

	struct net_addr server;        /* where requests go */
	struct net_addr peer;          /* the server's TID, once locked */
	uint8_t locked;

	/* What we asked for (0: not asked) and what is in force. */
	uint16_t req_blksize;
	uint8_t req_tsize, req_timeout;
	uint16_t blksize;

	/* The last packet sent (RRQ or ACK), to send again. */
	uint8_t tx[TFTP_REQ_MAX];
	size_t tx_len;

	/* Retransmission (RFC 1123 4.2.3.2: exponential backoff). */
	struct rt_timer timer;
	int timer_ev;
	uint32_t base_ms, cap_ms, interval;
	unsigned tries;                /* retransmissions of tx so far */

	/* The datagram being handled, classified. */
	struct tftp_pkt pkt;
	struct net_addr src;
	uint16_t oack_blksize;
	uint64_t oack_tsize;
	uint8_t oack_timeout;
	int bad_err;
	const char *bad_why;
	int sink_err, io_err;

	/* Buffer mode: the file so far (CAP bytes allocated). */
	uint8_t *buf;
	size_t cap;

	struct tftp_result r;

	int evq[TFTP_EVQ_MAX];
	unsigned evq_n;
	uint8_t feeding, report_pending, reported, closed_pending,
		closed_notified, error_sent;
};

/* The machine (gen/tftp/tftp_xfer.c). */
void tftp__xfer_init(struct tftp_xfer *x);
void tftp__xfer_feed(struct tftp_xfer *x, int ev);
const char *tftp__xfer_state(int cs);

/* Its actions (tftp_xfer.c). */
void tftp__send_rrq(struct tftp_xfer *x);
void tftp__send_plain_rrq(struct tftp_xfer *x);
void tftp__retransmit(struct tftp_xfer *x);
void tftp__reack(struct tftp_xfer *x);
void tftp__arm_retx(struct tftp_xfer *x);
void tftp__arm_dally(struct tftp_xfer *x);
void tftp__lock(struct tftp_xfer *x);
void tftp__accept_oack(struct tftp_xfer *x);
void tftp__deliver(struct tftp_xfer *x);
void tftp__send_ack(struct tftp_xfer *x);
void tftp__finish(struct tftp_xfer *x);
void tftp__stray(struct tftp_xfer *x);
void tftp__fail_remote(struct tftp_xfer *x);
void tftp__fail_bad(struct tftp_xfer *x);
void tftp__fail_oack(struct tftp_xfer *x);
void tftp__fail_too_big(struct tftp_xfer *x);
void tftp__fail_sink(struct tftp_xfer *x);
void tftp__fail_io(struct tftp_xfer *x);
void tftp__give_up(struct tftp_xfer *x);
void tftp__cancel(struct tftp_xfer *x);
void tftp__close(struct tftp_xfer *x);
void tftp__ignore(struct tftp_xfer *x, int ev);
void tftp__unexpected(struct tftp_xfer *x, int ev);

#endif
