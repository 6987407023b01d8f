/*
 * cnf_store.c - configuration files in the file system: a layer loaded
 * from a file, and a layer written to flash, atomically.
 *
 * DESIGN.md: "flash writes are atomic (write, fsync, rename)"; a crash at any
 * point leaves the old file or the new one.  The text is configuration-file
 * syntax, so the same reader loads it back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cnf/cnf.h"
#include "cnf/cnf_layer.h"
#include "io/io_file.h"

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
	char *text = NULL;
	size_t len;
	int err;

	if ((unsigned)id >= CNF_LAYER_COUNT || !path)
		return -EINVAL;
	err = render(&l->layer[id], &text, &len);
	if (err)
		return err;
	err = io_write_atomic(path, text, len);
	free(text);
	return err;
}

int cnf_layer_load_file(struct cnf_layers *l, enum cnf_layer_id id,
			const char *path, cnf_report_fn *report, void *arg,
			struct cnf_stats *st)
{
	uint8_t *buf;
	size_t len;
	int err;

	/* Up to one byte past the limit: cnf_layer_load says it is too big. */
	err = io_read_file(path, CNF_FILE_MAX, &buf, &len);
	if (err)
		return err;
	err = cnf_layer_load(l, id, path, buf, len, report, arg, st);
	free(buf);
	return err;
}
