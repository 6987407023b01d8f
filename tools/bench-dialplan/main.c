/*
 * bench-dialplan - the cost of one key under plans of 12, 200 and 500
 * templates (a benchmark: numbers, never pass/fail).
 *
 *   bench-dialplan [ROUNDS [guide|200|500]]
 *
 * Builds each plan in memory (the guide's North American sample, then
 * enterprise-like plans: extension blocks, site codes, area codes, a few
 * `*` and Rewrite templates), enters pseudo-random numbers drawn from the
 * same families key by key (timeout when the plan waits), and prints
 *   plan=NAME templates=N keys=K ns/key=X all_keys=A
 * (A counts the warm-up round too).  The key loop is the function
 * bench_keys; `make bench-dialplan` runs this under callgrind with
 * --toggle-collect=bench_keys and divides its instructions by A.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dialplan/dialplan.h"

static const char guide_plan[] =
	"<DIALTEMPLATE>\n"
	"  <TEMPLATE MATCH=\"0\" Timeout=\"1\" \"User=phone\"/>\n"
	"  <TEMPLATE MATCH=\"9,011*\" Timeout=\"6\" \"User=phone\"/>\n"
	"  <TEMPLATE MATCH=\"9,0\" Timeout=\"2\" User=\"Phone\"/>\n"
	"  <TEMPLATE MATCH=\"9,11\" Timeout=\"0\" User=\"Phone\" Rewrite=\"9911\"/>\n"
	"  <TEMPLATE MATCH=\"w!\" Timeout=\"1\" User=\"PHONE\" Rewrite=\"9911\"/>\n"
	"  <TEMPLATE MATCH=\"9,.11\" Timeout=\"0\" User=\"Phone\"/>\n"
	"  <TEMPLATE MATCH=\"9,101.....\" Timeout=\"0\" User=\"Phone\"/>\n"
	"  <TEMPLATE MATCH=\"9,10.....\" Timeout=\"0\" User=\"Phone\"/>\n"
	"  <TEMPLATE MATCH=\"9,10*\" Timeout=\"6\" User=\"Phone\"/>\n"
	"  <TEMPLATE MATCH=\"9,1.....\" Timeout=\"0\" User=\"Phone\"/>\n"
	"  <TEMPLATE MATCH=\"9,.....\" Timeout=\"0\" User=\"Phone\"/>\n"
	"  <TEMPLATE MATCH=\"*\" Timeout=\"15\"/>\n"
	"</DIALTEMPLATE>\n";

static unsigned long long rng = 0x9e3779b97f4a7c15ull;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* Template I of a generated plan, and a number that plan may see. */
static int gen_template(char *buf, size_t size, unsigned i)
{
	switch (i % 5) {
	case 0: /* extension blocks: 4 digits */
		return snprintf(buf, size, "<TEMPLATE MATCH=\"%u%02u.\" "
				"Timeout=\"0\" User=\"IP\"/>\n",
				1 + i / 5 % 7, i % 100);
	case 1: /* site codes: 8, then 7 digits */
		return snprintf(buf, size, "<TEMPLATE MATCH=\"8,%03u....\" "
				"Timeout=\"0\" User=\"Phone\" "
				"Tone=\"Cisco-Zip\"/>\n", i);
	case 2: /* area codes: 9,1 NPA NXX XXXX */
		return snprintf(buf, size, "<TEMPLATE MATCH=\"9,1%03u.......\" "
				"Timeout=\"0\" User=\"Phone\"/>\n", 200 + i);
	case 3: /* rewritten star codes (a dialed star: \*) */
		return snprintf(buf, size, "<TEMPLATE MATCH=\"\\*%02u..\" "
				"Timeout=\"3\" Rewrite=\"77%%1\"/>\n", i % 100);
	default: /* international and routed prefixes */
		return snprintf(buf, size, "<TEMPLATE MATCH=\"9,011%u*\" "
				"Timeout=\"6\" User=\"Phone\" "
				"Route=\"gw%u.example.com\"/>\n", i % 10, i);
	}
}

