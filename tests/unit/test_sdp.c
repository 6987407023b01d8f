/*
 * test_sdp.c - SDP as a phone reads and writes it (RFC 4566; the guide's
 * Appendix A SDP usage, hold with c=IN IP4 0.0.0.0).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "sdp/sdp.h"
#include "support/guard.h"

static struct guard g;
static struct sdp_sess s1, s2;

static int parse(struct sdp_sess *s, const char *txt, size_t len)
{
	const char *p;

	guard_free(&g);
	p = guard_put(&g, txt, len);
	assert_non_null(p);
	return sdp_parse(s, p, len);
}

#define OFFER \
	"v=0\r\n" \
	"o=Cisco-SIPUA 18612 0 IN IP4 192.0.2.50\r\n" \
	"s=SIP Call\r\n" \
	"c=IN IP4 192.0.2.50\r\n" \
	"b=AS:84\r\n" \
	"t=0 0\r\n" \
	"m=audio 29024 RTP/AVP 0 8 18 101\r\n" \
	"a=rtpmap:0 PCMU/8000\r\n" \
	"a=rtpmap:8 PCMA/8000\r\n" \
	"a=rtpmap:18 G729/8000\r\n" \
	"a=fmtp:18 annexb=no\r\n" \
	"a=rtpmap:101 telephone-event/8000\r\n" \
	"a=fmtp:101 0-15\r\n" \
	"a=ptime:20\r\n" \
	"a=sendrecv\r\n" \
	"m=video 0 RTP/AVP 31\r\n" \
	"c=IN IP4 0.0.0.0\r\n" \
	"a=inactive\r\n" \
	"a=x-unknown:value with spaces\r\n"

static void test_offer(void **state)
{
	const struct sdp_media *m;
	const struct sdp_rtpmap *r;

	(void)state;
	assert_int_equal(parse(&s1, OFFER, strlen(OFFER)), 0);
	assert_int_equal(s1.version, 0);
	assert_true(sip_pl_eq(&s1.o_user, "Cisco-SIPUA"));
	assert_true(sip_pl_eq(&s1.o_addr.addr, "192.0.2.50"));
	assert_true(sip_pl_eq(&s1.name, "SIP Call"));
	assert_true(sip_pl_eq(&s1.bw_type, "AS"));
	assert_int_equal(s1.bw, 84);
	assert_int_equal(s1.nmedia, 2);
	m = &s1.media[0];
	assert_true(sip_pl_eq(&m->media, "audio"));
	assert_int_equal(m->port, 29024);
	assert_true(sip_pl_eq(&m->proto, "RTP/AVP"));
	assert_int_equal(m->nfmt, 4);
	assert_true(sip_pl_eq(&m->fmt[3], "101"));
	assert_int_equal(m->nrtpmap, 4);
	r = sdp_media_rtpmap(m, 101);
	assert_non_null(r);
	assert_true(sip_pl_eq(&r->enc, "telephone-event"));
	assert_int_equal(r->clock, 8000);
	assert_int_equal(m->nfmtp, 2);
	assert_true(sip_pl_eq(&m->fmtp[1].params, "0-15"));
	assert_int_equal(m->ptime, 20);
	assert_int_equal(sdp_media_dir(&s1, m), SDP_DIR_SENDRECV);
	assert_false(sdp_conn_is_hold(sdp_media_conn(&s1, m)));
	m = &s1.media[1];
	assert_int_equal(sdp_media_dir(&s1, m), SDP_DIR_INACTIVE);
	assert_true(sdp_conn_is_hold(sdp_media_conn(&s1, m)));
	assert_int_equal(s1.nattr, 10);
	assert_true(sip_pl_eq(&s1.attr[9].name, "x-unknown"));
	assert_true(sip_pl_eq(&s1.attr[9].val, "value with spaces"));
	assert_int_equal(s1.attr[9].media, 2);
	assert_false(sip_pl_isset(&s1.attr[8].val));
}

static void same_conn(const struct sdp_conn *a, const struct sdp_conn *b)
{
	assert_true(sip_pl_eq_pl(&a->nettype, &b->nettype));
	assert_true(sip_pl_eq_pl(&a->addrtype, &b->addrtype));
	assert_true(sip_pl_eq_pl(&a->addr, &b->addr));
}

/* parse(build(x)) == x */
static void test_roundtrip(void **state)
{
	static const char lf[] = "v=0\no=- 1 2 IN IP6 2001:db8::1\ns=-\n"
		"i=info\nt=3034423619 0\na=recvonly\n"
		"m=audio 4000/2 RTP/AVP 0\nc=IN IP6 2001:db8::1\nb=TIAS:64000\n"
		"a=rtpmap:0 PCMU/8000/1\n";
	const char *src[] = {OFFER, lf};
	char out[2048];
	unsigned k, i, j;

	(void)state;
	for (k = 0; k < 2; k++) {
		int n;

		assert_int_equal(parse(&s1, src[k], strlen(src[k])), 0);
		n = sdp_build(out, sizeof(out), &s1);
		assert_true(n > 0);
		assert_int_equal(sdp_parse(&s2, out, (size_t)n), 0);
		assert_int_equal(s1.version, s2.version);
		assert_true(sip_pl_eq_pl(&s1.o_user, &s2.o_user));
		assert_true(sip_pl_eq_pl(&s1.o_sess_id, &s2.o_sess_id));
		assert_true(sip_pl_eq_pl(&s1.o_sess_ver, &s2.o_sess_ver));
		same_conn(&s1.o_addr, &s2.o_addr);
		assert_true(sip_pl_eq_pl(&s1.name, &s2.name));
		assert_int_equal(s1.has_conn, s2.has_conn);
		if (s1.has_conn)
			same_conn(&s1.conn, &s2.conn);
		assert_int_equal(s1.bw, s2.bw);
		assert_true(sip_pl_eq_pl(&s1.t_start, &s2.t_start));
		assert_int_equal(s1.dir, s2.dir);
		assert_int_equal(s1.nmedia, s2.nmedia);
		for (i = 0; i < s1.nmedia; i++) {
			const struct sdp_media *a = &s1.media[i], *b = &s2.media[i];

			assert_true(sip_pl_eq_pl(&a->media, &b->media));
			assert_int_equal(a->port, b->port);
			assert_int_equal(a->nports, b->nports);
			assert_true(sip_pl_eq_pl(&a->proto, &b->proto));
			assert_int_equal(a->nfmt, b->nfmt);
			for (j = 0; j < a->nfmt; j++)
				assert_true(sip_pl_eq_pl(&a->fmt[j], &b->fmt[j]));
			assert_int_equal(a->has_conn, b->has_conn);
			assert_int_equal(a->bw, b->bw);
			assert_int_equal(a->dir, b->dir);
			assert_int_equal(a->ptime, b->ptime);
			assert_int_equal(a->nrtpmap, b->nrtpmap);
			for (j = 0; j < a->nrtpmap; j++) {
				assert_int_equal(a->rtpmap[j].pt, b->rtpmap[j].pt);
				assert_int_equal(a->rtpmap[j].clock, b->rtpmap[j].clock);
				assert_true(sip_pl_eq_pl(&a->rtpmap[j].enc, &b->rtpmap[j].enc));
			}
			assert_int_equal(a->nfmtp, b->nfmtp);
		}
		assert_int_equal(s1.nattr, s2.nattr);
		/* Too small a buffer: an error, never a cut description. */
		assert_int_equal(sdp_build(out, (size_t)n - 1, &s1), -ENOBUFS);
	}
}

