/*
 * dialplan_int.h - internals of runtime/dialplan (not a public header).
 *
 * The Ragel machine of spec/dialplan/dialplan_xml.rl recognises the
 * DIALTEMPLATE dialect and calls the dialplan__rd_* hooks of
 * dialplan_load.c with slices of the caller's buffer; those hooks judge the
 * attributes and compile each template.  dialplan_match.c runs the
 * compiled plan.
 *
 * A compiled template is a bit-parallel NFA (shift-and): element e of MATCH
 * is bit e, and a state word has bit p set when the keys so far can take
 * the pattern to just before element p (bit m: complete).  One key is
 *     D' = ((D & accept(key)) << 1) | (D & stay(key))
 * where accept has the bits of elements that take the key and stay the bit
 * after each `*` (which may take more keys).  So a key costs a few word
 * operations per live template whatever the number of keys typed, and the
 * length of a match depends on the state alone: every path to bit p went
 * through the same elements (a literal takes exactly one key, so does `.`),
 * so it is a table lookup (struct dialplan rank).
 */
#ifndef DIALPLAN_INT_H
#define DIALPLAN_INT_H

#include <stddef.h>
#include <stdint.h>

#include "dialplan/dialplan.h"

/* ---------------------------------------------------------------- plan */

struct dialplan__tpl {
	uint64_t wild;   /* elements `.` and `*` (they take any key but '#') */
	uint64_t anys;   /* elements `.` */
	uint64_t stay;   /* bit e+1 for each `*` element e */
	uint64_t lit;    /* literal elements */
	uint64_t commas; /* bit p: a comma point just before element p */
	uint32_t line;
	uint32_t elems;    /* pool offset: M bytes, the literal or 0 */
	uint32_t rewrite;  /* pool offset of the Rewrite text */
	uint32_t host;     /* pool offset of the Route FQDN */
	uint16_t rewrite_len;
	uint16_t host_len;
	uint16_t timeout;  /* seconds */
	uint8_t m;         /* elements in MATCH */
	uint8_t has_rewrite;
	uint8_t user;      /* enum dialplan_user */
	uint8_t route;     /* enum dialplan_route */
	uint8_t ntones;
	uint8_t tones[DIALPLAN_TONES_MAX]; /* enum dialplan_tone */
};

struct dialplan {
	struct dialplan__tpl *tpl;
	unsigned n, cap;
	unsigned nclass;     /* key classes; class 0: no literal names the key */
	uint8_t cls[256];    /* folded key -> class */
	uint64_t *litmask;   /* [n][nclass]: literal elements taking the class */
	/* The templates the first key leaves alive, per class (a typed '#' is
	 * list nclass): first_idx[first_off[c] .. first_off[c + 1]). */
	uint32_t *first_off; /* [nclass + 2] */
	uint16_t *first_idx;
	/* [n][DIALPLAN_PATTERN_MAX + 1]: rank of a template at state p, literal
	 * matches << 8 | period matches (a table: popcount is a libgcc call
	 * on the baseline targets). */
	uint16_t *rank;
	char *pool;          /* NUL-separated strings and element bytes */
	size_t pool_len, pool_cap;
};

/* Case-folded key: letters match in either case. */
static inline uint8_t dialplan__fold(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c + ('a' - 'A')) : c;
}

/* ---------------------------------------------------------------- reader */

struct dialplan__slice {
	const uint8_t *p;
	uint32_t n;
	uint32_t line;
};

/* The template being read. */
struct dialplan__tpl_src {
	unsigned line;
	struct dialplan__slice match, timeout, user, rewrite, route;
	struct dialplan__slice tone[DIALPLAN_TONES_MAX];
	unsigned ntones;
	unsigned seen; /* bit per attribute, for duplicates */
};

struct dialplan__reader {
	const char *file;
	dialplan_report_fn *report;
	void *arg;
	struct dialplan_stats *st;
	struct dialplan *plan;
	int err;                 /* -ENOMEM: stop */
	/* line counting: LINE is the line of LINE_P */
	const uint8_t *buf, *line_p;
	unsigned line;
	/* where we are */
	unsigned open_line;      /* line of <DIALTEMPLATE>; 0 when not inside */
	unsigned plans;          /* <DIALTEMPLATE> elements seen */
	unsigned in_tpl;
	unsigned warned_outside, warned_full;
	unsigned text_line;      /* last line warned about stray text */
	struct dialplan__tpl_src tpl;
};

/* The Ragel machine (gen/dialplan/dialplan_xml.c): reads BUF to the end,
 * calling the hooks below.  Returns 0 or RD->err. */
int dialplan__xml_read(struct dialplan__reader *rd, const uint8_t *buf,
		       size_t len);

/* Hooks, in dialplan_load.c.  AT points into the buffer. */
unsigned dialplan__line_at(struct dialplan__reader *rd, const uint8_t *at);
void dialplan__warn(struct dialplan__reader *rd, unsigned line,
		    const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void dialplan__rd_plan_open(struct dialplan__reader *rd, const uint8_t *at);
void dialplan__rd_plan_close(struct dialplan__reader *rd, const uint8_t *at);
void dialplan__rd_tpl_begin(struct dialplan__reader *rd, const uint8_t *at);
void dialplan__rd_attr(struct dialplan__reader *rd, const uint8_t *name,
		       size_t nlen, const uint8_t *value, size_t vlen);
void dialplan__rd_tpl_end(struct dialplan__reader *rd);
void dialplan__rd_other(struct dialplan__reader *rd, const uint8_t *at,
			const uint8_t *name, size_t nlen);
void dialplan__rd_text(struct dialplan__reader *rd, const uint8_t *at);
/* The machine could not read the tag that starts at TAG: the character at
 * AT (or the end of the file, AT == NULL) was not expected. */
void dialplan__rd_syntax(struct dialplan__reader *rd, const uint8_t *tag,
			 const uint8_t *at, const uint8_t *comment);
void dialplan__rd_done(struct dialplan__reader *rd);

#endif
