/*
 * sip_msg.rl - SIP message framing and header scanning (RFC 3261 s.7,
 * s.25): start line, header fields (names, folded values), the empty line.
 *
 * Actions only mark offsets, and a value's line is skipped with a vector
 * scan rather than byte by byte.  Each complete header line is framed
 * (name and value slices); when the grammar is done, hdrs_file() names
 * each and, for the headers a UA always needs, runs their value grammar
 * (sip_via.rl, sip_addr.rl, sip_hval.rl).  The body is never scanned:
 * Content-Length frames it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "sip/sip_hdr_id.h"
#include "sip/sip_msg.h"
#include "sip/sip_scan.h"

#define PL(a, b) sip_pl_mk((const char *)(a), (size_t)((b) - (a)))

struct msg_state {
	struct sip_msg *m;
	struct sip_err *err;
	const char *buf;
	int cs;
	/* Scan positions live in msg_exec's locals; kept here between calls. */
	const unsigned char *mk, *rs, *body, *stop;
	/* The slot the grammar frames the current header line into: the next
	 * of m->hdr, or SPARE past the last (hdr fails then, as it would). */
	struct sip_hdr *h, spare;
	struct sip_pl vmaj, vmin, code;
	int done, failed, start_ok;
	unsigned filled;	/* FILLED_*: parsed into, so cleared by its parser */
};

/* The big value structs a parser clears itself when it fills them; the
 * others are cleared once, when parsing ends (clear_unfilled). */
enum {
	FILLED_VIA = 1, FILLED_FROM = 2, FILLED_TO = 4, FILLED_CONTACT = 8,
	FILLED_RURI = 16
};

static int fail(struct msg_state *st, uint16_t status, const char *what,
		const struct sip_pl *name)
{
	struct sip_err *e = st->err;

	e->status = status;
	if (name) {
		/* Name the header as the peer wrote it, printable bytes only. */
		char nm[40];
		size_t i, n = name->l < sizeof(nm) - 1 ? name->l : sizeof(nm) - 1;

		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)name->p[i];

			nm[i] = (c > 0x20 && c < 0x7f) ? (char)c : '?';
		}
		nm[n] = '\0';
		snprintf(e->reason, sizeof(e->reason), "%s %s", what, nm);
	} else {
		snprintf(e->reason, sizeof(e->reason), "%s", what);
	}
	return status == 413 ? -EMSGSIZE : -EBADMSG;
}

static inline int is_lws(char c)
{
	/* One compare for the usual printable byte. */
	return (unsigned char)c <= ' ' &&
	       (c == ' ' || c == '\t' || c == '\r' || c == '\n');
}

/* A single-value header seen twice (RFC 4475 multi01, mcl01): H is not
 * the first of its id (DUP). */
static int once(struct msg_state *st, const struct sip_hdr *h, bool dup)
{
	if (dup)
		return fail(st, 400, "Duplicate", &h->name);
	return 0;
}

static int hdr_value(struct msg_state *st, const struct sip_hdr *h, bool dup)
{
	struct sip_msg *m = st->m;
	const char *v = h->val.p;
	size_t l = h->val.l;
	struct sip_pl rest;
	struct sip_via via;
	struct sip_addr addr;
	int err = 0;

	switch (h->id) {
	case SIP_HDR_VIA:
		/* Every value is checked; the top one is kept (s.8.1.3.3). */
		rest = h->val;
		if (!m->via_count && rest.l)
			st->filled |= FILLED_VIA;
		do {
			err = sip_via_next(&rest, m->via_count ? &via : &m->via);
			if (err)
				break;
			m->via_count++;
		} while (rest.l);
		if (err)
			goto bad;
		break;
	case SIP_HDR_FROM:
	case SIP_HDR_TO:
		if ((err = once(st, h, dup)))
			goto out;
		st->filled |= h->id == SIP_HDR_FROM ? FILLED_FROM : FILLED_TO;
		if (sip_addr_parse(h->id == SIP_HDR_FROM ? &m->from : &m->to,
				   v, l) < 0)
			goto bad;
		break;
	case SIP_HDR_CONTACT:
		if (l == 1 && v[0] == '*') {
			m->contact_star = 1;
			break;
		}
		rest = h->val;
		if (!m->contact_count && rest.l)
			st->filled |= FILLED_CONTACT;
		do {
			err = sip_addr_next(&rest,
					    m->contact_count ? &addr : &m->contact);
			if (err)
				break;
			m->contact_count++;
		} while (rest.l);
		if (err)
			goto bad;
		break;
	case SIP_HDR_CALL_ID:
		if ((err = once(st, h, dup)))
			goto out;
		if (sip_callid_check(v, l) < 0)
			goto bad;
		m->call_id = h->val;
		break;
	case SIP_HDR_CSEQ:
		if ((err = once(st, h, dup)))
			goto out;
		if (sip_cseq_parse(&m->cseq, v, l) < 0)
			goto bad;
		break;
	case SIP_HDR_MAX_FORWARDS:
		if ((err = once(st, h, dup)))
			goto out;
		if (sip_hval_u32(v, l, 255, &m->max_forwards) < 0)
			goto bad;
		m->has_max_forwards = 1;
		break;
	case SIP_HDR_CONTENT_LENGTH:
		if ((err = once(st, h, dup)))
			goto out;
		if (sip_hval_u32(v, l, UINT32_MAX, &m->content_length) < 0)
			goto bad;
		m->has_content_length = 1;
		break;
	case SIP_HDR_CONTENT_TYPE:
		if ((err = once(st, h, dup)))
			goto out;
		if (sip_ctype_parse(&m->ctype, v, l) < 0)
			goto bad;
		break;
	case SIP_HDR_EXPIRES:
		if ((err = once(st, h, dup)))
			goto out;
		if (sip_hval_u32(v, l, UINT32_MAX, &m->expires) < 0)
			goto bad;
		m->has_expires = 1;
		break;
	case SIP_HDR_DATE:
		if ((err = once(st, h, dup)))
			goto out;
		if (sip_date_parse(&m->date, v, l) < 0)
			goto bad;
		m->has_date = 1;
		break;
	default:
		break;
	}
out:
	return err;
bad:
	return fail(st, 400, "Bad", &h->name);
}

