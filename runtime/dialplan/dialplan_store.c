/*
 * dialplan_store.c - a dial plan from the file system (hosted builds only:
 * mk/dialplan.mk lists this file in HOSTED_SRC).  The bare-metal core
 * loads plans from a buffer (dialplan_load), as a NOTIFY check-sync or a
 * TFTP transfer hands them over.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "dialplan/dialplan.h"

int dialplan_load_file(const char *path, dialplan_report_fn *report,
		       void *arg, struct dialplan_stats *st,
		       struct dialplan **planp)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	ssize_t n;
	int fd, err;

	*planp = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* One byte past the limit, so that an oversized file is seen. */
	buf = malloc(DIALPLAN_FILE_MAX + 1);
	if (!buf) {
		err = -ENOMEM;
		goto out;
	}
	while (len < DIALPLAN_FILE_MAX + 1) {
		n = read(fd, buf + len, DIALPLAN_FILE_MAX + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	err = dialplan_load(path, buf, len, report, arg, st, planp);
out:
	free(buf);
	close(fd);
	return err;
}

