/*
 * test_dialplan_reader.c - reading dialplan.xml (spec/dialplan/dialplan_xml.rl
 * and runtime/dialplan/dialplan_load.c).
 *
 * Guide: "Creating Dial Plans" and its three release 4.4 examples.  The
 * examples are in tests/data/dialplan/guide-*.xml, byte for byte; when the
 * guide is at hand (../shared, or SIPPHONE_SHARED) that is checked too.
 * Run from the repository root, or set SIPPHONE_SRC.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "dialplan/dialplan.h"

/* ---------------------------------------------------------------- helpers */

enum { MAX_DIAGS = 64 };

struct diags {
	unsigned n, lines[MAX_DIAGS];
	char msgs[MAX_DIAGS][DIALPLAN_DIAG_MAX + 512];
};

static void collect(void *arg, const struct dialplan_diag *d)
{
	struct diags *ds = arg;

	if (ds->n < MAX_DIAGS) {
		ds->lines[ds->n] = d->line;
		dialplan_diag_format(d, ds->msgs[ds->n], sizeof(ds->msgs[0]));
	}
	ds->n++;
}

static struct dialplan *load_str(const char *xml, struct diags *ds,
				 struct dialplan_stats *st)
{
	struct dialplan *plan = NULL;

	memset(ds, 0, sizeof(*ds));
	assert_int_equal(dialplan_load("t.xml", (const uint8_t *)xml,
				       strlen(xml), collect, ds, st, &plan), 0);
	assert_non_null(plan);
	if (st)
		assert_int_equal(st->warnings, ds->n);
	return plan;
}

static void print_diags(const struct diags *ds)
{
	unsigned i;

	for (i = 0; i < ds->n && i < MAX_DIAGS; i++)
		print_message("  diag: %s\n", ds->msgs[i]);
}

/* Warning I is on LINE and says WHAT. */
static void assert_diag(const struct diags *ds, unsigned i, unsigned line,
			const char *what)
{
	if (i >= ds->n || ds->lines[i] != line || !strstr(ds->msgs[i], what)) {
		print_diags(ds);
		print_message("  wanted #%u at line %u: %s\n", i, line, what);
		fail();
	}
	assert_non_null(strstr(ds->msgs[i], ": warning: "));
}

/* What the phone does for KEYS, in dialplan-test's words. */
static void outcome(const struct dialplan *plan, const char *keys, char *out,
		    size_t size)
{
	struct dialplan_session *s;
	struct dialplan_result r = {0};
	unsigned after = 0;
	const char *p;

	assert_int_equal(dialplan_session_start(plan, &s), 0);
	for (p = keys; *p; p++) {
		assert_int_equal(dialplan_feed_key(s, (unsigned char)*p, &r), 0);
		if (r.action == DIALPLAN_DIAL)
			break;
	}
	if (r.action == DIALPLAN_COLLECT && r.timeout) {
		after = r.timeout;
		assert_int_equal(dialplan_timeout(s, &r), 0);
	}
	assert_int_equal(r.action, DIALPLAN_DIAL);
	snprintf(out, size, "dial=%s after=%u user=%s route=%s line=%u",
		 r.dial, after,
		 r.user == DIALPLAN_USER_PHONE ? "phone"
		 : r.user == DIALPLAN_USER_IP  ? "ip"
					       : "none",
		 r.route == DIALPLAN_ROUTE_EMERGENCY ? "emergency"
		 : r.route == DIALPLAN_ROUTE_FQDN    ? r.route_host
						     : "default",
		 r.line);
	dialplan_session_free(s);
}

#define assert_outcome(plan, keys, want)                                      \
	do {                                                                  \
		char got_[512];                                               \
		outcome(plan, keys, got_, sizeof(got_));                      \
		assert_string_equal(got_, want);                              \
	} while (0)

static const char *src_dir(void)
{
	const char *s = getenv("SIPPHONE_SRC");

	return s && *s ? s : ".";
}

static uint8_t *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f)
		return NULL;
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static struct dialplan *load_data(const char *name, struct diags *ds,
				  struct dialplan_stats *st)
{
	char path[1024];
	struct dialplan *plan = NULL;

	memset(ds, 0, sizeof(*ds));
	snprintf(path, sizeof(path), "%s/tests/data/dialplan/%s", src_dir(),
		 name);
	assert_int_equal(dialplan_load_file(path, collect, ds, st, &plan), 0);
	return plan;
}

/* ---------------------------------------------------------------- guide */

/* "The following is an example of a North American dial plan" - loads
 * as printed: "User=phone" in quotes, a comment over two lines. */
static void test_guide_north_american(void **state)
{
	struct dialplan_stats st;
	struct diags ds;
	struct dialplan *plan = load_data("guide-2-17-north-american.xml", &ds,
					  &st);

	(void)state;
	print_diags(&ds);
	assert_int_equal(ds.n, 0);
	assert_int_equal(st.templates, 12);
	assert_int_equal(dialplan_count(plan), 12);
	/* The quoted "User=phone" is read as User="phone". */
	assert_outcome(plan, "0", "dial=0 after=1 user=phone route=default line=2");
	/* The template after the two-line comment is on line 8. */
	assert_outcome(plan, "9411",
		       "dial=9411 after=0 user=phone route=default line=8");
	assert_outcome(plan, "w!",
		       "dial=9911 after=1 user=phone route=default line=6");
	assert_outcome(plan, "1234",
		       "dial=1234 after=15 user=none route=default line=16");
	dialplan_free(plan);
}

