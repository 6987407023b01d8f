/*
 * test_dns.c - runtime/dns: RFC 2782 ordering, the failover list, the
 * answer parser, and the resolver against real DNS servers on loopback.
 *
 * The servers are dnsmasq (fork/exec, foreground, no system files, records
 * on its command line) on addresses 127.B.C.1 and .2 of a free high port,
 * B and C from the process id so that concurrent runs do not meet.  .3 has
 * nothing listening (a dead server: ICMP port unreachable); .4 is a UDP
 * socket of this process that never reads (a server that never answers).
 * Without dnsmasq the network tests are skipped with a message.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <netdb.h>
#include <sys/select.h>
#include <ares.h>
#include <uv.h>

#include "dns/dns.h"
#include "dns/dns_answer.h"

/* ------------------------------------------------------------ helpers */

static uint32_t ip(const char *s)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1)
		fail_msg("bad address %s", s);
	return a.s_addr;
}

static void assert_target(const struct dns_target *t, const char *addr,
			  unsigned port)
{
	char want[DNS_TARGET_STRLEN], got[DNS_TARGET_STRLEN];

	assert_non_null(t);
	snprintf(want, sizeof(want), "%s:%u", addr, port);
	assert_true(dns_target_format(t, got, sizeof(got)) > 0);
	assert_string_equal(got, want);
}

/* A deterministic RNG: a list of values, repeated. */
struct seq {
	const uint32_t *v;
	size_t n, i;
};

static uint32_t seq_rng(void *arg)
{
	struct seq *s = arg;

	return s->v[s->i++ % s->n];
}

/* The RNG value that makes the selection pick I out of 0..SUM. */
static uint32_t pick_value(uint32_t i, uint32_t sum)
{
	return (uint32_t)((((uint64_t)i << 32) + sum) / (sum + 1));
}

/* ------------------------------------------------------------ pure parts */

static void test_target_format(void **state)
{
	struct dns_target t = { .addr = 0xffffffffu, .port = 65535 };
	char buf[DNS_TARGET_STRLEN];

	(void)state;
	assert_int_equal(dns_target_format(&t, buf, sizeof(buf)), 21);
	assert_string_equal(buf, "255.255.255.255:65535");
	/* one byte short of the longest form */
	assert_int_equal(dns_target_format(&t, buf, sizeof(buf) - 1), -ENOSPC);
	t.addr = ip("10.0.0.1");
	t.port = 5060;
	assert_int_equal(dns_target_format(&t, buf, sizeof(buf)), 13);
	assert_string_equal(buf, "10.0.0.1:5060");
}

static void test_targets_failover(void **state)
{
	struct dns_targets l = { 0 };
	unsigned i;

	(void)state;
	assert_null(dns_targets_next(&l));
	assert_null(dns_targets_next(NULL));
	assert_null(dns_targets_current(NULL));
	l.n = 3;
	for (i = 0; i < 3; i++) {
		l.t[i].addr = htonl(0x0a000001u + i);
		l.t[i].port = (uint16_t)(5060 + i);
	}
	assert_null(dns_targets_current(&l));
	assert_target(dns_targets_next(&l), "10.0.0.1", 5060);
	assert_target(dns_targets_current(&l), "10.0.0.1", 5060);
	/* the first does not answer: the next one */
	assert_target(dns_targets_next(&l), "10.0.0.2", 5061);
	assert_target(dns_targets_current(&l), "10.0.0.2", 5061);
	assert_target(dns_targets_next(&l), "10.0.0.3", 5062);
	assert_null(dns_targets_next(&l));
	assert_null(dns_targets_next(&l));
	assert_target(dns_targets_current(&l), "10.0.0.3", 5062);
	dns_targets_rewind(&l);
	assert_null(dns_targets_current(&l));
	assert_target(dns_targets_next(&l), "10.0.0.1", 5060);

	/* the whole capacity, and a corrupt count */
	memset(&l, 0, sizeof(l));
	l.n = DNS_TARGETS_MAX;
	for (i = 0; i < DNS_TARGETS_MAX; i++)
		assert_ptr_equal(dns_targets_next(&l), &l.t[i]);
	assert_null(dns_targets_next(&l));
	l.n = DNS_TARGETS_MAX + 1;
	l.next = 0;
	assert_null(dns_targets_next(&l));
}

static void srv(struct dns_srv *s, const char *target, unsigned prio,
		unsigned weight, unsigned port)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->target, sizeof(s->target), "%s", target);
	s->priority = (uint16_t)prio;
	s->weight = (uint16_t)weight;
	s->port = (uint16_t)port;
}

static void test_srv_order_priority(void **state)
{
	static const uint32_t zero[] = { 0 };
	struct seq rng = { zero, 1, 0 };
	struct dns_srv v[DNS_SRV_MAX + 1];
	unsigned i;

	(void)state;
	srv(&v[0], "c", 30, 0, 1);
	srv(&v[1], "a", 10, 0, 2);
	srv(&v[2], "d", 65535, 0, 3);
	srv(&v[3], "b", 0, 0, 4);
	srv(&v[4], "e", 10, 0, 5);
	assert_int_equal(dns_srv_order(v, 5, seq_rng, &rng), 0);
	assert_string_equal(v[0].target, "b");
	assert_string_equal(v[1].target, "a");
	assert_string_equal(v[2].target, "e");
	assert_string_equal(v[3].target, "c");
	assert_string_equal(v[4].target, "d");

	/* at the limit, in reverse; past it */
	for (i = 0; i <= DNS_SRV_MAX; i++)
		srv(&v[i], "t", DNS_SRV_MAX - i, 0, i);
	assert_int_equal(dns_srv_order(v, DNS_SRV_MAX, seq_rng, &rng), 0);
	for (i = 0; i < DNS_SRV_MAX; i++)
		assert_int_equal(v[i].priority, i + 1);
	assert_int_equal(dns_srv_order(v, DNS_SRV_MAX + 1, seq_rng, &rng),
			 -E2BIG);
	assert_int_equal(dns_srv_order(v, 1, NULL, NULL), -EINVAL);
	assert_int_equal(dns_srv_order(NULL, 0, seq_rng, &rng), 0);
}

/* RFC 2782: weights 0, 10, 30 give the first place with chances 1, 10 and
 * 30 in 41 (a uniform number in 0..40, zero weights first). */
static void test_srv_order_weights(void **state)
{
	unsigned count[3] = { 0 }, i, k;

	(void)state;
	for (i = 0; i <= 40; i++) {
		uint32_t val[2] = { pick_value(i, 40), 0 };
		struct seq rng = { val, 2, 0 };
		struct dns_srv v[3];

		/* the answer's order must not matter: rotate it */
		for (k = 0; k < 3; k++) {
			static const char *name[3] = { "zero", "ten", "thirty" };
			static const unsigned w[3] = { 0, 10, 30 };
			unsigned j = (k + i) % 3;

			srv(&v[k], name[j], 10, w[j], 5060 + j);
		}
		assert_int_equal(dns_srv_order(v, 3, seq_rng, &rng), 0);
		count[v[0].weight == 0 ? 0 : v[0].weight == 10 ? 1 : 2]++;
		if (i == 0)
			assert_string_equal(v[0].target, "zero");
		else if (i <= 10)
			assert_string_equal(v[0].target, "ten");
		else
			assert_string_equal(v[0].target, "thirty");
		/* the rest: pick 0 takes the first left in the arrangement
		 * (zero weights first, then by name) */
		if (i == 0) {
			assert_string_equal(v[1].target, "ten");
			assert_string_equal(v[2].target, "thirty");
		} else {
			assert_string_equal(v[1].target, "zero");
		}
	}
	assert_int_equal(count[0], 1);
	assert_int_equal(count[1], 10);
	assert_int_equal(count[2], 30);
}

