/*
 * sip_addr.h - name-addr / addr-spec values with header parameters
 * (RFC 3261 s.20.10, s.25.1): From, To, Contact, Route, Record-Route,
 * Reply-To, Refer-To, Referred-By (RFC 3515, 3892), Remote-Party-ID
 * (draft-ietf-sip-privacy-01, the guide's caller ID), Diversion (RFC 5806).
 *
 * The grammar is spec/sip/sip_addr.rl; the URI inside is parsed with
 * sip_uri_parse().  Display names are accepted quoted (escapes kept in the
 * slice; sip_pl_unquote() resolves them) or as a run of tokens, whose bytes
 * may be ISO 8859-1 (guide, "Character Support").
 */
#ifndef SIP_ADDR_H
#define SIP_ADDR_H

#include "sip/sip_uri.h"

struct sip_addr {
	struct sip_pl val;      /* the whole element, trimmed */
	struct sip_pl dname;    /* display name, without the quotes; unset if none */
	uint8_t dname_quoted;   /* DNAME was a quoted-string (may hold \-escapes) */
	uint8_t bracket;        /* the URI was in <> (name-addr) */
	struct sip_pl uri_pl;   /* the URI text */
	struct sip_uri uri;
	struct sip_pl params;   /* header parameters after the first ';' */
	/* Well-known parameters: From/To tag, Contact expires and q. */
	struct sip_pl tag, expires, q;
};

/* Exactly one element in the L bytes at P: 0 or -EBADMSG. */
int sip_addr_parse(struct sip_addr *a, const char *p, size_t l);

/*
 * The next element of a comma-separated list (Contact, Route...): 0 and
 * *REST advanced past it and its comma; -ENOENT when *REST is empty;
 * -EBADMSG on a malformed element (an empty one included, RFC 4475
 * badinv01).
 */
int sip_addr_next(struct sip_pl *rest, struct sip_addr *a);

/*
 * Generic header parameters (";name=value", LWS allowed, quoted values kept
 * with their quotes): iterate over a params slice, or look one up by name
 * (case-insensitive).  0, or -ENOENT.
 */
int sip_addr_param_next(struct sip_pl *rest, struct sip_pl *name,
			struct sip_pl *val);
int sip_addr_param(const struct sip_pl *params, const char *name,
		   struct sip_pl *val);

#endif
