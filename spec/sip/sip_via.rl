/*
 * sip_via.rl - one Via value per call (RFC 3261 s.25.1 via-parm):
 * sent-protocol, sent-by, then parameters.  LWS may appear around every
 * '/', ':' and ';' (RFC 4475 wsinv).
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "sip/sip_scan.h"
#include "sip/sip_via.h"

#define PL(a, b) sip_pl_mk((const char *)(a), (size_t)((b) - (a)))

/*
 * The parameter named N..NE, with its value from V (NULL if none), ends at
 * E: e_param runs where the value ends, or the name if there is none.
 * Dispatch on the name's length: one compare per parameter.
 */
static void via_param(struct sip_via *v, const unsigned char *n,
		      const unsigned char *ne, const unsigned char *val,
		      const unsigned char *e)
{
	struct sip_pl pl = PL(val ? val : e, e);

	switch (ne - n) {
	case 6:
		if (sip_tok_lceq(n, "branch", 6))
			v->branch = pl;
		break;
	case 8:
		if (sip_tok_lceq(n, "received", 8))
			v->received = pl;
		break;
	case 5:
		if (sip_tok_lceq(n, "rport", 5)) {
			v->rport_flag = 1;
			v->rport = val ? pl : sip_pl_mk(NULL, 0);
		} else if (sip_tok_lceq(n, "maddr", 5))
			v->maddr = pl;
		break;
	case 3:
		if (sip_tok_lceq(n, "ttl", 3))
			v->ttl = pl;
		break;
	}
}

%%{
	machine sip_via;
	include sip_core "_core.rl";

	action mk      { mk = p; }
	action e_pname { v->proto_name = PL(mk, p); }
	action e_pver  { v->proto_ver = PL(mk, p); }
	action e_tr    { v->transport = PL(mk, p); }
	action e_host  { v->host = PL(mk, p); }
	action e_port  { v->port_pl = PL(mk, p); }
	action p_start { if (!v->params.p) v->params.p = (const char *)p + 1; }
	action mk_pn   { pn = p; pv = NULL; }
	action e_pn    { pne = p; }
	action mk_pv   { pv = p; }
	action e_pv    {}	# the value ends where e_param runs
	action e_param {
		v->params.l = (size_t)((const char *)p - v->params.p);
		via_param(v, pn, pne, pv, p);
	}
	action e_elem  { ee = p; }
	action done    { found = 1; fbreak; }

	include sip_hparam "_hparam.rl";

	# Split at sent-by so that via_one() may enter at sent_by_on for
	# the usual "SIP/2.0/UDP " (fast path): main hands the first byte of
	# sent-by over to it.
	action to_sb   { fhold; fgoto sent_by_on; }

	# host_f, with its first label byte jumping over all the labels and
	# inner dots (sip_skip_hostname): the state inside a label is the
	# same after "a" as after "a.b.c".
	action sk_hname { fexec sip_skip_hostname(p + 1, pe); }
	hname_v  = (lch @sk_hname) (lch $sk_lbl)* ('.' hlabel_f)* '.'?;
	sent_by  = ((hname_v | ipv6ref) >mk %e_host)
		   (COLON (port_f >mk %e_port))?;
	proto    = (token >mk %e_pname) SLASH (token >mk %e_pver) SLASH
		   (token >mk %e_tr) LWS;

	main := SWS proto (any - (WSP | '\r' | '\n')) @to_sb;
	# Only the first SEMI may set params.p (after the host or after the
	# port, so still tested): none of the others need p_start at all.
	vparams  = (SEMI >p_start hparam %e_param (SEMI hparam %e_param)*)?;
	sent_by_on := (sent_by vparams %e_elem) SWS (',' @done)?;
}%%

%% write data noerror;

