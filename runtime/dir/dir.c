/*
 * dir.c - the Directories and Services screens (dir.h): keys and the
 * selected item become the chart's events (spec/dir/dir.rl), the chart's
 * actions, the call lists and the Personal Directory, the drawing.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dir/dir_int.h"
#include "log/log.h"

/* How the card being fetched relates to the ones shown. */
enum fetch_kind {
	FK_ROOT,   /* the first card of a key: the stack starts again */
	FK_PUSH,   /* a MenuItem's URL: one card deeper */
	FK_POP,    /* Back: the card before, fetched again */
};

/* What each soft key does, per screen. */
enum sk {
	SK_NONE, SK_SELECT, SK_CLEAR, SK_EXIT, SK_DIAL, SK_LOCK, SK_BACK,
};

static const unsigned char softkeys[][LCD_SOFTKEYS] = {
	[DIR_ST_OFF] = {SK_NONE, SK_NONE, SK_NONE, SK_NONE},
	[DIR_ST_TOP] = {SK_SELECT, SK_CLEAR, SK_NONE, SK_EXIT},
	[DIR_ST_LIST] = {SK_DIAL, SK_CLEAR, SK_BACK, SK_EXIT},
	[DIR_ST_LOADING] = {SK_NONE, SK_NONE, SK_NONE, SK_EXIT},
	[DIR_ST_XMENU] = {SK_SELECT, SK_NONE, SK_BACK, SK_EXIT},
	[DIR_ST_XTEXT] = {SK_NONE, SK_NONE, SK_BACK, SK_EXIT},
	[DIR_ST_XDIR] = {SK_DIAL, SK_NONE, SK_BACK, SK_EXIT},
};

static const char *const top_names[DIR_TOP_ITEMS] = {
	"Missed Calls", "Received Calls", "Placed Calls", "Personal Directory",
	"External Directory",
};

static const char *const state_names[] = {
	"idle", "top", "list", "loading", "xmenu", "xtext", "xdir",
};

enum { TOP_EXTERNAL = DIR_PERSONAL + 1 };

/* ---------------------------------------------------------------- helpers */

const char *dir_state_name(enum dir_state s)
{
	return (unsigned)s < sizeof(state_names) / sizeof(state_names[0])
		       ? state_names[s]
		       : "?";
}

const char *dir_list_name(enum dir_list l)
{
	return (unsigned)l < DIR_LISTS ? top_names[l] : "?";
}

enum dir_state dir_state(const struct dir *d)
{
	return dir__state(d->cs);
}

bool dir_active(const struct dir *d)
{
	return dir_state(d) != DIR_ST_OFF;
}

const struct dir_hlist *dir_list_get(const struct dir *d, enum dir_list l)
{
	return (unsigned)l < DIR_LISTS ? &d->hist[l] : NULL;
}

/* The note is cut to what the screen shows in two rows, and says so. */
static void set_note(struct dir *d, const char *text)
{
	size_t n = strlen(text);

	if (n < sizeof(d->note)) {
		memcpy(d->note, text, n + 1);
		return;
	}
	memcpy(d->note, text, sizeof(d->note) - 2);
	d->note[sizeof(d->note) - 2] = '~';
	d->note[sizeof(d->note) - 1] = '\0';
}

static void say(struct dir *d, const char *msg)
{
	if (d->ops->message)
		d->ops->message(d->arg, msg);
}

static const char *url_of(const struct dir *d, enum dir_url which)
{
	const char *u = d->ops->url ? d->ops->url(d->arg, which) : NULL;

	return u ? u : "";
}

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

/* Text cards are drawn LCD_WIDTH bytes a row. */
static unsigned text_rows(const struct dir *d)
{
	size_t n = strlen(d->obj.text);

	return (unsigned)((n + LCD_WIDTH - 1) / LCD_WIDTH);
}

static unsigned nitems(const struct dir *d)
{
	switch (dir_state(d)) {
	case DIR_ST_TOP:
		return DIR_TOP_ITEMS;
	case DIR_ST_LIST:
		return d->hist[d->list].n;
	case DIR_ST_XMENU:
	case DIR_ST_XDIR:
		return d->obj.nitems;
	case DIR_ST_XTEXT: {
		unsigned r = text_rows(d);

		return r > LCD_CALL_ROWS ? r - LCD_CALL_ROWS + 1 : 1;
	}
	default:
		return 0;
	}
}

