/*
 * fuzz_auth.c - libFuzzer: responses with random challenge headers through
 * auth_answer() (twice: the retry rules), then auth_preempt().
 *
 * Input: one selector byte, then header lines for the response.  The
 * selector's low bits pick the status (401, 407, 403, 200), bit 2 puts the
 * rest as the value of one WWW-/Proxy-Authenticate header instead of as
 * whole lines, bit 3 picks a user name that needs quoting, bit 4 a body
 * (auth-int).  Seeds: tests/fuzz/corpus/auth/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fixed_rand(void *arg, uint8_t *buf, size_t n)
{
	(void)arg;
	memset(buf, 0x5a, n);
	return 0;
}

static const char head[] =
	"SIP/2.0 %u Fuzz\r\n"
	"Via: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bK776asdhds\r\n"
	"From: <sip:1001@127.0.0.1>;tag=1928301774\r\n"
	"To: <sip:1001@127.0.0.1>;tag=a6c85cf\r\n"
	"Call-ID: a84b4c76e66710@127.0.0.2\r\n"
	"CSeq: 1 REGISTER\r\n";
static const char tail[] = "\r\nContent-Length: 0\r\n\r\n";

static void check(const struct auth_out *out)
{
	unsigned i;

	if (out->n > AUTH_KINDS)
		abort();
	for (i = 0; i < out->n; i++)
		if (out->h[i].len >= AUTH_HDR_MAX ||
		    strlen(out->h[i].val) != out->h[i].len ||
		    strpbrk(out->h[i].val, "\r\n"))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned status[] = {401, 407, 403, 200};
	static struct sip_msg m;
	static struct auth_out out;
	const struct auth_ops ops = {auth_md5_nettle, fixed_rand, NULL};
	struct auth_session s;
	struct auth_try t = AUTH_TRY_INIT;
	struct auth_req req;
	struct auth_cred cred = {"1001", "pw"};
	struct sip_err err;
	unsigned sel, st;
	size_t cap, len;
	char *buf;
	int n, round;

	if (size < 1 || size > 8192)
		return 0;
	sel = data[0];
	st = status[sel & 3];
	cap = sizeof(head) + sizeof(tail) + 32 + size;
	buf = malloc(cap);
	if (!buf)
		return 0;
	n = snprintf(buf, cap, head, st);
	len = (size_t)n;
	if (sel & 4) {
		const char *name = st == 407 ? "Proxy-Authenticate: "
					     : "WWW-Authenticate: ";

		memcpy(buf + len, name, strlen(name));
		len += strlen(name);
	}
	memcpy(buf + len, data + 1, size - 1);
	len += size - 1;
	memcpy(buf + len, tail, sizeof(tail) - 1);
	len += sizeof(tail) - 1;

	memset(&req, 0, sizeof(req));
	req.method = "REGISTER";
	req.uri = sip_pl_mk("sip:127.0.0.1", 13);
	if (sel & 8)
		cred.user = "a\"b\\c";
	if (sel & 16)
		req.body = sip_pl_mk("v=0\r\n", 5);
	auth_session_init(&s, &ops, 1);
	if (sip_msg_parse(&m, buf, len, 0, &err) == 0) {
		for (round = 0; round < 3; round++) {
			int rc;

			(void)auth_should_retry(&t, &m);
			rc = auth_answer(&s, &t, &m, &req, &cred, &out);
			if (rc == 0 && out.n == 0)
				abort();
			if (rc != 0 && out.n != 0)
				abort();
			check(&out);
			(void)auth_strerror(rc);
		}
		if (auth_preempt(&s, &req, &cred, &out) == 0)
			check(&out);
	}
	free(buf);
	return 0;
}