/* The largest values: a 32-bit RNG at its top picks the last record, and
 * sums of DNS_SRV_MAX maximal weights do not overflow. */
static void test_srv_order_weights_edge(void **state)
{
	static const uint32_t top[] = { 0xffffffffu };
	struct seq rng = { top, 1, 0 };
	struct dns_srv v[DNS_SRV_MAX];
	unsigned i;

	(void)state;
	for (i = 0; i < DNS_SRV_MAX; i++) {
		char name[8];

		snprintf(name, sizeof(name), "t%02u", i);
		srv(&v[i], name, 7, 65535, 5060);
	}
	assert_int_equal(dns_srv_order(v, DNS_SRV_MAX, seq_rng, &rng), 0);
	/* each round takes the last name left */
	for (i = 0; i < DNS_SRV_MAX; i++) {
		char name[8];

		snprintf(name, sizeof(name), "t%02u", DNS_SRV_MAX - 1 - i);
		assert_string_equal(v[i].target, name);
	}
}

static void test_config_servers(void **state)
{
	struct dns_config c = { 0 };
	uint32_t out[DNS_SERVERS_MAX];

	(void)state;
	assert_int_equal(dns_config_servers(&c, out), 0);
	/* Table 3-1: dyn_dns_addr_1, dyn_dns_addr_2, DNS Server 1..5 */
	c.dns_server[0] = "10.0.0.1";
	c.dns_server[1] = "10.0.0.2";
	c.dns_server[2] = "10.0.0.3";
	c.dns_server[3] = "10.0.0.4";
	c.dns_server[4] = "10.0.0.5";
	c.dyn_dns_addr[1] = "10.0.1.2";
	c.dyn_dns_addr[0] = "10.0.1.1";
	assert_int_equal(dns_config_servers(&c, out), DNS_SERVERS_MAX);
	assert_int_equal(out[0], ip("10.0.1.1"));
	assert_int_equal(out[1], ip("10.0.1.2"));
	assert_int_equal(out[2], ip("10.0.0.1"));
	assert_int_equal(out[6], ip("10.0.0.5"));
	/* absent: NULL, "", 0.0.0.0; repeated: asked once, first place */
	c.dyn_dns_addr[0] = "";
	c.dyn_dns_addr[1] = "10.0.0.3";
	c.dns_server[0] = "0.0.0.0";
	c.dns_server[1] = NULL;
	assert_int_equal(dns_config_servers(&c, out), 3);
	assert_int_equal(out[0], ip("10.0.0.3"));
	assert_int_equal(out[1], ip("10.0.0.4"));
	assert_int_equal(out[2], ip("10.0.0.5"));
	/* only dotted IP addresses */
	c.dns_server[4] = "dns.example.com";
	assert_int_equal(dns_config_servers(&c, out), -EINVAL);
	c.dns_server[4] = "10.0.0";
	assert_int_equal(dns_config_servers(&c, out), -EINVAL);
	c.dns_server[4] = "10.0.0.256";
	assert_int_equal(dns_config_servers(&c, out), -EINVAL);
	assert_int_equal(dns_config_servers(NULL, out), -EINVAL);
}

static void test_strerror(void **state)
{
	static const int codes[] = {
		ENOENT, ENODATA, ETIMEDOUT, ECONNREFUSED, EIO, EACCES,
		EBADMSG, EINVAL, ENAMETOOLONG, EHOSTUNREACH, EDESTADDRREQ,
		ECANCELED, EBUSY, ENOMEM, E2BIG, ENOSPC,
	};
	const char *unknown = dns_strerror(-9999);
	size_t i, j;

	(void)state;
	assert_string_equal(dns_strerror(0), "success");
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		assert_string_not_equal(dns_strerror(-codes[i]), unknown);
		for (j = 0; j < i; j++)
			assert_string_not_equal(dns_strerror(-codes[i]),
						dns_strerror(-codes[j]));
	}
	assert_int_equal(dns__ares_err(ARES_ENOTFOUND), -ENOENT);
	assert_int_equal(dns__ares_err(ARES_ETIMEOUT), -ETIMEDOUT);
	assert_int_equal(dns__ares_err(ARES_EDESTRUCTION), -ECANCELED);
}

/* ---- DNS messages built by hand, for the answer parser */

struct msg {
	unsigned char b[2048];
	int n;
};

static void put8(struct msg *m, unsigned v)
{
	assert_true(m->n < (int)sizeof(m->b));
	m->b[m->n++] = (unsigned char)v;
}

static void put16(struct msg *m, unsigned v)
{
	put8(m, v >> 8);
	put8(m, v & 0xff);
}

static void putname(struct msg *m, const char *name)
{
	while (*name) {
		const char *dot = strchr(name, '.');
		size_t len = dot ? (size_t)(dot - name) : strlen(name);

		put8(m, (unsigned)len);
		while (len--)
			put8(m, (unsigned char)*name++);
		if (*name == '.')
			name++;
	}
	put8(m, 0);
}

static void header(struct msg *m, unsigned an, unsigned ar)
{
	m->n = 0;
	put16(m, 0x1234);
	put16(m, 0x8580);
	put16(m, 1);
	put16(m, an);
	put16(m, 0);
	put16(m, ar);
}

static void question(struct msg *m, const char *name, unsigned type)
{
	putname(m, name);
	put16(m, type);
	put16(m, 1);
}

static void rr_head(struct msg *m, const char *owner, unsigned type,
		    unsigned rdlen)
{
	putname(m, owner);
	put16(m, type);
	put16(m, 1);
	put16(m, 0);
	put16(m, 60);
	put16(m, rdlen);
}

static void rr_srv(struct msg *m, const char *owner, unsigned prio,
		   unsigned weight, unsigned port, const char *target)
{
	rr_head(m, owner, 33, 6 + strlen(target) + (*target ? 2 : 1));
	put16(m, prio);
	put16(m, weight);
	put16(m, port);
	putname(m, target);
}

static void rr_a(struct msg *m, const char *owner, const char *addr)
{
	uint32_t a = ip(addr);

	rr_head(m, owner, 1, 4);
	memcpy(m->b + m->n, &a, 4);
	m->n += 4;
}