static void redraw(struct dir *d)
{
	if (d->ops->redraw)
		d->ops->redraw(d->arg);
}

/* One event, then any an action queued (a fetch that failed at once). */
static void post(struct dir *d, int ev)
{
	while (ev) {
		d->pending = 0;
		log_printf(LOG_DEBUG, LOG_CAT_CFG, "dir %s: %s",
			   dir_state_name(dir_state(d)), dir_ev_name(ev));
		dir__exec(d, ev);
		ev = d->pending;
	}
	redraw(d);
}

/* Where a failed fetch leaves the screens: the card still kept, the
 * Directories list, or (a Services card) the phone's screen. */
static int failure_event(struct dir *d)
{
	if (d->fetch_kind == FK_ROOT && d->services)
		return DIR_EV_EXIT;
	if (d->fetch_kind != FK_ROOT) {
		switch (d->obj.type) {
		case CMXML_MENU:
			return DIR_EV_MENU;
		case CMXML_TEXT:
			return DIR_EV_TEXT;
		case CMXML_DIRECTORY:
			return DIR_EV_DIRECTORY;
		default:
			break;
		}
	}
	return DIR_EV_FAILED;
}

static void failed(struct dir *d, const char *why)
{
	d->failed++;
	log_printf(LOG_INFO, LOG_CAT_CFG, "%s: %s", d->fetching, why);
	set_note(d, why);
	d->pending = failure_event(d);
	if (d->pending == DIR_EV_EXIT) {
		char msg[LCD_WIDTH * 2 + 1];

		snprintf(msg, sizeof(msg), "Services: %s", why);
		say(d, msg);
	}
}

/* ---------------------------------------------------------------- lists */

static void insert_front(struct dir_hlist *h, const struct dir_entry *e)
{
	unsigned n = h->n < DIR_HIST_MAX ? h->n : DIR_HIST_MAX - 1;

	memmove(&h->e[1], &h->e[0], n * sizeof(h->e[0]));
	h->e[0] = *e;
	h->n = n + 1;
}

static void remove_at(struct dir_hlist *h, unsigned i)
{
	memmove(&h->e[i], &h->e[i + 1], (h->n - i - 1) * sizeof(h->e[0]));
	h->n--;
}

static unsigned locked_count(const struct dir_hlist *h)
{
	unsigned i, n = 0;

	for (i = 0; i < h->n; i++)
		n += h->e[i].locked;
	return n;
}

/* "The oldest entry that has been called the least number of times is
 * overwritten first"; locked entries never are. */
static void personal_use(struct dir *d, const struct dir_entry *e)
{
	struct dir_hlist *h = &d->hist[DIR_PERSONAL];
	struct dir_entry keep = *e;
	unsigned i, victim = DIR_PERSONAL_MAX;

	keep.uses = 1;
	keep.locked = false;
	for (i = 0; i < h->n; i++)
		if (!strcmp(h->e[i].number, e->number)) {
			keep.uses = h->e[i].uses + 1;
			keep.locked = h->e[i].locked;
			if (!e->name[0]) {
				copy(keep.name, sizeof(keep.name),
				     h->e[i].name);
				keep.name_cut = h->e[i].name_cut;
			}
			remove_at(h, i);
			insert_front(h, &keep);
			return;
		}
	if (h->n >= DIR_PERSONAL_MAX) {
		for (i = 0; i < h->n; i++) {
			const struct dir_entry *c = &h->e[i];

			if (c->locked)
				continue;
			if (victim == DIR_PERSONAL_MAX ||
			    c->uses < h->e[victim].uses ||
			    (c->uses == h->e[victim].uses &&
			     c->when <= h->e[victim].when))
				victim = i;
		}
		remove_at(h, victim); /* DIR_LOCKED_MAX < MAX: one exists */
	}
	insert_front(h, &keep);
}

