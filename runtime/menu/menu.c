/*
 * menu.c - the Settings menus (menu.h): screens, a key -> action table per
 * kind of screen, and the actions.
 *
 * Why no Ragel chart: the navigation is a stack of list screens whose
 * items are built from the parameter registry; each key does one action
 * that depends only on the kind of screen (list, text, entry) and on the
 * selected item.  Two small tables (keys -> actions, screens -> soft
 * keys) say all of it, and a chart would only repeat them per screen.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "menu/menu.h"

enum menu_item_kind {
	ITEM_SUBMENU, /* arg: the screen it opens */
	ITEM_LINE,    /* SIP Configuration > Line ARG */
	ITEM_PARAM,   /* a parameter's label and value */
	ITEM_LOCK,    /* Unlock Config / Lock Config */
	ITEM_ERASE,   /* Network Configuration > Erase Configuration */
	ITEM_TEXT,    /* a row of a status screen (arg: which) */
};

enum action {
	A_NONE,
	A_UP,
	A_DOWN,
	A_NUMBER,   /* list: select item N; entry: type */
	A_DOT,      /* entry: '.' */
	A_SELECT,   /* open, toggle, lock, erase: what the item does */
	A_EDIT,
	A_BACK,
	A_EXIT,     /* leave Settings (relocks) */
	A_VALIDATE,
	A_DELETE,   /* << */
	A_CANCEL,
	A_SOFT,     /* the soft key table says */
	A_SAVE,     /* Network Configuration: store flash and reset; SIP
		     * Configuration, Call Preferences: apply and exit */
};

/* Keys -> actions, per kind of screen. */
enum screen_kind { K_LIST, K_ENTRY, K__COUNT };

static const unsigned char keymap[K__COUNT][MENU_KEY__COUNT] = {
	[K_LIST] = {
		[MENU_KEY_0] = A_NUMBER, [MENU_KEY_1] = A_NUMBER,
		[MENU_KEY_2] = A_NUMBER, [MENU_KEY_3] = A_NUMBER,
		[MENU_KEY_4] = A_NUMBER, [MENU_KEY_5] = A_NUMBER,
		[MENU_KEY_6] = A_NUMBER, [MENU_KEY_7] = A_NUMBER,
		[MENU_KEY_8] = A_NUMBER, [MENU_KEY_9] = A_NUMBER,
		[MENU_KEY_UP] = A_UP, [MENU_KEY_DOWN] = A_DOWN,
		[MENU_KEY_SK1] = A_SOFT, [MENU_KEY_SK2] = A_SOFT,
		[MENU_KEY_SK3] = A_SOFT, [MENU_KEY_SK4] = A_SOFT,
		[MENU_KEY_SETTINGS] = A_EXIT,
	},
	[K_ENTRY] = {
		[MENU_KEY_0] = A_NUMBER, [MENU_KEY_1] = A_NUMBER,
		[MENU_KEY_2] = A_NUMBER, [MENU_KEY_3] = A_NUMBER,
		[MENU_KEY_4] = A_NUMBER, [MENU_KEY_5] = A_NUMBER,
		[MENU_KEY_6] = A_NUMBER, [MENU_KEY_7] = A_NUMBER,
		[MENU_KEY_8] = A_NUMBER, [MENU_KEY_9] = A_NUMBER,
		[MENU_KEY_STAR] = A_DOT,
		[MENU_KEY_SK1] = A_SOFT, [MENU_KEY_SK2] = A_SOFT,
		[MENU_KEY_SK3] = A_SOFT, [MENU_KEY_SK4] = A_SOFT,
		[MENU_KEY_SETTINGS] = A_EXIT,
	},
};

/* Screens -> title and soft keys.  A_SELECT is shown only when the
 * selected item allows it, and becomes A_EDIT on an editable parameter
 * (soft_action()). */
struct screen_def {
	const char *title;
	unsigned char kind; /* enum screen_kind */
	unsigned char soft[LCD_SOFTKEYS];
};