/*
 * File header H, m->hdr[IDX] (its slices as the grammar framed them): trim
 * its value, name it, link it after the others of its id (LAST: the index
 * of the last one so far, of each id with a first), parse the value.
 */
static int hdr_file(struct msg_state *st, struct sip_hdr *h, unsigned idx,
		    uint16_t *last)
{
	struct sip_msg *m = st->m;
	const char *v = h->val.p, *ve = v + h->val.l;
	enum sip_hdr_id id;
	bool dup = false;

	while (v < ve && is_lws(*v))
		v++;
	while (ve > v && is_lws(ve[-1]))
		ve--;
	h->val = sip_pl_mk(v, (size_t)(ve - v));
	id = sip_hdr_tok_id((const unsigned char *)h->name.p, h->name.l);
	h->id = (uint16_t)id;
	h->next = 0;
	if (id != SIP_HDR_OTHER) {
		dup = m->first[id] != 0;
		if (!dup)
			m->first[id] = (uint16_t)(idx + 1);
		else
			m->hdr[last[id]].next = (uint16_t)(idx + 1);
		last[id] = (uint16_t)idx;
	}
	return hdr_value(st, h, dup);
}

/*
 * File every header the grammar framed, in order.  A value that fails
 * stops parsing where the grammar stopped when it filed headers as it
 * went: one byte past the one after the header's last LF (PE at most).
 */
static int hdrs_file(struct msg_state *st, const unsigned char *pe)
{
	struct sip_msg *m = st->m;
	unsigned i, n = m->nhdr;
	uint16_t last[SIP_HDR__COUNT];	/* read only where first[] is set */
	int err;

	for (i = 0; i < n; i++) {
		struct sip_hdr *h = &m->hdr[i];
		/* The raw value ends at its last line's CR or LF. */
		const unsigned char *e =
			(const unsigned char *)h->val.p + h->val.l;

		err = hdr_file(st, h, i, last);
		if (err < 0) {
			e += *e == '\r' ? 3 : 2;
			st->stop = e < pe ? e : pe;
			m->nhdr = i + 1;
			return err;
		}
	}
	return 0;
}

