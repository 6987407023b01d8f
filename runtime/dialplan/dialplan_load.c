/*
 * dialplan_load.c - what each template of a dialplan.xml means, compiled.
 *
 * Called by the hooks of spec/dialplan/dialplan_xml.rl.  Guide: "Creating
 * Dial Plans" (MATCH, Timeout, User, Rewrite, Route) and "Updates to the
 * Dial-Plan Template in Release 4.4 and Later" (#, \*, comma, Tone).
 *
 * A template whose MATCH or Rewrite cannot be read is skipped: the phone
 * cannot tell what it matches or what it dials.  An unreadable Timeout,
 * User, Route or Tone is ignored (its default applies) and the template
 * kept.  Either way a warning names the line, and the rest of the plan is
 * used.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dialplan/dialplan_int.h"

enum {
	A_MATCH   = 1 << 0,
	A_TIMEOUT = 1 << 1,
	A_USER    = 1 << 2,
	A_REWRITE = 1 << 3,
	A_ROUTE   = 1 << 4,
};

/* ---------------------------------------------------------------- lines */

static unsigned count_nl(const uint8_t *p, const uint8_t *end)
{
	unsigned n = 0;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Hooks come in text order but for a few look-backs (a template's own
 * start), so a forward cursor makes counting linear. */
unsigned dialplan__line_at(struct dialplan__reader *rd, const uint8_t *at)
{
	if (at < rd->line_p)
		return 1 + count_nl(rd->buf, at);
	rd->line += count_nl(rd->line_p, at);
	rd->line_p = at;
	return rd->line;
}

void dialplan__warn(struct dialplan__reader *rd, unsigned line,
		    const char *fmt, ...)
{
	char msg[DIALPLAN_DIAG_MAX];
	struct dialplan_diag d = {.file = rd->file, .line = line, .msg = msg};
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (rd->st)
		rd->st->warnings++;
	if (rd->report)
		rd->report(rd->arg, &d);
}

/* Values are quoted in messages; show at most this much of one. */
#define SHOW 40
#define SHOWN(n) ((int)((n) > SHOW ? SHOW : (n)))
#define DOTS(n) ((n) > SHOW ? "..." : "")

/* ---------------------------------------------------------------- pool */

#define POOL_MAX ((size_t)DIALPLAN_TEMPLATES_MAX * \
		  (DIALPLAN_PATTERN_MAX + DIALPLAN_VALUE_MAX + DIALPLAN_HOST_MAX + 3))

static int pool_add(struct dialplan *pl, const void *s, size_t n,
		    uint32_t *off)
{
	size_t need = pl->pool_len + n + 1, cap;
	char *np;

	if (need > pl->pool_cap) {
		/* Bounded by construction: a few bounded strings for each
		 * of at most DIALPLAN_TEMPLATES_MAX templates. */
		if (need > POOL_MAX)
			return -EFBIG;
		cap = pl->pool_cap ? pl->pool_cap : 256;
		while (cap < need)
			cap *= 2;
		if (cap > POOL_MAX)
			cap = POOL_MAX;
		np = realloc(pl->pool, cap);
		if (!np)
			return -ENOMEM;
		pl->pool = np;
		pl->pool_cap = cap;
	}
	*off = (uint32_t)pl->pool_len;
	if (n)
		memcpy(pl->pool + pl->pool_len, s, n);
	pl->pool[pl->pool_len + n] = '\0';
	pl->pool_len = need;
	return 0;
}

/* ---------------------------------------------------------------- values */

static struct dialplan__slice trim(const uint8_t *p, size_t n, unsigned line)
{
	struct dialplan__slice s;