/* "Specifying the # ...": closed with </DIALTEMPLATE/>, TIMEOUT in upper
 * case; no warning. */
static void test_guide_hash(void **state)
{
	struct dialplan_stats st;
	struct diags ds;
	struct dialplan *plan = load_data("guide-2-21-hash.xml", &ds, &st);

	(void)state;
	print_diags(&ds);
	assert_int_equal(ds.n, 0);
	assert_int_equal(st.templates, 3);
	assert_outcome(plan, "123#45#6",
		       "dial=123#45#6 after=0 user=phone route=default line=2");
	dialplan_free(plan);
}

static void test_guide_star(void **state)
{
	struct dialplan_stats st;
	struct diags ds;
	struct dialplan *plan = load_data("guide-2-21-star.xml", &ds, &st);

	(void)state;
	assert_int_equal(ds.n, 0);
	assert_int_equal(st.templates, 2);
	assert_outcome(plan, "12*345",
		       "dial=12*345 after=0 user=phone route=default line=2");
	dialplan_free(plan);
}

/* Two Tone attributes on one template; a comment on its own line. */
static void test_guide_tone(void **state)
{
	struct dialplan_stats st;
	struct diags ds;
	struct dialplan *plan = load_data("guide-2-21-tone.xml", &ds, &st);

	(void)state;
	assert_int_equal(ds.n, 0);
	assert_int_equal(st.templates, 4);
	assert_outcome(plan, "8123456",
		       "dial=8123456 after=0 user=none route=default line=5");
	dialplan_free(plan);
}

/* The data files are the guide's text, byte for byte: each example runs
 * from its "<DIALTEMPLATE>" line to its "</DIALTEMPLATE" line. */
static void test_guide_bytes(void **state)
{
	static const char *const names[] = {
		"guide-2-17-north-american.xml", "guide-2-21-hash.xml",
		"guide-2-21-star.xml", "guide-2-21-tone.xml",
	};
	const char *shared = getenv("SIPPHONE_SHARED");
	char path[1024];
	uint8_t *guide, *data;
	size_t glen, dlen, i;
	const char *p, *end;

	(void)state;
	if (shared && *shared)
		snprintf(path, sizeof(path),
			 "%s/seed/000_30514bda1dac547b.txt", shared);
	else
		snprintf(path, sizeof(path),
			 "%s/../shared/seed/000_30514bda1dac547b.txt",
			 src_dir());
	guide = read_all(path, &glen);
	if (!guide) {
		print_message("skipped: the guide is not at %s\n", path);
		skip();
	}
	p = (const char *)guide;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		p = strstr(p, "\n<DIALTEMPLATE>\n");
		assert_non_null(p);
		p++;
		end = strstr(p, "\n</DIALTEMPLATE");
		assert_non_null(end);
		end = strchr(end + 1, '\n');
		assert_non_null(end);
		end++;
		snprintf(path, sizeof(path), "%s/tests/data/dialplan/%s",
			 src_dir(), names[i]);
		data = read_all(path, &dlen);
		assert_non_null(data);
		assert_int_equal(dlen, (size_t)(end - p));
		assert_memory_equal(data, p, dlen);
		free(data);
		p = end;
	}
	free(guide);
}

/* SIPDefault.cnf says dial_template: "dialplan": the example TFTP root
 * holds the guide's North American sample. */
static void test_example_tftpboot(void **state)
{
	char path[1024];
	struct dialplan *plan = NULL;
	struct dialplan_stats st;
	struct diags ds = {0};
	uint8_t *a, *b;
	size_t alen, blen;

	(void)state;
	snprintf(path, sizeof(path), "%s/examples/tftpboot/dialplan.xml",
		 src_dir());
	assert_int_equal(dialplan_load_file(path, collect, &ds, &st, &plan), 0);
	assert_int_equal(ds.n, 0);
	assert_int_equal(st.templates, 12);
	dialplan_free(plan);
	a = read_all(path, &alen);
	snprintf(path, sizeof(path),
		 "%s/tests/data/dialplan/guide-2-17-north-american.xml",
		 src_dir());
	b = read_all(path, &blen);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	free(a);
	free(b);
}

/* ---------------------------------------------------------------- dialect */

/* "This entry is not case sensitive": names and values. */
static void test_case_insensitive(void **state)
{
	struct diags ds;
	struct dialplan *plan = load_str(
		"<dialTemplate>\n"
		"<template match=\"1\" timeout=\"0\" uSeR=\"PHONE\" "
		"ROUTE=\"EMERGENCY\"/>\n"
		"<Template Match=\"2\" TimeOut=\"0\" user=\"ip\" "
		"route=\"Default\" REWRITE=\"22\"/>\n"
		"<TEMPLATE MATCH=\"3,\" TIMEOUT=\"0\" TONE=\"cisco-zipzip\"/>\n"
		"</dialtemplate>\n", &ds, NULL);

	(void)state;
	assert_int_equal(ds.n, 0);
	assert_int_equal(dialplan_count(plan), 3);
	assert_outcome(plan, "1", "dial=1 after=0 user=phone route=emergency line=2");
	assert_outcome(plan, "2", "dial=22 after=0 user=ip route=default line=3");
	dialplan_free(plan);
}

