/*
 * cnf_layer.c - configuration layers and the effective snapshot.
 *
 * Guide, "Configuration File Guidelines" and "Configuring SIP Parameters":
 * SIPDefault.cnf overrides flash, SIP<MAC>.cnf overrides both, a value
 * entered locally lasts until reboot; "" or UNPROVISIONED deletes a value
 * (back to the default); a variable absent from a file leaves the lower
 * layer's value.  Loading a file replaces its layer as a whole, and only
 * once the file has been read: a failed load changes nothing.
 *
 * No file I/O here (cnf_store.c does it): this is part of the protocol
 * core that also builds bare-metal.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cnf/cnf.h"
#include "cnf/cnf_reader.h"
#include "cnf/cnf_layer.h"

static const char *const layer_file_kind[CNF_LAYER_COUNT] = {
	[CNF_LAYER_FLASH] = "flash",
	[CNF_LAYER_DEFAULT] = "the default configuration file",
	[CNF_LAYER_PHONE] = "the phone-specific configuration file",
	[CNF_LAYER_LOCAL] = "local settings",
	[CNF_LAYER_SYSTEM] = "system facts",
};

int cnf_layers_alloc(struct cnf_layers **lp)
{
	struct cnf_layers *l = calloc(1, sizeof(*l));

	if (!l)
		return -ENOMEM;
	*lp = l;
	return 0;
}

static void layer_clear(struct cnf__layer *ly)
{
	unsigned p;

	for (p = 0; p < CNF_PARAM_COUNT; p++)
		free(ly->e[p].val);
	memset(ly, 0, sizeof(*ly));
}

void cnf_layers_free(struct cnf_layers *l)
{
	unsigned i;

	if (!l)
		return;
	for (i = 0; i < CNF_LAYER_COUNT; i++)
		layer_clear(&l->layer[i]);
	free(l);
}

/* The guide's deletion values. */
int cnf__is_deletion(const char *v, size_t len)
{
	return len == 0 || (len == 13 && memcmp(v, "UNPROVISIONED", 13) == 0);
}

static int entry_set(struct cnf__entry *e, const char *val, int32_t num,
		     uint32_t line)
{
	char *copy = strdup(val);

	if (!copy)
		return -ENOMEM;
	free(e->val);
	e->val = copy;
	e->num = num;
	e->line = line;
	e->state = CNF__SET;
	return 0;
}

static void entry_delete(struct cnf__entry *e, uint32_t line)
{
	free(e->val);
	e->val = NULL;
	e->num = 0;
	e->line = line;
	e->state = CNF__DELETED;
}

static void entry_unset(struct cnf__entry *e)
{
	free(e->val);
	*e = (struct cnf__entry){.state = CNF__UNSET};
}

/* Effective entry of P looking at layers 0..TOP, with TOPLY standing in
 * for layer TOP.  NULL: the default. */
static const struct cnf__entry *effective(const struct cnf_layers *l,
					  const struct cnf__layer *topl,
					  unsigned top, enum cnf_param p)
{
	int i;

	for (i = (int)top; i >= 0; i--) {
		const struct cnf__layer *ly =
			(unsigned)i == top ? topl : &l->layer[i];
		const struct cnf__entry *e = &ly->e[p];

		if (e->state == CNF__SET)
			return e;
		if (e->state == CNF__DELETED)
			return NULL;
	}
	return NULL;
}

static int32_t effective_num(const struct cnf_layers *l,
			     const struct cnf__layer *topl, unsigned top,
			     enum cnf_param p)
{
	const struct cnf__entry *e = effective(l, topl, top, p);

	return e ? e->num
		 : (int32_t)strtol(cnf_param_info(p)->def, NULL, 10);
}

/* Pairs of parameters the guide orders: LOW must stay below HIGH. */
static const struct {
	enum cnf_param low, high;
	const char *rule;
} orderings[] = {
	/* Table 3-3 timer_t2: "any positive integer greater than timer_t1" */
	{CNF_TIMER_T1, CNF_TIMER_T2, "timer_t2 must be greater than timer_t1"},
	/* Table 3-3: the RTP range start_media_port..end_media_port */
	{CNF_START_MEDIA_PORT, CNF_END_MEDIA_PORT,
	 "end_media_port must be greater than start_media_port"},
};

/* Reports a broken ordering and undoes entry P of the layer checked. */
typedef void cnf__blame_fn(void *arg, enum cnf_param p, uint32_t line,
			   const char *msg);

