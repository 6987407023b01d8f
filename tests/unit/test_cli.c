/*
 * test_cli.c - the CLI of Table 4-1: every command and argument form
 * through the grammar, the errors, the permissions of each telnet_level
 * (Table 3-3), and what the phone's backend is asked to do (a fake
 * backend records every call).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cli/cli.h"
#include "log/log.h"

/* ---- an output sink into a buffer */

struct sink {
	char buf[32768];
	size_t len;
	int fail; /* return this from write */
};

static int sink_write(void *arg, const char *b, size_t n)
{
	struct sink *s = arg;

	if (s->fail)
		return s->fail;
	if (n > sizeof(s->buf) - 1 - s->len)
		return -ENOSPC;
	memcpy(s->buf + s->len, b, n);
	s->len += n;
	s->buf[s->len] = '\0';
	return 0;
}

/* ---- the fake phone: every call is appended to LOG */

struct fake {
	char log[4096];
	int ret;       /* what every callback returns */
	int key_fail;  /* fail at this key press (1-based), 0: never */
	unsigned keys;
};

static void rec(struct fake *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void rec(struct fake *f, const char *fmt, ...)
{
	size_t n = strlen(f->log);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->log + n, sizeof(f->log) - n, fmt, ap);
	va_end(ap);
	n = strlen(f->log);
	snprintf(f->log + n, sizeof(f->log) - n, ";");
}

static int f_show(void *arg, enum cli_show what, struct cli_out *out)
{
	struct fake *f = arg;

	rec(f, "show %s", cli_show_name(what));
	cli_printf(out, "state of %s\n", cli_show_name(what));
	return f->ret;
}

static int f_clear(void *arg, enum cli_clear what, struct cli_out *out)
{
	(void)out;
	rec(arg, "clear %s", cli_clear_name(what));
	return ((struct fake *)arg)->ret;
}

static int f_debug(void *arg, enum cli_debug cat, bool on,
		   struct cli_out *out)
{
	(void)out;
	rec(arg, "debug %s %s", cli_debug_name(cat), on ? "on" : "off");
	return ((struct fake *)arg)->ret;
}

static int f_dns(void *arg, enum cli_dns op, uint32_t ip,
		 struct cli_out *out)
{
	(void)out;
	rec(arg, "dns %d %08lx", (int)op, (unsigned long)ip);
	return ((struct fake *)arg)->ret;
}

static int f_erase(void *arg, struct cli_out *out)
{
	(void)out;
	rec(arg, "erase");
	return ((struct fake *)arg)->ret;
}

static int f_ping(void *arg, const struct cli_ping *p, struct cli_out *out)
{
	(void)out;
	rec(arg, "ping %s %lu %lu %lu", p->host, (unsigned long)p->count,
	    (unsigned long)p->size, (unsigned long)p->timeout);
	return ((struct fake *)arg)->ret;
}

static int f_traceroute(void *arg, const char *host, uint32_t ttl,
			struct cli_out *out)
{
	(void)out;
	rec(arg, "traceroute %s %lu", host, (unsigned long)ttl);
	return ((struct fake *)arg)->ret;
}

static int f_reg(void *arg, unsigned option, unsigned line,
		 struct cli_out *out)
{
	(void)out;
	rec(arg, "register %u %u", option, line);
	return ((struct fake *)arg)->ret;
}

static int f_reset(void *arg, struct cli_out *out)
{
	(void)out;
	rec(arg, "reset");
	return ((struct fake *)arg)->ret;
}

static int f_test(void *arg, enum cli_test op, struct cli_out *out)
{
	(void)out;
	rec(arg, "test %d", (int)op);
	return ((struct fake *)arg)->ret;
}

static int f_test_key(void *arg, enum cli_key key, struct cli_out *out)
{
	struct fake *f = arg;

	(void)out;
	rec(f, "key %s", cli_key_name(key));
	if (f->key_fail && ++f->keys == (unsigned)f->key_fail)
		return -ENOTCONN;
	return f->ret;
}

static const struct cli_backend fake_be = {
	.show = f_show, .clear = f_clear, .debug = f_debug, .dns = f_dns,
	.erase_protflash = f_erase, .ping = f_ping,
	.traceroute = f_traceroute, .reg = f_reg, .reset = f_reset,
	.test = f_test, .test_key = f_test_key,
};

/* ---- a fake tty (the telnet server's part) */

static char tty_log[512];

static int t_list(void *arg, struct cli_out *out)
{
	(void)arg;
	strcat(tty_log, "list;");
	return cli_out_str(out, "sessions\n");
}

static int t_echo(void *arg, bool on)
{
	(void)arg;
	strcat(tty_log, on ? "echo on;" : "echo off;");
	return 0;
}

