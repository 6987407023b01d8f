/*
 * tones.c - the tone table and the tone and ring players (see tones.h).
 *
 * GR-506 figures: dial 350+440 Hz steady at -13 dBm0; audible ringing
 * 440+480 Hz at -19, 2 s on 4 s off; busy 480+620 Hz at -24, 0.5/0.5 s;
 * reorder the same at 0.25/0.25 s; call waiting 440 Hz at -13, 0.3 s;
 * confirmation 350+440 Hz, three 0.1 s bursts; recall (stutter) dial
 * tone 350+440 Hz, three 0.1/0.1 s bursts then steady - used here for
 * Bellcore-Outside, the guide's default secondary dial tone, so it
 * sounds different from the first; permanent signal (receiver off-hook)
 * 1400+2060+2450+2600 Hz, 0.1/0.1 s; distinctive ringing DR1-DR5 (ring
 * bursts, here on the ringback pair).  Our choice where GR-506 is silent:
 * Bellcore-Hold two 0.2 s bursts of 600 Hz every 10 s; Bellcore-Reminder
 * one 0.5 s ring burst; Cisco-Zip one 0.1 s 1000 Hz beep, ZipZip two;
 * BeepBonk 1000 Hz then 500 Hz.  Distinctive call waiting (GR-506
 * CWT-2..4) for Alert-Info while talking.
 */
#include <errno.h>
#include <strings.h>

#include "media_dsp.h"
#include "tones.h"

#define F2(a, b) {a, b, 0, 0}
#define F1(a) {a, 0, 0, 0}
#define OFF {0, 0, 0, 0}

