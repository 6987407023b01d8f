/*
 * sip_auth.h - digest challenges and credentials (RFC 3261 s.22, s.25.1;
 * RFC 2617): WWW-Authenticate, Proxy-Authenticate, Authorization,
 * Proxy-Authorization.  The grammar is spec/sip/sip_auth.rl.
 *
 * Quoted values are given without their quotes (quoted-pairs, rare in
 * practice, stay escaped; sip_pl_unquote() resolves them).  Other schemes
 * parse too (RFC 4475 regaut01) with their parameters in PARAMS.
 */
#ifndef SIP_AUTH_H
#define SIP_AUTH_H

#include "sip/sip_pl.h"

struct sip_auth {
	struct sip_pl scheme;    /* "Digest" (any case) or another token */
	uint8_t digest;          /* scheme is Digest */
	uint8_t stale;           /* stale=true (challenge) */
	struct sip_pl params;    /* everything after the scheme */
	/* Challenge (s.25.1 digest-cln). */
	struct sip_pl realm, nonce, opaque, algorithm, qop, domain, stale_pl;
	/* Credentials (digest-response). */
	struct sip_pl username, uri, response, cnonce, nc;
};

/* One challenge or credentials value: 0 or -EBADMSG. */
int sip_auth_parse(struct sip_auth *a, const char *p, size_t l);

/* Iterate over the parameters of a parsed value (name, unquoted value). */
int sip_auth_param_next(struct sip_pl *rest, struct sip_pl *name,
			struct sip_pl *val);

#endif
