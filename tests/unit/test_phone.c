/*
 * test_phone.c - build/bin/sipphone as a process: boot from a TFTP root
 * folder, the layered configuration in flash, OPTIONS answered, SIGTERM
 * shuts down cleanly, and SIGKILL at random points while flash is written
 * never leaves a torn flash file.
 */
#define _DEFAULT_SOURCE /* realpath, usleep, kill */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "cnf/cnf.h"
#include "support/peer.h"

static char bin[512];
static char dir[64];
#define PHONE_IP "127.0.0.62"

static void write_file(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static const char *tftp_server; /* "IP:PORT": boot by TFTP instead */
static pid_t running;           /* stopped by teardown if a test fails */

static pid_t start_phone(const char *flash, const char *mac)
{
	char root[128], flash_path[128], log[128];
	pid_t pid;

	snprintf(root, sizeof(root), "%s/tftp", dir);
	snprintf(flash_path, sizeof(flash_path), "%s/%s", dir, flash);
	snprintf(log, sizeof(log), "%s/phone.log", dir);
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		char *argv[24];
		int n = peer_exec_wrapper(argv, 8);

		argv[n++] = bin;
		argv[n++] = "--ip";
		argv[n++] = PHONE_IP;
		argv[n++] = "--mac";
		argv[n++] = (char *)mac;
		argv[n++] = tftp_server ? "--tftp" : "--tftp-root";
		argv[n++] = tftp_server ? (char *)tftp_server : root;
		argv[n++] = "--flash";
		argv[n++] = flash_path;
		argv[n++] = "--ui";
		argv[n++] = "headless";
		argv[n++] = "--log";
		argv[n++] = log;
		argv[n++] = "--telnet-port";
		argv[n++] = "2323";
		argv[n] = NULL;
		execvp(argv[0], argv);
		_exit(127);
	}
	running = pid;
	return pid;
}

/* OPTIONS to the phone until it answers (bounded): the status, or 0. */
static int options(uint16_t port, char *answer, size_t size)
{
	struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
	struct sockaddr_in me = {.sin_family = AF_INET};
	socklen_t len = sizeof(me);
	char msg[512];
	int fd, i, status = 0;

	inet_pton(AF_INET, PHONE_IP, &to.sin_addr);
	inet_pton(AF_INET, "127.0.0.1", &me.sin_addr);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&me, sizeof(me)), 0);
	getsockname(fd, (struct sockaddr *)&me, &len);
	for (i = 0; i < 60 && !status; i++) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int n = snprintf(msg, sizeof(msg),
				 "OPTIONS sip:43@" PHONE_IP " SIP/2.0\r\n"
				 "Via: SIP/2.0/UDP 127.0.0.1:%u;branch=z9hG4bK-t%d\r\n"
				 "Max-Forwards: 70\r\n"
				 "From: <sip:t@127.0.0.1>;tag=1\r\n"
				 "To: <sip:43@" PHONE_IP ">\r\n"
				 "Call-ID: opt%d@test\r\nCSeq: 1 OPTIONS\r\n"
				 "Content-Length: 0\r\n\r\n",
				 ntohs(me.sin_port), i, i);

		sendto(fd, msg, (size_t)n, 0, (struct sockaddr *)&to, sizeof(to));
		if (poll(&p, 1, 100) == 1) {
			ssize_t r = recv(fd, answer, size - 1, 0);

			if (r > 12) {
				answer[r] = '\0';
				status = atoi(answer + 8);
			}
		}
	}
	close(fd);
	return status;
}

