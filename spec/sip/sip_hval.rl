/*
 * sip_hval.rl - grammars of the smaller header values (RFC 3261 s.25.1,
 * RFC 3265, RFC 3891).  One machine per value; each function checks that
 * the whole value matched.
 */
#include <errno.h>
#include <string.h>

#include "sip/sip_hval.h"
#include "sip/sip_scan.h"

#define PL(a, b) sip_pl_mk((const char *)(a), (size_t)((b) - (a)))
#define SETUP(buf, len) \
	const unsigned char *p = (const unsigned char *)(buf); \
	const unsigned char *pe = p + (len), *eof = pe; \
	int cs

/* ------------------------------------------------------------ CSeq */
%%{
	machine sip_cseq;
	include sip_core "_core.rl";
	action mk   { mk = p; }
	action e_n  { num = PL(mk, p); }
	action e_m  { c->method = PL(mk, p); }
	# The number's and the method's bytes skip from their first one.
	main := SWS (port_f >mk %e_n) LWS (token_f >mk %e_m) SWS;
}%%
%% write data noerror noentry;

int sip_cseq_parse(struct sip_cseq *c, const char *buf, size_t len)
{
	SETUP(buf, len);
	const unsigned char *mk = p;
	struct sip_pl num = {NULL, 0};

	memset(c, 0, sizeof(*c));
	%% write init;
	%% write exec;
	if (cs < sip_cseq_first_final || p != pe)
		return -EBADMSG;
	/* s.8.1.1.5: a 32-bit unsigned number (RFC 4475 scalar02). */
	if (sip_pl_u32(&num, UINT32_MAX, &c->num) < 0)
		return -EBADMSG;
	c->mid = sip_method_id(&c->method);
	return 0;
}

/* ------------------------------------------------------------ Call-ID */
%%{
	machine sip_callid;
	include sip_core "_core.rl";
	# sk_word, eight bytes a round: Call-IDs are long words.
	action sk_word8 { fexec sip_skip_long(p + 1, pe, SIP_C_WORD); }
	main := (word >sk_word8) ('@' (word >sk_word8))?;
}%%
%% write data noerror noentry;

int sip_callid_check(const char *buf, size_t len)
{
	SETUP(buf, len);

	%% write init;
	%% write exec;
	(void)eof;
	return (cs < sip_callid_first_final || p != pe) ? -EBADMSG : 0;
}

/* ------------------------------------------------------------ Date */
%%{
	machine sip_date;
	include sip_core "_core.rl";
	action mk     { mk = p; }
	action wd     { d->wday = (uint8_t)wd; }
	action e_day  { day = PL(mk, p); }
	action e_year { year = PL(mk, p); }
	action e_hh   { hh = PL(mk, p); }
	action e_mm   { mm = PL(mk, p); }
	action e_ss   { ss = PL(mk, p); }
	action tzneg  { tzsign = -1; }
	action e_tz   { tz = PL(mk, p); }

	wkday = 'Sun' @{wd = 0;} | 'Mon' @{wd = 1;} | 'Tue' @{wd = 2;} |
		'Wed' @{wd = 3;} | 'Thu' @{wd = 4;} | 'Fri' @{wd = 5;} |
		'Sat' @{wd = 6;};
	month = 'Jan' @{mon = 1;} | 'Feb' @{mon = 2;} | 'Mar' @{mon = 3;} |
		'Apr' @{mon = 4;} | 'May' @{mon = 5;} | 'Jun' @{mon = 6;} |
		'Jul' @{mon = 7;} | 'Aug' @{mon = 8;} | 'Sep' @{mon = 9;} |
		'Oct' @{mon = 10;} | 'Nov' @{mon = 11;} | 'Dec' @{mon = 12;};
	zone  = 'GMT' | ('+' | '-' @tzneg) (digit{4} >mk %e_tz);
	main := (wkday %wd) ',' ' ' (digit{1,2} >mk %e_day) ' ' month ' '
		(digit{4} >mk %e_year) ' ' (digit{2} >mk %e_hh) ':'
		(digit{2} >mk %e_mm) ':' (digit{2} >mk %e_ss) ' ' zone;
}%%
%% write data noerror noentry;

