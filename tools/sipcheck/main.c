/*
 * sipcheck - parse SIP messages, one UDP datagram per file.
 *
 *   sipcheck FILE...
 *
 * One line per file (a contract: other programs parse it):
 *   FILE: ok request METHOD call-id=ID cseq=N METHOD via=COUNT body=LEN
 *   FILE: ok response CODE call-id=ID cseq=N METHOD via=COUNT body=LEN
 *   FILE: invalid CODE REASON
 * Exit status: 0 every file ok, 1 some file invalid, 2 usage or I/O error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sip/sip_msg.h"

/* One byte more than a message may have, so 413 can be told. */
static char buf[SIP_MSG_MAX_SIZE + 1];
static struct sip_msg msg;

static void usage(FILE *f)
{
	fputs("usage: sipcheck FILE...\n"
	      "\n"
	      "Parses each FILE as one SIP message received in a UDP datagram\n"
	      "and prints one line per file:\n"
	      "  FILE: ok request METHOD call-id=ID cseq=N METHOD via=COUNT body=LEN\n"
	      "  FILE: ok response CODE call-id=ID cseq=N METHOD via=COUNT body=LEN\n"
	      "  FILE: invalid CODE REASON\n"
	      "\n"
	      "Exit status: 0 all ok, 1 some file invalid, 2 usage or I/O error.\n",
	      f);
}

/* -1 on an I/O error; the length read otherwise (at most sizeof(buf)). */
static long read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t n;
	long ret;

	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf), f);
	ret = ferror(f) ? -1 : (long)n;
	if (fclose(f) != 0)
		ret = -1;
	return ret;
}

static int check(const char *path)
{
	struct sip_err err;
	long n = read_file(path);

	if (n < 0) {
		fprintf(stderr, "sipcheck: %s: %s\n", path, strerror(errno));
		return 2;
	}
	if (sip_msg_parse(&msg, buf, (size_t)n, 0, &err) < 0) {
		printf("%s: invalid %u %s\n", path, err.status, err.reason);
		return 1;
	}
	if (msg.is_request)
		printf("%s: ok request %.*s", path, (int)msg.method.l,
		       msg.method.p);
	else
		printf("%s: ok response %u", path, msg.status);
	printf(" call-id=%.*s cseq=%u %.*s via=%u body=%zu\n",
	       (int)msg.call_id.l, msg.call_id.p, msg.cseq.num,
	       (int)msg.cseq.method.l, msg.cseq.method.p, msg.via_count,
	       msg.body.l);
	return 0;
}

int main(int argc, char **argv)
{
	int i, rc, status = 0;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		rc = check(argv[i]);
		if (rc > status)
			status = rc;
	}
	if (fflush(stdout) != 0)
		status = 2;
	return status;
}
