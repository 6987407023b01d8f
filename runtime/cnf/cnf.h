/*
 * cnf.h - the phone's configuration: files, layers, the effective snapshot.
 *
 * The guide, "Configuration File Guidelines": SIPDefault.cnf overrides flash,
 * SIP<MAC>.cnf overrides both, values entered locally last until reboot.
 * Here each of those is a layer; a layer holds, per parameter, nothing, a
 * value, or a deletion ("" / UNPROVISIONED: back to the default).  The rest of
 * the phone reads one immutable snapshot (struct cnf) built from the layers.
 *
 * Errors are negative errno values; 0 is success.
 */
#ifndef CNF_H
#define CNF_H

#include <stddef.h>
#include <stdint.h>

#include "cnf/cnf_params.h"

/* Limits (named, and tested at and past the edge). */
enum {
	CNF_FILE_MAX  = 256 * 1024, /* bytes in one configuration file */
	CNF_NAME_MAX  = 64,         /* bytes in a variable name, short strings */
	CNF_STR_MAX   = 255,        /* bytes in a value (URLs, names) */
	CNF_HOST_MAX  = 253,        /* bytes in a DNS name (RFC 1035) */
	CNF_DIAG_MAX  = 200,        /* bytes in one diagnostic message */
};
#define CNF_INT_MAX 2147483647L /* "any positive integer" */

enum cnf_param {
#define X(id, name, type, def, min, max, set, flags, menu, label) CNF_##id,
	CNF_PARAM_LIST
#undef X
	CNF_PARAM_COUNT
};

/* Number of lines and per-line proxies the phone has. */
enum { CNF_LINES = 6 };

enum cnf_line_field {
	CNF_LINE_AUTHNAME,
	CNF_LINE_DISPLAYNAME,
	CNF_LINE_NAME,
	CNF_LINE_PASSWORD,
	CNF_LINE_SHORTCODE,
	CNF_LINE_FIELDS
};
enum cnf_proxy_field { CNF_PROXY_ADDRESS, CNF_PROXY_PORT, CNF_PROXY_FIELDS };

enum cnf_type {
	CNF_TYPE_STR,        /* text, MAX bytes at most */
	CNF_TYPE_INT,        /* decimal integer in MIN..MAX */
	CNF_TYPE_ENUM,       /* one of a set of names (or numbers) */
	CNF_TYPE_IPV4,       /* dotted-decimal address */
	CNF_TYPE_HOST,       /* dotted-decimal address or DNS name */
	CNF_TYPE_DST_OFFSET, /* [+-]hour[/minute] */
	CNF_TYPE_DST_TIME,   /* hour[/minute] or hour:minute */
};

enum cnf_flag {
	CNF_F_PHONE    = 1 << 0, /* phone-specific: not from SIPDefault.cnf */
	CNF_F_NET      = 1 << 1, /* network setting: flash and menus only */
	CNF_F_NOFLASH  = 1 << 2, /* never stored in flash (dyn_*) */
	CNF_F_RO       = 1 << 3, /* a fact the phone reports, not a setting */
	CNF_F_SECRET   = 1 << 4, /* never logged */
	CNF_F_FALLBACK_HIGH = 1 << 5, /* above MAX: the default, with a warning */
};

enum cnf_menu {
	CNF_MENU_NONE,
	CNF_MENU_SIP,      /* SIP Configuration */
	CNF_MENU_NET,      /* Network Configuration */
	CNF_MENU_CALLPREF, /* Call Preferences */
	CNF_MENU_TIMEDATE, /* Time and Date */
};

struct cnf_param_info {
	const char *name;
	const char *def;
	const char *label; /* menu label, "" if none */
	int32_t min, max;
	uint8_t type;      /* enum cnf_type */
	uint8_t menu;      /* enum cnf_menu */
	uint16_t flags;    /* enum cnf_flag */
	uint8_t set;       /* enum-set index (cnf_param.c) */
};

/* Registry. */
const struct cnf_param_info *cnf_param_info(enum cnf_param p);
int cnf_param_lookup(const char *name, size_t len, enum cnf_param *p);
enum cnf_param cnf_line_param(enum cnf_line_field f, unsigned line);
enum cnf_param cnf_proxy_param(enum cnf_proxy_field f, unsigned n);

