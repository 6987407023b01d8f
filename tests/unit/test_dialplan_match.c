/*
 * test_dialplan_match.c - the digit collector (runtime/dialplan/dialplan_match.c).
 *
 * Every rule of "Creating Dial Plans" and "Updates to the Dial-Plan
 * Template in Release 4.4 and Later", the guide's three examples and its
 * Rewrite table; where the guide is ambiguous the reading is written next
 * to the test.  Outcomes are written the way dialplan-test prints them.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dialplan/dialplan.h"

/* ---------------------------------------------------------------- helpers */

static unsigned warnings;

static void count_warning(void *arg, const struct dialplan_diag *d)
{
	char buf[512];

	(void)arg;
	dialplan_diag_format(d, buf, sizeof(buf));
	print_message("  %s\n", buf);
	warnings++;
}

/* A plan from templates (one per line, inside <DIALTEMPLATE>). */
static struct dialplan *plan_ex(const char *templates, unsigned want_warnings)
{
	size_t size = strlen(templates) + 64;
	char *xml = malloc(size);
	struct dialplan *plan = NULL;

	assert_non_null(xml);
	snprintf(xml, size, "<DIALTEMPLATE>\n%s</DIALTEMPLATE>\n", templates);
	warnings = 0;
	assert_int_equal(dialplan_load("t.xml", (const uint8_t *)xml,
				       strlen(xml), count_warning, NULL, NULL,
				       &plan), 0);
	free(xml);
	assert_int_equal(warnings, want_warnings);
	return plan;
}

static struct dialplan *plan(const char *templates)
{
	return plan_ex(templates, 0);
}

static const char *user_name(enum dialplan_user u)
{
	return u == DIALPLAN_USER_PHONE ? "phone"
	       : u == DIALPLAN_USER_IP  ? "ip"
					: "none";
}

/* dialplan-test's line, without "KEYS: ". */
static void outcome(const struct dialplan *pl, const char *keys, char *out,
		    size_t size)
{
	struct dialplan_session *s;
	struct dialplan_result r = {0};
	char tones[256] = "";
	unsigned after = 0;
	const char *p;

	assert_int_equal(dialplan_session_start(pl, &s), 0);
	for (p = keys; *p; p++) {
		assert_int_equal(dialplan_feed_key(s, (unsigned char)*p, &r), 0);
		if (r.action == DIALPLAN_DIAL)
			break;
		assert_int_equal(r.action, DIALPLAN_COLLECT);
		if (r.tone != DIALPLAN_TONE_NONE) {
			if (*tones)
				strcat(tones, ",");
			strcat(tones, dialplan_tone_name(r.tone));
		}
	}
	if (r.action == DIALPLAN_COLLECT && r.timeout) {
		after = r.timeout;
		assert_int_equal(dialplan_timeout(s, &r), 0);
	}
	if (r.action != DIALPLAN_DIAL)
		r = (struct dialplan_result){.dial = ""};
	assert_int_equal(strlen(r.dial), r.dial_len);
	snprintf(out, size, "dial=%s after=%u user=%s route=%s tones=%s",
		 r.dial, after, user_name(r.user),
		 r.route == DIALPLAN_ROUTE_EMERGENCY ? "emergency"
		 : r.route == DIALPLAN_ROUTE_FQDN    ? r.route_host
						     : "default",
		 *tones ? tones : "-");
	dialplan_session_free(s);
}

#define assert_outcome(pl, keys, want)                                        \
	do {                                                                  \
		char got_[512];                                               \
		outcome(pl, keys, got_, sizeof(got_));                        \
		if (strcmp(got_, want))                                       \
			print_message("  keys: %s\n", keys);                  \
		assert_string_equal(got_, want);                              \
	} while (0)

/* What one key answers. */
static struct dialplan_result key(struct dialplan_session *s, int k)
{
	struct dialplan_result r;

	memset(&r, 0xa5, sizeof(r));
	assert_int_equal(dialplan_feed_key(s, k, &r), 0);
	return r;
}

/* ---------------------------------------------------------------- MATCH */

/* "use a period (.) to match any character" - one key, '*' included,
 * '#' not ("The # is not matched by ... the period"). */
static void test_period(void **state)
{
	struct dialplan *p = plan("<TEMPLATE MATCH=\"1..\" Timeout=\"0\" User=\"Phone\"/>\n");

	(void)state;
	assert_outcome(p, "123", "dial=123 after=0 user=phone route=default tones=-");
	assert_outcome(p, "1*9", "dial=1*9 after=0 user=phone route=default tones=-");
	/* Two keys: incomplete; no complete template, so the phone's own
	 * interdigit timeout, then the keys as entered. */
	assert_outcome(p, "12", "dial=12 after=15 user=none route=default tones=-");
	/* '#' is not a period's: "dial now" with what was entered. */
	assert_outcome(p, "1#3", "dial=1 after=0 user=none route=default tones=-");
	/* '#' with nothing entered dials nothing: ignored. */
	assert_outcome(p, "#", "dial= after=0 user=none route=default tones=-");
	assert_outcome(p, "#123", "dial=123 after=0 user=phone route=default tones=-");
	/* One key too many: the template is dead. */
	assert_outcome(p, "1234", "dial=123 after=0 user=phone route=default tones=-");
	dialplan_free(p);
}

/* "use an asterisk (*) to match one or more characters". */
static void test_star(void **state)
{
	struct dialplan *p = plan("<TEMPLATE MATCH=\"1*\" Timeout=\"0\" User=\"Phone\"/>\n"
				  "<TEMPLATE MATCH=\"2*\" Timeout=\"5\" User=\"IP\"/>\n"
				  "<TEMPLATE MATCH=\"3*5\" Timeout=\"0\" User=\"Phone\"/>\n");

	(void)state;
	/* One or more: "1" alone is not enough. */
	assert_outcome(p, "1", "dial=1 after=15 user=none route=default tones=-");
	assert_outcome(p, "12", "dial=12 after=0 user=phone route=default tones=-");
	assert_outcome(p, "1*", "dial=1* after=0 user=phone route=default tones=-");
	/* More keys keep it complete; each key re-arms Timeout. */
	assert_outcome(p, "2123456", "dial=2123456 after=5 user=ip route=default tones=-");
	/* "The # is not matched by the wildcard character *". */
	assert_outcome(p, "3#5", "dial=3 after=0 user=none route=default tones=-");
	assert_outcome(p, "3445", "dial=3445 after=0 user=phone route=default tones=-");
	dialplan_free(p);
}