/* Quoting the guide prints and others: "User=phone", 'single', bare. */
static void test_quoting(void **state)
{
	struct diags ds;
	struct dialplan *plan = load_str(
		"<DIALTEMPLATE>\n"
		"<TEMPLATE MATCH=\"1\" Timeout=\"0\" \"User=phone\"/>\n"
		"<TEMPLATE MATCH='2' Timeout='0' 'User=IP'/>\n"
		"<TEMPLATE MATCH=3 Timeout=0 User=phone Route=pbx.example.com/>\n"
		"<TEMPLATE MATCH = \"4\"   Timeout =\n\"0\" \" User = ip \" />\n"
		"<TEMPLATE MATCH=\"5\"Timeout=\"0\"User=\"IP\"/>\n"
		"</DIALTEMPLATE>\n", &ds, NULL);

	(void)state;
	print_diags(&ds);
	assert_int_equal(ds.n, 0);
	assert_int_equal(dialplan_count(plan), 5);
	assert_outcome(plan, "1", "dial=1 after=0 user=phone route=default line=2");
	assert_outcome(plan, "2", "dial=2 after=0 user=ip route=default line=3");
	assert_outcome(plan, "3",
		       "dial=3 after=0 user=phone route=pbx.example.com line=4");
	assert_outcome(plan, "4", "dial=4 after=0 user=ip route=default line=5");
	assert_outcome(plan, "5", "dial=5 after=0 user=ip route=default line=7");
	dialplan_free(plan);
}

/* "<!-- -->" anywhere: between templates, over lines, inside a tag,
 * before the plan; with <?xml?>, <!DOCTYPE>, a BOM and CRLF around. */
static void test_comments_and_prolog(void **state)
{
	struct diags ds;
	struct dialplan *plan = load_str(
		"\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
		"<!DOCTYPE DIALTEMPLATE>\r\n"
		"<!-- a plan -- with <TEMPLATE MATCH=\"9\"/> inside -->\r\n"
		"<DIALTEMPLATE><!--x--><!---->\r\n"
		"  <TEMPLATE <!-- c --> MATCH=\"1\" <!-- two\r\n"
		"  lines --> Timeout=\"0\"/><!-- tail -->\r\n"
		"  <!--\r\n\r\n-->  <TEMPLATE MATCH=\"2\" Timeout=\"0\"/>\r\n"
		"</DIALTEMPLATE>\r\n<!-- after -->", &ds, NULL);

	(void)state;
	print_diags(&ds);
	assert_int_equal(ds.n, 0);
	assert_int_equal(dialplan_count(plan), 2);
	assert_outcome(plan, "1", "dial=1 after=0 user=none route=default line=5");
	assert_outcome(plan, "2", "dial=2 after=0 user=none route=default line=9");
	/* The commented-out template is not read. */
	assert_outcome(plan, "9", "dial=9 after=15 user=none route=default line=0");
	dialplan_free(plan);
}

/* <TEMPLATE ...></TEMPLATE>, </DIALTEMPLATE/>, </DIALTEMPLATE >. */
static void test_closing_forms(void **state)
{
	struct diags ds;
	struct dialplan *plan = load_str(
		"<DIALTEMPLATE >\n"
		"<TEMPLATE MATCH=\"1\" Timeout=\"0\"></TEMPLATE>\n"
		"<TEMPLATE MATCH=\"2\" Timeout=\"0\" / >\n"
		"</DIALTEMPLATE/>\n"
		"<DIALTEMPLATE><TEMPLATE MATCH=\"3\"/></DIALTEMPLATE >\n",
		&ds, NULL);

	(void)state;
	print_diags(&ds);
	assert_int_equal(ds.n, 0);
	assert_int_equal(dialplan_count(plan), 3);
	dialplan_free(plan);
}

/* ---------------------------------------------------------------- errors */

struct bad_case {
	const char *name;
	const char *xml;
	unsigned templates;
	unsigned ndiag;
	struct { unsigned line; const char *what; } diag[6];
};

/* Each problem is one warning on its line; the rest of the plan is kept
 * (every case has good templates around the bad one). */