static void test_parse_srv(void **state)
{
	static const uint32_t zero[] = { 0 };
	struct seq rng = { zero, 1, 0 };
	struct dns__srv_set s;
	struct msg m;

	(void)state;
	header(&m, 2, 3);
	question(&m, "_sip._udp.x.test", 33);
	rr_srv(&m, "_sip._udp.x.test", 20, 0, 5062, "b.x.test");
	rr_srv(&m, "_sip._udp.x.test", 10, 0, 5061, "a.x.test");
	rr_a(&m, "A.X.TEST", "10.0.0.1"); /* names are case-insensitive */
	rr_a(&m, "a.x.test", "10.0.0.2");
	rr_a(&m, "other.test", "10.0.0.9");
	assert_int_equal(dns__srv_parse(m.b, m.n, seq_rng, &rng, &s), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.dropped, 0);
	assert_string_equal(s.rec[0].srv.target, "a.x.test");
	assert_int_equal(s.rec[0].srv.port, 5061);
	assert_int_equal(s.rec[0].naddr, 2);
	assert_int_equal(s.rec[0].addr[0], ip("10.0.0.1"));
	assert_int_equal(s.rec[0].addr[1], ip("10.0.0.2"));
	assert_string_equal(s.rec[1].srv.target, "b.x.test");
	assert_int_equal(s.rec[1].naddr, 0); /* not given: an A query */

	/* an additional section cut short is ignored, the records stay */
	header(&m, 1, 2);
	question(&m, "_sip._udp.x.test", 33);
	rr_srv(&m, "_sip._udp.x.test", 10, 0, 5061, "a.x.test");
	rr_a(&m, "a.x.test", "10.0.0.1");
	rr_a(&m, "a.x.test", "10.0.0.2");
	assert_int_equal(dns__srv_parse(m.b, m.n - 3, seq_rng, &rng, &s), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.rec[0].naddr, 1);

	/* more A records than DNS_ADDR_MAX for one target */
	header(&m, 1, DNS_ADDR_MAX + 2);
	question(&m, "_sip._udp.x.test", 33);
	rr_srv(&m, "_sip._udp.x.test", 10, 0, 5061, "a.x.test");
	for (unsigned i = 0; i < DNS_ADDR_MAX + 2; i++) {
		char a[16];

		snprintf(a, sizeof(a), "10.0.1.%u", i);
		rr_a(&m, "a.x.test", a);
	}
	assert_int_equal(dns__srv_parse(m.b, m.n, seq_rng, &rng, &s), 0);
	assert_int_equal(s.rec[0].naddr, DNS_ADDR_MAX);
	assert_int_equal(s.dropped, 2);
}

/* DNS_SRV_MAX records kept, the best priorities, whatever the order. */
static void test_parse_srv_limit(void **state)
{
	static const uint32_t zero[] = { 0 };
	struct seq rng = { zero, 1, 0 };
	struct dns__srv_set s;
	struct msg m;
	unsigned i, n;

	(void)state;
	for (n = DNS_SRV_MAX; n <= DNS_SRV_MAX + 3; n += 3) {
		header(&m, n, 0);
		question(&m, "_sip._udp.x.test", 33);
		for (i = 0; i < n; i++) {
			char t[16];
			unsigned prio = (i * 7) % n; /* a permutation of 0..n-1 */

			snprintf(t, sizeof(t), "t%u.x.test", prio);
			rr_srv(&m, "_sip._udp.x.test", prio, 0, 5000 + prio, t);
		}
		assert_int_equal(dns__srv_parse(m.b, m.n, seq_rng, &rng, &s), 0);
		assert_int_equal(s.n, DNS_SRV_MAX);
		assert_int_equal(s.dropped, n - DNS_SRV_MAX);
		for (i = 0; i < DNS_SRV_MAX; i++)
			assert_int_equal(s.rec[i].srv.priority, i);
	}
}

static void test_parse_bad(void **state)
{
	static const uint32_t zero[] = { 0 };
	struct seq rng = { zero, 1, 0 };
	uint32_t addr[DNS_ADDR_MAX];
	unsigned dropped = 0;
	struct dns__srv_set s;
	struct msg m;
	int i;

	(void)state;
	/* RFC 2782: a lone "." is "decidedly not available" */
	header(&m, 1, 0);
	question(&m, "_sip._udp.x.test", 33);
	rr_srv(&m, "_sip._udp.x.test", 0, 0, 0, "");
	assert_int_equal(dns__srv_parse(m.b, m.n, seq_rng, &rng, &s),
			 -EHOSTUNREACH);
	/* no answer records */
	header(&m, 0, 0);
	question(&m, "_sip._udp.x.test", 33);
	assert_int_equal(dns__srv_parse(m.b, m.n, seq_rng, &rng, &s), -ENODATA);
	/* every truncation of a good answer fails cleanly or parses */
	header(&m, 1, 1);
	question(&m, "_sip._udp.x.test", 33);
	rr_srv(&m, "_sip._udp.x.test", 1, 2, 3, "a.x.test");
	rr_a(&m, "a.x.test", "10.0.0.1");
	for (i = 0; i < m.n; i++) {
		int err = dns__srv_parse(m.b, i, seq_rng, &rng, &s);

		if (!(err == -EBADMSG || err == -ENODATA || err == 0))
			fail_msg("cut at %d: %d %s", i, err, dns_strerror(err));
	}
	assert_int_equal(dns__srv_parse(NULL, 0, seq_rng, &rng, &s), -EBADMSG);

	/* A answers: at the limit and past it */
	for (unsigned n = DNS_ADDR_MAX; n <= DNS_ADDR_MAX + 1; n++) {
		header(&m, n, 0);
		question(&m, "a.x.test", 1);
		for (unsigned k = 0; k < n; k++) {
			char a[16];

			snprintf(a, sizeof(a), "10.0.2.%u", k);
			rr_a(&m, "a.x.test", a);
		}
		dropped = 0;
		assert_int_equal(dns__a_parse(m.b, m.n, addr, &dropped),
				 DNS_ADDR_MAX);
		assert_int_equal(dropped, n - DNS_ADDR_MAX);
		assert_int_equal(addr[DNS_ADDR_MAX - 1], ip("10.0.2.7"));
	}
	header(&m, 0, 0);
	question(&m, "a.x.test", 1);
	assert_int_equal(dns__a_parse(m.b, m.n, addr, &dropped), -ENODATA);
	assert_int_equal(dns__a_parse(m.b, 5, addr, &dropped), -EBADMSG);
}

/* ------------------------------------------------------------ servers */

enum { S_MAIN, S_DYN, NSERVERS };
static pid_t server_pid[NSERVERS];
static char server_addr[NSERVERS][16];
static char dead_addr[16], hole_addr[16];
static uint16_t server_port;
static int hole_fd = -1;
static char skip_why[200];

/* 253 bytes: the longest name; one more is too long. */
static char long_name[DNS_NAME_MAX + 1], too_long[DNS_NAME_MAX + 2];

#define NEED_SERVERS()                                            \
	do {                                                      \
		if (skip_why[0]) {                                \
			print_message("skipped: %s\n", skip_why); \
			skip();                                   \
		}                                                 \
	} while (0)

static const char *dnsmasq_path(void)
{
	static const char *const where[] = { "/usr/sbin/dnsmasq",
					     "/usr/bin/dnsmasq",
					     "/sbin/dnsmasq" };
	const char *env = getenv("SIPPHONE_DNSMASQ");
	size_t i;

	if (env && *env)
		return access(env, X_OK) == 0 ? env : NULL;
	for (i = 0; i < sizeof(where) / sizeof(where[0]); i++)
		if (access(where[i], X_OK) == 0)
			return where[i];
	return NULL;
}

/* The records: everything a test asks about lives under ".test"; any other
 * name there is NXDOMAIN (--local). */
