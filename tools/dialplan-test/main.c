/*
 * dialplan-test - what the phone dials for given keys under a dial plan.
 *
 *   dialplan-test PLAN.xml DIGITS...
 *
 * One line per DIGITS (a contract: other programs parse it):
 *   DIGITS: dial=STRING after=SECONDS user=none|phone|ip
 *           route=default|emergency|FQDN tones=NAME,NAME|-
 * (on one line).  Diagnostics go to stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dialplan/dialplan.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: dialplan-test PLAN.xml DIGITS...\n"
		"\n"
		"Loads the dial plan (the phone's dialplan.xml) and, for each\n"
		"DIGITS string, presses its keys one by one (0-9, * and #; other\n"
		"printable characters are alpha-mode keys).  If the plan then\n"
		"waits, the wait runs out.  Prints one line per DIGITS:\n"
		"\n"
		"  DIGITS: dial=STRING after=SECONDS user=none|phone|ip "
		"route=default|emergency|FQDN tones=NAME,NAME|-\n"
		"\n"
		"  dial    what the phone dials, after Rewrite; empty when '#'\n"
		"          was pressed with nothing entered\n"
		"  after   0 when the phone dials on a key (a template with\n"
		"          Timeout=\"0\", or '#' as \"dial now\"), otherwise the\n"
		"          seconds it waited after the last key\n"
		"  user    the User attribute of the template used\n"
		"  route   its Route: default, emergency, or the FQDN (sent to\n"
		"          the default proxy)\n"
		"  tones   secondary dial tones started while the keys were\n"
		"          entered, in order; - for none\n"
		"\n"
		"Keys after the one that dials are not part of the number (on\n"
		"a phone they go to the call).  When no template matches, the\n"
		"phone waits its own interdigit timeout and dials the keys as\n"
		"entered (user=none route=default).  The guide does not give\n"
		"that timeout; this phone uses %u seconds, the Timeout of the\n"
		"guide's catch-all template (MATCH=\"*\", \"Anything else\").\n"
		"A template without Timeout waits as long.\n"
		"\n"
		"Problems in the plan are warnings on stderr, as\n"
		"FILE:LINE: warning: message; the templates that can be read\n"
		"are used.\n"
		"\n"
		"Exit status: 0 ok (warnings included), 2 usage, a DIGITS\n"
		"string that is empty, too long (more than %d keys) or holds\n"
		"a key no phone has, or a plan that cannot be read.\n",
		DIALPLAN_INTERDIGIT_DEFAULT, DIALPLAN_KEYS_MAX);
}

static const char *user_name(enum dialplan_user u)
{
	return u == DIALPLAN_USER_PHONE ? "phone"
	       : u == DIALPLAN_USER_IP  ? "ip"
					: "none";
}

static const char *route_name(const struct dialplan_result *r)
{
	if (r->route == DIALPLAN_ROUTE_EMERGENCY)
		return "emergency";
	if (r->route == DIALPLAN_ROUTE_FQDN && r->route_host)
		return r->route_host;
	return "default";
}

static int check_digits(const char *d)
{
	size_t i, n = strlen(d);

	if (n == 0) {
		fputs("dialplan-test: an empty DIGITS string presses no key\n",
		      stderr);
		return -1;
	}
	if (n > DIALPLAN_KEYS_MAX) {
		fprintf(stderr, "dialplan-test: %s: more than %d keys\n", d,
			DIALPLAN_KEYS_MAX);
		return -1;
	}
	for (i = 0; i < n; i++)
		if ((unsigned char)d[i] <= ' ' || (unsigned char)d[i] >= 0x7f) {
			fprintf(stderr, "dialplan-test: %s: byte 0x%02x is not "
				"a key\n", d, (unsigned char)d[i]);
			return -1;
		}
	return 0;
}

/* Enter DIGITS and print what is dialed; 0, or -errno. */
static int run(struct dialplan_session *s, const char *digits)
{
	struct dialplan_result r = {0};
	char tones[DIALPLAN_KEYS_MAX * 24 + 2] = "";
	unsigned after = 0;
	size_t i, tl = 0;
	int err = 0, n;

	dialplan_session_restart(s);
	for (i = 0; digits[i]; i++) {
		err = dialplan_feed_key(s, (unsigned char)digits[i], &r);
		if (err)
			return err;
		if (r.action == DIALPLAN_DIAL)
			break;
		if (r.tone != DIALPLAN_TONE_NONE) {
			n = snprintf(tones + tl, sizeof(tones) - tl, "%s%s",
				     tl ? "," : "", dialplan_tone_name(r.tone));
			if (n < 0 || (size_t)n >= sizeof(tones) - tl)
				return -EOVERFLOW;
			tl += (size_t)n;
		}
	}
	if (r.action == DIALPLAN_COLLECT && r.timeout) {
		after = r.timeout;
		err = dialplan_timeout(s, &r);
		if (err)
			return err;
	}
	if (r.action != DIALPLAN_DIAL) /* '#' with nothing entered */
		r = (struct dialplan_result){.dial = ""};
	printf("%s: dial=%s after=%u user=%s route=%s tones=%s\n", digits,
	       r.dial, after, user_name(r.user), route_name(&r),
	       tl ? tones : "-");
	return 0;
}

int main(int argc, char **argv)
{
	struct dialplan *plan = NULL;
	struct dialplan_session *s = NULL;
	int i, err, status = 2;

	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		usage(stdout);
		return 0;
	}
	if (argc < 3 || argv[1][0] == '-') {
		usage(stderr);
		return 2;
	}
	for (i = 2; i < argc; i++)
		if (check_digits(argv[i]))
			return 2;
	err = dialplan_load_file(argv[1], dialplan_report_stderr, NULL, NULL,
				 &plan);
	if (err) {
		if (err != -EFBIG)
			fprintf(stderr, "%s: cannot read: %s\n", argv[1],
				strerror(-err));
		goto out;
	}
	err = dialplan_session_start(plan, &s);
	if (err) {
		fprintf(stderr, "dialplan-test: %s\n", strerror(-err));
		goto out;
	}
	for (i = 2; i < argc; i++) {
		err = run(s, argv[i]);
		if (err) {
			fprintf(stderr, "dialplan-test: %s: %s\n", argv[i],
				strerror(-err));
			goto out;
		}
	}
	status = fflush(stdout) == 0 ? 0 : 2;
out:
	dialplan_session_free(s);
	dialplan_free(plan);
	return status;
}
