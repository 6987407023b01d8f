/*
 * fuzz_dhcp.c - libFuzzer: the DHCP codec (runtime/dhcp/dhcp_msg.c) and
 * the client's state chart on the fake clock, no sockets.
 *
 * The whole input is first parsed as one message (and, when it parses,
 * built again and parsed again: the result must be the same).  Then it is
 * read as records, byte c:
 *   c & 3 == 0: a datagram: two bytes of length (little-endian), the
 *               bytes; with c & 4 its xid and chaddr are made the
 *               client's (so that the chart gets past "stray")
 *   c & 3 == 1: the clock moves ((c >> 2) squared) seconds
 *   c & 3 == 2: acquire
 *   c & 3 == 3: release
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp/dhcp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t MAC[6] = { 0x00, 0x12, 0x34, 0x56, 0x78, 0x9a };

struct fz {
	uint32_t xid;
	uint32_t rnd;
};

static int fz_send(void *arg, const uint8_t *buf, size_t len, uint32_t dst)
{
	struct fz *f = arg;
	struct dhcp_msg m;

	(void)dst;
	/* whatever we send must parse */
	if (dhcp_msg_parse(&m, buf, len, NULL))
		abort();
	f->xid = m.xid;
	return 0;
}

static uint32_t fz_random(void *arg)
{
	struct fz *f = arg;

	return f->rnd = f->rnd * 1103515245u + 12345u;
}

static void fz_event(void *arg, enum dhcp_status st, int err,
		     const struct dhcp_lease *l)
{
	(void)arg;
	(void)err;
	if (st != DHCP_FAILED && !l)
		abort();
}

static const struct dhcp_io fz_io = { fz_send };

static void codec(const uint8_t *data, size_t size)
{
	struct dhcp_msg m, m2;
	uint8_t *buf, out[DHCP_PKT_MAX * 2];
	size_t len;

	/* an exact-length heap copy: any over-read is ASan's */
	buf = malloc(size ? size : 1);
	if (!buf)
		return;
	memcpy(buf, data, size);
	if (dhcp_msg_parse(&m, buf, size, NULL) == 0) {
		if (m.hlen > 16)
			abort();
		if (dhcp_msg_build(&m, out, sizeof(out), &len) == 0) {
			if (dhcp_msg_parse(&m2, out, len, NULL))
				abort();
			if (m2.type != m.type || m2.xid != m.xid ||
			    m2.yiaddr != m.yiaddr || m2.n_dns != m.n_dns ||
			    strcmp(m2.domain, m.domain) || strcmp(m2.tftp, m.tftp))
				abort();
		}
	}
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rt_fake_clock clk = { 0 };
	struct rt_timers ts;
	struct dhcp_client *c;
	struct dhcp_cfg cfg;
	struct fz f = { 0, 1 };
	size_t i = 0;

	codec(data, size);
	if (rt_timers_init(&ts, rt_fake_clock_now, &clk))
		return 0;
	memset(&cfg, 0, sizeof(cfg));
	memcpy(cfg.mac, MAC, 6);
	cfg.hostname = "SIP00123456789A";
	cfg.random = fz_random;
	cfg.random_arg = &f;
	c = dhcp_client_new(&ts, &fz_io, &f, &cfg, fz_event, &f);
	if (!c) {
		rt_timers_fini(&ts);
		return 0;
	}
	dhcp_client_acquire(c);
	while (i < size) {
		uint8_t op = data[i++];

		switch (op & 3) {
		case 0: {
			size_t len;
			uint8_t *pkt;

			if (size - i < 2)
				goto out;
			len = (size_t)data[i] | (size_t)data[i + 1] << 8;
			i += 2;
			if (len > size - i)
				len = size - i;
			pkt = malloc(len ? len : 1);
			if (!pkt)
				goto out;
			memcpy(pkt, data + i, len);
			i += len;
			if ((op & 4) && len >= DHCP_MIN_LEN) {
				pkt[4] = (uint8_t)(f.xid >> 24);
				pkt[5] = (uint8_t)(f.xid >> 16);
				pkt[6] = (uint8_t)(f.xid >> 8);
				pkt[7] = (uint8_t)f.xid;
				memcpy(pkt + 28, MAC, 6);
			}
			dhcp_client_input(c, pkt, len);
			free(pkt);
			break;
		}
		case 1: {
			uint64_t s = (uint64_t)(op >> 2);

			rt_fake_clock_advance(&clk, &ts, s * s * 1000u);
			break;
		}
		case 2:
			dhcp_client_acquire(c);
			break;
		case 3:
			dhcp_client_release(c);
			break;
		}
	}
out:
	dhcp_client_free(c);
	rt_timers_fini(&ts);
	return 0;
}
