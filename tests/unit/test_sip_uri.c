/*
 * test_sip_uri.c - SIP/SIPS/tel/other URIs (RFC 3261 s.19.1, RFC 3966).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "sip/sip_hval.h"
#include "sip/sip_uri.h"
#include "support/guard.h"

static int parse(struct sip_uri *u, const char *s, struct guard *g)
{
	const char *p = guard_put(g, s, strlen(s));

	assert_non_null(p);
	return sip_uri_parse(u, p, strlen(s));
}

/* Parameter names match in any case against a lower-case literal. */
static void test_pl_lceq(void **state)
{
	struct sip_pl a = SIP_PL_INIT("TransPort"), b = SIP_PL_INIT("transpor");
	struct sip_pl c = SIP_PL_INIT("m-ADDR"), none = {NULL, 0};

	(void)state;
	assert_true(sip_pl_lceq(&a, "transport"));
	assert_false(sip_pl_lceq(&a, "transporx"));
	assert_false(sip_pl_lceq(&b, "transport"));
	assert_true(sip_pl_lceq(&c, "m-addr"));
	assert_false(sip_pl_lceq(&none, ""));
}

static void test_full(void **state)
{
	struct sip_uri u;
	struct sip_pl v;
	struct guard g;

	(void)state;
	assert_int_equal(parse(&u, "sip:alice:secret@atlanta.com:5061;transport=tcp;lr;x=y?Subject=hi&Priority=urgent", &g), 0);
	assert_int_equal(u.scheme, SIP_URI_SIP);
	assert_true(sip_pl_eq(&u.user, "alice"));
	assert_true(sip_pl_eq(&u.password, "secret"));
	assert_true(sip_pl_eq(&u.host, "atlanta.com"));
	assert_int_equal(u.port, 5061);
	assert_true(sip_pl_eq(&u.transport, "tcp"));
	assert_true(u.lr);
	assert_true(sip_pl_eq(&u.params, "transport=tcp;lr;x=y"));
	assert_true(sip_pl_eq(&u.headers, "Subject=hi&Priority=urgent"));
	assert_int_equal(sip_uri_param(&u, "X", &v), 0);
	assert_true(sip_pl_eq(&v, "y"));
	assert_int_equal(sip_uri_param(&u, "lr", &v), 0);
	assert_int_equal(v.l, 0);
	assert_int_equal(sip_uri_param(&u, "nope", &v), -ENOENT);
	assert_int_equal(sip_uri_header(&u, "priority", &v), 0);
	assert_true(sip_pl_eq(&v, "urgent"));
	guard_free(&g);
}

static void test_forms(void **state)
{
	struct sip_uri u;
	struct guard g;

	(void)state;
	assert_int_equal(parse(&u, "sip:192.0.2.50", &g), 0);
	assert_false(sip_pl_isset(&u.user));
	assert_true(sip_pl_eq(&u.host, "192.0.2.50"));
	guard_free(&g);
	assert_int_equal(parse(&u, "SIPS:[2001:db8::10]:5070", &g), 0);
	assert_int_equal(u.scheme, SIP_URI_SIPS);
	assert_true(sip_pl_eq(&u.host, "[2001:db8::10]"));
	assert_int_equal(u.port, 5070);
	guard_free(&g);
	/* The user part may hold ';' (RFC 4475 semiuri). */
	assert_int_equal(parse(&u, "sip:user;par=u%40example.net@example.com", &g), 0);
	assert_true(sip_pl_eq(&u.user, "user;par=u%40example.net"));
	assert_true(sip_pl_eq(&u.host, "example.com"));
	assert_false(sip_pl_isset(&u.params));
	guard_free(&g);
	/* ... and what the host reading took for lr, maddr and headers is
	 * forgotten at the '@'. */
	assert_int_equal(parse(&u, "sip:a;lr;maddr=m?x=y@h.example", &g), 0);
	assert_true(sip_pl_eq(&u.user, "a;lr;maddr=m?x=y"));
	assert_true(sip_pl_eq(&u.host, "h.example"));
	assert_int_equal(u.lr, 0);
	assert_false(sip_pl_isset(&u.maddr));
	assert_false(sip_pl_isset(&u.params));
	assert_false(sip_pl_isset(&u.headers));
	guard_free(&g);
	/* Headers alone, or a port, taken by the host reading: forgotten. */
	assert_int_equal(parse(&u, "sip:a?x=y@h", &g), 0);
	assert_true(sip_pl_eq(&u.user, "a?x=y"));
	assert_false(sip_pl_isset(&u.headers));
	guard_free(&g);
	assert_int_equal(parse(&u, "sip:a:5060@h", &g), 0);
	assert_true(sip_pl_eq(&u.user, "a"));
	assert_true(sip_pl_eq(&u.password, "5060"));
	assert_true(sip_pl_eq(&u.host, "h"));
	assert_false(sip_pl_isset(&u.port_pl));
	assert_int_equal(u.port, 0);
	guard_free(&g);
	assert_int_equal(parse(&u, "sip:host;maddr=239.255.255.1;ttl=15", &g), 0);
	assert_true(sip_pl_eq(&u.host, "host"));
	assert_true(sip_pl_eq(&u.maddr, "239.255.255.1"));
	assert_true(sip_pl_eq(&u.ttl, "15"));
	guard_free(&g);
	assert_int_equal(parse(&u, "tel:+1-201-555-0123;phone-context=example.com", &g), 0);
	assert_int_equal(u.scheme, SIP_URI_TEL);
	assert_true(sip_pl_eq(&u.user, "+1-201-555-0123"));
	guard_free(&g);
	assert_int_equal(parse(&u, "mailto:bob@example.com", &g), 0);
	assert_int_equal(u.scheme, SIP_URI_OTHER);
	assert_true(sip_pl_eq(&u.scheme_pl, "mailto"));
	assert_true(sip_pl_eq(&u.rest, "bob@example.com"));
	guard_free(&g);
	/* Host labels of one byte and more, a trailing dot. */
	assert_int_equal(parse(&u, "sip:u@a.b-c_d.e.:5;lr", &g), 0);
	assert_true(sip_pl_eq(&u.host, "a.b-c_d.e."));
	assert_int_equal(u.port, 5);
	assert_true(u.lr);
	guard_free(&g);
	assert_int_equal(parse(&u, "sip:x", &g), 0);
	assert_true(sip_pl_eq(&u.host, "x"));
	guard_free(&g);
	assert_int_equal(parse(&u, "sip:a..b", &g), -EBADMSG);
	guard_free(&g);
	/* The scheme in any case; a longer one is another scheme. */
	assert_int_equal(parse(&u, "SiP:a@h", &g), 0);
	assert_int_equal(u.scheme, SIP_URI_SIP);
	assert_true(sip_pl_eq(&u.scheme_pl, "SiP"));
	assert_true(sip_pl_eq(&u.user, "a"));
	guard_free(&g);
	assert_int_equal(parse(&u, "sipx:a@h", &g), 0);
	assert_int_equal(u.scheme, SIP_URI_OTHER);
	assert_true(sip_pl_eq(&u.scheme_pl, "sipx"));
	guard_free(&g);
	assert_int_equal(parse(&u, "sip:%61lice@h:0", &g), 0);
	assert_int_equal(u.port, 0);
	guard_free(&g);
}