static int stop_phone(pid_t pid)
{
	int status = -1, i;

	running = 0;
	kill(pid, SIGTERM);
	for (i = 0; i < 200; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			if (WIFEXITED(status))
				return WEXITSTATUS(status);
			print_error("the phone died of signal %d\n",
				    WTERMSIG(status));
			return -1;
		}
		usleep(25 * 1000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	{
		/* Say why: the phone's own log. */
		char cmd[160];

		snprintf(cmd, sizeof(cmd), "tail -n 20 '%s/phone.log' >&2", dir);
		if (system(cmd) != 0)
			print_error("no phone log\n");
	}
	return -1;
}

static int setup(void **state)
{
	char tftp[128];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_phone.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(tftp, sizeof(tftp), "%s/tftp", dir);
	return mkdir(tftp, 0700);
}

static void stop_www(void);

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	stop_www(); /* a test failed with its web server up */
	if (running > 0) { /* a test failed with its phone up */
		kill(running, SIGKILL);
		waitpid(running, NULL, 0);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct cnf *load_flash(const char *name)
{
	struct cnf_layers *l;
	struct cnf_stats st;
	struct cnf *c;
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_int_equal(cnf_layers_alloc(&l), 0);
	assert_int_equal(cnf_layer_load_file(l, CNF_LAYER_FLASH, path, NULL,
					     NULL, &st),
			 0);
	assert_int_equal(st.errors, 0);
	assert_int_equal(cnf_snapshot(l, &c), 0);
	cnf_layers_free(l);
	return c;
}

/* Boot from the folder, answer OPTIONS on voip_control_port, keep the
 * layered values in flash, stop cleanly on SIGTERM. */
static void test_boot_and_options(void **state)
{
	char answer[2048];
	struct cnf *c;
	pid_t pid;

	(void)state;
	write_file("tftp/SIPDefault.cnf", "voip_control_port: 5072\n"
					  "tos_media: 3\n");
	write_file("tftp/SIP00503EFFF842.cnf", "line1_name: 43\n"
					       "phone_label: \"Test 1\"\n");
	pid = start_phone("flash", "00503effF842");
	assert_true(pid > 0);
	assert_int_equal(options(5072, answer, sizeof(answer)), 200);
	assert_non_null(strstr(answer, "Allow: INVITE, ACK, CANCEL, BYE, "
				       "OPTIONS, NOTIFY, REFER\r\n"));
	assert_non_null(strstr(answer, "Supported: replaces\r\n"));
	assert_non_null(strstr(answer, "CSeq: 1 OPTIONS\r\n"));
	assert_int_equal(stop_phone(pid), 0);
	c = load_flash("flash");
	assert_int_equal(cnf_int(c, CNF_VOIP_CONTROL_PORT), 5072);
	assert_int_equal(cnf_int(c, CNF_TOS_MEDIA), 3);
	assert_string_equal(cnf_str(c, CNF_LINE1_NAME), "43");
	assert_string_equal(cnf_str(c, CNF_PHONE_LABEL), "Test 1");
	cnf_free(c);

	/* Without its files the phone runs on what flash holds. */
	{
		char p1[128], p2[128];

		snprintf(p1, sizeof(p1), "%s/tftp/SIPDefault.cnf", dir);
		snprintf(p2, sizeof(p2), "%s/tftp/SIP00503EFFF842.cnf", dir);
		assert_int_equal(unlink(p1), 0);
		assert_int_equal(unlink(p2), 0);
	}
	pid = start_phone("flash", "00503EFFF842");
	assert_int_equal(options(5072, answer, sizeof(answer)), 200);
	assert_int_equal(stop_phone(pid), 0);
}

/* SIGKILL at random points while flash is being written: the file always
 * reads back whole, with the old or the new label. */
static void test_flash_survives_kill(void **state)
{
	unsigned i, seed = (unsigned)getpid();
	char label[32], answer[2048];

	(void)state;
	write_file("tftp/SIP0011223344AA.cnf", "phone_label: \"gen 0\"\n");
	/* A first flash to start from. */
	{
		pid_t pid = start_phone("kflash", "0011223344AA");

		assert_int_equal(options(5060, answer, sizeof(answer)), 200);
		assert_int_equal(stop_phone(pid), 0);
	}
	for (i = 1; i <= 12; i++) {
		struct cnf *c;
		pid_t pid;
		int status;

		snprintf(label, sizeof(label), "phone_label: \"gen %u\"\n", i);
		write_file("tftp/SIP0011223344AA.cnf", label);
		pid = start_phone("kflash", "0011223344AA");
		seed = seed * 1103515245u + 12345u;
		usleep((seed >> 8) % 40000); /* 0..40 ms: during the boot */
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		c = load_flash("kflash");
		snprintf(label, sizeof(label), "gen %u", i);
		{
			char prev[32];

			snprintf(prev, sizeof(prev), "gen %u", i - 1);
			if (strcmp(cnf_str(c, CNF_PHONE_LABEL), label) &&
			    strcmp(cnf_str(c, CNF_PHONE_LABEL), prev))
				fail_msg("flash holds \"%s\" after kill %u",
					 cnf_str(c, CNF_PHONE_LABEL), i);
		}
		/* The next run starts from what this one left. */
		if (strcmp(cnf_str(c, CNF_PHONE_LABEL), label)) {
			pid = start_phone("kflash", "0011223344AA");
			assert_int_equal(options(5060, answer, sizeof(answer)),
					 200);
			assert_int_equal(stop_phone(pid), 0);
		}
		cnf_free(c);
	}
}

static void test_usage(void **state)
{
	char cmd[1024];
	const char *wrap = getenv("SIPPHONE_EXEC_WRAPPER");
	int rc;

	(void)state;
	snprintf(cmd, sizeof(cmd), "%s '%s' --mac 123 >/dev/null 2>&1",
		 wrap ? wrap : "", bin);
	rc = system(cmd);
	assert_int_equal(WEXITSTATUS(rc), 2);
	snprintf(cmd, sizeof(cmd), "%s '%s' --help | grep -q -- --tftp-root",
		 wrap ? wrap : "", bin);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s '%s' --ip 127.0.0.9 stray >/dev/null 2>&1",
		 wrap ? wrap : "", bin);
	rc = system(cmd);
	assert_int_equal(WEXITSTATUS(rc), 2);
	/* an address but nowhere to get the files from */
	snprintf(cmd, sizeof(cmd), "%s '%s' --ip 127.0.0.9 >/dev/null 2>&1",
		 wrap ? wrap : "", bin);
	rc = system(cmd);
	assert_int_equal(WEXITSTATUS(rc), 2);
}

/* The same boot from a real TFTP server (tftpd-hpa's in.tftpd on a high
 * loopback port, our files, stopped by PID). */
static void test_boot_from_tftp(void **state)
{
	const char *tftpd = peer_find("in.tftpd");
	static char server[32], root[128], tftpd_path[256];
	char answer[2048];
	struct cnf *c;
	pid_t srv, pid;
	uint16_t port = (uint16_t)(30000 + getpid() % 20000);

	(void)state;
	if (!tftpd) {
		print_message("in.tftpd not installed (tftpd-hpa): skipped\n");
		skip();
	}
	snprintf(tftpd_path, sizeof(tftpd_path), "%s", tftpd);
	snprintf(root, sizeof(root), "%s/tftp", dir);
	snprintf(server, sizeof(server), "127.0.0.63:%u", port);
	write_file("tftp/SIPDefault.cnf", "voip_control_port: 5074\n");
	write_file("tftp/SIP00503EFFF843.cnf", "phone_label: \"by tftp\"\n");
	{
		char *argv[] = {tftpd_path, "--foreground", "--address", server,
				"--user", "root", "--secure", root, NULL};

		if (geteuid() != 0)
			argv[4] = NULL; /* --user needs root; --secure too */
		srv = peer_spawn(argv);
	}
	assert_true(srv > 0);
	tftp_server = server;
	pid = start_phone("tflash", "00503EFFF843");
	assert_int_equal(options(5074, answer, sizeof(answer)), 200);
	assert_int_equal(stop_phone(pid), 0);
	tftp_server = NULL;
	peer_stop(&srv);
	c = load_flash("tflash");
	assert_string_equal(cnf_str(c, CNF_PHONE_LABEL), "by tftp");
	cnf_free(c);
}

/* Read from FD until WANT appears (telnet commands skipped) or ~5 s;
 * what was read goes to BUF.  1 if WANT was seen. */
static int read_until(int fd, const char *want, char *buf, size_t size)
{
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < 100; i++) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		unsigned char c[512];
		ssize_t n, k;

		if (strstr(buf, want))
			return 1;
		if (poll(&p, 1, 50) != 1)
			continue;
		n = read(fd, c, sizeof(c));
		if (n <= 0)
			break;
		for (k = 0; k < n; k++) {
			if (c[k] == 255) { /* IAC x y */
				k += 2;
				continue;
			}
			if (len + 1 < size) {
				buf[len++] = (char)c[k];
				buf[len] = '\0';
			}
		}
	}
	return strstr(buf, want) != NULL;
}

