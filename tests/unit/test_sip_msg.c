/*
 * test_sip_msg.c - SIP message parsing: framing, headers, errors, limits,
 * RFC 4475 / RFC 5118 conformance, replay of a phone's traffic.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sip/sip_msg.h"
#include "support/guard.h"

static struct sip_msg msg;
static char fbuf[SIP_MSG_MAX_SIZE + 16];

/* Parse LEN bytes placed against a guard page. */
static int parse_g(const char *s, size_t len, unsigned flags,
		   struct sip_err *err, struct guard *g)
{
	const char *p = guard_put(g, s, len);

	assert_non_null(p);
	return sip_msg_parse(&msg, p, len, flags, err);
}

static int parse_s(const char *s, struct sip_err *err, struct guard *g)
{
	return parse_g(s, strlen(s), 0, err, g);
}

#define INVITE \
	"INVITE sip:4250@sip.example.com SIP/2.0\r\n" \
	"Via: SIP/2.0/UDP 192.0.2.50:5060;branch=z9hG4bK5a1b2c3d\r\n" \
	"Max-Forwards: 70\r\n" \
	"From: \"Desk 4102\" <sip:4102@sip.example.com>;tag=1928301774\r\n" \
	"To: <sip:4250@sip.example.com>\r\n" \
	"Call-ID: 8f14e45f@192.0.2.50\r\n" \
	"CSeq: 20 INVITE\r\n" \
	"Contact: <sip:4102@192.0.2.50:5060>\r\n" \
	"Content-Type: application/sdp\r\n" \
	"Content-Length: 10\r\n" \
	"\r\n" \
	"v=0\r\ns=x\r\n"

static void test_request(void **state)
{
	struct sip_err err;
	struct guard g;

	(void)state;
	assert_int_equal(parse_s(INVITE, &err, &g), 0);
	assert_true(msg.is_request);
	assert_int_equal(msg.mid, SIP_METHOD_INVITE);
	assert_true(sip_pl_eq(&msg.method, "INVITE"));
	assert_int_equal(msg.ruri.scheme, SIP_URI_SIP);
	assert_true(sip_pl_eq(&msg.ruri.user, "4250"));
	assert_true(sip_pl_eq(&msg.ruri.host, "sip.example.com"));
	assert_int_equal(msg.via_count, 1);
	assert_true(sip_pl_eq(&msg.via.branch, "z9hG4bK5a1b2c3d"));
	assert_true(sip_pl_eq(&msg.via.host, "192.0.2.50"));
	assert_int_equal(msg.via.port, 5060);
	assert_true(sip_pl_eq(&msg.from.tag, "1928301774"));
	assert_true(sip_pl_eq(&msg.from.dname, "Desk 4102"));
	assert_false(sip_pl_isset(&msg.to.tag));
	assert_true(sip_pl_eq(&msg.call_id, "8f14e45f@192.0.2.50"));
	assert_int_equal(msg.cseq.num, 20);
	assert_int_equal(msg.cseq.mid, SIP_METHOD_INVITE);
	assert_int_equal(msg.contact_count, 1);
	assert_int_equal(msg.contact.uri.port, 5060);
	assert_int_equal(msg.max_forwards, 70);
	assert_true(sip_pl_eq(&msg.ctype.subtype, "sdp"));
	assert_int_equal(msg.body.l, 10);
	assert_memory_equal(msg.body.p, "v=0\r\ns=x\r\n", 10);
	assert_int_equal(msg.nhdr, 9);
	assert_int_equal(msg.len, strlen(INVITE));
	guard_free(&g);
}

static void test_response_and_lookup(void **state)
{
	static const char r[] =
		"SIP/2.0 180 Ringing\r\n"
		"v: SIP/2.0/UDP 192.0.2.50:5060;branch=z9hG4bKa, SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bKb\r\n"
		"Via: SIP/2.0/TCP proxy.example.com;branch=z9hG4bKc;received=198.51.100.1\r\n"
		"f: <sip:a@b>;tag=1\r\n"
		"t: <sip:c@d>;tag=2\r\n"
		"i: abc\r\n"
		"CSeq: 7 INVITE\r\n"
		"X-Custom:  hello  world \r\n"
		"Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n"
		"l: 0\r\n\r\n";
	const struct sip_hdr *h;
	struct sip_err err;
	struct guard g;
	struct sip_pl rest;
	struct sip_addr a;
	struct sip_via v;
	unsigned n = 0;

	(void)state;
	assert_int_equal(parse_s(r, &err, &g), 0);
	assert_false(msg.is_request);
	assert_int_equal(msg.status, 180);
	assert_true(sip_pl_eq(&msg.reason, "Ringing"));
	assert_int_equal(msg.via_count, 3);
	assert_true(sip_pl_eq(&msg.via.branch, "z9hG4bKa"));
	h = sip_msg_hdr(&msg, SIP_HDR_VIA);
	assert_non_null(h);
	assert_true(sip_pl_eq(&h->name, "v"));
	rest = h->val;
	assert_int_equal(sip_via_next(&rest, &v), 0);
	assert_int_equal(sip_via_next(&rest, &v), 0);
	assert_true(sip_pl_eq(&v.host, "[2001:db8::1]"));
	assert_int_equal(v.port, 5070);
	assert_int_equal(sip_via_next(&rest, &v), -ENOENT);
	h = sip_msg_hdr_next(&msg, h);
	assert_non_null(h);
	assert_true(sip_pl_eq(&h->name, "Via"));
	assert_null(sip_msg_hdr_next(&msg, h));
	h = sip_msg_hdr_by_name(&msg, "x-custom");
	assert_non_null(h);
	assert_int_equal(h->id, SIP_HDR_OTHER);
	assert_true(sip_pl_eq(&h->val, "hello  world"));
	h = sip_msg_hdr(&msg, SIP_HDR_RECORD_ROUTE);
	assert_non_null(h);
	rest = h->val;
	while (sip_addr_next(&rest, &a) == 0) {
		assert_true(a.uri.lr);
		n++;
	}
	assert_int_equal(n, 2);
	assert_int_equal(msg.content_length, 0);
	assert_true(msg.has_content_length);
	guard_free(&g);
}