	while (n && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++, n--;
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	s.p = p;
	s.n = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
	s.line = line;
	return s;
}

static int is(const struct dialplan__slice *s, const char *word)
{
	size_t n = strlen(word);

	return s->n == n && strncasecmp((const char *)s->p, word, n) == 0;
}

static int name_is(const uint8_t *p, size_t n, const char *word)
{
	return n == strlen(word) && strncasecmp((const char *)p, word, n) == 0;
}

/* MATCH -> elements.  Guide: "." any character, "*" one or more, ","
 * secondary dial tone (runs condensed), "\*" a dialed star, "\" before
 * another key ignored. */
struct pattern {
	uint64_t wild, anys, stay, lit, commas;
	unsigned m;
	uint8_t elem[DIALPLAN_PATTERN_MAX];
};

static int compile_match(struct dialplan__reader *rd,
			 const struct dialplan__slice *v, struct pattern *pt)
{
	const uint8_t *s = v->p;
	uint32_t i, n = v->n;
	uint64_t bit;
	uint8_t c;
	int esc;

	memset(pt, 0, sizeof(*pt));
	if (n > DIALPLAN_VALUE_MAX) {
		dialplan__warn(rd, v->line,
			       "MATCH is %u bytes, more than %d; template "
			       "skipped", (unsigned)n, DIALPLAN_VALUE_MAX);
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		c = s[i];
		esc = 0;
		if (c == '\\') {
			/* "\*" is a star key; "\" before anything else is
			 * dropped ("\7" matches 7). */
			if (i + 1 >= n || s[i + 1] != '*')
				continue;
			c = s[++i];
			esc = 1;
		} else if (c == ',') {
			/* A comma before any key would be the dial tone the
			 * phone already plays: ignored.  Repeated commas land
			 * on the same bit: "9,,,234" is "9,234". */
			if (pt->m)
				pt->commas |= 1ull << pt->m;
			continue;
		}
		if (c <= ' ' || c >= 0x7f || c == '"' || c == '\'') {
			dialplan__warn(rd, v->line,
				       c < 0x7f && c > ' '
					       ? "MATCH=\"%.*s%s\": '%c' is not a "
						 "key; template skipped"
					       : "MATCH=\"%.*s%s\": byte 0x%02x is "
						 "not a key; template skipped",
				       SHOWN(n), (const char *)s, DOTS(n), c);
			return -EINVAL;
		}
		if (pt->m == DIALPLAN_PATTERN_MAX) {
			dialplan__warn(rd, v->line,
				       "MATCH=\"%.*s%s\" names more than %d "
				       "keys; template skipped",
				       SHOWN(n), (const char *)s, DOTS(n),
				       DIALPLAN_PATTERN_MAX);
			return -EINVAL;
		}
		bit = 1ull << pt->m;
		if (!esc && c == '.') {
			pt->wild |= bit;
			pt->anys |= bit;
		} else if (!esc && c == '*') {
			pt->wild |= bit;
			pt->stay |= bit << 1;
		} else {
			pt->lit |= bit;
			pt->elem[pt->m] = dialplan__fold(c);
		}
		pt->m++;
	}
	if (pt->m == 0) {
		dialplan__warn(rd, v->line,
			       "MATCH=\"%.*s%s\" names no key; template skipped",
			       SHOWN(n), (const char *)s, DOTS(n));
		return -EINVAL;
	}
	return 0;
}

/* Runs of wildcards are the %1..%5 of Rewrite; the most keys each can
 * take (a `*` can take all the keys the other elements leave). */
static void group_max(const struct pattern *pt, unsigned gmax[6])
{
	unsigned e, g = 0, size = 0, star = 0;

	memset(gmax, 0, 6 * sizeof(gmax[0]));
	for (e = 0; e <= pt->m; e++) {
		if (e < pt->m && (pt->wild >> e & 1)) {
			size++;
			star |= (unsigned)(pt->stay >> (e + 1) & 1);
			continue;
		}
		if (size) {
			g++;
			if (g <= 5)
				gmax[g] = star ? DIALPLAN_KEYS_MAX - (pt->m - size)
					       : size;
		}
		size = star = 0;
	}
}

/* Rewrite: "%s", "%0", "%1".."%5", "%%", "." (guide's table), and "\c". */
static int check_rewrite(struct dialplan__reader *rd,
			 const struct dialplan__slice *v,
			 const struct pattern *pt)
{
	const uint8_t *s = v->p;
	uint32_t i, n = v->n;
	unsigned gmax[6];
	size_t worst = 0;
	uint8_t c;

	if (n > DIALPLAN_VALUE_MAX) {
		dialplan__warn(rd, v->line,
			       "Rewrite is %u bytes, more than %d; template "
			       "skipped", (unsigned)n, DIALPLAN_VALUE_MAX);
		return -EINVAL;
	}
	if (n == 0) {
		dialplan__warn(rd, v->line,
			       "Rewrite=\"\" would dial nothing; template "
			       "skipped");
		return -EINVAL;
	}
	group_max(pt, gmax);
	for (i = 0; i < n; i++) {
		c = s[i];
		if (c <= ' ' || c >= 0x7f) {
			dialplan__warn(rd, v->line,
				       "Rewrite=\"%.*s%s\": byte 0x%02x cannot "
				       "be dialed; template skipped",
				       SHOWN(n), (const char *)s, DOTS(n), c);
			return -EINVAL;
		}
		if (c == '\\') {
			if (i + 1 < n) {
				i++;
				worst++;
			}
			continue;
		}
		if (c != '%') {
			worst++;
			continue;
		}
		c = i + 1 < n ? s[++i] : 0;
		if (c == 's' || c == 'S' || c == '0')
			worst += DIALPLAN_KEYS_MAX;
		else if (c >= '1' && c <= '5')
			worst += gmax[c - '0'];
		else if (c == '%')
			worst++;
		else {
			dialplan__warn(rd, v->line,
				       "Rewrite=\"%.*s%s\": \"%%%c\" is not %%s, "
				       "%%0..%%5 or %%%%; template skipped",
				       SHOWN(n), (const char *)s, DOTS(n),
				       c > ' ' && c < 0x7f ? c : '?');
			return -EINVAL;
		}
	}
	if (worst > DIALPLAN_DIAL_MAX) {
		dialplan__warn(rd, v->line,
			       "Rewrite=\"%.*s%s\" can make %zu bytes to dial, "
			       "more than %d; template skipped",
			       SHOWN(n), (const char *)s, DOTS(n), worst,
			       DIALPLAN_DIAL_MAX);
		return -EINVAL;
	}
	return 0;
}

static unsigned parse_timeout(struct dialplan__reader *rd,
			      const struct dialplan__slice *v)
{
	unsigned long t = 0;
	uint32_t i;

	for (i = 0; i < v->n && v->p[i] >= '0' && v->p[i] <= '9'; i++) {
		t = t * 10 + (unsigned)(v->p[i] - '0');
		if (t > DIALPLAN_TIMEOUT_MAX)
			break;
	}
	if (v->n == 0 || i < v->n || t > DIALPLAN_TIMEOUT_MAX) {
		dialplan__warn(rd, v->line,
			       "Timeout=\"%.*s%s\" is not 0..%d seconds; "
			       "%u used", SHOWN(v->n), (const char *)v->p,
			       DOTS(v->n), DIALPLAN_TIMEOUT_MAX,
			       DIALPLAN_INTERDIGIT_DEFAULT);
		return DIALPLAN_INTERDIGIT_DEFAULT;
	}
	return (unsigned)t;
}

/* A host name or dotted address: letters, digits, '-' and '.'. */
static int is_host(const struct dialplan__slice *v)
{
	uint32_t i;
	uint8_t c;

	if (v->n == 0 || v->n > DIALPLAN_HOST_MAX)
		return 0;
	for (i = 0; i < v->n; i++) {
		c = v->p[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '.'))
			return 0;
	}
	return v->p[0] != '.' && v->p[0] != '-';
}

