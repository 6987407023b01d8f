/*
 * net_if.c - a Linux host's interface configured from a DHCP lease
 * (ioctl SIOCSIFADDR / SIOCSIFNETMASK / SIOCADDRT; needs root).
 */
#define _DEFAULT_SOURCE /* struct ifreq, struct rtentry */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <net/route.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "platform.h"

static void put_addr(struct sockaddr *sa, uint32_t ip)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(ip);
	memcpy(sa, &sin, sizeof(sin));
}

int platform_net_configure(const char *ifname, uint32_t ip, uint32_t mask,
			   uint32_t router)
{
	struct ifreq ifr;
	int fd, err = 0;

	if (!ifname || strlen(ifname) >= sizeof(ifr.ifr_name))
		return -EINVAL;
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	put_addr(&ifr.ifr_addr, ip);
	if (ioctl(fd, SIOCSIFADDR, &ifr) < 0) {
		err = -errno;
		goto out;
	}
	if (mask) {
		put_addr(&ifr.ifr_netmask, mask);
		if (ioctl(fd, SIOCSIFNETMASK, &ifr) < 0) {
			err = -errno;
			goto out;
		}
	}
	if (router) {
		struct rtentry rt;

		memset(&rt, 0, sizeof(rt));
		put_addr(&rt.rt_dst, 0);
		put_addr(&rt.rt_genmask, 0);
		put_addr(&rt.rt_gateway, router);
		rt.rt_flags = RTF_UP | RTF_GATEWAY;
		rt.rt_dev = ifr.ifr_name;
		/* an existing default route is not an error */
		if (ioctl(fd, SIOCADDRT, &rt) < 0 && errno != EEXIST)
			err = -errno;
	}
out:
	close(fd);
	return err;
}
