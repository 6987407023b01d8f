/*
 * sip_uri.rl - SIP/SIPS URIs (RFC 3261 s.25.1), tel URIs (RFC 3966) and
 * other absolute URIs (RFC 2396), one pass, fields as slices.
 *
 * Userinfo is optional and may contain ';', '?' and ':', so "sip:a;b@h"
 * and "sip:a;b" share a prefix: the machine runs both readings at once and
 * the '@' action forgets what the host reading had recorded.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "sip/sip_scan.h"
#include "sip/sip_uri.h"

#define PL(a, b) sip_pl_mk((const char *)(a), (size_t)((b) - (a)))

/* Dispatch on the length, then one compare of the letters. */
static void uri_param(struct sip_uri *u, struct sip_pl n, struct sip_pl v)
{
	switch (n.l) {
	case 2:
		if (sip_tok_lceq(n.p, "lr", 2))
			u->lr = 1;
		break;
	case 3:
		if (sip_tok_lceq(n.p, "ttl", 3))
			u->ttl = v;
		break;
	case 4:
		if (sip_tok_lceq(n.p, "user", 4))
			u->user_param = v;
		break;
	case 5:
		if (sip_tok_lceq(n.p, "maddr", 5))
			u->maddr = v;
		break;
	case 6:
		if (sip_tok_lceq(n.p, "method", 6))
			u->method = v;
		break;
	case 9:
		if (sip_tok_lceq(n.p, "transport", 9))
			u->transport = v;
		break;
	}
}

/* Stores the compiler keeps inline (a memset of the struct is a call
 * or a rep stos). */
_Static_assert(sizeof(struct sip_uri) ==
	       offsetof(struct sip_uri, scheme_pl) + 13 * sizeof(struct sip_pl),
	       "uri_clear() stores each slice: a new field needs its store");

static inline void uri_clear(struct sip_uri *u)
{
	static const struct sip_pl z;

	/* The head with its padding, as the memset did. */
	memset(u, 0, offsetof(struct sip_uri, scheme_pl));
	u->scheme_pl = z;
	u->user = z;
	u->password = z;
	u->host = z;
	u->port_pl = z;
	u->params = z;
	u->headers = z;
	u->transport = z;
	u->user_param = z;
	u->maddr = z;
	u->ttl = z;
	u->method = z;
	u->rest = z;
}

