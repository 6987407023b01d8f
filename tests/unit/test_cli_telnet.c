/*
 * test_cli_telnet.c - the telnet server over real TCP on 127.0.0.3: a
 * client written here (plain sockets) logs in, runs commands, speaks
 * telnet options at it, sends lines at and past CLI_LINE_MAX, idles out
 * (a fake clock), opens more sessions than allowed, floods it, and sends
 * it garbage; at the end every handle is closed (uv_loop_close succeeds).
 */
#define _DEFAULT_SOURCE /* usleep */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "cli/cli_telnet.h"
#include "cnf/cnf.h"
#include "rt/rt_loop.h"
#include "transport/sip_udp.h" /* net_addr_to_sockaddr */

#define IAC "\xff"
#define WILL "\xfb"
#define WONT "\xfc"
#define DO "\xfd"
#define DONT "\xfe"
#define SB "\xfa"
#define SE "\xf0"
#define HELLO IAC WILL "\x01" IAC WILL "\x03" IAC DONT "\x22"

static uv_loop_t uv;
static struct rt_fake_clock clk;
static struct rt_timers ft; /* the sessions' idle timers, on a fake clock */
static struct cli_telnet srv;
static char calls[1024];
static size_t flood_bytes;

/* ---- the fake phone */

static int f_show(void *arg, enum cli_show what, struct cli_out *out)
{
	(void)arg;
	snprintf(calls + strlen(calls), sizeof(calls) - strlen(calls),
		 "show %s;", cli_show_name(what));
	if (what == CLI_SHOW_DUMP) { /* a lot of output */
		static char chunk[4096];
		size_t i;
		int err = 0;

		memset(chunk, 'd', sizeof(chunk));
		for (i = 0; i < flood_bytes / sizeof(chunk) && !err; i++)
			err = cli_out_write(out, chunk, sizeof(chunk));
		return err;
	}
	return cli_printf(out, "state of %s\n", cli_show_name(what));
}

static int f_reset(void *arg, struct cli_out *out)
{
	(void)arg;
	(void)out;
	strcat(calls, "reset;");
	return 0;
}

static const struct cli_backend be = {.show = f_show, .reset = f_reset};

/* ---- a telnet client of our own */

struct client {
	int fd;
	int eof;
	size_t len, pos;
	char rx[1 << 16];
};

/* Run the loop and let the client read, for about MS (bounded). */
static void pump_client(struct client *c, unsigned ms)
{
	unsigned i;

	for (i = 0; i < ms; i++) {
		uv_run(&uv, UV_RUN_NOWAIT);
		if (c && !c->eof) {
			ssize_t n = recv(c->fd, c->rx + c->len,
					 sizeof(c->rx) - 1 - c->len,
					 MSG_DONTWAIT);

			if (n > 0) {
				c->len += (size_t)n;
				c->rx[c->len] = '\0';
				continue;
			}
			if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
				c->eof = 1;
		}
		usleep(1000);
	}
}

static void pump(unsigned ms)
{
	pump_client(NULL, ms);
}

static const char *find(const char *hay, size_t n, const char *needle,
			size_t nn)
{
	size_t i;

	for (i = 0; nn <= n && i <= n - nn; i++)
		if (memcmp(hay + i, needle, nn) == 0)
			return hay + i;
	return NULL;
}

/* Wait (at most about 5 s) until WANT arrives after what was already
 * matched; then it is matched. */
static void expect_n(struct client *c, const char *want, size_t n)
{
	unsigned tries;
	const char *at = NULL;

	for (tries = 0; tries < 5000; tries++) {
		at = find(c->rx + c->pos, c->len - c->pos, want, n);
		if (at || c->eof)
			break;
		pump_client(c, 1);
	}
	if (!at)
		at = find(c->rx + c->pos, c->len - c->pos, want, n);
	if (!at)
		fail_msg("never got \"%.*s\"; got:\n%s", (int)n, want,
			 c->rx + c->pos);
	c->pos = (size_t)(at - c->rx) + n;
}

static void expect(struct client *c, const char *want)
{
	expect_n(c, want, strlen(want));
}

static void expect_closed(struct client *c)
{
	unsigned tries;

	for (tries = 0; tries < 5000 && !c->eof; tries++)
		pump_client(c, 1);
	assert_true(c->eof);
}

