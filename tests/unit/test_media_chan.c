/*
 * test_media_chan.c - two media channels wired back to back in memory
 * (media/media_chan.c): a tone through each codec, DTMF in-band and by
 * RFC 4733, direction, VAD/CN, RTCP, malformed input.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "media_chan.h"
#include "rtp.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

enum { SECONDS_MAX = 10, PCM_MAX = SECONDS_MAX * MEDIA_RATE };

struct end {
	struct media_chan *c;
	struct end *peer;
	uint64_t now;
	unsigned rtp, rtcp, cn, ev, audio;
	uint8_t last_pt;
	char digits[64];
	unsigned ndigits;
	bool rfc2833[64];
	bool drop;            /* lose what this end sends */
};

static int16_t spk[PCM_MAX];

static int send_rtp(void *arg, const uint8_t *buf, size_t len)
{
	struct end *e = arg;
	struct rtp_hdr h;

	assert_int_equal(rtp_decode(&h, buf, len), 0);
	e->rtp++;
	e->last_pt = h.pt;
	if (h.pt == MEDIA_PT_CN)
		e->cn++;
	else if (h.pt >= 96)
		e->ev++;
	else
		e->audio++;
	if (!e->drop)
		media_chan_rx_rtp(e->peer->c, buf, len, e->now);
	return 0;
}

static int send_rtcp(void *arg, const uint8_t *buf, size_t len)
{
	struct end *e = arg;
	struct rtcp_info info;

	assert_int_equal(rtcp_decode(&info, buf, len), 0);
	e->rtcp++;
	media_chan_rx_rtcp(e->peer->c, buf, len, e->now);
	return 0;
}

static void on_dtmf(void *arg, char digit, bool rfc2833)
{
	struct end *e = arg;

	assert_true(e->ndigits < sizeof(e->digits) - 1);
	e->rfc2833[e->ndigits] = rfc2833;
	e->digits[e->ndigits++] = digit;
}

static const struct media_chan_ops ops = {send_rtp, send_rtcp, on_dtmf};

static struct end a, b;

static void pair(const struct media_chan_cfg *cfg)
{
	struct media_chan_cfg ca = *cfg, cb = *cfg;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.peer = &b;
	b.peer = &a;
	ca.ssrc = 0x1111;
	cb.ssrc = 0x2222;
	assert_int_equal(media_chan_alloc(&a.c, &ca, &ops, &a), 0);
	assert_int_equal(media_chan_alloc(&b.c, &cb, &ops, &b), 0);
}

static void unpair(void)
{
	media_chan_free(a.c);
	media_chan_free(b.c);
}

/* Run both ends FRAMES ticks; A's mic gets MIC (or silence), B's speaker
 * goes to spk[]. */
static void run(const int16_t *mic, unsigned frames, uint64_t *now)
{
	int16_t scratch[MEDIA_FRAME];
	unsigned i;

	for (i = 0; i < frames; i++) {
		a.now = b.now = *now;
		media_chan_tick(a.c, mic ? mic + i * MEDIA_FRAME : NULL,
				scratch, *now);
		media_chan_tick(b.c, NULL, spk + i * MEDIA_FRAME, *now);
		*now += MEDIA_FRAME_MS;
	}
}

static void tone(int16_t *pcm, size_t n, double hz, double amp)
{
	size_t i;

	for (i = 0; i < n; i++)
		pcm[i] = (int16_t)lrint(amp * sin(2 * M_PI * hz * (double)i /
						  MEDIA_RATE));
}

/* Goertzel: the power at HZ as a share of the total power. */
static double share(const int16_t *pcm, size_t n, double hz)
{
	double k = 2 * cos(2 * M_PI * hz / MEDIA_RATE), s1 = 0, s2 = 0, tot = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		double s = pcm[i] + k * s1 - s2;

		s2 = s1;
		s1 = s;
		tot += (double)pcm[i] * pcm[i];
	}
	if (tot == 0)
		return 0;
	return (s1 * s1 + s2 * s2 - k * s1 * s2) * 2 / ((double)n * tot);
}

static int16_t mic[PCM_MAX];

