/*
 * test_tftp.c - runtime/tftp: the packet codec, the transfer machine on the
 * fake clock against a scripted server (no sockets), and the client on the
 * libuv loop against a real TFTP server on loopback, with and without
 * loss.
 *
 * The real server is tftpd-hpa's in.tftpd, run in the foreground as a
 * child of this process on a free high port of 127.B.C.1 (B and C from the
 * process id, so concurrent runs do not meet), serving files this test
 * writes into a temporary folder; never port 69 nor a system service.
 * Loss: a UDP relay on the loop between client and server drops chosen
 * packets.  Without in.tftpd (or as a user that cannot chroot) the server
 * tests are skipped with a message.
 */
#define _DEFAULT_SOURCE /* mkdtemp, usleep */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <uv.h>

#include "log/log.h"
#include "rt/rt_loop.h"
#include "tftp/tftp.h"
#include "transport/sip_udp.h"

#include "support/guard.h"
#include "support/peer.h"

/* Events a state did not expect: none in any flow of these tests. */
static unsigned unexpected;

static void test_log(void *arg, enum log_level level, enum log_cat cat,
		     const char *msg)
{
	(void)arg;
	(void)cat;
	if (strstr(msg, "unexpected"))
		unexpected++;
	if (getenv("SIPPHONE_TEST_LOG"))
		fprintf(stderr, "%s: %s\n", log_level_name(level), msg);
}

/* ------------------------------------------------------------ codec */

#define P(s) s, sizeof(s) - 1 /* a literal and its length */

static void test_pkt_build_parse(void **state)
{
	static const struct tftp_opt opt[] = {
		{"blksize", "1428"}, {"tsize", "0"}, {"timeout", "3"},
	};
	uint8_t b[TFTP_REQ_MAX + 64];
	char name[TFTP_FILENAME_MAX + 2];
	struct tftp_pkt p;
	int n;

	(void)state;
	n = tftp_pkt_rrq(b, sizeof(b), "SIPDefault.cnf", opt, 3);
	assert_int_equal(n, 2 + 15 + 6 + 8 + 5 + 6 + 2 + 8 + 2);
	assert_memory_equal(b, "\0\1SIPDefault.cnf\0octet\0blksize\0" "1428\0", 2 + 15 + 6 + 8 + 5);
	assert_int_equal(tftp_pkt_parse(&p, b, (size_t)n), 0);
	assert_int_equal(p.op, TFTP_OP_RRQ);
	assert_string_equal(p.file, "SIPDefault.cnf");
	assert_string_equal(p.mode, "octet");
	assert_int_equal(p.nopts, 3);
	assert_string_equal(p.opt[0].name, "blksize");
	assert_string_equal(p.opt[0].value, "1428");
	assert_string_equal(p.opt[2].value, "3");

	assert_int_equal(tftp_pkt_ack(b, 4, 0xabcd), 4);
	assert_memory_equal(b, "\0\4\xab\xcd", 4);
	assert_int_equal(tftp_pkt_ack(b, 3, 1), -ENOSPC);
	assert_int_equal(tftp_pkt_parse(&p, b, 4), 0);
	assert_int_equal(p.op, TFTP_OP_ACK);
	assert_int_equal(p.block, 0xabcd);

	n = tftp_pkt_error(b, sizeof(b), TFTP_ERR_NOTFOUND, "File not found");
	assert_int_equal(n, 4 + 14 + 1);
	assert_int_equal(tftp_pkt_parse(&p, b, (size_t)n), 0);
	assert_int_equal(p.code, 1);
	assert_int_equal(p.msg_len, 14);
	assert_memory_equal(p.msg, "File not found", 14);
	assert_int_equal(tftp_pkt_error(b, 4, 0, "x"), -ENOSPC);

	n = tftp_pkt_data(b, sizeof(b), 0x0102, "abc", 3);
	assert_int_equal(n, 7);
	assert_memory_equal(b, "\0\3\1\2abc", 7);
	assert_int_equal(tftp_pkt_data(b, 6, 1, "abc", 3), -ENOSPC);
	n = tftp_pkt_oack(b, sizeof(b), opt, 2);
	assert_int_equal(tftp_pkt_parse(&p, b, (size_t)n), 0);
	assert_int_equal(p.op, TFTP_OP_OACK);
	assert_int_equal(p.nopts, 2);
	assert_string_equal(p.opt[1].name, "tsize");

	/* file names: at the limit, past it, empty, control characters */
	memset(name, 'a', TFTP_FILENAME_MAX);
	name[TFTP_FILENAME_MAX] = 0;
	assert_true(tftp_pkt_rrq(b, sizeof(b), name, opt, 3) > 0);
	name[TFTP_FILENAME_MAX] = 'a';
	name[TFTP_FILENAME_MAX + 1] = 0;
	assert_int_equal(tftp_pkt_rrq(b, sizeof(b), name, NULL, 0),
			 -ENAMETOOLONG);
	assert_int_equal(tftp_pkt_rrq(b, sizeof(b), "", NULL, 0), -EINVAL);
	assert_int_equal(tftp_pkt_rrq(b, sizeof(b), "a\nb", NULL, 0), -EINVAL);
	assert_int_equal(tftp_pkt_rrq(b, 10, "SIPDefault.cnf", NULL, 0),
			 -ENOSPC);
	/* a request never exceeds 512 bytes whatever the buffer */
	{
		static char big[300];
		struct tftp_opt o2[2] = {{"x", big}, {"y", big}};

		memset(big, '1', sizeof(big) - 1);
		assert_int_equal(tftp_pkt_rrq(b, sizeof(b), "f", o2, 2),
				 -ENOSPC);
	}
	assert_string_equal(tftp_errcode_text(1), "File not found.");
	assert_string_equal(tftp_errcode_text(9), "");
	assert_string_equal(tftp_strerror(-ENOENT), "file not found (server)");
}

/* Each malformed datagram, placed against a guard page: -EBADMSG with a
 * reason, and no read past its end. */
static void test_pkt_malformed(void **state)
{
	static const struct {
		const char *b;
		size_t len;
	} bad[] = {
		{P("")},
		{P("\0")},
		{P("\0\0")},                      /* opcode 0 */
		{P("\0\7\0\1")},                  /* opcode 7 */
		{P("\xff\xff")},
		{P("\0\1file")},                  /* RRQ, name without NUL */
		{P("\0\1file\0")},                /* RRQ without mode */
		{P("\0\1file\0octet")},          /* mode without NUL */
		{P("\0\1f\0octet\0blksize")},    /* option without NUL */
		{P("\0\1f\0octet\0blksize\0")},  /* option without value */
		{P("\0\3\0")},                    /* DATA short */
		{P("\0\4\0")},                    /* ACK short */
		{P("\0\4\0\1\0")},                /* ACK long */
		{P("\0\5\0")},                    /* ERROR short */
		{P("\0\6blksize")},               /* OACK name without NUL */
		{P("\0\6blksize\0")},            /* OACK without value */
		{P("\0\6blksize\0" "512")},      /* OACK value without NUL */
		{P("\0\6\0" "512\0")},            /* empty name */
		{P("\0\6a\0" "1\0b\0" "1\0c\0" "1\0d\0" "1\0e\0" "1\0f\0" "1\0g\0" "1\0h\0" "1\0i\0" "1\0")},
	};
	struct tftp_pkt p;
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct guard g;
		const char *b = guard_put(&g, bad[i].b, bad[i].len);

		assert_non_null(b);
		assert_int_equal(tftp_pkt_parse(&p, b, bad[i].len), -EBADMSG);
		assert_non_null(p.why);
		guard_free(&g);
	}
	/* ERROR without the NUL: the message runs to the end */
	{
		struct guard g;
		const char *b = guard_put(&g, "\0\5\0\1nope", 8);

		assert_int_equal(tftp_pkt_parse(&p, b, 8), 0);
		assert_int_equal(p.code, 1);
		assert_int_equal(p.msg_len, 4);
		guard_free(&g);
	}
	/* eight options is the limit, and an empty DATA is fine */
	assert_int_equal(tftp_pkt_parse(&p, "\0\6a\0" "1\0b\0" "1\0c\0" "1\0d\0" "1\0e\0" "1\0f\0" "1\0g\0" "1\0h\0" "1\0", 34), 0);
	assert_int_equal(p.nopts, TFTP_OPTS_MAX);
	assert_int_equal(tftp_pkt_parse(&p, "\0\3\0\1", 4), 0);
	assert_int_equal(p.data_len, 0);
	assert_int_equal(tftp_pkt_parse(&p, NULL, 4), -EBADMSG);
}

/* ------------------------------------------------------------ scripted server */

#define SRV_IP 0x0a000001u /* 10.0.0.1 */
#define TID 40000
#define MAX_SENT 256

struct sent {
	struct net_addr dst;
	uint8_t b[TFTP_REQ_MAX];
	size_t len;
	uint64_t at;
};

