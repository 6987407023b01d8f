/*
 * media_chan.c - one call's media channel (see media_chan.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bcg729/decoder.h>
#include <bcg729/encoder.h>

#include "jbuf.h"
#include "media_chan.h"
#include "media_dsp.h"
#include "rtp.h"

enum {
	G729_FRAME = 80,      /* samples per 10 ms G.729 frame */
	G729_BYTES = 10,      /* octets per G.729 frame */
	G729_SID_BYTES = 2,   /* Annex B SID frame */
	HIST = 4,             /* recent keys remembered for de-duplication */
	/* A key detected in audio and an event are the same key when their
	 * RTP times overlap within this (the detector lags the tone). */
	DEDUP_SLACK = 400,
	NTP_UNIX_OFFSET = 2208988800u,
};

struct key {
	char digit;
	bool avt;         /* as an RFC 4733 event, else in-band */
	unsigned samples; /* tone length */
};

struct seen {             /* a key seen on one path, in RTP time */
	char digit;
	uint32_t start, end;
};

enum key_state { KEY_IDLE, KEY_ON, KEY_GAP };

struct media_chan {
	struct media_chan_cfg cfg;
	struct media_chan_ops ops;
	void *arg;
	char cname[MEDIA_CNAME_MAX + 1];
	uint8_t ev_pt;           /* telephone-event payload type */
	bool send, recv;

	/* transmit */
	uint16_t seq;
	uint32_t ts;
	bool marker;             /* next audio packet starts a talkspurt */
	unsigned silent;         /* consecutive silent frames (VAD) */
	unsigned cn_frames;      /* frames since CN was sent */
	bcg729EncoderChannelContextStruct *g729e;
	dtmf_tx_state_t *dtx;
	struct key q[MEDIA_DTMF_QUEUE];
	unsigned qhead, qlen;
	enum key_state kstate;
	struct key cur;
	unsigned kdone;          /* samples of the current key or gap done */
	uint32_t ev_ts;
	bool ev_first;

	/* receive */
	struct jbuf jb;
	bcg729DecoderChannelContextStruct *g729d;
	plc_state_t *plc;
	noise_state_t *noise;
	bool cn_play;
	dtmf_rx_state_t *drx;
	uint32_t play_ts;        /* RTP time of the frame being played */
	bool ev_have;
	uint32_t ev_rx_ts;
	struct seen ev_seen[HIST], inb_seen[HIST];
	unsigned ev_n, inb_n;

	/* RTCP */
	uint64_t next_rtcp;
	bool rtcp_started;
	uint32_t tx_at_report;
	bool have_lsr;
	uint32_t lsr;
	uint64_t lsr_at;
	uint32_t exp_prior, rx_prior;

	struct media_chan_stats st;
};

static bool codec_ok(uint8_t pt)
{
	return pt == MEDIA_PT_PCMU || pt == MEDIA_PT_PCMA || pt == MEDIA_PT_G729;
}

static int dtmf_dbm0(int level)
{
	static const int step[] = {-6, -3, 0, 3, 6};

	if (level < MEDIA_DTMF_LEVEL_MIN || level > MEDIA_DTMF_LEVEL_MAX)
		level = 3;
	return MEDIA_DTMF_NOMINAL_DBM0 + step[level - MEDIA_DTMF_LEVEL_MIN];
}

static void inband_digits(void *arg, const char *digits, int len);