/* Nothing more arrives for a while. */
static void expect_quiet(struct client *c)
{
	size_t before = c->len;

	pump_client(c, 50);
	assert_int_equal(c->len, before);
}

static int tcp_connect(const struct net_addr *to)
{
	struct sockaddr_in sin;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	net_addr_to_sockaddr(to, &sin);
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin))) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

static void client_open(struct client *c)
{
	memset(c, 0, sizeof(*c));
	c->fd = tcp_connect(&srv.local);
	assert_true(c->fd >= 0);
}

static void client_close(struct client *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	pump(20);
}

static void send_n(struct client *c, const char *buf, size_t n)
{
	assert_int_equal(send(c->fd, buf, n, MSG_NOSIGNAL), (ssize_t)n);
	pump_client(c, 2);
}

static void send_str(struct client *c, const char *s)
{
	send_n(c, s, strlen(s));
}

static void login(struct client *c)
{
	client_open(c);
	expect_n(c, HELLO, sizeof(HELLO) - 1);
	expect(c, "Password: ");
	send_str(c, "cisco\r\n");
	expect(c, "\r\nSIP Phone> ");
}

/* ---- fixtures */

static void cfg_level(struct cli_telnet_cfg *cfg, enum cli_level level)
{
	cli_telnet_cfg_default(cfg);
	cfg->level = level;
}

static int setup(void **state)
{
	struct cli_telnet_cfg cfg;
	struct net_addr local = {0x7f000003, 0};

	(void)state;
	calls[0] = '\0';
	flood_bytes = 0;
	if (uv_loop_init(&uv) || rt_timers_init(&ft, rt_fake_clock_now, &clk))
		return -1;
	clk.now = 0;
	cfg_level(&cfg, CLI_LEVEL_PRIV);
	return cli_telnet_open(&srv, &uv, &ft, &local, &be, NULL, &cfg);
}

static int closed;

static void on_closed(struct cli_telnet *t)
{
	(void)t;
	closed = 1;
}

/* Everything closed: the loop closes cleanly (valgrind: nothing left). */
static int teardown(void **state)
{
	unsigned i;

	(void)state;
	closed = 0;
	cli_telnet_close(&srv, on_closed);
	for (i = 0; i < 1000 && !closed; i++)
		uv_run(&uv, UV_RUN_NOWAIT);
	uv_run(&uv, UV_RUN_DEFAULT);
	if (!closed || srv.nhandles != 0 || srv.sessions)
		return -1;
	rt_timers_fini(&ft);
	return uv_loop_close(&uv) == 0 ? 0 : -1;
}

/* ---- tests */

/* "Password: " first, not echoed; then "SIP Phone> "; a command runs and
 * its output comes back in CR LF lines; exit hangs up. */
static void test_login_command_exit(void **state)
{
	struct client c;
	const char *pw;

	(void)state;
	client_open(&c);
	/* IAC WILL ECHO, IAC WILL SGA, IAC DONT LINEMODE */
	expect_n(&c, HELLO, sizeof(HELLO) - 1);
	expect(&c, "Password: ");
	pw = c.rx + c.pos;
	send_str(&c, "cisco\r\n");
	expect(&c, "\r\nSIP Phone> ");
	assert_null(strstr(pw, "cisco"));
	send_str(&c, "show status\r\n");
	/* typed characters are echoed by the phone */
	expect(&c, "show status\r\nstate of status\r\nSIP Phone> ");
	assert_string_equal(calls, "show status;");
	send_str(&c, "\r\n"); /* an empty line: just the prompt again */
	expect(&c, "\r\nSIP Phone> ");
	send_str(&c, "show bogus\r\n");
	expect(&c, "% Invalid input at 'bogus'\r\nusage: show {arp|");
	expect(&c, "SIP Phone> ");
	assert_int_equal(srv.logins, 1);
	send_str(&c, "exit\r\n");
	expect_closed(&c);
	client_close(&c);
	assert_int_equal(srv.nsessions, 0);
}

/* phone_password and phone_prompt from the configuration; wrong
 * passwords; telnet_level 1 refuses privileged commands. */
