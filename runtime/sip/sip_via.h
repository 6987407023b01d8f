/*
 * sip_via.h - Via values (RFC 3261 s.20.42, s.25.1; RFC 3581 rport;
 * RFC 5118 IPv6).  The grammar is spec/sip/sip_via.rl.
 *
 * RFC 2543 peers send no magic cookie and sometimes no branch at all (the
 * guide's check-sync NOTIFY): both parse; sip_via_rfc3261() tells them apart.
 */
#ifndef SIP_VIA_H
#define SIP_VIA_H

#include "sip/sip_pl.h"

struct sip_via {
	struct sip_pl val;        /* the whole value, trimmed */
	struct sip_pl proto_name; /* "SIP" */
	struct sip_pl proto_ver;  /* "2.0" */
	struct sip_pl transport;  /* "UDP", "TCP"... (any token, RFC 4475 transports) */
	struct sip_pl host;       /* sent-by host; IPv6 keeps its brackets */
	struct sip_pl port_pl;
	uint16_t port;            /* 0 if absent */
	uint8_t rport_flag;       /* ;rport present (with or without value) */
	struct sip_pl params;     /* after the first ';' */
	struct sip_pl branch, received, rport, maddr, ttl;
};

/* Exactly one Via value: 0 or -EBADMSG. */
int sip_via_parse(struct sip_via *v, const char *p, size_t l);

/* The next value of a comma-separated Via list: 0, -ENOENT, -EBADMSG. */
int sip_via_next(struct sip_pl *rest, struct sip_via *v);

/* The branch starts with RFC 3261's magic cookie "z9hG4bK" (s.8.1.1.7). */
bool sip_via_rfc3261(const struct sip_via *v);

#endif