/* ---------------------------------------------------------------- hooks */

void dialplan__rd_plan_open(struct dialplan__reader *rd, const uint8_t *at)
{
	unsigned line = dialplan__line_at(rd, at);

	if (rd->open_line) {
		dialplan__warn(rd, line,
			       "<DIALTEMPLATE> inside the <DIALTEMPLATE> of "
			       "line %u; ignored", rd->open_line);
		return;
	}
	rd->open_line = line;
	rd->plans++;
}

void dialplan__rd_plan_close(struct dialplan__reader *rd, const uint8_t *at)
{
	if (!rd->open_line) {
		dialplan__warn(rd, dialplan__line_at(rd, at),
			       "</DIALTEMPLATE> without <DIALTEMPLATE>; "
			       "ignored");
		return;
	}
	rd->open_line = 0;
}

void dialplan__rd_tpl_begin(struct dialplan__reader *rd, const uint8_t *at)
{
	memset(&rd->tpl, 0, sizeof(rd->tpl));
	rd->tpl.line = dialplan__line_at(rd, at);
	rd->in_tpl = 1;
	if (!rd->open_line && !rd->warned_outside) {
		rd->warned_outside = 1;
		dialplan__warn(rd, rd->tpl.line,
			       "<TEMPLATE> outside <DIALTEMPLATE>...</DIALTEMPLATE>;"
			       " used anyway");
	}
}