/*
 * Validate VALUE for parameter P and write its stored form to OUT (the
 * canonical spelling of enums, decimal integers).  Returns 0, a warning
 * (CNF_VALID_FALLBACK: OUT holds the fallback the guide prescribes), or
 * -EINVAL with a reason in WHY.
 */
enum { CNF_VALID_OK = 0, CNF_VALID_FALLBACK = 1 };
int cnf_param_validate(enum cnf_param p, const char *value, size_t len,
		       char *out, size_t outsz, int32_t *num,
		       char *why, size_t whysz);

/* Diagnostics: "FILE:LINE: error: message" and "...: warning: ...". */
enum cnf_sev { CNF_WARNING, CNF_ERROR };
struct cnf_diag {
	const char *file;
	unsigned line;
	enum cnf_sev sev;
	const char *msg;
};
typedef void cnf_report_fn(void *arg, const struct cnf_diag *d);
int cnf_diag_format(const struct cnf_diag *d, char *buf, size_t size);
cnf_report_fn cnf_report_stderr;

struct cnf_stats {
	unsigned errors, warnings, assigned;
};

/* Layers, lowest first. */
enum cnf_layer_id {
	CNF_LAYER_FLASH,   /* what flash holds */
	CNF_LAYER_DEFAULT, /* SIPDefault.cnf */
	CNF_LAYER_PHONE,   /* SIP<MAC>.cnf */
	CNF_LAYER_LOCAL,   /* entered on the phone; until reboot */
	CNF_LAYER_SYSTEM,  /* facts: MAC address, host name, DHCP server */
	CNF_LAYER_COUNT
};

struct cnf_layers;

int cnf_layers_alloc(struct cnf_layers **lp);
void cnf_layers_free(struct cnf_layers *l);

/* Apply a configuration file's text to layer ID.  Bad lines are reported
 * through REPORT and skipped; the rest applies.  Returns 0, or -EFBIG /
 * -ENOMEM when nothing could be applied. */
int cnf_layer_load(struct cnf_layers *l, enum cnf_layer_id id,
		   const char *file, const uint8_t *buf, size_t len,
		   cnf_report_fn *report, void *arg, struct cnf_stats *st);
int cnf_layer_load_file(struct cnf_layers *l, enum cnf_layer_id id,
			const char *path, cnf_report_fn *report, void *arg,
			struct cnf_stats *st);

/* Set one parameter in a layer (a value entered at the phone); "" or
 * UNPROVISIONED deletes.  -EINVAL with WHY when the value is refused. */
int cnf_layer_set(struct cnf_layers *l, enum cnf_layer_id id,
		  enum cnf_param p, const char *value, char *why, size_t whysz);
/* Forget what layer ID says about every parameter with any of FLAGS
 * (0: every parameter).  "Erasing the Locally Defined Settings". */
void cnf_layer_erase(struct cnf_layers *l, enum cnf_layer_id id,
		     unsigned flags);
/* "Stores those parameters that differ in Flash memory": copy what the
 * TFTP layers set into the flash layer (never CNF_F_NOFLASH ones).
 * Returns the number of parameters that changed. */
unsigned cnf_layers_commit_flash(struct cnf_layers *l);
/* Write layer ID to PATH atomically (temp file, fsync, rename, fsync dir),
 * in configuration-file syntax so that cnf_layer_load reads it back. */
int cnf_layer_save(const struct cnf_layers *l, enum cnf_layer_id id,
		   const char *path);

/* The effective configuration. */
enum cnf_origin {
	CNF_ORIGIN_DEFAULT,
	CNF_ORIGIN_DERIVED, /* the guide's fallback to another parameter */
	CNF_ORIGIN_FLASH,
	CNF_ORIGIN_TFTP_DEFAULT,
	CNF_ORIGIN_TFTP_PHONE,
	CNF_ORIGIN_LOCAL,
	CNF_ORIGIN_SYSTEM,
};

struct cnf;
int cnf_snapshot(const struct cnf_layers *l, struct cnf **cp);
void cnf_free(struct cnf *c);
const char *cnf_str(const struct cnf *c, enum cnf_param p);
int32_t cnf_int(const struct cnf *c, enum cnf_param p);
enum cnf_origin cnf_origin(const struct cnf *c, enum cnf_param p);

#endif
