/*
 * test_media_wavtone.c - build/bin/wavtone as the call tests use it: gen
 * a file, detect its tones and keys, exactly two lines; usage errors.
 * The binary is found beside this test's own (BUILD/tests/.. + bin, from
 * argv[0]: under qemu-arm /proc/self/exe would name qemu), and run under
 * $SIPPHONE_EXEC_WRAPPER when set.
 */
#define _DEFAULT_SOURCE /* realpath, mkdtemp */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

static char bin[PATH_MAX], dir[64];

/* Run wavtone ARGS; its stdout into OUT, its exit status returned. */
static int wavtone(const char *args, char *out, size_t cap)
{
	const char *wrap = getenv("SIPPHONE_EXEC_WRAPPER");
	char cmd[PATH_MAX + 512];
	size_t n = 0;
	FILE *p;
	int rc;

	snprintf(cmd, sizeof(cmd), "%s '%s' %s 2>/dev/null", wrap ? wrap : "",
		 bin, args);
	p = popen(cmd, "r");
	assert_non_null(p);
	if (out) {
		n = fread(out, 1, cap - 1, p);
		out[n] = 0;
	} else {
		char sink[256];

		while (fread(sink, 1, sizeof(sink), p) > 0)
			;
	}
	rc = pclose(p);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void gen_detect(const char *genargs, const char *expect)
{
	char args[512], out[256];

	snprintf(args, sizeof(args), "gen %s/t.wav %s", dir, genargs);
	assert_int_equal(wavtone(args, NULL, 0), 0);
	snprintf(args, sizeof(args), "detect %s/t.wav", dir);
	assert_int_equal(wavtone(args, out, sizeof(out)), 0);
	assert_string_equal(out, expect);
}

static void test_tones(void **state)
{
	(void)state;
	gen_detect("2 --tone 1004", "tones: 1004\ndtmf: -\n");
	gen_detect("2 --tone 440+480", "tones: 440 480\ndtmf: -\n");
	gen_detect("2 --tone 2600 --tone 1400+2060", "tones: 1400 2060 2600\ndtmf: -\n");
	gen_detect("1", "tones: -\ndtmf: -\n");
}

static void test_dtmf(void **state)
{
	(void)state;
	gen_detect("2 --dtmf 123#", "tones: -\ndtmf: 123#\n");
	gen_detect("3 --dtmf 0*9ABCD", "tones: -\ndtmf: 0*9ABCD\n");
	gen_detect("2 --tone 350+440 --dtmf 55", "tones: 350 440\ndtmf: 55\n");
	/* digits that do not fit are left out */
	gen_detect("0.9 --dtmf 1234", "tones: -\ndtmf: 12\n");
}

static void test_usage(void **state)
{
	char args[256];

	(void)state;
	assert_int_equal(wavtone("", NULL, 0), 2);
	assert_int_equal(wavtone("play x.wav", NULL, 0), 2);
	snprintf(args, sizeof(args), "gen %s/u.wav 0", dir);
	assert_int_equal(wavtone(args, NULL, 0), 2);
	snprintf(args, sizeof(args), "gen %s/u.wav 301", dir);
	assert_int_equal(wavtone(args, NULL, 0), 2);
	snprintf(args, sizeof(args), "gen %s/u.wav 1 --tone 5000", dir);
	assert_int_equal(wavtone(args, NULL, 0), 2);
	snprintf(args, sizeof(args), "gen %s/u.wav 1 --dtmf 12x", dir);
	assert_int_equal(wavtone(args, NULL, 0), 2);
	snprintf(args, sizeof(args), "gen %s/u.wav 1 --bogus", dir);
	assert_int_equal(wavtone(args, NULL, 0), 2);
	assert_int_equal(wavtone("gen /nonexistent/u.wav 1", NULL, 0), 2);
	assert_int_equal(wavtone("detect /nonexistent/u.wav", NULL, 0), 2);
	snprintf(args, sizeof(args), "detect /etc/hostname"); /* not a WAV */
	assert_int_equal(wavtone(args, NULL, 0), 2);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tones),
		cmocka_unit_test(test_dtmf),
		cmocka_unit_test(test_usage),
	};
	char *self = realpath(argc > 0 ? argv[0] : ".", NULL), cmd[128];
	int rc;

	if (!self)
		return 1;
	snprintf(bin, sizeof(bin), "%s/../bin/wavtone", dirname(self));
	free(self);
	snprintf(dir, sizeof(dir), "/tmp/test_media_wavtone.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = rc ? rc : 1;
	return rc;
}
