/*
 * test_media_rtp.c - RTP/RTCP packets and RFC 4733 events (media/rtp.c):
 * round trips, every malformed header, inputs against a guard page.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "rtp.h"
#include "support/guard.h"

static struct guard g;

/* Parse LEN bytes placed right before a guard page. */
static int parse(struct rtp_hdr *h, const uint8_t *buf, size_t len)
{
	const uint8_t *p;

	guard_free(&g);
	p = (const uint8_t *)guard_put(&g, buf, len);
	assert_non_null(p);
	return rtp_decode(h, p, len);
}

static int parse_rtcp(struct rtcp_info *info, const uint8_t *buf, size_t len)
{
	const uint8_t *p;

	guard_free(&g);
	p = (const uint8_t *)guard_put(&g, buf, len);
	assert_non_null(p);
	return rtcp_decode(info, p, len);
}

static void test_round_trip(void **state)
{
	struct rtp_hdr h = {.marker = true, .pt = 18, .seq = 65535,
			    .ts = 0xdeadbeef, .ssrc = 0x01020304, .cc = 2,
			    .csrc = {7, 8}};
	struct rtp_hdr r;
	uint8_t pl[20], buf[64];
	int n;

	(void)state;
	memset(pl, 0xa5, sizeof(pl));
	n = rtp_encode(buf, sizeof(buf), &h, pl, sizeof(pl));
	assert_int_equal(n, RTP_HDR_SIZE + 8 + 20);
	assert_int_equal(buf[0], 0x82);
	assert_int_equal(buf[1], 0x80 | 18);
	assert_int_equal(parse(&r, buf, (size_t)n), 0);
	assert_true(r.marker);
	assert_int_equal(r.pt, 18);
	assert_int_equal(r.seq, 65535);
	assert_int_equal(r.ts, 0xdeadbeef);
	assert_int_equal(r.ssrc, 0x01020304);
	assert_int_equal(r.cc, 2);
	assert_int_equal(r.csrc[1], 8);
	assert_int_equal(r.payload_len, 20);
	assert_memory_equal(r.payload, pl, 20);
	/* An empty payload is a valid packet. */
	n = rtp_encode(buf, sizeof(buf), &h, NULL, 0);
	assert_int_equal(parse(&r, buf, (size_t)n), 0);
	assert_int_equal(r.payload_len, 0);
}

static void test_encode_limits(void **state)
{
	struct rtp_hdr h = {.pt = RTP_PT_MAX, .cc = RTP_CSRC_MAX};
	uint8_t buf[RTP_HDR_SIZE + 4 * RTP_CSRC_MAX + 1];

	(void)state;
	assert_int_equal(rtp_hdr_encode(buf, sizeof(buf), &h),
			 RTP_HDR_SIZE + 4 * RTP_CSRC_MAX);
	assert_int_equal(rtp_hdr_encode(buf, RTP_HDR_SIZE + 4 * RTP_CSRC_MAX - 1,
					&h), -ENOBUFS);
	assert_int_equal(rtp_encode(buf, sizeof(buf), &h, buf, 1),
			 (int)sizeof(buf));
	assert_int_equal(rtp_encode(buf, sizeof(buf), &h, buf, 2), -ENOBUFS);
	h.cc = RTP_CSRC_MAX + 1;
	assert_int_equal(rtp_hdr_encode(buf, sizeof(buf), &h), -EINVAL);
	h.cc = 0;
	h.pt = RTP_PT_MAX + 1;
	assert_int_equal(rtp_hdr_encode(buf, sizeof(buf), &h), -EINVAL);
}

