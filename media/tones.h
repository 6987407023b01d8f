/*
 * tones.h - every tone the phone plays: the guide's dial-plan tone names
 * (s. "Specifying the Comma": Bellcore-Inside ... Bellcore-Permanent,
 * case-insensitive), the call-progress tones, the distinctive ring
 * cadences; and a player for the custom ring files RINGLIST.DAT names.
 *
 * Frequencies, levels and cadences are the North American precise tone
 * plan (Telcordia GR-506 / LSSGR) where it defines them.  The guide gives
 * no figures for the Cisco tones (Zip, ZipZip, BeepBonk) nor for
 * Bellcore-Hold: their values here are our choice, noted in tones.c.
 * The sine waves come from SpanDSP's tone_gen; the cadence is ours (up to
 * MEDIA_TONE_SEGMENTS steps of up to four frequencies).  Hosted.
 */
#ifndef MEDIA_TONES_H
#define MEDIA_TONES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum media_tone_id {
	/* The guide's names, in its order. */
	MEDIA_TONE_BELLCORE_INSIDE,       /* dial tone */
	MEDIA_TONE_BELLCORE_OUTSIDE,      /* the default secondary dial tone */
	MEDIA_TONE_BELLCORE_BUSY,
	MEDIA_TONE_BELLCORE_DR1,          /* distinctive ringing 1 (normal) */
	MEDIA_TONE_BELLCORE_REORDER,
	MEDIA_TONE_BELLCORE_CALLWAITING,
	MEDIA_TONE_BELLCORE_HOLD,
	MEDIA_TONE_BELLCORE_REMINDER,
	MEDIA_TONE_CISCO_ZIPZIP,
	MEDIA_TONE_CISCO_ZIP,
	MEDIA_TONE_CISCO_BEEPBONK,
	MEDIA_TONE_BELLCORE_NONE,         /* silence */
	MEDIA_TONE_BELLCORE_CONFIRMATION,
	MEDIA_TONE_BELLCORE_PERMANENT,    /* permanent signal (off-hook) */
	/* Beyond the guide's list. */
	MEDIA_TONE_BELLCORE_DR2,
	MEDIA_TONE_BELLCORE_DR3,
	MEDIA_TONE_BELLCORE_DR4,
	MEDIA_TONE_BELLCORE_DR5,
	MEDIA_TONE_RINGBACK,              /* audible ringing (180 Ringing) */
	/* GR-506 distinctive call-waiting tones (Alert-Info 2..4 while
	 * talking); Bellcore-CallWaiting is the first */
	MEDIA_TONE_BELLCORE_CALLWAITING2,
	MEDIA_TONE_BELLCORE_CALLWAITING3,
	MEDIA_TONE_BELLCORE_CALLWAITING4,
	MEDIA_TONE_COUNT,

	MEDIA_TONE_DIAL = MEDIA_TONE_BELLCORE_INSIDE,
	MEDIA_TONE_SECONDARY_DIAL = MEDIA_TONE_BELLCORE_OUTSIDE,
	MEDIA_TONE_BUSY = MEDIA_TONE_BELLCORE_BUSY,
	MEDIA_TONE_REORDER = MEDIA_TONE_BELLCORE_REORDER,
	MEDIA_TONE_CALL_WAITING = MEDIA_TONE_BELLCORE_CALLWAITING,
};

/* Limits (named). */
enum {
	MEDIA_TONE_SEGMENTS = 8,   /* cadence steps of one tone */
	MEDIA_TONE_FREQS    = 4,   /* frequencies sounding at once */
};

struct media_tone_seg {
	uint16_t freq[MEDIA_TONE_FREQS]; /* Hz, 0: unused; all 0: silence */
	int8_t level;                    /* dBm0 of each frequency */
	uint16_t ms;
};

struct media_tone_def {
	const char *name;
	uint8_t nseg;
	int8_t loop;                 /* segment to repeat from; -1: once */
	struct media_tone_seg seg[MEDIA_TONE_SEGMENTS];
};

/* The table entry of ID, or NULL. */
const struct media_tone_def *media_tone_def(enum media_tone_id id);
/* The guide's spelling ("Bellcore-Inside"), or NULL for a bad ID. */
const char *media_tone_name(enum media_tone_id id);
/* Case-insensitive, as the guide says; -ENOENT for an unknown name. */
int media_tone_by_name(const char *name);

/* A tone player (owned by the caller; init/fini around its life). */
struct media_tone {
	const struct media_tone_def *def;
	unsigned seg;        /* current segment */
	uint32_t left;       /* samples left in it */
	bool active;
	void *desc[2];       /* SpanDSP descriptors and generators, */
	void *gen[2];        /* two frequencies each */
};

int media_tone_init(struct media_tone *t);   /* 0 or -ENOMEM */
void media_tone_fini(struct media_tone *t);
/* Start ID from its beginning (a running tone is replaced).  0 or -EINVAL. */
int media_tone_start(struct media_tone *t, enum media_tone_id id);
/* ADD the next N samples of the tone to PCM (saturating), so a tone can
 * sound over call audio (call waiting); write zeros first for the tone
 * alone.  Returns the samples the tone covered: less than N once a
 * non-repeating tone has ended. */
size_t media_tone_fill(struct media_tone *t, int16_t *pcm, size_t n);
void media_tone_stop(struct media_tone *t);
bool media_tone_active(const struct media_tone *t);

/*
 * Custom ring files (guide: "Customizing the Cisco SIP IP Phone Ring
 * Types"): raw 8000 Hz, 8-bit u-law PCM, no header.  The guide gives no
 * cadence for them: the file is the ring, played in a loop with no pause
 * between passes (Chirp1/Chirp2 behave the same way), for as long as the
 * phone rings.  The length limits are Cisco's for these phones' ring
 * files (at most 16080 samples, at least 240), not the guide's.
 */
enum {
	MEDIA_RING_MIN_BYTES = 240,
	MEDIA_RING_MAX_BYTES = 16080,
};

struct media_ring {
	const uint8_t *ulaw;   /* borrowed: must outlive the playing */
	size_t len, pos;
	bool active;
};

/* 0, -EINVAL (shorter than MEDIA_RING_MIN_BYTES), -EFBIG (longer than
 * MEDIA_RING_MAX_BYTES). */
int media_ring_start(struct media_ring *r, const uint8_t *ulaw, size_t len);
/* ADD N samples of the ring to PCM (saturating); n, or 0 if stopped. */
size_t media_ring_fill(struct media_ring *r, int16_t *pcm, size_t n);
void media_ring_stop(struct media_ring *r);

#endif