static int t_mon(void *arg, bool on)
{
	(void)arg;
	strcat(tty_log, on ? "mon on;" : "mon off;");
	return 0;
}

static int t_timeout(void *arg, uint32_t v)
{
	(void)arg;
	snprintf(tty_log + strlen(tty_log), sizeof(tty_log) - strlen(tty_log),
		 "timeout %lu;", (unsigned long)v);
	return 0;
}

static int t_kill(void *arg, uint32_t id)
{
	(void)arg;
	snprintf(tty_log + strlen(tty_log), sizeof(tty_log) - strlen(tty_log),
		 "kill %lu;", (unsigned long)id);
	return id == 7 ? -ENOENT : 0;
}

static int t_msg(void *arg, const char *text)
{
	(void)arg;
	snprintf(tty_log + strlen(tty_log), sizeof(tty_log) - strlen(tty_log),
		 "msg [%s];", text);
	return 0;
}

static const struct cli_tty_ops fake_tty = {
	.list = t_list, .echo = t_echo, .mon = t_mon, .timeout = t_timeout,
	.kill = t_kill, .msg = t_msg,
};

/* ---- running lines */

static struct fake fk;
static struct sink sk;
static struct cli_out out;

static int run_at(enum cli_level level, const char *line)
{
	struct cli_env env = {
		.be = &fake_be, .be_arg = &fk, .tty = &fake_tty,
		.out = &out, .level = level,
	};

	memset(&fk.log, 0, sizeof(fk.log));
	sk.len = 0;
	sk.buf[0] = '\0';
	tty_log[0] = '\0';
	out = (struct cli_out){.write = sink_write, .arg = &sk};
	return cli_run(&env, line, strlen(line));
}

static int run(const char *line)
{
	return run_at(CLI_LEVEL_PRIV, line);
}

static int setup(void **state)
{
	(void)state;
	memset(&fk, 0, sizeof(fk));
	memset(&sk, 0, sizeof(sk));
	return 0;
}

#define assert_log(want) assert_string_equal(fk.log, want)
#define assert_out_has(want)                                                  \
	do {                                                                  \
		if (!strstr(sk.buf, want))                                    \
			fail_msg("output lacks \"%s\":\n%s", want, sk.buf);   \
	} while (0)

/* Every keyword list of cli.h is what the grammar takes, and the other
 * way round (names come from one list; the grammar names them again). */
static void test_show_every_keyword(void **state)
{
	char line[64], want[64];
	unsigned s;

	(void)state;
	for (s = 0; s < CLI_SHOW__COUNT; s++) {
		snprintf(line, sizeof(line), "show %s", cli_show_name(s));
		assert_int_equal(run(line), CLI_OK);
		snprintf(want, sizeof(want), "show %s;", cli_show_name(s));
		assert_log(want);
		snprintf(want, sizeof(want), "state of %s\n", cli_show_name(s));
		assert_string_equal(sk.buf, want);
	}
	/* any letter case, blanks and tabs */
	assert_int_equal(run("  SHOW\tRegister  "), CLI_OK);
	assert_log("show register;");
	/* "The table can be viewed with the show malloc-table command." */
	assert_int_equal(run("show malloc-table"), CLI_OK);
	assert_log("show malloctable;");
	assert_null(cli_show_name(CLI_SHOW__COUNT));
}

static void test_clear(void **state)
{
	char line[64], want[64];
	unsigned c;

	(void)state;
	for (c = 0; c < CLI_CLEAR__COUNT; c++) {
		snprintf(line, sizeof(line), "clear %s", cli_clear_name(c));
		assert_int_equal(run(line), CLI_OK);
		snprintf(want, sizeof(want), "clear %s;", cli_clear_name(c));
		assert_log(want);
	}
	assert_int_equal(run("clear tcp"), -EINVAL);
	assert_out_has("% Invalid input at 'tcp'");
	assert_out_has("usage: clear {arp|ethernet|ip|malloc|tcp-stats}");
	assert_log("");
}