static void test_password_prompt_level(void **state)
{
	struct cli_telnet_cfg cfg;
	struct cnf_layers *l;
	struct cnf *snap;
	struct cnf_stats st;
	struct client c;
	static const char file[] = "telnet_level: 1\n"
				   "phone_password: s3cret\n"
				   "phone_prompt: \"John-43\"\n";

	(void)state;
	assert_int_equal(cnf_layers_alloc(&l), 0);
	assert_int_equal(cnf_layer_load(l, CNF_LAYER_PHONE, "SIPtest.cnf",
					(const uint8_t *)file,
					sizeof(file) - 1, NULL, NULL, &st),
			 0);
	assert_int_equal(cnf_snapshot(l, &snap), 0);
	assert_int_equal(cli_telnet_cfg_from_cnf(&cfg, snap), 0);
	cnf_free(snap);
	cnf_layers_free(l);
	assert_int_equal(cfg.level, CLI_LEVEL_USER);
	assert_string_equal(cfg.password, "s3cret");
	assert_string_equal(cfg.prompt, "John-43");
	assert_int_equal(cli_telnet_configure(&srv, &cfg), 0);

	client_open(&c);
	expect(&c, "Password: ");
	send_str(&c, "cisco\r\n");
	expect(&c, "\r\n% Wrong password\r\nPassword: ");
	send_str(&c, "s3cret\r\n");
	expect(&c, "\r\nJohn-43> ");
	send_str(&c, "reset\r\n");
	expect(&c, "% 'reset' is a privileged command: it needs telnet_level "
		   "2\r\nJohn-43> ");
	assert_string_equal(calls, "");
	/* telnet_level 2 from now on: the session's next line may */
	cfg.level = CLI_LEVEL_PRIV;
	assert_int_equal(cli_telnet_configure(&srv, &cfg), 0);
	send_str(&c, "reset\r\n");
	expect(&c, "reset\r\nJohn-43> ");
	assert_string_equal(calls, "reset;");
	client_close(&c);

	/* CLI_TELNET_PASSWORD_TRIES wrong answers: hung up */
	client_open(&c);
	expect(&c, "Password: ");
	send_str(&c, "a\r\n");
	expect(&c, "% Wrong password\r\nPassword: ");
	send_str(&c, "s3cre\r\n");
	expect(&c, "% Wrong password\r\nPassword: ");
	send_str(&c, "s3crett\r\n");
	expect(&c, "% Too many wrong passwords\r\n");
	expect_closed(&c);
	client_close(&c);
	assert_int_equal(srv.bad_passwords, 4);
	assert_int_equal(srv.logins, 1);
}

/* Telnet commands from the client are answered or dropped and never
 * reach the parser; every line end works; editing keys edit. */
static void test_iac_and_line_ends(void **state)
{
	struct client c;
	static const char nego[] =
		IAC DO "\x01"       /* DO ECHO: already; no answer */
		IAC DO "\x03"       /* DO SGA: already */
		IAC WILL "\x1f"     /* WILL NAWS -> DONT NAWS */
		IAC DO "\x18"       /* DO TTYPE -> WONT TTYPE */
		IAC WILL "\x22"     /* WILL LINEMODE: refused in the hello */
		IAC WONT "\x05";    /* nothing */

	(void)state;
	login(&c);
	send_n(&c, nego, sizeof(nego) - 1);
	expect_n(&c, IAC DONT "\x1f" IAC WONT "\x18", 6);
	expect_quiet(&c);
	/* refused once: asking again gets no answer (no loop) */
	send_n(&c, IAC WILL "\x1f" IAC DO "\x18", 6);
	expect_quiet(&c);
	/* a subnegotiation (NAWS 80x24) and a NOP inside a command */
	send_str(&c, "sh");
	send_n(&c, IAC SB "\x1f\x00\x50\x00\x18" IAC SE IAC "\xf1", 11);
	send_str(&c, "ow arp\r\n");
	expect(&c, "state of arp\r\nSIP Phone> ");
	/* CR NUL, a lone LF, CR LF in one segment */
	send_n(&c, "show ip\r\0show tcp\nshow rtp\r\n", 28);
	expect(&c, "state of ip\r\n");
	expect(&c, "state of tcp\r\n");
	expect(&c, "state of rtp\r\nSIP Phone> ");
	assert_string_equal(calls, "show arp;show ip;show tcp;show rtp;");
	/* backspace, DEL and IAC EC erase; ^U and IAC EL clear the line */
	calls[0] = '\0';
	send_str(&c, "shox\bw fx\x7fim\r\n");
	expect(&c, "state of fim\r\n");
	send_n(&c, "show fimm" IAC "\xf7" "\r\n", 13);
	expect(&c, "state of fim\r\n");
	send_str(&c, "reset\x15show lsm\r\n");
	expect(&c, "state of lsm\r\n");
	send_n(&c, "reset" IAC "\xf8" "show gsm\r\n", 17);
	expect(&c, "state of gsm\r\n");
	/* ^C and IAC IP drop the line */
	send_str(&c, "reset\x03\r\n");
	send_n(&c, "reset" IAC "\xf4" "\r\n", 9);
	pump_client(&c, 20);
	assert_string_equal(calls, "show fim;show fim;show lsm;show gsm;");
	/* IAC IAC is a data byte 255: the parser names it */
	send_n(&c, "show " IAC IAC "\r\n", 9);
	expect(&c, "% Invalid input at '\\xff'\r\n");
	/* other control bytes are dropped */
	send_str(&c, "sh\x01ow\x1b ti\x07mers\r\n");
	expect(&c, "state of timers\r\n");
	/* are you there? */
	send_n(&c, IAC "\xf6", 2);
	expect(&c, "\r\n[yes]\r\nSIP Phone> ");
	/* the client echoes itself: we stop */
	send_n(&c, IAC DONT "\x01", 3);
	expect_n(&c, IAC WONT "\x01", 3);
	c.pos = c.len;
	send_str(&c, "show dsp");
	expect_quiet(&c);
	send_str(&c, "state\r\n");
	expect(&c, "state of dspstate\r\nSIP Phone> ");
	client_close(&c);
}

