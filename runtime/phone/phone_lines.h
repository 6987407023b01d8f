/*
 * phone_lines.h - the phone's six lines registered with their proxies
 * (runtime/reg), wired to the configuration, the LCD and the CLI.
 *
 * Which lines register: a line is provisioned when lineN_name and its
 * proxyN_address (after the guide's fallback to proxy1) are set; it
 * registers while proxy_register is 1, unless the CLI said otherwise
 * ("register 0|1 N" lasts until proxy_register changes or a reboot).
 * "register 1 backup" registers every provisioned line with proxy_backup
 * as well; "register 0 backup" ends that.
 *
 * The LCD: p->lcd.line[N-1].reg_failed is the "x" of Table 2-2 while the
 * line's registration has failed; the prompt names the reason; the screen
 * hook is called on every change.
 */
#ifndef PHONE_LINES_H
#define PHONE_LINES_H

#include <stddef.h>

struct phone;

enum {
	PHONE_LINES_STOP_MS = 2000, /* shutdown waits this long for answers */
	PHONE_LINES_POLL_MS = 10,   /* ... checking this often */
	PHONE_LINES_BACKUP = 0,     /* phone_lines_register's LINE: backup */
};

/* The phone is running (boot's op_running): create the lines from p->cnf
 * and register those that should.  Called again (after a reset), it only
 * applies p->cnf.  0, -ENOMEM, -EINVAL. */
int phone_lines_start(struct phone *p);
/* A new snapshot in p->cnf (boot's op_apply): changed lines re-register,
 * proxy_register 0 unregisters, 1 registers.  Nothing before start. */
void phone_lines_apply(struct phone *p);
/* Shutdown: unregister every line, wait for the answers (at most
 * PHONE_LINES_STOP_MS), free everything, then DONE(ARG) from the loop --
 * at once (inside the call) when the lines were never started. */
void phone_lines_stop(struct phone *p, void (*done)(void *arg), void *arg);
/* The CLI "register ON LINE": ON 0|1, LINE 1..6 or PHONE_LINES_BACKUP.
 * 0; -EINVAL for a bad argument; -EAGAIN before the lines started or
 * while stopping; -ENODEV when LINE is not provisioned (the backup: no
 * proxy_backup). */
int phone_lines_register(struct phone *p, int on, int line);
/* "show register": one text line per line (and backup registration) into
 * BUF.  The length, or -ENOSPC when it does not fit (never cut). */
int phone_lines_show(struct phone *p, char *buf, size_t size);

#endif