int media_chan_alloc(struct media_chan **cp, const struct media_chan_cfg *cfg,
		     const struct media_chan_ops *ops, void *arg)
{
	struct media_chan *c;
	int err = -ENOMEM;

	if (!cp || !cfg || !ops || !ops->send_rtp || !codec_ok(cfg->pt) ||
	    (cfg->dtmf_pt && cfg->dtmf_pt < 96) || cfg->dtmf_pt > RTP_PT_MAX)
		return -EINVAL;
	if (cfg->cname && strlen(cfg->cname) > MEDIA_CNAME_MAX)
		return -EINVAL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->cfg = *cfg;
	c->ops = *ops;
	c->arg = arg;
	strcpy(c->cname, cfg->cname ? cfg->cname : "sipphone");
	c->cfg.cname = c->cname;
	c->ev_pt = cfg->dtmf_pt ? cfg->dtmf_pt :
		   cfg->dtmf_avt_payload >= 96 && cfg->dtmf_avt_payload <= RTP_PT_MAX ?
		   cfg->dtmf_avt_payload : MEDIA_DTMF_AVT_DEFAULT;
	c->send = c->recv = true;
	c->marker = true;
	/* RFC 3550 s.5.1: the first sequence number is random; the SSRC
	 * gives the call's own randomness without a clock here. */
	c->seq = (uint16_t)(cfg->ssrc * 2654435761u >> 16);
	c->ts = cfg->ssrc * 40503u;
	jbuf_init(&c->jb, 0, 0);
	c->dtx = dtmf_tx_init(NULL);
	c->drx = dtmf_rx_init(NULL, inband_digits, c);
	c->plc = plc_init(NULL);
	c->noise = noise_init_dbov(NULL, (int)(cfg->ssrc | 1), -70.0f,
				   NOISE_CLASS_HOTH, 5);
	if (!c->dtx || !c->drx || !c->plc || !c->noise)
		goto out;
	dtmf_tx_set_level(c->dtx, dtmf_dbm0(cfg->dtmf_db_level), 0);
	if (cfg->pt == MEDIA_PT_G729) {
		c->g729e = initBcg729EncoderChannel(0);
		c->g729d = initBcg729DecoderChannel();
		if (!c->g729e || !c->g729d)
			goto out;
	}
	*cp = c;
	return 0;
out:
	media_chan_free(c);
	return err;
}

void media_chan_free(struct media_chan *c)
{
	if (!c)
		return;
	if (c->dtx)
		dtmf_tx_free(c->dtx);
	if (c->drx)
		dtmf_rx_free(c->drx);
	if (c->plc)
		plc_free(c->plc);
	if (c->noise)
		noise_free(c->noise);
	if (c->g729e)
		closeBcg729EncoderChannel(c->g729e);
	if (c->g729d)
		closeBcg729DecoderChannel(c->g729d);
	free(c);
}

void media_chan_set_dir(struct media_chan *c, bool send, bool recv)
{
	if (send && !c->send)
		c->marker = true;
	if (recv && !c->recv)
		jbuf_flush(&c->jb); /* what was buffered before is stale */
	c->send = send;
	c->recv = recv;
}

const struct media_chan_stats *media_chan_stats(const struct media_chan *c)
{
	return &c->st;
}

/* ---- transmit */

static void send_packet(struct media_chan *c, uint8_t pt, bool marker,
			uint32_t ts, const uint8_t *payload, size_t len)
{
	struct rtp_hdr h = {
		.marker = marker, .pt = pt, .seq = c->seq, .ts = ts,
		.ssrc = c->cfg.ssrc,
	};
	uint8_t pkt[MEDIA_PKT_MAX];
	int n;

	if (!c->send)
		return;
	n = rtp_encode(pkt, sizeof(pkt), &h, payload, len);
	if (n < 0)
		return;
	c->seq++;
	c->st.tx_packets++;
	c->st.tx_octets += (uint32_t)len;
	c->ops.send_rtp(c->arg, pkt, (size_t)n);
}

static size_t encode(struct media_chan *c, const int16_t *pcm, uint8_t *out)
{
	size_t i;
	uint8_t n;

	switch (c->cfg.pt) {
	case MEDIA_PT_PCMU:
		for (i = 0; i < MEDIA_FRAME; i++)
			out[i] = linear_to_ulaw(pcm[i]);
		return MEDIA_FRAME;
	case MEDIA_PT_PCMA:
		for (i = 0; i < MEDIA_FRAME; i++)
			out[i] = linear_to_alaw(pcm[i]);
		return MEDIA_FRAME;
	default: /* G.729: two 10 ms frames */
		bcg729Encoder(c->g729e, pcm, out, &n);
		bcg729Encoder(c->g729e, pcm + G729_FRAME, out + G729_BYTES, &n);
		return 2 * G729_BYTES;
	}
}