/* Does the ordering hold when NEWLY's entries for LO/HI are ignored as
 * IGNORE_LO/IGNORE_HI say? */
static int ordering_holds(const struct cnf_layers *l, struct cnf__layer *newly,
			  unsigned top, enum cnf_param lo, enum cnf_param hi,
			  int ignore_lo, int ignore_hi, int32_t *a, int32_t *b)
{
	struct cnf__entry el = newly->e[lo], eh = newly->e[hi];

	if (ignore_lo)
		newly->e[lo].state = CNF__UNSET;
	if (ignore_hi)
		newly->e[hi].state = CNF__UNSET;
	*a = effective_num(l, newly, top, lo);
	*b = effective_num(l, newly, top, hi);
	newly->e[lo] = el;
	newly->e[hi] = eh;
	return *a < *b;
}

/* Undo the fewest assignments of NEWLY (layer TOP) that make each ordering
 * hold again -- the later line first -- and report each through BLAME. */
static void check_orderings(const struct cnf_layers *l,
			    struct cnf__layer *newly, unsigned top,
			    cnf__blame_fn *blame, void *arg)
{
	unsigned i;

	for (i = 0; i < sizeof(orderings) / sizeof(orderings[0]); i++) {
		enum cnf_param lo = orderings[i].low, hi = orderings[i].high;
		int set_lo = newly->e[lo].state != CNF__UNSET;
		int set_hi = newly->e[hi].state != CNF__UNSET;
		int later_lo = set_lo && (!set_hi ||
					  newly->e[lo].line > newly->e[hi].line);
		int undo_lo, undo_hi;
		int32_t a, b, x, y;
		char msg[CNF_DIAG_MAX];

		if (ordering_holds(l, newly, top, lo, hi, 0, 0, &a, &b))
			continue;
		if (!set_lo && !set_hi)
			continue; /* a lower layer's problem, reported there */
		/* Try the later line alone, then the earlier, then both. */
		undo_lo = later_lo;
		undo_hi = !later_lo;
		if (!ordering_holds(l, newly, top, lo, hi, undo_lo, undo_hi, &x,
				    &y)) {
			undo_lo = set_lo && !undo_lo;
			undo_hi = set_hi && !undo_hi;
			if (!ordering_holds(l, newly, top, lo, hi, undo_lo,
					    undo_hi, &x, &y))
				undo_lo = set_lo, undo_hi = set_hi;
		}
		snprintf(msg, sizeof(msg), "%s (%" PRId32 ", %" PRId32 "); ignored",
			 orderings[i].rule, a, b);
		/* BLAME undoes the entry. */
		if (undo_lo)
			blame(arg, lo, newly->e[lo].line, msg);
		if (undo_hi)
			blame(arg, hi, newly->e[hi].line, msg);
	}
}

/* ---------------------------------------------------------------- loading */

struct load_ctx {
	struct cnf_layers *l;
	struct cnf__layer *newly;
	enum cnf_layer_id id;
	const char *file;
	cnf_report_fn *report;
	void *arg;
	struct cnf_stats st;
	int err;
};

static void load_report(struct load_ctx *c, unsigned line, enum cnf_sev sev,
			const char *msg)
{
	struct cnf_diag d = {.file = c->file, .line = line, .sev = sev,
			     .msg = msg};

	if (sev == CNF_ERROR)
		c->st.errors++;
	else
		c->st.warnings++;
	if (c->report)
		c->report(c->arg, &d);
}

static void load_diag(void *arg, unsigned line, enum cnf_sev sev,
		      const char *msg)
{
	load_report(arg, line, sev, msg);
}

static void load_blame(void *arg, enum cnf_param p, uint32_t line,
		       const char *msg)
{
	struct load_ctx *c = arg;

	load_report(c, line, CNF_ERROR, msg);
	entry_unset(&c->newly->e[p]);
	c->st.assigned--;
}