int dir_call(struct dir *d, enum dir_list l, const char *name,
	     const char *number, int64_t when)
{
	struct dir_entry e;
	size_t n;

	if ((unsigned)l >= DIR_LISTS || !number || !number[0])
		return -EINVAL;
	if (strlen(number) > DIR_NUMBER_MAX)
		return -ENAMETOOLONG;
	memset(&e, 0, sizeof(e));
	copy(e.number, sizeof(e.number), number);
	if (name) {
		n = strlen(name);
		e.name_cut = n > DIR_NAME_MAX;
		snprintf(e.name, sizeof(e.name), "%.*s", (int)DIR_NAME_MAX,
			 name);
	}
	e.when = when;
	if (l != DIR_PERSONAL)
		insert_front(&d->hist[l], &e);
	if (l != DIR_MISSED)
		personal_use(d, &e);
	if (dir_active(d))
		redraw(d);
	return 0;
}

void dir_clear_history(struct dir *d)
{
	d->hist[DIR_MISSED].n = 0;
	d->hist[DIR_RECEIVED].n = 0;
	d->hist[DIR_PLACED].n = 0;
}

/* ---------------------------------------------------------------- actions */

void dir__open_top(struct dir *d)
{
	d->services = false;
	d->depth = 0;
	d->sel = 0;
	d->top_sel = 0;
}

void dir__services(struct dir *d)
{
	d->services = true;
	d->depth = 0;
	dir__fetch(d);
}

void dir__move(struct dir *d, int by)
{
	unsigned n = nitems(d);

	if (by < 0 && d->sel > 0)
		d->sel--;
	else if (by > 0 && d->sel + 1 < n)
		d->sel++;
}

void dir__open_list(struct dir *d)
{
	d->top_sel = d->sel;
	d->sel = 0;
}

void dir__fetch(struct dir *d)
{
	char why[LCD_WIDTH * 2 + 1] = "";
	int err;

	d->fetches++;
	err = d->ops->fetch ? d->ops->fetch(d->arg, d->fetching,
					    d->fetch_kind == FK_ROOT, why,
					    sizeof(why))
			    : -ENOTSUP;
	if (err)
		failed(d, why[0] ? why : "cannot fetch");
}

void dir__cancel(struct dir *d)
{
	if (d->ops->cancel)
		d->ops->cancel(d->arg);
}

static const char *selected_number(const struct dir *d)
{
	if (dir_state(d) == DIR_ST_LIST && d->sel < d->hist[d->list].n)
		return d->hist[d->list].e[d->sel].number;
	if (dir_state(d) == DIR_ST_XDIR && d->sel < d->obj.nitems)
		return d->obj.item[d->sel].value;
	return NULL;
}

void dir__dial(struct dir *d)
{
	const char *number = selected_number(d);
	char msg[LCD_WIDTH + 1];
	int err;

	if (!number)
		return;
	err = d->ops->dial ? d->ops->dial(d->arg, number) : -ENOTSUP;
	if (err) {
		snprintf(msg, sizeof(msg), "Cannot dial %.30s", number);
		say(d, msg);
	}
	dir__close(d);
}

void dir__clear(struct dir *d, int all)
{
	if (all)
		dir_clear_history(d);
	else if (d->list != DIR_PERSONAL)
		d->hist[d->list].n = 0;
	d->sel = 0;
}

void dir__lock(struct dir *d)
{
	struct dir_hlist *h = &d->hist[DIR_PERSONAL];
	struct dir_entry *e;

	if (d->list != DIR_PERSONAL || d->sel >= h->n)
		return;
	e = &h->e[d->sel];
	if (!e->locked && locked_count(h) >= DIR_LOCKED_MAX) {
		set_note(d, "At most 20 entries can be locked");
		return;
	}
	e->locked = !e->locked;
}

void dir__back_top(struct dir *d)
{
	d->sel = d->top_sel;
	d->depth = 0;
	d->services = false;
}

/* A card (new, or kept after a failure) or the list after a failure:
 * the selection was set by dir_loaded or is the one kept. */
void dir__shown(struct dir *d)
{
	(void)d;
}