/* Start the next queued key, if any. */
static void key_next(struct media_chan *c)
{
	if (!c->qlen)
		return;
	c->cur = c->q[c->qhead];
	c->qhead = (c->qhead + 1) % MEDIA_DTMF_QUEUE;
	c->qlen--;
	c->kstate = KEY_ON;
	c->kdone = 0;
	c->st.dtmf_sent++;
	if (c->cur.avt) {
		c->ev_ts = c->ts;
		c->ev_first = true;
	} else {
		dtmf_tx_set_timing(c->dtx, (int)(c->cur.samples / 8),
				   MEDIA_DTMF_GAP_MS);
		dtmf_tx_put(c->dtx, &c->cur.digit, 1);
	}
}

/* One frame of the current RFC 4733 event; true while it owns the frame
 * (no audio is sent for the same time, s.2.5.1.1). */
static bool event_frame(struct media_chan *c)
{
	struct rtp_event ev = {
		.event = (uint8_t)rtp_event_from_digit(c->cur.digit),
		.volume = (uint8_t)-dtmf_dbm0(c->cfg.dtmf_db_level),
	};
	uint8_t pl[RTP_EVENT_SIZE];
	unsigned i;

	c->kdone += MEDIA_FRAME;
	if (c->kdone < c->cur.samples) {
		ev.duration = (uint16_t)c->kdone;
		rtp_event_encode(pl, sizeof(pl), &ev);
		send_packet(c, c->ev_pt, c->ev_first, c->ev_ts, pl, sizeof(pl));
		c->ev_first = false;
		return true;
	}
	ev.duration = (uint16_t)c->cur.samples;
	ev.end = true;
	rtp_event_encode(pl, sizeof(pl), &ev);
	for (i = 0; i < MEDIA_DTMF_END_PACKETS; i++)
		send_packet(c, c->ev_pt, c->ev_first && i == 0, c->ev_ts, pl,
			    sizeof(pl));
	c->kstate = KEY_GAP;
	c->kdone = 0;
	c->marker = true;
	return true;
}

static void transmit(struct media_chan *c, const int16_t *mic)
{
	int16_t pcm[MEDIA_FRAME], tone[MEDIA_FRAME];
	uint8_t pl[MEDIA_FRAME];
	size_t i, len;
	int n;

	if (mic)
		memcpy(pcm, mic, sizeof(pcm));
	else
		memset(pcm, 0, sizeof(pcm));
	if (c->kstate == KEY_IDLE)
		key_next(c);
	if (c->kstate == KEY_ON && c->cur.avt) {
		if (event_frame(c))
			return;
	} else if (c->kstate == KEY_GAP && c->cur.avt) {
		c->kdone += MEDIA_FRAME;
		if (c->kdone >= MEDIA_DTMF_GAP_MS * 8)
			c->kstate = KEY_IDLE;
	} else if (c->kstate != KEY_IDLE) {
		/* In-band: SpanDSP plays the tone and the gap after it, in
		 * place of the microphone (a phone mutes the handset while a
		 * key sounds: speech over the tone defeats detectors). */
		n = dtmf_tx(c->dtx, tone, MEDIA_FRAME);
		for (i = 0; i < (size_t)n; i++)
			pcm[i] = tone[i];
		if (n < MEDIA_FRAME)
			c->kstate = KEY_IDLE;
	}
	if (c->cfg.vad) {
		int db = media_power_dbov(pcm, MEDIA_FRAME);

		if (db < MEDIA_VAD_THRESHOLD_DBOV) {
			if (++c->silent > MEDIA_VAD_HANGOVER) {
				/* RFC 3389: one octet, the noise level in
				 * -dBov; again now and then. */
				if (c->cn_frames++ % MEDIA_CN_REFRESH == 0) {
					pl[0] = (uint8_t)(db < -127 ? 127 : -db);
					send_packet(c, MEDIA_PT_CN, false,
						    c->ts, pl, 1);
					c->st.cn_sent++;
				}
				c->marker = true;
				return;
			}
		} else {
			c->silent = 0;
			c->cn_frames = 0;
		}
	}
	len = encode(c, pcm, pl);
	send_packet(c, c->cfg.pt, c->marker, c->ts, pl, len);
	if (c->send)
		c->marker = false;
}

