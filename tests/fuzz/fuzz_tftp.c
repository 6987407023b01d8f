/*
 * fuzz_tftp.c - libFuzzer: arbitrary datagrams and timer steps into one
 * TFTP transfer (runtime/tftp), on the fake clock, no sockets.
 *
 * Input: one byte of options, then records:
 *   c & 3 == 0: a datagram from the server's address, port 40000 + (c>>2 & 3)
 *   c & 3 == 1: a datagram from another host
 *   (both: two bytes of length, little-endian, then the bytes)
 *   c & 3 == 2: the clock moves (c >> 2) * 50 ms
 *   c & 3 == 3: cancel
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tftp/tftp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fz {
	unsigned done, closed;
	size_t got;
	int sink_err_at, sink_calls;
};

static int fz_send(void *arg, const struct net_addr *dst, const void *buf,
		   size_t len)
{
	struct tftp_pkt p;

	(void)arg;
	(void)dst;
	/* whatever we send must parse */
	if (tftp_pkt_parse(&p, buf, len))
		abort();
	return 0;
}

static void fz_closed(void *arg, struct tftp_xfer *x)
{
	(void)x;
	((struct fz *)arg)->closed++;
}

static void fz_done(void *arg, struct tftp_result *r)
{
	struct fz *f = arg;

	if (f->done++ || (r->err == 0 && r->data && r->data[r->len] != 0))
		abort();
}

static int fz_sink(void *arg, const uint8_t *d, size_t len, uint64_t off)
{
	struct fz *f = arg;

	if (off != f->got || (len && !d))
		abort();
	f->got += len;
	return ++f->sink_calls == f->sink_err_at ? -28 /* ENOSPC */ : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct tftp_io io = {fz_send, fz_closed};
	struct rt_fake_clock clk = {0};
	struct rt_timers ts;
	struct tftp_opts o = {.retx_ms = 100, .retries = 3};
	struct net_addr srv = {0x0a000001u, 69};
	struct tftp_xfer *x;
	struct fz f = {0};
	size_t i = 1;

	if (size < 1)
		return 0;
	if (data[0] & 1)
		o.no_options = 1;
	if (data[0] & 2) {
		o.data = fz_sink;
		o.data_arg = &f;
		f.sink_err_at = (data[0] >> 5) & 7;
	}
	if (data[0] & 4)
		o.max_size = 1000;
	if (data[0] & 8)
		o.blksize = 8;
	if (data[0] & 16)
		o.timeout_s = 1;
	if (rt_timers_init(&ts, rt_fake_clock_now, &clk))
		return 0;
	if (tftp_xfer_new(&x, &ts, &io, &f, &srv, "SIPDefault.cnf", &o, fz_done,
			  &f)) {
		rt_timers_fini(&ts);
		return 0;
	}
	rt_fake_clock_advance(&clk, &ts, 0);
	while (i < size) {
		uint8_t c = data[i++];
		struct net_addr src = srv;
		size_t n;

		switch (c & 3) {
		case 0:
		case 1:
			if (size - i < 2)
				goto out;
			n = (size_t)data[i] | (size_t)data[i + 1] << 8;
			i += 2;
			if (n > size - i)
				n = size - i;
			src.port = (uint16_t)(40000 + ((c >> 2) & 3));
			if (c & 1)
				src.ip = 0x0a000002u;
			/* a copy of exactly N bytes, so ASan sees over-reads */
			{
				uint8_t *b = malloc(n ? n : 1);

				if (!b)
					goto out;
				memcpy(b, data + i, n);
				tftp_xfer_input(x, b, n, &src);
				free(b);
			}
			i += n;
			break;
		case 2:
			rt_fake_clock_advance(&clk, &ts, (uint64_t)(c >> 2) * 50);
			break;
		default:
			if (!f.done)
				tftp_cancel(x);
			break;
		}
	}
	rt_fake_clock_advance(&clk, &ts, 60000);
out:
	tftp_xfer_free(x);
	rt_timers_fini(&ts);
	return 0;
}