void dialplan__rd_attr(struct dialplan__reader *rd, const uint8_t *name,
		       size_t nlen, const uint8_t *value, size_t vlen)
{
	struct dialplan__tpl_src *t = &rd->tpl;
	unsigned line = dialplan__line_at(rd, name);
	struct dialplan__slice v = trim(value, vlen, line);
	struct dialplan__slice *slot;
	unsigned bit;

	if (!rd->in_tpl)
		return;
	if (name_is(name, nlen, "TONE")) {
		if (t->ntones == DIALPLAN_TONES_MAX) {
			dialplan__warn(rd, line,
				       "more than %d Tone attributes; "
				       "Tone=\"%.*s%s\" ignored",
				       DIALPLAN_TONES_MAX, SHOWN(v.n),
				       (const char *)v.p, DOTS(v.n));
			return;
		}
		t->tone[t->ntones++] = v;
		return;
	}
	if (name_is(name, nlen, "MATCH"))
		bit = A_MATCH, slot = &t->match;
	else if (name_is(name, nlen, "TIMEOUT"))
		bit = A_TIMEOUT, slot = &t->timeout;
	else if (name_is(name, nlen, "USER"))
		bit = A_USER, slot = &t->user;
	else if (name_is(name, nlen, "REWRITE"))
		bit = A_REWRITE, slot = &t->rewrite;
	else if (name_is(name, nlen, "ROUTE"))
		bit = A_ROUTE, slot = &t->route;
	else {
		dialplan__warn(rd, line, "unknown attribute %.*s%s ignored",
			       SHOWN(nlen), (const char *)name, DOTS(nlen));
		return;
	}
	if (t->seen & bit) {
		dialplan__warn(rd, line,
			       "second %.*s attribute ignored (the first is "
			       "used)", (int)nlen, (const char *)name);
		return;
	}
	t->seen |= bit;
	*slot = v;
}