int media_chan_send_dtmf(struct media_chan *c, char digit, unsigned duration_ms)
{
	bool avt;
	struct key *k;

	if (rtp_event_from_digit(digit) < 0)
		return -EINVAL;
	if (duration_ms > MEDIA_DTMF_MAX_MS)
		return -ERANGE;
	if (duration_ms == 0)
		duration_ms = MEDIA_DTMF_DEFAULT_MS;
	if (duration_ms < MEDIA_DTMF_MIN_MS)
		duration_ms = MEDIA_DTMF_MIN_MS;
	/* The guide's dtmf_outofband: avt only when the peer asked for
	 * events, avt_always always; either disables in-band. */
	avt = c->cfg.dtmf_oob == MEDIA_DTMF_OOB_AVT_ALWAYS ||
	      (c->cfg.dtmf_oob == MEDIA_DTMF_OOB_AVT && c->cfg.dtmf_pt);
	if (!avt && !c->cfg.dtmf_inband)
		return -ENOTSUP;
	if (c->qlen >= MEDIA_DTMF_QUEUE)
		return -ENOSPC;
	k = &c->q[(c->qhead + c->qlen) % MEDIA_DTMF_QUEUE];
	k->digit = digit >= 'a' && digit <= 'd' ? (char)(digit - 32) : digit;
	k->avt = avt;
	/* Whole frames: events and tones end on a packet boundary. */
	k->samples = (duration_ms + MEDIA_FRAME_MS - 1) / MEDIA_FRAME_MS *
		     MEDIA_FRAME;
	c->qlen++;
	return 0;
}

/* ---- receive */

static bool overlaps(const struct seen *s, unsigned n, char digit,
		     uint32_t start, uint32_t end)
{
	unsigned i;

	for (i = 0; i < n && i < HIST; i++) {
		if (s[i].digit != digit)
			continue;
		/* Compare in RTP time, modulo 2^32. */
		if ((int32_t)(start - (s[i].end + DEDUP_SLACK)) <= 0 &&
		    (int32_t)(end + DEDUP_SLACK - s[i].start) >= 0)
			return true;
	}
	return false;
}

static void report(struct media_chan *c, char digit, bool rfc2833)
{
	c->st.dtmf_detected++;
	if (rfc2833)
		c->st.dtmf_2833_detected++;
	else
		c->st.dtmf_inband_detected++;
	if (c->ops.dtmf)
		c->ops.dtmf(c->arg, digit, rfc2833);
}

static void inband_digits(void *arg, const char *digits, int len)
{
	struct media_chan *c = arg;
	uint32_t start = c->play_ts - 3 * MEDIA_FRAME; /* detector lag */
	int i;

	for (i = 0; i < len; i++) {
		struct seen *s = &c->inb_seen[c->inb_n++ % HIST];

		s->digit = digits[i];
		s->start = start;
		s->end = c->play_ts + MEDIA_FRAME;
		if (!overlaps(c->ev_seen, c->ev_n, digits[i], start,
			      c->play_ts + MEDIA_FRAME))
			report(c, digits[i], false);
	}
}

static void rx_event(struct media_chan *c, const struct rtp_hdr *h)
{
	struct rtp_event ev;
	struct seen *s;
	char digit;

	if (rtp_event_decode(&ev, h->payload, h->payload_len)) {
		c->st.rx_malformed++;
		return;
	}
	digit = rtp_event_to_digit(ev.event);
	if (!digit)
		return; /* flash and other events: not keys */
	if (c->ev_have && h->ts == c->ev_rx_ts) {
		/* The same event again (update, end, retransmission). */
		s = &c->ev_seen[(c->ev_n - 1) % HIST];
		s->end = h->ts + ev.duration;
		return;
	}
	c->ev_have = true;
	c->ev_rx_ts = h->ts;
	s = &c->ev_seen[c->ev_n++ % HIST];
	s->digit = digit;
	s->start = h->ts;
	s->end = h->ts + ev.duration;
	if (!overlaps(c->inb_seen, c->inb_n, digit, h->ts, s->end))
		report(c, digit, true);
}