static void test_malformed(void **state)
{
	uint8_t p[96];
	struct rtp_hdr h;
	size_t i;

	(void)state;
	memset(p, 0, sizeof(p));
	p[0] = 0x80;
	/* shorter than the fixed header, at and past the edge */
	for (i = 0; i < RTP_HDR_SIZE; i++)
		assert_int_equal(parse(&h, p, i), -EBADMSG);
	assert_int_equal(parse(&h, p, RTP_HDR_SIZE), 0);
	/* versions 0, 1, 3 */
	for (i = 0; i < 4; i++) {
		p[0] = (uint8_t)(i << 6);
		assert_int_equal(parse(&h, p, 20), i == 2 ? 0 : -EBADMSG);
	}
	/* CSRC count against the length */
	p[0] = 0x80 | 3;
	assert_int_equal(parse(&h, p, RTP_HDR_SIZE + 11), -EBADMSG);
	assert_int_equal(parse(&h, p, RTP_HDR_SIZE + 12), 0);
	p[0] = 0x80 | 15;
	assert_int_equal(parse(&h, p, RTP_HDR_SIZE + 59), -EBADMSG);
	assert_int_equal(parse(&h, p, RTP_HDR_SIZE + 60), 0);
	/* extension header: missing, its length past the end, fitting */
	p[0] = 0x90;
	assert_int_equal(parse(&h, p, RTP_HDR_SIZE + 3), -EBADMSG);
	p[RTP_HDR_SIZE + 3] = 2; /* two words */
	assert_int_equal(parse(&h, p, RTP_HDR_SIZE + 4 + 7), -EBADMSG);
	assert_int_equal(parse(&h, p, RTP_HDR_SIZE + 4 + 8), 0);
	assert_true(h.ext);
	assert_int_equal(h.ext_words, 2);
	assert_int_equal(h.payload_len, 0);
	/* padding: count 0, larger than the payload, exact, with CSRCs */
	memset(p, 0, sizeof(p));
	p[0] = 0xa0;
	p[19] = 0;
	assert_int_equal(parse(&h, p, 20), -EBADMSG);
	p[19] = 9;
	assert_int_equal(parse(&h, p, 20), -EBADMSG);
	p[19] = 8;
	assert_int_equal(parse(&h, p, 20), 0);
	assert_int_equal(h.payload_len, 0);
	assert_int_equal(h.pad, 8);
	p[19] = 3;
	assert_int_equal(parse(&h, p, 20), 0);
	assert_int_equal(h.payload_len, 5);
	p[0] = 0xa1;
	p[19] = 5;
	assert_int_equal(parse(&h, p, 20), -EBADMSG);
	p[19] = 4;
	assert_int_equal(parse(&h, p, 20), 0);
	assert_int_equal(h.payload_len, 0);
}

static void test_seq_diff(void **state)
{
	(void)state;
	assert_int_equal(rtp_seq_diff(65535, 0), 1);
	assert_int_equal(rtp_seq_diff(0, 65535), -1);
	assert_int_equal(rtp_seq_diff(100, 100), 0);
	assert_int_equal(rtp_seq_diff(0, 32767), 32767);
	assert_int_equal(rtp_seq_diff(0, 32768), -32768);
}

static void test_rtcp(void **state)
{
	struct rtcp_sr_info sr = {1, 2, 3, 4, 5};
	struct rtcp_rb rb = {.ssrc = 9, .fraction = 64, .lost = -5,
			     .ext_seq = 70000, .jitter = 12, .lsr = 13,
			     .dlsr = 14};
	struct rtcp_info info;
	uint8_t buf[600];
	char cname[RTCP_CNAME_MAX + 2];
	int n;

	(void)state;
	n = rtcp_build_sr(buf, sizeof(buf), 0x55, &sr, &rb, "a@b");
	assert_true(n > 0 && n % 4 == 0);
	assert_int_equal(parse_rtcp(&info, buf, (size_t)n), 0);
	assert_int_equal(info.sr, 1);
	assert_int_equal(info.sdes, 1);
	assert_int_equal(info.ssrc, 0x55);
	assert_true(info.has_sr);
	assert_int_equal(info.sr_info.octets, 5);
	assert_int_equal(info.nrb, 1);
	assert_int_equal(info.rb.lost, -5);
	assert_int_equal(info.rb.fraction, 64);
	assert_int_equal(info.rb.ext_seq, 70000);
	assert_int_equal(info.rb.dlsr, 14);
	n = rtcp_build_rr(buf, sizeof(buf), 0x66, NULL, "x");
	assert_int_equal(n, 8 + 12);
	assert_int_equal(parse_rtcp(&info, buf, (size_t)n), 0);
	assert_int_equal(info.rr, 1);
	assert_int_equal(info.nrb, 0);
	/* lost clamps to 24 bits */
	rb.lost = 0x1000000;
	n = rtcp_build_rr(buf, sizeof(buf), 1, &rb, "x");
	assert_int_equal(parse_rtcp(&info, buf, (size_t)n), 0);
	assert_int_equal(info.rb.lost, 0x7fffff);
	/* every capacity short of the whole */
	n = rtcp_build_sr(buf, sizeof(buf), 1, &sr, &rb, "cname");
	for (int cap = 0; cap < n; cap++)
		assert_int_equal(rtcp_build_sr(buf, (size_t)cap, 1, &sr, &rb,
					       "cname"), -ENOBUFS);
	/* CNAME at and past its limit */
	memset(cname, 'c', sizeof(cname));
	cname[RTCP_CNAME_MAX] = 0;
	assert_true(rtcp_build_rr(buf, sizeof(buf), 1, NULL, cname) > 0);
	cname[RTCP_CNAME_MAX] = 'c';
	cname[RTCP_CNAME_MAX + 1] = 0;
	assert_int_equal(rtcp_build_rr(buf, sizeof(buf), 1, NULL, cname),
			 -EINVAL);
}