static const struct media_tone_def tones[MEDIA_TONE_COUNT] = {
	[MEDIA_TONE_BELLCORE_INSIDE] = {"Bellcore-Inside", 1, 0,
		{{F2(350, 440), -13, 0}}},
	[MEDIA_TONE_BELLCORE_OUTSIDE] = {"Bellcore-Outside", 7, 6,
		{{F2(350, 440), -13, 100}, {OFF, 0, 100},
		 {F2(350, 440), -13, 100}, {OFF, 0, 100},
		 {F2(350, 440), -13, 100}, {OFF, 0, 100},
		 {F2(350, 440), -13, 0}}},
	[MEDIA_TONE_BELLCORE_BUSY] = {"Bellcore-Busy", 2, 0,
		{{F2(480, 620), -24, 500}, {OFF, 0, 500}}},
	[MEDIA_TONE_BELLCORE_DR1] = {"Bellcore-dr1", 2, 0,
		{{F2(440, 480), -19, 2000}, {OFF, 0, 4000}}},
	[MEDIA_TONE_BELLCORE_REORDER] = {"Bellcore-Reorder", 2, 0,
		{{F2(480, 620), -24, 250}, {OFF, 0, 250}}},
	[MEDIA_TONE_BELLCORE_CALLWAITING] = {"Bellcore-CallWaiting", 2, 0,
		{{F1(440), -13, 300}, {OFF, 0, 9700}}},
	[MEDIA_TONE_BELLCORE_HOLD] = {"Bellcore-Hold", 4, 0,
		{{F1(600), -19, 200}, {OFF, 0, 200}, {F1(600), -19, 200},
		 {OFF, 0, 9400}}},
	[MEDIA_TONE_BELLCORE_REMINDER] = {"Bellcore-Reminder", 1, -1,
		{{F2(440, 480), -19, 500}}},
	[MEDIA_TONE_CISCO_ZIPZIP] = {"Cisco-ZipZip", 3, -1,
		{{F1(1000), -13, 100}, {OFF, 0, 100}, {F1(1000), -13, 100}}},
	[MEDIA_TONE_CISCO_ZIP] = {"Cisco-Zip", 1, -1,
		{{F1(1000), -13, 100}}},
	[MEDIA_TONE_CISCO_BEEPBONK] = {"Cisco-BeepBonk", 2, -1,
		{{F1(1000), -13, 150}, {F1(500), -13, 200}}},
	[MEDIA_TONE_BELLCORE_NONE] = {"Bellcore-None", 0, -1, {{OFF, 0, 0}}},
	[MEDIA_TONE_BELLCORE_CONFIRMATION] = {"Bellcore-Confirmation", 6, -1,
		{{F2(350, 440), -13, 100}, {OFF, 0, 100},
		 {F2(350, 440), -13, 100}, {OFF, 0, 100},
		 {F2(350, 440), -13, 100}, {OFF, 0, 100}}},
	[MEDIA_TONE_BELLCORE_PERMANENT] = {"Bellcore-Permanent", 2, 0,
		{{{1400, 2060, 2450, 2600}, -10, 100}, {OFF, 0, 100}}},
	[MEDIA_TONE_BELLCORE_DR2] = {"Bellcore-dr2", 4, 0,
		{{F2(440, 480), -19, 800}, {OFF, 0, 400},
		 {F2(440, 480), -19, 800}, {OFF, 0, 4000}}},
	[MEDIA_TONE_BELLCORE_DR3] = {"Bellcore-dr3", 6, 0,
		{{F2(440, 480), -19, 400}, {OFF, 0, 200},
		 {F2(440, 480), -19, 400}, {OFF, 0, 200},
		 {F2(440, 480), -19, 800}, {OFF, 0, 4000}}},
	[MEDIA_TONE_BELLCORE_DR4] = {"Bellcore-dr4", 6, 0,
		{{F2(440, 480), -19, 300}, {OFF, 0, 200},
		 {F2(440, 480), -19, 1000}, {OFF, 0, 200},
		 {F2(440, 480), -19, 300}, {OFF, 0, 4000}}},
	[MEDIA_TONE_BELLCORE_DR5] = {"Bellcore-dr5", 2, 0,
		{{F2(440, 480), -19, 500}, {OFF, 0, 5500}}},
	[MEDIA_TONE_RINGBACK] = {"Ringback", 2, 0,
		{{F2(440, 480), -19, 2000}, {OFF, 0, 4000}}},
	/* distinctive call waiting: CWT-2 two 0.1 s bursts, CWT-3 three,
	 * CWT-4 short-long-short (0.1/0.3/0.1), each every 10 s */
	[MEDIA_TONE_BELLCORE_CALLWAITING2] = {"Bellcore-CallWaiting2", 4, 0,
		{{F1(440), -13, 100}, {OFF, 0, 100}, {F1(440), -13, 100},
		 {OFF, 0, 9700}}},
	[MEDIA_TONE_BELLCORE_CALLWAITING3] = {"Bellcore-CallWaiting3", 6, 0,
		{{F1(440), -13, 100}, {OFF, 0, 100}, {F1(440), -13, 100},
		 {OFF, 0, 100}, {F1(440), -13, 100}, {OFF, 0, 9500}}},
	[MEDIA_TONE_BELLCORE_CALLWAITING4] = {"Bellcore-CallWaiting4", 6, 0,
		{{F1(440), -13, 100}, {OFF, 0, 100}, {F1(440), -13, 300},
		 {OFF, 0, 100}, {F1(440), -13, 100}, {OFF, 0, 9300}}},
};

/* A steady segment (ms 0) is generated in pieces this long. */
enum { STEADY_MS = 3600000 };

const struct media_tone_def *media_tone_def(enum media_tone_id id)
{
	return (unsigned)id < MEDIA_TONE_COUNT ? &tones[id] : NULL;
}

const char *media_tone_name(enum media_tone_id id)
{
	return (unsigned)id < MEDIA_TONE_COUNT ? tones[id].name : NULL;
}

int media_tone_by_name(const char *name)
{
	unsigned i;

	for (i = 0; name && i < MEDIA_TONE_COUNT; i++)
		if (!strcasecmp(name, tones[i].name))
			return (int)i;
	return -ENOENT;
}

