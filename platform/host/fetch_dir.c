/*
 * fetch_dir.c - a TFTP root that is a folder: names are looked up under
 * the root only (no "..", no absolute paths: a TFTP server's rule), the
 * answer comes from the loop like a network's would.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fetch_dir.h"
#include "io/io_file.h"

void fetch_dir_init(struct fetch_dir *f, const char *root,
		    struct rt_timers *timers)
{
	memset(f, 0, sizeof(*f));
	f->root = root;
	f->timers = timers;
}

void fetch_dir_fini(struct fetch_dir *f)
{
	rt_timer_stop(f->timers, &f->answer);
	free(f->data);
	f->data = NULL;
}

static void answer(struct rt_timer *t, void *arg)
{
	struct fetch_dir *f = arg;
	boot_fetch_cb *cb = f->cb;
	uint8_t *data = f->data;

	(void)t;
	f->cb = NULL;
	f->data = NULL;
	cb(f->cbarg, f->err, data, f->len);
	free(data);
}

static int safe_name(const char *name)
{
	const char *p;

	if (!name[0] || name[0] == '/')
		return 0;
	for (p = name; *p; p++)
		if (p[0] == '.' && p[1] == '.' &&
		    (p == name || p[-1] == '/') && (p[2] == '/' || !p[2]))
			return 0;
	return 1;
}

/* A regular file under the root, at most MAX bytes. */
static int read_file(const char *path, size_t max, uint8_t **datap,
		     size_t *lenp)
{
	struct stat st;
	int err;

	if (stat(path, &st) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -ENOENT;
	err = io_read_file(path, max, datap, lenp);
	if (!err && *lenp > max) {
		free(*datap);
		*datap = NULL;
		err = -EFBIG;
	}
	return err;
}

static int get(void *arg, const struct boot_server *srv, const char *name,
	       size_t max, boot_fetch_cb *cb, void *cbarg)
{
	struct fetch_dir *f = arg;
	char path[4096];
	int n;

	if (f->cb)
		return -EBUSY;
	f->data = NULL;
	f->len = 0;
	if (srv->host[0]) {
		/* A dyn_tftp_addr server: not reachable from a folder. */
		f->err = -EHOSTUNREACH;
	} else if (!safe_name(name)) {
		f->err = -EACCES;
	} else {
		n = snprintf(path, sizeof(path), "%s/%s", f->root, name);
		f->err = n < 0 || (size_t)n >= sizeof(path)
				 ? -ENAMETOOLONG
				 : read_file(path, max, &f->data, &f->len);
	}
	f->cb = cb;
	f->cbarg = cbarg;
	return rt_timer_start(f->timers, &f->answer, 0, answer, f);
}

struct boot_fetcher fetch_dir_fetcher(struct fetch_dir *f)
{
	struct boot_fetcher bf = {get, f};

	return bf;
}