/* A template that is complete is not its own incomplete rival: "1*."
 * after "123" is complete ('*' took "2") even though '*' could also take
 * "3" and wait for one more key. */
static void test_star_then_period(void **state)
{
	struct dialplan *p = plan("<TEMPLATE MATCH=\"1*.\" Timeout=\"0\" User=\"IP\"/>\n");

	(void)state;
	assert_outcome(p, "12", "dial=12 after=15 user=none route=default tones=-");
	assert_outcome(p, "123", "dial=123 after=0 user=ip route=default tones=-");
	dialplan_free(p);
}

/* "\* ... should be processed as a dialed digit"; "When \* is received
 * as a dialed digit, it is matched by the wildcard characters * and
 * period"; "specifying \7 will match the digit 7". */
static void test_escapes(void **state)
{
	struct dialplan *p = plan("<TEMPLATE MATCH=\"1\\*2\" Timeout=\"0\" User=\"IP\"/>\n"
				  "<TEMPLATE MATCH=\"2\\7\\\\8\" Timeout=\"0\" User=\"Phone\"/>\n"
				  "<TEMPLATE MATCH=\"3\\.\" Timeout=\"0\" User=\"IP\"/>\n"
				  "<TEMPLATE MATCH=\"4\\\" Timeout=\"0\" User=\"Phone\"/>\n"
				  "<TEMPLATE MATCH=\"5.*\" Timeout=\"0\" User=\"IP\"/>\n");

	(void)state;
	assert_outcome(p, "1*2", "dial=1*2 after=0 user=ip route=default tones=-");
	/* \* is a star, nothing else. */
	assert_outcome(p, "112", "dial=112 after=15 user=none route=default tones=-");
	/* "\7" is 7, "\\8" is 8: the backslashes go. */
	assert_outcome(p, "278", "dial=278 after=0 user=phone route=default tones=-");
	/* "\." : the backslash is dropped, the period stays a period. */
	assert_outcome(p, "3x", "dial=3x after=0 user=ip route=default tones=-");
	/* A trailing backslash is dropped. */
	assert_outcome(p, "4", "dial=4 after=0 user=phone route=default tones=-");
	/* A dialed star is matched by '.' and '*'. */
	assert_outcome(p, "5**", "dial=5** after=0 user=ip route=default tones=-");
	dialplan_free(p);
}

/* Letters (alpha mode, the guide's "w!") match in either case; the dial
 * string keeps what was typed. */
static void test_letters(void **state)
{
	struct dialplan *p = plan("<TEMPLATE MATCH=\"w!\" Timeout=\"0\"/>\n"
				  "<TEMPLATE MATCH=\"Bob\" Timeout=\"0\" User=\"IP\"/>\n");

	(void)state;
	assert_outcome(p, "W!", "dial=W! after=0 user=none route=default tones=-");
	assert_outcome(p, "bOB", "dial=bOB after=0 user=ip route=default tones=-");
	dialplan_free(p);
}

/* ---------------------------------------------------------------- # */

/* "Pressing the # is still processed as a dial now event and remains the
 * default behavior unless you specify the # in the dial-plan template." */
static void test_hash(void **state)
{
	struct dialplan *p = plan("<TEMPLATE MATCH=\"#1\" Timeout=\"0\" User=\"IP\"/>\n"
				  "<TEMPLATE MATCH=\"12*\" Timeout=\"10\" Rewrite=\"9%1\"/>\n"
				  "<TEMPLATE MATCH=\"5#.\" Timeout=\"0\" User=\"Phone\"/>\n");

	(void)state;
	assert_outcome(p, "#1", "dial=#1 after=0 user=ip route=default tones=-");
	/* Dial now: the best complete template applies, with its Rewrite. */
	assert_outcome(p, "1234#", "dial=934 after=0 user=none route=default tones=-");
	assert_outcome(p, "1234", "dial=934 after=10 user=none route=default tones=-");
	/* '#' where a template has one is a key; a '.' then takes any key,
	 * a '#' included?  No: "The # is not matched by ... the period". */
	assert_outcome(p, "5#7", "dial=5#7 after=0 user=phone route=default tones=-");
	assert_outcome(p, "5##", "dial=5# after=0 user=none route=default tones=-");
	/* "#1" takes a first '#'; a second is "dial now". */
	assert_outcome(p, "#", "dial=# after=15 user=none route=default tones=-");
	assert_outcome(p, "##1", "dial=# after=0 user=none route=default tones=-");
	dialplan_free(p);
}

/* The guide's "#" example and its prose. */
static void test_guide_hash_example(void **state)
{
	struct dialplan *p = plan(
		"  <TEMPLATE MATCH=\"123#45#6\" TIMEOUT=\"0\" User=\"Phone\"/> <!-- Match '#' -->\n"
		"  <TEMPLATE MATCH=\"34#...\" TIMEOUT=\"0\" User=\"Phone\"/> <!-- Match '#' -->\n"
		"  <TEMPLATE MATCH=\"*\" TIMEOUT=\"15\" User=\"Phone\"/>\n");
	struct dialplan_session *s;
	struct dialplan_result r;
	const char *k;

	(void)state;
	/* "the 123#45#6 string is matched if the user dials 123#45#6.
	 * Pressing the # does not cause the phone to dial immediately". */
	assert_int_equal(dialplan_session_start(p, &s), 0);
	for (k = "123#45#"; *k; k++) {
		r = key(s, *k);
		assert_int_equal(r.action, DIALPLAN_COLLECT);
	}
	r = key(s, '6');
	assert_int_equal(r.action, DIALPLAN_DIAL);
	assert_string_equal(r.dial, "123#45#6");
	assert_int_equal(r.user, DIALPLAN_USER_PHONE);
	assert_int_equal(r.line, 2);
	dialplan_session_free(s);
	/* "dialing 1# or 123#4# would cause the phone to dial immediately":
	 * "1" is complete for "*"; "123#4" for none (the '#' ended "*"). */
	assert_outcome(p, "1#", "dial=1 after=0 user=phone route=default tones=-");
	assert_outcome(p, "123#4#", "dial=123#4 after=0 user=none route=default tones=-");
	assert_outcome(p, "34#567", "dial=34#567 after=0 user=phone route=default tones=-");
	assert_outcome(p, "555", "dial=555 after=15 user=phone route=default tones=-");
	dialplan_free(p);
}

