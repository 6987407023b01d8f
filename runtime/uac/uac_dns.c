/*
 * uac_dns.c - runtime/dns as the resolver of runtime/uac.
 */
#include "uac/uac_dns.h"

static int resolve(void *arg, const char *host, uint16_t port, dns_cb *cb,
		   void *cbarg, struct dns_req **reqp)
{
	return dns_resolve_sip(arg, host, port, cb, cbarg, reqp);
}

struct uac_resolver uac_dns_resolver(struct dns_resolver *r)
{
	struct uac_resolver res = {resolve, dns_cancel, r};

	return res;
}
