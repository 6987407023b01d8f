/*
 * cnf_param.c - the parameter registry and the validation of values.
 *
 * Validation follows the guide's Table 3-3 and "Setting the Date, Time, and
 * Daylight Saving Time" (Tables 3-7 to 3-9).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cnf/cnf.h"

/* ---------------------------------------------------------------- enum sets */

struct cnf_enum {
	const char *spelling; /* also the stored form */
	int32_t value;
};

static const struct cnf_enum set_date_format[] = {
	{"M/D/Y", 0}, {"D/M/Y", 1}, {"Y/M/D", 2},
	{"Y/D/M", 3}, {"Y-M-D", 4}, {"YY-M-D", 5}, {NULL, 0},
};

/* "Sunday or Sun ... or 1 through 7 with 1 being Sunday". */
static const struct cnf_enum set_weekday[] = {
	{"Sunday", 1}, {"Monday", 2}, {"Tuesday", 3}, {"Wednesday", 4},
	{"Thursday", 5}, {"Friday", 6}, {"Saturday", 7},
	{"Sun", 1}, {"Mon", 2}, {"Tue", 3}, {"Wed", 4}, {"Thu", 5},
	{"Fri", 6}, {"Sat", 7},
	{"1", 1}, {"2", 2}, {"3", 3}, {"4", 4}, {"5", 5}, {"6", 6}, {"7", 7},
	{NULL, 0},
};

/* Full names or 1..12 per the guide; three-letter names too, because the
 * guide's own sample SIPDefault.cnf says dst_stop_month: "Oct". */
static const struct cnf_enum set_month[] = {
	{"January", 1}, {"February", 2}, {"March", 3}, {"April", 4},
	{"May", 5}, {"June", 6}, {"July", 7}, {"August", 8},
	{"September", 9}, {"October", 10}, {"November", 11}, {"December", 12},
	{"Jan", 1}, {"Feb", 2}, {"Mar", 3}, {"Apr", 4}, {"Jun", 6},
	{"Jul", 7}, {"Aug", 8}, {"Sep", 9}, {"Oct", 10}, {"Nov", 11},
	{"Dec", 12},
	{"1", 1}, {"2", 2}, {"3", 3}, {"4", 4}, {"5", 5}, {"6", 6},
	{"7", 7}, {"8", 8}, {"9", 9}, {"10", 10}, {"11", 11}, {"12", 12},
	{NULL, 0},
};

/* "1 through 6 and 8 ... 8 specifying the last week in the month". */
static const struct cnf_enum set_week_of_month[] = {
	{"1", 1}, {"2", 2}, {"3", 3}, {"4", 4}, {"5", 5}, {"6", 6}, {"8", 8},
	{NULL, 0},
};

static const struct cnf_enum set_outofband[] = {
	{"none", 0}, {"avt", 1}, {"avt_always", 2}, {NULL, 0},
};

static const struct cnf_enum set_language[] = {{"English", 0}, {NULL, 0}};

/* Table 3-3 spellings, then Table 3-1's menu spellings. */
static const struct cnf_enum set_media_type[] = {
	{"Auto", 0}, {"Full100", 1}, {"Half100", 2}, {"Full10", 3},
	{"Half10", 4}, {"Full-100", 1}, {"Half-100", 2}, {"Full-10", 3},
	{"Half-10", 4}, {NULL, 0},
};

static const struct cnf_enum set_port2_type[] = {
	{"Hub/Switch", 0}, {"PC", 1}, {NULL, 0},
};

/* Values are the RTP payload types; "g729" is in the guide's sample. */
static const struct cnf_enum set_codec[] = {
	{"g711ulaw", 0}, {"g711alaw", 8}, {"g729a", 18}, {"none", -1},
	{"g729", 18}, {NULL, 0},
};

static const struct cnf_enum set_sntp_mode[] = {
	{"unicast", 0}, {"multicast", 1}, {"anycast", 2},
	{"directedbroadcast", 3}, {NULL, 0},
};

static const struct cnf_enum set_user_info[] = {
	{"none", 0}, {"phone", 1}, {"ip", 2}, {NULL, 0},
};