static void load_assign(void *arg, unsigned line, const uint8_t *name,
			size_t nlen, const uint8_t *value, size_t vlen)
{
	struct load_ctx *c = arg;
	const struct cnf_param_info *pi;
	struct cnf__entry *e;
	enum cnf_param p;
	char msg[CNF_DIAG_MAX], out[CNF_STR_MAX + 1];
	int32_t num;
	int rc;

	if (cnf_param_lookup((const char *)name, nlen, &p)) {
		snprintf(msg, sizeof(msg), "unknown parameter \"%.*s\"; ignored",
			 (int)(nlen > 40 ? 40 : nlen), (const char *)name);
		load_report(c, line, CNF_WARNING, msg);
		return;
	}
	pi = cnf_param_info(p);
	if (pi->flags & CNF_F_RO ||
	    (pi->flags & CNF_F_NET && c->id != CNF_LAYER_FLASH) ||
	    (pi->flags & CNF_F_NOFLASH && c->id == CNF_LAYER_FLASH) ||
	    (pi->flags & CNF_F_PHONE && c->id == CNF_LAYER_DEFAULT)) {
		snprintf(msg, sizeof(msg), "%s cannot be set in %s (%s); ignored",
			 pi->name, layer_file_kind[c->id],
			 pi->flags & CNF_F_RO ? "the phone reports it"
			 : pi->flags & CNF_F_NET
				 ? "a network setting: DHCP or the Network "
				   "Configuration menu"
			 : pi->flags & CNF_F_NOFLASH
				 ? "never stored in flash"
				 : "phone-specific: set it in SIP<MAC>.cnf");
		load_report(c, line, CNF_WARNING, msg);
		return;
	}
	e = &c->newly->e[p];
	if (e->state != CNF__UNSET) {
		/* "Only one value can be associated with a variable." */
		snprintf(msg, sizeof(msg),
			 "%s is already set on line %u; this line replaces it",
			 pi->name, (unsigned)e->line);
		load_report(c, line, CNF_WARNING, msg);
		c->st.assigned--;
	}
	if (cnf__is_deletion((const char *)value, vlen)) {
		entry_delete(e, line);
		c->st.assigned++;
		return;
	}
	rc = cnf_param_validate(p, (const char *)value, vlen, out, sizeof(out),
				&num, msg, sizeof(msg));
	if (rc < 0) {
		load_report(c, line, CNF_ERROR, msg);
		if (e->state != CNF__UNSET) /* the replaced line stays */
			c->st.assigned++;
		return;
	}
	if (rc == CNF_VALID_FALLBACK)
		load_report(c, line, CNF_WARNING, msg);
	if (entry_set(e, out, num, line)) {
		c->err = -ENOMEM;
		return;
	}
	c->st.assigned++;
}

static const struct cnf__reader_ops load_ops = {
	.assign = load_assign,
	.diag = load_diag,
};

int cnf_layer_load(struct cnf_layers *l, enum cnf_layer_id id,
		   const char *file, const uint8_t *buf, size_t len,
		   cnf_report_fn *report, void *arg, struct cnf_stats *st)
{
	struct load_ctx c = {.l = l, .id = id, .file = file, .report = report,
			     .arg = arg};
	int err;

	if ((unsigned)id >= CNF_LAYER_COUNT)
		return -EINVAL;
	if (len > CNF_FILE_MAX) {
		char msg[CNF_DIAG_MAX];

		snprintf(msg, sizeof(msg),
			 "file is %zu bytes; at most %d; nothing applied",
			 len, CNF_FILE_MAX);
		load_report(&c, 0, CNF_ERROR, msg);
		err = -EFBIG;
		goto out;
	}
	c.newly = calloc(1, sizeof(*c.newly));
	if (!c.newly) {
		err = -ENOMEM;
		goto out;
	}
	err = cnf__read(buf, len, &load_ops, &c);
	if (!err)
		err = c.err;
	if (err)
		goto out;
	check_orderings(l, c.newly, id, load_blame, &c);
	layer_clear(&l->layer[id]);
	l->layer[id] = *c.newly;
	free(c.newly);
	c.newly = NULL;
out:
	if (c.newly) {
		layer_clear(c.newly);
		free(c.newly);
	}
	if (st)
		*st = c.st;
	return err;
}

/* ---------------------------------------------------------------- editing */

/* A value the file syntax can store and read back unchanged. */
static int storable(const char *v)
{
	int dq = strchr(v, '"') != NULL, sq = strchr(v, '\'') != NULL;
	const unsigned char *s;

	for (s = (const unsigned char *)v; *s; s++)
		if (*s == '\r' || *s == '\n')
			return 0;
	return !(dq && sq);
}

struct set_ctx {
	struct cnf__layer *trial;
	char *why;
	size_t whysz;
	int blamed;
};

