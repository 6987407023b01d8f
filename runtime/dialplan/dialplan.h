/*
 * dialplan.h - dial plans: the dialplan.xml reader and the digit collector.
 *
 * The guide, "Creating Dial Plans" and "Updates to the Dial-Plan Template in
 * Release 4.4 and Later".  A plan is read once (from TFTP at boot, or pushed
 * later by a NOTIFY with "Event: check-sync") and compiled; it is immutable
 * afterwards.  A session collects the keys of one call: the call machine
 * feeds it one key at a time and gets back either "keep collecting" (the
 * interdigit timer to arm, and a secondary dial tone to start, if any) or
 * "dial now" (the string to dial after Rewrite, the User tag and the Route).
 *
 * Matching (the guide's rules, and this module's reading where it is silent):
 *
 *   MATCH      `.` one key, `*` one or more keys, neither matches `#`;
 *              `\*` a literal star (typed `*` is also matched by `.` and
 *              `*`); `\` before anything else is dropped; `,` a secondary
 *              dial tone point (runs of commas count as one; a leading comma
 *              is ignored); any other printable character is itself
 *              (letters in either case, for alpha-mode entry).
 *   length     a template's length is the number of keys it matched with
 *              literal characters; keys matched by `.` or `*` do not count.
 *              Ties go to the template with more `.` matches, then to one
 *              standing at a comma point, then to the earlier in the file.
 *   winner     C = the longest complete template, I = the longest template
 *              that is incomplete (a complete one is not also its own
 *              rival).  C is "matched" only if it is longer than I ("a
 *              complete rule is not matched unless it has more nonwildcard
 *              matches than an incomplete rule").
 *   Timeout    C matched with Timeout 0: dial now.  Otherwise keep
 *              collecting with C's Timeout if C exists and its Timeout is
 *              not 0, else with DIALPLAN_INTERDIGIT_DEFAULT.  When that
 *              timer expires, dial what was entered with C's Rewrite, User
 *              and Route (none of them if there is no C).
 *   `#`        typed `#` is a key if a live template has a literal `#` at
 *              that point; otherwise it is "dial now": the keys before it
 *              are dialed as on a timeout.
 *   tones      when the leading template (C if matched, else I) reaches its
 *              n-th comma, the n-th Tone attribute is played, or
 *              Bellcore-Outside if it has fewer Tones.
 *   Rewrite    %s and %0 all keys entered; %1..%5 the keys matched by the
 *              n-th run of wildcards in MATCH (runs are split by literals,
 *              not by commas; empty if there is no such run); %% a percent
 *              sign; `.` the next key matched by any wildcard, in order
 *              (nothing when they run out); `\c` the character c itself;
 *              anything else is copied.  A `*` takes as many keys as it
 *              can.  A Rewrite that could make more than DIALPLAN_DIAL_MAX
 *              bytes is refused when the plan loads.
 *
 * Errors are negative errno values; 0 is success.
 */
#ifndef DIALPLAN_H
#define DIALPLAN_H

#include <stddef.h>
#include <stdint.h>

/* Limits (named, and tested at and past the edge). */
enum {
	DIALPLAN_FILE_MAX      = 128 * 1024, /* bytes in one dialplan.xml */
	DIALPLAN_TEMPLATES_MAX = 512,  /* templates kept from one plan */
	DIALPLAN_PATTERN_MAX   = 63,   /* keys one MATCH names (`.` `*` `#` ...) */
	DIALPLAN_VALUE_MAX     = 255,  /* bytes in one attribute value */
	DIALPLAN_HOST_MAX      = 253,  /* bytes in a Route FQDN (RFC 1035) */
	DIALPLAN_TONES_MAX     = 3,    /* "Up to 3 different secondary dial tones" */
	DIALPLAN_KEYS_MAX      = 64,   /* keys one session collects */
	DIALPLAN_DIAL_MAX      = 255,  /* bytes in the string to dial */
	DIALPLAN_TIMEOUT_MAX   = 3600, /* seconds in a Timeout attribute */
	DIALPLAN_DIAG_MAX      = 200,  /* bytes in one diagnostic message */
};

/*
 * Seconds the phone waits after a key when no template gives a Timeout.
 * The guide does not name the phone's own interdigit timeout; 15 s is the
 * Timeout of its sample plan's catch-all template (MATCH="*", "Anything
 * else"), which models what a phone without a matching template does.
 */
#define DIALPLAN_INTERDIGIT_DEFAULT 15u

enum dialplan_user { DIALPLAN_USER_NONE, DIALPLAN_USER_PHONE, DIALPLAN_USER_IP };

/* Route: "FQDN is treated the same as default proxy"; the name is kept. */
enum dialplan_route {
	DIALPLAN_ROUTE_DEFAULT,
	DIALPLAN_ROUTE_EMERGENCY,
	DIALPLAN_ROUTE_FQDN,
};

