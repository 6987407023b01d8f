/*
 * test_sip_addr.c - name-addr / addr-spec values and Via values
 * (RFC 3261 s.20.10, s.20.42, s.25.1; RFC 3581; RFC 5118).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "sip/sip_addr.h"
#include "sip/sip_via.h"
#include "support/guard.h"

static const char *g_put(struct guard *g, const char *s)
{
	const char *p = guard_put(g, s, strlen(s));

	assert_non_null(p);
	return p;
}

static void test_name_addr(void **state)
{
	struct sip_addr a;
	struct guard g;
	struct sip_pl v;
	char dn[64];
	size_t n;
	const char *s = "\"J Rosenberg \\\\\\\"\"  <sip:jdrosen@example.com>;tag=98asjd8;x=\"a b\"";

	(void)state;
	assert_int_equal(sip_addr_parse(&a, g_put(&g, s), strlen(s)), 0);
	assert_true(a.dname_quoted);
	assert_true(a.bracket);
	assert_int_equal(sip_pl_unquote(dn, sizeof(dn), &a.dname, &n), 0);
	assert_int_equal(n, 14);
	assert_memory_equal(dn, "J Rosenberg \\\"", 14);
	assert_true(sip_pl_eq(&a.uri.user, "jdrosen"));
	assert_true(sip_pl_eq(&a.tag, "98asjd8"));
	assert_int_equal(sip_addr_param(&a.params, "x", &v), 0);
	assert_true(sip_pl_eq(&v, "\"a b\""));
	guard_free(&g);

	/* Quoted names: blanks, a fold, words of any bytes qdtext takes. */
	s = "\"Alice  Smith\t\r\n Jr. ~x\" <sip:a@h>";
	assert_int_equal(sip_addr_parse(&a, g_put(&g, s), strlen(s)), 0);
	assert_true(sip_pl_eq(&a.dname, "Alice  Smith\t\r\n Jr. ~x"));
	guard_free(&g);
	s = "\" a\\\" b \"<sip:a@h>";
	assert_int_equal(sip_addr_parse(&a, g_put(&g, s), strlen(s)), 0);
	assert_true(sip_pl_eq(&a.dname, " a\\\" b "));
	guard_free(&g);
	s = "\"a \r\nb\" <sip:a@h>";
	assert_int_equal(sip_addr_parse(&a, g_put(&g, s), strlen(s)), -EBADMSG);
	guard_free(&g);

	/* Tokens touching '<' (RFC 4475 lwsdisp); ISO 8859-1 tokens. */
	s = "caller<sip:caller@example.com>;tag=323";
	assert_int_equal(sip_addr_parse(&a, g_put(&g, s), strlen(s)), 0);
	assert_true(sip_pl_eq(&a.dname, "caller"));
	guard_free(&g);
	s = "J\xf6rg M\xfcller <sip:j@h>";
	assert_int_equal(sip_addr_parse(&a, g_put(&g, s), strlen(s)), 0);
	assert_int_equal(a.dname.l, 11);
	assert_false(a.dname_quoted);
	guard_free(&g);

	/* addr-spec: parameters belong to the header (s.20.10). */
	s = "sip:bob@h;tag=5;expires=60";
	assert_int_equal(sip_addr_parse(&a, g_put(&g, s), strlen(s)), 0);
	assert_false(a.bracket);
	assert_true(sip_pl_eq(&a.uri_pl, "sip:bob@h"));
	assert_true(sip_pl_eq(&a.tag, "5"));
	assert_true(sip_pl_eq(&a.expires, "60"));
	guard_free(&g);

	/* Well-known names in any case; near misses are generic. */
	s = "<sip:b@h>;TAG=1;ExPiReS=2;Q=0.3";
	assert_int_equal(sip_addr_parse(&a, g_put(&g, s), strlen(s)), 0);
	assert_true(sip_pl_eq(&a.tag, "1"));
	assert_true(sip_pl_eq(&a.expires, "2"));
	assert_true(sip_pl_eq(&a.q, "0.3"));
	guard_free(&g);
	s = "<sip:b@h>;ta=1;tags=2;expire=3;expirex=4;q1=5;r=6;tag";
	assert_int_equal(sip_addr_parse(&a, g_put(&g, s), strlen(s)), 0);
	assert_false(sip_pl_isset(&a.expires));
	assert_false(sip_pl_isset(&a.q));
	assert_non_null(a.tag.p);
	assert_int_equal(a.tag.l, 0);
	guard_free(&g);
}