/* CLI_LINE_MAX bytes are a line; more are refused whole, and the session
 * goes on. */
static void test_line_limit(void **state)
{
	static char line[CLI_LINE_MAX + 8];
	struct client c;

	(void)state;
	login(&c);
	memset(line, ' ', sizeof(line));
	memcpy(line, "show arp", 8);
	memcpy(line + CLI_LINE_MAX, "\r\n", 2);
	send_n(&c, line, CLI_LINE_MAX + 2);
	expect(&c, "state of arp\r\nSIP Phone> ");
	memcpy(line, "show tcp", 8);
	line[CLI_LINE_MAX] = ' ';
	memcpy(line + CLI_LINE_MAX + 1, "\r\n", 2);
	send_n(&c, line, CLI_LINE_MAX + 3);
	expect(&c, "% Line too long (more than 512 characters)\r\nSIP Phone> ");
	/* far past it, in pieces */
	memset(line, 'x', sizeof(line));
	send_n(&c, line, sizeof(line));
	send_n(&c, line, sizeof(line));
	send_str(&c, "\r\n");
	expect(&c, "% Line too long");
	send_str(&c, "show ip\r\n");
	expect(&c, "state of ip\r\nSIP Phone> ");
	assert_string_equal(calls, "show arp;show ip;");
	client_close(&c);

	/* a password line past the limit is a wrong password */
	client_open(&c);
	expect(&c, "Password: ");
	memset(line, 'c', sizeof(line));
	send_n(&c, line, sizeof(line));
	send_str(&c, "\r\n");
	expect(&c, "% Wrong password\r\n");
	client_close(&c);
}

/* tty timeout: minutes of silence, then hung up; 0 never; the login has
 * its own timeout. */