static void test_rtcp_malformed(void **state)
{
	struct rtcp_sr_info sr = {0};
	struct rtcp_rb rb = {0};
	struct rtcp_info info;
	uint8_t buf[128], bad[128];
	int n, i;

	(void)state;
	n = rtcp_build_sr(buf, sizeof(buf), 1, &sr, &rb, "c");
	/* every truncation; the SR alone (52 octets) is a whole packet */
	for (i = 0; i < n; i++)
		assert_int_equal(parse_rtcp(&info, buf, (size_t)i),
				 i == 52 ? 0 : -EBADMSG);
	/* version */
	memcpy(bad, buf, (size_t)n);
	bad[0] = (bad[0] & 0x3f) | 0x40;
	assert_int_equal(parse_rtcp(&info, bad, (size_t)n), -EBADMSG);
	/* report count beyond the length */
	memcpy(bad, buf, (size_t)n);
	bad[0] = 0x82;
	assert_int_equal(parse_rtcp(&info, bad, (size_t)n), -EBADMSG);
	/* length beyond the datagram */
	memcpy(bad, buf, (size_t)n);
	bad[3]++;
	assert_int_equal(parse_rtcp(&info, bad, (size_t)n), -EBADMSG);
	/* an SDES first */
	assert_int_equal(parse_rtcp(&info, buf + 52, (size_t)n - 52), -EBADMSG);
	/* padding in a packet that is not the last */
	memcpy(bad, buf, (size_t)n);
	bad[0] |= 0x20;
	assert_int_equal(parse_rtcp(&info, bad, (size_t)n), -EBADMSG);
	assert_false(rtcp_is_rtcp(buf, 1));
	assert_true(rtcp_is_rtcp(buf, 2));
	bad[1] = 96;
	assert_false(rtcp_is_rtcp(bad, 2));
}

static void test_event(void **state)
{
	struct rtp_event ev = {.event = 11, .end = true, .volume = 10,
			       .duration = 800}, r;
	uint8_t buf[RTP_EVENT_SIZE];

	(void)state;
	assert_int_equal(rtp_event_encode(buf, sizeof(buf), &ev), RTP_EVENT_SIZE);
	assert_int_equal(buf[0], 11);
	assert_int_equal(buf[1], 0x80 | 10);
	assert_int_equal(buf[2], 800 >> 8);
	assert_int_equal(buf[3], 800 & 0xff);
	assert_int_equal(parse((struct rtp_hdr[1]){0}, buf, 0), -EBADMSG);
	{
		const uint8_t *p;

		guard_free(&g);
		p = (const uint8_t *)guard_put(&g, buf, sizeof(buf));
		assert_int_equal(rtp_event_decode(&r, p, 4), 0);
		assert_int_equal(rtp_event_decode(&r, p + 1, 3), -EBADMSG);
	}
	assert_int_equal(r.event, 11);
	assert_true(r.end);
	assert_int_equal(r.volume, 10);
	assert_int_equal(r.duration, 800);
	buf[1] = 0x40 | 5; /* the reserved bit is ignored */
	assert_int_equal(rtp_event_decode(&r, buf, 4), 0);
	assert_false(r.end);
	assert_int_equal(r.volume, 5);
	ev.volume = RTP_EVENT_VOLUME_MAX;
	assert_int_equal(rtp_event_encode(buf, 4, &ev), 4);
	ev.volume = RTP_EVENT_VOLUME_MAX + 1;
	assert_int_equal(rtp_event_encode(buf, 4, &ev), -EINVAL);
	assert_int_equal(rtp_event_encode(buf, 3, &ev), -ENOBUFS);
	assert_int_equal(rtp_event_from_digit('0'), 0);
	assert_int_equal(rtp_event_from_digit('*'), 10);
	assert_int_equal(rtp_event_from_digit('#'), 11);
	assert_int_equal(rtp_event_from_digit('d'), 15);
	assert_int_equal(rtp_event_from_digit('E'), -1);
	assert_int_equal(rtp_event_to_digit(12), 'A');
	assert_int_equal(rtp_event_to_digit(16), 0);
}

static int teardown(void **state)
{
	(void)state;
	guard_free(&g);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_encode_limits),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_seq_diff),
		cmocka_unit_test(test_rtcp),
		cmocka_unit_test(test_rtcp_malformed),
		cmocka_unit_test(test_event),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
