/*
 * sip_hdr_id.h - a header name's id, inline for the message framer
 * (spec/sip/sip_msg.rl names every header line) and sip_hdr.c.
 */
#ifndef SIP_HDR_ID_H
#define SIP_HDR_ID_H

#include "sip/sip_msg.h"
#include "sip/sip_hdr_tab.h"

/* The id of a name already read as a token (LEN >= 1), or SIP_HDR_OTHER:
 * one hash slot and one compare. */
static inline enum sip_hdr_id sip_hdr_tok_id(const unsigned char *n,
					     size_t len)
{
	const struct sip_hdr_slot *s;
	uint32_t key;

	if (len == 1)
		return (enum sip_hdr_id)sip_hdr_compact[n[0]];
	if (len < 2 || len > SIP_HDR_NAME_MAX)
		return SIP_HDR_OTHER;
	/* Little-endian, as the generator read the names. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	{
		uint16_t head, tail;

		__builtin_memcpy(&head, n, 2);
		__builtin_memcpy(&tail, n + len - 2, 2);
		key = (uint32_t)head | (uint32_t)tail << 16;
	}
#else
	key = (uint32_t)n[0] | (uint32_t)n[1] << 8 |
	      (uint32_t)n[len - 2] << 16 | (uint32_t)n[len - 1] << 24;
#endif
	s = &sip_hdr_tab[sip_hdr_hash(key | 0x20202020u, (uint32_t)len)];
	if (s->len != len || !sip_tok_lceq(n, s->lc, len))
		return SIP_HDR_OTHER;
	return (enum sip_hdr_id)s->id;
}

#endif
