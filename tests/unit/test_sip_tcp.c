/*
 * test_sip_tcp.c - the stream framer (RFC 3261 s.18.3): any chunking,
 * keep-alives, Content-Length rules, limits.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "sip/sip_msg.h"
#include "sip/sip_tcp.h"

#define M1 "REGISTER sip:h SIP/2.0\r\nVia: SIP/2.0/TCP a;branch=z9hG4bK1\r\n" \
	   "From: <sip:a@h>;tag=1\r\nTo: <sip:a@h>\r\nCall-ID: c1\r\n" \
	   "CSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n"
#define M2 "MESSAGE sip:h SIP/2.0\r\nVia: SIP/2.0/TCP a;branch=z9hG4bK2\r\n" \
	   "From: <sip:a@h>;tag=1\r\nTo: <sip:a@h>\r\nCall-ID: c2\r\n" \
	   "CSeq: 2 MESSAGE\r\nl: 5\r\n\r\nhello"

struct got {
	unsigned n;
	char first[32];
};

static struct sip_msg msg;

static int on_msg(void *arg, const char *m, size_t len)
{
	struct got *g = arg;
	struct sip_err err;

	assert_int_equal(sip_msg_parse(&msg, m, len, SIP_MSG_STREAM, &err), 0);
	assert_int_equal(msg.len, len);
	if (g->n == 0)
		snprintf(g->first, sizeof(g->first), "%.*s", (int)msg.call_id.l,
			 msg.call_id.p);
	if (g->n == 1)
		assert_memory_equal(msg.body.p, "hello", 5);
	g->n++;
	return 0;
}

static void test_chunking(void **state)
{
	static const char stream[] = "\r\n\r\n" M1 "\r\n" M2;
	static char buf[SIP_MSG_MAX_SIZE];
	size_t chunk, off;

	(void)state;
	for (chunk = 1; chunk <= sizeof(stream); chunk++) {
		struct sip_tcp t;
		struct got g = {0};

		sip_tcp_init(&t, buf, sizeof(buf));
		for (off = 0; off < sizeof(stream) - 1; off += chunk) {
			size_t n = sizeof(stream) - 1 - off;

			if (n > chunk)
				n = chunk;
			assert_int_equal(sip_tcp_input(&t, stream + off, n, on_msg, &g), 0);
		}
		assert_int_equal(g.n, 2);
		assert_string_equal(g.first, "c1");
		assert_int_equal(t.len, 0);
	}
}

static void test_errors(void **state)
{
	static char buf[256];
	static const char nocl[] = "OPTIONS sip:h SIP/2.0\r\nVia: x\r\n\r\n";
	static const char twocl[] = "OPTIONS sip:h SIP/2.0\r\nl: 1\r\nContent-Length: 1\r\n\r\nx";
	static const char badcl[] = "OPTIONS sip:h SIP/2.0\r\nContent-Length: -1\r\n\r\n";
	static const char hugecl[] = "OPTIONS sip:h SIP/2.0\r\nContent-Length: 65536\r\n\r\n";
	static const char bigcl[] = "OPTIONS sip:h SIP/2.0\r\nContent-Length: 300\r\n\r\n";
	struct sip_tcp t;
	struct got g = {0};
	char big[600];

	(void)state;
	sip_tcp_init(&t, buf, sizeof(buf));
	assert_int_equal(sip_tcp_input(&t, nocl, strlen(nocl), on_msg, &g), -EBADMSG);
	/* Once failed, the framer stays failed. */
	assert_int_equal(sip_tcp_input(&t, M1, strlen(M1), on_msg, &g), -EBADMSG);
	sip_tcp_init(&t, buf, sizeof(buf));
	assert_int_equal(sip_tcp_input(&t, twocl, strlen(twocl), on_msg, &g), -EBADMSG);
	sip_tcp_init(&t, buf, sizeof(buf));
	assert_int_equal(sip_tcp_input(&t, badcl, strlen(badcl), on_msg, &g), -EBADMSG);
	sip_tcp_init(&t, buf, sizeof(buf));
	assert_int_equal(sip_tcp_input(&t, hugecl, strlen(hugecl), on_msg, &g), -EMSGSIZE);
	/* Bigger than the caller's buffer. */
	sip_tcp_init(&t, buf, sizeof(buf));
	assert_int_equal(sip_tcp_input(&t, bigcl, strlen(bigcl), on_msg, &g), -EMSGSIZE);
	/* A header section that never ends. */
	memset(big, 'a', sizeof(big));
	memcpy(big, "OPTIONS sip:h SIP/2.0\r\nX: ", 26);
	sip_tcp_init(&t, buf, sizeof(buf));
	assert_int_equal(sip_tcp_input(&t, big, sizeof(big), on_msg, &g), -EMSGSIZE);
	assert_int_equal(g.n, 0);
}

/* A message exactly as large as the buffer fits; one byte more does not. */
static void test_edge(void **state)
{
	static char buf[sizeof(M2) - 1];
	struct sip_tcp t;
	struct got g = {0};

	(void)state;
	sip_tcp_init(&t, buf, sizeof(buf));
	assert_int_equal(sip_tcp_input(&t, M2, strlen(M2), on_msg, &g), 0);
	assert_int_equal(g.n, 1);
	sip_tcp_init(&t, buf, sizeof(buf) - 1);
	assert_int_equal(sip_tcp_input(&t, M2, strlen(M2), on_msg, &g), -EMSGSIZE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chunking),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_edge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