static void test_lists(void **state)
{
	const char *s = "<sip:p1;lr>, \"B\" <sip:b@c>;q=0.5 ,\r\n sip:c@d;expires=0";
	struct sip_pl rest;
	struct sip_addr a;
	struct guard g;
	unsigned n = 0;

	(void)state;
	rest = sip_pl_mk(g_put(&g, s), strlen(s));
	while (sip_addr_next(&rest, &a) == 0)
		n++;
	assert_int_equal(n, 3);
	assert_true(sip_pl_eq(&a.uri.host, "d"));
	assert_true(sip_pl_eq(&a.expires, "0"));
	guard_free(&g);
	s = "<sip:a@b>,,<sip:c@d>";
	rest = sip_pl_mk(g_put(&g, s), strlen(s));
	assert_int_equal(sip_addr_next(&rest, &a), 0);
	assert_int_equal(sip_addr_next(&rest, &a), -EBADMSG);
	guard_free(&g);
	s = "<sip:a@b>,";
	rest = sip_pl_mk(g_put(&g, s), strlen(s));
	assert_int_equal(sip_addr_next(&rest, &a), -EBADMSG);
	guard_free(&g);
}

static void test_addr_bad(void **state)
{
	static const char *const bad[] = {
		"", "<sip:a@b", "\"unterminated <sip:a@b>", "Bob, Smith <sip:a@b>",
		"< sip:a@b >", "sip:a@b?Route=x", "<sip:a@b>;", "<sip:a@b>;tag=",
		"<sip:a@b> junk", "<>", "<sip:a@b>;;tag=1", "noscheme",
	};
	struct sip_addr a;
	struct guard g;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* A refused value leaves no URI behind from the last one. */
		assert_int_equal(sip_addr_parse(&a, "<sip:x@y>", 9), 0);
		if (sip_addr_parse(&a, g_put(&g, bad[i]), strlen(bad[i])) != -EBADMSG)
			fail_msg("accepted '%s'", bad[i]);
		assert_false(sip_pl_isset(&a.uri.host));
		guard_free(&g);
	}
}

/*
 * What a refused name-addr leaves: a bad byte just before the '>' stops the
 * element's grammar (nothing set); one further in is the URI's to refuse
 * (the element's slices set, the URI cleared).
 */
static void test_addr_bad_last(void **state)
{
	static const char *const last[] = {
		"<sip:a@b >", "<sip:a@b\t>", "<sip:a@b\">", "<sip:a@b<>",
		"\"x\" <sip:a@b\r>;tag=1", "<s\n>",
	};
	static const char *const mid[] = {
		"<sip:a b@c>", "<sip:a@b\"c>", "<sip:<a@b>", "<sip:a@\tb>;tag=1",
		"<sip:a@b;x=\x01>",
	};
	struct sip_addr a;
	struct guard g;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(last) / sizeof(last[0]); i++) {
		assert_int_equal(sip_addr_parse(&a, g_put(&g, last[i]), strlen(last[i])), -EBADMSG);
		assert_null(a.val.p);
		assert_null(a.uri_pl.p);
		assert_null(a.uri.scheme_pl.p);
		guard_free(&g);
	}
	for (i = 0; i < sizeof(mid) / sizeof(mid[0]); i++) {
		assert_int_equal(sip_addr_parse(&a, g_put(&g, mid[i]), strlen(mid[i])), -EBADMSG);
		assert_non_null(a.val.p);
		assert_non_null(a.uri_pl.p);
		assert_null(a.uri.scheme_pl.p);
		guard_free(&g);
	}
	/* Any other last byte goes on past the '>'. */
	{
		const char *s = "<sip:a@b;x=~>;tag=x , <sip:c@d>";
		struct sip_pl rest = sip_pl_mk(g_put(&g, s), strlen(s));

		assert_int_equal(sip_addr_next(&rest, &a), 0);
		assert_true(sip_pl_eq(&a.uri_pl, "sip:a@b;x=~"));
		assert_true(sip_pl_eq(&a.tag, "x"));
		assert_true(sip_pl_eq(&a.val, "<sip:a@b;x=~>;tag=x"));
		assert_int_equal(sip_addr_next(&rest, &a), 0);
		assert_true(sip_pl_eq(&a.uri.host, "d"));
		assert_int_equal(rest.l, 0);
		guard_free(&g);
	}
}

/* A value that starts with '<': the URI up to the first '>', then the
 * parameters; every prefix against the guard page. */
static void test_laquot_first(void **state)
{
	static const char s[] = "<sip:4102@192.0.2.50:5060;transport=udp>;expires=3600";
	static const char *const bad[] = {
		"<sip:a@b>>", "<<sip:a@b>", "<sip:a b>", "<sip:a\"b>", "<",
		"<sip:a@b\t>",
	};
	struct sip_addr a;
	struct sip_pl rest;
	struct guard g;
	size_t i, n;

	(void)state;
	assert_int_equal(sip_addr_parse(&a, g_put(&g, s), strlen(s)), 0);
	assert_true(a.bracket);
	assert_null(a.dname.p);
	assert_true(sip_pl_eq(&a.val, s));
	assert_true(sip_pl_eq(&a.uri_pl, "sip:4102@192.0.2.50:5060;transport=udp"));
	assert_true(sip_pl_eq(&a.uri.transport, "udp"));
	assert_int_equal(a.uri.port, 5060);
	assert_true(sip_pl_eq(&a.expires, "3600"));
	assert_true(sip_pl_eq(&a.params, "expires=3600"));
	guard_free(&g);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (sip_addr_parse(&a, g_put(&g, bad[i]), strlen(bad[i])) != -EBADMSG)
			fail_msg("accepted '%s'", bad[i]);
		guard_free(&g);
	}
	rest = sip_pl_mk(g_put(&g, "<sip:a@b>, <sip:c@d>"), 20);
	assert_int_equal(sip_addr_next(&rest, &a), 0);
	assert_true(sip_pl_eq(&a.uri.host, "b"));
	assert_int_equal(sip_addr_next(&rest, &a), 0);
	assert_true(sip_pl_eq(&a.uri.host, "d"));
	assert_int_equal(sip_addr_next(&rest, &a), -ENOENT);
	guard_free(&g);
	for (n = 0; n <= sizeof(s) - 1; n++) {
		const char *p = guard_put(&g, s, n);

		assert_non_null(p);
		(void)sip_addr_parse(&a, p, n);
		guard_free(&g);
	}
}

