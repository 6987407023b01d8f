/*
 * mediabench - the DSP cost of one call's media channel per 20 ms frame:
 * two channels back to back in memory (as tests/unit/test_media_chan.c),
 * each frame encoding a 1004 Hz tone, sending it, buffering it in the
 * jitter buffer, decoding it and running DTMF detection on it.
 *
 *   mediabench FRAMES [pcmu|pcma|g729]
 *
 * Prints ns per channel-frame and that as a share of real time (20 ms);
 * `make bench-media` adds callgrind's instructions, counting only
 * bench_frames().  Numbers, never pass/fail.
 */
#define _DEFAULT_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "media_chan.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

struct end {
	struct media_chan *c, *peer;
	uint64_t now;
};

static int send_rtp(void *arg, const uint8_t *buf, size_t len)
{
	struct end *e = arg;

	media_chan_rx_rtp(e->peer, buf, len, e->now);
	return 0;
}

static int send_rtcp(void *arg, const uint8_t *buf, size_t len)
{
	struct end *e = arg;

	media_chan_rx_rtcp(e->peer, buf, len, e->now);
	return 0;
}

static const struct media_chan_ops ops = {send_rtp, send_rtcp, NULL};

static int16_t mic[50 * MEDIA_FRAME];

/* The measured loop (callgrind --toggle-collect=bench_frames). */
void bench_frames(struct end *a, struct end *b, unsigned frames);
__attribute__((noinline)) void bench_frames(struct end *a, struct end *b,
					    unsigned frames)
{
	int16_t spk_a[MEDIA_FRAME], spk_b[MEDIA_FRAME];
	unsigned i;

	for (i = 0; i < frames; i++) {
		const int16_t *m = mic + (i % 50) * MEDIA_FRAME;

		a->now = b->now = a->now + MEDIA_FRAME_MS;
		media_chan_tick(a->c, m, spk_a, a->now);
		media_chan_tick(b->c, m, spk_b, b->now);
	}
}

static int run(const char *name, uint8_t pt, unsigned frames)
{
	struct media_chan_cfg cfg = {.pt = pt, .dtmf_inband = true,
				     .dtmf_db_level = 3};
	struct end a = {0}, b = {0};
	struct timespec t0, t1;
	double ns;

	cfg.ssrc = 1;
	if (media_chan_alloc(&a.c, &cfg, &ops, &a))
		return 1;
	cfg.ssrc = 2;
	if (media_chan_alloc(&b.c, &cfg, &ops, &b)) {
		media_chan_free(a.c);
		return 1;
	}
	a.peer = b.c;
	b.peer = a.c;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	bench_frames(&a, &b, frames);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ns = (double)(t1.tv_sec - t0.tv_sec) * 1e9 +
	     (double)(t1.tv_nsec - t0.tv_nsec);
	ns /= 2.0 * frames; /* per channel-frame */
	printf("codec=%s frames=%u channels=2 ns/frame=%.0f realtime=%.3f%% "
	       "(per channel: encode+decode+jitter buffer+DTMF detect)\n",
	       name, frames, ns, ns / (MEDIA_FRAME_MS * 1e6) * 100);
	media_chan_free(a.c);
	media_chan_free(b.c);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct { const char *name; uint8_t pt; } codecs[] = {
		{"pcmu", MEDIA_PT_PCMU}, {"pcma", MEDIA_PT_PCMA},
		{"g729", MEDIA_PT_G729},
	};
	unsigned frames = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 5000;
	unsigned i, ran = 0;
	size_t k;

	if (frames == 0 || frames > 10000000) {
		fprintf(stderr, "usage: mediabench FRAMES [pcmu|pcma|g729]\n");
		return 2;
	}
	for (k = 0; k < sizeof(mic) / sizeof(mic[0]); k++)
		mic[k] = (int16_t)lrint(8000 * sin(2 * M_PI * 1004 * (double)k /
						   MEDIA_RATE));
	for (i = 0; i < sizeof(codecs) / sizeof(codecs[0]); i++) {
		if (argc > 2 && strcmp(argv[2], codecs[i].name))
			continue;
		if (run(codecs[i].name, codecs[i].pt, frames))
			return 2;
		ran++;
	}
	if (!ran) {
		fprintf(stderr, "usage: mediabench FRAMES [pcmu|pcma|g729]\n");
		return 2;
	}
	return 0;
}
