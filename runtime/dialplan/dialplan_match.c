/*
 * dialplan_match.c - the digit collector: one key in, "collect" or "dial".
 *
 * Each template is a bit-parallel NFA (see dialplan_int.h); a session keeps
 * one state word per template and the list of templates still alive, in
 * file order.  A key costs a few word operations per live template; the
 * winner is then picked from a rank table.  Only when the phone dials is the
 * path through the winning template rebuilt (one backward and one forward
 * pass over the keys) to fill in Rewrite.
 *
 * Guide: "Creating Dial Plans" (longest match, periods not counted, "a
 * complete rule is not matched unless it has more nonwildcard matches than
 * an incomplete rule", Timeout, Rewrite) and "Updates to the Dial-Plan
 * Template in Release 4.4 and Later" (#, \*, comma and Tone).  The rules,
 * and how this module reads what the guide leaves open, are in dialplan.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dialplan/dialplan_int.h"

struct dialplan_session {
	const struct dialplan *plan;
	uint64_t *state;   /* [plan->n] */
	uint16_t *live;    /* template indices, file order */
	unsigned nlive;
	unsigned nkeys;
	int done;
	int tone_tpl;      /* the last tone started: template, comma */
	unsigned tone_k;
	char keys[DIALPLAN_KEYS_MAX + 1];
	char dial[DIALPLAN_DIAL_MAX + 1];
};

/* Rank of template T at state P: literal matches << 8 | period matches
 * (the plan's table).  Equal ranks go to the earlier template: the live
 * list is in file order, and only a higher rank takes the lead. */
static inline unsigned rank_at(const struct dialplan *pl, unsigned t,
			       unsigned p)
{
	return pl->rank[(size_t)t * (DIALPLAN_PATTERN_MAX + 1) + p];
}

/* Ranks compared here are rank_at() << 1 | "at a comma point": between
 * equally long templates the one at a comma leads, so a secondary dial
 * tone does not depend on which of them comes first in the file. */
static inline unsigned keyed(const struct dialplan *pl, unsigned t,
			     const struct dialplan__tpl *tp, unsigned p)
{
	return rank_at(pl, t, p) << 1 | (unsigned)(tp->commas >> p & 1);
}

static inline uint64_t accept(const struct dialplan *pl, unsigned t,
			      unsigned cls, int hash)
{
	uint64_t a = pl->litmask[(size_t)t * pl->nclass + cls];

	/* "The # is not matched by the wildcard character * or the period" */
	return hash ? a : a | pl->tpl[t].wild;
}

int dialplan_session_start(const struct dialplan *plan,
			   struct dialplan_session **sp)
{
	struct dialplan_session *s;
	unsigned n = plan ? plan->n : 0;

	*sp = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->plan = plan;
	/* n <= DIALPLAN_TEMPLATES_MAX: the loader saw to it. */
	s->state = calloc(n ? n : 1, sizeof(*s->state));
	s->live = calloc(n ? n : 1, sizeof(*s->live));
	if (!s->state || !s->live) {
		dialplan_session_free(s);
		return -ENOMEM;
	}
	dialplan_session_restart(s);
	*sp = s;
	return 0;
}

/* Nothing entered: every template is before its first element (state 1);
 * the first key takes the survivors from the plan's first-key lists. */
void dialplan_session_restart(struct dialplan_session *s)
{
	s->nlive = 0;
	s->nkeys = 0;
	s->keys[0] = '\0';
	s->dial[0] = '\0';
	s->done = 0;
	s->tone_tpl = -1;
	s->tone_k = 0;
}

void dialplan_session_free(struct dialplan_session *s)
{
	if (!s)
		return;
	free(s->state);
	free(s->live);
	free(s);
}

const char *dialplan_session_keys(const struct dialplan_session *s,
				  size_t *len)
{
	if (len)
		*len = s->nkeys;
	return s->keys;
}

