/*
 * audio_wav.h - the host port's file audio (--audio-in WAV --audio-out
 * WAV): RIFF/WAVE, PCM, 16-bit, mono, 8000 Hz only, read and written
 * frame by frame.
 *
 * Hand-written: a WAV header is a small fixed format, and libsndfile's
 * armhf dependency chain (FLAC, Vorbis, Opus, MPEG) is too large for the
 * firmware sysroot.  Writes are atomic like every file the phone keeps:
 * samples go to PATH.tmp, the header is fixed up on close, then fsync and
 * rename (see runtime/io/io_file.h).
 */
#ifndef AUDIO_WAV_H
#define AUDIO_WAV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum {
	AUDIO_WAV_RATE = 8000,
	AUDIO_WAV_HDR_SIZE = 44,          /* what we write */
	AUDIO_WAV_CHUNKS_MAX = 64,        /* chunks skipped before "data" */
	AUDIO_WAV_ERR_MAX = 320,
};
/* Data octets a RIFF size field can describe: -EFBIG past it. */
#define AUDIO_WAV_DATA_MAX (UINT32_MAX - 36u)

struct audio_wav_in {
	FILE *f;
	uint32_t left;       /* data octets not read yet */
	uint32_t samples;    /* in the data chunk */
};

/* Open PATH for reading.  0, or a negative errno with a message naming
 * the file in ERR (-EINVAL: not 16-bit mono 8000 Hz PCM WAVE). */
int audio_wav_open_read(struct audio_wav_in *w, const char *path, char *err,
			size_t errlen);
/* Fill N samples: the file's next ones, silence after its end.  Returns
 * how many came from the file. */
size_t audio_wav_read(struct audio_wav_in *w, int16_t *pcm, size_t n);
void audio_wav_close_read(struct audio_wav_in *w);

struct audio_wav_out {
	FILE *f;
	char *path, *tmp;
	uint32_t bytes;      /* data octets written */
	int err;             /* the first write error, kept for close */
};

/* Start PATH (through PATH.tmp).  0 or a negative errno, ERR filled. */
int audio_wav_open_write(struct audio_wav_out *w, const char *path,
			 char *err, size_t errlen);
/* 0, -EFBIG past AUDIO_WAV_DATA_MAX, or a write error. */
int audio_wav_write(struct audio_wav_out *w, const int16_t *pcm, size_t n);
/* Fix the header, fsync, rename over PATH, fsync the folder.  0 or a
 * negative errno, and then PATH is untouched and PATH.tmp removed. */
int audio_wav_close_write(struct audio_wav_out *w);
/* Give up: PATH.tmp removed, PATH untouched. */
void audio_wav_abort(struct audio_wav_out *w);

#endif
