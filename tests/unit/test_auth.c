/*
 * test_auth.c - digest authentication of the phone's requests
 * (runtime/auth): RFC 2617 vectors, 401/407, several challenges, stale
 * nonces, wrong passwords, nonce counts, quoting, limits, garbage, real
 * challenges (Kamailio, Asterisk, an old gateway), and credentials never
 * reaching the log.
 *
 * Expected digests not taken from an RFC were computed independently with
 * python3's hashlib, e.g.
 *   H = lambda s: hashlib.md5(s.encode()).hexdigest()
 *   ha1 = H("1001:127.0.0.1:pw1001"); ha2 = H("REGISTER:sip:127.0.0.1")
 *   H(ha1 + ":Z7x0bGe8cxg1oL3ZxX0qRzWq0C5b1Hkn:00000001:"
 *         "0123456789abcdef:auth:" + ha2)   # 54cca3c6...
 */
#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "auth/auth.h"
#include "cnf/cnf.h"
#include "log/log.h"
#include "sip/sip_auth.h"
#include "support/guard.h"

/* ---------------------------------------------------------------- fixture */

/* Deterministic cnonces: 0123456789abcdef, then 0123456789abcdf0, ... */
struct fake_rand {
	unsigned calls;
	int fail;
};

static int fake_rand(void *arg, uint8_t *buf, size_t n)
{
	static const uint8_t base[8] = {0x01, 0x23, 0x45, 0x67,
					0x89, 0xab, 0xcd, 0xef};
	struct fake_rand *r = arg;
	unsigned carry;
	size_t i;

	if (r->fail)
		return r->fail;
	assert_int_equal(n, sizeof(base));
	memcpy(buf, base, n);
	carry = r->calls++;
	for (i = n; i-- > 0 && carry;) {
		carry += buf[i];
		buf[i] = (uint8_t)carry;
		carry >>= 8;
	}
	return 0;
}

static struct fake_rand rnd;
static struct auth_session sess;
static struct guard g;
static struct sip_msg msg;
static struct auth_out out;

static int setup(void **state)
{
	struct auth_ops ops = {auth_md5_nettle, fake_rand, &rnd};

	(void)state;
	memset(&rnd, 0, sizeof(rnd));
	auth_session_init(&sess, &ops, 1);
	memset(&out, 0, sizeof(out));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	guard_free(&g);
	return 0;
}

/* A response STATUS with the header lines HDRS ("Name: value\r\n"...),
 * its bytes right before an inaccessible page. */
static const struct sip_msg *resp(const char *status, const char *hdrs)
{
	static char text[SIP_MSG_MAX_SIZE];
	struct sip_err err;
	const char *p;
	int n;

	n = snprintf(text, sizeof(text),
		     "SIP/2.0 %s\r\n"
		     "Via: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bK776asdhds\r\n"
		     "From: <sip:1001@127.0.0.1>;tag=1928301774\r\n"
		     "To: <sip:1001@127.0.0.1>;tag=a6c85cf\r\n"
		     "Call-ID: a84b4c76e66710@127.0.0.2\r\n"
		     "CSeq: 1 REGISTER\r\n"
		     "%s"
		     "Content-Length: 0\r\n\r\n",
		     status, hdrs);
	assert_true(n > 0 && (size_t)n < sizeof(text));
	guard_free(&g);
	p = guard_put(&g, text, (size_t)n);
	assert_non_null(p);
	if (sip_msg_parse(&msg, p, (size_t)n, 0, &err) != 0)
		fail_msg("test response does not parse: %" PRIu16 " %s",
			 err.status, err.reason);
	return &msg;
}

static struct auth_req req(const char *method, const char *uri)
{
	struct auth_req r;

	memset(&r, 0, sizeof(r));
	r.method = method;
	r.uri = sip_pl_mk(uri, strlen(uri));
	return r;
}

/* One parameter of a credentials value we wrote, unquoted, as a string
 * ("" and false when absent). */
static int param(const struct auth_hdr *h, const char *name, char *buf,
		 size_t cap)
{
	struct sip_auth a;
	struct sip_pl rest, n, v;
	size_t len;

	assert_int_equal(sip_auth_parse(&a, h->val, h->len), 0);
	assert_true(a.digest);
	rest = a.params;
	while (sip_auth_param_next(&rest, &n, &v) == 0) {
		if (!sip_pl_caseeq(&n, name))
			continue;
		assert_int_equal(sip_pl_unquote(buf, cap - 1, &v, &len), 0);
		buf[len] = '\0';
		return 1;
	}
	buf[0] = '\0';
	return 0;
}

static void assert_param(const struct auth_hdr *h, const char *name,
			 const char *want)
{
	char buf[AUTH_HDR_MAX];

	if (!param(h, name, buf, sizeof(buf)))
		fail_msg("no %s= in %s", name, h->val);
	assert_string_equal(buf, want);
}

static void assert_no_param(const struct auth_hdr *h, const char *name)
{
	char buf[AUTH_HDR_MAX];

	if (param(h, name, buf, sizeof(buf)))
		fail_msg("unexpected %s= in %s", name, h->val);
}

static const struct auth_hdr *hdr_named(const struct auth_out *o,
					const char *name)
{
	unsigned i;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->h[i].name, name) == 0)
			return &o->h[i];
	fail_msg("no %s header", name);
	return NULL;
}

static const struct auth_cred cred_1001 = {"1001", "pw1001"};
static const struct auth_cred cred_4102 = {"4102", "secret"};

/* Kamailio's www_challenge("$td", "1"), as it goes on the wire. */
#define KAM_NONCE "Z7x0bGe8cxg1oL3ZxX0qRzWq0C5b1Hkn"
#define KAM_401                                                           \
	"WWW-Authenticate: Digest realm=\"127.0.0.1\", nonce=\"" KAM_NONCE \
	"\", qop=\"auth\"\r\n"                                            \
	"Server: kamailio (5.6.3 (x86_64/linux))\r\n"

/* ---------------------------------------------------------------- vectors */