static void test_hdr_names(void **state)
{
	unsigned id;

	(void)state;
	for (id = 1; id < SIP_HDR__COUNT; id++) {
		const char *n = sip_hdr_name((enum sip_hdr_id)id);
		char up[40];
		size_t i;

		assert_int_equal(sip_hdr_id(n, strlen(n)), id);
		for (i = 0; n[i] && i < sizeof(up) - 1; i++)
			up[i] = (char)((n[i] >= 'a' && n[i] <= 'z') ? n[i] - 32 : n[i]);
		up[i] = '\0';
		assert_int_equal(sip_hdr_id(up, strlen(up)), id);
	}
	assert_int_equal(sip_hdr_id("Refer-To", 8), SIP_HDR_REFER_TO);
	assert_int_equal(sip_hdr_id("cseq", 4), SIP_HDR_CSEQ);
	assert_int_equal(sip_hdr_id("V", 1), SIP_HDR_VIA);
	assert_int_equal(sip_hdr_id("o", 1), SIP_HDR_EVENT);
	assert_int_equal(sip_hdr_id("r", 1), SIP_HDR_REFER_TO);
	assert_int_equal(sip_hdr_id("Vias", 4), SIP_HDR_OTHER);
	assert_int_equal(sip_hdr_id("Contac", 6), SIP_HDR_OTHER);
	assert_int_equal(sip_hdr_id("C%6Fntact", 9), SIP_HDR_OTHER);
	assert_int_equal(sip_hdr_id("", 0), SIP_HDR_OTHER);
	/* Every name with one byte changed to each other byte is unknown
	 * (or, for a compact form, the one that byte names). */
	for (id = 1; id < SIP_HDR__COUNT; id++) {
		const char *n = sip_hdr_name((enum sip_hdr_id)id);
		size_t i, l = strlen(n);
		char v[40];
		int c;

		for (i = 0; i < l; i++) {
			for (c = 1; c < 256; c++) {
				if (c == (unsigned char)n[i] ||
				    ((c | 0x20) == (n[i] | 0x20) && n[i] != '-' &&
				     (c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
					continue;
				memcpy(v, n, l);
				v[i] = (char)c;
				assert_int_equal(sip_hdr_id(v, l), SIP_HDR_OTHER);
			}
		}
		/* Shorter and longer by one byte. */
		assert_int_equal(sip_hdr_id(n, l - 1), l == 2 &&
				 sip_hdr_id(n, 1) ? sip_hdr_id(n, 1) :
				 SIP_HDR_OTHER);
		memcpy(v, n, l);
		v[l] = 's';
		assert_int_equal(sip_hdr_id(v, l + 1), SIP_HDR_OTHER);
	}
	assert_string_equal(sip_hdr_name(SIP_HDR_WWW_AUTHENTICATE),
			    "WWW-Authenticate");
}

struct bad_case {
	const char *msg;
	uint16_t status;
	const char *reason;
};

#define H3 "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: x\r\n"
#define V1 "Via: SIP/2.0/UDP h;branch=z9hG4bKx\r\n"

static const struct bad_case bad[] = {
	{"OPTIONS sip:a@b SIP/3.0\r\n" V1 H3 "CSeq: 1 OPTIONS\r\n\r\n", 505, "Version Not Supported"},
	{"OPTIONS mailto:a@b SIP/2.0\r\n" V1 H3 "CSeq: 1 OPTIONS\r\n\r\n", 416, "Unsupported URI Scheme"},
	{"OPTIONS <sip:a@b> SIP/2.0\r\n" V1 H3 "CSeq: 1 OPTIONS\r\n\r\n", 400, "Bad Request-URI"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" "Via: SIP/2.0/UDP h;;\r\n" H3 "CSeq: 1 OPTIONS\r\n\r\n", 400, "Bad Via"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" V1 H3 "CSeq: x OPTIONS\r\n\r\n", 400, "Bad CSeq"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" V1 H3 "CSeq: 4294967296 OPTIONS\r\n\r\n", 400, "Bad CSeq"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" V1 H3 "CSeq: 4294967295 INVITE\r\n\r\n", 400, "CSeq Method Mismatch"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" V1 "To: <sip:c@d>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n", 400, "Missing From"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" H3 "CSeq: 1 OPTIONS\r\n\r\n", 400, "Missing Via"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" V1 H3 "\r\n", 400, "Missing CSeq"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" V1 H3 "CSeq: 1 OPTIONS\r\nMax-Forwards: 256\r\n\r\n", 400, "Bad Max-Forwards"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" V1 H3 "CSeq: 1 OPTIONS\r\nContent-Length: 5\r\n\r\nabc", 400, "Bad Content-Length"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" V1 H3 "CSeq: 1 OPTIONS\r\nl: 1\r\nContent-Length: 1\r\n\r\nabc", 400, "Duplicate Content-Length"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" V1 H3 "CSeq: 1 OPTIONS\r\nBroken header\r\n\r\n", 400, "Bad header Broken"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" V1 H3 "CSeq: 1 OPTIONS\r\nX: a\rb\r\n\r\n", 400, "Bad header X"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" V1 H3 "CSeq: 1 OPTIONS", 400, "Bad header CSeq"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" V1 H3 "CSeq: 1 OPTIONS\r\n ", 400, "Bad header CSeq"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" V1 H3 "CSeq: 1 OPTIONS\r\nX", 400, "Bad header X"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" V1 H3 "CSeq: 1 OPTIONS\r\nDate: Mon, 10 Jul 2000 16:28:53 EST\r\n\r\n", 400, "Bad Date"},
	{"OPTIONS sip:a@b SIP/2.0\r\n" V1 "From: Bob, Smith <sip:a@b>\r\nTo: <sip:c@d>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n", 400, "Bad From"},
	{"OPTIONS  sip:a@b SIP/2.0\r\n" V1 H3 "CSeq: 1 OPTIONS\r\n\r\n", 400, "Bad Request-Line"},
	{"SIP/2.0 1000 Big\r\n" V1 H3 "CSeq: 1 OPTIONS\r\n\r\n", 400, "Bad Status-Line"},
	{"SIP/2.0 099 Small\r\n" V1 H3 "CSeq: 1 OPTIONS\r\n\r\n", 400, "Bad Status-Line"},
	{"", 400, "Bad Request-Line"},
	{"\r\n", 400, "Bad Request-Line"},
};

static void test_errors(void **state)
{
	struct sip_err err;
	struct guard g;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = parse_s(bad[i].msg, &err, &g);

		if (rc == 0 || err.status != bad[i].status ||
		    strcmp(err.reason, bad[i].reason) != 0)
			fail_msg("case %zu: rc %d status %u reason '%s' (want %u '%s')",
				 i, rc, err.status, err.reason, bad[i].status,
				 bad[i].reason);
		guard_free(&g);
	}
}

/*
 * Header values are parsed after the grammar has framed every line, but
 * the first problem in the bytes still decides: a bad value before a bad
 * line (or before the 129th header) is what the message is rejected for,
 * and err.off is one byte past the byte after that header's line.
 */
static void test_first_error_wins(void **state)
{
	static const char bad_via_then_bad_line[] =
		"OPTIONS sip:a@b SIP/2.0\r\n"
		"Via: SIP/2.0/UDP host:99999;branch=z9hG4bK1\r\n"
		"From: <sip:c@d>;tag=1\r\n"
		"Bad Line Here\r\n"
		"\r\n";
	static const char bad_line_then_bad_via[] =
		"OPTIONS sip:a@b SIP/2.0\r\n"
		"Bad Line Here\r\n"
		"Via: SIP/2.0/UDP host:99999;branch=z9hG4bK1\r\n"
		"\r\n";
	static const char last_line_bad[] =
		"OPTIONS sip:a@b SIP/2.0\r\n"
		"To: <sip:a@b>\r\n"
		"CSeq: x OPTIONS\n";
	char many[8192];
	struct sip_err err;
	struct guard g;
	size_t n, via_end;
	int i;

	(void)state;
	assert_int_equal(parse_s(bad_via_then_bad_line, &err, &g), -EBADMSG);
	assert_int_equal(err.status, 400);
	assert_string_equal(err.reason, "Bad Via");
	via_end = (size_t)(strstr(bad_via_then_bad_line, "From:") -
			   bad_via_then_bad_line);
	assert_int_equal(err.off, via_end + 1);
	guard_free(&g);

	assert_int_equal(parse_s(bad_line_then_bad_via, &err, &g), -EBADMSG);
	assert_string_equal(err.reason, "Bad header Bad");
	guard_free(&g);

	/* The value of a datagram's last line, with no empty line after it. */
	assert_int_equal(parse_s(last_line_bad, &err, &g), -EBADMSG);
	assert_string_equal(err.reason, "Bad CSeq");
	assert_int_equal(err.off, strlen(last_line_bad));
	guard_free(&g);

	/* A bad value among the first 128 headers, then too many. */
	n = (size_t)snprintf(many, sizeof(many),
			     "OPTIONS sip:a@b SIP/2.0\r\nMax-Forwards: x\r\n");
	for (i = 0; i < SIP_MSG_MAX_HDRS + 5; i++)
		n += (size_t)snprintf(many + n, sizeof(many) - n,
				      "X-Pad: %d\r\n", i);
	n += (size_t)snprintf(many + n, sizeof(many) - n, "\r\n");
	assert_true(n < sizeof(many));
	assert_int_equal(parse_g(many, n, 0, &err, &g), -EBADMSG);
	assert_string_equal(err.reason, "Bad Max-Forwards");
	guard_free(&g);
}

/* UDP framing (s.18.3): shorter Content-Length wins; no Content-Length
 * means the rest of the datagram; streams need Content-Length. */
static void test_framing(void **state)
{
	static const char m1[] = "OPTIONS sip:a@b SIP/2.0\r\n" V1 H3
				 "CSeq: 1 OPTIONS\r\nContent-Length: 2\r\n\r\nabcdef";
	static const char m2[] = "OPTIONS sip:a@b SIP/2.0\r\n" V1 H3
				 "CSeq: 1 OPTIONS\r\n\r\nabcdef";
	struct sip_err err;
	struct guard g;

	(void)state;
	assert_int_equal(parse_s(m1, &err, &g), 0);
	assert_int_equal(msg.body.l, 2);
	assert_int_equal(msg.len, strlen(m1) - 4);
	guard_free(&g);
	assert_int_equal(parse_s(m2, &err, &g), 0);
	assert_int_equal(msg.body.l, 6);
	guard_free(&g);
	assert_int_equal(parse_g(m2, strlen(m2), SIP_MSG_STREAM, &err, &g),
			 -EBADMSG);
	assert_string_equal(err.reason, "Missing Content-Length");
	guard_free(&g);
}

/* Every prefix of a valid message: no crash, no over-read, an answer. */
static void test_prefixes(void **state)
{
	struct sip_err err;
	struct guard g;
	size_t n, len = strlen(INVITE);

	(void)state;
	for (n = 0; n < len; n++) {
		int rc = parse_g(INVITE, n, 0, &err, &g);

		/* A cut after a header line may be a whole (bodiless)
		 * datagram; anything else is a 400. */
		if (rc == 0) {
			assert_true(msg.len <= n);
			assert_null(sip_msg_hdr(&msg, SIP_HDR_CONTENT_LENGTH));
		} else {
			assert_int_equal(err.status, 400);
		}
		guard_free(&g);
	}
	assert_int_equal(parse_g(INVITE, len, 0, &err, &g), 0);
	guard_free(&g);
}

static void test_lenient(void **state)
{
	static const char lf[] = "OPTIONS sip:a@b SIP/2.0\n"
		"Via: SIP/2.0/UDP h\nFrom: <sip:a@b>\nTo: <sip:c@d>\n"
		"Call-ID: x\nCSeq: 1 OPTIONS\nSubject: folded\n value\n\n";
	/* RFC 5118 style: the datagram ends after a header line. */
	static const char noend[] = "OPTIONS sip:a@b SIP/2.0\r\n" V1 H3
				    "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n";
	const struct sip_hdr *h;
	struct sip_err err;
	struct guard g;

	(void)state;
	assert_int_equal(parse_s(lf, &err, &g), 0);
	assert_false(msg.has_max_forwards);
	assert_false(sip_pl_isset(&msg.via.branch));
	h = sip_msg_hdr(&msg, SIP_HDR_SUBJECT);
	assert_non_null(h);
	assert_true(sip_pl_eq(&h->val, "folded\n value"));
	guard_free(&g);
	assert_int_equal(parse_s(noend, &err, &g), 0);
	assert_int_equal(msg.body.l, 0);
	assert_int_equal(msg.nhdr, 6);
	guard_free(&g);
	assert_int_equal(parse_g(noend, strlen(noend), SIP_MSG_STREAM, &err, &g),
			 -EBADMSG);
	guard_free(&g);
}

/* SIP_MSG_MAX_HDRS at and past the edge; SIP_MSG_MAX_SIZE likewise. */
static void test_limits(void **state)
{
	static const char head[] = "OPTIONS sip:a@b SIP/2.0\r\n" V1 H3
				   "CSeq: 1 OPTIONS\r\n";
	static char big[SIP_MSG_MAX_SIZE + 2];
	struct sip_err err;
	struct guard g;
	size_t len, base;
	unsigned i;

	(void)state;
	/* head has 5 headers. */
	len = (size_t)snprintf(big, sizeof(big), "%s", head);
	for (i = 5; i < SIP_MSG_MAX_HDRS; i++)
		len += (size_t)snprintf(big + len, sizeof(big) - len, "X: %u\r\n", i);
	memcpy(big + len, "\r\n", 2);
	assert_int_equal(parse_g(big, len + 2, 0, &err, &g), 0);
	assert_int_equal(msg.nhdr, SIP_MSG_MAX_HDRS);
	guard_free(&g);
	len += (size_t)snprintf(big + len, sizeof(big) - len, "X: last\r\n\r\n");
	assert_int_equal(parse_g(big, len, 0, &err, &g), -EBADMSG);
	assert_int_equal(err.status, 400);
	assert_string_equal(err.reason, "Too Many Headers");
	guard_free(&g);

	/* A body that brings the message exactly to the limit, then one past. */
	base = (size_t)snprintf(big, sizeof(big), "%s\r\n", head);
	memset(big + base, 'x', sizeof(big) - base);
	assert_int_equal(parse_g(big, SIP_MSG_MAX_SIZE, 0, &err, &g), 0);
	assert_int_equal(msg.body.l, SIP_MSG_MAX_SIZE - base);
	guard_free(&g);
	assert_int_equal(parse_g(big, SIP_MSG_MAX_SIZE + 1, 0, &err, &g),
			 -EMSGSIZE);
	assert_int_equal(err.status, 413);
	guard_free(&g);
}

static void test_data_files(void **state)
{
	static const char *const files[] = {
		"guide-check-sync-notify.sip", "lf-only-gateway-invite.sip",
		"latin1-display-name.sip", "refer-replaces.sip",
		"www-auth-401.sip", "alert-info-bare.sip",
	};
	const char *src = getenv("SIPPHONE_SRC");
	char path[512];
	struct sip_err err;
	struct guard g;
	struct sip_event ev;
	size_t i;
	long n;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/tests/data/sip/%s",
			 src ? src : ".", files[i]);
		n = guard_read_file(path, fbuf, sizeof(fbuf));
		assert_true(n > 0);
		if (parse_g(fbuf, (size_t)n, 0, &err, &g) != 0)
			fail_msg("%s: %u %s", files[i], err.status, err.reason);
		if (i == 0) {
			/* The guide's NOTIFY: RFC 2543 Vias, numeric zone. */
			assert_int_equal(msg.via_count, 2);
			assert_false(sip_via_rfc3261(&msg.via));
			assert_true(msg.has_date);
			assert_int_equal(msg.date.tz_min, -420);
			assert_int_equal(msg.date.year, 2000);
			assert_int_equal(sip_event_parse(&ev,
				sip_msg_hdr(&msg, SIP_HDR_EVENT)->val.p,
				sip_msg_hdr(&msg, SIP_HDR_EVENT)->val.l), 0);
			assert_true(sip_pl_eq(&ev.type, "check-sync"));
		}
		if (i == 2) {
			/* ISO 8859-1 caller ID (guide, Character Support). */
			assert_int_equal(msg.from.dname.l, 15);
			assert_memory_equal(msg.from.dname.p, "Jos\xe9" " Mar\xed" "a Pe\xf1" "a", 15);
		}
		guard_free(&g);
	}
}

