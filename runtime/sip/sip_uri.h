/*
 * sip_uri.h - SIP, SIPS and tel URIs (RFC 3261 s.19.1, s.25.1; RFC 3966),
 * and any other absolute URI kept by scheme only.
 *
 * The grammar is spec/sip/sip_uri.rl.  Every field is a slice of the
 * caller's buffer, still %HH-escaped as on the wire (RFC 3261 s.19.1.4
 * compares unescaped; sip_pl_unescape() undoes it once, RFC 4475 esc01).
 */
#ifndef SIP_URI_H
#define SIP_URI_H

#include "sip/sip_pl.h"

enum sip_uri_scheme {
	SIP_URI_NONE = 0,
	SIP_URI_SIP,
	SIP_URI_SIPS,
	SIP_URI_TEL,
	SIP_URI_OTHER, /* a well-formed absoluteURI of another scheme */
};

struct sip_uri {
	uint8_t scheme;          /* enum sip_uri_scheme */
	uint8_t lr;              /* ;lr present (RFC 3261 s.16.12) */
	uint16_t port;           /* 0 if absent */
	struct sip_pl scheme_pl; /* "sip", "tel", "mailto"... */
	struct sip_pl user;      /* user part; for tel: the number */
	struct sip_pl password;
	struct sip_pl host;      /* IPv6 references keep their brackets */
	struct sip_pl port_pl;
	struct sip_pl params;    /* after the first ';', without it */
	struct sip_pl headers;   /* after '?', without it */
	/* Well-known parameters (RFC 3261 s.19.1.1). */
	struct sip_pl transport, user_param, maddr, ttl, method;
	struct sip_pl rest;      /* SIP_URI_OTHER: everything after "scheme:" */
};

/*
 * Parse the L bytes at P as one URI.  0, or -EBADMSG if it is not a URI
 * of any scheme (a port above 65535 included).
 */
int sip_uri_parse(struct sip_uri *u, const char *p, size_t l);

/*
 * Look up parameter NAME (case-insensitive) in a URI's params slice: 0 and
 * *VAL (empty slice for a flag such as ";lr"), or -ENOENT.
 */
int sip_uri_param(const struct sip_uri *u, const char *name,
		  struct sip_pl *val);

/* Look up header NAME in the URI's '?' headers (escaped value): 0/-ENOENT. */
int sip_uri_header(const struct sip_uri *u, const char *name,
		   struct sip_pl *val);

/*
 * Iterators over a ';'-separated URI parameter list or an '&'-separated
 * URI header list (already validated by sip_uri_parse).  Each call takes
 * one item off *REST: 0, or -ENOENT when none is left.
 */
int sip_uri_param_next(struct sip_pl *rest, struct sip_pl *name,
		       struct sip_pl *val);
int sip_uri_header_next(struct sip_pl *rest, struct sip_pl *name,
			struct sip_pl *val);

#endif