/* ---------------------------------------------------------------- dialing */

static inline int key_class(const struct dialplan *pl, char key)
{
	return pl->cls[dialplan__fold((uint8_t)key)];
}

/*
 * Which element of template T took each key: the states from which the
 * rest of the keys complete the template (backward), then a walk forward
 * that lets a `*` take as many keys as it can.
 */
static void trace(const struct dialplan *pl, unsigned t, const char *keys,
		  unsigned n, uint8_t *elem)
{
	const struct dialplan__tpl *tp = &pl->tpl[t];
	uint64_t ok[DIALPLAN_KEYS_MAX + 1], a, stay, s = 0;
	unsigned j;
	int hash, c;

	ok[n] = 1ull << tp->m;
	for (j = n; j-- > 0;) {
		hash = keys[j] == '#';
		c = key_class(pl, keys[j]);
		a = accept(pl, t, (unsigned)c, hash);
		stay = hash ? 0 : tp->stay;
		ok[j] = ((ok[j + 1] >> 1) & a) | (ok[j + 1] & stay);
	}
	for (j = 0; j < n; j++) {
		stay = keys[j] == '#' ? 0 : tp->stay;
		if ((stay >> s & 1) && (ok[j + 1] >> s & 1)) {
			elem[j] = (uint8_t)(s - 1); /* the `*` takes one more */
		} else {
			/* ok[0] has bit 0 (the template is complete), so one
			 * of the two moves keeps the walk on a good path. */
			elem[j] = (uint8_t)s;
			s++;
		}
	}
}

static int put(char *out, size_t *len, const char *s, size_t n)
{
	if (n > DIALPLAN_DIAL_MAX - *len)
		return -EOVERFLOW; /* the loader bounded Rewrite: not reached */
	memcpy(out + *len, s, n);
	*len += n;
	return 0;
}

/* Guide, the Rewrite table: "%s"/"%0" all, "%1".."%5" the n-th run of
 * wildcards, "%%" a percent sign, "." the next wildcard key. */
static int rewrite(struct dialplan_session *s, unsigned t, size_t *len)
{
	const struct dialplan *pl = s->plan;
	const struct dialplan__tpl *tp = &pl->tpl[t];
	const char *rw = pl->pool + tp->rewrite;
	uint8_t elem[DIALPLAN_KEYS_MAX], group[DIALPLAN_PATTERN_MAX];
	char wild[DIALPLAN_KEYS_MAX];
	unsigned e, g = 0, j, i, nwild = 0, next = 0;
	int err = 0;
	char c;

	for (e = 0; e < tp->m; e++) {
		if (!(tp->wild >> e & 1))
			group[e] = 0;
		else
			group[e] = (uint8_t)(e && (tp->wild >> (e - 1) & 1)
						     ? g : ++g);
	}
	trace(pl, t, s->keys, s->nkeys, elem);
	for (j = 0; j < s->nkeys; j++)
		if (tp->wild >> elem[j] & 1)
			wild[nwild++] = s->keys[j];

	*len = 0;
	for (i = 0; i < tp->rewrite_len && !err; i++) {
		c = rw[i];
		if (c == '\\') {
			if (++i < tp->rewrite_len)
				err = put(s->dial, len, &rw[i], 1);
		} else if (c == '.') {
			/* "nothing goes in for the extra dots" */
			if (next < nwild)
				err = put(s->dial, len, &wild[next++], 1);
		} else if (c != '%') {
			err = put(s->dial, len, &c, 1);
		} else {
			c = rw[++i]; /* the loader checked that one follows */
			if (c == 's' || c == 'S' || c == '0')
				err = put(s->dial, len, s->keys, s->nkeys);
			else if (c == '%')
				err = put(s->dial, len, "%", 1);
			else
				for (j = 0; j < s->nkeys && !err; j++)
					if ((tp->wild >> elem[j] & 1) &&
					    group[elem[j]] == (unsigned)(c - '0'))
						err = put(s->dial, len,
							  &s->keys[j], 1);
		}
	}
	s->dial[*len] = '\0';
	return err;
}