/* The guide's "\*" example. */
static void test_guide_star_example(void **state)
{
	struct dialplan *p = plan(
		"  <TEMPLATE MATCH=\"12\\*345\" TIMEOUT=\"0\" User=\"Phone\"/> <!-- Match * Char -->\n"
		"  <TEMPLATE MATCH=\"*\" TIMEOUT=\"10\" User=\"Phone\"/> <!-- Wildcard -->\n");

	(void)state;
	assert_outcome(p, "12*345", "dial=12*345 after=0 user=phone route=default tones=-");
	/* Without the star only the wildcard template is left. */
	assert_outcome(p, "12345", "dial=12345 after=10 user=phone route=default tones=-");
	/* Before the "5" the longer incomplete template keeps the phone
	 * waiting; the wildcard's Timeout is what it waits. */
	assert_outcome(p, "12*34", "dial=12*34 after=10 user=phone route=default tones=-");
	dialplan_free(p);
}

/* ---------------------------------------------------------------- , Tone */

/* The guide's secondary dial tone example: "Play Hold after 8, Play Zip
 * Tone after 123". */
static void test_guide_tone_example(void **state)
{
	struct dialplan *p = plan(
		"  <TEMPLATE MATCH=\"7,...\" TIMEOUT=\"0\" /> <!-- Default Secondary Dial tone -->\n"
		"  <TEMPLATE MATCH=\"9,...\" TIMEOUT=\"0\" Tone=\"Cisco-Zip\" /> <!-- Play Zip -->\n"
		"  <TEMPLATE MATCH=\"8,...\" TIMEOUT=\"0\" Tone=\"Bellcore-Hold\" /> <!-- Play Hold -->\n"
		"  <TEMPLATE MATCH=\"8,123,...\" TIMEOUT=\"0\" Tone=\"Bellcore-Hold\" Tone=\"Cisco-Zip\" />\n"
		"  <!--Play Hold after 8, Play Zip Tone after 123-->\n");
	struct dialplan_session *s;
	struct dialplan_result r;

	(void)state;
	assert_outcome(p, "7123", "dial=7123 after=0 user=none route=default tones=Bellcore-Outside");
	assert_outcome(p, "9123", "dial=9123 after=0 user=none route=default tones=Cisco-Zip");
	assert_outcome(p, "8555", "dial=8555 after=0 user=none route=default tones=Bellcore-Hold");
	assert_outcome(p, "8123456",
		       "dial=8123456 after=0 user=none route=default tones=Bellcore-Hold,Cisco-Zip");
	/* "8123" completes "8,..." but "8,123,..." is longer and still
	 * incomplete: no dialing; the phone waits its interdigit timeout. */
	assert_outcome(p, "8123",
		       "dial=8123 after=15 user=none route=default tones=Bellcore-Hold,Cisco-Zip");

	/* Key by key: the tone starts with the key that reaches the comma. */
	assert_int_equal(dialplan_session_start(p, &s), 0);
	r = key(s, '8');
	assert_int_equal(r.tone, DIALPLAN_TONE_BELLCORE_HOLD);
	r = key(s, '1');
	assert_int_equal(r.tone, DIALPLAN_TONE_NONE);
	r = key(s, '2');
	assert_int_equal(r.tone, DIALPLAN_TONE_NONE);
	r = key(s, '3');
	assert_int_equal(r.tone, DIALPLAN_TONE_CISCO_ZIP);
	assert_int_equal(r.action, DIALPLAN_COLLECT);
	assert_int_equal(r.timeout, DIALPLAN_INTERDIGIT_DEFAULT);
	dialplan_session_free(s);
	dialplan_free(p);
}

/* "If multiple commas are specified, they are condensed to a single
 * comma": "9,,234" is "9,234" - one tone, the first Tone. */
static void test_commas_condense(void **state)
{
	struct dialplan *p = plan("<TEMPLATE MATCH=\"9,,,234,,5\" Timeout=\"0\" "
				  "Tone=\"Cisco-Zip\" Tone=\"Bellcore-Inside\"/>\n");

	(void)state;
	assert_outcome(p, "92345",
		       "dial=92345 after=0 user=none route=default tones=Cisco-Zip,Bellcore-Inside");
	dialplan_free(p);
}

