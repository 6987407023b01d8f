/*
 * reg.h - registration of one line with its registrar (RFC 3261 s.10),
 * the way the guide's phone does it.
 *
 * One struct reg per line and registrar: lineN with proxyN_address (or
 * outbound_proxy on the way), or lineN with proxy_backup (REG_F_BACKUP:
 * the CLI's "register 1 backup").  Its behaviour is the Ragel state chart
 * spec/reg/reg.rl; this module feeds it events one at a time from the
 * loop and carries out its actions.
 *
 * What goes on the wire (the guide, Table 3-3 / 3-4):
 *   REGISTER sip:<proxy host>[:port] SIP/2.0      (an FQDN kept as given;
 *                                                  the port only when it
 *                                                  is not 5060)
 *   From: "lineN_displayname" <sip:lineN_name@<proxy host>[;user=phone|ip]>;tag=
 *   To: <sip:lineN_name@<proxy host>[;user=...]>
 *   Contact: <sip:lineN_name@<local host>:<voip_control_port>[;user=...]>
 *   Expires: timer_register_expires (0 to unregister, with Contact
 *            ;expires=0), one Call-ID per line and registrar for the whole
 *            boot cycle, CSeq one up for every request, Max-Forwards 70,
 *            User-Agent sipphone.
 *
 * Timing (named constants below):
 *   refresh   at max(granted / 2, granted - REG_REFRESH_MARGIN_MS): the
 *             margin is timer F (64 * T1 with the default T1), so a refresh
 *             that gets no answer has failed before the binding lapses.
 *             "granted" is the expires= of our Contact in the 2xx, else
 *             its Expires header, else what we asked for.
 *   back-off  after a failure (no answer, 401 again, 403, other errors):
 *             REG_RETRY_FIRST_MS, doubling to REG_RETRY_MAX_MS; a larger
 *             Retry-After (up to REG_RETRY_AFTER_MAX_S) wins.
 *   backup    when the primary does not answer and proxy_backup is set,
 *             the same REGISTER goes to the backup at once ("The Cisco SIP
 *             IP phone attempts to register with the backup proxy");
 *             refreshes stay there, a retry after a failure starts again
 *             from the primary.
 *
 * Credentials come from the snapshot (lineN_authname / lineN_password,
 * with the guide's fallbacks) through runtime/auth; they are copied into
 * the object (a snapshot does not outlive the next one) and never logged.
 *
 * No OS here: requests go through runtime/uac, time through rt_timers.
 * Errors are negative errno values; 0 is success.
 */
#ifndef REG_H
#define REG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/auth.h"
#include "cnf/cnf.h"
#include "rt/rt_timer.h"
#include "uac/uac.h"

/* Limits and times (named; the tests use them at and past the edge). */
enum {
	REG_REFRESH_MARGIN_MS = 32000,  /* timer F with T1 = 500 ms */
	REG_RETRY_FIRST_MS    = 2000,   /* first back-off after a failure */
	REG_RETRY_MAX_MS      = 64000,  /* back-off cap: 2, 4, ... 64 s */
	REG_RETRY_AFTER_MAX_S = 3600,   /* a Retry-After above is cut to this */
	REG_EXPIRES_MAX       = 3932100, /* timer_register_expires' maximum */
	REG_INTERVAL_ROUNDS   = 2,      /* 423 Min-Expires rounds per request */
	REG_EVQ_MAX           = 8,      /* queued events per line */
	REG_CALLID_MAX        = 96,     /* bytes of our Call-ID */
	REG_URI_MAX           = 600,    /* bytes of a URI we write */
	REG_STR_MAX           = CNF_STR_MAX, /* a copied lineN_* value */
	REG_DEFAULT_PORT      = 5060,   /* not written in the Request-URI */
};

/* What the owner (the LCD, "show register") needs to know. */
enum reg_status {
	REG_STATUS_OFF,          /* not registering */
	REG_STATUS_REGISTERING,  /* the first REGISTER is under way */
	REG_STATUS_REGISTERED,   /* bound (a refresh may be under way) */
	REG_STATUS_FAILED,       /* the last attempt failed: the LCD's "x" */
	REG_STATUS_UNREGISTERING,
};

enum reg_flags {
	REG_F_BACKUP = 1 << 0, /* register with proxy_backup (UAC_BACKUP_ONLY) */
};

struct reg;

/* Shared by every line: the request machinery and identity of the phone. */
struct reg_env {
	struct uac *uac;
	struct rt_timers *timers;
	struct auth_ops auth;      /* MD5 and random bytes (auth_ops_host) */
	const char *phone_ip;      /* the phone's own address (--ip, DHCP) */
	uint32_t seed;             /* Call-IDs and tags differ per boot cycle */
};

struct reg_ops {
	/* The status, the registrar or the granted time changed. */
	void (*changed)(void *arg, struct reg *r);
};

struct reg_info {
	enum reg_status status;
	const char *state;         /* the chart's state name */
	unsigned line;
	bool backup;               /* a REG_F_BACKUP registration */
	bool on_backup;            /* the current registrar is proxy_backup */
	char registrar[UAC_HOST_MAX + 8]; /* "host[:port]" of the Request-URI */
	char contact[REG_URI_MAX]; /* the Contact URI in use */
	uint32_t granted;          /* s, the last 2xx's */
	uint64_t refresh_at;       /* ms on the timers' clock, 0 if none */
	uint64_t retry_at;         /* ms on the timers' clock, 0 if none */
	uint16_t last_status;      /* the last final response, 0 if none */
	int last_err;              /* why the last attempt failed, 0 if not */
	const char *why;           /* a short text for the failure, "" if none */
	unsigned failures;         /* consecutive failed attempts */
	unsigned long requests, registered, refreshes, challenges;
};

/* A line LINE (1..CNF_LINES) with FLAGS.  ENV is copied (PHONE_IP too). */
int reg_alloc(struct reg **rp, const struct reg_env *env, unsigned line,
	      unsigned flags, const struct reg_ops *ops, void *arg);
/* Abandons a request in flight (no unregister: see reg_stop); no callback. */
void reg_free(struct reg *r);

/*
 * The line's settings from snapshot C (copied: C may be freed after the
 * call).  A change to what registration depends on (name, credentials,
 * display name, proxy and port, outbound proxy, backup, local address,
 * expires, user_info, nat_received_processing) posts EV_RECONFIG: a failed
 * line retries at once with the new settings, a registered one unregisters
 * the old binding and registers the new one.  The first call adopts the
 * settings silently.  Returns whether anything changed.
 */
bool reg_set_cnf(struct reg *r, const struct cnf *c);
/* Whether snapshot C provisions this line for registration: lineN_name
 * and the registrar's address are set. */
bool reg_provisioned(const struct cnf *c, unsigned line, unsigned flags);

/* Turn registration on / off (EV_REGISTER / EV_UNREGISTER, from the loop). */
void reg_start(struct reg *r);
void reg_stop(struct reg *r);

enum reg_status reg_status(const struct reg *r);
const char *reg_status_name(enum reg_status s);
/* Nothing in flight and nothing queued: off for good (shutdown waits for
 * this after reg_stop). */
bool reg_idle(const struct reg *r);
void reg_get_info(const struct reg *r, struct reg_info *i);
unsigned reg_line(const struct reg *r);

/* When the back-off after N consecutive failures (1..) ends, in ms. */
uint64_t reg_backoff_ms(unsigned failures);
/* When to refresh a binding granted for GRANTED seconds, in ms. */
uint64_t reg_refresh_ms(uint32_t granted);

#endif