struct fx {
	struct rt_fake_clock clk;
	struct rt_timers ts;
	struct tftp_xfer *x;
	struct sent sent[MAX_SENT];
	unsigned nsent;
	int send_err;
	unsigned closed, done;
	struct tftp_result r;
	uint8_t *data;
	/* data callback mode */
	uint8_t sink[4096];
	size_t sink_len;
	unsigned sink_calls, sink_fail_at;
	int sink_err;
};

static int fx_send(void *arg, const struct net_addr *dst, const void *buf,
		   size_t len)
{
	struct fx *f = arg;
	struct sent *s;

	assert_true(f->nsent < MAX_SENT);
	assert_true(len <= sizeof(s->b));
	if (f->send_err)
		return f->send_err;
	s = &f->sent[f->nsent++];
	s->dst = *dst;
	memcpy(s->b, buf, len);
	s->len = len;
	s->at = f->clk.now;
	return 0;
}

static void fx_closed(void *arg, struct tftp_xfer *x)
{
	struct fx *f = arg;

	assert_ptr_equal(x, f->x);
	f->closed++;
}

static const struct tftp_io fx_io = {fx_send, fx_closed};

static void fx_done(void *arg, struct tftp_result *r)
{
	struct fx *f = arg;

	f->done++;
	f->r = *r;
	f->data = r->data;
	r->data = NULL; /* ours now */
}

static int fx_sink(void *arg, const uint8_t *data, size_t len,
		   uint64_t offset)
{
	struct fx *f = arg;

	f->sink_calls++;
	if (f->sink_fail_at && f->sink_calls == f->sink_fail_at)
		return f->sink_err;
	assert_int_equal(offset, f->sink_len);
	assert_true(f->sink_len + len <= sizeof(f->sink));
	memcpy(f->sink + f->sink_len, data, len);
	f->sink_len += len;
	return 0;
}

static struct fx *fx_new(void)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	assert_int_equal(rt_timers_init(&f->ts, rt_fake_clock_now, &f->clk), 0);
	return f;
}

static void fx_free(struct fx *f)
{
	tftp_xfer_free(f->x);
	assert_int_equal(f->ts.n, 0); /* every timer stopped */
	rt_timers_fini(&f->ts);
	free(f->data);
	free(f);
}

static void fx_advance(struct fx *f, uint64_t ms)
{
	rt_fake_clock_advance(&f->clk, &f->ts, ms);
}

/* Start a transfer; the RRQ leaves from the timers, not from the call. */
static void fx_start(struct fx *f, const char *file,
		     const struct tftp_opts *o)
{
	struct net_addr srv = {SRV_IP, 0};

	assert_int_equal(tftp_xfer_new(&f->x, &f->ts, &fx_io, f, &srv, file,
				       o, fx_done, f), 0);
	assert_int_equal(f->nsent, 0);
	assert_string_equal(tftp_xfer_state(f->x), "start");
	fx_advance(f, 0);
	assert_int_equal(f->done, 0);
}

static void fx_input(struct fx *f, uint16_t port, const void *b, size_t len)
{
	struct net_addr src = {SRV_IP, port};

	tftp_xfer_input(f->x, b, len, &src);
}

static void srv_data(struct fx *f, uint16_t port, uint16_t block,
		     const uint8_t *data, size_t len)
{
	static uint8_t b[TFTP_HDR + TFTP_BLKSIZE_MAX];
	int n = tftp_pkt_data(b, sizeof(b), block, data, len);

	assert_true(n > 0);
	fx_input(f, port, b, (size_t)n);
}

/* OACK from NAME=VALUE pairs, NULL-terminated. */
static void srv_oack(struct fx *f, uint16_t port, ...)
{
	struct tftp_opt opt[TFTP_OPTS_MAX];
	uint8_t b[TFTP_REQ_MAX];
	unsigned n = 0;
	va_list ap;
	int len;

	va_start(ap, port);
	while ((opt[n].name = va_arg(ap, const char *)) != NULL) {
		opt[n].value = va_arg(ap, const char *);
		n++;
	}
	va_end(ap);
	len = tftp_pkt_oack(b, sizeof(b), opt, n);
	assert_true(len > 0);
	fx_input(f, port, b, (size_t)len);
}

static void srv_error(struct fx *f, uint16_t port, uint16_t code,
		      const char *msg)
{
	uint8_t b[TFTP_REQ_MAX];
	int n = tftp_pkt_error(b, sizeof(b), code, msg);

	assert_true(n > 0);
	fx_input(f, port, b, (size_t)n);
}

static const struct tftp_pkt *sent_pkt(struct fx *f, unsigned i)
{
	static struct tftp_pkt p;

	assert_true(i < f->nsent);
	assert_int_equal(tftp_pkt_parse(&p, f->sent[i].b, f->sent[i].len), 0);
	return &p;
}

static void assert_ack(struct fx *f, unsigned i, uint16_t block,
		       uint16_t port)
{
	const struct tftp_pkt *p = sent_pkt(f, i);

	assert_int_equal(p->op, TFTP_OP_ACK);
	assert_int_equal(p->block, block);
	assert_int_equal(f->sent[i].dst.ip, SRV_IP);
	assert_int_equal(f->sent[i].dst.port, port);
}

static void assert_error(struct fx *f, unsigned i, uint16_t code,
			 uint16_t port)
{
	const struct tftp_pkt *p = sent_pkt(f, i);

	assert_int_equal(p->op, TFTP_OP_ERROR);
	assert_int_equal(p->code, code);
	assert_int_equal(f->sent[i].dst.port, port);
}

static const char *opt_of(const struct tftp_pkt *p, const char *name)
{
	unsigned i;

	for (i = 0; i < p->nopts; i++)
		if (!strcmp(p->opt[i].name, name))
			return p->opt[i].value;
	return NULL;
}

static uint8_t pattern[70000];

static void make_pattern(void)
{
	size_t i;
	uint32_t s = 12345;

	for (i = 0; i < sizeof(pattern); i++) {
		s = s * 1103515245u + 12345u;
		pattern[i] = (uint8_t)(s >> 16);
	}
}

static void test_xfer_negotiated(void **state)
{
	struct fx *f = fx_new();
	const struct tftp_pkt *p;

	(void)state;
	make_pattern();
	fx_start(f, "SIPDefault.cnf", NULL);
	assert_int_equal(f->nsent, 1);
	p = sent_pkt(f, 0);
	assert_int_equal(p->op, TFTP_OP_RRQ);
	assert_string_equal(p->file, "SIPDefault.cnf");
	assert_string_equal(p->mode, "octet");
	assert_string_equal(opt_of(p, "blksize"), "1428");
	assert_string_equal(opt_of(p, "tsize"), "0");
	assert_null(opt_of(p, "timeout"));
	assert_int_equal(f->sent[0].dst.port, TFTP_PORT);
	assert_string_equal(tftp_xfer_state(f->x), "req_opt");

	/* option names in any case (RFC 2347) */
	srv_oack(f, TID, "BLKSIZE", "1428", "tsize", "3000", NULL);
	assert_string_equal(tftp_xfer_state(f->x), "negotiated");
	assert_ack(f, 1, 0, TID);
	srv_data(f, TID, 1, pattern, 1428);
	assert_ack(f, 2, 1, TID);
	srv_data(f, TID, 2, pattern + 1428, 1428);
	assert_ack(f, 3, 2, TID);
	assert_string_equal(tftp_xfer_state(f->x), "receiving");
	assert_int_equal(f->done, 0);
	srv_data(f, TID, 3, pattern + 2856, 144);
	assert_ack(f, 4, 3, TID);
	assert_int_equal(f->done, 1);
	assert_int_equal(f->r.err, 0);
	assert_int_equal(f->r.len, 3000);
	assert_memory_equal(f->data, pattern, 3000);
	assert_int_equal(f->data[3000], 0);
	assert_int_equal(f->r.options, 1);
	assert_int_equal(f->r.tsize, 3000);
	assert_int_equal(f->r.blksize, 1428);
	assert_int_equal(f->r.blocks, 3);
	assert_int_equal(f->r.server.port, TID);
	assert_int_equal(f->r.retransmissions, 0);

	/* dallying: the final DATA again gets the final ACK again */
	assert_string_equal(tftp_xfer_state(f->x), "dally");
	assert_int_equal(f->closed, 0);
	srv_data(f, TID, 3, pattern + 2856, 144);
	assert_ack(f, 5, 3, TID);
	fx_advance(f, 2 * TFTP_RETX_MS_DEFAULT - 1);
	assert_int_equal(f->closed, 0);
	fx_advance(f, 1);
	assert_int_equal(f->closed, 1);
	assert_string_equal(tftp_xfer_state(f->x), "closed");
	assert_int_equal(f->done, 1);
	assert_int_equal(f->nsent, 6);
	fx_free(f);
}