/* Table 3-9: abbreviation and GMT offset in minutes.  Case-sensitive. */
static const struct cnf_enum set_time_zone[] = {
	{"IDL", -720}, {"NT", -660}, {"AHST", -600}, {"IMT", -570},
	{"YST", -540}, {"PST", -480}, {"MST", -420}, {"CST", -360},
	{"EST", -300}, {"AST", -240}, {"NST", -210}, {"BST", -180},
	{"AT", -120}, {"WAT", -60}, {"GMT", 0}, {"CET", 60}, {"EET", 120},
	{"BT", 180}, {"IT", 210}, {"ZP4", 240}, {"AFG", 270}, {"ZP5", 300},
	{"IST", 330}, {"ZP6", 360}, {"SUM", 390}, {"WAST", 420},
	{"HST", 480}, {"JST", 540}, {"CAST", 570}, {"EAST", 600},
	{"EADT", 660}, {"NZST", 720}, {NULL, 0},
};

enum cnf_set {
	CNF_SET_NONE,
	CNF_SET_DATE_FORMAT,
	CNF_SET_WEEKDAY,
	CNF_SET_MONTH,
	CNF_SET_WEEK_OF_MONTH,
	CNF_SET_OUTOFBAND,
	CNF_SET_LANGUAGE,
	CNF_SET_MEDIA_TYPE,
	CNF_SET_PORT2_TYPE,
	CNF_SET_CODEC,
	CNF_SET_SNTP_MODE,
	CNF_SET_USER_INFO,
	CNF_SET_TIME_ZONE,
};

static const struct cnf_enum *const sets[] = {
	[CNF_SET_NONE] = NULL,
	[CNF_SET_DATE_FORMAT] = set_date_format,
	[CNF_SET_WEEKDAY] = set_weekday,
	[CNF_SET_MONTH] = set_month,
	[CNF_SET_WEEK_OF_MONTH] = set_week_of_month,
	[CNF_SET_OUTOFBAND] = set_outofband,
	[CNF_SET_LANGUAGE] = set_language,
	[CNF_SET_MEDIA_TYPE] = set_media_type,
	[CNF_SET_PORT2_TYPE] = set_port2_type,
	[CNF_SET_CODEC] = set_codec,
	[CNF_SET_SNTP_MODE] = set_sntp_mode,
	[CNF_SET_USER_INFO] = set_user_info,
	[CNF_SET_TIME_ZONE] = set_time_zone,
};

/* ---------------------------------------------------------------- registry */

static const struct cnf_param_info params[CNF_PARAM_COUNT] = {
#define X(id, nm, ty, df, mn, mx, st, fl, mu, lb)                          \
	[CNF_##id] = {.name = nm, .def = df, .label = lb, .min = mn,       \
		      .max = mx, .type = CNF_TYPE_##ty,                    \
		      .menu = CNF_MENU_##mu, .flags = fl,                  \
		      .set = CNF_SET_##st},
	CNF_PARAM_LIST
#undef X
};

_Static_assert(CNF_LINE2_AUTHNAME - CNF_LINE1_AUTHNAME == CNF_LINE_FIELDS,
	       "lineN_* entries are grouped per line");
_Static_assert(CNF_LINE1_SHORTCODE - CNF_LINE1_AUTHNAME == CNF_LINE_SHORTCODE,
	       "lineN_* fields follow enum cnf_line_field");
_Static_assert(CNF_PROXY2_ADDRESS - CNF_PROXY1_ADDRESS == CNF_PROXY_FIELDS,
	       "proxyN_* entries are grouped per proxy");

/* Other spellings the guide uses for the same parameters. */
static const struct {
	const char *name;
	enum cnf_param param;
} aliases[] = {
	{"dst_stop_autoadjust", CNF_DST_AUTO_ADJUST}, /* its DST samples */
	{"telnet_enable", CNF_TELNET_LEVEL},          /* its index */
	{"line1_shortname", CNF_LINE1_SHORTCODE},     /* its index: linex_ */
	{"line2_shortname", CNF_LINE2_SHORTCODE},
	{"line3_shortname", CNF_LINE3_SHORTCODE},
	{"line4_shortname", CNF_LINE4_SHORTCODE},
	{"line5_shortname", CNF_LINE5_SHORTCODE},
	{"line6_shortname", CNF_LINE6_SHORTCODE},
};

const struct cnf_param_info *cnf_param_info(enum cnf_param p)
{
	if ((unsigned)p >= CNF_PARAM_COUNT)
		return NULL;
	return &params[p];
}

/* Compare NAME/LEN, case-insensitively, with a lower-case registry name. */
static int name_cmp(const char *name, size_t len, const char *reg)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char a = (unsigned char)name[i], b = (unsigned char)reg[i];

		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (b == '\0' || a != b)
			return (int)a - (int)b;
	}
	return reg[len] == '\0' ? 0 : -1;
}

