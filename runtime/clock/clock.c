/*
 * clock.c - civil time from UTC seconds, the DST rules, the LCD format.
 */
#include <errno.h>
#include <stdio.h>

#include "clock/clock.h"

/* Days since 1970-01-01 of a civil date, and back (proleptic Gregorian;
 * H. Hinnant's algorithms). */
static int64_t days_from_civil(int32_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int32_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int32_t)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int32_t y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dim[m - 1];
}

static int weekday(int64_t days)
{
	int w = (int)((days + 4) % 7); /* 1970-01-01 was a Thursday */

	return w < 0 ? w + 7 : w;
}

int clock_rule_day(const struct clock_dst_rule *r, int32_t year)
{
	int64_t first = days_from_civil(year, r->month, 1);
	int want = r->wday - 1; /* the guide: 1 is Sunday */
	int dim = days_in_month(year, r->month);
	int day = 1 + (want - weekday(first) + 7) % 7;
	int nth = r->week >= 1 && r->week <= 6 ? r->week : 6;

	if (r->day > 0)
		return r->day > dim ? dim : r->day;
	while (nth > 1 && day + 7 <= dim) {
		day += 7;
		nth--;
	}
	if (r->week == 8)
		while (day + 7 <= dim)
			day += 7;
	return day;
}

/* Minutes since 1970 of RULE's moment in YEAR, in local standard time. */
static int64_t rule_minute(const struct clock_dst_rule *r, int32_t year)
{
	return days_from_civil(year, r->month, clock_rule_day(r, year)) * 1440 +
	       r->minutes;
}

static bool in_dst(const struct clock_zone *z, int64_t std_min, int32_t year)
{
	int64_t start, stop;

	if (!z->dst_auto || z->start.month < 1 || z->stop.month < 1)
		return false;
	start = rule_minute(&z->start, year);
	/* the stop time is read on the daylight clock */
	stop = rule_minute(&z->stop, year) - z->dst_offset_min;
	if (start <= stop)
		return std_min >= start && std_min < stop;
	return std_min >= start || std_min < stop; /* southern hemisphere */
}

void clock_local(const struct clock_zone *z, int64_t utc, struct clock_tm *tm)
{
	int64_t secs = utc + (int64_t)z->offset_min * 60, days, rest;
	int32_t y;
	int m, d;

	days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	civil_from_days(days, &y, &m, &d);
	tm->dst = in_dst(z, secs >= 0 ? secs / 60 : -((-secs + 59) / 60), y);
	if (tm->dst)
		secs += (int64_t)z->dst_offset_min * 60;
	days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	rest = secs - days * 86400;
	civil_from_days(days, &tm->year, &tm->month, &tm->day);
	tm->hour = (int)(rest / 3600);
	tm->min = (int)(rest / 60 % 60);
	tm->sec = (int)(rest % 60);
	tm->wday = weekday(days);
}

static void rule_from_cnf(struct clock_dst_rule *r, const struct cnf *c,
			  enum cnf_param month, enum cnf_param day,
			  enum cnf_param wday, enum cnf_param week,
			  enum cnf_param time)
{
	r->month = (int)cnf_int(c, month);
	r->day = (int)cnf_int(c, day);
	r->wday = (int)cnf_int(c, wday);
	r->week = (int)cnf_int(c, week);
	r->minutes = (int)cnf_int(c, time);
}

void clock_zone_from_cnf(struct clock_zone *z, const struct cnf *c)
{
	z->offset_min = cnf_int(c, CNF_TIME_ZONE);
	z->dst_auto = cnf_int(c, CNF_DST_AUTO_ADJUST) != 0;
	z->dst_offset_min = cnf_int(c, CNF_DST_OFFSET);
	rule_from_cnf(&z->start, c, CNF_DST_START_MONTH, CNF_DST_START_DAY,
		      CNF_DST_START_DAY_OF_WEEK, CNF_DST_START_WEEK_OF_MONTH,
		      CNF_DST_START_TIME);
	rule_from_cnf(&z->stop, c, CNF_DST_STOP_MONTH, CNF_DST_STOP_DAY,
		      CNF_DST_STOP_DAY_OF_WEEK, CNF_DST_STOP_WEEK_OF_MONTH,
		      CNF_DST_STOP_TIME);
}

int clock_format(const struct clock_tm *tm, const struct cnf *c, char *buf,
		 size_t size)
{
	int y2 = (int)(tm->year % 100), n;
	int h24 = cnf_int(c, CNF_TIME_FORMAT_24HR) % 2; /* 1 and 3 */
	char date[24], tod[12];

	switch (cnf_int(c, CNF_DATE_FORMAT)) {
	case 1: /* D/M/Y */
		snprintf(date, sizeof(date), "%d/%d/%02d", tm->day, tm->month, y2);
		break;
	case 2: /* Y/M/D */
		snprintf(date, sizeof(date), "%02d/%d/%d", y2, tm->month, tm->day);
		break;
	case 3: /* Y/D/M */
		snprintf(date, sizeof(date), "%02d/%d/%d", y2, tm->day, tm->month);
		break;
	case 4: /* Y-M-D */
		snprintf(date, sizeof(date), "%02d-%d-%d", y2, tm->month, tm->day);
		break;
	case 5: /* YY-M-D: "4-digit year-month-day" */
		snprintf(date, sizeof(date), "%ld-%d-%d", (long)tm->year,
			 tm->month, tm->day);
		break;
	default: /* M/D/Y */
		snprintf(date, sizeof(date), "%d/%d/%02d", tm->month, tm->day, y2);
		break;
	}
	if (h24)
		snprintf(tod, sizeof(tod), "%02d:%02d", tm->hour, tm->min);
	else
		snprintf(tod, sizeof(tod), "%d:%02d%c",
			 tm->hour % 12 ? tm->hour % 12 : 12, tm->min,
			 tm->hour < 12 ? 'a' : 'p');
	n = snprintf(buf, size, "%s %s", date, tod);
	return n < 0 || (size_t)n >= size ? -ENOSPC : n;
}