%%{
	machine sip_uri;
	include sip_core "_core.rl";

	action mk       { mk = p; }
	# fentry() is here only so ragel writes sip_uri_en_main_sip_uri_hier:
	# sip_uri_parse()'s "sip:" fast path starts there.
	action s_sip    { u->scheme = SIP_URI_SIP; (void)fentry(hier); }
	action s_sips   { u->scheme = SIP_URI_SIPS; }
	action s_tel    { u->scheme = SIP_URI_TEL; }
	action s_other  { u->scheme = SIP_URI_OTHER; }
	action e_scheme { u->scheme_pl = PL(start, p); }
	action e_user   { u->user = PL(mk, p); }
	action mk_pw    { pw = p; }
	action e_pw     { u->password = PL(pw, p); }
	# The host reading was wrong: this was userinfo.
	# Most userinfo ("4102@") never left the host reading's host: then
	# there is nothing to forget.
	# Parameters and headers follow the host, whose leaving action runs
	# first: the host alone tells whether anything was recorded.
	action at {
		if (u->host.p) {
			struct sip_pl user = u->user, pass = u->password;
			uint8_t sch = u->scheme;
			struct sip_pl spl = u->scheme_pl;

			memset(u, 0, sizeof(*u));
			u->scheme = sch;
			u->scheme_pl = spl;
			u->user = user;
			u->password = pass;
		}
	}
	action mk_host  { hs = p; }
	action e_host   { u->host = PL(hs, p); }
	action mk_port  { ps = p; }
	action e_port   { u->port_pl = PL(ps, p); }
	action p_start  { if (!u->params.p) u->params.p = (const char *)p + 1; }
	action mk_pn    { pn = p; pv = NULL; }
	action e_pn     { pne = p; }
	action mk_pv    { pv = p; }
	action e_param {
		u->params.l = (size_t)((const char *)p - u->params.p);
		uri_param(u, PL(pn, pne), pv ? PL(pv, p) : sip_pl_mk((const char *)p, 0));
	}
	action mk_hdrs  { u->headers.p = (const char *)p + 1; }
	action e_hdrs   { u->headers.l = (size_t)((const char *)p - u->headers.p); }
	action mk_rest  { rs = p; }
	action e_rest   { u->rest = PL(rs, p); }

	user_ch  = unreserved | escaped | [&=+$,;?/];
	pass_ch  = unreserved | escaped | [&=+$,];
	userinfo = (user_ch+ >mk %e_user) (':' (pass_ch* >mk_pw %e_pw))? '@' @at;
	# host_f >mk_host, the host's first byte jumping over all its labels
	# and inner dots (sip_skip_hostname; the mark runs first).
	action sk_hname { fexec sip_skip_hostname(p + 1, pe); }
	hlabel_h = (lch >mk_host @sk_hname) (lch $sk_lbl)*;
	host_u   = (hlabel_h ('.' hlabel_f)* '.'?) | (ipv6ref >mk_host);
	hostport = (host_u %e_host) (':' (port_f >mk_port %e_port))?;
	pchar    = [\[\]/:&+$] | unreserved | escaped;
	uparam   = (pchar+ >mk_pn %e_pn) ('=' (pchar+ >mk_pv))?;
	uparams  = (';' >p_start uparam %e_param)*;
	hnv      = [\[\]/?:+$] | unreserved | escaped;
	uhdr     = hnv* '=' hnv*;
	uheaders = ('?' >mk_hdrs uhdr ('&' uhdr)*) %e_hdrs;

	sip_uri  = ('sip'i %s_sip | 'sips'i %s_sips) %e_scheme ':'
		   (hier: userinfo? hostport uparams uheaders?);

	# RFC 3966: the number (with visual separators), then parameters.
	tel_ch   = xdigit | [*#+\-.()pPwW];
	tel_uri  = 'tel'i %s_tel %e_scheme ':' (tel_ch+ >mk %e_user) uparams;

	scheme   = (alpha (alphanum | [+\-.])*) - ('sip'i | 'sips'i | 'tel'i);
	uric     = reserved | unreserved | escaped | [\[\]#];
	abs_uri  = scheme %s_other %e_scheme ':' (uric+ >mk_rest %e_rest);

	main := sip_uri | tel_uri | abs_uri;
}%%

%% write data noerror;

int sip_uri_parse(struct sip_uri *u, const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf, *pe = p + len;
	const unsigned char *eof = pe, *start = p;
	const unsigned char *mk = p, *pw = p, *hs = p, *ps = p;
	const unsigned char *pn = p, *pne = p, *pv = NULL, *rs = p;
	int cs;
	int err = 0;

	uri_clear(u);
	/* "sip:" (most URIs, the letters in any case): what the machine's
	 * first four bytes do. */
	if (len > 4 && sip_tok_lceq(p, "sip", 3) && p[3] == ':') {
		u->scheme = SIP_URI_SIP;
		u->scheme_pl = PL(p, p + 3);
		p += 4;
		cs = sip_uri_en_main_sip_uri_hier;
	} else {
		%% write init;
	}
	%% write exec;

	if (cs < sip_uri_first_final || p != pe) {
		err = -EBADMSG;
		goto out;
	}
	if (u->port_pl.p) {
		uint32_t port;

		if (sip_pl_u32(&u->port_pl, 65535, &port) < 0) {
			err = -EBADMSG;
			goto out;
		}
		u->port = (uint16_t)port;
	}
out:
	if (err)
		memset(u, 0, sizeof(*u));
	return err;
}

/* Parameter and header lists of a URI that already parsed. */
%%{
	machine sip_uparam;
	alphtype unsigned char;
	action mk_n { n = p; v = NULL; }
	action e_n  { ne = p; }
	action mk_v { v = p; }
	action done { found = 1; fbreak; }
	pch  = any - [;=];
	main := (pch* >mk_n %e_n ('=' ((any - ';')* >mk_v))?) (';' @done)?;
}%%

%% write data noerror nofinal noentry;

int sip_uri_param_next(struct sip_pl *rest, struct sip_pl *name,
		       struct sip_pl *val)
{
	const unsigned char *p, *pe, *eof;
	const unsigned char *n, *ne, *v = NULL;
	int cs, found = 0;

	if (!rest->p || rest->l == 0)
		return -ENOENT;
	p = (const unsigned char *)rest->p;
	pe = p + rest->l;
	eof = pe;
	n = ne = p;
	%% write init;
	%% write exec;

	/* After "done", p is past the ';'. */
	*name = PL(n, ne);
	if (v)
		*val = PL(v, found ? p - 1 : p);
	else
		*val = sip_pl_mk((const char *)ne, 0);
	/* Whatever the input, each call consumes it or ends the walk. */
	if (!found && p != pe) {
		rest->l = 0;
		return -ENOENT;
	}
	rest->l -= (size_t)((const char *)p - rest->p);
	rest->p = (const char *)p;
	return 0;
}

%%{
	machine sip_uheader;
	alphtype unsigned char;
	action mk_n { n = p; v = NULL; }
	action e_n  { ne = p; }
	action mk_v { v = p; }
	action done { found = 1; fbreak; }
	hch  = any - [&=];
	main := (hch* >mk_n %e_n ('=' ((any - '&')* >mk_v))?) ('&' @done)?;
}%%

%% write data noerror nofinal noentry;

int sip_uri_header_next(struct sip_pl *rest, struct sip_pl *name,
			struct sip_pl *val)
{
	const unsigned char *p, *pe, *eof;
	const unsigned char *n, *ne, *v = NULL;
	int cs, found = 0;

	if (!rest->p || rest->l == 0)
		return -ENOENT;
	p = (const unsigned char *)rest->p;
	pe = p + rest->l;
	eof = pe;
	n = ne = p;
	%% write init;
	%% write exec;

	*name = PL(n, ne);
	if (v)
		*val = PL(v, found ? p - 1 : p);
	else
		*val = sip_pl_mk((const char *)ne, 0);
	/* Whatever the input, each call consumes it or ends the walk. */
	if (!found && p != pe) {
		rest->l = 0;
		return -ENOENT;
	}
	rest->l -= (size_t)((const char *)p - rest->p);
	rest->p = (const char *)p;
	return 0;
}

int sip_uri_param(const struct sip_uri *u, const char *name,
		  struct sip_pl *val)
{
	struct sip_pl rest = u->params, n, v;

	while (sip_uri_param_next(&rest, &n, &v) == 0)
		if (sip_pl_caseeq(&n, name)) {
			*val = v;
			return 0;
		}
	return -ENOENT;
}

int sip_uri_header(const struct sip_uri *u, const char *name,
		   struct sip_pl *val)
{
	struct sip_pl rest = u->headers, n, v;

	while (sip_uri_header_next(&rest, &n, &v) == 0)
		if (sip_pl_caseeq(&n, name)) {
			*val = v;
			return 0;
		}
	return -ENOENT;
}
