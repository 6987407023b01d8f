/*
 * cnf_store.c - configuration files in the file system: a layer loaded
 * from a file, and a layer written to flash, atomically.
 *
 * DESIGN.md: "flash writes are atomic (write, fsync, rename)"; a crash at any
 * point leaves the old file or the new one.  The text is configuration-file
 * syntax, so the same reader loads it back.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cnf/cnf.h"
#include "cnf/cnf_layer.h"

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int fsync_dir_of(const char *path)
{
	char *copy = strdup(path);
	int fd, err = 0;

	if (!copy)
		return -ENOMEM;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	if (fsync(fd) < 0)
		err = -errno;
	close(fd);
out:
	free(copy);
	return err;
}

/* Render layer ID: one "name: value" line per entry, quoted so that any
 * white space or comment character survives. */
static int render(const struct cnf__layer *ly, char **textp, size_t *lenp)
{
	static const char head[] = "# sipphone flash: written by the phone\n";
	size_t cap = sizeof(head), len;
	unsigned p;
	char *text;

	for (p = 0; p < CNF_PARAM_COUNT; p++)
		if (ly->e[p].state != CNF__UNSET)
			cap += strlen(cnf_param_info(p)->name) + 6 +
			       (ly->e[p].val ? strlen(ly->e[p].val) : 0);
	text = malloc(cap);
	if (!text)
		return -ENOMEM;
	memcpy(text, head, sizeof(head) - 1);
	len = sizeof(head) - 1;
	for (p = 0; p < CNF_PARAM_COUNT; p++) {
		const struct cnf__entry *e = &ly->e[p];
		const char *v = e->state == CNF__SET ? e->val : "";
		char q = strchr(v, '"') ? '\'' : '"';
		int n;

		if (e->state == CNF__UNSET)
			continue;
		n = snprintf(text + len, cap - len, "%s: %c%s%c\n",
			     cnf_param_info(p)->name, q, v, q);
		if (n < 0 || (size_t)n >= cap - len) {
			free(text);
			return -EOVERFLOW;
		}
		len += (size_t)n;
	}
	*textp = text;
	*lenp = len;
	return 0;
}

int cnf_layer_save(const struct cnf_layers *l, enum cnf_layer_id id,
		   const char *path)
{
	char *text = NULL, *tmp = NULL;
	size_t len, plen;
	int fd = -1, err;

	if ((unsigned)id >= CNF_LAYER_COUNT || !path)
		return -EINVAL;
	err = render(&l->layer[id], &text, &len);
	if (err)
		return err;
	plen = strlen(path);
	tmp = malloc(plen + sizeof(".new"));
	if (!tmp) {
		err = -ENOMEM;
		goto out;
	}
	memcpy(tmp, path, plen);
	memcpy(tmp + plen, ".new", sizeof(".new"));
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	err = write_all(fd, text, len);
	if (!err && fsync(fd) < 0)
		err = -errno;
	if (close(fd) < 0 && !err)
		err = -errno;
	fd = -1;
	if (!err && rename(tmp, path) < 0)
		err = -errno;
	if (!err)
		err = fsync_dir_of(path);
out:
	if (err && tmp)
		unlink(tmp);
	free(tmp);
	free(text);
	return err;
}

int cnf_layer_load_file(struct cnf_layers *l, enum cnf_layer_id id,
			const char *path, cnf_report_fn *report, void *arg,
			struct cnf_stats *st)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	ssize_t n;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* Read one byte past the limit so that an oversized file (or one
	 * that grows while read) is seen as such. */
	buf = malloc(CNF_FILE_MAX + 1);
	if (!buf) {
		err = -ENOMEM;
		goto out;
	}
	while (len < CNF_FILE_MAX + 1) {
		n = read(fd, buf + len, CNF_FILE_MAX + 1 - len);
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
	err = cnf_layer_load(l, id, path, buf, len, report, arg, st);
out:
	free(buf);
	close(fd);
	return err;
}