static void set_blame(void *arg, enum cnf_param p, uint32_t line,
		      const char *msg)
{
	struct set_ctx *c = arg;

	(void)line;
	snprintf(c->why, c->whysz, "%s", msg);
	/* The trial borrows its values: forget, never free. */
	c->trial->e[p] = (struct cnf__entry){.state = CNF__UNSET};
	c->blamed = 1;
}

int cnf_layer_set(struct cnf_layers *l, enum cnf_layer_id id,
		  enum cnf_param p, const char *value, char *why, size_t whysz)
{
	const struct cnf_param_info *pi = cnf_param_info(p);
	struct cnf__layer *trial = NULL;
	struct set_ctx sc = {.why = why, .whysz = whysz};
	char out[CNF_STR_MAX + 1];
	size_t len;
	int32_t num;
	int rc;

	if (!pi || (unsigned)id >= CNF_LAYER_COUNT || !value)
		return -EINVAL;
	len = strlen(value);
	if (cnf__is_deletion(value, len)) {
		entry_delete(&l->layer[id].e[p], 0);
		return 0;
	}
	if (!storable(value)) {
		snprintf(why, whysz, "a value with both kinds of quote or a "
				     "line break cannot be stored");
		return -EINVAL;
	}
	rc = cnf_param_validate(p, value, len, out, sizeof(out), &num, why,
				whysz);
	if (rc < 0)
		return rc;
	/* Check orderings on a trial copy of the one entry that changes. */
	trial = calloc(1, sizeof(*trial));
	if (!trial)
		return -ENOMEM;
	memcpy(trial, &l->layer[id], sizeof(*trial));
	trial->e[p] = (struct cnf__entry){.val = out, .num = num,
					  .line = UINT32_MAX,
					  .state = CNF__SET};
	sc.trial = trial;
	check_orderings(l, trial, id, set_blame, &sc);
	free(trial);
	if (sc.blamed)
		return -EINVAL;
	if (entry_set(&l->layer[id].e[p], out, num, 0))
		return -ENOMEM;
	return rc;
}

void cnf_layer_erase(struct cnf_layers *l, enum cnf_layer_id id,
		     unsigned flags)
{
	unsigned p;

	if ((unsigned)id >= CNF_LAYER_COUNT)
		return;
	for (p = 0; p < CNF_PARAM_COUNT; p++)
		if (!flags || (cnf_param_info(p)->flags & flags))
			entry_unset(&l->layer[id].e[p]);
}

unsigned cnf_layers_commit_flash(struct cnf_layers *l)
{
	struct cnf__layer *flash = &l->layer[CNF_LAYER_FLASH];
	unsigned p, changed = 0;

	for (p = 0; p < CNF_PARAM_COUNT; p++) {
		const struct cnf__entry *src = &l->layer[CNF_LAYER_PHONE].e[p];
		struct cnf__entry *dst = &flash->e[p];

		if (cnf_param_info(p)->flags & (CNF_F_NOFLASH | CNF_F_RO))
			continue;
		if (src->state == CNF__UNSET)
			src = &l->layer[CNF_LAYER_DEFAULT].e[p];
		if (src->state == CNF__UNSET)
			continue;
		if (src->state == CNF__DELETED) {
			if (dst->state != CNF__UNSET) {
				entry_unset(dst);
				changed++;
			}
			continue;
		}
		if (dst->state == CNF__SET && strcmp(dst->val, src->val) == 0)
			continue;
		if (entry_set(dst, src->val, src->num, 0) == 0)
			changed++;
	}
	return changed;
}

/* ---------------------------------------------------------------- snapshot */

struct cnf_val {
	const char *s;
	int32_t n;
	uint8_t origin;
};

struct cnf {
	struct cnf_val v[CNF_PARAM_COUNT];
	char strings[]; /* every value, NUL-terminated */
};

static const uint8_t layer_origin[CNF_LAYER_COUNT] = {
	[CNF_LAYER_FLASH] = CNF_ORIGIN_FLASH,
	[CNF_LAYER_DEFAULT] = CNF_ORIGIN_TFTP_DEFAULT,
	[CNF_LAYER_PHONE] = CNF_ORIGIN_TFTP_PHONE,
	[CNF_LAYER_LOCAL] = CNF_ORIGIN_LOCAL,
	[CNF_LAYER_SYSTEM] = CNF_ORIGIN_SYSTEM,
};

static int32_t default_num(enum cnf_param p)
{
	const struct cnf_param_info *pi = cnf_param_info(p);
	char out[CNF_STR_MAX + 1], why[CNF_DIAG_MAX];
	int32_t num = 0;

	if (pi->def[0])
		(void)cnf_param_validate(p, pi->def, strlen(pi->def), out,
					 sizeof(out), &num, why, sizeof(why));
	return num;
}