/* ------------------------------------------------ RFC 4475 / RFC 5118 */

static int shared_dir(char *out, size_t cap, const char *sub)
{
	FILE *f;
	char probe[600];

	if (guard_shared_path(out, cap, sub) < 0)
		return -1;
	snprintf(probe, sizeof(probe), "%s/README.md", out);
	f = fopen(probe, "r");
	if (!f)
		return -1;
	fclose(f);
	return 0;
}

static void test_rfc4475(void **state)
{
	char dir[512], path[800], line[256];
	FILE *tsv;
	unsigned valid = 0, invalid = 0, any = 0;

	(void)state;
	if (shared_dir(dir, sizeof(dir), "conformance/rfc4475") < 0) {
		print_message("rfc4475: conformance folder not found, skipped\n");
		skip();
	}
	snprintf(path, sizeof(path), "%s/expect.tsv", dir);
	tsv = fopen(path, "r");
	assert_non_null(tsv);
	while (fgets(line, sizeof(line), tsv)) {
		char file[128], verdict[32];
		struct sip_err err;
		struct guard g;
		long n;
		int rc;

		if (line[0] == '#' || sscanf(line, "%127s %31s", file, verdict) != 2)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, file);
		n = guard_read_file(path, fbuf, sizeof(fbuf));
		assert_true(n > 0);
		rc = parse_g(fbuf, (size_t)n, 0, &err, &g);
		if (!strcmp(verdict, "valid")) {
			if (rc != 0)
				fail_msg("%s: valid, rejected %u %s", file,
					 err.status, err.reason);
			valid++;
		} else if (!strcmp(verdict, "invalid")) {
			if (rc == 0)
				fail_msg("%s: invalid, accepted", file);
			/* A fitting status: 400, 505 (badvers), 413/416/501. */
			if (err.status != 400 && err.status != 505 &&
			    err.status != 413 && err.status != 416)
				fail_msg("%s: status %u", file, err.status);
			invalid++;
		} else {
			if (rc != 0)
				assert_true(err.status >= 400 && err.status <= 505);
			any++;
		}
		guard_free(&g);
	}
	fclose(tsv);
	assert_int_equal(valid + invalid + any, 50);
	print_message("rfc4475: %u valid parsed, %u invalid rejected, %u either way\n",
		      valid, invalid, any);
}

