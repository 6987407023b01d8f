/*
 * jbuf.c - the adaptive jitter buffer (see jbuf.h).
 */
#include <errno.h>
#include <string.h>

#include "jbuf.h"
#include "rtp.h"

static unsigned clamp_ms(unsigned v, unsigned dflt)
{
	if (v == 0)
		v = dflt;
	if (v < JBUF_MIN_DELAY_MS)
		v = JBUF_MIN_DELAY_MS;
	if (v > JBUF_MAX_DELAY_MS)
		v = JBUF_MAX_DELAY_MS;
	return v;
}

void jbuf_init(struct jbuf *jb, unsigned min_ms, unsigned max_ms)
{
	memset(jb, 0, sizeof(*jb));
	jb->min_ms = clamp_ms(min_ms, JBUF_MIN_DELAY_MS);
	jb->max_ms = clamp_ms(max_ms, JBUF_MAX_DELAY_MS);
	if (jb->max_ms < jb->min_ms)
		jb->max_ms = jb->min_ms;
	jb->st.delay_ms = jb->min_ms;
}

void jbuf_flush(struct jbuf *jb)
{
	unsigned i;

	for (i = 0; i < JBUF_SLOTS; i++)
		jb->slot[i].used = false;
	jb->started = jb->playing = jb->have_bad = jb->have_transit = false;
	jb->deep_ticks = 0;
	jb->wait_ticks = 0;
}

static void start(struct jbuf *jb, uint32_t ssrc, uint16_t seq)
{
	jbuf_flush(jb);
	jb->started = true;
	jb->ssrc = ssrc;
	jb->play_seq = jb->high_seq = jb->base_seq = seq;
	jb->cycles = 0;
	jb->rx_unique = 0;
}

static unsigned target_frames(const struct jbuf *jb)
{
	return jb->st.delay_ms / JBUF_FRAME_MS;
}

/* RFC 3550 A.8, and the target delay that follows from it: one frame
 * plus three times the jitter, in whole frames, within the limits. */
static void update_jitter(struct jbuf *jb, uint32_t ts, uint64_t now_ms)
{
	uint32_t arrival = (uint32_t)(now_ms * JBUF_CLOCK_KHZ);
	uint32_t transit = arrival - ts;
	unsigned want;

	if (jb->have_transit) {
		int32_t d = (int32_t)(transit - jb->transit);
		uint32_t ad = d < 0 ? (uint32_t)-(int64_t)d : (uint32_t)d;

		/* A gap of seconds is a pause or a clock step, not jitter. */
		if (ad > 8000u)
			ad = 8000u;
		jb->jitter16 += ad - ((jb->jitter16 + 8) >> 4);
	}
	jb->transit = transit;
	jb->have_transit = true;
	jb->st.jitter = jb->jitter16 >> 4;
	want = JBUF_FRAME_MS + 3 * (jb->st.jitter / JBUF_CLOCK_KHZ);
	want = (want + JBUF_FRAME_MS - 1) / JBUF_FRAME_MS * JBUF_FRAME_MS;
	if (want < jb->min_ms)
		want = jb->min_ms;
	if (want > jb->max_ms)
		want = jb->max_ms / JBUF_FRAME_MS * JBUF_FRAME_MS;
	jb->st.delay_ms = want;
}

int jbuf_put(struct jbuf *jb, uint32_t ssrc, uint16_t seq, uint32_t ts,
	     uint8_t pt, bool marker, const uint8_t *payload, size_t len,
	     uint64_t now_ms)
{
	struct jbuf_frame *f;
	int d;

	if (len > JBUF_PAYLOAD_MAX)
		return -EMSGSIZE;
	if (jb->started && ssrc != jb->ssrc) {
		jb->st.resync++;
		start(jb, ssrc, seq);
	} else if (!jb->started) {
		start(jb, ssrc, seq);
	}
	d = rtp_seq_diff(jb->play_seq, seq);
	if (d < 0 && d >= -JBUF_LATE_MAX) {
		jb->st.late++;
		return -ETIME;
	}
	if (d < 0 || d >= JBUF_SLOTS) {
		/* Far off: the sender jumped (restart, splice) or a stray
		 * packet.  Believe it when the next one follows. */
		if (!(jb->have_bad && seq == jb->bad_seq)) {
			jb->have_bad = true;
			jb->bad_seq = (uint16_t)(seq + 1);
			jb->st.overflow++;
			return -ERANGE;
		}
		jb->st.resync++;
		start(jb, ssrc, seq);
		d = 0;
	}
	jb->have_bad = false;
	f = &jb->slot[seq % JBUF_SLOTS];
	if (f->used && f->seq == seq) {
		jb->st.duplicate++;
		return -EALREADY;
	}
	f->used = true;
	f->seq = seq;
	f->ts = ts;
	f->pt = pt;
	f->marker = marker;
	f->len = (uint16_t)len;
	if (len)
		memcpy(f->data, payload, len);
	if (rtp_seq_diff(jb->high_seq, seq) > 0) {
		if (seq < jb->high_seq)
			jb->cycles += 65536u;
		jb->high_seq = seq;
	}
	jb->rx_unique++;
	jb->st.received++;
	update_jitter(jb, ts, now_ms);
	return 0;
}

/* Frames from the playout point to the highest received, inclusive. */
static int ahead(const struct jbuf *jb)
{
	int n = rtp_seq_diff(jb->play_seq, jb->high_seq) + 1;

	return n < 0 ? 0 : n;
}

enum jbuf_get jbuf_get(struct jbuf *jb, const struct jbuf_frame **f)
{
	struct jbuf_frame *s;
	int n;

	*f = NULL;
	if (!jb->started)
		return JBUF_EMPTY;
	n = ahead(jb);
	if (!jb->playing) {
		/* Prefill to the target; a lone packet (CN, the last of a
		 * talkspurt) plays once it has waited as long. */
		if (n == 0 || ((unsigned)n < target_frames(jb) &&
			       ++jb->wait_ticks < target_frames(jb)))
			return JBUF_EMPTY;
		jb->playing = true;
	}
	s = &jb->slot[jb->play_seq % JBUF_SLOTS];
	if (s->used && s->seq == jb->play_seq) {
		jb->out = *s;
		s->used = false;
		jb->play_seq++;
		/* Deeper than the target for a while: drop one frame. */
		if ((unsigned)n - 1 > target_frames(jb) + 1) {
			if (++jb->deep_ticks >= JBUF_SHRINK_TICKS) {
				s = &jb->slot[jb->play_seq % JBUF_SLOTS];
				s->used = false;
				jb->play_seq++;
				jb->st.shrunk++;
				jb->deep_ticks = 0;
			}
		} else {
			jb->deep_ticks = 0;
		}
		*f = &jb->out;
		return JBUF_FRAME;
	}
	if (n == 0) {
		/* Nothing newer: wait (the delay grows by a frame) and
		 * prefill again. */
		jb->st.underrun++;
		jb->playing = false;
		jb->wait_ticks = 0;
		return JBUF_EMPTY;
	}
	jb->st.lost++;
	jb->play_seq++;
	return JBUF_MISSING;
}

const struct jbuf_stats *jbuf_stats(struct jbuf *jb)
{
	jb->st.depth_ms = jb->started ? (unsigned)ahead(jb) * JBUF_FRAME_MS : 0;
	return &jb->st;
}

uint32_t jbuf_ext_seq(const struct jbuf *jb)
{
	return jb->cycles + jb->high_seq;
}

uint32_t jbuf_expected(const struct jbuf *jb)
{
	return jb->started ? jbuf_ext_seq(jb) - jb->base_seq + 1 : 0;
}
