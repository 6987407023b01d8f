/*
 * test_sip_build.c - requests, responses and error answers written into a
 * caller's buffer; parse(build(x)) == x; overflow is an error.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "sip/sip_build.h"

static struct sip_msg req, resp;
static char out[4096];

#define PLS(s) sip_pl_mk((s), sizeof(s) - 1)

static void fill(struct sip_req *r)
{
	static const struct sip_xhdr x[] = {
		{"Supported", SIP_PL_INIT("replaces")},
		{"User-Agent", SIP_PL_INIT("sipphone")},
	};

	memset(r, 0, sizeof(*r));
	r->method = "INVITE";
	r->ruri = PLS("sip:4250@sip.example.com");
	r->transport = "UDP";
	r->sent_by = PLS("192.0.2.50:5060");
	r->branch = PLS("z9hG4bK5a1b2c3d");
	r->rport = 1;
	r->from_dname = PLS("Desk \"4102\"");
	r->from_uri = PLS("sip:4102@sip.example.com");
	r->from_tag = PLS("1928301774");
	r->to_uri = PLS("sip:4250@sip.example.com");
	r->call_id = PLS("8f14e45f@192.0.2.50");
	r->cseq = 20;
	r->contact = PLS("sip:4102@192.0.2.50:5060");
	r->max_forwards = 70;
	r->xhdr = x;
	r->nxhdr = 2;
	r->ctype = PLS("application/sdp");
	r->body = PLS("v=0\r\n");
}

static void test_request_roundtrip(void **state)
{
	struct sip_req r;
	struct sip_mbuf b;
	struct sip_err err;
	char dn[32];
	size_t n;

	(void)state;
	fill(&r);
	sip_mbuf_init(&b, out, sizeof(out));
	assert_int_equal(sip_build_request(&b, &r), 0);
	assert_int_equal(sip_msg_parse(&req, out, b.len, SIP_MSG_STREAM, &err), 0);
	assert_int_equal(req.len, b.len);
	assert_int_equal(req.mid, SIP_METHOD_INVITE);
	assert_true(sip_pl_eq_pl(&req.ruri_pl, &r.ruri));
	assert_true(sip_pl_eq(&req.via.transport, "UDP"));
	assert_true(sip_pl_eq(&req.via.host, "192.0.2.50"));
	assert_int_equal(req.via.port, 5060);
	assert_true(sip_pl_eq_pl(&req.via.branch, &r.branch));
	assert_true(req.via.rport_flag);
	assert_int_equal(sip_pl_unquote(dn, sizeof(dn), &req.from.dname, &n), 0);
	assert_int_equal(n, r.from_dname.l);
	assert_memory_equal(dn, r.from_dname.p, n);
	assert_true(sip_pl_eq_pl(&req.from.uri_pl, &r.from_uri));
	assert_true(sip_pl_eq_pl(&req.from.tag, &r.from_tag));
	assert_true(sip_pl_eq_pl(&req.to.uri_pl, &r.to_uri));
	assert_false(sip_pl_isset(&req.to.tag));
	assert_true(sip_pl_eq_pl(&req.call_id, &r.call_id));
	assert_int_equal(req.cseq.num, r.cseq);
	assert_true(sip_pl_eq_pl(&req.contact.uri_pl, &r.contact));
	assert_int_equal(req.max_forwards, 70);
	assert_true(sip_pl_eq(&sip_msg_hdr(&req, SIP_HDR_SUPPORTED)->val, "replaces"));
	assert_true(sip_pl_eq(&req.ctype.subtype, "sdp"));
	assert_true(sip_pl_eq_pl(&req.body, &r.body));
}

static void test_overflow(void **state)
{
	struct sip_req r;
	struct sip_mbuf b;
	size_t full, cap;

	(void)state;
	fill(&r);
	sip_mbuf_init(&b, out, sizeof(out));
	assert_int_equal(sip_build_request(&b, &r), 0);
	full = b.len;
	/* Every smaller buffer fails, none is written past. */
	for (cap = 0; cap < full; cap++) {
		memset(out, 'Z', sizeof(out));
		sip_mbuf_init(&b, out, cap);
		assert_int_equal(sip_build_request(&b, &r), -ENOBUFS);
		assert_true(b.len <= cap);
		assert_int_equal(out[cap], 'Z');
	}
	sip_mbuf_init(&b, out, full);
	assert_int_equal(sip_build_request(&b, &r), 0);
	r.call_id = sip_pl_mk(NULL, 0);
	sip_mbuf_init(&b, out, sizeof(out));
	assert_int_equal(sip_build_request(&b, &r), -EINVAL);
}