/* The server ignores the options: DATA 1 in 512-byte blocks. */
static void test_xfer_options_ignored(void **state)
{
	struct fx *f = fx_new();

	(void)state;
	fx_start(f, "RINGLIST.DAT", NULL);
	srv_data(f, TID, 1, pattern, 512);
	assert_ack(f, 1, 1, TID);
	srv_data(f, TID, 2, pattern + 512, 10);
	assert_ack(f, 2, 2, TID);
	assert_int_equal(f->done, 1);
	assert_int_equal(f->r.err, 0);
	assert_int_equal(f->r.len, 522);
	assert_memory_equal(f->data, pattern, 522);
	assert_int_equal(f->r.options, 0);
	assert_int_equal(f->r.blksize, 512);
	assert_int_equal(f->r.tsize, TFTP_TSIZE_NONE);
	fx_free(f);
}

/* ERROR 8 (and 4) refuse the options: asked again without them, and the
 * answer may come from a new TID. */
static void test_xfer_options_refused(void **state)
{
	uint16_t code[2] = {TFTP_ERR_OPTION, TFTP_ERR_ILLEGAL};
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct fx *f = fx_new();
		const struct tftp_pkt *p;

		fx_start(f, "dialplan.xml", NULL);
		srv_error(f, TID, code[i], "no options");
		assert_int_equal(f->nsent, 2);
		p = sent_pkt(f, 1);
		assert_int_equal(p->op, TFTP_OP_RRQ);
		assert_int_equal(p->nopts, 0);
		assert_int_equal(f->sent[1].dst.port, TFTP_PORT);
		assert_string_equal(tftp_xfer_state(f->x), "req_plain");
		srv_data(f, TID + 1, 1, pattern, 100);
		assert_ack(f, 2, 1, TID + 1);
		assert_int_equal(f->done, 1);
		assert_int_equal(f->r.err, 0);
		assert_int_equal(f->r.fallback, 1);
		assert_int_equal(f->r.len, 100);
		fx_free(f);
	}
	/* refused again, without options: an error like any other */
	{
		struct fx *f = fx_new();

		fx_start(f, "dialplan.xml", NULL);
		srv_error(f, TID, TFTP_ERR_OPTION, "no");
		srv_error(f, TID + 1, TFTP_ERR_ILLEGAL, "still no");
		assert_int_equal(f->done, 1);
		assert_int_equal(f->r.err, -ECONNREFUSED);
		assert_int_equal(f->r.err_code, TFTP_ERR_ILLEGAL);
		assert_string_equal(f->r.err_msg, "still no");
		fx_free(f);
	}
	/* a plain request from the start (no_options) */
	{
		struct fx *f = fx_new();
		struct tftp_opts o = {.no_options = 1};

		fx_start(f, "x", &o);
		assert_int_equal(sent_pkt(f, 0)->nopts, 0);
		assert_string_equal(tftp_xfer_state(f->x), "req_plain");
		/* an OACK answers options never asked for: ERROR 8 */
		srv_oack(f, TID, NULL);
		assert_error(f, 1, TFTP_ERR_OPTION, TID);
		assert_int_equal(f->r.err, -EPROTO);
		fx_free(f);
	}
}

/* RFC 1123 backoff: first wait, doubling, capped; a bounded number of
 * retransmissions of exactly the last packet; then -ETIMEDOUT. */
static void test_xfer_retransmit_schedule(void **state)
{
	struct tftp_opts o = {.retx_ms = 100, .retries = 3};
	struct fx *f = fx_new();
	unsigned i;

	(void)state;
	fx_start(f, "SIP00503EFFF842.cnf", &o);
	fx_advance(f, 1499);
	assert_int_equal(f->nsent, 4);
	assert_int_equal(f->sent[1].at, 100);
	assert_int_equal(f->sent[2].at, 300);
	assert_int_equal(f->sent[3].at, 700);
	for (i = 1; i < 4; i++) {
		assert_int_equal(f->sent[i].len, f->sent[0].len);
		assert_memory_equal(f->sent[i].b, f->sent[0].b, f->sent[0].len);
	}
	assert_int_equal(f->done, 0);
	fx_advance(f, 1);
	assert_int_equal(f->done, 1);
	assert_int_equal(f->r.err, -ETIMEDOUT);
	assert_int_equal(f->r.retransmissions, 3);
	assert_int_equal(f->closed, 1);
	assert_int_equal(f->nsent, 4);
	fx_free(f);

	/* while receiving: the last ACK again; progress starts the backoff
	 * over; the cap holds */
	f = fx_new();
	o.retx_cap_ms = 250;
	o.retries = 4;
	fx_start(f, "f", &o);
	srv_oack(f, TID, "blksize", "1428", NULL);  /* ACK 0 at 0 */
	fx_advance(f, 100);                         /* ACK 0 again */
	assert_ack(f, 2, 0, TID);
	srv_data(f, TID, 1, pattern, 1428);         /* ACK 1 at 100 */
	assert_ack(f, 3, 1, TID);
	fx_advance(f, 100 + 200 + 250 + 250);       /* 200, 400, 650, 900 */
	assert_int_equal(f->nsent, 8);
	assert_int_equal(f->sent[4].at, 200);
	assert_int_equal(f->sent[5].at, 400);
	assert_int_equal(f->sent[6].at, 650);
	assert_int_equal(f->sent[7].at, 900);
	for (i = 4; i < 8; i++)
		assert_ack(f, i, 1, TID);
	assert_int_equal(f->done, 0);
	fx_advance(f, 249);
	assert_int_equal(f->done, 0);
	fx_advance(f, 1);
	assert_int_equal(f->r.err, -ETIMEDOUT);
	assert_int_equal(f->r.retransmissions, 5);
	fx_free(f);
}

/* RFC 2349 timeout: asked for, echoed, then the wait. */
static void test_xfer_timeout_option(void **state)
{
	struct tftp_opts o = {.timeout_s = 2, .blksize = 512, .no_tsize = 1};
	struct fx *f = fx_new();
	const struct tftp_pkt *p;

	(void)state;
	fx_start(f, "f", &o);
	p = sent_pkt(f, 0);
	assert_int_equal(p->nopts, 1);
	assert_string_equal(opt_of(p, "timeout"), "2");
	srv_oack(f, TID, "timeout", "2", NULL);
	fx_advance(f, 1999);
	assert_int_equal(f->nsent, 2);
	fx_advance(f, 1);
	assert_int_equal(f->nsent, 3);
	assert_ack(f, 2, 0, TID);
	fx_free(f);
}

static void test_xfer_duplicates(void **state)
{
	struct fx *f = fx_new();

	(void)state;
	fx_start(f, "f", NULL);
	srv_oack(f, TID, "blksize", "512", "tsize", "1100", NULL);
	/* the OACK again: our ACK 0 was lost */
	srv_oack(f, TID, "blksize", "512", "tsize", "1100", NULL);
	assert_ack(f, 2, 0, TID);
	srv_data(f, TID, 1, pattern, 512);
	srv_data(f, TID, 1, pattern, 512);          /* again: re-ACKed */
	assert_ack(f, 3, 1, TID);
	assert_ack(f, 4, 1, TID);
	srv_oack(f, TID, "blksize", "512", "tsize", "1100", NULL); /* late */
	srv_data(f, TID, 2, pattern + 512, 512);
	srv_data(f, TID, 1, pattern, 512);          /* older: ignored */
	srv_data(f, TID, 2, pattern + 512, 512);
	assert_int_equal(f->nsent, 7);
	assert_ack(f, 6, 2, TID);
	srv_data(f, TID, 3, pattern + 1024, 76);
	assert_int_equal(f->done, 1);
	assert_int_equal(f->r.err, 0);
	assert_int_equal(f->r.len, 1100);
	assert_memory_equal(f->data, pattern, 1100);
	assert_int_equal(f->r.duplicates, 3);
	fx_free(f);
}

/* Packets from anyone but the server's TID get ERROR 5 and change
 * nothing (RFC 1350 §4). */
static void test_xfer_wrong_tid(void **state)
{
	struct fx *f = fx_new();
	struct net_addr other = {0x0a000002u, TID};
	uint8_t b[64];
	int n = tftp_pkt_data(b, sizeof(b), 1, "evil", 4);

	(void)state;
	fx_start(f, "f", NULL);
	/* another host before the server answered */
	tftp_xfer_input(f->x, b, (size_t)n, &other);
	assert_error(f, 1, TFTP_ERR_BADTID, TID);
	assert_int_equal(f->sent[1].dst.ip, 0x0a000002u);
	assert_string_equal(tftp_xfer_state(f->x), "req_opt");
	srv_oack(f, TID, "blksize", "1428", NULL);
	/* the server's address, another port */
	srv_data(f, TID + 1, 1, (const uint8_t *)"evil", 4);
	assert_error(f, 3, TFTP_ERR_BADTID, TID + 1);
	srv_data(f, TFTP_PORT, 1, (const uint8_t *)"evil", 4);
	assert_error(f, 4, TFTP_ERR_BADTID, TFTP_PORT);
	assert_string_equal(tftp_xfer_state(f->x), "negotiated");
	srv_data(f, TID, 1, (const uint8_t *)"good", 4);
	assert_ack(f, 5, 1, TID);
	tftp_xfer_input(f->x, b, (size_t)n, &other);  /* while dallying */
	assert_error(f, 6, TFTP_ERR_BADTID, TID);
	assert_int_equal(f->done, 1);
	assert_int_equal(f->r.err, 0);
	assert_memory_equal(f->data, "good", 4);
	assert_int_equal(f->r.strays, 3); /* when it was reported */
	fx_free(f);
}