/* RFC 2617 s.3.5. */
static void test_rfc2617_vector(void **state)
{
	struct auth_calc c;
	char hex[2 * AUTH_MD5_LEN + 1];

	(void)state;
	memset(&c, 0, sizeof(c));
	c.alg = AUTH_ALG_MD5;
	c.qop = AUTH_QOP_AUTH;
	c.user = sip_pl_mk("Mufasa", 6);
	c.realm = sip_pl_mk("testrealm@host.com", 18);
	c.password = sip_pl_mk("Circle Of Life", 14);
	c.nonce = sip_pl_mk("dcd98b7102dd2f0e8b11d0f600bfb0c093", 34);
	c.cnonce = sip_pl_mk("0a4f113b", 8);
	c.method = sip_pl_mk("GET", 3);
	c.uri = sip_pl_mk("/dir/index.html", 15);
	c.nc = 1;
	auth_response(auth_md5_nettle, &c, hex);
	assert_string_equal(hex, "6629fae49393a05397450978507c4ef1");
}

/* RFC 2069 (no qop); python: H(H("4102:asterisk:secret") +
 * ":3b4e5a1c:" + H("REGISTER:sip:192.0.2.10")). */
static void test_rfc2069_vector(void **state)
{
	struct auth_calc c;
	char hex[2 * AUTH_MD5_LEN + 1];

	(void)state;
	memset(&c, 0, sizeof(c));
	c.alg = AUTH_ALG_MD5;
	c.qop = AUTH_QOP_NONE;
	c.user = sip_pl_mk("4102", 4);
	c.realm = sip_pl_mk("asterisk", 8);
	c.password = sip_pl_mk("secret", 6);
	c.nonce = sip_pl_mk("3b4e5a1c", 8);
	c.method = sip_pl_mk("REGISTER", 8);
	c.uri = sip_pl_mk("sip:192.0.2.10", 14);
	c.nc = 99;                      /* ignored without qop */
	c.cnonce = sip_pl_mk("ignored", 7);
	auth_response(auth_md5_nettle, &c, hex);
	assert_string_equal(hex, "0f8c67cb0b60814ca1b818b6cf58acfe");
}

/* MD5-sess; python: ha1 = H(H("4102:sip.example.com:s3cr3t") +
 * ":5f1c2b3a4d5e6f708192a3b4c5d6e7f8:0123456789abcdef"), then
 * H(ha1 + ":5f1c...:00000001:0123456789abcdef:auth:" +
 * H("REGISTER:sip:sip.example.com")). */
static void test_md5_sess_vector(void **state)
{
	struct auth_calc c;
	char hex[2 * AUTH_MD5_LEN + 1];

	(void)state;
	memset(&c, 0, sizeof(c));
	c.alg = AUTH_ALG_MD5_SESS;
	c.qop = AUTH_QOP_AUTH;
	c.user = sip_pl_mk("4102", 4);
	c.realm = sip_pl_mk("sip.example.com", 15);
	c.password = sip_pl_mk("s3cr3t", 6);
	c.nonce = sip_pl_mk("5f1c2b3a4d5e6f708192a3b4c5d6e7f8", 32);
	c.cnonce = sip_pl_mk("0123456789abcdef", 16);
	c.method = sip_pl_mk("REGISTER", 8);
	c.uri = sip_pl_mk("sip:sip.example.com", 19);
	c.nc = 1;
	auth_response(auth_md5_nettle, &c, hex);
	assert_string_equal(hex, "718c340ff0bc821935d0b0a37c9541b2");
}

/* qop=auth-int; python: ha2 = H("INVITE:sip:4250@sip.example.com:" +
 * H("v=0\r\n")). */
static void test_auth_int_vector(void **state)
{
	struct auth_calc c;
	char hex[2 * AUTH_MD5_LEN + 1];

	(void)state;
	memset(&c, 0, sizeof(c));
	c.alg = AUTH_ALG_MD5;
	c.qop = AUTH_QOP_AUTH_INT;
	c.user = sip_pl_mk("4102", 4);
	c.realm = sip_pl_mk("sip.example.com", 15);
	c.password = sip_pl_mk("s3cr3t", 6);
	c.nonce = sip_pl_mk("abc", 3);
	c.cnonce = sip_pl_mk("0123456789abcdef", 16);
	c.method = sip_pl_mk("INVITE", 6);
	c.uri = sip_pl_mk("sip:4250@sip.example.com", 24);
	c.body = sip_pl_mk("v=0\r\n", 5);
	c.nc = 1;
	auth_response(auth_md5_nettle, &c, hex);
	assert_string_equal(hex, "0d9b206f85d748e085458489909ba9ed");
}

/* ---------------------------------------------------------------- 401 / 407 */

/* Kamailio's 401 to a REGISTER; the refresh goes with nc=2. */
static void test_401_kamailio(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:127.0.0.1");
	const struct sip_msg *m = resp("401 Unauthorized", KAM_401);
	const struct auth_hdr *h;

	(void)state;
	assert_true(auth_should_retry(&t, m));
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	assert_int_equal(out.n, 1);
	h = &out.h[0];
	assert_string_equal(h->name, "Authorization");
	assert_int_equal(strlen(h->val), h->len);
	assert_string_equal(h->val,
		"Digest username=\"1001\", realm=\"127.0.0.1\", "
		"nonce=\"" KAM_NONCE "\", uri=\"sip:127.0.0.1\", "
		"response=\"54cca3c644a4dc88160980b599026790\", algorithm=MD5, "
		"cnonce=\"0123456789abcdef\", qop=auth, nc=00000001");

	/* The refresh: pre-emptive, same nonce, nc 2 (python: nc=2). */
	assert_int_equal(auth_preempt(&sess, &r, &cred_1001, &out), 0);
	assert_int_equal(out.n, 1);
	assert_param(&out.h[0], "nc", "00000002");
	assert_param(&out.h[0], "cnonce", "0123456789abcdef");
	assert_param(&out.h[0], "response", "1227743b5ff48e3f48336d212e2f56c6");
	assert_int_equal(rnd.calls, 1);
}

/* Appendix B "Authentication Error": INVITE, 407, ACK, INVITE with
 * Proxy-Authorization; an old gateway's challenge (no qop, upper-case
 * scheme, quoted algorithm, no spaces). */