void media_chan_rx_rtp(struct media_chan *c, const uint8_t *buf, size_t len,
		       uint64_t now_ms)
{
	struct rtp_hdr h;

	if (rtp_decode(&h, buf, len)) {
		c->st.rx_malformed++;
		return;
	}
	if (h.pt != c->cfg.pt && h.pt != MEDIA_PT_CN && h.pt != c->ev_pt) {
		c->st.rx_unknown_pt++;
		return;
	}
	c->st.rx_packets++;
	c->st.rx_octets += (uint32_t)h.payload_len;
	if (!c->recv)
		return;
	if (h.pt == c->ev_pt)
		rx_event(c, &h); /* now: events need no playout delay */
	else if (h.pt == MEDIA_PT_CN)
		c->st.cn_received++;
	/* Events go through the buffer too, so their sequence numbers do
	 * not count as lost. */
	jbuf_put(&c->jb, h.ssrc, h.seq, h.ts, h.pt, h.marker, h.payload,
		 h.payload_len, now_ms);
}

static void decode(struct media_chan *c, const struct jbuf_frame *f,
		   int16_t *spk)
{
	size_t i;

	if (c->cfg.pt == MEDIA_PT_G729) {
		unsigned k;

		for (k = 0; k < 2; k++) {
			size_t off = k * G729_BYTES;

			if (f->len >= off + G729_BYTES)
				bcg729Decoder(c->g729d, f->data + off, G729_BYTES,
					      0, 0, 0, spk + k * G729_FRAME);
			else if (k == 0 && f->len == G729_SID_BYTES)
				bcg729Decoder(c->g729d, f->data, G729_SID_BYTES,
					      0, 1, 0, spk);
			else
				bcg729Decoder(c->g729d, NULL, 0, 1, 0, 0,
					      spk + k * G729_FRAME);
		}
		return;
	}
	for (i = 0; i < MEDIA_FRAME; i++) {
		uint8_t b = i < f->len ? f->data[i] : (c->cfg.pt == MEDIA_PT_PCMU ? 0xff : 0xd5);

		spk[i] = c->cfg.pt == MEDIA_PT_PCMU ? ulaw_to_linear(b) :
						     alaw_to_linear(b);
	}
	plc_rx(c->plc, spk, MEDIA_FRAME);
}

static void conceal(struct media_chan *c, int16_t *spk)
{
	if (c->cfg.pt == MEDIA_PT_G729) {
		bcg729Decoder(c->g729d, NULL, 0, 1, 0, 0, spk);
		bcg729Decoder(c->g729d, NULL, 0, 1, 0, 0, spk + G729_FRAME);
	} else {
		plc_fillin(c->plc, spk, MEDIA_FRAME);
	}
}

static void comfort(struct media_chan *c, int16_t *spk)
{
	size_t i;

	if (!c->cn_play) {
		memset(spk, 0, MEDIA_FRAME * sizeof(*spk));
		return;
	}
	for (i = 0; i < MEDIA_FRAME; i++)
		spk[i] = noise(c->noise);
}

static void receive(struct media_chan *c, int16_t *spk)
{
	const struct jbuf_frame *f;

	enum jbuf_get r;
	unsigned i;

	/* Events were handled on arrival and take no playout time (a peer
	 * may send them beside the audio): skip them. */
	for (i = 0; i < JBUF_SLOTS; i++) {
		r = jbuf_get(&c->jb, &f);
		if (r != JBUF_FRAME || f->pt != c->ev_pt)
			break;
	}
	switch (r) {
	case JBUF_FRAME:
		c->play_ts = f->ts;
		if (f->pt == c->cfg.pt) {
			decode(c, f, spk);
			c->cn_play = false;
		} else if (f->pt == MEDIA_PT_CN && c->cfg.vad) {
			/* RFC 3389: the level in -dBov, 0..127. */
			int lvl = f->len ? f->data[0] & 0x7f : 70;

			noise_release(c->noise);
			noise_init_dbov(c->noise, (int)(c->cfg.ssrc | 1),
					(float)-lvl, NOISE_CLASS_HOTH, 5);
			c->cn_play = true;
			comfort(c, spk);
		} else {
			memset(spk, 0, MEDIA_FRAME * sizeof(*spk));
		}
		break;
	case JBUF_MISSING:
		c->play_ts += MEDIA_FRAME;
		if (c->cn_play)
			comfort(c, spk);
		else
			conceal(c, spk);
		break;
	default:
		comfort(c, spk);
		break;
	}
	dtmf_rx(c->drx, spk, MEDIA_FRAME);
}