static void test_xfer_error_packets(void **state)
{
	static const struct {
		uint16_t code;
		const char *msg;
		int err;
	} cases[] = {
		{TFTP_ERR_NOTFOUND, "File not found", -ENOENT},
		{TFTP_ERR_ACCESS, "Permission denied", -EACCES},
		{TFTP_ERR_UNDEF, "busy", -ECONNREFUSED},
		{TFTP_ERR_DISKFULL, "", -ECONNREFUSED},
		{TFTP_ERR_BADTID, "x", -ECONNREFUSED},
		{99, "odd", -ECONNREFUSED},
	};
	char longmsg[300];
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx *f = fx_new();

		fx_start(f, "SIPDefault.cnf", NULL);
		srv_error(f, TID, cases[i].code, cases[i].msg);
		assert_int_equal(f->done, 1);
		assert_int_equal(f->r.err, cases[i].err);
		assert_int_equal(f->r.remote, 1);
		assert_int_equal(f->r.err_code, cases[i].code);
		assert_string_equal(f->r.err_msg, cases[i].msg);
		assert_null(f->data);
		assert_int_equal(f->nsent, 1); /* errors are not answered */
		assert_int_equal(f->closed, 1);
		fx_free(f);
	}
	/* in the middle; a long message is cut visibly; raw bytes made
	 * printable; no NUL at the end */
	{
		struct fx *f = fx_new();
		uint8_t b[400] = {0, 5, 0, 0};

		memset(longmsg, 'm', sizeof(longmsg));
		fx_start(f, "f", NULL);
		srv_oack(f, TID, "blksize", "8", NULL);
		srv_data(f, TID, 1, pattern, 8);
		memcpy(b + 4, longmsg, sizeof(longmsg));
		b[5] = '\n';
		fx_input(f, TID, b, 4 + sizeof(longmsg));
		assert_int_equal(f->r.err, -ECONNREFUSED);
		assert_int_equal(strlen(f->r.err_msg), TFTP_ERRMSG_MAX + 3);
		assert_int_equal(f->r.err_msg[1], '?');
		assert_string_equal(f->r.err_msg + TFTP_ERRMSG_MAX, "...");
		fx_free(f);
	}
}

/* max_size: at the edge accepted, one past it refused with ERROR 3,
 * from the announced tsize or from the data. */
static void test_xfer_size_limit(void **state)
{
	struct tftp_opts o = {.max_size = 1000, .blksize = 512};
	struct fx *f;

	(void)state;
	/* plain blocks: 1000 fits */
	f = fx_new();
	fx_start(f, "f", &o);
	srv_data(f, TID, 1, pattern, 512);
	srv_data(f, TID, 2, pattern + 512, 488);
	assert_int_equal(f->r.err, 0);
	assert_int_equal(f->r.len, 1000);
	fx_free(f);
	/* 1001 does not: ERROR 3 to the server */
	f = fx_new();
	fx_start(f, "f", &o);
	srv_data(f, TID, 1, pattern, 512);
	srv_data(f, TID, 2, pattern + 512, 489);
	assert_int_equal(f->r.err, -EFBIG);
	assert_error(f, 2, TFTP_ERR_DISKFULL, TID);
	assert_int_equal(f->r.err_code, TFTP_ERR_DISKFULL);
	assert_int_equal(f->r.len, 512);
	assert_null(f->data);
	fx_free(f);
	/* announced: tsize 1000 fits, 1001 is refused at the OACK */
	f = fx_new();
	fx_start(f, "f", &o);
	srv_oack(f, TID, "tsize", "1000", NULL);
	assert_string_equal(tftp_xfer_state(f->x), "negotiated");
	fx_free(f);
	f = fx_new();
	fx_start(f, "f", &o);
	srv_oack(f, TID, "tsize", "1001", NULL);
	assert_int_equal(f->r.err, -EFBIG);
	assert_error(f, 1, TFTP_ERR_DISKFULL, TID);
	fx_free(f);
	/* a server that announces less than it sends: still bounded */
	f = fx_new();
	fx_start(f, "f", &o);
	srv_oack(f, TID, "tsize", "10", NULL);
	srv_data(f, TID, 1, pattern, 512);
	srv_data(f, TID, 2, pattern + 512, 488);
	assert_int_equal(f->r.err, 0);
	assert_int_equal(f->r.len, 1000);
	assert_memory_equal(f->data, pattern, 1000);
	fx_free(f);
	/* the first block alone past the limit */
	o.max_size = 100;
	f = fx_new();
	fx_start(f, "f", &o);
	srv_data(f, TID, 1, pattern, 101);
	assert_int_equal(f->r.err, -EFBIG);
	fx_free(f);
	/* a multiple of the block size: 1024 with a 0-byte final block;
	 * 1023 refused when the second block arrives */
	o.max_size = 1024;
	o.no_options = 1;
	f = fx_new();
	fx_start(f, "f", &o);
	srv_data(f, TID, 1, pattern, 512);
	srv_data(f, TID, 2, pattern + 512, 512);
	assert_int_equal(f->done, 0);
	srv_data(f, TID, 3, pattern, 0);
	assert_ack(f, 3, 3, TID);
	assert_int_equal(f->r.err, 0);
	assert_int_equal(f->r.len, 1024);
	assert_memory_equal(f->data, pattern, 1024);
	fx_free(f);
	o.max_size = 1023;
	f = fx_new();
	fx_start(f, "f", &o);
	srv_data(f, TID, 1, pattern, 512);
	srv_data(f, TID, 2, pattern + 512, 512);
	assert_int_equal(f->r.err, -EFBIG);
	fx_free(f);
}

static void test_xfer_empty_file(void **state)
{
	struct fx *f = fx_new();

	(void)state;
	fx_start(f, "empty", NULL);
	srv_oack(f, TID, "tsize", "0", NULL);
	srv_data(f, TID, 1, pattern, 0);
	assert_int_equal(f->r.err, 0);
	assert_int_equal(f->r.len, 0);
	assert_non_null(f->data);
	assert_int_equal(f->data[0], 0);
	assert_int_equal(f->r.tsize, 0);
	fx_free(f);
}

/* Malformed or out-of-protocol packets from the server: a clear error,
 * ERROR 4 (or 8 for options) to the server, never a crash. */
static void test_xfer_malformed(void **state)
{
	static const struct {
		const char *b;
		size_t len;
		int err;
		uint16_t code;
	} cases[] = {
		{P("\0\3\0"), -EBADMSG, TFTP_ERR_ILLEGAL},
		{P("\0\x09\0\1"), -EBADMSG, TFTP_ERR_ILLEGAL},
		{P("\0"), -EBADMSG, TFTP_ERR_ILLEGAL},
		{P("\0\3\0\5abc"), -EPROTO, TFTP_ERR_ILLEGAL},   /* block ahead */
		{P("\0\3\0\0abc"), -EPROTO, TFTP_ERR_ILLEGAL},   /* block 0 */
		{P("\0\4\0\1"), -EPROTO, TFTP_ERR_ILLEGAL},      /* ACK */
		{P("\0\1f\0octet\0"), -EPROTO, TFTP_ERR_ILLEGAL}, /* RRQ */
		{P("\0\2f\0octet\0"), -EPROTO, TFTP_ERR_ILLEGAL}, /* WRQ */
		{P("\0\6blksize\0"), -EBADMSG, TFTP_ERR_ILLEGAL},
		{P("\0\6foo\0" "1\0"), -EPROTO, TFTP_ERR_OPTION},
		{P("\0\6blksize\0" "1429\0"), -EPROTO, TFTP_ERR_OPTION},
		{P("\0\6blksize\0" "7\0"), -EPROTO, TFTP_ERR_OPTION},
		{P("\0\6blksize\0" "-1\0"), -EPROTO, TFTP_ERR_OPTION},
		{P("\0\6blksize\0" "\0"), -EPROTO, TFTP_ERR_OPTION},
		{P("\0\6tsize\0" "12x\0"), -EPROTO, TFTP_ERR_OPTION},
		{P("\0\6tsize\0" "999999999999999999999\0"), -EPROTO, TFTP_ERR_OPTION},
		{P("\0\6tsize\0" "1\0tsize\0" "1\0"), -EPROTO, TFTP_ERR_OPTION},
		{P("\0\6timeout\0" "1\0"), -EPROTO, TFTP_ERR_OPTION},
	};
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx *f = fx_new();
		struct guard g;
		const char *b = guard_put(&g, cases[i].b, cases[i].len);

		fx_start(f, "f", NULL);
		fx_input(f, TID, b, cases[i].len);
		guard_free(&g);
		assert_int_equal(f->done, 1);
		assert_int_equal(f->r.err, cases[i].err);
		assert_error(f, 1, cases[i].code, TID);
		assert_int_equal(f->r.remote, 0);
		assert_true(f->r.err_msg[0] != 0);
		assert_int_equal(f->closed, 1);
		/* nothing more after the end */
		fx_input(f, TID, "\0\3\0\1", 4);
		fx_advance(f, 60000);
		assert_int_equal(f->nsent, 2);
		assert_int_equal(f->done, 1);
		fx_free(f);
	}
	/* DATA longer than the negotiated block size */
	{
		struct fx *f = fx_new();

		fx_start(f, "f", NULL);
		srv_oack(f, TID, "blksize", "100", NULL);
		srv_data(f, TID, 1, pattern, 101);
		assert_int_equal(f->r.err, -EBADMSG);
		assert_error(f, 2, TFTP_ERR_ILLEGAL, TID);
		fx_free(f);
	}
	/* a different OACK after the first one */
	{
		struct fx *f = fx_new();

		fx_start(f, "f", NULL);
		srv_oack(f, TID, "blksize", "100", NULL);
		srv_oack(f, TID, "foo", "1", NULL);
		assert_int_equal(f->r.err, -EPROTO);
		fx_free(f);
	}
}