void dir__close(struct dir *d)
{
	d->note[0] = '\0';
	d->depth = 0;
	d->sel = 0;
	d->services = false;
	d->obj.type = CMXML_NONE;
}

void dir__unexpected(struct dir *d, int ev)
{
	d->unexpected++;
	log_printf(LOG_INFO, LOG_CAT_CFG, "dir: %s unexpected in %s",
		   dir_ev_name(ev), dir_state_name(dir_state(d)));
}

/* ---------------------------------------------------------------- keys */

static int services_key(struct dir *d)
{
	const char *u = url_of(d, DIR_URL_SERVICES);

	if (!u[0]) {
		if (dir_active(d)) {
			set_note(d, "Services not configured");
			redraw(d);
		} else {
			say(d, "Services not configured");
		}
		return 0;
	}
	copy(d->fetching, sizeof(d->fetching), u);
	d->fetch_kind = FK_ROOT;
	post(d, DIR_EV_SERVICES);
	return 0;
}

static int soft_action(const struct dir *d, unsigned i)
{
	enum dir_state st = dir_state(d);
	int a = softkeys[st][i];

	if (a == SK_CLEAR && st == DIR_ST_LIST && d->list == DIR_PERSONAL)
		a = SK_LOCK;
	return a;
}

static int select_ev(struct dir *d)
{
	if (dir_state(d) == DIR_ST_TOP) {
		const char *u;

		if (d->sel < TOP_EXTERNAL) {
			d->list = (unsigned char)d->sel;
			return DIR_EV_OPEN_LIST;
		}
		u = url_of(d, DIR_URL_DIRECTORY);
		if (!u[0]) {
			set_note(d, "External Directory not configured");
			return 0;
		}
		copy(d->fetching, sizeof(d->fetching), u);
		d->fetch_kind = FK_ROOT;
		return DIR_EV_OPEN_URL;
	}
	if (dir_state(d) != DIR_ST_XMENU || d->sel >= d->obj.nitems)
		return 0;
	if (d->depth >= DIR_DEPTH_MAX) {
		set_note(d, "Too many cards deep: Back first");
		return 0;
	}
	copy(d->fetching, sizeof(d->fetching), d->obj.item[d->sel].value);
	d->fetch_kind = FK_PUSH;
	return DIR_EV_OPEN_URL;
}

static int back_ev(struct dir *d)
{
	if (dir_state(d) == DIR_ST_LIST)
		return DIR_EV_BACK;
	if (d->depth > 1) {
		copy(d->fetching, sizeof(d->fetching), d->url[d->depth - 2]);
		d->fetch_kind = FK_POP;
		return DIR_EV_BACK_URL;
	}
	return d->services ? DIR_EV_EXIT : DIR_EV_BACK;
}

static int soft(struct dir *d, unsigned i)
{
	switch (soft_action(d, i)) {
	case SK_SELECT:
		return select_ev(d);
	case SK_CLEAR:
		return DIR_EV_CLEAR;
	case SK_LOCK:
		return DIR_EV_LOCK;
	case SK_DIAL:
		if (!selected_number(d)) {
			set_note(d, "No entry to dial");
			return 0;
		}
		return DIR_EV_DIAL;
	case SK_BACK:
		return back_ev(d);
	case SK_EXIT:
		return DIR_EV_EXIT;
	default:
		return 0;
	}
}

int dir_key(struct dir *d, enum menu_key k)
{
	enum dir_state st = dir_state(d);
	int ev = 0;

	if ((unsigned)k >= MENU_KEY__COUNT)
		return -EINVAL;
	if (k == MENU_KEY_SERV) {
		d->note[0] = '\0';
		return services_key(d);
	}
	if (st == DIR_ST_OFF && k != MENU_KEY_DIR)
		return -ENOENT;
	if (k == MENU_KEY_HOOK || k == MENU_KEY_MSGS || k == MENU_KEY_SETTINGS)
		return -ENOENT; /* the phone's: the screens stay */
	d->note[0] = '\0';
	switch (k) {
	case MENU_KEY_DIR:
		ev = DIR_EV_DIR;
		break;
	case MENU_KEY_UP:
		ev = DIR_EV_UP;
		break;
	case MENU_KEY_DOWN:
		ev = DIR_EV_DOWN;
		break;
	case MENU_KEY_SK1:
	case MENU_KEY_SK2:
	case MENU_KEY_SK3:
	case MENU_KEY_SK4:
		ev = soft(d, (unsigned)(k - MENU_KEY_SK1));
		break;
	default:
		/* "pressing the number that represents the item" */
		if (k >= MENU_KEY_1 && k <= MENU_KEY_9 &&
		    st != DIR_ST_XTEXT && st != DIR_ST_LOADING &&
		    (unsigned)(k - MENU_KEY_0) <= nitems(d)) {
			d->sel = (unsigned)(k - MENU_KEY_1);
			ev = soft(d, 0);
		}
		break;
	}
	if (ev)
		post(d, ev);
	else
		redraw(d);
	return 0;
}

