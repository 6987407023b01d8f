/*
 * sip_msg.h - SIP messages (RFC 3261 s.7, s.25), no copy.  The grammar is
 * spec/sip/sip_msg.rl; every field is a slice of the caller's buffer, which
 * must outlive the struct sip_msg.
 *
 * The grammar frames the start line and the header lines (a vector scan
 * finds each line's end); then each value the grammar of its header reads
 * once.  The headers a transaction and a dialog need (Via, From, To,
 * Call-ID, CSeq, Contact, Max-Forwards, Content-Length, Content-Type,
 * Expires, Date) are parsed and validated by sip_msg_parse(); every header is kept,
 * in order, with its name and value slices, so the other structured values
 * (sip_addr.h, sip_hval.h, sip_auth.h, sdp.h) can be parsed on demand.
 *
 * A message that must be rejected yields the response a UA sends
 * (struct sip_err): 400 with a reason naming the header, 505, 416, 413.
 */
#ifndef SIP_MSG_H
#define SIP_MSG_H

#include "sip/sip_addr.h"
#include "sip/sip_hval.h"
#include "sip/sip_uri.h"
#include "sip/sip_via.h"

/* Limits (named, tested at and past the edge). */
enum {
	SIP_MSG_MAX_SIZE = 65535, /* bytes: a UDP datagram's payload at most; 413 past it */
	SIP_MSG_MAX_HDRS = 128,   /* header fields (a comma list counts once); 400 past it */
};

/*
 * Header names: the guide's Appendix A "SIP Header Fields" table (its
 * "Referred-To" is Refer-To, RFC 3515) plus the ones the phone's features
 * need.  X(id, name, compact form or 0)
 */
#define SIP_HDR_LIST \
	X(ACCEPT,              "Accept",              0)   \
	X(ACCEPT_ENCODING,     "Accept-Encoding",     0)   \
	X(ACCEPT_LANGUAGE,     "Accept-Language",     0)   \
	X(ALERT_INFO,          "Alert-Info",          0)   \
	X(ALLOW,               "Allow",               0)   \
	X(ALLOW_EVENTS,        "Allow-Events",        'u') \
	X(ALSO,                "Also",                0)   \
	X(AUTHORIZATION,       "Authorization",       0)   \
	X(CALL_ID,             "Call-ID",             'i') \
	X(CALL_INFO,           "Call-Info",           0)   \
	X(CONTACT,             "Contact",             'm') \
	X(CONTENT_DISPOSITION, "Content-Disposition", 0)   \
	X(CONTENT_ENCODING,    "Content-Encoding",    'e') \
	X(CONTENT_LENGTH,      "Content-Length",      'l') \
	X(CONTENT_TYPE,        "Content-Type",        'c') \
	X(CSEQ,                "CSeq",                0)   \
	X(DATE,                "Date",                0)   \
	X(DIVERSION,           "Diversion",           0)   \
	X(ENCRYPTION,          "Encryption",          0)   \
	X(EVENT,               "Event",               'o') \
	X(EXPIRES,             "Expires",             0)   \
	X(FROM,                "From",                'f') \
	X(HIDE,                "Hide",                0)   \
	X(MAX_FORWARDS,        "Max-Forwards",        0)   \
	X(MIME_VERSION,        "MIME-Version",        0)   \
	X(MIN_EXPIRES,         "Min-Expires",         0)   \
	X(ORGANIZATION,        "Organization",        0)   \
	X(PRIORITY,            "Priority",            0)   \
	X(PROXY_AUTHENTICATE,  "Proxy-Authenticate",  0)   \
	X(PROXY_AUTHORIZATION, "Proxy-Authorization", 0)   \
	X(PROXY_REQUIRE,       "Proxy-Require",       0)   \
	X(RECORD_ROUTE,        "Record-Route",        0)   \
	X(REFER_TO,            "Refer-To",            'r') \
	X(REFERRED_BY,         "Referred-By",         'b') \
	X(REMOTE_PARTY_ID,     "Remote-Party-ID",     0)   \
	X(REPLACES,            "Replaces",            0)   \
	X(REQUESTED_BY,        "Requested-By",        0)   \
	X(REQUIRE,             "Require",             0)   \
	X(RESPONSE_KEY,        "Response-Key",        0)   \
	X(RETRY_AFTER,         "Retry-After",         0)   \
	X(ROUTE,               "Route",               0)   \
	X(SERVER,              "Server",              0)   \
	X(SESSION_EXPIRES,     "Session-Expires",     'x') \
	X(SUBJECT,             "Subject",             's') \
	X(SUBSCRIPTION_STATE,  "Subscription-State",  0)   \
	X(SUPPORTED,           "Supported",           'k') \
	X(TIMESTAMP,           "Timestamp",           0)   \
	X(TO,                  "To",                  't') \
	X(UNSUPPORTED,         "Unsupported",         0)   \
	X(USER_AGENT,          "User-Agent",          0)   \
	X(VIA,                 "Via",                 'v') \
	X(WARNING,             "Warning",             0)   \
	X(WWW_AUTHENTICATE,    "WWW-Authenticate",    0)

