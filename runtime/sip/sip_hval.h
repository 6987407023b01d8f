/*
 * sip_hval.h - the smaller structured header values (RFC 3261 s.20,
 * s.25.1 and the extensions the guide's phone speaks).  The grammars are
 * spec/sip/sip_hval.rl; every function takes one header value (as stored
 * in struct sip_hdr, already trimmed) and returns 0 or -EBADMSG.
 */
#ifndef SIP_HVAL_H
#define SIP_HVAL_H

#include <errno.h>

#include "sip/sip_pl.h"

enum sip_method {
	SIP_METHOD_OTHER = 0,
	SIP_METHOD_INVITE,
	SIP_METHOD_ACK,
	SIP_METHOD_BYE,
	SIP_METHOD_CANCEL,
	SIP_METHOD_OPTIONS,
	SIP_METHOD_REGISTER,
	SIP_METHOD_REFER,
	SIP_METHOD_NOTIFY,
	SIP_METHOD_SUBSCRIBE,
	SIP_METHOD_INFO,
	SIP_METHOD_PRACK,
	SIP_METHOD_UPDATE,
	SIP_METHOD_MESSAGE,
	SIP_METHOD_PUBLISH,
	SIP_METHOD__COUNT
};

/* Methods are case-sensitive (s.7.1). */
enum sip_method sip_method_id(const struct sip_pl *name);
const char *sip_method_name(enum sip_method m);

/* CSeq (s.20.16): a 32-bit number and the method. */
struct sip_cseq {
	uint32_t num;
	struct sip_pl method;
	enum sip_method mid;
};
int sip_cseq_parse(struct sip_cseq *c, const char *p, size_t l);

/* A delta-seconds style number (Content-Length, Max-Forwards, Expires...):
 * digits only, at most MAX. */
static inline int sip_hval_u32(const char *p, size_t l, uint32_t max,
			       uint32_t *v)
{
	struct sip_pl pl = {p, l};

	return sip_pl_u32(&pl, max, v) < 0 ? -EBADMSG : 0;
}

/* Call-ID (s.20.8): word [ "@" word ]. */
int sip_callid_check(const char *p, size_t l);

/* Date (s.20.17, rfc1123-date).  The zone is GMT as the RFC says, or a
 * numeric offset as the guide's own check-sync NOTIFY sends
 * ("Mon, 10 Jul 2000 16:28:53 -0700"); other zone names are errors
 * (RFC 4475 baddate). */
struct sip_date {
	uint16_t year;
	uint8_t mon, day, hour, min, sec; /* mon 1..12 */
	uint8_t wday;                     /* 0 = Sun */
	int16_t tz_min;                   /* offset east of GMT, minutes */
};
int sip_date_parse(struct sip_date *d, const char *p, size_t l);

/* Retry-After (s.20.33): delta-seconds [comment] *(;retry-param). */
struct sip_retry_after {
	uint32_t secs;
	struct sip_pl comment;  /* without the parentheses */
	struct sip_pl duration; /* ;duration= */
	struct sip_pl params;
};
int sip_retry_after_parse(struct sip_retry_after *r, const char *p, size_t l);

/* Warning (s.20.43): comma list of code agent "text". */
struct sip_warning {
	uint16_t code;          /* 3 digits */
	struct sip_pl agent;
	struct sip_pl text;     /* without the quotes */
};
int sip_warning_next(struct sip_pl *rest, struct sip_warning *w);

/* Event (RFC 3265 s.7.2.1) and Subscription-State (s.7.2.4). */
struct sip_event {
	struct sip_pl type;     /* "refer", "message-summary", "check-sync"... */
	struct sip_pl id;       /* ;id= */
	struct sip_pl params;
};
int sip_event_parse(struct sip_event *e, const char *p, size_t l);

struct sip_substate {
	struct sip_pl state;    /* active, pending, terminated, or other */
	struct sip_pl reason, expires, retry_after;
	struct sip_pl params;
};
int sip_substate_parse(struct sip_substate *s, const char *p, size_t l);

/* Replaces (RFC 3891 s.6.1): callid; to-tag; from-tag [; early-only]. */
struct sip_replaces {
	struct sip_pl call_id;
	struct sip_pl to_tag, from_tag;
	uint8_t early_only;
	struct sip_pl params;
};
int sip_replaces_parse(struct sip_replaces *r, const char *p, size_t l);

/* Comma lists of tokens: Require, Supported, Proxy-Require, Unsupported,
 * Allow, Allow-Events, Accept-Encoding... 0, -ENOENT at the end, -EBADMSG. */
int sip_token_next(struct sip_pl *rest, struct sip_pl *tok);

/* Alert-Info (s.20.4): "<" absoluteURI ">" *(;param), or the bare number
 * the guide's distinctive ringing uses ("Alert-Info: x"). */
struct sip_alert_info {
	struct sip_pl uri;      /* inside <>, or the bare value */
	uint8_t bracket;
	struct sip_pl params;
};
int sip_alert_info_next(struct sip_pl *rest, struct sip_alert_info *a);

/* Content-Type (s.20.15): type "/" subtype *(;m-param). */
struct sip_ctype {
	struct sip_pl type, subtype, params;
};
int sip_ctype_parse(struct sip_ctype *c, const char *p, size_t l);

#endif
