/*
 * test_cnfcheck.c - the cnfcheck tool's contract (issue: "a contract, other
 * programs parse it"): diagnostics, exit status, --print.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <libgen.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "cnf/cnf.h"

static char tool[512];
static char dir[64];
static char out[64 * 1024], err[16 * 1024];

static void write_file(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static void slurp(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* Run cnfcheck ARGS in DIR; capture stdout and stderr; exit status. */
static int run(const char *args)
{
	/* Under qemu (the cross build) the tool needs the same emulator. */
	const char *wrap = getenv("SIPPHONE_EXEC_WRAPPER");
	char cmd[2048], o[128], e[128];
	int rc;

	snprintf(o, sizeof(o), "%s/.out", dir);
	snprintf(e, sizeof(e), "%s/.err", dir);
	snprintf(cmd, sizeof(cmd), "cd '%s' && %s '%s' %s >.out 2>.err", dir,
		 wrap ? wrap : "", tool, args);
	rc = system(cmd);
	assert_true(WIFEXITED(rc));
	slurp(o, out, sizeof(out));
	slurp(e, err, sizeof(err));
	return WEXITSTATUS(rc);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_cnfcheck.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_valid_file(void **state)
{
	(void)state;
	write_file("SIP00503EFFF842.cnf", "line1_name: 43\nphone_label: x\n");
	assert_int_equal(run("SIP00503EFFF842.cnf"), 0);
	assert_string_equal(out, "");
	assert_string_equal(err, "");
}

static void test_errors_and_warnings(void **state)
{
	(void)state;
	write_file("a.cnf", "tos_media: 9\nbogus: 1\nline1_name: 43\n"
			    "phone_label: \"x\n");
	assert_int_equal(run("a.cnf"), 1);
	assert_string_equal(err,
			    "a.cnf:1: error: tos_media 9 is out of range 0..5\n"
			    "a.cnf:2: warning: unknown parameter \"bogus\"; "
			    "ignored\n"
			    "a.cnf:4: error: missing end quote: a quoted value "
			    "must end with the quote it starts with (\"x)\n");
	write_file("w.cnf", "bogus: 1\ndtmf_avt_payload: 128\n");
	assert_int_equal(run("w.cnf"), 0); /* warnings only */
	assert_non_null(strstr(err, "w.cnf:2: warning: dtmf_avt_payload 128 "
				    "is above 127; using 101\n"));
}

/* SIPDefault.cnf is checked as the default file. */
static void test_default_file_rules(void **state)
{
	(void)state;
	write_file("SIPDefault.cnf", "line1_name: 43\n");
	assert_int_equal(run("SIPDefault.cnf"), 0);
	assert_non_null(strstr(err, "SIPDefault.cnf:1: warning: line1_name "
				    "cannot be set in the default"));
}

static void test_several_files_and_missing(void **state)
{
	(void)state;
	write_file("ok.cnf", "tos_media: 1\n");
	write_file("bad.cnf", "a b: c\n");
	assert_int_equal(run("ok.cnf missing.cnf bad.cnf"), 1);
	assert_string_equal(err, "missing.cnf: error: cannot read: No such "
				 "file or directory\n"
				 "bad.cnf:1: error: white space inside the "
				 "variable name \"a...\"\n");
}

static void test_usage(void **state)
{
	(void)state;
	assert_int_equal(run(""), 2);
	assert_int_equal(run("--bogus x.cnf"), 2);
	assert_int_equal(run("--print x.cnf"), 2);
	assert_int_equal(run("--default"), 2);
	assert_int_equal(run("--help"), 0);
	assert_non_null(strstr(out, "usage: cnfcheck FILE..."));
}

/* "every known parameter, one name: value line (lower-case name, value
 * without quotes), sorted by name" */
static void test_print(void **state)
{
	char *line, *save = NULL, prev[128] = "";
	unsigned n = 0;

	(void)state;
	write_file("flash", "tos_media: 1\nip_address: 10.0.0.9\n"
			    "sip_retx: 3\n");
	write_file("SIPDefault.cnf", "TOS_MEDIA: \"2\"\n"
				     "phone_password: 'a b'\n");
	write_file("SIPAABBCCDDEEFF.cnf", "phone_label: \"Bob's #1\"\n"
					  "line1_authname: alice\n");
	assert_int_equal(run("--flash flash --default SIPDefault.cnf "
			     "--phone SIPAABBCCDDEEFF.cnf --print"),
			 0);
	assert_string_equal(err, "");
	assert_non_null(strstr(out, "\ntos_media: 2\n"));
	assert_non_null(strstr(out, "\nsip_retx: 3\n"));
	assert_non_null(strstr(out, "\nip_address: 10.0.0.9\n"));
	assert_non_null(strstr(out, "\nphone_password: a b\n"));
	assert_non_null(strstr(out, "\nphone_label: Bob's #1\n"));
	assert_non_null(strstr(out, "\nline2_authname: alice\n"));
	assert_non_null(strstr(out, "\ntimer_t1: 500\n"));
	assert_int_equal(strncmp(out, "admin_vlan_id: \n", 16), 0);
	for (line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *colon = strstr(line, ": ");
		char name[128];

		assert_non_null(colon);
		snprintf(name, sizeof(name), "%.*s", (int)(colon - line), line);
		for (char *c = name; *c; c++)
			assert_false(*c >= 'A' && *c <= 'Z');
		assert_true(strcmp(prev, name) < 0);
		snprintf(prev, sizeof(prev), "%s", name);
		n++;
	}
	assert_int_equal(n, CNF_PARAM_COUNT);
	/* Nothing given: the defaults. */
	assert_int_equal(run("--print"), 0);
	assert_non_null(strstr(out, "\ntos_media: 5\n"));
	/* Errors are reported, the rest printed, the status says so. */
	write_file("p.cnf", "tos_media: 7\nsip_retx: 2\n");
	assert_int_equal(run("--phone p.cnf --print"), 1);
	assert_non_null(strstr(err, "p.cnf:1: error:"));
	assert_non_null(strstr(out, "\nsip_retx: 2\n"));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_file),
		cmocka_unit_test(test_errors_and_warnings),
		cmocka_unit_test(test_default_file_rules),
		cmocka_unit_test(test_several_files_and_missing),
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_print),
	};
	char *self = realpath(argc > 0 ? argv[0] : ".", NULL);

	/* build[/asan]/tests/test_cnfcheck -> build[/asan]/bin/cnfcheck */
	if (!self)
		return 1;
	snprintf(tool, sizeof(tool), "%s/../bin/cnfcheck", dirname(self));
	free(self);
	return cmocka_run_group_tests(tests, setup, teardown);
}