static void test_tones(void **state)
{
	struct dialplan *p = plan(
		/* up to 3 tones, in order */
		"<TEMPLATE MATCH=\"1,2,3,4.\" Timeout=\"0\" Tone=\"Bellcore-Inside\" "
		"Tone=\"bellcore-busy\" Tone=\"BELLCORE-PERMANENT\"/>\n"
		/* more commas than tones: the default for the rest */
		"<TEMPLATE MATCH=\"2,2,2.\" Timeout=\"0\" Tone=\"Cisco-BeepBonk\"/>\n"
		/* a comma after '*' plays once, though '*' keeps taking keys */
		"<TEMPLATE MATCH=\"3*,#\" Timeout=\"0\"/>\n"
		/* a leading comma is the dial tone already playing: ignored,
		 * and the first Tone goes to the first comma after a key */
		"<TEMPLATE MATCH=\",4,4.\" Timeout=\"0\" Tone=\"Cisco-ZipZip\"/>\n"
		/* a trailing comma: the tone plays while the phone waits */
		"<TEMPLATE MATCH=\"55,\" Timeout=\"4\" Tone=\"Bellcore-Confirmation\"/>\n");

	(void)state;
	assert_outcome(p, "12345",
		       "dial=12345 after=0 user=none route=default "
		       "tones=Bellcore-Inside,Bellcore-Busy,Bellcore-Permanent");
	assert_outcome(p, "2229",
		       "dial=2229 after=0 user=none route=default "
		       "tones=Cisco-BeepBonk,Bellcore-Outside");
	assert_outcome(p, "3123#",
		       "dial=3123# after=0 user=none route=default tones=Bellcore-Outside");
	assert_outcome(p, "444", "dial=444 after=0 user=none route=default tones=Cisco-ZipZip");
	assert_outcome(p, "55",
		       "dial=55 after=4 user=none route=default tones=Bellcore-Confirmation");
	dialplan_free(p);

	/* "If a tone is specified but there is no comma (,) in the match
	 * string, the tone is ignored" (with a warning). */
	p = plan_ex("<TEMPLATE MATCH=\"6.\" Timeout=\"0\" Tone=\"Cisco-Zip\"/>\n", 1);
	assert_outcome(p, "61", "dial=61 after=0 user=none route=default tones=-");
	dialplan_free(p);
}

/* Between equally long templates the one at a comma leads: the tone does
 * not depend on the order of the file. */
static void test_tone_order_free(void **state)
{
	struct dialplan *a = plan("<TEMPLATE MATCH=\"9,.......\" Timeout=\"0\" Tone=\"Cisco-Zip\"/>\n"
				  "<TEMPLATE MATCH=\"911\" Timeout=\"0\" User=\"IP\"/>\n");
	struct dialplan *b = plan("<TEMPLATE MATCH=\"911\" Timeout=\"0\" User=\"IP\"/>\n"
				  "<TEMPLATE MATCH=\"9,.......\" Timeout=\"0\" Tone=\"Cisco-Zip\"/>\n");

	(void)state;
	assert_outcome(a, "9555", "dial=9555 after=15 user=none route=default tones=Cisco-Zip");
	assert_outcome(b, "9555", "dial=9555 after=15 user=none route=default tones=Cisco-Zip");
	assert_outcome(b, "911", "dial=911 after=0 user=ip route=default tones=Cisco-Zip");
	dialplan_free(a);
	dialplan_free(b);
}

/* ---------------------------------------------------------------- longest */

/* "Rules are matched from start to finish with the longest matching rule
 * taken as the one to use.  Matches against a period are not counted for
 * the length to be the longest." - nor are keys taken by '*'. */
static void test_longest(void **state)
{
	struct dialplan *p = plan("<TEMPLATE MATCH=\"1...\" Timeout=\"0\" User=\"Phone\"/>\n"
				  "<TEMPLATE MATCH=\"12..\" Timeout=\"0\" User=\"IP\"/>\n"
				  "<TEMPLATE MATCH=\"........\" Timeout=\"0\" User=\"IP\"/>\n"
				  "<TEMPLATE MATCH=\"3*\" Timeout=\"5\" User=\"Phone\"/>\n");

	(void)state;
	assert_outcome(p, "1234", "dial=1234 after=0 user=ip route=default tones=-");
	assert_outcome(p, "1534", "dial=1534 after=0 user=phone route=default tones=-");
	/* Eight periods match all eight keys, but "3*" has one literal. */
	assert_outcome(p, "31234567", "dial=31234567 after=5 user=phone route=default tones=-");
	assert_outcome(p, "41234567", "dial=41234567 after=0 user=ip route=default tones=-");
	dialplan_free(p);
}

/* Equal length: more periods win (this module's reading: a '.' is a more
 * precise match than a '*'), then the earlier template. */
static void test_ties(void **state)
{
	struct dialplan *p = plan("<TEMPLATE MATCH=\"1*\" Timeout=\"0\" User=\"Phone\"/>\n"
				  "<TEMPLATE MATCH=\"1...\" Timeout=\"0\" User=\"IP\"/>\n"
				  "<TEMPLATE MATCH=\"2.\" Timeout=\"0\" User=\"Phone\"/>\n"
				  "<TEMPLATE MATCH=\"2.\" Timeout=\"0\" User=\"IP\"/>\n");

	(void)state;
	/* "12": "1*" is complete, "1..." as long and incomplete: wait. */
	assert_outcome(p, "12", "dial=12 after=15 user=phone route=default tones=-");
	assert_outcome(p, "1234", "dial=1234 after=0 user=ip route=default tones=-");
	assert_outcome(p, "29", "dial=29 after=0 user=phone route=default tones=-");
	dialplan_free(p);
}

/* "A complete rule is not matched unless it has more nonwildcard matches
 * than an incomplete rule." */
static void test_complete_vs_incomplete(void **state)
{
	struct dialplan *p = plan("<TEMPLATE MATCH=\"12\" Timeout=\"0\" User=\"Phone\"/>\n"
				  "<TEMPLATE MATCH=\"123\" Timeout=\"0\" User=\"IP\"/>\n"
				  "<TEMPLATE MATCH=\"45\" Timeout=\"0\" User=\"Phone\"/>\n"
				  "<TEMPLATE MATCH=\"4.6\" Timeout=\"0\" User=\"IP\"/>\n"
				  "<TEMPLATE MATCH=\"78\" Timeout=\"3\" User=\"Phone\"/>\n"
				  "<TEMPLATE MATCH=\"789\" Timeout=\"0\" User=\"IP\"/>\n");
	struct dialplan_session *s;
	struct dialplan_result r;

	(void)state;
	/* "12" (2 literal) is complete, "123" as long so far: not matched;
	 * its Timeout 0 cannot apply, the phone's own timeout does. */
	assert_outcome(p, "12", "dial=12 after=15 user=phone route=default tones=-");
	assert_outcome(p, "123", "dial=123 after=0 user=ip route=default tones=-");
	/* "45" (2) against "4.6" (1 so far): matched, dialed at once. */
	assert_outcome(p, "45", "dial=45 after=0 user=phone route=default tones=-");
	/* Not matched, but its own Timeout is not 0: that is the wait. */
	assert_outcome(p, "78", "dial=78 after=3 user=phone route=default tones=-");

	assert_int_equal(dialplan_session_start(p, &s), 0);
	r = key(s, '1');
	assert_int_equal(r.action, DIALPLAN_COLLECT);
	assert_int_equal(r.timeout, DIALPLAN_INTERDIGIT_DEFAULT);
	assert_int_equal(r.tone, DIALPLAN_TONE_NONE);
	r = key(s, '2');
	assert_int_equal(r.action, DIALPLAN_COLLECT);
	r = key(s, '3');
	assert_int_equal(r.action, DIALPLAN_DIAL);
	assert_string_equal(r.dial, "123");
	assert_int_equal(r.line, 3);
	dialplan_session_free(s);
	dialplan_free(p);
}