static int main_records(char **argv, int n, int max)
{
	static char buf[128][300];
	int k = 0, i;

#define ARG(...)                                                        \
	do {                                                            \
		if (n >= max || k >= 128)                                \
			return -1;                                      \
		snprintf(buf[k], sizeof(buf[k]), __VA_ARGS__);          \
		argv[n++] = buf[k++];                                   \
	} while (0)
	ARG("--host-record=who.test,127.0.9.1");
	/* priority order; the additional section gives the addresses */
	ARG("--srv-host=_sip._udp.prio.test,a2.prio.test,5062,20,0");
	ARG("--srv-host=_sip._udp.prio.test,a1.prio.test,5061,10,0");
	ARG("--srv-host=_sip._udp.prio.test,a0.prio.test,5063,5,0");
	ARG("--host-record=a0.prio.test,127.0.1.10");
	ARG("--host-record=a1.prio.test,127.0.1.11");
	ARG("--host-record=a2.prio.test,127.0.1.12");
	ARG("--host-record=prio.test,127.0.2.2");
	ARG("--host-record=plain.test,127.0.2.1");
	/* weights within one priority */
	ARG("--srv-host=_sip._udp.weight.test,wa.weight.test,5071,10,10");
	ARG("--srv-host=_sip._udp.weight.test,wb.weight.test,5072,10,30");
	ARG("--srv-host=_sip._udp.weight.test,wz.weight.test,5070,10,0");
	ARG("--host-record=wa.weight.test,127.0.3.1");
	ARG("--host-record=wb.weight.test,127.0.3.2");
	ARG("--host-record=wz.weight.test,127.0.3.0");
	/* failover: two addresses (additional data), an --address name (no
	 * additional data: an A query), a CNAME, a target that does not
	 * exist */
	ARG("--srv-host=_sip._udp.multi.test,m1.multi.test,5061,1,0");
	ARG("--srv-host=_sip._udp.multi.test,m2.multi.test,5062,2,0");
	ARG("--srv-host=_sip._udp.multi.test,m3.multi.test,5063,3,0");
	ARG("--srv-host=_sip._udp.multi.test,nx.multi.test,5064,4,0");
	ARG("--host-record=m1.multi.test,127.0.5.1");
	ARG("--host-record=m1.multi.test,127.0.5.2");
	ARG("--address=/m2.multi.test/127.0.5.3");
	ARG("--cname=m3.multi.test,plain.test");
	ARG("--srv-host=_sip._udp.dot.test");
	ARG("--srv-host=_sip._udp.gone.test,nx.gone.test,5060,1,0");
	/* limits: 16 records, 17 records (over TCP: too big for UDP) */
	for (i = 1; i <= DNS_SRV_MAX + 1; i++) {
		ARG("--host-record=e%d.edge.test,127.0.6.%d", i, i);
		if (i <= DNS_SRV_MAX)
			ARG("--srv-host=_sip._udp.edge.test,e%d.edge.test,%d,%d,0",
			    i, 5000 + i, i);
	}
	for (i = 1; i <= DNS_ADDR_MAX + 2; i++) {
		if (i <= DNS_ADDR_MAX)
			ARG("--host-record=eight.test,127.0.7.%d", i);
		ARG("--host-record=fat.test,127.0.8.%d", i);
	}
	for (i = 1; i <= 5; i++)
		ARG("--srv-host=_sip._udp.wide.test,fat.test,%d,%d,0",
		    5060 + i, i);
	ARG("--host-record=%s,127.0.4.1", long_name);
#undef ARG
	/* many.test: edge.test's records and one worse (too many) */
	if (n + DNS_SRV_MAX + 1 > max)
		return -1;
	for (i = 1; i <= DNS_SRV_MAX + 1; i++) {
		static char many[DNS_SRV_MAX + 1][80];

		snprintf(many[i - 1], sizeof(many[0]),
			 "--srv-host=_sip._udp.many.test,e%d.edge.test,%d,%d,0",
			 i, 5000 + i, i);
		argv[n++] = many[i - 1];
	}
	return n;
}

static pid_t start_dnsmasq(const char *bin, int which)
{
	static char port_arg[32], listen_arg[48];
	char *argv[200];
	int n = 0;
	pid_t pid;

	snprintf(port_arg, sizeof(port_arg), "--port=%u", server_port);
	snprintf(listen_arg, sizeof(listen_arg), "--listen-address=%s",
		 server_addr[which]);
	argv[n++] = (char *)"dnsmasq";
	argv[n++] = (char *)"--keep-in-foreground";
	argv[n++] = port_arg;
	argv[n++] = listen_arg;
	argv[n++] = (char *)"--bind-interfaces";
	argv[n++] = (char *)"--no-resolv";
	argv[n++] = (char *)"--no-hosts";
	argv[n++] = (char *)"--no-poll";
	argv[n++] = (char *)"--conf-file=/dev/null";
	argv[n++] = (char *)"--pid-file=";
	argv[n++] = (char *)"--log-facility=-";
	argv[n++] = (char *)"--local=/test/";
	argv[n++] = (char *)"--host-record=ready.test,127.0.0.1";
	if (which == S_DYN) {
		argv[n++] = (char *)"--host-record=who.test,127.0.9.2";
	} else {
		n = main_records(argv, n, (int)(sizeof(argv) / sizeof(argv[0])) - 1);
		if (n < 0)
			return -1;
	}
	argv[n] = NULL;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		if (fd >= 0 && !getenv("SIPPHONE_DNS_DEBUG")) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execv(bin, argv);
		_exit(127);
	}
	return pid;
}

static void stop(pid_t *pid)
{
	if (*pid > 0) {
		kill(*pid, SIGTERM);
		waitpid(*pid, NULL, 0);
	}
	*pid = 0;
}

/* Ask ADDR for ready.test until it answers: 0, or -1 when the process
 * died or ~5 s went by. */
static int wait_ready(const char *addr, pid_t pid)
{
	static const unsigned char q[] = {
		0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
		5, 'r', 'e', 'a', 'd', 'y', 4, 't', 'e', 's', 't', 0,
		0, 1, 0, 1,
	};
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int fd, i, ok = -1;

	sa.sin_port = htons(server_port);
	sa.sin_addr.s_addr = ip(addr);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -1;
	for (i = 0; i < 100 && ok < 0; i++) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		unsigned char a[512];

		if (waitpid(pid, NULL, WNOHANG) != 0)
			break; /* exited (a port taken?) */
		if (sendto(fd, q, sizeof(q), 0, (struct sockaddr *)&sa,
			   sizeof(sa)) < 0 && errno != ECONNREFUSED)
			break;
		if (poll(&p, 1, 50) == 1 && recv(fd, a, sizeof(a), 0) >= 12 &&
		    a[0] == 0x12 && a[1] == 0x34)
			ok = 0;
	}
	close(fd);
	return ok;
}

/* A port free on the main address now (dnsmasq may still lose a race:
 * the caller tries again). */