static void test_407_old_gateway(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("INVITE", "sip:5550002@gw.example.com;user=phone");
	const struct sip_msg *m = resp("407 Proxy Authentication Required",
		"Proxy-Authenticate: DIGEST realm=\"gw.example.com\","
		"nonce=\"1060292349\",algorithm=\"MD5\"\r\n");
	const struct auth_hdr *h;

	(void)state;
	assert_true(auth_should_retry(&t, m));
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_4102, &out), 0);
	assert_int_equal(out.n, 1);
	h = &out.h[0];
	assert_string_equal(h->name, "Proxy-Authorization");
	/* python: H(H("4102:gw.example.com:secret") + ":1060292349:" +
	 * H("INVITE:sip:5550002@gw.example.com;user=phone")) */
	assert_string_equal(h->val,
		"Digest username=\"4102\", realm=\"gw.example.com\", "
		"nonce=\"1060292349\", "
		"uri=\"sip:5550002@gw.example.com;user=phone\", "
		"response=\"a30c22dc1f0822955dc62cce5f52568f\", algorithm=MD5");
	assert_no_param(h, "qop");
	assert_no_param(h, "nc");
	assert_no_param(h, "cnonce");
	assert_no_param(h, "opaque");
}

/* Asterisk (chan_sip): algorithm first, no qop. */
static void test_401_asterisk(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:192.0.2.10");
	const struct sip_msg *m = resp("401 Unauthorized",
		"WWW-Authenticate: Digest algorithm=MD5, realm=\"asterisk\", "
		"nonce=\"3b4e5a1c\"\r\n");

	(void)state;
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_4102, &out), 0);
	assert_int_equal(out.n, 1);
	assert_string_equal(out.h[0].name, "Authorization");
	assert_param(&out.h[0], "response", "0f8c67cb0b60814ca1b818b6cf58acfe");
	assert_no_param(&out.h[0], "nc");
	/* Without qop there is no nonce count: the refresh is the same. */
	assert_int_equal(auth_preempt(&sess, &r, &cred_4102, &out), 0);
	assert_param(&out.h[0], "response", "0f8c67cb0b60814ca1b818b6cf58acfe");
}

/* MD5-sess through auth_answer (the vector above, cnonce from fake_rand). */
static void test_md5_sess_answer(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:sip.example.com");
	struct auth_cred c = {"4102", "s3cr3t"};
	const struct sip_msg *m = resp("401 Unauthorized",
		"WWW-Authenticate: Digest realm=\"sip.example.com\", "
		"nonce=\"5f1c2b3a4d5e6f708192a3b4c5d6e7f8\", "
		"algorithm=md5-SESS, qop=\"auth\"\r\n");

	(void)state;
	assert_int_equal(auth_answer(&sess, &t, m, &r, &c, &out), 0);
	assert_param(&out.h[0], "algorithm", "MD5-sess");
	assert_param(&out.h[0], "response", "718c340ff0bc821935d0b0a37c9541b2");
}

/* Only auth-int offered: answered over the body. */
static void test_auth_int_answer(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("INVITE", "sip:4250@sip.example.com");
	struct auth_cred c = {"4102", "s3cr3t"};
	const struct sip_msg *m = resp("407 Proxy Authentication Required",
		"Proxy-Authenticate: Digest realm=\"sip.example.com\", "
		"nonce=\"abc\", qop=\"auth-int\"\r\n");

	(void)state;
	r.body = sip_pl_mk("v=0\r\n", 5);
	assert_int_equal(auth_answer(&sess, &t, m, &r, &c, &out), 0);
	assert_param(&out.h[0], "qop", "auth-int");
	assert_param(&out.h[0], "response", "0d9b206f85d748e085458489909ba9ed");
}