void dir_close(struct dir *d)
{
	if (dir_state(d) == DIR_ST_OFF)
		return;
	d->note[0] = '\0';
	post(d, DIR_EV_EXIT);
}

/* ---------------------------------------------------------------- answers */

void dir_loaded(struct dir *d, const struct cmxml_obj *o)
{
	static const int ev[] = {
		[CMXML_MENU] = DIR_EV_MENU, [CMXML_TEXT] = DIR_EV_TEXT,
		[CMXML_DIRECTORY] = DIR_EV_DIRECTORY,
	};

	if (dir_state(d) != DIR_ST_LOADING)
		return; /* cancelled meanwhile */
	if (o->type == CMXML_NONE) {
		dir_failed(d, "empty card");
		return;
	}
	d->loaded++;
	d->obj = *o;
	switch (d->fetch_kind) {
	case FK_ROOT:
		d->depth = 0;
		/* fall through */
	case FK_PUSH:
		if (d->depth < DIR_DEPTH_MAX)
			copy(d->url[d->depth++], sizeof(d->url[0]),
			     d->fetching);
		break;
	case FK_POP:
		if (d->depth > 1)
			d->depth--;
		break;
	}
	d->sel = 0;
	post(d, ev[o->type]);
}

void dir_failed(struct dir *d, const char *why)
{
	if (dir_state(d) != DIR_ST_LOADING)
		return;
	failed(d, why);
	post(d, d->pending);
}

void dir_init(struct dir *d, const struct dir_ops *ops, void *arg)
{
	memset(d, 0, sizeof(*d));
	d->ops = ops;
	d->arg = arg;
	dir__init(d);
}

/* ---------------------------------------------------------------- render */

static const char *soft_label(const struct dir *d, int a)
{
	switch (a) {
	case SK_SELECT:
		return "Select";
	case SK_CLEAR:
		return "Clear";
	case SK_EXIT:
		return "Exit";
	case SK_DIAL:
		return "Dial";
	case SK_LOCK: {
		const struct dir_hlist *h = &d->hist[DIR_PERSONAL];

		return d->sel < h->n && h->e[d->sel].locked ? "Unlock"
							    : "Lock";
	}
	case SK_BACK:
		return "Back";
	default:
		return "";
	}
}

static void entry_row(const struct dir *d, const struct dir_entry *e,
		      char *buf, size_t size)
{
	char when[24] = "", label[DIR_NAME_MAX + DIR_NUMBER_MAX + 4];

	if (e->name[0])
		snprintf(label, sizeof(label), "%s%s %s", e->name,
			 e->name_cut ? "~" : "", e->number);
	else
		snprintf(label, sizeof(label), "%s", e->number);
	if (d->list == DIR_PERSONAL)
		snprintf(when, sizeof(when), "%ux%s", e->uses,
			 e->locked ? " L" : "");
	else if (d->ops->time_text &&
		 d->ops->time_text(d->arg, e->when, when, sizeof(when)) < 0)
		when[0] = '\0';
	snprintf(buf, size, "%-26.26s %s", label, when);
}

