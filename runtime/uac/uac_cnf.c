/*
 * uac_cnf.c - a line's route and the address the phone advertises, from
 * the configuration snapshot (Table 3-3).
 */
#include <stdio.h>
#include <string.h>

#include "uac/uac_cnf.h"

/* A port the administrator set is explicit (A records, that port); a
 * default one leaves the name to its SRV records (RFC 3263 4.2). */
static void hop_from(struct uac_hop *h, const struct cnf *c,
		     enum cnf_param host, enum cnf_param port)
{
	enum cnf_origin o = cnf_origin(c, port);

	/* proxyN_port borrowed from proxy1 is as explicit as proxy1's */
	if (o == CNF_ORIGIN_DERIVED)
		o = cnf_origin(c, CNF_PROXY1_PORT);
	snprintf(h->host, sizeof(h->host), "%s", cnf_str(c, host));
	h->port = o == CNF_ORIGIN_DEFAULT ? 0 : (uint16_t)cnf_int(c, port);
}

void uac_route_from_cnf(struct uac_route *rt, const struct cnf *c,
			unsigned line)
{
	memset(rt, 0, sizeof(*rt));
	if (line < 1 || line > CNF_LINES)
		line = 1;
	hop_from(&rt->outbound, c, CNF_OUTBOUND_PROXY, CNF_OUTBOUND_PROXY_PORT);
	hop_from(&rt->proxy, c, cnf_proxy_param(CNF_PROXY_ADDRESS, line),
		 cnf_proxy_param(CNF_PROXY_PORT, line));
	hop_from(&rt->backup, c, CNF_PROXY_BACKUP, CNF_PROXY_BACKUP_PORT);
	hop_from(&rt->emergency, c, CNF_PROXY_EMERGENCY,
		 CNF_PROXY_EMERGENCY_PORT);
}

void uac_local_from_cnf(struct uac_local *lo, const struct cnf *c,
			const char *phone_ip)
{
	const char *nat = cnf_str(c, CNF_NAT_ADDRESS);

	/* "If nat_address is invalid or UNPROVISIONED", the phone's own
	 * address (the registry already refused invalid ones). */
	snprintf(lo->host, sizeof(lo->host), "%s",
		 cnf_int(c, CNF_NAT_ENABLE) && nat[0] ? nat : phone_ip);
	lo->port = (uint16_t)cnf_int(c, CNF_VOIP_CONTROL_PORT);
}

const char *uac_user_param(unsigned user_info)
{
	static const char *const p[] = {"", ";user=phone", ";user=ip"};

	return user_info < 3 ? p[user_info] : "";
}
