/*
 * platform.h - what the phone asks of the hardware it runs on, as far as
 * the runtime needs it (DESIGN.md: platform/ is the hardware
 * abstraction).  Each port (platform/host, ...) implements it.
 */
#ifndef PLATFORM_H
#define PLATFORM_H

#include <stdint.h>

/* Give interface IFNAME the address IP with MASK (host byte order) and,
 * when ROUTER is not 0, a default route through it: what a DHCP lease
 * says.  0 or a negative errno. */
int platform_net_configure(const char *ifname, uint32_t ip, uint32_t mask,
			   uint32_t router);

#endif