static void test_xfer_cancel(void **state)
{
	struct fx *f;

	(void)state;
	/* before the request left: nothing sent, no callback */
	f = fx_new();
	{
		struct net_addr srv = {SRV_IP, 0};

		assert_int_equal(tftp_xfer_new(&f->x, &f->ts, &fx_io, f, &srv,
					       "f", NULL, fx_done, f), 0);
	}
	tftp_cancel(f->x);
	fx_advance(f, 10000);
	assert_int_equal(f->nsent, 0);
	assert_int_equal(f->done, 0);
	assert_int_equal(f->closed, 1);
	tftp_cancel(f->x); /* harmless */
	fx_free(f);
	/* before the server answered: nobody to tell */
	f = fx_new();
	fx_start(f, "f", NULL);
	tftp_cancel(f->x);
	assert_int_equal(f->nsent, 1);
	assert_int_equal(f->closed, 1);
	fx_free(f);
	/* while receiving: ERROR 0 to the server */
	f = fx_new();
	fx_start(f, "f", NULL);
	srv_data(f, TID, 1, pattern, 512);
	tftp_cancel(f->x);
	assert_error(f, 2, TFTP_ERR_UNDEF, TID);
	fx_advance(f, 60000);
	srv_data(f, TID, 2, pattern, 1);
	assert_int_equal(f->nsent, 3);
	assert_int_equal(f->done, 0);
	assert_int_equal(f->closed, 1);
	fx_free(f);
}

static void test_xfer_data_callback(void **state)
{
	struct fx *f = fx_new();
	struct tftp_opts o = {.data = fx_sink, .blksize = 512};

	(void)state;
	o.data_arg = f;
	fx_start(f, "ring.pcm", &o);
	srv_data(f, TID, 1, pattern, 512);
	srv_data(f, TID, 1, pattern, 512);
	srv_data(f, TID, 2, pattern + 512, 512);
	srv_data(f, TID, 3, pattern + 1024, 0);
	assert_int_equal(f->r.err, 0);
	assert_null(f->data);
	assert_int_equal(f->r.len, 1024);
	assert_int_equal(f->sink_len, 1024);
	assert_int_equal(f->sink_calls, 2);
	assert_memory_equal(f->sink, pattern, 1024);
	fx_free(f);

	/* the callback refuses: ENOSPC is ERROR 3, anything else ERROR 0;
	 * the block is not acknowledged */
	{
		int errs[2] = {-ENOSPC, -EPERM};
		uint16_t codes[2] = {TFTP_ERR_DISKFULL, TFTP_ERR_UNDEF};
		unsigned i;

		for (i = 0; i < 2; i++) {
			f = fx_new();
			o.data_arg = f;
			f->sink_fail_at = 2;
			f->sink_err = errs[i];
			fx_start(f, "ring.pcm", &o);
			srv_data(f, TID, 1, pattern, 512);
			srv_data(f, TID, 2, pattern, 512);
			assert_int_equal(f->r.err, errs[i]);
			assert_error(f, 2, codes[i], TID);
			assert_int_equal(f->r.len, 512);
			fx_free(f);
		}
	}
}

static void test_xfer_send_failure(void **state)
{
	struct fx *f = fx_new();

	(void)state;
	f->send_err = -ENETUNREACH;
	{
		struct net_addr srv = {SRV_IP, 0};

		assert_int_equal(tftp_xfer_new(&f->x, &f->ts, &fx_io, f, &srv,
					       "f", NULL, fx_done, f), 0);
	}
	assert_int_equal(f->done, 0);
	fx_advance(f, 0);
	assert_int_equal(f->done, 1);
	assert_int_equal(f->r.err, -ENETUNREACH);
	assert_int_equal(f->closed, 1);
	fx_free(f);
	/* an ACK that cannot be sent */
	f = fx_new();
	fx_start(f, "f", NULL);
	f->send_err = -EPERM;
	srv_data(f, TID, 1, pattern, 512);
	assert_int_equal(f->r.err, -EPERM);
	fx_free(f);
}

/* 16-bit block numbers wrap: 65535, 0, 1 (8-byte blocks). */
static void test_xfer_block_wrap(void **state)
{
	struct tftp_opts o = {.blksize = 8, .no_tsize = 1,
			      .max_size = 65540u * 8};
	struct fx *f = fx_new();
	uint32_t i;
	uint8_t b[12];

	(void)state;
	fx_start(f, "big", &o);
	srv_oack(f, TID, "blksize", "8", NULL);
	for (i = 1; i <= 65539; i++) {
		memcpy(b, &i, 4);
		memcpy(b + 4, &i, 4);
		srv_data(f, TID, (uint16_t)i, b, 8);
		f->nsent = 0; /* the ACKs are checked below */
		if (i == 65536) {
			/* block 0 again is a duplicate (re-ACKed); a late
			 * 65535 an older block (ignored) */
			srv_data(f, TID, 0, b, 8);
			assert_int_equal(f->nsent, 1);
			assert_ack(f, 0, 0, TID);
			srv_data(f, TID, 65535, b, 8);
			assert_int_equal(f->nsent, 1);
			f->nsent = 0;
		}
	}
	srv_data(f, TID, 65540 & 0xffff, b, 3);
	assert_int_equal(f->r.err, 0);
	assert_int_equal(f->r.len, 65539u * 8 + 3);
	assert_int_equal(f->r.blocks, 65540);
	i = 65536;
	assert_memory_equal(f->data + 65535u * 8, &i, 4);
	assert_int_equal(f->r.duplicates, 1);
	fx_free(f);
}

static void test_xfer_arguments(void **state)
{
	struct fx *f = fx_new();
	struct net_addr srv = {SRV_IP, 0}, none = {0, 69};
	struct tftp_opts o;
	char name[TFTP_FILENAME_MAX + 2];
	struct tftp_xfer *x = NULL;

	(void)state;
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	assert_int_equal(tftp_xfer_new(&x, &f->ts, &fx_io, f, &srv, name, NULL,
				       fx_done, f), -ENAMETOOLONG);
	name[TFTP_FILENAME_MAX] = 0;
	assert_int_equal(tftp_xfer_new(&x, &f->ts, &fx_io, f, &srv, name, NULL,
				       fx_done, f), 0);
	tftp_xfer_free(x);
	assert_int_equal(tftp_xfer_new(&x, &f->ts, &fx_io, f, &srv, "", NULL,
				       fx_done, f), -EINVAL);
	assert_int_equal(tftp_xfer_new(&x, &f->ts, &fx_io, f, &srv, "a\tb",
				       NULL, fx_done, f), -EINVAL);
	assert_int_equal(tftp_xfer_new(&x, &f->ts, &fx_io, f, &none, "a",
				       NULL, fx_done, f), -EINVAL);
	assert_int_equal(tftp_xfer_new(&x, &f->ts, &fx_io, f, &srv, "a",
				       NULL, NULL, f), -EINVAL);
	memset(&o, 0, sizeof(o));
	o.blksize = TFTP_BLKSIZE_MIN - 1;
	assert_int_equal(tftp_xfer_new(&x, &f->ts, &fx_io, f, &srv, "a", &o,
				       fx_done, f), -EINVAL);
	o.blksize = TFTP_BLKSIZE_MIN;
	assert_int_equal(tftp_xfer_new(&x, &f->ts, &fx_io, f, &srv, "a", &o,
				       fx_done, f), 0);
	assert_int_equal(tftp_xfer_rx_size(x), TFTP_HDR + 512 + 1);
	tftp_xfer_free(x);
	o.blksize = TFTP_BLKSIZE_MAX;
	assert_int_equal(tftp_xfer_new(&x, &f->ts, &fx_io, f, &srv, "a", &o,
				       fx_done, f), 0);
	assert_int_equal(tftp_xfer_rx_size(x), TFTP_HDR + TFTP_BLKSIZE_MAX + 1);
	tftp_xfer_free(x);
	o.blksize = 0;
	o.retries = TFTP_RETRIES_MAX + 1;
	assert_int_equal(tftp_xfer_new(&x, &f->ts, &fx_io, f, &srv, "a", &o,
				       fx_done, f), -EINVAL);
	o.retries = 0;
	o.retx_ms = TFTP_RETX_MS_MAX + 1;
	assert_int_equal(tftp_xfer_new(&x, &f->ts, &fx_io, f, &srv, "a", &o,
				       fx_done, f), -EINVAL);
	assert_int_equal(f->done, 0);
	f->x = NULL;
	fx_free(f);
}

