/*
 * fuzz_sip_tcp.c - libFuzzer: the stream framer, fed in chunks whose sizes
 * come from the first input byte, each message then parsed.
 */
#include <stddef.h>
#include <stdint.h>

#include "sip/sip_msg.h"
#include "sip/sip_tcp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char buf[4096];
static struct sip_msg msg;

static int on_msg(void *arg, const char *m, size_t len)
{
	struct sip_err err;

	(void)arg;
	(void)sip_msg_parse(&msg, m, len, SIP_MSG_STREAM, &err);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sip_tcp t;
	size_t chunk, off = 1;

	if (size < 1)
		return 0;
	chunk = (size_t)(data[0] % 17) + 1;
	sip_tcp_init(&t, buf, sizeof(buf));
	while (off < size) {
		size_t n = size - off < chunk ? size - off : chunk;

		if (sip_tcp_input(&t, (const char *)data + off, n, on_msg, NULL) < 0)
			break;
		off += n;
	}
	return 0;
}