int media_tone_init(struct media_tone *t)
{
	unsigned i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < 2; i++) {
		t->desc[i] = tone_gen_descriptor_init(NULL, 1000, -13, 0, 0,
						      100, 0, 0, 0, 0);
		t->gen[i] = t->desc[i] ? tone_gen_init(NULL, t->desc[i]) : NULL;
		if (!t->gen[i]) {
			media_tone_fini(t);
			return -ENOMEM;
		}
	}
	return 0;
}

void media_tone_fini(struct media_tone *t)
{
	unsigned i;

	for (i = 0; i < 2; i++) {
		if (t->gen[i])
			tone_gen_free(t->gen[i]);
		if (t->desc[i])
			tone_gen_descriptor_free(t->desc[i]);
		t->gen[i] = t->desc[i] = NULL;
	}
	t->active = false;
}

/* Set the generators up for segment T->seg. */
static void seg_enter(struct media_tone *t)
{
	const struct media_tone_seg *s = &t->def->seg[t->seg];
	int ms = s->ms ? s->ms : STEADY_MS;
	unsigned i;

	t->left = (uint32_t)ms * (MEDIA_RATE_HZ / 1000);
	for (i = 0; i < 2; i++) {
		int f1 = s->freq[2 * i], f2 = s->freq[2 * i + 1];

		if (!f1)
			continue;
		tone_gen_descriptor_init(t->desc[i], f1, s->level, f2,
					 f2 ? s->level : 0, ms, 0, 0, 0, 0);
		tone_gen_init(t->gen[i], t->desc[i]);
	}
}

int media_tone_start(struct media_tone *t, enum media_tone_id id)
{
	const struct media_tone_def *d = media_tone_def(id);

	if (!d || !t->gen[0])
		return -EINVAL;
	t->def = d;
	t->seg = 0;
	t->active = d->nseg > 0;
	if (t->active)
		seg_enter(t);
	return 0;
}

size_t media_tone_fill(struct media_tone *t, int16_t *pcm, size_t n)
{
	int16_t buf[MEDIA_RATE_HZ / 50];
	size_t done = 0;

	while (t->active && done < n) {
		const struct media_tone_seg *s = &t->def->seg[t->seg];
		size_t k = n - done, i, j;

		if (k > t->left)
			k = t->left;
		if (k > sizeof(buf) / sizeof(buf[0]))
			k = sizeof(buf) / sizeof(buf[0]);
		for (j = 0; j < 2; j++) {
			if (!s->freq[2 * j])
				continue;
			memset(buf, 0, k * sizeof(buf[0]));
			tone_gen(t->gen[j], buf, (int)k);
			for (i = 0; i < k; i++)
				pcm[done + i] = media_sat_add(pcm[done + i], buf[i]);
		}
		done += k;
		t->left -= (uint32_t)k;
		if (t->left)
			continue;
		if (!s->ms) {
			seg_enter(t); /* steady: on and on */
		} else if (t->seg + 1u < t->def->nseg) {
			t->seg++;
			seg_enter(t);
		} else if (t->def->loop >= 0) {
			t->seg = (unsigned)t->def->loop;
			seg_enter(t);
		} else {
			t->active = false;
		}
	}
	return done;
}

void media_tone_stop(struct media_tone *t)
{
	t->active = false;
}

bool media_tone_active(const struct media_tone *t)
{
	return t->active;
}

/* ---- ring files */

int media_ring_start(struct media_ring *r, const uint8_t *ulaw, size_t len)
{
	if (len < MEDIA_RING_MIN_BYTES)
		return -EINVAL;
	if (len > MEDIA_RING_MAX_BYTES)
		return -EFBIG;
	r->ulaw = ulaw;
	r->len = len;
	r->pos = 0;
	r->active = true;
	return 0;
}

size_t media_ring_fill(struct media_ring *r, int16_t *pcm, size_t n)
{
	size_t i;

	if (!r->active)
		return 0;
	for (i = 0; i < n; i++) {
		pcm[i] = media_sat_add(pcm[i], ulaw_to_linear(r->ulaw[r->pos]));
		if (++r->pos == r->len)
			r->pos = 0;
	}
	return n;
}

void media_ring_stop(struct media_ring *r)
{
	r->active = false;
}