static void test_rfc4475_details(void **state)
{
	char dir[512], path[600];
	struct sip_err err;
	struct guard g;
	const struct sip_hdr *h;
	char user[64];
	size_t ul;
	long n;

	(void)state;
	if (shared_dir(dir, sizeof(dir), "conformance/rfc4475") < 0)
		skip();
	/* semiuri: the user is "user;par=u@example.net". */
	snprintf(path, sizeof(path), "%s/semiuri.dat", dir);
	n = guard_read_file(path, fbuf, sizeof(fbuf));
	assert_int_equal(parse_g(fbuf, (size_t)n, 0, &err, &g), 0);
	assert_int_equal(sip_pl_unescape(user, sizeof(user), &msg.ruri.user, &ul), 0);
	assert_int_equal(ul, 22);
	assert_memory_equal(user, "user;par=u@example.net", 22);
	assert_int_equal(msg.ruri.params.l, 0);
	guard_free(&g);
	/* escnull: %00 unescapes to a NUL, length kept. */
	snprintf(path, sizeof(path), "%s/escnull.dat", dir);
	n = guard_read_file(path, fbuf, sizeof(fbuf));
	assert_int_equal(parse_g(fbuf, (size_t)n, 0, &err, &g), 0);
	assert_int_equal(msg.contact_count, 2);
	assert_int_equal(sip_pl_unescape(user, sizeof(user), &msg.to.uri.user, &ul), 0);
	assert_int_equal(ul, 11);
	assert_int_equal(user[5], '\0');
	guard_free(&g);
	/* wsinv: folded everything; three Vias; Contact params. */
	snprintf(path, sizeof(path), "%s/wsinv.dat", dir);
	n = guard_read_file(path, fbuf, sizeof(fbuf));
	assert_int_equal(parse_g(fbuf, (size_t)n, 0, &err, &g), 0);
	assert_int_equal(msg.via_count, 3);
	assert_true(sip_pl_eq(&msg.to.tag, "1918181833n"));
	assert_true(sip_pl_eq(&msg.from.tag, "98asjd8"));
	assert_true(sip_pl_eq(&msg.contact.q, "0.33"));
	assert_int_equal(msg.max_forwards, 68);
	assert_int_equal(msg.cseq.num, 9);
	assert_int_equal(msg.body.l, 150);
	h = sip_msg_hdr(&msg, SIP_HDR_SUBJECT);
	assert_non_null(h);
	assert_int_equal(h->val.l, 0);
	guard_free(&g);
	/* cparam01: ;unknownparam is a Contact parameter, not a URI one. */
	snprintf(path, sizeof(path), "%s/cparam01.dat", dir);
	n = guard_read_file(path, fbuf, sizeof(fbuf));
	assert_int_equal(parse_g(fbuf, (size_t)n, 0, &err, &g), 0);
	assert_false(msg.contact.bracket);
	assert_int_equal(msg.contact.uri.params.l, 0);
	assert_true(msg.contact.params.l > 0);
	guard_free(&g);
	/* cparam02: inside <> it stays a URI parameter. */
	snprintf(path, sizeof(path), "%s/cparam02.dat", dir);
	n = guard_read_file(path, fbuf, sizeof(fbuf));
	assert_int_equal(parse_g(fbuf, (size_t)n, 0, &err, &g), 0);
	assert_true(msg.contact.uri.params.l > 0);
	guard_free(&g);
}

