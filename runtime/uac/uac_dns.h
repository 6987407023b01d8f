/*
 * uac_dns.h - runtime/dns as the resolver of runtime/uac (hosted).
 */
#ifndef UAC_DNS_H
#define UAC_DNS_H

#include "dns/dns.h"
#include "uac/uac.h"

struct uac_resolver uac_dns_resolver(struct dns_resolver *r);

#endif
