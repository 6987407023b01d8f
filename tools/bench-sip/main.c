/*
 * bench-sip - SIP parser benchmark (issue 3; numbers, never pass/fail).
 *
 *   bench-sip [--iters N] [--callgrind] [--only NAME] CORPUS_DIR
 *
 * Reads the corpus (*.sip + expect.tsv; never copied), checks every
 * parser's fields against expect.tsv, then times N passes per parser:
 * ns/message and MB/s.  --callgrind re-runs this program under
 * valgrind --tool=callgrind once per parser (instrumentation switched on
 * only around the measured loop, by client request) and prints
 * instructions/message, the stable metric, with ratios to the fastest
 * peer and to the memchr-for-CRLF floor.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <valgrind/callgrind.h>

#include "bench.h"

enum { MAX_MSGS = 64, MAX_MSG = 8192 };

struct item {
	char name[128];
	char *buf;
	size_t len;
	char exp[12][160];
};

static struct item items[MAX_MSGS];
static unsigned nitems;
static const struct peer *const peers[] = {
	&peer_memchr, &peer_sipphone, &peer_sofia, &peer_osip, &peer_re,
};
#define NPEERS (sizeof(peers) / sizeof(peers[0]))

static int load(const char *dir)
{
	char path[512], line[2048];
	FILE *tsv, *f;

	snprintf(path, sizeof(path), "%s/expect.tsv", dir);
	tsv = fopen(path, "r");
	if (!tsv)
		return -errno;
	while (fgets(line, sizeof(line), tsv) && nitems < MAX_MSGS) {
		struct item *it = &items[nitems];
		char *e = it->exp[0];

		if (line[0] == '#' ||
		    sscanf(line, "%127s %159s %159s %159s %159s %159s %159s %159s %159s %159s %159s %159s",
			   it->name, e, it->exp[1], it->exp[2], it->exp[3], it->exp[4],
			   it->exp[5], it->exp[6], it->exp[7], it->exp[8], it->exp[9],
			   it->exp[10]) != 12)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, it->name);
		f = fopen(path, "rb");
		if (!f)
			continue;
		it->buf = malloc(MAX_MSG);
		if (!it->buf) {
			fclose(f);
			break;
		}
		it->len = fread(it->buf, 1, MAX_MSG, f);
		fclose(f);
		nitems++;
	}
	fclose(tsv);
	return nitems ? 0 : -ENOENT;
}

static int eq(struct bs b, const char *want)
{
	if (!strcmp(want, "-"))
		return !b.p || b.l == 0;
	return b.p && strlen(want) == b.l && !memcmp(b.p, want, b.l);
}

static int eq_uh(struct bs u, struct bs h, const char *want)
{
	char tmp[320];

	if (!strcmp(want, "-"))
		return !h.p || !h.l;
	snprintf(tmp, sizeof(tmp), "%.*s%s%.*s", (int)u.l, u.p ? u.p : "",
		 u.l ? "@" : "", (int)h.l, h.p ? h.p : "");
	return !strcmp(tmp, want);
}

/* Every field a phone needs, checked against expect.tsv. */
static unsigned check(const struct peer *pr, char *bad, size_t cap)
{
	unsigned i, ok = 0;

	bad[0] = '\0';
	for (i = 0; i < nitems; i++) {
		const struct item *it = &items[i];
		struct bfields f;
		int good;

		memset(&f, 0, sizeof(f));
		if (pr->parse(it->buf, it->len, &f) < 0) {
			pr->done();
			snprintf(bad + strlen(bad), cap - strlen(bad), " %.2s:parse", it->name);
			continue;
		}
		good = (strcmp(it->exp[0], "req") == 0) == (f.is_req != 0) &&
		       (f.is_req ? eq(f.start, it->exp[1]) &&
				   eq_uh(f.ruri_user, f.ruri_host, it->exp[2])
				 : f.status == strtoul(it->exp[1], NULL, 10)) &&
		       eq(f.branch, it->exp[3]) && eq(f.ftag, it->exp[4]) &&
		       eq(f.ttag, it->exp[5]) && eq(f.callid, it->exp[6]) &&
		       f.cseq == strtoul(it->exp[7], NULL, 10) &&
		       eq(f.cmeth, it->exp[8]) &&
		       eq_uh(f.ct_user, f.ct_host, it->exp[9]) &&
		       f.clen == strtoul(it->exp[10], NULL, 10);
		if (!good && getenv("BENCH_SIP_DEBUG"))
			fprintf(stderr, "%s %s: ruri %.*s@%.*s br %.*s ft %.*s tt %.*s cid %.*s cseq %lu %.*s ct %.*s@%.*s cl %lu\n",
				pr->name, it->name, (int)f.ruri_user.l, f.ruri_user.p,
				(int)f.ruri_host.l, f.ruri_host.p, (int)f.branch.l, f.branch.p,
				(int)f.ftag.l, f.ftag.p, (int)f.ttag.l, f.ttag.p,
				(int)f.callid.l, f.callid.p, f.cseq, (int)f.cmeth.l, f.cmeth.p,
				(int)f.ct_user.l, f.ct_user.p, (int)f.ct_host.l, f.ct_host.p, f.clen);
		pr->done();
		if (good)
			ok++;
		else if (strlen(bad) + 8 < cap)
			snprintf(bad + strlen(bad), cap - strlen(bad), " %.2s", it->name);
	}
	return ok;
}

