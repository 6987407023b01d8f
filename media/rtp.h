/*
 * rtp.h - RTP and RTCP packets (RFC 3550) and RFC 4733 (2833) telephone
 * events, as bytes: build and parse, nothing else.  No OS, no clock, no
 * allocation: part of the bare-metal core.
 *
 * Parsers read at most the LEN bytes they are given and answer -EBADMSG
 * for anything malformed (wrong version, a CSRC list, extension or padding
 * that does not fit); builders answer -ENOBUFS when CAP is too small.
 */
#ifndef MEDIA_RTP_H
#define MEDIA_RTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits (named, tested at and past the edge). */
enum {
	RTP_VERSION   = 2,
	RTP_HDR_SIZE  = 12,  /* fixed header, no CSRC */
	RTP_CSRC_MAX  = 15,  /* the CC field's four bits */
	RTP_PT_MAX    = 127,
	RTCP_HDR_SIZE = 8,   /* common header + SSRC */
	RTCP_RB_SIZE  = 24,  /* one report block */
	RTCP_CNAME_MAX = 255, /* an SDES item's length octet */
	RTP_EVENT_SIZE = 4,  /* RFC 4733 s.2.3 payload */
	RTP_EVENT_VOLUME_MAX = 63,
};

enum rtcp_pt {
	RTCP_SR = 200, RTCP_RR = 201, RTCP_SDES = 202, RTCP_BYE = 203,
	RTCP_APP = 204,
};

struct rtp_hdr {
	bool marker;
	uint8_t pt;
	uint16_t seq;
	uint32_t ts;
	uint32_t ssrc;
	uint8_t cc;                     /* CSRCs in csrc[] */
	uint32_t csrc[RTP_CSRC_MAX];
	bool ext;                       /* a header extension is present */
	uint16_t ext_profile;           /* its first 16 bits */
	uint16_t ext_words;             /* its length in 32-bit words */
	uint8_t pad;                    /* padding octets removed (0: none) */
	const uint8_t *payload;         /* into the parsed buffer */
	size_t payload_len;
};

/* Write the header of H (marker, pt, seq, ts, ssrc, csrc[cc]; no
 * extension, no padding) into BUF: its length or -ENOBUFS, -EINVAL for a
 * PT above 127 or CC above 15. */
int rtp_hdr_encode(uint8_t *buf, size_t cap, const struct rtp_hdr *h);
/* Header + PAYLOAD: the packet's length or -ENOBUFS / -EINVAL. */
int rtp_encode(uint8_t *buf, size_t cap, const struct rtp_hdr *h,
	       const uint8_t *payload, size_t len);
/* Parse one RTP packet; H->payload points into BUF.  0 or -EBADMSG. */
int rtp_decode(struct rtp_hdr *h, const uint8_t *buf, size_t len);

/* Signed distance from A to B in sequence space (wraps at 65536). */
static inline int16_t rtp_seq_diff(uint16_t a, uint16_t b)
{
	return (int16_t)(uint16_t)(b - a);
}

/* ---- RTCP */
struct rtcp_rb {               /* a report block (RFC 3550 s.6.4.1) */
	uint32_t ssrc;
	uint8_t fraction;          /* lost since last report, /256 */
	int32_t lost;              /* cumulative, 24-bit signed on the wire */
	uint32_t ext_seq;          /* extended highest sequence received */
	uint32_t jitter;           /* timestamp units */
	uint32_t lsr, dlsr;
};

struct rtcp_sr_info {
	uint32_t ntp_sec, ntp_frac, rtp_ts, packets, octets;
};

/* A compound SR (INFO) or RR, with RB as its one report block if not
 * NULL, then an SDES with CNAME (at most RTCP_CNAME_MAX octets): the
 * length written, -ENOBUFS, -EINVAL (CNAME too long). */
int rtcp_build_sr(uint8_t *buf, size_t cap, uint32_t ssrc,
		  const struct rtcp_sr_info *info, const struct rtcp_rb *rb,
		  const char *cname);
int rtcp_build_rr(uint8_t *buf, size_t cap, uint32_t ssrc,
		  const struct rtcp_rb *rb, const char *cname);

/* What a compound RTCP packet holds, enough to count it and to answer an
 * SR with LSR/DLSR. */
struct rtcp_info {
	unsigned sr, rr, sdes, bye, other;  /* packets of each type */
	uint32_t ssrc;                      /* of the first packet */
	bool has_sr;
	struct rtcp_sr_info sr_info;        /* of the first SR */
	unsigned nrb;                       /* report blocks seen */
	struct rtcp_rb rb;                  /* the first one */
};

/* Walk a compound RTCP packet: every part must be version 2 and fit,
 * the first must be SR or RR (RFC 3550 s.6.1), report counts must fit
 * their lengths.  0 or -EBADMSG. */
int rtcp_decode(struct rtcp_info *info, const uint8_t *buf, size_t len);

/* True when the second octet says RTCP (RFC 5761 s.4: PT 200..204 with
 * the marker bit); for a single port carrying both. */
bool rtcp_is_rtcp(const uint8_t *buf, size_t len);

/* ---- RFC 4733 telephone events */
struct rtp_event {
	uint8_t event;        /* 0-9 digits, 10 '*', 11 '#', 12-15 A-D, 16 flash */
	bool end;
	uint8_t volume;       /* -dBm0, 0..63 */
	uint16_t duration;    /* timestamp units */
};

/* The 4 payload octets: RTP_EVENT_SIZE, -ENOBUFS, -EINVAL (volume > 63). */
int rtp_event_encode(uint8_t *buf, size_t cap, const struct rtp_event *ev);
/* At least 4 octets (more: a redundant or multi-event packet, only the
 * first is read); 0 or -EBADMSG. */
int rtp_event_decode(struct rtp_event *ev, const uint8_t *buf, size_t len);
/* '0'..'9' '*' '#' 'A'..'D' (either case) <-> 0..15; -1 / 0 if none. */
int rtp_event_from_digit(char digit);
char rtp_event_to_digit(uint8_t event);

#endif