/* Dial with template T (-1: as entered, no template). */
static int dial(struct dialplan_session *s, int t, struct dialplan_result *r)
{
	const struct dialplan__tpl *tp = t >= 0 ? &s->plan->tpl[t] : NULL;
	size_t len = s->nkeys;
	int err;

	memset(r, 0, sizeof(*r));
	if (tp && tp->has_rewrite) {
		err = rewrite(s, (unsigned)t, &len);
		if (err)
			return err;
	} else {
		memcpy(s->dial, s->keys, len + 1);
	}
	r->action = DIALPLAN_DIAL;
	r->dial = s->dial;
	r->dial_len = len;
	if (tp) {
		r->user = (enum dialplan_user)tp->user;
		r->route = (enum dialplan_route)tp->route;
		if (tp->route == DIALPLAN_ROUTE_FQDN)
			r->route_host = s->plan->pool + tp->host;
		r->line = tp->line;
	}
	s->done = 1;
	return 0;
}

/* The longest complete template, -1 if none. */
static int best_complete(const struct dialplan_session *s)
{
	const struct dialplan *pl = s->plan;
	const struct dialplan__tpl *tp;
	unsigned i, t, r, best_rank = 0;
	int best = -1;

	for (i = 0; i < s->nlive; i++) {
		t = s->live[i];
		tp = &pl->tpl[t];
		if (!(s->state[t] >> tp->m & 1))
			continue;
		r = keyed(pl, t, tp, tp->m);
		if (best < 0 || r > best_rank) {
			best = (int)t;
			best_rank = r;
		}
	}
	return best;
}

int dialplan_dial_now(struct dialplan_session *s, struct dialplan_result *r)
{
	if (s->done)
		return -EALREADY;
	if (s->nkeys == 0)
		return -ENODATA;
	return dial(s, best_complete(s), r);
}

int dialplan_timeout(struct dialplan_session *s, struct dialplan_result *r)
{
	return dialplan_dial_now(s, r);
}

/* The contest after a key: C, the longest complete template, against I,
 * the longest incomplete one (its furthest state has the most matches). */
struct contest {
	int c, inc;
	unsigned rank_c, rank_i, pos_i;
};

static inline void enter(struct contest *k, const struct dialplan *pl,
			 unsigned t, uint64_t d)
{
	const struct dialplan__tpl *tp = &pl->tpl[t];
	uint64_t part = d & ((1ull << tp->m) - 1);
	unsigned rk, p;

	if (d >> tp->m & 1) {
		rk = keyed(pl, t, tp, tp->m);
		if (k->c < 0 || rk > k->rank_c) {
			k->c = (int)t;
			k->rank_c = rk;
		}
		/* A complete template is not also an incomplete rival of
		 * itself ("1*." after "123" is complete, not waiting). */
	} else if (part) {
		p = 63u - (unsigned)__builtin_clzll(part);
		rk = keyed(pl, t, tp, p);
		if (k->inc < 0 || rk > k->rank_i) {
			k->inc = (int)t;
			k->rank_i = rk;
			k->pos_i = p;
		}
	}
}

static int decide(struct dialplan_session *s, const struct contest *k,
		  struct dialplan_result *r)
{
	const struct dialplan *pl = s->plan;
	const struct dialplan__tpl *tp;
	unsigned pos, n;
	int c = k->c, lead;

	/* "A complete rule is not matched unless it has more nonwildcard
	 * matches than an incomplete rule." */
	if (c >= 0 && (k->inc < 0 || k->rank_c >> 9 > k->rank_i >> 9)) {
		lead = c;
		pos = pl->tpl[c].m;
		if (pl->tpl[c].timeout == 0)
			return dial(s, c, r);
	} else {
		lead = k->inc;
		pos = k->pos_i;
	}