/* The guide's tone names, in its order ("The tones are case insensitive"). */
enum dialplan_tone {
	DIALPLAN_TONE_NONE,
	DIALPLAN_TONE_BELLCORE_INSIDE,
	DIALPLAN_TONE_BELLCORE_OUTSIDE, /* the default secondary dial tone */
	DIALPLAN_TONE_BELLCORE_BUSY,
	DIALPLAN_TONE_BELLCORE_DR1,
	DIALPLAN_TONE_BELLCORE_REORDER,
	DIALPLAN_TONE_BELLCORE_CALLWAITING,
	DIALPLAN_TONE_BELLCORE_HOLD,
	DIALPLAN_TONE_BELLCORE_REMINDER,
	DIALPLAN_TONE_CISCO_ZIPZIP,
	DIALPLAN_TONE_CISCO_ZIP,
	DIALPLAN_TONE_CISCO_BEEPBONK,
	DIALPLAN_TONE_BELLCORE_NONE,
	DIALPLAN_TONE_BELLCORE_CONFIRMATION,
	DIALPLAN_TONE_BELLCORE_PERMANENT,
	DIALPLAN_TONE_COUNT
};

/* The guide's spelling ("Bellcore-Outside"); "" for NONE or out of range. */
const char *dialplan_tone_name(enum dialplan_tone t);
/* -EINVAL unless NAME (any case) is one of the guide's tones. */
int dialplan_tone_lookup(const char *name, size_t len, enum dialplan_tone *t);

/* Diagnostics: "FILE:LINE: warning: message".  Everything the reader
 * cannot use is a warning: it is skipped and the rest of the plan kept. */
struct dialplan_diag {
	const char *file;
	unsigned line; /* 0: the file as a whole */
	const char *msg;
};
typedef void dialplan_report_fn(void *arg, const struct dialplan_diag *d);
int dialplan_diag_format(const struct dialplan_diag *d, char *buf, size_t size);
dialplan_report_fn dialplan_report_stderr;

struct dialplan_stats {
	unsigned templates; /* kept */
	unsigned warnings;
};

struct dialplan;

/*
 * Read and compile a plan from BUF (LEN bytes, at most DIALPLAN_FILE_MAX);
 * FILE names it in diagnostics.  Returns 0 with *PLANP set (possibly with
 * no templates: every entry then waits DIALPLAN_INTERDIGIT_DEFAULT and
 * dials what was entered), -EFBIG (reported) or -ENOMEM.  REPORT may be
 * NULL; ST may be NULL.
 */
int dialplan_load(const char *file, const uint8_t *buf, size_t len,
		  dialplan_report_fn *report, void *arg,
		  struct dialplan_stats *st, struct dialplan **planp);
/* The same from a file; -errno when it cannot be read. */
int dialplan_load_file(const char *path, dialplan_report_fn *report,
		       void *arg, struct dialplan_stats *st,
		       struct dialplan **planp);
void dialplan_free(struct dialplan *plan);
unsigned dialplan_count(const struct dialplan *plan);

/* ---------------------------------------------------------------- entry */

enum dialplan_action {
	DIALPLAN_COLLECT, /* keep collecting: arm TIMEOUT, start TONE */
	DIALPLAN_DIAL,    /* dial DIAL now */
};

struct dialplan_result {
	enum dialplan_action action;
	/* DIALPLAN_COLLECT */
	unsigned timeout;        /* seconds; 0: no timer (nothing entered) */
	enum dialplan_tone tone; /* secondary dial tone to start, or NONE */
	/* DIALPLAN_DIAL: the session owns DIAL until it is freed or restarted */
	const char *dial;        /* NUL-terminated; DIAL_LEN bytes */
	size_t dial_len;
	enum dialplan_user user;
	enum dialplan_route route;
	const char *route_host;  /* the FQDN for DIALPLAN_ROUTE_FQDN, else NULL */
	unsigned line;           /* line of the template used; 0 for none */
};

struct dialplan_session;

/*
 * Start collecting with PLAN (NULL: no dial plan).  The plan must outlive
 * the session; a plan pushed by check-sync applies to the next session.
 */
int dialplan_session_start(const struct dialplan *plan,
			   struct dialplan_session **sp);
/* Collect again from nothing, with the same plan (no allocation). */
void dialplan_session_restart(struct dialplan_session *s);
void dialplan_session_free(struct dialplan_session *s);

/*
 * One key: 0-9, '*', '#', or another printable ASCII character (alpha
 * mode).  -EINVAL for anything else, -ENOSPC past DIALPLAN_KEYS_MAX keys,
 * -EALREADY once the session has dialed; the session is unchanged then.
 * A '#' that dials with nothing entered is ignored (COLLECT, timeout 0).
 */
int dialplan_feed_key(struct dialplan_session *s, int key,
		      struct dialplan_result *r);
/* The interdigit timer expired: always DIAL.  -ENODATA if nothing was
 * entered, -EALREADY once the session has dialed. */
int dialplan_timeout(struct dialplan_session *s, struct dialplan_result *r);
/* The user asked to dial now (the Dial soft key; '#' that no template
 * takes): the same as a timeout. */
int dialplan_dial_now(struct dialplan_session *s, struct dialplan_result *r);
/* The keys entered so far (what the LCD shows). */
const char *dialplan_session_keys(const struct dialplan_session *s,
				  size_t *len);

#endif