%%{
	machine sip_msg;
	include sip_core "_core.rl";

	action mk       { mk = p; }
	action e_method { m->method = PL(mk, p); m->is_request = 1; }
	action e_ruri   { m->ruri_pl = PL(mk, p); }
	action e_vmaj   { st->vmaj = PL(mk, p); }
	action e_vmin   { st->vmin = PL(mk, p); }
	action e_code   { st->code = PL(mk, p); }
	action mk_r     { st->rs = p; }
	action e_r      { m->reason = PL(st->rs, p); }
	action e_start  { st->start_ok = 1; }
	action mk_n     { h->name = PL(p, p); }
	action e_n      { h->name.l = (size_t)((const char *)p - h->name.p); }
	action mk_v {
		/* hdr_file() trims the value; the usual space goes now. */
		const unsigned char *hv = p + 1;

		if (hv < pe && *hv == ' ')
			hv++;
		h->val.p = (const char *)hv;
		/* vch* is an action-free self-loop: jump to where it would stop
		 * (the first CR or LF, or PE). */
		fexec sip_find_crlf(hv, pe);
	}
	action vend     { h->val.l = (size_t)((const char *)p - h->val.p); }
	action hdr {
		/* Framed only: hdrs_file() files it when the grammar is done. */
		if (nh >= SIP_MSG_MAX_HDRS) {
			fail(st, 400, "Too Many Headers", NULL);
			st->failed = 1;
			fbreak;
		}
		nh++;
		h = nh < SIP_MSG_MAX_HDRS ? &m->hdr[nh] : &st->spare;
		h->name.p = NULL;	/* no name begun */
	}
	action body     { st->body = p + 1; st->done = 1; fbreak; }

	version  = 'SIP'i '/' (digit+ >mk %e_vmaj) '.' (digit+ >mk %e_vmin);
	vis      = any - (0x00..0x20 | 0x7f);
	ruri     = vis (vis $sk_vis)*;
	req_line = (token >mk %e_method) ' ' (ruri >mk %e_ruri) ' ' version CRLF;
	text     = any - [\r\n];
	reason   = (text (text $sk_text)*)?;
	st_line  = version ' ' (digit+ >mk %e_code) ' ' (reason >mk_r %e_r) CRLF;

	vch      = any - [\r\n];
	eolv     = ('\r'? '\n') >vend;
	header   = (token_f >mk_n %e_n) WSP* ':' @mk_v vch* (eolv WSP+ vch*)* eolv;

	main := (req_line | st_line) @e_start (header %hdr)* CRLF @body;
}%%

%% write data noerror noentry;

static void msg_exec(struct msg_state *st, const unsigned char *p,
		     const unsigned char *pe)
{
	struct sip_msg *m = st->m;
	int cs = st->cs;
	const unsigned char *mk = st->mk;
	struct sip_hdr *h = st->h;
	unsigned nh = m->nhdr;

	%% write exec;
	st->cs = cs;
	st->stop = p;
	st->mk = mk;
	st->h = h;
	m->nhdr = nh;
}

static int finish(struct msg_state *st, const unsigned char *hdr_end,
		  const unsigned char *end, unsigned flags)
{
	struct sip_msg *m = st->m;
	size_t avail = (size_t)(end - hdr_end);
	bool same = false;	/* the CSeq method is the request's */
	uint32_t v;

	if (m->is_request) {
		st->filled |= FILLED_RURI;
		if (sip_uri_parse(&m->ruri, m->ruri_pl.p, m->ruri_pl.l) < 0)
			return fail(st, 400, "Bad Request-URI", NULL);
		/* s.8.2.2.1: a scheme we do not serve. */
		if (m->ruri.scheme == SIP_URI_OTHER)
			return fail(st, 416, "Unsupported URI Scheme", NULL);
		/* Mostly the bytes CSeq already named (both slices set). */
		same = m->first[SIP_HDR_CSEQ] &&
		       m->cseq.method.l == m->method.l &&
		       sip_bytes_eq(m->cseq.method.p, m->method.p,
				    m->method.l, 0);
		m->mid = same ? m->cseq.mid : sip_method_id(&m->method);
	}
	/* s.8.1.1: the headers every request and response carries. */
	if (!m->via_count)
		return fail(st, 400, "Missing Via", NULL);
	if (!m->first[SIP_HDR_FROM])
		return fail(st, 400, "Missing From", NULL);
	if (!m->first[SIP_HDR_TO])
		return fail(st, 400, "Missing To", NULL);
	if (!m->first[SIP_HDR_CALL_ID])
		return fail(st, 400, "Missing Call-ID", NULL);
	if (!m->first[SIP_HDR_CSEQ])
		return fail(st, 400, "Missing CSeq", NULL);
	/* s.8.2.3 / RFC 4475 mismatch01: CSeq method equals the method. */
	if (m->is_request && !same)
		return fail(st, 400, "CSeq Method Mismatch", NULL);

	(void)v;
	if (m->has_content_length) {
		/* s.18.3: a datagram shorter than Content-Length is an error;
		 * bytes past it are ignored (RFC 4475 clerr, dblreq). */
		if (m->content_length > avail)
			return fail(st, 400, "Bad Content-Length", NULL);
		m->body = PL(hdr_end, hdr_end + m->content_length);
	} else {
		if (flags & SIP_MSG_STREAM)
			return fail(st, 400, "Missing Content-Length", NULL);
		m->body = PL(hdr_end, end);
	}
	m->len = (size_t)(m->body.p + m->body.l - st->buf);
	return 0;
}

