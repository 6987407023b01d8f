/*
 * test_sip_frag.c - refer NOTIFY bodies (spec/sip/sip_frag.rl, RFC 3420,
 * RFC 3515 s.2.4.5): the status lines the guide's transfer flows carry,
 * with and without headers, and what is not a sipfrag.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sip/sip_frag.h"

static int parse(struct sip_frag *f, const char *s)
{
	return sip_frag_parse(f, s, strlen(s));
}

static void test_status_lines(void **state)
{
	struct sip_frag f;

	(void)state;
	assert_int_equal(parse(&f, "SIP/2.0 100 Trying\r\n"), 0);
	assert_int_equal(f.status, 100);
	assert_true(sip_pl_eq(&f.reason, "Trying"));
	assert_int_equal(parse(&f, "SIP/2.0 200 OK"), 0);
	assert_int_equal(f.status, 200);
	assert_int_equal(parse(&f, "SIP/2.0 486 Busy Here\n"), 0);
	assert_int_equal(f.status, 486);
	assert_true(sip_pl_eq(&f.reason, "Busy Here"));
	assert_int_equal(parse(&f, "SIP/2.0 603 \r\n"), 0);
	assert_int_equal(f.status, 603);
	assert_int_equal(f.reason.l, 0);
}

static void test_headers(void **state)
{
	struct sip_frag f;

	(void)state;
	assert_int_equal(parse(&f, "SIP/2.0 200 OK\r\n"
				   "Contact: <sip:c@10.0.0.3>\r\n"
				   "Content-Type: application/sdp\r\n"
				   "\r\n"
				   "v=0\r\n"),
			 0);
	assert_int_equal(f.status, 200);
}

static void test_not_a_sipfrag(void **state)
{
	static const char *const bad[] = {
		"", "SIP/2.0 20 OK\r\n", "SIP/2.0 2000 OK\r\n",
		"SIP/1.0 200 OK\r\n", "INVITE sip:c@h SIP/2.0\r\n",
		"SIP/2.0 099 Low\r\n", "SIP/2.0 700 High\r\n",
		"SIP/2.0 200 OK\r\nno colon here\r\n", "SIP/2.0 200OK",
	};
	struct sip_frag f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(parse(&f, bad[i]), -EBADMSG);
}

/* The body is not NUL-terminated: a length that stops mid-line is what
 * the parser sees. */
static void test_length_bounds(void **state)
{
	static const char s[] = "SIP/2.0 180 Ringing\r\n";
	struct sip_frag f;

	(void)state;
	assert_int_equal(sip_frag_parse(&f, s, 11), -EBADMSG); /* "SIP/2.0 180" */
	assert_int_equal(sip_frag_parse(&f, s, 12), 0);        /* ... and SP */
	assert_int_equal(f.status, 180);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_lines),
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_not_a_sipfrag),
		cmocka_unit_test(test_length_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
