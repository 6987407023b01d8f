/*
 * dhcp_cnf.c - a lease into the configuration's SYSTEM layer, the facts
 * the guide's Table 3-1 shows (no OS: part of the bare-metal core).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cnf/cnf.h"
#include "dhcp/dhcp.h"
#include "net/net_addr.h"

static int set(struct cnf_layers *l, enum cnf_param p, const char *v,
	       char *why, size_t whysz)
{
	int err = cnf_layer_set(l, CNF_LAYER_SYSTEM, p, v, why, whysz);

	return err < 0 ? err : 0;
}

static int set_ip(struct cnf_layers *l, enum cnf_param p, uint32_t ip,
		  char *why, size_t whysz)
{
	char a[16];

	return set(l, p, ip ? dhcp_ip_str(ip, a) : "", why, whysz);
}

int dhcp_lease_tftp_is_name(const struct dhcp_lease *lease)
{
	uint32_t ip;

	return lease->tftp[0] &&
	       net_addr_parse_ip(lease->tftp, strlen(lease->tftp), &ip) != 0;
}

int dhcp_lease_to_cnf(struct cnf_layers *l, const struct dhcp_lease *lease,
		      char *why, size_t whysz)
{
	static const enum cnf_param dns[DHCP_DNS_MAX] = {
		CNF_DNS_SERVER_1, CNF_DNS_SERVER_2, CNF_DNS_SERVER_3,
		CNF_DNS_SERVER_4, CNF_DNS_SERVER_5,
	};
	unsigned i;
	int err;

	if ((err = set_ip(l, CNF_IP_ADDRESS, lease->ip, why, whysz)) ||
	    (err = set_ip(l, CNF_SUBNET_MASK, lease->mask, why, whysz)) ||
	    (err = set_ip(l, CNF_DEFAULT_ROUTER_1, lease->router, why, whysz)) ||
	    (err = set_ip(l, CNF_DHCP_SERVER, lease->server_id, why, whysz)) ||
	    (err = set(l, CNF_DOMAIN_NAME, lease->domain, why, whysz)))
		return err;
	for (i = 0; i < DHCP_DNS_MAX; i++)
		if ((err = set_ip(l, dns[i], i < lease->n_dns ? lease->dns[i] : 0,
				  why, whysz)))
			return err;
	/* tftp_server is an address; a name (option 66 may be one) is the
	 * caller's to resolve: dhcp_lease_tftp_is_name(). */
	return set(l, CNF_TFTP_SERVER,
		   dhcp_lease_tftp_is_name(lease) ? "" : lease->tftp, why,
		   whysz);
}
