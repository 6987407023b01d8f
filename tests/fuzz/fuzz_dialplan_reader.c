/*
 * fuzz_dialplan_reader.c - libFuzzer: any bytes as a dialplan.xml.
 *
 * The reader must never crash, leak or read out of bounds; every warning
 * must format; what it loads must answer a few key sequences sanely.
 * Seeds: tests/fuzz/corpus/dialplan_reader/ (the guide's examples and
 * broken variants).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dialplan/dialplan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_diag(void *arg, const struct dialplan_diag *d)
{
	char buf[DIALPLAN_DIAG_MAX + 512];
	unsigned *n = arg;

	if (dialplan_diag_format(d, buf, sizeof(buf)) <= 0 || !d->msg[0])
		abort();
	(*n)++;
}

static void enter(struct dialplan_session *s, const char *keys)
{
	struct dialplan_result r = {0};

	dialplan_session_restart(s);
	for (; *keys; keys++) {
		if (dialplan_feed_key(s, (unsigned char)*keys, &r))
			abort();
		if (r.action == DIALPLAN_DIAL)
			break;
	}
	if (r.action == DIALPLAN_COLLECT && r.timeout &&
	    dialplan_timeout(s, &r))
		abort();
	if (r.action == DIALPLAN_DIAL &&
	    (r.dial_len > DIALPLAN_DIAL_MAX || strlen(r.dial) != r.dial_len))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const numbers[] = {
		"9011441234567", "911", "0", "123#45#6", "12*345", "8123456",
		"*67#", "w!", "1234567890123456789012345678901234567890",
	};
	struct dialplan *plan = NULL;
	struct dialplan_session *s = NULL;
	struct dialplan_stats st;
	unsigned n = 0, i;
	int err;

	err = dialplan_load("fuzz.xml", data, size, check_diag, &n, &st, &plan);
	if (err) {
		if (plan || size <= DIALPLAN_FILE_MAX)
			abort();
		return 0;
	}
	if (st.warnings != n || st.templates != dialplan_count(plan) ||
	    st.templates > DIALPLAN_TEMPLATES_MAX)
		abort();
	if (dialplan_session_start(plan, &s) == 0) {
		for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
			enter(s, numbers[i]);
		dialplan_session_free(s);
	}
	dialplan_free(plan);
	return 0;
}