/* Judge and compile the template just read. */
static int add_template(struct dialplan__reader *rd)
{
	struct dialplan__tpl_src *src = &rd->tpl;
	struct dialplan *pl = rd->plan;
	struct dialplan__tpl t = {.line = src->line};
	struct pattern pt;
	unsigned i, ncommas;
	enum dialplan_tone tone;
	void *np;
	int err;

	if (!(src->seen & A_MATCH)) {
		dialplan__warn(rd, src->line,
			       "<TEMPLATE> without MATCH; skipped");
		return 0;
	}
	if (compile_match(rd, &src->match, &pt))
		return 0;
	if ((src->seen & A_REWRITE) && check_rewrite(rd, &src->rewrite, &pt))
		return 0;
	if (pl->n == DIALPLAN_TEMPLATES_MAX) {
		if (!rd->warned_full)
			dialplan__warn(rd, src->line,
				       "more than %d templates; this one and "
				       "the rest are ignored",
				       DIALPLAN_TEMPLATES_MAX);
		rd->warned_full = 1;
		return 0;
	}

	t.m = (uint8_t)pt.m;
	t.wild = pt.wild;
	t.anys = pt.anys;
	t.stay = pt.stay;
	t.lit = pt.lit;
	t.commas = pt.commas;

	/* "Timeout= sec ... To have the number dial immediately, specify 0." */
	t.timeout = DIALPLAN_INTERDIGIT_DEFAULT;
	if (src->seen & A_TIMEOUT)
		t.timeout = (uint16_t)parse_timeout(rd, &src->timeout);

	/* "Enter User=phone or User=IP ... not case sensitive." */
	if (src->seen & A_USER) {
		if (is(&src->user, "phone"))
			t.user = DIALPLAN_USER_PHONE;
		else if (is(&src->user, "ip"))
			t.user = DIALPLAN_USER_IP;
		else
			dialplan__warn(rd, src->user.line,
				       "User=\"%.*s%s\" is not phone or IP; "
				       "ignored", SHOWN(src->user.n),
				       (const char *)src->user.p,
				       DOTS(src->user.n));
	}

	/* "Route= route is default, emergency, or FQDN." */
	if (src->seen & A_ROUTE) {
		if (is(&src->route, "default"))
			t.route = DIALPLAN_ROUTE_DEFAULT;
		else if (is(&src->route, "emergency"))
			t.route = DIALPLAN_ROUTE_EMERGENCY;
		else if (is_host(&src->route)) {
			t.route = DIALPLAN_ROUTE_FQDN;
			t.host_len = (uint16_t)src->route.n;
			err = pool_add(pl, src->route.p, src->route.n, &t.host);
			if (err)
				return err;
		} else
			dialplan__warn(rd, src->route.line,
				       "Route=\"%.*s%s\" is not default, "
				       "emergency or a host name; default used",
				       SHOWN(src->route.n),
				       (const char *)src->route.p,
				       DOTS(src->route.n));
	}

	/* "If a tone is specified but there is no comma (,) in the match
	 * string, the tone is ignored." */
	ncommas = (unsigned)__builtin_popcountll(pt.commas);
	for (i = 0; i < src->ntones; i++) {
		if (dialplan_tone_lookup((const char *)src->tone[i].p,
					 src->tone[i].n, &tone)) {
			dialplan__warn(rd, src->tone[i].line,
				       "unknown tone \"%.*s%s\"; %s played "
				       "instead", SHOWN(src->tone[i].n),
				       (const char *)src->tone[i].p,
				       DOTS(src->tone[i].n),
				       dialplan_tone_name(
					       DIALPLAN_TONE_BELLCORE_OUTSIDE));
			tone = DIALPLAN_TONE_BELLCORE_OUTSIDE;
		}
		t.tones[i] = (uint8_t)tone;
	}
	t.ntones = (uint8_t)src->ntones;
	if (src->ntones > ncommas) {
		dialplan__warn(rd, src->line,
			       "%u Tone attribute%s but %u comma%s in MATCH; "
			       "the tone%s without a comma ignored",
			       src->ntones, src->ntones > 1 ? "s" : "",
			       ncommas, ncommas == 1 ? "" : "s",
			       src->ntones - ncommas > 1 ? "s" : "");
		t.ntones = (uint8_t)ncommas;
	}

	if (src->seen & A_REWRITE) {
		t.has_rewrite = 1;
		t.rewrite_len = (uint16_t)src->rewrite.n;
		err = pool_add(pl, src->rewrite.p, src->rewrite.n, &t.rewrite);
		if (err)
			return err;
	}
	err = pool_add(pl, pt.elem, pt.m, &t.elems);
	if (err)
		return err;

	if (pl->n == pl->cap) {
		unsigned cap = pl->cap ? pl->cap * 2 : 16;

		if (cap > DIALPLAN_TEMPLATES_MAX)
			cap = DIALPLAN_TEMPLATES_MAX;
		np = realloc(pl->tpl, cap * sizeof(*pl->tpl));
		if (!np)
			return -ENOMEM;
		pl->tpl = np;
		pl->cap = cap;
	}
	pl->tpl[pl->n++] = t;
	return 0;
}

void dialplan__rd_tpl_end(struct dialplan__reader *rd)
{
	int err;

	if (!rd->in_tpl)
		return;
	rd->in_tpl = 0;
	if (rd->err)
		return;
	err = add_template(rd);
	if (err)
		rd->err = err;
}

void dialplan__rd_other(struct dialplan__reader *rd, const uint8_t *at,
			const uint8_t *name, size_t nlen)
{
	dialplan__warn(rd, dialplan__line_at(rd, at),
		       "unknown element <%.*s%s> ignored", SHOWN(nlen),
		       (const char *)name, DOTS(nlen));
}

