/*
 * log.c - formatting into a bounded line and handing it to the sink.
 */
#include <stdio.h>

#include "log/log.h"

enum { LOG_LINE_MAX = 512 }; /* longer messages end in "..." */

static log_sink_fn *sink;
static void *sink_arg;
static unsigned char enabled[LOG_CAT__COUNT];

static const char *const cat_names[LOG_CAT__COUNT] = {
	[LOG_CAT_SIP] = "sip", [LOG_CAT_CFG] = "cfg", [LOG_CAT_DNS] = "dns",
	[LOG_CAT_REG] = "reg", [LOG_CAT_CALL] = "call",
	[LOG_CAT_MEDIA] = "media",
};

void log_set_sink(log_sink_fn *fn, void *arg)
{
	sink = fn;
	sink_arg = arg;
}

void log_enable(enum log_cat cat, int on)
{
	if ((unsigned)cat < LOG_CAT__COUNT)
		enabled[cat] = on != 0;
}

int log_enabled(enum log_cat cat)
{
	return (unsigned)cat < LOG_CAT__COUNT && enabled[cat];
}

const char *log_cat_name(enum log_cat cat)
{
	return (unsigned)cat < LOG_CAT__COUNT ? cat_names[cat] : "?";
}

const char *log_level_name(enum log_level level)
{
	static const char *const names[] = {"debug", "info", "warning",
					    "error"};

	return (unsigned)level <= LOG_ERR ? names[level] : "?";
}

void log_printf(enum log_level level, enum log_cat cat, const char *fmt, ...)
{
	char line[LOG_LINE_MAX];
	va_list ap;
	int n;

	if (!sink || (level == LOG_DEBUG && !log_enabled(cat)))
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line)) /* say so rather than cut silently */
		snprintf(line + sizeof(line) - 4, 4, "...");
	sink(sink_arg, level, cat, line);
}