static const struct screen_def screens[MENU_SCR__COUNT] = {
	[MENU_SCR_SETTINGS] = {"Settings", K_LIST,
			       {A_SELECT, A_NONE, A_NONE, A_EXIT}},
	[MENU_SCR_NET] = {"Network Configuration", K_LIST,
			  {A_SELECT, A_SAVE, A_NONE, A_BACK}},
	[MENU_SCR_SIP] = {"SIP Configuration", K_LIST,
			  {A_SELECT, A_SAVE, A_NONE, A_BACK}},
	[MENU_SCR_LINE] = {"Line", K_LIST, {A_SELECT, A_NONE, A_NONE, A_BACK}},
	[MENU_SCR_CALLPREF] = {"Call Preferences", K_LIST,
			       {A_SELECT, A_SAVE, A_NONE, A_BACK}},
	[MENU_SCR_STATUS] = {"Status", K_LIST,
			     {A_SELECT, A_NONE, A_NONE, A_BACK}},
	[MENU_SCR_MESSAGES] = {"Status Messages", K_LIST,
			       {A_NONE, A_NONE, A_NONE, A_BACK}},
	[MENU_SCR_NETSTATS] = {"Network Statistics", K_LIST,
			       {A_NONE, A_NONE, A_NONE, A_BACK}},
	[MENU_SCR_FIRMWARE] = {"Firmware Versions", K_LIST,
			       {A_NONE, A_NONE, A_NONE, A_BACK}},
	[MENU_SCR_EDIT] = {"Edit", K_ENTRY,
			   {A_VALIDATE, A_DELETE, A_CANCEL, A_NONE}},
	[MENU_SCR_PASSWORD] = {"Enter password", K_ENTRY,
			       {A_VALIDATE, A_DELETE, A_CANCEL, A_NONE}},
};

static const char *const settings_names[] = {
	"Network Configuration", "SIP Configuration", "Call Preferences",
	"Status",
};
static const unsigned char settings_targets[] = {
	MENU_SCR_NET, MENU_SCR_SIP, MENU_SCR_CALLPREF, MENU_SCR_STATUS,
};
static const char *const status_names[] = {
	"Status Messages", "Network Statistics", "Firmware Versions",
};
static const unsigned char status_targets[] = {
	MENU_SCR_MESSAGES, MENU_SCR_NETSTATS, MENU_SCR_FIRMWARE,
};
/* Multi-tap letters of the dial pad ("the 2 key has the letters A, B,
 * and C"), the digit last. */
static const char *const taps[10] = {
	"0", "1", "abc2", "def3", "ghi4", "jkl5", "mno6", "pqrs7", "tuv8",
	"wxyz9",
};

