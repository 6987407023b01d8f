/*
 * phone_lines.c - the six lines' registrations inside the phone program:
 * configuration in, LCD out, the CLI's register command, shutdown.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "phone/phone.h"
#include "phone/phone_lines.h"
#include "reg/reg.h"

struct phone_lines {
	struct phone *p;
	struct reg *line[CNF_LINES];
	struct reg *backup[CNF_LINES];
	uint8_t on[CNF_LINES], backup_on[CNF_LINES]; /* what we last asked */
	int8_t cli[CNF_LINES];   /* -1: proxy_register decides; 0 / 1 */
	uint8_t cli_backup;      /* "register 1 backup" */
	int32_t proxy_register;
	uint8_t prompt_set;      /* the prompt shows a registration failure */
	uint8_t stopping;
	struct rt_timer stop_tm, poll_tm;
	void (*done)(void *arg);
	void *done_arg;
};

/* ---------------------------------------------------------------- LCD */

static void screen(struct phone *p)
{
	struct phone_lines *ls = p->lines;
	char prompt[LCD_WIDTH + 1] = "";
	unsigned n;

	for (n = 1; n <= CNF_LINES; n++) {
		struct lcd_line *l = &p->lcd.line[n - 1];
		struct reg_info i;
		bool failed;

		reg_get_info(ls->line[n - 1], &i);
		/* The "x" stays while a failed line tries again. */
		failed = i.status == REG_STATUS_FAILED ||
			 (i.status == REG_STATUS_REGISTERING && i.failures);
		if (failed != l->reg_failed)
			log_printf(LOG_INFO, LOG_CAT_REG,
				   failed ? "LCD: line %u x (registration "
					    "failed)"
					  : "LCD: line %u x cleared",
				   n);
		l->reg_failed = failed;
		if (failed && !prompt[0])
			snprintf(prompt, sizeof(prompt), "Line %u: %.36s", n,
				 i.why);
	}
	if (prompt[0]) {
		LCD_SET(p->lcd.prompt, prompt);
		ls->prompt_set = 1;
	} else if (ls->prompt_set) {
		LCD_SET(p->lcd.prompt, "");
		ls->prompt_set = 0;
	}
	if (p->screen_hook)
		p->screen_hook(p->screen_arg, &p->lcd);
}

static void reg_changed(void *arg, struct reg *r)
{
	struct phone *p = arg;
	struct reg_info i;

	reg_get_info(r, &i);
	log_printf(LOG_DEBUG, LOG_CAT_REG, "line %u%s: %s", i.line,
		   i.backup ? " (backup)" : "", reg_status_name(i.status));
	if (p->lines && !i.backup)
		screen(p);
}

static const struct reg_ops reg_ops = {.changed = reg_changed};

/* ---------------------------------------------------------------- sync */

/* Turn each registration on or off as the configuration and the CLI
 * say. */
static void sync_lines(struct phone *p)
{
	struct phone_lines *ls = p->lines;
	unsigned n;

	if (ls->stopping)
		return;
	for (n = 1; n <= CNF_LINES; n++) {
		int8_t cli = ls->cli[n - 1];
		bool want = reg_provisioned(p->cnf, n, 0) &&
			    (cli == 1 || (cli < 0 && ls->proxy_register));
		bool want_b = ls->cli_backup &&
			      reg_provisioned(p->cnf, n, REG_F_BACKUP);

		if (want != ls->on[n - 1]) {
			ls->on[n - 1] = want;
			if (want)
				reg_start(ls->line[n - 1]);
			else
				reg_stop(ls->line[n - 1]);
		}
		if (want_b != ls->backup_on[n - 1]) {
			ls->backup_on[n - 1] = want_b;
			if (want_b)
				reg_start(ls->backup[n - 1]);
			else
				reg_stop(ls->backup[n - 1]);
		}
	}
}

static void set_cnf(struct phone *p)
{
	struct phone_lines *ls = p->lines;
	int32_t pr = cnf_int(p->cnf, CNF_PROXY_REGISTER);
	unsigned n;

	/* "changing the value of this parameter ... to 0 unregisters the
	 * phone"; what the CLI said lasts until then. */
	if (pr != ls->proxy_register) {
		for (n = 0; n < CNF_LINES; n++)
			ls->cli[n] = -1;
		ls->proxy_register = pr;
	}
	for (n = 0; n < CNF_LINES; n++) {
		reg_set_cnf(ls->line[n], p->cnf);
		reg_set_cnf(ls->backup[n], p->cnf);
	}
}

