/*
 * menu.h - the 7960's Settings menus, as a model driven by key events.
 *
 * The guide: "Using the Cisco SIP IP Phone Menu Interface" (scroll with
 * the arrows or press the item's number; Edit, <<, Validate, Cancel),
 * "Unlocking Configuration Mode" (Unlock Config asks for phone_password;
 * leaving Settings relocks), "Modifying the Network Settings" (Table
 * 3-1), the SIP Configuration menus (Tables 3-5, 3-6), "Modifying Call
 * Preferences" (a preference changes only while it is 0 or 1), "Erasing
 * the Locally Defined Network Settings" (Erase Configuration: the flash
 * network settings go, DHCP is enabled again), "Viewing the Firmware
 * Version" and the Status menu.
 *
 * No OS and no terminal: the owner feeds keys (menu_key, menu_char), the
 * menu calls back for the current configuration, after a change (the
 * owner takes a new snapshot, saves flash) and when the screen changed;
 * menu_render() draws the menu over a copy of the phone's screen.
 * Navigation is a plain table: screen x key -> action (menu.c).
 * Errors are negative errno values.
 */
#ifndef MENU_H
#define MENU_H

#include <stdbool.h>
#include <stddef.h>

#include "cnf/cnf.h"
#include "lcd/lcd.h"

/* The phone's keys the menus use. */
enum menu_key {
	MENU_KEY_0, MENU_KEY_1, MENU_KEY_2, MENU_KEY_3, MENU_KEY_4,
	MENU_KEY_5, MENU_KEY_6, MENU_KEY_7, MENU_KEY_8, MENU_KEY_9,
	MENU_KEY_STAR, MENU_KEY_POUND,
	MENU_KEY_UP, MENU_KEY_DOWN,
	MENU_KEY_SK1, MENU_KEY_SK2, MENU_KEY_SK3, MENU_KEY_SK4,
	MENU_KEY_SETTINGS,
	/* the phone's keys the menus do not use (a front end passes them on
	 * to the calls): the hook switch, Messages; the directories and
	 * services keys (runtime/dir) */
	MENU_KEY_HOOK, MENU_KEY_MSGS, MENU_KEY_DIR, MENU_KEY_SERV,
	MENU_KEY__COUNT
};

enum menu_screen {
	MENU_SCR_OFF,       /* no menu: the phone's own screen */
	MENU_SCR_SETTINGS,
	MENU_SCR_NET,       /* Network Configuration */
	MENU_SCR_SIP,       /* SIP Configuration */
	MENU_SCR_LINE,      /* SIP Configuration > Line N */
	MENU_SCR_CALLPREF,  /* Call Preferences */
	MENU_SCR_STATUS,
	MENU_SCR_MESSAGES,  /* Status > Status Messages */
	MENU_SCR_NETSTATS,  /* Status > Network Statistics */
	MENU_SCR_FIRMWARE,  /* Status > Firmware Versions */
	MENU_SCR_EDIT,      /* the Edit panel of one parameter */
	MENU_SCR_PASSWORD,  /* Unlock Config: phone_password */
	MENU_SCR__COUNT
};

/* Limits. */
enum {
	MENU_ITEMS_MAX = 48,    /* items on one list screen */
	MENU_ROWS = LCD_CALL_ROWS, /* items visible at once */
	MENU_DEPTH = 4,         /* screens under Settings */
	MENU_EDIT_MAX = CNF_STR_MAX, /* bytes in the edit buffer */
	MENU_STATUS_MAX = 8,    /* status messages kept */
	MENU_PENDING_MAX = 16,  /* SIP and call preference changes waiting
				 * for Save */
};

#define MENU_FIRMWARE_VERSION "sipphone 1.0 (SIP 7960)"

struct menu_ops {
	/* The effective configuration, as of now. */
	const struct cnf *(*cnf)(void *arg);
	/* LAYER changed: take a new snapshot (and save flash when LAYER
	 * is CNF_LAYER_FLASH).  Returns 0 or -errno. */
	int (*changed)(void *arg, enum cnf_layer_id layer);
	/* The menu's screen changed (may be NULL). */
	void (*redraw)(void *arg);
	/* Network Configuration > Save stored flash: "the phone programs
	 * the new information into Flash memory and resets" (may be NULL). */
	void (*reset)(void *arg);
	/* Network settings edited and not saved: the flash layer as stored
	 * again (may be NULL).  0 or -errno. */
	int (*revert)(void *arg);
};

struct menu_item {
	unsigned char kind;  /* enum menu_item_kind (menu.c) */
	unsigned char arg;   /* target screen, line number */
	unsigned short param; /* enum cnf_param */
};

struct menu_frame {
	unsigned char screen, arg, sel;
};

struct menu {
	struct cnf_layers *layers;
	const struct menu_ops *ops;
	void *arg;
	unsigned char screen;      /* enum menu_screen */
	unsigned char screen_arg;  /* MENU_SCR_LINE: the line, 1..6 */
	unsigned char sel;         /* selected item */
	unsigned char nitems;
	struct menu_item item[MENU_ITEMS_MAX];
	struct menu_frame stack[MENU_DEPTH];
	unsigned char depth;
	bool unlocked;
	bool net_unsaved;          /* network settings wait for Save */
	/* SIP Configuration and Call Preferences changes wait for Save
	 * ("Save ... to save your changes and exit"), the values shown. */
	struct {
		unsigned short param;
		char val[MENU_EDIT_MAX + 1];
	} pend[MENU_PENDING_MAX];
	unsigned npend;
	unsigned short edit_param; /* MENU_SCR_EDIT */
	char edit[MENU_EDIT_MAX + 1];
	unsigned edit_len;
	int tap_key;               /* multi-tap: the key being cycled, -1 */
	unsigned tap_count;
	char note[LCD_WIDTH + 1];  /* one-line answer: "Invalid password" */
	char status[MENU_STATUS_MAX][LCD_WIDTH + 1];
	unsigned nstatus;          /* messages ever added */
};

void menu_init(struct menu *m, struct cnf_layers *layers,
	       const struct menu_ops *ops, void *arg);

/* One key.  Returns 0 when the key was the menu's (the screen changed),
 * -ENOENT when the menu is off and the key is not settings (the phone's
 * own key), -EINVAL for an unknown key. */
int menu_key(struct menu *m, enum menu_key k);
/* A character typed directly into an open text field (a host keyboard);
 * -ENOENT when no text field is open. */
int menu_char(struct menu *m, char c);

bool menu_active(const struct menu *m);
/* An open text field (Edit panel, password): letters are text. */
bool menu_text_entry(const struct menu *m);
enum menu_screen menu_screen(const struct menu *m);
bool menu_unlocked(const struct menu *m);

/* Draw the menu over L (a copy of the phone's screen): the prompt row
 * is the title, the call rows the items, the soft keys the menu's. */
void menu_render(const struct menu *m, struct lcd *l);

/* A boot or registration message for Status > Status Messages. */
void menu_status_message(struct menu *m, const char *msg);

#endif