void dialplan__rd_text(struct dialplan__reader *rd, const uint8_t *at)
{
	unsigned line = dialplan__line_at(rd, at);

	/* One warning a line is enough. */
	if (line == rd->text_line)
		return;
	rd->text_line = line;
	dialplan__warn(rd, line, "text outside a tag ignored");
}

static const char *describe(const uint8_t *at, char *buf, size_t size)
{
	if (*at == '\n')
		return "a line end";
	if (*at > ' ' && *at < 0x7f)
		snprintf(buf, size, "'%c'", *at);
	else
		snprintf(buf, size, "byte 0x%02x", *at);
	return buf;
}

void dialplan__rd_syntax(struct dialplan__reader *rd, const uint8_t *tag,
			 const uint8_t *at, const uint8_t *comment)
{
	char what[16];

	if (!at) { /* the end of the file */
		if (comment)
			dialplan__warn(rd, dialplan__line_at(rd, comment),
				       "comment not closed with -->");
		if (rd->in_tpl)
			dialplan__warn(rd, rd->tpl.line,
				       "<TEMPLATE> not closed at the end of the "
				       "file; skipped");
		else if (!comment)
			dialplan__warn(rd, dialplan__line_at(rd, tag),
				       "tag not closed at the end of the file; "
				       "ignored");
		rd->in_tpl = 0;
		return;
	}
	if (rd->in_tpl)
		dialplan__warn(rd, dialplan__line_at(rd, at),
			       "cannot read the <TEMPLATE> of line %u: "
			       "unexpected %s; template skipped",
			       rd->tpl.line, describe(at, what, sizeof(what)));
	else
		dialplan__warn(rd, dialplan__line_at(rd, at),
			       "cannot read the tag of line %u: unexpected %s;"
			       " skipped", dialplan__line_at(rd, tag),
			       describe(at, what, sizeof(what)));
	rd->in_tpl = 0;
}

void dialplan__rd_done(struct dialplan__reader *rd)
{
	if (rd->open_line)
		dialplan__warn(rd, rd->open_line,
			       "<DIALTEMPLATE> not closed with "
			       "</DIALTEMPLATE>; its templates are used");
}

/* ---------------------------------------------------------------- plan */

/* Does the first element of template T take a key of class C ('#' when
 * C == nclass)? */
static int first_takes(const struct dialplan *pl, unsigned t, unsigned c)
{
	if (c == pl->nclass) /* "# is not matched by the wildcard" */
		return pl->litmask[(size_t)t * pl->nclass + pl->cls['#']] & 1 &&
		       pl->cls['#'];
	return (pl->litmask[(size_t)t * pl->nclass + c] | pl->tpl[t].wild) & 1;
}

/* Most templates die on the first key: a session starts from the list of
 * those the key keeps, so that starting costs nothing and the first key
 * only what survives it. */
static int first_lists(struct dialplan *pl)
{
	size_t total = 0;
	unsigned c, t;

	pl->first_off = calloc(pl->nclass + 2, sizeof(*pl->first_off));
	if (!pl->first_off)
		return -ENOMEM;
	for (c = 0; c <= pl->nclass; c++)
		for (t = 0; t < pl->n; t++)
			total += (size_t)first_takes(pl, t, c);
	/* total <= DIALPLAN_TEMPLATES_MAX * 96 */
	pl->first_idx = calloc(total ? total : 1, sizeof(*pl->first_idx));
	if (!pl->first_idx)
		return -ENOMEM;
	total = 0;
	for (c = 0; c <= pl->nclass; c++) {
		pl->first_off[c] = (uint32_t)total;
		for (t = 0; t < pl->n; t++)
			if (first_takes(pl, t, c))
				pl->first_idx[total++] = (uint16_t)t;
	}
	pl->first_off[pl->nclass + 1] = (uint32_t)total;
	return 0;
}

/* Rank at each state: literal matches first ("matches against a period
 * are not counted for the length to be the longest"), then periods. */
