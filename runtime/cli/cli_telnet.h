/*
 * cli_telnet.h - the telnet server of the CLI (the guide, chapter 4:
 * "You can use Telnet or a console to connect to your Cisco SIP IP
 * phone"), on the phone's one libuv loop.
 *
 * telnet_level (Table 3-3) 0: nothing listens; 1 and 2: a session first
 * asks "Password: " (phone_password, default "cisco"; the password is not
 * echoed; CLI_TELNET_PASSWORD_TRIES wrong answers hang up), then shows
 * "<phone_prompt>> " ("SIP Phone> ") and runs each line through cli_run()
 * at the session's telnet_level.  Minimal telnet (RFC 854/857/858): the
 * server offers WILL ECHO and WILL SGA, refuses LINEMODE and every other
 * option once, and strips IAC sequences so they never reach the parser.
 * Lines end in CR LF, CR NUL or LF; backspace/DEL edit, ^U and ^C clear
 * the line.  The tty command of Table 4-1 acts on the sessions.
 *
 * Hosted (libuv): listed in mk/cli.mk as HOSTED_SRC.
 */
#ifndef CLI_TELNET_H
#define CLI_TELNET_H

#include <stdbool.h>
#include <uv.h>

#include "cli/cli.h"
#include "log/log.h"
#include "net/net_addr.h"
#include "rt/rt_timer.h"

/* Limits (named, and tested at and past the edge). */
enum {
	CLI_TELNET_PORT_DEFAULT = 23,     /* --telnet-port */
	CLI_TELNET_SESSIONS_MAX = 4,      /* logged in or logging in at once */
	CLI_TELNET_PASSWORD_TRIES = 3,    /* wrong passwords, then hang up */
	CLI_TELNET_PASSWORD_MAX = 64,     /* bytes (cnf: CNF_NAME_MAX) */
	CLI_TELNET_PROMPT_MAX = 64,       /* bytes of phone_prompt */
	CLI_TELNET_OUTQ_MAX = 256 * 1024, /* bytes queued to one client that
					   * does not read; past it: hang up */
	CLI_TELNET_LOGIN_TIMEOUT_MS = 60 * 1000, /* to type the password */
	/* tty timeout VALUE: the guide gives 0..65535 and no unit; we take
	 * minutes (as the idle timeout of Cisco's other CLIs); 0 never
	 * times out. */
	CLI_TTY_TIMEOUT_UNIT_MS = 60 * 1000,
	CLI_TTY_TIMEOUT_DEFAULT = 30,
};

/* What the configuration says (Table 3-3); cli_telnet_cfg_from_cnf()
 * reads it from a snapshot. */
struct cli_telnet_cfg {
	enum cli_level level;                      /* telnet_level */
	char password[CLI_TELNET_PASSWORD_MAX + 1]; /* phone_password */
	char prompt[CLI_TELNET_PROMPT_MAX + 1];     /* phone_prompt */
};
/* The guide's defaults: telnet_level 0, "cisco", "SIP Phone". */
void cli_telnet_cfg_default(struct cli_telnet_cfg *cfg);

struct cnf;
/* telnet_level, phone_password and phone_prompt of C.  0, or
 * -ENAMETOOLONG (CFG unchanged) when a value does not fit. */
int cli_telnet_cfg_from_cnf(struct cli_telnet_cfg *cfg, const struct cnf *c);

struct cli_telnet_session;
struct cli__listener;

struct cli_telnet {
	uv_loop_t *uv;
	struct rt_timers *timers;
	const struct cli_backend *be;
	void *be_arg;
	struct cli_telnet_cfg cfg;
	struct net_addr want;           /* asked for (port 0: any) */
	struct net_addr local;          /* bound; port 0 while not listening */
	struct cli__listener *listener; /* NULL while telnet_level is 0 */
	struct cli_telnet_session *sessions;
	unsigned nsessions;             /* open, not closing */
	unsigned nhandles;              /* handles not yet closed */
	unsigned next_id;
	unsigned long accepted, refused, logins, bad_passwords, timeouts;
	void (*close_cb)(struct cli_telnet *t);
	int closing;
	int in_log;
};

/*
 * Start the server on LOCAL (port CLI_TELNET_PORT_DEFAULT on a phone; 0
 * picks one, see t->local).  Commands run against BE.  Idle timeouts run
 * on TIMERS (the loop's, or a fake clock in tests).  With CFG->level 0
 * nothing listens until cli_telnet_configure() raises it.  0 or a
 * negative errno (libuv's, e.g. UV_EADDRINUSE).
 */
int cli_telnet_open(struct cli_telnet *t, uv_loop_t *uv,
		    struct rt_timers *timers, const struct net_addr *local,
		    const struct cli_backend *be, void *be_arg,
		    const struct cli_telnet_cfg *cfg);

/* New configuration (a new snapshot): level 0 closes the listener and
 * every session; from 0 to 1 or 2 listens again (on the port bound
 * before); sessions run their next line at the new level; a new password
 * applies to the next login. */
int cli_telnet_configure(struct cli_telnet *t,
			 const struct cli_telnet_cfg *cfg);

/* Close the listener and every session; CB (may be NULL) once every
 * handle is closed.  The loop must run for that. */
void cli_telnet_close(struct cli_telnet *t, void (*cb)(struct cli_telnet *t));

/* A log sink (log.h) for "tty mon": ARG is the struct cli_telnet; the
 * line goes to every logged-in session that asked for it.  The program's
 * own sink calls it along with stderr or the log file. */
void cli_telnet_log(void *arg, enum log_level level, enum log_cat cat,
		    const char *msg);

/* Write MSG to every logged-in session (a shutdown notice, say). */
void cli_telnet_broadcast(struct cli_telnet *t, const char *msg);

#endif
