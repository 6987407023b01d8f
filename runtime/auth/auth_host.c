/*
 * auth_host.c - what auth.c needs from the host: MD5 from nettle (a
 * well-kept library, not ours to write) and random bytes from the kernel.
 * Not part of the bare-metal core (mk/auth.mk).
 */
#include <errno.h>
#include <sys/random.h>

#include <nettle/md5.h>

#include "auth/auth.h"

void auth_md5_nettle(const struct sip_pl *parts, unsigned n,
		     uint8_t out[AUTH_MD5_LEN])
{
	struct md5_ctx ctx;
	unsigned i;

	md5_init(&ctx);
	for (i = 0; i < n; i++)
		if (parts[i].l)
			md5_update(&ctx, parts[i].l,
				   (const uint8_t *)parts[i].p);
	md5_digest(&ctx, AUTH_MD5_LEN, out);
}

int auth_rand_os(void *arg, uint8_t *buf, size_t n)
{
	size_t got = 0;

	(void)arg;
	while (got < n) {
		ssize_t r = getrandom(buf + got, n - got, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		got += (size_t)r;
	}
	return 0;
}

const struct auth_ops auth_ops_host = {
	.md5 = auth_md5_nettle,
	.rand = auth_rand_os,
	.rand_arg = NULL,
};
