/*
 * sip_auth.rl - challenge / credentials (RFC 3261 s.25.1, RFC 2617 s.3.2):
 * auth-scheme LWS auth-param *(COMMA auth-param).
 */
#include <errno.h>
#include <string.h>

#include "sip/sip_scan.h"
#include "sip/sip_auth.h"

#define PL(a, b) sip_pl_mk((const char *)(a), (size_t)((b) - (a)))

/* 8 lowercase hex digits (s.25.1 nonce-count) / 32 (request-digest). */
static int lhex(const struct sip_pl *v, size_t n)
{
	size_t i;

	if (v->l != n)
		return 0;
	for (i = 0; i < n; i++) {
		char c = v->p[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		      (c >= 'A' && c <= 'F')))
			return 0;
	}
	return 1;
}

static int auth_param(struct sip_auth *a, struct sip_pl n, struct sip_pl v)
{
	struct sip_pl *dst = NULL;

	if (sip_pl_caseeq(&n, "realm"))
		dst = &a->realm;
	else if (sip_pl_caseeq(&n, "nonce"))
		dst = &a->nonce;
	else if (sip_pl_caseeq(&n, "opaque"))
		dst = &a->opaque;
	else if (sip_pl_caseeq(&n, "algorithm"))
		dst = &a->algorithm;
	else if (sip_pl_caseeq(&n, "qop"))
		dst = &a->qop;
	else if (sip_pl_caseeq(&n, "domain"))
		dst = &a->domain;
	else if (sip_pl_caseeq(&n, "stale")) {
		dst = &a->stale_pl;
		a->stale = sip_pl_caseeq(&v, "true");
	} else if (sip_pl_caseeq(&n, "username"))
		dst = &a->username;
	else if (sip_pl_caseeq(&n, "uri"))
		dst = &a->uri;
	else if (sip_pl_caseeq(&n, "response"))
		dst = &a->response;
	else if (sip_pl_caseeq(&n, "cnonce"))
		dst = &a->cnonce;
	else if (sip_pl_caseeq(&n, "nc")) {
		if (!lhex(&v, 8))
			return -EBADMSG;
		dst = &a->nc;
	}
	if (!dst)
		return 0;
	/* s.22.4 / RFC 2617: each parameter at most once. */
	if (dst->p)
		return -EBADMSG;
	*dst = v;
	return 0;
}

%%{
	machine sip_auth;
	include sip_core "_core.rl";

	action mk      { mk = p; }
	action e_sch   { a->scheme = PL(mk, p); }
	action mk_par  { a->params.p = (const char *)p; }
	action mk_pn   { pn = p; }
	action e_pn    { pne = p; }
	action mk_pv   { pv = p; }
	action e_pv    { pve = p; }
	action qmk_pv  { pv = p + 1; }
	action qe_pv   { pve = p; }
	action e_param {
		a->params.l = (size_t)((const char *)p - a->params.p);
		if (auth_param(a, PL(pn, pne), PL(pv, pve)) < 0) {
			bad = 1;
			fbreak;
		}
	}

	qval   = '"' @qmk_pv qcontent '"' >qe_pv;
	aparam = (token >mk_pn %e_pn) EQUAL ((token >mk_pv %e_pv) | qval);
	main := SWS (token >mk %e_sch) LWS
		((aparam %e_param) (COMMA aparam %e_param)*) >mk_par SWS;
}%%

%% write data noerror noentry;

int sip_auth_parse(struct sip_auth *a, const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf, *pe = p + len;
	const unsigned char *eof = pe, *mk = p;
	const unsigned char *pn = p, *pne = p, *pv = p, *pve = p;
	int cs, bad = 0;

	memset(a, 0, sizeof(*a));
	%% write init;
	%% write exec;
	if (bad || cs < sip_auth_first_final || p != pe) {
		memset(a, 0, sizeof(*a));
		return -EBADMSG;
	}
	a->digest = sip_pl_caseeq(&a->scheme, "Digest");
	return 0;
}

%%{
	machine sip_auth_it;
	include sip_core "_core.rl";

	action mk_pn   { pn = p; }
	action e_pn    { pne = p; }
	action mk_pv   { pv = p; }
	action e_pv    { pve = p; }
	action qmk_pv  { pv = p + 1; }
	action qe_pv   { pve = p; }
	action done    { found = 1; fbreak; }

	qval   = '"' @qmk_pv qcontent '"' >qe_pv;
	main := SWS (token >mk_pn %e_pn) EQUAL ((token >mk_pv %e_pv) | qval)
		SWS (',' @done)?;
}%%

%% write data noerror noentry;

int sip_auth_param_next(struct sip_pl *rest, struct sip_pl *name,
			struct sip_pl *val)
{
	const unsigned char *p = (const unsigned char *)rest->p;
	const unsigned char *pe, *eof;
	const unsigned char *pn = NULL, *pne = NULL, *pv = NULL, *pve = NULL;
	int cs, found = 0;

	if (!rest->p || rest->l == 0)
		return -ENOENT;
	pe = p + rest->l;
	eof = pe;
	%% write init;
	%% write exec;
	if ((!found && (cs < sip_auth_it_first_final || p != pe)) || !pn ||
	    !pne || !pv || !pve) {
		rest->l = 0;
		return -ENOENT;
	}
	*name = PL(pn, pne);
	*val = PL(pv, pve);
	rest->l -= (size_t)((const char *)p - rest->p);
	rest->p = (const char *)p;
	return 0;
}