/* qop="auth,auth-int" (RFC 2617 s.3.5): auth is chosen. */
static void test_qop_prefers_auth(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:sip.example.com");
	const struct sip_msg *m = resp("401 Unauthorized",
		"WWW-Authenticate: Digest realm=\"testrealm@host.com\", "
		"qop=\"auth-int , auth\", "
		"nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
		"opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"\r\n");

	(void)state;
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	assert_param(&out.h[0], "qop", "auth");
	assert_param(&out.h[0], "opaque", "5ccc069c403ebaf9f0171e9517f40e41");
}

/* A request challenged by the proxy (407) and then the registrar (401)
 * carries both headers (RFC 3261 s.22.3). */
static void test_proxy_then_www(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("INVITE", "sip:4250@127.0.0.1");
	const struct sip_msg *m;

	(void)state;
	m = resp("407 Proxy Authentication Required",
		 "Proxy-Authenticate: Digest realm=\"proxy\", nonce=\"p1\", "
		 "qop=\"auth\"\r\n");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	assert_int_equal(out.n, 1);
	assert_string_equal(out.h[0].name, "Proxy-Authorization");
	m = resp("401 Unauthorized",
		 "WWW-Authenticate: Digest realm=\"registrar\", nonce=\"w1\", "
		 "qop=\"auth\"\r\n");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	assert_int_equal(out.n, 2);
	assert_param(hdr_named(&out, "Authorization"), "realm", "registrar");
	assert_param(hdr_named(&out, "Authorization"), "nc", "00000001");
	assert_param(hdr_named(&out, "Proxy-Authorization"), "realm", "proxy");
	/* The proxy's nonce was used once already. */
	assert_param(hdr_named(&out, "Proxy-Authorization"), "nc", "00000002");
}

/* ---------------------------------------------------------------- choice */

/* Several headers: Basic and SHA-256 skipped, the MD5 one answered. */
static void test_several_headers(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:127.0.0.1");
	const struct sip_msg *m = resp("401 Unauthorized",
		"WWW-Authenticate: Basic realm=\"basic\"\r\n"
		"WWW-Authenticate: Digest realm=\"sha\", nonce=\"1\", "
		"algorithm=SHA-256, qop=\"auth\"\r\n"
		"WWW-Authenticate: Digest realm=\"conf\", nonce=\"2\", "
		"qop=\"auth-conf\"\r\n"
		"WWW-Authenticate: Digest realm=\"good\", nonce=\"3\", "
		"algorithm=MD5, qop=\"auth\"\r\n"
		"WWW-Authenticate: Digest realm=\"later\", nonce=\"4\"\r\n");

	(void)state;
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	assert_int_equal(out.n, 1);
	assert_param(&out.h[0], "realm", "good");
	assert_param(&out.h[0], "nonce", "3");
	assert_param(&out.h[0], "algorithm", "MD5");
}

/* Several challenges in one header value (RFC 2617 s.1.2). */
static void test_several_in_one_header(void **state)
{
	static const struct {
		const char *hdr, *realm;
	} cases[] = {
		{"WWW-Authenticate: Digest realm=\"a,b\", nonce=\"n\", "
		 "algorithm=SHA-256, qop=\"auth\", Digest realm=\"md5\", "
		 "nonce=\"m\", qop=\"auth\"\r\n", "md5"},
		{"WWW-Authenticate: Basic realm=\"x\", Digest realm=\"d\", "
		 "nonce=\"m\"\r\n", "d"},
		{"WWW-Authenticate: Negotiate, Digest realm=\"neg\", "
		 "nonce=\"m\"\r\n", "neg"},
		{"WWW-Authenticate: Bearer abc==,Digest realm=\"tok68\","
		 "nonce=\"m\"\r\n", "tok68"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct auth_try t = AUTH_TRY_INIT;
		struct auth_req r = req("REGISTER", "sip:127.0.0.1");
		const struct sip_msg *m = resp("401 Unauthorized",
					       cases[i].hdr);

		auth_session_reset(&sess);
		if (auth_answer(&sess, &t, m, &r, &cred_1001, &out) != 0)
			fail_msg("case %zu: no answer", i);
		assert_param(&out.h[0], "realm", cases[i].realm);
	}
}

/* Nothing usable: a clear error, and the request is over. */
static void test_none_usable(void **state)
{
	static const struct {
		const char *hdrs;
		int err;
	} cases[] = {
		{"WWW-Authenticate: Basic realm=\"x\"\r\n", -ENOTSUP},
		{"WWW-Authenticate: Digest realm=\"x\", nonce=\"n\", "
		 "algorithm=SHA-256\r\n", -ENOTSUP},
		{"WWW-Authenticate: Digest realm=\"x\", nonce=\"n\", "
		 "algorithm=AKAv1-MD5\r\n", -ENOTSUP},
		{"WWW-Authenticate: Digest realm=\"x\", nonce=\"n\", "
		 "qop=\"auth-conf\"\r\n", -ENOTSUP},
		/* MD5-sess needs a cnonce, which needs qop (RFC 2617 s.3.2.2). */
		{"WWW-Authenticate: Digest realm=\"x\", nonce=\"n\", "
		 "algorithm=MD5-sess\r\n", -ENOTSUP},
		{"WWW-Authenticate: Digest realm=\"x\"\r\n", -EBADMSG},
		{"WWW-Authenticate: Digest nonce=\"n\"\r\n", -EBADMSG},
		{"WWW-Authenticate: Digest\r\n", -EBADMSG},
		{"WWW-Authenticate: garbage \"\r\n", -EBADMSG},
		{"WWW-Authenticate: ,,,\r\n", -EBADMSG},
		/* A 401 without WWW-Authenticate. */
		{"", -EBADMSG},
		/* Only the other kind's header. */
		{"Proxy-Authenticate: Digest realm=\"x\", nonce=\"n\"\r\n",
		 -EBADMSG},
		/* Garbage and an unsupported one: the more useful error. */
		{"WWW-Authenticate: !!\r\n"
		 "WWW-Authenticate: Basic realm=\"x\"\r\n", -ENOTSUP},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct auth_try t = AUTH_TRY_INIT;
		struct auth_req r = req("REGISTER", "sip:127.0.0.1");
		const struct sip_msg *m = resp("401 Unauthorized",
					       cases[i].hdrs);
		int err = auth_answer(&sess, &t, m, &r, &cred_1001, &out);

		if (err != cases[i].err)
			fail_msg("case %zu: %d, want %d", i, err, cases[i].err);
		assert_int_equal(out.n, 0);
		assert_true(t.done);
		assert_false(auth_should_retry(&t, m));
		/* Later calls say the same; nothing was adopted. */
		assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out),
				 cases[i].err);
		assert_false(sess.chal[AUTH_WWW].set);
		assert_string_not_equal(auth_strerror(err), "ok");
	}
}

static void test_should_retry(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;

	(void)state;
	assert_false(auth_should_retry(&t, resp("200 OK", "")));
	assert_false(auth_should_retry(&t, resp("403 Forbidden", "")));
	assert_false(auth_should_retry(&t, resp("401 Unauthorized", "")));
	assert_false(auth_should_retry(&t,
		resp("407 Proxy Authentication Required",
		     "WWW-Authenticate: Digest realm=\"x\", nonce=\"n\"\r\n")));
	assert_true(auth_should_retry(&t,
		resp("407 Proxy Authentication Required",
		     "Proxy-Authenticate: Digest realm=\"x\", nonce=\"n\"\r\n")));
	assert_true(auth_should_retry(&t, resp("401 Unauthorized", KAM_401)));
	assert_false(auth_should_retry(NULL, &msg));
	t.done = 1;
	assert_false(auth_should_retry(&t, &msg));
}

/* ---------------------------------------------------------------- rounds */

/* stale=true: retried once with the new nonce; a second stale ends it. */
static void test_stale_retried_once(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:127.0.0.1");
	const struct sip_msg *m;

	(void)state;
	m = resp("401 Unauthorized",
		 "WWW-Authenticate: Digest realm=\"127.0.0.1\", nonce=\"n1\", "
		 "qop=\"auth\"\r\n");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	m = resp("401 Unauthorized",
		 "WWW-Authenticate: Digest realm=\"127.0.0.1\", nonce=\"n2\", "
		 "qop=\"auth\", stale=TRUE\r\n");
	assert_true(auth_should_retry(&t, m));
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	assert_param(&out.h[0], "nonce", "n2");
	assert_param(&out.h[0], "nc", "00000001");
	assert_param(&out.h[0], "cnonce", "0123456789abcdf0"); /* a new one */
	m = resp("401 Unauthorized",
		 "WWW-Authenticate: Digest realm=\"127.0.0.1\", nonce=\"n3\", "
		 "qop=\"auth\", stale=true\r\n");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out),
			 -ELOOP);
	assert_int_equal(out.n, 0);
	assert_false(auth_should_retry(&t, m));
}