static const struct bad_case bad_cases[] = {
	{"missing end quote: the next template survives",
	 "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"1\"/>\n"
	 "<TEMPLATE MATCH=\"2 Timeout=\"0\"/>\n"
	 "<TEMPLATE MATCH=\"3/>\n"
	 "<TEMPLATE MATCH=\"4\"/>\n</DIALTEMPLATE>\n",
	 2, 2, {{3, "unexpected '0'; template skipped"},
		{4, "unexpected a line end; template skipped"}}},
	{"unknown attribute",
	 "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"1\"\n Colour=\"red\"/>\n"
	 "<TEMPLATE MATCH=\"2\"/></DIALTEMPLATE>",
	 2, 1, {{3, "unknown attribute Colour ignored"}}},
	{"no MATCH",
	 "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"1\"/>\n<TEMPLATE Timeout=\"1\"/>\n"
	 "<TEMPLATE MATCH=\"2\"/></DIALTEMPLATE>",
	 2, 1, {{3, "<TEMPLATE> without MATCH; skipped"}}},
	{"empty MATCH, and a MATCH of commas only",
	 "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"\"/>\n<TEMPLATE MATCH=\",,\"/>\n"
	 "<TEMPLATE MATCH=\"2\"/></DIALTEMPLATE>",
	 1, 2, {{2, "names no key"}, {3, "names no key"}}},
	{"MATCH with a space, a control byte, a non-ASCII byte, a quote",
	 "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"1 2\"/>\n<TEMPLATE MATCH=\"1\x01\"/>\n"
	 "<TEMPLATE MATCH=\"\xc3\xa9\"/>\n<TEMPLATE MATCH='1\"'/>\n"
	 "<TEMPLATE MATCH=\"5\"/></DIALTEMPLATE>",
	 1, 4, {{2, "byte 0x20 is not a key"}, {3, "byte 0x01 is not a key"},
		{4, "byte 0xc3 is not a key"}, {5, "'\"' is not a key"}}},
	{"bad Timeout: the template is kept with the default",
	 "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"1\" Timeout=\"soon\"/>\n"
	 "<TEMPLATE MATCH=\"2\" Timeout=\"-1\"/>\n"
	 "<TEMPLATE MATCH=\"3\" Timeout=\"\"/>\n"
	 "<TEMPLATE MATCH=\"4\" Timeout=\"3601\"/></DIALTEMPLATE>",
	 4, 4, {{2, "Timeout=\"soon\" is not 0..3600 seconds; 15 used"},
		{3, "Timeout=\"-1\""}, {4, "Timeout=\"\""},
		{5, "Timeout=\"3601\""}}},
	{"bad User and Route",
	 "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"1\" User=\"sip\"/>\n"
	 "<TEMPLATE MATCH=\"2\" Route=\"proxy one\"/>\n"
	 "<TEMPLATE MATCH=\"3\" Route=\"-x.example\"/>\n"
	 "<TEMPLATE MATCH=\"4\" Route=\"\"/></DIALTEMPLATE>",
	 4, 4, {{2, "User=\"sip\" is not phone or IP; ignored"},
		{3, "Route=\"proxy one\" is not default, emergency or a host"},
		{4, "Route=\"-x.example\""}, {5, "Route=\"\""}}},
	{"tones: unknown, a fourth, one without a comma",
	 "<DIALTEMPLATE>\n"
	 "<TEMPLATE MATCH=\"1,2,3,4\" Tone=\"Cisco-Zip\" Tone=\"Beep\"\n"
	 "  Tone=\"Bellcore-Hold\" Tone=\"Cisco-Zip\"/>\n"
	 "<TEMPLATE MATCH=\"5\" Tone=\"Cisco-Zip\"/></DIALTEMPLATE>",
	 2, 3, {{3, "more than 3 Tone attributes; Tone=\"Cisco-Zip\" ignored"},
		{2, "unknown tone \"Beep\"; Bellcore-Outside played instead"},
		{4, "1 Tone attribute but 0 commas in MATCH"}}},
	{"bad Rewrite: the template is skipped",
	 "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"1\" Rewrite=\"%9\"/>\n"
	 "<TEMPLATE MATCH=\"2\" Rewrite=\"9%\"/>\n"
	 "<TEMPLATE MATCH=\"3\" Rewrite=\"\"/>\n"
	 "<TEMPLATE MATCH=\"4\" Rewrite=\"a b\"/>\n"
	 "<TEMPLATE MATCH=\"5\" Rewrite=\"%s%s%s%s\"/>\n"
	 "<TEMPLATE MATCH=\"6\" Rewrite=\"%1\"/></DIALTEMPLATE>",
	 1, 5, {{2, "\"%9\" is not %s, %0..%5 or %%"},
		{3, "\"%?\" is not"}, {4, "Rewrite=\"\" would dial nothing"},
		{5, "byte 0x20 cannot be dialed"},
		{6, "can make 256 bytes to dial, more than 255"}}},
	{"a second MATCH",
	 "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"1\"\n\n MATCH=\"2\"/>\n"
	 "</DIALTEMPLATE>",
	 1, 1, {{4, "second MATCH attribute ignored"}}},
	{"structure: nested, stray close, unknown element, text, outside",
	 "</DIALTEMPLATE>\n<DIALTEMPLATE>\n<DIALTEMPLATE>\n"
	 "<FOO a=\"<\"/>\n<Templates/>\n"
	 "dial nine first\n<TEMPLATE MATCH=\"1\"/>\n</DIALTEMPLATE>\n"
	 "<TEMPLATE MATCH=\"2\"/>\n",
	 2, 6, {{1, "</DIALTEMPLATE> without <DIALTEMPLATE>"},
		{3, "<DIALTEMPLATE> inside the <DIALTEMPLATE> of line 2"},
		{4, "unknown element <FOO> ignored"},
		{5, "unknown element <Templates> ignored"},
		{6, "text outside a tag ignored"},
		{9, "<TEMPLATE> outside <DIALTEMPLATE>...</DIALTEMPLATE>; used"}}},
	{"bytes no tag takes",
	 "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"1\" \x01/>\n"
	 "<TEMPLATE \xff MATCH=\"2\"/>\n<TEMPLATE MATCH=\"3\"/>\n"
	 "<TEMPLATE\0MATCH=\"4\"/>\n<TEMPLATE MATCH=\"5\"/>\n</DIALTEMPLATE>",
	 2, 3, {{2, "unexpected byte 0x01; template skipped"},
		{3, "unexpected byte 0xff"},
		{5, "cannot read the tag of line 5: unexpected byte 0x00"}}},
	{"a tag inside a tag",
	 "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"1\" <TEMPLATE MATCH=\"2\"/>\n"
	 "</DIALTEMPLATE>",
	 1, 1, {{2, "unexpected '<'; template skipped"}}},
	{"text outside tags, once a line",
	 "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"1\"/> x <!--c--> y\n"
	 "</DIALTEMPLATE> & more\n",
	 1, 2, {{2, "text outside a tag ignored"},
		{3, "text outside a tag ignored"}}},
	{"end of file inside a template",
	 "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"1\"/>\n<TEMPLATE MATCH=\"2\"\n",
	 1, 2, {{3, "<TEMPLATE> not closed at the end of the file; skipped"},
		{1, "<DIALTEMPLATE> not closed"}}},
	{"end of file inside a comment",
	 "<DIALTEMPLATE>\n<TEMPLATE MATCH=\"1\"/>\n</DIALTEMPLATE>\n"
	 "<!-- <TEMPLATE MATCH=\"2\"/>\n\n",
	 1, 1, {{4, "comment not closed with -->"}}},
	{"end of file inside a comment inside a template",
	 "<DIALTEMPLATE><TEMPLATE MATCH=\"1\"/>\n<TEMPLATE MATCH=\"2\" <!--",
	 1, 3, {{2, "comment not closed"}, {2, "<TEMPLATE> not closed"},
		{1, "<DIALTEMPLATE> not closed"}}},
	{"end of file inside another tag",
	 "<DIALTEMPLATE><TEMPLATE MATCH=\"1\"/>\n</DIALTEMPLATE",
	 1, 2, {{2, "tag not closed at the end of the file"},
		{1, "<DIALTEMPLATE> not closed"}}},
};

