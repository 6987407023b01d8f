/*
 * sip_frag.h - message/sipfrag bodies (RFC 3420) as refer NOTIFYs carry
 * them (RFC 3515): the status of the call the transferee made.  The
 * grammar is spec/sip/sip_frag.rl; REASON points into the body.
 */
#ifndef SIP_FRAG_H
#define SIP_FRAG_H

#include <stdint.h>

#include "sip/sip_pl.h"

struct sip_frag {
	uint16_t status;        /* 100..699 */
	struct sip_pl reason;   /* may be empty */
};

/* The whole body at BUF: 0, or -EBADMSG (no status line first). */
int sip_frag_parse(struct sip_frag *f, const char *buf, size_t len);

#endif