static volatile size_t sink;

static void run(const struct peer *pr, unsigned iters)
{
	unsigned k, i;
	size_t acc = 0;

	for (k = 0; k < iters; k++)
		for (i = 0; i < nitems; i++) {
			struct bfields f;

			memset(&f, 0, sizeof(f));
			if (pr->parse(items[i].buf, items[i].len, &f) == 0)
				acc += f.branch.l + f.ftag.l + f.ttag.l + f.callid.l +
				       f.cmeth.l + f.ct_host.l + f.ruri_host.l +
				       f.cseq + f.clen + f.body_len + f.status;
			pr->done();
		}
	sink += acc;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Instructions per message of one peer, from a callgrind run of ourselves. */
static double callgrind_ir(const char *self, const char *name,
			   const char *dir, unsigned iters)
{
	char cmd[2048], out[256], line[512];
	double ir = -1;
	FILE *f;

	snprintf(out, sizeof(out), "build/bench-sip.%s.callgrind", name);
	snprintf(cmd, sizeof(cmd),
		 "valgrind --tool=callgrind --instr-atstart=no "
		 "--callgrind-out-file=%s %s --only %s --iters %u %s "
		 ">/dev/null 2>&1", out, self, name, iters, dir);
	if (system(cmd) != 0)
		return -1;
	f = fopen(out, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "totals:", 7) || !strncmp(line, "summary:", 8))
			ir = strtod(strchr(line, ':') + 1, NULL);
	fclose(f);
	remove(out);
	return ir < 0 ? -1 : ir / ((double)iters * nitems);
}

int main(int argc, char **argv)
{
	const char *dir = NULL, *only = NULL;
	unsigned iters = 2000, i, cg = 0;
	double ns[NPEERS], irs[NPEERS];
	size_t bytes = 0;
	char bad[512];
	int a;

	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--iters") && a + 1 < argc)
			iters = (unsigned)strtoul(argv[++a], NULL, 10);
		else if (!strcmp(argv[a], "--only") && a + 1 < argc)
			only = argv[++a];
		else if (!strcmp(argv[a], "--callgrind"))
			cg = 1;
		else
			dir = argv[a];
	}
	if (!dir || iters == 0) {
		fprintf(stderr, "usage: bench-sip [--iters N] [--callgrind] [--only NAME] CORPUS_DIR\n");
		return 2;
	}
	if (load(dir) < 0) {
		fprintf(stderr, "bench-sip: %s: no corpus (expect.tsv + *.sip)\n", dir);
		return 2;
	}
	for (i = 0; i < nitems; i++)
		bytes += items[i].len;
	for (i = 0; i < NPEERS; i++)
		if (peers[i]->init() < 0) {
			fprintf(stderr, "bench-sip: %s: init failed\n", peers[i]->name);
			return 2;
		}
	if (only) {
		/* One peer, measured by callgrind between the client requests. */
		for (i = 0; i < NPEERS; i++)
			if (!strcmp(peers[i]->name, only)) {
				run(peers[i], 1); /* warm caches and lazy init */
				CALLGRIND_START_INSTRUMENTATION;
				run(peers[i], iters);
				CALLGRIND_STOP_INSTRUMENTATION;
				return 0;
			}
		return 2;
	}
	printf("corpus: %u messages, %zu bytes (%.0f bytes/message), %u passes\n",
	       nitems, bytes, (double)bytes / nitems, iters);
	printf("%-12s %8s %9s %10s %8s %8s  %s\n", "parser", "ns/msg", "MB/s",
	       "instr/msg", "x fast", "x memchr", "fields ok");
	for (i = 0; i < NPEERS; i++) {
		double t0;

		run(peers[i], 1);
		t0 = now_ns();
		run(peers[i], iters);
		ns[i] = (now_ns() - t0) / ((double)iters * nitems);
		irs[i] = cg ? callgrind_ir(argv[0], peers[i]->name, dir,
					   iters > 20 ? 20 : iters) : -1;
	}
	for (i = 0; i < NPEERS; i++) {
		double fast = 0;
		unsigned j, ok = check(peers[i], bad, sizeof(bad));

		/* The fastest real parser (memchr is the floor, not a peer). */
		for (j = 1; j < NPEERS; j++) {
			double v = irs[0] >= 0 ? irs[j] : ns[j];

			if (v > 0 && (fast == 0 || v < fast))
				fast = v;
		}
		printf("%-12s %8.0f %9.1f %10.0f %8.2f %8.2f  %u/%u%s%s\n",
		       peers[i]->name, ns[i],
		       (double)bytes / nitems / ns[i] * 1e3,
		       irs[i], (irs[0] >= 0 ? irs[i] : ns[i]) / fast,
		       irs[0] >= 0 ? irs[i] / irs[0] : ns[i] / ns[0],
		       i ? ok : nitems, nitems, i && *bad ? " differ:" : "",
		       i ? bad : "");
	}
	printf("ratios use callgrind instructions when measured (--callgrind), else ns\n");
	return 0;
}
