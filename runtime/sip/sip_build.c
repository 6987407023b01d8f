/*
 * sip_build.c - requests and responses into a caller's buffer
 * (RFC 3261 s.8.1.1, s.8.2.6, s.20).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sip/sip_build.h"

void sip_mbuf_init(struct sip_mbuf *b, char *p, size_t cap)
{
	b->p = p;
	b->cap = cap;
	b->len = 0;
	b->err = 0;
}

int sip_mbuf_put(struct sip_mbuf *b, const void *p, size_t n)
{
	if (b->err)
		return b->err;
	if (n > b->cap - b->len) {
		b->err = -ENOBUFS;
		return b->err;
	}
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	return 0;
}

int sip_mbuf_puts(struct sip_mbuf *b, const char *s)
{
	return sip_mbuf_put(b, s, strlen(s));
}

int sip_mbuf_put_pl(struct sip_mbuf *b, const struct sip_pl *pl)
{
	return sip_mbuf_put(b, pl->p, pl->p ? pl->l : 0);
}

static int vprintf_mb(struct sip_mbuf *b, const char *fmt, va_list ap)
{
	size_t room;
	int n;

	if (b->err)
		return b->err;
	room = b->cap - b->len;
	n = vsnprintf(b->p + b->len, room, fmt, ap);
	if (n < 0) {
		b->err = -EINVAL;
		return b->err;
	}
	if ((size_t)n >= room) {
		b->err = -ENOBUFS;
		return b->err;
	}
	b->len += (size_t)n;
	return 0;
}

int sip_mbuf_printf(struct sip_mbuf *b, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = vprintf_mb(b, fmt, ap);
	va_end(ap);
	return err;
}

int sip_build_hdr(struct sip_mbuf *b, const char *name,
		  const struct sip_pl *val)
{
	sip_mbuf_puts(b, name);
	sip_mbuf_put(b, ": ", 2);
	sip_mbuf_put_pl(b, val);
	return sip_mbuf_put(b, "\r\n", 2);
}

int sip_build_hdrf(struct sip_mbuf *b, const char *name, const char *fmt, ...)
{
	va_list ap;

	sip_mbuf_puts(b, name);
	sip_mbuf_put(b, ": ", 2);
	va_start(ap, fmt);
	vprintf_mb(b, fmt, ap);
	va_end(ap);
	return sip_mbuf_put(b, "\r\n", 2);
}

static void put_addr(struct sip_mbuf *b, const char *name,
		     const struct sip_pl *dname, const struct sip_pl *uri,
		     const struct sip_pl *tag)
{
	sip_mbuf_puts(b, name);
	sip_mbuf_put(b, ": ", 2);
	if (dname->p && dname->l) {
		/* A quoted-string needs '"' and '\' escaped (s.25.1). */
		size_t i;

		sip_mbuf_put(b, "\"", 1);
		for (i = 0; i < dname->l; i++) {
			if (dname->p[i] == '"' || dname->p[i] == '\\')
				sip_mbuf_put(b, "\\", 1);
			sip_mbuf_put(b, &dname->p[i], 1);
		}
		sip_mbuf_put(b, "\" ", 2);
	}
	sip_mbuf_put(b, "<", 1);
	sip_mbuf_put_pl(b, uri);
	sip_mbuf_put(b, ">", 1);
	if (tag->p && tag->l) {
		sip_mbuf_put(b, ";tag=", 5);
		sip_mbuf_put_pl(b, tag);
	}
	sip_mbuf_put(b, "\r\n", 2);
}

static void put_tail(struct sip_mbuf *b, const struct sip_pl *contact,
		     const struct sip_xhdr *x, unsigned nx,
		     const struct sip_pl *ctype, const struct sip_pl *body)
{
	unsigned i;
	size_t blen = body->p ? body->l : 0;

	if (contact->p) {
		sip_mbuf_puts(b, "Contact: <");
		sip_mbuf_put_pl(b, contact);
		sip_mbuf_puts(b, ">\r\n");
	}
	for (i = 0; i < nx; i++)
		sip_build_hdr(b, x[i].name, &x[i].val);
	if (blen && ctype->p)
		sip_build_hdr(b, "Content-Type", ctype);
	sip_build_hdrf(b, "Content-Length", "%zu", blen);
	sip_mbuf_put(b, "\r\n", 2);
	sip_mbuf_put(b, body->p, blen);
}

int sip_build_request(struct sip_mbuf *b, const struct sip_req *r)
{
	int err = 0;

	if (!r->method || !r->ruri.p || !r->sent_by.p || !r->from_uri.p ||
	    !r->to_uri.p || !r->call_id.p) {
		err = -EINVAL;
		goto out;
	}
	sip_mbuf_printf(b, "%s ", r->method);
	sip_mbuf_put_pl(b, &r->ruri);
	sip_mbuf_puts(b, " SIP/2.0\r\n");
	sip_mbuf_printf(b, "Via: SIP/2.0/%s ",
			r->transport ? r->transport : "UDP");
	sip_mbuf_put_pl(b, &r->sent_by);
	if (r->branch.p) {
		sip_mbuf_puts(b, ";branch=");
		sip_mbuf_put_pl(b, &r->branch);
	}
	if (r->rport)
		sip_mbuf_puts(b, ";rport");
	sip_mbuf_puts(b, "\r\n");
	sip_build_hdrf(b, "Max-Forwards", "%" PRIu32, r->max_forwards);
	put_addr(b, "From", &r->from_dname, &r->from_uri, &r->from_tag);
	put_addr(b, "To", &r->to_dname, &r->to_uri, &r->to_tag);
	sip_build_hdr(b, "Call-ID", &r->call_id);
	sip_build_hdrf(b, "CSeq", "%" PRIu32 " %s", r->cseq, r->method);
	put_tail(b, &r->contact, r->xhdr, r->nxhdr, &r->ctype, &r->body);
	err = b->err;
out:
	return err;
}

