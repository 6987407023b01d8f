/*
 * jbuf.h - an adaptive jitter buffer of 20 ms frames (one RTP packet = one
 * frame), keyed by RTP sequence number.
 *
 * The receive side puts packets in as they arrive and takes one frame out
 * per 20 ms tick.  Reordered packets find their slot; duplicates and
 * packets whose time has passed ("late") are dropped and counted; a hole
 * at playout time is "missing" so the decoder can conceal it.  The target
 * playout delay follows the RFC 3550 s.6.4.1 interarrival jitter between
 * JBUF_MIN_DELAY_MS and JBUF_MAX_DELAY_MS: it grows by waiting after an
 * underrun and shrinks by dropping a frame when the buffer stays deeper
 * than the target.  A new SSRC, or a sequence jump confirmed by the next
 * packet (RFC 3550 A.1), starts over.  No OS, no allocation: part of the
 * bare-metal core.
 */
#ifndef MEDIA_JBUF_H
#define MEDIA_JBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits (named, tested at and past the edge). */
enum {
	JBUF_FRAME_MS     = 20,
	JBUF_CLOCK_KHZ    = 8,    /* RTP timestamp units per ms */
	JBUF_MIN_DELAY_MS = 20,
	JBUF_MAX_DELAY_MS = 200,
	JBUF_SLOTS        = 32,   /* 640 ms: max delay + a reorder window */
	JBUF_PAYLOAD_MAX  = 320,  /* 20 ms of 16-bit linear: -EMSGSIZE past */
	JBUF_LATE_MAX     = 100,  /* older than this (frames): a seq jump */
	JBUF_SHRINK_TICKS = 50,   /* 1 s deeper than the target: drop one */
};

struct jbuf_frame {
	bool used;
	bool marker;
	uint8_t pt;
	uint16_t seq;
	uint32_t ts;
	uint16_t len;
	uint8_t data[JBUF_PAYLOAD_MAX];
};

struct jbuf_stats {
	uint32_t received;   /* packets accepted into the buffer */
	uint32_t lost;       /* frames missing at playout */
	uint32_t late;       /* arrived after their playout time */
	uint32_t duplicate;
	uint32_t overflow;   /* too far ahead of playout to hold */
	uint32_t shrunk;     /* frames dropped to reduce the delay */
	uint32_t underrun;   /* ticks with nothing buffered (waits) */
	uint32_t resync;     /* starts over (new SSRC, seq jump) */
	uint32_t jitter;     /* RFC 3550 interarrival jitter, ts units */
	unsigned delay_ms;   /* target playout delay */
	unsigned depth_ms;   /* buffered now */
};

enum jbuf_get {
	JBUF_FRAME,   /* *F is the next frame */
	JBUF_MISSING, /* a lost frame: conceal it */
	JBUF_EMPTY,   /* nothing to play (not started, underrun, silence) */
};

struct jbuf {
	struct jbuf_frame slot[JBUF_SLOTS];
	unsigned min_ms, max_ms;
	bool started;     /* a first packet fixed the playout sequence */
	bool playing;     /* prefilled to the target: taking frames */
	uint32_t ssrc;
	uint16_t play_seq;   /* next sequence number to play */
	uint16_t high_seq;   /* highest received */
	bool have_bad;
	uint16_t bad_seq;    /* a far-off packet's seq + 1 (RFC 3550 A.1) */
	bool have_transit;
	uint32_t transit;
	uint32_t jitter16;   /* jitter << 4 (RFC 3550 A.8) */
	unsigned deep_ticks;
	unsigned wait_ticks;
	struct jbuf_frame out; /* what jbuf_get() hands out */
	/* For RTCP reports (RFC 3550 A.3): extended sequence numbers. */
	uint16_t base_seq;
	uint32_t cycles;
	uint32_t rx_unique;  /* distinct packets since start */
	struct jbuf_stats st;
};

/* MIN_MS/MAX_MS are clamped into [JBUF_MIN_DELAY_MS, JBUF_MAX_DELAY_MS];
 * 0 means the named default. */
void jbuf_init(struct jbuf *jb, unsigned min_ms, unsigned max_ms);
/* Forget everything buffered and the stream (statistics are kept). */
void jbuf_flush(struct jbuf *jb);

/* Put one packet that arrived at NOW_MS.  0 (buffered), -EALREADY
 * (duplicate), -ETIME (late), -EMSGSIZE (payload above
 * JBUF_PAYLOAD_MAX), -ERANGE (a far-off sequence number, kept only if the
 * next packet follows it). */
int jbuf_put(struct jbuf *jb, uint32_t ssrc, uint16_t seq, uint32_t ts,
	     uint8_t pt, bool marker, const uint8_t *payload, size_t len,
	     uint64_t now_ms);
/* Once per 20 ms: the next frame (valid until the next put/get). */
enum jbuf_get jbuf_get(struct jbuf *jb, const struct jbuf_frame **f);

const struct jbuf_stats *jbuf_stats(struct jbuf *jb);
/* Extended highest sequence number received and packets expected since
 * the start (RFC 3550 A.3), for report blocks. */
uint32_t jbuf_ext_seq(const struct jbuf *jb);
uint32_t jbuf_expected(const struct jbuf *jb);

#endif