static void test_debug_undebug(void **state)
{
	char line[64], want[64];
	unsigned d;

	(void)state;
	for (d = 0; d < CLI_DEBUG__COUNT; d++) {
		snprintf(line, sizeof(line), "debug %s", cli_debug_name(d));
		assert_int_equal(run(line), CLI_OK);
		snprintf(want, sizeof(want), "debug %s on;", cli_debug_name(d));
		assert_log(want);
		snprintf(line, sizeof(line), "undebug %s", cli_debug_name(d));
		assert_int_equal(run(line), CLI_OK);
		snprintf(want, sizeof(want), "debug %s off;", cli_debug_name(d));
		assert_log(want);
	}
	/* several at once, in the order of the list; "undebg" as the guide
	 * spells it once */
	assert_int_equal(run("debug sip-messages sip-state"), CLI_OK);
	assert_log("debug sip-state on;debug sip-messages on;");
	assert_int_equal(run("undebg softkeys"), CLI_OK);
	assert_log("debug softkeys off;");
	assert_int_equal(run("debug all"), CLI_OK);
	assert_log("debug all on;");
	assert_int_equal(run("debug sip"), -EINVAL);
	assert_out_has("% Invalid input at 'sip'");
	assert_out_has("usage: debug {arp|console-stall|");
	assert_int_equal(run("debug"), -EINVAL);
	assert_out_has("% Incomplete command");
	assert_log("");
	/* a failing category stops the rest and says which */
	fk.ret = -ENOTSUP;
	assert_int_equal(run("debug dns config"), -ENOTSUP);
	assert_out_has("% debug dns: not available on this phone");
	assert_log("debug dns on;");
	fk.ret = 0;
	/* the log categories the phone has */
	assert_int_equal(cli_debug_log_cat(CLI_DEBUG_SIP_MESSAGES), LOG_CAT_SIP);
	assert_int_equal(cli_debug_log_cat(CLI_DEBUG_SIP_REG_STATE),
			 LOG_CAT_REG);
	assert_int_equal(cli_debug_log_cat(CLI_DEBUG_DNS), LOG_CAT_DNS);
	assert_int_equal(cli_debug_log_cat(CLI_DEBUG_CONFIG), LOG_CAT_CFG);
	assert_int_equal(cli_debug_log_cat(CLI_DEBUG_LSM), LOG_CAT_CALL);
	assert_int_equal(cli_debug_log_cat(CLI_DEBUG_DTMF), LOG_CAT_MEDIA);
	assert_int_equal(cli_debug_log_cat(CLI_DEBUG_XML_POST), -1);
}

static void test_dns(void **state)
{
	(void)state;
	assert_int_equal(run("dns -p"), CLI_OK);
	assert_log("dns 0 00000000;");
	assert_int_equal(run("dns -c"), CLI_OK);
	assert_log("dns 1 00000000;");
	assert_int_equal(run("dns -s 10.1.2.3"), CLI_OK);
	assert_log("dns 2 0a010203;");
	assert_int_equal(run("dns -b 192.168.0.254"), CLI_OK);
	assert_log("dns 3 c0a800fe;");
	assert_int_equal(run("dns -s ns.example.com"), -EINVAL);
	assert_out_has("% Invalid input at 'ns.example.com': not a dotted IP "
		       "address");
	assert_int_equal(run("dns -s 10.1.2.256"), -EINVAL);
	assert_int_equal(run("dns -s"), -EINVAL);
	assert_out_has("% Incomplete command");
	assert_int_equal(run("dns -x"), -EINVAL);
	assert_out_has("% Invalid input at '-x'");
	assert_out_has("usage: dns {-p | -c | -s ip-address | -b ip-address}");
	assert_int_equal(run("dns -p -c"), -EINVAL);
	assert_out_has("% Invalid input at '-c'");
	assert_log("");
}

static void test_erase_reset_exit(void **state)
{
	(void)state;
	assert_int_equal(run("erase protflash"), CLI_OK);
	assert_log("erase;");
	assert_int_equal(run("erase"), -EINVAL);
	assert_int_equal(run("erase flash"), -EINVAL);
	assert_out_has("% Invalid input at 'flash'");
	assert_out_has("usage: erase protflash");
	assert_int_equal(run("reset"), CLI_OK);
	assert_log("reset;");
	assert_int_equal(run("reset now"), -EINVAL);
	assert_int_equal(run("exit"), CLI_EXIT);
	assert_int_equal(run("EXIT"), CLI_EXIT);
	assert_int_equal(run("exit now"), -EINVAL);
	assert_out_has("% Invalid input at 'now'");
	assert_log("");
}