/* stale=false is no stale: a wrong password. */
static void test_wrong_password_stops(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:127.0.0.1");
	struct auth_cred wrong = {"1001", "wrong"};
	const struct sip_msg *m = resp("401 Unauthorized", KAM_401);

	(void)state;
	assert_int_equal(auth_answer(&sess, &t, m, &r, &wrong, &out), 0);
	/* Kamailio answers a wrong password with the same challenge. */
	m = resp("401 Unauthorized", KAM_401);
	assert_int_equal(auth_answer(&sess, &t, m, &r, &wrong, &out), -EACCES);
	assert_int_equal(out.n, 0);
	assert_false(auth_should_retry(&t, m));
	assert_int_equal(auth_answer(&sess, &t, m, &r, &wrong, &out), -EACCES);
	assert_string_equal(auth_strerror(-EACCES), "Authentication failed");
	/* The rejected challenge is forgotten: no stale credentials next. */
	assert_int_equal(auth_preempt(&sess, &r, &wrong, &out), 0);
	assert_int_equal(out.n, 0);

	/* Asterisk-style: a new nonce each time, stale=false. */
	memset(&t, 0, sizeof(t));
	m = resp("401 Unauthorized",
		 "WWW-Authenticate: Digest realm=\"asterisk\", nonce=\"a\"\r\n");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &wrong, &out), 0);
	m = resp("401 Unauthorized",
		 "WWW-Authenticate: Digest realm=\"asterisk\", nonce=\"b\", "
		 "stale=false\r\n");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &wrong, &out), -EACCES);
}

/* Pre-emptive credentials with an old nonce are not a failure: the
 * challenge they bring is answered (the configuration then fixed: the
 * line recovers). */
static void test_preempt_rejected_is_not_failure(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:127.0.0.1");
	const struct sip_msg *m;

	(void)state;
	m = resp("401 Unauthorized",
		 "WWW-Authenticate: Digest realm=\"127.0.0.1\", nonce=\"old\", "
		 "qop=\"auth\"\r\n");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	/* The next refresh: a new request. */
	memset(&t, 0, sizeof(t));
	assert_int_equal(auth_preempt(&sess, &r, &cred_1001, &out), 0);
	assert_int_equal(out.n, 1);
	m = resp("401 Unauthorized",
		 "WWW-Authenticate: Digest realm=\"127.0.0.1\", nonce=\"new\", "
		 "qop=\"auth\"\r\n");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	assert_param(&out.h[0], "nonce", "new");
}

/* nc goes up per request with one nonce, across requests, and starts
 * again at 1 with a new nonce (RFC 2617 s.3.2.2). */
static void test_nc(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:127.0.0.1");
	struct auth_req inv = req("INVITE", "sip:4250@127.0.0.1");
	const struct sip_msg *m;

	(void)state;
	m = resp("401 Unauthorized", KAM_401);
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	assert_param(&out.h[0], "nc", "00000001");
	assert_int_equal(auth_preempt(&sess, &inv, &cred_1001, &out), 0);
	assert_param(&out.h[0], "nc", "00000002");
	assert_param(&out.h[0], "uri", "sip:4250@127.0.0.1");
	assert_int_equal(auth_preempt(&sess, &r, &cred_1001, &out), 0);
	assert_param(&out.h[0], "nc", "00000003");
	/* The same nonce challenged again in a new request: keeps counting. */
	memset(&t, 0, sizeof(t));
	m = resp("401 Unauthorized", KAM_401);
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	assert_param(&out.h[0], "nc", "00000004");
	assert_param(&out.h[0], "cnonce", "0123456789abcdef");
	/* A new nonce: 1 again, a new cnonce. */
	memset(&t, 0, sizeof(t));
	m = resp("401 Unauthorized",
		 "WWW-Authenticate: Digest realm=\"127.0.0.1\", nonce=\"fresh\", "
		 "qop=\"auth\"\r\n");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	assert_param(&out.h[0], "nc", "00000001");
	assert_param(&out.h[0], "cnonce", "0123456789abcdf0");
	/* The edge: ffffffff is the last count; never wraps to 0. */
	sess.chal[AUTH_WWW].nc = UINT32_MAX - 1;
	assert_int_equal(auth_preempt(&sess, &r, &cred_1001, &out), 0);
	assert_param(&out.h[0], "nc", "ffffffff");
	assert_int_equal(auth_preempt(&sess, &r, &cred_1001, &out), -EOVERFLOW);
	assert_int_equal(out.n, 0);
}

/* A different realm each time: bounded (AUTH_ROUNDS_MAX). */
static void test_rounds_bounded(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:127.0.0.1");
	char hdr[128];
	unsigned i;
	int err = 0;

	(void)state;
	for (i = 0; i <= AUTH_ROUNDS_MAX; i++) {
		snprintf(hdr, sizeof(hdr),
			 "WWW-Authenticate: Digest realm=\"r%u\", nonce=\"n\"\r\n",
			 i);
		err = auth_answer(&sess, &t, resp("401 Unauthorized", hdr), &r,
				  &cred_1001, &out);
		if (i < AUTH_ROUNDS_MAX)
			assert_int_equal(err, 0);
	}
	assert_int_equal(err, -ELOOP);
}

/* 403 ends the attempt (Appendix A); what we knew is forgotten. */
static void test_403(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:127.0.0.1");

	(void)state;
	assert_int_equal(auth_answer(&sess, &t, resp("401 Unauthorized",
						     KAM_401),
				     &r, &cred_1001, &out), 0);
	assert_int_equal(auth_answer(&sess, &t, resp("403 Forbidden", ""), &r,
				     &cred_1001, &out), -EPERM);
	assert_int_equal(out.n, 0);
	assert_true(t.done);
	assert_int_equal(auth_preempt(&sess, &r, &cred_1001, &out), 0);
	assert_int_equal(out.n, 0);
	/* Not a challenge at all: the caller's mistake, T untouched. */
	memset(&t, 0, sizeof(t));
	assert_int_equal(auth_answer(&sess, &t, resp("200 OK", ""), &r,
				     &cred_1001, &out), -EINVAL);
	assert_false(t.done);
}

/* ---------------------------------------------------------------- text */