static void tone_through(uint8_t pt, double min_share)
{
	struct media_chan_cfg cfg = {.pt = pt, .dtmf_inband = true};
	uint64_t now = 1000;
	const struct media_chan_stats *st;

	pair(&cfg);
	tone(mic, 100 * MEDIA_FRAME, 1004, 8000);
	run(mic, 100, &now);
	/* After the jitter buffer's delay and the codec's start-up: the
	 * last second is the tone, and nothing else. */
	assert_true(share(spk + 50 * MEDIA_FRAME, 50 * MEDIA_FRAME, 1004) >
		    min_share);
	assert_true(share(spk + 50 * MEDIA_FRAME, 50 * MEDIA_FRAME, 800) < 0.01);
	st = media_chan_stats(b.c);
	assert_int_equal(st->rx_packets, 100);
	assert_int_equal(st->lost, 0);
	assert_int_equal(st->rx_malformed, 0);
	assert_int_equal(media_chan_stats(a.c)->tx_packets, 100);
	assert_int_equal(media_chan_stats(a.c)->tx_octets,
			 100 * (pt == MEDIA_PT_G729 ? 20 : 160));
	assert_int_equal(a.audio, 100);
	assert_int_equal(a.last_pt, pt);
	unpair();
}

static void test_tone_pcmu(void **state)
{
	(void)state;
	tone_through(MEDIA_PT_PCMU, 0.95);
}

static void test_tone_pcma(void **state)
{
	(void)state;
	tone_through(MEDIA_PT_PCMA, 0.95);
}

static void test_tone_g729(void **state)
{
	(void)state;
	tone_through(MEDIA_PT_G729, 0.80);
}

static void send_keys(const char *keys)
{
	for (; *keys; keys++)
		assert_int_equal(media_chan_send_dtmf(a.c, *keys, 100), 0);
}

static void test_dtmf_inband(void **state)
{
	struct media_chan_cfg cfg = {.pt = MEDIA_PT_PCMU, .dtmf_inband = true,
				     .dtmf_oob = MEDIA_DTMF_OOB_AVT,
				     .dtmf_db_level = 3};
	uint64_t now = 0;

	(void)state;
	pair(&cfg); /* avt, but the peer did not offer events: in-band */
	send_keys("123#");
	run(NULL, 100, &now);
	assert_string_equal(b.digits, "123#");
	assert_false(b.rfc2833[0]);
	assert_int_equal(a.ev, 0);
	assert_int_equal(media_chan_stats(a.c)->dtmf_sent, 4);
	assert_int_equal(media_chan_stats(b.c)->dtmf_inband_detected, 4);
	unpair();
}

static void test_dtmf_levels(void **state)
{
	int lvl;

	(void)state;
	for (lvl = 0; lvl <= 6; lvl++) {
		struct media_chan_cfg cfg = {.pt = MEDIA_PT_PCMA,
					     .dtmf_inband = true,
					     .dtmf_db_level = lvl};
		uint64_t now = 0;

		pair(&cfg);
		send_keys("9*");
		run(NULL, 60, &now);
		assert_string_equal(b.digits, "9*");
		unpair();
	}
}

static void test_dtmf_2833(void **state)
{
	struct media_chan_cfg cfg = {.pt = MEDIA_PT_PCMU, .dtmf_pt = 101,
				     .dtmf_inband = true,
				     .dtmf_oob = MEDIA_DTMF_OOB_AVT};
	uint64_t now = 0;
	unsigned i;

	(void)state;
	pair(&cfg);
	send_keys("123#");
	run(NULL, 100, &now);
	assert_string_equal(b.digits, "123#");
	for (i = 0; i < 4; i++)
		assert_true(b.rfc2833[i]);
	/* 100 ms = 5 packets, the last of them three end packets: 4 + 3. */
	assert_int_equal(a.ev, 4 * (4 + MEDIA_DTMF_END_PACKETS));
	assert_int_equal(media_chan_stats(b.c)->dtmf_2833_detected, 4);
	assert_int_equal(media_chan_stats(b.c)->dtmf_inband_detected, 0);
	assert_int_equal(media_chan_stats(b.c)->lost, 0);
	unpair();
}

static void test_dtmf_avt_always(void **state)
{
	struct media_chan_cfg cfg = {.pt = MEDIA_PT_PCMU, .dtmf_inband = true,
				     .dtmf_oob = MEDIA_DTMF_OOB_AVT_ALWAYS};
	uint64_t now = 0;

	(void)state;
	pair(&cfg); /* no dtmf_pt: events on dtmf_avt_payload's 101 */
	send_keys("5");
	run(NULL, 30, &now);
	assert_string_equal(b.digits, "5");
	assert_true(b.rfc2833[0]);
	assert_int_equal(a.ev, 4 + MEDIA_DTMF_END_PACKETS);
	unpair();
}

static void test_dtmf_none(void **state)
{
	struct media_chan_cfg cfg = {.pt = MEDIA_PT_PCMU, .dtmf_pt = 101,
				     .dtmf_oob = MEDIA_DTMF_OOB_NONE};

	(void)state;
	pair(&cfg);
	assert_int_equal(media_chan_send_dtmf(a.c, '1', 100), -ENOTSUP);
	unpair();
}