/* Via values through each way sip_via.rl reads them: "SIP/2.0/x " read
 * before the machine (via_one) or by it, then sent-by and the parameters
 * known by name or not, in any case, up to ',' or the end. */
static void test_via_paths(void **state)
{
	static const char *const rej[] = {
		"SIP/2.0/UDP h..b", "SIP/2.0/UDP .h", "SIP/2.0/UDP h;branch=x;",
		"SIP/2.0/UDP h;a=;b", "SIP/2.0/UDP h:65536",
		"SIP/2.0/UDP h;rport=65536", "SIP/2.0/UDP h;branch=z9hG4bKx,",
		"SIP/2.0/UDP h;branch", "SIP/2.0/UDP h;ttl=256",
		"SIP/2.0/UDP h;ttl=00256", "SIP/2.0/UDP a, SIP/2.0/UDP b",
		"SIP/2.0/UDP ", "SIP/2.0/UDP  ", "SIP/2.0/UDP h;branch=;rport",
	};
	const char *s;
	struct sip_via v;
	struct sip_pl rest;
	struct guard g;
	size_t i;

	(void)state;
	s = "SIP/2.0/UDP 198.51.100.20:5060;rport=5060;"
	    "received=198.51.100.20;branch=z9hG4bK83a1.7f3c2a11.0";
	assert_int_equal(sip_via_parse(&v, guard_put(&g, s, strlen(s)),
				       strlen(s)), 0);
	assert_int_equal(v.val.l, strlen(s));
	assert_true(sip_pl_eq(&v.proto_name, "SIP"));
	assert_true(sip_pl_eq(&v.proto_ver, "2.0"));
	assert_true(sip_pl_eq(&v.transport, "UDP"));
	assert_true(sip_pl_eq(&v.host, "198.51.100.20"));
	assert_true(sip_pl_eq(&v.port_pl, "5060"));
	assert_int_equal(v.port, 5060);
	assert_true(sip_pl_eq(&v.params, s + 31));
	assert_true(v.rport_flag);
	assert_true(sip_pl_eq(&v.rport, "5060"));
	assert_true(sip_pl_eq(&v.received, "198.51.100.20"));
	assert_true(sip_pl_eq(&v.branch, "z9hG4bK83a1.7f3c2a11.0"));
	assert_false(sip_pl_isset(&v.maddr));
	assert_false(sip_pl_isset(&v.ttl));
	guard_free(&g);

	s = "SIP/2.0/TCP a.b.c;branch=z9hG4bKx,SIP/2.0/UDP d;rport";
	rest = sip_pl_mk(guard_put(&g, s, strlen(s)), strlen(s));
	assert_int_equal(sip_via_next(&rest, &v), 0);
	assert_true(sip_pl_eq(&v.val, "SIP/2.0/TCP a.b.c;branch=z9hG4bKx"));
	assert_true(sip_pl_eq(&v.transport, "TCP"));
	assert_true(sip_pl_eq(&v.host, "a.b.c"));
	assert_int_equal(v.port, 0);
	assert_true(sip_pl_eq(&v.params, "branch=z9hG4bKx"));
	assert_true(sip_pl_eq(&v.branch, "z9hG4bKx"));
	assert_false(v.rport_flag);
	assert_int_equal(sip_via_next(&rest, &v), 0);
	assert_true(sip_pl_eq(&v.val, "SIP/2.0/UDP d;rport"));
	assert_true(sip_pl_eq(&v.host, "d"));
	assert_true(sip_pl_eq(&v.params, "rport"));
	assert_true(v.rport_flag);
	assert_false(sip_pl_isset(&v.rport));
	assert_false(sip_pl_isset(&v.branch));
	assert_int_equal(sip_via_next(&rest, &v), -ENOENT);
	guard_free(&g);

	s = "SIP/2.0/UDP h;branch=z9hG4bKx;rport;x=\"q;,\"";
	assert_int_equal(sip_via_parse(&v, guard_put(&g, s, strlen(s)),
				       strlen(s)), 0);
	assert_true(sip_pl_eq(&v.branch, "z9hG4bKx"));
	assert_true(v.rport_flag);
	assert_true(sip_pl_eq(&v.params, s + 14));
	guard_free(&g);

	s = "SIP/2.0/UDP h;received=2001:db8::9;branch=z9hG4bKy ;rport=7";
	assert_int_equal(sip_via_parse(&v, guard_put(&g, s, strlen(s)),
				       strlen(s)), 0);
	assert_true(sip_pl_eq(&v.received, "2001:db8::9"));
	assert_true(sip_pl_eq(&v.branch, "z9hG4bKy"));
	assert_true(sip_pl_eq(&v.rport, "7"));
	assert_true(sip_pl_eq(&v.params, s + 14));
	guard_free(&g);

	s = "SIP/2.0/UDP h.;BRANCH=z9hG4bKz;Received=1.2.3.4;TTL=0255";
	assert_int_equal(sip_via_parse(&v, guard_put(&g, s, strlen(s)),
				       strlen(s)), 0);
	assert_true(sip_pl_eq(&v.host, "h."));
	assert_true(sip_pl_eq(&v.branch, "z9hG4bKz"));
	assert_true(sip_pl_eq(&v.received, "1.2.3.4"));
	assert_true(sip_pl_eq(&v.ttl, "0255"));
	guard_free(&g);

	s = "SIP/2.0/UDP  h:0065535;branch=z9hG4bKw";
	assert_int_equal(sip_via_parse(&v, guard_put(&g, s, strlen(s)),
				       strlen(s)), 0);
	assert_true(sip_pl_eq(&v.host, "h"));
	assert_int_equal(v.port, 65535);
	assert_true(sip_pl_eq(&v.branch, "z9hG4bKw"));
	guard_free(&g);

	s = "SIP/2.0/UDP\r\n h:99;maddr=x";
	assert_int_equal(sip_via_parse(&v, guard_put(&g, s, strlen(s)),
				       strlen(s)), 0);
	assert_true(sip_pl_eq(&v.transport, "UDP"));
	assert_int_equal(v.port, 99);
	assert_true(sip_pl_eq(&v.maddr, "x"));
	guard_free(&g);

	for (i = 0; i < sizeof(rej) / sizeof(rej[0]); i++) {
		s = rej[i];
		if (sip_via_parse(&v, guard_put(&g, s, strlen(s)),
				  strlen(s)) != -EBADMSG)
			fail_msg("accepted '%s'", s);
		guard_free(&g);
	}
}

