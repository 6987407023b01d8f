/*
 * tui.h - the terminal front end (--ui tui): the keyboard as the phone's
 * keys, read in the libuv loop; the terminal in raw mode while it runs.
 *
 * The LCD itself is drawn by main.c (phone_screen_text on every screen
 * change); tui_legend() is the key map printed under it.
 */
#ifndef TUI_H
#define TUI_H

#include <stdbool.h>
#include <termios.h>
#include <uv.h>

#include "menu/menu.h"

enum { TUI_ESC_MAX = 8 }; /* bytes of one escape sequence */

struct tui_ops {
	void (*key)(void *arg, enum menu_key k); /* a phone key */
	void (*text)(void *arg, char c);         /* a letter for a text field */
	bool (*text_entry)(void *arg);           /* is a text field open? */
};

struct tui {
	uv_poll_t poll;
	int fd;
	bool open, raw;
	struct termios saved;
	const struct tui_ops *ops;
	void *arg;
	char esc[TUI_ESC_MAX];
	unsigned esc_len;
};

/* Raw mode on FD (a terminal; otherwise keys are read as they come) and
 * start reading.  Returns 0 or -errno. */
int tui_open(struct tui *t, uv_loop_t *uv, int fd, const struct tui_ops *ops,
	     void *arg);
/* Restore the terminal and stop reading; safe to call twice. */
void tui_close(struct tui *t);
/* Feed bytes as if typed (tests; the poll callback uses it). */
void tui_feed(struct tui *t, const char *buf, size_t len);
/* The key map, shown under the LCD. */
const char *tui_legend(void);

#endif
