/*
 * test_sip_hval.c - the smaller header values: CSeq, numbers, Call-ID,
 * Date, Retry-After, Warning, Event, Subscription-State, Replaces, token
 * lists, Alert-Info, Content-Type.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "sip/sip_hval.h"
#include "support/guard.h"

static struct guard g;

static const char *gp(const char *s)
{
	const char *p;

	/* The previous input stays mapped until the next one: its slices
	 * are checked after the call. */
	guard_free(&g);
	p = guard_put(&g, s, strlen(s));
	assert_non_null(p);
	return p;
}

#define WITH(s, call) do { const char *p_ = gp(s); rc = (call); } while (0)

static void test_cseq(void **state)
{
	struct sip_cseq c;
	int rc;
	const char *s;

	(void)state;
	s = "0009\r\n  INVITE";
	WITH(s, sip_cseq_parse(&c, p_, strlen(s)));
	assert_int_equal(rc, 0);
	assert_int_equal(c.num, 9);
	assert_int_equal(c.mid, SIP_METHOD_INVITE);
	s = "4294967295 ACK";
	WITH(s, sip_cseq_parse(&c, p_, strlen(s)));
	assert_int_equal(rc, 0);
	assert_int_equal(c.num, UINT32_MAX);
	assert_int_equal(c.mid, SIP_METHOD_ACK);
	s = "4294967296 ACK";
	WITH(s, sip_cseq_parse(&c, p_, strlen(s)));
	assert_int_equal(rc, -EBADMSG);
	s = "1INVITE";
	WITH(s, sip_cseq_parse(&c, p_, strlen(s)));
	assert_int_equal(rc, -EBADMSG);
	s = "-1 INVITE";
	WITH(s, sip_cseq_parse(&c, p_, strlen(s)));
	assert_int_equal(rc, -EBADMSG);
	s = "1 invite";
	WITH(s, sip_cseq_parse(&c, p_, strlen(s)));
	assert_int_equal(rc, 0);
	assert_int_equal(c.mid, SIP_METHOD_OTHER); /* methods are case-sensitive */
}

static void test_numbers_callid(void **state)
{
	uint32_t v;
	int rc;

	(void)state;
	WITH("255", sip_hval_u32(p_, 3, 255, &v));
	assert_int_equal(rc, 0);
	assert_int_equal(v, 255);
	WITH("256", sip_hval_u32(p_, 3, 255, &v));
	assert_int_equal(rc, -EBADMSG);
	WITH("00000000000000000000070", sip_hval_u32(p_, 23, 255, &v));
	assert_int_equal(rc, 0);
	assert_int_equal(v, 70);
	WITH("", sip_hval_u32(p_, 0, 255, &v));
	assert_int_equal(rc, -EBADMSG);
	WITH("abc@def", sip_callid_check(p_, 7));
	assert_int_equal(rc, 0);
	WITH("a b", sip_callid_check(p_, 3));
	assert_int_equal(rc, -EBADMSG);
	WITH("a@b@c", sip_callid_check(p_, 5));
	assert_int_equal(rc, -EBADMSG);
}

/* sip_pl_u32: the in-line path (up to 9 digits) and the long one agree at
 * the edge; "above MAX" wins over a later bad byte, as byte by byte. */
