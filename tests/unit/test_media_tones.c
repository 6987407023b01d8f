/*
 * test_media_tones.c - the tone table and players (media/tones.c): each
 * tone's frequencies and cadence measured on the generated samples, the
 * guide's names, the ring-file player.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tones.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

enum { RATE = 8000, MAX_S = 24, MS = RATE / 1000 };

static int16_t pcm[MAX_S * RATE];

static double share(const int16_t *x, size_t n, double hz)
{
	double k = 2 * cos(2 * M_PI * hz / RATE), s1 = 0, s2 = 0, tot = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		double s = x[i] + k * s1 - s2;

		s2 = s1;
		s1 = s;
		tot += (double)x[i] * x[i];
	}
	return tot ? (s1 * s1 + s2 * s2 - k * s1 * s2) * 2 / ((double)n * tot) : 0;
}

static bool loud(const int16_t *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (x[i] > 200 || x[i] < -200)
			return true;
	return false;
}

/* Play every tone for its whole cadence (twice when it repeats) and
 * check each segment: sound where it should be, made of its frequencies
 * alone; silence elsewhere. */
static void test_every_tone(void **state)
{
	struct media_tone t;
	unsigned id;

	(void)state;
	assert_int_equal(media_tone_init(&t), 0);
	for (id = 0; id < MEDIA_TONE_COUNT; id++) {
		const struct media_tone_def *d = media_tone_def(id);
		size_t total = 0, off = 0, got;
		unsigned s, pass, passes = d->loop >= 0 ? 2 : 1;

		for (s = 0; s < d->nseg; s++)
			total += (d->seg[s].ms ? d->seg[s].ms : 1000) * MS;
		assert_true(total * passes <= sizeof(pcm) / sizeof(pcm[0]));
		memset(pcm, 0, sizeof(pcm));
		assert_int_equal(media_tone_start(&t, id), 0);
		got = media_tone_fill(&t, pcm, total * passes);
		assert_int_equal(got, d->loop >= 0 ? total * passes : total);
		assert_int_equal(media_tone_active(&t), d->loop >= 0);
		for (pass = 0; pass < passes; pass++) {
			for (s = 0; s < d->nseg; s++) {
				const struct media_tone_seg *g = &d->seg[s];
				size_t len = (g->ms ? g->ms : 1000) * MS, f;
				double sum = 0;

				if (d->loop > 0 && pass && s < (unsigned)d->loop)
					continue;
				if (!g->freq[0]) {
					assert_false(loud(pcm + off, len));
					off += len;
					continue;
				}
				assert_true(loud(pcm + off + 4 * MS, len - 8 * MS));
				for (f = 0; f < MEDIA_TONE_FREQS && g->freq[f]; f++) {
					double sh = share(pcm + off, len, g->freq[f]);

					assert_true(sh > 0.5 / (f + 1) * 0.3);
					sum += sh;
				}
				/* nothing else: the listed tones carry it all */
				assert_true(sum > 0.9);
				assert_true(share(pcm + off, len, 1700) < 0.01);
				off += len;
			}
			if (d->loop > 0 && !pass) {
				/* the second pass starts at the loop point */
			}
		}
		/* a one-shot tone adds nothing after its end */
		if (d->loop < 0) {
			int16_t tail[160] = {0};

			assert_int_equal(media_tone_fill(&t, tail, 160), 0);
			assert_false(loud(tail, 160));
		}
	}
	media_tone_stop(&t);
	assert_false(media_tone_active(&t));
	media_tone_fini(&t);
}

static void test_precise_plan(void **state)
{
	const struct media_tone_def *d;

	(void)state;
	d = media_tone_def(MEDIA_TONE_DIAL);
	assert_int_equal(d->seg[0].freq[0], 350);
	assert_int_equal(d->seg[0].freq[1], 440);
	assert_int_equal(d->seg[0].ms, 0); /* steady */
	d = media_tone_def(MEDIA_TONE_BUSY);
	assert_int_equal(d->seg[0].freq[0], 480);
	assert_int_equal(d->seg[0].freq[1], 620);
	assert_int_equal(d->seg[0].ms, 500);
	assert_int_equal(d->seg[1].ms, 500);
	d = media_tone_def(MEDIA_TONE_REORDER);
	assert_int_equal(d->seg[0].ms, 250);
	d = media_tone_def(MEDIA_TONE_RINGBACK);
	assert_int_equal(d->seg[0].freq[0], 440);
	assert_int_equal(d->seg[0].freq[1], 480);
	assert_int_equal(d->seg[0].ms, 2000);
	assert_int_equal(d->seg[1].ms, 4000);
	d = media_tone_def(MEDIA_TONE_CALL_WAITING);
	assert_int_equal(d->seg[0].freq[0], 440);
	assert_int_equal(d->seg[0].ms, 300);
}