static void test_malformed(void **state)
{
	const struct bad_case *c;
	struct dialplan_stats st;
	struct dialplan *plan;
	struct diags ds;
	size_t i, len;
	unsigned d;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		c = &bad_cases[i];
		print_message("case: %s\n", c->name);
		/* The NUL case: the length goes past the embedded NUL. */
		len = strlen(c->xml);
		if (strstr(c->name, "bytes no tag"))
			len += 1 + strlen(c->xml + len + 1);
		memset(&ds, 0, sizeof(ds));
		plan = NULL;
		assert_int_equal(dialplan_load("t.xml", (const uint8_t *)c->xml,
					       len, collect, &ds, &st, &plan),
				 0);
		assert_true(c->ndiag <= sizeof(c->diag) / sizeof(c->diag[0]));
		for (d = 0; d < c->ndiag; d++)
			assert_diag(&ds, d, c->diag[d].line, c->diag[d].what);
		if (ds.n != c->ndiag)
			print_diags(&ds);
		assert_int_equal(ds.n, c->ndiag);
		assert_int_equal(st.templates, c->templates);
		assert_int_equal(dialplan_count(plan), c->templates);
		dialplan_free(plan);
	}
}

/* What the bad-attribute templates then do: kept with defaults. */
static void test_kept_with_defaults(void **state)
{
	struct diags ds;
	struct dialplan *plan = load_str(
		"<DIALTEMPLATE>\n"
		"<TEMPLATE MATCH=\"1\" Timeout=\"soon\" User=\"sip\" "
		"Route=\"a b\"/>\n"
		"<TEMPLATE MATCH=\"2,\" Tone=\"Beep\" Timeout=\"0\"/>\n"
		"</DIALTEMPLATE>\n", &ds, NULL);

	(void)state;
	assert_int_equal(ds.n, 4);
	assert_outcome(plan, "1", "dial=1 after=15 user=none route=default line=2");
	assert_outcome(plan, "2", "dial=2 after=0 user=none route=default line=3");
	dialplan_free(plan);
}

static void test_no_templates(void **state)
{
	struct dialplan_stats st;
	struct diags ds;
	struct dialplan *plan = load_str("", &ds, &st);

	(void)state;
	assert_int_equal(st.templates, 0);
	assert_diag(&ds, 0, 0, "t.xml: warning: no usable <TEMPLATE>");
	assert_outcome(plan, "123", "dial=123 after=15 user=none route=default line=0");
	dialplan_free(plan);
	plan = load_str("<DIALTEMPLATE>\n</DIALTEMPLATE>\n", &ds, &st);
	assert_int_equal(ds.n, 1);
	dialplan_free(plan);
}

/* A report function is optional. */
static void test_no_report(void **state)
{
	static const char xml[] = "<TEMPLATE MATCH=\"1 2\"/><TEMPLATE MATCH=\"3\"/>";
	struct dialplan *plan = NULL;
	struct dialplan_stats st;

	(void)state;
	assert_int_equal(dialplan_load("x", (const uint8_t *)xml,
				       sizeof(xml) - 1, NULL, NULL, &st, &plan),
			 0);
	assert_int_equal(st.templates, 1);
	assert_int_equal(st.warnings, 2);
	dialplan_free(plan);
	assert_int_equal(dialplan_load("x", (const uint8_t *)xml,
				       sizeof(xml) - 1, NULL, NULL, NULL, &plan),
			 0);
	dialplan_free(plan);
	dialplan_free(NULL);
	assert_int_equal(dialplan_count(NULL), 0);
}

