/*
 * test_cnf_store.c - a layer saved to flash and read back
 * (runtime/cnf/cnf_store.c): atomic, lossless, and a failed save leaves
 * the old file whole.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cnf/cnf.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_cnf_store.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void set(struct cnf_layers *l, enum cnf_param p, const char *v)
{
	char why[CNF_DIAG_MAX];

	if (cnf_layer_set(l, CNF_LAYER_FLASH, p, v, why, sizeof(why)) < 0)
		fail_msg("%s: %s", cnf_param_info(p)->name, why);
}

static void test_round_trip(void **state)
{
	struct cnf_layers *a, *b;
	struct cnf *ca, *cb;
	char path[128];
	struct stat st;
	unsigned p;

	(void)state;
	snprintf(path, sizeof(path), "%s/flash", dir);
	assert_int_equal(cnf_layers_alloc(&a), 0);
	assert_int_equal(cnf_layers_alloc(&b), 0);
	set(a, CNF_PHONE_LABEL, "Bob's ;#");
	set(a, CNF_LINE1_DISPLAYNAME, "say \"hi\" # now");
	set(a, CNF_LINE1_NAME, "J\xf6rg");
	set(a, CNF_IP_ADDRESS, "10.0.0.9");
	set(a, CNF_DHCP_ENABLED, "0");
	set(a, CNF_TIMER_T1, "250");
	set(a, CNF_TIME_ZONE, "CET");
	set(a, CNF_MESSAGES_URI, "UNPROVISIONED"); /* a deletion */
	assert_int_equal(cnf_layer_save(a, CNF_LAYER_FLASH, path), 0);
	/* No temporary file is left behind. */
	assert_int_equal(stat(path, &st), 0);
	{
		char tmp[160];

		snprintf(tmp, sizeof(tmp), "%s.new", path);
		assert_int_equal(access(tmp, F_OK), -1);
	}
	assert_int_equal(cnf_layer_load_file(b, CNF_LAYER_FLASH, path, NULL,
					     NULL, NULL),
			 0);
	assert_int_equal(cnf_snapshot(a, &ca), 0);
	assert_int_equal(cnf_snapshot(b, &cb), 0);
	for (p = 0; p < CNF_PARAM_COUNT; p++) {
		assert_string_equal(cnf_str(ca, p), cnf_str(cb, p));
		assert_int_equal(cnf_int(ca, p), cnf_int(cb, p));
		assert_int_equal(cnf_origin(ca, p), cnf_origin(cb, p));
	}
	assert_string_equal(cnf_str(cb, CNF_LINE1_DISPLAYNAME),
			    "say \"hi\" # now");
	cnf_free(ca);
	cnf_free(cb);
	cnf_layers_free(a);
	cnf_layers_free(b);
}

/* A save that cannot complete leaves the previous flash file as it was. */
static void test_failed_save_keeps_old(void **state)
{
	struct cnf_layers *l;
	char path[128], tmp[160];
	struct cnf *c;

	(void)state;
	snprintf(path, sizeof(path), "%s/flash", dir);
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	assert_int_equal(cnf_layers_alloc(&l), 0);
	set(l, CNF_TOS_MEDIA, "1");
	assert_int_equal(cnf_layer_save(l, CNF_LAYER_FLASH, path), 0);
	set(l, CNF_TOS_MEDIA, "2");
	/* The temporary name is taken by a directory: open() fails. */
	assert_int_equal(mkdir(tmp, 0700), 0);
	assert_int_equal(cnf_layer_save(l, CNF_LAYER_FLASH, path), -EISDIR);
	assert_int_equal(rmdir(tmp), 0);
	cnf_layer_erase(l, CNF_LAYER_FLASH, 0);
	assert_int_equal(cnf_layer_load_file(l, CNF_LAYER_FLASH, path, NULL,
					     NULL, NULL),
			 0);
	assert_int_equal(cnf_snapshot(l, &c), 0);
	assert_int_equal(cnf_int(c, CNF_TOS_MEDIA), 1);
	cnf_free(c);
	assert_int_equal(cnf_layer_save(l, CNF_LAYER_FLASH,
					"/nonexistent-dir/flash"),
			 -ENOENT);
	assert_int_equal(cnf_layer_load_file(l, CNF_LAYER_FLASH,
					     "/nonexistent-dir/flash", NULL,
					     NULL, NULL),
			 -ENOENT);
	cnf_layers_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_failed_save_keeps_old,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