int cnf_param_lookup(const char *name, size_t len, enum cnf_param *p)
{
	size_t lo = 0, hi = CNF_PARAM_COUNT, i;

	if (len == 0 || len > CNF_NAME_MAX)
		return -ENOENT;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = name_cmp(name, len, params[mid].name);

		if (c == 0) {
			*p = (enum cnf_param)mid;
			return 0;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (name_cmp(name, len, aliases[i].name) == 0) {
			*p = aliases[i].param;
			return 0;
		}
	}
	return -ENOENT;
}

enum cnf_param cnf_line_param(enum cnf_line_field f, unsigned line)
{
	return (enum cnf_param)(CNF_LINE1_AUTHNAME +
				(line - 1) * CNF_LINE_FIELDS + f);
}

enum cnf_param cnf_proxy_param(enum cnf_proxy_field f, unsigned n)
{
	return (enum cnf_param)(CNF_PROXY1_ADDRESS +
				(n - 1) * CNF_PROXY_FIELDS + f);
}

/* ---------------------------------------------------------------- values */

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Decimal digits V[0..LEN) into *OUT; -ERANGE above CNF_INT_MAX. */
static int parse_uint(const char *v, size_t len, int64_t *out)
{
	int64_t n = 0;
	size_t i;

	if (len == 0)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (!is_digit(v[i]))
			return -EINVAL;
		n = n * 10 + (v[i] - '0');
		if (n > CNF_INT_MAX)
			return -ERANGE;
	}
	*out = n;
	return 0;
}

static int valid_ipv4(const char *v, size_t len)
{
	size_t i = 0;
	int part;

	for (part = 0; part < 4; part++) {
		size_t start = i;
		int n = 0;

		while (i < len && is_digit(v[i]) && i - start < 3)
			n = n * 10 + (v[i++] - '0');
		if (i == start || n > 255)
			return 0;
		if (part < 3) {
			if (i >= len || v[i] != '.')
				return 0;
			i++;
		}
	}
	return i == len;
}

/* RFC 1035 host name: labels of letters, digits and inner hyphens; a
 * trailing dot (absolute name) is fine.  All-numeric names are malformed
 * addresses, not names. */
static int valid_dns_name(const char *v, size_t len)
{
	size_t i, label = 0;
	int letters = 0;

	if (len == 0 || len > CNF_HOST_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		char c = v[i];

		if (c == '.') {
			if (label == 0 || v[i - 1] == '-')
				return 0;
			label = 0;
			continue;
		}
		if (c == '-') {
			if (label == 0)
				return 0;
		} else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
			letters = 1;
		} else if (!is_digit(c)) {
			return 0;
		}
		if (++label > 63)
			return 0;
	}
	if (label > 0 && v[len - 1] == '-')
		return 0;
	return letters;
}

/* [+|-]H[H][/MM] or :MM; *MINUTES signed. */
static int parse_hhmm(const char *v, size_t len, int sign_ok, int max_hour,
		      int32_t *minutes)
{
	size_t i = 0;
	int sign = 1, h = 0, m = 0, digits = 0;

	if (sign_ok && i < len && (v[i] == '+' || v[i] == '-'))
		sign = v[i++] == '-' ? -1 : 1;
	while (i < len && is_digit(v[i]) && digits < 2) {
		h = h * 10 + (v[i++] - '0');
		digits++;
	}
	if (digits == 0 || h > max_hour)
		return -EINVAL;
	if (i < len) {
		if (v[i] != '/' && v[i] != ':')
			return -EINVAL;
		i++;
		if (len - i != 2 || !is_digit(v[i]) || !is_digit(v[i + 1]))
			return -EINVAL;
		m = (v[i] - '0') * 10 + (v[i + 1] - '0');
		if (m > 59)
			return -EINVAL;
	}
	*minutes = sign * (h * 60 + m);
	return 0;
}

static int copy_out(char *out, size_t outsz, const char *v, size_t len)
{
	if (len >= outsz)
		return -ENOSPC;
	memcpy(out, v, len);
	out[len] = '\0';
	return 0;
}

#define WHY(...) (snprintf(why, whysz, __VA_ARGS__), -EINVAL)