static void gen_number(char *out, size_t size, unsigned n)
{
	switch (rnd(7)) {
	case 0: /* an extension */
		snprintf(out, size, "%u%02u%u", 1 + rnd(7), rnd(100), rnd(10));
		break;
	case 1: /* another site */
		snprintf(out, size, "8%03u%04u", rnd(n), rnd(10000));
		break;
	case 2: /* long distance */
		snprintf(out, size, "91%03u%03u%04u", 200 + rnd(n), rnd(1000),
			 rnd(10000));
		break;
	case 3: /* international */
		snprintf(out, size, "9011%u%09u", rnd(10), rnd(1000000000));
		break;
	case 4: /* a star code */
		snprintf(out, size, "*%02u%02u", rnd(100), rnd(100));
		break;
	case 5:
		snprintf(out, size, "911");
		break;
	default: /* local */
		snprintf(out, size, "9%07u", rnd(10000000));
	}
}

/* The measured loop: every key of COUNT numbers.  Returns the keys fed. */
__attribute__((noinline)) unsigned long bench_keys(struct dialplan_session *s,
						   char (*nums)[32],
						   unsigned count);
__attribute__((noinline)) unsigned long bench_keys(struct dialplan_session *s,
						   char (*nums)[32],
						   unsigned count)
{
	struct dialplan_result r;
	unsigned long keys = 0;
	unsigned i, j;

	for (i = 0; i < count; i++) {
		dialplan_session_restart(s);
		r.action = DIALPLAN_COLLECT;
		for (j = 0; nums[i][j]; j++) {
			keys++;
			if (dialplan_feed_key(s, nums[i][j], &r) ||
			    r.action == DIALPLAN_DIAL)
				break;
		}
		if (r.action == DIALPLAN_COLLECT)
			(void)dialplan_timeout(s, &r);
	}
	return keys;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int run(const char *name, const char *xml, size_t len, unsigned n,
	       unsigned rounds)
{
	enum { NUMS = 4096 };
	static char nums[NUMS][32];
	struct dialplan *plan = NULL;
	struct dialplan_session *s = NULL;
	struct dialplan_stats st;
	unsigned long keys = 0, warm;
	unsigned i;
	double t0, t1;
	int err;

	err = dialplan_load(name, (const uint8_t *)xml, len,
			    dialplan_report_stderr, NULL, &st, &plan);
	if (err)
		goto out;
	err = dialplan_session_start(plan, &s);
	if (err)
		goto out;
	for (i = 0; i < NUMS; i++)
		gen_number(nums[i], sizeof(nums[i]), n ? n : 1);
	warm = bench_keys(s, nums, NUMS);
	t0 = now();
	for (i = 0; i < rounds; i++)
		keys += bench_keys(s, nums, NUMS);
	t1 = now();
	printf("plan=%s templates=%u keys=%lu ns/key=%.1f all_keys=%lu\n",
	       name, st.templates, keys, (t1 - t0) / (double)keys,
	       keys + warm);
out:
	dialplan_session_free(s);
	dialplan_free(plan);
	if (err)
		fprintf(stderr, "bench-dialplan: %s: %s\n", name, strerror(-err));
	return err;
}

static int run_generated(unsigned n, unsigned rounds)
{
	size_t cap = 64 + (size_t)n * 160, len;
	char *xml = malloc(cap), name[32];
	unsigned i;
	int w, err;

	if (!xml)
		return -ENOMEM;
	len = (size_t)snprintf(xml, cap, "<DIALTEMPLATE>\n");
	for (i = 0; i < n; i++) {
		w = gen_template(xml + len, cap - len, i);
		if (w < 0 || (size_t)w >= cap - len) {
			free(xml);
			return -EOVERFLOW;
		}
		len += (size_t)w;
	}
	w = snprintf(xml + len, cap - len,
		     "<TEMPLATE MATCH=\"*\" Timeout=\"15\"/>\n</DIALTEMPLATE>\n");
	if (w < 0 || (size_t)w >= cap - len) {
		free(xml);
		return -EOVERFLOW;
	}
	len += (size_t)w;
	snprintf(name, sizeof(name), "generated-%u", n + 1);
	err = run(name, xml, len, n, rounds);
	free(xml);
	return err;
}

int main(int argc, char **argv)
{
	unsigned rounds = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 50;
	const char *only = argc > 2 ? argv[2] : NULL;
	int err = 0;

	if (rounds == 0)
		rounds = 1;
	if (!only || !strcmp(only, "guide"))
		err |= run("guide-north-american", guide_plan,
			   sizeof(guide_plan) - 1, 0, rounds);
	if (!only || !strcmp(only, "200"))
		err |= run_generated(199, rounds);
	if (!only || !strcmp(only, "500"))
		err |= run_generated(499, rounds);
	return err ? 1 : 0;
}
