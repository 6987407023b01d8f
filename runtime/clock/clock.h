/*
 * clock.h - the time the phone shows: time zone (Table 3-9), daylight
 * saving time in the guide's absolute and relative forms, and the LCD's
 * date_format / time_format_24hr.  "Setting the Date, Time, and Daylight
 * Saving Time".  No OS: UTC seconds in, text out.
 */
#ifndef CLOCK_H
#define CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cnf/cnf.h"

struct clock_tm {
	int32_t year;          /* 2026 */
	int month, day;        /* 1..12, 1..31 */
	int hour, min, sec;
	int wday;              /* 0 Sunday .. 6 Saturday */
	bool dst;              /* daylight saving time in effect */
};

/* One end of the DST period (Table 3-3 dst_start_* / dst_stop_*). */
struct clock_dst_rule {
	int month;             /* 1..12 */
	int day;               /* 1..31 absolute; 0: relative */
	int wday;              /* relative: 1 Sunday .. 7 Saturday */
	int week;              /* relative: 1..6, 8 = the last */
	int minutes;           /* time of day */
};

struct clock_zone {
	int32_t offset_min;    /* time_zone: GMT offset */
	bool dst_auto;         /* dst_auto_adjust */
	int32_t dst_offset_min;
	struct clock_dst_rule start, stop;
};

void clock_zone_from_cnf(struct clock_zone *z, const struct cnf *c);

/* UTC seconds since 1970 to the phone's local time. */
void clock_local(const struct clock_zone *z, int64_t utc, struct clock_tm *tm);

/* The day of the month of a relative rule in YEAR (week 1..6: that
 * occurrence of the weekday, the last one if the month has fewer; 8:
 * the last). */
int clock_rule_day(const struct clock_dst_rule *r, int32_t year);

/* "11/24/26 3:25p" per date_format and time_format_24hr (0, 2: 12-hour;
 * 1, 3: 24-hour).  The length, or -ENOSPC. */
int clock_format(const struct clock_tm *tm, const struct cnf *c, char *buf,
		 size_t size);

#endif
