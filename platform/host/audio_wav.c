/*
 * audio_wav.c - WAV files in and out (see audio_wav.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host/audio_wav.h"

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static int fail(char *err, size_t errlen, int code, const char *path,
		const char *what)
{
	if (err && errlen)
		snprintf(err, errlen, "%s: %s", path, what);
	return code;
}

int audio_wav_open_read(struct audio_wav_in *w, const char *path, char *err,
			size_t errlen)
{
	uint8_t h[16];
	bool have_fmt = false;
	unsigned i;
	int rc;

	memset(w, 0, sizeof(*w));
	w->f = fopen(path, "rb");
	if (!w->f)
		return fail(err, errlen, -errno, path, strerror(errno));
	if (fread(h, 1, 12, w->f) != 12 || memcmp(h, "RIFF", 4) ||
	    memcmp(h + 8, "WAVE", 4)) {
		rc = fail(err, errlen, -EINVAL, path, "not a RIFF/WAVE file");
		goto out;
	}
	for (i = 0; i < AUDIO_WAV_CHUNKS_MAX; i++) {
		uint32_t size;

		if (fread(h, 1, 8, w->f) != 8) {
			rc = fail(err, errlen, -EINVAL, path,
				  "no \"data\" chunk");
			goto out;
		}
		size = le32(h + 4);
		if (!memcmp(h, "fmt ", 4)) {
			uint8_t fmt[16];

			if (size < 16 || fread(fmt, 1, 16, w->f) != 16) {
				rc = fail(err, errlen, -EINVAL, path,
					  "short \"fmt \" chunk");
				goto out;
			}
			if (le16(fmt) != 1 || le16(fmt + 2) != 1 ||
			    le32(fmt + 4) != AUDIO_WAV_RATE ||
			    le16(fmt + 14) != 16) {
				rc = fail(err, errlen, -EINVAL, path,
					  "not PCM 16-bit mono 8000 Hz "
					  "(the only format taken)");
				goto out;
			}
			have_fmt = true;
			size -= 16;
		} else if (!memcmp(h, "data", 4)) {
			if (!have_fmt) {
				rc = fail(err, errlen, -EINVAL, path,
					  "\"data\" before \"fmt \"");
				goto out;
			}
			w->left = size & ~1u;
			w->samples = w->left / 2;
			return 0;
		}
		/* Skip the rest of the chunk and its pad octet. */
		if (fseek(w->f, (long)size + (size & 1), SEEK_CUR)) {
			rc = fail(err, errlen, -EINVAL, path, "truncated chunk");
			goto out;
		}
	}
	rc = fail(err, errlen, -EINVAL, path, "too many chunks before \"data\"");
out:
	fclose(w->f);
	w->f = NULL;
	return rc;
}

size_t audio_wav_read(struct audio_wav_in *w, int16_t *pcm, size_t n)
{
	uint8_t b[2];
	size_t i = 0;

	/* Sample by sample through stdio's buffer: endianness-free. */
	while (w->f && i < n && w->left >= 2 && fread(b, 1, 2, w->f) == 2) {
		pcm[i++] = (int16_t)le16(b);
		w->left -= 2;
	}
	if (i < n)
		memset(pcm + i, 0, (n - i) * sizeof(*pcm));
	return i;
}

void audio_wav_close_read(struct audio_wav_in *w)
{
	if (w->f)
		fclose(w->f);
	w->f = NULL;
}

static void header(uint8_t *h, uint32_t bytes)
{
	memcpy(h, "RIFF", 4);
	put_le32(h + 4, 36 + bytes);
	memcpy(h + 8, "WAVEfmt ", 8);
	put_le32(h + 16, 16);
	put_le16(h + 20, 1);                  /* PCM */
	put_le16(h + 22, 1);                  /* mono */
	put_le32(h + 24, AUDIO_WAV_RATE);
	put_le32(h + 28, AUDIO_WAV_RATE * 2); /* bytes/s */
	put_le16(h + 32, 2);                  /* block align */
	put_le16(h + 34, 16);
	memcpy(h + 36, "data", 4);
	put_le32(h + 40, bytes);
}

int audio_wav_open_write(struct audio_wav_out *w, const char *path,
			 char *err, size_t errlen)
{
	uint8_t h[AUDIO_WAV_HDR_SIZE];
	size_t plen = strlen(path);

	memset(w, 0, sizeof(*w));
	w->path = strdup(path);
	w->tmp = malloc(plen + sizeof(".tmp"));
	if (!w->path || !w->tmp) {
		audio_wav_abort(w);
		return fail(err, errlen, -ENOMEM, path, "out of memory");
	}
	memcpy(w->tmp, path, plen);
	memcpy(w->tmp + plen, ".tmp", sizeof(".tmp"));
	w->f = fopen(w->tmp, "wb");
	if (!w->f) {
		int e = -errno;

		fail(err, errlen, e, w->tmp, strerror(-e));
		audio_wav_abort(w);
		return e;
	}
	header(h, 0);
	if (fwrite(h, 1, sizeof(h), w->f) != sizeof(h)) {
		int e = -errno;

		fail(err, errlen, e, w->tmp, strerror(-e));
		audio_wav_abort(w);
		return e;
	}
	return 0;
}

int audio_wav_write(struct audio_wav_out *w, const int16_t *pcm, size_t n)
{
	uint8_t b[2];
	size_t i;

	if (w->err)
		return w->err;
	if (n > (AUDIO_WAV_DATA_MAX - w->bytes) / 2)
		return w->err = -EFBIG;
	for (i = 0; i < n; i++) {
		put_le16(b, (uint16_t)pcm[i]);
		if (fwrite(b, 1, 2, w->f) != 2)
			return w->err = errno ? -errno : -EIO;
	}
	w->bytes += (uint32_t)(2 * n);
	return 0;
}

static int fsync_dir(const char *path)
{
	char *copy = strdup(path);
	int fd, rc = 0;

	if (!copy)
		return -ENOMEM;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	if (fd < 0 || fsync(fd) < 0)
		rc = -errno;
	if (fd >= 0)
		close(fd);
	free(copy);
	return rc;
}

int audio_wav_close_write(struct audio_wav_out *w)
{
	uint8_t h[AUDIO_WAV_HDR_SIZE];
	int rc = w->err;

	if (!w->f)
		return -EBADF;
	header(h, w->bytes);
	if (!rc && (fseek(w->f, 0, SEEK_SET) ||
		    fwrite(h, 1, sizeof(h), w->f) != sizeof(h) ||
		    fflush(w->f) || fsync(fileno(w->f))))
		rc = errno ? -errno : -EIO;
	if (fclose(w->f) && !rc)
		rc = -errno;
	w->f = NULL;
	if (!rc && rename(w->tmp, w->path) < 0)
		rc = -errno;
	if (!rc)
		rc = fsync_dir(w->path);
	else
		unlink(w->tmp);
	free(w->path);
	free(w->tmp);
	w->path = w->tmp = NULL;
	return rc;
}

void audio_wav_abort(struct audio_wav_out *w)
{
	if (w->f)
		fclose(w->f);
	if (w->tmp)
		unlink(w->tmp);
	free(w->path);
	free(w->tmp);
	memset(w, 0, sizeof(*w));
}