int sip_date_parse(struct sip_date *d, const char *buf, size_t len)
{
	SETUP(buf, len);
	const unsigned char *mk = p;
	struct sip_pl day = {0}, year = {0}, hh = {0}, mm = {0}, ss = {0},
		tz = {0};
	int wd = 0, mon = 0, tzsign = 1;
	uint32_t v;

	memset(d, 0, sizeof(*d));
	%% write init;
	%% write exec;
	if (cs < sip_date_first_final || p != pe)
		return -EBADMSG;
	d->mon = (uint8_t)mon;
	if (sip_pl_u32(&day, 31, &v) < 0 || v == 0)
		return -EBADMSG;
	d->day = (uint8_t)v;
	if (sip_pl_u32(&year, 9999, &v) < 0)
		return -EBADMSG;
	d->year = (uint16_t)v;
	if (sip_pl_u32(&hh, 23, &v) < 0)
		return -EBADMSG;
	d->hour = (uint8_t)v;
	if (sip_pl_u32(&mm, 59, &v) < 0)
		return -EBADMSG;
	d->min = (uint8_t)v;
	if (sip_pl_u32(&ss, 60, &v) < 0) /* a leap second */
		return -EBADMSG;
	d->sec = (uint8_t)v;
	if (tz.p) {
		struct sip_pl h = {tz.p, 2}, m = {tz.p + 2, 2};
		uint32_t th, tm;

		if (sip_pl_u32(&h, 23, &th) < 0 || sip_pl_u32(&m, 59, &tm) < 0)
			return -EBADMSG;
		d->tz_min = (int16_t)(tzsign * (int)(th * 60 + tm));
	}
	return 0;
}

/* ------------------------------------------------------------ Retry-After */
%%{
	machine sip_retry;
	include sip_core "_core.rl";
	action mk      { mk = p; }
	action e_secs  { secs = PL(mk, p); }
	action mk_c    { cm = p + 1; }
	action e_c     { r->comment = PL(cm, p); }
	action p_start { if (!r->params.p) r->params.p = (const char *)p + 1; }
	action mk_pn   { pn = p; pv = NULL; }
	action e_pn    { pne = p; }
	action mk_pv   { pv = p; }
	action e_pv    { pve = p; }
	action e_param {
		r->params.l = (size_t)((const char *)p - r->params.p);
		if (pv && PL(pn, pne).l == 8 && !memcmp(pn, "duration", 8))
			r->duration = PL(pv, pve);
	}
	include sip_hparam "_hparam.rl";
	ctext   = 0x21..0x27 | 0x2a..0x5b | 0x5d..0x7e | utf8_nonascii | LWS;
	comment = '(' >mk_c (ctext | qpair)* ')' @e_c;
	main := SWS (digit+ >mk %e_secs) (SWS comment)? hparams_s SWS;
}%%
%% write data noerror noentry;

int sip_retry_after_parse(struct sip_retry_after *r, const char *buf,
			  size_t len)
{
	SETUP(buf, len);
	const unsigned char *mk = p, *cm = p;
	const unsigned char *pn = p, *pne = p, *pv = NULL, *pve = p;
	struct sip_pl secs = {0};

	memset(r, 0, sizeof(*r));
	%% write init;
	%% write exec;
	if (cs < sip_retry_first_final || p != pe)
		return -EBADMSG;
	if (sip_pl_u32(&secs, UINT32_MAX, &r->secs) < 0)
		return -EBADMSG;
	if (r->duration.p) {
		uint32_t v;

		if (sip_pl_u32(&r->duration, UINT32_MAX, &v) < 0)
			return -EBADMSG;
	}
	return 0;
}

/* ------------------------------------------------------------ Warning */
%%{
	machine sip_warning;
	include sip_core "_core.rl";
	action mk     { mk = p; }
	action e_code { code = PL(mk, p); }
	action e_agent { w->agent = PL(mk, p); }
	action e_text { w->text = PL(mk + 1, p - 1); }
	action done   { found = 1; fbreak; }
	agent = (host (':' port)?) | token;
	main := SWS (digit{3} >mk %e_code) ' ' (agent >mk %e_agent) ' '
		(quoted_string >mk %e_text) SWS (',' @done)?;
}%%
%% write data noerror noentry;

int sip_warning_next(struct sip_pl *rest, struct sip_warning *w)
{
	const unsigned char *p = (const unsigned char *)rest->p;
	const unsigned char *pe, *eof, *mk = p;
	struct sip_pl code = {0};
	uint32_t v;
	int cs, found = 0;

	if (!rest->p || rest->l == 0)
		return -ENOENT;
	pe = p + rest->l;
	eof = pe;
	memset(w, 0, sizeof(*w));
	%% write init;
	%% write exec;
	if (!found && (cs < sip_warning_first_final || p != pe))
		return -EBADMSG;
	if (sip_pl_u32(&code, 999, &v) < 0)
		return -EBADMSG;
	w->code = (uint16_t)v;
	rest->l -= (size_t)((const char *)p - rest->p);
	rest->p = (const char *)p;
	if (found && rest->l == 0)
		return -EBADMSG;
	return 0;
}

