/*
 * test_audio_wav.c - WAV files in and out (platform/host/audio_wav.c):
 * round trip, formats refused with the file named, the atomic write.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "host/audio_wav.h"

static char dir[64], path[128], tmp[160];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_audio_wav.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/a.wav", dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	unlink(tmp);
	rmdir(dir);
	return 0;
}

static void write_raw(const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	fclose(f);
}

static void test_round_trip(void **state)
{
	struct audio_wav_out o;
	struct audio_wav_in in;
	int16_t pcm[400], back[160];
	char err[AUDIO_WAV_ERR_MAX];
	struct stat st;
	size_t i;

	(void)state;
	for (i = 0; i < 400; i++)
		pcm[i] = (int16_t)(i * 163 - 32768);
	assert_int_equal(audio_wav_open_write(&o, path, err, sizeof(err)), 0);
	assert_int_equal(audio_wav_write(&o, pcm, 160), 0);
	assert_int_equal(audio_wav_write(&o, pcm + 160, 240), 0);
	/* nothing at PATH until close: the samples are in PATH.tmp */
	assert_int_equal(stat(path, &st), -1);
	assert_int_equal(stat(tmp, &st), 0);
	assert_int_equal(audio_wav_close_write(&o), 0);
	assert_int_equal(stat(tmp, &st), -1);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, AUDIO_WAV_HDR_SIZE + 800);
	assert_int_equal(audio_wav_open_read(&in, path, err, sizeof(err)), 0);
	assert_int_equal(in.samples, 400);
	assert_int_equal(audio_wav_read(&in, back, 160), 160);
	assert_memory_equal(back, pcm, sizeof(back));
	assert_int_equal(audio_wav_read(&in, back, 160), 160);
	assert_memory_equal(back, pcm + 160, sizeof(back));
	/* 80 left, then silence */
	assert_int_equal(audio_wav_read(&in, back, 160), 80);
	assert_memory_equal(back, pcm + 320, 80 * 2);
	for (i = 80; i < 160; i++)
		assert_int_equal(back[i], 0);
	assert_int_equal(audio_wav_read(&in, back, 160), 0);
	assert_int_equal(back[0], 0);
	audio_wav_close_read(&in);
}

/* A header as a well-formed writer makes it, then broken one way. */
static uint8_t hdr[] = {
	'R', 'I', 'F', 'F', 40, 0, 0, 0, 'W', 'A', 'V', 'E',
	'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0,
	0x40, 0x1f, 0, 0, 0x80, 0x3e, 0, 0, 2, 0, 16, 0,
	'd', 'a', 't', 'a', 4, 0, 0, 0, 1, 0, 2, 0,
};

static void expect_refused(size_t off, uint8_t val, const char *what)
{
	struct audio_wav_in in;
	char err[AUDIO_WAV_ERR_MAX] = "";
	uint8_t h[sizeof(hdr)];

	memcpy(h, hdr, sizeof(h));
	h[off] = val;
	write_raw(h, sizeof(h));
	assert_int_equal(audio_wav_open_read(&in, path, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, what));
}

static void test_bad_headers(void **state)
{
	struct audio_wav_in in;
	char err[AUDIO_WAV_ERR_MAX] = "";
	int16_t s[2];

	(void)state;
	write_raw(hdr, sizeof(hdr));
	assert_int_equal(audio_wav_open_read(&in, path, err, sizeof(err)), 0);
	assert_int_equal(audio_wav_read(&in, s, 2), 2);
	assert_int_equal(s[1], 2);
	audio_wav_close_read(&in);
	expect_refused(0, 'X', "RIFF/WAVE");
	expect_refused(8, 'X', "RIFF/WAVE");
	expect_refused(20, 3, "PCM 16-bit mono 8000");    /* float */
	expect_refused(22, 2, "PCM 16-bit mono 8000");    /* stereo */
	expect_refused(25, 0x3e, "PCM 16-bit mono 8000"); /* 16000 Hz */
	expect_refused(34, 8, "PCM 16-bit mono 8000");    /* 8-bit */
	expect_refused(16, 8, "short");                   /* fmt too short */
	/* cut inside the header */
	write_raw(hdr, 30);
	assert_int_equal(audio_wav_open_read(&in, path, err, sizeof(err)),
			 -EINVAL);
	write_raw(hdr, 0);
	assert_int_equal(audio_wav_open_read(&in, path, err, sizeof(err)),
			 -EINVAL);
	assert_int_equal(audio_wav_open_read(&in, "/nonexistent/x.wav", err,
					     sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "/nonexistent/x.wav"));
}

/* An abandoned or failed write leaves the old file as it was. */
static void test_atomic(void **state)
{
	struct audio_wav_out o;
	struct audio_wav_in in;
	char err[AUDIO_WAV_ERR_MAX];
	int16_t pcm[160] = {5};
	struct stat st;

	(void)state;
	write_raw(hdr, sizeof(hdr));
	assert_int_equal(audio_wav_open_write(&o, path, err, sizeof(err)), 0);
	assert_int_equal(audio_wav_write(&o, pcm, 160), 0);
	audio_wav_abort(&o);
	assert_int_equal(stat(tmp, &st), -1);
	assert_int_equal(audio_wav_open_read(&in, path, err, sizeof(err)), 0);
	assert_int_equal(in.samples, 2);
	audio_wav_close_read(&in);
	/* the size limit, and a write error kept for close */
	assert_int_equal(audio_wav_open_write(&o, path, err, sizeof(err)), 0);
	o.bytes = AUDIO_WAV_DATA_MAX - 2;
	assert_int_equal(audio_wav_write(&o, pcm, 1), 0);
	assert_int_equal(audio_wav_write(&o, pcm, 1), -EFBIG);
	assert_int_equal(audio_wav_close_write(&o), -EFBIG);
	assert_int_equal(stat(tmp, &st), -1);
	assert_int_equal(audio_wav_open_read(&in, path, err, sizeof(err)), 0);
	assert_int_equal(in.samples, 2);
	audio_wav_close_read(&in);
	/* a folder that does not exist */
	assert_int_equal(audio_wav_open_write(&o, "/nonexistent/x.wav", err,
					      sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "/nonexistent/x.wav.tmp"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_headers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_atomic, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
