/*
 * test_clock.c - time zones (Table 3-9), DST in the guide's absolute and
 * relative forms, and the LCD's date and time formats (runtime/clock).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "support/cnf_text.h"

#include "clock/clock.h"

static struct cnf *cnf_of(const char *text)
{
	struct cnf *c = cnf_text(text);

	assert_non_null(c);
	return c;
}

/* Seconds since 1970 of a UTC civil time (independent of the module:
 * counted day by day). */
static int64_t utc(int y, int mo, int d, int h, int mi)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int64_t days = 0;
	int yy, m;

	for (yy = 1970; yy < y; yy++)
		days += (yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0 ? 366 : 365;
	for (m = 1; m < mo; m++)
		days += dim[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) ||
						  y % 400 == 0));
	days += d - 1;
	return days * 86400 + h * 3600 + mi * 60;
}

static void expect_local(const struct clock_zone *z, int64_t t, int y, int mo,
			 int d, int h, int mi, int dst)
{
	struct clock_tm tm;

	clock_local(z, t, &tm);
	if (tm.year != y || tm.month != mo || tm.day != d || tm.hour != h ||
	    tm.min != mi || tm.dst != dst)
		fail_msg("got %ld-%d-%d %d:%02d dst %d, expected %d-%d-%d "
			 "%d:%02d dst %d",
			 (long)tm.year, tm.month, tm.day, tm.hour, tm.min, tm.dst,
			 y, mo, d, h, mi, dst);
}

/* The guide's defaults: first Sunday of April 02:00 to the last Sunday of
 * October 02:00 (relative DST), PST. */
static void test_relative_dst_us(void **state)
{
	struct cnf *c = cnf_of("time_zone: PST\n");
	struct clock_zone z;

	(void)state;
	clock_zone_from_cnf(&z, c);
	assert_int_equal(z.offset_min, -480);
	assert_int_equal(clock_rule_day(&z.start, 2026), 5);  /* Sun Apr 5 */
	assert_int_equal(clock_rule_day(&z.stop, 2026), 25);  /* Sun Oct 25 */
	expect_local(&z, utc(2026, 1, 15, 20, 0), 2026, 1, 15, 12, 0, 0);
	expect_local(&z, utc(2026, 7, 1, 12, 0), 2026, 7, 1, 5, 0, 1);
	/* spring forward: 01:59 PST, then 03:00 PDT */
	expect_local(&z, utc(2026, 4, 5, 9, 59), 2026, 4, 5, 1, 59, 0);
	expect_local(&z, utc(2026, 4, 5, 10, 0), 2026, 4, 5, 3, 0, 1);
	/* fall back: 01:59 PDT, then 01:00 PST */
	expect_local(&z, utc(2026, 10, 25, 8, 59), 2026, 10, 25, 1, 59, 1);
	expect_local(&z, utc(2026, 10, 25, 9, 0), 2026, 10, 25, 1, 0, 0);
	cnf_free(c);
}

/* The guide's absolute sample: April 1 02:00 to October 1 02:00. */
static void test_absolute_dst(void **state)
{
	struct cnf *c = cnf_of("time_zone : PST\ndst_offset : 01/00\n"
			       "dst_start_month : April\ndst_start_day : 1\n"
			       "dst_start_time : 02/00\n"
			       "dst_stop_month : October\ndst_stop_day : 1\n"
			       "dst_stop_time : 02/00\n");
	struct clock_zone z;

	(void)state;
	clock_zone_from_cnf(&z, c);
	expect_local(&z, utc(2026, 4, 1, 9, 59), 2026, 4, 1, 1, 59, 0);
	expect_local(&z, utc(2026, 4, 1, 10, 0), 2026, 4, 1, 3, 0, 1);
	expect_local(&z, utc(2026, 10, 1, 9, 0), 2026, 10, 1, 1, 0, 0);
	cnf_free(c);
}

/* dst_auto_adjust 0; half-hour zones; week 6 and week 8; a DST period
 * across the new year. */
static void test_zones_and_rules(void **state)
{
	struct cnf *c = cnf_of("time_zone: IST\ndst_auto_adjust: 0\n");
	struct clock_zone z;
	struct clock_dst_rule r = {.month = 2, .wday = 1, .week = 6};

	(void)state;
	clock_zone_from_cnf(&z, c);
	expect_local(&z, utc(2026, 7, 1, 12, 0), 2026, 7, 1, 17, 30, 0);
	expect_local(&z, utc(2026, 12, 31, 20, 0), 2027, 1, 1, 1, 30, 0);
	cnf_free(c);
	/* Feb 2026 has four Sundays: week 6 is the last, as is week 8 */
	assert_int_equal(clock_rule_day(&r, 2026), 22);
	r.week = 8;
	assert_int_equal(clock_rule_day(&r, 2026), 22);
	r.week = 1;
	r.wday = 2; /* first Monday */
	assert_int_equal(clock_rule_day(&r, 2026), 2);
	r.day = 31; /* absolute, cut to the month */
	assert_int_equal(clock_rule_day(&r, 2026), 28);
	c = cnf_of("time_zone: NZST\ndst_start_month: September\n"
		   "dst_start_week_of_month: 8\ndst_stop_month: April\n"
		   "dst_stop_week_of_month: 1\n");
	clock_zone_from_cnf(&z, c);
	expect_local(&z, utc(2026, 1, 10, 0, 0), 2026, 1, 10, 13, 0, 1);
	expect_local(&z, utc(2026, 6, 10, 0, 0), 2026, 6, 10, 12, 0, 0);
	cnf_free(c);
	/* before 1970 and leap days */
	z = (struct clock_zone){0};
	expect_local(&z, -1, 1969, 12, 31, 23, 59, 0);
	expect_local(&z, utc(2000, 2, 29, 0, 0), 2000, 2, 29, 0, 0, 0);
	expect_local(&z, utc(2100, 3, 1, 0, 0), 2100, 3, 1, 0, 0, 0);
}

static void expect_format(const char *cnf_text, const struct clock_tm *tm,
			  const char *want)
{
	struct cnf *c = cnf_of(cnf_text);
	char buf[32];

	assert_int_equal(clock_format(tm, c, buf, sizeof(buf)), strlen(want));
	assert_string_equal(buf, want);
	assert_int_equal(clock_format(tm, c, buf, strlen(want)), -ENOSPC);
	cnf_free(c);
}

/* date_format (Table 3-3) and time_format_24hr. */
static void test_formats(void **state)
{
	struct clock_tm tm = {.year = 2026, .month = 11, .day = 4, .hour = 15,
			      .min = 5};

	(void)state;
	expect_format("time_format_24hr: 0\n", &tm, "11/4/26 3:05p");
	expect_format("", &tm, "11/4/26 15:05");
	expect_format("date_format: D/M/Y\ntime_format_24hr: 3\n", &tm,
		      "4/11/26 15:05");
	expect_format("date_format: Y/M/D\n", &tm, "26/11/4 15:05");
	expect_format("date_format: Y/D/M\n", &tm, "26/4/11 15:05");
	expect_format("date_format: Y-M-D\n", &tm, "26-11-4 15:05");
	expect_format("date_format: YY-M-D\n", &tm, "2026-11-4 15:05");
	tm.hour = 0;
	expect_format("time_format_24hr: 2\n", &tm, "11/4/26 12:05a");
	tm.hour = 12;
	expect_format("time_format_24hr: 0\n", &tm, "11/4/26 12:05p");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_relative_dst_us),
		cmocka_unit_test(test_absolute_dst),
		cmocka_unit_test(test_zones_and_rules),
		cmocka_unit_test(test_formats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