static void say(int fd, const char *line)
{
	assert_int_equal(write(fd, line, strlen(line)), (ssize_t)strlen(line));
}

/* The telnet CLI of the running phone (telnet_level 2): password, the
 * prompt, real state from "show", the screen through "test show", the
 * dial plan fed by "test key". */
static void test_telnet_cli(void **state)
{
	struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(2323)};
	char answer[8192];
	pid_t pid;
	int fd, i;

	(void)state;
	write_file("tftp/SIPDefault.cnf", "telnet_level: 2\n"
					  "phone_prompt: \"John-43\"\n");
	/* the INVITE goes to a proxy that never answers */
	write_file("tftp/SIP00503EFFF842.cnf", "line1_name: 43\n"
					       "phone_label: \"jdoe\"\n"
					       "proxy1_address: 127.0.0.63\n");
	write_file("tftp/dialplan.xml",
		   "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"9.......\" "
		   "Timeout=\"0\" User=\"phone\"/>\n</DIALTEMPLATE>\n");
	pid = start_phone("cflash", "00503EFFF842");
	assert_int_equal(options(5060, answer, sizeof(answer)), 200);
	inet_pton(AF_INET, PHONE_IP, &to.sin_addr);
	fd = -1;
	for (i = 0; i < 50 && fd < 0; i++) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(fd, (struct sockaddr *)&to, sizeof(to))) {
			close(fd);
			fd = -1;
			usleep(50 * 1000);
		}
	}
	assert_true(fd >= 0);
	assert_true(read_until(fd, "Password: ", answer, sizeof(answer)));
	say(fd, "cisco\r\n");
	assert_true(read_until(fd, "John-43> ", answer, sizeof(answer)));
	say(fd, "show network\r\n");
	assert_true(read_until(fd, "John-43> ", answer, sizeof(answer)));
	assert_non_null(strstr(answer, "host_name: SIP00503EFFF842"));
	assert_non_null(strstr(answer, "ip_address: " PHONE_IP));
	say(fd, "show dialplan\r\n");
	assert_true(read_until(fd, "John-43> ", answer, sizeof(answer)));
	assert_non_null(strstr(answer, "dialplan.xml, 1 templates"));
	say(fd, "test open\r\n");
	assert_true(read_until(fd, "John-43> ", answer, sizeof(answer)));
	say(fd, "test offhook\r\n");
	assert_true(read_until(fd, "John-43> ", answer, sizeof(answer)));
	say(fd, "test key 91234567\r\n");
	assert_true(read_until(fd, "John-43> ", answer, sizeof(answer)));
	say(fd, "test show\r\n");
	assert_true(read_until(fd, "John-43> ", answer, sizeof(answer)));
	/* the dial plan dialed at once (Timeout 0): the call is out */
	assert_non_null(strstr(answer, "|Calling "));
	assert_non_null(strstr(answer, "|>1 calling   91234567@127.0.0.63"));
	assert_non_null(strstr(answer, "|1 (#) 43"));
	assert_non_null(strstr(answer, "|           EndCall"));
	assert_non_null(strstr(answer, "|jdoe "));
	say(fd, "show fsmdef\r\n");
	assert_true(read_until(fd, "John-43> ", answer, sizeof(answer)));
	assert_non_null(strstr(answer, "call 1: line 1 out calling "
				       "sip:91234567@127.0.0.63;user=phone"));
	say(fd, "test onhook\r\n");
	assert_true(read_until(fd, "John-43> ", answer, sizeof(answer)));
	say(fd, "show tcp\r\n");
	assert_true(read_until(fd, "John-43> ", answer, sizeof(answer)));
	assert_non_null(strstr(answer, "telnet " PHONE_IP ":2323 listen, "
					"sessions 1"));
	say(fd, "show ip\r\n");
	assert_true(read_until(fd, "John-43> ", answer, sizeof(answer)));
	assert_non_null(strstr(answer, "sip udp " PHONE_IP ":5060: rx "));
	say(fd, "show rtp\r\n");
	assert_true(read_until(fd, "John-43> ", answer, sizeof(answer)));
	assert_non_null(strstr(answer, "no media"));
	say(fd, "exit\r\n");
	close(fd);
	assert_int_equal(stop_phone(pid), 0);
}