static void test_bad(void **state)
{
	static const char *const bad[] = {
		"", "sip:", "sip:@h", "sip:a@", "sip:h:65536", "sip:h:99999999999",
		"sip:a b@h", "<sip:a@b>", "sip:2001:db8::10", "sip:h;", "sip:h?",
		"sip:a%4@h", "sip:a%zz@h", "tel:", "nocolon", "1x:y", "sip:[::1",
		"sip:h:", "sip:a@h;x=\"q\"",
	};
	struct sip_uri u;
	struct guard g;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(&u, bad[i], &g) != -EBADMSG)
			fail_msg("accepted '%s'", bad[i]);
		guard_free(&g);
	}
	assert_int_equal(parse(&u, "sip:h:65535", &g), 0);
	assert_int_equal(u.port, 65535);
	guard_free(&g);
	/* Leading zeros: the value decides. */
	assert_int_equal(parse(&u, "sip:h:0000000000065535", &g), 0);
	assert_int_equal(u.port, 65535);
	guard_free(&g);
	assert_int_equal(parse(&u, "sip:h:0000000000065536", &g), -EBADMSG);
	assert_false(sip_pl_isset(&u.host));
	guard_free(&g);
}

/* Well-known parameter names in any case; look-alikes are not them. */
static void test_param_names(void **state)
{
	struct sip_uri u;
	struct guard g;

	(void)state;
	assert_int_equal(parse(&u, "sip:h;TRANSPORT=tcp;User=phone;mAddr=m;TTL=1;Method=INVITE;LR", &g), 0);
	assert_true(sip_pl_eq(&u.transport, "tcp"));
	assert_true(sip_pl_eq(&u.user_param, "phone"));
	assert_true(sip_pl_eq(&u.maddr, "m"));
	assert_true(sip_pl_eq(&u.ttl, "1"));
	assert_true(sip_pl_eq(&u.method, "INVITE"));
	assert_true(u.lr);
	guard_free(&g);
	/* Bytes that differ from a letter only in bit 5, and escapes. */
	assert_int_equal(parse(&u, "sip:h;tran%73port=x;lR=1;l2;tt~=2;transpor=3;transports=4;m%41ddr=5", &g), 0);
	assert_false(sip_pl_isset(&u.transport));
	assert_false(sip_pl_isset(&u.ttl));
	assert_false(sip_pl_isset(&u.maddr));
	assert_true(u.lr);
	guard_free(&g);
	assert_int_equal(parse(&u, "sip:h;l", &g), 0);
	assert_false(u.lr);
	guard_free(&g);
}

