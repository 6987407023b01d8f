/*
 * fuzz_sip_auth.c - libFuzzer: challenges and credentials.
 */
#include <stddef.h>
#include <stdint.h>

#include "sip/sip_auth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sip_auth a;
	struct sip_pl rest, n, v;

	if (sip_auth_parse(&a, (const char *)data, size) == 0) {
		rest = a.params;
		while (sip_auth_param_next(&rest, &n, &v) == 0)
			;
	}
	return 0;
}