/* ---------------------------------------------------------------- attrs */

/* "Timeout ... the number of seconds before a timeout occurs, and the
 * number is dialed as entered by the user. To have the number dial
 * immediately, specify 0."  Without Timeout: the phone's own. */
static void test_timeout(void **state)
{
	struct dialplan *p = plan("<TEMPLATE MATCH=\"1\" Timeout=\"0\"/>\n"
				  "<TEMPLATE MATCH=\"2\" Timeout=\"7\"/>\n"
				  "<TEMPLATE MATCH=\"3\"/>\n"
				  "<TEMPLATE MATCH=\"4\" Timeout=\"3600\"/>\n");

	(void)state;
	assert_outcome(p, "1", "dial=1 after=0 user=none route=default tones=-");
	assert_outcome(p, "2", "dial=2 after=7 user=none route=default tones=-");
	assert_outcome(p, "3", "dial=3 after=15 user=none route=default tones=-");
	assert_outcome(p, "4", "dial=4 after=3600 user=none route=default tones=-");
	/* Nothing matches: the keys as entered, after the phone's timeout. */
	assert_outcome(p, "99", "dial=99 after=15 user=none route=default tones=-");
	dialplan_free(p);
}

/* User=phone|IP; Route default|emergency|FQDN ("FQDN is treated the
 * same as default proxy": the name is kept for the caller). */
static void test_user_route(void **state)
{
	struct dialplan *p = plan(
		"<TEMPLATE MATCH=\"1\" Timeout=\"0\" User=\"phone\" Route=\"default\"/>\n"
		"<TEMPLATE MATCH=\"2\" Timeout=\"0\" User=\"IP\" Route=\"emergency\"/>\n"
		"<TEMPLATE MATCH=\"3\" Timeout=\"0\" Route=\"proxy2.example.com\"/>\n"
		"<TEMPLATE MATCH=\"4\" Timeout=\"0\" Route=\"10.1.2.3\"/>\n");
	struct dialplan_session *s;
	struct dialplan_result r;

	(void)state;
	assert_outcome(p, "1", "dial=1 after=0 user=phone route=default tones=-");
	assert_outcome(p, "2", "dial=2 after=0 user=ip route=emergency tones=-");
	assert_outcome(p, "3", "dial=3 after=0 user=none route=proxy2.example.com tones=-");
	assert_outcome(p, "4", "dial=4 after=0 user=none route=10.1.2.3 tones=-");
	assert_int_equal(dialplan_session_start(p, &s), 0);
	r = key(s, '3');
	assert_int_equal(r.route, DIALPLAN_ROUTE_FQDN);
	assert_string_equal(r.route_host, "proxy2.example.com");
	dialplan_session_restart(s);
	r = key(s, '1');
	assert_null(r.route_host);
	dialplan_session_free(s);
	dialplan_free(p);
}

/* ---------------------------------------------------------------- Rewrite */

/* The guide's table: match "ab..cd..ef*", input "ab12cd34ef5678" (the
 * period after it in the guide ends the sentence: %s shows no period).
 * Timeout is not 0 so that '*' takes all of "5678". */
static void rewrite_of(const char *rw, const char *want)
{
	char t[512], line[512];
	struct dialplan *p;

	snprintf(t, sizeof(t),
		 "<TEMPLATE MATCH=\"ab..cd..ef*\" Timeout=\"5\" Rewrite=\"%s\"/>\n",
		 rw);
	p = plan(t);
	snprintf(line, sizeof(line),
		 "dial=%s after=5 user=none route=default tones=-", want);
	print_message("  Rewrite=\"%s\"\n", rw);
	assert_outcome(p, "ab12cd34ef5678", line);
	dialplan_free(p);
}

static void test_rewrite_table(void **state)
{
	(void)state;
	rewrite_of("%s", "ab12cd34ef5678");
	rewrite_of("%0", "ab12cd34ef5678");
	rewrite_of("%1", "12");
	rewrite_of("%2", "34");
	/* Ambiguous row: the guide prints %3 -> "56" (and 919%1%2%3 ->
	 * "919123456"), yet its own %s row shows '*' took "5678", and no
	 * rule stops %3 after two of them.  Reading: %3 is all that the
	 * third run of wildcards ('*') took, "5678" - what the guide for
	 * later releases (6.x/7.x) prints in the same table. */
	rewrite_of("%3", "5678");
	rewrite_of("%4", ""); /* "None" */
	rewrite_of("%5", "");
	rewrite_of("XYZ....", "XYZ1234");
	rewrite_of("X.Y.Z...", "X1Y2Z345");
	rewrite_of("919%1%2%3", "91912345678"); /* see %3 */
	rewrite_of("AB...X%1X..", "AB123X12X45"); /* "12" appears twice */
	rewrite_of("X%1X%1X%1", "X12X12X12");     /* reuse */
	/* Ambiguous row: printed output "Xab12cd34ef5678% %%"; the note is
	 * "This produces a %.".  Reading: "%%" is one '%', and " %%" in
	 * the output cell is the rewrite string leaking into it. */
	rewrite_of("X%s%%", "Xab12cd34ef5678%");
	rewrite_of("919", "919"); /* "No need to use the input." */
	/* Ambiguous row: "....." -> "12345678", "Note that nothing goes in
	 * for the extra dots".  Five periods cannot give eight keys when
	 * "XYZ...." gives four and "X.Y.Z..." five; and with five there
	 * are no extra dots.  Reading: each period takes the next wildcard
	 * key, and periods beyond the eight keys give nothing - the row
	 * must have had more than eight periods. */
	rewrite_of(".....", "12345");
	rewrite_of("..........", "12345678");
}