static void test_rfc5118(void **state)
{
	static const struct { const char *file; int ok; } cases[] = {
		{"ipv6-good", 1}, {"ipv6-bad", 0}, {"port-ambiguous", 1},
		{"port-unambiguous", 1}, {"via-received-param-with-delim", 1},
		{"via-received-param-no-delim", 1}, {"mult-ip-in-header", 1},
		{"ipv4-mapped-ipv6", 1}, {"ipv6-bug-abnf-3-colons", 1},
		{"ipv6-correct-abnf-2-colons", 1},
	};
	char dir[512], path[600];
	size_t i;

	(void)state;
	if (shared_dir(dir, sizeof(dir), "conformance/rfc5118") < 0) {
		print_message("rfc5118: conformance folder not found, skipped\n");
		skip();
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sip_err err;
		struct guard g;
		long n;
		int rc;

		snprintf(path, sizeof(path), "%s/%s", dir, cases[i].file);
		n = guard_read_file(path, fbuf, sizeof(fbuf));
		assert_true(n > 0);
		rc = parse_g(fbuf, (size_t)n, 0, &err, &g);
		if ((rc == 0) != cases[i].ok)
			fail_msg("%s: rc %d %u %s", cases[i].file, rc,
				 err.status, err.reason);
		if (!strcmp(cases[i].file, "port-unambiguous")) {
			assert_true(sip_pl_eq(&msg.ruri.host, "[2001:db8::10]"));
			assert_int_equal(msg.ruri.port, 5070);
		}
		if (!strcmp(cases[i].file, "port-ambiguous"))
			assert_int_equal(msg.ruri.port, 0);
		guard_free(&g);
	}
}