/* A peer that sends a key both ways, in-band and as events in the same
 * stream: each key reported once.  A sends in-band, EV (same SSRC and
 * time base) sends events; a mux numbers their packets into one stream. */
static uint16_t mux_seq;

static int mux_rtp(void *arg, const uint8_t *buf, size_t len)
{
	struct end *e = arg;
	uint8_t copy[512];

	assert_true(len <= sizeof(copy));
	memcpy(copy, buf, len);
	copy[2] = (uint8_t)(mux_seq >> 8);
	copy[3] = (uint8_t)mux_seq;
	mux_seq++;
	e->rtp++;
	media_chan_rx_rtp(e->peer->c, copy, len, e->now);
	return 0;
}

static void test_dtmf_both_ways_once(void **state)
{
	struct media_chan_cfg cfg = {.pt = MEDIA_PT_PCMU, .dtmf_pt = 101,
				     .dtmf_inband = true,
				     .dtmf_oob = MEDIA_DTMF_OOB_NONE};
	const struct media_chan_ops mux_ops = {mux_rtp, NULL, NULL};
	struct media_chan_cfg cev = cfg;
	struct media_chan *ca, *ev;
	struct end ea = {0}, e = {0};
	uint64_t now = 0;
	int16_t x[MEDIA_FRAME];
	unsigned i;

	(void)state;
	pair(&cfg);
	ea.peer = e.peer = &b;
	cev.ssrc = cfg.ssrc = 0x1111;
	cev.dtmf_oob = MEDIA_DTMF_OOB_AVT;
	assert_int_equal(media_chan_alloc(&ca, &cfg, &mux_ops, &ea), 0);
	assert_int_equal(media_chan_alloc(&ev, &cev, &mux_ops, &e), 0);
	mux_seq = 1000;
	for (i = 0; i < 2; i++) {
		assert_int_equal(media_chan_send_dtmf(ca, '7', 100), 0);
		assert_int_equal(media_chan_send_dtmf(ev, '7', 100), 0);
	}
	for (i = 0; i < 60; i++) {
		ea.now = e.now = b.now = now;
		media_chan_tick(ca, NULL, x, now);
		media_chan_tick(ev, NULL, x, now);
		media_chan_tick(b.c, NULL, spk + i * MEDIA_FRAME, now);
		now += MEDIA_FRAME_MS;
	}
	assert_string_equal(b.digits, "77");
	assert_true(b.rfc2833[0] && b.rfc2833[1]);
	assert_int_equal(media_chan_stats(b.c)->dtmf_detected, 2);
	assert_int_equal(media_chan_stats(b.c)->lost, 0);
	media_chan_free(ca);
	media_chan_free(ev);
	unpair();
}

static void test_direction(void **state)
{
	struct media_chan_cfg cfg = {.pt = MEDIA_PT_PCMU};
	uint64_t now = 0;
	unsigned i;

	(void)state;
	pair(&cfg);
	tone(mic, 50 * MEDIA_FRAME, 1004, 8000);
	media_chan_set_dir(a.c, false, true);
	run(mic, 50, &now);
	assert_int_equal(a.rtp, 0);
	assert_int_equal(media_chan_stats(a.c)->tx_packets, 0);
	for (i = 0; i < 50 * MEDIA_FRAME; i++)
		assert_int_equal(spk[i], 0);
	media_chan_set_dir(a.c, true, true);
	media_chan_set_dir(b.c, true, false); /* B does not play */
	run(mic, 50, &now);
	assert_int_equal(a.rtp, 50);
	for (i = 0; i < 50 * MEDIA_FRAME; i++)
		assert_int_equal(spk[i], 0);
	media_chan_set_dir(b.c, true, true);
	run(mic, 50, &now);
	assert_true(share(spk + 25 * MEDIA_FRAME, 25 * MEDIA_FRAME, 1004) > 0.9);
	unpair();
}

