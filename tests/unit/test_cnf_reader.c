/*
 * test_cnf_reader.c - the configuration-file syntax: spec/cnf/cnf_lex.rl and
 * spec/cnf/cnf_gram.y through cnf__read().  Each rule of the guide's
 * "Configuration File Guidelines" has a test.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cnf/cnf_reader.h"

enum { MAX_REC = 32 };

struct rec {
	unsigned n_assign, n_diag;
	struct {
		unsigned line;
		char name[80], value[300];
	} a[MAX_REC];
	struct {
		unsigned line;
		enum cnf_sev sev;
		char msg[CNF_DIAG_MAX];
	} d[MAX_REC];
};

static void rec_assign(void *arg, unsigned line, const uint8_t *name,
		       size_t nlen, const uint8_t *value, size_t vlen)
{
	struct rec *r = arg;

	assert_true(r->n_assign < MAX_REC);
	r->a[r->n_assign].line = line;
	snprintf(r->a[r->n_assign].name, sizeof(r->a[0].name), "%.*s",
		 (int)nlen, (const char *)name);
	snprintf(r->a[r->n_assign].value, sizeof(r->a[0].value), "%.*s",
		 (int)vlen, (const char *)value);
	r->n_assign++;
}

static void rec_diag(void *arg, unsigned line, enum cnf_sev sev,
		     const char *msg)
{
	struct rec *r = arg;

	assert_true(r->n_diag < MAX_REC);
	r->d[r->n_diag].line = line;
	r->d[r->n_diag].sev = sev;
	snprintf(r->d[r->n_diag].msg, sizeof(r->d[0].msg), "%s", msg);
	r->n_diag++;
}

static const struct cnf__reader_ops ops = {rec_assign, rec_diag};

/* Read TEXT from an exact-size heap copy, so ASan and valgrind see any
 * read past its end. */
static struct rec *read_text(const char *text, size_t len)
{
	struct rec *r = calloc(1, sizeof(*r));
	uint8_t *copy = malloc(len ? len : 1);

	assert_non_null(r);
	assert_non_null(copy);
	memcpy(copy, text, len);
	assert_int_equal(cnf__read(copy, len, &ops, r), 0);
	free(copy);
	return r;
}

#define READ(s) read_text((s), sizeof(s) - 1)

static void expect_assign(const struct rec *r, unsigned i, unsigned line,
			  const char *name, const char *value)
{
	assert_true(i < r->n_assign);
	assert_int_equal(r->a[i].line, line);
	assert_string_equal(r->a[i].name, name);
	assert_string_equal(r->a[i].value, value);
}

static void expect_diag(const struct rec *r, unsigned i, unsigned line,
			enum cnf_sev sev, const char *part)
{
	assert_true(i < r->n_diag);
	assert_int_equal(r->d[i].line, line);
	assert_int_equal(r->d[i].sev, sev);
	if (!strstr(r->d[i].msg, part))
		fail_msg("diagnostic \"%s\" lacks \"%s\"", r->d[i].msg, part);
}

/* "variable-name : value ; optional comments" */
static void test_basic_line(void **state)
{
	struct rec *r = READ("proxy1_address : 10.10.1.1 ; the proxy\n");

	(void)state;
	assert_int_equal(r->n_assign, 1);
	assert_int_equal(r->n_diag, 0);
	expect_assign(r, 0, 1, "proxy1_address", "10.10.1.1");
	free(r);
}

/* "The variable and value can contain white space before or after them" */
static void test_white_space_around(void **state)
{
	struct rec *r = READ("  \tline1_name\t :\t 5551212 \t\n"
			     "image_version:POS3-xx-y-zz ;\n");

	(void)state;
	assert_int_equal(r->n_diag, 0);
	expect_assign(r, 0, 1, "line1_name", "5551212");
	expect_assign(r, 1, 2, "image_version", "POS3-xx-y-zz");
	free(r);
}

/* "if white spaces are needed within the value, the value must be enclosed
 * in single or double quotes ... the end quote must be the same as the
 * start quote" */