enum sip_hdr_id {
	SIP_HDR_OTHER = 0, /* unknown: kept by name */
#define X(id, name, c) SIP_HDR_##id,
	SIP_HDR_LIST
#undef X
	SIP_HDR__COUNT
};

/* Header name (full or compact, any case) to id; SIP_HDR_OTHER if unknown. */
enum sip_hdr_id sip_hdr_id(const char *name, size_t len);
/* The canonical (full) name of an id; "" for SIP_HDR_OTHER. */
const char *sip_hdr_name(enum sip_hdr_id id);

struct sip_hdr {
	struct sip_pl name;   /* as written (compact forms stay compact) */
	struct sip_pl val;    /* trimmed; folds (CRLF + WSP) stay inside */
	uint16_t id;          /* enum sip_hdr_id */
	uint16_t next;        /* index + 1 of the next header with this id, 0 if none */
};

enum sip_msg_flags {
	/* Stream transport (TCP): Content-Length is required (s.18.3). */
	SIP_MSG_STREAM = 1 << 0,
};

enum { SIP_ERR_REASON_MAX = 64 };

struct sip_err {
	uint16_t status;      /* 400, 413, 416, 505; 0 if none */
	char reason[SIP_ERR_REASON_MAX]; /* "Bad Via", "Missing Call-ID"... */
	size_t off;           /* byte offset where parsing stopped */
};

struct sip_msg {
	uint8_t is_request;
	uint8_t ver_major, ver_minor;
	/* Request line. */
	struct sip_pl method;
	enum sip_method mid;
	struct sip_pl ruri_pl;
	struct sip_uri ruri;
	/* Status line. */
	uint16_t status;
	struct sip_pl reason;

	/* Every header, in order. */
	struct sip_hdr hdr[SIP_MSG_MAX_HDRS];
	unsigned nhdr;
	uint16_t first[SIP_HDR__COUNT]; /* index + 1 of the first of each id */

	/* Parsed while reading. */
	struct sip_via via;             /* the top Via value */
	unsigned via_count;             /* Via values, comma-separated ones included */
	struct sip_addr from, to;
	struct sip_addr contact;        /* the first Contact value */
	unsigned contact_count;
	uint8_t contact_star;           /* "Contact: *" (s.10.2.2) */
	struct sip_pl call_id;
	struct sip_cseq cseq;
	uint8_t has_max_forwards, has_expires, has_content_length;
	uint32_t max_forwards, expires, content_length;
	struct sip_ctype ctype;         /* unset type if no Content-Type */
	struct sip_date date;
	uint8_t has_date;

	struct sip_pl body;             /* Content-Length bytes (or the rest of a datagram) */
	size_t len;                     /* bytes of the buffer the message used */
};

/*
 * Parse the LEN bytes at BUF as one message (one UDP datagram, or one
 * message cut by the TCP framer with SIP_MSG_STREAM).  Content-Length
 * larger than the bytes present is an error; bytes after the body are
 * ignored (RFC 4475 dblreq; m->len says where the message ended).
 * 0, or -EBADMSG / -EMSGSIZE / -EPROTONOSUPPORT with *ERR filled.
 */
int sip_msg_parse(struct sip_msg *m, const char *buf, size_t len,
		  unsigned flags, struct sip_err *err);

/* The first header with ID, or NULL; the next one of the same id. */
const struct sip_hdr *sip_msg_hdr(const struct sip_msg *m, enum sip_hdr_id id);
const struct sip_hdr *sip_msg_hdr_next(const struct sip_msg *m,
				       const struct sip_hdr *h);
/* The first header named NAME (any case; compact forms match). */
const struct sip_hdr *sip_msg_hdr_by_name(const struct sip_msg *m,
					  const char *name);

#endif