/* ---------------------------------------------------------------- limits */

static char *plan_of(unsigned n, const char *fmt)
{
	size_t cap = 64 + (size_t)n * (strlen(fmt) + 16), len;
	char *xml = malloc(cap);
	unsigned i;

	assert_non_null(xml);
	len = (size_t)snprintf(xml, cap, "<DIALTEMPLATE>\n");
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(xml + len, cap - len, fmt, 1000 + i);
	snprintf(xml + len, cap - len, "</DIALTEMPLATE>\n");
	return xml;
}

static void test_limit_templates(void **state)
{
	const char *fmt = "<TEMPLATE MATCH=\"%u\" Timeout=\"0\"/>\n";
	struct dialplan_stats st;
	struct dialplan *plan;
	struct diags ds;
	char *xml;

	(void)state;
	xml = plan_of(DIALPLAN_TEMPLATES_MAX, fmt);
	plan = load_str(xml, &ds, &st);
	assert_int_equal(ds.n, 0);
	assert_int_equal(st.templates, DIALPLAN_TEMPLATES_MAX);
	assert_outcome(plan, "1511",
		       "dial=1511 after=0 user=none route=default line=513");
	dialplan_free(plan);
	free(xml);

	/* One past the edge: the last is ignored, said once. */
	xml = plan_of(DIALPLAN_TEMPLATES_MAX + 40, fmt);
	plan = load_str(xml, &ds, &st);
	assert_int_equal(ds.n, 1);
	assert_diag(&ds, 0, DIALPLAN_TEMPLATES_MAX + 2,
		    "more than 512 templates; this one and the rest are ignored");
	assert_int_equal(st.templates, DIALPLAN_TEMPLATES_MAX);
	assert_outcome(plan, "1512", "dial=1512 after=15 user=none route=default line=0");
	dialplan_free(plan);
	free(xml);
}

static void test_limit_file(void **state)
{
	static const char head[] = "<DIALTEMPLATE><TEMPLATE MATCH=\"1\"/><!--";
	static const char tail[] = "--></DIALTEMPLATE>";
	uint8_t *buf = malloc(DIALPLAN_FILE_MAX + 1);
	struct dialplan *plan = NULL;
	struct dialplan_stats st;
	struct diags ds = {0};
	char path[] = "/tmp/test_dialplan_XXXXXX";
	int fd;

	(void)state;
	assert_non_null(buf);
	memset(buf, 'x', DIALPLAN_FILE_MAX + 1);
	memcpy(buf, head, sizeof(head) - 1);
	memcpy(buf + DIALPLAN_FILE_MAX - (sizeof(tail) - 1), tail,
	       sizeof(tail) - 1);
	assert_int_equal(dialplan_load("big", buf, DIALPLAN_FILE_MAX, collect,
				       &ds, &st, &plan), 0);
	assert_int_equal(ds.n, 0);
	assert_int_equal(st.templates, 1);
	dialplan_free(plan);

	assert_int_equal(dialplan_load("big", buf, DIALPLAN_FILE_MAX + 1,
				       collect, &ds, &st, &plan), -EFBIG);
	assert_null(plan);
	assert_diag(&ds, 0, 0, "big: warning: 131073 bytes, more than 131072");

	/* The file variant sees the same edge. */
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, buf, DIALPLAN_FILE_MAX), DIALPLAN_FILE_MAX);
	memset(&ds, 0, sizeof(ds));
	assert_int_equal(dialplan_load_file(path, collect, &ds, &st, &plan), 0);
	assert_int_equal(st.templates, 1);
	dialplan_free(plan);
	assert_int_equal(write(fd, "x", 1), 1);
	assert_int_equal(dialplan_load_file(path, collect, &ds, &st, &plan),
			 -EFBIG);
	assert_null(plan);
	close(fd);
	unlink(path);
	free(buf);

	assert_int_equal(dialplan_load_file("/nonexistent/dialplan.xml", NULL,
					    NULL, NULL, &plan), -ENOENT);
	assert_int_equal(dialplan_load_file("/", NULL, NULL, NULL, &plan),
			 -EISDIR);
	assert_null(plan);
}