static void test_quotes(void **state)
{
	struct rec *r = READ("phone_label: \"John's phone\"\n"
			     "phone_prompt: 'say \"hi\"'\n"
			     "messages_uri: \"a;b#c\" ; quoted comment chars\n"
			     "line1_displayname: \"\"\n");

	(void)state;
	assert_int_equal(r->n_diag, 0);
	expect_assign(r, 0, 1, "phone_label", "John's phone");
	expect_assign(r, 1, 2, "phone_prompt", "say \"hi\"");
	expect_assign(r, 2, 3, "messages_uri", "a;b#c");
	expect_assign(r, 3, 4, "line1_displayname", "");
	free(r);
}

static void test_quote_mismatch(void **state)
{
	struct rec *r = READ("phone_label: \"John's phone'\n"
			     "phone_prompt: 'abc\n"
			     "line1_name: 43\n");

	(void)state;
	assert_int_equal(r->n_assign, 1);
	expect_assign(r, 0, 3, "line1_name", "43");
	assert_int_equal(r->n_diag, 2);
	expect_diag(r, 0, 1, CNF_ERROR, "missing end quote");
	expect_diag(r, 1, 2, CNF_ERROR, "missing end quote");
	free(r);
}

static void test_inner_white_space_needs_quotes(void **state)
{
	struct rec *r = READ("phone_label: John Doe\n"
			     "phone_prompt: \"a b\" c\n"
			     "line 1_name: 5\n");

	(void)state;
	assert_int_equal(r->n_assign, 0);
	assert_int_equal(r->n_diag, 3);
	expect_diag(r, 0, 1, CNF_ERROR, "enclose the value in quotes");
	expect_diag(r, 1, 2, CNF_ERROR, "text after the end quote");
	expect_diag(r, 2, 3, CNF_ERROR, "white space inside the variable name");
	free(r);
}

/* "Use the semicolon (;) and pound (#) delimiters"; "Blank lines are
 * allowed.  Comment lines are allowed." */
static void test_comments_and_blank_lines(void **state)
{
	struct rec *r = READ("# a comment\n"
			     "; another\n"
			     "\n"
			     "   \t\n"
			     "timer_t1: 500 # ms\n"
			     "timer_t2:4000;ms\n"
			     "#timer_t1: 1\n");

	(void)state;
	assert_int_equal(r->n_diag, 0);
	assert_int_equal(r->n_assign, 2);
	expect_assign(r, 0, 5, "timer_t1", "500");
	expect_assign(r, 1, 6, "timer_t2", "4000");
	free(r);
}

/* "Distinguish the end of a line using <lf> or <cr><lf>." */
static void test_crlf_and_last_line(void **state)
{
	struct rec *r = READ("a: 1\r\nb: 2\nc: \"3 3\"\r\n\r\nd: 4");

	(void)state;
	assert_int_equal(r->n_diag, 0);
	assert_int_equal(r->n_assign, 4);
	expect_assign(r, 0, 1, "a", "1");
	expect_assign(r, 1, 2, "b", "2");
	expect_assign(r, 2, 3, "c", "3 3");
	expect_assign(r, 3, 5, "d", "4");
	free(r);
}

/* Colons after the first belong to the value (dst_start_time: 02:00). */
static void test_colon_in_value(void **state)
{
	struct rec *r = READ("dst_start_time: 02:00\n"
			     "services_url: http://10.0.0.1:8080/x\n");

	(void)state;
	assert_int_equal(r->n_diag, 0);
	expect_assign(r, 0, 1, "dst_start_time", "02:00");
	expect_assign(r, 1, 2, "services_url", "http://10.0.0.1:8080/x");
	free(r);
}

/* An empty value is an assignment of "" (the guide's deletion). */
static void test_empty_value(void **state)
{
	struct rec *r = READ("dst_stop_autoadjust :\nproxy2_address: \"\"\n");

	(void)state;
	assert_int_equal(r->n_diag, 0);
	expect_assign(r, 0, 1, "dst_stop_autoadjust", "");
	expect_assign(r, 1, 2, "proxy2_address", "");
	free(r);
}

/* Text without a colon (the guide's sample has such a line) is ignored
 * with a warning; the next line still applies. */