static void test_ping_traceroute(void **state)
{
	char line[CLI_LINE_MAX + 16], host[CLI_HOST_MAX + 2];

	(void)state;
	/* "the default value is 5", "the default packet size is 100",
	 * "the default is 2" */
	assert_int_equal(run("ping 10.0.0.1"), CLI_OK);
	assert_log("ping 10.0.0.1 5 100 2;");
	assert_int_equal(run("ping proxy.example.com 3"), CLI_OK);
	assert_log("ping proxy.example.com 3 100 2;");
	assert_int_equal(run("ping h 1 1480 1"), CLI_OK);
	assert_log("ping h 1 1480 1;");
	assert_int_equal(run("ping h 1000 0 3600"), CLI_OK);
	assert_log("ping h 1000 0 3600;");
	/* a keyword or a number is a host name where one is wanted */
	assert_int_equal(run("ping show"), CLI_OK);
	assert_log("ping show 5 100 2;");
	assert_int_equal(run("ping 42"), CLI_OK);
	assert_log("ping 42 5 100 2;");
	/* edges */
	assert_int_equal(run("ping h 0"), -EINVAL);
	assert_out_has("% Invalid input at '0': the number of pings must be "
		       "1..1000");
	assert_int_equal(run("ping h 1001"), -EINVAL);
	assert_int_equal(run("ping h 5 1481"), -EINVAL);
	assert_out_has("the packet size must be 0..1480");
	assert_int_equal(run("ping h 5 100 0"), -EINVAL);
	assert_int_equal(run("ping h 5 100 3601"), -EINVAL);
	assert_int_equal(run("ping h 99999999999999999999999"), -EINVAL);
	assert_int_equal(run("ping h 1 2 3 4"), -EINVAL);
	assert_out_has("% Invalid input at '4'");
	assert_int_equal(run("ping h x"), -EINVAL);
	assert_int_equal(run("ping bad/host"), -EINVAL);
	assert_out_has("not an IP address or host name");
	assert_int_equal(run("ping"), -EINVAL);
	assert_out_has("usage: ping ip-address [number [packet-size [timeout]]]");
	/* CLI_HOST_MAX characters of host name, and one more */
	memset(host, 'a', sizeof(host));
	host[CLI_HOST_MAX] = '\0';
	snprintf(line, sizeof(line), "ping %s", host);
	assert_int_equal(run(line), CLI_OK);
	host[CLI_HOST_MAX] = 'a';
	host[CLI_HOST_MAX + 1] = '\0';
	snprintf(line, sizeof(line), "ping %s", host);
	assert_int_equal(run(line), -EINVAL);
	assert_out_has("a host name has at most 253 characters");
	assert_log("");

	/* traceroute ip-address [ttl]: "The default value is 30." */
	assert_int_equal(run("traceroute 10.0.0.1"), CLI_OK);
	assert_log("traceroute 10.0.0.1 30;");
	assert_int_equal(run("traceroute gw 1"), CLI_OK);
	assert_log("traceroute gw 1;");
	assert_int_equal(run("traceroute gw 255"), CLI_OK);
	assert_int_equal(run("traceroute gw 256"), -EINVAL);
	assert_out_has("the ttl must be 1..255");
	assert_int_equal(run("traceroute gw 0"), -EINVAL);
	assert_int_equal(run("traceroute"), -EINVAL);

	/* No raw ICMP on this host: the backend says so, or has no ping. */
	fk.ret = -ENOTSUP;
	assert_int_equal(run("ping 10.0.0.1"), -ENOTSUP);
	assert_out_has("ping: raw ICMP not available on this host");
	assert_int_equal(run("traceroute 10.0.0.1"), -ENOTSUP);
	assert_out_has("traceroute: raw ICMP not available on this host");
	fk.ret = 0;
	{
		struct cli_backend none = {0};
		struct cli_env env = {.be = &none, .out = &out,
				      .level = CLI_LEVEL_PRIV};

		sk.len = 0;
		assert_int_equal(cli_run(&env, "ping 10.0.0.1", 13), -ENOTSUP);
		assert_string_equal(sk.buf, "% ping: raw ICMP not available on "
					    "this host\n");
		sk.len = 0;
		assert_int_equal(cli_run(&env, "traceroute h", 12), -ENOTSUP);
		assert_string_equal(sk.buf, "% traceroute: raw ICMP not "
					    "available on this host\n");
	}
}

static void test_register(void **state)
{
	char line[32], want[32];
	unsigned l;

	(void)state;
	for (l = 1; l <= CLI_REG_LINES; l++) {
		snprintf(line, sizeof(line), "register 1 %u", l);
		assert_int_equal(run(line), CLI_OK);
		snprintf(want, sizeof(want), "register 1 %u;", l);
		assert_log(want);
	}
	/* "if you input register 0 backup, the phone will register to the
	 * backup proxy" */
	assert_int_equal(run("register 0 backup"), CLI_OK);
	assert_log("register 0 0;");
	assert_int_equal(run("register 2 1"), -EINVAL);
	assert_out_has("% Invalid input at '2': the option must be 0..1");
	assert_int_equal(run("register 0 7"), -EINVAL);
	assert_out_has("the line (or backup) must be 1..6");
	assert_int_equal(run("register 0 0"), -EINVAL);
	assert_int_equal(run("register 0"), -EINVAL);
	assert_out_has("usage: register {0|1} {1..6|backup}");
	assert_int_equal(run("register backup 1"), -EINVAL);
	assert_log("");
}