/* MATCH names at most 63 keys; escapes name one, commas none. */
static void test_limit_pattern(void **state)
{
	char xml[1024], match[300];
	struct dialplan *plan;
	struct diags ds;

	(void)state;
	memset(match, '.', DIALPLAN_PATTERN_MAX);
	match[DIALPLAN_PATTERN_MAX] = 0;
	memcpy(match, "\\*,,,1", 6); /* "\*" then "1": 2 keys in 6 bytes */
	snprintf(xml, sizeof(xml), "<TEMPLATE MATCH=\"%s..\" Timeout=\"0\"/>",
		 match);
	plan = load_str(xml, &ds, NULL);
	assert_int_equal(ds.n, 1); /* outside <DIALTEMPLATE> */
	assert_int_equal(dialplan_count(plan), 1);
	dialplan_free(plan);

	memset(match, '1', DIALPLAN_PATTERN_MAX + 1);
	match[DIALPLAN_PATTERN_MAX + 1] = 0;
	snprintf(xml, sizeof(xml),
		 "<DIALTEMPLATE><TEMPLATE MATCH=\"%s\"/>"
		 "<TEMPLATE MATCH=\"%s\"/></DIALTEMPLATE>",
		 match + 1, match);
	plan = load_str(xml, &ds, NULL);
	assert_int_equal(dialplan_count(plan), 1);
	assert_diag(&ds, 0, 1, "names more than 63 keys; template skipped");
	assert_int_equal(ds.n, 1);
	dialplan_free(plan);

	/* 255 bytes of value (commas condense), then 256. */
	memset(match, ',', DIALPLAN_VALUE_MAX + 1);
	match[0] = '1';
	match[DIALPLAN_VALUE_MAX - 1] = '2';
	match[DIALPLAN_VALUE_MAX] = 0;
	snprintf(xml, sizeof(xml), "<DIALTEMPLATE><TEMPLATE MATCH=\"%s\"/>",
		 match);
	plan = load_str(xml, &ds, NULL);
	assert_int_equal(dialplan_count(plan), 1);
	assert_int_equal(ds.n, 1); /* not closed */
	dialplan_free(plan);
	match[DIALPLAN_VALUE_MAX] = '2';
	match[DIALPLAN_VALUE_MAX + 1] = 0;
	snprintf(xml, sizeof(xml),
		 "<DIALTEMPLATE><TEMPLATE MATCH=\"%s\"/></DIALTEMPLATE>", match);
	plan = load_str(xml, &ds, NULL);
	assert_int_equal(dialplan_count(plan), 0);
	assert_diag(&ds, 0, 1, "MATCH is 256 bytes, more than 255");
	dialplan_free(plan);
}

/* Timeout 0..3600; Route FQDN up to 253 bytes; 3 Tones. */
static void test_limit_values(void **state)
{
	char xml[2048], host[300];
	struct dialplan *plan;
	struct diags ds;

	(void)state;
	plan = load_str("<DIALTEMPLATE><TEMPLATE MATCH=\"1\" Timeout=\"3600\"/>"
			"<TEMPLATE MATCH=\"2\" Timeout=\"0003601\"/>"
			"<TEMPLATE MATCH=\"3\" Timeout=\"99999999999999999999\"/>"
			"</DIALTEMPLATE>", &ds, NULL);
	assert_int_equal(ds.n, 2);
	assert_outcome(plan, "1", "dial=1 after=3600 user=none route=default line=1");
	assert_outcome(plan, "2", "dial=2 after=15 user=none route=default line=1");
	dialplan_free(plan);

	memset(host, 'a', DIALPLAN_HOST_MAX + 1);
	host[DIALPLAN_HOST_MAX] = 0;
	snprintf(xml, sizeof(xml),
		 "<DIALTEMPLATE><TEMPLATE MATCH=\"1\" Route=\"%s\"/>"
		 "<TEMPLATE MATCH=\"2\" Route=\"%sa\"/></DIALTEMPLATE>",
		 host, host);
	plan = load_str(xml, &ds, NULL);
	assert_int_equal(ds.n, 1);
	assert_diag(&ds, 0, 1, "is not default, emergency or a host name");
	dialplan_free(plan);

	/* Three Tones are kept, in order (the matcher tests play them). */
	plan = load_str("<DIALTEMPLATE><TEMPLATE MATCH=\"1,2,3,4\" "
			"Tone=\"Bellcore-Inside\" Tone=\"Bellcore-Busy\" "
			"Tone=\"Bellcore-Permanent\"/></DIALTEMPLATE>", &ds, NULL);
	assert_int_equal(ds.n, 0);
	dialplan_free(plan);
}

/* Rewrite: 255 bytes kept, 256 not; what it can expand to, at most 255. */
static void test_limit_rewrite(void **state)
{
	char xml[2048], rw[300];
	struct dialplan *plan;
	struct diags ds;

	(void)state;
	memset(rw, '7', DIALPLAN_VALUE_MAX + 1);
	rw[DIALPLAN_VALUE_MAX] = 0;
	snprintf(xml, sizeof(xml),
		 "<DIALTEMPLATE><TEMPLATE MATCH=\"1\" Rewrite=\"%s\"/>"
		 "<TEMPLATE MATCH=\"2\" Rewrite=\"%s7\"/></DIALTEMPLATE>",
		 rw, rw);
	plan = load_str(xml, &ds, NULL);
	assert_int_equal(dialplan_count(plan), 1);
	assert_diag(&ds, 0, 1, "Rewrite is 256 bytes, more than 255");
	dialplan_free(plan);

	/* %s is up to 64 keys: three of them and 63 more bytes is 255. */
	memset(rw, '7', 63);
	rw[63] = 0;
	snprintf(xml, sizeof(xml),
		 "<DIALTEMPLATE><TEMPLATE MATCH=\"1\" Rewrite=\"%%s%%0%%s%s\"/>"
		 "<TEMPLATE MATCH=\"2\" Rewrite=\"%%s%%s%%0%s7\"/>"
		 /* %1 of "1..": two keys; of "1*": up to 63 */
		 "<TEMPLATE MATCH=\"3..\" Rewrite=\"%%1%%1%%1%%1%%1%%1\"/>"
		 "<TEMPLATE MATCH=\"4*\" Rewrite=\"%%1%%1%%1%%1%%1\"/>"
		 "</DIALTEMPLATE>", rw, rw);
	plan = load_str(xml, &ds, NULL);
	assert_int_equal(dialplan_count(plan), 2);
	assert_int_equal(ds.n, 2);
	assert_diag(&ds, 0, 1, "can make 256 bytes to dial, more than 255");
	assert_diag(&ds, 1, 1, "can make 315 bytes to dial");
	dialplan_free(plan);
}