/* Remote-Party-ID and Diversion are name-addrs with parameters. */
static void test_rpid_diversion(void **state)
{
	const char *s = "\"Alice\" <sip:4250@sip.example.com>;party=calling;screen=yes;privacy=off";
	struct sip_addr a;
	struct sip_pl v;
	struct guard g;

	(void)state;
	assert_int_equal(sip_addr_parse(&a, g_put(&g, s), strlen(s)), 0);
	assert_int_equal(sip_addr_param(&a.params, "party", &v), 0);
	assert_true(sip_pl_eq(&v, "calling"));
	assert_int_equal(sip_addr_param(&a.params, "privacy", &v), 0);
	assert_true(sip_pl_eq(&v, "off"));
	guard_free(&g);
	s = "<sip:4300@sip.example.com>;reason=no-answer;counter=1";
	assert_int_equal(sip_addr_parse(&a, g_put(&g, s), strlen(s)), 0);
	assert_int_equal(sip_addr_param(&a.params, "reason", &v), 0);
	assert_true(sip_pl_eq(&v, "no-answer"));
	guard_free(&g);
}

static void test_via(void **state)
{
	const char *s = "SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;branch=390skdjuw";
	struct sip_via v;
	struct sip_pl rest;
	struct guard g;

	(void)state;
	assert_int_equal(sip_via_parse(&v, g_put(&g, s), strlen(s)), 0);
	assert_true(sip_pl_eq(&v.transport, "UDP"));
	assert_true(sip_pl_eq(&v.host, "192.0.2.2"));
	assert_true(sip_pl_eq(&v.branch, "390skdjuw"));
	assert_false(sip_via_rfc3261(&v));
	guard_free(&g);
	s = "SIP/2.0/UDP [2001:db8::9:1]:5060;received=2001:db8::9:255;branch=z9hG4bKas3;rport;ttl=1;maddr=239.0.0.1";
	assert_int_equal(sip_via_parse(&v, g_put(&g, s), strlen(s)), 0);
	assert_true(sip_pl_eq(&v.host, "[2001:db8::9:1]"));
	assert_int_equal(v.port, 5060);
	assert_true(sip_pl_eq(&v.received, "2001:db8::9:255"));
	assert_true(v.rport_flag);
	assert_false(sip_pl_isset(&v.rport));
	assert_true(sip_pl_eq(&v.ttl, "1"));
	assert_true(sip_pl_eq(&v.maddr, "239.0.0.1"));
	assert_true(sip_via_rfc3261(&v));
	guard_free(&g);
	s = "SIP/2.0/UDP a;rport=5060, SIP/2.0/SCTP b, SIP/2.0/UNKNOWN c:1";
	rest = sip_pl_mk(g_put(&g, s), strlen(s));
	assert_int_equal(sip_via_next(&rest, &v), 0);
	assert_true(sip_pl_eq(&v.rport, "5060"));
	assert_int_equal(sip_via_next(&rest, &v), 0);
	assert_int_equal(sip_via_next(&rest, &v), 0);
	assert_true(sip_pl_eq(&v.transport, "UNKNOWN"));
	assert_int_equal(sip_via_next(&rest, &v), -ENOENT);
	guard_free(&g);
}

static void test_via_bad(void **state)
{
	static const char *const bad[] = {
		"", "SIP/2.0/UDP", "SIP/2.0 h", "SIP/2.0/UDP h;;", "SIP/2.0/UDP h:65536",
		"SIP/2.0/UDP h;ttl=256", "SIP/2.0/UDP h;rport=x", "SIP/2.0/UDP h,",
		"SIP/2.0/UDP h;branch=", "SIP/2.0/UDPh",
	};
	struct sip_via v;
	struct guard g;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (sip_via_parse(&v, g_put(&g, bad[i]), strlen(bad[i])) != -EBADMSG)
			fail_msg("accepted '%s'", bad[i]);
		guard_free(&g);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_addr),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_addr_bad),
		cmocka_unit_test(test_addr_bad_last),
		cmocka_unit_test(test_laquot_first),
		cmocka_unit_test(test_rpid_diversion),
		cmocka_unit_test(test_via),
		cmocka_unit_test(test_via_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