/* ------------------------------------------------------------ real server */

static uv_loop_t uv;
static struct rt_loop loop;

struct srv {
	pid_t pid;
	char dir[64];
	char ip[20];
	uint16_t port;
	int skip;
	char why[128];
};

static struct srv server, plain_server;
static unsigned char ip_b, ip_c;

static struct net_addr lo_addr(unsigned d, uint16_t port)
{
	struct net_addr a = {(127u << 24) | ((uint32_t)ip_b << 16) |
				     ((uint32_t)ip_c << 8) | d,
			     port};
	return a;
}

static int write_file(const char *dir, const char *name, const uint8_t *b,
		      size_t len)
{
	char path[256];
	FILE *fp;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "wb");
	if (!fp)
		return -1;
	ok = fwrite(b, 1, len, fp) == len;
	ok = fclose(fp) == 0 && ok;
	return ok ? 0 : -1;
}

/* A free UDP port on IP (bound and released: a race no test here
 * loses). */
static uint16_t free_port(const char *ip)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	uint16_t port = 0;

	if (fd < 0)
		return 0;
	inet_pton(AF_INET, ip, &sa.sin_addr);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
		port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

/* Fetch "ready.txt" with a plain socket until the server answers. */
static int wait_tftp(struct srv *s)
{
	struct sockaddr_in sa = {.sin_family = AF_INET}, from;
	uint8_t q[64], a[600];
	int fd, i, ok = -1, n;

	n = tftp_pkt_rrq(q, sizeof(q), "ready.txt", NULL, 0);
	sa.sin_port = htons(s->port);
	inet_pton(AF_INET, s->ip, &sa.sin_addr);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || n < 0)
		return -1;
	for (i = 0; i < 100 && ok < 0; i++) {
		struct pollfd pf = {.fd = fd, .events = POLLIN};
		socklen_t fl = sizeof(from);
		ssize_t r;

		if (waitpid(s->pid, NULL, WNOHANG) != 0)
			break;
		if (sendto(fd, q, (size_t)n, 0, (struct sockaddr *)&sa,
			   sizeof(sa)) < 0)
			break;
		if (poll(&pf, 1, 50) != 1)
			continue;
		r = recvfrom(fd, a, sizeof(a), 0, (struct sockaddr *)&from, &fl);
		if (r >= 4 && a[1] == TFTP_OP_DATA) {
			uint8_t ack[4];

			/* finish the transfer: the server's child exits */
			tftp_pkt_ack(ack, sizeof(ack), 1);
			sendto(fd, ack, 4, 0, (struct sockaddr *)&from, fl);
			ok = 0;
		}
	}
	close(fd);
	return ok;
}

static char srv_dir[64];

static int start_server(struct srv *s, unsigned d, int refuse_options)
{
	const char *bin = peer_find("in.tftpd");
	char addr[40];
	char *argv[20];
	int n = 0;

	memset(s, 0, sizeof(*s));
	if (!bin) {
		s->skip = 1;
		snprintf(s->why, sizeof(s->why), "in.tftpd not installed (tftpd-hpa)");
		return 0;
	}
	snprintf(s->ip, sizeof(s->ip), "127.%u.%u.%u", ip_b, ip_c, d);
	s->port = free_port(s->ip);
	if (!s->port)
		return -1;
	snprintf(addr, sizeof(addr), "%s:%u", s->ip, s->port);
	argv[n++] = (char *)bin;
	argv[n++] = "--foreground";
	argv[n++] = "--address";
	argv[n++] = addr;
	argv[n++] = "--retransmit";
	argv[n++] = "200000"; /* us: the server's own retransmissions */
	if (refuse_options) {
		argv[n++] = "--refuse";
		argv[n++] = "blksize";
		argv[n++] = "--refuse";
		argv[n++] = "tsize";
	}
	if (geteuid() == 0) {
		argv[n++] = "--user";
		argv[n++] = "root";
	}
	argv[n++] = "--secure";
	argv[n++] = srv_dir;
	argv[n] = NULL;
	s->pid = peer_spawn(argv);
	if (s->pid < 0)
		return -1;
	if (wait_tftp(s)) {
		peer_stop(&s->pid);
		if (geteuid() != 0) {
			s->skip = 1;
			snprintf(s->why, sizeof(s->why),
				 "in.tftpd did not answer (--secure needs root)");
			return 0;
		}
		return -1;
	}
	return 0;
}

static uint8_t *mb_plus; /* TFTP_FILE_MAX + 1 bytes */

static const char *const file_names[] = {
	"ready.txt", "small.cnf", "exact512.bin", "exact1428.bin",
	"multi.bin", "empty.cnf", "limit.bin", "over.bin"};

static int write_files(const char *dir)
{
	size_t i;

	mb_plus = malloc(TFTP_FILE_MAX + 1);
	if (!mb_plus)
		return -1;
	for (i = 0; i <= TFTP_FILE_MAX; i++)
		mb_plus[i] = pattern[i % 65521];
	if (write_file(dir, "ready.txt", (const uint8_t *)"ok\n", 3) ||
	    write_file(dir, "small.cnf", pattern, 100) ||
	    write_file(dir, "exact512.bin", pattern, 512) ||
	    write_file(dir, "exact1428.bin", pattern, 1428) ||
	    write_file(dir, "multi.bin", pattern, 60000) ||
	    write_file(dir, "empty.cnf", pattern, 0) ||
	    write_file(dir, "limit.bin", mb_plus, TFTP_FILE_MAX) ||
	    write_file(dir, "over.bin", mb_plus, TFTP_FILE_MAX + 1))
		return -1;
	return 0;
}

static int server_setup(void **state)
{
	char tmpl[] = "/tmp/test_tftp.XXXXXX";
	pid_t pid = getpid();

	(void)state;
	make_pattern();
	ip_b = (unsigned char)(100 + pid % 100);
	ip_c = (unsigned char)(pid / 100 % 250 + 1);
	if (!mkdtemp(tmpl))
		return -1;
	snprintf(srv_dir, sizeof(srv_dir), "%s", tmpl);
	if (chmod(srv_dir, 0755) || write_files(srv_dir))
		return -1;
	if (start_server(&server, 1, 0) || start_server(&plain_server, 2, 1))
		return -1;
	return 0;
}