static void test_test_command(void **state)
{
	char line[CLI_LINE_MAX + 1];
	unsigned k;

	(void)state;
	assert_int_equal(run("test open"), CLI_OK);
	assert_log("test 0;");
	assert_int_equal(run("test close"), CLI_OK);
	assert_log("test 1;");
	assert_int_equal(run("test onhook"), CLI_OK);
	assert_log("test 3;");
	assert_int_equal(run("test offhook"), CLI_OK);
	assert_log("test 4;");
	assert_int_equal(run("test show"), CLI_OK);
	assert_log("test 5;");
	assert_int_equal(run("test hide"), CLI_OK);
	assert_log("test 6;");
	/* every key name of the table, soft keys and line keys */
	for (k = CLI_KEY_VOLDN; k < CLI_KEY__COUNT; k++) {
		char want[32];

		snprintf(line, sizeof(line), "test key %s", cli_key_name(k));
		assert_int_equal(run(line), CLI_OK);
		snprintf(want, sizeof(want), "key %s;", cli_key_name(k));
		assert_log(want);
	}
	/* "The keys 0 through 9, #, and * may be entered in continuous
	 * strings"; "A typical command would be test ky 23234." */
	assert_int_equal(run("test ky 23234"), CLI_OK);
	assert_log("key 2;key 3;key 2;key 3;key 4;");
	assert_int_equal(run("test key *69# 0123456789 spkr line2 sk4"), CLI_OK);
	assert_log("key *;key 6;key 9;key #;key 0;key 1;key 2;key 3;key 4;"
		   "key 5;key 6;key 7;key 8;key 9;key spkr;key line2;key sk4;");
	assert_int_equal(run("test key"), -EINVAL);
	assert_out_has("% Incomplete command");
	assert_int_equal(run("test key 12 line7"), -EINVAL);
	assert_out_has("% Invalid input at 'line7'");
	assert_out_has("usage: test {open|close|key k1 k2 ...|");
	assert_int_equal(run("test key 1-2"), -EINVAL);
	assert_int_equal(run("test dial"), -EINVAL);
	assert_log("");
	/* CLI_TEST_KEYS_MAX keys, and one more */
	memcpy(line, "test key ", 9);
	memset(line + 9, '5', CLI_TEST_KEYS_MAX);
	line[9 + CLI_TEST_KEYS_MAX] = '\0';
	assert_int_equal(run(line), CLI_OK);
	assert_int_equal(strlen(fk.log), CLI_TEST_KEYS_MAX * strlen("key 5;"));
	strcat(line, " mute");
	assert_int_equal(run(line), -EINVAL);
	assert_out_has("% Invalid input at 'mute': at most 64 keys");
	assert_log("");
	/* the phone refuses a key (no test session): the rest are not sent */
	fk.key_fail = 2;
	fk.keys = 0;
	assert_int_equal(run("test key 123"), -ENOTCONN);
	assert_log("key 1;key 2;");
	assert_out_has("% test key 2: no test session is open (type test open "
		       "first)");
	fk.key_fail = 0;
}

static void test_tty(void **state)
{
	struct cli_env env = {.be = &fake_be, .be_arg = &fk, .out = &out,
			      .level = CLI_LEVEL_USER};

	(void)state;
	assert_int_equal(run_at(CLI_LEVEL_USER, "tty"), CLI_OK);
	assert_string_equal(tty_log, "list;");
	assert_int_equal(run_at(CLI_LEVEL_USER, "tty echo on"), CLI_OK);
	assert_string_equal(tty_log, "echo on;");
	assert_int_equal(run_at(CLI_LEVEL_USER, "tty echo off"), CLI_OK);
	assert_string_equal(tty_log, "echo off;");
	assert_int_equal(run_at(CLI_LEVEL_USER, "tty mon"), CLI_OK);
	assert_string_equal(tty_log, "mon on;");
	assert_int_equal(run_at(CLI_LEVEL_USER, "tty mon off"), CLI_OK);
	assert_string_equal(tty_log, "mon off;");
	assert_int_equal(run_at(CLI_LEVEL_USER, "tty mon on"), CLI_OK);
	assert_string_equal(tty_log, "mon on;");
	/* "The value range is from 0 to 65535." */
	assert_int_equal(run_at(CLI_LEVEL_USER, "tty timeout 0"), CLI_OK);
	assert_string_equal(tty_log, "timeout 0;");
	assert_int_equal(run_at(CLI_LEVEL_USER, "tty timeout 65535"), CLI_OK);
	assert_string_equal(tty_log, "timeout 65535;");
	assert_int_equal(run_at(CLI_LEVEL_USER, "tty timeout 65536"), -EINVAL);
	assert_out_has("the timeout must be 0..65535");
	assert_string_equal(tty_log, "");
	assert_int_equal(run_at(CLI_LEVEL_USER, "tty kill 3"), CLI_OK);
	assert_string_equal(tty_log, "kill 3;");
	assert_int_equal(run_at(CLI_LEVEL_USER, "tty kill 7"), -ENOENT);
	assert_string_equal(sk.buf, "% tty kill: no session 7\n");
	/* the message as typed, keywords and all */
	assert_int_equal(run_at(CLI_LEVEL_USER,
				"tty msg please  log off: show reset 1 #? now"),
			 CLI_OK);
	assert_string_equal(tty_log,
			    "msg [please  log off: show reset 1 #? now];");
	assert_int_equal(run_at(CLI_LEVEL_USER, "tty msg"), -EINVAL);
	assert_int_equal(run_at(CLI_LEVEL_USER, "tty echo"), -EINVAL);
	assert_int_equal(run_at(CLI_LEVEL_USER, "tty echo maybe"), -EINVAL);
	assert_out_has("% Invalid input at 'maybe'");
	assert_int_equal(run_at(CLI_LEVEL_USER, "tty timeout x"), -EINVAL);
	/* a console has no telnet sessions */
	sk.len = 0;
	assert_int_equal(cli_run(&env, "tty mon", 7), -ENOTSUP);
	assert_string_equal(sk.buf, "% tty mon: not a telnet session\n");
}

