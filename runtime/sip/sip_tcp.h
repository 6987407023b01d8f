/*
 * sip_tcp.h - the stream framer (RFC 3261 s.18.3): cuts a TCP byte stream
 * into messages, whatever the chunking (one byte at a time included).
 *
 * The caller gives the buffer (no allocation); bytes are copied into it
 * and scanned once by the incremental machine in spec/sip/sip_tcp.rl,
 * which finds the empty line and the Content-Length.  A message is handed
 * over whole, then parsed with sip_msg_parse(..., SIP_MSG_STREAM, ...).
 * CRLF keep-alives between messages (RFC 5626 s.3.5.1) are skipped.
 */
#ifndef SIP_TCP_H
#define SIP_TCP_H

#include "sip/sip_pl.h"

struct sip_tcp {
	char *buf;
	size_t cap, len;   /* buffer and bytes held */
	size_t scan;       /* bytes already run through the machine */
	size_t start;      /* where the current message starts */
	size_t hdr_end;    /* body offset once the empty line is seen, else 0 */
	uint32_t clen;
	uint8_t ncl;       /* Content-Length headers seen */
	int cs;
	int err;
};

/* A complete message (LEN bytes at MSG, valid during the call only).
 * A negative return stops sip_tcp_input() and is returned by it. */
typedef int (sip_tcp_msg_h)(void *arg, const char *msg, size_t len);

/* BUF of CAP bytes holds one message at most; SIP_MSG_MAX_SIZE is enough. */
void sip_tcp_init(struct sip_tcp *t, char *buf, size_t cap);

/*
 * Feed N bytes.  0; -EMSGSIZE (a message longer than the buffer or than
 * SIP_MSG_MAX_SIZE: answer 413 if possible, close); -EBADMSG (no or
 * conflicting Content-Length, garbage: close the connection, s.18.3); or
 * the handler's error.  After an error the framer stays failed.
 */
int sip_tcp_input(struct sip_tcp *t, const char *data, size_t n,
		  sip_tcp_msg_h *h, void *arg);

#endif