static int server_teardown(void **state)
{
	char path[128];
	unsigned i;

	(void)state;
	peer_stop(&server.pid);
	peer_stop(&plain_server.pid);
	for (i = 0; srv_dir[0] && i < sizeof(file_names) / sizeof(file_names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", srv_dir, file_names[i]);
		unlink(path);
	}
	if (srv_dir[0])
		rmdir(srv_dir);
	free(mb_plus);
	return 0;
}

/* ---- the loop */

struct get {
	int done;
	struct tftp_result r;
	uint8_t *data;
	/* data callback mode: a running sum instead of a copy */
	uint64_t sum;
	size_t seen;
};

static void get_done(void *arg, struct tftp_result *r)
{
	struct get *g = arg;

	g->done = 1;
	g->r = *r;
	g->data = r->data;
	r->data = NULL;
}

static int get_sink(void *arg, const uint8_t *data, size_t len,
		    uint64_t offset)
{
	struct get *g = arg;
	size_t i;

	if (offset != g->seen)
		return -EINVAL;
	for (i = 0; i < len; i++)
		g->sum += (uint64_t)data[i] * (offset + i + 1);
	g->seen += len;
	return 0;
}

static uint64_t sum_of(const uint8_t *b, size_t len)
{
	uint64_t s = 0;
	size_t i;

	for (i = 0; i < len; i++)
		s += (uint64_t)b[i] * (i + 1);
	return s;
}

static struct tftp_client *client;
static int client_closed;

static void on_client_closed(void *arg)
{
	(void)arg;
	client_closed = 1;
}

static void loop_open(void)
{
	assert_int_equal(uv_loop_init(&uv), 0);
	assert_int_equal(rt_loop_init(&loop, &uv), 0);
	assert_int_equal(tftp_client_open(&client, &uv, &loop.timers,
					  lo_addr(9, 0).ip), 0);
	client_closed = 0;
}

static void loop_close(void)
{
	tftp_client_close(client, on_client_closed, NULL);
	assert_int_equal(client_closed, 0); /* from the loop */
	rt_loop_close(&loop);
	assert_int_equal(uv_run(&uv, UV_RUN_DEFAULT), 0);
	assert_int_equal(client_closed, 1);
	assert_int_equal(uv_loop_close(&uv), 0);
}

static int guard_fired;

static void on_guard(uv_timer_t *t)
{
	(void)t;
	guard_fired = 1;
}

/* Run the loop until *FLAG (at most 8 s). */
static void run_until(const int *flag)
{
	uv_timer_t t;

	guard_fired = 0;
	assert_int_equal(uv_timer_init(&uv, &t), 0);
	assert_int_equal(uv_timer_start(&t, on_guard, 8000, 0), 0);
	while (!*flag && !guard_fired)
		uv_run(&uv, UV_RUN_ONCE);
	uv_close((uv_handle_t *)&t, NULL);
	uv_run(&uv, UV_RUN_NOWAIT);
	assert_false(guard_fired);
}

static void fetch(const struct net_addr *srv, const char *name,
		  const struct tftp_opts *o, struct get *g)
{
	memset(g, 0, sizeof(*g));
	assert_int_equal(tftp_get(client, srv, name, o, get_done, g, NULL), 0);
	assert_int_equal(g->done, 0); /* never from inside the call */
	run_until(&g->done);
}

static struct net_addr srv_addr(const struct srv *s)
{
	struct net_addr a;

	assert_int_equal(net_addr_parse_ip(s->ip, strlen(s->ip), &a.ip), 0);
	a.port = s->port;
	return a;
}

static void check_file(const struct get *g, const uint8_t *want, size_t len)
{
	if (g->r.err)
		fail_msg("%s (ERROR %u: %s)", tftp_strerror(g->r.err),
			 g->r.err_code, g->r.err_msg);
	assert_int_equal(g->r.len, len);
	assert_non_null(g->data);
	assert_memory_equal(g->data, want, len);
	assert_int_equal(g->data[len], 0);
}

static void test_server_files(void **state)
{
	struct tftp_opts o512 = {.blksize = 512, .retx_ms = 200};
	struct tftp_opts dflt = {.retx_ms = 200};
	struct tftp_opts notsize = {.retx_ms = 200, .no_tsize = 1};
	struct net_addr a;
	struct get g;

	(void)state;
	if (server.skip)
		skip();
	loop_open();
	a = srv_addr(&server);

	fetch(&a, "small.cnf", &dflt, &g);
	check_file(&g, pattern, 100);
	assert_int_equal(g.r.options, 1);
	assert_int_equal(g.r.tsize, 100);
	assert_int_equal(g.r.blksize, TFTP_BLKSIZE_DEFAULT);
	assert_int_equal(g.r.server.ip, a.ip);
	assert_true(g.r.server.port != a.port); /* a new TID */
	free(g.data);

	/* exactly one block: a 0-byte final block follows */
	fetch(&a, "exact512.bin", &o512, &g);
	check_file(&g, pattern, 512);
	assert_int_equal(g.r.blocks, 2);
	assert_int_equal(g.r.blksize, 512);
	free(g.data);
	fetch(&a, "exact512.bin", &dflt, &g);
	check_file(&g, pattern, 512);
	assert_int_equal(g.r.blocks, 1);
	free(g.data);
	fetch(&a, "exact1428.bin", &dflt, &g);
	check_file(&g, pattern, 1428);
	assert_int_equal(g.r.blocks, 2);
	free(g.data);

	fetch(&a, "multi.bin", &dflt, &g);
	check_file(&g, pattern, 60000);
	assert_int_equal(g.r.blocks, 60000 / 1428 + 1);
	free(g.data);
	fetch(&a, "multi.bin", &o512, &g);
	check_file(&g, pattern, 60000);
	free(g.data);
	fetch(&a, "empty.cnf", &dflt, &g);
	check_file(&g, pattern, 0);
	free(g.data);

	/* the limit: 1 MiB fits, 1 MiB + 1 does not (announced, or seen) */
	fetch(&a, "limit.bin", &dflt, &g);
	check_file(&g, mb_plus, TFTP_FILE_MAX);
	free(g.data);
	fetch(&a, "over.bin", &dflt, &g);
	assert_int_equal(g.r.err, -EFBIG);
	assert_int_equal(g.r.err_code, TFTP_ERR_DISKFULL);
	assert_int_equal(g.r.len, 0);
	assert_null(g.data);
	fetch(&a, "over.bin", &notsize, &g);
	assert_int_equal(g.r.err, -EFBIG);
	assert_int_equal(g.r.len, TFTP_FILE_MAX / 1428 * 1428);

	/* missing: normal for optional files */
	fetch(&a, "SIP00503EFFF842.cnf", &dflt, &g);
	assert_int_equal(g.r.err, -ENOENT);
	assert_int_equal(g.r.remote, 1);
	assert_int_equal(g.r.err_code, TFTP_ERR_NOTFOUND);
	assert_string_equal(g.r.err_msg, "File not found");
	loop_close();
}

/* A ring file through the data callback, under the larger limit. */
static void test_server_ring_callback(void **state)
{
	struct tftp_opts o = {.retx_ms = 200, .max_size = TFTP_RING_FILE_MAX,
			      .data = get_sink};
	struct net_addr a;
	struct get g;

	(void)state;
	if (server.skip)
		skip();
	loop_open();
	a = srv_addr(&server);
	memset(&g, 0, sizeof(g));
	o.data_arg = &g;
	assert_int_equal(tftp_get(client, &a, "over.bin", &o, get_done, &g,
				  NULL), 0);
	run_until(&g.done);
	assert_int_equal(g.r.err, 0);
	assert_null(g.data);
	assert_int_equal(g.r.len, TFTP_FILE_MAX + 1);
	assert_int_equal(g.seen, TFTP_FILE_MAX + 1);
	assert_true(g.sum == sum_of(mb_plus, TFTP_FILE_MAX + 1));
	loop_close();
}

/* A server that takes no options: DATA 1 at once, 512-byte blocks. */
static void test_server_options_refused(void **state)
{
	struct tftp_opts o = {.retx_ms = 200};
	struct net_addr a;
	struct get g;

	(void)state;
	if (plain_server.skip)
		skip();
	loop_open();
	a = srv_addr(&plain_server);
	fetch(&a, "multi.bin", &o, &g);
	check_file(&g, pattern, 60000);
	assert_int_equal(g.r.options, 0);
	assert_int_equal(g.r.blksize, 512);
	assert_int_equal(g.r.tsize, TFTP_TSIZE_NONE);
	assert_int_equal(g.r.blocks, 60000 / 512 + 1);
	free(g.data);
	fetch(&a, "exact512.bin", &o, &g);
	check_file(&g, pattern, 512);
	assert_int_equal(g.r.blocks, 2);
	free(g.data);
	loop_close();
}

/* Several at once, and a close with transfers under way. */
static void test_server_concurrent_and_close(void **state)
{
	struct tftp_opts o = {.retx_ms = 200, .blksize = 512};
	static const char *const names[3] = {"multi.bin", "limit.bin",
					     "small.cnf"};
	struct get g[3], late;
	struct net_addr a;
	struct tftp_xfer *x;
	unsigned i;

	(void)state;
	if (server.skip)
		skip();
	loop_open();
	a = srv_addr(&server);
	a.port = server.port;
	for (i = 0; i < 3; i++) {
		memset(&g[i], 0, sizeof(g[i]));
		assert_int_equal(tftp_get(client, &a, names[i], &o, get_done,
					  &g[i], NULL), 0);
	}
	run_until(&g[0].done);
	run_until(&g[1].done);
	run_until(&g[2].done);
	check_file(&g[0], pattern, 60000);
	check_file(&g[1], mb_plus, TFTP_FILE_MAX);
	check_file(&g[2], pattern, 100);
	for (i = 0; i < 3; i++)
		free(g[i].data);

	/* cancel one; close the client while another runs: no callback */
	memset(&late, 0, sizeof(late));
	assert_int_equal(tftp_get(client, &a, "limit.bin", &o, get_done,
				  &late, &x), 0);
	tftp_cancel(x);
	assert_int_equal(tftp_get(client, &a, "limit.bin", &o, get_done,
				  &late, NULL), 0);
	for (i = 0; i < 5; i++)
		uv_run(&uv, UV_RUN_NOWAIT);
	loop_close();
	assert_int_equal(late.done, 0);
}

/* The owner may close the client from inside a callback (the boot
 * sequence does, after its last file). */
static int get_while_closing;

static void close_in_done(void *arg, struct tftp_result *r)
{
	struct net_addr a = srv_addr(&server);
	struct get g;

	get_done(arg, r);
	tftp_client_close(client, on_client_closed, NULL);
	/* closing, not yet freed (that is from the loop) */
	get_while_closing = tftp_get(client, &a, "small.cnf", NULL, get_done,
				     &g, NULL);
}

static void test_server_close_in_callback(void **state)
{
	struct tftp_opts o = {.retx_ms = 200};
	struct net_addr a;
	struct get g, missing;

	(void)state;
	if (server.skip)
		skip();
	loop_open();
	a = srv_addr(&server);
	memset(&g, 0, sizeof(g));
	memset(&missing, 0, sizeof(missing));
	assert_int_equal(tftp_get(client, &a, "small.cnf", &o, close_in_done,
				  &g, NULL), 0);
	run_until(&g.done);
	check_file(&g, pattern, 100);
	free(g.data);
	assert_int_equal(get_while_closing, -ESHUTDOWN);
	rt_loop_close(&loop);
	assert_int_equal(uv_run(&uv, UV_RUN_DEFAULT), 0);
	assert_int_equal(client_closed, 1);
	assert_int_equal(uv_loop_close(&uv), 0);

	/* the same after a failure */
	loop_open();
	assert_int_equal(tftp_get(client, &a, "nothing.cnf", &o, close_in_done,
				  &missing, NULL), 0);
	run_until(&missing.done);
	assert_int_equal(missing.r.err, -ENOENT);
	rt_loop_close(&loop);
	assert_int_equal(uv_run(&uv, UV_RUN_DEFAULT), 0);
	assert_int_equal(client_closed, 1);
	assert_int_equal(uv_loop_close(&uv), 0);
}

/* ---- loss: a relay on the loop that drops chosen packets
 *
 * The client asks the relay's socket A; A's requests go out through S to
 * the server's port; the server's answers (from its TID) come back to S
 * and go to the client through T, so the client sees a TID of its own.
 * The client's packets to T go through S to the server's TID. */

enum { C2S, S2C };

struct drop {
	int dir;
	uint16_t op;
	unsigned nth; /* 1: the first packet of that kind */
};

struct relay {
	uv_udp_t a, s, t;
	struct net_addr client, listen, tid;
	const struct drop *drops;
	unsigned ndrops, dropped;
	unsigned count[2][8];
	uint8_t buf[TFTP_HDR + TFTP_BLKSIZE_MAX + 1];
};

static void relay_alloc(uv_handle_t *h, size_t hint, uv_buf_t *b)
{
	struct relay *r = h->data;

	(void)hint;
	b->base = (char *)r->buf;
	b->len = sizeof(r->buf);
}

static void relay_send(uv_udp_t *h, const struct net_addr *to,
		       const uv_buf_t *b, size_t n)
{
	struct sockaddr_in sin;
	uv_buf_t out = uv_buf_init(b->base, (unsigned)n);

	net_addr_to_sockaddr(to, &sin);
	assert_int_equal(uv_udp_try_send(h, &out, 1, (const struct sockaddr *)&sin),
			 (int)n);
}

static int relay_drops(struct relay *r, int dir, const uv_buf_t *b,
		       ssize_t n)
{
	uint16_t op = n >= 2 ? (uint16_t)(((uint8_t)b->base[0] << 8) |
					  (uint8_t)b->base[1])
			     : 0;
	unsigned i, c;

	if (op > 7)
		op = 0;
	c = ++r->count[dir][op];
	for (i = 0; i < r->ndrops; i++)
		if (r->drops[i].dir == dir && r->drops[i].op == op &&
		    r->drops[i].nth == c) {
			r->dropped++;
			return 1;
		}
	return 0;
}

static void relay_recv(uv_udp_t *h, ssize_t n, const uv_buf_t *b,
		       const struct sockaddr *from, unsigned flags)
{
	struct relay *r = h->data;
	struct net_addr src;

	(void)flags;
	if (n <= 0 || !from)
		return;
	net_addr_from_sockaddr(&src, (const struct sockaddr_in *)from);
	if (h == &r->a || h == &r->t) {
		r->client = src;
		if (relay_drops(r, C2S, b, n))
			return;
		if (h == &r->a)
			relay_send(&r->s, &r->listen, b, (size_t)n);
		else if (r->tid.port)
			relay_send(&r->s, &r->tid, b, (size_t)n);
	} else {
		r->tid = src;
		if (relay_drops(r, S2C, b, n))
			return;
		relay_send(&r->t, &r->client, b, (size_t)n);
	}
}

static void relay_open(struct relay *r, const struct net_addr *listen,
		       struct net_addr *front)
{
	uv_udp_t *hs[3] = {&r->a, &r->s, &r->t};
	struct net_addr local = lo_addr(3, 0);
	struct sockaddr_in sin;
	struct sockaddr_storage bound;
	int len = sizeof(bound);
	unsigned i;

	r->listen = *listen;
	for (i = 0; i < 3; i++) {
		assert_int_equal(uv_udp_init(&uv, hs[i]), 0);
		hs[i]->data = r;
		net_addr_to_sockaddr(&local, &sin);
		assert_int_equal(uv_udp_bind(hs[i], (const struct sockaddr *)&sin, 0), 0);
		assert_int_equal(uv_udp_recv_start(hs[i], relay_alloc, relay_recv), 0);
	}
	assert_int_equal(uv_udp_getsockname(&r->a, (struct sockaddr *)&bound, &len), 0);
	net_addr_from_sockaddr(front, (const struct sockaddr_in *)&bound);
}

static void relay_close(struct relay *r)
{
	uv_close((uv_handle_t *)&r->a, NULL);
	uv_close((uv_handle_t *)&r->s, NULL);
	uv_close((uv_handle_t *)&r->t, NULL);
}

static void lossy_fetch(const struct drop *drops, unsigned n,
			const char *name, const struct tftp_opts *o,
			const uint8_t *want, size_t len, struct get *g)
{
	static struct relay r;
	struct net_addr listen = srv_addr(&server), front;

	memset(&r, 0, sizeof(r));
	r.drops = drops;
	r.ndrops = n;
	relay_open(&r, &listen, &front);
	fetch(&front, name, o, g);
	check_file(g, want, len);
	assert_int_equal(r.dropped, n);
	assert_true(g->r.server.port != front.port); /* T, not A */
	free(g->data);
	g->data = NULL;
	relay_close(&r);
	uv_run(&uv, UV_RUN_NOWAIT);
}

static void test_server_loss(void **state)
{
	static const struct drop first[] = {
		{C2S, TFTP_OP_RRQ, 1},   /* the request */
		{S2C, TFTP_OP_DATA, 1},  /* the first DATA after the OACK */
		{C2S, TFTP_OP_ACK, 3},   /* ACK 2 */
		{S2C, TFTP_OP_DATA, 5},
		{S2C, TFTP_OP_DATA, 6},  /* the same block again */
	};
	/* the final block, then the final ACK: we ACK again while dallying */
	static const struct drop last[] = {
		{S2C, TFTP_OP_DATA, 43},
		{C2S, TFTP_OP_ACK, 44},
	};
	static const struct drop oack[] = {
		{C2S, TFTP_OP_ACK, 1},   /* ACK 0: the server sends OACK again */
	};
	struct tftp_opts o = {.retx_ms = 200};
	struct get g;

	(void)state;
	if (server.skip)
		skip();
	loop_open();
	lossy_fetch(first, 5, "multi.bin", &o, pattern, 60000, &g);
	assert_true(g.r.retransmissions + g.r.duplicates >= 3);
	lossy_fetch(last, 2, "multi.bin", &o, pattern, 60000, &g);
	lossy_fetch(oack, 1, "small.cnf", &o, pattern, 100, &g);
	assert_true(g.r.retransmissions + g.r.duplicates >= 1);
	loop_close();
}

int main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_pkt_build_parse),
		cmocka_unit_test(test_pkt_malformed),
		cmocka_unit_test(test_xfer_negotiated),
		cmocka_unit_test(test_xfer_options_ignored),
		cmocka_unit_test(test_xfer_options_refused),
		cmocka_unit_test(test_xfer_retransmit_schedule),
		cmocka_unit_test(test_xfer_timeout_option),
		cmocka_unit_test(test_xfer_duplicates),
		cmocka_unit_test(test_xfer_wrong_tid),
		cmocka_unit_test(test_xfer_error_packets),
		cmocka_unit_test(test_xfer_size_limit),
		cmocka_unit_test(test_xfer_empty_file),
		cmocka_unit_test(test_xfer_malformed),
		cmocka_unit_test(test_xfer_cancel),
		cmocka_unit_test(test_xfer_data_callback),
		cmocka_unit_test(test_xfer_send_failure),
		cmocka_unit_test(test_xfer_block_wrap),
		cmocka_unit_test(test_xfer_arguments),
	};
	const struct CMUnitTest net[] = {
		cmocka_unit_test(test_server_files),
		cmocka_unit_test(test_server_ring_callback),
		cmocka_unit_test(test_server_options_refused),
		cmocka_unit_test(test_server_concurrent_and_close),
		cmocka_unit_test(test_server_close_in_callback),
		cmocka_unit_test(test_server_loss),
	};
	int failed;

	log_set_sink(test_log, NULL);
	log_enable(LOG_CAT_CFG, 1);
	failed = cmocka_run_group_tests_name("tftp codec and machine", pure,
					     NULL, NULL);

	failed += cmocka_run_group_tests_name("tftp against in.tftpd", net,
					      server_setup, server_teardown);
	if (server.skip)
		print_message("tftp server tests skipped: %s\n", server.why);
	if (unexpected) {
		print_message("tftp: %u unexpected events logged\n", unexpected);
		failed++;
	}
	return failed;
}