/* Table 4-1: erase protflash, reset, show strpool/dump/personaldir and
 * test need telnet_level 2; telnet_level 0 leaves nothing but exit. */
static void test_permissions(void **state)
{
	static const char *const priv[] = {
		"erase protflash", "reset", "show strpool", "show dump",
		"show personaldir", "test open", "test close", "test key 1",
		"test onhook", "test offhook", "test show", "test hide",
	};
	static const char *const user[] = {
		"clear arp", "debug dns", "undebug dns", "dns -p", "ping h",
		"register 1 1", "show arp", "show ethernet", "show stacks",
		"show memorymap", "show status", "show config",
		"show register", "show network", "show dialplan", "tty",
		"traceroute h", "?", "help show",
	};
	size_t i;
	unsigned s;

	(void)state;
	for (i = 0; i < sizeof(priv) / sizeof(priv[0]); i++) {
		assert_int_equal(run_at(CLI_LEVEL_USER, priv[i]), -EPERM);
		assert_log("");
		assert_out_has("is a privileged command: it needs telnet_level 2");
		assert_int_equal(run_at(CLI_LEVEL_PRIV, priv[i]), CLI_OK);
		assert_int_equal(run_at(CLI_LEVEL_OFF, priv[i]), -EPERM);
		assert_string_equal(sk.buf,
				    "% Telnet is disabled (telnet_level 0)\n");
	}
	assert_int_equal(run_at(CLI_LEVEL_USER, "reset"), -EPERM);
	assert_string_equal(sk.buf, "% 'reset' is a privileged command: it "
				    "needs telnet_level 2\n");
	for (i = 0; i < sizeof(user) / sizeof(user[0]); i++) {
		assert_int_equal(run_at(CLI_LEVEL_USER, user[i]), CLI_OK);
		assert_int_equal(run_at(CLI_LEVEL_PRIV, user[i]), CLI_OK);
		assert_int_equal(run_at(CLI_LEVEL_OFF, user[i]), -EPERM);
		assert_log("");
	}
	for (s = 0; s < CLI_SHOW__COUNT; s++) {
		struct cli_cmd c = {.verb = CLI_V_SHOW, .show = s};
		bool p = s == CLI_SHOW_STRPOOL || s == CLI_SHOW_DUMP ||
			 s == CLI_SHOW_PERSONALDIR;

		assert_int_equal(cli_show_privileged(s), p);
		assert_int_equal(cli_cmd_allowed(&c, CLI_LEVEL_USER), !p);
		assert_true(cli_cmd_allowed(&c, CLI_LEVEL_PRIV));
		assert_false(cli_cmd_allowed(&c, CLI_LEVEL_OFF));
	}
	assert_int_equal(run_at(CLI_LEVEL_OFF, "exit"), CLI_EXIT);
	assert_int_equal(run_at(CLI_LEVEL_OFF, ""), CLI_OK);
	/* a syntax error is reported before permissions */
	assert_int_equal(run_at(CLI_LEVEL_USER, "reset x"), -EINVAL);
}

