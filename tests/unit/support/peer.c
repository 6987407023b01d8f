/*
 * peer.c - starting and stopping real peers from tests.
 */
#define _DEFAULT_SOURCE /* usleep */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "peer.h"

const char *peer_find(const char *name)
{
	static const char *const dirs[] = {"/usr/sbin", "/usr/bin", "/sbin",
					   "/bin", "/usr/local/bin"};
	static char path[256];
	unsigned i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dirs[i], name);
		if (access(path, X_OK) == 0)
			return path;
	}
	return NULL;
}

uint64_t peer_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

pid_t peer_spawn(char *const argv[])
{
	pid_t parent = getpid(), pid;

	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		/* Its own process group: peer_stop() reaches the workers a
		 * peer forks (kamailio) as well.  Out of the test's group, so
		 * tied to the test's life instead. */
		setpgid(0, 0);
		if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0 || getppid() != parent)
			_exit(127);
		if (fd >= 0 && !getenv("SIPPHONE_PEER_DEBUG")) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* Kill the group of PID (and PID, should it not lead one yet); reap it. */
static void run_kill(pid_t pid, int *status)
{
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	waitpid(pid, status, 0);
}

int peer_run(char *const argv[], char *buf, size_t size, unsigned ms)
{
	uint64_t end = peer_now_ms() + ms;
	bool eof = false, cut = false;
	int fds[2], status = -1;
	size_t n = 0;
	pid_t pid;

	buf[0] = '\0';
	if (size == 0 || pipe(fds) < 0)
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		setpgid(0, 0);
		if (fd < 0 || dup2(fds[1], 1) < 0 || dup2(fd, 0) < 0 ||
		    dup2(fd, 2) < 0)
			_exit(127);
		close(fds[0]);
		close(fds[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	while (!eof) {
		uint64_t now = peer_now_ms();
		struct pollfd pf = {.fd = fds[0], .events = POLLIN};
		char chunk[4096];
		ssize_t r;
		size_t keep;
		int rc;

		if (now >= end)
			break;
		rc = poll(&pf, 1, (int)(end - now));
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0)
			break;
		r = read(fds[0], chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			eof = r == 0;
			break;
		}
		/* Read it all, so the peer never blocks on a full pipe. */
		keep = (size_t)r < size - 1 - n ? (size_t)r : size - 1 - n;
		memcpy(buf + n, chunk, keep);
		n += keep;
		cut |= keep < (size_t)r;
	}
	close(fds[0]);
	buf[n] = '\0';
	if (!eof) {
		run_kill(pid, &status);
		return -1;
	}
	{
		uint64_t now = peer_now_ms();

		if (peer_wait_exit(pid, now < end ? (unsigned)(end - now) : 0,
				   &status))
			run_kill(pid, &status);
	}
	return !cut && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int peer_exec_wrapper(char **argv, int max)
{
	const char *wrap = getenv("SIPPHONE_EXEC_WRAPPER");
	static char words[256];
	char *tok, *save = NULL;
	int n = 0;

	if (!wrap)
		return 0;
	snprintf(words, sizeof(words), "%s", wrap);
	for (tok = strtok_r(words, " ", &save); tok && n < max;
	     tok = strtok_r(NULL, " ", &save))
		argv[n++] = tok;
	return n;
}

int peer_wait_exit(pid_t pid, unsigned ms, int *status)
{
	unsigned waited;

	for (waited = 0; waited <= ms; waited += 20) {
		pid_t r = waitpid(pid, status, WNOHANG);

		if (r == pid)
			return 0;
		if (r < 0)
			return -1;
		usleep(20 * 1000);
	}
	return -1;
}

void peer_stop(pid_t *pid)
{
	int status;

	if (*pid <= 0)
		return;
	kill(-*pid, SIGTERM);
	if (peer_wait_exit(*pid, 3000, &status)) {
		kill(-*pid, SIGKILL);
		waitpid(*pid, &status, 0);
	}
	/* whatever of the group outlived its leader */
	kill(-*pid, SIGKILL);
	*pid = 0;
}

int peer_wait_dns(const char *ip, uint16_t port, const char *name, pid_t pid)
{
	unsigned char q[300] = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0};
	struct sockaddr_in sa = {.sin_family = AF_INET};
	size_t n = 12, len;
	const char *p = name;
	int fd, i, ok = -1;

	/* The question: NAME as labels, type A, class IN. */
	while (*p) {
		const char *dot = strchr(p, '.');

		len = dot ? (size_t)(dot - p) : strlen(p);
		if (len == 0 || len > 63 || n + len + 6 > sizeof(q))
			return -1;
		q[n++] = (unsigned char)len;
		memcpy(q + n, p, len);
		n += len;
		p += len + (dot ? 1 : 0);
	}
	q[n++] = 0;
	q[n++] = 0, q[n++] = 1, q[n++] = 0, q[n++] = 1;
	sa.sin_port = htons(port);
	if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1)
		return -1;
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -1;
	for (i = 0; i < 100 && ok < 0; i++) {
		struct pollfd pf = {.fd = fd, .events = POLLIN};
		unsigned char a[512];

		if (waitpid(pid, NULL, WNOHANG) != 0)
			break;
		if (sendto(fd, q, n, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0 &&
		    errno != ECONNREFUSED)
			break;
		if (poll(&pf, 1, 50) == 1 && recv(fd, a, sizeof(a), 0) >= 12 &&
		    a[0] == 0x12 && a[1] == 0x34)
			ok = 0;
	}
	close(fd);
	return ok;
}