/* ---- the directories and services keys, and the new show commands */

#define WWW_IP "127.0.0.87"
#define WWW_PORT "18087"
#define WWW "http://" WWW_IP ":" WWW_PORT

static pid_t www_pid;

/* python3's http.server on WWW_IP:WWW_PORT serving DIR/www; stopped by
 * its PID. */
static int start_www(void)
{
	struct sockaddr_in to = {.sin_family = AF_INET,
				 .sin_port = htons(18087)};
	char root[128];
	int i, fd;

	snprintf(root, sizeof(root), "%s/www", dir);
	fflush(NULL);
	www_pid = fork();
	if (www_pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(null, 2);
		execlp("python3", "python3", "-m", "http.server", "--bind",
		       WWW_IP, "--directory", root, WWW_PORT, (char *)NULL);
		_exit(127);
	}
	inet_pton(AF_INET, WWW_IP, &to.sin_addr);
	for (i = 0; i < 100; i++) { /* up to 10 s */
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(fd, (struct sockaddr *)&to, sizeof(to)) == 0) {
			close(fd);
			return 0;
		}
		close(fd);
		usleep(100 * 1000);
	}
	return -1;
}

static void stop_www(void)
{
	if (www_pid > 0) {
		kill(www_pid, SIGTERM);
		waitpid(www_pid, NULL, 0);
		www_pid = 0;
	}
}