static void test_opaque_echoed(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:127.0.0.1");
	const struct sip_msg *m;

	(void)state;
	m = resp("401 Unauthorized",
		 "WWW-Authenticate: Digest realm=\"r\", nonce=\"n\", "
		 "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", qop=\"auth\"\r\n");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	assert_param(&out.h[0], "opaque", "5ccc069c403ebaf9f0171e9517f40e41");
	/* opaque="" is echoed as it came (the sip test data's 401). */
	memset(&t, 0, sizeof(t));
	auth_session_reset(&sess);
	m = resp("401 Unauthorized",
		 "WWW-Authenticate: Digest realm=\"sip.example.com\", "
		 "nonce=\"5f1c2b3a4d5e6f708192a3b4c5d6e7f8\",\r\n"
		 "  opaque=\"\", algorithm=MD5, qop=\"auth\"\r\n");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	assert_non_null(strstr(out.h[0].val, ", opaque=\"\""));
	/* A token opaque is echoed quoted (s.25.1 opaque = quoted-string). */
	memset(&t, 0, sizeof(t));
	auth_session_reset(&sess);
	m = resp("401 Unauthorized",
		 "WWW-Authenticate: Digest realm=\"r\", nonce=\"n\", "
		 "opaque=abc\r\n");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	assert_non_null(strstr(out.h[0].val, ", opaque=\"abc\""));
}

/* Quoted-string escaping both ways: what is hashed is the name itself. */
static void test_quoting(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:sip.example.com");
	struct auth_cred c = {"a\"b\\c", "pw"};
	const struct sip_msg *m;

	(void)state;
	m = resp("401 Unauthorized",
		 "WWW-Authenticate: Digest realm=\"sip.example.com\", "
		 "nonce=\"n1\", qop=\"auth\"\r\n");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &c, &out), 0);
	assert_non_null(strstr(out.h[0].val, "username=\"a\\\"b\\\\c\""));
	assert_param(&out.h[0], "username", "a\"b\\c");
	/* python: H(H('a"b\\c:sip.example.com:pw') + ":n1:00000001:"
	 * "0123456789abcdef:auth:" + H("REGISTER:sip:sip.example.com")) */
	assert_param(&out.h[0], "response", "8b5cfa24a48903706030c68469927c11");

	/* A realm and nonce with quoted-pairs: unescaped, then escaped back. */
	memset(&t, 0, sizeof(t));
	auth_session_reset(&sess);
	m = resp("401 Unauthorized",
		 "WWW-Authenticate: Digest realm=\"my \\\"realm\\\"\", "
		 "nonce=\"x\\\\y\"\r\n");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	assert_string_equal(sess.chal[AUTH_WWW].realm, "my \"realm\"");
	assert_string_equal(sess.chal[AUTH_WWW].nonce, "x\\y");
	assert_non_null(strstr(out.h[0].val, "realm=\"my \\\"realm\\\"\""));
	assert_param(&out.h[0], "nonce", "x\\y");
}

/* digest-uri is the Request-URI exactly as given (RFC 3261 s.22.4). */
static void test_digest_uri(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("INVITE",
				"sip:555-0002@companyb.com;user=phone");
	const struct sip_msg *m = resp("407 Proxy Authentication Required",
		"Proxy-Authenticate: Digest realm=\"companyb.com\", "
		"nonce=\"n\", qop=\"auth\"\r\n");
	struct auth_calc c;
	char hex[2 * AUTH_MD5_LEN + 1];

	(void)state;
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_4102, &out), 0);
	assert_param(&out.h[0], "uri", "sip:555-0002@companyb.com;user=phone");
	memset(&c, 0, sizeof(c));
	c.qop = AUTH_QOP_AUTH;
	c.user = sip_pl_mk("4102", 4);
	c.realm = sip_pl_mk("companyb.com", 12);
	c.password = sip_pl_mk("secret", 6);
	c.nonce = sip_pl_mk("n", 1);
	c.cnonce = sip_pl_mk("0123456789abcdef", 16);
	c.method = sip_pl_mk("INVITE", 6);
	c.uri = r.uri;
	c.nc = 1;
	auth_response(auth_md5_nettle, &c, hex);
	assert_param(&out.h[0], "response", hex);
}

/* ---------------------------------------------------------------- limits */

static void limit_case(const char *field, size_t len, int want)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:127.0.0.1");
	static char hdr[2048];
	char *v = malloc(len + 1);
	int err;

	assert_non_null(v);
	memset(v, 'x', len);
	v[len] = '\0';
	auth_session_reset(&sess);
	if (strcmp(field, "realm") == 0)
		snprintf(hdr, sizeof(hdr), "WWW-Authenticate: Digest "
			 "realm=\"%s\", nonce=\"n\"\r\n", v);
	else if (strcmp(field, "nonce") == 0)
		snprintf(hdr, sizeof(hdr), "WWW-Authenticate: Digest "
			 "realm=\"r\", nonce=\"%s\"\r\n", v);
	else
		snprintf(hdr, sizeof(hdr), "WWW-Authenticate: Digest "
			 "realm=\"r\", nonce=\"n\", opaque=\"%s\"\r\n", v);
	err = auth_answer(&sess, &t, resp("401 Unauthorized", hdr), &r,
			  &cred_1001, &out);
	if (err != want)
		fail_msg("%s of %zu bytes: %d, want %d", field, len, err, want);
	if (want == 0)
		assert_param(&out.h[0], field, v);
	free(v);
}

static void test_limits(void **state)
{
	(void)state;
	limit_case("realm", AUTH_REALM_MAX, 0);
	limit_case("realm", AUTH_REALM_MAX + 1, -E2BIG);
	limit_case("nonce", AUTH_NONCE_MAX, 0);
	limit_case("nonce", AUTH_NONCE_MAX + 1, -E2BIG);
	limit_case("opaque", AUTH_OPAQUE_MAX, 0);
	limit_case("opaque", AUTH_OPAQUE_MAX + 1, -E2BIG);
	assert_string_equal(auth_strerror(-E2BIG), "Challenge too long");
}

/* A value that does not fit AUTH_HDR_MAX is an error, never cut. */
static void test_header_overflow(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	const struct sip_msg *m = resp("401 Unauthorized", KAM_401);
	static char uri[AUTH_HDR_MAX];
	struct auth_req r;
	size_t fixed, room;
	int err;

	(void)state;
	/* How much the value takes besides the URI. */
	r = req("REGISTER", "sip:1");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	fixed = out.h[0].len - strlen("sip:1");
	room = AUTH_HDR_MAX - 1 - fixed; /* the val keeps a NUL */
	/* Exactly full. */
	memset(uri, 'a', room);
	memcpy(uri, "sip:", 4);
	uri[room] = '\0';
	r = req("REGISTER", uri);
	auth_session_reset(&sess);
	memset(&t, 0, sizeof(t));
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out), 0);
	assert_int_equal(out.h[0].len, AUTH_HDR_MAX - 1);
	/* One more byte. */
	uri[room] = 'a';
	uri[room + 1] = '\0';
	r = req("REGISTER", uri);
	err = auth_preempt(&sess, &r, &cred_1001, &out);
	assert_int_equal(err, -ENOBUFS);
	assert_int_equal(out.n, 0);
}

