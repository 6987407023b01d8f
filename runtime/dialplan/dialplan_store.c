/*
 * dialplan_store.c - a dial plan from the file system (hosted builds only:
 * mk/dialplan.mk lists this file in HOSTED_SRC).  The bare-metal core
 * loads plans from a buffer (dialplan_load), as a NOTIFY check-sync or a
 * TFTP transfer hands them over.
 */
#include <stdlib.h>

#include "dialplan/dialplan.h"
#include "io/io_file.h"

int dialplan_load_file(const char *path, dialplan_report_fn *report,
		       void *arg, struct dialplan_stats *st,
		       struct dialplan **planp)
{
	uint8_t *buf;
	size_t len;
	int err;

	*planp = NULL;
	/* Up to one byte past the limit: dialplan_load says it is too big. */
	err = io_read_file(path, DIALPLAN_FILE_MAX, &buf, &len);
	if (err)
		return err;
	err = dialplan_load(path, buf, len, report, arg, st, planp);
	free(buf);
	return err;
}
