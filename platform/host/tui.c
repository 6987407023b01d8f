/*
 * tui.c - the terminal front end: raw mode (termios), keys from stdin in
 * the libuv loop, the keyboard -> phone key map.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "tui.h"

static const char legend[] =
	"keys: 0-9 * #  digits      s  settings      Up/k Down/j  navigate\n"
	"      h  hook (off/on)      m  Messages      d  directories\n"
	"      v  services\n"
	"      F1-F4 or Alt-1..4 (also Enter = soft key 1)  soft keys\n"
	"      in a text field: type letters, Backspace = <<, Enter = 1st\n"
	"      Ctrl-C quits\n";

const char *tui_legend(void)
{
	return legend;
}

static void key(struct tui *t, enum menu_key k)
{
	t->ops->key(t->arg, k);
}

/* ESC [ A / ESC O A (arrows), ESC O P..S and ESC [ 11..14 ~ (F1..F4),
 * ESC 1..4 (Alt-1..4).  Returns 1 when SEQ is complete. */
static int escape(struct tui *t)
{
	const char *s = t->esc;
	unsigned n = t->esc_len;
	char last = s[n - 1];

	if (n < 2)
		return 0;
	if (s[1] >= '1' && s[1] <= '4' && n == 2) {
		key(t, (enum menu_key)(MENU_KEY_SK1 + (s[1] - '1')));
		return 1;
	}
	if (s[1] != '[' && s[1] != 'O')
		return 1; /* unknown: dropped */
	if (n < 3 || !((last >= 'A' && last <= 'Z') || last == '~'))
		return n >= TUI_ESC_MAX; /* more to come, or too long */
	if (last == 'A')
		key(t, MENU_KEY_UP);
	else if (last == 'B')
		key(t, MENU_KEY_DOWN);
	else if (last >= 'P' && last <= 'S' && n == 3)
		key(t, (enum menu_key)(MENU_KEY_SK1 + (last - 'P')));
	else if (last == '~' && n == 5 && s[2] == '1' && s[3] >= '1' &&
		 s[3] <= '4')
		key(t, (enum menu_key)(MENU_KEY_SK1 + (s[3] - '1')));
	return 1;
}

static void plain(struct tui *t, char c)
{
	bool text = t->ops->text_entry && t->ops->text_entry(t->arg);

	if (c == '\r' || c == '\n') {
		key(t, MENU_KEY_SK1);
	} else if (c == 0x7f || c == '\b') {
		if (text)
			key(t, MENU_KEY_SK2); /* << */
	} else if (text && c >= ' ' && c <= '~') {
		t->ops->text(t->arg, c);
	} else if (c >= '0' && c <= '9') {
		key(t, (enum menu_key)(MENU_KEY_0 + (c - '0')));
	} else if (c == '*') {
		key(t, MENU_KEY_STAR);
	} else if (c == '#') {
		key(t, MENU_KEY_POUND);
	} else if (c == 's' || c == 'S') {
		key(t, MENU_KEY_SETTINGS);
	} else if (c == 'h' || c == 'H') {
		key(t, MENU_KEY_HOOK);
	} else if (c == 'm' || c == 'M') {
		key(t, MENU_KEY_MSGS);
	} else if (c == 'd' || c == 'D') {
		key(t, MENU_KEY_DIR);
	} else if (c == 'v' || c == 'V') {
		key(t, MENU_KEY_SERV);
	} else if (c == 'k') {
		key(t, MENU_KEY_UP);
	} else if (c == 'j') {
		key(t, MENU_KEY_DOWN);
	}
}

void tui_feed(struct tui *t, const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = buf[i];

		if (t->esc_len > 0) {
			t->esc[t->esc_len++] = c;
			if (escape(t))
				t->esc_len = 0;
			continue;
		}
		if (c == '\033') {
			t->esc[0] = c;
			t->esc_len = 1;
			continue;
		}
		plain(t, c);
	}
}

static void on_readable(uv_poll_t *h, int status, int events)
{
	struct tui *t = h->data;
	char buf[64];
	ssize_t n;

	if (status < 0 || !(events & UV_READABLE))
		return;
	n = read(t->fd, buf, sizeof(buf));
	if (n > 0) {
		tui_feed(t, buf, (size_t)n);
		return;
	}
	if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
		/* end of input: the phone runs on without a keyboard (the
		 * terminal mode is restored by tui_close) */
		t->open = false;
		uv_close((uv_handle_t *)&t->poll, NULL);
	}
}

int tui_open(struct tui *t, uv_loop_t *uv, int fd, const struct tui_ops *ops,
	     void *arg)
{
	int err;

	memset(t, 0, sizeof(*t));
	t->fd = fd;
	t->ops = ops;
	t->arg = arg;
	if (isatty(fd)) {
		struct termios raw;

		if (tcgetattr(fd, &t->saved))
			return -errno;
		raw = t->saved;
		/* keys one by one, no echo; ISIG stays: Ctrl-C is SIGINT,
		 * which shuts the phone down cleanly */
		raw.c_lflag &= (tcflag_t)~(ICANON | ECHO | IEXTEN);
		raw.c_iflag &= (tcflag_t)~(IXON | ICRNL);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		if (tcsetattr(fd, TCSAFLUSH, &raw))
			return -errno;
		t->raw = true;
		if (write(STDOUT_FILENO, "\033[?25l", 6) < 0) {
			/* the cursor stays visible */
		}
	}
	err = uv_poll_init(uv, &t->poll, fd);
	if (err == 0) {
		t->open = true;
		t->poll.data = t;
		err = uv_poll_start(&t->poll, UV_READABLE, on_readable);
	}
	if (err) {
		tui_close(t);
		return err;
	}
	return 0;
}

void tui_close(struct tui *t)
{
	if (t->raw) {
		if (write(STDOUT_FILENO, "\033[?25h", 6) < 0) {
			/* nothing more to do */
		}
		tcsetattr(t->fd, TCSAFLUSH, &t->saved);
		t->raw = false;
	}
	if (t->open) {
		t->open = false;
		uv_close((uv_handle_t *)&t->poll, NULL);
	}
}