static int free_port(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	int fd, port = -1;

	sa.sin_addr.s_addr = ip(server_addr[S_MAIN]);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
		port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

static int group_setup(void **state)
{
	const char *bin = dnsmasq_path();
	unsigned b = 100 + (unsigned)getpid() % 150;
	unsigned c = 1 + (unsigned)getpid() / 150 % 250;
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int attempt, i, port;

	(void)state;
	memset(long_name, 'a', 63);
	long_name[63] = '.';
	memset(long_name + 64, 'b', 63);
	long_name[127] = '.';
	memset(long_name + 128, 'c', 63);
	long_name[191] = '.';
	memset(long_name + 192, 'd', 56);
	memcpy(long_name + 248, ".test", 6);
	memcpy(too_long, long_name, 248);
	memcpy(too_long + 248, "d.test", 7);

	for (i = 0; i < NSERVERS; i++)
		snprintf(server_addr[i], sizeof(server_addr[i]), "127.%u.%u.%d",
			 b, c, i + 1);
	snprintf(dead_addr, sizeof(dead_addr), "127.%u.%u.3", b, c);
	snprintf(hole_addr, sizeof(hole_addr), "127.%u.%u.4", b, c);
	if (!bin) {
		snprintf(skip_why, sizeof(skip_why),
			 "dnsmasq not installed (Debian package dnsmasq-base; "
			 "make deps installs it)");
		return 0;
	}
	for (attempt = 0; attempt < 5; attempt++) {
		port = free_port();
		if (port <= 0)
			continue;
		server_port = (uint16_t)port;
		for (i = 0; i < NSERVERS; i++) {
			server_pid[i] = start_dnsmasq(bin, i);
			if (server_pid[i] <= 0 ||
			    wait_ready(server_addr[i], server_pid[i]) < 0)
				break;
		}
		if (i == NSERVERS)
			break;
		for (i = 0; i < NSERVERS; i++)
			stop(&server_pid[i]);
	}
	if (attempt == 5) {
		const char *wrap = getenv("SIPPHONE_EXEC_WRAPPER");

		snprintf(skip_why, sizeof(skip_why),
			 "%s did not start or answer on %s%s", bin,
			 server_addr[S_MAIN],
			 wrap && *wrap ? " (under the emulator)" : "");
		/* Under an emulator a host program may not start: a skip.
		 * On the host it must start: every network test fails. */
		print_message("%s\n", skip_why);
		return wrap && *wrap ? 0 : -1;
	}
	/* the server that never answers: a socket nobody reads */
	hole_fd = socket(AF_INET, SOCK_DGRAM, 0);
	sa.sin_port = htons(server_port);
	sa.sin_addr.s_addr = ip(hole_addr);
	if (hole_fd < 0 ||
	    bind(hole_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		snprintf(skip_why, sizeof(skip_why), "cannot bind %s:%u: %s",
			 hole_addr, server_port, strerror(errno));
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < NSERVERS; i++)
		stop(&server_pid[i]);
	if (hole_fd >= 0)
		close(hole_fd);
	hole_fd = -1;
	return 0;
}

/* ------------------------------------------------------------ the loop */

struct ctx {
	uv_loop_t loop;
	uv_timer_t guard;
	struct dns_resolver *r;
	uint64_t t0;
	int closed, expired;
};

struct res {
	int calls, err;
	struct dns_targets t;
	struct ctx *c;
	int close_in_cb;   /* close the resolver from the callback */
	struct dns_resolver *keep; /* the resolver, for on_res_start */
	uint64_t at;       /* ms from ctx_open() to the callback */
};

static void on_res(void *arg, int err, const struct dns_targets *t)
{
	struct res *x = arg;

	x->calls++;
	x->err = err;
	if (err == 0) {
		assert_non_null(t);
		x->t = *t;
	} else {
		assert_null(t);
	}
	if (x->c) {
		uv_update_time(&x->c->loop);
		x->at = uv_now(&x->c->loop) - x->c->t0;
	}
	if (x->close_in_cb && x->c->r) {
		dns_resolver_close(x->c->r, NULL, NULL);
		x->c->r = NULL;
	}
}

static void on_closed(void *arg)
{
	struct ctx *c = arg;

	c->closed++;
}

static void on_guard(uv_timer_t *t)
{
	struct ctx *c = t->data;

	c->expired = 1;
	uv_stop(&c->loop);
}

/* Resolver on CFG; a guard stops a run that would hang (it does not keep
 * the loop alive). */
static void ctx_open(struct ctx *c, struct dns_config *cfg)
{
	memset(c, 0, sizeof(*c));
	assert_int_equal(uv_loop_init(&c->loop), 0);
	assert_int_equal(uv_timer_init(&c->loop, &c->guard), 0);
	c->guard.data = c;
	assert_int_equal(uv_timer_start(&c->guard, on_guard, 8000, 0), 0);
	uv_unref((uv_handle_t *)&c->guard);
	if (!cfg->port)
		cfg->port = server_port;
	assert_int_equal(dns_resolver_open(&c->loop, cfg, &c->r), 0);
	uv_update_time(&c->loop);
	c->t0 = uv_now(&c->loop);
}

static void ctx_run(struct ctx *c)
{
	uv_run(&c->loop, UV_RUN_DEFAULT);
	assert_false(c->expired);
}

/* Close: the close callback runs once, every handle is closed. */
static void ctx_close(struct ctx *c)
{
	if (c->r) {
		dns_resolver_close(c->r, on_closed, c);
		c->r = NULL;
		ctx_run(c);
		assert_int_equal(c->closed, 1);
	}
	uv_close((uv_handle_t *)&c->guard, NULL);
	uv_run(&c->loop, UV_RUN_DEFAULT);
	assert_int_equal(uv_loop_close(&c->loop), 0);
}

static struct dns_config main_cfg(void)
{
	struct dns_config cfg = { .timeout_ms = 500, .tries = 2 };

	cfg.dns_server[0] = server_addr[S_MAIN];
	return cfg;
}

/* Resolve one name with CFG: the callback ran exactly once. */
static void resolve1(struct dns_config cfg, int sip, const char *host,
		     unsigned port, struct res *x)
{
	struct ctx c;

	memset(x, 0, sizeof(*x));
	ctx_open(&c, &cfg);
	x->c = &c;
	if (sip)
		assert_int_equal(dns_resolve_sip(c.r, host, (uint16_t)port,
						 on_res, x, NULL), 0);
	else
		assert_int_equal(dns_resolve_a(c.r, host, (uint16_t)port,
					       on_res, x, NULL), 0);
	assert_int_equal(x->calls, 0); /* never from inside the call */
	ctx_run(&c);
	assert_int_equal(x->calls, 1);
	ctx_close(&c);
	x->c = NULL;
}

/* ------------------------------------------------------------ resolving */

static void test_dotted_ip_no_query(void **state)
{
	struct dns_config none = { 0 }, dead = { 0 };
	struct res x;

	(void)state;
	/* no server at all: numbers still resolve, names cannot */
	none.port = 1;
	resolve1(none, 1, "10.1.2.3", 0, &x);
	assert_int_equal(x.err, 0);
	assert_int_equal(x.t.n, 1);
	assert_int_equal(x.t.srv, 0);
	assert_target(&x.t.t[0], "10.1.2.3", DNS_SIP_PORT);
	resolve1(none, 1, "10.1.2.3", 5070, &x);
	assert_target(&x.t.t[0], "10.1.2.3", 5070);
	resolve1(none, 0, "10.1.2.3", 0, &x);
	assert_target(&x.t.t[0], "10.1.2.3", 0);
	resolve1(none, 1, "proxy.test", 0, &x);
	assert_int_equal(x.err, -EDESTADDRREQ);
	/* a dead server is never asked about a number */
	dead.dns_server[0] = "127.0.0.1";
	dead.port = 1;
	dead.timeout_ms = 50;
	dead.tries = 1;
	resolve1(dead, 1, "192.168.0.1", 0, &x);
	assert_int_equal(x.err, 0);
	assert_target(&x.t.t[0], "192.168.0.1", DNS_SIP_PORT);
}

static void test_srv_priority(void **state)
{
	struct res x;

	(void)state;
	NEED_SERVERS();
	resolve1(main_cfg(), 1, "prio.test", 0, &x);
	assert_int_equal(x.err, 0);
	assert_int_equal(x.t.srv, 1);
	assert_int_equal(x.t.n, 3);
	assert_int_equal(x.t.dropped, 0);
	assert_int_equal(x.t.unresolved, 0);
	assert_target(&x.t.t[0], "127.0.1.10", 5063);
	assert_int_equal(x.t.t[0].priority, 5);
	assert_target(&x.t.t[1], "127.0.1.11", 5061);
	assert_int_equal(x.t.t[1].priority, 10);
	assert_target(&x.t.t[2], "127.0.1.12", 5062);
	assert_int_equal(x.t.t[2].priority, 20);
}

/* The injected RNG decides (RFC 2782; see test_srv_order_weights). */
static void test_srv_weights_rng(void **state)
{
	static const uint32_t low[] = { 0 }, high[] = { 0xffffffffu };
	struct seq lo = { low, 1, 0 }, hi = { high, 1, 0 };
	struct dns_config cfg = main_cfg();
	struct res x;

	(void)state;
	NEED_SERVERS();
	cfg.rng = seq_rng;
	cfg.rng_arg = &lo;
	resolve1(cfg, 1, "weight.test", 0, &x);
	assert_int_equal(x.err, 0);
	assert_int_equal(x.t.n, 3);
	/* 0 of 0..40: the zero weight; 0 of 0..40 again: wa (10) */
	assert_target(&x.t.t[0], "127.0.3.0", 5070);
	assert_target(&x.t.t[1], "127.0.3.1", 5071);
	assert_target(&x.t.t[2], "127.0.3.2", 5072);
	assert_int_equal(x.t.t[2].weight, 30);
	assert_true(lo.i >= 2);
	cfg.rng_arg = &hi;
	resolve1(cfg, 1, "weight.test", 0, &x);
	/* 40 of 0..40: wb (running sum 40); 10 of 0..10: wa; then wz */
	assert_target(&x.t.t[0], "127.0.3.2", 5072);
	assert_target(&x.t.t[1], "127.0.3.1", 5071);
	assert_target(&x.t.t[2], "127.0.3.0", 5070);
}

/* Several targets, in order, and "next target" through all of them. */
static void test_srv_failover(void **state)
{
	const struct dns_target *t;
	struct dns_targets l;
	struct res x;

	(void)state;
	NEED_SERVERS();
	resolve1(main_cfg(), 1, "multi.test", 0, &x);
	assert_int_equal(x.err, 0);
	assert_int_equal(x.t.n, 4);
	assert_int_equal(x.t.unresolved, 1); /* nx.multi.test */
	l = x.t;
	assert_target(dns_targets_next(&l), "127.0.5.1", 5061);
	assert_target(dns_targets_next(&l), "127.0.5.2", 5061);
	/* no additional data for it: its own A query */
	assert_target(dns_targets_next(&l), "127.0.5.3", 5062);
	/* a CNAME */
	t = dns_targets_next(&l);
	assert_target(t, "127.0.2.1", 5063);
	assert_int_equal(t->priority, 3);
	assert_ptr_equal(dns_targets_current(&l), t);
	assert_null(dns_targets_next(&l));
	dns_targets_rewind(&l);
	assert_target(dns_targets_next(&l), "127.0.5.1", 5061);
}

/* RFC 3263 §4.2: no SRV record, the A records on port 5060. */
static void test_srv_absent_a_fallback(void **state)
{
	struct res x;

	(void)state;
	NEED_SERVERS();
	resolve1(main_cfg(), 1, "plain.test", 0, &x);
	assert_int_equal(x.err, 0);
	assert_int_equal(x.t.srv, 0);
	assert_int_equal(x.t.n, 1);
	assert_target(&x.t.t[0], "127.0.2.1", DNS_SIP_PORT);
	/* the long name cannot have SRV records: straight to A */
	resolve1(main_cfg(), 1, long_name, 0, &x);
	assert_int_equal(x.err, 0);
	assert_target(&x.t.t[0], "127.0.4.1", DNS_SIP_PORT);
}

/* RFC 3263 §4.2: a port in the URI means no SRV lookup. */
static void test_explicit_port_no_srv(void **state)
{
	struct res x;

	(void)state;
	NEED_SERVERS();
	resolve1(main_cfg(), 1, "prio.test", 5099, &x);
	assert_int_equal(x.err, 0);
	assert_int_equal(x.t.srv, 0);
	assert_int_equal(x.t.n, 1);
	assert_target(&x.t.t[0], "127.0.2.2", 5099);
	resolve1(main_cfg(), 0, "prio.test", 0, &x);
	assert_target(&x.t.t[0], "127.0.2.2", 0);
}

static void test_not_found(void **state)
{
	struct res x;

	(void)state;
	NEED_SERVERS();
	resolve1(main_cfg(), 1, "nothere.test", 0, &x);
	assert_int_equal(x.err, -ENOENT);
	resolve1(main_cfg(), 0, "nothere.test", 0, &x);
	assert_int_equal(x.err, -ENOENT);
	/* the name exists, without A records */
	resolve1(main_cfg(), 0, "_sip._udp.prio.test", 5060, &x);
	assert_int_equal(x.err, -ENODATA);
	/* "." : decidedly not available, and no A fallback */
	resolve1(main_cfg(), 1, "dot.test", 0, &x);
	assert_int_equal(x.err, -EHOSTUNREACH);
	/* every SRV target unknown: the target's error */
	resolve1(main_cfg(), 1, "gone.test", 0, &x);
	assert_int_equal(x.err, -ENOENT);
}

/* Table 3-1: dyn_dns_addr_1, _2 before DNS Server 1..5. */
static void test_server_order(void **state)
{
	struct dns_config cfg = { .timeout_ms = 500, .tries = 1 };
	struct res x;

	(void)state;
	NEED_SERVERS();
	cfg.dns_server[0] = server_addr[S_MAIN];
	cfg.dyn_dns_addr[1] = server_addr[S_DYN];
	resolve1(cfg, 0, "who.test", 0, &x);
	assert_int_equal(x.err, 0);
	assert_target(&x.t.t[0], "127.0.9.2", 0); /* the dynamic server */
	cfg.dyn_dns_addr[1] = NULL;
	cfg.dns_server[1] = server_addr[S_DYN];
	resolve1(cfg, 0, "who.test", 0, &x);
	assert_target(&x.t.t[0], "127.0.9.1", 0); /* DNS Server 1 */
	cfg.dns_server[0] = "0.0.0.0";
	resolve1(cfg, 0, "who.test", 0, &x);
	assert_target(&x.t.t[0], "127.0.9.2", 0); /* DNS Server 2 */
}

/* The first server is dead (nothing listens): the next one answers. */
static void test_server_dead_first(void **state)
{
	struct dns_config cfg = { .timeout_ms = 2000, .tries = 1 };
	struct res x;

	(void)state;
	NEED_SERVERS();
	cfg.dyn_dns_addr[0] = dead_addr;
	cfg.dns_server[0] = dead_addr;  /* asked once */
	cfg.dns_server[4] = server_addr[S_MAIN];
	resolve1(cfg, 1, "prio.test", 0, &x);
	assert_int_equal(x.err, 0);
	assert_int_equal(x.t.n, 3);
	/* refused at once: not one timeout long */
	assert_true(x.at < 2000);
}

/* The first server never answers: after its timeout, the next one. */
static void test_server_timeout_first(void **state)
{
	struct dns_config cfg = { .timeout_ms = 100, .tries = 1 };
	struct res x;

	(void)state;
	NEED_SERVERS();
	cfg.dyn_dns_addr[0] = hole_addr;
	cfg.dns_server[0] = server_addr[S_MAIN];
	resolve1(cfg, 0, "who.test", 0, &x);
	assert_int_equal(x.err, 0);
	assert_target(&x.t.t[0], "127.0.9.1", 0);
	assert_true(x.at >= 100);
}

/* No server answers: -ETIMEDOUT after the configured tries, no later. */
static void test_timeout_bounded(void **state)
{
	struct dns_config cfg = { .timeout_ms = 100, .tries = 2 };
	struct res x;

	(void)state;
	NEED_SERVERS();
	cfg.dns_server[0] = hole_addr;
	resolve1(cfg, 1, "prio.test", 0, &x);
	assert_int_equal(x.err, -ETIMEDOUT);
	/* 100 ms, then 200 ms: c-ares doubles each round.  The upper bound
	 * is loose (valgrind, qemu); it catches a hang, not slowness. */
	assert_true(x.at >= 300);
	assert_true(x.at < 5000);
}

/* The request's own deadline comes before c-ares gives up; the queries
 * still out finish unseen, and closing then leaks nothing. */
static void test_deadline(void **state)
{
	struct dns_config cfg = { .timeout_ms = 1000, .tries = 3,
				  .deadline_ms = 150 };
	struct res a = { 0 }, b = { 0 };
	struct ctx c;

	(void)state;
	NEED_SERVERS();
	cfg.dns_server[0] = hole_addr;
	ctx_open(&c, &cfg);
	a.c = b.c = &c;
	assert_int_equal(dns_resolve_sip(c.r, "prio.test", 0, on_res, &a,
					 NULL), 0);
	assert_int_equal(dns_resolve_a(c.r, "10.0.0.1", 0, on_res, &b, NULL),
			 0);
	/* run until the deadline fired, not until c-ares gives up (7 s) */
	while (a.calls == 0 && !c.expired)
		uv_run(&c.loop, UV_RUN_ONCE);
	assert_int_equal(b.calls, 1);
	assert_int_equal(b.err, 0);
	assert_int_equal(a.calls, 1);
	assert_int_equal(a.err, -ETIMEDOUT);
	assert_true(a.at >= 150);
	assert_true(a.at < 1000);
	ctx_close(&c);
	assert_int_equal(a.calls, 1);

	/* and out of range */
	cfg.deadline_ms = DNS_DEADLINE_MS_MAX + 1;
	assert_int_equal(dns_resolver_open(uv_default_loop(), &cfg, &c.r),
			 -EINVAL);
	assert_int_equal(uv_loop_close(uv_default_loop()), 0);
}

static void test_limits_names(void **state)
{
	struct dns_config cfg = main_cfg();
	struct res x;
	struct ctx c;

	(void)state;
	NEED_SERVERS();
	assert_int_equal(strlen(long_name), DNS_NAME_MAX);
	assert_int_equal(strlen(too_long), DNS_NAME_MAX + 1);
	resolve1(cfg, 0, long_name, 7, &x);
	assert_int_equal(x.err, 0);
	assert_target(&x.t.t[0], "127.0.4.1", 7);
	ctx_open(&c, &cfg);
	assert_int_equal(dns_resolve_sip(c.r, too_long, 0, on_res, &x, NULL),
			 -ENAMETOOLONG);
	assert_int_equal(dns_resolve_a(c.r, "", 0, on_res, &x, NULL), -EINVAL);
	assert_int_equal(dns_resolve_a(c.r, NULL, 0, on_res, &x, NULL), -EINVAL);
	assert_int_equal(dns_resolve_a(c.r, "a.test", 0, NULL, &x, NULL), -EINVAL);
	ctx_close(&c);

	/* bad configurations */
	cfg.dns_server[1] = "not-an-address";
	assert_int_equal(dns_resolver_open(uv_default_loop(), &cfg, &c.r),
			 -EINVAL);
	assert_null(c.r);
	cfg = main_cfg();
	cfg.timeout_ms = DNS_TIMEOUT_MS_MAX + 1;
	assert_int_equal(dns_resolver_open(uv_default_loop(), &cfg, &c.r),
			 -EINVAL);
	cfg = main_cfg();
	cfg.tries = DNS_TRIES_MAX + 1;
	assert_int_equal(dns_resolver_open(uv_default_loop(), &cfg, &c.r),
			 -EINVAL);
	assert_int_equal(uv_loop_close(uv_default_loop()), 0);
}

static void test_limits_records(void **state)
{
	struct res x;
	unsigned i;

	(void)state;
	NEED_SERVERS();
	/* DNS_SRV_MAX records (an answer over TCP: too big for UDP) */
	resolve1(main_cfg(), 1, "edge.test", 0, &x);
	assert_int_equal(x.err, 0);
	assert_int_equal(x.t.n, DNS_SRV_MAX);
	assert_int_equal(x.t.dropped, 0);
	for (i = 0; i < DNS_SRV_MAX; i++)
		assert_int_equal(x.t.t[i].port, 5001 + i);
	/* one more: the worst priority is left out, and said so */
	resolve1(main_cfg(), 1, "many.test", 0, &x);
	assert_int_equal(x.err, 0);
	assert_int_equal(x.t.n, DNS_SRV_MAX);
	assert_int_equal(x.t.dropped, 1);
	assert_int_equal(x.t.t[DNS_SRV_MAX - 1].priority, DNS_SRV_MAX);
	/* DNS_ADDR_MAX addresses, and more */
	resolve1(main_cfg(), 0, "eight.test", 5060, &x);
	assert_int_equal(x.t.n, DNS_ADDR_MAX);
	assert_int_equal(x.t.dropped, 0);
	resolve1(main_cfg(), 0, "fat.test", 5060, &x);
	assert_int_equal(x.t.n, DNS_ADDR_MAX);
	assert_int_equal(x.t.dropped, 2);
	/* 5 records x 8 addresses: DNS_TARGETS_MAX listed */
	resolve1(main_cfg(), 1, "wide.test", 0, &x);
	assert_int_equal(x.err, 0);
	assert_int_equal(x.t.n, DNS_TARGETS_MAX);
	assert_true(x.t.dropped >= 5 * DNS_ADDR_MAX - DNS_TARGETS_MAX);
	assert_int_equal(x.t.t[0].port, 5061);
	assert_int_equal(x.t.t[DNS_TARGETS_MAX - 1].port, 5064);
}

static void test_limits_requests(void **state)
{
	struct dns_config cfg = main_cfg();
	static struct res x[DNS_REQS_MAX + 1];
	struct ctx c;
	unsigned i;

	(void)state;
	NEED_SERVERS();
	memset(x, 0, sizeof(x));
	ctx_open(&c, &cfg);
	for (i = 0; i < DNS_REQS_MAX; i++)
		assert_int_equal(dns_resolve_sip(c.r, i % 2 ? "prio.test" :
						 "plain.test", 0, on_res,
						 &x[i], NULL), 0);
	assert_int_equal(dns_resolve_sip(c.r, "prio.test", 0, on_res,
					 &x[DNS_REQS_MAX], NULL), -EBUSY);
	ctx_run(&c);
	for (i = 0; i < DNS_REQS_MAX; i++) {
		assert_int_equal(x[i].calls, 1);
		assert_int_equal(x[i].err, 0);
		assert_int_equal(x[i].t.n, i % 2 ? 3 : 1);
	}
	assert_int_equal(x[DNS_REQS_MAX].calls, 0);
	/* room again */
	assert_int_equal(dns_resolve_a(c.r, "plain.test", 1, on_res,
				       &x[DNS_REQS_MAX], NULL), 0);
	ctx_run(&c);
	assert_int_equal(x[DNS_REQS_MAX].calls, 1);
	ctx_close(&c);
}

/* Close with queries in flight: each callback runs once, -ECANCELED; a
 * cancelled request never calls back; the handles all close. */
static void test_close_in_flight(void **state)
{
	struct dns_config cfg = { .timeout_ms = 1000, .tries = 2 };
	struct res a = { 0 }, b = { 0 }, gone = { 0 }, num = { 0 };
	struct dns_req *qa = NULL, *qg = NULL;
	struct ctx c;

	(void)state;
	NEED_SERVERS();
	cfg.dns_server[0] = hole_addr;
	ctx_open(&c, &cfg);
	assert_int_equal(dns_resolve_sip(c.r, "prio.test", 0, on_res, &a,
					 &qa), 0);
	assert_non_null(qa);
	assert_int_equal(dns_resolve_a(c.r, "plain.test", 0, on_res, &b,
				       NULL), 0);
	assert_int_equal(dns_resolve_a(c.r, "who.test", 0, on_res, &gone,
				       &qg), 0);
	assert_int_equal(dns_resolve_a(c.r, "10.0.0.1", 0, on_res, &num,
				       NULL), 0);
	dns_cancel(qg);
	dns_cancel(qg); /* twice is harmless */
	/* let the queries go out, then close */
	uv_run(&c.loop, UV_RUN_NOWAIT);
	assert_int_equal(num.calls, 1); /* delivered in that turn */
	assert_int_equal(a.calls, 0);
	dns_resolver_close(c.r, on_closed, &c);
	assert_int_equal(a.calls, 1);
	assert_int_equal(a.err, -ECANCELED);
	assert_int_equal(b.calls, 1);
	assert_int_equal(b.err, -ECANCELED);
	assert_int_equal(gone.calls, 0);
	assert_int_equal(c.closed, 0); /* from the loop, later */
	dns_resolver_close(c.r, on_closed, &c); /* a second close: nothing */
	c.r = NULL;
	ctx_run(&c);
	assert_int_equal(c.closed, 1);
	assert_int_equal(gone.calls, 0);
	ctx_close(&c);
}

static void on_res_start(void *arg, int err, const struct dns_targets *t)
{
	struct res *x = arg;

	(void)t;
	x->calls++;
	x->err = err;
	/* closing: nothing new starts */
	assert_int_equal(dns_resolve_a(x->keep, "10.0.0.1", 0, on_res, x,
				       NULL), -ECANCELED);
}

/* A callback may close the resolver; the requests still queued get
 * -ECANCELED; a callback of the close may not start anything. */
static void test_close_from_callback(void **state)
{
	struct dns_config cfg = main_cfg();
	struct res first = { 0 }, second = { 0 }, third = { 0 };
	struct ctx c;

	(void)state;
	ctx_open(&c, &cfg);
	first.c = second.c = third.c = &c;
	first.close_in_cb = 1;
	assert_int_equal(dns_resolve_a(c.r, "10.0.0.1", 0, on_res, &first,
				       NULL), 0);
	assert_int_equal(dns_resolve_a(c.r, "10.0.0.2", 0, on_res_start,
				       &second, NULL), 0);
	if (!skip_why[0])
		assert_int_equal(dns_resolve_sip(c.r, "prio.test", 0, on_res,
						 &third, NULL), 0);
	second.keep = c.r; /* on_res clears c.r when it closes */
	ctx_run(&c);
	assert_int_equal(first.calls, 1);
	assert_int_equal(first.err, 0);
	assert_int_equal(second.calls, 1);
	assert_int_equal(second.err, -ECANCELED);
	if (!skip_why[0]) {
		assert_int_equal(third.calls, 1);
		assert_int_equal(third.err, -ECANCELED);
	}
	ctx_close(&c);
}

/* Cancelled before the answer: the answer arrives, nobody is called, and
 * nothing leaks. */
static void test_cancel(void **state)
{
	struct dns_config cfg = main_cfg();
	struct res a = { 0 }, b = { 0 };
	struct dns_req *qa, *qb;
	struct ctx c;

	(void)state;
	NEED_SERVERS();
	ctx_open(&c, &cfg);
	assert_int_equal(dns_resolve_sip(c.r, "multi.test", 0, on_res, &a,
					 &qa), 0);
	assert_int_equal(dns_resolve_a(c.r, "10.0.0.1", 0, on_res, &b, &qb),
			 0);
	dns_cancel(qa);
	dns_cancel(qb); /* finished, not yet delivered */
	ctx_run(&c);
	assert_int_equal(a.calls, 0);
	assert_int_equal(b.calls, 0);
	ctx_close(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_target_format),
		cmocka_unit_test(test_targets_failover),
		cmocka_unit_test(test_srv_order_priority),
		cmocka_unit_test(test_srv_order_weights),
		cmocka_unit_test(test_srv_order_weights_edge),
		cmocka_unit_test(test_config_servers),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_parse_srv),
		cmocka_unit_test(test_parse_srv_limit),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_dotted_ip_no_query),
		cmocka_unit_test(test_srv_priority),
		cmocka_unit_test(test_srv_weights_rng),
		cmocka_unit_test(test_srv_failover),
		cmocka_unit_test(test_srv_absent_a_fallback),
		cmocka_unit_test(test_explicit_port_no_srv),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_server_order),
		cmocka_unit_test(test_server_dead_first),
		cmocka_unit_test(test_server_timeout_first),
		cmocka_unit_test(test_timeout_bounded),
		cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_limits_names),
		cmocka_unit_test(test_limits_records),
		cmocka_unit_test(test_limits_requests),
		cmocka_unit_test(test_close_in_flight),
		cmocka_unit_test(test_close_from_callback),
		cmocka_unit_test(test_cancel),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