static void test_no_colon(void **state)
{
	struct rec *r = READ("***** Release 2 new configuration parameters *****\n"
			     "tftp_cfg_dir: \"./\"\n");

	(void)state;
	assert_int_equal(r->n_assign, 1);
	expect_assign(r, 0, 2, "tftp_cfg_dir", "./");
	assert_int_equal(r->n_diag, 1);
	expect_diag(r, 0, 1, CNF_WARNING, "no ':'");
	free(r);
}

static void test_missing_name(void **state)
{
	struct rec *r = READ(": 5\nx: 1\n");

	(void)state;
	expect_diag(r, 0, 1, CNF_ERROR, "missing variable name");
	expect_assign(r, 0, 2, "x", "1");
	free(r);
}

/* Bytes no token allows: each bad line is reported once, on its own line,
 * however close together, and the lines around still apply. */
static void test_bad_bytes_each_reported(void **state)
{
	static const char text[] = "a: 1\n"
				   "b\0c: 2\n"
				   "d: 3\n"
				   "e\rf: 4\n"
				   "x\"y: 5\n"
				   "g: 6\n";
	struct rec *r = read_text(text, sizeof(text) - 1);

	(void)state;
	assert_int_equal(r->n_assign, 3);
	expect_assign(r, 0, 1, "a", "1");
	expect_assign(r, 1, 3, "d", "3");
	expect_assign(r, 2, 6, "g", "6");
	assert_int_equal(r->n_diag, 3);
	expect_diag(r, 0, 2, CNF_ERROR, "control character");
	expect_diag(r, 1, 4, CNF_ERROR, "control character");
	expect_diag(r, 2, 5, CNF_ERROR, "quote in the variable name");
	free(r);
}

static void test_iso_8859_1_value(void **state)
{
	struct rec *r = READ("line1_displayname: \"J\xf6rg M\xfcller\"\n");

	(void)state;
	assert_int_equal(r->n_diag, 0);
	expect_assign(r, 0, 1, "line1_displayname", "J\xf6rg M\xfcller");
	free(r);
}

static void test_empty_and_size_limit(void **state)
{
	struct rec *r = read_text("", 0);
	uint8_t *big;

	(void)state;
	assert_int_equal(r->n_assign + r->n_diag, 0);
	free(r);
	/* At the limit it reads; past it, nothing is read. */
	big = malloc(CNF_FILE_MAX + 1);
	assert_non_null(big);
	memset(big, '\n', CNF_FILE_MAX + 1);
	r = calloc(1, sizeof(*r));
	assert_non_null(r);
	assert_int_equal(cnf__read(big, CNF_FILE_MAX, &ops, r), 0);
	assert_int_equal(cnf__read(big, CNF_FILE_MAX + 1, &ops, r), -EFBIG);
	assert_int_equal(r->n_assign + r->n_diag, 0);
	free(big);
	free(r);
}

/* Many lines: line numbers stay right and the parser stack stays flat. */
static void test_many_lines(void **state)
{
	enum { N = 20000 };
	char *text = malloc(N * 8);
	struct rec *r = calloc(1, sizeof(*r));
	size_t len = 0;
	unsigned i;

	(void)state;
	assert_non_null(text);
	assert_non_null(r);
	for (i = 0; i < N - 1; i++)
		len += (size_t)sprintf(text + len, "#%u\n", i % 10);
	len += (size_t)sprintf(text + len, "z: 9\n");
	assert_int_equal(cnf__read((const uint8_t *)text, len, &ops, r), 0);
	assert_int_equal(r->n_assign, 1);
	expect_assign(r, 0, N, "z", "9");
	free(text);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic_line),
		cmocka_unit_test(test_white_space_around),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_quote_mismatch),
		cmocka_unit_test(test_inner_white_space_needs_quotes),
		cmocka_unit_test(test_comments_and_blank_lines),
		cmocka_unit_test(test_crlf_and_last_line),
		cmocka_unit_test(test_colon_in_value),
		cmocka_unit_test(test_empty_value),
		cmocka_unit_test(test_no_colon),
		cmocka_unit_test(test_missing_name),
		cmocka_unit_test(test_bad_bytes_each_reported),
		cmocka_unit_test(test_iso_8859_1_value),
		cmocka_unit_test(test_empty_and_size_limit),
		cmocka_unit_test(test_many_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