static void test_pl_u32(void **state)
{
	static const struct {
		const char *s;
		uint32_t max;
		int rc;
		uint32_t v;
	} t[] = {
		{"0", 0, 0, 0},
		{"255", 255, 0, 255},
		{"256", 255, -ERANGE, 0},
		{"300x", 255, -ERANGE, 0},
		{"30x", 255, -EINVAL, 0},
		{"x", 255, -EINVAL, 0},
		{"", 255, -EINVAL, 0},
		{"999999999", UINT32_MAX, 0, 999999999},
		{"4294967295", UINT32_MAX, 0, UINT32_MAX},
		{"4294967296", UINT32_MAX, -ERANGE, 0},
		{"99999999999999999999", UINT32_MAX, -ERANGE, 0},
		{"000000000000065535", 65535, 0, 65535},
		{"000000000000065536", 65535, -ERANGE, 0},
		{"00000000000000000x", 65535, -EINVAL, 0},
		{"12345678 ", UINT32_MAX, -EINVAL, 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct sip_pl pl = {t[i].s, strlen(t[i].s)};
		uint32_t v = 7;

		assert_int_equal(sip_pl_u32(&pl, t[i].max, &v), t[i].rc);
		assert_int_equal(v, t[i].rc ? 7 : t[i].v);
	}
}

static void test_date(void **state)
{
	struct sip_date d;
	int rc;
	const char *s;

	(void)state;
	s = "Sat, 13 Nov 2010 23:29:00 GMT";
	WITH(s, sip_date_parse(&d, p_, strlen(s)));
	assert_int_equal(rc, 0);
	assert_int_equal(d.wday, 6);
	assert_int_equal(d.day, 13);
	assert_int_equal(d.mon, 11);
	assert_int_equal(d.year, 2010);
	assert_int_equal(d.hour, 23);
	assert_int_equal(d.min, 29);
	assert_int_equal(d.tz_min, 0);
	s = "Mon, 10 Jul 2000 16:28:53 -0700"; /* the guide's NOTIFY */
	WITH(s, sip_date_parse(&d, p_, strlen(s)));
	assert_int_equal(rc, 0);
	assert_int_equal(d.tz_min, -420);
	s = "Fri, 01 Jan 2010 16:00:00 EST"; /* RFC 4475 baddate */
	WITH(s, sip_date_parse(&d, p_, strlen(s)));
	assert_int_equal(rc, -EBADMSG);
	s = "Mon, 32 Jul 2000 16:28:53 GMT";
	WITH(s, sip_date_parse(&d, p_, strlen(s)));
	assert_int_equal(rc, -EBADMSG);
	s = "Mon, 10 Jul 2000 24:28:53 GMT";
	WITH(s, sip_date_parse(&d, p_, strlen(s)));
	assert_int_equal(rc, -EBADMSG);
}

static void test_retry_warning(void **state)
{
	struct sip_retry_after r;
	struct sip_warning w;
	struct sip_pl rest;
	int rc;
	const char *s;

	(void)state;
	s = "18000 (in a meeting);duration=3600";
	WITH(s, sip_retry_after_parse(&r, p_, strlen(s)));
	assert_int_equal(rc, 0);
	assert_int_equal(r.secs, 18000);
	s = "4294967296";
	WITH(s, sip_retry_after_parse(&r, p_, strlen(s)));
	assert_int_equal(rc, -EBADMSG);
	s = "370 devnull \"Choose a bigger pipe\", 307 isi.edu \"Session parameter 'foo' not understood\"";
	rest = sip_pl_mk(gp(s), strlen(s));
	assert_int_equal(sip_warning_next(&rest, &w), 0);
	assert_int_equal(w.code, 370);
	assert_true(sip_pl_eq(&w.agent, "devnull"));
	assert_true(sip_pl_eq(&w.text, "Choose a bigger pipe"));
	assert_int_equal(sip_warning_next(&rest, &w), 0);
	assert_int_equal(w.code, 307);
	assert_int_equal(sip_warning_next(&rest, &w), -ENOENT);
	guard_free(&g);
	s = "1812 overture \"In Progress\""; /* RFC 4475 scalarlg */
	rest = sip_pl_mk(gp(s), strlen(s));
	assert_int_equal(sip_warning_next(&rest, &w), -EBADMSG);
	guard_free(&g);
}

static void test_event_substate_replaces(void **state)
{
	struct sip_event e;
	struct sip_substate ss;
	struct sip_replaces r;
	int rc;
	const char *s;

	(void)state;
	s = "refer;id=93809824";
	WITH(s, sip_event_parse(&e, p_, strlen(s)));
	assert_int_equal(rc, 0);
	assert_true(sip_pl_eq(&e.type, "refer"));
	assert_true(sip_pl_eq(&e.id, "93809824"));
	s = "message-summary";
	WITH(s, sip_event_parse(&e, p_, strlen(s)));
	assert_int_equal(rc, 0);
	s = "check sync";
	WITH(s, sip_event_parse(&e, p_, strlen(s)));
	assert_int_equal(rc, -EBADMSG);
	s = "terminated;reason=noresource";
	WITH(s, sip_substate_parse(&ss, p_, strlen(s)));
	assert_int_equal(rc, 0);
	assert_true(sip_pl_eq(&ss.state, "terminated"));
	assert_true(sip_pl_eq(&ss.reason, "noresource"));
	s = "active;expires=x";
	WITH(s, sip_substate_parse(&ss, p_, strlen(s)));
	assert_int_equal(rc, -EBADMSG);
	s = "425928@bobster.example.org;to-tag=7743;from-tag=6472;early-only";
	WITH(s, sip_replaces_parse(&r, p_, strlen(s)));
	assert_int_equal(rc, 0);
	assert_true(sip_pl_eq(&r.call_id, "425928@bobster.example.org"));
	assert_true(sip_pl_eq(&r.to_tag, "7743"));
	assert_true(sip_pl_eq(&r.from_tag, "6472"));
	assert_true(r.early_only);
	s = "425928@bobster.example.org;to-tag=7743";
	WITH(s, sip_replaces_parse(&r, p_, strlen(s)));
	assert_int_equal(rc, -EBADMSG);
}

static void test_lists(void **state)
{
	struct sip_pl rest, tok;
	struct sip_alert_info a;
	struct sip_ctype c;
	unsigned n = 0;
	int rc;
	const char *s;

	(void)state;
	s = "INVITE, ACK,\r\n BYE ,CANCEL";
	rest = sip_pl_mk(gp(s), strlen(s));
	while (sip_token_next(&rest, &tok) == 0)
		n++;
	assert_int_equal(n, 4);
	assert_true(sip_pl_eq(&tok, "CANCEL"));
	guard_free(&g);
	s = "a,,b";
	rest = sip_pl_mk(gp(s), strlen(s));
	assert_int_equal(sip_token_next(&rest, &tok), 0);
	assert_int_equal(sip_token_next(&rest, &tok), -EBADMSG);
	guard_free(&g);
	s = "<http://www.example.com/sounds/moo.wav>;appearance=2, 3";
	rest = sip_pl_mk(gp(s), strlen(s));
	assert_int_equal(sip_alert_info_next(&rest, &a), 0);
	assert_true(a.bracket);
	assert_true(sip_pl_eq(&a.uri, "http://www.example.com/sounds/moo.wav"));
	assert_int_equal(sip_alert_info_next(&rest, &a), 0);
	assert_false(a.bracket);
	assert_true(sip_pl_eq(&a.uri, "3")); /* the guide's "Alert-info: x" */
	guard_free(&g);
	s = "multipart/signed;protocol=\"application/pkcs7-signature\";micalg=sha1";
	WITH(s, sip_ctype_parse(&c, p_, strlen(s)));
	assert_int_equal(rc, 0);
	assert_true(sip_pl_eq(&c.type, "multipart"));
	assert_true(sip_pl_eq(&c.subtype, "signed"));
	s = "application";
	WITH(s, sip_ctype_parse(&c, p_, strlen(s)));
	assert_int_equal(rc, -EBADMSG);
}

/* Every method's CSeq names it as sip_method_id() does; near misses and
 * case variants are others.  Long numbers with leading zeros still fit. */
static void test_cseq_methods(void **state)
{
	static const char *const other[] = {
		"AC", "ACKK", "BYEE", "INF", "INFOO", "PRACKK", "REFE",
		"INVITEE", "INVIT", "Invite", "SUBSCRIB", "SUBSCRIBEE",
		"REGISTERR", "OPTIONs", "MESSAGf", "PUBLISh", "NOTIFz",
		"UPDATe", "CANCEl", "bye", "X",
	};
	struct sip_cseq c;
	char s[64];
	int rc, m;
	size_t i;

	(void)state;
	for (m = 1; m < SIP_METHOD__COUNT; m++) {
		snprintf(s, sizeof(s), "%d %s", m, sip_method_name(m));
		WITH(s, sip_cseq_parse(&c, p_, strlen(s)));
		assert_int_equal(rc, 0);
		assert_int_equal(c.num, (uint32_t)m);
		assert_int_equal(c.mid, m);
		assert_int_equal(c.mid, sip_method_id(&c.method));
	}
	for (i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		snprintf(s, sizeof(s), "7 %s", other[i]);
		WITH(s, sip_cseq_parse(&c, p_, strlen(s)));
		assert_int_equal(rc, 0);
		assert_int_equal(c.mid, SIP_METHOD_OTHER);
	}
	WITH("000000004294967295 BYE", sip_cseq_parse(&c, p_, 22));
	assert_int_equal(rc, 0);
	assert_int_equal(c.num, UINT32_MAX);
	WITH("123456789 BYE", sip_cseq_parse(&c, p_, 13));
	assert_int_equal(rc, 0);
	assert_int_equal(c.num, 123456789);
	WITH("9999999999 BYE", sip_cseq_parse(&c, p_, 14));
	assert_int_equal(rc, -EBADMSG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cseq),
		cmocka_unit_test(test_numbers_callid),
		cmocka_unit_test(test_pl_u32),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_retry_warning),
		cmocka_unit_test(test_event_substate_replaces),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_cseq_methods),
	};

	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	guard_free(&g);
	return rc;
}
