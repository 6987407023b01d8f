/*
 * dir.h - the Directories and Services screens of a 7960 on SIP 5.x, and
 * the call history and Personal Directory behind them.
 *
 * The directories key opens a list: Missed Calls, Received Calls, Placed
 * Calls (each newest first, DIR_HIST_MAX entries, the oldest dropped),
 * Personal Directory (the guide's "Local directory configuration (save
 * and recall)": each call made or received stores its number, at most
 * DIR_PERSONAL_MAX entries; the least used, then oldest, unlocked entry
 * makes room; up to DIR_LOCKED_MAX entries are locked with the Lock soft
 * key), and External Directory (directory_url: "not configured" when the
 * parameter is empty).  The services key fetches services_url.  Cards
 * are Cisco CallManager XML (runtime/cmxml): a MenuItem's URL is fetched
 * on Select, a DirectoryEntry is dialed with Dial, Back returns to the
 * card that led there.  A card that cannot be fetched or read is named
 * on the screen and changes nothing else.
 *
 * No OS: the owner fetches (ops->fetch) and hands back the card
 * (dir_loaded) or why not (dir_failed); keys come as enum menu_key.  The
 * navigation is a Ragel chart (spec/dir/dir.rl).  Errors are negative
 * errno values.
 */
#ifndef DIR_H
#define DIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmxml/cmxml.h"
#include "lcd/lcd.h"
#include "menu/menu.h"

enum {
	DIR_HIST_MAX = 32,       /* entries of each call list */
	DIR_PERSONAL_MAX = 32,   /* the guide: "The maximum number ... is 32" */
	DIR_LOCKED_MAX = 20,     /* "up to 20 entries can be locked" */
	DIR_NAME_MAX = 40,       /* bytes of a name kept */
	DIR_NUMBER_MAX = 127,    /* bytes of a number or user@host kept */
	DIR_URL_MAX = 255,       /* bytes of a card's URL (CNF_STR_MAX) */
	DIR_DEPTH_MAX = 4,       /* cards Back can return through */
	DIR_TOP_ITEMS = 5,
};

enum dir_list {
	DIR_MISSED, DIR_RECEIVED, DIR_PLACED, DIR_PERSONAL, DIR_LISTS
};

enum dir_state {
	DIR_ST_OFF, DIR_ST_TOP, DIR_ST_LIST, DIR_ST_LOADING, DIR_ST_XMENU,
	DIR_ST_XTEXT, DIR_ST_XDIR,
};

enum dir_url { DIR_URL_DIRECTORY, DIR_URL_SERVICES };

struct dir_entry {
	char name[DIR_NAME_MAX + 1];     /* "" when the caller gave none */
	char number[DIR_NUMBER_MAX + 1]; /* what Dial dials */
	int64_t when;                    /* s since 1970 (the last use) */
	unsigned uses;                   /* Personal Directory */
	bool locked;                     /* Personal Directory */
	bool name_cut;                   /* the name was longer: shown with ~ */
};

struct dir_hlist {
	struct dir_entry e[DIR_HIST_MAX]; /* [0] the newest */
	unsigned n;
};

struct dir_ops {
	/* The URL of directory_url or services_url ("" when not set). */
	const char *(*url)(void *arg, enum dir_url which);
	/* Fetch URL (FIRST: the first card of the key, which carries the
	 * phone's name); answer later with dir_loaded or dir_failed.  0, or
	 * a negative errno with WHY filled (nothing will come). */
	int (*fetch)(void *arg, const char *url, bool first, char *why,
		     size_t why_size);
	void (*cancel)(void *arg);
	/* Off hook and dial NUMBER.  0 or a negative errno. */
	int (*dial)(void *arg, const char *number);
	/* The screen changed; a message for the phone's own prompt line
	 * (the screens are closed); when, as text.  Each may be NULL. */
	void (*redraw)(void *arg);
	void (*message)(void *arg, const char *msg);
	int (*time_text)(void *arg, int64_t when, char *buf, size_t size);
};

struct dir {
	const struct dir_ops *ops;
	void *arg;
	int cs;                     /* spec/dir/dir.rl */
	int pending;                /* an event an action queued, 0 */
	bool services;              /* the cards came from the services key */
	unsigned char list;         /* DIR_ST_LIST: enum dir_list */
	unsigned sel, top_sel;      /* the selection; top's, kept */
	char note[LCD_WIDTH * 2 + 1]; /* "HTTP 404 Not Found": until a key */
	struct dir_hlist hist[DIR_LISTS];
	struct cmxml_obj obj;       /* the card shown (kept on a failure) */
	char url[DIR_DEPTH_MAX][DIR_URL_MAX + 1]; /* the cards' URLs */
	unsigned depth;
	char fetching[DIR_URL_MAX + 1];
	unsigned char fetch_kind;   /* enum in dir.c */
	unsigned long fetches, loaded, failed, unexpected;
};

void dir_init(struct dir *d, const struct dir_ops *ops, void *arg);

/* A key.  0 when the screens took it, -ENOENT when they are closed and
 * the key is not theirs (the phone's), -EINVAL for an unknown key. */
int dir_key(struct dir *d, enum menu_key k);
/* Close the screens (another menu opens); a fetch is cancelled. */
void dir_close(struct dir *d);
bool dir_active(const struct dir *d);
enum dir_state dir_state(const struct dir *d);
const char *dir_state_name(enum dir_state s);

/* The answer to ops->fetch: the card, or why there is none. */
void dir_loaded(struct dir *d, const struct cmxml_obj *o);
void dir_failed(struct dir *d, const char *why);

/* A call missed, received or placed (history and, for the last two,
 * the Personal Directory).  NUMBER is what Dial would dial, NAME the
 * display name ("" or NULL).  0, -EINVAL (no number), -ENAMETOOLONG (a
 * number above DIR_NUMBER_MAX: not kept; a longer name is kept cut and
 * shown so). */
int dir_call(struct dir *d, enum dir_list l, const char *name,
	     const char *number, int64_t when);
/* Empty the three call lists (the Personal Directory stays). */
void dir_clear_history(struct dir *d);
const struct dir_hlist *dir_list_get(const struct dir *d, enum dir_list l);
const char *dir_list_name(enum dir_list l);

/* Draw the screens over L (a copy of the phone's screen). */
void dir_render(const struct dir *d, struct lcd *l);

#endif