static int via_check(struct sip_via *v)
{
	uint32_t n;

	if (v->port_pl.p) {
		if (sip_pl_u32(&v->port_pl, 65535, &n) < 0)
			return -EBADMSG;
		v->port = (uint16_t)n;
	}
	/* s.25.1: ttl 0-255, rport empty or a port (RFC 3581). */
	if (v->ttl.p && sip_pl_u32(&v->ttl, 255, &n) < 0)
		return -EBADMSG;
	if (v->rport.p && sip_pl_u32(&v->rport, 65535, &n) < 0)
		return -EBADMSG;
	if (v->branch.p && v->branch.l == 0)
		return -EBADMSG;
	return 0;
}

/* via_one() sets or clears each field by name: a new one needs its line. */
#define VIA_FIELDS_OK \
	(offsetof(struct sip_via, port_pl) == 5 * sizeof(struct sip_pl) && \
	 sizeof(struct sip_via) == \
	 offsetof(struct sip_via, params) + 6 * sizeof(struct sip_pl))
_Static_assert(VIA_FIELDS_OK, "a struct sip_via field via_one() misses");

/* Inlined into its one caller, sip_via_next(). */
static inline __attribute__((always_inline)) int
via_one(struct sip_via *v, const char *buf, size_t len, size_t *used,
	int *more)
{
	const unsigned char *p = (const unsigned char *)buf, *pe = p + len;
	const unsigned char *eof = pe, *start = p, *mk = p;
	const unsigned char *pn = p, *pne = p, *pv = NULL;
	const unsigned char *ee = NULL;
	int cs, found = 0, err = 0;

	/* val, proto_name, proto_ver, transport and host are always set
	 * when the value parses; the rest may stay absent (VIA_FIELDS_OK). */
	v->port_pl = v->params = sip_pl_mk(NULL, 0);
	v->port = 0;
	v->rport_flag = 0;
	v->branch = v->received = v->rport = v->maddr = v->ttl = v->params;
	%% write init;
	/* "SIP/2.0/" token SP, then sent-by: what main would have read. */
	if (len > 12 && memcmp(p, "SIP/2.0/", 8) == 0) {
		/* "UDP " is the token's run as sip_skip() would end it. */
		const unsigned char *q = memcmp(p + 8, "UDP ", 4) == 0 ?
			p + 11 : sip_skip(p + 8, pe, SIP_C_TOKEN);

		if (q > p + 8 && pe - q > 1 && (*q == ' ' || *q == '\t') &&
		    q[1] != ' ' && q[1] != '\t' && q[1] != '\r' && q[1] != '\n') {
			v->proto_name = PL(p, p + 3);
			v->proto_ver = PL(p + 4, p + 7);
			v->transport = PL(p + 8, q);
			p = q + 1;
			cs = sip_via_en_sent_by_on;
		}
	}
	%% write exec;

	if (!found && (cs < sip_via_first_final || p != pe)) {
		err = -EBADMSG;
		goto out;
	}
	/* The value starts where its sent-protocol does, after any LWS. */
	v->val = PL((const unsigned char *)v->proto_name.p, ee ? ee : p);
	err = via_check(v);
	if (err)
		goto out;
	*used = (size_t)(p - start);
	*more = found;
out:
	return err;
}

int sip_via_next(struct sip_pl *rest, struct sip_via *v)
{
	size_t used;
	int more, err;

	if (!rest->p || rest->l == 0)
		return -ENOENT;
	err = via_one(v, rest->p, rest->l, &used, &more);
	if (err)
		return err;
	rest->p += used;
	rest->l -= used;
	if (more && rest->l == 0)
		return -EBADMSG;
	return 0;
}

/* sip_via_next() over the whole of P, which must hold just one value:
 * an empty P is a bad value here, and a ',' leaves some of P unread or
 * fails there already. */
int sip_via_parse(struct sip_via *v, const char *p, size_t l)
{
	struct sip_pl rest = sip_pl_mk(p, l);
	int err;

	if (!p || l == 0) {
		memset(v, 0, sizeof(*v));
		return -EBADMSG;
	}
	err = sip_via_next(&rest, v);
	if (!err && rest.l)
		err = -EBADMSG;
	return err;
}

bool sip_via_rfc3261(const struct sip_via *v)
{
	return v->branch.l > 7 && memcmp(v->branch.p, "z9hG4bK", 7) == 0;
}
