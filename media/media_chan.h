/*
 * media_chan.h - one call's media channel: G.711 (SpanDSP) or G.729a
 * (bcg729) over RTP, RFC 4733 (2833) and in-band DTMF both ways, VAD with
 * RFC 3389 comfort noise, the jitter buffer, RTCP SR/RR.
 *
 * No sockets and no clock: the caller hands in received datagrams, calls
 * media_chan_tick() every 20 ms with its clock, and sends what the
 * send_rtp/send_rtcp callbacks give it.  DTMF follows the guide's
 * dtmf_outofband: "none" never sends events; "avt" sends them, instead of
 * in-band tones, when the peer negotiated telephone-event (dtmf_pt != 0),
 * else falls back to dtmf_inband; "avt_always" always sends them (on
 * dtmf_pt, or dtmf_avt_payload when the peer did not offer it) and never
 * in-band tones.  Hosted (SpanDSP, bcg729).
 */
#ifndef MEDIA_CHAN_H
#define MEDIA_CHAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { MEDIA_RATE = 8000, MEDIA_FRAME_MS = 20, MEDIA_FRAME = 160 /* samples */ };
enum media_pt { MEDIA_PT_PCMU = 0, MEDIA_PT_PCMA = 8, MEDIA_PT_CN = 13, MEDIA_PT_G729 = 18 };
/* The guide's dtmf_outofband none / avt / avt_always. */
enum media_dtmf_oob { MEDIA_DTMF_OOB_NONE, MEDIA_DTMF_OOB_AVT, MEDIA_DTMF_OOB_AVT_ALWAYS };

/* Limits (named, tested at and past the edge). */
enum {
	MEDIA_DTMF_AVT_DEFAULT = 101,  /* dtmf_avt_payload's default */
	MEDIA_DTMF_MIN_MS      = 40,   /* shorter keys are sent this long */
	MEDIA_DTMF_DEFAULT_MS  = 100,  /* duration 0 */
	MEDIA_DTMF_MAX_MS      = 5000, /* -ERANGE past it */
	MEDIA_DTMF_GAP_MS      = 100,  /* between queued digits */
	MEDIA_DTMF_QUEUE       = 32,   /* queued keys; -ENOSPC past it */
	MEDIA_DTMF_END_PACKETS = 3,    /* RFC 4733 s.2.5.1.4 */
	MEDIA_DTMF_LEVEL_MIN   = 1,
	MEDIA_DTMF_LEVEL_MAX   = 5,    /* dtmf_db_level; others: nominal */
	MEDIA_RTCP_INTERVAL_MS = 5000,
	MEDIA_VAD_THRESHOLD_DBOV = -50, /* quieter frames are silence */
	MEDIA_VAD_HANGOVER     = 10,   /* silent frames before CN (200 ms) */
	MEDIA_CN_REFRESH       = 50,   /* CN again every second of silence */
	MEDIA_PKT_MAX          = 512,  /* largest datagram built */
	MEDIA_CNAME_MAX        = 64,
};

struct media_chan_cfg {
	uint8_t pt;               /* the negotiated codec: 0, 8 or 18 */
	uint8_t dtmf_pt;          /* negotiated telephone-event payload type; 0: the peer did not offer it */
	enum media_dtmf_oob dtmf_oob;
	bool dtmf_inband;         /* dtmf_inband */
	int dtmf_db_level;        /* dtmf_db_level 1..5 as the guide defines it */
	bool vad;                 /* enable_vad: send CN (PT 13) during silence, play comfort noise on received CN */
	uint32_t ssrc;
	uint8_t dtmf_avt_payload; /* avt_always without dtmf_pt; 0: 101 */
	const char *cname;        /* RTCP SDES CNAME (copied); NULL: "sipphone" */
};

struct media_chan_ops {
	int (*send_rtp)(void *arg, const uint8_t *buf, size_t len);
	int (*send_rtcp)(void *arg, const uint8_t *buf, size_t len);
	/* A digit detected in received audio (in-band) or received as a
	 * telephone event; each key once even if it came both ways. */
	void (*dtmf)(void *arg, char digit, bool rfc2833);
};

struct media_chan_stats {
	uint32_t tx_packets, tx_octets;     /* RTP, payload octets (RFC 3550) */
	uint32_t rx_packets, rx_octets;     /* valid RTP received */
	uint32_t rx_malformed;              /* RTP or RTCP dropped as malformed */
	uint32_t rx_unknown_pt;             /* not the codec, CN or events */
	uint32_t lost, late, duplicate;     /* from the jitter buffer */
	uint32_t jitter;                    /* timestamp units (1/8 ms) */
	unsigned delay_ms;                  /* jitter buffer target delay */
	uint32_t dtmf_sent;                 /* keys sent (either way) */
	uint32_t dtmf_detected;             /* keys reported to ops->dtmf */
	uint32_t dtmf_inband_detected, dtmf_2833_detected;
	uint32_t cn_sent, cn_received;
	uint32_t rtcp_sent, rtcp_received;
};

struct media_chan;

/* -EINVAL (unknown codec, NULL ops->send_rtp), -ENOMEM. */
int  media_chan_alloc(struct media_chan **cp, const struct media_chan_cfg *cfg,
		      const struct media_chan_ops *ops, void *arg);
void media_chan_free(struct media_chan *c);
/* Hold / resume / one-way: whether packets are sent and whether received
 * ones are played.  RTCP goes on either way. */
void media_chan_set_dir(struct media_chan *c, bool send, bool recv);
/* A received RTP or RTCP datagram (now_ms: the caller's clock).  Malformed
 * ones are counted and dropped. */
void media_chan_rx_rtp(struct media_chan *c, const uint8_t *buf, size_t len,
		       uint64_t now_ms);
void media_chan_rx_rtcp(struct media_chan *c, const uint8_t *buf, size_t len,
			uint64_t now_ms);
/* One 20 ms frame: MIC (MEDIA_FRAME samples, may be NULL = silence) is
 * encoded and sent; SPK receives MEDIA_FRAME samples decoded from the
 * jitter buffer (silence or comfort noise when nothing).  RTCP every
 * MEDIA_RTCP_INTERVAL_MS. */
void media_chan_tick(struct media_chan *c, const int16_t *mic, int16_t *spk,
		     uint64_t now_ms);
/* Queue a key ('0'-'9' '*' '#' 'A'-'D'), DURATION_MS long (0: the
 * default; below MEDIA_DTMF_MIN_MS: that).  0, -EINVAL (not a key),
 * -ERANGE (too long), -ENOSPC (queue full), -ENOTSUP (dtmf_outofband and
 * dtmf_inband leave no way to send it). */
int  media_chan_send_dtmf(struct media_chan *c, char digit, unsigned duration_ms);
const struct media_chan_stats *media_chan_stats(const struct media_chan *c);

#endif