static void test_vad_cn(void **state)
{
	struct media_chan_cfg cfg = {.pt = MEDIA_PT_PCMU, .vad = true};
	uint64_t now = 0;
	unsigned frames = 100;

	(void)state;
	pair(&cfg);
	tone(mic, 20 * MEDIA_FRAME, 1004, 8000);
	/* then quiet noise, about -60 dBov */
	for (unsigned i = 20 * MEDIA_FRAME; i < frames * MEDIA_FRAME; i++)
		mic[i] = (int16_t)((int)((i * 2654435761u) >> 20) % 61 - 30);
	run(mic, frames, &now);
	/* 20 tone frames, the hangover, then CN once and after a second. */
	assert_int_equal(a.audio, 20 + MEDIA_VAD_HANGOVER);
	assert_int_equal(a.cn, 2);
	assert_int_equal(media_chan_stats(a.c)->cn_sent, 2);
	assert_int_equal(media_chan_stats(b.c)->cn_received, 2);
	/* B plays comfort noise, not digital silence. */
	{
		unsigned i, nz = 0;

		for (i = 90 * MEDIA_FRAME; i < frames * MEDIA_FRAME; i++)
			nz += spk[i] != 0;
		assert_true(nz > 0);
	}
	/* Speech again: audio with the marker bit. */
	run(mic, 5, &now);
	assert_int_equal(a.audio, 20 + MEDIA_VAD_HANGOVER + 5);
	unpair();
}

static void test_rtcp(void **state)
{
	struct media_chan_cfg cfg = {.pt = MEDIA_PT_PCMA, .cname = "a@127.0.0.1"};
	uint64_t now = 0;

	(void)state;
	pair(&cfg);
	run(NULL, 5 * 50 + 1, &now); /* 5 s and a tick */
	assert_int_equal(a.rtcp, 1);
	assert_int_equal(b.rtcp, 1);
	assert_int_equal(media_chan_stats(b.c)->rtcp_received, 1);
	assert_int_equal(media_chan_stats(b.c)->rtcp_sent, 1);
	unpair();
}

static void test_loss_and_malformed(void **state)
{
	struct media_chan_cfg cfg = {.pt = MEDIA_PT_PCMU};
	static const uint8_t junk[] = {0x80, 0, 0, 1};
	uint8_t bad[20] = {0x40}; /* version 1 */
	uint64_t now = 0;
	int16_t x[MEDIA_FRAME];

	(void)state;
	pair(&cfg);
	run(NULL, 10, &now);
	a.drop = true;
	run(NULL, 3, &now);
	a.drop = false;
	run(NULL, 10, &now);
	assert_int_equal(media_chan_stats(b.c)->lost, 3);
	media_chan_rx_rtp(b.c, junk, sizeof(junk), now);
	media_chan_rx_rtp(b.c, bad, sizeof(bad), now);
	media_chan_rx_rtcp(b.c, bad, sizeof(bad), now);
	assert_int_equal(media_chan_stats(b.c)->rx_malformed, 3);
	media_chan_tick(b.c, NULL, x, now);
	unpair();
}

static void test_limits(void **state)
{
	struct media_chan_cfg cfg = {.pt = MEDIA_PT_PCMU, .dtmf_inband = true};
	struct media_chan *c;
	unsigned i;

	(void)state;
	cfg.pt = 3; /* GSM: not ours */
	assert_int_equal(media_chan_alloc(&c, &cfg, &ops, NULL), -EINVAL);
	cfg.pt = MEDIA_PT_PCMU;
	cfg.dtmf_pt = 95;
	assert_int_equal(media_chan_alloc(&c, &cfg, &ops, NULL), -EINVAL);
	cfg.dtmf_pt = 0;
	assert_int_equal(media_chan_alloc(&c, &cfg, &ops, NULL), 0);
	assert_int_equal(media_chan_send_dtmf(c, 'x', 100), -EINVAL);
	assert_int_equal(media_chan_send_dtmf(c, '1', MEDIA_DTMF_MAX_MS + 1),
			 -ERANGE);
	assert_int_equal(media_chan_send_dtmf(c, '1', MEDIA_DTMF_MAX_MS), 0);
	for (i = 1; i < MEDIA_DTMF_QUEUE; i++)
		assert_int_equal(media_chan_send_dtmf(c, 'd', 0), 0);
	assert_int_equal(media_chan_send_dtmf(c, '1', 0), -ENOSPC);
	media_chan_free(c);
	media_chan_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tone_pcmu),
		cmocka_unit_test(test_tone_pcma),
		cmocka_unit_test(test_tone_g729),
		cmocka_unit_test(test_dtmf_inband),
		cmocka_unit_test(test_dtmf_levels),
		cmocka_unit_test(test_dtmf_2833),
		cmocka_unit_test(test_dtmf_avt_always),
		cmocka_unit_test(test_dtmf_none),
		cmocka_unit_test(test_dtmf_both_ways_once),
		cmocka_unit_test(test_direction),
		cmocka_unit_test(test_vad_cn),
		cmocka_unit_test(test_rtcp),
		cmocka_unit_test(test_loss_and_malformed),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