static void copy_hdrs(struct sip_mbuf *b, const struct sip_msg *req,
		      enum sip_hdr_id id, const char *name)
{
	const struct sip_hdr *h;

	for (h = sip_msg_hdr(req, id); h; h = sip_msg_hdr_next(req, h))
		sip_build_hdr(b, name, &h->val);
}

int sip_build_response(struct sip_mbuf *b, const struct sip_msg *req,
		       const struct sip_resp *r)
{
	const struct sip_hdr *to;
	const char *reason = r->reason ? r->reason :
			     sip_reason_phrase(r->status);
	int err = 0;

	if (!req->is_request || r->status < 100 || r->status > 699) {
		err = -EINVAL;
		goto out;
	}
	sip_mbuf_printf(b, "SIP/2.0 %03u %s\r\n", r->status, reason);
	copy_hdrs(b, req, SIP_HDR_VIA, "Via");
	copy_hdrs(b, req, SIP_HDR_FROM, "From");
	to = sip_msg_hdr(req, SIP_HDR_TO);
	if (to) {
		sip_mbuf_puts(b, "To: ");
		sip_mbuf_put_pl(b, &to->val);
		/* s.8.2.6.2: the UAS adds its tag, except to a 100. */
		if (!req->to.tag.p && r->to_tag.p && r->to_tag.l &&
		    r->status != 100) {
			sip_mbuf_puts(b, ";tag=");
			sip_mbuf_put_pl(b, &r->to_tag);
		}
		sip_mbuf_puts(b, "\r\n");
	}
	copy_hdrs(b, req, SIP_HDR_CALL_ID, "Call-ID");
	copy_hdrs(b, req, SIP_HDR_CSEQ, "CSeq");
	put_tail(b, &r->contact, r->xhdr, r->nxhdr, &r->ctype, &r->body);
	err = b->err;
out:
	return err;
}

int sip_build_error(struct sip_mbuf *b, const struct sip_msg *req,
		    const struct sip_err *e)
{
	int err = 0;

	if (!req->is_request || !req->via_count || !e->status) {
		err = -EINVAL;
		goto out;
	}
	sip_mbuf_printf(b, "SIP/2.0 %03u %s\r\n", e->status, e->reason);
	copy_hdrs(b, req, SIP_HDR_VIA, "Via");
	copy_hdrs(b, req, SIP_HDR_FROM, "From");
	copy_hdrs(b, req, SIP_HDR_TO, "To");
	copy_hdrs(b, req, SIP_HDR_CALL_ID, "Call-ID");
	copy_hdrs(b, req, SIP_HDR_CSEQ, "CSeq");
	sip_mbuf_puts(b, "Content-Length: 0\r\n\r\n");
	err = b->err;
out:
	return err;
}

const char *sip_reason_phrase(uint16_t status)
{
	switch (status) {
	case 100: return "Trying";
	case 180: return "Ringing";
	case 181: return "Call Is Being Forwarded";
	case 182: return "Queued";
	case 183: return "Session Progress";
	case 200: return "OK";
	case 202: return "Accepted";
	case 300: return "Multiple Choices";
	case 301: return "Moved Permanently";
	case 302: return "Moved Temporarily";
	case 305: return "Use Proxy";
	case 380: return "Alternative Service";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 402: return "Payment Required";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 406: return "Not Acceptable";
	case 407: return "Proxy Authentication Required";
	case 408: return "Request Timeout";
	case 410: return "Gone";
	case 413: return "Request Entity Too Large";
	case 414: return "Request-URI Too Long";
	case 415: return "Unsupported Media Type";
	case 416: return "Unsupported URI Scheme";
	case 420: return "Bad Extension";
	case 421: return "Extension Required";
	case 423: return "Interval Too Brief";
	case 480: return "Temporarily Unavailable";
	case 481: return "Call/Transaction Does Not Exist";
	case 482: return "Loop Detected";
	case 483: return "Too Many Hops";
	case 484: return "Address Incomplete";
	case 485: return "Ambiguous";
	case 486: return "Busy Here";
	case 487: return "Request Terminated";
	case 488: return "Not Acceptable Here";
	case 491: return "Request Pending";
	case 493: return "Undecipherable";
	case 500: return "Server Internal Error";
	case 501: return "Not Implemented";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Server Time-out";
	case 505: return "Version Not Supported";
	case 513: return "Message Too Large";
	case 600: return "Busy Everywhere";
	case 603: return "Decline";
	case 604: return "Does Not Exist Anywhere";
	case 606: return "Not Acceptable";
	default:  return "";
	}
}
