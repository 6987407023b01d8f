/*
 * test_sip_mwi.c - message-summary bodies (spec/sip/sip_mwi.rl, RFC 3842):
 * the RFC's example, case and line-end leniency, optional headers, the
 * count limit at and past the edge, malformed bodies, guard-page input.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sip/sip_mwi.h"
#include "support/guard.h"

static int parse(struct sip_mwi *w, const char *s)
{
	return sip_mwi_parse(w, s, strlen(s));
}

static void test_rfc3842_example(void **state)
{
	struct sip_mwi w;

	(void)state;
	/* RFC 3842 s.5.2 */
	assert_int_equal(parse(&w, "Messages-Waiting: yes\r\n"
				   "Message-Account: sip:alice@vmail.example.com\r\n"
				   "Voice-Message: 4/8 (1/2)\r\n"),
			 0);
	assert_true(w.waiting);
	assert_true(sip_pl_eq(&w.account, "sip:alice@vmail.example.com"));
	assert_true(w.has_voice);
	assert_int_equal(w.voice_new, 4);
	assert_int_equal(w.voice_old, 8);
	assert_int_equal(w.voice_urgent_new, 1);
	assert_int_equal(w.voice_urgent_old, 2);
}

static void test_lenient(void **state)
{
	struct sip_mwi w;

	(void)state;
	/* names in any case, LF alone, no account, other classes, optional
	 * headers after a blank line */
	assert_int_equal(parse(&w, "messages-waiting:NO\n"
				   "fax-message: 1/0\n"
				   "VOICE-MESSAGE: 0/3\n"
				   "\n"
				   "Message-ID: <1@vm>\n"),
			 0);
	assert_false(w.waiting);
	assert_false(sip_pl_isset(&w.account));
	assert_int_equal(w.voice_new, 0);
	assert_int_equal(w.voice_old, 3);
	assert_int_equal(w.voice_urgent_new, 0);
	assert_int_equal(parse(&w, "Messages-Waiting: yes\r\n"), 0);
	assert_true(w.waiting);
	assert_false(w.has_voice);
}

static void test_limits(void **state)
{
	struct sip_mwi w;

	(void)state;
	assert_int_equal(parse(&w, "Messages-Waiting: yes\r\n"
				   "Voice-Message: 999999/0\r\n"),
			 0);
	assert_int_equal(w.voice_new, SIP_MWI_COUNT_MAX);
	assert_int_equal(parse(&w, "Messages-Waiting: yes\r\n"
				   "Voice-Message: 1000000/0\r\n"),
			 -EBADMSG);
	assert_int_equal(parse(&w, "Messages-Waiting: yes\r\n"
				   "Voice-Message: 1234567890/0\r\n"),
			 -EBADMSG);
}

static void test_malformed(void **state)
{
	static const char *const bad[] = {
		"",
		"Messages-Waiting: maybe\r\n",
		"Messages-Waiting: yes",            /* no line end */
		"Voice-Message: 1/2\r\n",           /* no status line */
		"Messages-Waiting: yes\r\nVoice-Message: 1\r\n",
		"Messages-Waiting: yes\r\nVoice-Message: a/b\r\n",
		"Messages-Waiting: yes\r\nVoice-Message: 1/2 (3)\r\n",
		"Messages-Waiting: yes\r\r\n",
	};
	struct sip_mwi w;
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(parse(&w, bad[i]), -EBADMSG);
}

/* The body against a guard page: no byte past it is read. */
static void test_guard_page(void **state)
{
	static const char body[] = "Messages-Waiting: yes\r\n"
				   "Voice-Message: 2/8 (0/2)\r\n";
	struct sip_mwi w;
	struct guard g = {0};
	size_t n;

	(void)state;
	for (n = 0; n <= sizeof(body) - 1; n++) {
		const char *at = guard_put(&g, body, n);

		assert_non_null(at);
		/* a prefix that ends a line is a whole body too */
		assert_int_equal(sip_mwi_parse(&w, at, n),
				 n && body[n - 1] == '\n' ? 0 : -EBADMSG);
		guard_free(&g);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc3842_example),
		cmocka_unit_test(test_lenient),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_guard_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
