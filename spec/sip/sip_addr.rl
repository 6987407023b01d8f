/*
 * sip_addr.rl - name-addr / addr-spec with header parameters (RFC 3261
 * s.20.10, s.25.1), one element of a comma-separated list per call.
 *
 * Without <>, the URI ends at the first ';' and what follows are header
 * parameters (s.20.10; RFC 4475 cparam01).  A display name is a
 * quoted-string or tokens; tokens may touch the '<' (RFC 4475 lwsdisp).
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "sip/sip_scan.h"
#include "sip/sip_addr.h"

#define PL(a, b) sip_pl_mk((const char *)(a), (size_t)((b) - (a)))
#define URI_END (offsetof(struct sip_addr, uri) + sizeof(struct sip_uri))

/* Dispatch on the length, then one compare of the letters. */
static void addr_param(struct sip_addr *a, struct sip_pl n, struct sip_pl v)
{
	switch (n.l) {
	case 1:
		if (sip_tok_lceq(n.p, "q", 1))
			a->q = v;
		break;
	case 3:
		if (sip_tok_lceq(n.p, "tag", 3))
			a->tag = v;
		break;
	case 7:
		if (sip_tok_lceq(n.p, "expires", 7))
			a->expires = v;
		break;
	}
}

/* A byte br_uri takes: not one of [<>"\0 \t\r\n]. */
static inline int br_byte(unsigned char c)
{
	const uint64_t no = 1ull << 0 | 1ull << '\t' | 1ull << '\n' |
			    1ull << '\r' | 1ull << ' ' | 1ull << '"' |
			    1ull << '<' | 1ull << '>';

	return c >= 64 || !(no >> c & 1);
}