/* A list row: marker, number, label, value. */
enum {
	FIRMWARE_ROWS = 2,
	NETSTATS_ROWS = 2,
	LABEL_COLS = 22,
	VALUE_COLS = LCD_WIDTH - 6 - LABEL_COLS, /* numbers < MENU_ITEMS_MAX */
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- helpers */

static const struct cnf *cur(const struct menu *m)
{
	return m->ops->cnf(m->arg);
}

static void note(struct menu *m, const char *text)
{
	LCD_SET(m->note, text); /* cut to the screen */
}

/* A change waiting for Save: its value, or NULL. */
static const char *pending(const struct menu *m, enum cnf_param p)
{
	unsigned i;

	for (i = 0; i < m->npend; i++)
		if (m->pend[i].param == p)
			return m->pend[i].val;
	return NULL;
}

/* Keep VAL for P until Save: -ENOSPC past MENU_PENDING_MAX. */
static int pend_set(struct menu *m, enum cnf_param p, const char *val)
{
	unsigned i;

	for (i = 0; i < m->npend && m->pend[i].param != p; i++)
		;
	if (i == MENU_PENDING_MAX)
		return -ENOSPC;
	m->pend[i].param = (unsigned short)p;
	snprintf(m->pend[i].val, sizeof(m->pend[i].val), "%s", val);
	if (i == m->npend)
		m->npend++;
	return 0;
}

/* P as the menu shows it: the change waiting for Save, else in force. */
static const char *shown(const struct menu *m, enum cnf_param p)
{
	const char *v = pending(m, p);

	return v ? v : cnf_str(cur(m), p);
}

static void add(struct menu *m, unsigned kind, unsigned arg, unsigned param)
{
	if (m->nitems >= MENU_ITEMS_MAX)
		return;
	m->item[m->nitems].kind = (unsigned char)kind;
	m->item[m->nitems].arg = (unsigned char)arg;
	m->item[m->nitems].param = (unsigned short)param;
	m->nitems++;
}

static const char *item_label(const struct menu *m, const struct menu_item *it)
{
	switch (it->kind) {
	case ITEM_SUBMENU:
		if (m->screen == MENU_SCR_STATUS)
			return status_names[it->param];
		return settings_names[it->param];
	case ITEM_LINE: {
		static const char *const lines[CNF_LINES] = {
			"Line 1", "Line 2", "Line 3", "Line 4", "Line 5",
			"Line 6"};
		return lines[it->arg - 1];
	}
	case ITEM_PARAM:
		return cnf_param_info((enum cnf_param)it->param)->label;
	case ITEM_LOCK:
		return m->unlocked ? "Lock Config" : "Unlock Config";
	case ITEM_ERASE:
		return "Erase Configuration";
	default:
		return "";
	}
}

static int label_cmp(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int ca = (*a >= 'A' && *a <= 'Z') ? *a - 'A' + 'a' : *a;
		int cb = (*b >= 'A' && *b <= 'Z') ? *b - 'A' + 'a' : *b;

		if (ca != cb)
			return ca - cb;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

/* Table 3-1 lists the network parameters by label. */
static void sort_items(struct menu *m)
{
	unsigned i, j;

	for (i = 1; i < m->nitems; i++) {
		struct menu_item t = m->item[i];

		for (j = i; j > 0 && label_cmp(item_label(m, &m->item[j - 1]),
					      item_label(m, &t)) > 0; j--)
			m->item[j] = m->item[j - 1];
		m->item[j] = t;
	}
}

static int is_line_or_proxy(enum cnf_param p)
{
	unsigned n, f;

	for (n = 1; n <= CNF_LINES; n++) {
		for (f = 0; f < CNF_LINE_FIELDS; f++)
			if (cnf_line_param((enum cnf_line_field)f, n) == p)
				return 1;
		for (f = 0; f < CNF_PROXY_FIELDS; f++)
			if (cnf_proxy_param((enum cnf_proxy_field)f, n) == p)
				return 1;
	}
	return 0;
}

/* The items of the current screen. */
static void build(struct menu *m)
{
	unsigned i, f;

	m->nitems = 0;
	switch (m->screen) {
	case MENU_SCR_SETTINGS:
		for (i = 0; i < NELEM(settings_targets); i++)
			add(m, ITEM_SUBMENU, settings_targets[i], i);
		add(m, ITEM_LOCK, 0, 0);
		break;
	case MENU_SCR_NET:
		for (i = 0; i < CNF_PARAM_COUNT; i++)
			if (cnf_param_info((enum cnf_param)i)->menu ==
			    CNF_MENU_NET)
				add(m, ITEM_PARAM, 0, i);
		add(m, ITEM_ERASE, 0, 0);
		sort_items(m);
		break;
	case MENU_SCR_SIP:
		/* Table 3-5: the lines; Table 3-6: the rest */
		for (i = 1; i <= CNF_LINES; i++)
			add(m, ITEM_LINE, i, 0);
		for (i = 0; i < CNF_PARAM_COUNT; i++)
			if (cnf_param_info((enum cnf_param)i)->menu ==
				    CNF_MENU_SIP &&
			    !is_line_or_proxy((enum cnf_param)i))
				add(m, ITEM_PARAM, 0, i);
		break;
	case MENU_SCR_LINE: {
		static const unsigned char order[] = {
			CNF_LINE_NAME, CNF_LINE_SHORTCODE, CNF_LINE_AUTHNAME,
			CNF_LINE_PASSWORD, CNF_LINE_DISPLAYNAME};

		for (f = 0; f < NELEM(order); f++)
			add(m, ITEM_PARAM, 0,
			    cnf_line_param((enum cnf_line_field)order[f],
					   m->screen_arg));
		for (f = 0; f < CNF_PROXY_FIELDS; f++)
			add(m, ITEM_PARAM, 0,
			    cnf_proxy_param((enum cnf_proxy_field)f,
					    m->screen_arg));
		break;
	}
	case MENU_SCR_CALLPREF:
		for (i = 0; i < CNF_PARAM_COUNT; i++)
			if (cnf_param_info((enum cnf_param)i)->menu ==
			    CNF_MENU_CALLPREF)
				add(m, ITEM_PARAM, 0, i);
		sort_items(m);
		break;
	case MENU_SCR_STATUS:
		for (i = 0; i < NELEM(status_targets); i++)
			add(m, ITEM_SUBMENU, status_targets[i], i);
		break;
	case MENU_SCR_MESSAGES: {
		unsigned n = m->nstatus < MENU_STATUS_MAX ? m->nstatus
							  : MENU_STATUS_MAX;

		for (i = 0; i < n; i++) /* the newest first */
			add(m, ITEM_TEXT, 0, i);
		break;
	}
	case MENU_SCR_NETSTATS:
		for (i = 0; i < NETSTATS_ROWS; i++)
			add(m, ITEM_TEXT, 0, i);
		break;
	case MENU_SCR_FIRMWARE:
		for (i = 0; i < FIRMWARE_ROWS; i++)
			add(m, ITEM_TEXT, 0, i);
		break;
	default:
		break;
	}
	if (m->sel >= m->nitems)
		m->sel = m->nitems ? (unsigned char)(m->nitems - 1) : 0;
}

static void go(struct menu *m, enum menu_screen s, unsigned arg)
{
	m->screen = (unsigned char)s;
	m->screen_arg = (unsigned char)arg;
	m->sel = 0;
	build(m);
}

static int push(struct menu *m, enum menu_screen s, unsigned arg)
{
	if (m->depth >= MENU_DEPTH)
		return -ENOSPC;
	m->stack[m->depth].screen = m->screen;
	m->stack[m->depth].arg = m->screen_arg;
	m->stack[m->depth].sel = m->sel;
	m->depth++;
	go(m, s, arg);
	return 0;
}

/* Network settings edited but not saved are forgotten ("Press Cancel
 * ... to cancel all changes"): flash as stored. */
static void drop_unsaved(struct menu *m)
{
	if (!m->net_unsaved)
		return;
	m->net_unsaved = false;
	if (m->ops->revert)
		m->ops->revert(m->arg);
	note(m, "Network changes not saved");
}

/* SIP and call preference changes not saved are forgotten. */
static void drop_pending(struct menu *m)
{
	if (!m->npend)
		return;
	m->npend = 0;
	note(m, "Changes not saved");
}

static void leave(struct menu *m)
{
	drop_unsaved(m);
	drop_pending(m);
	/* "When the Settings menu is exited, the phone will automatically
	 * relock the configuration." */
	m->screen = MENU_SCR_OFF;
	m->depth = 0;
	m->nitems = 0;
	m->unlocked = false;
	m->note[0] = '\0';
}

static void pop(struct menu *m)
{
	if (m->screen == MENU_SCR_NET)
		drop_unsaved(m);
	if (m->screen == MENU_SCR_SIP || m->screen == MENU_SCR_CALLPREF)
		drop_pending(m);
	if (m->depth == 0) {
		leave(m);
		return;
	}
	m->depth--;
	m->screen = m->stack[m->depth].screen;
	m->screen_arg = m->stack[m->depth].arg;
	m->sel = m->stack[m->depth].sel;
	build(m);
}

static const struct menu_item *selected(const struct menu *m)
{
	return m->sel < m->nitems ? &m->item[m->sel] : NULL;
}

/* Table 3-1 "Yes, but DHCP must be disabled". */
static int needs_static(enum cnf_param p)
{
	return (p >= CNF_DEFAULT_ROUTER_1 && p <= CNF_DEFAULT_ROUTER_5) ||
	       (p >= CNF_DNS_SERVER_1 && p <= CNF_DNS_SERVER_5) ||
	       p == CNF_IP_ADDRESS || p == CNF_SUBNET_MASK;
}

static int editable(const struct menu *m, const struct menu_item *it)
{
	const struct cnf_param_info *pi;

	if (!it || it->kind != ITEM_PARAM || !m->unlocked ||
	    m->screen == MENU_SCR_CALLPREF)
		return 0;
	pi = cnf_param_info((enum cnf_param)it->param);
	return !(pi->flags & (CNF_F_RO | CNF_F_NOFLASH));
}

static int selectable(const struct menu *m, const struct menu_item *it)
{
	if (!it)
		return 0;
	switch (it->kind) {
	case ITEM_SUBMENU:
	case ITEM_LINE:
	case ITEM_LOCK:
		return 1;
	case ITEM_ERASE:
		return m->unlocked;
	case ITEM_PARAM:
		return m->screen == MENU_SCR_CALLPREF;
	default:
		return 0;
	}
}

static unsigned soft_action(const struct menu *m, unsigned i)
{
	unsigned a = screens[m->screen].soft[i];
	const struct menu_item *it = selected(m);

	/* one soft key opens, toggles, erases, or edits: what the
	 * selected item allows */
	if (a == A_SELECT && !selectable(m, it))
		a = editable(m, it) ? A_EDIT : A_NONE;
	if (a == A_SAVE && !(m->screen == MENU_SCR_NET ? m->net_unsaved
						       : m->npend > 0))
		a = A_NONE;
	return a;
}

static const char *soft_label(const struct menu *m, unsigned a)
{
	const struct menu_item *it = selected(m);

	switch (a) {
	case A_SELECT:
		if (it && it->kind == ITEM_ERASE)
			return "Yes";
		if (it && it->kind == ITEM_PARAM)
			return "Change";
		return "Select";
	case A_EDIT:
		return "Edit";
	case A_BACK:
		return "Back";
	case A_EXIT:
		return "Exit";
	case A_VALIDATE:
		return m->screen == MENU_SCR_PASSWORD ? "Accept" : "Validate";
	case A_DELETE:
		return "<<";
	case A_CANCEL:
		return "Cancel";
	case A_SAVE:
		return "Save";
	default:
		return "";
	}
}

/* ---------------------------------------------------------------- actions */

static int changed(struct menu *m, enum cnf_layer_id layer)
{
	int err = m->ops->changed ? m->ops->changed(m->arg, layer) : 0;

	if (err)
		note(m, "Cannot save");
	return err;
}

/* "The call preferences can be modified only if the configuration
 * variable for each setting has been set to 0 or 1". */
static void toggle(struct menu *m, enum cnf_param p)
{
	const char *v = shown(m, p);

	if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0) {
		note(m, "Set by the administrator");
		return;
	}
	if (pend_set(m, p, strcmp(v, "0") == 0 ? "1" : "0"))
		note(m, "Too many changes: Save first");
	else
		note(m, "Save applies it");
}

/* Save in SIP Configuration or Call Preferences: the changes apply (until
 * reboot, as the local layer does) and the menu is left. */
static void save_pending(struct menu *m)
{
	char why[CNF_DIAG_MAX];
	unsigned i;

	for (i = 0; i < m->npend; i++)
		if (cnf_layer_set(m->layers, CNF_LAYER_LOCAL,
				  (enum cnf_param)m->pend[i].param,
				  m->pend[i].val, why, sizeof(why)) < 0) {
			note(m, why); /* checked when entered: not expected */
			break;
		}
	m->npend = 0;
	if (changed(m, CNF_LAYER_LOCAL))
		return;
	pop(m);
	note(m, "Saved");
}

/* "Erasing the Locally Defined Network Settings": flash forgets them,
 * and so does what was entered since boot; DHCP is enabled again. */
static void erase_net(struct menu *m)
{
	char why[CNF_DIAG_MAX];

	cnf_layer_erase(m->layers, CNF_LAYER_FLASH, CNF_F_NET);
	cnf_layer_erase(m->layers, CNF_LAYER_LOCAL, CNF_F_NET);
	if (cnf_layer_set(m->layers, CNF_LAYER_FLASH, CNF_DHCP_ENABLED, "1",
			  why, sizeof(why)) < 0) {
		note(m, why);
		return;
	}
	/* in memory until Save */
	m->net_unsaved = true;
	if (changed(m, CNF_LAYER_LOCAL) == 0)
		note(m, "Erased: Save stores it and resets");
}

/* "Press the Save soft key. The phone programs the new information into
 * Flash memory and resets." */
static void save_net(struct menu *m)
{
	if (!m->net_unsaved)
		return;
	if (changed(m, CNF_LAYER_FLASH))
		return; /* "Cannot save": still unsaved */
	m->net_unsaved = false;
	note(m, "Saved: resetting");
	if (m->ops->reset)
		m->ops->reset(m->arg);
}

static void open_entry(struct menu *m, enum menu_screen s, enum cnf_param p)
{
	const struct cnf_param_info *pi = cnf_param_info(p);
	const char *v = s == MENU_SCR_EDIT ? shown(m, p) : "";

	if (s == MENU_SCR_EDIT && (pi->flags & CNF_F_SECRET))
		v = "";
	if (s == MENU_SCR_EDIT && strcmp(v, "UNPROVISIONED") == 0)
		v = "";
	snprintf(m->edit, sizeof(m->edit), "%s", v);
	m->edit_len = (unsigned)strlen(m->edit);
	m->edit_param = (unsigned short)p;
	m->tap_key = -1;
	m->tap_count = 0;
	if (push(m, s, 0))
		note(m, "Too deep");
}

static void do_select(struct menu *m)
{
	const struct menu_item *it = selected(m);

	if (!selectable(m, it))
		return;
	switch (it->kind) {
	case ITEM_SUBMENU:
	case ITEM_LINE:
		if (push(m, it->kind == ITEM_LINE ? MENU_SCR_LINE
						  : (enum menu_screen)it->arg,
			 it->kind == ITEM_LINE ? it->arg : 0))
			note(m, "Too deep");
		break;
	case ITEM_LOCK:
		if (m->unlocked) {
			m->unlocked = false;
			note(m, "Configuration locked");
		} else {
			open_entry(m, MENU_SCR_PASSWORD, CNF_PHONE_PASSWORD);
		}
		break;
	case ITEM_ERASE:
		erase_net(m);
		break;
	case ITEM_PARAM:
		toggle(m, (enum cnf_param)it->param);
		break;
	default:
		break;
	}
}

static void do_validate(struct menu *m)
{
	enum cnf_param p = (enum cnf_param)m->edit_param;
	const struct cnf_param_info *pi = cnf_param_info(p);
	enum cnf_layer_id layer;
	char why[CNF_DIAG_MAX];

	if (m->screen == MENU_SCR_PASSWORD) {
		int ok = strcmp(m->edit, cnf_str(cur(m), CNF_PHONE_PASSWORD)) == 0;

		memset(m->edit, 0, sizeof(m->edit));
		m->edit_len = 0;
		pop(m);
		m->unlocked = ok;
		note(m, ok ? "Configuration unlocked" : "Invalid password");
		build(m);
		return;
	}
	if (needs_static(p) && cnf_int(cur(m), CNF_DHCP_ENABLED)) {
		pop(m);
		note(m, "Disable DHCP first");
		return;
	}
	/* SIP Configuration (and its Line screens) keeps what was entered
	 * for its Save; it then lasts until reboot. */
	if (m->depth && (m->stack[m->depth - 1].screen == MENU_SCR_SIP ||
			 m->stack[m->depth - 1].screen == MENU_SCR_LINE)) {
		char val[MENU_EDIT_MAX + 1];
		int32_t num;

		/* "" deletes (cnf_layer_set): nothing to check */
		if (m->edit_len &&
		    cnf_param_validate(p, m->edit, m->edit_len, val,
				       sizeof(val), &num, why, sizeof(why)) < 0) {
			note(m, why);
			return; /* stay in the Edit panel */
		}
		if (pend_set(m, p, m->edit)) {
			note(m, "Too many changes: Save first");
			return;
		}
		pop(m);
		note(m, "Save applies it");
		return;
	}
	/* Network Configuration: network settings go to flash (Save stores
	 * them and resets), the others last until reboot. */
	layer = (pi->flags & CNF_F_NET) ? CNF_LAYER_FLASH : CNF_LAYER_LOCAL;
	if (cnf_layer_set(m->layers, layer, p, m->edit, why, sizeof(why)) < 0) {
		note(m, why);
		return; /* stay in the Edit panel */
	}
	pop(m);
	if (layer == CNF_LAYER_FLASH) {
		/* network settings: in memory until Save */
		m->net_unsaved = true;
		if (changed(m, CNF_LAYER_LOCAL) == 0)
			note(m, "Save stores it and resets");
		return;
	}
	if (changed(m, layer) == 0)
		note(m, "Saved");
}

static int numeric(enum cnf_param p)
{
	unsigned t = cnf_param_info(p)->type;

	return t == CNF_TYPE_INT || t == CNF_TYPE_IPV4;
}

static void type_char(struct menu *m, char c)
{
	if (m->edit_len >= MENU_EDIT_MAX)
		return;
	m->edit[m->edit_len++] = c;
	m->edit[m->edit_len] = '\0';
}

static void type_key(struct menu *m, enum menu_key k)
{
	unsigned d = (unsigned)(k - MENU_KEY_0);
	const char *set = taps[d];

	if (m->screen == MENU_SCR_EDIT &&
	    numeric((enum cnf_param)m->edit_param)) {
		type_char(m, (char)('0' + d));
		return;
	}
	/* alphanumeric entry: the same key again cycles its letters */
	if (m->tap_key == (int)k && m->edit_len > 0) {
		m->tap_count = (m->tap_count + 1) % (unsigned)strlen(set);
		m->edit[m->edit_len - 1] = set[m->tap_count];
		return;
	}
	m->tap_key = (int)k;
	m->tap_count = 0;
	type_char(m, set[0]);
}

static void select_number(struct menu *m, unsigned n)
{
	/* "pressing the number that represents the parameter" */
	if (n >= 1 && n <= m->nitems) {
		m->sel = (unsigned char)(n - 1);
		do_select(m);
	}
}

/* ---------------------------------------------------------------- api */

void menu_init(struct menu *m, struct cnf_layers *layers,
	       const struct menu_ops *ops, void *arg)
{
	memset(m, 0, sizeof(*m));
	m->layers = layers;
	m->ops = ops;
	m->arg = arg;
	m->tap_key = -1;
}

static void redraw(struct menu *m)
{
	if (m->ops->redraw)
		m->ops->redraw(m->arg);
}

int menu_key(struct menu *m, enum menu_key k)
{
	unsigned a;

	if ((unsigned)k >= MENU_KEY__COUNT)
		return -EINVAL;
	if (m->screen == MENU_SCR_OFF) {
		if (k != MENU_KEY_SETTINGS)
			return -ENOENT;
		m->depth = 0;
		m->note[0] = '\0';
		go(m, MENU_SCR_SETTINGS, 0);
		redraw(m);
		return 0;
	}
	a = keymap[screens[m->screen].kind][k];
	if (a == A_SOFT)
		a = soft_action(m, (unsigned)(k - MENU_KEY_SK1));
	if (a != A_NUMBER && a != A_DOT)
		m->tap_key = -1;
	if (a != A_NONE && screens[m->screen].kind == K_LIST)
		m->note[0] = '\0';
	switch (a) {
	case A_UP:
		if (m->sel > 0)
			m->sel--;
		break;
	case A_DOWN:
		if (m->sel + 1u < m->nitems)
			m->sel++;
		break;
	case A_NUMBER:
		if (screens[m->screen].kind == K_ENTRY)
			type_key(m, k);
		else
			select_number(m, (unsigned)(k - MENU_KEY_0));
		break;
	case A_DOT:
		/* "use * for dots (periods)" */
		type_char(m, '.');
		break;
	case A_SELECT:
		do_select(m);
		break;
	case A_EDIT:
		if (editable(m, selected(m)))
			open_entry(m, MENU_SCR_EDIT,
				   (enum cnf_param)selected(m)->param);
		break;
	case A_BACK:
	case A_CANCEL:
		if (a == A_CANCEL) {
			memset(m->edit, 0, sizeof(m->edit));
			m->edit_len = 0;
		}
		pop(m);
		break;
	case A_EXIT:
		leave(m);
		break;
	case A_VALIDATE:
		do_validate(m);
		break;
	case A_SAVE:
		if (m->screen == MENU_SCR_NET)
			save_net(m);
		else
			save_pending(m);
		break;
	case A_DELETE:
		if (m->edit_len > 0)
			m->edit[--m->edit_len] = '\0';
		break;
	default:
		return 0; /* a key this screen ignores */
	}
	redraw(m);
	return 0;
}

int menu_char(struct menu *m, char c)
{
	if (!menu_text_entry(m))
		return -ENOENT;
	if (c < ' ' || c > '~')
		return -EINVAL;
	m->tap_key = -1;
	type_char(m, c);
	redraw(m);
	return 0;
}

bool menu_active(const struct menu *m)
{
	return m->screen != MENU_SCR_OFF;
}

bool menu_text_entry(const struct menu *m)
{
	return m->screen == MENU_SCR_EDIT || m->screen == MENU_SCR_PASSWORD;
}

enum menu_screen menu_screen(const struct menu *m)
{
	return (enum menu_screen)m->screen;
}

bool menu_unlocked(const struct menu *m)
{
	return m->unlocked;
}

void menu_status_message(struct menu *m, const char *msg)
{
	snprintf(m->status[m->nstatus % MENU_STATUS_MAX],
		 sizeof(m->status[0]), "%s", msg);
	m->nstatus++;
	if (m->screen == MENU_SCR_MESSAGES)
		build(m);
}

/* ---------------------------------------------------------------- render */

static void item_value(const struct menu *m, const struct menu_item *it,
		       char *buf, size_t size)
{
	buf[0] = '\0';
	switch (it->kind) {
	case ITEM_LINE:
		snprintf(buf, size, "%s",
			 shown(m, cnf_line_param(CNF_LINE_NAME, it->arg)));
		break;
	case ITEM_PARAM: {
		enum cnf_param p = (enum cnf_param)it->param;
		const char *v = shown(m, p);

		if ((cnf_param_info(p)->flags & CNF_F_SECRET) && v[0] &&
		    strcmp(v, "UNPROVISIONED"))
			v = "****";
		snprintf(buf, size, "%s", v);
		break;
	}
	default:
		break;
	}
}

static void text_row(const struct menu *m, const struct menu_item *it,
		     char *buf, size_t size)
{
	const struct cnf *c = cur(m);

	switch (m->screen) {
	case MENU_SCR_MESSAGES:
		snprintf(buf, size, "%s",
			 m->status[(m->nstatus - 1u - it->param) %
				   MENU_STATUS_MAX]);
		break;
	case MENU_SCR_NETSTATS:
		if (it->param == 0)
			snprintf(buf, size, "IP %s MAC %s",
				 cnf_str(c, CNF_IP_ADDRESS),
				 cnf_str(c, CNF_MAC_ADDRESS));
		else
			snprintf(buf, size, "DHCP %s",
				 cnf_int(c, CNF_DHCP_ENABLED) ? "enabled"
							      : "disabled");
		break;
	case MENU_SCR_FIRMWARE:
		if (it->param == 0)
			snprintf(buf, size, "App: %s", MENU_FIRMWARE_VERSION);
		else
			snprintf(buf, size, "image_version: %s",
				 cnf_str(c, CNF_IMAGE_VERSION)[0]
					 ? cnf_str(c, CNF_IMAGE_VERSION)
					 : "-");
		break;
	default:
		buf[0] = '\0';
		break;
	}
}

static void render_list(const struct menu *m, struct lcd *l)
{
	unsigned top = m->sel / MENU_ROWS * MENU_ROWS, i;
	char title[LCD_WIDTH + 1];

	if (m->screen == MENU_SCR_LINE)
		snprintf(title, sizeof(title), "Line %u", m->screen_arg);
	else
		snprintf(title, sizeof(title), "%s", screens[m->screen].title);
	if (m->note[0])
		LCD_SET(l->prompt, m->note); /* until the next key */
	else if (m->nitems > MENU_ROWS)
		snprintf(l->prompt, sizeof(l->prompt), "%.30s %u/%u", title,
			 m->sel + 1u, (unsigned)m->nitems);
	else
		snprintf(l->prompt, sizeof(l->prompt), "%s", title);
	for (i = 0; i < MENU_ROWS; i++) {
		const struct menu_item *it = &m->item[top + i];
		char value[LCD_WIDTH + 1];

		l->call[i][0] = '\0';
		if (top + i >= m->nitems)
			continue;
		if (it->kind == ITEM_TEXT) {
			text_row(m, it, value, sizeof(value));
			snprintf(l->call[i], sizeof(l->call[i]), "%s", value);
			continue;
		}
		item_value(m, it, value, sizeof(value));
		snprintf(l->call[i], sizeof(l->call[i]), "%c%2u %-*.*s %.*s",
			 top + i == m->sel ? '>' : ' ',
			 (unsigned char)(top + i + 1), LABEL_COLS, LABEL_COLS,
			 item_label(m, it), VALUE_COLS,
			 value);
	}
}

static void render_entry(const struct menu *m, struct lcd *l)
{
	unsigned shown = m->edit_len, i;
	char stars[LCD_WIDTH + 1];
	const char *text = m->edit;

	if (m->screen == MENU_SCR_PASSWORD) {
		snprintf(l->prompt, sizeof(l->prompt), "Unlock Config");
		if (shown > LCD_WIDTH - 1)
			shown = LCD_WIDTH - 1;
		for (i = 0; i < shown; i++)
			stars[i] = '*';
		stars[shown] = '\0';
		text = stars;
		snprintf(l->call[0], sizeof(l->call[0]), "Enter password");
	} else {
		snprintf(l->prompt, sizeof(l->prompt), "Edit: %.37s",
			 cnf_param_info((enum cnf_param)m->edit_param)->label);
		snprintf(l->call[0], sizeof(l->call[0]), "%s",
			 numeric((enum cnf_param)m->edit_param)
				 ? "Number (* for .)"
				 : "Alpha (2=abc ... *=.)");
	}
	/* the end of a long value: the cursor is there */
	shown = (unsigned)strlen(text);
	snprintf(l->call[1], sizeof(l->call[1]), "%.43s_",
		 text + (shown > LCD_WIDTH - 1 ? shown - (LCD_WIDTH - 1) : 0));
	snprintf(l->call[2], sizeof(l->call[2]), "%s", m->note);
}

void menu_render(const struct menu *m, struct lcd *l)
{
	unsigned i;

	if (m->screen == MENU_SCR_OFF)
		return;
	l->locked = !m->unlocked;
	if (screens[m->screen].kind == K_ENTRY)
		render_entry(m, l);
	else
		render_list(m, l);
	for (i = 0; i < LCD_SOFTKEYS; i++)
		LCD_SET(l->softkey[i], soft_label(m, soft_action(m, i)));
}
