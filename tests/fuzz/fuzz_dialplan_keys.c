/*
 * fuzz_dialplan_keys.c - libFuzzer: key sequences against a plan.
 *
 * Input: a plan, a NUL byte, then events: a printable byte is a key,
 * 0x01 the interdigit timer, 0x02 the Dial soft key, 0x03 a new call,
 * anything else a key the phone does not have (must be refused).  With no
 * NUL the guide's North American plan is used and every byte is an event.
 * The collector must never crash, and what it answers must hold together.
 * Seeds: tests/fuzz/corpus/dialplan_keys/.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dialplan/dialplan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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

static void check(const struct dialplan_session *s,
		  const struct dialplan_result *r)
{
	size_t n;

	dialplan_session_keys(s, &n);
	if (n > DIALPLAN_KEYS_MAX)
		abort();
	if (r->action == DIALPLAN_DIAL) {
		if (!r->dial || strlen(r->dial) != r->dial_len ||
		    r->dial_len > DIALPLAN_DIAL_MAX)
			abort();
		if ((r->route == DIALPLAN_ROUTE_FQDN) != (r->route_host != NULL))
			abort();
		if (r->user > DIALPLAN_USER_IP)
			abort();
	} else if (r->action == DIALPLAN_COLLECT) {
		if (r->timeout > DIALPLAN_TIMEOUT_MAX ||
		    (unsigned)r->tone >= DIALPLAN_TONE_COUNT)
			abort();
	} else {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	const uint8_t *xml = (const uint8_t *)guide_plan, *ev = data;
	size_t xlen = sizeof(guide_plan) - 1, i;
	struct dialplan *plan = NULL;
	struct dialplan_session *s = NULL;
	struct dialplan_result r;
	int err, done = 0;

	if (nul) {
		xml = data;
		xlen = (size_t)(nul - data);
		ev = nul + 1;
	}
	if (dialplan_load("keys.xml", xml, xlen, NULL, NULL, NULL, &plan))
		return 0;
	if (dialplan_session_start(plan, &s))
		goto out;
	for (i = (size_t)(ev - data); i < size; i++) {
		uint8_t c = data[i];

		if (c == 0x01 || c == 0x02) {
			err = c == 0x01 ? dialplan_timeout(s, &r)
					: dialplan_dial_now(s, &r);
			if ((err == -EALREADY) != done)
				abort();
			if (err == 0) {
				check(s, &r);
				if (r.action != DIALPLAN_DIAL)
					abort(); /* a timeout always dials */
				done = 1;
			} else if (err != -ENODATA && err != -EALREADY) {
				abort();
			}
			continue;
		}
		if (c == 0x03) {
			dialplan_session_restart(s);
			done = 0;
			continue;
		}
		err = dialplan_feed_key(s, c, &r);
		if (c <= ' ' || c >= 0x7f) {
			if (err != (done ? -EALREADY : -EINVAL))
				abort();
			continue;
		}
		if (done) {
			if (err != -EALREADY)
				abort();
			continue;
		}
		if (err == -ENOSPC)
			continue;
		if (err)
			abort();
		check(s, &r);
		done = r.action == DIALPLAN_DIAL;
	}
out:
	dialplan_session_free(s);
	dialplan_free(plan);
	return 0;
}
