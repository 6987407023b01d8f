/*
 * cnf_diag.c - diagnostics in the one form tools and people read:
 * "FILE:LINE: error: message" (or "warning:"); "FILE: error: ..." when the
 * problem is the file as a whole.
 */
#include <stdio.h>

#include "cnf/cnf.h"

int cnf_diag_format(const struct cnf_diag *d, char *buf, size_t size)
{
	const char *sev = d->sev == CNF_ERROR ? "error" : "warning";

	if (d->line)
		return snprintf(buf, size, "%s:%u: %s: %s", d->file, d->line,
				sev, d->msg);
	return snprintf(buf, size, "%s: %s: %s", d->file, sev, d->msg);
}

void cnf_report_stderr(void *arg, const struct cnf_diag *d)
{
	char buf[CNF_DIAG_MAX + 512];

	(void)arg;
	cnf_diag_format(d, buf, sizeof(buf));
	fprintf(stderr, "%s\n", buf);
}