/* ---------------------------------------------------------------- life */

static uint32_t seed_of(const struct phone *p)
{
	uint32_t h = 2166136261u; /* FNV-1a of the MAC, then the time */
	uint64_t t = uv_hrtime();
	const char *c;
	unsigned i;

	for (c = p->opt.mac; *c; c++)
		h = (h ^ (uint8_t)*c) * 16777619u;
	for (i = 0; i < 8; i++)
		h = (h ^ (uint8_t)(t >> (8 * i))) * 16777619u;
	return h;
}

static void free_lines(struct phone_lines *ls)
{
	unsigned n;

	for (n = 0; n < CNF_LINES; n++) {
		reg_free(ls->line[n]);
		reg_free(ls->backup[n]);
	}
	rt_timer_stop(&ls->p->loop.timers, &ls->stop_tm);
	rt_timer_stop(&ls->p->loop.timers, &ls->poll_tm);
	free(ls);
}

int phone_lines_start(struct phone *p)
{
	struct phone_lines *ls;
	struct reg_env env;
	unsigned n;
	int err = 0;

	if (!p || !p->cnf || !p->uac)
		return -EINVAL;
	if (p->lines) {
		phone_lines_apply(p);
		return 0;
	}
	ls = calloc(1, sizeof(*ls));
	if (!ls)
		return -ENOMEM;
	ls->p = p;
	memset(&env, 0, sizeof(env));
	env.uac = p->uac;
	env.timers = &p->loop.timers;
	env.auth = auth_ops_host;
	env.phone_ip = p->opt.ip;
	env.seed = seed_of(p);
	for (n = 1; n <= CNF_LINES && !err; n++) {
		ls->cli[n - 1] = -1;
		err = reg_alloc(&ls->line[n - 1], &env, n, 0, &reg_ops, p);
		if (!err)
			err = reg_alloc(&ls->backup[n - 1], &env, n,
					REG_F_BACKUP, &reg_ops, p);
	}
	if (err) {
		log_printf(LOG_ERR, LOG_CAT_REG, "lines: %s", strerror(-err));
		free_lines(ls);
		return err;
	}
	p->lines = ls;
	ls->proxy_register = cnf_int(p->cnf, CNF_PROXY_REGISTER);
	set_cnf(p);
	log_printf(LOG_INFO, LOG_CAT_REG, "proxy_register %" PRId32,
		   ls->proxy_register);
	sync_lines(p);
	return 0;
}

void phone_lines_apply(struct phone *p)
{
	if (!p || !p->lines || p->lines->stopping || !p->cnf)
		return;
	set_cnf(p);
	sync_lines(p);
	screen(p);
}

static void finish(struct phone_lines *ls)
{
	struct phone *p = ls->p;
	void (*done)(void *arg) = ls->done;
	void *arg = ls->done_arg;

	p->lines = NULL;
	free_lines(ls);
	if (done)
		done(arg);
}

static void on_stop_timeout(struct rt_timer *t, void *arg)
{
	struct phone_lines *ls = arg;

	(void)t;
	log_printf(LOG_WARN, LOG_CAT_REG,
		   "lines: not every unregister was answered in %u ms",
		   (unsigned)PHONE_LINES_STOP_MS);
	finish(ls);
}

static bool all_idle(const struct phone_lines *ls)
{
	unsigned n;

	for (n = 0; n < CNF_LINES; n++)
		if (!reg_idle(ls->line[n]) || !reg_idle(ls->backup[n]))
			return false;
	return true;
}

static void on_poll(struct rt_timer *t, void *arg)
{
	struct phone_lines *ls = arg;

	(void)t;
	if (all_idle(ls)) {
		log_printf(LOG_INFO, LOG_CAT_REG, "lines: all unregistered");
		finish(ls);
		return;
	}
	if (rt_timer_start(&ls->p->loop.timers, &ls->poll_tm,
			   PHONE_LINES_POLL_MS, on_poll, ls))
		finish(ls);
}

