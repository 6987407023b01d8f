/*
 * log.h - the phone's log: levels and categories, one sink.
 *
 * Categories are the guide's CLI debug names where it has them (Table 4-1:
 * "debug" and "show debug"); a category logs debug messages only while
 * enabled.  The sink is set by the program (stderr, a log file, the telnet
 * session); without one, nothing is written.  No OS needed.
 */
#ifndef LOG_H
#define LOG_H

#include <stdarg.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERR };

enum log_cat {
	LOG_CAT_SIP,   /* SIP messages, transactions */
	LOG_CAT_CFG,   /* configuration */
	LOG_CAT_DNS,
	LOG_CAT_REG,   /* registration */
	LOG_CAT_CALL,
	LOG_CAT_MEDIA,
	LOG_CAT__COUNT
};

typedef void log_sink_fn(void *arg, enum log_level level, enum log_cat cat,
			 const char *msg);

void log_set_sink(log_sink_fn *fn, void *arg);
void log_enable(enum log_cat cat, int on);
int log_enabled(enum log_cat cat);
const char *log_cat_name(enum log_cat cat);
const char *log_level_name(enum log_level level);

void log_printf(enum log_level level, enum log_cat cat, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
