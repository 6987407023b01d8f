/*
 * dialplan_diag.c - tone names and diagnostics.
 *
 * Tones: the guide's list under "Specifying the Comma", in its order and
 * spelling; "The tones are case insensitive".
 * Diagnostics: "FILE:LINE: warning: message", as cnfcheck prints them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dialplan/dialplan.h"

static const char *const tone_names[DIALPLAN_TONE_COUNT] = {
	[DIALPLAN_TONE_NONE]                 = "",
	[DIALPLAN_TONE_BELLCORE_INSIDE]      = "Bellcore-Inside",
	[DIALPLAN_TONE_BELLCORE_OUTSIDE]     = "Bellcore-Outside",
	[DIALPLAN_TONE_BELLCORE_BUSY]        = "Bellcore-Busy",
	[DIALPLAN_TONE_BELLCORE_DR1]         = "Bellcore-dr1",
	[DIALPLAN_TONE_BELLCORE_REORDER]     = "Bellcore-Reorder",
	[DIALPLAN_TONE_BELLCORE_CALLWAITING] = "Bellcore-CallWaiting",
	[DIALPLAN_TONE_BELLCORE_HOLD]        = "Bellcore-Hold",
	[DIALPLAN_TONE_BELLCORE_REMINDER]    = "Bellcore-Reminder",
	[DIALPLAN_TONE_CISCO_ZIPZIP]         = "Cisco-ZipZip",
	[DIALPLAN_TONE_CISCO_ZIP]            = "Cisco-Zip",
	[DIALPLAN_TONE_CISCO_BEEPBONK]       = "Cisco-BeepBonk",
	[DIALPLAN_TONE_BELLCORE_NONE]        = "Bellcore-None",
	[DIALPLAN_TONE_BELLCORE_CONFIRMATION] = "Bellcore-Confirmation",
	[DIALPLAN_TONE_BELLCORE_PERMANENT]   = "Bellcore-Permanent",
};

const char *dialplan_tone_name(enum dialplan_tone t)
{
	if ((unsigned)t >= DIALPLAN_TONE_COUNT)
		return "";
	return tone_names[t];
}

int dialplan_tone_lookup(const char *name, size_t len, enum dialplan_tone *t)
{
	unsigned i;

	for (i = DIALPLAN_TONE_NONE + 1; i < DIALPLAN_TONE_COUNT; i++)
		if (strlen(tone_names[i]) == len &&
		    strncasecmp(tone_names[i], name, len) == 0) {
			*t = (enum dialplan_tone)i;
			return 0;
		}
	return -EINVAL;
}

int dialplan_diag_format(const struct dialplan_diag *d, char *buf, size_t size)
{
	const char *file = d->file ? d->file : "dialplan.xml";

	if (d->line)
		return snprintf(buf, size, "%s:%u: warning: %s", file,
				d->line, d->msg);
	return snprintf(buf, size, "%s: warning: %s", file, d->msg);
}

void dialplan_report_stderr(void *arg, const struct dialplan_diag *d)
{
	char buf[DIALPLAN_DIAG_MAX + 512];

	(void)arg;
	dialplan_diag_format(d, buf, sizeof(buf));
	fprintf(stderr, "%s\n", buf);
}
