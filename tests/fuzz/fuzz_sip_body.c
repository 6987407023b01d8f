/*
 * fuzz_sip_body.c - libFuzzer: the NOTIFY bodies the phone reads, a refer
 * NOTIFY's message/sipfrag (spec/sip/sip_frag.rl) and a message-summary
 * (spec/sip/sip_mwi.rl).
 */
#include <stddef.h>
#include <stdint.h>

#include "sip/sip_frag.h"
#include "sip/sip_mwi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	struct sip_frag f;
	struct sip_mwi w;

	if (sip_frag_parse(&f, p, size) == 0 &&
	    (f.status < 100 || f.status > 699 ||
	     (f.reason.l && (f.reason.p < p || f.reason.p + f.reason.l >
					       p + size))))
		__builtin_trap(); /* a status out of range, a slice outside */
	(void)sip_mwi_parse(&w, p, size);
	return 0;
}