static void title(const struct dir *d, char *buf, size_t size)
{
	const char *t;

	switch (dir_state(d)) {
	case DIR_ST_TOP:
		t = "Directories";
		break;
	case DIR_ST_LIST:
		t = top_names[d->list];
		break;
	case DIR_ST_LOADING:
		t = d->services ? "Services: loading" : "Loading";
		break;
	default:
		t = d->obj.title[0] ? d->obj.title
		    : d->services   ? "Services"
				    : "External Directory";
		break;
	}
	if (nitems(d) > LCD_CALL_ROWS && dir_state(d) != DIR_ST_XTEXT)
		snprintf(buf, size, "%.32s %u/%u", t, d->sel + 1, nitems(d));
	else
		snprintf(buf, size, "%s", t);
}

static void item_row(const struct dir *d, unsigned i, char *buf, size_t size)
{
	char row[LCD_WIDTH * 2];

	switch (dir_state(d)) {
	case DIR_ST_TOP:
		if (i == TOP_EXTERNAL && !url_of(d, DIR_URL_DIRECTORY)[0])
			snprintf(row, sizeof(row), "%-22s not configured",
				 top_names[i]);
		else if (i < TOP_EXTERNAL)
			snprintf(row, sizeof(row), "%-22s %u", top_names[i],
				 d->hist[i].n);
		else
			snprintf(row, sizeof(row), "%s", top_names[i]);
		break;
	case DIR_ST_LIST:
		entry_row(d, &d->hist[d->list].e[i], row, sizeof(row));
		break;
	case DIR_ST_XMENU:
		snprintf(row, sizeof(row), "%s", d->obj.item[i].name);
		break;
	default: /* DIR_ST_XDIR */
		snprintf(row, sizeof(row), "%-22.22s %s", d->obj.item[i].name,
			 d->obj.item[i].value);
		break;
	}
	/* the screen is LCD_WIDTH wide: the row ends there */
	snprintf(buf, size, "%c%2u %.*s", i == d->sel ? '>' : ' ', i + 1,
		 (int)(LCD_WIDTH - 4), row);
}

void dir_render(const struct dir *d, struct lcd *l)
{
	enum dir_state st = dir_state(d);
	unsigned i, top, n = nitems(d);
	size_t len;

	if (st == DIR_ST_OFF)
		return;
	title(d, l->prompt, sizeof(l->prompt));
	for (i = 0; i < LCD_CALL_ROWS; i++)
		l->call[i][0] = '\0';
	switch (st) {
	case DIR_ST_LOADING:
		snprintf(l->call[0], sizeof(l->call[0]), "%.*s",
			 (int)LCD_WIDTH, d->fetching);
		break;
	case DIR_ST_XTEXT:
		if (d->obj.prompt[0] && !d->obj.text[0])
			snprintf(l->call[0], sizeof(l->call[0]), "%s",
				 d->obj.prompt);
		len = strlen(d->obj.text);
		for (i = 0; i < LCD_CALL_ROWS; i++) {
			size_t at = (size_t)(d->sel + i) * LCD_WIDTH;

			if (at < len)
				snprintf(l->call[i], sizeof(l->call[i]),
					 "%.*s", (int)LCD_WIDTH,
					 d->obj.text + at);
		}
		break;
	default:
		if (n == 0) {
			snprintf(l->call[0], sizeof(l->call[0]), "%s",
				 st == DIR_ST_LIST ? "No entries"
				 : d->obj.prompt[0] ? d->obj.prompt
						    : "Empty");
			break;
		}
		top = d->sel / LCD_CALL_ROWS * LCD_CALL_ROWS;
		for (i = 0; i < LCD_CALL_ROWS && top + i < n; i++)
			item_row(d, top + i, l->call[i], sizeof(l->call[i]));
		break;
	}
	if (d->note[0]) {
		/* until the next key: the first row, the rest below */
		snprintf(l->prompt, sizeof(l->prompt), "%.*s", (int)LCD_WIDTH,
			 d->note);
		if (strlen(d->note) > LCD_WIDTH)
			snprintf(l->call[LCD_CALL_ROWS - 1],
				 sizeof(l->call[0]), "%.*s", (int)LCD_WIDTH,
				 d->note + LCD_WIDTH);
	}
	for (i = 0; i < LCD_SOFTKEYS; i++)
		LCD_SET(l->softkey[i], soft_label(d, soft_action(d, i)));
}