/* CR/LF in what we write would inject a header; controls in a challenge
 * value would be echoed. */
static void test_controls(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:127.0.0.1");
	struct auth_req bad = req("REGISTER", "sip:127.0.0.1\r\nX: y");
	struct auth_cred evil = {"1001\r\nX-Evil: 1", "pw"};
	const struct sip_msg *m = resp("401 Unauthorized", KAM_401);

	(void)state;
	assert_int_equal(auth_answer(&sess, &t, m, &r, &evil, &out), -EINVAL);
	memset(&t, 0, sizeof(t));
	assert_int_equal(auth_answer(&sess, &t, m, &bad, &cred_1001, &out),
			 -EINVAL);
	memset(&t, 0, sizeof(t));
	r.method = "";
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out),
			 -EINVAL);
	/* A folded quoted-string: legal SIP, but not echoed. */
	memset(&t, 0, sizeof(t));
	r = req("REGISTER", "sip:127.0.0.1");
	m = resp("401 Unauthorized",
		 "WWW-Authenticate: Digest realm=\"r\", nonce=\"a\r\n b\"\r\n");
	assert_int_equal(auth_answer(&sess, &t, m, &r, &cred_1001, &out),
			 -EBADMSG);
	assert_int_equal(auth_answer(NULL, &t, m, &r, &cred_1001, &out),
			 -EINVAL);
	assert_int_equal(auth_preempt(&sess, &r, NULL, &out), -EINVAL);
}

/* Garbage challenges: an error, never a crash (the bytes end at a
 * PROT_NONE page, so a read past them faults). */
static void test_garbage(void **state)
{
	static const char *const vals[] = {
		"Digest realm=\"", "Digest realm=\"a\\", "Digest ,", ", , ,",
		"Digest realm=a,,nonce=b", "Digest realm=\"a\" nonce=\"b\"",
		"Digest realm=\"a\", nonce=\"b\", nc=zz", "Digest nonce=b, "
		"nonce=c, realm=a", "\"\"", "Digest realm=\"a\", Digest",
		"Digest realm=\"a\", nonce=\"b\", qop=\",,,\", Basic",
		"Digest realm=\"\\\"\", nonce=\"\\\\\\\"\"", "=", "Digest ==",
		"Digest realm=\"a\", nonce=\"b\", algorithm=\"\"",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		struct auth_try t = AUTH_TRY_INIT;
		struct auth_req r = req("REGISTER", "sip:127.0.0.1");
		char hdr[256];
		int err;

		snprintf(hdr, sizeof(hdr), "WWW-Authenticate: %s\r\n", vals[i]);
		auth_session_reset(&sess);
		err = auth_answer(&sess, &t, resp("401 Unauthorized", hdr), &r,
				  &cred_1001, &out);
		/* Some are odd but answerable; the rest a clear error. */
		if (err == 0)
			assert_int_equal(out.n, 1);
		else if (err != -EBADMSG && err != -ENOTSUP)
			fail_msg("'%s': %d", vals[i], err);
	}
}

static void test_rand_fails(void **state)
{
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:127.0.0.1");

	(void)state;
	rnd.fail = -EIO;
	assert_int_equal(auth_answer(&sess, &t, resp("401 Unauthorized",
						     KAM_401),
				     &r, &cred_1001, &out), -EIO);
	assert_false(sess.chal[AUTH_WWW].set);
	assert_int_equal(out.n, 0);
}

/* ---------------------------------------------------------------- cnf */

static struct cnf *snapshot(const char *text)
{
	struct cnf_layers *l;
	struct cnf *c;

	assert_int_equal(cnf_layers_alloc(&l), 0);
	assert_int_equal(cnf_layer_load(l, CNF_LAYER_PHONE, "SIP.cnf",
					(const uint8_t *)text, strlen(text),
					NULL, NULL, NULL), 0);
	assert_int_equal(cnf_snapshot(l, &c), 0);
	cnf_layers_free(l);
	return c;
}

/* Table 3-4: line N, else line 1, else UNPROVISIONED. */
static void test_cred_from_cnf(void **state)
{
	struct auth_cred c;
	struct cnf *cnf;

	(void)state;
	cnf = snapshot("line1_authname: \"1001\"\nline1_password: \"pw1\"\n"
		       "line2_authname: \"1002\"\nline2_password: \"pw2\"\n");
	assert_int_equal(auth_cred_from_cnf(&c, cnf, 2), 0);
	assert_string_equal(c.user, "1002");
	assert_string_equal(c.password, "pw2");
	assert_int_equal(auth_cred_from_cnf(&c, cnf, 6), 0);
	assert_string_equal(c.user, "1001");
	assert_string_equal(c.password, "pw1");
	assert_int_equal(auth_cred_from_cnf(&c, cnf, 0), -EINVAL);
	assert_int_equal(auth_cred_from_cnf(&c, cnf, CNF_LINES + 1), -EINVAL);
	assert_int_equal(auth_cred_from_cnf(&c, NULL, 1), -EINVAL);
	cnf_free(cnf);

	cnf = snapshot("line1_name: \"1001\"\n");
	assert_int_equal(auth_cred_from_cnf(&c, cnf, 1), 0);
	assert_string_equal(c.user, "UNPROVISIONED");
	assert_string_equal(c.password, "UNPROVISIONED");
	assert_int_equal(auth_cred_from_cnf(&c, cnf, 4), 0);
	assert_string_equal(c.user, "UNPROVISIONED");
	cnf_free(cnf);
}

/* ---------------------------------------------------------------- the log */

struct capture {
	char text[64 * 1024];
	size_t len;
	unsigned lines;
};

static void capture_sink(void *arg, enum log_level level, enum log_cat cat,
			 const char *m)
{
	struct capture *c = arg;
	int n;

	(void)level;
	(void)cat;
	n = snprintf(c->text + c->len, sizeof(c->text) - c->len, "%s\n", m);
	assert_true(n > 0 && (size_t)n < sizeof(c->text) - c->len);
	c->len += (size_t)n;
	c->lines++;
}