/* Beyond the table: '*' takes as many keys as it can; runs of wildcards
 * are split by literals, not commas; '#' keys go into %s; "\c" is c. */
static void test_rewrite_more(void **state)
{
	struct dialplan *p = plan(
		"<TEMPLATE MATCH=\"1*2*\" Timeout=\"5\" Rewrite=\"%1-%2\"/>\n"
		"<TEMPLATE MATCH=\"3.,..4*\" Timeout=\"0\" Rewrite=\"[%1][%2]\"/>\n"
		"<TEMPLATE MATCH=\"5#..\" Timeout=\"0\" Rewrite=\"%s=%0=%1\"/>\n"
		"<TEMPLATE MATCH=\"6..\" Timeout=\"0\" Rewrite=\"\\.\\%\\\\.%%.\"/>\n");

	(void)state;
	assert_outcome(p, "1x2y2z", "dial=x2y-z after=5 user=none route=default tones=-");
	assert_outcome(p, "3abc45", "dial=[abc][5] after=0 user=none route=default "
				    "tones=Bellcore-Outside");
	assert_outcome(p, "5#67", "dial=5#67=5#67=67 after=0 user=none route=default tones=-");
	assert_outcome(p, "689", "dial=.%\\8%9 after=0 user=none route=default tones=-");
	dialplan_free(p);
}

/* ---------------------------------------------------------------- guide */