/* ---------------------------------------------------------------- big */

/* 250 templates, one bad in the middle: a warning on its line, 249 kept,
 * each still reached by its own number. */
static void test_big_plan(void **state)
{
	enum { N = 250, BAD = 137 };
	size_t cap = 64 + N * 96, len;
	char *xml = malloc(cap), keys[32], want[128];
	struct dialplan_stats st;
	struct dialplan *plan;
	struct diags ds;
	unsigned i;

	(void)state;
	assert_non_null(xml);
	len = (size_t)snprintf(xml, cap, "<DIALTEMPLATE>\n");
	for (i = 0; i < N; i++)
		len += (size_t)snprintf(xml + len, cap - len,
					i == BAD ? "<TEMPLATE MATCH=\"8,%03u..\" "
						   "Timeout=\"0\" User=\"Phone/>\n"
						 : "<TEMPLATE MATCH=\"8,%03u..\" "
						   "Timeout=\"0\" User=\"Phone\"/>\n",
					i);
	snprintf(xml + len, cap - len, "</DIALTEMPLATE>\n");
	plan = load_str(xml, &ds, &st);
	assert_int_equal(st.templates, N - 1);
	assert_int_equal(ds.n, 1);
	assert_diag(&ds, 0, BAD + 2, "unexpected a line end; template skipped");
	for (i = 0; i < N; i++) {
		snprintf(keys, sizeof(keys), "8%03u42", i);
		if (i == BAD)
			snprintf(want, sizeof(want),
				 "dial=%s after=15 user=none route=default line=0",
				 keys);
		else
			snprintf(want, sizeof(want),
				 "dial=%s after=0 user=phone route=default line=%u",
				 keys, i + 2);
		assert_outcome(plan, keys, want);
	}
	dialplan_free(plan);
	free(xml);
}

/* ---------------------------------------------------------------- misc */

static void test_tone_names(void **state)
{
	enum dialplan_tone t;
	unsigned i;

	(void)state;
	for (i = 1; i < DIALPLAN_TONE_COUNT; i++) {
		const char *n = dialplan_tone_name((enum dialplan_tone)i);

		assert_true(strlen(n) > 8);
		assert_int_equal(dialplan_tone_lookup(n, strlen(n), &t), 0);
		assert_int_equal(t, i);
	}
	assert_int_equal(dialplan_tone_lookup("BELLCORE-DR1", 12, &t), 0);
	assert_int_equal(t, DIALPLAN_TONE_BELLCORE_DR1);
	assert_int_equal(dialplan_tone_lookup("Cisco-Zi", 8, &t), -EINVAL);
	assert_int_equal(dialplan_tone_lookup("", 0, &t), -EINVAL);
	assert_string_equal(dialplan_tone_name(DIALPLAN_TONE_NONE), "");
	assert_string_equal(dialplan_tone_name(DIALPLAN_TONE_COUNT), "");
	assert_string_equal(dialplan_tone_name(DIALPLAN_TONE_BELLCORE_OUTSIDE),
			    "Bellcore-Outside");
}

static void test_diag_format(void **state)
{
	struct dialplan_diag d = {.file = "dialplan.xml", .line = 7, .msg = "m"};
	char buf[64];

	(void)state;
	dialplan_diag_format(&d, buf, sizeof(buf));
	assert_string_equal(buf, "dialplan.xml:7: warning: m");
	d.line = 0;
	dialplan_diag_format(&d, buf, sizeof(buf));
	assert_string_equal(buf, "dialplan.xml: warning: m");
	d.file = NULL;
	d.line = 2;
	dialplan_diag_format(&d, buf, sizeof(buf));
	assert_string_equal(buf, "dialplan.xml:2: warning: m");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guide_north_american),
		cmocka_unit_test(test_guide_hash),
		cmocka_unit_test(test_guide_star),
		cmocka_unit_test(test_guide_tone),
		cmocka_unit_test(test_guide_bytes),
		cmocka_unit_test(test_example_tftpboot),
		cmocka_unit_test(test_case_insensitive),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_comments_and_prolog),
		cmocka_unit_test(test_closing_forms),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_kept_with_defaults),
		cmocka_unit_test(test_no_templates),
		cmocka_unit_test(test_no_report),
		cmocka_unit_test(test_limit_templates),
		cmocka_unit_test(test_limit_file),
		cmocka_unit_test(test_limit_pattern),
		cmocka_unit_test(test_limit_values),
		cmocka_unit_test(test_limit_rewrite),
		cmocka_unit_test(test_big_plan),
		cmocka_unit_test(test_tone_names),
		cmocka_unit_test(test_diag_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