/* ------------------------------------------------------------ Event */
%%{
	machine sip_event;
	include sip_core "_core.rl";
	action mk      { mk = p; }
	action e_type  { e->type = PL(mk, p); }
	action p_start { if (!e->params.p) e->params.p = (const char *)p + 1; }
	action mk_pn   { pn = p; pv = NULL; }
	action e_pn    { pne = p; }
	action mk_pv   { pv = p; }
	action e_pv    { pve = p; }
	action e_param {
		e->params.l = (size_t)((const char *)p - e->params.p);
		if (pv && pne - pn == 2 && (pn[0] | 0x20) == 'i' && (pn[1] | 0x20) == 'd')
			e->id = PL(pv, pve);
	}
	include sip_hparam "_hparam.rl";
	# event-type = event-package *( "." event-template ); both are tokens
	# and '.' is a token character, so one token covers it.
	main := SWS (token >mk %e_type) hparams_s SWS;
}%%
%% write data noerror noentry;

int sip_event_parse(struct sip_event *e, const char *buf, size_t len)
{
	SETUP(buf, len);
	const unsigned char *mk = p;
	const unsigned char *pn = p, *pne = p, *pv = NULL, *pve = p;

	memset(e, 0, sizeof(*e));
	%% write init;
	%% write exec;
	return (cs < sip_event_first_final || p != pe) ? -EBADMSG : 0;
}

/* ------------------------------------------------------------ Subscription-State */
%%{
	machine sip_substate;
	include sip_core "_core.rl";
	action mk      { mk = p; }
	action e_state { s->state = PL(mk, p); }
	action p_start { if (!s->params.p) s->params.p = (const char *)p + 1; }
	action mk_pn   { pn = p; pv = NULL; }
	action e_pn    { pne = p; }
	action mk_pv   { pv = p; }
	action e_pv    { pve = p; }
	action e_param {
		struct sip_pl n = PL(pn, pne);

		s->params.l = (size_t)((const char *)p - s->params.p);
		if (pv) {
			if (sip_pl_caseeq(&n, "reason"))
				s->reason = PL(pv, pve);
			else if (sip_pl_caseeq(&n, "expires"))
				s->expires = PL(pv, pve);
			else if (sip_pl_caseeq(&n, "retry-after"))
				s->retry_after = PL(pv, pve);
		}
	}
	include sip_hparam "_hparam.rl";
	main := SWS (token >mk %e_state) hparams_s SWS;
}%%
%% write data noerror noentry;

int sip_substate_parse(struct sip_substate *s, const char *buf, size_t len)
{
	SETUP(buf, len);
	const unsigned char *mk = p;
	const unsigned char *pn = p, *pne = p, *pv = NULL, *pve = p;
	uint32_t v;

	memset(s, 0, sizeof(*s));
	%% write init;
	%% write exec;
	if (cs < sip_substate_first_final || p != pe)
		return -EBADMSG;
	if (s->expires.p && sip_pl_u32(&s->expires, UINT32_MAX, &v) < 0)
		return -EBADMSG;
	if (s->retry_after.p && sip_pl_u32(&s->retry_after, UINT32_MAX, &v) < 0)
		return -EBADMSG;
	return 0;
}

/* ------------------------------------------------------------ Replaces */
%%{
	machine sip_replaces;
	include sip_core "_core.rl";
	action mk      { mk = p; }
	action e_cid   { r->call_id = PL(mk, p); }
	action p_start { if (!r->params.p) r->params.p = (const char *)p + 1; }
	action mk_pn   { pn = p; pv = NULL; }
	action e_pn    { pne = p; }
	action mk_pv   { pv = p; }
	action e_pv    { pve = p; }
	action e_param {
		struct sip_pl n = PL(pn, pne);

		r->params.l = (size_t)((const char *)p - r->params.p);
		if (pv && sip_pl_caseeq(&n, "to-tag"))
			r->to_tag = PL(pv, pve);
		else if (pv && sip_pl_caseeq(&n, "from-tag"))
			r->from_tag = PL(pv, pve);
		else if (!pv && sip_pl_caseeq(&n, "early-only"))
			r->early_only = 1;
	}
	include sip_hparam "_hparam.rl";
	main := SWS ((word ('@' word)?) >mk %e_cid) hparams_s SWS;
}%%
%% write data noerror noentry;