/* The North American sample, key by key as a user would dial. */
static void test_guide_north_american(void **state)
{
	struct dialplan *p = plan(
		"  <TEMPLATE MATCH=\"0\" Timeout=\"1\" \"User=phone\"/> <!-- Local operator -->\n"
		"  <TEMPLATE MATCH=\"9,011*\" Timeout=\"6\" \"User=phone\"/> <!-- International calls -->\n"
		"  <TEMPLATE MATCH=\"9,0\" Timeout=\"2\" User=\"Phone\"/> <!-- PSTN Operator-->\n"
		"  <TEMPLATE MATCH=\"9,11\" Timeout=\"0\" User=\"Phone\" Rewrite=\"9911\"/> <!-- Emergency -->\n"
		"  <TEMPLATE MATCH=\"w!\" Timeout=\"1\" User=\"PHONE\" Rewrite=\"9911\"/> <!-- 911 when entered\n"
		"    in Alpha mode -->\n"
		"  <TEMPLATE MATCH=\"9,.11\" Timeout=\"0\" User=\"Phone\"/> <!-- Service numbers -->\n"
		"  <TEMPLATE MATCH=\"9,101.....\" Timeout=\"0\" User=\"Phone\"/> <!-- Long Distance\n"
		"    Service -->\n"
		"  <TEMPLATE MATCH=\"9,10.....\" Timeout=\"0\" User=\"Phone\"/> <!-- Long Distance\n"
		"    Service -->\n"
		"  <TEMPLATE MATCH=\"9,10*\" Timeout=\"6\" User=\"Phone\"/> <!-- Long Distance Service -->\n"
		"  <TEMPLATE MATCH=\"9,1.....\" Timeout=\"0\" User=\"Phone\"/> <!-- Long Distance -->\n"
		"  <TEMPLATE MATCH=\"9,.....\" Timeout=\"0\" User=\"Phone\"/> <!-- Local numbers -->\n"
		"  <TEMPLATE MATCH=\"*\" Timeout=\"15\"/> <!-- Anything else -->\n");
	static const char *const cases[][2] = {
		/* Local operator: 1 s after "0". */
		{"0", "dial=0 after=1 user=phone route=default tones=-"},
		/* International: Bellcore-Outside after the 9; 6 s after the
		 * last key. */
		{"9011442079460000", "dial=9011442079460000 after=6 user=phone "
				     "route=default tones=Bellcore-Outside"},
		/* PSTN operator: "9,0" ties with "9,011*" (two literals
		 * each): not matched at once, its 2 s then apply. */
		{"90", "dial=90 after=2 user=phone route=default tones=Bellcore-Outside"},
		/* Emergency, rewritten, at once. */
		{"911", "dial=9911 after=0 user=phone route=default tones=Bellcore-Outside"},
		{"w!", "dial=9911 after=1 user=phone route=default tones=-"},
		{"9411", "dial=9411 after=0 user=phone route=default tones=Bellcore-Outside"},
		/* The sample's long distance templates have fewer periods
		 * than a North American number: the first complete one
		 * dials (9,1..... after 7 keys). */
		{"9123456", "dial=9123456 after=0 user=phone route=default tones=Bellcore-Outside"},
		{"9101234567", "dial=910123456 after=0 user=phone route=default "
			       "tones=Bellcore-Outside"},
		{"910112345", "dial=910112345 after=0 user=phone route=default "
			      "tones=Bellcore-Outside"},
		/* One key less: "9,10....." is complete, "9,101....." longer:
		 * wait, then dial with "9,10.....". */
		{"91011234", "dial=91011234 after=15 user=phone route=default "
			     "tones=Bellcore-Outside"},
		/* "9,10*" (3 literals, 6 s) outlasts "9,10....." by a key. */
		{"9105", "dial=9105 after=6 user=phone route=default tones=Bellcore-Outside"},
		/* Local: "9,....." is complete at 6 keys, but "9,1....." is
		 * longer: wait the phone's 15 s, then dial with "9,.....". */
		{"912345", "dial=912345 after=15 user=phone route=default "
			   "tones=Bellcore-Outside"},
		{"952345", "dial=952345 after=0 user=phone route=default "
			   "tones=Bellcore-Outside"},
		/* Anything else. */
		{"5551234", "dial=5551234 after=15 user=none route=default tones=-"},
		{"9", "dial=9 after=15 user=none route=default tones=Bellcore-Outside"},
		{"9#", "dial=9 after=0 user=none route=default tones=Bellcore-Outside"},
		{"*67", "dial=*67 after=15 user=none route=default tones=-"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_outcome(p, cases[i][0], cases[i][1]);
	dialplan_free(p);
}

/* ---------------------------------------------------------------- API */

static void test_session_api(void **state)
{
	struct dialplan *p = plan("<TEMPLATE MATCH=\"1.\" Timeout=\"0\"/>\n"
				  "<TEMPLATE MATCH=\"2*\" Timeout=\"4\"/>\n");
	struct dialplan_session *s;
	struct dialplan_result r;
	size_t len;
	unsigned i;

	(void)state;
	assert_int_equal(dialplan_session_start(p, &s), 0);
	/* Nothing entered: nothing to dial. */
	assert_int_equal(dialplan_timeout(s, &r), -ENODATA);
	assert_int_equal(dialplan_dial_now(s, &r), -ENODATA);
	/* Keys no phone has; the session is unchanged. */
	assert_int_equal(dialplan_feed_key(s, ' ', &r), -EINVAL);
	assert_int_equal(dialplan_feed_key(s, 0, &r), -EINVAL);
	assert_int_equal(dialplan_feed_key(s, '\n', &r), -EINVAL);
	assert_int_equal(dialplan_feed_key(s, 0x7f, &r), -EINVAL);
	assert_int_equal(dialplan_feed_key(s, 0xe9, &r), -EINVAL);
	assert_int_equal(dialplan_feed_key(s, -1, &r), -EINVAL);
	assert_string_equal(dialplan_session_keys(s, &len), "");
	assert_int_equal(len, 0);

	r = key(s, '1');
	assert_int_equal(r.action, DIALPLAN_COLLECT);
	assert_string_equal(dialplan_session_keys(s, &len), "1");
	r = key(s, '5');
	assert_int_equal(r.action, DIALPLAN_DIAL);
	assert_string_equal(r.dial, "15");
	assert_int_equal(r.dial_len, 2);
	/* Dialed: the session is done. */
	assert_int_equal(dialplan_feed_key(s, '1', &r), -EALREADY);
	assert_int_equal(dialplan_timeout(s, &r), -EALREADY);
	assert_int_equal(dialplan_dial_now(s, &r), -EALREADY);

	/* Restart; DIALPLAN_KEYS_MAX keys and no more. */
	dialplan_session_restart(s);
	r = key(s, '2');
	for (i = 1; i < DIALPLAN_KEYS_MAX; i++) {
		r = key(s, '0' + (int)(i % 10));
		assert_int_equal(r.action, DIALPLAN_COLLECT);
		assert_int_equal(r.timeout, 4);
	}
	assert_int_equal(dialplan_feed_key(s, '9', &r), -ENOSPC);
	dialplan_session_keys(s, &len);
	assert_int_equal(len, DIALPLAN_KEYS_MAX);
	/* '#' still dials when full. */
	r = key(s, '#');
	assert_int_equal(r.action, DIALPLAN_DIAL);
	assert_int_equal(r.dial_len, DIALPLAN_KEYS_MAX);
	assert_int_equal(r.line, 3);

	/* The Dial soft key. */
	dialplan_session_restart(s);
	r = key(s, '7');
	assert_int_equal(dialplan_dial_now(s, &r), 0);
	assert_int_equal(r.action, DIALPLAN_DIAL);
	assert_string_equal(r.dial, "7");
	assert_int_equal(r.line, 0);
	dialplan_session_free(s);
	dialplan_session_free(NULL);
	dialplan_free(p);
}

/* Without a plan the phone waits its timeout and dials what was entered;
 * '#' dials at once. */
static void test_no_plan(void **state)
{
	struct dialplan_session *s;
	struct dialplan_result r;

	(void)state;
	assert_int_equal(dialplan_session_start(NULL, &s), 0);
	r = key(s, '#');
	assert_int_equal(r.action, DIALPLAN_COLLECT);
	assert_int_equal(r.timeout, 0);
	r = key(s, '4');
	assert_int_equal(r.action, DIALPLAN_COLLECT);
	assert_int_equal(r.timeout, DIALPLAN_INTERDIGIT_DEFAULT);
	r = key(s, '#');
	assert_int_equal(r.action, DIALPLAN_DIAL);
	assert_string_equal(r.dial, "4");
	assert_int_equal(r.user, DIALPLAN_USER_NONE);
	dialplan_session_free(s);
}

/* ---------------------------------------------------------------- big */

/* 300 templates of five shapes: every number still goes to its own
 * template, and a session can be reused for all of them. */
static void test_big_plan(void **state)
{
	enum { N = 300 };
	char *t = malloc(N * 100), keys[40], want[200];
	struct dialplan_session *s;
	struct dialplan_result r;
	struct dialplan *p;
	size_t len = 0;
	unsigned i;
	const char *k;

	(void)state;
	assert_non_null(t);
	for (i = 0; i < N; i++)
		len += (size_t)snprintf(t + len, N * 100 - len,
			i % 3 == 0 ? "<TEMPLATE MATCH=\"8,%03u....\" Timeout=\"0\" User=\"IP\"/>\n"
			: i % 3 == 1 ? "<TEMPLATE MATCH=\"9,1%03u.......\" Timeout=\"0\" Route=\"gw%u.example\"/>\n"
				     : "<TEMPLATE MATCH=\"\\*%03u*\" Timeout=\"3\" Rewrite=\"7%%1\"/>\n",
			i, i);
	p = plan(t);
	assert_int_equal(dialplan_count(p), N);
	assert_int_equal(dialplan_session_start(p, &s), 0);
	for (i = 0; i < N; i++) {
		dialplan_session_restart(s);
		if (i % 3 == 0)
			snprintf(keys, sizeof(keys), "8%03u1234", i);
		else if (i % 3 == 1)
			snprintf(keys, sizeof(keys), "91%03u5551234", i);
		else
			snprintf(keys, sizeof(keys), "*%03u42", i);
		for (k = keys; *k; k++) {
			r = key(s, *k);
			if (r.action == DIALPLAN_DIAL)
				break;
		}
		if (i % 3 == 2) {
			assert_int_equal(r.action, DIALPLAN_COLLECT);
			assert_int_equal(r.timeout, 3);
			assert_int_equal(dialplan_timeout(s, &r), 0);
			snprintf(want, sizeof(want), "742");
		} else {
			assert_int_equal(r.action, DIALPLAN_DIAL);
			assert_null(k[1] ? k : NULL);
			snprintf(want, sizeof(want), "%s", keys);
		}
		assert_string_equal(r.dial, want);
		assert_int_equal(r.line, i + 2);
		if (i % 3 == 1) {
			snprintf(want, sizeof(want), "gw%u.example", i);
			assert_string_equal(r.route_host, want);
		}
	}
	dialplan_session_free(s);
	dialplan_free(p);
	free(t);
}

/* ---------------------------------------------------------------- reference */

/*
 * A second opinion on MATCH: a recursive matcher over the MATCH text
 * itself (no compilation), for one-template plans with Timeout 0.  The
 * phone must dial at the first key that completes the template, treat a
 * '#' no path takes as "dial now", and otherwise wait and dial as typed.
 */
static int ref_match(const char *m, const char *k, int need_end)
{
	for (;;) {
		if (*m == ',') {
			m++;
			continue;
		}
		if (*m == '\\' && m[1] != '*') {
			m++;
			continue;
		}
		if (!*m)
			return need_end ? !*k : 1;
		if (!*k)
			return !need_end; /* a prefix: more keys may come */
		if (*m == '*') {
			/* one or more non-'#' keys */
			const char *e;

			for (e = k; *e && *e != '#'; e++)
				if (ref_match(m + 1, e + 1, need_end))
					return 1;
			return !need_end && !*e && e > k ? 1 : 0;
		}
		if (*m == '.') {
			if (*k == '#')
				return 0;
		} else {
			const char lit = *m == '\\' ? '*' : *m;

			if (*m == '\\')
				m++;
			if (lit != *k)
				return 0;
		}
		m++;
		k++;
	}
}

static unsigned long long rng = 88172645463325252ull;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void test_reference(void **state)
{
	static const char *const atoms[] = {"1", "2", ".", "*", "#", "\\*", ","};
	static const char keyset[] = "12*#";
	char m[64], k[16], t[256], typed[16], want[256], got[256];
	struct dialplan *p;
	unsigned n, i, j, len, cases = 0;

	(void)state;
	for (n = 0; n < 1500; n++) {
		m[0] = 0;
		len = 1 + rnd(5);
		for (i = 0; i < len; i++)
			strcat(m, atoms[rnd(7)]);
		len = 1 + rnd(7);
		for (i = 0; i < len; i++)
			k[i] = keyset[rnd(4)];
		k[len] = 0;
		snprintf(t, sizeof(t),
			 "<TEMPLATE MATCH=\"%s\" Timeout=\"0\" User=\"IP\"/>\n", m);
		{
			char xml[512];

			snprintf(xml, sizeof(xml), "<DIALTEMPLATE>%s</DIALTEMPLATE>", t);
			p = NULL;
			assert_int_equal(dialplan_load("r", (const uint8_t *)xml,
						       strlen(xml), NULL, NULL,
						       NULL, &p), 0);
		}
		if (dialplan_count(p) == 0) { /* MATCH of commas only */
			dialplan_free(p);
			continue;
		}
		/* The reference phone. */
		j = 0;
		snprintf(want, sizeof(want), "?");
		for (i = 0; k[i]; i++) {
			typed[j] = k[i];
			typed[j + 1] = 0;
			if (k[i] == '#' && !ref_match(m, typed, 0)) {
				typed[j] = 0;
				if (j == 0)
					continue; /* ignored */
				snprintf(want, sizeof(want),
					 "dial=%s after=0 user=%s", typed,
					 ref_match(m, typed, 1) ? "ip" : "none");
				break;
			}
			j++;
			if (ref_match(m, typed, 1)) {
				snprintf(want, sizeof(want),
					 "dial=%s after=0 user=ip", typed);
				break;
			}
		}
		if (!k[i]) {
			typed[j] = 0;
			if (j == 0)
				snprintf(want, sizeof(want), "dial= after=0 user=none");
			else
				snprintf(want, sizeof(want),
					 "dial=%s after=15 user=none", typed);
		}
		outcome(p, k, got, sizeof(got));
		*strstr(got, " route=") = 0;
		if (strcmp(got, want))
			print_message("  MATCH=\"%s\" keys %s\n", m, k);
		assert_string_equal(got, want);
		dialplan_free(p);
		cases++;
	}
	assert_true(cases > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period),
		cmocka_unit_test(test_star),
		cmocka_unit_test(test_star_then_period),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_letters),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_guide_hash_example),
		cmocka_unit_test(test_guide_star_example),
		cmocka_unit_test(test_guide_tone_example),
		cmocka_unit_test(test_commas_condense),
		cmocka_unit_test(test_tones),
		cmocka_unit_test(test_tone_order_free),
		cmocka_unit_test(test_longest),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_complete_vs_incomplete),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_user_route),
		cmocka_unit_test(test_rewrite_table),
		cmocka_unit_test(test_rewrite_more),
		cmocka_unit_test(test_guide_north_american),
		cmocka_unit_test(test_session_api),
		cmocka_unit_test(test_no_plan),
		cmocka_unit_test(test_big_plan),
		cmocka_unit_test(test_reference),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