/* ------------------------------------------------ replay: phone traffic */

static void expect_pl(const char *file, const char *what,
		      const struct sip_pl *pl, const char *want)
{
	if (!strcmp(want, "-")) {
		if (pl->p && pl->l)
			fail_msg("%s: %s '%.*s', want none", file, what,
				 (int)pl->l, pl->p);
		return;
	}
	if (!sip_pl_eq(pl, want))
		fail_msg("%s: %s '%.*s', want '%s'", file, what,
			 pl->p ? (int)pl->l : 0, pl->p ? pl->p : "", want);
}

static void test_bench_corpus(void **state)
{
	char dir[512], path[800], line[1024];
	FILE *tsv;
	unsigned count = 0;

	(void)state;
	if (guard_shared_path(dir, sizeof(dir), "bench/sip-corpus") < 0)
		skip();
	snprintf(path, sizeof(path), "%s/expect.tsv", dir);
	tsv = fopen(path, "r");
	if (!tsv) {
		print_message("bench corpus not found, skipped\n");
		skip();
	}
	while (fgets(line, sizeof(line), tsv)) {
		char f[12][200];
		struct sip_err err;
		struct guard g;
		struct sip_pl hp;
		char uh[300];
		long n;

		if (line[0] == '#' ||
		    sscanf(line, "%199s %199s %199s %199s %199s %199s %199s %199s %199s %199s %199s %199s",
			   f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11]) != 12)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, f[0]);
		n = guard_read_file(path, fbuf, sizeof(fbuf));
		assert_true(n > 0);
		if (parse_g(fbuf, (size_t)n, 0, &err, &g) != 0)
			fail_msg("%s: %u %s", f[0], err.status, err.reason);
		if (!strcmp(f[1], "req")) {
			assert_true(msg.is_request);
			expect_pl(f[0], "method", &msg.method, f[2]);
			snprintf(uh, sizeof(uh), "%.*s%s%.*s",
				 (int)msg.ruri.user.l, msg.ruri.user.p ? msg.ruri.user.p : "",
				 msg.ruri.user.p ? "@" : "",
				 (int)msg.ruri.host.l, msg.ruri.host.p);
			hp = sip_pl_mk(uh, strlen(uh));
			expect_pl(f[0], "ruri", &hp, f[3]);
		} else {
			assert_false(msg.is_request);
			assert_int_equal(msg.status, atoi(f[2]));
		}
		expect_pl(f[0], "branch", &msg.via.branch, f[4]);
		expect_pl(f[0], "from tag", &msg.from.tag, f[5]);
		expect_pl(f[0], "to tag", &msg.to.tag, f[6]);
		expect_pl(f[0], "call-id", &msg.call_id, f[7]);
		assert_int_equal(msg.cseq.num, strtoul(f[8], NULL, 10));
		expect_pl(f[0], "cseq method", &msg.cseq.method, f[9]);
		if (msg.contact_count) {
			snprintf(uh, sizeof(uh), "%.*s@%.*s",
				 (int)msg.contact.uri.user.l, msg.contact.uri.user.p,
				 (int)msg.contact.uri.host.l, msg.contact.uri.host.p);
			hp = sip_pl_mk(uh, strlen(uh));
		} else {
			hp = sip_pl_mk(NULL, 0);
		}
		expect_pl(f[0], "contact", &hp, f[10]);
		assert_int_equal(msg.content_length, strtoul(f[11], NULL, 10));
		assert_int_equal(msg.body.l, msg.content_length);
		guard_free(&g);
		count++;
	}
	fclose(tsv);
	assert_int_equal(count, 41);
}