static void test_idle_timeout(void **state)
{
	struct client c;

	(void)state;
	login(&c);
	send_str(&c, "tty timeout 1\r\n");
	expect(&c, "SIP Phone> ");
	rt_fake_clock_advance(&clk, &ft, CLI_TTY_TIMEOUT_UNIT_MS - 1);
	expect_quiet(&c);
	send_str(&c, "show arp\r\n"); /* activity restarts the timer */
	expect(&c, "state of arp\r\nSIP Phone> ");
	rt_fake_clock_advance(&clk, &ft, CLI_TTY_TIMEOUT_UNIT_MS - 1);
	expect_quiet(&c);
	rt_fake_clock_advance(&clk, &ft, 1);
	expect(&c, "\r\n% Session timed out\r\n");
	expect_closed(&c);
	client_close(&c);
	assert_int_equal(srv.timeouts, 1);

	/* the default, then 0: never */
	login(&c);
	rt_fake_clock_advance(&clk, &ft,
			      (uint64_t)CLI_TTY_TIMEOUT_DEFAULT *
					      CLI_TTY_TIMEOUT_UNIT_MS -
				      1);
	expect_quiet(&c);
	send_str(&c, "tty timeout 0\r\n");
	expect(&c, "SIP Phone> ");
	rt_fake_clock_advance(&clk, &ft,
			      (uint64_t)CLI_TTY_TIMEOUT_MAX *
				      CLI_TTY_TIMEOUT_UNIT_MS);
	expect_quiet(&c);
	send_str(&c, "tty timeout 65535\r\n");
	expect(&c, "SIP Phone> ");
	rt_fake_clock_advance(&clk, &ft,
			      (uint64_t)CLI_TTY_TIMEOUT_MAX *
				      CLI_TTY_TIMEOUT_UNIT_MS);
	expect(&c, "% Session timed out");
	expect_closed(&c);
	client_close(&c);

	/* nobody types the password */
	client_open(&c);
	expect(&c, "Password: ");
	rt_fake_clock_advance(&clk, &ft, CLI_TELNET_LOGIN_TIMEOUT_MS);
	expect(&c, "% Session timed out");
	expect_closed(&c);
	client_close(&c);
	assert_int_equal(srv.timeouts, 3);
}

/* CLI_TELNET_SESSIONS_MAX at once; the next is told and hung up on. */
static void test_session_limit(void **state)
{
	struct client c[CLI_TELNET_SESSIONS_MAX + 1];
	unsigned i;

	(void)state;
	for (i = 0; i < CLI_TELNET_SESSIONS_MAX; i++) {
		client_open(&c[i]);
		expect(&c[i], "Password: ");
	}
	assert_int_equal(srv.nsessions, CLI_TELNET_SESSIONS_MAX);
	client_open(&c[i]);
	expect(&c[i], "% Too many telnet sessions (4); try again later\r\n");
	expect_closed(&c[i]);
	client_close(&c[i]);
	assert_int_equal(srv.refused, 1);
	/* one leaves: room for another */
	client_close(&c[0]);
	pump(20);
	assert_int_equal(srv.nsessions, CLI_TELNET_SESSIONS_MAX - 1);
	login(&c[0]);
	for (i = 0; i < CLI_TELNET_SESSIONS_MAX; i++)
		client_close(&c[i]);
	assert_int_equal(srv.nsessions, 0);
}

/* telnet_level 0: "Telnet is disabled" -- nothing listens, sessions end;
 * raised again, the same port listens. */
static void test_level_zero(void **state)
{
	struct cli_telnet_cfg cfg;
	struct net_addr was = srv.local;
	struct client c;

	(void)state;
	login(&c);
	cfg_level(&cfg, CLI_LEVEL_OFF);
	assert_int_equal(cli_telnet_configure(&srv, &cfg), 0);
	expect(&c, "\r\n% Telnet is disabled (telnet_level 0)\r\n");
	expect_closed(&c);
	client_close(&c);
	assert_null(srv.listener);
	assert_int_equal(tcp_connect(&was), -ECONNREFUSED);
	cfg.level = CLI_LEVEL_USER;
	assert_int_equal(cli_telnet_configure(&srv, &cfg), 0);
	assert_true(net_addr_eq(&srv.local, &was));
	login(&c);
	client_close(&c);
	/* a phone that boots with telnet_level 0 does not listen */
	{
		struct cli_telnet off;
		struct net_addr local = {0x7f000003, 0};

		cfg.level = CLI_LEVEL_OFF;
		assert_int_equal(cli_telnet_open(&off, &uv, &ft, &local, &be,
						 NULL, &cfg),
				 0);
		assert_null(off.listener);
		assert_int_equal(off.local.port, 0);
		cli_telnet_close(&off, NULL);
		assert_int_equal(off.nhandles, 0);
	}
}

