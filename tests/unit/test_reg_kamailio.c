/*
 * test_reg_kamailio.c - registration against real peers on loopback.
 *
 * Kamailio (registrar, usrloc in memory, digest auth against passwords in
 * an htable) on 127.0.0.70, two build/bin/sipphone processes on
 * 127.0.0.71 and 127.0.0.72 registering six lines between them:
 * `kamcmd ul.dump` lists each contact; a wrong password shows the LCD's
 * "x" (the phone's log) and recovers once SIP<MAC>.cnf is fixed and the
 * phone restarted; with timer_register_expires 4 the refreshes are seen;
 * SIGTERM removes a phone's contacts.
 *
 * sipp on 127.0.0.73 plays tests/data/sipp/reg_auth_uas.xml against a
 * third phone on 127.0.0.74: the exact REGISTER sequence, the digest
 * answers verified by sipp, a stale-nonce round, the unregister.
 *
 * Each test skips with a message when its peer is not installed.  Ports
 * are chosen from the PID so that runs in parallel do not collide; every
 * wait is bounded; every process is stopped by its PID.
 */
#define _DEFAULT_SOURCE /* mkdtemp, realpath, usleep, kill */
#include <errno.h>
#include <libgen.h>
#include <setjmp.h>
#include <stdbool.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "support/peer.h"

#define KAM_IP "127.0.0.70"
#define PHONE_A "127.0.0.71"
#define PHONE_B "127.0.0.72"
#define SIPP_IP "127.0.0.73"
#define PHONE_C "127.0.0.74"
#define MAC_A "00503EFF0071"
#define MAC_B "00503EFF0072"
#define MAC_C "00503EFF0074"

enum {
	WAIT_MS = 15000,      /* the longest any one condition may take */
	EXPIRES = 4,          /* timer_register_expires: refresh at 2 s */
};

static char dir[64];
static pid_t phones[3]; /* A, B, C: stopped by teardown whatever happens */
static char bin[600];
static unsigned port;     /* every SIP port of the run (one per address) */

/* ---------------------------------------------------------------- helpers */