/* ---- RTCP */

static void rtcp_send(struct media_chan *c, uint64_t now_ms)
{
	uint8_t pkt[MEDIA_PKT_MAX];
	struct rtcp_rb rb, *prb = NULL;
	int n;

	if (c->jb.started) {
		uint32_t expected = jbuf_expected(&c->jb);
		uint32_t exp_int = expected - c->exp_prior;
		uint32_t rx_int = c->jb.rx_unique - c->rx_prior;
		int32_t lost_int = (int32_t)(exp_int - rx_int);

		memset(&rb, 0, sizeof(rb));
		rb.ssrc = c->jb.ssrc;
		rb.lost = (int32_t)(expected - c->jb.rx_unique);
		rb.fraction = exp_int && lost_int > 0 ?
			      (uint8_t)(((uint32_t)lost_int << 8) / exp_int) : 0;
		rb.ext_seq = jbuf_ext_seq(&c->jb);
		rb.jitter = c->jb.st.jitter;
		if (c->have_lsr) {
			rb.lsr = c->lsr;
			rb.dlsr = (uint32_t)((now_ms - c->lsr_at) * 65536 / 1000);
		}
		c->exp_prior = expected;
		c->rx_prior = c->jb.rx_unique;
		prb = &rb;
	}
	if (c->st.tx_packets != c->tx_at_report) {
		struct rtcp_sr_info sr = {
			.ntp_sec = (uint32_t)(now_ms / 1000) + NTP_UNIX_OFFSET,
			.ntp_frac = (uint32_t)((now_ms % 1000) * 4294967296ull / 1000),
			.rtp_ts = c->ts,
			.packets = c->st.tx_packets,
			.octets = c->st.tx_octets,
		};

		n = rtcp_build_sr(pkt, sizeof(pkt), c->cfg.ssrc, &sr, prb,
				  c->cname);
	} else {
		n = rtcp_build_rr(pkt, sizeof(pkt), c->cfg.ssrc, prb, c->cname);
	}
	c->tx_at_report = c->st.tx_packets;
	if (n < 0 || !c->ops.send_rtcp)
		return;
	c->st.rtcp_sent++;
	c->ops.send_rtcp(c->arg, pkt, (size_t)n);
}

void media_chan_rx_rtcp(struct media_chan *c, const uint8_t *buf, size_t len,
			uint64_t now_ms)
{
	struct rtcp_info info;

	if (rtcp_decode(&info, buf, len)) {
		c->st.rx_malformed++;
		return;
	}
	c->st.rtcp_received++;
	if (info.has_sr) {
		/* LSR: the middle 32 bits of its NTP time (s.6.4.1). */
		c->lsr = info.sr_info.ntp_sec << 16 | info.sr_info.ntp_frac >> 16;
		c->lsr_at = now_ms;
		c->have_lsr = true;
	}
}

void media_chan_tick(struct media_chan *c, const int16_t *mic, int16_t *spk,
		     uint64_t now_ms)
{
	const struct jbuf_stats *js;
	int16_t scratch[MEDIA_FRAME];

	if (!spk)
		spk = scratch; /* the caller does not play it */
	transmit(c, mic);
	c->ts += MEDIA_FRAME;
	if (c->recv) {
		receive(c, spk);
	} else {
		memset(spk, 0, MEDIA_FRAME * sizeof(*spk));
	}
	js = jbuf_stats(&c->jb);
	c->st.lost = js->lost;
	c->st.late = js->late;
	c->st.duplicate = js->duplicate;
	c->st.jitter = js->jitter;
	c->st.delay_ms = js->delay_ms;
	if (!c->rtcp_started) {
		c->rtcp_started = true;
		c->next_rtcp = now_ms + MEDIA_RTCP_INTERVAL_MS;
	} else if (now_ms >= c->next_rtcp) {
		c->next_rtcp = now_ms + MEDIA_RTCP_INTERVAL_MS;
		rtcp_send(c, now_ms);
	}
}