/* Refer-To with an escaped Replaces (RFC 3891 s.7, RFC 3515). */
static void test_escaped_replaces(void **state)
{
	struct sip_uri u;
	struct sip_pl v;
	struct sip_replaces r;
	struct guard g;
	char buf[128];
	size_t n;

	(void)state;
	assert_int_equal(parse(&u, "sip:4300@sip.example.com?Replaces=7a6b%40203.0.113.77%3Bto-tag%3Dasf1%3Bfrom-tag%3D42", &g), 0);
	assert_int_equal(sip_uri_header(&u, "Replaces", &v), 0);
	assert_int_equal(sip_pl_unescape(buf, sizeof(buf), &v, &n), 0);
	assert_int_equal(sip_replaces_parse(&r, buf, n), 0);
	assert_true(sip_pl_eq(&r.call_id, "7a6b@203.0.113.77"));
	assert_true(sip_pl_eq(&r.to_tag, "asf1"));
	assert_true(sip_pl_eq(&r.from_tag, "42"));
	assert_int_equal(sip_pl_unescape(buf, 4, &v, &n), -ENOBUFS);
	guard_free(&g);
}

/* Parameter values may hold '&' (s.25.1 param-unreserved); found by fuzzing:
 * the walk once stopped there without consuming it. */
static void test_param_walk(void **state)
{
	struct sip_uri u;
	struct sip_pl rest, n, v;
	struct guard g;
	unsigned cnt = 0;

	(void)state;
	assert_int_equal(parse(&u, "sip:h;lr;maddsx=hi&Pz;e:s;x", &g), 0);
	rest = u.params;
	while (sip_uri_param_next(&rest, &n, &v) == 0) {
		if (cnt == 1) {
			assert_true(sip_pl_eq(&n, "maddsx"));
			assert_true(sip_pl_eq(&v, "hi&Pz"));
		}
		assert_true(cnt++ < 4);
	}
	assert_int_equal(cnt, 4);
	guard_free(&g);
}

/* Every prefix of a URI against the guard page. */
static void test_prefixes(void **state)
{
	static const char s[] = "sips:u:p@[2001:db8::1]:5061;transport=tls;lr?h=v&i=w";
	struct sip_uri u;
	struct guard g;
	size_t n;

	(void)state;
	for (n = 0; n <= sizeof(s) - 1; n++) {
		const char *p = guard_put(&g, s, n);

		assert_non_null(p);
		(void)sip_uri_parse(&u, p, n);
		guard_free(&g);
	}
}

/* A host's labels and inner dots are skipped in one jump; a doubled,
 * leading or trailing '.' is still the grammar's, and so is every prefix. */
static void test_dotted_hosts(void **state)
{
	static const char *const ok[] = {
		"sip:a.b.c", "sip:a.b.", "sip:a.b.:5060", "sip:a.b.c@d.e.f",
		"sip:192.0.2.50:5060;lr", "sip:a-b.c_d.e", "sip:1.2.3.4.",
	};
	static const char *const bad[] = {
		"sip:a..b", "sip:.a", "sip:a.b..", "sip:u@a..b", "sip:u@.a",
		"sip:a.b.c:", "sip:u@a.b.c.:x",
	};
	static const char s[] = "sip:4102@sip.example.com.:5060;lr";
	struct sip_uri u;
	struct guard g;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(parse(&u, ok[i], &g), 0);
		guard_free(&g);
	}
	assert_int_equal(parse(&u, "sip:4102@sip.example.com.:5060", &g), 0);
	assert_true(sip_pl_eq(&u.host, "sip.example.com."));
	assert_int_equal(u.port, 5060);
	guard_free(&g);
	assert_int_equal(parse(&u, "sip:a.b.c", &g), 0);
	assert_true(sip_pl_eq(&u.host, "a.b.c"));
	assert_null(u.user.p);
	guard_free(&g);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(&u, bad[i], &g), -EBADMSG);
		guard_free(&g);
	}
	for (n = 0; n <= sizeof(s) - 1; n++) {
		const char *p = guard_put(&g, s, n);

		assert_non_null(p);
		(void)sip_uri_parse(&u, p, n);
		guard_free(&g);
	}
}

/* Ports: at most 65535 whatever the leading zeros, however many digits. */
static void test_ports(void **state)
{
	static const struct {
		const char *s;
		int rc;
		uint16_t port;
	} t[] = {
		{"sip:h:0", 0, 0}, {"sip:h:00000", 0, 0}, {"sip:h:5060", 0, 5060},
		{"sip:h:65535", 0, 65535}, {"sip:h:0065535", 0, 65535},
		{"sip:h:000000000000000065535", 0, 65535},
		{"sip:h:65536", -EBADMSG, 0}, {"sip:h:99999", -EBADMSG, 0},
		{"sip:h:100000", -EBADMSG, 0}, {"sip:h:0000065536", -EBADMSG, 0},
		{"sip:h:4294967296", -EBADMSG, 0},
		{"sip:h:18446744073709551616", -EBADMSG, 0},
		{"sip:u@h:06553;lr", 0, 6553},
	};
	struct sip_uri u;
	struct guard g;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(parse(&u, t[i].s, &g), t[i].rc);
		assert_int_equal(u.port, t[i].port);
		guard_free(&g);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pl_lceq),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_param_names),
		cmocka_unit_test(test_escaped_replaces),
		cmocka_unit_test(test_param_walk),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_dotted_hosts),
		cmocka_unit_test(test_ports),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
