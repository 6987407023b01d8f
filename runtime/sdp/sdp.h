/*
 * sdp.h - SDP session descriptions as a phone uses them (RFC 4566; the
 * guide's Appendix A "SIP Session Description Protocol Usage": v o s t c m
 * a, plus b): rtpmap, fmtp, ptime, the four direction attributes,
 * "c=IN IP4 0.0.0.0" (the guide's hold, RFC 3264 s.8.4), several m lines.
 *
 * The grammar is spec/sip/sdp.rl; fields are slices of the body.  Lines
 * end in CRLF, or LF alone (RFC 4566 s.5 asks parsers to accept it).
 */
#ifndef SDP_H
#define SDP_H

#include "sip/sip_pl.h"

/* Limits (named, tested at and past the edge): -ENOBUFS past them. */
enum {
	SDP_MAX_MEDIA = 8,  /* m= lines */
	SDP_MAX_FMT   = 32, /* formats on one m= line; rtpmap/fmtp per m= */
	SDP_MAX_ATTR  = 64, /* a= lines in the whole description */
};

enum sdp_dir {
	SDP_DIR_UNSET = 0, /* no attribute: sendrecv (RFC 4566 s.6) */
	SDP_DIR_SENDRECV,
	SDP_DIR_SENDONLY,
	SDP_DIR_RECVONLY,
	SDP_DIR_INACTIVE,
};

struct sdp_conn {
	struct sip_pl nettype, addrtype, addr; /* addr may carry /ttl */
};

struct sdp_rtpmap {
	uint8_t pt;
	uint32_t clock;
	struct sip_pl enc;    /* "PCMU", "telephone-event" */
	struct sip_pl params; /* channels, or unset */
};

struct sdp_fmtp {
	struct sip_pl fmt;    /* "101" */
	struct sip_pl params; /* "0-15" */
};

struct sdp_attr {
	struct sip_pl name, val; /* val unset for a flag attribute */
	uint8_t media;           /* 0 session level, else index + 1 of the m= */
};

struct sdp_media {
	struct sip_pl media;     /* "audio" */
	uint16_t port, nports;   /* nports 0 if not given */
	struct sip_pl proto;     /* "RTP/AVP" */
	struct sip_pl fmts;      /* the format list as written */
	struct sip_pl fmt[SDP_MAX_FMT];
	unsigned nfmt;
	uint8_t has_conn;
	struct sdp_conn conn;
	struct sip_pl bw_type;
	uint32_t bw;
	enum sdp_dir dir;
	uint32_t ptime;          /* 0 if not given */
	struct sdp_rtpmap rtpmap[SDP_MAX_FMT];
	unsigned nrtpmap;
	struct sdp_fmtp fmtp[SDP_MAX_FMT];
	unsigned nfmtp;
};

struct sdp_sess {
	uint32_t version;        /* v= (0) */
	struct sip_pl o_user, o_sess_id, o_sess_ver;
	struct sdp_conn o_addr;  /* o= nettype addrtype address */
	struct sip_pl name;      /* s= */
	struct sip_pl info;      /* i= */
	uint8_t has_conn;
	struct sdp_conn conn;    /* session-level c= */
	struct sip_pl bw_type;
	uint32_t bw;
	struct sip_pl t_start, t_stop;
	enum sdp_dir dir;        /* session-level direction attribute */
	struct sdp_media media[SDP_MAX_MEDIA];
	unsigned nmedia;
	struct sdp_attr attr[SDP_MAX_ATTR];
	unsigned nattr;
};

/* 0, -EBADMSG (syntax), -ENOBUFS (a limit above). */
int sdp_parse(struct sdp_sess *s, const char *p, size_t l);

/* The direction in effect for media M (media level, else session level). */
enum sdp_dir sdp_media_dir(const struct sdp_sess *s, const struct sdp_media *m);
/* The connection address in effect for M, or NULL. */
const struct sdp_conn *sdp_media_conn(const struct sdp_sess *s,
				      const struct sdp_media *m);
/* "c=IN IP4 0.0.0.0": the RFC 2543 hold the guide's phone sends. */
bool sdp_conn_is_hold(const struct sdp_conn *c);
/* The rtpmap of payload type PT in M, or NULL. */
const struct sdp_rtpmap *sdp_media_rtpmap(const struct sdp_media *m,
					  unsigned pt);

/*
 * Write S as SDP text (CRLF line ends) into BUF of CAP bytes: the length,
 * or -ENOBUFS if it does not fit (nothing is silently cut).  Every field
 * comes from S; attributes are written from s->attr (so rtpmap, fmtp,
 * ptime and direction go there, with the m= they belong to).
 */
int sdp_build(char *buf, size_t cap, const struct sdp_sess *s);

#endif
