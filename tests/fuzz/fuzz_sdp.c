/*
 * fuzz_sdp.c - libFuzzer: SDP parse, and build + re-parse of what parsed.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "sdp/sdp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct sdp_sess s1, s2;
static char out[16384];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int n;

	if (sdp_parse(&s1, (const char *)data, size) < 0)
		return 0;
	n = sdp_build(out, sizeof(out), &s1);
	if (n >= 0 && sdp_parse(&s2, out, (size_t)n) < 0)
		abort(); /* what we write must read back */
	return 0;
}