/* Dotted hosts with the dots at many offsets (sip_skip_hostname takes
 * label bytes four at a time, and a '.' with the label byte after it), at
 * the end of the value and before a port or a parameter. */
static void test_via_hosts(void **state)
{
	static const char *const ok[] = {
		"1.2.3.4", "10.20.30.40", "198.51.100.200", "1234567.8",
		"12345678.9", "123456789.1", "1.2.3.4.", "255.255.255.255.",
		"1.2a.3-4_5.b", "1234567a.b", "9.9.9.9.9.9.9.9.9", "1234567.a",
		"0123456.", "01234567.", "012345678.", "1.1.1.1.1.1.1.1.1.1.1.",
	};
	static const char *const rej[] = {
		"1234567..8", "1.2.3.4..", "12345678..", "1.2.3..4", "123456..",
		"1234567..", "0.0.0.0.0.0.0..0",
	};
	static const char *const tail[] = {"", ":5060", ";branch=z9hG4bKa",
					   " ;rport", ":1;x"};
	char s[128];
	struct sip_via v;
	struct guard g;
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		for (j = 0; j < sizeof(tail) / sizeof(tail[0]); j++) {
			snprintf(s, sizeof(s), "SIP/2.0/UDP %s%s", ok[i], tail[j]);
			if (sip_via_parse(&v, guard_put(&g, s, strlen(s)),
					  strlen(s)) != 0 ||
			    !sip_pl_eq(&v.host, ok[i]))
				fail_msg("'%s'", s);
			guard_free(&g);
		}
	for (i = 0; i < sizeof(rej) / sizeof(rej[0]); i++)
		for (j = 0; j < sizeof(tail) / sizeof(tail[0]); j++) {
			snprintf(s, sizeof(s), "SIP/2.0/UDP %s%s", rej[i], tail[j]);
			if (sip_via_parse(&v, guard_put(&g, s, strlen(s)),
					  strlen(s)) != -EBADMSG)
				fail_msg("accepted '%s'", s);
			guard_free(&g);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request),
		cmocka_unit_test(test_response_and_lookup),
		cmocka_unit_test(test_hdr_names),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_framing),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_lenient),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_data_files),
		cmocka_unit_test(test_rfc4475),
		cmocka_unit_test(test_rfc4475_details),
		cmocka_unit_test(test_via_paths),
		cmocka_unit_test(test_rfc5118),
		cmocka_unit_test(test_bench_corpus),
		cmocka_unit_test(test_via_hosts),
		cmocka_unit_test(test_first_error_wins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
