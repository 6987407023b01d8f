/*
 * sip_tcp.rl - stream framing (RFC 3261 s.18.3): the start line, header
 * lines (only Content-Length is read, in full or compact form, any case),
 * the empty line.  The machine runs incrementally: state lives in struct
 * sip_tcp between calls, and offsets, never pointers, are kept, because
 * the buffer is compacted between messages.
 */
#include <errno.h>
#include <string.h>

#include "sip/sip_msg.h"
#include "sip/sip_tcp.h"

%%{
	machine sip_tcp;
	alphtype unsigned char;

	action msg_start { t->start = (size_t)(p - base); }
	action cl_start  { t->clen = 0; t->ncl++; }
	action cl_digit {
		t->clen = t->clen * 10 + (uint32_t)(fc - '0');
		if (t->clen > SIP_MSG_MAX_SIZE) {
			t->err = -EMSGSIZE;
			fbreak;
		}
	}
	action hdr_end   { t->hdr_end = (size_t)(p - base) + 1; fbreak; }

	CRLF     = '\r'? '\n';
	WSP      = [ \t];
	cl_name  = 'content-length'i | 'l'i;
	cl_line  = cl_name WSP* ':' @cl_start WSP* (digit @cl_digit)+ WSP*;
	lch      = any - [\r\n];
	other    = lch+ - (cl_name WSP* ':' any*);
	hline    = (cl_line | other) CRLF;
	start    = (lch - WSP) lch* CRLF;

	main := CRLF* (start >msg_start) hline* CRLF @hdr_end;
}%%

%% write data noentry;

void sip_tcp_init(struct sip_tcp *t, char *buf, size_t cap)
{
	int cs;

	memset(t, 0, sizeof(*t));
	t->buf = buf;
	t->cap = cap;
	%% write init;
	t->cs = cs;
}

static void next_msg(struct sip_tcp *t, size_t used)
{
	int cs;

	/* Keep what follows the message; it belongs to the next one. */
	memmove(t->buf, t->buf + used, t->len - used);
	t->len -= used;
	t->scan = 0;
	t->start = 0;
	t->hdr_end = 0;
	t->clen = 0;
	t->ncl = 0;
	%% write init;
	t->cs = cs;
}

static void scan(struct sip_tcp *t)
{
	const unsigned char *base = (const unsigned char *)t->buf;
	const unsigned char *p = base + t->scan, *pe = base + t->len;
	int cs = t->cs;

	%% write exec;
	t->cs = cs;
	t->scan = (size_t)(p - base);
	if (!t->err && cs == sip_tcp_error)
		t->err = -EBADMSG;
}

int sip_tcp_input(struct sip_tcp *t, const char *data, size_t n,
		  sip_tcp_msg_h *h, void *arg)
{
	size_t room, take, end;
	int err = 0;

	while (!t->err) {
		/* Bytes still waiting are taken as room allows. */
		room = t->cap - t->len;
		take = n < room ? n : room;
		if (take) {
			memcpy(t->buf + t->len, data, take);
			t->len += take;
			data += take;
			n -= take;
		}
		if (!t->hdr_end)
			scan(t);
		if (t->err)
			break;
		if (!t->hdr_end) {
			/* A header section that cannot fit (s.18.3, 413). */
			if (t->len - t->start >= SIP_MSG_MAX_SIZE ||
			    (t->len == t->cap && n)) {
				t->err = -EMSGSIZE;
				break;
			}
			if (!n)
				break;
			continue;
		}
		if (t->ncl != 1) {
			/* Missing or repeated (RFC 4475 mcl01): no framing. */
			t->err = -EBADMSG;
			break;
		}
		end = t->hdr_end + t->clen;
		if (end - t->start > SIP_MSG_MAX_SIZE || end > t->cap) {
			t->err = -EMSGSIZE;
			break;
		}
		if (t->len < end) {
			if (!n)
				break;
			continue;
		}
		err = h(arg, t->buf + t->start, end - t->start);
		next_msg(t, end);
		if (err < 0)
			return err;
	}
	return t->err;
}