static int rank_table(struct dialplan *pl)
{
	const struct dialplan__tpl *tp;
	uint16_t *r;
	unsigned t, p, lit, dots;

	pl->rank = calloc((size_t)(pl->n ? pl->n : 1) * (DIALPLAN_PATTERN_MAX + 1),
			  sizeof(*pl->rank));
	if (!pl->rank)
		return -ENOMEM;
	for (t = 0; t < pl->n; t++) {
		tp = &pl->tpl[t];
		r = pl->rank + (size_t)t * (DIALPLAN_PATTERN_MAX + 1);
		lit = dots = 0;
		for (p = 0; p <= tp->m; p++) {
			r[p] = (uint16_t)(lit << 8 | dots);
			lit += (unsigned)(tp->lit >> p & 1);
			dots += (unsigned)(tp->anys >> p & 1);
		}
	}
	return 0;
}

/* Key classes: one per distinct literal in the plan, so that a key finds
 * each template's literal bits with one load. */
static int finish(struct dialplan *pl)
{
	const uint8_t *e;
	unsigned t, i;
	uint8_t c;

	memset(pl->cls, 0, sizeof(pl->cls));
	pl->nclass = 1;
	for (t = 0; t < pl->n; t++) {
		e = (const uint8_t *)pl->pool + pl->tpl[t].elems;
		for (i = 0; i < pl->tpl[t].m; i++) {
			if (!(pl->tpl[t].lit >> i & 1))
				continue;
			c = e[i];
			if (!pl->cls[c])
				pl->cls[c] = (uint8_t)pl->nclass++;
		}
	}
	/* Letters fold to lower case; their upper case shares the class. */
	for (c = 'A'; c <= 'Z'; c++)
		pl->cls[c] = pl->cls[c - 'A' + 'a'];
	if (pl->n) {
		pl->litmask = calloc((size_t)pl->n * pl->nclass,
				     sizeof(*pl->litmask));
		if (!pl->litmask)
			return -ENOMEM;
	}
	for (t = 0; t < pl->n; t++) {
		e = (const uint8_t *)pl->pool + pl->tpl[t].elems;
		for (i = 0; i < pl->tpl[t].m; i++)
			if (pl->tpl[t].lit >> i & 1)
				pl->litmask[(size_t)t * pl->nclass +
					    pl->cls[e[i]]] |= 1ull << i;
	}
	return first_lists(pl) ? -ENOMEM : rank_table(pl);
}

int dialplan_load(const char *file, const uint8_t *buf, size_t len,
		  dialplan_report_fn *report, void *arg,
		  struct dialplan_stats *st, struct dialplan **planp)
{
	struct dialplan__reader rd = {
		.file = file, .report = report, .arg = arg, .st = st,
		.buf = buf, .line_p = buf, .line = 1,
	};
	struct dialplan *pl = NULL;
	int err;

	*planp = NULL;
	if (st)
		*st = (struct dialplan_stats){0};
	if (len > DIALPLAN_FILE_MAX) {
		dialplan__warn(&rd, 0, "%zu bytes, more than %d: not a dial "
			       "plan; ignored", len, DIALPLAN_FILE_MAX);
		err = -EFBIG;
		goto out;
	}
	pl = calloc(1, sizeof(*pl));
	if (!pl) {
		err = -ENOMEM;
		goto out;
	}
	rd.plan = pl;
	err = dialplan__xml_read(&rd, buf, len);
	if (err)
		goto out;
	err = finish(pl);
	if (err)
		goto out;
	if (pl->n == 0)
		dialplan__warn(&rd, 0, "no usable <TEMPLATE>: every number "
			       "is dialed as entered after %u s",
			       DIALPLAN_INTERDIGIT_DEFAULT);
	if (st)
		st->templates = pl->n;
	*planp = pl;
	pl = NULL;
out:
	dialplan_free(pl);
	return err;
}

void dialplan_free(struct dialplan *pl)
{
	if (!pl)
		return;
	free(pl->tpl);
	free(pl->litmask);
	free(pl->first_off);
	free(pl->first_idx);
	free(pl->rank);
	free(pl->pool);
	free(pl);
}

unsigned dialplan_count(const struct dialplan *pl)
{
	return pl ? pl->n : 0;
}