static void test_help(void **state)
{
	unsigned v;

	(void)state;
	assert_int_equal(run_at(CLI_LEVEL_USER, "?"), CLI_OK);
	assert_out_has("Commands (telnet_level 1, no privileged commands):");
	for (v = CLI_V_CLEAR; v < CLI_V__COUNT; v++) {
		char want[32];

		snprintf(want, sizeof(want), "  %s ", cli_verb_name(v));
		assert_out_has(want);
	}
	assert_out_has("reset       Resets the phone. (privileged)");
	assert_int_equal(run("help"), CLI_OK);
	assert_out_has("privileged commands allowed");
	/* "show ?" and "help show" list every keyword */
	assert_int_equal(run("show ?"), CLI_OK);
	for (v = 0; v < CLI_SHOW__COUNT; v++)
		assert_out_has(cli_show_name(v));
	assert_out_has("Privileged: show strpool, show dump, show personaldir");
	assert_int_equal(run("help debug"), CLI_OK);
	for (v = 0; v < CLI_DEBUG__COUNT; v++)
		assert_out_has(cli_debug_name(v));
	assert_int_equal(run("test?"), CLI_OK);
	assert_out_has("line6");
	assert_out_has("Privileged: needs telnet_level 2.");
	assert_int_equal(run("tty ?"), CLI_OK);
	assert_out_has("timeout 0..65535");
	/* where a host name is wanted too */
	assert_int_equal(run("ping ?"), CLI_OK);
	assert_out_has("usage: ping ip-address [number [packet-size [timeout]]]");
	assert_int_equal(run("help traceroute"), CLI_OK);
	assert_out_has("usage: traceroute ip-address [ttl]");
	assert_int_equal(run("traceroute ?"), CLI_OK);
	assert_out_has("usage: traceroute ip-address [ttl]");
	assert_int_equal(run("exit ?"), CLI_OK);
	assert_out_has("usage: exit");
	assert_int_equal(run("help me"), -EINVAL);
	assert_log("");
}

static void test_errors(void **state)
{
	char line[CLI_LINE_MAX + 2];

	(void)state;
	/* empty and blank lines do nothing */
	assert_int_equal(run(""), CLI_OK);
	assert_int_equal(run(" \t "), CLI_OK);
	assert_string_equal(sk.buf, "");
	assert_int_equal(run("foo bar"), -EINVAL);
	assert_string_equal(sk.buf,
			    "% Unknown command 'foo' (type ? for a list)\n");
	assert_int_equal(run("arp"), -EINVAL);
	assert_out_has("% Unknown command 'arp'");
	assert_int_equal(run("show foo"), -EINVAL);
	assert_string_equal(sk.buf, "% Invalid input at 'foo'\nusage: show "
				    "{arp|debug|ethernet|ip|strpool|memorymap|"
				    "dump|malloctable|\n"
				    "    stacks|status|abort_vector|flash|"
				    "dspstate|rtp|tcp|lsm|fsm|fsmdef|\n"
				    "    fsmcnf|fsmxfr|fim|gsm|register|network|"
				    "config|personaldir|dialplan|\n"
				    "    timers}\n");
	assert_int_equal(run("show arp arp"), -EINVAL);
	assert_out_has("% Invalid input at 'arp'");
	assert_int_equal(run("show"), -EINVAL);
	assert_out_has("% Incomplete command\nusage: show {");
	/* control bytes and bytes past ASCII are shown, not sent */
	assert_int_equal(run("show \x01"), -EINVAL);
	assert_out_has("% Invalid input at '\\x01'");
	assert_int_equal(run("show \xc3\xa9t\xc3\xa9"), -EINVAL);
	assert_out_has("% Invalid input at '\\xc3\\xa9t\\xc3\\xa9'");
	{
		static const char nul[] = "show\0arp";

		sk.len = 0;
		struct cli_env env = {.be = &fake_be, .be_arg = &fk,
				      .out = &out, .level = CLI_LEVEL_PRIV};
		assert_int_equal(cli_run(&env, nul, sizeof(nul) - 1), -EINVAL);
		assert_out_has("% Invalid input at '\\x00'");
	}
	/* a long bad token is cut in the message, and says so */
	memset(line, 'x', 100);
	memcpy(line, "show ", 5);
	line[100] = '\0';
	assert_int_equal(run(line), -EINVAL);
	assert_out_has("% Invalid input at 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'");
	/* CLI_LINE_MAX bytes is a line; one more is not */
	memset(line, ' ', sizeof(line));
	memcpy(line, "show arp", 8);
	line[CLI_LINE_MAX] = '\0';
	assert_int_equal(run(line), CLI_OK);
	assert_log("show arp;");
	line[CLI_LINE_MAX] = ' ';
	line[CLI_LINE_MAX + 1] = '\0';
	assert_int_equal(run(line), -EMSGSIZE);
	assert_string_equal(sk.buf, "% Line too long (more than 512 "
				    "characters)\n");
	assert_log("");
}

