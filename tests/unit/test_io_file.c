/*
 * test_io_file.c - bounded whole-file reads and atomic writes
 * (runtime/io).
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

#include "io/io_file.h"

static char dir[64], path[128];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_io_file.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/f", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* At the limit, and one byte past it (the caller sees LEN > MAX). */
static void test_read_limits(void **state)
{
	uint8_t *data;
	size_t len;

	(void)state;
	assert_int_equal(io_write_atomic(path, "12345", 5), 0);
	assert_int_equal(io_read_file(path, 5, &data, &len), 0);
	assert_int_equal(len, 5);
	assert_string_equal((char *)data, "12345"); /* NUL after the bytes */
	free(data);
	assert_int_equal(io_read_file(path, 4, &data, &len), 0);
	assert_int_equal(len, 5); /* MAX + 1: too big, and says so */
	free(data);
	assert_int_equal(io_write_atomic(path, "", 0), 0);
	assert_int_equal(io_read_file(path, 4, &data, &len), 0);
	assert_int_equal(len, 0);
	free(data);
	assert_int_equal(io_read_file("/nonexistent/f", 4, &data, &len),
			 -ENOENT);
	assert_int_equal(io_read_file(path, SIZE_MAX, &data, &len), -EINVAL);
}

/* A write that cannot finish leaves the old file; no temporary stays. */
static void test_atomic_write(void **state)
{
	char tmp[160];
	uint8_t *data;
	size_t len;

	(void)state;
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	assert_int_equal(io_write_atomic(path, "old", 3), 0);
	assert_int_equal(access(tmp, F_OK), -1);
	assert_int_equal(mkdir(tmp, 0700), 0); /* the temporary name taken */
	assert_int_equal(io_write_atomic(path, "new", 3), -EISDIR);
	assert_int_equal(rmdir(tmp), 0);
	assert_int_equal(io_read_file(path, 16, &data, &len), 0);
	assert_memory_equal(data, "old", 3);
	free(data);
	assert_int_equal(io_write_atomic("/nonexistent/f", "x", 1), -ENOENT);
	assert_int_equal(io_write_atomic(path, "new", 3), 0);
	assert_int_equal(io_read_file(path, 16, &data, &len), 0);
	assert_memory_equal(data, "new", 3);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_limits),
		cmocka_unit_test(test_atomic_write),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