/* The guide's fallbacks to another parameter (Table 3-4, Table 3-3). */
static void derive(struct cnf *c)
{
	unsigned n;

	for (n = 1; n <= CNF_LINES; n++) {
		struct cnf_val *sc = &c->v[cnf_line_param(CNF_LINE_SHORTCODE, n)];

		if (n > 1) {
			/* "If a value is not configured ... for a line ...,
			 * the value defined for line 1 is used." */
			static const enum cnf_line_field f[] = {
				CNF_LINE_AUTHNAME, CNF_LINE_PASSWORD};
			unsigned i;

			for (i = 0; i < 2; i++) {
				struct cnf_val *v = &c->v[cnf_line_param(f[i], n)];

				if (v->origin == CNF_ORIGIN_DEFAULT) {
					*v = c->v[cnf_line_param(f[i], 1)];
					v->origin = CNF_ORIGIN_DERIVED;
				}
			}
		}
		/* "If a value is not specified for this parameter, the value
		 * in the linex_name variable is displayed." */
		if (sc->origin == CNF_ORIGIN_DEFAULT) {
			*sc = c->v[cnf_line_param(CNF_LINE_NAME, n)];
			sc->origin = CNF_ORIGIN_DERIVED;
		}
	}
	for (n = 2; n <= CNF_LINES; n++) {
		struct cnf_val *a = &c->v[cnf_proxy_param(CNF_PROXY_ADDRESS, n)];
		struct cnf_val *p = &c->v[cnf_proxy_param(CNF_PROXY_PORT, n)];

		/* "If the value of N is not specified in the proxyN_address
		 * parameter, the phone uses the proxy1_address parameter as
		 * the default" -- and then proxy1's port with it. */
		if (a->origin != CNF_ORIGIN_DEFAULT)
			continue;
		*a = c->v[CNF_PROXY1_ADDRESS];
		a->origin = CNF_ORIGIN_DERIVED;
		if (p->origin == CNF_ORIGIN_DEFAULT) {
			*p = c->v[CNF_PROXY1_PORT];
			p->origin = CNF_ORIGIN_DERIVED;
		}
	}
}

int cnf_snapshot(const struct cnf_layers *l, struct cnf **cp)
{
	const struct cnf__entry *src[CNF_PARAM_COUNT];
	uint8_t origin[CNF_PARAM_COUNT];
	size_t size = 0, off = 0;
	struct cnf *c;
	unsigned p;

	for (p = 0; p < CNF_PARAM_COUNT; p++) {
		int i;

		src[p] = NULL;
		origin[p] = CNF_ORIGIN_DEFAULT;
		for (i = CNF_LAYER_COUNT - 1; i >= 0; i--) {
			const struct cnf__entry *e = &l->layer[i].e[p];

			if (e->state == CNF__SET) {
				src[p] = e;
				origin[p] = layer_origin[i];
				break;
			}
			if (e->state == CNF__DELETED)
				break;
		}
		size += strlen(src[p] ? src[p]->val : cnf_param_info(p)->def) + 1;
	}
	c = malloc(sizeof(*c) + size);
	if (!c)
		return -ENOMEM;
	for (p = 0; p < CNF_PARAM_COUNT; p++) {
		const char *s = src[p] ? src[p]->val : cnf_param_info(p)->def;
		size_t n = strlen(s) + 1;

		memcpy(c->strings + off, s, n);
		c->v[p].s = c->strings + off;
		c->v[p].n = src[p] ? src[p]->num : default_num(p);
		c->v[p].origin = origin[p];
		off += n;
	}
	derive(c);
	*cp = c;
	return 0;
}

void cnf_free(struct cnf *c)
{
	free(c);
}

const char *cnf_str(const struct cnf *c, enum cnf_param p)
{
	return (unsigned)p < CNF_PARAM_COUNT ? c->v[p].s : "";
}

int32_t cnf_int(const struct cnf *c, enum cnf_param p)
{
	return (unsigned)p < CNF_PARAM_COUNT ? c->v[p].n : 0;
}

enum cnf_origin cnf_origin(const struct cnf *c, enum cnf_param p)
{
	return (unsigned)p < CNF_PARAM_COUNT ? c->v[p].origin
					     : CNF_ORIGIN_DEFAULT;
}
