/*
 * uac_cnf.h - routes and the advertised address from the configuration.
 */
#ifndef UAC_CNF_H
#define UAC_CNF_H

#include "cnf/cnf.h"
#include "uac/uac.h"

/* Where LINE's (1..6) requests go: outbound_proxy, proxyN, proxy_backup,
 * proxy_emergency with their ports. */
void uac_route_from_cnf(struct uac_route *rt, const struct cnf *c,
			unsigned line);

/* What goes into Via, Contact and SDP (Table 3-3 nat_enable): "Contact:
 * sip:lineN_name@nat_address:voip_control_port" when NAT is enabled and
 * nat_address set, else the phone's address; the port is always
 * voip_control_port. */
struct uac_local {
	char host[UAC_HOST_MAX + 1];
	uint16_t port;
};
void uac_local_from_cnf(struct uac_local *lo, const struct cnf *c,
			const char *phone_ip);

/* The Request-URI / From / Contact parameter for user_info (Table 3-3:
 * 0 none, 1 phone, 2 ip): "", ";user=phone" or ";user=ip". */
const char *uac_user_param(unsigned user_info);

#endif