/* Cadence measured on the samples: busy is on 0.5 s, off 0.5 s. */
static void test_cadence_measured(void **state)
{
	struct media_tone t;
	size_t i, on = 0, edges = 0;
	bool prev = false;

	(void)state;
	assert_int_equal(media_tone_init(&t), 0);
	memset(pcm, 0, sizeof(pcm));
	assert_int_equal(media_tone_start(&t, MEDIA_TONE_BUSY), 0);
	assert_int_equal(media_tone_fill(&t, pcm, 4 * RATE), 4 * RATE);
	for (i = 0; i < 4 * RATE; i += 10 * MS) {
		bool now = loud(pcm + i, 10 * MS);

		on += now;
		edges += now != prev;
		prev = now;
	}
	assert_int_equal(on, 200);   /* 2 s of 4 s, in 10 ms steps */
	assert_int_equal(edges, 8);  /* 4 on, 4 off */
	/* fill adds: a tone over audio keeps the audio */
	for (i = 0; i < 160; i++)
		pcm[i] = 1000;
	media_tone_start(&t, MEDIA_TONE_BELLCORE_NONE);
	assert_false(media_tone_active(&t));
	assert_int_equal(media_tone_fill(&t, pcm, 160), 0);
	assert_int_equal(pcm[5], 1000);
	assert_int_equal(media_tone_start(&t, MEDIA_TONE_COUNT), -EINVAL);
	assert_int_equal(media_tone_start(&t, (enum media_tone_id)-1), -EINVAL);
	media_tone_fini(&t);
}

static void test_names(void **state)
{
	static const char *const guide[] = {
		"Bellcore-Inside", "Bellcore-Outside", "Bellcore-Busy",
		"Bellcore-dr1", "Bellcore-Reorder", "Bellcore-CallWaiting",
		"Bellcore-Hold", "Bellcore-Reminder", "Cisco-ZipZip",
		"Cisco-Zip", "Cisco-BeepBonk", "Bellcore-None",
		"Bellcore-Confirmation", "Bellcore-Permanent",
	};
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(guide) / sizeof(guide[0]); i++) {
		assert_int_equal(media_tone_by_name(guide[i]), (int)i);
		assert_string_equal(media_tone_name(i), guide[i]);
	}
	assert_int_equal(media_tone_by_name("BELLCORE-INSIDE"), MEDIA_TONE_DIAL);
	assert_int_equal(media_tone_by_name("cisco-zip"), MEDIA_TONE_CISCO_ZIP);
	assert_int_equal(media_tone_by_name("Cisco-Zi"), -ENOENT);
	assert_int_equal(media_tone_by_name(""), -ENOENT);
	assert_int_equal(media_tone_by_name(NULL), -ENOENT);
	assert_null(media_tone_name(MEDIA_TONE_COUNT));
	assert_int_equal(media_tone_by_name("Bellcore-Outside"),
			 MEDIA_TONE_SECONDARY_DIAL);
}

static void test_ring_file(void **state)
{
	static uint8_t ulaw[MEDIA_RING_MAX_BYTES + 1];
	struct media_ring r = {0};
	int16_t out[1000];
	size_t i;

	(void)state;
	memset(ulaw, 0xff, sizeof(ulaw)); /* u-law silence */
	for (i = 0; i < 240; i++)
		ulaw[i] = (uint8_t)(i % 2 ? 0x80 : 0x00); /* loud */
	assert_int_equal(media_ring_start(&r, ulaw, MEDIA_RING_MIN_BYTES - 1),
			 -EINVAL);
	assert_int_equal(media_ring_start(&r, ulaw, MEDIA_RING_MAX_BYTES + 1),
			 -EFBIG);
	assert_int_equal(media_ring_start(&r, ulaw, MEDIA_RING_MAX_BYTES), 0);
	assert_int_equal(media_ring_start(&r, ulaw, 480), 0);
	memset(out, 0, sizeof(out));
	assert_int_equal(media_ring_fill(&r, out, 1000), 1000);
	/* 240 loud, 240 quiet, and again: the file loops without a gap */
	assert_true(loud(out, 240));
	assert_false(loud(out + 240, 240));
	assert_true(loud(out + 480, 240));
	assert_false(loud(out + 720, 240));
	assert_true(loud(out + 960, 40));
	media_ring_stop(&r);
	assert_int_equal(media_ring_fill(&r, out, 10), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_tone),
		cmocka_unit_test(test_precise_plan),
		cmocka_unit_test(test_cadence_measured),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_ring_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
