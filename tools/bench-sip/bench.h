/*
 * bench.h - the SIP parser benchmark's common view of a parsed message:
 * the fields a phone needs, as pointer-length slices (no copies).
 */
#ifndef BENCH_SIP_H
#define BENCH_SIP_H

#include <stddef.h>

struct bs {
	const char *p;
	size_t l;
};

struct bfields {
	int is_req;
	struct bs start;          /* method, or status code digits */
	unsigned status;
	struct bs ruri_user, ruri_host;
	struct bs branch, ftag, ttag, callid;
	unsigned long cseq;
	struct bs cmeth;
	struct bs ct_user, ct_host;
	unsigned long clen;
	size_t body_len;
};

/* Parse one message and fill F; 0 or -1.  CTX is the parser's state. */
struct peer {
	const char *name;
	int (*init)(void);
	int (*parse)(const char *buf, size_t len, struct bfields *f);
	void (*done)(void);        /* release what the last parse made */
};

extern const struct peer peer_sipphone, peer_memchr, peer_osip,
	peer_sofia, peer_re;

static inline struct bs bs_c(const char *s)
{
	struct bs b = { s, 0 };

	if (s)
		while (s[b.l])
			b.l++;
	return b;
}

#endif