void phone_lines_stop(struct phone *p, void (*done)(void *arg), void *arg)
{
	struct phone_lines *ls = p ? p->lines : NULL;
	unsigned n;

	if (!ls) {
		if (done)
			done(arg);
		return;
	}
	if (ls->stopping)
		return;
	ls->done = done;
	ls->done_arg = arg;
	for (n = 0; n < CNF_LINES; n++) {
		reg_stop(ls->line[n]);
		reg_stop(ls->backup[n]);
	}
	ls->stopping = 1;
	if (rt_timer_start(&p->loop.timers, &ls->stop_tm, PHONE_LINES_STOP_MS,
			   on_stop_timeout, ls) ||
	    rt_timer_start(&p->loop.timers, &ls->poll_tm, PHONE_LINES_POLL_MS,
			   on_poll, ls)) {
		log_printf(LOG_ERR, LOG_CAT_REG, "lines: no timer to stop");
		finish(ls);
	}
}

int phone_lines_register(struct phone *p, int on, int line)
{
	struct phone_lines *ls = p ? p->lines : NULL;
	unsigned n;

	if (on != 0 && on != 1)
		return -EINVAL;
	if (line < PHONE_LINES_BACKUP || line > CNF_LINES)
		return -EINVAL;
	if (!ls || ls->stopping)
		return -EAGAIN;
	if (line == PHONE_LINES_BACKUP) {
		bool any = false;

		for (n = 1; n <= CNF_LINES; n++)
			any = any || reg_provisioned(p->cnf, n, REG_F_BACKUP);
		if (on && !any)
			return -ENODEV;
		ls->cli_backup = (uint8_t)on;
	} else {
		if (on && !reg_provisioned(p->cnf, (unsigned)line, 0))
			return -ENODEV;
		ls->cli[line - 1] = (int8_t)on;
		/* "register 1 N" on a failed line: try again now. */
		if (on && ls->on[line - 1])
			reg_start(ls->line[line - 1]);
	}
	log_printf(LOG_INFO, LOG_CAT_REG, "register %d %s%.0d", on,
		   line ? "line " : "backup", line);
	sync_lines(p);
	return 0;
}

static int show_one(char *buf, size_t size, size_t *off, struct reg *r,
		    uint64_t now)
{
	struct reg_info i;
	int n;

	reg_get_info(r, &i);
	if (i.backup && i.status == REG_STATUS_OFF)
		return 0;
	n = snprintf(buf + *off, size - *off,
		     "%s %u %s %s registrar %s%s contact %s",
		     i.backup ? "backup" : "line", i.line,
		     reg_status_name(i.status), i.state, i.registrar,
		     i.on_backup && !i.backup ? " (backup)" : "", i.contact);
	if (n < 0 || (size_t)n >= size - *off)
		return -ENOSPC;
	*off += (size_t)n;
	if (i.status == REG_STATUS_REGISTERED) {
		n = snprintf(buf + *off, size - *off,
			     " expires %" PRIu32 " refresh in %" PRIu64 " ms",
			     i.granted,
			     i.refresh_at > now ? i.refresh_at - now : 0);
	} else if (i.status == REG_STATUS_FAILED) {
		n = snprintf(buf + *off, size - *off,
			     " failed %u: %s retry in %" PRIu64 " ms",
			     i.failures, i.why,
			     i.retry_at > now ? i.retry_at - now : 0);
	} else {
		n = 0;
	}
	if (n < 0 || (size_t)n >= size - *off)
		return -ENOSPC;
	*off += (size_t)n;
	if (size - *off < 2)
		return -ENOSPC;
	buf[(*off)++] = '\n';
	buf[*off] = '\0';
	return 0;
}

int phone_lines_show(struct phone *p, char *buf, size_t size)
{
	struct phone_lines *ls = p ? p->lines : NULL;
	uint64_t now;
	size_t off = 0;
	unsigned n;
	int err;

	if (!buf || size == 0)
		return -EINVAL;
	buf[0] = '\0';
	if (!ls) {
		if (size < sizeof("lines not started\n"))
			return -ENOSPC;
		memcpy(buf, "lines not started\n", sizeof("lines not started\n"));
		return (int)strlen(buf);
	}
	now = rt_timers_now(&p->loop.timers);
	for (n = 0; n < CNF_LINES; n++) {
		if (!reg_provisioned(p->cnf, n + 1, 0) &&
		    reg_status(ls->line[n]) == REG_STATUS_OFF)
			continue;
		if ((err = show_one(buf, size, &off, ls->line[n], now)))
			return err;
	}
	for (n = 0; n < CNF_LINES; n++)
		if ((err = show_one(buf, size, &off, ls->backup[n], now)))
			return err;
	return (int)off;
}