int sip_replaces_parse(struct sip_replaces *r, const char *buf, size_t len)
{
	SETUP(buf, len);
	const unsigned char *mk = p;
	const unsigned char *pn = p, *pne = p, *pv = NULL, *pve = p;

	memset(r, 0, sizeof(*r));
	%% write init;
	%% write exec;
	if (cs < sip_replaces_first_final || p != pe)
		return -EBADMSG;
	/* RFC 3891 s.6.1: both tags are required. */
	if (!r->to_tag.p || !r->from_tag.p)
		return -EBADMSG;
	return 0;
}

/* ------------------------------------------------------------ token lists */
%%{
	machine sip_toklist;
	include sip_core "_core.rl";
	action mk   { mk = p; }
	action e_t  { *tok = PL(mk, p); }
	action done { found = 1; fbreak; }
	main := SWS (token >mk %e_t) SWS (',' @done)?;
}%%
%% write data noerror noentry;

int sip_token_next(struct sip_pl *rest, struct sip_pl *tok)
{
	const unsigned char *p = (const unsigned char *)rest->p;
	const unsigned char *pe, *eof, *mk = p;
	int cs, found = 0;

	if (!rest->p || rest->l == 0)
		return -ENOENT;
	pe = p + rest->l;
	eof = pe;
	%% write init;
	%% write exec;
	if (!found && (cs < sip_toklist_first_final || p != pe))
		return -EBADMSG;
	rest->l -= (size_t)((const char *)p - rest->p);
	rest->p = (const char *)p;
	if (found && rest->l == 0)
		return -EBADMSG;
	return 0;
}

/* ------------------------------------------------------------ Alert-Info */
%%{
	machine sip_alert;
	include sip_core "_core.rl";
	action mk      { mk = p; }
	action e_uri   { a->uri = PL(mk, p); }
	action br      { a->bracket = 1; }
	action p_start { if (!a->params.p) a->params.p = (const char *)p + 1; }
	action mk_pn   { }
	action e_pn    { }
	action mk_pv   { }
	action e_pv    { }
	action e_param { a->params.l = (size_t)((const char *)p - a->params.p); }
	action done    { found = 1; fbreak; }
	include sip_hparam "_hparam.rl";
	uric  = reserved - [,;] | unreserved | escaped | [\[\]#];
	auri  = alpha (alphanum | [+\-.])* ':' (uric | ',' | ';')+;
	main := SWS (('<' @br (auri >mk %e_uri) '>') | (token >mk %e_uri))
		hparams_s SWS (',' @done)?;
}%%
%% write data noerror noentry;

int sip_alert_info_next(struct sip_pl *rest, struct sip_alert_info *a)
{
	const unsigned char *p = (const unsigned char *)rest->p;
	const unsigned char *pe, *eof, *mk = p;
	int cs, found = 0;

	if (!rest->p || rest->l == 0)
		return -ENOENT;
	pe = p + rest->l;
	eof = pe;
	memset(a, 0, sizeof(*a));
	%% write init;
	%% write exec;
	if (!found && (cs < sip_alert_first_final || p != pe))
		return -EBADMSG;
	rest->l -= (size_t)((const char *)p - rest->p);
	rest->p = (const char *)p;
	if (found && rest->l == 0)
		return -EBADMSG;
	return 0;
}

/* ------------------------------------------------------------ Content-Type */
%%{
	machine sip_ctype;
	include sip_core "_core.rl";
	action mk      { mk = p; }
	action e_type  { c->type = PL(mk, p); }
	action e_sub   { c->subtype = PL(mk, p); }
	action p_start { if (!c->params.p) c->params.p = (const char *)p + 1; }
	action mk_pn   { }
	action e_pn    { }
	action mk_pv   { }
	action e_pv    { }
	action e_param { c->params.l = (size_t)((const char *)p - c->params.p); }
	include sip_hparam "_hparam.rl";
	main := SWS (token_f >mk %e_type) SLASH (token_f >mk %e_sub) hparams_s SWS;
}%%
%% write data noerror noentry;

int sip_ctype_parse(struct sip_ctype *c, const char *buf, size_t len)
{
	SETUP(buf, len);
	const unsigned char *mk = p;

	memset(c, 0, sizeof(*c));
	%% write init;
	%% write exec;
	return (cs < sip_ctype_first_final || p != pe) ? -EBADMSG : 0;
}