%%{
	machine sip_addr;
	include sip_core "_core.rl";

	action mk_dn  { dn = p; }
	action e_dn   { dne = p; }
	action dq     { a->dname_quoted = 1; }
	action lt {
		/* br_uri loops on itself up to the first '>': memchr finds it.
		 * Bytes br_uri refuses are refused by sip_uri_parse() too,
		 * but the last one the machine reads, to refuse it there. */
		const unsigned char *gt = memchr(p + 1, '>', (size_t)(pe - p - 1));

		a->bracket = 1;
		us = p + 1;
		if (gt && gt > us && br_byte(gt[-1])) {
			/* Where that byte and '>' @gt lead: past the '>'. */
			ue = gt;
			fexec gt + 1;
			fgoto agt;
		}
		if (gt && gt > us)
			fexec gt - 1;
	}
	action gt     { ue = p; }
	action mk_u   { us = p; }
	action e_u    { if (!a->bracket) ue = p; }
	action p_start { if (!a->params.p) a->params.p = (const char *)p + 1; }
	action mk_pn  { pn = p; pv = NULL; }
	action e_pn   { pne = p; }
	action mk_pv  { pv = p; }
	# A value ends where its parameter does (e_param, same transition).
	action e_pv   { }
	action e_param {
		a->params.l = (size_t)((const char *)p - a->params.p);
		addr_param(a, PL(pn, pne), pv ? PL(pv, p) : PL(pne, pne));
	}
	action e_elem { ee = p; }
	action done   { found = 1; fbreak; }

	include sip_hparam "_hparam.rl";

	dtoken   = (alphanum | [\-.!%*_+`'~] | utf8_nonascii)+;
	# quoted_string >mk_dn, but the opening quote and each blank skip
	# the word after them in one step (mk_dn, embedded first, runs first).
	qlws     = (WSP* CRLF)? (WSP $sk_tok)+;
	qdtext_s = qlws | 0x21 | 0x23..0x5b | 0x5d..0x7e | utf8_nonascii;
	dquoted  = ('"' >mk_dn $sk_tok) (qdtext_s | qpair)* '"';
	display  = (dtoken (LWS dtoken)*) >mk_dn %e_dn
		 | (dquoted %e_dn %dq);
	br_uri   = (any - [<>"\0 \t\r\n])+;
	name_addr = display? LAQUOT @lt br_uri '>' @gt;
	nb_uri   = (unreserved | escaped | [:/@&=+$\[\]])+;
	addr_spec = nb_uri >mk_u %e_u;
	elem     = (name_addr (agt: hparams)) | (addr_spec hparams);

	main := SWS (elem %e_elem) SWS (',' @done)?;
}%%

%% write data noerror;

/*
 * One element at BUF.  REST NULL: the whole value is one element
 * (sip_addr_parse); else it is the list BUF comes from, advanced past the
 * element and its comma (sip_addr_next).  Inlined into both, REST known
 * in each; where code size comes first (-Os), one copy both jump to.
 */
#if defined(__OPTIMIZE_SIZE__)
static __attribute__((noinline)) int
#else
static inline __attribute__((always_inline)) int
#endif
addr_one(struct sip_addr *a, const char *buf, size_t len,
	 struct sip_pl *rest)
{
	const unsigned char *p = (const unsigned char *)buf, *pe = p + len;
	const unsigned char *eof = pe, *start = p;
	const unsigned char *dn = NULL, *dne = NULL, *us = p, *ue = p;
	const unsigned char *pn = p, *pne = p, *pv = NULL;
	const unsigned char *es = p, *ee = NULL;
	int cs, found = 0, err = 0;

	/* sip_uri_parse() clears the URI itself. */
	memset(a, 0, offsetof(struct sip_addr, uri));
	memset((char *)a + URI_END, 0, sizeof(*a) - URI_END);
	/* "<" first (most values without a display name): what the
	 * machine's first byte does when action lt jumps past the '>' (no
	 * other action is on that transition), then the machine from agt. */
	if (len > 1 && *p == '<' &&
	    (ue = memchr(p + 1, '>', len - 1)) != NULL && ue > p + 1 &&
	    br_byte(ue[-1])) {
		a->bracket = 1;
		us = p + 1;
		p = ue + 1;
		cs = sip_addr_en_main_elem_agt;
	} else {
		ue = p;
		%% write init;
	}
	%% write exec;

	if (!found && (cs < sip_addr_first_final || p != pe)) {
		memset(&a->uri, 0, sizeof(a->uri));
		err = -EBADMSG;
		goto out;
	}
	/* Where the element began: after the leading LWS. */
	while (es < ee && (*es == ' ' || *es == '\t' || *es == '\r' ||
			   *es == '\n'))
		es++;
	a->val = PL(es, ee ? ee : p);
	if (dn && dne) {
		a->dname = PL(dn, dne);
		if (a->dname_quoted) {
			a->dname.p++;
			a->dname.l -= 2;
		}
	}
	a->uri_pl = PL(us, ue);
	if (sip_uri_parse(&a->uri, a->uri_pl.p, a->uri_pl.l) < 0) {
		err = -EBADMSG;
		goto out;
	}
	/* Without <>, a URI may not carry headers (s.20.10; RFC 4475 regbadct). */
	if (!a->bracket && a->uri.headers.p) {
		err = -EBADMSG;
		goto out;
	}
	if (!rest) {
		/* Exactly one element. */
		if (found)
			err = -EBADMSG;
		goto out;
	}
	rest->p += p - start;
	rest->l -= (size_t)(p - start);
	/* A trailing comma needs another element after it. */
	if (found && rest->l == 0)
		err = -EBADMSG;
out:
	return err;
}

int sip_addr_parse(struct sip_addr *a, const char *p, size_t l)
{
	return addr_one(a, p, l, NULL);
}

int sip_addr_next(struct sip_pl *rest, struct sip_addr *a)
{
	if (!rest->p || rest->l == 0)
		return -ENOENT;
	return addr_one(a, rest->p, rest->l, rest);
}

%%{
	machine sip_hparam_it;
	include sip_core "_core.rl";

	action mk_pn  { pn = p; pv = NULL; }
	action e_pn   { pne = p; }
	action mk_pv  { pv = p; }
	action e_pv   { pve = p; }
	action done   { found = 1; fbreak; }

	ipv6bare = (xdigit | ':' | '.')+;
	gen_value = token | host | ipv6bare | quoted_string;
	main := SWS (token >mk_pn %e_pn) (EQUAL (gen_value >mk_pv %e_pv))? SWS
		(';' @done)?;
}%%

%% write data noerror noentry;

int sip_addr_param_next(struct sip_pl *rest, struct sip_pl *name,
			struct sip_pl *val)
{
	const unsigned char *p, *pe, *eof;
	const unsigned char *pn = NULL, *pne = NULL, *pv = NULL, *pve = NULL;
	int cs, found = 0;

	if (!rest->p || rest->l == 0)
		return -ENOENT;
	p = (const unsigned char *)rest->p;
	pe = p + rest->l;
	eof = pe;
	%% write init;
	%% write exec;

	if (!pn || !pne || (!found && cs < sip_hparam_it_first_final)) {
		rest->l = 0;
		return -ENOENT;
	}
	*name = PL(pn, pne);
	*val = pv ? PL(pv, pve) : PL(pne, pne);
	rest->l -= (size_t)((const char *)p - rest->p);
	rest->p = (const char *)p;
	return 0;
}

int sip_addr_param(const struct sip_pl *params, const char *name,
		   struct sip_pl *val)
{
	struct sip_pl rest = *params, n, v;

	while (sip_addr_param_next(&rest, &n, &v) == 0)
		if (sip_pl_caseeq(&n, name)) {
			*val = v;
			return 0;
		}
	return -ENOENT;
}
