/*
 * test_sip_auth.c - digest challenges and credentials (RFC 3261 s.22,
 * RFC 2617).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "sip/sip_auth.h"
#include "support/guard.h"

static struct guard g;

static int parse(struct sip_auth *a, const char *s)
{
	const char *p;

	guard_free(&g);
	p = guard_put(&g, s, strlen(s));
	assert_non_null(p);
	return sip_auth_parse(a, p, strlen(s));
}

static void test_challenge(void **state)
{
	struct sip_auth a;
	struct sip_pl rest, n, v;
	unsigned cnt = 0;

	(void)state;
	assert_int_equal(parse(&a, "Digest realm=\"sip.example.com\", nonce=\"5f1c2b3a\",\r\n  opaque=\"\", algorithm=MD5, qop=\"auth,auth-int\", stale=TRUE"), 0);
	assert_true(a.digest);
	assert_true(sip_pl_eq(&a.realm, "sip.example.com"));
	assert_true(sip_pl_eq(&a.nonce, "5f1c2b3a"));
	assert_true(sip_pl_isset(&a.opaque));
	assert_int_equal(a.opaque.l, 0);
	assert_true(sip_pl_eq(&a.algorithm, "MD5"));
	assert_true(sip_pl_eq(&a.qop, "auth,auth-int"));
	assert_true(a.stale);
	rest = a.params;
	while (sip_auth_param_next(&rest, &n, &v) == 0)
		cnt++;
	assert_int_equal(cnt, 6);
}

static void test_credentials(void **state)
{
	struct sip_auth a;

	(void)state;
	assert_int_equal(parse(&a, "digest username=\"4102\", realm=\"sip.example.com\", nonce=\"5f1c\", uri=\"sip:sip.example.com\", response=\"0123456789abcdef0123456789abcdef\", cnonce=\"abc\", nc=00000001, qop=auth, algorithm=MD5"), 0);
	assert_true(a.digest);
	assert_true(sip_pl_eq(&a.username, "4102"));
	assert_true(sip_pl_eq(&a.uri, "sip:sip.example.com"));
	assert_true(sip_pl_eq(&a.response, "0123456789abcdef0123456789abcdef"));
	assert_true(sip_pl_eq(&a.nc, "00000001"));
	assert_true(sip_pl_eq(&a.qop, "auth"));
	/* Another scheme parses too (RFC 4475 regaut01). */
	assert_int_equal(parse(&a, "NoOneKnowsThisScheme opaque-data=here"), 0);
	assert_false(a.digest);
	assert_true(sip_pl_eq(&a.scheme, "NoOneKnowsThisScheme"));
}

static void test_bad(void **state)
{
	static const char *const bad[] = {
		"", "Digest", "Digest realm", "Digest realm=\"x", "Digest realm=\"a\",",
		"Digest realm=\"a\" nonce=\"b\"", "Digest nc=1", "Digest realm=a, realm=b",
		"Digest ,realm=a", "Digest realm=\"a\"\"",
	};
	struct sip_auth a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse(&a, bad[i]) != -EBADMSG)
			fail_msg("accepted '%s'", bad[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_challenge),
		cmocka_unit_test(test_credentials),
		cmocka_unit_test(test_bad),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	guard_free(&g);
	return rc;
}
