/*
 * lcd.h - what the 7960's screen shows, as data, and as text.
 *
 * The guide: "Verifying Startup" (the boot messages, then the primary
 * directory number and the soft keys), "Reading the Cisco SIP IP Phone
 * Icons" (Table 2-2: SIP, E.164 or URL dialing with an x when
 * registration failed, locked/unlocked, call on hold or connected, two-way
 * or three-way).  The text rendering is what `test show` prints and what
 * the terminal front end draws: a fixed layout scripts can read.
 */
#ifndef LCD_H
#define LCD_H

#include <stdbool.h>
#include <stddef.h>

enum {
	LCD_LINES = 6,
	LCD_SOFTKEYS = 4,
	LCD_WIDTH = 44,      /* characters between the frame's edges */
	LCD_LABEL_MAX = 24,  /* a line key's text */
	LCD_SOFTKEY_MAX = 10,
	LCD_CALL_ROWS = 3,
	LCD_TEXT_MAX = 1400, /* the whole rendering, frame included */
};

/* Table 2-2 as text. */
enum lcd_icon {
	LCD_ICON_NONE,
	LCD_ICON_E164,        /* "(#)": E.164 dialing */
	LCD_ICON_E164_READY,  /* "[#]": off hook, ready to dial numbers */
	LCD_ICON_URL,         /* "(@)": URL dialing */
	LCD_ICON_URL_READY,   /* "[@]" */
	LCD_ICON_HOLD,        /* "||": a two-way call on hold */
	LCD_ICON_CONNECTED,   /* "<>": a two-way call connected */
	LCD_ICON_CONF_HOLD,   /* "|3|": a three-way call on hold */
	LCD_ICON_CONF,        /* "<3>": a three-way call connected */
};

struct lcd_line {
	char label[LCD_LABEL_MAX];
	enum lcd_icon icon;
	bool reg_failed;      /* "The character x ... registration has failed" */
};

struct lcd {
	char label[LCD_WIDTH + 1];   /* phone_label, top status line */
	char clock[LCD_WIDTH + 1];   /* date and time, as formatted */
	bool locked;                 /* configuration lock icon */
	bool message_waiting;
	struct lcd_line line[LCD_LINES];
	char prompt[LCD_WIDTH + 1];  /* "Requesting Configuration", ... */
	char call[LCD_CALL_ROWS][LCD_WIDTH + 1];
	char softkey[LCD_SOFTKEYS][LCD_SOFTKEY_MAX + 1];
};

const char *lcd_icon_text(enum lcd_icon icon);
/* Set a field, cut to its size (the screen is that wide). */
void lcd_set(char *field, size_t size, const char *text);
#define LCD_SET(field, text) lcd_set((field), sizeof(field), (text))

/* The screen as text: a frame LCD_WIDTH wide; returns the length or
 * -ENOSPC. */
int lcd_render(const struct lcd *l, char *buf, size_t size);

#endif