/* What the backend returns is worded by the dispatcher. */
static void test_backend_errors(void **state)
{
	struct cli_env env = {.out = &out, .level = CLI_LEVEL_PRIV};
	static const char *const lines[] = {
		"show arp", "clear ip", "debug dns", "dns -p", "erase protflash",
		"register 1 1", "reset", "test open", "test key 1",
	};
	size_t i;

	(void)state;
	fk.ret = -ENOTSUP;
	assert_int_equal(run("show status"), -ENOTSUP);
	assert_string_equal(sk.buf, "state of status\n% show status: not "
				    "available on this phone\n");
	fk.ret = -ENOTCONN;
	assert_int_equal(run("test offhook"), -ENOTCONN);
	assert_out_has("% test offhook: no test session is open");
	fk.ret = -EIO;
	assert_int_equal(run("erase protflash"), -EIO);
	assert_out_has("% erase protflash: failed");
	fk.ret = -EBUSY;
	assert_int_equal(run("register 1 backup"), -EBUSY);
	assert_out_has("% register: busy; try again later");
	fk.ret = 0;
	/* no backend at all: "not available", never a crash */
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		sk.len = 0;
		sk.buf[0] = '\0';
		assert_int_equal(cli_run(&env, lines[i], strlen(lines[i])),
				 -ENOTSUP);
		assert_out_has(": not available on this phone\n");
	}
	assert_string_equal(cli_strerror(-12345), "failed");
}

static void test_parse_api(void **state)
{
	struct cli_cmd c;
	struct cli_err e;

	(void)state;
	assert_int_equal(cli_cmd_parse(&c, "ping 10.0.0.1 7", 15, &e), 0);
	assert_int_equal(c.verb, CLI_V_PING);
	assert_string_equal(c.host, "10.0.0.1");
	assert_int_equal(c.count, 7);
	assert_int_equal(cli_cmd_parse(&c, "show dump", 9, &e), 0);
	assert_int_equal(c.verb, CLI_V_SHOW);
	assert_int_equal(c.show, CLI_SHOW_DUMP);
	assert_false(cli_cmd_allowed(&c, CLI_LEVEL_USER));
	assert_int_equal(cli_cmd_parse(&c, "show dumb", 9, &e), -EINVAL);
	assert_int_equal(e.verb, CLI_V_SHOW);
	assert_string_equal(e.msg, "% Invalid input at 'dumb'");
	assert_int_equal(c.verb, CLI_V_NONE); /* nothing half parsed */
	assert_int_equal(cli_cmd_parse(&c, "tty msg a", 9, &e), 0);
	assert_string_equal(c.text, "a");
	assert_string_equal(cli_verb_name(CLI_V_TRACEROUTE), "traceroute");
	assert_null(cli_verb_name(CLI_V__COUNT));
	assert_null(cli_key_name(CLI_KEY__COUNT));
	assert_null(cli_debug_name(CLI_DEBUG__COUNT));
	assert_null(cli_clear_name(CLI_CLEAR__COUNT));
	assert_string_equal(cli_key_name(CLI_KEY_POUND), "#");
}

/* The output sink: bounded printf that says when it cut, and the first
 * write error sticks. */
static void test_out(void **state)
{
	char big[CLI_PRINTF_MAX + 10];

	(void)state;
	memset(&sk, 0, sizeof(sk));
	out = (struct cli_out){.write = sink_write, .arg = &sk};
	memset(big, 'b', sizeof(big));
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(cli_printf(&out, "%s", big), -EMSGSIZE);
	assert_int_equal(sk.len, CLI_PRINTF_MAX - 1);
	assert_string_equal(sk.buf + sk.len - 4, "...\n");
	sk.len = 0;
	big[CLI_PRINTF_MAX - 1] = '\0'; /* exactly fits */
	assert_int_equal(cli_printf(&out, "%s", big), 0);
	assert_int_equal(sk.len, CLI_PRINTF_MAX - 1);
	assert_int_equal(cli_out_str(&out, big), 0); /* no limit */
	sk.fail = -EPIPE;
	assert_int_equal(cli_out_str(&out, "x"), -EPIPE);
	sk.fail = 0;
	assert_int_equal(cli_out_str(&out, "x"), -EPIPE);
	assert_int_equal(out.err, -EPIPE);
	memset(&sk, 0, sizeof(sk));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_show_every_keyword, setup),
		cmocka_unit_test_setup(test_clear, setup),
		cmocka_unit_test_setup(test_debug_undebug, setup),
		cmocka_unit_test_setup(test_dns, setup),
		cmocka_unit_test_setup(test_erase_reset_exit, setup),
		cmocka_unit_test_setup(test_ping_traceroute, setup),
		cmocka_unit_test_setup(test_register, setup),
		cmocka_unit_test_setup(test_test_command, setup),
		cmocka_unit_test_setup(test_tty, setup),
		cmocka_unit_test_setup(test_permissions, setup),
		cmocka_unit_test_setup(test_help, setup),
		cmocka_unit_test_setup(test_errors, setup),
		cmocka_unit_test_setup(test_backend_errors, setup),
		cmocka_unit_test_setup(test_parse_api, setup),
		cmocka_unit_test_setup(test_out, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
