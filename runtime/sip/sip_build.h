/*
 * sip_build.h - writing SIP messages into a caller's buffer.
 *
 * Every writer appends to a struct sip_mbuf; the first overflow sets
 * b->err = -ENOBUFS and makes every later call a no-op, so a builder can
 * write a whole message and check once.  Nothing is ever cut silently:
 * a message either fits whole or the result is -ENOBUFS.
 */
#ifndef SIP_BUILD_H
#define SIP_BUILD_H

#include <stdarg.h>

#include "sip/sip_msg.h"

struct sip_mbuf {
	char *p;
	size_t cap, len;
	int err;   /* 0, or -ENOBUFS after an overflow */
};

void sip_mbuf_init(struct sip_mbuf *b, char *p, size_t cap);
int sip_mbuf_put(struct sip_mbuf *b, const void *p, size_t n);
int sip_mbuf_puts(struct sip_mbuf *b, const char *s);
int sip_mbuf_put_pl(struct sip_mbuf *b, const struct sip_pl *pl);
int sip_mbuf_printf(struct sip_mbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "Name: value\r\n" */
int sip_build_hdr(struct sip_mbuf *b, const char *name,
		  const struct sip_pl *val);
int sip_build_hdrf(struct sip_mbuf *b, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* An extra header for the builders below. */
struct sip_xhdr {
	const char *name;
	struct sip_pl val;
};

/* What a UA puts in a request it originates (RFC 3261 s.8.1.1). */
struct sip_req {
	const char *method;           /* "INVITE" */
	struct sip_pl ruri;           /* "sip:4250@sip.example.com" */
	/* Via: SIP/2.0/<transport> <sent_by>;branch=<branch>[;rport] */
	const char *transport;        /* "UDP" */
	struct sip_pl sent_by;        /* "192.0.2.50:5060" */
	struct sip_pl branch;         /* with the magic cookie */
	uint8_t rport;
	/* From / To: [display] <uri>[;tag=] */
	struct sip_pl from_dname, from_uri, from_tag;
	struct sip_pl to_dname, to_uri, to_tag;
	struct sip_pl call_id;
	uint32_t cseq;
	struct sip_pl contact;        /* a URI; unset: no Contact */
	uint32_t max_forwards;        /* s.8.1.1.6: 70 */
	const struct sip_xhdr *xhdr;  /* more headers, in order */
	unsigned nxhdr;
	struct sip_pl ctype;          /* Content-Type if there is a body */
	struct sip_pl body;
};

/*
 * Write a whole request (with Content-Length) into B: 0 or -ENOBUFS.
 * -EINVAL if a required field is missing.
 */
int sip_build_request(struct sip_mbuf *b, const struct sip_req *r);

/*
 * Write a response to REQ (s.8.2.6.2): Via (all of them, in order), From,
 * To (with TO_TAG added if the request's To had none and TO_TAG is set),
 * Call-ID and CSeq are copied from the request.  CONTACT, XHDR, CTYPE and
 * BODY as in struct sip_req.  0, -ENOBUFS or -EINVAL.
 */
struct sip_resp {
	uint16_t status;
	const char *reason;           /* NULL: the RFC's phrase */
	struct sip_pl to_tag;
	struct sip_pl contact;
	const struct sip_xhdr *xhdr;
	unsigned nxhdr;
	struct sip_pl ctype;
	struct sip_pl body;
};
int sip_build_response(struct sip_mbuf *b, const struct sip_msg *req,
		       const struct sip_resp *r);

/* The reason phrase of RFC 3261 s.21 for STATUS ("" if unknown). */
const char *sip_reason_phrase(uint16_t status);

/*
 * The response a UA sends to a message sip_msg_parse() rejected (ERR):
 * copies what the request's headers could give (when they parsed) and uses
 * ERR's status and reason.  -EINVAL if there is nothing to answer (a
 * response, or no Via).
 */
int sip_build_error(struct sip_mbuf *b, const struct sip_msg *req,
		    const struct sip_err *err);

#endif