static int validate_enum(const struct cnf_param_info *pi, const char *v,
			 size_t len, char *out, size_t outsz, int32_t *num,
			 char *why, size_t whysz)
{
	const struct cnf_enum *e = sets[pi->set];
	int exact = pi->set == CNF_SET_TIME_ZONE; /* "case sensitive" */
	char list[160];
	size_t used = 0;

	for (; e->spelling; e++) {
		if (strlen(e->spelling) != len)
			continue;
		if (exact ? memcmp(v, e->spelling, len) == 0
			  : strncasecmp(v, e->spelling, len) == 0) {
			*num = e->value;
			return copy_out(out, outsz, e->spelling, len);
		}
	}
	list[0] = '\0';
	for (e = sets[pi->set]; e->spelling && used + 16 < sizeof(list); e++) {
		int n = snprintf(list + used, sizeof(list) - used, "%s%s",
				 used ? ", " : "", e->spelling);
		if (n < 0)
			break;
		used += (size_t)n;
	}
	if (e->spelling)
		snprintf(list + used, sizeof(list) - used, ", ...");
	return WHY("invalid value \"%.*s\" for %s (expected %s%s)",
		   (int)(len > 40 ? 40 : len), v, pi->name, list,
		   exact ? "; case-sensitive" : "");
}

int cnf_param_validate(enum cnf_param p, const char *v, size_t len,
		       char *out, size_t outsz, int32_t *num, char *why,
		       size_t whysz)
{
	const struct cnf_param_info *pi = cnf_param_info(p);
	int64_t n = 0;
	int err;

	if (!pi)
		return -EINVAL;
	*num = 0;
	switch ((enum cnf_type)pi->type) {
	case CNF_TYPE_STR:
		if (len > (size_t)pi->max)
			return WHY("value of %s is %zu characters; at most %" PRId32,
				   pi->name, len, pi->max);
		return copy_out(out, outsz, v, len);

	case CNF_TYPE_INT:
		err = parse_uint(v, len, &n);
		if (err == -EINVAL)
			return WHY("invalid value \"%.*s\" for %s (expected "
				   "a number %" PRId32 "..%" PRId32 ")",
				   (int)(len > 40 ? 40 : len), v, pi->name,
				   pi->min, pi->max);
		if (err == 0 && n >= pi->min && n <= pi->max) {
			*num = (int32_t)n;
			snprintf(out, outsz, "%" PRId32, *num);
			return CNF_VALID_OK;
		}
		if (pi->flags & CNF_F_FALLBACK_HIGH && (err || n > pi->max)) {
			/* Table 3-3: "If the value specified exceeds 127,
			 * the phone defaults to 101." */
			snprintf(why, whysz, "%s %.*s is above %" PRId32 "; using %s",
				 pi->name, (int)(len > 20 ? 20 : len), v,
				 pi->max, pi->def);
			*num = (int32_t)strtol(pi->def, NULL, 10);
			snprintf(out, outsz, "%s", pi->def);
			return CNF_VALID_FALLBACK;
		}
		return WHY("%s %.*s is out of range %" PRId32 "..%" PRId32, pi->name,
			   (int)(len > 20 ? 20 : len), v, pi->min, pi->max);

	case CNF_TYPE_ENUM:
		return validate_enum(pi, v, len, out, outsz, num, why, whysz);

	case CNF_TYPE_IPV4:
		if (!valid_ipv4(v, len))
			return WHY("invalid value \"%.*s\" for %s (expected a "
				   "dotted IP address)",
				   (int)(len > 40 ? 40 : len), v, pi->name);
		return copy_out(out, outsz, v, len);

	case CNF_TYPE_HOST:
		if (len > (size_t)pi->max)
			return WHY("value of %s is %zu characters; at most %" PRId32,
				   pi->name, len, pi->max);
		if (!valid_ipv4(v, len) && !valid_dns_name(v, len))
			return WHY("invalid value \"%.*s\" for %s (expected a "
				   "dotted IP address or a DNS name)",
				   (int)(len > 40 ? 40 : len), v, pi->name);
		return copy_out(out, outsz, v, len);

	case CNF_TYPE_DST_OFFSET:
		if (parse_hhmm(v, len, 1, 12, num))
			return WHY("invalid value \"%.*s\" for %s (expected "
				   "[+|-]hour[/minute])",
				   (int)(len > 40 ? 40 : len), v, pi->name);
		return copy_out(out, outsz, v, len);

	case CNF_TYPE_DST_TIME:
		if (parse_hhmm(v, len, 0, 23, num))
			return WHY("invalid value \"%.*s\" for %s (expected "
				   "hour, hour/minute or hour:minute)",
				   (int)(len > 40 ? 40 : len), v, pi->name);
		return copy_out(out, outsz, v, len);
	}
	return -EINVAL;
}
