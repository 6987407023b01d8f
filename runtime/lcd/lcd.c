/*
 * lcd.c - the screen as text.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lcd/lcd.h"

const char *lcd_icon_text(enum lcd_icon icon)
{
	switch (icon) {
	case LCD_ICON_NONE:
		return "   ";
	case LCD_ICON_E164:
		return "(#)";
	case LCD_ICON_E164_READY:
		return "[#]";
	case LCD_ICON_URL:
		return "(@)";
	case LCD_ICON_URL_READY:
		return "[@]";
	case LCD_ICON_HOLD:
		return "|| ";
	case LCD_ICON_CONNECTED:
		return "<> ";
	case LCD_ICON_CONF_HOLD:
		return "|3|";
	case LCD_ICON_CONF:
		return "<3>";
	}
	return "   ";
}

void lcd_set(char *field, size_t size, const char *text)
{
	size_t n = strlen(text);

	if (n >= size)
		n = size - 1;
	memcpy(field, text, n);
	field[n] = '\0';
}

struct out {
	char *buf;
	size_t size, len;
	int err;
};

static void row(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One row of the frame: "|" text padded to LCD_WIDTH "|". */
static void row(struct out *o, const char *fmt, ...)
{
	char text[LCD_WIDTH * 2 + 1];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if (n > LCD_WIDTH)
		n = LCD_WIDTH; /* the screen is this wide */
	if (o->err)
		return;
	if (o->size - o->len < LCD_WIDTH + 4) {
		o->err = -ENOSPC;
		return;
	}
	o->len += (size_t)snprintf(o->buf + o->len, o->size - o->len,
				   "|%-*.*s|\n", LCD_WIDTH, n, text);
}

static void rule(struct out *o, char c)
{
	if (o->err || o->size - o->len < LCD_WIDTH + 4) {
		o->err = -ENOSPC;
		return;
	}
	o->buf[o->len++] = c == '-' ? '+' : '|';
	memset(o->buf + o->len, c, LCD_WIDTH);
	o->len += LCD_WIDTH;
	o->buf[o->len++] = c == '-' ? '+' : '|';
	o->buf[o->len++] = '\n';
	o->buf[o->len] = '\0';
}

int lcd_render(const struct lcd *l, char *buf, size_t size)
{
	struct out o = {buf, size, 0, 0};
	char skeys[LCD_WIDTH + 1];
	unsigned i;
	int pad;

	if (size == 0)
		return -ENOSPC;
	buf[0] = '\0';
	rule(&o, '-');
	pad = LCD_WIDTH - 4 - (int)strlen(l->label);
	row(&o, "%s%*s %s", l->label, pad > 0 ? pad : 0, l->clock,
	    l->locked ? "[L]" : "[U]");
	rule(&o, '-');
	for (i = 0; i < LCD_LINES; i++) {
		const struct lcd_line *ln = &l->line[i];

		if (!ln->label[0] && ln->icon == LCD_ICON_NONE) {
			row(&o, "%u", i + 1);
			continue;
		}
		row(&o, "%u %s %s%s", i + 1, lcd_icon_text(ln->icon),
		    ln->label, ln->reg_failed ? " x" : "");
	}
	rule(&o, '-');
	row(&o, "%s%s", l->message_waiting ? "[MSG] " : "", l->prompt);
	for (i = 0; i < LCD_CALL_ROWS; i++)
		row(&o, "%s", l->call[i]);
	rule(&o, '-');
	skeys[0] = '\0';
	for (i = 0; i < LCD_SOFTKEYS; i++) {
		size_t used = strlen(skeys);

		snprintf(skeys + used, sizeof(skeys) - used, "%-*s",
			 LCD_WIDTH / LCD_SOFTKEYS, l->softkey[i]);
	}
	row(&o, "%s", skeys);
	rule(&o, '-');
	return o.err ? o.err : (int)o.len;
}
