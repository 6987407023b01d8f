/*
 * fuzz_sip_uri.c - libFuzzer: URIs, name-addr lists, Via lists.
 */
#include <stddef.h>
#include <stdint.h>

#include "sip/sip_addr.h"
#include "sip/sip_via.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	struct sip_uri u;
	struct sip_addr a;
	struct sip_via v;
	struct sip_pl rest, n, val;
	char tmp[256];
	size_t len;

	if (sip_uri_parse(&u, p, size) == 0) {
		rest = u.params;
		while (sip_uri_param_next(&rest, &n, &val) == 0)
			;
		rest = u.headers;
		while (sip_uri_header_next(&rest, &n, &val) == 0)
			(void)sip_pl_unescape(tmp, sizeof(tmp), &val, &len);
		(void)sip_pl_unescape(tmp, sizeof(tmp), &u.user, &len);
	}
	rest = sip_pl_mk(p, size);
	while (sip_addr_next(&rest, &a) == 0) {
		struct sip_pl pr = a.params;

		while (sip_addr_param_next(&pr, &n, &val) == 0)
			;
		(void)sip_pl_unquote(tmp, sizeof(tmp), &a.dname, &len);
	}
	rest = sip_pl_mk(p, size);
	while (sip_via_next(&rest, &v) == 0)
		;
	return 0;
}