static void test_bad(void **state)
{
	static const char *const bad[] = {
		"", "v=0\r\n", "o=x 1 1 IN IP4 h\r\nv=0\r\ns=-\r\n",
		"v=0\r\no=x 1 1 IN IP4 h\r\ns=\r\n",
		"v=0\r\no=x 1 1 IN IP4 h\r\ns=-\r\nm=audio x RTP/AVP 0\r\n",
		"v=0\r\no=x 1 1 IN IP4 h\r\ns=-\r\nm=audio 70000 RTP/AVP 0\r\n",
		"v=0\r\no=x 1 1 IN IP4 h\r\ns=-\r\nm=audio 1 RTP/AVP\r\n",
		"v=0\r\no=x 1 1 IN IP4 h\r\ns=-\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:x PCMU/8000\r\n",
		"v=0\r\no=x 1 1 IN IP4 h\r\ns=-\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:128 PCMU/8000\r\n",
		"v=0\r\no=x 1 1 IN IP4 h\r\ns=-\r\nm=audio 1 RTP/AVP 0\r\na=ptime:\r\n",
		"v=0\r\no=x 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4\r\n",
		"v=0\r\no=x 1 1 IN IP4 h\r\ns=-\r\nt=0 0",
		"v=0\r\no=x 1 1 IN IP4 h\r\ns=-\r\nq=what\r\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse(&s1, bad[i], strlen(bad[i])) != -EBADMSG)
			fail_msg("accepted case %zu", i);
}

/* SDP_MAX_MEDIA, SDP_MAX_FMT and SDP_MAX_ATTR at and past the edge. */
static void test_limits(void **state)
{
	static char txt[8192];
	size_t n;
	unsigned i;

	(void)state;
	n = (size_t)snprintf(txt, sizeof(txt), "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\n");
	for (i = 0; i < SDP_MAX_MEDIA; i++)
		n += (size_t)snprintf(txt + n, sizeof(txt) - n, "m=audio %u RTP/AVP 0\r\n", 1000 + i);
	assert_int_equal(parse(&s1, txt, n), 0);
	assert_int_equal(s1.nmedia, SDP_MAX_MEDIA);
	n += (size_t)snprintf(txt + n, sizeof(txt) - n, "m=audio 9 RTP/AVP 0\r\n");
	assert_int_equal(parse(&s1, txt, n), -ENOBUFS);

	n = (size_t)snprintf(txt, sizeof(txt), "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nm=audio 1 RTP/AVP");
	for (i = 0; i < SDP_MAX_FMT; i++)
		n += (size_t)snprintf(txt + n, sizeof(txt) - n, " %u", i);
	memcpy(txt + n, "\r\n", 3);
	assert_int_equal(parse(&s1, txt, n + 2), 0);
	assert_int_equal(s1.media[0].nfmt, SDP_MAX_FMT);
	memcpy(txt + n, " 99\r\n", 6);
	assert_int_equal(parse(&s1, txt, n + 5), -ENOBUFS);

	n = (size_t)snprintf(txt, sizeof(txt), "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\n");
	for (i = 0; i < SDP_MAX_ATTR; i++)
		n += (size_t)snprintf(txt + n, sizeof(txt) - n, "a=x%u\r\n", i);
	assert_int_equal(parse(&s1, txt, n), 0);
	assert_int_equal(s1.nattr, SDP_MAX_ATTR);
	n += (size_t)snprintf(txt + n, sizeof(txt) - n, "a=last\r\n");
	assert_int_equal(parse(&s1, txt, n), -ENOBUFS);
}

static void test_prefixes(void **state)
{
	size_t n, len = strlen(OFFER);

	(void)state;
	for (n = 0; n <= len; n++)
		(void)parse(&s1, OFFER, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offer),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_prefixes),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	guard_free(&g);
	return rc;
}
