/*
 * sip_mwi.h - message-summary bodies (RFC 3842): whether messages wait,
 * for which account, and the voice-message counts.  The grammar is
 * spec/sip/sip_mwi.rl; slices point into the body.
 */
#ifndef SIP_MWI_H
#define SIP_MWI_H

#include <stdbool.h>
#include <stdint.h>

#include "sip/sip_pl.h"

enum {
	SIP_MWI_COUNT_MAX = 999999, /* messages in one count; -EBADMSG past */
};

struct sip_mwi {
	bool waiting;                 /* Messages-Waiting: yes */
	struct sip_pl account;        /* Message-Account, unset if absent */
	bool has_voice;               /* a Voice-Message line was there */
	uint32_t voice_new, voice_old;
	uint32_t voice_urgent_new, voice_urgent_old;
};

/* The whole body at BUF: 0, or -EBADMSG. */
int sip_mwi_parse(struct sip_mwi *w, const char *buf, size_t len);

#endif