static void test_response(void **state)
{
	static const char in[] =
		"INVITE sip:4102@192.0.2.50 SIP/2.0\r\n"
		"Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bKa, SIP/2.0/UDP 203.0.113.77;branch=z9hG4bKb\r\n"
		"Via: SIP/2.0/UDP 198.51.100.1;branch=z9hG4bKc\r\n"
		"From: <sip:4250@sip.example.com>;tag=as6e\r\n"
		"To: <sip:4102@sip.example.com>\r\n"
		"Call-ID: abc@203.0.113.77\r\nCSeq: 102 INVITE\r\nContent-Length: 0\r\n\r\n";
	static char rbuf[sizeof(in)];
	struct sip_resp r;
	struct sip_mbuf b;
	struct sip_err err;

	(void)state;
	memcpy(rbuf, in, sizeof(in));
	assert_int_equal(sip_msg_parse(&req, rbuf, sizeof(in) - 1, 0, &err), 0);
	memset(&r, 0, sizeof(r));
	r.status = 180;
	r.to_tag = PLS("6a0d");
	r.contact = PLS("sip:4102@192.0.2.50:5060");
	sip_mbuf_init(&b, out, sizeof(out));
	assert_int_equal(sip_build_response(&b, &req, &r), 0);
	assert_int_equal(sip_msg_parse(&resp, out, b.len, SIP_MSG_STREAM, &err), 0);
	assert_int_equal(resp.status, 180);
	assert_true(sip_pl_eq(&resp.reason, "Ringing"));
	assert_int_equal(resp.via_count, 3);
	assert_true(sip_pl_eq(&resp.via.branch, "z9hG4bKa"));
	assert_true(sip_pl_eq(&resp.to.tag, "6a0d"));
	assert_true(sip_pl_eq_pl(&resp.from.tag, &req.from.tag));
	assert_true(sip_pl_eq_pl(&resp.call_id, &req.call_id));
	assert_int_equal(resp.cseq.num, 102);
	/* 100 Trying carries no To tag (s.8.2.6.2). */
	r.status = 100;
	sip_mbuf_init(&b, out, sizeof(out));
	assert_int_equal(sip_build_response(&b, &req, &r), 0);
	assert_int_equal(sip_msg_parse(&resp, out, b.len, 0, &err), 0);
	assert_false(sip_pl_isset(&resp.to.tag));
	r.status = 700;
	assert_int_equal(sip_build_response(&b, &req, &r), -EINVAL);
}

/* The answer to a rejected request carries the parser's status. */
static void test_error_answer(void **state)
{
	static const char in[] =
		"OPTIONS sip:a@b SIP/7.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\n"
		"From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n";
	static const char in2[] =
		"OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\n"
		"From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n";
	struct sip_mbuf b;
	struct sip_err err, err2;

	(void)state;
	assert_int_equal(sip_msg_parse(&req, in, sizeof(in) - 1, 0, &err), -EBADMSG);
	assert_int_equal(err.status, 505);
	sip_mbuf_init(&b, out, sizeof(out));
	assert_int_equal(sip_build_error(&b, &req, &err), 0);
	assert_int_equal(sip_msg_parse(&resp, out, b.len, 0, &err2), 0);
	assert_int_equal(resp.status, 505);
	assert_true(sip_pl_eq(&resp.via.branch, "z9hG4bKx"));
	assert_int_equal(sip_msg_parse(&req, in2, sizeof(in2) - 1, 0, &err), -EBADMSG);
	sip_mbuf_init(&b, out, sizeof(out));
	assert_int_equal(sip_build_error(&b, &req, &err), 0);
	assert_int_equal(sip_msg_parse(&resp, out, b.len, 0, &err2), 0);
	assert_int_equal(resp.status, 400);
	assert_true(sip_pl_eq(&resp.reason, "CSeq Method Mismatch"));
	assert_string_equal(sip_reason_phrase(416), "Unsupported URI Scheme");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_roundtrip),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_response),
		cmocka_unit_test(test_error_answer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