/* tty: list, msg, mon (log lines), kill, echo off. */
static void test_tty_sessions(void **state)
{
	struct client a, b;
	char line[64];

	(void)state;
	login(&a);
	login(&b);
	send_str(&a, "tty\r\n");
	expect(&a, "* 1        127.0.0.");
	expect(&a, "login    off  30\r\n  2 ");
	send_str(&a, "tty msg please log off now\r\n");
	expect(&a, "Message sent to 1 session\r\n");
	expect(&b, "\r\n% Message from session 1: please log off now\r\n"
		   "SIP Phone> ");
	/* tty mon: log lines go to A only */
	send_str(&a, "tty mon\r\n");
	expect(&a, "SIP Phone> ");
	cli_telnet_log(&srv, LOG_INFO, LOG_CAT_SIP, "REGISTER sent");
	expect(&a, "info sip: REGISTER sent\r\n");
	pump_client(&b, 20);
	assert_null(strstr(b.rx + b.pos, "REGISTER"));
	send_str(&a, "tty mon off\r\n");
	expect(&a, "SIP Phone> ");
	cli_telnet_log(&srv, LOG_INFO, LOG_CAT_SIP, "again");
	expect_quiet(&a);
	/* broadcast */
	cli_telnet_broadcast(&srv, "% The phone is shutting down");
	expect(&a, "% The phone is shutting down\r\nSIP Phone> ");
	expect(&b, "% The phone is shutting down\r\nSIP Phone> ");
	/* echo off: what is typed is not sent back */
	send_str(&a, "tty echo off\r\n");
	expect(&a, "SIP Phone> ");
	send_str(&a, "show ar");
	expect_quiet(&a);
	send_str(&a, "p\r\n");
	expect(&a, "state of arp\r\nSIP Phone> ");
	/* kill */
	send_str(&a, "tty kill 99\r\n");
	expect(&a, "% tty kill: no session 99\r\n");
	snprintf(line, sizeof(line), "tty kill %u\r\n", 2u);
	send_str(&a, line);
	expect(&a, "Session 2 killed\r\nSIP Phone> ");
	expect(&b, "% Session killed by session 1\r\n");
	expect_closed(&b);
	client_close(&b);
	send_str(&a, "tty kill 1\r\n"); /* itself */
	expect_closed(&a);
	client_close(&a);
	assert_int_equal(srv.nsessions, 0);
}

/* A client that never reads gets CLI_TELNET_OUTQ_MAX queued, then is hung
 * up on; the phone goes on. */
static void test_output_bound(void **state)
{
	struct client c, d;
	int small = 4096;

	(void)state;
	login(&c);
	setsockopt(c.fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
	flood_bytes = 64u * 1024 * 1024;
	send_str(&c, "show dump\r\n");
	pump(50);
	assert_int_equal(srv.nsessions, 0);
	client_close(&c);
	login(&d);
	client_close(&d);
}

/* Any bytes at all, in any pieces, from several clients: the phone never
 * falls over (tests/fuzz/fuzz_cli.c does the parser at length). */
static void test_garbage(void **state)
{
	struct client c[3];
	static char buf[2048];
	uint32_t x = 12345;
	unsigned round, i, k;

	(void)state;
	for (round = 0; round < 6; round++) {
		for (k = 0; k < 3; k++) {
			if (k == 0)
				login(&c[k]);
			else
				client_open(&c[k]);
		}
		for (i = 0; i < 30; i++) {
			size_t n, j;

			k = i % 3;
			x = x * 1103515245u + 12345u;
			n = 1 + (x >> 16) % sizeof(buf);
			for (j = 0; j < n; j++) {
				x = x * 1103515245u + 12345u;
				buf[j] = (char)(x >> 24);
				/* now and then a line end or an IAC */
				if ((x & 0xff) < 8)
					buf[j] = "\r\n\xff\0\xfa\xf0\xfd\xfb"[x & 7];
			}
			if (c[k].eof)
				continue;
			(void)send(c[k].fd, buf, n, MSG_NOSIGNAL);
			pump_client(&c[k], 1);
		}
		for (k = 0; k < 3; k++)
			client_close(&c[k]);
	}
	pump(20);
	assert_int_equal(srv.nsessions, 0);
	/* still serving */
	login(&c[0]);
	send_str(&c[0], "show arp\r\n");
	expect(&c[0], "state of arp\r\n");
	client_close(&c[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_login_command_exit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_password_prompt_level,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_iac_and_line_ends, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_line_limit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_idle_timeout, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_session_limit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_level_zero, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tty_sessions, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_output_bound, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_garbage, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