static void write_file(const char *name, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void write_file(const char *name, const char *fmt, ...)
{
	char path[256];
	va_list ap;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	assert_int_equal(fclose(f), 0);
}

/* The whole of DIR/NAME (NUL-terminated) into BUF, "" if absent. */
static const char *read_file(const char *name, char *buf, size_t size)
{
	char path[256];
	FILE *f;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	buf[0] = '\0';
	f = fopen(path, "rb");
	if (!f)
		return buf;
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static unsigned count(const char *hay, const char *needle)
{
	unsigned n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static pid_t start_phone(const char *ip, const char *mac, const char *name,
			 const char *log)
{
	char root[128], flash[128], logp[128];
	pid_t pid;

	snprintf(root, sizeof(root), "%s/%s", dir, name);
	snprintf(flash, sizeof(flash), "%s/%s.flash", dir, name);
	snprintf(logp, sizeof(logp), "%s/%s", dir, log);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		char *argv[24];
		int n = peer_exec_wrapper(argv, 8);

		argv[n++] = bin;
		argv[n++] = "--ip";
		argv[n++] = (char *)ip;
		argv[n++] = "--mac";
		argv[n++] = (char *)mac;
		argv[n++] = "--tftp-root";
		argv[n++] = root;
		argv[n++] = "--flash";
		argv[n++] = flash;
		argv[n++] = "--ui";
		argv[n++] = "headless";
		argv[n++] = "--log";
		argv[n++] = logp;
		argv[n++] = "-v";
		argv[n] = NULL;
		execvp(argv[0], argv);
		_exit(127);
	}
	assert_true(pid > 0);
	return pid;
}

/* SIGTERM and the exit status (bounded); -1 if it had to be killed. */
static int stop_phone(pid_t *pid)
{
	int status = 0;

	if (*pid <= 0)
		return -1;
	kill(*pid, SIGTERM);
	if (peer_wait_exit(*pid, WAIT_MS, &status)) {
		kill(*pid, SIGKILL);
		waitpid(*pid, &status, 0);
		*pid = 0;
		return -1;
	}
	*pid = 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* `kamcmd ul.dump` into BUF (bounded: 5 s); 0 if it answered in full. */
static int ul_dump(char *buf, size_t size)
{
	char kamcmd[256], sock[128];
	char *argv[] = {kamcmd, "-s", sock, "ul.dump", NULL};

	snprintf(kamcmd, sizeof(kamcmd), "%s", peer_find("kamcmd"));
	snprintf(sock, sizeof(sock), "unixs:%s/ctl.sock", dir);
	return peer_run(argv, buf, size, 5000);
}

/* Whether the location table holds USER's contact at IP. */
static bool bound(const char *dump, unsigned user, const char *ip)
{
	char c[96];

	snprintf(c, sizeof(c), "Address: sip:%u@%s:%u", user, ip, port);
	return strstr(dump, c) != NULL;
}

/* Whether the phone (its log LOG) runs the lines: until phone.c calls
 * phone_lines_start(), "running" comes without "proxy_register". */
static bool wired(const char *log)
{
	static char text[65536];
	int i;

	for (i = 0; i < WAIT_MS / 50; i++) {
		read_file(log, text, sizeof(text));
		if (strstr(text, "reg info: proxy_register"))
			return true;
		if (strstr(text, "cfg info: running")) {
			usleep(200 * 1000);
			read_file(log, text, sizeof(text));
			if (strstr(text, "reg info: proxy_register"))
				return true;
			print_message("SKIP: this sipphone does not start the "
				      "lines (phone.c: phone_lines_start)\n");
			return false;
		}
		usleep(50 * 1000);
	}
	return true; /* let the test say what is missing */
}

/* ---------------------------------------------------------------- kamailio */

static pid_t kamailio, sipp_pid;

static void write_kamailio_cfg(void)
{
	write_file("kamailio.cfg",
		   "#!KAMAILIO\n"
		   "debug=2\n"
		   "log_stderror=yes\n"
		   "children=1\n"
		   /* DESIGN.md: no DNS, no aliases of its own; its own
		    * address is local */
		   "dns=no\nrev_dns=no\nauto_aliases=no\n"
		   "listen=udp:" KAM_IP ":%u\n"
		   "alias=" KAM_IP ":%u\n"
		   "loadmodule \"tm.so\"\n"
		   "loadmodule \"sl.so\"\n"
		   "loadmodule \"pv.so\"\n"
		   "loadmodule \"maxfwd.so\"\n"
		   "loadmodule \"usrloc.so\"\n"
		   "loadmodule \"registrar.so\"\n"
		   "loadmodule \"textops.so\"\n"
		   "loadmodule \"siputils.so\"\n"
		   "loadmodule \"auth.so\"\n"
		   "loadmodule \"htable.so\"\n"
		   "loadmodule \"ctl.so\"\n"
		   "loadmodule \"kex.so\"\n"
		   "modparam(\"ctl\", \"binrpc\", \"unixs:%s/ctl.sock\")\n"
		   /* the location table in memory only */
		   "modparam(\"usrloc\", \"db_mode\", 0)\n"
		   /* short registrations for the refresh test */
		   "modparam(\"registrar\", \"min_expires\", 2)\n"
		   "modparam(\"registrar\", \"max_expires\", 3600)\n"
		   /* the users table: user -> password */
		   "modparam(\"htable\", \"htable\", \"users=>size=4;\")\n"
		   "event_route[htable:mod-init] {\n"
		   "\t$sht(users=>4001) = \"pw4001\";\n"
		   "\t$sht(users=>4002) = \"pw4002\";\n"
		   "\t$sht(users=>4003) = \"pw4003\";\n"
		   "\t$sht(users=>4004) = \"pw4004\";\n"
		   "\t$sht(users=>4005) = \"pw4005\";\n"
		   "\t$sht(users=>4006) = \"pw4006\";\n"
		   "}\n"
		   "request_route {\n"
		   "\tif (!mf_process_maxfwd_header(\"10\")) {\n"
		   "\t\tsl_send_reply(\"483\", \"Too Many Hops\"); exit;\n"
		   "\t}\n"
		   "\tif (!is_method(\"REGISTER\")) {\n"
		   "\t\tsl_send_reply(\"405\", \"Method Not Allowed\"); exit;\n"
		   "\t}\n"
		   /* the To user's password; realm = the To domain */
		   "\tif (!pv_www_authenticate(\"$td\", \"$sht(users=>$tU)\", \"0\")) {\n"
		   "\t\twww_challenge(\"$td\", \"1\");\n"
		   "\t\texit;\n"
		   "\t}\n"
		   "\tif (!save(\"location\")) { sl_reply_error(); }\n"
		   "\texit;\n"
		   "}\n",
		   port, port, dir);
}

static int start_kamailio(void)
{
	char k[256], cfg[128], rundir[128], dump[4096];
	char *argv[] = {NULL, "-DD", "-E", "-f", cfg, "-Y", rundir, NULL};
	int i;

	if (!peer_find("kamcmd") || !peer_find("kamailio"))
		return -1;
	snprintf(k, sizeof(k), "%s", peer_find("kamailio")); /* static buffer */
	snprintf(cfg, sizeof(cfg), "%s/kamailio.cfg", dir);
	snprintf(rundir, sizeof(rundir), "%s/run", dir);
	assert_int_equal(mkdir(rundir, 0700), 0);
	write_kamailio_cfg();
	argv[0] = k;
	kamailio = peer_spawn(argv);
	assert_true(kamailio > 0);
	for (i = 0; i < WAIT_MS / 50; i++) {
		if (waitpid(kamailio, NULL, WNOHANG) != 0)
			break;
		if (ul_dump(dump, sizeof(dump)) == 0)
			return 0;
		usleep(50 * 1000);
	}
	fail_msg("kamailio did not come up (SIPPHONE_PEER_DEBUG=1 shows why)");
	return -1;
}

/* The phones' provisioning folders. */
static void provision(const char *name, const char *mac, unsigned first,
		      const char *pw3)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/SIP%s.cnf", name, mac);
	write_file(path,
		   "proxy1_address: " KAM_IP "\n"
		   "proxy1_port: %u\n"
		   "voip_control_port: %u\n"
		   "proxy_register: 1\n"
		   "timer_register_expires: %u\n"
		   "line1_name: %u\nline1_authname: %u\nline1_password: pw%u\n"
		   "line1_displayname: \"Line %u\"\n"
		   "line2_name: %u\nline2_authname: %u\nline2_password: pw%u\n"
		   "line3_name: %u\nline3_authname: %u\nline3_password: %s\n",
		   port, port, EXPIRES, first, first, first, first, first + 1,
		   first + 1, first + 1, first + 2, first + 2, pw3);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_reg_kam.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	port = 20000 + (unsigned)getpid() % 20000;
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	unsigned i;

	(void)state;
	for (i = 0; i < 3; i++)
		peer_stop(&phones[i]);
	peer_stop(&kamailio);
	peer_stop(&sipp_pid);
	if (getenv("SIPPHONE_KEEP_TMP"))
		return 0;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Wait until COND holds: WAIT_MS, and the last dump's 5 s, at most; the
 * last dump stays in DUMP. */
#define WAIT_UNTIL(cond)                                                  \
	do {                                                              \
		uint64_t end_ = peer_now_ms() + WAIT_MS;                  \
		while (peer_now_ms() < end_) {                            \
			ul_dump(dump, sizeof(dump));                      \
			read_file("a.log", log_a, sizeof(log_a));           \
			read_file("b.log", log_b, sizeof(log_b));           \
			read_file("b2.log", log_b2, sizeof(log_b2));        \
			if (cond)                                         \
				break;                                    \
			usleep(50 * 1000);                                \
		}                                                         \
		if (!(cond)) {                                            \
			print_message("ul.dump:\n%s\n", dump);            \
			fail_msg("timed out waiting for %s", #cond);      \
		}                                                         \
	} while (0)

static char dump[32768], log_a[262144], log_b[262144], log_b2[262144];

static void test_kamailio(void **state)
{
	pid_t *a = &phones[0], *b = &phones[1];
	unsigned u, refreshes;

	(void)state;
	if (!peer_find("kamailio") || !peer_find("kamcmd")) {
		print_message("SKIP: kamailio is not installed "
			      "(make deps installs it)\n");
		skip();
	}
	assert_int_equal(start_kamailio(), 0);
	provision("a", MAC_A, 4001, "pw4003");
	provision("b", MAC_B, 4004, "wrong"); /* line 3 of B: 4006 */
	*a = start_phone(PHONE_A, MAC_A, "a", "a.log");
	*b = start_phone(PHONE_B, MAC_B, "b", "b.log");
	if (!wired("a.log"))
		skip();

	/* Five lines bound; the sixth fails visibly. */
	WAIT_UNTIL(bound(dump, 4001, PHONE_A) && bound(dump, 4002, PHONE_A) &&
		   bound(dump, 4003, PHONE_A) && bound(dump, 4004, PHONE_B) &&
		   bound(dump, 4005, PHONE_B) &&
		   strstr(log_b, "LCD: line 3 x (registration failed)"));
	assert_false(bound(dump, 4006, PHONE_B));
	assert_non_null(strstr(log_b, "line 3 (4006): registration failed"));
	assert_non_null(strstr(log_b, "401 Authentication failed"));
	/* Credentials never reach the log. */
	assert_null(strstr(log_b, "wrong"));
	assert_null(strstr(log_a, "pw4001"));

	/* Refreshes: expires 4 -> a REGISTER every 2 s per line. */
	refreshes = count(log_a, "line 1 (4001) registered");
	WAIT_UNTIL(count(log_a, "line 1 (4001) registered") >= refreshes + 2);
	assert_true(bound(dump, 4001, PHONE_A));

	/* Fix B's password and restart it: its contacts go, then all six. */
	provision("b", MAC_B, 4004, "pw4006");
	assert_int_equal(stop_phone(b), 0);
	ul_dump(dump, sizeof(dump));
	assert_false(bound(dump, 4004, PHONE_B));
	assert_false(bound(dump, 4005, PHONE_B));
	*b = start_phone(PHONE_B, MAC_B, "b", "b2.log");
	WAIT_UNTIL(bound(dump, 4004, PHONE_B) && bound(dump, 4005, PHONE_B) &&
		   bound(dump, 4006, PHONE_B) && bound(dump, 4001, PHONE_A));
	assert_non_null(strstr(log_b2, "line 3 (4006) registered"));
	assert_null(strstr(log_b2, "LCD: line 3 x (registration failed)"));

	/* SIGTERM: the phone unregisters before it exits. */
	assert_int_equal(stop_phone(a), 0);
	ul_dump(dump, sizeof(dump));
	for (u = 4001; u <= 4003; u++)
		assert_false(bound(dump, u, PHONE_A));
	assert_true(bound(dump, 4006, PHONE_B));
	read_file("a.log", log_a, sizeof(log_a));
	assert_non_null(strstr(log_a, "lines: all unregistered"));
	assert_int_equal(stop_phone(b), 0);
	ul_dump(dump, sizeof(dump));
	for (u = 4004; u <= 4006; u++)
		assert_false(bound(dump, u, PHONE_B));
}

/* sipp checks the exact sequence: no credentials, 401, the digest answer
 * (verifyauth), refresh with credentials at once, 401 stale=true, the
 * answer to the new nonce, and the unregister at SIGTERM. */
static void test_sipp_sequence(void **state)
{
	char sipp[256], scen[600], portstr[16], path[128], log[65536];
	char *argv[] = {NULL,   "-sf",  scen, "-i", SIPP_IP, "-p",
			portstr, "-m",  "1",  "-nostdin", NULL};
	const char *src = getenv("SIPPHONE_SRC");
	pid_t *s = &sipp_pid, *c = &phones[2];
	int status = -1, i;

	(void)state;
	if (!peer_find("sipp")) {
		print_message("SKIP: sipp is not installed (make deps)\n");
		skip();
	}
	snprintf(scen, sizeof(scen), "%s/tests/data/sipp/reg_auth_uas.xml",
		 src ? src : ".");
	snprintf(portstr, sizeof(portstr), "%u", port);
	snprintf(sipp, sizeof(sipp), "%s", peer_find("sipp"));
	argv[0] = sipp;
	*s = peer_spawn(argv);
	assert_true(*s > 0);
	usleep(300 * 1000); /* sipp binds its socket */
	snprintf(path, sizeof(path), "%s/c", dir);
	mkdir(path, 0700);
	write_file("c/SIP" MAC_C ".cnf",
		   "proxy1_address: " SIPP_IP "\nproxy1_port: %u\n"
		   "voip_control_port: %u\nproxy_register: 1\n"
		   "timer_register_expires: %u\n"
		   "line1_name: 4001\nline1_authname: 4001\n"
		   "line1_password: pw4001\n",
		   port, port, EXPIRES);
	*c = start_phone(PHONE_C, MAC_C, "c", "c.log");
	if (!wired("c.log"))
		skip();
	/* Registered twice (after n1, then after the stale n2). */
	for (i = 0; i < WAIT_MS / 50; i++) {
		read_file("c.log", log, sizeof(log));
		if (count(log, "line 1 (4001) registered") >= 2)
			break;
		usleep(50 * 1000);
	}
	assert_true(count(log, "line 1 (4001) registered") >= 2);
	assert_int_equal(stop_phone(c), 0);
	if (peer_wait_exit(*s, WAIT_MS, &status))
		fail_msg("sipp did not finish the scenario");
	*s = 0;
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	read_file("c.log", log, sizeof(log));
	assert_null(strstr(log, "registration failed"));
	assert_non_null(strstr(log, "line 1 (4001) unregistered (200)"));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_kamailio, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sipp_sequence, setup,
						teardown),
	};
	/* build/tests/test_reg_kamailio -> build/bin/sipphone (argv[0]:
	 * under qemu-arm /proc/self/exe would name qemu) */
	char *self = realpath(argc > 0 ? argv[0] : ".", NULL);

	if (!self)
		return 1;
	snprintf(bin, sizeof(bin), "%s/../bin/sipphone", dirname(self));
	free(self);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
