/*
 * cnfcheck - validate configuration files; print the effective configuration.
 *
 *   cnfcheck FILE...
 *   cnfcheck [--flash F] [--default D] [--phone P] --print
 *
 * Diagnostics go to stderr as "FILE:LINE: error: message" / "warning:".
 * Exit status: 0 no errors, 1 errors, 2 usage.  The output is a contract:
 * scripts parse it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cnf/cnf.h"

static void usage(FILE *f)
{
	fputs("usage: cnfcheck FILE...\n"
	      "       cnfcheck [--flash F] [--default D] [--phone P] --print\n"
	      "\n"
	      "The first form validates each configuration file and prints\n"
	      "its problems as FILE:LINE: error|warning: message.  A file\n"
	      "named SIPDefault.cnf is checked as the default file, any other\n"
	      "as a phone-specific file (SIP<MAC>.cnf).\n"
	      "\n"
	      "The second form layers flash < default < phone file, as the\n"
	      "phone does at boot, and prints every known parameter as\n"
	      "'name: value', sorted by name.\n"
	      "\n"
	      "Exit status: 0 no errors, 1 errors (warnings do not count),\n"
	      "2 usage.\n",
	      f);
}

static enum cnf_layer_id layer_for(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	return strcasecmp(base, "SIPDefault.cnf") == 0 ? CNF_LAYER_DEFAULT
						       : CNF_LAYER_PHONE;
}

/* Load PATH into layer ID; 1 if it had errors (or could not be read). */
static int load(struct cnf_layers *l, enum cnf_layer_id id, const char *path)
{
	struct cnf_stats st = {0};
	int err = cnf_layer_load_file(l, id, path, cnf_report_stderr, NULL, &st);

	if (err == -EFBIG)
		return 1; /* already reported */
	if (err) {
		fprintf(stderr, "%s: error: cannot read: %s\n", path,
			strerror(-err));
		return 1;
	}
	return st.errors > 0;
}

static int print_effective(const struct cnf_layers *l)
{
	struct cnf *c;
	unsigned p;

	if (cnf_snapshot(l, &c)) {
		fputs("cnfcheck: out of memory\n", stderr);
		return 2;
	}
	/* The registry is in name order. */
	for (p = 0; p < CNF_PARAM_COUNT; p++)
		printf("%s: %s\n", cnf_param_info(p)->name, cnf_str(c, p));
	cnf_free(c);
	return fflush(stdout) == 0 ? 0 : 2;
}

int main(int argc, char **argv)
{
	const char *flash = NULL, *def = NULL, *phone = NULL;
	struct cnf_layers *l;
	int print = 0, bad = 0, files = 0, i, rc;

	for (i = 1; i < argc; i++) {
		const char **slot = NULL;

		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--print") == 0) {
			print = 1;
			continue;
		}
		if (strcmp(argv[i], "--flash") == 0)
			slot = &flash;
		else if (strcmp(argv[i], "--default") == 0)
			slot = &def;
		else if (strcmp(argv[i], "--phone") == 0)
			slot = &phone;
		else if (strcmp(argv[i], "--") == 0) {
			files += argc - i - 1;
			break;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "cnfcheck: unknown option %s\n", argv[i]);
			usage(stderr);
			return 2;
		} else {
			files++;
			continue;
		}
		if (++i >= argc) {
			fprintf(stderr, "cnfcheck: %s needs a file\n", argv[i - 1]);
			return 2;
		}
		*slot = argv[i];
	}
	if (print ? files > 0 : (files == 0 || flash || def || phone)) {
		usage(stderr);
		return 2;
	}
	if (cnf_layers_alloc(&l)) {
		fputs("cnfcheck: out of memory\n", stderr);
		return 2;
	}
	if (print) {
		if (flash)
			bad |= load(l, CNF_LAYER_FLASH, flash);
		if (def)
			bad |= load(l, CNF_LAYER_DEFAULT, def);
		if (phone)
			bad |= load(l, CNF_LAYER_PHONE, phone);
		rc = print_effective(l);
		cnf_layers_free(l);
		return rc ? rc : bad;
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			continue;
		/* A fresh layer set per file: each file is checked alone. */
		bad |= load(l, layer_for(argv[i]), argv[i]);
		cnf_layer_erase(l, layer_for(argv[i]), 0);
	}
	cnf_layers_free(l);
	return bad;
}