static void clear_unfilled(struct sip_msg *m, unsigned filled)
{
	if (!(filled & FILLED_RURI))
		memset(&m->ruri, 0, sizeof(m->ruri));
	if (!(filled & FILLED_VIA))
		memset(&m->via, 0, sizeof(m->via));
	if (!(filled & FILLED_FROM))
		memset(&m->from, 0, sizeof(m->from));
	if (!(filled & FILLED_TO))
		memset(&m->to, 0, sizeof(m->to));
	if (!(filled & FILLED_CONTACT))
		memset(&m->contact, 0, sizeof(m->contact));
}

int sip_msg_parse(struct sip_msg *m, const char *buf, size_t len,
		  unsigned flags, struct sip_err *err)
{
	struct msg_state st = {.m = m, .err = err, .buf = buf};
	const unsigned char *p = (const unsigned char *)buf, *pe = p + len;
	int cs, ret = 0;
	uint32_t n;

	/* All but ruri, via, from, to and contact (clear_unfilled). */
	memset(m, 0, offsetof(struct sip_msg, ruri));
	memset(&m->status, 0, offsetof(struct sip_msg, hdr) -
	       offsetof(struct sip_msg, status));
	m->nhdr = 0;
	memset(m->first, 0, offsetof(struct sip_msg, via) -
	       offsetof(struct sip_msg, first));
	memset(&m->via_count, 0, offsetof(struct sip_msg, from) -
	       offsetof(struct sip_msg, via_count));
	memset(&m->contact_count, 0, sizeof(*m) -
	       offsetof(struct sip_msg, contact_count));
	memset(err, 0, sizeof(*err));
	if (len > SIP_MSG_MAX_SIZE) {
		ret = fail(&st, 413, "Message Too Large", NULL);
		goto out;
	}

	%% write init;
	st.cs = cs;
	st.mk = st.rs = p;
	st.h = &m->hdr[0];
	st.h->name.p = NULL;
	msg_exec(&st, p, pe);

	/*
	 * A datagram may end right after a header line, with no empty line
	 * (RFC 5118's files): the header section ends there.
	 */
	if (!st.done && !st.failed && st.stop == pe &&
	    !(flags & SIP_MSG_STREAM) && len > 0 && pe[-1] == '\n' &&
	    st.start_ok) {
		static const unsigned char nl[] = "\n";

		msg_exec(&st, nl, nl + 1);
		if (st.done)
			st.body = pe;
		st.stop = pe;
	}
	/* A bad value comes before whatever the grammar found after it. */
	if (hdrs_file(&st, pe) < 0)
		st.failed = 1;
	err->off = (size_t)((const char *)st.stop - buf);
	if (st.failed) {
		ret = -EBADMSG;
		if (err->status == 0)
			ret = fail(&st, 400, "Bad Request", NULL);
		goto out;
	}
	/* The version decides before anything else is judged (s.8.2.2, 505). */
	if (st.vmaj.p && st.vmin.p) {
		uint32_t a, b;

		if (sip_pl_u32(&st.vmaj, 255, &a) < 0 ||
		    sip_pl_u32(&st.vmin, 255, &b) < 0 || a != 2 || b != 0) {
			ret = fail(&st, 505, "Version Not Supported", NULL);
			goto out;
		}
		m->ver_major = 2;
		m->ver_minor = 0;
	}
	if (!st.done) {
		if (!st.start_ok) {
			ret = fail(&st, 400, m->is_request || !st.code.p ?
				   "Bad Request-Line" : "Bad Status-Line", NULL);
		} else if (st.h->name.p) {
			/* Inside a line not yet framed as a header. */
			struct sip_pl nm = st.h->name;

			if (!nm.l)	/* the name's end not reached */
				nm.l = (size_t)((const char *)st.stop - nm.p);

			ret = fail(&st, 400, "Bad header", &nm);
		} else if (st.stop == pe) {
			ret = fail(&st, 400, "Incomplete Header", NULL);
		} else {
			ret = fail(&st, 400, "Bad Header Line", NULL);
		}
		goto out;
	}
	if (!m->is_request) {
		/* s.25.1: Status-Code is 3 digits (RFC 4475 bigcode). */
		if (st.code.l != 3 || sip_pl_u32(&st.code, 699, &n) < 0 ||
		    n < 100) {
			ret = fail(&st, 400, "Bad Status-Line", NULL);
			goto out;
		}
		m->status = (uint16_t)n;
	}
	ret = finish(&st, st.body, (const unsigned char *)buf + len, flags);
out:
	clear_unfilled(m, st.filled);
	return ret;
}