static void assert_absent(const struct capture *c, const char *secret)
{
	if (strstr(c->text, secret))
		fail_msg("'%s' reached the log:\n%s", secret, c->text);
}

/* Everything that could log, with every category at debug: the password,
 * H(A1), the responses and the nonce never appear; realm and user do. */
static void test_log_never_shows_credentials(void **state)
{
	static struct capture cap;
	static const char password[] = "Zq9-secret-pw";
	struct auth_cred cred = {"1001", password};
	struct auth_req r = req("REGISTER", "sip:127.0.0.1");
	struct auth_try t = AUTH_TRY_INIT;
	char responses[8][2 * AUTH_MD5_LEN + 1];
	char buf[AUTH_HDR_MAX], ha1[2 * AUTH_MD5_LEN + 1];
	struct sip_pl parts[1];
	uint8_t d[AUTH_MD5_LEN];
	unsigned nresp = 0, i, cat;

	(void)state;
	memset(&cap, 0, sizeof(cap));
	log_set_sink(capture_sink, &cap);
	for (cat = 0; cat < LOG_CAT__COUNT; cat++)
		log_enable((enum log_cat)cat, 1);

	/* 401, answered; stale, answered; refreshed; rejected. */
	assert_int_equal(auth_answer(&sess, &t, resp("401 Unauthorized",
						     KAM_401),
				     &r, &cred, &out), 0);
	assert_true(param(&out.h[0], "response", responses[nresp++], 33));
	assert_int_equal(auth_answer(&sess, &t, resp("401 Unauthorized",
		"WWW-Authenticate: Digest realm=\"127.0.0.1\", "
		"nonce=\"S7aleN0nce\", qop=\"auth\", stale=true\r\n"),
		&r, &cred, &out), 0);
	assert_true(param(&out.h[0], "response", responses[nresp++], 33));
	assert_int_equal(auth_preempt(&sess, &r, &cred, &out), 0);
	assert_true(param(&out.h[0], "response", responses[nresp++], 33));
	memset(&t, 0, sizeof(t));
	assert_int_equal(auth_answer(&sess, &t, resp("401 Unauthorized",
						     KAM_401),
				     &r, &cred, &out), 0);
	assert_true(param(&out.h[0], "response", responses[nresp++], 33));
	assert_int_equal(auth_answer(&sess, &t, resp("401 Unauthorized",
						     KAM_401),
				     &r, &cred, &out), -EACCES);
	/* A 407 (no qop), a 403, garbage. */
	memset(&t, 0, sizeof(t));
	assert_int_equal(auth_answer(&sess, &t,
		resp("407 Proxy Authentication Required",
		     "Proxy-Authenticate: Digest realm=\"gw\", nonce=\"g1\"\r\n"),
		&r, &cred, &out), 0);
	assert_true(param(&out.h[0], "response", responses[nresp++], 33));
	assert_int_equal(auth_answer(&sess, &t, resp("403 Forbidden", ""), &r,
				     &cred, &out), -EPERM);
	memset(&t, 0, sizeof(t));
	assert_int_equal(auth_answer(&sess, &t, resp("401 Unauthorized",
		"WWW-Authenticate: Basic realm=\"x\"\r\n"), &r, &cred, &out),
		-ENOTSUP);

	log_set_sink(NULL, NULL);
	for (cat = 0; cat < LOG_CAT__COUNT; cat++)
		log_enable((enum log_cat)cat, 0);

	/* The test sees the log at all. */
	assert_true(cap.lines >= 5);
	assert_non_null(strstr(cap.text, "127.0.0.1"));
	assert_non_null(strstr(cap.text, "\"1001\""));
	/* Nothing secret. */
	assert_absent(&cap, password);
	assert_absent(&cap, "secret");
	for (i = 0; i < nresp; i++)
		assert_absent(&cap, responses[i]);
	snprintf(buf, sizeof(buf), "1001:127.0.0.1:%s", password);
	parts[0] = sip_pl_mk(buf, strlen(buf));
	auth_md5_nettle(parts, 1, d);
	for (i = 0; i < AUTH_MD5_LEN; i++)
		snprintf(ha1 + 2 * i, 3, "%02x", d[i]);
	assert_absent(&cap, ha1);
	assert_absent(&cap, KAM_NONCE);
	assert_absent(&cap, "S7aleN0nce");
	assert_absent(&cap, "0123456789abcdef"); /* the cnonce */
}

/* The host's ops: real random cnonces, two in a row differ. */
static void test_host_ops(void **state)
{
	struct auth_session s;
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req r = req("REGISTER", "sip:127.0.0.1");
	char c1[AUTH_CNONCE_LEN + 1];

	(void)state;
	auth_session_init(&s, &auth_ops_host, 2);
	assert_int_equal(auth_answer(&s, &t, resp("401 Unauthorized", KAM_401),
				     &r, &cred_1001, &out), 0);
	memcpy(c1, s.chal[AUTH_WWW].cnonce, sizeof(c1));
	assert_int_equal(strlen(c1), AUTH_CNONCE_LEN);
	auth_session_reset(&s);
	memset(&t, 0, sizeof(t));
	assert_int_equal(auth_answer(&s, &t, resp("401 Unauthorized", KAM_401),
				     &r, &cred_1001, &out), 0);
	assert_string_not_equal(c1, s.chal[AUTH_WWW].cnonce);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_rfc2617_vector),
		T(test_rfc2069_vector),
		T(test_md5_sess_vector),
		T(test_auth_int_vector),
		T(test_401_kamailio),
		T(test_407_old_gateway),
		T(test_401_asterisk),
		T(test_md5_sess_answer),
		T(test_auth_int_answer),
		T(test_qop_prefers_auth),
		T(test_proxy_then_www),
		T(test_several_headers),
		T(test_several_in_one_header),
		T(test_none_usable),
		T(test_should_retry),
		T(test_stale_retried_once),
		T(test_wrong_password_stops),
		T(test_preempt_rejected_is_not_failure),
		T(test_nc),
		T(test_rounds_bounded),
		T(test_403),
		T(test_opaque_echoed),
		T(test_quoting),
		T(test_digest_uri),
		T(test_limits),
		T(test_header_overflow),
		T(test_controls),
		T(test_garbage),
		T(test_rand_fails),
		T(test_cred_from_cnf),
		T(test_log_never_shows_credentials),
		T(test_host_ops),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