	memset(r, 0, sizeof(*r));
	r->action = DIALPLAN_COLLECT;
	r->timeout = c >= 0 && pl->tpl[c].timeout ? pl->tpl[c].timeout
						  : DIALPLAN_INTERDIGIT_DEFAULT;
	if (lead < 0)
		return 0;
	tp = &pl->tpl[lead];
	if (!(tp->commas >> pos & 1))
		return 0;
	/* The n-th comma of the leading template: its n-th Tone, else the
	 * default secondary dial tone; once per comma. */
	n = (unsigned)__builtin_popcountll(tp->commas & ((2ull << pos) - 1));
	if (lead == s->tone_tpl && n == s->tone_k)
		return 0;
	s->tone_tpl = lead;
	s->tone_k = n;
	r->tone = n <= tp->ntones ? (enum dialplan_tone)tp->tones[n - 1]
				  : DIALPLAN_TONE_BELLCORE_OUTSIDE;
	return 0;
}

/* The first key: its survivors all stand after their first element. */
static int first_key(struct dialplan_session *s, int key, unsigned cls,
		     int hash, struct dialplan_result *r)
{
	const struct dialplan *pl = s->plan;
	unsigned c = hash ? pl->nclass : cls, i, t;
	uint32_t lo = pl->first_off[c], hi = pl->first_off[c + 1];
	struct contest k = {.c = -1, .inc = -1};

	if (hash && lo == hi) { /* '#' dials now: nothing to dial */
		memset(r, 0, sizeof(*r));
		r->action = DIALPLAN_COLLECT;
		return 0;
	}
	for (i = 0; lo + i < hi; i++) {
		t = pl->first_idx[lo + i];
		s->state[t] = 2;
		s->live[i] = (uint16_t)t;
		enter(&k, pl, t, 2);
	}
	s->nlive = i;
	s->keys[0] = (char)key;
	s->keys[1] = '\0';
	s->nkeys = 1;
	return decide(s, &k, r);
}

int dialplan_feed_key(struct dialplan_session *s, int key,
		      struct dialplan_result *r)
{
	const struct dialplan *pl = s->plan;
	struct contest k = {.c = -1, .inc = -1};
	unsigned i, j, t, cls = 0;
	int hash = key == '#';
	uint64_t d, stay;

	if (s->done)
		return -EALREADY;
	if (key <= ' ' || key >= 0x7f)
		return -EINVAL;
	if (pl)
		cls = (unsigned)key_class(pl, (char)key);
	if (s->nkeys == 0 && pl && pl->n)
		return first_key(s, key, cls, hash, r);
	if (hash) {
		/* "Pressing the # is still processed as a dial now event ...
		 * unless you specify the # in the dial-plan template." */
		for (i = 0; i < s->nlive; i++) {
			t = s->live[i];
			if (s->state[t] & accept(pl, t, cls, 1))
				break;
		}
		if (i == s->nlive) {
			if (s->nkeys == 0) {
				memset(r, 0, sizeof(*r));
				r->action = DIALPLAN_COLLECT;
				return 0;
			}
			return dialplan_dial_now(s, r);
		}
	}
	if (s->nkeys == DIALPLAN_KEYS_MAX)
		return -ENOSPC;
	s->keys[s->nkeys++] = (char)key;
	s->keys[s->nkeys] = '\0';

	for (i = j = 0; i < s->nlive; i++) {
		t = s->live[i];
		stay = hash ? 0 : pl->tpl[t].stay;
		d = s->state[t];
		d = ((d & accept(pl, t, cls, hash)) << 1) | (d & stay);
		s->state[t] = d;
		if (d) {
			s->live[j++] = (uint16_t)t;
			enter(&k, pl, t, d);
		}
	}
	s->nlive = j;
	return decide(s, &k, r);
}