static void run(int fd, const char *line, char *answer, size_t size)
{
	say(fd, line);
	assert_true(read_until(fd, "John-43> ", answer, size));
}

/* "test show" until WANT is on the screen (a card comes by HTTP). */
static void wait_screen(int fd, const char *want, char *answer, size_t size)
{
	int i;

	for (i = 0; i < 50; i++) {
		run(fd, "test show\r\n", answer, size);
		if (strstr(answer, want))
			return;
		usleep(100 * 1000);
	}
	fprintf(stderr, "screen without \"%s\":\n%s\n", want, answer);
	fail();
}

static void test_directories(void **state)
{
	struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(2323)};
	char answer[8192];
	pid_t pid;
	int fd, i;

	(void)state;
	{
		char www[128];

		snprintf(www, sizeof(www), "%s/www", dir);
		mkdir(www, 0700);
	}
	write_file("www/dir.xml",
		   "<CiscoIPPhoneMenu><Title>Company</Title>"
		   "<MenuItem><Name>Staff</Name><URL>" WWW "/staff.xml</URL>"
		   "</MenuItem><MenuItem><Name>Broken</Name><URL>" WWW
		   "/broken.xml</URL></MenuItem></CiscoIPPhoneMenu>\n");
	write_file("www/staff.xml",
		   "<CiscoIPPhoneDirectory><Title>Staff</Title>"
		   "<DirectoryEntry><Name>Bob</Name><Telephone>5551234"
		   "</Telephone></DirectoryEntry></CiscoIPPhoneDirectory>\n");
	write_file("www/broken.xml", "<CiscoIPPhoneText><Text>x</Txet>\n");
	write_file("tftp/SIPDefault.cnf", "telnet_level: 2\n"
					  "phone_prompt: \"John-43\"\n"
					  "directory_url: \"" WWW "/dir.xml\"\n"
					  "services_url: \"" WWW "/none.xml\"\n");
	write_file("tftp/SIP00503EFFF842.cnf", "line1_name: 43\n"
					       "proxy1_address: 127.0.0.63\n");
	write_file("tftp/dialplan.xml",
		   "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"9.......\" "
		   "Timeout=\"0\" User=\"phone\"/>\n</DIALTEMPLATE>\n");
	if (start_www()) {
		stop_www();
		skip(); /* no python3 */
	}
	pid = start_phone("dflash", "00503EFFF842");
	assert_int_equal(options(5060, answer, sizeof(answer)), 200);
	inet_pton(AF_INET, PHONE_IP, &to.sin_addr);
	fd = -1;
	for (i = 0; i < 50 && fd < 0; i++) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(fd, (struct sockaddr *)&to, sizeof(to))) {
			close(fd);
			fd = -1;
			usleep(50 * 1000);
		}
	}
	assert_true(fd >= 0);
	assert_true(read_until(fd, "Password: ", answer, sizeof(answer)));
	say(fd, "cisco\r\n");
	assert_true(read_until(fd, "John-43> ", answer, sizeof(answer)));
	run(fd, "test open\r\n", answer, sizeof(answer));
	/* directories: the list, then External Directory (item 5) */
	run(fd, "test key dir\r\n", answer, sizeof(answer));
	wait_screen(fd, "|Directories 1/5", answer, sizeof(answer));
	run(fd, "test key 5\r\n", answer, sizeof(answer));
	wait_screen(fd, "|Company", answer, sizeof(answer));
	assert_non_null(strstr(answer, "|> 1 Staff"));
	/* a card that is not well-formed: said, the menu stays */
	run(fd, "test key 2\r\n", answer, sizeof(answer));
	wait_screen(fd, "|line 1: mismatched tag", answer, sizeof(answer));
	assert_non_null(strstr(answer, "|  1 Staff"));
	run(fd, "test key 1\r\n", answer, sizeof(answer));
	wait_screen(fd, "|> 1 Bob", answer, sizeof(answer));
	assert_non_null(strstr(answer, "5551234"));
	/* Dial: the call goes out, the screens close */
	run(fd, "test key sk1\r\n", answer, sizeof(answer));
	wait_screen(fd, "5551234@127.0.0.63", answer, sizeof(answer));
	run(fd, "test onhook\r\n", answer, sizeof(answer));
	/* Placed Calls has it */
	run(fd, "test key dir 3\r\n", answer, sizeof(answer));
	wait_screen(fd, "|> 1 5551234", answer, sizeof(answer));
	run(fd, "test key sk4\r\n", answer, sizeof(answer));
	/* services: the server has no such card */
	run(fd, "test key serv\r\n", answer, sizeof(answer));
	wait_screen(fd, "|Services: HTTP 404", answer, sizeof(answer));
	/* show personaldir: the number dialed */
	run(fd, "show personaldir\r\n", answer, sizeof(answer));
	assert_non_null(strstr(answer, "personal directory: 1 of 32 entries"));
	assert_non_null(strstr(answer, " 1 5551234 uses 1"));
	run(fd, "show ethernet\r\n", answer, sizeof(answer));
	assert_non_null(strstr(answer, "  sip udp " PHONE_IP ":5060: rx "));
	assert_non_null(strstr(answer, "  http: 4 requests (3 ok, 1 failed)"));
	assert_non_null(strstr(answer, "interface lo (/proc/net/dev): rx "));
	run(fd, "show stacks\r\n", answer, sizeof(answer));
	assert_non_null(strstr(answer, "task: libuv loop (pid "));
	assert_non_null(strstr(answer, "  udp      "));
	assert_non_null(strstr(answer, "directories: idle, cards fetched 4 "
				       "(read 2, failed 2)"));
	run(fd, "show memorymap\r\n", answer, sizeof(answer));
	assert_non_null(strstr(answer, "heap (mallinfo2): arena "));
	assert_non_null(strstr(answer, "process (/proc/self/statm): size "));
	run(fd, "show arp\r\n", answer, sizeof(answer));
	assert_non_null(strstr(answer, "ARP cache (/proc/net/arp):"));
	assert_non_null(strstr(answer, " entries"));
	say(fd, "exit\r\n");
	close(fd);
	assert_int_equal(stop_phone(pid), 0);
	stop_www();
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_boot_from_tftp),
		cmocka_unit_test(test_boot_and_options),
		cmocka_unit_test(test_flash_survives_kill),
		cmocka_unit_test(test_telnet_cli),
		cmocka_unit_test(test_directories),
	};
	char *self = realpath(argc > 0 ? argv[0] : ".", NULL);

	if (!self)
		return 1;
	snprintf(bin, sizeof(bin), "%s/../bin/sipphone", dirname(self));
	free(self);
	if (argc > 1) /* one test by name (or a * pattern) */
		cmocka_set_test_filter(argv[1]);
	return cmocka_run_group_tests(tests, setup, teardown);
}
